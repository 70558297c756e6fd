"""The customer guest's view (FRAMEWORK.md section 4): a guest signs in and
walks every page and API route they can reach (the route table, every kind
of record, and every link found on the pages), and no internal field ever
appears: margins, competitor notes, internal ratings, attitude, other
accounts, team notes, internal objectives, KPIs or initiatives. They see
the joint goals, joint initiatives and shared KPIs, and may comment on them
(and only on them)."""
import json
import re
from urllib.parse import urlparse

from kamtest import Kam, Client, ok, done


k = Kam(env={"KAM_TODAY": "2026-11-28"})

# Texts planted in internal fields; none may reach the guest.
SECRETS = {
    "MARGIN": "987654.321",                       # account margin
    "OTHER_ACCOUNT": "Zeta Hidden Srl",           # another customer
    "COMPETITOR": "RivalCorpXyz",                 # solution cell competitor
    "CELL_NOTE": "cellnote-qwerty",               # solution cell notes
    "OBJECTIVE": "Internal objective kappa",      # our objectives are internal
    "PRIVATE_INI": "Private initiative lambda",   # a non-joint initiative
    "INI_NOTES": "ininotes-internal-mu",          # internal notes of a joint one
    "KPI_INTERNAL": "Internal kpi nu",            # a KPI not shared
    "REVIEW": "teamnotes-review-xi",              # review summary
    "INTERACTION": "interaction-summary-omicron", # interaction log
    "CONTACT_NOTE": "contact-note-pi",            # relationship map notes
    "STRATEGY": "account-strategy-rho",           # our account strategy
    "GOAL_SOURCE": "goal-source-sigma",           # where a goal came from (internal)
}
# A comment our team wrote on a non-joint initiative: the remark kind shows a
# guest every row of their account (svc/model.c kRemark, GUEST_ROWS), whatever
# its subject; the guest must never see it.
STAFF_REMARK = "staff remark on private tau"
# The API index and the OpenAPI document describe the fields (names, not
# values): they may name internal fields.
SCHEMA_PATHS = ("/api/v1", "/api/v1/openapi.json")
KEYS_NEVER = ["\"margin\"", "\"attitude\"", "\"competitor\"", "\"internal_notes\"", "\"potential\"", "\"kam_id\""]

try:
    k.cli("init", "--name", "Test Org")
    k.cli("account", "add", "--name", "Acme SpA", "--margin", SECRETS["MARGIN"], "--account_strategy", SECRETS["STRATEGY"])
    k.cli("account", "add", "--name", SECRETS["OTHER_ACCOUNT"])
    k.user("admin", "admin")
    k.user("guest1", "guest", account=1)

    def add(kind, **f):
        args = [kind, "add"]
        for key, v in f.items():
            args += ["--" + key, str(v)]
        return k.cli(*args)

    add("customer_goal", account_id=1, title="Joint goal alpha", source=SECRETS["GOAL_SOURCE"])
    add("customer_goal", account_id=2, title="Other account goal")
    add("objective", account_id=1, title=SECRETS["OBJECTIVE"], level="financial")
    add("initiative", account_id=1, title="Joint initiative beta", joint=1, internal_notes=SECRETS["INI_NOTES"])
    add("initiative", account_id=1, title=SECRETS["PRIVATE_INI"], joint=0)
    k.cli("kpi", "define", "--account", "1", "--name", "Shared kpi gamma", "--direction", "higher", "--target", "90", "--shared")
    k.cli("kpi", "define", "--account", "1", "--name", SECRETS["KPI_INTERNAL"], "--direction", "higher", "--target", "50")
    k.cli("kpi", "record", "1", "--period", "2026-10", "--value", "85")
    k.cli("kpi", "record", "2", "--period", "2026-10", "--value", "40")
    k.cli("contact", "add", "--account", "1", "--name", "Thomas Weber", "--title", "Procurement", "--buying-role", "economic_buyer", "--attitude", "sceptic")
    k.cli("contact_position", "edit", "1", "--notes", SECRETS["CONTACT_NOTE"], "--version", "1")
    add("customer_unit", account_id=1, name="Rail")
    k.cli("offering", "add", "--code", "DRV", "--name", "Drives")
    add("solution_cell", account_id=1, unit_id=1, offering_id=1, state="competitor", competitor=SECRETS["COMPETITOR"], notes=SECRETS["CELL_NOTE"])
    add("account_review", account_id=1, held_on="2026-10-10", summary=SECRETS["REVIEW"])
    add("interaction", account_id=1, occurred_on="2026-10-11", title="Call", summary=SECRETS["INTERACTION"])
    add("remark", account_id=1, subject_kind="initiative", subject_id=2, body=STAFF_REMARK)
    routes = json.loads(k.cli("serve", "--routes").stdout)
    kinds = [l.split()[1] for l in k.cli("entities").stdout.splitlines() if l.strip()]
    k.start()

    g = Client(k.port)
    g.login("guest1")
    seen = {}

    def visit(path):
        if path in seen:
            return seen[path]
        r = g.get(path)
        seen[path] = r
        return r

    # the route table: every GET route, with ids 1..3 and every kind
    for rt in routes:
        if rt["method"] != "GET" or rt["pattern"] in ("/metrics",):
            continue
        pats = [rt["pattern"].replace(":kind", kd) for kd in kinds] if ":kind" in rt["pattern"] else [rt["pattern"]]
        for p in pats:
            for i in ("1", "2", "3"):
                visit(p.replace(":id", i).replace(":name", "kam.css"))
    for s in ("overview", "strategy", "solutions", "people", "management", "evaluation", "plan"):
        visit(f"/accounts/1?s={s}")
        visit(f"/accounts/1?s={s}&edit=objective-1")
    visit("/api/v1/accounts?account_id=2")
    # and every link the pages offer, breadth first
    queue = [p for p, r in seen.items() if "text/html" in (r.header("Content-Type") or "")]
    while queue and len(seen) < 600:
        p = queue.pop(0)
        for href in re.findall(r'href="([^"]+)"', seen[p].text):
            href = href.replace("&amp;", "&")
            u = urlparse(href)
            if u.netloc or not u.path.startswith("/") or u.path.startswith("/assets/") or href in seen:
                continue
            r = visit(href)
            if "text/html" in (r.header("Content-Type") or ""):
                queue.append(href)
    ok(len(seen) > 100, f"the guest walked {len(seen)} pages and API routes", len(seen))

    leaks = []
    for path, r in seen.items():
        for name, secret in SECRETS.items():
            if secret in r.text:
                leaks.append(f"{path}: {name}")
        if path.startswith("/api/") and path not in SCHEMA_PATHS:
            for key in KEYS_NEVER:
                if key in r.text:
                    leaks.append(f"{path}: key {key}")
    ok(not leaks, "no internal field, other account or internal item appears anywhere", leaks[:20])
    remark_leaks = [p for p, r in seen.items() if STAFF_REMARK in r.text]
    ok(not any(p.startswith("/accounts/") for p in remark_leaks), "the guest page shows no comment on an internal item", remark_leaks)
    ok(not remark_leaks, "no comment on an internal item reaches the guest anywhere (pages, lists, API)", remark_leaks)
    errors = [f"{p}: {r.status}" for p, r in seen.items() if r.status >= 500]
    ok(not errors, "no page fails", errors[:10])

    # what the guest does see
    r = seen["/accounts/1"]
    ok(r.status == 200 and "Joint goal alpha" in r.text and "Joint initiative beta" in r.text and "Shared kpi gamma" in r.text,
       "the guest view shows the joint goals, joint initiatives and shared KPIs", r.status)
    ok("chart-line" in r.text, "with the shared KPI's trend")
    ok(seen["/accounts/2"].status == 404, "another account is 404")
    ok(seen["/api/v1/accounts/1/workspace"].status == 404, "the internal workspace JSON is not theirs")
    ok(visit("/accounts/1?s=strategy").text == r.text or "Joint goal alpha" in visit("/accounts/1?s=strategy").text,
       "a section parameter changes nothing for a guest")

    # comments: on joint items yes, on internal ones no
    r = g.post("/accounts/1/remarks", {"subject_kind": "customer_goal", "subject_id": "1", "body": "We agree, let us start in Q1"})
    ok(r.status == 303, "the guest comments on a joint goal", r.status)
    r = g.get("/accounts/1")
    ok("We agree, let us start in Q1" in r.text, "and sees the comment under it")
    r = g.post("/accounts/1/remarks", {"subject_kind": "initiative", "subject_id": "2", "body": "peeking"})
    ok(r.status == 422 and not k.sql("SELECT id FROM remark WHERE body = 'peeking'"), "a comment on an internal initiative is refused", r.status)
    r = g.post("/accounts/1/remarks", {"subject_kind": "customer_goal", "subject_id": "1", "body": ""})
    ok(r.status == 422 and "field-error" in r.text, "an empty comment is refused beside the field", r.status)
    r = g.post("/accounts/2/remarks", {"subject_kind": "customer_goal", "subject_id": "2", "body": "other"})
    ok(r.status == 404, "commenting on another account is 404", r.status)
    for path in ("/accounts/1/records/objectives", "/accounts/1/plan/freeze", "/accounts/1/contacts"):
        r = g.post(path, {"title": "x", "label": "x", "name": "x"})
        ok(r.status == 404, f"POST {path} is 404 for a guest", r.status)
    r = g.request("PATCH", "/api/v1/customer_goals/1", json_body={"title": "changed", "version": 1})
    ok(r.status in (403, 404), "the guest cannot change a joint goal through the API", r.status)
finally:
    k.cleanup()
done()
