/* Buf: a growable byte buffer, and the printf engine that escapes by
 * construction (the Fossil %h / cgit html_* pattern).
 *
 * Conversions on top of C's own (which keep their usual meaning):
 *   %h  text for HTML element content: & < > " ' escaped   (const char *)
 *   %a  text for an HTML attribute value: same escaping, named for intent
 *   %U  a URL component: everything but RFC 3986 unreserved bytes %XX-encoded
 *   %J  a JSON string literal, quotes included; NULL prints null
 *   %r  raw, already-safe HTML (output of another escaping writer only)
 * C's %u and the %j length modifier are left alone, which is why the URL and
 * JSON conversions are upper-case. A NULL string prints as empty for %h %a %U.
 *
 * html_printf() is buf_printf() in strict mode: a raw %s aborts, so a page can
 * only put text into HTML through an escaping conversion. tests/lint checks the
 * same statically. */
#ifndef KAM_BUF_H
#define KAM_BUF_H

#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct Buf {
    char *data;   /* always NUL-terminated once anything was written */
    size_t len;
    size_t cap;
    Arena *arena; /* NULL: the buffer owns malloc'd memory (buf_free) */
} Buf;

void buf_init(Buf *b, Arena *a);
void buf_free(Buf *b);
void buf_reset(Buf *b);
void buf_reserve(Buf *b, size_t extra);
void buf_put(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
/* The contents as a C string ("" when empty); stays valid until the next write. */
const char *buf_cstr(Buf *b);

void buf_printf(Buf *b, const char *fmt, ...);
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
void html_printf(Buf *b, const char *fmt, ...);
void html_vprintf(Buf *b, const char *fmt, va_list ap);

/* The escapers themselves, for callers that build output piecewise. */
void buf_html(Buf *b, const char *s);
void buf_url(Buf *b, const char *s);
void buf_json_str(Buf *b, const char *s); /* with quotes; NULL -> null */

#endif
