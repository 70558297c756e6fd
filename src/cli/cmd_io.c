/* kam import KIND FILE [--map …] [--dry-run], kam import all DUMP,
 * kam export KIND|all [--format csv|json] [-o FILE]: thin front-ends over
 * svc/import.c and svc/export.c (their help texts are in main.c). */
#include "commands.h"

#include "../core/text.h"
#include "../svc/export.h"
#include "../svc/import.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void progress_bytes(void *ud, int64_t done)
{
    progress_step((Progress *)ud, done);
}
static void progress_rows(void *ud, int64_t done)
{
    progress_step((Progress *)ud, done);
}

static void print_row(void *ud, const ImportRowNote *n)
{
    (void)ud;
    if (n->added)
        printf("  row %lld: add %s\n", (long long)n->row, n->what);
    else
        printf("  row %lld: change %s: %s\n", (long long)n->row, n->what, n->changes);
}

static int import_dump(Cli *cli, const char *path)
{
    if (cli_open(cli)) return cli_fail(cli);
    Progress p;
    progress_start(&p, cli, "import", 0);
    ExportProgress ep = {progress_rows, &p};
    ImportAllResult r;
    ErrCode rc = import_all(&cli->ctx, path, &ep, &r);
    progress_end(&p);
    if (rc) return cli_fail(cli);
    printf("imported %s: %d tables, %lld rows\n", path, r.tables, (long long)r.rows);
    return 0;
}

/* --map may be given several times: join them with commas. */
static const char *maps_of(Cli *cli, const CliArgs *a)
{
    Buf b;
    buf_init(&b, &cli->arena);
    for (int i = 0; i < a->nopt; i++)
        if (str_eq(a->opt[i].name, "map"))
            buf_printf(&b, "%s%s", b.len ? "," : "", a->opt[i].value);
    return b.len ? buf_cstr(&b) : NULL;
}

int cmd_import(Cli *cli, int argc, char **argv)
{
    static const CliOpt opts[] = {{"map", true}, {"dry_run", false}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, argv + 1, opts, NULL, &a))
        return cli_usage(cli, "import", "%s", cli->err.msg);
    if (a.npos != 2)
        return cli_usage(cli, "import",
                         "say what to import and from which file: kam import KIND FILE");
    const char *kind_name = a.pos[0], *path = a.pos[1];
    if (str_eq(kind_name, "all")) {
        if (cli_opt(&a, "map") || cli_flag(&a, "dry_run"))
            return cli_usage(cli, "import", "import all takes neither --map nor --dry-run");
        return import_dump(cli, path);
    }
    ImportKind kind;
    if (!import_kind_parse(kind_name, &kind))
        return cli_usage(cli, "import",
                         "\"%s\" is not something kam imports: accounts, contacts, kpis or all",
                         kind_name);
    FILE *f = str_eq(path, "-") ? stdin : fopen(path, "rb");
    if (!f) {
        err_set(&cli->err, KAM_EINPUT, "%s: cannot open the file", path);
        return cli_fail(cli);
    }
    struct stat sb;
    int64_t size = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) ? (int64_t)sb.st_size : 0;
    if (cli_open(cli)) {
        if (f != stdin) fclose(f);
        return cli_fail(cli);
    }
    bool dry = cli_flag(&a, "dry_run");
    Progress p;
    progress_start(&p, cli, "import", size);
    const char *slash = strrchr(path, '/');
    ImportOptions o = {.name = slash ? slash + 1 : path,
                       .f = f,
                       .map = maps_of(cli, &a),
                       .dry_run = dry,
                       .on_row = dry ? print_row : NULL,
                       .progress = progress_bytes,
                       .ud = &p};
    if (dry) printf("dry run of %s (nothing is stored):\n", path);
    ImportResult r;
    ErrCode rc = import_csv(&cli->ctx, kind, &o, &r);
    progress_end(&p);
    if (f != stdin) fclose(f);
    if (rc) return cli_fail(cli);
    printf("%s %s: %lld rows, %lld added, %lld changed, %lld unchanged\n",
           dry ? "would import" : "imported", path, (long long)r.rows, (long long)r.added,
           (long long)r.changed, (long long)r.unchanged);
    if (r.ignored && *r.ignored)
        printf("columns ignored: %s (name them with --map COLUMN=field)\n", r.ignored);
    return 0;
}

int cmd_export(Cli *cli, int argc, char **argv)
{
    /* -o FILE is --output FILE (the parser reads long options only) */
    char **args = ARENA_ARRAY(&cli->arena, char *, argc + 1);
    for (int i = 0; i < argc; i++) args[i] = str_eq(argv[i], "-o") ? (char *)"--output" : argv[i];
    static const CliOpt opts[] = {{"format", true}, {"output", true}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc - 1, args + 1, opts, NULL, &a))
        return cli_usage(cli, "export", "%s", cli->err.msg);
    if (a.npos != 1)
        return cli_usage(cli, "export",
                         "say what to export: a kind of record (kam entities) or all");
    const char *what = a.pos[0], *fmt = cli_opt(&a, "format"), *path = cli_opt(&a, "output");
    bool all = str_eq(what, "all");
    const EntityDef *def = all ? NULL : entity_find(what);
    if (!all && !def)
        return cli_usage(cli, "export",
                         "\"%s\" is not a kind of record (see `kam entities`) nor all", what);
    if (fmt && !str_eq(fmt, "csv") && !str_eq(fmt, "json"))
        return cli_usage(cli, "export", "--format: \"%s\" is neither csv nor json", fmt);
    if (all && fmt && !str_eq(fmt, "json"))
        return cli_usage(cli, "export", "export all writes JSON only");
    size_t plen = path ? strlen(path) : 0;
    bool json = fmt ? str_eq(fmt, "json") : plen > 5 && str_ieq(path + plen - 5, ".json");
    if (cli_open(cli)) return cli_fail(cli);

    /* Written under a temporary name and renamed when complete, so a failed
     * export never leaves a truncated file behind under the real name. */
    char tmp[4096];
    FILE *out = stdout;
    if (path && !str_eq(path, "-")) {
        snprintf(tmp, sizeof tmp, "%s.tmp-%d", path, (int)getpid());
        if (!(out = fopen(tmp, "wb"))) {
            err_set(&cli->err, KAM_EINPUT, "%s: cannot write there", path);
            return cli_fail(cli);
        }
        if (all) fchmod(fileno(out), 0600); /* password hashes inside */
    }
    int64_t total = 0;
    ErrCode rc = all ? export_all_count(&cli->ctx, &total) : export_count(&cli->ctx, def, &total);
    Progress p;
    progress_start(&p, cli, "export", total);
    ExportProgress ep = {progress_rows, &p};
    if (!rc)
        rc = all ? export_all(&cli->ctx, out, &ep)
                 : export_kind(&cli->ctx, def, json ? EXPORT_JSON : EXPORT_CSV, out, &ep);
    progress_end(&p);
    if (out != stdout) {
        if (fclose(out) != 0 && !rc)
            rc = err_set(&cli->err, KAM_EINPUT, "%s: cannot write there (disk full?)", path);
        if (rc)
            unlink(tmp);
        else if (rename(tmp, path) != 0)
            rc = err_set(&cli->err, KAM_EINPUT, "%s: cannot write there", path);
    } else if (fflush(stdout) != 0 && !rc) {
        rc = err_set(&cli->err, KAM_EINPUT, "cannot write the export");
    }
    if (rc) return cli_fail(cli);
    if (path && !str_eq(path, "-"))
        fprintf(stderr, "exported %lld rows to %s\n", (long long)total, path);
    return 0;
}
