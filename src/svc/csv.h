/* CSV in and out (RFC 4180), as spreadsheets and CRMs write it.
 *
 * Reading streams the file one record at a time with bounded memory (the
 * limits below):
 *   - quoted fields with "" escapes and embedded newlines; CRLF or LF;
 *   - UTF-8 with or without a byte-order mark; every value is checked to be
 *     valid UTF-8;
 *   - the delimiter is found on the header line: ',' or ';' (Italian Excel
 *     writes ';' with decimal commas), whichever occurs more outside quotes;
 *   - completely empty lines are skipped.
 * Records are numbered the way a spreadsheet shows them: the header is row 1.
 * Every error names the row (and the column when there is one) and says what
 * is wrong, e.g. `row 12, column "Name": a quoted value is never closed`;
 * the caller puts the file name in front. */
#ifndef KAM_CSV_H
#define KAM_CSV_H

#include "../core/buf.h"
#include "../core/err.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define CSV_MAX_FIELD_BYTES (64 * 1024)   /* one value */
#define CSV_MAX_COLUMNS     256           /* values in one record */
#define CSV_MAX_ROW_BYTES   (1024 * 1024) /* one record, all its values */
#define CSV_READ_CHUNK      (64 * 1024)   /* bytes read from the file at a time */

typedef struct CsvReader {
    FILE *f;
    char delim;    /* ',' or ';' once the header is read */
    int64_t row;   /* number of the record just read (header = 1) */
    int nfields;   /* values of that record */
    char **field;  /* NUL-terminated values, valid until the next csv_next */
    size_t *len;   /* their lengths in bytes */
    int64_t bytes; /* bytes consumed so far (for progress) */
    int nheader;   /* columns of the header */
    char **header; /* the header's names, trimmed (for messages) */
    /* private */
    unsigned char *in;
    size_t in_pos, in_len;
    bool eof, read_error;
    char *rowbuf;
    size_t rowcap;
    size_t *off;
    bool started;
    bool special[256]; /* bytes that end an unquoted run */
} CsvReader;

/* Start reading f (opened and closed by the caller). */
void csv_reader_init(CsvReader *r, FILE *f);
void csv_reader_free(CsvReader *r);
/* Read the next record: 1 read, 0 end of file, -1 error (err set). The first
 * call reads the header (returned as the first record, and kept in header)
 * and decides the delimiter; a file without one is an error. Data records
 * must have as many values as the header. */
int csv_next(CsvReader *r, Err *err);
/* `column "Name"` (or `column 3` when the header cell is empty) into tmp. */
const char *csv_column_name(const CsvReader *r, int col, char *tmp, size_t n);

/* A number as a file separated by delim writes it. ';' files (Italian
 * Excel) use a decimal comma and '.' or a space between thousands:
 * "1.234,5". ',' files use a decimal point and ',' or a space between
 * thousands: "1,234.5" (quoted in the file). Thousands come in groups of
 * three; anything else ("12,5 M", "1.5" in a ';' file) is not a number. */
bool csv_number(const char *s, char delim, double *out);

/* Write one value, quoted when it must be: a quote, CR/LF, a leading or
 * trailing space, a leading byte-order mark, and whenever it holds ',', ';'
 * or a tab, so a value can never change which delimiter the reader finds on
 * the header line. NULL writes nothing (an empty field). */
void csv_put(Buf *b, const char *value);

#endif
