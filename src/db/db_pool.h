/* A pool of database connections shared by the threads of one process
 * (`kam serve`): a request takes a connection, uses it alone, and gives it
 * back. Connections are opened when first needed, at most `size` of them;
 * one that the server closed while it sat in the pool (PostgreSQL restarted)
 * reconnects by itself on its next statement (db_pg.c). */
#ifndef KAM_DB_POOL_H
#define KAM_DB_POOL_H

#include "db.h"

/* How long a request waits for a free connection before it is refused as
 * unavailable (503): every connection busy for this long means overload. */
#define DB_POOL_WAIT_MS 10000
/* Bounds of the pool size (the setting db-pool has the same). */
#define DB_POOL_MAX 1000

typedef struct DbPool DbPool;

/* A pool of at most size connections to target, opened with flags
 * (DB_OPEN_WAIT is added). No connection is opened yet. */
ErrCode db_pool_create(const char *target, int flags, int size, DbPool **out, Err *err);
/* Take a connection: an idle one, a new one while fewer than size are open,
 * else wait up to DB_POOL_WAIT_MS for one to be given back. NULL with err
 * set (KAM_EUNAVAILABLE) when none can be had. */
Db *db_pool_acquire(DbPool *p, Err *err);
/* Give a connection back; a transaction left open is rolled back first, a
 * read snapshot closed. */
void db_pool_release(DbPool *p, Db *db);
/* Close every connection (none may be in use) and free the pool. */
void db_pool_destroy(DbPool *p);
/* Connections open now, and the pool's size. */
void db_pool_stats(DbPool *p, int *open, int *idle, int *size);

#endif
