# kam demo: a believable, deterministic demo company on an empty database.
. "$KAM_ROOT/tests/cli/lib.sh"
export KAM_NOW=1781500000

run init --name "Vellano Automazione S.p.A."
run demo
expect_status 0 "demo fills a new database"
expect_out "40: " "the summary counts the accounts"
expect_out "kam-demo-admin" "the summary shows the demo sign-ins"

expect_eq "$(sql 'SELECT count(*) FROM account')" "40" "40 accounts by default"
expect_eq "$(sql "SELECT count(DISTINCT status) FROM account")" "4" "key, candidate, former and other accounts"
expect_eq "$(sql "SELECT count(*) FROM account WHERE status = 'key' AND (kam_id IS NULL OR sponsor_id IS NULL)")" "0" \
    "every key account has a KAM and an executive sponsor"
expect_eq "$(sql "SELECT count(*) FROM (SELECT kam_id, count(*) n FROM account WHERE kam_id IS NOT NULL GROUP BY kam_id) t
                  WHERE n > (SELECT max_accounts_per_kam FROM programme)")" "0" "no KAM has more accounts than the programme allows"
expect_eq "$(sql "SELECT count(*) FROM account a WHERE status = 'key' AND stage <> (SELECT s.stage FROM stage_change s
                  WHERE s.account_id = a.id ORDER BY s.changed_on DESC, s.id DESC LIMIT 1)")" "0" \
    "the last stage change of a key account is its current stage"
expect_eq "$(sql "SELECT count(*) FROM account WHERE status IN ('key', 'former') AND id NOT IN (SELECT account_id FROM key_decision)")" "0" \
    "key and former accounts have their key-account decisions"
expect_eq "$(sql "SELECT count(*) FROM account WHERE status = 'former' AND id NOT IN
                  (SELECT account_id FROM key_decision WHERE decision = 'demote')")" "0" "former key accounts were demoted"

# KPIs: three years of monthly measurements ending at the current month, with some gaps.
expect_eq "$(sql "SELECT count(DISTINCT period) || ' ' || min(period) || ' ' || max(period) FROM kpi_measurement")" \
    "36 2023-07 2026-06" "measurements cover the 36 months ending at the current month"
expect_eq "$(sql "SELECT count(*) FROM kpi k WHERE (SELECT count(*) FROM kpi_measurement m WHERE m.kpi_id = k.id) NOT BETWEEN 24 AND 36")" "0" \
    "every KPI has 36 monthly measurements minus a few gaps"
gaps=$(sql "SELECT 36 * count(*) - (SELECT count(*) FROM kpi_measurement) FROM kpi")
[ "$gaps" -gt 0 ] && _ok "some months are missing ($gaps gaps)" || _nok "some months are missing" "no gaps"
expect_eq "$(sql "SELECT count(*) FROM account a WHERE (SELECT count(*) FROM kpi k WHERE k.account_id = a.id) NOT BETWEEN 3 AND 5")" "0" \
    "every account has 3 to 5 KPIs"
expect_eq "$(sql "SELECT count(DISTINCT shared), count(DISTINCT direction) FROM kpi")" "2|2" \
    "KPIs are shared and internal, higher and lower is better"

# The relationship map keeps its history: a contact who moved within the group.
expect_eq "$(sql "SELECT count(*) > 0 FROM person p WHERE EXISTS (SELECT 1 FROM position_holder h WHERE h.person_id = p.id AND h.to_on IS NOT NULL)
                  AND EXISTS (SELECT 1 FROM position_holder h WHERE h.person_id = p.id AND h.to_on IS NULL)")" "1" \
    "at least one contact moved to another position and kept their history"
expect_eq "$(sql "SELECT count(*) FROM position_holder WHERE to_on IS NULL GROUP BY position_id HAVING count(*) > 1")" "" \
    "no position has two current holders"

# Alignment varies: some customer goals are served by our objectives, some are not.
expect_eq "$(sql "SELECT (SELECT count(*) > 0 FROM customer_goal WHERE id IN (SELECT goal_id FROM goal_objective)),
                         (SELECT count(*) > 0 FROM customer_goal WHERE id NOT IN (SELECT goal_id FROM goal_objective)
                                                            AND id NOT IN (SELECT goal_id FROM initiative_goal))")" "1|1" \
    "some customer goals are served and some are not"
expect_eq "$(sql "SELECT count(*) > 0 FROM action_item WHERE status = 'open' AND due_on < '2026-06-15'")" "1" "some action items are overdue"

# Every part of the model has rows.
empty=""
for t in org programme company_year person account account_year key_decision stage_change party customer_goal objective \
    initiative goal_objective initiative_goal initiative_objective offering customer_unit solution_cell solution_project \
    app_user viewer_grant team_member competency competency_rating development_action hr_policy account_competency \
    contact_position position_holder cell_contact contact_rule cadence agreement escalation_step interaction \
    interaction_attendee action_item escalation kpi kpi_measurement account_review plan_version remark \
    assessment_catalogue assessment_item assessment_round round_account rater answer; do
    [ "$(sql "SELECT count(*) > 0 FROM $t")" = 1 ] || empty="$empty $t"
done
expect_eq "$empty" "" "every table of the model has demo rows"
if [ "$(sql 'SELECT count(*) FROM criterion WHERE active = 1')" -gt 0 ]; then
    expect_eq "$(sql "SELECT count(*) FROM account WHERE id NOT IN (SELECT account_id FROM criterion_score)")" "0" \
        "every account is scored on the selection criteria"
else
    expect_out "scoring was skipped" "without criteria the summary says scoring was skipped"
fi
expect_eq "$(sql "SELECT count(DISTINCT rater_role) FROM rater")" "5" "the round has all five kinds of rater"

# Sign-ins: six users with passwords, one customer guest bound to an account.
expect_eq "$(sql "SELECT login FROM app_user WHERE password_hash <> '' ORDER BY login" | tr '\n' ' ' | sed 's/ $//')" \
    "admin andrea giulia paolo thomas viewer" "the six demo sign-ins have passwords"
expect_eq "$(sql "SELECT a.name FROM app_user u JOIN account a ON a.id = u.guest_account_id WHERE u.login = 'thomas'")" \
    "Ferrovie Padane" "the customer guest sees one account"
expect_eq "$(sql "SELECT count(*) FROM account WHERE kam_id = (SELECT person_id FROM app_user WHERE login = 'giulia') AND status = 'key'")" \
    "6" "the demo KAM runs six key accounts"

expect_eq "$(sql 'PRAGMA foreign_key_check')" "" "no dangling foreign keys"
expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "the database is intact"

run account list
expect_status 0 "account list works on the demo"
expect_out "Ferrovie Padane" "account list shows the demo accounts"

# Refuses a database that already has accounts, and changes nothing.
run demo
expect_status 1 "demo refuses a database that already has accounts"
expect_err "already holds 40 accounts" "the refusal says why"
expect_eq "$(sql 'SELECT count(*) FROM account')" "40" "the refused run changed nothing"

# Deterministic: the same seed and day give the same database (password salts aside).
dump() { sql_on "$1" "UPDATE app_user SET password_hash = ''" && dump_db "$1"; }
same1=$(newdb same1) same2=$(newdb same2) other=$(newdb other)
for f in "$same1" "$same2" "$other"; do
    "$KAM" --db "$f" init --name "Vellano Automazione S.p.A." >/dev/null 2>&1
done
"$KAM" --db "$same1" demo --seed 42 >/dev/null 2>&1
"$KAM" --db "$same2" demo --seed 42 >/dev/null 2>&1
"$KAM" --db "$other" demo --seed 43 >/dev/null 2>&1
dump "$same1" >same1.sql
dump "$same2" >same2.sql
dump "$other" >other.sql
if cmp -s same1.sql same2.sql; then _ok "the same seed gives an identical database"; else _nok "the same seed gives an identical database" "dumps differ"; fi
if cmp -s same1.sql other.sql; then _nok "another seed gives another company" "dumps are equal"; else _ok "another seed gives another company"; fi

# Bad --accounts values are refused with a clear message.
for bad in 0 abc 100001 -5; do
    run --db fresh.db demo --accounts "$bad"
    expect_status 2 "--accounts $bad is refused"
    expect_err "from 1 to 100000" "the message for --accounts $bad gives the range"
done
run --db fresh.db demo --seed x
expect_status 2 "--seed x is refused"

# A larger portfolio: few key accounts among many customers.
big=$(newdb big)
"$KAM" --db "$big" init >/dev/null 2>&1
run --db "$big" demo --accounts 600 --seed 3
expect_status 0 "demo --accounts 600"
expect_eq "$(sql_on "$big" "SELECT count(*) || ' ' || sum(CASE WHEN status = 'key' THEN 1 ELSE 0 END) FROM account")" "600 40" \
    "600 accounts, 40 of them key"
expect_eq "$(sql_on "$big" 'PRAGMA foreign_key_check')" "" "no dangling foreign keys in the larger demo"
one=$(newdb one)
"$KAM" --db "$one" init >/dev/null 2>&1
run --db "$one" demo --accounts 1
expect_status 0 "demo --accounts 1"
expect_eq "$(sql_on "$one" "SELECT status FROM account")" "key" "a one-account demo is a key account"

done_testing
