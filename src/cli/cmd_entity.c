/* `kam ENTITY add|list|show|edit|rm`: the command-line face of the generic
 * entity layer, for every kind of record in the model. Options are the
 * entity's fields (--name, --account_id or --account-id, ...). */
#include "commands.h"

#include "../core/text.h"

#include <stdlib.h>
#include <string.h>

#define LIST_COLUMNS_MAX 7

static const char *const *field_names(Cli *cli, const EntityDef *def, bool writable_only)
{
    int n = entity_nfields(def);
    const char **names = ARENA_ARRAY(&cli->arena, const char *, n + 1);
    int k = 0;
    for (int i = 0; i < n; i++) {
        unsigned f = def->fields[i].flags;
        if (f & FF_SECRET) continue;
        if (writable_only && (f & FF_READONLY)) continue;
        names[k++] = def->fields[i].name;
    }
    names[k] = NULL;
    return names;
}

static int entity_help(const EntityDef *def)
{
    printf("usage: kam %s add --FIELD VALUE ...          create one\n"
           "       kam %s list [--json] [--q TEXT] [--sort [-]FIELD] [--limit N] [--offset N]\n"
           "                   [--account ID] [--FIELD VALUE ...]   list (filters: exact values)\n"
           "       kam %s show ID [--json]\n"
           "       kam %s edit ID [--version N] --FIELD VALUE ...   change fields\n"
           "       kam %s rm ID [--version N]\n"
           "\nFields of %s:\n",
           def->name, def->name, def->name, def->name, def->name, def->name);
    for (int i = 0; def->fields[i].name; i++) {
        const FieldDef *fd = &def->fields[i];
        if (fd->flags & FF_SECRET) continue;
        printf("  --%-24s %s", fd->name, field_type_name(fd->type));
        if (fd->type == FT_ENUM) {
            fputs(" (", stdout);
            for (int k = 0; fd->choices[k]; k++) printf("%s%s", k ? ", " : "", fd->choices[k]);
            fputs(")", stdout);
        }
        if (fd->type == FT_REF) printf(" -> %s", fd->ref);
        if (fd->min < fd->max) printf(" %g..%g", fd->min, fd->max);
        if (fd->flags & FF_REQUIRED) fputs(", required", stdout);
        if (fd->flags & FF_READONLY) fputs(", set by kam", stdout);
        if (fd->flags & FF_IMMUTABLE) fputs(", fixed once set", stdout);
        fputc('\n', stdout);
    }
    printf("\nAn edit without --version changes the record as it is now; with --version it is\n"
           "refused if someone changed the record since that version.\n");
    return 0;
}

static Record *record_from_args(Cli *cli, const EntityDef *def, const CliArgs *a)
{
    Record *r = record_new(&cli->ctx, def);
    for (int i = 0; i < a->nopt; i++) {
        int k = field_index(def, a->opt[i].name);
        if (k < 0) continue;
        r->val[k] = a->opt[i].value;
        r->set[k] = true;
    }
    return r;
}

static bool parse_id(const char *s, int64_t *id) { return s && parse_int64(s, id) && *id > 0; }

static void print_record(Cli *cli, const Record *r)
{
    printf("%-24s %lld\n", "id", (long long)r->id);
    if (r->def->opts & EO_VERSIONED) printf("%-24s %lld\n", "version", (long long)r->version);
    for (int i = 0; i < r->nfields; i++) {
        const FieldDef *fd = &r->def->fields[i];
        if (fd->flags & FF_SECRET) continue;
        printf("%-24s %s\n", fd->name, r->val[i] ? r->val[i] : "");
    }
    (void)cli;
}

static int do_list(Cli *cli, const EntityDef *def, int argc, char **argv)
{
    static const CliOpt opts[] = {{"json", false},  {"q", true},       {"sort", true},
                                  {"limit", true},  {"offset", true},  {"account", true},
                                  {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc, argv, opts, field_names(cli, def, false), &a)) return cli_fail(cli);
    if (a.npos) return cli_usage(cli, def->name, "unexpected argument \"%s\"", a.pos[0]);
    ListQuery q = {0};
    int64_t n;
    if (cli_opt_int(cli, &a, "limit", -1, &n)) return cli_fail(cli);
    q.limit = (int)n;
    if (cli_opt_int(cli, &a, "offset", 0, &q.offset)) return cli_fail(cli);
    if (cli_opt_int(cli, &a, "account", 0, &q.account_id)) return cli_fail(cli);
    q.q = cli_opt(&a, "q");
    q.sort = cli_opt(&a, "sort");
    for (int i = 0; i < a.nopt; i++) {
        if (field_index(def, a.opt[i].name) < 0) continue;
        if (q.nfilter >= LIST_MAX_FILTERS) return cli_usage(cli, def->name, "at most %d filters", LIST_MAX_FILTERS);
        q.filter[q.nfilter].field = a.opt[i].name;
        q.filter[q.nfilter].value = a.opt[i].value;
        q.nfilter++;
    }
    if (cli_open(cli)) return cli_fail(cli);
    RecordList list;
    if (ent_list(&cli->ctx, def, &q, &list)) return cli_fail(cli);
    if (cli_flag(&a, "json")) {
        json_t *arr = json_array();
        for (int i = 0; i < list.n; i++) json_array_append_new(arr, record_to_json(&cli->ctx, &list.items[i]));
        cli_print_json(arr);
        return 0;
    }
    /* a table of the first short fields */
    int cols[LIST_COLUMNS_MAX], ncols = 0;
    for (int i = 0; def->fields[i].name && ncols < LIST_COLUMNS_MAX - 1; i++) {
        const FieldDef *fd = &def->fields[i];
        if (fd->type == FT_LONGTEXT || (fd->flags & FF_SECRET)) continue;
        cols[ncols++] = i;
    }
    CliTable t;
    cli_table_init(cli, &t, ncols + 1);
    const char *cells[LIST_COLUMNS_MAX + 1];
    cells[0] = "id";
    for (int k = 0; k < ncols; k++) cells[k + 1] = def->fields[cols[k]].name;
    cli_table_add(cli, &t, cells);
    for (int i = 0; i < list.n; i++) {
        cells[0] = arena_printf(&cli->arena, "%lld", (long long)list.items[i].id);
        for (int k = 0; k < ncols; k++) cells[k + 1] = list.items[i].val[cols[k]];
        cli_table_add(cli, &t, cells);
    }
    cli_table_print(&t, stdout);
    if (list.total > list.n) printf("(%d of %lld shown)\n", list.n, (long long)list.total);
    return 0;
}

int cmd_entity(Cli *cli, const EntityDef *def, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        entity_help(def);
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    argc -= 2;
    argv += 2;
    if (str_eq(sub, "list")) return do_list(cli, def, argc, argv);

    static const CliOpt opts[] = {{"json", false}, {"version", true}, {NULL, false}};
    CliArgs a;
    if (cli_parse(cli, argc, argv, opts, field_names(cli, def, true), &a)) return cli_fail(cli);
    int64_t id = 0, version = 0;
    if (cli_opt_int(cli, &a, "version", 0, &version)) return cli_fail(cli);
    bool json = cli_flag(&a, "json");

    if (str_eq(sub, "add")) {
        if (a.npos) return cli_usage(cli, def->name, "unexpected argument \"%s\" (fields are given as --FIELD VALUE)", a.pos[0]);
        if (cli_open(cli)) return cli_fail(cli);
        Record *out;
        if (ent_create(&cli->ctx, def, record_from_args(cli, def, &a), &out)) return cli_fail(cli);
        if (json) cli_print_json(record_to_json(&cli->ctx, out));
        else printf("created %s\n", record_title(&cli->ctx, out));
        return 0;
    }
    if (a.npos != 1 || !parse_id(a.pos[0], &id))
        return cli_usage(cli, def->name, "%s needs the id of the %s", sub, def->name);
    if (cli_open(cli)) return cli_fail(cli);
    if (str_eq(sub, "show")) {
        Record *r;
        if (ent_get(&cli->ctx, def, id, &r)) return cli_fail(cli);
        if (json) cli_print_json(record_to_json(&cli->ctx, r));
        else print_record(cli, r);
        return 0;
    }
    if (!version && (def->opts & EO_VERSIONED)) {
        Record *r;
        if (ent_get(&cli->ctx, def, id, &r)) return cli_fail(cli);
        version = r->version;
    }
    if (str_eq(sub, "edit")) {
        Record *out;
        if (ent_update(&cli->ctx, def, id, version, record_from_args(cli, def, &a), &out, NULL)) return cli_fail(cli);
        if (json) cli_print_json(record_to_json(&cli->ctx, out));
        else printf("updated %s (version %lld)\n", record_title(&cli->ctx, out), (long long)out->version);
        return 0;
    }
    if (str_eq(sub, "rm")) {
        if (ent_delete(&cli->ctx, def, id, version)) return cli_fail(cli);
        printf("deleted %s %lld\n", def->name, (long long)id);
        return 0;
    }
    return cli_usage(cli, def->name, "unknown subcommand \"%s\" (add, list, show, edit, rm)", sub);
}
