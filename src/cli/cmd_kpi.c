/* kam kpi define|record|list|show: the command-line face of svc/kpi.h. */
#include "commands.h"

#include "../core/text.h"
#include "../svc/kpi.h"

#include <math.h>
#include <string.h>

static const char kKpiHelp[] =
    "usage: kam kpi define --account ID --name NAME --direction higher|lower --target X\n"
    "                      [--unit U] [--code C] [--frequency monthly|quarterly|yearly] "
    "[--shared]\n"
    "       kam kpi record KPI_ID --period YYYY-MM --value X [--target X] [--note TEXT]\n"
    "       kam kpi list --account ID [--json]\n"
    "       kam kpi show KPI_ID [--from YYYY-MM] [--to YYYY-MM] [--json]\n"
    "\n"
    "define  a KPI of an account; --shared shows it to the customer; the code is made\n"
    "        from the name unless given\n"
    "record  the value of one period (a month; quarterly KPIs use 03, 06, 09, 12 and\n"
    "        yearly ones 12); recording a period again replaces its value. --target\n"
    "        sets a target for that period only\n"
    "list    each KPI with its latest value, attainment, trend and missing periods\n"
    "show    the history with the attainment of each period; expected periods without a\n"
    "        value are shown as missing. --from/--to summarise a range: its latest value\n"
    "        and the mean attainment of its measured periods\n"
    "\n"
    "Attainment: higher is better actual/target, lower is better target/actual, capped\n"
    "at 0-200%. A target of 0 is met exactly at 0 (100%); any value on the better side\n"
    "is 200%, on the worse side 0%. Negative targets use 1 + distance/|target|. Trend:\n"
    "least-squares slope over the last 6 measurements; flat when the change over them\n"
    "is under 2% of the target.\n";

static const char *fmt_num(Cli *cli, double v)
{
    return arena_printf(&cli->arena, "%.15g", v);
}
static const char *fmt_att(Cli *cli, const KpiPoint *p)
{
    return p->has_attainment ? arena_printf(&cli->arena, "%.0f%%", p->attainment * 100.0)
                             : "no target";
}

static json_t *json_point(const KpiPoint *p)
{
    json_t *o = json_pack("{s:s,s:f}", "period", p->period, "value", p->value);
    json_object_set_new(o, "target", p->has_target ? json_real(p->target) : json_null());
    json_object_set_new(o, "attainment",
                        p->has_attainment ? json_real(p->attainment) : json_null());
    return o;
}

static json_t *json_missing(const KpiRange *r)
{
    json_t *m = json_array();
    for (int i = 0; i < r->nmissing; i++) json_array_append_new(m, json_string(r->missing[i]));
    return m;
}

static json_t *json_kpi(const KpiStatus *s)
{
    const KpiDef *d = &s->def;
    json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)d->id,
                          "account_id", (json_int_t)d->account_id, "code", d->code, "name", d->name,
                          "unit", d->unit, "direction", d->dir == KPI_LOWER ? "lower" : "higher",
                          "frequency", d->frequency, "shared", d->shared);
    json_object_set_new(o, "target", d->has_target ? json_real(d->target) : json_null());
    json_object_set_new(o, "latest", s->npts ? json_point(&s->pts[s->npts - 1]) : json_null());
    json_object_set_new(o, "trend", json_string(kpi_trend_name(s->trend.trend)));
    json_object_set_new(o, "slope_per_month",
                        s->trend.trend ? json_real(s->trend.slope) : json_null());
    json_object_set_new(o, "missing", json_missing(&s->range));
    return o;
}

static int do_define(Cli *cli, const CliArgs *a)
{
    KpiNew k = {.name = cli_opt(a, "name"),
                .unit = cli_opt(a, "unit"),
                .direction = cli_opt(a, "direction"),
                .target = cli_opt(a, "target"),
                .code = cli_opt(a, "code"),
                .frequency = cli_opt(a, "frequency"),
                .shared = cli_flag(a, "shared")};
    if (!cli_opt(a, "account") || !k.name || !k.direction || !k.target)
        return cli_usage(
            cli, "kpi", "define needs --account ID, --name, --direction higher|lower and --target");
    if (cli_parse_id(cli, "account", cli_opt(a, "account"), &k.account_id)) return cli_fail(cli);
    int64_t id;
    if (kpi_define(&cli->ctx, &k, &id)) return cli_fail(cli);
    KpiStatus s;
    if (kpi_status(&cli->ctx, id, &s)) return cli_fail(cli);
    printf("defined KPI %lld \xE2\x80\x9C%s\xE2\x80\x9D (code %s) of account %lld\n", (long long)id,
           s.def.name, s.def.code, (long long)k.account_id);
    return 0;
}

static int do_record(Cli *cli, const CliArgs *a)
{
    int64_t id;
    if (a->npos != 1) return cli_usage(cli, "kpi", "record needs the KPI_ID");
    if (!cli_opt(a, "period") || !cli_opt(a, "value"))
        return cli_usage(cli, "kpi", "record needs --period YYYY-MM and --value X");
    if (cli_parse_id(cli, "kpi", a->pos[0], &id)) return cli_fail(cli);
    bool updated;
    if (kpi_record(&cli->ctx, id, cli_opt(a, "period"), cli_opt(a, "value"), cli_opt(a, "target"),
                   cli_opt(a, "note"), &updated))
        return cli_fail(cli);
    printf("%s KPI %lld for %s: %s\n", updated ? "updated" : "recorded", (long long)id,
           cli_opt(a, "period"), cli_opt(a, "value"));
    return 0;
}

static int do_list(Cli *cli, const CliArgs *a)
{
    int64_t acct;
    if (!cli_opt(a, "account")) return cli_usage(cli, "kpi", "list needs --account ID");
    if (cli_parse_id(cli, "account", cli_opt(a, "account"), &acct)) return cli_fail(cli);
    KpiStatus *s;
    int n;
    if (kpi_list_account(&cli->ctx, acct, &s, &n)) return cli_fail(cli);
    if (cli_flag(a, "json")) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) json_array_append_new(arr, json_kpi(&s[i]));
        cli_print_json(arr);
        return 0;
    }
    if (n == 0) {
        printf("account %lld has no KPIs yet (kam kpi define --account %lld ...)\n",
               (long long)acct, (long long)acct);
        return 0;
    }
    CliTable t;
    cli_table_init(cli, &t, 9);
    cli_table_add(cli, &t,
                  (const char *[]){"id", "code", "name", "better", "target", "latest", "attainment",
                                   "trend", "missing"});
    for (int i = 0; i < n; i++) {
        const KpiDef *d = &s[i].def;
        const KpiPoint *p = s[i].npts ? &s[i].pts[s[i].npts - 1] : NULL;
        cli_table_add(
            cli, &t,
            (const char *[]){
                arena_printf(&cli->arena, "%lld", (long long)d->id), d->code, d->name,
                d->dir == KPI_LOWER ? "lower" : "higher",
                d->has_target ? arena_printf(&cli->arena, "%s%s%s", fmt_num(cli, d->target),
                                             *d->unit ? " " : "", d->unit)
                              : "-",
                p ? arena_printf(&cli->arena, "%s (%s)", fmt_num(cli, p->value), p->period)
                  : "no data",
                p ? fmt_att(cli, p) : "-", kpi_trend_name(s[i].trend.trend),
                arena_printf(&cli->arena, "%d", s[i].range.nmissing)});
    }
    cli_table_print(&t, stdout);
    return 0;
}

static int do_show(Cli *cli, const CliArgs *a)
{
    int64_t id;
    if (a->npos != 1) return cli_usage(cli, "kpi", "show needs the KPI_ID");
    if (cli_parse_id(cli, "kpi", a->pos[0], &id)) return cli_fail(cli);
    const char *from = cli_opt(a, "from"), *to = cli_opt(a, "to");
    if (from && !month_valid(from)) {
        err_set(&cli->err, KAM_EINPUT, "from: \"%s\" is not a month (YYYY-MM)", from);
        return cli_fail(cli);
    }
    if (to && !month_valid(to)) {
        err_set(&cli->err, KAM_EINPUT, "to: \"%s\" is not a month (YYYY-MM)", to);
        return cli_fail(cli);
    }
    KpiStatus s;
    if (kpi_status(&cli->ctx, id, &s)) return cli_fail(cli);
    bool ranged = from || to;
    KpiRange range;
    if (ranged) {
        char today_month[8];
        memcpy(today_month, cli->ctx.today, 7);
        today_month[7] = 0;
        if (!from) from = s.npts ? s.pts[0].period : today_month;
        if (!to) to = today_month;
        if (strcmp(from, to) > 0) {
            err_set(&cli->err, KAM_EINPUT, "from: %s is after to %s", from, to);
            return cli_fail(cli);
        }
        kpi_range(&cli->arena, kpi_frequency_parse(s.def.frequency), s.pts, s.npts, from, to,
                  &range);
    }
    if (cli_flag(a, "json")) {
        json_t *o = json_kpi(&s), *hist = json_array();
        for (int i = 0; i < s.npts; i++) json_array_append_new(hist, json_point(&s.pts[i]));
        json_object_set_new(o, "history", hist);
        if (ranged) {
            json_t *r = json_pack("{s:s,s:s,s:i,s:i}", "from", from, "to", to, "expected",
                                  range.expected, "measured", range.measured);
            json_object_set_new(r, "latest",
                                range.has_latest ? json_point(&range.latest) : json_null());
            json_object_set_new(r, "mean_attainment",
                                range.has_mean ? json_real(range.mean_attainment) : json_null());
            json_object_set_new(r, "missing", json_missing(&range));
            json_object_set_new(o, "range", r);
        }
        cli_print_json(o);
        return 0;
    }
    const KpiDef *d = &s.def;
    printf("KPI %lld \xE2\x80\x9C%s\xE2\x80\x9D (code %s) of account %lld: %s is better, target "
           "%s%s%s, %s%s\n",
           (long long)d->id, d->name, d->code, (long long)d->account_id,
           d->dir == KPI_LOWER ? "lower" : "higher",
           d->has_target ? fmt_num(cli, d->target) : "none", *d->unit ? " " : "", d->unit,
           d->frequency, d->shared ? ", shared with the customer" : "");
    printf("trend: %s", kpi_trend_name(s.trend.trend));
    if (s.trend.trend) printf(" (%+.4g per month over %d measurements)", s.trend.slope, s.trend.n);
    printf("\n");
    if (s.npts == 0) {
        printf("no measurements yet\n");
        return 0;
    }
    CliTable t;
    cli_table_init(cli, &t, 4);
    cli_table_add(cli, &t, (const char *[]){"period", "value", "target", "attainment"});
    /* the history with the expected periods that have no value, in order */
    int mi = 0;
    for (int i = 0; i < s.npts; i++) {
        while (mi < s.range.nmissing && strcmp(s.range.missing[mi], s.pts[i].period) < 0)
            cli_table_add(cli, &t, (const char *[]){s.range.missing[mi++], "missing", "-", "-"});
        const KpiPoint *p = &s.pts[i];
        cli_table_add(cli, &t,
                      (const char *[]){p->period, fmt_num(cli, p->value),
                                       p->has_target ? fmt_num(cli, p->target) : "-",
                                       fmt_att(cli, p)});
    }
    cli_table_print(&t, stdout);
    if (ranged) {
        printf("\n%s to %s: %d of %d expected periods measured", from, to, range.measured,
               range.expected);
        if (range.has_latest)
            printf("; latest %s (%s), attainment %s", fmt_num(cli, range.latest.value),
                   range.latest.period, fmt_att(cli, &range.latest));
        if (range.has_mean) printf("; mean attainment %.0f%%", range.mean_attainment * 100.0);
        printf("\n");
        if (range.nmissing) {
            printf("missing:");
            for (int i = 0; i < range.nmissing; i++) printf(" %s", range.missing[i]);
            printf("\n");
        }
    }
    return 0;
}

int cmd_kpi(Cli *cli, int argc, char **argv)
{
    if (cli_sub_wants_help(argc, argv)) {
        fputs(kKpiHelp, stdout);
        return 0;
    }
    const char *sub = argv[1];
    static const CliOpt opts[] = {{"json", false},   {"account", true},   {"name", true},
                                  {"unit", true},    {"direction", true}, {"target", true},
                                  {"shared", false}, {"code", true},      {"frequency", true},
                                  {"period", true},  {"value", true},     {"note", true},
                                  {"from", true},    {"to", true},        {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_fail(cli);
    if (!str_eq(sub, "define") && !str_eq(sub, "record") && !str_eq(sub, "list") &&
        !str_eq(sub, "show"))
        return cli_usage(cli, "kpi", "unknown subcommand \"%s\" (define, record, list, show)", sub);
    if ((str_eq(sub, "define") || str_eq(sub, "list")) && a.npos)
        return cli_usage(cli, "kpi", "unexpected argument \"%s\"", a.pos[0]);
    if (cli_open(cli)) return cli_fail(cli);
    if (str_eq(sub, "define")) return do_define(cli, &a);
    if (str_eq(sub, "record")) return do_record(cli, &a);
    if (str_eq(sub, "list")) return do_list(cli, &a);
    return do_show(cli, &a);
}
