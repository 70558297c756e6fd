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
    if (!r->via_token) { /* session_lookup read it already */
        if (r->session.lang[0] && !r->cookie(r, "kam_lang")) r->lang = lang_parse(r->session.lang, r->lang);
        return;
    }
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

/* ---- the rendered-page cache (page_cache.h) ------------------------------ */

/* Routes whose answers never come from the cache: assets have their own
 * (ETag), the rest answer about the process or issue cookies. */
static bool route_cacheable(const char *pattern)
{
    return !str_starts(pattern, "/assets") && !str_eq(pattern, "/healthz") &&
           !str_eq(pattern, "/metrics") && !str_eq(pattern, "/login");
}

/* Everything the bytes of a GET answer depend on besides the data: the path
 * and query, who asks (user, session: its CSRF token is in every form; or
 * API token), the language, today (overdue items) and TLS. Each field is
 * length-prefixed, so no two requests share a key by concatenation. Also
 * the version of the data the request reads; NULL when the request may not
 * use the cache. */
static const char *cache_key(Req *r, Resp *w, uint64_t *version, size_t *len)
{
    if (!r->page_cache || !r->ctx.db || r->method != M_GET || r->flash || w->nheaders > 0 ||
        r->nquery >= REQ_MAX_PARAMS || r->header(r, "If-None-Match") || r->header(r, "Range"))
        return NULL;
    *version = db_data_version(r->ctx.db);
    if (!*version) { /* a write (a session's last-seen time) closed the snapshot: a new one */
        db_read_begin(r->ctx.db, &r->err);
        err_clear(&r->err);
        *version = db_data_version(r->ctx.db);
        if (!*version) return NULL;
    }
    Buf k;
    buf_init(&k, r->arena);
    buf_printf(&k, "%zu:%s|%d", strlen(r->path), r->path, r->nquery);
    for (int i = 0; i < r->nquery; i++)
        buf_printf(&k, "|%zu:%s=%zu:%s", strlen(r->query[i].name), r->query[i].name,
                   strlen(r->query[i].value), r->query[i].value);
    buf_printf(&k, "|u%lld|s%lld|t%d|%s|%s|%d", (long long)r->session.user_id,
               (long long)r->session.id, (int)r->via_token, lang_code(r->lang), r->ctx.today,
               (int)r->tls);
    *len = k.len;
    return buf_cstr(&k);
}

/* Answer from the cache: true when w was filled. */
static bool cache_serve(Req *r, Resp *w, const char *key, size_t keylen, uint64_t version)
{
    PageData pd;
    char *body;
    if (!page_cache_get(r->page_cache, key, keylen, version, r->nonce, r->arena, &pd, &body))
        return false;
    w->status = pd.status;
    w->content_type = pd.content_type;
    for (int i = 0; i < pd.nheaders; i++) resp_header(w, pd.headers[i].name, pd.headers[i].value);
    w->owned_body = body;
    w->owned_len = pd.len;
    return true;
}

/* Keep the answer just rendered when it is safe to: a 200 page or JSON
 * document that set no cookie, read from one snapshot of the data that no
 * commit has changed since the key's version was taken. */
static void cache_store(Req *r, Resp *w, const char *key, size_t keylen, uint64_t version)
{
    if (w->status != 200 || w->static_body || w->owned_body || !w->content_type ||
        r->pre_token || db_data_version(r->ctx.db) != version)
        return;
    if (!str_starts(w->content_type, "text/html") && !str_starts(w->content_type, "application/json"))
        return;
    PageData pd = {.status = w->status, .content_type = w->content_type, .body = w->body.data,
                   .len = w->body.len};
    if (w->nheaders > PAGE_CACHE_MAX_HEADERS) return;
    for (int i = 0; i < w->nheaders; i++) {
        if (str_ieq(w->headers[i].name, "Set-Cookie")) return;
        pd.headers[pd.nheaders].name = w->headers[i].name;
        pd.headers[pd.nheaders].value = w->headers[i].value;
        pd.nheaders++;
    }
    page_cache_put(r->page_cache, key, keylen, version, &pd, r->nonce);
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
        /* A GET reads from one snapshot: one read lock, not one per statement. */
        if (is_safe_method(r->method) && db_read_begin(db, &r->err)) err_clear(&r->err);
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
    uint64_t version = 0;
    size_t keylen = 0;
    const char *key = route_cacheable(match->pattern) ? cache_key(r, w, &version, &keylen) : NULL;
    if (key && cache_serve(r, w, key, keylen, version)) return;
    match->fn(r, w);
    if (key) cache_store(r, w, key, keylen, version);
}
