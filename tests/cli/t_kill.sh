# kill -9 in the middle of a large import (300,000 KPI measurements) leaves
# the database exactly as it was before: the import is one transaction, and
# what it wrote before the kill is never committed. The kill comes while kam
# is still reading the file (its read position, from /proc), so before the
# commit.
. "$KAM_ROOT/tests/cli/lib.sh"

ROWS=300000

run init --name "Kill SpA"
expect_status 0 "a new database"
run demo --accounts 20 --seed 2
expect_status 0 "a demo company with KPIs"

# ROWS measurements of the demo's KPIs, in months the demo does not use
sql "SELECT a.ext_id || ',' || k.code FROM kpi k JOIN account a ON a.id = k.account_id ORDER BY k.id" >keys.txt
awk -F, -v rows=$ROWS 'BEGIN { n = 0 } { acc[n] = $1; code[n] = $2; n++ }
    END { print "account,kpi,period,value,target,note"
          for (i = 0; i < rows; i++) { k = i % n; m = int(i / n); y = 1900 + int(m / 12); if (y >= 2020) y += 10
              printf "%s,%s,%04d-%02d,%.1f,,\n", acc[k], code[k], y, m % 12 + 1, (i % 977) * 1.5 } }' keys.txt >big.csv
expect_eq "$(wc -l <big.csv)" "$((ROWS + 1))" "a file of $ROWS measurements"

# state: the database's content, independent of the WAL (SQLite: the file
# after a checkpoint, and its dump; PostgreSQL: the dump)
state() {
    if on_pg; then dump_db "$KAM_DB" | sha256sum; else
        sqlite3 "$KAM_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
        { sha256sum <"$KAM_DB"; dump_db "$KAM_DB" | sha256sum; } | tr -d ' \n-'
    fi
}
before=$(state)
rows_before=$(sql "SELECT count(*) FROM kpi_measurement")

# read_pos PID: how far kam has read big.csv (0 when not open)
read_pos() {
    for fd in /proc/"$1"/fd/*; do
        if [ "$(readlink "$fd" 2>/dev/null)" = "$T_DIR/big.csv" ]; then
            awk '/^pos:/ { print $2 }' /proc/"$1"/fdinfo/"${fd##*/}" 2>/dev/null
            return
        fi
    done
    echo 0
}
size=$(wc -c <big.csv)
"$KAM" import kpis big.csv >import.out 2>&1 &
pid=$!
pos=0
tries=0
while [ "$tries" -lt 2000 ] && kill -0 "$pid" 2>/dev/null; do
    pos=$(read_pos "$pid")
    [ "${pos:-0}" -gt $((size / 4)) ] && break
    sleep 0.01
    tries=$((tries + 1))
done
kill -9 "$pid" 2>/dev/null
{ wait "$pid"; } 2>/dev/null
status=$?
expect_eq "$status" "137" "the import was killed with SIGKILL while it ran"
if [ "${pos:-0}" -gt 0 ] && [ "$pos" -lt "$size" ]; then
    _ok "the kill came when kam had read $pos of $size bytes (before the commit)"
else
    _nok "the kill came when kam had read $pos of $size bytes (before the commit)"
fi

expect_eq "$(state)" "$before" "the database is exactly as before (file and dump)"
expect_eq "$(sql "SELECT count(*) FROM kpi_measurement")" "$rows_before" "no measurement of the killed import is there"
run kpi list --account 1
expect_status 0 "the database still works"
run import kpis big.csv
expect_status 0 "the same import, run to its end, succeeds"
expect_out "$ROWS rows, $ROWS added" "and adds every row"
expect_eq "$(sql "SELECT count(*) FROM kpi_measurement")" "$((rows_before + ROWS))" "all of them stored"
if [ "$(state)" != "$before" ]; then _ok "the state compared above does see a committed import"; else
    _nok "the state compared above does see a committed import"; fi

done_testing
