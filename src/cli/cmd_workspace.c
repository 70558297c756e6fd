/* kam workspace ACCOUNT [--json]: the overview of a key account's workspace
 * (health and its inputs, quadrant, stage, alignment, coverage, actions);
 * kam plan list|freeze|diff: the account plan's versions. Thin front-ends
 * over svc/workspace.h and svc/plan.h, like the pages and the JSON API. */
#include "commands.h"

#include "../core/text.h"
#include "../svc/plan.h"
#include "../svc/workspace.h"

#include <stdio.h>

static int account_arg(Cli *cli, const char *cmd, const char *s, int64_t *id)
{
    if (!s || !parse_int64(s, id) || *id <= 0) return cli_usage(cli, cmd, "say which account: an account id");
    return 0;
}

static const char *num(json_t *v, char *buf, size_t n, const char *fmt)
{
    if (json_is_null(v) || !v) return "—";
    snprintf(buf, n, fmt, json_number_value(v));
    return buf;
}

static int frac(json_t *f, char *buf, size_t n)
{
    return snprintf(buf, n, "%lld of %lld", (long long)json_integer_value(json_object_get(f, "num")),
                    (long long)json_integer_value(json_object_get(f, "den")));
}

int cmd_workspace(Cli *cli, int argc, char **argv)
{
    static const CliOpt opts[] = {{"json", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a)) return cli_fail(cli);
    int64_t id;
    if (a.npos != 1) return cli_usage(cli, "workspace", "say which account: kam workspace ACCOUNT_ID");
    if (account_arg(cli, "workspace", a.pos[0], &id)) return 2;
    if (cli_open(cli)) return cli_fail(cli);
    json_t *j;
    if (ws_overview_json(&cli->ctx, id, &j)) return cli_fail(cli);
    if (cli_flag(&a, "json")) {
        cli_print_json(j);
        return 0;
    }
    char b1[64], b2[64];
    json_t *h = json_object_get(j, "health");
    printf("account %lld “%s”\n", (long long)id, json_string_value(json_object_get(j, "name")));
    printf("  health               %s (%s)\n", num(json_object_get(h, "score"), b1, sizeof b1, "%.0f"),
           json_string_value(json_object_get(h, "band")));
    json_t *in;
    size_t i;
    json_array_foreach(json_object_get(h, "inputs"), i, in)
        printf("    %-20s %s (weight %lld)\n", json_string_value(json_object_get(in, "name")),
               num(json_object_get(in, "score"), b2, sizeof b2, "%.2f"),
               (long long)json_integer_value(json_object_get(in, "weight")));
    const char *target = json_string_value(json_object_get(j, "target_stage"));
    printf("  quadrant             %s\n", json_string_value(json_object_get(j, "quadrant")));
    printf("  stage                %s → %s\n", json_string_value(json_object_get(j, "stage")), target ? target : "—");
    json_t *al = json_object_get(j, "alignment");
    printf("  alignment            %s\n", num(json_object_get(al, "score"), b1, sizeof b1, "%.2f"));
    frac(json_object_get(j, "coverage"), b1, sizeof b1);
    printf("  relationship coverage %s buying-centre roles\n", b1);
    json_t *ac = json_object_get(j, "actions");
    printf("  actions              %lld open, %lld overdue\n", (long long)json_integer_value(json_object_get(ac, "open")),
           (long long)json_integer_value(json_object_get(ac, "overdue")));
    printf("  open escalations     %zu\n", json_array_size(json_object_get(j, "open_escalations")));
    json_decref(j);
    return 0;
}

static const char *change_name(PlanChange c)
{
    return c == PLAN_ADDED ? "added" : c == PLAN_REMOVED ? "removed" : "changed";
}

int cmd_plan(Cli *cli, int argc, char **argv)
{
    static const CliOpt opts[] = {{"label", true}, {"note", true}, {NULL, false}};
    if (argc < 2) return cli_usage(cli, "plan", "say what to do: freeze or diff");
    const char *sub = argv[1];
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_fail(cli);
    int64_t id;
    if (!a.npos || account_arg(cli, "plan", a.pos[0], &id)) return a.npos ? 2 : cli_usage(cli, "plan", "say which account");
    if (cli_open(cli)) return cli_fail(cli);
    Ctx *c = &cli->ctx;
    if (str_eq(sub, "freeze")) {
        if (a.npos != 1) return cli_usage(cli, "plan", "usage: kam plan freeze ACCOUNT --label LABEL [--note TEXT]");
        int64_t vid;
        if (plan_freeze(c, id, cli_opt(&a, "label"), cli_opt(&a, "note"), &vid)) return cli_fail(cli);
        printf("froze the plan of account %lld as version %lld “%s”\n", (long long)id, (long long)vid,
               cli_opt(&a, "label"));
        return 0;
    }
    if (str_eq(sub, "diff")) {
        if (a.npos != 2 && a.npos != 3)
            return cli_usage(cli, "plan", "usage: kam plan diff ACCOUNT FROM_VERSION [TO_VERSION]");
        int64_t from, to = 0;
        if (!parse_int64(a.pos[1], &from) || (a.npos == 3 && !parse_int64(a.pos[2], &to)))
            return cli_usage(cli, "plan", "versions are ids (kam plan_version list --account ID)");
        json_t *x, *y;
        if (plan_load(c, id, from, &x)) return cli_fail(cli);
        if (to ? plan_load(c, id, to, &y) : plan_snapshot(c, id, &y)) {
            json_decref(x);
            return cli_fail(cli);
        }
        PlanDiffSection d[PLAN_NSECTIONS];
        plan_diff(&cli->arena, x, y, d);
        int changes = 0;
        for (int s = 0; s < PLAN_NSECTIONS; s++) {
            if (!d[s].n) continue;
            printf("%s\n", d[s].name);
            for (int k = 0; k < d[s].n; k++) {
                const PlanDiffItem *it = &d[s].items[k];
                printf("  %-8s %s", change_name(it->change), it->title);
                for (int f = 0; f < it->nfields; f++) printf("%s%s", f ? ", " : ": ", it->fields[f]);
                printf("\n");
                changes++;
            }
        }
        if (!changes) printf("no changes\n");
        json_decref(x);
        json_decref(y);
        return 0;
    }
    return cli_usage(cli, "plan", "unknown subcommand \"%s\": freeze or diff", sub);
}
