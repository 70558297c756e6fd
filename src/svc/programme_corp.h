/* The programme's other corporate views (FRAMEWORK.md section 2): the
 * offering catalogue with customisation levels and the accounts using each
 * offering (solutions); KAM capacity and competency ratings (people); the
 * KAM organisation and the compliance of key accounts with the programme's
 * processes (account management). Read-only views over the records, which
 * are edited through the generic record pages; programme readers only.
 *
 * Rules:
 *   - an account uses an offering when one of its solution-map cells for it
 *     is 'current';
 *   - capacity: a KAM's accounts are the key accounts whose kam_id is them;
 *     over the limit when more than programme.max_accounts_per_kam; team load
 *     is the sum of their current team_member time shares (until_on empty or
 *     not before today) / 100, in full-time equivalents;
 *   - a person's level in a competency: the latest manager or 360 rating,
 *     else the latest self-rating (as svc/metrics.h);
 *   - compliance of a key account: sponsor assigned; plan current (as the
 *     dashboard); every active cadence held, i.e. an interaction recorded
 *     for it (interaction.cadence_id) within its every_months before today. */
#ifndef KAM_PROGRAMME_CORP_H
#define KAM_PROGRAMME_CORP_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct ProgOffering {
    int64_t id;
    const char *code, *name, *category, *customisation, *roadmap;
    bool account_specific, active;
    int64_t origin_account_id;
    const char *origin_account;
    int naccounts;        /* accounts using it (visible to the actor) */
    const char *accounts; /* their names, "; "-separated, at most 8 */
    double revenue_now;   /* current cells' revenue */
} ProgOffering;
ErrCode prog_offerings(Ctx *c, ProgOffering **out, int *n);

typedef struct ProgKam {
    int64_t person_id;
    const char *name, *manager;
    int accounts;      /* key accounts managed */
    bool over;         /* accounts > limit */
    double team_load;  /* FTE over all account teams */
    int ratings;       /* competencies rated */
    double mean_level; /* NAN without ratings */
    int open_actions;  /* development actions planned or in progress */
} ProgKam;

typedef struct ProgCompetency {
    int64_t id;
    const char *area, *code, *name;
} ProgCompetency;

typedef struct ProgPeople {
    int limit; /* programme.max_accounts_per_kam */
    ProgKam *kams;
    int nkams, nover;
    ProgCompetency *comp;
    int ncomp;
    int *level; /* nkams x ncomp, 0: not rated */
} ProgPeople;
ErrCode prog_people(Ctx *c, ProgPeople *out);

typedef struct ProgCompliance {
    int64_t id;
    const char *name, *kam, *sponsor;
    bool has_sponsor, plan_current;
    int cadences, held; /* active cadences, held in time */
    bool compliant;     /* all three */
} ProgCompliance;
typedef struct ProgOrganisation {
    ProgCompliance *acct;
    int nacc;
    int with_sponsor, plan_current, cadences_held, compliant;
    char plan_cutoff[11];
} ProgOrganisation;
ErrCode prog_organisation(Ctx *c, ProgOrganisation *out);

#endif
