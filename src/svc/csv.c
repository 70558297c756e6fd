/* CSV reading and writing (see csv.h). */
#include "csv.h"

#include "../core/text.h"

#include <stdlib.h>
#include <string.h>

#define ROW_INITIAL_BYTES 4096
#define CSV_NUMBER_MAX_BYTES 128 /* longer text is not a number (parse_double's own limit) */

void csv_reader_init(CsvReader *r, FILE *f)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->delim = ',';
    r->in = malloc(CSV_READ_CHUNK);
    r->rowcap = ROW_INITIAL_BYTES;
    r->rowbuf = malloc(r->rowcap);
    r->off = malloc(sizeof *r->off * (CSV_MAX_COLUMNS + 1));
    r->field = malloc(sizeof *r->field * CSV_MAX_COLUMNS);
    r->len = malloc(sizeof *r->len * CSV_MAX_COLUMNS);
}

void csv_reader_free(CsvReader *r)
{
    free(r->in);
    free(r->rowbuf);
    free(r->off);
    free(r->field);
    free(r->len);
    for (int i = 0; i < r->nheader; i++) free(r->header[i]);
    free(r->header);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------------ bytes */

static bool refill(CsvReader *r)
{
    if (r->eof) return false;
    r->in_len = fread(r->in, 1, CSV_READ_CHUNK, r->f);
    r->in_pos = 0;
    if (r->in_len == 0) {
        r->eof = true;
        r->read_error = ferror(r->f) != 0;
        return false;
    }
    return true;
}

static int peek_byte(CsvReader *r)
{
    if (r->in_pos == r->in_len && !refill(r)) return -1;
    return r->in[r->in_pos];
}

static void skip_byte(CsvReader *r)
{
    r->in_pos++;
    r->bytes++;
}

/* ------------------------------------------------------------------ errors */

const char *csv_column_name(const CsvReader *r, int col, char *tmp, size_t n)
{
    if (col < r->nheader && r->header[col][0])
        snprintf(tmp, n, "column \"%s\"", r->header[col]);
    else
        snprintf(tmp, n, "column %d", col + 1);
    return tmp;
}

static int fail_col(CsvReader *r, Err *err, int col, const char *what)
{
    char name[200];
    err_set(err, KAM_EINPUT, "row %lld, %s: %s", (long long)r->row,
            csv_column_name(r, col, name, sizeof name), what);
    return -1;
}

/* ------------------------------------------------------------------ header */

/* Skip a UTF-8 byte-order mark and choose the delimiter from the header
 * line (the first one that is not empty): ',' or ';', whichever appears
 * more outside quotes. */
static ErrCode start(CsvReader *r, Err *err)
{
    r->started = true;
    if (peek_byte(r) < 0)
        return err_set(err, KAM_EINPUT, "the file is empty: it needs a header row and data rows");
    size_t avail = r->in_len - r->in_pos;
    const unsigned char *p = r->in + r->in_pos;
    if (avail >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        r->in_pos += 3;
        r->bytes += 3;
    }
    size_t commas = 0, semis = 0, tabs = 0;
    bool quoted = false;
    size_t i = r->in_pos;
    /* the header is the first line that is not empty (empty lines are
     * skipped as records too) */
    while (i < r->in_len && (r->in[i] == '\n' || r->in[i] == '\r')) i++;
    for (; i < r->in_len; i++) {
        char c = (char)r->in[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        commas += c == ',';
        semis += c == ';';
        tabs += c == '\t';
    }
    if (commas == 0 && semis == 0 && tabs > 0)
        return err_set(
            err, KAM_EINPUT,
            "row 1: the columns are separated by tabs; kam reads CSV separated by commas or "
            "semicolons (save the sheet as CSV)");
    r->delim = semis > commas ? ';' : ',';
    memset(r->special, 0, sizeof r->special);
    r->special[(unsigned char)r->delim] = true;
    r->special['"'] = true;
    r->special['\r'] = true;
    r->special['\n'] = true;
    r->special[0] = true;
    return KAM_OK;
}

/* ------------------------------------------------------------------ records */

/* Append n bytes to the record being read, within CSV_MAX_ROW_BYTES. */
static int append(CsvReader *r, Err *err, size_t *used, const void *p, size_t n)
{
    size_t need = *used + n + 1;
    if (need > r->rowcap) {
        if (need > CSV_MAX_ROW_BYTES)
            return err_set(err, KAM_EINPUT, "row %lld is longer than %d bytes", (long long)r->row,
                           CSV_MAX_ROW_BYTES),
                   -1;
        size_t cap = r->rowcap;
        while (cap < need) cap *= 2;
        char *q = realloc(r->rowbuf, cap);
        if (!q)
            return err_set(err, KAM_EINTERNAL, "out of memory reading row %lld", (long long)r->row),
                   -1;
        r->rowbuf = q;
        r->rowcap = cap;
    }
    if (n) memcpy(r->rowbuf + *used, p, n);
    *used += n;
    return 0;
}

static int too_long(CsvReader *r, Err *err, int col)
{
    char msg[120];
    snprintf(msg, sizeof msg, "a value longer than %d bytes", CSV_MAX_FIELD_BYTES);
    return fail_col(r, err, col, msg);
}

static int nul_byte(CsvReader *r, Err *err)
{
    err_set(err, KAM_EINPUT, "row %lld contains a NUL byte: this is not a text file",
            (long long)r->row);
    return -1;
}

/* Copy an unquoted run (up to the next special byte) into the record; *c
 * receives that byte, or -1 at the end of the file. */
static int read_plain(CsvReader *r, Err *err, size_t *used, size_t start, int col, int *c)
{
    for (;;) {
        if (r->in_pos == r->in_len && !refill(r)) {
            *c = -1;
            return 0;
        }
        const unsigned char *p = r->in + r->in_pos, *end = r->in + r->in_len, *q = p;
        while (q < end && !r->special[*q]) q++;
        size_t n = (size_t)(q - p);
        if (append(r, err, used, p, n)) return -1;
        r->in_pos += n;
        r->bytes += (int64_t)n;
        if (*used - start > CSV_MAX_FIELD_BYTES) return too_long(r, err, col);
        if (q < end) {
            *c = *q;
            return 0;
        }
    }
}

/* The rest of a quoted value, after its opening quote, up to and including
 * the closing quote; "" inside stands for one quote. */
static int read_quoted(CsvReader *r, Err *err, size_t *used, size_t start, int col)
{
    for (;;) {
        if (r->in_pos == r->in_len && !refill(r))
            return fail_col(r, err, col, "a quoted value is never closed (a quote is missing)");
        const unsigned char *p = r->in + r->in_pos;
        size_t avail = r->in_len - r->in_pos;
        const unsigned char *q = memchr(p, '"', avail);
        size_t n = q ? (size_t)(q - p) : avail;
        if (memchr(p, 0, n)) return nul_byte(r, err);
        if (append(r, err, used, p, n)) return -1;
        r->in_pos += n;
        r->bytes += (int64_t)n;
        if (*used - start > CSV_MAX_FIELD_BYTES) return too_long(r, err, col);
        if (!q) continue;
        skip_byte(r); /* the quote */
        if (peek_byte(r) != '"') return 0;
        skip_byte(r);
        if (append(r, err, used, "\"", 1)) return -1;
    }
}

/* Read one record into rowbuf: 1 read, 0 end of file, -1 error. *blank:
 * the line had nothing on it. */
static int read_record(CsvReader *r, Err *err, bool *blank)
{
    size_t used = 0;
    int nf = 0;
    bool quoted_any = false;
    r->off[0] = 0;
    if (peek_byte(r) < 0) return 0;
    for (;;) {
        size_t start = used;
        int c;
        if (read_plain(r, err, &used, start, nf, &c)) return -1;
        if (c == '"') {
            /* a quoted value: the quote must open it */
            if (used != start)
                return fail_col(r, err, nf,
                                "a quote inside a value that does not start with one (quote the "
                                "whole value and double the quotes inside it)");
            quoted_any = true;
            skip_byte(r);
            if (read_quoted(r, err, &used, start, nf)) return -1;
            c = peek_byte(r);
            if (c >= 0 && c != r->delim && c != '\r' && c != '\n')
                return c == 0
                           ? nul_byte(r, err)
                           : fail_col(r, err, nf, "text after the closing quote of a quoted value");
        }
        if (c == 0) return nul_byte(r, err);
        if (nf == CSV_MAX_COLUMNS)
            return err_set(err, KAM_EINPUT, "row %lld has more than %d columns", (long long)r->row,
                           CSV_MAX_COLUMNS),
                   -1;
        if (append(r, err, &used, "", 1)) return -1;
        r->len[nf] = used - 1 - start;
        r->off[++nf] = used;
        if (c == r->delim) {
            skip_byte(r);
            continue;
        }
        if (c == '\r') {
            skip_byte(r);
            if (peek_byte(r) == '\n') skip_byte(r);
        } else if (c == '\n') {
            skip_byte(r);
        }
        break; /* end of line or of the file */
    }
    r->nfields = nf;
    *blank = nf == 1 && r->len[0] == 0 && !quoted_any;
    for (int i = 0; i < nf; i++) {
        r->field[i] = r->rowbuf + r->off[i];
        size_t bad;
        if (!utf8_valid(r->field[i], r->len[i], &bad)) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "not valid UTF-8 (byte %zu of the value): save the file as UTF-8", bad + 1);
            return fail_col(r, err, i, msg);
        }
    }
    return 1;
}

/* Keep the header's names (trimmed) for matching and messages. */
static ErrCode keep_header(CsvReader *r, Err *err)
{
    r->header = calloc((size_t)r->nfields, sizeof *r->header);
    if (!r->header) return err_set(err, KAM_EINTERNAL, "out of memory");
    for (int i = 0; i < r->nfields; i++) {
        r->header[i] = strdup(r->field[i]);
        if (!r->header[i]) return err_set(err, KAM_EINTERNAL, "out of memory");
        str_trim(r->header[i]);
        r->nheader = i + 1;
    }
    return KAM_OK;
}

int csv_next(CsvReader *r, Err *err)
{
    if (!r->in || !r->rowbuf || !r->off || !r->field || !r->len)
        return err_set(err, KAM_EINTERNAL, "out of memory"), -1;
    if (!r->started && start(r, err)) return -1;
    for (;;) {
        r->row++;
        bool blank = false;
        int got = read_record(r, err, &blank);
        if (got < 0) return -1;
        if (got == 0) {
            r->row--;
            if (r->read_error)
                return err_set(err, KAM_EINPUT, "the file cannot be read (input/output error)"), -1;
            if (!r->nheader)
                return err_set(err, KAM_EINPUT,
                               "the file is empty: it needs a header row and data rows"),
                       -1;
            return 0;
        }
        if (blank) continue;
        if (!r->nheader) { /* the header is the first record returned */
            if (keep_header(r, err)) return -1;
            return 1;
        }
        if (r->nfields != r->nheader)
            return err_set(err, KAM_EINPUT,
                           "row %lld has %d values but the header has %d columns%s",
                           (long long)r->row, r->nfields, r->nheader,
                           r->nfields == 1 && r->nheader > 1
                               ? " (is the file separated by another delimiter?)"
                               : ""),
                   -1;
        return 1;
    }
}

/* ------------------------------------------------------------------ numbers */

bool csv_number(const char *s, char delim, double *out)
{
    if (!s) return false;
    if (delim == ';') return parse_double(s, true, out);
    if (parse_double(s, false, out)) return true;
    /* "1,234.5": the same as "1.234,5" with the marks swapped */
    char swapped[CSV_NUMBER_MAX_BYTES];
    size_t n = strlen(s);
    if (n >= sizeof swapped || !strchr(s, ',')) return false;
    for (size_t i = 0; i <= n; i++) swapped[i] = s[i] == ',' ? '.' : s[i] == '.' ? ',' : s[i];
    return parse_double(swapped, true, out);
}

/* ------------------------------------------------------------------ writing */

void csv_put(Buf *b, const char *value)
{
    if (!value) return;
    size_t n = strlen(value);
    /* a leading byte-order mark would be taken for the file's own */
    bool quote = n > 0 && (value[0] == ' ' || value[n - 1] == ' ' || !strncmp(value, "\xEF\xBB\xBF", 3));
    /* Both candidate delimiters (and tabs) are quoted, whichever this file
     * uses: the reader picks the delimiter from the header line by counting
     * them outside quotes, so a value full of another one must not tip it. */
    for (const char *p = value; *p && !quote; p++)
        quote = *p == ',' || *p == ';' || *p == '\t' || *p == '"' || *p == '\n' || *p == '\r';
    if (!quote) {
        buf_put(b, value, n);
        return;
    }
    buf_putc(b, '"');
    for (const char *p = value; *p; p++) {
        if (*p == '"') buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}
