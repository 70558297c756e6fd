/* Portfolio: weighted criteria scores, spread among scorers, quadrants,
 * what-if moves, the weights-sum rule, and the store (scores, thresholds,
 * visibility). Every expected value is worked out by hand in the comments. */
#include "testutil.h"

#include "svc/entity.h"
#include "svc/portfolio.h"
#include "svc/user.h"

#include <math.h>
#include <string.h>

/* A fixed portfolio: two attractiveness criteria (60 / 40), two strength
 * criteria (50 / 50), four accounts, two scorers (10 and 20). */
static const PfCriterion kCrit[] = {
    {1, PF_ATTRACTIVENESS, "a1", "A1", 60},
    {2, PF_ATTRACTIVENESS, "a2", "A2", 40},
    {3, PF_STRENGTH, "s1", "S1", 50},
    {4, PF_STRENGTH, "s2", "S2", 50},
};
#define NCRIT 4

static const PfScore kScores[] = {
    /* account 1: a1 8,6  a2 9,9  s1 7,5  s2 4,8 */
    {1, 1, 10, 8},
    {1, 1, 20, 6},
    {1, 2, 10, 9},
    {1, 2, 20, 9},
    {1, 3, 10, 7},
    {1, 3, 20, 5},
    {1, 4, 10, 4},
    {1, 4, 20, 8},
    /* account 2: a1 9,7  a2 5,3  s1 3,5  s2 2,2 */
    {2, 1, 10, 9},
    {2, 1, 20, 7},
    {2, 2, 10, 5},
    {2, 2, 20, 3},
    {2, 3, 10, 3},
    {2, 3, 20, 5},
    {2, 4, 10, 2},
    {2, 4, 20, 2},
    /* account 3: a1 3,5  a2 6,8  s1 8,8  s2 6,8 */
    {3, 1, 10, 3},
    {3, 1, 20, 5},
    {3, 2, 10, 6},
    {3, 2, 20, 8},
    {3, 3, 10, 8},
    {3, 3, 20, 8},
    {3, 4, 10, 6},
    {3, 4, 20, 8},
    /* account 4: a1 2 (one scorer)  a2 none  s1 5,3  s2 5 */
    {4, 1, 10, 2},
    {4, 3, 10, 5},
    {4, 3, 20, 3},
    {4, 4, 20, 5},
    /* a score of an account not in the portfolio is ignored */
    {99, 1, 10, 10},
};
#define NSCORES ((int)(sizeof kScores / sizeof kScores[0]))

static const int64_t kAccounts[] = {1, 2, 3, 4};
static const PfThresholds kTh = {5.5, 5.5};

static void stat_gives_mean_range_and_population_sd(void **state)
{
    (void)state;
    PfStat s;
    /* 8, 6: mean 7, range 2, deviations +-1 -> sd sqrt((1+1)/2) = 1 */
    pf_stat((const double[]){8, 6}, 2, &s);
    assert_int_equal(s.n, 2);
    assert_near(s.mean, 7);
    assert_near(s.range, 2);
    assert_near(s.sd, 1);
    /* 2, 4, 9: mean 15/3 = 5, deviations -3, -1, 4 -> sd sqrt((9+1+16)/3) = sqrt(26/3) */
    pf_stat((const double[]){2, 4, 9}, 3, &s);
    assert_near(s.mean, 5);
    assert_near(s.min, 2);
    assert_near(s.max, 9);
    assert_near(s.range, 7);
    assert_near(s.sd, sqrt(26.0 / 3.0));
    /* one scorer: no spread */
    pf_stat((const double[]){6}, 1, &s);
    assert_near(s.range, 0);
    assert_near(s.sd, 0);
    pf_stat(NULL, 0, &s);
    assert_int_equal(s.n, 0);
}

static void weighted_scores_and_quadrants(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Err err;
    err_clear(&err);
    PfResult r[4];
    assert_int_equal(pf_compute(&a, kCrit, NCRIT, kScores, NSCORES, kAccounts, 4, kTh, r, &err),
                     KAM_OK);

    /* account 1: a1 mean 7, a2 mean 9 -> (60*7 + 40*9)/100 = (420+360)/100 = 7.8
     *            s1 mean 6, s2 mean 6 -> (50*6 + 50*6)/100 = 6 -> strategic */
    assert_int_equal(r[0].account_id, 1);
    assert_near(r[0].set[PF_ATTRACTIVENESS].score, 7.8);
    assert_near(r[0].set[PF_STRENGTH].score, 6.0);
    assert_int_equal(r[0].quadrant, PF_STRATEGIC);
    assert_true(r[0].complete);
    /* spread of account 1: a1 8,6 -> range 2, sd 1; s2 4,8 -> range 4, sd 2 */
    assert_near(r[0].crit[0].mean, 7);
    assert_near(r[0].crit[0].range, 2);
    assert_near(r[0].crit[0].sd, 1);
    assert_near(r[0].crit[3].mean, 6);
    assert_near(r[0].crit[3].range, 4);
    assert_near(r[0].crit[3].sd, 2);

    /* account 2: a1 8, a2 4 -> (480+160)/100 = 6.4; s1 4, s2 2 -> (200+100)/100 = 3 -> development
     */
    assert_near(r[1].set[PF_ATTRACTIVENESS].score, 6.4);
    assert_near(r[1].set[PF_STRENGTH].score, 3.0);
    assert_int_equal(r[1].quadrant, PF_DEVELOPMENT);

    /* account 3: a1 4, a2 7 -> (240+280)/100 = 5.2; s1 8, s2 7 -> (400+350)/100 = 7.5 ->
     * maintenance */
    assert_near(r[2].set[PF_ATTRACTIVENESS].score, 5.2);
    assert_near(r[2].set[PF_STRENGTH].score, 7.5);
    assert_int_equal(r[2].quadrant, PF_MAINTENANCE);

    /* account 4: only a1 scored (2): renormalised 60*2/60 = 2, coverage 60/100 = 0.6;
     *            s1 4, s2 5 -> (200+250)/100 = 4.5, coverage 1 -> opportunistic, incomplete */
    assert_near(r[3].set[PF_ATTRACTIVENESS].score, 2.0);
    assert_near(r[3].set[PF_ATTRACTIVENESS].coverage, 0.6);
    assert_near(r[3].set[PF_STRENGTH].score, 4.5);
    assert_near(r[3].set[PF_STRENGTH].coverage, 1.0);
    assert_int_equal(r[3].quadrant, PF_OPPORTUNISTIC);
    assert_false(r[3].complete);
    assert_int_equal(r[3].crit[1].n, 0); /* a2: missing, not 0 */
    arena_free(&a);
}

static void threshold_is_inclusive_and_unscored_is_unplaced(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Err err;
    err_clear(&err);
    PfResult r[2];
    /* account 1 has attractiveness exactly 7.8 and strength exactly 6: at the
     * thresholds both count as high -> strategic */
    PfThresholds th = {7.8, 6.0};
    assert_int_equal(
        pf_compute(&a, kCrit, NCRIT, kScores, NSCORES, (const int64_t[]){1, 5}, 2, th, r, &err),
        KAM_OK);
    assert_int_equal(r[0].quadrant, PF_STRATEGIC);
    /* a hair above: attractiveness becomes low -> maintenance */
    th.attractiveness = 7.81;
    assert_int_equal(
        pf_compute(&a, kCrit, NCRIT, kScores, NSCORES, (const int64_t[]){1, 5}, 2, th, r, &err),
        KAM_OK);
    assert_int_equal(r[0].quadrant, PF_MAINTENANCE);
    /* account 5 has no scores at all */
    assert_false(r[1].set[PF_ATTRACTIVENESS].scored);
    assert_near(r[1].set[PF_ATTRACTIVENESS].coverage, 0);
    assert_int_equal(r[1].quadrant, PF_UNPLACED);
    assert_string_equal(pf_quadrant_name(r[1].quadrant), "unplaced");
    arena_free(&a);
}

static void weights_must_sum_to_100(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Err err;
    err_clear(&err);
    PfCriterion *alt;
    /* a2 40 -> 35: 60 + 35 = 95 */
    assert_int_equal(
        pf_apply_weights(&a, kCrit, NCRIT, (const PfWeight[]){{"a2", 35}}, 1, &alt, &err), KAM_OK);
    assert_int_equal(pf_check_weights(alt, NCRIT, &err), KAM_EINPUT);
    assert_string_equal(err.msg, "selection criteria set \xE2\x80\x9C"
                                 "attractiveness\xE2\x80\x9D has weights summing to 95, not 100");
    PfResult r[4];
    assert_int_equal(pf_compute(&a, alt, NCRIT, kScores, NSCORES, kAccounts, 4, kTh, r, &err),
                     KAM_EINPUT);
    /* strength 50 + 60 = 110 */
    assert_int_equal(
        pf_apply_weights(&a, kCrit, NCRIT, (const PfWeight[]){{"s2", 60}}, 1, &alt, &err), KAM_OK);
    assert_int_equal(pf_check_weights(alt, NCRIT, &err), KAM_EINPUT);
    assert_non_null(
        strstr(err.msg, "\xE2\x80\x9Cstrength\xE2\x80\x9D has weights summing to 110, not 100"));
    /* unknown code and out-of-range weight are named */
    assert_int_equal(
        pf_apply_weights(&a, kCrit, NCRIT, (const PfWeight[]){{"zz", 10}}, 1, &alt, &err),
        KAM_EINPUT);
    assert_non_null(strstr(err.msg, "\"zz\""));
    assert_int_equal(
        pf_apply_weights(&a, kCrit, NCRIT, (const PfWeight[]){{"a1", 120}}, 1, &alt, &err),
        KAM_EINPUT);
    assert_non_null(strstr(err.msg, "a1=120"));
    arena_free(&a);
}

static void whatif_lists_the_accounts_that_move(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Err err;
    err_clear(&err);
    PfResult now[4], then[4];
    PfCriterion *alt;
    assert_int_equal(pf_compute(&a, kCrit, NCRIT, kScores, NSCORES, kAccounts, 4, kTh, now, &err),
                     KAM_OK);
    /* a1 20, a2 80:
     *   account 1: (20*7 + 80*9)/100 = 8.6, strength 6   -> strategic (stays)
     *   account 2: (20*8 + 80*4)/100 = 4.8, strength 3   -> opportunistic (was development)
     *   account 3: (20*4 + 80*7)/100 = 6.4, strength 7.5 -> strategic (was maintenance)
     *   account 4: only a1 scored: 20*2/20 = 2           -> opportunistic (stays) */
    assert_int_equal(pf_apply_weights(&a, kCrit, NCRIT, (const PfWeight[]){{"a1", 20}, {"a2", 80}},
                                      2, &alt, &err),
                     KAM_OK);
    assert_near(kCrit[0].weight, 60); /* the original is untouched */
    assert_int_equal(pf_compute(&a, alt, NCRIT, kScores, NSCORES, kAccounts, 4, kTh, then, &err),
                     KAM_OK);
    assert_near(then[0].set[PF_ATTRACTIVENESS].score, 8.6);
    assert_near(then[1].set[PF_ATTRACTIVENESS].score, 4.8);
    assert_near(then[2].set[PF_ATTRACTIVENESS].score, 6.4);
    assert_near(then[3].set[PF_ATTRACTIVENESS].score, 2.0);
    PfMove *m;
    int n = pf_moves(&a, now, then, 4, &m);
    assert_int_equal(n, 2);
    assert_int_equal(m[0].account_id, 2);
    assert_int_equal(m[0].from, PF_DEVELOPMENT);
    assert_int_equal(m[0].to, PF_OPPORTUNISTIC);
    assert_int_equal(m[1].account_id, 3);
    assert_int_equal(m[1].from, PF_MAINTENANCE);
    assert_int_equal(m[1].to, PF_STRATEGIC);
    assert_near(m[1].now[PF_ATTRACTIVENESS].score, 5.2);
    assert_near(m[1].then[PF_ATTRACTIVENESS].score, 6.4);
    arena_free(&a);
}

static void weights_spec_is_parsed_strictly(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Err err;
    err_clear(&err);
    PfWeight *w;
    int n;
    assert_int_equal(pf_parse_weights(&a, "att_volume=30, att_growth = 10", &w, &n, &err), KAM_OK);
    assert_int_equal(n, 2);
    assert_string_equal(w[0].code, "att_volume");
    assert_near(w[0].weight, 30);
    assert_string_equal(w[1].code, "att_growth");
    assert_near(w[1].weight, 10);
    assert_int_equal(pf_parse_weights(&a, "att_volume", &w, &n, &err), KAM_EINPUT);
    assert_non_null(strstr(err.msg, "att_volume"));
    assert_int_equal(pf_parse_weights(&a, "a=x", &w, &n, &err), KAM_EINPUT);
    assert_int_equal(pf_parse_weights(&a, "a=1,a=2", &w, &n, &err), KAM_EINPUT);
    assert_non_null(strstr(err.msg, "twice"));
    arena_free(&a);
}

/* ------------------------------------------------------------------ store */

static int64_t new_account(TestDb *t, const char *name)
{
    Record *in = record_new(&t->ctx, entity_find("account")), *out;
    record_set(&t->ctx, in, "name", name);
    if (ent_create(&t->ctx, entity_find("account"), in, &out)) fail_msg("account: %s", t->err.msg);
    return out->id;
}

static int64_t new_user(TestDb *t, const char *login, const char *role)
{
    int64_t id;
    UserNew u = {.login = login, .role = role};
    if (user_create(&t->ctx, &u, &id)) fail_msg("user: %s", t->err.msg);
    return id;
}

static void score(TestDb *t, int64_t acct, const char *crit, const char *who, const char *value)
{
    bool replaced;
    if (pf_score(&t->ctx, acct, crit, who, value, NULL, &replaced))
        fail_msg("score: %s", t->err.msg);
}

static void store_scores_thresholds_and_visibility(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    Ctx *c = &t->ctx;
    int64_t acme = new_account(t, "Acme"), beta = new_account(t, "Beta");
    int64_t alice = new_user(t, "alice", "kam");
    new_user(t, "bob", "executive");
    /* seeded weights: att_volume 25, att_profit 20; str_solution 25 */
    score(t, acme, "att_volume", "alice", "8");
    score(t, acme, "att_volume", "bob", "5");
    score(t, acme, "att_profit", "bob", "4");
    score(t, acme, "str_solution", "alice", "9");
    score(t, acme, "str_solution", "bob", "7");
    /* scoring again replaces: bob's att_volume 5 -> 6 */
    bool replaced = false;
    assert_int_equal(pf_score(c, acme, "att_volume", "bob", "6", NULL, &replaced), KAM_OK);
    assert_true(replaced);
    int64_t rows = 0;
    assert_int_equal(
        db_one_int(t->db, &t->err, "SELECT count(*) FROM criterion_score", DB_NOARGS, &rows),
        KAM_OK);
    assert_int_equal(rows, 5);

    Portfolio p;
    assert_int_equal(pf_load(c, &p), KAM_OK);
    assert_int_equal(p.nacc, 2);
    assert_near(p.th.attractiveness, 5.5);
    assert_int_equal(p.acct[0].id, acme); /* by name: Acme, Beta */
    /* att_volume mean (8+6)/2 = 7, att_profit 4:
     *   (25*7 + 20*4) / (25+20) = (175+80)/45 = 255/45; coverage 45/100
     * str_solution mean (9+7)/2 = 8: 25*8/25 = 8; coverage 25/100 */
    assert_near(p.res[0].set[PF_ATTRACTIVENESS].score, 255.0 / 45.0);
    assert_near(p.res[0].set[PF_ATTRACTIVENESS].coverage, 0.45);
    assert_near(p.res[0].set[PF_STRENGTH].score, 8.0);
    assert_near(p.res[0].set[PF_STRENGTH].coverage, 0.25);
    /* 5.67 >= 5.5 and 8 >= 5.5 -> strategic */
    assert_int_equal(p.res[0].quadrant, PF_STRATEGIC);
    assert_int_equal(p.res[1].quadrant, PF_UNPLACED);

    /* thresholds: attractiveness 6 -> 5.67 is low -> maintenance */
    assert_int_equal(pf_set_thresholds(c, "6", NULL), KAM_OK);
    assert_int_equal(pf_load(c, &p), KAM_OK);
    assert_near(p.th.attractiveness, 6);
    assert_near(p.th.strength, 5.5);
    assert_int_equal(p.res[0].quadrant, PF_MAINTENANCE);
    assert_int_equal(pf_set_thresholds(c, "11", NULL), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "threshold_attractiveness"));

    /* what-if in the store: nothing is saved */
    PfMove *moves;
    int n;
    assert_int_equal(
        pf_whatif(c, (const PfWeight[]){{"att_volume", 45}, {"att_profit", 0}}, 2, &p, &moves, &n),
        KAM_OK);
    /* att_volume 45, att_profit 0: 45*7/45 = 7 >= 6 -> strategic (was maintenance) */
    assert_int_equal(n, 1);
    assert_int_equal(moves[0].account_id, acme);
    assert_int_equal(moves[0].to, PF_STRATEGIC);
    double w = 0;
    assert_int_equal(db_one_real(t->db, &t->err,
                                 "SELECT weight FROM criterion WHERE code = 'att_volume'",
                                 DB_NOARGS, &w),
                     KAM_OK);
    assert_near(w, 25);
    assert_int_equal(pf_whatif(c, (const PfWeight[]){{"att_volume", 30}}, 1, &p, &moves, &n),
                     KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "summing to 105, not 100"));

    /* bad input names what is wrong */
    assert_int_equal(pf_score(c, acme, "nope", "bob", "5", NULL, &replaced), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "\"nope\""));
    assert_int_equal(pf_score(c, acme, "att_fit", "nobody", "5", NULL, &replaced), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "\"nobody\""));
    assert_int_equal(pf_score(c, acme, "att_fit", "bob", "11", NULL, &replaced), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "score"));
    assert_int_equal(pf_score(c, 999, "att_fit", "bob", "5", NULL, &replaced), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "999"));

    /* a KAM sees only the accounts they run */
    Record *in = record_new(c, entity_find("account")), *out, *cur;
    assert_int_equal(ent_get(c, entity_find("account"), acme, &cur), KAM_OK);
    Actor alice_actor;
    assert_int_equal(user_actor(c, alice, &alice_actor), KAM_OK);
    record_set(c, in, "kam_id", arena_printf(c->arena, "%lld", (long long)alice_actor.person_id));
    assert_int_equal(ent_update(c, entity_find("account"), acme, cur->version, in, &out, NULL),
                     KAM_OK);
    c->actor = alice_actor;
    assert_int_equal(pf_load(c, &p), KAM_OK);
    assert_int_equal(p.nacc, 1);
    assert_int_equal(p.acct[0].id, acme);
    (void)beta;
    /* a KAM may not move the thresholds (programme level) */
    assert_int_equal(pf_set_thresholds(c, "5", NULL), KAM_EFORBIDDEN);
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stat_gives_mean_range_and_population_sd),
        cmocka_unit_test(weighted_scores_and_quadrants),
        cmocka_unit_test(threshold_is_inclusive_and_unscored_is_unplaced),
        cmocka_unit_test(weights_must_sum_to_100),
        cmocka_unit_test(whatif_lists_the_accounts_that_move),
        cmocka_unit_test(weights_spec_is_parsed_strictly),
        cmocka_unit_test(store_scores_thresholds_and_visibility),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
