#include "err.h"

#include <stdio.h>
#include <string.h>

void err_clear(Err *e)
{
    e->code = KAM_OK;
    e->msg[0] = 0;
    e->field[0] = 0;
    e->retry_after = 0;
}

ErrCode err_setv(Err *e, ErrCode code, const char *fmt, va_list ap)
{
    if (!e) return code;
    e->code = code;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->field[0] = 0;
    return code;
}

ErrCode err_set(Err *e, ErrCode code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_setv(e, code, fmt, ap);
    va_end(ap);
    return code;
}

ErrCode err_field(Err *e, ErrCode code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_setv(e, code, fmt, ap);
    va_end(ap);
    if (e) snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    return code;
}

void err_prefix(Err *e, const char *fmt, ...)
{
    char pre[256], old[KAM_ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pre, sizeof pre, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    size_t n = strlen(pre);
    if (n >= sizeof e->msg) n = sizeof e->msg - 1;
    memcpy(e->msg, pre, n);
    size_t rest = strnlen(old, sizeof old);
    if (rest > sizeof e->msg - 1 - n) rest = sizeof e->msg - 1 - n;
    memcpy(e->msg + n, old, rest);
    e->msg[n + rest] = 0;
}

const char *err_code_name(ErrCode c)
{
    switch (c) {
    case KAM_OK: return "ok";
    case KAM_EINPUT: return "invalid";
    case KAM_ENOTFOUND: return "not_found";
    case KAM_ECONFLICT: return "conflict";
    case KAM_EFORBIDDEN: return "forbidden";
    case KAM_EUNAUTH: return "unauthorized";
    case KAM_ELIMIT: return "limit";
    case KAM_EUSAGE: return "usage";
    case KAM_EUNAVAILABLE: return "unavailable";
    case KAM_EINTERNAL: return "internal";
    }
    return "internal";
}

int err_exit_status(ErrCode c)
{
    switch (c) {
    case KAM_OK: return 0;
    case KAM_EUSAGE: return 2;
    case KAM_EINTERNAL:
    case KAM_EUNAVAILABLE: return 3;
    default: return 1;
    }
}
