# Shared helpers for CLI tests (sourced). Each test file is a TAP producer:
#   . "$KAM_ROOT/tests/cli/lib.sh"
#   run kam account list; expect_status 0; expect_out "Acme"
# Every test gets its own temporary directory (cwd) and database, removed at exit.
set -u
: "${KAM:?set KAM to the kam binary}"
: "${KAM_ROOT:?set KAM_ROOT to the source tree}"
T_DIR=$(mktemp -d)
trap 'rm -rf "$T_DIR"' EXIT
cd "$T_DIR" || exit 1
export KAM_DB="$T_DIR/kam.db"
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
# sql QUERY: the sqlite3 CLI's answer, to check what was stored independently of kam.
sql() { sqlite3 -batch -noheader "$KAM_DB" "$1"; }
done_testing() { echo "1..$T_N"; [ "$T_FAILS" -eq 0 ]; }
