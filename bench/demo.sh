#!/bin/sh
# Demo benchmark: `kam demo --accounts N` (default 100000) on a fresh
# database; prints its wall time and peak RSS. As a reference, in the same
# run, the sqlite3 command-line tool writes the same number of rows into the
# same schema (a kam-initialised file: same tables, indexes, CHECKs, WAL,
# foreign keys on) with recursive CTEs - accounts, KPIs and monthly
# measurements - and the ratio kam / sqlite3 is printed.
# usage: bench/demo.sh [KAM_BINARY]      (BENCH_ACCOUNTS=N to change N)
set -eu
KAM=$(realpath "${1:-build/kam}")
N=${BENCH_ACCOUNTS:-100000}
# /usr/bin/time (Debian package "time") gives the peak RSS; ask bootstrap for it.
[ -x /usr/bin/time ] || KAM_BOOTSTRAP_EXTRA="time" sh "$(dirname "$0")/../scripts/bootstrap" >/dev/null 2>&1 || true
command -v sqlite3 >/dev/null || { echo "bench/demo.sh: needs the sqlite3 command-line tool" >&2; exit 1; }
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

# rows DB: the number of rows in all tables.
rows() {
    q=$(sqlite3 "$1" "SELECT group_concat('(SELECT count(*) FROM \"' || name || '\")', '+') FROM sqlite_master
                      WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    sqlite3 "$1" "SELECT $q"
}

echo "kam demo --accounts $N on a fresh database..."
"$KAM" --db "$dir/kam.db" init --name "Bench SpA" >/dev/null
before=$(rows "$dir/kam.db")
measure kam "$KAM" --db "$dir/kam.db" demo --accounts "$N"
KAM_WALL=$WALL
KAM_RSS=$RSS
total=$(rows "$dir/kam.db")
R=$((total - before))
K=$(sqlite3 "$dir/kam.db" "SELECT count(*) FROM kpi")
M=$((R - N - K))
size=$(du -k "$dir/kam.db" | cut -f1)
printf 'kam:     %s s wall, peak RSS %s KiB, %s rows written, database %s MiB\n' "$KAM_WALL" "$KAM_RSS" "$R" $((size / 1024))
printf '         %s\n' "$(grep -E 'accounts  |KPIs' "$dir/kam.out" | tr -s ' ' | tr '\n' ';')"

echo "sqlite3 reference: the same $R rows ($N accounts, $K KPIs, $M measurements) into the same schema..."
"$KAM" --db "$dir/ref.db" init --name "Bench SpA" >/dev/null
cat >"$dir/ref.sql" <<SQL
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
BEGIN IMMEDIATE;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < $N)
INSERT INTO account (id, ext_id, name, legal_name, industry, country, city, status, revenue, margin, potential,
                     created_at, updated_at)
SELECT x, printf('CRM-%06d', x), printf('Customer %d', x), printf('Customer %d S.p.A.', x), 'Packaging machinery', 'IT',
       'Bologna', 'other', x * 10.0, x * 2.0, x * 20.0, 1, 1 FROM n;
WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < $K - 1)
INSERT INTO kpi (id, account_id, code, name, unit, direction, target, source, shared, created_at, updated_at)
SELECT x + 1, x % $N + 1, printf('k%d', x / $N), 'Revenue against plan', 'kEUR', 'higher', 100.0, 'ERP', 1, 1, 1 FROM n;
WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < $M - 1)
INSERT INTO kpi_measurement (kpi_id, period, value, target, recorded_on, note, created_at, updated_at)
SELECT x % $K + 1, printf('%04d-%02d', 2000 + (x / $K) / 12, (x / $K) % 12 + 1), (x % 977) * 1.5, NULL, '2026-06-05',
       '', 1, 1 FROM n;
COMMIT;
SQL
measure ref sqlite3 "$dir/ref.db" ".read $dir/ref.sql"
REF_WALL=$WALL
REF_RSS=$RSS
printf 'sqlite3: %s s wall, peak RSS %s KiB, %s rows written\n' "$REF_WALL" "$REF_RSS" "$(($(rows "$dir/ref.db") - before))"
awk -v a="$KAM_WALL" -v b="$REF_WALL" 'BEGIN { printf "ratio kam / sqlite3 (wall time): %.2f\n", (b > 0 ? a / b : 0) }'
