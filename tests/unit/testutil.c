#include "testutil.h"

#include "svc/setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Run scripts/pg-cluster with ARGS (trusted: the cluster directory from
 * tests/run.sh and names made here); its first output line into out. */
static void pg_cluster(const char *args, char *out, size_t outn)
{
    const char *root = getenv("KAM_ROOT");
    if (!root) fail_msg("KAM_ROOT is not set (tests/run.sh sets it with --pg)");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "sh '%s/scripts/pg-cluster' %s", root, args);
    FILE *f = popen(cmd, "r");
    if (!f) fail_msg("cannot run %s", cmd);
    char line[512] = "";
    if (!fgets(line, sizeof line, f)) line[0] = 0;
    int status = pclose(f);
    if (status != 0) fail_msg("%s failed (%d)", cmd, status);
    line[strcspn(line, "\n")] = 0;
    if (out) snprintf(out, outn, "%s", line);
}

TestDb *testdb_open(void)
{
    TestDb *t = calloc(1, sizeof *t);
    assert_non_null(t);
    const char *pg = getenv("KAM_TEST_PG_DIR");
    if (pg && *pg) {
        /* tests/run.sh --pg: a new database in the run's private cluster */
        static int n;
        char args[512];
        snprintf(t->pg_name, sizeof t->pg_name, "ku_%ld_%d", (long)getpid(), ++n);
        snprintf(args, sizeof args, "url '%s' %s", pg, t->pg_name);
        pg_cluster(args, t->path, sizeof t->path);
    } else {
        const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(t->path, sizeof t->path, "%s/kam-unit-XXXXXX", dir);
        int fd = mkstemp(t->path);
        assert_true(fd >= 0);
        close(fd);
        unlink(t->path);
    }
    if (db_open(t->path, DB_OPEN_CREATE, &t->db, &t->err) != KAM_OK) fail_msg("db_open: %s", t->err.msg);
    arena_init(&t->arena, 0);
    ctx_init(&t->ctx, t->db, &t->arena, &t->err, actor_system());
    SetupOptions opt = {.name = "Test Org", .currency = "EUR", .lang = "en"};
    if (setup_init(&t->ctx, &opt) != KAM_OK) fail_msg("setup_init: %s", t->err.msg);
    return t;
}

void testdb_close(TestDb *t)
{
    char side[sizeof t->path + 8];
    db_close(t->db);
    arena_free(&t->arena);
    if (t->pg_name[0]) {
        char args[512];
        snprintf(args, sizeof args, "drop '%s' %s", getenv("KAM_TEST_PG_DIR"), t->pg_name);
        pg_cluster(args, NULL, 0);
        free(t);
        return;
    }
    unlink(t->path);
    snprintf(side, sizeof side, "%s-wal", t->path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", t->path);
    unlink(side);
    free(t);
}
