/* The plan of a demo account: the customer's goals, our objectives on
 * several levels, joint initiatives and the links between them (some goals
 * deliberately left unserved, so the alignment score varies), the solution
 * map with its contacts, solution projects, an account-specific solution now
 * and then, the competencies the account needs, and frozen plan versions. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "../core/text.h"

#include "../core/buf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const kGoals[] = {
    "Raise overall equipment effectiveness above 85%", "Halve unplanned downtime on the main lines",
    "Cut energy use per unit produced by 15%", "Launch the new product family next year",
    "Reduce the number of automation suppliers", "Open the new plant on schedule",
    "Meet the new machinery regulation everywhere", "Shorten changeover times to under 20 minutes",
    "Make every line remotely serviceable", "Lower total cost of ownership of the installed base"};
static const char *const kHorizons[] = {"this year", "2 years", "3 years", "by 2030"};
static const char *const kSources[] = {"Annual report", "Executive meeting", "Capital markets day", "QBR",
                                       "Conversation with the plant manager"};

typedef struct ObjDef {
    const char *level, *title, *measure, *baseline, *target;
} ObjDef;
static const ObjDef kObjectives[] = {
    {"financial", "Grow revenue with the account by 12%", "Revenue (ERP)", "last year's revenue", "+12%"},
    {"financial", "Keep margin after cost-to-serve above 25%", "Margin after cost-to-serve", "23%", "25%"},
    {"offering", "Win the drives for the new packaging lines", "Lines equipped with our drives", "0 of 4", "3 of 4"},
    {"offering", "Sell predictive maintenance to two more plants", "Plants under contract", "1", "3"},
    {"relationship", "Establish an executive relationship with the managing director", "Executive meetings held",
     "0 per year", "2 per year"},
    {"relationship", "Cover all buying roles of the engineering unit", "Buying-centre coverage", "50%", "90%"},
    {"operational", "On-time delivery above 96%", "OTD (ERP)", "92%", "96%"},
    {"operational", "Answer technical requests within two days", "Median response time", "4 days", "2 days"},
};
static const char *const kObjStatus[] = {"planned", "on_track", "on_track", "on_track", "at_risk", "off_track",
                                         "achieved"};

static const char *const kInitiatives[] = {
    "Pilot of remote monitoring on two lines", "Joint energy-saving study for the drives",
    "Standard automation kit for the new plant", "Retrofit programme for the oldest lines",
    "Joint training academy for maintenance staff", "Co-development of a compact gripper",
    "Consignment stock of critical spares", "Quarterly joint innovation workshop"};
static const char *const kInitStatus[] = {"proposed", "agreed", "in_progress", "in_progress", "done", "stopped"};
static const char *const kCompetitors[] = {"Kinetrix", "Motionwerk", "Servonord", "Automa Lombarda", "Axion Drives",
                                           "Pneumatek", "Vacutec"};

static ErrCode goals_objectives(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    int ng = a->st == 'k' ? (int)rng_range(r, 3, 5) : (int)rng_range(r, 1, 2);
    int no = a->st == 'k' ? (int)rng_range(r, 4, 6) : (int)rng_range(r, 1, 2);
    int ni = a->st == 'k' ? (int)rng_range(r, 2, 4) : (int)rng_range(r, 0, 1);
    if (a->idx == 0) ng = 5, no = 6, ni = 3;
    int64_t party = 0;
    if (a->st == 'k') {
        ErrCode rc = db_one_int(d->db, d->err, "SELECT id FROM party WHERE account_id = ? ORDER BY id LIMIT 1",
                                DB_ARGS(DI(a->id)), &party);
        if (rc && rc != KAM_ENOTFOUND) return rc;
    }
    int g0 = (int)rng_range(r, 0, ARRAY_LEN(kGoals) - 1);
    for (int i = 0; i < ng; i++) {
        const char *title = i == 0 ? a->industry->goal : kGoals[(g0 + i) % ARRAY_LEN(kGoals)];
        DEMO_TRY(DEMO_INS(d, &a->goal[a->ngoal],
                          "INSERT INTO customer_goal (account_id, party_id, title, description, horizon, priority, source,"
                          " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          DI(a->id), DIN(i == ng - 1 && ng > 2 ? party : 0), DT(title),
                          DT("Stated by the customer's management; part of their plan for the coming years."),
                          DT(RNG_PICK(r, kHorizons)), DI(i == 0 ? 1 : rng_range(r, 1, 3)), DT(RNG_PICK(r, kSources)),
                          DI(d->now), DI(d->now)));
        a->ngoal++;
    }
    int o0 = (int)rng_range(r, 0, 1);
    for (int i = 0; i < no; i++) {
        /* walk the levels so a key account's objectives span at least two */
        const ObjDef *o = &kObjectives[(o0 + i * 2 + (i >= 4 ? 1 : 0)) % ARRAY_LEN(kObjectives)];
        int64_t owner = i % 3 == 2 && a->nteam ? a->team[0] : a->kam ? a->kam : d->staff.head_sales;
        const char *deadline = demo_day(d, rng_range(r, -60, 540));
        DEMO_TRY(DEMO_INS(d, &a->obj[a->nobj],
                          "INSERT INTO objective (account_id, level, title, measure, baseline, target, owner_id, deadline,"
                          " status, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          DI(a->id), DT(o->level), DT(o->title), DT(o->measure), DT(o->baseline), DT(o->target),
                          DIN(owner), DT(deadline), DT(RNG_PICK(r, kObjStatus)), DT(""), DI(d->now), DI(d->now)));
        a->nobj++;
        /* links: most objectives serve a goal; the last goal(s) may stay unserved */
        int served = a->ngoal - (a->idx == 0 ? 2 : rng_chance(r, 0.5) ? 1 : 0);
        if (served > 0 && (i < served || rng_chance(r, 0.6)))
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO goal_objective (goal_id, objective_id, created_at) VALUES (?, ?, ?)",
                              DI(a->goal[i % served]), DI(a->obj[i]), DI(d->now)));
    }
    for (int i = 0; i < ni; i++) {
        const char *status = a->idx == 0 && i == 0 ? "proposed" : RNG_PICK(r, kInitStatus);
        int64_t start = -rng_range(r, 30, 400);
        int64_t owner = a->nteam && i % 2 ? a->team[rng_range(r, 0, a->nteam - 1)] : a->kam;
        const char *cust_owner = a->npos > 2 ? "Head of engineering" : "Procurement director";
        DEMO_TRY(DEMO_INS(d, &a->init[a->ninit],
                          "INSERT INTO initiative (account_id, title, description, status, owner_id, customer_owner,"
                          " start_on, due_on, joint, internal_notes, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          DI(a->id), DT(kInitiatives[(a->idx + (int64_t)i * 3) % ARRAY_LEN(kInitiatives)]),
                          DT("Planned together with the customer's team; results reviewed in the QBR."), DT(status),
                          DIN(owner), DT(cust_owner), DT(demo_day(d, start)), DT(demo_day(d, start + rng_range(r, 120, 540))),
                          DI(i == ni - 1 && ni > 2 ? 0 : 1),
                          DT(a->st == 'k' ? "Margin on the pilot is thin; the follow-on volume pays for it." : ""),
                          DI(d->now), DI(d->now)));
        if (a->idx == 0 && i == 0) d->guest_initiative = a->init[a->ninit];
        a->ninit++;
        int served = a->ngoal - (a->idx == 0 ? 2 : 1);
        if (served < 1) served = 1;
        DEMO_TRY(DEMO_INS(d, NULL, "INSERT INTO initiative_goal (initiative_id, goal_id, created_at) VALUES (?, ?, ?)",
                          DI(a->init[i]), DI(a->goal[i % served]), DI(d->now)));
        if (a->nobj && (i == 0 || rng_chance(r, 0.5)))
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO initiative_objective (initiative_id, objective_id, created_at) VALUES (?, ?, ?)",
                              DI(a->init[i]), DI(a->obj[i % a->nobj]), DI(d->now)));
    }
    return KAM_OK;
}

static ErrCode solution_map(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    Arena *t = &d->tmp;
    int nu = a->st == 'k' ? (int)rng_range(r, 2, 4) : a->st == 'c' ? (int)rng_range(r, 1, 2) : 1;
    const char *units[4] = {a->industry->unit_a, a->industry->unit_b, a->industry->unit_c,
                            arena_printf(t, "Site %s", a->country->cities[rng_range(r, 0, a->country->ncities - 1)])};
    static const char *const kinds[4] = {"business_unit", "business_unit", "business_unit", "site"};
    int ncells = a->st == 'k' ? 6 : a->st == 'c' ? 4 : 2;
    /* spread this year's revenue over the current cells */
    double weight[4 * 8];
    int64_t cell[4 * 8];
    int cellpos[4 * 8];
    bool current[4 * 8];
    int nc = 0;
    double wsum = 0;
    for (int u = 0; u < nu; u++) {
        DEMO_TRY(DEMO_INS(d, &a->unit[a->nunit],
                          "INSERT INTO customer_unit (account_id, name, kind, sort, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                          DI(a->id), DT(units[u]), DT(kinds[u]), DI(u + 1), DI(d->now), DI(d->now)));
        a->nunit++;
        int o0 = (int)rng_range(r, 0, d->noff - 1);
        for (int j = 0; j < ncells; j++) {
            int o = (o0 + j * 3) % d->noff;
            double x = rng_unit(r);
            /* the deeper the relationship, the more we already sell */
            double pcur = 0.15 + 0.12 * a->stage;
            /* the scenario: units with potential and no contact */
            const char *state = x < pcur ? "current" : x < pcur + 0.3 ? "potential" : x < pcur + 0.5 ? "competitor"
                                                                                                   : "not_relevant";
            if (a->st == 'o' && j == 0) state = "current";
            double pot = str_eq(state, "not_relevant") ? 0 : floor(a->potential / (nu * ncells) * (0.5 + rng_unit(r)) / 1000) * 1000;
            bool comp = str_eq(state, "competitor") || (str_eq(state, "current") && rng_chance(r, 0.3));
            const char *competitor = comp ? RNG_PICK(r, kCompetitors) : "";
            double share = str_eq(state, "competitor") ? 40 + rng_range(r, 0, 50) : comp ? rng_range(r, 10, 40) : -1;
            const char *notes = str_eq(state, "competitor") ? "Competitor has the frame contract until next year." : "";
            DEMO_TRY(DEMO_INS(d, &cell[nc],
                              "INSERT INTO solution_cell (account_id, unit_id, offering_id, state, revenue_now,"
                              " revenue_potential, competitor, competitor_share, notes, created_at, updated_at)"
                              " VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) RETURNING id",
                              DI(a->id), DI(a->unit[u]), DI(d->off[o].id), DT(state), DR(pot), DT(competitor),
                              share < 0 ? DNULL : DR(share), DT(notes), DI(d->now), DI(d->now)));
            current[nc] = str_eq(state, "current");
            weight[nc] = current[nc] ? 0.3 + rng_unit(r) : 0;
            cellpos[nc] = u;
            wsum += weight[nc];
            nc++;
        }
    }
    for (int i = 0; i < nc; i++) {
        if (current[i] && wsum > 0) {
            double now = floor(a->revenue * weight[i] / wsum / 100) * 100;
            DEMO_TRY(DEMO_INS(d, NULL, "UPDATE solution_cell SET revenue_now = ? WHERE id = ?", DR(now), DI(cell[i])));
        }
        /* the contact behind the cell: the engineer or the plant's user */
        if (a->npos > 0 && (current[i] || rng_chance(r, 0.3)) && !(a->idx == 0 && cellpos[i] == nu - 1)) {
            int p = a->npos > 2 ? 2 + (int)rng_range(r, 0, a->npos - 3) : (int)rng_range(r, 0, a->npos - 1);
            DEMO_TRY(DEMO_INS(d, NULL, "INSERT INTO cell_contact (cell_id, position_id, created_at) VALUES (?, ?, ?)",
                              DI(cell[i]), DI(a->pos[p]), DI(d->now)));
        }
    }
    return KAM_OK;
}

static ErrCode projects(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    int n = a->st == 'k' ? (int)rng_range(r, 1, 3) : a->st == 'c' ? (int)rng_range(r, 0, 1) : 0;
    static const char *const phases[] = {"design", "build", "deliver", "operate", "closed", "closed", "cancelled"};
    for (int i = 0; i < n; i++) {
        const DemoOffering *o = &d->off[rng_range(r, 0, d->noff - 1)];
        const char *phase = RNG_PICK(r, phases);
        int64_t start = -rng_range(r, 30, 700);
        int64_t due = start + rng_range(r, 90, 360);
        bool delivered = str_eq(phase, "operate") || str_eq(phase, "closed");
        int64_t deliv = due + rng_range(r, -20, 45);
        if (deliv > 0) deliv = -1;
        int64_t unit = a->nunit ? a->unit[rng_range(r, 0, a->nunit - 1)] : 0;
        const char *note = delivered ? (deliv > due ? "Delivered late: a supplier of the gearboxes was behind."
                                                    : "Delivered on time; customer accepted at first test.")
                           : str_eq(phase, "cancelled") ? "Customer postponed the investment."
                                                        : "On plan; next milestone in the QBR.";
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO solution_project (account_id, offering_id, unit_id, title, phase, owner_id, start_on,"
                          " due_on, delivered_on, quality, status_note, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          DI(a->id), DI(o->id), DIN(unit), DT(arena_printf(&d->tmp, "%s - %s", o->name, a->name)),
                          DT(phase), DIN(a->nteam ? a->team[0] : a->kam), DT(demo_day(d, start)), DT(demo_day(d, due)),
                          delivered ? DT(demo_day(d, deliv)) : DNULL, delivered ? DI(rng_range(r, 2, 5)) : DNULL, DT(note),
                          DI(d->now), DI(d->now)));
    }
    /* now and then a solution made for this customer, maybe for the standard range */
    if (a->st == 'k' && (a->idx == 0 || rng_chance(r, 0.12))) {
        static const char *const road[] = {"none", "nominated", "accepted", "declined"};
        static const char *const notes[] = {"", "Proposed for next year's standard range.",
                                            "In the standard catalogue from next year.",
                                            "Too specific to this customer's lines."};
        int k = (int)rng_range(r, 0, 3);
        int64_t id;
        DEMO_TRY(DEMO_INS(d, &id,
                          "INSERT INTO offering (code, name, category, description, customisation, account_specific,"
                          " origin_account_id, roadmap, roadmap_note, created_at, updated_at)"
                          " VALUES (?, ?, 'Account-specific', ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id",
                          DT(arena_printf(&d->tmp, "AS-%06lld", (long long)a->id)),
                          DT(arena_printf(&d->tmp, "Custom %s kit for %s", rng_chance(r, 0.5) ? "motion" : "gripper",
                                          a->name)),
                          DT("Designed with the customer's engineering for their lines."),
                          DT(rng_chance(r, 0.5) ? "co_developed" : "customised"), DI(a->id), DT(road[k]), DT(notes[k]),
                          DI(d->now), DI(d->now)));
        (void)id;
    }
    return KAM_OK;
}

static ErrCode competencies(Demo *d, DemoAccount *a)
{
    if (a->st != 'k' || d->ncompetency == 0) return KAM_OK;
    DemoRng *r = &a->rng;
    int n = d->ncompetency < 3 ? d->ncompetency : 3;
    int c0 = (int)rng_range(r, 0, d->ncompetency - 1);
    for (int i = 0; i < n; i++)
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO account_competency (account_id, competency_id, required_level, created_at,"
                          " updated_at) VALUES (?, ?, ?, ?, ?)",
                          DI(a->id), DI(d->competency[(c0 + i) % d->ncompetency]), DI(rng_range(r, 3, 5)), DI(d->now),
                          DI(d->now)));
    return KAM_OK;
}

/* Frozen plans of the last two planning cycles (December), as JSON. */
static ErrCode plan_versions(Demo *d, DemoAccount *a)
{
    if (a->st != 'k') return KAM_OK;
    DemoRng *r = &a->rng;
    for (int v = 0; v < 2; v++) {
        int year = d->year - 1 + v; /* the plan for `year`, frozen in December before it */
        char on[24];
        snprintf(on, sizeof on, "%04d-12-%02d", year - 1, (int)rng_range(r, 5, 20));
        if (v == 0 && rng_chance(r, 0.3)) continue; /* younger key accounts have one plan */
        Buf b;
        buf_init(&b, &d->tmp);
        buf_printf(&b, "{\"plan\":%d,\"account\":", year);
        buf_json_str(&b, a->name);
        buf_printf(&b, ",\"stage\":%d,\"target_stage\":%d,\"goals\":[", a->stage - (v == 0 && a->stage > 2),
                   a->target_stage);
        for (int i = 0; i < a->ngoal - v; i++) buf_printf(&b, "%s{\"id\":%lld}", i ? "," : "", (long long)a->goal[i]);
        buf_puts(&b, "],\"objectives\":[");
        for (int i = 0; i < a->nobj - (v == 0); i++)
            buf_printf(&b, "%s{\"id\":%lld}", i ? "," : "", (long long)a->obj[i]);
        buf_puts(&b, "],\"initiatives\":[");
        for (int i = 0; i < a->ninit; i++) buf_printf(&b, "%s{\"id\":%lld}", i ? "," : "", (long long)a->init[i]);
        buf_printf(&b, "],\"revenue_plan\":%.0f}", floor(a->revenue * (1.05 + 0.05 * v)));
        char label[8];
        snprintf(label, sizeof label, "%d", year);
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO plan_version (account_id, label, frozen_on, frozen_by, note, snapshot, created_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)",
                          DI(a->id), DT(label), DT(on), DIN(a->kam_user),
                          DT(v ? "Reviewed with the sponsor in November." : "First plan after nomination."),
                          DT(buf_cstr(&b)), DI(d->now)));
    }
    return KAM_OK;
}

ErrCode demo_plan(Demo *d, DemoAccount *a)
{
    if (a->st == 'k' || a->st == 'c') DEMO_TRY(goals_objectives(d, a));
    if (a->st != 'f') DEMO_TRY(solution_map(d, a));
    DEMO_TRY(projects(d, a));
    DEMO_TRY(competencies(d, a));
    return plan_versions(d, a);
}
