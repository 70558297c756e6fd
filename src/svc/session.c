#include "session.h"

#include "../core/text.h"
#include "user.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void token_random(char out[TOKEN_HEX_LEN + 1])
{
    unsigned char raw[TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, TOKEN_HEX_LEN + 1, raw, sizeof raw);
}

bool token_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na != nb) return false;
    return sodium_memcmp(a, b, na) == 0;
}

/* Hex SHA-256 of a token: what the database holds instead of the token. */
static void token_hash(const char *token, char out[crypto_hash_sha256_BYTES * 2 + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof h);
}

static bool token_well_formed(const char *t, size_t len)
{
    if (!t || strlen(t) != len) return false;
    for (size_t i = 0; i < len; i++)
        if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f'))) return false;
    return true;
}

/* Seconds until key may try again (0 when not locked). */
static ErrCode throttle_locked(Ctx *c, const char *key, int64_t *wait)
{
    *wait = 0;
    DbStmt *st = db_query(c->db, c->err, "SELECT locked_until FROM login_throttle WHERE throttle_key = ?",
                          DB_ARGS(DT(key)));
    if (!st) return c->err->code;
    if (db_next(st) && db_int(st, 0) > c->now) *wait = db_int(st, 0) - c->now;
    return db_done(st);
}

/* Count one failure for key; lock it when the window holds too many. Each
 * lock after the first doubles, so a patient attacker gains nothing. */
static ErrCode throttle_fail(Ctx *c, const char *key, int64_t max_failures)
{
    int64_t failures = 0, start = c->now, locked = 0;
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT failures, window_start, locked_until FROM login_throttle WHERE throttle_key = ?",
                          DB_ARGS(DT(key)));
    if (!st) return c->err->code;
    bool exists = db_next(st);
    if (exists) {
        failures = db_int(st, 0);
        start = db_int(st, 1);
        locked = db_int(st, 2);
    }
    if (db_done(st)) return c->err->code;
    if (c->now - start > THROTTLE_WINDOW_S && locked <= c->now) {
        start = c->now;
        failures = failures >= max_failures ? max_failures - 1 : 0;
    }
    failures++;
    if (failures >= max_failures) {
        int64_t lock = THROTTLE_LOCK_S;
        for (int64_t k = failures - max_failures; k > 0 && lock < THROTTLE_LOCK_MAX_S; k--) lock *= 2;
        if (lock > THROTTLE_LOCK_MAX_S) lock = THROTTLE_LOCK_MAX_S;
        locked = c->now + lock;
    }
    return db_exec(c->db, c->err,
                   "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, "
                   "window_start = excluded.window_start, locked_until = excluded.locked_until",
                   DB_ARGS(DT(key), DI(failures), DI(start), DI(locked)));
}

static ErrCode refuse_locked(Ctx *c, int64_t wait)
{
    int64_t minutes = (wait + 59) / 60;
    c->err->retry_after = (int)wait;
    if (str_eq(c->lang, "it"))
        return err_set(c->err, KAM_ELIMIT, "Troppi accessi non riusciti: riprova tra %lld minut%s.",
                       (long long)minutes, minutes == 1 ? "o" : "i");
    return err_set(c->err, KAM_ELIMIT, "Too many failed sign-ins: try again in %lld minute%s.", (long long)minutes,
                   minutes == 1 ? "" : "s");
}

ErrCode session_sign_in(Ctx *c, const char *login, const char *password, const char *ip,
                        const SessionLimits *lim, char token_out[TOKEN_HEX_LEN + 1], Session *out)
{
    char klogin[200], kip[80];
    snprintf(klogin, sizeof klogin, "login:%.180s", login ? login : "");
    snprintf(kip, sizeof kip, "ip:%.70s", ip ? ip : "");
    int64_t w1, w2;
    if (throttle_locked(c, klogin, &w1) || throttle_locked(c, kip, &w2)) return c->err->code;
    if (w1 > 0 || w2 > 0) return refuse_locked(c, w1 > w2 ? w1 : w2);

    int64_t uid = 0;
    ErrCode rc = user_check_password(c, login ? login : "", password ? password : "", &uid);
    if (rc == KAM_EUNAUTH) {
        Err keep = *c->err;
        if (db_begin(c->db, c->err) || throttle_fail(c, klogin, THROTTLE_MAX_FAILURES) ||
            throttle_fail(c, kip, THROTTLE_IP_MAX_FAILURES) ||
            db_commit(c->db, c->err)) {
            db_rollback(c->db);
            return c->err->code;
        }
        *c->err = keep;
        if (str_eq(c->lang, "it")) err_set(c->err, KAM_EUNAUTH, "Nome utente o password errati.");
        return KAM_EUNAUTH;
    }
    if (rc) return rc;

    char hash[crypto_hash_sha256_BYTES * 2 + 1];
    memset(out, 0, sizeof *out);
    token_random(token_out);
    token_random(out->csrf);
    token_hash(token_out, hash);
    out->user_id = uid;
    if (db_begin(c->db, c->err)) return c->err->code;
    rc = db_exec(c->db, c->err, "DELETE FROM login_throttle WHERE throttle_key IN (?, ?)", DB_ARGS(DT(klogin), DT(kip)));
    if (!rc) rc = db_exec(c->db, c->err, "DELETE FROM user_session WHERE expires_at <= ?", DB_ARGS(DI(c->now)));
    if (!rc)
        rc = db_insert(c->db, c->err,
                       "INSERT INTO user_session (token_hash, user_id, csrf, created_at, last_seen_at, expires_at, ip) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       DB_ARGS(DT(hash), DI(uid), DT(out->csrf), DI(c->now), DI(c->now), DI(c->now + lim->absolute_s),
                               DT(ip ? ip : "")),
                       &out->id);
    if (!rc)
        rc = db_exec(c->db, c->err, "UPDATE app_user SET last_login_at = ? WHERE id = ?", DB_ARGS(DI(c->now), DI(uid)));
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return user_actor(c, uid, &out->actor);
}

/* Refresh last_seen_at at most once a minute: a page view is not a write. */
#define SESSION_TOUCH_S 60

/* The session of a token hash and its user, in one statement: this runs
 * on every request. */
#define SESSION_SQL                                                                                \
    "SELECT s.id, s.user_id, s.csrf, s.last_seen_at, s.expires_at, u.login, u.role, u.person_id, " \
    "u.guest_account_id, u.viewer_programme, u.active, u.lang FROM user_session s "                \
    "JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?"

ErrCode session_lookup(Ctx *c, const char *token, const SessionLimits *lim, Session *out)
{
    memset(out, 0, sizeof *out);
    if (!token_well_formed(token, TOKEN_HEX_LEN)) return err_set(c->err, KAM_EUNAUTH, "not signed in");
    char hash[crypto_hash_sha256_BYTES * 2 + 1];
    token_hash(token, hash);
    int64_t last_seen = 0, expires = 0;
    bool active = false;
    DbStmt *st = db_query(c->db, c->err, SESSION_SQL, DB_ARGS(DT(hash)));
    if (!st) return c->err->code;
    bool found = db_next(st);
    if (found) {
        out->id = db_int(st, 0);
        out->user_id = db_int(st, 1);
        snprintf(out->csrf, sizeof out->csrf, "%s", db_text(st, 2));
        last_seen = db_int(st, 3);
        expires = db_int(st, 4);
        Actor *a = &out->actor;
        a->user_id = out->user_id;
        a->login = arena_strdup(c->arena, db_text(st, 5));
        a->role = role_parse(db_text(st, 6));
        a->person_id = db_int(st, 7);
        a->guest_account_id = db_int(st, 8);
        a->viewer_programme = db_int(st, 9) == 1;
        active = db_int(st, 10) == 1;
        snprintf(out->lang, sizeof out->lang, "%s", db_text(st, 11) ? db_text(st, 11) : "");
    }
    if (db_done(st)) return c->err->code;
    if (!found || expires <= c->now || c->now - last_seen > lim->idle_s) {
        memset(out, 0, sizeof *out);
        return err_set(c->err, KAM_EUNAUTH, "your session has ended: please sign in again");
    }
    if (!active) {
        memset(out, 0, sizeof *out);
        return err_set(c->err, KAM_EUNAUTH, "the user no longer exists or is disabled");
    }
    if (c->now - last_seen >= SESSION_TOUCH_S &&
        db_exec(c->db, c->err, "UPDATE user_session SET last_seen_at = ? WHERE id = ?", DB_ARGS(DI(c->now), DI(out->id))))
        return c->err->code;
    return KAM_OK;
}

ErrCode session_end(Ctx *c, const char *token)
{
    if (!token_well_formed(token, TOKEN_HEX_LEN)) return KAM_OK;
    char hash[crypto_hash_sha256_BYTES * 2 + 1];
    token_hash(token, hash);
    return db_exec(c->db, c->err, "DELETE FROM user_session WHERE token_hash = ?", DB_ARGS(DT(hash)));
}

ErrCode session_end_all(Ctx *c, int64_t user_id)
{
    return db_exec(c->db, c->err, "DELETE FROM user_session WHERE user_id = ?", DB_ARGS(DI(user_id)));
}

ErrCode api_token_create(Ctx *c, int64_t user_id, const char *name, char out[TOKEN_HEX_LEN + 8], int64_t *id)
{
    char raw[TOKEN_HEX_LEN + 1], hash[crypto_hash_sha256_BYTES * 2 + 1];
    token_random(raw);
    snprintf(out, TOKEN_HEX_LEN + 8, API_TOKEN_PREFIX "%s", raw);
    token_hash(out, hash);
    return db_insert(c->db, c->err,
                     "INSERT INTO api_token (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                     DB_ARGS(DI(user_id), DT(name ? name : ""), DT(hash), DI(c->now)), id);
}

ErrCode api_token_revoke(Ctx *c, int64_t token_id)
{
    if (db_exec(c->db, c->err, "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                DB_ARGS(DI(c->now), DI(token_id))))
        return c->err->code;
    if (db_changes(c->db) == 0) return err_set(c->err, KAM_ENOTFOUND, "no active API token %lld", (long long)token_id);
    return KAM_OK;
}

ErrCode api_token_lookup(Ctx *c, const char *token, Actor *out)
{
    size_t plen = strlen(API_TOKEN_PREFIX);
    if (!token || !str_starts(token, API_TOKEN_PREFIX) || !token_well_formed(token + plen, TOKEN_HEX_LEN))
        return err_set(c->err, KAM_EUNAUTH, "the API token is malformed");
    char hash[crypto_hash_sha256_BYTES * 2 + 1];
    token_hash(token, hash);
    int64_t uid = 0, tid = 0, last_used = 0;
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT id, user_id, coalesce(last_used_at, 0) FROM api_token WHERE token_hash = ? AND "
                          "revoked_at IS NULL",
                          DB_ARGS(DT(hash)));
    if (!st) return c->err->code;
    if (db_next(st)) {
        tid = db_int(st, 0);
        uid = db_int(st, 1);
        last_used = db_int(st, 2);
    }
    if (db_done(st)) return c->err->code;
    if (!uid) return err_set(c->err, KAM_EUNAUTH, "the API token is unknown or revoked");
    /* Like a session's last-seen time: written at most once a minute, so a
     * script's reads do not each take the write lock. */
    if (c->now - last_used >= SESSION_TOUCH_S &&
        db_exec(c->db, c->err, "UPDATE api_token SET last_used_at = ? WHERE id = ? AND coalesce(last_used_at, 0) < ?",
                DB_ARGS(DI(c->now), DI(tid), DI(c->now - SESSION_TOUCH_S))))
        return c->err->code;
    return user_actor(c, uid, out);
}
