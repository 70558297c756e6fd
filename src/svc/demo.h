/* The demo company: `kam demo` fills an empty database with a believable,
 * deterministic industrial supplier, its KAM programme and N customer
 * accounts, with every part of FRAMEWORK.md populated.
 *
 * Deterministic: every random choice comes from the demo's own PRNG
 * (splitmix64 seeding xoshiro256**), every date is relative to c->today and
 * every timestamp is c->now, so the same seed, KAM_TODAY and KAM_NOW give the
 * same rows (only the argon2id salts of the sign-in users differ).
 *
 * Speed: rows go straight into the tables with cached prepared statements in
 * one transaction, without per-row audit; detail per account shrinks with its
 * status so 100000 accounts stay within minutes and bounded memory. */
#ifndef KAM_DEMO_H
#define KAM_DEMO_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>

#define DEMO_DEFAULT_ACCOUNTS 40
#define DEMO_MAX_ACCOUNTS 100000

typedef struct DemoOptions {
    int64_t accounts; /* 1 .. DEMO_MAX_ACCOUNTS */
    uint64_t seed;
    /* Called now and then while the accounts are written; may be NULL. */
    void (*progress)(void *ud, int64_t done, int64_t total);
    void *progress_ud;
} DemoOptions;

/* The sign-ins the demo creates, with their passwords (shown by `make run`). */
typedef struct DemoLogin {
    const char *login;
    const char *password;
    const char *role;
    const char *who; /* e.g. "Giulia Marchetti, key account manager" */
} DemoLogin;
extern const DemoLogin kDemoLogins[]; /* ended by a NULL login */

typedef struct DemoSummary {
    int64_t accounts, key, candidate, former, other;
    int64_t staff, kams, executives, users;
    int64_t contacts, positions, moved_contacts;
    int64_t kpis, measurements, interactions, overdue_actions, open_escalations;
    int64_t criterion_scores, answers;
    bool criteria_missing;     /* no selection criteria: scoring skipped */
    bool catalogue_created;    /* the small demo-1 assessment catalogue was made */
    bool competencies_created; /* no competency model: a small demo one was made */
    char guest_account[201];   /* the account the customer guest sees */
} DemoSummary;

/* KAM_OK when the database holds no accounts yet; KAM_EINPUT naming how many
 * it holds otherwise. */
ErrCode demo_check_empty(Ctx *c);
/* Fill the database. One transaction: on failure nothing is left behind. */
ErrCode demo_run(Ctx *c, const DemoOptions *opt, DemoSummary *sum);

/* ------------------------------------------------------------------
 * Internal to the demo_*.c files.
 * ------------------------------------------------------------------ */
#ifdef KAM_DEMO_INTERNAL

#include "../core/arena.h"

typedef struct DemoRng {
    uint64_t s[4];
} DemoRng;

void rng_seed(DemoRng *r, uint64_t seed);
uint64_t rng_next(DemoRng *r);
/* Uniform integer in [lo, hi] (inclusive). */
int64_t rng_range(DemoRng *r, int64_t lo, int64_t hi);
/* Uniform real in [0, 1). */
double rng_unit(DemoRng *r);
/* True with probability p. */
bool rng_chance(DemoRng *r, double p);
/* Roughly normal (mean 0, sd 1). */
double rng_gauss(DemoRng *r);
#define RNG_PICK(r, arr) ((arr)[rng_range((r), 0, (int64_t)(sizeof(arr) / sizeof((arr)[0])) - 1)])
#define ARRAY_LEN(arr) ((int)(sizeof(arr) / sizeof((arr)[0])))

/* Word lists and generated names (demo_words.c). */
typedef struct DemoCountry {
    const char *code;      /* ISO 3166 alpha-2 */
    const char *name;
    const char *tld;
    const char *phone;     /* international prefix */
    const char *const *cities;
    int ncities;
    int names;             /* index into the name sets (0 it, 1 de, 2 fr, 3 en, 4 es, 5 nl, 6 pl) */
    const char *const *forms; /* legal forms */
    int nforms;
} DemoCountry;
extern const DemoCountry kDemoCountries[];
extern const int kDemoNCountries;
const DemoCountry *demo_pick_country(DemoRng *r);
const char *demo_first_name(DemoRng *r, int names);
const char *demo_last_name(DemoRng *r, int names);
/* A made-up company name (without legal form) for a customer in that country. */
char *demo_company_name(Arena *a, DemoRng *r, const DemoCountry *c, const char *industry_word);
/* Lower-case ASCII slug of a name (for e-mail domains). */
char *demo_slug(Arena *a, const char *name, char sep);

typedef struct DemoIndustry {
    const char *name;
    const char *word;   /* used in company names */
    const char *unit_a; /* typical business units */
    const char *unit_b;
    const char *unit_c;
    const char *goal;   /* a typical strategic goal */
} DemoIndustry;
extern const DemoIndustry kDemoIndustries[];
extern const int kDemoNIndustries;

/* Our people (internal staff): ids by function. */
typedef struct DemoStaff {
    int64_t *kam;      /* person ids of KAMs */
    int64_t *kam_user; /* their app_user ids */
    int nkam;
    int64_t *exec;     /* executives (sponsors) */
    int64_t *exec_user;
    int nexec;
    int64_t *team;     /* sales, solution, service, delivery, finance, legal staff */
    const char **team_role;
    int nteam;
    int64_t lead_person, lead_user;   /* programme lead (admin sign-in) */
    int64_t ceo_person, ceo_user;
    int64_t team_user, team_person;   /* the team member with a sign-in */
    int64_t head_sales;
} DemoStaff;

typedef struct DemoOffering {
    int64_t id;
    const char *name;
    const char *category;
} DemoOffering;

/* Everything the generators share. */
typedef struct Demo {
    Ctx *c;
    Db *db;
    Err *err;
    const DemoOptions *opt;
    DemoSummary *sum;
    DemoRng rng;         /* the company-level stream */
    Arena tmp;           /* per-account scratch, emptied after each account */
    int64_t now;
    int64_t today_days;
    char today[11];
    char month[8];       /* the current month */
    int year;            /* the current year */
    char *status;        /* per account index: 'k' key, 'c' candidate, 'f' former, 'o' other */
    int32_t *kam_of;     /* per account index: index into staff.kam or -1 */
    DemoStaff staff;
    DemoOffering *off;
    int noff;
    int64_t *competency; /* competency ids */
    int ncompetency;
    int64_t *crit;       /* active criterion ids */
    char *crit_set;      /* 'a' attractiveness, 's' strength */
    int ncrit;
    int64_t *giulia_accounts; /* account ids of the demo KAM (for sign-ins and the round) */
    int ngiulia;
    double year_rev[3], year_margin[3]; /* sums over accounts, oldest first */
    double key_rev[3];
    int64_t first_account_id;
    char our_domain[64];
    char months[36][8];   /* the 36 months ending at the current one, oldest first */
    char recorded[36][11];/* when each month's measurements were recorded */
    int64_t guest_person; /* Thomas: holder of the first account's procurement position */
    int64_t guest_initiative;
    uint64_t *name_hash; /* open-addressing set of account-name hashes */
    size_t name_cap;     /* a power of two */
} Demo;

/* Per-account facts the generators pass to each other. */
typedef struct DemoAccount {
    int64_t idx;          /* 0-based */
    int64_t id;
    char st;              /* 'k' 'c' 'f' 'o' */
    const char *name;
    const char *city;
    const char *domain;
    const DemoCountry *country;
    const DemoIndustry *industry;
    int64_t kam, kam_user, sponsor, sponsor_user;
    int64_t team[6];
    int nteam;
    double revenue, margin, potential;
    int stage, target_stage, disint;
    double attract, strength; /* latent portfolio position, 1..10 */
    int64_t pos[12];      /* contact_position ids */
    int64_t holder[12];   /* their current holders (person ids) */
    int npos;
    int64_t unit[4];
    int nunit;
    int64_t goal[6];
    int ngoal;
    int64_t obj[8];
    int nobj;
    int64_t init[5];
    int ninit;
    int64_t cadence[3];
    int ncadence;
    DemoRng rng;
} DemoAccount;

/* Date helpers: a date `days` from today, a month `m` months from now. */
const char *demo_day(Demo *d, int64_t days);
const char *demo_month(Demo *d, int months);

/* Insert: with id, the SQL must end in RETURNING id. */
ErrCode demo_ins(Demo *d, int64_t *id, const char *sql, const DbArg *args, int nargs);
#define DEMO_INS(d, idp, sql, ...) demo_ins((d), (idp), (sql), DB_ARGS(__VA_ARGS__))
#define DEMO_TRY(e)                                                                                \
    do {                                                                                           \
        ErrCode demo_rc_ = (e);                                                                    \
        if (demo_rc_) return demo_rc_;                                                             \
    } while (0)

/* The generators, in the order demo_run calls them. */
ErrCode demo_corporate(Demo *d);     /* demo_corp.c: org, programme, offerings, competency, HR */
ErrCode demo_people(Demo *d);        /* demo_staff.c: our staff and their app users */
ErrCode demo_account(Demo *d, DemoAccount *a);        /* demo_account.c: account, history, team */
ErrCode demo_contacts(Demo *d, DemoAccount *a);       /* demo_contacts.c: relationship map */
ErrCode demo_plan(Demo *d, DemoAccount *a);           /* demo_plan.c: goals, objectives, solutions */
ErrCode demo_collaboration(Demo *d, DemoAccount *a);  /* demo_collab.c: rules, interactions, escalations */
ErrCode demo_kpis(Demo *d, DemoAccount *a);           /* demo_kpi.c: KPIs, measurements, reviews */
ErrCode demo_scores(Demo *d, DemoAccount *a);         /* demo_corp.c: selection-criterion scores */
ErrCode demo_company_years(Demo *d);                  /* demo_corp.c */
ErrCode demo_competency_ratings(Demo *d);             /* demo_staff.c */
ErrCode demo_users(Demo *d);                          /* demo_staff.c: the sign-ins with passwords */
ErrCode demo_assessment(Demo *d);                     /* demo_assess.c */

#endif /* KAM_DEMO_INTERNAL */

#endif
