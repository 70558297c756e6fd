/* The command line: one table of commands (main.c), each a thin front-end
 * that parses its arguments, calls the services and prints the result.
 * Exit codes: 0 ok, 1 the input is wrong, 2 usage, 3 internal error. */
#ifndef KAM_CLI_H
#define KAM_CLI_H

#include "../core/buf.h"
#include "../svc/ctx.h"

#include <jansson.h>
#include <stdio.h>

typedef struct Cli {
    const char *db_path; /* --db, KAM_DB, or ./kam.db */
    Db *db;
    Arena arena;
    Err err;
    Ctx ctx;
    bool out_tty; /* stdout is a terminal: tables and progress bars */
    bool err_tty;
} Cli;

typedef struct CliCommand {
    const char *name;
    int (*run)(Cli *cli, int argc, char **argv); /* argv[0] is the command name */
    const char *summary; /* one line for `kam --help` */
    const char *help;    /* `kam COMMAND --help` */
} CliCommand;

extern const CliCommand kCommands[]; /* main.c; ended by a NULL name */

/* Declared options of a (sub)command: "--name VALUE" or a "--flag". */
typedef struct CliOpt {
    const char *name;
    bool takes_value;
} CliOpt;

#define CLI_MAX_OPTS 96
#define CLI_MAX_POS 16

typedef struct CliArgs {
    int npos;
    const char *pos[CLI_MAX_POS];
    int nopt;
    struct {
        const char *name;
        const char *value; /* NULL for flags */
    } opt[CLI_MAX_OPTS];
} CliArgs;

/* Parse argv (after the command words). opts lists what is allowed; extra,
 * when not NULL, also accepts "--FIELD VALUE" for each field named by it
 * (NULL-terminated) - the entity commands use it for their fields. Unknown
 * options are a usage error naming the option. "--name=value" works too. */
ErrCode cli_parse(Cli *cli, int argc, char **argv, const CliOpt *opts, const char *const *extra, CliArgs *out);
const char *cli_opt(const CliArgs *a, const char *name);
bool cli_flag(const CliArgs *a, const char *name);
/* Integer option; *ok false (and a usage error set) when present but bad. */
ErrCode cli_opt_int(Cli *cli, const CliArgs *a, const char *name, int64_t dflt, int64_t *out);
bool cli_wants_help(int argc, char **argv);
/* A command with subcommands wants its help: no subcommand, or --help/-h. */
bool cli_sub_wants_help(int argc, char **argv);
/* A positive record id from text s, or KAM_EINPUT naming what it should be. */
ErrCode cli_parse_id(Cli *cli, const char *what, const char *s, int64_t *id);
/* --as LOGIN and --lang: the actor and c->lang (else the user's language,
 * else the organisation's). Commands that read results use it. */
ErrCode cli_act_as(Cli *cli, const CliArgs *a);

/* Open the database (must exist and be at this binary's schema version),
 * and set up cli->ctx with the command-line actor. */
ErrCode cli_open(Cli *cli);
/* Print the error in cli->err to stderr and return the exit status. */
int cli_fail(Cli *cli);
/* Print a usage error with the command's help hint and return 2. */
int cli_usage(Cli *cli, const char *cmd, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Print a command's help text and return 0. */
int cli_help(const char *cmd);

/* Output helpers. */
void cli_print_json(json_t *j); /* pretty, to stdout, consumes the reference */
/* A terminal table: header cells, then rows of cells; widths computed. */
typedef struct CliTable {
    int ncols;
    int nrows;
    const char **cells; /* row-major, header first */
    int cap;
} CliTable;
void cli_table_init(Cli *cli, CliTable *t, int ncols);
void cli_table_add(Cli *cli, CliTable *t, const char **cells);
void cli_table_print(const CliTable *t, FILE *f);

/* A progress bar on stderr when it is a terminal and the work takes more
 * than a second; nothing otherwise. */
typedef struct Progress {
    bool enabled;
    const char *label;
    int64_t total, done;
    double started, last_draw;
    bool drawn;
} Progress;
void progress_start(Progress *p, Cli *cli, const char *label, int64_t total);
void progress_step(Progress *p, int64_t done);
void progress_end(Progress *p);

/* Read a whole file (or "-" for stdin) into the arena; size limit in bytes. */
ErrCode cli_read_file(Cli *cli, const char *path, size_t limit, char **data, size_t *len);
/* Password from stdin (--password-stdin) or prompted twice on a terminal. */
ErrCode cli_read_password(Cli *cli, bool from_stdin, char *out, size_t outn);

#endif
