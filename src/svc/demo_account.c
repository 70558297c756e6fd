/* One demo account: the account row with its profile and figures, three
 * years of revenue, the key-account decisions and relationship stages that
 * led to its status, further parties, and the account team. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static double round_to(double x, double unit) { return floor(x / unit + 0.5) * unit; }

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h | 1; /* 0 marks an empty slot */
}

/* True when the name was new (and is now taken). */
static bool name_take(Demo *d, const char *name)
{
    uint64_t h = name_hash(name);
    size_t mask = d->name_cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        if (d->name_hash[i] == h) return false;
        if (d->name_hash[i] == 0) {
            d->name_hash[i] = h;
            return true;
        }
    }
}

static const char *const kMarkets[] = {
    "Europe, with growing exports to North America", "Italy and the Mediterranean", "Worldwide through OEM partners",
    "DACH and Central Europe", "Europe and the Middle East", "Domestic market, large retail chains"};
static const char *const kStrategies[] = {
    "Consolidating suppliers and asking for fewer, more capable partners.",
    "Investing in automation to offset labour costs and a tight labour market.",
    "Moving up-market with higher-value products and shorter delivery times.",
    "Expanding capacity abroad while keeping engineering in the home country.",
    "Cutting energy use and emissions across all plants by 2030.",
    "Standardising machines and controls across plants to simplify maintenance."};
static const char *const kAccountStrategies[] = {
    "Become the standard motion and control supplier for all new lines; move from components to subsystems.",
    "Defend the installed base with service contracts and open the second plant with a pilot line.",
    "Win the retrofit programme with a co-developed solution and a multi-year frame contract.",
    "Grow share of wallet in the units we do not serve yet, starting from the engineering relationship.",
    "Raise the relationship to the executive level and agree a joint roadmap for the next three years."};
static const char *const kNominateReasons[] = {
    "High purchase potential and a strategic fit with our motion portfolio.",
    "Large retrofit programme ahead; strong reference value in the sector.",
    "Top-10 customer by margin with room to grow in two business units.",
    "Customer asked for a single partner for automation across plants."};
static const char *const kDemoteReasons[] = {
    "Volumes fell after the customer moved production abroad; no longer above the thresholds.",
    "Acquired by a group with a global supplier agreement that excludes us.",
    "Two years below plan and no access to the decision makers; managed as a normal customer."};

static ErrCode account_row(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    Arena *t = &d->tmp;
    const DemoIndustry *ind = &kDemoIndustries[rng_range(r, 0, kDemoNIndustries - 1)];
    const DemoCountry *ctry = demo_pick_country(r);
    const char *city = ctry->cities[rng_range(r, 0, ctry->ncities - 1)];
    const char *form = ctry->forms[rng_range(r, 0, ctry->nforms - 1)];
    char *name = NULL;
    if (a->idx == 0) { /* the account of the scenario */
        ind = &kDemoIndustries[4];
        ctry = &kDemoCountries[0];
        city = "Bologna";
        form = "S.p.A.";
        name = "Ferrovie Padane";
        name_take(d, name);
    } else {
        for (int tries = 0; tries < 8; tries++) {
            name = demo_company_name(t, r, ctry, ind->word);
            if (name_take(d, name)) break;
            if (tries == 7) name = arena_printf(t, "%s %s", name, city);
        }
    }
    a->name = name;
    a->city = city;
    a->industry = ind;
    a->country = ctry;
    const char *legal = arena_printf(t, "%s %s", name, form);
    a->domain = arena_printf(t, "%s.example", demo_slug(t, name, '-'));
    const char *website = arena_printf(t, "https://www.%s", a->domain);
    char st = a->st;
    int64_t employees;
    double rev;
    switch (st) {
    case 'k': employees = rng_range(r, 800, 25000), rev = 1.5e6 + rng_unit(r) * rng_unit(r) * 14e6; break;
    case 'c': employees = rng_range(r, 300, 9000), rev = 2e5 + rng_unit(r) * 2.8e6; break;
    case 'f': employees = rng_range(r, 200, 6000), rev = 1e5 + rng_unit(r) * 1.5e6; break;
    default: employees = rng_range(r, 20, 2500), rev = 1e4 + rng_unit(r) * rng_unit(r) * 9e5; break;
    }
    if (a->idx == 0) employees = 6400, rev = 8.6e6;
    a->revenue = round_to(rev, 100);
    a->margin = round_to(a->revenue * (0.16 + rng_unit(r) * 0.18), 100);
    a->potential = round_to(a->revenue * (1.3 + rng_unit(r) * (st == 'c' ? 3.5 : 1.7)), 1000);
    double annual = round_to((double)employees * (150e3 + rng_unit(r) * 170e3), 1e5);

    /* stage and portfolio position follow from the status */
    int stage, target = 0, disint = 0;
    switch (st) {
    case 'k':
        stage = (int)rng_range(r, 2, 5);
        if (stage == 2 && rng_chance(r, 0.5)) stage = 3;
        target = stage < 5 ? stage + 1 : 5;
        disint = rng_chance(r, 0.05);
        a->attract = 6.3 + rng_unit(r) * 2.8;
        a->strength = 5.2 + rng_unit(r) * 3.6;
        break;
    case 'c':
        stage = (int)rng_range(r, 1, 2);
        target = 3;
        a->attract = 5.3 + rng_unit(r) * 3.0;
        a->strength = 2.8 + rng_unit(r) * 3.8;
        break;
    case 'f':
        stage = (int)rng_range(r, 1, 2);
        target = stage;
        disint = rng_chance(r, 0.6);
        a->attract = 2.8 + rng_unit(r) * 3.2;
        a->strength = 3.5 + rng_unit(r) * 3.5;
        break;
    default:
        stage = rng_chance(r, 0.7) ? 1 : 2;
        a->attract = 1.8 + rng_unit(r) * 4.2;
        a->strength = 1.8 + rng_unit(r) * 5.5;
        break;
    }
    if (a->idx == 0) stage = 3, target = 4, disint = 0;
    a->stage = stage;
    a->target_stage = target;
    a->disint = disint;

    /* who manages it */
    DemoStaff *s = &d->staff;
    int k = d->kam_of[a->idx];
    if (k >= 0) a->kam = s->kam[k], a->kam_user = s->kam_user[k];
    if (st == 'k' || (st == 'c' && rng_chance(r, 0.3))) {
        int e = a->idx == 0 ? 0 : (int)rng_range(r, 0, s->nexec - 1);
        a->sponsor = s->exec[e];
        a->sponsor_user = s->exec_user[e];
    }

    const char *profile = arena_printf(t, "%s company based in %s (%s), about %lld employees. %s",
                                       ind->name, city, ctry->name, (long long)employees,
                                       st == 'k' || st == 'c'
                                           ? "Buys motion control, automation components and services for its own "
                                             "plants and for the machines it builds."
                                           : "Buys standard components through our catalogue and distributors.");
    bool planned = st == 'k' || st == 'c';
    const char *markets = RNG_PICK(r, kMarkets);
    const char *cust_strategy = planned ? arena_printf(t, "%s Strategic goal: %s.", RNG_PICK(r, kStrategies), ind->goal) : "";
    const char *acc_strategy = st == 'k' ? RNG_PICK(r, kAccountStrategies)
                               : st == 'c' ? "Qualify the potential with a pilot project before proposing nomination."
                                           : "";
    const char *protocol = st == 'k' ? "Monthly operational call with purchasing and engineering; quarterly "
                                       "business review; escalation path agreed in the frame contract."
                                     : "";
    const char *reviewed = NULL;
    if (st == 'k') reviewed = demo_day(d, -rng_range(r, 20, rng_chance(r, 0.15) ? 500 : 330));
    else if (st == 'c' && rng_chance(r, 0.3)) reviewed = demo_day(d, -rng_range(r, 60, 400));
    char *ext = arena_printf(t, "CRM-%06lld", (long long)(a->idx + 1));
    DEMO_TRY(DEMO_INS(
        d, &a->id,
        "INSERT INTO account (ext_id, name, legal_name, industry, country, city, website, employees, annual_revenue,"
        " status, kam_id, sponsor_id, stage, target_stage, disintegrating, profile, markets, customer_strategy,"
        " account_strategy, collaboration_protocol, revenue, margin, potential, plan_reviewed_on, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        DT(ext), DT(name), DT(legal), DT(ind->name), DT(ctry->code), DT(city), DT(website), DI(employees), DR(annual),
        DT(st == 'k' ? "key" : st == 'c' ? "candidate" : st == 'f' ? "former" : "other"), DIN(a->kam), DIN(a->sponsor),
        DI(stage), target ? DI(target) : DNULL, DI(disint), DT(profile), DT(markets), DT(cust_strategy),
        DT(acc_strategy), DT(protocol), DR(a->revenue), DR(a->margin), DR(a->potential), DT(reviewed), DI(d->now),
        DI(d->now)));
    if (a->idx == 0) d->first_account_id = a->id;
    if (k == 0 && st == 'k') {
        if (!d->giulia_accounts) d->giulia_accounts = arena_alloc(d->c->arena, sizeof(int64_t) * 8);
        if (d->ngiulia < 8) d->giulia_accounts[d->ngiulia++] = a->id;
    }
    switch (st) {
    case 'k': d->sum->key++; break;
    case 'c': d->sum->candidate++; break;
    case 'f': d->sum->former++; break;
    default: d->sum->other++; break;
    }
    return KAM_OK;
}

/* Three complete years, the last one being account.revenue. */
static ErrCode years(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    double rev = a->revenue, ratio = a->revenue > 0 ? a->margin / a->revenue : 0.2;
    double y[3], m[3];
    for (int i = 2; i >= 0; i--) {
        y[i] = rev;
        m[i] = round_to(rev * (ratio + rng_gauss(r) * 0.01), 100);
        double g = a->st == 'k' ? 0.03 + rng_unit(r) * 0.12 : a->st == 'f' ? -0.25 + rng_unit(r) * 0.15
                                                                            : -0.05 + rng_unit(r) * 0.15;
        rev = round_to(rev / (1 + g), 100);
    }
    for (int i = 0; i < 3; i++) {
        double target = round_to(y[i] * (0.95 + rng_unit(r) * 0.12), 1000);
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO account_year (account_id, year, revenue, margin, revenue_target, created_at,"
                          " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          DI(a->id), DI(d->year - 3 + i), DR(y[i]), DR(m[i]),
                          a->st == 'o' ? DNULL : DR(target), DI(d->now), DI(d->now)));
        d->year_rev[i] += y[i];
        d->year_margin[i] += m[i];
        if (a->st == 'k') d->key_rev[i] += y[i];
    }
    return KAM_OK;
}

static const char *const kStageNotes[] = {"First orders through the distributor.", "Regular orders; price-driven.",
                                          "Joint planning started; engineering works with us on new lines.",
                                          "Frame contract and shared roadmap; hard for either side to switch.",
                                          "Integrated teams and co-developed solutions."};

static ErrCode stage(Demo *d, DemoAccount *a, int stage_, int target, int disint, const char *on, const char *note,
                     int64_t by)
{
    return DEMO_INS(d, NULL,
                    "INSERT INTO stage_change (account_id, stage, target_stage, disintegrating, changed_on, note,"
                    " changed_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    DI(a->id), DI(stage_), target ? DI(target) : DNULL, DI(disint), DT(on), DT(note), DIN(by),
                    DI(d->now));
}

static ErrCode decision(Demo *d, DemoAccount *a, const char *kind, const char *reason, const char *on)
{
    return DEMO_INS(d, NULL,
                    "INSERT INTO key_decision (account_id, decision, reason, decided_on, decided_by, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    DI(a->id), DT(kind), DT(reason), DT(on), DI(d->staff.ceo_user), DI(d->now));
}

/* The decisions and stage changes that lead to the account's status. */
static ErrCode history(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    int64_t by = a->kam_user ? a->kam_user : d->staff.lead_user;
    int disint = a->disint, target = a->target_stage;
    if (a->st == 'k') {
        int years_ago = (int)rng_range(r, 1, 6);
        int64_t nominated = -365 * years_ago - rng_range(r, 10, 200);
        DEMO_TRY(decision(d, a, "nominate", RNG_PICK(r, kNominateReasons), demo_day(d, nominated)));
        for (int y = years_ago - 1; y >= 0 && y >= years_ago - 3; y--) {
            /* yearly confirmation in the November steering committee */
            char on[24];
            snprintf(on, sizeof on, "%04d-11-%02d", d->year - 1 - y, (int)rng_range(r, 10, 28));
            if (strcmp(on, d->today) < 0 && date_days(on) > d->today_days + nominated)
                DEMO_TRY(decision(d, a, "confirm", "Yearly portfolio review: still above both thresholds.",
                                  arena_strdup(&d->tmp, on)));
        }
        int s0 = a->stage - (int)rng_range(r, 1, 2);
        if (s0 < 1) s0 = 1;
        int64_t when = nominated - rng_range(r, 30, 300);
        int steps = a->stage - s0;
        DEMO_TRY(stage(d, a, s0, s0 + 1, 0, demo_day(d, when), kStageNotes[s0 - 1], by));
        for (int i = 1; i <= steps; i++) {
            int64_t on = when + (-when) * i / (steps + 1);
            int st_ = s0 + i;
            bool last = i == steps;
            DEMO_TRY(stage(d, a, st_, last ? target : st_ + 1, 0, demo_day(d, on),
                           kStageNotes[st_ - 1], by));
        }
        if (disint)
            DEMO_TRY(stage(d, a, a->stage, target, disint, demo_day(d, -rng_range(r, 10, 19)),
                           "Reorganisation at the customer; our sponsor lost access.", by));
    } else if (a->st == 'f') {
        int64_t nominated = -365 * rng_range(r, 3, 6);
        int64_t demoted = -rng_range(r, 120, 700);
        DEMO_TRY(decision(d, a, "nominate", RNG_PICK(r, kNominateReasons), demo_day(d, nominated)));
        DEMO_TRY(decision(d, a, "demote", RNG_PICK(r, kDemoteReasons), demo_day(d, demoted)));
        DEMO_TRY(stage(d, a, 3, 4, 0, demo_day(d, nominated + 60), kStageNotes[2], by));
        DEMO_TRY(stage(d, a, a->stage, target, disint, demo_day(d, demoted - 30),
                       disint ? "Relationship disintegrating: new owner, central purchasing." : kStageNotes[a->stage - 1],
                       by));
    } else if (a->st == 'c') {
        DEMO_TRY(stage(d, a, a->stage, target, 0, demo_day(d, -rng_range(r, 60, 700)),
                       "Proposed as a candidate after the portfolio review.", by));
    }
    return KAM_OK;
}

static ErrCode parties(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    if (a->st != 'k') return KAM_OK;
    if (a->idx == 0 || rng_chance(r, 0.35)) {
        const char *name = a->idx == 0 ? "Ferrovie Padane Manutenzione S.r.l."
                                       : arena_printf(&d->tmp, "%s %s", a->name,
                                                      RNG_PICK(r, ((const char *const[]){"Service", "Polska",
                                                                                          "Iberica", "Deutschland"})));
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO party (account_id, name, kind, description, created_at, updated_at)"
                          " VALUES (?, ?, 'group_company', ?, ?, ?)",
                          DI(a->id), DT(name), DT("Subsidiary of the group; buys through the parent's frame contract."),
                          DI(d->now), DI(d->now)));
    }
    if (rng_chance(r, 0.2))
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO party (account_id, name, kind, description, created_at, updated_at)"
                          " VALUES (?, ?, 'distributor', ?, ?, ?)",
                          DI(a->id), DT(arena_printf(&d->tmp, "%s Forniture Industriali", demo_last_name(r, 0))),
                          DT("Supplies spare parts to the customer's plants from local stock."), DI(d->now), DI(d->now)));
    return KAM_OK;
}

static ErrCode member(Demo *d, DemoAccount *a, int64_t person, const char *role, double share, const char *since,
                      const char *until)
{
    return DEMO_INS(d, NULL,
                    "INSERT INTO team_member (account_id, person_id, role, time_share, since_on, until_on, created_at,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    DI(a->id), DI(person), DT(role), DR(share), DT(since), DT(until), DI(d->now), DI(d->now));
}

static ErrCode team(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    DemoStaff *s = &d->staff;
    if (a->kam) DEMO_TRY(member(d, a, a->kam, "kam", a->st == 'k' ? rng_range(r, 3, 5) * 10 : 10,
                                demo_day(d, -rng_range(r, 200, 1500)), NULL));
    if (a->sponsor && a->st == 'k')
        DEMO_TRY(member(d, a, a->sponsor, "sponsor", rng_range(r, 1, 2) * 5, demo_day(d, -rng_range(r, 200, 1500)), NULL));
    if (a->st != 'k' && !(a->st == 'c' && a->kam)) return KAM_OK;
    /* the KAM's usual colleagues: consecutive people of the pool */
    int k = d->kam_of[a->idx];
    int n = a->st == 'k' ? (int)rng_range(r, 2, 4) : 1;
    int base = (k < 0 ? 0 : k) * 3;
    for (int i = 0; i < n; i++) {
        int p = (base + i + (i > 0 ? (int)rng_range(r, 0, 2) : 0)) % s->nteam;
        bool dup = false;
        for (int j = 0; j < a->nteam; j++) dup |= a->team[j] == s->team[p];
        if (dup) continue;
        a->team[a->nteam++] = s->team[p];
        DEMO_TRY(member(d, a, s->team[p], s->team_role[p], rng_range(r, 1, 6) * 5, demo_day(d, -rng_range(r, 60, 1200)),
                        NULL));
    }
    if (a->st == 'k' && rng_chance(r, 0.25)) { /* someone who left the team */
        int p = (int)rng_range(r, 0, s->nteam - 1);
        bool dup = false;
        for (int j = 0; j < a->nteam; j++) dup |= a->team[j] == s->team[p];
        if (!dup)
            DEMO_TRY(member(d, a, s->team[p], s->team_role[p], 10, demo_day(d, -rng_range(r, 900, 1400)),
                            demo_day(d, -rng_range(r, 100, 800))));
    }
    return KAM_OK;
}

ErrCode demo_account(Demo *d, DemoAccount *a)
{
    DEMO_TRY(account_row(d, a));
    DEMO_TRY(years(d, a));
    DEMO_TRY(history(d, a));
    DEMO_TRY(parties(d, a));
    return team(d, a);
}
