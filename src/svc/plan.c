/* Account plan snapshots, freezing and comparison: see plan.h. */
#include "plan.h"

#include "../core/text.h"
#include "acl.h"
#include "audit.h"

#include <stdlib.h>
#include <string.h>

const char *const kPlanSections[PLAN_NSECTIONS + 1] = {"account",
                                                       "customer_goals",
                                                       "objectives",
                                                       "initiatives",
                                                       "parties",
                                                       "solution_cells",
                                                       "solution_projects",
                                                       "team_members",
                                                       "contact_positions",
                                                       "cadences",
                                                       "kpis",
                                                       "agreements",
                                                       NULL};

static const char *const kPlanAccountFields[] = {"name",
                                                 "status",
                                                 "stage",
                                                 "target_stage",
                                                 "profile",
                                                 "markets",
                                                 "customer_strategy",
                                                 "account_strategy",
                                                 "collaboration_protocol",
                                                 "kam_id",
                                                 "sponsor_id",
                                                 "revenue",
                                                 "potential",
                                                 NULL};

/* A record as snapshot JSON: no version or timestamps. */
static json_t *plain(Ctx *c, const Record *r)
{
    json_t *j = record_to_json(c, r);
    json_object_del(j, "version");
    json_object_del(j, "updated_at");
    json_object_del(j, "created_at");
    return j;
}

ErrCode plan_snapshot(Ctx *c, int64_t account_id, json_t **out)
{
    *out = NULL;
    Record *acct;
    if (ent_get(c, entity_find("account"), account_id, &acct)) return c->err->code;
    json_t *sections = json_object();
    json_t *a = json_object(), *full = plain(c, acct);
    json_object_set_new(a, "id", json_integer(account_id));
    for (int i = 0; kPlanAccountFields[i]; i++) {
        json_t *v = json_object_get(full, kPlanAccountFields[i]);
        if (v) json_object_set(a, kPlanAccountFields[i], v);
    }
    json_decref(full);
    json_object_set_new(sections, "account", json_pack("[o]", a));
    for (int s = 1; kPlanSections[s]; s++) {
        const EntityDef *def = entity_find(kPlanSections[s]);
        RecordList l;
        ListQuery q = {.account_id = account_id, .limit = -1};
        if (!def || ent_list(c, def, &q, &l)) {
            json_decref(sections);
            return c->err->code
                       ? c->err->code
                       : err_set(c->err, KAM_EINTERNAL, "plan: no kind %s", kPlanSections[s]);
        }
        json_t *arr = json_array();
        for (int i = 0; i < l.n; i++) json_array_append_new(arr, plain(c, &l.items[i]));
        json_object_set_new(sections, kPlanSections[s], arr);
    }
    *out = json_pack("{s:i, s:o}", "format", 1, "sections", sections);
    return KAM_OK;
}

ErrCode plan_freeze(Ctx *c, int64_t account_id, const char *label, const char *note, int64_t *id)
{
    unsigned rights = 0;
    if (acl_account_rights(c, account_id, &rights)) return c->err->code;
    if (!(rights & AR_READ))
        return err_set(c->err, KAM_ENOTFOUND, "account %lld not found", (long long)account_id);
    if (!(rights & AR_OPERATE) || c->actor.role == ROLE_VIEWER)
        return err_set(c->err, KAM_EFORBIDDEN, "you may not freeze the plan of this account");
    char *lb = arena_strdup(c->arena, label ? label : "");
    str_trim(lb);
    size_t n = utf8_len(lb);
    if (n < 1 || n > 60) {
        err_set(c->err, KAM_EINPUT, "a version label has 1 to 60 characters");
        snprintf(c->err->field, sizeof c->err->field, "label");
        return KAM_EINPUT;
    }
    int64_t dup = 0;
    if (db_one_int(c->db, c->err,
                   "SELECT COUNT(*) FROM plan_version WHERE account_id = ? AND label = ?",
                   DB_ARGS(DI(account_id), DT(lb)), &dup))
        return c->err->code;
    if (dup) {
        err_set(c->err, KAM_ECONFLICT, "this account already has a plan version “%s”", lb);
        snprintf(c->err->field, sizeof c->err->field, "label");
        return KAM_ECONFLICT;
    }
    json_t *snap;
    if (plan_snapshot(c, account_id, &snap)) return c->err->code;
    char *text = json_dumps(snap, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(snap);
    if (!text) return err_set(c->err, KAM_EINTERNAL, "plan: cannot write the snapshot");
    char *stored = arena_strdup(c->arena, text);
    free(text);
    if (db_begin(c->db, c->err)) return c->err->code;
    if (db_insert(c->db, c->err,
                  "INSERT INTO plan_version (account_id, label, frozen_on, frozen_by, note, "
                  "snapshot, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  DB_ARGS(DI(account_id), DT(lb), DT(c->today), DIN(c->actor.user_id),
                          DT(note ? note : ""), DT(stored), DI(c->now)),
                  id) ||
        audit_write(c, "create", "plan_version", *id, account_id, NULL, NULL) ||
        db_commit(c->db, c->err)) {
        db_rollback(c->db);
        return c->err->code;
    }
    return KAM_OK;
}

ErrCode plan_load(Ctx *c, int64_t account_id, int64_t version_id, json_t **out)
{
    Record *v;
    *out = NULL;
    if (ent_get(c, entity_find("plan_version"), version_id, &v)) return c->err->code;
    if (record_int(v, "account_id") != account_id)
        return err_set(c->err, KAM_ENOTFOUND, "plan version %lld not found", (long long)version_id);
    json_error_t je;
    const char *s = record_get(v, "snapshot");
    *out = s ? json_loads(s, 0, &je) : NULL;
    if (!*out)
        return err_set(c->err, KAM_EINTERNAL, "plan version %lld: unreadable snapshot",
                       (long long)version_id);
    return KAM_OK;
}

static const char *item_title(Arena *a, json_t *o)
{
    static const char *const keys[] = {"title", "name", "label", NULL};
    for (int i = 0; keys[i]; i++) {
        json_t *v = json_object_get(o, keys[i]);
        if (json_is_string(v) && *json_string_value(v))
            return arena_strdup(a, json_string_value(v));
    }
    return arena_printf(a, "#%lld", (long long)json_integer_value(json_object_get(o, "id")));
}

static json_t *find_id(json_t *arr, json_int_t id)
{
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o) if (json_integer_value(json_object_get(o, "id")) == id) return o;
    return NULL;
}

static void push(Arena *a, PlanDiffSection *s, int *cap, PlanDiffItem it)
{
    if (s->n == *cap) {
        int nc = *cap ? *cap * 2 : 8;
        s->items = arena_realloc(a, s->items, sizeof(PlanDiffItem) * (size_t)*cap,
                                 sizeof(PlanDiffItem) * (size_t)nc);
        *cap = nc;
    }
    s->items[s->n++] = it;
}

/* Snapshots written before format 1 (the demo's: {"stage", "target_stage",
 * "goals": [{"id"}], "objectives": [...], "initiatives": [...]}) in the
 * sections shape, holding only what they recorded. */
static json_t *legacy_sections(json_t *old, json_t *to_sections)
{
    json_t *s = json_object();
    json_t *acct = json_object(),
           *live = json_array_get(json_object_get(to_sections, "account"), 0);
    json_object_set_new(acct, "id", json_integer(json_integer_value(json_object_get(live, "id"))));
    static const char *const keep[] = {"stage", "target_stage", NULL};
    for (int i = 0; keep[i]; i++)
        if (json_object_get(old, keep[i]))
            json_object_set(acct, keep[i], json_object_get(old, keep[i]));
    json_object_set_new(s, "account", json_pack("[o]", acct));
    static const char *const map[][2] = {
        {"goals", "customer_goals"}, {"objectives", "objectives"}, {"initiatives", "initiatives"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (json_is_array(json_object_get(old, map[i][0])))
            json_object_set(s, map[i][1], json_object_get(old, map[i][0]));
    return s;
}

void plan_diff(Arena *a, json_t *from, json_t *to, PlanDiffSection out[PLAN_NSECTIONS])
{
    json_t *fs = json_object_get(from, "sections"), *ts = json_object_get(to, "sections");
    /* An old snapshot recorded some fields only: compare those, and leave
     * out the sections it did not record. */
    bool partial = !fs;
    json_t *legacy = partial ? legacy_sections(from, ts) : NULL;
    if (partial) fs = legacy;
    for (int k = 0; k < PLAN_NSECTIONS; k++) {
        PlanDiffSection *s = &out[k];
        memset(s, 0, sizeof *s);
        s->name = kPlanSections[k];
        int cap = 0;
        json_t *fa = json_object_get(fs, s->name), *ta = json_object_get(ts, s->name);
        if (partial && !fa) continue;
        size_t i;
        json_t *o;
        json_array_foreach(ta, i, o)
        {
            json_int_t id = json_integer_value(json_object_get(o, "id"));
            json_t *old = find_id(fa, id);
            if (!old) {
                push(a, s, &cap,
                     (PlanDiffItem){.change = PLAN_ADDED, .id = id, .title = item_title(a, o)});
                continue;
            }
            const char **fields = NULL;
            int nf = 0;
            const char *key;
            json_t *v;
            size_t nkeys = json_object_size(o) + json_object_size(old);
            json_object_foreach(o, key, v)
            {
                if (partial && !json_object_get(old, key)) continue;
                if (json_equal(v, json_object_get(old, key))) continue;
                if (!fields) fields = ARENA_ARRAY(a, const char *, nkeys + 1);
                fields[nf++] = arena_strdup(a, key);
            }
            json_object_foreach(old, key, v)
            {
                if (partial || json_object_get(o, key)) continue;
                if (!fields) fields = ARENA_ARRAY(a, const char *, nkeys + 1);
                fields[nf++] = arena_strdup(a, key);
            }
            if (nf)
                push(a, s, &cap,
                     (PlanDiffItem){.change = PLAN_CHANGED,
                                    .id = id,
                                    .title = item_title(a, o),
                                    .fields = fields,
                                    .nfields = nf});
        }
        json_array_foreach(fa, i, o)
        {
            json_int_t id = json_integer_value(json_object_get(o, "id"));
            if (!find_id(ta, id))
                push(a, s, &cap,
                     (PlanDiffItem){.change = PLAN_REMOVED, .id = id, .title = item_title(a, o)});
        }
    }
    if (legacy) json_decref(legacy);
}
