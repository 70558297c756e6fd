/* `kam token` (API tokens) and `kam audit` (the audit log). */
#include "../core/text.h"
#include "../svc/session.h"
#include "../svc/user.h"
#include "commands.h"

#include <string.h>

static const char kTokenHelp[] = "usage: kam token create LOGIN [--name NAME]\n"
                                 "       kam token list [LOGIN] [--json]\n"
                                 "       kam token revoke ID\n\n"
                                 "API tokens let scripts call /api/v1 as a user, with that user's rights:\n"
                                 "  curl -H 'Authorization: Bearer kam_…' http://127.0.0.1:8080/api/v1/accounts\n"
                                 "The token is printed once; only its hash is stored.\n";

int cmd_token(Cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(kTokenHelp, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    static const CliOpt opts[] = {{"name", true}, {"json", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_usage(cli, "token", "%s", cli->err.msg);
    if (cli_open(cli)) return cli_fail(cli);
    const char *sub = argv[1];
    if (str_eq(sub, "create")) {
        if (a.npos != 1) return cli_usage(cli, "token", "token create needs the user's LOGIN");
        Record *u;
        if (user_find(&cli->ctx, a.pos[0], &u)) return cli_fail(cli);
        char tok[TOKEN_HEX_LEN + 8];
        int64_t id;
        if (api_token_create(&cli->ctx, u->id, cli_opt(&a, "name"), tok, &id)) return cli_fail(cli);
        printf("%s\n", tok);
        fprintf(stderr, "token %lld for %s created; it is shown only now\n", (long long)id, a.pos[0]);
        return 0;
    }
    if (str_eq(sub, "revoke")) {
        int64_t id;
        if (a.npos != 1 || !parse_int64(a.pos[0], &id)) return cli_usage(cli, "token", "token revoke needs the token ID");
        if (api_token_revoke(&cli->ctx, id)) return cli_fail(cli);
        printf("token %lld revoked\n", (long long)id);
        return 0;
    }
    if (str_eq(sub, "list")) {
        DbStmt *st = db_query(cli->db, &cli->err,
                              "SELECT t.id, u.login, t.name, t.created_at, t.last_used_at, t.revoked_at "
                              "FROM api_token t JOIN app_user u ON u.id = t.user_id "
                              "WHERE ? IS NULL OR u.login = ? ORDER BY t.id",
                              DB_ARGS(DT(a.npos ? a.pos[0] : NULL), DT(a.npos ? a.pos[0] : NULL)));
        if (!st) return cli_fail(cli);
        json_t *arr = json_array();
        while (db_next(st))
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:I, s:o, s:o}", "id", (json_int_t)db_int(st, 0),
                                                 "login", db_text(st, 1), "name", db_text(st, 2), "created_at",
                                                 (json_int_t)db_int(st, 3),
                                                 "last_used_at", db_isnull(st, 4) ? json_null() : json_integer(db_int(st, 4)),
                                                 "revoked_at", db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5))));
        if (db_done(st)) {
            json_decref(arr);
            return cli_fail(cli);
        }
        if (cli_flag(&a, "json")) {
            cli_print_json(arr);
            return 0;
        }
        size_t i;
        json_t *t;
        printf("%-6s %-20s %-20s %s\n", "id", "login", "name", "state");
        json_array_foreach(arr, i, t) printf("%-6lld %-20s %-20s %s\n", (long long)json_integer_value(json_object_get(t, "id")),
                                             json_string_value(json_object_get(t, "login")),
                                             json_string_value(json_object_get(t, "name")),
                                             json_is_null(json_object_get(t, "revoked_at")) ? "active" : "revoked");
        json_decref(arr);
        return 0;
    }
    return cli_usage(cli, "token", "unknown subcommand \"%s\"", sub);
}

static const char kAuditHelp[] = "usage: kam audit [--entity KIND] [--id ID] [--account ID] [--user LOGIN] [--limit N] [--json]\n\n"
                                 "The audit log, newest first: who changed what, when, with the row before and after.\n";

int cmd_audit(Cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(kAuditHelp, stdout);
        return 0;
    }
    static const CliOpt opts[] = {{"entity", true}, {"id", true}, {"account", true}, {"user", true},
                                  {"limit", true},  {"json", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a)) return cli_usage(cli, "audit", "%s", cli->err.msg);
    int64_t limit, id, account;
    if (cli_opt_int(cli, &a, "limit", 50, &limit) || cli_opt_int(cli, &a, "id", 0, &id) ||
        cli_opt_int(cli, &a, "account", 0, &account))
        return cli_usage(cli, "audit", "%s", cli->err.msg);
    if (cli_open(cli)) return cli_fail(cli);
    const char *entity = cli_opt(&a, "entity");
    const EntityDef *def = entity ? entity_find(entity) : NULL;
    if (entity && !def) {
        err_set(&cli->err, KAM_EINPUT, "unknown kind of record \"%s\" (see kam entities)", entity);
        return cli_fail(cli);
    }
    DbStmt *st = db_query(cli->db, &cli->err,
                          "SELECT id, at, actor, action, entity, entity_id, account_id, before_json, after_json "
                          "FROM audit_log WHERE (? IS NULL OR entity = ?) AND (? = 0 OR entity_id = ?) "
                          "AND (? = 0 OR account_id = ?) AND (? IS NULL OR actor = ?) ORDER BY id DESC LIMIT ?",
                          DB_ARGS(DT(def ? def->name : NULL), DT(def ? def->name : NULL), DI(id), DI(id), DI(account),
                                  DI(account), DT(cli_opt(&a, "user")), DT(cli_opt(&a, "user")), DI(limit)));
    if (!st) return cli_fail(cli);
    bool json = cli_flag(&a, "json");
    json_t *arr = json_array();
    while (db_next(st)) {
        if (json) {
            json_t *before = db_text(st, 7) ? json_loads(db_text(st, 7), 0, NULL) : NULL;
            json_t *after = db_text(st, 8) ? json_loads(db_text(st, 8), 0, NULL) : NULL;
            json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:I, s:o, s:o}", "id",
                                                 (json_int_t)db_int(st, 0), "at", (json_int_t)db_int(st, 1), "actor",
                                                 db_text(st, 2), "action", db_text(st, 3), "entity", db_text(st, 4),
                                                 "entity_id", (json_int_t)db_int(st, 5), "account_id",
                                                 (json_int_t)db_int(st, 6), "before", before ? before : json_null(),
                                                 "after", after ? after : json_null()));
        } else {
            char when[11];
            date_from_days(db_int(st, 1) / 86400, when);
            printf("%-6lld %s %-16s %-7s %s %lld\n", (long long)db_int(st, 0), when, db_text(st, 2), db_text(st, 3),
                   db_text(st, 4), (long long)db_int(st, 5));
        }
    }
    if (db_done(st)) {
        json_decref(arr);
        return cli_fail(cli);
    }
    if (json) cli_print_json(arr);
    else json_decref(arr);
    return 0;
}
