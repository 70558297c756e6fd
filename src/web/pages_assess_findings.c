/* Findings on an assessment's results page that go beyond the scores: gaps
 * between groups of raters (e.g. our KAMs against the customer), agreement
 * among raters, and self-ratings set against the evidence in kam's own data
 * (FRAMEWORK.md section 3). Everything is computed by svc/assess_score.c;
 * this file only lays it out. */
#include "pages_assess.h"

#include "../core/text.h"
#include "page.h"

#include <math.h>
#include <stdlib.h>

#define FINDINGS_MAX_ROWS 100 /* evidence rows listed; the rest are counted */

static const char *role_label(Req *r, int role)
{
    return tr(r->lang, arena_printf(r->arena, "assess.role.%s", as_role_name(role)));
}

static const char *item_text(Req *r, const AsReport *rep, int item)
{
    if (item < 0 || item >= rep->cat.nitems) return "";
    const AsCatItem *it = &rep->cat.items[item];
    return r->lang == LANG_IT ? it->text_it : it->text_en;
}

static const char *subject_label(Req *r, const AsReport *rep, int64_t account_id)
{
    for (int s = 0; s < rep->res.nsubjects; s++)
        if (rep->res.subject[s].account_id == account_id) return rep->subject_name[s];
    return account_id ? arena_printf(r->arena, "%lld", (long long)account_id)
                      : tr(r->lang, "nav.programme");
}

static void num_cell(Req *r, Buf *b, double v, bool flagged)
{
    html_printf(b, "<td class=\"num%r\">", flagged ? " flagged" : "");
    if (v > 0) buf_puts(b, "+");
    fmt_number(b, r->lang, v, 2);
    buf_puts(b, "</td>");
}

/* Rater gaps in the order shown: the largest |delta| first. */
typedef struct GapRow {
    double abs_delta;
    int gap;
} GapRow;

static int by_abs_delta(const void *a, const void *b)
{
    const GapRow *x = a, *y = b;
    if (x->abs_delta != y->abs_delta) return x->abs_delta < y->abs_delta ? 1 : -1;
    return x->gap - y->gap;
}

void assess_rater_gaps(Req *r, Buf *b, const AsReport *rep)
{
    const AsResult *res = &rep->res;
    html_printf(b, "<section id=\"rater-gaps\"><h2>%h</h2><p class=\"hint\">%h</p>",
                tr(r->lang, "assess.findings.raters"), tr(r->lang, "assess.findings.raters.hint"));
    /* every whole-dimension gap, and each aspect gap that is flagged */
    GapRow *rows = ARENA_ARRAY(r->arena, GapRow, res->ngaps + 1);
    int n = 0;
    for (int i = 0; i < res->ngaps; i++)
        if (res->gaps[i].item < 0 || res->gaps[i].flagged)
            rows[n++] = (GapRow){fabs(res->gaps[i].delta), i};
    if (!n) {
        html_printf(b, "<p class=\"empty-state\">%h</p></section>",
                    tr(r->lang, "assess.findings.none"));
        return;
    }
    qsort(rows, (size_t)n, sizeof *rows, by_abs_delta);
    html_printf(
        b,
        "<div class=\"table-wrap\"><table class=\"rater-gaps\"><thead><tr><th scope=\"col\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
        "<th scope=\"col\" class=\"num\">Δ</th><th scope=\"col\" class=\"num\">%h</th><th "
        "scope=\"col\">%h</th>"
        "</tr></thead><tbody>",
        tr(r->lang, "assess.findings.pair"), tr(r->lang, "assess.findings.on"),
        tr(r->lang, "assess.findings.dimension"), tr(r->lang, "assess.findings.aspect"),
        tr(r->lang, "assess.findings.subjects"), tr(r->lang, "assess.findings.worst"));
    for (int k = 0; k < n; k++) {
        const AsRoleGap *g = &res->gaps[rows[k].gap];
        html_printf(
            b, "<tr%r><th scope=\"row\">%h – %h</th><td>%h</td><td>%h</td><td>",
            g->flagged ? " class=\"flagged\"" : "", role_label(r, g->a), role_label(r, g->b),
            tr(r->lang, g->scope == AS_CORPORATE ? "nav.programme" : "assess.findings.accounts"),
            tr(r->lang, kAssessDimKeys[g->dim]));
        if (g->item < 0)
            html_printf(b, "%h", tr(r->lang, "assess.findings.whole_dimension"));
        else
            html_printf(b, "%h", item_text(r, rep, g->item));
        buf_puts(b, "</td>");
        num_cell(r, b, g->delta, g->flagged);
        buf_printf(b, "<td class=\"num\">%d</td><td>", g->n);
        if (g->scope != AS_CORPORATE && g->worst_account) {
            html_printf(b, "<a href=\"/assessment/%lld?account=%lld\">%h</a> (",
                        (long long)rep->round.id, (long long)g->worst_account,
                        subject_label(r, rep, g->worst_account));
            if (g->worst_delta > 0) buf_puts(b, "+");
            fmt_number(b, r->lang, g->worst_delta, 2);
            buf_puts(b, ")");
        }
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table></div></section>");
}

void assess_spread(Req *r, Buf *b, const AsReport *rep)
{
    const AsResult *res = &rep->res;
    bool any = false;
    for (int l = 0; l < AS_NLEVEL; l++)
        for (int d = 0; d < AS_NDIM; d++) any = any || res->dim_spread[l][d].has;
    if (!any) return;
    html_printf(b, "<section id=\"spread\"><h2>%h</h2><p class=\"hint\">%h</p>",
                tr(r->lang, "assess.findings.spread"), tr(r->lang, "assess.findings.spread.hint"));
    html_printf(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\"></th>");
    for (int l = 0; l < AS_NLEVEL; l++)
        html_printf(b, "<th scope=\"col\" class=\"num\">%h</th>", tr(r->lang, kAssessLevelKeys[l]));
    buf_puts(b, "</tr></thead><tbody>");
    for (int d = 0; d < AS_NDIM; d++) {
        html_printf(b, "<tr><th scope=\"row\">%h</th>", tr(r->lang, kAssessDimKeys[d]));
        for (int l = 0; l < AS_NLEVEL; l++) {
            AsValue v = res->dim_spread[l][d];
            if (!v.has) {
                buf_puts(b, "<td class=\"num empty\">—</td>");
                continue;
            }
            html_printf(b, "<td class=\"num%r\">", v.v > 1.0 ? " flagged" : "");
            fmt_number(b, r->lang, v.v, 2);
            buf_puts(b, "</td>");
        }
        buf_puts(b, "</tr>");
    }
    buf_puts(b, "</tbody></table></div></section>");
}

void assess_evidence(Req *r, Buf *b, const AsReport *rep)
{
    const AsResult *res = &rep->res;
    html_printf(b, "<section id=\"evidence\"><h2>%h</h2><p class=\"hint\">%h</p>",
                tr(r->lang, "assess.findings.evidence"),
                tr(r->lang, "assess.findings.evidence.hint"));
    int flagged = 0;
    for (int i = 0; i < res->nev; i++) flagged += res->ev[i].disagree || res->ev[i].unsupported;
    if (!flagged) {
        html_printf(b, "<p class=\"empty-state\">%h</p></section>",
                    tr(r->lang, "assess.findings.evidence.none"));
        return;
    }
    html_printf(
        b,
        "<div class=\"table-wrap\"><table class=\"evidence\"><thead><tr><th scope=\"col\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" "
        "class=\"num\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        tr(r->lang, "assess.findings.aspect"), tr(r->lang, "assess.findings.on"),
        tr(r->lang, "assess.findings.rating"), tr(r->lang, "assess.findings.evidence_score"),
        tr(r->lang, "assess.findings.what_data_shows"), tr(r->lang, "assess.findings.flag"));
    int shown = 0;
    for (int i = 0; i < res->nev && shown < FINDINGS_MAX_ROWS; i++) {
        const AsEvCheck *e = &res->ev[i];
        if (!e->disagree && !e->unsupported) continue;
        shown++;
        html_printf(b, "<tr><th scope=\"row\">%h</th><td>", item_text(r, rep, e->item));
        if (e->account_id)
            html_printf(b, "<a href=\"/accounts/%lld\">%h</a>", (long long)e->account_id,
                        subject_label(r, rep, e->account_id));
        else
            html_printf(b, "%h", tr(r->lang, "nav.programme"));
        buf_puts(b, "</td><td class=\"num\">");
        if (e->rating.has) fmt_number(b, r->lang, e->rating.v, 2);
        buf_puts(b, "</td><td class=\"num\">");
        if (e->has_evidence)
            fmt_number(b, r->lang, e->score, 2);
        else
            html_printf(b, "%h", tr(r->lang, "assess.findings.no_data"));
        html_printf(b, "</td><td>%h</td><td>", rep->ev && rep->ev[i].text ? rep->ev[i].text : "");
        if (e->disagree)
            html_printf(b, "<span class=\"badge status-off-track\">%h</span> ",
                        tr(r->lang, "assess.findings.disagree"));
        if (e->unsupported)
            html_printf(b, "<span class=\"badge warning\">%h</span>",
                        tr(r->lang, "assess.findings.unsupported"));
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table></div>");
    if (flagged > shown)
        html_printf(b, "<p class=\"hint\">%h %d</p>", tr(r->lang, "assess.findings.more"),
                    flagged - shown);
    buf_puts(b, "</section>");
}
