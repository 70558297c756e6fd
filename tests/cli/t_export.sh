# Export: every kind of record as CSV and JSON; `export all` and `import all`
# into a new database give the same data (the two dumps are equal byte for
# byte); an export of accounts or measurements imports back as "unchanged";
# bad dumps are refused and leave the database as it was.
. "$KAM_ROOT/tests/cli/lib.sh"

run init --name "Export SpA"
expect_status 0 "a new database"
run demo --accounts 6 --seed 3
expect_status 0 "a demo company to export"

# ---- every kind, both formats: the same records in each
kinds=$("$KAM" entities | awk '{print $2}')
failed=""
for k in $kinds; do
    "$KAM" export "$k" --format csv -o "$k.csv" 2>/dev/null || failed="$failed $k.csv"
    "$KAM" export "$k" --format json -o "$k.json" 2>/dev/null || failed="$failed $k.json"
    python3 - "$k.csv" "$k.json" <<'PY' || failed="$failed $k(mismatch)"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
objs = json.load(open(sys.argv[2], encoding="utf-8"))
assert isinstance(objs, list) and len(rows) == len(objs), (len(rows), len(objs))
for r, o in zip(rows, objs):
    assert set(r) == set(o), (set(r) ^ set(o))
    assert int(r["id"]) == o["id"]
    assert "password_hash" not in r
PY
done
expect_eq "$failed" "" "every kind exports as CSV and as JSON, with the same records and columns"
expect_eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' kpi_measurements.json)" \
    "$(sql 'SELECT count(*) FROM kpi_measurement')" "an export holds every row of its table"
run export account --format json
expect_status 0 "a singular kind name works too, and standard output is the default"
expect_out '"ext_id": "CRM-000001"' "the JSON names fields as the model does"
run export accounts -o accounts.json
expect_eq "$(head -c 1 accounts.json)" "[" "-o FILE.json writes JSON without --format"
run export user --format csv
expect_status 0 "users export"
case "$OUT" in *password_hash*) _nok "secrets never leave" ;; *) _ok "secrets never leave (no password hashes)" ;; esac
run export nothing
expect_status 2 "an unknown kind is a usage error"
run export accounts --format xml
expect_status 2 "an unknown format is a usage error"

# ---- CSV back in: nothing changes
run export accounts -o acc.csv
run import accounts acc.csv
expect_status 0 "an accounts export imports back"
expect_out "6 rows, 0 added, 0 changed, 6 unchanged" "and changes nothing"
run export kpi_measurements -o km.csv
run import kpis km.csv
expect_status 0 "a measurements export imports back (KPI by kpi_id)"
expect_out " 0 added, 0 changed," "and changes nothing either"
run account edit 2 --profile 'Line one, with "quotes";
line two'
run export accounts -o acc2.csv
run import accounts acc2.csv
expect_out "0 added, 0 changed, 6 unchanged" "quotes, commas and line breaks survive the trip"

# ---- export all, then import all into a new database
run export all -o dump.json
expect_status 0 "export all"
expect_err "exported" "and says how much"
if on_pg; then skip "the dump is readable by its owner only" "a file test"; else
    expect_eq "$(stat -c %a dump.json)" "600" "the dump (it holds password hashes) is readable by its owner only"
fi
fresh=$(newdb fresh) || exit 1
"$KAM" --db "$fresh" init --name "Another name" >/dev/null
run --db "$fresh" import all dump.json
expect_status 0 "import all into a new database"
expect_out "imported dump.json" "and says what it did"
run --db "$fresh" export all -o dump2.json
expect_eq "$(sha256sum <dump2.json)" "$(sha256sum <dump.json)" "export all of the copy equals the original, byte for byte"
expect_eq "$(sql_on "$fresh" "SELECT name FROM org")" "Export SpA" "the organisation came with the dump"
run --db "$fresh" account add --name "After the import"
expect_status 0 "the copy takes new records"
expect_eq "$(sql_on "$fresh" "SELECT id > 6 FROM account WHERE name = 'After the import'")" "1" \
    "with ids after the imported ones"

# ---- bad dumps: refused, nothing changed
state() { # the database's content, independent of its WAL
    if on_pg; then dump_db "$1" | sha256sum; else
        sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
        { sha256sum <"$1"; dump_db "$1" | sha256sum; } | tr -d ' \n-'
    fi
}
before=$(state "$KAM_DB")
run import all dump.json
expect_status 1 "import all refuses a database that holds data"
expect_err "already holds data" "and says why"
expect_eq "$(state "$KAM_DB")" "$before" "and leaves it as it was"

empty=$(newdb empty) || exit 1
"$KAM" --db "$empty" init >/dev/null
before=$(state "$empty")
head -c 20000 dump.json >cut.json
run --db "$empty" import all cut.json
expect_status 1 "a truncated dump is refused"
expect_err "cut.json: line" "naming where it breaks"
expect_eq "$(state "$empty")" "$before" "the database is unchanged"
sed 's/"schema": [0-9]*/"schema": 999/' dump.json >future.json
run --db "$empty" import all future.json
expect_status 1 "a dump of another schema version is refused"
expect_err "schema version 999" "and says so"
printf '{"hello": "world"}\n' >other.json
run --db "$empty" import all other.json
expect_status 1 "a JSON file that is not a dump is refused"
expect_err "not a kam dump" "and says so"
sed 's/"name": "account", "columns": \["id"/"name": "account", "columns": ["idx"/' dump.json >badcol.json
run --db "$empty" import all badcol.json
expect_status 1 "a dump naming a column kam does not have is refused"
expect_err 'no column "idx"' "naming it"
expect_eq "$(state "$empty")" "$before" "none of them changed the database"

done_testing
