/* The read snapshot and data version of src/db (db_read_begin,
 * db_data_version), on which the page cache relies: the version stays while
 * nothing is committed, and changes after a commit by another connection of
 * this process, by this connection itself, or by another program writing
 * the file (here a bare sqlite3 handle, as `kam account edit` or sqlite3
 * would); a write inside a snapshot closes it; a snapshot sees one state.
 * On PostgreSQL (tests/run.sh --pg) there is no version: always 0. */
#include "testutil.h"

#include "db/db.h"

#include <sqlite3.h>
#include <stdio.h>

/* The value of x in table dv, read on db. */
static int64_t read_x(Db *db, Err *err)
{
    int64_t x = -1;
    assert_int_equal(db_one_int(db, err, "SELECT x FROM dv", DB_NOARGS, &x), KAM_OK);
    return x;
}

/* A write by "another process": a connection kam knows nothing about. */
static void outside_write(const char *path, int x)
{
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    char sql[64];
    snprintf(sql, sizeof sql, "UPDATE dv SET x = %d", x);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

/* A new version after a read_end / read_begin pair on db. */
static uint64_t fresh_version(Db *db, Err *err)
{
    db_read_end(db);
    assert_int_equal(db_read_begin(db, err), KAM_OK);
    return db_data_version(db);
}

static void every_commit_changes_the_version(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    assert_int_equal(
        db_exec_script(t->db, &t->err, "CREATE TABLE dv (x INTEGER); INSERT INTO dv VALUES (1)"),
        KAM_OK);
    Db *a = NULL, *b = NULL;
    assert_int_equal(db_open(t->path, DB_OPEN_EXISTING, &a, &t->err), KAM_OK);
    assert_int_equal(db_open(t->path, DB_OPEN_EXISTING, &b, &t->err), KAM_OK);
    assert_int_equal(db_read_begin(a, &t->err), KAM_OK);
    uint64_t v1 = db_data_version(a);
    if (db_kind(a) != DB_SQLITE) {
        assert_int_equal(v1, 0); /* PostgreSQL: nothing may be cached */
        goto out;
    }
    assert_true(v1 != 0);
    assert_int_equal(fresh_version(a, &t->err), v1); /* nothing committed: the same */

    /* another connection of this process commits */
    assert_int_equal(db_exec(b, &t->err, "UPDATE dv SET x = 2", DB_NOARGS), KAM_OK);
    assert_int_equal(db_data_version(a), 0); /* the open snapshot's version is no longer sure */
    uint64_t v2 = fresh_version(a, &t->err);
    assert_true(v2 != 0 && v2 != v1);
    assert_int_equal(read_x(a, &t->err), 2);

    /* another program commits: noticed by PRAGMA data_version */
    uint64_t v3 = fresh_version(a, &t->err);
    assert_int_equal(v3, v2);
    outside_write(t->path, 3);
    uint64_t v4 = fresh_version(a, &t->err);
    assert_true(v4 != 0 && v4 != v3);
    assert_int_equal(read_x(a, &t->err), 3);
    /* ... and by b too, whose first look it is since: a new version again */
    outside_write(t->path, 4);
    assert_int_equal(db_read_begin(b, &t->err), KAM_OK);
    uint64_t vb = db_data_version(b);
    assert_true(vb != 0 && vb != v4);
    db_read_end(b);

    /* this connection's own commit, in a transaction */
    uint64_t v5 = fresh_version(a, &t->err);
    assert_int_equal(db_begin(a, &t->err), KAM_OK); /* closes the snapshot */
    assert_int_equal(db_data_version(a), 0);
    assert_int_equal(db_exec(a, &t->err, "UPDATE dv SET x = 5", DB_NOARGS), KAM_OK);
    assert_int_equal(db_commit(a, &t->err), KAM_OK);
    uint64_t v6 = fresh_version(a, &t->err);
    assert_true(v6 != 0 && v6 != v5);
    /* an autocommit write inside a snapshot closes it first */
    assert_int_equal(db_exec(a, &t->err, "UPDATE dv SET x = 6", DB_NOARGS), KAM_OK);
    assert_int_equal(db_data_version(a), 0);
    assert_true(fresh_version(a, &t->err) != v6);
out:
    db_read_end(a);
    db_close(a);
    db_close(b);
    testdb_close(t);
}

static void a_snapshot_sees_one_state(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    if (db_kind(t->db) != DB_SQLITE) { /* each statement has its own snapshot there */
        assert_int_equal(db_read_begin(t->db, &t->err), KAM_OK);
        assert_int_equal(db_data_version(t->db), 0);
        db_read_end(t->db);
        testdb_close(t);
        return;
    }
    assert_int_equal(
        db_exec_script(t->db, &t->err, "CREATE TABLE dv (x INTEGER); INSERT INTO dv VALUES (1)"),
        KAM_OK);
    Db *a = NULL;
    assert_int_equal(db_open(t->path, DB_OPEN_EXISTING, &a, &t->err), KAM_OK);
    assert_int_equal(db_read_begin(a, &t->err), KAM_OK);
    assert_int_equal(read_x(a, &t->err), 1);
    outside_write(t->path, 2); /* WAL: the writer does not wait for the reader */
    assert_int_equal(read_x(a, &t->err), 1);
    db_read_end(a);
    assert_int_equal(read_x(a, &t->err), 2);
    db_close(a);
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_commit_changes_the_version),
        cmocka_unit_test(a_snapshot_sees_one_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
