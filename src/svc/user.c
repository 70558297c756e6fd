#include "user.h"

#include "acl.h"
#include "audit.h"
#include "../core/text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* argon2id with the OWASP minimum (19 MiB, 2 passes): strong, and light
 * enough that sign-ins do not blow the server's memory budget. */
#define PWHASH_OPSLIMIT 2
#define PWHASH_MEMLIMIT (19u * 1024u * 1024u)

static ErrCode hash_password(Ctx *c, const char *password, char out[crypto_pwhash_STRBYTES])
{
    if (sodium_init() < 0) return err_set(c->err, KAM_EINTERNAL, "libsodium could not start");
    if (crypto_pwhash_str(out, password, strlen(password), PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0)
        return err_set(c->err, KAM_EINTERNAL, "out of memory while hashing the password");
    return KAM_OK;
}

ErrCode password_acceptable(Ctx *c, const char *pw)
{
    if (!pw || !utf8_valid(pw, strlen(pw), NULL))
        return err_field(c->err, KAM_EINPUT, "password", "password: not valid UTF-8");
    size_t n = utf8_len(pw);
    if (n < PASSWORD_MIN_LEN)
        return err_field(c->err, KAM_EINPUT, "password", "password: at least %d characters", PASSWORD_MIN_LEN);
    if (n > PASSWORD_MAX_LEN)
        return err_field(c->err, KAM_EINPUT, "password", "password: at most %d characters", PASSWORD_MAX_LEN);
    return KAM_OK;
}

static ErrCode login_acceptable(Ctx *c, const char *login)
{
    if (!login || !*login || strlen(login) > 64)
        return err_field(c->err, KAM_EINPUT, "login", "login: 1 to 64 characters");
    for (const char *p = login; *p; p++) {
        char ch = *p;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
              ch == '_' || ch == '-' || ch == '@'))
            return err_field(c->err, KAM_EINPUT, "login",
                             "login: \"%s\" may use letters, digits and . _ - @ only", login);
    }
    return KAM_OK;
}

ErrCode user_find(Ctx *c, const char *login, Record **out)
{
    extern const EntityDef kUser;
    int64_t id = 0;
    ErrCode rc = db_one_int(c->db, c->err, "SELECT id FROM app_user WHERE login = ?", DB_ARGS(DT(login)), &id);
    if (rc == KAM_ENOTFOUND) return err_set(c->err, KAM_ENOTFOUND, "there is no user \"%s\"", login);
    if (rc) return rc;
    return ent_get(c, &kUser, id, out);
}

ErrCode user_create(Ctx *c, const UserNew *u, int64_t *id)
{
    if (!acl_is_admin(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN, "only an administrator may create users");
    if (login_acceptable(c, u->login)) return c->err->code;
    Role role = role_parse(u->role);
    if (role == ROLE_NONE)
        return err_field(c->err, KAM_EINPUT, "role", "role: \"%s\" is not one of admin, executive, kam, team, guest, viewer",
                         u->role ? u->role : "");
    if (role == ROLE_GUEST && !u->guest_account_id)
        return err_field(c->err, KAM_EINPUT, "account", "a customer guest needs the account they may see (--account ID)");
    if (u->lang && !str_eq(u->lang, "en") && !str_eq(u->lang, "it"))
        return err_field(c->err, KAM_EINPUT, "lang", "lang: en or it");
    char hash[crypto_pwhash_STRBYTES] = "";
    if (u->password) {
        if (password_acceptable(c, u->password)) return c->err->code;
        if (hash_password(c, u->password, hash)) return c->err->code;
    }
    if (db_begin(c->db, c->err)) return c->err->code;
    int64_t n = 0, person = u->person_id;
    ErrCode rc = db_one_int(c->db, c->err, "SELECT count(*) FROM app_user WHERE login = ?", DB_ARGS(DT(u->login)), &n);
    if (!rc && n) rc = err_field(c->err, KAM_ECONFLICT, "login", "a user \"%s\" already exists", u->login);
    if (!rc && role == ROLE_GUEST) {
        rc = db_one_int(c->db, c->err, "SELECT count(*) FROM account WHERE id = ?", DB_ARGS(DI(u->guest_account_id)), &n);
        if (!rc && !n) rc = err_field(c->err, KAM_EINPUT, "account", "there is no account %lld", (long long)u->guest_account_id);
    }
    if (!rc && person) {
        rc = db_one_int(c->db, c->err, "SELECT count(*) FROM person WHERE id = ?", DB_ARGS(DI(person)), &n);
        if (!rc && !n) rc = err_field(c->err, KAM_EINPUT, "person", "there is no person %lld", (long long)person);
    } else if (!rc) {
        const char *name = u->full_name && *u->full_name ? u->full_name : u->login;
        rc = db_insert(c->db, c->err,
                       "INSERT INTO person (kind, full_name, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
                       DB_ARGS(DT(role == ROLE_GUEST ? "external" : "internal"), DT(name), DI(c->now), DI(c->now)),
                       &person);
    }
    if (!rc)
        rc = db_insert(c->db, c->err,
                       "INSERT INTO app_user (login, person_id, role, password_hash, lang, guest_account_id, created_at,"
                       " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       DB_ARGS(DT(u->login), DI(person), DT(role_name(role)), DT(hash), DT(u->lang),
                               DIN(role == ROLE_GUEST ? u->guest_account_id : 0), DI(c->now), DI(c->now)),
                       id);
    if (!rc) {
        char *after = arena_printf(c->arena, "{\"login\":\"%s\",\"role\":\"%s\"}", u->login, role_name(role));
        rc = audit_write(c, "create", "user", *id, 0, NULL, after);
    }
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}

ErrCode user_set_password(Ctx *c, int64_t user_id, const char *password)
{
    if (!acl_is_admin(&c->actor) && c->actor.user_id != user_id)
        return err_set(c->err, KAM_EFORBIDDEN, "you may change only your own password");
    if (password_acceptable(c, password)) return c->err->code;
    char hash[crypto_pwhash_STRBYTES];
    if (hash_password(c, password, hash)) return c->err->code;
    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = db_exec(c->db, c->err,
                         "UPDATE app_user SET password_hash = ?, version = version + 1, updated_at = ? WHERE id = ?",
                         DB_ARGS(DT(hash), DI(c->now), DI(user_id)));
    if (!rc && db_changes(c->db) == 0) rc = err_set(c->err, KAM_ENOTFOUND, "user %lld not found", (long long)user_id);
    /* a new password ends every session of that user */
    if (!rc) rc = db_exec(c->db, c->err, "DELETE FROM user_session WHERE user_id = ?", DB_ARGS(DI(user_id)));
    if (!rc) rc = audit_write(c, "password", "user", user_id, 0, NULL, NULL);
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}

ErrCode user_delete(Ctx *c, int64_t user_id)
{
    if (!acl_is_admin(&c->actor)) return err_set(c->err, KAM_EFORBIDDEN, "only an administrator may remove users");
    if (user_id == c->actor.user_id) return err_set(c->err, KAM_EINPUT, "you cannot remove yourself");
    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = db_exec(c->db, c->err, "DELETE FROM app_user WHERE id = ?", DB_ARGS(DI(user_id)));
    if (!rc && db_changes(c->db) == 0) rc = err_set(c->err, KAM_ENOTFOUND, "user %lld not found", (long long)user_id);
    if (!rc) rc = audit_write(c, "delete", "user", user_id, 0, NULL, NULL);
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}

ErrCode user_check_password(Ctx *c, const char *login, const char *password, int64_t *user_id)
{
    /* A fixed hash to verify against when the login is unknown, so the time
     * taken does not reveal which logins exist. */
    static char dummy[crypto_pwhash_STRBYTES];
    if (sodium_init() < 0) return err_set(c->err, KAM_EINTERNAL, "libsodium could not start");
    if (!dummy[0] && crypto_pwhash_str(dummy, "no such user", 12, PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0)
        return err_set(c->err, KAM_EINTERNAL, "out of memory while checking a password");
    char hash[crypto_pwhash_STRBYTES] = "";
    int64_t id = 0, active = 0;
    DbStmt *st = db_query(c->db, c->err, "SELECT id, password_hash, active FROM app_user WHERE login = ?",
                          DB_ARGS(DT(login)));
    if (!st) return c->err->code;
    if (db_next(st)) {
        id = db_int(st, 0);
        snprintf(hash, sizeof hash, "%s", db_text(st, 1) ? db_text(st, 1) : "");
        active = db_int(st, 2);
    }
    if (db_done(st)) return c->err->code;
    const char *check = hash[0] ? hash : dummy;
    bool ok = crypto_pwhash_str_verify(check, password, strlen(password)) == 0;
    if (!ok || !id || !hash[0] || !active)
        return err_set(c->err, KAM_EUNAUTH, "the login or the password is wrong");
    *user_id = id;
    return KAM_OK;
}

ErrCode user_actor(Ctx *c, int64_t user_id, Actor *out)
{
    memset(out, 0, sizeof *out);
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT login, role, person_id, guest_account_id, viewer_programme, active FROM app_user WHERE id = ?",
                          DB_ARGS(DI(user_id)));
    if (!st) return c->err->code;
    bool found = db_next(st) && db_int(st, 5) == 1;
    if (found) {
        out->user_id = user_id;
        out->login = arena_strdup(c->arena, db_text(st, 0));
        out->role = role_parse(db_text(st, 1));
        out->person_id = db_int(st, 2);
        out->guest_account_id = db_int(st, 3);
        out->viewer_programme = db_int(st, 4) == 1;
    }
    if (db_done(st)) return c->err->code;
    if (!found) return err_set(c->err, KAM_EUNAUTH, "the user no longer exists or is disabled");
    return KAM_OK;
}

ErrCode user_set_lang(Ctx *c, int64_t user_id, const char *lang)
{
    if (!str_eq(lang, "en") && !str_eq(lang, "it"))
        return err_set(c->err, KAM_EINPUT, "language must be en or it, not \"%s\"", lang ? lang : "");
    return db_exec(c->db, c->err, "UPDATE app_user SET lang = ? WHERE id = ?", DB_ARGS(DT(lang), DI(user_id)));
}
