/* Tables and columns of kam's schema (see schema.h). */
#include "schema.h"

#include "../core/embedded.h"
#include "pg_translate.h"

#include <stdio.h>
#include <string.h>

/* A plain lower-case SQL identifier (so it can be put in SQL text as is). */
static bool plain_ident(const char *s, size_t n)
{
    if (n == 0 || n >= SCHEMA_NAME_MAX) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9'))) return false;
    }
    return true;
}

int table_find(const TableList *t, const char *p, size_t n)
{
    for (int i = 0; i < t->n; i++)
        if (strlen(t->name[i]) == n && strncmp(t->name[i], p, n) == 0) return i;
    return -1;
}

/* Significant token after p (skipping blanks and comments). */
static const char *next_word(const char *p, SqlTok *t)
{
    do p = sql_token(p, t);
    while (t->kind == SQLTOK_SPACE || t->kind == SQLTOK_COMMENT);
    return p;
}

/* The tables of the current schema in the order the migrations create them
 * (a table is created after those it refers to), following DROP TABLE and
 * ALTER TABLE … RENAME TO in later migrations. */
ErrCode schema_tables(Err *err, TableList *out)
{
    out->n = 0;
    for (int m = 0; kam_migrations[m].name; m++) {
        const char *p = (const char *)kam_migrations[m].data;
        SqlTok t, u;
        bool stmt_start = true;
        for (;;) {
            p = next_word(p, &t);
            if (t.kind == SQLTOK_END) break;
            if (t.kind == SQLTOK_PUNCT && t.p[0] == ';') {
                stmt_start = true;
                continue;
            }
            if (!stmt_start) continue;
            stmt_start = false;
            bool create = sql_tok_is(&t, "CREATE"), drop = sql_tok_is(&t, "DROP"),
                 alter = sql_tok_is(&t, "ALTER");
            if (!create && !drop && !alter) continue;
            p = next_word(p, &u);
            if (create && (sql_tok_is(&u, "TEMP") || sql_tok_is(&u, "TEMPORARY"))) continue;
            if (!sql_tok_is(&u, "TABLE")) continue;
            p = next_word(p, &u);
            if (sql_tok_is(&u, "IF")) { /* IF [NOT] EXISTS */
                p = next_word(p, &u);
                if (sql_tok_is(&u, "NOT")) p = next_word(p, &u);
                p = next_word(p, &u);
            }
            if (!plain_ident(u.p, u.n))
                return err_set(err, KAM_EINTERNAL, "migration %s: unexpected table name",
                               kam_migrations[m].name);
            int at = table_find(out, u.p, u.n);
            if (create && at < 0) {
                if (out->n == SCHEMA_MAX_TABLES)
                    return err_set(err, KAM_EINTERNAL, "too many tables");
                snprintf(out->name[out->n++], SCHEMA_NAME_MAX, "%.*s", (int)u.n, u.p);
            } else if (drop && at >= 0) {
                memmove(out->name[at], out->name[at + 1],
                        (size_t)(out->n - at - 1) * SCHEMA_NAME_MAX);
                out->n--;
            } else if (alter && at >= 0) {
                SqlTok v;
                const char *q = next_word(p, &v);
                if (!sql_tok_is(&v, "RENAME")) continue;
                q = next_word(q, &v);
                if (!sql_tok_is(&v, "TO")) continue;
                next_word(q, &v);
                if (plain_ident(v.p, v.n))
                    snprintf(out->name[at], SCHEMA_NAME_MAX, "%.*s", (int)v.n, v.p);
            }
        }
    }
    return KAM_OK;
}


/* The columns of table in db, with the kind of value each holds, from the
 * backend's catalogue. */
ErrCode table_columns(Db *db, Err *err, const char *table, Columns *out)
{
    out->n = 0;
    const char *sql =
        db_kind(db) == DB_POSTGRES
            ? "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
              "current_schema() AND table_name = ? ORDER BY ordinal_position"
            : "SELECT name, type FROM pragma_table_info(?) ORDER BY cid";
    DbStmt *st = db_query(db, err, sql, DB_ARGS(DT(table)));
    if (!st) return err->code;
    while (db_next(st)) {
        const char *name = db_text(st, 0), *type = db_text(st, 1);
        if (!name || !plain_ident(name, strlen(name)) || out->n == SCHEMA_MAX_COLS) {
            db_done(st);
            return err_set(err, KAM_EINTERNAL, "table %s: unexpected column %s", table,
                           name ? name : "(null)");
        }
        char up[32];
        snprintf(up, sizeof up, "%s", type ? type : "");
        for (char *c = up; *c; c++)
            if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
        ColType ct = COL_TEXT;
        if (strstr(up, "INT"))
            ct = COL_INT;
        else if (strstr(up, "REAL") || strstr(up, "DOUB") || strstr(up, "FLOA") ||
                 strstr(up, "NUMERIC"))
            ct = COL_REAL;
        snprintf(out->name[out->n], SCHEMA_NAME_MAX, "%s", name);
        out->type[out->n++] = ct;
    }
    ErrCode rc = db_done(st);
    if (!rc && out->n == 0)
        rc = err_set(err, KAM_EINPUT, "%s has no table %s", db_target(db), table);
    return rc;
}

ErrCode schema_fix_sequences(Db *db, Err *err, Arena *a, const TableList *tables)
{
    if (db_kind(db) != DB_POSTGRES) return KAM_OK;
    for (int i = 0; i < tables->n; i++) {
        const char *sql = arena_printf(a,
                                       "SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce(max(id), 0) + 1, "
                                       "false) FROM %s",
                                       tables->name[i]);
        int64_t ignored;
        if (db_one_int(db, err, sql, DB_ARGS(DT(tables->name[i])), &ignored)) {
            err_prefix(err, "table %s: ", tables->name[i]);
            return err->code;
        }
    }
    return KAM_OK;
}
