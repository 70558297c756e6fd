/* The XLSX export of an assessment round: one sheet per view (see
 * report_xlsx.h). The figures come from svc/assess.h as they are; this file
 * only lays them out with libxlsxwriter. */
#include "report_xlsx.h"

#include "../core/text.h"
#include "../svc/assess.h"

#include <xlsxwriter.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XL_MAX_CELL 32767 /* bytes of text a cell takes (libxlsxwriter counts bytes) */

/* Everything one workbook needs while it is written. */
typedef struct Xl {
    Ctx *c; /* c->lang is the workbook's language */
    Lang lang;
    const char *base_url;
    AsReport rep;
    AsResponse *resp;
    int nresp;
    AsTrendRow *trend;
    int ntrend;
    lxw_workbook *wb;
    lxw_format *head, *bold, *wrap, *num2, *num0, *pct, *flag2, *date, *link;
    lxw_error err; /* the first failure of a write */
} Xl;

/* A column: its header's catalogue key, width in characters, wrapped text. */
typedef struct Col {
    const char *key;
    double width;
    bool wrap;
} Col;

static const char *T(const Xl *x, const char *key)
{
    return tr(x->lang, key);
}

static void keep(Xl *x, lxw_error e)
{
    if (e && e != LXW_ERROR_NULL_PARAMETER_IGNORED && !x->err) x->err = e;
}

/* s as a cell can hold it: control characters other than tab and newline
 * (which XML 1.0 cannot carry) become spaces, and at most XL_MAX_CELL bytes,
 * cut at a character boundary. */
static const char *clean(Xl *x, const char *s)
{
    size_t n = strlen(s);
    bool ok = n <= XL_MAX_CELL;
    for (size_t i = 0; ok && i < n; i++)
        ok = (unsigned char)s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n';
    if (ok) return s;
    if (n > XL_MAX_CELL) {
        n = XL_MAX_CELL;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    char *t = arena_strndup(x->c->arena, s, n);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)t[i] < 0x20 && t[i] != '\t' && t[i] != '\n') t[i] = ' ';
    return t;
}

static void put_s(Xl *x, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    if (s && *s)
        keep(x, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, clean(x, s), f));
}

static void put_n(Xl *x, lxw_worksheet *ws, int row, int col, double v, lxw_format *f)
{
    if (isfinite(v)) keep(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, f));
}

static void put_v(Xl *x, lxw_worksheet *ws, int row, int col, AsValue v, lxw_format *f)
{
    if (v.has) put_n(x, ws, row, col, v.v, f);
}

static const char *dim_label(const Xl *x, int d)
{
    return d >= 0 && d < AS_NDIM ? T(x, kAssessDimKeys[d]) : "";
}

static const char *level_label(const Xl *x, int l)
{
    return l >= 0 && l < AS_NLEVEL ? T(x, kAssessLevelKeys[l]) : "";
}

static const char *role_label(Xl *x, const char *role)
{
    return T(x, arena_printf(x->c->arena, "assess.role.%s", role));
}

static const char *item_text(const Xl *x, const AsCatItem *it)
{
    return x->lang == LANG_IT ? it->text_it : it->text_en;
}

/* The name of a subject of the report: the programme, or an account. */
static const char *subject_label(const Xl *x, int64_t account_id)
{
    if (!account_id) return T(x, "nav.programme");
    for (int s = 0; s < x->rep.res.nsubjects; s++)
        if (x->rep.res.subject[s].account_id == account_id) return x->rep.subject_name[s];
    return "";
}

/* A new sheet named after name_key, its header row written in bold and
 * frozen, its columns sized. NULL (and the error kept) when the name is
 * refused, so callers just return. */
static lxw_worksheet *sheet(Xl *x, const char *name_key, const Col *cols, int ncols)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, T(x, name_key));
    if (!ws) {
        keep(x, LXW_ERROR_PARAMETER_VALIDATION);
        return NULL;
    }
    for (int i = 0; i < ncols; i++) {
        keep(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width,
                                     cols[i].wrap ? x->wrap : NULL));
        put_s(x, ws, 0, i, T(x, cols[i].key), x->head);
    }
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* An autofilter over the header and the rows written (last: the last row). */
static void filter(Xl *x, lxw_worksheet *ws, int last, int ncols)
{
    keep(x,
         worksheet_autofilter(ws, 0, 0, (lxw_row_t)(last > 0 ? last : 0), (lxw_col_t)(ncols - 1)));
}

static void formats(Xl *x)
{
    x->head = workbook_add_format(x->wb);
    format_set_bold(x->head);
    format_set_bg_color(x->head, 0xE7E6E6);
    format_set_bottom(x->head, LXW_BORDER_THIN);
    format_set_text_wrap(x->head);
    format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
    x->bold = workbook_add_format(x->wb);
    format_set_bold(x->bold);
    x->wrap = workbook_add_format(x->wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->num2 = workbook_add_format(x->wb);
    format_set_num_format(x->num2, "0.00");
    x->num0 = workbook_add_format(x->wb);
    format_set_num_format(x->num0, "0");
    x->pct = workbook_add_format(x->wb);
    format_set_num_format(x->pct, "0%");
    /* a flagged gap: bold on a red fill (the Flagged column says it in words) */
    x->flag2 = workbook_add_format(x->wb);
    format_set_num_format(x->flag2, "0.00");
    format_set_bold(x->flag2);
    format_set_bg_color(x->flag2, 0xF8CBAD);
    x->date = workbook_add_format(x->wb);
    format_set_num_format(x->date, "yyyy-mm-dd hh:mm");
    x->link = workbook_add_format(x->wb);
    format_set_underline(x->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(x->link, LXW_COLOR_BLUE);
}

/* ---- Summary ------------------------------------------------------------- */

static void about_row(Xl *x, lxw_worksheet *ws, int row, const char *key, const char *value)
{
    put_s(x, ws, row, 0, T(x, key), x->bold);
    put_s(x, ws, row, 1, value, NULL);
}

static void summary_sheet(Xl *x)
{
    static const Col cols[] = {
        {"xlsx.col.level", 18, false},         {"xlsx.col.score", 10, false},
        {"xlsx.col.index", 10, false},         {"xlsx.col.weakest", 22, false},
        {"xlsx.col.weakest_score", 12, false}, {"xlsx.col.tied", 10, false},
        {"xlsx.col.coverage", 10, false},      {"xlsx.col.scored", 10, false},
        {"xlsx.col.expected", 10, false},      {"xlsx.col.na", 10, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.summary", cols, nc);
    if (!ws) return;
    const AsResult *res = &x->rep.res;
    for (int l = 0; l < AS_NLEVEL; l++) {
        const AsLevelScore *L = &res->level[l];
        int row = 1 + l;
        put_s(x, ws, row, 0, level_label(x, l), NULL);
        put_v(x, ws, row, 1, L->mean, x->num2);
        if (L->mean.has) put_n(x, ws, row, 2, L->index, x->num0);
        if (L->weakest >= 0) {
            put_s(x, ws, row, 3, dim_label(x, L->weakest), NULL);
            put_v(x, ws, row, 4, L->dim[L->weakest], x->num2);
            put_n(x, ws, row, 5, L->nweakest, x->num0);
        }
        put_n(x, ws, row, 6, L->coverage, x->pct);
        put_n(x, ws, row, 7, L->scored, x->num0);
        put_n(x, ws, row, 8, L->expected, x->num0);
        put_n(x, ws, row, 9, L->na, x->num0);
    }
    const AsRound *r = &x->rep.round;
    int complete = 0;
    for (int i = 0; i < x->rep.nraters; i++) complete += x->rep.raters[i].completed_at != 0;
    Arena *a = x->c->arena;
    int row = AS_NLEVEL + 2;
    about_row(x, ws, row++, "xlsx.about.round", r->name);
    put_s(x, ws, row, 0, T(x, "xlsx.about.round_id"), x->bold);
    put_n(x, ws, row++, 1, (double)r->id, x->num0);
    about_row(x, ws, row++, "xlsx.about.status",
              T(x, arena_printf(a, "assess.status.%s", r->status)));
    about_row(x, ws, row++, "xlsx.about.catalogue", r->catalogue_version);
    about_row(x, ws, row++, "xlsx.about.opens", r->opens_on);
    about_row(x, ws, row++, "xlsx.about.deadline", r->deadline);
    about_row(x, ws, row++, "xlsx.about.scope",
              x->rep.account ? tr_str(a, x->lang, "xlsx.scope.account", "name",
                                      subject_label(x, x->rep.account), NULL)
                             : T(x, "xlsx.scope.round"));
    put_s(x, ws, row, 0, T(x, "xlsx.about.raters"), x->bold);
    put_n(x, ws, row++, 1, x->rep.nraters, x->num0);
    put_s(x, ws, row, 0, T(x, "xlsx.about.complete"), x->bold);
    put_n(x, ws, row++, 1, complete, x->num0);
    about_row(x, ws, row++, "xlsx.about.language", T(x, "xlsx.language.name"));
    about_row(x, ws, row++, "xlsx.about.exported", x->c->today);
    row++;
    put_s(x, ws, row++, 0, T(x, "xlsx.about.note"), NULL);
}

/* ---- Dimensions ---------------------------------------------------------- */

static void dimensions_sheet(Xl *x)
{
    static const Col cols[] = {
        {"xlsx.col.dimension", 22, false},    {"level.corporate", 12, false},
        {"level.operational", 12, false},     {"assess.level.customer", 12, false},
        {"xlsx.col.corp_op", 14, false},      {"xlsx.col.flagged", 10, false},
        {"xlsx.col.sd_corporate", 12, false}, {"xlsx.col.sd_operational", 12, false},
        {"xlsx.col.sd_customer", 12, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.dimensions", cols, nc);
    if (!ws) return;
    const AsResult *res = &x->rep.res;
    for (int d = 0; d < AS_NDIM; d++) {
        int row = 1 + d;
        const AsCorpOpGap *g = &res->corp_op[d];
        put_s(x, ws, row, 0, dim_label(x, d), NULL);
        for (int l = 0; l < AS_NLEVEL; l++) put_v(x, ws, row, 1 + l, res->level[l].dim[d], x->num2);
        if (g->has) put_n(x, ws, row, 4, g->delta, g->flagged ? x->flag2 : x->num2);
        if (g->flagged) put_s(x, ws, row, 5, T(x, "xlsx.flagged"), NULL);
        for (int l = 0; l < AS_NLEVEL; l++)
            put_v(x, ws, row, 6 + l, res->dim_spread[l][d], x->num2);
    }
}

/* ---- Accounts: the heatmap ----------------------------------------------- */

/* Scores coloured from 1 (red) through 3 (yellow) to 5 (green). */
static void color_scale(Xl *x, lxw_worksheet *ws, int last, int c0, int c1)
{
    if (last < 1) return;
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
    cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    cf.min_value = 1;
    cf.min_color = 0xF8696B;
    cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    cf.mid_value = 3;
    cf.mid_color = 0xFFEB84;
    cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    cf.max_value = 5;
    cf.max_color = 0x63BE7B;
    keep(x, worksheet_conditional_format_range(ws, 1, (lxw_col_t)c0, (lxw_row_t)last, (lxw_col_t)c1,
                                               &cf));
}

static void accounts_sheet(Xl *x)
{
    static const Col cols[] = {
        {"xlsx.col.account_id", 8, false},     {"xlsx.col.account", 28, false},
        {"dimension.strategy", 11, false},     {"dimension.solutions", 11, false},
        {"dimension.people", 11, false},       {"dimension.account_management", 13, false},
        {"dimension.evaluation", 11, false},   {"xlsx.col.operational", 12, false},
        {"xlsx.col.index", 10, false},         {"xlsx.col.weakest", 22, false},
        {"xlsx.col.coverage", 10, false},      {"xlsx.col.customer", 12, false},
        {"xlsx.col.customer_index", 10, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.accounts", cols, nc);
    if (!ws) return;
    const AsResult *res = &x->rep.res;
    int row = 0;
    for (int s = 1; s < res->nsubjects; s++) {
        const AsSubject *sub = &res->subject[s];
        const AsLevelScore *o = &sub->level[AS_OPERATIONAL], *u = &sub->level[AS_CUSTOMER];
        row++;
        put_n(x, ws, row, 0, (double)sub->account_id, x->num0);
        put_s(x, ws, row, 1, x->rep.subject_name[s], NULL);
        for (int d = 0; d < AS_NDIM; d++) put_v(x, ws, row, 2 + d, o->dim[d], x->num2);
        put_v(x, ws, row, 7, o->mean, x->num2);
        if (o->mean.has) put_n(x, ws, row, 8, o->index, x->num0);
        if (o->weakest >= 0) put_s(x, ws, row, 9, dim_label(x, o->weakest), NULL);
        put_n(x, ws, row, 10, o->coverage, x->pct);
        put_v(x, ws, row, 11, u->mean, x->num2);
        if (u->mean.has) put_n(x, ws, row, 12, u->index, x->num0);
    }
    color_scale(x, ws, row, 2, 7);
    color_scale(x, ws, row, 11, 11);
    filter(x, ws, row, nc);
}

/* ---- Gaps ---------------------------------------------------------------- */

static void gaps_sheet(Xl *x)
{
    static const Col cols[] = {{"xlsx.col.kind", 22, false},
                               {"xlsx.col.compared", 34, false},
                               {"xlsx.col.on", 14, false},
                               {"xlsx.col.dimension", 20, false},
                               {"xlsx.col.item_code", 20, false},
                               {"xlsx.col.item", 50, true},
                               {"xlsx.col.a", 9, false},
                               {"xlsx.col.b", 9, false},
                               {"xlsx.col.delta", 9, false},
                               {"xlsx.col.subjects", 9, false},
                               {"xlsx.col.flagged", 10, false},
                               {"xlsx.col.widest_at", 24, false},
                               {"xlsx.col.widest_delta", 10, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.gaps", cols, nc);
    if (!ws) return;
    const AsResult *res = &x->rep.res;
    Arena *a = x->c->arena;
    int row = 0;
    for (int d = 0; d < AS_NDIM; d++) {
        const AsCorpOpGap *g = &res->corp_op[d];
        if (!g->has) continue;
        row++;
        put_s(x, ws, row, 0, T(x, "xlsx.kind.corp_op"), NULL);
        put_s(x, ws, row, 1,
              arena_printf(a, "%s − %s", level_label(x, AS_CORPORATE),
                           level_label(x, AS_OPERATIONAL)),
              NULL);
        put_s(x, ws, row, 3, dim_label(x, d), NULL);
        put_v(x, ws, row, 6, g->corporate, x->num2);
        put_v(x, ws, row, 7, g->operational, x->num2);
        put_n(x, ws, row, 8, g->delta, g->flagged ? x->flag2 : x->num2);
        if (g->flagged) put_s(x, ws, row, 10, T(x, "xlsx.flagged"), NULL);
    }
    for (int k = 0; k < res->ngaps; k++) {
        const AsRoleGap *g = &res->gaps[k];
        row++;
        put_s(x, ws, row, 0, T(x, g->item < 0 ? "xlsx.kind.raters_dim" : "xlsx.kind.raters_item"),
              NULL);
        put_s(x, ws, row, 1,
              arena_printf(a, "%s − %s", role_label(x, as_role_name(g->a)),
                           role_label(x, as_role_name(g->b))),
              NULL);
        put_s(x, ws, row, 2, T(x, g->scope == AS_CORPORATE ? "nav.programme" : "xlsx.on.accounts"),
              NULL);
        put_s(x, ws, row, 3, dim_label(x, g->dim), NULL);
        if (g->item >= 0) {
            const AsCatItem *it = &x->rep.cat.items[g->item];
            const char *code = it->code;
            if (g->item_b >= 0 && g->item_b != g->item)
                code = arena_printf(a, "%s / %s", it->code, x->rep.cat.items[g->item_b].code);
            put_s(x, ws, row, 4, code, NULL);
            put_s(x, ws, row, 5, item_text(x, it), NULL);
        }
        put_n(x, ws, row, 8, g->delta, g->flagged ? x->flag2 : x->num2);
        put_n(x, ws, row, 9, g->n, x->num0);
        if (g->flagged) put_s(x, ws, row, 10, T(x, "xlsx.flagged"), NULL);
        if (g->scope != AS_CORPORATE && g->worst_account) {
            put_s(x, ws, row, 11, subject_label(x, g->worst_account), NULL);
            put_n(x, ws, row, 12, g->worst_delta, x->num2);
        }
    }
    filter(x, ws, row, nc);
}

/* ---- Importance-performance ---------------------------------------------- */

/* Does item q come before item p in the priority list? Highest priority
 * first; items without one last; otherwise catalogue order. */
static bool ranks_before(const AsIp *q, const AsIp *p)
{
    bool hp = p->importance.has && p->performance.has;
    bool hq = q->importance.has && q->performance.has;
    return (!hp && hq) || (hp && hq && q->priority > p->priority);
}

static void ip_sheet(Xl *x)
{
    static const Col cols[] = {
        {"xlsx.col.item_code", 22, false},  {"xlsx.col.item", 60, true},
        {"xlsx.col.level", 14, false},      {"xlsx.col.dimension", 20, false},
        {"xlsx.col.importance", 11, false}, {"xlsx.col.performance", 12, false},
        {"xlsx.col.priority", 10, false},   {"xlsx.col.quadrant", 24, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.ip", cols, nc);
    if (!ws) return;
    const AsResult *res = &x->rep.res;
    int n = x->rep.cat.nitems;
    int *order = ARENA_ARRAY(x->c->arena, int, n + 1);
    for (int i = 0; i < n; i++) order[i] = i;
    /* a stable insertion sort (qsort takes no context; a catalogue has at
     * most 1000 items) */
    for (int i = 1; i < n; i++) {
        int v = order[i], j = i;
        for (; j > 0 && ranks_before(&res->ip[v], &res->ip[order[j - 1]]); j--)
            order[j] = order[j - 1];
        order[j] = v;
    }
    for (int k = 0; k < n; k++) {
        int i = order[k], row = 1 + k;
        const AsCatItem *it = &x->rep.cat.items[i];
        const AsIp *ip = &res->ip[i];
        put_s(x, ws, row, 0, it->code, NULL);
        put_s(x, ws, row, 1, item_text(x, it), NULL);
        put_s(x, ws, row, 2, level_label(x, it->level), NULL);
        put_s(x, ws, row, 3, dim_label(x, it->dim), NULL);
        put_v(x, ws, row, 4, ip->importance, x->num2);
        put_v(x, ws, row, 5, ip->performance, x->num2);
        if (ip->importance.has && ip->performance.has) put_n(x, ws, row, 6, ip->priority, x->num2);
        if (ip->quadrant != AS_Q_NONE)
            put_s(x, ws, row, 7,
                  T(x, arena_printf(x->c->arena, "assess.quadrant.%s",
                                    as_quadrant_name(ip->quadrant))),
                  NULL);
    }
    filter(x, ws, n, nc);
}

/* ---- Evidence ------------------------------------------------------------ */

static void evidence_sheet(Xl *x)
{
    static const Col cols[] = {
        {"xlsx.col.item_code", 22, false},  {"xlsx.col.item", 50, true},
        {"xlsx.col.where", 24, false},      {"xlsx.col.rule", 22, false},
        {"xlsx.col.rating", 9, false},      {"xlsx.col.evidence", 9, false},
        {"xlsx.col.share", 9, false},       {"xlsx.col.data", 50, true},
        {"xlsx.col.delta", 9, false},       {"xlsx.col.disagrees", 12, false},
        {"xlsx.col.unsupported", 14, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.evidence", cols, nc);
    if (!ws) return;
    const AsResult *res = &x->rep.res;
    for (int k = 0; k < res->nev; k++) {
        const AsEvCheck *e = &res->ev[k];
        const AsCatItem *it = &x->rep.cat.items[e->item];
        int row = 1 + k;
        put_s(x, ws, row, 0, it->code, NULL);
        put_s(x, ws, row, 1, item_text(x, it), NULL);
        put_s(x, ws, row, 2, subject_label(x, e->account_id), NULL);
        put_s(x, ws, row, 3, it->evidence, NULL);
        put_v(x, ws, row, 4, e->rating, x->num2);
        if (e->has_evidence) {
            put_n(x, ws, row, 5, e->score, x->num2);
            put_n(x, ws, row, 6, e->share, x->pct);
            if (e->rating.has) put_n(x, ws, row, 8, e->delta, e->disagree ? x->flag2 : x->num2);
        } else {
            put_s(x, ws, row, 5, T(x, "xlsx.no_data"), NULL);
        }
        if (x->rep.ev && x->rep.ev[k].text) put_s(x, ws, row, 7, x->rep.ev[k].text, NULL);
        if (e->disagree) put_s(x, ws, row, 9, T(x, "xlsx.flag.disagrees"), NULL);
        if (e->unsupported) put_s(x, ws, row, 10, T(x, "xlsx.flag.unsupported"), NULL);
    }
    filter(x, ws, res->nev, nc);
}

/* ---- Recommendations ----------------------------------------------------- */

static void recommendations_sheet(Xl *x)
{
    static const Col cols[] = {
        {"xlsx.col.rank", 6, false},        {"xlsx.col.kind", 18, false},
        {"xlsx.col.level", 14, false},      {"xlsx.col.dimension", 20, false},
        {"xlsx.col.item_code", 20, false},  {"xlsx.col.finding", 60, true},
        {"xlsx.col.why", 60, true},         {"xlsx.col.urgency", 9, false},
        {"xlsx.col.importance", 11, false}, {"xlsx.col.points", 9, false},
        {"xlsx.col.where", 24, false},      {"xlsx.col.link", 36, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.recommendations", cols, nc);
    if (!ws) return;
    const AsResult *res = &x->rep.res;
    Arena *a = x->c->arena;
    for (int k = 0; k < res->nrec; k++) {
        const AsRec *r = &res->rec[k];
        int row = 1 + k;
        put_n(x, ws, row, 0, r->rank, x->num0);
        put_s(x, ws, row, 1, T(x, arena_printf(a, "xlsx.rec.%s", as_rec_kind_name(r->kind))), NULL);
        put_s(x, ws, row, 2, level_label(x, r->level), NULL);
        put_s(x, ws, row, 3, dim_label(x, r->dim), NULL);
        if (r->item >= 0) put_s(x, ws, row, 4, x->rep.cat.items[r->item].code, NULL);
        put_s(x, ws, row, 5, as_rec_text(x->c, &x->rep, r), NULL);
        put_s(x, ws, row, 6, as_rec_why(x->c, &x->rep, r), NULL);
        put_n(x, ws, row, 7, r->urgency, x->num2);
        put_n(x, ws, row, 8, r->importance, x->num2);
        put_n(x, ws, row, 9, r->points, x->num2);
        put_s(x, ws, row, 10, subject_label(x, r->account_id), NULL);
        char link[96];
        as_link(r->account_id, r->dim, link, sizeof link);
        if (x->base_url)
            keep(x, worksheet_write_url_opt(ws, (lxw_row_t)row, 11,
                                            arena_printf(a, "%s%s", x->base_url, link), x->link,
                                            link, NULL));
        else
            put_s(x, ws, row, 11, link, NULL);
    }
    filter(x, ws, res->nrec, nc);
}

/* ---- Trend --------------------------------------------------------------- */

static void trend_sheet(Xl *x)
{
    static const Col cols[] = {
        {"xlsx.col.round_id", 8, false},    {"xlsx.col.round", 24, false},
        {"xlsx.col.opens", 11, false},      {"xlsx.col.status", 10, false},
        {"xlsx.col.level", 14, false},      {"xlsx.col.score", 9, false},
        {"xlsx.col.index", 9, false},       {"xlsx.col.change", 11, false},
        {"dimension.strategy", 11, false},  {"dimension.solutions", 11, false},
        {"dimension.people", 11, false},    {"dimension.account_management", 13, false},
        {"dimension.evaluation", 11, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.trend", cols, nc);
    if (!ws) return;
    int row = 0;
    for (int i = 0; i < x->ntrend; i++) {
        const AsTrendRow *t = &x->trend[i];
        for (int l = 0; l < AS_NLEVEL; l++) {
            const AsLevelScore *L = &t->level[l];
            row++;
            put_n(x, ws, row, 0, (double)t->round_id, x->num0);
            put_s(x, ws, row, 1, t->name, NULL);
            put_s(x, ws, row, 2, t->opens_on, NULL);
            put_s(x, ws, row, 3, T(x, arena_printf(x->c->arena, "assess.status.%s", t->status)),
                  NULL);
            put_s(x, ws, row, 4, level_label(x, l), NULL);
            put_v(x, ws, row, 5, L->mean, x->num2);
            if (L->mean.has) put_n(x, ws, row, 6, L->index, x->num0);
            if (i > 0 && L->mean.has && x->trend[i - 1].level[l].mean.has)
                put_n(x, ws, row, 7, L->mean.v - x->trend[i - 1].level[l].mean.v, x->num2);
            for (int d = 0; d < AS_NDIM; d++) put_v(x, ws, row, 8 + d, L->dim[d], x->num2);
        }
    }
    color_scale(x, ws, row, 8, 12);
    filter(x, ws, row, nc);
}

/* ---- Responses ----------------------------------------------------------- */

static void responses_sheet(Xl *x)
{
    static const Col cols[] = {
        {"xlsx.col.rater", 14, false},     {"xlsx.col.role", 20, false},
        {"xlsx.col.account_id", 8, false}, {"xlsx.col.account", 24, false},
        {"xlsx.col.level", 14, false},     {"xlsx.col.dimension", 20, false},
        {"xlsx.col.item_code", 22, false}, {"xlsx.col.item", 50, true},
        {"xlsx.col.score", 8, false},      {"xlsx.col.importance", 11, false},
        {"xlsx.col.comment", 40, true},    {"xlsx.col.answered_at", 17, false}};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    lxw_worksheet *ws = sheet(x, "xlsx.sheet.responses", cols, nc);
    if (!ws) return;
    for (int k = 0; k < x->nresp; k++) {
        const AsResponse *p = &x->resp[k];
        int row = 1 + k;
        put_s(x, ws, row, 0, p->rater->login, NULL);
        put_s(x, ws, row, 1, role_label(x, p->rater->role), NULL);
        if (p->rater->account_id) put_n(x, ws, row, 2, (double)p->rater->account_id, x->num0);
        put_s(x, ws, row, 3, p->rater->account_id ? p->rater->account_name : T(x, "nav.programme"),
              NULL);
        put_s(x, ws, row, 4, level_label(x, p->item->level), NULL);
        put_s(x, ws, row, 5, dim_label(x, p->item->dim), NULL);
        put_s(x, ws, row, 6, p->item->code, NULL);
        put_s(x, ws, row, 7, item_text(x, p->item), NULL);
        if (p->na)
            put_s(x, ws, row, 8, T(x, "xlsx.na"), NULL);
        else
            put_n(x, ws, row, 8, p->score, x->num0);
        if (p->importance) put_n(x, ws, row, 9, p->importance, x->num0);
        put_s(x, ws, row, 10, p->comment, NULL);
        if (p->answered_at > 0)
            keep(x, worksheet_write_unixtime(ws, (lxw_row_t)row, 11, p->answered_at, x->date));
    }
    filter(x, ws, x->nresp, nc);
}

/* ---- the workbook -------------------------------------------------------- */

/* Everything the workbook shows, read (and access checked) before any file
 * is made. x->c must already speak the workbook's language. */
static ErrCode load(Xl *x, const XlsxOpts *o)
{
    Ctx *c = x->c;
    if (i18n_init(c->err)) return c->err->code;
    if (as_results(c, o->round_id, o->account_id, &x->rep) ||
        as_responses(c, &x->rep, &x->resp, &x->nresp) ||
        as_trend_load(c, o->account_id, &x->trend, &x->ntrend))
        return c->err->code;
    return KAM_OK;
}

/* Write the loaded workbook to path (created or overwritten as it is);
 * shown names the file in messages. */
static ErrCode write_book(Xl *x, const char *path, const char *shown)
{
    lxw_workbook_options opt = {
        .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    x->wb = workbook_new_opt(path, &opt);
    if (!x->wb) return err_set(x->c->err, KAM_EINTERNAL, "%s: out of memory", shown);
    formats(x);
    const char *title =
        tr_str(x->c->arena, x->lang, "xlsx.title", "round", x->rep.round.name, NULL);
    lxw_doc_properties props = {.title = (char *)title, .author = "kam", .comments = ""};
    keep(x, workbook_set_properties(x->wb, &props));
    summary_sheet(x);
    dimensions_sheet(x);
    accounts_sheet(x);
    gaps_sheet(x);
    ip_sheet(x);
    evidence_sheet(x);
    recommendations_sheet(x);
    trend_sheet(x);
    responses_sheet(x);
    errno = 0;
    lxw_error e = workbook_close(x->wb); /* frees the workbook in every case */
    int sys = errno;
    x->wb = NULL;
    if (x->err)
        return err_set(x->c->err, KAM_EINTERNAL, "%s: the workbook could not be made (%s)", shown,
                       lxw_strerror(x->err));
    if (e)
        return err_set(x->c->err, KAM_EINPUT, "%s: cannot write the workbook: %s (%s)", shown,
                       sys ? strerror(sys) : "failed", lxw_strerror(e));
    return KAM_OK;
}

/* A new empty file "DIR/.NAME.PID-N.tmp" beside path, for the workbook to be
 * written into and then renamed (the same file system, so the rename is
 * atomic). Made with O_EXCL and mode 0666, so the umask applies as to any
 * new file, without touching the process's umask. */
static ErrCode temp_beside(Ctx *c, const char *path, char **tmp)
{
    static atomic_uint counter;
    char *d = arena_strdup(c->arena, path), *b = arena_strdup(c->arena, path);
    const char *dir = dirname(d), *name = basename(b);
    for (int tries = 0; tries < 100; tries++) {
        *tmp = arena_printf(c->arena, "%s/.%s.%ld-%u.tmp", dir, name, (long)getpid(),
                            atomic_fetch_add(&counter, 1));
        int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            close(fd);
            return KAM_OK;
        }
        if (errno != EEXIST) break;
    }
    return err_set(c->err, KAM_EINPUT, "%s: %s", path, strerror(errno));
}

ErrCode report_xlsx_file(Ctx *c, const XlsxOpts *o, const char *path)
{
    Ctx lc = *c;
    lc.lang = lang_code(o->lang);
    Xl x = {.c = &lc, .lang = o->lang, .base_url = o->base_url};
    char *tmp;
    if (load(&x, o) || temp_beside(c, path, &tmp)) return c->err->code;
    if (write_book(&x, tmp, path)) {
        remove(tmp);
        return c->err->code;
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return err_set(c->err, KAM_EINPUT, "%s: %s", path, strerror(e));
    }
    return KAM_OK;
}

ErrCode report_xlsx_buf(Ctx *c, const XlsxOpts *o, Buf *out)
{
    Ctx lc = *c;
    lc.lang = lang_code(o->lang);
    Xl x = {.c = &lc, .lang = o->lang, .base_url = o->base_url};
    if (load(&x, o)) return c->err->code;
    const char *dir = getenv("TMPDIR");
    char *tmp = arena_printf(c->arena, "%s/kam-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return err_set(c->err, KAM_EINTERNAL, "XLSX export: cannot make a temporary file in %s: %s",
                       dir && *dir ? dir : "/tmp", strerror(errno));
    close(fd);
    ErrCode rc = write_book(&x, tmp, "XLSX export");
    FILE *f = rc ? NULL : fopen(tmp, "rb");
    if (!rc && !f)
        rc = err_set(c->err, KAM_EINTERNAL, "XLSX export: reading it back: %s", strerror(errno));
    if (f) {
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(out, chunk, n);
        if (ferror(f)) rc = err_set(c->err, KAM_EINTERNAL, "XLSX export: reading it back failed");
        fclose(f);
    }
    remove(tmp);
    return rc;
}

const char *report_xlsx_filename(Arena *a, const XlsxOpts *o)
{
    if (o->account_id)
        return arena_printf(a, "kam-assessment-%lld-account-%lld-%s.xlsx", (long long)o->round_id,
                            (long long)o->account_id, lang_code(o->lang));
    return arena_printf(a, "kam-assessment-%lld-programme-%s.xlsx", (long long)o->round_id,
                        lang_code(o->lang));
}
