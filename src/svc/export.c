/* Export of records and whole-database dumps, and loading a dump (see
 * export.h). Table and column names come from the schema (db/schema.h) and
 * the entity definitions, never from the files read, so they can be put in
 * SQL text; every value is a bound parameter. */
#include "export.h"

#include "../core/buf.h"
#include "../core/text.h"
#include "../db/migrate.h"
#include "../db/schema.h"
#include "acl.h"
#include "csv.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define DUMP_FORMAT "kam-dump"
#define DUMP_VERSION 1

/* Tables a dump leaves out: sign-in state, not data. */
static bool not_data(const char *table)
{
    return str_eq(table, "user_session") || str_eq(table, "login_throttle");
}

static ErrCode may_export(Ctx *c)
{
    if (c->actor.role == ROLE_SYSTEM || acl_is_admin(&c->actor)) return KAM_OK;
    return err_set(c->err, KAM_EFORBIDDEN, "only an administrator may export or import whole tables");
}

/* The shortest of %.15g / %.17g that reads back as the same double. */
static void put_real(Buf *b, double d)
{
    char s[40];
    snprintf(s, sizeof s, "%.15g", d);
    if (strtod(s, NULL) != d) snprintf(s, sizeof s, "%.17g", d);
    buf_puts(b, s);
}

/* The columns a kind's export has: id, the non-secret fields, version and
 * timestamps, as far as the table holds them. */
static ErrCode kind_columns(Ctx *c, const EntityDef *def, Columns *out)
{
    Columns all;
    if (table_columns(c->db, c->err, def->table, &all)) return c->err->code;
    out->n = 0;
    for (int i = 0; i < all.n; i++) {
        const char *name = all.name[i];
        const FieldDef *f = field_find(def, name);
        bool meta = str_eq(name, "id") || str_eq(name, "version") || str_eq(name, "created_at") ||
                    str_eq(name, "updated_at");
        if (!meta && (!f || (f->flags & FF_SECRET))) continue;
        snprintf(out->name[out->n], SCHEMA_NAME_MAX, "%s", name);
        out->type[out->n++] = all.type[i];
    }
    return KAM_OK;
}

static const char *select_sql(Ctx *c, const char *table, const Columns *cols)
{
    Buf b;
    buf_init(&b, c->arena);
    buf_puts(&b, "SELECT ");
    bool has_id = false;
    for (int i = 0; i < cols->n; i++) {
        buf_printf(&b, "%s%s", i ? ", " : "", cols->name[i]);
        has_id |= str_eq(cols->name[i], "id");
    }
    buf_printf(&b, " FROM %s%s", table, has_id ? " ORDER BY id" : "");
    return buf_cstr(&b);
}

/* One value of the current row, as JSON (json) or as CSV text. */
static void put_value(Buf *b, DbStmt *st, int i, ColType t, bool json)
{
    if (db_isnull(st, i)) {
        if (json) buf_puts(b, "null");
        return;
    }
    if (t == COL_INT) buf_printf(b, "%lld", (long long)db_int(st, i));
    else if (t == COL_REAL) put_real(b, db_real(st, i));
    else if (json) buf_json_str(b, db_text(st, i));
    else csv_put(b, db_text(st, i));
}

static ErrCode write_out(Ctx *c, Buf *b, FILE *out)
{
    if (b->len && fwrite(buf_cstr(b), 1, b->len, out) != b->len)
        return err_set(c->err, KAM_EINPUT, "cannot write the export (disk full?)");
    buf_reset(b);
    return KAM_OK;
}

static ErrCode count_rows(Ctx *c, const char *table, int64_t *n)
{
    return db_one_int(c->db, c->err, arena_printf(c->arena, "SELECT count(*) FROM %s", table), DB_NOARGS, n);
}

ErrCode export_count(Ctx *c, const EntityDef *def, int64_t *rows) { return count_rows(c, def->table, rows); }

ErrCode export_kind(Ctx *c, const EntityDef *def, ExportFormat fmt, FILE *out, const ExportProgress *p)
{
    if (may_export(c)) return c->err->code;
    Columns cols;
    if (kind_columns(c, def, &cols)) return c->err->code;
    Buf b;
    buf_init(&b, NULL);
    bool json = fmt == EXPORT_JSON;
    if (json) {
        buf_puts(&b, "[");
    } else {
        for (int i = 0; i < cols.n; i++) buf_printf(&b, "%s%s", i ? "," : "", cols.name[i]);
        buf_puts(&b, "\r\n");
    }
    DbStmt *st = db_query(c->db, c->err, select_sql(c, def->table, &cols), DB_NOARGS);
    ErrCode rc = st ? KAM_OK : c->err->code;
    int64_t n = 0;
    while (!rc && db_next(st)) {
        if (json) {
            buf_puts(&b, n ? ",\n{" : "\n{");
            for (int i = 0; i < cols.n; i++) {
                buf_printf(&b, "%s\"%s\": ", i ? ", " : "", cols.name[i]);
                put_value(&b, st, i, cols.type[i], true);
            }
            buf_puts(&b, "}");
        } else {
            for (int i = 0; i < cols.n; i++) {
                if (i) buf_putc(&b, ',');
                put_value(&b, st, i, cols.type[i], false);
            }
            buf_puts(&b, "\r\n");
        }
        n++;
        if (b.len > 60000) rc = write_out(c, &b, out);
        if (p && p->step && (n & 1023) == 0) p->step(p->ud, n);
    }
    if (st) {
        ErrCode rc2 = db_done(st);
        if (!rc) rc = rc2;
    }
    if (!rc && json) buf_puts(&b, n ? "\n]\n" : "]\n");
    if (!rc) rc = write_out(c, &b, out);
    buf_free(&b);
    return rc;
}

ErrCode export_all_count(Ctx *c, int64_t *rows)
{
    TableList *tables = ARENA_NEW(c->arena, TableList);
    if (schema_tables(c->err, tables)) return c->err->code;
    *rows = 0;
    for (int i = 0; i < tables->n; i++) {
        int64_t n = 0;
        if (not_data(tables->name[i])) continue;
        if (count_rows(c, tables->name[i], &n)) return c->err->code;
        *rows += n;
    }
    return KAM_OK;
}

ErrCode export_all(Ctx *c, FILE *out, const ExportProgress *p)
{
    if (may_export(c)) return c->err->code;
    TableList *tables = ARENA_NEW(c->arena, TableList);
    if (schema_tables(c->err, tables)) return c->err->code;
    Buf b;
    buf_init(&b, NULL);
    buf_printf(&b, "{\"format\": \"%s\", \"version\": %d, \"schema\": %d,\n\"tables\": [", DUMP_FORMAT, DUMP_VERSION,
               migrate_latest());
    ErrCode rc = KAM_OK;
    int64_t total = 0;
    bool first_table = true;
    for (int t = 0; !rc && t < tables->n; t++) {
        const char *table = tables->name[t];
        if (not_data(table)) continue;
        Columns *cols = ARENA_NEW(c->arena, Columns);
        if (table_columns(c->db, c->err, table, cols)) {
            rc = c->err->code;
            break;
        }
        buf_printf(&b, "%s\n{\"name\": \"%s\", \"columns\": [", first_table ? "" : ",", table);
        first_table = false;
        for (int i = 0; i < cols->n; i++) buf_printf(&b, "%s\"%s\"", i ? ", " : "", cols->name[i]);
        buf_puts(&b, "], \"rows\": [");
        DbStmt *st = db_query(c->db, c->err, select_sql(c, table, cols), DB_NOARGS);
        if (!st) {
            rc = c->err->code;
            break;
        }
        int64_t n = 0;
        while (!rc && db_next(st)) {
            buf_puts(&b, n ? ",\n[" : "\n[");
            for (int i = 0; i < cols->n; i++) {
                if (i) buf_puts(&b, ", ");
                put_value(&b, st, i, cols->type[i], true);
            }
            buf_putc(&b, ']');
            n++;
            total++;
            if (b.len > 60000) rc = write_out(c, &b, out);
            if (p && p->step && (total & 1023) == 0) p->step(p->ud, total);
        }
        ErrCode rc2 = db_done(st);
        if (!rc) rc = rc2;
        buf_puts(&b, "]}");
    }
    if (!rc) {
        buf_puts(&b, "\n]}\n");
        rc = write_out(c, &b, out);
    }
    buf_free(&b);
    return rc;
}

/* ---- loading a dump ---------------------------------------------------- */

/* A database fit for a dump: nothing in it but what `kam init` seeds. */
static ErrCode check_fresh(Ctx *c)
{
    static const char *const kData[] = {"account", "person", "app_user", NULL};
    for (int i = 0; kData[i]; i++) {
        int64_t n = 0;
        if (count_rows(c, kData[i], &n)) return c->err->code;
        if (n)
            return err_set(c->err, KAM_EINPUT,
                           "this database already holds data (table %s has %lld rows): import all loads a dump into a "
                           "new database made with `kam init`",
                           kData[i], (long long)n);
    }
    return KAM_OK;
}

static ErrCode bind_value(Ctx *c, json_t *v, DbArg *out, const char *table, const char *col, size_t row)
{
    switch (json_typeof(v)) {
    case JSON_NULL: *out = DNULL; return KAM_OK;
    case JSON_INTEGER: *out = DI((int64_t)json_integer_value(v)); return KAM_OK;
    case JSON_REAL: *out = DR(json_real_value(v)); return KAM_OK;
    case JSON_TRUE: *out = DI(1); return KAM_OK;
    case JSON_FALSE: *out = DI(0); return KAM_OK;
    case JSON_STRING: *out = DT(json_string_value(v)); return KAM_OK;
    default:
        return err_set(c->err, KAM_EINPUT, "table %s, row %zu, column %s: a value must be a number, a text or null",
                       table, row + 1, col);
    }
}

/* Insert the rows of one table of the dump. */
static ErrCode load_table(Ctx *c, const TableList *tables, json_t *t, size_t ti, const ExportProgress *p, int64_t *done)
{
    const char *name = json_string_value(json_object_get(t, "name"));
    json_t *cols = json_object_get(t, "columns"), *rows = json_object_get(t, "rows");
    if (!name || !json_is_array(cols) || !json_is_array(rows))
        return err_set(c->err, KAM_EINPUT, "table %zu of the dump needs \"name\", \"columns\" and \"rows\"", ti + 1);
    int at = table_find(tables, name, strlen(name));
    if (at < 0 || not_data(name)) return err_set(c->err, KAM_EINPUT, "the dump has a table \"%s\" kam does not know", name);
    const char *table = tables->name[at]; /* our spelling, safe in SQL */
    Columns have;
    if (table_columns(c->db, c->err, table, &have)) return c->err->code;
    size_t ncols = json_array_size(cols);
    if (ncols == 0 || ncols > SCHEMA_MAX_COLS)
        return err_set(c->err, KAM_EINPUT, "table %s: the dump lists %zu columns", table, ncols);
    Buf sql;
    buf_init(&sql, c->arena);
    buf_printf(&sql, "INSERT INTO %s (", table);
    for (size_t i = 0; i < ncols; i++) {
        const char *col = json_string_value(json_array_get(cols, i));
        int k = -1;
        for (int h = 0; col && h < have.n && k < 0; h++)
            if (str_eq(have.name[h], col)) k = h;
        if (k < 0) return err_set(c->err, KAM_EINPUT, "table %s has no column \"%s\"", table, col ? col : "(not a name)");
        buf_printf(&sql, "%s%s", i ? ", " : "", have.name[k]);
    }
    buf_puts(&sql, ") VALUES (");
    for (size_t i = 0; i < ncols; i++) buf_puts(&sql, i ? ", ?" : "?");
    buf_puts(&sql, ")");
    const char *insert = buf_cstr(&sql);
    DbArg args[SCHEMA_MAX_COLS];
    for (size_t r = 0; r < json_array_size(rows); r++) {
        json_t *row = json_array_get(rows, r);
        if (!json_is_array(row) || json_array_size(row) != ncols)
            return err_set(c->err, KAM_EINPUT, "table %s, row %zu: expected %zu values", table, r + 1, ncols);
        for (size_t i = 0; i < ncols; i++)
            if (bind_value(c, json_array_get(row, i), &args[i], table, json_string_value(json_array_get(cols, i)), r))
                return c->err->code;
        if (db_exec(c->db, c->err, insert, args, (int)ncols)) {
            err_prefix(c->err, "table %s, row %zu: ", table, r + 1);
            return c->err->code;
        }
        ++*done;
        if (p && p->step && (*done & 1023) == 0) p->step(p->ud, *done);
    }
    return KAM_OK;
}

ErrCode import_all(Ctx *c, const char *path, const ExportProgress *p, ImportAllResult *out)
{
    memset(out, 0, sizeof *out);
    if (may_export(c)) return c->err->code;
    json_error_t je;
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(c->err, KAM_EINPUT, "%s: cannot open the file", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    if (size < 0 || (size_t)size > EXPORT_MAX_DUMP_BYTES) {
        fclose(f);
        return err_set(c->err, KAM_EINPUT, "%s: larger than %zu MiB; move big databases with `kam db copy`", path,
                       EXPORT_MAX_DUMP_BYTES >> 20);
    }
    json_t *dump = json_loadf(f, JSON_REJECT_DUPLICATES, &je);
    fclose(f);
    if (!dump) return err_set(c->err, KAM_EINPUT, "%s: line %d: not valid JSON: %s", path, je.line, je.text);
    ErrCode rc = KAM_OK;
    json_t *tables_j = json_object_get(dump, "tables");
    json_t *schema = json_object_get(dump, "schema");
    if (!str_eq(json_string_value(json_object_get(dump, "format")), DUMP_FORMAT) ||
        json_integer_value(json_object_get(dump, "version")) != DUMP_VERSION || !json_is_array(tables_j))
        rc = err_set(c->err, KAM_EINPUT, "%s: not a kam dump (made by `kam export all`)", path);
    else if (!json_is_integer(schema) || json_integer_value(schema) != migrate_latest())
        rc = err_set(c->err, KAM_EINPUT,
                     "%s: the dump is of schema version %lld and this kam is at %d: load it with the kam that made it",
                     path, (long long)json_integer_value(schema), migrate_latest());
    TableList *tables = ARENA_NEW(c->arena, TableList);
    if (!rc) rc = schema_tables(c->err, tables);
    if (!rc) rc = db_begin(c->db, c->err);
    if (rc) {
        json_decref(dump);
        return rc;
    }
    rc = check_fresh(c);
    if (!rc)
        rc = db_exec_script(c->db, c->err,
                            db_kind(c->db) == DB_POSTGRES ? "SET CONSTRAINTS ALL DEFERRED" : "PRAGMA defer_foreign_keys = ON");
    /* What `kam init` seeded makes way for the dump's own rows. */
    for (int i = tables->n - 1; !rc && i >= 0; i--)
        rc = db_exec(c->db, c->err, arena_printf(c->arena, "DELETE FROM %s", tables->name[i]), DB_NOARGS);
    for (size_t t = 0; !rc && t < json_array_size(tables_j); t++) {
        rc = load_table(c, tables, json_array_get(tables_j, t), t, p, &out->rows);
        out->tables++;
    }
    if (!rc) rc = schema_fix_sequences(c->db, c->err, c->arena, tables);
    if (rc) {
        err_prefix(c->err, "%s: ", path);
        db_rollback(c->db);
    } else {
        rc = db_commit(c->db, c->err);
    }
    json_decref(dump);
    return rc;
}
