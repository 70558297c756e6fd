# The store: init, migrations, versions and conflicts, backup and restore.
. "$KAM_ROOT/tests/cli/lib.sh"

run init
expect_status 0 "init creates a database"
if on_pg; then
    skip "the database is in WAL mode" "SQLite's journal mode; PostgreSQL always logs ahead"
    expect_eq "$(sql "SELECT value FROM kam_meta WHERE key = 'application'")" "kam" \
        "the database is marked as a kam database"
else
    expect_eq "$(sql 'PRAGMA journal_mode')" "wal" "the database is in WAL mode"
    expect_eq "$(sql 'PRAGMA application_id')" "1262570801" "the file is marked as a kam database"
fi

run init
expect_status 1 "init refuses an existing database"

run db version
expect_status 0 "db version runs"
expect_out "1" "db version prints the schema version"

run account add --name "Acme SpA" --industry Manufacturing --country IT
expect_status 0 "account add"
run account list
expect_out "Acme SpA" "account list shows the new account"

run account edit 1 --name "Acme Group" --version 1
expect_status 0 "edit at the current version succeeds"
run account edit 1 --name "Lost update" --version 1
expect_status 1 "edit at a stale version is refused"
expect_err "was changed by someone else" "the conflict is explained"
expect_err "Acme Group" "the conflict names the record"
expect_eq "$(sql 'SELECT name, version FROM account WHERE id = 1')" "Acme Group|2" "the stale edit changed nothing"

run account add --industry Manufacturing
expect_status 1 "a required field is enforced"
expect_err "name" "the error names the missing field"

run account add --name "Beta" --employees lots
expect_status 1 "a non-number is refused"
expect_err "employees" "the error names the field"

# A database from a newer kam is refused, not damaged.
if on_pg; then
    newer=$(newdb newer)
    "$KAM" db copy --from "$KAM_DB" --to "$newer" >/dev/null 2>&1
    sql_on "$newer" "UPDATE kam_meta SET value = '999' WHERE key = 'schema_version'"
else
    newer=newer.db
    cp kam.db newer.db
    sqlite3 newer.db "UPDATE kam_meta SET value = '999' WHERE key = 'schema_version'" 2>/dev/null ||
        sqlite3 newer.db "PRAGMA user_version = 999"
fi
run --db "$newer" account list
expect_status 1 "a database newer than the binary is refused"
expect_err "newer than this kam" "the refusal says the database is newer"

# Backup and restore.
if on_pg; then
    run backup copy.db
    expect_status 2 "kam backup on PostgreSQL is a usage error"
    expect_err "pg_dump" "it points to pg_dump"
    skip "backup and restore of the database file" "kam backup/restore copy SQLite files; PostgreSQL uses pg_dump"
    done_testing
    exit
fi
run backup copy.db
expect_status 0 "backup writes a copy"
expect_eq "$(sqlite3 copy.db 'SELECT name FROM account WHERE id = 1')" "Acme Group" "the copy holds the data"
run account add --name "After backup"
run restore copy.db
expect_status 0 "restore puts the copy back"
expect_eq "$(sql "SELECT count(*) FROM account WHERE name = 'After backup'")" "0" "restore brought back the earlier state"
printf 'not a database' >junk.db
run restore junk.db
expect_status 1 "restore refuses a file that is not a kam backup"
expect_eq "$(sql 'SELECT count(*) FROM account')" "1" "a refused restore leaves the database as it was"

done_testing
