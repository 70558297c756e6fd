/* The workspace overview of one account: see workspace.h. Reads only; the
 * numbers are computed by health.c, metrics.c, kpi.c and portfolio.c. */
#include "workspace.h"

#include "../core/text.h"
#include "acl.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

const char *const kWsSections[] = {"overview",   "strategy",   "solutions", "people",
                                   "management", "evaluation", "plan",      NULL};

bool ws_section_valid(const char *s)
{
    for (int i = 0; kWsSections[i]; i++)
        if (str_eq(s, kWsSections[i])) return true;
    return false;
}

bool ws_alignment_score(const MlAlignment *a, double *out)
{
    int den = a->objectives_linked.den + a->goals_served.den;
    if (!den) return false;
    *out = (double)(a->objectives_linked.num + a->goals_served.num) / den;
    return true;
}

static const char *person_name(Ctx *c, const char *id)
{
    int64_t pid;
    if (!id || !parse_int64(id, &pid)) return NULL;
    Err e = {0};
    DbStmt *st = db_query(c->db, &e, "SELECT full_name FROM person WHERE id = ?", DB_ARGS(DI(pid)));
    const char *out = NULL;
    if (st) {
        if (db_next(st)) out = arena_strdup(c->arena, db_text(st, 0));
        db_done(st);
    }
    return out;
}

/* The account's quadrant from its own criterion scores (not the whole
 * portfolio: one account's page must not read every account). */
static ErrCode load_quadrant(Ctx *c, int64_t account_id, PfQuadrant *q)
{
    *q = PF_UNPLACED;
    PfCriterion *crit = ARENA_ARRAY(c->arena, PfCriterion, 64);
    int ncrit = 0;
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT id, criterion_set, code, weight FROM criterion WHERE active = 1 ORDER BY id",
        DB_NOARGS);
    if (!st) return c->err->code;
    while (db_next(st) && ncrit < 64) {
        PfCriterion *k = &crit[ncrit++];
        k->id = db_int(st, 0);
        k->set = str_eq(db_text(st, 1), "strength") ? PF_STRENGTH : PF_ATTRACTIVENESS;
        k->code = arena_strdup(c->arena, db_text(st, 2));
        k->name = k->code;
        k->weight = db_real(st, 3);
    }
    if (db_done(st)) return c->err->code;
    int cap = 256, nsc = 0;
    PfScore *sc = ARENA_ARRAY(c->arena, PfScore, cap);
    st = db_query(c->db, c->err,
                  "SELECT criterion_id, scorer_id, score FROM criterion_score WHERE account_id = ?",
                  DB_ARGS(DI(account_id)));
    if (!st) return c->err->code;
    while (db_next(st) && nsc < cap) {
        sc[nsc].account_id = account_id;
        sc[nsc].criterion_id = db_int(st, 0);
        sc[nsc].scorer_id = db_int(st, 1);
        sc[nsc].score = db_real(st, 2);
        nsc++;
    }
    if (db_done(st)) return c->err->code;
    PfThresholds th = {5.5, 5.5};
    st = db_query(c->db, c->err,
                  "SELECT threshold_attractiveness, threshold_strength FROM programme WHERE id = 1",
                  DB_NOARGS);
    if (!st) return c->err->code;
    if (db_next(st)) {
        th.attractiveness = db_real(st, 0);
        th.strength = db_real(st, 1);
    }
    if (db_done(st)) return c->err->code;
    PfResult res;
    Err e = {0};
    if (pf_compute(c->arena, crit, ncrit, sc, nsc, &account_id, 1, th, &res, &e))
        return KAM_OK; /* bad weights: unplaced */
    *q = res.quadrant;
    return KAM_OK;
}

/* A date `months` months after the ISO date d (day kept, capped at 28). */
static const char *date_plus_months(Arena *a, const char *d, int months)
{
    if (!d || !date_valid(d)) return NULL;
    char ym[8], out[8];
    memcpy(ym, d, 7);
    ym[7] = 0;
    month_add(ym, months, out);
    int day = atoi(d + 8);
    return arena_printf(a, "%s-%02d", out, day > 28 ? 28 : day);
}

static ErrCode load_cadences(Ctx *c, int64_t account_id, WsOverview *o)
{
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT c.id, c.name, c.every_months, c.starts_on, "
                          "(SELECT MAX(i.occurred_on) FROM interaction i WHERE i.cadence_id = c.id "
                          "AND i.occurred_on <= ?) "
                          "FROM cadence c WHERE c.account_id = ? AND c.active = 1 ORDER BY c.id",
                          DB_ARGS(DT(c->today), DI(account_id)));
    if (!st) return c->err->code;
    int cap = 8;
    o->cadences = ARENA_ARRAY(c->arena, WsCadence, cap);
    while (db_next(st)) {
        if (o->ncadences == cap) {
            o->cadences = arena_realloc(c->arena, o->cadences, sizeof(WsCadence) * cap,
                                        sizeof(WsCadence) * cap * 2);
            cap *= 2;
        }
        WsCadence *k = &o->cadences[o->ncadences++];
        k->id = db_int(st, 0);
        k->name = arena_strdup(c->arena, db_text(st, 1));
        k->every_months = (int)db_int(st, 2);
        const char *starts = arena_strdup(c->arena, db_text(st, 3));
        k->last_held = db_text(st, 4) ? arena_strdup(c->arena, db_text(st, 4)) : NULL;
        char from[11];
        k->planned =
            health_cadence_planned(starts, k->every_months, c->today, HEALTH_WINDOW_MONTHS, from);
        k->from = arena_strdup(c->arena, from);
        k->next_due =
            k->last_held ? date_plus_months(c->arena, k->last_held, k->every_months) : starts;
    }
    if (db_done(st)) return c->err->code;
    for (int i = 0; i < o->ncadences; i++) {
        WsCadence *k = &o->cadences[i];
        int64_t held = 0;
        if (k->planned > 0 && db_one_int(c->db, c->err,
                                         "SELECT COUNT(*) FROM interaction WHERE cadence_id = ? "
                                         "AND occurred_on >= ? AND occurred_on <= ?",
                                         DB_ARGS(DI(k->id), DT(k->from), DT(c->today)), &held))
            return c->err->code;
        k->held = (int)held;
        o->health_in.cadence_planned += k->planned;
        o->health_in.cadence_held += k->held > k->planned ? k->planned : k->held;
    }
    return KAM_OK;
}

/* Mean over the active KPIs with a target of the attainment of their latest
 * measurement, each capped at 1. */
static void kpi_mean(WsOverview *o)
{
    double sum = 0;
    int n = 0;
    for (int i = 0; i < o->nkpis; i++) {
        const KpiStatus *k = &o->kpis[i];
        if (!k->def.active || !k->npts) continue;
        const KpiPoint *p = &k->pts[k->npts - 1];
        if (!p->has_attainment) continue;
        sum += p->attainment > 1 ? 1 : p->attainment;
        n++;
    }
    o->kpis_counted = n;
    o->health_in.has_kpi = n > 0;
    o->health_in.kpi_attainment = n ? sum / n : 0;
}

static ErrCode load_assessment(Ctx *c, int64_t account_id, WsOverview *o)
{
    DbStmt *st =
        db_query(c->db, c->err,
                 "SELECT r.round_id, AVG(a.score) FROM answer a JOIN rater r ON r.id = a.rater_id "
                 "WHERE r.account_id = ? AND a.score IS NOT NULL GROUP BY r.round_id "
                 "ORDER BY r.round_id DESC LIMIT 1",
                 DB_ARGS(DI(account_id)));
    if (!st) return c->err->code;
    if (db_next(st)) {
        o->has_assessment = true;
        o->assessment_round = db_int(st, 0);
        o->assessment_index = (db_real(st, 1) - 1.0) / 4.0 * 100.0;
    }
    return db_done(st);
}

static ErrCode load_changes(Ctx *c, int64_t account_id, WsOverview *o)
{
    if (!c->actor.user_id) return KAM_OK;
    DbStmt *st = db_query(
        c->db, c->err, "SELECT visited_at FROM account_visit WHERE user_id = ? AND account_id = ?",
        DB_ARGS(DI(c->actor.user_id), DI(account_id)));
    if (!st) return c->err->code;
    if (db_next(st)) o->last_visit = db_int(st, 0);
    if (db_done(st)) return c->err->code;
    if (!o->last_visit) return KAM_OK;
    if (db_one_int(c->db, c->err,
                   "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND at >= ? AND (user_id "
                   "IS NULL OR user_id <> ?)",
                   DB_ARGS(DI(account_id), DI(o->last_visit), DI(c->actor.user_id)), &o->nchanges))
        return c->err->code;
    if (!o->nchanges) return KAM_OK;
    st = db_query(c->db, c->err,
                  "SELECT at, actor, action, entity, entity_id FROM audit_log WHERE account_id = ? "
                  "AND at >= ? "
                  "AND (user_id IS NULL OR user_id <> ?) ORDER BY at DESC, id DESC LIMIT 10",
                  DB_ARGS(DI(account_id), DI(o->last_visit), DI(c->actor.user_id)));
    if (!st) return c->err->code;
    while (db_next(st) && o->nchanges_listed < WS_CHANGES_MAX) {
        WsChange *ch = &o->changes[o->nchanges_listed++];
        ch->at = db_int(st, 0);
        ch->actor = arena_strdup(c->arena, db_text(st, 1));
        ch->action = arena_strdup(c->arena, db_text(st, 2));
        ch->entity = arena_strdup(c->arena, db_text(st, 3));
        ch->entity_id = db_int(st, 4);
    }
    return db_done(st);
}

ErrCode ws_overview(Ctx *c, int64_t account_id, WsOverview *o)
{
    memset(o, 0, sizeof *o);
    if (acl_account_rights(c, account_id, &o->rights)) return c->err->code;
    if (!(o->rights & AR_READ))
        return err_set(c->err, KAM_ENOTFOUND, "account %lld not found", (long long)account_id);
    if (ent_get(c, entity_find("account"), account_id, &o->account)) return c->err->code;
    o->kam_name = person_name(c, record_get(o->account, "kam_id"));
    o->sponsor_name = person_name(c, record_get(o->account, "sponsor_id"));
    if (load_quadrant(c, account_id, &o->quadrant)) return c->err->code;
    if (ml_analyse(c, account_id, &o->analysis)) return c->err->code;
    if (kpi_list_account(c, account_id, &o->kpis, &o->nkpis)) return c->err->code;
    kpi_mean(o);
    if (load_cadences(c, account_id, o)) return c->err->code;
    int64_t open = 0, overdue = 0;
    if (db_one_int(c->db, c->err,
                   "SELECT COUNT(*) FROM action_item WHERE account_id = ? AND status = 'open'",
                   DB_ARGS(DI(account_id)), &open) ||
        db_one_int(c->db, c->err,
                   "SELECT COUNT(*) FROM action_item WHERE account_id = ? AND status = 'open' AND "
                   "due_on < ?",
                   DB_ARGS(DI(account_id), DT(c->today)), &overdue))
        return c->err->code;
    o->actions_open = (int)open;
    o->actions_overdue = (int)overdue;
    if (load_assessment(c, account_id, o)) return c->err->code;
    ListQuery q = {.account_id = account_id, .limit = 20, .nfilter = 1};
    q.filter[0].field = "status";
    q.filter[0].value = "open";
    if (ent_list(c, entity_find("escalation"), &q, &o->escalations)) return c->err->code;
    if (load_changes(c, account_id, o)) return c->err->code;

    HealthIn *h = &o->health_in;
    h->plan_reviewed_on = record_get(o->account, "plan_reviewed_on");
    h->today = c->today;
    h->roles_covered = o->analysis.coverage.num;
    h->roles_total = o->analysis.coverage.den;
    h->actions_open = o->actions_open;
    h->actions_overdue = o->actions_overdue;
    h->has_assessment = o->has_assessment;
    h->assessment_index = o->assessment_index;
    health_compute(h, &o->health);
    return KAM_OK;
}

ErrCode ws_whitespace(Ctx *c, int64_t account_id, WsWhitespace *o)
{
    memset(o, 0, sizeof *o);
    unsigned rights = 0;
    if (acl_account_rights(c, account_id, &rights)) return c->err->code;
    if (!(rights & AR_READ))
        return err_set(c->err, KAM_ENOTFOUND, "account %lld not found", (long long)account_id);
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT s.state, s.revenue_now, s.revenue_potential, "
                          "(SELECT COUNT(*) FROM cell_contact cc WHERE cc.cell_id = s.id) "
                          "FROM solution_cell s WHERE s.account_id = ?",
                          DB_ARGS(DI(account_id)));
    if (!st) return c->err->code;
    while (db_next(st)) {
        const char *state = db_text(st, 0);
        o->cells++;
        o->revenue_now += db_real(st, 1);
        if (str_eq(state, "potential")) {
            o->potential += db_real(st, 2);
            o->potential_cells++;
            if (db_int(st, 3) == 0) o->potential_no_contact++;
        } else if (str_eq(state, "competitor")) {
            o->competitor += db_real(st, 2);
            o->competitor_cells++;
        }
    }
    return db_done(st);
}

ErrCode ws_visit(Ctx *c, int64_t account_id, int64_t *previous)
{
    *previous = 0;
    if (!c->actor.user_id) return KAM_OK;
    DbStmt *st = db_query(
        c->db, c->err, "SELECT visited_at FROM account_visit WHERE user_id = ? AND account_id = ?",
        DB_ARGS(DI(c->actor.user_id), DI(account_id)));
    if (!st) return c->err->code;
    if (db_next(st)) *previous = db_int(st, 0);
    if (db_done(st)) return c->err->code;
    /* Views a moment apart are one visit: a reload writes nothing (and so
     * the page stays in the page cache). */
    if (*previous && c->now - *previous < WS_VISIT_SAME_S) return KAM_OK;
    return db_exec(
        c->db, c->err,
        "INSERT INTO account_visit (user_id, account_id, visited_at) VALUES (?, ?, ?) "
        "ON CONFLICT (user_id, account_id) DO UPDATE SET visited_at = excluded.visited_at",
        DB_ARGS(DI(c->actor.user_id), DI(account_id), DI(c->now)));
}
