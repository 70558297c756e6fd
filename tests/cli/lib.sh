# Shared helpers for CLI tests (sourced). Each test file is a TAP producer:
#   . "$KAM_ROOT/tests/cli/lib.sh"
#   run kam account list; expect_status 0; expect_out "Acme"
# Every test gets its own temporary directory (cwd) and database, removed at exit.
# The database is a SQLite file, or, when KAM_TEST_PG_DIR names a running
# private cluster (tests/run.sh --pg), a new PostgreSQL database in it; tests
# look into it with `sql` either way, and ask `on_pg` for the rare step that
# only makes sense on one backend.
set -u
: "${KAM:?set KAM to the kam binary}"
: "${KAM_ROOT:?set KAM_ROOT to the source tree}"
T_DIR=$(mktemp -d)
KAM_TEST_BACKEND=sqlite
[ -n "${KAM_TEST_PG_DIR:-}" ] && KAM_TEST_BACKEND=postgresql
on_pg() { [ "$KAM_TEST_BACKEND" = postgresql ]; }
# A running private cluster, when tests/run.sh has one: the backend's under
# --pg, else one offered to the tests that use PostgreSQL on either backend
# (KAM_TEST_PG_CLUSTER: t_pg.sh, t_scaleout.py).
T_PG_CLUSTER=${KAM_TEST_PG_DIR:-${KAM_TEST_PG_CLUSTER:-}}
# The Python that runs tests/pgsql.py, found once (a pyenv shim costs ~1 s a call).
T_PY=python3
on_pg && T_PY=$(python3 -c 'import sys; print(sys.executable)')
# PostgreSQL databases of this test are named T_PG_PREFIX + NAME.
T_PG_PREFIX=kt_$(basename "$T_DIR" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '_')_
# t_cleanup: remove the directory and this test's PostgreSQL databases.
t_cleanup() {
    if [ -f "$T_DIR/.pg-databases" ]; then
        for d in $("$T_PY" "$KAM_ROOT/tests/pgsql.py" "$(sh "$KAM_ROOT/scripts/pg-cluster" url "$T_PG_CLUSTER" postgres)" \
            "SELECT datname FROM pg_database WHERE starts_with(datname, '$T_PG_PREFIX')" 2>/dev/null); do
            sh "$KAM_ROOT/scripts/pg-cluster" drop "$T_PG_CLUSTER" "$d" >/dev/null 2>&1
        done
    fi
    rm -rf "$T_DIR"
}
trap t_cleanup EXIT
cd "$T_DIR" || exit 1
# newdb NAME: print a new, empty database target: $T_DIR/NAME.db on SQLite, a
# new database in the cluster on PostgreSQL. NAME: letters, digits and _.
newdb() {
    if on_pg; then pgdb "$1"; else echo "$T_DIR/$1.db"; fi
}
# pgdb NAME: print the URL of a new PostgreSQL database in T_PG_CLUSTER.
pgdb() {
    : >"$T_DIR/.pg-databases" # for t_cleanup (this runs in a subshell)
    sh "$KAM_ROOT/scripts/pg-cluster" url "$T_PG_CLUSTER" "$T_PG_PREFIX$1" ||
        { echo "Bail out! cannot create the PostgreSQL database $T_PG_PREFIX$1" >&2; exit 1; }
}
KAM_DB=$(newdb kam) || exit 1
export KAM_DB
export KAM_NO_PROGRESS=1
export KAM_TODAY=2026-06-15
export LC_ALL=C.UTF-8
T_N=0
T_FAILS=0
OUT=""
ERR=""
STATUS=0

# run ARGS...: run kam with ARGS; stdout in $OUT, stderr in $ERR, exit in $STATUS.
run() {
    "$KAM" "$@" >"$T_DIR/.out" 2>"$T_DIR/.err"
    STATUS=$?
    OUT=$(cat "$T_DIR/.out")
    ERR=$(cat "$T_DIR/.err")
}

_ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
_nok() {
    T_N=$((T_N + 1)); T_FAILS=$((T_FAILS + 1)); echo "not ok $T_N - $1"
    shift; for l in "$@"; do echo "#   $l"; done
    echo "#   stdout: $(printf '%s' "$OUT" | head -c 600)"
    echo "#   stderr: $(printf '%s' "$ERR" | head -c 600)"
}

# check NAME: a test is named after what it shows.
expect_status() { # expect_status CODE NAME
    if [ "$STATUS" -eq "$1" ]; then _ok "$2"; else _nok "$2" "exit status $STATUS, expected $1"; fi
}
expect_out() { # expect_out TEXT NAME (stdout contains TEXT)
    case "$OUT" in *"$1"*) _ok "$2" ;; *) _nok "$2" "stdout lacks: $1" ;; esac
}
expect_err() { # expect_err TEXT NAME (stderr contains TEXT)
    case "$ERR" in *"$1"*) _ok "$2" ;; *) _nok "$2" "stderr lacks: $1" ;; esac
}
expect_eq() { # expect_eq ACTUAL EXPECTED NAME
    if [ "$1" = "$2" ]; then _ok "$3"; else _nok "$3" "got '$1', expected '$2'"; fi
}
# sql QUERY: the sqlite3 CLI's answer, to check what was stored independently of kam
# (on PostgreSQL psql's, printed the same way: tests/pgsql.py).
sql() { sql_on "$KAM_DB" "$1"; }
# sql_on TARGET QUERY: the same on another database (from newdb).
sql_on() {
    case "$1" in
    postgres://* | postgresql://*) "$T_PY" "$KAM_ROOT/tests/pgsql.py" "$1" "$2" ;;
    *) sqlite3 -batch -noheader "$1" "$2" ;;
    esac
}
# dump_db TARGET: the whole database as SQL text, to compare two databases
# (sqlite3 .dump; on PostgreSQL pg_dump of the data, rows in stored order).
dump_db() {
    case "$1" in
    postgres://* | postgresql://*)
        _pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        # (\restrict lines carry a random key: not part of the data)
        "$_pgbin/pg_dump" --data-only --no-owner --no-privileges -d "$1" 2>/dev/null | grep -v '^\\\(un\)\{0,1\}restrict ' ;;
    *) sqlite3 "$1" .dump ;;
    esac
}
# skip NAME REASON: a TAP skip, for a check that cannot apply to this backend.
skip() { T_N=$((T_N + 1)); echo "ok $T_N - $1 # SKIP $2"; }
done_testing() { echo "1..$T_N"; [ "$T_FAILS" -eq 0 ]; }
