#include "http.h"

#include "../core/text.h"

#include <stdlib.h>
#include <string.h>

static const char *param_find(const Param *p, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (str_eq(p[i].name, name)) return p[i].value;
    return NULL;
}

const char *req_query(const Req *r, const char *name) { return param_find(r->query, r->nquery, name); }
const char *req_form(const Req *r, const char *name) { return param_find(r->form, r->nform, name); }

const char *req_param(const Req *r, const char *name)
{
    const char *v = req_form(r, name);
    return v ? v : req_query(r, name);
}

int64_t req_int(const Req *r, const char *name, int64_t dflt)
{
    int64_t v;
    const char *s = req_param(r, name);
    return s && parse_int64(s, &v) ? v : dflt;
}

void resp_header(Resp *w, const char *name, const char *value)
{
    if (w->nheaders >= REQ_MAX_HEADERS) return;
    w->headers[w->nheaders].name = name;
    w->headers[w->nheaders].value = value;
    w->nheaders++;
}

void resp_redirect(Req *r, Resp *w, const char *path)
{
    /* Only local paths: "/x" but not "//host" or "/\host" (open redirects). */
    if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\') path = "/";
    w->status = 303;
    resp_header(w, "Location", arena_strdup(r->arena, path));
}

void resp_cookie(Req *r, Resp *w, const char *name, const char *value, int64_t max_age)
{
    Buf b;
    buf_init(&b, r->arena);
    buf_printf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Lax", name, max_age < 0 ? "" : value);
    if (max_age < 0) buf_puts(&b, "; Max-Age=0");
    else if (max_age > 0) buf_printf(&b, "; Max-Age=%lld", (long long)max_age);
    if (r->tls) buf_puts(&b, "; Secure");
    resp_header(w, "Set-Cookie", buf_cstr(&b));
}

void resp_flash(Req *r, Resp *w, const char *key) { resp_cookie(r, w, "kam_flash", key, 60); }

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *url_decode(Arena *a, const char *s, size_t len, bool plus_is_space)
{
    char *out = arena_alloc(a, len + 1);
    size_t j = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            if (i + 2 >= len) return NULL;
            int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
            if (h < 0 || l < 0) return NULL;
            out[j++] = (char)(h * 16 + l);
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            out[j++] = ' ';
        } else {
            out[j++] = s[i];
        }
    }
    out[j] = 0;
    if (memchr(out, 0, j)) return NULL; /* an encoded NUL byte */
    if (!utf8_valid(out, j, NULL)) return NULL;
    return out;
}

bool parse_urlencoded(Arena *a, const char *s, size_t len, Param *out, int max, int *n)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '&') end++;
        if (end > i) {
            if (*n >= max) return false;
            const char *eq = memchr(s + i, '=', end - i);
            size_t klen = eq ? (size_t)(eq - (s + i)) : end - i;
            char *k = url_decode(a, s + i, klen, true);
            char *v = eq ? url_decode(a, eq + 1, (size_t)(s + end - eq - 1), true) : arena_strdup(a, "");
            if (!k || !v) return false;
            out[*n].name = k;
            out[*n].value = v;
            (*n)++;
        }
        i = end + 1;
    }
    return true;
}

int http_status_for(ErrCode code)
{
    switch (code) {
    case KAM_OK: return 200;
    case KAM_EINPUT: return 400;
    case KAM_ENOTFOUND: return 404;
    case KAM_ECONFLICT: return 409;
    case KAM_EFORBIDDEN: return 403;
    case KAM_EUNAUTH: return 401;
    case KAM_ELIMIT: return 429;
    case KAM_EUSAGE: return 400;
    case KAM_EUNAVAILABLE: return 503;
    case KAM_EINTERNAL: return 500;
    }
    return 500;
}
