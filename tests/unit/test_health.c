/* Account health (svc/health.h): the formula on hand-computed inputs, plan
 * currency, cadence planning and the bands. Expected values are worked out
 * in the comments. */
#include "testutil.h"

#include "svc/health.h"

#include <math.h>
#include <string.h>

static void all_inputs_present(void **state)
{
    (void)state;
    /* kpi 0.9 x 25 = 22.5; plan reviewed 263 days ago -> 1 x 15 = 15;
     * coverage 5/7 x 20 = 14.2857; cadence 6/8 = 0.75 x 15 = 11.25;
     * actions 1 of 4 overdue -> 0.75 x 15 = 11.25; assessment 62.5 -> 0.625 x 10 = 6.25.
     * Sum 80.7857 over weight 100 -> 81. */
    HealthIn in = {.has_kpi = true,
                   .kpi_attainment = 0.9,
                   .plan_reviewed_on = "2026-03-10",
                   .today = "2026-11-28",
                   .roles_covered = 5,
                   .roles_total = 7,
                   .cadence_planned = 8,
                   .cadence_held = 6,
                   .actions_open = 4,
                   .actions_overdue = 1,
                   .has_assessment = true,
                   .assessment_index = 62.5};
    Health h;
    health_compute(&in, &h);
    assert_true(h.has);
    assert_int_equal(h.score, 81);
    assert_near(h.input[HI_COVERAGE], 5.0 / 7.0);
    assert_near(h.input[HI_CADENCE], 0.75);
    assert_near(h.input[HI_ASSESSMENT], 0.625);
    assert_int_equal(health_band(&h), HB_GOOD);
}

static void missing_inputs_neither_help_nor_hurt(void **state)
{
    (void)state;
    /* no KPI, no cadence, no assessment: plan 1 x 15, coverage 2/7 x 20 = 5.714,
     * actions none open -> 1 x 15. 35.714 / 50 = 71.43 -> 71. */
    HealthIn in = {.plan_reviewed_on = "2026-11-01",
                   .today = "2026-11-28",
                   .roles_covered = 2,
                   .roles_total = 7};
    Health h;
    health_compute(&in, &h);
    assert_false(h.present[HI_KPI]);
    assert_false(h.present[HI_CADENCE]);
    assert_false(h.present[HI_ASSESSMENT]);
    assert_int_equal(h.score, 71);
    /* held beyond planned is capped: 9 of 8 counts as 8 of 8 */
    in.cadence_planned = 8;
    in.cadence_held = 9;
    health_compute(&in, &h);
    assert_near(h.input[HI_CADENCE], 1.0);
    /* attainment over 100% is capped at 1 */
    in.has_kpi = true;
    in.kpi_attainment = 1.7;
    health_compute(&in, &h);
    assert_near(h.input[HI_KPI], 1.0);
}

static void plan_currency_falls_after_a_year(void **state)
{
    (void)state;
    assert_near(health_plan_currency(NULL, "2026-11-28"), 0);
    assert_near(health_plan_currency("2025-11-28", "2026-11-28"), 1);             /* 365 days */
    assert_near(health_plan_currency("2025-05-29", "2026-11-28"), 182.0 / 365.0); /* 548 days */
    assert_near(health_plan_currency("2024-11-28", "2026-11-28"), 0);             /* 730 days */
    assert_near(health_plan_currency("2027-01-01", "2026-11-28"), 1); /* in the future */
}

static void cadence_plans_whole_periods(void **state)
{
    (void)state;
    char from[11];
    /* window 2025-11-28 .. 2026-11-28, cadence from 2026-01-15: 10 whole months / 3 = 3 */
    assert_int_equal(health_cadence_planned("2026-01-15", 3, "2026-11-28", 12, from), 3);
    assert_string_equal(from, "2026-01-15");
    /* an old monthly cadence: the whole window, 12 */
    assert_int_equal(health_cadence_planned("2020-01-01", 1, "2026-11-28", 12, from), 12);
    assert_string_equal(from, "2025-11-28");
    /* not started yet: nothing planned */
    assert_int_equal(health_cadence_planned("2026-12-01", 1, "2026-11-28", 12, from), 0);
    /* day not reached: 2026-01-29 .. 2026-11-28 is 9 months */
    assert_int_equal(health_cadence_planned("2026-01-29", 1, "2026-11-28", 12, from), 9);
}

static void bands_and_no_input(void **state)
{
    (void)state;
    Health h = {.has = true, .score = 70};
    assert_int_equal(health_band(&h), HB_GOOD);
    h.score = 69;
    assert_int_equal(health_band(&h), HB_AT_RISK);
    h.score = 49;
    assert_int_equal(health_band(&h), HB_OFF_TRACK);
    h.has = false;
    assert_int_equal(health_band(&h), HB_NONE);
    assert_string_equal(health_band_name(HB_AT_RISK), "at_risk");
    int sum = 0;
    for (int i = 0; i < HI_COUNT; i++) sum += kHealthWeights[i];
    assert_int_equal(sum, 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(all_inputs_present),
        cmocka_unit_test(missing_inputs_neither_help_nor_hurt),
        cmocka_unit_test(plan_currency_falls_after_a_year),
        cmocka_unit_test(cadence_plans_whole_periods),
        cmocka_unit_test(bands_and_no_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
