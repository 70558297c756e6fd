/* KPI attainment (higher / lower, zero and negative targets, the cap),
 * expected and missing periods, ranges, trends, and the store. Expected
 * values are worked out by hand in the comments. */
#include "testutil.h"

#include "svc/entity.h"
#include "svc/kpi.h"

#include <math.h>
#include <string.h>

static void attainment_higher_and_lower_is_better(void **state)
{
    (void)state;
    /* higher, target 40: 30/40 = 0.75; 100/40 = 2.5 -> cap 2; -5/40 < 0 -> 0 */
    assert_near(kpi_attainment(KPI_HIGHER, 40, 30), 0.75);
    assert_near(kpi_attainment(KPI_HIGHER, 40, 40), 1.0);
    assert_near(kpi_attainment(KPI_HIGHER, 40, 100), 2.0);
    assert_near(kpi_attainment(KPI_HIGHER, 40, -5), 0.0);
    /* lower, target 10: 10/20 = 0.5; 10/8 = 1.25; 10/5 = 2; 10/4 = 2.5 -> 2 */
    assert_near(kpi_attainment(KPI_LOWER, 10, 20), 0.5);
    assert_near(kpi_attainment(KPI_LOWER, 10, 8), 1.25);
    assert_near(kpi_attainment(KPI_LOWER, 10, 5), 2.0);
    assert_near(kpi_attainment(KPI_LOWER, 10, 4), 2.0);
    /* lower, actual 0 or below beats any positive target: the cap */
    assert_near(kpi_attainment(KPI_LOWER, 10, 0), KPI_ATTAIN_CAP);
    assert_near(kpi_attainment(KPI_LOWER, 10, -3), KPI_ATTAIN_CAP);
}

static void attainment_zero_and_negative_targets(void **state)
{
    (void)state;
    /* target 0: met exactly at 0; better side -> cap; worse side -> 0 */
    assert_near(kpi_attainment(KPI_HIGHER, 0, 0), 1.0);
    assert_near(kpi_attainment(KPI_HIGHER, 0, 3), 2.0);
    assert_near(kpi_attainment(KPI_HIGHER, 0, -1), 0.0);
    assert_near(kpi_attainment(KPI_LOWER, 0, 0), 1.0);
    assert_near(kpi_attainment(KPI_LOWER, 0, 2), 0.0);
    assert_near(kpi_attainment(KPI_LOWER, 0, -1), 2.0);
    /* negative target, higher is better, target -10:
     *   actual -5:  1 + (-5 - -10)/10 = 1 + 5/10 = 1.5
     *   actual -12: 1 + (-12 - -10)/10 = 1 - 0.2 = 0.8
     *   actual -20: 1 + (-10)/10 = 0 */
    assert_near(kpi_attainment(KPI_HIGHER, -10, -5), 1.5);
    assert_near(kpi_attainment(KPI_HIGHER, -10, -12), 0.8);
    assert_near(kpi_attainment(KPI_HIGHER, -10, -20), 0.0);
    /* negative target, lower is better, target -10:
     *   actual -15: 1 + (-10 - -15)/10 = 1.5;  actual -5: 1 + (-5)/10 = 0.5 */
    assert_near(kpi_attainment(KPI_LOWER, -10, -15), 1.5);
    assert_near(kpi_attainment(KPI_LOWER, -10, -5), 0.5);
}

static KpiPoint pt(const char *period, double value, double target)
{
    KpiPoint p;
    memset(&p, 0, sizeof p);
    memcpy(p.period, period, 8);
    p.value = value;
    p.has_target = !isnan(target); /* NaN: no target */
    p.target = p.has_target ? target : 0;
    return p;
}

static void trend_slope_and_direction(void **state)
{
    (void)state;
    /* months Jan, Feb, Apr, May (x = 0, 1, 3, 4; March is missing), values 30, 32, 36, 39:
     * mean x 2, mean y 34.25; dx -2 -1 1 2; dy -4.25 -2.25 1.75 4.75
     * sum dx*dy = 8.5 + 2.25 + 1.75 + 9.5 = 22; sum dx^2 = 4+1+1+4 = 10 -> slope 2.2 per month */
    KpiPoint p[] = {pt("2026-01", 30, 40), pt("2026-02", 32, 40), pt("2026-04", 36, 40),
                    pt("2026-05", 39, 40)};
    KpiTrendResult r = kpi_trend(KPI_HIGHER, p, 4, KPI_TREND_POINTS, 40);
    assert_int_equal(r.n, 4);
    assert_near(r.slope, 2.2);
    assert_int_equal(r.trend, KPI_TREND_IMPROVING);
    /* the same rise is bad news when lower is better */
    r = kpi_trend(KPI_LOWER, p, 4, KPI_TREND_POINTS, 40);
    assert_int_equal(r.trend, KPI_TREND_WORSENING);

    /* 100, 101, 100, 101 in Jan-Apr: mean x 1.5, mean y 100.5, dx -1.5 -.5 .5 1.5, dy -.5 .5 -.5 .5
     * sum dx*dy = .75 - .25 - .25 + .75 = 1; sum dx^2 = 5 -> slope 0.2; over 3 months 0.6,
     * under 2% of the target 100 (= 2) -> flat */
    KpiPoint f[] = {pt("2026-01", 100, 100), pt("2026-02", 101, 100), pt("2026-03", 100, 100),
                    pt("2026-04", 101, 100)};
    r = kpi_trend(KPI_HIGHER, f, 4, KPI_TREND_POINTS, 100);
    assert_near(r.slope, 0.2);
    assert_int_equal(r.trend, KPI_TREND_FLAT);
    /* without a target the scale is the mean |value| 100.5: 0.6 < 2.01 -> still flat */
    r = kpi_trend(KPI_HIGHER, f, 4, KPI_TREND_POINTS, 0);
    assert_int_equal(r.trend, KPI_TREND_FLAT);

    /* only the last N points count: 1000, 1000, then 10..15 monthly; last 6 -> slope exactly 1 */
    KpiPoint w[] = {pt("2025-11", 1000, 20), pt("2025-12", 1000, 20), pt("2026-01", 10, 20),
                    pt("2026-02", 11, 20),   pt("2026-03", 12, 20),   pt("2026-04", 13, 20),
                    pt("2026-05", 14, 20),   pt("2026-06", 15, 20)};
    r = kpi_trend(KPI_HIGHER, w, 8, 6, 20);
    assert_int_equal(r.n, 6);
    assert_near(r.slope, 1.0);
    assert_int_equal(r.trend, KPI_TREND_IMPROVING);
    /* one point: no trend */
    r = kpi_trend(KPI_HIGHER, p, 1, KPI_TREND_POINTS, 40);
    assert_int_equal(r.trend, KPI_TREND_NONE);
    assert_string_equal(kpi_trend_name(r.trend), "none");
}

static void expected_periods_follow_the_frequency(void **state)
{
    (void)state;
    assert_true(kpi_period_expected(KPI_MONTHLY, "2026-02"));
    assert_true(kpi_period_expected(KPI_QUARTERLY, "2026-03"));
    assert_false(kpi_period_expected(KPI_QUARTERLY, "2026-04"));
    assert_true(kpi_period_expected(KPI_QUARTERLY, "2026-12"));
    assert_true(kpi_period_expected(KPI_YEARLY, "2026-12"));
    assert_false(kpi_period_expected(KPI_YEARLY, "2026-06"));
    /* 2026-01 is 2026*12 = 24312 months after year 0; 2025-12 one before */
    assert_int_equal(kpi_month_index("2026-01"), 24312);
    assert_int_equal(kpi_month_index("2025-12"), 24311);
}

static void ranges_report_missing_periods_not_zero(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    /* quarterly, target 100: values in 03, 09, 12 -> attainments 0.8, 1.0, 1.2; June missing */
    KpiPoint p[] = {pt("2025-03", 80, 100), pt("2025-09", 100, 100), pt("2025-12", 120, 100)};
    kpi_attain_points(KPI_HIGHER, p, 3);
    assert_near(p[0].attainment, 0.8);
    KpiRange r;
    kpi_range(&a, KPI_QUARTERLY, p, 3, "2025-01", "2025-12", &r);
    assert_int_equal(r.expected, 4); /* 03, 06, 09, 12 */
    assert_int_equal(r.measured, 3);
    assert_int_equal(r.nmissing, 1);
    assert_string_equal(r.missing[0], "2025-06");
    assert_true(r.has_latest);
    assert_string_equal(r.latest.period, "2025-12");
    assert_near(r.latest.value, 120);
    /* mean attainment (0.8 + 1.0 + 1.2) / 3 = 1.0, over measured periods only */
    assert_true(r.has_mean);
    assert_near(r.mean_attainment, 1.0);

    /* a sub-range: 2025-04 .. 2025-09 expects 06 and 09; latest is 09 */
    kpi_range(&a, KPI_QUARTERLY, p, 3, "2025-04", "2025-09", &r);
    assert_int_equal(r.expected, 2);
    assert_int_equal(r.measured, 1);
    assert_string_equal(r.latest.period, "2025-09");

    /* a range without data: everything missing, no latest value, no mean (not 0) */
    kpi_range(&a, KPI_MONTHLY, p, 3, "2026-01", "2026-03", &r);
    assert_int_equal(r.expected, 3);
    assert_int_equal(r.measured, 0);
    assert_int_equal(r.nmissing, 3);
    assert_false(r.has_latest);
    assert_false(r.has_mean);

    /* no target: attainment is missing, not 0 */
    KpiPoint q = pt("2026-01", 5, NAN);
    kpi_attain_points(KPI_HIGHER, &q, 1);
    assert_false(q.has_attainment);
    arena_free(&a);
}

static int64_t new_account(TestDb *t, const char *name)
{
    Record *in = record_new(&t->ctx, entity_find("account")), *out;
    record_set(&t->ctx, in, "name", name);
    if (ent_create(&t->ctx, entity_find("account"), in, &out)) fail_msg("account: %s", t->err.msg);
    return out->id;
}

static void store_define_record_and_status(void **state)
{
    (void)state;
    TestDb *t = testdb_open();
    Ctx *c = &t->ctx;
    int64_t acct = new_account(t, "Acme");
    int64_t id, id2, id3;
    KpiNew k = {.account_id = acct,
                .name = "Share of wallet",
                .unit = "%",
                .direction = "higher",
                .target = "40"};
    assert_int_equal(kpi_define(c, &k, &id), KAM_OK);
    /* the code is made from the name, and kept unique within the account */
    assert_int_equal(kpi_define(c, &k, &id2), KAM_OK);
    KpiStatus s;
    assert_int_equal(kpi_status(c, id, &s), KAM_OK);
    assert_string_equal(s.def.code, "share_of_wallet");
    assert_int_equal(kpi_status(c, id2, &s), KAM_OK);
    assert_string_equal(s.def.code, "share_of_wallet_2");

    bool updated;
    assert_int_equal(kpi_record(c, id, "2026-01", "30", NULL, NULL, &updated), KAM_OK);
    assert_false(updated);
    assert_int_equal(kpi_record(c, id, "2026-03", "20", NULL, NULL, &updated), KAM_OK);
    /* re-recording March replaces its value: one row, value 36 */
    assert_int_equal(kpi_record(c, id, "2026-03", "36", NULL, "corrected", &updated), KAM_OK);
    assert_true(updated);
    int64_t rows = 0;
    assert_int_equal(db_one_int(t->db, &t->err,
                                "SELECT count(*) FROM kpi_measurement WHERE kpi_id = ?",
                                DB_ARGS(DI(id)), &rows),
                     KAM_OK);
    assert_int_equal(rows, 2);
    /* a period with its own target: 45 against 50 -> 0.9 */
    assert_int_equal(kpi_record(c, id, "2026-04", "45", "50", NULL, &updated), KAM_OK);

    assert_int_equal(kpi_status(c, id, &s), KAM_OK);
    assert_int_equal(s.npts, 3);
    assert_near(s.pts[0].attainment, 0.75); /* 30/40 */
    assert_near(s.pts[1].value, 36);
    assert_near(s.pts[1].attainment, 0.9); /* 36/40 */
    assert_near(s.pts[2].target, 50);
    assert_near(s.pts[2].attainment, 0.9); /* 45/50 */
    /* February has no value: reported missing, not as 0 */
    assert_int_equal(s.range.nmissing, 1);
    assert_string_equal(s.range.missing[0], "2026-02");
    /* x = 0, 2, 3 (Jan, Mar, Apr), y = 30, 36, 45: mean x 5/3, mean y 37;
     * dx -5/3, 1/3, 4/3; dy -7, -1, 8: sum dx*dy = 35/3 - 1/3 + 32/3 = 66/3 = 22;
     * sum dx^2 = 25/9 + 1/9 + 16/9 = 42/9 -> slope 22 * 9 / 42 = 33/7 */
    assert_near(s.trend.slope, 33.0 / 7.0);
    assert_int_equal(s.trend.trend, KPI_TREND_IMPROVING);

    /* lower is better with a zero target */
    KpiNew z = {.account_id = acct,
                .name = "Complaints",
                .direction = "lower",
                .target = "0",
                .code = "complaints"};
    assert_int_equal(kpi_define(c, &z, &id3), KAM_OK);
    assert_int_equal(kpi_record(c, id3, "2026-05", "0", NULL, NULL, &updated), KAM_OK);
    assert_int_equal(kpi_status(c, id3, &s), KAM_OK);
    assert_near(s.pts[0].attainment, 1.0);

    KpiStatus *list;
    int n;
    assert_int_equal(kpi_list_account(c, acct, &list, &n), KAM_OK);
    assert_int_equal(n, 3);

    /* bad input names what is wrong */
    assert_int_equal(kpi_record(c, id, "2026-13", "1", NULL, NULL, &updated), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "period"));
    assert_non_null(strstr(t->err.msg, "2026-13"));
    assert_int_equal(kpi_record(c, id, "2026-06", "lots", NULL, NULL, &updated), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "value"));
    assert_int_equal(kpi_record(c, 999, "2026-06", "1", NULL, NULL, &updated), KAM_ENOTFOUND);
    assert_int_equal(kpi_define(c, &z, &id3), KAM_ECONFLICT); /* code complaints again */
    assert_non_null(strstr(t->err.msg, "complaints"));
    KpiNew bad = {.account_id = acct, .name = "X", .direction = "sideways", .target = "1"};
    assert_int_equal(kpi_define(c, &bad, &id3), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "direction"));
    KpiNew nowhere = {.account_id = 777, .name = "X", .direction = "higher", .target = "1"};
    assert_int_equal(kpi_define(c, &nowhere, &id3), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "777"));
    assert_int_equal(kpi_list_account(c, 777, &list, &n), KAM_ENOTFOUND);
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(attainment_higher_and_lower_is_better),
        cmocka_unit_test(attainment_zero_and_negative_targets),
        cmocka_unit_test(trend_slope_and_direction),
        cmocka_unit_test(expected_periods_follow_the_frequency),
        cmocka_unit_test(ranges_report_missing_periods_not_zero),
        cmocka_unit_test(store_define_record_and_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
