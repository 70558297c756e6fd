/* The top-management dashboard: see dashboard.h for every definition. A few
 * aggregate queries (each restricted by the same filter and access
 * condition) fill one row per key or former account; every figure is then
 * counted over those rows, so a figure and its drill-down list always agree. */
#include "dashboard.h"

#include "../core/text.h"
#include "acl.h"
#include "assess.h"
#include "kpi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 16

const char *dash_band_name(DashBand b)
{
    switch (b) {
    case DB_ON_TRACK:
        return "on_track";
    case DB_AT_RISK:
        return "at_risk";
    case DB_OFF_TRACK:
        return "off_track";
    default:
        return "none";
    }
}

static const char *dup_text(Ctx *c, DbStmt *st, int col)
{
    const char *s = db_text(st, col);
    return arena_strdup(c->arena, s ? s : "");
}

/* Append the filter (all but the quadrant) and the access condition on the
 * account alias "a", with their arguments. */
static void filter_sql(Ctx *c, const DashFilter *f, Buf *sql, DbArg *args, int *n)
{
    if (f->kam_id) {
        buf_puts(sql, " AND a.kam_id = ?");
        args[(*n)++] = DI(f->kam_id);
    }
    if (f->industry && *f->industry) {
        buf_puts(sql, " AND a.industry = ?");
        args[(*n)++] = DT(f->industry);
    }
    if (f->country && *f->country) {
        buf_puts(sql, " AND a.country = ?");
        args[(*n)++] = DT(f->country);
    }
    if (f->stage) {
        buf_puts(sql, " AND a.stage = ?");
        args[(*n)++] = DI(f->stage);
    }
    acl_account_filter(&c->actor, "a.id", sql, args, n);
}

ErrCode dash_filter_set(DashFilter *f, const char *name, const char *value, Err *err)
{
    if (!value || !*value) return KAM_OK;
    if (str_eq(name, "kam")) {
        if (!parse_int64(value, &f->kam_id) || f->kam_id <= 0)
            return err_field(err, KAM_EINPUT, "kam", "kam: \"%s\" is not a person id", value);
    } else if (str_eq(name, "industry")) {
        f->industry = value;
    } else if (str_eq(name, "country")) {
        f->country = value;
    } else if (str_eq(name, "stage")) {
        int64_t s;
        if (!parse_int64(value, &s) || s < 1 || s > 5)
            return err_field(err, KAM_EINPUT, "stage", "stage: \"%s\" is not a stage from 1 to 5",
                             value);
        f->stage = (int)s;
    } else if (str_eq(name, "quadrant")) {
        for (int q = 0; q <= PF_OPPORTUNISTIC; q++)
            if (str_eq(value, pf_quadrant_name((PfQuadrant)q))) {
                f->quadrant = q;
                return KAM_OK;
            }
        return err_field(err, KAM_EINPUT, "quadrant",
                         "quadrant: \"%s\" is not one of strategic, development, maintenance, "
                         "opportunistic, unplaced",
                         value);
    }
    return KAM_OK;
}

static int cmp_id(const void *x, const void *y)
{
    const DashAccount *const *a = x, *const *b = y;
    return (*a)->id < (*b)->id ? -1 : (*a)->id > (*b)->id;
}

/* The row of account id, via an id-sorted index; NULL when not among them. */
static DashAccount *row_of(DashAccount **byid, int n, int64_t id)
{
    DashAccount key = {.id = id}, *kp = &key;
    DashAccount **p = bsearch(&kp, byid, (size_t)n, sizeof *byid, cmp_id);
    return p ? *p : NULL;
}

static DashAccount **index_rows(Ctx *c, Dashboard *d)
{
    DashAccount **byid = ARENA_ARRAY(c->arena, DashAccount *, d->nacc + 1);
    for (int i = 0; i < d->nacc; i++) byid[i] = &d->acct[i];
    qsort(byid, (size_t)d->nacc, sizeof *byid, cmp_id);
    return byid;
}

static ErrCode load_programme(Ctx *c, Dashboard *d, PfThresholds *th)
{
    int plan_days = 365;
    *th = (PfThresholds){5.5, 5.5};
    d->target_revenue_share = d->target_margin_share = NAN;
    d->target_key_accounts = -1;
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT target_revenue_share, target_margin_share, target_key_accounts,"
                          " threshold_attractiveness, threshold_strength, plan_max_age_days"
                          " FROM programme WHERE id = 1",
                          DB_NOARGS);
    if (!st) return c->err->code;
    if (db_next(st)) {
        if (!db_isnull(st, 0)) d->target_revenue_share = db_real(st, 0) / 100.0;
        if (!db_isnull(st, 1)) d->target_margin_share = db_real(st, 1) / 100.0;
        if (!db_isnull(st, 2)) d->target_key_accounts = (int)db_int(st, 2);
        *th = (PfThresholds){db_real(st, 3), db_real(st, 4)};
        plan_days = (int)db_int(st, 5);
    }
    if (db_done(st)) return c->err->code;
    snprintf(d->currency, sizeof d->currency, "EUR");
    st = db_query(c->db, c->err, "SELECT currency FROM org WHERE id = 1", DB_NOARGS);
    if (!st) return c->err->code;
    if (db_next(st) && db_text(st, 0))
        snprintf(d->currency, sizeof d->currency, "%s", db_text(st, 0));
    if (db_done(st)) return c->err->code;
    date_from_days(date_days(c->today) - plan_days, d->plan_cutoff);

    int64_t y = 0;
    st = db_query(c->db, c->err, "SELECT MAX(year) FROM company_year", DB_NOARGS);
    if (!st) return c->err->code;
    if (db_next(st) && !db_isnull(st, 0)) y = db_int(st, 0);
    if (db_done(st)) return c->err->code;
    if (!y) {
        st = db_query(c->db, c->err, "SELECT MAX(year) FROM account_year", DB_NOARGS);
        if (!st) return c->err->code;
        if (db_next(st) && !db_isnull(st, 0)) y = db_int(st, 0);
        if (db_done(st)) return c->err->code;
    }
    d->year = (int)y;
    d->prev_year = y ? (int)y - 1 : 0;
    st = db_query(c->db, c->err, "SELECT revenue, margin FROM company_year WHERE year = ?",
                  DB_ARGS(DI(y)));
    if (!st) return c->err->code;
    if (db_next(st)) {
        d->company_revenue = db_real(st, 0);
        d->company_margin = db_real(st, 1);
    }
    return db_done(st);
}

/* Key and former accounts matching the filter, with their yearly figures. */
static ErrCode load_accounts(Ctx *c, Dashboard *d)
{
    DbArg args[MAX_ARGS];
    int n = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(
        &sql,
        "SELECT a.id, a.name, a.status, a.kam_id, a.sponsor_id, a.stage, a.disintegrating,"
        " a.industry, a.country, a.plan_reviewed_on, p.full_name, y.revenue, y.margin, y0.revenue"
        " FROM account a LEFT JOIN person p ON p.id = a.kam_id"
        " LEFT JOIN account_year y ON y.account_id = a.id AND y.year = ?"
        " LEFT JOIN account_year y0 ON y0.account_id = a.id AND y0.year = ?"
        " WHERE a.status IN ('key', 'former')");
    args[n++] = DI(d->year);
    args[n++] = DI(d->prev_year);
    filter_sql(c, &d->filter, &sql, args, &n);
    buf_puts(&sql, " ORDER BY a.name, a.id");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, n);
    if (!st) return c->err->code;
    int cap = 64;
    d->acct = ARENA_ARRAY(c->arena, DashAccount, cap);
    d->nacc = 0;
    while (db_next(st)) {
        if (d->nacc == cap) {
            d->acct = arena_realloc(c->arena, d->acct, sizeof *d->acct * (size_t)cap,
                                    sizeof *d->acct * (size_t)cap * 2);
            cap *= 2;
        }
        DashAccount *k = &d->acct[d->nacc++];
        memset(k, 0, sizeof *k);
        k->id = db_int(st, 0);
        k->name = dup_text(c, st, 1);
        k->status = dup_text(c, st, 2);
        k->kam_id = db_int(st, 3);
        k->sponsor_id = db_int(st, 4);
        k->stage = (int)db_int(st, 5);
        k->disintegrating = db_int(st, 6) == 1;
        k->industry = dup_text(c, st, 7);
        k->country = dup_text(c, st, 8);
        const char *plan = db_text(st, 9);
        k->plan_current = plan && strcmp(plan, d->plan_cutoff) >= 0;
        k->kam = dup_text(c, st, 10);
        k->revenue = db_real(st, 11);
        k->margin = db_real(st, 12);
        k->revenue_prev = db_real(st, 13);
        k->attainment = NAN;
        k->quadrant = PF_UNPLACED;
    }
    return db_done(st);
}

/* Quadrant of every row, with the portfolio's own rules (pf_compute). Weights
 * that do not sum to 100 leave every account unplaced rather than failing. */
static ErrCode place_accounts(Ctx *c, Dashboard *d, PfThresholds th)
{
    if (!d->nacc) return KAM_OK;
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT id, criterion_set, code, weight FROM criterion WHERE active = 1"
                          " ORDER BY criterion_set, sort, id",
                          DB_NOARGS);
    if (!st) return c->err->code;
    int ccap = 16, ncrit = 0;
    PfCriterion *crit = ARENA_ARRAY(c->arena, PfCriterion, ccap);
    while (db_next(st)) {
        if (ncrit == ccap) {
            crit = arena_realloc(c->arena, crit, sizeof *crit * (size_t)ccap,
                                 sizeof *crit * (size_t)ccap * 2);
            ccap *= 2;
        }
        PfCriterion *k = &crit[ncrit++];
        k->id = db_int(st, 0);
        k->set = str_eq(db_text(st, 1), "strength") ? PF_STRENGTH : PF_ATTRACTIVENESS;
        k->code = dup_text(c, st, 2);
        k->name = k->code;
        k->weight = db_real(st, 3);
    }
    if (db_done(st)) return c->err->code;
    if (!ncrit) return KAM_OK;

    DbArg args[MAX_ARGS];
    int n = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql,
             "SELECT s.account_id, s.criterion_id, s.scorer_id, s.score FROM criterion_score s"
             " JOIN account a ON a.id = s.account_id WHERE a.status IN ('key', 'former')");
    filter_sql(c, &d->filter, &sql, args, &n);
    st = db_query(c->db, c->err, buf_cstr(&sql), args, n);
    if (!st) return c->err->code;
    int scap = 256, nscores = 0;
    PfScore *scores = ARENA_ARRAY(c->arena, PfScore, scap);
    while (db_next(st)) {
        if (nscores == scap) {
            scores = arena_realloc(c->arena, scores, sizeof *scores * (size_t)scap,
                                   sizeof *scores * (size_t)scap * 2);
            scap *= 2;
        }
        scores[nscores++] = (PfScore){db_int(st, 0), db_int(st, 1), db_int(st, 2), db_real(st, 3)};
    }
    if (db_done(st)) return c->err->code;

    int64_t *ids = ARENA_ARRAY(c->arena, int64_t, d->nacc);
    for (int i = 0; i < d->nacc; i++) ids[i] = d->acct[i].id;
    PfResult *res = ARENA_ARRAY(c->arena, PfResult, d->nacc);
    Err e = {0};
    if (pf_compute(c->arena, crit, ncrit, scores, nscores, ids, d->nacc, th, res, &e))
        return KAM_OK;
    for (int i = 0; i < d->nacc; i++) d->acct[i].quadrant = res[i].quadrant;
    return KAM_OK;
}

static void apply_quadrant_filter(Dashboard *d)
{
    if (d->filter.quadrant < 0) return;
    int k = 0;
    for (int i = 0; i < d->nacc; i++)
        if ((int)d->acct[i].quadrant == d->filter.quadrant) d->acct[k++] = d->acct[i];
    d->nacc = k;
}

/* Latest measurement of every active KPI with a target, per key account. */
static DashBand band_of(double attainment)
{
    return attainment >= DASH_ON_TRACK - 1e-9  ? DB_ON_TRACK
           : attainment >= DASH_AT_RISK - 1e-9 ? DB_AT_RISK
                                               : DB_OFF_TRACK;
}

/* Mean attainment per key account of the latest measurement of each active
 * KPI with a target; before (a month) non-NULL: the latest before it, for
 * the band at the start of the quarter. */
static ErrCode load_kpis(Ctx *c, Dashboard *d, DashAccount **byid, const char *before)
{
    DbArg args[MAX_ARGS];
    int n = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(
        &sql,
        "SELECT k.account_id, k.direction, COALESCE(m.target, k.target), m.value"
        " FROM kpi k JOIN account a ON a.id = k.account_id"
        " JOIN kpi_measurement m ON m.kpi_id = k.id"
        " AND m.period = (SELECT MAX(m2.period) FROM kpi_measurement m2 WHERE m2.kpi_id = k.id");
    if (before) {
        buf_puts(&sql, " AND m2.period < ?");
        args[n++] = DT(before);
    }
    buf_puts(
        &sql,
        ") WHERE k.active = 1 AND a.status = 'key' AND COALESCE(m.target, k.target) IS NOT NULL");
    filter_sql(c, &d->filter, &sql, args, &n);
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, n);
    if (!st) return c->err->code;
    int *cnt = ARENA_ARRAY(c->arena, int, d->nacc + 1);
    double *sum = ARENA_ARRAY(c->arena, double, d->nacc + 1);
    memset(cnt, 0, sizeof *cnt * (size_t)(d->nacc + 1));
    memset(sum, 0, sizeof *sum * (size_t)(d->nacc + 1));
    while (db_next(st)) {
        DashAccount *k = row_of(byid, d->nacc, db_int(st, 0));
        if (!k) continue;
        KpiDirection dir = str_eq(db_text(st, 1), "lower") ? KPI_LOWER : KPI_HIGHER;
        sum[k - d->acct] += kpi_attainment(dir, db_real(st, 2), db_real(st, 3));
        cnt[k - d->acct]++;
    }
    if (db_done(st)) return c->err->code;
    for (int i = 0; i < d->nacc; i++) {
        DashAccount *k = &d->acct[i];
        if (!cnt[i]) continue;
        if (before) {
            k->band_before = band_of(sum[i] / cnt[i]);
            continue;
        }
        k->nkpi = cnt[i];
        k->attainment = sum[i] / cnt[i];
        k->band = band_of(k->attainment);
    }
    return KAM_OK;
}

static ErrCode load_escalations(Ctx *c, Dashboard *d, DashAccount **byid)
{
    DbArg args[MAX_ARGS];
    int n = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql, "SELECT e.id, e.account_id, e.title, a.name, e.due_on, p.full_name"
                   " FROM escalation e JOIN account a ON a.id = e.account_id"
                   " LEFT JOIN person p ON p.id = e.executive_id"
                   " WHERE e.status = 'open' AND a.status = 'key'");
    filter_sql(c, &d->filter, &sql, args, &n);
    buf_puts(&sql, " ORDER BY CASE WHEN e.due_on IS NULL THEN 1 ELSE 0 END, e.due_on, e.id");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, n);
    if (!st) return c->err->code;
    int cap = 16;
    d->escalations = ARENA_ARRAY(c->arena, DashEscalation, cap);
    while (db_next(st)) {
        DashAccount *k = row_of(byid, d->nacc, db_int(st, 1));
        if (!k) continue;
        if (d->nescalations == cap) {
            d->escalations =
                arena_realloc(c->arena, d->escalations, sizeof *d->escalations * (size_t)cap,
                              sizeof *d->escalations * (size_t)cap * 2);
            cap *= 2;
        }
        DashEscalation *e = &d->escalations[d->nescalations++];
        e->id = db_int(st, 0);
        e->account_id = k->id;
        e->title = dup_text(c, st, 2);
        e->account = dup_text(c, st, 3);
        e->due_on = db_isnull(st, 4) ? NULL : dup_text(c, st, 4);
        e->executive = db_isnull(st, 5) ? NULL : dup_text(c, st, 5);
        e->overdue = e->due_on && strcmp(e->due_on, c->today) < 0;
        k->open_escalations++;
        if (e->overdue) k->overdue_escalations++;
    }
    return db_done(st);
}

/* Revenue of the other (not key) accounts in Y and Y-1. */
static ErrCode load_others(Ctx *c, Dashboard *d)
{
    DbArg args[MAX_ARGS];
    int n = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    const DashFilter *f = &d->filter;
    if (!f->kam_id && !(f->industry && *f->industry) && !(f->country && *f->country) && !f->stage) {
        /* no filter on the account's own fields: leave the (wide) account
         * rows alone and exclude the few key accounts by the status index */
        buf_puts(&sql, "SELECT y.year, SUM(y.revenue) FROM account_year y WHERE y.year IN (?, ?)"
                       " AND y.account_id NOT IN (SELECT id FROM account WHERE status = 'key')");
        args[n++] = DI(d->year);
        args[n++] = DI(d->prev_year);
        acl_account_filter(&c->actor, "y.account_id", &sql, args, &n);
    } else {
        buf_puts(&sql, "SELECT y.year, SUM(y.revenue) FROM account_year y JOIN account a ON a.id = "
                       "y.account_id"
                       " WHERE y.year IN (?, ?) AND a.status <> 'key'");
        args[n++] = DI(d->year);
        args[n++] = DI(d->prev_year);
        filter_sql(c, f, &sql, args, &n);
    }
    buf_puts(&sql, " GROUP BY y.year");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, n);
    if (!st) return c->err->code;
    while (db_next(st)) {
        if (db_int(st, 0) == d->year)
            d->other_revenue = db_real(st, 1);
        else
            d->other_revenue_prev = db_real(st, 1);
    }
    return db_done(st);
}

static double growth(double now, double before)
{
    return before > 0 ? (now - before) / before : NAN;
}

/* Off track now, on track or at risk at the start of the quarter. */
static bool went_off_track(const DashAccount *k)
{
    return k->band == DB_OFF_TRACK &&
           (k->band_before == DB_ON_TRACK || k->band_before == DB_AT_RISK);
}

/* Ascending attainment, then name: the weakest first. */
static int cmp_weak(const void *x, const void *y)
{
    const DashAccount *a = *(const DashAccount *const *)x, *b = *(const DashAccount *const *)y;
    if (a->attainment != b->attainment) return a->attainment < b->attainment ? -1 : 1;
    int s = strcmp(a->name, b->name);
    return s ? s : (a->id < b->id ? -1 : a->id > b->id);
}

static void count_figures(Ctx *c, Dashboard *d)
{
    const DashAccount **cand = ARENA_ARRAY(c->arena, const DashAccount *, d->nacc + 1);
    int ncand = 0;
    for (int i = 0; i < d->nacc; i++) {
        const DashAccount *k = &d->acct[i];
        bool key = str_eq(k->status, "key");
        if (k->revenue_prev > 0) {
            d->retention_base++;
            if (key && k->revenue > 0) d->retained++;
        }
        if (!key) continue;
        d->nkey++;
        d->key_revenue += k->revenue;
        d->key_margin += k->margin;
        d->key_revenue_prev += k->revenue_prev;
        d->quadrant[k->quadrant]++;
        if (k->stage >= 1 && k->stage <= 5) d->stage[k->stage]++;
        if (k->disintegrating) d->disintegrating++;
        if (k->sponsor_id) d->with_sponsor++;
        if (k->plan_current) d->plan_current++;
        d->band[k->band]++;
        if (went_off_track(k)) d->went_off_track++;
        d->open_escalations += k->open_escalations;
        d->overdue_escalations += k->overdue_escalations;
        if (k->nkpi) cand[ncand++] = k;
    }
    d->revenue_share = d->company_revenue > 0 ? d->key_revenue / d->company_revenue : NAN;
    d->margin_share = d->company_margin > 0 ? d->key_margin / d->company_margin : NAN;
    d->growth_key = growth(d->key_revenue, d->key_revenue_prev);
    d->growth_other = growth(d->other_revenue, d->other_revenue_prev);
    qsort(cand, (size_t)ncand, sizeof *cand, cmp_weak);
    d->nweakest = ncand < DASH_WEAKEST ? ncand : DASH_WEAKEST;
    for (int i = 0; i < d->nweakest; i++) d->weakest[i] = (int)(cand[i] - d->acct);
}

/* The assessment rounds' indexes. A failure there (no catalogue yet, a
 * round being edited) leaves the trend empty rather than failing the page. */
static void load_assessment(Ctx *c, Dashboard *d)
{
    AsTrendRow *rows;
    int n = 0;
    Err keep = *c->err;
    if (as_trend_load(c, 0, &rows, &n)) {
        *c->err = keep;
        return;
    }
    d->rounds = ARENA_ARRAY(c->arena, DashRound, n + 1);
    for (int i = 0; i < n; i++) {
        const AsLevelScore *co = &rows[i].level[AS_CORPORATE], *op = &rows[i].level[AS_OPERATIONAL];
        d->rounds[i] = (DashRound){rows[i].round_id, rows[i].name, rows[i].opens_on,
                                   co->mean.has ? co->index : NAN, op->mean.has ? op->index : NAN};
    }
    d->nrounds = n;
}

ErrCode dash_compute(Ctx *c, const DashFilter *f, Dashboard *d)
{
    memset(d, 0, sizeof *d);
    d->filter = *f;
    if (!acl_sees_programme(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN, "your role (%s) may not see the programme dashboard",
                       role_name(c->actor.role));
    PfThresholds th;
    if (load_programme(c, d, &th) || load_accounts(c, d) || place_accounts(c, d, th))
        return c->err->code;
    apply_quadrant_filter(d);
    DashAccount **byid = index_rows(c, d);
    /* the quarter's first month: bands then and now show who went off track */
    int month = atoi(c->today + 5);
    month = month >= 1 && month <= 12 ? (month - 1) / 3 * 3 + 1 : 1;
    memcpy(d->quarter_start, c->today, 4);
    d->quarter_start[4] = '-';
    d->quarter_start[5] = (char)('0' + month / 10);
    d->quarter_start[6] = (char)('0' + month % 10);
    d->quarter_start[7] = '\0';
    if (load_kpis(c, d, byid, NULL) || load_kpis(c, d, byid, d->quarter_start) ||
        load_escalations(c, d, byid) || load_others(c, d))
        return c->err->code;
    count_figures(c, d);
    load_assessment(c, d);
    return KAM_OK;
}

/* Does row k belong to figure? -1: unknown figure. */
static int in_figure(const DashAccount *k, const char *fig)
{
    bool key = str_eq(k->status, "key");
    if (str_eq(fig, "retained")) return k->revenue_prev > 0 && key && k->revenue > 0;
    if (str_eq(fig, "lost")) return k->revenue_prev > 0 && !(key && k->revenue > 0);
    if (str_eq(fig, "retention_base")) return k->revenue_prev > 0;
    if (str_eq(fig, "key")) return key;
    if (str_eq(fig, "sponsor")) return key && k->sponsor_id;
    if (str_eq(fig, "no_sponsor")) return key && !k->sponsor_id;
    if (str_eq(fig, "plan")) return key && k->plan_current;
    if (str_eq(fig, "no_plan")) return key && !k->plan_current;
    if (str_eq(fig, "disintegrating")) return key && k->disintegrating;
    if (str_eq(fig, "escalations")) return key && k->open_escalations > 0;
    if (str_eq(fig, "went_off_track")) return key && went_off_track(k);
    if (str_starts(fig, "band_")) {
        for (int b = 0; b < DB_NBANDS; b++)
            if (str_eq(fig + 5, dash_band_name((DashBand)b))) return key && (int)k->band == b;
        return -1;
    }
    if (str_starts(fig, "quadrant_")) {
        for (int q = 0; q <= PF_OPPORTUNISTIC; q++)
            if (str_eq(fig + 9, pf_quadrant_name((PfQuadrant)q)))
                return key && (int)k->quadrant == q;
        return -1;
    }
    if (str_starts(fig, "stage_") && fig[6] >= '1' && fig[6] <= '5' && !fig[7])
        return key && k->stage == fig[6] - '0';
    return -1;
}

int dash_drill(const Dashboard *d, const char *figure, Arena *a, int **out)
{
    if (!figure) return -1;
    DashAccount probe = {.status = "key"};
    if (in_figure(&probe, figure) < 0) return -1;
    int n = 0;
    int *idx = out ? ARENA_ARRAY(a, int, d->nacc + 1) : NULL;
    for (int i = 0; i < d->nacc; i++)
        if (in_figure(&d->acct[i], figure) > 0) {
            if (idx) idx[n] = i;
            n++;
        }
    if (out) *out = idx;
    return n;
}

/* One list of filter values: rows of (id, text) from sql. */
static ErrCode option_list(Ctx *c, const char *sql, DashOption **out, int *n)
{
    DbArg args[MAX_ARGS];
    int na = 0;
    Buf q;
    buf_init(&q, c->arena);
    buf_puts(&q, sql);
    acl_account_filter(&c->actor, "a.id", &q, args, &na);
    buf_puts(&q, " ORDER BY 2");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&q), args, na);
    if (!st) return c->err->code;
    int cap = 16;
    *out = ARENA_ARRAY(c->arena, DashOption, cap);
    *n = 0;
    while (db_next(st)) {
        if (*n == cap) {
            *out = arena_realloc(c->arena, *out, sizeof **out * (size_t)cap,
                                 sizeof **out * (size_t)cap * 2);
            cap *= 2;
        }
        (*out)[(*n)++] = (DashOption){db_int(st, 0), dup_text(c, st, 1)};
    }
    return db_done(st);
}

ErrCode dash_options(Ctx *c, DashOptions *o)
{
    memset(o, 0, sizeof *o);
    if (!acl_sees_programme(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN, "your role (%s) may not see the programme dashboard",
                       role_name(c->actor.role));
    if (option_list(
            c,
            "SELECT DISTINCT p.id, p.full_name FROM account a JOIN person p ON p.id = a.kam_id"
            " WHERE a.status = 'key'",
            &o->kams, &o->nkams) ||
        option_list(c,
                    "SELECT DISTINCT 0, a.industry FROM account a WHERE a.status = 'key' AND "
                    "a.industry <> ''",
                    &o->industries, &o->nindustries) ||
        option_list(c,
                    "SELECT DISTINCT 0, a.country FROM account a WHERE a.status = 'key' AND "
                    "a.country <> ''",
                    &o->countries, &o->ncountries))
        return c->err->code;
    return KAM_OK;
}
