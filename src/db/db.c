/* Backend-independent parts of the store: dispatch, nested transactions,
 * convenience queries and time statistics. */
#include "db_impl.h"

#include "../core/text.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The process's data version (db_data_version): bumped after every commit
 * made through any connection of this process, and whenever a connection
 * notices, at the start of a read snapshot, that another connection or
 * process committed (SQLite's PRAGMA data_version). It only grows. */
static _Atomic uint64_t g_data_version = 1;

/* After a commit of ours: every later snapshot gets a new version. */
static void data_changed(void) { atomic_fetch_add(&g_data_version, 1); }

uint64_t db_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

DbKind db_kind_of(const char *target)
{
    return target && (str_starts(target, "postgres://") || str_starts(target, "postgresql://"))
               ? DB_POSTGRES
               : DB_SQLITE;
}

ErrCode db_open(const char *target, int flags, Db **out, Err *err)
{
    *out = NULL;
    if (!target || !*target) return err_set(err, KAM_EUSAGE, "no database given (use --db PATH or KAM_DB)");
    if (db_kind_of(target) == DB_POSTGRES) return db_pg_open(target, flags, out, err);
    return db_sqlite_open(target, flags, out, err);
}

char *db_target_shown(const char *target)
{
    if (db_kind_of(target) == DB_POSTGRES) return db_pg_redact(target);
    char *s = strdup(target ? target : "");
    if (!s) abort();
    return s;
}

void db_idle_check(Db *db)
{
    if (db && db->ops->idle_check) db->ops->idle_check(db);
}

void db_close(Db *db)
{
    if (!db) return;
    db_read_end(db);
    if (db->tx_depth) db_rollback(db);
    db->ops->close(db);
}

DbKind db_kind(const Db *db) { return db->kind; }
const char *db_target(const Db *db) { return db->target; }
bool db_in_transaction(const Db *db) { return db->tx_depth > 0; }

ErrCode db_read_begin(Db *db, Err *err)
{
    if (db->read_open) return KAM_OK; /* already in one: keep its version */
    db->version = 0;
    if (!db->ops->read_begin || db->tx_depth > 0) return KAM_OK;
    uint64_t before = atomic_load(&g_data_version);
    int64_t dv = 0;
    ErrCode rc = db->ops->read_begin(db, err, &dv);
    if (rc) return rc;
    db->read_open = true;
    uint64_t v = before;
    if (!db->dv_known || dv != db->last_dv) {
        /* Someone else committed since this connection last looked (or it
         * never looked): a new version. Ours is only unambiguous when no
         * other bump came between reading `before` and this one. */
        db->dv_known = true;
        db->last_dv = dv;
        uint64_t mine = atomic_fetch_add(&g_data_version, 1) + 1;
        v = mine == before + 1 ? mine : 0;
    }
    db->version = v;
    return KAM_OK;
}

void db_read_end(Db *db)
{
    if (!db || !db->read_open) return;
    db->read_open = false;
    db->version = 0;
    db->ops->read_end(db);
}

uint64_t db_data_version(const Db *db)
{
    if (!db->read_open || !db->version) return 0;
    return atomic_load(&g_data_version) == db->version ? db->version : 0;
}

ErrCode db_begin(Db *db, Err *err)
{
    if (db->tx_depth > 0) {
        db->tx_depth++;
        return KAM_OK;
    }
    db_read_end(db); /* a write transaction starts from the latest data */
    ErrCode rc = db->ops->exec(db, err, db->ops->begin_sql, NULL, 0);
    if (rc == KAM_OK) db->tx_depth = 1;
    return rc;
}

ErrCode db_commit(Db *db, Err *err)
{
    if (db->tx_depth <= 0)
        return err_set(err, KAM_EINTERNAL, "commit without a transaction (it was rolled back earlier)");
    if (db->tx_depth > 1) {
        db->tx_depth--;
        return KAM_OK;
    }
    ErrCode rc = db->ops->exec(db, err, "COMMIT", NULL, 0);
    if (rc != KAM_OK) {
        db_rollback(db);
        return rc;
    }
    db->tx_depth = 0;
    data_changed();
    return KAM_OK;
}

void db_rollback(Db *db)
{
    if (db->tx_depth <= 0) return;
    Err ignored;
    err_clear(&ignored);
    db->ops->exec(db, &ignored, "ROLLBACK", NULL, 0);
    db->tx_depth = 0;
    db->writes++;
}

ErrCode db_exec(Db *db, Err *err, const char *sql, const DbArg *args, int nargs)
{
    db_read_end(db);
    uint64_t t0 = db_clock_ns();
    ErrCode rc = db->ops->exec(db, err, sql, args, nargs);
    db->time_ns += db_clock_ns() - t0;
    db->calls++;
    db->writes++;
    if (db->tx_depth == 0) data_changed(); /* an autocommit statement committed */
    return rc;
}

int64_t db_changes(Db *db) { return db->changes; }
uint64_t db_write_count(const Db *db) { return db->writes; }

ErrCode db_exec_script(Db *db, Err *err, const char *sql)
{
    db_read_end(db);
    db->writes++;
    ErrCode rc = db->ops->exec_script(db, err, sql);
    if (db->tx_depth == 0) data_changed();
    return rc;
}

DbStmt *db_query(Db *db, Err *err, const char *sql, const DbArg *args, int nargs)
{
    uint64_t t0 = db_clock_ns();
    DbStmt *st = db->ops->query(db, err, sql, args, nargs);
    if (st) {
        st->t0 = t0;
        st->err = err;
        st->status = KAM_OK;
    } else {
        db->time_ns += db_clock_ns() - t0;
        db->calls++;
    }
    return st;
}

bool db_next(DbStmt *st) { return st->db->ops->next(st); }
int db_ncols(DbStmt *st) { return st->db->ops->ncols(st); }
const char *db_colname(DbStmt *st, int col) { return st->db->ops->colname(st, col); }
bool db_isnull(DbStmt *st, int col) { return st->db->ops->isnull(st, col); }
int64_t db_int(DbStmt *st, int col) { return st->db->ops->col_int(st, col); }
double db_real(DbStmt *st, int col) { return st->db->ops->col_real(st, col); }
const char *db_text(DbStmt *st, int col) { return st->db->ops->col_text(st, col); }

ErrCode db_done(DbStmt *st)
{
    if (!st) return KAM_EINTERNAL;
    Db *db = st->db;
    uint64_t t0 = st->t0;
    ErrCode rc = db->ops->done(st);
    db->time_ns += db_clock_ns() - t0;
    db->calls++;
    return rc;
}

ErrCode db_one_int(Db *db, Err *err, const char *sql, const DbArg *args, int nargs, int64_t *out)
{
    DbStmt *st = db_query(db, err, sql, args, nargs);
    if (!st) return err->code;
    bool row = db_next(st);
    if (row) *out = db_isnull(st, 0) ? 0 : db_int(st, 0);
    ErrCode rc = db_done(st);
    if (rc) return rc;
    if (!row) return err_set(err, KAM_ENOTFOUND, "no row");
    return KAM_OK;
}

ErrCode db_one_real(Db *db, Err *err, const char *sql, const DbArg *args, int nargs, double *out)
{
    DbStmt *st = db_query(db, err, sql, args, nargs);
    if (!st) return err->code;
    bool row = db_next(st);
    if (row) *out = db_isnull(st, 0) ? 0.0 : db_real(st, 0);
    ErrCode rc = db_done(st);
    if (rc) return rc;
    if (!row) return err_set(err, KAM_ENOTFOUND, "no row");
    return KAM_OK;
}

ErrCode db_insert(Db *db, Err *err, const char *sql, const DbArg *args, int nargs, int64_t *id)
{
    db_read_end(db);
    db->writes++;
    ErrCode rc = db_one_int(db, err, sql, args, nargs, id);
    if (db->tx_depth == 0) data_changed();
    if (rc == KAM_ENOTFOUND) return err_set(err, KAM_EINTERNAL, "insert returned no id");
    if (rc == KAM_OK) db->changes = 1;
    return rc;
}

ErrCode db_schema_version(Db *db, Err *err, int *version) { return db->ops->schema_version(db, err, version); }
ErrCode db_set_schema_version(Db *db, Err *err, int version) { return db->ops->set_schema_version(db, err, version); }
char *db_translate_ddl(Db *db, const char *ddl) { return db->ops->translate_ddl(db, ddl); }
ErrCode db_backup_to(Db *db, const char *path, Err *err) { return db->ops->backup_to(db, path, err); }
ErrCode db_restore_from(Db *db, const char *path, Err *err)
{
    db_read_end(db);
    ErrCode rc = db->ops->restore_from(db, path, err);
    data_changed();
    return rc;
}

void db_stats(const Db *db, uint64_t *ns, uint64_t *count)
{
    *ns = db->time_ns;
    *count = db->calls;
}
