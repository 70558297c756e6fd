/* The account plan in an account's assessment report: the plan fields,
 * customer goals, our objectives, joint initiatives and KPIs, read through
 * plan_snapshot() (svc/plan.h), which checks the actor may read the
 * account. */
#include "report.h"

#include "../core/text.h"
#include "../svc/plan.h"

/* A snapshot value as text ("" for null). */
static const char *jtext(RpDoc *d, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v)) return arena_strdup(d->arena, json_string_value(v));
    if (json_is_integer(v)) return arena_printf(d->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v)) return rp_num(d, json_real_value(v), 2);
    if (json_is_true(v)) return "✓";
    return "";
}

/* An enum value in the reader's language, or the value itself. */
static const char *enum_text(RpDoc *d, const char *field, const char *v)
{
    if (!v || !*v) return "";
    const char *key = arena_printf(d->arena, "enum.%s.%s", field, v);
    return tr_has(d->lang, key) ? tr(d->lang, key) : v;
}

static const char *date_text(RpDoc *d, const char *v)
{
    return v && *v ? rp_date(d, v) : "";
}

typedef struct PlanCol {
    const char *field;
    char kind; /* t text, e enum, d date */
} PlanCol;

/* One section of the snapshot as a table of the given columns. */
static void plan_table(RpDoc *d, json_t *sections, const char *name, const char *title_key,
                       const PlanCol *cols, int ncols)
{
    rp_add(d, RP_SUB, tr(d->lang, title_key));
    json_t *arr = json_object_get(sections, name);
    if (!json_array_size(arr)) {
        rp_add(d, RP_PARA, tr(d->lang, "report.plan.none"));
        return;
    }
    const char *head[8];
    for (int c = 0; c < ncols; c++)
        head[c] = tr(d->lang, arena_printf(d->arena, "field.%s", cols[c].field));
    RpBlock *t = rp_table(d, ncols, head, 0);
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        const char *row[8];
        for (int c = 0; c < ncols; c++) {
            const char *v = jtext(d, o, cols[c].field);
            row[c] = cols[c].kind == 'e'   ? enum_text(d, cols[c].field, v)
                     : cols[c].kind == 'd' ? date_text(d, v)
                                           : v;
        }
        rp_row(d, t, false, row);
    }
}

ErrCode report_plan(Ctx *c, RpDoc *d, int64_t account_id)
{
    json_t *snap;
    if (plan_snapshot(c, account_id, &snap)) return c->err->code;
    json_t *sections = json_object_get(snap, "sections");
    RpBlock *s = rp_add(d, RP_SECTION, tr(d->lang, "report.s.plan"));
    s->anchor = "plan";
    json_t *acct = json_object_get(sections, "account");
    if (json_is_array(acct)) acct = json_array_get(acct, 0);
    static const char *const fields[] = {"profile", "markets", "customer_strategy",
                                         "account_strategy", "collaboration_protocol"};
    RpBlock *f = rp_add(d, RP_FACTS, NULL);
    f->cells = ARENA_ARRAY(d->arena, const char *, 10);
    for (int i = 0; i < 5; i++) {
        const char *v = jtext(d, acct, fields[i]);
        f->cells[2 * i] = tr(d->lang, arena_printf(d->arena, "field.%s", fields[i]));
        f->cells[2 * i + 1] = *v ? v : "—";
    }
    f->nrows = 5;
    static const PlanCol goals[] = {{"title", 't'}, {"horizon", 't'}, {"priority", 't'}};
    static const PlanCol objectives[] = {{"level", 'e'},  {"title", 't'},    {"measure", 't'},
                                         {"target", 't'}, {"deadline", 'd'}, {"status", 'e'}};
    static const PlanCol initiatives[] = {{"title", 't'}, {"status", 'e'}, {"due_on", 'd'}};
    static const PlanCol kpis[] = {{"name", 't'}, {"target", 't'}, {"unit", 't'}};
    plan_table(d, sections, "customer_goals", "ws.goals", goals, 3);
    plan_table(d, sections, "objectives", "ws.objectives", objectives, 6);
    plan_table(d, sections, "initiatives", "ws.initiatives", initiatives, 3);
    plan_table(d, sections, "kpis", "ws.kpis", kpis, 3);
    json_decref(snap); /* every text above was copied into the arena */
    return KAM_OK;
}
