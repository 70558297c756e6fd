/* Programme changes that span several records: see programme.h. */
#include "programme.h"

#include "../core/text.h"
#include "acl.h"
#include "audit.h"
#include "entity.h"

#include <string.h>

/* {"code": …, "weight": …} for the audit log. */
static const char *weight_json(Ctx *c, const char *code, double w)
{
    Buf b;
    buf_init(&b, c->arena);
    buf_printf(&b, "{\"code\":%J,\"weight\":%.17g}", code, w);
    return buf_cstr(&b);
}

ErrCode prog_save_weights(Ctx *c, const PfWeight *w, int nw)
{
    if (!acl_edits_programme(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN,
                       "your role (%s) may not change the selection criteria",
                       role_name(c->actor.role));
    DbStmt *st =
        db_query(c->db, c->err,
                 "SELECT id, criterion_set, code, weight, version FROM criterion WHERE active = 1"
                 " ORDER BY criterion_set, sort, id",
                 DB_NOARGS);
    if (!st) return c->err->code;
    int cap = 32, n = 0;
    PfCriterion *crit = ARENA_ARRAY(c->arena, PfCriterion, cap);
    int64_t *ver = ARENA_ARRAY(c->arena, int64_t, cap);
    while (db_next(st) && n < cap) {
        crit[n] = (PfCriterion){.id = db_int(st, 0),
                                .set = str_eq(db_text(st, 1), "strength") ? PF_STRENGTH
                                                                          : PF_ATTRACTIVENESS,
                                .code = arena_strdup(c->arena, db_text(st, 2)),
                                .weight = db_real(st, 3)};
        crit[n].name = crit[n].code;
        ver[n++] = db_int(st, 4);
    }
    if (db_done(st)) return c->err->code;
    PfCriterion *alt;
    if (pf_apply_weights(c->arena, crit, n, w, nw, &alt, c->err) ||
        pf_check_weights(alt, n, c->err))
        return c->err->code;
    /* weight is read-only for the generic record service (a set must always
     * sum to 100), so the whole change is written here, audited per row */
    if (db_begin(c->db, c->err)) return c->err->code;
    for (int i = 0; i < n; i++) {
        if (alt[i].weight == crit[i].weight) continue;
        if (db_exec(c->db, c->err,
                    "UPDATE criterion SET weight = ?, version = version + 1, updated_at = ? WHERE "
                    "id = ? AND version = ?",
                    DB_ARGS(DR(alt[i].weight), DI(c->now), DI(crit[i].id), DI(ver[i]))) ||
            audit_write(c, "update", "criterion", crit[i].id, 0,
                        weight_json(c, crit[i].code, crit[i].weight),
                        weight_json(c, crit[i].code, alt[i].weight))) {
            db_rollback(c->db);
            return c->err->code;
        }
    }
    return db_commit(c->db, c->err);
}

ErrCode prog_decisions(Ctx *c, int64_t account_id, ProgDecision **out, int *n)
{
    *out = NULL;
    *n = 0;
    if (!acl_sees_programme(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN,
                       "your role (%s) may not see the key-account decisions",
                       role_name(c->actor.role));
    DbArg args[8];
    int na = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql, "SELECT k.id, k.account_id, a.name, k.decision, k.reason, k.decided_on, u.login"
                   " FROM key_decision k JOIN account a ON a.id = k.account_id"
                   " LEFT JOIN app_user u ON u.id = k.decided_by WHERE 1 = 1");
    if (account_id) {
        buf_puts(&sql, " AND k.account_id = ?");
        args[na++] = DI(account_id);
    }
    acl_account_filter(&c->actor, "a.id", &sql, args, &na);
    buf_puts(&sql, " ORDER BY k.decided_on DESC, k.id DESC LIMIT 500");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, na);
    if (!st) return c->err->code;
    int cap = 32;
    *out = ARENA_ARRAY(c->arena, ProgDecision, cap);
    while (db_next(st)) {
        if (*n == cap) {
            *out = arena_realloc(c->arena, *out, sizeof **out * (size_t)cap,
                                 sizeof **out * (size_t)cap * 2);
            cap *= 2;
        }
        ProgDecision *d = &(*out)[(*n)++];
        d->id = db_int(st, 0);
        d->account_id = db_int(st, 1);
        d->account = arena_strdup(c->arena, db_text(st, 2));
        d->decision = arena_strdup(c->arena, db_text(st, 3));
        d->reason = arena_strdup(c->arena, db_text(st, 4));
        d->decided_on = arena_strdup(c->arena, db_text(st, 5));
        d->decided_by = db_text(st, 6) ? arena_strdup(c->arena, db_text(st, 6)) : NULL;
    }
    return db_done(st);
}

ErrCode prog_decide(Ctx *c, int64_t account_id, const char *decision, const char *reason,
                    const char *date, int64_t *id)
{
    const EntityDef *def = entity_find("key_decision");
    Record *in = record_new(c, def), *out;
    record_set(c, in, "account_id", arena_printf(c->arena, "%lld", (long long)account_id));
    record_set(c, in, "decision", decision);
    record_set(c, in, "reason", reason);
    record_set(c, in, "decided_on", date && *date ? date : c->today);
    if (ent_create(c, def, in, &out)) return c->err->code;
    if (id) *id = out ? out->id : 0;
    return KAM_OK;
}

ErrCode prog_account_stages(Ctx *c, ProgAccountInfo **out, int *n)
{
    DbArg args[8];
    int na = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql, "SELECT a.id, a.stage FROM account a WHERE a.status IN ('key', 'candidate')");
    acl_account_filter(&c->actor, "a.id", &sql, args, &na);
    buf_puts(&sql, " ORDER BY a.id");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, na);
    if (!st) return c->err->code;
    int cap = 64;
    *n = 0;
    *out = ARENA_ARRAY(c->arena, ProgAccountInfo, cap);
    while (db_next(st)) {
        if (*n == cap) {
            *out = arena_realloc(c->arena, *out, sizeof **out * (size_t)cap,
                                 sizeof **out * (size_t)cap * 2);
            cap *= 2;
        }
        (*out)[(*n)++] = (ProgAccountInfo){db_int(st, 0), (int)db_int(st, 1)};
    }
    return db_done(st);
}

ErrCode prog_criterion_levels(Ctx *c, int64_t criterion_id, const char *levels[10])
{
    for (int i = 0; i < 10; i++) levels[i] = "";
    bool it = str_eq(c->lang, "it");
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT level, descriptor_en, descriptor_it FROM criterion_level WHERE criterion_id = ?"
        " ORDER BY level",
        DB_ARGS(DI(criterion_id)));
    if (!st) return c->err->code;
    while (db_next(st)) {
        int l = (int)db_int(st, 0);
        const char *t = db_text(st, it ? 2 : 1);
        if ((!t || !*t) && it) t = db_text(st, 1);
        if (l >= 1 && l <= 10 && t) levels[l - 1] = arena_strdup(c->arena, t);
    }
    return db_done(st);
}

ErrCode prog_bulk_load(Ctx *c, PfSet set, const char *q, ProgBulk *out)
{
    memset(out, 0, sizeof *out);
    if (!acl_sees_programme(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN, "your role (%s) may not score accounts",
                       role_name(c->actor.role));
    bool it = str_eq(c->lang, "it");
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT id, code, name_en, name_it, weight FROM criterion WHERE active = "
                          "1 AND criterion_set = ?"
                          " ORDER BY sort, id",
                          DB_ARGS(DT(pf_set_name(set))));
    if (!st) return c->err->code;
    int cap = 16;
    out->crit = ARENA_ARRAY(c->arena, PfCriterion, cap);
    while (db_next(st)) {
        if (out->ncrit == cap) {
            out->crit = arena_realloc(c->arena, out->crit, sizeof *out->crit * (size_t)cap,
                                      sizeof *out->crit * (size_t)cap * 2);
            cap *= 2;
        }
        out->crit[out->ncrit++] =
            (PfCriterion){db_int(st, 0), set, arena_strdup(c->arena, db_text(st, 1)),
                          arena_strdup(c->arena, db_text(st, it ? 3 : 2)), db_real(st, 4)};
    }
    if (db_done(st)) return c->err->code;
    DbArg args[8];
    int na = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql, "SELECT a.id, a.name FROM account a WHERE a.status IN ('key', 'candidate')");
    if (q && *q) {
        buf_puts(&sql, " AND lower(a.name) LIKE lower(?)");
        args[na++] = DT(arena_printf(c->arena, "%%%s%%", q));
    }
    acl_account_filter(&c->actor, "a.id", &sql, args, &na);
    buf_printf(&sql, " ORDER BY a.name, a.id LIMIT %d", PROG_BULK_MAX);
    st = db_query(c->db, c->err, buf_cstr(&sql), args, na);
    if (!st) return c->err->code;
    out->acct_id = ARENA_ARRAY(c->arena, int64_t, PROG_BULK_MAX);
    out->acct_name = ARENA_ARRAY(c->arena, const char *, PROG_BULK_MAX);
    while (db_next(st) && out->nacc < PROG_BULK_MAX) {
        out->acct_id[out->nacc] = db_int(st, 0);
        out->acct_name[out->nacc++] = arena_strdup(c->arena, db_text(st, 1));
    }
    if (db_done(st)) return c->err->code;
    size_t cells = (size_t)out->nacc * (size_t)out->ncrit;
    out->mine = ARENA_ARRAY(c->arena, double, cells + 1);
    memset(out->mine, 0, sizeof *out->mine * (cells + 1));
    st = db_query(c->db, c->err,
                  "SELECT s.account_id, s.criterion_id, s.score FROM criterion_score s JOIN "
                  "criterion k ON k.id = s.criterion_id"
                  " WHERE s.scorer_id = ? AND k.criterion_set = ?",
                  DB_ARGS(DI(c->actor.user_id), DT(pf_set_name(set))));
    if (!st) return c->err->code;
    while (db_next(st)) {
        int ai = -1, ci = -1;
        for (int i = 0; i < out->nacc && ai < 0; i++)
            if (out->acct_id[i] == db_int(st, 0)) ai = i;
        for (int j = 0; j < out->ncrit && ci < 0; j++)
            if (out->crit[j].id == db_int(st, 1)) ci = j;
        if (ai >= 0 && ci >= 0)
            out->mine[(size_t)ai * (size_t)out->ncrit + (size_t)ci] = db_real(st, 2);
    }
    return db_done(st);
}

ErrCode prog_bulk_save(Ctx *c, const ProgScoreIn *in, int n, int *saved)
{
    *saved = 0;
    if (db_begin(c->db, c->err)) return c->err->code;
    for (int i = 0; i < n; i++) {
        bool replaced;
        if (pf_score(c, in[i].account_id, in[i].code, NULL, in[i].score, NULL, &replaced)) {
            err_prefix(c->err, "account %lld, %s: ", (long long)in[i].account_id, in[i].code);
            db_rollback(c->db);
            return c->err->code;
        }
        (*saved)++;
    }
    return db_commit(c->db, c->err);
}

ErrCode prog_decide_escalation(Ctx *c, int64_t escalation_id, const char *decision)
{
    const EntityDef *def = entity_find("escalation");
    Record *cur, *in, *out;
    if (ent_get(c, def, escalation_id, &cur)) return c->err->code;
    if (str_empty(decision))
        return err_field(c->err, KAM_EINPUT, "decision", "decision: say what was decided");
    if (!str_eq(record_get(cur, "status"), "open"))
        return err_set(c->err, KAM_ECONFLICT, "the escalation is already %s",
                       record_get(cur, "status"));
    in = record_new(c, def);
    record_set(c, in, "status", "decided");
    record_set(c, in, "decision", decision);
    record_set(c, in, "decided_on", c->today);
    return ent_update(c, def, escalation_id, cur->version, in, &out, NULL);
}
