/* The generic create / read / list / update / delete over EntityDefs.
 * See entity.h for the contract; model.c holds the definitions. */
#include "entity.h"

#include "acl.h"
#include "audit.h"
#include "../core/buf.h"
#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_DEFAULT_MAX 200
#define LONGTEXT_DEFAULT_MAX 20000
#define MAX_ARGS 96 /* fields + filters + access arguments of one statement */
#define PARENT_DEPTH_MAX 4

/* ------------------------------------------------------------------ lookup */

const EntityDef *entity_find(const char *name)
{
    if (!name) return NULL;
    for (int i = 0; kEntities[i]; i++)
        if (str_eq(kEntities[i]->name, name) || str_eq(kEntities[i]->plural, name)) return kEntities[i];
    return NULL;
}

int entity_nfields(const EntityDef *def)
{
    int n = 0;
    while (def->fields[n].name) n++;
    return n;
}

int field_index(const EntityDef *def, const char *name)
{
    if (!name) return -1;
    for (int i = 0; def->fields[i].name; i++)
        if (str_eq(def->fields[i].name, name)) return i;
    return -1;
}

const FieldDef *field_find(const EntityDef *def, const char *name)
{
    int i = field_index(def, name);
    return i < 0 ? NULL : &def->fields[i];
}

const char *field_type_name(FieldType t)
{
    switch (t) {
    case FT_TEXT: return "text";
    case FT_LONGTEXT: return "longtext";
    case FT_INT: return "integer";
    case FT_REAL: return "number";
    case FT_BOOL: return "boolean";
    case FT_DATE: return "date";
    case FT_MONTH: return "month";
    case FT_ENUM: return "enum";
    case FT_REF: return "reference";
    case FT_TIMESTAMP: return "timestamp";
    }
    return "text";
}

/* ------------------------------------------------------------------ records */

Record *record_new(Ctx *c, const EntityDef *def)
{
    Record *r = ARENA_NEW(c->arena, Record);
    r->def = def;
    r->nfields = entity_nfields(def);
    r->val = ARENA_ARRAY(c->arena, const char *, r->nfields + 1);
    r->set = ARENA_ARRAY(c->arena, bool, r->nfields + 1);
    return r;
}

ErrCode record_set(Ctx *c, Record *r, const char *field, const char *value)
{
    int i = field_index(r->def, field);
    if (i < 0)
        return err_field(c->err, KAM_EINPUT, field, "%s has no field \"%s\"", r->def->name, field);
    r->val[i] = value ? arena_strdup(c->arena, value) : NULL;
    r->set[i] = true;
    return KAM_OK;
}

const char *record_get(const Record *r, const char *field)
{
    int i = field_index(r->def, field);
    return i < 0 ? NULL : r->val[i];
}

int64_t record_int(const Record *r, const char *field)
{
    const char *v = record_get(r, field);
    int64_t n = 0;
    if (v) parse_int64(v, &n);
    return n;
}

static Record *record_copy(Ctx *c, const Record *src)
{
    Record *r = record_new(c, src->def);
    r->id = src->id;
    r->version = src->version;
    r->created_at = src->created_at;
    r->updated_at = src->updated_at;
    for (int i = 0; i < r->nfields; i++) r->val[i] = src->val[i];
    return r;
}

const char *record_title(Ctx *c, const Record *r)
{
    const char *label = r->def->label ? record_get(r, r->def->label) : NULL;
    if (label && *label)
        return arena_printf(c->arena, "%s %lld \xE2\x80\x9C%s\xE2\x80\x9D", r->def->name, (long long)r->id, label);
    return arena_printf(c->arena, "%s %lld", r->def->name, (long long)r->id);
}

/* ------------------------------------------------------------------ SQL pieces */

static void select_list(const EntityDef *def, const char *alias, Buf *sql)
{
    buf_printf(sql, "%s.id", alias);
    if (def->opts & EO_VERSIONED) buf_printf(sql, ", %s.version, %s.updated_at", alias, alias);
    else buf_puts(sql, ", 1, 0");
    if (def->opts & EO_CREATED) buf_printf(sql, ", %s.created_at", alias);
    else buf_puts(sql, ", 0");
    for (int i = 0; def->fields[i].name; i++) buf_printf(sql, ", %s.%s", alias, def->fields[i].name);
}

static Record *row_to_record(Ctx *c, const EntityDef *def, DbStmt *st)
{
    Record *r = record_new(c, def);
    r->id = db_int(st, 0);
    r->version = db_int(st, 1);
    r->updated_at = db_int(st, 2);
    r->created_at = db_int(st, 3);
    for (int i = 0; i < r->nfields; i++) {
        const char *t = db_text(st, 4 + i);
        if (!t) continue;
        if (def->fields[i].type == FT_REAL) {
            /* one canonical text form for reals whatever the backend prints */
            double d = db_real(st, 4 + i);
            char tmp[40];
            snprintf(tmp, sizeof tmp, "%.15g", d);
            r->val[i] = arena_strdup(c->arena, tmp);
        } else {
            r->val[i] = arena_strdup(c->arena, t);
        }
    }
    return r;
}

/* Load one row without access checks (internal). KAM_ENOTFOUND if absent. */
static ErrCode load_row(Ctx *c, const EntityDef *def, int64_t id, Record **out)
{
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql, "SELECT ");
    select_list(def, "t", &sql);
    buf_printf(&sql, " FROM %s t WHERE t.id = ?", def->table);
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), DB_ARGS(DI(id)));
    if (!st) return c->err->code;
    Record *r = db_next(st) ? row_to_record(c, def, st) : NULL;
    if (db_done(st)) return c->err->code;
    if (!r) return err_set(c->err, KAM_ENOTFOUND, "%s %lld not found", def->name, (long long)id);
    *out = r;
    return KAM_OK;
}

ErrCode record_account(Ctx *c, const Record *r, int64_t *account_id)
{
    const EntityDef *def = r->def;
    *account_id = 0;
    switch (def->scope) {
    case SCOPE_ACCOUNT_SELF: *account_id = r->id; return KAM_OK;
    case SCOPE_ACCOUNT:
    case SCOPE_ACCOUNT_OPTIONAL: *account_id = record_int(r, "account_id"); return KAM_OK;
    case SCOPE_VIA_PARENT: {
        const EntityDef *pdef = entity_find(def->parent);
        Record *parent;
        int64_t pid = record_int(r, def->parent_field);
        if (!pdef || !pid) return KAM_OK;
        if (load_row(c, pdef, pid, &parent)) return c->err->code;
        return record_account(c, parent, account_id);
    }
    default: return KAM_OK;
    }
}

/* def->guest_where with its @ replaced by alias. */
static const char *guest_condition(Ctx *c, const EntityDef *def, const char *alias)
{
    Buf b;
    buf_init(&b, c->arena);
    for (const char *p = def->guest_where; *p; p++) {
        if (*p == '@') buf_puts(&b, alias);
        else buf_putc(&b, *p);
    }
    return buf_cstr(&b);
}

/* Guest visibility of one row: its own rule and its parents'. */
static ErrCode guest_sees_row(Ctx *c, const Record *r, bool *sees)
{
    const EntityDef *def = r->def;
    *sees = false;
    if (def->guest == GUEST_NO) return KAM_OK;
    if (def->guest == GUEST_FLAG && !str_eq(record_get(r, def->guest_flag), "1")) return KAM_OK;
    if (def->guest == GUEST_WHERE) {
        int64_t n = 0;
        const char *sql = arena_printf(c->arena, "SELECT count(*) FROM %s t WHERE t.id = ? AND %s", def->table,
                                       guest_condition(c, def, "t"));
        if (db_one_int(c->db, c->err, sql, DB_ARGS(DI(r->id)), &n)) return c->err->code;
        if (!n) return KAM_OK;
    }
    if (def->scope == SCOPE_VIA_PARENT) {
        const EntityDef *pdef = entity_find(def->parent);
        Record *parent;
        if (load_row(c, pdef, record_int(r, def->parent_field), &parent)) return c->err->code;
        return guest_sees_row(c, parent, sees);
    }
    *sees = true;
    return KAM_OK;
}

static bool is_account_scoped(const EntityDef *def)
{
    return def->scope == SCOPE_ACCOUNT || def->scope == SCOPE_ACCOUNT_OPTIONAL ||
           def->scope == SCOPE_VIA_PARENT || def->scope == SCOPE_ACCOUNT_SELF;
}

/* ------------------------------------------------------------------ access */

bool ent_may_read(Ctx *c, const EntityDef *def, int64_t account_id)
{
    const Actor *a = &c->actor;
    if (is_account_scoped(def) && account_id) {
        unsigned rights = 0;
        if (acl_account_rights(c, account_id, &rights)) return false;
        if (rights & AR_READ) return true;
        return (rights & AR_GUEST) && def->guest != GUEST_NO;
    }
    switch (def->scope) {
    case SCOPE_DIRECTORY: return a->role != ROLE_GUEST && a->role != ROLE_NONE;
    case SCOPE_ADMIN: return acl_is_admin(a);
    default: return acl_sees_programme(a);
    }
}

bool ent_may_write(Ctx *c, const EntityDef *def, int64_t account_id)
{
    const Actor *a = &c->actor;
    unsigned rights = 0;
    if (def->scope == SCOPE_ACCOUNT_SELF && !account_id)
        return acl_edits_programme(a) || a->role == ROLE_KAM; /* a new account */
    if (is_account_scoped(def) && account_id && acl_account_rights(c, account_id, &rights)) return false;
    switch (def->write) {
    case WN_OPERATE: return account_id ? (rights & AR_OPERATE) != 0 : acl_edits_programme(a);
    case WN_TEAM: return account_id ? (rights & AR_TEAM) != 0 : acl_edits_programme(a);
    case WN_SPONSOR: return account_id ? (rights & (AR_OPERATE | AR_SPONSOR)) != 0 : acl_edits_programme(a);
    case WN_PROGRAMME: return acl_edits_programme(a) && (!account_id || rights & AR_READ);
    case WN_ADMIN: return acl_is_admin(a);
    case WN_REMARK: return (rights & (AR_OPERATE | AR_GUEST)) != 0;
    case WN_DIRECTORY: return acl_is_staff(a);
    case WN_NOBODY: return false;
    }
    return false;
}

/* Not visible: 404 for account data (its existence is not revealed),
 * 403 for areas whose existence is no secret. */
static ErrCode deny_read(Ctx *c, const EntityDef *def, int64_t id)
{
    if (is_account_scoped(def) || def->scope == SCOPE_DIRECTORY)
        return err_set(c->err, KAM_ENOTFOUND, "%s %lld not found", def->name, (long long)id);
    return err_set(c->err, KAM_EFORBIDDEN, "your role may not see %s records", def->name);
}

static ErrCode deny_write(Ctx *c, const EntityDef *def, const char *what)
{
    return err_set(c->err, KAM_EFORBIDDEN, "your role (%s) may not %s %s records", role_name(c->actor.role),
                   what, def->name);
}

/* Read access to an existing row; on refusal, the right error. */
static ErrCode check_read(Ctx *c, const Record *r)
{
    int64_t acct = 0;
    if (record_account(c, r, &acct)) return c->err->code;
    if (!ent_may_read(c, r->def, acct)) return deny_read(c, r->def, r->id);
    if (r->def->own_field && !acl_edits_programme(&c->actor) &&
        (!c->actor.person_id || record_int(r, r->def->own_field) != c->actor.person_id))
        return deny_read(c, r->def, r->id);
    if (c->actor.role == ROLE_GUEST) {
        bool sees = false;
        if (guest_sees_row(c, r, &sees)) return c->err->code;
        if (!sees) return deny_read(c, r->def, r->id);
    }
    return KAM_OK;
}

ErrCode ent_get(Ctx *c, const EntityDef *def, int64_t id, Record **out)
{
    Record *r;
    if (load_row(c, def, id, &r)) return c->err->code;
    if (check_read(c, r)) return c->err->code;
    *out = r;
    return KAM_OK;
}

/* ------------------------------------------------------------------ list */

/* Restrict alias.<account column> of def to what the actor may see, and to
 * account_id when given; recurses through parents. */
static ErrCode scope_filter(Ctx *c, const EntityDef *def, const char *alias, int depth, int64_t account_id,
                            Buf *sql, DbArg *args, int *nargs)
{
    const Actor *a = &c->actor;
    char col[64];
    switch (def->scope) {
    case SCOPE_ACCOUNT_SELF:
    case SCOPE_ACCOUNT:
    case SCOPE_ACCOUNT_OPTIONAL:
        snprintf(col, sizeof col, "%s.%s", alias, def->scope == SCOPE_ACCOUNT_SELF ? "id" : "account_id");
        if (def->scope == SCOPE_ACCOUNT_OPTIONAL && !account_id) {
            /* programme rows (NULL account) for those who see the programme */
            Buf inner;
            buf_init(&inner, c->arena);
            acl_account_filter(a, col, &inner, args, nargs);
            if (acl_sees_programme(a))
                buf_printf(sql, " AND (%s IS NULL OR (%s IS NOT NULL%s))", col, col, buf_cstr(&inner));
            else buf_printf(sql, " AND %s IS NOT NULL%s", col, buf_cstr(&inner));
        } else {
            acl_account_filter(a, col, sql, args, nargs);
            if (account_id) {
                buf_printf(sql, " AND %s = ?", col);
                args[(*nargs)++] = DI(account_id);
            }
        }
        break;
    case SCOPE_VIA_PARENT: {
        const EntityDef *pdef = entity_find(def->parent);
        if (!pdef || depth >= PARENT_DEPTH_MAX) return err_set(c->err, KAM_EINTERNAL, "bad parent of %s", def->name);
        char palias[16];
        snprintf(palias, sizeof palias, "p%d", depth + 1);
        buf_printf(sql, " AND %s.%s IN (SELECT %s.id FROM %s %s WHERE 1 = 1", alias, def->parent_field, palias,
                   pdef->table, palias);
        if (scope_filter(c, pdef, palias, depth + 1, account_id, sql, args, nargs)) return c->err->code;
        buf_putc(sql, ')');
        break;
    }
    default:
        if (def->own_field && !acl_edits_programme(a)) {
            buf_printf(sql, " AND %s.%s = ?", alias, def->own_field);
            args[(*nargs)++] = DI(a->person_id ? a->person_id : -1);
        }
        if (account_id && field_index(def, "account_id") >= 0) {
            buf_printf(sql, " AND %s.account_id = ?", alias);
            args[(*nargs)++] = DI(account_id);
        }
        break;
    }
    if (a->role == ROLE_GUEST && def->guest == GUEST_FLAG) buf_printf(sql, " AND %s.%s = 1", alias, def->guest_flag);
    if (a->role == ROLE_GUEST && def->guest == GUEST_WHERE) buf_printf(sql, " AND %s", guest_condition(c, def, alias));
    return KAM_OK;
}

static ErrCode normalise_value(Ctx *c, const EntityDef *def, const FieldDef *fd, const char *in, const char **out);

/* Escape LIKE wildcards so a search for "50%" finds "50%". */
static const char *like_pattern(Ctx *c, const char *q)
{
    Buf b;
    buf_init(&b, c->arena);
    buf_putc(&b, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') buf_putc(&b, '\\');
        buf_putc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
    }
    buf_putc(&b, '%');
    return buf_cstr(&b);
}

ErrCode ent_list(Ctx *c, const EntityDef *def, const ListQuery *q, RecordList *out)
{
    memset(out, 0, sizeof *out);
    const Actor *a = &c->actor;
    if (a->role == ROLE_GUEST && def->guest == GUEST_NO)
        return err_set(c->err, KAM_EFORBIDDEN, "%s records are not part of the customer view", def->name);
    if (!is_account_scoped(def) && !ent_may_read(c, def, 0))
        return err_set(c->err, KAM_EFORBIDDEN, "your role may not see %s records", def->name);
    if (q->account_id && is_account_scoped(def)) {
        unsigned rights = 0;
        if (acl_account_rights(c, q->account_id, &rights)) return c->err->code;
        if (!(rights & (AR_READ | AR_GUEST)))
            return err_set(c->err, KAM_ENOTFOUND, "account %lld not found", (long long)q->account_id);
    }

    DbArg args[MAX_ARGS];
    int nargs = 0;
    Buf where;
    buf_init(&where, c->arena);
    buf_puts(&where, " WHERE 1 = 1");
    if (scope_filter(c, def, "t", 0, q->account_id, &where, args, &nargs)) return c->err->code;

    for (int i = 0; i < q->nfilter; i++) {
        const FieldDef *fd = field_find(def, q->filter[i].field);
        if (!fd || (fd->flags & FF_SECRET))
            return err_field(c->err, KAM_EINPUT, q->filter[i].field, "%s cannot be filtered on \"%s\"",
                             def->plural, q->filter[i].field);
        if (a->role == ROLE_GUEST && !(fd->flags & FF_GUEST))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s cannot be filtered on \"%s\"", def->plural, fd->name);
        const char *v;
        if (normalise_value(c, def, fd, q->filter[i].value, &v)) return c->err->code;
        if (nargs >= MAX_ARGS - 4) return err_set(c->err, KAM_ELIMIT, "too many filters");
        if (!v) {
            buf_printf(&where, " AND t.%s IS NULL", fd->name);
        } else {
            buf_printf(&where, " AND t.%s = ?", fd->name);
            if (fd->type == FT_REAL) args[nargs++] = DR(atof(v));
            else if (fd->type == FT_INT || fd->type == FT_REF || fd->type == FT_BOOL || fd->type == FT_TIMESTAMP)
                args[nargs++] = DI(atoll(v));
            else args[nargs++] = DT(v);
        }
    }
    if (q->q && *q->q) {
        const char *pat = like_pattern(c, q->q);
        bool any = false;
        for (int i = 0; def->fields[i].name; i++) {
            const FieldDef *fd = &def->fields[i];
            if (!(fd->flags & FF_SEARCH)) continue;
            if (a->role == ROLE_GUEST && !(fd->flags & FF_GUEST)) continue;
            if (nargs >= MAX_ARGS - 2) break;
            buf_printf(&where, "%s lower(t.%s) LIKE ? ESCAPE '\\'", any ? " OR" : " AND (", fd->name);
            args[nargs++] = DT(pat);
            any = true;
        }
        if (any) buf_putc(&where, ')');
    }

    /* total */
    Buf sql;
    buf_init(&sql, c->arena);
    buf_printf(&sql, "SELECT count(*) FROM %s t%s", def->table, buf_cstr(&where));
    if (db_one_int(c->db, c->err, buf_cstr(&sql), args, nargs, &out->total)) return c->err->code;

    buf_reset(&sql);
    buf_puts(&sql, "SELECT ");
    select_list(def, "t", &sql);
    buf_printf(&sql, " FROM %s t%s ORDER BY ", def->table, buf_cstr(&where));
    if (q->sort && *q->sort) {
        bool desc = q->sort[0] == '-';
        const char *name = q->sort + (desc || q->sort[0] == '+');
        const FieldDef *fd = field_find(def, name);
        if (str_eq(name, "id")) buf_printf(&sql, "t.id %s", desc ? "DESC" : "ASC");
        else if (!fd || !(fd->flags & FF_SORT) || (a->role == ROLE_GUEST && !(fd->flags & FF_GUEST)))
            return err_field(c->err, KAM_EINPUT, "sort", "%s cannot be sorted by \"%s\"", def->plural, name);
        else buf_printf(&sql, "t.%s %s, t.id", fd->name, desc ? "DESC" : "ASC");
    } else {
        buf_puts(&sql, def->order ? def->order : "t.id");
    }
    int limit = q->limit == 0 ? LIST_DEFAULT_LIMIT : q->limit;
    if (limit > 0) {
        if (limit > LIST_MAX_LIMIT && c->actor.role != ROLE_SYSTEM) limit = LIST_MAX_LIMIT;
        buf_puts(&sql, " LIMIT ? OFFSET ?");
        args[nargs++] = DI(limit);
        args[nargs++] = DI(q->offset < 0 ? 0 : q->offset);
    }
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, nargs);
    if (!st) return c->err->code;
    int cap = 16;
    out->items = ARENA_ARRAY(c->arena, Record, cap);
    while (db_next(st)) {
        if (out->n == cap) {
            out->items = arena_realloc(c->arena, out->items, sizeof(Record) * (size_t)cap, sizeof(Record) * (size_t)cap * 2);
            cap *= 2;
        }
        out->items[out->n++] = *row_to_record(c, def, st);
    }
    return db_done(st);
}

/* ------------------------------------------------------------------ validation */

static bool has_control_chars(const char *s, bool multiline)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == 0x7f) return true;
        if (ch < 0x20 && !(ch == '\t' || (multiline && (ch == '\n' || ch == '\r')))) return true;
    }
    return false;
}

/* Check one input value against its field and return its canonical text form
 * (NULL for "no value"). Errors name the field and quote the value. */
static ErrCode normalise_value(Ctx *c, const EntityDef *def, const FieldDef *fd, const char *in, const char **out)
{
    (void)def;
    *out = NULL;
    if (in && !utf8_valid(in, strlen(in), NULL))
        return err_field(c->err, KAM_EINPUT, fd->name, "%s: the text is not valid UTF-8", fd->name);
    char *v = in ? str_trim(arena_strdup(c->arena, in)) : NULL;
    bool empty = !v || !*v;
    if (fd->type == FT_TEXT || fd->type == FT_LONGTEXT) {
        if (empty) {
            *out = (fd->flags & FF_NULLABLE) ? NULL : "";
            return KAM_OK;
        }
        const char *keep = fd->type == FT_LONGTEXT ? arena_strdup(c->arena, in) : v;
        if (fd->type == FT_LONGTEXT) {
            /* keep inner layout, drop trailing white space only */
            char *k = (char *)keep;
            size_t n = strlen(k);
            while (n && (k[n - 1] == ' ' || k[n - 1] == '\n' || k[n - 1] == '\r' || k[n - 1] == '\t')) k[--n] = 0;
        }
        if (has_control_chars(keep, fd->type == FT_LONGTEXT))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: control characters are not allowed", fd->name);
        int max = fd->max_len ? fd->max_len : fd->type == FT_TEXT ? TEXT_DEFAULT_MAX : LONGTEXT_DEFAULT_MAX;
        size_t len = utf8_len(keep);
        if ((int)len > max)
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: at most %d characters (got %zu)", fd->name, max, len);
        *out = keep;
        return KAM_OK;
    }
    if (empty) return KAM_OK;
    switch (fd->type) {
    case FT_INT:
    case FT_REF:
    case FT_TIMESTAMP: {
        int64_t n;
        if (!parse_int64(v, &n))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: \"%s\" is not a whole number", fd->name, v);
        if (fd->type == FT_REF && n <= 0)
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: \"%s\" is not a valid id", fd->name, v);
        if (fd->min < fd->max && (n < fd->min || n > fd->max))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: %lld is outside %g to %g", fd->name, (long long)n,
                             fd->min, fd->max);
        *out = arena_printf(c->arena, "%lld", (long long)n);
        return KAM_OK;
    }
    case FT_REAL: {
        double d;
        bool ok = parse_double(v, false, &d);
        if (!ok && c->decimal_comma) ok = parse_double(v, true, &d);
        if (!ok) return err_field(c->err, KAM_EINPUT, fd->name, "%s: \"%s\" is not a number", fd->name, v);
        if (fd->min < fd->max && (d < fd->min || d > fd->max))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: %g is outside %g to %g", fd->name, d, fd->min, fd->max);
        *out = arena_printf(c->arena, "%.15g", d);
        return KAM_OK;
    }
    case FT_BOOL:
        if (str_ieq(v, "1") || str_ieq(v, "true") || str_ieq(v, "yes") || str_ieq(v, "on") || str_ieq(v, "si") ||
            str_ieq(v, "s\xC3\xAC"))
            *out = "1";
        else if (str_ieq(v, "0") || str_ieq(v, "false") || str_ieq(v, "no") || str_ieq(v, "off"))
            *out = "0";
        else return err_field(c->err, KAM_EINPUT, fd->name, "%s: \"%s\" is not yes/no (use 1 or 0)", fd->name, v);
        return KAM_OK;
    case FT_DATE:
        if (!date_valid(v))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: \"%s\" is not a date (YYYY-MM-DD)", fd->name, v);
        *out = v;
        return KAM_OK;
    case FT_MONTH:
        if (!month_valid(v))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: \"%s\" is not a month (YYYY-MM)", fd->name, v);
        *out = v;
        return KAM_OK;
    case FT_ENUM:
        for (int i = 0; fd->choices[i]; i++)
            if (str_eq(v, fd->choices[i])) {
                *out = fd->choices[i];
                return KAM_OK;
            }
        {
            Buf list;
            buf_init(&list, c->arena);
            for (int i = 0; fd->choices[i]; i++) buf_printf(&list, "%s%s", i ? ", " : "", fd->choices[i]);
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: \"%s\" is not one of %s", fd->name, v, buf_cstr(&list));
        }
    default: *out = v; return KAM_OK;
    }
}

/* References must exist, and point into the same account as the row. */
static ErrCode check_refs(Ctx *c, const Record *r, int64_t account_id, const Record *before)
{
    const EntityDef *def = r->def;
    for (int i = 0; i < r->nfields; i++) {
        const FieldDef *fd = &def->fields[i];
        if (fd->type != FT_REF || !r->val[i]) continue;
        if (before && str_eq(before->val[i], r->val[i])) continue;
        const EntityDef *rdef = entity_find(fd->ref);
        if (!rdef) return err_set(c->err, KAM_EINTERNAL, "unknown reference %s", fd->ref);
        int64_t rid = atoll(r->val[i]);
        Record *target;
        ErrCode rc = load_row(c, rdef, rid, &target);
        if (rc == KAM_ENOTFOUND)
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: there is no %s %lld", fd->name, rdef->name, (long long)rid);
        if (rc) return rc;
        if (fd->flags & FF_INTERNAL_PERSON && !str_eq(record_get(target, "kind"), "internal"))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: person %lld is not one of our staff", fd->name,
                             (long long)rid);
        if (str_eq(fd->name, "account_id") || !is_account_scoped(rdef) || !account_id) continue;
        int64_t racct = 0;
        if (record_account(c, target, &racct)) return c->err->code;
        if (racct && racct != account_id)
            return err_field(c->err, KAM_EINPUT, fd->name, "%s: %s %lld belongs to another account", fd->name,
                             rdef->name, (long long)rid);
    }
    return KAM_OK;
}

/* Merge `in` over `base` (NULL on create), validating each given field. */
static ErrCode merge_input(Ctx *c, const EntityDef *def, const Record *in, const Record *base, Record *out,
                           bool *changed)
{
    for (int i = 0; i < out->nfields; i++) {
        const FieldDef *fd = &def->fields[i];
        changed[i] = false;
        if (!in->set[i]) continue;
        if (fd->flags & FF_READONLY)
            return err_field(c->err, KAM_EINPUT, fd->name, "%s is set by kam and cannot be given", fd->name);
        const char *v;
        if (normalise_value(c, def, fd, in->val[i], &v)) return c->err->code;
        if (base && (fd->flags & FF_IMMUTABLE) && !str_eq(v, base->val[i]))
            return err_field(c->err, KAM_EINPUT, fd->name, "%s cannot be changed once set", fd->name);
        if (!base || !str_eq(v, base->val[i])) changed[i] = true;
        out->val[i] = v;
    }
    for (int i = 0; i < out->nfields; i++) {
        const FieldDef *fd = &def->fields[i];
        if (!(fd->flags & FF_REQUIRED)) continue;
        if (!out->val[i] || !*out->val[i])
            return err_field(c->err, KAM_EINPUT, fd->name, "%s is required", fd->name);
    }
    return KAM_OK;
}

/* Field-level rights for the fields that change. */
static ErrCode check_field_rights(Ctx *c, const EntityDef *def, int64_t account_id, const bool *changed)
{
    unsigned rights = 0;
    if (account_id && acl_account_rights(c, account_id, &rights)) return c->err->code;
    for (int i = 0; def->fields[i].name; i++) {
        if (!changed[i]) continue;
        const FieldDef *fd = &def->fields[i];
        if ((fd->flags & FF_CORPORATE) && !acl_edits_programme(&c->actor))
            return err_field(c->err, KAM_EFORBIDDEN, fd->name, "%s is decided at the programme level (admin or executive)",
                             fd->name);
        if ((fd->flags & FF_TEAMLOCK) && account_id && !(rights & AR_TEAM))
            return err_field(c->err, KAM_EFORBIDDEN, fd->name, "%s may be changed by the KAM or an administrator only",
                             fd->name);
    }
    return KAM_OK;
}

static DbArg bind_value(const FieldDef *fd, const char *v)
{
    if (!v) return DNULL;
    switch (fd->type) {
    case FT_INT:
    case FT_REF:
    case FT_BOOL:
    case FT_TIMESTAMP: return DI(atoll(v));
    case FT_REAL: return DR(atof(v));
    default: return DT(v);
    }
}

static const char *record_json_text(Ctx *c, const Record *r)
{
    Actor saved = c->actor;
    c->actor = actor_system(); /* the audit keeps every non-secret field */
    json_t *j = record_to_json(c, r);
    c->actor = saved;
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    const char *out = arena_strdup(c->arena, s ? s : "{}");
    free(s);
    return out;
}

/* ------------------------------------------------------------------ create */

ErrCode ent_create(Ctx *c, const EntityDef *def, const Record *in, Record **out)
{
    if (def->opts & EO_NO_CREATE)
        return err_set(c->err, KAM_EFORBIDDEN, "%s records cannot be created directly", def->name);
    Record *r = record_new(c, def);
    bool *changed = ARENA_ARRAY(c->arena, bool, r->nfields + 1);
    if (merge_input(c, def, in, NULL, r, changed)) return c->err->code;

    int64_t acct = 0;
    if (record_account(c, r, &acct)) {
        if (c->err->code == KAM_ENOTFOUND) {
            const char *pf = def->parent_field;
            return err_field(c->err, KAM_EINPUT, pf, "%s: there is no %s %lld", pf, def->parent,
                             (long long)record_int(r, pf));
        }
        return c->err->code;
    }
    if (is_account_scoped(def) && def->scope != SCOPE_ACCOUNT_SELF && acct) {
        unsigned rights = 0;
        if (acl_account_rights(c, acct, &rights)) return c->err->code;
        if (!(rights & (AR_READ | AR_GUEST)))
            return err_field(c->err, KAM_EINPUT, "account_id", "account_id: there is no account %lld", (long long)acct);
    }
    if (!ent_may_write(c, def, acct)) return deny_write(c, def, "create");
    if (check_field_rights(c, def, acct, changed)) return c->err->code;

    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = check_refs(c, r, acct, NULL);
    if (!rc && def->validate) rc = def->validate(c, r, NULL);
    if (!rc) {
        DbArg args[MAX_ARGS];
        int nargs = 0;
        Buf sql, vals;
        buf_init(&sql, c->arena);
        buf_init(&vals, c->arena);
        buf_printf(&sql, "INSERT INTO %s (", def->table);
        bool first = true;
        for (int i = 0; i < r->nfields; i++) {
            const FieldDef *fd = &def->fields[i];
            if (!changed[i] && !r->val[i]) continue; /* the column default applies */
            buf_printf(&sql, "%s%s", first ? "" : ", ", fd->name);
            buf_printf(&vals, "%s?", first ? "" : ", ");
            args[nargs++] = bind_value(fd, r->val[i]);
            first = false;
        }
        if (def->opts & EO_CREATED) {
            buf_printf(&sql, "%screated_at", first ? "" : ", ");
            buf_printf(&vals, "%s?", first ? "" : ", ");
            args[nargs++] = DI(c->now);
            first = false;
        }
        if (def->opts & EO_VERSIONED) {
            buf_printf(&sql, "%supdated_at", first ? "" : ", ");
            buf_printf(&vals, "%s?", first ? "" : ", ");
            args[nargs++] = DI(c->now);
        }
        buf_printf(&sql, ") VALUES (%s) RETURNING id", buf_cstr(&vals));
        int64_t id = 0;
        rc = db_insert(c->db, c->err, buf_cstr(&sql), args, nargs, &id);
        Record *after = NULL;
        if (!rc) rc = load_row(c, def, id, &after);
        if (!rc && def->after_write) rc = def->after_write(c, after, NULL);
        if (!rc) rc = audit_write(c, "create", def->name, id, acct, NULL, record_json_text(c, after));
        if (!rc) rc = db_commit(c->db, c->err);
        if (!rc && out) *out = after;
    }
    if (rc) db_rollback(c->db);
    return rc;
}

/* ------------------------------------------------------------------ update */

static ErrCode conflict(Ctx *c, const Record *now, int64_t version)
{
    return err_set(c->err, KAM_ECONFLICT,
                   "%s was changed by someone else since you opened it (you edited version %lld, it is now at "
                   "version %lld); your changes were not saved",
                   record_title(c, now), (long long)version, (long long)now->version);
}

ErrCode ent_update(Ctx *c, const EntityDef *def, int64_t id, int64_t version, const Record *in, Record **out,
                   Record **current)
{
    if (def->opts & EO_APPEND_ONLY)
        return err_set(c->err, KAM_EFORBIDDEN, "%s records are history and cannot be changed", def->name);
    Record *before;
    if (ent_get(c, def, id, &before)) return c->err->code;
    if (current) *current = before;
    int64_t acct = 0;
    if (record_account(c, before, &acct)) return c->err->code;
    if (!ent_may_write(c, def, acct)) return deny_write(c, def, "change");
    if ((def->opts & EO_VERSIONED) && version != before->version) return conflict(c, before, version);

    Record *r = record_copy(c, before);
    bool *changed = ARENA_ARRAY(c->arena, bool, r->nfields + 1);
    if (merge_input(c, def, in, before, r, changed)) return c->err->code;
    int64_t new_acct = 0;
    if (record_account(c, r, &new_acct)) return c->err->code;
    if (new_acct != acct) return err_set(c->err, KAM_EINPUT, "a %s cannot move to another account", def->name);
    if (check_field_rights(c, def, acct, changed)) return c->err->code;
    bool any = false;
    for (int i = 0; i < r->nfields; i++) any |= changed[i];
    if (!any) {
        if (out) *out = before;
        return KAM_OK;
    }

    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = check_refs(c, r, acct, before);
    if (!rc && def->validate) rc = def->validate(c, r, before);
    if (!rc) {
        DbArg args[MAX_ARGS];
        int nargs = 0;
        Buf sql;
        buf_init(&sql, c->arena);
        buf_printf(&sql, "UPDATE %s SET ", def->table);
        bool first = true;
        for (int i = 0; i < r->nfields; i++) {
            if (!changed[i] && str_eq(r->val[i], before->val[i])) continue;
            buf_printf(&sql, "%s%s = ?", first ? "" : ", ", def->fields[i].name);
            args[nargs++] = bind_value(&def->fields[i], r->val[i]);
            first = false;
        }
        if (def->opts & EO_VERSIONED) {
            buf_printf(&sql, "%sversion = version + 1, updated_at = ?", first ? "" : ", ");
            args[nargs++] = DI(c->now);
        }
        buf_puts(&sql, " WHERE id = ?");
        args[nargs++] = DI(id);
        if (def->opts & EO_VERSIONED) {
            buf_puts(&sql, " AND version = ?");
            args[nargs++] = DI(version);
        }
        rc = db_exec(c->db, c->err, buf_cstr(&sql), args, nargs);
        if (!rc && db_changes(c->db) == 0) {
            /* lost a race after our read: report the row as it is now */
            Record *now;
            rc = load_row(c, def, id, &now);
            if (!rc) {
                if (current) *current = now;
                rc = conflict(c, now, version);
            }
        }
        Record *after = NULL;
        if (!rc) rc = load_row(c, def, id, &after);
        if (!rc && def->after_write) rc = def->after_write(c, after, before);
        if (!rc)
            rc = audit_write(c, "update", def->name, id, acct, record_json_text(c, before), record_json_text(c, after));
        if (!rc) rc = db_commit(c->db, c->err);
        if (!rc && out) *out = after;
    }
    if (rc) db_rollback(c->db);
    return rc;
}

/* ------------------------------------------------------------------ delete */

ErrCode ent_delete(Ctx *c, const EntityDef *def, int64_t id, int64_t version)
{
    if (def->opts & (EO_NO_DELETE | EO_APPEND_ONLY))
        return err_set(c->err, KAM_EFORBIDDEN, "%s records cannot be deleted", def->name);
    Record *before;
    if (ent_get(c, def, id, &before)) return c->err->code;
    int64_t acct = 0;
    if (record_account(c, before, &acct)) return c->err->code;
    if (!ent_may_write(c, def, acct)) return deny_write(c, def, "delete");
    if (def->scope == SCOPE_ACCOUNT_SELF && !acl_edits_programme(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN, "only an administrator or an executive may delete an account");
    if ((def->opts & EO_VERSIONED) && version != before->version) return conflict(c, before, version);
    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc;
    if (def->opts & EO_VERSIONED)
        rc = db_exec(c->db, c->err, arena_printf(c->arena, "DELETE FROM %s WHERE id = ? AND version = ?", def->table),
                     DB_ARGS(DI(id), DI(version)));
    else rc = db_exec(c->db, c->err, arena_printf(c->arena, "DELETE FROM %s WHERE id = ?", def->table), DB_ARGS(DI(id)));
    if (!rc && db_changes(c->db) == 0) {
        Record *now;
        rc = load_row(c, def, id, &now);
        if (!rc) rc = conflict(c, now, version);
    }
    if (!rc && def->after_write) rc = def->after_write(c, NULL, before);
    if (!rc) rc = audit_write(c, "delete", def->name, id, acct, record_json_text(c, before), NULL);
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}

/* ------------------------------------------------------------------ JSON */

json_t *record_to_json(Ctx *c, const Record *r)
{
    bool guest = c->actor.role == ROLE_GUEST;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(r->id));
    if (!guest && (r->def->opts & EO_VERSIONED)) {
        json_object_set_new(o, "version", json_integer(r->version));
        json_object_set_new(o, "updated_at", json_integer(r->updated_at));
    }
    if (!guest && (r->def->opts & EO_CREATED)) json_object_set_new(o, "created_at", json_integer(r->created_at));
    for (int i = 0; i < r->nfields; i++) {
        const FieldDef *fd = &r->def->fields[i];
        if (fd->flags & FF_SECRET) continue;
        if (guest && !(fd->flags & FF_GUEST)) continue;
        const char *v = r->val[i];
        json_t *jv;
        if (!v) jv = json_null();
        else switch (fd->type) {
            case FT_INT:
            case FT_REF:
            case FT_TIMESTAMP: jv = json_integer(atoll(v)); break;
            case FT_REAL: jv = json_real(atof(v)); break;
            case FT_BOOL: jv = json_boolean(str_eq(v, "1")); break;
            default: jv = json_string(v); break;
            }
        if (!jv) jv = json_null();
        json_object_set_new(o, fd->name, jv);
    }
    return o;
}

ErrCode record_from_json(Ctx *c, const EntityDef *def, json_t *obj, Record **out)
{
    if (!json_is_object(obj)) return err_set(c->err, KAM_EINPUT, "expected a JSON object for %s", def->name);
    Record *r = record_new(c, def);
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (str_eq(key, "id") || str_eq(key, "version") || str_eq(key, "created_at") || str_eq(key, "updated_at"))
            continue;
        int i = field_index(def, key);
        if (i < 0 || (def->fields[i].flags & FF_SECRET))
            return err_field(c->err, KAM_EINPUT, key, "%s has no field \"%s\"", def->name, key);
        const FieldDef *fd = &def->fields[i];
        const char *text = NULL;
        char tmp[64];
        if (json_is_null(v)) {
            text = NULL;
        } else if (json_is_string(v)) {
            text = json_string_value(v);
        } else if (json_is_integer(v) && (fd->type == FT_INT || fd->type == FT_REF || fd->type == FT_REAL ||
                                          fd->type == FT_TIMESTAMP || fd->type == FT_BOOL)) {
            snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
            text = tmp;
        } else if (json_is_real(v) && fd->type == FT_REAL) {
            snprintf(tmp, sizeof tmp, "%.17g", json_real_value(v));
            text = tmp;
        } else if (json_is_boolean(v) && fd->type == FT_BOOL) {
            text = json_is_true(v) ? "1" : "0";
        } else {
            return err_field(c->err, KAM_EINPUT, key, "%s: expected a %s", key, field_type_name(fd->type));
        }
        r->val[i] = text ? arena_strdup(c->arena, text) : NULL;
        r->set[i] = true;
    }
    *out = r;
    return KAM_OK;
}
