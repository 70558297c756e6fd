/* Text translations for the PostgreSQL backend: placeholders and DDL. Pure
 * functions over strings (no libpq), unit-tested in test_pg_translate.c. */
#include "pg_translate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ tokens */

static bool is_word_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}
static bool is_word_char(char c)
{
    return is_word_start(c) || is_digit(c) || c == '$';
}

const char *sql_token(const char *p, SqlTok *t)
{
    const char *s = p;
    t->p = p;
    if (!*p) {
        t->kind = SQLTOK_END;
        t->n = 0;
        return p;
    }
    char c = *p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') p++;
        t->kind = SQLTOK_SPACE;
    } else if (c == '-' && p[1] == '-') {
        while (*p && *p != '\n') p++;
        t->kind = SQLTOK_COMMENT;
    } else if (c == '/' && p[1] == '*') {
        p += 2;
        while (*p && !(p[0] == '*' && p[1] == '/')) p++;
        if (*p) p += 2;
        t->kind = SQLTOK_COMMENT;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
        char close = c == '[' ? ']' : c;
        p++;
        for (;;) {
            if (!*p) break;
            if (*p == close) {
                if (close != ']' && p[1] == close) { /* doubled quote inside */
                    p += 2;
                    continue;
                }
                p++;
                break;
            }
            p++;
        }
        t->kind = c == '\'' ? SQLTOK_STRING : SQLTOK_QIDENT;
    } else if (is_word_start(c)) {
        while (is_word_char(*p)) p++;
        t->kind = SQLTOK_WORD;
    } else if (is_digit(c) || (c == '.' && is_digit(p[1]))) {
        while (is_digit(*p) || *p == '.') p++;
        if ((*p == 'e' || *p == 'E') &&
            (is_digit(p[1]) || ((p[1] == '+' || p[1] == '-') && is_digit(p[2])))) {
            p += 2;
            while (is_digit(*p)) p++;
        }
        t->kind = SQLTOK_NUMBER;
    } else if (c == '?') {
        p++;
        t->kind = SQLTOK_PARAM;
    } else {
        p++;
        t->kind = SQLTOK_PUNCT;
    }
    t->n = (size_t)(p - s);
    return p;
}

bool sql_tok_is(const SqlTok *t, const char *w)
{
    return t->kind == SQLTOK_WORD && strlen(w) == t->n && strncasecmp(t->p, w, t->n) == 0;
}

static bool tok_punct(const SqlTok *t, char c)
{
    return t->kind == SQLTOK_PUNCT && t->p[0] == c;
}
static bool tok_blank(const SqlTok *t)
{
    return t->kind == SQLTOK_SPACE || t->kind == SQLTOK_COMMENT;
}

/* ------------------------------------------------------------------ output */

typedef struct Out {
    char *s;
    size_t n, cap;
} Out;

static void out_put(Out *o, const char *p, size_t n)
{
    if (o->n + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (o->n + n + 1 > cap) cap *= 2;
        o->s = realloc(o->s, cap);
        if (!o->s) abort();
        o->cap = cap;
    }
    memcpy(o->s + o->n, p, n);
    o->n += n;
    o->s[o->n] = 0;
}

static void out_str(Out *o, const char *s)
{
    out_put(o, s, strlen(s));
}
static void out_tok(Out *o, const SqlTok *t)
{
    out_put(o, t->p, t->n);
}

static char *out_finish(Out *o)
{
    if (!o->s) out_put(o, "", 0);
    return o->s;
}

/* ------------------------------------------------------------------ params */

char *pg_translate_params(const char *sql, int *nparams, unsigned char *flags, int maxflags)
{
    Out o = {0};
    int n = 0;
    SqlTok t;
    const char *p = sql;
    for (;;) {
        p = sql_token(p, &t);
        if (t.kind == SQLTOK_END) break;
        if (t.kind != SQLTOK_PARAM) {
            out_tok(&o, &t);
            continue;
        }
        n++;
        char num[16];
        snprintf(num, sizeof num, "$%d", n);
        out_str(&o, num);
        if (flags && n <= maxflags) {
            /* `? IS [NOT] NULL`: PostgreSQL cannot infer the type there. */
            SqlTok u;
            const char *q = p;
            do q = sql_token(q, &u);
            while (tok_blank(&u));
            flags[n - 1] = sql_tok_is(&u, "IS") ? PG_PARAM_IS_TEST : 0;
        }
    }
    *nparams = n;
    return out_finish(&o);
}

/* ------------------------------------------------------------------ DDL */

typedef struct Toks {
    SqlTok *t;
    int n;
} Toks;

static Toks tokenize(const char *s)
{
    Toks k = {0};
    int cap = 0;
    for (;;) {
        SqlTok t;
        s = sql_token(s, &t);
        if (k.n == cap) {
            cap = cap ? cap * 2 : 512;
            k.t = realloc(k.t, (size_t)cap * sizeof *k.t);
            if (!k.t) abort();
        }
        k.t[k.n++] = t; /* the END token stays last */
        if (t.kind == SQLTOK_END) break;
    }
    return k;
}

/* Index of the first token after i that is neither space nor comment. */
static int next_sig(const Toks *k, int i)
{
    for (i++; i < k->n - 1 && tok_blank(&k->t[i]); i++) {
    }
    return i;
}

static void out_range(Out *o, const Toks *k, int from, int to) /* tokens [from, to) */
{
    for (int i = from; i < to; i++) out_tok(o, &k->t[i]);
}

static bool word_in(const SqlTok *t, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (sql_tok_is(t, words[i])) return true;
    return false;
}

static const char *const kTableConstraintWords[] = {"CONSTRAINT", "PRIMARY", "UNIQUE",
                                                    "CHECK",      "FOREIGN", NULL};
static const char *const kIntWords[] = {"INTEGER",   "INT",  "BIGINT", "SMALLINT", "TINYINT",
                                        "MEDIUMINT", "INT2", "INT8",   NULL};

/* Does the column definition starting at token i (its type) declare PRIMARY
 * KEY before the element ends (a comma or the closing parenthesis)? */
static bool column_is_primary_key(const Toks *k, int i)
{
    int depth = 0;
    for (; i < k->n - 1; i++) {
        const SqlTok *t = &k->t[i];
        if (tok_punct(t, '('))
            depth++;
        else if (tok_punct(t, ')')) {
            if (depth == 0) return false;
            depth--;
        } else if (depth == 0 && tok_punct(t, ','))
            return false;
        else if (depth == 0 && sql_tok_is(t, "PRIMARY"))
            return true;
    }
    return false;
}

/* Write the PostgreSQL type for the SQLite type at token i; returns the index
 * of its last token. column: a column definition (TEXT gets the C collation),
 * not a CAST. */
static int translate_type(Out *o, const Toks *k, int i, bool column)
{
    const SqlTok *t = &k->t[i];
    if (word_in(t, kIntWords)) {
        out_str(o, "BIGINT");
        return i;
    }
    if (sql_tok_is(t, "REAL") || sql_tok_is(t, "FLOAT") || sql_tok_is(t, "DOUBLE")) {
        out_str(o, "DOUBLE PRECISION");
        int j = next_sig(k, i);
        return sql_tok_is(t, "DOUBLE") && sql_tok_is(&k->t[j], "PRECISION") ? j : i;
    }
    if (sql_tok_is(t, "BLOB")) {
        out_str(o, "BYTEA");
        return i;
    }
    if (sql_tok_is(t, "TEXT") || sql_tok_is(t, "CLOB")) {
        /* Byte order and ASCII-only lower(), like SQLite's BINARY collation,
         * whatever the database's locale. */
        out_str(o, column ? "TEXT COLLATE \"C\"" : "TEXT");
        return i;
    }
    if (sql_tok_is(t, "ANY")) {
        out_str(o, "TEXT /* SQLite ANY */");
        return i;
    }
    out_tok(o, t);
    return i;
}

/* Index of the last token of the foreign-key clause whose REFERENCES word is
 * at i: table, optional column list, ON DELETE/UPDATE actions, MATCH. */
static int fk_clause_end(const Toks *k, int i)
{
    int last = next_sig(k, i); /* the table */
    int j = next_sig(k, last);
    if (tok_punct(&k->t[j], '(')) {
        while (j < k->n - 1 && !tok_punct(&k->t[j], ')')) j++;
        last = j;
    }
    for (;;) {
        j = next_sig(k, last);
        const SqlTok *t = &k->t[j];
        if (sql_tok_is(t, "MATCH")) {
            last = next_sig(k, j);
            continue;
        }
        if (!sql_tok_is(t, "ON")) break;
        int what = next_sig(k, j); /* DELETE | UPDATE */
        int act = next_sig(k, what);
        last = act;
        if (sql_tok_is(&k->t[act], "SET") || sql_tok_is(&k->t[act], "NO")) last = next_sig(k, act);
    }
    return last;
}

typedef enum StmtKind { ST_OTHER, ST_CREATE_TABLE, ST_ALTER_TABLE } StmtKind;

/* After CREATE TABLE table (… col INTEGER PRIMARY KEY …): new rows without
 * an id get max(id) + 1, as SQLite gives a rowid, rather than the next value
 * of a sequence, which a rolled-back insert would use up (ids would differ
 * between the backends after a dry run or a refused import). The write lock
 * (PG_WRITE_LOCK_KEY, held by every kam write transaction already) makes two
 * inserts outside a transaction take turns. */
static void emit_id_trigger(Out *o, const SqlTok *table, const SqlTok *col)
{
    const char *parts[] = {"\nCREATE OR REPLACE FUNCTION kam_id_",
                           "() RETURNS trigger LANGUAGE plpgsql "
                           "AS $kam$ BEGIN PERFORM pg_advisory_xact_lock(" PG_WRITE_LOCK_KEY "); "
                           "SELECT coalesce(max(",
                           "), 0) + 1 INTO NEW.",
                           " FROM ",
                           "; RETURN NEW; "
                           "END $kam$;\nCREATE OR REPLACE TRIGGER kam_id_",
                           " BEFORE INSERT ON ",
                           " FOR EACH ROW WHEN (NEW.",
                           " IS NULL) EXECUTE FUNCTION kam_id_",
                           "();"};
    const SqlTok *fill[] = {table, col, col, table, table, table, col, table};
    for (size_t i = 0; i < sizeof fill / sizeof fill[0]; i++) {
        out_str(o, parts[i]);
        out_tok(o, fill[i]);
    }
    out_str(o, parts[sizeof parts / sizeof parts[0] - 1]);
}

/* Rules, applied outside strings and comments:
 *  - PRAGMA statements are removed (left as a comment);
 *  - CREATE TABLE: STRICT / WITHOUT ROWID table options are dropped; column
 *    types INTEGER -> BIGINT, REAL/FLOAT/DOUBLE -> DOUBLE PRECISION, BLOB ->
 *    BYTEA, TEXT -> TEXT COLLATE "C"; the same in ALTER TABLE … ADD COLUMN
 *    and in CAST(… AS type);
 *  - a table with an INTEGER PRIMARY KEY gets a trigger that numbers new
 *    rows max + 1, as SQLite does (emit_id_trigger());
 *  - AUTOINCREMENT is dropped (ids are max + 1 as without it), COLLATE
 *    NOCASE/BINARY/RTRIM are dropped with a comment (callers compare
 *    lower(x) with lower(?));
 *  - foreign keys become DEFERRABLE INITIALLY IMMEDIATE (same behaviour,
 *    but `kam db copy` can defer them while it loads rows in id order);
 *  - INSERT OR IGNORE -> INSERT … ON CONFLICT DO NOTHING.
 * CHECK constraints (with their names), defaults, UNIQUE and partial or
 * expression indexes are the same in both dialects and pass through. */
char *pg_translate_ddl(const char *ddl)
{
    Toks k = tokenize(ddl);
    Out o = {0};
    bool stmt_start = true, body_started = false, body_done = false, elem_start = false;
    bool insert_ignore = false;
    StmtKind kind = ST_OTHER;
    int depth = 0;
    const SqlTok *table = NULL, *id_col = NULL; /* of the CREATE TABLE, for emit_id_trigger() */
    for (int i = 0; i < k.n - 1; i++) {
        const SqlTok *t = &k.t[i];
        if (tok_blank(t)) {
            /* blanks between dropped table options go with them */
            if (!(kind == ST_CREATE_TABLE && body_done && depth == 0 && t->kind == SQLTOK_SPACE &&
                  !memchr(t->p, '\n', t->n)))
                out_tok(&o, t);
            continue;
        }
        if (stmt_start) {
            stmt_start = false;
            kind = ST_OTHER;
            depth = 0;
            body_started = body_done = elem_start = insert_ignore = false;
            table = id_col = NULL;
            if (sql_tok_is(t, "PRAGMA")) {
                int j = i;
                while (j < k.n - 1 && !tok_punct(&k.t[j], ';')) j++;
                out_str(&o, "-- SQLite only, not run on PostgreSQL: ");
                for (const char *c = t->p; c < k.t[j].p; c++)
                    out_put(&o, *c == '\n' || *c == '\r' ? " " : c, 1);
                out_str(&o, "\n");
                i = j; /* the ';' is consumed with it */
                stmt_start = true;
                continue;
            }
            if (sql_tok_is(t, "CREATE")) {
                int j = next_sig(&k, i);
                if (sql_tok_is(&k.t[j], "TEMP") || sql_tok_is(&k.t[j], "TEMPORARY"))
                    j = next_sig(&k, j);
                if (sql_tok_is(&k.t[j], "TABLE")) {
                    kind = ST_CREATE_TABLE;
                    j = next_sig(&k, j);
                    if (sql_tok_is(&k.t[j], "IF")) j = next_sig(&k, next_sig(&k, next_sig(&k, j)));
                    if (k.t[j].kind == SQLTOK_WORD) table = &k.t[j];
                }
            } else if (sql_tok_is(t, "ALTER")) {
                kind = ST_ALTER_TABLE;
            } else if (sql_tok_is(t, "INSERT")) {
                int j = next_sig(&k, i), l = next_sig(&k, j);
                if (sql_tok_is(&k.t[j], "OR") && sql_tok_is(&k.t[l], "IGNORE")) {
                    out_tok(&o, t);
                    i = l;
                    insert_ignore = true;
                    continue;
                }
            }
        }
        if (tok_punct(t, ';')) {
            if (insert_ignore) out_str(&o, " ON CONFLICT DO NOTHING");
            out_tok(&o, t);
            if (table && id_col) emit_id_trigger(&o, table, id_col);
            table = id_col = NULL;
            stmt_start = true;
            kind = ST_OTHER;
            body_done = insert_ignore = false;
            continue;
        }
        if (tok_punct(t, '(')) {
            depth++;
            if (kind == ST_CREATE_TABLE && depth == 1 && !body_started)
                body_started = elem_start = true;
            out_tok(&o, t);
            continue;
        }
        if (tok_punct(t, ')')) {
            depth--;
            if (kind == ST_CREATE_TABLE && depth == 0 && body_started) body_done = true;
            out_tok(&o, t);
            continue;
        }
        if (kind == ST_CREATE_TABLE && depth == 1 && tok_punct(t, ',')) {
            elem_start = true;
            out_tok(&o, t);
            continue;
        }
        if (kind == ST_CREATE_TABLE && body_done && depth == 0) {
            /* table options (STRICT, WITHOUT ROWID): SQLite only */
            continue;
        }
        if (kind == ST_CREATE_TABLE && depth == 1 && elem_start) {
            elem_start = false;
            out_tok(&o, t);
            if (!word_in(t, kTableConstraintWords)) { /* a column: its name, then its type */
                int j = next_sig(&k, i);
                if (k.t[j].kind == SQLTOK_WORD && !word_in(&k.t[j], kTableConstraintWords) &&
                    !sql_tok_is(&k.t[j], "NOT") && !sql_tok_is(&k.t[j], "DEFAULT") &&
                    !sql_tok_is(&k.t[j], "REFERENCES")) {
                    if (sql_tok_is(&k.t[j], "INTEGER") && t->kind == SQLTOK_WORD &&
                        column_is_primary_key(&k, j + 1))
                        id_col = t;
                    out_range(&o, &k, i + 1, j);
                    i = translate_type(&o, &k, j, true);
                }
            }
            continue;
        }
        if (kind == ST_ALTER_TABLE && sql_tok_is(t, "ADD")) {
            out_tok(&o, t);
            int j = next_sig(&k, i);
            if (sql_tok_is(&k.t[j], "CONSTRAINT")) continue;
            if (sql_tok_is(&k.t[j], "COLUMN")) j = next_sig(&k, j);
            int ty = next_sig(&k, j);
            if (k.t[ty].kind == SQLTOK_WORD && !word_in(&k.t[ty], kTableConstraintWords)) {
                out_range(&o, &k, i + 1, ty);
                i = translate_type(&o, &k, ty, true);
            }
            continue;
        }
        if (sql_tok_is(t, "AS") && depth > 0) { /* CAST(x AS type) */
            int j = next_sig(&k, i);
            if (k.t[j].kind == SQLTOK_WORD) {
                out_range(&o, &k, i, j);
                i = translate_type(&o, &k, j, false);
                continue;
            }
        }
        if (sql_tok_is(t, "AUTOINCREMENT")) {
            out_str(&o, "/* AUTOINCREMENT */");
            continue;
        }
        if (sql_tok_is(t, "COLLATE")) {
            int j = next_sig(&k, i);
            const SqlTok *c = &k.t[j];
            if (sql_tok_is(c, "NOCASE") || sql_tok_is(c, "BINARY") || sql_tok_is(c, "RTRIM")) {
                out_str(&o, "/* SQLite only: COLLATE ");
                out_tok(&o, c);
                out_str(&o, " */");
                i = j;
                continue;
            }
        }
        if (sql_tok_is(t, "REFERENCES")) {
            int end = fk_clause_end(&k, i);
            out_range(&o, &k, i, end + 1);
            int j = next_sig(&k, end);
            bool has =
                sql_tok_is(&k.t[j], "DEFERRABLE") ||
                (sql_tok_is(&k.t[j], "NOT") && sql_tok_is(&k.t[next_sig(&k, j)], "DEFERRABLE"));
            if (!has) out_str(&o, " DEFERRABLE INITIALLY IMMEDIATE");
            i = end;
            continue;
        }
        out_tok(&o, t);
    }
    if (insert_ignore && !stmt_start) out_str(&o, " ON CONFLICT DO NOTHING");
    if (!stmt_start && table && id_col) {
        out_str(&o, ";");
        emit_id_trigger(&o, table, id_col);
    }
    free(k.t);
    return out_finish(&o);
}

/* ------------------------------------------------------------------ errors */

bool pg_unique_columns(const char *table, const char *detail, char *out, size_t outn, char *last,
                       size_t lastn)
{
    if (!detail || !table || outn == 0) return false;
    const char *p = strstr(detail, "Key (");
    if (!p) return false;
    p += 5;
    const char *end = strstr(p, ")=(");
    if (!end) return false;
    size_t used = 0;
    out[0] = 0;
    while (p < end) {
        const char *q = p;
        while (q < end && *q != ',') q++;
        const char *name = p, *name_end = q;
        if (name_end > name && *name == '"' && name_end[-1] == '"') name++, name_end--;
        if (name_end == name) return false;
        for (const char *c = name; c < name_end; c++)
            if (!is_word_char(*c)) return false; /* an expression, not a column */
        int w = snprintf(out + used, outn - used, "%s%s.%.*s", used ? ", " : "", table,
                         (int)(name_end - name), name);
        if (w < 0 || (size_t)w >= outn - used) return false;
        used += (size_t)w;
        if (last && lastn) snprintf(last, lastn, "%.*s", (int)(name_end - name), name);
        p = q;
        if (p < end && *p == ',') p++;
        while (p < end && *p == ' ') p++;
    }
    return used > 0;
}
