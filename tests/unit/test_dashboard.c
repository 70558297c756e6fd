/* The top-management dashboard (svc/dashboard.h) on a small fixed programme
 * whose every figure is worked out by hand below. */
#include "testutil.h"

#include "svc/dashboard.h"
#include "svc/programme.h"

#include <math.h>
#include <string.h>

static void exec(TestDb *t, const char *sql)
{
    if (db_exec(t->db, &t->err, sql, DB_NOARGS)) fail_msg("%s: %s", sql, t->err.msg);
}

/* Five accounts (today 2026-06-15, year 2025):
 *   1 Alpha  key, sponsor, plan 2026-01-01 (current), stage 3, KAM person 1;
 *            revenue 300 (2024: 250), margin 60; KPIs 120/100 higher (1.2) and
 *            20/10 lower (0.5): mean 0.85, off track; in March 100/100: it
 *            went off track this quarter; scores A 8 and 6 (mean
 *            7), S 7: strategic
 *   2 Beta   key, no sponsor, plan 2024-01-01 (stale), stage 2; revenue 200
 *            (2024: 250), margin 30; KPI 40 then 50 / 50: 1.0, on track;
 *            A 8, S 3: development; escalations open overdue, open, closed
 *   3 Gamma  former, revenue 2024 100 only: lost
 *   4 Delta  other, 100 (2024: 80); 5 Eps candidate, 50 (2024: 70)
 * company 2025: revenue 1000, margin 200; targets 50% and 55%. */
static TestDb *fixture(void)
{
    TestDb *t = testdb_open();
    snprintf(t->ctx.today, sizeof t->ctx.today, "2026-06-15");
    exec(t, "INSERT INTO person (id, full_name) VALUES (1, 'Kim Kam'), (2, 'Sam Sponsor'), (3, "
            "'Tea Member')");
    exec(t,
         "INSERT INTO app_user (id, login, role, person_id) VALUES (101, 'x1', 'executive', NULL),"
         " (102, 'x2', 'executive', NULL)");
    exec(t, "UPDATE programme SET target_revenue_share = 50, target_margin_share = 55, "
            "plan_max_age_days = 365,"
            " threshold_attractiveness = 5.5, threshold_strength = 5.5 WHERE id = 1");
    exec(t, "INSERT INTO company_year (year, revenue, margin) VALUES (2025, 1000, 200), (2024, "
            "900, 180)");
    exec(t, "INSERT INTO account (id, name, status, kam_id, sponsor_id, stage, plan_reviewed_on, "
            "industry, country) VALUES"
            " (1, 'Alpha', 'key', 1, 2, 3, '2026-01-01', 'Rail', 'IT'),"
            " (2, 'Beta', 'key', NULL, NULL, 2, '2024-01-01', 'Food', 'DE'),"
            " (3, 'Gamma', 'former', NULL, NULL, 1, NULL, 'Rail', 'IT'),"
            " (4, 'Delta', 'other', NULL, NULL, 1, NULL, 'Rail', 'IT'),"
            " (5, 'Eps', 'candidate', NULL, NULL, 1, NULL, 'Food', 'IT')");
    exec(t, "INSERT INTO account_year (account_id, year, revenue, margin) VALUES"
            " (1, 2025, 300, 60), (1, 2024, 250, 50), (2, 2025, 200, 30), (2, 2024, 250, 40),"
            " (3, 2024, 100, 10), (4, 2025, 100, 10), (4, 2024, 80, 8), (5, 2025, 50, 5), (5, "
            "2024, 70, 7)");
    exec(t,
         "INSERT INTO kpi (id, account_id, code, name, direction, target) VALUES"
         " (1, 1, 'rev', 'Revenue', 'higher', 100), (2, 1, 'cpl', 'Complaints', 'lower', 10),"
         " (3, 2, 'sow', 'Share of wallet', 'higher', 50), (4, 2, 'old', 'Retired', 'higher', 1)");
    exec(t, "UPDATE kpi SET active = 0 WHERE id = 4");
    exec(t, "INSERT INTO kpi_measurement (kpi_id, period, value, recorded_on) VALUES"
            " (1, '2026-03', 100, '2026-04-01'), (1, '2026-04', 90, '2026-05-01'), (1, '2026-05', "
            "120, '2026-06-01'), (2, '2026-05', "
            "20, '2026-06-01'),"
            " (3, '2026-04', 40, '2026-05-01'), (3, '2026-05', 50, '2026-06-01'), (4, '2026-05', "
            "0, '2026-06-01')");
    exec(t, "INSERT INTO escalation (account_id, title, raised_on, due_on, status) VALUES"
            " (2, 'Late', '2026-05-01', '2026-06-01', 'open'), (2, 'Price', '2026-05-01', "
            "'2026-07-01', 'open'),"
            " (2, 'Old', '2026-01-01', '2026-02-01', 'closed'), (4, 'Not key', '2026-05-01', "
            "'2026-06-01', 'open')");
    exec(t, "UPDATE criterion SET active = 0");
    exec(t,
         "INSERT INTO criterion (id, criterion_set, code, name_en, name_it, weight) VALUES"
         " (901, 'attractiveness', 'a1', 'A', 'A', 100), (902, 'strength', 's1', 'S', 'S', 100)");
    exec(
        t,
        "INSERT INTO criterion_score (account_id, criterion_id, scorer_id, score, scored_on) VALUES"
        " (1, 901, 101, 8, '2026-01-01'), (1, 901, 102, 6, '2026-01-01'), (1, 902, 101, 7, "
        "'2026-01-01'),"
        " (2, 901, 101, 8, '2026-01-01'), (2, 902, 101, 3, '2026-01-01')");
    return t;
}

static const DashFilter kAll = {.quadrant = -1};

static void figures_by_hand(void **state)
{
    (void)state;
    TestDb *t = fixture();
    Dashboard d;
    if (dash_compute(&t->ctx, &kAll, &d)) fail_msg("%s", t->err.msg);
    assert_int_equal(d.year, 2025);
    assert_int_equal(d.nkey, 2);
    assert_int_equal(d.nacc, 3); /* Alpha, Beta, Gamma */
    assert_near(d.key_revenue, 500);
    assert_near(d.revenue_share, 0.5);
    assert_near(d.margin_share, 0.45);
    assert_near(d.target_revenue_share, 0.5);
    assert_near(d.target_margin_share, 0.55);
    assert_near(d.growth_key, 0.0);
    assert_near(d.other_revenue, 150);
    assert_near(d.other_revenue_prev, 250);
    assert_near(d.growth_other, -0.4);
    assert_int_equal(d.retention_base, 3);
    assert_int_equal(d.retained, 2);
    assert_int_equal(d.with_sponsor, 1);
    assert_int_equal(d.plan_current, 1);
    assert_string_equal(d.plan_cutoff, "2025-06-15");
    assert_int_equal(d.quadrant[PF_STRATEGIC], 1);
    assert_int_equal(d.quadrant[PF_DEVELOPMENT], 1);
    assert_int_equal(d.stage[2], 1);
    assert_int_equal(d.stage[3], 1);
    assert_int_equal(d.band[DB_ON_TRACK], 1);
    assert_int_equal(d.band[DB_OFF_TRACK], 1);
    assert_int_equal(d.band[DB_AT_RISK], 0);
    assert_near(d.acct[0].attainment, 0.85); /* Alpha */
    assert_near(d.acct[1].attainment, 1.0);  /* Beta: the latest value, the inactive KPI left out */
    assert_int_equal(d.open_escalations, 2);
    assert_int_equal(d.overdue_escalations, 1);
    assert_int_equal(d.nescalations, 2);
    assert_string_equal(d.escalations[0].title, "Late");
    assert_string_equal(d.quarter_start, "2026-04");
    assert_int_equal(d.went_off_track, 1); /* Alpha: on track in March (100/100), 0.85 now */
    assert_int_equal(d.acct[0].band_before, DB_ON_TRACK);
    assert_int_equal(d.acct[1].band_before, DB_NO_DATA); /* Beta: nothing before April */
    assert_int_equal(dash_drill(&d, "went_off_track", &t->arena, NULL), 1);
    assert_int_equal(d.nweakest, 2);
    assert_string_equal(d.acct[d.weakest[0]].name, "Alpha");
    int *idx;
    assert_int_equal(dash_drill(&d, "no_sponsor", &t->arena, &idx), 1);
    assert_string_equal(d.acct[idx[0]].name, "Beta");
    assert_int_equal(dash_drill(&d, "lost", &t->arena, &idx), 1);
    assert_string_equal(d.acct[idx[0]].name, "Gamma");
    assert_int_equal(dash_drill(&d, "band_off_track", &t->arena, &idx), 1);
    assert_int_equal(dash_drill(&d, "quadrant_development", &t->arena, NULL), 1);
    assert_int_equal(dash_drill(&d, "stage_9", &t->arena, NULL), -1);
    assert_int_equal(dash_drill(&d, "nonsense", &t->arena, NULL), -1);
    testdb_close(t);
}

static void filters_narrow_every_figure(void **state)
{
    (void)state;
    TestDb *t = fixture();
    Dashboard d;
    DashFilter f = kAll;
    assert_int_equal(dash_filter_set(&f, "quadrant", "development", &t->err), KAM_OK);
    if (dash_compute(&t->ctx, &f, &d)) fail_msg("%s", t->err.msg);
    assert_int_equal(d.nkey, 1);
    assert_near(d.revenue_share, 0.2);
    assert_int_equal(d.open_escalations, 2);
    f = kAll;
    assert_int_equal(dash_filter_set(&f, "industry", "Rail", &t->err), KAM_OK);
    if (dash_compute(&t->ctx, &f, &d)) fail_msg("%s", t->err.msg);
    assert_int_equal(d.nkey, 1);
    assert_near(d.other_revenue, 100); /* Delta; Gamma had none in 2025 */
    assert_near(d.other_revenue_prev, 180);
    f = kAll;
    assert_int_equal(dash_filter_set(&f, "stage", "2", &t->err), KAM_OK);
    assert_int_equal(dash_filter_set(&f, "kam", "1", &t->err), KAM_OK);
    if (dash_compute(&t->ctx, &f, &d)) fail_msg("%s", t->err.msg);
    assert_int_equal(d.nkey, 0);
    assert_true(isnan(d.growth_key));
    assert_int_equal(dash_filter_set(&f, "stage", "6", &t->err), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "stage"));
    assert_int_equal(dash_filter_set(&f, "quadrant", "middle", &t->err), KAM_EINPUT);
    testdb_close(t);
}

static void access_follows_the_role(void **state)
{
    (void)state;
    TestDb *t = fixture();
    Dashboard d;
    t->ctx.actor = (Actor){.role = ROLE_KAM, .user_id = 7, .person_id = 1, .login = "kim"};
    if (dash_compute(&t->ctx, &kAll, &d)) fail_msg("%s", t->err.msg);
    assert_int_equal(d.nkey, 1); /* only Alpha, the KAM's own */
    assert_string_equal(d.acct[0].name, "Alpha");
    t->ctx.actor = (Actor){.role = ROLE_TEAM, .user_id = 8, .person_id = 3, .login = "tea"};
    assert_int_equal(dash_compute(&t->ctx, &kAll, &d), KAM_EFORBIDDEN);
    t->ctx.actor = (Actor){.role = ROLE_GUEST, .user_id = 9, .guest_account_id = 1, .login = "g"};
    assert_int_equal(dash_compute(&t->ctx, &kAll, &d), KAM_EFORBIDDEN);
    testdb_close(t);
}

static void weights_are_saved_only_when_each_set_sums_to_100(void **state)
{
    (void)state;
    TestDb *t = fixture();
    exec(t, "UPDATE criterion SET weight = 60 WHERE id = 901");
    exec(t, "INSERT INTO criterion (id, criterion_set, code, name_en, name_it, weight) VALUES"
            " (903, 'attractiveness', 'a2', 'A2', 'A2', 40)");
    PfWeight bad[] = {{"a1", 70}};
    assert_int_equal(prog_save_weights(&t->ctx, bad, 1), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "attractiveness"));
    assert_non_null(strstr(t->err.msg, "110"));
    double w;
    db_one_real(t->db, &t->err, "SELECT weight FROM criterion WHERE id = 901", DB_NOARGS, &w);
    assert_near(w, 60);
    PfWeight good[] = {{"a1", 70}, {"a2", 30}};
    if (prog_save_weights(&t->ctx, good, 2)) fail_msg("%s", t->err.msg);
    db_one_real(t->db, &t->err, "SELECT weight FROM criterion WHERE id = 903", DB_NOARGS, &w);
    assert_near(w, 30);
    t->ctx.actor = (Actor){.role = ROLE_KAM, .user_id = 7, .person_id = 1, .login = "kim"};
    assert_int_equal(prog_save_weights(&t->ctx, good, 2), KAM_EFORBIDDEN);
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figures_by_hand),
        cmocka_unit_test(filters_narrow_every_figure),
        cmocka_unit_test(access_follows_the_role),
        cmocka_unit_test(weights_are_saved_only_when_each_set_sums_to_100),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
