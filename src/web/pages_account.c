/* The key account workspace: the shell (header figures, section tabs, the
 * section chosen by ?s=) and the reading helpers every section uses. Forms
 * are in pages_account_form.c, the endpoints they post to in
 * pages_account_records.c. See pages_account.h. */
#include "pages_account.h"

#include "../core/text.h"
#include "../svc/acl.h"
#include "app.h"
#include "chart.h"
#include "pages.h"

#include <math.h>
#include <string.h>

const char *ws_tr(WsPage *p, const char *key)
{
    return tr(p->r->lang, key);
}

const char *ws_href(const WsPage *p, const char *section)
{
    return arena_printf(p->r->arena, "/accounts/%lld?s=%s", (long long)p->id, section);
}

void ws_heading(WsPage *p, const char *key)
{
    const char *id = arena_strdup(p->r->arena, key);
    for (char *c = (char *)id; *c; c++)
        if (*c == '.') *c = '-';
    html_printf(p->b, "<h2 id=\"%a\">%h</h2>", id, ws_tr(p, key));
    const char *intro = arena_printf(p->r->arena, "%s.intro", key);
    if (tr_has(p->r->lang, intro)) html_printf(p->b, "<p class=\"muted\">%h</p>", ws_tr(p, intro));
}

/* ---- reading ------------------------------------------------------------ */

#define REF_CACHE 64

/* id and "unit × offering" of a solution cell (a cell has no name of its own). */
static const char kCellLabelSql[] =
    "SELECT c.id, u.name || ' × ' || o.name FROM solution_cell c JOIN customer_unit u ON "
    "u.id = c.unit_id JOIN offering o ON o.id = c.offering_id WHERE c.id = ?";
const char *ws_ref_label(WsPage *p, const char *ref, const char *value)
{
    if (!value) return NULL;
    for (int i = 0; i < p->ncache; i++)
        if (str_eq(p->cache[i].ref, ref) && str_eq(p->cache[i].value, value))
            return p->cache[i].label;
    const EntityDef *def = entity_find(ref);
    int64_t id;
    const char *out = value;
    if (str_eq(ref, "solution_cell") && parse_int64(value, &id)) {
        /* a cell has no name of its own: its unit and offering */
        Err e = {0};
        DbStmt *st = db_query(p->r->ctx.db, &e, kCellLabelSql, DB_ARGS(DI(id)));
        if (st) {
            if (db_next(st) && db_text(st, 1)) out = arena_strdup(p->r->arena, db_text(st, 1));
            db_done(st);
        }
    } else if (def && def->label && parse_int64(value, &id)) {
        Buf sql;
        buf_init(&sql, p->r->arena);
        buf_printf(&sql, "SELECT %s FROM %s WHERE id = ?", def->label,
                   def->table); /* identifiers from the model */
        Err e = {0};
        DbStmt *st = db_query(p->r->ctx.db, &e, buf_cstr(&sql), DB_ARGS(DI(id)));
        if (st) {
            if (db_next(st) && db_text(st, 0)) out = arena_strdup(p->r->arena, db_text(st, 0));
            db_done(st);
        }
    }
    if (p->ncache < REF_CACHE) p->cache[p->ncache++] = (WsRefCache){ref, value, out};
    return out;
}

/* Rows of kind of this account, those whose field equals value when given. */
RecordList ws_list_where(WsPage *p, const char *kind, const char *field, const char *value,
                         int limit)
{
    RecordList list = {0};
    ListQuery q = {.account_id = p->id, .limit = limit ? limit : -1};
    if (field && value) {
        q.nfilter = 1;
        q.filter[0].field = field;
        q.filter[0].value = value;
    }
    Err e = {0};
    Ctx c = p->r->ctx;
    c.err = &e;
    if (ent_list(&c, entity_find(kind), &q, &list)) memset(&list, 0, sizeof list);
    return list;
}

RecordList ws_list(WsPage *p, const char *kind, int limit)
{
    return ws_list_where(p, kind, NULL, NULL, limit);
}

void ws_cell(WsPage *p, const FieldDef *f, const char *value)
{
    if (f->type == FT_REF && value) {
        html_printf(p->b, "%h", ws_ref_label(p, f->ref, value));
        return;
    }
    field_display(p->r, p->b, f, value);
}

bool ws_editing(WsPage *p, const EntityDef *def, int64_t id)
{
    if (p->fdef == def && p->frid == id && id) return true;
    const char *e = req_query(p->r, "edit");
    if (!e) return false;
    const char *want = arena_printf(p->r->arena, "%s-%lld", def->name, (long long)id);
    return str_eq(e, want);
}

/* ---- the shell ---------------------------------------------------------- */

static const char *pct(WsPage *p, double ratio)
{
    Buf b;
    buf_init(&b, p->r->arena);
    fmt_percent(&b, p->r->lang, ratio, 0);
    return buf_cstr(&b);
}

static void tile(WsPage *p, const char *href, const char *label_key, const char *value,
                 const char *note, const char *status)
{
    html_printf(p->b,
                "<li><a class=\"tile%r%a\" href=\"%a\"><span class=\"tile-label\">%h</span>"
                "<span class=\"tile-value\">%h</span>",
                status ? " status-" : "", status ? status : "", href, ws_tr(p, label_key), value);
    if (note) html_printf(p->b, "<span class=\"tile-note\">%h</span>", note);
    buf_puts(p->b, "</a></li>");
}

static void header(WsPage *p)
{
    Req *r = p->r;
    const WsOverview *o = &p->ov;
    const char *name = record_get(o->account, "name");
    html_printf(p->b, "<div class=\"page-head ws-head\"><h1>%h</h1><p class=\"ws-facts\">", name);
    html_printf(p->b, "<span class=\"enum enum-status-%a\">%h</span> ",
                record_get(o->account, "status"),
                enum_label(r, "status", record_get(o->account, "status")));
    html_printf(p->b, "<span class=\"badge quadrant-%a\">%h</span> ", pf_quadrant_name(o->quadrant),
                ws_tr(p, arena_printf(r->arena, "quadrant.%s", pf_quadrant_name(o->quadrant))));
    const char *stage = record_get(o->account, "stage"),
               *target = record_get(o->account, "target_stage");
    html_printf(p->b, "<span>%h: %h", ws_tr(p, "ws.stage"),
                ws_tr(p, arena_printf(r->arena, "stage.%s", stage ? stage : "1")));
    if (target) html_printf(p->b, " → %h", ws_tr(p, arena_printf(r->arena, "stage.%s", target)));
    if (str_eq(record_get(o->account, "disintegrating"), "1"))
        html_printf(p->b, " <span class=\"badge badge-bad\">%h</span>",
                    ws_tr(p, "ws.disintegrating"));
    html_printf(p->b, "</span> <span>%h: %h</span></p></div>", ws_tr(p, "ws.sponsor"),
                o->sponsor_name ? o->sponsor_name : ws_tr(p, "ws.none"));

    html_printf(p->b, "<h2 class=\"visually-hidden\">%h</h2><ul class=\"tiles ws-tiles\">",
                ws_tr(p, "ws.figures"));
    HealthBand band = health_band(&o->health);
    const char *bands[] = {"muted", "on-track", "at-risk", "off-track"};
    tile(p, arena_printf(r->arena, "%s#health", ws_href(p, "overview")), "ws.health",
         o->health.has ? arena_printf(r->arena, "%d", o->health.score) : "—",
         ws_tr(p, arena_printf(r->arena, "ws.band.%s", health_band_name(band))), bands[band]);
    tile(p, ws_href(p, "evaluation"), "ws.kpi_attainment",
         o->health_in.has_kpi ? pct(p, o->health_in.kpi_attainment) : "—", NULL, NULL);
    double al;
    tile(p, ws_href(p, "strategy"), "ws.alignment",
         ws_alignment_score(&o->analysis.alignment, &al) ? pct(p, al) : "—", NULL, NULL);
    tile(p, ws_href(p, "people"), "ws.coverage",
         arena_printf(r->arena, "%d/%d", o->analysis.coverage.num, o->analysis.coverage.den),
         ws_tr(p, "ws.roles"), NULL);
    tile(p, arena_printf(r->arena, "%s#b-action_item", ws_href(p, "management")),
         "ws.overdue_actions", arena_printf(r->arena, "%d", o->actions_overdue), NULL,
         o->actions_overdue ? "off-track" : NULL);
    buf_puts(p->b, "</ul>");

    html_printf(p->b, "<nav class=\"ws-tabs\" aria-label=\"%a\"><ul>", ws_tr(p, "ws.sections"));
    for (int i = 0; kWsSections[i]; i++)
        html_printf(p->b, "<li><a href=\"%a\"%r>%h</a></li>", ws_href(p, kWsSections[i]),
                    str_eq(p->section, kWsSections[i]) ? " aria-current=\"page\"" : "",
                    ws_tr(p, arena_printf(r->arena, "ws.s.%s", kWsSections[i])));
    buf_puts(p->b, "</ul></nav>");
}

/* Render section of account id; fdef/frid/fcur describe a failed form. */
void ws_render(Req *r, Resp *w, int64_t id, const char *section, const EntityDef *fdef,
               int64_t frid, Record *fcur, int status)
{
    if (r->ctx.actor.role == ROLE_GUEST) {
        ws_guest_page(r, w, id, status);
        return;
    }
    WsPage *p = ARENA_NEW(r->arena, WsPage);
    p->r = r;
    p->w = w;
    p->id = id;
    p->section = ws_section_valid(section) ? section : "overview";
    p->fdef = fdef;
    p->frid = frid;
    p->fcurrent = fcur;
    p->cache = ARENA_ARRAY(r->arena, WsRefCache, REF_CACHE);
    Err keep = r->err;
    err_clear(&r->err);
    if (ws_overview(&r->ctx, id, &p->ov)) {
        page_err(r, w);
        return;
    }
    if (str_eq(p->section, "overview") && !status) {
        int64_t prev;
        ws_visit(&r->ctx, id, &prev);
        err_clear(&r->err);
    }
    r->err = keep;
    bool viewer = r->ctx.actor.role == ROLE_VIEWER;
    p->can_operate = (p->ov.rights & AR_OPERATE) && !viewer;
    p->can_team = (p->ov.rights & AR_TEAM) && !viewer;
    p->can_sponsor = (p->ov.rights & (AR_OPERATE | AR_SPONSOR)) && !viewer;
    const char *name = record_get(p->ov.account, "name");
    Crumb crumbs[] = {{tr(r->lang, "nav.accounts"), "/accounts"}, {name, NULL}};
    p->b = page_begin(r, w, NAV_ACCOUNTS,
                      arena_printf(r->arena, "%s · %s", name,
                                   tr(r->lang, arena_printf(r->arena, "ws.s.%s", p->section))),
                      crumbs, 2);
    if (status) w->status = status;
    header(p);
    if (status && !fdef && r->err.code)
        html_printf(p->b, "<p class=\"form-error\" role=\"alert\">%h</p>", r->err.msg);
    html_printf(p->b, "<div class=\"ws-section ws-%a\">", p->section);
    if (str_eq(p->section, "strategy"))
        ws_strategy_section(p);
    else if (str_eq(p->section, "solutions"))
        ws_solutions_section(p);
    else if (str_eq(p->section, "people"))
        ws_people_section(p);
    else if (str_eq(p->section, "management"))
        ws_management_section(p);
    else if (str_eq(p->section, "evaluation"))
        ws_evaluation_section(p);
    else if (str_eq(p->section, "plan"))
        ws_plan_section(p);
    else
        ws_overview_section(p);
    buf_puts(p->b, "</div>");
    page_end(r, w);
}

void page_account_section_error(Req *r, Resp *w, int64_t id, const char *section)
{
    ws_render(r, w, id, section, NULL, 0, NULL, 422);
}

void page_account(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    if (!id) {
        page_error(r, w, 404, NULL);
        return;
    }
    ws_render(r, w, id, req_query(r, "s"), NULL, 0, NULL, 0);
}
