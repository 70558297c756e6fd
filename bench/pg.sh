#!/bin/sh
# Scale-out benchmark (issue "Scale-out"): the signed-in account page
# (/accounts/ID) under `wrk -c 64`, served by
#   - one `kam serve` on SQLite, and
#   - two `kam serve` processes on one PostgreSQL database behind nginx,
# on the same machine, in the same run, over the same data (a demo company
# of BENCH_ACCOUNTS accounts, default 10000, made on SQLite and copied to
# PostgreSQL with `kam db copy`). Prints requests/s and p99 of both and the
# ratio. Then wrk loads the PostgreSQL pair again while PostgreSQL restarts
# (pg_ctl restart -m fast), and the requests that failed are counted.
# PostgreSQL runs in a private cluster (scripts/pg-cluster), nginx as this
# user with a temporary configuration on a free loopback port.
# usage: bench/pg.sh [KAM_BINARY]     (BENCH_SECONDS=N per wrk run, default 20)
set -eu
KAM=$(realpath "${1:-build/kam}")
N=${BENCH_ACCOUNTS:-10000}
DUR=${BENCH_SECONDS:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KAM_BOOTSTRAP_EXTRA="wrk nginx-light curl postgresql" sh "$ROOT/scripts/bootstrap"

dir=$(mktemp -d)
pgdir=$(mktemp -d /tmp/kam-pgbench.XXXXXX) # reachable by the postgres user when run as root
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null || true; done
    [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null
    sh "$ROOT/scripts/pg-cluster" stop "$pgdir" >/dev/null 2>&1 || true
    rm -rf "$dir" "$pgdir"
}
trap cleanup EXIT INT TERM
export KAM_NO_PROGRESS=1 KAM_ACCESS_LOG=0 KAM_MAX_CONN_PER_IP=2000
SQ="$dir/kam.db"

echo "preparing a demo database of $N accounts (SQLite, then copied to PostgreSQL)..."
"$KAM" --db "$SQ" init --name "Bench SpA" >/dev/null
"$KAM" --db "$SQ" demo --accounts "$N" >/dev/null
printf 'bench-password-1\n' | "$KAM" --db "$SQ" user add bench --role admin --password-stdin >/dev/null
# Durable like kam's SQLite (WAL, synchronous=NORMAL): every commit reaches
# the log file, the last ones may be lost in a power cut but never half.
export PG_SETTINGS="-c fsync=on -c synchronous_commit=off"
PG=$(sh "$ROOT/scripts/pg-cluster" start "$pgdir" bench)
t0=$(date +%s)
"$KAM" db copy --from "$SQ" --to "$PG" >/dev/null
echo "kam db copy to PostgreSQL: $(($(date +%s) - t0)) s"
ACCOUNT=$(sqlite3 "$SQ" "SELECT id FROM account WHERE status = 'key' ORDER BY id LIMIT 1 OFFSET 7")
page="/accounts/$ACCOUNT"

port_free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# serve DB PORT: start kam serve in the background. The rendered-page cache
# (SQLite only) is off on both sides: this compares rendering the page.
serve() {
    KAM_PAGE_CACHE_MB=0 "$KAM" --db "$1" serve --listen "127.0.0.1:$2" >"$dir/serve.$2.out" 2>"$dir/serve.$2.err" &
    pids="$pids $!"
}
SPORT=$(port_free)
P1=$(port_free)
P2=$(port_free)
NPORT=$(port_free)
serve "$SQ" "$SPORT"
serve "$PG" "$P1"
serve "$PG" "$P2"
cat >"$dir/nginx.conf" <<NGX
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx.err;
daemon on;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
    upstream kam { server 127.0.0.1:$P1; server 127.0.0.1:$P2; keepalive 64; }
    server {
        listen 127.0.0.1:$NPORT;
        location / {
            proxy_pass http://kam;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
NGX
nginx -c "$dir/nginx.conf"
sleep 1

# signin BASE: a session cookie value for the bench user.
signin() {
    curl -s -c "$dir/jar" "$1/login" -o "$dir/login.html"
    csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$dir/login.html" | head -1)
    curl -s -b "$dir/jar" -c "$dir/jar" -o /dev/null -d "csrf=$csrf&login=bench&password=bench-password-1" "$1/login"
    awk '$6 == "kam_session" {print $7}' "$dir/jar"
}
s_sq=$(signin "http://127.0.0.1:$SPORT")
s_pg=$(signin "http://127.0.0.1:$NPORT")
[ -n "$s_sq" ] && [ -n "$s_pg" ] || { echo "could not sign in" >&2; exit 1; }
b1=$(curl -s -H "Cookie: kam_session=$s_sq" "http://127.0.0.1:$SPORT$page" | wc -c)
b2=$(curl -s -H "Cookie: kam_session=$s_pg" "http://127.0.0.1:$NPORT$page" | wc -c)

# run_wrk URL COOKIE SECONDS [TIMEOUT]: prints "requests/s p99_ms non2xx socket_errors requests"
# (wrk's own timeout, default 2 s, counts a slow answer as a socket error)
run_wrk() {
    out=$(wrk -t 2 -c 64 -d "${3}s" --timeout "${4:-2}s" --latency -H "Cookie: kam_session=$2" "$1")
    echo "$out" >"$dir/wrk.last"
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    sockerr=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}')
    total=$(echo "$out" | awk '/requests in/ {print $1}')
    echo "$rps ${p99:-?} ${non2xx:-0} ${sockerr:-0} ${total:-0}"
}

echo "page $page: $b1 bytes (SQLite), $b2 bytes (PostgreSQL); wrk -t 2 -c 64 -d ${DUR}s on $(nproc) cores"
set -- $(run_wrk "http://127.0.0.1:$SPORT$page" "$s_sq" "$DUR"); sq_rps=$1; sq_p99=$2; sq_err=$(($3 + $4))
set -- $(run_wrk "http://127.0.0.1:$NPORT$page" "$s_pg" "$DUR"); pg_rps=$1; pg_p99=$2; pg_err=$(($3 + $4))
printf '%-44s %12s %10s %8s\n' "" "requests/s" "p99 ms" "errors"
printf '%-44s %12s %10s %8s\n' "1 kam serve, SQLite" "$sq_rps" "$sq_p99" "$sq_err"
printf '%-44s %12s %10s %8s\n' "2 kam serve, PostgreSQL, behind nginx" "$pg_rps" "$pg_p99" "$pg_err"
echo "ratio PostgreSQL pair / SQLite: $(awk "BEGIN {printf \"%.2f\", $pg_rps / $sq_rps}")"

# PostgreSQL restarted under load: wrk for DUR seconds (answers waited for up
# to 10 s: a request held while PostgreSQL comes back is slow, not failed),
# the restart after a third.
(sleep $((DUR / 3)); t0=$(date +%s%N); sh "$ROOT/scripts/pg-cluster" restart "$pgdir" >/dev/null
 echo $((($(date +%s%N) - t0) / 1000000)) >"$dir/restart.ms") &
rpid=$!
set -- $(run_wrk "http://127.0.0.1:$NPORT$page" "$s_pg" "$DUR" 10); r_rps=$1; r_p99=$2; r_non2xx=$3; r_sock=$4; r_total=$5
wait "$rpid"
h1=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P1/healthz")
h2=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P2/healthz")
detail=$(awk '/Socket errors/ {sub(/^ */, ""); print " (" $0 ")"}' "$dir/wrk.last")
echo "PostgreSQL restarted under load (restart took $(cat "$dir/restart.ms") ms): $r_total requests in ${DUR}s" \
    "($r_rps/s, p99 $r_p99 ms); failed: $r_non2xx non-2xx, $r_sock socket errors$detail;" \
    "afterwards /healthz $h1 and $h2, kam not restarted"
