# Customer contacts (positions held over time) and account teams.
. "$KAM_ROOT/tests/cli/lib.sh"

run init
printf 'correct horse battery staple\n' >pw
run user add alice --role kam --name "Alice Ames" --password-stdin <pw
run account add --name "Acme SpA"

for cmd in contact team; do
    run $cmd --help
    expect_status 0 "$cmd --help succeeds"
    expect_out "usage: kam $cmd" "$cmd --help prints the usage"
done
run contact move --help
expect_out "--vacate" "contact move --help explains --vacate"

# ---------------------------------------------------------------- contact
run contact add --account 1 --name "Maria Rossi" --title CEO --buying-role decision_maker --influence 5 \
    --attitude supporter --counterpart alice --email maria@acme.example
expect_status 0 "contact add"
expect_out "position 1" "the new position is named"
expect_eq "$(sql "SELECT kind, email FROM person WHERE full_name = 'Maria Rossi'")" "external|maria@acme.example" "the person is an external contact"
expect_eq "$(sql "SELECT title, buying_role, influence, attitude FROM contact_position WHERE id = 1")" "CEO|decision_maker|5|1" "the position is stored"
expect_eq "$(sql "SELECT p.full_name FROM contact_position c JOIN person p ON p.id = c.counterpart_id WHERE c.id = 1")" "Alice Ames" "the counterpart is our person"
expect_eq "$(sql "SELECT count(*) FROM position_holder WHERE position_id = 1 AND to_on IS NULL AND from_on = '2026-06-15'")" "1" "the person holds the position from today"
expect_eq "$(sql "SELECT count(*) FROM audit_log WHERE entity IN ('person', 'contact_position', 'position_holder')")" "3" "all three records are audited"

run contact add --account 1 --name "Luca Bianchi" --title "Head of IT" --buying-role technical_buyer --attitude -1
expect_status 0 "a second contact"
run contact add --account 1 --name "Paolo Verdi" --title "Buyer" --buying-role gatekeeper
person_paolo=$(sql "SELECT id FROM person WHERE full_name = 'Paolo Verdi'")

run contact add --account 99 --name "Nobody"
expect_status 1 "contact add on an unknown account"
expect_err "99" "the error names the account"
run contact add --account 1 --name "X" --buying-role boss
expect_status 1 "a bad buying role is refused"
expect_err "buying_role" "the error names the field"
run contact add --account 1 --name "X" --influence 9
expect_status 1 "influence outside 1-5 is refused"
expect_err "influence" "the error names the field"
run contact add --account 1 --name "X" --attitude grumpy
expect_status 1 "a bad attitude is refused"
expect_err "grumpy" "the error quotes the attitude"
run contact add --account 1 --name "X" --counterpart nobody
expect_status 1 "an unknown counterpart is refused"
expect_err "nobody" "the error names the counterpart"
expect_eq "$(sql "SELECT count(*) FROM person WHERE full_name = 'X'")" "0" "a refused contact leaves nothing behind"
run contact add --account 1
expect_status 2 "contact add without a name is a usage error"

run contact list --account 1
expect_status 0 "contact list"
expect_out "Maria Rossi" "the holder is listed"
expect_out "Alice Ames" "the counterpart is listed"
expect_out "sceptic" "the attitude is shown in words"
expect_out "3 positions, 0 vacant" "the summary line"
run contact list --account 1 --json
expect_status 0 "contact list --json"
expect_out '"holder": "Maria Rossi"' "json has the holder"
run contact list --account 99
expect_status 1 "contact list of an unknown account"
expect_err "account 99" "the error names the account"

# Luca (person 3) becomes CEO: Maria's time ends, Luca's Head of IT position is vacated
run contact move 3 --to 1
expect_status 0 "contact move"
expect_out "1 earlier position ended" "the previous position ends"
run contact show 1
expect_status 0 "contact show"
expect_out "held by      Luca Bianchi" "the new holder"
expect_out "Maria Rossi" "the previous holder is kept"
expect_eq "$(sql "SELECT to_on FROM position_holder h JOIN person p ON p.id = h.person_id WHERE p.full_name = 'Maria Rossi'")" "2026-06-15" "the previous holder's time ends today"
run contact show 1 --json
expect_out '"holders"' "contact show --json has the history"
run contact list --account 1
expect_out "(vacant)" "the left position is vacant"
expect_out "3 positions, 1 vacant" "one vacant position"
run contact move "$person_paolo" --vacate
expect_status 0 "contact move --vacate"
expect_eq "$(sql "SELECT count(*) FROM position_holder WHERE person_id = $person_paolo AND to_on IS NULL")" "0" "nothing is held any more"
expect_eq "$(sql "SELECT count(*) FROM position_holder WHERE person_id = $person_paolo")" "1" "the history is kept"
run contact move "$person_paolo" --vacate
expect_status 1 "vacating twice is refused"
expect_err "holds no position" "the error explains why"
run contact move 3 --to 99
expect_status 1 "moving to an unknown position"
expect_err "99" "the error names the position"
run contact move 3
expect_status 2 "move needs --to or --vacate"
run contact show 99
expect_status 1 "contact show of an unknown position"

# ---------------------------------------------------------------- team
run team add --account 1 --user alice --role kam --share 0.5
expect_status 0 "team add"
expect_eq "$(sql 'SELECT role, time_share FROM team_member WHERE id = 1')" "kam|50.0" "the share is stored as a percentage"
run team add --account 1 --user alice --role kam
expect_status 1 "the same member and role twice is refused"
run team add --account 1 --user alice --role boss
expect_status 1 "a bad team role is refused"
expect_err "role" "the error names the role"
run team add --account 1 --user alice --role sales --share 1.5
expect_status 1 "a share above 1 is refused"
expect_err "share" "the error names the share"
run team add --account 1 --user ghost --role sales
expect_status 1 "an unknown user is refused"
expect_err "ghost" "the error names the user"
run team add --account 99 --user alice --role sales
expect_status 1 "team add on an unknown account"
expect_err "99" "the error names the account"
run team list --account 1
expect_status 0 "team list"
expect_out "Alice Ames" "the member is listed"
expect_out "50%" "with the share"
run team list --account 1 --json
expect_out '"login": "alice"' "team list --json has the login"
run team rm 1
expect_status 0 "team rm"
expect_eq "$(sql 'SELECT count(*) FROM team_member')" "0" "the member is gone"
run team rm 1
expect_status 1 "removing again is refused"
run team rm x
expect_status 1 "a non-id is refused"

done_testing
