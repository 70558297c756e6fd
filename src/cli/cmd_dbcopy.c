/* kam db copy --from FILE_OR_URL --to FILE_OR_URL: every table of one kam
 * database into another, SQLite or PostgreSQL in either direction, ids kept.
 *
 * The target must be empty: a new file, an empty PostgreSQL database, or a
 * database with the kam schema and no rows. Everything happens in one
 * transaction on the target: the migrations (when the schema is missing),
 * the check that it is empty, the rows table by table in the order the
 * migrations create them (foreign keys deferred to the commit, so rows that
 * point at later rows of their own table load too), and on PostgreSQL the
 * identity sequences set past the copied ids. The source is read in one
 * snapshot. */
#include "commands.h"

#include "../core/embedded.h"
#include "../core/text.h"
#include "../db/migrate.h"
#include "../db/pg_translate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define COPY_MAX_TABLES 256
#define COPY_MAX_COLS   128
#define COPY_NAME_MAX   64

typedef enum ColType { COL_INT, COL_REAL, COL_TEXT } ColType;

typedef struct TableList {
    int n;
    char name[COPY_MAX_TABLES][COPY_NAME_MAX];
} TableList;

/* A plain lower-case SQL identifier (so it can be put in SQL text as is). */
static bool plain_ident(const char *s, size_t n)
{
    if (n == 0 || n >= COPY_NAME_MAX) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9'))) return false;
    }
    return true;
}

static int table_find(const TableList *t, const char *p, size_t n)
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
static ErrCode schema_tables(Err *err, TableList *out)
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
                if (out->n == COPY_MAX_TABLES)
                    return err_set(err, KAM_EINTERNAL, "too many tables");
                snprintf(out->name[out->n++], COPY_NAME_MAX, "%.*s", (int)u.n, u.p);
            } else if (drop && at >= 0) {
                memmove(out->name[at], out->name[at + 1],
                        (size_t)(out->n - at - 1) * COPY_NAME_MAX);
                out->n--;
            } else if (alter && at >= 0) {
                SqlTok v;
                const char *q = next_word(p, &v);
                if (!sql_tok_is(&v, "RENAME")) continue;
                q = next_word(q, &v);
                if (!sql_tok_is(&v, "TO")) continue;
                next_word(q, &v);
                if (plain_ident(v.p, v.n))
                    snprintf(out->name[at], COPY_NAME_MAX, "%.*s", (int)v.n, v.p);
            }
        }
    }
    return KAM_OK;
}

typedef struct Columns {
    int n;
    char name[COPY_MAX_COLS][COPY_NAME_MAX];
    ColType type[COPY_MAX_COLS];
} Columns;

/* The columns of table in db, with the kind of value each holds, from the
 * backend's catalogue. */
static ErrCode table_columns(Db *db, Err *err, const char *table, Columns *out)
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
        if (!name || !plain_ident(name, strlen(name)) || out->n == COPY_MAX_COLS) {
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
        snprintf(out->name[out->n], COPY_NAME_MAX, "%s", name);
        out->type[out->n++] = ct;
    }
    ErrCode rc = db_done(st);
    if (!rc && out->n == 0)
        rc = err_set(err, KAM_EINPUT, "%s has no table %s", db_target(db), table);
    return rc;
}

/* Copy the rows of one table; *rows grows by their number. */
static ErrCode copy_table(Cli *cli, Db *src, Db *dst, const char *table, Progress *pr,
                          int64_t *rows)
{
    Err *err = &cli->err;
    Columns cols;
    if (table_columns(src, err, table, &cols)) return err->code;
    Buf sel, ins;
    buf_init(&sel, &cli->arena);
    buf_init(&ins, &cli->arena);
    bool has_id = false;
    buf_puts(&sel, "SELECT ");
    buf_printf(&ins, "INSERT INTO %s (", table);
    for (int i = 0; i < cols.n; i++) {
        buf_printf(&sel, "%s%s", i ? ", " : "", cols.name[i]);
        buf_printf(&ins, "%s%s", i ? ", " : "", cols.name[i]);
        has_id |= str_eq(cols.name[i], "id");
    }
    buf_printf(&sel, " FROM %s%s", table, has_id ? " ORDER BY id" : "");
    buf_puts(&ins, ") VALUES (");
    for (int i = 0; i < cols.n; i++) buf_puts(&ins, i ? ", ?" : "?");
    buf_puts(&ins, ")");

    DbStmt *st = db_query(src, err, buf_cstr(&sel), DB_NOARGS);
    if (!st) return err->code;
    DbArg args[COPY_MAX_COLS];
    ErrCode rc = KAM_OK;
    while (!rc && db_next(st)) {
        for (int i = 0; i < cols.n; i++) {
            if (db_isnull(st, i))
                args[i] = DNULL;
            else if (cols.type[i] == COL_INT)
                args[i] = DI(db_int(st, i));
            else if (cols.type[i] == COL_REAL)
                args[i] = DR(db_real(st, i));
            else
                args[i] = DT(db_text(st, i));
        }
        rc = db_exec(dst, err, buf_cstr(&ins), args, cols.n);
        if (rc)
            err_prefix(err, "table %s: ", table);
        else
            progress_step(pr, ++*rows);
    }
    ErrCode rc2 = db_done(st);
    return rc ? rc : rc2;
}

/* On PostgreSQL, make the identity of each table continue after the copied
 * ids (explicit ids do not move the sequence). */
static ErrCode fix_sequences(Cli *cli, Db *dst, const TableList *tables)
{
    for (int i = 0; i < tables->n; i++) {
        const char *sql =
            arena_printf(&cli->arena,
                         "SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce(max(id), 0) + 1, "
                         "false) FROM %s",
                         tables->name[i]);
        int64_t ignored;
        if (db_one_int(dst, &cli->err, sql, DB_ARGS(DT(tables->name[i])), &ignored)) {
            err_prefix(&cli->err, "table %s: ", tables->name[i]);
            return cli->err.code;
        }
    }
    return KAM_OK;
}

static ErrCode copy_all(Cli *cli, Db *src, Db *dst, const TableList *tables, int64_t *rows)
{
    Err *err = &cli->err;
    int64_t total = 0;
    for (int i = 0; i < tables->n; i++) {
        int64_t n = 0;
        const char *count = arena_printf(&cli->arena, "SELECT count(*) FROM %s", tables->name[i]);
        if (db_one_int(dst, err, count, DB_NOARGS, &n)) return err->code;
        if (n > 0)
            return err_set(err, KAM_EINPUT,
                           "%s is not empty (table %s has %lld rows): copy into a new file or an "
                           "empty database",
                           db_target(dst), tables->name[i], (long long)n);
        if (db_one_int(src, err, count, DB_NOARGS, &n)) return err->code;
        total += n;
    }
    if (db_exec_script(dst, err,
                       db_kind(dst) == DB_POSTGRES ? "SET CONSTRAINTS ALL DEFERRED"
                                                   : "PRAGMA defer_foreign_keys = ON"))
        return err->code;
    Progress pr;
    progress_start(&pr, cli, "copy", total);
    ErrCode rc = KAM_OK;
    for (int i = 0; !rc && i < tables->n; i++)
        rc = copy_table(cli, src, dst, tables->name[i], &pr, rows);
    progress_end(&pr);
    if (!rc && db_kind(dst) == DB_POSTGRES) rc = fix_sequences(cli, dst, tables);
    return rc;
}

int cmd_db_copy(Cli *cli, int argc, char **argv)
{
    static const CliOpt opts[] = {{"from", true}, {"to", true}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a)) return cli_fail(cli);
    if (a.npos) return cli_usage(cli, "db", "unexpected argument \"%s\"", a.pos[0]);
    const char *from = cli_opt(&a, "from") ? cli_opt(&a, "from") : cli->db_path;
    const char *to = cli_opt(&a, "to");
    if (!to)
        return cli_usage(cli, "db",
                         "say where to copy to: kam db copy --from FILE_OR_URL --to FILE_OR_URL");
    if (!from || !*from) return cli_usage(cli, "db", "say what to copy: --from FILE_OR_URL");
    if (str_eq(from, to)) return cli_usage(cli, "db", "--from and --to name the same database");

    TableList *tables = arena_alloc(&cli->arena, sizeof *tables);
    if (schema_tables(&cli->err, tables)) return cli_fail(cli);

    /* The source: a kam database at this kam's schema, read in one snapshot. */
    Db *src = NULL;
    if (db_open(from, DB_OPEN_EXISTING, &src, &cli->err)) return cli_fail(cli);
    if (migrate_check(src, &cli->err) ||
        db_exec(src, &cli->err,
                db_kind(src) == DB_POSTGRES ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                            : "BEGIN",
                DB_NOARGS)) {
        db_close(src);
        return cli_fail(cli);
    }

    /* The target: new or empty; its schema is made in the same transaction. */
    struct stat sb;
    bool is_file = !str_starts(to, "postgres://") && !str_starts(to, "postgresql://");
    bool existed = is_file && stat(to, &sb) == 0;
    Db *dst = NULL;
    ErrCode rc = db_open(to, DB_OPEN_CREATE, &dst, &cli->err);
    int have = 0;
    if (!rc) rc = db_schema_version(dst, &cli->err, &have);
    if (!rc && have != 0 && have != migrate_latest())
        rc = err_set(&cli->err, KAM_EINPUT,
                     "%s is at schema version %d and this kam writes %d: copy into a new file or "
                     "an empty database",
                     db_target(dst), have, migrate_latest());
    int64_t rows = 0;
    if (!rc) rc = db_begin(dst, &cli->err);
    if (!rc) rc = migrate_up(dst, &cli->err, NULL);
    if (!rc) rc = copy_all(cli, src, dst, tables, &rows);
    if (!rc) rc = db_commit(dst, &cli->err);
    if (rc && dst) db_rollback(dst);
    Err ignored;
    err_clear(&ignored);
    db_exec(src, &ignored, "COMMIT", DB_NOARGS);
    db_close(src);
    const char *shown_to = rc ? NULL : arena_strdup(&cli->arena, db_target(dst));
    db_close(dst);
    if (rc) {
        if (is_file && !existed) { /* do not leave a half-made file behind */
            unlink(to);
            char side[4200];
            snprintf(side, sizeof side, "%s-wal", to);
            unlink(side);
            snprintf(side, sizeof side, "%s-shm", to);
            unlink(side);
        }
        return cli_fail(cli);
    }
    printf("copied %lld rows in %d tables to %s\n", (long long)rows, tables->n, shown_to);
    return 0;
}
