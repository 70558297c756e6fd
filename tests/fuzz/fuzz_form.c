/* Form and query decoding (web/http.c parse_urlencoded) and the HTML
 * escaper on arbitrary bytes. Properties:
 *   - a decoded name or value is valid UTF-8 without NUL bytes, or the
 *     whole input is refused (the server answers 400);
 *   - no more pairs than the limit are returned;
 *   - a value escaped with %h / %a contains none of < > " ' and every &
 *     starts an entity, so it cannot leave its element or attribute;
 *   - %U-encoding a value and decoding it gives the value back. */
#include "../../src/core/text.h"
#include "../../src/web/http.h"
#include "fuzz.h"

#include <string.h>

#define FUZZ_MAX_PAIRS 16

static void check_escaped(const char *s)
{
    for (const char *p = s; *p; p++) {
        FUZZ_CHECK(*p != '<' && *p != '>' && *p != '"' && *p != '\'',
                   "escaped text has no markup characters");
        if (*p == '&')
            FUZZ_CHECK(!strncmp(p, "&amp;", 5) || !strncmp(p, "&lt;", 4) ||
                           !strncmp(p, "&gt;", 4) || !strncmp(p, "&quot;", 6) ||
                           !strncmp(p, "&#39;", 5),
                       "an & in escaped text starts one of the writer's entities");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a;
    arena_init(&a, 4096);
    Param pairs[FUZZ_MAX_PAIRS];
    int n = 0;
    bool ok = parse_urlencoded(&a, (const char *)data, size, pairs, FUZZ_MAX_PAIRS, &n);
    FUZZ_CHECK(n >= 0 && n <= FUZZ_MAX_PAIRS, "never more pairs than the limit");
    if (ok) {
        for (int i = 0; i < n; i++) {
            const char *v[2] = {pairs[i].name, pairs[i].value};
            for (int k = 0; k < 2; k++) {
                FUZZ_CHECK(utf8_valid(v[k], strlen(v[k]), NULL), "decoded text is valid UTF-8");
                Buf b;
                buf_init(&b, &a);
                html_printf(&b, "<p title=\"%a\">%h</p>", v[k], v[k]);
                const char *html = buf_cstr(&b);
                size_t len = strlen(html);
                FUZZ_CHECK(len >= 15, "the markup around is kept");
                char *inner = arena_strndup(&a, html + 10, len - 10 - 4);
                /* between the attribute's quotes and inside the element */
                char *q = strstr(inner, "\">");
                FUZZ_CHECK(q != NULL, "the attribute is closed where the writer closed it");
                *q = 0;
                check_escaped(inner);
                check_escaped(q + 2);
                Buf u;
                buf_init(&u, &a);
                html_printf(&u, "%U", v[k]);
                char *back = url_decode(&a, u.data ? u.data : "", u.len, false);
                FUZZ_CHECK(back && !strcmp(back, v[k]),
                           "URL-encoding a value and decoding it gives it back");
            }
        }
    }
    arena_free(&a);
    return 0;
}
