/* The assessment report as a list of blocks (report.h): report_build() puts
 * every section in order, the same for the HTML and the PDF. This file
 * writes the title page, the summary, the dimension scores, the heatmap of
 * accounts and the corporate-operational gaps; report_findings.c the rest.
 * Figures come from as_results() as the results page shows them; charts
 * are the chart module's SVG. */
#include "report_int.h"

#include "../core/text.h"
#include "../svc/assess.h"
#include "../web/chart.h"

#include <math.h>
#include <string.h>

/* ---- title page ---------------------------------------------------------- */

static ErrCode org_name(Ctx *c, const char **name)
{
    *name = "";
    DbStmt *st = db_query(c->db, c->err, "SELECT name FROM org WHERE id = 1", DB_NOARGS);
    if (!st) return c->err->code;
    if (db_next(st)) *name = arena_strdup(c->arena, db_text(st, 0));
    return db_done(st);
}

static void title_facts(RpDoc *d, const AsReport *r, const char *org)
{
    RpBlock *b = rp_add(d, RP_FACTS, NULL);
    const AsRound *x = &r->round;
    const char *cells[] = {
        rp_tr(d, "report.organisation"),
        org,
        rp_tr(d, "report.round"),
        arena_printf(d->arena, "%s (%s → %s, %s)", x->name, rp_date(d, x->opens_on),
                     rp_date(d, x->deadline),
                     rp_tr(d, arena_printf(d->arena, "assess.status.%s", x->status))),
        rp_tr(d, "assess.round.catalogue"),
        x->catalogue_version,
        rp_tr(d, "report.date"),
        rp_date(d, d->date),
        rp_tr(d, "report.language"),
        rp_tr(d, "report.language.name"),
    };
    b->nrows = 5;
    b->cells = ARENA_ARRAY(d->arena, const char *, 10);
    memcpy(b->cells, cells, sizeof cells);
}

/* ---- summary --------------------------------------------------------------- */

static void summary(RpDoc *d, const AsReport *r)
{
    const AsResult *s = &r->res;
    rp_section(d, "summary", "report.s.summary");
    rp_add(d, RP_NOTE, rp_tr(d, "report.summary.intro"));
    if (d->account_id) rp_add(d, RP_NOTE, rp_tr(d, "report.account.compare"));
    const char *head[] = {rp_tr(d, "report.level"), rp_tr(d, "report.index"),
                          rp_tr(d, "report.mean"), rp_tr(d, "report.weakest"),
                          rp_tr(d, "report.coverage")};
    RpBlock *t = rp_table(d, 5, head, 0x6);
    for (int l = 0; l < AS_NLEVEL; l++) {
        const AsLevelScore *L = &s->level[l];
        const char *weak = "—";
        if (L->weakest >= 0)
            weak = arena_printf(d->arena, "%s (%s)", rp_dim(d, L->weakest),
                                rp_num(d, L->dim[L->weakest].v, 2));
        const char *row[] = {
            rp_tr(d, kAssessLevelKeys[l]), L->mean.has ? rp_num(d, L->index, 0) : "—",
            rp_val2(d, L->mean), weak,
            arena_printf(d->arena, "%s (%d / %d)", rp_pct(d, L->coverage), L->scored, L->expected)};
        rp_row(d, t, false, row);
    }
    int complete = 0, answered = 0, expected = 0;
    for (int i = 0; i < r->nraters; i++) {
        complete += r->raters[i].completed_at != 0;
        answered += r->raters[i].answered;
        expected += r->raters[i].expected;
    }
    rp_add(d, RP_PARA,
           tr_str(d->arena, d->lang, "report.raters", "done",
                  arena_printf(d->arena, "%d", complete), "n",
                  arena_printf(d->arena, "%d", r->nraters), "answered",
                  arena_printf(d->arena, "%d", answered), "expected",
                  arena_printf(d->arena, "%d", expected), NULL));
}

/* ---- radar and dimension table ------------------------------------------- */

static void radar(RpDoc *d, const AsReport *r)
{
    const AsResult *s = &r->res;
    rp_section(d, "dimensions", "report.s.radar");
    const char **axes = ARENA_ARRAY(d->arena, const char *, AS_NDIM);
    for (int k = 0; k < AS_NDIM; k++) axes[k] = rp_dim(d, k);
    ChartSeries *series = ARENA_ARRAY(d->arena, ChartSeries, AS_NLEVEL);
    double *vals = ARENA_ARRAY(d->arena, double, AS_NLEVEL *AS_NDIM);
    const char **names = ARENA_ARRAY(d->arena, const char *, AS_NLEVEL);
    const char **cls = ARENA_ARRAY(d->arena, const char *, AS_NLEVEL);
    int ns = 0;
    for (int l = 0; l < AS_NLEVEL; l++) {
        if (!s->level[l].mean.has) continue;
        for (int k = 0; k < AS_NDIM; k++)
            vals[ns * AS_NDIM + k] = s->level[l].dim[k].has ? s->level[l].dim[k].v : NAN;
        names[ns] = rp_tr(d, kAssessLevelKeys[l]);
        cls[ns] = arena_printf(d->arena, "series-%d", ns + 1);
        series[ns] = (ChartSeries){names[ns], &vals[ns * AS_NDIM], NULL};
        ns++;
    }
    Buf fig;
    buf_init(&fig, d->arena);
    RadarChart c = {.base = {.id = "rp-radar",
                             .title = rp_tr(d, "report.s.radar"),
                             .lang = d->lang,
                             .fmt = {CHART_NUMBER, 2, NULL}},
                    .naxes = AS_NDIM,
                    .axes = axes,
                    .nseries = ns,
                    .series = series,
                    .min = 1,
                    .max = 5};
    chart_radar(&fig, d->arena, &c);
    rp_chart(d, &fig, ns, names, cls);
    const char *head[] = {rp_tr(d, "report.dimension"), rp_tr(d, kAssessLevelKeys[0]),
                          rp_tr(d, kAssessLevelKeys[1]), rp_tr(d, kAssessLevelKeys[2]),
                          rp_tr(d, "report.spread")};
    RpBlock *t = rp_table(d, 5, head, 0x1E);
    for (int k = 0; k < AS_NDIM; k++) {
        AsValue sp = s->dim_spread[AS_OPERATIONAL][k];
        if (!sp.has) sp = s->dim_spread[AS_CORPORATE][k];
        const char *row[] = {rp_dim(d, k), rp_val2(d, s->level[0].dim[k]),
                             rp_val2(d, s->level[1].dim[k]), rp_val2(d, s->level[2].dim[k]),
                             rp_val2(d, sp)};
        rp_row(d, t, false, row);
    }
}

/* ---- accounts × dimensions (programme) ------------------------------------ */

static void heatmap(RpDoc *d, const AsReport *r)
{
    const AsResult *s = &r->res;
    int nacc = 0;
    for (int k = 0; k < s->nsubjects; k++)
        nacc += s->subject[k].account_id && s->subject[k].level[AS_OPERATIONAL].mean.has;
    rp_section(d, "accounts", "report.s.heatmap");
    if (!nacc) {
        rp_add(d, RP_PARA, rp_tr(d, "report.heat.none"));
        return;
    }
    const char **cols = ARENA_ARRAY(d->arena, const char *, AS_NDIM);
    for (int k = 0; k < AS_NDIM; k++) cols[k] = rp_dim(d, k);
    static const double bounds[] = {2, 2.75, 3.5, 4.25};
    int done = 0, k = 0;
    while (done < nacc) {
        int n = nacc - done < HEAT_ROWS ? nacc - done : HEAT_ROWS;
        const char **rows = ARENA_ARRAY(d->arena, const char *, n);
        double *vals = ARENA_ARRAY(d->arena, double, n *AS_NDIM);
        int nr = 0;
        for (; k < s->nsubjects && nr < n; k++) {
            const AsSubject *sub = &s->subject[k];
            if (!sub->account_id || !sub->level[AS_OPERATIONAL].mean.has) continue;
            rows[nr] = r->subject_name[k];
            for (int j = 0; j < AS_NDIM; j++) {
                AsValue v = sub->level[AS_OPERATIONAL].dim[j];
                vals[nr * AS_NDIM + j] = v.has ? v.v : NAN;
            }
            nr++;
        }
        const char *title = nacc > HEAT_ROWS
                                ? tr_str(d->arena, d->lang, "report.heat.part", "title",
                                         rp_tr(d, "level.operational"), "from",
                                         arena_printf(d->arena, "%d", done + 1), "to",
                                         arena_printf(d->arena, "%d", done + nr), "n",
                                         arena_printf(d->arena, "%d", nacc), NULL)
                                : rp_tr(d, "level.operational");
        Buf fig;
        buf_init(&fig, d->arena);
        HeatmapChart c = {.base = {.id = arena_printf(d->arena, "rp-heat-%d", done / HEAT_ROWS + 1),
                                   .title = title,
                                   .lang = d->lang,
                                   .fmt = {CHART_NUMBER, 1, NULL}},
                          .nrows = nr,
                          .ncols = AS_NDIM,
                          .rows = rows,
                          .cols = cols,
                          .values = vals,
                          .nbounds = 4,
                          .bounds = bounds,
                          .min = 1,
                          .max = 5};
        chart_heatmap(&fig, d->arena, &c);
        rp_chart(d, &fig, 0, NULL, NULL);
        done += nr;
        if (!nr) break;
    }
    rp_add(d, RP_SUB, rp_tr(d, "report.s.accounts"));
    const char *head[] = {rp_tr(d, "report.account"), rp_tr(d, "report.index"),
                          rp_tr(d, "report.mean"), rp_tr(d, "report.weakest"),
                          rp_tr(d, "assess.level.customer")};
    RpBlock *t = rp_table(d, 5, head, 0x16);
    for (int j = 1; j < s->nsubjects; j++) {
        const AsLevelScore *o = &s->subject[j].level[AS_OPERATIONAL],
                           *u = &s->subject[j].level[AS_CUSTOMER];
        const char *row[] = {r->subject_name[j], o->mean.has ? rp_num(d, o->index, 0) : "—",
                             rp_val2(d, o->mean), o->weakest >= 0 ? rp_dim(d, o->weakest) : "—",
                             rp_val2(d, u->mean)};
        rp_row(d, t, false, row);
    }
}

/* ---- gaps ------------------------------------------------------------------ */

static void corp_op(RpDoc *d, const AsReport *r)
{
    rp_section(d, "corp-op", "report.s.corp_op");
    rp_add(d, RP_NOTE, rp_tr(d, "report.corp_op.intro"));
    const char *head[] = {rp_tr(d, "report.dimension"), rp_tr(d, kAssessLevelKeys[0]),
                          rp_tr(d, kAssessLevelKeys[1]), "Δ", rp_tr(d, "report.flag")};
    RpBlock *t = rp_table(d, 5, head, 0xE);
    for (int k = 0; k < AS_NDIM; k++) {
        const AsCorpOpGap *g = &r->res.corp_op[k];
        const char *row[] = {rp_dim(d, k), rp_val2(d, g->corporate), rp_val2(d, g->operational),
                             g->has ? rp_delta2(d, g->delta) : "—",
                             g->flagged ? rp_tr(d, "report.flagged") : ""};
        rp_row(d, t, g->flagged, row);
    }
}

/* ---- the whole report ------------------------------------------------------------- */

ErrCode report_default_round(Ctx *c, int64_t *round_id)
{
    AsRound *rounds;
    int n;
    *round_id = 0;
    if (as_round_list(c, &rounds, &n)) return c->err->code;
    /* newest first: the first that is open or closed */
    for (int i = 0; i < n; i++)
        if (str_eq(rounds[i].status, "open") || str_eq(rounds[i].status, "closed")) {
            *round_id = rounds[i].id;
            return KAM_OK;
        }
    return err_set(c->err, KAM_ENOTFOUND,
                   "no assessment round is open or closed yet: open one (kam assess round open "
                   "ROUND) or give --round");
}

const char *report_filename(const RpDoc *d, const char *ext)
{
    if (d->account_id)
        return arena_printf(d->arena, "kam-assessment-%lld-account-%lld-%s.%s",
                            (long long)d->round_id, (long long)d->account_id, lang_code(d->lang),
                            ext);
    return arena_printf(d->arena, "kam-assessment-%lld-programme-%s.%s", (long long)d->round_id,
                        lang_code(d->lang), ext);
}

ErrCode report_build(Ctx *c, Lang lang, int64_t round_id, int64_t account_id, RpDoc *out)
{
    memset(out, 0, sizeof *out);
    Ctx lc = *c;
    lc.lang = lang_code(lang);
    out->arena = c->arena;
    out->lang = lang;
    out->date = c->today;
    out->round_id = round_id;
    out->account_id = account_id;
    AsReport *r = ARENA_NEW(c->arena, AsReport);
    const char *org;
    if (as_results(&lc, round_id, account_id, r) || org_name(&lc, &org)) return c->err->code;
    out->title = rp_tr(out, "report.title");
    out->subtitle = rp_tr(out, "report.programme");
    if (account_id)
        out->subtitle = tr_str(out->arena, lang, "report.account.subtitle", "name",
                               rp_subject(out, r, account_id), NULL);
    title_facts(out, r, org);
    summary(out, r);
    radar(out, r);
    if (!account_id) heatmap(out, r);
    corp_op(out, r);
    rp_rater_gaps(out, r);
    rp_ip(out, r);
    rp_evidence(out, r);
    if (rp_trend(&lc, out)) return c->err->code;
    rp_recommendations(&lc, out, r);
    if (account_id && report_plan(&lc, out, account_id)) return c->err->code;
    return KAM_OK;
}
