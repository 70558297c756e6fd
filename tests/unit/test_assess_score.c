/* Scoring of the KAM assessment (svc/assess_score.h): each rule on its own,
 * then a tiny round computed whole. Every expected value is worked out by
 * hand in the comments. */
#include "testutil.h"

#include "svc/assess_score.h"

#include <math.h>
#include <string.h>

static AsValue V(double v)
{
    return (AsValue){true, v};
}
static const AsValue NA = {false, 0};

static void index_and_weighted_mean(void **state)
{
    (void)state;
    /* (x - 1) / 4 * 100: 1 -> 0, 5 -> 100, 3.5 -> 2.5 / 4 * 100 = 62.5 */
    assert_near(as_index(1), 0);
    assert_near(as_index(5), 100);
    assert_near(as_index(3.5), 62.5);
    /* 4 (weight 1.5), 2 (weight 1), N/A (weight 2, left out):
     * (1.5 * 4 + 1 * 2) / (1.5 + 1) = 8 / 2.5 = 3.2 */
    AsValue v[] = {V(4), V(2), NA};
    double w[] = {1.5, 1, 2};
    AsValue m = as_weighted_mean(v, w, 3);
    assert_true(m.has);
    assert_near(m.v, 3.2);
    /* only N/A: no score at all, not 0 */
    m = as_weighted_mean(v + 2, w + 2, 1);
    assert_false(m.has);
}

static void weakest_dimension_and_ties(void **state)
{
    (void)state;
    int ties = 0;
    /* strategy 3, solutions 2, people 2, management N/A, evaluation 4:
     * the lowest is 2, held by solutions and people -> the first, 2 tied */
    AsValue d[AS_NDIM] = {V(3), V(2), V(2), NA, V(4)};
    assert_int_equal(as_weakest(d, &ties), AS_SOLUTIONS);
    assert_int_equal(ties, 2);
    /* a single lowest one */
    AsValue e[AS_NDIM] = {V(3), V(2.5), V(2.75), NA, V(4)};
    assert_int_equal(as_weakest(e, &ties), AS_SOLUTIONS);
    assert_int_equal(ties, 1);
    /* nothing scored */
    AsValue none[AS_NDIM] = {NA, NA, NA, NA, NA};
    assert_int_equal(as_weakest(none, &ties), -1);
    assert_int_equal(ties, 0);
}

static void spread_among_raters(void **state)
{
    (void)state;
    /* 2, 4, 4, 5: mean 15/4 = 3.75; squared deviations 3.0625 + 0.0625 +
     * 0.0625 + 1.5625 = 4.75; population variance 4.75 / 4 = 1.1875;
     * range 5 - 2 = 3 */
    int s[] = {2, 4, 4, 5};
    double mean, sd, range;
    as_stats(s, 4, &mean, &sd, &range);
    assert_near(mean, 3.75);
    assert_near(sd, sqrt(1.1875));
    assert_near(range, 3);
    /* a single rater: no spread */
    as_stats(s, 1, &mean, &sd, &range);
    assert_near(mean, 2);
    assert_near(sd, 0);
    assert_near(range, 0);
}

static void gaps_are_flagged_from_one_point(void **state)
{
    (void)state;
    assert_true(as_gap_flagged(1.0));
    assert_true(as_gap_flagged(-1.0));
    /* 4.2 - 3.2 is not exactly 1 in binary floating point; still flagged */
    assert_true(as_gap_flagged(4.2 - 3.2));
    assert_false(as_gap_flagged(0.99));
    assert_false(as_gap_flagged(-0.5));
}

static void importance_performance(void **state)
{
    (void)state;
    /* priority = importance x (5 - performance): 4.5 x (5 - 2) = 13.5 */
    assert_near(as_priority(4.5, 2), 13.5);
    assert_near(as_priority(3, 5), 0);
    /* quadrants split at 3, where 3 itself counts as high */
    assert_int_equal(as_quadrant(V(4.5), V(2)), AS_Q_CONCENTRATE);
    assert_int_equal(as_quadrant(V(3), V(3)), AS_Q_KEEP_UP);
    assert_int_equal(as_quadrant(V(2), V(4)), AS_Q_OVERKILL);
    assert_int_equal(as_quadrant(V(2), V(2.9)), AS_Q_LOW_PRIORITY);
    /* without an importance (or a score) an item is not placed */
    assert_int_equal(as_quadrant(NA, V(2)), AS_Q_NONE);
    assert_int_equal(as_quadrant(V(4), NA), AS_Q_NONE);
    assert_string_equal(as_quadrant_name(AS_Q_CONCENTRATE), "concentrate_here");
}

static void self_rating_against_evidence(void **state)
{
    (void)state;
    AsEvCheck c;
    /* share 0.25 -> evidence 1 + 4 x 0.25 = 2; rating 4.5: delta 2.5 ->
     * disagreement, and a 4-5 with evidence under 3 -> unsupported */
    as_evidence_check(V(4.5), true, 0.25, &c);
    assert_near(c.score, 2);
    assert_near(c.delta, 2.5);
    assert_true(c.disagree);
    assert_true(c.unsupported);
    /* a 4 where the rule found no data: unsupported, nothing to disagree with */
    as_evidence_check(V(4), false, 0, &c);
    assert_false(c.disagree);
    assert_true(c.unsupported);
    /* rating 2, share 0.5 -> evidence 3: delta -1 is a disagreement (rated
     * lower than the data shows), not an unsupported high rating */
    as_evidence_check(V(2), true, 0.5, &c);
    assert_near(c.delta, -1);
    assert_true(c.disagree);
    assert_false(c.unsupported);
    /* rating 4, evidence exactly 3: supported (3 is not under 3), delta 1 */
    as_evidence_check(V(4), true, 0.5, &c);
    assert_false(c.unsupported);
    assert_true(c.disagree);
    /* rating 3.5, share 0.75 -> 4: delta -0.5, nothing flagged */
    as_evidence_check(V(3.5), true, 0.75, &c);
    assert_near(c.delta, -0.5);
    assert_false(c.disagree);
    assert_false(c.unsupported);
    /* nobody rated: no flags whatever the evidence says */
    as_evidence_check(NA, true, 0, &c);
    assert_false(c.disagree);
    assert_false(c.unsupported);
}

static void trend_between_rounds(void **state)
{
    (void)state;
    /* a change under a quarter point is flat; from a quarter point it moves */
    assert_int_equal(as_trend(V(3.0), V(3.2)), AS_TREND_FLAT);
    assert_int_equal(as_trend(V(3.0), V(3.25)), AS_TREND_UP);
    assert_int_equal(as_trend(V(3.5), V(2.5)), AS_TREND_DOWN);
    assert_int_equal(as_trend(NA, V(3)), AS_TREND_NONE);
    assert_int_equal(as_trend(V(3), NA), AS_TREND_NONE);
    assert_string_equal(as_trend_name(AS_TREND_DOWN), "down");
}

static void links_to_where_the_work_is_done(void **state)
{
    (void)state;
    char b[64];
    as_link(0, AS_PEOPLE, b, sizeof b);
    assert_string_equal(b, "/programme#people");
    as_link(12, AS_STRATEGY, b, sizeof b);
    assert_string_equal(b, "/accounts/12#strategy");
    assert_int_equal(as_rater_level(AS_CUSTOMER_RATER, 12), AS_CUSTOMER);
    assert_int_equal(as_rater_level(AS_KAM, 0), AS_CORPORATE);
    assert_int_equal(as_rater_level(AS_SPONSOR, 12), AS_OPERATIONAL);
    assert_int_equal(as_role_parse("sponsor"), AS_SPONSOR);
    assert_int_equal(as_dim_parse("management"), AS_MANAGEMENT);
    assert_int_equal(as_level_parse("nowhere"), -1);
}

/* ------------------------------------------------------------------ a tiny round
 *
 * items (index: dimension level weight mirror)
 *   0 strategy   corporate   2  s.plan      1 strategy corporate 1
 *   2 people     corporate   1  p.comp      3 strategy operational 1 s.plan
 *   4 people     operational 1  p.comp      5 people   operational 1 p.rel
 *   6 people     customer    1  p.rel       7 management operational 1
 * raters
 *   r0 executive, programme   r1 kam, programme
 *   r2 kam, account 10        r3 sponsor, account 10   r4 customer, account 10
 *   r5 kam, account 20        r6 customer, account 20 (never answered)
 * answers (score/importance; n = not applicable)
 *   r0: item0 4/5  item1 2/4  item2 2/5
 *   r1: item0 2    item1 n/3  item2 3
 *   r2: item3 4/4  item4 5    item5 4/2  item7 n
 *   r3: item3 3    item4 5    item5 2    item7 n
 *   r4: item6 2/5
 *   r5: item3 2    item4 n    item5 3    (item7 left open) */
static const AsItem kItems[] = {
    {"S-C1", AS_STRATEGY, AS_CORPORATE, 2, "s.plan"},
    {"S-C2", AS_STRATEGY, AS_CORPORATE, 1, ""},
    {"P-C1", AS_PEOPLE, AS_CORPORATE, 1, "p.comp"},
    {"S-O1", AS_STRATEGY, AS_OPERATIONAL, 1, "s.plan"},
    {"P-O1", AS_PEOPLE, AS_OPERATIONAL, 1, "p.comp"},
    {"P-O2", AS_PEOPLE, AS_OPERATIONAL, 1, "p.rel"},
    {"P-U1", AS_PEOPLE, AS_CUSTOMER, 1, "p.rel"},
    {"M-O1", AS_MANAGEMENT, AS_OPERATIONAL, 1, ""},
};
static const AsRater kRaters[] = {
    {AS_EXECUTIVE, 0},
    {AS_KAM, 0},
    {AS_KAM, 10},
    {AS_SPONSOR, 10},
    {AS_CUSTOMER_RATER, 10},
    {AS_KAM, 20},
    {AS_CUSTOMER_RATER, 20},
};
static const AsAnswer kAnswers[] = {
    {0, 0, 4, 5}, {0, 1, 2, 4}, {0, 2, 2, 5},               /* r0 */
    {1, 0, 2, 0}, {1, 1, 0, 3}, {1, 2, 3, 0},               /* r1 */
    {2, 3, 4, 4}, {2, 4, 5, 0}, {2, 5, 4, 2}, {2, 7, 0, 0}, /* r2 */
    {3, 3, 3, 0}, {3, 4, 5, 0}, {3, 5, 2, 0}, {3, 7, 0, 0}, /* r3 */
    {4, 6, 2, 5},                                           /* r4 */
    {5, 3, 2, 0}, {5, 4, 0, 0}, {5, 5, 3, 0},               /* r5 */
    {0, 3, 5, 5}, /* r0 is a programme rater: an operational item is not theirs, ignored */
};
/* evidence: e0 item0 programme 0.25; e1 item3 acct 10 0.5; e2 item4 acct 10
 * no data; e3 item4 acct 20 1.0; e4 item3 acct 20 0.0 */
static const AsEvidence kEvidence[] = {
    {0, 0, true, 0.25}, {3, 10, true, 0.5}, {4, 10, false, 0},
    {4, 20, true, 1.0}, {3, 20, true, 0.0},
};

static void tiny_round(AsResult *r, Arena *a)
{
    AsInput in = {kItems,    8, kRaters, 7, kAnswers, (int)(sizeof kAnswers / sizeof kAnswers[0]),
                  kEvidence, 5, NULL,    0};
    as_compute(a, &in, r);
}

static void item_dimension_level_scores(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    AsResult r;
    tiny_round(&r, &a);
    assert_int_equal(r.nsubjects, 3); /* programme, 10, 20 */
    const AsSubject *p = as_subject(&r, 0), *s10 = as_subject(&r, 10), *s20 = as_subject(&r, 20);
    assert_non_null(p);
    assert_non_null(s10);
    assert_non_null(s20);
    assert_null(as_subject(&r, 30));

    /* programme items: item0 4, 2 -> 3 (sd 1, range 2); item1 2 and an N/A
     * -> 2 from a single score; item2 2, 3 -> 2.5 (sd 0.5) */
    assert_int_equal(p->item[0].n, 2);
    assert_near(p->item[0].mean, 3);
    assert_near(p->item[0].sd, 1);
    assert_near(p->item[0].range, 2);
    assert_int_equal(p->item[1].n, 1);
    assert_int_equal(p->item[1].na, 1);
    assert_near(p->item[1].mean, 2);
    assert_near(p->item[1].imp, 3.5); /* 4 and 3: importance beside an N/A counts */
    assert_near(p->item[2].mean, 2.5);
    assert_near(p->item[2].sd, 0.5);
    /* the executive's own answers: item0 4 */
    assert_near(p->role_item[AS_EXECUTIVE][0].mean, 4);
    assert_near(p->role_item[AS_KAM][0].mean, 2);

    /* corporate: strategy (2 x 3 + 1 x 2) / 3 = 8/3; people 2.5; level mean
     * (8/3 + 2.5) / 2 = 31/12; index (31/12 - 1) / 4 x 100 = 19/48 x 100;
     * weakest people (2.5 < 2.667); coverage: 2 raters x 3 items = 6
     * expected, 5 scored, 1 N/A */
    const AsLevelScore *c = &r.level[AS_CORPORATE];
    assert_near(c->dim[AS_STRATEGY].v, 8.0 / 3);
    assert_near(c->dim[AS_PEOPLE].v, 2.5);
    assert_false(c->dim[AS_SOLUTIONS].has);
    assert_near(c->mean.v, 31.0 / 12);
    assert_near(c->index, 1900.0 / 48);
    assert_int_equal(c->weakest, AS_PEOPLE);
    assert_int_equal(c->nweakest, 1);
    assert_int_equal(c->expected, 6);
    assert_int_equal(c->scored, 5);
    assert_int_equal(c->na, 1);
    assert_near(c->coverage, 5.0 / 6);

    /* account 10: item3 4, 3 -> 3.5; item4 5, 5 -> 5; item5 4, 2 -> 3;
     * item7 only N/A -> no score, so management has none;
     * strategy 3.5, people (5 + 3) / 2 = 4, mean 3.75, weakest strategy */
    const AsLevelScore *o10 = &s10->level[AS_OPERATIONAL];
    assert_near(s10->item[3].mean, 3.5);
    assert_near(s10->item[4].mean, 5);
    assert_near(s10->item[4].sd, 0);
    assert_near(s10->item[5].mean, 3);
    assert_int_equal(s10->item[7].n, 0);
    assert_int_equal(s10->item[7].na, 2);
    assert_false(o10->dim[AS_MANAGEMENT].has);
    assert_near(o10->dim[AS_STRATEGY].v, 3.5);
    assert_near(o10->dim[AS_PEOPLE].v, 4);
    assert_near(o10->mean.v, 3.75);
    assert_int_equal(o10->weakest, AS_STRATEGY);
    /* 2 raters x 4 operational items = 8 expected; 6 scored, 2 N/A */
    assert_int_equal(o10->expected, 8);
    assert_int_equal(o10->scored, 6);
    assert_int_equal(o10->na, 2);
    /* account 20, a single rater: strategy 2; people 3 (item4 was N/A);
     * mean 2.5; item7 left open: 4 expected, 2 scored, 1 N/A */
    const AsLevelScore *o20 = &s20->level[AS_OPERATIONAL];
    assert_near(o20->dim[AS_STRATEGY].v, 2);
    assert_near(o20->dim[AS_PEOPLE].v, 3);
    assert_near(o20->mean.v, 2.5);
    assert_int_equal(o20->expected, 4);
    assert_int_equal(o20->scored, 2);
    assert_int_equal(o20->na, 1);
    /* the customer of account 20 never answered: nothing scored there */
    assert_false(s20->level[AS_CUSTOMER].mean.has);
    assert_int_equal(s20->level[AS_CUSTOMER].expected, 1);
    assert_int_equal(s20->level[AS_CUSTOMER].weakest, -1);

    /* round, operational: strategy mean(3.5, 2) = 2.75, people mean(4, 3) =
     * 3.5; level (2.75 + 3.5) / 2 = 3.125, index 2.125 / 4 x 100 = 53.125;
     * coverage 8 of 12 */
    const AsLevelScore *o = &r.level[AS_OPERATIONAL];
    assert_near(o->dim[AS_STRATEGY].v, 2.75);
    assert_near(o->dim[AS_PEOPLE].v, 3.5);
    assert_near(o->mean.v, 3.125);
    assert_near(o->index, 53.125);
    assert_int_equal(o->weakest, AS_STRATEGY);
    assert_int_equal(o->expected, 12);
    assert_int_equal(o->scored, 8);
    assert_near(o->coverage, 8.0 / 12);
    /* round, customer: people 2 from account 10 alone (the missing rater of
     * account 20 adds nothing but lowers coverage to 1 of 2) */
    const AsLevelScore *u = &r.level[AS_CUSTOMER];
    assert_near(u->dim[AS_PEOPLE].v, 2);
    assert_near(u->mean.v, 2);
    assert_near(u->index, 25);
    assert_near(u->coverage, 0.5);
    arena_free(&a);
}

static void corporate_operational_and_rater_gaps(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    AsResult r;
    tiny_round(&r, &a);
    /* strategy 8/3 - 2.75 = -1/12: not flagged; people 2.5 - 3.5 = -1: flagged */
    assert_true(r.corp_op[AS_STRATEGY].has);
    assert_near(r.corp_op[AS_STRATEGY].delta, -1.0 / 12);
    assert_false(r.corp_op[AS_STRATEGY].flagged);
    assert_near(r.corp_op[AS_PEOPLE].delta, -1);
    assert_true(r.corp_op[AS_PEOPLE].flagged);
    assert_false(r.corp_op[AS_SOLUTIONS].has);

    /* Rater gaps, in pair order (executive, sponsor, kam, team, customer),
     * scope, dimension, the dimension before its aspects:
     *  programme, executive - kam: item0 4 - 2 = +2; item1 the kam said N/A:
     *    no pair; item2 2 - 3 = -1. strategy dimension +2 (item0 alone),
     *    people -1.
     *  account 10, sponsor - kam: item3 3 - 4 = -1; item4 5 - 5 = 0; item5
     *    2 - 4 = -2. strategy -1; people (0 + -2) / 2 = -1.
     *  account 10, sponsor - customer: item5 against the customer's mirror
     *    item6 (p.rel): 2 - 2 = 0.
     *  account 10, kam - customer: item5 4 - item6 2 = +2.
     *  account 20 has one scoring rater: no pairs. */
    struct {
        int a, b, scope, dim, item, item_b;
        double delta;
        bool flagged;
    } want[] = {
        {AS_EXECUTIVE, AS_KAM, AS_CORPORATE, AS_STRATEGY, -1, -1, 2, true},
        {AS_EXECUTIVE, AS_KAM, AS_CORPORATE, AS_STRATEGY, 0, 0, 2, true},
        {AS_EXECUTIVE, AS_KAM, AS_CORPORATE, AS_PEOPLE, -1, -1, -1, true},
        {AS_EXECUTIVE, AS_KAM, AS_CORPORATE, AS_PEOPLE, 2, 2, -1, true},
        {AS_SPONSOR, AS_KAM, AS_OPERATIONAL, AS_STRATEGY, -1, -1, -1, true},
        {AS_SPONSOR, AS_KAM, AS_OPERATIONAL, AS_STRATEGY, 3, 3, -1, true},
        {AS_SPONSOR, AS_KAM, AS_OPERATIONAL, AS_PEOPLE, -1, -1, -1, true},
        {AS_SPONSOR, AS_KAM, AS_OPERATIONAL, AS_PEOPLE, 4, 4, 0, false},
        {AS_SPONSOR, AS_KAM, AS_OPERATIONAL, AS_PEOPLE, 5, 5, -2, true},
        {AS_SPONSOR, AS_CUSTOMER_RATER, AS_OPERATIONAL, AS_PEOPLE, -1, -1, 0, false},
        {AS_SPONSOR, AS_CUSTOMER_RATER, AS_OPERATIONAL, AS_PEOPLE, 5, 6, 0, false},
        {AS_KAM, AS_CUSTOMER_RATER, AS_OPERATIONAL, AS_PEOPLE, -1, -1, 2, true},
        {AS_KAM, AS_CUSTOMER_RATER, AS_OPERATIONAL, AS_PEOPLE, 5, 6, 2, true},
    };
    int n = (int)(sizeof want / sizeof want[0]);
    assert_int_equal(r.ngaps, n);
    for (int i = 0; i < n && i < r.ngaps; i++) {
        const AsRoleGap *g = &r.gaps[i];
        assert_int_equal(g->a, want[i].a);
        assert_int_equal(g->b, want[i].b);
        assert_int_equal(g->scope, want[i].scope);
        assert_int_equal(g->dim, want[i].dim);
        assert_int_equal(g->item, want[i].item);
        assert_int_equal(g->item_b, want[i].item_b);
        assert_near(g->delta, want[i].delta);
        assert_int_equal(g->flagged, want[i].flagged);
        assert_int_equal(g->n, 1);
    }
    /* on accounts the gap names where it was found */
    assert_int_equal(r.gaps[12].worst_account, 10);
    arena_free(&a);
}

static void spread_importance_and_evidence(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    AsResult r;
    tiny_round(&r, &a);
    /* spread: only subjects with two or more scores count.
     * item0 sd 1 range 2; item1 single score: none; item3 sd 0.5 (account
     * 10; account 20 has one); item4 sd 0; item5 sd 1 range 2; item6 none */
    assert_int_equal(r.spread[0].n, 1);
    assert_near(r.spread[0].sd, 1);
    assert_near(r.spread[0].range, 2);
    assert_int_equal(r.spread[1].n, 0);
    assert_near(r.spread[3].sd, 0.5);
    assert_int_equal(r.spread[4].n, 1);
    assert_near(r.spread[4].sd, 0);
    assert_near(r.spread[5].sd, 1);
    assert_int_equal(r.spread[6].n, 0);
    /* per level and dimension, the mean over items with a spread:
     * corporate strategy item0 alone 1; operational people (0 + 1) / 2 */
    assert_near(r.dim_spread[AS_CORPORATE][AS_STRATEGY].v, 1);
    assert_near(r.dim_spread[AS_CORPORATE][AS_PEOPLE].v, 0.5);
    assert_near(r.dim_spread[AS_OPERATIONAL][AS_PEOPLE].v, 0.5);
    assert_false(r.dim_spread[AS_CUSTOMER][AS_PEOPLE].has);

    /* importance-performance:
     * item0 perf 3, imp 5: priority 5 x 2 = 10, keep up (3 is high)
     * item1 perf 2, imp (4 + 3) / 2 = 3.5: 3.5 x 3 = 10.5, concentrate
     * item2 perf 2.5, imp 5: 12.5, concentrate
     * item3 perf mean(3.5, 2) = 2.75, imp 4: 4 x 2.25 = 9, concentrate
     * item4 perf 5, no importance: not placed
     * item5 perf mean(3, 3) = 3, imp 2: 2 x 2 = 4, possible overkill
     * item6 perf 2, imp 5: 15, concentrate
     * item7 nothing */
    assert_near(r.ip[0].priority, 10);
    assert_int_equal(r.ip[0].quadrant, AS_Q_KEEP_UP);
    assert_near(r.ip[1].importance.v, 3.5);
    assert_near(r.ip[1].priority, 10.5);
    assert_int_equal(r.ip[1].quadrant, AS_Q_CONCENTRATE);
    assert_near(r.ip[2].priority, 12.5);
    assert_near(r.ip[3].performance.v, 2.75);
    assert_near(r.ip[3].priority, 9);
    assert_int_equal(r.ip[4].quadrant, AS_Q_NONE);
    assert_false(r.ip[4].importance.has);
    assert_int_equal(r.ip[5].quadrant, AS_Q_OVERKILL);
    assert_near(r.ip[5].priority, 4);
    assert_near(r.ip[6].priority, 15);
    assert_false(r.ip[7].performance.has);

    /* evidence: e0 item0 rated 3 vs 1 + 4 x 0.25 = 2: delta 1, disagreement;
     * e1 item3 at 10 rated 3.5 vs 3: fine; e2 item4 at 10 rated 5 with no
     * data: unsupported; e3 item4 at 20 only N/A: no rating, no flag; e4
     * item3 at 20 rated 2 vs 1: disagreement */
    assert_int_equal(r.nev, 5);
    assert_true(r.ev[0].disagree);
    assert_false(r.ev[0].unsupported);
    assert_near(r.ev[0].delta, 1);
    assert_false(r.ev[1].disagree || r.ev[1].unsupported);
    assert_true(r.ev[2].unsupported);
    assert_false(r.ev[2].disagree);
    assert_false(r.ev[3].rating.has);
    assert_false(r.ev[3].disagree || r.ev[3].unsupported);
    assert_true(r.ev[4].disagree);
    arena_free(&a);
}

static void recommendations_ranked(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    AsResult r;
    tiny_round(&r, &a);
    /* Candidates, urgency = importance x points to close:
     *  items in "concentrate here": item1 3.5 x 3 = 10.5; item2 5 x 2.5 = 12.5;
     *    item3 4 x 2.25 = 9 (at account 20, the lower item score);
     *    item6 5 x 3 = 15 (account 10)
     *  dimensions under 3: corporate strategy 8/3: importance over items 0
     *    and 1 (5, 4, 3) = 4, points 5 - 8/3 = 7/3 -> 28/3; corporate people
     *    2.5: 5 x 2.5 = 12.5; operational strategy 2.75: 4 x 2.25 = 9
     *    (account 20); customer people 2: 5 x 3 = 15 (account 10)
     *  corporate/operational people -1: corporate is weaker; importance over
     *    corporate and operational people items (5 and 2) = 3.5 -> 3.5
     *  rater gaps, aspects (their dimensions are left out as each has a
     *    flagged aspect): item0 +2 x imp 5 = 10; item2 -1 x 5 = 5;
     *    item3 -1 x 4 = 4; item5 sponsor-kam -2 x 2 = 4; item5 kam-customer
     *    +2 x 2 = 4
     *  evidence: item0 1 point x 5 = 5; item3 (1 of 2 accounts) 1 x 4 = 4;
     *    item4 no data at 10: 1 point x default importance 3 = 3
     * Ties keep the order item, dimension, corp/op, raters, evidence, then
     * level, dimension, item, gap. */
    struct {
        AsRecKind kind;
        int level, dim, item;
        double urgency;
        int64_t account;
    } want[] = {
        {AS_REC_ITEM, AS_CUSTOMER, AS_PEOPLE, 6, 15, 10},
        {AS_REC_DIMENSION, AS_CUSTOMER, AS_PEOPLE, -1, 15, 10},
        {AS_REC_ITEM, AS_CORPORATE, AS_PEOPLE, 2, 12.5, 0},
        {AS_REC_DIMENSION, AS_CORPORATE, AS_PEOPLE, -1, 12.5, 0},
        {AS_REC_ITEM, AS_CORPORATE, AS_STRATEGY, 1, 10.5, 0},
        {AS_REC_RATERS, AS_CORPORATE, AS_STRATEGY, 0, 10, 0},
        {AS_REC_DIMENSION, AS_CORPORATE, AS_STRATEGY, -1, 28.0 / 3, 0},
        {AS_REC_ITEM, AS_OPERATIONAL, AS_STRATEGY, 3, 9, 20},
        {AS_REC_DIMENSION, AS_OPERATIONAL, AS_STRATEGY, -1, 9, 20},
        {AS_REC_RATERS, AS_CORPORATE, AS_PEOPLE, 2, 5, 0},
        {AS_REC_EVIDENCE, AS_CORPORATE, AS_STRATEGY, 0, 5, 0},
        {AS_REC_RATERS, AS_OPERATIONAL, AS_STRATEGY, 3, 4, 10},
        {AS_REC_RATERS, AS_OPERATIONAL, AS_PEOPLE, 5, 4, 10},
        {AS_REC_RATERS, AS_OPERATIONAL, AS_PEOPLE, 5, 4, 10},
        {AS_REC_EVIDENCE, AS_OPERATIONAL, AS_STRATEGY, 3, 4, 20},
        {AS_REC_CORP_OP, AS_CORPORATE, AS_PEOPLE, -1, 3.5, 0},
        {AS_REC_EVIDENCE, AS_OPERATIONAL, AS_PEOPLE, 4, 3, 10},
    };
    int n = (int)(sizeof want / sizeof want[0]);
    assert_int_equal(r.nrec, n);
    for (int i = 0; i < n && i < r.nrec; i++) {
        const AsRec *x = &r.rec[i];
        assert_int_equal(x->rank, i + 1);
        assert_int_equal(x->kind, want[i].kind);
        assert_int_equal(x->level, want[i].level);
        assert_int_equal(x->dim, want[i].dim);
        assert_int_equal(x->item, want[i].item);
        assert_near(x->urgency, want[i].urgency);
        assert_int_equal(x->account_id, want[i].account);
    }
    /* the two equal rater gaps on item5: sponsor-kam (pair 1-2) before
     * kam-customer (pair 2-4) */
    assert_int_equal(r.gaps[r.rec[12].gap].a, AS_SPONSOR);
    assert_int_equal(r.gaps[r.rec[13].gap].a, AS_KAM);
    /* the evidence finding counts 1 flagged subject of the 2 rated */
    assert_int_equal(r.rec[14].count, 1);
    assert_int_equal(r.rec[14].of, 2);
    /* the default importance is used, and said to be */
    assert_false(r.rec[16].importance_given);
    assert_true(r.rec[0].importance_given);
    arena_free(&a);
}

static void a_single_rater_round(void **state)
{
    (void)state;
    /* one KAM for account 5 answers item3 with 4 and item4 N/A; the other
     * two operational items stay open: strategy 4, people (item5 open) none;
     * no spread, no rater gaps, coverage 1 of 4, no recommendations (4 is
     * neither weak nor, without importance, placed) */
    AsRater one[] = {{AS_KAM, 5}};
    AsAnswer ans[] = {{0, 3, 4, 0}, {0, 4, 0, 0}};
    AsInput in = {kItems, 8, one, 1, ans, 2, NULL, 0, NULL, 0};
    Arena a;
    arena_init(&a, 0);
    AsResult r;
    as_compute(&a, &in, &r);
    assert_int_equal(r.nsubjects, 2);
    assert_near(r.level[AS_OPERATIONAL].dim[AS_STRATEGY].v, 4);
    assert_false(r.level[AS_OPERATIONAL].dim[AS_PEOPLE].has);
    assert_near(r.level[AS_OPERATIONAL].mean.v, 4);
    assert_near(r.level[AS_OPERATIONAL].index, 75);
    assert_near(r.level[AS_OPERATIONAL].coverage, 0.25);
    assert_false(r.level[AS_CORPORATE].mean.has);
    assert_int_equal(r.level[AS_CORPORATE].expected, 0);
    assert_near(r.level[AS_CORPORATE].coverage, 0);
    assert_false(r.corp_op[AS_STRATEGY].has);
    assert_int_equal(r.spread[3].n, 0);
    assert_int_equal(r.ngaps, 0);
    assert_int_equal(r.nrec, 0);
    arena_free(&a);
}

static void nothing_answered(void **state)
{
    (void)state;
    /* invited but silent: expected answers, no score anywhere, no finding */
    AsRater rs[] = {{AS_EXECUTIVE, 0}, {AS_CUSTOMER_RATER, 7}};
    AsInput in = {kItems, 8, rs, 2, NULL, 0, NULL, 0, NULL, 0};
    Arena a;
    arena_init(&a, 0);
    AsResult r;
    as_compute(&a, &in, &r);
    assert_int_equal(r.level[AS_CORPORATE].expected, 3);
    assert_int_equal(r.level[AS_CUSTOMER].expected, 1);
    assert_false(r.level[AS_CORPORATE].mean.has);
    assert_int_equal(r.level[AS_CORPORATE].weakest, -1);
    assert_int_equal(r.nrec, 0);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(index_and_weighted_mean),
        cmocka_unit_test(weakest_dimension_and_ties),
        cmocka_unit_test(spread_among_raters),
        cmocka_unit_test(gaps_are_flagged_from_one_point),
        cmocka_unit_test(importance_performance),
        cmocka_unit_test(self_rating_against_evidence),
        cmocka_unit_test(trend_between_rounds),
        cmocka_unit_test(links_to_where_the_work_is_done),
        cmocka_unit_test(item_dimension_level_scores),
        cmocka_unit_test(corporate_operational_and_rater_gaps),
        cmocka_unit_test(spread_importance_and_evidence),
        cmocka_unit_test(recommendations_ranked),
        cmocka_unit_test(a_single_rater_round),
        cmocka_unit_test(nothing_answered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
