/* KPI attainment and trend (FRAMEWORK.md section 2, evaluation).
 *
 * Attainment of one measurement against its target (the measurement's own
 * target, else the KPI's), capped to 0 .. KPI_ATTAIN_CAP:
 *   target > 0:  higher is better  actual / target
 *                lower is better   target / actual (actual <= 0 beats any
 *                                  positive target: the cap)
 *   target = 0:  no ratio exists; the target is met exactly at 0 (1.0), any
 *                value on the better side reaches the cap, any value on the
 *                worse side is 0
 *   target < 0:  ratios would flip meaning (-5 / -10 = 0.5 although -5 beats a
 *                "higher" target of -10), so the distance form is used:
 *                higher 1 + (actual - target) / |target|,
 *                lower  1 + (target - actual) / |target|
 *   no target:   attainment is missing, never 0.
 * The cap of 2 (200%) keeps one outlier from dominating averages.
 *
 * Periods are months YYYY-MM. A quarterly KPI is expected in months 03, 06,
 * 09, 12 and a yearly one in 12 (schema: "the period's last month"); a
 * monthly one every month. A range of periods is summarised by its latest
 * measured value (KPIs are levels at the period end: share of wallet, NPS,
 * revenue year to date) with the mean attainment of the measured periods
 * beside it; expected periods without a value are listed as missing.
 *
 * Trend: least-squares slope of value against the month number over the
 * last KPI_TREND_POINTS measurements (gaps keep their true distance). The
 * change over the window (slope x months spanned) is "flat" when it is
 * under KPI_FLAT_SHARE of the scale (|target|, else the mean |value|);
 * otherwise improving or worsening according to the KPI's direction. Fewer
 * than two measurements: no trend. */
#ifndef KAM_KPI_H
#define KAM_KPI_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>

#define KPI_ATTAIN_CAP   2.0
#define KPI_TREND_POINTS 6
#define KPI_FLAT_SHARE   0.02

typedef enum KpiDirection { KPI_HIGHER = 0, KPI_LOWER = 1 } KpiDirection;

typedef enum KpiTrend {
    KPI_TREND_NONE = 0, /* fewer than two measurements */
    KPI_TREND_IMPROVING,
    KPI_TREND_WORSENING,
    KPI_TREND_FLAT,
} KpiTrend;

typedef enum KpiFrequency { KPI_MONTHLY = 0, KPI_QUARTERLY, KPI_YEARLY } KpiFrequency;

const char *kpi_trend_name(KpiTrend t); /* "improving", ..., "none" */
KpiFrequency kpi_frequency_parse(const char *s);

typedef struct KpiPoint {
    char period[8]; /* YYYY-MM */
    double value;
    bool has_target;
    double target; /* the target that applies (own, else the KPI's) */
    bool has_attainment;
    double attainment;
} KpiPoint;

typedef struct KpiTrendResult {
    KpiTrend trend;
    double slope; /* change of value per month */
    int n;        /* points used */
} KpiTrendResult;

typedef struct KpiRange {
    int expected; /* periods the frequency expects in the range */
    int measured; /* of those, with a value */
    int nmissing;
    char (*missing)[8];
    bool has_latest;
    KpiPoint latest;
    bool has_mean;
    double mean_attainment; /* over measured periods with a target */
} KpiRange;

/* ---- pure functions ---- */

/* Attainment of actual against target (see above), in 0 .. KPI_ATTAIN_CAP. */
double kpi_attainment(KpiDirection dir, double target, double actual);
/* Months since year 0 of a valid YYYY-MM (for distances between periods). */
int kpi_month_index(const char *ym);
/* Whether a KPI of this frequency expects a value for month ym. */
bool kpi_period_expected(KpiFrequency f, const char *ym);
/* Trend over the last last_n of pts[0..n) (sorted by period). */
KpiTrendResult kpi_trend(KpiDirection dir, const KpiPoint *pts, int n, int last_n, double scale);
/* Fill has_attainment / attainment of each point from its target. */
void kpi_attain_points(KpiDirection dir, KpiPoint *pts, int n);
/* Summarise pts (sorted) over [from, to] (inclusive months). */
void kpi_range(Arena *a, KpiFrequency f, const KpiPoint *pts, int n, const char *from,
               const char *to, KpiRange *out);

/* ---- the store ---- */

typedef struct KpiDef {
    int64_t id, account_id;
    const char *code, *name, *unit, *frequency;
    KpiDirection dir;
    bool has_target;
    double target;
    bool shared, active;
} KpiDef;

typedef struct KpiStatus {
    KpiDef def;
    KpiPoint *pts; /* every measurement, by period, with attainment */
    int npts;
    KpiTrendResult trend;
    KpiRange range; /* first measured period .. last: the gaps in the history */
} KpiStatus;

typedef struct KpiNew {
    int64_t account_id;
    const char *name, *unit, *direction, *target, *code, *frequency;
    bool shared;
} KpiNew;

/* Define a KPI of an account; code NULL: made from the name. */
ErrCode kpi_define(Ctx *c, const KpiNew *k, int64_t *id);
/* Record the value of a period; re-recording a period updates it. */
ErrCode kpi_record(Ctx *c, int64_t kpi_id, const char *period, const char *value,
                   const char *target, const char *note, bool *updated);
/* The KPIs of an account with history, attainment and trend. */
ErrCode kpi_list_account(Ctx *c, int64_t account_id, KpiStatus **out, int *n);
ErrCode kpi_status(Ctx *c, int64_t kpi_id, KpiStatus *out);

#endif
