/* The KAM performance assessment in the browser (FRAMEWORK.md section 3):
 * the rounds and one's own questionnaires (/assessment), a round's results
 * (/assessment/:id: index per level, radar, heatmap of accounts, gaps,
 * importance-performance grid, recommendations with where to work on them),
 * answering one dimension per page with the anchors shown (save and resume),
 * the trend across rounds (/assessment/trend), the results as JSON and as an
 * XLSX workbook (/assessment/:id/results.xlsx). Everything comes from
 * svc/assess.c, which also decides who may see and do what. */
#include "../core/text.h"
#include "../report/report_xlsx.h"
#include "../svc/acl.h"
#include "../svc/assess.h"
#include "../svc/entity.h"
#include "app.h"
#include "chart.h"
#include "page.h"
#include "pages.h"
#include "pages_assess.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(AS_NDIM == 5 && AS_NLEVEL == 3,
               "kAssessDimKeys and kAssessLevelKeys (web/i18n.c) follow AsDim and AsLevel");

static const char *dim_label(Req *r, int d)
{
    return d >= 0 && d < AS_NDIM ? tr(r->lang, kAssessDimKeys[d]) : "";
}

static const char *status_label(Req *r, const char *status)
{
    return tr(r->lang, arena_printf(r->arena, "assess.status.%s", status ? status : "draft"));
}

static void score_cell(Req *r, Buf *b, AsValue v)
{
    if (!v.has) {
        buf_puts(b, "<td class=\"num empty\">—</td>");
        return;
    }
    buf_puts(b, "<td class=\"num\">");
    fmt_number(b, r->lang, v.v, 2);
    buf_puts(b, "</td>");
}

void assess_progress(Req *r, Buf *b, int done, int of)
{
    buf_printf(b, "%d / %d", done, of);
    if (of > 0) {
        buf_puts(b, " (");
        fmt_percent(b, r->lang, (double)done / of, 0);
        buf_puts(b, ")");
    }
}

/* ---- /assessment --------------------------------------------------------- */

static void my_questionnaires(Req *r, Buf *b, const AsRound *rounds, int n)
{
    bool any = false;
    for (int i = 0; i < n; i++) {
        if (!str_eq(rounds[i].status, "open")) continue;
        AsRaterRow *rows;
        int nr;
        if (as_raters(&r->ctx, rounds[i].id, r->ctx.actor.user_id, &rows, &nr)) {
            err_clear(&r->err);
            continue;
        }
        for (int k = 0; k < nr; k++) {
            if (!any)
                html_printf(b, "<section><h2>%h</h2><ul class=\"link-list\">",
                            tr(r->lang, "assess.questionnaire"));
            any = true;
            html_printf(b, "<li><a href=\"/assessment/raters/%lld\">%h — %h</a> ",
                        (long long)rows[k].id, rounds[i].name,
                        rows[k].account_id ? rows[k].account_name : tr(r->lang, "nav.programme"));
            buf_puts(b, "<span class=\"muted\">");
            assess_progress(r, b, rows[k].answered, rows[k].expected);
            html_printf(b, "</span>%r</li>",
                        rows[k].completed_at
                            ? arena_printf(r->arena, " <span class=\"badge\">%s</span>",
                                           tr(r->lang, "assess.complete"))
                            : "");
        }
    }
    if (any) buf_puts(b, "</ul></section>");
}

/* The round's scope: no account chosen is the programme and every key
 * account; otherwise the programme and the chosen ones. A multiple select
 * works without JavaScript (Ctrl/Cmd-click); what was chosen stays chosen
 * after an error. */
static void scope_field(Req *r, Buf *b, bool bad)
{
    const EntityDef *acc = entity_find("account");
    ListQuery q = {.limit = LIST_MAX_LIMIT, .sort = "name", .nfilter = 1};
    q.filter[0].field = "status";
    q.filter[0].value = "key";
    RecordList list = {0};
    if (ent_list(&r->ctx, acc, &q, &list)) {
        err_clear(&r->err);
        return;
    }
    html_printf(
        b,
        "<div class=\"field%r\"><label for=\"f-accounts\">%h</label><select id=\"f-accounts\" "
        "name=\"account\" multiple size=\"8\" aria-describedby=\"f-accounts-hint%r\">",
        bad ? " has-error" : "", tr(r->lang, "assess.round.scope"), bad ? " f-accounts-err" : "");
    for (int i = 0; i < list.n; i++) {
        const char *id = arena_printf(r->arena, "%lld", (long long)list.items[i].id);
        bool chosen = false;
        for (int k = 0; k < r->nform; k++)
            if (str_eq(r->form[k].name, "account") && str_eq(r->form[k].value, id)) chosen = true;
        html_printf(b, "<option value=\"%a\"%r>%h</option>", id, chosen ? " selected" : "",
                    record_get(&list.items[i], "name"));
    }
    html_printf(b, "</select><p class=\"hint\" id=\"f-accounts-hint\">%h</p>",
                tr(r->lang, "assess.round.scope.hint"));
    if (bad) html_printf(b, "<p class=\"field-error\" id=\"f-accounts-err\">%h</p>", r->err.msg);
    buf_puts(b, "</div>");
}

static void round_form(Req *r, Buf *b)
{
    Role role = r->ctx.actor.role;
    if (role != ROLE_ADMIN && role != ROLE_EXECUTIVE) return;
    html_printf(b,
                "<section><h2>%h</h2><form method=\"post\" action=\"/assessment\" class=\"record\" "
                "novalidate>",
                tr(r->lang, "assess.round.new"));
    form_csrf(r, b);
    const char *ef = r->err.code ? r->err.field : "";
    if (r->err.code && !str_eq(ef, "name") && !str_eq(ef, "deadline") && !str_eq(ef, "accounts"))
        html_printf(b, "<p class=\"form-error\" role=\"alert\">%h</p>", r->err.msg);
    const char *fields[] = {"name", "deadline"};
    const char *keys[] = {"assess.round.name", "assess.round.deadline"};
    for (int i = 0; i < 2; i++) {
        bool bad = r->err.code && str_eq(ef, fields[i]);
        html_printf(b,
                    "<div class=\"field%r\"><label for=\"f-%a\">%h</label><input type=\"%r\" "
                    "id=\"f-%a\" name=\"%a\" value=\"%a\"%r>",
                    bad ? " has-error" : "", fields[i], tr(r->lang, keys[i]), i ? "date" : "text",
                    fields[i], fields[i], req_form(r, fields[i]) ? req_form(r, fields[i]) : "",
                    bad ? arena_printf(r->arena,
                                       " aria-invalid=\"true\" aria-describedby=\"f-%s-err\"",
                                       fields[i])
                        : "");
        if (bad)
            html_printf(b, "<p class=\"field-error\" id=\"f-%a-err\">%h</p>", fields[i],
                        r->err.msg);
        buf_puts(b, "</div>");
    }
    scope_field(r, b, str_eq(ef, "accounts"));
    html_printf(b,
                "<div class=\"actions\"><button type=\"submit\" "
                "class=\"primary\">%h</button></div></form></section>",
                tr(r->lang, "assess.round.new"));
}

static void rounds_page(Req *r, Resp *w, int status)
{
    AsRound *rounds = NULL;
    int n = 0;
    if (as_round_list(&r->ctx, &rounds, &n)) {
        page_err(r, w);
        return;
    }
    Crumb crumbs[] = {{tr(r->lang, "assess.title"), NULL}};
    Buf *b = page_begin(r, w, NAV_ASSESSMENT, tr(r->lang, "assess.title"), crumbs, 1);
    if (status) w->status = status;
    html_printf(b, "<h1>%h</h1><p class=\"lead\">%h</p>", tr(r->lang, "assess.title"),
                tr(r->lang, "assess.intro"));
    my_questionnaires(r, b, rounds, n);
    html_printf(b, "<section><h2>%h</h2>", tr(r->lang, "assess.rounds"));
    if (!n) {
        html_printf(b, "<p class=\"empty-state\">%h</p>", tr(r->lang, "assess.empty"));
    } else {
        html_printf(b,
                    "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%h</th><th "
                    "scope=\"col\">%h</th>"
                    "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\" "
                    "class=\"num\">%h</th>"
                    "<th scope=\"col\">%h</th></tr></thead><tbody>",
                    tr(r->lang, "assess.round.name"), tr(r->lang, "field.status"),
                    tr(r->lang, "assess.round.opens"), tr(r->lang, "assess.round.deadline"),
                    tr(r->lang, "assess.round.progress"), tr(r->lang, "assess.round.catalogue"));
        for (int i = 0; i < n; i++) {
            const AsRound *x = &rounds[i];
            bool overdue = str_eq(x->status, "open") && strcmp(x->deadline, r->ctx.today) < 0;
            html_printf(b,
                        "<tr><th scope=\"row\"><a href=\"/assessment/%lld\">%h</a></th><td><span "
                        "class=\"badge "
                        "enum-status-%a\">%h</span></td><td>%h</td><td>%h%r</td><td class=\"num\">",
                        (long long)x->id, x->name, x->status, status_label(r, x->status),
                        x->opens_on, x->deadline,
                        overdue ? arena_printf(r->arena, " <span class=\"badge warning\">%s</span>",
                                               tr(r->lang, "assess.round.overdue"))
                                : "");
            assess_progress(r, b, x->answered, x->expected);
            html_printf(b, "</td><td>%h</td></tr>", x->catalogue_version);
        }
        buf_puts(b, "</tbody></table></div>");
        if (r->ctx.actor.role != ROLE_GUEST)
            html_printf(b, "<p><a href=\"/assessment/trend\">%h</a></p>",
                        tr(r->lang, "assess.trendpage.link"));
    }
    buf_puts(b, "</section>");
    round_form(r, b);
    page_end(r, w);
}

void page_assessment(Req *r, Resp *w)
{
    rounds_page(r, w, 0);
}

void page_assessment_create(Req *r, Resp *w)
{
    const char *name = req_form(r, "name"), *deadline = req_form(r, "deadline");
    AsRoundNew n = {.name = name && *name ? name : NULL,
                    .deadline = deadline && *deadline ? deadline : NULL};
    /* the chosen accounts (several "account" fields); none: every key account */
    int64_t *accounts = ARENA_ARRAY(r->arena, int64_t, r->nform + 1);
    for (int k = 0; k < r->nform; k++) {
        if (!str_eq(r->form[k].name, "account")) continue;
        int64_t a = 0;
        if (!parse_int64(r->form[k].value, &a) || a <= 0) {
            err_field(&r->err, KAM_EINPUT, "accounts", "account: \"%s\" is not an account id",
                      r->form[k].value);
            rounds_page(r, w, 422);
            return;
        }
        accounts[n.naccounts++] = a;
    }
    n.accounts = accounts;
    int64_t id;
    int added;
    if (as_round_create(&r->ctx, &n, &id) || as_invite_defaults(&r->ctx, id, &added)) {
        if (r->err.code == KAM_ENOTFOUND && str_eq(r->err.field, "accounts"))
            r->err.code = KAM_EINPUT;
        if (r->err.code == KAM_EINPUT) {
            rounds_page(r, w, 422);
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.created");
    resp_redirect(r, w, arena_printf(r->arena, "/assessment/%lld", (long long)id));
}

void page_assessment_status(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    const char *to = req_form(r, "status");
    if (!str_eq(to, "open") && !str_eq(to, "closed")) {
        page_error(r, w, 400, NULL);
        return;
    }
    if (as_round_set_status(&r->ctx, id, to)) {
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.saved");
    resp_redirect(r, w, arena_printf(r->arena, "/assessment/%lld", (long long)id));
}

/* ---- /assessment/:id: results -------------------------------------------- */

static void level_tiles(Req *r, Buf *b, const AsResult *res)
{
    buf_puts(b, "<div class=\"tiles\">");
    for (int l = 0; l < AS_NLEVEL; l++) {
        const AsLevelScore *s = &res->level[l];
        html_printf(b, "<div class=\"tile\"><p class=\"tile-label\">%h</p><p class=\"tile-value\">",
                    tr(r->lang, kAssessLevelKeys[l]));
        if (s->mean.has)
            fmt_number(b, r->lang, s->index, 0);
        else
            buf_puts(b, "—");
        html_printf(b, "</p><p class=\"tile-note\">%h: ", tr(r->lang, "assess.coverage"));
        fmt_percent(b, r->lang, s->coverage, 0);
        if (s->weakest >= 0)
            html_printf(b, "<br>%h: %h", tr(r->lang, "assess.weakest"), dim_label(r, s->weakest));
        buf_puts(b, "</p></div>");
    }
    buf_puts(b, "</div>");
}

static void radar(Req *r, Buf *b, const AsResult *res)
{
    const char *axes[AS_NDIM];
    for (int d = 0; d < AS_NDIM; d++) axes[d] = dim_label(r, d);
    ChartSeries series[AS_NLEVEL];
    double *vals = ARENA_ARRAY(r->arena, double, AS_NLEVEL *AS_NDIM);
    int ns = 0;
    for (int l = 0; l < AS_NLEVEL; l++) {
        if (!res->level[l].mean.has) continue;
        for (int d = 0; d < AS_NDIM; d++)
            vals[ns * AS_NDIM + d] = res->level[l].dim[d].has ? res->level[l].dim[d].v : NAN;
        series[ns] = (ChartSeries){tr(r->lang, kAssessLevelKeys[l]), &vals[ns * AS_NDIM], NULL};
        ns++;
    }
    RadarChart c = {.base = {.id = "as-radar",
                             .title = tr(r->lang, "assess.results"),
                             .lang = r->lang,
                             .fmt = {CHART_NUMBER, 2, NULL}},
                    .naxes = AS_NDIM,
                    .axes = axes,
                    .nseries = ns,
                    .series = series,
                    .min = 1,
                    .max = 5};
    chart_radar(b, r->arena, &c);
}

static void corp_op_table(Req *r, Buf *b, const AsResult *res)
{
    html_printf(b,
                "<h2>%h</h2><div class=\"table-wrap\"><table><thead><tr><th "
                "scope=\"col\">%h</th><th scope=\"col\" "
                "class=\"num\">%h</th><th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" "
                "class=\"num\">Δ</th>"
                "</tr></thead><tbody>",
                tr(r->lang, "assess.gap.corp_op"), tr(r->lang, "xlsx.col.dimension"),
                tr(r->lang, "level.corporate"), tr(r->lang, "level.operational"));
    for (int d = 0; d < AS_NDIM; d++) {
        const AsCorpOpGap *g = &res->corp_op[d];
        html_printf(b, "<tr%r><th scope=\"row\">%h</th>", g->flagged ? " class=\"flagged\"" : "",
                    dim_label(r, d));
        score_cell(r, b, g->corporate);
        score_cell(r, b, g->operational);
        score_cell(r, b, (AsValue){g->has, g->delta});
        buf_puts(b, "</tr>");
    }
    html_printf(b, "</tbody></table></div><p class=\"hint\">%h</p>",
                tr(r->lang, "assess.gap.flagged"));
}

/* Accounts × dimensions at the operational level, each row to that account's results. */
static void heatmap(Req *r, Buf *b, const AsReport *rep)
{
    const AsResult *res = &rep->res;
    int nr = 0;
    const char **rows = ARENA_ARRAY(r->arena, const char *, res->nsubjects);
    const char **row_hrefs = ARENA_ARRAY(r->arena, const char *, res->nsubjects);
    double *vals = ARENA_ARRAY(r->arena, double, res->nsubjects *AS_NDIM);
    for (int s = 0; s < res->nsubjects; s++) {
        const AsSubject *sub = &res->subject[s];
        if (!sub->account_id || !sub->level[AS_OPERATIONAL].mean.has) continue;
        rows[nr] = rep->subject_name[s];
        row_hrefs[nr] = arena_printf(r->arena, "/assessment/%lld?account=%lld",
                                     (long long)rep->round.id, (long long)sub->account_id);
        for (int d = 0; d < AS_NDIM; d++) {
            AsValue v = sub->level[AS_OPERATIONAL].dim[d];
            vals[nr * AS_NDIM + d] = v.has ? v.v : NAN;
        }
        nr++;
    }
    if (!nr) return;
    const char *cols[AS_NDIM];
    for (int d = 0; d < AS_NDIM; d++) cols[d] = dim_label(r, d);
    static const double bounds[] = {2, 2.75, 3.5, 4.25};
    HeatmapChart c = {.base = {.id = "as-heat",
                               .title = tr(r->lang, "level.operational"),
                               .lang = r->lang,
                               .fmt = {CHART_NUMBER, 1, NULL}},
                      .nrows = nr,
                      .ncols = AS_NDIM,
                      .rows = rows,
                      .cols = cols,
                      .values = vals,
                      .row_hrefs = row_hrefs,
                      .nbounds = 4,
                      .bounds = bounds,
                      .min = 1,
                      .max = 5};
    html_printf(b, "<h2>%h</h2>", tr(r->lang, "level.operational"));
    chart_heatmap(b, r->arena, &c);
}

/* Importance (y) against performance (x) per item, the four quadrants split at 3. */
static void ip_grid(Req *r, Buf *b, const AsReport *rep)
{
    const AsResult *res = &rep->res;
    Bubble *items = ARENA_ARRAY(r->arena, Bubble, res->nitems);
    int n = 0;
    for (int i = 0; i < res->nitems; i++) {
        const AsIp *ip = &res->ip[i];
        if (!ip->importance.has || !ip->performance.has) continue;
        items[n++] = (Bubble){.label = rep->cat.items[i].code,
                              .x = ip->performance.v,
                              .y = ip->importance.v,
                              .size = 1,
                              .cls = ip->quadrant == AS_Q_CONCENTRATE ? "series-2" : "series-1"};
    }
    if (!n) return;
    BubbleChart c = {.base = {.id = "as-ip",
                              .title = tr(r->lang, "assess.ip"),
                              .lang = r->lang,
                              .fmt = {CHART_NUMBER, 2, NULL}},
                     .n = n,
                     .items = items,
                     .x_label = tr(r->lang, "assess.score"),
                     .y_label = tr(r->lang, "assess.importance"),
                     .size_label = "",
                     .x_min = 1,
                     .x_max = 5,
                     .y_min = 1,
                     .y_max = 5,
                     .has_thresholds = true,
                     .x_threshold = AS_IP_MID,
                     .y_threshold = AS_IP_MID,
                     .quadrant_label = {tr(r->lang, "assess.quadrant.concentrate_here"),
                                        tr(r->lang, "assess.quadrant.keep_up"),
                                        tr(r->lang, "assess.quadrant.low_priority"),
                                        tr(r->lang, "assess.quadrant.possible_overkill")},
                     .quadrant_cls = {"quadrant-concentrate", "quadrant-keep", "quadrant-low",
                                      "quadrant-overkill"}};
    html_printf(b, "<h2>%h</h2>", tr(r->lang, "assess.ip"));
    chart_bubble(b, r->arena, &c);
}

static void recommendations(Req *r, Buf *b, const AsReport *rep)
{
    html_printf(b, "<h2>%h</h2>", tr(r->lang, "assess.recommendations"));
    if (!rep->res.nrec) {
        html_printf(b, "<p class=\"empty-state\">%h</p>", tr(r->lang, "assess.empty"));
        return;
    }
    buf_puts(b, "<ol class=\"recommendations\">");
    for (int i = 0; i < rep->res.nrec; i++) {
        const AsRec *x = &rep->res.rec[i];
        char link[160];
        as_link(x->account_id, x->dim, link, sizeof link);
        html_printf(b,
                    "<li><p><strong>%h</strong></p><p class=\"muted\">%h</p><p><a "
                    "href=\"%a\">%h</a></p></li>",
                    as_rec_text(&r->ctx, rep, x), as_rec_why(&r->ctx, rep, x), link,
                    tr(r->lang, "assess.rec.work_on_it"));
    }
    buf_puts(b, "</ol>");
}

static void raters_table(Req *r, Buf *b, int64_t round_id)
{
    AsRaterRow *rows;
    int n;
    if (as_raters(&r->ctx, round_id, 0, &rows, &n)) {
        err_clear(&r->err);
        return;
    }
    if (!n) return;
    html_printf(
        b,
        "<h2>%h</h2><p><a href=\"/assessment/%lld/raters\">%h</a></p>"
        "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">"
        "%h</th><th scope=\"col\">%h</th><th scope=\"col\" "
        "class=\"num\">%h</th></tr></thead><tbody>",
        tr(r->lang, "assess.raters"), (long long)round_id, tr(r->lang, "assess.raters.manage"),
        tr(r->lang, "assess.rater"), tr(r->lang, "field.role"), tr(r->lang, "entity.account"),
        tr(r->lang, "assess.raters.answered"));
    for (int i = 0; i < n; i++) {
        html_printf(b, "<tr><th scope=\"row\">%h</th><td>%h</td><td>%h</td><td class=\"num\">",
                    rows[i].login,
                    tr(r->lang, arena_printf(r->arena, "assess.role.%s", rows[i].role)),
                    rows[i].account_id ? rows[i].account_name : tr(r->lang, "nav.programme"));
        assess_progress(r, b, rows[i].answered, rows[i].expected);
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table></div>");
}

static void status_actions(Req *r, Buf *b, const AsRound *x)
{
    Role role = r->ctx.actor.role;
    if (role != ROLE_ADMIN && role != ROLE_EXECUTIVE) return;
    const char *to = str_eq(x->status, "open") ? "closed" : "open";
    html_printf(b, "<form method=\"post\" action=\"/assessment/%lld/status\" class=\"inline\">",
                (long long)x->id);
    form_csrf(r, b);
    html_printf(b,
                "<input type=\"hidden\" name=\"status\" value=\"%a\"><button "
                "type=\"submit\">%h</button></form>",
                to, tr(r->lang, str_eq(to, "open") ? "assess.round.open" : "assess.round.close"));
}

/* "?account=A&lang=L" (or "?lang=L"): the filter and language of the page. */
static const char *scope_query(Req *r, int64_t account)
{
    if (account)
        return arena_printf(r->arena, "?account=%lld&lang=%s", (long long)account,
                            lang_code(r->lang));
    return arena_printf(r->arena, "?lang=%s", lang_code(r->lang));
}

/* The round's report (PDF, HTML: pages_report.c) and XLSX export for the
 * same account filter and in the page's language, and the trend page. */
static void downloads(Req *r, Buf *b, int64_t id, int64_t account)
{
    static const struct {
        const char *file, *key, *type;
    } kFiles[] = {
        {"report.pdf", "assess.download.pdf", "application/pdf"},
        {"report.html", "assess.download.html", "text/html"},
        {"results.xlsx", "assess.download.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    };
    const char *q = scope_query(r, account);
    html_printf(b, "<p class=\"downloads\" id=\"downloads\"><strong>%h</strong> ",
                tr(r->lang, "assess.download.title"));
    if (account)
        html_printf(b, "<span class=\"muted\">(%h)</span> ",
                    tr(r->lang, "assess.download.scope_account"));
    for (size_t i = 0; i < sizeof kFiles / sizeof kFiles[0]; i++)
        html_printf(b, "%r<a href=\"/assessment/%lld/%a%a\" type=\"%a\">%h</a>", i ? " · " : "",
                    (long long)id, kFiles[i].file, q, kFiles[i].type, tr(r->lang, kFiles[i].key));
    html_printf(b, " · <a href=\"/assessment/trend%a\">%h</a></p>",
                account ? arena_printf(r->arena, "?account=%lld", (long long)account) : "",
                tr(r->lang, "assess.trendpage.link"));
}

/* Someone who may not see a whole round (a KAM) gets the results of the
 * accounts they rated in it. */
static void own_accounts_page(Req *r, Resp *w, int64_t id)
{
    err_clear(&r->err);
    AsRound x;
    AsRaterRow *rows;
    int n;
    if (as_round_get(&r->ctx, id, &x) || as_raters(&r->ctx, id, r->ctx.actor.user_id, &rows, &n)) {
        page_err(r, w);
        return;
    }
    Crumb crumbs[] = {{tr(r->lang, "assess.title"), "/assessment"}, {x.name, NULL}};
    Buf *b = page_begin(r, w, NAV_ASSESSMENT, x.name, crumbs, 2);
    html_printf(b, "<h1>%h</h1><p class=\"lead\">%h</p><ul class=\"link-list\">", x.name,
                tr(r->lang, "assess.own_accounts"));
    for (int i = 0; i < n; i++)
        if (rows[i].account_id)
            html_printf(b, "<li><a href=\"/assessment/%lld?account=%lld\">%h</a></li>",
                        (long long)id, (long long)rows[i].account_id, rows[i].account_name);
    buf_puts(b, "</ul>");
    page_end(r, w);
}

void page_assessment_round(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0), account = 0;
    const char *acc = req_query(r, "account");
    if (acc && *acc && (!parse_int64(acc, &account) || account < 0)) {
        page_error(r, w, 400, NULL);
        return;
    }
    AsReport *rep = ARENA_NEW(r->arena, AsReport);
    if (as_results(&r->ctx, id, account, rep)) {
        if (r->err.code == KAM_EFORBIDDEN && !account && r->ctx.actor.role != ROLE_GUEST) {
            own_accounts_page(r, w, id);
            return;
        }
        page_err(r, w);
        return;
    }
    const AsRound *x = &rep->round;
    Crumb crumbs[] = {{tr(r->lang, "assess.title"), "/assessment"}, {x->name, NULL}};
    Buf *b = page_begin(r, w, NAV_ASSESSMENT, x->name, crumbs, 2);
    html_printf(b,
                "<h1>%h</h1><p class=\"lead\"><span class=\"badge\">%h</span> %h → %h · %h %h</p>",
                x->name, status_label(r, x->status), x->opens_on, x->deadline,
                tr(r->lang, "assess.round.catalogue"), x->catalogue_version);
    status_actions(r, b, x);
    if (account) {
        for (int s = 0; s < rep->res.nsubjects; s++)
            if (rep->res.subject[s].account_id == account)
                html_printf(b,
                            "<p><a href=\"/accounts/%lld\">%h</a> · <a "
                            "href=\"/assessment/%lld\">%h</a></p>",
                            (long long)account, rep->subject_name[s], (long long)id,
                            tr(r->lang, "common.all"));
    }
    downloads(r, b, id, account);
    level_tiles(r, b, &rep->res);
    buf_puts(b, "<div class=\"grid-2\"><div>");
    radar(r, b, &rep->res);
    buf_puts(b, "</div><div>");
    corp_op_table(r, b, &rep->res);
    buf_puts(b, "</div></div>");
    assess_rater_gaps(r, b, rep);
    recommendations(r, b, rep);
    if (!account) heatmap(r, b, rep);
    ip_grid(r, b, rep);
    assess_evidence(r, b, rep);
    assess_spread(r, b, rep);
    raters_table(r, b, id);
    page_end(r, w);
}

/* ---- answering: one dimension per page ----------------------------------- */

static int dim_param(Req *r)
{
    const char *s = req_param(r, "dim");
    int64_t d = 0;
    if (s && parse_int64(s, &d) && d >= 0 && d < AS_NDIM) return (int)d;
    return 0;
}

static void question(Req *r, Buf *b, const AsQuestion *q, int k)
{
    const AsCatItem *it = q->item;
    bool it_lang = r->lang == LANG_IT;
    html_printf(b, "<fieldset class=\"question\"><legend>%h</legend><div class=\"anchors\">",
                it_lang ? it->text_it : it->text_en);
    for (int s = 1; s <= 5; s++) {
        html_printf(b,
                    "<label class=\"anchor\"><input type=\"radio\" name=\"s%d\" value=\"%d\"%r> "
                    "<strong>%d</strong> "
                    "%h</label>",
                    k, s, q->answered && !q->na && q->score == s ? " checked" : "", s,
                    it_lang ? it->anchors_it[s - 1] : it->anchors_en[s - 1]);
    }
    html_printf(b,
                "<label class=\"anchor\"><input type=\"radio\" name=\"s%d\" value=\"na\"%r> "
                "%h</label></div>",
                k, q->answered && q->na ? " checked" : "", tr(r->lang, "assess.na"));
    html_printf(b, "<input type=\"hidden\" name=\"i%d\" value=\"%a\">", k, it->code);
    html_printf(b,
                "<div class=\"field\"><label for=\"imp%d\">%h</label><select id=\"imp%d\" "
                "name=\"m%d\"><option value=\"\">—</option>",
                k, tr(r->lang, "assess.importance"), k, k);
    for (int m = 1; m <= 5; m++)
        html_printf(b, "<option value=\"%d\"%r>%d</option>", m,
                    q->importance == m ? " selected" : "", m);
    html_printf(b,
                "</select></div><div class=\"field\"><label for=\"c%d\">%h</label><textarea "
                "id=\"c%d\" name=\"c%d\" "
                "rows=\"2\">%h</textarea></div></fieldset>",
                k, tr(r->lang, "assess.comment"), k, k, q->comment ? q->comment : "");
}

void page_assessment_answer(Req *r, Resp *w)
{
    int64_t rid = route_id(r, 0);
    int dim = dim_param(r);
    AsRaterRow rater;
    AsCatalogue cat;
    AsQuestion *q;
    int n;
    if (as_questionnaire(&r->ctx, rid, &rater, &cat, &q, &n)) {
        page_err(r, w);
        return;
    }
    Crumb crumbs[] = {{tr(r->lang, "assess.title"), "/assessment"},
                      {tr(r->lang, "assess.questionnaire"), NULL}};
    Buf *b = page_begin(r, w, NAV_ASSESSMENT, tr(r->lang, "assess.questionnaire"), crumbs, 2);
    html_printf(b, "<h1>%h — %h</h1><p class=\"lead\">%h · ", tr(r->lang, "assess.questionnaire"),
                rater.account_id ? rater.account_name : tr(r->lang, "nav.programme"),
                tr(r->lang, arena_printf(r->arena, "assess.role.%s", rater.role)));
    assess_progress(r, b, rater.answered, rater.expected);
    html_printf(b, "</p><nav class=\"ws-tabs\" aria-label=\"%a\"><ul>",
                tr(r->lang, "assess.questionnaire"));
    for (int d = 0; d < AS_NDIM; d++)
        html_printf(b, "<li><a href=\"/assessment/raters/%lld?dim=%d\"%r>%h</a></li>",
                    (long long)rid, d, d == dim ? " aria-current=\"page\"" : "", dim_label(r, d));
    html_printf(b, "</ul></nav><h2>%h</h2><p class=\"hint\">%h</p>", dim_label(r, dim),
                tr(r->lang, "assess.importance.help"));
    html_printf(b,
                "<form method=\"post\" action=\"/assessment/raters/%lld\" class=\"questionnaire\">",
                (long long)rid);
    form_csrf(r, b);
    html_printf(b, "<input type=\"hidden\" name=\"dim\" value=\"%d\">", dim);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (q[i].item->dim == dim) question(r, b, &q[i], k++);
    if (!k) html_printf(b, "<p class=\"empty-state\">%h</p>", tr(r->lang, "assess.empty"));
    html_printf(b,
                "<div class=\"actions\"><button type=\"submit\" name=\"go\" value=\"next\" "
                "class=\"primary\">%h</button>"
                "<button type=\"submit\" name=\"go\" value=\"quit\">%h</button></div></form>",
                tr(r->lang, "assess.save_continue"), tr(r->lang, "assess.save_quit"));
    page_end(r, w);
}

void page_assessment_answer_post(Req *r, Resp *w)
{
    int64_t rid = route_id(r, 0);
    int dim = dim_param(r);
    for (int k = 0; k < 64; k++) {
        const char *code = req_form(r, arena_printf(r->arena, "i%d", k));
        if (!code) break;
        const char *score = req_form(r, arena_printf(r->arena, "s%d", k));
        if (!score || !*score) continue; /* not answered yet: left for later */
        if (as_answer_save(&r->ctx, rid, code, score, req_form(r, arena_printf(r->arena, "m%d", k)),
                           req_form(r, arena_printf(r->arena, "c%d", k)))) {
            page_err(r, w);
            return;
        }
    }
    bool complete = false;
    if (as_rater_finish(&r->ctx, rid, &complete)) {
        page_err(r, w);
        return;
    }
    bool quit = str_eq(req_form(r, "go"), "quit") || dim == AS_NDIM - 1;
    /* flash keys must be flash.*: page.c shows no other */
    resp_flash(r, w, complete ? "flash.assess_complete" : "flash.saved");
    resp_redirect(
        r, w,
        quit ? "/assessment"
             : arena_printf(r->arena, "/assessment/raters/%lld?dim=%d", (long long)rid, dim + 1));
}

/* GET /api/v1/assessment/rounds/:id/results[?account=ID] */
void api_assessment_results(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0), account = 0;
    const char *acc = req_query(r, "account");
    if (acc && *acc && (!parse_int64(acc, &account) || account < 0)) {
        err_field(&r->err, KAM_EINPUT, "account", "account: \"%s\" is not an account id", acc);
        page_err(r, w);
        return;
    }
    AsReport *rep = ARENA_NEW(r->arena, AsReport);
    if (as_results(&r->ctx, id, account, rep)) {
        page_err(r, w);
        return;
    }
    json_t *j = as_report_json(&r->ctx, rep);
    /* 15 significant digits, as `kam assess results --json` writes them */
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER |
                                JSON_REAL_PRECISION(15));
    json_decref(j);
    w->content_type = "application/json";
    resp_header(w, "Cache-Control", "no-store");
    buf_puts(&w->body, s ? s : "null");
    buf_putc(&w->body, '\n');
    free(s);
}

/* ---- downloads and the trend --------------------------------------------- */

/* ?account= of an assessment URL into *account (0 when absent); false after
 * answering 400 when it is not an account id. */
static bool account_param(Req *r, Resp *w, int64_t *account)
{
    *account = 0;
    const char *acc = req_query(r, "account");
    if (acc && *acc && (!parse_int64(acc, account) || *account < 0)) {
        page_error(r, w, 400, arena_printf(r->arena, "account: \"%s\" is not an account id", acc));
        return false;
    }
    return true;
}

/* "https://HOST" from the request, for the workbook's links; NULL when the
 * Host header is missing or holds anything but a host name and port. */
static const char *base_url(Req *r)
{
    const char *h = r->header ? r->header(r, "Host") : NULL;
    if (!h || !*h || strlen(h) > 255) return NULL;
    for (const char *p = h; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr(".-:[]", *p)) return NULL;
    return arena_printf(r->arena, "%s://%s", r->tls ? "https" : "http", h);
}

/* GET /assessment/:id/results.xlsx[?account=ID][&lang=it|en] */
void page_assessment_xlsx(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0), account;
    if (!account_param(r, w, &account)) return;
    const char *lang = req_query(r, "lang");
    if (lang && *lang && !str_eq(lang, "it") && !str_eq(lang, "en")) {
        page_error(r, w, 400, arena_printf(r->arena, "lang: it or en, not \"%s\"", lang));
        return;
    }
    if (!id) {
        page_error(r, w, 404, NULL);
        return;
    }
    XlsxOpts o = {.lang = lang && *lang ? lang_parse(lang, r->lang) : r->lang,
                  .round_id = id,
                  .account_id = account,
                  .base_url = base_url(r)};
    Buf x;
    buf_init(&x, r->arena);
    if (report_xlsx_buf(&r->ctx, &o, &x)) {
        page_err(r, w);
        return;
    }
    w->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp_header(
        w, "Content-Disposition",
        arena_printf(r->arena, "attachment; filename=\"%s\"", report_xlsx_filename(r->arena, &o)));
    resp_header(w, "Cache-Control", "private, no-store");
    resp_header(w, "X-Content-Type-Options", "nosniff");
    buf_put(&w->body, x.data, x.len);
}

typedef struct TrendAccount {
    int64_t id;
    const char *name;
} TrendAccount;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const TrendAccount *)a)->name, ((const TrendAccount *)b)->name);
}

/* The accounts of the rounds the actor sees that they may also read, by
 * name: the choices of the trend page's filter. */
static void trend_accounts(Req *r, TrendAccount **out, int *n)
{
    *out = NULL;
    *n = 0;
    AsRound *rounds;
    int nr, cap = 0;
    if (as_round_list(&r->ctx, &rounds, &nr)) {
        err_clear(&r->err);
        return;
    }
    for (int i = 0; i < nr; i++) cap += rounds[i].naccounts;
    *out = ARENA_ARRAY(r->arena, TrendAccount, cap + 1);
    const EntityDef *def = entity_find("account");
    for (int i = 0; i < nr; i++)
        for (int k = 0; k < rounds[i].naccounts; k++) {
            int64_t a = rounds[i].accounts[k];
            bool seen = false;
            for (int j = 0; j < *n && !seen; j++) seen = (*out)[j].id == a;
            unsigned rights = 0;
            Record *rec;
            if (seen || acl_account_rights(&r->ctx, a, &rights) || !(rights & AR_READ) ||
                ent_get(&r->ctx, def, a, &rec)) {
                err_clear(&r->err);
                continue;
            }
            const char *name = record_get(rec, "name");
            (*out)[(*n)++] = (TrendAccount){a, name ? name : ""};
        }
    qsort(*out, (size_t)*n, sizeof **out, by_name);
}

static void trend_filter(Req *r, Buf *b, const TrendAccount *acc, int n, int64_t account,
                         bool whole)
{
    html_printf(b,
                "<form method=\"get\" action=\"/assessment/trend\" class=\"filters\" "
                "aria-label=\"%a\"><div class=\"field\"><label for=\"f-account\">%h</label>"
                "<select id=\"f-account\" name=\"account\">",
                tr(r->lang, "assess.trendpage.account"), tr(r->lang, "assess.trendpage.account"));
    if (whole)
        html_printf(b, "<option value=\"\"%r>%h</option>", account ? "" : " selected",
                    tr(r->lang, "assess.trendpage.whole"));
    for (int i = 0; i < n; i++)
        html_printf(b, "<option value=\"%lld\"%r>%h</option>", (long long)acc[i].id,
                    acc[i].id == account ? " selected" : "", acc[i].name);
    html_printf(b, "</select></div><button type=\"submit\">%h</button></form>",
                tr(r->lang, "assess.trendpage.show"));
}

/* The x axis of the trend charts: the rounds' names. */
static const char **round_labels(Req *r, const AsTrendRow *rows, int n)
{
    const char **x = ARENA_ARRAY(r->arena, const char *, n + 1);
    for (int i = 0; i < n; i++) x[i] = rows[i].name;
    return x;
}

/* The index of each level over the rounds: one line per level. */
static void trend_index_chart(Req *r, Buf *b, const AsTrendRow *rows, int n)
{
    double *v = ARENA_ARRAY(r->arena, double, AS_NLEVEL *n + 1);
    ChartSeries s[AS_NLEVEL];
    for (int l = 0; l < AS_NLEVEL; l++) {
        for (int i = 0; i < n; i++)
            v[l * n + i] = rows[i].level[l].mean.has ? rows[i].level[l].index : NAN;
        s[l] = (ChartSeries){tr(r->lang, kAssessLevelKeys[l]), &v[l * n], NULL};
    }
    LineChart c = {.base = {.id = "trend-index",
                            .title = tr(r->lang, "assess.trendpage.index"),
                            .lang = r->lang,
                            .fmt = {CHART_NUMBER, 0, NULL}},
                   .n = n,
                   .xlabels = round_labels(r, rows, n),
                   .nseries = AS_NLEVEL,
                   .series = s,
                   .min = 0,
                   .max = 100};
    html_printf(b, "<h2>%h</h2>", tr(r->lang, "assess.trendpage.index"));
    chart_line(b, r->arena, &c);
}

/* Small multiples: per level, one line per dimension over the rounds. */
static void trend_level_charts(Req *r, Buf *b, const AsTrendRow *rows, int n)
{
    const char **x = round_labels(r, rows, n);
    buf_puts(b, "<div class=\"grid-3\">");
    for (int l = 0; l < AS_NLEVEL; l++) {
        double *v = ARENA_ARRAY(r->arena, double, AS_NDIM *n + 1);
        ChartSeries s[AS_NDIM];
        for (int d = 0; d < AS_NDIM; d++) {
            for (int i = 0; i < n; i++)
                v[d * n + i] = rows[i].level[l].dim[d].has ? rows[i].level[l].dim[d].v : NAN;
            s[d] = (ChartSeries){dim_label(r, d), &v[d * n], NULL};
        }
        const char *title = tr_str(r->arena, r->lang, "assess.trendpage.level", "level",
                                   tr(r->lang, kAssessLevelKeys[l]), NULL);
        LineChart c = {.base = {.id = arena_printf(r->arena, "trend-level-%d", l),
                                .title = title,
                                .lang = r->lang,
                                .fmt = {CHART_NUMBER, 2, NULL}},
                       .n = n,
                       .xlabels = x,
                       .nseries = AS_NDIM,
                       .series = s,
                       .min = 1,
                       .max = 5};
        html_printf(b, "<section><h3>%h</h3>", title);
        chart_line(b, r->arena, &c);
        buf_puts(b, "</section>");
    }
    buf_puts(b, "</div>");
}

/* Each level's latest score and its change from the round before, in words
 * and symbols (colour never alone). */
static void trend_latest(Req *r, Buf *b, const AsTrendRow *rows, int n)
{
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"trend-latest\"><thead><tr><th "
                "scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" "
                "class=\"num\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
                tr(r->lang, "xlsx.col.level"), rows[n - 1].name, tr(r->lang, "assess.index"),
                tr(r->lang, "assess.trendpage.last"));
    static const char *const kSym[] = {"", "▲", "▼", "▶"};
    for (int l = 0; l < AS_NLEVEL; l++) {
        const AsLevelScore *L = &rows[n - 1].level[l];
        AsTrend t = n > 1 ? as_trend(rows[n - 2].level[l].mean, L->mean) : AS_TREND_NONE;
        html_printf(b, "<tr><th scope=\"row\">%h</th>", tr(r->lang, kAssessLevelKeys[l]));
        score_cell(r, b, L->mean);
        buf_puts(b, "<td class=\"num\">");
        if (L->mean.has)
            fmt_number(b, r->lang, L->index, 0);
        else
            buf_puts(b, "—");
        buf_puts(b, "</td>");
        if (t == AS_TREND_NONE)
            buf_puts(b, "<td>—</td></tr>");
        else
            html_printf(b, "<td class=\"trend-%a\">%h %h</td></tr>", as_trend_name(t), kSym[t],
                        tr(r->lang, arena_printf(r->arena, "assess.trend.%s", as_trend_name(t))));
    }
    buf_puts(b, "</tbody></table></div>");
}

/* GET /assessment/trend[?account=ID]: the scores of every open or closed
 * round. Someone who may not see the whole programme (a KAM) gets their
 * first account instead. */
void page_assessment_trend(Req *r, Resp *w)
{
    int64_t account;
    if (!account_param(r, w, &account)) return;
    TrendAccount *acc;
    int nacc;
    trend_accounts(r, &acc, &nacc);
    AsTrendRow *rows = NULL;
    int n = 0;
    bool whole = true, shown = true;
    if (as_trend_load(&r->ctx, account, &rows, &n)) {
        if (r->err.code != KAM_EFORBIDDEN || account || r->ctx.actor.role == ROLE_GUEST) {
            page_err(r, w);
            return;
        }
        err_clear(&r->err);
        whole = false;
        shown = nacc > 0;
        account = shown ? acc[0].id : 0;
        if (shown && as_trend_load(&r->ctx, account, &rows, &n)) {
            page_err(r, w);
            return;
        }
    }
    const char *title = tr(r->lang, "assess.trendpage.title");
    Crumb crumbs[] = {{tr(r->lang, "assess.title"), "/assessment"}, {title, NULL}};
    Buf *b = page_begin(r, w, NAV_ASSESSMENT, title, crumbs, 2);
    html_printf(b, "<h1>%h</h1><p class=\"lead\">%h</p>", title,
                tr(r->lang, "assess.trendpage.intro"));
    trend_filter(r, b, acc, nacc, account, whole);
    for (int i = 0; account && i < nacc; i++)
        if (acc[i].id == account)
            html_printf(b, "<p>%h</p>",
                        tr_str(r->arena, r->lang, "assess.trendpage.account_note", "name",
                               acc[i].name, NULL));
    if (!shown) {
        html_printf(b, "<p class=\"empty-state\">%h</p>", tr(r->lang, "assess.own_accounts"));
    } else if (!n) {
        html_printf(b, "<p class=\"empty-state\">%h</p>", tr(r->lang, "assess.trendpage.none"));
    } else {
        if (n == 1) html_printf(b, "<p class=\"hint\">%h</p>", tr(r->lang, "assess.trendpage.one"));
        trend_latest(r, b, rows, n);
        trend_index_chart(r, b, rows, n);
        trend_level_charts(r, b, rows, n);
    }
    page_end(r, w);
}
