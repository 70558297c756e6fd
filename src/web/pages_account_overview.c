/* Workspace section "overview": the health score with every input that
 * makes it (each linked to where it is worked on), the facts an executive
 * asks first, next meetings, open escalations and what changed since the
 * reader's last visit; the account's own fields, editable. */
#include "../core/text.h"
#include "chart.h"
#include "pages_account.h"

#include <string.h>

static const char *kInputSection[HI_COUNT] = {"evaluation", "plan",       "people",
                                              "management", "management", "overview"};

/* The input's raw figure in words: "88% over 4 KPIs", "3 of 7 roles"... */
static const char *input_detail(WsPage *p, int i)
{
    const WsOverview *o = &p->ov;
    Arena *a = p->r->arena;
    Lang l = p->r->lang;
    Buf b;
    buf_init(&b, a);
    switch (i) {
    case HI_KPI:
        if (!o->health_in.has_kpi) return tr(l, "ws.hi.kpi.none");
        fmt_percent(&b, l, o->health_in.kpi_attainment, 0);
        return tr_str(a, l, "ws.hi.kpi.detail", "pct", buf_cstr(&b), "n",
                      arena_printf(a, "%d", o->kpis_counted), NULL);
    case HI_PLAN:
        if (!o->health_in.plan_reviewed_on) return tr(l, "ws.hi.plan.never");
        fmt_date(&b, l, o->health_in.plan_reviewed_on);
        return tr_str(a, l, "ws.hi.plan.detail", "date", buf_cstr(&b), NULL);
    case HI_COVERAGE:
        return tr_str(a, l, "ws.hi.coverage.detail", "n",
                      arena_printf(a, "%d", o->analysis.coverage.num), "of",
                      arena_printf(a, "%d", o->analysis.coverage.den), NULL);
    case HI_CADENCE:
        if (!o->health_in.cadence_planned) return tr(l, "ws.hi.cadence.none");
        return tr_str(a, l, "ws.hi.cadence.detail", "held",
                      arena_printf(a, "%d", o->health_in.cadence_held), "planned",
                      arena_printf(a, "%d", o->health_in.cadence_planned), NULL);
    case HI_ACTIONS:
        return tr_str(a, l, "ws.hi.actions.detail", "overdue",
                      arena_printf(a, "%d", o->actions_overdue), "open",
                      arena_printf(a, "%d", o->actions_open), NULL);
    default:
        if (!o->has_assessment) return tr(l, "ws.hi.assessment.none");
        fmt_number(&b, l, o->assessment_index, 0);
        return tr_str(a, l, "ws.hi.assessment.detail", "index", buf_cstr(&b), NULL);
    }
}

static void health_block(WsPage *p)
{
    Req *r = p->r;
    const WsOverview *o = &p->ov;
    html_printf(
        p->b, "<section id=\"health\" class=\"ws-health\"><h2>%h</h2><p class=\"ws-health-score\">",
        ws_tr(p, "ws.health"));
    if (o->health.has)
        html_printf(p->b, "<strong>%d</strong> / 100 · <span class=\"status-%a\">%h</span>",
                    o->health.score,
                    health_band(&o->health) == HB_GOOD      ? "on-track"
                    : health_band(&o->health) == HB_AT_RISK ? "at-risk"
                                                            : "off-track",
                    ws_tr(p, arena_printf(r->arena, "ws.band.%s",
                                          health_band_name(health_band(&o->health)))));
    else
        html_printf(p->b, "%h", ws_tr(p, "ws.band.none"));
    html_printf(p->b, "</p><p class=\"muted\">%h</p>", ws_tr(p, "ws.health.formula"));
    html_printf(
        p->b,
        "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list ws-inputs\"><caption>%h</caption><thead><tr>"
        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th>"
        "<th scope=\"col\" class=\"num\">%h</th></tr></thead><tbody>",
        ws_tr(p, "ws.health.inputs"), ws_tr(p, "ws.health.input"), ws_tr(p, "ws.health.detail"),
        ws_tr(p, "ws.health.score"), ws_tr(p, "ws.health.weight"));
    BarItem items[HI_COUNT];
    int nitems = 0;
    for (int i = 0; i < HI_COUNT; i++) {
        const char *label = ws_tr(p, arena_printf(r->arena, "ws.hi.%s", kHealthInputNames[i]));
        /* the last assessment: its round's results (assessment pages) */
        const char *href =
            i != HI_ASSESSMENT ? ws_href(p, kInputSection[i])
            : o->has_assessment
                ? arena_printf(r->arena, "/assessment/%lld", (long long)o->assessment_round)
                : arena_printf(r->arena, "%s#hi-assessment", ws_href(p, "overview"));
        html_printf(p->b,
                    "<tr id=\"hi-%a\"><th scope=\"row\"><a href=\"%a\">%h</a></th><td>%h</td><td "
                    "class=\"num\">",
                    kHealthInputNames[i], href, label, input_detail(p, i));
        if (o->health.present[i]) {
            html_printf(p->b, "%d", (int)(o->health.input[i] * 100 + 0.5));
            items[nitems++] =
                (BarItem){.label = label, .value = o->health.input[i] * 100, .href = href};
        } else {
            html_printf(p->b, "<span class=\"muted\">%h</span>", ws_tr(p, "ws.missing"));
        }
        html_printf(p->b, "</td><td class=\"num\">%d</td></tr>", kHealthWeights[i]);
    }
    buf_puts(p->b, "</tbody></table></div>");
    BarChart bc = {
        .base = {.id = "health-inputs", .title = ws_tr(p, "ws.health.inputs"), .lang = r->lang},
        .n = nitems,
        .items = items,
        .min = 0,
        .max = 100};
    chart_bars(p->b, r->arena, &bc);
    buf_puts(p->b, "</section>");
}

static void facts(WsPage *p)
{
    Req *r = p->r;
    const WsOverview *o = &p->ov;
    html_printf(p->b, "<section><h2>%h</h2><dl class=\"facts\">", ws_tr(p, "ws.facts"));
    html_printf(p->b, "<dt>%h</dt><dd>%h</dd>", ws_tr(p, "ws.kam"),
                o->kam_name ? o->kam_name : ws_tr(p, "ws.none"));
    html_printf(p->b, "<dt>%h</dt><dd>%h</dd>", ws_tr(p, "ws.sponsor"),
                o->sponsor_name ? o->sponsor_name : ws_tr(p, "ws.none"));
    html_printf(p->b, "<dt>%h</dt><dd>%h</dd>", ws_tr(p, "ws.quadrant"),
                ws_tr(p, arena_printf(r->arena, "quadrant.%s", pf_quadrant_name(o->quadrant))));
    double v;
    html_printf(p->b, "<dt>%h</dt><dd>", ws_tr(p, "ws.alignment"));
    if (ws_alignment_score(&o->analysis.alignment, &v))
        fmt_percent(p->b, r->lang, v, 0);
    else
        buf_puts(p->b, "—");
    html_printf(p->b, " <a href=\"%a\">%h</a></dd></dl></section>", ws_href(p, "strategy"),
                ws_tr(p, "ws.alignment_map"));
}

static void meetings(WsPage *p)
{
    const WsOverview *o = &p->ov;
    html_printf(p->b, "<section><h2>%h</h2>", ws_tr(p, "ws.next_meetings"));
    if (!o->ncadences) {
        html_printf(
            p->b,
            "<div class=\"empty-state\"><p>%h</p><p><a href=\"%a\">%h</a></p></div></section>",
            ws_tr(p, "ws.next_meetings.empty"), ws_href(p, "management"),
            ws_tr(p, "ws.s.management"));
        return;
    }
    buf_puts(p->b, "<ul class=\"link-list\">");
    for (int i = 0; i < o->ncadences; i++) {
        const WsCadence *c = &o->cadences[i];
        html_printf(p->b, "<li><a href=\"%a#b-cadence\">%h</a> — ", ws_href(p, "management"),
                    c->name);
        fmt_date(p->b, p->r->lang, c->next_due);
        if (c->next_due && strcmp(c->next_due, p->r->ctx.today) < 0)
            html_printf(p->b, " <span class=\"badge badge-bad\">%h</span>", ws_tr(p, "ws.overdue"));
        buf_puts(p->b, "</li>");
    }
    buf_puts(p->b, "</ul></section>");
}

static void escalations(WsPage *p)
{
    const RecordList *l = &p->ov.escalations;
    html_printf(p->b, "<section><h2>%h</h2>", ws_tr(p, "ws.open_escalations"));
    if (!l->n) {
        html_printf(p->b, "<p class=\"muted\">%h</p></section>",
                    ws_tr(p, "ws.open_escalations.none"));
        return;
    }
    buf_puts(p->b, "<ul class=\"link-list\">");
    for (int i = 0; i < l->n; i++) {
        html_printf(p->b,
                    "<li><a "
                    "href=\"/accounts/"
                    "%lld?s=management&amp;edit=escalation-%lld#form-escalation-%lld\">%h</a>",
                    (long long)p->id, (long long)l->items[i].id, (long long)l->items[i].id,
                    record_get(&l->items[i], "title"));
        const char *due = record_get(&l->items[i], "due_on");
        if (due) {
            html_printf(p->b, " — %h ", ws_tr(p, "ws.due"));
            fmt_date(p->b, p->r->lang, due);
        }
        buf_puts(p->b, "</li>");
    }
    buf_puts(p->b, "</ul></section>");
}

static void changes(WsPage *p)
{
    const WsOverview *o = &p->ov;
    Req *r = p->r;
    html_printf(p->b, "<section><h2>%h</h2>", ws_tr(p, "ws.changes"));
    if (!o->last_visit) {
        html_printf(p->b, "<p class=\"muted\">%h</p></section>", ws_tr(p, "ws.changes.first"));
        return;
    }
    html_printf(p->b, "<p>%h</p>",
                tr_str(r->arena, r->lang, "ws.changes.count", "n",
                       arena_printf(r->arena, "%lld", (long long)o->nchanges), NULL));
    if (o->nchanges_listed) {
        buf_puts(p->b, "<ul class=\"link-list\">");
        for (int i = 0; i < o->nchanges_listed; i++) {
            const WsChange *c = &o->changes[i];
            char day[11];
            date_from_days(c->at / 86400, day);
            html_printf(p->b, "<li>");
            fmt_date(p->b, r->lang, day);
            html_printf(p->b, " · %h · %h %h #%lld</li>", c->actor, c->action,
                        tr(r->lang, arena_printf(r->arena, "entity.%s", c->entity)),
                        (long long)c->entity_id);
        }
        buf_puts(p->b, "</ul>");
    }
    buf_puts(p->b, "</section>");
}

void ws_overview_section(WsPage *p)
{
    health_block(p);
    buf_puts(p->b, "<div class=\"grid-2\">");
    facts(p);
    meetings(p);
    escalations(p);
    changes(p);
    buf_puts(p->b, "</div>");
    if (p->can_operate) {
        static const char *const fields[] = {"name",
                                             "legal_name",
                                             "industry",
                                             "country",
                                             "city",
                                             "website",
                                             "employees",
                                             "stage",
                                             "target_stage",
                                             "disintegrating",
                                             "plan_reviewed_on",
                                             "revenue",
                                             "margin",
                                             "potential",
                                             NULL};
        html_printf(p->b, "<section id=\"b-account\"><h2>%h</h2>", ws_tr(p, "ws.edit_account"));
        ws_form(p, p->ov.account->def, p->ov.account, fields, NULL);
        buf_puts(p->b, "</section>");
    }
}
