"""The assessment's downloads and trend in the browser: the XLSX workbook
(/assessment/:id/results.xlsx) with its headers, languages and the results'
own access rules; the download links on the results page, for the whole
round and for one account; the trend page (/assessment/trend) with one line
chart per level and the index over the rounds, for the programme or one
account, and who may see it."""
import io
import json
import re
import zipfile

from kamtest import Kam, Client, ok, done

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_names(body):
    """The sheet names of a workbook, or None when it is not one."""
    try:
        wb = zipfile.ZipFile(io.BytesIO(body)).read("xl/workbook.xml").decode()
    except (zipfile.BadZipFile, KeyError):
        return None
    return re.findall(r'<sheet name="([^"]+)"', wb)


k = Kam()
try:
    k.cli("init")
    k.cli("demo", "--accounts", "8")
    k.start()
    admin, kam_user, guest, anon = Client(k.port), Client(k.port), Client(k.port), Client(k.port)
    admin.login("admin", "kam-demo-admin")
    kam_user.login("giulia", "kam-demo-kam")
    guest.login("thomas", "kam-demo-guest")
    rid = k.sql("SELECT id FROM assessment_round ORDER BY id LIMIT 1")[0][0]
    giulia = k.sql("SELECT person_id FROM app_user WHERE login = 'giulia'")[0][0]
    own = k.sql(f"SELECT a.id FROM account a JOIN round_account ra ON ra.account_id = a.id AND ra.round_id = {rid} "
                f"WHERE a.kam_id = {giulia} ORDER BY a.id LIMIT 1")[0][0]
    other = k.sql(f"SELECT a.id FROM account a JOIN round_account ra ON ra.account_id = a.id AND ra.round_id = {rid} "
                  f"WHERE a.kam_id IS NOT {giulia} ORDER BY a.id LIMIT 1")

    # ---- the workbook
    r = admin.get(f"/assessment/{rid}/results.xlsx")
    ok(r.status == 200, "the round's workbook downloads", r.status)
    ok(r.header("Content-Type") == XLSX, "as an XLSX", r.header("Content-Type"))
    ok(r.header("Content-Disposition") == f'attachment; filename="kam-assessment-{rid}-programme-en.xlsx"',
       "as an attachment named after the round and the language", r.header("Content-Disposition"))
    ok(r.header("X-Content-Type-Options") == "nosniff" and "no-store" in (r.header("Cache-Control") or ""),
       "not sniffed, not cached")
    ok(sheet_names(r.body) == ["Summary", "Dimensions", "Accounts", "Gaps", "Importance-performance", "Evidence",
                               "Recommendations", "Trend", "Responses"], "one sheet per view", sheet_names(r.body))
    z = zipfile.ZipFile(io.BytesIO(r.body))
    rels = z.read("xl/worksheets/_rels/sheet7.xml.rels").decode() if "xl/worksheets/_rels/sheet7.xml.rels" in z.namelist() else ""
    ok(f"http://127.0.0.1:{k.port}/" in rels, "recommendations link back into this kam", rels[:300])
    strings = z.read("xl/sharedStrings.xml").decode()
    answers = k.sql(f"SELECT count(*) FROM answer x JOIN rater r ON r.id = x.rater_id WHERE r.round_id = {rid}")[0][0]
    rows = len(re.findall(r"<row ", z.read("xl/worksheets/sheet9.xml").decode()))
    ok(rows == answers + 1, "the responses sheet has a row per answer", (rows, answers))
    cli = json.loads(k.cli("assess", "results", str(rid), "--json").stdout)
    ok(all(x["text"].replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;") in strings
           or x["text"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in strings
           for x in cli["recommendations"][:5]), "with the recommendations the scoring made")

    r = admin.get(f"/assessment/{rid}/results.xlsx?lang=it")
    ok(r.status == 200 and (sheet_names(r.body) or [""])[0] == "Sintesi", "?lang=it: Italian sheet names",
       sheet_names(r.body))
    ok(r.header("Content-Disposition").endswith('-it.xlsx"'), "and an Italian file name", r.header("Content-Disposition"))
    ok(admin.get(f"/assessment/{rid}/results.xlsx?lang=fr").status == 400, "an unknown language is a bad request")
    ok(admin.get(f"/assessment/{rid}/results.xlsx?account=x").status == 400, "so is an account that is not an id")
    ok(admin.get("/assessment/999/results.xlsx").status == 404, "an unknown round is not found")
    r = admin.get(f"/assessment/{rid}/results.xlsx?account={own}")
    ok(r.status == 200 and f"-account-{own}-en.xlsx" in r.header("Content-Disposition"), "an account's workbook",
       r.header("Content-Disposition"))

    # Who may download: the results' own rules.
    s = kam_user.get(f"/assessment/{rid}/results.xlsx").status
    ok(s == 403, "a KAM does not get the whole round's workbook", s)
    r = kam_user.get(f"/assessment/{rid}/results.xlsx?account={own}")
    ok(r.status == 200 and sheet_names(r.body) is not None, "but their account's", r.status)
    if other:
        s = kam_user.get(f"/assessment/{rid}/results.xlsx?account={other[0][0]}").status
        ok(s == 404, "not another KAM's account (as if it did not exist)", s)
    s = guest.get(f"/assessment/{rid}/results.xlsx?account=1").status
    ok(s == 404, "a customer guest never", s)
    r = anon.get(f"/assessment/{rid}/results.xlsx")
    ok(r.status == 303 and (r.header("Location") or "").startswith("/login"), "anonymous: sent to sign in", r.status)

    # ---- download links on the results page, in the page's language
    r = admin.get(f"/assessment/{rid}")
    for f in ("report.pdf", "report.html", "results.xlsx"):
        ok(f'href="/assessment/{rid}/{f}?lang=en"' in r.text, f"the results page links {f}")
    ok('href="/assessment/trend"' in r.text, "and the trend page")
    ok('id="rater-gaps"' in r.text and 'id="evidence"' in r.text, "and shows the rater gaps and the evidence")
    r = kam_user.get(f"/assessment/{rid}?account={own}")
    lang = (re.search(r'<html lang="(\w+)"', r.text) or [None, "en"])[1]
    ok(f'href="/assessment/{rid}/results.xlsx?account={own}&amp;lang={lang}"' in r.text,
       "an account's results link that account's downloads", re.findall(r'href="[^"]*xlsx[^"]*"', r.text))
    ok(f'href="/assessment/trend?account={own}"' in r.text, "and its trend")
    it = Client(k.port)
    it.login("admin", "kam-demo-admin")
    it.post("/lang", {"lang": "it", "next": f"/assessment/{rid}"})
    r = it.get(f"/assessment/{rid}")
    ok(f'href="/assessment/{rid}/report.pdf?lang=it"' in r.text, "in Italian, the links ask for Italian")

    # ---- the trend page
    r = admin.get("/assessment")
    ok('href="/assessment/trend"' in r.text, "the assessment page links the trend")
    r = admin.get("/assessment/trend")
    ok(r.status == 200, "the trend page opens", r.status)
    ok('id="trend-index"' in r.text, "with the index of each level over the rounds")
    ok(all(f'id="trend-level-{l}"' in r.text for l in range(3)), "and one line chart per level")
    ok(r.text.count("chart-line") >= 4 and r.text.count('<details class="chart-data"') >= 4,
       "line charts with their data as tables")
    names = [n for (n,) in k.sql("SELECT name FROM assessment_round WHERE status IN ('open', 'closed')")]
    ok(all(n in r.text for n in names), "naming the rounds", names)
    r = admin.get(f"/assessment/trend?account={own}")
    ok(r.status == 200 and re.search(rf'<option value="{own}" selected>', r.text), "filtered to one account", r.status)
    ok(admin.get("/assessment/trend?account=x").status == 400, "a bad account filter is a bad request")
    r = kam_user.get("/assessment/trend")
    ok(r.status == 200 and 'id="trend-index"' in r.text and " selected>" in r.text,
       "a KAM gets the trend of their own account", r.status)
    ok('<option value="">' not in r.text, "without the whole-programme choice")
    if other:
        s = kam_user.get(f"/assessment/trend?account={other[0][0]}").status
        ok(s == 404, "not another KAM's account", s)
    ok(guest.get("/assessment/trend").status == 404, "a customer guest has no trend page")
    r = it.get("/assessment/trend")
    ok("Andamento tra i cicli" in r.text, "the trend page in Italian")
finally:
    k.cleanup()
done()
