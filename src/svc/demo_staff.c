/* Our side of the demo: staff (programme lead, executives, KAMs, team
 * members), their app users, KAM competency ratings, and the sign-ins with
 * known passwords. Only the sign-ins get a password: argon2id is slow on
 * purpose, and the others exist as scorers and raters. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "user.h"
#include "../core/text.h"

#include <stdio.h>
#include <string.h>

static const char *const kOurCities[] = {"Bologna", "Bologna", "Bologna", "Modena", "Milano", "München"};

static ErrCode staff_person(Demo *d, const char *first, const char *last, const char *title, const char *dept,
                            const char *location, int64_t manager, int64_t *id)
{
    Arena *a = d->c->arena;
    char *full = arena_printf(a, "%s %s", first, last);
    char *email = arena_printf(a, "%s@%s", demo_slug(a, full, '.'), d->our_domain);
    int64_t n = (int64_t)d->sum->staff + 1;
    char *phone = arena_printf(a, "+39 051 63%02lld %03lld", (long long)(n / 1000 % 100), (long long)(n % 1000));
    char *ext = arena_printf(a, "EMP-%05lld", (long long)n);
    d->sum->staff++;
    return DEMO_INS(d, id,
                    "INSERT INTO person (ext_id, kind, full_name, email, phone, job_title, department, location,"
                    " manager_id, notes, active, created_at, updated_at)"
                    " VALUES (?, 'internal', ?, ?, ?, ?, ?, ?, ?, '', 1, ?, ?) RETURNING id",
                    DT(ext), DT(full), DT(email), DT(phone), DT(title), DT(dept), DT(location), DIN(manager),
                    DI(d->now), DI(d->now));
}

/* An app user without a password (cannot sign in until one is set). */
static ErrCode staff_user(Demo *d, const char *login, int64_t person, const char *role, const char *lang, int64_t *id)
{
    int64_t n = 0;
    DEMO_TRY(db_one_int(d->db, d->err, "SELECT count(*) FROM app_user WHERE login = ?", DB_ARGS(DT(login)), &n));
    if (n) login = arena_printf(d->c->arena, "%s.%lld", login, (long long)person);
    d->sum->users++;
    return DEMO_INS(d, id,
                    "INSERT INTO app_user (login, person_id, role, password_hash, lang, viewer_programme, active,"
                    " created_at, updated_at) VALUES (?, ?, ?, '', ?, 0, 1, ?, ?) RETURNING id",
                    DT(login), DI(person), DT(role), DT(lang), DI(d->now), DI(d->now));
}

static ErrCode named_user(Demo *d, const char *first, const char *last, int64_t person, const char *role, int64_t *id)
{
    char *login = demo_slug(d->c->arena, arena_printf(d->c->arena, "%s %s", first, last), '.');
    return staff_user(d, login, person, role, NULL, id);
}

static const char *const kExecTitles[][3] = {
    {"Andrea", "Guidotti", "Chief executive officer"},
    {"Cristina", "Sala", "Sales director"},
    {"Giorgio", "Benassi", "Chief operating officer"},
    {"Elena", "Fornasari", "Chief financial officer"},
    {"Stefano", "Lanzoni", "Chief technology officer"},
};
static const char *const kRegions[] = {"Italy North", "Italy Centre-South", "DACH", "France and Benelux",
                                       "Iberia", "Central Europe", "Nordics and UK", "Americas"};

static const char *const kTeamRoles[] = {"sales", "solution", "service", "delivery", "sales", "solution", "finance",
                                         "legal"};
static const char *team_title(const char *role)
{
    if (str_eq(role, "sales")) return "Sales engineer";
    if (str_eq(role, "solution")) return "Application engineer";
    if (str_eq(role, "service")) return "Customer service specialist";
    if (str_eq(role, "delivery")) return "Project manager";
    if (str_eq(role, "finance")) return "Finance business partner";
    return "Legal counsel";
}

ErrCode demo_people(Demo *d)
{
    DemoStaff *s = &d->staff;
    Arena *a = d->c->arena;
    DemoRng *r = &d->rng;
    int64_t nk = 0;
    for (int64_t i = 0; i < d->opt->accounts; i++) nk += d->status[i] == 'k';

    /* Executives: the board, plus regional directors as sponsors in a large portfolio. */
    s->nexec = 5 + (int)(nk / 40);
    s->exec = arena_alloc(a, sizeof(int64_t) * (size_t)s->nexec);
    s->exec_user = arena_alloc(a, sizeof(int64_t) * (size_t)s->nexec);
    for (int i = 0; i < s->nexec; i++) {
        const char *first, *last, *title;
        if (i < 5) {
            first = kExecTitles[i][0], last = kExecTitles[i][1], title = kExecTitles[i][2];
        } else {
            first = demo_first_name(r, 0), last = demo_last_name(r, 0);
            title = arena_printf(a, "Regional sales director, %s", kRegions[(i - 5) % ARRAY_LEN(kRegions)]);
        }
        int64_t manager = i == 0 ? 0 : i < 5 ? s->exec[0] : s->exec[1];
        DEMO_TRY(staff_person(d, first, last, title, "Management", i < 5 ? "Bologna" : RNG_PICK(r, kOurCities),
                              manager, &s->exec[i]));
        if (i == 0) DEMO_TRY(staff_user(d, "andrea", s->exec[0], "executive", "it", &s->exec_user[0]));
        else DEMO_TRY(named_user(d, first, last, s->exec[i], "executive", &s->exec_user[i]));
    }
    s->ceo_person = s->exec[0];
    s->ceo_user = s->exec_user[0];
    s->head_sales = s->exec[1];
    d->sum->executives = s->nexec;

    DEMO_TRY(staff_person(d, "Marta", "Bellandi", "KAM programme lead", "Key account management", "Bologna",
                          s->head_sales, &s->lead_person));
    DEMO_TRY(staff_user(d, "admin", s->lead_person, "admin", "en", &s->lead_user));

    s->kam = arena_alloc(a, sizeof(int64_t) * (size_t)s->nkam);
    s->kam_user = arena_alloc(a, sizeof(int64_t) * (size_t)s->nkam);
    for (int i = 0; i < s->nkam; i++) {
        const char *first = i == 0 ? "Giulia" : demo_first_name(r, 0);
        const char *last = i == 0 ? "Marchetti" : demo_last_name(r, 0);
        DEMO_TRY(staff_person(d, first, last, i % 7 == 3 ? "Senior key account manager" : "Key account manager",
                              "Key account management", i == 0 ? "Bologna" : RNG_PICK(r, kOurCities), s->lead_person,
                              &s->kam[i]));
        if (i == 0) DEMO_TRY(staff_user(d, "giulia", s->kam[0], "kam", "it", &s->kam_user[0]));
        else DEMO_TRY(named_user(d, first, last, s->kam[i], "kam", &s->kam_user[i]));
    }
    d->sum->kams = s->nkam;

    s->nteam = 10 + (int)(nk * 6 / 5);
    s->team = arena_alloc(a, sizeof(int64_t) * (size_t)s->nteam);
    s->team_role = arena_alloc(a, sizeof(char *) * (size_t)s->nteam);
    for (int i = 0; i < s->nteam; i++) {
        const char *role = kTeamRoles[i % ARRAY_LEN(kTeamRoles)];
        s->team_role[i] = role;
        const char *first = i == 0 ? "Paolo" : demo_first_name(r, 0);
        const char *last = i == 0 ? "Fabbri" : demo_last_name(r, 0);
        int64_t manager = str_eq(role, "sales")                                ? s->head_sales
                          : str_eq(role, "solution")                           ? s->exec[4]
                          : str_eq(role, "finance") || str_eq(role, "legal") ? s->exec[3]
                                                                               : s->exec[2];
        const char *dept = str_eq(role, "sales")      ? "Sales"
                           : str_eq(role, "solution") ? "Application engineering"
                           : str_eq(role, "finance")  ? "Finance"
                           : str_eq(role, "legal")    ? "Legal"
                                                      : "Operations";
        DEMO_TRY(staff_person(d, first, last, team_title(role), dept, i == 0 ? "Bologna" : RNG_PICK(r, kOurCities),
                              manager, &s->team[i]));
    }
    s->team_person = s->team[0];
    DEMO_TRY(staff_user(d, "paolo", s->team[0], "team", "it", &s->team_user));
    return KAM_OK;
}

ErrCode demo_competency_ratings(Demo *d)
{
    DemoStaff *s = &d->staff;
    DemoRng *r = &d->rng;
    static const char *const evidence[] = {
        "Led the yearly plan with the customer's management.", "Won the frame-contract renewal at a better margin.",
        "Customer feedback in the last QBR.", "Observed in two negotiations this year.",
        "Team members' feedback in the 360-degree round.", ""};
    static const char *const actions[] = {"Attend the KAM academy module on negotiation",
                                          "Shadow a senior KAM in two executive meetings",
                                          "Build the business case for a co-development project with finance",
                                          "Coach a new team member on the account plan"};
    for (int k = 0; k < s->nkam; k++) {
        int talent = (int)rng_range(r, 2, 4);
        int weakest = 0, weakest_level = 9;
        for (int c = 0; c < d->ncompetency; c++) {
            int self = talent + (int)rng_range(r, 0, 1);
            int mgr = talent + (int)rng_range(r, -1, 1);
            if (self > 5) self = 5;
            if (mgr < 1) mgr = 1;
            if (mgr > 5) mgr = 5;
            if (mgr < weakest_level) weakest_level = mgr, weakest = c;
            const char *on = demo_day(d, -rng_range(r, 30, 200));
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO competency_rating (person_id, competency_id, source, level, evidence, rated_on,"
                              " rater_id, created_at, updated_at) VALUES (?, ?, 'self', ?, ?, ?, ?, ?, ?)",
                              DI(s->kam[k]), DI(d->competency[c]), DI(self), DT(RNG_PICK(r, evidence)), DT(on),
                              DI(s->kam[k]), DI(d->now), DI(d->now)));
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO competency_rating (person_id, competency_id, source, level, evidence, rated_on,"
                              " rater_id, created_at, updated_at) VALUES (?, ?, 'manager', ?, ?, ?, ?, ?, ?)",
                              DI(s->kam[k]), DI(d->competency[c]), DI(mgr), DT(RNG_PICK(r, evidence)), DT(on),
                              DI(s->lead_person), DI(d->now), DI(d->now)));
            if (k % 3 == 0) {
                int r360 = mgr + (int)rng_range(r, -1, 0);
                DEMO_TRY(DEMO_INS(d, NULL,
                                  "INSERT INTO competency_rating (person_id, competency_id, source, level, evidence,"
                                  " rated_on, rater_id, created_at, updated_at) VALUES (?, ?, '360', ?, ?, ?, NULL, ?, ?)",
                                  DI(s->kam[k]), DI(d->competency[c]), DI(r360 < 1 ? 1 : r360),
                                  DT("Average of five colleagues' answers."), DT(on), DI(d->now), DI(d->now)));
            }
        }
        if (d->ncompetency == 0) continue;
        int64_t da = rng_range(r, 0, 3);
        const char *status = da == 0 ? "done" : da == 1 ? "in_progress" : "planned";
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO development_action (person_id, competency_id, title, due_on, status, notes,"
                          " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          DI(s->kam[k]), DI(d->competency[weakest]), DT(RNG_PICK(r, actions)),
                          DT(demo_day(d, rng_range(r, -60, 240))), DT(status),
                          DT("Agreed in the yearly development review."), DI(d->now), DI(d->now)));
    }
    return KAM_OK;
}

static ErrCode login_id(Demo *d, const char *login, int64_t *id)
{
    return db_one_int(d->db, d->err, "SELECT id FROM app_user WHERE login = ?", DB_ARGS(DT(login)), id);
}

ErrCode demo_users(Demo *d)
{
    Ctx *c = d->c;
    /* admin, andrea, giulia, paolo exist already (they score and rate): set
     * their passwords. */
    for (int i = 0; i < 4; i++) {
        int64_t id = 0;
        DEMO_TRY(login_id(d, kDemoLogins[i].login, &id));
        DEMO_TRY(user_set_password(c, id, kDemoLogins[i].password));
    }
    int64_t id = 0;
    UserNew guest = {.login = kDemoLogins[4].login, .role = "guest", .password = kDemoLogins[4].password,
                     .person_id = d->guest_person, .guest_account_id = d->first_account_id, .lang = "en"};
    DEMO_TRY(user_create(c, &guest, &id));
    d->sum->users++;
    if (d->guest_initiative)
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO remark (account_id, subject_kind, subject_id, author_id, body, created_at)"
                          " VALUES (?, 'initiative', ?, ?, ?, ?)",
                          DI(d->first_account_id), DI(d->guest_initiative), DI(id),
                          DT("Good idea. We can provide two depots for the pilot from September; our maintenance "
                             "lead should join the next workshop."),
                          DI(d->now - 86400 * 3)));
    UserNew viewer = {.login = kDemoLogins[5].login, .role = "viewer", .password = kDemoLogins[5].password,
                      .full_name = "Board observer", .lang = "en"};
    DEMO_TRY(user_create(c, &viewer, &id));
    d->sum->users++;
    DEMO_TRY(DEMO_INS(d, NULL, "UPDATE app_user SET viewer_programme = 1 WHERE id = ?", DI(id)));
    for (int i = 0; i < d->ngiulia && i < 3; i++)
        DEMO_TRY(DEMO_INS(d, NULL, "INSERT INTO viewer_grant (user_id, account_id, created_at) VALUES (?, ?, ?)",
                          DI(id), DI(d->giulia_accounts[i]), DI(d->now)));
    return KAM_OK;
}
