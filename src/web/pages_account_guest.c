/* The customer guest's view of their account (FRAMEWORK.md section 4): the
 * joint goals, the joint initiatives and the shared KPIs, with the comments
 * on each and a form to add one. Everything comes through the entity layer,
 * which shows a guest only allow-listed fields of joint or shared rows, so
 * nothing internal can reach this page even by mistake here. */
#include "../core/text.h"
#include "app.h"
#include "chart.h"
#include "pages.h"
#include "pages_account.h"

#include <math.h>
#include <string.h>

static void remarks(Req *r, Buf *b, int64_t id, const char *kind, int64_t subject,
                    const RecordList *all)
{
    const char *fid = arena_printf(r->arena, "rm-%s-%lld", kind, (long long)subject);
    bool any = false;
    for (int i = 0; i < all->n; i++) {
        const Record *m = &all->items[i];
        if (!str_eq(record_get(m, "subject_kind"), kind) || record_int(m, "subject_id") != subject)
            continue;
        if (!any) buf_puts(b, "<ul class=\"ws-remarks\">");
        any = true;
        html_printf(b, "<li>%h</li>", record_get(m, "body"));
    }
    if (any) buf_puts(b, "</ul>");
    bool failed =
        r->err.code && str_eq(req_form(r, "subject_kind"), kind) &&
        str_eq(req_form(r, "subject_id"), arena_printf(r->arena, "%lld", (long long)subject));
    html_printf(b,
                "<form method=\"post\" action=\"/accounts/%lld/remarks\" class=\"ws-remark-form\">",
                (long long)id);
    form_csrf(r, b);
    html_printf(
        b,
        "<input type=\"hidden\" name=\"subject_kind\" value=\"%a\"><input type=\"hidden\" "
        "name=\"subject_id\" value=\"%lld\">"
        "<div class=\"field%r\"><label for=\"%a\">%h</label><textarea id=\"%a\" name=\"body\" "
        "rows=\"2\"%r>%h</textarea>",
        kind, (long long)subject, failed ? " has-error" : "", fid, tr(r->lang, "ws.comment"), fid,
        failed ? arena_printf(r->arena, " aria-invalid=\"true\" aria-describedby=\"%s-err\"", fid)
               : "",
        failed ? req_form(r, "body") : "");
    if (failed) html_printf(b, "<p class=\"field-error\" id=\"%a-err\">%h</p>", fid, r->err.msg);
    html_printf(b, "</div><button type=\"submit\">%h</button></form>",
                tr(r->lang, "ws.comment.add"));
}

static RecordList list_of(Req *r, const char *kind, int64_t id)
{
    RecordList l = {0};
    ListQuery q = {.account_id = id, .limit = -1};
    Err e = {0};
    Ctx c = r->ctx;
    c.err = &e;
    if (ent_list(&c, entity_find(kind), &q, &l)) memset(&l, 0, sizeof l);
    return l;
}

void ws_guest_page(Req *r, Resp *w, int64_t id, int status)
{
    Record *acct;
    Err keep = r->err;
    err_clear(&r->err);
    if (ent_get(&r->ctx, entity_find("account"), id, &acct)) {
        page_err(r, w);
        return;
    }
    r->err = keep;
    const char *name = record_get(acct, "name");
    Crumb crumbs[] = {{name, NULL}};
    Buf *b = page_begin(r, w, NAV_ACCOUNTS, name, crumbs, 1);
    if (status) w->status = status;
    html_printf(b, "<div class=\"page-head\"><h1>%h</h1></div><p class=\"muted\">%h</p>", name,
                tr(r->lang, "ws.guest.intro"));
    RecordList goals = list_of(r, "customer_goal", id), inis = list_of(r, "initiative", id),
               rem = list_of(r, "remark", id);
    html_printf(b, "<section id=\"joint-goals\"><h2>%h</h2>", tr(r->lang, "ws.goals"));
    if (!goals.n) html_printf(b, "<p class=\"muted\">%h</p>", tr(r->lang, "ws.none"));
    for (int i = 0; i < goals.n; i++) {
        const Record *g = &goals.items[i];
        html_printf(b, "<article class=\"card\"><h3>%h</h3>", record_get(g, "title"));
        const char *d = record_get(g, "description");
        if (d && *d) html_printf(b, "<p class=\"longtext\">%h</p>", d);
        remarks(r, b, id, "customer_goal", g->id, &rem);
        buf_puts(b, "</article>");
    }
    html_printf(b, "</section><section id=\"joint-initiatives\"><h2>%h</h2>",
                tr(r->lang, "ws.initiatives"));
    if (!inis.n) html_printf(b, "<p class=\"muted\">%h</p>", tr(r->lang, "ws.none"));
    for (int i = 0; i < inis.n; i++) {
        const Record *g = &inis.items[i];
        html_printf(
            b,
            "<article class=\"card\"><h3>%h</h3><p><span class=\"enum enum-status-%a\">%h</span>",
            record_get(g, "title"), record_get(g, "status"),
            enum_label(r, "status", record_get(g, "status")));
        const char *due = record_get(g, "due_on");
        if (due) {
            html_printf(b, " %h ", tr(r->lang, "ws.due"));
            fmt_date(b, r->lang, due);
        }
        buf_puts(b, "</p>");
        const char *d = record_get(g, "description");
        if (d && *d) html_printf(b, "<p class=\"longtext\">%h</p>", d);
        remarks(r, b, id, "initiative", g->id, &rem);
        buf_puts(b, "</article>");
    }
    html_printf(b, "</section><section id=\"shared-kpis\"><h2>%h</h2>",
                tr(r->lang, "ws.shared_kpis"));
    KpiStatus *k = NULL;
    int nk = 0;
    Err e = {0};
    Ctx c = r->ctx;
    c.err = &e;
    if (kpi_list_account(&c, id, &k, &nk)) nk = 0;
    if (!nk) html_printf(b, "<p class=\"muted\">%h</p>", tr(r->lang, "ws.none"));
    for (int i = 0; i < nk; i++) {
        if (!k[i].def.shared) continue; /* the service lists only shared ones to a guest; be sure */
        html_printf(b, "<article class=\"card\"><h3>%h</h3>", k[i].def.name);
        if (k[i].npts) {
            int n = k[i].npts;
            const char **xl = ARENA_ARRAY(r->arena, const char *, n);
            double *v = ARENA_ARRAY(r->arena, double, n), *t = ARENA_ARRAY(r->arena, double, n);
            for (int j = 0; j < n; j++) {
                Buf d;
                buf_init(&d, r->arena);
                fmt_date(&d, r->lang, k[i].pts[j].period);
                xl[j] = buf_cstr(&d);
                v[j] = k[i].pts[j].value;
                t[j] = k[i].pts[j].has_target ? k[i].pts[j].target : NAN;
            }
            ChartSeries s = {.name = k[i].def.name, .values = v};
            LineChart lc = {
                .base = {.id = arena_printf(r->arena, "kpi-%lld", (long long)k[i].def.id),
                         .title = k[i].def.name,
                         .lang = r->lang,
                         .fmt = {.kind = CHART_NUMBER, .decimals = 1}},
                .n = n,
                .xlabels = xl,
                .nseries = 1,
                .series = &s,
                .targets = t};
            chart_line(b, r->arena, &lc);
        }
        remarks(r, b, id, "kpi", k[i].def.id, &rem);
        buf_puts(b, "</article>");
    }
    /* their own survey: the assessment pages list the rounds they are invited to */
    html_printf(b,
                "</section><section id=\"survey\"><h2>%h</h2><p>%h <a "
                "href=\"/assessment\">%h</a></p></section>",
                tr(r->lang, "ws.guest.survey"), tr(r->lang, "ws.guest.survey.text"),
                tr(r->lang, "ws.guest.survey.link"));
    page_end(r, w);
}

/* POST /accounts/:id/remarks: a comment on a joint goal, joint initiative
 * or shared KPI, by the customer guest or our team. */
void page_account_remark_create(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    const EntityDef *def = entity_find("remark");
    Record *in = record_new(&r->ctx, def), *out;
    if (!id ||
        record_set(&r->ctx, in, "account_id", arena_printf(r->arena, "%lld", (long long)id)) ||
        record_set(&r->ctx, in, "subject_kind", req_form(r, "subject_kind")) ||
        record_set(&r->ctx, in, "subject_id", req_form(r, "subject_id")) ||
        record_set(&r->ctx, in, "body", req_form(r, "body")) ||
        ent_create(&r->ctx, def, in, &out)) {
        if (r->err.code == KAM_EINPUT) {
            if (r->ctx.actor.role == ROLE_GUEST)
                ws_guest_page(r, w, id, 422);
            else
                page_account_section_error(r, w, id, "strategy");
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.created");
    resp_redirect(r, w, arena_printf(r->arena, "/accounts/%lld", (long long)id));
}
