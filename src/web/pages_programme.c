/* The programme level (FRAMEWORK.md section 2, corporate column): the
 * top-management dashboard at /programme (the executive's home page), the
 * drill-down from each figure to the accounts behind it, and the same
 * figures as JSON at /api/v1/dashboard. All figures come from
 * svc/dashboard.h; this file only renders. */
#include "../core/text.h"
#include "../svc/acl.h"
#include "../svc/dashboard.h"
#include "../svc/programme.h"
#include "app.h"
#include "chart.h"
#include "page.h"
#include "pages.h"
#include "pages_programme.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const kFilterNames[] = {"kam", "industry", "country", "stage", "quadrant", NULL};

/* The dashboard's filter from the query string; false (error page sent)
 * when a value is malformed. */
static bool read_filter(Req *r, Resp *w, DashFilter *f)
{
    *f = (DashFilter){.quadrant = -1};
    for (int i = 0; kFilterNames[i]; i++)
        if (dash_filter_set(f, kFilterNames[i], req_query(r, kFilterNames[i]), &r->err)) {
            page_err(r, w);
            return false;
        }
    return true;
}

/* "?kam=3&industry=…" for the filters in force, then extra (may be NULL). */
static const char *filter_query(Req *r, const char *extra_name, const char *extra_value)
{
    Buf u;
    buf_init(&u, r->arena);
    char sep = '?';
    if (extra_name) {
        buf_printf(&u, "?%U=%U", extra_name, extra_value);
        sep = '&';
    }
    for (int i = 0; kFilterNames[i]; i++) {
        const char *v = req_query(r, kFilterNames[i]);
        if (v && *v) {
            buf_printf(&u, "%c%U=%U", sep, kFilterNames[i], v);
            sep = '&';
        }
    }
    return buf_cstr(&u);
}

const char *prog_drill_href(Req *r, const char *figure)
{
    return arena_printf(r->arena, "/programme/drill%s", filter_query(r, "fig", figure));
}

/* on track / at risk / off track of a value against its target (higher is
 * better): at risk within 10% below the target. */
static const char *status_cls(double v, double target)
{
    if (!isfinite(v) || !isfinite(target)) return "status-muted";
    if (v >= target) return "status-on-track";
    if (v >= target * 0.9) return "status-at-risk";
    return "status-off-track";
}

static const char *status_mark(const char *cls)
{
    if (str_eq(cls, "status-on-track")) return "▲";
    if (str_eq(cls, "status-at-risk")) return "●";
    if (str_eq(cls, "status-off-track")) return "▼";
    return "";
}

static void percent(Req *r, Buf *b, double v)
{
    if (isfinite(v))
        fmt_percent(b, r->lang, v, 0);
    else
        buf_puts(b, "—");
}

/* One tile: label, value (already-safe HTML), a note, a link and a status. */
static void tile(Req *r, Buf *b, const char *id, const char *label, const char *value_html,
                 const char *note_html, const char *href, const char *cls)
{
    (void)r;
    html_printf(
        b,
        "<li><a class=\"tile %a\" id=\"%a\" href=\"%a\"><span class=\"tile-label\">%h</span>"
        "<span class=\"tile-value\">%r</span><span class=\"tile-note\">%r</span></a></li>",
        cls, id, href, label, value_html, note_html);
}

static const char *pct_text(Req *r, double v)
{
    Buf t;
    buf_init(&t, r->arena);
    percent(r, &t, v);
    return buf_cstr(&t);
}

/* "75% (12 / 16)": a share with its count, as safe text. */
static const char *fraction_html(Req *r, int n, int d)
{
    Buf t;
    buf_init(&t, r->arena);
    percent(r, &t, d ? (double)n / d : NAN);
    buf_printf(&t, " <small>%d / %d</small>", n, d);
    return buf_cstr(&t);
}

static const char *target_note(Req *r, double target, const char *cls)
{
    Buf t;
    buf_init(&t, r->arena);
    if (!isfinite(target)) {
        html_printf(&t, "%h", tr(r->lang, "prog.no_target"));
        return buf_cstr(&t);
    }
    html_printf(&t, "%h ", status_mark(cls));
    tr_fmt(&t, r->lang, "prog.target", "target", pct_text(r, target), NULL);
    return buf_cstr(&t);
}

static void filter_form(Req *r, Buf *b)
{
    DashOptions o;
    if (dash_options(&r->ctx, &o)) {
        err_clear(&r->err);
        memset(&o, 0, sizeof o);
    }
    /* folded away unless a filter is in force: the figures come first on a phone */
    html_printf(b, "<details class=\"prog-filter-box\"%r><summary>%h</summary>",
                strlen(filter_query(r, NULL, NULL)) > 0 ? " open" : "",
                tr(r->lang, "prog.filters"));
    html_printf(b,
                "<form method=\"get\" action=\"/programme\" class=\"filters\" aria-label=\"%a\">",
                tr(r->lang, "prog.filters"));
    const char *cur = req_query(r, "kam");
    html_printf(
        b,
        "<div class=\"field\"><label for=\"f-kam\">%h</label><select id=\"f-kam\" name=\"kam\">"
        "<option value=\"\">%h</option>",
        tr(r->lang, "prog.kam"), tr(r->lang, "common.all"));
    for (int i = 0; i < o.nkams; i++) {
        const char *id = arena_printf(r->arena, "%lld", (long long)o.kams[i].id);
        html_printf(b, "<option value=\"%a\"%r>%h</option>", id, str_eq(cur, id) ? " selected" : "",
                    o.kams[i].value);
    }
    buf_puts(b, "</select></div>");
    const struct {
        const char *name, *label;
        DashOption *v;
        int n;
    } lists[] = {{"industry", "prog.industry", o.industries, o.nindustries},
                 {"country", "prog.country", o.countries, o.ncountries}};
    for (int k = 0; k < 2; k++) {
        cur = req_query(r, lists[k].name);
        html_printf(
            b,
            "<div class=\"field\"><label for=\"f-%a\">%h</label><select id=\"f-%a\" name=\"%a\">"
            "<option value=\"\">%h</option>",
            lists[k].name, tr(r->lang, lists[k].label), lists[k].name, lists[k].name,
            tr(r->lang, "common.all"));
        for (int i = 0; i < lists[k].n; i++)
            html_printf(b, "<option value=\"%a\"%r>%h</option>", lists[k].v[i].value,
                        str_eq(cur, lists[k].v[i].value) ? " selected" : "", lists[k].v[i].value);
        buf_puts(b, "</select></div>");
    }
    cur = req_query(r, "stage");
    html_printf(b,
                "<div class=\"field\"><label for=\"f-stage\">%h</label><select id=\"f-stage\" "
                "name=\"stage\">"
                "<option value=\"\">%h</option>",
                tr(r->lang, "stage.label"), tr(r->lang, "common.all"));
    for (int s = 1; s <= 5; s++) {
        const char *v = arena_printf(r->arena, "%d", s);
        html_printf(b, "<option value=\"%a\"%r>%d %h</option>", v,
                    str_eq(cur, v) ? " selected" : "", s,
                    tr(r->lang, arena_printf(r->arena, "stage.%d", s)));
    }
    buf_puts(b, "</select></div>");
    cur = req_query(r, "quadrant");
    html_printf(b,
                "<div class=\"field\"><label for=\"f-quadrant\">%h</label>"
                "<select id=\"f-quadrant\" name=\"quadrant\"><option value=\"\">%h</option>",
                tr(r->lang, "prog.quadrant"), tr(r->lang, "common.all"));
    for (int q = 1; q <= 4; q++) {
        const char *v = pf_quadrant_name((PfQuadrant)q);
        html_printf(b, "<option value=\"%a\"%r>%h</option>", v, str_eq(cur, v) ? " selected" : "",
                    tr(r->lang, arena_printf(r->arena, "quadrant.%s", v)));
    }
    html_printf(b, "</select></div><button type=\"submit\">%h</button>",
                tr(r->lang, "common.filter"));
    if (strlen(filter_query(r, NULL, NULL)) > 0)
        html_printf(b, " <a href=\"/programme\">%h</a>", tr(r->lang, "prog.clear_filters"));
    buf_puts(b, "</form></details>");
}

static void tiles(Req *r, Buf *b, const Dashboard *d)
{
    buf_puts(b, "<ul class=\"tiles prog-tiles\">");
    const char *cls = status_cls(d->revenue_share, d->target_revenue_share);
    tile(r, b, "tile-revenue-share", tr(r->lang, "prog.revenue_share"),
         pct_text(r, d->revenue_share), target_note(r, d->target_revenue_share, cls),
         prog_drill_href(r, "key"), cls);
    cls = status_cls(d->margin_share, d->target_margin_share);
    tile(r, b, "tile-margin-share", tr(r->lang, "prog.margin_share"), pct_text(r, d->margin_share),
         target_note(r, d->target_margin_share, cls), prog_drill_href(r, "key"), cls);

    Buf g;
    buf_init(&g, r->arena);
    tr_fmt(&g, r->lang, "prog.growth_other", "value", pct_text(r, d->growth_other), NULL);
    cls = !isfinite(d->growth_key) || !isfinite(d->growth_other) ? "status-muted"
          : d->growth_key >= d->growth_other                     ? "status-on-track"
                                                                 : "status-off-track";
    tile(r, b, "tile-growth", tr(r->lang, "prog.growth_key"), pct_text(r, d->growth_key),
         buf_cstr(&g), prog_drill_href(r, "key"), cls);

    Buf n;
    buf_init(&n, r->arena);
    html_printf(&n, "%d", d->nkey);
    Buf note;
    buf_init(&note, r->arena);
    if (d->target_key_accounts >= 0)
        tr_fmt(&note, r->lang, "prog.target", "target",
               arena_printf(r->arena, "%d", d->target_key_accounts), NULL);
    tile(r, b, "tile-key", tr(r->lang, "prog.key_accounts"), buf_cstr(&n), buf_cstr(&note),
         prog_drill_href(r, "key"), "status-muted");

    Buf rn;
    buf_init(&rn, r->arena);
    tr_fmt(&rn, r->lang, "prog.lost", "n",
           arena_printf(r->arena, "%d", d->retention_base - d->retained), NULL);
    tile(r, b, "tile-retention", tr(r->lang, "prog.retention"),
         fraction_html(r, d->retained, d->retention_base), buf_cstr(&rn),
         prog_drill_href(r, "lost"),
         d->retention_base ? status_cls((double)d->retained / d->retention_base, 0.9)
                           : "status-muted");

    Buf sn;
    buf_init(&sn, r->arena);
    tr_fmt(&sn, r->lang, "prog.without", "n",
           arena_printf(r->arena, "%d", d->nkey - d->with_sponsor), NULL);
    tile(r, b, "tile-sponsor", tr(r->lang, "prog.sponsor_coverage"),
         fraction_html(r, d->with_sponsor, d->nkey), buf_cstr(&sn),
         prog_drill_href(r, "no_sponsor"),
         d->nkey ? status_cls((double)d->with_sponsor / d->nkey, 1.0) : "status-muted");

    Buf pn;
    buf_init(&pn, r->arena);
    tr_fmt(&pn, r->lang, "prog.without", "n",
           arena_printf(r->arena, "%d", d->nkey - d->plan_current), NULL);
    tile(r, b, "tile-plan", tr(r->lang, "prog.plan_coverage"),
         fraction_html(r, d->plan_current, d->nkey), buf_cstr(&pn), prog_drill_href(r, "no_plan"),
         d->nkey ? status_cls((double)d->plan_current / d->nkey, 1.0) : "status-muted");

    Buf e, en;
    buf_init(&e, r->arena);
    buf_init(&en, r->arena);
    html_printf(&e, "%d", d->open_escalations);
    tr_fmt(&en, r->lang, "prog.overdue", "n", arena_printf(r->arena, "%d", d->overdue_escalations),
           NULL);
    tile(r, b, "tile-escalations", tr(r->lang, "prog.open_escalations"), buf_cstr(&e),
         buf_cstr(&en), prog_drill_href(r, "escalations"),
         d->overdue_escalations ? "status-off-track"
         : d->open_escalations  ? "status-at-risk"
                                : "status-on-track");

    /* the latest scored round's corporate index and its change */
    int last = -1, prev = -1;
    for (int i = 0; i < d->nrounds; i++)
        if (isfinite(d->rounds[i].corporate)) {
            prev = last;
            last = i;
        }
    Buf av, an;
    buf_init(&av, r->arena);
    buf_init(&an, r->arena);
    const char *acls = "status-muted";
    if (last >= 0) {
        fmt_number(&av, r->lang, d->rounds[last].corporate, 0);
        if (prev >= 0) {
            double delta = d->rounds[last].corporate - d->rounds[prev].corporate;
            Buf dv;
            buf_init(&dv, r->arena);
            fmt_number(&dv, r->lang, fabs(delta), 0);
            tr_fmt(&an, r->lang, delta >= 0 ? "prog.assessment.up" : "prog.assessment.down",
                   "delta", buf_cstr(&dv), NULL);
            acls = delta >= 0 ? "status-on-track" : "status-off-track";
        } else {
            html_printf(&an, "%h", d->rounds[last].name);
        }
    } else {
        buf_puts(&av, "—");
        html_printf(&an, "%h", tr(r->lang, "prog.assessment.none"));
    }
    tile(r, b, "tile-assessment", tr(r->lang, "prog.assessment"), buf_cstr(&av), buf_cstr(&an),
         last >= 0 ? arena_printf(r->arena, "/assessment/%lld", (long long)d->rounds[last].id)
                   : "/assessment",
         acls);
    buf_puts(b, "</ul>");
}

static void charts(Req *r, Buf *b, const Dashboard *d)
{
    buf_puts(b, "<div class=\"grid-2\">");
    /* KPI attainment bands */
    static const char *const bcls[] = {"status-muted", "status-on-track", "status-at-risk",
                                       "status-off-track"};
    static const int border[] = {DB_ON_TRACK, DB_AT_RISK, DB_OFF_TRACK, DB_NO_DATA};
    BarItem bands[4];
    for (int i = 0; i < 4; i++) {
        int k = border[i];
        bands[i] = (BarItem){
            .label =
                tr(r->lang, arena_printf(r->arena, "prog.band.%s", dash_band_name((DashBand)k))),
            .value = d->band[k],
            .href =
                prog_drill_href(r, arena_printf(r->arena, "band_%s", dash_band_name((DashBand)k))),
            .cls = bcls[k]};
    }
    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-kpi\"><h2 id=\"h-kpi\">%h</h2>",
                tr(r->lang, "prog.kpi_attainment"));
    chart_bars(b, r->arena,
               &(BarChart){.base = {.id = "chart-kpi",
                                    .title = tr(r->lang, "prog.kpi_attainment"),
                                    .lang = r->lang},
                           .n = 4,
                           .items = bands});
    if (d->went_off_track) {
        html_printf(b, "<p><a id=\"went-off-track\" href=\"%a\">",
                    prog_drill_href(r, "went_off_track"));
        tr_fmt(b, r->lang, "prog.went_off_track", "n",
               arena_printf(r->arena, "%d", d->went_off_track), NULL);
        buf_puts(b, "</a></p>");
    }
    html_printf(b, "<p class=\"hint\">%h</p></section>", tr(r->lang, "prog.kpi_attainment.hint"));

    /* Portfolio mix: quadrants and stages */
    BarItem mix[5];
    static const int qorder[] = {PF_STRATEGIC, PF_DEVELOPMENT, PF_MAINTENANCE, PF_OPPORTUNISTIC,
                                 PF_UNPLACED};
    for (int i = 0; i < 5; i++) {
        const char *qn = pf_quadrant_name((PfQuadrant)qorder[i]);
        mix[i] = (BarItem){.label = tr(r->lang, arena_printf(r->arena, "quadrant.%s", qn)),
                           .value = d->quadrant[qorder[i]],
                           .href = prog_drill_href(r, arena_printf(r->arena, "quadrant_%s", qn)),
                           .cls = arena_printf(r->arena, "quadrant-%s", qn)};
    }
    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-mix\"><h2 id=\"h-mix\">%h</h2>",
                tr(r->lang, "prog.mix"));
    chart_bars(
        b, r->arena,
        &(BarChart){
            .base = {.id = "chart-mix", .title = tr(r->lang, "prog.mix.quadrant"), .lang = r->lang},
            .n = 5,
            .items = mix});
    BarItem st[5];
    for (int s = 1; s <= 5; s++)
        st[s - 1] = (BarItem){.label = tr(r->lang, arena_printf(r->arena, "stage.%d", s)),
                              .value = d->stage[s],
                              .href = prog_drill_href(r, arena_printf(r->arena, "stage_%d", s))};
    chart_bars(
        b, r->arena,
        &(BarChart){
            .base = {.id = "chart-stage", .title = tr(r->lang, "prog.mix.stage"), .lang = r->lang},
            .n = 5,
            .items = st});
    if (d->disintegrating)
        html_printf(b, "<p><a href=\"%a\">%h: %d</a></p>", prog_drill_href(r, "disintegrating"),
                    tr(r->lang, "stage.disintegrating"), d->disintegrating);
    buf_puts(b, "</section></div>");
}

static void weakest(Req *r, Buf *b, const Dashboard *d)
{
    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-weak\"><h2 id=\"h-weak\">%h</h2>",
                tr(r->lang, "prog.weakest"));
    if (!d->nweakest) {
        html_printf(b, "<div class=\"empty-state\"><p>%h</p></div></section>",
                    tr(r->lang, "prog.weakest.empty"));
        return;
    }
    html_printf(
        b,
        "<div class=\"table-wrap\"><table class=\"list\" id=\"weakest\"><thead><tr><th "
        "scope=\"col\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th><th scope=\"col\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th></tr></thead><tbody>",
        tr(r->lang, "prog.account"), tr(r->lang, "prog.kam"), tr(r->lang, "prog.kpi_attainment"),
        tr(r->lang, "prog.sponsor"), tr(r->lang, "prog.plan"),
        tr(r->lang, "prog.open_escalations"));
    for (int i = 0; i < d->nweakest; i++) {
        const DashAccount *k = &d->acct[d->weakest[i]];
        const char *band = dash_band_name(k->band);
        html_printf(b,
                    "<tr><th scope=\"row\"><a href=\"/accounts/%lld\">%h</a></th><td>%h</td>"
                    "<td class=\"num\"><span class=\"badge status-%a\">",
                    (long long)k->id, k->name, k->kam, band);
        percent(r, b, k->attainment);
        html_printf(b, "</span></td><td>%h</td><td>%h</td><td class=\"num\">%d</td></tr>",
                    tr(r->lang, k->sponsor_id ? "common.yes" : "common.no"),
                    tr(r->lang, k->plan_current ? "prog.plan.current" : "prog.plan.stale"),
                    k->open_escalations);
    }
    buf_puts(b, "</tbody></table></div></section>");
}

static void escalations(Req *r, Buf *b, const Dashboard *d)
{
    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-esc\"><h2 id=\"h-esc\">%h</h2>",
                tr(r->lang, "prog.open_escalations"));
    if (!d->nescalations) {
        html_printf(b, "<div class=\"empty-state\"><p>%h</p></div></section>",
                    tr(r->lang, "prog.escalations.empty"));
        return;
    }
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"list\" id=\"escalations\"><thead><tr>"
                "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th "
                "scope=\"col\">%h</th><th scope=\"col\">%h</th>"
                "</tr></thead><tbody>",
                tr(r->lang, "prog.escalation"), tr(r->lang, "prog.account"),
                tr(r->lang, "prog.executive"), tr(r->lang, "prog.due"),
                tr(r->lang, "prog.escalation.decision"));
    for (int i = 0; i < d->nescalations && i < 10; i++) {
        const DashEscalation *e = &d->escalations[i];
        html_printf(b,
                    "<tr><th scope=\"row\"><a href=\"/e/escalations/%lld\">%h</a></th>"
                    "<td><a href=\"/accounts/%lld\">%h</a></td><td>%h</td><td>",
                    (long long)e->id, e->title, (long long)e->account_id, e->account,
                    e->executive ? e->executive : "—");
        if (e->due_on) fmt_date(b, r->lang, e->due_on);
        if (e->overdue)
            html_printf(b, " <span class=\"badge status-off-track\">%h</span>",
                        tr(r->lang, "prog.overdue.badge"));
        buf_puts(b, "</td><td>");
        unsigned rights = 0;
        if (acl_account_rights(&r->ctx, e->account_id, &rights)) err_clear(&r->err);
        if (rights & AR_SPONSOR) { /* decide here, in two clicks */
            html_printf(b,
                        "<details class=\"prog-decide-esc\"><summary>%h</summary>"
                        "<form method=\"post\" action=\"/programme/escalations/%lld\">",
                        tr(r->lang, "prog.escalation.decide"), (long long)e->id);
            form_csrf(r, b);
            html_printf(b,
                        "<label for=\"esc-%lld\">%h</label><textarea id=\"esc-%lld\" "
                        "name=\"decision\" rows=\"2\" "
                        "required></textarea><button type=\"submit\">%h</button></form></details>",
                        (long long)e->id, tr(r->lang, "prog.escalation.decision"), (long long)e->id,
                        tr(r->lang, "prog.escalation.record"));
        }
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table></div></section>");
}

/* The assessment index per round, corporate against operational. */
static void assessment_trend(Req *r, Buf *b, const Dashboard *d)
{
    html_printf(b,
                "<section class=\"card\" aria-labelledby=\"h-assess\"><h2 id=\"h-assess\">%h</h2>",
                tr(r->lang, "prog.assessment.trend"));
    if (!d->nrounds) {
        html_printf(b,
                    "<div class=\"empty-state\"><p>%h</p><p><a "
                    "href=\"/assessment\">%h</a></p></div></section>",
                    tr(r->lang, "prog.assessment.empty"), tr(r->lang, "prog.assessment.open"));
        return;
    }
    const char **x = ARENA_ARRAY(r->arena, const char *, d->nrounds);
    double *co = ARENA_ARRAY(r->arena, double, d->nrounds),
           *op = ARENA_ARRAY(r->arena, double, d->nrounds);
    for (int i = 0; i < d->nrounds; i++) {
        x[i] = d->rounds[i].name;
        co[i] = d->rounds[i].corporate;
        op[i] = d->rounds[i].operational;
    }
    ChartSeries series[] = {{.name = tr(r->lang, "prog.level.corporate"), .values = co},
                            {.name = tr(r->lang, "prog.level.operational"), .values = op}};
    chart_line(b, r->arena,
               &(LineChart){.base = {.id = "chart-assessment",
                                     .title = tr(r->lang, "prog.assessment.trend"),
                                     .lang = r->lang},
                            .n = d->nrounds,
                            .xlabels = x,
                            .nseries = 2,
                            .series = series,
                            .min = 0,
                            .max = 100});
    buf_puts(b, "</section>");
}

/* The five dimensions of the corporate level, each with an anchor (the
 * assessment's recommendations link to /programme#DIMENSION) and the pages
 * where it is worked on. */
static void dimensions(Req *r, Buf *b)
{
    static const struct {
        const char *id, *links[3][2];
    } dims[] = {
        {"strategy",
         {{"/portfolio", "nav.portfolio"},
          {"/portfolio/criteria", "prog.criteria"},
          {"/portfolio/decisions", "prog.decisions"}}},
        {"solutions", {{"/programme/solutions", "prog.solutions"}, {NULL, NULL}, {NULL, NULL}}},
        {"people", {{"/programme/people", "prog.people"}, {NULL, NULL}, {NULL, NULL}}},
        {"management",
         {{"/programme/organisation", "prog.organisation"},
          {"/e/programme/1", "prog.charter"},
          {NULL, NULL}}},
        {"evaluation",
         {{"/programme", "prog.dashboard"},
          {"/e/company_years", "prog.company_years"},
          {NULL, NULL}}},
    };
    html_printf(b,
                "<section class=\"card\" aria-labelledby=\"h-dims\"><h2 id=\"h-dims\">%h</h2><dl "
                "class=\"facts prog-dims\">",
                tr(r->lang, "prog.dimensions"));
    for (size_t i = 0; i < sizeof dims / sizeof *dims; i++) {
        html_printf(b, "<dt id=\"%a\">%h</dt><dd>%h ", dims[i].id,
                    tr(r->lang, arena_printf(r->arena, "dimension.%s",
                                             str_eq(dims[i].id, "management") ? "account_management"
                                                                              : dims[i].id)),
                    tr(r->lang, arena_printf(r->arena, "prog.dim.%s", dims[i].id)));
        for (int k = 0; k < 3 && dims[i].links[k][0]; k++)
            html_printf(b, "%r<a href=\"%a\">%h</a>", k ? " · " : "", dims[i].links[k][0],
                        tr(r->lang, dims[i].links[k][1]));
        buf_puts(b, "</dd>");
    }
    buf_puts(b, "</dl></section>");
}

void page_programme(Req *r, Resp *w)
{
    DashFilter f;
    if (!read_filter(r, w, &f)) return;
    Dashboard d;
    if (dash_compute_cached(&r->ctx, &f, &d)) {
        page_err(r, w);
        return;
    }
    const char *title = tr(r->lang, "prog.dashboard");
    Crumb crumbs[] = {{tr(r->lang, "nav.programme"), NULL}};
    Buf *b = page_begin(r, w, NAV_PROGRAMME, title, crumbs, 1);
    html_printf(b, "<div class=\"page-head\"><h1>%h</h1><p class=\"subtitle\">", title);
    if (d.year)
        tr_fmt(b, r->lang, "prog.subtitle", "year", arena_printf(r->arena, "%d", d.year), NULL);
    html_printf(b, "</p><nav class=\"actions prog-sections\" aria-label=\"%a\">",
                tr(r->lang, "prog.sections"));
    prog_section_links(r, b, "dashboard");
    buf_puts(b, "</nav></div>");
    filter_form(r, b);
    tiles(r, b, &d);
    charts(r, b, &d);
    weakest(r, b, &d);
    buf_puts(b, "<div class=\"grid-2\">");
    escalations(r, b, &d);
    assessment_trend(r, b, &d);
    buf_puts(b, "</div>");
    dimensions(r, b);
    page_end(r, w);
}

void prog_section_links(Req *r, Buf *b, const char *current)
{
    static const struct {
        const char *id, *href, *key;
    } links[] = {{"dashboard", "/programme", "prog.dashboard"},
                 {"portfolio", "/portfolio", "nav.portfolio"},
                 {"criteria", "/portfolio/criteria", "prog.criteria"},
                 {"score", "/portfolio/score", "prog.bulk"},
                 {"decisions", "/portfolio/decisions", "prog.decisions"},
                 {"solutions", "/programme/solutions", "prog.solutions"},
                 {"people", "/programme/people", "prog.people"},
                 {"organisation", "/programme/organisation", "prog.organisation"},
                 {"charter", "/e/programme/1", "prog.charter"}};
    for (size_t i = 0; i < sizeof links / sizeof *links; i++)
        html_printf(b, "<a class=\"button secondary\" href=\"%a\"%r>%h</a>", links[i].href,
                    str_eq(current, links[i].id) ? " aria-current=\"page\"" : "",
                    tr(r->lang, links[i].key));
}

void page_programme_drill(Req *r, Resp *w)
{
    DashFilter f;
    if (!read_filter(r, w, &f)) return;
    const char *fig = req_query(r, "fig");
    Dashboard d;
    if (dash_compute_cached(&r->ctx, &f, &d)) {
        page_err(r, w);
        return;
    }
    int *idx;
    int n = dash_drill(&d, fig, r->arena, &idx);
    if (n < 0) {
        page_error(r, w, 404, tr(r->lang, "prog.drill.unknown"));
        return;
    }
    const char *title = tr(r->lang, arena_printf(r->arena, "prog.fig.%s", fig));
    if (!tr_has(r->lang, arena_printf(r->arena, "prog.fig.%s", fig))) title = fig;
    const char *back = arena_printf(r->arena, "/programme%s", filter_query(r, NULL, NULL));
    Crumb crumbs[] = {{tr(r->lang, "nav.programme"), back}, {title, NULL}};
    Buf *b = page_begin(r, w, NAV_PROGRAMME, title, crumbs, 2);
    html_printf(b, "<div class=\"page-head\"><h1>%h</h1><p class=\"subtitle\">", title);
    tr_fmt(b, r->lang, "prog.drill.count", "n", arena_printf(r->arena, "%d", n), NULL);
    html_printf(
        b,
        "</p><nav class=\"actions prog-sections\" aria-label=\"%a\"><a class=\"button secondary\" "
        "href=\"%a\">%h</a></nav></div>",
        tr(r->lang, "prog.sections"), back, tr(r->lang, "prog.back"));
    if (!n) {
        html_printf(b, "<div class=\"empty-state\"><p>%h</p></div>",
                    tr(r->lang, "prog.drill.empty"));
        page_end(r, w);
        return;
    }
    html_printf(
        b,
        "<div class=\"table-wrap\"><table class=\"list\" "
        "id=\"drill\"><caption>%h</caption><thead><tr>"
        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th "
        "scope=\"col\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" "
        "class=\"num\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        title, tr(r->lang, "prog.account"), tr(r->lang, "prog.kam"), tr(r->lang, "stage.label"),
        tr(r->lang, "prog.quadrant"), tr(r->lang, "prog.status"), tr(r->lang, "prog.revenue"),
        tr(r->lang, "prog.kpi_attainment"), tr(r->lang, "prog.sponsor"), tr(r->lang, "prog.plan"));
    for (int i = 0; i < n; i++) {
        const DashAccount *k = &d.acct[idx[i]];
        html_printf(
            b,
            "<tr><th scope=\"row\"><a href=\"/accounts/%lld\">%h</a></th><td>%h</td><td>%d "
            "%h</td><td>%h</td>"
            "<td><span class=\"enum-status-%a\">%h</span></td><td class=\"num\">",
            (long long)k->id, k->name, k->kam_id ? k->kam : "—", k->stage,
            tr(r->lang, arena_printf(r->arena, "stage.%d", k->stage)),
            tr(r->lang, arena_printf(r->arena, "quadrant.%s", pf_quadrant_name(k->quadrant))),
            k->status, enum_label(r, "status", k->status));
        fmt_money(b, r->lang, k->revenue, d.currency);
        buf_puts(b, "</td><td class=\"num\">");
        percent(r, b, k->attainment);
        html_printf(b, "</td><td>%h</td><td>%h</td></tr>",
                    tr(r->lang, k->sponsor_id ? "common.yes" : "common.no"),
                    tr(r->lang, k->plan_current ? "prog.plan.current" : "prog.plan.stale"));
    }
    buf_puts(b, "</tbody></table></div>");
    page_end(r, w);
}

void api_dashboard(Req *r, Resp *w)
{
    DashFilter f;
    if (!read_filter(r, w, &f)) return;
    Dashboard d;
    if (dash_compute_cached(&r->ctx, &f, &d)) {
        page_err(r, w);
        return;
    }
    json_t *j = dash_json(&d, str_eq(req_query(r, "accounts"), "1"));
    const char *fig = req_query(r, "fig");
    if (fig && *fig) {
        int *idx;
        int n = dash_drill(&d, fig, r->arena, &idx);
        if (n < 0) {
            json_decref(j);
            err_set(&r->err, KAM_ENOTFOUND, "no such figure: %s", fig);
            page_err(r, w);
            return;
        }
        json_t *ids = json_array();
        for (int i = 0; i < n; i++) json_array_append_new(ids, json_integer(d.acct[idx[i]].id));
        json_object_set_new(j, "drill", json_pack("{s:s,s:o}", "figure", fig, "accounts", ids));
    }
    prog_send_json(w, j);
}

void prog_send_json(Resp *w, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    w->status = 200;
    w->content_type = "application/json";
    resp_header(w, "Cache-Control", "no-store");
    buf_puts(&w->body, s ? s : "null");
    buf_putc(&w->body, '\n');
    free(s);
}

void page_programme_escalation_post(Req *r, Resp *w)
{
    if (prog_decide_escalation(&r->ctx, route_id(r, 0), req_form(r, "decision"))) {
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.saved");
    resp_redirect(r, w, "/programme");
}
