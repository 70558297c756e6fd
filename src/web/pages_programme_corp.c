/* The programme's solutions, people and organisation pages (FRAMEWORK.md
 * section 2, corporate column): the offering catalogue by customisation
 * level with the accounts using each offering; KAM capacity against the
 * programme's limit and the competency ratings as a heatmap; the KAM
 * organisation, process definitions and the compliance of key accounts.
 * Data from svc/programme_corp.h; records are edited on their generic pages. */
#include "../core/text.h"
#include "../svc/acl.h"
#include "../svc/programme_corp.h"
#include "app.h"
#include "chart.h"
#include "page.h"
#include "pages.h"
#include "pages_programme.h"

#include <math.h>
#include <string.h>

static Buf *corp_begin(Req *r, Resp *w, const char *section, const char *title_key,
                       const char *intro_key)
{
    const char *title = tr(r->lang, title_key);
    Crumb crumbs[] = {{tr(r->lang, "nav.programme"), "/programme"}, {title, NULL}};
    Buf *b = page_begin(r, w, NAV_PROGRAMME, title, crumbs, 2);
    html_printf(b,
                "<div class=\"page-head\"><h1>%h</h1><p class=\"subtitle\">%h</p><nav "
                "class=\"actions prog-sections\" aria-label=\"%a\">",
                title, tr(r->lang, intro_key), tr(r->lang, "prog.sections"));
    prog_section_links(r, b, section);
    buf_puts(b, "</nav></div>");
    return b;
}

static const char *yes_no(Req *r, bool v)
{
    return tr(r->lang, v ? "common.yes" : "common.no");
}

void page_programme_solutions(Req *r, Resp *w)
{
    ProgOffering *o;
    int n;
    if (prog_offerings(&r->ctx, &o, &n)) {
        page_err(r, w);
        return;
    }
    Buf *b = corp_begin(r, w, "solutions", "prog.solutions", "prog.solutions.intro");
    if (acl_edits_programme(&r->ctx.actor))
        html_printf(b, "<p><a class=\"button\" href=\"/e/offerings/new\">%h</a></p>",
                    tr(r->lang, "prog.offering.add"));
    static const char *const levels[] = {"standard", "configured", "customised", "co_developed"};
    BarItem bars[4];
    for (int l = 0; l < 4; l++) {
        int cnt = 0;
        for (int i = 0; i < n; i++) cnt += str_eq(o[i].customisation, levels[l]);
        bars[l] = (BarItem){.label = enum_label(r, "customisation", levels[l]),
                            .value = cnt,
                            .href = arena_printf(r->arena, "#level-%s", levels[l])};
    }
    buf_puts(b, "<section class=\"card\">");
    chart_bars(b, r->arena,
               &(BarChart){.base = {.id = "chart-custom",
                                    .title = tr(r->lang, "prog.offerings.by_level"),
                                    .lang = r->lang},
                           .n = 4,
                           .items = bars});
    buf_puts(b, "</section>");
    for (int l = 0; l < 4; l++) {
        html_printf(b,
                    "<section class=\"card\" id=\"level-%a\" aria-labelledby=\"h-level-%a\"><h2 "
                    "id=\"h-level-%a\">%h</h2>",
                    levels[l], levels[l], levels[l], enum_label(r, "customisation", levels[l]));
        html_printf(
            b,
            "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%h</th>"
            "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\" "
            "class=\"num\">%h</th>"
            "<th scope=\"col\">%h</th></tr></thead><tbody>",
            tr(r->lang, "prog.offering"), tr(r->lang, "prog.category"), tr(r->lang, "prog.roadmap"),
            tr(r->lang, "prog.using"), tr(r->lang, "prog.accounts_using"));
        int shown = 0;
        for (int i = 0; i < n; i++) {
            if (!str_eq(o[i].customisation, levels[l])) continue;
            shown++;
            html_printf(b, "<tr><th scope=\"row\"><a href=\"/e/offerings/%lld\">%h</a>",
                        (long long)o[i].id, o[i].name);
            if (o[i].account_specific) {
                html_printf(b, " <span class=\"badge badge-info\">%h</span>",
                            tr(r->lang, "prog.account_specific"));
                if (o[i].origin_account)
                    html_printf(b, " <small><a href=\"/accounts/%lld\">%h</a></small>",
                                (long long)o[i].origin_account_id, o[i].origin_account);
            }
            if (!o[i].active)
                html_printf(b, " <span class=\"badge badge-muted\">%h</span>",
                            tr(r->lang, "prog.inactive"));
            html_printf(b,
                        "</th><td>%h</td><td><span class=\"enum-roadmap-%a\">%h</span></td><td "
                        "class=\"num\">%d</td><td>%h</td></tr>",
                        o[i].category, o[i].roadmap, enum_label(r, "roadmap", o[i].roadmap),
                        o[i].naccounts, o[i].accounts);
        }
        if (!shown)
            html_printf(b, "<tr><td colspan=\"5\" class=\"empty\">%h</td></tr>",
                        tr(r->lang, "common.none"));
        buf_puts(b, "</tbody></table></div></section>");
    }
    page_end(r, w);
}

void page_programme_people(Req *r, Resp *w)
{
    ProgPeople p;
    if (prog_people(&r->ctx, &p)) {
        page_err(r, w);
        return;
    }
    Buf *b = corp_begin(r, w, "people", "prog.people", "prog.people.intro");
    if (p.nover) {
        buf_puts(b, "<p class=\"warning-box\" role=\"status\" id=\"capacity-warning\">");
        tr_fmt(b, r->lang, "prog.capacity.over", "n", arena_printf(r->arena, "%d", p.nover),
               "limit", arena_printf(r->arena, "%d", p.limit), NULL);
        buf_puts(b, "</p>");
    }
    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-cap\"><h2 id=\"h-cap\">%h</h2>",
                tr(r->lang, "prog.capacity"));
    BarItem *bars = ARENA_ARRAY(r->arena, BarItem, p.nkams + 1);
    for (int i = 0; i < p.nkams; i++)
        bars[i] = (BarItem){.label = p.kams[i].name,
                            .value = p.kams[i].accounts,
                            .has_target = true,
                            .target = p.limit,
                            .cls = p.kams[i].over ? "status-off-track" : NULL};
    chart_bars(b, r->arena,
               &(BarChart){.base = {.id = "chart-capacity",
                                    .title = tr(r->lang, "prog.capacity.chart"),
                                    .lang = r->lang},
                           .n = p.nkams,
                           .items = bars});
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"list\" id=\"capacity\"><thead><tr><th "
                "scope=\"col\">%h</th>"
                "<th scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" "
                "class=\"num\">%h</th>"
                "<th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" "
                "class=\"num\">%h</th></tr></thead><tbody>",
                tr(r->lang, "prog.kam"), tr(r->lang, "prog.reports_to"),
                tr(r->lang, "prog.key_accounts"), tr(r->lang, "prog.team_load"),
                tr(r->lang, "prog.mean_level"), tr(r->lang, "prog.open_actions"));
    for (int i = 0; i < p.nkams; i++) {
        const ProgKam *k = &p.kams[i];
        html_printf(b,
                    "<tr><th scope=\"row\"><a href=\"/e/people/%lld\">%h</a></th><td>%h</td><td "
                    "class=\"num\">%d",
                    (long long)k->person_id, k->name, k->manager ? k->manager : "—", k->accounts);
        if (k->over)
            html_printf(b, " <span class=\"badge status-off-track\">%h</span>",
                        tr(r->lang, "prog.over_limit"));
        buf_puts(b, "</td><td class=\"num\">");
        fmt_number(b, r->lang, k->team_load, 1);
        buf_puts(b, "</td><td class=\"num\">");
        if (isfinite(k->mean_level))
            fmt_number(b, r->lang, k->mean_level, 1);
        else
            buf_puts(b, "—");
        html_printf(b,
                    "</td><td class=\"num\"><a "
                    "href=\"/e/development_actions?person_id=%lld\">%d</a></td></tr>",
                    (long long)k->person_id, k->open_actions);
    }
    if (!p.nkams)
        html_printf(b, "<tr><td colspan=\"6\" class=\"empty\">%h</td></tr>",
                    tr(r->lang, "common.none"));
    html_printf(b, "</tbody></table></div><p class=\"hint\">%h</p></section>",
                tr(r->lang, "prog.capacity.hint"));

    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-comp\"><h2 id=\"h-comp\">%h</h2>",
                tr(r->lang, "prog.ratings"));
    if (p.nkams && p.ncomp) {
        const char **rows = ARENA_ARRAY(r->arena, const char *, p.nkams);
        const char **cols = ARENA_ARRAY(r->arena, const char *, p.ncomp);
        double *vals = ARENA_ARRAY(r->arena, double, (size_t)p.nkams *(size_t)p.ncomp);
        for (int i = 0; i < p.nkams; i++) rows[i] = p.kams[i].name;
        for (int j = 0; j < p.ncomp; j++) cols[j] = p.comp[j].name;
        for (size_t x = 0; x < (size_t)p.nkams * (size_t)p.ncomp; x++)
            vals[x] = p.level[x] ? p.level[x] : NAN;
        chart_heatmap(b, r->arena,
                      &(HeatmapChart){.base = {.id = "chart-ratings",
                                               .title = tr(r->lang, "prog.ratings"),
                                               .lang = r->lang},
                                      .nrows = p.nkams,
                                      .ncols = p.ncomp,
                                      .rows = rows,
                                      .cols = cols,
                                      .values = vals,
                                      .min = 1,
                                      .max = 5});
    } else {
        html_printf(b, "<div class=\"empty-state\"><p>%h</p></div>",
                    tr(r->lang, "prog.ratings.empty"));
    }
    html_printf(b,
                "<p><a href=\"/e/competency_ratings\">%h</a> · <a "
                "href=\"/e/development_actions\">%h</a></p></section>",
                tr(r->lang, "prog.ratings.all"), tr(r->lang, "prog.actions.all"));

    html_printf(b,
                "<section class=\"card\" aria-labelledby=\"h-model\"><h2 "
                "id=\"h-model\">%h</h2><p>%h</p><ul class=\"prog-model\">",
                tr(r->lang, "prog.model"), tr(r->lang, "prog.model.intro"));
    const char *area = NULL;
    for (int j = 0; j < p.ncomp; j++) {
        if (!area || !str_eq(area, p.comp[j].area)) {
            if (area) buf_puts(b, "</ul></li>");
            area = p.comp[j].area;
            html_printf(b, "<li><strong>%h</strong><ul>", area);
        }
        html_printf(b,
                    "<li><a href=\"/e/competencies/%lld\">%h</a> · <a "
                    "href=\"/e/competency_levels?competency_id=%lld\">%h</a></li>",
                    (long long)p.comp[j].id, p.comp[j].name, (long long)p.comp[j].id,
                    tr(r->lang, "prog.level_descriptors"));
    }
    if (area) buf_puts(b, "</ul></li>");
    html_printf(
        b,
        "</ul><p><a href=\"/e/competency_areas\">%h</a> · <a href=\"/e/competencies\">%h</a> · "
        "<a href=\"/e/hr_policies\">%h</a></p></section>",
        tr(r->lang, "prog.model.areas"), tr(r->lang, "prog.model.competencies"),
        tr(r->lang, "prog.hr_policies"));
    page_end(r, w);
}

void page_programme_organisation(Req *r, Resp *w)
{
    ProgOrganisation o;
    Record *prog = NULL;
    if (prog_organisation(&r->ctx, &o) || ent_get(&r->ctx, entity_find("programme"), 1, &prog)) {
        page_err(r, w);
        return;
    }
    Buf *b = corp_begin(r, w, "organisation", "prog.organisation", "prog.organisation.intro");
    buf_puts(b, "<ul class=\"tiles\">");
    const struct {
        const char *id, *key;
        int n;
    } t[] = {{"tile-compliant", "prog.compliant", o.compliant},
             {"tile-org-sponsor", "prog.sponsor_coverage", o.with_sponsor},
             {"tile-org-plan", "prog.plan_coverage", o.plan_current},
             {"tile-cadences", "prog.cadences_held", o.cadences_held}};
    for (int i = 0; i < 4; i++) {
        html_printf(b,
                    "<li><div class=\"tile %a\" id=\"%a\"><span "
                    "class=\"tile-label\">%h</span><span class=\"tile-value\">",
                    t[i].n == o.nacc ? "status-on-track" : "status-at-risk", t[i].id,
                    tr(r->lang, t[i].key));
        fmt_percent(b, r->lang, o.nacc ? (double)t[i].n / o.nacc : 0, 0);
        html_printf(b, " <small>%d / %d</small></span></div></li>", t[i].n, o.nacc);
    }
    buf_puts(b, "</ul>");

    html_printf(b,
                "<section class=\"card\" aria-labelledby=\"h-proc\"><h2 id=\"h-proc\">%h</h2><dl "
                "class=\"facts\">",
                tr(r->lang, "prog.processes"));
    static const char *const fields[] = {"organisation_model", "planning_cycle",
                                         "review_cadence",     "escalation_path",
                                         "governance",         "information_sources"};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        const char *v = record_get(prog, fields[i]);
        html_printf(b, "<dt>%h</dt><dd>%h</dd>", field_label(r, fields[i]), v && *v ? v : "—");
    }
    html_printf(b, "</dl><p><a href=\"/e/programme/1\">%h</a></p></section>",
                tr(r->lang, "prog.processes.edit"));

    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-comp\"><h2 id=\"h-comp\">%h</h2>",
                tr(r->lang, "prog.compliance"));
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"list\" id=\"compliance\"><thead><tr><th "
                "scope=\"col\">%h</th>"
                "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th "
                "scope=\"col\" class=\"num\">%h</th>"
                "<th scope=\"col\">%h</th></tr></thead><tbody>",
                tr(r->lang, "prog.account"), tr(r->lang, "prog.kam"), tr(r->lang, "prog.sponsor"),
                tr(r->lang, "prog.plan"), tr(r->lang, "prog.cadences_held"),
                tr(r->lang, "prog.compliant"));
    for (int i = 0; i < o.nacc; i++) {
        const ProgCompliance *x = &o.acct[i];
        html_printf(
            b,
            "<tr><th scope=\"row\"><a "
            "href=\"/accounts/%lld\">%h</a></th><td>%h</td><td>%h</td><td>%h</td>"
            "<td class=\"num\">%d / %d</td><td><span class=\"badge %a\">%h</span></td></tr>",
            (long long)x->id, x->name, x->kam ? x->kam : "—", x->sponsor ? x->sponsor : "—",
            tr(r->lang, x->plan_current ? "prog.plan.current" : "prog.plan.stale"), x->held,
            x->cadences, x->compliant ? "status-on-track" : "status-off-track",
            yes_no(r, x->compliant));
    }
    if (!o.nacc)
        html_printf(b, "<tr><td colspan=\"6\" class=\"empty\">%h</td></tr>",
                    tr(r->lang, "common.none"));
    html_printf(b, "</tbody></table></div><p class=\"hint\">%h</p></section>",
                tr(r->lang, "prog.compliance.hint"));
    page_end(r, w);
}
