#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(Buf *b, Arena *a)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->arena = a;
}

void buf_free(Buf *b)
{
    if (!b->arena) free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_reset(Buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = 0;
}

void buf_reserve(Buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    if (b->arena) {
        b->data = arena_realloc(b->arena, b->data, b->cap, cap);
    } else {
        char *p = realloc(b->data, cap);
        if (!p) {
            fputs("kam: out of memory\n", stderr);
            abort();
        }
        b->data = p;
    }
    b->cap = cap;
}

void buf_put(Buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_puts(Buf *b, const char *s)
{
    if (s) buf_put(b, s, strlen(s));
}

void buf_putc(Buf *b, char c) { buf_put(b, &c, 1); }

const char *buf_cstr(Buf *b)
{
    if (!b->data) buf_reserve(b, 0), b->data[0] = 0;
    return b->data;
}

void buf_html(Buf *b, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_put(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_put(b, run, (size_t)(s - run));
}

void buf_url(Buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) return;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_putc(b, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_put(b, e, 3);
        }
    }
}

void buf_json_str(Buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[7];
        const char *rep = NULL;
        size_t n = 2;
        switch (c) {
        case '"': rep = "\\\""; break;
        case '\\': rep = "\\\\"; break;
        case '\n': rep = "\\n"; break;
        case '\r': rep = "\\r"; break;
        case '\t': rep = "\\t"; break;
        case '<': rep = "\\u003c"; n = 6; break; /* safe inside <script> too */
        default:
            if (c < 0x20) {
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                rep = esc;
                n = 6;
            }
        }
        if (!rep) continue;
        buf_put(b, run, (size_t)(s - run));
        buf_put(b, rep, n);
        run = s + 1;
    }
    buf_put(b, run, (size_t)(s - run));
    buf_putc(b, '"');
}

/* Format one C conversion spec (already isolated in spec, e.g. "%-5lld") with
 * the matching argument pulled from ap according to its length modifier. */
static void put_c_conversion(Buf *b, const char *spec, char conv, const char *len, va_list *ap,
                             const int *stars, int n_star)
{
    char tmp[512];
    int n = 0;
#define EMIT(val)                                                                                  \
    do {                                                                                           \
        if (n_star == 2) n = snprintf(tmp, sizeof tmp, spec, stars[0], stars[1], val);             \
        else if (n_star == 1) n = snprintf(tmp, sizeof tmp, spec, stars[0], val);                  \
        else n = snprintf(tmp, sizeof tmp, spec, val);                                             \
    } while (0)
    switch (conv) {
    case 'd':
    case 'i':
        if (!strcmp(len, "ll")) EMIT(va_arg(*ap, long long));
        else if (!strcmp(len, "l")) EMIT(va_arg(*ap, long));
        else if (!strcmp(len, "z")) EMIT(va_arg(*ap, ssize_t));
        else if (!strcmp(len, "j")) EMIT(va_arg(*ap, intmax_t));
        else if (!strcmp(len, "t")) EMIT(va_arg(*ap, ptrdiff_t));
        else EMIT(va_arg(*ap, int));
        break;
    case 'u':
    case 'x':
    case 'X':
    case 'o':
        if (!strcmp(len, "ll")) EMIT(va_arg(*ap, unsigned long long));
        else if (!strcmp(len, "l")) EMIT(va_arg(*ap, unsigned long));
        else if (!strcmp(len, "z")) EMIT(va_arg(*ap, size_t));
        else if (!strcmp(len, "j")) EMIT(va_arg(*ap, uintmax_t));
        else if (!strcmp(len, "t")) EMIT(va_arg(*ap, ptrdiff_t));
        else EMIT(va_arg(*ap, unsigned int));
        break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
        if (!strcmp(len, "L")) EMIT(va_arg(*ap, long double));
        else EMIT(va_arg(*ap, double));
        break;
    case 'c': EMIT(va_arg(*ap, int)); break;
    case 'p': EMIT(va_arg(*ap, void *)); break;
    case 's': {
        const char *s = va_arg(*ap, const char *);
        if (!s) s = "";
        /* Strings can be long: format straight into the buffer. */
        int need;
        if (n_star == 2) need = snprintf(NULL, 0, spec, stars[0], stars[1], s);
        else if (n_star == 1) need = snprintf(NULL, 0, spec, stars[0], s);
        else need = snprintf(NULL, 0, spec, s);
        if (need <= 0) return;
        buf_reserve(b, (size_t)need);
        char *dst = b->data + b->len;
        if (n_star == 2) snprintf(dst, (size_t)need + 1, spec, stars[0], stars[1], s);
        else if (n_star == 1) snprintf(dst, (size_t)need + 1, spec, stars[0], s);
        else snprintf(dst, (size_t)need + 1, spec, s);
        b->len += (size_t)need;
        return;
    }
    default: return;
    }
#undef EMIT
    if (n > 0) buf_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void format(Buf *b, bool strict, const char *fmt, va_list ap_in)
{
    va_list ap;
    va_copy(ap, ap_in);
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            buf_puts(b, p);
            break;
        }
        buf_put(b, p, (size_t)(pct - p));
        const char *q = pct + 1;
        if (*q == '%') {
            buf_putc(b, '%');
            p = q + 1;
            continue;
        }
        /* flags, width, precision */
        int stars[2] = {0, 0}, n_star = 0;
        while (*q && strchr("-+ #0", *q)) q++;
        if (*q == '*') {
            stars[n_star++] = va_arg(ap, int);
            q++;
        } else {
            while (*q >= '0' && *q <= '9') q++;
        }
        if (*q == '.') {
            q++;
            if (*q == '*') {
                stars[n_star++] = va_arg(ap, int);
                q++;
            } else {
                while (*q >= '0' && *q <= '9') q++;
            }
        }
        char len[3] = {0};
        if (q[0] == 'l' && q[1] == 'l') {
            len[0] = 'l', len[1] = 'l';
            q += 2;
        } else if (*q && strchr("lzjtL", *q)) {
            len[0] = *q++;
        }
        char conv = *q;
        if (!conv) break;
        p = q + 1;
        switch (conv) {
        case 'h':
        case 'a': buf_html(b, va_arg(ap, const char *)); continue;
        case 'U': buf_url(b, va_arg(ap, const char *)); continue;
        case 'J': buf_json_str(b, va_arg(ap, const char *)); continue;
        case 'r': buf_puts(b, va_arg(ap, const char *)); continue;
        case 's':
            if (strict) {
                fprintf(stderr, "kam: raw %%s in an HTML format string: \"%s\"\n", fmt);
                abort();
            }
            break;
        default: break;
        }
        char spec[64];
        size_t sl = (size_t)(p - pct);
        if (sl >= sizeof spec) continue;
        memcpy(spec, pct, sl);
        spec[sl] = 0;
        put_c_conversion(b, spec, conv, len, &ap, stars, n_star);
    }
    va_end(ap);
    buf_reserve(b, 0);
    b->data[b->len] = 0;
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap) { format(b, false, fmt, ap); }
void html_vprintf(Buf *b, const char *fmt, va_list ap) { format(b, true, fmt, ap); }

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    format(b, false, fmt, ap);
    va_end(ap);
}

void html_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    format(b, true, fmt, ap);
    va_end(ap);
}
