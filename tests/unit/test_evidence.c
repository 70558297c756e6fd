/* Evidence rules of the assessment (svc/evidence.h) on a small database made
 * by hand; today is 2026-06-15. Expected shares are counted in the comments. */
#include "testutil.h"

#include "core/text.h"
#include "svc/evidence.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void exec(TestDb *t, const char *sql)
{
    if (db_exec(t->db, &t->err, sql, DB_NOARGS)) fail_msg("%s: %s", sql, t->err.msg);
}

static EvResult ev(TestDb *t, const char *rule, int64_t account)
{
    EvResult r;
    if (ev_compute(&t->ctx, NULL, rule, account, &r)) fail_msg("%s: %s", rule, t->err.msg);
    return r;
}

/* Two key accounts (1, 2) and a candidate (3):
 *   1: KAM person 1, sponsor person 2, plan reviewed 2026-01-10, profile and
 *      markets written (no strategies, no goals)
 *   2: KAM person 1, no sponsor, plan reviewed 2024-01-01 (older than 365 days)
 *   3: a candidate with a sponsor (not counted among key accounts) */
static TestDb *company(void)
{
    TestDb *t = testdb_open();
    snprintf(t->ctx.today, sizeof t->ctx.today, "2026-06-15");
    exec(t, "INSERT INTO person (id, full_name) VALUES (1, 'Kim'), (2, 'Erika')");
    exec(t, "INSERT INTO account (id, name, status, kam_id, sponsor_id, plan_reviewed_on, profile, "
            "markets)"
            " VALUES (1, 'Acme', 'key', 1, 2, '2026-01-10', 'machines', 'EU'),"
            " (2, 'Beta', 'key', 1, NULL, '2024-01-01', '', ''),"
            " (3, 'Gamma', 'candidate', NULL, 2, NULL, '', '')");
    /* account 1: financial, relationship twice, and a dropped offering one;
     * account 2: one operational */
    exec(t, "INSERT INTO objective (account_id, level, title, status) VALUES"
            " (1, 'financial', 'a', 'planned'), (1, 'relationship', 'b', 'on_track'),"
            " (1, 'relationship', 'c', 'planned'), (1, 'offering', 'd', 'dropped'),"
            " (2, 'operational', 'e', 'planned')");
    return t;
}

static void key_account_shares(void **state)
{
    (void)state;
    TestDb *t = company();
    /* sponsors: 1 of the 2 key accounts (the candidate does not count) */
    EvResult r = ev(t, "ka_sponsor", 0);
    assert_true(r.has);
    assert_int_equal(r.num, 1);
    assert_int_equal(r.den, 2);
    assert_near(r.share, 0.5);
    assert_string_equal(r.text, "1 of 2 key accounts have an executive sponsor");
    /* a current plan with two or more levels: account 1 (2026-01-10, financial
     * + relationship); account 2's plan is too old -> 1 of 2 */
    r = ev(t, "ka_plan_multilevel", 0);
    assert_int_equal(r.num, 1);
    assert_int_equal(r.den, 2);
    /* account 1's objective levels: financial, relationship (the dropped
     * offering objective does not count) -> 2 of 4 */
    r = ev(t, "acct_objective_levels", 1);
    assert_int_equal(r.num, 2);
    assert_int_equal(r.den, 4);
    /* profile: profile and markets of 5 parts */
    r = ev(t, "acct_profile", 1);
    assert_int_equal(r.num, 2);
    assert_int_equal(r.den, 5);
    /* the plan of account 2 is not current, and the text says so */
    r = ev(t, "acct_plan_current", 2);
    assert_int_equal(r.num, 0);
    assert_int_equal(r.den, 1);
    assert_string_equal(r.text, "plan last reviewed on 2024-01-01: beyond the 365 days allowed");
    /* Italian */
    t->ctx.lang = "it";
    r = ev(t, "ka_sponsor", 0);
    assert_string_equal(r.text, "1 di 2 clienti chiave hanno uno sponsor di direzione");
    testdb_close(t);
}

static void cadences_actions_and_reviews(void **state)
{
    (void)state;
    TestDb *t = company();
    /* account 1:
     *   c1 every 3 months, last met 2026-04-01: 75 days <= 3 x 31 + 15 = 108 -> kept
     *   c2 every 12 months, last met 2025-05-01: 410 days > 12 x 31 + 15 = 387 -> not kept
     *   c3 monthly, started 2026-06-01 (14 days ago, not due yet) -> kept
     * account 2: c4 every 3 months since 2025-01-01, never met -> not kept */
    exec(t,
         "INSERT INTO cadence (id, account_id, name, kind, every_months, starts_on) VALUES"
         " (1, 1, 'QBR', 'qbr', 3, '2025-01-01'), (2, 1, 'Board', 'executive', 12, '2024-01-01'),"
         " (3, 1, 'Ops', 'operational', 1, '2026-06-01'), (4, 2, 'QBR', 'qbr', 3, '2025-01-01')");
    exec(t, "INSERT INTO interaction (account_id, occurred_on, title, cadence_id) VALUES"
            " (1, '2026-04-01', 'QBR 1', 1), (1, '2025-05-01', 'Board', 2)");
    EvResult r = ev(t, "acct_cadence_held", 1);
    assert_int_equal(r.num, 2);
    assert_int_equal(r.den, 3);
    /* programme: the cadences of key accounts pooled: 2 + 0 of 3 + 1 */
    r = ev(t, "ka_cadence_held", 0);
    assert_int_equal(r.num, 2);
    assert_int_equal(r.den, 4);
    /* actions of account 1 due before today: one done on time, one done
     * late, one still open -> 1 of 3 (not yet due and cancelled left out) */
    exec(t, "INSERT INTO action_item (account_id, title, due_on, status, done_on) VALUES"
            " (1, 'a', '2026-05-01', 'done', '2026-04-30'), (1, 'b', '2026-05-10', 'done', "
            "'2026-05-20'),"
            " (1, 'c', '2026-06-01', 'open', NULL), (1, 'd', '2026-07-01', 'open', NULL),"
            " (1, 'e', '2026-01-01', 'cancelled', NULL)");
    r = ev(t, "acct_actions_on_time", 1);
    assert_int_equal(r.num, 1);
    assert_int_equal(r.den, 3);
    /* reviews with the customer in the last 365 days: 3 (the one of
     * 2025-01-01 is older, the internal one does not count) of 4 */
    exec(t,
         "INSERT INTO account_review (account_id, held_on, kind, with_customer) VALUES"
         " (1, '2026-05-01', 'qbr', 1), (1, '2026-02-01', 'qbr', 1), (1, '2025-11-01', 'qbr', 1),"
         " (1, '2025-01-01', 'qbr', 1), (1, '2026-03-01', 'kpi', 0)");
    r = ev(t, "acct_reviews", 1);
    assert_int_equal(r.num, 3);
    assert_int_equal(r.den, 4);
    /* programme: key accounts with a review in the last 183 days: 1 of 2 */
    r = ev(t, "ka_reviews", 0);
    assert_int_equal(r.num, 1);
    assert_int_equal(r.den, 2);
    testdb_close(t);
}

static void kpis_on_schedule(void **state)
{
    (void)state;
    TestDb *t = company();
    /* k1 monthly with a target, created long ago; the window is the 12 months
     * before June 2026: 2025-06 .. 2026-05. Measured all but 2025-09; each
     * recorded within 30 days after its month except 2026-01 (recorded
     * 2026-04-01). 12 expected, 11 measured, 10 on time.
     * k2 quarterly without a target, created 2026-02-10 (1770681600), never
     * measured: from February the window expects March (deadline 2026-05-01,
     * passed) -> 1 more expected, not on time. Total 10 of 13. */
    exec(t, "INSERT INTO kpi (id, account_id, code, name, target, frequency, created_at) VALUES"
            " (1, 1, 'k1', 'Share', 10, 'monthly', 1700000000),"
            " (2, 1, 'k2', 'NPS', NULL, 'quarterly', 1770681600)");
    static const char *const months[] = {"2025-06", "2025-07", "2025-08", "2025-10",
                                         "2025-11", "2025-12", "2026-01", "2026-02",
                                         "2026-03", "2026-04", "2026-05"};
    for (int i = 0; i < 11; i++) {
        char next[8], rec[11];
        month_add(months[i], 1, next);
        snprintf(rec, sizeof rec, "%s-10", next);
        const char *when = strcmp(months[i], "2026-01") == 0 ? "2026-04-01" : rec;
        assert_int_equal(db_exec(t->db, &t->err,
                                 "INSERT INTO kpi_measurement (kpi_id, period, value, recorded_on)"
                                 " VALUES (1, ?, 9, ?)",
                                 DB_ARGS(DT(months[i]), DT(when))),
                         KAM_OK);
    }
    EvResult r = ev(t, "acct_kpi_on_schedule", 1);
    assert_int_equal(r.num, 10);
    assert_int_equal(r.den, 13);
    r = ev(t, "kpi_on_schedule", 0); /* account 2 has no KPIs: the same */
    assert_int_equal(r.num, 10);
    assert_int_equal(r.den, 13);
    /* KPIs with a target: 1 of 2 */
    r = ev(t, "acct_kpi_targets", 1);
    assert_int_equal(r.num, 1);
    assert_int_equal(r.den, 2);
    /* latest value 9 against 10: not met -> 0 of 1 KPI with a target */
    r = ev(t, "acct_kpi_attainment", 1);
    assert_int_equal(r.num, 0);
    assert_int_equal(r.den, 1);
    /* account 2 has no KPIs at all: 0 of 0 counts as 0 (nothing measured) */
    r = ev(t, "acct_kpi_targets", 2);
    assert_true(r.has);
    assert_near(r.share, 0);
    assert_string_equal(r.text, "no KPI is defined");
    testdb_close(t);
}

static void no_data_and_errors(void **state)
{
    (void)state;
    TestDb *t = company();
    /* nothing was due: no data, not a zero */
    EvResult r = ev(t, "acct_escalations", 1);
    assert_false(r.has);
    assert_string_equal(r.text, "no escalation was due yet");
    /* no programme KPI defined: that absence is the answer (0) */
    r = ev(t, "programme_kpis", 0);
    assert_true(r.has);
    assert_near(r.share, 0);
    /* every rule of the table has an implementation and a text in both languages */
    int n = 0;
    for (const EvRule *x = kEvRules; x->name; x++, n++) {
        assert_non_null(x->fmt_en);
        assert_non_null(x->fmt_it);
        assert_string_not_equal(x->about_en, x->about_it);
    }
    assert_int_equal(n, 37);
    EvResult e;
    assert_int_equal(ev_compute(&t->ctx, NULL, "no_such_rule", 0, &e), KAM_EINPUT);
    assert_int_equal(ev_compute(&t->ctx, NULL, "acct_profile", 0, &e), KAM_EINPUT);
    assert_non_null(strstr(t->err.msg, "needs an account"));
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(key_account_shares),
        cmocka_unit_test(cadences_actions_and_reviews),
        cmocka_unit_test(kpis_on_schedule),
        cmocka_unit_test(no_data_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
