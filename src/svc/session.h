/* Sign-in sessions, sign-in rate limits and API tokens. All state lives in
 * the database (user_session, login_throttle, api_token), so several
 * `kam serve` processes on one database share it. Only SHA-256 hashes of the
 * random 256-bit tokens are stored: a copy of the database cannot be used to
 * sign in. */
#ifndef KAM_SESSION_H
#define KAM_SESSION_H

#include "ctx.h"

#define TOKEN_BYTES 32                     /* 256 random bits */
#define TOKEN_HEX_LEN (TOKEN_BYTES * 2)    /* as sent in cookies and headers */
#define API_TOKEN_PREFIX "kam_"            /* API tokens look like kam_<64 hex> */

/* Sign-in throttling: after THROTTLE_MAX_FAILURES failures within
 * THROTTLE_WINDOW_S for one login (THROTTLE_IP_MAX_FAILURES for one address:
 * a whole office may sit behind one address), further attempts are refused
 * for THROTTLE_LOCK_S (doubling on each further lock, up to a day). */
#define THROTTLE_MAX_FAILURES 5
#define THROTTLE_IP_MAX_FAILURES 50
#define THROTTLE_WINDOW_S (15 * 60)
#define THROTTLE_LOCK_S (5 * 60)
#define THROTTLE_LOCK_MAX_S (24 * 3600)

typedef struct SessionLimits {
    int64_t idle_s;     /* ends after this long without a request */
    int64_t absolute_s; /* ends this long after sign-in, whatever happens */
} SessionLimits;

typedef struct Session {
    int64_t id;
    int64_t user_id;
    char csrf[TOKEN_HEX_LEN + 1];
    Actor actor;
    char lang[8]; /* the user's own language setting, "" when none (session_lookup) */
} Session;

/* Random token as lowercase hex (TOKEN_HEX_LEN chars + NUL). */
void token_random(char out[TOKEN_HEX_LEN + 1]);
/* Constant-time comparison of two NUL-terminated strings. */
bool token_equal(const char *a, const char *b);

/* Check the password and open a session: on success *token_out holds the
 * cookie value (a new token every sign-in) and the session's CSRF token.
 * Failures count against the login and the address; when either is locked
 * the result is KAM_ELIMIT with err->retry_after set and a message saying
 * when to try again. A wrong login and a wrong password give the same
 * KAM_EUNAUTH message. */
ErrCode session_sign_in(Ctx *c, const char *login, const char *password, const char *ip,
                        const SessionLimits *lim, char token_out[TOKEN_HEX_LEN + 1], Session *out);
/* Find the live session of a cookie token and refresh its idle time.
 * KAM_EUNAUTH when unknown, expired or the user was deactivated. */
ErrCode session_lookup(Ctx *c, const char *token, const SessionLimits *lim, Session *out);
ErrCode session_end(Ctx *c, const char *token);
/* End every session of a user (password change, deactivation). */
ErrCode session_end_all(Ctx *c, int64_t user_id);

/* API tokens: create returns the token once (kam_<hex>); only its hash is kept. */
ErrCode api_token_create(Ctx *c, int64_t user_id, const char *name, char out[TOKEN_HEX_LEN + 8], int64_t *id);
ErrCode api_token_revoke(Ctx *c, int64_t token_id);
/* The actor of a bearer token; KAM_EUNAUTH when unknown or revoked. */
ErrCode api_token_lookup(Ctx *c, const char *token, Actor *out);

#endif
