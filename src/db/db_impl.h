/* Private to src/db/: the backend vtable and the common header of Db and
 * DbStmt that every backend embeds as its first member. */
#ifndef KAM_DB_IMPL_H
#define KAM_DB_IMPL_H

#include "db.h"

typedef struct DbOps {
    const char *name;
    void (*close)(Db *db);
    ErrCode (*exec)(Db *db, Err *err, const char *sql, const DbArg *args, int nargs);
    ErrCode (*exec_script)(Db *db, Err *err, const char *sql);
    DbStmt *(*query)(Db *db, Err *err, const char *sql, const DbArg *args, int nargs);
    bool (*next)(DbStmt *st);
    int (*ncols)(DbStmt *st);
    const char *(*colname)(DbStmt *st, int col);
    bool (*isnull)(DbStmt *st, int col);
    int64_t (*col_int)(DbStmt *st, int col);
    double (*col_real)(DbStmt *st, int col);
    const char *(*col_text)(DbStmt *st, int col);
    ErrCode (*done)(DbStmt *st);
    ErrCode (*schema_version)(Db *db, Err *err, int *version);
    ErrCode (*set_schema_version)(Db *db, Err *err, int version);
    char *(*translate_ddl)(Db *db, const char *ddl);
    ErrCode (*backup_to)(Db *db, const char *path, Err *err);
    ErrCode (*restore_from)(Db *db, const char *path, Err *err);
    void (*idle_check)(Db *db); /* may be NULL */
    /* Open a read snapshot and report the connection's data version (changes
     * when another connection commits); NULL when the backend has none. */
    ErrCode (*read_begin)(Db *db, Err *err, int64_t *data_version);
    void (*read_end)(Db *db); /* close the snapshot read_begin opened */
    const char *begin_sql; /* statement that opens a write transaction */
} DbOps;

struct Db {
    const DbOps *ops;
    DbKind kind;
    char *target;
    int tx_depth;
    int64_t changes;
    uint64_t time_ns; /* time spent in the backend, for /metrics */
    uint64_t calls;
    uint64_t writes; /* see db_write_count() */
    bool read_open;  /* a db_read_begin() snapshot is open */
    bool dv_known;   /* last_dv holds a value read on this connection */
    int64_t last_dv; /* the backend's data version at the last snapshot */
    uint64_t version; /* see db_data_version(); 0: unknown */
};

struct DbStmt {
    Db *db;
    ErrCode status; /* error met while stepping */
    Err *err;       /* where to report it */
    uint64_t t0;    /* start of the query, for the time statistics */
};

uint64_t db_clock_ns(void);

ErrCode db_sqlite_open(const char *path, int flags, Db **out, Err *err);
ErrCode db_pg_open(const char *url, int flags, Db **out, Err *err);
char *db_pg_redact(const char *url);

#endif
