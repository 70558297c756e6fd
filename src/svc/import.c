/* CSV import of accounts, contacts and KPI measurements (see import.h). */
#include "import_int.h"

#include "../core/buf.h"
#include "../core/text.h"
#include "people.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* A field the file may fill, and the header names it goes by. */
typedef struct ColSpec {
    const char *field;
    bool required;
    const char *names; /* '|'-separated; compared after normalising */
} ColSpec;

static const ColSpec kAccountCols[] = {
    {"ext_id", true, "External ID|Ext ID|Account ID|Record ID|CRM ID|Codice cliente|Codice|ID cliente"},
    {"name", true, "Name|Account Name|Company name|Company|Ragione sociale|Cliente|Nome"},
    {"legal_name", false, "Legal name|Denominazione"},
    {"industry", false, "Industry|Settore|Settore merceologico"},
    {"country", false, "Country|Billing Country|Country/Region|Paese|Nazione"},
    {"city", false, "City|Billing City|Città|Citta"},
    {"website", false, "Website|Website URL|Sito web"},
    {"employees", false, "Employees|Number of Employees|Dipendenti|Numero dipendenti"},
    {"annual_revenue", false, "Annual Revenue|Fatturato|Fatturato annuo"},
    {"profile", false, "Description|Descrizione|Profile|Profilo"},
    {NULL, false, NULL},
};

static const ColSpec kContactCols[] = {
    {"ext_id", true, "External ID|Ext ID|Contact ID|Record ID|CRM ID"},
    {"account", true,
     "Account|Account External ID|Account ID|Account Name|Company|Company name|Associated Company|Azienda|Cliente|"
     "Codice cliente"},
    {"full_name", false, "Full name|Name|Contact name|Nominativo|Nome e cognome"},
    {"first_name", false, "First name|Given name|Nome"},
    {"last_name", false, "Last name|Surname|Family name|Cognome"},
    {"title", false, "Title|Job title|Position|Role|Ruolo|Qualifica|Posizione"},
    {"unit", false, "Unit|Department|Reparto|Funzione|Divisione"},
    {"email", false, "Email|E-mail|Email address|Mail"},
    {"phone", false, "Phone|Phone number|Mobile|Mobile phone|Telefono|Cellulare"},
    {"buying_role", false, "Buying role|Ruolo d'acquisto|Ruolo acquisto"},
    {"influence", false, "Influence|Influenza"},
    {"attitude", false, "Attitude|Atteggiamento"},
    {NULL, false, NULL},
};

static const ColSpec kKpiCols[] = {
    {"account", false, "Account|Account External ID|Account ID|Account Name|Company|Azienda|Cliente|Codice cliente"},
    {"kpi", false, "KPI|KPI code|Code|Indicator|Indicatore|Codice KPI"},
    {"kpi_id", false, "KPI id"}, /* kam's own id of the KPI, as `kam export kpi_measurements` writes it */
    {"period", true, "Period|Month|Periodo|Mese"},
    {"value", true, "Value|Actual|Valore"},
    {"target", false, "Target|Obiettivo"},
    {"recorded_on", false, "Recorded on|Recorded|Data rilevazione"},
    {"note", false, "Note|Notes|Nota|Comment"},
    {NULL, false, NULL},
};

/* "Annual Revenue" → "annualrevenue": ASCII letters lowered, spaces and
 * punctuation dropped, other UTF-8 bytes kept. */
static void normalise(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 1 < n; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 'A' && ch <= 'Z') out[k++] = (char)(ch - 'A' + 'a');
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80) out[k++] = (char)ch;
    }
    out[k] = 0;
}

/* Whether the normalised header h is one of names. */
/* The k-th of names ('|'-separated), normalised into out; false past the end. */
static bool nth_name(const char *names, int k, char *out, size_t n)
{
    char one[128];
    for (int i = 0; *names; i++) {
        const char *bar = strchr(names, '|');
        size_t len = bar ? (size_t)(bar - names) : strlen(names);
        if (i == k) {
            snprintf(one, sizeof one, "%.*s", (int)len, names);
            normalise(one, out, n);
            return true;
        }
        names += len + (bar ? 1 : 0);
    }
    return false;
}

static const ColSpec *specs_of(ImportKind k)
{
    return k == IMPORT_ACCOUNTS ? kAccountCols : k == IMPORT_CONTACTS ? kContactCols : kKpiCols;
}

int job_target(const Job *j, const char *field)
{
    for (int i = 0; i < j->ntargets; i++)
        if (str_eq(j->field[i], field)) return i;
    return -1;
}

static bool col_taken(const Job *j, int col)
{
    for (int i = 0; i < j->ntargets; i++)
        if (j->col[i] == col) return true;
    return false;
}

static void add_target(Job *j, const char *field, int col)
{
    if (j->ntargets < IMPORT_MAX_TARGETS) {
        j->field[j->ntargets] = field;
        j->col[j->ntargets++] = col;
    }
}

/* Whether field is one the kind accepts (its spec, or for accounts any
 * editable account field by its own name). */
static const char *accepted_field(ImportKind k, const char *name)
{
    for (const ColSpec *s = specs_of(k); s->field; s++)
        if (str_eq(s->field, name)) return s->field;
    if (k == IMPORT_ACCOUNTS) {
        const FieldDef *f = field_find(entity_find("account"), name);
        if (f && !(f->flags & (FF_READONLY | FF_SECRET))) return f->name;
    }
    return NULL;
}

/* The fields a kind accepts, for messages. */
static const char *field_list(Ctx *c, ImportKind k)
{
    Buf b;
    buf_init(&b, c->arena);
    for (const ColSpec *s = specs_of(k); s->field; s++) buf_printf(&b, "%s%s", b.len ? ", " : "", s->field);
    if (k == IMPORT_ACCOUNTS) buf_puts(&b, " or any account field (kam account add --help)");
    return buf_cstr(&b);
}

/* Match header columns to fields: --map first, then the known names, then
 * (accounts) field names; report what is ignored or missing. */
static ErrCode map_columns(Job *j)
{
    Ctx *c = j->c;
    const CsvReader *r = &j->csv;
    const char *file = j->o->name;
    if (j->o->map && *j->o->map) {
        char *spec = arena_strdup(c->arena, j->o->map);
        for (char *save = NULL, *item = strtok_r(spec, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
            char *eq = strrchr(item, '=');
            if (!eq) return err_set(c->err, KAM_EUSAGE, "--map: \"%s\" is not COLUMN=field", item);
            *eq = 0;
            const char *col = str_trim(item), *field = accepted_field(j->kind, str_trim(eq + 1));
            if (!field)
                return err_set(c->err, KAM_EUSAGE, "--map: \"%s\" is not a field kam imports here; use one of: %s",
                               str_trim(eq + 1), field_list(c, j->kind));
            int at = -1;
            for (int i = 0; i < r->nheader && at < 0; i++)
                if (str_ieq(r->header[i], col)) at = i;
            if (at < 0) return err_set(c->err, KAM_EINPUT, "%s: --map names a column \"%s\" the header does not have", file, col);
            int t = job_target(j, field);
            if (t >= 0) j->col[t] = at;
            else add_target(j, field, at);
        }
    }
    char norm[256], fname[128];
    /* a column named exactly as a field is that field, whatever the aliases say */
    for (const ColSpec *s = specs_of(j->kind); s->field; s++) {
        if (job_target(j, s->field) >= 0) continue;
        normalise(s->field, fname, sizeof fname);
        for (int i = 0; i < r->nheader; i++) {
            normalise(r->header[i], norm, sizeof norm);
            if (!col_taken(j, i) && strcmp(norm, fname) == 0) {
                add_target(j, s->field, i);
                break;
            }
        }
    }
    /* then the known names, the first listed first: a Salesforce contact
     * export's "Account ID" wins over its "Account Name" */
    for (const ColSpec *s = specs_of(j->kind); s->field; s++) {
        char alias[128];
        for (int k = 0; job_target(j, s->field) < 0 && nth_name(s->names, k, alias, sizeof alias); k++)
            for (int i = 0; i < r->nheader; i++) {
                normalise(r->header[i], norm, sizeof norm);
                if (!col_taken(j, i) && strcmp(norm, alias) == 0) {
                    add_target(j, s->field, i);
                    break;
                }
            }
    }
    Buf ignored;
    buf_init(&ignored, c->arena);
    for (int i = 0; i < r->nheader; i++) {
        if (col_taken(j, i)) continue;
        normalise(r->header[i], norm, sizeof norm);
        const char *field = NULL;
        if (j->kind == IMPORT_ACCOUNTS) {
            const EntityDef *def = entity_find("account");
            for (const FieldDef *f = def->fields; f->name && !field; f++) {
                char fn[128];
                normalise(f->name, fn, sizeof fn);
                if (!(f->flags & (FF_READONLY | FF_SECRET)) && strcmp(fn, norm) == 0 && job_target(j, f->name) < 0)
                    field = f->name;
            }
        }
        if (field) add_target(j, field, i);
        else buf_printf(&ignored, "%s\"%s\"", ignored.len ? ", " : "", r->header[i]);
    }
    j->res->ignored = buf_cstr(&ignored);
    for (const ColSpec *s = specs_of(j->kind); s->field; s++) {
        if (!s->required || job_target(j, s->field) >= 0) continue;
        const char *bar = strchr(s->names, '|');
        return err_set(c->err, KAM_EINPUT,
                       "%s: no column for %s (a header such as \"%.*s\"; or name the column with --map "
                       "COLUMN=%s)%s",
                       file, s->field, bar ? (int)(bar - s->names) : (int)strlen(s->names), s->names, s->field,
                       r->nheader == 1 ? "; the header has a single column: is the file separated by commas or semicolons?"
                                       : "");
    }
    if (j->kind == IMPORT_KPIS && job_target(j, "kpi") < 0 && job_target(j, "kpi_id") < 0)
        return err_set(c->err, KAM_EINPUT,
                       "%s: no column for kpi (a header such as \"KPI\" with the KPI's code, or kpi_id; or name the "
                       "column with --map COLUMN=kpi)",
                       file);
    if (j->kind == IMPORT_CONTACTS && job_target(j, "full_name") < 0 && job_target(j, "first_name") < 0 &&
        job_target(j, "last_name") < 0)
        return err_set(c->err, KAM_EINPUT,
                       "%s: no column for the contact's name (\"Full name\", or \"First name\" and \"Last name\")", file);
    return KAM_OK;
}

/* The trimmed value of field in the current row; NULL when empty or when
 * the file has no such column. */
const char *job_val(Job *j, const char *field)
{
    int t = job_target(j, field);
    if (t < 0) return NULL;
    char *v = str_trim(j->csv.field[j->col[t]]);
    return *v ? v : NULL;
}

/* An error about the current row: "file: row N, column "H": message". The
 * column is the one mapped to field (when there is one). */
ErrCode job_fail(Job *j, ErrCode code, const char *field, const char *fmt, ...)
{
    char msg[KAM_ERR_MSG_MAX], col[160] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int t = field ? job_target(j, field) : -1;
    char name[140];
    if (t >= 0) snprintf(col, sizeof col, ", %s", csv_column_name(&j->csv, j->col[t], name, sizeof name));
    return err_set(j->c->err, code, "%s: row %lld%s: %s", j->o->name, (long long)j->csv.row, col, msg);
}

/* Turn an error from the entity layer ("annual_revenue: … is not a number")
 * into one about the row and column. */
ErrCode job_fail_from(Job *j)
{
    Err *e = j->c->err;
    char field[KAM_ERR_FIELD_MAX], msg[KAM_ERR_MSG_MAX];
    snprintf(field, sizeof field, "%s", e->field);
    const char *m = e->msg;
    size_t fl = strlen(field);
    if (fl && strncmp(m, field, fl) == 0 && m[fl] == ':') m += fl + 1;
    while (*m == ' ') m++;
    snprintf(msg, sizeof msg, "%s", m);
    return job_fail(j, e->code, fl ? field : NULL, "%s", msg);
}

/* The first row (if any) the key was seen on; remembers it otherwise. */
static int64_t seen_before(Job *j, const char *key)
{
    int64_t row = 0;
    if (strmap_get(&j->seen, key, &row)) return row;
    strmap_put(&j->seen, key, j->csv.row);
    return 0;
}

/* The account a row names: by external id, else by exact name. */
ErrCode job_account(Job *j, const char *text, int64_t *id)
{
    if (strmap_get(&j->accounts, text, id)) return KAM_OK;
    Ctx *c = j->c;
    int64_t n = 0;
    ErrCode rc = db_one_int(c->db, c->err, "SELECT id FROM account WHERE ext_id = ?", DB_ARGS(DT(text)), id);
    if (rc == KAM_ENOTFOUND) {
        err_clear(c->err);
        if (db_one_int(c->db, c->err, "SELECT count(*) FROM account WHERE name = ?", DB_ARGS(DT(text)), &n))
            return c->err->code;
        if (n > 1)
            return job_fail(j, KAM_EINPUT, "account", "\"%s\" names %lld accounts: use the external id", text, (long long)n);
        rc = n ? db_one_int(c->db, c->err, "SELECT id FROM account WHERE name = ?", DB_ARGS(DT(text)), id) : KAM_ENOTFOUND;
        if (rc == KAM_ENOTFOUND) {
            err_clear(c->err);
            return job_fail(j, KAM_EINPUT, "account", "\"%s\" is not the external id or name of an account", text);
        }
    }
    if (rc) return rc;
    strmap_put(&j->accounts, text, *id);
    return KAM_OK;
}

/* Whether the stored text `old` and the imported `new` are the same value
 * of a field of type f (numbers compared as numbers: "12" = "12.0"). */
static bool same_value(Ctx *c, const FieldDef *f, const char *old, const char *new)
{
    if (!new) return !old || !*old;
    if (!old) return false;
    if (f && (f->type == FT_INT || f->type == FT_REAL || f->type == FT_REF || f->type == FT_BOOL)) {
        double a, b;
        bool ok = parse_double(old, false, &a) && (parse_double(new, false, &b) || (c->decimal_comma && parse_double(new, true, &b)));
        if (ok) return a == b;
    }
    return strcmp(old, new) == 0;
}

/* Put into `in` the fields of rec (as stored) that the row changes; their
 * names go to changes. Returns how many. */
static int diff_fields(Job *j, const Record *cur, Record *in, const char *const *fields, const char *const *values,
                       int n, Buf *changes)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!values[i]) continue; /* an empty cell leaves the stored value alone */
        const FieldDef *f = field_find(cur->def, fields[i]);
        if (same_value(j->c, f, record_get(cur, fields[i]), values[i])) continue;
        record_set(j->c, in, fields[i], values[i]);
        buf_printf(changes, "%s%s", changes->len ? ", " : "", fields[i]);
        k++;
    }
    return k;
}

void job_note(Job *j, bool added, const char *what, const char *changes)
{
    if (added) j->res->added++;
    else j->res->changed++;
    if (j->o->on_row) {
        ImportRowNote n = {.row = j->csv.row, .added = added, .what = what, .changes = changes};
        j->o->on_row(j->o->ud, &n);
    }
}

/* Numbers as the file writes them (csv_number: "1.234,5" in a ';' file,
 * "1,234.5" in a ',' one), in the plain form the entity layer reads, so
 * "1.234" in an Italian file means a thousand and not one. */
static ErrCode plain_numbers(Job *j, const EntityDef *def, const char **values)
{
    for (int i = 0; i < j->ntargets; i++) {
        const FieldDef *f = field_find(def, j->field[i]);
        if (!values[i] || !f || (f->type != FT_INT && f->type != FT_REAL)) continue;
        double d;
        if (!csv_number(values[i], j->csv.delim, &d))
            return job_fail(j, KAM_EINPUT, j->field[i], "\"%s\" is not a number", values[i]);
        values[i] = arena_printf(j->c->arena, "%.17g", d);
    }
    return KAM_OK;
}

/* ---- accounts ---------------------------------------------------------- */

static ErrCode account_row(Job *j)
{
    Ctx *c = j->c;
    const EntityDef *def = entity_find("account");
    const char *ext = job_val(j, "ext_id");
    if (!ext) return job_fail(j, KAM_EINPUT, "ext_id", "the external id is empty");
    int64_t first = seen_before(j, ext);
    if (first) return job_fail(j, KAM_EINPUT, "ext_id", "\"%s\" already appeared on row %lld", ext, (long long)first);
    const char *values[IMPORT_MAX_TARGETS];
    for (int i = 0; i < j->ntargets; i++) values[i] = job_val(j, j->field[i]);
    if (plain_numbers(j, def, values)) return c->err->code;
    int64_t id = 0;
    ErrCode rc = db_one_int(c->db, c->err, "SELECT id FROM account WHERE ext_id = ?", DB_ARGS(DT(ext)), &id);
    if (rc && rc != KAM_ENOTFOUND) return rc;
    err_clear(c->err);
    Record *in = record_new(c, def), *out, *cur;
    if (!id) {
        for (int i = 0; i < j->ntargets; i++)
            if (values[i] && record_set(c, in, j->field[i], values[i])) return job_fail_from(j);
        if (ent_create(c, def, in, &out)) return job_fail_from(j);
        job_note(j, true, record_title(c, out), "");
        return KAM_OK;
    }
    if (ent_get(c, def, id, &cur)) return c->err->code;
    Buf changes;
    buf_init(&changes, c->arena);
    if (!diff_fields(j, cur, in, j->field, values, j->ntargets, &changes)) {
        j->res->unchanged++;
        return KAM_OK;
    }
    if (ent_update(c, def, id, cur->version, in, &out, NULL)) return job_fail_from(j);
    job_note(j, false, record_title(c, out), buf_cstr(&changes));
    return KAM_OK;
}

/* ---- contacts ---------------------------------------------------------- */

/* The position the person holds now at the account, or 0. */
static ErrCode current_position(Ctx *c, int64_t person, int64_t account, int64_t *pos)
{
    *pos = 0;
    ErrCode rc = db_one_int(c->db, c->err,
                            "SELECT p.id FROM position_holder h JOIN contact_position p ON p.id = h.position_id "
                            "WHERE h.person_id = ? AND h.to_on IS NULL AND p.account_id = ? ORDER BY p.id LIMIT 1",
                            DB_ARGS(DI(person), DI(account)), pos);
    if (rc == KAM_ENOTFOUND) {
        err_clear(c->err);
        return KAM_OK;
    }
    return rc;
}

static ErrCode contact_row(Job *j)
{
    Ctx *c = j->c;
    const char *ext = job_val(j, "ext_id"), *acc_text = job_val(j, "account");
    if (!ext) return job_fail(j, KAM_EINPUT, "ext_id", "the external id is empty");
    if (!acc_text) return job_fail(j, KAM_EINPUT, "account", "the account is empty");
    int64_t first = seen_before(j, ext);
    if (first) return job_fail(j, KAM_EINPUT, "ext_id", "\"%s\" already appeared on row %lld", ext, (long long)first);
    int64_t account;
    if (job_account(j, acc_text, &account)) return c->err->code;
    const char *name = job_val(j, "full_name");
    if (!name) {
        const char *fn = job_val(j, "first_name"), *ln = job_val(j, "last_name");
        if (!fn && !ln) return job_fail(j, KAM_EINPUT, job_target(j, "full_name") >= 0 ? "full_name" : "last_name", "the name is empty");
        name = arena_printf(c->arena, "%s%s%s", fn ? fn : "", fn && ln ? " " : "", ln ? ln : "");
    }
    const char *attitude = job_val(j, "attitude");
    if (attitude && !(attitude = attitude_value(attitude)))
        return job_fail(j, KAM_EINPUT, "attitude", "\"%s\" is not an attitude (opponent, sceptic, neutral, supporter, champion or -2 to 2)",
                        job_val(j, "attitude"));

    int64_t person = 0;
    ErrCode rc = db_one_int(c->db, c->err, "SELECT id FROM person WHERE ext_id = ?", DB_ARGS(DT(ext)), &person);
    if (rc && rc != KAM_ENOTFOUND) return rc;
    err_clear(c->err);
    if (!person) {
        ContactNew n = {.account_id = account, .name = name, .title = job_val(j, "title"), .unit = job_val(j, "unit"),
                        .buying_role = job_val(j, "buying_role"), .influence = job_val(j, "influence"), .attitude = attitude,
                        .email = job_val(j, "email"), .phone = job_val(j, "phone"), .ext_id = ext};
        int64_t pid, pos;
        if (contact_add(c, &n, &pid, &pos)) return job_fail_from(j);
        job_note(j, true, arena_printf(c->arena, "contact “%s” (%s)", name, ext), "");
        return KAM_OK;
    }
    /* A known person: their own fields, then the position they hold at the account. */
    const EntityDef *pdef = entity_find("person"), *posdef = entity_find("contact_position");
    Record *cur, *in = record_new(c, pdef), *out;
    if (ent_get(c, pdef, person, &cur)) return c->err->code;
    Buf changes;
    buf_init(&changes, c->arena);
    const char *pf[] = {"full_name", "email", "phone"};
    const char *pv[] = {name, job_val(j, "email"), job_val(j, "phone")};
    if (diff_fields(j, cur, in, pf, pv, 3, &changes) && ent_update(c, pdef, person, cur->version, in, &out, NULL))
        return job_fail_from(j);
    int64_t pos;
    if (current_position(c, person, account, &pos)) return c->err->code;
    const char *qf[] = {"title", "unit", "buying_role", "influence", "attitude"};
    const char *qv[] = {job_val(j, "title"), job_val(j, "unit"), job_val(j, "buying_role"), job_val(j, "influence"), attitude};
    if (pos) {
        Record *pcur, *pin = record_new(c, posdef);
        if (ent_get(c, posdef, pos, &pcur)) return c->err->code;
        if (diff_fields(j, pcur, pin, qf, qv, 5, &changes) && ent_update(c, posdef, pos, pcur->version, pin, &out, NULL))
            return job_fail_from(j);
    } else { /* they moved here from another account: a new position, the old one ends today */
        Record *pin = record_new(c, posdef);
        record_set(c, pin, "account_id", arena_printf(c->arena, "%lld", (long long)account));
        record_set(c, pin, "title", qv[0] ? qv[0] : "Contact");
        for (int i = 1; i < 5; i++)
            if (qv[i] && record_set(c, pin, qf[i], qv[i])) return job_fail_from(j);
        if (ent_create(c, posdef, pin, &out)) return job_fail_from(j);
        int ended;
        if (contact_move(c, person, out->id, &ended)) return job_fail_from(j);
        buf_printf(&changes, "%saccount", changes.len ? ", " : "");
    }
    if (!changes.len) {
        j->res->unchanged++;
        return KAM_OK;
    }
    job_note(j, false, arena_printf(c->arena, "contact “%s” (%s)", name, ext), buf_cstr(&changes));
    return KAM_OK;
}

/* ---- the import -------------------------------------------------------- */

bool import_kind_parse(const char *s, ImportKind *out)
{
    if (str_eq(s, "accounts")) *out = IMPORT_ACCOUNTS;
    else if (str_eq(s, "contacts")) *out = IMPORT_CONTACTS;
    else if (str_eq(s, "kpis") || str_eq(s, "kpi_measurements")) *out = IMPORT_KPIS;
    else return false;
    return true;
}

static ErrCode run_rows(Job *j)
{
    Ctx *c = j->c;
    Arena *request_arena = c->arena, row_arena;
    arena_init(&row_arena, 0);
    ErrCode rc = KAM_OK;
    int got;
    while (!rc && (got = csv_next(&j->csv, c->err)) > 0) {
        j->res->rows++;
        c->arena = &row_arena; /* what a row allocates goes when the next starts */
        rc = j->kind == IMPORT_ACCOUNTS ? account_row(j) : j->kind == IMPORT_CONTACTS ? contact_row(j) : measurement_row(j);
        c->arena = request_arena;
        arena_free(&row_arena);
        if (j->o->progress && (j->res->rows & 1023) == 0) j->o->progress(j->o->ud, j->csv.bytes);
    }
    c->arena = request_arena;
    arena_free(&row_arena);
    if (!rc && got < 0) {
        err_prefix(c->err, "%s: ", j->o->name);
        rc = c->err->code;
    }
    return rc;
}

/* Whether row values a and b (trimmed) are the same text. */
static bool same_cell(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t') a++;
    while (*b == ' ' || *b == '\t') b++;
    size_t na = strlen(a), nb = strlen(b);
    while (na && (a[na - 1] == ' ' || a[na - 1] == '\t')) na--;
    while (nb && (b[nb - 1] == ' ' || b[nb - 1] == '\t')) nb--;
    return na == nb && memcmp(a, b, na) == 0;
}

int64_t job_first_row(Job *j, const char *const *fields, const char *const *values, int n, int64_t before)
{
    Ctx *c = j->c;
    int *col = ARENA_ARRAY(c->arena, int, n);
    for (int i = 0; i < n; i++) {
        int t = job_target(j, fields[i]);
        col[i] = t < 0 ? -1 : j->col[t];
    }
    FILE *f = j->o->f;
    if (f == stdin || fseek(f, 0, SEEK_SET) != 0) return 0;
    CsvReader again;
    csv_reader_init(&again, f);
    Err ignored;
    err_clear(&ignored);
    int64_t found = 0;
    if (csv_next(&again, &ignored) > 0) /* the header */
        while (!found && csv_next(&again, &ignored) > 0 && again.row < before) {
            bool same = true;
            for (int i = 0; i < n && same; i++)
                same = col[i] < 0 || same_cell(again.field[col[i]], values[i] ? values[i] : "");
            if (same) found = again.row;
        }
    csv_reader_free(&again);
    return found;
}

ErrCode import_csv(Ctx *c, ImportKind kind, const ImportOptions *o, ImportResult *out)
{
    memset(out, 0, sizeof *out);
    Job j = {.c = c, .o = o, .kind = kind, .res = out, .keep = c->arena};
    csv_reader_init(&j.csv, o->f);
    bool saved_comma = c->decimal_comma;
    ErrCode rc = KAM_OK;
    if (csv_next(&j.csv, c->err) < 0) {
        err_prefix(c->err, "%s: ", o->name);
        rc = c->err->code;
    }
    if (!rc) {
        c->decimal_comma = j.csv.delim == ';'; /* Italian Excel: "1.234,5" */
        rc = map_columns(&j);
    }
    if (!rc) rc = db_begin(c->db, c->err);
    if (!rc) {
        if (kind == IMPORT_KPIS) rc = measure_begin(&j);
        if (!rc) rc = run_rows(&j);
        if (!rc && out->rows == 0)
            rc = err_set(c->err, KAM_EINPUT, "%s: there are no data rows under the header", o->name);
        if (!rc && kind == IMPORT_KPIS) rc = measure_finish(&j);
        if (rc || o->dry_run) db_rollback(c->db);
        else rc = db_commit(c->db, c->err);
    }
    c->decimal_comma = saved_comma;
    measure_free(&j);
    csv_reader_free(&j.csv);
    strmap_free(&j.seen);
    strmap_free(&j.accounts);
    return rc;
}
