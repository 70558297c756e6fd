/* kam: key account management workbench. One binary: the command line, the
 * web server and the database application. This file holds the command
 * table - every entry point of the program - and the global options. */
#include "cli/commands.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmd_entities(Cli *cli, int argc, char **argv);

const CliCommand kCommands[] = {
    {"init", cmd_init, "create a new kam database",
     "usage: kam init [--name \"Our company\"] [--currency EUR] [--lang en|it]\n"
     "\n"
     "Creates the database (--db, KAM_DB or ./kam.db) with the current schema, the\n"
     "organisation record and the default selection criteria and competency model.\n"
     "Refuses to touch an existing kam database.\n"},
    {"db", cmd_db, "database maintenance: migrate, version, copy between backends",
     "usage: kam db migrate     apply the schema migrations this kam brings\n"
     "       kam db version     print the database's and this kam's schema versions\n"
     "       kam db copy --from FILE_OR_URL --to FILE_OR_URL\n"
     "                          copy a whole database, e.g. from SQLite to PostgreSQL;\n"
     "                          the target must be new or empty\n"},
    {"backup", cmd_backup, "write a consistent copy of the database to FILE",
     "usage: kam backup FILE\n"
     "\n"
     "Copies the whole database into FILE (a single SQLite file) while the server may\n"
     "keep running: the copy is consistent as of one moment. FILE is written under a\n"
     "temporary name and renamed when complete.\n"},
    {"restore", cmd_restore, "replace the database with a backup FILE",
     "usage: kam restore FILE [--yes]\n"
     "\n"
     "Checks that FILE is an intact kam backup no newer than this kam, then replaces\n"
     "the database's contents with it. Stop `kam serve` first. Without --yes on a\n"
     "terminal, asks for confirmation.\n"},
    {"user", cmd_user, "manage users: add, list, passwd, rm",
     "usage: kam user add LOGIN --role ROLE [--person ID] [--account ID] [--lang en|it]\n"
     "                         [--password-stdin]\n"
     "       kam user list [--json]\n"
     "       kam user passwd LOGIN [--password-stdin]\n"
     "       kam user rm LOGIN\n"
     "\n"
     "Roles: admin, executive, kam, team, guest (needs --account, the one account the\n"
     "customer guest sees), viewer. Passwords are stored as argon2id hashes; without\n"
     "--password-stdin the password is asked twice on the terminal.\n"},
    {"demo", cmd_demo, "fill an empty database with a believable demo company",
     "usage: kam demo [--accounts N] [--seed S]\n"
     "       kam demo --sign-ins\n"
     "\n"
     "Fills an empty database (create it with `kam init` first, or let `make run` do\n"
     "it) with a deterministic demo company: Italian and international customers, key\n"
     "accounts with KAMs and executive sponsors, contacts with buying roles, three years\n"
     "of monthly KPI measurements, objectives, teams, solution maps, interactions and\n"
     "one assessment round. The same N and S always give the same data.\n"
     "\n"
     "  --accounts N   number of customer accounts, 1 to 100000 (default 40)\n"
     "  --seed S       seed of the generator, a whole number (default 1)\n"
     "  --sign-ins     print the demo users and their passwords, and do nothing else\n"},
    {"import", cmd_import, "import accounts, contacts, KPI measurements (CSV) or a whole dump (JSON)",
     "usage: kam import accounts|contacts|kpis FILE [--map COLUMN=field,...] [--dry-run]\n"
     "       kam import all DUMP.json\n"
     "\n"
     "CSV files as spreadsheets and CRMs write them: comma or semicolon separated (a\n"
     "semicolon file uses decimal commas, 1.234,5), UTF-8 with or without BOM, quoted\n"
     "values over several lines. Columns are matched by header, ignoring case and\n"
     "punctuation, with the names of the usual exports (Salesforce, HubSpot, Italian\n"
     "sheets); --map names the others, e.g. --map \"Cod. cliente=ext_id,Ragione=name\".\n"
     "\n"
     "  accounts  ext_id and name required; legal_name, industry, country, city,\n"
     "            website, employees, annual_revenue and any account field by name\n"
     "  contacts  ext_id, account (its external id or exact name) and a name (full\n"
     "            name, or first and last name) required; title, unit, email, phone,\n"
     "            buying_role, influence, attitude\n"
     "  kpis      kpi (code), period (YYYY-MM) and value required; account (empty:\n"
     "            a programme KPI), target, note\n"
     "\n"
     "Rows are matched on their external id (KPI measurements on KPI and period):\n"
     "importing the same file twice changes nothing the second time. One import is\n"
     "one transaction: a bad row and nothing is stored; the message names the file,\n"
     "row, column and value. --dry-run lists what would be added and changed.\n"
     "`import all` loads a dump made by `kam export all` into a new database.\n"},
    {"export", cmd_export, "export any kind of record, or everything, as CSV or JSON",
     "usage: kam export KIND [--format csv|json] [-o FILE]\n"
     "       kam export all -o DUMP.json\n"
     "\n"
     "KIND is any kind of record (`kam entities`: accounts, contact_positions, kpi_measurements,\n"
     "...): id, the fields and the version, CSV by default. `export all` writes every\n"
     "table (not sign-in sessions) as one JSON dump for `kam import all`. Without -o the\n"
     "export goes to standard output; with it, the file appears only when complete.\n"},
    {"kpi", cmd_kpi, "KPIs: define, record, list, attainment", NULL},
    {"contact", cmd_contact, "customer contacts as positions and the people who hold them", NULL},
    {"team", cmd_team, "account teams: add, list, rm members", NULL},
    {"workspace", cmd_workspace, "the overview of a key account: health and its inputs, quadrant, alignment",
     "usage: kam workspace ACCOUNT [--json]\n"
     "\n"
     "The overview of the account's workspace, as on its page: health 0-100 with\n"
     "each input and its weight, quadrant, relationship stage now and target,\n"
     "alignment, relationship coverage, actions and open escalations. --json adds\n"
     "KPIs, cadences, whitespace, buying centre and competency gaps (the same JSON\n"
     "as GET /api/v1/accounts/ID/workspace).\n"},
    {"plan", cmd_plan, "account plan versions: freeze, and what changed between two",
     "usage: kam plan freeze ACCOUNT --label LABEL [--note TEXT]\n"
     "       kam plan diff ACCOUNT FROM_VERSION [TO_VERSION]\n"
     "\n"
     "freeze stores the account plan as it is now under a label (e.g. \"Plan 2027\").\n"
     "diff lists, section by section, the items added, removed and changed (with\n"
     "the fields) between two versions, or between a version and today's plan.\n"
     "Versions: kam plan_version list --account ID.\n"},
    {"dashboard", cmd_dashboard, "the top-management dashboard of the KAM programme", NULL},
    {"portfolio", cmd_portfolio, "selection criteria scores, the portfolio matrix and what-if", NULL},
    {"analyse", cmd_analyse, "alignment, relationship coverage and competency gaps of an account", NULL},
    {"assess", cmd_assess, "the KAM performance assessment: catalogue, rounds, answers, results, trend", NULL},
    {"report", cmd_report, "an assessment round's results as a report: self-contained HTML or A4 PDF",
     NULL},
    {"token", cmd_token, "API tokens for scripts: create, list, revoke", NULL},
    {"audit", cmd_audit, "read the audit log: who changed what, when", NULL},
    {"serve", cmd_serve, "run the web application and JSON API", NULL},
    {"entities", cmd_entities, "list the record kinds the entity commands accept", NULL},
    {NULL, NULL, NULL, NULL},
};

static void print_usage(void)
{
    printf("usage: kam [--db PATH] COMMAND [ARGS]\n\n"
           "kam is a key account management workbench: run the KAM programme across all key\n"
           "accounts (corporate level) and each key account (operational level), and assess\n"
           "how well KAM performs.\n\n"
           "Commands:\n");
    for (const CliCommand *c = kCommands; c->name; c++) printf("  %-10s %s\n", c->name, c->summary);
    printf("  ENTITY     add | list | show | edit | rm records of any kind (see `kam entities`),\n"
           "             e.g. `kam account list`, `kam objective add --account_id 3 ...`\n"
           "\nGlobal options:\n"
           "  --db PATH   the database: a file (SQLite) or postgres://… (default: $KAM_DB or ./kam.db)\n"
           "  --help      this text; `kam COMMAND --help` for one command\n"
           "  --version   print the version\n"
           "\nExit status: 0 ok, 1 the input is wrong, 2 usage, 3 internal error.\n");
}

static int cmd_entities(Cli *cli, int argc, char **argv)
{
    (void)cli, (void)argc, (void)argv;
    for (int i = 0; kEntities[i]; i++) {
        const EntityDef *d = kEntities[i];
        printf("%-22s %s\n", d->name, d->plural);
    }
    return 0;
}

int main(int argc, char **argv)
{
    Cli cli;
    memset(&cli, 0, sizeof cli);
    arena_init(&cli.arena, 0);
    err_clear(&cli.err);
    cli.out_tty = isatty(STDOUT_FILENO);
    cli.err_tty = isatty(STDERR_FILENO);
    cli.db_path = getenv("KAM_DB");
    if (!cli.db_path || !*cli.db_path) cli.db_path = "kam.db";

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (str_eq(argv[i], "--db") && i + 1 < argc) {
            cli.db_path = argv[++i];
        } else if (str_starts(argv[i], "--db=")) {
            cli.db_path = argv[i] + 5;
        } else if (str_eq(argv[i], "--help") || str_eq(argv[i], "-h")) {
            print_usage();
            return 0;
        } else if (str_eq(argv[i], "--version")) {
            printf("kam %s\n", KAM_VERSION);
            return 0;
        } else {
            fprintf(stderr, "kam: unknown option %s\n(see `kam --help`)\n", argv[i]);
            return 2;
        }
    }
    if (i >= argc) {
        print_usage();
        return 2;
    }
    const char *name = argv[i];
    int rc;
    const CliCommand *cmd = NULL;
    for (const CliCommand *c = kCommands; c->name; c++)
        if (str_eq(c->name, name)) cmd = c;
    if (cmd) {
        /* commands without a help text in the table print their own */
        if (cli_wants_help(argc - i, argv + i) && cmd->help) rc = cli_help(name);
        else rc = cmd->run(&cli, argc - i, argv + i);
    } else {
        const EntityDef *def = entity_find(name);
        if (!def) {
            fprintf(stderr, "kam: unknown command \"%s\"\n(see `kam --help`)\n", name);
            rc = 2;
        } else {
            rc = cmd_entity(&cli, def, argc - i, argv + i);
        }
    }
    if (cli.db) db_close(cli.db);
    arena_free(&cli.arena);
    return rc;
}
