/* kam portfolio score|list|show|whatif|thresholds, and kam analyse: the
 * command-line face of svc/portfolio.h and svc/metrics.h. */
#include "commands.h"

#include "../core/text.h"
#include "../svc/metrics.h"
#include "../svc/portfolio.h"

#include <string.h>

static const char kPortfolioHelp[] =
    "usage: kam portfolio score --account ID --criterion CODE --score 1-10 [--scorer LOGIN] "
    "[--note TEXT]\n"
    "       kam portfolio list [--json]\n"
    "       kam portfolio show ACCOUNT_ID [--json]\n"
    "       kam portfolio whatif --weights CODE=W,CODE=W... [--json]\n"
    "       kam portfolio thresholds [--attractiveness X] [--strength Y]\n"
    "\n"
    "score       record one scorer's 1-10 score of an account on a selection criterion\n"
    "            (`kam criterion list` shows the codes); scoring again replaces it.\n"
    "            Without --scorer the score is the signed-in user's.\n"
    "list        every account you may see: attractiveness, strength, quadrant, coverage\n"
    "show        one account's mean score and spread (range, standard deviation) among\n"
    "            scorers on each criterion\n"
    "whatif      the accounts whose quadrant would change with other weights (codes not\n"
    "            named keep their weight; each set must still sum to 100). Nothing is saved.\n"
    "thresholds  show or change the quadrant thresholds (1-10; a score >= threshold is high)\n"
    "\n"
    "A set's score is sum(weight x mean score) / sum(weight) over the criteria that have\n"
    "scores; coverage is the share of the set's weight that is scored (missing criteria\n"
    "are left out, not counted as 0). Quadrants: strategic (high attractiveness, high\n"
    "strength), development (high, low), maintenance (low, high), opportunistic (low, low);\n"
    "an account lacking either score is unplaced.\n";

static const char kAnalyseHelp[] =
    "usage: kam analyse ACCOUNT_ID [--json]\n"
    "\n"
    "Alignment: the share of our objectives linked to a customer goal (directly or\n"
    "through an initiative) and the share of customer goals served by an objective or\n"
    "an initiative. Relationship coverage: the share of the seven buying-centre roles\n"
    "with a position held today that has an internal counterpart, with each role's\n"
    "holder and counterpart. Competency gaps: each competency the account requires\n"
    "against the best current rating in the account team.\n";

static json_t *json_score(const PfSetScore *s)
{
    return s->scored ? json_real(s->score) : json_null();
}

static const char *fmt_score(Cli *cli, const PfSetScore *s)
{
    return s->scored ? arena_printf(&cli->arena, "%.2f", s->score) : "-";
}

static const char *fmt_pct(Cli *cli, double x)
{
    return arena_printf(&cli->arena, "%.0f%%", x * 100.0);
}

static const PfAccount *find_account(const Portfolio *p, int64_t id, int *index)
{
    for (int i = 0; i < p->nacc; i++)
        if (p->acct[i].id == id) {
            *index = i;
            return &p->acct[i];
        }
    return NULL;
}

static int do_list(Cli *cli, const CliArgs *a)
{
    Portfolio p;
    if (pf_load(&cli->ctx, &p)) return cli_fail(cli);
    if (cli_flag(a, "json")) {
        json_t *o = json_object(), *crit = json_array(), *accts = json_array();
        json_object_set_new(o, "thresholds",
                            json_pack("{s:f,s:f}", "attractiveness", p.th.attractiveness,
                                      "strength", p.th.strength));
        for (int i = 0; i < p.ncrit; i++)
            json_array_append_new(crit, json_pack("{s:I,s:s,s:s,s:s,s:f}", "id",
                                                  (json_int_t)p.crit[i].id, "code", p.crit[i].code,
                                                  "set", pf_set_name(p.crit[i].set), "name",
                                                  p.crit[i].name, "weight", p.crit[i].weight));
        for (int i = 0; i < p.nacc; i++) {
            const PfResult *r = &p.res[i];
            json_t *x =
                json_pack("{s:I,s:s,s:s,s:f}", "id", (json_int_t)p.acct[i].id, "name",
                          p.acct[i].name, "status", p.acct[i].status, "revenue", p.acct[i].revenue);
            json_object_set_new(x, "attractiveness", json_score(&r->set[PF_ATTRACTIVENESS]));
            json_object_set_new(x, "attractiveness_coverage",
                                json_real(r->set[PF_ATTRACTIVENESS].coverage));
            json_object_set_new(x, "strength", json_score(&r->set[PF_STRENGTH]));
            json_object_set_new(x, "strength_coverage", json_real(r->set[PF_STRENGTH].coverage));
            json_object_set_new(x, "quadrant", json_string(pf_quadrant_name(r->quadrant)));
            json_object_set_new(x, "complete", json_boolean(r->complete));
            json_array_append_new(accts, x);
        }
        json_object_set_new(o, "criteria", crit);
        json_object_set_new(o, "accounts", accts);
        cli_print_json(o);
        return 0;
    }
    CliTable t;
    cli_table_init(cli, &t, 7);
    cli_table_add(cli, &t,
                  (const char *[]){"id", "account", "status", "attractiveness", "strength",
                                   "quadrant", "coverage"});
    for (int i = 0; i < p.nacc; i++) {
        const PfResult *r = &p.res[i];
        cli_table_add(
            cli, &t,
            (const char *[]){arena_printf(&cli->arena, "%lld", (long long)p.acct[i].id),
                             p.acct[i].name, p.acct[i].status,
                             fmt_score(cli, &r->set[PF_ATTRACTIVENESS]),
                             fmt_score(cli, &r->set[PF_STRENGTH]), pf_quadrant_name(r->quadrant),
                             arena_printf(&cli->arena, "%s / %s",
                                          fmt_pct(cli, r->set[PF_ATTRACTIVENESS].coverage),
                                          fmt_pct(cli, r->set[PF_STRENGTH].coverage))});
    }
    cli_table_print(&t, stdout);
    printf(
        "thresholds: attractiveness %g, strength %g (a score at or above its threshold is high)\n",
        p.th.attractiveness, p.th.strength);
    return 0;
}

static int do_show(Cli *cli, const CliArgs *a)
{
    int64_t id;
    if (a->npos != 1) return cli_usage(cli, "portfolio", "show needs the ACCOUNT_ID");
    if (cli_parse_id(cli, "account", a->pos[0], &id)) return cli_fail(cli);
    Portfolio p;
    if (pf_load(&cli->ctx, &p)) return cli_fail(cli);
    int k = 0;
    const PfAccount *acct = find_account(&p, id, &k);
    if (!acct) {
        err_set(&cli->err, KAM_ENOTFOUND, "account %lld not found", (long long)id);
        return cli_fail(cli);
    }
    const PfResult *r = &p.res[k];
    if (cli_flag(a, "json")) {
        json_t *o = json_pack("{s:I,s:s}", "id", (json_int_t)acct->id, "name", acct->name);
        json_object_set_new(o, "attractiveness", json_score(&r->set[PF_ATTRACTIVENESS]));
        json_object_set_new(o, "attractiveness_coverage",
                            json_real(r->set[PF_ATTRACTIVENESS].coverage));
        json_object_set_new(o, "strength", json_score(&r->set[PF_STRENGTH]));
        json_object_set_new(o, "strength_coverage", json_real(r->set[PF_STRENGTH].coverage));
        json_object_set_new(o, "quadrant", json_string(pf_quadrant_name(r->quadrant)));
        json_t *crit = json_array();
        for (int i = 0; i < p.ncrit; i++) {
            const PfStat *s = &r->crit[i];
            json_t *x =
                json_pack("{s:s,s:s,s:f,s:i}", "code", p.crit[i].code, "set",
                          pf_set_name(p.crit[i].set), "weight", p.crit[i].weight, "scorers", s->n);
            json_object_set_new(x, "mean", s->n ? json_real(s->mean) : json_null());
            json_object_set_new(x, "range", s->n ? json_real(s->range) : json_null());
            json_object_set_new(x, "sd", s->n ? json_real(s->sd) : json_null());
            json_array_append_new(crit, x);
        }
        json_object_set_new(o, "criteria", crit);
        cli_print_json(o);
        return 0;
    }
    printf("account %lld \xE2\x80\x9C%s\xE2\x80\x9D: attractiveness %s (coverage %s), strength %s "
           "(coverage %s), %s\n",
           (long long)acct->id, acct->name, fmt_score(cli, &r->set[PF_ATTRACTIVENESS]),
           fmt_pct(cli, r->set[PF_ATTRACTIVENESS].coverage), fmt_score(cli, &r->set[PF_STRENGTH]),
           fmt_pct(cli, r->set[PF_STRENGTH].coverage), pf_quadrant_name(r->quadrant));
    CliTable t;
    cli_table_init(cli, &t, 7);
    cli_table_add(cli, &t,
                  (const char *[]){"set", "criterion", "weight", "scorers", "mean", "range", "sd"});
    for (int i = 0; i < p.ncrit; i++) {
        const PfStat *s = &r->crit[i];
        cli_table_add(
            cli, &t,
            (const char *[]){pf_set_name(p.crit[i].set), p.crit[i].code,
                             arena_printf(&cli->arena, "%g", p.crit[i].weight),
                             arena_printf(&cli->arena, "%d", s->n),
                             s->n ? arena_printf(&cli->arena, "%.2f", s->mean) : "missing",
                             s->n ? arena_printf(&cli->arena, "%.2f", s->range) : "-",
                             s->n ? arena_printf(&cli->arena, "%.2f", s->sd) : "-"});
    }
    cli_table_print(&t, stdout);
    return 0;
}

static int do_whatif(Cli *cli, const CliArgs *a)
{
    PfWeight *w;
    int nw;
    if (!cli_opt(a, "weights"))
        return cli_usage(cli, "portfolio", "whatif needs --weights CODE=W,CODE=W...");
    if (pf_parse_weights(&cli->arena, cli_opt(a, "weights"), &w, &nw, &cli->err))
        return cli_fail(cli);
    Portfolio p;
    PfMove *moves;
    int n;
    if (pf_whatif(&cli->ctx, w, nw, &p, &moves, &n)) return cli_fail(cli);
    if (cli_flag(a, "json")) {
        json_t *o = json_object(), *jw = json_object(), *jm = json_array();
        for (int i = 0; i < nw; i++) json_object_set_new(jw, w[i].code, json_real(w[i].weight));
        for (int i = 0; i < n; i++) {
            int k = 0;
            const PfAccount *acct = find_account(&p, moves[i].account_id, &k);
            json_t *x =
                json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)moves[i].account_id, "name",
                          acct ? acct->name : "", "from", pf_quadrant_name(moves[i].from), "to",
                          pf_quadrant_name(moves[i].to));
            json_object_set_new(x, "attractiveness_from",
                                json_score(&moves[i].now[PF_ATTRACTIVENESS]));
            json_object_set_new(x, "attractiveness_to",
                                json_score(&moves[i].then[PF_ATTRACTIVENESS]));
            json_object_set_new(x, "strength_from", json_score(&moves[i].now[PF_STRENGTH]));
            json_object_set_new(x, "strength_to", json_score(&moves[i].then[PF_STRENGTH]));
            json_array_append_new(jm, x);
        }
        json_object_set_new(o, "weights", jw);
        json_object_set_new(o, "moves", jm);
        cli_print_json(o);
        return 0;
    }
    if (n == 0) {
        printf("no account would change quadrant (%d accounts compared; nothing was saved)\n",
               p.nacc);
        return 0;
    }
    CliTable t;
    cli_table_init(cli, &t, 6);
    cli_table_add(cli, &t,
                  (const char *[]){"id", "account", "from", "to", "attractiveness", "strength"});
    for (int i = 0; i < n; i++) {
        int k = 0;
        const PfAccount *acct = find_account(&p, moves[i].account_id, &k);
        const PfMove *m = &moves[i];
        cli_table_add(
            cli, &t,
            (const char *[]){
                arena_printf(&cli->arena, "%lld", (long long)m->account_id), acct ? acct->name : "",
                pf_quadrant_name(m->from), pf_quadrant_name(m->to),
                arena_printf(&cli->arena, "%s -> %s", fmt_score(cli, &m->now[PF_ATTRACTIVENESS]),
                             fmt_score(cli, &m->then[PF_ATTRACTIVENESS])),
                arena_printf(&cli->arena, "%s -> %s", fmt_score(cli, &m->now[PF_STRENGTH]),
                             fmt_score(cli, &m->then[PF_STRENGTH]))});
    }
    cli_table_print(&t, stdout);
    printf("%d of %d accounts would move; nothing was saved\n", n, p.nacc);
    return 0;
}

static int do_thresholds(Cli *cli, const CliArgs *a)
{
    const char *at = cli_opt(a, "attractiveness"), *st = cli_opt(a, "strength");
    if (at || st)
        if (pf_set_thresholds(&cli->ctx, at, st)) return cli_fail(cli);
    double ta = 0, ts = 0;
    if (db_one_real(cli->db, &cli->err,
                    "SELECT threshold_attractiveness FROM programme WHERE id = 1", DB_NOARGS,
                    &ta) ||
        db_one_real(cli->db, &cli->err, "SELECT threshold_strength FROM programme WHERE id = 1",
                    DB_NOARGS, &ts))
        return cli_fail(cli);
    printf("%sthresholds: attractiveness %g, strength %g\n", at || st ? "new " : "", ta, ts);
    return 0;
}

static int do_score(Cli *cli, const CliArgs *a)
{
    int64_t acct;
    const char *crit = cli_opt(a, "criterion"), *score = cli_opt(a, "score");
    if (!cli_opt(a, "account") || !crit || !score)
        return cli_usage(cli, "portfolio",
                         "score needs --account ID, --criterion CODE and --score 1-10");
    if (cli_parse_id(cli, "account", cli_opt(a, "account"), &acct)) return cli_fail(cli);
    bool replaced;
    if (pf_score(&cli->ctx, acct, crit, cli_opt(a, "scorer"), score, cli_opt(a, "note"), &replaced))
        return cli_fail(cli);
    printf("%s score %s of account %lld on %s%s%s\n", replaced ? "replaced the" : "recorded", score,
           (long long)acct, crit, cli_opt(a, "scorer") ? " by " : "",
           cli_opt(a, "scorer") ? cli_opt(a, "scorer") : "");
    return 0;
}

int cmd_portfolio(Cli *cli, int argc, char **argv)
{
    if (cli_sub_wants_help(argc, argv)) {
        fputs(kPortfolioHelp, stdout);
        return 0;
    }
    const char *sub = argv[1];
    static const CliOpt opts[] = {{"json", false},   {"account", true},        {"criterion", true},
                                  {"score", true},   {"scorer", true},         {"note", true},
                                  {"weights", true}, {"attractiveness", true}, {"strength", true},
                                  {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_fail(cli);
    bool known = str_eq(sub, "list") || str_eq(sub, "show") || str_eq(sub, "whatif") ||
                 str_eq(sub, "thresholds") || str_eq(sub, "score");
    if (!known)
        return cli_usage(cli, "portfolio",
                         "unknown subcommand \"%s\" (score, list, show, whatif, thresholds)", sub);
    if (!str_eq(sub, "show") && a.npos)
        return cli_usage(cli, "portfolio", "unexpected argument \"%s\"", a.pos[0]);
    if (cli_open(cli)) return cli_fail(cli);
    if (str_eq(sub, "list")) return do_list(cli, &a);
    if (str_eq(sub, "show")) return do_show(cli, &a);
    if (str_eq(sub, "whatif")) return do_whatif(cli, &a);
    if (str_eq(sub, "thresholds")) return do_thresholds(cli, &a);
    return do_score(cli, &a);
}

/* ------------------------------------------------------------------ analyse */

static json_t *json_fraction(MlFraction f)
{
    double v;
    json_t *o = json_pack("{s:i,s:i}", "num", f.num, "den", f.den);
    json_object_set_new(o, "value", ml_fraction_value(f, &v) ? json_real(v) : json_null());
    return o;
}

static const char *fmt_fraction(Cli *cli, MlFraction f)
{
    double v;
    if (!ml_fraction_value(f, &v)) return "missing (nothing to count)";
    return arena_printf(&cli->arena, "%d of %d (%.0f%%)", f.num, f.den, v * 100.0);
}

int cmd_analyse(Cli *cli, int argc, char **argv)
{
    if (cli_sub_wants_help(argc, argv)) {
        fputs(kAnalyseHelp, stdout);
        return 0;
    }
    static const CliOpt opts[] = {{"json", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a)) return cli_fail(cli);
    if (a.npos != 1) return cli_usage(cli, "analyse", "give one ACCOUNT_ID");
    int64_t id;
    if (cli_parse_id(cli, "account", a.pos[0], &id)) return cli_fail(cli);
    if (cli_open(cli)) return cli_fail(cli);
    MlAnalysis m;
    if (ml_analyse(&cli->ctx, id, &m)) return cli_fail(cli);

    if (cli_flag(&a, "json")) {
        json_t *o = json_pack("{s:I,s:s}", "account_id", (json_int_t)m.account_id, "account",
                              m.account_name);
        json_object_set_new(o, "alignment",
                            json_pack("{s:o,s:o}", "objectives_linked",
                                      json_fraction(m.alignment.objectives_linked), "goals_served",
                                      json_fraction(m.alignment.goals_served)));
        json_t *roles = json_array();
        for (int r = 0; r < ML_NROLES; r++) {
            const MlRoleCover *rc = &m.roles[r];
            json_t *x =
                json_pack("{s:s,s:s}", "role", rc->role, "state", ml_cover_state_name(rc->state));
            json_object_set_new(x, "position_id",
                                rc->pos ? json_integer(rc->pos->id) : json_null());
            json_object_set_new(x, "position", rc->pos ? json_string(rc->pos->title) : json_null());
            json_object_set_new(x, "holder",
                                rc->pos && rc->pos->holder ? json_string(rc->pos->holder)
                                                           : json_null());
            json_object_set_new(x, "counterpart",
                                rc->pos && rc->pos->counterpart ? json_string(rc->pos->counterpart)
                                                                : json_null());
            json_array_append_new(roles, x);
        }
        json_object_set_new(
            o, "coverage",
            json_pack("{s:o,s:o}", "share", json_fraction(m.coverage), "roles", roles));
        json_t *gaps = json_array();
        for (int i = 0; i < m.ngaps; i++) {
            const MlGap *g = &m.gaps[i];
            json_t *x =
                json_pack("{s:s,s:s,s:i,s:b,s:i}", "competency", g->req->code, "name", g->req->name,
                          "required", g->req->required, "rated", g->rated, "gap", g->gap);
            json_object_set_new(x, "team_level",
                                g->rated ? json_integer(g->team_level) : json_null());
            json_object_set_new(x, "best", g->best ? json_string(g->best) : json_null());
            json_array_append_new(gaps, x);
        }
        json_object_set_new(o, "competency_gaps", gaps);
        cli_print_json(o);
        return 0;
    }
    printf("account %lld \xE2\x80\x9C%s\xE2\x80\x9D\n\nAlignment\n", (long long)m.account_id,
           m.account_name);
    printf("  objectives linked to a customer goal  %s\n",
           fmt_fraction(cli, m.alignment.objectives_linked));
    printf("  customer goals served                 %s\n",
           fmt_fraction(cli, m.alignment.goals_served));
    printf("\nRelationship coverage: %s roles\n", fmt_fraction(cli, m.coverage));
    CliTable t;
    cli_table_init(cli, &t, 5);
    cli_table_add(cli, &t,
                  (const char *[]){"  role", "state", "position", "holder", "counterpart"});
    for (int r = 0; r < ML_NROLES; r++) {
        const MlRoleCover *rc = &m.roles[r];
        cli_table_add(
            cli, &t,
            (const char *[]){arena_printf(&cli->arena, "  %s", rc->role),
                             ml_cover_state_name(rc->state),
                             rc->pos ? arena_printf(&cli->arena, "%s (%lld)", rc->pos->title,
                                                    (long long)rc->pos->id)
                                     : "-",
                             rc->pos && rc->pos->holder ? rc->pos->holder : "-",
                             rc->pos && rc->pos->counterpart ? rc->pos->counterpart : "-"});
    }
    cli_table_print(&t, stdout);
    printf("\nCompetency gaps\n");
    if (m.ngaps == 0) {
        printf("  the account has no required competencies (kam account_competency add ...)\n");
        return 0;
    }
    cli_table_init(cli, &t, 5);
    cli_table_add(cli, &t, (const char *[]){"  competency", "required", "team", "best", "gap"});
    for (int i = 0; i < m.ngaps; i++) {
        const MlGap *g = &m.gaps[i];
        cli_table_add(cli, &t,
                      (const char *[]){
                          arena_printf(&cli->arena, "  %s", g->req->code),
                          arena_printf(&cli->arena, "%d", g->req->required),
                          g->rated ? arena_printf(&cli->arena, "%d", g->team_level) : "not rated",
                          g->best ? g->best : "-",
                          g->gap > 0 ? arena_printf(&cli->arena, "%d", g->gap) : "none"});
    }
    cli_table_print(&t, stdout);
    return 0;
}
