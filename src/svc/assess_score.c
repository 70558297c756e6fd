/* Scoring of the KAM performance assessment: the rules are stated in
 * assess_score.h, next to the declarations. */
#include "assess_score.h"

#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Comparisons against thresholds forgive floating-point noise: 4.2 - 3.2
 * is 1.0000000000000004 or 0.9999999999999996 depending on the operands. */
#define EPS 1e-9

static const char *const kDims[AS_NDIM] = {"strategy", "solutions", "people", "management",
                                           "evaluation"};
static const char *const kLevels[AS_NLEVEL] = {"corporate", "operational", "customer"};
static const char *const kRoles[AS_NROLE] = {"executive", "sponsor", "kam", "team", "customer"};

const char *as_dim_name(int dim)
{
    return dim >= 0 && dim < AS_NDIM ? kDims[dim] : "?";
}
const char *as_level_name(int level)
{
    return level >= 0 && level < AS_NLEVEL ? kLevels[level] : "?";
}
const char *as_role_name(int role)
{
    return role >= 0 && role < AS_NROLE ? kRoles[role] : "?";
}

static int index_in(const char *const *list, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (str_eq(list[i], s)) return i;
    return -1;
}
int as_dim_parse(const char *s)
{
    return index_in(kDims, AS_NDIM, s);
}
int as_level_parse(const char *s)
{
    return index_in(kLevels, AS_NLEVEL, s);
}
int as_role_parse(const char *s)
{
    return index_in(kRoles, AS_NROLE, s);
}

AsLevel as_rater_level(AsRole role, int64_t account_id)
{
    if (role == AS_CUSTOMER_RATER) return AS_CUSTOMER;
    return account_id ? AS_OPERATIONAL : AS_CORPORATE;
}

const char *as_quadrant_name(AsQuadrant q)
{
    switch (q) {
    case AS_Q_CONCENTRATE:
        return "concentrate_here";
    case AS_Q_KEEP_UP:
        return "keep_up";
    case AS_Q_LOW_PRIORITY:
        return "low_priority";
    case AS_Q_OVERKILL:
        return "possible_overkill";
    case AS_Q_NONE:
        break;
    }
    return "none";
}

const char *as_rec_kind_name(AsRecKind k)
{
    switch (k) {
    case AS_REC_ITEM:
        return "item";
    case AS_REC_DIMENSION:
        return "dimension";
    case AS_REC_CORP_OP:
        return "corporate_operational_gap";
    case AS_REC_RATERS:
        return "rater_gap";
    case AS_REC_EVIDENCE:
        return "evidence";
    }
    return "?";
}

const char *as_trend_name(AsTrend t)
{
    switch (t) {
    case AS_TREND_UP:
        return "up";
    case AS_TREND_DOWN:
        return "down";
    case AS_TREND_FLAT:
        return "flat";
    case AS_TREND_NONE:
        break;
    }
    return "none";
}

/* ------------------------------------------------------------------ rules */

double as_index(double score)
{
    return (score - 1.0) / 4.0 * 100.0;
}

AsValue as_weighted_mean(const AsValue *v, const double *w, int n)
{
    double sw = 0, swv = 0;
    for (int i = 0; i < n; i++) {
        if (!v[i].has || !(w[i] > 0)) continue;
        sw += w[i];
        swv += w[i] * v[i].v;
    }
    return sw > 0 ? (AsValue){true, swv / sw} : (AsValue){false, 0};
}

int as_weakest(const AsValue dim[AS_NDIM], int *nties)
{
    int best = -1, ties = 0;
    for (int d = 0; d < AS_NDIM; d++) {
        if (!dim[d].has) continue;
        if (best < 0 || dim[d].v < dim[best].v - EPS) {
            best = d;
            ties = 1;
        } else if (fabs(dim[d].v - dim[best].v) <= EPS) {
            ties++;
        }
    }
    if (nties) *nties = ties;
    return best;
}

void as_stats(const int *scores, int n, double *mean, double *sd, double *range)
{
    *mean = *sd = *range = 0;
    if (n <= 0) return;
    double s = 0;
    int lo = scores[0], hi = scores[0];
    for (int i = 0; i < n; i++) {
        s += scores[i];
        if (scores[i] < lo) lo = scores[i];
        if (scores[i] > hi) hi = scores[i];
    }
    *mean = s / n;
    double ss = 0;
    for (int i = 0; i < n; i++) ss += (scores[i] - *mean) * (scores[i] - *mean);
    *sd = sqrt(ss / n);
    *range = hi - lo;
}

bool as_gap_flagged(double delta)
{
    return fabs(delta) >= AS_GAP_FLAG - EPS;
}

double as_priority(double importance, double performance)
{
    return importance * (5.0 - performance);
}

AsQuadrant as_quadrant(AsValue importance, AsValue performance)
{
    if (!importance.has || !performance.has) return AS_Q_NONE;
    bool imp = importance.v >= AS_IP_MID - EPS, perf = performance.v >= AS_IP_MID - EPS;
    if (imp) return perf ? AS_Q_KEEP_UP : AS_Q_CONCENTRATE;
    return perf ? AS_Q_OVERKILL : AS_Q_LOW_PRIORITY;
}

double as_evidence_score(double share)
{
    return 1.0 + 4.0 * share;
}

void as_evidence_check(AsValue rating, bool has_evidence, double share, AsEvCheck *out)
{
    out->rating = rating;
    out->has_evidence = has_evidence;
    out->share = has_evidence ? share : 0;
    out->score = has_evidence ? as_evidence_score(share) : 0;
    out->delta = rating.has && has_evidence ? rating.v - out->score : 0;
    out->disagree = rating.has && has_evidence && as_gap_flagged(out->delta);
    out->unsupported = rating.has && rating.v >= AS_HIGH_RATING - EPS &&
                       (!has_evidence || out->score < AS_EVIDENCE_LOW - EPS);
}

AsTrend as_trend(AsValue before, AsValue after)
{
    if (!before.has || !after.has) return AS_TREND_NONE;
    double d = after.v - before.v;
    if (fabs(d) < AS_TREND_STEP - EPS) return AS_TREND_FLAT;
    return d > 0 ? AS_TREND_UP : AS_TREND_DOWN;
}

void as_link(int64_t account_id, int dim, char *out, size_t outn)
{
    if (account_id)
        snprintf(out, outn, "/accounts/%lld#%s", (long long)account_id, as_dim_name(dim));
    else
        snprintf(out, outn, "/programme#%s", as_dim_name(dim));
}

/* ------------------------------------------------------------------ compute */

/* Running sums of one item at one subject (or of one role there). */
typedef struct Acc {
    int n, na, nimp;
    double sum, sumsq, imp;
    int lo, hi;
} Acc;

static void acc_add(Acc *a, int score, int importance)
{
    if (importance >= 1 && importance <= 5) {
        a->nimp++;
        a->imp += importance;
    }
    if (score == 0) {
        a->na++;
        return;
    }
    if (a->n == 0 || score < a->lo) a->lo = score;
    if (a->n == 0 || score > a->hi) a->hi = score;
    a->n++;
    a->sum += score;
    a->sumsq += (double)score * score;
}

static AsItemStat acc_stat(const Acc *a)
{
    AsItemStat s = {.n = a->n, .na = a->na, .nimp = a->nimp};
    if (a->n) {
        s.mean = a->sum / a->n;
        double var = a->sumsq / a->n - s.mean * s.mean;
        s.sd = a->n >= 2 && var > 0 ? sqrt(var) : 0;
        s.range = a->hi - a->lo;
    }
    if (a->nimp) s.imp = a->imp / a->nimp;
    return s;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static int subject_index(const AsResult *r, int64_t account_id)
{
    int lo = 0, hi = r->nsubjects - 1;
    if (account_id == 0) return 0;
    lo = 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int64_t v = r->subject[mid].account_id;
        if (v == account_id) return mid;
        if (v < account_id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

const AsSubject *as_subject(const AsResult *r, int64_t account_id)
{
    int i = subject_index(r, account_id);
    return i < 0 ? NULL : &r->subject[i];
}

/* The programme, then every account of the input (raters' and listed), by id. */
static void make_subjects(Arena *a, const AsInput *in, AsResult *r)
{
    int64_t *ids = ARENA_ARRAY(a, int64_t, in->nraters + in->naccounts + 1);
    int n = 0;
    for (int i = 0; i < in->nraters; i++)
        if (in->raters[i].account_id) ids[n++] = in->raters[i].account_id;
    for (int i = 0; i < in->naccounts; i++)
        if (in->accounts[i]) ids[n++] = in->accounts[i];
    qsort(ids, (size_t)n, sizeof *ids, cmp_i64);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (m == 0 || ids[m - 1] != ids[i]) ids[m++] = ids[i];
    r->nsubjects = m + 1;
    r->subject = ARENA_ARRAY(a, AsSubject, m + 1);
    for (int s = 0; s <= m; s++) {
        AsSubject *sub = &r->subject[s];
        sub->account_id = s ? ids[s - 1] : 0;
        sub->item = ARENA_ARRAY(a, AsItemStat, in->nitems + 1);
        for (int k = 0; k < AS_NROLE; k++)
            sub->role_item[k] = ARENA_ARRAY(a, AsItemStat, in->nitems + 1);
        for (int l = 0; l < AS_NLEVEL; l++) sub->level[l].weakest = -1;
    }
}

/* Dimension scores, their mean, index and weakest from the item stats. */
static void score_level(const AsInput *in, const AsItemStat *st, int level, double *wbuf,
                        AsValue *vbuf, AsLevelScore *out)
{
    for (int d = 0; d < AS_NDIM; d++) {
        int n = 0;
        for (int i = 0; i < in->nitems; i++) {
            if (in->items[i].level != level || in->items[i].dim != d) continue;
            vbuf[n] = (AsValue){st[i].n > 0, st[i].mean};
            wbuf[n] = in->items[i].weight;
            n++;
        }
        out->dim[d] = as_weighted_mean(vbuf, wbuf, n);
    }
}

static void finish_level(AsLevelScore *l)
{
    double s = 0;
    int n = 0;
    for (int d = 0; d < AS_NDIM; d++)
        if (l->dim[d].has) {
            s += l->dim[d].v;
            n++;
        }
    l->mean = n ? (AsValue){true, s / n} : (AsValue){false, 0};
    l->index = l->mean.has ? as_index(l->mean.v) : 0;
    l->weakest = as_weakest(l->dim, &l->nweakest);
    l->coverage = l->expected ? (double)l->scored / l->expected : 0;
}

/* Accumulator of one rater-vs-rater comparison over subjects. */
typedef struct GapAcc {
    double sum;
    int n;
    int64_t worst_account;
    double worst;
    int item_b;
} GapAcc;

static void gap_add(GapAcc *g, double delta, int64_t account)
{
    g->sum += delta;
    if (g->n == 0 || fabs(delta) > fabs(g->worst) + EPS) {
        g->worst = delta;
        g->worst_account = account;
    }
    g->n++;
}

/* The item of `level` that asks the same aspect as item ia, or -1. */
static int mirror_of(const AsInput *in, int ia, int level)
{
    const AsItem *x = &in->items[ia];
    if (x->level == level) return ia;
    if (!x->mirror || !*x->mirror) return -1;
    for (int i = 0; i < in->nitems; i++)
        if (in->items[i].level == level && str_eq(in->items[i].mirror, x->mirror)) return i;
    return -1;
}

static int pair_index(int a, int b)
{
    /* (0,1) 0 (0,2) 1 (0,3) 2 (0,4) 3 (1,2) 4 (1,3) 5 (1,4) 6 (2,3) 7 (2,4) 8 (3,4) 9 */
    static const int base[AS_NROLE] = {0, 4, 7, 9, 10};
    return base[a] + (b - a - 1);
}
#define NPAIRS 10

static void role_gaps(Arena *a, const AsInput *in, AsResult *r)
{
    int ni = in->nitems;
    /* [pair][scope 0/1][item] and [pair][scope][dim] */
    GapAcc *asp = ARENA_ARRAY(a, GapAcc, NPAIRS * 2 * (ni + 1));
    GapAcc *dim = ARENA_ARRAY(a, GapAcc, NPAIRS * 2 * AS_NDIM);
    for (int s = 0; s < r->nsubjects; s++) {
        const AsSubject *sub = &r->subject[s];
        int scope = s == 0 ? 0 : 1;
        for (int ra = 0; ra < AS_NROLE; ra++)
            for (int rb = ra + 1; rb < AS_NROLE; rb++) {
                int la = as_rater_level((AsRole)ra, sub->account_id);
                int lb = as_rater_level((AsRole)rb, sub->account_id);
                double dsum[AS_NDIM] = {0}, dw[AS_NDIM] = {0};
                int p = pair_index(ra, rb);
                for (int ia = 0; ia < ni; ia++) {
                    if (in->items[ia].level != la || sub->role_item[ra][ia].n == 0) continue;
                    int ib = mirror_of(in, ia, lb);
                    if (ib < 0 || sub->role_item[rb][ib].n == 0) continue;
                    double delta = sub->role_item[ra][ia].mean - sub->role_item[rb][ib].mean;
                    GapAcc *g = &asp[(p * 2 + scope) * (ni + 1) + ia];
                    g->item_b = ib;
                    gap_add(g, delta, sub->account_id);
                    int d = in->items[ia].dim;
                    double w = in->items[ia].weight > 0 ? in->items[ia].weight : 0;
                    dsum[d] += w * delta;
                    dw[d] += w;
                }
                for (int d = 0; d < AS_NDIM; d++)
                    if (dw[d] > 0)
                        gap_add(&dim[(p * 2 + scope) * AS_NDIM + d], dsum[d] / dw[d],
                                sub->account_id);
            }
    }
    int cap = 16, n = 0;
    r->gaps = ARENA_ARRAY(a, AsRoleGap, cap);
    for (int ra = 0; ra < AS_NROLE; ra++)
        for (int rb = ra + 1; rb < AS_NROLE; rb++)
            for (int scope = 0; scope < 2; scope++)
                for (int d = 0; d < AS_NDIM; d++)
                    for (int ia = -1; ia < ni; ia++) {
                        int p = pair_index(ra, rb);
                        const GapAcc *g = ia < 0 ? &dim[(p * 2 + scope) * AS_NDIM + d]
                                                 : &asp[(p * 2 + scope) * (ni + 1) + ia];
                        if (g->n == 0 || (ia >= 0 && in->items[ia].dim != d)) continue;
                        if (n == cap) {
                            r->gaps = arena_realloc(a, r->gaps, sizeof(AsRoleGap) * (size_t)cap,
                                                    sizeof(AsRoleGap) * (size_t)cap * 2);
                            cap *= 2;
                        }
                        AsRoleGap *o = &r->gaps[n++];
                        o->a = ra;
                        o->b = rb;
                        o->scope = scope ? AS_OPERATIONAL : AS_CORPORATE;
                        o->dim = d;
                        o->item = ia;
                        o->item_b = ia < 0 ? -1 : g->item_b;
                        o->delta = g->sum / g->n;
                        o->n = g->n;
                        o->flagged = as_gap_flagged(o->delta);
                        o->worst_account = g->worst_account;
                        o->worst_delta = g->worst;
                    }
    r->ngaps = n;
}

/* Mean importance given over every subject on one item (item >= 0), or on
 * the items of a dimension at the levels in the mask (1 << AsLevel); *given
 * false, and AS_DEFAULT_IMP returned, when nobody gave one. */
static double importance_of(const AsInput *in, const AsResult *r, unsigned levels, int dim,
                            int item, bool *given)
{
    double s = 0;
    int n = 0;
    for (int i = 0; i < in->nitems; i++) {
        if (item >= 0 ? i != item
                      : (in->items[i].dim != dim || !(levels & (1u << in->items[i].level))))
            continue;
        for (int k = 0; k < r->nsubjects; k++) {
            const AsItemStat *st = &r->subject[k].item[i];
            s += st->imp * st->nimp;
            n += st->nimp;
        }
    }
    *given = n > 0;
    return n ? s / n : AS_DEFAULT_IMP;
}

/* The account with the lowest score of a dimension at a level, or of an
 * item (item >= 0); 0 when no account has one. Ties: the lowest id. */
static int64_t weakest_account(const AsResult *r, int level, int dim, int item)
{
    int64_t best = 0;
    double bv = 0;
    for (int s = 1; s < r->nsubjects; s++) {
        const AsSubject *sub = &r->subject[s];
        AsValue v = item >= 0 ? (AsValue){sub->item[item].n > 0, sub->item[item].mean}
                              : sub->level[level].dim[dim];
        if (v.has && (!best || v.v < bv - EPS)) {
            best = sub->account_id;
            bv = v.v;
        }
    }
    return best;
}

static AsRec *rec_new(Arena *a, AsResult *r, int *cap)
{
    if (r->nrec == *cap) {
        r->rec = arena_realloc(a, r->rec, sizeof(AsRec) * (size_t)*cap,
                               sizeof(AsRec) * (size_t)*cap * 2);
        *cap *= 2;
    }
    AsRec *x = &r->rec[r->nrec++];
    memset(x, 0, sizeof *x);
    x->item = -1;
    x->gap = -1;
    return x;
}

static int cmp_rec(const void *x, const void *y)
{
    const AsRec *a = x, *b = y;
    if (fabs(a->urgency - b->urgency) > EPS) return a->urgency > b->urgency ? -1 : 1;
    if (a->kind != b->kind) return (int)a->kind - (int)b->kind;
    if (a->level != b->level) return a->level - b->level;
    if (a->dim != b->dim) return a->dim - b->dim;
    if (a->item != b->item) return a->item - b->item;
    if (a->gap != b->gap) return a->gap - b->gap;
    return (a->account_id > b->account_id) - (a->account_id < b->account_id);
}

static void recommend(Arena *a, const AsInput *in, AsResult *r)
{
    int cap = 16;
    r->rec = ARENA_ARRAY(a, AsRec, cap);
    r->nrec = 0;
    /* important items that score low */
    for (int i = 0; i < in->nitems; i++) {
        const AsIp *ip = &r->ip[i];
        if (ip->quadrant != AS_Q_CONCENTRATE) continue;
        AsRec *x = rec_new(a, r, &cap);
        x->kind = AS_REC_ITEM;
        x->level = in->items[i].level;
        x->dim = in->items[i].dim;
        x->item = i;
        x->score = ip->performance.v;
        x->importance = ip->importance.v;
        x->importance_given = true;
        x->points = 5.0 - ip->performance.v;
        x->account_id = x->level == AS_CORPORATE ? 0 : weakest_account(r, x->level, x->dim, i);
    }
    /* weak dimensions */
    for (int l = 0; l < AS_NLEVEL; l++)
        for (int d = 0; d < AS_NDIM; d++) {
            AsValue v = r->level[l].dim[d];
            if (!v.has || v.v >= AS_WEAK_DIM - EPS) continue;
            AsRec *x = rec_new(a, r, &cap);
            x->kind = AS_REC_DIMENSION;
            x->level = l;
            x->dim = d;
            x->score = v.v;
            x->importance = importance_of(in, r, 1u << l, d, -1, &x->importance_given);
            x->points = 5.0 - v.v;
            x->account_id = l == AS_CORPORATE ? 0 : weakest_account(r, l, d, -1);
        }
    /* corporate vs operational */
    for (int d = 0; d < AS_NDIM; d++) {
        const AsCorpOpGap *g = &r->corp_op[d];
        if (!g->flagged) continue;
        AsRec *x = rec_new(a, r, &cap);
        x->kind = AS_REC_CORP_OP;
        x->dim = d;
        x->level = g->delta < 0 ? AS_CORPORATE : AS_OPERATIONAL;
        x->score = g->delta < 0 ? g->corporate.v : g->operational.v;
        x->importance = importance_of(in, r, 1u << AS_CORPORATE | 1u << AS_OPERATIONAL, d, -1,
                                      &x->importance_given);
        x->points = fabs(g->delta);
        x->account_id = x->level == AS_CORPORATE ? 0 : weakest_account(r, AS_OPERATIONAL, d, -1);
    }
    /* rater vs rater */
    for (int k = 0; k < r->ngaps; k++) {
        const AsRoleGap *g = &r->gaps[k];
        if (!g->flagged) continue;
        if (g->item < 0) { /* a dimension: only when none of its aspects is flagged */
            bool aspect = false;
            for (int j = 0; j < r->ngaps; j++) {
                const AsRoleGap *h = &r->gaps[j];
                if (h->item >= 0 && h->flagged && h->a == g->a && h->b == g->b &&
                    h->scope == g->scope && h->dim == g->dim)
                    aspect = true;
            }
            if (aspect) continue;
        }
        AsRec *x = rec_new(a, r, &cap);
        x->kind = AS_REC_RATERS;
        x->gap = k;
        x->level = g->scope;
        x->dim = g->dim;
        x->item = g->item;
        /* an aspect: a's item; a dimension: its items at a's level */
        unsigned la = 1u << as_rater_level((AsRole)g->a, g->scope == AS_CORPORATE ? 0 : 1);
        x->importance = importance_of(in, r, la, g->dim, g->item, &x->importance_given);
        x->points = fabs(g->delta);
        x->score = g->delta;
        x->account_id = g->scope == AS_CORPORATE ? 0 : g->worst_account;
    }
    /* ratings against evidence, one per item */
    for (int i = 0; i < in->nitems; i++) {
        int count = 0, of = 0;
        double pts = 0, rating = 0, worst = -1;
        int64_t where = 0;
        for (int k = 0; k < r->nev; k++) {
            const AsEvCheck *e = &r->ev[k];
            if (e->item != i || !e->rating.has) continue;
            of++;
            if (!e->disagree && !e->unsupported) continue;
            double p = e->has_evidence ? fabs(e->delta) : 1.0;
            count++;
            pts += p;
            rating += e->rating.v;
            if (p > worst + EPS) {
                worst = p;
                where = e->account_id;
            }
        }
        if (!count) continue;
        AsRec *x = rec_new(a, r, &cap);
        x->kind = AS_REC_EVIDENCE;
        x->level = in->items[i].level;
        x->dim = in->items[i].dim;
        x->item = i;
        x->count = count;
        x->of = of;
        x->score = rating / count;
        x->points = pts / count;
        x->importance = importance_of(in, r, 0, x->dim, i, &x->importance_given);
        x->account_id = where;
    }
    for (int k = 0; k < r->nrec; k++) r->rec[k].urgency = r->rec[k].importance * r->rec[k].points;
    qsort(r->rec, (size_t)r->nrec, sizeof(AsRec), cmp_rec);
    for (int k = 0; k < r->nrec; k++) r->rec[k].rank = k + 1;
}

void as_compute(Arena *a, const AsInput *in, AsResult *out)
{
    memset(out, 0, sizeof *out);
    int ni = in->nitems;
    out->nitems = ni;
    make_subjects(a, in, out);
    int ns = out->nsubjects;
    Acc *acc = ARENA_ARRAY(a, Acc, (size_t)ns * (size_t)(ni + 1));
    Acc *racc = ARENA_ARRAY(a, Acc, (size_t)ns * AS_NROLE * (size_t)(ni + 1));
    int *rsub = ARENA_ARRAY(a, int, in->nraters + 1);

    /* who rates which subject, and what each rater is expected to answer */
    int nlevel_items[AS_NLEVEL] = {0};
    for (int i = 0; i < ni; i++)
        if (in->items[i].level >= 0 && in->items[i].level < AS_NLEVEL)
            nlevel_items[in->items[i].level]++;
    for (int k = 0; k < in->nraters; k++) {
        const AsRater *ra = &in->raters[k];
        rsub[k] = subject_index(out, ra->account_id);
        if (rsub[k] < 0 || ra->role < 0 || ra->role >= AS_NROLE) continue;
        int l = as_rater_level((AsRole)ra->role, ra->account_id);
        out->subject[rsub[k]].level[l].expected += nlevel_items[l];
    }
    for (int k = 0; k < in->nanswers; k++) {
        const AsAnswer *an = &in->answers[k];
        if (an->rater < 0 || an->rater >= in->nraters || an->item < 0 || an->item >= ni) continue;
        const AsRater *ra = &in->raters[an->rater];
        int s = rsub[an->rater];
        if (s < 0 || ra->role < 0 || ra->role >= AS_NROLE) continue;
        int l = as_rater_level((AsRole)ra->role, ra->account_id);
        if (in->items[an->item].level != l) continue; /* not this rater's question */
        if (an->score < 0 || an->score > 5) continue;
        acc_add(&acc[(size_t)s * (size_t)(ni + 1) + (size_t)an->item], an->score, an->importance);
        acc_add(
            &racc[((size_t)s * AS_NROLE + (size_t)ra->role) * (size_t)(ni + 1) + (size_t)an->item],
            an->score, an->importance);
        if (an->score)
            out->subject[s].level[l].scored++;
        else
            out->subject[s].level[l].na++;
    }

    double *wbuf = ARENA_ARRAY(a, double, ni + 1);
    AsValue *vbuf = ARENA_ARRAY(a, AsValue, ni + 1);
    for (int s = 0; s < ns; s++) {
        AsSubject *sub = &out->subject[s];
        for (int i = 0; i < ni; i++) {
            sub->item[i] = acc_stat(&acc[(size_t)s * (size_t)(ni + 1) + (size_t)i]);
            for (int ro = 0; ro < AS_NROLE; ro++)
                sub->role_item[ro][i] = acc_stat(
                    &racc[((size_t)s * AS_NROLE + (size_t)ro) * (size_t)(ni + 1) + (size_t)i]);
        }
        for (int l = 0; l < AS_NLEVEL; l++) {
            score_level(in, sub->item, l, wbuf, vbuf, &sub->level[l]);
            finish_level(&sub->level[l]);
        }
    }

    /* the round: the programme's corporate scores; the accounts' means */
    out->level[AS_CORPORATE] = out->subject[0].level[AS_CORPORATE];
    for (int l = AS_OPERATIONAL; l < AS_NLEVEL; l++) {
        AsLevelScore *L = &out->level[l];
        for (int d = 0; d < AS_NDIM; d++) {
            double s = 0;
            int n = 0;
            for (int k = 1; k < ns; k++)
                if (out->subject[k].level[l].dim[d].has) {
                    s += out->subject[k].level[l].dim[d].v;
                    n++;
                }
            L->dim[d] = n ? (AsValue){true, s / n} : (AsValue){false, 0};
        }
        for (int k = 1; k < ns; k++) {
            L->expected += out->subject[k].level[l].expected;
            L->scored += out->subject[k].level[l].scored;
            L->na += out->subject[k].level[l].na;
        }
        finish_level(L);
    }

    for (int d = 0; d < AS_NDIM; d++) {
        AsCorpOpGap *g = &out->corp_op[d];
        g->corporate = out->level[AS_CORPORATE].dim[d];
        g->operational = out->level[AS_OPERATIONAL].dim[d];
        g->has = g->corporate.has && g->operational.has;
        g->delta = g->has ? g->corporate.v - g->operational.v : 0;
        g->flagged = g->has && as_gap_flagged(g->delta);
    }

    role_gaps(a, in, out);

    /* spread and importance-performance per item */
    out->spread = ARENA_ARRAY(a, AsSpread, ni + 1);
    out->ip = ARENA_ARRAY(a, AsIp, ni + 1);
    for (int i = 0; i < ni; i++) {
        AsSpread *sp = &out->spread[i];
        double perf = 0, imp = 0;
        int nperf = 0, nimp = 0;
        for (int s = 0; s < ns; s++) {
            const AsItemStat *st = &out->subject[s].item[i];
            if (st->n >= 2) {
                sp->sd += st->sd;
                if (st->range > sp->range) sp->range = st->range;
                sp->n++;
            }
            if (st->n) {
                perf += st->mean;
                nperf++;
            }
            imp += st->imp * st->nimp;
            nimp += st->nimp;
        }
        if (sp->n) sp->sd /= sp->n;
        AsIp *ip = &out->ip[i];
        ip->performance = nperf ? (AsValue){true, perf / nperf} : (AsValue){false, 0};
        ip->importance = nimp ? (AsValue){true, imp / nimp} : (AsValue){false, 0};
        ip->priority = ip->performance.has && ip->importance.has
                           ? as_priority(ip->importance.v, ip->performance.v)
                           : 0;
        ip->quadrant = as_quadrant(ip->importance, ip->performance);
    }
    for (int l = 0; l < AS_NLEVEL; l++)
        for (int d = 0; d < AS_NDIM; d++) {
            double s = 0;
            int n = 0;
            for (int i = 0; i < ni; i++)
                if (in->items[i].level == l && in->items[i].dim == d && out->spread[i].n) {
                    s += out->spread[i].sd;
                    n++;
                }
            out->dim_spread[l][d] = n ? (AsValue){true, s / n} : (AsValue){false, 0};
        }

    /* ratings against evidence */
    out->ev = ARENA_ARRAY(a, AsEvCheck, in->nevidence + 1);
    out->nev = 0;
    for (int k = 0; k < in->nevidence; k++) {
        const AsEvidence *e = &in->evidence[k];
        if (e->item < 0 || e->item >= ni) continue;
        int s = subject_index(out, e->account_id);
        AsValue rating = {false, 0};
        if (s >= 0 && out->subject[s].item[e->item].n)
            rating = (AsValue){true, out->subject[s].item[e->item].mean};
        AsEvCheck *c = &out->ev[out->nev++];
        as_evidence_check(rating, e->has, e->share, c);
        c->item = e->item;
        c->account_id = e->account_id;
    }

    recommend(a, in, out);
}
