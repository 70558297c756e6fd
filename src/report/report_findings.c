/* The findings sections of the report: rater vs rater gaps, importance and
 * performance, self-rating beside the evidence, the trend across rounds and
 * the ranked recommendations. */
#include "report_int.h"

#include "../core/text.h"
#include "../web/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void rp_rater_gaps(RpDoc *d, const AsReport *r)
{
    const AsResult *s = &r->res;
    rp_section(d, "rater-gaps", "report.s.raters");
    rp_add(d, RP_NOTE, rp_tr(d, "report.raters.intro"));
    int shown = 0;
    for (int k = 0; k < s->ngaps; k++) shown += s->gaps[k].item < 0 || s->gaps[k].flagged;
    if (!shown) {
        rp_add(d, RP_PARA, rp_tr(d, "report.raters.none"));
        return;
    }
    const char *head[] = {rp_tr(d, "report.pair"),
                          rp_tr(d, "report.on"),
                          rp_tr(d, "report.dimension"),
                          rp_tr(d, "report.aspect"),
                          "Δ",
                          rp_tr(d, "report.largest_at"),
                          rp_tr(d, "report.flag")};
    RpBlock *t = rp_table(d, 7, head, 0x10);
    for (int k = 0; k < s->ngaps; k++) {
        const AsRoleGap *g = &s->gaps[k];
        if (g->item >= 0 && !g->flagged) continue;
        const char *row[] = {
            arena_printf(d->arena, "%s – %s", rp_role(d, g->a), rp_role(d, g->b)),
            rp_tr(d, g->scope == AS_CORPORATE ? "report.on.programme" : "report.on.accounts"),
            rp_dim(d, g->dim),
            g->item >= 0 ? rp_item(d, r, g->item) : rp_tr(d, "report.aspect.dimension"),
            rp_delta2(d, g->delta),
            g->worst_account ? arena_printf(d->arena, "%s (%s)", rp_subject(d, r, g->worst_account),
                                            rp_delta2(d, g->worst_delta))
                             : "—",
            g->flagged ? rp_tr(d, "report.flagged") : ""};
        rp_row(d, t, g->flagged, row);
    }
}

/* ---- importance and performance -------------------------------------------- */

static int cmp_priority(const void *x, const void *y, void *ctx)
{
    const AsIp *ip = ctx;
    double a = ip[*(const int *)x].priority, b = ip[*(const int *)y].priority;
    return a < b ? 1 : a > b ? -1 : *(const int *)x - *(const int *)y;
}

void rp_ip(RpDoc *d, const AsReport *r)
{
    const AsResult *s = &r->res;
    rp_section(d, "ip", "report.s.ip");
    rp_add(d, RP_NOTE, rp_tr(d, "report.ip.intro"));
    Bubble *items = ARENA_ARRAY(d->arena, Bubble, s->nitems + 1);
    int *order = ARENA_ARRAY(d->arena, int, s->nitems + 1);
    int n = 0;
    for (int i = 0; i < s->nitems; i++) {
        const AsIp *x = &s->ip[i];
        if (!x->importance.has || !x->performance.has) continue;
        order[n] = i;
        items[n++] = (Bubble){.label = r->cat.items[i].code,
                              .x = x->performance.v,
                              .y = x->importance.v,
                              .size = x->priority > 0 ? x->priority : 0,
                              .cls = x->quadrant == AS_Q_CONCENTRATE ? "series-2" : "series-1"};
    }
    if (!n) {
        rp_add(d, RP_PARA, rp_tr(d, "report.ip.none"));
        return;
    }
    Buf fig;
    buf_init(&fig, d->arena);
    BubbleChart c = {.base = {.id = "rp-ip",
                              .title = rp_tr(d, "report.s.ip"),
                              .lang = d->lang,
                              .fmt = {CHART_NUMBER, 2, NULL}},
                     .n = n,
                     .items = items,
                     .x_label = rp_tr(d, "report.performance"),
                     .y_label = rp_tr(d, "report.importance"),
                     .size_label = rp_tr(d, "report.priority"),
                     .size_fmt = {CHART_NUMBER, 2, NULL},
                     .x_min = 1,
                     .x_max = 5,
                     .y_min = 1,
                     .y_max = 5,
                     .has_thresholds = true,
                     .x_threshold = AS_IP_MID,
                     .y_threshold = AS_IP_MID,
                     .quadrant_label = {rp_tr(d, "assess.quadrant.concentrate_here"),
                                        rp_tr(d, "assess.quadrant.keep_up"),
                                        rp_tr(d, "assess.quadrant.low_priority"),
                                        rp_tr(d, "assess.quadrant.possible_overkill")},
                     .quadrant_cls = {"quadrant-concentrate", "quadrant-keep", "quadrant-low",
                                      "quadrant-overkill"}};
    chart_bubble(&fig, d->arena, &c);
    rp_chart(d, &fig, 0, NULL, NULL);
    qsort_r(order, (size_t)n, sizeof *order, cmp_priority, s->ip);
    rp_add(d, RP_SUB, rp_tr(d, "report.ip.list"));
    const char *head[] = {"#",
                          rp_tr(d, "report.item"),
                          rp_tr(d, "report.importance"),
                          rp_tr(d, "report.performance"),
                          rp_tr(d, "report.priority"),
                          rp_tr(d, "report.quadrant")};
    RpBlock *t = rp_table(d, 6, head, 0x1D);
    for (int k = 0; k < n; k++) {
        const AsIp *x = &s->ip[order[k]];
        const char *row[] = {arena_printf(d->arena, "%d", k + 1),
                             rp_item(d, r, order[k]),
                             rp_num(d, x->importance.v, 2),
                             rp_num(d, x->performance.v, 2),
                             rp_num(d, x->priority, 2),
                             x->quadrant ? rp_tr(d, arena_printf(d->arena, "assess.quadrant.%s",
                                                                 as_quadrant_name(x->quadrant)))
                                         : "—"};
        rp_row(d, t, x->quadrant == AS_Q_CONCENTRATE, row);
    }
}

/* ---- evidence --------------------------------------------------------------- */

/* One flagged check as a table row. */
static void evidence_row(RpDoc *d, const AsReport *r, RpBlock *t, int k)
{
    const AsEvCheck *e = &r->res.ev[k];
    const char *why = e->disagree && e->unsupported
                          ? arena_printf(d->arena, "%s; %s", rp_tr(d, "report.disagree"),
                                         rp_tr(d, "report.unsupported"))
                      : e->disagree ? rp_tr(d, "report.disagree")
                                    : rp_tr(d, "report.unsupported");
    const char *row[] = {rp_item(d, r, e->item),
                         rp_subject(d, r, e->account_id),
                         rp_val2(d, e->rating),
                         e->has_evidence ? rp_num(d, e->score, 2) : rp_tr(d, "report.no_data"),
                         r->ev[k].text ? r->ev[k].text : "",
                         why};
    rp_row(d, t, true, row);
}

static int cmp_abs_delta(const void *x, const void *y, void *ctx)
{
    const AsEvCheck *ev = ctx;
    const AsEvCheck *a = &ev[*(const int *)x], *b = &ev[*(const int *)y];
    double da = a->has_evidence ? fabs(a->delta) : 5, db = b->has_evidence ? fabs(b->delta) : 5;
    return da < db ? 1 : da > db ? -1 : *(const int *)x - *(const int *)y;
}

/* Ratings beside the evidence. An account report lists every flagged check;
 * the programme report, where checks run per account, counts them per item
 * and lists the largest disagreements. */
void rp_evidence(RpDoc *d, const AsReport *r)
{
    const AsResult *s = &r->res;
    rp_section(d, "evidence", "report.s.evidence");
    rp_add(d, RP_NOTE, rp_tr(d, "report.evidence.intro"));
    int flagged = 0;
    for (int k = 0; k < s->nev; k++) flagged += s->ev[k].disagree || s->ev[k].unsupported;
    rp_add(d, RP_PARA,
           tr_str(d->arena, d->lang, "report.evidence.checks", "n",
                  arena_printf(d->arena, "%d", s->nev), "flagged",
                  arena_printf(d->arena, "%d", flagged), NULL));
    if (!flagged) return;
    const char *head[] = {rp_tr(d, "report.item"),    rp_tr(d, "report.where"),
                          rp_tr(d, "report.rating"),  rp_tr(d, "report.evidence"),
                          rp_tr(d, "report.finding"), rp_tr(d, "report.flag")};
    if (d->account_id || flagged <= EV_DETAIL) {
        RpBlock *t = rp_table(d, 6, head, 0xC);
        for (int k = 0; k < s->nev; k++)
            if (s->ev[k].disagree || s->ev[k].unsupported) evidence_row(d, r, t, k);
        return;
    }
    rp_add(d, RP_SUB, rp_tr(d, "report.evidence.by_item"));
    const char *ihead[] = {rp_tr(d, "report.item"), rp_tr(d, "report.evidence.checked"),
                           rp_tr(d, "report.evidence.disagree_n"),
                           rp_tr(d, "report.evidence.unsupported_n")};
    RpBlock *t = rp_table(d, 4, ihead, 0xE);
    for (int i = 0; i < s->nitems; i++) {
        int n = 0, dis = 0, uns = 0;
        for (int k = 0; k < s->nev; k++) {
            if (s->ev[k].item != i) continue;
            n++;
            dis += s->ev[k].disagree;
            uns += s->ev[k].unsupported;
        }
        if (!dis && !uns) continue;
        const char *row[] = {rp_item(d, r, i), arena_printf(d->arena, "%d", n),
                             arena_printf(d->arena, "%d", dis), arena_printf(d->arena, "%d", uns)};
        rp_row(d, t, true, row);
    }
    int *order = ARENA_ARRAY(d->arena, int, flagged);
    int n = 0;
    for (int k = 0; k < s->nev; k++)
        if (s->ev[k].disagree || s->ev[k].unsupported) order[n++] = k;
    qsort_r(order, (size_t)n, sizeof *order, cmp_abs_delta, s->ev);
    rp_add(d, RP_SUB,
           tr_str(d->arena, d->lang, "report.evidence.largest", "n",
                  arena_printf(d->arena, "%d", EV_DETAIL), NULL));
    t = rp_table(d, 6, head, 0xC);
    for (int k = 0; k < n && k < EV_DETAIL; k++) evidence_row(d, r, t, order[k]);
}

/* ---- trend -------------------------------------------------------------------- */

ErrCode rp_trend(Ctx *c, RpDoc *d)
{
    AsTrendRow *rows;
    int n;
    if (as_trend_load(c, d->account_id, &rows, &n)) return c->err->code;
    rp_section(d, "trend", "report.s.trend");
    rp_add(d, RP_NOTE, rp_tr(d, "report.trend.intro"));
    if (n >= 2) {
        const char **x = ARENA_ARRAY(d->arena, const char *, n);
        for (int i = 0; i < n; i++) x[i] = rows[i].name;
        ChartSeries *series = ARENA_ARRAY(d->arena, ChartSeries, AS_NLEVEL);
        const char **names = ARENA_ARRAY(d->arena, const char *, AS_NLEVEL);
        const char **cls = ARENA_ARRAY(d->arena, const char *, AS_NLEVEL);
        for (int l = 0; l < AS_NLEVEL; l++) {
            double *v = ARENA_ARRAY(d->arena, double, n);
            for (int i = 0; i < n; i++)
                v[i] = rows[i].level[l].mean.has ? rows[i].level[l].mean.v : NAN;
            names[l] = rp_tr(d, kAssessLevelKeys[l]);
            cls[l] = arena_printf(d->arena, "series-%d", l + 1);
            series[l] = (ChartSeries){names[l], v, NULL};
        }
        Buf fig;
        buf_init(&fig, d->arena);
        LineChart lc = {.base = {.id = "rp-trend",
                                 .title = rp_tr(d, "report.s.trend"),
                                 .lang = d->lang,
                                 .fmt = {CHART_NUMBER, 2, NULL}},
                        .n = n,
                        .xlabels = x,
                        .nseries = AS_NLEVEL,
                        .series = series,
                        .min = 1,
                        .max = 5};
        chart_line(&fig, d->arena, &lc);
        rp_chart(d, &fig, AS_NLEVEL, names, cls);
    } else {
        rp_add(d, RP_PARA, rp_tr(d, "report.trend.none"));
    }
    const char *head[] = {rp_tr(d, "report.round"), rp_tr(d, kAssessLevelKeys[0]),
                          rp_tr(d, kAssessLevelKeys[1]), rp_tr(d, kAssessLevelKeys[2])};
    RpBlock *t = rp_table(d, 4, head, 0xE);
    for (int i = 0; i < n; i++) {
        const char *row[4] = {
            arena_printf(d->arena, "%s (%s)", rows[i].name, rp_date(d, rows[i].opens_on))};
        for (int l = 0; l < AS_NLEVEL; l++) {
            AsValue v = rows[i].level[l].mean;
            AsTrend tr = i ? as_trend(rows[i - 1].level[l].mean, v) : AS_TREND_NONE;
            row[1 + l] = !v.has                ? "—"
                         : tr == AS_TREND_NONE ? rp_num(d, v.v, 2)
                                               : arena_printf(d->arena, "%s %s", rp_num(d, v.v, 2),
                                                              tr == AS_TREND_UP     ? "▲"
                                                              : tr == AS_TREND_DOWN ? "▼"
                                                                                    : "▶");
        }
        rp_row(d, t, false, row);
    }
    return KAM_OK;
}

/* ---- recommendations ------------------------------------------------------------ */

void rp_recommendations(Ctx *c, RpDoc *d, const AsReport *r)
{
    rp_section(d, "recommendations", "report.s.recs");
    rp_add(d, RP_NOTE, rp_tr(d, "report.recs.intro"));
    if (!r->res.nrec) {
        rp_add(d, RP_PARA, rp_tr(d, "report.recs.none"));
        return;
    }
    RpBlock *b = rp_add(d, RP_LIST, NULL);
    b->nrows = r->res.nrec;
    b->cells = ARENA_ARRAY(d->arena, const char *, 3 * r->res.nrec);
    for (int k = 0; k < r->res.nrec; k++) {
        const AsRec *x = &r->res.rec[k];
        char link[160];
        as_link(x->account_id, x->dim, link, sizeof link);
        b->cells[3 * k] = as_rec_text(c, r, x);
        b->cells[3 * k + 1] = as_rec_why(c, r, x);
        b->cells[3 * k + 2] = tr_str(d->arena, d->lang, "report.work_on", "where", link, NULL);
    }
}
