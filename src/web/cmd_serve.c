/* `kam serve`: check the settings, the catalogues and the database, then
 * run the server until SIGTERM. */
#include "../cli/commands.h"
#include "../core/text.h"
#include "../db/migrate.h"
#include "app.h"
#include "server.h"

#include <string.h>

static void serve_help(void)
{
    printf("usage: kam [--db PATH] serve [--listen ADDRESS:PORT] [--config FILE] [SETTING VALUE ...]\n\n"
           "Run the web application and the JSON API (/api/v1). Open the printed URL and\n"
           "sign in with a user made by `kam user add`. Stop with SIGTERM or Ctrl-C: requests\n"
           "in flight are finished and the database is closed cleanly.\n"
           "`kam serve --routes` prints every URL with its access rule, as JSON.\n\n");
    settings_help(stdout);
}

int cmd_serve(Cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        serve_help();
        return 0;
    }
    if (argc == 2 && str_eq(argv[1], "--routes")) {
        /* The route table, for the authorisation-matrix test and for readers. */
        static const char *const kAccess[] = {"public", "signed_in", "staff", "admin"};
        static const char *const kMethods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OTHER"};
        json_t *arr = json_array();
        for (const Route *rt = kRoutes; rt->pattern; rt++)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "method", kMethods[rt->method], "pattern",
                                                 rt->pattern, "access", kAccess[rt->access]));
        cli_print_json(arr);
        return 0;
    }
    static Settings s; /* lives as long as the server */
    if (settings_load(&s, argc, argv, &cli->err)) {
        if (cli->err.code == KAM_EUSAGE) return cli_usage(cli, "serve", "%s", cli->err.msg);
        return cli_fail(cli);
    }
    if (!s.db[0]) snprintf(s.db, sizeof s.db, "%s", cli->db_path);
    if (i18n_init(&cli->err)) return cli_fail(cli);
    const char *missing[8];
    int nmissing = i18n_missing(missing, 8);
    if (nmissing > 0) {
        err_set(&cli->err, KAM_EINTERNAL, "the language catalogues disagree (%d keys), e.g. %s", nmissing, missing[0]);
        return cli_fail(cli);
    }
    /* Open once here so a missing or too-new database stops us with its message. */
    Db *db;
    if (db_open(s.db, DB_OPEN_EXISTING, &db, &cli->err)) return cli_fail(cli);
    ErrCode rc = migrate_check(db, &cli->err);
    db_close(db);
    if (rc) return cli_fail(cli);
    int status = server_run(&s, app_handle, &cli->err);
    if (status) return cli_fail(cli);
    return 0;
}
