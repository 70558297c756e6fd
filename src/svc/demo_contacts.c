/* The relationship map of a demo account: positions in the customer's buying
 * centre with role, influence, attitude, strength and our counterpart; the
 * people who hold them, and some history - a holder who moved to a group
 * company (and holds a position there now), retired or left. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "../core/text.h"

#include <stdio.h>
#include <string.h>

typedef struct PosDef {
    const char *title, *role, *unit;
    int influence;
} PosDef;
/* In insertion order: the head first (the others report to them). */
static const PosDef kPos[] = {
    {"Managing director", "decision_maker", "Management", 5},
    {"Procurement director", "economic_buyer", "Purchasing", 5},
    {"Head of engineering", "technical_buyer", "Engineering", 4},
    {"Plant manager", "user", "", 4},
    {"Automation lead", "champion", "Engineering", 3},
    {"Quality manager", "influencer", "Quality", 3},
    {"Purchasing agent", "gatekeeper", "Purchasing", 2},
    {"Maintenance manager", "user", "", 3},
    {"R&D manager", "influencer", "Research and development", 3},
};
/* Small accounts: a buyer and an engineer. */
static const int kSmall[] = {1, 2};

static const char *const kNotes[] = {
    "", "", "Prefers short written proposals; decides together with the CFO.",
    "Very technical; wants to see test results before any change.", "Former colleague of our sales director.",
    "Sceptical since the delivery problems two years ago.", "Pushes internally for one automation standard."};

static ErrCode holder(Demo *d, int64_t pos, int64_t person, const char *from, const char *to, const char *note)
{
    return DEMO_INS(d, NULL,
                    "INSERT INTO position_holder (position_id, person_id, from_on, to_on, note, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    DI(pos), DI(person), DT(from), DT(to), DT(note), DI(d->now), DI(d->now));
}

static ErrCode external(Demo *d, DemoAccount *a, const char *first, const char *last, const char *title,
                        const char *dept, const char *notes, int64_t *id)
{
    Arena *t = &d->tmp;
    DemoRng *r = &a->rng;
    char *full = arena_printf(t, "%s %s", first, last);
    char *email = arena_printf(t, "%s@%s", demo_slug(t, full, '.'), a->domain);
    char *phone = arena_printf(t, "%s %03lld %07lld", a->country->phone, (long long)rng_range(r, 10, 999),
                               (long long)rng_range(r, 1000000, 9999999));
    d->sum->contacts++;
    return DEMO_INS(d, id,
                    "INSERT INTO person (kind, full_name, email, phone, job_title, department, location, notes, active,"
                    " created_at, updated_at) VALUES ('external', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                    DT(full), DT(email), DT(phone), DT(title), DT(dept), DT(a->city), DT(notes),
                    DI(d->now), DI(d->now));
}

/* The moved person's new position, in a group company of the account. */
static ErrCode moved_to_party(Demo *d, DemoAccount *a, int64_t person, const char *since, int64_t counterpart)
{
    int64_t party = 0;
    ErrCode rc = db_one_int(d->db, d->err, "SELECT id FROM party WHERE account_id = ? AND kind = 'group_company'",
                            DB_ARGS(DI(a->id)), &party);
    if (rc && rc != KAM_ENOTFOUND) return rc;
    int64_t pos;
    DEMO_TRY(DEMO_INS(d, &pos,
                      "INSERT INTO contact_position (account_id, party_id, unit, title, buying_role, influence, attitude,"
                      " strength, counterpart_id, notes, active, created_at, updated_at)"
                      " VALUES (?, ?, 'Subsidiary', 'Managing director', 'influencer', 3, 1, 3, ?, ?, 1, ?, ?) RETURNING id",
                      DI(a->id), DIN(party), DIN(counterpart),
                      DT("Moved here from the parent's purchasing; still a good contact for us."), DI(d->now), DI(d->now)));
    d->sum->positions++;
    return holder(d, pos, person, since, NULL, "Moved from the parent company's purchasing.");
}

ErrCode demo_contacts(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    int n;
    switch (a->st) {
    case 'k': n = (int)rng_range(r, 6, 9); break;
    case 'c': n = (int)rng_range(r, 3, 5); break;
    case 'f': n = (int)rng_range(r, 2, 3); break;
    default: n = (int)rng_range(r, 1, 2); break;
    }
    int names = a->country->names;
    bool small = n < 3;
    int64_t head = 0, buyer = 0;
    /* one position with history in about a third of the key accounts, always in the first */
    int moved_at = (a->idx == 0 || (a->st == 'k' && rng_chance(r, 0.35))) ? 1 : -1;
    for (int i = 0; i < n; i++) {
        const PosDef *p = &kPos[small ? kSmall[i] : i];
        const char *unit = *p->unit ? p->unit : i % 2 ? a->industry->unit_a : a->industry->unit_b;
        int influence = p->influence;
        int base = a->stage + (a->st == 'k' ? 0 : -1);
        int strength = base + (int)rng_range(r, -1, 1);
        strength = strength < 1 ? 1 : strength > 5 ? 5 : strength;
        int attitude = (int)rng_range(r, -1, 1) + (a->stage >= 3 ? 1 : 0) - (a->disint ? 1 : 0);
        if (str_eq(p->role, "champion")) attitude = 2;
        attitude = attitude < -2 ? -2 : attitude > 2 ? 2 : attitude;
        int64_t counterpart = 0;
        if (str_eq(p->role, "decision_maker")) counterpart = a->sponsor ? a->sponsor : a->kam;
        else if (str_eq(p->role, "economic_buyer") || str_eq(p->role, "gatekeeper")) counterpart = a->kam;
        else if (a->nteam > 0) counterpart = a->team[rng_range(r, 0, a->nteam - 1)];
        else counterpart = a->kam;
        if (a->st == 'o' && rng_chance(r, 0.5)) counterpart = 0; /* nobody owns the contact */
        int64_t reports = str_eq(p->role, "gatekeeper") && buyer ? buyer : i > 0 ? head : 0;
        int64_t pos;
        DEMO_TRY(DEMO_INS(d, &pos,
                          "INSERT INTO contact_position (account_id, unit, title, buying_role, influence, attitude, strength,"
                          " counterpart_id, reports_to_id, notes, active, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                          DI(a->id), DT(unit), DT(p->title), DT(p->role), DI(influence), DI(attitude), DI(strength),
                          DIN(counterpart), DIN(reports), DT(a->st == 'k' ? RNG_PICK(r, kNotes) : ""), DI(d->now),
                          DI(d->now)));
        d->sum->positions++;
        if (i == 0 && !small) head = pos;
        if (str_eq(p->role, "economic_buyer")) buyer = pos;

        const char *first, *last;
        bool scenario = a->idx == 0 && str_eq(p->role, "economic_buyer");
        if (scenario) first = "Thomas", last = "Weber"; /* the scenario's procurement director */
        else first = demo_first_name(r, names), last = demo_last_name(r, names);
        bool history = (int)i == moved_at && !small;
        int64_t since = history ? -rng_range(r, 60, 300) : -rng_range(r, 200, 3000);
        if (scenario) since = -150;
        int64_t person;
        DEMO_TRY(external(d, a, first, last, p->title, unit, "", &person));
        DEMO_TRY(holder(d, pos, person, demo_day(d, since), NULL, history ? "Took over from the predecessor." : ""));
        if (scenario) d->guest_person = person;
        if (a->npos < ARRAY_LEN(a->pos)) {
            a->pos[a->npos] = pos;
            a->holder[a->npos] = person;
            a->npos++;
        }
        if (!history) continue;
        /* the predecessor: moved to a group company, retired or left */
        int fate = a->idx == 0 ? 0 : (int)rng_range(r, 0, 2);
        const char *pf = demo_first_name(r, names), *pl = demo_last_name(r, names);
        if (a->idx == 0) pf = "Roberto", pl = "Lombardi";
        const char *note = fate == 0 ? "Moved to a group company." : fate == 1 ? "Retired." : "Left the company.";
        const char *pnotes = fate == 0 ? "Now managing director of a group company; still supports us." : "";
        int64_t prev;
        DEMO_TRY(external(d, a, pf, pl, fate == 0 ? "Managing director (subsidiary)" : p->title, unit, pnotes, &prev));
        if (fate != 0) DEMO_TRY(DEMO_INS(d, NULL, "UPDATE person SET active = 0 WHERE id = ?", DI(prev)));
        DEMO_TRY(holder(d, pos, prev, demo_day(d, since - rng_range(r, 700, 2500)), demo_day(d, since - 1), note));
        if (fate == 0) {
            DEMO_TRY(moved_to_party(d, a, prev, demo_day(d, since), a->kam));
            d->sum->moved_contacts++;
        }
    }
    return KAM_OK;
}
