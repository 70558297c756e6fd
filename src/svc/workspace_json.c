/* The overview of an account's workspace as JSON (see workspace.h): the
 * JSON API and `kam workspace --json` both write this. */
#include "workspace.h"

#include "../core/text.h"

static json_t *fraction(MlFraction f)
{
    return json_pack("{s:i, s:i}", "num", f.num, "den", f.den);
}

ErrCode ws_overview_json(Ctx *c, int64_t id, json_t **out)
{
    WsOverview o;
    if (!id) return err_set(c->err, KAM_ENOTFOUND, "account not found");
    if (ws_overview(c, id, &o)) return c->err->code;
    json_t *inputs = json_array();
    for (int i = 0; i < HI_COUNT; i++) {
        json_t *in = json_pack("{s:s, s:i, s:b}", "name", kHealthInputNames[i], "weight",
                               kHealthWeights[i], "present", o.health.present[i]);
        json_object_set_new(in, "score",
                            o.health.present[i] ? json_real(o.health.input[i]) : json_null());
        json_array_append_new(inputs, in);
    }
    json_t *health = json_pack("{s:o, s:s, s:o}", "score",
                               o.health.has ? json_integer(o.health.score) : json_null(), "band",
                               health_band_name(health_band(&o.health)), "inputs", inputs);
    json_t *kpis = json_array();
    for (int i = 0; i < o.nkpis; i++) {
        const KpiStatus *k = &o.kpis[i];
        const KpiPoint *last = k->npts ? &k->pts[k->npts - 1] : NULL;
        json_array_append_new(
            kpis,
            json_pack("{s:I, s:s, s:o, s:o, s:o, s:s, s:b}", "id", (json_int_t)k->def.id, "name",
                      k->def.name, "target",
                      k->def.has_target ? json_real(k->def.target) : json_null(), "latest",
                      last ? json_real(last->value) : json_null(), "attainment",
                      last && last->has_attainment ? json_real(last->attainment) : json_null(),
                      "trend", kpi_trend_name(k->trend.trend), "shared", k->def.shared));
    }
    json_t *cad = json_array();
    for (int i = 0; i < o.ncadences; i++)
        json_array_append_new(
            cad, json_pack("{s:I, s:s, s:i, s:i, s:s?}", "id", (json_int_t)o.cadences[i].id, "name",
                           o.cadences[i].name, "planned", o.cadences[i].planned, "held",
                           o.cadences[i].held, "next_due", o.cadences[i].next_due));
    json_t *esc = json_array();
    for (int i = 0; i < o.escalations.n; i++)
        json_array_append_new(esc, record_to_json(c, &o.escalations.items[i]));
    double al = 0;
    bool has_al = ws_alignment_score(&o.analysis.alignment, &al);
    json_t *j = json_pack(
        "{s:I, s:s, s:o, s:s, s:s?, s:s?, s:s?, s:s?}", "account_id", (json_int_t)id, "name",
        record_get(o.account, "name"), "health", health, "quadrant", pf_quadrant_name(o.quadrant),
        "stage", record_get(o.account, "stage"), "target_stage",
        record_get(o.account, "target_stage"), "kam", o.kam_name, "sponsor", o.sponsor_name);
    json_object_set_new(j, "alignment",
                        json_pack("{s:o, s:o, s:o}", "score", has_al ? json_real(al) : json_null(),
                                  "objectives_linked",
                                  fraction(o.analysis.alignment.objectives_linked), "goals_served",
                                  fraction(o.analysis.alignment.goals_served)));
    json_object_set_new(j, "coverage", fraction(o.analysis.coverage));
    json_object_set_new(j, "kpis", kpis);
    json_object_set_new(j, "cadences", cad);
    json_object_set_new(
        j, "actions",
        json_pack("{s:i, s:i}", "open", o.actions_open, "overdue", o.actions_overdue));
    json_object_set_new(j, "assessment_index",
                        o.has_assessment ? json_real(o.assessment_index) : json_null());
    json_object_set_new(j, "open_escalations", esc);
    json_object_set_new(j, "changes_since_last_visit", json_integer(o.nchanges));
    WsWhitespace ws;
    if (ws_whitespace(c, id, &ws) == KAM_OK)
        json_object_set_new(j, "whitespace",
                            json_pack("{s:f, s:f, s:f, s:i, s:i, s:i, s:i}", "revenue_now",
                                      ws.revenue_now, "potential", ws.potential, "competitor",
                                      ws.competitor, "cells", ws.cells, "potential_cells",
                                      ws.potential_cells, "competitor_cells", ws.competitor_cells,
                                      "potential_without_contact", ws.potential_no_contact));
    json_t *roles = json_array();
    for (int i = 0; i < ML_NROLES; i++) {
        const MlRoleCover *rc = &o.analysis.roles[i];
        json_array_append_new(roles, json_pack("{s:s, s:s, s:s?, s:s?}", "role", rc->role, "state",
                                               ml_cover_state_name(rc->state), "holder",
                                               rc->pos ? rc->pos->holder : NULL, "counterpart",
                                               rc->pos ? rc->pos->counterpart : NULL));
    }
    json_object_set_new(j, "buying_centre", roles);
    json_t *gaps = json_array();
    for (int i = 0; i < o.analysis.ngaps; i++) {
        const MlGap *g = &o.analysis.gaps[i];
        json_array_append_new(gaps, json_pack("{s:s, s:i, s:i, s:i}", "competency", g->req->name,
                                              "required", g->req->required, "team", g->team_level,
                                              "gap", g->gap));
    }
    json_object_set_new(j, "competency_gaps", gaps);
    *out = j;
    return KAM_OK;
}
