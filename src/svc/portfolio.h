/* The key-account portfolio (FRAMEWORK.md section 2, strategy - corporate):
 * each account scored on two sets of weighted selection criteria,
 * "attractiveness" and "strength", placed in a four-quadrant matrix; and
 * what-if weights that show which accounts would move.
 *
 * Rules (decided here, shown to users in `kam portfolio --help`):
 *   - a set's weights must sum to 100 (within 1e-6), else nothing is computed;
 *   - a criterion's score for an account is the mean of its scorers' scores;
 *     the spread among them is given as range (max - min) and population
 *     standard deviation (divide by n: the scorers are the whole panel);
 *   - set score = sum(weight * mean) / sum(weight), the sums over the
 *     criteria that have at least one score. With every criterion scored
 *     the denominator is 100, i.e. the textbook sum(weight * mean) / 100.
 *     Missing criteria are left out rather than counted as 0 (which would
 *     pull the account down for lack of data) and `coverage` (scored weight
 *     / 100) says how much of the set the score rests on; an account is
 *     `complete` when both coverages are 1;
 *   - a set with no scored weight has no score, and an account without both
 *     scores is "unplaced";
 *   - quadrant: a score >= its threshold counts as high. */
#ifndef KAM_PORTFOLIO_H
#define KAM_PORTFOLIO_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum PfSet { PF_ATTRACTIVENESS = 0, PF_STRENGTH = 1, PF_NSETS = 2 } PfSet;

typedef enum PfQuadrant {
    PF_UNPLACED = 0,  /* a set has no score yet */
    PF_STRATEGIC,     /* high attractiveness, high strength */
    PF_DEVELOPMENT,   /* high attractiveness, low strength */
    PF_MAINTENANCE,   /* low attractiveness, high strength */
    PF_OPPORTUNISTIC, /* low, low */
} PfQuadrant;

const char *pf_set_name(PfSet s);           /* "attractiveness", "strength" */
const char *pf_quadrant_name(PfQuadrant q); /* "strategic", ..., "unplaced" */

typedef struct PfCriterion {
    int64_t id;
    PfSet set;
    const char *code;
    const char *name;
    double weight;
} PfCriterion;

/* One scorer's score of one account on one criterion. */
typedef struct PfScore {
    int64_t account_id, criterion_id, scorer_id;
    double score;
} PfScore;

/* Mean and spread of the scores one criterion got for one account. */
typedef struct PfStat {
    int n; /* number of scorers; 0: not scored */
    double mean, min, max;
    double range, sd; /* max - min; population standard deviation */
} PfStat;

typedef struct PfSetScore {
    bool scored;     /* some weight of the set is scored */
    double score;    /* 1..10 when scored */
    double coverage; /* share of the set's weight that is scored, 0..1 */
} PfSetScore;

typedef struct PfThresholds {
    double attractiveness, strength;
} PfThresholds;

typedef struct PfResult {
    int64_t account_id;
    PfSetScore set[PF_NSETS];
    PfQuadrant quadrant;
    bool complete;
    PfStat *crit; /* one per criterion, in the order of the criteria array */
} PfResult;

typedef struct PfWeight {
    const char *code;
    double weight;
} PfWeight;

/* An account whose quadrant would change under other weights. */
typedef struct PfMove {
    int64_t account_id;
    PfQuadrant from, to;
    PfSetScore now[PF_NSETS], then[PF_NSETS];
} PfMove;

/* ---- pure functions ---- */

/* Mean, range and population standard deviation of n values (n may be 0). */
void pf_stat(const double *v, int n, PfStat *out);
/* KAM_EINPUT naming the first set whose weights do not sum to 100. */
ErrCode pf_check_weights(const PfCriterion *crit, int ncrit, Err *err);
PfQuadrant pf_quadrant(const PfSetScore set[PF_NSETS], PfThresholds th);
/* Score every account of accounts[0..nacc) into out[0..nacc) (same order).
 * Scores of other accounts or unknown criteria are ignored. Checks weights. */
ErrCode pf_compute(Arena *a, const PfCriterion *crit, int ncrit, const PfScore *scores, int nscores,
                   const int64_t *accounts, int nacc, PfThresholds th, PfResult *out, Err *err);
/* The criteria with the given weights put in place of their own (codes
 * not named keep theirs). KAM_EINPUT for an unknown code or a bad weight. */
ErrCode pf_apply_weights(Arena *a, const PfCriterion *crit, int ncrit, const PfWeight *w, int nw,
                         PfCriterion **out, Err *err);
/* Accounts whose quadrant differs between two results of the same accounts. */
int pf_moves(Arena *a, const PfResult *now, const PfResult *then, int nacc, PfMove **moves);
/* Parse "CODE=W,CODE=W": KAM_EINPUT naming the faulty item. */
ErrCode pf_parse_weights(Arena *a, const char *spec, PfWeight **out, int *n, Err *err);

/* ---- the store ---- */

typedef struct PfAccount {
    int64_t id;
    const char *name;
    const char *status;
    double revenue;
} PfAccount;

typedef struct Portfolio {
    PfCriterion *crit; /* active criteria, by set, sort */
    int ncrit;
    PfScore *scores;
    int nscores;
    PfAccount *acct; /* the accounts the actor may see, by name */
    int nacc;
    PfThresholds th;
    PfResult *res; /* one per account */
} Portfolio;

/* Load criteria, thresholds, visible accounts and their scores; compute. */
ErrCode pf_load(Ctx *c, Portfolio *p);
/* What-if: the moves that the given weights would cause; nothing is saved. */
ErrCode pf_whatif(Ctx *c, const PfWeight *w, int nw, Portfolio *p, PfMove **moves, int *nmoves);
/* Record (or replace) one scorer's score. scorer_login NULL: the actor. */
ErrCode pf_score(Ctx *c, int64_t account_id, const char *criterion_code, const char *scorer_login,
                 const char *score, const char *note, bool *replaced);
/* Change the quadrant thresholds (programme row; admin / executive). */
ErrCode pf_set_thresholds(Ctx *c, const char *attractiveness, const char *strength);

#endif
