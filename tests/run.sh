#!/bin/sh
# Run every test against one or more build directories and count the TAP
# results. Unit tests are the cmocka executables meson built into
# BUILD/tests; CLI tests are tests/cli/*.sh, run with $KAM pointing at
# BUILD/kam. Each prints TAP lines ("ok N - …" / "not ok N - …").
# Last line: "N passed, N failed"; exit status 1 when anything failed.
#
# usage: tests/run.sh [--pg] BUILD... [--sqlite] [--pg BUILD...]
# The builds named after --pg (or all of them when KAM_TEST_PG=1) run every
# test against PostgreSQL instead of SQLite: one private cluster is started
# for the whole run (scripts/pg-cluster, which installs PostgreSQL when it is
# missing) and stopped at the end; KAM_TEST_PG_DIR tells the tests where it
# is, and each test makes its own databases in it (tests/cli/lib.sh,
# tests/web/kamtest.py, tests/e2e/lib.mjs, tests/unit/testutil.c). On SQLite
# the same cluster is offered as KAM_TEST_PG_CLUSTER to the tests that use
# PostgreSQL on either backend (t_pg.sh, t_scaleout.py), so they need not
# start one each; without it they start their own, or skip.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
log=$(mktemp)
pg_dir=""
pg_failed=""
cleanup() {
    rm -f "$log"
    if [ -n "$pg_dir" ]; then
        sh "$root/scripts/pg-cluster" stop "$pg_dir" >/dev/null 2>&1
        rm -rf "$pg_dir"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_one LABEL CMD...: runs a test program, tallies its TAP lines, and prints
# the failing ones (with the program's own output) so a failure is readable.
run_one() {
    label=$1; shift
    "$@" >"$log" 2>&1
    status=$?
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1  # crashed or exited early without reporting a failure
        echo "not ok - $label exited with status $status" >>"$log"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ]; then
        printf '%-46s %4d passed %4d FAILED\n' "$label" "$p" "$f"
        sed 's/^/    /' "$log" | tail -n 60
    else
        printf '%-46s %4d passed\n' "$label" "$p"
    fi
}

# pg_start [required]: start the run's private PostgreSQL once; false when
# it cannot run here (a failure counted when required).
pg_start() {
    [ -n "$pg_dir" ] && return 0
    if [ -z "$pg_failed" ]; then
        # Not under a 0700 directory: as root the cluster belongs to "postgres".
        pg_dir=$(mktemp -d /tmp/kam-pg.XXXXXX)
        sh "$root/scripts/pg-cluster" start "$pg_dir" >"$log" 2>&1 && return 0
        pg_failed=$(tail -n 20 "$log")
        [ -n "$pg_failed" ] || pg_failed="scripts/pg-cluster start failed"
        rm -rf "$pg_dir"
        pg_dir=""
    fi
    [ -n "${1:-}" ] || return 1
    printf '%-46s %4d passed %4d FAILED\n' "postgresql/start" 0 1
    printf '%s\nnot ok - PostgreSQL: the private cluster did not start\n' "$pg_failed" | sed 's/^/    /'
    failed=$((failed + 1))
    return 1
}

backend=sqlite
[ "${KAM_TEST_PG:-}" = 1 ] && backend=postgresql
for build in "$@"; do
    case "$build" in
    --pg) backend=postgresql; continue ;;
    --sqlite) backend=sqlite; continue ;;
    esac
    build=$(cd "$build" && pwd)
    if [ "$backend" = postgresql ]; then
        pg_start required || continue
        export KAM_TEST_PG_DIR="$pg_dir" KAM_ROOT="$root"
        echo "== $build on PostgreSQL"
    else
        unset KAM_TEST_PG_DIR KAM_TEST_PG_CLUSTER
        pg_start && export KAM_TEST_PG_CLUSTER="$pg_dir"
        echo "== $build"
    fi
    export CMOCKA_MESSAGE_OUTPUT=TAP
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
    # Unit tests, then the fuzz targets replaying their corpus (tests/fuzz).
    for t in "$build"/tests/test_* "$build"/tests/fuzz/test_fuzz_*; do
        [ -f "$t" ] && [ -x "$t" ] || continue
        run_one "unit/$(basename "$t")" "$t"
    done
    for t in "$root"/tests/cli/t_*.sh; do
        [ -f "$t" ] || continue
        run_one "cli/$(basename "$t" .sh)" env KAM="$build/kam" KAM_ROOT="$root" sh "$t"
    done
    for t in "$root"/tests/web/t_*.py; do
        [ -f "$t" ] || continue
        run_one "web/$(basename "$t" .py)" env KAM="$build/kam" KAM_ROOT="$root" python3 "$t"
    done
    # Browser tests: playwright-core driving Debian's chromium, axe-core and
    # html-validate on every page (tests/e2e). Only where node and chromium
    # are installed; the npm packages come from tests/e2e/package-lock.json.
    # A sanitizer build serves the same pages as the normal one, and every
    # server path the browser uses is also driven by the HTTP tests above
    # under ASan+UBSan: the browser pass is not repeated there, which keeps
    # `make test` well inside its time budget.
    if grep -q '"name": "b_sanitize", "value": "address' "$build/meson-info/intro-buildoptions.json" 2>/dev/null; then
        echo "e2e: not repeated on the sanitizer build (the HTTP tests above cover its server paths)"
    elif command -v node >/dev/null 2>&1 && [ -x /usr/bin/chromium ]; then
        [ -d "$root/tests/e2e/node_modules" ] ||
            run_one "e2e/npm ci" npm ci --prefix "$root/tests/e2e" --no-audit --no-fund
        run_one "e2e/run" env KAM="$build/kam" KAM_ROOT="$root" node "$root/tests/e2e/run.mjs"
    else
        echo "e2e: skipped (needs node and /usr/bin/chromium: sh scripts/bootstrap)"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
