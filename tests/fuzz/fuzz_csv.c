/* The CSV reader (svc/csv.c) on arbitrary bytes. Properties:
 *   - it never reads or writes out of bounds and always ends (ASan, UBSan);
 *   - every value it returns is valid UTF-8 and as long as it says;
 *   - a data record has as many values as the header;
 *   - writing the records back with csv_put and reading that again gives
 *     the same values (what kam exports, kam imports). */
#include "../../src/core/text.h"
#include "../../src/svc/csv.h"
#include "fuzz.h"

#include <string.h>

#define FUZZ_MAX_RECORDS 64 /* records kept for the round trip */

typedef struct Rec {
    int n;
    char **v;
} Rec;

static void free_recs(Rec *recs, int n)
{
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < recs[i].n; j++) free(recs[i].v[j]);
        free(recs[i].v);
    }
}

/* Read every record of data into recs (up to FUZZ_MAX_RECORDS); the number
 * read, or -1 when the reader refused the input. */
static int read_all(const uint8_t *data, size_t size, Rec *recs, char *delim)
{
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f) return -1;
    CsvReader r;
    csv_reader_init(&r, f);
    Err err = {0};
    int n = 0, rc;
    while ((rc = csv_next(&r, &err)) == 1) {
        FUZZ_CHECK(r.nfields >= 1 && r.nfields <= CSV_MAX_COLUMNS,
                   "a record has 1..CSV_MAX_COLUMNS values");
        if (r.row > 1)
            FUZZ_CHECK(r.nfields == r.nheader, "a data record has as many values as the header");
        for (int j = 0; j < r.nfields; j++) {
            FUZZ_CHECK(strlen(r.field[j]) == r.len[j], "a value's length is its length");
            FUZZ_CHECK(utf8_valid(r.field[j], r.len[j], NULL), "a value is valid UTF-8");
            double d;
            (void)csv_number(r.field[j], r.delim, &d);
        }
        if (n < FUZZ_MAX_RECORDS) {
            recs[n].n = r.nfields;
            recs[n].v = calloc((size_t)r.nfields, sizeof(char *));
            for (int j = 0; j < r.nfields; j++) recs[n].v[j] = strdup(r.field[j]);
            n++;
        }
    }
    FUZZ_CHECK(rc == 0 || err.code != KAM_OK, "a refusal says why");
    FUZZ_CHECK(rc == 0 || err.msg[0], "a refusal has a message");
    *delim = r.delim;
    csv_reader_free(&r);
    fclose(f);
    if (rc < 0) {
        free_recs(recs, n);
        return -1;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Rec a[FUZZ_MAX_RECORDS], b[FUZZ_MAX_RECORDS];
    char delim = ',';
    int n = read_all(data, size, a, &delim);
    if (n <= 0) return 0;
    /* The round trip, only when every record was kept and none is blank
     * (the reader skips empty lines, so a record of one empty value cannot
     * come back). */
    bool whole = n < FUZZ_MAX_RECORDS;
    for (int i = 0; i < n; i++)
        if (a[i].n == 1 && !a[i].v[0][0]) whole = false;
    if (whole) {
        Buf out;
        buf_init(&out, NULL);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < a[i].n; j++) {
                if (j) buf_putc(&out, delim);
                csv_put(&out, a[i].v[j]);
            }
            buf_puts(&out, "\r\n");
        }
        char d2 = ',';
        int m = read_all((const uint8_t *)out.data, out.len, b, &d2);
        FUZZ_CHECK(m == n, "what csv_put wrote reads back as the same number of records");
        for (int i = 0; i < n && i < m; i++) {
            FUZZ_CHECK(b[i].n == a[i].n, "and each record has the same number of values");
            for (int j = 0; j < a[i].n; j++)
                FUZZ_CHECK(!strcmp(a[i].v[j], b[i].v[j]), "and the same values");
        }
        if (m > 0) free_recs(b, m);
        buf_free(&out);
    }
    free_recs(a, n);
    return 0;
}
