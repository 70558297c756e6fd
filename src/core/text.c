#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool utf8_valid(const char *str, size_t n, size_t *bad_at)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, min = 0x10000, c &= 0x07;
        } else {
            goto bad;
        }
        if (i + len > n) goto bad;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) goto bad;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) goto bad;
        i += len;
    }
    return true;
bad:
    if (bad_at) *bad_at = i;
    return false;
}

size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

bool str_eq(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

bool str_ieq(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return false;
    return *a == *b;
}

bool str_empty(const char *s)
{
    if (!s) return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

char *str_trim(char *s)
{
    if (!s) return s;
    char *p = s;
    while (isspace((unsigned char)*p)) p++;
    size_t n = strlen(p);
    while (n && isspace((unsigned char)p[n - 1])) n--;
    memmove(s, p, n);
    s[n] = 0;
    return s;
}

bool str_starts(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

bool parse_int64(const char *s, int64_t *out)
{
    if (!s) return false;
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s) return false;
    while (isspace((unsigned char)*end)) end++;
    if (*end) return false;
    *out = v;
    return true;
}

bool parse_double(const char *s, bool decimal_comma, double *out)
{
    if (!s) return false;
    char tmp[128];
    size_t n = 0;
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return false;
    bool seen_mark = false;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (n + 2 >= sizeof tmp) return false;
        if (c >= '0' && c <= '9') {
            tmp[n++] = c;
        } else if ((c == '-' || c == '+') && (n == 0 || tmp[n - 1] == 'e')) {
            tmp[n++] = c;
        } else if ((c == 'e' || c == 'E') && n > 0 && isdigit((unsigned char)tmp[n - 1])) {
            tmp[n++] = 'e';
        } else if (decimal_comma && c == ',') {
            if (seen_mark) return false;
            seen_mark = true;
            tmp[n++] = '.';
        } else if (decimal_comma && (c == '.' || c == ' ') && !seen_mark) {
            /* thousands separator: must be followed by exactly three digits */
            if (!(isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
                  isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4])))
                return false;
            if (n == 0) return false;
        } else if (!decimal_comma && c == '.') {
            if (seen_mark) return false;
            seen_mark = true;
            tmp[n++] = '.';
        } else if (isspace((unsigned char)c)) {
            const char *r = p;
            while (isspace((unsigned char)*r)) r++;
            if (*r) return false;
            break;
        } else {
            return false;
        }
    }
    tmp[n] = 0;
    if (n == 0 || !strpbrk(tmp, "0123456789")) return false;
    errno = 0;
    char *end;
    double v = strtod(tmp, &end);
    if (errno == ERANGE || *end || !isfinite(v)) return false;
    *out = v;
    return true;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

bool date_valid(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

bool month_valid(const char *s)
{
    if (!s || strlen(s) != 7 || s[4] != '-') return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && !isdigit((unsigned char)s[i])) return false;
    int y = atoi(s), m = atoi(s + 5);
    return y >= 1900 && y <= 2999 && m >= 1 && m <= 12;
}

/* Howard Hinnant's days_from_civil. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int64_t date_days(const char *s) { return days_from_civil(atoi(s), (unsigned)atoi(s + 5), (unsigned)atoi(s + 8)); }

void date_from_days(int64_t z, char out[11])
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000) % 10000u, m % 100u, d % 100u);
}

int64_t now_seconds(void)
{
    const char *o = getenv("KAM_NOW");
    int64_t v;
    if (o && parse_int64(o, &v)) return v;
    return (int64_t)time(NULL);
}

void date_today(char out[11])
{
    const char *o = getenv("KAM_TODAY");
    if (o && date_valid(o)) {
        memcpy(out, o, 11);
        return;
    }
    date_from_days(now_seconds() / 86400, out);
}

void month_add(const char *ym, int months, char out[8])
{
    int y = atoi(ym), m = atoi(ym + 5) - 1 + months;
    y += m >= 0 ? m / 12 : -((11 - m) / 12);
    m = ((m % 12) + 12) % 12;
    snprintf(out, 8, "%04u-%02u", (unsigned)(y % 10000) % 10000u, (unsigned)(m + 1) % 100u);
}
