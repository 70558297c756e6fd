#include "testutil.h"

#include "svc/setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

TestDb *testdb_open(void)
{
    TestDb *t = calloc(1, sizeof *t);
    assert_non_null(t);
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(t->path, sizeof t->path, "%s/kam-unit-XXXXXX", dir);
    int fd = mkstemp(t->path);
    assert_true(fd >= 0);
    close(fd);
    unlink(t->path);
    if (db_open(t->path, DB_OPEN_CREATE, &t->db, &t->err) != KAM_OK) fail_msg("db_open: %s", t->err.msg);
    arena_init(&t->arena, 0);
    ctx_init(&t->ctx, t->db, &t->arena, &t->err, actor_system());
    SetupOptions opt = {.name = "Test Org", .currency = "EUR", .lang = "en"};
    if (setup_init(&t->ctx, &opt) != KAM_OK) fail_msg("setup_init: %s", t->err.msg);
    return t;
}

void testdb_close(TestDb *t)
{
    char side[300];
    db_close(t->db);
    arena_free(&t->arena);
    unlink(t->path);
    snprintf(side, sizeof side, "%s-wal", t->path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", t->path);
    unlink(side);
    free(t);
}
