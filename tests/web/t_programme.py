"""The programme level (issue 5): the top-management dashboard, its drill-down
and JSON, the portfolio matrix, what-if, the criteria editor, scoring and the
key-account decisions, with the access each role has."""
import json
import re
import urllib.parse

from kamtest import Kam, Client, ok, done

k = Kam(env={"KAM_TODAY": "2026-11-28"})
try:
    k.cli("init")
    k.cli("demo")
    k.user("boss", "executive")
    k.user("lead", "admin")
    giulia_person = k.sql("SELECT person_id FROM app_user WHERE login = 'giulia'")[0][0]
    k.cli("user", "passwd", "giulia", "--password-stdin", stdin="correct horse battery\n")
    k.user("member", "team")
    k.user("visitor", "guest", account=1)
    k.start()
    boss = Client(k.port)
    r = boss.login("boss")
    ok(r.header("Location") == "/programme" or boss.get("/").header("Location") == "/programme",
       "an executive's home page is the programme dashboard")

    # ---- the dashboard page and its JSON agree, and every figure drills down
    r = boss.get("/programme")
    ok(r.status == 200, "the dashboard opens for an executive", r.status)
    for tid in ["tile-revenue-share", "tile-margin-share", "tile-growth", "tile-retention", "tile-sponsor",
                "tile-plan", "tile-escalations", "chart-kpi", "chart-mix", "weakest"]:
        ok(f'id="{tid}"' in r.text, f"the dashboard shows {tid}")
    j = boss.get("/api/v1/dashboard").json()
    cli = json.loads(k.cli("dashboard", "--json", "--accounts").stdout)
    ja = boss.get("/api/v1/dashboard?accounts=1").json()
    ok("accounts" not in j and len(ja["accounts"]) == len(cli["accounts"]), "the accounts come with the figures only when asked for")
    ok(j["key_accounts"] == cli["key_accounts"] and abs(j["revenue"]["share"] - cli["revenue"]["share"]) < 1e-12
       and j["kpi_attainment"] == cli["kpi_attainment"] and [a["id"] for a in ja["accounts"]] == [a["id"] for a in cli["accounts"]]
       and [w["id"] for w in j["weakest"]] == [w["id"] for w in cli["weakest"]],
       "the API and the CLI give the same figures", (j["key_accounts"], cli["key_accounts"]))
    nkey = k.sql("SELECT COUNT(*) FROM account WHERE status = 'key'")[0][0]
    ok(j["key_accounts"] == nkey, "key accounts counted", (j["key_accounts"], nkey))
    rev = k.sql("SELECT SUM(y.revenue) FROM account a JOIN account_year y ON y.account_id = a.id"
                " WHERE a.status = 'key' AND y.year = (SELECT MAX(year) FROM company_year)")[0][0]
    comp = k.sql("SELECT revenue FROM company_year ORDER BY year DESC LIMIT 1")[0][0]
    ok(abs(j["revenue"]["share"] - rev / comp) < 1e-9, "revenue share = key revenue / company revenue",
       (j["revenue"]["share"], rev / comp))
    pct = "{:.0f}%".format(rev / comp * 100)
    ok(pct in r.text, "the page shows the revenue share", pct)

    trend = json.loads(k.cli("assess", "trend", "--json").stdout)
    ok(len(j["assessment"]) == len(trend) and all(abs(a["corporate"] - (t["corporate"]["score"] - 1) / 4 * 100) < 1e-9
                                                  for a, t in zip(j["assessment"], trend) if t["corporate"]["score"] is not None),
       "the assessment index per round is the assessment's own", (j["assessment"], len(trend)))
    ok('id="tile-assessment"' in r.text and "chart-assessment" in r.text, "the dashboard shows the assessment index and trend")
    figures = {
        "key": j["key_accounts"],
        "no_sponsor": j["sponsor_coverage"]["of"] - j["sponsor_coverage"]["count"],
        "plan": j["plan_coverage"]["count"],
        "no_plan": j["plan_coverage"]["of"] - j["plan_coverage"]["count"],
        "retained": j["retention"]["count"],
        "escalations": len({e["account_id"] for e in j["escalations"]["items"]}),
    }
    for b, n in j["kpi_attainment"].items():
        figures["band_" + b] = n
    for q, n in j["mix"]["quadrant"].items():
        figures["quadrant_" + q] = n
    for s, n in j["mix"]["stage"].items():
        figures["stage_" + s] = n
    bad = []
    for fig, n in figures.items():
        page = boss.get("/programme/drill?fig=" + fig)
        rows = len(re.findall(r'<tr><th scope="row"><a href="/accounts/\d+"', page.text))
        api = boss.get("/api/v1/dashboard?fig=" + fig).json()["drill"]["accounts"]
        if page.status != 200 or rows != n or len(api) != n:
            bad.append((fig, n, page.status, rows, len(api)))
    ok(not bad, "every figure drills down to exactly the accounts behind it", bad)
    ok(boss.get("/programme/drill?fig=nonsense").status == 404, "an unknown figure is 404")
    ok(f'href="/programme/drill?fig=no_plan"' in r.text, "the plan tile links to its drill-down")

    # ---- the dashboard is answered from memory only while nothing changed: a
    # write by another program (the CLI) shows at once
    again = boss.get("/api/v1/dashboard").json()
    ok(again == j, "asked again, the dashboard is the same")
    sp = k.sql("SELECT id, version FROM account WHERE status = 'key' AND sponsor_id IS NOT NULL ORDER BY id LIMIT 1")[0]
    sponsor = k.sql(f"SELECT sponsor_id FROM account WHERE id = {sp[0]}")[0][0]
    k.cli("account", "edit", str(sp[0]), "--version", str(sp[1]), "--sponsor_id", "")
    after = boss.get("/api/v1/dashboard").json()
    ok(after["sponsor_coverage"]["count"] == j["sponsor_coverage"]["count"] - 1, "a change made elsewhere shows at once",
       (after["sponsor_coverage"], j["sponsor_coverage"]))
    k.cli("account", "edit", str(sp[0]), "--version", str(sp[1] + 1), "--sponsor_id", str(sponsor))
    ok(boss.get("/api/v1/dashboard").json()["sponsor_coverage"] == j["sponsor_coverage"], "and so does undoing it")

    # ---- filters
    ind = k.sql("SELECT industry FROM account WHERE status = 'key' GROUP BY industry ORDER BY COUNT(*) DESC LIMIT 1")[0][0]
    fj = boss.get("/api/v1/dashboard?industry=" + urllib.parse.quote(ind)).json()
    want = k.sql(f"SELECT COUNT(*) FROM account WHERE status = 'key' AND industry = '{ind}'")[0][0]
    ok(fj["key_accounts"] == want and fj["filter"]["industry"] == ind, "the industry filter", (fj["key_accounts"], want))
    fp = boss.get("/programme?industry=" + urllib.parse.quote(ind))
    ok(fp.status == 200 and "drill?fig=key&amp;industry=" in fp.text, "drill-down links keep the filters")
    q = boss.get("/api/v1/dashboard?quadrant=strategic").json()
    ok(q["key_accounts"] == j["mix"]["quadrant"]["strategic"], "the quadrant filter", (q["key_accounts"], j["mix"]["quadrant"]))
    st = boss.get("/api/v1/dashboard?stage=3").json()
    ok(st["key_accounts"] == j["mix"]["stage"]["3"], "the stage filter")
    kid = k.sql("SELECT kam_id FROM account WHERE status = 'key' AND kam_id IS NOT NULL LIMIT 1")[0][0]
    kj = boss.get(f"/api/v1/dashboard?kam={kid}").json()
    ok(kj["key_accounts"] == k.sql(f"SELECT COUNT(*) FROM account WHERE status = 'key' AND kam_id = {kid}")[0][0], "the KAM filter")
    ok(boss.get("/api/v1/dashboard?stage=9").status == 400, "a bad filter value is 400")
    it = boss.get("/programme", headers={"Accept-Language": "it"})

    # ---- the portfolio matrix
    r = boss.get("/portfolio")
    ok(r.status == 200 and "chart-bubble" in r.text, "the portfolio matrix is drawn", r.status)
    ok(re.search(r'<g class="bubble stage-\d"><a href="/accounts/\d+"', r.text) is not None, "bubbles link to the account")
    for qn in ["strategic", "development", "maintenance", "opportunistic"]:
        ok(f'id="quad-{qn}"' in r.text, f"the {qn} list is shown")
    # what-if: the page lists the same moves as the CLI
    crit = json.loads(k.cli("portfolio", "list", "--json").stdout)["criteria"]
    w = {c["code"]: c["weight"] for c in crit}
    alt = dict(w, att_volume=w["att_volume"] + 15, att_openness=w["att_openness"] - 10, att_reference=w["att_reference"] - 5)
    spec = ",".join(f"{c}={v:g}" for c, v in alt.items())
    moves = json.loads(k.cli("portfolio", "whatif", "--weights", spec, "--json").stdout)
    r = boss.get("/portfolio?" + urllib.parse.urlencode({"w_" + c: f"{v:g}" for c, v in alt.items()}))
    shown = re.findall(r'id="whatif-result"', r.text)
    nrows = len(re.findall(r'<tr><th scope="row"><a href="/portfolio/accounts/\d+"', r.text.split('id="whatif-result"')[1].split("</table>")[0])) if shown else -1
    nmoves = len(moves["moves"]) if isinstance(moves, dict) else len(moves)
    ok(shown and (nrows == nmoves or (nmoves == 0 and "whatif.none" not in r.text)), "what-if shows the CLI's moves", (nrows, nmoves))
    before = k.sql("SELECT weight FROM criterion WHERE code = 'att_volume'")[0][0]
    ok(before == w["att_volume"], "what-if saves nothing")
    bad_w = dict(alt, att_volume=alt["att_volume"] + 5)
    r = boss.get("/portfolio?" + urllib.parse.urlencode({"w_" + c: f"{v:g}" for c, v in bad_w.items()}))
    ok("sum to 105" in r.text and "Customer attractiveness" in r.text, "what-if names a set that does not sum to 100")

    # ---- the criteria editor refuses bad sums, naming the set and its sum
    boss.get("/portfolio/criteria")
    r = boss.post("/portfolio/criteria", {"w_att_volume": "35"})
    ok(r.status == 422 and "Customer attractiveness" in r.text and "sum to 110" in r.text,
       "weights that do not sum to 100 are refused with the set and its sum", r.status)
    ok(k.sql("SELECT weight FROM criterion WHERE code = 'att_volume'")[0][0] == before, "and nothing is saved")
    boss.get("/portfolio/criteria")
    r = boss.post("/portfolio/criteria", {"w_att_volume": "35", "w_att_openness": "0"})
    ok(r.status == 303, "weights that sum to 100 are saved", r.status)
    ok(k.sql("SELECT weight FROM criterion WHERE code = 'att_volume'")[0][0] == 35, "the new weight is stored")
    itc = Client(k.port)
    itc.login("boss")
    itc.post("/lang", {"lang": "it", "next": "/portfolio/criteria"})
    itc.get("/portfolio/criteria")
    r = itc.post("/portfolio/criteria", {"w_str_wallet": "21"})
    ok(r.status == 422 and "Forza relativa" in r.text and "101" in r.text, "the refusal in Italian", r.status)

    # ---- thresholds
    boss.get("/portfolio")
    r = boss.post("/portfolio/thresholds", {"attractiveness": "6", "strength": "5"})
    ok(r.status == 303 and k.sql("SELECT threshold_attractiveness, threshold_strength FROM programme")[0] == (6.0, 5.0),
       "thresholds are saved", r.status)

    # ---- scores of one account with their spread; scoring
    aid = k.sql("SELECT account_id FROM criterion_score GROUP BY account_id ORDER BY COUNT(DISTINCT scorer_id) DESC LIMIT 1")[0][0]
    r = boss.get(f"/portfolio/accounts/{aid}")
    ok(r.status == 200 and 'id="scores"' in r.text, "an account's scores with spread", r.status)
    n0 = k.sql(f"SELECT COUNT(*) FROM criterion_score WHERE account_id = {aid}")[0][0]
    r = boss.post(f"/portfolio/accounts/{aid}", {"criterion": "att_fit", "score": "7", "note": "board view"})
    ok(r.status == 303 and k.sql(f"SELECT COUNT(*) FROM criterion_score WHERE account_id = {aid}")[0][0] == n0 + 1,
       "a new scorer's score is recorded", r.status)

    # ---- bulk scoring: only changed cells are saved, all or none
    r = boss.get("/portfolio/score?set=strength")
    ok(r.status == 200 and 'id="bulk"' in r.text, "the bulk scoring grid opens", r.status)
    uid = k.sql("SELECT id FROM app_user WHERE login = 'boss'")[0][0]
    accts = [int(x) for x in re.findall(r'name="s_(\d+)_str_wallet"', r.text)][:2]
    before_n = k.sql(f"SELECT COUNT(*) FROM criterion_score WHERE scorer_id = {uid}")[0][0]
    r = boss.post("/portfolio/score?set=strength", {f"s_{accts[0]}_str_wallet": "6", f"s_{accts[1]}_str_price": "4"})
    ok(r.status == 303 and k.sql(f"SELECT COUNT(*) FROM criterion_score WHERE scorer_id = {uid}")[0][0] == before_n + 2,
       "two scores saved from the grid", r.status)
    boss.get("/portfolio/score?set=strength")
    r = boss.post("/portfolio/score?set=strength", {f"s_{accts[0]}_str_wallet": "7", f"s_{accts[1]}_str_price": "11"})
    ok(r.status == 422 and k.sql(f"SELECT score FROM criterion_score WHERE scorer_id = {uid} AND account_id = {accts[0]}"
                                 " AND criterion_id = (SELECT id FROM criterion WHERE code = 'str_wallet')")[0][0] == 6,
       "a score out of 1-10 refuses the whole grid", r.status)

    # ---- decisions
    cand = k.sql("SELECT id FROM account WHERE status = 'candidate' LIMIT 1")[0][0]
    boss.get("/portfolio/decisions")
    r = boss.post("/portfolio/decisions", {"account_id": str(cand), "decision": "nominate", "reason": "strategic fit",
                                          "decided_on": "2026-11-20"})
    ok(r.status == 303 and k.sql(f"SELECT status FROM account WHERE id = {cand}")[0][0] == "key", "a nomination makes a key account", r.status)
    r = boss.get("/portfolio/decisions")
    ok("strategic fit" in r.text, "the decision is in the history")
    boss.get("/portfolio/decisions")
    r = boss.post("/portfolio/decisions", {"account_id": str(cand), "decision": "nominate", "reason": "again"})
    ok(r.status in (400, 422), "nominating a key account again is refused", r.status)

    # ---- solutions, people, organisation
    r = boss.get("/programme/solutions")
    ok(r.status == 200 and 'id="level-co_developed"' in r.text, "the offering catalogue by customisation level", r.status)
    used = k.sql("SELECT o.name, COUNT(DISTINCT s.account_id) FROM offering o JOIN solution_cell s ON s.offering_id = o.id"
                 " WHERE s.state = 'current' GROUP BY o.id ORDER BY 2 DESC LIMIT 1")
    if used:
        m = re.search(re.escape(used[0][0]) + r'</a>.*?<td class="num">(\d+)</td>', r.text)
        ok(m and int(m.group(1)) == used[0][1], "each offering counts the accounts using it", (used[0], m and m.group(1)))
    r = boss.get("/programme/people")
    ok(r.status == 200 and 'id="capacity"' in r.text and "chart-ratings" in r.text, "KAM people: capacity and ratings", r.status)
    limit = k.sql("SELECT max_accounts_per_kam FROM programme")[0][0]
    over = k.sql(f"SELECT COUNT(*) FROM (SELECT kam_id FROM account WHERE status = 'key' AND kam_id IS NOT NULL GROUP BY kam_id HAVING COUNT(*) > {limit})")[0][0]
    ok(('id="capacity-warning"' in r.text) == (over > 0), "a warning when KAMs are over the programme's limit", over)
    r = boss.get("/programme/organisation")
    ok(r.status == 200 and 'id="compliance"' in r.text, "organisation and compliance", r.status)
    rows = len(re.findall(r'<tr><th scope="row"><a href="/accounts/\d+"', r.text.split('id="compliance"')[1]))
    nkey_now = k.sql("SELECT COUNT(*) FROM account WHERE status = 'key'")[0][0]
    ok(rows == nkey_now, "compliance lists every key account", (rows, nkey_now))
    r = boss.get("/programme")
    ok(all(f'id="{d}"' in r.text for d in ["strategy", "solutions", "people", "management", "evaluation"]),
       "the dashboard has the five dimensions the assessment links to")

    # ---- deciding an open escalation from the dashboard (the CEO's two clicks)
    esc = k.sql("SELECT e.id FROM escalation e JOIN account a ON a.id = e.account_id WHERE e.status = 'open' AND a.status = 'key' LIMIT 1")
    if esc:
        eid = esc[0][0]
        # Sponsor duties are an executive's on the accounts they sponsor and
        # on escalations addressed to them (FRAMEWORK.md section 4), not on
        # every account.
        k.sql(f"UPDATE escalation SET executive_id = NULL WHERE id = {eid}")
        k.sql(f"UPDATE account SET sponsor_id = NULL WHERE id = (SELECT account_id FROM escalation WHERE id = {eid})")
        r = boss.get("/programme")
        ok(r.status == 200 and f'action="/programme/escalations/{eid}"' not in r.text,
           "an executive gets no decision form for an escalation neither addressed to them nor on an account they sponsor")
        ok(boss.post(f"/programme/escalations/{eid}", {"decision": "not mine"}).status == 403,
           "and may not decide it", k.sql(f"SELECT status FROM escalation WHERE id = {eid}"))
        boss_person = k.sql("SELECT person_id FROM app_user WHERE login = 'boss'")[0][0]
        k.sql(f"UPDATE escalation SET executive_id = {boss_person} WHERE id = {eid}")
        r = boss.get("/programme")
        ok(f'action="/programme/escalations/{eid}"' in r.text, "the executive can decide an escalation addressed to them on the dashboard")
        r = boss.post(f"/programme/escalations/{eid}", {"decision": ""})
        ok(r.status in (400, 422), "a decision must say what was decided", r.status)
        boss.get("/programme")
        r = boss.post(f"/programme/escalations/{eid}", {"decision": "Approve the price concession"})
        ok(r.status == 303 and k.sql(f"SELECT status, decision FROM escalation WHERE id = {eid}")[0] ==
           ("decided", "Approve the price concession"), "the decision is recorded", r.status)
        ok(boss.get("/api/v1/dashboard").json()["escalations"]["open"] == j["escalations"]["open"] - 1,
           "and the escalation leaves the open ones")
        boss.get("/programme")
        ok(boss.post(f"/programme/escalations/{eid}", {"decision": "again"}).status == 409, "a decided escalation is not decided twice")

    # ---- access
    kc = Client(k.port)
    kc.login("giulia")
    kj = kc.get("/api/v1/dashboard").json()
    own = k.sql(f"SELECT COUNT(*) FROM account WHERE status = 'key' AND (kam_id = {giulia_person} OR id IN (SELECT account_id FROM team_member WHERE person_id = {giulia_person}))")[0][0]
    ok(kj["key_accounts"] == own, "a KAM's dashboard counts only their accounts", (kj["key_accounts"], own))
    ok(all(kc.get(u).status == 200 for u in ["/programme", "/portfolio", "/programme/solutions", "/programme/people",
                                             "/programme/organisation"]), "a KAM reads the programme")
    r = kc.get("/portfolio/criteria")
    ok('action="/portfolio/criteria"' not in r.text, "a KAM gets no criteria form")
    r = kc.post("/portfolio/criteria", {"w_att_volume": "35"})
    ok(r.status == 403 or (r.status == 422 and k.sql("SELECT weight FROM criterion WHERE code = 'att_volume'")[0][0] == 35),
       "a KAM may not change the criteria", r.status)
    r = kc.post("/portfolio/thresholds", {"attractiveness": "7"})
    ok(r.status == 403, "a KAM may not change thresholds", r.status)
    tc = Client(k.port)
    tc.login("member")
    ok(tc.get("/programme").status == 403 and tc.get("/api/v1/dashboard").status == 403, "a team member may not see the dashboard")
    gc = Client(k.port)
    gc.login("visitor")
    ok(all(gc.get(u).status == 404 for u in ["/programme", "/portfolio", "/programme/people", "/api/v1/dashboard"]),
       "a guest never sees the programme")
    ok(Client(k.port).get("/api/v1/dashboard").status == 401, "anonymous API is 401")
finally:
    k.cleanup()
done()
