/* kam contact add|list|show|move and kam team add|list|rm: the command-line
 * face of svc/people.h. */
#include "commands.h"

#include "../core/text.h"
#include "../svc/people.h"

#include <stdlib.h>
#include <string.h>

static const char kContactHelp[] =
    "usage: kam contact add --account ID --name \"Person Name\" [--title T] [--unit U]\n"
    "                       [--buying-role ROLE] [--influence 1-5] [--attitude A]\n"
    "                       [--counterpart LOGIN_OR_PERSON_ID] [--email E] [--phone P]\n"
    "       kam contact list --account ID [--json]\n"
    "       kam contact show POSITION_ID [--json]\n"
    "       kam contact move PERSON_ID --to POSITION_ID | --vacate\n"
    "\n"
    "A contact is a position in the customer's organisation (title, buying role,\n"
    "influence, attitude, our counterpart) held by a person over time.\n"
    "add     creates the person, the position and the holding (from today) at once\n"
    "list    the account's positions with their current holders; vacant ones show so\n"
    "show    one position and everyone who held it\n"
    "move    the person changes role: their current positions end today and they hold\n"
    "        POSITION_ID from today (--vacate: they leave without a new one). The past\n"
    "        is kept.\n"
    "\n"
    "Buying roles: decision_maker, economic_buyer, technical_buyer, user, influencer,\n"
    "gatekeeper, champion, none. Attitude: -2..2 or opponent, sceptic, neutral,\n"
    "supporter, champion.\n";

static const char kTeamHelp[] =
    "usage: kam team add --account ID --user LOGIN --role ROLE [--share 0.5]\n"
    "       kam team list --account ID [--json]\n"
    "       kam team rm MEMBER_ID\n"
    "\n"
    "Roles: kam, sponsor, sales, solution, service, delivery, finance, legal, other.\n"
    "--share is the fraction of the person's time given to the account (0 to 1).\n";

static const char *val(const Record *r, const char *f)
{
    const char *v = record_get(r, f);
    return v ? v : "";
}

static json_t *contact_json(Cli *cli, const ContactRow *row)
{
    json_t *o = record_to_json(&cli->ctx, row->position);
    json_object_set_new(o, "attitude_name",
                        json_string(attitude_name((int)record_int(row->position, "attitude"))));
    json_object_set_new(o, "holder_id",
                        row->holder_id ? json_integer(row->holder_id) : json_null());
    json_object_set_new(o, "holder", row->holder ? json_string(row->holder) : json_null());
    json_object_set_new(o, "holder_email",
                        row->holder_email ? json_string(row->holder_email) : json_null());
    json_object_set_new(o, "holder_since",
                        row->holder_since ? json_string(row->holder_since) : json_null());
    json_object_set_new(o, "counterpart",
                        row->counterpart ? json_string(row->counterpart) : json_null());
    return o;
}

static int contact_add_cmd(Cli *cli, const CliArgs *a)
{
    ContactNew n = {.name = cli_opt(a, "name"),
                    .title = cli_opt(a, "title"),
                    .unit = cli_opt(a, "unit"),
                    .buying_role = cli_opt(a, "buying_role"),
                    .influence = cli_opt(a, "influence"),
                    .attitude = cli_opt(a, "attitude"),
                    .counterpart = cli_opt(a, "counterpart"),
                    .email = cli_opt(a, "email"),
                    .phone = cli_opt(a, "phone")};
    if (!cli_opt(a, "account") || !n.name)
        return cli_usage(cli, "contact", "add needs --account ID and --name");
    if (cli_parse_id(cli, "account", cli_opt(a, "account"), &n.account_id)) return cli_fail(cli);
    int64_t person, position;
    if (contact_add(&cli->ctx, &n, &person, &position)) return cli_fail(cli);
    printf("added %s (person %lld) as \xE2\x80\x9C%s\xE2\x80\x9D, position %lld of account %lld\n",
           n.name, (long long)person, n.title ? n.title : "Contact", (long long)position,
           (long long)n.account_id);
    return 0;
}

static int contact_list_cmd(Cli *cli, const CliArgs *a)
{
    int64_t acct;
    if (!cli_opt(a, "account")) return cli_usage(cli, "contact", "list needs --account ID");
    if (cli_parse_id(cli, "account", cli_opt(a, "account"), &acct)) return cli_fail(cli);
    ContactRow *rows;
    int n;
    if (contact_list(&cli->ctx, acct, &rows, &n)) return cli_fail(cli);
    if (cli_flag(a, "json")) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) json_array_append_new(arr, contact_json(cli, &rows[i]));
        cli_print_json(arr);
        return 0;
    }
    CliTable t;
    cli_table_init(cli, &t, 7);
    cli_table_add(cli, &t,
                  (const char *[]){"position", "title", "buying role", "influence", "attitude",
                                   "holder", "counterpart"});
    int vacant = 0;
    for (int i = 0; i < n; i++) {
        const ContactRow *r = &rows[i];
        vacant += !r->holder_id;
        cli_table_add(
            cli, &t,
            (const char *[]){arena_printf(&cli->arena, "%lld", (long long)r->position->id),
                             val(r->position, "title"), val(r->position, "buying_role"),
                             val(r->position, "influence"),
                             attitude_name((int)record_int(r->position, "attitude")),
                             r->holder ? arena_printf(&cli->arena, "%s (%lld)", r->holder,
                                                      (long long)r->holder_id)
                                       : "(vacant)",
                             r->counterpart ? r->counterpart : "-"});
    }
    cli_table_print(&t, stdout);
    printf("%d positions, %d vacant\n", n, vacant);
    return 0;
}

static int contact_show_cmd(Cli *cli, const CliArgs *a)
{
    int64_t id;
    if (a->npos != 1) return cli_usage(cli, "contact", "show needs the POSITION_ID");
    if (cli_parse_id(cli, "position", a->pos[0], &id)) return cli_fail(cli);
    ContactRow row;
    HolderRow *h;
    int n;
    if (contact_show(&cli->ctx, id, &row, &h, &n)) return cli_fail(cli);
    if (cli_flag(a, "json")) {
        json_t *o = contact_json(cli, &row), *hist = json_array();
        for (int i = 0; i < n; i++) {
            json_t *x = json_pack("{s:I,s:I,s:s,s:s,s:s}", "id", (json_int_t)h[i].id, "person_id",
                                  (json_int_t)h[i].person_id, "name", h[i].name, "from_on",
                                  h[i].from_on, "note", h[i].note);
            json_object_set_new(x, "to_on", h[i].to_on ? json_string(h[i].to_on) : json_null());
            json_array_append_new(hist, x);
        }
        json_object_set_new(o, "holders", hist);
        cli_print_json(o);
        return 0;
    }
    const Record *p = row.position;
    printf("position %lld \xE2\x80\x9C%s\xE2\x80\x9D of account %s\n", (long long)p->id,
           val(p, "title"), val(p, "account_id"));
    printf("  unit         %s\n  buying role  %s\n  influence    %s\n  attitude     %s\n  strength "
           "    %s\n",
           val(p, "unit"), val(p, "buying_role"), val(p, "influence"),
           attitude_name((int)record_int(p, "attitude")), val(p, "strength"));
    printf("  counterpart  %s\n  held by      %s\n", row.counterpart ? row.counterpart : "-",
           row.holder ? row.holder : "(vacant)");
    printf("\nHolders\n");
    CliTable t;
    cli_table_init(cli, &t, 4);
    cli_table_add(cli, &t, (const char *[]){"  person", "name", "from", "to"});
    for (int i = 0; i < n; i++)
        cli_table_add(
            cli, &t,
            (const char *[]){arena_printf(&cli->arena, "  %lld", (long long)h[i].person_id),
                             h[i].name, h[i].from_on, h[i].to_on ? h[i].to_on : "now"});
    cli_table_print(&t, stdout);
    return 0;
}

static int contact_move_cmd(Cli *cli, const CliArgs *a)
{
    int64_t person, to = 0;
    if (a->npos != 1) return cli_usage(cli, "contact", "move needs the PERSON_ID");
    bool vacate = cli_flag(a, "vacate");
    if (vacate == (cli_opt(a, "to") != NULL))
        return cli_usage(cli, "contact", "move needs either --to POSITION_ID or --vacate");
    if (cli_parse_id(cli, "person", a->pos[0], &person)) return cli_fail(cli);
    if (!vacate && cli_parse_id(cli, "to", cli_opt(a, "to"), &to)) return cli_fail(cli);
    int ended;
    if (contact_move(&cli->ctx, person, to, &ended)) return cli_fail(cli);
    if (to)
        printf("person %lld holds position %lld from %s (%d earlier position%s ended)\n",
               (long long)person, (long long)to, cli->ctx.today, ended, ended == 1 ? "" : "s");
    else
        printf("person %lld left %d position%s on %s\n", (long long)person, ended,
               ended == 1 ? "" : "s", cli->ctx.today);
    return 0;
}

int cmd_contact(Cli *cli, int argc, char **argv)
{
    if (cli_sub_wants_help(argc, argv)) {
        fputs(kContactHelp, stdout);
        return 0;
    }
    const char *sub = argv[1];
    static const CliOpt opts[] = {{"json", false},     {"account", true},  {"name", true},
                                  {"title", true},     {"unit", true},     {"buying_role", true},
                                  {"influence", true}, {"attitude", true}, {"counterpart", true},
                                  {"email", true},     {"phone", true},    {"to", true},
                                  {"vacate", false},   {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_fail(cli);
    bool known =
        str_eq(sub, "add") || str_eq(sub, "list") || str_eq(sub, "show") || str_eq(sub, "move");
    if (!known)
        return cli_usage(cli, "contact", "unknown subcommand \"%s\" (add, list, show, move)", sub);
    if ((str_eq(sub, "add") || str_eq(sub, "list")) && a.npos)
        return cli_usage(cli, "contact", "unexpected argument \"%s\"", a.pos[0]);
    if (cli_open(cli)) return cli_fail(cli);
    if (str_eq(sub, "add")) return contact_add_cmd(cli, &a);
    if (str_eq(sub, "list")) return contact_list_cmd(cli, &a);
    if (str_eq(sub, "show")) return contact_show_cmd(cli, &a);
    return contact_move_cmd(cli, &a);
}

int cmd_team(Cli *cli, int argc, char **argv)
{
    if (cli_sub_wants_help(argc, argv)) {
        fputs(kTeamHelp, stdout);
        return 0;
    }
    const char *sub = argv[1];
    static const CliOpt opts[] = {{"json", false}, {"account", true}, {"user", true},
                                  {"role", true},  {"share", true},   {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_fail(cli);
    if (!str_eq(sub, "add") && !str_eq(sub, "list") && !str_eq(sub, "rm"))
        return cli_usage(cli, "team", "unknown subcommand \"%s\" (add, list, rm)", sub);
    if (!str_eq(sub, "rm") && a.npos)
        return cli_usage(cli, "team", "unexpected argument \"%s\"", a.pos[0]);
    if (cli_open(cli)) return cli_fail(cli);
    Ctx *c = &cli->ctx;
    int64_t acct = 0;

    if (str_eq(sub, "rm")) {
        int64_t id;
        if (a.npos != 1)
            return cli_usage(cli, "team", "rm needs the MEMBER_ID (see kam team list)");
        if (cli_parse_id(cli, "member", a.pos[0], &id)) return cli_fail(cli);
        if (team_remove(c, id)) return cli_fail(cli);
        printf("removed team member %lld\n", (long long)id);
        return 0;
    }
    if (!cli_opt(&a, "account")) return cli_usage(cli, "team", "%s needs --account ID", sub);
    if (cli_parse_id(cli, "account", cli_opt(&a, "account"), &acct)) return cli_fail(cli);
    if (str_eq(sub, "add")) {
        if (!cli_opt(&a, "user") || !cli_opt(&a, "role"))
            return cli_usage(cli, "team", "add needs --user LOGIN and --role ROLE");
        int64_t id;
        if (team_add(c, acct, cli_opt(&a, "user"), cli_opt(&a, "role"), cli_opt(&a, "share"), &id))
            return cli_fail(cli);
        printf("added %s to the team of account %lld as %s (member %lld)\n", cli_opt(&a, "user"),
               (long long)acct, cli_opt(&a, "role"), (long long)id);
        return 0;
    }
    TeamRow *rows;
    int n;
    if (team_list(c, acct, &rows, &n)) return cli_fail(cli);
    if (cli_flag(&a, "json")) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) {
            json_t *o = record_to_json(c, rows[i].member);
            json_object_set_new(o, "name", rows[i].name ? json_string(rows[i].name) : json_null());
            json_object_set_new(o, "login",
                                rows[i].login ? json_string(rows[i].login) : json_null());
            json_array_append_new(arr, o);
        }
        cli_print_json(arr);
        return 0;
    }
    CliTable t;
    cli_table_init(cli, &t, 7);
    cli_table_add(cli, &t,
                  (const char *[]){"member", "name", "login", "role", "share", "since", "until"});
    for (int i = 0; i < n; i++) {
        const Record *m = rows[i].member;
        const char *share = record_get(m, "time_share");
        cli_table_add(cli, &t,
                      (const char *[]){arena_printf(&cli->arena, "%lld", (long long)m->id),
                                       rows[i].name ? rows[i].name : "",
                                       rows[i].login ? rows[i].login : "-", val(m, "role"),
                                       share ? arena_printf(&cli->arena, "%g%%", atof(share)) : "-",
                                       val(m, "since_on"), val(m, "until_on")});
    }
    cli_table_print(&t, stdout);
    return 0;
}
