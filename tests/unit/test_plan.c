/* Plan versions (svc/plan.h): the section-by-section comparison of two
 * snapshots, on hand-written JSON, and of an old-format snapshot. */
#include "testutil.h"

#include "svc/plan.h"

#include <string.h>

static json_t *snap(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    assert_non_null(j);
    return j;
}

static const PlanDiffSection *section(const PlanDiffSection *d, const char *name)
{
    for (int i = 0; i < PLAN_NSECTIONS; i++)
        if (strcmp(d[i].name, name) == 0) return &d[i];
    fail();
    return NULL;
}

static void diff_added_removed_changed(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    json_t *from = snap("{\"format\":1,\"sections\":{\"account\":[{\"id\":1,\"stage\":3}],"
                        "\"objectives\":[{\"id\":1,\"title\":\"Grow\",\"target\":\"20%\"},{\"id\":2,\"title\":\"Keep\"}],"
                        "\"customer_goals\":[{\"id\":7,\"title\":\"Export\"}]}}");
    json_t *to = snap("{\"format\":1,\"sections\":{\"account\":[{\"id\":1,\"stage\":4}],"
                      "\"objectives\":[{\"id\":1,\"title\":\"Grow\",\"target\":\"30%\",\"status\":\"on_track\"},"
                      "{\"id\":3,\"title\":\"New\"}],\"customer_goals\":[{\"id\":7,\"title\":\"Export\"}]}}");
    PlanDiffSection d[PLAN_NSECTIONS];
    plan_diff(&a, from, to, d);
    /* account: stage 3 -> 4 */
    const PlanDiffSection *acc = section(d, "account");
    assert_int_equal(acc->n, 1);
    assert_int_equal(acc->items[0].change, PLAN_CHANGED);
    assert_int_equal(acc->items[0].nfields, 1);
    assert_string_equal(acc->items[0].fields[0], "stage");
    /* objectives: 1 changed (target, status), 3 added, 2 removed */
    const PlanDiffSection *obj = section(d, "objectives");
    assert_int_equal(obj->n, 3);
    assert_int_equal(obj->items[0].change, PLAN_CHANGED);
    assert_int_equal(obj->items[0].nfields, 2);
    assert_int_equal(obj->items[1].change, PLAN_ADDED);
    assert_string_equal(obj->items[1].title, "New");
    assert_int_equal(obj->items[2].change, PLAN_REMOVED);
    assert_string_equal(obj->items[2].title, "Keep");
    /* goals unchanged, other sections absent on both sides */
    assert_int_equal(section(d, "customer_goals")->n, 0);
    assert_int_equal(section(d, "kpis")->n, 0);
    json_decref(from);
    json_decref(to);
    arena_free(&a);
}

static void old_snapshots_compare_what_they_recorded(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    /* the demo's older shape: ids only, stage at the top */
    json_t *from = snap("{\"plan\":2026,\"stage\":3,\"goals\":[{\"id\":1},{\"id\":2}],\"objectives\":[{\"id\":1}]}");
    json_t *to = snap("{\"format\":1,\"sections\":{\"account\":[{\"id\":9,\"stage\":3,\"profile\":\"x\"}],"
                      "\"customer_goals\":[{\"id\":1,\"title\":\"A\"},{\"id\":3,\"title\":\"C\"}],"
                      "\"objectives\":[{\"id\":1,\"title\":\"O\"}],\"kpis\":[{\"id\":5,\"name\":\"K\"}]}}");
    PlanDiffSection d[PLAN_NSECTIONS];
    plan_diff(&a, from, to, d);
    assert_int_equal(section(d, "account")->n, 0);    /* stage equal; profile not recorded */
    assert_int_equal(section(d, "objectives")->n, 0); /* same ids; titles not recorded */
    const PlanDiffSection *g = section(d, "customer_goals");
    assert_int_equal(g->n, 2); /* 3 added, 2 removed */
    assert_int_equal(g->items[0].change, PLAN_ADDED);
    assert_int_equal(g->items[1].change, PLAN_REMOVED);
    assert_int_equal(section(d, "kpis")->n, 0); /* not recorded then: not compared */
    json_decref(from);
    json_decref(to);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(diff_added_removed_changed),
        cmocka_unit_test(old_snapshots_compare_what_they_recorded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
