/* Account metrics (FRAMEWORK.md section 2): alignment of the two companies'
 * strategies (P1), relationship coverage of the buying centre, and the gaps
 * between the competencies an account needs and those of its team.
 *
 * Alignment, two fractions:
 *   objectives linked = our objectives (not dropped) linked to at least one
 *       customer goal, directly (goal_objective) or through an initiative
 *       that serves a goal (initiative_objective + initiative_goal)
 *       / our objectives (not dropped);
 *   goals served = customer goals served by an objective (goal_objective)
 *       or by an initiative that is not stopped (initiative_goal)
 *       / customer goals.
 *   An empty denominator gives no value (reported as missing, never 0).
 *
 * Coverage: of the seven buying-centre roles, the share that have an active
 * position held today (a position_holder with to_on NULL) and an internal
 * counterpart (contact_position.counterpart_id). Each role is reported with
 * its best position: covered > held without counterpart > vacant > none.
 *
 * Competency gaps: for each competency the account requires, the team's
 * level is the highest level among the current team members (team_member
 * with no until_on or until_on >= today). A person's level in a competency
 * is their latest manager or 360-degree rating; a self-rating counts only
 * when there is no other. gap = required - team level (> 0: a gap);
 * nobody rated: the whole required level is the gap and `rated` is false. */
#ifndef KAM_METRICS_H
#define KAM_METRICS_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct MlFraction {
    int num, den; /* value num / den; none when den == 0 */
} MlFraction;

bool ml_fraction_value(MlFraction f, double *out); /* false when den == 0 */

typedef struct MlLink {
    int64_t a, b; /* goal_objective: goal, objective; initiative_*: initiative, goal|objective */
} MlLink;

typedef struct MlAlignment {
    MlFraction objectives_linked;
    MlFraction goals_served;
} MlAlignment;

/* objectives / goals: ids of the account's (not dropped) objectives and its
 * goals; initiatives: ids of its initiatives that are not stopped. */
void ml_alignment(const int64_t *objectives, int nobj, const int64_t *goals, int ngoal,
                  const int64_t *initiatives, int nini, const MlLink *goal_objective, int ngo,
                  const MlLink *initiative_goal, int nig, const MlLink *initiative_objective,
                  int nio, MlAlignment *out);

#define ML_NROLES 7
extern const char *const kMlBuyingRoles[ML_NROLES + 1]; /* decision_maker ... champion */

typedef enum MlCoverState {
    ML_NO_POSITION = 0,
    ML_VACANT,
    ML_NO_COUNTERPART,
    ML_COVERED
} MlCoverState;
const char *ml_cover_state_name(MlCoverState s);

typedef struct MlPosition {
    int64_t id;
    const char *title;
    const char *buying_role;
    int64_t holder_id; /* 0: vacant */
    const char *holder;
    int64_t counterpart_id; /* 0: none */
    const char *counterpart;
} MlPosition;

typedef struct MlRoleCover {
    const char *role;
    MlCoverState state;
    const MlPosition *pos; /* the best position for the role, NULL if none */
} MlRoleCover;

void ml_coverage(const MlPosition *pos, int n, MlRoleCover out[ML_NROLES], MlFraction *coverage);

typedef struct MlRequirement {
    int64_t competency_id;
    const char *code, *name;
    int required;
} MlRequirement;

typedef struct MlRating {
    int64_t id, person_id, competency_id;
    const char *source;   /* self, manager, 360 */
    const char *rated_on; /* YYYY-MM-DD */
    int level;
} MlRating;

typedef struct MlMember {
    int64_t person_id;
    const char *name;
} MlMember;

typedef struct MlGap {
    const MlRequirement *req;
    bool rated;       /* some team member has a rating */
    int team_level;   /* best level in the team (0 when not rated) */
    const char *best; /* who holds it */
    int gap;          /* required - team_level; <= 0: no gap */
} MlGap;

/* One gap per requirement, ordered by gap (largest first), then code. */
void ml_gaps(const MlRequirement *req, int nreq, const MlMember *members, int nmem,
             const MlRating *ratings, int nrat, MlGap *out);

typedef struct MlAnalysis {
    int64_t account_id;
    const char *account_name;
    MlAlignment alignment;
    MlPosition *positions;
    int npositions;
    MlRoleCover roles[ML_NROLES];
    MlFraction coverage;
    MlRequirement *reqs;
    MlGap *gaps;
    int ngaps;
} MlAnalysis;

/* Everything above for one account the actor may read (not guests). */
ErrCode ml_analyse(Ctx *c, int64_t account_id, MlAnalysis *out);

#endif
