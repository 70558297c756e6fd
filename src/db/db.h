/* The store interface. Callers see statements with `?` parameters written in
 * the SQL subset shared by SQLite and PostgreSQL, typed arguments, and rows;
 * they never see a backend's own API or dialect. Each backend (db_sqlite.c,
 * db_pg.c) implements DbOps and is picked by db_open() from the target:
 * a file path means SQLite, postgres://… means PostgreSQL.
 *
 * Rules for SQL text given to db_query()/db_exec():
 * - values only through `?` arguments, never pasted into the text;
 * - identifiers (tables, columns) only from compile-time constants;
 * - portable constructs: no strftime/date(), no MAX(a,b) scalars, booleans as
 *   integers compared with `= 1`, case-insensitive matching as
 *   lower(x) LIKE lower(?), and `INSERT … RETURNING id` to learn a new id. */
#ifndef KAM_DB_H
#define KAM_DB_H

#include "../core/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Db Db;
typedef struct DbStmt DbStmt;

typedef enum DbKind { DB_SQLITE = 1, DB_POSTGRES = 2 } DbKind;

typedef enum DbArgType { DB_ARG_NULL, DB_ARG_INT, DB_ARG_REAL, DB_ARG_TEXT } DbArgType;

typedef struct DbArg {
    DbArgType type;
    int64_t i;
    double d;
    const char *s;
} DbArg;

/* Argument constructors: DI(42), DR(3.5), DT("text") (NULL text binds NULL),
 * DNULL, DIN(id) (0 binds NULL: for optional foreign keys). */
#define DI(x) ((DbArg){.type = DB_ARG_INT, .i = (int64_t)(x)})
#define DR(x) ((DbArg){.type = DB_ARG_REAL, .d = (double)(x)})
#define DT(x) ((DbArg){.type = DB_ARG_TEXT, .s = (x)})
#define DNULL ((DbArg){.type = DB_ARG_NULL})
#define DIN(x) ((x) ? DI(x) : DNULL)
/* Pass an argument list: db_exec(db, err, sql, DB_ARGS(DI(1), DT("x"))). */
#define DB_ARGS(...)                                                                               \
    (const DbArg[]){__VA_ARGS__}, (int)(sizeof((DbArg[]){__VA_ARGS__}) / sizeof(DbArg))
#define DB_NOARGS NULL, 0

typedef enum DbOpenFlags {
    DB_OPEN_EXISTING = 0, /* the database must exist and be a kam database */
    DB_OPEN_CREATE = 1,   /* create an empty database if missing (kam init) */
    DB_OPEN_READONLY = 2,
    /* A server that cannot be reached may be restarting: keep trying for up
     * to DB_RECONNECT_WAIT_MS before giving up (used by `kam serve`). */
    DB_OPEN_WAIT = 4,
} DbOpenFlags;

/* How long a connection to a database server that went away (PostgreSQL
 * restarted) is retried before the statement fails as unavailable. */
#define DB_RECONNECT_WAIT_MS 10000

/* Open a connection. target: a file path (SQLite) or postgres://… URL. */
ErrCode db_open(const char *target, int flags, Db **out, Err *err);
void db_close(Db *db);
DbKind db_kind(const Db *db);
/* The backend a target names, without opening it. */
DbKind db_kind_of(const char *target);
/* The target as it may be shown (logs, messages): a password in a
 * PostgreSQL URL replaced by ***. Returns a malloc'd string. */
char *db_target_shown(const char *target);
const char *db_target(const Db *db);
/* For a connection that sat idle in a pool: notice that the server closed it
 * meanwhile (a restart), so the next statement reconnects first instead of
 * failing. Cheap (no round trip); a no-op for SQLite. */
void db_idle_check(Db *db);

/* Transactions. db_begin() starts a write transaction (SQLite: IMMEDIATE, so
 * writers queue on the busy timeout instead of failing halfway). Nesting is
 * counted: inner begin/commit pairs are no-ops, so service functions can
 * wrap their own work and still be called inside a larger import. */
ErrCode db_begin(Db *db, Err *err);
ErrCode db_commit(Db *db, Err *err);
void db_rollback(Db *db);
bool db_in_transaction(const Db *db);

/* A read snapshot for a request that mostly reads (a GET): SQLite takes one
 * read lock for all its statements instead of one per statement, and every
 * statement sees the same committed state. Nothing to do on PostgreSQL (each
 * statement keeps its own snapshot there, as before). A write inside the
 * snapshot (db_begin, db_exec, db_insert, db_exec_script) first closes it:
 * the write and what follows run as they would without one. Ended by
 * db_read_end(), db_pool_release() or db_close(). */
ErrCode db_read_begin(Db *db, Err *err);
void db_read_end(Db *db);
/* A number that identifies the committed state the open read snapshot sees:
 * any commit by any connection of this process or of another process on the
 * same database changes it for later snapshots. 0 when not known (no open
 * snapshot, a write closed it, a concurrent commit made it ambiguous, or the
 * backend is PostgreSQL): then nothing may be cached under it. Two snapshots
 * with the same non-zero version saw the same data (but for a commit of this
 * process still finishing, whose writer has not answered yet). */
uint64_t db_data_version(const Db *db);

/* Run a statement that returns no rows. */
ErrCode db_exec(Db *db, Err *err, const char *sql, const DbArg *args, int nargs);
/* Rows changed by the last db_exec(). */
int64_t db_changes(Db *db);
/* How many statements that may change data ran on this connection so far
 * (db_exec, db_insert, db_exec_script, rollbacks): a caller may keep what it
 * read while this number stays the same. */
uint64_t db_write_count(const Db *db);
/* Run several ;-separated statements without arguments (migrations). */
ErrCode db_exec_script(Db *db, Err *err, const char *sql);

/* Start a query; iterate with db_next(), read columns, then db_done().
 * Returns NULL on error (err set). */
DbStmt *db_query(Db *db, Err *err, const char *sql, const DbArg *args, int nargs);
/* Advance to the next row: true when a row is available. On an error it
 * returns false and db_done() reports it. */
bool db_next(DbStmt *st);
int db_ncols(DbStmt *st);
const char *db_colname(DbStmt *st, int col);
bool db_isnull(DbStmt *st, int col);
int64_t db_int(DbStmt *st, int col);
double db_real(DbStmt *st, int col);
/* Text of a column; NULL for SQL NULL. Valid until the next db_next/db_done. */
const char *db_text(DbStmt *st, int col);
/* Finish the query; returns KAM_OK or the error met while stepping. */
ErrCode db_done(DbStmt *st);

/* Convenience: first column of the first row as an integer / real / text
 * (text copied into out, of size outn). KAM_ENOTFOUND when there is no row;
 * a NULL value yields 0 / 0.0 / "" and *is_null (when given) is set. */
ErrCode db_one_int(Db *db, Err *err, const char *sql, const DbArg *args, int nargs, int64_t *out);
ErrCode db_one_real(Db *db, Err *err, const char *sql, const DbArg *args, int nargs, double *out);
/* INSERT … RETURNING id: run it and return the new id. */
ErrCode db_insert(Db *db, Err *err, const char *sql, const DbArg *args, int nargs, int64_t *id);

/* Schema version bookkeeping (PRAGMA user_version on SQLite, a table on PG). */
ErrCode db_schema_version(Db *db, Err *err, int *version);
ErrCode db_set_schema_version(Db *db, Err *err, int version);
/* Turn the project's DDL (written for SQLite) into this backend's dialect.
 * Returns the text to run (malloc'd; caller frees). */
char *db_translate_ddl(Db *db, const char *ddl);

/* A consistent copy of the whole database into a new SQLite file at path
 * (SQLite online backup; safe while other connections write). */
ErrCode db_backup_to(Db *db, const char *path, Err *err);
/* Replace this database's contents with those of the SQLite file at path. */
ErrCode db_restore_from(Db *db, const char *path, Err *err);

/* Statistics, for /metrics: total time spent in the database (ns) and count. */
void db_stats(const Db *db, uint64_t *ns, uint64_t *count);

#endif
