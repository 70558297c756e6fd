#include "audit.h"

ErrCode audit_write(Ctx *c, const char *action, const char *entity, int64_t entity_id,
                    int64_t account_id, const char *before_json, const char *after_json)
{
    const char *actor = c->actor.login ? c->actor.login : role_name(c->actor.role);
    return db_exec(c->db, c->err,
                   "INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, account_id,"
                   " before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   DB_ARGS(DI(c->now), DIN(c->actor.user_id), DT(actor), DT(action), DT(entity),
                           DIN(entity_id), DIN(account_id), DT(before_json), DT(after_json)));
}
