# The PostgreSQL backend: a private cluster (scripts/pg-cluster), the same
# commands on SQLite and on PostgreSQL giving the same output and the same
# error messages, and `kam db copy` both ways losing nothing.
# Skipped (one SKIP line) only when PostgreSQL cannot be installed here.
. "$KAM_ROOT/tests/cli/lib.sh"
export KAM_NOW=1781524800 # 2026-06-15 12:00 UTC: the same timestamps on both backends

PGC="$KAM_ROOT/scripts/pg-cluster"
if [ -n "$T_PG_CLUSTER" ]; then
    # the cluster of tests/run.sh, databases of our own in it
    PG_DIR=$T_PG_CLUSTER
    URL=$(pgdb main 2>"$T_DIR/pg.err")
    pg_status=$?
else
    # Not inside T_DIR: when run as root the cluster belongs to the postgres
    # user, who must be able to reach its directory.
    PG_DIR=$(mktemp -d /tmp/kam-pg.XXXXXX)
    trap 'sh "$PGC" stop "$PG_DIR" >/dev/null 2>&1; rm -rf "$PG_DIR"; t_cleanup' EXIT
    URL=$(sh "$PGC" start "$PG_DIR" 2>"$T_DIR/pg.err")
    pg_status=$?
fi
if [ "$pg_status" -eq 3 ]; then
    echo "ok 1 - # SKIP no PostgreSQL"
    echo "1..1"
    exit 0
fi
if [ "$pg_status" -ne 0 ] || [ -z "$URL" ]; then
    STATUS=$pg_status
    ERR=$(cat "$T_DIR/pg.err")
    expect_status 0 "a private PostgreSQL starts"
    done_testing
    exit 1
fi
_ok "a private PostgreSQL starts"
SQ="$T_DIR/kam.db"
PSQL=psql
command -v psql >/dev/null 2>&1 || PSQL=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql
pg_sql() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$1" -c "$2"; }

# both NAME ARGS...: run kam ARGS against SQLite and against PostgreSQL; the
# exit status, stdout and stderr must be the same. The PostgreSQL run's
# output stays in $OUT/$ERR/$STATUS. Standard input: the file $BOTH_IN.
both() {
    name=$1
    shift
    run --db "$SQ" "$@" <"${BOTH_IN:-/dev/null}"
    s_out=$OUT s_err=$ERR s_status=$STATUS
    run --db "$URL" "$@" <"${BOTH_IN:-/dev/null}"
    if [ "$STATUS" = "$s_status" ] && [ "$OUT" = "$s_out" ] && [ "$ERR" = "$s_err" ]; then
        _ok "$name"
    else
        _nok "$name" "SQLite: status $s_status" "SQLite stdout: $(printf '%s' "$s_out" | head -c 400)" \
            "SQLite stderr: $(printf '%s' "$s_err" | head -c 400)"
    fi
}

# ------------------------------------------------------------ the same behaviour

run --db "$URL" init --name "Our company"
expect_status 0 "kam init on PostgreSQL"
run --db "$SQ" init --name "Our company"
run --db "$URL" init
expect_status 1 "init refuses a database that already holds kam"
expect_err "already holds a kam database" "and says so"
run --db "$URL" db version
expect_out "database schema version 1" "the schema version is kept in kam_meta"
expect_eq "$(pg_sql "$URL" "SELECT value FROM kam_meta WHERE key = 'application'")" "kam" \
    "the database is marked as a kam database"

both "account add" account add --name "Acme SpA" --industry Manufacturing --country IT --ext-id ACME
both "a second account" account add --name "Beta Srl" --employees 120 --annual-revenue 1234567.89
both "account list" account list
both "account list --json" account list --json
both "search is case-insensitive" account list --q acme --json
both "edit at the current version" account edit 1 --name "Acme Group" --version 1
both "edit at a stale version is refused with the same message" account edit 1 --name "Lost" --version 1
expect_status 1 "the stale edit fails"
expect_err "was changed by someone else" "the conflict is explained"
both "the stale edit changed nothing" account show 1 --json
both "a duplicate unique value: same message" account add --name "Other" --ext-id ACME
expect_err "a record with the same account.ext_id already exists" "the duplicate names the column"
both "account_year add" account_year add --account-id 1 --year 2024 --revenue 1000.5
both "a duplicate pair: same message" account_year add --account-id 1 --year 2024
expect_err "account_year.account_id, account_year.year" "the duplicate names both columns"
both "a bad number: same message" account add --name "Gamma" --employees lots

# A CHECK rule refused by the database itself (the services check the
# model's rules first): add a named one to both and compare the messages.
sqlite3 "$SQ" "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = replace(sql, 'city TEXT NOT NULL DEFAULT ''''', 'city TEXT NOT NULL DEFAULT '''' CONSTRAINT account_city_test CHECK (city <> ''Atlantis'')') WHERE type = 'table' AND name = 'account'"
pg_sql "$URL" "ALTER TABLE account ADD CONSTRAINT account_city_test CHECK (city <> 'Atlantis')"
both "a CHECK violation: same message" account add --name "Lost city" --city Atlantis
expect_err "value not allowed (CHECK constraint failed: account_city_test)" "the refusal names the rule"
both "nothing was stored" account list --json

echo "a-long-enough-password" >"$T_DIR/pw"
BOTH_IN="$T_DIR/pw" both "user add" user add anna --role kam --password-stdin
both "a duplicate user" user add anna --role team
both "user list" user list
run --db "$URL" token create anna --name ci
expect_status 0 "token create"
expect_err "token 1 for anna created" "the token is announced"
token=$(printf '%s\n' "$OUT" | tail -n 1)
run --db "$SQ" token create anna --name ci
both "token list" token list
both "token list of one user (? IS NULL OR login = ?)" token list --user anna
both "the audit log" audit --json
both "the audit log of one record" audit --entity account --id 1 --json
case "$token" in kam_*) _ok "the token is shown once" ;; *) _nok "the token is shown once" ;; esac

run --db "$URL" backup "$T_DIR/b.db"
expect_status 2 "kam backup on PostgreSQL is a usage error"
expect_err "pg_dump" "it points to pg_dump"

run --db "postgresql://kam@/no_such_db?host=$PG_DIR" account list
expect_status 1 "a database that does not exist"
expect_err "no_such_db" "is named"
run --db "postgresql://kam@/kam?host=$T_DIR/nowhere" account list
expect_status 3 "a server that cannot be reached"
expect_err "the database is unavailable:" "is unavailable"
expect_err "try again" "and may come back"

# ------------------------------------------------------------ kam db copy

run --db "$SQ" db copy
if case "$ERR" in *"unknown subcommand"*) true ;; *) false ;; esac; then
    _ok "# SKIP kam db copy is not wired into kam db yet"
    done_testing
    exit
fi

DEMO="$T_DIR/demo.db"
run --db "$DEMO" init
run --db "$DEMO" demo
expect_status 0 "a demo database to copy"
if [ -n "$T_PG_CLUSTER" ]; then PG_COPY=$(pgdb copy1); else PG_COPY=$(sh "$PGC" url "$PG_DIR" copy1); fi
run db copy --from "$DEMO" --to "$PG_COPY"
expect_status 0 "db copy SQLite -> PostgreSQL"
expect_out "copied" "the copy reports what it did"
run db copy --from "$PG_COPY" --to "$T_DIR/back.db"
expect_status 0 "db copy PostgreSQL -> SQLite"
sqlite3 "$DEMO" .dump >"$T_DIR/a.sql"
sqlite3 "$T_DIR/back.db" .dump >"$T_DIR/b.sql"
if cmp -s "$T_DIR/a.sql" "$T_DIR/b.sql"; then _ok "the round trip gives back the same database, row for row"
else _nok "the round trip gives back the same database, row for row" "$(diff "$T_DIR/a.sql" "$T_DIR/b.sql" | head -n 10)"; fi

# Every kind of record reads the same from the copy as from the original
# (lists normalised to id order: some kinds order by a column with ties).
mkdir -p "$T_DIR/lists/sq" "$T_DIR/lists/pg"
n=0
for kind in $("$KAM" --db "$DEMO" entities | awk '{print $1}'); do
    n=$((n + 1))
    "$KAM" --db "$DEMO" "$kind" list --json >"$T_DIR/lists/sq/$kind" 2>&1
    "$KAM" --db "$PG_COPY" "$kind" list --json >"$T_DIR/lists/pg/$kind" 2>&1
done
diffs=$(python3 - "$T_DIR/lists" <<'PY'
import json, os, sys
def load(p):
    try:
        d = json.load(open(p))
    except ValueError:
        return open(p).read()
    return sorted(d, key=lambda r: r.get("id", 0)) if isinstance(d, list) else d
root = sys.argv[1]
print(" ".join(k for k in sorted(os.listdir(root + "/sq"))
               if load(root + "/sq/" + k) != load(root + "/pg/" + k)))
PY
)
if [ -z "$diffs" ] && [ "$n" -gt 10 ]; then _ok "all $n kinds list the same on the PostgreSQL copy"
else _nok "all kinds list the same on the PostgreSQL copy" "different: $diffs (of $n)"; fi
run --db "$DEMO" export all
if [ "$STATUS" -eq 0 ]; then
    a=$OUT
    run --db "$PG_COPY" export all
    expect_eq "$OUT" "$a" "kam export all is the same on the copy"
    run --db "$T_DIR/back.db" export all
    expect_eq "$OUT" "$a" "and on the copy of the copy, back on SQLite"
else
    _ok "# SKIP kam export all is not available"
fi
both_copy() { # the original and the PostgreSQL copy answer the same
    run --db "$DEMO" "$@"; a_out=$OUT a_status=$STATUS
    run --db "$PG_COPY" "$@"
    if [ "$OUT" = "$a_out" ] && [ "$STATUS" = "$a_status" ]; then _ok "$*: the same on the copy"
    else _nok "$*: the same on the copy" "original: $(printf '%s' "$a_out" | head -c 300)"; fi
}
both_copy portfolio list
both_copy analyse 1
both_copy kpi list --account 1
both_copy account add --name "After the copy"
expect_out "created account" "new ids continue after the copied ones"

run db copy --from "$DEMO" --to "$PG_COPY"
expect_status 1 "db copy refuses a target that is not empty"
expect_err "is not empty" "and says why"
run db copy --from "$DEMO" --to "$URL"
expect_status 1 "including one made by kam init"
run db copy --from "$DEMO" --to "$DEMO"
expect_status 2 "db copy refuses to copy a database onto itself"

done_testing
