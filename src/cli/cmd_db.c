/* kam init, kam db migrate|version, kam backup, kam restore. */
#include "commands.h"

#include "../core/text.h"
#include "../db/migrate.h"
#include "../svc/setup.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_init(Cli *cli, int argc, char **argv)
{
    static const CliOpt opts[] = {{"name", true}, {"currency", true}, {"lang", true}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a)) return cli_fail(cli);
    if (a.npos) return cli_usage(cli, "init", "unexpected argument \"%s\"", a.pos[0]);
    struct stat sb;
    bool existed = stat(cli->db_path, &sb) == 0;
    if (db_open(cli->db_path, DB_OPEN_CREATE, &cli->db, &cli->err)) return cli_fail(cli);
    ctx_init(&cli->ctx, cli->db, &cli->arena, &cli->err, actor_system());
    cli->ctx.actor.login = "cli:init";
    SetupOptions so = {cli_opt(&a, "name"), cli_opt(&a, "currency"), cli_opt(&a, "lang")};
    if (setup_init(&cli->ctx, &so)) {
        int rc = cli_fail(cli);
        if (!existed && db_kind(cli->db) == DB_SQLITE) {
            /* do not leave a half-made file behind */
            db_close(cli->db);
            cli->db = NULL;
            unlink(cli->db_path);
            char side[4200];
            snprintf(side, sizeof side, "%s-wal", cli->db_path);
            unlink(side);
            snprintf(side, sizeof side, "%s-shm", cli->db_path);
            unlink(side);
        }
        return rc;
    }
    printf("created %s (schema version %d)\n", cli->db_path, migrate_latest());
    return 0;
}

int cmd_db(Cli *cli, int argc, char **argv)
{
    if (argc < 2) return cli_usage(cli, "db", "say what to do: migrate, version or copy");
    const char *sub = argv[1];
    if (str_eq(sub, "copy")) return cmd_db_copy(cli, argc - 1, argv + 1);
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, NULL, NULL, &a)) return cli_fail(cli);
    if (a.npos) return cli_usage(cli, "db", "unexpected argument \"%s\"", a.pos[0]);
    if (db_open(cli->db_path, DB_OPEN_EXISTING, &cli->db, &cli->err)) return cli_fail(cli);
    int have = 0;
    if (db_schema_version(cli->db, &cli->err, &have)) return cli_fail(cli);
    if (str_eq(sub, "version")) {
        printf("database schema version %d; this kam: %d\n", have, migrate_latest());
        return 0;
    }
    if (str_eq(sub, "migrate")) {
        if (have == 0) {
            err_set(&cli->err, KAM_EINPUT, "%s is empty: create it with `kam init`", cli->db_path);
            return cli_fail(cli);
        }
        int applied = 0;
        if (migrate_up(cli->db, &cli->err, &applied)) return cli_fail(cli);
        if (applied) printf("applied %d migration%s: schema version %d\n", applied, applied == 1 ? "" : "s", migrate_latest());
        else printf("already at schema version %d\n", have);
        return 0;
    }
    return cli_usage(cli, "db", "unknown subcommand \"%s\"", sub);
}

int cmd_backup(Cli *cli, int argc, char **argv)
{
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, NULL, NULL, &a)) return cli_fail(cli);
    if (a.npos != 1) return cli_usage(cli, "backup", "say where to write the backup: kam backup FILE");
    if (cli_open(cli)) return cli_fail(cli);
    if (str_eq(a.pos[0], cli->db_path)) {
        err_set(&cli->err, KAM_EINPUT, "the backup cannot overwrite the database itself");
        return cli_fail(cli);
    }
    if (db_backup_to(cli->db, a.pos[0], &cli->err)) return cli_fail(cli);
    struct stat sb;
    long long size = stat(a.pos[0], &sb) == 0 ? (long long)sb.st_size : 0;
    printf("backup written to %s (%lld bytes)\n", a.pos[0], size);
    return 0;
}

int cmd_restore(Cli *cli, int argc, char **argv)
{
    static const CliOpt opts[] = {{"yes", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a)) return cli_fail(cli);
    if (a.npos != 1) return cli_usage(cli, "restore", "say which backup to restore: kam restore FILE");
    struct stat sb;
    if (stat(a.pos[0], &sb) != 0) {
        err_set(&cli->err, KAM_EINPUT, "there is no file %s", a.pos[0]);
        return cli_fail(cli);
    }
    /* The backup must be a kam database this kam understands. */
    Db *src = NULL;
    int src_version = 0;
    if (db_open(a.pos[0], DB_OPEN_READONLY, &src, &cli->err)) return cli_fail(cli);
    ErrCode vrc = db_schema_version(src, &cli->err, &src_version);
    db_close(src);
    if (vrc) return cli_fail(cli);
    if (src_version == 0) {
        err_set(&cli->err, KAM_EINPUT, "%s is an empty database, not a kam backup", a.pos[0]);
        return cli_fail(cli);
    }
    if (src_version > migrate_latest()) {
        err_set(&cli->err, KAM_EINPUT, "%s is at schema version %d, newer than this kam (%d): use a newer kam",
                a.pos[0], src_version, migrate_latest());
        return cli_fail(cli);
    }
    /* The target may be new or at an older schema: restoring brings both. */
    if (db_open(cli->db_path, DB_OPEN_CREATE, &cli->db, &cli->err)) return cli_fail(cli);
    if (!cli_flag(&a, "yes") && isatty(STDIN_FILENO)) {
        fprintf(stderr, "Replace everything in %s with %s? [y/N] ", cli->db_path, a.pos[0]);
        char line[16] = "";
        if (!fgets(line, sizeof line, stdin) || (line[0] != 'y' && line[0] != 'Y')) {
            fputs("nothing was changed\n", stderr);
            return 1;
        }
    }
    if (db_restore_from(cli->db, a.pos[0], &cli->err)) return cli_fail(cli);
    int have = 0;
    if (db_schema_version(cli->db, &cli->err, &have)) return cli_fail(cli);
    printf("restored %s from %s (schema version %d)%s\n", cli->db_path, a.pos[0], have,
           have < migrate_latest() ? "; run `kam db migrate` next" : "");
    return 0;
}
