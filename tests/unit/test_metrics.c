/* Account metrics: alignment fractions, buying-centre coverage, competency
 * gaps (pure functions on arrays), then the same on a real database built
 * through the entity layer and the people service. Expected values are
 * counted by hand in the comments. */
#include "testutil.h"

#include "svc/entity.h"
#include "svc/metrics.h"
#include "svc/people.h"
#include "svc/user.h"

#include <math.h>
#include <string.h>

static void alignment_counts_direct_and_indirect_links(void **state)
{
    (void)state;
    /* objectives 1, 2, 3; goals 10, 20; live initiatives 100, 101.
     * goal_objective (10, 1); initiative_goal (100, 20); initiative_objective (100, 2), (101, 3).
     *   objective 1: linked directly to goal 10
     *   objective 2: through initiative 100, which serves goal 20
     *   objective 3: initiative 101 serves no goal -> not linked      => 2 of 3
     *   goal 10: served by objective 1; goal 20: by initiative 100     => 2 of 2 */
    const int64_t obj[] = {1, 2, 3}, goals[] = {10, 20}, ini[] = {100, 101};
    const MlLink go[] = {{10, 1}}, ig[] = {{100, 20}}, io[] = {{100, 2}, {101, 3}};
    MlAlignment al;
    ml_alignment(obj, 3, goals, 2, ini, 2, go, 1, ig, 1, io, 2, &al);
    assert_int_equal(al.objectives_linked.num, 2);
    assert_int_equal(al.objectives_linked.den, 3);
    assert_int_equal(al.goals_served.num, 2);
    assert_int_equal(al.goals_served.den, 2);
    double v;
    assert_true(ml_fraction_value(al.objectives_linked, &v));
    assert_near(v, 2.0 / 3.0);

    /* initiative 100 stopped (not in the live list): objective 2 loses its link and
     * goal 20 is no longer served -> 1 of 3, 1 of 2 */
    ml_alignment(obj, 3, goals, 2, (const int64_t[]){101}, 1, go, 1, ig, 1, io, 2, &al);
    assert_int_equal(al.objectives_linked.num, 1);
    assert_int_equal(al.goals_served.num, 1);

    /* nothing to count: no value, not 0 */
    ml_alignment(NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, &al);
    assert_false(ml_fraction_value(al.objectives_linked, &v));
    assert_false(ml_fraction_value(al.goals_served, &v));
}

static void coverage_needs_a_holder_and_a_counterpart(void **state)
{
    (void)state;
    const MlPosition pos[] = {
        {1, "CEO", "decision_maker", 50, "Ann", 7, "Our CEO"},  /* covered */
        {2, "Deputy", "decision_maker", 0, NULL, 8, "Our COO"}, /* vacant: must not hide the CEO */
        {3, "CIO", "technical_buyer", 51, "Ben", 0, NULL},      /* held, no counterpart */
        {4, "Plant manager", "user", 0, NULL, 9, "Our engineer"}, /* vacant */
        {5, "Sponsor", "champion", 52, "Cleo", 7, "Our CEO"},     /* covered */
        {6, "Assistant", "none", 53, "Dan", 7, "Our CEO"},        /* not a buying role */
    };
    MlRoleCover r[ML_NROLES];
    MlFraction f;
    ml_coverage(pos, 6, r, &f);
    /* covered: decision_maker, champion -> 2 of the 7 roles */
    assert_int_equal(f.num, 2);
    assert_int_equal(f.den, 7);
    assert_string_equal(r[0].role, "decision_maker");
    assert_int_equal(r[0].state, ML_COVERED);
    assert_int_equal(r[0].pos->id, 1);
    assert_int_equal(r[1].state, ML_NO_POSITION); /* economic_buyer */
    assert_null(r[1].pos);
    assert_int_equal(r[2].state, ML_NO_COUNTERPART); /* technical_buyer */
    assert_int_equal(r[3].state, ML_VACANT);         /* user */
    assert_int_equal(r[6].state, ML_COVERED);        /* champion */
    assert_string_equal(ml_cover_state_name(r[2].state), "no counterpart");
}

static void gaps_use_the_best_current_rating(void **state)
{
    (void)state;
    const MlRequirement req[] = {{1, "c1", "C1", 4}, {2, "c2", "C2", 3}, {3, "c3", "C3", 2}};
    const MlMember mem[] = {{11, "Pia"}, {12, "Rob"}};
    const MlRating rat[] = {
        /* Pia on c1: self 5 (newer) vs manager 3 -> the manager's 3 counts */
        {1, 11, 1, "self", "2026-01-10", 5},
        {2, 11, 1, "manager", "2025-06-01", 3},
        /* Rob on c1: manager 2 (2025), then 360 4 (2026) -> the latest, 4 */
        {3, 12, 1, "manager", "2025-01-01", 2},
        {4, 12, 1, "360", "2026-02-01", 4},
        /* Pia on c2: only a self-rating, 2 -> counts */
        {5, 11, 2, "self", "2026-01-10", 2},
        /* Sam (13) is not on the team: his 5 on c2 is ignored */
        {6, 13, 2, "manager", "2026-01-10", 5},
    };
    MlGap g[3];
    ml_gaps(req, 3, mem, 2, rat, 6, g);
    /* c1: team max(3, 4) = 4, required 4 -> gap 0
     * c2: team 2, required 3 -> gap 1
     * c3: nobody rated, required 2 -> gap 2
     * ordered by gap: c3, c2, c1 */
    assert_string_equal(g[0].req->code, "c3");
    assert_false(g[0].rated);
    assert_int_equal(g[0].gap, 2);
    assert_string_equal(g[1].req->code, "c2");
    assert_int_equal(g[1].team_level, 2);
    assert_string_equal(g[1].best, "Pia");
    assert_int_equal(g[1].gap, 1);
    assert_string_equal(g[2].req->code, "c1");
    assert_int_equal(g[2].team_level, 4);
    assert_string_equal(g[2].best, "Rob");
    assert_int_equal(g[2].gap, 0);
}

/* ------------------------------------------------------------------ store */

/* Create a record from field/value pairs (NULL-terminated); returns its id. */
static int64_t mk(TestDb *t, const char *entity, const char *const *fv)
{
    const EntityDef *def = entity_find(entity);
    Record *in = record_new(&t->ctx, def), *out;
    for (int i = 0; fv[i]; i += 2) record_set(&t->ctx, in, fv[i], fv[i + 1]);
    if (ent_create(&t->ctx, def, in, &out)) fail_msg("%s: %s", entity, t->err.msg);
    return out->id;
}

static const char *id(TestDb *t, int64_t v)
{
    return arena_printf(&t->arena, "%lld", (long long)v);
}

static void store_analysis_of_one_account(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    Ctx *c = &t->ctx;
    int64_t acct_id = mk(t, "account", (const char *[]){"name", "Acme", NULL});
    const char *acct = id(t, acct_id);
    /* objectives: o1 linked to g1, o2 through initiative i1 (serves g2), o3 dropped, o4 unlinked
     * -> live objectives o1, o2, o4: linked o1, o2 => 2 of 3
     * goals g1 (o1), g2 (i1), g3 (nothing) => 2 of 3 */
    int64_t o1 =
        mk(t, "objective",
           (const char *[]){"account_id", acct, "level", "financial", "title", "Grow", NULL});
    int64_t o2 =
        mk(t, "objective",
           (const char *[]){"account_id", acct, "level", "offering", "title", "Sell", NULL});
    int64_t o3 = mk(t, "objective",
                    (const char *[]){"account_id", acct, "level", "relationship", "title", "Old",
                                     "status", "dropped", NULL});
    mk(t, "objective",
       (const char *[]){"account_id", acct, "level", "operational", "title", "Lone", NULL});
    int64_t g1 =
        mk(t, "customer_goal", (const char *[]){"account_id", acct, "title", "Cut cost", NULL});
    int64_t g2 =
        mk(t, "customer_goal", (const char *[]){"account_id", acct, "title", "Go green", NULL});
    mk(t, "customer_goal", (const char *[]){"account_id", acct, "title", "Expand", NULL});
    int64_t i1 =
        mk(t, "initiative", (const char *[]){"account_id", acct, "title", "Joint pilot", NULL});
    mk(t, "goal_objective",
       (const char *[]){"goal_id", id(t, g1), "objective_id", id(t, o1), NULL});
    mk(t, "goal_objective",
       (const char *[]){"goal_id", id(t, g1), "objective_id", id(t, o3), NULL});
    mk(t, "initiative_goal",
       (const char *[]){"initiative_id", id(t, i1), "goal_id", id(t, g2), NULL});
    mk(t, "initiative_objective",
       (const char *[]){"initiative_id", id(t, i1), "objective_id", id(t, o2), NULL});

    /* relationship map: decision maker with our counterpart (covered), technical buyer
     * without one; then the technical buyer moves to the economic buyer position */
    int64_t uid;
    UserNew u = {.login = "alice", .role = "kam", .full_name = "Alice Ames"};
    assert_int_equal(user_create(c, &u, &uid), KAM_OK);
    int64_t p_ann, pos_ceo, p_ben, pos_cio, p_x, pos_cfo;
    ContactNew ann = {.account_id = acct_id,
                      .name = "Ann Arbor",
                      .title = "CEO",
                      .buying_role = "decision_maker",
                      .attitude = "supporter",
                      .counterpart = "alice"};
    assert_int_equal(contact_add(c, &ann, &p_ann, &pos_ceo), KAM_OK);
    ContactNew ben = {.account_id = acct_id,
                      .name = "Ben Bell",
                      .title = "CIO",
                      .buying_role = "technical_buyer"};
    assert_int_equal(contact_add(c, &ben, &p_ben, &pos_cio), KAM_OK);
    ContactNew cfo = {.account_id = acct_id,
                      .name = "Carl Cole",
                      .title = "CFO",
                      .buying_role = "economic_buyer",
                      .counterpart = "alice"};
    assert_int_equal(contact_add(c, &cfo, &p_x, &pos_cfo), KAM_OK);
    /* Carl leaves; Ben moves from CIO to CFO: CIO is vacant, CFO covered by Ben */
    int ended;
    assert_int_equal(contact_move(c, p_x, 0, &ended), KAM_OK);
    assert_int_equal(ended, 1);
    assert_int_equal(contact_move(c, p_ben, pos_cfo, &ended), KAM_OK);
    assert_int_equal(ended, 1);
    ContactRow row;
    HolderRow *hist;
    int nh;
    assert_int_equal(contact_show(c, pos_cfo, &row, &hist, &nh), KAM_OK);
    assert_int_equal(nh, 2); /* Carl (ended), Ben (now) */
    assert_string_equal(hist[0].name, "Carl Cole");
    assert_non_null(hist[0].to_on);
    assert_string_equal(hist[1].name, "Ben Bell");
    assert_null(hist[1].to_on);
    assert_int_equal(row.holder_id, p_ben);

    /* competencies: the account needs customer_business 4 and negotiation 3;
     * Alice is on the team with a manager rating 3 in customer_business -> gaps 1 and 3 */
    Actor alice;
    assert_int_equal(user_actor(c, uid, &alice), KAM_OK);
    int64_t cb = 0, ng = 0;
    db_one_int(t->db, &t->err, "SELECT id FROM competency WHERE code = 'customer_business'",
               DB_NOARGS, &cb);
    db_one_int(t->db, &t->err, "SELECT id FROM competency WHERE code = 'negotiation'", DB_NOARGS,
               &ng);
    mk(t, "account_competency",
       (const char *[]){"account_id", acct, "competency_id", id(t, cb), "required_level", "4",
                        NULL});
    mk(t, "account_competency",
       (const char *[]){"account_id", acct, "competency_id", id(t, ng), "required_level", "3",
                        NULL});
    int64_t member;
    assert_int_equal(team_add(c, acct_id, "alice", "kam", "0.5", &member), KAM_OK);
    mk(t, "competency_rating",
       (const char *[]){"person_id", id(t, alice.person_id), "competency_id", id(t, cb), "source",
                        "manager", "level", "3", "rated_on", "2026-01-01", NULL});

    MlAnalysis m;
    assert_int_equal(ml_analyse(c, acct_id, &m), KAM_OK);
    assert_int_equal(m.alignment.objectives_linked.num, 2);
    assert_int_equal(m.alignment.objectives_linked.den, 3);
    assert_int_equal(m.alignment.goals_served.num, 2);
    assert_int_equal(m.alignment.goals_served.den, 3);
    /* decision_maker: Ann + Alice -> covered; economic_buyer: Ben + Alice -> covered;
     * technical_buyer: CIO vacant -> 2 of 7 */
    assert_int_equal(m.coverage.num, 2);
    assert_int_equal(m.coverage.den, 7);
    assert_int_equal(m.roles[0].state, ML_COVERED);
    assert_string_equal(m.roles[1].pos->holder, "Ben Bell");
    assert_string_equal(m.roles[1].pos->counterpart, "Alice Ames");
    assert_int_equal(m.roles[2].state, ML_VACANT);
    assert_int_equal(m.ngaps, 2);
    assert_string_equal(m.gaps[0].req->code, "negotiation");
    assert_int_equal(m.gaps[0].gap, 3);
    assert_string_equal(m.gaps[1].req->code, "customer_business");
    assert_int_equal(m.gaps[1].team_level, 3);
    assert_int_equal(m.gaps[1].gap, 1);

    /* the team row stores the share as a percentage: 0.5 -> 50 */
    double share = 0;
    db_one_real(t->db, &t->err, "SELECT time_share FROM team_member WHERE id = ?",
                DB_ARGS(DI(member)), &share);
    assert_near(share, 50);
    assert_int_equal(team_add(c, acct_id, "alice", "sales", "2", &member), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "share"));
    assert_int_equal(team_add(c, acct_id, "nobody", "sales", NULL, &member), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "\"nobody\""));

    /* bad input names what is wrong */
    ContactNew bad = {.account_id = acct_id, .name = "Zed", .attitude = "grumpy"};
    assert_int_equal(contact_add(c, &bad, &p_x, &pos_cfo), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "attitude"));
    bad = (ContactNew){.account_id = acct_id, .name = "Zed", .buying_role = "boss"};
    assert_int_equal(contact_add(c, &bad, &p_x, &pos_cfo), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "buying_role"));
    int64_t people = 0;
    db_one_int(t->db, &t->err, "SELECT count(*) FROM person WHERE full_name = 'Zed'", DB_NOARGS,
               &people);
    assert_int_equal(people, 0);                                   /* nothing half-made */
    assert_int_equal(contact_move(c, p_x, 0, &ended), KAM_EINPUT); /* Carl holds nothing now */
    assert_int_equal(ml_analyse(c, 999, &m), KAM_ENOTFOUND);
    assert_non_null(strstr(t->err.msg, "999"));
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alignment_counts_direct_and_indirect_links),
        cmocka_unit_test(coverage_needs_a_holder_and_a_counterpart),
        cmocka_unit_test(gaps_use_the_best_current_rating),
        cmocka_unit_test(store_analysis_of_one_account),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
