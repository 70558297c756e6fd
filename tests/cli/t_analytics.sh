# KPIs, the portfolio and the account analysis from the command line.
. "$KAM_ROOT/tests/cli/lib.sh"

run init
expect_status 0 "init"
printf 'correct horse battery staple\n' >pw
run user add alice --role kam --password-stdin <pw
run user add bob --role executive --password-stdin <pw
run account add --name "Acme SpA"
run account add --name "Beta Srl"

# ---------------------------------------------------------------- help
for cmd in kpi portfolio analyse; do
    run $cmd --help
    expect_status 0 "$cmd --help succeeds"
    expect_out "usage: kam $cmd" "$cmd --help prints the usage"
done
run kpi define --help
expect_out "kam kpi record" "kpi define --help prints the kpi help"
run portfolio whatif --help
expect_out "whatif" "portfolio whatif --help prints the portfolio help"
run kpi
expect_status 0 "kpi without a subcommand prints its help"
expect_out "usage: kam kpi" "the help is shown"

# ---------------------------------------------------------------- kpi
run kpi define --account 1 --name "Share of wallet" --unit % --direction higher --target 40
expect_status 0 "kpi define"
expect_out "share_of_wallet" "the code is made from the name"
run kpi define --account 1 --name "Complaints" --direction lower --target 0 --code complaints --shared
expect_status 0 "kpi define with a code, lower is better, zero target"
expect_eq "$(sql "SELECT direction, target, shared FROM kpi WHERE code = 'complaints'")" "lower|0.0|1" "the definition is stored"
run kpi define --account 99 --name X --direction higher --target 1
expect_status 1 "kpi define on an unknown account is refused"
expect_err "99" "the error names the account"
run kpi define --account 1 --name X --direction sideways --target 1
expect_status 1 "a bad direction is refused"
expect_err "direction" "the error names the field"
run kpi define --account 1 --name X --direction higher
expect_status 2 "kpi define without a target is a usage error"

run kpi record 1 --period 2026-01 --value 30
expect_status 0 "kpi record"
expect_out "recorded" "a new period is recorded"
run kpi record 1 --period 2026-03 --value 20
run kpi record 1 --period 2026-03 --value 36
expect_status 0 "re-recording a period"
expect_out "updated" "re-recording updates"
expect_eq "$(sql "SELECT count(*), max(value) FROM kpi_measurement WHERE kpi_id = 1 AND period = '2026-03'")" "1|36.0" "one row per period, the new value"
run kpi record 1 --period 2026-04 --value 45 --target 50
run kpi record 1 --period 2026-13 --value 1
expect_status 1 "a bad period is refused"
expect_err "2026-13" "the error quotes the period"
expect_err "period" "the error names the field"
run kpi record 1 --period 2026-05 --value lots
expect_status 1 "a non-number value is refused"
expect_err "value" "the error names the value"
run kpi record 42 --period 2026-05 --value 1
expect_status 1 "recording on an unknown KPI is refused"
expect_err "kpi 42" "the error names the KPI"
run kpi record 2 --period 2026-05 --value 3

run kpi list --account 1
expect_status 0 "kpi list"
# 45 against the period's own target 50 -> 90%; trend over Jan, Mar, Apr rises -> improving
expect_out "Share of wallet" "the KPI is listed"
expect_out "45 (2026-04)" "the latest value is shown"
expect_out "90%" "attainment against the period's own target"
expect_out "improving" "the trend"
run kpi list --account 1 --json
expect_status 0 "kpi list --json"
expect_out '"trend": "improving"' "json has the trend"
expect_out '"2026-02"' "json lists February as missing"
run kpi list --account 99
expect_status 1 "kpi list of an unknown account"
expect_err "account 99" "the error names the account"

run kpi show 1
expect_status 0 "kpi show"
expect_out "2026-02  missing" "a missing period is shown as missing, not 0"
expect_out "75%" "attainment per period (30/40)"
run kpi show 1 --from 2026-01 --to 2026-06
expect_out "3 of 6 expected periods measured" "the range counts measured periods"
expect_out "missing: 2026-02 2026-05 2026-06" "the range lists the missing periods"
run kpi show 1 --json
expect_out '"history"' "kpi show --json has the history"
expect_out '"attainment": 0.75' "json attainment of January"
run kpi show 2
# lower is better, target 0, value 3 -> 0%
expect_out "0%" "zero target, worse side: 0%"
run kpi show 1 --from 2026-13
expect_status 1 "a bad range month is refused"
run kpi frobnicate
expect_status 2 "an unknown kpi subcommand is a usage error"

# ---------------------------------------------------------------- portfolio
# seeded weights: att_volume 25, att_profit 20, str_solution 25, str_wallet 20
run portfolio score --account 1 --criterion att_volume --score 8 --scorer alice
expect_status 0 "portfolio score"
run portfolio score --account 1 --criterion att_volume --score 5 --scorer bob
run portfolio score --account 1 --criterion att_volume --score 6 --scorer bob
expect_out "replaced" "scoring again replaces the score"
run portfolio score --account 1 --criterion att_profit --score 4 --scorer bob
run portfolio score --account 1 --criterion str_solution --score 9 --scorer alice
run portfolio score --account 1 --criterion str_solution --score 7 --scorer bob
run portfolio score --account 2 --criterion att_volume --score 3 --scorer bob
run portfolio score --account 2 --criterion str_wallet --score 9 --scorer bob
run portfolio score --account 1 --criterion att_volume --score 11 --scorer bob
expect_status 1 "a score above 10 is refused"
expect_err "score" "the error names the score"
run portfolio score --account 1 --criterion nope --score 5 --scorer bob
expect_status 1 "an unknown criterion is refused"
expect_err "nope" "the error names the criterion"
run portfolio score --account 99 --criterion att_volume --score 5 --scorer bob
expect_status 1 "scoring an unknown account is refused"
expect_err "99" "the error names the account"
run portfolio score --account 1 --criterion att_volume --score 5
expect_status 1 "the command line must say who scored"
expect_err "scorer" "the error names the scorer"

run portfolio list
expect_status 0 "portfolio list"
# Acme: (25*7 + 20*4)/45 = 5.67 (coverage 45%), strength 25*8/25 = 8 (25%) -> strategic
# Beta: attractiveness 3, strength 9 -> maintenance
expect_out "5.67" "Acme's attractiveness"
expect_out "strategic" "Acme is strategic"
expect_out "45% / 25%" "coverage of both sets"
expect_out "maintenance" "Beta is maintenance"
run portfolio list --json
expect_out '"quadrant": "strategic"' "json quadrant"
expect_out '"complete": false' "json marks incomplete scoring"
run portfolio show 1
expect_status 0 "portfolio show"
# att_volume 8 and 6: mean 7, range 2, sd 1
expect_out "7.00     2.00   1.00" "mean and spread of a criterion"
expect_out "missing" "unscored criteria are missing"
run portfolio show 99
expect_status 1 "portfolio show of an unknown account"

run portfolio whatif --weights att_volume=45,att_profit=0
expect_status 0 "portfolio whatif"
expect_out "no account would change" "no move at these weights (45*7/45 = 7 stays high)"
run portfolio thresholds --attractiveness 6
expect_status 0 "portfolio thresholds"
expect_out "attractiveness 6" "the new threshold is shown"
expect_eq "$(sql 'SELECT threshold_attractiveness FROM programme')" "6.0" "the threshold is stored"
run portfolio list
expect_out "maintenance" "at threshold 6 Acme (5.67) becomes maintenance"
run portfolio whatif --weights att_volume=45,att_profit=0 --json
expect_out '"from": "maintenance"' "whatif json names the old quadrant"
expect_out '"to": "strategic"' "whatif json names the new quadrant (7 >= 6)"
expect_eq "$(sql "SELECT weight FROM criterion WHERE code = 'att_volume'")" "25.0" "whatif saves nothing"
run portfolio whatif --weights att_volume=30
expect_status 1 "whatif weights not summing to 100 are refused"
expect_err "attractiveness" "the error names the set"
expect_err "105" "the error names the sum"
run portfolio whatif --weights bogus=5
expect_status 1 "an unknown criterion code is refused"
expect_err "bogus" "the error names the code"
run portfolio thresholds --strength 11
expect_status 1 "a threshold outside 1-10 is refused"
expect_err "threshold_strength" "the error names the threshold"

# ---------------------------------------------------------------- analyse
run objective add --account_id 1 --level financial --title "Grow share"
run objective add --account_id 1 --level relationship --title "Reach the board"
run customer_goal add --account_id 1 --title "Cut energy cost"
run customer_goal add --account_id 1 --title "Enter Asia"
run goal_objective add --goal_id 1 --objective_id 1
run contact add --account 1 --name "Ann Arbor" --title CEO --buying-role decision_maker --counterpart alice
run contact add --account 1 --name "Ben Bell" --title CIO --buying-role technical_buyer
run competency list
run account_competency add --account_id 1 --competency_id 1 --required_level 4
run team add --account 1 --user alice --role kam
run analyse 1
expect_status 0 "analyse"
expect_out "1 of 2 (50%)" "alignment: 1 of 2 objectives linked, 1 of 2 goals served"
expect_out "1 of 7 (14%) roles" "coverage: only the decision maker is covered"
expect_out "no counterpart" "the technical buyer has no counterpart"
expect_out "not rated" "a required competency nobody is rated on"
run analyse 1 --json
expect_out '"objectives_linked"' "analyse --json has alignment"
expect_out '"state": "covered"' "analyse --json has coverage per role"
expect_out '"competency_gaps"' "analyse --json has the gaps"
run analyse 2
expect_out "missing (nothing to count)" "an account without objectives has no alignment value, not 0"
run analyse 99
expect_status 1 "analyse of an unknown account"
expect_err "account 99" "the error names the account"
run analyse abc
expect_status 1 "analyse of a non-id"
expect_err "abc" "the error quotes the input"

done_testing
