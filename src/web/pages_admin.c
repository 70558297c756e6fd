/* Administration: the entry page, creating users (with a first password)
 * and resetting a password. Listing and editing users and reading the audit
 * log use the generic record pages (/e/users, /e/audit), which the service
 * opens to administrators only. */
#include "../core/text.h"
#include "../svc/user.h"
#include "app.h"
#include "page.h"
#include "pages.h"

void page_admin(Req *r, Resp *w)
{
    Crumb crumbs[] = {{tr(r->lang, "nav.admin"), NULL}};
    Buf *b = page_begin(r, w, NAV_ADMIN, tr(r->lang, "nav.admin"), crumbs, 1);
    html_printf(b,
                "<h1>%h</h1><ul class=\"link-list\">"
                "<li><a href=\"/e/users\">%h</a></li><li><a href=\"/admin/users/new\">%h</a></li>"
                "<li><a href=\"/e/audit\">%h</a></li><li><a href=\"/e/people\">%h</a></li>"
                "<li><a href=\"/programme\">%h</a></li></ul>",
                tr(r->lang, "nav.admin"), tr(r->lang, "admin.users"), tr(r->lang, "admin.new_user"),
                tr(r->lang, "admin.audit"), tr(r->lang, "admin.people"), tr(r->lang, "nav.programme"));
    page_end(r, w);
}

static void user_form(Req *r, Resp *w, int status)
{
    Crumb crumbs[] = {{tr(r->lang, "nav.admin"), "/admin"}, {tr(r->lang, "admin.new_user"), NULL}};
    Buf *b = page_begin(r, w, NAV_ADMIN, tr(r->lang, "admin.new_user"), crumbs, 2);
    if (status) w->status = status;
    html_printf(b, "<h1>%h</h1>", tr(r->lang, "admin.new_user"));
    const char *ef = r->err.code ? r->err.field : "";
    if (r->err.code && !ef[0]) html_printf(b, "<p class=\"form-error\" role=\"alert\">%h</p>", r->err.msg);
    html_printf(b, "<form method=\"post\" action=\"/admin/users\" class=\"record\" novalidate>");
    form_csrf(r, b);
    static const char *const kRolesForm[] = {"admin", "executive", "kam", "team", "guest", "viewer", NULL};
    static const char *const kLangsForm[] = {"en", "it", NULL};
    const FieldDef fields[] = {
        {.name = "login", .type = FT_TEXT, .flags = FF_REQUIRED},
        {.name = "full_name", .type = FT_TEXT},
        {.name = "role", .type = FT_ENUM, .flags = FF_REQUIRED, .choices = kRolesForm},
        {.name = "guest_account_id", .type = FT_INT},
        {.name = "lang", .type = FT_ENUM, .choices = kLangsForm},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        form_field(r, b, NULL, &fields[i], req_form(r, fields[i].name),
                   r->err.code && str_eq(ef, fields[i].name) ? r->err.msg : NULL);
    bool pw_err = r->err.code && str_eq(ef, "password");
    html_printf(b,
                "<div class=\"field%r\"><label for=\"f-password\">%h</label>"
                "<input type=\"password\" id=\"f-password\" name=\"password\" autocomplete=\"new-password\"%r>",
                pw_err ? " has-error" : "", tr(r->lang, "login.password"),
                pw_err ? " aria-invalid=\"true\" aria-describedby=\"f-password-err\"" : "");
    if (pw_err) html_printf(b, "<p class=\"field-error\" id=\"f-password-err\">%h</p>", r->err.msg);
    html_printf(b, "<p class=\"hint\">%h</p></div><div class=\"actions\"><button type=\"submit\" class=\"primary\">%h</button></div></form>",
                tr(r->lang, "password.rules"), tr(r->lang, "common.save"));
    page_end(r, w);
}

void page_admin_user_new(Req *r, Resp *w) { user_form(r, w, 0); }

void page_admin_user_create(Req *r, Resp *w)
{
    UserNew u = {0};
    u.login = req_form(r, "login");
    u.role = req_form(r, "role");
    u.full_name = req_form(r, "full_name");
    u.lang = req_form(r, "lang");
    if (u.lang && !*u.lang) u.lang = NULL;
    if (u.full_name && !*u.full_name) u.full_name = NULL;
    const char *pw = req_form(r, "password");
    u.password = pw && *pw ? pw : NULL;
    u.guest_account_id = req_int(r, "guest_account_id", 0);
    int64_t id;
    if (u.password && password_acceptable(&r->ctx, u.password)) {
        snprintf(r->err.field, sizeof r->err.field, "password");
        user_form(r, w, 422);
        return;
    }
    if (user_create(&r->ctx, &u, &id)) {
        if (r->err.code == KAM_EINPUT || r->err.code == KAM_ECONFLICT) {
            user_form(r, w, 422);
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.created");
    resp_redirect(r, w, arena_printf(r->arena, "/e/users/%lld", (long long)id));
}

/* An administrator sets a new password; the user's sessions end. */
void page_admin_user_password(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    const char *pw = req_form(r, "password");
    if (!pw || password_acceptable(&r->ctx, pw) || user_set_password(&r->ctx, id, pw)) {
        if (!r->err.code) err_set(&r->err, KAM_EINPUT, "give the new password");
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.password_changed");
    resp_redirect(r, w, arena_printf(r->arena, "/e/users/%lld", (long long)id));
}
