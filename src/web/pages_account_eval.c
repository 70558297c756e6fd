/* Workspace section "evaluation": the KPI scorecard (definition, target,
 * latest value, attainment, trend sparkline, shared or internal), the
 * history of one KPI against its target line, a form to record a
 * measurement, KPI definitions, and the reviews held with the customer. */
#include "../core/text.h"
#include "chart.h"
#include "pages_account.h"

#include <math.h>
#include <string.h>

static const KpiStatus *selected(WsPage *p)
{
    int64_t want = req_int(p->r, "kpi_id", 0);
    for (int i = 0; i < p->ov.nkpis; i++)
        if (p->ov.kpis[i].def.id == want) return &p->ov.kpis[i];
    return p->ov.nkpis ? &p->ov.kpis[0] : NULL;
}

static void scorecard(WsPage *p)
{
    Req *r = p->r;
    const WsOverview *o = &p->ov;
    html_printf(p->b, "<section id=\"scorecard\"><h3>%h</h3>", ws_tr(p, "ws.scorecard"));
    if (!o->nkpis) {
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div></section>",
                    ws_tr(p, "ws.scorecard.empty"));
        return;
    }
    html_printf(
        p->b,
        "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th scope=\"col\">%h</th>"
        "<th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" class=\"num\">%h</th><th "
        "scope=\"col\" class=\"num\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        field_label(r, "name"), field_label(r, "target"), ws_tr(p, "ws.latest"),
        ws_tr(p, "ws.attainment"), ws_tr(p, "ws.trend"), field_label(r, "shared"));
    for (int i = 0; i < o->nkpis; i++) {
        const KpiStatus *k = &o->kpis[i];
        html_printf(p->b,
                    "<tr><th scope=\"row\"><a "
                    "href=\"/accounts/%lld?s=evaluation&amp;kpi_id=%lld#kpi-history\">%h</a>",
                    (long long)p->id, (long long)k->def.id, k->def.name);
        if (k->def.unit && *k->def.unit) html_printf(p->b, " <small>(%h)</small>", k->def.unit);
        buf_puts(p->b, "</th><td class=\"num\">");
        if (k->def.has_target)
            fmt_number(p->b, r->lang, k->def.target, 2);
        else
            buf_puts(p->b, "—");
        buf_puts(p->b, "</td><td class=\"num\">");
        const KpiPoint *last = k->npts ? &k->pts[k->npts - 1] : NULL;
        if (last) {
            fmt_number(p->b, r->lang, last->value, 2);
            html_printf(p->b, " <small>");
            fmt_date(p->b, r->lang, last->period);
            buf_puts(p->b, "</small>");
        } else {
            buf_puts(p->b, "—");
        }
        buf_puts(p->b, "</td><td class=\"num\">");
        if (last && last->has_attainment) {
            const char *cls = last->attainment >= 1     ? "status-on-track"
                              : last->attainment >= 0.9 ? "status-at-risk"
                                                        : "status-off-track";
            html_printf(p->b, "<span class=\"%a\">", cls);
            fmt_percent(p->b, r->lang, last->attainment, 0);
            buf_puts(p->b, "</span>");
        } else {
            buf_puts(p->b, "—");
        }
        buf_puts(p->b, "</td><td>");
        if (k->npts > 1) {
            int n = k->npts > 12 ? 12 : k->npts;
            double *v = ARENA_ARRAY(r->arena, double, n);
            for (int j = 0; j < n; j++) v[j] = k->pts[k->npts - n + j].value;
            SparkChart sc = {
                .base = {.id = arena_printf(r->arena, "spark-%lld", (long long)k->def.id),
                         .title = k->def.name,
                         .lang = r->lang},
                .n = n,
                .values = v};
            chart_sparkline(p->b, r->arena, &sc);
        }
        const char *tn = kpi_trend_name(k->trend.trend);
        html_printf(p->b, " <span class=\"%a\">%h</span></td>",
                    k->trend.trend == KPI_TREND_IMPROVING   ? "trend-up"
                    : k->trend.trend == KPI_TREND_WORSENING ? "trend-down"
                                                            : "trend-flat",
                    ws_tr(p, arena_printf(r->arena, "ws.trend.%s", tn)));
        html_printf(p->b, "<td><span class=\"badge %a\">%h</span></td></tr>",
                    k->def.shared ? "badge-info" : "badge-muted",
                    ws_tr(p, k->def.shared ? "ws.shared" : "ws.internal"));
    }
    buf_puts(p->b, "</tbody></table></div></section>");
}

static void history(WsPage *p)
{
    Req *r = p->r;
    const KpiStatus *k = selected(p);
    if (!k) return;
    html_printf(p->b, "<section id=\"kpi-history\"><h3>%h: %h</h3>", ws_tr(p, "ws.kpi_history"),
                k->def.name);
    if (k->npts) {
        int n = k->npts;
        const char **xl = ARENA_ARRAY(r->arena, const char *, n);
        double *v = ARENA_ARRAY(r->arena, double, n), *t = ARENA_ARRAY(r->arena, double, n);
        for (int i = 0; i < n; i++) {
            Buf d;
            buf_init(&d, r->arena);
            fmt_date(&d, r->lang, k->pts[i].period);
            xl[i] = buf_cstr(&d);
            v[i] = k->pts[i].value;
            t[i] = k->pts[i].has_target ? k->pts[i].target : NAN;
        }
        ChartSeries s = {.name = k->def.name, .values = v};
        LineChart lc = {.base = {.id = "kpi-line",
                                 .title = k->def.name,
                                 .lang = r->lang,
                                 .fmt = {.kind = CHART_NUMBER, .decimals = 1}},
                        .n = n,
                        .xlabels = xl,
                        .nseries = 1,
                        .series = &s,
                        .targets = t};
        chart_line(p->b, r->arena, &lc);
    } else {
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div>",
                    ws_tr(p, "ws.kpi_history.empty"));
    }
    buf_puts(p->b, "</section>");
}

void ws_evaluation_section(WsPage *p)
{
    ws_heading(p, "ws.s.evaluation");
    scorecard(p);
    history(p);
    static const char *const m_cols[] = {"kpi_id", "period",      "value",
                                         "target", "recorded_on", NULL};
    static const char *const m_form[] = {"kpi_id", "period", "value", "target", "note", NULL};
    const KpiStatus *k = selected(p);
    const char *kid = k ? arena_printf(p->r->arena, "%lld", (long long)k->def.id) : NULL;
    ws_block_where(p, "kpi_measurement", kid ? "kpi_id" : NULL, kid, "ws.measurements", m_cols,
                   m_form, "ws.measurements.empty");
    static const char *const kpi_cols[] = {"name",      "unit",   "direction", "target",
                                           "frequency", "shared", "active",    NULL};
    static const char *const kpi_form[] = {"name",      "code",   "unit",   "direction", "target",
                                           "frequency", "source", "shared", "active",    NULL};
    ws_block(p, "kpi", "ws.kpis", kpi_cols, kpi_form, "ws.scorecard.empty");
    static const char *const rev_cols[] = {"held_on",      "kind",      "with_customer",
                                           "participants", "decisions", NULL};
    static const char *const rev_form[] = {
        "held_on", "kind", "with_customer", "participants", "summary", "decisions", NULL};
    ws_block(p, "account_review", "ws.reviews", rev_cols, rev_form, "ws.reviews.empty");
}
