/* Connection pool: a mutex, a condition variable and a stack of idle
 * connections (the most recently used is handed out first, so a lightly
 * loaded server keeps few connections warm). */
#include "db_pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct DbPool {
    pthread_mutex_t lock;
    pthread_cond_t freed; /* a connection was given back, or a slot freed */
    char *target;
    int flags;
    int size;   /* at most this many connections */
    int opened; /* connections open, or being opened */
    int nidle;
    Db **idle; /* [size]: connections nobody uses */
    int nall;
    Db **all; /* [size]: every open connection, to close them at the end */
};

ErrCode db_pool_create(const char *target, int flags, int size, DbPool **out, Err *err)
{
    *out = NULL;
    if (size < 1 || size > DB_POOL_MAX)
        return err_set(err, KAM_EUSAGE, "db-pool: %d connections is outside 1..%d", size,
                       DB_POOL_MAX);
    DbPool *p = calloc(1, sizeof *p);
    if (!p) abort();
    pthread_mutex_init(&p->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->freed, &ca);
    pthread_condattr_destroy(&ca);
    p->target = strdup(target);
    p->idle = calloc((size_t)size, sizeof *p->idle);
    p->all = calloc((size_t)size, sizeof *p->all);
    if (!p->target || !p->idle || !p->all) abort();
    p->flags = flags | DB_OPEN_WAIT;
    p->size = size;
    *out = p;
    return KAM_OK;
}

Db *db_pool_acquire(DbPool *p, Err *err)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += DB_POOL_WAIT_MS / 1000;
    deadline.tv_nsec += (long)(DB_POOL_WAIT_MS % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->lock);
    while (p->nidle == 0 && p->opened >= p->size) {
        if (pthread_cond_timedwait(&p->freed, &p->lock, &deadline) == ETIMEDOUT && p->nidle == 0 &&
            p->opened >= p->size) {
            pthread_mutex_unlock(&p->lock);
            err_set(err, KAM_EUNAVAILABLE,
                    "all %d database connections stayed busy for %d s (setting db-pool); try "
                    "again",
                    p->size, DB_POOL_WAIT_MS / 1000);
            return NULL;
        }
    }
    if (p->nidle > 0) {
        Db *db = p->idle[--p->nidle];
        pthread_mutex_unlock(&p->lock);
        db_idle_check(db);
        return db;
    }
    p->opened++; /* reserve the slot, open outside the lock */
    pthread_mutex_unlock(&p->lock);
    Db *db = NULL;
    ErrCode rc = db_open(p->target, p->flags, &db, err);
    pthread_mutex_lock(&p->lock);
    if (rc) {
        p->opened--;
        pthread_cond_signal(&p->freed);
        db = NULL;
        if (err && err->code != KAM_EUNAVAILABLE) err->code = KAM_EUNAVAILABLE;
    } else {
        p->all[p->nall++] = db;
    }
    pthread_mutex_unlock(&p->lock);
    return db;
}

void db_pool_release(DbPool *p, Db *db)
{
    if (!db) return;
    if (db_in_transaction(db)) db_rollback(db); /* never leave work half done */
    db_read_end(db);
    pthread_mutex_lock(&p->lock);
    p->idle[p->nidle++] = db;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

void db_pool_destroy(DbPool *p)
{
    if (!p) return;
    for (int i = 0; i < p->nall; i++) db_close(p->all[i]);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
    free(p->idle);
    free(p->all);
    free(p->target);
    free(p);
}

void db_pool_stats(DbPool *p, int *open, int *idle, int *size)
{
    pthread_mutex_lock(&p->lock);
    *open = p->nall;
    *idle = p->nidle;
    *size = p->size;
    pthread_mutex_unlock(&p->lock);
}
