/* The dashboard as JSON: one shape for GET /api/v1/dashboard and
 * `kam dashboard --json`. Missing ratios (no denominator) are null. */
#include "dashboard.h"

#include <math.h>

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *fraction(int num_, int den)
{
    json_t *o = json_pack("{s:i,s:i}", "count", num_, "of", den);
    json_object_set_new(o, "share", den ? json_real((double)num_ / den) : json_null());
    return o;
}

json_t *dash_json(const Dashboard *d, bool with_accounts)
{
    json_t *o = json_object();
    json_t *f = json_object();
    if (d->filter.kam_id) json_object_set_new(f, "kam", json_integer(d->filter.kam_id));
    if (d->filter.industry && *d->filter.industry)
        json_object_set_new(f, "industry", json_string(d->filter.industry));
    if (d->filter.country && *d->filter.country)
        json_object_set_new(f, "country", json_string(d->filter.country));
    if (d->filter.stage) json_object_set_new(f, "stage", json_integer(d->filter.stage));
    if (d->filter.quadrant >= 0)
        json_object_set_new(f, "quadrant",
                            json_string(pf_quadrant_name((PfQuadrant)d->filter.quadrant)));
    json_object_set_new(o, "filter", f);
    json_object_set_new(o, "year", d->year ? json_integer(d->year) : json_null());
    json_object_set_new(o, "key_accounts", json_integer(d->nkey));
    json_object_set_new(o, "target_key_accounts",
                        d->target_key_accounts >= 0 ? json_integer(d->target_key_accounts)
                                                    : json_null());
    json_object_set_new(o, "revenue",
                        json_pack("{s:o,s:o,s:o,s:o}", "key", num(d->key_revenue), "company",
                                  num(d->company_revenue), "share", num(d->revenue_share), "target",
                                  num(d->target_revenue_share)));
    json_object_set_new(o, "margin",
                        json_pack("{s:o,s:o,s:o,s:o}", "key", num(d->key_margin), "company",
                                  num(d->company_margin), "share", num(d->margin_share), "target",
                                  num(d->target_margin_share)));
    json_object_set_new(o, "growth",
                        json_pack("{s:{s:o,s:o,s:o},s:{s:o,s:o,s:o}}", "key", "revenue",
                                  num(d->key_revenue), "revenue_prev", num(d->key_revenue_prev),
                                  "growth", num(d->growth_key), "other", "revenue",
                                  num(d->other_revenue), "revenue_prev", num(d->other_revenue_prev),
                                  "growth", num(d->growth_other)));
    json_object_set_new(o, "retention", fraction(d->retained, d->retention_base));
    json_t *q = json_object();
    for (int i = 0; i <= PF_OPPORTUNISTIC; i++)
        json_object_set_new(q, pf_quadrant_name((PfQuadrant)i), json_integer(d->quadrant[i]));
    json_t *st = json_object();
    for (int i = 1; i <= 5; i++) {
        char k[2] = {(char)('0' + i), 0};
        json_object_set_new(st, k, json_integer(d->stage[i]));
    }
    json_object_set_new(o, "mix",
                        json_pack("{s:o,s:o,s:i}", "quadrant", q, "stage", st, "disintegrating",
                                  d->disintegrating));
    json_object_set_new(o, "sponsor_coverage", fraction(d->with_sponsor, d->nkey));
    json_object_set_new(o, "plan_coverage", fraction(d->plan_current, d->nkey));
    json_object_set_new(o, "plan_cutoff", json_string(d->plan_cutoff));
    json_t *b = json_object();
    for (int i = 0; i < DB_NBANDS; i++)
        json_object_set_new(b, dash_band_name((DashBand)i), json_integer(d->band[i]));
    json_object_set_new(o, "kpi_attainment", b);
    json_object_set_new(
        o, "went_off_track",
        json_pack("{s:i,s:s}", "count", d->went_off_track, "since", d->quarter_start));
    json_t *e = json_array();
    for (int i = 0; i < d->nescalations; i++) {
        const DashEscalation *x = &d->escalations[i];
        json_array_append_new(
            e, json_pack("{s:I,s:I,s:s,s:s,s:s?,s:s?,s:b}", "id", (json_int_t)x->id, "account_id",
                         (json_int_t)x->account_id, "title", x->title, "account", x->account,
                         "due_on", x->due_on, "executive", x->executive, "overdue", x->overdue));
    }
    json_object_set_new(o, "escalations",
                        json_pack("{s:i,s:i,s:o}", "open", d->open_escalations, "overdue",
                                  d->overdue_escalations, "items", e));
    json_t *w = json_array();
    for (int i = 0; i < d->nweakest; i++) {
        const DashAccount *k = &d->acct[d->weakest[i]];
        json_array_append_new(w, json_pack("{s:I,s:s,s:o}", "id", (json_int_t)k->id, "name",
                                           k->name, "kpi_attainment", num(k->attainment)));
    }
    json_object_set_new(o, "weakest", w);
    if (with_accounts) {
        json_t *a = json_array();
        for (int i = 0; i < d->nacc; i++) {
            const DashAccount *k = &d->acct[i];
            json_t *x = json_pack(
                "{s:I,s:s,s:s,s:s,s:s,s:i,s:b,s:o,s:o,s:o,s:s,s:b,s:b,s:o,s:s,s:i}", "id",
                (json_int_t)k->id, "name", k->name, "status", k->status, "industry", k->industry,
                "country", k->country, "stage", k->stage, "disintegrating", k->disintegrating,
                "revenue", num(k->revenue), "revenue_prev", num(k->revenue_prev), "margin",
                num(k->margin), "quadrant", pf_quadrant_name(k->quadrant), "sponsor",
                k->sponsor_id != 0, "plan_current", k->plan_current, "kpi_attainment",
                num(k->attainment), "kpi_band", dash_band_name(k->band), "open_escalations",
                k->open_escalations);
            json_object_set_new(x, "kam_id", k->kam_id ? json_integer(k->kam_id) : json_null());
            json_object_set_new(x, "kam", k->kam_id ? json_string(k->kam) : json_null());
            json_array_append_new(a, x);
        }
        json_object_set_new(o, "accounts", a);
    }
    json_t *as = json_array();
    for (int i = 0; i < d->nrounds; i++)
        json_array_append_new(as, json_pack("{s:I,s:s,s:s?,s:o,s:o}", "round",
                                            (json_int_t)d->rounds[i].id, "name", d->rounds[i].name,
                                            "opens_on", d->rounds[i].opens_on, "corporate",
                                            num(d->rounds[i].corporate), "operational",
                                            num(d->rounds[i].operational)));
    json_object_set_new(o, "assessment", as);
    return o;
}
