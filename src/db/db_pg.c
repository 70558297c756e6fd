/* PostgreSQL backend (issue: scale-out), on libpq.
 *
 * - Statements: the portable SQL's `?` become $1..$n (pg_translate.c); each
 *   statement is prepared once per connection and kept in a cache keyed by
 *   its text and the types of its arguments. Values travel in text format
 *   with explicit types for numbers (int8, float8); text and NULL go as
 *   "unknown" so PostgreSQL takes the type from the context (a text value for
 *   an integer column is converted, as SQLite's STRICT tables do), except
 *   where nothing gives one (`? IS NULL`): there they are typed text.
 * - Results are read whole (PQexecPrepared), so a caller may run other
 *   statements while it iterates; columns are read from their text form.
 * - Transactions: READ COMMITTED, and every write transaction first takes
 *   one advisory lock (PG_WRITE_LOCK_KEY), held until it ends: writers queue
 *   one behind the other as on SQLite (BEGIN IMMEDIATE), so a service that
 *   reads, decides and writes inside db_begin()/db_commit() behaves the same
 *   on both backends, across any number of `kam serve` processes. Reads
 *   outside transactions never wait. Nesting is counted by db.c. Callers
 *   guard updates with `WHERE id = ? AND version = ?` and look at
 *   db_changes(). Waiting for a lock ends after PG_LOCK_TIMEOUT (like
 *   SQLite's busy timeout) with "the database is busy".
 * - Lost connections (the server restarted): a connection found closed is
 *   opened again before its next statement, retrying for up to
 *   DB_RECONNECT_WAIT_MS while the server comes back. A statement that fails
 *   because the connection broke is run again on a new connection only when
 *   that cannot write twice: outside a transaction, a SELECT or the BEGIN.
 *   Inside a transaction the work is lost (PostgreSQL rolled it back) and
 *   the caller gets KAM_EUNAVAILABLE, which the web answers with 503.
 * - Schema version and the "this is a kam database" mark live in the table
 *   kam_meta (key, value): rows 'application' = 'kam', 'schema_version'.
 * - Errors become the same user-facing errors (and words) as on SQLite. */
#include "db_impl.h"

#include "pg_translate.h"

#include <libpq-fe.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define PG_CACHE_SLOTS     1024 /* prepared statements kept per connection (half) */
#define PG_CONNECT_TIMEOUT "10"
#define PG_MAX_ARGS        1000
/* Waiting for a lock (a row, the write lock) gives up after this, like
 * SQLite's busy timeout (SQ_BUSY_TIMEOUT_MS). */
#define PG_LOCK_TIMEOUT "10s"
/* Pause between attempts to reach a server that is restarting. */
#define PG_RECONNECT_STEP_MS 100
/* How many times an idle connection's socket is drained to notice EOF. */
#define PG_IDLE_DRAIN_MAX 4

/* Type OIDs (pg_type.h is a server header). */
#define OID_UNKNOWN 0
#define OID_BOOL    16
#define OID_INT8    20
#define OID_TEXT    25
#define OID_FLOAT8  701

typedef struct PgPrep {
    char *key; /* SQL text, '\x1f', one letter per argument type */
    uint64_t hash;
    char name[24];
} PgPrep;

typedef struct PgDb {
    Db base;
    PGconn *conn;
    bool readonly;
    PgPrep *cache[PG_CACHE_SLOTS];
    int ncached;
    unsigned next_id;
} PgDb;

typedef struct PgStmt {
    DbStmt base;
    PGresult *res;
    int row; /* current row; -1 before the first db_next() */
    int nrows;
} PgStmt;

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* First line of a libpq message, without "ERROR:  "/"FATAL:  " and the
 * trailing newline, into out. */
static const char *first_line(const char *m, char *out, size_t outn)
{
    if (!m) m = "";
    const char *f = strstr(m, "FATAL:  ");
    if (f)
        m = f + 8;
    else if (strncmp(m, "ERROR:  ", 8) == 0)
        m += 8;
    size_t n = strcspn(m, "\n");
    while (n > 0 && (m[n - 1] == ' ' || m[n - 1] == '\r')) n--;
    snprintf(out, outn, "%.*s", (int)n, m);
    return out;
}

static ErrCode unavailable(Err *err, const char *why)
{
    char line[512];
    return err_set(err, KAM_EUNAVAILABLE, "the database is unavailable: %s; try again",
                   first_line(why, line, sizeof line));
}

/* Map a failed result (or a broken connection, res NULL) to a user-facing
 * error with the same codes and words as sq_error() in db_sqlite.c. */
static ErrCode pg_error(PgDb *db, Err *err, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!msg) msg = res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn);
    if (!msg || !*msg) msg = PQerrorMessage(db->conn);
    if (PQstatus(db->conn) == CONNECTION_BAD || !state || strncmp(state, "08", 2) == 0 ||
        strcmp(state, "57P01") == 0 || strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0 ||
        strcmp(state, "53300") == 0)
        return unavailable(err, msg);
    const char *table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
    const char *column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);
    const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    if (strcmp(state, "23505") == 0) { /* unique_violation */
        char what[512], last[KAM_ERR_FIELD_MAX] = "";
        if (!pg_unique_columns(table, PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL), what,
                               sizeof what, last, sizeof last))
            snprintf(what, sizeof what, "%s", constraint ? constraint : msg);
        err_set(err, KAM_ECONFLICT, "a record with the same %s already exists", what);
        if (err && last[0]) snprintf(err->field, sizeof err->field, "%s", last);
        return KAM_ECONFLICT;
    }
    if (strcmp(state, "23503") == 0) /* foreign_key_violation */
        return err_set(
            err, KAM_EINPUT,
            "the change refers to a record that does not exist, or removes one that other "
            "records still use");
    if (strcmp(state, "23502") == 0 && column) { /* not_null_violation */
        err_set(err, KAM_EINPUT, "%s is required", column);
        if (err) snprintf(err->field, sizeof err->field, "%s", column);
        return KAM_EINPUT;
    }
    if (strcmp(state, "23514") == 0 && constraint) /* check_violation, named like SQLite names it */
        return err_set(err, KAM_EINPUT, "value not allowed (CHECK constraint failed: %s)",
                       constraint);
    if (strncmp(state, "23", 2) == 0 ||
        strncmp(state, "22", 2) == 0) /* other constraints, bad values */
        return err_set(err, KAM_EINPUT, "value not allowed (%s)", msg);
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0 ||
        strcmp(state, "57014") == 0)
        return err_set(err, KAM_EUNAVAILABLE,
                       "the database is busy; nothing was changed, try again");
    if (strcmp(state, "53100") == 0)
        return err_set(err, KAM_EINTERNAL, "the disk is full: nothing was saved (%s)",
                       db->base.target);
    if (strcmp(state, "25006") == 0)
        return err_set(err, KAM_EINTERNAL, "the database %s is read-only", db->base.target);
    return err_set(err, KAM_EINTERNAL, "database error: %s", msg);
}

static void cache_clear(PgDb *db)
{
    for (int i = 0; i < PG_CACHE_SLOTS; i++) {
        if (!db->cache[i]) continue;
        free(db->cache[i]->key);
        free(db->cache[i]);
        db->cache[i] = NULL;
    }
    db->ncached = 0;
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

/* Per-connection settings, after connecting and after a reset. */
static ErrCode pg_session_setup(PgDb *db, Err *err)
{
    PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
    const char *sql =
        db->readonly ? "SET standard_conforming_strings = on; SET client_min_messages = warning; "
                       "SET lock_timeout = '" PG_LOCK_TIMEOUT "'; "
                       "SET default_transaction_read_only = on"
                     : "SET standard_conforming_strings = on; SET client_min_messages = warning; "
                       "SET lock_timeout = '" PG_LOCK_TIMEOUT "'";
    PGresult *r = PQexec(db->conn, sql);
    ErrCode rc = PQresultStatus(r) == PGRES_COMMAND_OK ? KAM_OK : pg_error(db, err, r);
    PQclear(r);
    return rc;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* A connection lost outside a transaction is opened again (the server may
 * have restarted: it is given up to DB_RECONNECT_WAIT_MS to come back);
 * inside one the work is lost and the caller is told. */
static ErrCode pg_ensure(PgDb *db, Err *err)
{
    if (PQstatus(db->conn) == CONNECTION_OK) return KAM_OK;
    if (db->base.tx_depth > 0) return unavailable(err, PQerrorMessage(db->conn));
    cache_clear(db); /* prepared statements died with the old session */
    uint64_t deadline = db_clock_ns() + (uint64_t)DB_RECONNECT_WAIT_MS * 1000000u;
    for (;;) {
        PQreset(db->conn);
        if (PQstatus(db->conn) == CONNECTION_OK) break;
        if (db_clock_ns() >= deadline) return unavailable(err, PQerrorMessage(db->conn));
        sleep_ms(PG_RECONNECT_STEP_MS);
    }
    return pg_session_setup(db, err);
}

/* An idle connection whose server went away has unread input: the server's
 * goodbye ("terminating connection due to administrator command") and the
 * end of the stream. Reading it marks the connection bad, and pg_ensure()
 * reconnects before the next statement. */
static void pg_idle_check(Db *base)
{
    PgDb *db = (PgDb *)base;
    if (PQstatus(db->conn) != CONNECTION_OK || PQtransactionStatus(db->conn) != PQTRANS_IDLE)
        return;
    struct pollfd pfd = {.fd = PQsocket(db->conn), .events = POLLIN};
    for (int i = 0; i < PG_IDLE_DRAIN_MAX && pfd.fd >= 0 && poll(&pfd, 1, 0) > 0; i++) {
        if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK) return;
        PGnotify *n;
        while ((n = PQnotifies(db->conn))) PQfreemem(n);
    }
}

static bool is_tx_control(const char *sql)
{
    SqlTok t;
    const char *p = sql;
    do p = sql_token(p, &t);
    while (t.kind == SQLTOK_SPACE || t.kind == SQLTOK_COMMENT);
    return sql_tok_is(&t, "BEGIN") || sql_tok_is(&t, "COMMIT") || sql_tok_is(&t, "ROLLBACK") ||
           sql_tok_is(&t, "START") || sql_tok_is(&t, "END") || sql_tok_is(&t, "SAVEPOINT") ||
           sql_tok_is(&t, "RELEASE");
}

static PgPrep *cache_find(PgDb *db, const char *key, uint64_t h)
{
    unsigned slot = (unsigned)(h % PG_CACHE_SLOTS);
    for (unsigned k = 0; k < PG_CACHE_SLOTS; k++) {
        PgPrep *c = db->cache[(slot + k) % PG_CACHE_SLOTS];
        if (!c) return NULL;
        if (c->hash == h && strcmp(c->key, key) == 0) return c;
    }
    return NULL;
}

static void cache_add(PgDb *db, PgPrep *p)
{
    unsigned slot = (unsigned)(p->hash % PG_CACHE_SLOTS);
    for (unsigned k = 0; k < PG_CACHE_SLOTS; k++) {
        unsigned idx = (slot + k) % PG_CACHE_SLOTS;
        if (!db->cache[idx]) {
            db->cache[idx] = p;
            db->ncached++;
            return;
        }
    }
}

/* The parameter number in "could not determine data type of parameter $N". */
static int indeterminate_param(const PGresult *r)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    if (!state || strcmp(state, "42P18") != 0 || !m) return 0;
    const char *d = strrchr(m, '$');
    return d ? atoi(d + 1) : 0;
}

/* May sql run again after the connection broke under it, without risk of
 * writing twice? Outside a transaction: a plain SELECT, or BEGIN. */
static bool retry_safe(const char *sql)
{
    SqlTok t;
    const char *p = sql;
    do p = sql_token(p, &t);
    while (t.kind == SQLTOK_SPACE || t.kind == SQLTOK_COMMENT);
    return sql_tok_is(&t, "SELECT") || sql_tok_is(&t, "BEGIN");
}

/* Run sql with args once; returns the result (caller clears) or NULL with
 * err set. */
static PGresult *pg_run_once(PgDb *db, Err *err, const char *sql, const DbArg *args, int nargs)
{
    if (pg_ensure(db, err)) return NULL;
    if (nargs > PG_MAX_ARGS) {
        err_set(err, KAM_EINTERNAL, "too many arguments for one statement (%d)", nargs);
        return NULL;
    }
    if (nargs == 0 && is_tx_control(sql)) {
        /* BEGIN may come with the statements that take the write lock. */
        PGresult *r = PQexec(db->conn, sql);
        ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            pg_error(db, err, r);
            PQclear(r);
            /* A BEGIN whose lock timed out leaves a failed transaction open:
             * end it, so the connection is usable again. */
            if (db->base.tx_depth == 0 && PQtransactionStatus(db->conn) == PQTRANS_INERROR)
                PQclear(PQexec(db->conn, "ROLLBACK"));
            return NULL;
        }
        return r;
    }

    /* Values in text form, and the key of the prepared statement. */
    size_t sqln = strlen(sql);
    char *key = malloc(sqln + (size_t)nargs + 2);
    const char **vals = calloc((size_t)nargs + 1, sizeof *vals);
    char(*num)[32] = calloc((size_t)nargs + 1, sizeof *num);
    Oid *types = calloc((size_t)nargs + 1, sizeof *types);
    if (!key || !vals || !num || !types) abort();
    memcpy(key, sql, sqln);
    key[sqln] = '\x1f';
    for (int i = 0; i < nargs; i++) {
        const DbArg *a = &args[i];
        char letter = 'n';
        switch (a->type) {
        case DB_ARG_NULL:
            break;
        case DB_ARG_INT:
            letter = 'i';
            snprintf(num[i], sizeof num[i], "%lld", (long long)a->i);
            vals[i] = num[i];
            break;
        case DB_ARG_REAL:
            letter = 'r';
            if (isnan(a->d))
                snprintf(num[i], sizeof num[i], "NaN");
            else if (isinf(a->d))
                snprintf(num[i], sizeof num[i], "%s", a->d > 0 ? "Infinity" : "-Infinity");
            else
                snprintf(num[i], sizeof num[i], "%.17g", a->d);
            vals[i] = num[i];
            break;
        case DB_ARG_TEXT:
            if (a->s) {
                letter = 't';
                vals[i] = a->s;
            }
            break;
        }
        key[sqln + 1 + (size_t)i] = letter;
    }
    key[sqln + 1 + (size_t)nargs] = 0;

    PGresult *res = NULL;
    bool reported = false; /* err already says what went wrong */
    uint64_t h = fnv1a(key);
    PgPrep *prep = cache_find(db, key, h);
    if (prep) {
        free(key);
        key = NULL;
        res = PQexecPrepared(db->conn, prep->name, nargs, vals, NULL, NULL, 0);
    } else {
        int np = 0;
        unsigned char *flags = calloc((size_t)nargs + 1, 1);
        if (!flags) abort();
        char *psql = pg_translate_params(sql, &np, flags, nargs);
        if (np != nargs) {
            err_set(err, KAM_EINTERNAL,
                    "the statement has %d placeholders but %d arguments were given", np, nargs);
            reported = true;
        } else {
            for (int i = 0; i < nargs; i++) {
                char letter = key[sqln + 1 + (size_t)i];
                types[i] = letter == 'i'                   ? OID_INT8
                           : letter == 'r'                 ? OID_FLOAT8
                           : (flags[i] & PG_PARAM_IS_TEST) ? OID_TEXT
                                                           : OID_UNKNOWN;
            }
            if (db->ncached < PG_CACHE_SLOTS / 2) {
                prep = calloc(1, sizeof *prep);
                if (!prep) abort();
                snprintf(prep->name, sizeof prep->name, "kam_%u", ++db->next_id);
                PGresult *pr = NULL;
                for (int attempt = 0; attempt <= nargs; attempt++) {
                    PQclear(pr);
                    pr = PQprepare(db->conn, prep->name, psql, np, types);
                    if (PQresultStatus(pr) == PGRES_COMMAND_OK) break;
                    /* A parameter whose type nothing decides: make it text
                     * and try again (only outside a transaction, which the
                     * failure would have aborted). */
                    int k = indeterminate_param(pr);
                    if (k < 1 || k > nargs || types[k - 1] == OID_TEXT ||
                        PQtransactionStatus(db->conn) != PQTRANS_IDLE)
                        break;
                    types[k - 1] = OID_TEXT;
                }
                if (PQresultStatus(pr) == PGRES_COMMAND_OK) {
                    prep->key = key;
                    prep->hash = h;
                    key = NULL;
                    cache_add(db, prep);
                    res = PQexecPrepared(db->conn, prep->name, nargs, vals, NULL, NULL, 0);
                } else {
                    pg_error(db, err, pr);
                    reported = true;
                    free(prep);
                }
                PQclear(pr);
            } else {
                res = PQexecParams(db->conn, psql, np, types, vals, NULL, NULL, 0);
            }
        }
        free(psql);
        free(flags);
    }
    free(key);
    free(vals);
    free(num);
    free(types);
    if (!res) {
        if (!reported) pg_error(db, err, NULL);
        return NULL;
    }
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        pg_error(db, err, res);
        PQclear(res);
        return NULL;
    }
    return res;
}

/* pg_run_once(), and once more on a new connection when the old one broke
 * and the statement cannot have written anything (see retry_safe()). */
static PGresult *pg_run(PgDb *db, Err *err, const char *sql, const DbArg *args, int nargs)
{
    bool was_up = PQstatus(db->conn) == CONNECTION_OK; /* else pg_ensure() already waited */
    PGresult *r = pg_run_once(db, err, sql, args, nargs);
    if (!r && was_up && PQstatus(db->conn) == CONNECTION_BAD && db->base.tx_depth == 0 &&
        retry_safe(sql))
        r = pg_run_once(db, err, sql, args, nargs);
    return r;
}

static ErrCode pg_exec(Db *base, Err *err, const char *sql, const DbArg *args, int nargs)
{
    PgDb *db = (PgDb *)base;
    Err local;
    if (!err) err = &local;
    PGresult *r = pg_run(db, err, sql, args, nargs);
    if (!r) return err->code;
    /* COMMIT of a transaction that met an error reports ROLLBACK, no error. */
    if (strcmp(PQcmdStatus(r), "ROLLBACK") == 0 && nargs == 0 && is_tx_control(sql) &&
        strncasecmp(sql, "ROLLBACK", 8) != 0) {
        PQclear(r);
        return err_set(err, KAM_EINTERNAL,
                       "the transaction was rolled back after an earlier error; nothing was saved");
    }
    const char *ct = PQcmdTuples(r);
    if (ct && *ct && !(nargs == 0 && is_tx_control(sql))) base->changes = strtoll(ct, NULL, 10);
    PQclear(r);
    return KAM_OK;
}

static ErrCode pg_exec_script(Db *base, Err *err, const char *sql)
{
    PgDb *db = (PgDb *)base;
    Err local;
    if (!err) err = &local;
    if (pg_ensure(db, err)) return err->code;
    PGresult *r = PQexec(db->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    ErrCode rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY)
                     ? KAM_OK
                     : pg_error(db, err, r);
    PQclear(r);
    return rc;
}

static DbStmt *pg_query(Db *base, Err *err, const char *sql, const DbArg *args, int nargs)
{
    PgDb *db = (PgDb *)base;
    PGresult *r = pg_run(db, err, sql, args, nargs);
    if (!r) return NULL;
    PgStmt *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->base.db = base;
    s->res = r;
    s->row = -1;
    s->nrows = PQntuples(r);
    return &s->base;
}

static bool pg_next(DbStmt *st)
{
    PgStmt *s = (PgStmt *)st;
    if (st->status || s->row >= s->nrows) return false;
    s->row++;
    return s->row < s->nrows;
}

static int pg_ncols(DbStmt *st)
{
    return PQnfields(((PgStmt *)st)->res);
}

static const char *pg_colname(DbStmt *st, int c)
{
    PgStmt *s = (PgStmt *)st;
    return c >= 0 && c < PQnfields(s->res) ? PQfname(s->res, c) : NULL;
}

static bool pg_valid(const PgStmt *s, int c)
{
    return s->row >= 0 && s->row < s->nrows && c >= 0 && c < PQnfields(s->res);
}

static bool pg_isnull(DbStmt *st, int c)
{
    PgStmt *s = (PgStmt *)st;
    return !pg_valid(s, c) || PQgetisnull(s->res, s->row, c);
}

/* A column's text as SQLite would give it: NULL for SQL NULL, booleans as
 * "1"/"0" (SQLite has no boolean type). */
static const char *pg_text(DbStmt *st, int c)
{
    PgStmt *s = (PgStmt *)st;
    if (pg_isnull(st, c)) return NULL;
    const char *v = PQgetvalue(s->res, s->row, c);
    if (PQftype(s->res, c) == OID_BOOL) return v[0] == 't' ? "1" : "0";
    return v;
}

static int64_t pg_int(DbStmt *st, int c)
{
    const char *v = pg_text(st, c);
    if (!v) return 0;
    if (strpbrk(v, ".eEN")) return (int64_t)strtod(v, NULL); /* a real or numeric column */
    return strtoll(v, NULL, 10);
}

static double pg_real(DbStmt *st, int c)
{
    const char *v = pg_text(st, c);
    return v ? strtod(v, NULL) : 0.0;
}

static ErrCode pg_done(DbStmt *st)
{
    PgStmt *s = (PgStmt *)st;
    ErrCode rc = st->status;
    PQclear(s->res);
    free(s);
    return rc;
}

static ErrCode pg_has_meta(Db *base, Err *err, int64_t *has)
{
    return db_one_int(
        base, err,
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
        "tablename = 'kam_meta'",
        DB_NOARGS, has);
}

static ErrCode pg_schema_version(Db *base, Err *err, int *version)
{
    *version = 0;
    int64_t has = 0;
    if (pg_has_meta(base, err, &has)) return err->code;
    if (!has) return KAM_OK;
    DbStmt *st =
        db_query(base, err, "SELECT value FROM kam_meta WHERE key = 'schema_version'", DB_NOARGS);
    if (!st) return err->code;
    if (db_next(st)) *version = atoi(db_text(st, 0) ? db_text(st, 0) : "0");
    return db_done(st);
}

static ErrCode pg_set_schema_version(Db *base, Err *err, int version)
{
    char v[32];
    snprintf(v, sizeof v, "%d", version);
    ErrCode rc =
        pg_exec(base, err,
                "CREATE TABLE IF NOT EXISTS kam_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                DB_NOARGS);
    if (!rc)
        rc = pg_exec(base, err,
                     "INSERT INTO kam_meta (key, value) VALUES ('application', 'kam') ON CONFLICT "
                     "(key) DO NOTHING",
                     DB_NOARGS);
    if (!rc)
        rc = pg_exec(base, err,
                     "INSERT INTO kam_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT "
                     "(key) DO UPDATE SET "
                     "value = excluded.value",
                     DB_ARGS(DT(v)));
    return rc;
}

static char *pg_translate(Db *base, const char *ddl)
{
    (void)base;
    return pg_translate_ddl(ddl);
}

static ErrCode pg_backup_to(Db *base, const char *path, Err *err)
{
    (void)base, (void)path;
    return err_set(err, KAM_EUSAGE,
                   "kam backup writes SQLite files; back up a PostgreSQL database with pg_dump, or "
                   "copy it into a "
                   "kam file with `kam db copy --from URL --to FILE`");
}

static ErrCode pg_restore_from(Db *base, const char *path, Err *err)
{
    (void)base, (void)path;
    return err_set(err, KAM_EUSAGE,
                   "kam restore replaces SQLite files; restore a PostgreSQL database with "
                   "pg_restore, or load a kam "
                   "file into an empty one with `kam db copy --from FILE --to URL`");
}

static void pg_close(Db *base)
{
    PgDb *db = (PgDb *)base;
    cache_clear(db);
    PQfinish(db->conn);
    free(base->target);
    free(db);
}

static const DbOps pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .exec = pg_exec,
    .exec_script = pg_exec_script,
    .query = pg_query,
    .next = pg_next,
    .ncols = pg_ncols,
    .colname = pg_colname,
    .isnull = pg_isnull,
    .col_int = pg_int,
    .col_real = pg_real,
    .col_text = pg_text,
    .done = pg_done,
    .schema_version = pg_schema_version,
    .set_schema_version = pg_set_schema_version,
    .translate_ddl = pg_translate,
    .backup_to = pg_backup_to,
    .restore_from = pg_restore_from,
    .idle_check = pg_idle_check,
    .begin_sql =
        "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK_KEY ")",
};

/* The URL without its password, for messages. */
char *db_pg_redact(const char *url)
{
    size_t n = strlen(url);
    char *out = malloc(n + 8);
    if (!out) abort();
    const char *auth = strstr(url, "://");
    auth = auth ? auth + 3 : url;
    size_t authn = strcspn(auth, "/?");
    const char *at = memchr(auth, '@', authn);
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon)
        snprintf(out, n + 8, "%.*s:***%s", (int)(colon - url), url, at);
    else
        snprintf(out, n + 8, "%s", url);
    char *pw = strstr(out, "password=");
    if (pw) {
        char *end = pw + 9 + strcspn(pw + 9, "&");
        memmove(pw + 12, end, strlen(end) + 1);
        memcpy(pw + 9, "***", 3);
    }
    return out;
}

ErrCode db_pg_open(const char *url, int flags, Db **out, Err *err)
{
    *out = NULL;
    const char *keys[] = {"connect_timeout", "dbname", "fallback_application_name",
                          "client_encoding", NULL};
    const char *vals[] = {PG_CONNECT_TIMEOUT, url, "kam", "UTF8", NULL};
    uint64_t deadline = db_clock_ns() + (uint64_t)DB_RECONNECT_WAIT_MS * 1000000u;
    PGconn *conn;
    for (;;) {
        conn = PQconnectdbParams(keys, vals, 1);
        if (!conn) abort();
        if (PQstatus(conn) == CONNECTION_OK) break;
        const char *m = PQerrorMessage(conn);
        /* The server answered and said no (no such database, no access):
         * retrying will not help. Otherwise it could not be reached, or is
         * starting or stopping: worth waiting for when asked to. */
        bool refused = strstr(m, "FATAL:") && !strstr(m, "starting up") &&
                       !strstr(m, "shutting down") && !strstr(m, "not yet accepting") &&
                       !strstr(m, "recovery mode") && !strstr(m, "too many");
        if (refused || !(flags & DB_OPEN_WAIT) || db_clock_ns() >= deadline) {
            char line[512];
            char *shown = db_pg_redact(url);
            ErrCode rc = refused ? err_set(err, KAM_EINPUT, "cannot open %s: %s", shown,
                                           first_line(m, line, sizeof line))
                                 : unavailable(err, m);
            PQfinish(conn);
            free(shown);
            return rc;
        }
        PQfinish(conn);
        sleep_ms(PG_RECONNECT_STEP_MS);
    }
    char *shown = db_pg_redact(url);
    PgDb *db = calloc(1, sizeof *db);
    if (!db) abort();
    db->conn = conn;
    db->readonly = (flags & DB_OPEN_READONLY) != 0;
    db->base.ops = &pg_ops;
    db->base.kind = DB_POSTGRES;
    db->base.target = shown;
    if (pg_session_setup(db, err)) {
        pg_close(&db->base);
        return err->code;
    }
    /* A database with kam_meta must be marked as ours; one without it must
     * be empty (kam init then creates the schema in it). */
    int64_t has = 0, tables = 0;
    ErrCode rc = pg_has_meta(&db->base, err, &has);
    if (!rc && has) {
        DbStmt *st = db_query(&db->base, err,
                              "SELECT value FROM kam_meta WHERE key = 'application'", DB_NOARGS);
        bool ours = false;
        if (st) {
            if (db_next(st)) ours = db_text(st, 0) && strcmp(db_text(st, 0), "kam") == 0;
            rc = db_done(st);
        } else
            rc = err->code;
        if (!rc && !ours) rc = err_set(err, KAM_EINPUT, "%s is not a kam database", shown);
    } else if (!rc) {
        rc = db_one_int(
            &db->base, err,
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
            DB_NOARGS, &tables);
        if (!rc && tables > 0)
            rc = err_set(
                err, KAM_EINPUT,
                "%s is not a kam database (it already holds other tables: use an empty database or "
                "schema)",
                shown);
    }
    if (rc) {
        pg_close(&db->base);
        return rc;
    }
    *out = &db->base;
    return KAM_OK;
}
