/* The key account workspace (FRAMEWORK.md section 2, operational column):
 * what the overview of one account shows, gathered once for the HTML page
 * and the JSON API. The health formula is in health.h; alignment, coverage
 * and competency gaps come from metrics.h, KPI attainment from kpi.h, the
 * quadrant from portfolio.h. Access: the actor must read the whole account
 * (not a customer guest): otherwise KAM_ENOTFOUND. */
#ifndef KAM_WORKSPACE_H
#define KAM_WORKSPACE_H

#include "entity.h"

#include <jansson.h>
#include "health.h"
#include "kpi.h"
#include "metrics.h"
#include "portfolio.h"

#define WS_CHANGES_MAX 10

typedef struct WsCadence {
    int64_t id;
    const char *name;
    int every_months;
    int planned, held;     /* in the health window */
    const char *from;      /* window start for this cadence */
    const char *last_held; /* NULL: never */
    const char *next_due;  /* last held (or start) + every_months */
} WsCadence;

typedef struct WsChange {
    int64_t at;
    const char *actor, *action, *entity;
    int64_t entity_id;
} WsChange;

typedef struct WsOverview {
    Record *account;
    unsigned rights; /* acl.h AccountRights */
    const char *kam_name, *sponsor_name;
    PfQuadrant quadrant;
    MlAnalysis analysis;
    KpiStatus *kpis;
    int nkpis;
    int kpis_counted; /* KPIs in the attainment mean */
    WsCadence *cadences;
    int ncadences;
    int actions_open, actions_overdue;
    bool has_assessment;
    double assessment_index;
    int64_t assessment_round;
    RecordList escalations; /* open ones */
    int64_t last_visit;     /* the reader's previous visit, 0: first */
    int64_t nchanges;       /* changes by others since then */
    WsChange changes[WS_CHANGES_MAX];
    int nchanges_listed;
    HealthIn health_in;
    Health health;
} WsOverview;

/* Whitespace totals of the solution map: revenue now over every cell;
 * potential revenue of the cells marked potential, and how many of those
 * have no customer contact behind them; potential revenue held by
 * competitors. */
typedef struct WsWhitespace {
    double revenue_now, potential, competitor;
    int cells, potential_cells, competitor_cells, potential_no_contact;
} WsWhitespace;

/* The totals above for an account the actor may read (else KAM_ENOTFOUND). */
ErrCode ws_whitespace(Ctx *c, int64_t account_id, WsWhitespace *out);

/* Everything the overview shows, health included. Does not record a visit. */
ErrCode ws_overview(Ctx *c, int64_t account_id, WsOverview *out);
/* The same as JSON: health with each input, quadrant, stage, alignment,
 * coverage, KPIs, cadences, actions, escalations, whitespace, buying centre,
 * competency gaps. */
ErrCode ws_overview_json(Ctx *c, int64_t account_id, json_t **out);
/* Note that the actor opened the account now; *previous receives the time
 * of their last visit before (0: none). Users only (not the command line). */
ErrCode ws_visit(Ctx *c, int64_t account_id, int64_t *previous);
/* Views of one account by one user less than this many seconds after the
 * recorded visit are the same visit (nothing is written). */
#define WS_VISIT_SAME_S 60
/* Alignment score: links found over links possible on both sides,
 * (objectives linked + goals served) / (objectives + goals); false when the
 * account has neither objectives nor goals. */
bool ws_alignment_score(const MlAlignment *a, double *out);
/* The section names of the workspace, in order, NULL-terminated. */
extern const char *const kWsSections[];
bool ws_section_valid(const char *s);

#endif
