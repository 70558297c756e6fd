/* The connection pool of `kam serve` (src/db/db_pool.c): connections are
 * opened only when needed and never more than the size; a request that finds
 * every connection busy waits for one to be given back; a transaction left
 * open is rolled back when its connection returns; the write counter that
 * lets services keep what they read moves on every write. Runs on SQLite, and
 * on PostgreSQL under tests/run.sh --pg. */
#include "testutil.h"

#include "db/db_pool.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

typedef struct Giver {
    DbPool *pool;
    Db *db;
} Giver;

/* Give the connection back after a pause, from another thread. */
static void *give_back_later(void *arg)
{
    Giver *g = arg;
    usleep(200 * 1000);
    db_pool_release(g->pool, g->db);
    return NULL;
}

static void opens_lazily_and_reuses(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    DbPool *p = NULL;
    assert_int_equal(db_pool_create(t->path, DB_OPEN_EXISTING, 2, &p, &t->err), KAM_OK);
    int open = -1, idle = -1, size = -1;
    db_pool_stats(p, &open, &idle, &size);
    assert_int_equal(open, 0);
    assert_int_equal(size, 2);
    Db *a = db_pool_acquire(p, &t->err);
    assert_non_null(a);
    int64_t one = 0;
    assert_int_equal(db_one_int(a, &t->err, "SELECT 1", DB_NOARGS, &one), KAM_OK);
    assert_int_equal(one, 1);
    db_pool_release(p, a);
    Db *b = db_pool_acquire(p, &t->err);
    assert_ptr_equal(a, b); /* the idle connection is handed out again */
    db_pool_stats(p, &open, &idle, &size);
    assert_int_equal(open, 1);
    assert_int_equal(idle, 0);
    db_pool_release(p, b);
    db_pool_destroy(p);
    testdb_close(t);
}

static void a_full_pool_waits_for_a_connection(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    DbPool *p = NULL;
    assert_int_equal(db_pool_create(t->path, DB_OPEN_EXISTING, 2, &p, &t->err), KAM_OK);
    Db *a = db_pool_acquire(p, &t->err);
    Db *b = db_pool_acquire(p, &t->err);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    Giver g = {p, b};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, give_back_later, &g), 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    Db *c = db_pool_acquire(p, &t->err); /* a third: waits for b */
    clock_gettime(CLOCK_MONOTONIC, &t1);
    pthread_join(th, NULL);
    assert_ptr_equal(c, b);
    double waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(waited >= 0.15 && waited < DB_POOL_WAIT_MS / 1000.0);
    int open = 0, idle = 0, size = 0;
    db_pool_stats(p, &open, &idle, &size);
    assert_int_equal(open, 2); /* never more than the size */
    db_pool_release(p, a);
    db_pool_release(p, c);
    db_pool_destroy(p);
    testdb_close(t);
}

static void a_transaction_left_open_is_rolled_back(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    DbPool *p = NULL;
    assert_int_equal(db_pool_create(t->path, DB_OPEN_EXISTING, 1, &p, &t->err), KAM_OK);
    Db *a = db_pool_acquire(p, &t->err);
    uint64_t w0 = db_write_count(a);
    assert_int_equal(db_begin(a, &t->err), KAM_OK);
    assert_int_equal(db_exec(a, &t->err, "UPDATE org SET name = ?", DB_ARGS(DT("Half done"))),
                     KAM_OK);
    assert_true(db_write_count(a) > w0);
    db_pool_release(p, a); /* forgot to commit */
    Db *b = db_pool_acquire(p, &t->err);
    assert_false(db_in_transaction(b));
    int64_t n = -1;
    assert_int_equal(
        db_one_int(b, &t->err, "SELECT count(*) FROM org WHERE name = 'Half done'", DB_NOARGS, &n),
        KAM_OK);
    assert_int_equal(n, 0);
    db_pool_release(p, b);
    db_pool_destroy(p);
    testdb_close(t);
}

static void a_database_that_cannot_be_opened_is_unavailable(void **state)
{
    (void)state;
    Err err;
    err_clear(&err);
    DbPool *p = NULL;
    assert_int_equal(db_pool_create("/nonexistent/dir/kam.db", DB_OPEN_EXISTING, 1, &p, &err),
                     KAM_OK);
    assert_null(db_pool_acquire(p, &err));
    assert_int_equal(err.code, KAM_EUNAVAILABLE);
    int open = -1, idle = -1, size = -1;
    db_pool_stats(p, &open, &idle, &size);
    assert_int_equal(open, 0); /* the slot was given back */
    db_pool_destroy(p);
    assert_int_equal(db_pool_create("x.db", 0, 0, &p, &err), KAM_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(opens_lazily_and_reuses),
        cmocka_unit_test(a_full_pool_waits_for_a_connection),
        cmocka_unit_test(a_transaction_left_open_is_rolled_back),
        cmocka_unit_test(a_database_that_cannot_be_opened_is_unavailable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
