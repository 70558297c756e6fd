# CSV import: CRM and spreadsheet dialects, matching on external ids (the
# same file twice changes nothing), dry runs, and bad files: each rejected
# with its own message naming row, column and value, and the database file
# byte-for-byte unchanged.
. "$KAM_ROOT/tests/cli/lib.sh"

run init --name "Import SpA"
expect_status 0 "a new database"

# db_hash: the database's content. SQLite: checkpointed first (so nothing
# waits in the WAL), then the file and its dump; PostgreSQL: the dump.
db_hash() {
    if on_pg; then dump_db "$KAM_DB" | sha256sum | cut -c1-64; else
        sqlite3 "$KAM_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
        { sha256sum <"$KAM_DB"; dump_db "$KAM_DB" | sha256sum; } | tr -d ' \n-'
    fi
}

# ---- accounts: a Salesforce account export (CRLF, quotes, commas inside)
printf 'Account ID,Account Name,Industry,Billing Country,Annual Revenue,Employees,Rating,Description\r\n' >sf.csv
printf 'SF-001,Acme SpA,Packaging,IT,1250000.5,120,Hot,\r\n' >>sf.csv
printf 'SF-002,"Beta, ""the"" Company",Food,DE,,,Warm,\r\n' >>sf.csv
printf 'SF-003,Gamma Holding,Logistics,FR,3000000,45,,"Two plants.\r\nOne in Lyon."\r\n' >>sf.csv

h=$(db_hash)
run import accounts sf.csv --dry-run
expect_status 0 "a dry run succeeds"
expect_out "row 2: add account" "the dry run lists what it would add"
expect_out "would import sf.csv: 3 rows, 3 added, 0 changed, 0 unchanged" "and counts it"
expect_out 'columns ignored: "Rating"' "and names the columns it ignores"
expect_eq "$(sql 'SELECT count(*) FROM account')" "0" "a dry run stores nothing"
expect_eq "$(db_hash)" "$h" "a dry run leaves the database byte-for-byte unchanged"

run import accounts sf.csv
expect_status 0 "a Salesforce account export imports"
expect_out "3 rows, 3 added, 0 changed, 0 unchanged" "three accounts added"
expect_eq "$(sql "SELECT name || '|' || industry || '|' || country || '|' || annual_revenue || '|' || employees FROM account WHERE ext_id = 'SF-001'")" \
    "Acme SpA|Packaging|IT|1250000.5|120" "columns matched by their Salesforce names"
expect_eq "$(sql "SELECT name FROM account WHERE ext_id = 'SF-002'")" 'Beta, "the" Company' "quoted commas and doubled quotes"
expect_eq "$(sql "SELECT profile = 'Two plants.' || char(13) || char(10) || 'One in Lyon.' FROM account WHERE ext_id = 'SF-003'")" "1" \
    "a quoted value over two lines"

before=$(db_hash)
run import accounts sf.csv
expect_status 0 "the same file again"
expect_out "3 rows, 0 added, 0 changed, 3 unchanged" "changes nothing the second time"
expect_eq "$(sql 'SELECT max(version) FROM account')" "1" "and no version moves"
expect_eq "$(db_hash)" "$before" "not a byte of the database (no audit entry either)"

printf 'Account ID,Account Name,Annual Revenue\nSF-001,Acme SpA,1300000\n' >sf2.csv
run import accounts sf2.csv
expect_out "1 rows, 0 added, 1 changed, 0 unchanged" "a changed value is an update"
expect_eq "$(sql "SELECT annual_revenue || '|' || version || '|' || industry FROM account WHERE ext_id = 'SF-001'")" \
    "1300000.0|2|Packaging" "of that value only (and the version moves)"
if [ "$(db_hash)" != "$before" ]; then _ok "db_hash sees a change (so its 'unchanged' below means something)"; else
    _nok "db_hash sees a change (so its 'unchanged' below means something)"; fi
expect_eq "$(sql "SELECT count(*) FROM audit_log WHERE entity = 'account' AND action = 'update'")" "1" \
    "the change is in the audit log"

# ---- a HubSpot companies export, with a BOM
printf '\357\273\277Record ID,Company name,Industry,Country/Region,City\n9001,Delta GmbH,Chemicals,DE,Köln\n' >hs.csv
run import accounts hs.csv
expect_status 0 "a HubSpot export with a byte-order mark imports"
expect_eq "$(sql "SELECT name || '|' || city FROM account WHERE ext_id = '9001'")" "Delta GmbH|Köln" "UTF-8 kept"

# ---- Italian Excel: semicolons, decimal comma, thousands dots
printf 'Codice cliente;Ragione sociale;Fatturato annuo;Settore\nIT-01;Rossi Meccanica S.r.l.;1.234.567,89;Meccanica\n' >it.csv
run import accounts it.csv
expect_status 0 "an Italian semicolon file imports"
expect_eq "$(sql "SELECT annual_revenue FROM account WHERE ext_id = 'IT-01'")" "1234567.89" "1.234.567,89 is read the Italian way"

# ---- --map names columns the aliases do not know
printf 'Cod.;Denominazione cliente;Dipendenti\nIT-02;Verdi SpA;35\n' >map.csv
run import accounts map.csv --map "Cod.=ext_id,Denominazione cliente=name"
expect_status 0 "--map names the columns"
expect_eq "$(sql "SELECT name || '|' || employees FROM account WHERE ext_id = 'IT-02'")" "Verdi SpA|35" "mapped and matched columns together"

# ---- contacts: first and last name, account by external id or name
printf 'Record ID,Associated Company,First Name,Last Name,Job Title,Email,Buying role\n' >ct.csv
printf 'C-1,SF-001,Anna,Bianchi,CFO,anna@acme.example,economic_buyer\n' >>ct.csv
printf 'C-2,Delta GmbH,Jens,Weber,Head of purchasing,,decision_maker\n' >>ct.csv
run import contacts ct.csv
expect_status 0 "contacts import"
expect_out "2 rows, 2 added" "two contacts added"
expect_eq "$(sql "SELECT p.full_name || '|' || cp.title || '|' || cp.buying_role || '|' || a.ext_id FROM person p JOIN position_holder h ON h.person_id = p.id JOIN contact_position cp ON cp.id = h.position_id JOIN account a ON a.id = cp.account_id WHERE p.ext_id = 'C-1'")" \
    "Anna Bianchi|CFO|economic_buyer|SF-001" "each a person holding a position at the account"
run import contacts ct.csv
expect_out "2 rows, 0 added, 0 changed, 2 unchanged" "the same contacts again change nothing"
printf 'Record ID,Associated Company,First Name,Last Name,Job Title\nC-1,IT-01,Anna,Bianchi,CEO\n' >moved.csv
run import contacts moved.csv
expect_out "1 changed" "a contact now at another account"
expect_eq "$(sql "SELECT count(*) || '|' || sum(h.to_on IS NULL) FROM position_holder h JOIN person p ON p.id = h.person_id WHERE p.ext_id = 'C-1'")" \
    "2|1" "holds the new position; the old one is kept as history"

# ---- KPI measurements
run kpi define --account 1 --name "On-time delivery" --code otd --direction higher --target 98 --unit %
expect_status 0 "a KPI to measure"
run kpi define --account 1 --name "Share of wallet" --code sow --direction higher --frequency quarterly --target 40
printf 'account,kpi,period,value,target,note\nSF-001,otd,2026-01,96.5,,\nSF-001,otd,2026-02,97,98,"late truck, 2 days"\nSF-001,sow,2026-03,35,,\n' >k.csv
run import kpis k.csv
expect_status 0 "measurements import"
expect_out "3 rows, 3 added" "three measurements"
expect_eq "$(sql "SELECT group_concat(period || '=' || value, ' ') FROM (SELECT period, value FROM kpi_measurement ORDER BY period)")" \
    "2026-01=96.5 2026-02=97.0 2026-03=35.0" "stored per period"
run import kpis k.csv
expect_out "3 rows, 0 added, 0 changed, 3 unchanged" "the same measurements again change nothing"
printf 'account;kpi;period;value\nSF-001;otd;2026-01;96,8\n' >k2.csv
run import kpis k2.csv
expect_out "1 changed" "a corrected value is an update"
expect_eq "$(sql "SELECT value || '|' || version FROM kpi_measurement WHERE period = '2026-01'")" "96.8|2" "with a new version"
expect_eq "$(sql "SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'kpi_measurement'")" "2" \
    "each import that changed measurements is in the audit log"

# ---- bad files: own message each, database file unchanged
bad() { # bad NAME KIND FILE MESSAGE [extra args]
    name=$1 kind=$2 file=$3 msg=$4
    shift 4
    h=$(db_hash)
    run import "$kind" "$file" "$@"
    expect_status 1 "$name: rejected"
    expect_err "$msg" "$name: says why"
    expect_eq "$(db_hash)" "$h" "$name: database byte-for-byte unchanged"
}
hdr='Account ID,Account Name,Annual Revenue'
printf '%s\nX-1,Good,1\nX-2,"Unclosed,2\n' "$hdr" >b1.csv
bad "unbalanced quote" accounts b1.csv 'b1.csv: row 3, column "Account Name": a quoted value is never closed'
printf 'Account ID\tAccount Name\nX-1\tTabbed\n' >b2.csv
bad "tab-separated" accounts b2.csv 'b2.csv: row 1: the columns are separated by tabs'
printf 'Account ID|Account Name\nX-1|Piped\n' >b3.csv
bad "unknown delimiter" accounts b3.csv 'b3.csv: no column for ext_id'
printf '%s\nX-1,Caf\351 Latin,1\n' "$hdr" >b4.csv
bad "invalid UTF-8" accounts b4.csv 'b4.csv: row 2, column "Account Name": not valid UTF-8 (byte 4 of the value)'
printf 'Account ID,Industry\nX-1,Food\n' >b5.csv
bad "missing required column" accounts b5.csv 'b5.csv: no column for name'
printf '%s\nX-1,One,1\nX-2,Two,2\nX-1,Again,3\n' "$hdr" >b6.csv
bad "duplicate external id" accounts b6.csv 'b6.csv: row 4, column "Account ID": "X-1" already appeared on row 2'
printf '%s\nX-1,One,1\nX-2,Two,"12,5 M"\n' "$hdr" >b7.csv
bad "not a number" accounts b7.csv 'b7.csv: row 3, column "Annual Revenue": "12,5 M" is not a number'
printf 'Record ID,Associated Company,Full name\nC-9,NO-SUCH,Ghost\n' >b8.csv
bad "unknown account" contacts b8.csv 'b8.csv: row 2, column "Associated Company": "NO-SUCH" is not the external id or name of an account'
: >b9.csv
bad "empty file" accounts b9.csv 'b9.csv: the file is empty'
printf '%s\n' "$hdr" >b10.csv
bad "header only" accounts b10.csv 'b10.csv: there are no data rows under the header'
printf '%s\nX-1,One,1,surplus\n' "$hdr" >b11.csv
bad "too many values" accounts b11.csv 'b11.csv: row 2 has 4 values but the header has 3 columns'
printf '%s\nX-1,One\n' "$hdr" >b12.csv
bad "too few values" accounts b12.csv 'b12.csv: row 2 has 2 values but the header has 3 columns'
printf '%s\nX-1,"One"x,1\n' "$hdr" >b13.csv
bad "text after a closing quote" accounts b13.csv 'b13.csv: row 2, column "Account Name": text after the closing quote'
printf '%s\nX-1,Bad"quote,1\n' "$hdr" >b14.csv
bad "quote inside a plain value" accounts b14.csv 'b14.csv: row 2, column "Account Name": a quote inside a value'
printf 'account,kpi,period,value\nSF-001,otd,2026/04,97\n' >b15.csv
bad "bad period" kpis b15.csv 'b15.csv: row 2, column "period": "2026/04" is not a month (YYYY-MM'
printf 'account,kpi,period,value\nSF-001,nps,2026-04,40\n' >b16.csv
bad "unknown KPI" kpis b16.csv 'b16.csv: row 2, column "kpi": account "SF-001" has no KPI with the code "nps"'
printf 'account,kpi,period,value\nSF-001,sow,2026-04,36\n' >b17.csv
bad "period of a quarterly KPI" kpis b17.csv 'b17.csv: row 2, column "period": 2026-04 is not a period of KPI "sow", which is measured quarterly'
printf 'Account ID,Account Name,stage\nX-1,One,9\n' >b18.csv
bad "value out of range" accounts b18.csv 'b18.csv: row 2, column "stage": 9 is outside 1 to 5'
printf 'Record ID,Associated Company,Full name,Buying role\nC-8,SF-001,Boss Man,boss\n' >b19.csv
bad "not one of the choices" contacts b19.csv 'b19.csv: row 2, column "Buying role": "boss" is not one of decision_maker, economic_buyer'
printf '%s\nX-1,Nul\000byte,1\n' "$hdr" >b20.csv
bad "NUL byte" accounts b20.csv 'b20.csv: row 2 contains a NUL byte'
long=$(printf '%0250d' 0 | tr 0 x)
printf '%s\nX-1,%s,1\n' "$hdr" "$long" >b21.csv
bad "value too long" accounts b21.csv 'b21.csv: row 2, column "Account Name": '
printf '%s\nX-1,One,1\n' "$hdr" >b22.csv
bad "--map names a missing column" accounts b22.csv 'b22.csv: --map names a column "Codice" the header does not have' --map "Codice=ext_id"
printf 'account,kpi,period,value\nSF-001,otd,2026-05,97\nSF-001,otd,2026-05,98\n' >b23.csv
bad "the same measurement twice" kpis b23.csv 'b23.csv: row 3, column "period": KPI "otd" 2026-05 already appeared on row 2'

# a bad row after good ones: the good ones are not stored either
printf '%s\nOK-1,Fine,1\nOK-2,Fine too,2\nOK-3,Broken,abc\n' "$hdr" >b24.csv
bad "a bad last row" accounts b24.csv 'b24.csv: row 4, column "Annual Revenue": "abc" is not a number'
expect_eq "$(sql "SELECT count(*) FROM account WHERE ext_id LIKE 'OK-%'")" "0" "none of the good rows before it were stored"

run import accounts sf.csv --map "Account ID=nonsense"
expect_status 2 "--map to a field kam does not know is a usage error"
expect_err '"nonsense" is not a field kam imports here' "naming the field"

# ---- real exports (tests/cli/fixtures/import), into a database of their own
FX=$KAM_ROOT/tests/cli/fixtures/import
fx=$(newdb fixtures) || exit 1
"$KAM" --db "$fx" init --name "Fixtures SpA" >/dev/null
run --db "$fx" import accounts "$FX/salesforce-accounts.csv"
expect_status 0 "a Salesforce account export"
expect_out "3 rows, 3 added" "adds its accounts"
expect_out 'columns ignored: "Account Owner", "Type", "Last Modified Date"' "and lists what kam does not keep"
expect_eq "$(sql_on "$fx" "SELECT name || '|' || city || '|' || country || '|' || annual_revenue || '|' || employees FROM account WHERE ext_id = '0015g00000A1bCdAAJ'")" \
    "Officine Rinaldi S.p.A.|Brescia|Italy|1250000.0|120" '"1,250,000.00" in a comma file is a million and a quarter'
expect_eq "$(sql_on "$fx" "SELECT name FROM account WHERE ext_id = '0015g00000A1bCfAAJ'")" "Kessler, Vogt & Partner GmbH" \
    "a quoted name with a comma"
run --db "$fx" import accounts "$FX/hubspot-companies.csv"
expect_status 0 "a HubSpot companies export"
expect_eq "$(sql_on "$fx" "SELECT name || '|' || city || '|' || country || '|' || employees FROM account WHERE ext_id = '8823011456'")" \
    "Helvetia Präzision AG|Zürich|Switzerland|95" "by Record ID, Company name, Country/Region, Number of Employees"
run --db "$fx" import contacts "$FX/salesforce-contacts.csv"
expect_status 0 "a Salesforce contact export"
expect_eq "$(sql_on "$fx" "SELECT p.full_name || '|' || cp.title || '|' || cp.unit || '|' || a.ext_id FROM person p JOIN position_holder h ON h.person_id = p.id JOIN contact_position cp ON cp.id = h.position_id JOIN account a ON a.id = cp.account_id WHERE p.ext_id = '0035g00000Z9aAAAAZ'")" \
    "Giulia Rinaldi|CFO|Finance|0015g00000A1bCdAAJ" "first and last name joined; the account by its Account ID"
run --db "$fx" kpi define --account 1 --name "On-time delivery" --code otd --direction higher --target 98 --unit %
run --db "$fx" import kpis "$FX/excel-it-kpi.csv" --dry-run
expect_status 0 "a dry run of an Italian Excel file (BOM, ';', CRLF, decimal commas)"
expect_out 'row 3: add KPI “otd” 2026-04 = 1001.25' "lists each row it would add, numbers read the Italian way"
expect_eq "$(sql_on "$fx" "SELECT count(*) FROM kpi_measurement")" "0" "and stores nothing"
run --db "$fx" import kpis "$FX/excel-it-kpi.csv"
expect_status 0 "the Italian Excel file imports"
expect_eq "$(sql_on "$fx" "SELECT group_concat(period || '=' || value || '/' || CASE WHEN target IS NULL THEN '-' ELSE target || '' END, ' ') FROM (SELECT * FROM kpi_measurement ORDER BY period) AS m")" \
    "2026-03=96.5/98.0 2026-04=1001.25/- 2026-05=97.0/98.5" "decimal commas and thousands dots"
expect_eq "$(sql_on "$fx" "SELECT note = 'Valore già corretto' || char(13) || char(10) || 'dopo la verifica' FROM kpi_measurement WHERE period = '2026-04'")" "1" \
    "a note over two lines, accented"
run --db "$fx" import kpis "$FX/excel-it-kpi.csv"
expect_out "3 rows, 0 added, 0 changed, 3 unchanged" "the same file again changes nothing"

run import things sf.csv
expect_status 2 "an unknown kind is a usage error"
run import accounts no-such-file.csv
expect_status 1 "a missing file is an input error"
expect_err "no-such-file.csv: cannot open the file" "and says so"

done_testing
