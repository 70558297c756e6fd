"""Scale-out: two `kam serve` processes on one PostgreSQL database, behind
nginx, behave as one server. Sessions, CSRF tokens, sign-out and sign-in
rate limits are shared through the database; the same record edited through
both processes at once gives exactly one winner and one conflict (409, or 412
with If-Match), and nothing is lost. Then PostgreSQL is restarted while
clients load the app: both processes recover by themselves, the only
failures are clear 503s of requests in flight during the restart, and none
of them left partial data.

Uses the cluster of tests/run.sh (KAM_TEST_PG_DIR or KAM_TEST_PG_CLUSTER),
else starts a private one (scripts/pg-cluster); skipped (TAP SKIP) only when
PostgreSQL or nginx cannot be had here."""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import kamtest
from kamtest import Kam, Client, ok, done, skip

# Load while PostgreSQL restarts: client threads, and how long they run
# before, and after, the restart.
LOAD_THREADS = 6
LOAD_BEFORE_S = 2.0
LOAD_AFTER_S = 3.0
# Rounds of simultaneous edits of one record through both processes.
EDIT_ROUNDS = 8
# A request counts as "in flight during the restart" when it overlaps the
# restart, with this margin for the time a worker needs to notice it.
RESTART_MARGIN_S = 0.5
# Before the restart, new accounts are held up this long (a table lock taken
# with psql), so that some write transactions are surely in flight when
# PostgreSQL goes down.
HOLD_WRITES_S = 0.7

cluster_dir = None  # a private cluster this test started (else the run's)


def start_cluster():
    """The cluster to use: the run's, or a private one. None: no PostgreSQL."""
    global cluster_dir
    if kamtest.PG_CLUSTER:
        kamtest.PG_DIR = kamtest.PG_CLUSTER  # kamtest.newdb() makes databases in it
        return kamtest.PG_CLUSTER
    cluster_dir = tempfile.mkdtemp(prefix="kam-pg-", dir="/tmp")  # reachable by the postgres user
    p = subprocess.run(["sh", os.path.join(kamtest.ROOT, "scripts", "pg-cluster"), "start", cluster_dir],
                       capture_output=True, text=True)
    if p.returncode == 3:
        return None
    if p.returncode != 0:
        raise RuntimeError("pg-cluster start failed: " + p.stderr)
    kamtest.PG_DIR = cluster_dir  # kamtest.newdb() makes databases in it
    return cluster_dir


def stop_cluster():
    if cluster_dir:
        subprocess.run(["sh", os.path.join(kamtest.ROOT, "scripts", "pg-cluster"), "stop", cluster_dir],
                       capture_output=True)
        shutil.rmtree(cluster_dir, ignore_errors=True)


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Nginx:
    """nginx as a load balancer in front of the given ports, run by this
    user, configured in a temporary directory, on a free loopback port."""

    def __init__(self, binary, upstream_ports):
        self.dir = tempfile.mkdtemp(prefix="kam-nginx-")
        self.port = free_port()
        servers = "".join(f"server 127.0.0.1:{p}; " for p in upstream_ports)
        d = self.dir
        conf = f"""
worker_processes 1;
daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
    upstream kam {{ {servers} keepalive 16; }}
    server {{
        listen 127.0.0.1:{self.port};
        location / {{
            proxy_pass http://kam;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""
        with open(os.path.join(d, "nginx.conf"), "w") as f:
            f.write(conf)
        self.log = open(os.path.join(d, "stderr"), "w")
        self.proc = subprocess.Popen([binary, "-p", d, "-c", os.path.join(d, "nginx.conf")],
                                     stdout=self.log, stderr=self.log)
        for _ in range(100):  # until it answers
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                c.getresponse().read()
                c.close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError("nginx did not start: " + open(os.path.join(d, "error.log")).read()
                           if os.path.exists(os.path.join(d, "error.log")) else "nginx did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def api(port, method, path, token, body=None, headers=None):
    """One API request; (status, parsed JSON or text, headers)."""
    h = {"Authorization": "Bearer " + token}
    h.update(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    text = r.read().decode("utf-8", "replace")
    c.close()
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = text
    return r.status, parsed, dict(r.getheaders())


def at_once(*calls):
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, fn):
        barrier.wait()
        results[i] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def metric(port, route, status):
    """kam_http_requests_total of one process for GET route and status."""
    c = Client(port)
    text = c.get("/metrics").text
    m = re.search(r'kam_http_requests_total\{method="GET",route="%s",status="%d"\} (\d+)'
                  % (re.escape(route), status), text)
    return int(m.group(1)) if m else 0


class Load:
    """Client threads through nginx, each with a keep-alive connection:
    the account page (signed in), the account through the API, and new
    accounts created through the API. Every request is recorded with its
    start and end time and its outcome."""

    def __init__(self, port, token, session):
        self.port, self.token, self.session = port, token, session
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.results = []  # (start, end, kind, status or exception text, name or None)
        self.threads = [threading.Thread(target=self.worker, args=(i,)) for i in range(LOAD_THREADS)]

    def start(self):
        for t in self.threads:
            t.start()

    def join(self):
        self.stop.set()
        for t in self.threads:
            t.join()

    def worker(self, tid):
        conn = None
        n = 0
        while not self.stop.is_set():
            n += 1
            kind = ("page", "api", "create")[n % 3]
            name = None
            if kind == "page":
                method, path, body = "GET", "/accounts/1", None
                headers = {"Cookie": "kam_session=" + self.session}
            elif kind == "api":
                method, path, body = "GET", "/api/v1/accounts/1", None
                headers = {"Authorization": "Bearer " + self.token}
            else:
                name = f"load-{tid}-{n}"
                method, path = "POST", "/api/v1/accounts"
                body = json.dumps({"name": name, "city": "Load"}).encode()
                headers = {"Authorization": "Bearer " + self.token, "Content-Type": "application/json"}
            t0 = time.monotonic()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request(method, path, body=body, headers=headers)
                r = conn.getresponse()
                text = r.read()
                outcome = r.status
                if r.status >= 500:
                    outcome = (r.status, text[:200].decode("utf-8", "replace"))
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                outcome = "error: " + repr(e)
                if conn:
                    conn.close()
                conn = None
            with self.lock:
                self.results.append((t0, time.monotonic(), kind, outcome, name))
        if conn:
            conn.close()


def main():
    pg_dir = start_cluster()
    if not pg_dir:
        skip("two kam serve processes on one PostgreSQL", "PostgreSQL is not installed and cannot be installed here")
        return
    nginx_bin = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not nginx_bin:
        skip("two kam serve processes behind nginx", "nginx is not installed (scripts/bootstrap installs nginx-light)")
        return

    k1 = Kam()
    k2 = Kam(db=k1.db)
    nginx = None
    try:
        k1.cli("init", "--name", "Scale-out SpA")
        k1.cli("account", "add", "--name", "Acme SpA", "--city", "Torino")  # 1
        k1.user("admin", "admin")
        k1.user("otto", "kam")
        token = k1.cli("token", "create", "admin", "--name", "scaleout").stdout.strip()
        k1.start()
        k2.start()
        ok(k1.port != k2.port and k1.db == k2.db and k1.db.startswith("postgresql://"),
           "two kam serve processes run on one PostgreSQL database", (k1.port, k2.port, k1.db))
        nginx = Nginx(nginx_bin, [k1.port, k2.port])
        lb = nginx.port

        # ---- sessions and CSRF tokens are shared
        c1 = Client(k1.port)
        r = c1.login("admin")
        ok(r.status == 303 and "kam_session" in c1.cookies, "sign-in on the first process", r.status)
        c2 = Client(k2.port)
        c2.cookies = dict(c1.cookies)
        r = c2.get("/accounts")
        ok(r.status == 200 and "Acme SpA" in r.text, "the session is valid on the second process", r.status)
        c2.get("/accounts/1")  # the form carries the session's CSRF token
        ok(c2.csrf == c1.csrf, "both processes give the session the same CSRF token")
        r = c2.post("/accounts/1", {"name": "Acme Group", "version": "1"})
        ok(r.status == 303, "a form signed with that token is accepted by the second process", r.status)
        st, body, _ = api(k1.port, "GET", "/api/v1/accounts/1", token)
        ok(st == 200 and body["name"] == "Acme Group" and body["version"] == 2,
           "the first process reads the change made through the second", body)
        r = c2.post("/logout", {})
        ok(r.status == 303, "sign-out on the second process", r.status)
        r = c1.get("/accounts")
        ok(r.status == 303 and "/login" in (r.header("Location") or ""),
           "the session has ended on the first process too", r.status)

        # ---- sign-in rate limits are shared
        statuses = [Client(k1.port if i % 2 == 0 else k2.port).login("otto", "wrong-password!").status
                    for i in range(5)]
        r = Client(k1.port).login("otto")
        ok(statuses == [401] * 5 and r.status == 429 and r.header("Retry-After"),
           "failed sign-ins spread over both processes add up to one lock", (statuses, r.status))
        k1.cli("user", "add", "olga", "--role", "kam", "--password-stdin", stdin="correct horse battery\n")
        attempts = at_once(*[(lambda p=p: Client(p).login("olga", "wrong-password!").status)
                             for p in (k1.port, k2.port, k1.port, k2.port)])
        failures = k1.sql("SELECT failures FROM login_throttle WHERE throttle_key = 'login:olga'")
        ok(failures and failures[0][0] == attempts.count(401) and attempts.count(401) >= 1,
           "simultaneous failed sign-ins on both processes are all counted", (attempts, failures))

        # ---- the load balancer spreads the requests, every one answered
        before = [metric(p, "/accounts/:id", 200) for p in (k1.port, k2.port)]
        cl = Client(lb)
        cl.login("admin")
        got = [cl.get("/accounts/1").status for _ in range(20)]
        after = [metric(p, "/accounts/:id", 200) for p in (k1.port, k2.port)]
        served = [a - b for a, b in zip(after, before)]
        ok(got == [200] * 20 and all(s > 0 for s in served) and sum(served) == 20,
           "through nginx both processes serve the signed-in account page", (got, served))

        # ---- the same record edited through both processes at once
        wins = 0
        outcomes = []
        for i in range(EDIT_ROUNDS):
            st, cur, hdr = api(lb, "GET", "/api/v1/accounts/1", token)
            etag = hdr.get("ETag")
            res = at_once(
                lambda: api(k1.port, "PATCH", "/api/v1/accounts/1", token, {"city": f"A{i}"}, {"If-Match": etag}),
                lambda: api(k2.port, "PATCH", "/api/v1/accounts/1", token, {"city": f"B{i}"}, {"If-Match": etag}))
            codes = [x[0] for x in res]
            winner = [("A" if j == 0 else "B") + str(i) for j, x in enumerate(res) if x[0] == 200]
            st, now, _ = api(lb, "GET", "/api/v1/accounts/1", token)
            good = sorted(codes) == [200, 412] and now["city"] == winner[0] and now["version"] == cur["version"] + 1
            outcomes.append((codes, now.get("city"), now.get("version"), cur["version"]))
            wins += codes.count(200)
            if not good:
                break
        ok(len(outcomes) == EDIT_ROUNDS and all(sorted(o[0]) == [200, 412] for o in outcomes),
           f"{EDIT_ROUNDS} rounds of simultaneous API edits (If-Match): each time one 200 and one 412", outcomes)
        ok(all(o[2] == o[3] + 1 for o in outcomes), "the winner's edit is stored, exactly one version later", outcomes)
        res = at_once(
            lambda: api(k1.port, "PATCH", "/api/v1/accounts/1", token, {"version": outcomes[-1][2], "industry": "A"}),
            lambda: api(k2.port, "PATCH", "/api/v1/accounts/1", token, {"version": outcomes[-1][2], "industry": "B"}))
        codes = sorted(x[0] for x in res)
        loser = [x for x in res if x[0] == 409]
        ok(codes == [200, 409] and "changed by someone else" in json.dumps(loser[0][1]),
           "with the version in the body: one 200 and one 409 that says why", res)
        wins += 1
        fa, fb = Client(k1.port), Client(k2.port)
        fa.login("admin")
        fb.login("admin")
        version = api(lb, "GET", "/api/v1/accounts/1", token)[1]["version"]
        fa.get("/accounts/1")
        fb.get("/accounts/1")
        res = at_once(lambda: fa.post("/accounts/1", {"name": "Acme by form A", "version": str(version)}),
                      lambda: fb.post("/accounts/1", {"name": "Acme by form B", "version": str(version)}))
        codes = sorted(x.status for x in res)
        lost = [x for x in res if x.status == 409]
        ok(codes == [303, 409] and lost and "changed by someone else" in lost[0].text and "Acme by form" in lost[0].text,
           "the same through the web forms: one saved, one conflict that keeps what was typed", codes)
        wins += 1
        audits = k1.sql("SELECT count(*) FROM audit_log WHERE entity = 'account' AND entity_id = 1 AND action = 'update'")
        ok(audits[0][0] == wins + 1, "the audit log holds every saved edit and nothing else",
           (audits, wins + 1))  # + the first form edit above
        res = at_once(lambda: api(k1.port, "POST", "/api/v1/accounts", token, {"name": "Twin A", "ext_id": "TWIN"}),
                      lambda: api(k2.port, "POST", "/api/v1/accounts", token, {"name": "Twin B", "ext_id": "TWIN"}))
        codes = sorted(x[0] for x in res)
        dup = [x for x in res if x[0] == 409]
        rows = k1.sql("SELECT count(*) FROM account WHERE ext_id = 'TWIN'")
        ok(codes == [201, 409] and rows[0][0] == 1 and "already exists" in json.dumps(dup[0][1]),
           "the same new unique value through both at once: one created, one conflict", (res, rows))

        # ---- PostgreSQL restarts under load
        cl = Client(lb)
        cl.login("admin")
        load = Load(lb, token, cl.cookies["kam_session"])
        pids = (k1.proc.pid, k2.proc.pid)
        load.start()
        time.sleep(LOAD_BEFORE_S)
        import pgsql
        holder = subprocess.Popen([pgsql.psql_path(), "-X", "-q", "-d", k1.db], stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        holder.stdin.write("BEGIN; LOCK TABLE account IN EXCLUSIVE MODE; SELECT pg_sleep(600);\n")
        holder.stdin.flush()
        time.sleep(HOLD_WRITES_S)
        t0 = time.monotonic()
        kamtest.pg_cluster("restart", pg_dir)
        t1 = time.monotonic()
        time.sleep(LOAD_AFTER_S)
        load.join()
        holder.kill()
        holder.wait()
        results = load.results
        failed = [x for x in results if x[3] not in (200, 201)]
        outside = [x for x in failed if x[1] < t0 - RESTART_MARGIN_S or x[0] > t1 + RESTART_MARGIN_S]
        not_503 = [x for x in failed if not (isinstance(x[3], tuple) and x[3][0] == 503)]
        late = [x for x in results if x[0] > t1 + RESTART_MARGIN_S]
        print(f"# restart took {t1 - t0:.2f} s; {len(results)} requests during the load, {len(failed)} failed "
              f"({', '.join(sorted(set(str(x[3][0]) if isinstance(x[3], tuple) else 'error' for x in failed))) or 'none'})")
        sys.stdout.flush()
        ok(len(results) > 50 and len(late) > 10, "the load ran before, during and after the restart",
           (len(results), len(late)))
        ok(not outside, "the only failures are requests in flight while PostgreSQL restarted",
           [(round(a - t0, 3), round(b - t0, 3), k, o) for a, b, k, o, _ in outside[:10]])
        ok(not not_503, "each failure is a 503 that says the database is unavailable",
           [(k, o) for _, _, k, o, _ in not_503[:10]])
        ok(all("unavailable" in x[3][1] or "busy" in x[3][1] for x in failed if isinstance(x[3], tuple)),
           "and the message says so", [x[3] for x in failed[:5]])
        ok(all(x[3] in (200, 201) for x in late), "every request after the restart succeeds",
           [(k, o) for _, _, k, o, _ in late if o not in (200, 201)][:10])
        ok(k1.proc.poll() is None and k2.proc.poll() is None and (k1.proc.pid, k2.proc.pid) == pids,
           "both processes recovered by themselves (same processes, not restarted)")
        h = [Client(p).get("/healthz").status for p in (k1.port, k2.port, lb)]
        ok(h == [200, 200, 200], "both processes and the load balancer answer 200 again", h)

        created = {x[4] for x in results if x[2] == "create" and x[3] == 201}
        maybe = {x[4] for x in results if x[2] == "create" and x[3] != 201}
        stored = {name: (aid, n) for name, aid, n in k1.sql(
            "SELECT a.name, a.id, (SELECT count(*) FROM audit_log l WHERE l.entity = 'account' "
            "AND l.entity_id = a.id AND l.action = 'create') FROM account a WHERE a.name LIKE 'load-%'")}
        ok(created and created <= set(stored), "every account whose creation was answered 201 is stored",
           sorted(created - set(stored))[:10])
        ok(set(stored) <= created | maybe, "nothing was stored that nobody asked for", sorted(set(stored) - created - maybe)[:10])
        ok(all(n == 1 for _, n in stored.values()),
           "no partial writes: every stored account has its audit entry, and no more than one",
           [(k, v) for k, v in stored.items() if v[1] != 1][:10])
        orphans = k1.sql("SELECT count(*) FROM audit_log l WHERE l.entity = 'account' AND l.action = 'create' "
                         "AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = l.entity_id)")
        ok(orphans[0][0] == 0, "and no audit entry lacks its account", orphans)
        failed_creates = [x for x in results if x[2] == "create" and x[3] != 201]
        print(f"# creates: {len(created)} answered 201, {len(failed_creates)} failed")
        ok(failed_creates and not [x for x in failed_creates if x[4] in stored],
           "new accounts whose transaction was cut by the restart were not stored, not even in part",
           (len(failed_creates), [x[4] for x in failed_creates if x[4] in stored][:5]))

        rc1, rc2 = k1.stop(), k2.stop()
        ok(rc1 == 0 and rc2 == 0, "both processes stop cleanly on SIGTERM", (rc1, rc2))
        log = open(k1.log_path, errors="replace").read() + open(k2.log_path, errors="replace").read()
        ok('"status":500' not in log, "no request ended in an internal error (500)",
           [l for l in log.splitlines() if '"status":500' in l][:5])
    except Exception:
        import traceback
        traceback.print_exc()
        ok(False, "the test ran to the end")
    finally:
        if nginx:
            nginx.stop()
        k2.cleanup()
        k1.cleanup()
        stop_cluster()


main()
done()
