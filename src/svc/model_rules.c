#include "model_rules.h"

#include "acl.h"
#include "../core/text.h"

#include <stdio.h>
#include <string.h>

#include <stdlib.h>

void record_put(Ctx *c, Record *r, const char *field, const char *value)
{
    int i = field_index(r->def, field);
    if (i >= 0) r->val[i] = value ? arena_strdup(c->arena, value) : NULL;
}

static bool changed(const Record *r, const Record *before, const char *field)
{
    return !before || !str_eq(record_get(r, field), record_get(before, field));
}

static const char *user_id_text(Ctx *c)
{
    return c->actor.user_id ? arena_printf(c->arena, "%lld", (long long)c->actor.user_id) : NULL;
}

ErrCode person_validate(Ctx *c, Record *r, const Record *before)
{
    if (before && record_int(r, "manager_id") == r->id)
        return err_field(c->err, KAM_EINPUT, "manager_id", "manager_id: a person cannot be their own manager");
    return KAM_OK;
}

ErrCode account_validate(Ctx *c, Record *r, const Record *before)
{
    /* A KAM who opens a new account runs it, unless told otherwise. */
    if (!before && c->actor.role == ROLE_KAM && !record_get(r, "kam_id") && c->actor.person_id)
        record_put(c, r, "kam_id", arena_printf(c->arena, "%lld", (long long)c->actor.person_id));
    if (record_int(r, "target_stage") && record_int(r, "stage") && record_int(r, "target_stage") < record_int(r, "stage") &&
        changed(r, before, "target_stage"))
        return err_field(c->err, KAM_EINPUT, "target_stage",
                         "target_stage: the target stage (%lld) is below the current stage (%lld)",
                         (long long)record_int(r, "target_stage"), (long long)record_int(r, "stage"));
    return KAM_OK;
}

/* Keep the relationship-stage history: a row whenever stage, target or the
 * disintegrating flag change (and the starting point on create). */
ErrCode account_after_write(Ctx *c, const Record *after, const Record *before)
{
    if (!after) return KAM_OK;
    if (before && !changed(after, before, "stage") && !changed(after, before, "target_stage") &&
        !changed(after, before, "disintegrating"))
        return KAM_OK;
    return db_exec(c->db, c->err,
                   "INSERT INTO stage_change (account_id, stage, target_stage, disintegrating, changed_on, note,"
                   " changed_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   DB_ARGS(DI(after->id), DI(record_int(after, "stage") ? record_int(after, "stage") : 1),
                           DIN(record_int(after, "target_stage")), DI(record_int(after, "disintegrating")),
                           DT(c->today), DT(before ? "" : "initial stage"), DIN(c->actor.user_id), DI(c->now)));
}

ErrCode key_decision_validate(Ctx *c, Record *r, const Record *before)
{
    (void)before;
    record_put(c, r, "decided_by", user_id_text(c));
    int64_t acct = record_int(r, "account_id");
    char status[16] = "";
    DbStmt *st = db_query(c->db, c->err, "SELECT status, name FROM account WHERE id = ?", DB_ARGS(DI(acct)));
    if (!st) return c->err->code;
    char name[201] = "";
    if (db_next(st)) {
        snprintf(status, sizeof status, "%s", db_text(st, 0));
        snprintf(name, sizeof name, "%s", db_text(st, 1));
    }
    if (db_done(st)) return c->err->code;
    const char *d = record_get(r, "decision");
    bool is_key = str_eq(status, "key");
    if (str_eq(d, "nominate") && is_key)
        return err_field(c->err, KAM_EINPUT, "decision", "%s is already a key account: confirm it instead", name);
    if ((str_eq(d, "confirm") || str_eq(d, "demote")) && !is_key)
        return err_field(c->err, KAM_EINPUT, "decision", "%s is not a key account (it is %s): it can only be nominated",
                         name, status);
    return KAM_OK;
}

ErrCode key_decision_after_write(Ctx *c, const Record *after, const Record *before)
{
    (void)before;
    if (!after) return KAM_OK;
    const char *status = str_eq(record_get(after, "decision"), "demote") ? "former" : "key";
    return db_exec(c->db, c->err,
                   "UPDATE account SET status = ?, version = version + 1, updated_at = ? WHERE id = ?",
                   DB_ARGS(DT(status), DI(c->now), DI(record_int(after, "account_id"))));
}

/* Any start/end pair of dates the entity has must be in order. */
ErrCode dates_in_order_validate(Ctx *c, Record *r, const Record *before)
{
    (void)before;
    static const char *const pairs[][2] = {
        {"start_on", "due_on"}, {"start_on", "end_on"}, {"since_on", "until_on"}, {"start_on", "delivered_on"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *a = record_get(r, pairs[i][0]), *b = record_get(r, pairs[i][1]);
        if (a && b && *a && *b && strcmp(b, a) < 0)
            return err_field(c->err, KAM_EINPUT, pairs[i][1], "%s: %s is before %s %s", pairs[i][1], b, pairs[i][0], a);
    }
    return KAM_OK;
}

ErrCode user_validate(Ctx *c, Record *r, const Record *before)
{
    (void)before;
    bool guest = str_eq(record_get(r, "role"), "guest");
    if (!guest) record_put(c, r, "guest_account_id", NULL);
    else if (!record_get(r, "guest_account_id"))
        return err_field(c->err, KAM_EINPUT, "guest_account_id",
                         "guest_account_id: a customer guest needs the account they may see");
    if (before && before->id == c->actor.user_id && !str_eq(record_get(r, "role"), "admin") &&
        str_eq(record_get(before, "role"), "admin"))
        return err_field(c->err, KAM_EINPUT, "role", "role: you cannot take the administrator role from yourself");
    return KAM_OK;
}

ErrCode contact_position_validate(Ctx *c, Record *r, const Record *before)
{
    if (before && record_int(r, "reports_to_id") == r->id)
        return err_field(c->err, KAM_EINPUT, "reports_to_id", "reports_to_id: a position cannot report to itself");
    return KAM_OK;
}

ErrCode position_holder_validate(Ctx *c, Record *r, const Record *before)
{
    (void)before;
    const char *from = record_get(r, "from_on"), *to = record_get(r, "to_on");
    if (from && to && strcmp(to, from) < 0)
        return err_field(c->err, KAM_EINPUT, "to_on", "to_on: %s is before from_on %s", to, from);
    return KAM_OK;
}

/* A new current holder ends the previous holder's time in the position, so
 * the map shows who holds it now and keeps who held it before. */
ErrCode position_holder_after_write(Ctx *c, const Record *after, const Record *before)
{
    if (!after || before || record_get(after, "to_on")) return KAM_OK;
    return db_exec(c->db, c->err,
                   "UPDATE position_holder SET to_on = ?, version = version + 1, updated_at = ?"
                   " WHERE position_id = ? AND id <> ? AND to_on IS NULL AND from_on <= ?",
                   DB_ARGS(DT(record_get(after, "from_on")), DI(c->now), DI(record_int(after, "position_id")),
                           DI(after->id), DT(record_get(after, "from_on"))));
}

ErrCode action_item_validate(Ctx *c, Record *r, const Record *before)
{
    (void)before;
    const char *status = record_get(r, "status");
    if (str_eq(status, "done") && !record_get(r, "done_on")) record_put(c, r, "done_on", c->today);
    if (str_eq(status, "open")) record_put(c, r, "done_on", NULL);
    return KAM_OK;
}

ErrCode escalation_validate(Ctx *c, Record *r, const Record *before)
{
    bool decides = changed(r, before, "decision") || (changed(r, before, "status") && !str_eq(record_get(r, "status"), "open"));
    if (decides && before && c->actor.role != ROLE_EXECUTIVE && !acl_is_admin(&c->actor))
        return err_field(c->err, KAM_EFORBIDDEN, "decision", "decision: escalations are decided by top management");
    if (str_eq(record_get(r, "status"), "decided")) {
        if (str_empty(record_get(r, "decision")))
            return err_field(c->err, KAM_EINPUT, "decision", "decision: say what was decided");
        if (!record_get(r, "decided_on")) record_put(c, r, "decided_on", c->today);
    }
    return KAM_OK;
}

ErrCode kpi_validate(Ctx *c, Record *r, const Record *before)
{
    if (!record_get(r, "account_id") && changed(r, before, "code")) {
        int64_t n = 0;
        if (db_one_int(c->db, c->err, "SELECT count(*) FROM kpi WHERE account_id IS NULL AND code = ? AND id <> ?",
                       DB_ARGS(DT(record_get(r, "code")), DI(r->id)), &n))
            return c->err->code;
        if (n) return err_field(c->err, KAM_ECONFLICT, "code", "code: a programme KPI \"%s\" already exists", record_get(r, "code"));
    }
    return KAM_OK;
}

ErrCode kpi_measurement_validate(Ctx *c, Record *r, const Record *before)
{
    (void)before;
    if (!record_get(r, "recorded_on")) record_put(c, r, "recorded_on", c->today);
    return KAM_OK;
}

ErrCode criterion_score_validate(Ctx *c, Record *r, const Record *before)
{
    if (!before) {
        if (!record_get(r, "scorer_id")) {
            if (!c->actor.user_id)
                return err_field(c->err, KAM_EINPUT, "scorer_id", "scorer_id: say which user gave the score");
            record_put(c, r, "scorer_id", user_id_text(c));
        } else if (record_int(r, "scorer_id") != c->actor.user_id && !acl_is_admin(&c->actor)) {
            return err_field(c->err, KAM_EFORBIDDEN, "scorer_id", "scorer_id: you can only enter your own scores");
        }
    }
    if (!record_get(r, "scored_on")) record_put(c, r, "scored_on", c->today);
    return KAM_OK;
}

ErrCode remark_validate(Ctx *c, Record *r, const Record *before)
{
    (void)before;
    record_put(c, r, "author_id", user_id_text(c));
    const char *kind = record_get(r, "subject_kind");
    const EntityDef *sdef = entity_find(kind);
    int64_t sid = record_int(r, "subject_id");
    Record *subject;
    ErrCode rc = sdef ? ent_get(c, sdef, sid, &subject) : KAM_ENOTFOUND;
    if (rc == KAM_ENOTFOUND || (rc == KAM_OK && record_int(subject, "account_id") != record_int(r, "account_id")))
        return err_field(c->err, KAM_EINPUT, "subject_id", "subject_id: there is no %s %lld in this account", kind,
                         (long long)sid);
    return rc;
}
