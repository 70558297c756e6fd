#!/bin/sh
# Workspace benchmark (issue "Operational level: the key account workspace"):
# on a demo database of BENCH_ACCOUNTS accounts (default 100000), signed in
# as an administrator, every section of the account workspace
# (/accounts/ID?s=SECTION) and its JSON (/api/v1/accounts/ID/workspace) is
# requested BENCH_ROUNDS times (default 30) for each of BENCH_SAMPLE key
# accounts (default 5), one request at a time. The server time of each
# request is read from kam's access log ("ms": from the request's arrival to
# its answer, as bench/web.sh's server measures it) and the median per
# section printed (target <= 15 ms), beside the reference measured in the
# same run: the generic record page of an objective of the same accounts
# (/e/objectives/ID), i.e. one plain record page, and the ratio.
# BENCH_DB=FILE reuses (or keeps) a demo database between runs.
# usage: bench/workspace.sh [KAM_BINARY]
set -eu
KAM=$(realpath "${1:-build/kam}")
N=${BENCH_ACCOUNTS:-100000}
ROUNDS=${BENCH_ROUNDS:-30}
SAMPLE=${BENCH_SAMPLE:-5}
command -v curl >/dev/null && command -v sqlite3 >/dev/null || KAM_BOOTSTRAP_EXTRA="curl sqlite3" sh "$(dirname "$0")/../scripts/bootstrap"

dir=$(mktemp -d)
cleanup() {
    [ -n "${kpid:-}" ] && kill "$kpid" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT INT TERM
export KAM_DB="${BENCH_DB:-$dir/kam.db}" KAM_NO_PROGRESS=1

if [ ! -s "$KAM_DB" ]; then
    echo "preparing a demo database of $N accounts..."
    "$KAM" init --name "Bench SpA" >/dev/null
    "$KAM" demo --accounts "$N" >/dev/null
fi
# (with BENCH_DB the user may exist from an earlier run: signing in tells)
printf 'bench-password-1\n' | "$KAM" user add bench --role admin --password-stdin >/dev/null 2>&1 || true
KPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The rendered-page cache is off: this measures rendering, not repeated views.
KAM_ACCESS_LOG=1 KAM_PAGE_CACHE_MB=0 "$KAM" serve --listen "127.0.0.1:$KPORT" >"$dir/serve.out" 2>"$dir/access.log" &
kpid=$!
sleep 1
base="http://127.0.0.1:$KPORT"
curl -s -c "$dir/jar" "$base/login" -o "$dir/login.html"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$dir/login.html" | head -1)
curl -s -b "$dir/jar" -c "$dir/jar" -o /dev/null -d "csrf=$csrf&login=bench&password=bench-password-1" "$base/login"
session=$(awk '$6 == "kam_session" {print $7}' "$dir/jar")
[ -n "$session" ] || { echo "could not sign in" >&2; exit 1; }

# key accounts spread over the table
accounts=$(sqlite3 "$KAM_DB" "SELECT id FROM account WHERE status = 'key' ORDER BY id" |
    awk -v s="$SAMPLE" '{a[NR]=$1} END {for (i = 1; i <= s && i <= NR; i++) print a[int((i - 0.5) * NR / s) + 1]}')
[ -n "$accounts" ] || { echo "no key account in the database" >&2; exit 1; }

# measure NAME URL: ROUNDS requests one after the other (after one to warm
# up); the access-log lines they wrote are remembered under NAME.
: >"$dir/blocks"
: >"$dir/codes"
measure() {
    curl -s -o /dev/null -H "Cookie: kam_session=$session" "$base$2"
    sleep 0.05
    from=$(wc -l <"$dir/access.log")
    r=0
    while [ $r -lt "$ROUNDS" ]; do
        curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: kam_session=$session" "$base$2" >>"$dir/codes"
        r=$((r + 1))
    done
    sleep 0.05
    echo "$1 $from $(wc -l <"$dir/access.log")" >>"$dir/blocks"
}
for a in $accounts; do
    for s in overview strategy solutions people management evaluation plan; do measure "$s" "/accounts/$a?s=$s"; done
    measure "json" "/api/v1/accounts/$a/workspace"
    obj=$(sqlite3 "$KAM_DB" "SELECT id FROM objective WHERE account_id = $a ORDER BY id LIMIT 1")
    [ -n "$obj" ] && measure "reference" "/e/objectives/$obj"
done
bad=$(grep -vc '^200$' "$dir/codes" || true)
kill "$kpid"
wait "$kpid" 2>/dev/null || true
kpid=

python3 - "$dir/access.log" "$dir/blocks" "$bad" "$(echo $accounts | wc -w)" "$ROUNDS" <<'PY'
import json, statistics, sys
log, blocks, bad, naccounts, rounds = sys.argv[1:6]
lines = open(log).read().splitlines()
ms = {}
for b in open(blocks):
    name, a, z = b.split()
    for line in lines[int(a):int(z)]:
        try:
            j = json.loads(line)
        except ValueError:
            continue
        if j.get("status") == 200:
            ms.setdefault(name, []).append(j["ms"])
ref = statistics.median(ms.get("reference", [float("nan")]))
print(f"{naccounts} key accounts x {rounds} requests per section, one at a time; server time from the access log")
print(f"{'':28} {'median ms':>10} {'p90 ms':>8} {'x reference':>12}")
worst = 0
for name in ["overview", "strategy", "solutions", "people", "management", "evaluation", "plan", "json", "reference"]:
    v = sorted(ms.get(name, []))
    if not v:
        continue
    med = statistics.median(v)
    p90 = v[int(0.9 * (len(v) - 1))]
    if name not in ("reference",):
        worst = max(worst, med)
    label = {"json": "JSON /api/v1/.../workspace", "reference": "reference: /e/objectives/ID"}.get(name, f"section {name}")
    print(f"{label:28} {med:10.2f} {p90:8.2f} {med / ref:12.1f}")
print(f"slowest section median: {worst:.2f} ms (target <= 15 ms); non-200 answers: {bad}")
PY
