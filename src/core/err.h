/* Err: what went wrong, in words a user can act on.
 *
 * Every function that can fail returns an ErrCode (KAM_OK == 0) and fills an
 * Err. The code decides the CLI exit status and the HTTP status; the message
 * is shown as is; `field` names the input field at fault, when there is one,
 * so a form can show the message next to it and the API can return it. */
#ifndef KAM_ERR_H
#define KAM_ERR_H

#include <stdarg.h>

typedef enum ErrCode {
    KAM_OK = 0,
    KAM_EINPUT,       /* the user's input is wrong                 -> exit 1, HTTP 400/422 */
    KAM_ENOTFOUND,    /* no such record (or not visible to you)    -> exit 1, HTTP 404 */
    KAM_ECONFLICT,    /* stale version or duplicate key            -> exit 1, HTTP 409/412 */
    KAM_EFORBIDDEN,   /* you may see it but not change it          -> exit 1, HTTP 403 */
    KAM_EUNAUTH,      /* not signed in / bad credentials           -> exit 1, HTTP 401 */
    KAM_ELIMIT,       /* too large, too many, too often            -> exit 1, HTTP 413/429 */
    KAM_EUSAGE,       /* wrong command-line usage                  -> exit 2 */
    KAM_EUNAVAILABLE, /* the database is gone for now, try again   -> exit 3, HTTP 503 */
    KAM_EINTERNAL,    /* a bug or an environment failure           -> exit 3, HTTP 500 */
} ErrCode;

#define KAM_ERR_MSG_MAX 1024
#define KAM_ERR_FIELD_MAX 64

typedef struct Err {
    ErrCode code;
    char msg[KAM_ERR_MSG_MAX];
    char field[KAM_ERR_FIELD_MAX];
    int retry_after; /* seconds, for KAM_ELIMIT rate limits; 0 otherwise */
} Err;

void err_clear(Err *e);
/* Set code and message; returns code so callers can `return err_set(...)`. */
ErrCode err_set(Err *e, ErrCode code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
ErrCode err_setv(Err *e, ErrCode code, const char *fmt, va_list ap);
/* Same, naming the input field at fault. */
ErrCode err_field(Err *e, ErrCode code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Put context in front of the existing message: "import: " + msg. */
void err_prefix(Err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Stable machine-readable name of a code, for the JSON API ("conflict", ...). */
const char *err_code_name(ErrCode c);
/* CLI exit status for a code: 0, 1 (input), 2 (usage) or 3 (internal). */
int err_exit_status(ErrCode c);

#endif
