/* kam demo [--accounts N] [--seed S]: fill an empty database with the demo
 * company (svc/demo.c) and print what was made and how to sign in. */
#include "commands.h"

#include "../core/text.h"
#include "../svc/demo.h"

#include <stdio.h>

static void on_progress(void *ud, int64_t done, int64_t total)
{
    (void)total;
    progress_step((Progress *)ud, done);
}

static int bad_accounts(Cli *cli, const char *v)
{
    return cli_usage(cli, "demo", "--accounts: \"%s\" is not a number of accounts from 1 to %d", v, DEMO_MAX_ACCOUNTS);
}

static void print_sign_ins(void)
{
    for (const DemoLogin *l = kDemoLogins; l->login; l++)
        printf("  %-8s %-16s %-10s %s\n", l->login, l->password, l->role, l->who);
}

int cmd_demo(Cli *cli, int argc, char **argv)
{
    static const CliOpt opts[] = {{"accounts", true}, {"seed", true}, {"sign_ins", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a)) return cli_fail(cli);
    if (cli_flag(&a, "sign_ins")) { /* the demo users and passwords, without touching a database */
        print_sign_ins();
        return 0;
    }
    if (a.npos) return cli_usage(cli, "demo", "unexpected argument \"%s\" (usage: kam demo [--accounts N] [--seed S])", a.pos[0]);
    DemoOptions o = {.accounts = DEMO_DEFAULT_ACCOUNTS, .seed = 1};
    const char *v = cli_opt(&a, "accounts");
    if (v && (!parse_int64(v, &o.accounts) || o.accounts < 1 || o.accounts > DEMO_MAX_ACCOUNTS))
        return bad_accounts(cli, v);
    v = cli_opt(&a, "seed");
    int64_t seed = 1;
    if (v && (!parse_int64(v, &seed) || seed < 0))
        return cli_usage(cli, "demo", "--seed: \"%s\" is not a whole number of 0 or more", v);
    o.seed = (uint64_t)seed;

    if (cli_open(cli)) return cli_fail(cli);
    Ctx *c = &cli->ctx;
    if (demo_check_empty(c)) return cli_fail(cli);
    Progress p;
    progress_start(&p, cli, "demo", o.accounts);
    o.progress = on_progress;
    o.progress_ud = &p;
    DemoSummary s;
    ErrCode rc = demo_run(c, &o, &s);
    progress_end(&p);
    if (rc) return cli_fail(cli);

    printf("Demo company written to %s (seed %llu, today %s).\n", cli->db_path, (unsigned long long)o.seed, c->today);
    printf("  accounts            %lld: %lld key, %lld candidates, %lld former, %lld other\n", (long long)s.accounts,
           (long long)s.key, (long long)s.candidate, (long long)s.former, (long long)s.other);
    printf("  key accounts        %lld, each with a KAM and an executive sponsor\n", (long long)s.key);
    printf("  our staff           %lld people: %lld executives, %lld KAMs; %lld app users\n", (long long)s.staff,
           (long long)s.executives, (long long)s.kams, (long long)s.users);
    printf("  customer contacts   %lld people in %lld positions (%lld moved within their group)\n",
           (long long)s.contacts, (long long)s.positions, (long long)s.moved_contacts);
    printf("  KPIs                %lld, with %lld monthly measurements over 36 months\n", (long long)s.kpis,
           (long long)s.measurements);
    printf("  interactions        %lld; %lld action items overdue; %lld escalations open\n",
           (long long)s.interactions, (long long)s.overdue_actions, (long long)s.open_escalations);
    if (s.criteria_missing)
        printf("  selection scores    none: the database has no selection criteria, so scoring was skipped\n");
    else
        printf("  selection scores    %lld\n", (long long)s.criterion_scores);
    printf("  assessment          one open round, %lld answers%s\n", (long long)s.answers,
           s.catalogue_created ? " (on a small demo questionnaire, demo-1)" : "");
    if (s.competencies_created) printf("  note                no competency model was loaded: a small demo one was made\n");
    printf("\nSign in with:\n");
    print_sign_ins();
    return 0;
}
