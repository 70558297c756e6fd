# The XLSX export of an assessment round (kam assess export): the tiny round
# of t_assess.sh, whose scores were worked out by hand there, exported and
# read back with LibreOffice (every sheet to CSV): the workbook holds the
# figures `kam assess results --json` computes, as numbers, one sheet per
# view, in English or Italian; an account's export holds that account and
# the programme only; who may not see the results gets no file, and a
# failure leaves nothing half-written.
. "$KAM_ROOT/tests/cli/lib.sh"

# ---------------------------------------------------------------- the tiny round (as in t_assess.sh)
run init
printf 'correct horse battery staple\n' >pw
run account add --name "Acme SpA"
run account add --name "Beta Srl"
for u in "erika executive" "kim kam" "ken kam"; do
    set -- $u
    run user add "$1" --role "$2" --password-stdin <pw
done
run user add gus --role guest --account 1 --password-stdin <pw
pid() { sql "SELECT person_id FROM app_user WHERE login = '$1'"; }
run account edit 1 --kam_id "$(pid kim)" --sponsor_id "$(pid erika)" --version 1
run account edit 2 --kam_id "$(pid ken)" --version 1
item() {
    printf '{"code": "%s", "dimension": "%s", "level": "%s", "weight": %s, "mirror": "%s", "evidence": "%s",
     "text": {"en": "Item %s", "it": "Domanda %s"},
     "anchors": {"en": ["one", "two", "three", "four", "five"], "it": ["uno", "due", "tre", "quattro", "cinque"]}}' \
        "$1" "$2" "$3" "$4" "$5" "$6" "$1" "$1"
}
{
    printf '{"version": "tiny-1", "exported_from": "kam-2026.1", "items": [\n'
    item S-C1 strategy corporate 2 s.plan ""; printf ',\n'
    item S-C2 strategy corporate 1 "" ""; printf ',\n'
    item P-C1 people corporate 1 "" ""; printf ',\n'
    item S-O1 strategy operational 1 s.plan acct_objective_levels; printf ',\n'
    item P-O1 people operational 1 p.rel ""; printf ',\n'
    item P-U1 people customer 1 p.rel ""
    printf ']}\n'
} >tiny.json
run assess catalogue import tiny.json
expect_status 0 "the tiny catalogue is imported"
run assess round create --name "Tiny" --deadline 2026-07-15 --accounts 1,2
run assess invite 1 --user erika --role executive
run assess invite 1 --user kim --role kam
run assess invite 1 --user kim --role kam --account 1
run assess invite 1 --user erika --role sponsor --account 1
run assess invite 1 --user gus --role customer --account 1
run assess invite 1 --user ken --role kam --account 2
run assess round open 1
run objective add --account_id 1 --level financial --title "Grow share of wallet"
run objective add --account_id 1 --level relationship --title "Meet the board twice a year"
printf '2\nn 3\n3\n4 4\n4 2\n' >kim.txt
run assess answer 1 --as kim <kim.txt
cat >tiny.csv <<'EOF'
rater,account,item,score,importance,comment
erika,,S-C1,4,5,
erika,,S-C2,2,4,
erika,,P-C1,2,5,
erika,1,S-O1,3,,
erika,1,P-O1,2,,
gus,1,P-U1,2,5,"we would like more, ""regular"" contact"
ken,2,S-O1,2,,
ken,2,P-O1,3,,
EOF
run assess import 1 tiny.csv
expect_status 0 "the fixed answers are in: 13 answers of 5 raters"

# ---------------------------------------------------------------- the exports
run assess export --help
expect_out "kam assess export ROUND [--account ID] [--lang it|en] -o FILE.xlsx" "the help shows export"
run assess export 1
expect_status 2 "export without -o is a usage error"
expect_err "-o FILE.xlsx" "naming what is missing"

run assess export 1 -o round.xlsx
expect_status 0 "export the round"
expect_out "round 1 written to round.xlsx" "saying where"
run assess export 1 --lang it -o round-it.xlsx
expect_status 0 "export in Italian"
run assess export 1 --account 1 --as kim -o acme.xlsx
expect_status 0 "a KAM exports their account"
expect_out "the programme and account 1" "scoped to the programme and that account"
"$KAM" assess results 1 --json >results.json
"$KAM" assess results 1 --account 1 --json >acme.json
expect_eq "$(ls -A | grep -c '^\.round\|\.xlsx\.')" "0" "no temporary file is left beside the exports"

# The workbook is a zip of nine worksheets; figures are numbers, not strings.
sheets=$(python3 - round.xlsx <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
print("|".join(re.findall(r'<sheet name="([^"]+)"', wb)))
PY
)
expect_eq "$sheets" "Summary|Dimensions|Accounts|Gaps|Importance-performance|Evidence|Recommendations|Trend|Responses" \
    "one sheet per view, named in English"
expect_eq "$(python3 - round.xlsx <<'PY'
import sys, zipfile
s = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
# row 2 = the corporate level: B2 (score) is a number cell, not a shared string
import re
c = re.search(r'<c r="B2"[^>]*>', s).group(0)
print("number" if 't="s"' not in c and 't="str"' not in c else "text")
print("frozen" if 'state="frozen"' in s else "not frozen")
PY
)" "number
frozen" "scores are numbers and the header row is frozen"
expect_eq "$(python3 - round.xlsx <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(sum('<autoFilter' in z.read(f"xl/worksheets/sheet{i}.xml").decode() for i in range(1, 10)))
PY
)" "7" "the seven long sheets carry an autofilter"

# ---------------------------------------------------------------- read back with LibreOffice
if ! command -v soffice >/dev/null 2>&1; then
    skip "the workbooks read back with LibreOffice" "soffice is not installed"
    done_testing
    exit $?
fi
# Every sheet to FILE-SHEET.csv (LibreOffice 7.4: sheet -1 in the filter
# options), raw values (not as shown), with a private profile so parallel
# runs do not clash.
mkdir csv
soffice -env:UserInstallation="file://$T_DIR/lo-profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir csv round.xlsx round-it.xlsx acme.xlsx >lo.log 2>&1
expect_eq "$(ls csv | grep -c '^round-')" "18" "LibreOffice reads every sheet of both workbooks" 
expect_eq "$(ls csv | grep '^round-it-' | sed 's/^round-it-//; s/\.csv$//' | sort | tr '\n' '|')" \
    "Andamento|Clienti chiave|Dimensioni|Divari|Evidenze|Importanza-prestazione|Raccomandazioni|Risposte|Sintesi|" \
    "the Italian workbook's sheets have Italian names"

# check.py JSON PREFIX: compares the CSV sheets with the scoring's JSON and
# prints one line per check: "ok NAME" or "not ok NAME: got ... want ...".
cat >check.py <<'PY'
import csv, json, sys
res = json.load(open(sys.argv[1]))
pre = sys.argv[2]
def sheet(name):
    with open(f"csv/{pre}-{name}.csv", encoding="utf-8") as f:
        return list(csv.reader(f))
def num(s):
    s = s.strip()
    if s.endswith("%"):
        return float(s[:-1]) / 100
    return float(s)
def same(a, b):
    return a is None and b in ("", None) or a is not None and b not in ("", None) and abs(num(b) - a) < 1e-9
def check(name, cond, got="", want=""):
    print(f"ok {name}" if cond else f"not ok {name}: got {got!r} want {want!r}")

L = {"corporate": "Corporate level", "operational": "Operational level", "customer": "Customer view"}
D = {"strategy": "Strategy", "solutions": "Solutions", "people": "People",
     "management": "Account management", "evaluation": "Evaluation"}
# Summary: score, index, weakest, coverage, counts per level
rows = {r[0]: r for r in sheet("Summary")[1:4]}
for lv, label in L.items():
    j, r = res["levels"][lv], rows.get(label, [""] * 10)
    check(f"Summary {lv}: score, index, coverage as computed",
          same(j["score"], r[1]) and same(j["index"], r[2]) and same(j["coverage"], r[6]),
          r[1:3] + r[6:7], [j["score"], j["index"], j["coverage"]])
    check(f"Summary {lv}: weakest dimension and answer counts",
          r[3] == (D[j["weakest"]] if j["weakest"] else "") and r[7:10] == [str(j["scored"]), str(j["expected"]), str(j["not_applicable"])],
          [r[3]] + r[7:10], [j["weakest"], j["scored"], j["expected"], j["not_applicable"]])
# Dimensions: level x dimension and the corporate - operational gap
dims = {r[0]: r for r in sheet("Dimensions")[1:]}
for g in res["corporate_operational_gaps"]:
    r = dims[D[g["dimension"]]]
    cust = res["levels"]["customer"]["dimensions"][g["dimension"]]
    check(f"Dimensions {g['dimension']}: scores and gap",
          same(g["corporate"], r[1]) and same(g["operational"], r[2]) and same(cust, r[3]) and same(g["delta"], r[4])
          and (r[5] == "flagged") == g["flagged"], r[1:6], g)
# Gaps: every rater gap, with its delta, subjects and flag
gaps = sheet("Gaps")[1:]
got = sorted((r[4], round(num(r[8]), 9), r[9], r[10]) for r in gaps if not r[0].startswith("Corporate"))
want = sorted(((g["item"] or "") + (f" / {g['item_b']}" if g["item_b"] and g["item_b"] != g["item"] else ""),
               round(g["delta"], 9), str(g["subjects"]), "flagged" if g["flagged"] else "") for g in res["rater_gaps"])
check("Gaps: every rater gap with its delta, subjects and flag", got == want, got, want)
check("Gaps: the five corporate - operational rows", sum(r[0].startswith("Corporate") for r in gaps) ==
      sum(g["delta"] is not None for g in res["corporate_operational_gaps"]))
# Importance-performance: every placed item
ip = {r[0]: r for r in sheet("Importance-performance")[1:]}
Q = {"concentrate_here": "Concentrate here", "keep_up": "Keep up the good work", "low_priority": "Low priority",
     "possible_overkill": "Possible overkill", "none": ""}
for it in res["items"]:
    r = ip[it["code"]]
    check(f"Importance-performance {it['code']}: importance, performance, priority, quadrant",
          same(it["importance"], r[4]) and same(it["score"], r[5]) and same(it["priority"], r[6]) and r[7] == Q[it["quadrant"]],
          r[4:8], it)
order = [r[0] for r in sheet("Importance-performance")[1:]]
# P-U1 5 x 3 = 15, P-C1 12.5, S-C2 10.5, S-C1 5 x 2 = 10, S-O1 4 x 2.25 = 9, P-O1 2 x 2 = 4
want = ["P-U1", "P-C1", "S-C2", "S-C1", "S-O1", "P-O1"]
check("Importance-performance: by priority, highest first", order == want, order, want)
# Evidence: every check with rating, evidence and flags
ev = sheet("Evidence")[1:]
check("Evidence: one row per check", len(ev) == len(res["evidence"]), len(ev), len(res["evidence"]))
for e, r in zip(res["evidence"], ev):
    check(f"Evidence {e['item']} at {e['account']}: rating, evidence, flags",
          r[0] == e["item"] and same(e["rating"], r[4]) and same(e["evidence_score"], r[5])
          and same(e["evidence_share"], r[6]) and (r[9] == "disagrees") == e["disagree"]
          and (r[10] != "") == e["unsupported"], r, e)
# Recommendations: rank, urgency, points, link
recs = sheet("Recommendations")[1:]
check("Recommendations: all of them", len(recs) == len(res["recommendations"]), len(recs), len(res["recommendations"]))
for x, r in zip(res["recommendations"], recs):
    check(f"Recommendation {x['rank']}: finding, urgency, points, link",
          r[0] == str(x["rank"]) and r[5] == x["text"] and r[6] == x["why"] and same(x["urgency"], r[7])
          and same(x["points"], r[9]) and r[11] == x["link"], r, x)
# Accounts: each account's operational dimensions and customer score
accs = {r[0]: r for r in sheet("Accounts")[1:]}
check("Accounts: one row per account", sorted(accs) == sorted(str(a["id"]) for a in res["accounts"]), sorted(accs))
for a in res["accounts"]:
    r = accs[str(a["id"])]
    check(f"Accounts {a['name']}: dimension scores (the heatmap)",
          r[1] == a["name"] and all(same(a["operational"]["dimensions"][k], r[2 + i]) for i, k in enumerate(D))
          and same(a["operational"]["score"], r[7]) and same(a["customer"]["score"], r[11]), r, a)
PY
tap() { # turn check.py's lines into this test's TAP lines
    while IFS= read -r line; do
        case "$line" in
        "ok "*) _ok "${line#ok }" ;;
        *) _nok "${line#not ok }" ;;
        esac
    done
}
python3 check.py results.json round >checks.txt 2>check.err || echo "not ok check.py ran: $(tail -n 1 check.err)" >>checks.txt
tap <checks.txt

# The hand-computed figures of t_assess.sh, as they stand in the workbook.
expect_out_file() { # expect_out_file FILE TEXT NAME (FILE contains TEXT)
    case "$(cat "$1")" in *"$2"*) _ok "$3" ;; *) _nok "$3" "$1 lacks: $2" ;; esac
}
row() { grep -F -- "$2" "csv/$1.csv" | head -n 1; }
r2() { python3 -c 'import sys; print(" ".join("%.2f" % float(x) if x.replace(".", "").replace("-", "").isdigit() else x for x in sys.argv[1:]))' "$@"; }
IFS=, read -r _ s i _ <<EOF
$(row round-Summary "Corporate level")
EOF
expect_eq "$(r2 "$s" "$i")" "2.58 39.58" "corporate 2.58, index 40 (by hand)"
expect_eq "$(row round-Summary "Customer view" | cut -d, -f2,3)" "2,25" "customer 2.00, index 25"
expect_eq "$(row round-Dimensions "People" | cut -d, -f2-6)" "2.5,3,2,-0.5," "people: corporate 2.50, operational 3, customer 2, gap -0.50"
expect_eq "$(row round-Importance-performance "P-U1" | cut -d, -f5-8)" "5,2,15,Concentrate here" \
    "P-U1: priority = 5 x (5 - 2) = 15, concentrate here"
expect_eq "$(row round-Importance-performance "P-O1" | cut -d, -f8)" "Possible overkill" "P-O1: possible overkill"
expect_out_file csv/round-Gaps.csv '"Raters, one aspect",Executive − Key account manager,Programme,Strategy,S-C1,Item S-C1,,,2,1,flagged' \
    "executive vs KAM on S-C1: +2.00, flagged"
expect_out_file csv/round-Gaps.csv "Key account manager − Customer,Key accounts,People,P-O1 / P-U1,Item P-O1,,,2,1,flagged,Acme SpA,2" \
    "KAM vs customer on mirror items: +2.00 at Acme SpA"
expect_out_file csv/round-Evidence.csv "S-O1,Item S-O1,Beta Srl,acct_objective_levels,2,1,0%" \
    "the evidence beside the rating at Beta Srl: rated 2, evidence 1"
expect_out_file csv/round-Recommendations.csv "1,Item,Customer view,People,P-U1," "the first recommendation"
expect_out_file csv/round-Recommendations.csv ",15,5,3,Acme SpA,/accounts/1#people" "urgency 15 = 5 x 3, worked on at /accounts/1#people"
expect_eq "$(($(wc -l <csv/round-Responses.csv) - 1))" "$(sql "SELECT count(*) FROM answer")" "one response row per answer"
expect_out_file csv/round-Responses.csv 'kim,Key account manager,,Programme,Corporate level,Strategy,S-C2,Item S-C2,N/A,3,' \
    "not applicable is written N/A, with the importance given beside it"
expect_out_file csv/round-Responses.csv 'gus,Customer,1,Acme SpA,Customer view,People,P-U1,Item P-U1,2,5,"we would like more, ""regular"" contact"' \
    "the customer's answer and comment, quotes and commas intact"
expect_out_file csv/round-Trend.csv "1,Tiny,2026-06-15,Open,Corporate level,2.58333333333333" "the trend sheet has the round"

# Italian: headers, words and the same figures
expect_eq "$(head -n 1 csv/round-it-Sintesi.csv | cut -d, -f1-3)" "Livello,Punteggio (1-5),Indice (0-100)" "Italian headers"
expect_out_file csv/round-it-Dimensioni.csv "Risorse umane,2.5,3,2,-0.5" "Italian dimension names, the same figures"
expect_out_file csv/round-it-Importanza-prestazione.csv "P-U1,Domanda P-U1,Punto di vista del cliente,Risorse umane,5,2,15,Concentrarsi qui" \
    "Italian item texts and quadrants"
expect_out_file csv/round-it-Risposte.csv "kim,Key account manager,,Programma KAM,Livello corporate,Strategia,S-C2,Domanda S-C2,N/A,3," \
    "Italian responses"

# The account's export: the programme and Acme SpA only, the account's own figures
python3 check.py acme.json acme >checks.txt 2>check.err || echo "not ok check.py ran: $(tail -n 1 check.err)" >>checks.txt
tap <checks.txt
expect_eq "$(cut -d, -f2 csv/acme-Accounts.csv | tail -n +2)" "Acme SpA" "the account's export lists that account only"
case "$(cat csv/acme-Responses.csv)" in
*ken* | *"Beta Srl"*) _nok "no answer about another account" ;;
*) _ok "no answer about another account" ;;
esac
expect_eq "$(grep -c '^erika,Executive,,Programme' csv/acme-Responses.csv)" "3" "the programme's answers are there"

# ---------------------------------------------------------------- who may export, and failures
printf 'old' >keep.xlsx
run assess export 1 --as kim -o keep.xlsx
expect_status 1 "a KAM may not export the whole round"
expect_err "for administrators and executives" "the refusal says who may"
expect_eq "$(cat keep.xlsx)" "old" "and an existing file is left as it was"
run assess export 1 --as ken --account 1 -o ken.xlsx
expect_status 1 "a KAM may not export another KAM's account"
expect_err "account 1 not found" "as if it did not exist"
run assess export 1 --as gus --account 1 -o gus.xlsx
expect_status 1 "a customer guest may not export"
expect_err "customer guests do not see them" "results are internal"
run assess export 9 -o nine.xlsx
expect_status 1 "an unknown round is refused"
mkdir adir
run assess export 1 -o adir
expect_status 1 "a directory cannot be overwritten"
expect_err "adir" "the error names the target"
run assess export 1 -o no/such/dir/x.xlsx
expect_status 1 "a missing directory is refused"
expect_err "no/such/dir/x.xlsx: No such file or directory" "saying why"
# A write that fails half-way (a file size limit stands in for a full disk:
# above SQLite's 32 KiB shared-memory file, below a 30-account workbook).
demo_db=$(newdb demo) || exit 1
KAM_DB=$demo_db "$KAM" init >/dev/null 2>&1 && KAM_DB=$demo_db "$KAM" demo --accounts 30 >/dev/null 2>&1
KAM_DB=$demo_db python3 -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (40000, 40000))
os.execv(sys.argv[1], sys.argv[1:])' "$KAM" assess export 1 -o big.xlsx >/dev/null 2>full.err
expect_eq "$?" "1" "a write that fails half-way is an error"
case "$(cat full.err)" in
*"big.xlsx: cannot write the workbook: File too large"*) _ok "naming the file and the reason" ;;
*) _nok "naming the file and the reason" "$(cat full.err)" ;;
esac
expect_eq "$(ls -A | grep -c 'big\.xlsx')" "0" "and leaves nothing behind, neither the file nor its temporary"
run assess export 1 -o big.xlsx
expect_status 0 "with room the same export succeeds"
expect_eq "$(ls -A adir | wc -l)" "0" "nothing was left in the directory either"

done_testing
