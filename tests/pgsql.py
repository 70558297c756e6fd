"""Look into a PostgreSQL kam database the way the tests look into a SQLite
one with the sqlite3 CLI, independently of kam: psql runs the query and the
answer is printed as `sqlite3 -batch -noheader` prints it (columns joined
by '|', NULL as nothing, reals as SQLite writes them: 36.0, 0.5; booleans
as 1 and 0), so a test's expected text is the same on both backends.

    python3 tests/pgsql.py URL QUERY      print the rows
    from pgsql import rows; rows(URL, QUERY) -> list of tuples (int, float,
                                                 str or None per column)

Test queries are written for SQLite; the SQLite-only spellings they use are
rewritten first (outside strings and comments, see spell()):
  LIKE                       -> ILIKE (SQLite's LIKE ignores ASCII case)
  x IS [NOT] expr            -> x IS [NOT] DISTINCT FROM expr (expr not NULL)
  FROM (SELECT …) WHERE      -> FROM (SELECT …) AS _subN WHERE (alias required)
  group_concat(x[, sep])     -> string_agg(CAST(x AS TEXT), sep or ',')
  max(a, b) / min(a, b)      -> greatest(a, b) / least(a, b)
  ifnull(a, b)               -> coalesce(a, b)
  CAST(x AS REAL)            -> CAST(x AS DOUBLE PRECISION)
  char(n)                    -> chr(n)
  coalesce(x, 'text')        -> coalesce(CAST(x AS TEXT), 'text')  (SQLite mixes types)
and two SQLite habits work through a schema of helpers the query sees
(kam_sqlite_compat, made once per database; kam itself never looks there):
  sum(x = y)                 counts the rows where the comparison holds
  real || text               writes the real as SQLite does (1300000.0)

Two SQLite pragmas the tests use have PostgreSQL counterparts:
  PRAGMA foreign_key_check  -> foreign keys that are not validated (none:
                               PostgreSQL checks every one on every change)
  PRAGMA integrity_check    -> amcheck's bt_index_check on every index of
                               the schema; prints "ok" when all pass
Other pragmas are SQLite-only and refused. Standard library only."""
import glob
import os
import re
import shutil
import subprocess
import sys

# Separators psql puts between fields and rows: characters no test value holds.
FS = "\x1f"
RS = "\x1e"
NULL = "\x01"
MARK = "\x02KAM-RESULT\x02"  # between the description and the rows
INTEGER_TYPES = {"bigint", "integer", "smallint"}
REAL_TYPES = {"double precision", "real", "numeric"}

FK_CHECK = ("SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE contype = 'f' AND NOT convalidated ORDER BY 1, 2")
INTEGRITY = ("SELECT CASE WHEN count(bt_index_check(c.oid)) >= 0 THEN 'ok' END FROM pg_index i "
             "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
             "JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE am.amname = 'btree' AND n.nspname = current_schema()")


def psql_path():
    """The newest /usr/lib/postgresql/N/bin/psql (Debian's /usr/bin/psql is a
    Perl wrapper that costs a tenth of a second a call), else psql on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"),
                   key=lambda s: [int(x) for x in s.split("/")[4].split(".") if x.isdigit()])
    if found:
        return found[-1]
    p = shutil.which("psql")
    if not p:
        raise RuntimeError("psql is not installed")
    return p


def _records(text):
    if text.endswith("\n"):
        text = text[:-1]
    return [r.split(FS) for r in text.split(RS)] if text else []


def _psql(url, script):
    """Run a psql script; its output split at MARK into lists of records."""
    p = subprocess.run([psql_path(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", FS, "-R", RS,
                        "-P", "null=" + NULL, "-d", url], input=script, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip() or f"psql exited with {p.returncode}")
    return [_records(part) for part in p.stdout.split(MARK + "\n")]


TOKEN = re.compile(r"""(?P<str>'(?:[^']|'')*'?) | (?P<qid>"(?:[^"]|"")*"?) | (?P<com>--[^\n]*|/\*.*?(?:\*/|$))
                       | (?P<word>[A-Za-z_][A-Za-z0-9_$]*) | (?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)
                       | (?P<sp>\s+) | (?P<punct>.)""", re.S | re.X)
# Words after FROM (SELECT …) that are not an alias.
NOT_ALIAS = {"WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS",
             "FULL", "NATURAL", "ON", "USING", "UNION", "EXCEPT", "INTERSECT", "HAVING", "WINDOW"}


def _tokens(q):
    return [[m.lastgroup, m.group()] for m in TOKEN.finditer(q)]


def _sig(toks, i, step=1):
    """Index of the next (step 1) or previous (step -1) significant token."""
    i += step
    while 0 <= i < len(toks) and toks[i][0] in ("sp", "com"):
        i += step
    return i


def _is(toks, i, word):
    return 0 <= i < len(toks) and toks[i][0] == "word" and toks[i][1].upper() == word


def _close(toks, i):
    """Index of the ')' matching the '(' at i."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j][1] == "(" and toks[j][0] == "punct":
            depth += 1
        elif toks[j][1] == ")" and toks[j][0] == "punct":
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def _top_commas(toks, i, j):
    """Indexes of the commas between ( at i and ) at j, at that depth."""
    out, depth = [], 0
    for k in range(i + 1, j):
        t = toks[k]
        if t[0] == "punct" and t[1] == "(":
            depth += 1
        elif t[0] == "punct" and t[1] == ")":
            depth -= 1
        elif t[0] == "punct" and t[1] == "," and depth == 0:
            out.append(k)
    return out


def spell(q):
    """Rewrite SQLite-only spellings of a test query for PostgreSQL."""
    toks = _tokens(q)
    nsub = 0
    for i, t in enumerate(toks):
        if t[0] != "word":
            continue
        w = t[1].upper()
        if w == "LIKE":
            t[1] = "ILIKE"
        elif w in ("IFNULL", "COALESCE"):
            t[1] = "coalesce"
            o = _sig(toks, i)
            if o < len(toks) and toks[o][1] == "(":
                c = _close(toks, o)
                bounds = [o] + _top_commas(toks, o, c) + [c]
                args = [(_sig(toks, a), _sig(toks, b, -1)) for a, b in zip(bounds, bounds[1:])]
                text = [a == b and toks[a][0] == "str" for a, b in args]
                if any(text) and not all(text):
                    for (a, b), is_text in zip(args, text):
                        if not is_text:
                            toks[a][1] = "CAST((" + toks[a][1]
                            toks[b][1] += ") AS TEXT)"
        elif w == "REAL" and _is(toks, _sig(toks, i, -1), "AS"):
            t[1] = "DOUBLE PRECISION"
        elif w == "CHAR" and not _is(toks, _sig(toks, i, -1), "AS") and toks[_sig(toks, i)][1] == "(":
            t[1] = "chr"
        elif w == "IS":
            j = _sig(toks, i)
            neg = _is(toks, j, "NOT")
            k = _sig(toks, j) if neg else j
            if k < len(toks) and not any(_is(toks, k, x) for x in ("NULL", "TRUE", "FALSE", "DISTINCT", "UNKNOWN")):
                t[1] = "IS DISTINCT FROM" if neg else "IS NOT DISTINCT FROM"
                if neg:
                    toks[j][1] = ""
        elif w in ("GROUP_CONCAT", "MAX", "MIN"):
            o = _sig(toks, i)
            if o >= len(toks) or toks[o][1] != "(":
                continue
            c = _close(toks, o)
            commas = _top_commas(toks, o, c)
            if w == "GROUP_CONCAT":
                t[1] = "string_agg"
                first = _sig(toks, o)
                if _is(toks, first, "DISTINCT"):
                    first = _sig(toks, first)
                end = commas[0] if commas else c
                toks[first][1] = "CAST((" + toks[first][1]
                toks[end - 1][1] = toks[end - 1][1] + ") AS TEXT)"
                if not commas:
                    toks[c][1] = ", ',')"
            elif commas:
                t[1] = "greatest" if w == "MAX" else "least"
    for i, t in enumerate(toks):  # FROM (SELECT …) without an alias
        if t[0] == "punct" and t[1] == "(" and _is(toks, _sig(toks, i), "SELECT"):
            before = _sig(toks, i, -1)
            if not (_is(toks, before, "FROM") or _is(toks, before, "JOIN")):
                continue
            c = _close(toks, i)
            a = _sig(toks, c)
            if a >= len(toks) or toks[a][0] != "word" or toks[a][1].upper() in NOT_ALIAS:
                nsub += 1
                toks[c][1] += f" AS _sub{nsub}"
    return "".join(t[1] for t in toks)


# Helpers for SQLite habits, in a schema of their own (see the docstring).
COMPAT = r"""
DO $compat$ BEGIN
IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'kam_sqlite_compat') THEN
  CREATE SCHEMA kam_sqlite_compat;
  CREATE FUNCTION kam_sqlite_compat.count_true(bigint, boolean) RETURNS bigint LANGUAGE sql IMMUTABLE
    AS 'SELECT coalesce($1, 0) + CASE WHEN $2 THEN 1 ELSE 0 END';
  CREATE AGGREGATE kam_sqlite_compat.sum(boolean) (SFUNC = kam_sqlite_compat.count_true, STYPE = bigint);
  CREATE FUNCTION kam_sqlite_compat.real_text(double precision) RETURNS text LANGUAGE sql IMMUTABLE
    AS 'SELECT CASE WHEN $1 = trunc($1) AND abs($1) < 1e15 THEN trunc($1)::bigint::text || ''.0'' ELSE $1::text END';
  CREATE FUNCTION kam_sqlite_compat.cat(double precision, text) RETURNS text LANGUAGE sql IMMUTABLE
    AS 'SELECT kam_sqlite_compat.real_text($1) || $2';
  CREATE FUNCTION kam_sqlite_compat.cat(text, double precision) RETURNS text LANGUAGE sql IMMUTABLE
    AS 'SELECT $1 || kam_sqlite_compat.real_text($2)';
  CREATE OPERATOR kam_sqlite_compat.|| (LEFTARG = double precision, RIGHTARG = text,
    FUNCTION = kam_sqlite_compat.cat);
  CREATE OPERATOR kam_sqlite_compat.|| (LEFTARG = text, RIGHTARG = double precision,
    FUNCTION = kam_sqlite_compat.cat);
  -- integers keep their own spelling (else they would take the real's)
  CREATE FUNCTION kam_sqlite_compat.cat(bigint, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1::text || $2';
  CREATE FUNCTION kam_sqlite_compat.cat(text, bigint) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1 || $2::text';
  CREATE FUNCTION kam_sqlite_compat.cat(integer, text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1::text || $2';
  CREATE FUNCTION kam_sqlite_compat.cat(text, integer) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1 || $2::text';
  CREATE OPERATOR kam_sqlite_compat.|| (LEFTARG = bigint, RIGHTARG = text, FUNCTION = kam_sqlite_compat.cat);
  CREATE OPERATOR kam_sqlite_compat.|| (LEFTARG = text, RIGHTARG = bigint, FUNCTION = kam_sqlite_compat.cat);
  CREATE OPERATOR kam_sqlite_compat.|| (LEFTARG = integer, RIGHTARG = text, FUNCTION = kam_sqlite_compat.cat);
  CREATE OPERATOR kam_sqlite_compat.|| (LEFTARG = text, RIGHTARG = integer, FUNCTION = kam_sqlite_compat.cat);
END IF;
END $compat$;
SET search_path = "$user", public, kam_sqlite_compat;
"""


def _translate(query):
    q = query.strip().rstrip(";").strip()
    words = q.split()
    if words and words[0].upper() == "PRAGMA":
        name = " ".join(words[1:]).lower()
        if name == "foreign_key_check":
            return FK_CHECK, False
        if name == "integrity_check":
            return INTEGRITY, True
        raise RuntimeError(f"PRAGMA {name} is SQLite only")
    return spell(q), False


def rows(url, query):
    """The rows of query as Python values: int, float, str, or None."""
    q, amcheck = _translate(query)
    setup = COMPAT + ("CREATE EXTENSION IF NOT EXISTS amcheck;\n" if amcheck else "")
    # \gdesc describes the result without running the query; a statement
    # without result columns (UPDATE) answers with a one-field message.
    parts = _psql(url, f"{setup}{q}\n\\gdesc\n\\echo {MARK}\n{q};\n")
    types = [r[1] for r in parts[0] if len(r) == 2]
    result = parts[1] if len(parts) > 1 else []
    out = []
    if not types:
        return out
    for r in result:
        row = []
        for v, t in zip(r, types):
            if v == NULL:
                row.append(None)
            elif t == "boolean":
                row.append(1 if v == "t" else 0)
            elif t in INTEGER_TYPES:
                row.append(int(v))
            elif t in REAL_TYPES:
                row.append(float(v))
            else:
                row.append(v)
        out.append(tuple(row))
    return out


def sqlite_text(v):
    """One value as the sqlite3 CLI prints it."""
    if v is None:
        return ""
    if isinstance(v, float):
        s = "%.15g" % v
        if s in ("inf", "-inf"):
            return "Inf" if v > 0 else "-Inf"
        if "." not in s and "e" not in s and "n" not in s:
            s += ".0"
        elif "e" in s and "." not in s.split("e")[0]:
            m, e = s.split("e")
            s = m + ".0e" + e
        return s
    return str(v)


def main():
    if len(sys.argv) != 3:
        print("usage: pgsql.py URL QUERY", file=sys.stderr)
        return 2
    try:
        result = rows(sys.argv[1], sys.argv[2])
    except RuntimeError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    for r in result:
        print("|".join(sqlite_text(v) for v in r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
