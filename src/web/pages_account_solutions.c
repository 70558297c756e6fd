/* Workspace section "solutions": the solution map as a grid of customer
 * units x offerings (state, revenue now and potential, competitor), each
 * cell with the number of customer contacts behind it so a cell with
 * potential and no contact shows at once; whitespace totals; solution
 * projects from design to delivery. */
#include "../core/text.h"
#include "pages_account.h"

#include <string.h>

typedef struct Col {
    int64_t id;
    const char *label;
} Col;

static int col_of(const Col *c, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (c[i].id == id) return i;
    return -1;
}

static void money(WsPage *p, double v)
{
    fmt_number(p->b, p->r->lang, v, 0);
}

static void grid(WsPage *p)
{
    Req *r = p->r;
    RecordList units = ws_list(p, "customer_unit", 0), cells = ws_list(p, "solution_cell", 0),
               links = ws_list(p, "cell_contact", 0);
    Col *cols = ARENA_ARRAY(r->arena, Col, cells.n + 1);
    int ncol = 0;
    for (int i = 0; i < cells.n; i++) {
        int64_t off = record_int(&cells.items[i], "offering_id");
        if (col_of(cols, ncol, off) < 0)
            cols[ncol++] =
                (Col){off, ws_ref_label(p, "offering", record_get(&cells.items[i], "offering_id"))};
    }
    int *contacts = ARENA_ARRAY(r->arena, int, cells.n + 1);
    for (int k = 0; k < links.n; k++)
        for (int i = 0; i < cells.n; i++)
            if (cells.items[i].id == record_int(&links.items[k], "cell_id")) contacts[i]++;
    WsWhitespace ws = {0};
    Err e = {0};
    Ctx quiet = r->ctx;
    quiet.err = &e;
    ws_whitespace(&quiet, p->id, &ws);
    double now = ws.revenue_now, potential = ws.potential, competitor = ws.competitor;
    int npot = ws.potential_cells, nocontact = ws.potential_no_contact, ncomp = ws.competitor_cells;
    html_printf(p->b, "<section id=\"solution-map\"><h3>%h</h3>", ws_tr(p, "ws.solution_map"));
    html_printf(p->b, "<h4 class=\"visually-hidden\">%h</h4><ul class=\"tiles ws-whitespace\">",
                ws_tr(p, "ws.whitespace"));
    html_printf(
        p->b, "<li class=\"tile\"><span class=\"tile-label\">%h</span><span class=\"tile-value\">",
        ws_tr(p, "ws.ws.now"));
    money(p, now);
    html_printf(p->b,
                "</span></li><li class=\"tile\"><span class=\"tile-label\">%h</span><span "
                "class=\"tile-value\">",
                ws_tr(p, "ws.ws.potential"));
    money(p, potential);
    html_printf(
        p->b, "</span><span class=\"tile-note\">%h</span></li>",
        tr_str(r->arena, r->lang, "ws.ws.cells", "n", arena_printf(r->arena, "%d", npot), NULL));
    html_printf(
        p->b, "<li class=\"tile\"><span class=\"tile-label\">%h</span><span class=\"tile-value\">",
        ws_tr(p, "ws.ws.competitor"));
    money(p, competitor);
    html_printf(
        p->b, "</span><span class=\"tile-note\">%h</span></li>",
        tr_str(r->arena, r->lang, "ws.ws.cells", "n", arena_printf(r->arena, "%d", ncomp), NULL));
    html_printf(p->b,
                "<li class=\"tile%r\"><span class=\"tile-label\">%h</span><span "
                "class=\"tile-value\">%d</span></li></ul>",
                nocontact ? " status-off-track" : "", ws_tr(p, "ws.ws.nocontact"), nocontact);
    if (!units.n || !ncol) {
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div></section>",
                    ws_tr(p, "ws.solution_map.empty"));
        return;
    }
    html_printf(p->b,
                "<div class=\"table-wrap ws-grid-wrap\" tabindex=\"0\"><table class=\"list "
                "ws-grid\"><caption>%h</caption><thead><tr><th scope=\"col\">%h</th>",
                ws_tr(p, "ws.solution_map.caption"), field_label(r, "unit_id"));
    for (int c = 0; c < ncol; c++) html_printf(p->b, "<th scope=\"col\">%h</th>", cols[c].label);
    buf_puts(p->b, "</tr></thead><tbody>");
    for (int u = 0; u < units.n; u++) {
        html_printf(p->b, "<tr><th scope=\"row\">%h</th>", record_get(&units.items[u], "name"));
        for (int c = 0; c < ncol; c++) {
            int found = -1;
            for (int i = 0; i < cells.n && found < 0; i++)
                if (record_int(&cells.items[i], "unit_id") == units.items[u].id &&
                    record_int(&cells.items[i], "offering_id") == cols[c].id)
                    found = i;
            if (found < 0) {
                buf_puts(p->b, "<td class=\"ws-cell-none\">—</td>");
                continue;
            }
            const Record *cell = &cells.items[found];
            const char *st = record_get(cell, "state");
            bool gap = str_eq(st, "potential") && !contacts[found];
            html_printf(
                p->b,
                "<td class=\"ws-cell ws-cell-%a%r\"><a "
                "href=\"/accounts/"
                "%lld?s=solutions&amp;edit=solution_cell-%lld#form-solution_cell-%lld\">%h</a>",
                st, gap ? " ws-nocontact" : "", (long long)p->id, (long long)cell->id,
                (long long)cell->id, enum_label(r, "state", st));
            const char *v = str_eq(st, "current") ? record_get(cell, "revenue_now")
                                                  : record_get(cell, "revenue_potential");
            double dv;
            if (v && parse_double(v, false, &dv) && dv > 0) {
                buf_puts(p->b, "<br><span class=\"num\">");
                money(p, dv);
                buf_puts(p->b, "</span>");
            }
            const char *comp = record_get(cell, "competitor");
            if (comp && *comp) html_printf(p->b, "<br><small>%h</small>", comp);
            html_printf(p->b, "<br><small>%h</small>",
                        gap ? ws_tr(p, "ws.nocontact")
                            : tr_str(r->arena, r->lang, "ws.contacts.n", "n",
                                     arena_printf(r->arena, "%d", contacts[found]), NULL));
            buf_puts(p->b, "</td>");
        }
        buf_puts(p->b, "</tr>");
    }
    buf_puts(p->b, "</tbody></table></div></section>");
}

void ws_solutions_section(WsPage *p)
{
    ws_heading(p, "ws.s.solutions");
    grid(p);
    static const char *const unit_cols[] = {"name", "kind", "sort", NULL};
    ws_block(p, "customer_unit", "ws.units", unit_cols, unit_cols, "ws.units.empty");
    static const char *const cell_cols[] = {
        "unit_id",    "offering_id",      "state", "revenue_now", "revenue_potential",
        "competitor", "competitor_share", NULL};
    static const char *const cell_form[] = {
        "unit_id",    "offering_id",      "state", "revenue_now", "revenue_potential",
        "competitor", "competitor_share", "notes", NULL};
    ws_block(p, "solution_cell", "ws.cells", cell_cols, cell_form, "ws.cells.empty");
    static const char *const cc_cols[] = {"cell_id", "position_id", NULL};
    ws_block(p, "cell_contact", "ws.cell_contacts", cc_cols, cc_cols, "ws.cell_contacts.empty");
    static const char *const proj_cols[] = {"title",    "offering_id", "unit_id", "phase",
                                            "owner_id", "due_on",      "quality", NULL};
    static const char *const proj_form[] = {"title",    "offering_id", "unit_id", "phase",
                                            "owner_id", "start_on",    "due_on",  "delivered_on",
                                            "quality",  "status_note", NULL};
    ws_block(p, "solution_project", "ws.projects", proj_cols, proj_form, "ws.projects.empty");
}
