/* Workspace section "people": the account team, the competencies the
 * account needs against those the team has (gaps), the relationship map
 * (contacts as positions: an org chart by reporting line and a power map of
 * influence against attitude), buying-centre coverage, and who held each
 * position. A new contact is added as person + position + holder at once. */
#include "../core/text.h"
#include "../svc/people.h"
#include "app.h"
#include "chart.h"
#include "pages.h"
#include "pages_account.h"

#include <math.h>
#include <string.h>

static void coverage(WsPage *p)
{
    Req *r = p->r;
    const MlAnalysis *a = &p->ov.analysis;
    html_printf(p->b, "<section id=\"coverage\"><h3>%h</h3><p>%h</p>", ws_tr(p, "ws.coverage"),
                tr_str(r->arena, r->lang, "ws.hi.coverage.detail", "n",
                       arena_printf(r->arena, "%d", a->coverage.num), "of",
                       arena_printf(r->arena, "%d", a->coverage.den), NULL));
    html_printf(p->b,
                "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th "
                "scope=\"col\">%h</th><th scope=\"col\">%h</th>"
                "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
                field_label(r, "buying_role"), ws_tr(p, "ws.cover.state"),
                ws_tr(p, "ws.cover.holder"), field_label(r, "counterpart_id"));
    for (int i = 0; i < ML_NROLES; i++) {
        const MlRoleCover *c = &a->roles[i];
        const char *cls = c->state == ML_COVERED       ? "status-on-track"
                          : c->state == ML_NO_POSITION ? "status-off-track"
                                                       : "status-at-risk";
        html_printf(p->b,
                    "<tr><th scope=\"row\">%h</th><td><span "
                    "class=\"%a\">%h</span></td><td>%h</td><td>%h</td></tr>",
                    enum_label(r, "buying_role", c->role), cls,
                    ws_tr(p, arena_printf(r->arena, "ws.cover.%d", (int)c->state)),
                    c->pos && c->pos->holder ? c->pos->holder : "—",
                    c->pos && c->pos->counterpart ? c->pos->counterpart : "—");
    }
    buf_puts(p->b, "</tbody></table></div></section>");
}

static void gaps(WsPage *p)
{
    const MlAnalysis *a = &p->ov.analysis;
    html_printf(p->b, "<section id=\"gaps\"><h3>%h</h3>", ws_tr(p, "ws.gaps"));
    if (!a->ngaps) {
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div></section>",
                    ws_tr(p, "ws.gaps.empty"));
        return;
    }
    html_printf(p->b,
                "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th "
                "scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th>"
                "<th scope=\"col\" class=\"num\">%h</th><th scope=\"col\">%h</th><th scope=\"col\" "
                "class=\"num\">%h</th></tr></thead><tbody>",
                ws_tr(p, "ws.gaps.competency"), ws_tr(p, "ws.gaps.required"),
                ws_tr(p, "ws.gaps.team"), ws_tr(p, "ws.gaps.best"), ws_tr(p, "ws.gaps.gap"));
    for (int i = 0; i < a->ngaps; i++) {
        const MlGap *g = &a->gaps[i];
        html_printf(p->b,
                    "<tr><th scope=\"row\">%h</th><td class=\"num\">%d</td><td "
                    "class=\"num\">%d</td><td>%h</td>"
                    "<td class=\"num\"><span class=\"%a\">%d</span></td></tr>",
                    g->req->name, g->req->required, g->team_level, g->best ? g->best : "—",
                    g->gap > 0 ? "status-off-track" : "status-on-track", g->gap > 0 ? g->gap : 0);
    }
    buf_puts(p->b, "</tbody></table></div></section>");
}

/* Org chart (columns by reporting depth) and power map (influence x attitude). */
static void relationship_map(WsPage *p)
{
    Req *r = p->r;
    ContactRow *rows = NULL;
    int n = 0;
    Err e = {0};
    Ctx c = r->ctx;
    c.err = &e;
    contact_list(&c, p->id, &rows, &n);
    html_printf(p->b, "<section id=\"relationship-map\"><h3>%h</h3>",
                ws_tr(p, "ws.relationship_map"));
    if (!n) {
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div></section>",
                    ws_tr(p, "ws.relationship_map.empty"));
        return;
    }
    GraphNode *nodes = ARENA_ARRAY(r->arena, GraphNode, n);
    GraphEdge *edges = ARENA_ARRAY(r->arena, GraphEdge, n);
    Bubble *bubbles = ARENA_ARRAY(r->arena, Bubble, n);
    int ne = 0, maxcol = 0;
    for (int i = 0; i < n; i++) {
        const Record *pos = rows[i].position;
        /* depth: follow reports_to up to 3 levels */
        int depth = 0;
        int64_t up = record_int(pos, "reports_to_id");
        while (up && depth < 3) {
            int j = -1;
            for (int k = 0; k < n; k++)
                if (rows[k].position->id == up) j = k;
            if (j < 0) break;
            if (depth == 0) edges[ne++] = (GraphEdge){j, i};
            depth++;
            up = record_int(rows[j].position, "reports_to_id");
        }
        if (depth > maxcol) maxcol = depth;
        const char *label =
            rows[i].holder
                ? arena_printf(r->arena, "%s (%s)", record_get(pos, "title"), rows[i].holder)
                : arena_printf(r->arena, "%s (%s)", record_get(pos, "title"),
                               ws_tr(p, "ws.vacant"));
        const char *href = arena_printf(
            r->arena,
            "/accounts/%lld?s=people&edit=contact_position-%lld#form-contact_position-%lld",
            (long long)p->id, (long long)pos->id, (long long)pos->id);
        int att = (int)record_int(pos, "attitude");
        nodes[i] = (GraphNode){.label = label,
                               .column = depth,
                               .href = href,
                               .cls = att > 0   ? "attitude-positive"
                                      : att < 0 ? "attitude-negative"
                                                : NULL};
        bubbles[i] = (Bubble){.label = label,
                              .x = att,
                              .y = (double)record_int(pos, "influence"),
                              .size = (double)record_int(pos, "strength"),
                              .href = href,
                              .cls = att > 0   ? "series-1"
                                     : att < 0 ? "series-3"
                                               : "series-2"};
    }
    const char *cols[] = {ws_tr(p, "ws.org.1"), ws_tr(p, "ws.org.2"), ws_tr(p, "ws.org.3"),
                          ws_tr(p, "ws.org.4")};
    GraphChart gc = {
        .base = {.id = "org-chart", .title = ws_tr(p, "ws.org_chart"), .lang = r->lang},
        .ncols = maxcol + 1,
        .columns = cols,
        .nnodes = n,
        .nodes = nodes,
        .nedges = ne,
        .edges = edges};
    chart_graph(p->b, r->arena, &gc);
    BubbleChart bc = {
        .base = {.id = "power-map", .title = ws_tr(p, "ws.power_map"), .lang = r->lang},
        .n = n,
        .items = bubbles,
        .x_label = field_label(r, "attitude"),
        .y_label = field_label(r, "influence"),
        .size_label = field_label(r, "strength"),
        .x_min = -2,
        .x_max = 2,
        .y_min = 1,
        .y_max = 5,
        .has_thresholds = true,
        .x_threshold = 0.5,
        .y_threshold = 3};
    chart_bubble(p->b, r->arena, &bc);
    buf_puts(p->b, "</section>");
}

static void contact_form(WsPage *p)
{
    Req *r = p->r;
    bool failed = r->err.code && str_eq(r->path, arena_printf(r->arena, "/accounts/%lld/contacts",
                                                              (long long)p->id));
    html_printf(p->b, "<details class=\"ws-add\" id=\"add-contact\"%r><summary>%h</summary>",
                failed ? " open" : "", ws_tr(p, "ws.contact.add"));
    html_printf(p->b,
                "<form method=\"post\" action=\"/accounts/%lld/contacts\" class=\"record ws-form\" "
                "novalidate>",
                (long long)p->id);
    form_csrf(r, p->b);
    static const char *const names[] = {"name",     "title", "unit",  "buying_role", "influence",
                                        "attitude", "email", "phone", NULL};
    for (int i = 0; names[i]; i++) {
        const char *v = failed ? req_form(r, names[i]) : NULL;
        const char *label =
            str_eq(names[i], "name") ? ws_tr(p, "ws.contact.name") : field_label(r, names[i]);
        if (str_eq(names[i], "buying_role")) {
            html_printf(p->b,
                        "<div class=\"field\"><label for=\"nc-buying_role\">%h</label><select "
                        "id=\"nc-buying_role\" name=\"buying_role\">",
                        label);
            for (int k = 0; kMlBuyingRoles[k]; k++)
                html_printf(p->b, "<option value=\"%a\"%r>%h</option>", kMlBuyingRoles[k],
                            str_eq(v, kMlBuyingRoles[k]) ? " selected" : "",
                            enum_label(r, "buying_role", kMlBuyingRoles[k]));
            html_printf(p->b, "<option value=\"none\"%r>%h</option></select></div>",
                        str_eq(v, "none") || !v ? " selected" : "",
                        enum_label(r, "buying_role", "none"));
            continue;
        }
        html_printf(p->b,
                    "<div class=\"field\"><label for=\"nc-%a\">%h%r</label><input type=\"text\" "
                    "id=\"nc-%a\" name=\"%a\" value=\"%a\"%r></div>",
                    names[i], label,
                    i == 0 ? " <abbr class=\"req\" title=\"required\">*</abbr>" : "", names[i],
                    names[i], v ? v : "", i == 0 ? " required" : "");
    }
    html_printf(p->b,
                "<div class=\"actions\"><button type=\"submit\" "
                "class=\"primary\">%h</button></div></form></details>",
                ws_tr(p, "common.add"));
}

void ws_people_section(WsPage *p)
{
    ws_heading(p, "ws.s.people");
    static const char *const team_cols[] = {"person_id", "role",     "time_share",
                                            "since_on",  "until_on", NULL};
    ws_block(p, "team_member", "ws.team", team_cols, team_cols, "ws.team.empty");
    gaps(p);
    static const char *const need_cols[] = {"competency_id", "required_level", NULL};
    ws_block(p, "account_competency", "ws.needs", need_cols, need_cols, "ws.needs.empty");
    relationship_map(p);
    coverage(p);
    static const char *const pos_cols[] = {"title",    "unit",     "buying_role",    "influence",
                                           "attitude", "strength", "counterpart_id", NULL};
    static const char *const pos_form[] = {
        "title",    "unit",           "party_id",      "buying_role", "influence", "attitude",
        "strength", "counterpart_id", "reports_to_id", "notes",       "active",    NULL};
    ws_block(p, "contact_position", "ws.positions", pos_cols, pos_form, "ws.positions.empty");
    if (p->can_operate) contact_form(p);
    static const char *const holder_cols[] = {"position_id", "person_id", "from_on",
                                              "to_on",       "note",      NULL};
    ws_block(p, "position_holder", "ws.holders", holder_cols, holder_cols, "ws.holders.empty");
}

/* POST /accounts/:id/contacts: person, position and holder in one go. */
void page_account_contact_create(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    ContactNew n = {.account_id = id,
                    .name = req_form(r, "name"),
                    .title = req_form(r, "title"),
                    .unit = req_form(r, "unit"),
                    .buying_role = req_form(r, "buying_role"),
                    .influence = req_form(r, "influence"),
                    .attitude = req_form(r, "attitude"),
                    .email = req_form(r, "email"),
                    .phone = req_form(r, "phone")};
    if (n.title && !*n.title) n.title = NULL;
    if (n.influence && !*n.influence) n.influence = NULL;
    if (n.attitude && !*n.attitude) n.attitude = NULL;
    int64_t person, position;
    if (!id || contact_add(&r->ctx, &n, &person, &position)) {
        if (r->err.code == KAM_EINPUT) {
            page_account_section_error(r, w, id, "people");
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.created");
    resp_redirect(
        r, w, arena_printf(r->arena, "/accounts/%lld?s=people#relationship-map", (long long)id));
}
