/* Generic record pages, driven by the entity definitions (svc/model.c):
 * a searchable, sortable, paginated list of any kind of record, a detail page
 * that is also its edit form, a creation form and deletion. The services
 * decide what the signed-in user may see and change; these pages only
 * render, so a record the user may not see answers 404 and a change they may
 * not make answers 403 here exactly as in the API and the CLI. The account
 * workspace and the programme pages build richer views on the same calls. */
#include "../core/text.h"
#include "app.h"
#include "page.h"
#include "pages.h"

#include <string.h>

#define LIST_PAGE_SIZE 50
#define LIST_MAX_COLUMNS 7

/* May a customer guest see this field? Staff see all but secrets. */
static bool field_visible(const Req *r, const FieldDef *f)
{
    if (f->flags & FF_SECRET) return false;
    return r->ctx.actor.role != ROLE_GUEST || (f->flags & FF_GUEST);
}

static const char *entity_title(Req *r, const EntityDef *def, bool plural)
{
    char key[96];
    snprintf(key, sizeof key, "entity.%s%s", plural ? def->plural : def->name, plural ? ".plural" : "");
    const char *t = tr(r->lang, key);
    if (!str_eq(t, key)) return t;
    return field_label(r, plural ? def->plural : def->name);
}

/* The name of the row a reference points to ("Acme SpA" for account 3),
 * or the id when it has no label or cannot be read. */
static const char *ref_label(Req *r, const FieldDef *f, const char *value)
{
    const EntityDef *ref = entity_find(f->ref);
    int64_t id;
    if (!ref || !ref->label || !value || !parse_int64(value, &id)) return value;
    Buf sql;
    buf_init(&sql, r->arena);
    buf_printf(&sql, "SELECT %s FROM %s WHERE id = ?", ref->label, ref->table); /* identifiers from the model */
    Err e = {0};
    DbStmt *st = db_query(r->ctx.db, &e, buf_cstr(&sql), DB_ARGS(DI(id)));
    const char *out = value;
    if (st) {
        if (db_next(st) && db_text(st, 0)) out = arena_strdup(r->arena, db_text(st, 0));
        db_done(st);
    }
    return out;
}

static void cell(Req *r, Buf *b, const EntityDef *def, const FieldDef *f, const char *value)
{
    if (f->type == FT_REF && value && r->ctx.actor.role != ROLE_GUEST) {
        const EntityDef *ref = entity_find(f->ref);
        html_printf(b, "<a href=\"/e/%a/%a\">%h</a>", ref ? ref->plural : "", value, ref_label(r, f, value));
        return;
    }
    if (f->type == FT_REF) {
        html_printf(b, "%h", value ? value : "");
        return;
    }
    (void)def;
    field_display(r, b, f, value);
}

/* The columns a list shows: the label, then searchable, sortable and
 * filterable fields, as many as fit. */
static int list_columns(const Req *r, const EntityDef *def, const FieldDef **cols)
{
    int n = 0;
    if (def->columns) {
        for (int i = 0; def->columns[i] && n < LIST_MAX_COLUMNS; i++) {
            const FieldDef *f = field_find(def, def->columns[i]);
            if (f && field_visible(r, f)) cols[n++] = f;
        }
        return n;
    }
    for (const FieldDef *f = def->fields; f->name && n < LIST_MAX_COLUMNS; f++)
        if (def->label && str_eq(f->name, def->label) && field_visible(r, f)) cols[n++] = f;
    for (const FieldDef *f = def->fields; f->name && n < LIST_MAX_COLUMNS; f++) {
        if (def->label && str_eq(f->name, def->label)) continue;
        if (!field_visible(r, f) || f->type == FT_LONGTEXT) continue;
        if (f->flags & (FF_SEARCH | FF_SORT | FF_FILTER)) cols[n++] = f;
    }
    for (const FieldDef *f = def->fields; f->name && n < 3; f++)
        if (field_visible(r, f) && f->type != FT_LONGTEXT && !(f->flags & (FF_SEARCH | FF_SORT | FF_FILTER)))
            cols[n++] = f;
    return n;
}

/* The list URL with one parameter changed (sort or page), others kept. */
static const char *list_url(Req *r, const char *base, const char *change, const char *value)
{
    Buf u;
    buf_init(&u, r->arena);
    buf_puts(&u, base);
    char sep = strchr(base, '?') ? '&' : '?';
    for (int i = 0; i < r->nquery; i++) {
        if (str_eq(r->query[i].name, change) || (str_eq(change, "sort") && str_eq(r->query[i].name, "page"))) continue;
        if (!r->query[i].value[0]) continue;
        buf_printf(&u, "%c%U=%U", sep, r->query[i].name, r->query[i].value);
        sep = '&';
    }
    if (value) buf_printf(&u, "%c%U=%U", sep, change, value);
    return buf_cstr(&u);
}

static void entity_list(Req *r, Resp *w, const EntityDef *def, const char *base, NavSection nav)
{
    ListQuery q = {0};
    q.limit = LIST_PAGE_SIZE;
    q.q = req_query(r, "q");
    q.sort = req_query(r, "sort");
    q.account_id = req_int(r, "account_id", 0);
    int64_t page = req_int(r, "page", 1);
    if (page < 1) page = 1;
    q.offset = (page - 1) * LIST_PAGE_SIZE;
    for (const FieldDef *f = def->fields; f->name; f++) {
        const char *v = req_query(r, f->name);
        if ((f->flags & FF_FILTER) && v && *v && q.nfilter < LIST_MAX_FILTERS) {
            q.filter[q.nfilter].field = f->name;
            q.filter[q.nfilter].value = v;
            q.nfilter++;
        }
    }
    RecordList list;
    if (ent_list(&r->ctx, def, &q, &list)) {
        page_err(r, w);
        return;
    }
    const char *title = entity_title(r, def, true);
    Crumb crumbs[] = {{title, NULL}};
    Buf *b = page_begin(r, w, nav, title, crumbs, 1);
    html_printf(b, "<div class=\"page-head\"><h1>%h</h1>", title);
    if (str_eq(def->name, "user") && r->ctx.actor.role == ROLE_ADMIN) {
        html_printf(b, "<a class=\"button\" href=\"/admin/users/new\">%h</a>", tr(r->lang, "common.add"));
    } else if (r->ctx.actor.role != ROLE_GUEST && r->ctx.actor.role != ROLE_VIEWER && !(def->opts & EO_NO_CREATE) &&
               def->write != WN_NOBODY) {
        const char *href = q.account_id ? arena_printf(r->arena, "/e/%s/new?account_id=%lld", def->plural,
                                                       (long long)q.account_id)
                                        : arena_printf(r->arena, "/e/%s/new", def->plural);
        html_printf(b, "<a class=\"button\" href=\"%a\">%h</a>", href, tr(r->lang, "common.add"));
    }
    buf_puts(b, "</div>");

    /* Search and filters: a GET form, so the URL can be shared. */
    html_printf(b, "<form method=\"get\" action=\"%a\" class=\"filters\" role=\"search\">", base);
    if (q.account_id) html_printf(b, "<input type=\"hidden\" name=\"account_id\" value=\"%lld\">", (long long)q.account_id);
    html_printf(b,
                "<div class=\"field\"><label for=\"q\">%h</label>"
                "<input type=\"search\" id=\"q\" name=\"q\" value=\"%a\"></div>",
                tr(r->lang, "common.search"), q.q ? q.q : "");
    for (const FieldDef *f = def->fields; f->name; f++) {
        if (!(f->flags & FF_FILTER) || !field_visible(r, f) || f->type != FT_ENUM) continue;
        const char *cur = req_query(r, f->name);
        html_printf(b, "<div class=\"field\"><label for=\"flt-%a\">%h</label><select id=\"flt-%a\" name=\"%a\">"
                       "<option value=\"\">%h</option>",
                    f->name, field_label(r, f->name), f->name, f->name, tr(r->lang, "common.all"));
        for (int i = 0; f->choices[i]; i++)
            html_printf(b, "<option value=\"%a\"%r>%h</option>", f->choices[i],
                        str_eq(cur, f->choices[i]) ? " selected" : "", enum_label(r, f->name, f->choices[i]));
        buf_puts(b, "</select></div>");
    }
    html_printf(b, "<button type=\"submit\">%h</button></form>", tr(r->lang, "common.filter"));

    const FieldDef *cols[LIST_MAX_COLUMNS];
    int ncols = list_columns(r, def, cols);
    int64_t first = list.total ? q.offset + 1 : 0, last = q.offset + list.n;
    Buf count;
    buf_init(&count, r->arena);
    fmt_number(&count, r->lang, (double)first, 0);
    buf_puts(&count, "–");
    fmt_number(&count, r->lang, (double)last, 0);
    buf_printf(&count, " %s ", tr(r->lang, "common.of"));
    fmt_number(&count, r->lang, (double)list.total, 0);
    html_printf(b, "<div class=\"table-wrap\"><table class=\"list\"><caption>%h</caption><thead><tr>",
                buf_cstr(&count));
    for (int i = 0; i < ncols; i++) {
        const FieldDef *f = cols[i];
        if (f->flags & FF_SORT) {
            bool asc = str_eq(q.sort, f->name), desc = q.sort && q.sort[0] == '-' && str_eq(q.sort + 1, f->name);
            const char *next = asc ? arena_printf(r->arena, "-%s", f->name) : f->name;
            html_printf(b, "<th scope=\"col\"%r><a href=\"%a\">%h</a></th>",
                        asc ? " aria-sort=\"ascending\"" : desc ? " aria-sort=\"descending\"" : "",
                        list_url(r, base, "sort", next), field_label(r, f->name));
        } else {
            html_printf(b, "<th scope=\"col\">%h</th>", field_label(r, f->name));
        }
    }
    buf_puts(b, "</tr></thead><tbody>");
    for (int k = 0; k < list.n; k++) {
        Record *rec = &list.items[k];
        const char *href = str_eq(def->name, "account") ? arena_printf(r->arena, "/accounts/%lld", (long long)rec->id)
                                                        : arena_printf(r->arena, "/e/%s/%lld", def->plural, (long long)rec->id);
        buf_puts(b, "<tr>");
        for (int i = 0; i < ncols; i++) {
            const char *v = record_get(rec, cols[i]->name);
            if (i == 0) {
                html_printf(b, "<th scope=\"row\"><a href=\"%a\">%h</a></th>", href,
                            v && *v && cols[i]->type != FT_REF ? field_text(r, cols[i], v)
                                                               : arena_printf(r->arena, "#%lld", (long long)rec->id));
            } else {
                buf_puts(b, "<td>");
                cell(r, b, def, cols[i], v);
                buf_puts(b, "</td>");
            }
        }
        buf_puts(b, "</tr>");
    }
    if (!list.n) html_printf(b, "<tr><td colspan=\"%d\" class=\"empty\">%h</td></tr>", ncols, tr(r->lang, "common.none"));
    buf_puts(b, "</tbody></table></div>");
    /* Pagination. */
    html_printf(b, "<nav class=\"pager\" aria-label=\"%a\">", tr(r->lang, "common.pages"));
    if (page > 1)
        html_printf(b, "<a rel=\"prev\" href=\"%a\">%h</a>",
                    list_url(r, base, "page", arena_printf(r->arena, "%lld", (long long)(page - 1))),
                    tr(r->lang, "common.previous"));
    if (last < list.total)
        html_printf(b, "<a rel=\"next\" href=\"%a\">%h</a>",
                    list_url(r, base, "page", arena_printf(r->arena, "%lld", (long long)(page + 1))),
                    tr(r->lang, "common.next"));
    buf_puts(b, "</nav>");
    page_end(r, w);
}

static const EntityDef *route_entity(Req *r, Resp *w)
{
    const EntityDef *def = entity_find(route_arg(r, 0));
    /* users and the audit log go through the same pages; the service lets
     * only administrators see them. */
    if (!def) {
        page_error(r, w, 404, NULL);
        return NULL;
    }
    return def;
}

void page_entity_list(Req *r, Resp *w)
{
    const EntityDef *def = route_entity(r, w);
    if (def) entity_list(r, w, def, arena_printf(r->arena, "/e/%s", def->plural), NAV_NONE);
}

void page_accounts(Req *r, Resp *w) { entity_list(r, w, entity_find("account"), "/accounts", NAV_ACCOUNTS); }

/* Fill a record from the submitted form: every editable field present. */
/* The record a submitted form describes. An empty non-text field means "no
 * value": on an update it clears the field; on a create it is left unset, so
 * the database default applies (a new account's stage, a KPI's direction). */
static ErrCode record_from_form(Req *r, const EntityDef *def, bool creating, Record **out)
{
    Record *rec = record_new(&r->ctx, def);
    for (const FieldDef *f = def->fields; f->name; f++) {
        if (f->flags & (FF_READONLY | FF_SECRET)) continue;
        const char *v = req_form(r, f->name);
        if (!v) continue;
        bool text = f->type == FT_TEXT || f->type == FT_LONGTEXT;
        if (!text && !*str_trim(arena_strdup(r->arena, v))) {
            if (creating) continue;
            v = NULL;
        }
        if (record_set(&r->ctx, rec, f->name, v)) return r->err.code;
    }
    *out = rec;
    return KAM_OK;
}

/* The record's form: values (stored or as typed), the error beside its field. */
static void record_form(Req *r, Buf *b, const EntityDef *def, const Record *rec, const char *action, bool editable,
                        bool creating)
{
    const char *err_field = r->err.code ? r->err.field : "";
    if (r->err.code && (!err_field[0] || field_index(def, err_field) < 0))
        html_printf(b, "<p class=\"form-error\" role=\"alert\">%h</p>", r->err.msg);
    if (editable) {
        html_printf(b, "<form method=\"post\" action=\"%a\" class=\"record\" novalidate>", action);
        form_csrf(r, b);
        if (!creating) html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)rec->version);
    } else {
        buf_puts(b, "<div class=\"record\">");
    }
    for (const FieldDef *f = def->fields; f->name; f++) {
        if (!field_visible(r, f)) continue;
        if (creating && (f->flags & FF_READONLY)) continue;
        const char *v = r->err.code && req_form(r, f->name) ? req_form(r, f->name) : record_get(rec, f->name);
        const char *error = r->err.code && str_eq(err_field, f->name) ? r->err.msg : NULL;
        if (editable && !(!creating && (f->flags & FF_IMMUTABLE))) {
            form_field(r, b, def, f, v, error);
        } else {
            html_printf(b, "<div class=\"field\"><span class=\"label\">%h</span><span class=\"value\">",
                        field_label(r, f->name));
            cell(r, b, def, f, v);
            buf_puts(b, "</span></div>");
        }
    }
    if (editable)
        html_printf(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%h</button></div></form>",
                    tr(r->lang, "common.save"));
    else buf_puts(b, "</div>");
}

/* Entities whose rows belong to an account: shown as links on its page. */
static void account_sections(Req *r, Buf *b, int64_t account_id)
{
    html_printf(b, "<section><h2>%h</h2><ul class=\"link-list\">", tr(r->lang, "account.records"));
    for (int i = 0; kEntities[i]; i++) {
        const EntityDef *d = kEntities[i];
        if (d->scope != SCOPE_ACCOUNT && d->scope != SCOPE_ACCOUNT_OPTIONAL) continue;
        if (!ent_may_read(&r->ctx, d, account_id)) continue;
        if (r->ctx.actor.role == ROLE_GUEST && d->guest == GUEST_NO) continue;
        html_printf(b, "<li><a href=\"/e/%a?account_id=%lld\">%h</a></li>", d->plural, (long long)account_id,
                    entity_title(r, d, true));
    }
    buf_puts(b, "</ul></section>");
}

static void show_record(Req *r, Resp *w, const EntityDef *def, int64_t id, int status)
{
    Record *rec;
    Err keep = r->err;
    err_clear(&r->err);
    if (ent_get(&r->ctx, def, id, &rec)) {
        page_err(r, w);
        return;
    }
    r->err = keep;
    int64_t account_id = 0;
    Err tmp = {0};
    Ctx c2 = r->ctx;
    c2.err = &tmp;
    record_account(&c2, rec, &account_id);
    bool editable = r->ctx.actor.role != ROLE_GUEST && r->ctx.actor.role != ROLE_VIEWER && def->write != WN_NOBODY &&
                    !(def->opts & EO_APPEND_ONLY) && ent_may_write(&c2, def, account_id);
    bool is_account = str_eq(def->name, "account"), is_programme = str_eq(def->name, "programme");
    const char *list_href = is_account ? "/accounts" : arena_printf(r->arena, "/e/%s", def->plural);
    const char *self = is_account      ? arena_printf(r->arena, "/accounts/%lld", (long long)id)
                       : is_programme ? "/programme"
                                      : arena_printf(r->arena, "/e/%s/%lld", def->plural, (long long)id);
    const char *name = def->label && record_get(rec, def->label) ? record_get(rec, def->label)
                                                                  : arena_printf(r->arena, "#%lld", (long long)id);
    if (is_programme) name = tr(r->lang, "nav.programme");
    Crumb crumbs[] = {{entity_title(r, def, true), list_href}, {name, NULL}};
    Buf *b = page_begin(r, w, is_account ? NAV_ACCOUNTS : is_programme ? NAV_PROGRAMME : NAV_NONE, name,
                        is_programme ? crumbs + 1 : crumbs, is_programme ? 1 : 2);
    if (status) w->status = status;
    html_printf(b, "<div class=\"page-head\"><h1>%h</h1></div>", name);
    record_form(r, b, def, rec, is_programme ? "/programme" : self, editable, false);
    if (is_account) account_sections(r, b, id);
    if (editable && !(def->opts & EO_NO_DELETE) && !is_programme) {
        html_printf(b, "<form method=\"post\" action=\"/e/%a/%lld/delete\" class=\"danger-zone\">", def->plural,
                    (long long)id);
        form_csrf(r, b);
        html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\"><button type=\"submit\" class=\"danger\">%h</button></form>",
                    (long long)rec->version, tr(r->lang, "common.delete"));
    }
    page_end(r, w);
}

void page_entity_show(Req *r, Resp *w)
{
    const EntityDef *def = route_entity(r, w);
    if (!def) return;
    int64_t id = route_id(r, 1);
    if (!id) {
        page_error(r, w, 404, NULL);
        return;
    }
    if (str_eq(def->name, "account")) {
        resp_redirect(r, w, arena_printf(r->arena, "/accounts/%lld", (long long)id));
        return;
    }
    show_record(r, w, def, id, 0);
}


/* Save the form of record id of def; on an input error or a conflict the
 * form is shown again with what the user typed and the message. */
static void update_record(Req *r, Resp *w, const EntityDef *def, int64_t id, const char *self)
{
    int64_t version = req_int(r, "version", 0);
    Record *in = NULL, *out;
    if (record_from_form(r, def, false, &in) || ent_update(&r->ctx, def, id, version, in, &out, NULL)) {
        if (r->err.code == KAM_EINPUT || r->err.code == KAM_ECONFLICT) {
            show_record(r, w, def, id, r->err.code == KAM_ECONFLICT ? 409 : 422);
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.saved");
    resp_redirect(r, w, self);
}

void page_entity_update(Req *r, Resp *w)
{
    const EntityDef *def = route_entity(r, w);
    if (!def) return;
    int64_t id = route_id(r, 1);
    update_record(r, w, def, id, str_eq(def->name, "account") ? arena_printf(r->arena, "/accounts/%lld", (long long)id)
                                                              : arena_printf(r->arena, "/e/%s/%lld", def->plural, (long long)id));
}

void page_account_update(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    update_record(r, w, entity_find("account"), id, arena_printf(r->arena, "/accounts/%lld", (long long)id));
}

void page_programme_update(Req *r, Resp *w) { update_record(r, w, entity_find("programme"), 1, "/programme"); }

static void new_form(Req *r, Resp *w, const EntityDef *def, const Record *rec, int status)
{
    const char *title = entity_title(r, def, false);
    Crumb crumbs[] = {{entity_title(r, def, true), arena_printf(r->arena, "/e/%s", def->plural)},
                      {tr(r->lang, "common.new"), NULL}};
    Buf *b = page_begin(r, w, NAV_NONE, title, crumbs, 2);
    if (status) w->status = status;
    html_printf(b, "<h1>%h: %h</h1>", tr(r->lang, "common.new"), title);
    record_form(r, b, def, rec, arena_printf(r->arena, "/e/%s", def->plural), true, true);
    page_end(r, w);
}

void page_entity_new(Req *r, Resp *w)
{
    const EntityDef *def = route_entity(r, w);
    if (!def) return;
    if ((def->opts & EO_NO_CREATE) || def->write == WN_NOBODY) {
        page_error(r, w, 404, NULL);
        return;
    }
    Record *rec = record_new(&r->ctx, def);
    const char *acct = req_query(r, "account_id");
    if (acct && field_index(def, "account_id") >= 0) record_set(&r->ctx, rec, "account_id", acct);
    err_clear(&r->err);
    new_form(r, w, def, rec, 0);
}

void page_entity_create(Req *r, Resp *w)
{
    const EntityDef *def = route_entity(r, w);
    if (!def) return;
    Record *in = NULL, *out;
    if (record_from_form(r, def, true, &in) || ent_create(&r->ctx, def, in, &out)) {
        if (r->err.code == KAM_EINPUT || r->err.code == KAM_ECONFLICT) {
            new_form(r, w, def, in ? in : record_new(&r->ctx, def), 422);
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.created");
    resp_redirect(r, w, str_eq(def->name, "account") ? arena_printf(r->arena, "/accounts/%lld", (long long)out->id)
                                                     : arena_printf(r->arena, "/e/%s/%lld", def->plural, (long long)out->id));
}

void page_entity_delete(Req *r, Resp *w)
{
    const EntityDef *def = route_entity(r, w);
    if (!def) return;
    int64_t id = route_id(r, 1);
    if (ent_delete(&r->ctx, def, id, req_int(r, "version", 0))) {
        if (r->err.code == KAM_ECONFLICT) {
            show_record(r, w, def, id, 409);
            return;
        }
        page_err(r, w);
        return;
    }
    resp_flash(r, w, "flash.deleted");
    resp_redirect(r, w, str_eq(def->name, "account") ? "/accounts" : arena_printf(r->arena, "/e/%s", def->plural));
}
