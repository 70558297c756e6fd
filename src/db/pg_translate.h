/* Pure text translations for the PostgreSQL backend, kept apart from libpq so
 * they can be unit-tested: the `?` placeholders of the portable SQL turned
 * into $1..$n, the project's SQLite DDL turned into PostgreSQL DDL, and the
 * small SQL tokenizer both use (also used by `kam db copy` to read table
 * names out of the migrations). */
#ifndef KAM_PG_TRANSLATE_H
#define KAM_PG_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum SqlTokKind {
    SQLTOK_END,     /* end of text */
    SQLTOK_SPACE,   /* white space */
    SQLTOK_COMMENT, /* -- … or / * … * / */
    SQLTOK_WORD,    /* keyword or bare identifier */
    SQLTOK_NUMBER,  /* numeric literal */
    SQLTOK_STRING,  /* '…' with '' doubled inside */
    SQLTOK_QIDENT,  /* "…", `…` or […] quoted identifier */
    SQLTOK_PARAM,   /* ? */
    SQLTOK_PUNCT,   /* any other single character */
} SqlTokKind;

typedef struct SqlTok {
    SqlTokKind kind;
    const char *p; /* first character */
    size_t n;      /* length */
} SqlTok;

/* Read the token at p into *t and return where the next one starts. An
 * unterminated string, identifier or comment runs to the end of the text. */
const char *sql_token(const char *p, SqlTok *t);
/* True when t is the word w (ASCII case-insensitive). */
bool sql_tok_is(const SqlTok *t, const char *w);

/* 'KAM1': the key of the advisory lock every write transaction takes on
 * PostgreSQL (db_pg.c), also taken by the id triggers of pg_translate_ddl(). */
#define PG_WRITE_LOCK_KEY "1262570801"

/* The parameter needs an explicit type: it is followed by IS (as in
 * `? IS NULL`), where PostgreSQL cannot infer one from the context. */
#define PG_PARAM_IS_TEST 1

/* Rewrite the `?` placeholders of sql as $1, $2, … (outside strings, quoted
 * identifiers and comments). *nparams receives their number; when flags is
 * not NULL, flags[i] (for i < maxflags) receives PG_PARAM_* bits for
 * parameter i+1. Returns a malloc'd string. */
char *pg_translate_params(const char *sql, int *nparams, unsigned char *flags, int maxflags);

/* Turn DDL written for SQLite into PostgreSQL DDL (see pg_translate.c for
 * the rules: types, identity keys, STRICT, PRAGMA, COLLATE, deferrable
 * foreign keys). Returns a malloc'd string. */
char *pg_translate_ddl(const char *ddl);

/* The columns a unique_violation names, written as SQLite names them in
 * "UNIQUE constraint failed: account_year.account_id, account_year.year":
 * from the DETAIL "Key (account_id, year)=(…) already exists." of table.
 * out receives "account_year.account_id, account_year.year" and last (when
 * not NULL) "year". False when the detail names no plain columns. */
bool pg_unique_columns(const char *table, const char *detail, char *out, size_t outn, char *last,
                       size_t lastn);

#endif
