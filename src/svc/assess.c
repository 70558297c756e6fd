/* The KAM performance assessment in the store: catalogues, rounds, raters,
 * answers, answer files, results (see assess.h for the rules of access and
 * the life of a round). */
#include "assess.h"

#include "acl.h"
#include "audit.h"
#include "user.h"

#include "../core/buf.h"
#include "../core/embedded.h"
#include "../core/text.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAT_MAX_ITEMS   1000
#define CAT_MAX_TEXT    2000
#define CAT_MAX_VERSION 60

static bool is_it(const Ctx *c)
{
    return str_eq(c->lang, "it");
}

/* A code or version: 1..max characters of letters, digits, '.', '_', '-'. */
static bool code_ok(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > max) return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
            return false;
    return true;
}

/* s as a JSON string literal, quotes included (for audit rows). */
static const char *json_quote(Ctx *c, const char *s)
{
    Buf b;
    buf_init(&b, c->arena);
    buf_json_str(&b, s);
    return buf_cstr(&b);
}

static ErrCode forbidden_programme(Ctx *c, const char *what)
{
    return err_set(c->err, KAM_EFORBIDDEN, "%s is for administrators and executives", what);
}

/* ================================================================ catalogues */

/* "FILE: item N (CODE): " in front of a catalogue fault. */
static ErrCode cat_fault(Ctx *c, const char *file, size_t idx, const char *code, const char *fmt,
                         ...) __attribute__((format(printf, 5, 6)));
static ErrCode cat_fault(Ctx *c, const char *file, size_t idx, const char *code, const char *fmt,
                         ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(c->arena, fmt, ap);
    va_end(ap);
    if (idx == 0) return err_set(c->err, KAM_EINPUT, "%s: %s", file, msg);
    if (code) return err_set(c->err, KAM_EINPUT, "%s: item %zu (%s): %s", file, idx, code, msg);
    return err_set(c->err, KAM_EINPUT, "%s: item %zu: %s", file, idx, msg);
}

/* obj[key] as a non-empty string of at most max characters, or NULL. */
static const char *json_text(json_t *obj, const char *key, size_t max)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (!s || str_empty(s) || utf8_len(s) > max) return NULL;
    return s;
}

static ErrCode cat_item_parse(Ctx *c, const char *file, size_t idx, json_t *j, AsCatItem *it)
{
    static const char *const keys[] = {"code",     "dimension", "level",   "weight", "mirror",
                                       "evidence", "text",      "anchors", NULL};
    if (!json_is_object(j)) return cat_fault(c, file, idx, NULL, "is not an object");
    const char *code = json_string_value(json_object_get(j, "code"));
    if (!code_ok(code, 40))
        return cat_fault(c, file, idx, NULL,
                         "\"code\" must be 1-40 letters, digits, '.', '_' or '-'");
    it->code = arena_strdup(c->arena, code);
    const char *key;
    json_t *v;
    json_object_foreach(j, key, v)
    {
        bool known = false;
        for (int k = 0; keys[k]; k++) known |= str_eq(keys[k], key);
        if (!known)
            return cat_fault(
                c, file, idx, code,
                "unknown field \"%s\" (fields: code, dimension, level, weight, mirror, evidence,"
                " text, anchors)",
                key);
    }
    it->dim = as_dim_parse(json_string_value(json_object_get(j, "dimension")));
    if (it->dim < 0)
        return cat_fault(
            c, file, idx, code,
            "\"dimension\" must be strategy, solutions, people, management or evaluation");
    it->level = as_level_parse(json_string_value(json_object_get(j, "level")));
    if (it->level < 0)
        return cat_fault(c, file, idx, code,
                         "\"level\" must be corporate, operational or customer");
    json_t *w = json_object_get(j, "weight");
    it->weight = w ? json_number_value(w) : 1.0;
    if ((w && !json_is_number(w)) || !(it->weight > 0) || it->weight > 10)
        return cat_fault(c, file, idx, code, "\"weight\" must be a number above 0 and at most 10");
    json_t *m = json_object_get(j, "mirror");
    it->mirror = m ? json_string_value(m) : "";
    if (!it->mirror || (*it->mirror && !code_ok(it->mirror, CAT_MAX_VERSION)))
        return cat_fault(c, file, idx, code,
                         "\"mirror\" must be a key of letters, digits, '.', '_' or '-'");
    it->mirror = arena_strdup(c->arena, it->mirror);
    json_t *e = json_object_get(j, "evidence");
    it->evidence = e ? json_string_value(e) : "";
    if (!it->evidence)
        return cat_fault(c, file, idx, code, "\"evidence\" must be the name of a rule, or \"\"");
    if (*it->evidence) {
        const EvRule *r = ev_rule_find(it->evidence);
        if (!r) return cat_fault(c, file, idx, code, "unknown evidence rule \"%s\"", it->evidence);
        EvScope want = it->level == AS_CORPORATE ? EV_PROGRAMME : EV_ACCOUNT;
        if (r->scope != want)
            return cat_fault(
                c, file, idx, code,
                "the evidence rule %s looks at %s, but a %s item needs one that looks at %s",
                r->name, r->scope == EV_PROGRAMME ? "the programme" : "one account",
                as_level_name(it->level), want == EV_PROGRAMME ? "the programme" : "one account");
    }
    it->evidence = arena_strdup(c->arena, it->evidence);
    json_t *t = json_object_get(j, "text");
    it->text_en = json_text(t, "en", CAT_MAX_TEXT);
    it->text_it = json_text(t, "it", CAT_MAX_TEXT);
    if (!it->text_en || !it->text_it)
        return cat_fault(c, file, idx, code,
                         "\"text\" needs \"en\" and \"it\", each 1-%d characters", CAT_MAX_TEXT);
    it->text_en = arena_strdup(c->arena, it->text_en);
    it->text_it = arena_strdup(c->arena, it->text_it);
    json_t *an = json_object_get(j, "anchors");
    for (int l = 0; l < 2; l++) {
        const char *lang = l ? "it" : "en";
        json_t *arr = json_object_get(an, lang);
        if (!json_is_array(arr) || json_array_size(arr) != 5)
            return cat_fault(c, file, idx, code,
                             "\"anchors\".\"%s\" needs the descriptions of levels 1 to 5 (5 texts)",
                             lang);
        for (size_t k = 0; k < 5; k++) {
            const char *s = json_string_value(json_array_get(arr, k));
            if (!s || str_empty(s) || utf8_len(s) > CAT_MAX_TEXT)
                return cat_fault(c, file, idx, code,
                                 "\"anchors\".\"%s\": level %zu is empty or too long", lang, k + 1);
            (l ? it->anchors_it : it->anchors_en)[k] = arena_strdup(c->arena, s);
        }
    }
    return KAM_OK;
}

/* Parse and validate a catalogue document; *version from the file unless
 * overridden; *exported_from: the version it was exported from, or NULL. */
static ErrCode cat_parse(Ctx *c, const char *data, size_t len, const char *file,
                         const char *override, const char **version, const char **exported_from,
                         AsCatItem **items, int *n)
{
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) return err_set(c->err, KAM_EINPUT, "%s, line %d: %s", file, je.line, je.text);
    ErrCode rc = KAM_OK;
    json_t *list = json_object_get(root, "items");
    const char *v = override ? override : json_string_value(json_object_get(root, "version"));
    const char *from = json_string_value(json_object_get(root, "exported_from"));
    if (!json_is_object(root))
        rc = cat_fault(c, file, 0, NULL,
                       "a catalogue is a JSON object with \"version\" and \"items\"");
    else if (!code_ok(v, CAT_MAX_VERSION))
        rc = cat_fault(
            c, file, 0, NULL,
            "\"version\" must be 1-%d letters, digits, '.', '_' or '-' (e.g. \"ours-2027.1\")",
            CAT_MAX_VERSION);
    else if (!json_is_array(list) || json_array_size(list) == 0)
        rc = cat_fault(c, file, 0, NULL, "\"items\" must be a non-empty list");
    else if (json_array_size(list) > CAT_MAX_ITEMS)
        rc = cat_fault(c, file, 0, NULL, "at most %d items", CAT_MAX_ITEMS);
    if (!rc) {
        *version = arena_strdup(c->arena, v);
        *exported_from = from ? arena_strdup(c->arena, from) : NULL;
        *n = (int)json_array_size(list);
        *items = ARENA_ARRAY(c->arena, AsCatItem, *n + 1);
    }
    for (int i = 0; !rc && i < *n; i++) {
        AsCatItem *it = &(*items)[i];
        rc = cat_item_parse(c, file, (size_t)i + 1, json_array_get(list, (size_t)i), it);
        it->sort = (i + 1) * 10;
        for (int k = 0; !rc && k < i; k++) {
            const AsCatItem *o = &(*items)[k];
            if (str_eq(o->code, it->code))
                rc = cat_fault(c, file, (size_t)i + 1, it->code, "the code is used by item %d too",
                               k + 1);
            else if (*it->mirror && str_eq(o->mirror, it->mirror) && o->level == it->level)
                rc = cat_fault(c, file, (size_t)i + 1, it->code,
                               "mirror \"%s\" is used by %s at the same level; a mirror key joins "
                               "one item per level",
                               it->mirror, o->code);
        }
    }
    json_decref(root);
    return rc;
}

static ErrCode cat_store(Ctx *c, const char *version, const char *source, int64_t based_on,
                         const AsCatItem *items, int n, int64_t *id)
{
    int64_t exists = 0;
    if (db_one_int(c->db, c->err, "SELECT count(*) FROM assessment_catalogue WHERE version = ?",
                   DB_ARGS(DT(version)), &exists))
        return c->err->code;
    if (exists)
        return err_set(c->err, KAM_ECONFLICT,
                       "catalogue version %s already exists: give the file a new \"version\" (or "
                       "use --version NEW)",
                       version);
    if (db_insert(c->db, c->err,
                  "INSERT INTO assessment_catalogue (version, source, based_on, loaded_at) VALUES "
                  "(?, ?, ?, ?)"
                  " RETURNING id",
                  DB_ARGS(DT(version), DT(source), DIN(based_on), DI(c->now)), id))
        return c->err->code;
    for (int i = 0; i < n; i++) {
        const AsCatItem *it = &items[i];
        json_t *en = json_array(), *itj = json_array();
        for (int k = 0; k < 5; k++) {
            json_array_append_new(en, json_string(it->anchors_en[k]));
            json_array_append_new(itj, json_string(it->anchors_it[k]));
        }
        char *sen = json_dumps(en, JSON_COMPACT), *sit = json_dumps(itj, JSON_COMPACT);
        json_decref(en);
        json_decref(itj);
        ErrCode rc = db_exec(
            c->db, c->err,
            "INSERT INTO assessment_item (catalogue_id, code, dimension, level, text_en, text_it,"
            " anchors_en, anchors_it, weight, mirror, evidence_rule, sort)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            DB_ARGS(DI(*id), DT(it->code), DT(as_dim_name(it->dim)), DT(as_level_name(it->level)),
                    DT(it->text_en), DT(it->text_it), DT(sen), DT(sit), DR(it->weight),
                    DT(it->mirror), DT(it->evidence), DI(it->sort)));
        free(sen);
        free(sit);
        if (rc) return rc;
    }
    return KAM_OK;
}

ErrCode as_catalogue_seed(Ctx *c)
{
    static const char *const file = "assessment.json";
    const EmbeddedFile *f = embedded_find(kam_seed, file);
    if (!f)
        return err_set(c->err, KAM_EINTERNAL, "the seed file %s is not built into this kam", file);
    const char *version, *from;
    AsCatItem *items;
    int n;
    int64_t id;
    if (cat_parse(c, (const char *)f->data, f->size, "seed file assessment.json", NULL, &version,
                  &from, &items, &n) ||
        cat_store(c, version, "builtin", 0, items, n, &id)) {
        c->err->code = KAM_EINTERNAL; /* a defect of the build, not of the user's input */
        return KAM_EINTERNAL;
    }
    return KAM_OK;
}

ErrCode as_catalogue_import(Ctx *c, const char *data, size_t len, const char *file,
                            const char *version_override, int64_t *id)
{
    if (!acl_edits_programme(&c->actor))
        return forbidden_programme(c, "changing the assessment catalogue");
    const char *version, *from;
    AsCatItem *items;
    int n;
    if (cat_parse(c, data, len, file, version_override, &version, &from, &items, &n))
        return c->err->code;
    int64_t based = 0;
    if (from) {
        ErrCode rc =
            db_one_int(c->db, c->err, "SELECT id FROM assessment_catalogue WHERE version = ?",
                       DB_ARGS(DT(from)), &based);
        if (rc == KAM_ENOTFOUND)
            err_clear(c->err);
        else if (rc)
            return rc;
    }
    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = cat_store(c, version, "custom", based, items, n, id);
    if (!rc)
        rc = audit_write(c, "create", "assessment_catalogue", *id, 0, NULL,
                         arena_printf(c->arena, "{\"version\":\"%s\",\"items\":%d}", version, n));
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}

static void cat_row(Ctx *c, DbStmt *st, AsCatalogue *k)
{
    memset(k, 0, sizeof *k);
    k->id = db_int(st, 0);
    k->version = arena_strdup(c->arena, db_text(st, 1));
    k->source = arena_strdup(c->arena, db_text(st, 2));
    k->based_on = db_text(st, 3) ? arena_strdup(c->arena, db_text(st, 3)) : NULL;
    k->loaded_at = db_int(st, 4);
    k->nrounds = (int)db_int(st, 5);
}
#define CAT_COLS                                                                                   \
    "SELECT k.id, k.version, k.source, b.version, k.loaded_at,"                                    \
    " (SELECT count(*) FROM assessment_round r WHERE r.catalogue_id = k.id)"                       \
    " FROM assessment_catalogue k LEFT JOIN assessment_catalogue b ON b.id = k.based_on"

ErrCode as_catalogue_list(Ctx *c, AsCatalogue **out, int *n)
{
    int64_t total = 0;
    if (db_one_int(c->db, c->err, "SELECT count(*) FROM assessment_catalogue", DB_NOARGS, &total))
        return c->err->code;
    *out = ARENA_ARRAY(c->arena, AsCatalogue, total + 1);
    *n = 0;
    DbStmt *st = db_query(c->db, c->err, CAT_COLS " ORDER BY k.id DESC", DB_NOARGS);
    if (!st) return c->err->code;
    while (db_next(st) && *n < total) cat_row(c, st, &(*out)[(*n)++]);
    return db_done(st);
}

/* Parse a stored JSON array of five anchors. */
static void anchors_parse(Ctx *c, const char *s, const char *out[5])
{
    json_t *a = json_loads(s ? s : "[]", 0, NULL);
    for (size_t k = 0; k < 5; k++) {
        const char *t = json_string_value(json_array_get(a, k));
        out[k] = arena_strdup(c->arena, t ? t : "");
    }
    json_decref(a);
}

ErrCode as_catalogue_load(Ctx *c, int64_t id, AsCatalogue *out)
{
    DbStmt *st = db_query(c->db, c->err, CAT_COLS " WHERE k.id = ?", DB_ARGS(DI(id)));
    if (!st) return c->err->code;
    bool found = db_next(st);
    if (found) cat_row(c, st, out);
    if (db_done(st)) return c->err->code;
    if (!found)
        return err_set(c->err, KAM_ENOTFOUND, "assessment catalogue %lld not found", (long long)id);
    int64_t total = 0;
    if (db_one_int(c->db, c->err, "SELECT count(*) FROM assessment_item WHERE catalogue_id = ?",
                   DB_ARGS(DI(id)), &total))
        return c->err->code;
    bool guest = c->actor.role == ROLE_GUEST;
    out->items = ARENA_ARRAY(c->arena, AsCatItem, total + 1);
    out->nitems = 0;
    st = db_query(
        c->db, c->err,
        "SELECT id, code, dimension, level, text_en, text_it, anchors_en, anchors_it, weight, "
        "mirror,"
        " evidence_rule, sort FROM assessment_item WHERE catalogue_id = ? ORDER BY sort, id",
        DB_ARGS(DI(id)));
    if (!st) return c->err->code;
    while (db_next(st) && out->nitems < total) {
        int level = as_level_parse(db_text(st, 3));
        if (guest && level != AS_CUSTOMER) continue;
        AsCatItem *it = &out->items[out->nitems++];
        it->id = db_int(st, 0);
        it->code = arena_strdup(c->arena, db_text(st, 1));
        it->dim = as_dim_parse(db_text(st, 2));
        it->level = level;
        it->text_en = arena_strdup(c->arena, db_text(st, 4));
        it->text_it = arena_strdup(c->arena, db_text(st, 5));
        anchors_parse(c, db_text(st, 6), it->anchors_en);
        anchors_parse(c, db_text(st, 7), it->anchors_it);
        it->weight = db_real(st, 8);
        it->mirror = arena_strdup(c->arena, db_text(st, 9) ? db_text(st, 9) : "");
        it->evidence = arena_strdup(c->arena, db_text(st, 10) ? db_text(st, 10) : "");
        it->sort = (int)db_int(st, 11);
    }
    return db_done(st);
}

ErrCode as_catalogue_get(Ctx *c, const char *version, AsCatalogue *out)
{
    int64_t id = 0;
    ErrCode rc =
        version
            ? db_one_int(c->db, c->err, "SELECT id FROM assessment_catalogue WHERE version = ?",
                         DB_ARGS(DT(version)), &id)
            : db_one_int(c->db, c->err, "SELECT max(id) FROM assessment_catalogue", DB_NOARGS, &id);
    if (rc == KAM_ENOTFOUND || (!rc && id == 0)) {
        if (version)
            return err_set(
                c->err, KAM_ENOTFOUND,
                "there is no assessment catalogue version %s (see `kam assess catalogue list`)",
                version);
        return err_set(c->err, KAM_ENOTFOUND,
                       "this database has no assessment catalogue (import one with `kam assess "
                       "catalogue import FILE`)");
    }
    if (rc) return rc;
    return as_catalogue_load(c, id, out);
}

json_t *as_catalogue_json(const AsCatalogue *cat)
{
    json_t *root = json_object();
    json_object_set_new(root, "version", json_string(cat->version));
    json_object_set_new(root, "exported_from", json_string(cat->version));
    json_object_set_new(
        root, "about",
        json_string(
            "Change or add items, give \"version\" a new name, and load the file with "
            "`kam assess catalogue import FILE`. Rounds keep the version they were made with."));
    json_t *items = json_array();
    for (int i = 0; i < cat->nitems; i++) {
        const AsCatItem *it = &cat->items[i];
        json_t *o = json_object(), *ae = json_array(), *ai = json_array();
        json_object_set_new(o, "code", json_string(it->code));
        json_object_set_new(o, "dimension", json_string(as_dim_name(it->dim)));
        json_object_set_new(o, "level", json_string(as_level_name(it->level)));
        json_object_set_new(o, "weight", json_real(it->weight));
        json_object_set_new(o, "mirror", json_string(it->mirror));
        json_object_set_new(o, "evidence", json_string(it->evidence));
        json_object_set_new(o, "text",
                            json_pack("{s:s,s:s}", "en", it->text_en, "it", it->text_it));
        for (int k = 0; k < 5; k++) {
            json_array_append_new(ae, json_string(it->anchors_en[k]));
            json_array_append_new(ai, json_string(it->anchors_it[k]));
        }
        json_object_set_new(o, "anchors", json_pack("{s:o,s:o}", "en", ae, "it", ai));
        json_array_append_new(items, o);
    }
    json_object_set_new(root, "items", items);
    return root;
}

/* ================================================================ rounds */

#define ROUND_COLS                                                                                 \
    "SELECT r.id, r.name, r.scope, r.status, r.opens_on, r.deadline, r.catalogue_id, k.version,"   \
    " r.version FROM assessment_round r JOIN assessment_catalogue k ON k.id = r.catalogue_id"

static void round_row(Ctx *c, DbStmt *st, AsRound *r)
{
    memset(r, 0, sizeof *r);
    r->id = db_int(st, 0);
    r->name = arena_strdup(c->arena, db_text(st, 1));
    r->scope = arena_strdup(c->arena, db_text(st, 2));
    r->status = arena_strdup(c->arena, db_text(st, 3));
    r->opens_on = arena_strdup(c->arena, db_text(st, 4));
    r->deadline = arena_strdup(c->arena, db_text(st, 5));
    r->catalogue_id = db_int(st, 6);
    r->catalogue_version = arena_strdup(c->arena, db_text(st, 7));
    r->version = db_int(st, 8);
}

/* Items per level of a catalogue. */
static ErrCode level_counts(Ctx *c, int64_t catalogue_id, int n[AS_NLEVEL])
{
    memset(n, 0, sizeof(int) * AS_NLEVEL);
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT level, count(*) FROM assessment_item WHERE catalogue_id = ? GROUP BY level",
        DB_ARGS(DI(catalogue_id)));
    if (!st) return c->err->code;
    while (db_next(st)) {
        int l = as_level_parse(db_text(st, 0));
        if (l >= 0) n[l] = (int)db_int(st, 1);
    }
    return db_done(st);
}

/* Accounts and progress of a round. */
static ErrCode round_details(Ctx *c, AsRound *r)
{
    int64_t n = 0;
    if (db_one_int(c->db, c->err, "SELECT count(*) FROM round_account WHERE round_id = ?",
                   DB_ARGS(DI(r->id)), &n))
        return c->err->code;
    r->accounts = ARENA_ARRAY(c->arena, int64_t, n + 1);
    DbStmt *st =
        db_query(c->db, c->err,
                 "SELECT account_id FROM round_account WHERE round_id = ? ORDER BY account_id",
                 DB_ARGS(DI(r->id)));
    if (!st) return c->err->code;
    while (db_next(st) && r->naccounts < n) r->accounts[r->naccounts++] = db_int(st, 0);
    if (db_done(st)) return c->err->code;
    int per[AS_NLEVEL];
    if (level_counts(c, r->catalogue_id, per)) return c->err->code;
    st = db_query(c->db, c->err,
                  "SELECT r.rater_role, r.account_id, r.completed_at, (SELECT count(*) FROM answer "
                  "x WHERE x.rater_id = r.id)"
                  " FROM rater r WHERE r.round_id = ?",
                  DB_ARGS(DI(r->id)));
    if (!st) return c->err->code;
    while (db_next(st)) {
        int role = as_role_parse(db_text(st, 0));
        r->nraters++;
        if (!db_isnull(st, 2)) r->ncomplete++;
        r->expected += per[as_rater_level((AsRole)(role < 0 ? 0 : role), db_int(st, 1))];
        r->answered += (int)db_int(st, 3);
    }
    return db_done(st);
}

/* Is the actor invited to the round (for those who may not see every round)? */
static ErrCode invited(Ctx *c, int64_t round_id, bool *yes)
{
    int64_t n = 0;
    if (db_one_int(c->db, c->err, "SELECT count(*) FROM rater WHERE round_id = ? AND user_id = ?",
                   DB_ARGS(DI(round_id), DI(c->actor.user_id)), &n))
        return c->err->code;
    *yes = n > 0;
    return KAM_OK;
}

ErrCode as_round_get(Ctx *c, int64_t id, AsRound *out)
{
    DbStmt *st = db_query(c->db, c->err, ROUND_COLS " WHERE r.id = ?", DB_ARGS(DI(id)));
    if (!st) return c->err->code;
    bool found = db_next(st);
    if (found) round_row(c, st, out);
    if (db_done(st)) return c->err->code;
    if (found && !acl_is_staff(&c->actor) && !acl_sees_programme(&c->actor)) {
        if (invited(c, id, &found)) return c->err->code;
    }
    if (!found)
        return err_set(c->err, KAM_ENOTFOUND,
                       "assessment round %lld not found (see `kam assess round list`)",
                       (long long)id);
    return round_details(c, out);
}

ErrCode as_round_list(Ctx *c, AsRound **out, int *n)
{
    bool all = acl_is_staff(&c->actor) || acl_sees_programme(&c->actor);
    int64_t total = 0;
    if (db_one_int(c->db, c->err, "SELECT count(*) FROM assessment_round", DB_NOARGS, &total))
        return c->err->code;
    *out = ARENA_ARRAY(c->arena, AsRound, total + 1);
    *n = 0;
    DbStmt *st =
        all ? db_query(c->db, c->err, ROUND_COLS " ORDER BY r.opens_on DESC, r.id DESC", DB_NOARGS)
            : db_query(c->db, c->err,
                       ROUND_COLS " WHERE r.id IN (SELECT round_id FROM rater WHERE user_id = ?)"
                                  " ORDER BY r.opens_on DESC, r.id DESC",
                       DB_ARGS(DI(c->actor.user_id)));
    if (!st) return c->err->code;
    while (db_next(st) && *n < total) round_row(c, st, &(*out)[(*n)++]);
    if (db_done(st)) return c->err->code;
    for (int i = 0; i < *n; i++)
        if (round_details(c, &(*out)[i])) return c->err->code;
    return KAM_OK;
}

ErrCode as_round_create(Ctx *c, const AsRoundNew *n, int64_t *id)
{
    if (!acl_edits_programme(&c->actor))
        return forbidden_programme(c, "creating an assessment round");
    if (!n->name || str_empty(n->name) || utf8_len(n->name) > 200)
        return err_field(c->err, KAM_EINPUT, "name",
                         "name: give the round a name of 1-200 characters");
    const char *opens = n->opens_on ? n->opens_on : c->today;
    if (!date_valid(opens))
        return err_field(c->err, KAM_EINPUT, "opens", "opens: \"%s\" is not a date (YYYY-MM-DD)",
                         opens);
    if (!n->deadline || !date_valid(n->deadline))
        return err_field(c->err, KAM_EINPUT, "deadline",
                         "deadline: \"%s\" is not a date (YYYY-MM-DD)",
                         n->deadline ? n->deadline : "");
    if (strcmp(n->deadline, opens) < 0)
        return err_field(c->err, KAM_EINPUT, "deadline",
                         "deadline: %s is before the round opens (%s)", n->deadline, opens);
    AsCatalogue cat;
    if (as_catalogue_get(c, n->catalogue, &cat)) return c->err->code;
    for (int i = 0; i < n->naccounts; i++) {
        int64_t found = 0;
        if (db_one_int(c->db, c->err, "SELECT count(*) FROM account WHERE id = ?",
                       DB_ARGS(DI(n->accounts[i])), &found))
            return c->err->code;
        if (!found)
            return err_field(c->err, KAM_ENOTFOUND, "accounts", "account %lld not found",
                             (long long)n->accounts[i]);
    }
    const char *scope = n->naccounts ? "accounts" : "programme";
    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = db_insert(
        c->db, c->err,
        "INSERT INTO assessment_round (name, scope, catalogue_id, opens_on, deadline, status,"
        " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?) RETURNING "
        "id",
        DB_ARGS(DT(n->name), DT(scope), DI(cat.id), DT(opens), DT(n->deadline),
                DIN(c->actor.user_id), DI(c->now), DI(c->now)),
        id);
    /* the chosen accounts, or every key account */
    int64_t *acc = (int64_t *)n->accounts;
    int nacc = n->naccounts;
    if (!rc && !nacc) {
        int64_t total = 0;
        rc = db_one_int(c->db, c->err, "SELECT count(*) FROM account WHERE status = 'key'",
                        DB_NOARGS, &total);
        acc = ARENA_ARRAY(c->arena, int64_t, total + 1);
        DbStmt *st =
            rc ? NULL
               : db_query(c->db, c->err, "SELECT id FROM account WHERE status = 'key' ORDER BY id",
                          DB_NOARGS);
        if (!rc && !st) rc = c->err->code;
        while (st && db_next(st) && nacc < total) acc[nacc++] = db_int(st, 0);
        if (st) rc = db_done(st);
    }
    for (int i = 0; !rc && i < nacc; i++) {
        int64_t dup = 0;
        rc = db_one_int(c->db, c->err,
                        "SELECT count(*) FROM round_account WHERE round_id = ? AND account_id = ?",
                        DB_ARGS(DI(*id), DI(acc[i])), &dup);
        if (!rc && !dup)
            rc = db_exec(c->db, c->err,
                         "INSERT INTO round_account (round_id, account_id) VALUES (?, ?)",
                         DB_ARGS(DI(*id), DI(acc[i])));
    }
    if (!rc)
        rc = audit_write(c, "create", "assessment_round", *id, 0, NULL,
                         arena_printf(c->arena,
                                      "{\"name\":%s,\"catalogue\":\"%s\",\"deadline\":\"%s\"}",
                                      json_quote(c, n->name), cat.version, n->deadline));
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}

ErrCode as_round_set_status(Ctx *c, int64_t id, const char *status)
{
    if (!acl_edits_programme(&c->actor))
        return forbidden_programme(c, "opening and closing assessment rounds");
    AsRound r;
    if (as_round_get(c, id, &r)) return c->err->code;
    bool open = str_eq(status, "open");
    if (!open && !str_eq(status, "closed"))
        return err_set(c->err, KAM_EINPUT, "a round is opened or closed");
    if (str_eq(r.status, status))
        return err_set(c->err, KAM_ECONFLICT, "round %lld is already %s", (long long)id, r.status);
    if (!open && !str_eq(r.status, "open"))
        return err_set(c->err, KAM_ECONFLICT, "round %lld is a draft: open it before closing it",
                       (long long)id);
    if (db_exec(c->db, c->err,
                "UPDATE assessment_round SET status = ?, version = version + 1, updated_at = ? "
                "WHERE id = ?",
                DB_ARGS(DT(status), DI(c->now), DI(id))))
        return c->err->code;
    return audit_write(c, "update", "assessment_round", id, 0,
                       arena_printf(c->arena, "{\"status\":\"%s\"}", r.status),
                       arena_printf(c->arena, "{\"status\":\"%s\"}", status));
}

/* ================================================================ raters */

static bool round_has_account(const AsRound *r, int64_t account)
{
    for (int i = 0; i < r->naccounts; i++)
        if (r->accounts[i] == account) return true;
    return false;
}

ErrCode as_invite(Ctx *c, int64_t round_id, const char *login, const char *role, int64_t account_id,
                  int64_t *rater_id)
{
    if (!acl_edits_programme(&c->actor)) return forbidden_programme(c, "inviting raters");
    AsRound r;
    if (as_round_get(c, round_id, &r)) return c->err->code;
    if (str_eq(r.status, "closed"))
        return err_set(c->err, KAM_ECONFLICT,
                       "round %lld is closed: open it again to invite raters", (long long)round_id);
    int ro = as_role_parse(role);
    if (ro < 0)
        return err_field(
            c->err, KAM_EINPUT, "role",
            "role: \"%s\" is not a rater role (executive, kam, team, sponsor, customer)",
            role ? role : "");
    Record *u;
    if (user_find(c, login, &u)) return c->err->code;
    Actor who;
    if (user_actor(c, u->id, &who)) {
        err_set(c->err, KAM_EINPUT, "user %s is disabled", login);
        return c->err->code;
    }
    if (account_id && !round_has_account(&r, account_id))
        return err_field(c->err, KAM_EINPUT, "account", "account %lld is not part of round %lld",
                         (long long)account_id, (long long)round_id);
    bool needs_account = ro == AS_SPONSOR || ro == AS_TEAM || ro == AS_CUSTOMER_RATER;
    if (needs_account && !account_id)
        return err_field(c->err, KAM_EINPUT, "account", "a %s rates one account: name the account (--account ID)",
                         role);
    if (who.role == ROLE_GUEST && ro != AS_CUSTOMER_RATER)
        return err_field(c->err, KAM_EINPUT, "role",
                         "%s is a customer guest and can only be invited as customer", login);
    if (ro == AS_CUSTOMER_RATER && (who.role != ROLE_GUEST || who.guest_account_id != account_id))
        return err_field(c->err, KAM_EINPUT, "user",
                         "a customer rater must be the customer guest of account %lld; %s is not",
                         (long long)account_id, login);
    if (who.role == ROLE_VIEWER)
        return err_field(c->err, KAM_EINPUT, "user", "%s is a viewer and cannot rate", login);
    if ((ro == AS_EXECUTIVE || ro == AS_SPONSOR) && who.role != ROLE_EXECUTIVE &&
        who.role != ROLE_ADMIN)
        return err_field(c->err, KAM_EINPUT, "role", "%s is not an executive, so cannot rate as %s",
                         login, role);
    if (ro == AS_TEAM && !account_id)
        return err_field(c->err, KAM_EINPUT, "account",
                         "a team member rates one account: name the account (--account ID)");
    if ((ro == AS_KAM || ro == AS_TEAM) && account_id) {
        Ctx as = *c;
        as.actor = who;
        unsigned rights = 0;
        if (acl_account_rights(&as, account_id, &rights)) return c->err->code;
        if (!(rights & AR_READ))
            return err_field(c->err, KAM_EINPUT, "user",
                             "%s does not work on account %lld, so cannot rate it as %s", login,
                             (long long)account_id, role);
    }
    if (ro == AS_KAM && !account_id && who.role != ROLE_KAM && who.role != ROLE_ADMIN)
        return err_field(c->err, KAM_EINPUT, "role", "%s is not a key account manager", login);
    int64_t dup = 0;
    if (db_one_int(c->db, c->err,
                   "SELECT count(*) FROM rater WHERE round_id = ? AND user_id = ?"
                   " AND (account_id = ? OR (account_id IS NULL AND ? = 0))",
                   DB_ARGS(DI(round_id), DI(u->id), DI(account_id), DI(account_id)), &dup))
        return c->err->code;
    if (dup)
        return err_set(c->err, KAM_ECONFLICT, "%s is already invited to round %lld for %s", login,
                       (long long)round_id,
                       account_id ? arena_printf(c->arena, "account %lld", (long long)account_id)
                                  : "the programme");
    if (db_insert(
            c->db, c->err,
            "INSERT INTO rater (round_id, user_id, rater_role, account_id, invited_on) VALUES (?, "
            "?, ?, ?, ?)"
            " RETURNING id",
            DB_ARGS(DI(round_id), DI(u->id), DT(as_role_name(ro)), DIN(account_id), DT(c->today)),
            rater_id))
        return c->err->code;
    return audit_write(c, "create", "rater", *rater_id, account_id, NULL,
                       arena_printf(c->arena, "{\"round\":%lld,\"login\":%s,\"role\":\"%s\"}",
                                    (long long)round_id, json_quote(c, login), as_role_name(ro)));
}

ErrCode as_invite_defaults(Ctx *c, int64_t round_id, int *added)
{
    *added = 0;
    if (!acl_edits_programme(&c->actor)) return forbidden_programme(c, "inviting raters");
    AsRound r;
    if (as_round_get(c, round_id, &r)) return c->err->code;
    typedef struct Inv {
        const char *login, *role;
        int64_t account;
    } Inv;
    int cap = 16 + 2 * r.naccounts, n = 0;
    Inv *inv = ARENA_ARRAY(c->arena, Inv, cap);
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT login FROM app_user WHERE role = 'executive' AND active = 1 ORDER BY login",
        DB_NOARGS);
    if (!st) return c->err->code;
    while (db_next(st)) {
        if (n == cap) {
            inv = arena_realloc(c->arena, inv, sizeof(Inv) * (size_t)cap,
                                sizeof(Inv) * (size_t)cap * 2);
            cap *= 2;
        }
        inv[n++] = (Inv){arena_strdup(c->arena, db_text(st, 0)), "executive", 0};
    }
    if (db_done(st)) return c->err->code;
    for (int i = 0; i < r.naccounts; i++) {
        st = db_query(c->db, c->err,
                      "SELECT ku.login, su.login FROM account a LEFT JOIN app_user ku ON "
                      "ku.person_id = a.kam_id"
                      " AND ku.active = 1 LEFT JOIN app_user su ON su.person_id = a.sponsor_id AND "
                      "su.active = 1"
                      " WHERE a.id = ?",
                      DB_ARGS(DI(r.accounts[i])));
        if (!st) return c->err->code;
        if (db_next(st)) {
            if (n + 2 > cap) {
                inv = arena_realloc(c->arena, inv, sizeof(Inv) * (size_t)cap,
                                    sizeof(Inv) * (size_t)cap * 2);
                cap *= 2;
            }
            if (db_text(st, 0))
                inv[n++] = (Inv){arena_strdup(c->arena, db_text(st, 0)), "kam", r.accounts[i]};
            if (db_text(st, 1))
                inv[n++] = (Inv){arena_strdup(c->arena, db_text(st, 1)), "sponsor", r.accounts[i]};
        }
        if (db_done(st)) return c->err->code;
    }
    if (db_begin(c->db, c->err)) return c->err->code;
    for (int i = 0; i < n; i++) {
        int64_t id;
        ErrCode rc = as_invite(c, round_id, inv[i].login, inv[i].role, inv[i].account, &id);
        if (rc == KAM_ECONFLICT || rc == KAM_EINPUT) { /* already invited, or not eligible: skip */
            err_clear(c->err);
            continue;
        }
        if (rc) {
            db_rollback(c->db);
            return rc;
        }
        (*added)++;
    }
    if (db_commit(c->db, c->err)) {
        db_rollback(c->db);
        return c->err->code;
    }
    return KAM_OK;
}

ErrCode as_raters(Ctx *c, int64_t round_id, int64_t user_id, AsRaterRow **out, int *n)
{
    AsRound r;
    if (as_round_get(c, round_id, &r)) return c->err->code;
    if (!acl_edits_programme(&c->actor)) user_id = c->actor.user_id ? c->actor.user_id : -1;
    int per[AS_NLEVEL];
    if (level_counts(c, r.catalogue_id, per)) return c->err->code;
    int cap = r.nraters + 1;
    *out = ARENA_ARRAY(c->arena, AsRaterRow, cap);
    *n = 0;
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT r.id, r.user_id, u.login, r.rater_role, r.account_id, a.name, r.invited_on, "
        "r.reminded_on,"
        " r.completed_at, (SELECT count(*) FROM answer x WHERE x.rater_id = r.id),"
        " (SELECT count(*) FROM answer x WHERE x.rater_id = r.id AND x.na = 1)"
        " FROM rater r JOIN app_user u ON u.id = r.user_id LEFT JOIN account a ON a.id = "
        "r.account_id"
        " WHERE r.round_id = ? AND (? = 0 OR r.user_id = ?)"
        " ORDER BY CASE WHEN r.account_id IS NULL THEN 0 ELSE 1 END, r.account_id,"
        " CASE r.rater_role WHEN 'executive' THEN 0 WHEN 'sponsor' THEN 1 WHEN 'kam' THEN 2"
        " WHEN 'team' THEN 3 ELSE 4 END, u.login",
        DB_ARGS(DI(round_id), DI(user_id), DI(user_id)));
    if (!st) return c->err->code;
    while (db_next(st) && *n < cap) {
        AsRaterRow *x = &(*out)[(*n)++];
        memset(x, 0, sizeof *x);
        x->id = db_int(st, 0);
        x->round_id = round_id;
        x->user_id = db_int(st, 1);
        x->login = arena_strdup(c->arena, db_text(st, 2));
        x->role = arena_strdup(c->arena, db_text(st, 3));
        x->account_id = db_int(st, 4);
        x->account_name = db_text(st, 5) ? arena_strdup(c->arena, db_text(st, 5)) : NULL;
        x->invited_on = arena_strdup(c->arena, db_text(st, 6));
        x->reminded_on = db_text(st, 7) ? arena_strdup(c->arena, db_text(st, 7)) : NULL;
        x->completed_at = db_int(st, 8);
        x->answered = (int)db_int(st, 9);
        x->na = (int)db_int(st, 10);
        int ro = as_role_parse(x->role);
        x->level = as_rater_level((AsRole)(ro < 0 ? 0 : ro), x->account_id);
        x->expected = per[x->level];
    }
    return db_done(st);
}

ErrCode as_remind(Ctx *c, int64_t round_id, int *n)
{
    if (!acl_edits_programme(&c->actor)) return forbidden_programme(c, "reminding raters");
    AsRound r;
    if (as_round_get(c, round_id, &r)) return c->err->code;
    if (!str_eq(r.status, "open"))
        return err_set(c->err, KAM_ECONFLICT, "round %lld is %s: reminders go out while it is open",
                       (long long)round_id, r.status);
    if (db_exec(c->db, c->err,
                "UPDATE rater SET reminded_on = ? WHERE round_id = ? AND completed_at IS NULL",
                DB_ARGS(DT(c->today), DI(round_id))))
        return c->err->code;
    *n = (int)db_changes(c->db);
    return KAM_OK;
}

/* ================================================================ answers */

static ErrCode rater_get(Ctx *c, int64_t rater_id, AsRaterRow *out)
{
    int64_t round = 0;
    ErrCode rc = db_one_int(c->db, c->err, "SELECT round_id FROM rater WHERE id = ?",
                            DB_ARGS(DI(rater_id)), &round);
    if (rc == KAM_ENOTFOUND)
        return err_set(c->err, KAM_ENOTFOUND, "rater %lld not found", (long long)rater_id);
    if (rc) return rc;
    /* read every rater of the round as the system, then pick this one */
    Ctx sys = *c;
    sys.actor = actor_system();
    AsRaterRow *rows;
    int n;
    if (as_raters(&sys, round, 0, &rows, &n)) return c->err->code;
    for (int i = 0; i < n; i++)
        if (rows[i].id == rater_id) {
            *out = rows[i];
            return KAM_OK;
        }
    return err_set(c->err, KAM_ENOTFOUND, "rater %lld not found", (long long)rater_id);
}

/* A rater answers their own questionnaire; administrators (and the database
 * owner at the command line) may enter answers on a rater's behalf. */
static ErrCode may_answer(Ctx *c, const AsRaterRow *r)
{
    if (acl_is_admin(&c->actor) || (c->actor.user_id && c->actor.user_id == r->user_id))
        return KAM_OK;
    return err_set(c->err, KAM_EFORBIDDEN,
                   "%s may not answer for %s: each rater answers their own questionnaire",
                   c->actor.login ? c->actor.login : role_name(c->actor.role), r->login);
}

static ErrCode round_open(Ctx *c, int64_t round_id)
{
    AsRound r;
    Ctx sys = *c;
    sys.actor = actor_system();
    if (as_round_get(&sys, round_id, &r)) return c->err->code;
    if (str_eq(r.status, "open")) return KAM_OK;
    if (str_eq(r.status, "draft"))
        return err_set(c->err, KAM_ECONFLICT,
                       "round %lld is not open yet (kam assess round open %lld)",
                       (long long)round_id, (long long)round_id);
    return err_set(c->err, KAM_ECONFLICT, "round %lld is closed: answers are no longer taken",
                   (long long)round_id);
}

ErrCode as_questionnaire(Ctx *c, int64_t rater_id, AsRaterRow *rater, AsCatalogue *cat,
                         AsQuestion **q, int *n)
{
    if (rater_get(c, rater_id, rater) || may_answer(c, rater)) return c->err->code;
    int64_t cat_id = 0;
    if (db_one_int(c->db, c->err, "SELECT catalogue_id FROM assessment_round WHERE id = ?",
                   DB_ARGS(DI(rater->round_id)), &cat_id))
        return c->err->code;
    Ctx sys = *c;
    sys.actor = actor_system();
    if (as_catalogue_load(&sys, cat_id, cat)) return c->err->code;
    *q = ARENA_ARRAY(c->arena, AsQuestion, cat->nitems + 1);
    *n = 0;
    for (int i = 0; i < cat->nitems; i++)
        if (cat->items[i].level == rater->level) (*q)[(*n)++].item = &cat->items[i];
    DbStmt *st =
        db_query(c->db, c->err,
                 "SELECT item_id, score, na, importance, comment FROM answer WHERE rater_id = ?",
                 DB_ARGS(DI(rater_id)));
    if (!st) return c->err->code;
    while (db_next(st))
        for (int i = 0; i < *n; i++) {
            AsQuestion *x = &(*q)[i];
            if (x->item->id != db_int(st, 0)) continue;
            x->answered = true;
            x->na = db_int(st, 2) == 1;
            x->score = x->na ? 0 : (int)db_int(st, 1);
            x->importance = (int)db_int(st, 3);
            x->comment = arena_strdup(c->arena, db_text(st, 4) ? db_text(st, 4) : "");
        }
    return db_done(st);
}

/* "1".."5" -> score, "n"/"na"/"n/a" -> 0; false when neither. */
static bool parse_score(const char *s, int *score)
{
    if (!s) return false;
    char b[8];
    snprintf(b, sizeof b, "%s", s);
    str_trim(b);
    if (str_ieq(b, "n") || str_ieq(b, "na") || str_ieq(b, "n/a")) {
        *score = 0;
        return true;
    }
    int64_t v;
    if (!parse_int64(b, &v) || v < 1 || v > 5) return false;
    *score = (int)v;
    return true;
}

/* NULL or blank -> 0; "1".."5"; false otherwise. */
static bool parse_importance(const char *s, int *imp)
{
    *imp = 0;
    if (!s || str_empty(s)) return true;
    int64_t v;
    if (!parse_int64(s, &v) || v < 1 || v > 5) return false;
    *imp = (int)v;
    return true;
}

static ErrCode answer_write(Ctx *c, int64_t rater_id, int64_t item_id, int score, int importance,
                            const char *comment)
{
    return db_exec(
        c->db, c->err,
        "INSERT INTO answer (rater_id, item_id, score, na, importance, comment, answered_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rater_id, item_id) DO UPDATE SET"
        " score = excluded.score, na = excluded.na, importance = excluded.importance,"
        " comment = excluded.comment, answered_at = excluded.answered_at, version = answer.version "
        "+ 1",
        DB_ARGS(DI(rater_id), DI(item_id), score ? DI(score) : DNULL, DI(score ? 0 : 1),
                importance ? DI(importance) : DNULL, DT(comment ? comment : ""), DI(c->now)));
}

ErrCode as_answer_save(Ctx *c, int64_t rater_id, const char *item_code, const char *score,
                       const char *importance, const char *comment)
{
    AsRaterRow r;
    if (rater_get(c, rater_id, &r) || may_answer(c, &r) || round_open(c, r.round_id))
        return c->err->code;
    int sc, imp;
    if (!parse_score(score, &sc))
        return err_field(c->err, KAM_EINPUT, "score",
                         "score: \"%s\" is not 1-5 or n (not applicable)", score ? score : "");
    if (!parse_importance(importance, &imp))
        return err_field(c->err, KAM_EINPUT, "importance", "importance: \"%s\" is not 1-5",
                         importance);
    if (comment && utf8_len(comment) > AS_MAX_COMMENT)
        return err_field(c->err, KAM_EINPUT, "comment", "comment: at most %d characters",
                         AS_MAX_COMMENT);
    int64_t item = 0;
    ErrCode rc =
        db_one_int(c->db, c->err,
                   "SELECT i.id FROM assessment_item i JOIN assessment_round r ON r.catalogue_id = "
                   "i.catalogue_id"
                   " WHERE r.id = ? AND i.code = ? AND i.level = ?",
                   DB_ARGS(DI(r.round_id), DT(item_code), DT(as_level_name(r.level))), &item);
    if (rc == KAM_ENOTFOUND)
        return err_field(c->err, KAM_EINPUT, "item",
                         "item %s is not one of the %s items of this round", item_code,
                         as_level_name(r.level));
    if (rc) return rc;
    if (db_begin(c->db, c->err)) return c->err->code;
    rc = answer_write(c, rater_id, item, sc, imp, comment);
    if (!rc)
        rc = audit_write(
            c, "update", "answer", item, r.account_id, NULL,
            arena_printf(c->arena,
                         "{\"rater\":%lld,\"item\":\"%s\",\"score\":%s,\"importance\":%d}",
                         (long long)rater_id, item_code,
                         sc ? arena_printf(c->arena, "%d", sc) : "\"n\"", imp));
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}

ErrCode as_rater_finish(Ctx *c, int64_t rater_id, bool *complete)
{
    AsRaterRow r;
    if (rater_get(c, rater_id, &r) || may_answer(c, &r)) return c->err->code;
    *complete = r.answered >= r.expected && r.expected > 0;
    if (*complete && !r.completed_at)
        return db_exec(c->db, c->err, "UPDATE rater SET completed_at = ? WHERE id = ?",
                       DB_ARGS(DI(c->now), DI(rater_id)));
    return KAM_OK;
}

/* ================================================================ answer files */

typedef struct InRow {
    int row;
    const char *rater, *account, *item, *score, *importance, *comment;
} InRow;

typedef struct InRows {
    InRow *r;
    int n, cap;
} InRows;

static InRow *inrow_new(Ctx *c, InRows *l, int row)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        l->r = arena_realloc(c->arena, l->r, sizeof(InRow) * (size_t)l->cap,
                             sizeof(InRow) * (size_t)cap);
        l->cap = cap;
    }
    InRow *x = &l->r[l->n++];
    memset(x, 0, sizeof *x);
    x->row = row;
    return x;
}

static const char *const kColumns[] = {"rater",      "account", "item", "score",
                                       "importance", "comment", NULL};

/* Assign a CSV field or JSON value to the column of that name. */
static void inrow_set(InRow *x, int col, const char *v)
{
    switch (col) {
    case 0:
        x->rater = v;
        break;
    case 1:
        x->account = v;
        break;
    case 2:
        x->item = v;
        break;
    case 3:
        x->score = v;
        break;
    case 4:
        x->importance = v;
        break;
    default:
        x->comment = v;
        break;
    }
}

/* RFC 4180 with ',' or ';' (whichever the header line uses more), an
 * optional UTF-8 byte-order mark, quotes, doubled quotes and line breaks
 * inside quotes. Blank lines are skipped. */
static ErrCode csv_rows(Ctx *c, const char *file, const char *s, size_t len, InRows *out)
{
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, len -= 3;
    size_t bad;
    if (!utf8_valid(s, len, &bad))
        return err_set(c->err, KAM_EINPUT, "%s is not UTF-8 text (byte %zu); save it as UTF-8 CSV",
                       file, bad + 1);
    int commas = 0, semis = 0;
    bool q = false;
    for (size_t i = 0; i < len && (q || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            q = !q;
        else if (!q && s[i] == ',')
            commas++;
        else if (!q && s[i] == ';')
            semis++;
    }
    char delim = semis > commas ? ';' : ',';
    int col_of[16];
    int ncols = 0, record = 0;
    size_t i = 0;
    Buf f;
    const char *fields[16];
    while (i < len) {
        int nf = 0;
        bool blank = true, too_many = false;
        record++;
        for (;;) { /* one field */
            buf_init(&f, c->arena);
            buf_put(&f, "", 0);
            if (i < len && s[i] == '"') {
                blank = false;
                i++;
                for (;;) {
                    if (i >= len)
                        return err_set(c->err, KAM_EINPUT,
                                       "%s, row %d: a quoted field is not closed", file, record);
                    if (s[i] == '"' && i + 1 < len && s[i + 1] == '"') {
                        buf_putc(&f, '"');
                        i += 2;
                    } else if (s[i] == '"') {
                        i++;
                        break;
                    } else {
                        buf_putc(&f, s[i++]);
                    }
                }
                if (i < len && s[i] != delim && s[i] != '\n' && s[i] != '\r')
                    return err_set(c->err, KAM_EINPUT, "%s, row %d: text after a closing quote",
                                   file, record);
            } else {
                while (i < len && s[i] != delim && s[i] != '\n' && s[i] != '\r')
                    buf_putc(&f, s[i++]);
                if (f.len) blank = false;
            }
            if (nf < 16)
                fields[nf++] = str_trim((char *)buf_cstr(&f));
            else
                too_many = true;
            if (i < len && s[i] == delim) {
                blank = false;
                i++;
                continue;
            }
            if (i < len && s[i] == '\r') i++;
            if (i < len && s[i] == '\n') i++;
            break;
        }
        if (blank) continue;
        if (ncols == 0) { /* the header */
            if (too_many)
                return err_set(c->err, KAM_EINPUT, "%s, row %d: too many columns", file, record);
            bool seen[6] = {false};
            for (int k = 0; k < nf; k++) {
                col_of[k] = -1;
                for (int j = 0; kColumns[j]; j++)
                    if (str_ieq(fields[k], kColumns[j])) col_of[k] = j;
                if (col_of[k] < 0)
                    return err_set(c->err, KAM_EINPUT,
                                   "%s, row 1: unknown column \"%s\" (columns: rater, account, "
                                   "item, score, importance,"
                                   " comment)",
                                   file, fields[k]);
                if (seen[col_of[k]])
                    return err_set(c->err, KAM_EINPUT, "%s, row 1: column \"%s\" appears twice",
                                   file, fields[k]);
                seen[col_of[k]] = true;
            }
            for (int j = 0; j < 6; j++)
                if (!seen[j] && (j == 0 || j == 2 || j == 3))
                    return err_set(c->err, KAM_EINPUT,
                                   "%s, row 1: the header lacks the column \"%s\"", file,
                                   kColumns[j]);
            ncols = nf;
            continue;
        }
        if (out->n >= AS_MAX_FILE_ROWS)
            return err_set(c->err, KAM_ELIMIT, "%s has more than %d answers", file,
                           AS_MAX_FILE_ROWS);
        InRow *x = inrow_new(c, out, record);
        if (nf != ncols || too_many) {
            x->rater = NULL; /* flagged below through score */
            x->score = arena_printf(c->arena, "\x01%d", nf);
            continue;
        }
        for (int k = 0; k < nf; k++) inrow_set(x, col_of[k], *fields[k] ? fields[k] : NULL);
    }
    if (ncols == 0)
        return err_set(c->err, KAM_EINPUT, "%s is empty: it needs a header row and answers", file);
    return KAM_OK;
}

/* A JSON value as text (numbers written out), NULL for null; *bad when it
 * is an object, array or boolean. */
static const char *json_as_text(Ctx *c, json_t *v, bool *bad)
{
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) return arena_printf(c->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v)) return arena_printf(c->arena, "%.15g", json_real_value(v));
    *bad = true;
    return NULL;
}

static ErrCode json_rows(Ctx *c, const char *file, const char *s, size_t len, InRows *out,
                         Buf *errs, int *nerr)
{
    json_error_t je;
    json_t *root = json_loadb(s, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) return err_set(c->err, KAM_EINPUT, "%s, line %d: %s", file, je.line, je.text);
    json_t *list = json_is_array(root) ? root : json_object_get(root, "answers");
    if (!json_is_array(list)) {
        json_decref(root);
        return err_set(c->err, KAM_EINPUT,
                       "%s: expected a list of answers, or {\"answers\": [...]}", file);
    }
    if (json_array_size(list) > AS_MAX_FILE_ROWS) {
        json_decref(root);
        return err_set(c->err, KAM_ELIMIT, "%s has more than %d answers", file, AS_MAX_FILE_ROWS);
    }
    size_t i;
    json_t *o;
    json_array_foreach(list, i, o)
    {
        InRow *x = inrow_new(c, out, (int)i + 1);
        const char *why = NULL;
        if (!json_is_object(o)) why = "is not an object";
        const char *key;
        json_t *v;
        if (!why) json_object_foreach(o, key, v)
            {
                int col = -1;
                for (int j = 0; kColumns[j]; j++)
                    if (str_eq(kColumns[j], key)) col = j;
                bool bad = false;
                const char *t = json_as_text(c, v, &bad);
                if (col < 0)
                    why = arena_printf(
                        c->arena,
                        "unknown field \"%s\" (rater, account, item, score, importance, comment)",
                        key);
                else if (bad)
                    why = arena_printf(c->arena, "\"%s\" must be a number or text", key);
                if (why) break;
                inrow_set(x, col, t ? arena_strdup(c->arena, t) : NULL);
            }
        if (why) {
            if (*nerr < AS_MAX_ERRORS) buf_printf(errs, "\n  row %d: %s", x->row, why);
            (*nerr)++;
            x->row = -x->row; /* already reported */
        }
    }
    json_decref(root);
    return KAM_OK;
}

typedef struct Seen {
    int rater, item, row;
} Seen;

static int cmp_seen(const void *x, const void *y)
{
    const Seen *a = x, *b = y;
    if (a->rater != b->rater) return a->rater - b->rater;
    if (a->item != b->item) return a->item - b->item;
    return a->row - b->row;
}

ErrCode as_import(Ctx *c, int64_t round_id, const char *data, size_t len, const char *file,
                  int *nanswers, int *nraters)
{
    *nanswers = *nraters = 0;
    Ctx sys = *c;
    sys.actor = actor_system();
    AsRound round;
    if (as_round_get(c, round_id, &round)) return c->err->code;
    if (round_open(c, round_id)) return c->err->code;
    AsRaterRow *raters;
    int nr;
    AsCatalogue cat;
    if (as_raters(&sys, round_id, 0, &raters, &nr) ||
        as_catalogue_load(&sys, round.catalogue_id, &cat))
        return c->err->code;

    InRows rows = {0};
    Buf errs;
    buf_init(&errs, c->arena);
    int nerr = 0;
    size_t k = 0;
    while (k < len && isspace((unsigned char)data[k])) k++;
    bool is_json = k < len && (data[k] == '[' || data[k] == '{');
    if ((is_json ? json_rows(c, file, data, len, &rows, &errs, &nerr)
                 : csv_rows(c, file, data, len, &rows)))
        return c->err->code;
    if (rows.n == 0) return err_set(c->err, KAM_EINPUT, "%s holds no answers", file);

    int *rix = ARENA_ARRAY(c->arena, int, rows.n), *iix = ARENA_ARRAY(c->arena, int, rows.n);
    int *sc = ARENA_ARRAY(c->arena, int, rows.n), *imp = ARENA_ARRAY(c->arena, int, rows.n);
    for (int i = 0; i < rows.n; i++) {
        InRow *x = &rows.r[i];
        rix[i] = iix[i] = -1;
        if (x->row < 0) continue; /* reported while reading */
        const char *why = NULL;
        int64_t acct = 0;
        if (x->score && x->score[0] == '\x01')
            why = arena_printf(c->arena, "has %s fields, the header has a different number",
                               x->score + 1);
        else if (!x->rater)
            why = "no rater (the login of the person who answered)";
        else if (!x->item)
            why = "no item code";
        else if (x->account && (!parse_int64(x->account, &acct) || acct <= 0))
            why = arena_printf(c->arena, "account \"%s\" is not an account id", x->account);
        if (!why) {
            for (int j = 0; j < nr; j++)
                if (str_eq(raters[j].login, x->rater) && raters[j].account_id == acct) rix[i] = j;
            if (rix[i] < 0)
                why = arena_printf(c->arena, "%s is not invited to round %lld for %s", x->rater,
                                   (long long)round_id,
                                   acct ? arena_printf(c->arena, "account %lld", (long long)acct)
                                        : "the programme");
        }
        if (!why) {
            for (int j = 0; j < cat.nitems; j++)
                if (str_eq(cat.items[j].code, x->item)) iix[i] = j;
            if (iix[i] < 0)
                why =
                    arena_printf(c->arena, "no item \"%s\" in catalogue %s", x->item, cat.version);
            else if (cat.items[iix[i]].level != raters[rix[i]].level)
                why = arena_printf(c->arena, "%s is a %s item; %s answers %s items here", x->item,
                                   as_level_name(cat.items[iix[i]].level), x->rater,
                                   as_level_name(raters[rix[i]].level));
        }
        if (!why && !parse_score(x->score, &sc[i]))
            why = arena_printf(c->arena, "score \"%s\" is not 1-5 or n (not applicable)",
                               x->score ? x->score : "");
        if (!why && !parse_importance(x->importance, &imp[i]))
            why = arena_printf(c->arena, "importance \"%s\" is not 1-5", x->importance);
        if (!why && x->comment && utf8_len(x->comment) > AS_MAX_COMMENT)
            why =
                arena_printf(c->arena, "the comment is longer than %d characters", AS_MAX_COMMENT);
        if (!why && may_answer(c, &raters[rix[i]])) {
            why = arena_strdup(c->arena, c->err->msg);
            err_clear(c->err);
        }
        if (why) {
            if (nerr < AS_MAX_ERRORS) buf_printf(&errs, "\n  row %d: %s", x->row, why);
            nerr++;
            rix[i] = -1;
        }
    }
    /* the same rater and item twice */
    Seen *seen = ARENA_ARRAY(c->arena, Seen, rows.n);
    int ns = 0;
    for (int i = 0; i < rows.n; i++)
        if (rix[i] >= 0) seen[ns++] = (Seen){rix[i], iix[i], rows.r[i].row};
    qsort(seen, (size_t)ns, sizeof *seen, cmp_seen);
    for (int i = 1; i < ns; i++)
        if (seen[i].rater == seen[i - 1].rater && seen[i].item == seen[i - 1].item) {
            if (nerr < AS_MAX_ERRORS)
                buf_printf(&errs, "\n  row %d: repeats row %d (same rater, account and item)",
                           seen[i].row, seen[i - 1].row);
            nerr++;
        }
    if (nerr) {
        if (nerr > AS_MAX_ERRORS) buf_printf(&errs, "\n  (and %d more)", nerr - AS_MAX_ERRORS);
        return err_set(c->err, KAM_EINPUT, "%s: %d row%s wrong, nothing was imported:%s", file,
                       nerr, nerr == 1 ? " is" : "s are", buf_cstr(&errs));
    }

    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = KAM_OK;
    bool *touched = ARENA_ARRAY(c->arena, bool, nr + 1);
    for (int i = 0; !rc && i < rows.n; i++) {
        rc = answer_write(c, raters[rix[i]].id, cat.items[iix[i]].id, sc[i], imp[i],
                          rows.r[i].comment);
        touched[rix[i]] = true;
    }
    for (int j = 0; !rc && j < nr; j++) {
        if (!touched[j]) continue;
        (*nraters)++;
        int64_t n = 0;
        rc = db_one_int(c->db, c->err, "SELECT count(*) FROM answer WHERE rater_id = ?",
                        DB_ARGS(DI(raters[j].id)), &n);
        if (!rc && n >= raters[j].expected && raters[j].expected > 0 && !raters[j].completed_at)
            rc = db_exec(c->db, c->err, "UPDATE rater SET completed_at = ? WHERE id = ?",
                         DB_ARGS(DI(c->now), DI(raters[j].id)));
    }
    if (!rc)
        rc = audit_write(
            c, "import", "answer", round_id, 0, NULL,
            arena_printf(c->arena, "{\"file\":%s,\"answers\":%d}", json_quote(c, file), rows.n));
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    *nanswers = rows.n;
    return KAM_OK;
}

/* ================================================================ results */

/* Who may read results: the whole round for those who edit or may read the
 * programme (but not KAMs, who see their accounts); one account for anyone
 * who may read that account. Customer guests never. */
static ErrCode may_see_results(Ctx *c, const AsRound *r, int64_t account)
{
    if (c->actor.role == ROLE_GUEST)
        return err_set(c->err, KAM_EFORBIDDEN,
                       "assessment results are internal: customer guests do not see them");
    if (!account) {
        if (acl_edits_programme(&c->actor) ||
            (c->actor.role == ROLE_VIEWER && c->actor.viewer_programme))
            return KAM_OK;
        return err_set(c->err, KAM_EFORBIDDEN,
                       "the results of a whole round are for administrators and executives; give "
                       "--account ID for one"
                       " of your accounts");
    }
    unsigned rights = 0;
    if (acl_account_rights(c, account, &rights)) return c->err->code;
    if (!(rights & AR_READ))
        return err_set(c->err, KAM_ENOTFOUND, "account %lld not found", (long long)account);
    if (!round_has_account(r, account))
        return err_set(c->err, KAM_ENOTFOUND, "account %lld is not part of round %lld",
                       (long long)account, (long long)r->id);
    return KAM_OK;
}

typedef struct IdIdx {
    int64_t id;
    int idx;
} IdIdx;

static int cmp_ididx(const void *x, const void *y)
{
    const IdIdx *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}

static int find_idx(const IdIdx *v, int n, int64_t id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (v[mid].id == id) return v[mid].idx;
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static ErrCode results_impl(Ctx *c, int64_t round_id, int64_t account, bool evidence, AsReport *out)
{
    memset(out, 0, sizeof *out);
    if (as_round_get(c, round_id, &out->round) || may_see_results(c, &out->round, account))
        return c->err->code;
    out->account = account;
    Ctx sys = *c;
    sys.actor = actor_system();
    AsRaterRow *all;
    int nall;
    if (as_catalogue_load(&sys, out->round.catalogue_id, &out->cat) ||
        as_raters(&sys, round_id, 0, &all, &nall))
        return c->err->code;
    out->raters = ARENA_ARRAY(c->arena, AsRaterRow, nall + 1);
    for (int i = 0; i < nall; i++)
        if (!account || !all[i].account_id || all[i].account_id == account)
            out->raters[out->nraters++] = all[i];

    int ni = out->cat.nitems, nr = out->nraters;
    AsItem *items = ARENA_ARRAY(c->arena, AsItem, ni + 1);
    IdIdx *iid = ARENA_ARRAY(c->arena, IdIdx, ni + 1);
    for (int i = 0; i < ni; i++) {
        const AsCatItem *x = &out->cat.items[i];
        items[i] = (AsItem){x->code, x->dim, x->level, x->weight, x->mirror};
        iid[i] = (IdIdx){x->id, i};
    }
    qsort(iid, (size_t)ni, sizeof *iid, cmp_ididx);
    AsRater *raters = ARENA_ARRAY(c->arena, AsRater, nr + 1);
    IdIdx *rid = ARENA_ARRAY(c->arena, IdIdx, nr + 1);
    for (int i = 0; i < nr; i++) {
        raters[i] = (AsRater){as_role_parse(out->raters[i].role), out->raters[i].account_id};
        rid[i] = (IdIdx){out->raters[i].id, i};
    }
    qsort(rid, (size_t)nr, sizeof *rid, cmp_ididx);

    int64_t total = 0;
    if (db_one_int(
            c->db, c->err,
            "SELECT count(*) FROM answer x JOIN rater r ON r.id = x.rater_id WHERE r.round_id = ?",
            DB_ARGS(DI(round_id)), &total))
        return c->err->code;
    AsAnswer *ans = ARENA_ARRAY(c->arena, AsAnswer, total + 1);
    int na = 0;
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT x.rater_id, x.item_id, x.score, x.na, x.importance FROM answer x"
                          " JOIN rater r ON r.id = x.rater_id WHERE r.round_id = ? ORDER BY x.id",
                          DB_ARGS(DI(round_id)));
    if (!st) return c->err->code;
    while (db_next(st) && na < total) {
        int ri = find_idx(rid, nr, db_int(st, 0)), ii = find_idx(iid, ni, db_int(st, 1));
        if (ri < 0 || ii < 0) continue;
        ans[na++] =
            (AsAnswer){ri, ii, db_int(st, 3) == 1 ? 0 : (int)db_int(st, 2), (int)db_int(st, 4)};
    }
    if (db_done(st)) return c->err->code;

    int64_t *accounts = account ? &out->account : out->round.accounts;
    int nacc = account ? 1 : out->round.naccounts;

    /* evidence: once per rule and subject, accounts one after the other so
     * the account analysis is shared by the rules that read it */
    AsEvidence *ev = NULL;
    int nev = 0;
    if (evidence) {
        int cap = ni * (nacc + 1) + 1;
        ev = ARENA_ARRAY(c->arena, AsEvidence, cap);
        out->ev = ARENA_ARRAY(c->arena, EvResult, cap);
        for (int s = -1; s < nacc; s++) {
            int64_t acct = s < 0 ? 0 : accounts[s];
            EvCache cache = {0};
            for (int i = 0; i < ni; i++) {
                const AsCatItem *x = &out->cat.items[i];
                if (!*x->evidence || (s < 0) != (x->level == AS_CORPORATE)) continue;
                const EvRule *rule = ev_rule_find(x->evidence);
                if (!rule) continue;
                /* the same rule for another item of this subject: reuse it */
                int same = -1;
                for (int k = nev - 1; k >= 0 && ev[k].account_id == acct; k--)
                    if (out->ev[k].rule == rule) same = k;
                if (same >= 0)
                    out->ev[nev] = out->ev[same];
                else if (ev_compute(c, &cache, x->evidence, acct, &out->ev[nev]))
                    return c->err->code;
                ev[nev] = (AsEvidence){i, acct, out->ev[nev].has, out->ev[nev].share};
                nev++;
            }
        }
    }
    AsInput in = {items, ni, raters, nr, ans, na, ev, nev, accounts, nacc};
    as_compute(c->arena, &in, &out->res);

    out->subject_name = ARENA_ARRAY(c->arena, const char *, out->res.nsubjects + 1);
    out->subject_name[0] = is_it(c) ? "programma" : "programme";
    for (int s = 1; s < out->res.nsubjects; s++) {
        st = db_query(c->db, c->err, "SELECT name FROM account WHERE id = ?",
                      DB_ARGS(DI(out->res.subject[s].account_id)));
        if (!st) return c->err->code;
        out->subject_name[s] = db_next(st) ? arena_strdup(c->arena, db_text(st, 0)) : "?";
        if (db_done(st)) return c->err->code;
    }
    return KAM_OK;
}

ErrCode as_results(Ctx *c, int64_t round_id, int64_t account_id, AsReport *out)
{
    return results_impl(c, round_id, account_id, true, out);
}

/* Orders responses by rater (the report's order), then item (catalogue order). */
static int cmp_response(const void *x, const void *y)
{
    const AsResponse *a = x, *b = y;
    if (a->rater != b->rater) return a->rater < b->rater ? -1 : 1;
    return (a->item > b->item) - (a->item < b->item);
}

ErrCode as_responses(Ctx *c, const AsReport *rep, AsResponse **out, int *n)
{
    *out = NULL;
    *n = 0;
    if (may_see_results(c, &rep->round, rep->account)) return c->err->code;
    int ni = rep->cat.nitems, nr = rep->nraters;
    IdIdx *iid = ARENA_ARRAY(c->arena, IdIdx, ni + 1), *rid = ARENA_ARRAY(c->arena, IdIdx, nr + 1);
    for (int i = 0; i < ni; i++) iid[i] = (IdIdx){rep->cat.items[i].id, i};
    for (int i = 0; i < nr; i++) rid[i] = (IdIdx){rep->raters[i].id, i};
    qsort(iid, (size_t)ni, sizeof *iid, cmp_ididx);
    qsort(rid, (size_t)nr, sizeof *rid, cmp_ididx);
    int64_t total = 0;
    if (db_one_int(
            c->db, c->err,
            "SELECT count(*) FROM answer x JOIN rater r ON r.id = x.rater_id WHERE r.round_id = ?",
            DB_ARGS(DI(rep->round.id)), &total))
        return c->err->code;
    *out = ARENA_ARRAY(c->arena, AsResponse, total + 1);
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT x.rater_id, x.item_id, x.score, x.na, x.importance, x.comment,"
                          " x.answered_at FROM answer x JOIN rater r ON r.id = x.rater_id"
                          " WHERE r.round_id = ? ORDER BY x.id",
                          DB_ARGS(DI(rep->round.id)));
    if (!st) return c->err->code;
    while (db_next(st) && *n < total) {
        /* raters outside the report (other accounts) are not found: left out */
        int ri = find_idx(rid, nr, db_int(st, 0)), ii = find_idx(iid, ni, db_int(st, 1));
        if (ri < 0 || ii < 0) continue;
        const char *comment = db_text(st, 5);
        (*out)[(*n)++] = (AsResponse){.rater = &rep->raters[ri],
                                      .item = &rep->cat.items[ii],
                                      .na = db_int(st, 3) == 1,
                                      .score = (int)db_int(st, 2),
                                      .importance = (int)db_int(st, 4),
                                      .comment = arena_strdup(c->arena, comment ? comment : ""),
                                      .answered_at = db_int(st, 6)};
    }
    if (db_done(st)) return c->err->code;
    qsort(*out, (size_t)*n, sizeof **out, cmp_response);
    return KAM_OK;
}

ErrCode as_trend_load(Ctx *c, int64_t account_id, AsTrendRow **rows, int *n)
{
    *n = 0;
    int64_t total = 0;
    if (db_one_int(c->db, c->err,
                   "SELECT count(*) FROM assessment_round WHERE status IN ('open', 'closed')",
                   DB_NOARGS, &total))
        return c->err->code;
    *rows = ARENA_ARRAY(c->arena, AsTrendRow, total + 1);
    int64_t *ids = ARENA_ARRAY(c->arena, int64_t, total + 1);
    int nid = 0;
    DbStmt *st =
        account_id
            ? db_query(c->db, c->err,
                       "SELECT r.id FROM assessment_round r WHERE r.status IN ('open', 'closed')"
                       " AND EXISTS (SELECT 1 FROM round_account a WHERE a.round_id = r.id AND "
                       "a.account_id = ?)"
                       " ORDER BY r.opens_on, r.id",
                       DB_ARGS(DI(account_id)))
            : db_query(c->db, c->err,
                       "SELECT id FROM assessment_round WHERE status IN ('open', 'closed') ORDER "
                       "BY opens_on, id",
                       DB_NOARGS);
    if (!st) return c->err->code;
    while (db_next(st) && nid < total) ids[nid++] = db_int(st, 0);
    if (db_done(st)) return c->err->code;
    if (account_id) { /* the account must be visible even when no round holds it */
        unsigned rights = 0;
        if (c->actor.role == ROLE_GUEST)
            return err_set(c->err, KAM_EFORBIDDEN,
                           "assessment results are internal: customer guests do not see them");
        if (acl_account_rights(c, account_id, &rights)) return c->err->code;
        if (!(rights & AR_READ))
            return err_set(c->err, KAM_ENOTFOUND, "account %lld not found", (long long)account_id);
    }
    for (int i = 0; i < nid; i++) {
        AsReport rep;
        if (results_impl(c, ids[i], account_id, false, &rep)) return c->err->code;
        AsTrendRow *t = &(*rows)[(*n)++];
        t->round_id = ids[i];
        t->name = rep.round.name;
        t->opens_on = rep.round.opens_on;
        t->status = rep.round.status;
        for (int l = 0; l < AS_NLEVEL; l++) t->level[l] = rep.res.level[l];
    }
    return KAM_OK;
}

/* ================================================================ words */

static const char *dim_word(const Ctx *c, int d)
{
    static const char *const en[] = {"strategy", "solutions", "people", "account management",
                                     "evaluation"};
    static const char *const it[] = {"strategia", "soluzioni", "risorse umane",
                                     "gestione dell'account", "valutazione"};
    return d >= 0 && d < AS_NDIM ? (is_it(c) ? it : en)[d] : "?";
}

static const char *level_word(const Ctx *c, int l)
{
    static const char *const en[] = {"corporate", "operational", "customer"};
    static const char *const it[] = {"corporate", "operativo", "cliente"};
    return l >= 0 && l < AS_NLEVEL ? (is_it(c) ? it : en)[l] : "?";
}

/* Raters of a role, as a group: "KAMs", "i KAM". */
static const char *role_group(const Ctx *c, int r)
{
    static const char *const en[] = {"executives", "sponsors", "KAMs", "team members", "customers"};
    static const char *const it[] = {"i dirigenti", "gli sponsor", "i KAM", "i membri del team",
                                     "i clienti"};
    return r >= 0 && r < AS_NROLE ? (is_it(c) ? it : en)[r] : "?";
}

/* s with its first letter in capitals (ASCII), to open a sentence. */
static const char *cap1(Ctx *c, const char *s)
{
    char *t = arena_strdup(c->arena, s);
    t[0] = (char)toupper((unsigned char)t[0]);
    return t;
}

static const char *item_text(const Ctx *c, const AsCatItem *it)
{
    return is_it(c) ? it->text_it : it->text_en;
}

const char *as_rec_text(Ctx *c, const AsReport *r, const AsRec *x)
{
    bool it = is_it(c);
    const AsCatItem *item = x->item >= 0 ? &r->cat.items[x->item] : NULL;
    switch (x->kind) {
    case AS_REC_ITEM:
        return arena_printf(
            c->arena,
            it ? "Migliorare \xC2\xAB%s\xC2\xBB (%s): punteggio %.2f, giudicato importante (%.1f)"
               : "Raise \xE2\x80\x9C%s\xE2\x80\x9D (%s): it scores %.2f and is rated important "
                 "(%.1f)",
            item_text(c, item), item->code, x->score, x->importance);
    case AS_REC_DIMENSION:
        return arena_printf(c->arena,
                            it ? "Rafforzare %s a livello %s: %.2f su 5"
                               : "Strengthen %s at the %s level: %.2f of 5",
                            dim_word(c, x->dim), level_word(c, x->level), x->score);
    case AS_REC_CORP_OP: {
        const AsCorpOpGap *g = &r->res.corp_op[x->dim];
        return arena_printf(
            c->arena,
            it ? "Colmare il divario in %s tra il programma (%.2f) e gli account (%.2f)"
               : "Close the gap in %s between the programme (%.2f) and the accounts (%.2f)",
            dim_word(c, x->dim), g->corporate.v, g->operational.v);
    }
    case AS_REC_RATERS: {
        const AsRoleGap *g = &r->res.gaps[x->gap];
        const char *what =
            item ? arena_printf(c->arena, it ? "\xC2\xAB%s\xC2\xBB (%s)" : "\xE2\x80\x9C%s\xE2\x80\x9D (%s)",
                                item_text(c, item), item->code)
                 : dim_word(c, g->dim);
        const char *where = g->scope == AS_CORPORATE ? (it ? "nel programma" : "for the programme")
                                                     : (it ? "negli account" : "on the accounts");
        return arena_printf(c->arena,
                            it ? "%s valutano %s %.1f punti %s rispetto a %s, %s"
                               : "%s rate %s %.1f points %s than %s, %s",
                            cap1(c, role_group(c, g->a)), what, fabs(g->delta),
                            g->delta > 0 ? (it ? "in più" : "higher") : (it ? "in meno" : "lower"),
                            role_group(c, g->b), where);
    }
    case AS_REC_EVIDENCE:
        return arena_printf(c->arena,
                            it ? "Verificare \xC2\xAB%s\xC2\xBB (%s): le valutazioni non "
                                 "concordano con i dati di kam, o"
                                 " ne sono prive, in %d casi su %d"
                               : "Check \xE2\x80\x9C%s\xE2\x80\x9D (%s): the ratings disagree with "
                                 "kam's data, or lack"
                                 " it, in %d of %d cases",
                            item_text(c, item), item->code, x->count, x->of);
    }
    return "";
}

const char *as_rec_why(Ctx *c, const AsReport *r, const AsRec *x)
{
    bool it = is_it(c);
    return arena_printf(
        c->arena,
        it ? "urgenza %.1f = importanza %.1f%s \xC3\x97 %.2f punti da colmare; posizione %d di %d"
           : "urgency %.1f = importance %.1f%s \xC3\x97 %.2f points to close; rank %d of %d",
        x->urgency, x->importance,
        x->importance_given
            ? ""
            : (it ? " (predefinita: nessuno l'ha indicata)" : " (default: none given)"),
        x->points, x->rank, r->res.nrec);
}

/* ================================================================ JSON */

static json_t *jv(AsValue v)
{
    return v.has ? json_real(v.v) : json_null();
}

static json_t *level_json(const AsLevelScore *l, const AsValue *spread)
{
    json_t *o = json_object(), *d = json_object(), *sp = json_object();
    json_object_set_new(o, "score", jv(l->mean));
    json_object_set_new(o, "index", l->mean.has ? json_real(l->index) : json_null());
    json_object_set_new(o, "weakest",
                        l->weakest >= 0 ? json_string(as_dim_name(l->weakest)) : json_null());
    json_object_set_new(o, "weakest_ties", json_integer(l->nweakest));
    json_object_set_new(o, "expected", json_integer(l->expected));
    json_object_set_new(o, "scored", json_integer(l->scored));
    json_object_set_new(o, "not_applicable", json_integer(l->na));
    json_object_set_new(o, "coverage", json_real(l->coverage));
    for (int k = 0; k < AS_NDIM; k++) {
        json_object_set_new(d, as_dim_name(k), jv(l->dim[k]));
        if (spread) json_object_set_new(sp, as_dim_name(k), jv(spread[k]));
    }
    json_object_set_new(o, "dimensions", d);
    if (spread)
        json_object_set_new(o, "spread_sd", sp);
    else
        json_decref(sp);
    return o;
}

json_t *as_report_json(Ctx *c, const AsReport *r)
{
    const AsResult *s = &r->res;
    json_t *root = json_object();
    json_t *round = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)r->round.id,
                              "name", r->round.name, "status", r->round.status, "scope",
                              r->round.scope, "catalogue", r->round.catalogue_version, "opens_on",
                              r->round.opens_on, "deadline", r->round.deadline);
    json_object_set_new(root, "round", round);
    json_object_set_new(root, "account", r->account ? json_integer(r->account) : json_null());
    int complete = 0;
    for (int i = 0; i < r->nraters; i++) complete += r->raters[i].completed_at != 0;
    json_object_set_new(root, "raters",
                        json_pack("{s:i,s:i}", "invited", r->nraters, "complete", complete));

    json_t *levels = json_object();
    for (int l = 0; l < AS_NLEVEL; l++)
        json_object_set_new(levels, as_level_name(l), level_json(&s->level[l], s->dim_spread[l]));
    json_object_set_new(root, "levels", levels);

    json_t *co = json_array();
    for (int d = 0; d < AS_NDIM; d++) {
        const AsCorpOpGap *g = &s->corp_op[d];
        json_array_append_new(
            co, json_pack("{s:s,s:o,s:o,s:o,s:b}", "dimension", as_dim_name(d), "corporate",
                          jv(g->corporate), "operational", jv(g->operational), "delta",
                          g->has ? json_real(g->delta) : json_null(), "flagged", g->flagged));
    }
    json_object_set_new(root, "corporate_operational_gaps", co);

    json_t *gaps = json_array();
    for (int k = 0; k < s->ngaps; k++) {
        const AsRoleGap *g = &s->gaps[k];
        json_t *o = json_pack(
            "{s:s,s:s,s:s,s:s,s:f,s:i,s:b}", "a", as_role_name(g->a), "b", as_role_name(g->b),
            "scope", g->scope == AS_CORPORATE ? "programme" : "accounts", "dimension",
            as_dim_name(g->dim), "delta", g->delta, "subjects", g->n, "flagged", g->flagged);
        json_object_set_new(o, "item",
                            g->item >= 0 ? json_string(r->cat.items[g->item].code) : json_null());
        json_object_set_new(
            o, "item_b", g->item_b >= 0 ? json_string(r->cat.items[g->item_b].code) : json_null());
        json_object_set_new(o, "largest_at",
                            g->worst_account ? json_integer(g->worst_account) : json_null());
        json_array_append_new(gaps, o);
    }
    json_object_set_new(root, "rater_gaps", gaps);

    json_t *items = json_array();
    for (int i = 0; i < r->cat.nitems; i++) {
        const AsCatItem *x = &r->cat.items[i];
        const AsIp *ip = &s->ip[i];
        json_t *o =
            json_pack("{s:s,s:s,s:s,s:f}", "code", x->code, "level", as_level_name(x->level),
                      "dimension", as_dim_name(x->dim), "weight", x->weight);
        json_object_set_new(o, "score", jv(ip->performance));
        json_object_set_new(o, "importance", jv(ip->importance));
        json_object_set_new(o, "priority",
                            ip->performance.has && ip->importance.has ? json_real(ip->priority)
                                                                      : json_null());
        json_object_set_new(o, "quadrant", json_string(as_quadrant_name(ip->quadrant)));
        json_object_set_new(o, "spread_sd",
                            s->spread[i].n ? json_real(s->spread[i].sd) : json_null());
        json_object_set_new(o, "spread_range",
                            s->spread[i].n ? json_real(s->spread[i].range) : json_null());
        json_array_append_new(items, o);
    }
    json_object_set_new(root, "items", items);

    json_t *ev = json_array();
    for (int k = 0; k < s->nev; k++) {
        const AsEvCheck *e = &s->ev[k];
        const EvResult *er = r->ev ? &r->ev[k] : NULL;
        json_t *o = json_pack("{s:s}", "item", r->cat.items[e->item].code);
        json_object_set_new(o, "account",
                            e->account_id ? json_integer(e->account_id) : json_null());
        json_object_set_new(o, "rule", json_string(r->cat.items[e->item].evidence));
        json_object_set_new(o, "rating", jv(e->rating));
        json_object_set_new(o, "evidence_share",
                            e->has_evidence ? json_real(e->share) : json_null());
        json_object_set_new(o, "evidence_score",
                            e->has_evidence ? json_real(e->score) : json_null());
        if (er) {
            json_object_set_new(o, "num", json_integer(er->num));
            json_object_set_new(o, "den", json_integer(er->den));
            json_object_set_new(o, "explanation", json_string(er->text ? er->text : ""));
        }
        json_object_set_new(o, "disagree", json_boolean(e->disagree));
        json_object_set_new(o, "unsupported", json_boolean(e->unsupported));
        json_array_append_new(ev, o);
    }
    json_object_set_new(root, "evidence", ev);

    json_t *acc = json_array();
    for (int k = 1; k < s->nsubjects; k++) {
        const AsSubject *sub = &s->subject[k];
        json_t *o =
            json_pack("{s:I,s:s}", "id", (json_int_t)sub->account_id, "name", r->subject_name[k]);
        json_object_set_new(o, "operational", level_json(&sub->level[AS_OPERATIONAL], NULL));
        json_object_set_new(o, "customer", level_json(&sub->level[AS_CUSTOMER], NULL));
        json_array_append_new(acc, o);
    }
    json_object_set_new(root, "accounts", acc);

    json_t *recs = json_array();
    for (int k = 0; k < s->nrec; k++) {
        const AsRec *x = &s->rec[k];
        char link[64];
        as_link(x->account_id, x->dim, link, sizeof link);
        json_t *o =
            json_pack("{s:i,s:s,s:s,s:s}", "rank", x->rank, "kind", as_rec_kind_name(x->kind),
                      "level", as_level_name(x->level), "dimension", as_dim_name(x->dim));
        json_object_set_new(o, "item",
                            x->item >= 0 ? json_string(r->cat.items[x->item].code) : json_null());
        json_object_set_new(o, "account",
                            x->account_id ? json_integer(x->account_id) : json_null());
        json_object_set_new(o, "text", json_string(as_rec_text(c, r, x)));
        json_object_set_new(o, "why", json_string(as_rec_why(c, r, x)));
        json_object_set_new(o, "link", json_string(link));
        json_object_set_new(o, "urgency", json_real(x->urgency));
        json_object_set_new(o, "importance", json_real(x->importance));
        json_object_set_new(o, "importance_given", json_boolean(x->importance_given));
        json_object_set_new(o, "points", json_real(x->points));
        json_array_append_new(recs, o);
    }
    json_object_set_new(root, "recommendations", recs);
    return root;
}
