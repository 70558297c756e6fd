# The KAM assessment from the command line: catalogue versions, the life of
# a round, answering by piped keyboard input with resume, answer files that
# are refused whole, results against a hand computation, permissions.
. "$KAM_ROOT/tests/cli/lib.sh"

run init
expect_status 0 "init"
printf 'correct horse battery staple\n' >pw
run account add --name "Acme SpA"
run account add --name "Beta Srl"
for u in "erika executive" "kim kam" "ken kam" "ada admin"; do
    set -- $u
    run user add "$1" --role "$2" --password-stdin <pw
done
run user add gus --role guest --account 1 --password-stdin <pw
run user add gina --role guest --account 2 --password-stdin <pw
pid() { sql "SELECT person_id FROM app_user WHERE login = '$1'"; }
run account edit 1 --kam_id "$(pid kim)" --sponsor_id "$(pid erika)" --version 1
run account edit 2 --kam_id "$(pid ken)" --version 1
expect_status 0 "accounts get their KAMs and a sponsor"

# ---------------------------------------------------------------- help
run assess --help
expect_status 0 "assess --help"
expect_out "kam assess round create" "the help lists round create"
expect_out "not applicable" "the help explains answering"
expect_out "priority = importance x (5 - score)" "the help states the importance-performance rule"
run assess
expect_status 0 "assess without a subcommand prints the help"
run assess frobnicate
expect_status 2 "an unknown subcommand is a usage error"

# ---------------------------------------------------------------- the builtin catalogue
run assess catalogue list
expect_status 0 "catalogue list"
expect_out "kam-2026.1" "init loaded the builtin catalogue"
expect_out "builtin" "marked builtin"
expect_eq "$(sql "SELECT count(*) FROM assessment_item")" "50" "50 items"
expect_eq "$(sql "SELECT count(*) FROM (SELECT dimension, level FROM assessment_item WHERE level <> 'customer'
                  GROUP BY 1, 2 HAVING count(*) >= 4) t")" "10" "at least 4 items in every dimension x level"
expect_eq "$(sql "SELECT count(DISTINCT dimension) FROM assessment_item WHERE level = 'customer'")" "5" \
    "customer items in every dimension"
expect_eq "$(sql "SELECT count(*) FROM (SELECT dimension, level FROM assessment_item WHERE evidence_rule <> ''
                  AND level <> 'customer' GROUP BY 1, 2) t")" "10" "an evidence rule in every dimension x level"
expect_eq "$(sql "SELECT count(*) FROM assessment_item WHERE text_en = text_it OR anchors_en = anchors_it")" "0" \
    "texts and anchors in both languages"

# ---------------------------------------------------------------- round lifecycle
run assess round create --name "Round one" --deadline 2026-07-15 --accounts 1,2
expect_status 0 "round create"
expect_out "draft, catalogue kam-2026.1" "a new round is a draft on the newest catalogue"
run assess round create --name "Bad" --deadline 2026-06-01
expect_status 1 "a deadline before the opening is refused"
expect_err "before the round opens" "the error says why"
run assess round create --name "Bad" --deadline 2026-07-01 --accounts 1,99
expect_status 1 "an unknown account is refused"
run assess round create --name "Bad"
expect_status 2 "round create without a deadline is a usage error"

run assess invite 1 --defaults
expect_status 0 "invite --defaults"
expect_out "invited 4 raters" "executives for the programme, each account's KAM and sponsor"
expect_eq "$(sql "SELECT u.login || ':' || r.rater_role || ':' || coalesce(r.account_id, 0)
                  FROM rater r JOIN app_user u ON u.id = r.user_id ORDER BY r.id" | tr '\n' ' ')" \
    "erika:executive:0 kim:kam:1 erika:sponsor:1 ken:kam:2 " "the default raters"
run assess invite 1 --user gus --role customer --account 1
expect_status 0 "a customer guest is invited for their account"
run assess invite 1 --user gina --role customer --account 1
expect_status 1 "the guest of another account cannot rate this one"
expect_err "customer guest of account 1" "the error says whose guest is needed"
run assess invite 1 --user gus --role kam --account 1
expect_status 1 "a guest can only rate as customer"
run assess invite 1 --user kim --role kam --account 1
expect_status 1 "inviting twice is refused"
expect_err "already invited" "the error says so"
run assess invite 1 --user ken --role kam --account 1
expect_status 1 "a KAM cannot rate an account they do not work on"
run assess invite 1 --user kim --role sponsor --account 1
expect_status 1 "only executives are sponsors"
run assess invite 1 --user ken --role kam --account 2 --as kim
expect_status 1 "a KAM cannot invite raters"
expect_err "administrators and executives" "the refusal says who may"

printf '4\n' | "$KAM" assess answer 1 --as kim >/dev/null 2>"$T_DIR/e"
expect_eq "$?" "1" "a draft round takes no answers"
run assess round open 1
expect_status 0 "round open"
run assess round open 1
expect_status 1 "opening an open round is refused"

# ---------------------------------------------------------------- answering by keyboard, resumable
# kim answers item 1 with 4 and importance 5 and a comment, gives a wrong
# answer (asked again), item 2 not applicable with importance 3, then quits
printf '4 5 # reviewed every quarter\n9\nn 3\nq\n' >in1
run assess answer 1 --as kim <in1
expect_status 0 "answer, then q"
expect_out "20 operational items, 0 answered" "the questionnaire of kim's account has the 20 operational items"
expect_out "1  We know what the customer buys from us, little more." "the anchors are shown"
expect_out "\"9\" is not 1-5" "a wrong answer is explained and asked again"
expect_out "saved: 2 of 20 items answered" "q saves what was answered"
expect_eq "$(sql "SELECT i.code || ':' || CASE WHEN x.na = 1 THEN 'n' ELSE CAST(x.score AS TEXT) END || ':'
                  || coalesce(CAST(x.importance AS TEXT), '-') || ':' || x.comment
                  FROM answer x JOIN assessment_item i ON i.id = x.item_id ORDER BY i.sort")" \
    "strategy.op.business:4:5:reviewed every quarter
strategy.op.objectives:n:3:" "the answers are stored: score, N/A, importance, comment"
# resume: starts at item 3; s skips to the next open item (4), b goes back to 3, Enter on an
# open item skips, 5 answers item 4; forward moves go to open items only
printf 's\nb\n\n5\nq\n' >in2
run assess answer 1 --as kim <in2
expect_out "resuming at item 3" "the next run resumes at the first open item"
expect_eq "$(sql "SELECT count(*) FROM answer")" "3" "one more answer stored"
expect_eq "$(sql "SELECT x.score FROM answer x JOIN assessment_item i ON i.id = x.item_id WHERE i.code = 'strategy.op.plan'")" \
    "5" "b went back and Enter skipped, so item 4 got the 5"
# finish: 17 open items remain (item 3 and items 5-20); end of input saves too
yes 3 | head -17 >in3
run assess answer 1 --as kim <in3
expect_out "all 20 items answered" "answering every item completes the questionnaire"
expect_eq "$(sql "SELECT count(*) FROM rater WHERE completed_at IS NOT NULL
                  AND user_id = (SELECT id FROM app_user WHERE login = 'kim')")" \
    "1" "the rater is recorded as complete"
printf '' | "$KAM" assess answer 1 --as kim >"$T_DIR/o" 2>&1
expect_eq "$?" "0" "end of input saves and quits"

# ---------------------------------------------------------------- permissions
run assess answer 1 --as kim --for ken </dev/null
expect_status 1 "a KAM cannot answer as someone else"
expect_err "kim may not answer for ken" "the refusal names both"
printf 'q\n' >q
run assess answer 1 --as gus <q
expect_status 0 "the customer guest answers their questionnaire"
expect_out "10 customer items" "only the customer items"
case "$OUT" in *".op."* | *".corp."*) _nok "the guest sees no internal item" ;; *) _ok "the guest sees no internal item" ;; esac
run assess answer 1 --as gus --account 2 <q
expect_status 1 "the guest has no questionnaire for another account"
run assess catalogue show --as gus
expect_out "10 items" "the guest sees only the customer items of the catalogue"
case "$OUT" in *"strategy.corp."*) _nok "no corporate items for the guest" ;; *) _ok "no corporate items for the guest" ;; esac
run assess results 1 --as gus --account 1
expect_status 1 "the guest sees no results"
run assess round show 1 --as gus
expect_out "gus" "the guest sees their own invitation"
case "$OUT" in *"erika"*) _nok "but not the other raters" ;; *) _ok "but not the other raters" ;; esac
run assess results 1 --as kim
expect_status 1 "a KAM does not see the whole round"
run assess results 1 --as kim --account 1
expect_status 0 "a KAM sees the results of their account"
run assess results 1 --as kim --account 2
expect_status 1 "but not of another KAM's account"
run assess results 1 --as erika
expect_status 0 "an executive sees the whole round"

# ---------------------------------------------------------------- answer files
before=$(sql "SELECT count(*) || '/' || sum(score) FROM answer")
cat >bad.csv <<'EOF'
rater;account;item;score;importance;comment
erika;;strategy.corp.role;4;5;fine
nobody;;strategy.corp.role;4;;
erika;;strategy.corp.role;3;;twice
erika;;strategy.corp.selection;7;;
erika;;strategy.op.business;3;;
ken;2;strategy.op.business;3;9;
ken;2;no.such.item;3;;
EOF
run assess import 1 bad.csv
expect_status 1 "a file with wrong rows is refused"
expect_err "nothing was imported" "the message says nothing was kept"
expect_err "row 3: nobody is not invited" "row 3: an unknown rater"
expect_err "row 5: score \"7\" is not 1-5" "row 5: a score out of range"
expect_err "row 6: strategy.op.business is a operational item; erika answers corporate items here" \
    "row 6: an item of another level"
expect_err "row 7: importance \"9\" is not 1-5" "row 7: a bad importance"
expect_err "row 8: no item \"no.such.item\"" "row 8: an unknown item"
expect_err "row 4: repeats row 2" "row 4: the same answer twice"
expect_eq "$(sql "SELECT count(*) || '/' || sum(score) FROM answer")" "$before" "nothing of the bad file was stored"
printf '[{"rater": "erika", "item": "strategy.corp.role", "score": 4}, {"rater": "erika", "item": "strategy.corp.plans", "score": "x"}, {"rater": "erika", "itme": "a"}]\n' >bad.json
run assess import 1 bad.json
expect_status 1 "a bad JSON file is refused"
expect_err "row 2: score \"x\"" "JSON row 2 named"
expect_err "row 3: unknown field \"itme\"" "JSON row 3 named"
expect_eq "$(sql "SELECT count(*) || '/' || sum(score) FROM answer")" "$before" "nothing of the bad JSON was stored"
printf 'rater,account,item,score\nken,2,strategy.op.business,3\n' >forken.csv
run assess import 1 forken.csv --as kim
expect_status 1 "a KAM cannot import answers for someone else"
expect_err "row 2: kim may not answer for ken" "the row and the reason"

# ---------------------------------------------------------------- catalogue versions
run assess catalogue export cat.json
expect_status 0 "catalogue export"
expect_eq "$(grep -c '"code"' cat.json)" "50" "the export holds every item"
run assess catalogue import cat.json
expect_status 1 "importing an unchanged export is refused"
expect_err "already exists" "because its version exists"
# a tiny custom catalogue: item A(code, dimension, level, weight, mirror, evidence)
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
sed 's/, "five"//' tiny.json | sed 's/"tiny-1"/"tiny-bad"/' >tinybad.json
ncat=$(sql "SELECT count(*) FROM assessment_catalogue")
run assess catalogue import tinybad.json
expect_status 1 "a catalogue with a wrong item is refused"
expect_err "item 1 (S-C1): \"anchors\".\"en\" needs the descriptions of levels 1 to 5" "naming the item and the field"
sed 's/acct_objective_levels/ka_sponsor/' tiny.json | sed 's/"tiny-1"/"tiny-bad"/' >tinybad2.json
run assess catalogue import tinybad2.json
expect_status 1 "an evidence rule of the wrong scope is refused"
expect_err "item 4 (S-O1): the evidence rule ka_sponsor looks at the programme" "the rule's scope is checked"
expect_eq "$(sql "SELECT count(*) FROM assessment_catalogue")" "$ncat" "refused catalogues store nothing"
run assess catalogue import tiny.json --as kim
expect_status 1 "a KAM cannot change the catalogue"
run assess catalogue import tiny.json
expect_status 0 "a custom catalogue is imported"
expect_out "catalogue tiny-1 imported (6 items, based on kam-2026.1)" "as a new version based on the builtin"
run assess round show 1
expect_out "catalogue kam-2026.1" "round 1 keeps the catalogue it was made with"
expect_eq "$(sql "SELECT count(*) FROM answer x JOIN assessment_item i ON i.id = x.item_id
                  JOIN assessment_catalogue k ON k.id = i.catalogue_id WHERE k.version <> 'kam-2026.1'")" "0" \
    "round 1's answers stay on its items"

# ---------------------------------------------------------------- a tiny round, computed by hand
run assess round create --name "Tiny" --deadline 2026-07-15 --accounts 1,2
expect_out "catalogue tiny-1" "a new round takes the newest catalogue"
run assess invite 2 --user erika --role executive
run assess invite 2 --user kim --role kam
expect_status 0 "a KAM may rate the programme"
run assess invite 2 --user kim --role kam --account 1
run assess invite 2 --user erika --role sponsor --account 1
run assess invite 2 --user gus --role customer --account 1
run assess invite 2 --user ken --role kam --account 2
run assess round open 2
# two objectives on two levels for account 1: its evidence for S-O1 is 2 of 4
run objective add --account_id 1 --level financial --title "Grow share of wallet"
run objective add --account_id 1 --level relationship --title "Meet the board twice a year"
# kim answers the programme (S-C1 2, S-C2 n with importance 3, P-C1 3),
# then account 1 (S-O1 4 importance 4, P-O1 4 importance 2)
printf '2\nn 3\n3\n4 4\n4 2\n' >kim.txt
run assess answer 2 --as kim <kim.txt
expect_status 0 "kim answers both questionnaires in one go"
expect_out "kim as kam for the programme: 3 corporate items" "first the programme"
expect_out "kim as kam for account 1 Acme SpA: 2 operational items" "then the account"
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
run assess import 2 tiny.csv
expect_status 0 "a good answer file is imported"
expect_out "imported 8 answers of 4 raters" "the import counts answers and raters"
expect_eq "$(sql "SELECT comment FROM answer WHERE comment LIKE 'we%'")" 'we would like more, "regular" contact' \
    "quotes and commas inside a CSV field survive"

run assess results 2 --all
expect_status 0 "results"
# corporate: S-C1 (4 + 2) / 2 = 3, S-C2 2 (kim said N/A), P-C1 (2 + 3) / 2 = 2.5;
# strategy (2 x 3 + 1 x 2) / 3 = 2.67, people 2.50, level 2.58, index (1.583 / 4) x 100 = 40;
# coverage 5 scored of 6 expected
expect_out "corporate    2.58   40     83% (5/6)" "corporate score, index and coverage"
expect_out "people 2.50" "the weakest corporate dimension"
# operational: account 1 strategy 3.5, people 3; account 2 strategy 2, people 3;
# round strategy 2.75, people 3, level 2.875 -> 2.88, index 46.9 -> 47
expect_out "operational  2.88   47     100% (6/6)" "operational score, index and coverage"
# customer: people 2, index 25
expect_out "customer     2.00   25     100% (1/1)" "customer score"
# gaps corporate - operational: strategy 2.67 - 2.75 = -0.08, people 2.5 - 3 = -0.50
expect_out "strategy    2.67       2.75         -         -0.08" "the strategy row with its gap"
expect_out "people      2.50       3.00         2.00      -0.50" "the people row with its gap"
# executive - kam on the programme: S-C1 4 - 2 = +2; kam - customer on account 1:
# P-O1 4 against the mirror P-U1 2 = +2; sponsor - kam: S-O1 3 - 4 = -1
expect_out "executive - kam     programme  strategy   S-C1         +2.00 !" "executive vs KAM flagged"
expect_out "kam - customer      accounts   people     P-O1         +2.00 !  account 1 (+2.00)" "KAM vs customer, by mirror items"
expect_out "sponsor - kam       accounts   strategy   S-O1         -1.00 !" "sponsor vs KAM flagged at exactly 1"
expect_out "sponsor - customer  accounts   people     (dimension)  +0.00 " "an unflagged gap"
# evidence: account 2 has no objectives: 0 of 4 -> 1.00 against a rating of 2: disagrees
expect_out "S-O1 at account 2: rated 2.00, evidence 1.00 - our objectives cover 0 of 4 levels" \
    "the evidence with its numbers, beside the rating"
expect_out "(2 checks, 1 flagged" "account 1 (rated 3.5, evidence 2 of 4 = 3.00) is not flagged"
# importance-performance: S-C2 2 x 3.5 -> 10.5, P-C1 12.5, S-O1 9, P-U1 15 concentrate;
# S-C1 keep up (3 is high); P-O1 importance 2, score 3: possible overkill
expect_out "important: 4 concentrate here (weak), 1 keep up (strong)" "the grid"
expect_out "less important: 0 low priority (weak), 1 possible overkill (strong)" "the grid's lower half"
expect_out "concentrate here: P-U1 score 2.00 importance 5.00 priority 15.00" "priority = importance x (5 - score)"
# recommendations: P-U1 item 15, customer people 15, P-C1 12.5, corporate people 12.5, S-C2 10.5,
# S-C1 rater gap 2 x 5 = 10, corporate strategy 4 x 7/3 = 9.33, S-O1 item 9, operational strategy 9,
# P-C1 rater gap 5, then four at 4 (three rater gaps, one evidence finding): 14 in all
expect_out " 1. Raise “Item P-U1” (P-U1): it scores 2.00 and is rated important (5.0)" "the first recommendation"
expect_out "urgency 15.0 = importance 5.0 × 3.00 points to close; rank 1 of 14" "why it ranks first"
expect_out "work on it at /accounts/1#people" "where it is worked on"
expect_out " 2. Strengthen people at the customer level: 2.00 of 5" "a tie keeps items before dimensions"
expect_out " 6. Executives rate “Item S-C1” (S-C1) 2.0 points higher than KAMs, for the programme" "a rater gap as a recommendation"
expect_out " 7. Strengthen strategy at the corporate level: 2.67 of 5" "ranked by urgency 9.33"
expect_out "urgency 9.3 = importance 4.0 × 2.33 points to close; rank 7 of 14" "importance is the mean given"
expect_out "14. Check “Item S-O1” (S-O1)" "the evidence finding ranks last of the ties"
expect_out "work on it at /accounts/2#strategy" "at the account where the evidence is missing"

run assess results 2 --json
expect_status 0 "results --json"
expect_out '"coverage": 0.833333333333333' "json coverage"
expect_out '"quadrant": "possible_overkill"' "json quadrant"
expect_out '"link": "/programme#people"' "json links"
run assess results 2 --account 2 --as ken
expect_status 0 "a KAM reads the results of their account"
expect_out "operational  2.50" "account 2 alone: strategy 2, people 3 -> 2.50"

# ---------------------------------------------------------------- closing and trend
run assess round close 2
expect_status 0 "round close"
printf '5\n' >five
run assess answer 2 --as ken <five
expect_status 1 "a closed round takes no answers"
expect_err "closed" "and says so"
run assess import 2 tiny.csv
expect_status 1 "nor answer files"
run assess results 2
expect_status 0 "a closed round keeps its results"
run assess trend
expect_status 0 "trend"
expect_out "2 Tiny" "the rounds are listed"
expect_out "2.58" "with their scores"
run assess trend --account 1 --as kim
expect_status 0 "a KAM reads the trend of their account"
# account 1, operational: round 1 (kim alone) strategy (4 x 1 + 3 x 1.5 + 5 x 1) / 3.5 = 3.86, level 3.17;
# round 2 strategy 3.5 (down by 0.36), level 3.25 (a change of 0.08: flat)
expect_out "3.25 flat" "a small change is flat"
expect_out "3.50 down" "a fall of a quarter point or more is down"
run assess trend --account 2 --as kim
expect_status 1 "but not of another's account"
run assess trend --as gus
expect_status 1 "the guest sees no trend"
run assess remind 2
expect_status 1 "reminders go out only while a round is open"
run assess remind 1
expect_status 0 "remind"
expect_eq "$(sql "SELECT count(*) FROM rater WHERE round_id = 1 AND reminded_on = '2026-06-15'")" \
    "$(sql "SELECT count(*) FROM rater WHERE round_id = 1 AND completed_at IS NULL")" "everyone not finished is reminded"

run assess round list
expect_status 0 "round list"
expect_out "Tiny" "lists the rounds"
[ "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'answer' AND action = 'import'")" -ge 1 ] \
    && _ok "imports are in the audit log" || _nok "imports are in the audit log"
expect_eq "$(sql 'PRAGMA foreign_key_check')" "" "no dangling foreign keys"

done_testing
