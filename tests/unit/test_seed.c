/* The defaults `kam init` loads: selection criteria (weights of each set sum
 * to 100, a described 1-10 scale) and the competency model, every text in
 * English and Italian. */
#include "testutil.h"

#include <math.h>

static int64_t count(TestDb *t, const char *sql)
{
    int64_t n = -1;
    if (db_one_int(t->db, &t->err, sql, DB_NOARGS, &n)) fail_msg("%s: %s", sql, t->err.msg);
    return n;
}

static void criteria_weights_sum_to_100_per_set(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    double w = 0;
    assert_int_equal(
        db_one_real(t->db, &t->err,
                    "SELECT sum(weight) FROM criterion WHERE criterion_set = 'attractiveness'",
                    DB_NOARGS, &w),
        KAM_OK);
    assert_near(w, 100);
    assert_int_equal(
        db_one_real(t->db, &t->err,
                    "SELECT sum(weight) FROM criterion WHERE criterion_set = 'strength'", DB_NOARGS,
                    &w),
        KAM_OK);
    assert_near(w, 100);
    /* at least four criteria per set, each weighted */
    assert_true(count(t, "SELECT count(*) FROM criterion WHERE criterion_set = 'attractiveness'") >=
                4);
    assert_true(count(t, "SELECT count(*) FROM criterion WHERE criterion_set = 'strength'") >= 4);
    assert_int_equal(count(t, "SELECT count(*) FROM criterion WHERE weight <= 0"), 0);
    testdb_close(t);
}

static void criteria_texts_and_levels_in_both_languages(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    assert_int_equal(count(t,
                           "SELECT count(*) FROM criterion WHERE name_en = '' OR name_it = ''"
                           " OR description_en = '' OR description_it = '' OR name_en = name_it"),
                     0);
    /* five described levels per criterion (1, 3, 5, 7, 9: each covers two points of 1-10) */
    assert_int_equal(
        count(t, "SELECT count(*) FROM criterion c WHERE"
                 " (SELECT count(*) FROM criterion_level l WHERE l.criterion_id = c.id) <> 5"),
        0);
    assert_int_equal(
        count(t, "SELECT count(*) FROM criterion_level WHERE level NOT IN (1, 3, 5, 7, 9)"), 0);
    assert_int_equal(
        count(t,
              "SELECT count(*) FROM criterion_level WHERE descriptor_en = '' OR descriptor_it = ''"
              " OR descriptor_en = descriptor_it"),
        0);
    testdb_close(t);
}

static void competency_model_in_both_languages(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    assert_true(count(t, "SELECT count(*) FROM competency_area") >= 3);
    assert_true(count(t, "SELECT count(*) FROM competency") >= 8);
    assert_int_equal(
        count(t, "SELECT count(*) FROM competency_area WHERE name_en = '' OR name_it = ''"), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM competency WHERE name_en = '' OR name_it = ''"
                              " OR description_en = '' OR description_it = ''"),
                     0);
    /* every competency has levels 1-5, each described in both languages */
    assert_int_equal(count(t, "SELECT count(*) FROM competency k WHERE"
                              " (SELECT count(DISTINCT level) FROM competency_level l WHERE "
                              "l.competency_id = k.id) <> 5"),
                     0);
    assert_int_equal(
        count(t,
              "SELECT count(*) FROM competency_level WHERE descriptor_en = '' OR descriptor_it = ''"
              " OR descriptor_en = descriptor_it"),
        0);
    /* every area holds a competency */
    assert_int_equal(count(t, "SELECT count(*) FROM competency_area a WHERE"
                              " NOT EXISTS (SELECT 1 FROM competency k WHERE k.area_id = a.id)"),
                     0);
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(criteria_weights_sum_to_100_per_set),
        cmocka_unit_test(criteria_texts_and_levels_in_both_languages),
        cmocka_unit_test(competency_model_in_both_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
