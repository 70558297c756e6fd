/* Helpers shared by the unit tests: a fresh in-memory-like database (a temp
 * file, migrated, with the organisation set up) and a context to call the
 * services with. */
#ifndef KAM_TESTUTIL_H
#define KAM_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "svc/ctx.h"

typedef struct TestDb {
    char path[512]; /* a file, or a postgresql:// URL under tests/run.sh --pg */
    char pg_name[64]; /* the PostgreSQL database's name, "" on SQLite */
    Db *db;
    Arena arena;
    Err err;
    Ctx ctx;
} TestDb;

/* Create a temporary database set up like `kam init`, acting as the system:
 * a SQLite file, or with KAM_TEST_PG_DIR (tests/run.sh --pg) a database in
 * that private PostgreSQL cluster. */
TestDb *testdb_open(void);
void testdb_close(TestDb *t);

/* Compare doubles to 1e-9: expected values are worked out by hand. */
#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

#endif
