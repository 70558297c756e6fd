/* Workspace section "strategy": the customer's profile and strategy, their
 * goals (and those of further parties), our objectives on several levels,
 * joint initiatives, the links between them, and the alignment map drawn
 * as a diagram in which unlinked items stand out (FRAMEWORK.md P1). */
#include "../core/text.h"
#include "chart.h"
#include "pages_account.h"

#include <string.h>

static int node_index(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id) return i;
    return -1;
}

static void alignment_map(WsPage *p)
{
    Req *r = p->r;
    RecordList goals = ws_list(p, "customer_goal", 0), objs = ws_list(p, "objective", 0),
               inis = ws_list(p, "initiative", 0), go = ws_list(p, "goal_objective", 0),
               ig = ws_list(p, "initiative_goal", 0), io = ws_list(p, "initiative_objective", 0);
    int n = goals.n + objs.n + inis.n;
    GraphNode *nodes = ARENA_ARRAY(r->arena, GraphNode, n + 1);
    int64_t *ids = ARENA_ARRAY(r->arena, int64_t, n + 1);
    int k = 0;
    for (int i = 0; i < goals.n; i++, k++) {
        const char *party = record_get(&goals.items[i], "party_id");
        const char *title = record_get(&goals.items[i], "title");
        ids[k] = goals.items[i].id;
        nodes[k] = (GraphNode){
            .label = party
                         ? arena_printf(r->arena, "%s: %s", ws_ref_label(p, "party", party), title)
                         : title,
            .column = 0,
            .href = arena_printf(
                r->arena,
                "/accounts/%lld?s=strategy&edit=customer_goal-%lld#form-customer_goal-%lld",
                (long long)p->id, (long long)ids[k], (long long)ids[k]),
            .cls = party ? "party" : NULL};
    }
    for (int i = 0; i < objs.n; i++, k++) {
        ids[k] = objs.items[i].id;
        nodes[k] = (GraphNode){
            .label = record_get(&objs.items[i], "title"),
            .column = 1,
            .href = arena_printf(
                r->arena, "/accounts/%lld?s=strategy&edit=objective-%lld#form-objective-%lld",
                (long long)p->id, (long long)ids[k], (long long)ids[k])};
    }
    for (int i = 0; i < inis.n; i++, k++) {
        ids[k] = inis.items[i].id;
        nodes[k] = (GraphNode){
            .label = record_get(&inis.items[i], "title"),
            .column = 2,
            .href = arena_printf(
                r->arena, "/accounts/%lld?s=strategy&edit=initiative-%lld#form-initiative-%lld",
                (long long)p->id, (long long)ids[k], (long long)ids[k])};
    }
    int ne = 0;
    GraphEdge *edges = ARENA_ARRAY(r->arena, GraphEdge, go.n + ig.n + io.n + 1);
    int og = 0, oo = goals.n, oi = goals.n + objs.n;
    for (int i = 0; i < go.n; i++) {
        int a = node_index(ids + og, goals.n, record_int(&go.items[i], "goal_id"));
        int b = node_index(ids + oo, objs.n, record_int(&go.items[i], "objective_id"));
        if (a >= 0 && b >= 0) edges[ne++] = (GraphEdge){og + a, oo + b};
    }
    for (int i = 0; i < ig.n; i++) {
        int a = node_index(ids + og, goals.n, record_int(&ig.items[i], "goal_id"));
        int b = node_index(ids + oi, inis.n, record_int(&ig.items[i], "initiative_id"));
        if (a >= 0 && b >= 0) edges[ne++] = (GraphEdge){og + a, oi + b};
    }
    for (int i = 0; i < io.n; i++) {
        int a = node_index(ids + oo, objs.n, record_int(&io.items[i], "objective_id"));
        int b = node_index(ids + oi, inis.n, record_int(&io.items[i], "initiative_id"));
        if (a >= 0 && b >= 0) edges[ne++] = (GraphEdge){oo + a, oi + b};
    }
    const char *cols[] = {ws_tr(p, "ws.map.goals"), ws_tr(p, "ws.map.objectives"),
                          ws_tr(p, "ws.map.initiatives")};
    GraphChart gc = {
        .base = {.id = "alignment-map", .title = ws_tr(p, "ws.alignment_map"), .lang = r->lang},
        .ncols = 3,
        .columns = cols,
        .nnodes = n,
        .nodes = nodes,
        .nedges = ne,
        .edges = edges};
    html_printf(p->b, "<section id=\"alignment\"><h3>%h</h3>", ws_tr(p, "ws.alignment_map"));
    const MlAlignment *al = &p->ov.analysis.alignment;
    html_printf(p->b, "<p>%h</p>",
                tr_str(r->arena, r->lang, "ws.alignment.detail", "linked",
                       arena_printf(r->arena, "%d", al->objectives_linked.num), "objectives",
                       arena_printf(r->arena, "%d", al->objectives_linked.den), "served",
                       arena_printf(r->arena, "%d", al->goals_served.num), "goals",
                       arena_printf(r->arena, "%d", al->goals_served.den), NULL));
    if (n)
        chart_graph(p->b, r->arena, &gc);
    else
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div>",
                    ws_tr(p, "ws.alignment.empty"));
    buf_puts(p->b, "</section>");
}

static void profile(WsPage *p)
{
    static const char *const fields[] = {"profile", "markets", "customer_strategy",
                                         "account_strategy", NULL};
    const Record *a = p->ov.account;
    html_printf(p->b, "<section id=\"profile\"><h3>%h</h3><dl class=\"facts\">",
                ws_tr(p, "ws.profile"));
    for (int i = 0; fields[i]; i++) {
        const char *v = record_get(a, fields[i]);
        html_printf(p->b, "<dt>%h</dt><dd class=\"longtext\">%h</dd>", field_label(p->r, fields[i]),
                    v && *v ? v : "—");
    }
    buf_puts(p->b, "</dl>");
    if (p->can_operate) {
        bool open = p->fdef && str_eq(p->fdef->name, "account");
        html_printf(p->b, "<details class=\"ws-add\"%r><summary>%h</summary>", open ? " open" : "",
                    ws_tr(p, "ws.edit"));
        ws_form(p, a->def, a, fields, NULL);
        buf_puts(p->b, "</details>");
    }
    buf_puts(p->b, "</section>");
}

void ws_strategy_section(WsPage *p)
{
    ws_heading(p, "ws.s.strategy");
    profile(p);
    alignment_map(p);
    static const char *const goal_cols[] = {"title", "party_id", "horizon", "priority", NULL};
    static const char *const goal_form[] = {"title",    "party_id", "description", "horizon",
                                            "priority", "source",   NULL};
    ws_block(p, "customer_goal", "ws.goals", goal_cols, goal_form, "ws.goals.empty");
    static const char *const obj_cols[] = {"title",    "level",    "measure", "target",
                                           "owner_id", "deadline", "status",  NULL};
    static const char *const obj_form[] = {"level",    "title",    "measure", "baseline", "target",
                                           "owner_id", "deadline", "status",  "notes",    NULL};
    ws_block(p, "objective", "ws.objectives", obj_cols, obj_form, "ws.objectives.empty");
    static const char *const ini_cols[] = {"title",  "status", "owner_id", "customer_owner",
                                           "due_on", "joint",  NULL};
    static const char *const ini_form[] = {"title",          "description", "status", "owner_id",
                                           "customer_owner", "start_on",    "due_on", "joint",
                                           "internal_notes", NULL};
    ws_block(p, "initiative", "ws.initiatives", ini_cols, ini_form, "ws.initiatives.empty");
    static const char *const go_cols[] = {"goal_id", "objective_id", NULL};
    ws_block(p, "goal_objective", "ws.links.goal_objective", go_cols, go_cols, "ws.links.empty");
    static const char *const ig_cols[] = {"initiative_id", "goal_id", NULL};
    ws_block(p, "initiative_goal", "ws.links.initiative_goal", ig_cols, ig_cols, "ws.links.empty");
    static const char *const io_cols[] = {"initiative_id", "objective_id", NULL};
    ws_block(p, "initiative_objective", "ws.links.initiative_objective", io_cols, io_cols,
             "ws.links.empty");
    static const char *const party_cols[] = {"name", "kind", "description", NULL};
    ws_block(p, "party", "ws.parties", party_cols, party_cols, "ws.parties.empty");
    static const char *const rem_cols[] = {"subject_kind", "subject_id", "author_id", "body", NULL};
    static const char *const rem_form[] = {"subject_kind", "subject_id", "body", NULL};
    ws_block(p, "remark", "ws.remarks", rem_cols, rem_form, "ws.remarks.empty");
}
