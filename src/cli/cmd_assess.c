/* kam assess: the command-line face of the KAM performance assessment
 * (svc/assess.h): catalogues, rounds, invitations, answering (interactive,
 * keyboard only, resumable; reads stdin so answers can be piped), answer
 * files, results and trends. */
#include "commands.h"

#include "../core/text.h"
#include "../report/report_xlsx.h"
#include "../svc/acl.h"
#include "../svc/assess.h"
#include "../svc/user.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char kHelp[] =
    "usage: kam assess round create --name NAME --deadline YYYY-MM-DD [--opens YYYY-MM-DD]\n"
    "                               [--accounts ID,ID,...] [--catalogue VERSION]\n"
    "       kam assess round list [--json]\n"
    "       kam assess round show ROUND [--json]\n"
    "       kam assess round open ROUND | round close ROUND\n"
    "       kam assess invite ROUND --user LOGIN --role ROLE [--account ID]\n"
    "       kam assess invite ROUND --defaults\n"
    "       kam assess remind ROUND\n"
    "       kam assess answer ROUND [--as LOGIN] [--for LOGIN] [--account ID]\n"
    "       kam assess import ROUND FILE\n"
    "       kam assess results ROUND [--account ID] [--all] [--json]\n"
    "       kam assess trend [--account ID] [--json]\n"
    "       kam assess export ROUND [--account ID] [--lang it|en] -o FILE.xlsx\n"
    "       kam assess catalogue list | show [VERSION] [--json]\n"
    "       kam assess catalogue export FILE [--catalogue VERSION]\n"
    "       kam assess catalogue import FILE [--version NEW]\n"
    "\n"
    "The KAM performance assessment: each of the five dimensions (strategy, solutions,\n"
    "people, management, evaluation) is scored 1-5 at the corporate level (the\n"
    "programme) and the operational level (each account), and by the customer.\n"
    "\n"
    "Catalogue  the questionnaire. `kam init` loads the builtin one; export it, change\n"
    "           or add items, give it a new \"version\" and import it: it becomes a new\n"
    "           custom version (checked item by item), used by the rounds made after it.\n"
    "           A round always keeps the catalogue version it was made with.\n"
    "Rounds     draft -> open -> closed. Without --accounts a round covers the programme\n"
    "           and every key account; with --accounts, the programme and those accounts.\n"
    "Raters     by role: executive (the programme, or --account), kam (--account, or the\n"
    "           programme), team, sponsor (--account), customer (the customer guest of\n"
    "           --account: answers only that account's customer items). --defaults\n"
    "           invites every executive for the programme, and each account's KAM and\n"
    "           sponsor. remind marks everyone who has not finished as reminded today.\n"
    "answer     the questionnaire, one item at a time with its five described levels;\n"
    "           answers are saved as you go and the next run resumes at the first open\n"
    "           item. Type 1-5 for the level, optionally followed by the importance 1-5\n"
    "           and a comment after #  (e.g. \"4 5 # reviewed every quarter\"),\n"
    "           n  not applicable / don't know (\"n 3\" with an importance)\n"
    "           s  skip, Enter  keep the answer shown, b  back, q  save and quit.\n"
    "           --as LOGIN answers as that user, with their rights; --for LOGIN lets an\n"
    "           administrator enter answers on a rater's behalf; --account ID answers\n"
    "           only that account's questionnaire.\n"
    "import     answers from CSV (header: rater,account,item,score,importance,comment;\n"
    "           ',' or ';'; score 1-5 or n; account empty for the programme) or JSON (a\n"
    "           list of objects with those keys). A file with any wrong row is refused\n"
    "           whole, naming each row (the CSV header is row 1) and why; nothing is kept.\n"
    "results    index 0-100 = (score - 1) / 4 x 100 per level; dimension scores per\n"
    "           level (items weighted, N/A left out); the weakest dimension; coverage\n"
    "           (scored answers / expected answers); corporate vs operational gap per\n"
    "           dimension; rater vs rater gaps (same items, or mirror items for the\n"
    "           customer), flagged ! at 1.0 points or more; spread among raters (sd);\n"
    "           evidence from kam's data beside the ratings (disagreement at 1.0 points;\n"
    "           a 4-5 without supporting evidence); the importance-performance grid\n"
    "           (priority = importance x (5 - score), split at 3); recommendations ranked\n"
    "           by urgency = importance x points to close, each with where to work on it\n"
    "           (the first 15; --all for every one).\n"
    "           --account ID: the programme and that account only (what a KAM may see).\n"
    "trend      each open or closed round's scores per level and dimension, with the\n"
    "           direction from the round before (a change under 0.25 is flat).\n"
    "export     the round's scores and answers as an XLSX workbook, one sheet per view:\n"
    "           summary (index per level, weakest dimension, coverage), dimensions,\n"
    "           accounts (accounts x dimensions, coloured), gaps (corporate-operational and\n"
    "           rater vs rater, flagged at 1.0), importance-performance, evidence,\n"
    "           recommendations, trend, and the responses (one row per answer). Figures\n"
    "           are numbers; sheet names and headers in --lang. --account ID: the\n"
    "           programme and that account only, who may see it as for results (a KAM\n"
    "           their accounts; customer guests never). The file is written under a\n"
    "           temporary name beside FILE and renamed when complete: an error leaves\n"
    "           nothing half-written.\n"
    "\n"
    "Everywhere: --as LOGIN acts as that user with their rights (as the web application\n"
    "does for a signed-in user); without it the command line acts as the database's\n"
    "owner. --lang en|it chooses the language of texts (default: the user's, else the\n"
    "organisation's).\n";

static ErrCode parse_id(Cli *cli, const char *what, const char *s, int64_t *id)
{
    if (!s) return err_set(&cli->err, KAM_EUSAGE, "%s: give the id", what);
    if (!parse_int64(s, id) || *id <= 0)
        return err_set(&cli->err, KAM_EINPUT, "%s: \"%s\" is not an id (a positive whole number)",
                       what, s);
    return KAM_OK;
}

static ErrCode opt_account(Cli *cli, const CliArgs *a, int64_t *acct)
{
    *acct = 0;
    const char *v = cli_opt(a, "account");
    return v ? parse_id(cli, "account", v, acct) : KAM_OK;
}

static const char *fmt2(Cli *cli, AsValue v)
{
    return v.has ? arena_printf(&cli->arena, "%.2f", v.v) : "-";
}

static const char *pct(Cli *cli, double share)
{
    return arena_printf(&cli->arena, "%.0f%%", share * 100.0);
}

/* ------------------------------------------------------------------ catalogue */

static int catalogue_cmd(Cli *cli, const CliArgs *a)
{
    Ctx *c = &cli->ctx;
    const char *sub = a->npos > 0 ? a->pos[0] : NULL;
    if (str_eq(sub, "list")) {
        AsCatalogue *k;
        int n;
        if (as_catalogue_list(c, &k, &n)) return cli_fail(cli);
        if (cli_flag(a, "json")) {
            json_t *arr = json_array();
            for (int i = 0; i < n; i++)
                json_array_append_new(
                    arr, json_pack("{s:I,s:s,s:s,s:o,s:i}", "id", (json_int_t)k[i].id, "version",
                                   k[i].version, "source", k[i].source, "based_on",
                                   k[i].based_on ? json_string(k[i].based_on) : json_null(),
                                   "rounds", k[i].nrounds));
            cli_print_json(arr);
            return 0;
        }
        CliTable t;
        cli_table_init(cli, &t, 5);
        cli_table_add(cli, &t, (const char *[]){"id", "version", "source", "based on", "rounds"});
        for (int i = 0; i < n; i++)
            cli_table_add(cli, &t,
                          (const char *[]){arena_printf(&cli->arena, "%lld", (long long)k[i].id),
                                           k[i].version, k[i].source,
                                           k[i].based_on ? k[i].based_on : "-",
                                           arena_printf(&cli->arena, "%d", k[i].nrounds)});
        cli_table_print(&t, stdout);
        return 0;
    }
    if (str_eq(sub, "show")) {
        AsCatalogue k;
        if (a->npos > 2) return cli_usage(cli, "assess", "catalogue show takes one VERSION");
        if (as_catalogue_get(c, a->npos > 1 ? a->pos[1] : cli_opt(a, "catalogue"), &k))
            return cli_fail(cli);
        if (cli_flag(a, "json")) {
            cli_print_json(as_catalogue_json(&k));
            return 0;
        }
        printf("catalogue %s (%s%s%s), %d items\n", k.version, k.source,
               k.based_on ? ", based on " : "", k.based_on ? k.based_on : "", k.nitems);
        CliTable t;
        cli_table_init(cli, &t, 6);
        cli_table_add(cli, &t,
                      (const char *[]){"code", "level", "weight", "mirror", "evidence", "text"});
        for (int i = 0; i < k.nitems; i++) {
            const AsCatItem *x = &k.items[i];
            cli_table_add(cli, &t,
                          (const char *[]){x->code, as_level_name(x->level),
                                           arena_printf(&cli->arena, "%g", x->weight),
                                           *x->mirror ? x->mirror : "-",
                                           *x->evidence ? x->evidence : "-",
                                           str_eq(c->lang, "it") ? x->text_it : x->text_en});
        }
        cli_table_print(&t, stdout);
        return 0;
    }
    if (str_eq(sub, "export")) {
        if (a->npos != 2)
            return cli_usage(cli, "assess",
                             "catalogue export needs the FILE to write (- for stdout)");
        AsCatalogue k;
        if (as_catalogue_get(c, cli_opt(a, "catalogue"), &k)) return cli_fail(cli);
        json_t *j = as_catalogue_json(&k);
        const char *path = a->pos[1];
        int rc = 0;
        if (str_eq(path, "-")) {
            cli_print_json(j);
            return 0;
        }
        if (json_dump_file(j, path,
                           JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) != 0) {
            err_set(&cli->err, KAM_EINPUT, "cannot write %s", path);
            rc = cli_fail(cli);
        } else {
            printf("catalogue %s (%d items) written to %s\n", k.version, k.nitems, path);
        }
        json_decref(j);
        return rc;
    }
    if (str_eq(sub, "import")) {
        if (a->npos != 2)
            return cli_usage(cli, "assess", "catalogue import needs the FILE to read");
        char *data;
        size_t len;
        int64_t id;
        if (cli_read_file(cli, a->pos[1], 16u << 20, &data, &len) ||
            as_catalogue_import(c, data, len, a->pos[1], cli_opt(a, "version"), &id))
            return cli_fail(cli);
        AsCatalogue k;
        if (as_catalogue_load(c, id, &k)) return cli_fail(cli);
        printf("catalogue %s imported (%d items%s%s); new rounds use it\n", k.version, k.nitems,
               k.based_on ? ", based on " : "", k.based_on ? k.based_on : "");
        return 0;
    }
    return cli_usage(cli, "assess", "catalogue: list, show, export or import");
}

/* ------------------------------------------------------------------ rounds */

static ErrCode parse_accounts(Cli *cli, const char *spec, int64_t **ids, int *n)
{
    *n = 0;
    *ids = NULL;
    if (!spec) return KAM_OK;
    char *s = arena_strdup(&cli->arena, spec);
    int cap = 1;
    for (const char *p = s; *p; p++) cap += *p == ',';
    *ids = ARENA_ARRAY(&cli->arena, int64_t, cap);
    for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) {
        str_trim(tok);
        if (parse_id(cli, "accounts", tok, &(*ids)[*n])) return cli->err.code;
        (*n)++;
    }
    if (*n == 0)
        return err_set(&cli->err, KAM_EINPUT, "accounts: give account ids separated by commas");
    return KAM_OK;
}

static json_t *round_json(const AsRound *r)
{
    json_t *acc = json_array();
    for (int i = 0; i < r->naccounts; i++) json_array_append_new(acc, json_integer(r->accounts[i]));
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:i,s:i,s:i,s:i}", "id", (json_int_t)r->id,
                     "name", r->name, "status", r->status, "scope", r->scope, "catalogue",
                     r->catalogue_version, "opens_on", r->opens_on, "deadline", r->deadline,
                     "accounts", acc, "raters", r->nraters, "complete", r->ncomplete,
                     "expected_answers", r->expected, "answers", r->answered);
}

static const char *progress_of(Cli *cli, int done, int of)
{
    return of ? arena_printf(&cli->arena, "%d/%d (%.0f%%)", done, of, 100.0 * done / of) : "-";
}

static int round_show(Cli *cli, const CliArgs *a, int64_t id)
{
    Ctx *c = &cli->ctx;
    AsRound r;
    AsRaterRow *rows;
    int n;
    if (as_round_get(c, id, &r) || as_raters(c, id, 0, &rows, &n)) return cli_fail(cli);
    if (cli_flag(a, "json")) {
        json_t *o = round_json(&r), *arr = json_array();
        for (int i = 0; i < n; i++) {
            json_t *x =
                json_pack("{s:I,s:s,s:s,s:s,s:i,s:i,s:i,s:b,s:s}", "id", (json_int_t)rows[i].id,
                          "login", rows[i].login, "role", rows[i].role, "level",
                          as_level_name(rows[i].level), "expected", rows[i].expected, "answered",
                          rows[i].answered, "not_applicable", rows[i].na, "complete",
                          rows[i].completed_at != 0, "invited_on", rows[i].invited_on);
            json_object_set_new(
                x, "account", rows[i].account_id ? json_integer(rows[i].account_id) : json_null());
            json_object_set_new(x, "reminded_on",
                                rows[i].reminded_on ? json_string(rows[i].reminded_on)
                                                    : json_null());
            json_array_append_new(arr, x);
        }
        json_object_set_new(o, "rater_list", arr);
        cli_print_json(o);
        return 0;
    }
    int64_t left = date_days(r.deadline) - date_days(c->today);
    printf("round %lld \xE2\x80\x9C%s\xE2\x80\x9D: %s, catalogue %s\n", (long long)r.id, r.name,
           r.status, r.catalogue_version);
    printf("opens %s, deadline %s (%s)\n", r.opens_on, r.deadline,
           str_eq(r.status, "closed") ? "closed"
           : left < 0 ? arena_printf(&cli->arena, "overdue by %lld days", (long long)-left)
                      : arena_printf(&cli->arena, "%lld days left", (long long)left));
    printf("scope: the programme and %d account%s (%s)\n", r.naccounts, r.naccounts == 1 ? "" : "s",
           str_eq(r.scope, "programme") ? "every key account" : "chosen accounts");
    printf("progress: %s answers; %d of %d raters complete\n",
           progress_of(cli, r.answered, r.expected), r.ncomplete, r.nraters);
    if (!n) {
        printf("\nno raters yet (kam assess invite %lld --user LOGIN --role ROLE [--account ID])\n",
               (long long)id);
        return 0;
    }
    printf("\n");
    CliTable t;
    cli_table_init(cli, &t, 7);
    cli_table_add(
        cli, &t,
        (const char *[]){"rater", "role", "rates", "answered", "complete", "invited", "reminded"});
    for (int i = 0; i < n; i++) {
        const AsRaterRow *x = &rows[i];
        cli_table_add(
            cli, &t,
            (const char *[]){
                x->login, x->role,
                x->account_id ? arena_printf(&cli->arena, "%lld %s", (long long)x->account_id,
                                             x->account_name ? x->account_name : "")
                              : "programme",
                progress_of(cli, x->answered, x->expected), x->completed_at ? "yes" : "no",
                x->invited_on, x->reminded_on ? x->reminded_on : "-"});
    }
    cli_table_print(&t, stdout);
    return 0;
}

static int round_cmd(Cli *cli, const CliArgs *a)
{
    Ctx *c = &cli->ctx;
    const char *sub = a->npos > 0 ? a->pos[0] : NULL;
    if (str_eq(sub, "create")) {
        AsRoundNew n = {.name = cli_opt(a, "name"),
                        .opens_on = cli_opt(a, "opens"),
                        .deadline = cli_opt(a, "deadline"),
                        .catalogue = cli_opt(a, "catalogue")};
        if (!n.name || !n.deadline)
            return cli_usage(cli, "assess", "round create needs --name and --deadline YYYY-MM-DD");
        int64_t *ids;
        int64_t id;
        if (parse_accounts(cli, cli_opt(a, "accounts"), &ids, &n.naccounts)) return cli_fail(cli);
        n.accounts = ids;
        AsRound r;
        if (as_round_create(c, &n, &id) || as_round_get(c, id, &r)) return cli_fail(cli);
        printf("created round %lld \xE2\x80\x9C%s\xE2\x80\x9D (draft, catalogue %s, the programme "
               "and %d account%s)\n",
               (long long)id, r.name, r.catalogue_version, r.naccounts,
               r.naccounts == 1 ? "" : "s");
        printf("next: kam assess invite %lld --defaults, then kam assess round open %lld\n",
               (long long)id, (long long)id);
        return 0;
    }
    if (str_eq(sub, "list")) {
        AsRound *r;
        int n;
        if (as_round_list(c, &r, &n)) return cli_fail(cli);
        if (cli_flag(a, "json")) {
            json_t *arr = json_array();
            for (int i = 0; i < n; i++) json_array_append_new(arr, round_json(&r[i]));
            cli_print_json(arr);
            return 0;
        }
        if (!n) {
            printf("no assessment rounds yet (kam assess round create --name NAME --deadline "
                   "YYYY-MM-DD)\n");
            return 0;
        }
        CliTable t;
        cli_table_init(cli, &t, 8);
        cli_table_add(cli, &t,
                      (const char *[]){"id", "name", "status", "catalogue", "opens", "deadline",
                                       "raters done", "answers"});
        for (int i = 0; i < n; i++)
            cli_table_add(
                cli, &t,
                (const char *[]){arena_printf(&cli->arena, "%lld", (long long)r[i].id), r[i].name,
                                 r[i].status, r[i].catalogue_version, r[i].opens_on, r[i].deadline,
                                 arena_printf(&cli->arena, "%d/%d", r[i].ncomplete, r[i].nraters),
                                 progress_of(cli, r[i].answered, r[i].expected)});
        cli_table_print(&t, stdout);
        return 0;
    }
    if (str_eq(sub, "show") || str_eq(sub, "open") || str_eq(sub, "close")) {
        int64_t id;
        if (a->npos != 2) return cli_usage(cli, "assess", "round %s needs the ROUND id", sub);
        if (parse_id(cli, "round", a->pos[1], &id)) return cli_fail(cli);
        if (str_eq(sub, "show")) return round_show(cli, a, id);
        if (as_round_set_status(c, id, str_eq(sub, "open") ? "open" : "closed"))
            return cli_fail(cli);
        printf("round %lld is %s\n", (long long)id,
               str_eq(sub, "open") ? "open: raters can answer" : "closed");
        return 0;
    }
    return cli_usage(cli, "assess", "round: create, list, show, open or close");
}

static int invite_cmd(Cli *cli, const CliArgs *a)
{
    int64_t round, acct, id;
    if (a->npos != 1) return cli_usage(cli, "assess", "invite needs the ROUND id");
    if (parse_id(cli, "round", a->pos[0], &round) || opt_account(cli, a, &acct))
        return cli_fail(cli);
    if (cli_flag(a, "defaults")) {
        int added;
        if (as_invite_defaults(&cli->ctx, round, &added)) return cli_fail(cli);
        printf("invited %d rater%s to round %lld\n", added, added == 1 ? "" : "s",
               (long long)round);
        return 0;
    }
    const char *login = cli_opt(a, "user"), *role = cli_opt(a, "role");
    if (!login || !role)
        return cli_usage(cli, "assess",
                         "invite needs --user LOGIN and --role ROLE (or --defaults)");
    if (as_invite(&cli->ctx, round, login, role, acct, &id)) return cli_fail(cli);
    printf("invited %s as %s for %s (rater %lld)\n", login, role,
           acct ? arena_printf(&cli->arena, "account %lld", (long long)acct) : "the programme",
           (long long)id);
    return 0;
}

/* ------------------------------------------------------------------ answering */

/* One line from stdin without its end of line; NULL at end of input. */
static char *read_line(Cli *cli)
{
    char buf[4096];
    if (!fgets(buf, sizeof buf, stdin)) return NULL;
    buf[strcspn(buf, "\r\n")] = 0;
    return arena_strdup(&cli->arena, buf);
}

typedef enum Step { ST_ANSWER, ST_SKIP, ST_KEEP, ST_BACK, ST_QUIT, ST_BAD } Step;

/* Read "4", "4 5", "n", "n 3", "4 5 # comment", "s", "b", "q" or Enter. */
static Step parse_input(Cli *cli, char *line, const char **score, const char **imp,
                        const char **comment, const char **why)
{
    char *hash = strchr(line, '#');
    *comment = NULL;
    if (hash) {
        *hash = 0;
        *comment = str_trim(hash + 1);
    }
    str_trim(line);
    if (!*line) return hash ? (*why = "give a level before the comment", ST_BAD) : ST_KEEP;
    if (str_ieq(line, "s")) return ST_SKIP;
    if (str_ieq(line, "b")) return ST_BACK;
    if (str_ieq(line, "q")) return ST_QUIT;
    char *sp = strpbrk(line, " \t");
    *imp = NULL;
    if (sp) {
        *sp = 0;
        *imp = str_trim(sp + 1);
    }
    *score = line;
    int64_t v;
    bool ok_score = str_ieq(line, "n") || (parse_int64(line, &v) && v >= 1 && v <= 5);
    bool ok_imp = !*imp || (parse_int64(*imp, &v) && v >= 1 && v <= 5);
    if (!ok_score)
        *why = arena_printf(&cli->arena, "\"%s\" is not 1-5, n, s, b or q", line);
    else if (!ok_imp)
        *why = arena_printf(&cli->arena, "importance \"%s\" is not 1-5", *imp);
    return ok_score && ok_imp ? ST_ANSWER : ST_BAD;
}

static void show_question(Cli *cli, const AsQuestion *q, int i, int n)
{
    bool it = str_eq(cli->ctx.lang, "it");
    const AsCatItem *x = q->item;
    printf("\n[%d/%d] %s \xC2\xB7 %s \xC2\xB7 %s\n", i + 1, n, as_dim_name(x->dim),
           as_level_name(x->level), x->code);
    printf("%s\n", it ? x->text_it : x->text_en);
    for (int k = 0; k < 5; k++)
        printf("  %d  %s\n", k + 1, it ? x->anchors_it[k] : x->anchors_en[k]);
    if (q->answered) {
        printf("  now: %s",
               q->na ? "n (not applicable)" : arena_printf(&cli->arena, "%d", q->score));
        if (q->importance) printf(", importance %d", q->importance);
        if (q->comment && *q->comment) printf(", # %s", q->comment);
        printf("\n");
    }
    printf(
        "1-5 [importance 1-5] [# comment], n not applicable, s skip, b back, q save and quit%s\n> ",
        q->answered ? ", Enter keeps it" : "");
    fflush(stdout);
}

/* Go through one rater's questionnaire. *quit: the user asked to stop. */
static int answer_one(Cli *cli, int64_t rater_id, bool *quit)
{
    Ctx *c = &cli->ctx;
    AsRaterRow r;
    AsCatalogue cat;
    AsQuestion *q;
    int n;
    if (as_questionnaire(c, rater_id, &r, &cat, &q, &n)) return cli_fail(cli);
    int answered = 0, start = -1;
    for (int i = 0; i < n; i++) {
        if (q[i].answered)
            answered++;
        else if (start < 0)
            start = i;
    }
    printf("%s as %s for %s: %d %s item%s, %d answered\n", r.login, r.role,
           r.account_id ? arena_printf(&cli->arena, "account %lld %s", (long long)r.account_id,
                                       r.account_name ? r.account_name : "")
                        : "the programme",
           n, as_level_name(r.level), n == 1 ? "" : "s", answered);
    if (start < 0) {
        printf("every item is answered; going through them again (q to stop)\n");
        start = 0;
    } else if (answered) {
        printf("resuming at item %d\n", start + 1);
    }
    /* forward goes to the next open item (every item when reviewing); b
     * goes back one item, answered or not */
    bool review = answered == n;
    int i = start;
    while (i < n) {
        show_question(cli, &q[i], i, n);
        char *line = read_line(cli);
        if (line && !isatty(STDIN_FILENO)) printf("%s\n", line); /* piped answers show in the log */
        if (!line) {
            printf("\n");
            *quit = true;
            break;
        }
        const char *score = NULL, *imp = NULL, *comment = NULL, *why = NULL;
        Step s = parse_input(cli, line, &score, &imp, &comment, &why);
        if (s == ST_BAD) {
            printf("  %s\n", why);
            continue;
        }
        if (s == ST_QUIT) {
            *quit = true;
            break;
        }
        if (s == ST_BACK) {
            if (i > 0)
                i--;
            else
                printf("  this is the first item\n");
            continue;
        }
        if (s == ST_KEEP && !q[i].answered) s = ST_SKIP;
        if (s == ST_ANSWER) {
            if (as_answer_save(c, rater_id, q[i].item->code, score, imp, comment))
                return cli_fail(cli);
            if (!q[i].answered) answered++;
            q[i].answered = true;
            q[i].na = str_ieq(score, "n");
            q[i].score = q[i].na ? 0 : atoi(score);
            q[i].importance = imp && *imp ? atoi(imp) : 0;
            q[i].comment = comment ? comment : "";
        }
        i++;
        while (!review && i < n && q[i].answered) i++;
    }
    bool complete;
    if (as_rater_finish(c, rater_id, &complete)) return cli_fail(cli);
    if (complete)
        printf("saved: all %d items answered, thank you\n", n);
    else
        printf("saved: %d of %d items answered; run `kam assess answer %lld --as %s` again to "
               "finish\n",
               answered, n, (long long)r.round_id, r.login);
    return 0;
}

static int answer_cmd(Cli *cli, const CliArgs *a)
{
    Ctx *c = &cli->ctx;
    int64_t round, acct;
    if (a->npos != 1) return cli_usage(cli, "assess", "answer needs the ROUND id");
    if (parse_id(cli, "round", a->pos[0], &round) || opt_account(cli, a, &acct))
        return cli_fail(cli);
    const char *who = cli_opt(a, "for") ? cli_opt(a, "for") : cli_opt(a, "as");
    if (!who) return cli_usage(cli, "assess", "answer needs --as LOGIN (whose questionnaire)");
    /* the user and their invitations are looked up as the database owner;
     * whether the actor may answer them is decided by the service for each */
    Ctx sys = *c;
    sys.actor = actor_system();
    Record *u;
    if (user_find(&sys, who, &u)) return cli_fail(cli);
    AsRound round_row;
    AsRaterRow *rows;
    int n;
    if (as_round_get(c, round, &round_row) || as_raters(&sys, round, u->id, &rows, &n))
        return cli_fail(cli);
    if (!str_eq(round_row.status, "open")) {
        err_set(&cli->err, KAM_ECONFLICT, "round %lld is %s: answers are taken while it is open",
                (long long)round, str_eq(round_row.status, "draft") ? "a draft" : "closed");
        return cli_fail(cli);
    }
    printf("round %lld \xE2\x80\x9C%s\xE2\x80\x9D, catalogue %s, deadline %s\n", (long long)round,
           round_row.name, round_row.catalogue_version, round_row.deadline);
    int done = 0;
    bool quit = false;
    for (int i = 0; i < n && !quit; i++) {
        if (cli_opt(a, "account") && rows[i].account_id != acct) continue;
        int rc = answer_one(cli, rows[i].id, &quit);
        if (rc) return rc;
        done++;
    }
    if (!done) {
        err_set(
            &cli->err, KAM_ENOTFOUND, "%s is not invited to round %lld%s", who, (long long)round,
            cli_opt(a, "account") ? arena_printf(&cli->arena, " for account %lld", (long long)acct)
                                  : "");
        return cli_fail(cli);
    }
    return 0;
}

static int import_cmd(Cli *cli, const CliArgs *a)
{
    int64_t round;
    if (a->npos != 2) return cli_usage(cli, "assess", "import needs the ROUND id and the FILE");
    if (parse_id(cli, "round", a->pos[0], &round)) return cli_fail(cli);
    char *data;
    size_t len;
    int na, nr;
    if (cli_read_file(cli, a->pos[1], 64u << 20, &data, &len) ||
        as_import(&cli->ctx, round, data, len, a->pos[1], &na, &nr))
        return cli_fail(cli);
    printf("imported %d answer%s of %d rater%s into round %lld\n", na, na == 1 ? "" : "s", nr,
           nr == 1 ? "" : "s", (long long)round);
    return 0;
}

/* ------------------------------------------------------------------ results */

static const char *flag(bool f)
{
    return f ? " !" : "";
}

static void print_results(Cli *cli, const CliArgs *a, const AsReport *r)
{
    Ctx *c = &cli->ctx;
    const AsResult *s = &r->res;
    int complete = 0;
    for (int i = 0; i < r->nraters; i++) complete += r->raters[i].completed_at != 0;
    printf(
        "round %lld \xE2\x80\x9C%s\xE2\x80\x9D (%s, catalogue %s)%s; raters: %d of %d complete\n",
        (long long)r->round.id, r->round.name, r->round.status, r->round.catalogue_version,
        r->account
            ? arena_printf(&cli->arena, " - the programme and account %lld", (long long)r->account)
            : "",
        complete, r->nraters);

    printf("\nLevels (index = (score - 1) / 4 x 100; coverage = scored of expected answers)\n");
    CliTable t;
    cli_table_init(cli, &t, 6);
    cli_table_add(
        cli, &t,
        (const char *[]){"level", "score", "index", "coverage", "n/a", "weakest dimension"});
    for (int l = 0; l < AS_NLEVEL; l++) {
        const AsLevelScore *L = &s->level[l];
        const char *weak = "-";
        if (L->weakest >= 0)
            weak = arena_printf(
                &cli->arena, "%s %.2f%s", as_dim_name(L->weakest), L->dim[L->weakest].v,
                L->nweakest > 1 ? arena_printf(&cli->arena, " (tied with %d more)", L->nweakest - 1)
                                : "");
        cli_table_add(
            cli, &t,
            (const char *[]){as_level_name(l), fmt2(cli, L->mean),
                             L->mean.has ? arena_printf(&cli->arena, "%.0f", L->index) : "-",
                             arena_printf(&cli->arena, "%s (%d/%d)", pct(cli, L->coverage),
                                          L->scored, L->expected),
                             arena_printf(&cli->arena, "%d", L->na), weak});
    }
    cli_table_print(&t, stdout);

    printf("\nDimensions (gap = corporate - operational, ! from 1.0; sd = spread among raters)\n");
    cli_table_init(cli, &t, 8);
    cli_table_add(cli, &t,
                  (const char *[]){"dimension", "corporate", "operational", "customer", "gap",
                                   "sd corp", "sd oper", "sd cust"});
    for (int d = 0; d < AS_NDIM; d++) {
        const AsCorpOpGap *g = &s->corp_op[d];
        cli_table_add(
            cli, &t,
            (const char *[]){
                as_dim_name(d), fmt2(cli, s->level[0].dim[d]), fmt2(cli, s->level[1].dim[d]),
                fmt2(cli, s->level[2].dim[d]),
                g->has ? arena_printf(&cli->arena, "%+.2f%s", g->delta, flag(g->flagged)) : "-",
                fmt2(cli, s->dim_spread[0][d]), fmt2(cli, s->dim_spread[1][d]),
                fmt2(cli, s->dim_spread[2][d])});
    }
    cli_table_print(&t, stdout);

    if (s->nsubjects > 1) {
        printf("\nAccounts\n");
        cli_table_init(cli, &t, 6);
        cli_table_add(
            cli, &t,
            (const char *[]){"id", "account", "operational", "index", "weakest", "customer"});
        for (int k = 1; k < s->nsubjects; k++) {
            const AsLevelScore *o = &s->subject[k].level[AS_OPERATIONAL],
                               *u = &s->subject[k].level[AS_CUSTOMER];
            cli_table_add(
                cli, &t,
                (const char *[]){
                    arena_printf(&cli->arena, "%lld", (long long)s->subject[k].account_id),
                    r->subject_name[k], fmt2(cli, o->mean),
                    o->mean.has ? arena_printf(&cli->arena, "%.0f", o->index) : "-",
                    o->weakest >= 0 ? as_dim_name(o->weakest) : "-", fmt2(cli, u->mean)});
        }
        cli_table_print(&t, stdout);
    }

    printf("\nRater gaps (a - b over the subjects both rated; ! from 1.0; aspects shown when "
           "flagged)\n");
    int shown = 0;
    cli_table_init(cli, &t, 6);
    cli_table_add(cli, &t,
                  (const char *[]){"a - b", "on", "dimension", "aspect", "delta", "largest at"});
    for (int k = 0; k < s->ngaps; k++) {
        const AsRoleGap *g = &s->gaps[k];
        if (g->item >= 0 && !g->flagged) continue;
        shown++;
        cli_table_add(
            cli, &t,
            (const char *[]){
                arena_printf(&cli->arena, "%s - %s", as_role_name(g->a), as_role_name(g->b)),
                g->scope == AS_CORPORATE ? "programme" : "accounts", as_dim_name(g->dim),
                g->item >= 0 ? r->cat.items[g->item].code : "(dimension)",
                arena_printf(&cli->arena, "%+.2f%s", g->delta, flag(g->flagged)),
                g->worst_account ? arena_printf(&cli->arena, "account %lld (%+.2f)",
                                                (long long)g->worst_account, g->worst_delta)
                                 : "-"});
    }
    if (shown)
        cli_table_print(&t, stdout);
    else
        printf("  none: no two kinds of rater rated the same subject\n");

    int flagged = 0;
    for (int k = 0; k < s->nev; k++) flagged += s->ev[k].disagree || s->ev[k].unsupported;
    printf("\nEvidence beside the ratings (%d checks, %d flagged%s)\n", s->nev, flagged,
           flagged ? "; all in --json" : "");
    for (int k = 0; k < s->nev; k++) {
        const AsEvCheck *e = &s->ev[k];
        if (!e->disagree && !e->unsupported) continue;
        printf("  %s at %s: rated %s, evidence %s - %s%s%s\n", r->cat.items[e->item].code,
               e->account_id ? arena_printf(&cli->arena, "account %lld", (long long)e->account_id)
                             : "the programme",
               fmt2(cli, e->rating),
               e->has_evidence ? arena_printf(&cli->arena, "%.2f", e->score) : "none",
               r->ev[k].text, e->disagree ? " [disagrees]" : "",
               e->unsupported ? " [4-5 without evidence]" : "");
    }

    printf("\nImportance-performance (priority = importance x (5 - score); high from 3)\n");
    int nq[5] = {0};
    for (int i = 0; i < r->cat.nitems; i++) nq[s->ip[i].quadrant]++;
    printf("  important: %d concentrate here (weak), %d keep up (strong)\n", nq[AS_Q_CONCENTRATE],
           nq[AS_Q_KEEP_UP]);
    printf("  less important: %d low priority (weak), %d possible overkill (strong)\n",
           nq[AS_Q_LOW_PRIORITY], nq[AS_Q_OVERKILL]);
    printf("  not placed (no importance or no score): %d\n", nq[AS_Q_NONE]);
    for (int i = 0; i < r->cat.nitems; i++)
        if (s->ip[i].quadrant == AS_Q_CONCENTRATE)
            printf("  concentrate here: %s score %.2f importance %.2f priority %.2f\n",
                   r->cat.items[i].code, s->ip[i].performance.v, s->ip[i].importance.v,
                   s->ip[i].priority);

    printf("\nRecommendations (most urgent first)\n");
    if (!s->nrec) printf("  none: no weak dimension, flagged gap or unsupported rating\n");
    int top = cli_flag(a, "all") ? s->nrec : 15;
    for (int k = 0; k < s->nrec && k < top; k++) {
        const AsRec *x = &s->rec[k];
        char link[64];
        as_link(x->account_id, x->dim, link, sizeof link);
        printf("%2d. %s\n    %s\n    work on it at %s\n", x->rank, as_rec_text(c, r, x),
               as_rec_why(c, r, x), link);
    }
    if (s->nrec > top) printf("(%d more: --all shows every one, --json too)\n", s->nrec - top);
}

static int results_cmd(Cli *cli, const CliArgs *a)
{
    int64_t round, acct;
    if (a->npos != 1) return cli_usage(cli, "assess", "results needs the ROUND id");
    if (parse_id(cli, "round", a->pos[0], &round) || opt_account(cli, a, &acct))
        return cli_fail(cli);
    AsReport r;
    if (as_results(&cli->ctx, round, acct, &r)) return cli_fail(cli);
    if (cli_flag(a, "json"))
        cli_print_json(as_report_json(&cli->ctx, &r));
    else
        print_results(cli, a, &r);
    return 0;
}

/* kam assess export ROUND -o FILE.xlsx: the workbook of report_xlsx.h. */
static int export_cmd(Cli *cli, const CliArgs *a)
{
    int64_t round, acct;
    if (a->npos != 1) return cli_usage(cli, "assess", "export needs the ROUND id and -o FILE.xlsx");
    const char *out = cli_opt(a, "o");
    if (!out || !*out || str_eq(out, "-"))
        return cli_usage(cli, "assess", "export needs -o FILE.xlsx (a workbook is a binary file)");
    if (parse_id(cli, "round", a->pos[0], &round) || opt_account(cli, a, &acct))
        return cli_fail(cli);
    XlsxOpts o = {
        .lang = lang_parse(cli->ctx.lang, LANG_EN), .round_id = round, .account_id = acct};
    if (report_xlsx_file(&cli->ctx, &o, out)) return cli_fail(cli);
    printf("round %lld%s written to %s\n", (long long)round,
           acct ? arena_printf(&cli->arena, " (the programme and account %lld)", (long long)acct)
                : "",
           out);
    return 0;
}

static int trend_cmd(Cli *cli, const CliArgs *a)
{
    int64_t acct;
    if (a->npos)
        return cli_usage(cli, "assess", "trend takes no arguments (--account ID for one account)");
    if (opt_account(cli, a, &acct)) return cli_fail(cli);
    AsTrendRow *rows;
    int n;
    if (as_trend_load(&cli->ctx, acct, &rows, &n)) return cli_fail(cli);
    if (cli_flag(a, "json")) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) {
            json_t *o =
                json_pack("{s:I,s:s,s:s,s:s}", "round", (json_int_t)rows[i].round_id, "name",
                          rows[i].name, "opens_on", rows[i].opens_on, "status", rows[i].status);
            for (int l = 0; l < AS_NLEVEL; l++) {
                json_t *lv = json_object(), *dims = json_object();
                const AsLevelScore *L = &rows[i].level[l];
                json_object_set_new(lv, "score", L->mean.has ? json_real(L->mean.v) : json_null());
                json_object_set_new(
                    lv, "trend",
                    json_string(as_trend_name(i ? as_trend(rows[i - 1].level[l].mean, L->mean)
                                                : AS_TREND_NONE)));
                for (int d = 0; d < AS_NDIM; d++) {
                    json_t *dv = json_object();
                    json_object_set_new(dv, "score",
                                        L->dim[d].has ? json_real(L->dim[d].v) : json_null());
                    json_object_set_new(
                        dv, "trend",
                        json_string(as_trend_name(
                            i ? as_trend(rows[i - 1].level[l].dim[d], L->dim[d]) : AS_TREND_NONE)));
                    json_object_set_new(dims, as_dim_name(d), dv);
                }
                json_object_set_new(lv, "dimensions", dims);
                json_object_set_new(o, as_level_name(l), lv);
            }
            json_array_append_new(arr, o);
        }
        cli_print_json(arr);
        return 0;
    }
    if (!n) {
        printf("no open or closed rounds yet%s\n",
               acct ? arena_printf(&cli->arena, " for account %lld", (long long)acct) : "");
        return 0;
    }
    if (acct)
        printf("account %lld (operational and customer) and the programme (corporate)\n",
               (long long)acct);
    for (int l = 0; l < AS_NLEVEL; l++) {
        printf("%s%s level (up / down from the round before; a change under %.2f is flat)\n",
               l ? "\n" : "", as_level_name(l), AS_TREND_STEP);
        CliTable t;
        cli_table_init(cli, &t, 3 + AS_NDIM);
        const char *head[3 + AS_NDIM] = {"round", "opens", "score"};
        for (int d = 0; d < AS_NDIM; d++) head[3 + d] = as_dim_name(d);
        cli_table_add(cli, &t, head);
        for (int i = 0; i < n; i++) {
            const char *cells[3 + AS_NDIM];
            const AsLevelScore *L = &rows[i].level[l], *P = i ? &rows[i - 1].level[l] : NULL;
            cells[0] =
                arena_printf(&cli->arena, "%lld %s", (long long)rows[i].round_id, rows[i].name);
            cells[1] = rows[i].opens_on;
            for (int d = -1; d < AS_NDIM; d++) {
                AsValue v = d < 0 ? L->mean : L->dim[d];
                AsTrend tr = P ? as_trend(d < 0 ? P->mean : P->dim[d], v) : AS_TREND_NONE;
                cells[3 + d] = !v.has ? "-"
                               : tr == AS_TREND_NONE
                                   ? arena_printf(&cli->arena, "%.2f", v.v)
                                   : arena_printf(&cli->arena, "%.2f %s", v.v, as_trend_name(tr));
            }
            cli_table_add(cli, &t, cells);
        }
        cli_table_print(&t, stdout);
    }
    return 0;
}

/* ------------------------------------------------------------------ dispatch */

int cmd_assess(Cli *cli, int argc, char **argv)
{
    if (cli_sub_wants_help(argc, argv)) {
        fputs(kHelp, stdout);
        return 0;
    }
    static const CliOpt opts[] = {{"json", false},    {"as", true},       {"lang", true},
                                  {"account", true},  {"accounts", true}, {"name", true},
                                  {"deadline", true}, {"opens", true},    {"catalogue", true},
                                  {"user", true},     {"role", true},     {"defaults", false},
                                  {"all", false},     {"for", true},      {"version", true},
                                  {"o", true},        {NULL, false}};
    const char *sub = argv[1];
    static const char *const subs[] = {"round",   "invite", "remind",    "answer", "import",
                                       "results", "trend",  "catalogue", "export", NULL};
    bool known = false;
    for (int i = 0; subs[i]; i++) known |= str_eq(subs[i], sub);
    if (!known)
        return cli_usage(cli, "assess",
                         "unknown subcommand \"%s\" (round, invite, remind, answer, import, "
                         "results, trend, export, catalogue)",
                         sub);
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_fail(cli);
    if (cli_open(cli) || cli_act_as(cli, &a)) return cli_fail(cli);
    if (str_eq(sub, "round")) return round_cmd(cli, &a);
    if (str_eq(sub, "invite")) return invite_cmd(cli, &a);
    if (str_eq(sub, "answer")) return answer_cmd(cli, &a);
    if (str_eq(sub, "import")) return import_cmd(cli, &a);
    if (str_eq(sub, "results")) return results_cmd(cli, &a);
    if (str_eq(sub, "trend")) return trend_cmd(cli, &a);
    if (str_eq(sub, "export")) return export_cmd(cli, &a);
    if (str_eq(sub, "catalogue")) return catalogue_cmd(cli, &a);
    int64_t round;
    int n;
    if (a.npos != 1) return cli_usage(cli, "assess", "remind needs the ROUND id");
    if (parse_id(cli, "round", a.pos[0], &round) || as_remind(&cli->ctx, round, &n))
        return cli_fail(cli);
    printf("%d rater%s of round %lld marked as reminded today\n", n, n == 1 ? "" : "s",
           (long long)round);
    return 0;
}
