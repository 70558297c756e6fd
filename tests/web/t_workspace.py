"""The key account workspace (/accounts/:id): a small fixed account whose
health, alignment and coverage are computed by hand below and checked in the
page and the JSON API; every section renders; create, edit and delete
through the section forms; validation errors keep what was typed; a stale
edit is refused with both versions shown; plan versions and their diff; and
the per-account access rules (404 for another KAM's account, 403 for a team
member changing the team)."""
import html
import json
import re

from kamtest import Kam, Client, ok, done

TODAY = "2026-11-28"
SECTIONS = ["overview", "strategy", "solutions", "people", "management", "evaluation", "plan"]

k = Kam(env={"KAM_TODAY": TODAY})


def person_of(login):
    users = json.loads(k.cli("user", "list", "--json").stdout)
    return str([u for u in users if u["login"] == login][0]["person_id"])


def add(kind, **fields):
    args = [kind, "add"]
    for key, v in fields.items():
        args += ["--" + key, str(v)]
    return k.cli(*args)


def version_in(text, form_id):
    m = re.search(r'id="%s"[^>]*>.*?name="version" value="(\d+)"' % re.escape(form_id), text, re.S)
    return m and m.group(1)


def field_error(text):
    return [html.unescape(x) for x in re.findall(r'class="field-error"[^>]*>([^<]*)<', text)]


try:
    k.cli("init", "--name", "Test Org")
    k.cli("account", "add", "--name", "Acme SpA", "--plan_reviewed_on", "2026-03-10")  # 1
    k.cli("account", "add", "--name", "Other Srl")                                      # 2
    k.user("admin", "admin")
    k.user("kam1", "kam")
    k.user("kam2", "kam")
    k.user("team1", "team")
    k.user("exec", "executive")
    k.user("guest1", "guest", account=1)
    k.cli("account", "edit", "1", "--kam_id", person_of("kam1"), "--version", "1")
    k.cli("account", "edit", "2", "--kam_id", person_of("kam2"), "--version", "1")
    k.cli("team", "add", "--account", "1", "--user", "kam1", "--role", "kam", "--share", "0.5")
    k.cli("team", "add", "--account", "1", "--user", "team1", "--role", "sales", "--share", "0.2")

    # KPIs: on-time delivery 88.2 against 98 (higher is better) -> 0.9;
    # complaints 8 against 10 (lower is better) -> 1.25, capped at 1. Mean 0.95.
    k.cli("kpi", "define", "--account", "1", "--name", "On-time delivery", "--direction", "higher", "--target", "98", "--unit", "%")
    k.cli("kpi", "define", "--account", "1", "--name", "Complaints", "--direction", "lower", "--target", "10")
    k.cli("kpi", "record", "1", "--period", "2026-10", "--value", "88.2")
    k.cli("kpi", "record", "2", "--period", "2026-10", "--value", "8")
    k.cli("kpi", "define", "--account", "2", "--name", "Other account KPI", "--direction", "higher", "--target", "1")  # 3
    # Coverage: decision maker and economic buyer held with a counterpart, the
    # technical buyer without one -> 2 of 7 roles covered.
    k.cli("contact", "add", "--account", "1", "--name", "Dora Decide", "--title", "CEO", "--buying-role", "decision_maker", "--counterpart", "kam1")
    k.cli("contact", "add", "--account", "1", "--name", "Ezio Budget", "--title", "CFO", "--buying-role", "economic_buyer", "--counterpart", "team1")
    k.cli("contact", "add", "--account", "1", "--name", "Tina Tech", "--title", "CTO", "--buying-role", "technical_buyer")
    # Cadence: quarterly from 2026-01-15 -> 10 whole months to today -> 3 planned; 2 held.
    add("cadence", account_id=1, name="QBR", every_months=3, starts_on="2026-01-15")
    add("interaction", account_id=1, occurred_on="2026-03-20", title="QBR Q1", cadence_id=1)
    add("interaction", account_id=1, occurred_on="2026-06-20", title="QBR Q2", cadence_id=1)
    # Actions: 4 open, one due before today -> 1 - 1/4 = 0.75; a done one does not count.
    add("action_item", account_id=1, title="Send the offer", due_on="2026-11-01")
    for i in range(3):
        add("action_item", account_id=1, title=f"Later task {i}", due_on="2026-12-31")
    add("action_item", account_id=1, title="Old done task", due_on="2026-01-10", status="done", done_on="2026-01-09")
    # Alignment: goals G1 G2 G3, objectives O1 O2, initiative I1.
    # G1-O1 directly; I1 serves G2 and O2. Objectives linked 2/2; goals served 2/3 (G3 not);
    # alignment score (2 + 2) / (2 + 3) = 80%.
    for g in ("Grow exports", "Cut energy use", "Open a plant in Spain"):
        add("customer_goal", account_id=1, title=g)
    add("objective", account_id=1, title="Double the share of wallet", level="financial")
    add("objective", account_id=1, title="Become energy partner", level="relationship")
    add("initiative", account_id=1, title="Energy audit", status="agreed")
    add("goal_objective", goal_id=1, objective_id=1)
    add("initiative_goal", initiative_id=1, goal_id=2)
    add("initiative_objective", initiative_id=1, objective_id=2)
    # Health, weights 25/15/20/15/15/10, assessment missing (weight 10 out):
    #   0.95*25 + 1*15 + (2/7)*20 + (2/3)*15 + 0.75*15 = 23.75 + 15 + 5.714 + 10 + 11.25 = 65.714
    #   / 90 = 0.7302 -> 73
    k.start()

    admin = Client(k.port)
    admin.login("admin")

    # ---- the figures, through the API and the page
    r = admin.get("/api/v1/accounts/1/workspace")
    ok(r.status == 200, "the workspace JSON answers", r.text[:300])
    j = r.json()
    ok(j["health"]["score"] == 73 and j["health"]["band"] == "good", "health is 73 as computed by hand", j["health"])
    ins = {i["name"]: i for i in j["health"]["inputs"]}
    ok(abs(ins["kpi"]["score"] - 0.95) < 1e-9, "KPI input: mean capped attainment 0.95", ins["kpi"])
    ok(ins["plan"]["score"] == 1 and abs(ins["coverage"]["score"] - 2 / 7) < 1e-9, "plan 1, coverage 2/7", ins)
    ok(abs(ins["cadence"]["score"] - 2 / 3) < 1e-9 and ins["actions"]["score"] == 0.75, "cadence 2/3, actions 0.75", ins)
    ok(not ins["assessment"]["present"] and ins["assessment"]["score"] is None, "no assessment: the input is missing, not 0", ins["assessment"])
    ok(j["alignment"]["objectives_linked"] == {"num": 2, "den": 2} and j["alignment"]["goals_served"] == {"num": 2, "den": 3},
       "alignment fractions 2/2 and 2/3", j["alignment"])
    ok(abs(j["alignment"]["score"] - 0.8) < 1e-9, "alignment score 80%", j["alignment"])
    ok(j["coverage"] == {"num": 2, "den": 7}, "coverage 2 of 7 roles", j["coverage"])
    ok(j["actions"] == {"open": 4, "overdue": 1}, "4 open actions, 1 overdue", j["actions"])
    ok(j["cadences"][0]["planned"] == 3 and j["cadences"][0]["held"] == 2, "cadence: 3 planned, 2 held", j["cadences"])

    r = admin.get("/accounts/1")
    ok(r.status == 200 and re.search(r'tile-label">Health</span><span class="tile-value">73<', r.text),
       "the overview shows health 73 in the header", r.text[:200])
    for name, sec in (("kpi", "evaluation"), ("plan", "plan"), ("coverage", "people"), ("cadence", "management"), ("actions", "management")):
        m = re.search(r'<tr id="hi-%s"><th scope="row"><a href="([^"]+)"' % name, r.text)
        ok(m and m.group(1) == f"/accounts/1?s={sec}", f"health input {name} is shown and links to {sec}", m and m.group(1))
    ok("2 of 7 buying-centre roles covered" in r.text and "1 of 4 open actions overdue" in r.text and
       "2 of 3 planned meetings held" in r.text, "each input's figure is written out")
    ok(">80%<" in r.text and "7 Nov 2026" not in r.text, "alignment 80% in the header")

    for s in SECTIONS:
        r = admin.get(f"/accounts/1?s={s}")
        ok(r.status == 200 and re.search(r'href="/accounts/1\?s=%s" aria-current="page"' % s, r.text),
           f"section {s} renders with its tab current", r.status)
    r = admin.get("/accounts/1?s=nonsense")
    ok(r.status == 200 and 'href="/accounts/1?s=overview" aria-current="page"' in r.text, "an unknown section falls back to the overview")

    # strategy: the alignment map marks the unserved goal
    r = admin.get("/accounts/1?s=strategy")
    ok('class="chart chart-graph' in r.text or "chart-graph" in r.text, "the alignment map is drawn", r.text[:100])
    unl = re.findall(r'class="node[^"]*unlinked[^"]*"[^>]*>.*?<text[^>]*>([^<]*)<', r.text, re.S)
    ok(any("Open a plant" in u for u in unl) and not any("Grow exports" in u for u in unl),
       "the goal nothing serves is highlighted as unlinked, the others not", unl)
    ok("2 of 2 objectives are linked" in r.text and "2 of 3 customer goals are served" in r.text, "alignment explained in words")

    # ---- create, edit, delete in each section (forms post to the workspace record endpoints)
    def create(section, plural, form):
        admin.get(f"/accounts/1?s={section}")
        return admin.post(f"/accounts/1/records/{plural}", dict(form, s=section))

    r = create("strategy", "customer_goals", {"title": "Enter the US market", "priority": "1"})
    ok(r.status == 303 and r.header("Location").startswith("/accounts/1?s=strategy"), "strategy: a customer goal is created, back to the section", r.status)
    gid = k.sql("SELECT id FROM customer_goal WHERE title = 'Enter the US market'")[0][0]
    r = admin.get(f"/accounts/1?s=strategy&edit=customer_goal-{gid}")
    v = version_in(r.text, f"form-customer_goal-{gid}")
    ok(v == "1", "the edit form for the goal opens in place", v)
    r = admin.post(f"/accounts/1/records/customer_goals/{gid}", {"s": "strategy", "version": v, "title": "Enter the US and Canada"})
    ok(r.status == 303 and k.sql(f"SELECT title FROM customer_goal WHERE id = {gid}")[0][0] == "Enter the US and Canada", "strategy: the goal is edited")
    r = admin.post(f"/accounts/1/records/customer_goals/{gid}/delete", {"s": "strategy", "version": "2"})
    ok(r.status == 303 and not k.sql(f"SELECT id FROM customer_goal WHERE id = {gid}"), "strategy: the goal is deleted")

    r = create("solutions", "customer_units", {"name": "Rail division", "kind": "business_unit"})
    ok(r.status == 303, "solutions: a customer unit is created", r.status)
    off = k.sql("INSERT INTO offering (code, name) VALUES ('DRV', 'Drives') RETURNING id") if False else None
    k.cli("offering", "add", "--code", "DRV", "--name", "Drives")
    r = create("solutions", "solution_cells", {"unit_id": "1", "offering_id": "1", "state": "potential", "revenue_potential": "50000"})
    ok(r.status == 303, "solutions: a solution-map cell is created", r.status)
    r = admin.get("/accounts/1?s=solutions")
    ok("ws-nocontact" in r.text and re.search(r'Potential without a contact</span><span class="tile-value">1<', r.text),
       "a cell with potential and no contact stands out", None)
    r = create("solutions", "cell_contacts", {"cell_id": "1", "position_id": "1"})
    ok(r.status == 303, "solutions: the cell is linked to a contact", r.status)
    r = admin.get("/accounts/1?s=solutions")
    ok("ws-nocontact" not in r.text and "1 contacts" in r.text, "then it shows its contact", None)
    w = admin.get("/api/v1/accounts/1/workspace").json()
    ok(w["whitespace"]["potential"] == 50000 and w["whitespace"]["potential_cells"] == 1 and
       w["whitespace"]["potential_without_contact"] == 0, "the JSON has the whitespace totals", w.get("whitespace"))
    roles = {x["role"]: x["state"] for x in w["buying_centre"]}
    ok(roles["decision_maker"] == "covered" and roles["economic_buyer"] == "covered" and
       roles["technical_buyer"] == "no counterpart" and roles["user"] not in ("covered", "no counterpart"),
       "and the buying centre role by role", roles)

    r = create("people", "team_members", {"person_id": person_of("exec"), "role": "sponsor", "time_share": "5"})
    ok(r.status == 303, "people: a team member is added", r.status)
    admin.get("/accounts/1?s=people")
    r = admin.post("/accounts/1/contacts", {"name": "Paolo Procure", "title": "Procurement director", "buying_role": "economic_buyer", "influence": "4", "attitude": "1"})
    ok(r.status == 303 and k.sql("SELECT count(*) FROM contact_position WHERE title = 'Procurement director'")[0][0] == 1,
       "people: a contact is added (person, position, holder)", r.status)
    r = admin.get("/accounts/1?s=people")
    ok("Procurement director (Paolo Procure)" in r.text and "power-map" in r.text, "the relationship map shows the new contact", None)

    r = create("management", "action_items", {"title": "Call back the CFO", "due_on": "2026-12-05"})
    ok(r.status == 303, "management: an action is created", r.status)
    r = admin.get("/accounts/1?s=management")
    ok(re.search(r'<tr class="ws-overdue"><th scope="row">Send the offer', r.text) and
       not re.search(r'<tr class="ws-overdue"><th scope="row">Call back', r.text), "the overdue action is highlighted, the other not")

    r = create("evaluation", "kpi_measurements", {"kpi_id": "1", "period": "2026-11", "value": "97"})
    ok(r.status == 303, "evaluation: a measurement is recorded", r.status)
    r = admin.get("/accounts/1?s=evaluation&kpi_id=1")
    ok("chart-line" in r.text and "On-time delivery" in r.text and 'class="target' in r.text,
       "the KPI history is drawn with its target line", None)
    ok('class="sparkline' in r.text, "the scorecard has a sparkline", None)

    # ---- validation errors keep what was typed, beside the field
    r = create("strategy", "objectives", {"title": "", "level": "financial", "measure": "typed measure"})
    ok(r.status == 422 and 'value="typed measure"' in r.text and any("title" in e for e in field_error(r.text)),
       "an empty title: 422, the error beside the field, the input kept", (r.status, field_error(r.text)))
    ok("<details class=\"ws-add\" open>" in r.text, "and the add form is open")

    # ---- two people edit the same objective: the second is refused, both versions shown
    other = Client(k.port)
    other.login("kam1")
    ra = admin.get("/accounts/1?s=strategy&edit=objective-1")
    rb = other.get("/accounts/1?s=strategy&edit=objective-1")
    va, vb = version_in(ra.text, "form-objective-1"), version_in(rb.text, "form-objective-1")
    r = admin.post("/accounts/1/records/objectives/1", {"s": "strategy", "version": va, "title": "Triple the share of wallet", "level": "financial"})
    ok(r.status == 303, "the first save succeeds", r.status)
    r = other.post("/accounts/1/records/objectives/1", {"s": "strategy", "version": vb, "title": "Quadruple it", "level": "financial"})
    ok(r.status == 409 and "ws-conflict" in r.text, "the second is refused with a conflict", r.status)
    ok("Triple the share of wallet" in r.text and 'value="Quadruple it"' in r.text,
       "the conflict shows the stored version and keeps the typed one", None)
    ok(k.sql("SELECT title FROM objective WHERE id = 1")[0][0] == "Triple the share of wallet", "nothing was overwritten")
    nv = version_in(r.text, "form-objective-1")
    r = other.post("/accounts/1/records/objectives/1", {"s": "strategy", "version": nv, "title": "Quadruple it", "level": "financial"})
    ok(r.status == 303 and k.sql("SELECT title FROM objective WHERE id = 1")[0][0] == "Quadruple it",
       "saving again after seeing both versions replaces it")

    # ---- what changed since the last visit
    other.get("/accounts/1")
    admin.get("/accounts/1?s=strategy&edit=objective-2")
    r = admin.post("/accounts/1/records/objectives/2", {"s": "strategy", "version": "1", "status": "on_track"})
    ok(r.status == 303, "someone else changes an objective", (r.status, field_error(r.text), re.findall(r"form-error[^>]*>([^<]*)", r.text)))
    r = other.get("/accounts/1")
    m = re.search(r"(\d+) changes by others since your last visit", r.text)
    ok(m and int(m.group(1)) >= 1 and "admin · update Objective #2" in r.text,
       "the KAM sees the change made by someone else", re.findall(r"Changed since.*?</section>", r.text, re.S))

    # ---- plan versions
    admin.get("/accounts/1?s=plan")
    r = admin.post("/accounts/1/plan/freeze", {"s": "plan", "label": "2027", "note": "yearly planning"})
    ok(r.status == 303, "a plan version is frozen", r.status)
    r = admin.post("/accounts/1/plan/freeze", {"s": "plan", "label": "2027"})
    ok(r.status == 422 and any("2027" in e for e in field_error(r.text)) and 'value="2027"' in r.text,
       "a duplicate label is refused beside the field, input kept", field_error(r.text))
    admin.get("/accounts/1?s=strategy&edit=objective-2")
    admin.post("/accounts/1/records/objectives/2", {"s": "strategy", "version": "2", "target": "40%"})
    create("strategy", "customer_goals", {"title": "Halve the downtime"})
    vid = k.sql("SELECT id FROM plan_version WHERE label = '2027'")[0][0]
    r = admin.get(f"/accounts/1?s=plan&from={vid}&to=0")
    diff = " ".join(re.findall(r'<ul class="ws-diff">.*?</ul>', r.text, re.S))
    ok("added</span> Halve the downtime" in diff, "the diff lists the goal added since the version", diff[:400])
    ok(re.search(r"changed</span> Become energy partner: [^<]*Target", diff), "and the objective whose target changed, naming the field", diff[:400])
    r = admin.get(f"/accounts/1?s=plan&from={vid}&to={vid}")
    ok("Nothing changed between these two versions." in r.text, "a version compared with itself shows no change")

    # ---- access: another KAM's account is 404, a team member may not change the team
    kam2 = Client(k.port)
    kam2.login("kam2")
    ok(kam2.get("/accounts/1").status == 404, "another KAM's account is 404")
    ok(kam2.get("/api/v1/accounts/1/workspace").status == 404, "and its workspace JSON too")
    kam2.get("/accounts/2")
    r = kam2.post("/accounts/1/records/objectives", {"s": "strategy", "title": "Sneak", "level": "financial"})
    ok(r.status == 404 and not k.sql("SELECT id FROM objective WHERE title = 'Sneak'"), "and a form posted to it is 404, nothing saved", r.status)
    r = admin.post("/accounts/2/records/objectives/1", {"s": "strategy", "version": "5", "title": "Moved"})
    ok(r.status == 404, "a record of account 1 cannot be changed through account 2", r.status)
    admin.get("/accounts/1?s=evaluation")
    r = admin.post("/accounts/1/records/kpi_measurements", {"s": "evaluation", "kpi_id": "3", "period": "2026-10", "value": "1"})
    ok(r.status == 422 and not k.sql("SELECT id FROM kpi_measurement WHERE kpi_id = 3"),
       "a row under another account's parent is refused through this account", (r.status, field_error(r.text)))
    team = Client(k.port)
    team.login("team1")
    r = team.get("/accounts/1?s=people")
    ok(r.status == 200 and "/accounts/1/records/team_members\"" not in r.text, "a team member sees the team without the add form")
    r = team.post("/accounts/1/records/team_members", {"s": "people", "person_id": person_of("kam2"), "role": "sales"})
    ok(r.status == 403, "and a team change they post is 403", r.status)
    r = team.post("/accounts/1/records/action_items", {"s": "management", "title": "Team task"})
    ok(r.status == 303, "but they may add an action", r.status)
    ex = Client(k.port)
    ex.login("exec")
    r = ex.get("/accounts/1?s=strategy")
    ok(r.status == 200 and "/accounts/1/records/objectives\"" not in r.text, "an executive reads the workspace without operational forms")
    r = ex.post("/accounts/1/records/objectives", {"s": "strategy", "title": "Exec objective", "level": "financial"})
    ok(r.status == 403, "and an operational change by an executive is 403", r.status)

    # ---- the same through the JSON API (a KAM's token)
    token = k.cli("token", "create", "kam1").stdout.strip()
    api = Client(k.port)
    auth = {"Authorization": "Bearer " + token}
    before = api.get("/api/v1/accounts/1/workspace", headers=auth).json()["alignment"]["objectives_linked"]
    r = api.request("POST", "/api/v1/objectives", json_body={"account_id": 1, "title": "API objective", "level": "operational"}, headers=auth)
    ok(r.status == 201, "API: an objective is created", r.text[:200])
    oid = r.json()["id"]
    after = api.get("/api/v1/accounts/1/workspace", headers=auth).json()["alignment"]["objectives_linked"]
    ok(after == {"num": before["num"], "den": before["den"] + 1}, "the workspace JSON counts it as an unlinked objective", (before, after))
    r = api.request("PATCH", f"/api/v1/objectives/{oid}", json_body={"version": 1, "status": "on_track"}, headers=auth)
    ok(r.status == 200 and r.json()["status"] == "on_track", "API: it is edited", r.text[:200])
    r = api.request("PATCH", f"/api/v1/objectives/{oid}", json_body={"version": 1, "status": "at_risk"}, headers=auth)
    ok(r.status == 409, "API: a stale version is a conflict", r.status)
    r = api.request("DELETE", f"/api/v1/objectives/{oid}?version=2", headers=auth)
    ok(r.status == 204, "API: it is deleted", r.status)
    r = admin.get("/accounts/1?s=strategy")
    ok("API objective" not in r.text, "and the workspace no longer shows it")
    tok2 = k.cli("token", "create", "kam2").stdout.strip()
    r = api.get("/api/v1/accounts/1/workspace", headers={"Authorization": "Bearer " + tok2})
    ok(r.status == 404 and r.json()["error"]["code"], "API: another KAM's workspace is 404", r.status)

    # Italian
    admin.post("/lang", {"lang": "it", "next": "/accounts/1"})
    r = admin.get("/accounts/1?s=people")
    ok("Mappa delle relazioni" in r.text and "Risorse umane" in r.text, "the workspace speaks Italian", None)
finally:
    k.cleanup()
done()
