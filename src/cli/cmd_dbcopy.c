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
#include "../db/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* Rows per INSERT statement, and values per statement (below PostgreSQL's
 * PG_MAX_ARGS and SQLite's 32766): one round trip carries many rows. */
#define COPY_BATCH_ROWS 100
#define COPY_BATCH_ARGS 1000

/* "INSERT INTO table (columns) VALUES (?, …), …" for nrows rows. */
static const char *insert_sql(Arena *a, const char *table, const Columns *cols, int nrows)
{
    Buf ins;
    buf_init(&ins, a);
    buf_printf(&ins, "INSERT INTO %s (", table);
    for (int i = 0; i < cols->n; i++) buf_printf(&ins, "%s%s", i ? ", " : "", cols->name[i]);
    buf_puts(&ins, ") VALUES ");
    for (int r = 0; r < nrows; r++) {
        buf_puts(&ins, r ? ", (" : "(");
        for (int i = 0; i < cols->n; i++) buf_puts(&ins, i ? ", ?" : "?");
        buf_puts(&ins, ")");
    }
    return buf_cstr(&ins);
}

/* Copy the rows of one table, COPY_BATCH_ROWS to a statement; *rows grows
 * by their number. */
static ErrCode copy_table(Cli *cli, Db *src, Db *dst, const char *table, Progress *pr,
                          int64_t *rows)
{
    Err *err = &cli->err;
    Columns cols;
    if (table_columns(src, err, table, &cols)) return err->code;
    Buf sel;
    buf_init(&sel, &cli->arena);
    bool has_id = false;
    buf_puts(&sel, "SELECT ");
    for (int i = 0; i < cols.n; i++) {
        buf_printf(&sel, "%s%s", i ? ", " : "", cols.name[i]);
        has_id |= str_eq(cols.name[i], "id");
    }
    buf_printf(&sel, " FROM %s%s", table, has_id ? " ORDER BY id" : "");
    int batch = COPY_BATCH_ARGS / cols.n;
    if (batch > COPY_BATCH_ROWS) batch = COPY_BATCH_ROWS;
    if (batch < 1) batch = 1;
    const char *full = insert_sql(&cli->arena, table, &cols, batch);

    DbStmt *st = db_query(src, err, buf_cstr(&sel), DB_NOARGS);
    if (!st) return err->code;
    static DbArg args[COPY_BATCH_ARGS + SCHEMA_MAX_COLS];
    Arena texts; /* copies of the batch's text values (a row's are valid until the next row) */
    arena_init(&texts, 0);
    ErrCode rc = KAM_OK;
    int n = 0; /* rows in the batch */
    bool more = true;
    while (!rc && more) {
        more = db_next(st);
        if (more) {
            DbArg *a = &args[n * cols.n];
            for (int i = 0; i < cols.n; i++) {
                if (db_isnull(st, i))
                    a[i] = DNULL;
                else if (cols.type[i] == COL_INT)
                    a[i] = DI(db_int(st, i));
                else if (cols.type[i] == COL_REAL)
                    a[i] = DR(db_real(st, i));
                else
                    a[i] = DT(arena_strdup(&texts, db_text(st, i)));
            }
            n++;
        }
        if (n == batch || (!more && n > 0)) {
            const char *sql = n == batch ? full : insert_sql(&cli->arena, table, &cols, n);
            rc = db_exec(dst, err, sql, args, n * cols.n);
            if (rc)
                err_prefix(err, "table %s: ", table);
            else
                for (int r = 0; r < n; r++) progress_step(pr, ++*rows);
            n = 0;
            arena_free(&texts);
            arena_init(&texts, 0);
        }
    }
    arena_free(&texts);
    ErrCode rc2 = db_done(st);
    return rc ? rc : rc2;
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
    if (!rc && db_kind(dst) == DB_POSTGRES) rc = schema_fix_sequences(dst, &cli->err, &cli->arena, tables);
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
