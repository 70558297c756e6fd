/* Shared machinery of the commands: argument parsing, opening the database,
 * error reporting, tables, JSON output and progress bars. */
#include "cli.h"

#include "../core/text.h"
#include "../db/migrate.h"
#include "../svc/user.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const CliCommand *find_command(const char *name)
{
    for (const CliCommand *c = kCommands; c->name; c++)
        if (str_eq(c->name, name)) return c;
    return NULL;
}

bool cli_sub_wants_help(int argc, char **argv)
{
    return argc < 2 || cli_wants_help(argc, argv);
}

ErrCode cli_parse_id(Cli *cli, const char *what, const char *s, int64_t *id)
{
    if (!s) return err_set(&cli->err, KAM_EINPUT, "%s: give the id", what);
    if (!parse_int64(s, id) || *id <= 0)
        return err_set(&cli->err, KAM_EINPUT, "%s: \"%s\" is not an id (a positive whole number)",
                       what, s);
    return KAM_OK;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (str_eq(argv[i], "--")) return false;
        if (str_eq(argv[i], "--help") || str_eq(argv[i], "-h")) return true;
    }
    return false;
}

int cli_help(const char *cmd)
{
    const CliCommand *c = find_command(cmd);
    if (c && c->help)
        fputs(c->help, stdout);
    else if (c)
        printf("kam %s: %s\n", c->name, c->summary);
    return 0;
}

int cli_usage(Cli *cli, const char *cmd, const char *fmt, ...)
{
    (void)cli;
    va_list ap;
    va_start(ap, fmt);
    fputs("kam: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see `kam %s --help`)\n", cmd);
    return 2;
}

int cli_fail(Cli *cli)
{
    const char *m = cli->err.msg[0] ? cli->err.msg : "unknown error";
    fprintf(stderr, "kam: %s\n", m);
    if (cli->err.code == KAM_EUSAGE) fputs("(see `kam --help`)\n", stderr);
    return err_exit_status(cli->err.code ? cli->err.code : KAM_EINTERNAL);
}

static const CliOpt *find_opt(const CliOpt *opts, const char *name)
{
    for (; opts && opts->name; opts++)
        if (str_eq(opts->name, name)) return opts;
    return NULL;
}

ErrCode cli_parse(Cli *cli, int argc, char **argv, const CliOpt *opts, const char *const *extra,
                  CliArgs *out)
{
    memset(out, 0, sizeof *out);
    bool only_pos = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!only_pos && str_eq(a, "--")) {
            only_pos = true;
            continue;
        }
        if (only_pos || a[0] != '-' || str_eq(a, "-")) {
            if (out->npos >= CLI_MAX_POS)
                return err_set(&cli->err, KAM_EUSAGE, "too many arguments");
            out->pos[out->npos++] = a;
            continue;
        }
        /* one-letter options a command declares may be written -o FILE */
        bool short_opt = a[1] != '-' && a[2] == 0 && find_opt(opts, a + 1);
        if (a[1] != '-' && !short_opt)
            return err_set(&cli->err, KAM_EUSAGE, "unknown option %s (options are written --name)",
                           a);
        char *name = arena_strdup(&cli->arena, a + (short_opt ? 1 : 2));
        char *eq = strchr(name, '=');
        const char *value = NULL;
        if (eq) {
            *eq = 0;
            value = eq + 1;
        }
        /* --buying-role and --buying_role both name the field buying_role */
        for (char *p = name; *p; p++)
            if (*p == '-') *p = '_';
        const CliOpt *o = find_opt(opts, name);
        bool is_field = false;
        for (int k = 0; !o && extra && extra[k]; k++)
            if (str_eq(extra[k], name)) is_field = true;
        if (!o && !is_field) return err_set(&cli->err, KAM_EUSAGE, "unknown option --%s", a + 2);
        bool takes = is_field || o->takes_value;
        if (takes && !value) {
            if (i + 1 >= argc)
                return err_set(&cli->err, KAM_EUSAGE, "option --%s needs a value", name);
            value = argv[++i];
        } else if (!takes && value) {
            return err_set(&cli->err, KAM_EUSAGE, "option --%s takes no value", name);
        }
        if (out->nopt >= CLI_MAX_OPTS) return err_set(&cli->err, KAM_EUSAGE, "too many options");
        out->opt[out->nopt].name = name;
        out->opt[out->nopt].value = value;
        out->nopt++;
    }
    return KAM_OK;
}

const char *cli_opt(const CliArgs *a, const char *name)
{
    const char *v = NULL;
    for (int i = 0; i < a->nopt; i++)
        if (str_eq(a->opt[i].name, name)) v = a->opt[i].value; /* last one wins */
    return v;
}

bool cli_flag(const CliArgs *a, const char *name)
{
    for (int i = 0; i < a->nopt; i++)
        if (str_eq(a->opt[i].name, name)) return true;
    return false;
}

ErrCode cli_opt_int(Cli *cli, const CliArgs *a, const char *name, int64_t dflt, int64_t *out)
{
    const char *v = cli_opt(a, name);
    *out = dflt;
    if (!v) return KAM_OK;
    if (!parse_int64(v, out))
        return err_set(&cli->err, KAM_EUSAGE, "--%s: \"%s\" is not a whole number", name, v);
    return KAM_OK;
}

ErrCode cli_open(Cli *cli)
{
    if (db_open(cli->db_path, DB_OPEN_EXISTING, &cli->db, &cli->err)) return cli->err.code;
    if (migrate_check(cli->db, &cli->err)) return cli->err.code;
    ctx_init(&cli->ctx, cli->db, &cli->arena, &cli->err, actor_system());
    const char *user = getenv("USER");
    cli->ctx.actor.login = arena_printf(&cli->arena, "cli:%s", user && *user ? user : "unknown");
    return KAM_OK;
}

void cli_print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(j);
}

/* ------------------------------------------------------------------ tables */

void cli_table_init(Cli *cli, CliTable *t, int ncols)
{
    t->ncols = ncols;
    t->nrows = 0;
    t->cap = 64;
    t->cells = ARENA_ARRAY(&cli->arena, const char *, (size_t)t->cap *(size_t)ncols);
    (void)cli;
}

void cli_table_add(Cli *cli, CliTable *t, const char **cells)
{
    if (t->nrows == t->cap) {
        size_t old = sizeof(const char *) * (size_t)t->cap * (size_t)t->ncols;
        t->cells = arena_realloc(&cli->arena, t->cells, old, old * 2);
        t->cap *= 2;
    }
    for (int i = 0; i < t->ncols; i++) {
        const char *v = cells[i] ? cells[i] : "";
        /* one line per row: newlines and tabs become spaces, long text is cut */
        char *s = arena_strdup(&cli->arena, v);
        for (char *p = s; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
        if (utf8_len(s) > 48) {
            size_t n = 0, chars = 0;
            while (s[n] && chars < 45) {
                n++;
                while (((unsigned char)s[n] & 0xC0) == 0x80) n++;
                chars++;
            }
            s[n] = 0;
            s = arena_printf(&cli->arena, "%s...", s);
        }
        t->cells[(size_t)t->nrows * (size_t)t->ncols + (size_t)i] = s;
    }
    t->nrows++;
}

void cli_table_print(const CliTable *t, FILE *f)
{
    int width[64] = {0};
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols && c < 64; c++) {
            int w = (int)utf8_len(t->cells[(size_t)r * (size_t)t->ncols + (size_t)c]);
            if (w > width[c]) width[c] = w;
        }
    for (int r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols && c < 64; c++) {
            const char *s = t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
            int pad = width[c] - (int)utf8_len(s);
            fputs(s, f);
            if (c + 1 < t->ncols)
                for (int k = 0; k < pad + 2; k++) fputc(' ', f);
        }
        fputc('\n', f);
    }
}

/* ------------------------------------------------------------------ progress */

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(Progress *p, Cli *cli, const char *label, int64_t total)
{
    memset(p, 0, sizeof *p);
    p->enabled = cli->err_tty && !getenv("KAM_NO_PROGRESS");
    p->label = label;
    p->total = total;
    p->started = mono_seconds();
}

void progress_step(Progress *p, int64_t done)
{
    if (!p->enabled) return;
    p->done = done;
    double now = mono_seconds();
    if (now - p->started < 1.0 || now - p->last_draw < 0.1) return;
    p->last_draw = now;
    p->drawn = true;
    if (p->total > 0) {
        int pct = (int)(100.0 * (double)done / (double)p->total);
        if (pct > 100) pct = 100;
        int bars = pct * 30 / 100;
        fprintf(stderr, "\r%s [", p->label);
        for (int i = 0; i < 30; i++) fputc(i < bars ? '#' : ' ', stderr);
        fprintf(stderr, "] %3d%% %lld/%lld", pct, (long long)done, (long long)p->total);
    } else {
        fprintf(stderr, "\r%s %lld", p->label, (long long)done);
    }
    fflush(stderr);
}

void progress_end(Progress *p)
{
    if (p->enabled && p->drawn) {
        progress_step(p, p->total > 0 ? p->total : p->done);
        fputc('\n', stderr);
    }
}

/* ------------------------------------------------------------------ input */

ErrCode cli_read_file(Cli *cli, const char *path, size_t limit, char **data, size_t *len)
{
    FILE *f = str_eq(path, "-") ? stdin : fopen(path, "rb");
    if (!f) return err_set(&cli->err, KAM_EINPUT, "cannot open %s: %s", path, strerror(errno));
    Buf b;
    buf_init(&b, &cli->arena);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > limit) {
            if (f != stdin) fclose(f);
            return err_set(&cli->err, KAM_ELIMIT, "%s is larger than the limit of %zu MB", path,
                           limit >> 20);
        }
        buf_put(&b, chunk, n);
    }
    bool bad = ferror(f);
    if (f != stdin) fclose(f);
    if (bad) return err_set(&cli->err, KAM_EINPUT, "cannot read %s", path);
    buf_cstr(&b);
    *data = b.data;
    *len = b.len;
    return KAM_OK;
}

static ErrCode read_line_noecho(Cli *cli, const char *prompt, char *out, size_t outn)
{
    struct termios old, quiet;
    fputs(prompt, stderr);
    bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *ok = fgets(out, (int)outn, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!ok) return err_set(&cli->err, KAM_EINPUT, "no password given");
    out[strcspn(out, "\r\n")] = 0;
    return KAM_OK;
}

ErrCode cli_read_password(Cli *cli, bool from_stdin, char *out, size_t outn)
{
    if (from_stdin || !isatty(STDIN_FILENO)) {
        if (!fgets(out, (int)outn, stdin))
            return err_set(&cli->err, KAM_EINPUT, "no password on standard input");
        out[strcspn(out, "\r\n")] = 0;
        return KAM_OK;
    }
    char again[256];
    if (read_line_noecho(cli, "Password: ", out, outn)) return cli->err.code;
    if (read_line_noecho(cli, "Again: ", again, sizeof again)) return cli->err.code;
    if (!str_eq(out, again)) return err_set(&cli->err, KAM_EINPUT, "the two passwords differ");
    return KAM_OK;
}

/* --as LOGIN: act as that user; the language of texts: --lang, else the
 * user's own, else the organisation's default (sets c->lang). */
ErrCode cli_act_as(Cli *cli, const CliArgs *a)
{
    Ctx *c = &cli->ctx;
    const char *as = cli_opt(a, "as"), *lang = cli_opt(a, "lang");
    const char *ulang = NULL;
    if (lang && !str_eq(lang, "en") && !str_eq(lang, "it"))
        return err_set(&cli->err, KAM_EUSAGE, "--lang: en or it, not \"%s\"", lang);
    if (as) {
        Record *u;
        if (user_find(c, as, &u)) return cli->err.code;
        Actor who;
        if (user_actor(c, u->id, &who))
            return err_set(&cli->err, KAM_EINPUT, "user %s is disabled", as);
        c->actor = who;
        ulang = record_get(u, "lang");
    }
    if (!lang) lang = ulang && *ulang ? ulang : NULL;
    if (!lang) {
        DbStmt *st =
            db_query(c->db, c->err, "SELECT default_lang FROM org WHERE id = 1", DB_NOARGS);
        if (!st) return cli->err.code;
        if (db_next(st)) lang = arena_strdup(&cli->arena, db_text(st, 0));
        if (db_done(st)) return cli->err.code;
    }
    c->lang = str_eq(lang, "it") ? "it" : "en";
    return KAM_OK;
}
