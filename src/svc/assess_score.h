/* Scoring of the KAM performance assessment (FRAMEWORK.md section 3): pure
 * functions over plain arrays, no database, so every rule is unit-tested
 * against numbers worked out by hand.
 *
 * Who answers what. A rater rates one subject: the programme (account 0) or
 * one account. Customer raters answer the customer items of their account;
 * every other rater answers the corporate items when rating the programme
 * and the operational items when rating an account (as_rater_level).
 *
 * Scores, bottom up (N/A answers are left out everywhere):
 *   item      at a subject: the plain mean of its raters' scores (each
 *             rater counts once);
 *   dimension at a subject and level: the weighted mean of its item scores,
 *             sum(w * item) / sum(w), over the items that have a score;
 *   level     at a subject: the plain mean of its dimension scores (the five
 *             dimensions are equal by the model);
 *   round     corporate = the programme's scores; operational and customer =
 *             per dimension, the mean over the accounts that have a score in
 *             that dimension, and the level = the mean of those dimensions;
 *   index     (x - 1) / 4 * 100, 0-100;
 *   weakest   the dimension with the lowest score (ties: the first in model
 *             order, with the number of tied dimensions given);
 *   coverage  scored answers / expected answers, where expected = every
 *             invited rater x every item of the level they answer (a rater
 *             who never started counts; N/A is not a score).
 *
 * Gaps (flagged when |delta| >= AS_GAP_FLAG):
 *   corporate - operational per dimension, from the round scores;
 *   rater vs rater: two rater roles that rated the same subject, compared on
 *             the aspects both rated - the same item when both answer the
 *             same level, else items sharing a mirror key (a KAM's
 *             operational item against the customer's mirror item). Per
 *             subject, role a's mean on the aspect minus role b's; round
 *             level: the mean over the subjects both rated (paired). The
 *             dimension gap is the weighted mean of the aspect gaps (weights
 *             of a's items). Pairs run in the order executive, sponsor, kam,
 *             team, customer: delta = earlier role - later role;
 *   spread:   agreement among raters of one item at one subject: population
 *             standard deviation and range, when two or more scored it;
 *             round level: the mean sd (and largest range) over subjects;
 *             per level and dimension: the mean of its items' spreads.
 *
 * Importance-performance, per item over the round: performance = the mean
 * of the subjects' item scores, importance = the mean of every importance
 * given (also beside an N/A); priority = importance x (5 - performance);
 * quadrant with both axes split at AS_IP_MID (>= is high): concentrate here
 * (important, weak), keep up (important, strong), low priority (neither),
 * possible overkill (unimportant, strong). No importance given: no quadrant.
 *
 * Evidence: a rule's share s (0-1) maps to the score 1 + 4 s. Against the
 * subject's item score: disagreement when |rating - evidence| >=
 * AS_GAP_FLAG; unsupported when the rating is >= AS_HIGH_RATING and the
 * evidence has no data or scores below AS_EVIDENCE_LOW.
 *
 * Recommendations, one list ranked by urgency = importance x points to
 * close (importance: the mean given for the items concerned, AS_DEFAULT_IMP
 * when none was given):
 *   item          in the "concentrate here" quadrant: points = 5 - score;
 *   dimension     with a round score under AS_WEAK_DIM at a level: 5 - score;
 *   corp/op gap   flagged: |delta|;
 *   rater gap     flagged on an aspect, or on a dimension with no flagged
 *                 aspect of its own: |delta|;
 *   evidence      items whose ratings disagree with, or lack, evidence:
 *                 the mean |rating - evidence| over the flagged subjects
 *                 (1 point for a subject without data).
 * Ties keep that order of kinds, then level, dimension and item order. Each
 * names where in kam it is worked on: /programme#DIMENSION for the
 * corporate level, /accounts/ID#DIMENSION for an account (the one with the
 * weakest score or largest gap when the finding spans accounts). */
#ifndef KAM_ASSESS_SCORE_H
#define KAM_ASSESS_SCORE_H

#include "../core/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AS_NDIM         5
#define AS_NLEVEL       3
#define AS_NROLE        5
#define AS_GAP_FLAG     1.0  /* |delta| from which a gap is flagged */
#define AS_IP_MID       3.0  /* importance and performance from here are high */
#define AS_HIGH_RATING  4.0  /* a "4 or 5" */
#define AS_EVIDENCE_LOW 3.0  /* evidence under this does not support a 4 or 5 */
#define AS_WEAK_DIM     3.0  /* a dimension under this is recommended for work */
#define AS_DEFAULT_IMP  3.0  /* importance when raters gave none */
#define AS_TREND_STEP   0.25 /* a change under this between rounds is flat */

typedef enum AsDim { AS_STRATEGY, AS_SOLUTIONS, AS_PEOPLE, AS_MANAGEMENT, AS_EVALUATION } AsDim;
typedef enum AsLevel { AS_CORPORATE, AS_OPERATIONAL, AS_CUSTOMER } AsLevel;
typedef enum AsRole { AS_EXECUTIVE, AS_SPONSOR, AS_KAM, AS_TEAM, AS_CUSTOMER_RATER } AsRole;

/* Names as stored ("strategy", "corporate", "executive"); parse: -1 unknown. */
const char *as_dim_name(int dim);
const char *as_level_name(int level);
const char *as_role_name(int role);
int as_dim_parse(const char *s);
int as_level_parse(const char *s);
int as_role_parse(const char *s);
/* The level a rater of this role answers for a subject (account 0: programme). */
AsLevel as_rater_level(AsRole role, int64_t account_id);

typedef struct AsValue {
    bool has;
    double v;
} AsValue;

/* ---- input ---- */

typedef struct AsItem {
    const char *code;
    int dim;   /* AsDim */
    int level; /* AsLevel */
    double weight;
    const char *mirror; /* "" or NULL: none */
} AsItem;

typedef struct AsRater {
    int role;           /* AsRole */
    int64_t account_id; /* 0: the programme */
} AsRater;

typedef struct AsAnswer {
    int rater, item; /* indexes into the input arrays */
    int score;       /* 1-5; 0: not applicable / don't know */
    int importance;  /* 1-5; 0: not given */
} AsAnswer;

/* Evidence of an item's rule at a subject. */
typedef struct AsEvidence {
    int item;
    int64_t account_id; /* 0: the programme */
    bool has;           /* false: the rule found no data */
    double share;       /* 0-1 */
} AsEvidence;

typedef struct AsInput {
    const AsItem *items;
    int nitems;
    const AsRater *raters;
    int nraters;
    const AsAnswer *answers;
    int nanswers;
    const AsEvidence *evidence;
    int nevidence;
    /* Accounts in scope besides those of the raters (may be NULL). */
    const int64_t *accounts;
    int naccounts;
} AsInput;

/* ---- results ---- */

typedef struct AsItemStat {
    int n;  /* scores */
    int na; /* not applicable */
    double mean;
    double sd, range; /* among raters, when n >= 2 */
    int nimp;         /* importances given */
    double imp;       /* their mean */
} AsItemStat;

typedef struct AsLevelScore {
    AsValue dim[AS_NDIM];
    AsValue mean;    /* of the dimension scores */
    double index;    /* 0-100 of the mean */
    int weakest;     /* AsDim, -1 without scores */
    int nweakest;    /* dimensions tied at the weakest score */
    int expected;    /* answers expected */
    int scored;      /* answers with a score */
    int na;          /* answers not applicable */
    double coverage; /* scored / expected (0 when nothing expected) */
} AsLevelScore;

typedef struct AsSubject {
    int64_t account_id; /* 0: the programme */
    AsLevelScore level[AS_NLEVEL];
    AsItemStat *item;                /* [nitems] */
    AsItemStat *role_item[AS_NROLE]; /* [role][nitems]: each role's raters only */
} AsSubject;

typedef struct AsCorpOpGap {
    AsValue corporate, operational;
    bool has;
    double delta; /* corporate - operational */
    bool flagged;
} AsCorpOpGap;

typedef struct AsRoleGap {
    int a, b;  /* AsRole: delta = a - b */
    int scope; /* AS_CORPORATE: on the programme; AS_OPERATIONAL: on accounts */
    int dim;
    int item;     /* a's item for an aspect gap, -1 for the whole dimension */
    int item_b;   /* b's item (aspect gaps) */
    double delta; /* mean over the subjects both rated */
    int n;        /* those subjects */
    bool flagged;
    int64_t worst_account; /* accounts scope: the subject with the largest |delta| */
    double worst_delta;
} AsRoleGap;

typedef struct AsSpread {
    int n; /* subjects where two or more raters scored the item */
    double sd, range;
} AsSpread;

typedef enum AsQuadrant {
    AS_Q_NONE = 0, /* no importance or no score */
    AS_Q_CONCENTRATE,
    AS_Q_KEEP_UP,
    AS_Q_LOW_PRIORITY,
    AS_Q_OVERKILL,
} AsQuadrant;
const char *as_quadrant_name(AsQuadrant q); /* "concentrate_here", ... */

typedef struct AsIp {
    AsValue importance, performance;
    double priority; /* importance x (5 - performance), when both exist */
    AsQuadrant quadrant;
} AsIp;

typedef struct AsEvCheck {
    int item;
    int64_t account_id;
    AsValue rating;    /* the subject's item score */
    bool has_evidence; /* the rule found data */
    double share, score;
    double delta; /* rating - evidence score */
    bool disagree, unsupported;
} AsEvCheck;

typedef enum AsRecKind {
    AS_REC_ITEM = 0,  /* important item that scores low */
    AS_REC_DIMENSION, /* weak dimension at a level */
    AS_REC_CORP_OP,   /* corporate vs operational gap */
    AS_REC_RATERS,    /* rater vs rater gap */
    AS_REC_EVIDENCE,  /* ratings not backed by evidence */
} AsRecKind;
const char *as_rec_kind_name(AsRecKind k); /* "item", "dimension", ... */

typedef struct AsRec {
    AsRecKind kind;
    int level; /* AsLevel (AS_REC_CORP_OP: the weaker side) */
    int dim;
    int item;           /* -1 when about a dimension */
    int gap;            /* AS_REC_RATERS: index into gaps */
    int64_t account_id; /* where to work on it; 0: the programme */
    double score;       /* the score concerned (item, dimension) */
    double importance;  /* used for the urgency */
    bool importance_given;
    double points;  /* points to close */
    double urgency; /* importance x points */
    int count, of;  /* AS_REC_EVIDENCE: flagged subjects of those checked */
    int rank;       /* 1 = most urgent */
} AsRec;

typedef struct AsResult {
    int nitems;
    AsSubject *subject; /* [0] the programme, then the accounts by id */
    int nsubjects;
    AsLevelScore level[AS_NLEVEL]; /* the round */
    AsCorpOpGap corp_op[AS_NDIM];
    AsRoleGap *gaps;
    int ngaps;
    AsSpread *spread; /* [nitems] */
    AsValue dim_spread[AS_NLEVEL][AS_NDIM];
    AsIp *ip; /* [nitems] */
    AsEvCheck *ev;
    int nev;
    AsRec *rec;
    int nrec;
} AsResult;

/* ---- the rules, one by one ---- */

double as_index(double score); /* (score - 1) / 4 * 100 */
/* sum(w * v) / sum(w) over the values that exist (and weights > 0). */
AsValue as_weighted_mean(const AsValue *v, const double *w, int n);
/* The lowest dimension score (-1 when none); *nties: how many share it. */
int as_weakest(const AsValue dim[AS_NDIM], int *nties);
/* Mean, population sd and range of n scores. */
void as_stats(const int *scores, int n, double *mean, double *sd, double *range);
bool as_gap_flagged(double delta);
double as_priority(double importance, double performance);
AsQuadrant as_quadrant(AsValue importance, AsValue performance);
double as_evidence_score(double share); /* 1 + 4 s */
void as_evidence_check(AsValue rating, bool has_evidence, double share, AsEvCheck *out);

typedef enum AsTrend { AS_TREND_NONE = 0, AS_TREND_UP, AS_TREND_DOWN, AS_TREND_FLAT } AsTrend;
const char *as_trend_name(AsTrend t); /* "up", "down", "flat", "none" */
/* Direction from one round's score to the next. */
AsTrend as_trend(AsValue before, AsValue after);

/* Where a finding is worked on: "/programme#people", "/accounts/12#strategy". */
void as_link(int64_t account_id, int dim, char *out, size_t outn);

/* Everything above for one round. Allocates from the arena. */
void as_compute(Arena *a, const AsInput *in, AsResult *out);
/* The subject of an account (or the programme, 0), or NULL. */
const AsSubject *as_subject(const AsResult *r, int64_t account_id);

#endif
