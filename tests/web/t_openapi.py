"""The OpenAPI document lists exactly the API routes the server has, and
ETag / If-Match give optimistic concurrency over HTTP."""
import json
import re

from kamtest import Kam, Client, ok, done

k = Kam()
try:
    k.cli("init")
    k.cli("account", "add", "--name", "Acme SpA")
    k.user("admin", "admin")
    token = k.cli("token", "create", "admin").stdout.strip()
    routes = json.loads(k.cli("serve", "--routes").stdout)
    kinds = [l.split()[1] for l in k.cli("entities").stdout.splitlines() if l.strip()]
    k.start()
    c = Client(k.port)
    auth = {"Authorization": "Bearer " + token}
    r = c.get("/api/v1/openapi.json")
    doc = r.json()
    ok(r.status == 200 and doc["openapi"].startswith("3.1"), "the OpenAPI 3.1 document is served")
    documented = {(m.upper(), p) for p, item in doc["paths"].items() for m in item}

    expected = set()
    for rt in routes:
        if not rt["pattern"].startswith("/api/v1"):
            continue
        pats = [rt["pattern"].replace(":kind", kd) for kd in kinds] if ":kind" in rt["pattern"] else [rt["pattern"]]
        for p in pats:
            expected.add((rt["method"], re.sub(r":(\w+)", r"{\1}", p)))
    missing = expected - documented
    extra = documented - expected
    ok(not missing, "every API route is in the document", sorted(missing)[:10])
    ok(not extra, "the document lists no route the server lacks", sorted(extra)[:10])

    # every documented GET collection answers (not a routing 404/405)
    bad = []
    for method, path in sorted(documented):
        if method != "GET" or "{" in path:
            continue
        s = c.get(path, headers=auth).status
        if s != 200:
            bad.append((path, s))
    ok(not bad, "every documented collection answers 200 to an administrator", bad[:10])

    # ETag and If-Match
    r = c.get("/api/v1/accounts/1", headers=auth)
    etag = r.header("ETag")
    ok(etag == '"v1"', "GET carries the version as ETag", etag)
    r = c.request("PATCH", "/api/v1/accounts/1", json_body={"city": "Torino"}, headers=dict(auth, **{"If-Match": etag}))
    ok(r.status == 200 and r.header("ETag") == '"v2"', "PATCH with a current If-Match succeeds", r.text)
    r = c.request("PATCH", "/api/v1/accounts/1", json_body={"city": "Roma"}, headers=dict(auth, **{"If-Match": etag}))
    ok(r.status == 412 and r.json()["error"]["code"] == "precondition_failed", "a stale If-Match is 412", r.text)
    r = c.get("/api/v1/accounts/1", headers=auth)
    ok(r.json()["city"] == "Torino", "and the stored row is unchanged")
    r = c.request("PATCH", "/api/v1/accounts/1", json_body={"city": "Roma"}, headers=dict(auth, **{"If-Match": "nonsense"}))
    ok(r.status == 400, "a malformed If-Match is 400")
    r = c.request("DELETE", "/api/v1/accounts/1", headers=dict(auth, **{"If-Match": '"v1"'}))
    ok(r.status == 412, "a stale DELETE is 412")
    r = c.get("/api/v1/accounts?limit=5000", headers=auth)
    ok(r.status == 400 and "limit" in r.json()["error"]["message"], "an out-of-range limit is named")
    r = c.get("/api/v1/nonsense", headers=auth)
    ok(r.status == 404 and "nonsense" in r.text, "an unknown kind is 404 naming it")
finally:
    k.cleanup()
done()
