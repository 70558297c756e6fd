/* The raters of an assessment round in the browser (/assessment/:id/raters):
 * who is invited for the programme and for each account, how far each has
 * got, and — for those who run the programme (administrator, executive) —
 * inviting one rater, inviting the usual raters at once, and reminding those
 * who have not finished. svc/assess.c decides who may do what; a KAM sees
 * only their own invitations here. */
#include "../core/text.h"
#include "../svc/assess.h"
#include "app.h"
#include "page.h"
#include "pages.h"
#include "pages_assess.h"

#include <stdio.h>
#include <string.h>

static bool runs_programme(const Req *r)
{
    return r->ctx.actor.role == ROLE_ADMIN || r->ctx.actor.role == ROLE_EXECUTIVE;
}

/* The table of raters with their progress and the dates of invitation and
 * reminder. */
static void raters_table(Req *r, Buf *b, const AsRaterRow *rows, int n)
{
    if (!n) {
        html_printf(b, "<p class=\"empty-state\">%h</p>", tr(r->lang, "assess.raters.none"));
        return;
    }
    html_printf(
        b,
        "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%h</th><th "
        "scope=\"col\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th><th scope=\"col\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        tr(r->lang, "assess.rater"), tr(r->lang, "field.role"), tr(r->lang, "entity.account"),
        tr(r->lang, "assess.raters.answered"), tr(r->lang, "assess.raters.invited_on"),
        tr(r->lang, "assess.raters.reminded_on"), tr(r->lang, "field.status"));
    for (int i = 0; i < n; i++) {
        const AsRaterRow *x = &rows[i];
        bool done = x->completed_at != 0;
        html_printf(b, "<tr><th scope=\"row\">%h</th><td>%h</td><td>", x->login,
                    tr(r->lang, arena_printf(r->arena, "assess.role.%s", x->role)));
        if (x->account_id)
            html_printf(b, "<a href=\"/accounts/%lld\">%h</a>", (long long)x->account_id,
                        x->account_name);
        else
            html_printf(b, "%h", tr(r->lang, "nav.programme"));
        buf_puts(b, "</td><td class=\"num\">");
        assess_progress(r, b, x->answered, x->expected);
        buf_puts(b, "</td><td>");
        if (x->invited_on && *x->invited_on) fmt_date(b, r->lang, x->invited_on);
        buf_puts(b, "</td><td>");
        if (x->reminded_on && *x->reminded_on) fmt_date(b, r->lang, x->reminded_on);
        html_printf(b, "</td><td><span class=\"badge%r\">%h</span></td></tr>",
                    done ? " status-on-track" : "",
                    tr(r->lang, done ? "assess.raters.complete" : "assess.raters.pending"));
    }
    buf_puts(b, "</tbody></table></div>");
}

/* One <select> option, selected when it is what the user sent. */
static void option(Buf *b, const char *value, const char *label, const char *sent)
{
    html_printf(b, "<option value=\"%a\"%r>%h</option>", value,
                str_eq(value, sent) ? " selected" : "", label);
}

/* The error of the last POST next to its field, or above the form. */
static void field_error(Req *r, Buf *b, const char *field)
{
    if (r->err.code && str_eq(r->err.field, field))
        html_printf(b, "<p class=\"field-error\" id=\"inv-%a-err\">%h</p>", field, r->err.msg);
}

static const char *invalid_attr(Req *r, const char *field)
{
    if (!r->err.code || !str_eq(r->err.field, field)) return "";
    return arena_printf(r->arena, " aria-invalid=\"true\" aria-describedby=\"inv-%s-err\"", field);
}

/* Invite one rater: sign-in name, role, and what they rate (the programme or
 * one account of the round). What the user typed stays after an error. */
static void invite_form(Req *r, Buf *b, const AsRound *x, const AsReport *names)
{
    const char *login = req_form(r, "login"), *role = req_form(r, "role"),
               *acc = req_form(r, "account");
    html_printf(b, "<section><h2>%h</h2><p class=\"hint\">%h</p>",
                tr(r->lang, "assess.raters.invite"), tr(r->lang, "assess.raters.invite.hint"));
    html_printf(
        b, "<form method=\"post\" action=\"/assessment/%lld/raters\" class=\"record\" novalidate>",
        (long long)x->id);
    form_csrf(r, b);
    buf_puts(b, "<input type=\"hidden\" name=\"do\" value=\"invite\">");
    const char *ef = r->err.code ? r->err.field : "";
    if (r->err.code && !str_eq(ef, "login") && !str_eq(ef, "role") && !str_eq(ef, "account"))
        html_printf(b, "<p class=\"form-error\" role=\"alert\">%h</p>", r->err.msg);
    html_printf(b,
                "<div class=\"field%r\"><label for=\"inv-login\">%h</label><input type=\"text\" "
                "id=\"inv-login\" "
                "name=\"login\" value=\"%a\" required autocomplete=\"off\"%r>",
                str_eq(ef, "login") ? " has-error" : "", tr(r->lang, "field.login"),
                login ? login : "", invalid_attr(r, "login"));
    field_error(r, b, "login");
    html_printf(b,
                "</div><div class=\"field%r\"><label for=\"inv-role\">%h</label><select "
                "id=\"inv-role\" name=\"role\"%r>",
                str_eq(ef, "role") ? " has-error" : "", tr(r->lang, "field.role"),
                invalid_attr(r, "role"));
    for (int k = 0; k < AS_NROLE; k++) {
        const char *name = as_role_name(k);
        option(b, name, tr(r->lang, arena_printf(r->arena, "assess.role.%s", name)),
               role ? role : "kam");
    }
    buf_puts(b, "</select>");
    field_error(r, b, "role");
    html_printf(b,
                "</div><div class=\"field%r\"><label for=\"inv-account\">%h</label><select "
                "id=\"inv-account\" "
                "name=\"account\"%r>",
                str_eq(ef, "account") ? " has-error" : "", tr(r->lang, "assess.raters.rates"),
                invalid_attr(r, "account"));
    option(b, "0", tr(r->lang, "nav.programme"), acc ? acc : "0");
    for (int i = 0; i < x->naccounts; i++) {
        const char *id = arena_printf(r->arena, "%lld", (long long)x->accounts[i]);
        const char *label = id;
        for (int s = 0; names && s < names->res.nsubjects; s++)
            if (names->res.subject[s].account_id == x->accounts[i]) label = names->subject_name[s];
        option(b, id, label, acc ? acc : "");
    }
    buf_puts(b, "</select>");
    field_error(r, b, "account");
    html_printf(b,
                "</div><div class=\"actions\"><button type=\"submit\" "
                "class=\"primary\">%h</button></div></form>",
                tr(r->lang, "assess.raters.invite"));
    buf_puts(b, "</section>");
}

/* A one-button form posting `do` to the raters page. */
static void action_form(Req *r, Buf *b, int64_t round_id, const char *what, const char *label_key,
                        const char *hint_key)
{
    html_printf(b, "<form method=\"post\" action=\"/assessment/%lld/raters\" class=\"inline\">",
                (long long)round_id);
    form_csrf(r, b);
    html_printf(b,
                "<input type=\"hidden\" name=\"do\" value=\"%a\"><button "
                "type=\"submit\">%h</button></form> "
                "<span class=\"hint\">%h</span>",
                what, tr(r->lang, label_key), tr(r->lang, hint_key));
}

static void raters_page(Req *r, Resp *w, int64_t id, int status)
{
    Err posted = r->err; /* the error of a POST, shown in the form */
    err_clear(&r->err);
    AsRound x;
    AsRaterRow *rows;
    int n;
    if (as_round_get(&r->ctx, id, &x) || as_raters(&r->ctx, id, 0, &rows, &n)) {
        page_err(r, w);
        return;
    }
    /* Account names come with the results when the actor may read them. */
    AsReport *names = ARENA_NEW(r->arena, AsReport);
    if (as_results(&r->ctx, id, 0, names)) {
        err_clear(&r->err);
        names = NULL;
    }
    r->err = posted;
    const char *title = tr(r->lang, "assess.raters");
    Crumb crumbs[] = {{tr(r->lang, "assess.title"), "/assessment"},
                      {x.name, arena_printf(r->arena, "/assessment/%lld", (long long)id)},
                      {title, NULL}};
    Buf *b = page_begin(r, w, NAV_ASSESSMENT, title, crumbs, 3);
    if (status) w->status = status;
    int complete = 0, answered = 0, expected = 0;
    for (int i = 0; i < n; i++) {
        complete += rows[i].completed_at != 0;
        answered += rows[i].answered;
        expected += rows[i].expected;
    }
    html_printf(b, "<h1>%h — %h</h1><p class=\"lead\">%h: ", x.name, title,
                tr(r->lang, "assess.round.progress"));
    assess_progress(r, b, answered, expected);
    html_printf(b, " · %h: %d / %d · %h: ", tr(r->lang, "assess.raters.complete"), complete, n,
                tr(r->lang, "assess.round.deadline"));
    fmt_date(b, r->lang, x.deadline);
    buf_puts(b, "</p>");
    if (runs_programme(r) && !str_eq(x.status, "closed")) {
        buf_puts(b, "<div class=\"actions\">");
        action_form(r, b, id, "defaults", "assess.raters.defaults", "assess.raters.defaults.hint");
        if (str_eq(x.status, "open"))
            action_form(r, b, id, "remind", "assess.raters.remind", "assess.raters.remind.hint");
        buf_puts(b, "</div>");
    }
    raters_table(r, b, rows, n);
    if (runs_programme(r) && !str_eq(x.status, "closed")) invite_form(r, b, &x, names);
    page_end(r, w);
}

void page_assessment_raters(Req *r, Resp *w)
{
    raters_page(r, w, route_id(r, 0), 0);
}

/* POST: do=invite (login, role, account), do=defaults, do=remind. Input
 * errors show the page again with the error by its field (422). */
void page_assessment_raters_post(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    const char *what = req_form(r, "do");
    const char *flash = NULL;
    ErrCode rc;
    if (str_eq(what, "invite")) {
        AsRound round; /* a missing round is a 404, not an error in the form */
        if (as_round_get(&r->ctx, id, &round)) {
            page_err(r, w);
            return;
        }
        const char *acc = req_form(r, "account");
        int64_t account = 0, rater;
        if (acc && *acc && (!parse_int64(acc, &account) || account < 0)) {
            err_field(&r->err, KAM_EINPUT, "account", "account: \"%s\" is not an account id", acc);
            raters_page(r, w, id, 422);
            return;
        }
        const char *login = req_form(r, "login");
        if (!login || !*login) {
            err_field(&r->err, KAM_EINPUT, "login", "%s",
                      tr(r->lang, "assess.raters.login_required"));
            raters_page(r, w, id, 422);
            return;
        }
        rc = as_invite(&r->ctx, id, login, req_form(r, "role"), account, &rater);
        flash = "flash.assess.invited";
    } else if (str_eq(what, "defaults")) {
        int added;
        rc = as_invite_defaults(&r->ctx, id, &added);
        flash = "flash.assess.invited";
    } else if (str_eq(what, "remind")) {
        int reminded;
        rc = as_remind(&r->ctx, id, &reminded);
        flash = "flash.assess.reminded";
    } else {
        page_error(r, w, 400, tr(r->lang, "assess.raters.unknown_action"));
        return;
    }
    if (rc) {
        /* A user not found is a mistake in the form, not a missing page. */
        if (rc == KAM_ENOTFOUND && str_eq(what, "invite")) {
            r->err.code = KAM_EINPUT;
            snprintf(r->err.field, sizeof r->err.field, "login");
        }
        if (r->err.code == KAM_EINPUT || r->err.code == KAM_ECONFLICT) {
            raters_page(r, w, id, r->err.code == KAM_EINPUT ? 422 : 409);
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, flash);
    resp_redirect(r, w, arena_printf(r->arena, "/assessment/%lld/raters", (long long)id));
}
