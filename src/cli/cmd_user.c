/* kam user add|list|passwd|rm */
#include "commands.h"

#include "../core/text.h"
#include "../svc/user.h"

#include <sodium.h>
#include <string.h>

int cmd_user(Cli *cli, int argc, char **argv)
{
    if (argc < 2) return cli_usage(cli, "user", "say what to do: add, list, passwd or rm");
    const char *sub = argv[1];
    static const CliOpt opts[] = {{"role", true},  {"person", true}, {"account", true}, {"lang", true},
                                  {"name", true},  {"password_stdin", false}, {"json", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_fail(cli);
    if (cli_open(cli)) return cli_fail(cli);
    Ctx *c = &cli->ctx;
    char pw[PASSWORD_MAX_LEN * 4 + 8] = "";

    if (str_eq(sub, "list")) {
        extern const EntityDef kUser;
        ListQuery q = {.limit = -1};
        RecordList list;
        if (ent_list(c, &kUser, &q, &list)) return cli_fail(cli);
        if (cli_flag(&a, "json")) {
            json_t *arr = json_array();
            for (int i = 0; i < list.n; i++) json_array_append_new(arr, record_to_json(c, &list.items[i]));
            cli_print_json(arr);
            return 0;
        }
        CliTable t;
        cli_table_init(cli, &t, 5);
        cli_table_add(cli, &t, (const char *[]){"id", "login", "role", "account", "active"});
        for (int i = 0; i < list.n; i++) {
            Record *r = &list.items[i];
            cli_table_add(cli, &t, (const char *[]){arena_printf(&cli->arena, "%lld", (long long)r->id),
                                                    record_get(r, "login"), record_get(r, "role"),
                                                    record_get(r, "guest_account_id"),
                                                    str_eq(record_get(r, "active"), "1") ? "yes" : "no"});
        }
        cli_table_print(&t, stdout);
        return 0;
    }
    if (a.npos != 1) return cli_usage(cli, "user", "%s needs a LOGIN", sub);
    const char *login = a.pos[0];

    if (str_eq(sub, "add")) {
        UserNew u = {.login = login, .role = cli_opt(&a, "role"), .lang = cli_opt(&a, "lang"),
                     .full_name = cli_opt(&a, "name")};
        if (!u.role) return cli_usage(cli, "user", "--role is required");
        if (cli_opt_int(cli, &a, "person", 0, &u.person_id)) return cli_fail(cli);
        if (cli_opt_int(cli, &a, "account", 0, &u.guest_account_id)) return cli_fail(cli);
        if (cli_read_password(cli, cli_flag(&a, "password_stdin"), pw, sizeof pw)) return cli_fail(cli);
        u.password = pw;
        int64_t id;
        ErrCode rc = user_create(c, &u, &id);
        sodium_memzero(pw, sizeof pw);
        if (rc) return cli_fail(cli);
        printf("created user %s (%s), id %lld\n", login, u.role, (long long)id);
        return 0;
    }
    Record *user;
    if (user_find(c, login, &user)) return cli_fail(cli);
    if (str_eq(sub, "passwd")) {
        if (cli_read_password(cli, cli_flag(&a, "password_stdin"), pw, sizeof pw)) return cli_fail(cli);
        ErrCode rc = user_set_password(c, user->id, pw);
        sodium_memzero(pw, sizeof pw);
        if (rc) return cli_fail(cli);
        printf("password of %s changed; their sessions were signed out\n", login);
        return 0;
    }
    if (str_eq(sub, "rm")) {
        if (user_delete(c, user->id)) return cli_fail(cli);
        printf("removed user %s\n", login);
        return 0;
    }
    return cli_usage(cli, "user", "unknown subcommand \"%s\"", sub);
}
