/* The portfolio: weighted criteria scores, quadrants and what-if. The rules
 * are stated in portfolio.h. */
#include "portfolio.h"

#include "acl.h"
#include "entity.h"
#include "../core/buf.h"
#include "../core/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WEIGHT_EPS 1e-6

const char *pf_set_name(PfSet s)
{
    return s == PF_STRENGTH ? "strength" : "attractiveness";
}

const char *pf_quadrant_name(PfQuadrant q)
{
    switch (q) {
    case PF_STRATEGIC:
        return "strategic";
    case PF_DEVELOPMENT:
        return "development";
    case PF_MAINTENANCE:
        return "maintenance";
    case PF_OPPORTUNISTIC:
        return "opportunistic";
    case PF_UNPLACED:
        break;
    }
    return "unplaced";
}

/* ------------------------------------------------------------------ pure */

void pf_stat(const double *v, int n, PfStat *out)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    if (n <= 0) return;
    double sum = 0;
    out->min = out->max = v[0];
    for (int i = 0; i < n; i++) {
        sum += v[i];
        if (v[i] < out->min) out->min = v[i];
        if (v[i] > out->max) out->max = v[i];
    }
    out->mean = sum / n;
    double ss = 0;
    for (int i = 0; i < n; i++) ss += (v[i] - out->mean) * (v[i] - out->mean);
    out->sd = sqrt(ss / n);
    out->range = out->max - out->min;
}

ErrCode pf_check_weights(const PfCriterion *crit, int ncrit, Err *err)
{
    for (int s = 0; s < PF_NSETS; s++) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < ncrit; i++)
            if ((int)crit[i].set == s) {
                sum += crit[i].weight;
                n++;
            }
        if (n == 0)
            return err_set(
                err, KAM_EINPUT,
                "selection criteria set \xE2\x80\x9C%s\xE2\x80\x9D has no active criteria",
                pf_set_name((PfSet)s));
        if (fabs(sum - 100.0) > WEIGHT_EPS)
            return err_set(err, KAM_EINPUT,
                           "selection criteria set \xE2\x80\x9C%s\xE2\x80\x9D has weights summing "
                           "to %g, not 100",
                           pf_set_name((PfSet)s), sum);
    }
    return KAM_OK;
}

PfQuadrant pf_quadrant(const PfSetScore set[PF_NSETS], PfThresholds th)
{
    if (!set[PF_ATTRACTIVENESS].scored || !set[PF_STRENGTH].scored) return PF_UNPLACED;
    bool attr = set[PF_ATTRACTIVENESS].score >= th.attractiveness;
    bool str = set[PF_STRENGTH].score >= th.strength;
    if (attr) return str ? PF_STRATEGIC : PF_DEVELOPMENT;
    return str ? PF_MAINTENANCE : PF_OPPORTUNISTIC;
}

static int find_id(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id) return i;
    return -1;
}

/* Index of account id among the sorted (id, position) pairs, or -1. */
typedef struct IdPos {
    int64_t id;
    int pos;
} IdPos;

static int cmp_idpos(const void *a, const void *b)
{
    int64_t x = ((const IdPos *)a)->id, y = ((const IdPos *)b)->id;
    return x < y ? -1 : x > y;
}

ErrCode pf_compute(Arena *a, const PfCriterion *crit, int ncrit, const PfScore *scores, int nscores,
                   const int64_t *accounts, int nacc, PfThresholds th, PfResult *out, Err *err)
{
    if (pf_check_weights(crit, ncrit, err)) return err->code;
    int64_t *crit_ids = ARENA_ARRAY(a, int64_t, ncrit + 1);
    for (int i = 0; i < ncrit; i++) crit_ids[i] = crit[i].id;
    IdPos *index = ARENA_ARRAY(a, IdPos, nacc + 1);
    for (int i = 0; i < nacc; i++) index[i] = (IdPos){accounts[i], i};
    qsort(index, (size_t)nacc, sizeof *index, cmp_idpos);

    /* the scores of each (account, criterion) cell, gathered in one pass */
    size_t ncell = (size_t)nacc * (size_t)ncrit;
    int *count = ARENA_ARRAY(a, int, ncell + 1);
    int *cell_of = ARENA_ARRAY(a, int, nscores + 1);
    for (int i = 0; i < nscores; i++) {
        cell_of[i] = -1;
        IdPos key = {scores[i].account_id, 0};
        IdPos *hit = bsearch(&key, index, (size_t)nacc, sizeof *index, cmp_idpos);
        int ci = find_id(crit_ids, ncrit, scores[i].criterion_id);
        if (!hit || ci < 0) continue;
        cell_of[i] = hit->pos * ncrit + ci;
        count[cell_of[i]]++;
    }
    double **vals = ARENA_ARRAY(a, double *, ncell + 1);
    int *fill = ARENA_ARRAY(a, int, ncell + 1);
    for (size_t k = 0; k < ncell; k++) vals[k] = ARENA_ARRAY(a, double, count[k] + 1);
    for (int i = 0; i < nscores; i++)
        if (cell_of[i] >= 0) vals[cell_of[i]][fill[cell_of[i]]++] = scores[i].score;

    for (int r = 0; r < nacc; r++) {
        PfResult *res = &out[r];
        memset(res, 0, sizeof *res);
        res->account_id = accounts[r];
        res->crit = ARENA_ARRAY(a, PfStat, ncrit + 1);
        double wsum[PF_NSETS] = {0}, wmean[PF_NSETS] = {0};
        for (int ci = 0; ci < ncrit; ci++) {
            size_t k = (size_t)r * (size_t)ncrit + (size_t)ci;
            pf_stat(vals[k], count[k], &res->crit[ci]);
            if (count[k] == 0) continue;
            wsum[crit[ci].set] += crit[ci].weight;
            wmean[crit[ci].set] += crit[ci].weight * res->crit[ci].mean;
        }
        res->complete = true;
        for (int s = 0; s < PF_NSETS; s++) {
            res->set[s].coverage = wsum[s] / 100.0;
            res->set[s].scored = wsum[s] > WEIGHT_EPS;
            if (res->set[s].scored) res->set[s].score = wmean[s] / wsum[s];
            if (wsum[s] < 100.0 - WEIGHT_EPS) res->complete = false;
        }
        res->quadrant = pf_quadrant(res->set, th);
    }
    return KAM_OK;
}

ErrCode pf_apply_weights(Arena *a, const PfCriterion *crit, int ncrit, const PfWeight *w, int nw,
                         PfCriterion **out, Err *err)
{
    PfCriterion *c = ARENA_ARRAY(a, PfCriterion, ncrit + 1);
    memcpy(c, crit, sizeof *c * (size_t)ncrit);
    for (int i = 0; i < nw; i++) {
        int k = 0;
        while (k < ncrit && !str_eq(c[k].code, w[i].code)) k++;
        if (k == ncrit) {
            Buf codes;
            buf_init(&codes, a);
            for (int j = 0; j < ncrit; j++) buf_printf(&codes, "%s%s", j ? ", " : "", c[j].code);
            return err_set(err, KAM_EINPUT,
                           "weights: there is no active criterion \"%s\" (codes: %s)", w[i].code,
                           buf_cstr(&codes));
        }
        if (!(w[i].weight >= 0 && w[i].weight <= 100))
            return err_set(err, KAM_EINPUT, "weights: %s=%g is outside 0 to 100", w[i].code,
                           w[i].weight);
        c[k].weight = w[i].weight;
    }
    *out = c;
    return KAM_OK;
}

int pf_moves(Arena *a, const PfResult *now, const PfResult *then, int nacc, PfMove **moves)
{
    PfMove *m = ARENA_ARRAY(a, PfMove, nacc + 1);
    int n = 0;
    for (int i = 0; i < nacc; i++) {
        if (now[i].quadrant == then[i].quadrant) continue;
        m[n].account_id = now[i].account_id;
        m[n].from = now[i].quadrant;
        m[n].to = then[i].quadrant;
        memcpy(m[n].now, now[i].set, sizeof m[n].now);
        memcpy(m[n].then, then[i].set, sizeof m[n].then);
        n++;
    }
    *moves = m;
    return n;
}

ErrCode pf_parse_weights(Arena *a, const char *spec, PfWeight **out, int *n, Err *err)
{
    *n = 0;
    if (!spec || !*spec)
        return err_set(err, KAM_EINPUT, "weights: give CODE=WEIGHT pairs separated by commas");
    int cap = 1;
    for (const char *p = spec; *p; p++) cap += *p == ',';
    PfWeight *w = ARENA_ARRAY(a, PfWeight, cap);
    char *copy = arena_strdup(a, spec);
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq)
            return err_set(err, KAM_EINPUT, "weights: \"%s\" is not CODE=WEIGHT", str_trim(item));
        *eq = 0;
        const char *code = str_trim(item);
        double v;
        if (!*code || !parse_double(eq + 1, false, &v))
            return err_set(err, KAM_EINPUT, "weights: \"%s=%s\" is not CODE=WEIGHT with a number",
                           code, eq + 1);
        for (int i = 0; i < *n; i++)
            if (str_eq(w[i].code, code))
                return err_set(err, KAM_EINPUT, "weights: %s is given twice", code);
        w[*n].code = code;
        w[*n].weight = v;
        (*n)++;
    }
    if (*n == 0)
        return err_set(err, KAM_EINPUT, "weights: give CODE=WEIGHT pairs separated by commas");
    *out = w;
    return KAM_OK;
}

/* ------------------------------------------------------------------ store */

/* Portfolio views are corporate: those who see the programme. */
static ErrCode check_programme_read(Ctx *c)
{
    if (!acl_sees_programme(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN, "your role (%s) may not see the portfolio",
                       role_name(c->actor.role));
    return KAM_OK;
}

static ErrCode load_criteria(Ctx *c, Portfolio *p)
{
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT id, criterion_set, code, name_en, name_it, weight FROM criterion"
                          " WHERE active = 1 ORDER BY criterion_set, sort, id",
                          DB_NOARGS);
    if (!st) return c->err->code;
    int cap = 16;
    p->crit = ARENA_ARRAY(c->arena, PfCriterion, cap);
    p->ncrit = 0;
    while (db_next(st)) {
        if (p->ncrit == cap) {
            p->crit = arena_realloc(c->arena, p->crit, sizeof *p->crit * (size_t)cap,
                                    sizeof *p->crit * (size_t)cap * 2);
            cap *= 2;
        }
        PfCriterion *k = &p->crit[p->ncrit++];
        k->id = db_int(st, 0);
        k->set = str_eq(db_text(st, 1), "strength") ? PF_STRENGTH : PF_ATTRACTIVENESS;
        k->code = arena_strdup(c->arena, db_text(st, 2));
        k->name = arena_strdup(c->arena, db_text(st, str_eq(c->lang, "it") ? 4 : 3));
        k->weight = db_real(st, 5);
    }
    return db_done(st);
}

static ErrCode load_accounts_and_scores(Ctx *c, Portfolio *p)
{
    DbArg args[8];
    int nargs = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql, "SELECT a.id, a.name, a.status, a.revenue FROM account a WHERE 1 = 1");
    acl_account_filter(&c->actor, "a.id", &sql, args, &nargs);
    buf_puts(&sql, " ORDER BY a.name, a.id");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, nargs);
    if (!st) return c->err->code;
    int cap = 16;
    p->acct = ARENA_ARRAY(c->arena, PfAccount, cap);
    p->nacc = 0;
    while (db_next(st)) {
        if (p->nacc == cap) {
            p->acct = arena_realloc(c->arena, p->acct, sizeof *p->acct * (size_t)cap,
                                    sizeof *p->acct * (size_t)cap * 2);
            cap *= 2;
        }
        PfAccount *k = &p->acct[p->nacc++];
        k->id = db_int(st, 0);
        k->name = arena_strdup(c->arena, db_text(st, 1));
        k->status = arena_strdup(c->arena, db_text(st, 2));
        k->revenue = db_real(st, 3);
    }
    if (db_done(st)) return c->err->code;

    nargs = 0;
    buf_reset(&sql);
    buf_puts(&sql, "SELECT s.account_id, s.criterion_id, s.scorer_id, s.score FROM criterion_score "
                   "s WHERE 1 = 1");
    acl_account_filter(&c->actor, "s.account_id", &sql, args, &nargs);
    st = db_query(c->db, c->err, buf_cstr(&sql), args, nargs);
    if (!st) return c->err->code;
    cap = 64;
    p->scores = ARENA_ARRAY(c->arena, PfScore, cap);
    p->nscores = 0;
    while (db_next(st)) {
        if (p->nscores == cap) {
            p->scores = arena_realloc(c->arena, p->scores, sizeof *p->scores * (size_t)cap,
                                      sizeof *p->scores * (size_t)cap * 2);
            cap *= 2;
        }
        p->scores[p->nscores++] =
            (PfScore){db_int(st, 0), db_int(st, 1), db_int(st, 2), db_real(st, 3)};
    }
    return db_done(st);
}

static const int64_t *account_ids(Ctx *c, const Portfolio *p)
{
    int64_t *ids = ARENA_ARRAY(c->arena, int64_t, p->nacc + 1);
    for (int i = 0; i < p->nacc; i++) ids[i] = p->acct[i].id;
    return ids;
}

ErrCode pf_load(Ctx *c, Portfolio *p)
{
    memset(p, 0, sizeof *p);
    if (check_programme_read(c)) return c->err->code;
    DbStmt *st =
        db_query(c->db, c->err,
                 "SELECT threshold_attractiveness, threshold_strength FROM programme WHERE id = 1",
                 DB_NOARGS);
    if (!st) return c->err->code;
    p->th = (PfThresholds){5.5, 5.5};
    if (db_next(st)) p->th = (PfThresholds){db_real(st, 0), db_real(st, 1)};
    if (db_done(st)) return c->err->code;
    if (load_criteria(c, p) || load_accounts_and_scores(c, p)) return c->err->code;
    p->res = ARENA_ARRAY(c->arena, PfResult, p->nacc + 1);
    return pf_compute(c->arena, p->crit, p->ncrit, p->scores, p->nscores, account_ids(c, p),
                      p->nacc, p->th, p->res, c->err);
}

ErrCode pf_whatif(Ctx *c, const PfWeight *w, int nw, Portfolio *p, PfMove **moves, int *nmoves)
{
    if (pf_load(c, p)) return c->err->code;
    PfCriterion *alt;
    if (pf_apply_weights(c->arena, p->crit, p->ncrit, w, nw, &alt, c->err)) return c->err->code;
    PfResult *then = ARENA_ARRAY(c->arena, PfResult, p->nacc + 1);
    if (pf_compute(c->arena, alt, p->ncrit, p->scores, p->nscores, account_ids(c, p), p->nacc,
                   p->th, then, c->err)) {
        err_prefix(c->err, "with the what-if weights, ");
        return c->err->code;
    }
    *nmoves = pf_moves(c->arena, p->res, then, p->nacc, moves);
    return KAM_OK;
}

ErrCode pf_score(Ctx *c, int64_t account_id, const char *criterion_code, const char *scorer_login,
                 const char *score, const char *note, bool *replaced)
{
    *replaced = false;
    const EntityDef *def = entity_find("criterion_score");
    int64_t crit_id = 0, scorer = c->actor.user_id;
    ErrCode rc = db_one_int(c->db, c->err, "SELECT id FROM criterion WHERE code = ? AND active = 1",
                            DB_ARGS(DT(criterion_code)), &crit_id);
    if (rc == KAM_ENOTFOUND)
        return err_field(
            c->err, KAM_EINPUT, "criterion",
            "criterion: there is no active selection criterion \"%s\" (see `kam criterion list`)",
            criterion_code);
    if (rc) return rc;
    if (scorer_login) {
        rc = db_one_int(c->db, c->err, "SELECT id FROM app_user WHERE login = ?",
                        DB_ARGS(DT(scorer_login)), &scorer);
        if (rc == KAM_ENOTFOUND)
            return err_field(c->err, KAM_EINPUT, "scorer", "scorer: there is no user \"%s\"",
                             scorer_login);
        if (rc) return rc;
    } else if (!scorer) {
        return err_field(c->err, KAM_EINPUT, "scorer",
                         "scorer: say which user gave the score (--scorer LOGIN)");
    }
    int64_t existing = 0;
    rc = db_one_int(c->db, c->err,
                    "SELECT id FROM criterion_score WHERE account_id = ? AND criterion_id = ? AND "
                    "scorer_id = ?",
                    DB_ARGS(DI(account_id), DI(crit_id), DI(scorer)), &existing);
    if (rc && rc != KAM_ENOTFOUND) return rc;
    err_clear(c->err);
    Record *in = record_new(c, def);
    record_set(c, in, "score", score);
    if (note) record_set(c, in, "note", note);
    Record *out;
    if (existing) {
        Record *cur;
        if (ent_get(c, def, existing, &cur)) return c->err->code;
        record_set(c, in, "scored_on", c->today);
        *replaced = true;
        return ent_update(c, def, existing, cur->version, in, &out, NULL);
    }
    record_set(c, in, "account_id", arena_printf(c->arena, "%lld", (long long)account_id));
    record_set(c, in, "criterion_id", arena_printf(c->arena, "%lld", (long long)crit_id));
    record_set(c, in, "scorer_id", arena_printf(c->arena, "%lld", (long long)scorer));
    return ent_create(c, def, in, &out);
}

ErrCode pf_set_thresholds(Ctx *c, const char *attractiveness, const char *strength)
{
    const EntityDef *def = entity_find("programme");
    Record *cur;
    if (ent_get(c, def, 1, &cur)) return c->err->code;
    Record *in = record_new(c, def);
    if (attractiveness) record_set(c, in, "threshold_attractiveness", attractiveness);
    if (strength) record_set(c, in, "threshold_strength", strength);
    Record *out;
    return ent_update(c, def, 1, cur->version, in, &out, NULL);
}
