/* SQLite backend: WAL, foreign keys, busy timeout, a cache of prepared
 * statements keyed by their SQL text, and SQLite errors turned into the
 * user-facing error codes of err.h. */
#include "db_impl.h"

#include "../core/text.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 'KAM1': marks a file as a kam database (PRAGMA application_id). */
#define KAM_APPLICATION_ID 0x4B414D31
#define SQ_BUSY_TIMEOUT_MS 10000
#define SQ_CACHE_SLOTS 512 /* prepared statements kept per connection */
#define SQ_PAGE_CACHE_KIB 8192

typedef struct SqStmt {
    DbStmt base;
    sqlite3_stmt *st;
    bool cached; /* lives in the cache (else finalized by done) */
    bool busy;   /* handed out and not yet done */
    bool stepped_done;
    char *sql;
    uint64_t hash;
} SqStmt;

typedef struct SqDb {
    Db base;
    sqlite3 *h;
    SqStmt *cache[SQ_CACHE_SLOTS];
    int ncached;
} SqDb;

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Map an SQLite failure to a user-facing error. Constraint messages name the
 * table and column ("UNIQUE constraint failed: account.ext_id"); keep that
 * detail and set the field so forms can show it in place. */
static ErrCode sq_error(SqDb *db, Err *err, int rc)
{
    const char *m = sqlite3_errmsg(db->h);
    int ext = sqlite3_extended_errcode(db->h);
    const char *col = strrchr(m, '.');
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
            const char *what = strchr(m, ':') ? strchr(m, ':') + 2 : m;
            err_set(err, KAM_ECONFLICT, "a record with the same %s already exists", what);
        } else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
            err_set(err, KAM_EINPUT,
                    "the change refers to a record that does not exist, or removes one that other "
                    "records still use");
            return KAM_EINPUT;
        } else if (ext == SQLITE_CONSTRAINT_NOTNULL) {
            err_set(err, KAM_EINPUT, "%s is required", col ? col + 1 : m);
        } else {
            err_set(err, KAM_EINPUT, "value not allowed (%s)", m);
        }
        if (err && col) snprintf(err->field, sizeof err->field, "%s", col + 1);
        return err ? err->code : KAM_EINPUT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return err_set(err, KAM_EUNAVAILABLE, "the database is busy; nothing was changed, try again");
    case SQLITE_FULL:
        return err_set(err, KAM_EINTERNAL, "the disk is full: nothing was saved (%s)", db->base.target);
    case SQLITE_READONLY:
        return err_set(err, KAM_EINTERNAL, "the database %s is read-only", db->base.target);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return err_set(err, KAM_EINPUT, "%s is damaged or is not a kam database", db->base.target);
    case SQLITE_IOERR:
        return err_set(err, KAM_EINTERNAL, "input/output error on %s: %s", db->base.target, m);
    default: return err_set(err, KAM_EINTERNAL, "database error: %s", m);
    }
}

static void sq_bind(SqDb *db, sqlite3_stmt *st, const DbArg *args, int nargs, bool transient)
{
    (void)db;
    for (int i = 0; i < nargs; i++) {
        const DbArg *a = &args[i];
        switch (a->type) {
        case DB_ARG_NULL: sqlite3_bind_null(st, i + 1); break;
        case DB_ARG_INT: sqlite3_bind_int64(st, i + 1, a->i); break;
        case DB_ARG_REAL: sqlite3_bind_double(st, i + 1, a->d); break;
        case DB_ARG_TEXT:
            if (a->s)
                sqlite3_bind_text(st, i + 1, a->s, -1, transient ? SQLITE_TRANSIENT : SQLITE_STATIC);
            else sqlite3_bind_null(st, i + 1);
            break;
        }
    }
}

/* A prepared statement for sql: from the cache when free, else a new one. */
static SqStmt *sq_prepare(SqDb *db, Err *err, const char *sql)
{
    uint64_t h = fnv1a(sql);
    unsigned slot = (unsigned)(h % SQ_CACHE_SLOTS);
    for (unsigned k = 0; k < SQ_CACHE_SLOTS; k++) {
        SqStmt *c = db->cache[(slot + k) % SQ_CACHE_SLOTS];
        if (!c) break;
        if (c->hash == h && strcmp(c->sql, sql) == 0) {
            if (c->busy) goto transient; /* same SQL nested inside its own loop */
            c->busy = true;
            c->stepped_done = false;
            return c;
        }
    }
transient:;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        sq_error(db, err, rc);
        if (err) err_prefix(err, "%s", "");
        sqlite3_finalize(st);
        return NULL;
    }
    SqStmt *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->base.db = &db->base;
    s->st = st;
    s->busy = true;
    s->hash = h;
    s->sql = strdup(sql);
    if (!s->sql) abort();
    /* Cache it if there is room and no entry for this text exists yet. */
    if (db->ncached < SQ_CACHE_SLOTS / 2) {
        bool exists = false;
        unsigned free_slot = slot;
        for (unsigned k = 0; k < SQ_CACHE_SLOTS; k++) {
            unsigned idx = (slot + k) % SQ_CACHE_SLOTS;
            SqStmt *c = db->cache[idx];
            if (!c) {
                free_slot = idx;
                break;
            }
            if (c->hash == h && strcmp(c->sql, sql) == 0) {
                exists = true;
                break;
            }
        }
        if (!exists) {
            s->cached = true;
            db->cache[free_slot] = s;
            db->ncached++;
        }
    }
    return s;
}

static void sq_release(SqStmt *s)
{
    sqlite3_reset(s->st);
    sqlite3_clear_bindings(s->st);
    s->busy = false;
    if (!s->cached) {
        sqlite3_finalize(s->st);
        free(s->sql);
        free(s);
    }
}

static ErrCode sq_exec(Db *base, Err *err, const char *sql, const DbArg *args, int nargs)
{
    SqDb *db = (SqDb *)base;
    SqStmt *s = sq_prepare(db, err, sql);
    if (!s) return err ? err->code : KAM_EINTERNAL;
    sq_bind(db, s->st, args, nargs, false);
    int rc;
    while ((rc = sqlite3_step(s->st)) == SQLITE_ROW) {
    }
    ErrCode out = KAM_OK;
    if (rc != SQLITE_DONE) out = sq_error(db, err, rc);
    else base->changes = sqlite3_changes64(db->h);
    sq_release(s);
    return out;
}

static ErrCode sq_exec_script(Db *base, Err *err, const char *sql)
{
    SqDb *db = (SqDb *)base;
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        err_set(err, KAM_EINTERNAL, "database error: %s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return KAM_EINTERNAL;
    }
    return KAM_OK;
}

static DbStmt *sq_query(Db *base, Err *err, const char *sql, const DbArg *args, int nargs)
{
    SqDb *db = (SqDb *)base;
    SqStmt *s = sq_prepare(db, err, sql);
    if (!s) return NULL;
    sq_bind(db, s->st, args, nargs, true);
    return &s->base;
}

static bool sq_next(DbStmt *st)
{
    SqStmt *s = (SqStmt *)st;
    if (s->stepped_done || st->status) return false;
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW) return true;
    s->stepped_done = true;
    if (rc != SQLITE_DONE) st->status = sq_error((SqDb *)st->db, st->err, rc);
    return false;
}

static int sq_ncols(DbStmt *st) { return sqlite3_column_count(((SqStmt *)st)->st); }
static const char *sq_colname(DbStmt *st, int c) { return sqlite3_column_name(((SqStmt *)st)->st, c); }
static bool sq_isnull(DbStmt *st, int c) { return sqlite3_column_type(((SqStmt *)st)->st, c) == SQLITE_NULL; }
static int64_t sq_int(DbStmt *st, int c) { return sqlite3_column_int64(((SqStmt *)st)->st, c); }
static double sq_real(DbStmt *st, int c) { return sqlite3_column_double(((SqStmt *)st)->st, c); }
static const char *sq_text(DbStmt *st, int c) { return (const char *)sqlite3_column_text(((SqStmt *)st)->st, c); }

static ErrCode sq_done(DbStmt *st)
{
    ErrCode rc = st->status;
    sq_release((SqStmt *)st);
    return rc;
}

static ErrCode sq_schema_version(Db *base, Err *err, int *version)
{
    int64_t v = 0;
    ErrCode rc = db_one_int(base, err, "PRAGMA user_version", DB_NOARGS, &v);
    *version = (int)v;
    return rc;
}

static ErrCode sq_set_schema_version(Db *base, Err *err, int version)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
    return sq_exec_script(base, err, sql);
}

static char *sq_translate_ddl(Db *base, const char *ddl)
{
    (void)base;
    char *s = strdup(ddl);
    if (!s) abort();
    return s;
}

/* Copy every page from src to dst with the online backup API, retrying while
 * a writer holds the lock. */
static ErrCode sq_copy(sqlite3 *dst, sqlite3 *src, Err *err, const char *what)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) return err_set(err, KAM_EINTERNAL, "%s: %s", what, sqlite3_errmsg(dst));
    int rc;
    do {
        rc = sqlite3_backup_step(b, 1024);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return err_set(err, KAM_EINTERNAL, "%s: %s", what, sqlite3_errstr(rc));
    return KAM_OK;
}

static ErrCode sq_backup_to(Db *base, const char *path, Err *err)
{
    SqDb *db = (SqDb *)base;
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.partial", path) >= (int)sizeof tmp)
        return err_set(err, KAM_EINPUT, "backup path too long");
    unlink(tmp);
    sqlite3 *dst = NULL;
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        err_set(err, KAM_EINPUT, "cannot create %s: %s", tmp, dst ? sqlite3_errmsg(dst) : "out of memory");
        sqlite3_close(dst);
        return KAM_EINPUT;
    }
    ErrCode rc = sq_copy(dst, db->h, err, "backup");
    if (rc == KAM_OK) {
        /* A backup is a single self-contained file: no WAL beside it. */
        char *msg = NULL;
        if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, &msg) != SQLITE_OK) {
            rc = err_set(err, KAM_EINTERNAL, "backup: %s", msg ? msg : "cannot finish the copy");
            sqlite3_free(msg);
        }
    }
    sqlite3_close(dst);
    if (rc == KAM_OK && rename(tmp, path) != 0)
        rc = err_set(err, KAM_EINPUT, "cannot write the backup to %s", path);
    if (rc != KAM_OK) unlink(tmp);
    return rc;
}

static ErrCode sq_check_kam_file(sqlite3 *h, const char *path, Err *err, int *user_version)
{
    sqlite3_stmt *st = NULL;
    int app = 0;
    if (sqlite3_prepare_v2(h, "PRAGMA application_id", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return err_set(err, KAM_EINPUT, "%s is not a kam database (it cannot be read as SQLite)", path);
    }
    app = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (app != KAM_APPLICATION_ID)
        return err_set(err, KAM_EINPUT, "%s is not a kam database", path);
    if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        *user_version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return KAM_OK;
}

static ErrCode sq_restore_from(Db *base, const char *path, Err *err)
{
    SqDb *db = (SqDb *)base;
    sqlite3 *src = NULL;
    if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(src);
        return err_set(err, KAM_EINPUT, "cannot open %s", path);
    }
    int v = 0;
    ErrCode rc = sq_check_kam_file(src, path, err, &v);
    if (rc == KAM_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(src, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK ||
            sqlite3_step(st) != SQLITE_ROW ||
            strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
            rc = err_set(err, KAM_EINPUT, "%s is damaged (integrity check failed)", path);
        sqlite3_finalize(st);
    }
    if (rc == KAM_OK) rc = sq_copy(db->h, src, err, "restore");
    sqlite3_close(src);
    return rc;
}

/* BEGIN (deferred), then PRAGMA data_version: its read takes the snapshot
 * that every statement until read_end sees, under one read lock. */
static ErrCode sq_read_begin(Db *base, Err *err, int64_t *data_version)
{
    ErrCode rc = sq_exec(base, err, "BEGIN", NULL, 0);
    if (rc) return rc;
    rc = db_one_int(base, err, "PRAGMA data_version", DB_NOARGS, data_version);
    if (rc) {
        Err ignored = {0};
        sq_exec(base, &ignored, "ROLLBACK", NULL, 0);
    }
    return rc;
}

/* The snapshot wrote nothing: COMMIT just lets the read lock go. */
static void sq_read_end(Db *base)
{
    Err ignored = {0};
    if (sq_exec(base, &ignored, "COMMIT", NULL, 0)) sq_exec(base, &ignored, "ROLLBACK", NULL, 0);
}

static void sq_close(Db *base)
{
    SqDb *db = (SqDb *)base;
    for (int i = 0; i < SQ_CACHE_SLOTS; i++) {
        SqStmt *s = db->cache[i];
        if (!s) continue;
        sqlite3_finalize(s->st);
        free(s->sql);
        free(s);
    }
    sqlite3_close_v2(db->h);
    free(base->target);
    free(db);
}

static const DbOps sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .exec = sq_exec,
    .exec_script = sq_exec_script,
    .query = sq_query,
    .next = sq_next,
    .ncols = sq_ncols,
    .colname = sq_colname,
    .isnull = sq_isnull,
    .col_int = sq_int,
    .col_real = sq_real,
    .col_text = sq_text,
    .done = sq_done,
    .schema_version = sq_schema_version,
    .set_schema_version = sq_set_schema_version,
    .translate_ddl = sq_translate_ddl,
    .backup_to = sq_backup_to,
    .restore_from = sq_restore_from,
    .read_begin = sq_read_begin,
    .read_end = sq_read_end,
    .begin_sql = "BEGIN IMMEDIATE",
};

/* Library-wide configuration, once, before the first connection: no
 * memory statistics (they take a global mutex on every allocation). */
static void sq_configure(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

ErrCode db_sqlite_open(const char *path, int flags, Db **out, Err *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sq_configure);
    struct stat sb;
    bool exists = stat(path, &sb) == 0;
    if (!exists && !(flags & DB_OPEN_CREATE))
        return err_set(err, KAM_EINPUT, "no kam database at %s: create one with `kam init` (or set --db / KAM_DB)", path);
    if (exists && S_ISDIR(sb.st_mode)) return err_set(err, KAM_EINPUT, "%s is a directory, not a database file", path);
    int oflags = (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY
                                            : SQLITE_OPEN_READWRITE | ((flags & DB_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0);
    oflags |= SQLITE_OPEN_NOMUTEX; /* one connection per thread */
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, oflags, NULL);
    if (rc != SQLITE_OK) {
        err_set(err, KAM_EINPUT, "cannot open %s: %s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
        sqlite3_close(h);
        return KAM_EINPUT;
    }
    sqlite3_extended_result_codes(h, 1);
    sqlite3_busy_timeout(h, SQ_BUSY_TIMEOUT_MS);
    SqDb *db = calloc(1, sizeof *db);
    if (!db) abort();
    db->h = h;
    db->base.ops = &sqlite_ops;
    db->base.kind = DB_SQLITE;
    db->base.target = strdup(path);
    if (!db->base.target) abort();

    /* An existing non-empty file must be ours. */
    int64_t pages = 0;
    Err e2;
    err_clear(&e2);
    if (db_one_int(&db->base, &e2, "PRAGMA page_count", DB_NOARGS, &pages) != KAM_OK) {
        err_set(err, KAM_EINPUT, "%s is not a kam database (%s)", path, e2.msg);
        sq_close(&db->base);
        return KAM_EINPUT;
    }
    if (pages > 0) {
        int v;
        if (sq_check_kam_file(h, path, err, &v) != KAM_OK) {
            sq_close(&db->base);
            return KAM_EINPUT;
        }
    }
    char pragmas[512];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;"
             "PRAGMA cache_size=-%d;%s%s",
             SQ_PAGE_CACHE_KIB, (flags & DB_OPEN_READONLY) ? "" : " PRAGMA journal_mode=WAL;",
             pages == 0 && !(flags & DB_OPEN_READONLY) ? " PRAGMA application_id=1262570801;" : "");
    if (sq_exec_script(&db->base, err, pragmas) != KAM_OK) {
        sq_close(&db->base);
        return err->code;
    }
    *out = &db->base;
    return KAM_OK;
}
