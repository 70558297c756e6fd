"""The authorisation matrix: every route of the route table (kam serve
--routes) x every role -> the status the route's access rule promises. A new
route is covered the day it is added, because the list comes from the table."""
import json

from kamtest import Kam, Client, ok, done

ROLES = ["anonymous", "admin", "executive", "kam", "team", "guest", "viewer"]

k = Kam()
try:
    k.cli("init")
    k.cli("account", "add", "--name", "Acme SpA")
    k.cli("account", "add", "--name", "Other Srl")
    for role in ROLES[1:]:
        k.user(role, role, account=1 if role == "guest" else None)
    routes = json.loads(k.cli("serve", "--routes").stdout)
    ok(len(routes) > 20, "the route table is listed", len(routes))
    k.start()

    def concrete(pattern):
        return (pattern.replace(":kind", "accounts").replace(":id", "1").replace(":name", "kam.css"))

    clients = {}

    def client(role):
        c = clients.get(role)
        if c is None or (role != "anonymous" and "kam_session" not in c.cookies):
            c = Client(k.port)
            if role != "anonymous":
                c.login(role)
            else:
                c.get("/login")
            clients[role] = c
        return c

    for rt in routes:
        method, pattern, access = rt["method"], rt["pattern"], rt["access"]
        path = concrete(pattern)
        api = pattern.startswith("/api/")
        for role in ROLES:
            c = client(role)
            if method == "GET":
                r = c.get(path)
            elif method == "POST":
                form = {"next": "/"} if pattern == "/lang" else {}
                r = c.post(path, form)
            else:
                r = c.request(method, path, json_body={}) if method != "DELETE" else c.request(method, path)
            s = r.status
            to_login = s == 303 and (r.header("Location") or "").startswith("/login")
            signed = role != "anonymous"
            if pattern == "/logout" and signed:
                clients.pop(role)  # that session has ended
            if pattern == "/logout" and signed:
                want = "signed out, sent to sign-in"
                good = to_login
            elif access == "public":
                want = "served"
                good = s not in (403, 405, 500) and not to_login and (s != 401 or pattern == "/login")
            elif not signed:
                want = "401" if api else "redirect to sign-in"
                good = (s == 401) if api else to_login
            elif access == "admin" and role != "admin":
                want = "403"
                good = s == 403
            elif access == "staff" and role == "guest":
                want = "404"
                good = s == 404
            else:
                want = "allowed (no 401/405/5xx, not sent to sign-in)"
                good = s not in (401, 405) and s < 500 and not to_login
            ok(good, f"{method} {pattern} as {role}: {want}", f"got {s} {r.text[:200]}")
finally:
    k.cleanup()
done()
