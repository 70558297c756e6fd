/* Sign-in, sign-out, password change, the language switch and the home
 * page that sends each role where its day starts. */
#include "../core/text.h"
#include "../svc/user.h"
#include "app.h"
#include "page.h"
#include "pages.h"

#include <string.h>

/* A "next" target from a form or query: a local path only. */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strstr(next, "://")) return "/";
    return next;
}

/* Make sure the browser holds a pre-session CSRF token for the login form. */
static void ensure_pre_token(Req *r, Resp *w)
{
    const char *pre = r->cookie(r, "kam_pre");
    if (pre && strlen(pre) == TOKEN_HEX_LEN) return;
    char *tok = arena_alloc(r->arena, TOKEN_HEX_LEN + 1);
    token_random(tok);
    r->pre_token = tok;
    resp_cookie(r, w, "kam_pre", tok, 0);
}

static void login_form(Req *r, Resp *w, const char *login, const char *error)
{
    Buf *b = page_begin(r, w, NAV_NONE, tr(r->lang, "login.title"), NULL, 0);
    html_printf(b, "<section class=\"login\"><h1>%h</h1><p>%h</p>", tr(r->lang, "login.title"),
                tr(r->lang, "login.intro"));
    if (error) html_printf(b, "<p class=\"form-error\" role=\"alert\">%h</p>", error);
    html_printf(b, "<form method=\"post\" action=\"/login\">");
    form_csrf(r, b);
    html_printf(b,
                "<input type=\"hidden\" name=\"next\" value=\"%a\">"
                "<div class=\"field\"><label for=\"login\">%h</label>"
                "<input type=\"text\" id=\"login\" name=\"login\" value=\"%a\" autocomplete=\"username\" required autofocus></div>"
                "<div class=\"field\"><label for=\"password\">%h</label>"
                "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>"
                "<button type=\"submit\" class=\"primary\">%h</button></form></section>",
                safe_next(req_param(r, "next")), tr(r->lang, "login.login"), login ? login : "",
                tr(r->lang, "login.password"), tr(r->lang, "login.submit"));
    page_end(r, w);
}

void page_login(Req *r, Resp *w)
{
    if (r->signed_in) {
        resp_redirect(r, w, safe_next(req_query(r, "next")));
        return;
    }
    ensure_pre_token(r, w);
    login_form(r, w, NULL, NULL);
}

void page_login_post(Req *r, Resp *w)
{
    const char *login = req_form(r, "login"), *password = req_form(r, "password");
    SessionLimits lim = {r->settings->session_idle_s, r->settings->session_absolute_s};
    char token[TOKEN_HEX_LEN + 1];
    Session s;
    if (session_sign_in(&r->ctx, login ? login : "", password ? password : "", r->ip, &lim, token, &s)) {
        int status = r->err.code == KAM_ELIMIT ? 429 : r->err.code == KAM_EUNAUTH ? 401 : http_status_for(r->err.code);
        if (r->err.code == KAM_EINTERNAL || r->err.code == KAM_EUNAVAILABLE) {
            page_err(r, w);
            return;
        }
        if (r->err.retry_after > 0) resp_header(w, "Retry-After", arena_printf(r->arena, "%d", r->err.retry_after));
        login_form(r, w, login, r->err.msg);
        w->status = status;
        return;
    }
    resp_cookie(r, w, "kam_session", token, r->settings->session_absolute_s);
    resp_cookie(r, w, "kam_pre", "", -1);
    const char *next = safe_next(req_form(r, "next"));
    if (s.actor.role == ROLE_GUEST && str_eq(next, "/"))
        next = arena_printf(r->arena, "/accounts/%lld", (long long)s.actor.guest_account_id);
    resp_redirect(r, w, next);
}

void page_logout_post(Req *r, Resp *w)
{
    if (r->session_token) session_end(&r->ctx, r->session_token);
    resp_cookie(r, w, "kam_session", "", -1);
    resp_flash(r, w, "flash.signed_out");
    resp_redirect(r, w, "/login");
}

static void password_form(Req *r, Resp *w, const char *error, const char *error_field)
{
    Crumb crumbs[] = {{tr(r->lang, "nav.password"), NULL}};
    Buf *b = page_begin(r, w, NAV_NONE, tr(r->lang, "password.title"), crumbs, 1);
    html_printf(b, "<h1>%h</h1><form method=\"post\" action=\"/password\" class=\"narrow\">",
                tr(r->lang, "password.title"));
    form_csrf(r, b);
    static const char *const names[] = {"current", "new", "confirm"};
    static const char *const autoc[] = {"current-password", "new-password", "new-password"};
    for (int i = 0; i < 3; i++) {
        bool bad = error && str_eq(error_field, names[i]);
        html_printf(b,
                    "<div class=\"field%r\"><label for=\"pw-%a\">%h</label>"
                    "<input id=\"pw-%a\" name=\"%a\" type=\"password\" autocomplete=\"%a\" required%r>",
                    bad ? " has-error" : "", names[i], tr(r->lang, arena_printf(r->arena, "password.%s", names[i])),
                    names[i], names[i], autoc[i], bad ? " aria-invalid=\"true\" aria-describedby=\"pw-err\"" : "");
        if (bad) html_printf(b, "<p class=\"field-error\" id=\"pw-err\">%h</p>", error);
        buf_puts(b, "</div>");
    }
    html_printf(b, "<p class=\"hint\">%h</p><button type=\"submit\" class=\"primary\">%h</button></form>",
                tr(r->lang, "password.rules"), tr(r->lang, "common.save"));
    page_end(r, w);
}

void page_password(Req *r, Resp *w) { password_form(r, w, NULL, NULL); }

void page_password_post(Req *r, Resp *w)
{
    const char *cur = req_form(r, "current"), *nw = req_form(r, "new"), *conf = req_form(r, "confirm");
    int64_t uid = 0;
    if (!cur || user_check_password(&r->ctx, r->ctx.actor.login, cur, &uid) || uid != r->session.user_id) {
        password_form(r, w, tr(r->lang, "password.wrong_current"), "current");
        w->status = 400;
        return;
    }
    if (!nw || !conf || !str_eq(nw, conf)) {
        password_form(r, w, tr(r->lang, "password.mismatch"), "confirm");
        w->status = 400;
        return;
    }
    if (password_acceptable(&r->ctx, nw) || user_set_password(&r->ctx, uid, nw)) {
        if (r->err.code != KAM_EINPUT) {
            page_err(r, w);
            return;
        }
        password_form(r, w, r->err.msg, "new");
        w->status = 400;
        return;
    }
    /* Changing the password ended every session, this one too: open a new one. */
    SessionLimits lim = {r->settings->session_idle_s, r->settings->session_absolute_s};
    char token[TOKEN_HEX_LEN + 1];
    Session s;
    if (session_sign_in(&r->ctx, r->ctx.actor.login, nw, r->ip, &lim, token, &s) == KAM_OK)
        resp_cookie(r, w, "kam_session", token, r->settings->session_absolute_s);
    resp_flash(r, w, "flash.password_changed");
    resp_redirect(r, w, "/");
}

void page_lang_post(Req *r, Resp *w)
{
    const char *code = req_form(r, "lang");
    Lang l = lang_parse(code, r->lang);
    resp_cookie(r, w, "kam_lang", lang_code(l), 365 * 86400);
    if (r->signed_in && !r->via_token) user_set_lang(&r->ctx, r->session.user_id, lang_code(l));
    resp_redirect(r, w, safe_next(req_form(r, "next")));
}

void page_home(Req *r, Resp *w)
{
    if (r->ctx.actor.role == ROLE_GUEST) {
        resp_redirect(r, w, arena_printf(r->arena, "/accounts/%lld", (long long)r->ctx.actor.guest_account_id));
        return;
    }
    /* top management lands on the programme dashboard */
    resp_redirect(r, w, r->ctx.actor.role == ROLE_EXECUTIVE ? "/programme" : "/accounts");
}
