/* Rules of collaboration with a demo account (contact matrix, meeting
 * cadences, agreements, escalation path), the interaction log with attendees
 * and action items (some overdue), and escalations to top management. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "../core/text.h"

#include <stdio.h>
#include <string.h>

static ErrCode rules(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    DemoStaff *s = &d->staff;
    /* contact matrix: position index -> who talks to them */
    struct {
        int pos;
        int64_t who;
        const char *channel, *freq, *purpose;
    } m[] = {
        {1, a->kam, "meeting", "monthly", "Forecasts, orders, prices and the frame contract"},
        {0, a->sponsor, "executive meeting", "twice a year", "Strategic direction and the joint roadmap"},
        {2, a->nteam ? a->team[0] : a->kam, "call", "every two weeks", "Technical requests and new projects"},
        {3, a->nteam > 1 ? a->team[1] : a->kam, "visit", "quarterly", "Line performance and service"},
    };
    for (int i = 0; i < 4; i++) {
        if (!m[i].who || m[i].pos >= a->npos) continue;
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO contact_rule (account_id, our_person_id, position_id, channel, frequency, purpose,"
                          " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          DI(a->id), DI(m[i].who), DI(a->pos[m[i].pos]), DT(m[i].channel), DT(m[i].freq),
                          DT(m[i].purpose), DI(d->now), DI(d->now)));
    }
    static const struct {
        const char *name, *kind, *who;
        int every;
    } cad[] = {
        {"Quarterly business review", "qbr", "KAM, sponsor, customer's procurement and engineering heads", 3},
        {"Annual executive meeting", "executive", "CEOs of both companies, sponsors, KAM", 12},
        {"Monthly operational call", "operational", "KAM, service, customer's purchasing and plant managers", 1},
    };
    for (int i = 0; i < 3; i++) {
        char start[24];
        snprintf(start, sizeof start, "%04d-%02d-15", d->year - 2, i == 1 ? 11 : 1 + i);
        DEMO_TRY(DEMO_INS(d, &a->cadence[a->ncadence],
                          "INSERT INTO cadence (account_id, name, kind, every_months, participants, starts_on, active,"
                          " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                          DI(a->id), DT(cad[i].name), DT(cad[i].kind), DI(cad[i].every), DT(cad[i].who), DT(start),
                          DI(d->now), DI(d->now)));
        a->ncadence++;
    }
    static const struct {
        const char *kind, *title, *terms;
    } ag[] = {
        {"frame_contract", "Frame supply contract", "Prices fixed for 12 months, volume rebate 2-4%, payment 60 days."},
        {"sla", "Service level agreement", "Spare parts in 24 h for A-class items; technician on site in 48 h."},
        {"nda", "Mutual non-disclosure agreement", "Covers joint development projects; 5 years."},
        {"pricing", "Price agreement for the retrofit programme", "Project prices for the retrofit lines."},
    };
    int nag = 2 + (int)rng_range(r, 0, 2);
    for (int i = 0; i < nag; i++) {
        char start[24], end[24];
        snprintf(start, sizeof start, "%04d-01-01", d->year - (int)rng_range(r, 0, 2));
        snprintf(end, sizeof end, "%04d-12-31", d->year + (int)rng_range(r, 0, 2));
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO agreement (account_id, kind, title, start_on, end_on, terms, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          DI(a->id), DT(ag[i].kind), DT(ag[i].title), DT(start), DT(end), DT(ag[i].terms), DI(d->now),
                          DI(d->now)));
    }
    struct {
        const char *trigger;
        int64_t who;
        int pos, days;
    } steps[] = {
        {"A delivery or quality problem not solved by the teams in 5 working days", a->kam, 3, 5},
        {"A commercial dispute or a problem open for more than 2 weeks", s->head_sales, 1, 10},
        {"A problem that threatens the relationship or the frame contract", a->sponsor, 0, 15},
    };
    for (int i = 0; i < 3; i++)
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO escalation_step (account_id, step, trigger_text, our_person_id, position_id,"
                          " days_to_respond, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          DI(a->id), DI(i + 1), DT(steps[i].trigger), DIN(steps[i].who),
                          DIN(steps[i].pos < a->npos ? a->pos[steps[i].pos] : 0), DI(steps[i].days), DI(d->now),
                          DI(d->now)));
    return KAM_OK;
}

static const char *const kTitles[] = {"Call about the delivery forecast", "Visit to the plant",
                                      "Workshop on the retrofit programme", "E-mail: price list for next year",
                                      "Call with engineering on the new line", "Meeting on the spare-parts stock",
                                      "Technical review of the pilot"};
static const char *const kKinds[] = {"call", "visit", "workshop", "email", "call", "meeting", "meeting"};
static const char *const kActions[] = {"Send the revised offer", "Share the test report with engineering",
                                       "Propose dates for the executive meeting", "Check the stock of spare drives",
                                       "Prepare the business case for the pilot", "Update the contact map after the reorganisation",
                                       "Answer the questionnaire on sustainability"};

static ErrCode interactions(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    int n;
    switch (a->st) {
    case 'k': n = (int)rng_range(r, 8, 14); break;
    case 'c': n = (int)rng_range(r, 2, 4); break;
    case 'f': n = (int)rng_range(r, 0, 2); break;
    default: n = rng_chance(r, 0.3) ? 1 : 0; break;
    }
    int64_t owner = a->kam ? a->kam : d->staff.team[rng_range(r, 0, d->staff.nteam - 1)];
    for (int i = 0; i < n; i++) {
        /* spread over the last 14 months, newest last; quarterly reviews on the QBR cadence */
        int64_t on = -(int64_t)(420 * (n - i) / n) + rng_range(r, 0, 20);
        if (on > 0) on = 0;
        bool qbr = a->ncadence && i % 3 == 2;
        int k = (int)rng_range(r, 0, ARRAY_LEN(kTitles) - 1);
        const char *title = qbr ? "Quarterly business review" : kTitles[k];
        const char *kind = qbr ? "review" : kKinds[k];
        int64_t id;
        DEMO_TRY(DEMO_INS(d, &id,
                          "INSERT INTO interaction (account_id, kind, occurred_on, title, summary, decisions, cadence_id,"
                          " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          DI(a->id), DT(kind), DT(demo_day(d, on)), DT(title),
                          DT(qbr ? "Reviewed KPIs, open projects and the plan's objectives."
                                 : "Discussed the current orders and the next steps."),
                          DT(qbr ? "Agreed the priorities for the next quarter." : ""),
                          DIN(qbr ? a->cadence[0] : 0), DI(d->now), DI(d->now)));
        d->sum->interactions++;
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO interaction_attendee (interaction_id, person_id, created_at) VALUES (?, ?, ?)",
                          DI(id), DI(owner), DI(d->now)));
        int att = a->npos < 2 ? a->npos : (int)rng_range(r, 1, 2);
        for (int j = 0; j < att; j++)
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO interaction_attendee (interaction_id, person_id, created_at) VALUES (?, ?, ?)",
                              DI(id), DI(a->holder[(j + i) % a->npos]), DI(d->now)));
        if (qbr && a->sponsor)
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO interaction_attendee (interaction_id, person_id, created_at) VALUES (?, ?, ?)",
                              DI(id), DI(a->sponsor), DI(d->now)));
        int na = a->st == 'k' ? (int)rng_range(r, 0, 2) : (int)rng_range(r, 0, 1);
        for (int j = 0; j < na; j++) {
            int64_t due = on + rng_range(r, 10, 45);
            /* done when long past; recent ones open, and some of those overdue */
            bool done = due < -60 ? !rng_chance(r, 0.05) : due < 0 ? rng_chance(r, 0.5) : false;
            int64_t done_on = done ? due - rng_range(r, -5, 10) : 0;
            if (done_on > 0) done_on = 0;
            const char *status = done ? "done" : (due < -30 && rng_chance(r, 0.2)) ? "cancelled" : "open";
            if (str_eq(status, "open") && due < 0) d->sum->overdue_actions++;
            int64_t who = a->nteam && j ? a->team[rng_range(r, 0, a->nteam - 1)] : owner;
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO action_item (account_id, interaction_id, title, owner_id, due_on, status,"
                              " done_on, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              DI(a->id), DI(id), DT(RNG_PICK(r, kActions)), DI(who), DT(demo_day(d, due)), DT(status),
                              done ? DT(demo_day(d, done_on)) : DNULL, DT(""), DI(d->now), DI(d->now)));
        }
    }
    return KAM_OK;
}

static ErrCode escalations(Demo *d, DemoAccount *a)
{
    DemoRng *r = &a->rng;
    bool giulia_second = d->ngiulia == 2 && d->giulia_accounts[1] == a->id;
    if (a->st != 'k' || !(giulia_second || rng_chance(r, 0.15))) return KAM_OK;
    static const struct {
        const char *title, *desc, *decision;
    } e[] = {
        {"Price increase on drives refused", "The customer refuses the 6% increase; volume at risk on two lines.",
         "Accept 3% now and 3% in January against a two-year volume commitment."},
        {"Repeated late deliveries of gearboxes", "Three late deliveries in two months stopped a line for a day.",
         "Dedicated stock at our warehouse and a weekly call with the COO until the backlog is gone."},
        {"Competitor offers a free pilot", "A competitor offers a free pilot of remote monitoring.",
         "Offer our pilot at cost, co-funded from the KAM investment budget."},
    };
    int k = (int)rng_range(r, 0, 2);
    int64_t raised = -rng_range(r, 5, 120);
    const char *status = giulia_second || raised > -25 ? "open" : rng_chance(r, 0.6) ? "decided" : "closed";
    bool open = str_eq(status, "open");
    if (open) d->sum->open_escalations++;
    int64_t due = raised + rng_range(r, 10, 30);
    int64_t decided = raised + rng_range(r, 3, 20);
    if (decided > 0) decided = 0;
    return DEMO_INS(d, NULL,
                    "INSERT INTO escalation (account_id, title, description, raised_by_id, raised_on, executive_id, due_on,"
                    " status, decision, decided_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    DI(a->id), DT(e[k].title), DT(e[k].desc), DIN(a->kam), DT(demo_day(d, raised)),
                    DIN(giulia_second ? d->staff.ceo_person : a->sponsor), DT(demo_day(d, due)), DT(status),
                    DT(open ? "" : e[k].decision), open ? DNULL : DT(demo_day(d, decided)), DI(d->now), DI(d->now));
}

ErrCode demo_collaboration(Demo *d, DemoAccount *a)
{
    if (a->st == 'k') DEMO_TRY(rules(d, a));
    DEMO_TRY(interactions(d, a));
    return escalations(d, a);
}
