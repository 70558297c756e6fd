/* KPIs of a demo account: 3 to 5 definitions (shared with the customer or
 * internal, higher or lower is better) with three years of monthly
 * measurements ending at the current month - trend, season, noise, a few
 * gaps, and some accounts that went off track lately - and the reviews of
 * results held with the customer. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct KpiDef {
    const char *code, *name, *unit, *direction, *source;
    int shared;
} KpiDef;
enum { K_REV, K_MARGIN, K_OTD, K_PPM, K_SOW };
static const KpiDef kKpis[] = {
    {"revenue", "Revenue against plan", "kEUR", "higher", "ERP, monthly close", 1},
    {"margin", "Margin after cost-to-serve", "%", "higher", "Controlling", 0},
    {"otd", "On-time delivery", "%", "higher", "ERP deliveries", 1},
    {"complaints", "Complaints", "ppm", "lower", "Quality system", 1},
    {"share_of_wallet", "Share of wallet", "%", "higher", "KAM estimate from the customer's purchases", 0},
};

static double r1(double x) { return floor(x * 10 + 0.5) / 10; }

/* Month of the year (1..12) of series index i. */
static int month_of(Demo *d, int i) { return (d->months[i][5] - '0') * 10 + (d->months[i][6] - '0'); }

static ErrCode kpi(Demo *d, DemoAccount *a, int which, bool off_track)
{
    DemoRng *r = &a->rng;
    const KpiDef *k = &kKpis[which];
    double monthly = a->revenue / 12 / 1000; /* kEUR */
    double growth = a->st == 'k' ? 0.04 + rng_unit(r) * 0.1 : a->st == 'f' ? -0.15 : -0.03 + rng_unit(r) * 0.08;
    double plan_growth = growth + 0.02;
    double level, target, noise, slope;
    switch (which) {
    case K_REV: level = monthly, target = r1(monthly * (1 + plan_growth / 2)), noise = 0.10, slope = 0; break;
    case K_MARGIN: level = 18 + rng_unit(r) * 12, target = 25, noise = 1.2, slope = rng_gauss(r) * 1.5; break;
    case K_OTD: level = 88 + rng_unit(r) * 9, target = 95, noise = 1.5, slope = rng_unit(r) * 3; break;
    case K_PPM: level = 60 + rng_unit(r) * 340, target = 150, noise = 25, slope = -rng_unit(r) * 60; break;
    default: level = 15 + rng_unit(r) * 40, target = 45, noise = 1.5, slope = rng_unit(r) * 6; break;
    }
    int64_t id;
    DEMO_TRY(DEMO_INS(d, &id,
                      "INSERT INTO kpi (account_id, code, name, unit, direction, target, frequency, source, shared, active,"
                      " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'monthly', ?, ?, 1, ?, ?) RETURNING id",
                      DI(a->id), DT(k->code), DT(k->name), DT(k->unit), DT(k->direction), DR(target), DT(k->source),
                      DI(k->shared), DI(d->now), DI(d->now)));
    d->sum->kpis++;
    static const double season[12] = {0.85, 0.95, 1.10, 1.05, 1.05, 1.10, 1.00, 0.55, 1.05, 1.10, 1.10, 1.10};
    double gap_p = a->st == 'k' ? 0.03 : 0.05;
    for (int i = 0; i < 36; i++) {
        bool last = i == 35;
        if (rng_chance(r, last ? 0.2 : gap_p)) continue; /* not recorded (yet) */
        double t = (double)(i - 35) / 12.0;               /* years from now, <= 0 */
        double bad = off_track && i >= 33 ? 1 : 0;         /* the last quarter went wrong */
        double v, mtarget = -1;
        switch (which) {
        case K_REV: {
            double s = season[month_of(d, i) - 1];
            double trend = 1 + growth * t;
            v = level * trend * s * (1 + rng_gauss(r) * noise) * (1 - 0.25 * bad);
            mtarget = r1(level * (1 + plan_growth * t) * s);
            break;
        }
        case K_PPM: v = level + slope * (t + 3) / 3 + rng_gauss(r) * noise + bad * 180; break;
        case K_OTD: v = level + slope * (t + 3) / 3 + rng_gauss(r) * noise - bad * 9; break;
        default: v = level + slope * (t + 3) / 3 + rng_gauss(r) * noise - bad * 4; break;
        }
        if (v < 0) v = 0;
        if (str_eq(k->unit, "%") && v > 100) v = 100;
        v = which == K_PPM ? floor(v + 0.5) : r1(v);
        const char *note = bad && i == 35 ? "Below plan: see the escalation and the action items." :
                           rng_chance(r, 0.01) ? "Estimated; the ERP figure came late." : "";
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO kpi_measurement (kpi_id, period, value, target, recorded_on, note, created_at,"
                          " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          DI(id), DT(d->months[i]), DR(v), mtarget < 0 ? DNULL : DR(mtarget), DT(d->recorded[i]),
                          DT(note), DI(d->now), DI(d->now)));
        d->sum->measurements++;
    }
    return KAM_OK;
}

static ErrCode reviews(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    if (a->st == 'k') {
        /* QBRs of the last eight quarters, one or two missed now and then */
        for (int q = 8; q >= 1; q--) {
            if (rng_chance(r, q == 1 ? 0.25 : 0.1)) continue;
            int64_t on = -(int64_t)q * 91 + rng_range(r, 0, 30);
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO account_review (account_id, held_on, kind, with_customer, participants, summary,"
                              " decisions, created_at, updated_at) VALUES (?, ?, 'qbr', 1, ?, ?, ?, ?, ?)",
                              DI(a->id), DT(demo_day(d, on)),
                              DT("KAM, sponsor, customer's procurement director and head of engineering"),
                              DT(q % 3 == 0 ? "Delivery KPIs below target; revenue on plan." :
                                              "KPIs on target; progress on the joint initiatives."),
                              DT(q % 3 == 0 ? "Weekly delivery call until OTD is back above 95%." :
                                              "Continue; prepare the proposal for the next plant."),
                              DI(d->now), DI(d->now)));
        }
        char on[24];
        snprintf(on, sizeof on, "%04d-12-%02d", d->year - 1, (int)rng_range(r, 1, 15));
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO account_review (account_id, held_on, kind, with_customer, participants, summary,"
                          " decisions, created_at, updated_at) VALUES (?, ?, 'annual', 1, ?, ?, ?, ?, ?)",
                          DI(a->id), DT(on), DT("Both management teams"),
                          DT("Year in review: revenue, quality, the joint roadmap."),
                          DT("Agreed next year's joint objectives and the frame-contract renewal."), DI(d->now), DI(d->now)));
        if (rng_chance(r, 0.5))
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO account_review (account_id, held_on, kind, with_customer, participants, summary,"
                              " decisions, created_at, updated_at) VALUES (?, ?, 'kpi', 0, ?, ?, ?, ?, ?)",
                              DI(a->id), DT(demo_day(d, -rng_range(r, 10, 60))), DT("KAM, sponsor, controlling"),
                              DT("Internal KPI check: margin after cost-to-serve under pressure."),
                              DT("Review the service costs before the next price talks."), DI(d->now), DI(d->now)));
    } else if (a->st == 'c' && rng_chance(r, 0.5)) {
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO account_review (account_id, held_on, kind, with_customer, participants, summary,"
                          " decisions, created_at, updated_at) VALUES (?, ?, 'annual', 0, ?, ?, ?, ?, ?)",
                          DI(a->id), DT(demo_day(d, -rng_range(r, 30, 300))), DT("Sales director, KAM"),
                          DT("Candidate review: potential confirmed, relationship still basic."),
                          DT("Propose a pilot project; decide on nomination in November."), DI(d->now), DI(d->now)));
    }
    return KAM_OK;
}

ErrCode demo_kpis(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    static const int key[] = {K_REV, K_MARGIN, K_OTD, K_PPM, K_SOW};
    static const int cand[] = {K_REV, K_OTD, K_SOW};
    static const int rest[] = {K_REV, K_OTD, K_PPM};
    const int *set = a->st == 'k' ? key : a->st == 'c' ? cand : rest;
    int n = a->st == 'k' ? (int)rng_range(r, 4, 5) : 3;
    bool off = a->st == 'k' && (rng_chance(r, 0.2) || (d->ngiulia == 2 && d->giulia_accounts[1] == a->id));
    for (int i = 0; i < n; i++) DEMO_TRY(kpi(d, a, set[i], off && i != 1));
    return reviews(d, a);
}
