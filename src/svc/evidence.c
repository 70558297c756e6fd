/* Evidence rules of the KAM assessment (see evidence.h for what each
 * window means). Reuses the account analysis (metrics.c: alignment,
 * relationship coverage, competency gaps), the KPI rules (kpi.c: expected
 * periods, attainment) and the portfolio (portfolio.c: complete scoring)
 * instead of counting those again. */
#include "evidence.h"

#include "kpi.h"
#include "metrics.h"
#include "portfolio.h"

#include "../core/text.h"

#include <stdio.h>
#include <string.h>

typedef struct EvOut {
    int num, den;
    const char *text; /* NULL: the rule's own format */
} EvOut;

typedef ErrCode (*EvFn)(Ctx *c, EvCache *k, int64_t acct, EvOut *o);

/* ------------------------------------------------------------------ helpers */

static ErrCode count(Ctx *c, int *out, const char *sql, const DbArg *args, int nargs)
{
    int64_t n = 0;
    ErrCode rc = db_one_int(c->db, c->err, sql, args, nargs, &n);
    *out = (int)n;
    return rc;
}
#define COUNT(c, out, sql, ...) count((c), (out), (sql), DB_ARGS(__VA_ARGS__))
#define COUNT0(c, out, sql)     count((c), (out), (sql), DB_NOARGS)
/* A condition as 0 or 1, portable to PostgreSQL (no adding booleans). */
#define B(cond) "(CASE WHEN " cond " THEN 1 ELSE 0 END)"

/* The date `days` before today. */
static const char *days_ago(Ctx *c, int64_t days)
{
    char *d = arena_alloc(c->arena, 11);
    date_from_days(date_days(c->today) - days, d);
    return d;
}

typedef struct IdList {
    int64_t *id;
    int n;
} IdList;

static ErrCode id_list(Ctx *c, IdList *l, const char *sql, const DbArg *args, int nargs)
{
    l->n = 0;
    int cap = 32;
    l->id = ARENA_ARRAY(c->arena, int64_t, cap);
    DbStmt *st = db_query(c->db, c->err, sql, args, nargs);
    if (!st) return c->err->code;
    while (db_next(st)) {
        if (l->n == cap) {
            l->id = arena_realloc(c->arena, l->id, sizeof(int64_t) * (size_t)cap,
                                  sizeof(int64_t) * (size_t)cap * 2);
            cap *= 2;
        }
        l->id[l->n++] = db_int(st, 0);
    }
    return db_done(st);
}

static ErrCode key_accounts(Ctx *c, IdList *l)
{
    return id_list(c, l, "SELECT id FROM account WHERE status = 'key' ORDER BY id", DB_NOARGS);
}

/* KAMs: the people who manage at least one key account. */
static ErrCode kams(Ctx *c, IdList *l)
{
    return id_list(c, l,
                   "SELECT DISTINCT kam_id FROM account WHERE status = 'key' AND kam_id IS NOT NULL"
                   " ORDER BY kam_id",
                   DB_NOARGS);
}

static ErrCode plan_max_age(Ctx *c, int64_t *days)
{
    *days = 365;
    ErrCode rc = db_one_int(c->db, c->err, "SELECT plan_max_age_days FROM programme WHERE id = 1",
                            DB_NOARGS, days);
    if (rc == KAM_ENOTFOUND) {
        err_clear(c->err);
        *days = 365;
        return KAM_OK;
    }
    return rc;
}

/* The account's plan was reviewed, or a version frozen, within the maximum age. */
static ErrCode plan_current(Ctx *c, int64_t acct, bool *current, const char **when)
{
    int64_t age;
    if (plan_max_age(c, &age)) return c->err->code;
    const char *since = days_ago(c, age);
    *current = false;
    *when = NULL;
    DbStmt *st =
        db_query(c->db, c->err,
                 "SELECT max(d) FROM (SELECT plan_reviewed_on AS d FROM account WHERE id = ?"
                 " UNION ALL SELECT frozen_on FROM plan_version WHERE account_id = ?) x",
                 DB_ARGS(DI(acct), DI(acct)));
    if (!st) return c->err->code;
    if (db_next(st) && db_text(st, 0)) {
        *when = arena_strdup(c->arena, db_text(st, 0));
        *current = strcmp(*when, since) >= 0;
    }
    return db_done(st);
}

static ErrCode objective_levels(Ctx *c, int64_t acct, int *n)
{
    return COUNT(
        c, n,
        "SELECT count(DISTINCT level) FROM objective WHERE account_id = ? AND status <> 'dropped'",
        DI(acct));
}

/* Active cadences of an account and how many were kept. */
static ErrCode cadences(Ctx *c, int64_t acct, int *held, int *total)
{
    *held = *total = 0;
    int64_t today = date_days(c->today);
    DbStmt *st =
        db_query(c->db, c->err,
                 "SELECT d.every_months, d.starts_on,"
                 " (SELECT max(i.occurred_on) FROM interaction i WHERE i.cadence_id = d.id)"
                 " FROM cadence d WHERE d.account_id = ? AND d.active = 1 ORDER BY d.id",
                 DB_ARGS(DI(acct)));
    if (!st) return c->err->code;
    while (db_next(st)) {
        int64_t allowed = db_int(st, 0) * 31 + 15;
        const char *starts = db_text(st, 1), *last = db_text(st, 2);
        bool ok = (last && date_valid(last) && today - date_days(last) <= allowed) ||
                  (starts && date_valid(starts) && today - date_days(starts) <= allowed);
        (*total)++;
        if (ok) (*held)++;
    }
    return db_done(st);
}

/* Expected KPI periods of the last 12 months before the current one, and
 * how many were recorded within 30 days after their month (evidence.h). */
static ErrCode kpi_schedule(Ctx *c, int64_t acct, int *on_time, int *expected)
{
    char cur[8], start[8];
    memcpy(cur, c->today, 7);
    cur[7] = 0;
    month_add(cur, -12, start);
    int64_t today = date_days(c->today);
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT k.id, k.frequency, k.created_at,"
                          " (SELECT min(x.period) FROM kpi_measurement x WHERE x.kpi_id = k.id), "
                          "m.period, m.recorded_on"
                          " FROM kpi k LEFT JOIN kpi_measurement m ON m.kpi_id = k.id AND m.period "
                          ">= ? AND m.period < ?"
                          " WHERE k.account_id = ? AND k.active = 1 ORDER BY k.id, m.period",
                          DB_ARGS(DT(start), DT(cur), DI(acct)));
    if (!st) return c->err->code;
    /* rows come per KPI, its measurements in the window by period */
    int64_t kpi = -1;
    KpiFrequency f = KPI_MONTHLY;
    char from[8] = "", rec[13][11], per[13][8];
    int nrec = 0;
    bool more = db_next(st);
    while (true) {
        bool flush = !more || db_int(st, 0) != kpi;
        if (flush && kpi >= 0) {
            char m[8];
            snprintf(m, sizeof m, "%s", from);
            for (; strcmp(m, cur) < 0; month_add(m, 1, m)) {
                if (!kpi_period_expected(f, m)) continue;
                char next[8], first[11];
                month_add(m, 1, next);
                snprintf(first, sizeof first, "%s-01", next);
                int64_t deadline = date_days(first) + 30;
                int found = -1;
                for (int i = 0; i < nrec; i++)
                    if (str_eq(per[i], m)) found = i;
                if (found >= 0) {
                    (*expected)++;
                    if (date_valid(rec[found]) && date_days(rec[found]) <= deadline) (*on_time)++;
                } else if (today > deadline) {
                    (*expected)++;
                }
            }
        }
        if (!more) break;
        if (flush) {
            kpi = db_int(st, 0);
            f = kpi_frequency_parse(db_text(st, 1));
            /* from: the later of the window start and the KPI's beginning
             * (its first measurement, or its creation when earlier) */
            char created[11] = "9999-12", begin[8];
            int64_t at = db_int(st, 2);
            if (at > 0) date_from_days(at / 86400, created);
            const char *firstm = db_text(st, 3);
            snprintf(begin, sizeof begin, "%.7s",
                     firstm && strcmp(firstm, created) < 0 ? firstm : created);
            snprintf(from, sizeof from, "%s", strcmp(begin, start) > 0 ? begin : start);
            nrec = 0;
        }
        if (db_text(st, 4) && nrec < 13) {
            snprintf(per[nrec], sizeof per[nrec], "%s", db_text(st, 4));
            snprintf(rec[nrec], sizeof rec[nrec], "%s", db_text(st, 5) ? db_text(st, 5) : "");
            nrec++;
        }
        more = db_next(st);
    }
    return db_done(st);
}

/* The account analysis (alignment, coverage, gaps), kept for the next rule. */
static ErrCode analysis(Ctx *c, EvCache *k, int64_t acct, MlAnalysis **out)
{
    if (k && k->ml && k->ml_account == acct) {
        *out = k->ml;
        return KAM_OK;
    }
    MlAnalysis *m = ARENA_NEW(c->arena, MlAnalysis);
    if (ml_analyse(c, acct, m)) return c->err->code;
    if (k) {
        k->ml = m;
        k->ml_account = acct;
    }
    *out = m;
    return KAM_OK;
}

static ErrCode delivered(Ctx *c, int64_t acct, bool key_only, EvOut *o)
{
    static const char *const head =
        "SELECT count(*), coalesce(sum(CASE WHEN (p.due_on IS NULL OR p.delivered_on <= p.due_on)"
        " AND p.quality >= 4 THEN 1 ELSE 0 END), 0) FROM solution_project p";
    DbStmt *st =
        key_only ? db_query(c->db, c->err,
                            arena_printf(c->arena,
                                         "%s JOIN account a ON a.id = p.account_id"
                                         " WHERE a.status = 'key' AND p.delivered_on IS NOT NULL",
                                         head),
                            DB_NOARGS)
                 : db_query(c->db, c->err,
                            arena_printf(c->arena,
                                         "%s WHERE p.account_id = ? AND p.delivered_on IS NOT NULL",
                                         head),
                            DB_ARGS(DI(acct)));
    if (!st) return c->err->code;
    if (db_next(st)) {
        o->den = (int)db_int(st, 0);
        o->num = (int)db_int(st, 1);
    }
    return db_done(st);
}

/* Escalations that were due (a due date passed, or decided) and were decided by it. */
static ErrCode escalations(Ctx *c, int64_t acct, EvOut *o)
{
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT count(*), coalesce(sum(CASE WHEN decided_on IS NOT NULL AND decided_on <= due_on"
        " AND status IN ('decided', 'closed') THEN 1 ELSE 0 END), 0) FROM escalation"
        " WHERE due_on IS NOT NULL AND (due_on < ? OR decided_on IS NOT NULL) AND (? = 0 OR "
        "account_id = ?)",
        DB_ARGS(DT(c->today), DI(acct), DI(acct)));
    if (!st) return c->err->code;
    if (db_next(st)) {
        o->den = (int)db_int(st, 0);
        o->num = (int)db_int(st, 1);
    }
    return db_done(st);
}

/* ------------------------------------------------------------------ programme rules */

static ErrCode r_programme_charter(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    o->den = 5;
    /* clang-format off */
    return COUNT0(c, &o->num,
                  "SELECT " B("role_statement <> ''")
                  " + " B("selection_policy <> ''")
                  " + " B("target_revenue_share IS NOT NULL")
                  " + " B("target_key_accounts IS NOT NULL")
                  " + " B("investment <> ''")
                  " FROM programme WHERE id = 1");
    /* clang-format on */
}

static ErrCode r_ka_scored(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    Portfolio p;
    if (pf_load(c, &p)) {
        /* weights that do not sum to 100 leave nothing scored */
        if (c->err->code != KAM_EINPUT) return c->err->code;
        err_clear(c->err);
        return COUNT0(c, &o->den, "SELECT count(*) FROM account WHERE status = 'key'");
    }
    for (int i = 0; i < p.nacc; i++) {
        if (!str_eq(p.acct[i].status, "key")) continue;
        o->den++;
        if (p.res[i].complete) o->num++;
    }
    return KAM_OK;
}

static ErrCode r_ka_decided(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    if (COUNT0(c, &o->den, "SELECT count(*) FROM account WHERE status = 'key'"))
        return c->err->code;
    return COUNT0(c, &o->num,
                  "SELECT count(*) FROM account a WHERE a.status = 'key' AND EXISTS (SELECT 1 FROM "
                  "key_decision d"
                  " WHERE d.account_id = a.id AND d.decision IN ('nominate', 'confirm'))");
}

static ErrCode r_ka_plan_multilevel(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    IdList l;
    if (key_accounts(c, &l)) return c->err->code;
    o->den = l.n;
    for (int i = 0; i < l.n; i++) {
        bool cur;
        const char *when;
        int levels;
        if (plan_current(c, l.id[i], &cur, &when) || objective_levels(c, l.id[i], &levels))
            return c->err->code;
        if (cur && levels >= 2) o->num++;
    }
    return KAM_OK;
}

static ErrCode r_offering_roadmap(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    if (COUNT0(c, &o->den,
               "SELECT count(*) FROM offering WHERE active = 1 AND account_specific = 1"))
        return c->err->code;
    return COUNT0(c, &o->num,
                  "SELECT count(*) FROM offering WHERE active = 1 AND account_specific = 1 AND "
                  "roadmap <> 'none'");
}

static ErrCode r_ka_solution_map(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    if (COUNT0(c, &o->den, "SELECT count(*) FROM account WHERE status = 'key'"))
        return c->err->code;
    return COUNT0(c, &o->num,
                  "SELECT count(*) FROM account a WHERE a.status = 'key'"
                  " AND EXISTS (SELECT 1 FROM solution_cell s WHERE s.account_id = a.id)");
}

static ErrCode r_ka_delivery(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    return delivered(c, 0, true, o);
}

static ErrCode r_kam_rated(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    IdList l;
    if (kams(c, &l)) return c->err->code;
    const char *since = days_ago(c, 365);
    o->den = l.n;
    for (int i = 0; i < l.n; i++) {
        int n;
        if (COUNT(c, &n,
                  "SELECT count(*) FROM competency_rating WHERE person_id = ? AND source IN "
                  "('manager', '360')"
                  " AND rated_on >= ?",
                  DI(l.id[i]), DT(since)))
            return c->err->code;
        if (n > 0) o->num++;
    }
    return KAM_OK;
}

static ErrCode r_kam_development(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    IdList l;
    if (kams(c, &l)) return c->err->code;
    o->den = l.n;
    for (int i = 0; i < l.n; i++) {
        int n;
        if (COUNT(c, &n,
                  "SELECT count(*) FROM development_action WHERE person_id = ? AND status <> "
                  "'cancelled'",
                  DI(l.id[i])))
            return c->err->code;
        if (n > 0) o->num++;
    }
    return KAM_OK;
}

static ErrCode r_hr_policies(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    o->den = 4;
    return COUNT0(c, &o->num,
                  "SELECT count(DISTINCT kind) FROM hr_policy WHERE kind IN ('recruiting', "
                  "'rewards', 'career', 'training')");
}

static ErrCode r_kam_capacity(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    IdList l;
    int64_t max = 8;
    if (kams(c, &l)) return c->err->code;
    ErrCode rc = db_one_int(
        c->db, c->err, "SELECT max_accounts_per_kam FROM programme WHERE id = 1", DB_NOARGS, &max);
    if (rc == KAM_ENOTFOUND)
        err_clear(c->err);
    else if (rc)
        return rc;
    o->den = l.n;
    for (int i = 0; i < l.n; i++) {
        int n;
        if (COUNT(
                c, &n,
                "SELECT count(*) FROM account WHERE kam_id = ? AND status IN ('key', 'candidate')",
                DI(l.id[i])))
            return c->err->code;
        if (n <= max) o->num++;
    }
    return KAM_OK;
}

static ErrCode r_ka_sponsor(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    if (COUNT0(c, &o->den, "SELECT count(*) FROM account WHERE status = 'key'"))
        return c->err->code;
    return COUNT0(c, &o->num,
                  "SELECT count(*) FROM account WHERE status = 'key' AND sponsor_id IS NOT NULL");
}

static ErrCode r_programme_process(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    o->den = 5;
    /* clang-format off */
    return COUNT0(c, &o->num,
                  "SELECT " B("organisation_model <> ''")
                  " + " B("planning_cycle <> ''")
                  " + " B("review_cadence <> ''")
                  " + " B("escalation_path <> ''")
                  " + " B("governance <> ''")
                  " FROM programme WHERE id = 1");
    /* clang-format on */
}

static ErrCode r_ka_cadence_held(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    IdList l;
    if (key_accounts(c, &l)) return c->err->code;
    for (int i = 0; i < l.n; i++) {
        int held, total;
        if (cadences(c, l.id[i], &held, &total)) return c->err->code;
        o->num += held;
        o->den += total;
    }
    return KAM_OK;
}

static ErrCode r_escalations_on_time(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    return escalations(c, 0, o);
}

static ErrCode r_kpi_on_schedule(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    IdList l;
    if (key_accounts(c, &l)) return c->err->code;
    for (int i = 0; i < l.n; i++)
        if (kpi_schedule(c, l.id[i], &o->num, &o->den)) return c->err->code;
    return KAM_OK;
}

static ErrCode r_ka_kpi_defined(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    if (COUNT0(c, &o->den, "SELECT count(*) FROM account WHERE status = 'key'"))
        return c->err->code;
    return COUNT0(
        c, &o->num,
        "SELECT count(*) FROM account a WHERE a.status = 'key' AND EXISTS (SELECT 1 FROM kpi k"
        " WHERE k.account_id = a.id AND k.active = 1 AND k.target IS NOT NULL)");
}

static ErrCode r_programme_kpis(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    char cur[8], since[8];
    memcpy(cur, c->today, 7);
    cur[7] = 0;
    month_add(cur, -3, since);
    if (COUNT0(c, &o->den, "SELECT count(*) FROM kpi WHERE account_id IS NULL AND active = 1"))
        return c->err->code;
    return COUNT(
        c, &o->num,
        "SELECT count(*) FROM kpi k WHERE k.account_id IS NULL AND k.active = 1"
        " AND EXISTS (SELECT 1 FROM kpi_measurement m WHERE m.kpi_id = k.id AND m.period >= ?)",
        DT(since));
}

static ErrCode r_ka_reviews(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k, (void)acct;
    if (COUNT0(c, &o->den, "SELECT count(*) FROM account WHERE status = 'key'"))
        return c->err->code;
    return COUNT(c, &o->num,
                 "SELECT count(*) FROM account a WHERE a.status = 'key' AND EXISTS (SELECT 1 FROM "
                 "account_review r"
                 " WHERE r.account_id = a.id AND r.with_customer = 1 AND r.held_on >= ?)",
                 DT(days_ago(c, 183)));
}

/* ------------------------------------------------------------------ account rules */

static ErrCode r_acct_profile(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    o->den = 5;
    /* clang-format off */
    return COUNT(c, &o->num,
                 "SELECT " B("profile <> ''")
                 " + " B("markets <> ''")
                 " + " B("customer_strategy <> ''")
                 " + " B("account_strategy <> ''")
                 " + " B("EXISTS (SELECT 1 FROM customer_goal g WHERE g.account_id = a.id)")
                 " FROM account a WHERE a.id = ?",
                 DI(acct));
    /* clang-format on */
}

static ErrCode r_acct_objective_levels(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    o->den = 4;
    return objective_levels(c, acct, &o->num);
}

static ErrCode r_acct_alignment(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    MlAnalysis *m = NULL;
    if (analysis(c, k, acct, &m)) return c->err->code;
    MlFraction ol = m->alignment.objectives_linked, gs = m->alignment.goals_served;
    o->num = ol.num + gs.num;
    o->den = ol.den + gs.den;
    if (o->den)
        o->text =
            str_eq(c->lang, "it")
                ? arena_printf(
                      c->arena,
                      "%d di %d obiettivi servono un obiettivo del cliente; %d di %d obiettivi del"
                      " cliente sono serviti",
                      ol.num, ol.den, gs.num, gs.den)
                : arena_printf(c->arena,
                               "%d of %d objectives serve a customer goal; %d of %d customer goals "
                               "are served",
                               ol.num, ol.den, gs.num, gs.den);
    return KAM_OK;
}

static ErrCode r_acct_plan_current(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    bool cur;
    const char *when;
    int64_t age;
    if (plan_current(c, acct, &cur, &when) || plan_max_age(c, &age)) return c->err->code;
    o->den = 1;
    o->num = cur;
    bool it = str_eq(c->lang, "it");
    if (!when)
        o->text = it ? "il piano dell'account non è mai stato rivisto"
                     : "the account plan was never reviewed";
    else
        o->text = arena_printf(c->arena,
                               it ? "piano rivisto l'ultima volta il %s: %s i %lld giorni ammessi"
                                  : "plan last reviewed on %s: %s the %lld days allowed",
                               when, cur ? (it ? "entro" : "within") : (it ? "oltre" : "beyond"),
                               (long long)age);
    return KAM_OK;
}

static ErrCode r_acct_solution_map(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    if (COUNT(c, &o->den,
              "SELECT (SELECT count(*) FROM customer_unit WHERE account_id = ?)"
              " * (SELECT count(*) FROM offering WHERE active = 1)",
              DI(acct)))
        return c->err->code;
    if (COUNT(c, &o->num,
              "SELECT count(*) FROM solution_cell s JOIN offering f ON f.id = s.offering_id"
              " WHERE s.account_id = ? AND f.active = 1",
              DI(acct)))
        return c->err->code;
    if (o->num > o->den) o->num = o->den;
    return KAM_OK;
}

static ErrCode r_acct_competitor_known(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    if (COUNT(c, &o->den,
              "SELECT count(*) FROM solution_cell WHERE account_id = ? AND state = 'competitor'",
              DI(acct)))
        return c->err->code;
    return COUNT(c, &o->num,
                 "SELECT count(*) FROM solution_cell WHERE account_id = ? AND state = 'competitor' "
                 "AND competitor <> ''",
                 DI(acct));
}

static ErrCode r_acct_delivery(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    return delivered(c, acct, false, o);
}

static ErrCode r_acct_team(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    o->den = 3;
    /* clang-format off */
    return COUNT(c, &o->num,
                 "SELECT " B("a.kam_id IS NOT NULL")
                 " + " B("a.sponsor_id IS NOT NULL")
                 " + " B("(SELECT count(DISTINCT m.person_id) FROM team_member m"
                         " WHERE m.account_id = a.id AND m.role NOT IN ('kam', 'sponsor')"
                         " AND (m.until_on IS NULL OR m.until_on >= ?)) >= 2")
                 " FROM account a WHERE a.id = ?",
                 DT(c->today), DI(acct));
    /* clang-format on */
}

static ErrCode r_acct_competency_gaps(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    MlAnalysis *m = NULL;
    if (analysis(c, k, acct, &m)) return c->err->code;
    o->den = m->ngaps;
    for (int i = 0; i < m->ngaps; i++)
        if (m->gaps[i].rated && m->gaps[i].gap <= 0) o->num++;
    return KAM_OK;
}

static ErrCode r_acct_coverage(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    MlAnalysis *m = NULL;
    if (analysis(c, k, acct, &m)) return c->err->code;
    o->num = m->coverage.num;
    o->den = m->coverage.den;
    return KAM_OK;
}

static ErrCode r_acct_rules(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    o->den = 4;
    /* clang-format off */
    return COUNT(c, &o->num,
                 "SELECT " B("a.collaboration_protocol <> ''")
                 " + " B("EXISTS (SELECT 1 FROM contact_rule r WHERE r.account_id = a.id)")
                 " + " B("EXISTS (SELECT 1 FROM escalation_step s WHERE s.account_id = a.id)")
                 " + " B("EXISTS (SELECT 1 FROM agreement g WHERE g.account_id = a.id"
                         " AND (g.end_on IS NULL OR g.end_on >= ?))")
                 " FROM account a WHERE a.id = ?",
                 DT(c->today), DI(acct));
    /* clang-format on */
}

static ErrCode r_acct_cadence_held(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    return cadences(c, acct, &o->num, &o->den);
}

static ErrCode r_acct_actions_on_time(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT count(*), coalesce(sum(CASE WHEN status = 'done' AND done_on IS NOT NULL"
        " AND done_on <= due_on THEN 1 ELSE 0 END), 0) FROM action_item"
        " WHERE account_id = ? AND status <> 'cancelled' AND due_on IS NOT NULL AND due_on < ?",
        DB_ARGS(DI(acct), DT(c->today)));
    if (!st) return c->err->code;
    if (db_next(st)) {
        o->den = (int)db_int(st, 0);
        o->num = (int)db_int(st, 1);
    }
    return db_done(st);
}

static ErrCode r_acct_escalations(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    return escalations(c, acct, o);
}

static ErrCode r_acct_kpi_targets(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    if (COUNT(c, &o->den, "SELECT count(*) FROM kpi WHERE account_id = ? AND active = 1", DI(acct)))
        return c->err->code;
    return COUNT(
        c, &o->num,
        "SELECT count(*) FROM kpi WHERE account_id = ? AND active = 1 AND target IS NOT NULL",
        DI(acct));
}

static ErrCode r_acct_kpi_on_schedule(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    return kpi_schedule(c, acct, &o->num, &o->den);
}

static ErrCode r_acct_kpi_attainment(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    KpiStatus *s;
    int n;
    if (kpi_list_account(c, acct, &s, &n)) return c->err->code;
    for (int i = 0; i < n; i++) {
        if (!s[i].def.active || !s[i].npts) continue;
        const KpiPoint *p = &s[i].pts[s[i].npts - 1];
        if (!p->has_attainment) continue;
        o->den++;
        if (p->attainment >= 1.0 - 1e-9) o->num++;
    }
    return KAM_OK;
}

static ErrCode r_acct_reviews(Ctx *c, EvCache *k, int64_t acct, EvOut *o)
{
    (void)k;
    o->den = 4;
    if (COUNT(c, &o->num,
              "SELECT count(*) FROM account_review WHERE account_id = ? AND with_customer = 1 AND "
              "held_on >= ?"
              " AND held_on <= ?",
              DI(acct), DT(days_ago(c, 365)), DT(c->today)))
        return c->err->code;
    if (o->num > 4) o->num = 4;
    return KAM_OK;
}

/* ------------------------------------------------------------------ the table */

#define P EV_PROGRAMME
#define A EV_ACCOUNT
const EvRule kEvRules[] = {
    {"programme_charter", P, false, "Programme charter written", "Carta del programma scritta",
     "%d of %d parts of the programme charter are filled in (role, selection policy, revenue-share "
     "target,"
     " number of key accounts, investment)",
     "%d di %d parti della carta del programma sono compilate (ruolo, politica di selezione, quota "
     "di"
     " fatturato obiettivo, numero di clienti chiave, investimento)",
     "the programme charter is empty", "la carta del programma è vuota"},
    {"ka_scored", P, false, "Key accounts scored on the selection criteria",
     "Clienti chiave valutati sui criteri di selezione",
     "%d of %d key accounts are scored in full on both sets of selection criteria",
     "%d di %d clienti chiave sono valutati per intero su entrambi i gruppi di criteri di "
     "selezione",
     "there are no key accounts yet", "non ci sono ancora clienti chiave"},
    {"ka_decided", P, false, "Key-account status decided", "Stato di cliente chiave deciso",
     "%d of %d key accounts have a recorded key-account decision with its reason",
     "%d di %d clienti chiave hanno una decisione registrata e motivata sul loro stato",
     "there are no key accounts yet", "non ci sono ancora clienti chiave"},
    {"ka_plan_multilevel", P, false, "Current plans with multi-level objectives",
     "Piani aggiornati con obiettivi su più livelli",
     "%d of %d key accounts have a current plan with objectives on two or more levels",
     "%d di %d clienti chiave hanno un piano aggiornato con obiettivi su due o più livelli",
     "there are no key accounts yet", "non ci sono ancora clienti chiave"},
    {"offering_roadmap", P, false, "Account-specific solutions considered for the roadmap",
     "Soluzioni specifiche valutate per la roadmap",
     "%d of %d account-specific offerings were considered for the standard roadmap",
     "%d di %d offerte specifiche per cliente sono state valutate per la roadmap standard",
     "there are no account-specific offerings", "non ci sono offerte specifiche per cliente"},
    {"ka_solution_map", P, false, "Key accounts with a solution map",
     "Clienti chiave con mappa delle soluzioni", "%d of %d key accounts have a solution map",
     "%d di %d clienti chiave hanno una mappa delle soluzioni", "there are no key accounts yet",
     "non ci sono ancora clienti chiave"},
    {"ka_delivery", P, false, "Key-account projects delivered on time and to quality",
     "Progetti dei clienti chiave consegnati nei tempi e con qualità",
     "%d of %d delivered projects of key accounts were on time with quality 4 or 5",
     "%d di %d progetti consegnati ai clienti chiave erano nei tempi con qualità 4 o 5",
     "no project of a key account has been delivered yet",
     "nessun progetto dei clienti chiave è ancora stato consegnato"},
    {"kam_rated", P, false, "KAMs with a recent competency rating",
     "KAM con una valutazione recente delle competenze",
     "%d of %d KAMs have a manager or 360-degree competency rating from the last 12 months",
     "%d di %d KAM hanno una valutazione delle competenze del responsabile o a 360 gradi negli "
     "ultimi 12 mesi",
     "no key account has a KAM yet", "nessun cliente chiave ha ancora un KAM"},
    {"kam_development", P, false, "KAMs with development actions", "KAM con azioni di sviluppo",
     "%d of %d KAMs have development actions", "%d di %d KAM hanno azioni di sviluppo",
     "no key account has a KAM yet", "nessun cliente chiave ha ancora un KAM"},
    {"hr_policies", P, false, "KAM policies written", "Regole per i KAM scritte",
     "%d of %d KAM policies are written (recruiting, rewards, career, training)",
     "%d di %d regole per i KAM sono scritte (selezione, incentivi, carriera, formazione)",
     "no KAM policy is written", "non è scritta alcuna regola per i KAM"},
    {"kam_capacity", P, false, "KAMs within the account limit", "KAM entro il limite di clienti",
     "%d of %d KAMs manage no more accounts than the programme allows",
     "%d di %d KAM non gestiscono più clienti di quanti il programma consenta",
     "no key account has a KAM yet", "nessun cliente chiave ha ancora un KAM"},
    {"ka_sponsor", P, false, "Key accounts with an executive sponsor",
     "Clienti chiave con sponsor di direzione", "%d of %d key accounts have an executive sponsor",
     "%d di %d clienti chiave hanno uno sponsor di direzione", "there are no key accounts yet",
     "non ci sono ancora clienti chiave"},
    {"programme_process", P, false, "KAM organisation and process written",
     "Organizzazione e processo KAM scritti",
     "%d of %d parts of the KAM process are written (organisation, planning cycle, review cadence, "
     "escalation"
     " path, governance)",
     "%d di %d parti del processo KAM sono scritte (organizzazione, ciclo di pianificazione, "
     "cadenza delle"
     " revisioni, percorso di escalation, governance)",
     "the KAM process is not written", "il processo KAM non è scritto"},
    {"ka_cadence_held", P, true, "Key accounts keeping their meeting cadence",
     "Clienti chiave che rispettano la cadenza degli incontri",
     "%d of %d agreed meeting cadences of key accounts were kept",
     "%d di %d cadenze di incontri concordate con i clienti chiave sono state rispettate",
     "no key account has an agreed meeting cadence",
     "nessun cliente chiave ha una cadenza di incontri concordata"},
    {"escalations_on_time", P, false, "Escalations decided on time", "Escalation decise in tempo",
     "%d of %d escalations that were due were decided on time",
     "%d di %d escalation giunte a scadenza sono state decise in tempo",
     "no escalation was due yet", "nessuna escalation è ancora giunta a scadenza"},
    {"kpi_on_schedule", P, false, "KPI measurements of key accounts on schedule",
     "Misurazioni KPI dei clienti chiave nei tempi",
     "%d of %d expected KPI measurements of key accounts in the last 12 months were recorded on "
     "schedule",
     "%d di %d misurazioni KPI attese dei clienti chiave negli ultimi 12 mesi sono state "
     "registrate nei tempi",
     "no KPI measurement of a key account was due in the last 12 months",
     "nessuna misurazione KPI dei clienti chiave era attesa negli ultimi 12 mesi"},
    {"ka_kpi_defined", P, false, "Key accounts with KPI targets",
     "Clienti chiave con valori obiettivo dei KPI", "%d of %d key accounts have KPIs with targets",
     "%d di %d clienti chiave hanno KPI con valori obiettivo", "there are no key accounts yet",
     "non ci sono ancora clienti chiave"},
    {"programme_kpis", P, true, "Programme KPIs measured", "KPI di programma misurati",
     "%d of %d programme KPIs were measured in the last three months",
     "%d di %d KPI di programma sono stati misurati negli ultimi tre mesi",
     "no programme KPI is defined", "non è definito alcun KPI di programma"},
    {"ka_reviews", P, false, "Key accounts reviewing results with the customer",
     "Clienti chiave che rivedono i risultati con il cliente",
     "%d of %d key accounts reviewed results with the customer in the last six months",
     "%d di %d clienti chiave hanno rivisto i risultati con il cliente negli ultimi sei mesi",
     "there are no key accounts yet", "non ci sono ancora clienti chiave"},

    {"acct_profile", A, false, "Customer profile written", "Profilo del cliente scritto",
     "%d of %d parts of the customer profile are written (profile, markets, customer strategy, "
     "account strategy,"
     " customer goals)",
     "%d di %d parti del profilo del cliente sono scritte (profilo, mercati, strategia del "
     "cliente, strategia"
     " dell'account, obiettivi del cliente)",
     "the customer profile is empty", "il profilo del cliente è vuoto"},
    {"acct_objective_levels", A, false, "Objective levels covered", "Livelli di obiettivi coperti",
     "our objectives cover %d of %d levels (financial, offering, relationship, operational)",
     "i nostri obiettivi coprono %d di %d livelli (economico, offerta, relazione, operativo)",
     "no objective is set", "non è fissato alcun obiettivo"},
    {"acct_alignment", A, false, "Alignment with the customer's goals",
     "Allineamento con gli obiettivi del cliente",
     "%d of %d links between our objectives and the customer's goals are in place",
     "%d di %d collegamenti tra i nostri obiettivi e quelli del cliente sono presenti",
     "neither our objectives nor the customer's goals are recorded",
     "non sono registrati né i nostri obiettivi né quelli del cliente"},
    {"acct_plan_current", A, false, "Current account plan", "Piano dell'account aggiornato",
     "%d of %d: a current account plan", "%d di %d: un piano dell'account aggiornato",
     "the account plan was never reviewed", "il piano dell'account non è mai stato rivisto"},
    {"acct_solution_map", A, true, "Solution map filled in", "Mappa delle soluzioni compilata",
     "%d of %d cells of the solution map (customer units x offerings) are filled in",
     "%d di %d celle della mappa delle soluzioni (unità del cliente x offerte) sono compilate",
     "no customer unit is recorded for the solution map",
     "non è registrata alcuna unità del cliente per la mappa delle soluzioni"},
    {"acct_competitor_known", A, false, "Competitors named", "Concorrenti indicati",
     "%d of %d competitor-held areas name the competitor",
     "%d di %d aree presidiate da concorrenti indicano il concorrente",
     "no area is marked as held by a competitor",
     "nessuna area è indicata come presidiata da un concorrente"},
    {"acct_delivery", A, false, "Projects delivered on time and to quality",
     "Progetti consegnati nei tempi e con qualità",
     "%d of %d delivered projects were on time with quality 4 or 5",
     "%d di %d progetti consegnati erano nei tempi con qualità 4 o 5",
     "no project has been delivered yet", "nessun progetto è ancora stato consegnato"},
    {"acct_team", A, false, "Account team in place", "Team dell'account presente",
     "%d of %d team essentials are in place (a KAM, an executive sponsor, two or more further "
     "members)",
     "%d di %d elementi essenziali del team sono presenti (un KAM, uno sponsor di direzione, "
     "almeno altri due"
     " membri)",
     "the account has no team", "il cliente non ha un team"},
    {"acct_competency_gaps", A, true, "Required competencies covered",
     "Competenze richieste coperte",
     "%d of %d competencies the account needs are covered by the team",
     "%d di %d competenze richieste dal cliente sono coperte dal team",
     "the competencies this account needs are not recorded",
     "le competenze richieste da questo cliente non sono registrate"},
    {"acct_coverage", A, false, "Relationship coverage", "Copertura delle relazioni",
     "%d of %d buying-centre roles are held by a contact with a counterpart on our side",
     "%d di %d ruoli del centro d'acquisto sono occupati da un contatto con un referente dalla "
     "nostra parte",
     "no buying role is recorded", "non è registrato alcun ruolo d'acquisto"},
    {"acct_rules", A, false, "Rules of collaboration in place", "Regole di collaborazione presenti",
     "%d of %d rules of collaboration are in place (protocol, contact matrix, escalation path, "
     "current agreement)",
     "%d di %d regole di collaborazione sono presenti (protocollo, matrice dei contatti, percorso "
     "di escalation,"
     " accordo in vigore)",
     "no rule of collaboration is recorded", "non è registrata alcuna regola di collaborazione"},
    {"acct_cadence_held", A, true, "Meeting cadence kept", "Cadenza degli incontri rispettata",
     "%d of %d agreed meeting cadences were kept",
     "%d di %d cadenze di incontri concordate sono state rispettate",
     "no meeting cadence is agreed", "non è concordata alcuna cadenza di incontri"},
    {"acct_actions_on_time", A, false, "Actions done on time", "Azioni completate in tempo",
     "%d of %d actions that were due were done on time",
     "%d di %d azioni giunte a scadenza sono state completate in tempo", "no action was due yet",
     "nessuna azione è ancora giunta a scadenza"},
    {"acct_escalations", A, false, "Escalations decided on time", "Escalation decise in tempo",
     "%d of %d escalations that were due were decided on time",
     "%d di %d escalation giunte a scadenza sono state decise in tempo",
     "no escalation was due yet", "nessuna escalation è ancora giunta a scadenza"},
    {"acct_kpi_targets", A, true, "KPIs with targets", "KPI con valori obiettivo",
     "%d of %d KPIs have a target", "%d di %d KPI hanno un valore obiettivo", "no KPI is defined",
     "non è definito alcun KPI"},
    {"acct_kpi_on_schedule", A, true, "KPI measurements on schedule", "Misurazioni KPI nei tempi",
     "%d of %d expected KPI measurements in the last 12 months were recorded on schedule",
     "%d di %d misurazioni KPI attese negli ultimi 12 mesi sono state registrate nei tempi",
     "no KPI measurement was due in the last 12 months",
     "nessuna misurazione KPI era attesa negli ultimi 12 mesi"},
    {"acct_kpi_attainment", A, false, "KPI targets met", "Valori obiettivo dei KPI raggiunti",
     "%d of %d KPIs with a target met it in their latest measurement",
     "%d di %d KPI con valore obiettivo lo hanno raggiunto nell'ultima misurazione",
     "no KPI with a target has been measured", "nessun KPI con valore obiettivo è stato misurato"},
    {"acct_reviews", A, false, "Reviews with the customer", "Revisioni con il cliente",
     "%d of %d quarterly reviews with the customer were held in the last 12 months",
     "%d di %d revisioni trimestrali con il cliente si sono tenute negli ultimi 12 mesi",
     "no review with the customer was held", "non si è tenuta alcuna revisione con il cliente"},
    {NULL, P, false, NULL, NULL, NULL, NULL, NULL, NULL},
};
#undef P
#undef A

/* Implementations, in the order of kEvRules. */
static const EvFn kEvFns[] = {
    r_programme_charter,
    r_ka_scored,
    r_ka_decided,
    r_ka_plan_multilevel,
    r_offering_roadmap,
    r_ka_solution_map,
    r_ka_delivery,
    r_kam_rated,
    r_kam_development,
    r_hr_policies,
    r_kam_capacity,
    r_ka_sponsor,
    r_programme_process,
    r_ka_cadence_held,
    r_escalations_on_time,
    r_kpi_on_schedule,
    r_ka_kpi_defined,
    r_programme_kpis,
    r_ka_reviews,
    r_acct_profile,
    r_acct_objective_levels,
    r_acct_alignment,
    r_acct_plan_current,
    r_acct_solution_map,
    r_acct_competitor_known,
    r_acct_delivery,
    r_acct_team,
    r_acct_competency_gaps,
    r_acct_coverage,
    r_acct_rules,
    r_acct_cadence_held,
    r_acct_actions_on_time,
    r_acct_escalations,
    r_acct_kpi_targets,
    r_acct_kpi_on_schedule,
    r_acct_kpi_attainment,
    r_acct_reviews,
};
_Static_assert(sizeof kEvFns / sizeof kEvFns[0] == sizeof kEvRules / sizeof kEvRules[0] - 1,
               "one implementation per evidence rule");

const EvRule *ev_rule_find(const char *name)
{
    for (const EvRule *r = kEvRules; r->name; r++)
        if (str_eq(r->name, name)) return r;
    return NULL;
}

ErrCode ev_compute(Ctx *c, EvCache *cache, const char *rule, int64_t account_id, EvResult *out)
{
    memset(out, 0, sizeof *out);
    const EvRule *r = ev_rule_find(rule);
    if (!r)
        return err_set(c->err, KAM_EINPUT, "there is no evidence rule \"%s\"", rule ? rule : "");
    if (r->scope == EV_ACCOUNT && account_id <= 0)
        return err_set(c->err, KAM_EINPUT, "the evidence rule %s needs an account", rule);
    out->rule = r;
    /* evidence reads the whole database: the caller decided who sees the result */
    Ctx sys = *c;
    sys.actor = actor_system();
    EvOut o = {0, 0, NULL};
    if (kEvFns[r - kEvRules](&sys, cache, r->scope == EV_ACCOUNT ? account_id : 0, &o))
        return c->err->code;
    bool it = str_eq(c->lang, "it");
    out->num = o.num;
    out->den = o.den;
    out->has = o.den > 0 || r->empty_is_zero;
    out->share = o.den > 0 ? (double)o.num / o.den : 0;
    if (o.text)
        out->text = o.text;
    else if (o.den > 0)
        out->text = arena_printf(c->arena, it ? r->fmt_it : r->fmt_en, o.num, o.den);
    else
        out->text = it ? r->none_it : r->none_en;
    return KAM_OK;
}
