/* Account health: the formula documented in health.h, pure functions only. */
#include "health.h"

#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const int kHealthWeights[HI_COUNT] = {25, 15, 20, 15, 15, 10};
const char *const kHealthInputNames[HI_COUNT] = {"kpi",     "plan",    "coverage",
                                                 "cadence", "actions", "assessment"};

double health_plan_currency(const char *reviewed, const char *today)
{
    if (!reviewed || !date_valid(reviewed) || !date_valid(today)) return 0;
    int64_t age = date_days(today) - date_days(reviewed);
    if (age <= HEALTH_PLAN_FRESH_DAYS) return 1;
    if (age >= HEALTH_PLAN_STALE_DAYS) return 0;
    return (double)(HEALTH_PLAN_STALE_DAYS - age) /
           (HEALTH_PLAN_STALE_DAYS - HEALTH_PLAN_FRESH_DAYS);
}

/* Whole months from date a to date b (b >= a), counting a month only when
 * its day has been reached: 2026-01-15 .. 2026-03-14 is 1. */
static int months_between(const char *a, const char *b)
{
    int ya, ma, da, yb, mb, db;
    if (sscanf(a, "%4d-%2d-%2d", &ya, &ma, &da) != 3 ||
        sscanf(b, "%4d-%2d-%2d", &yb, &mb, &db) != 3)
        return 0;
    int m = (yb - ya) * 12 + (mb - ma);
    if (db < da) m--;
    return m < 0 ? 0 : m;
}

int health_cadence_planned(const char *starts_on, int every, const char *today, int window,
                           char from[11])
{
    from[0] = 0;
    if (every < 1 || !date_valid(today)) return 0;
    int y, m, d;
    sscanf(today, "%4d-%2d-%2d", &y, &m, &d);
    int idx = y * 12 + (m - 1) - window;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", idx / 12 % 10000, idx % 12 + 1, d > 28 ? 28 : d);
    memcpy(from, tmp, 10);
    from[10] = 0;
    if (starts_on && date_valid(starts_on) && strcmp(starts_on, from) > 0)
        memcpy(from, starts_on, 11);
    if (strcmp(from, today) > 0) return 0;
    return months_between(from, today) / every;
}

void health_compute(const HealthIn *in, Health *out)
{
    memset(out, 0, sizeof *out);
    if (in->has_kpi) {
        out->present[HI_KPI] = true;
        out->input[HI_KPI] = in->kpi_attainment < 0   ? 0
                             : in->kpi_attainment > 1 ? 1
                                                      : in->kpi_attainment;
    }
    out->present[HI_PLAN] = true;
    out->input[HI_PLAN] = health_plan_currency(in->plan_reviewed_on, in->today);
    if (in->roles_total > 0) {
        out->present[HI_COVERAGE] = true;
        out->input[HI_COVERAGE] = (double)in->roles_covered / in->roles_total;
    }
    if (in->cadence_planned > 0) {
        out->present[HI_CADENCE] = true;
        int held = in->cadence_held > in->cadence_planned ? in->cadence_planned : in->cadence_held;
        out->input[HI_CADENCE] = (double)held / in->cadence_planned;
    }
    out->present[HI_ACTIONS] = true;
    out->input[HI_ACTIONS] =
        in->actions_open > 0 ? 1.0 - (double)in->actions_overdue / in->actions_open : 1.0;
    if (in->has_assessment) {
        double v = in->assessment_index / 100.0;
        out->present[HI_ASSESSMENT] = true;
        out->input[HI_ASSESSMENT] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
    double num = 0, den = 0;
    for (int i = 0; i < HI_COUNT; i++) {
        if (!out->present[i]) continue;
        num += kHealthWeights[i] * out->input[i];
        den += kHealthWeights[i];
    }
    out->has = den > 0;
    out->score = out->has ? (int)lround(100.0 * num / den) : 0;
}

HealthBand health_band(const Health *h)
{
    if (!h->has) return HB_NONE;
    return h->score >= HEALTH_GOOD      ? HB_GOOD
           : h->score >= HEALTH_AT_RISK ? HB_AT_RISK
                                        : HB_OFF_TRACK;
}

const char *health_band_name(HealthBand b)
{
    switch (b) {
    case HB_GOOD:
        return "good";
    case HB_AT_RISK:
        return "at_risk";
    case HB_OFF_TRACK:
        return "off_track";
    default:
        return "none";
    }
}
