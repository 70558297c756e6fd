/* The health of one key account, 0-100 (FRAMEWORK.md section 2; UI.md
 * "answer first"): one figure an executive reads in a second, made of
 * inputs a KAM can each open and work on.
 *
 * Six inputs, each a score from 0 to 1, with a weight:
 *   KPI attainment      25  mean over the active KPIs with a target and a
 *                           measurement of the attainment of their latest
 *                           measurement, each capped at 1 (svc/kpi.h)
 *   plan currency       15  the plan was reviewed (account.plan_reviewed_on)
 *                           at most 365 days ago: 1; then falling linearly
 *                           to 0 at 730 days; never reviewed: 0
 *   relationship        20  buying-centre coverage, covered roles / 7
 *   coverage                (svc/metrics.h)
 *   cadence compliance  15  meetings held / meetings planned by the active
 *                           cadences over the last 12 months (each
 *                           cadence's held count capped at its planned);
 *                           missing when nothing was planned
 *   overdue actions     15  1 - overdue / open actions (an open action is
 *                           overdue when its due date is before today);
 *                           no open action: 1
 *   last assessment     10  operational index of the latest assessment
 *                           round with answers for the account, / 100;
 *                           missing when never assessed
 *
 * health = round(100 x sum(weight x score) / sum(weight)) over the inputs
 * that are present, so a missing input neither helps nor hurts; no input
 * at all: no health. Bands: >= 70 good, 50-69 at risk, < 50 off track. */
#ifndef KAM_HEALTH_H
#define KAM_HEALTH_H

#include <stdbool.h>

typedef enum HealthInput {
    HI_KPI = 0,
    HI_PLAN,
    HI_COVERAGE,
    HI_CADENCE,
    HI_ACTIONS,
    HI_ASSESSMENT,
    HI_COUNT
} HealthInput;

extern const int kHealthWeights[HI_COUNT];
extern const char *const kHealthInputNames[HI_COUNT]; /* "kpi", "plan", ... */

#define HEALTH_PLAN_FRESH_DAYS 365
#define HEALTH_PLAN_STALE_DAYS 730
#define HEALTH_WINDOW_MONTHS   12
#define HEALTH_GOOD            70
#define HEALTH_AT_RISK         50

typedef struct HealthIn {
    bool has_kpi;
    double kpi_attainment;          /* mean of capped attainments, 0..1 */
    const char *plan_reviewed_on;   /* YYYY-MM-DD or NULL */
    const char *today;              /* YYYY-MM-DD */
    int roles_covered, roles_total; /* coverage */
    int cadence_planned, cadence_held;
    int actions_open, actions_overdue;
    bool has_assessment;
    double assessment_index; /* 0..100 */
} HealthIn;

typedef struct Health {
    bool has;  /* at least one input present */
    int score; /* 0..100 */
    bool present[HI_COUNT];
    double input[HI_COUNT]; /* each 0..1 */
} Health;

typedef enum HealthBand { HB_NONE = 0, HB_GOOD, HB_AT_RISK, HB_OFF_TRACK } HealthBand;

/* The plan-currency score of a plan reviewed on `reviewed` (NULL: never). */
double health_plan_currency(const char *reviewed, const char *today);
/* Meetings a cadence starting on starts_on, every `every` months, plans in
 * the window of `window` months ending today: whole periods elapsed since
 * the later of the window start and starts_on. *from receives that start. */
int health_cadence_planned(const char *starts_on, int every, const char *today, int window,
                           char from[11]);
void health_compute(const HealthIn *in, Health *out);
HealthBand health_band(const Health *h);
const char *health_band_name(HealthBand b); /* "good", "at_risk", "off_track", "none" */

#endif
