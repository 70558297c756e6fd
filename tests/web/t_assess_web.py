"""The assessment in the browser: rounds and one's own questionnaires,
results (radar, heatmap, gaps, recommendations) for those who may see them,
answering one dimension per page with save and resume, and who may do what:
the service decides, the pages only show it."""
import json
import re

from kamtest import Kam, Client, ok, done

k = Kam()
try:
    k.cli("init")
    k.cli("demo", "--accounts", "8")
    k.start()
    admin, kam_user, guest = Client(k.port), Client(k.port), Client(k.port)
    admin.login("admin", "kam-demo-admin")
    kam_user.login("giulia", "kam-demo-kam")
    guest.login("thomas", "kam-demo-guest")
    round_id = k.sql("SELECT id FROM assessment_round ORDER BY id LIMIT 1")[0][0]

    r = admin.get("/assessment")
    ok(r.status == 200, "the assessment page opens", r.status)
    ok(f'href="/assessment/{round_id}"' in r.text, "and lists the demo's round")
    ok('action="/assessment"' in r.text, "an administrator gets the form for a new round")

    r = admin.get(f"/assessment/{round_id}")
    ok(r.status == 200, "the round's results open for an administrator", r.status)
    ok("chart-radar" in r.text and "chart-heatmap" in r.text, "with the radar and the accounts × dimensions heatmap")
    ok(re.search(r'<ol class="recommendations"><li>', r.text) is not None, "and a ranked list of recommendations")
    ok(re.search(r'href="/(accounts/\d+|programme)#\w+"', r.text) is not None, "each linking where it is worked on")

    api = admin.get(f"/api/v1/assessment/rounds/{round_id}/results")
    cli = json.loads(k.cli("assess", "results", str(round_id), "--json").stdout)
    ok(api.status == 200 and api.json() == cli, "the JSON API gives the same results as `kam assess results --json`")

    # A KAM sees the results of the accounts they rated, not the whole round.
    r = kam_user.get(f"/assessment/{round_id}")
    ok(r.status == 200 and "chart-radar" not in r.text, "a KAM does not get the whole round's results", r.status)
    own = re.findall(rf'href="/assessment/{round_id}\?account=(\d+)"', r.text)
    ok(len(own) > 0, "but links to the accounts they rated", r.text[:300])
    if own:
        ok(kam_user.get(f"/assessment/{round_id}?account={own[0]}").status == 200, "and those results open")
    others = k.sql("SELECT a.id FROM account a WHERE a.status = 'key' AND a.kam_id IS NOT "
                   "(SELECT person_id FROM app_user WHERE login = 'giulia') ORDER BY a.id LIMIT 1")
    if others:
        s = kam_user.get(f"/assessment/{round_id}?account={others[0][0]}").status
        ok(s in (403, 404), "another KAM's account's results are refused", s)

    # Answering, one dimension per page: save, go on, come back.
    rater = k.sql("SELECT r.id FROM rater r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'giulia' "
                  f"AND r.round_id = {round_id} ORDER BY r.id LIMIT 1")[0][0]
    r = kam_user.get("/assessment")
    ok(f'href="/assessment/raters/{rater}"' in r.text, "the KAM finds their questionnaire on the assessment page")
    r = kam_user.get(f"/assessment/raters/{rater}?dim=0")
    ok(r.status == 200, "the questionnaire opens at the first dimension", r.status)
    codes = re.findall(r'name="i(\d+)" value="([^"]+)"', r.text)
    ok(len(codes) >= 4, "with at least four items of the dimension", len(codes))
    ok(r.text.count('type="radio"') == 6 * len(codes), "each with five described levels and 'not applicable'")
    form = {"dim": "0", "go": "next"}
    for n, code in codes:
        form[f"i{n}"] = code
        form[f"s{n}"] = "4"
        form[f"m{n}"] = "5"
    form[f"s{codes[-1][0]}"] = "na"
    r = kam_user.post(f"/assessment/raters/{rater}", form)
    ok(r.status == 303 and r.header("Location") == f"/assessment/raters/{rater}?dim=1", "saving goes on to the next dimension",
       f"{r.status} {r.header('Location')}")
    stored = dict(k.sql(f"SELECT i.code, coalesce(a.score, 'na') FROM answer a JOIN assessment_item i ON i.id = a.item_id "
                        f"WHERE a.rater_id = {rater}"))
    ok(all(str(stored.get(c)) == "4" for _, c in codes[:-1]) and stored.get(codes[-1][1]) == "na",
       "the answers are stored, 'not applicable' as such", stored)
    r = kam_user.get(f"/assessment/raters/{rater}?dim=0")
    ok(r.text.count('value="4" checked') == len(codes) - 1 and 'value="na" checked' in r.text,
       "coming back shows what was answered (resume)")

    before = k.sql(f"SELECT count(*) FROM answer WHERE rater_id = {rater}")[0][0]
    bad = dict(form)
    bad[f"s{codes[0][0]}"] = "9"
    r = kam_user.post(f"/assessment/raters/{rater}", bad)
    ok(r.status in (400, 422) and "1" in r.text and "5" in r.text, "a score out of 1–5 is refused, saying why", r.status)
    admin_rater = k.sql("SELECT r.id FROM rater r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'andrea' "
                        f"AND r.round_id = {round_id} LIMIT 1")
    if admin_rater:
        s = kam_user.post(f"/assessment/raters/{admin_rater[0][0]}", form).status
        ok(s in (403, 404), "nobody answers in someone else's name", s)
        s = kam_user.get(f"/assessment/raters/{admin_rater[0][0]}").status
        ok(s in (403, 404), "or reads their answers", s)
    ok(k.sql(f"SELECT count(*) FROM answer WHERE rater_id = {rater}")[0][0] == before, "nothing was stored by refused posts")

    # The customer guest: their own survey, never the results.
    r = guest.get("/assessment")
    ok(r.status == 200 and 'href="/assessment"' in r.text, "a customer guest has the assessment in their navigation")
    s = guest.get(f"/assessment/{round_id}").status
    ok(s in (403, 404), "but never sees results", s)
    ok(guest.get(f"/api/v1/assessment/rounds/{round_id}/results").status in (403, 404), "not through the API either")

    # Rounds: created with the usual raters invited, closed; only by those allowed.
    n_rounds = k.sql("SELECT count(*) FROM assessment_round")[0][0]
    r = kam_user.post("/assessment", {"name": "KAM round", "deadline": "2026-12-31"})
    ok(r.status == 403, "a KAM cannot open a round", r.status)
    r = admin.post("/assessment", {"name": "", "deadline": "2026-12-31"})
    ok(r.status == 422 and 'class="field has-error"' in r.text, "a round without a name is refused beside the field", r.status)
    ok(k.sql("SELECT count(*) FROM assessment_round")[0][0] == n_rounds, "and not created")
    r = admin.post("/assessment", {"name": "Spring review", "deadline": "2027-03-31"})
    new_id = (re.search(r"/assessment/(\d+)$", r.header("Location") or "") or [None, None])[1]
    ok(r.status == 303 and new_id, "an administrator creates a round", r.status)
    if new_id:
        raters = k.sql(f"SELECT count(*) FROM rater WHERE round_id = {new_id}")[0][0]
        ok(raters > 0, "with the usual raters invited", raters)
        r = admin.post(f"/assessment/{new_id}/status", {"status": "open"})
        ok(r.status == 303 and k.sql(f"SELECT status FROM assessment_round WHERE id = {new_id}")[0][0] == "open",
           "and opens it")
    r = admin.get("/assessment?lang=it")
    r = Client(k.port)
    r.login("admin", "kam-demo-admin")
    r.post("/lang", {"lang": "it", "next": "/assessment"})
    p = r.get(f"/assessment/{round_id}")
    ok("Livello corporate" in p.text or "Livello aziendale" in p.text or "Raccomandazioni" in p.text,
       "the results read in Italian")
finally:
    k.cleanup()
done()
