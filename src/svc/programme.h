/* The programme's own changes beyond single records (FRAMEWORK.md section 2,
 * strategy - corporate): saving the selection-criteria weights of both sets
 * at once (refused unless each set sums to 100), the key-account decisions
 * with their history, and what the portfolio matrix shows of each account. */
#ifndef KAM_PROGRAMME_H
#define KAM_PROGRAMME_H

#include "ctx.h"
#include "portfolio.h"

/* Save new weights (codes not named keep theirs) in one transaction. The
 * whole change is refused with KAM_EINPUT naming the set and its sum when a
 * set would not sum to 100; executives and administrators only. */
ErrCode prog_save_weights(Ctx *c, const PfWeight *w, int nw);

typedef struct ProgDecision {
    int64_t id, account_id;
    const char *account, *decision, *reason, *decided_on, *decided_by;
} ProgDecision;

/* Key-account decisions on the accounts the actor sees, newest first. */
ErrCode prog_decisions(Ctx *c, int64_t account_id, ProgDecision **out, int *n);
/* Record a decision (nominate, confirm, demote) with its reason and date
 * (NULL: today); the account's status follows it. */
ErrCode prog_decide(Ctx *c, int64_t account_id, const char *decision, const char *reason,
                    const char *date, int64_t *id);

/* Bulk scoring: the actor's own scores on one set's criteria for the key
 * accounts and candidates they see (at most PROG_BULK_MAX, by name, those
 * whose name contains q when q is not empty). */
#define PROG_BULK_MAX 200
typedef struct ProgBulk {
    PfCriterion *crit; /* the set's active criteria */
    int ncrit;
    int64_t *acct_id;
    const char **acct_name;
    int nacc;
    double *mine; /* nacc x ncrit, 0: not scored by the actor */
} ProgBulk;
ErrCode prog_bulk_load(Ctx *c, PfSet set, const char *q, ProgBulk *out);

typedef struct ProgScoreIn {
    int64_t account_id;
    const char *code, *score;
} ProgScoreIn;
/* Record several of the actor's scores at once (all or none). *saved: how
 * many were new or changed; an error names the account and criterion. */
ErrCode prog_bulk_save(Ctx *c, const ProgScoreIn *in, int n, int *saved);

/* Decide an open escalation: status 'decided', the decision text (required)
 * and today's date; only who may (the sponsor's rights on the account). */
ErrCode prog_decide_escalation(Ctx *c, int64_t escalation_id, const char *decision);

/* Relationship stage and KAM of each account (by id), for the matrix. */
typedef struct ProgAccountInfo {
    int64_t id;
    int stage;
} ProgAccountInfo;
ErrCode prog_account_stages(Ctx *c, ProgAccountInfo **out, int *n);

/* A criterion's ten described levels in the reader's language ("" where none). */
ErrCode prog_criterion_levels(Ctx *c, int64_t criterion_id, const char *levels[10]);

#endif
