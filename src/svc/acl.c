#include "acl.h"

bool acl_is_admin(const Actor *a) { return a->role == ROLE_ADMIN || a->role == ROLE_SYSTEM; }

bool acl_sees_programme(const Actor *a)
{
    switch (a->role) {
    case ROLE_ADMIN:
    case ROLE_SYSTEM:
    case ROLE_EXECUTIVE:
    case ROLE_KAM: return true;
    case ROLE_VIEWER: return a->viewer_programme;
    default: return false;
    }
}

bool acl_edits_programme(const Actor *a)
{
    return a->role == ROLE_ADMIN || a->role == ROLE_SYSTEM || a->role == ROLE_EXECUTIVE;
}

bool acl_is_staff(const Actor *a)
{
    return a->role == ROLE_ADMIN || a->role == ROLE_SYSTEM || a->role == ROLE_EXECUTIVE ||
           a->role == ROLE_KAM || a->role == ROLE_TEAM;
}

static ErrCode account_rights(Ctx *c, int64_t account_id, unsigned *rights);

/* account_rights(), remembered in c->acl_memo (see ctx.h). */
ErrCode acl_account_rights(Ctx *c, int64_t account_id, unsigned *rights)
{
    const Actor *a = &c->actor;
    struct AclMemo *m = &c->acl_memo;
    uint64_t writes = db_write_count(c->db);
    if (m->valid && m->account_id == account_id && m->user_id == a->user_id &&
        m->person_id == a->person_id && m->guest_account_id == a->guest_account_id &&
        m->role == a->role && m->writes == writes) {
        *rights = m->rights;
        return KAM_OK;
    }
    m->valid = false;
    ErrCode rc = account_rights(c, account_id, rights);
    if (rc == KAM_OK) {
        m->valid = true;
        m->account_id = account_id;
        m->user_id = a->user_id;
        m->person_id = a->person_id;
        m->guest_account_id = a->guest_account_id;
        m->role = a->role;
        m->writes = writes;
        m->rights = *rights;
    }
    return rc;
}

static ErrCode account_rights(Ctx *c, int64_t account_id, unsigned *rights)
{
    const Actor *a = &c->actor;
    *rights = 0;
    int64_t kam = 0, sponsor = 0, on_team = 0, team_kam = 0, escalated_to_me = 0;
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT kam_id, sponsor_id,"
                          " (SELECT count(*) FROM team_member m WHERE m.account_id = a.id AND m.person_id = ?),"
                          " (SELECT count(*) FROM team_member m WHERE m.account_id = a.id AND m.person_id = ? AND m.role = 'kam'),"
                          " (SELECT count(*) FROM escalation e WHERE e.account_id = a.id AND e.executive_id = ?)"
                          " FROM account a WHERE a.id = ?",
                          DB_ARGS(DI(a->person_id), DI(a->person_id), DI(a->person_id), DI(account_id)));
    if (!st) return c->err->code;
    bool found = db_next(st);
    if (found) {
        kam = db_int(st, 0);
        sponsor = db_int(st, 1);
        on_team = db_int(st, 2);
        team_kam = db_int(st, 3);
        escalated_to_me = db_int(st, 4);
    }
    if (db_done(st)) return c->err->code;
    if (!found) return KAM_OK;
    bool me = a->person_id != 0;
    switch (a->role) {
    case ROLE_ADMIN:
    case ROLE_SYSTEM: *rights = AR_READ | AR_OPERATE | AR_TEAM | AR_SPONSOR; break;
    case ROLE_EXECUTIVE:
        /* Top management sees every account and assigns KAMs and sponsors
         * (FRAMEWORK.md section 4); sponsor duties — deciding escalations,
         * recording reviews — are theirs on the accounts they sponsor, and on
         * an account whose team has escalated something to them by name. */
        *rights = AR_READ | AR_TEAM;
        if (me && (sponsor == a->person_id || escalated_to_me > 0)) *rights |= AR_SPONSOR;
        break;
    case ROLE_KAM:
        if (me && (kam == a->person_id || team_kam > 0)) *rights = AR_READ | AR_OPERATE | AR_TEAM;
        else if (me && on_team > 0) *rights = AR_READ | AR_OPERATE;
        break;
    case ROLE_TEAM:
        if (me && on_team > 0) *rights = AR_READ | AR_OPERATE;
        break;
    case ROLE_VIEWER: {
        int64_t n = 0;
        if (db_one_int(c->db, c->err,
                       "SELECT count(*) FROM viewer_grant WHERE user_id = ? AND account_id = ?",
                       DB_ARGS(DI(a->user_id), DI(account_id)), &n))
            return c->err->code;
        if (n > 0) *rights = AR_READ;
        break;
    }
    case ROLE_GUEST:
        if (a->guest_account_id == account_id) *rights = AR_GUEST;
        break;
    case ROLE_NONE: break;
    }
    return KAM_OK;
}

void acl_account_filter(const Actor *a, const char *col, Buf *sql, DbArg *args, int *nargs)
{
    switch (a->role) {
    case ROLE_ADMIN:
    case ROLE_SYSTEM:
    case ROLE_EXECUTIVE: return;
    case ROLE_KAM:
        buf_printf(sql,
                   " AND (%s IN (SELECT id FROM account WHERE kam_id = ?)"
                   " OR %s IN (SELECT account_id FROM team_member WHERE person_id = ?))",
                   col, col);
        args[(*nargs)++] = DI(a->person_id ? a->person_id : -1);
        args[(*nargs)++] = DI(a->person_id ? a->person_id : -1);
        return;
    case ROLE_TEAM:
        buf_printf(sql, " AND %s IN (SELECT account_id FROM team_member WHERE person_id = ?)", col);
        args[(*nargs)++] = DI(a->person_id ? a->person_id : -1);
        return;
    case ROLE_VIEWER:
        buf_printf(sql, " AND %s IN (SELECT account_id FROM viewer_grant WHERE user_id = ?)", col);
        args[(*nargs)++] = DI(a->user_id);
        return;
    case ROLE_GUEST:
        buf_printf(sql, " AND %s = ?", col);
        args[(*nargs)++] = DI(a->guest_account_id ? a->guest_account_id : -1);
        return;
    case ROLE_NONE:
        buf_printf(sql, " AND 1 = 0");
        return;
    }
}
