/* The PostgreSQL backend's pure translations: `?` -> $n, SQLite DDL ->
 * PostgreSQL DDL, and the columns named by a unique violation. */
#include "testutil.h"

#include "core/embedded.h"
#include "db/pg_translate.h"

#include <stdlib.h>
#include <string.h>

static void params_are_numbered_outside_quotes_and_comments(void **state)
{
    (void)state;
    int n = -1;
    unsigned char flags[8];
    char *s = pg_translate_params(
        "SELECT '?', \"a?\", x FROM t -- why?\n WHERE a = ? /* ? */ AND b LIKE ? "
        "ESCAPE '\\' AND c = 'it''s ?' AND d IN (?, ?)",
        &n, flags, 8);
    assert_string_equal(s,
                        "SELECT '?', \"a?\", x FROM t -- why?\n WHERE a = $1 /* ? */ AND b LIKE $2 "
                        "ESCAPE '\\' AND c = 'it''s ?' AND d IN ($3, $4)");
    assert_int_equal(n, 4);
    free(s);

    s = pg_translate_params("SELECT 1", &n, NULL, 0);
    assert_string_equal(s, "SELECT 1");
    assert_int_equal(n, 0);
    free(s);

    s = pg_translate_params("", &n, NULL, 0);
    assert_string_equal(s, "");
    free(s);

    /* more than 9: two digits */
    s = pg_translate_params("VALUES (?,?,?,?,?,?,?,?,?,?,?)", &n, NULL, 0);
    assert_string_equal(s, "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)");
    assert_int_equal(n, 11);
    free(s);
}

static void is_null_tests_are_flagged(void **state)
{
    (void)state;
    int n = 0;
    unsigned char flags[8] = {0};
    char *s = pg_translate_params(
        "SELECT x FROM t WHERE (? IS NULL OR e = ?) AND (?\n  IS NOT NULL) AND (? = 0 OR i = ?)",
        &n, flags, 8);
    assert_string_equal(s, "SELECT x FROM t WHERE ($1 IS NULL OR e = $2) AND ($3\n  IS NOT NULL) "
                           "AND ($4 = 0 OR i = $5)");
    assert_int_equal(n, 5);
    assert_int_equal(flags[0], PG_PARAM_IS_TEST);
    assert_int_equal(flags[1], 0);
    assert_int_equal(flags[2], PG_PARAM_IS_TEST);
    assert_int_equal(flags[3], 0);
    assert_int_equal(flags[4], 0);
    free(s);
    /* flags beyond maxflags are not written */
    unsigned char one[1] = {0};
    s = pg_translate_params("SELECT ? IS NULL, ? IS NULL", &n, one, 1);
    assert_int_equal(n, 2);
    assert_int_equal(one[0], PG_PARAM_IS_TEST);
    free(s);
}

static void ddl_types_keys_and_options(void **state)
{
    (void)state;
    char *s = pg_translate_ddl(
        "CREATE TABLE t (\n"
        "    id INTEGER PRIMARY KEY CONSTRAINT t_one CHECK (id = 1),\n"
        "    n INTEGER NOT NULL DEFAULT 0 CONSTRAINT t_n CHECK (n BETWEEN 0 AND 5),\n"
        "    r REAL,\n"
        "    d TEXT NOT NULL DEFAULT 'INTEGER REAL STRICT',\n"
        "    b BLOB,\n"
        "    p INTEGER REFERENCES t(id) ON DELETE SET NULL,\n"
        "    UNIQUE (n, d)\n"
        ") STRICT;\n");
    assert_string_equal(
        s, "CREATE TABLE t (\n"
           "    id BIGINT PRIMARY KEY CONSTRAINT t_one CHECK (id = 1),\n"
           "    n BIGINT NOT NULL DEFAULT 0 CONSTRAINT t_n CHECK (n BETWEEN 0 AND 5),\n"
           "    r DOUBLE PRECISION,\n"
           "    d TEXT COLLATE \"C\" NOT NULL DEFAULT 'INTEGER REAL STRICT',\n"
           "    b BYTEA,\n"
           "    p BIGINT REFERENCES t(id) ON DELETE SET NULL DEFERRABLE INITIALLY IMMEDIATE,\n"
           "    UNIQUE (n, d)\n"
           ");\n"
           "CREATE OR REPLACE FUNCTION kam_id_t() RETURNS trigger LANGUAGE plpgsql AS $kam$ "
           "BEGIN PERFORM pg_advisory_xact_lock(1262570801); SELECT coalesce(max(id), 0) + 1 INTO "
           "NEW.id FROM t; RETURN NEW; END $kam$;\n"
           "CREATE OR REPLACE TRIGGER kam_id_t BEFORE INSERT ON t FOR EACH ROW WHEN (NEW.id IS "
           "NULL) EXECUTE FUNCTION kam_id_t();\n");
    free(s);

    /* an INTEGER that is not the key stays a plain BIGINT; a table-level
     * foreign key and WITHOUT ROWID */
    s = pg_translate_ddl("create table u (k integer not null, v text, primary key (k), "
                         "foreign key (k) references t (id) on delete cascade on update no action) "
                         "strict, without rowid;");
    assert_string_equal(
        s, "create table u (k BIGINT not null, v TEXT COLLATE \"C\", primary key (k), "
           "foreign key (k) references t (id) on delete cascade on update no action DEFERRABLE "
           "INITIALLY IMMEDIATE);");
    free(s);

    /* already deferrable: left alone */
    s = pg_translate_ddl(
        "CREATE TABLE v (a INTEGER REFERENCES t(id) DEFERRABLE INITIALLY DEFERRED);");
    assert_string_equal(
        s, "CREATE TABLE v (a BIGINT REFERENCES t(id) DEFERRABLE INITIALLY DEFERRED);");
    free(s);
}

static void ddl_sqlite_only_parts(void **state)
{
    (void)state;
    char *s = pg_translate_ddl("PRAGMA foreign_keys = ON;\n"
                               "CREATE INDEX i ON t(lower(d));\n"
                               "CREATE UNIQUE INDEX j ON t(d COLLATE NOCASE) WHERE n > 0;\n"
                               "ALTER TABLE t ADD COLUMN z REAL NOT NULL DEFAULT 0;\n"
                               "ALTER TABLE t ADD w INTEGER;\n"
                               "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, x) STRICT;\n"
                               "INSERT OR IGNORE INTO t (id) VALUES (1);\n"
                               "UPDATE t SET n = CAST(d AS INTEGER);\n"
                               "DROP TABLE a;");
    assert_string_equal(
        s, "-- SQLite only, not run on PostgreSQL: PRAGMA foreign_keys = ON\n\n"
           "CREATE INDEX i ON t(lower(d));\n"
           "CREATE UNIQUE INDEX j ON t(d /* SQLite only: COLLATE NOCASE */) WHERE n > 0;\n"
           "ALTER TABLE t ADD COLUMN z DOUBLE PRECISION NOT NULL DEFAULT 0;\n"
           "ALTER TABLE t ADD w BIGINT;\n"
           "CREATE TABLE a (id BIGINT PRIMARY KEY /* AUTOINCREMENT */, x);\n"
           "CREATE OR REPLACE FUNCTION kam_id_a() RETURNS trigger LANGUAGE plpgsql AS $kam$ "
           "BEGIN PERFORM pg_advisory_xact_lock(1262570801); SELECT coalesce(max(id), 0) + 1 INTO "
           "NEW.id FROM a; RETURN NEW; END $kam$;\n"
           "CREATE OR REPLACE TRIGGER kam_id_a BEFORE INSERT ON a FOR EACH ROW WHEN (NEW.id IS "
           "NULL) EXECUTE FUNCTION kam_id_a();\n"
           "INSERT INTO t (id) VALUES (1) ON CONFLICT DO NOTHING;\n"
           "UPDATE t SET n = CAST(d AS BIGINT);\n"
           "DROP TABLE a;");
    free(s);
}

/* The text of sql without its comments. */
static char *strip_comments(const char *sql)
{
    char *out = calloc(strlen(sql) + 1, 1);
    SqlTok t;
    for (const char *p = sql_token(sql, &t); t.kind != SQLTOK_END; p = sql_token(p, &t))
        if (t.kind != SQLTOK_COMMENT) strncat(out, t.p, t.n);
    return out;
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what)) n++;
    return n;
}

/* Every migration translates: no STRICT table option, no SQLite type left
 * in a column, every table's INTEGER PRIMARY KEY numbered by a trigger. */
static void every_migration_translates(void **state)
{
    (void)state;
    for (int m = 0; kam_migrations[m].name; m++) {
        char *pg = pg_translate_ddl((const char *)kam_migrations[m].data);
        char *s = strip_comments(pg);
        char *orig = strip_comments((const char *)kam_migrations[m].data);
        assert_null(strstr(s, "STRICT"));
        assert_null(strstr(s, " INTEGER"));
        assert_null(strstr(s, " REAL"));
        assert_int_equal(count(s, "BIGINT PRIMARY KEY"), count(orig, "INTEGER PRIMARY KEY"));
        assert_int_equal(count(s, "CREATE OR REPLACE TRIGGER kam_id_"),
                         count(orig, "INTEGER PRIMARY KEY"));
        assert_int_equal(count(s, "CREATE TABLE"), count(orig, "CREATE TABLE"));
        assert_int_equal(count(s, "CHECK ("), count(orig, "CHECK ("));
        assert_int_equal(count(s, "DEFERRABLE INITIALLY IMMEDIATE"), count(orig, "REFERENCES"));
        free(s);
        free(orig);
        free(pg);
    }
}

static void unique_violation_names_columns_like_sqlite(void **state)
{
    (void)state;
    char what[128], last[64];
    assert_true(pg_unique_columns("account", "Key (ext_id)=(A1) already exists.", what, sizeof what,
                                  last, sizeof last));
    assert_string_equal(what, "account.ext_id");
    assert_string_equal(last, "ext_id");
    assert_true(pg_unique_columns("account_year",
                                  "Key (account_id, year)=(1, 2024) already exists.", what,
                                  sizeof what, last, sizeof last));
    assert_string_equal(what, "account_year.account_id, account_year.year");
    assert_string_equal(last, "year");
    /* expressions and missing details are not columns */
    assert_false(pg_unique_columns("account", "Key (lower(name))=(acme) already exists.", what,
                                   sizeof what, NULL, 0));
    assert_false(pg_unique_columns("account", NULL, what, sizeof what, NULL, 0));
    assert_false(
        pg_unique_columns(NULL, "Key (a)=(1) already exists.", what, sizeof what, NULL, 0));
    /* too small a buffer fails instead of truncating */
    assert_false(
        pg_unique_columns("account", "Key (ext_id)=(A1) already exists.", what, 8, NULL, 0));
}

static void tokens(void **state)
{
    (void)state;
    SqlTok t;
    const char *p = sql_token("  'a''b' x1 \"q\"\"q\" ? 1.5e3;", &t);
    assert_int_equal(t.kind, SQLTOK_SPACE);
    p = sql_token(p, &t);
    assert_int_equal(t.kind, SQLTOK_STRING);
    assert_int_equal(t.n, 6);
    p = sql_token(sql_token(p, &t), &t);
    assert_true(sql_tok_is(&t, "X1"));
    p = sql_token(sql_token(p, &t), &t);
    assert_int_equal(t.kind, SQLTOK_QIDENT);
    assert_int_equal(t.n, 6);
    p = sql_token(sql_token(p, &t), &t);
    assert_int_equal(t.kind, SQLTOK_PARAM);
    p = sql_token(sql_token(p, &t), &t);
    assert_int_equal(t.kind, SQLTOK_NUMBER);
    assert_int_equal(t.n, 5);
    p = sql_token(p, &t);
    assert_int_equal(t.kind, SQLTOK_PUNCT);
    p = sql_token(p, &t);
    assert_int_equal(t.kind, SQLTOK_END);
    /* unterminated: runs to the end */
    sql_token("'abc", &t);
    assert_int_equal(t.n, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(params_are_numbered_outside_quotes_and_comments),
        cmocka_unit_test(is_null_tests_are_flagged),
        cmocka_unit_test(ddl_types_keys_and_options),
        cmocka_unit_test(ddl_sqlite_only_parts),
        cmocka_unit_test(every_migration_translates),
        cmocka_unit_test(unique_violation_names_columns_like_sqlite),
        cmocka_unit_test(tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
