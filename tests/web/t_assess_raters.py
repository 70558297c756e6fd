"""The raters of an assessment round in the browser (/assessment/:id/raters):
progress per rater, inviting one rater (errors shown by the field, nothing
stored), inviting the usual raters, reminding the late ones; a KAM sees only
their own invitations and no forms; a customer guest is refused."""
import re

from kamtest import Kam, Client, ok, done

k = Kam(env={"KAM_TODAY": "2026-11-28"})
try:
    k.cli("init")
    k.cli("demo", "--accounts", "8")
    k.start()
    admin, kam_user, guest = Client(k.port), Client(k.port), Client(k.port)
    admin.login("admin", "kam-demo-admin")
    kam_user.login("giulia", "kam-demo-kam")
    guest.login("thomas", "kam-demo-guest")
    rid = k.sql("SELECT id FROM assessment_round ORDER BY id LIMIT 1")[0][0]
    status = k.sql(f"SELECT status FROM assessment_round WHERE id = {rid}")[0][0]
    if status != "open":
        k.cli("assess", "round", "open", str(rid))
    nraters = k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid}")[0][0]

    r = admin.get(f"/assessment/{rid}/raters")
    ok(r.status == 200, "the raters page opens for an administrator", r.status)
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', r.text)
    ok(len(rows) == nraters, "it lists every rater of the round", (len(rows), nraters))
    ok('name="do" value="invite"' in r.text and 'value="remind"' in r.text and 'value="defaults"' in r.text,
       "with the invite, usual-raters and reminder forms")

    # Invite the customer guest of account 1 as customer rater.
    acc1_in = k.sql(f"SELECT COUNT(*) FROM round_account WHERE round_id = {rid} AND account_id = 1")[0][0]
    ok(acc1_in == 1, "account 1 is part of the demo round")
    already = k.sql(f"SELECT COUNT(*) FROM rater r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'thomas' AND r.round_id = {rid}")[0][0]
    if already:
        k.sql(f"DELETE FROM answer WHERE rater_id IN (SELECT r.id FROM rater r JOIN app_user u ON u.id = r.user_id "
              f"WHERE u.login = 'thomas' AND r.round_id = {rid})")
        k.sql(f"DELETE FROM rater WHERE round_id = {rid} AND user_id = (SELECT id FROM app_user WHERE login = 'thomas')")
    before = k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid}")[0][0]

    admin.get(f"/assessment/{rid}/raters")
    r = admin.post(f"/assessment/{rid}/raters", {"do": "invite", "login": "nobody-here", "role": "kam", "account": "1"})
    ok(r.status == 422 and 'id="inv-login-err"' in r.text and "nobody-here" in r.text,
       "an unknown sign-in name is refused next to its field", r.status)
    ok('value="nobody-here"' in r.text, "and what was typed stays in the form")
    admin.get(f"/assessment/{rid}/raters")
    r = admin.post(f"/assessment/{rid}/raters", {"do": "invite", "login": "thomas", "role": "kam", "account": "1"})
    ok(r.status == 422 and "customer" in r.text, "a customer guest cannot be invited as KAM", r.status)
    admin.get(f"/assessment/{rid}/raters")
    r = admin.post(f"/assessment/{rid}/raters", {"do": "invite", "login": "thomas", "role": "customer", "account": "x"})
    ok(r.status == 422 and 'id="inv-account-err"' in r.text, "a malformed account is refused by its field", r.status)
    ok(k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid}")[0][0] == before, "nothing was stored by the refused forms")

    admin.get(f"/assessment/{rid}/raters")
    r = admin.post(f"/assessment/{rid}/raters", {"do": "invite", "login": "thomas", "role": "customer", "account": "1"})
    ok(r.status == 303, "the customer guest is invited as customer of account 1", r.status)
    got = k.sql(f"SELECT r.rater_role, r.account_id FROM rater r JOIN app_user u ON u.id = r.user_id "
                f"WHERE u.login = 'thomas' AND r.round_id = {rid}")
    ok(got == [("customer", 1)], "and stored as such", got)
    r = admin.get(f"/assessment/{rid}/raters")
    ok("thomas" in r.text and "Saved" not in r.text, "the new rater is listed")
    admin.get(f"/assessment/{rid}/raters")
    r = admin.post(f"/assessment/{rid}/raters", {"do": "invite", "login": "thomas", "role": "customer", "account": "1"})
    ok(r.status == 409 and "already invited" in r.text, "inviting twice says so", r.status)

    # The customer now finds the survey on their assessment page.
    r = guest.get("/assessment")
    ok(r.status == 200 and re.search(r'href="/assessment/raters/\d+"', r.text), "the guest finds the customer survey")

    # Remind the late raters.
    admin.get(f"/assessment/{rid}/raters")
    r = admin.post(f"/assessment/{rid}/raters", {"do": "remind"})
    ok(r.status == 303, "reminding the late raters", r.status)
    late = k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid} AND completed_at IS NULL")[0][0]
    reminded = k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid} AND completed_at IS NULL AND reminded_on = '2026-11-28'")[0][0]
    ok(late > 0 and reminded == late, "marks every rater who has not finished as reminded today", (late, reminded))
    done_ones = k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid} AND completed_at IS NOT NULL AND reminded_on = '2026-11-28'")[0][0]
    ok(done_ones == 0, "and nobody who has finished")

    # The usual raters: nobody invited twice.
    admin.get(f"/assessment/{rid}/raters")
    n0 = k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid}")[0][0]
    r = admin.post(f"/assessment/{rid}/raters", {"do": "defaults"})
    dup = k.sql(f"SELECT COUNT(*) FROM (SELECT user_id, account_id FROM rater WHERE round_id = {rid} "
                "GROUP BY user_id, account_id HAVING COUNT(*) > 1) d")[0][0]
    ok(r.status == 303 and dup == 0, "inviting the usual raters again invites nobody twice", (r.status, dup))
    ok(k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid}")[0][0] >= n0, "and removes nobody")

    admin.get(f"/assessment/{rid}/raters")
    ok(admin.post(f"/assessment/{rid}/raters", {"do": "frobnicate"}).status == 400, "an unknown action is a 400")

    # A KAM: own invitations only, no forms; their POST is refused.
    r = kam_user.get(f"/assessment/{rid}/raters")
    mine = k.sql(f"SELECT COUNT(*) FROM rater r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'giulia' AND r.round_id = {rid}")[0][0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', r.text)
    ok(r.status == 200 and rows == ["giulia"] * mine, "a KAM sees only their own invitations", (r.status, rows, mine))
    ok('name="do"' not in r.text, "and no forms")
    kam_user.get(f"/assessment/{rid}/raters")
    n1 = k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid}")[0][0]
    s = kam_user.post(f"/assessment/{rid}/raters", {"do": "invite", "login": "paolo", "role": "team", "account": "1"}).status
    ok(s == 403 and k.sql(f"SELECT COUNT(*) FROM rater WHERE round_id = {rid}")[0][0] == n1,
       "a KAM may not invite raters", s)
    ok(guest.get(f"/assessment/{rid}/raters").status in (403, 404), "a customer guest is refused the raters page")
    ok(admin.get("/assessment/9999/raters").status == 404, "an unknown round is a 404")

    # A new round for the programme and two chosen accounts.
    r = admin.get("/assessment")
    opts = re.findall(r'<option value="(\d+)"', r.text.split('id="f-accounts"')[1].split("</select>")[0])
    nkey = k.sql("SELECT COUNT(*) FROM account WHERE status = 'key'")[0][0]
    ok(len(opts) == nkey, "the new-round form offers every key account", (len(opts), nkey))
    n0 = k.sql("SELECT COUNT(*) FROM assessment_round")[0][0]
    r = admin.post("/assessment", [("name", "Scoped"), ("deadline", "2026-12-31"), ("account", "999999")])
    ok(r.status == 422 and 'id="f-accounts-err"' in r.text, "an unknown account is refused by the field", r.status)
    ok(k.sql("SELECT COUNT(*) FROM assessment_round")[0][0] == n0, "and no round is stored")
    admin.get("/assessment")
    r = admin.post("/assessment", [("name", "Scoped"), ("deadline", "2026-12-31"), ("account", opts[0]), ("account", opts[1])])
    ok(r.status == 303, "a round for two chosen accounts is created", r.status)
    new = k.sql("SELECT id, scope FROM assessment_round WHERE name = 'Scoped'")
    ok(len(new) == 1 and new[0][1] == "accounts", "with the scope of chosen accounts", new)
    if new:
        got = sorted(x[0] for x in k.sql(f"SELECT account_id FROM round_account WHERE round_id = {new[0][0]}"))
        ok(got == sorted(int(x) for x in opts[:2]), "exactly those two", got)

    # Italian.
    admin.get("/assessment")
    admin.post("/lang", {"lang": "it", "next": f"/assessment/{rid}/raters"})
    r = admin.get(f"/assessment/{rid}/raters")
    ok("Invita un valutatore" in r.text and "Sollecita i valutatori in ritardo" in r.text, "the page reads in Italian")
finally:
    k.stop()
done()
