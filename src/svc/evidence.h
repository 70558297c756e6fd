/* Evidence for the KAM assessment (FRAMEWORK.md section 3): named rules that
 * read kam's own data and say how far it shows what an item asks, as a share
 * num / den (0-1; the score it maps to is 1 + 4 x share) with a short
 * explanation carrying the numbers ("9 of 12 key accounts have an executive
 * sponsor").
 *
 * Programme rules (corporate items) look across the key accounts (status
 * key) or the programme records; account rules (operational and customer
 * items) look at one account. A rule without anything to count has no data
 * (has false: "no escalation was due yet"), unless the absence is itself the
 * answer (no KPIs defined counts as 0 of the KPIs that should be there).
 *
 * Windows and dates are relative to c->today:
 *   current plan        plan_reviewed_on or a frozen plan version no older
 *                       than programme.plan_max_age_days
 *   cadence held        an interaction on the cadence no longer ago than its
 *                       interval (every_months x 31 days) plus 15 days, or a
 *                       cadence that started more recently than that
 *   KPI on schedule     each period a KPI's frequency expects in the 12 months
 *                       before the current one (from its first measurement or
 *                       creation on) has a value recorded within 30 days after
 *                       the period's month; a period still inside those 30
 *                       days and without a value is not counted yet
 *   KAM rated           a manager or 360-degree rating in the last 365 days
 *   reviews             with the customer: in the last 183 days (programme),
 *                       four in the last 365 days for full marks (account)
 *
 * Evidence is computed over the whole database whoever asks: the caller has
 * already decided that the viewer may see the result it belongs to. */
#ifndef KAM_EVIDENCE_H
#define KAM_EVIDENCE_H

#include "ctx.h"

#include <stdbool.h>

typedef enum EvScope { EV_PROGRAMME = 0, EV_ACCOUNT = 1 } EvScope;

typedef struct EvRule {
    const char *name;
    EvScope scope;
    bool empty_is_zero;              /* nothing to count is 0, not "no data" */
    const char *about_en, *about_it; /* what it measures */
    const char *fmt_en, *fmt_it;     /* "%d of %d ...": num, den */
    const char *none_en, *none_it;   /* when there is nothing to count */
} EvRule;

extern const EvRule kEvRules[]; /* ended by a NULL name */
const EvRule *ev_rule_find(const char *name);

typedef struct EvResult {
    const EvRule *rule;
    bool has; /* false: no data */
    int num, den;
    double share;     /* num / den */
    const char *text; /* in c->lang, with the numbers */
} EvResult;

/* Keeps the last account analysis between rules of one account (several
 * rules read alignment, coverage and competency gaps). Zero it before use. */
typedef struct EvCache {
    int64_t ml_account;
    void *ml; /* MlAnalysis, allocated from the context's arena */
} EvCache;

/* Compute a rule for the programme (account_id 0) or an account. An unknown
 * rule, or an account rule without an account, is KAM_EINPUT. */
ErrCode ev_compute(Ctx *c, EvCache *cache, const char *rule, int64_t account_id, EvResult *out);

#endif
