/* The chart stylesheet for SVG drawn outside a browser (librsvg in the PDF):
 * the chart rules of assets/kam.css with every var() resolved, since a chart
 * colours its marks through custom properties (a series class sets --c, the
 * shapes read it) and librsvg does not evaluate them. Each rule that sets
 * --c also becomes explicit fill and stroke rules for the shapes below it,
 * with the same specificity as kam.css's rules and placed after them, so
 * they win as --c would. kam.css stays the one place colours are defined. */
#include "report.h"

#include "../core/embedded.h"

#include <string.h>

typedef struct CssVar {
    const char *name, *value; /* "--ink", "#1b2430" */
} CssVar;

typedef struct Vars {
    CssVar v[96];
    int n;
} Vars;

/* The custom properties of the :root block. */
static void root_vars(Arena *a, const char *css, Vars *out)
{
    out->n = 0;
    const char *s = strstr(css, ":root");
    const char *e = s ? strchr(s, '}') : NULL;
    for (const char *p = s; p && p < e && out->n < 96; p++) {
        if (p[0] != '-' || p[1] != '-' || (p > s && p[-1] != ' ' && p[-1] != '\n')) continue;
        const char *colon = strchr(p, ':'), *semi = colon ? strchr(colon, ';') : NULL;
        if (!colon || !semi || semi > e) break;
        const char *v = colon + 1;
        while (*v == ' ') v++;
        out->v[out->n++] = (CssVar){arena_strndup(a, p, (size_t)(colon - p)),
                                    arena_strndup(a, v, (size_t)(semi - v))};
        p = semi;
    }
}

static const char *var_value(const Vars *vars, const char *name, size_t n)
{
    for (int i = 0; i < vars->n; i++)
        if (strlen(vars->v[i].name) == n && !memcmp(vars->v[i].name, name, n))
            return vars->v[i].value;
    return NULL;
}

/* Copy s[0..n) into b with var(--x[, fallback]) replaced by the :root value
 * of --x, else the resolved fallback, else nothing. */
static void resolve(Buf *b, const Vars *vars, const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        const char *v = memmem(s, (size_t)(end - s), "var(", 4);
        if (!v) {
            buf_put(b, s, (size_t)(end - s));
            return;
        }
        buf_put(b, s, (size_t)(v - s));
        const char *p = v + 4, *name = p;
        while (p < end && *p != ',' && *p != ')') p++;
        size_t nlen = (size_t)(p - name);
        const char *fb = NULL, *fbe = NULL;
        int depth = 1;
        if (p < end && *p == ',') {
            fb = p + 1;
            for (p = fb; p < end; p++) {
                if (*p == '(') depth++;
                if (*p == ')' && --depth == 0) break;
            }
            fbe = p;
        }
        const char *val = var_value(vars, name, nlen);
        if (val)
            buf_puts(b, val);
        else if (fb)
            resolve(b, vars, fb, (size_t)(fbe - fb));
        s = p < end ? p + 1 : end;
    }
}

/* Explicit rules for each selector of a rule that sets --c to value. */
static void colour_rules(Buf *b, const char *sels, size_t n, const char *value)
{
    const char *s = sels, *end = sels + n;
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *e = comma ? comma : end;
        while (s < e && (*s == ' ' || *s == '\n')) s++;
        const char *t = e;
        while (t > s && (t[-1] == ' ' || t[-1] == '\n')) t--;
        if (t - s > 7 && !memcmp(s, ".chart ", 7)) s += 7;
        if (t > s && !memmem(s, (size_t)(t - s), "swatch", 6)) {
            int len = (int)(t - s);
            buf_printf(b,
                       ".chart-svg %.*s .line,.chart-svg %.*s .area{stroke:%s}"
                       ".chart-svg %.*s .area,.chart-svg %.*s .dot,.chart-svg %.*s rect,"
                       ".chart-svg %.*s circle{fill:%s}\n",
                       len, s, len, s, value, len, s, len, s, len, s, len, s, value);
        }
        s = comma ? comma + 1 : end;
    }
}

const char *report_svg_css(Arena *a)
{
    const EmbeddedFile *f = embedded_find(kam_assets, "kam.css");
    Buf b;
    buf_init(&b, a);
    buf_puts(&b, ".chart-svg{font-family:\"DejaVu Sans\",sans-serif;font-size:12px}\n");
    if (!f) return buf_cstr(&b);
    const char *css = (const char *)f->data;
    Vars *vars = ARENA_NEW(a, Vars);
    root_vars(a, css, vars);
    const char *s = strstr(css, "/* ---- charts");
    if (!s) return buf_cstr(&b);
    const char *e = strstr(s + 4, "\n/* ---- ");
    if (!e) e = s + strlen(s);
    Buf chart;
    buf_init(&chart, a);
    resolve(&chart, vars, s, (size_t)(e - s));
    const char *rc = buf_cstr(&chart);
    buf_puts(&b, rc);
    /* rules "SELECTORS { --c: VALUE; }" */
    for (const char *p = rc; (p = strstr(p, "--c:")) != NULL; p += 4) {
        const char *open = p;
        while (open > rc && *open != '{') open--;
        const char *start = open;
        while (start > rc && start[-1] != '}' && start[-1] != '/') start--;
        const char *v = p + 4, *semi = strchr(v, ';');
        if (!semi || *open != '{') continue;
        while (*v == ' ') v++;
        colour_rules(&b, start, (size_t)(open - start), arena_strndup(a, v, (size_t)(semi - v)));
    }
    buf_puts(&b, ".chart-svg text{font-family:\"DejaVu Sans\",sans-serif}\n");
    return buf_cstr(&b);
}
