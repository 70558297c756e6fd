#!/bin/sh
# Import benchmark: `kam import kpis` of a 1,000,000-row KPI-measurement CSV
# into a demo database (`kam demo --accounts 200`: about 650 KPIs), with all
# its checks on (columns, KPI and account lookups, periods, numbers, one
# transaction, audit entries). As a reference, in the same run, the sqlite3
# command-line tool's `.mode csv` + `.import` loads the same file into a
# plain table of a new database. Each is run BENCH_RUNS times, alternately,
# on a fresh copy; the best run of each counts. Prints rows/s of both and the
# ratio kam / sqlite3 (the target is 0.5 or more).
# usage: bench/import.sh [KAM_BINARY]      (BENCH_ROWS=N, BENCH_RUNS=N to change)
set -eu
KAM=$(realpath "${1:-build/kam}")
ROWS=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-3}
# /usr/bin/time (Debian package "time") gives the peak RSS; ask bootstrap for it.
[ -x /usr/bin/time ] || KAM_BOOTSTRAP_EXTRA="time" sh "$(dirname "$0")/../scripts/bootstrap" >/dev/null 2>&1 || true
command -v sqlite3 >/dev/null || { echo "bench/import.sh: needs the sqlite3 command-line tool" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
export KAM_NO_PROGRESS=1

# measure NAME CMD...: run CMD, set WALL (seconds) and RSS (KiB, peak).
# /usr/bin/time when installed; otherwise python3's resource module.
measure() {
    name=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e %M' -o "$dir/$name.time" "$@" >"$dir/$name.out"
    else
        python3 - "$dir/$name.time" "$@" >"$dir/$name.out" <<'PY'
import resource, subprocess, sys, time
t0 = time.monotonic()
rc = subprocess.call(sys.argv[2:])
wall = time.monotonic() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write("%.2f %d\n" % (wall, rss))
sys.exit(rc)
PY
    fi
    WALL=$(cut -d' ' -f1 "$dir/$name.time" | tail -n 1)
    RSS=$(cut -d' ' -f2 "$dir/$name.time" | tail -n 1)
}

# best OLD NEW: the smaller of two times
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }

echo "a demo database (kam demo --accounts 200) and a CSV of $ROWS KPI measurements..."
"$KAM" --db "$dir/demo.db" init --name "Bench SpA" >/dev/null
"$KAM" --db "$dir/demo.db" demo --accounts 200 >/dev/null
sqlite3 "$dir/demo.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
# Every KPI of every account in turn, one month after another from 1900 on,
# skipping the 2020s (the demo's own measurements): all rows are new. Every
# third row has a target, every fiftieth a note; decimals with '.'.
sqlite3 -separator , "$dir/demo.db" \
    "SELECT a.ext_id, k.code FROM kpi k JOIN account a ON a.id = k.account_id ORDER BY k.id" >"$dir/keys.csv"
awk -F, -v rows="$ROWS" 'BEGIN { n = 0 } { acc[n] = $1; code[n] = $2; n++ }
    END { print "account,kpi,period,value,target,note"
          for (i = 0; i < rows; i++) { k = i % n; m = int(i / n); y = 1900 + int(m / 12); if (y >= 2020) y += 10
              printf "%s,%s,%04d-%02d,%.1f,%s,%s\n", acc[k], code[k], y, m % 12 + 1, (i % 977) * 1.5,
                     (i % 3 == 0 ? "100" : ""), (i % 50 == 0 ? "checked" : "") } }' "$dir/keys.csv" >"$dir/m.csv"
K=$(wc -l <"$dir/keys.csv")
printf 'file: %s rows over %s KPIs, %s MiB\n' "$ROWS" "$K" $(($(wc -c <"$dir/m.csv") / 1048576))

KAM_BEST=""
REF_BEST=""
run=1
while [ "$run" -le "$RUNS" ]; do
    rm -f "$dir/kam.db" "$dir/kam.db-wal" "$dir/kam.db-shm" "$dir/ref.db"
    cp "$dir/demo.db" "$dir/kam.db"
    measure kam "$KAM" --db "$dir/kam.db" import kpis "$dir/m.csv"
    grep -q "$ROWS rows, $ROWS added" "$dir/kam.out" || { echo "kam did not import every row:" >&2; cat "$dir/kam.out" >&2; exit 1; }
    KAM_BEST=$(best "$KAM_BEST" "$WALL")
    KAM_RSS=$RSS
    measure ref sqlite3 "$dir/ref.db" ".mode csv" ".import $dir/m.csv t"
    REF_BEST=$(best "$REF_BEST" "$WALL")
    printf 'run %s: kam %s s (peak RSS %s KiB), sqlite3 %s s\n' "$run" "$(cut -d' ' -f1 "$dir/kam.time")" "$KAM_RSS" "$WALL"
    run=$((run + 1))
done
stored=$(sqlite3 "$dir/ref.db" "SELECT count(*) FROM t")
[ "$stored" -eq "$ROWS" ] || { echo "sqlite3 stored $stored rows, not $ROWS" >&2; exit 1; }

awk -v n="$ROWS" -v a="$KAM_BEST" -v b="$REF_BEST" 'BEGIN {
    ka = a > 0 ? n / a : 0; rb = b > 0 ? n / b : 0
    printf "kam import kpis:   %.2f s, %.0f rows/s (best of runs)\n", a, ka
    printf "sqlite3 .import:   %.2f s, %.0f rows/s (best of runs)\n", b, rb
    printf "ratio kam / sqlite3 (rows/s): %.2f (target >= 0.5)\n", (rb > 0 ? ka / rb : 0) }'
