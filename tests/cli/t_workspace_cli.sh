# The account workspace and plan versions from the command line: the same
# domain calls as the pages and the JSON API.
. "$KAM_ROOT/tests/cli/lib.sh"

run init --name "Workspace SpA"
run demo --accounts 6
expect_status 0 "a demo company"

run workspace 1
expect_status 0 "kam workspace shows an account"
expect_out "health" "with its health"
expect_out "weight 25" "and each input of the health with its weight"
run workspace 1 --json
expect_status 0 "--json"
score=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["health"]["score"])')
case "$score" in [0-9]*) _ok "the JSON carries the health score ($score)" ;; *) _nok "the JSON carries the health score" ;; esac
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["coverage"]["den"])')" "7" \
    "relationship coverage counts the seven buying-centre roles"

run plan freeze 1 --label "Plan 2027" --note "yearly planning"
expect_status 0 "the plan is frozen"
v=$(sql "SELECT max(id) FROM plan_version WHERE account_id = 1")
run plan freeze 1 --label "Plan 2027"
expect_status 1 "the same label twice is refused"
expect_err "already has a plan version" "and says so"
run objective add --account_id 1 --title "Win the 2027 fleet tender" --level financial
run plan diff 1 "$v"
expect_status 0 "diff against today's plan"
expect_out "added    Win the 2027 fleet tender" "shows the new objective as added"
run plan diff 1 "$v" "$v"
expect_out "no changes" "a version against itself has no changes"
run workspace 999
expect_status 1 "an unknown account is an input error"
run workspace abc
expect_status 2 "a non-number is a usage error"
done_testing
