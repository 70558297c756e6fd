/* kam dashboard: the top-management dashboard of svc/dashboard.h on the
 * command line, as text or JSON, with the same filters as the web page and
 * the drill-down to the accounts behind a figure. */
#include "commands.h"

#include "../core/text.h"
#include "../svc/dashboard.h"

#include <math.h>
#include <string.h>

static const char kDashboardHelp[] =
    "usage: kam dashboard [--json [--accounts]] [--kam PERSON_ID] [--industry X] [--country X]\n"
    "                     [--stage 1-5] [--quadrant Q] [--drill FIGURE]\n"
    "\n"
    "The programme's figures for top management: key accounts' share of revenue and\n"
    "margin against target, growth of key vs other accounts, retention, portfolio mix,\n"
    "sponsor and plan coverage, KPI attainment bands, the weakest accounts and the open\n"
    "escalations. --drill lists the accounts behind one figure: key, sponsor, no_sponsor,\n"
    "plan, no_plan, retained, lost, escalations, disintegrating, went_off_track, band_on_track,\n"
    "band_at_risk, band_off_track, band_none, quadrant_strategic (development,\n"
    "maintenance, opportunistic, unplaced), stage_1 ... stage_5.\n"
    "Quadrant Q: strategic, development, maintenance, opportunistic, unplaced.\n"
    "--accounts adds every key and former account with its figures to the JSON.\n";

static const char *pct(Cli *cli, double v)
{
    return isfinite(v) ? arena_printf(&cli->arena, "%.1f%%", v * 100.0) : "-";
}

static const char *frac(Cli *cli, int n, int d)
{
    return arena_printf(&cli->arena, "%d / %d (%s)", n, d, d ? pct(cli, (double)n / d) : "-");
}

static void print_text(Cli *cli, const Dashboard *d)
{
    printf("year %d: %d key accounts", d->year, d->nkey);
    if (d->target_key_accounts >= 0) printf(" (target %d)", d->target_key_accounts);
    printf("\nrevenue share  %s of %.2f (target %s)\n", pct(cli, d->revenue_share),
           d->company_revenue, pct(cli, d->target_revenue_share));
    printf("margin share   %s of %.2f (target %s)\n", pct(cli, d->margin_share), d->company_margin,
           pct(cli, d->target_margin_share));
    printf("growth         key %s, other %s\n", pct(cli, d->growth_key), pct(cli, d->growth_other));
    printf("retention      %s\n", frac(cli, d->retained, d->retention_base));
    printf("sponsor        %s\n", frac(cli, d->with_sponsor, d->nkey));
    printf("plan current   %s (reviewed on or after %s)\n", frac(cli, d->plan_current, d->nkey),
           d->plan_cutoff);
    printf("quadrants     ");
    for (int q = 1; q <= PF_OPPORTUNISTIC; q++)
        printf(" %s %d,", pf_quadrant_name((PfQuadrant)q), d->quadrant[q]);
    printf(" unplaced %d\nstages        ", d->quadrant[0]);
    for (int s = 1; s <= 5; s++) printf(" %d: %d", s, d->stage[s]);
    printf(", disintegrating %d\nKPI attainment ", d->disintegrating);
    for (int b = 1; b < DB_NBANDS; b++) printf("%s %d, ", dash_band_name((DashBand)b), d->band[b]);
    printf("no data %d; %d went off track since %s\nescalations    %d open, %d overdue\n",
           d->band[0], d->went_off_track, d->quarter_start, d->open_escalations,
           d->overdue_escalations);
    if (d->nweakest) {
        printf("weakest:\n");
        for (int i = 0; i < d->nweakest; i++) {
            const DashAccount *k = &d->acct[d->weakest[i]];
            printf("  %lld  %s  %s\n", (long long)k->id, k->name, pct(cli, k->attainment));
        }
    }
}

int cmd_dashboard(Cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(kDashboardHelp, stdout);
        return 0;
    }
    static const CliOpt opts[] = {{"json", false},   {"kam", true},       {"industry", true},
                                  {"country", true}, {"stage", true},     {"quadrant", true},
                                  {"drill", true},   {"accounts", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a)) return cli_fail(cli);
    if (a.npos) return cli_usage(cli, "dashboard", "unexpected argument \"%s\"", a.pos[0]);
    DashFilter f = {.quadrant = -1};
    static const char *const names[] = {"kam", "industry", "country", "stage", "quadrant", NULL};
    for (int i = 0; names[i]; i++)
        if (dash_filter_set(&f, names[i], cli_opt(&a, names[i]), &cli->err)) return cli_fail(cli);
    if (cli_open(cli)) return cli_fail(cli);
    Dashboard d;
    if (dash_compute(&cli->ctx, &f, &d)) return cli_fail(cli);
    const char *drill = cli_opt(&a, "drill");
    if (drill) {
        int *idx;
        int n = dash_drill(&d, drill, &cli->arena, &idx);
        if (n < 0)
            return cli_usage(cli, "dashboard", "unknown figure \"%s\" (see kam dashboard --help)",
                             drill);
        if (cli_flag(&a, "json")) {
            json_t *arr = json_array();
            for (int i = 0; i < n; i++)
                json_array_append_new(arr,
                                      json_pack("{s:I,s:s}", "id", (json_int_t)d.acct[idx[i]].id,
                                                "name", d.acct[idx[i]].name));
            cli_print_json(arr);
            return 0;
        }
        for (int i = 0; i < n; i++)
            printf("%lld\t%s\n", (long long)d.acct[idx[i]].id, d.acct[idx[i]].name);
        return 0;
    }
    if (cli_flag(&a, "json")) {
        cli_print_json(dash_json(&d, cli_flag(&a, "accounts")));
        return 0;
    }
    print_text(cli, &d);
    return 0;
}
