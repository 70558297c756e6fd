# kam report: the assessment report as an A4 PDF and a self-contained HTML
# file. The PDF is read back with pdftotext and pdfinfo: the figures the
# scoring computed (kam assess results --json), the contents' page numbers,
# "page N of M" footers, A4; Italian and English; the HTML has nothing
# external and no script, and validates; the account report holds the
# account plan; permissions and bad arguments.
. "$KAM_ROOT/tests/cli/lib.sh"
# under ASan: fontconfig's process-lifetime cache is not a leak of kam's
export LSAN_OPTIONS="suppressions=$KAM_ROOT/tests/lsan-fontconfig.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

run init --name "Report Test SpA"
run demo --accounts 40 --seed 1
expect_status 0 "a demo company with an assessment round"

# ---------------------------------------------------------------- help and usage
run report --help
expect_status 0 "report --help"
expect_out "kam report programme [--round R]" "the help gives the usage"
expect_out "A PDF is not written" "the help says where a PDF goes"
run report
expect_status 0 "report without a subcommand prints the help"
run report portfolio
expect_status 2 "an unknown report is a usage error"
expect_err "report programme, or report account ID" "the error names the two reports"
run report programme --format docx
expect_status 2 "an unknown format is a usage error"
expect_err "--format: html or pdf, not \"docx\"" "the error names the format"
run report programme --lang fr
expect_status 2 "an unknown language is a usage error"
expect_err "--lang: en or it" "the error names the languages"
run report account
expect_status 2 "report account needs an id"
run report account abc
expect_status 1 "a bad account id is refused"
expect_err "account: \"abc\" is not an id" "the error names the bad id"
run report programme --round 99 -o x.pdf
expect_status 1 "an unknown round is refused"
expect_err "round 99 not found" "the error names the round"
outside=$(sql "SELECT min(id) FROM account WHERE id NOT IN (SELECT account_id FROM round_account)")
run report account "$outside" -o x.pdf
expect_status 1 "an account outside the round is refused"
expect_err "account $outside is not part of round 1" "the error says which account and round"
[ ! -e x.pdf ] && _ok "a refused report writes no file" || _nok "a refused report writes no file"

# ---------------------------------------------------------------- the programme PDF
run assess results 1 --json
echo "$OUT" >results.json
run report programme -o prog.pdf
expect_status 0 "report programme -o prog.pdf"
ls prog.pdf.tmp* >/dev/null 2>&1 && _nok "no temporary file is left" || _ok "no temporary file is left"
info=$(pdfinfo prog.pdf)
pages=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
case "$info" in *"595.276 x 841.89 pts (A4)"*) _ok "pdfinfo: A4" ;; *) _nok "pdfinfo: A4" "$info" ;; esac
[ "${pages:-0}" -ge 5 ] && _ok "several pages ($pages)" || _nok "several pages" "pages: $pages"
case "$info" in *"CreationDate:    Mon Jun 15 00:00:00 2026"*) _ok "the creation date is the report's date" ;;
*) _nok "the creation date is the report's date" "$info" ;; esac
pdftotext -layout prog.pdf prog.txt
# expected figures, written as the report writes them (English)
python3 - results.json >expected.txt <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
names = {"corporate": "Corporate level", "operational": "Operational level", "customer": "Customer view"}
for lv, label in names.items():
    L = d["levels"][lv]
    print("%s|%.0f|%.2f" % (label, L["index"], L["score"]))
dims = ["strategy", "solutions", "people", "management", "evaluation"]
labels = ["Strategy", "Solutions", "People", "Account management", "Evaluation"]
for k, lab in zip(dims, labels):
    v = [d["levels"][lv]["dimensions"][k] for lv in ("corporate", "operational", "customer")]
    print("%s|%s" % (lab, "|".join("%.2f" % x if x is not None else "—" for x in v)))
EOF
while IFS='|' read -r label a b c; do
    if [ -z "$c" ]; then # a level: index and mean score
        pat="^ *$label +$a +$b "
    else
        pat="^ *$label +$a +$b +$c "
    fi
    if grep -Eq "$pat" prog.txt; then _ok "the PDF shows $label: $a $b $c"; else _nok "the PDF shows $label: $a $b $c" "pattern: $pat"; fi
done <expected.txt
weak=$(python3 -c "import json; d=json.load(open('results.json')); print('%.2f' % d['levels']['corporate']['dimensions'][d['levels']['corporate']['weakest']])")
grep -q "($weak)" prog.txt && _ok "the weakest dimension with its score" || _nok "the weakest dimension with its score" "$weak"
nrec=$(python3 -c "import json; print(len(json.load(open('results.json'))['recommendations']))")
grep -q "rank $nrec of $nrec" prog.txt && _ok "every recommendation ($nrec) is in the PDF" || _nok "every recommendation is in the PDF"

# contents: every entry's page number is the page its heading is on
pdftotext -layout -f 1 -l 1 prog.pdf toc.txt
n=0
bad=""
while read -r line; do
    num=$(printf '%s' "$line" | sed -n 's/^\([0-9][0-9]*\)\. .*[^0-9]\([0-9][0-9]*\)$/\1/p')
    [ -n "$num" ] || continue
    page=$(printf '%s' "$line" | sed -n 's/.*[^0-9]\([0-9][0-9]*\)$/\1/p')
    title=$(printf '%s' "$line" | sed 's/ *[0-9][0-9]*$//')
    n=$((n + 1))
    pdftotext -f "$page" -l "$page" prog.pdf - | grep -qF "$title" || bad="$bad [$title on $page]"
done <toc.txt
[ "$n" -ge 9 ] && _ok "the contents list the sections ($n)" || _nok "the contents list the sections" "$n entries"
[ -z "$bad" ] && _ok "each contents entry points at the page of its heading" || _nok "contents page numbers" "$bad"
grep -q "^ *2\. Dimension scores" prog.txt && _ok "sections are numbered" || _nok "sections are numbered"
# the contents and the PDF outline link to named destinations at the headings
toc_pages=$(sed -n 's/^[0-9][0-9]*\. .*[^0-9]\([0-9][0-9]*\)$/\1/p' toc.txt | sort -n | tr '\n' ' ')
dest_pages=$(pdfinfo -dests prog.pdf 2>/dev/null | awk 'NR > 1 { print $1 }' | sort -n | tr '\n' ' ')
expect_eq "$dest_pages" "$toc_pages" "a link destination at each heading, on the page the contents give"
# footers
foot1=$(pdftotext -f 1 -l 1 prog.pdf - | grep -c "Page 1 of $pages")
footl=$(pdftotext -f "$pages" -l "$pages" prog.pdf - | grep -c "Page $pages of $pages")
footall=$(grep -c "Page [0-9]* of $pages" prog.txt)
expect_eq "$foot1/$footl/$footall" "1/1/$pages" "every page says \"Page N of $pages\""
grep -q "Organisation *Report Test SpA" prog.txt && _ok "the title page names the organisation" || _nok "the title page names the organisation"
grep -q "Questionnaire version *kam-2026.1" prog.txt && _ok "and the questionnaire version" || _nok "and the questionnaire version"
# charts are drawn as vectors (no images), and the same run gives the same file
pdfimages -list prog.pdf 2>/dev/null | awk 'NR > 2' | grep -q . && _nok "charts are vector graphics" || _ok "charts are vector graphics"
run report programme -o again.pdf
cmp -s prog.pdf again.pdf && _ok "the same data gives the same PDF" || _nok "the same data gives the same PDF"
# without -o, a PDF goes to a pipe or file (not to a terminal)
"$KAM" report programme --format pdf >piped.pdf 2>/dev/null
cmp -s prog.pdf piped.pdf && _ok "--format pdf to a redirected stdout" || _nok "--format pdf to a redirected stdout"
# ... and refused to a terminal (script(1) gives the command one)
if command -v script >/dev/null; then
    script -qec "'$KAM' report programme --format pdf" /dev/null >tty.out 2>&1
    STATUS=$?
    OUT=$(cat tty.out)
    expect_status 2 "a PDF is not written to a terminal"
    expect_out "give -o FILE.pdf" "the message says what to do"
else
    skip "a PDF is not written to a terminal" "script(1) not installed"
fi

# ---------------------------------------------------------------- Italian
run report programme --lang it -o it.pdf
expect_status 0 "report --lang it"
pdftotext -layout it.pdf it.txt
itpages=$(pdfinfo it.pdf | sed -n 's/^Pages: *//p')
grep -q "Pagina 1 di $itpages" it.txt && _ok "Italian footer \"Pagina N di M\"" || _nok "Italian footer"
grep -q "Indice" it.txt && grep -q "1\. Sintesi" it.txt && _ok "Italian headings" || _nok "Italian headings"
corp=$(python3 -c "import json; d=json.load(open('results.json')); print(('%.2f' % d['levels']['corporate']['score']).replace('.', ','))")
grep -Eq "^ *Livello corporate +[0-9]+ +$corp " it.txt && _ok "Italian numbers with a decimal comma ($corp)" || _nok "Italian decimal comma" "$corp"
grep -q "Page 1 of" it.txt && _nok "no English footer in Italian" || _ok "no English footer in Italian"

# ---------------------------------------------------------------- HTML
run report programme
expect_status 0 "report programme writes HTML to stdout"
printf '%s\n' "$OUT" >prog.html
case "$OUT" in "<!DOCTYPE html>"*) _ok "an HTML document" ;; *) _nok "an HTML document" ;; esac
grep -Eqi '(src|href)=["'"'"']?(https?:)?//' prog.html && _nok "nothing fetched from elsewhere" || _ok "nothing fetched from elsewhere"
grep -qi '<script\|<link\|<img\|@import\|url(' prog.html && _nok "no script, stylesheet link, image or CSS url" ||
    _ok "no script, stylesheet link, image or CSS url"
grep -q '<style>' prog.html && grep -q '<svg' prog.html && _ok "inline styles and inline SVG charts" || _nok "inline styles and charts"
grep -q 'class="cell heat-' prog.html && _ok "the heatmap of accounts" || _nok "the heatmap of accounts"
while IFS='|' read -r label a b c; do
    grep -q ">$label</th><td class=\"num\">$a</td><td class=\"num\">$b</td>" prog.html &&
        _ok "the HTML shows $label: $a $b" || _nok "the HTML shows $label: $a $b"
done <expected.txt
for s in summary dimensions accounts corp-op rater-gaps ip evidence trend recommendations; do
    grep -q "href=\"#$s\"" prog.html && grep -q "<section id=\"$s\">" prog.html || bad="$bad $s"
done
[ -z "$bad" ] && _ok "the contents link to every section" || _nok "the contents link to every section" "$bad"
HV="$KAM_ROOT/tests/e2e/node_modules/.bin/html-validate"
if [ -x "$HV" ] && command -v node >/dev/null; then
    sed 's#^ *//.*##' "$KAM_ROOT/tests/e2e/.htmlvalidate.json" >hv.json
    if "$HV" --config hv.json prog.html >hv.out 2>&1; then _ok "html-validate: no errors"; else
        _nok "html-validate: no errors" "$(head -c 600 hv.out)"; fi
else
    skip "html-validate: no errors" "html-validate (tests/e2e) not installed"
fi
run report programme --lang it -o it.html
grep -q '<html lang="it">' it.html && grep -q 'Sintesi' it.html && _ok "the Italian HTML" || _nok "the Italian HTML"

# ---------------------------------------------------------------- the account report and permissions
acct=$(sql "SELECT r.account_id FROM rater r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'giulia' AND r.rater_role = 'kam' ORDER BY r.account_id LIMIT 1")
other=$(sql "SELECT ra.account_id FROM round_account ra WHERE ra.account_id NOT IN (SELECT r.account_id FROM rater r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'giulia' AND r.account_id IS NOT NULL) ORDER BY 1 LIMIT 1")
name=$(sql "SELECT name FROM account WHERE id = $acct")
run objective add --account_id "$acct" --level relationship --title "Report check: a joint board twice a year"
expect_status 0 "an objective in the account plan"
run report account "$acct" --as giulia --lang en -o acct.pdf
expect_status 0 "a KAM reports on their account"
pdftotext -layout acct.pdf acct.txt
grep -q "Account: $name" acct.txt && _ok "the account report names the account" || _nok "the account report names the account"
grep -q "Account plan" acct.txt && grep -q "Report check: a joint board twice a year" acct.txt &&
    _ok "the account report holds the plan's objectives" || _nok "the account report holds the plan's objectives"
run assess results 1 --account "$acct" --json
printf '%s\n' "$OUT" >acct.json
aop=$(python3 -c "import json; L=json.load(open('acct.json'))['levels']['operational']; print('%.0f %.2f' % (L['index'], L['score']))")
set -- $aop
grep -Eq "^ *Operational level +$1 +$2 " acct.txt && _ok "the account's operational index and score ($aop)" ||
    _nok "the account's operational index and score" "$aop"
grep -q "Corporate level" acct.txt && _ok "beside the programme's corporate level" || _nok "beside the corporate level"
grep -q "Accounts by dimension" acct.txt && _nok "no heatmap of other accounts" || _ok "no heatmap of other accounts"
run report account "$acct" --as giulia --lang en
grep -q "Report check: a joint board twice a year" "$T_DIR/.out" && _ok "the account HTML holds the objectives" || _nok "the account HTML holds the objectives"
run report programme --as giulia -o no.pdf
expect_status 1 "a KAM may not report on the whole programme"
expect_err "administrators and executives" "the error says who may"
run report account "$other" --as giulia -o no.pdf
expect_status 1 "nor on another KAM's account"
run report account "$acct" --as thomas -o no.pdf
expect_status 1 "a customer guest gets no report"
expect_err "results are internal" "the error says why"
[ ! -e no.pdf ] && _ok "refused reports write nothing" || _nok "refused reports write nothing"
run report programme --as andrea -o exec.pdf
expect_status 0 "an executive reports on the programme"

# ---------------------------------------------------------------- the trend across two rounds
run assess round close 1
run assess round create --name "Second round" --deadline 2026-07-31 --accounts "$acct"
run assess invite 2 --defaults
run assess round open 2
expect_status 0 "a second round opens"
{
    echo "rater,account,item,score,importance,comment"
    sql "SELECT 'andrea', '', code, 1 + (sort % 5), 4, '' FROM assessment_item WHERE level = 'corporate' ORDER BY sort" |
        tr '|' ','
} >r2.csv
run assess import 2 r2.csv
expect_status 0 "answers of the second round"
run assess trend --json
corp2=$(printf '%s' "$OUT" | python3 -c "import json, sys; t = json.load(sys.stdin); print('%.2f' % t[-1]['corporate']['score'])")
run report programme -o trend.pdf
expect_status 0 "the report of the newest round by default"
pdftotext -layout trend.pdf trend.txt
grep -q "Round *Second round" trend.txt && _ok "the title page names the newest round" || _nok "the title page names the newest round"
grep -Eq "^ *KAM assessment 2026 \(" trend.txt && grep -Eq "^ *Second round \(.*\) +$corp2 " trend.txt &&
    _ok "the trend table holds both rounds, the second at $corp2" || _nok "the trend table holds both rounds" "$corp2"
run report programme --round 2
case "$OUT" in *'chart-line'*) _ok "the trend as a line chart" ;; *) _nok "the trend as a line chart" ;; esac
run report programme --round 1 -o r1.pdf
expect_status 0 "--round picks an older round"
grep -q "KAM assessment 2026 (" "$(pdftotext -f 1 -l 1 r1.pdf r1.txt; echo r1.txt)" && _ok "its report names it" || _nok "its report names it"

done_testing
