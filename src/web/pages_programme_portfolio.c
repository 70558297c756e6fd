/* The portfolio pages (FRAMEWORK.md section 2, strategy - corporate): the
 * matrix as a bubble chart with editable thresholds and the quadrant lists;
 * what-if weights (a GET form: nothing is saved until the user asks); the
 * selection-criteria editor; one account's scores with their spread among
 * scorers; and the key-account decisions with their history. Everything is
 * computed by svc/portfolio.h and svc/programme.h. */
#include "../core/text.h"
#include "../svc/acl.h"
#include "../svc/portfolio.h"
#include "../svc/programme.h"
#include "app.h"
#include "chart.h"
#include "page.h"
#include "pages.h"
#include "pages_programme.h"

#include <math.h>
#include <string.h>

/* Where a quadrant sits in the chart: top-left, top-right, bottom-left,
 * bottom-right with attractiveness up and strength to the right. */
static const PfQuadrant kQuadPos[4] = {PF_DEVELOPMENT, PF_STRATEGIC, PF_OPPORTUNISTIC,
                                       PF_MAINTENANCE};

static const char *quad_label(Req *r, PfQuadrant q)
{
    return tr(r->lang, arena_printf(r->arena, "quadrant.%s", pf_quadrant_name(q)));
}

static const char *set_label(Req *r, PfSet s)
{
    return tr(r->lang, arena_printf(r->arena, "prog.set.%s", pf_set_name(s)));
}

static void score_text(Req *r, Buf *b, const PfSetScore *s)
{
    if (s->scored)
        fmt_number(b, r->lang, s->score, 1);
    else
        buf_puts(b, "—");
}

static int stage_of(const ProgAccountInfo *st, int n, int64_t id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (st[mid].id == id) return st[mid].stage;
        if (st[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

/* Read what-if weights "w_CODE" from the query; true when any was given. */
static bool read_weights(Req *r, const Portfolio *p, PfWeight **w, int *nw, double sums[PF_NSETS])
{
    *w = ARENA_ARRAY(r->arena, PfWeight, p->ncrit + 1);
    *nw = 0;
    sums[0] = sums[1] = 0;
    bool any = false;
    for (int i = 0; i < p->ncrit; i++) {
        const char *v = req_param(r, arena_printf(r->arena, "w_%s", p->crit[i].code));
        double x = p->crit[i].weight;
        if (v && *v && parse_double(v, r->lang == LANG_IT, &x)) {
            any = true;
            (*w)[(*nw)++] = (PfWeight){p->crit[i].code, x};
        } else if (v && *v) {
            any = true;
            x = NAN;
        }
        sums[p->crit[i].set] += x;
    }
    return any;
}

/* The weights form: one number per criterion, grouped by set, with the
 * sum of each set; action and method given by the caller. */
static void weights_form(Req *r, Buf *b, const Portfolio *p, const char *action, const char *method,
                         const char *button, const char *id)
{
    html_printf(b, "<form method=\"%a\" action=\"%a\" class=\"prog-weights\" id=\"%a\">", method,
                action, id);
    if (str_eq(method, "post")) form_csrf(r, b);
    for (int s = 0; s < PF_NSETS; s++) {
        html_printf(b, "<fieldset><legend>%h</legend><div class=\"prog-weight-grid\">",
                    set_label(r, (PfSet)s));
        for (int i = 0; i < p->ncrit; i++) {
            if ((int)p->crit[i].set != s) continue;
            const char *name = arena_printf(r->arena, "w_%s", p->crit[i].code);
            const char *cur = req_param(r, name);
            Buf v;
            buf_init(&v, r->arena);
            if (cur && *cur)
                buf_puts(&v, cur);
            else
                fmt_number(&v, r->lang, p->crit[i].weight, 0);
            html_printf(
                b,
                "<div class=\"field\"><label for=\"%a-%a\">%h</label>"
                "<input type=\"text\" id=\"%a-%a\" name=\"%a\" inputmode=\"decimal\" size=\"5\" "
                "value=\"%a\"></div>",
                id, name, p->crit[i].name, id, name, name, buf_cstr(&v));
        }
        buf_puts(b, "</div></fieldset>");
    }
    html_printf(b, "<p class=\"hint\">%h</p><button type=\"submit\">%h</button></form>",
                tr(r->lang, "prog.weights.hint"), button);
}

/* The sums message when a set does not reach 100; true when all is well. */
static bool sums_ok(Req *r, Buf *b, const double sums[PF_NSETS])
{
    bool ok = true;
    for (int s = 0; s < PF_NSETS; s++) {
        if (isfinite(sums[s]) && fabs(sums[s] - 100.0) <= 1e-6) continue;
        Buf n;
        buf_init(&n, r->arena);
        if (isfinite(sums[s]))
            fmt_number(&n, r->lang, sums[s], 1);
        else
            buf_puts(&n, "?");
        buf_puts(b, "<p class=\"form-error\" role=\"alert\">");
        tr_fmt(b, r->lang, "prog.weights.bad_sum", "set", set_label(r, (PfSet)s), "sum",
               buf_cstr(&n), NULL);
        buf_puts(b, "</p>");
        ok = false;
    }
    return ok;
}

static void matrix(Req *r, Buf *b, const Portfolio *p)
{
    ProgAccountInfo *st;
    int nst = 0;
    if (prog_account_stages(&r->ctx, &st, &nst)) {
        err_clear(&r->err);
        nst = 0;
    }
    Bubble *items = ARENA_ARRAY(r->arena, Bubble, p->nacc + 1);
    int n = 0;
    for (int i = 0; i < p->nacc; i++) {
        const PfAccount *a = &p->acct[i];
        if (!str_eq(a->status, "key") && !str_eq(a->status, "candidate")) continue;
        const PfResult *res = &p->res[i];
        int stage = stage_of(st, nst, a->id);
        items[n++] = (Bubble){
            .label = a->name,
            .x = res->set[PF_STRENGTH].scored ? res->set[PF_STRENGTH].score : NAN,
            .y = res->set[PF_ATTRACTIVENESS].scored ? res->set[PF_ATTRACTIVENESS].score : NAN,
            .size = a->revenue > 0 ? a->revenue : 0,
            .cls = arena_printf(r->arena, "stage-%d", stage),
            .href = arena_printf(r->arena, "/accounts/%lld", (long long)a->id)};
    }
    BubbleChart c = {
        .base = {.id = "matrix",
                 .title = tr(r->lang, "nav.portfolio"),
                 .lang = r->lang,
                 .fmt = {.kind = CHART_NUMBER, .decimals = 1}},
        .n = n,
        .items = items,
        .x_label = set_label(r, PF_STRENGTH),
        .y_label = set_label(r, PF_ATTRACTIVENESS),
        .size_label = tr(r->lang, "prog.revenue"),
        .size_fmt = {.kind = CHART_MONEY, .currency = "EUR"},
        .x_min = 1,
        .x_max = 10,
        .y_min = 1,
        .y_max = 10,
        .has_thresholds = true,
        .x_threshold = p->th.strength,
        .y_threshold = p->th.attractiveness,
    };
    for (int k = 0; k < 4; k++) {
        c.quadrant_label[k] = quad_label(r, kQuadPos[k]);
        c.quadrant_cls[k] = arena_printf(r->arena, "quadrant-%s", pf_quadrant_name(kQuadPos[k]));
    }
    chart_bubble(b, r->arena, &c);
    html_printf(b, "<p class=\"hint\">%h</p><ul class=\"prog-legend\">",
                tr(r->lang, "stage.label"));
    for (int s = 1; s <= 5; s++)
        html_printf(
            b, "<li><span class=\"prog-swatch stage-%d\" aria-hidden=\"true\"></span>%d %h</li>", s,
            s, tr(r->lang, arena_printf(r->arena, "stage.%d", s)));
    buf_puts(b, "</ul>");
}

static void quadrant_lists(Req *r, Buf *b, const Portfolio *p)
{
    static const PfQuadrant order[] = {PF_STRATEGIC, PF_DEVELOPMENT, PF_MAINTENANCE,
                                       PF_OPPORTUNISTIC, PF_UNPLACED};
    html_printf(b,
                "<section aria-labelledby=\"h-quads\"><h2 id=\"h-quads\">%h</h2><div "
                "class=\"prog-quadrants\">",
                tr(r->lang, "prog.quadrant_lists"));
    for (int k = 0; k < 5; k++) {
        int cnt = 0;
        for (int i = 0; i < p->nacc; i++)
            if (p->res[i].quadrant == order[k] &&
                (str_eq(p->acct[i].status, "key") || str_eq(p->acct[i].status, "candidate")))
                cnt++;
        html_printf(b,
                    "<section class=\"card prog-quad quadrant-%a\" id=\"quad-%a\"><h3>%h "
                    "<small>(%d)</small></h3>",
                    pf_quadrant_name(order[k]), pf_quadrant_name(order[k]), quad_label(r, order[k]),
                    cnt);
        if (!cnt) {
            html_printf(b, "<p class=\"empty\">%h</p></section>", tr(r->lang, "common.none"));
            continue;
        }
        buf_puts(b, "<ul>");
        int shown = 0;
        for (int i = 0; i < p->nacc && shown < 50; i++) {
            if (p->res[i].quadrant != order[k]) continue;
            if (!str_eq(p->acct[i].status, "key") && !str_eq(p->acct[i].status, "candidate"))
                continue;
            shown++;
            html_printf(b,
                        "<li><a href=\"/portfolio/accounts/%lld\">%h</a> <span "
                        "class=\"enum-status-%a\">%h</span> ",
                        (long long)p->acct[i].id, p->acct[i].name, p->acct[i].status,
                        enum_label(r, "status", p->acct[i].status));
            score_text(r, b, &p->res[i].set[PF_ATTRACTIVENESS]);
            buf_puts(b, " / ");
            score_text(r, b, &p->res[i].set[PF_STRENGTH]);
            buf_puts(b, "</li>");
        }
        buf_puts(b, "</ul></section>");
    }
    buf_puts(b, "</div></section>");
}

static void whatif(Req *r, Buf *b, Portfolio *p)
{
    html_printf(b,
                "<section class=\"card\" aria-labelledby=\"h-whatif\" id=\"whatif\"><h2 "
                "id=\"h-whatif\">%h</h2><p>%h</p>",
                tr(r->lang, "prog.whatif"), tr(r->lang, "prog.whatif.intro"));
    PfWeight *w;
    int nw;
    double sums[PF_NSETS];
    bool asked = read_weights(r, p, &w, &nw, sums);
    if (asked && sums_ok(r, b, sums)) {
        Portfolio q;
        PfMove *moves;
        int nm;
        if (pf_whatif(&r->ctx, w, nw, &q, &moves, &nm)) {
            html_printf(b, "<p class=\"form-error\" role=\"alert\">%h</p>", r->err.msg);
            err_clear(&r->err);
        } else if (!nm) {
            html_printf(b, "<p class=\"notice\" id=\"whatif-result\">%h</p>",
                        tr(r->lang, "prog.whatif.none"));
        } else {
            html_printf(b,
                        "<div class=\"table-wrap\"><table class=\"list\" "
                        "id=\"whatif-result\"><caption>%h</caption><thead><tr>"
                        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th "
                        "scope=\"col\">%h</th></tr></thead><tbody>",
                        tr(r->lang, "prog.whatif.moves"), tr(r->lang, "prog.account"),
                        tr(r->lang, "prog.whatif.from"), tr(r->lang, "prog.whatif.to"));
            for (int i = 0; i < nm; i++) {
                const char *name = "";
                for (int k = 0; k < q.nacc; k++)
                    if (q.acct[k].id == moves[i].account_id) name = q.acct[k].name;
                html_printf(
                    b,
                    "<tr><th scope=\"row\"><a "
                    "href=\"/portfolio/accounts/%lld\">%h</a></th><td>%h</td><td>%h</td></tr>",
                    (long long)moves[i].account_id, name, quad_label(r, moves[i].from),
                    quad_label(r, moves[i].to));
            }
            buf_puts(b, "</tbody></table></div>");
        }
    }
    weights_form(r, b, p, "/portfolio#whatif", "get", tr(r->lang, "prog.whatif.run"), "wi");
    if (asked && acl_edits_programme(&r->ctx.actor)) {
        /* carry the tried weights to the editor's save */
        html_printf(b, "<form method=\"post\" action=\"/portfolio/criteria\" id=\"whatif-save\">");
        form_csrf(r, b);
        for (int i = 0; i < p->ncrit; i++) {
            const char *name = arena_printf(r->arena, "w_%s", p->crit[i].code);
            const char *v = req_param(r, name);
            if (v && *v)
                html_printf(b, "<input type=\"hidden\" name=\"%a\" value=\"%a\">", name, v);
        }
        html_printf(b, "<button type=\"submit\" class=\"secondary\">%h</button></form>",
                    tr(r->lang, "prog.whatif.save"));
    }
    buf_puts(b, "</section>");
}

void page_portfolio(Req *r, Resp *w)
{
    Portfolio p;
    if (pf_load(&r->ctx, &p)) {
        /* weights that do not sum to 100 still let the page open, to fix them */
        if (r->err.code != KAM_EINPUT) {
            page_err(r, w);
            return;
        }
        err_clear(&r->err);
        resp_redirect(r, w, "/portfolio/criteria");
        return;
    }
    const char *title = tr(r->lang, "nav.portfolio");
    Crumb crumbs[] = {{tr(r->lang, "nav.programme"), "/programme"}, {title, NULL}};
    Buf *b = page_begin(r, w, NAV_PROGRAMME, title, crumbs, 2);
    html_printf(b,
                "<div class=\"page-head\"><h1>%h</h1><p class=\"subtitle\">%h</p><nav "
                "class=\"actions prog-sections\" aria-label=\"%a\">",
                title, tr(r->lang, "prog.portfolio.subtitle"), tr(r->lang, "prog.sections"));
    prog_section_links(r, b, "portfolio");
    buf_puts(b, "</nav></div><div class=\"grid-2\"><section class=\"card\">");
    matrix(r, b, &p);
    buf_puts(b, "</section><div>");
    html_printf(b, "<section class=\"card\" aria-labelledby=\"h-th\"><h2 id=\"h-th\">%h</h2>",
                tr(r->lang, "prog.thresholds"));
    if (acl_edits_programme(&r->ctx.actor)) {
        html_printf(
            b, "<form method=\"post\" action=\"/portfolio/thresholds\" class=\"prog-thresholds\">");
        form_csrf(r, b);
        Buf ta, ts;
        buf_init(&ta, r->arena);
        buf_init(&ts, r->arena);
        fmt_number(&ta, r->lang, p.th.attractiveness, 1);
        fmt_number(&ts, r->lang, p.th.strength, 1);
        html_printf(
            b,
            "<div class=\"field\"><label for=\"th-a\">%h</label><input type=\"text\" id=\"th-a\" "
            "name=\"attractiveness\" "
            "inputmode=\"decimal\" size=\"5\" value=\"%a\"></div>"
            "<div class=\"field\"><label for=\"th-s\">%h</label><input type=\"text\" id=\"th-s\" "
            "name=\"strength\" "
            "inputmode=\"decimal\" size=\"5\" value=\"%a\"></div><p class=\"hint\">%h</p>"
            "<button type=\"submit\">%h</button></form>",
            set_label(r, PF_ATTRACTIVENESS), buf_cstr(&ta), set_label(r, PF_STRENGTH),
            buf_cstr(&ts), tr(r->lang, "prog.thresholds.hint"), tr(r->lang, "common.save"));
    } else {
        html_printf(b, "<dl class=\"facts\"><dt>%h</dt><dd>", set_label(r, PF_ATTRACTIVENESS));
        fmt_number(b, r->lang, p.th.attractiveness, 1);
        html_printf(b, "</dd><dt>%h</dt><dd>", set_label(r, PF_STRENGTH));
        fmt_number(b, r->lang, p.th.strength, 1);
        buf_puts(b, "</dd></dl>");
    }
    buf_puts(b, "</section>");
    whatif(r, b, &p);
    buf_puts(b, "</div></div>");
    quadrant_lists(r, b, &p);
    page_end(r, w);
}

void page_portfolio_thresholds(Req *r, Resp *w)
{
    const char *a = req_form(r, "attractiveness"), *s = req_form(r, "strength");
    /* the form shows numbers the reader's way: 5,5 in Italian */
    double x;
    if (a && parse_double(a, r->lang == LANG_IT, &x)) a = arena_printf(r->arena, "%.17g", x);
    if (s && parse_double(s, r->lang == LANG_IT, &x)) s = arena_printf(r->arena, "%.17g", x);
    if (pf_set_thresholds(&r->ctx, a, s)) {
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.saved");
    resp_redirect(r, w, "/portfolio");
}

static void criteria_page(Req *r, Resp *w, const Portfolio *p, const char *error_html)
{
    const char *title = tr(r->lang, "prog.criteria");
    Crumb crumbs[] = {{tr(r->lang, "nav.programme"), "/programme"},
                      {tr(r->lang, "nav.portfolio"), "/portfolio"},
                      {title, NULL}};
    Buf *b = page_begin(r, w, NAV_PROGRAMME, title, crumbs, 3);
    if (error_html) w->status = 422;
    html_printf(b,
                "<div class=\"page-head\"><h1>%h</h1><p class=\"subtitle\">%h</p><nav "
                "class=\"actions prog-sections\" aria-label=\"%a\">",
                title, tr(r->lang, "prog.criteria.intro"), tr(r->lang, "prog.sections"));
    prog_section_links(r, b, "criteria");
    buf_puts(b, "</nav></div>");
    if (error_html) buf_puts(b, error_html);
    bool editor = acl_edits_programme(&r->ctx.actor);
    if (editor)
        weights_form(r, b, p, "/portfolio/criteria", "post", tr(r->lang, "common.save"), "cr");
    for (int s = 0; s < PF_NSETS; s++) {
        html_printf(
            b, "<section class=\"card\" aria-labelledby=\"h-set-%d\"><h2 id=\"h-set-%d\">%h</h2>",
            s, s, set_label(r, (PfSet)s));
        for (int i = 0; i < p->ncrit; i++) {
            if ((int)p->crit[i].set != s) continue;
            html_printf(b, "<details class=\"prog-criterion\"><summary>%h — ", p->crit[i].name);
            tr_fmt(b, r->lang, "prog.weight_of", "weight",
                   arena_printf(r->arena, "%g", p->crit[i].weight), NULL);
            html_printf(b, "</summary><ol class=\"prog-levels\">");
            const char *lv[10];
            if (prog_criterion_levels(&r->ctx, p->crit[i].id, lv)) err_clear(&r->err);
            for (int l = 0; l < 10; l++)
                html_printf(b, "<li value=\"%d\">%h</li>", l + 1,
                            *lv[l] ? lv[l] : tr(r->lang, "prog.level.undescribed"));
            html_printf(b,
                        "</ol><p><a href=\"/e/criteria/%lld\">%h</a> · <a "
                        "href=\"/e/criterion_levels?criterion_id=%lld\">%h</a></p></details>",
                        (long long)p->crit[i].id, tr(r->lang, "prog.criterion.edit"),
                        (long long)p->crit[i].id, tr(r->lang, "prog.levels.edit"));
        }
        buf_puts(b, "</section>");
    }
    page_end(r, w);
}

/* Load the criteria even when the weights are broken (the editor must open
 * to fix them): a failed compute is not an error here. */
static bool load_for_editor(Req *r, Resp *w, Portfolio *p)
{
    if (pf_load(&r->ctx, p)) {
        if (r->err.code != KAM_EINPUT || !p->ncrit) {
            page_err(r, w);
            return false;
        }
        err_clear(&r->err);
    }
    return true;
}

void page_portfolio_criteria(Req *r, Resp *w)
{
    Portfolio p;
    if (!load_for_editor(r, w, &p)) return;
    criteria_page(r, w, &p, NULL);
}

void page_portfolio_criteria_post(Req *r, Resp *w)
{
    Portfolio p;
    if (!load_for_editor(r, w, &p)) return;
    PfWeight *wt;
    int nw;
    double sums[PF_NSETS];
    read_weights(r, &p, &wt, &nw, sums);
    Buf e;
    buf_init(&e, r->arena);
    if (!sums_ok(r, &e, sums)) {
        criteria_page(r, w, &p, buf_cstr(&e));
        return;
    }
    if (prog_save_weights(&r->ctx, wt, nw)) {
        if (r->err.code == KAM_EINPUT) {
            html_printf(&e, "<p class=\"form-error\" role=\"alert\">%h</p>", r->err.msg);
            err_clear(&r->err);
            criteria_page(r, w, &p, buf_cstr(&e));
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.saved");
    resp_redirect(r, w, "/portfolio/criteria");
}

void page_portfolio_account(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    Portfolio p;
    if (pf_load(&r->ctx, &p)) {
        page_err(r, w);
        return;
    }
    int k = -1;
    for (int i = 0; i < p.nacc; i++)
        if (p.acct[i].id == id) k = i;
    if (k < 0) {
        page_error(r, w, 404, NULL);
        return;
    }
    const PfAccount *a = &p.acct[k];
    const PfResult *res = &p.res[k];
    Crumb crumbs[] = {{tr(r->lang, "nav.programme"), "/programme"},
                      {tr(r->lang, "nav.portfolio"), "/portfolio"},
                      {a->name, NULL}};
    Buf *b = page_begin(r, w, NAV_PROGRAMME, a->name, crumbs, 3);
    html_printf(b,
                "<div class=\"page-head\"><h1>%h</h1><p class=\"subtitle\"><span class=\"badge "
                "quadrant-%a\">%h</span> "
                "<a href=\"/accounts/%lld\">%h</a></p></div>",
                a->name, pf_quadrant_name(res->quadrant), quad_label(r, res->quadrant),
                (long long)a->id, tr(r->lang, "prog.open_account"));
    html_printf(b, "<dl class=\"facts\" id=\"set-scores\">");
    for (int s = 0; s < PF_NSETS; s++) {
        html_printf(b, "<dt>%h</dt><dd>", set_label(r, (PfSet)s));
        score_text(r, b, &res->set[s]);
        buf_puts(b, " (");
        tr_fmt(b, r->lang, "prog.coverage", "value",
               arena_printf(r->arena, "%.0f%%", res->set[s].coverage * 100), NULL);
        buf_puts(b, ")</dd>");
    }
    buf_puts(b, "</dl>");
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"list\" "
                "id=\"scores\"><caption>%h</caption><thead><tr>"
                "<th scope=\"col\">%h</th><th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" "
                "class=\"num\">%h</th>"
                "<th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" class=\"num\">%h</th><th "
                "scope=\"col\" class=\"num\">%h</th>"
                "</tr></thead><tbody>",
                tr(r->lang, "prog.scores"), tr(r->lang, "prog.criterion"),
                tr(r->lang, "prog.weight"), tr(r->lang, "prog.scorers"),
                tr(r->lang, "common.average"), tr(r->lang, "prog.range"), tr(r->lang, "prog.sd"));
    for (int i = 0; i < p.ncrit; i++) {
        const PfStat *s = &res->crit[i];
        html_printf(b,
                    "<tr><th scope=\"row\">%h</th><td class=\"num\">%g</td><td "
                    "class=\"num\">%d</td><td class=\"num\">",
                    p.crit[i].name, p.crit[i].weight, s->n);
        if (s->n)
            fmt_number(b, r->lang, s->mean, 2);
        else
            buf_puts(b, "—");
        buf_puts(b, "</td><td class=\"num\">");
        if (s->n)
            fmt_number(b, r->lang, s->range, 1);
        else
            buf_puts(b, "—");
        html_printf(b, "</td><td class=\"num%r\">",
                    s->n && s->range >= 3 ? " prog-spread-wide" : "");
        if (s->n)
            fmt_number(b, r->lang, s->sd, 2);
        else
            buf_puts(b, "—");
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table></div>");
    if (acl_edits_programme(&r->ctx.actor)) {
        html_printf(
            b,
            "<section class=\"card\" aria-labelledby=\"h-score\"><h2 id=\"h-score\">%h</h2>"
            "<form method=\"post\" action=\"/portfolio/accounts/%lld\" class=\"prog-score\">",
            tr(r->lang, "prog.score.yours"), (long long)a->id);
        form_csrf(r, b);
        html_printf(b,
                    "<div class=\"field\"><label for=\"sc-crit\">%h</label><select id=\"sc-crit\" "
                    "name=\"criterion\">",
                    tr(r->lang, "prog.criterion"));
        for (int i = 0; i < p.ncrit; i++)
            html_printf(b, "<option value=\"%a\">%h</option>", p.crit[i].code, p.crit[i].name);
        html_printf(b,
                    "</select></div><div class=\"field\"><label for=\"sc-score\">%h</label>"
                    "<input id=\"sc-score\" name=\"score\" type=\"number\" min=\"1\" max=\"10\" "
                    "step=\"1\" required></div>"
                    "<div class=\"field\"><label for=\"sc-note\">%h</label><input type=\"text\" "
                    "id=\"sc-note\" "
                    "name=\"note\"></div>"
                    "<button type=\"submit\">%h</button></form></section>",
                    tr(r->lang, "prog.score"), tr(r->lang, "prog.note"),
                    tr(r->lang, "common.save"));
    }
    page_end(r, w);
}

void page_portfolio_score_post(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    bool replaced;
    if (pf_score(&r->ctx, id, req_form(r, "criterion"), NULL, req_form(r, "score"),
                 req_form(r, "note"), &replaced)) {
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.saved");
    resp_redirect(r, w, arena_printf(r->arena, "/portfolio/accounts/%lld", (long long)id));
}

void page_portfolio_decisions(Req *r, Resp *w)
{
    ProgDecision *d;
    int n;
    if (prog_decisions(&r->ctx, req_int(r, "account_id", 0), &d, &n)) {
        page_err(r, w);
        return;
    }
    const char *title = tr(r->lang, "prog.decisions");
    Crumb crumbs[] = {{tr(r->lang, "nav.programme"), "/programme"}, {title, NULL}};
    Buf *b = page_begin(r, w, NAV_PROGRAMME, title, crumbs, 2);
    html_printf(b,
                "<div class=\"page-head\"><h1>%h</h1><p class=\"subtitle\">%h</p><nav "
                "class=\"actions prog-sections\" aria-label=\"%a\">",
                title, tr(r->lang, "prog.decisions.intro"), tr(r->lang, "prog.sections"));
    prog_section_links(r, b, "decisions");
    buf_puts(b, "</nav></div>");
    if (acl_edits_programme(&r->ctx.actor)) {
        Portfolio p;
        if (pf_load(&r->ctx, &p)) {
            err_clear(&r->err);
            p.nacc = 0;
        }
        html_printf(
            b,
            "<section class=\"card\" aria-labelledby=\"h-decide\"><h2 id=\"h-decide\">%h</h2>"
            "<form method=\"post\" action=\"/portfolio/decisions\" class=\"prog-decide\">",
            tr(r->lang, "prog.decide"));
        form_csrf(r, b);
        html_printf(b,
                    "<div class=\"field\"><label for=\"kd-account\">%h</label><select "
                    "id=\"kd-account\" name=\"account_id\" required>",
                    tr(r->lang, "prog.account"));
        for (int i = 0; i < p.nacc; i++) {
            if (!str_eq(p.acct[i].status, "key") && !str_eq(p.acct[i].status, "candidate"))
                continue;
            html_printf(b, "<option value=\"%lld\">%h (%h, %h)</option>", (long long)p.acct[i].id,
                        p.acct[i].name, enum_label(r, "status", p.acct[i].status),
                        quad_label(r, p.res[i].quadrant));
        }
        html_printf(b,
                    "</select></div><div class=\"field\"><label "
                    "for=\"kd-decision\">%h</label><select id=\"kd-decision\" name=\"decision\">",
                    tr(r->lang, "prog.decision"));
        static const char *const kinds[] = {"nominate", "confirm", "demote"};
        for (int i = 0; i < 3; i++)
            html_printf(b, "<option value=\"%a\">%h</option>", kinds[i],
                        enum_label(r, "decision", kinds[i]));
        html_printf(b,
                    "</select></div><div class=\"field\"><label for=\"kd-date\">%h</label>"
                    "<input id=\"kd-date\" name=\"decided_on\" type=\"date\" value=\"%a\"></div>"
                    "<div class=\"field\"><label for=\"kd-reason\">%h</label><textarea "
                    "id=\"kd-reason\" name=\"reason\" rows=\"2\" required></textarea></div>"
                    "<button type=\"submit\">%h</button></form></section>",
                    tr(r->lang, "prog.decided_on"), r->ctx.today, tr(r->lang, "prog.reason"),
                    tr(r->lang, "common.save"));
    }
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"list\" "
                "id=\"decisions\"><caption>%h</caption><thead><tr>"
                "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th "
                "scope=\"col\">%h</th>"
                "<th scope=\"col\">%h</th></tr></thead><tbody>",
                tr(r->lang, "prog.decisions.history"), tr(r->lang, "prog.decided_on"),
                tr(r->lang, "prog.account"), tr(r->lang, "prog.decision"),
                tr(r->lang, "prog.reason"), tr(r->lang, "prog.decided_by"));
    for (int i = 0; i < n; i++) {
        buf_puts(b, "<tr><td>");
        fmt_date(b, r->lang, d[i].decided_on);
        html_printf(
            b,
            "</td><th scope=\"row\"><a "
            "href=\"/portfolio/accounts/%lld\">%h</a></th><td>%h</td><td>%h</td><td>%h</td></tr>",
            (long long)d[i].account_id, d[i].account, enum_label(r, "decision", d[i].decision),
            d[i].reason, d[i].decided_by ? d[i].decided_by : "—");
    }
    if (!n)
        html_printf(b, "<tr><td colspan=\"5\" class=\"empty\">%h</td></tr>",
                    tr(r->lang, "common.none"));
    buf_puts(b, "</tbody></table></div>");
    page_end(r, w);
}

void page_portfolio_decision_post(Req *r, Resp *w)
{
    int64_t acct = req_int(r, "account_id", 0), id;
    if (prog_decide(&r->ctx, acct, req_form(r, "decision"), req_form(r, "reason"),
                    req_form(r, "decided_on"), &id)) {
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.saved");
    resp_redirect(r, w, "/portfolio/decisions");
}

/* The set named by ?set= (attractiveness by default). */
static PfSet req_set(Req *r)
{
    return str_eq(req_param(r, "set"), "strength") ? PF_STRENGTH : PF_ATTRACTIVENESS;
}

static void bulk_page(Req *r, Resp *w, const ProgBulk *bk, PfSet set, const char *error)
{
    const char *title = tr(r->lang, "prog.bulk");
    Crumb crumbs[] = {{tr(r->lang, "nav.programme"), "/programme"},
                      {tr(r->lang, "nav.portfolio"), "/portfolio"},
                      {title, NULL}};
    Buf *b = page_begin(r, w, NAV_PROGRAMME, title, crumbs, 3);
    if (error) w->status = 422;
    html_printf(b,
                "<div class=\"page-head\"><h1>%h</h1><p class=\"subtitle\">%h</p><nav "
                "class=\"actions prog-sections\" aria-label=\"%a\">",
                title, tr(r->lang, "prog.bulk.intro"), tr(r->lang, "prog.sections"));
    for (int s = 0; s < PF_NSETS; s++)
        html_printf(b, "<a class=\"button secondary\" href=\"/portfolio/score?set=%a\"%r>%h</a>",
                    pf_set_name((PfSet)s), (int)set == s ? " aria-current=\"page\"" : "",
                    set_label(r, (PfSet)s));
    buf_puts(b, "</nav></div>");
    if (error) html_printf(b, "<p class=\"form-error\" role=\"alert\">%h</p>", error);
    const char *q = req_query(r, "q");
    html_printf(
        b,
        "<form method=\"get\" action=\"/portfolio/score\" class=\"filters\" role=\"search\">"
        "<input type=\"hidden\" name=\"set\" value=\"%a\"><div class=\"field\"><label "
        "for=\"q\">%h</label>"
        "<input type=\"search\" id=\"q\" name=\"q\" value=\"%a\"></div><button "
        "type=\"submit\">%h</button></form>",
        pf_set_name(set), tr(r->lang, "common.search"), q ? q : "", tr(r->lang, "common.filter"));
    if (!bk->nacc || !bk->ncrit) {
        html_printf(b, "<div class=\"empty-state\"><p>%h</p></div>",
                    tr(r->lang, "prog.bulk.empty"));
        page_end(r, w);
        return;
    }
    html_printf(b, "<form method=\"post\" action=\"/portfolio/score?set=%a\" id=\"bulk\">",
                pf_set_name(set));
    form_csrf(r, b);
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"list "
                "prog-bulk\"><caption>%h</caption><thead><tr><th scope=\"col\">%h</th>",
                set_label(r, set), tr(r->lang, "prog.account"));
    for (int j = 0; j < bk->ncrit; j++)
        html_printf(b, "<th scope=\"col\">%h <small>(%g)</small></th>", bk->crit[j].name,
                    bk->crit[j].weight);
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < bk->nacc; i++) {
        html_printf(b, "<tr><th scope=\"row\"><a href=\"/portfolio/accounts/%lld\">%h</a></th>",
                    (long long)bk->acct_id[i], bk->acct_name[i]);
        for (int j = 0; j < bk->ncrit; j++) {
            double v = bk->mine[(size_t)i * (size_t)bk->ncrit + (size_t)j];
            const char *name =
                arena_printf(r->arena, "s_%lld_%s", (long long)bk->acct_id[i], bk->crit[j].code);
            const char *typed = req_form(r, name);
            html_printf(b,
                        "<td><input type=\"number\" min=\"1\" max=\"10\" step=\"1\" name=\"%a\" "
                        "value=\"%a\" "
                        "aria-label=\"%a: %a\"></td>",
                        name,
                        typed   ? typed
                        : v > 0 ? arena_printf(r->arena, "%g", v)
                                : "",
                        bk->acct_name[i], bk->crit[j].name);
        }
        buf_puts(b, "</tr>");
    }
    html_printf(b, "</tbody></table></div><button type=\"submit\">%h</button></form>",
                tr(r->lang, "common.save"));
    page_end(r, w);
}

void page_portfolio_bulk(Req *r, Resp *w)
{
    PfSet set = req_set(r);
    ProgBulk bk;
    if (prog_bulk_load(&r->ctx, set, req_query(r, "q"), &bk)) {
        page_err(r, w);
        return;
    }
    bulk_page(r, w, &bk, set, NULL);
}

void page_portfolio_bulk_post(Req *r, Resp *w)
{
    PfSet set = req_set(r);
    ProgBulk bk;
    if (prog_bulk_load(&r->ctx, set, NULL, &bk)) {
        page_err(r, w);
        return;
    }
    /* the cells typed differently from what is stored; accounts beyond the
     * loaded page are looked up through the form names alone */
    ProgScoreIn *in = ARENA_ARRAY(r->arena, ProgScoreIn, r->nform + 1);
    int n = 0;
    for (int k = 0; k < r->nform; k++) {
        const char *name = r->form[k].name, *v = r->form[k].value;
        if (!str_starts(name, "s_") || !v || !*v) continue;
        const char *us = strchr(name + 2, '_');
        if (!us) continue;
        int64_t id;
        if (!parse_int64(arena_strndup(r->arena, name + 2, (size_t)(us - name - 2)), &id)) continue;
        const char *code = us + 1;
        double stored = 0, typed;
        for (int i = 0; i < bk.nacc; i++)
            if (bk.acct_id[i] == id)
                for (int j = 0; j < bk.ncrit; j++)
                    if (str_eq(bk.crit[j].code, code))
                        stored = bk.mine[(size_t)i * (size_t)bk.ncrit + (size_t)j];
        if (parse_double(v, r->lang == LANG_IT, &typed) && typed == stored) continue;
        in[n++] = (ProgScoreIn){id, code, v};
    }
    int saved;
    if (prog_bulk_save(&r->ctx, in, n, &saved)) {
        if (r->err.code != KAM_EINPUT) {
            page_err(r, w);
            return;
        }
        const char *msg = arena_strdup(r->arena, r->err.msg);
        err_clear(&r->err);
        bulk_page(r, w, &bk, set, msg);
        return;
    }
    resp_flash(r, w, "flash.saved");
    resp_redirect(r, w, arena_printf(r->arena, "/portfolio/score?set=%s", pf_set_name(set)));
}
