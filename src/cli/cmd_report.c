/* kam report: an assessment round's results as a self-contained HTML file or
 * an A4 PDF (src/report/report.h), for the programme or one account. */
#include "commands.h"

#include "../core/text.h"
#include "../report/report.h"
#include "../svc/user.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char kHelp[] =
    "usage: kam report programme [--round R] [--format html|pdf] [--lang it|en] [-o FILE]\n"
    "                            [--as LOGIN]\n"
    "       kam report account ID [--round R] [--format html|pdf] [--lang it|en] [-o FILE]\n"
    "                             [--as LOGIN]\n"
    "\n"
    "The results of an assessment round as a report executives read: a title page\n"
    "(organisation, round, questionnaire version, date, language), contents, the\n"
    "summary (index 0-100 per level, the weakest dimension beside the mean,\n"
    "coverage, raters), the radar of dimension scores, the heatmap of accounts by\n"
    "dimension (programme), corporate-operational gaps, rater-group gaps (flagged\n"
    "from 1.0 points), the importance-performance grid and priority list, ratings\n"
    "beside kam's evidence, the trend across rounds and the ranked recommendations\n"
    "with why each ranks where it does. An account report shows that account with\n"
    "the programme's corporate level beside it, and the account plan.\n"
    "\n"
    "  --round R        the round (default: the newest open or closed round)\n"
    "  --format F       html (one self-contained file: inline styles and charts, no\n"
    "                   script, nothing fetched) or pdf (A4, contents with page\n"
    "                   numbers, \"page N of M\"); default: from -o's extension, else html\n"
    "  --lang L         it or en (default: the user's language, else the organisation's)\n"
    "  -o FILE          write to FILE (written under a temporary name, then renamed);\n"
    "                   without it HTML goes to standard output. A PDF is not written\n"
    "                   to a terminal: give -o, or redirect the output.\n"
    "  --as LOGIN       act as that user with their rights, as the web application\n"
    "                   does: a KAM may report only on their accounts, a customer\n"
    "                   guest on nothing (results are internal)\n";

/* Act as --as LOGIN in the language of --lang, the user's or the
 * organisation's (cli_act_as). */
static ErrCode setup(Cli *cli, const CliArgs *a, Lang *lang)
{
    if (cli_act_as(cli, a)) return cli->err.code;
    *lang = lang_parse(cli->ctx.lang, LANG_EN);
    return KAM_OK;
}

/* html or pdf: --format, else -o's extension, else html. */
static ErrCode pick_format(Cli *cli, const char *fmt, const char *out, bool *pdf)
{
    if (fmt) {
        if (!str_eq(fmt, "html") && !str_eq(fmt, "pdf"))
            return err_set(&cli->err, KAM_EUSAGE, "--format: html or pdf, not \"%s\"", fmt);
        *pdf = str_eq(fmt, "pdf");
        return KAM_OK;
    }
    const char *dot = out ? strrchr(out, '.') : NULL;
    *pdf = dot && str_ieq(dot, ".pdf");
    return KAM_OK;
}

/* Write data to path under a temporary name, renamed when complete. */
static ErrCode write_file(Cli *cli, const char *path, const char *data, size_t len)
{
    const char *tmp = arena_printf(&cli->arena, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) return err_set(&cli->err, KAM_EINPUT, "-o %s: %s", path, strerror(errno));
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return err_set(&cli->err, KAM_EINPUT, "-o %s: %s", path, strerror(e));
    }
    return KAM_OK;
}

int cmd_report(Cli *cli, int argc, char **argv)
{
    if (cli_sub_wants_help(argc, argv)) {
        fputs(kHelp, stdout);
        return 0;
    }
    static const CliOpt opts[] = {{"round", true}, {"format", true}, {"lang", true},
                                  {"o", true},     {"as", true},     {NULL, false}};
    const char *what = argv[1];
    if (!str_eq(what, "programme") && !str_eq(what, "account"))
        return cli_usage(cli, "report", "report programme, or report account ID - not \"%s\"",
                         what);
    CliArgs a;
    if (cli_parse(cli, argc - 2, argv + 2, opts, NULL, &a)) return cli_fail(cli);
    int64_t account = 0, round = 0;
    if (str_eq(what, "account")) {
        if (a.npos != 1) return cli_usage(cli, "report", "report account needs the account ID");
        if (cli_parse_id(cli, "account", a.pos[0], &account)) return cli_fail(cli);
    } else if (a.npos) {
        return cli_usage(cli, "report", "report programme takes no argument (\"%s\")", a.pos[0]);
    }
    const char *out = cli_opt(&a, "o");
    bool pdf = false;
    if (pick_format(cli, cli_opt(&a, "format"), out, &pdf)) return cli_fail(cli);
    if (pdf && (!out || str_eq(out, "-")) && cli->out_tty)
        return cli_usage(cli, "report",
                         "a PDF is binary: give -o FILE.pdf, or redirect the output to a file");
    if (cli_opt(&a, "round") && cli_parse_id(cli, "round", cli_opt(&a, "round"), &round))
        return cli_fail(cli);
    Lang lang = LANG_EN;
    if (i18n_init(&cli->err) || cli_open(cli) || setup(cli, &a, &lang)) return cli_fail(cli);
    if (!round && report_default_round(&cli->ctx, &round)) return cli_fail(cli);
    RpDoc doc;
    if (report_build(&cli->ctx, lang, round, account, &doc)) return cli_fail(cli);
    Buf b;
    buf_init(&b, NULL);
    if (pdf) {
        if (report_pdf(&doc, &b, &cli->err)) {
            buf_free(&b);
            return cli_fail(cli);
        }
    } else {
        report_html(&doc, &b);
    }
    ErrCode e = KAM_OK;
    if (out && !str_eq(out, "-"))
        e = write_file(cli, out, b.data, b.len);
    else if (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout))
        e = err_set(&cli->err, KAM_EINTERNAL, "standard output: %s", strerror(errno));
    buf_free(&b);
    return e ? cli_fail(cli) : 0;
}
