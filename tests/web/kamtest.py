"""Helpers for the web tests: a private `kam serve` on a free loopback port
over a temporary database, an HTTP client with its own cookie jar that knows
kam's CSRF token, and TAP output. Standard library only.

The database is a SQLite file, or, when KAM_TEST_PG_DIR names a running
private cluster (tests/run.sh --pg), a new PostgreSQL database in it; tests
look into it with Kam.sql() either way."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

KAM = os.environ["KAM"]
ROOT = os.environ.get("KAM_ROOT") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PG_DIR = os.environ.get("KAM_TEST_PG_DIR", "")
BACKEND = "postgresql" if PG_DIR else "sqlite"
# A running cluster offered by tests/run.sh to tests that use PostgreSQL on
# either backend (t_scaleout.py): the backend's, or KAM_TEST_PG_CLUSTER.
PG_CLUSTER = PG_DIR or os.environ.get("KAM_TEST_PG_CLUSTER", "")
sys.path.insert(0, os.path.join(ROOT, "tests"))
_n = 0
_failed = 0


def ok(cond, name, detail=""):
    global _n, _failed
    _n += 1
    if cond:
        print(f"ok {_n} - {name}")
    else:
        _failed += 1
        print(f"not ok {_n} - {name}")
        if detail:
            for line in str(detail).splitlines()[:30]:
                print(f"#   {line}")
    sys.stdout.flush()
    return cond


def skip(name, reason):
    """A TAP skip, for a check that cannot apply here."""
    global _n
    _n += 1
    print(f"ok {_n} - {name} # SKIP {reason}")
    sys.stdout.flush()


def done():
    print(f"1..{_n}")
    sys.exit(1 if _failed else 0)


def pg_cluster(*args):
    """scripts/pg-cluster ARGS...; its output (a URL for start and url)."""
    p = subprocess.run(["sh", os.path.join(ROOT, "scripts", "pg-cluster"), *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"pg-cluster {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p.stdout.strip()


def newdb(tmpdir, name):
    """A new, empty database target: tmpdir/name.db, or on PostgreSQL a new
    database in the cluster named after tmpdir and name."""
    if not PG_DIR:
        return os.path.join(tmpdir, name + ".db")
    base = re.sub(r"[^a-z0-9]", "_", os.path.basename(tmpdir).lower())
    return pg_cluster("url", PG_DIR, f"kw_{base}_{name}")


def dropdbs(tmpdir):
    """Drop the PostgreSQL databases newdb() made for tmpdir."""
    if not PG_DIR:
        return
    import pgsql
    base = re.sub(r"[^a-z0-9]", "_", os.path.basename(tmpdir).lower())
    try:
        names = pgsql.rows(pg_cluster("url", PG_DIR, "postgres"),
                           f"SELECT datname FROM pg_database WHERE starts_with(datname, 'kw_{base}_')")
        for (n,) in names:
            pg_cluster("drop", PG_DIR, n)
    except RuntimeError:
        pass


def sql_on(target, query):
    """The rows of query on a database target, run without kam: sqlite3 on
    a file, psql on PostgreSQL (values as int, float, str or None). A write
    is committed."""
    if target.startswith(("postgres://", "postgresql://")):
        import pgsql
        return pgsql.rows(target, query)
    import sqlite3
    con = sqlite3.connect(target, timeout=10)
    try:
        out = [tuple(r) for r in con.execute(query)]
        con.commit()  # a test's UPDATE is a write from "another process"
        return out
    finally:
        con.close()


class Kam:
    """A temporary database and, once start() ran, a server on it. With db
    (a target another Kam made), a second server on the same database."""

    def __init__(self, env=None, db=None):
        self.dir = tempfile.mkdtemp(prefix="kam-web-")
        self.db = db or newdb(self.dir, "kam")
        self.env = dict(os.environ, KAM_NO_PROGRESS="1", KAM_DB=self.db)
        self.env.update(env or {})
        self.proc = None
        self.port = None
        self.log_path = os.path.join(self.dir, "access.log")

    def cli(self, *args, stdin=None, check=True):
        p = subprocess.run([KAM, *args], input=stdin, capture_output=True, text=True, env=self.env)
        if check and p.returncode != 0:
            raise RuntimeError(f"kam {' '.join(args)} failed: {p.stderr}")
        return p

    def user(self, login, role, password="correct horse battery", account=None):
        args = ["user", "add", login, "--role", role, "--password-stdin"]
        if account:
            args += ["--account", str(account)]
        self.cli(*args, stdin=password + "\n")

    def start(self, *extra):
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([KAM, "serve", "--listen", "127.0.0.1:0", *extra], stdout=subprocess.PIPE,
                                     stderr=self.log, text=True, env=self.env)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("kam serve did not start: " + line + open(self.log_path).read())
        self.port = int(m.group(1))
        return self

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if not self.proc:
            return None
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = "timeout"
        self.proc = None
        self.log.close()
        return rc

    def cleanup(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()
        dropdbs(self.dir)
        shutil.rmtree(self.dir, ignore_errors=True)

    def sql(self, query):
        """Rows of query on this database, read without kam."""
        return sql_on(self.db, query)

    def client(self):
        return Client(self.port)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_named(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        return json.loads(self.text)


class Client:
    """One browser: cookies kept, CSRF token read from the last page."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.csrf = None

    def request(self, method, path, body=None, headers=None, form=None, json_body=None):
        h = dict(headers or {})
        if form is not None:
            # a dict, or a list of (name, value) pairs when a name repeats
            form = list(form.items()) if isinstance(form, dict) else list(form)
            if "csrf" not in [name for name, _ in form] and self.csrf:
                form.append(("csrf", self.csrf))
            body = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if json_body is not None:
            body = json.dumps(json_body).encode()
            h["Content-Type"] = "application/json"
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        c.close()
        for sc in resp.headers_named("Set-Cookie"):
            name, _, rest = sc.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in sc:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', resp.text)
        if m:
            self.csrf = m.group(1)
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, form=None, **kw):
        return self.request("POST", path, form=form if form is not None else {}, **kw)

    def login(self, login, password="correct horse battery"):
        self.get("/login")
        r = self.post("/login", {"login": login, "password": password})
        nxt, hops = r, 0
        while nxt.status in (302, 303) and nxt.header("Location") and hops < 4:
            nxt = self.get(nxt.header("Location"))  # as a browser would: the page carries the session's CSRF token
            hops += 1
        return r


def raw(port, data, timeout=5):
    """Send raw bytes, return what the server answered (for malformed requests)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(data)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
            if b"\r\n\r\n" in out and len(out) > 12:
                break
    except socket.timeout:
        pass
    s.close()
    return out
