# The top-management dashboard: every figure of `kam dashboard --json` equals
# the same figure computed by plain SQL (tests/cli/dashboard.sql) over the same
# demo database, before and after edits; the drill-down lists as many accounts
# as the figure counts; filters and errors.
. "$KAM_ROOT/tests/cli/lib.sh"

# figures NAME: kam dashboard --json as NAME|VALUE lines in the reference's format
figures() {
    "$KAM" dashboard --json "$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
r = lambda x: "%.9f" % x
print("key_accounts|%d" % d["key_accounts"])
print("revenue_share|" + r(d["revenue"]["share"]))
print("margin_share|" + r(d["margin"]["share"]))
print("growth_key|" + r(d["growth"]["key"]["growth"]))
print("growth_other|" + r(d["growth"]["other"]["growth"]))
print("retention_base|%d" % d["retention"]["of"])
print("retained|%d" % d["retention"]["count"])
print("with_sponsor|%d" % d["sponsor_coverage"]["count"])
print("plan_current|%d" % d["plan_coverage"]["count"])
for s in "12345":
    print("stage_%s|%d" % (s, d["mix"]["stage"][s]))
print("disintegrating|%d" % d["mix"]["disintegrating"])
print("escalations_open|%d" % d["escalations"]["open"])
print("escalations_overdue|%d" % d["escalations"]["overdue"])
for b in ["on_track", "at_risk", "off_track", "none"]:
    print("band_%s|%d" % (b, d["kpi_attainment"][b]))
print("went_off_track|%d" % d["went_off_track"]["count"])
for q in ["strategic", "development", "maintenance", "opportunistic", "unplaced"]:
    print("quadrant_%s|%d" % (q, d["mix"]["quadrant"][q]))
'
}
reference() {
    ref=$KAM_DB
    if on_pg; then # the reference SQL is SQLite's: run it on a SQLite copy of the same data
        rm -f "$T_DIR/ref.db"
        "$KAM" db copy --from "$KAM_DB" --to "$T_DIR/ref.db" >/dev/null || return 1
        ref=$T_DIR/ref.db
    fi
    { echo "CREATE TEMP TABLE today(d); INSERT INTO today VALUES ('$KAM_TODAY');"; cat "$KAM_ROOT/tests/cli/dashboard.sql"; } |
        sqlite3 -batch "$ref"
}
compare() { # compare NAME
    figures >"$T_DIR/kam.txt" 2>"$T_DIR/kam.err"
    reference >"$T_DIR/sql.txt" 2>&1
    if diff "$T_DIR/sql.txt" "$T_DIR/kam.txt" >"$T_DIR/diff.txt"; then
        _ok "$1"
    else
        OUT=$(cat "$T_DIR/diff.txt"); ERR=$(cat "$T_DIR/kam.err"); _nok "$1" "figures differ (< SQL, > kam)"
    fi
}

run dashboard --help
expect_status 0 "dashboard --help"
expect_out "usage: kam dashboard" "the help names the command"

run init
run demo --accounts 400
expect_status 0 "a demo company with 400 accounts"
n=$(sql "SELECT COUNT(*) FROM account WHERE status = 'key'")
[ "$n" -gt 10 ] && _ok "the demo has key accounts ($n)" || _nok "the demo has key accounts" "got $n"
compare "every dashboard figure equals plain SQL on the demo database"

# the drill-down lists exactly the accounts the figure counts
for fig in key no_sponsor plan no_plan retained lost escalations band_on_track band_at_risk band_off_track \
    quadrant_strategic quadrant_development stage_3 went_off_track; do
    run dashboard --drill "$fig"
    got=$(printf '%s' "$OUT" | grep -c . || true)
    case "$fig" in
    key) want=$(sql "SELECT COUNT(*) FROM account WHERE status = 'key'") ;;
    no_sponsor) want=$(sql "SELECT COUNT(*) FROM account WHERE status = 'key' AND sponsor_id IS NULL") ;;
    stage_3) want=$(sql "SELECT COUNT(*) FROM account WHERE status = 'key' AND stage = 3") ;;
    *) want=$(grep "^${fig#band_}|\|^band_${fig#band_}|\|^$fig|" "$T_DIR/kam.txt" | head -1 | cut -d'|' -f2) ;;
    esac
    [ "$fig" = lost ] && want=$(( $(grep '^retention_base|' "$T_DIR/kam.txt" | cut -d'|' -f2) - $(grep '^retained|' "$T_DIR/kam.txt" | cut -d'|' -f2) ))
    [ "$fig" = no_plan ] && want=$(( $(grep '^key_accounts|' "$T_DIR/kam.txt" | cut -d'|' -f2) - $(grep '^plan_current|' "$T_DIR/kam.txt" | cut -d'|' -f2) ))
    [ "$fig" = escalations ] && want=$(sql "SELECT COUNT(DISTINCT e.account_id) FROM escalation e JOIN account a ON a.id = e.account_id WHERE e.status = 'open' AND a.status = 'key'")
    [ "$fig" = plan ] && want=$(grep '^plan_current|' "$T_DIR/kam.txt" | cut -d'|' -f2)
    expect_eq "$got" "$want" "drill-down $fig lists the $want accounts behind the figure"
done

# edits, deletes and decisions: the figures follow
k1=$(sql "SELECT id FROM account WHERE status = 'key' ORDER BY id LIMIT 1")
k2=$(sql "SELECT id FROM account WHERE status = 'key' ORDER BY id DESC LIMIT 1")
c1=$(sql "SELECT id FROM account WHERE status = 'candidate' ORDER BY id LIMIT 1")
run key_decision add --account_id "$k1" --decision demote --reason "lost the frame contract" --decided_on 2026-06-01
expect_status 0 "demote a key account"
run key_decision add --account_id "$c1" --decision nominate --reason "strategic fit" --decided_on 2026-06-01
expect_status 0 "nominate a candidate"
v=$(sql "SELECT version FROM account WHERE id = $k2")
run account edit "$k2" --version "$v" --stage 5 --plan_reviewed_on 2026-06-01
expect_status 0 "edit an account's stage and plan date"
run escalation add --account_id "$k2" --title "Price dispute" --raised_on 2026-05-01 --due_on 2026-05-20
expect_status 0 "raise an escalation"
run account rm "$(sql "SELECT id FROM account WHERE status = 'key' ORDER BY id LIMIT 1 OFFSET 3")" --version "$(sql "SELECT version FROM account WHERE status = 'key' ORDER BY id LIMIT 1 OFFSET 3")"
run portfolio score --account "$c1" --criterion att_volume --score 2 --scorer admin
compare "after edits, decisions, an escalation and a delete the figures still equal plain SQL"

# filters
ind=$(sql "SELECT industry FROM account WHERE status = 'key' GROUP BY industry ORDER BY COUNT(*) DESC, industry LIMIT 1")
run dashboard --json --industry "$ind"
want=$(sql "SELECT COUNT(*) FROM account WHERE status = 'key' AND industry = '$ind'")
expect_out "\"key_accounts\": $want" "the industry filter counts the key accounts of $ind"
run dashboard --stage 9
expect_status 1 "a stage outside 1-5 is refused"
expect_err "stage" "the error names the filter"
run dashboard --quadrant nowhere
expect_err "quadrant" "an unknown quadrant is refused"
run dashboard --drill nonsense
expect_err "unknown figure" "an unknown figure is refused"
run dashboard
expect_status 0 "the text dashboard"
expect_out "revenue share" "it shows the revenue share"
done_testing
