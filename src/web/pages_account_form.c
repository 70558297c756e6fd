/* The workspace's forms (see pages_account.h): one record's form with the
 * chosen fields, posting to the workspace's record endpoints; on a failed
 * save it shows what was typed with the error beside its field, and on a
 * conflict both versions side by side; and the block of a kind of record: a
 * table with edit links, the edit form in place, and an add form. */
#include "pages_account.h"

#include "../core/text.h"
#include "app.h"

#include <string.h>

/* id and "unit × offering" of the solution cells of an account. */
static const char kCellOptionsSql[] =
    "SELECT c.id, u.name || ' × ' || o.name FROM solution_cell c JOIN customer_unit u "
    "ON u.id = c.unit_id JOIN offering o ON o.id = c.offering_id WHERE c.account_id = "
    "? ORDER BY u.sort, u.name, o.code LIMIT 500";

/* ---- forms -------------------------------------------------------------- */

/* Choices for a reference field: rows of this account, offerings, or our
 * people on the account team. NULL: a plain input. */
static WsOpt *ref_options(WsPage *p, const FieldDef *f, int *n)
{
    *n = 0;
    const EntityDef *ref = entity_find(f->ref);
    if (!ref) return NULL;
    const char *sql = NULL;
    int nargs = 0;
    if (str_eq(f->ref, "person") && (f->flags & FF_INTERNAL_PERSON)) {
        sql = "SELECT p.id, p.full_name FROM person p WHERE p.id IN (SELECT person_id FROM "
              "team_member WHERE "
              "account_id = ?) OR p.id IN (SELECT kam_id FROM account WHERE id = ?) OR p.id IN "
              "(SELECT "
              "sponsor_id FROM account WHERE id = ?) ORDER BY p.full_name LIMIT 300";
        nargs = 3;
    } else if (str_eq(f->ref, "solution_cell")) {
        sql = kCellOptionsSql;
        nargs = 1;
    } else if (str_eq(f->ref, "offering")) {
        sql =
            "SELECT id, code || ' ' || name FROM offering WHERE active = 1 ORDER BY code LIMIT 500";
    } else if ((ref->scope == SCOPE_ACCOUNT || ref->scope == SCOPE_ACCOUNT_OPTIONAL) &&
               ref->label) {
        Buf s;
        buf_init(&s, p->r->arena);
        buf_printf(&s, "SELECT id, %s FROM %s WHERE account_id = ? ORDER BY id LIMIT 500",
                   ref->label, ref->table);
        sql = buf_cstr(&s);
        nargs = 1;
    }
    if (!sql) return NULL;
    DbArg args[3] = {DI(p->id), DI(p->id), DI(p->id)};
    Err e = {0};
    DbStmt *st = db_query(p->r->ctx.db, &e, sql, args, nargs);
    if (!st) return NULL;
    int cap = 16;
    WsOpt *o = ARENA_ARRAY(p->r->arena, WsOpt, cap);
    while (db_next(st)) {
        if (*n == cap) {
            o = arena_realloc(p->r->arena, o, sizeof(WsOpt) * cap, sizeof(WsOpt) * cap * 2);
            cap *= 2;
        }
        o[*n].id = db_int(st, 0);
        o[*n].label = arena_strdup(p->r->arena, db_text(st, 1) ? db_text(st, 1) : "");
        (*n)++;
    }
    db_done(st);
    return o;
}

/* One labelled input, with an id unique on the page (prefix). */
static void ws_field(WsPage *p, const FieldDef *f, const char *prefix, const char *value,
                     const char *error)
{
    Req *r = p->r;
    Buf *b = p->b;
    const char *id = arena_printf(r->arena, "%s-%s", prefix, f->name);
    const char *v = value ? value : "";
    bool req = (f->flags & FF_REQUIRED) != 0;
    const char *described =
        error ? arena_printf(r->arena, " aria-invalid=\"true\" aria-describedby=\"%s-err\"", id)
              : "";
    html_printf(b, "<div class=\"field%r\"><label for=\"%a\">%h%r</label>",
                error ? " has-error" : "", id, field_label(r, f->name),
                req ? " <abbr class=\"req\" title=\"required\">*</abbr>" : "");
    int nopt = 0;
    WsOpt *opts = f->type == FT_REF ? ref_options(p, f, &nopt) : NULL;
    if (opts) {
        html_printf(b, "<select id=\"%a\" name=\"%a\"%r><option value=\"\"></option>", id, f->name,
                    described);
        bool found = !*v;
        for (int i = 0; i < nopt; i++) {
            const char *oid = arena_printf(r->arena, "%lld", (long long)opts[i].id);
            bool sel = str_eq(oid, v);
            found |= sel;
            html_printf(b, "<option value=\"%a\"%r>%h</option>", oid, sel ? " selected" : "",
                        opts[i].label);
        }
        if (!found)
            html_printf(b, "<option value=\"%a\" selected>%h</option>", v,
                        ws_ref_label(p, f->ref, v));
        buf_puts(b, "</select>");
    } else if (f->type == FT_LONGTEXT) {
        html_printf(b, "<textarea id=\"%a\" name=\"%a\" rows=\"3\"%r%r>%h</textarea>", id, f->name,
                    req ? " required" : "", described, v);
    } else if (f->type == FT_ENUM) {
        html_printf(b, "<select id=\"%a\" name=\"%a\"%r>", id, f->name, described);
        if (!req) buf_puts(b, "<option value=\"\"></option>");
        for (int i = 0; f->choices && f->choices[i]; i++)
            html_printf(b, "<option value=\"%a\"%r>%h</option>", f->choices[i],
                        str_eq(v, f->choices[i]) ? " selected" : "",
                        enum_label(r, f->name, f->choices[i]));
        buf_puts(b, "</select>");
    } else if (f->type == FT_BOOL) {
        html_printf(b,
                    "<input type=\"hidden\" name=\"%a\" value=\"0\"><input type=\"checkbox\" "
                    "id=\"%a\" name=\"%a\" "
                    "value=\"1\"%r%r>",
                    f->name, id, f->name, str_eq(v, "1") ? " checked" : "", described);
    } else {
        const char *type = f->type == FT_DATE ? "date" : f->type == FT_MONTH ? "month" : "text";
        const char *mode = f->type == FT_INT || f->type == FT_REF ? " inputmode=\"numeric\""
                           : f->type == FT_REAL                   ? " inputmode=\"decimal\""
                                                                  : "";
        html_printf(b, "<input type=\"%a\" id=\"%a\" name=\"%a\" value=\"%a\"%r%r%r>", type, id,
                    f->name, v, mode, req ? " required" : "", described);
    }
    if (error) html_printf(b, "<p class=\"field-error\" id=\"%a-err\">%h</p>", id, error);
    buf_puts(b, "</div>");
}

/* Both versions of a record that someone else changed meanwhile. */
static void conflict_table(WsPage *p, const EntityDef *def, const char *const *fields)
{
    Req *r = p->r;
    html_printf(p->b,
                "<div class=\"warning-box ws-conflict\" role=\"alert\"><p>%h</p><table "
                "class=\"list\"><thead><tr>"
                "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th "
                "scope=\"col\">%h</th></tr></thead><tbody>",
                ws_tr(p, "ws.conflict"), ws_tr(p, "ws.conflict.field"),
                ws_tr(p, "ws.conflict.yours"), ws_tr(p, "ws.conflict.theirs"));
    for (int i = 0; fields[i]; i++) {
        const FieldDef *f = field_find(def, fields[i]);
        if (!f) continue;
        const char *mine = req_form(r, f->name), *theirs = record_get(p->fcurrent, f->name);
        bool differ = !str_eq(mine ? mine : "", theirs ? theirs : "");
        html_printf(p->b, "<tr%r><th scope=\"row\">%h</th><td>",
                    differ ? " class=\"ws-differs\"" : "", field_label(r, f->name));
        ws_cell(p, f, mine);
        buf_puts(p->b, "</td><td>");
        ws_cell(p, f, theirs);
        buf_puts(p->b, "</td></tr>");
    }
    html_printf(p->b, "</tbody></table><p>%h</p></div>", ws_tr(p, "ws.conflict.hint"));
}

void ws_form(WsPage *p, const EntityDef *def, const Record *rec, const char *const *fields,
             const char *submit_key)
{
    Req *r = p->r;
    int64_t rid = rec ? rec->id : 0;
    bool failed = p->fdef == def && p->frid == rid && r->err.code;
    /* The account's own form keeps the ids of the generic record page (f-NAME):
     * there is one per section page. */
    const char *prefix = def->scope == SCOPE_ACCOUNT_SELF
                             ? "f"
                             : arena_printf(r->arena, "%s-%lld", def->name, (long long)rid);
    if (failed && p->fcurrent) conflict_table(p, def, fields);
    if (failed && !p->fcurrent && (!r->err.field[0] || field_index(def, r->err.field) < 0))
        html_printf(p->b, "<p class=\"form-error\" role=\"alert\">%h</p>", r->err.msg);
    const char *action =
        rid ? arena_printf(r->arena, "/accounts/%lld/records/%s/%lld", (long long)p->id,
                           def->plural, (long long)rid)
            : arena_printf(r->arena, "/accounts/%lld/records/%s", (long long)p->id, def->plural);
    html_printf(p->b,
                "<form method=\"post\" action=\"%a\" class=\"record ws-form\" id=\"form-%a-%lld\" "
                "novalidate>",
                action, def->name, (long long)rid);
    form_csrf(r, p->b);
    html_printf(p->b, "<input type=\"hidden\" name=\"s\" value=\"%a\">", p->section);
    if (rid) {
        int64_t version = failed && p->fcurrent ? p->fcurrent->version : rec->version;
        html_printf(p->b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                    (long long)version);
    }
    for (int i = 0; fields[i]; i++) {
        const FieldDef *f = field_find(def, fields[i]);
        if (!f || (f->flags & (FF_READONLY | FF_SECRET))) continue;
        if (rid && (f->flags & FF_IMMUTABLE)) continue;
        const char *v = failed ? req_form(r, f->name)
                        : rec  ? record_get(rec, f->name)
                               : req_query(r, f->name);
        const char *err =
            failed && !p->fcurrent && str_eq(r->err.field, f->name) ? r->err.msg : NULL;
        ws_field(p, f, prefix, v, err);
    }
    html_printf(p->b,
                "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%h</button>",
                ws_tr(p, submit_key ? submit_key
                         : rid      ? "common.save"
                                    : "common.add"));
    if (rid)
        html_printf(p->b, "<a href=\"%a\">%h</a>", ws_href(p, p->section), ws_tr(p, "ws.cancel"));
    buf_puts(p->b, "</div></form>");
    if (rid && !(def->opts & EO_NO_DELETE) && def->scope != SCOPE_ACCOUNT_SELF) {
        html_printf(p->b,
                    "<form method=\"post\" action=\"/accounts/%lld/records/%a/%lld/delete\" "
                    "class=\"danger-zone\">",
                    (long long)p->id, def->plural, (long long)rid);
        form_csrf(r, p->b);
        html_printf(p->b,
                    "<input type=\"hidden\" name=\"s\" value=\"%a\"><input type=\"hidden\" "
                    "name=\"version\" "
                    "value=\"%lld\"><button type=\"submit\" class=\"danger\">%h</button></form>",
                    p->section, (long long)rec->version, ws_tr(p, "common.delete"));
    }
}

void ws_block(WsPage *p, const char *kind, const char *title_key, const char *const *cols,
              const char *const *form_fields, const char *empty_key)
{
    ws_block_where(p, kind, NULL, NULL, title_key, cols, form_fields, empty_key);
}

void ws_block_where(WsPage *p, const char *kind, const char *field, const char *value,
                    const char *title_key, const char *const *cols, const char *const *form_fields,
                    const char *empty_key)
{
    Req *r = p->r;
    const EntityDef *def = entity_find(kind);
    RecordList list = ws_list_where(p, kind, field, value, 0);
    bool may_write = def->write != WN_NOBODY && ent_may_write(&r->ctx, def, p->id) &&
                     r->ctx.actor.role != ROLE_VIEWER;
    bool may_edit = may_write && !(def->opts & EO_APPEND_ONLY);
    html_printf(p->b, "<section class=\"ws-block\" id=\"b-%a\"><h3>%h</h3>", def->name,
                ws_tr(p, title_key));
    if (!list.n) {
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div>", ws_tr(p, empty_key));
    } else {
        buf_puts(p->b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr>");
        for (int i = 0; cols[i]; i++)
            html_printf(p->b, "<th scope=\"col\">%h</th>", field_label(r, cols[i]));
        if (may_edit)
            html_printf(p->b, "<th scope=\"col\"><span class=\"visually-hidden\">%h</span></th>",
                        ws_tr(p, "ws.edit"));
        buf_puts(p->b, "</tr></thead><tbody>");
        for (int k = 0; k < list.n; k++) {
            Record *rec = &list.items[k];
            const char *cls = "";
            if (str_eq(kind, "action_item") && str_eq(record_get(rec, "status"), "open") &&
                record_get(rec, "due_on") && strcmp(record_get(rec, "due_on"), r->ctx.today) < 0)
                cls = " class=\"ws-overdue\"";
            html_printf(p->b, "<tr%r>", cls);
            for (int i = 0; cols[i]; i++) {
                const FieldDef *f = field_find(def, cols[i]);
                buf_puts(p->b, i == 0 ? "<th scope=\"row\">" : "<td>");
                if (f) ws_cell(p, f, record_get(rec, cols[i]));
                if (i == 0 && *cls)
                    html_printf(p->b, " <span class=\"badge badge-bad\">%h</span>",
                                ws_tr(p, "ws.overdue"));
                buf_puts(p->b, i == 0 ? "</th>" : "</td>");
            }
            if (may_edit)
                html_printf(
                    p->b,
                    "<td><a href=\"/accounts/%lld?s=%a&amp;edit=%a-%lld#form-%a-%lld\">%h</a></td>",
                    (long long)p->id, p->section, def->name, (long long)rec->id, def->name,
                    (long long)rec->id, ws_tr(p, "ws.edit"));
            buf_puts(p->b, "</tr>");
        }
        buf_puts(p->b, "</tbody></table></div>");
        for (int k = 0; k < list.n && may_edit; k++)
            if (ws_editing(p, def, list.items[k].id))
                ws_form(p, def, &list.items[k], form_fields, NULL);
    }
    if (may_write && !(def->opts & EO_NO_CREATE)) {
        bool open = p->fdef == def && p->frid == 0 && r->err.code;
        html_printf(p->b, "<details class=\"ws-add\"%r><summary>%h</summary>", open ? " open" : "",
                    ws_tr(p, "common.add"));
        ws_form(p, def, NULL, form_fields, NULL);
        buf_puts(p->b, "</details>");
    }
    buf_puts(p->b, "</section>");
}
