/* The top-management dashboard (FRAMEWORK.md section 2, evaluation -
 * corporate): how the key-account programme is doing, in a few figures that
 * each drill down to the accounts behind them. One function computes it for
 * the HTML page, the JSON API and `kam dashboard`.
 *
 * Definitions (tests/cli/t_dashboard.sh recomputes each one in plain SQL):
 *   - year Y: the latest year of company_year (else of account_year); Y-1 before it.
 *   - the accounts considered: those the actor may see that match the filters
 *     (KAM, industry, country, relationship stage, quadrant).
 *   - key accounts: status 'key'. Revenue and margin of an account in a year
 *     come from account_year (missing row: 0).
 *   - share of revenue (margin) = key accounts' revenue (margin) in Y /
 *     company_year of Y; against programme.target_revenue_share (margin), %.
 *   - growth = (sum Y - sum Y-1) / sum Y-1, for key accounts and for the
 *     other accounts (status not 'key'; the quadrant filter does not apply
 *     to them, since only key and former accounts are placed here).
 *   - retention: the programme's accounts (status key or former) with revenue
 *     in Y-1 > 0 are the base; retained = still key and revenue in Y > 0.
 *   - portfolio mix: key accounts by quadrant (svc/portfolio.h rules and
 *     thresholds) and by relationship stage.
 *   - sponsor coverage: key accounts with an executive sponsor; plan
 *     coverage: key accounts whose plan_reviewed_on is within the
 *     programme's plan_max_age_days of today.
 *   - KPI attainment of an account: the mean, over its active KPIs with a
 *     target and a measurement, of the attainment (svc/kpi.h) of the latest
 *     measurement. Band: on track >= 100%, at risk >= 90%, off track below,
 *     no data when no KPI qualifies.
 *   - went off track this quarter: off track now, and on track or at risk
 *     by the latest measurements before the quarter's first month.
 *   - weakest accounts: the key accounts with the lowest KPI attainment
 *     (ties by name), up to DASH_WEAKEST.
 *   - open escalations: status 'open' on key accounts; overdue when due_on
 *     is before today.
 *   - assessment index: each open or closed assessment round's corporate and
 *     operational index (svc/assess.h), for the whole programme (filters do
 *     not apply). */
#ifndef KAM_DASHBOARD_H
#define KAM_DASHBOARD_H

#include "ctx.h"
#include "portfolio.h"

#include <jansson.h>

#include <stdbool.h>
#include <stdint.h>

#define DASH_WEAKEST  5
#define DASH_ON_TRACK 1.0
#define DASH_AT_RISK  0.9

typedef enum DashBand { DB_NO_DATA = 0, DB_ON_TRACK, DB_AT_RISK, DB_OFF_TRACK, DB_NBANDS } DashBand;
const char *dash_band_name(DashBand b); /* "none", "on_track", "at_risk", "off_track" */

typedef struct DashFilter {
    int64_t kam_id;                 /* 0: any */
    const char *industry, *country; /* NULL or "": any */
    int stage;                      /* 1..5; 0: any */
    int quadrant;                   /* PfQuadrant; -1: any */
} DashFilter;

/* One key or former account with what the figures need. */
typedef struct DashAccount {
    int64_t id, kam_id, sponsor_id;
    const char *name, *status, *kam, *industry, *country;
    int stage;
    bool disintegrating;
    double revenue, revenue_prev, margin; /* account_year Y, Y-1, Y */
    PfQuadrant quadrant;
    bool plan_current;
    int nkpi;          /* KPIs counted in the attainment */
    double attainment; /* NAN when nkpi == 0 */
    DashBand band;
    DashBand band_before; /* at the start of the quarter (DB_NO_DATA: none) */
    int open_escalations, overdue_escalations;
} DashAccount;

typedef struct DashEscalation {
    int64_t id, account_id;
    const char *title, *account, *due_on, *executive;
    bool overdue;
} DashEscalation;

/* One assessment round's indexes (0-100; NAN: not scored), oldest first. */
typedef struct DashRound {
    int64_t id;
    const char *name, *opens_on;
    double corporate, operational;
} DashRound;

typedef struct Dashboard {
    DashFilter filter;
    char currency[8];     /* org.currency */
    int year, prev_year;  /* 0 when there are no yearly figures */
    char plan_cutoff[11]; /* plans reviewed on or after this date are current */
    double company_revenue, company_margin;
    double key_revenue, key_margin, key_revenue_prev;
    double other_revenue, other_revenue_prev;
    double revenue_share, margin_share;               /* NAN without company figures */
    double target_revenue_share, target_margin_share; /* ratios; NAN: no target */
    int target_key_accounts;                          /* -1: none */
    double growth_key, growth_other;                  /* NAN without Y-1 revenue */
    int nkey;
    int retention_base, retained;
    int quadrant[5]; /* by PfQuadrant */
    int stage[6];    /* [1..5]; [0] unused */
    int disintegrating;
    int with_sponsor, plan_current;
    int band[DB_NBANDS];
    char quarter_start[8]; /* YYYY-MM: first month of today's quarter */
    int went_off_track;    /* off track now, not at the start of the quarter */
    int open_escalations, overdue_escalations;
    DashEscalation *escalations; /* open ones, by due date (none last) */
    int nescalations;
    int weakest[DASH_WEAKEST]; /* indexes into acct */
    int nweakest;
    DashRound *rounds; /* the KAM assessment: open and closed rounds (svc/assess.h) */
    int nrounds;
    DashAccount *acct; /* key and former accounts matching the filter, by name */
    int nacc;
} Dashboard;

/* Compute the dashboard for the actor (who must see the programme level). */
ErrCode dash_compute(Ctx *c, const DashFilter *f, Dashboard *d);

/* The same, answered from memory while the database is unchanged
 * (dashboard_cache.c: SQLite only; any commit by anyone invalidates it). */
ErrCode dash_compute_cached(Ctx *c, const DashFilter *f, Dashboard *d);

/* The accounts behind one figure, as indexes into d->acct (n returned).
 * Figures: key, sponsor, no_sponsor, plan, no_plan, band_BAND, quadrant_Q,
 * stage_N, disintegrating, retained, lost, escalations, went_off_track. NULL out: count only.
 * -1 for an unknown figure. */
int dash_drill(const Dashboard *d, const char *figure, Arena *a, int **out);

/* The values the filters offer: KAMs of key accounts, industries and
 * countries of key accounts (visible to the actor), sorted. */
typedef struct DashOption {
    int64_t id; /* KAMs */
    const char *value;
} DashOption;
typedef struct DashOptions {
    DashOption *kams, *industries, *countries;
    int nkams, nindustries, ncountries;
} DashOptions;
ErrCode dash_options(Ctx *c, DashOptions *o);

/* The dashboard as JSON (dashboard_json.c), the same for the API and the
 * CLI: figures and filters, and with_accounts the key and former accounts
 * with their data (large on a big programme: asked for explicitly). */
json_t *dash_json(const Dashboard *d, bool with_accounts);

/* Parse filters from name/value text (web query or CLI options): kam,
 * industry, country, stage, quadrant. KAM_EINPUT naming a bad value. */
ErrCode dash_filter_set(DashFilter *f, const char *name, const char *value, Err *err);

#endif
