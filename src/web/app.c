#include "app.h"

#include "../core/text.h"
#include "page.h"

#include <string.h>

bool req_is_api(const Req *r) { return str_starts(r->path, "/api/"); }

/* Split the path into segments (arena copies); false when too deep. */
static bool split_path(Req *r)
{
    r->nseg = 0;
    const char *p = r->path;
    while (*p) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (r->nseg >= PATH_MAX_SEGMENTS) return false;
        r->seg[r->nseg++] = arena_strndup(r->arena, p, n);
        p += n;
    }
    return true;
}

/* Does pattern match the request's segments? */
static bool route_matches(const Req *r, const char *pattern)
{
    int i = 0;
    const char *p = pattern;
    while (*p) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (i >= r->nseg) return false;
        if (*p != ':' && (strlen(r->seg[i]) != n || strncmp(r->seg[i], p, n) != 0)) return false;
        i++;
        p += n;
    }
    return i == r->nseg;
}


const char *route_arg(const Req *r, int n)
{
    /* Walk the matched pattern again to find the n-th ":x" segment. */
    const char *p = r->route;
    int i = 0, k = 0;
    while (p && *p) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (*p == ':') {
            if (k == n) return i < r->nseg ? r->seg[i] : NULL;
            k++;
        }
        i++;
        p += len;
    }
    return NULL;
}

int64_t route_id(const Req *r, int n)
{
    int64_t v;
    const char *s = route_arg(r, n);
    return s && parse_int64(s, &v) && v > 0 ? v : 0;
}

/* Language: the signed-in user's setting, else the kam_lang cookie, else Accept-Language. */
static Lang pick_language(Req *r)
{
    const char *c = r->cookie(r, "kam_lang");
    if (c) return lang_parse(c, LANG_EN);
    return lang_from_accept(r->header(r, "Accept-Language"), LANG_EN);
}

static bool is_safe_method(Method m) { return m == M_GET || m == M_HEAD; }

/* Find out who is asking: a bearer token (API only) or the session cookie. */
static void authenticate(Req *r, Resp *w)
{
    const char *authz = r->header(r, "Authorization");
    if (authz && req_is_api(r) && str_starts(authz, "Bearer ")) {
        Actor a;
        if (api_token_lookup(&r->ctx, authz + 7, &a) == KAM_OK) {
            r->signed_in = true;
            r->via_token = true;
            r->ctx.actor = a;
            r->session.user_id = a.user_id;
            r->session.actor = a;
        }
        return;
    }
    const char *tok = r->cookie(r, "kam_session");
    if (!tok) return;
    SessionLimits lim = {r->settings->session_idle_s, r->settings->session_absolute_s};
    if (session_lookup(&r->ctx, tok, &lim, &r->session) == KAM_OK) {
        r->signed_in = true;
        r->session_token = tok;
        r->ctx.actor = r->session.actor;
    } else if (r->err.code == KAM_EUNAUTH) {
        resp_cookie(r, w, "kam_session", "", -1); /* a stale or forged cookie: forget it */
    }
    err_clear(&r->err);
}

/* The user's own language setting wins once we know who they are. */
static void user_language(Req *r)
{
    if (!r->signed_in) return;
    DbStmt *st = db_query(r->ctx.db, &r->err, "SELECT lang FROM app_user WHERE id = ?", DB_ARGS(DI(r->session.user_id)));
    if (!st) return;
    if (db_next(st) && db_text(st, 0) && !r->cookie(r, "kam_lang")) r->lang = lang_parse(db_text(st, 0), r->lang);
    db_done(st);
}

/* CSRF: every state-changing request made with a session cookie carries the
 * session's token, in the form field "csrf" or the X-CSRF-Token header.
 * Before sign-in the login form uses a pre-session cookie instead. */
static bool csrf_ok(Req *r)
{
    if (is_safe_method(r->method) || r->via_token) return true;
    const char *sent = req_form(r, "csrf");
    if (!sent) sent = r->header(r, "X-CSRF-Token");
    if (!sent) return false;
    if (r->signed_in) return token_equal(sent, r->session.csrf);
    const char *pre = r->cookie(r, "kam_pre");
    return pre && strlen(pre) == TOKEN_HEX_LEN && token_equal(sent, pre);
}

void app_handle(Req *r, Resp *w)
{
    r->lang = pick_language(r);
    r->ctx.arena = r->arena;
    r->ctx.err = &r->err;
    Db *db = r->ctx.db;
    ctx_init(&r->ctx, db, r->arena, &r->err, (Actor){0});
    r->ctx.lang = lang_code(r->lang);
    r->ctx.decimal_comma = r->lang == LANG_IT;
    token_random(r->nonce);

    if (!split_path(r)) {
        page_error(r, w, 404, NULL);
        return;
    }
    const Route *match = NULL;
    bool path_known = false;
    for (const Route *rt = kRoutes; rt->pattern; rt++) {
        if (!route_matches(r, rt->pattern)) continue;
        path_known = true;
        if (rt->method == r->method || (rt->method == M_GET && r->method == M_HEAD)) {
            match = rt;
            break;
        }
    }
    if (!match) {
        if (path_known) {
            resp_header(w, "Allow", "GET, POST");
            page_error(r, w, 405, NULL);
        } else {
            page_error(r, w, 404, NULL);
        }
        return;
    }
    r->route = match->pattern;

    if (match->access != ACC_PUBLIC || !str_starts(match->pattern, "/assets")) {
        if (!db) {
            page_error(r, w, 503, NULL);
            return;
        }
    }
    if (db && !str_starts(match->pattern, "/assets") && !str_eq(match->pattern, "/healthz")) {
        authenticate(r, w);
        user_language(r);
        r->ctx.lang = lang_code(r->lang);
        r->ctx.decimal_comma = r->lang == LANG_IT;
    }

    /* Form bodies are parsed here once, for CSRF and the handlers. */
    if (!is_safe_method(r->method) && r->content_type &&
        str_starts(r->content_type, "application/x-www-form-urlencoded")) {
        if (!parse_urlencoded(r->arena, r->body, r->body_len, r->form, REQ_MAX_PARAMS, &r->nform)) {
            page_error(r, w, 400, tr(r->lang, "error.form_malformed"));
            return;
        }
    }
    const char *flash = r->cookie(r, "kam_flash");
    if (flash && *flash) {
        r->flash = arena_strdup(r->arena, flash);
        resp_cookie(r, w, "kam_flash", "", -1);
    }

    if (match->access != ACC_PUBLIC && !r->signed_in) {
        if (req_is_api(r)) {
            page_error(r, w, 401, NULL);
        } else {
            Buf to;
            buf_init(&to, r->arena);
            buf_printf(&to, "/login?next=%U", r->path);
            resp_redirect(r, w, buf_cstr(&to));
        }
        return;
    }
    if ((match->access == ACC_STAFF && r->ctx.actor.role == ROLE_GUEST) ||
        (match->access == ACC_ADMIN && r->ctx.actor.role != ROLE_ADMIN)) {
        page_error(r, w, match->access == ACC_ADMIN ? 403 : 404, NULL);
        return;
    }
    if (!csrf_ok(r)) {
        page_error(r, w, 403, tr(r->lang, "error.csrf"));
        return;
    }
    match->fn(r, w);
}
