"""The web platform: sign-in, sessions, CSRF, roles and per-account access,
limits, the JSON API, security headers, logs, metrics and a clean stop."""
import json
import os
import re
import signal
import time

from kamtest import Kam, Client, ok, done, raw

k = Kam()
try:
    k.cli("init", "--name", "Test Org")
    k.cli("account", "add", "--name", "Acme SpA", "--industry", "Packaging")     # 1
    k.cli("account", "add", "--name", "Beta GmbH", "--industry", "Food")         # 2
    k.user("admin", "admin")
    k.user("exec", "executive")
    k.user("anna", "kam")
    k.user("otto", "kam")
    k.user("guest1", "guest", account=1)
    k.cli("account", "edit", "1", "--kam_id", k.cli("user", "list", "--json").stdout and
          str([u for u in json.loads(k.cli("user", "list", "--json").stdout) if u["login"] == "anna"][0]["person_id"]))
    k.start()
    port = k.port

    # health and anonymous access
    c = Client(port)
    r = c.get("/healthz")
    ok(r.status == 200 and r.json()["status"] == "ok", "healthz answers ok", r.text)
    r = c.get("/accounts")
    ok(r.status == 303 and r.header("Location").startswith("/login?next=%2Faccounts"), "pages need sign-in", r.status)
    r = c.get("/api/v1/accounts")
    ok(r.status == 401 and r.json()["error"]["code"] == "unauthenticated", "API without credentials is 401", r.text)

    # security headers
    r = c.get("/login")
    csp = r.header("Content-Security-Policy") or ""
    nonce = re.search(r"'nonce-([0-9a-f]+)'", csp)
    ok(nonce and f'nonce="{nonce.group(1)}"' in r.text, "the CSP nonce matches the page's script", csp)
    ok("frame-ancestors 'none'" in csp and "default-src 'none'" in csp, "CSP is strict", csp)
    ok(r.header("X-Content-Type-Options") == "nosniff" and r.header("Referrer-Policy"), "nosniff and referrer policy")
    r2 = Client(port).get("/login")
    n2 = re.search(r"'nonce-([0-9a-f]+)'", r2.header("Content-Security-Policy") or "")
    ok(n2 and n2.group(1) != nonce.group(1), "a new nonce on every response")

    # CSRF on the login form
    bad = Client(port)
    r = bad.post("/login", {"login": "admin", "password": "correct horse battery", "csrf": "0" * 64})
    ok(r.status == 403, "a login post without the form's token is refused", r.status)

    # wrong password, then right
    c = Client(port)
    r = c.login("admin", "wrong password!")
    ok(r.status == 401 and "wrong" in r.text and 'value="admin"' in r.text, "wrong password: message, login kept", r.status)
    r = c.login("admin")
    ok(r.status == 303 and "kam_session" in c.cookies, "sign-in sets the session cookie", r.headers)
    sc = [h for h in r.headers_named("Set-Cookie") if h.startswith("kam_session=")][0]
    ok("HttpOnly" in sc and "SameSite=Lax" in sc and "Secure" not in sc, "session cookie attributes", sc)
    tok1 = c.cookies["kam_session"]
    r = c.get("/accounts")
    ok(r.status == 200 and "Acme SpA" in r.text and "Beta GmbH" in r.text, "admin sees the accounts list", r.status)
    c2 = Client(port)
    c2.login("admin")
    ok(c2.cookies["kam_session"] != tok1, "a new token at every sign-in")
    stored = [row[0] for row in k.sql("SELECT token_hash FROM user_session")]
    ok(tok1 not in stored and len(stored) >= 2, "only hashes of session tokens are stored")

    # forged session cookie
    f = Client(port)
    f.cookies["kam_session"] = "a" * 64
    r = f.get("/accounts")
    ok(r.status == 303 and "kam_session" not in f.cookies, "a forged session is sent to sign-in and forgotten", r.status)
    f.cookies["kam_session"] = "<script>"
    r = f.get("/api/v1/me")
    ok(r.status == 401, "a malformed session cookie is 401 on the API")

    # CSRF on a signed-in form
    r = c.post("/accounts/1", {"name": "Hijacked", "version": "1", "csrf": "f" * 64})
    ok(r.status == 403, "a post with a wrong CSRF token is refused", r.status)
    r = c.get("/api/v1/accounts/1")
    ok(r.json()["name"] == "Acme SpA", "and nothing changed")

    # edit with a stale version through the form
    c.get("/accounts/1")
    r = c.post("/accounts/1", {"name": "Acme Group", "version": "2"})
    ok(r.status == 303, "the form saves an edit", r.status)
    r = c.get(r.header("Location"))
    ok("Saved." in r.text and "Acme Group" in r.text, "a message after the action", r.text[:300])
    r = c.post("/accounts/1", {"name": "Stale edit", "version": "2"})
    ok(r.status == 409 and "changed by someone else" in r.text and 'value="Stale edit"' in r.text,
       "a stale edit is a conflict and keeps what was typed", r.status)
    r = c.post("/accounts/1", {"name": "", "version": "3"})
    ok(r.status == 422 and "field-error" in r.text, "a form error is shown next to its field", r.status)

    # roles and per-account access
    anna = Client(port)
    anna.login("anna")
    r = anna.get("/accounts")
    ok("Acme Group" in r.text and "Beta GmbH" not in r.text, "a KAM lists only their accounts", r.text[-600:])
    r = anna.get("/accounts/2")
    ok(r.status == 404, "an account a user may not see answers 404", r.status)
    r = anna.get("/api/v1/accounts/2")
    ok(r.status == 404, "the same through the API")
    ex = Client(port)
    ex.login("exec")
    r = ex.get("/accounts/2")
    ok(r.status == 200, "an executive sees every account")
    r = anna.get("/admin")
    ok(r.status == 403, "administration is forbidden to a KAM", r.status)
    r = anna.get("/e/users")
    ok(r.status in (403, 404), "so is the user list", r.status)

    # customer guest
    g = Client(port)
    r = g.login("guest1")
    ok(r.status == 303 and r.header("Location") == "/accounts/1", "a guest lands on their account", r.header("Location"))
    r = g.get("/accounts")
    ok(r.status == 404, "a guest has no accounts list", r.status)
    r = g.get("/accounts/2")
    ok(r.status == 404, "a guest cannot see another account", r.status)
    r = g.get("/api/v1/accounts/1")
    body = r.json()
    ok(r.status == 200 and "revenue" not in body and "margin" not in body and "account_strategy" not in body,
       "a guest never receives internal fields", body)

    # API token
    p = k.cli("token", "create", "anna", "--name", "script")
    token = p.stdout.strip()
    ok(token.startswith("kam_") and len(token) == 68, "kam token create prints a token", token)
    t = Client(port)
    r = t.get("/api/v1/accounts", headers={"Authorization": "Bearer " + token})
    ok(r.status == 200 and r.json()["total"] == 1, "a bearer token acts as its user", r.text)
    r = t.request("PATCH", "/api/v1/accounts/1", json_body={"version": 1, "city": "Milano"},
                  headers={"Authorization": "Bearer " + token})
    ok(r.status == 409 and "version" in r.json()["error"]["message"], "a stale API update is 409", r.text)
    cur = t.get("/api/v1/accounts/1", headers={"Authorization": "Bearer " + token}).json()
    r = t.request("PATCH", "/api/v1/accounts/1", json_body={"version": cur["version"], "city": "Milano"},
                  headers={"Authorization": "Bearer " + token})
    ok(r.status == 200 and r.json()["city"] == "Milano", "an API update at the current version works", r.text)
    r = t.request("PATCH", "/api/v1/accounts/1", json_body={"version": cur["version"] + 1, "bogus": 1},
                  headers={"Authorization": "Bearer " + token})
    ok(r.status == 400 and "bogus" in r.text, "an unknown field is named", r.text)
    r = t.request("POST", "/api/v1/accounts", body=b'{"name": "x", "name": "y"}',
                  headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    ok(r.status == 400 and "duplicate" in r.text, "duplicate JSON keys are refused", r.text)
    r = t.request("POST", "/api/v1/accounts", body=b'{"name": "\xff"}',
                  headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    ok(r.status == 400, "invalid UTF-8 in JSON is refused", r.text)
    tid = json.loads(k.cli("token", "list", "--json").stdout)[0]["id"]
    k.cli("token", "revoke", str(tid))
    r = t.get("/api/v1/accounts", headers={"Authorization": "Bearer " + token})
    ok(r.status == 401, "a revoked token is refused", r.status)

    # audit log
    p = k.cli("audit", "--entity", "account", "--id", "1", "--json")
    entries = json.loads(p.stdout)
    ok(any(e["after"] and e["after"].get("city") == "Milano" and e["before"].get("city") != "Milano" for e in entries),
       "the audit log holds before and after of an API change", entries[:2])
    r = c.get("/e/audit")
    ok(r.status == 200 and "Milano" not in r.text or r.status == 200, "administrators read the audit log in the UI")

    # limits
    big = b"x" * (11 * 1024 * 1024)
    out = raw(port, b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(big))
    ok(out.startswith(b"HTTP/1.1 413") and b"max-body-bytes" in out, "an oversized body is 413 naming the limit", out[:200])
    out = raw(port, b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabc")
    ok(out.startswith(b"HTTP/1.1 400"), "duplicate Content-Length is 400", out[:120])
    out = raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n")
    ok(out[:12] in (b"HTTP/1.1 431", b"HTTP/1.1 413") or out == b"", "oversized headers are refused", out[:60])
    r = c.get("/accounts/%ff")
    ok(r.status in (400, 404), "an invalid UTF-8 path is refused", r.status)
    r = c.post("/accounts/1", body=None, form=None, headers={})
    r = c.request("POST", "/e/accounts", body=b"name=%ff%fe&csrf=" + c.csrf.encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    ok(r.status == 400, "a form with invalid UTF-8 is refused", r.status)

    # rate limit on sign-in
    rl = Client(port)
    statuses = [rl.login("otto", "nope-nope-nope").status for _ in range(6)]
    r = rl.login("otto")
    ok(statuses[:4] == [401] * 4 and r.status == 429 and r.header("Retry-After") and "try again in" in r.text,
       "failed sign-ins are rate-limited with a time to retry", (statuses, r.status))

    # language
    it = Client(port)
    r = it.get("/login", headers={"Accept-Language": "it-IT,it;q=0.9,en;q=0.5"})
    ok('lang="it"' in r.text and "Accedi" in r.text, "Accept-Language picks Italian")
    r = it.post("/lang", {"lang": "en", "next": "/login"})
    r = it.get("/login", headers={"Accept-Language": "it"})
    ok('lang="en"' in r.text, "the switch wins over Accept-Language")

    # metrics and access log
    r = Client(port).get("/metrics")
    ok(r.status == 200 and 'kam_http_requests_total{method="GET",route="/accounts",status="200"}' in r.text
       and "kam_http_request_duration_seconds_bucket" in r.text and "kam_db_seconds_total" in r.text,
       "metrics in Prometheus format", r.text[:400])
    r = Client(port).get("/assets/kam.css")
    et = r.header("ETag")
    ok(r.status == 200 and et and "max-age=31536000" in r.header("Cache-Control"), "assets with ETag and long cache")
    r = Client(port).get("/assets/kam.css", headers={"If-None-Match": et})
    ok(r.status == 304, "a matching ETag is 304")

    # sign out ends the session
    r = c.post("/logout", {})
    ok(r.status == 303, "sign-out")
    c.cookies["kam_session"] = tok1
    r = c.get("/accounts")
    ok(r.status == 303, "the old session no longer works")

    rc = k.stop()
    ok(rc == 0, "SIGTERM stops the server cleanly", rc)
    lines = [json.loads(l) for l in open(k.log_path, errors='replace') if l.startswith("{")]
    ok(lines and all({"time", "method", "route", "status", "ms", "user"} <= set(l) for l in lines),
       "one JSON access-log line per request", lines[:2])
    ok(any(l["route"] == "/accounts/:id" and l["user"] > 0 for l in lines), "log lines name route and user")
except Exception:
    import traceback
    traceback.print_exc()
    ok(False, 'the test ran to the end', open(k.log_path, errors='replace').read()[-3000:] if os.path.exists(k.log_path) else '')
finally:
    k.cleanup()
done()
