"""The assessment report as downloads: GET /assessment/ID/report.html and
/assessment/ID/report.pdf (?account=ID, ?lang=it|en), with the right
headers, the same access rules as the results (404 for what one may not
see, 403 for what one may see but not read as a whole), and the user's
language unless ?lang says otherwise."""
import os
import re
import subprocess
import tempfile

from kamtest import Kam, Client, ok, done, skip, ROOT

# under ASan: fontconfig's process-lifetime cache is not a leak of kam's
_supp = "suppressions=" + os.path.join(ROOT, "tests", "lsan-fontconfig.supp")
os.environ["LSAN_OPTIONS"] = _supp + (":" + os.environ["LSAN_OPTIONS"] if os.environ.get("LSAN_OPTIONS") else "")

k = Kam()
try:
    k.cli("init")
    k.cli("demo", "--accounts", "40")
    k.start()
    admin, kam_user, guest = Client(k.port), Client(k.port), Client(k.port)
    admin.login("admin", "kam-demo-admin")
    kam_user.login("giulia", "kam-demo-kam")
    guest.login("thomas", "kam-demo-guest")
    rid = k.sql("SELECT id FROM assessment_round ORDER BY id LIMIT 1")[0][0]
    own = k.sql("SELECT r.account_id FROM rater r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'giulia' "
                f"AND r.rater_role = 'kam' AND r.round_id = {rid} ORDER BY r.account_id LIMIT 1")[0][0]
    other = k.sql(f"SELECT ra.account_id FROM round_account ra WHERE ra.round_id = {rid} AND ra.account_id NOT IN "
                  "(SELECT r.account_id FROM rater r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'giulia' "
                  "AND r.account_id IS NOT NULL) ORDER BY 1 LIMIT 1")

    # ---- the programme report as HTML
    r = admin.get(f"/assessment/{rid}/report.html")
    ok(r.status == 200, "the HTML report downloads", r.status)
    ok((r.header("Content-Type") or "").startswith("text/html"), "as text/html", r.header("Content-Type"))
    cd = r.header("Content-Disposition") or ""
    ok(cd == f'attachment; filename="kam-assessment-{rid}-programme-en.html"', "as an attachment with a sensible name", cd)
    ok(r.text.startswith("<!DOCTYPE html>") and "<script" not in r.text, "a whole document, without script")
    ok(re.search(r'(src|href)="(https?:)?//', r.text) is None, "nothing fetched from elsewhere")
    ok("chart-radar" in r.text and "chart-heatmap" in r.text, "with the radar and the heatmap")
    ok("no-store" in (r.header("Cache-Control") or ""), "not kept in shared caches", r.header("Cache-Control"))

    # ---- the PDF
    r = admin.get(f"/assessment/{rid}/report.pdf")
    ok(r.status == 200 and r.body.startswith(b"%PDF-"), "the PDF report downloads", r.status)
    ok(r.header("Content-Type") == "application/pdf", "as application/pdf", r.header("Content-Type"))
    ok(r.header("Content-Disposition") == f'attachment; filename="kam-assessment-{rid}-programme-en.pdf"',
       "as an attachment named .pdf", r.header("Content-Disposition"))
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "r.pdf")
        with open(path, "wb") as f:
            f.write(r.body)
        cli_pdf = os.path.join(d, "cli.pdf")
        k.cli("report", "programme", "--lang", "en", "-o", cli_pdf)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        ok("(A4)" in info, "A4", info)
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
        ok("Page 1 of" in text and "1. Summary" in text, "in English for an English user")
        ok(open(cli_pdf, "rb").read() == r.body, "the same file as `kam report programme --format pdf`")

        # ---- Italian: ?lang=it, and the user's own language
        r = admin.get(f"/assessment/{rid}/report.pdf?lang=it")
        ok(r.status == 200 and r.header("Content-Disposition").endswith('-programme-it.pdf"'), "?lang=it", r.status)
        with open(path, "wb") as f:
            f.write(r.body)
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
        ok("Pagina 1 di" in text and "1. Sintesi" in text, "gives the Italian report")
        r = admin.get(f"/assessment/{rid}/report.html?lang=it")
        ok('<html lang="it">' in r.text and "Sintesi" in r.text, "the Italian HTML too")

    r = admin.get(f"/assessment/{rid}/report.pdf?lang=fr")
    ok(r.status == 400, "an unknown ?lang is refused", r.status)
    r = admin.get(f"/assessment/{rid}/report.pdf?account=abc")
    ok(r.status == 400, "a bad ?account is refused", r.status)
    r = admin.get("/assessment/9999/report.pdf")
    ok(r.status == 404, "an unknown round is 404", r.status)

    # ---- an account: the KAM's own, in the KAM's language (Italian in the demo)
    r = kam_user.get(f"/assessment/{rid}/report.pdf?account={own}")
    ok(r.status == 200, "a KAM downloads the report of their account", r.status)
    ok(r.header("Content-Disposition") == f'attachment; filename="kam-assessment-{rid}-account-{own}-it.pdf"',
       "named after the account, in the KAM's language", r.header("Content-Disposition"))
    r = kam_user.get(f"/assessment/{rid}/report.html?account={own}&lang=en")
    ok(r.status == 200 and "Account plan" in r.text, "the account report holds the account plan", r.status)
    r = kam_user.get(f"/assessment/{rid}/report.pdf")
    ok(r.status == 403, "a KAM may not download the whole programme's report", r.status)
    r = kam_user.get(f"/assessment/{rid}/report.html")
    ok(r.status == 403, "in either format", r.status)
    if other:
        r = kam_user.get(f"/assessment/{rid}/report.pdf?account={other[0][0]}")
        ok(r.status in (403, 404), "nor another KAM's account's", r.status)
    else:
        skip("nor another KAM's account's", "every account of the demo round is the KAM's")
    r = guest.get(f"/assessment/{rid}/report.pdf?account={own}")
    ok(r.status == 403, "a customer guest gets no report: results are internal", r.status)
    r = guest.get(f"/assessment/{rid}/report.html")
    ok(r.status == 403, "not the programme's either", r.status)
    anon = Client(k.port)
    r = anon.get(f"/assessment/{rid}/report.pdf")
    ok(r.status in (302, 303, 401), "signed out: to the sign-in page", r.status)
    rc = k.stop()
    ok(rc == 0, "the server stops cleanly (no leak or error under ASan)", rc)
finally:
    k.cleanup()
done()
