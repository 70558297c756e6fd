#include "page.h"

#include "app.h"

#include "../core/embedded.h"
#include "../core/text.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* ---- assets ------------------------------------------------------------ */

#define MAX_ASSETS 32
static char g_etags[MAX_ASSETS][20];
static pthread_once_t g_etags_once = PTHREAD_ONCE_INIT;

/* FNV-1a of every embedded asset, once: the ETag and the cache-busting
 * query of its URL. */
static void etags_compute(void)
{
    for (int i = 0; kam_assets[i].name && i < MAX_ASSETS; i++) {
        uint64_t h = 1469598103934665603ull;
        for (size_t k = 0; k < kam_assets[i].size; k++) h = (h ^ kam_assets[i].data[k]) * 1099511628211ull;
        snprintf(g_etags[i], sizeof g_etags[i], "%016llx", (unsigned long long)h);
    }
}

static int asset_index(const char *name)
{
    pthread_once(&g_etags_once, etags_compute);
    for (int i = 0; kam_assets[i].name && i < MAX_ASSETS; i++)
        if (str_eq(kam_assets[i].name, name)) return i;
    return -1;
}

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (str_eq(dot, ".css")) return "text/css; charset=utf-8";
    if (str_eq(dot, ".js")) return "text/javascript; charset=utf-8";
    if (str_eq(dot, ".svg")) return "image/svg+xml";
    if (str_eq(dot, ".png")) return "image/png";
    return "application/octet-stream";
}

const char *asset_url(Req *r, const char *name)
{
    int i = asset_index(name);
    return arena_printf(r->arena, "/assets/%s?v=%s", name, i >= 0 ? g_etags[i] : "0");
}

void asset_serve(Req *r, Resp *w, const char *name)
{
    int i = asset_index(name);
    if (i < 0) {
        page_error(r, w, 404, NULL);
        return;
    }
    char *etag = arena_printf(r->arena, "\"%s\"", g_etags[i]);
    resp_header(w, "ETag", etag);
    resp_header(w, "Cache-Control", "public, max-age=31536000, immutable");
    const char *inm = r->header(r, "If-None-Match");
    if (inm && strstr(inm, etag)) {
        w->status = 304;
        return;
    }
    w->content_type = mime_of(name);
    w->static_body = kam_assets[i].data;
    w->static_len = kam_assets[i].size;
}

/* ---- labels ------------------------------------------------------------ */

/* "annual_revenue" -> "Annual revenue": the fallback for fields without a
 * catalogue entry. */
static const char *humanize(Arena *a, const char *name)
{
    char *s = arena_strdup(a, name);
    for (char *p = s; *p; p++)
        if (*p == '_') *p = ' ';
    if (s[0] >= 'a' && s[0] <= 'z') s[0] = (char)(s[0] - 32);
    return s;
}

const char *field_label(Req *r, const char *name)
{
    char key[128];
    snprintf(key, sizeof key, "field.%s", name);
    const char *t = tr(r->lang, key);
    return t == NULL || str_eq(t, key) ? humanize(r->arena, name) : t;
}

const char *enum_label(Req *r, const char *field, const char *value)
{
    char key[160];
    if (!value) return "";
    snprintf(key, sizeof key, "enum.%s.%s", field, value);
    const char *t = tr(r->lang, key);
    return str_eq(t, key) ? humanize(r->arena, value) : t;
}

/* ---- layout ------------------------------------------------------------ */

static void nav_item(Req *r, Buf *b, const char *href, const char *key, bool current)
{
    html_printf(b, "<li><a href=\"%a\"%r>%h</a></li>", href, current ? " aria-current=\"page\"" : "", tr(r->lang, key));
}

/* Flash keys come from a cookie: accept only catalogue-like keys. */
static bool flash_key_ok(const char *k)
{
    if (!str_starts(k, "flash.") || strlen(k) > 64) return false;
    for (const char *p = k; *p; p++)
        if (!(islower((unsigned char)*p) || *p == '.' || *p == '_')) return false;
    return true;
}

Buf *page_begin(Req *r, Resp *w, NavSection nav, const char *title, const Crumb *crumbs, int ncrumbs)
{
    Buf *b = &w->body;
    w->content_type = "text/html; charset=utf-8";
    resp_header(w, "Cache-Control", "no-store");
    resp_header(w, "Content-Security-Policy",
                arena_printf(r->arena,
                             "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'nonce-%s'; "
                             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                             r->nonce));
    const Lang other = r->lang == LANG_IT ? LANG_EN : LANG_IT;
    html_printf(b,
                "<!DOCTYPE html>\n<html lang=\"%a\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%h · kam</title><link rel=\"stylesheet\" href=\"%a\">"
                "<link rel=\"icon\" href=\"%a\" type=\"image/svg+xml\"></head><body>"
                "<a class=\"skip-link\" href=\"#main\">%h</a>"
                "<header class=\"site-header\"><a class=\"brand\" href=\"/\">kam</a>",
                lang_code(r->lang), title, asset_url(r, "kam.css"), asset_url(r, "favicon.svg"),
                tr(r->lang, "nav.skip"));
    if (r->signed_in) {
        html_printf(b, "<nav class=\"site-nav\" aria-label=\"%a\"><ul>", tr(r->lang, "nav.label"));
        Role role = r->ctx.actor.role;
        if (role == ROLE_GUEST) {
            nav_item(r, b, arena_printf(r->arena, "/accounts/%lld", (long long)r->ctx.actor.guest_account_id),
                     "nav.our_account", nav == NAV_ACCOUNTS);
            nav_item(r, b, "/assessment", "nav.assessment", nav == NAV_ASSESSMENT);
        } else {
            if ((role != ROLE_VIEWER || r->ctx.actor.viewer_programme) && role != ROLE_TEAM)
                nav_item(r, b, "/programme", "nav.programme", nav == NAV_PROGRAMME);
            nav_item(r, b, "/accounts", "nav.accounts", nav == NAV_ACCOUNTS);
            nav_item(r, b, "/assessment", "nav.assessment", nav == NAV_ASSESSMENT);
            if (role == ROLE_ADMIN) nav_item(r, b, "/admin", "nav.admin", nav == NAV_ADMIN);
        }
        buf_puts(b, "</ul></nav>");
    }
    /* The language switch is a form: it works without JavaScript. */
    html_printf(b,
                "<div class=\"site-tools\"><form method=\"post\" action=\"/lang\" class=\"lang-switch\" aria-label=\"%a\">",
                tr(r->lang, "nav.language"));
    form_csrf(r, b);
    html_printf(b,
                "<input type=\"hidden\" name=\"next\" value=\"%a\">"
                "<button type=\"submit\" name=\"lang\" value=\"%a\" lang=\"%a\" title=\"%a\">%h</button></form>",
                r->path, lang_code(other), lang_code(other), tr(other, "nav.switch_language"),
                tr(other, "nav.language_name"));
    if (r->signed_in) {
        html_printf(b,
                    "<details class=\"user-menu\"><summary>%h</summary><ul>"
                    "<li><a href=\"/password\">%h</a></li>"
                    "<li><form method=\"post\" action=\"/logout\">",
                    r->ctx.actor.login ? r->ctx.actor.login : "", tr(r->lang, "nav.password"));
        form_csrf(r, b);
        html_printf(b, "<button type=\"submit\" class=\"link\">%h</button></form></li></ul></details>",
                    tr(r->lang, "nav.sign_out"));
    }
    buf_puts(b, "</div></header>");
    if (ncrumbs > 0) {
        html_printf(b, "<nav class=\"breadcrumbs\" aria-label=\"%a\"><ol>", tr(r->lang, "nav.breadcrumbs"));
        for (int i = 0; i < ncrumbs; i++) {
            if (crumbs[i].href) html_printf(b, "<li><a href=\"%a\">%h</a></li>", crumbs[i].href, crumbs[i].label);
            else html_printf(b, "<li aria-current=\"page\">%h</li>", crumbs[i].label);
        }
        buf_puts(b, "</ol></nav>");
    }
    buf_puts(b, "<main id=\"main\">");
    if (r->flash && flash_key_ok(r->flash))
        html_printf(b, "<p class=\"flash\" role=\"status\">%h</p>", tr(r->lang, r->flash));
    return b;
}

void page_end(Req *r, Resp *w)
{
    html_printf(&w->body,
                "</main><footer class=\"site-footer\"><p>kam %h · %h</p></footer>"
                "<script nonce=\"%a\" src=\"%a\" defer></script></body></html>\n",
                KAM_VERSION, tr(r->lang, "app.tagline"), r->nonce, asset_url(r, "kam.js"));
}

/* ---- errors ------------------------------------------------------------ */

static const char *status_phrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}

static const char *api_code(int status)
{
    switch (status) {
    case 400: return "invalid_input";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 412: return "precondition_failed";
    case 413: return "too_large";
    case 429: return "rate_limited";
    case 503: return "unavailable";
    default: return "internal";
    }
}

void page_error(Req *r, Resp *w, int status, const char *message)
{
    char key[32];
    snprintf(key, sizeof key, "error.%d", status);
    const char *title = tr(r->lang, key);
    if (str_eq(title, key)) title = status_phrase(status);
    snprintf(key, sizeof key, "error.%d.text", status);
    const char *text = message ? message : tr(r->lang, key);
    if (str_eq(text, key)) text = status_phrase(status);
    w->nheaders = 0;
    if (status == 401 && req_is_api(r)) resp_header(w, "WWW-Authenticate", "Bearer");
    if (r->err.retry_after > 0) resp_header(w, "Retry-After", arena_printf(r->arena, "%d", r->err.retry_after));
    buf_reset(&w->body);
    if (req_is_api(r) || !r->ctx.arena) {
        w->status = status;
        w->content_type = "application/json";
        buf_printf(&w->body, "{\"error\":{\"status\":%d,\"code\":%J,\"message\":%J", status, api_code(status), text);
        if (r->err.field[0]) buf_printf(&w->body, ",\"field\":%J", r->err.field);
        buf_puts(&w->body, "}}\n");
        return;
    }
    page_begin(r, w, NAV_NONE, title, NULL, 0);
    w->status = status;
    html_printf(&w->body, "<h1>%h</h1><p class=\"error-text\">%h</p><p><a href=\"/\">%h</a></p>", title, text,
                tr(r->lang, "error.back_home"));
    page_end(r, w);
}

void page_err(Req *r, Resp *w)
{
    int status = http_status_for(r->err.code);
    if (r->err.code == KAM_EINTERNAL) {
        fprintf(stderr, "kam serve: internal error on %s: %s\n", r->path, r->err.msg);
        page_error(r, w, 500, NULL);
        return;
    }
    page_error(r, w, status, r->err.msg);
}

void form_csrf(Req *r, Buf *b)
{
    const char *tok = r->signed_in ? r->session.csrf : r->pre_token ? r->pre_token : r->cookie(r, "kam_pre");
    html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%a\">", tok ? tok : "");
}

/* ---- fields ------------------------------------------------------------ */

const char *field_text(Req *r, const FieldDef *f, const char *value)
{
    Buf d;
    buf_init(&d, r->arena);
    double v;
    int64_t n;
    switch (f->type) {
    case FT_ENUM: return enum_label(r, f->name, value);
    case FT_BOOL: return tr(r->lang, str_eq(value, "1") ? "common.yes" : "common.no");
    case FT_DATE: fmt_date(&d, r->lang, value); break;
    case FT_REAL:
        if (!parse_double(value, false, &v)) return value;
        fmt_number(&d, r->lang, v, v == (double)(int64_t)v ? 0 : 2);
        break;
    case FT_TIMESTAMP: {
        if (!parse_int64(value, &n)) return value;
        char day[11];
        date_from_days(n / 86400, day);
        fmt_date(&d, r->lang, day);
        buf_printf(&d, " %02d:%02d UTC", (int)(n % 86400 / 3600), (int)(n % 3600 / 60));
        break;
    }
    default: return value;
    }
    return buf_cstr(&d);
}

void field_display(Req *r, Buf *b, const FieldDef *f, const char *value)
{
    /* span.num: numbers align right in tables; span.enum-FIELD-VALUE: the
     * stylesheet shows statuses as badges (assets/kam.css). */
    bool num = f->type == FT_INT || f->type == FT_REAL;
    if (!value || !*value) {
        html_printf(b, "<span class=\"empty%r\">—</span>", num ? " num" : "");
        return;
    }
    if (num) {
        html_printf(b, "<span class=\"num\">%h</span>", field_text(r, f, value));
    } else if (f->type == FT_ENUM) {
        html_printf(b, "<span class=\"enum enum-%a-%a\">%h</span>", f->name, value, field_text(r, f, value));
    } else if (f->type == FT_REF) {
        const EntityDef *ref = entity_find(f->ref);
        if (ref) html_printf(b, "<a href=\"/e/%a/%a\">%h</a>", ref->plural, value, value);
        else html_printf(b, "%h", value);
    } else if (f->type == FT_LONGTEXT) {
        html_printf(b, "<span class=\"longtext\">%h</span>", value);
    } else {
        html_printf(b, "%h", field_text(r, f, value));
    }
}

void form_field(Req *r, Buf *b, const EntityDef *def, const FieldDef *f, const char *value, const char *error)
{
    const char *label = field_label(r, f->name);
    const char *id = arena_printf(r->arena, "f-%s", f->name);
    const char *v = value ? value : "";
    bool req = (f->flags & FF_REQUIRED) != 0;
    html_printf(b, "<div class=\"field%r\">", error ? " has-error" : "");
    if (f->flags & FF_READONLY) {
        html_printf(b, "<span class=\"label\">%h</span><span class=\"value\">", label);
        field_display(r, b, f, value);
        buf_puts(b, "</span></div>");
        return;
    }
    html_printf(b, "<label for=\"%a\">%h%r</label>", id, label,
                req ? " <abbr class=\"req\" title=\"required\">*</abbr>" : "");
    const char *described = error ? arena_printf(r->arena, " aria-invalid=\"true\" aria-describedby=\"%s-err\"", id) : "";
    switch (f->type) {
    case FT_LONGTEXT:
        html_printf(b, "<textarea id=\"%a\" name=\"%a\" rows=\"4\"%r%r>%h</textarea>", id, f->name,
                    req ? " required" : "", described, v);
        break;
    case FT_ENUM:
        html_printf(b, "<select id=\"%a\" name=\"%a\"%r>", id, f->name, described);
        if (!req) buf_puts(b, "<option value=\"\"></option>");
        for (int i = 0; f->choices && f->choices[i]; i++)
            html_printf(b, "<option value=\"%a\"%r>%h</option>", f->choices[i],
                        str_eq(v, f->choices[i]) ? " selected" : "", enum_label(r, f->name, f->choices[i]));
        buf_puts(b, "</select>");
        break;
    case FT_BOOL:
        html_printf(b, "<input type=\"hidden\" name=\"%a\" value=\"0\">"
                       "<input type=\"checkbox\" id=\"%a\" name=\"%a\" value=\"1\"%r%r>",
                    f->name, id, f->name, str_eq(v, "1") ? " checked" : "", described);
        break;
    default: {
        const char *type = f->type == FT_DATE ? "date" : f->type == FT_MONTH ? "month" : "text";
        const char *mode = f->type == FT_INT || f->type == FT_REF ? " inputmode=\"numeric\""
                           : f->type == FT_REAL                  ? " inputmode=\"decimal\""
                                                                 : "";
        html_printf(b, "<input type=\"%a\" id=\"%a\" name=\"%a\" value=\"%a\"%r%r%r>", type, id, f->name, v, mode,
                    req ? " required" : "", described);
    }
    }
    if (error) html_printf(b, "<p class=\"field-error\" id=\"%a-err\">%h</p>", id, error);
    (void)def;
    buf_puts(b, "</div>");
}
