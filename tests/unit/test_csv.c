/* The CSV reader and writer (svc/csv.h): RFC 4180 quoting, line breaks in
 * values, CRLF, BOM, the delimiter seen on the header, read-chunk
 * boundaries, the limits, and one clear message per kind of bad file. */
#include "testutil.h"

#include "svc/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A reader over n bytes of data (a temporary file, so empty input works). */
typedef struct Src {
    FILE *f;
    CsvReader r;
    Err err;
} Src;

static Src *src_open(const char *data, size_t n)
{
    Src *s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->f = tmpfile();
    assert_non_null(s->f);
    assert_int_equal(fwrite(data, 1, n, s->f), n);
    rewind(s->f);
    csv_reader_init(&s->r, s->f);
    err_clear(&s->err);
    return s;
}

static void src_close(Src *s)
{
    csv_reader_free(&s->r);
    fclose(s->f);
    free(s);
}

/* Read every record; the error message of the first failure, or "" */
static const char *read_all(Src *s)
{
    int got;
    while ((got = csv_next(&s->r, &s->err)) > 0) {
    }
    return got < 0 ? s->err.msg : "";
}

static void quotes_line_breaks_and_crlf(void **state)
{
    (void)state;
    const char in[] =
        "id,name,note\r\n1,\"Beta, \"\"the\"\" Company\",\"two\r\nlines\"\r\n2,plain,\r\n";
    Src *s = src_open(in, sizeof in - 1);
    assert_int_equal(csv_next(&s->r, &s->err), 1); /* the header */
    assert_int_equal(s->r.row, 1);
    assert_int_equal(s->r.nheader, 3);
    assert_int_equal(s->r.delim, ',');
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(s->r.row, 2);
    assert_string_equal(s->r.field[1], "Beta, \"the\" Company");
    assert_string_equal(s->r.field[2], "two\r\nlines");
    assert_int_equal(s->r.len[2], 10);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(s->r.row,
                     3); /* a record, not a line: the line break inside quotes does not count */
    assert_string_equal(s->r.field[1], "plain");
    assert_string_equal(s->r.field[2], "");
    assert_int_equal(csv_next(&s->r, &s->err), 0);
    assert_int_equal(s->r.bytes, (int64_t)(sizeof in - 1));
    src_close(s);
}

static void bom_and_semicolons(void **state)
{
    (void)state;
    const char in[] = "\xEF\xBB\xBF"
                      "Ragione sociale;Fatturato;Nota\n\"Rossi; Figli\";1.234,5;caff\xC3\xA8\n";
    Src *s = src_open(in, sizeof in - 1);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(s->r.delim, ';');
    assert_string_equal(s->r.header[0], "Ragione sociale"); /* no BOM in front */
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_string_equal(s->r.field[0], "Rossi; Figli");
    assert_string_equal(s->r.field[1], "1.234,5");
    assert_string_equal(s->r.field[2], "caff\xC3\xA8");
    src_close(s);
}

static void delimiter_counts_outside_quotes_only(void **state)
{
    (void)state;
    const char in[] = "\"a;b;c\",d,e\n1,2,3\n";
    Src *s = src_open(in, sizeof in - 1);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(s->r.delim, ',');
    assert_string_equal(s->r.header[0], "a;b;c");
    src_close(s);
}

static void blank_lines_skipped_rows_numbered(void **state)
{
    (void)state;
    const char in[] = "a,b\n\n1,2\n\n3,4"; /* no final line break */
    Src *s = src_open(in, sizeof in - 1);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(s->r.row, 3);
    assert_string_equal(s->r.field[0], "1");
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(s->r.row, 5);
    assert_string_equal(s->r.field[1], "4");
    assert_int_equal(csv_next(&s->r, &s->err), 0);
    src_close(s);
}

/* A quoted value with a doubled quote right where a read chunk ends (the
 * header is long, so the value stays within CSV_MAX_FIELD_BYTES). */
static void values_across_read_chunks(void **state)
{
    (void)state;
    size_t head = 2000, n = CSV_READ_CHUNK + 100;
    char *in = malloc(n + 16);
    assert_non_null(in);
    memset(in, 'h', head - 1);
    in[head - 1] = '\n';
    size_t k = head;
    in[k++] = '"';
    while (k < CSV_READ_CHUNK - 1) in[k++] = 'x';
    in[k++] = '"'; /* the last byte of the first chunk ... */
    in[k++] = '"'; /* ... and the first of the second: one quote */
    while (k < n) in[k++] = 'y';
    in[k++] = '"';
    in[k++] = '\n';
    Src *s = src_open(in, k);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(s->r.len[0], head - 1);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(s->r.len[0], k - head - 4); /* without its quotes, "" as one */
    const char *v = s->r.field[0];
    size_t q = CSV_READ_CHUNK - 1 - head - 1; /* where the quote is in the value */
    assert_int_equal(v[q - 1], 'x');
    assert_int_equal(v[q], '"');
    assert_int_equal(v[q + 1], 'y');
    assert_int_equal(csv_next(&s->r, &s->err), 0);
    src_close(s);
    free(in);
}

/* Each kind of bad file, with the message a user sees. */
static void bad_files_say_what_and_where(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t n; /* 0: strlen */
        const char *msg;
    } cases[] = {
        {"", 0, "the file is empty"},
        {"\xEF\xBB\xBF", 0, "the file is empty"},
        {"a,b\n1,\"open\n2,3\n", 0, "row 2, column \"b\": a quoted value is never closed"},
        {"a,b\n1,x\"y\n", 0,
         "row 2, column \"b\": a quote inside a value that does not start with one"},
        {"a,b\n1,\"x\"y\n", 0, "row 2, column \"b\": text after the closing quote"},
        {"a\tb\n1\t2\n", 0, "row 1: the columns are separated by tabs"},
        {"a,b\n1,caf\xE9\n", 0, "row 2, column \"b\": not valid UTF-8 (byte 4 of the value)"},
        {"a,b\n1,2,3\n", 0, "row 2 has 3 values but the header has 2 columns"},
        {"a,b,c\n1;2;3\n", 0,
         "row 2 has 1 values but the header has 3 columns (is the file separated by another"},
        {"a,b\n1,x\0y\n", 10, "row 2 contains a NUL byte"},
        {"a,,c\n1,\"\n", 0, "row 2, column 2: a quoted value is never closed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Src *s = src_open(cases[i].in, cases[i].n ? cases[i].n : strlen(cases[i].in));
        const char *msg = read_all(s);
        if (!strstr(msg, cases[i].msg))
            fail_msg("case %zu: got \"%s\", expected \"%s\"", i, msg, cases[i].msg);
        assert_int_equal(s->err.code, KAM_EINPUT);
        src_close(s);
    }
}

static void limits_are_enforced(void **state)
{
    (void)state;
    /* more columns than CSV_MAX_COLUMNS */
    Buf b;
    buf_init(&b, NULL);
    for (int i = 0; i <= CSV_MAX_COLUMNS; i++) buf_printf(&b, "%sc%d", i ? "," : "", i);
    buf_puts(&b, "\n");
    Src *s = src_open(b.data, b.len);
    assert_non_null(strstr(read_all(s), "row 1 has more than 256 columns"));
    src_close(s);
    /* one value longer than CSV_MAX_FIELD_BYTES */
    buf_reset(&b);
    buf_puts(&b, "a,b\n1,");
    for (int i = 0; i <= CSV_MAX_FIELD_BYTES; i++) buf_putc(&b, 'x');
    buf_puts(&b, "\n");
    s = src_open(b.data, b.len);
    assert_non_null(strstr(read_all(s), "row 2, column \"b\": a value longer than 65536 bytes"));
    src_close(s);
    /* a row longer than CSV_MAX_ROW_BYTES, each value within its limit */
    buf_reset(&b);
    int cols = CSV_MAX_ROW_BYTES / (CSV_MAX_FIELD_BYTES / 2) + 2;
    for (int i = 0; i < cols; i++) buf_printf(&b, "%sh%d", i ? "," : "", i);
    buf_puts(&b, "\n");
    for (int i = 0; i < cols; i++) {
        if (i) buf_putc(&b, ',');
        for (int k = 0; k < CSV_MAX_FIELD_BYTES / 2; k++) buf_putc(&b, 'z');
    }
    buf_puts(&b, "\n");
    s = src_open(b.data, b.len);
    assert_non_null(strstr(read_all(s), "row 2 is longer than 1048576 bytes"));
    src_close(s);
    buf_free(&b);
}

static void writing_quotes_when_it_must(void **state)
{
    (void)state;
    Buf b;
    buf_init(&b, NULL);
    const char *values[] = {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", "", NULL, "a;b"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        if (i) buf_putc(&b, ',');
        csv_put(&b, values[i]);
    }
    assert_string_equal(buf_cstr(&b),
                        "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",,,\"a;b\"");
    buf_reset(&b);
    csv_put(&b, "a;b");
    buf_putc(&b, ';');
    csv_put(&b, "a,b");
    assert_string_equal(buf_cstr(&b), "\"a;b\";\"a,b\"");

    /* what csv_put writes, the reader gives back */
    buf_reset(&b);
    buf_puts(&b, "v0,v1,v2,v3,v4\r\n");
    for (int i = 0; i < 5; i++) {
        if (i) buf_putc(&b, ',');
        csv_put(&b, values[i]);
    }
    buf_puts(&b, "\r\n");
    Src *s = src_open(b.data, b.len);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    assert_int_equal(csv_next(&s->r, &s->err), 1);
    for (int i = 0; i < 5; i++) assert_string_equal(s->r.field[i], values[i]);
    src_close(s);
    buf_free(&b);
}

static void numbers_as_each_dialect_writes_them(void **state)
{
    (void)state;
    double d = 0;
    assert_true(csv_number("1.234,5", ';', &d));
    assert_true(d == 1234.5);
    assert_true(csv_number("-1.234.567,89", ';', &d));
    assert_true(d == -1234567.89);
    assert_true(csv_number("96,8", ';', &d));
    assert_true(d == 96.8);
    assert_true(csv_number("1 234,5", ';', &d));
    assert_true(d == 1234.5);
    assert_false(csv_number("1.5", ';', &d)); /* in an Italian file the point groups thousands */
    assert_false(csv_number("12,5 M", ';', &d));
    assert_true(csv_number("1250000.5", ',', &d));
    assert_true(d == 1250000.5);
    assert_true(csv_number("1,234,567.89", ',', &d));
    assert_true(d == 1234567.89);
    assert_true(csv_number(" 42 ", ',', &d));
    assert_true(d == 42);
    assert_false(csv_number("12,5", ',', &d)); /* not a group of three */
    assert_false(csv_number("12,5 M", ',', &d));
    assert_false(csv_number("1.234,5", ',', &d));
    assert_false(csv_number("", ',', &d));
    assert_false(csv_number("nan", ',', &d));
    assert_false(csv_number("1e999", ',', &d));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quotes_line_breaks_and_crlf),
        cmocka_unit_test(bom_and_semicolons),
        cmocka_unit_test(delimiter_counts_outside_quotes_only),
        cmocka_unit_test(blank_lines_skipped_rows_numbered),
        cmocka_unit_test(values_across_read_chunks),
        cmocka_unit_test(bad_files_say_what_and_where),
        cmocka_unit_test(limits_are_enforced),
        cmocka_unit_test(writing_quotes_when_it_must),
        cmocka_unit_test(numbers_as_each_dialect_writes_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
