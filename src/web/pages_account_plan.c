/* Workspace section "plan": the account plan on one page for reading and
 * printing (strategy, objectives, initiatives, solutions, team, rules of
 * collaboration, KPIs), and the frozen plan versions. */
#include "../core/text.h"
#include "../svc/plan.h"
#include "app.h"
#include "pages.h"
#include "pages_account.h"

#include <string.h>

/* What changed between version from and version to (0: the live plan). */
static void diff(WsPage *p, int64_t from, int64_t to)
{
    Req *r = p->r;
    json_t *a = NULL, *b = NULL;
    Err e = {0};
    Ctx c = r->ctx;
    c.err = &e;
    if (plan_load(&c, p->id, from, &a) ||
        (to ? plan_load(&c, p->id, to, &b) : plan_snapshot(&c, p->id, &b))) {
        html_printf(p->b, "<p class=\"form-error\" role=\"alert\">%h</p>", e.msg);
        if (a) json_decref(a);
        return;
    }
    PlanDiffSection d[PLAN_NSECTIONS];
    plan_diff(r->arena, a, b, d);
    html_printf(p->b, "<section id=\"plan-diff\"><h4>%h</h4>", ws_tr(p, "ws.plan.changes"));
    int total = 0;
    for (int k = 0; k < PLAN_NSECTIONS; k++) {
        if (!d[k].n) continue;
        total += d[k].n;
        html_printf(p->b, "<h5>%h</h5><ul class=\"ws-diff\">",
                    tr(r->lang, arena_printf(r->arena, "ws.plan.section.%s", d[k].name)));
        for (int i = 0; i < d[k].n; i++) {
            const PlanDiffItem *it = &d[k].items[i];
            const char *cls = it->change == PLAN_ADDED     ? "badge-ok"
                              : it->change == PLAN_REMOVED ? "badge-bad"
                                                           : "badge-warn";
            const char *word = it->change == PLAN_ADDED     ? "ws.plan.added"
                               : it->change == PLAN_REMOVED ? "ws.plan.removed"
                                                            : "ws.plan.changed";
            html_printf(p->b, "<li><span class=\"badge %a\">%h</span> %h", cls, ws_tr(p, word),
                        it->title);
            for (int f = 0; f < it->nfields; f++)
                html_printf(p->b, "%r%h", f ? ", " : ": ", field_label(r, it->fields[f]));
            buf_puts(p->b, "</li>");
        }
        buf_puts(p->b, "</ul>");
    }
    if (!total) html_printf(p->b, "<p>%h</p>", ws_tr(p, "ws.plan.same"));
    buf_puts(p->b, "</section>");
    json_decref(a);
    json_decref(b);
}

/* POST /accounts/:id/plan/freeze */
void page_account_plan_freeze(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0), vid;
    if (!id || plan_freeze(&r->ctx, id, req_form(r, "label"), req_form(r, "note"), &vid)) {
        if (r->err.code == KAM_EINPUT || r->err.code == KAM_ECONFLICT) {
            page_account_section_error(r, w, id, "plan");
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.created");
    resp_redirect(r, w,
                  arena_printf(r->arena, "/accounts/%lld?s=plan#plan-versions", (long long)id));
}

static void list_titles(WsPage *p, const char *kind, const char *title_key, const char *field,
                        const char *extra)
{
    RecordList l = ws_list(p, kind, 0);
    const EntityDef *def = entity_find(kind);
    html_printf(p->b, "<h3>%h</h3>", ws_tr(p, title_key));
    if (!l.n) {
        html_printf(p->b, "<p class=\"muted\">%h</p>", ws_tr(p, "ws.none"));
        return;
    }
    buf_puts(p->b, "<ul>");
    for (int i = 0; i < l.n; i++) {
        html_printf(p->b, "<li>%h", record_get(&l.items[i], field));
        if (extra && record_get(&l.items[i], extra)) {
            buf_puts(p->b, " — ");
            ws_cell(p, field_find(def, extra), record_get(&l.items[i], extra));
        }
        buf_puts(p->b, "</li>");
    }
    buf_puts(p->b, "</ul>");
}

/* The frozen versions, the freeze form and the compare form. */
static void versions(WsPage *p)
{
    Req *r = p->r;
    RecordList l = ws_list(p, "plan_version", 0);
    html_printf(p->b, "<section id=\"plan-versions\"><h3>%h</h3>", ws_tr(p, "ws.plan_versions"));
    if (!l.n) {
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div>",
                    ws_tr(p, "ws.plan_versions.empty"));
    } else {
        html_printf(
            p->b,
            "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th scope=\"col\">%h</th>"
            "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
            field_label(r, "label"), field_label(r, "frozen_on"), field_label(r, "note"));
        for (int i = 0; i < l.n; i++) {
            html_printf(p->b, "<tr><th scope=\"row\">%h</th><td>",
                        record_get(&l.items[i], "label"));
            fmt_date(p->b, r->lang, record_get(&l.items[i], "frozen_on"));
            html_printf(p->b, "</td><td>%h</td></tr>", record_get(&l.items[i], "note"));
        }
        buf_puts(p->b, "</tbody></table></div>");
        /* compare: a GET form, so the comparison has a URL */
        int64_t from = req_int(r, "from", l.items[l.n - 1].id), to = req_int(r, "to", 0);
        html_printf(p->b,
                    "<form method=\"get\" action=\"/accounts/%lld\" class=\"filters ws-compare\">"
                    "<input type=\"hidden\" name=\"s\" value=\"plan\">",
                    (long long)p->id);
        for (int side = 0; side < 2; side++) {
            const char *name = side ? "to" : "from";
            int64_t cur = side ? to : from;
            html_printf(p->b,
                        "<div class=\"field\"><label for=\"cmp-%a\">%h</label><select "
                        "id=\"cmp-%a\" name=\"%a\">",
                        name, ws_tr(p, side ? "ws.plan.to" : "ws.plan.from"), name, name);
            if (side)
                html_printf(p->b, "<option value=\"0\"%r>%h</option>", cur == 0 ? " selected" : "",
                            ws_tr(p, "ws.plan.live"));
            for (int i = 0; i < l.n; i++)
                html_printf(p->b, "<option value=\"%lld\"%r>%h</option>", (long long)l.items[i].id,
                            cur == l.items[i].id ? " selected" : "",
                            record_get(&l.items[i], "label"));
            buf_puts(p->b, "</select></div>");
        }
        html_printf(p->b, "<button type=\"submit\">%h</button></form>",
                    ws_tr(p, "ws.plan.compare"));
        if (req_query(r, "from")) diff(p, from, to);
    }
    if (p->can_operate) {
        bool failed = r->err.code && str_eq(req_form(r, "s"), "plan");
        html_printf(p->b,
                    "<details class=\"ws-add\"%r><summary>%h</summary>"
                    "<form method=\"post\" action=\"/accounts/%lld/plan/freeze\" class=\"record "
                    "ws-form\" novalidate>",
                    failed ? " open" : "", ws_tr(p, "ws.plan.freeze"), (long long)p->id);
        form_csrf(r, p->b);
        const char *err = failed ? r->err.msg : NULL;
        html_printf(p->b,
                    "<input type=\"hidden\" name=\"s\" value=\"plan\"><div "
                    "class=\"field%r\"><label for=\"pv-label\">%h "
                    "<abbr class=\"req\" title=\"required\">*</abbr></label><input type=\"text\" "
                    "id=\"pv-label\" name=\"label\" "
                    "value=\"%a\" required%r>",
                    err ? " has-error" : "", field_label(r, "label"),
                    failed ? req_form(r, "label") : "",
                    err ? " aria-invalid=\"true\" aria-describedby=\"pv-label-err\"" : "");
        if (err) html_printf(p->b, "<p class=\"field-error\" id=\"pv-label-err\">%h</p>", err);
        html_printf(p->b,
                    "</div><div class=\"field\"><label for=\"pv-note\">%h</label><textarea "
                    "id=\"pv-note\" name=\"note\" rows=\"2\">%h</textarea></div>"
                    "<div class=\"actions\"><button type=\"submit\" "
                    "class=\"primary\">%h</button></div></form></details>",
                    field_label(r, "note"), failed ? req_form(r, "note") : "",
                    ws_tr(p, "ws.plan.freeze"));
    }
    buf_puts(p->b, "</section>");
}

void ws_plan_section(WsPage *p)
{
    ws_heading(p, "ws.s.plan");
    const Record *a = p->ov.account;
    html_printf(p->b, "<article class=\"ws-plan\"><h3>%h</h3><dl class=\"facts\">",
                ws_tr(p, "ws.profile"));
    static const char *const fields[] = {"profile",
                                         "markets",
                                         "customer_strategy",
                                         "account_strategy",
                                         "collaboration_protocol",
                                         "plan_reviewed_on",
                                         NULL};
    for (int i = 0; fields[i]; i++) {
        const char *v = record_get(a, fields[i]);
        html_printf(p->b, "<dt>%h</dt><dd class=\"longtext\">", field_label(p->r, fields[i]));
        if (v && *v)
            ws_cell(p, field_find(a->def, fields[i]), v);
        else
            buf_puts(p->b, "—");
        buf_puts(p->b, "</dd>");
    }
    buf_puts(p->b, "</dl>");
    list_titles(p, "customer_goal", "ws.goals", "title", NULL);
    list_titles(p, "objective", "ws.objectives", "title", "status");
    list_titles(p, "initiative", "ws.initiatives", "title", "status");
    list_titles(p, "solution_project", "ws.projects", "title", "phase");
    list_titles(p, "cadence", "ws.cadences", "name", NULL);
    list_titles(p, "kpi", "ws.kpis", "name", "target");
    buf_puts(p->b, "</article>");
    versions(p);
}
