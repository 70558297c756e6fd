#!/bin/sh
# Web benchmark (issue "Web platform"): on a demo database of BENCH_ACCOUNTS
# accounts (default 100000), signed in, `wrk -c 64 -d 20s` against one
# account's page, beside nginx serving the same bytes as a static file in the
# same run. Prints requests/s, the ratio kam/nginx (target >= 0.5), p99
# latency (target <= 25 ms) and the server's peak RSS (target <= 64 MB).
# Then slowhttptest (slow headers, then slow body) runs against kam while
# wrk measures again: other clients must keep being served.
# kam serves repeated views of an unchanged page from its rendered-page cache
# (setting page-cache-mb, default 16; src/web/page_cache.c) with a fresh CSP
# nonce each time; the script prints whether the cache is on and its hits.
# BENCH_PAGE_CACHE_MB=0 measures rendering every time instead.
# usage: bench/web.sh [KAM_BINARY]
set -eu
KAM=$(realpath "${1:-build/kam}")
N=${BENCH_ACCOUNTS:-100000}
DUR=${BENCH_SECONDS:-20}
KAM_BOOTSTRAP_EXTRA="wrk nginx-light slowhttptest curl" sh "$(dirname "$0")/../scripts/bootstrap"

dir=$(mktemp -d)
cleanup() {
    [ -n "${kpid:-}" ] && kill "$kpid" 2>/dev/null
    [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT INT TERM
export KAM_DB="$dir/kam.db" KAM_NO_PROGRESS=1

echo "preparing a demo database of $N accounts..."
"$KAM" init --name "Bench SpA" >/dev/null
"$KAM" demo --accounts "$N" >/dev/null
printf 'bench-password-1\n' | "$KAM" user add bench --role admin --password-stdin >/dev/null
port_free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
KPORT=$(port_free)
NPORT=$(port_free)
# Every client here comes from 127.0.0.1, so the per-address limit is raised
# for the run; the total connection limit and the timeouts stay as shipped.
KAM_ACCESS_LOG=0 KAM_MAX_CONN_PER_IP=2000 KAM_PAGE_CACHE_MB=${BENCH_PAGE_CACHE_MB:-16} "$KAM" serve --listen "127.0.0.1:$KPORT" >"$dir/serve.out" 2>"$dir/serve.err" &
kpid=$!
sleep 1
base="http://127.0.0.1:$KPORT"
curl -s -c "$dir/jar" "$base/login" -o "$dir/login.html"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$dir/login.html" | head -1)
curl -s -b "$dir/jar" -c "$dir/jar" -o /dev/null -d "csrf=$csrf&login=bench&password=bench-password-1" "$base/login"
session=$(awk '$6 == "kam_session" {print $7}' "$dir/jar")
[ -n "$session" ] || { echo "could not sign in" >&2; exit 1; }
ACCOUNT=$(sqlite3 "$KAM_DB" "SELECT id FROM account WHERE status = 'key' ORDER BY id LIMIT 1 OFFSET 7")
page="/accounts/$ACCOUNT"
curl -s -H "Cookie: kam_session=$session" "$base$page" -o "$dir/page.html"
bytes=$(wc -c <"$dir/page.html")

mkdir -p "$dir/www"
cp "$dir/page.html" "$dir/www/page.html"
cat >"$dir/nginx.conf" <<NGX
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx.err;
daemon on;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
    server { listen 127.0.0.1:$NPORT; root $dir/www; default_type text/html; }
}
NGX
nginx -c "$dir/nginx.conf"
sleep 0.5

# run_wrk URL [HEADER]: prints "requests/s p99_ms"
run_wrk() {
    if [ $# -gt 1 ]; then out=$(wrk -t 2 -c 64 -d "${DUR}s" --latency -H "$2" "$1"); else out=$(wrk -t 2 -c 64 -d "${DUR}s" --latency "$1"); fi
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    errs=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    echo "$rps ${p99:-?} ${errs:-0}"
}

echo "page $page: $bytes bytes; wrk -c 64 -d ${DUR}s on $(nproc) cores"
set -- $(run_wrk "$base$page" "Cookie: kam_session=$session"); k_rps=$1; k_p99=$2; k_err=$3
set -- $(run_wrk "http://127.0.0.1:$NPORT/page.html"); n_rps=$1; n_p99=$2
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status)
ratio=$(awk "BEGIN {printf \"%.2f\", $k_rps / $n_rps}")
printf '%-26s %12s %10s\n' "" "requests/s" "p99 ms"
printf '%-26s %12s %10s\n' "kam (account page)" "$k_rps" "$k_p99"
printf '%-26s %12s %10s\n' "nginx (same bytes)" "$n_rps" "$n_p99"
echo "ratio kam/nginx: $ratio (target >= 0.5); p99 $k_p99 ms (target <= 25); non-2xx: $k_err"
echo "kam peak RSS: $((rss_kb / 1024)) MB (target <= 64)"
cache=$(sed -n 's/.*page cache \([^)]*\)).*/\1/p' "$dir/serve.out")
hits=$(curl -s "$base/metrics" | awk '/^kam_page_cache_requests_total/ {split($1, a, "\""); printf "%s %s ", a[2], $2}')
echo "page cache: ${cache:-?}; lookups: ${hits:-none}"

for mode in H B; do
    name=$([ $mode = H ] && echo "slow headers" || echo "slow body")
    slowhttptest -$mode -c 400 -i 10 -r 100 -l $((DUR + 10)) -u "$base/login" -t POST -x 24 -p 3 >"$dir/slow.$mode" 2>&1 &
    spid=$!
    sleep 3
    set -- $(run_wrk "$base$page" "Cookie: kam_session=$session"); s_rps=$1; s_p99=$2
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
    echo "during slowhttptest ($name, 400 connections): kam $s_rps requests/s, p99 $s_p99 ms"
done
