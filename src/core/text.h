/* Small text utilities: UTF-8 validation, strict number and date parsing. */
#ifndef KAM_TEXT_H
#define KAM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). When
 * false and bad_at is not NULL, *bad_at is the byte offset of the first fault. */
bool utf8_valid(const char *s, size_t n, size_t *bad_at);
/* Number of code points (for length limits stated in characters). */
size_t utf8_len(const char *s);

bool str_eq(const char *a, const char *b);   /* NULL-safe */
bool str_ieq(const char *a, const char *b);  /* ASCII case-insensitive, NULL-safe */
bool str_empty(const char *s);               /* NULL or only white space */
/* Trim ASCII white space in place; returns s. */
char *str_trim(char *s);
bool str_starts(const char *s, const char *prefix);

/* Strict parsers: the whole string must be the number (surrounding spaces
 * allowed). parse_double accepts '.' as the decimal mark; with decimal_comma
 * it accepts ',' instead and '.' or a space as thousands separators
 * ("1.234,5"). Both refuse NaN and infinities. */
bool parse_int64(const char *s, int64_t *out);
bool parse_double(const char *s, bool decimal_comma, double *out);

/* Dates are ISO 8601 text, YYYY-MM-DD; months YYYY-MM. */
bool date_valid(const char *s);
bool month_valid(const char *s);
/* Days since 1970-01-01 of a valid date (for differences). */
int64_t date_days(const char *s);
/* Write the date `days` days after 1970-01-01 into out[11]. */
void date_from_days(int64_t days, char out[11]);
/* Today's date (UTC) into out[11]; KAM_TODAY=YYYY-MM-DD overrides it for tests. */
void date_today(char out[11]);
/* Seconds since the epoch; KAM_NOW (seconds) overrides it for tests. */
int64_t now_seconds(void);
/* Add months to a YYYY-MM month into out[8]. */
void month_add(const char *ym, int months, char out[8]);

#endif
