/* Inline SVG charts (see chart.h). Geometry constants are named per chart;
 * the unit tests check coordinates worked out by hand from them. */
#include "chart.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ----------------------------------------------------------- */

/* Coordinate: one decimal, trailing ".0" and "-0" dropped. */
static void put_coord(Buf *b, double v)
{
    if (!isfinite(v)) v = 0;
    char s[48];
    snprintf(s, sizeof s, "%.1f", v);
    size_t n = strlen(s);
    if (n >= 2 && s[n - 2] == '.' && s[n - 1] == '0') s[n -= 2] = 0;
    buf_puts(b, strcmp(s, "-0") == 0 ? "0" : s);
}

/* The SVG writer: a printf whose conversions are
 *   %f  a coordinate (double)       %d  an int
 *   %h  text, HTML-escaped (NULL → nothing; good for attributes too)
 *   %r  raw markup produced by this file
 *   %%  a percent sign
 * so text reaches the output only escaped. */
static void svgf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        buf_put(b, run, (size_t)(p - run));
        switch (*++p) {
        case 'f': put_coord(b, va_arg(ap, double)); break;
        case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
        case 'h': buf_html(b, va_arg(ap, const char *)); break;
        case 'r': buf_puts(b, va_arg(ap, const char *)); break;
        case '%': buf_putc(b, '%'); break;
        default: abort(); /* a bug in this file */
        }
        run = p + 1;
    }
    buf_puts(b, run);
    va_end(ap);
}

void chart_value(Buf *b, Lang l, ChartFormat fmt, double v)
{
    if (!isfinite(v)) {
        buf_puts(b, "—");
        return;
    }
    switch (fmt.kind) {
    case CHART_PERCENT: fmt_percent(b, l, v, fmt.decimals); break;
    case CHART_MONEY: fmt_money(b, l, v, fmt.currency); break;
    default: fmt_number(b, l, v, fmt.decimals); break;
    }
}

/* A value as a string in the arena. */
static const char *val(Arena *a, const ChartBase *c, ChartFormat fmt, double v)
{
    Buf t;
    buf_init(&t, a);
    chart_value(&t, c->lang, fmt, v);
    return buf_cstr(&t);
}

static const char *ival(Arena *a, int n) { return arena_printf(a, "%d", n); }

/* s cut to at most max code points, "…" marking a cut. */
static const char *clip(Arena *a, const char *s, int max)
{
    if (!s) return "";
    int cps = 0;
    const char *p = s, *cut = NULL;
    for (; *p; p++) {
        if (((unsigned char)*p & 0xC0) == 0x80) continue;
        if (cps == max - 1) cut = p;
        if (++cps > max) break;
    }
    if (cps <= max) return s;
    return arena_printf(a, "%.*s…", (int)(cut - s), s);
}

/* Text at (x,y) on up to two lines of at most max code points, broken at
 * the space nearest the middle; the full text as a tooltip when cut. */
static void text_lines(Buf *b, Arena *a, double x, double y, const char *anchor, const char *cls,
                       const char *s, int max)
{
    if (!s) s = "";
    const char *l1 = s, *l2 = NULL;
    size_t n = strlen(s);
    if ((int)n > max) {
        const char *best = NULL;
        for (const char *p = s; *p; p++)
            if (*p == ' ' && (!best || labs((long)(p - s) - (long)n / 2) <
                                           labs((long)(best - s) - (long)n / 2)))
                best = p;
        if (best) {
            l1 = arena_strndup(a, s, (size_t)(best - s));
            l2 = best + 1;
        }
    }
    const char *c1 = clip(a, l1, max), *c2 = l2 ? clip(a, l2, max) : NULL;
    svgf(b, "<text x=\"%f\" y=\"%f\" text-anchor=\"%r\" class=\"%h\">", x, y, anchor, cls);
    if (c1 != l1 || (c2 && c2 != l2)) svgf(b, "<title>%h</title>", s);
    if (!c2) svgf(b, "%h</text>", c1);
    else
        svgf(b, "<tspan x=\"%f\" dy=\"-0.6em\">%h</tspan><tspan x=\"%f\" dy=\"1.2em\">%h</tspan></text>",
             x, c1, x, c2);
}

/* The id of the chart: the caller's or one unique within this Buf. */
static const char *chart_id(Buf *b, Arena *a, const ChartBase *c)
{
    return c->id ? c->id : arena_printf(a, "chart-%zu", b->len);
}

static void figure_open(Buf *b, const char *kind, const ChartBase *c, const char *id)
{
    svgf(b, "<figure class=\"chart chart-%r%r%h\" id=\"%h\">", kind, c->cls ? " " : "",
         c->cls ? c->cls : "", id);
}

/* <svg> with its title and description. A picture is role="img", which
 * hides its inside from assistive technology; a chart whose marks are links
 * is role="group" instead, so the links stay reachable (an interactive
 * element inside role="img" is an accessibility error). */
static void svg_open(Buf *b, const char *id, double w, double h, const char *cls, const char *title,
                     const char *desc, bool links)
{
    svgf(b,
         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %f %f\" width=\"%f\" "
         "height=\"%f\" class=\"%r\" role=\"%r\" aria-labelledby=\"%h-t %h-d\">"
         "<title id=\"%h-t\">%h</title><desc id=\"%h-d\">%h</desc>",
         w, h, w, h, cls, links ? "group" : "img", id, id, id, title, id, desc);
}

/* Whether any of n strings, stride bytes apart from first, is set. */
static bool any_link(const void *first, int n, size_t stride)
{
    for (int i = 0; first && i < n; i++)
        if (*(const char *const *)((const char *)first + (size_t)i * stride)) return true;
    return false;
}

static void empty_chart(Buf *b, const char *kind, const ChartBase *c, const char *id)
{
    figure_open(b, kind, c, id);
    svgf(b, "<figcaption>%h</figcaption><p class=\"chart-empty\">%h</p></figure>", c->title,
         tr(c->lang, "chart.no_data"));
}

static void table_open(Buf *b, const ChartBase *c)
{
    svgf(b, "<details class=\"chart-data\"><summary>%h</summary><div class=\"table-scroll\">"
            "<table><caption>%h</caption>",
         tr(c->lang, "chart.data"), c->title);
}

static void table_close(Buf *b) { buf_puts(b, "</table></div></details>"); }

/* The class of series i: its own, else series-1..6 in turn. */
static const char *series_cls(Arena *a, const ChartSeries *s, int i)
{
    return s->cls ? s->cls : arena_printf(a, "series-%d", i % 6 + 1);
}

static void legend(Buf *b, Arena *a, int n, const ChartSeries *s)
{
    buf_puts(b, "<ul class=\"chart-legend\">");
    for (int i = 0; i < n; i++)
        svgf(b, "<li><span class=\"swatch %h\" aria-hidden=\"true\"></span>%h</li>",
             series_cls(a, &s[i], i), s[i].name);
    buf_puts(b, "</ul>");
}

/* ---- scales ------------------------------------------------------------ */

/* A round step (1, 2 or 5 × 10^k) cutting range into about `parts` parts. */
static double nice_step(double range, int parts)
{
    if (!(range > 0)) return 1;
    double raw = range / parts, mag = pow(10, floor(log10(raw))), norm = raw / mag;
    return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

/* Resolve an automatic range (max <= min) from the data in [lo, hi]: zero
 * included, bounds rounded out to a nice step. */
static void auto_range(double *min, double *max, double lo, double hi)
{
    if (*max > *min) return;
    if (!isfinite(lo) || !isfinite(hi)) lo = hi = 0;
    if (lo > 0) lo = 0;
    if (hi < 0) hi = 0;
    if (hi == lo) hi = lo + 1;
    double step = nice_step(hi - lo, 5);
    *min = floor(lo / step) * step;
    *max = ceil(hi / step) * step;
}

/* Grow [lo, hi] to take v (NAN ignored). */
static void extend(double *lo, double *hi, double v)
{
    if (!isfinite(v)) return;
    if (!isfinite(*lo) || v < *lo) *lo = v;
    if (!isfinite(*hi) || v > *hi) *hi = v;
}

/* Position of v on a scale mapping [min, max] onto [p0, p1], clamped. */
static double scale(double v, double min, double max, double p0, double p1)
{
    double t = (v - min) / (max - min);
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    return p0 + t * (p1 - p0);
}

/* ---- radar ------------------------------------------------------------- */

enum { RADAR_W = 520, RADAR_H = 420, RADAR_CX = 260, RADAR_CY = 210, RADAR_R = 150 };

static void radar_point(int i, int n, double r, double *x, double *y)
{
    double ang = -M_PI / 2 + 2 * M_PI * i / n;
    *x = RADAR_CX + r * cos(ang);
    *y = RADAR_CY + r * sin(ang);
    if (fabs(*x - round(*x)) < 1e-9) *x = round(*x);
    if (fabs(*y - round(*y)) < 1e-9) *y = round(*y);
}

void chart_radar(Buf *b, Arena *a, const RadarChart *c)
{
    const ChartBase *cb = &c->base;
    const char *id = chart_id(b, a, cb);
    int n = c->naxes;
    if (n < 3 || c->nseries < 1) {
        empty_chart(b, "radar", cb, id);
        return;
    }
    double min = c->min, max = c->max;
    if (max <= min) {
        double lo = NAN, hi = NAN;
        for (int s = 0; s < c->nseries; s++)
            for (int i = 0; i < n; i++) extend(&lo, &hi, c->series[s].values[i]);
        auto_range(&min, &max, lo, hi);
    }
    int rings = c->rings > 0 ? c->rings
                : (max - min <= 10 && max - min == floor(max - min)) ? (int)(max - min)
                                                                      : 4;
    if (rings < 1) rings = 1;
    const char *desc = cb->desc ? cb->desc
                                : tr_str(a, cb->lang, "chart.radar.desc", "axes", ival(a, n),
                                         "series", ival(a, c->nseries), "min",
                                         val(a, cb, cb->fmt, min), "max", val(a, cb, cb->fmt, max),
                                         NULL);
    figure_open(b, "radar", cb, id);
    svg_open(b, id, RADAR_W, RADAR_H, "chart-svg", cb->title, desc, false);

    /* grid rings, axes, ring values along axis 0 */
    buf_puts(b, "<g class=\"grid\">");
    for (int k = 1; k <= rings; k++) {
        buf_puts(b, "<polygon points=\"");
        for (int i = 0; i < n; i++) {
            double x, y;
            radar_point(i, n, RADAR_R * k / rings, &x, &y);
            svgf(b, "%r%f,%f", i ? " " : "", x, y);
        }
        buf_puts(b, "\"/>");
    }
    for (int i = 0; i < n; i++) {
        double x, y;
        radar_point(i, n, RADAR_R, &x, &y);
        svgf(b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%f\" y2=\"%f\"/>", RADAR_CX,
             RADAR_CY, x, y);
    }
    buf_puts(b, "</g><g class=\"ticks\" aria-hidden=\"true\">");
    for (int k = 0; k <= rings; k++) {
        double v = min + (max - min) * k / rings;
        svgf(b, "<text x=\"%d\" y=\"%f\" class=\"tick\">%h</text>", RADAR_CX + 4,
             RADAR_CY - (double)RADAR_R * k / rings - 2, val(a, cb, cb->fmt, v));
    }
    buf_puts(b, "</g><g class=\"labels\">");
    for (int i = 0; i < n; i++) {
        double x, y;
        radar_point(i, n, RADAR_R + 14, &x, &y);
        double dx = x - RADAR_CX, dy = y - RADAR_CY;
        const char *anchor = fabs(dx) < 10 ? "middle" : dx > 0 ? "start" : "end";
        double ty = dy < -RADAR_R ? y - 6 : dy > RADAR_R ? y + 14 : y + 4;
        text_lines(b, a, x, ty, anchor, "axis-label", c->axes[i], 16);
    }
    buf_puts(b, "</g>");

    /* series: a filled polygon when complete, else an open line with gaps */
    for (int s = 0; s < c->nseries; s++) {
        const ChartSeries *se = &c->series[s];
        bool complete = true;
        for (int i = 0; i < n; i++) complete = complete && isfinite(se->values[i]);
        svgf(b, "<g class=\"series %h\">", series_cls(a, se, s));
        double *px = ARENA_ARRAY(a, double, n), *py = ARENA_ARRAY(a, double, n);
        for (int i = 0; i < n; i++) {
            double v = se->values[i];
            radar_point(i, n, isfinite(v) ? scale(v, min, max, 0, RADAR_R) : 0, &px[i], &py[i]);
        }
        if (complete) {
            buf_puts(b, "<polygon class=\"area\" points=\"");
            for (int i = 0; i < n; i++) svgf(b, "%r%f,%f", i ? " " : "", px[i], py[i]);
            buf_puts(b, "\"/>");
        } else {
            buf_puts(b, "<path class=\"line\" d=\"");
            for (int k = 1; k <= n; k++) {
                int i = k % n, prev = k - 1;
                if (!isfinite(se->values[i]) || !isfinite(se->values[prev])) continue;
                svgf(b, "M%f %fL%f %f", px[prev], py[prev], px[i], py[i]);
            }
            buf_puts(b, "\"/>");
        }
        for (int i = 0; i < n; i++) {
            if (!isfinite(se->values[i])) continue;
            svgf(b, "<circle class=\"dot\" cx=\"%f\" cy=\"%f\" r=\"3.5\"><title>%h – %h: %h</title></circle>",
                 px[i], py[i], se->name, c->axes[i], val(a, cb, cb->fmt, se->values[i]));
        }
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</svg>");
    if (c->nseries > 1) legend(b, a, c->nseries, c->series);

    table_open(b, cb);
    svgf(b, "<thead><tr><th scope=\"col\">%h</th>", tr(cb->lang, "chart.axis"));
    for (int s = 0; s < c->nseries; s++) svgf(b, "<th scope=\"col\">%h</th>", c->series[s].name);
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        svgf(b, "<tr><th scope=\"row\">%h</th>", c->axes[i]);
        for (int s = 0; s < c->nseries; s++)
            svgf(b, "<td class=\"num\">%h</td>", val(a, cb, cb->fmt, c->series[s].values[i]));
        buf_puts(b, "</tr>");
    }
    buf_puts(b, "</tbody>");
    table_close(b);
    buf_puts(b, "</figure>");
}

/* ---- bars -------------------------------------------------------------- */

enum {
    HBAR_W = 600, HBAR_X0 = 170, HBAR_X1 = 530, HBAR_TOP = 10, HBAR_PITCH = 28, HBAR_H = 18,
    VBAR_W = 600, VBAR_H = 280, VBAR_X0 = 56, VBAR_X1 = 588, VBAR_Y0 = 12, VBAR_Y1 = 240,
};

typedef struct TickCtx {
    double a0, a1; /* the grid line's extent across the other axis */
    bool vertical; /* grid lines are vertical (values along x) */
} TickCtx;

/* A grid line across the plot at pos and its value. */
static void tick_at(Buf *b, Arena *a, const ChartBase *c, const TickCtx *t, double v, double pos)
{
    const char *label = val(a, c, c->fmt, v);
    if (t->vertical)
        svgf(b, "<line class=\"grid\" x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\"/>"
                "<text class=\"tick\" x=\"%f\" y=\"%f\" text-anchor=\"middle\">%h</text>",
             pos, t->a0, pos, t->a1, pos, t->a1 + 14, label);
    else
        svgf(b, "<line class=\"grid\" x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\"/>"
                "<text class=\"tick\" x=\"%f\" y=\"%f\" text-anchor=\"end\">%h</text>",
             t->a0, pos, t->a1, pos, t->a0 - 6, pos + 4, label);
}

/* Grid lines at nice values from min to max. */
static void grid(Buf *b, Arena *a, const ChartBase *c, double min, double max, double p0,
                 double p1, TickCtx t)
{
    double step = nice_step(max - min, 5);
    double first = ceil(min / step - 1e-9) * step;
    buf_puts(b, "<g class=\"axis-ticks\" aria-hidden=\"true\">");
    for (int i = 0; i < 50; i++) {
        double v = first + i * step;
        if (v > max + step * 1e-9) break;
        if (fabs(v) < step * 1e-9) v = 0;
        tick_at(b, a, c, &t, v, scale(v, min, max, p0, p1));
    }
    buf_puts(b, "</g>");
}

/* "label: value (target: t)" for tooltips and the table. */
static const char *bar_text(Arena *a, const ChartBase *c, const BarItem *it)
{
    const char *v = val(a, c, c->fmt, it->value);
    if (!it->has_target) return arena_printf(a, "%s: %s", it->label ? it->label : "", v);
    return arena_printf(a, "%s: %s (%s: %s)", it->label ? it->label : "", v,
                        tr(c->lang, "chart.target"), val(a, c, c->fmt, it->target));
}

void chart_bars(Buf *b, Arena *a, const BarChart *c)
{
    const ChartBase *cb = &c->base;
    const char *id = chart_id(b, a, cb);
    if (c->n < 1) {
        empty_chart(b, "bars", cb, id);
        return;
    }
    double min = c->min, max = c->max, lo = NAN, hi = NAN;
    for (int i = 0; i < c->n; i++) {
        extend(&lo, &hi, c->items[i].value);
        if (c->items[i].has_target) extend(&lo, &hi, c->items[i].target);
    }
    auto_range(&min, &max, lo, hi);
    const char *desc = cb->desc ? cb->desc
                                : tr_str(a, cb->lang, "chart.bars.desc", "n", ival(a, c->n), "min",
                                         val(a, cb, cb->fmt, min), "max",
                                         val(a, cb, cb->fmt, max), NULL);
    double base = min > 0 ? min : max < 0 ? max : 0;
    figure_open(b, c->vertical ? "bars chart-vbars" : "bars", cb, id);
    if (!c->vertical) {
        double h = HBAR_TOP + c->n * HBAR_PITCH + 24, bottom = HBAR_TOP + c->n * HBAR_PITCH;
        svg_open(b, id, HBAR_W, h, "chart-svg", cb->title, desc,
                 any_link(c->n ? &c->items[0].href : NULL, c->n, sizeof c->items[0]));
        grid(b, a, cb, min, max, HBAR_X0, HBAR_X1,
             (TickCtx){.a0 = HBAR_TOP, .a1 = bottom, .vertical = true});
        for (int i = 0; i < c->n; i++) {
            const BarItem *it = &c->items[i];
            double y = HBAR_TOP + i * HBAR_PITCH + (HBAR_PITCH - HBAR_H) / 2.0;
            double xv = scale(isfinite(it->value) ? it->value : base, min, max, HBAR_X0, HBAR_X1);
            double xb = scale(base, min, max, HBAR_X0, HBAR_X1);
            svgf(b, "<g class=\"bar %h\">", it->cls ? it->cls : "series-1");
            if (it->href) svgf(b, "<a href=\"%h\">", it->href);
            svgf(b, "<title>%h</title>", bar_text(a, cb, it));
            text_lines(b, a, HBAR_X0 - 8, y + 13, "end", "bar-label", clip(a, it->label, 26), 26);
            svgf(b, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%d\"/>", fmin(xv, xb), y,
                 fabs(xv - xb), HBAR_H);
            svgf(b, "<text class=\"value\" x=\"%f\" y=\"%f\">%h</text>", fmax(xv, xb) + 4, y + 13,
                 val(a, cb, cb->fmt, it->value));
            if (it->has_target && isfinite(it->target)) {
                double xt = scale(it->target, min, max, HBAR_X0, HBAR_X1);
                svgf(b, "<line class=\"target\" x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\"/>", xt,
                     y - 3, xt, y + HBAR_H + 3);
            }
            if (it->href) buf_puts(b, "</a>");
            buf_puts(b, "</g>");
        }
    } else {
        svg_open(b, id, VBAR_W, VBAR_H, "chart-svg", cb->title, desc,
                 any_link(c->n ? &c->items[0].href : NULL, c->n, sizeof c->items[0]));
        grid(b, a, cb, min, max, VBAR_Y1, VBAR_Y0,
             (TickCtx){.a0 = VBAR_X0, .a1 = VBAR_X1, .vertical = false});
        double slot = (double)(VBAR_X1 - VBAR_X0) / c->n;
        int chars = (int)(slot / 7);
        if (chars < 3) chars = 3;
        for (int i = 0; i < c->n; i++) {
            const BarItem *it = &c->items[i];
            double x = VBAR_X0 + i * slot + slot * 0.2, w = slot * 0.6;
            double yv = scale(isfinite(it->value) ? it->value : base, min, max, VBAR_Y1, VBAR_Y0);
            double yb = scale(base, min, max, VBAR_Y1, VBAR_Y0);
            svgf(b, "<g class=\"bar %h\">", it->cls ? it->cls : "series-1");
            if (it->href) svgf(b, "<a href=\"%h\">", it->href);
            svgf(b, "<title>%h</title>", bar_text(a, cb, it));
            svgf(b, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\"/>", x, fmin(yv, yb), w,
                 fabs(yv - yb));
            svgf(b, "<text class=\"bar-label\" x=\"%f\" y=\"%d\" text-anchor=\"middle\">%h</text>",
                 x + w / 2, VBAR_Y1 + 16, clip(a, it->label, chars));
            if (it->has_target && isfinite(it->target)) {
                double yt = scale(it->target, min, max, VBAR_Y1, VBAR_Y0);
                svgf(b, "<line class=\"target\" x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\"/>", x - 3,
                     yt, x + w + 3, yt);
            }
            if (it->href) buf_puts(b, "</a>");
            buf_puts(b, "</g>");
        }
    }
    buf_puts(b, "</svg>");

    bool any_target = false;
    for (int i = 0; i < c->n; i++) any_target = any_target || c->items[i].has_target;
    table_open(b, cb);
    svgf(b, "<thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>",
         tr(cb->lang, "chart.item"), tr(cb->lang, "chart.value"));
    if (any_target) svgf(b, "<th scope=\"col\">%h</th>", tr(cb->lang, "chart.target"));
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < c->n; i++) {
        const BarItem *it = &c->items[i];
        buf_puts(b, "<tr><th scope=\"row\">");
        if (it->href) svgf(b, "<a href=\"%h\">%h</a>", it->href, it->label);
        else svgf(b, "%h", it->label);
        svgf(b, "</th><td class=\"num\">%h</td>", val(a, cb, cb->fmt, it->value));
        if (any_target)
            svgf(b, "<td class=\"num\">%h</td>",
                 it->has_target ? val(a, cb, cb->fmt, it->target) : "—");
        buf_puts(b, "</tr>");
    }
    buf_puts(b, "</tbody>");
    table_close(b);
    buf_puts(b, "</figure>");
}

/* ---- lines ------------------------------------------------------------- */

enum { LINE_W = 600, LINE_H = 280, LINE_X0 = 56, LINE_X1 = 584, LINE_Y0 = 12, LINE_Y1 = 236 };

/* A path through the points with a value, broken at missing ones; a point
 * without a neighbour adds nothing (its dot shows it). */
static void gap_path(Buf *b, int n, const double *xs, const double *ys, const double *vals)
{
    for (int i = 1; i < n; i++) {
        if (!isfinite(vals[i]) || !isfinite(vals[i - 1])) continue;
        if (i == 1 || !isfinite(vals[i - 2])) svgf(b, "M%f %f", xs[i - 1], ys[i - 1]);
        svgf(b, "L%f %f", xs[i], ys[i]);
    }
}

static double line_x(int i, int n)
{
    return n == 1 ? (LINE_X0 + LINE_X1) / 2.0 : LINE_X0 + (double)(LINE_X1 - LINE_X0) * i / (n - 1);
}

void chart_line(Buf *b, Arena *a, const LineChart *c)
{
    const ChartBase *cb = &c->base;
    const char *id = chart_id(b, a, cb);
    if (c->n < 1 || c->nseries < 1) {
        empty_chart(b, "line", cb, id);
        return;
    }
    int n = c->n;
    double min = c->min, max = c->max, lo = NAN, hi = NAN;
    for (int s = 0; s < c->nseries; s++)
        for (int i = 0; i < n; i++) extend(&lo, &hi, c->series[s].values[i]);
    if (c->has_target) extend(&lo, &hi, c->target);
    for (int i = 0; c->targets && i < n; i++) extend(&lo, &hi, c->targets[i]);
    auto_range(&min, &max, lo, hi);
    bool gaps = false;
    for (int s = 0; s < c->nseries; s++)
        for (int i = 0; i < n; i++) gaps = gaps || !isfinite(c->series[s].values[i]);
    const char *desc = cb->desc;
    if (!desc) {
        desc = tr_str(a, cb->lang, "chart.line.desc", "n", ival(a, n), "first",
                      c->xlabels ? c->xlabels[0] : "", "last", c->xlabels ? c->xlabels[n - 1] : "",
                      NULL);
        if (gaps) desc = arena_printf(a, "%s %s", desc, tr(cb->lang, "chart.line.gaps"));
    }
    figure_open(b, "line", cb, id);
    svg_open(b, id, LINE_W, LINE_H, "chart-svg", cb->title, desc, false);
    grid(b, a, cb, min, max, LINE_Y1, LINE_Y0,
         (TickCtx){.a0 = LINE_X0, .a1 = LINE_X1, .vertical = false});
    double *xs = ARENA_ARRAY(a, double, n), *ys = ARENA_ARRAY(a, double, n);
    for (int i = 0; i < n; i++) xs[i] = line_x(i, n);
    /* x labels, thinned to at most 12 */
    int every = (n + 11) / 12;
    buf_puts(b, "<g class=\"x-ticks\" aria-hidden=\"true\">");
    for (int i = 0; c->xlabels && i < n; i += every)
        svgf(b, "<text class=\"tick\" x=\"%f\" y=\"%d\" text-anchor=\"middle\">%h</text>", xs[i],
             LINE_Y1 + 18, clip(a, c->xlabels[i], 10));
    buf_puts(b, "</g>");
    if (c->has_target && isfinite(c->target)) {
        double yt = scale(c->target, min, max, LINE_Y1, LINE_Y0);
        svgf(b, "<g class=\"target-line\"><line class=\"target\" x1=\"%d\" y1=\"%f\" x2=\"%d\" "
                "y2=\"%f\"/><text class=\"target-label\" x=\"%d\" y=\"%f\" text-anchor=\"end\">%h"
                "</text></g>",
             LINE_X0, yt, LINE_X1, yt, LINE_X1, yt - 4, tr(cb->lang, "chart.target"));
    }
    if (c->targets) {
        for (int i = 0; i < n; i++) ys[i] = scale(c->targets[i], min, max, LINE_Y1, LINE_Y0);
        buf_puts(b, "<path class=\"target\" d=\"");
        gap_path(b, n, xs, ys, c->targets);
        buf_puts(b, "\"/>");
    }
    for (int s = 0; s < c->nseries; s++) {
        const ChartSeries *se = &c->series[s];
        for (int i = 0; i < n; i++) ys[i] = scale(se->values[i], min, max, LINE_Y1, LINE_Y0);
        svgf(b, "<g class=\"series %h\"><path class=\"line\" d=\"", series_cls(a, se, s));
        gap_path(b, n, xs, ys, se->values);
        buf_puts(b, "\"/>");
        for (int i = 0; i < n; i++) {
            if (!isfinite(se->values[i])) continue;
            svgf(b, "<circle class=\"dot\" cx=\"%f\" cy=\"%f\" r=\"3\"><title>%h%r%h: %h"
                    "</title></circle>",
                 xs[i], ys[i], c->nseries > 1 ? se->name : "", c->nseries > 1 ? " – " : "",
                 c->xlabels ? c->xlabels[i] : ival(a, i + 1), val(a, cb, cb->fmt, se->values[i]));
        }
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</svg>");
    if (c->nseries > 1) legend(b, a, c->nseries, c->series);

    table_open(b, cb);
    buf_puts(b, "<thead><tr><td></td>");
    for (int s = 0; s < c->nseries; s++) svgf(b, "<th scope=\"col\">%h</th>", c->series[s].name);
    if (c->has_target || c->targets)
        svgf(b, "<th scope=\"col\">%h</th>", tr(cb->lang, "chart.target"));
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        svgf(b, "<tr><th scope=\"row\">%h</th>", c->xlabels ? c->xlabels[i] : ival(a, i + 1));
        for (int s = 0; s < c->nseries; s++)
            svgf(b, "<td class=\"num\">%h</td>", val(a, cb, cb->fmt, c->series[s].values[i]));
        if (c->has_target || c->targets)
            svgf(b, "<td class=\"num\">%h</td>",
                 val(a, cb, cb->fmt, c->targets ? c->targets[i] : c->target));
        buf_puts(b, "</tr>");
    }
    buf_puts(b, "</tbody>");
    table_close(b);
    buf_puts(b, "</figure>");
}

/* ---- sparkline --------------------------------------------------------- */

enum { SPARK_W = 100, SPARK_H = 24 };

void chart_sparkline(Buf *b, Arena *a, const SparkChart *c)
{
    const ChartBase *cb = &c->base;
    const char *id = chart_id(b, a, cb);
    int n = c->n;
    double lo = NAN, hi = NAN, first = NAN, last = NAN;
    for (int i = 0; i < n; i++) {
        extend(&lo, &hi, c->values[i]);
        if (isfinite(c->values[i])) {
            if (!isfinite(first)) first = c->values[i];
            last = c->values[i];
        }
    }
    const char *desc = cb->desc;
    if (!desc)
        desc = isfinite(first) ? tr_str(a, cb->lang, "chart.spark.desc", "first",
                                        val(a, cb, cb->fmt, first), "last", val(a, cb, cb->fmt, last),
                                        "min", val(a, cb, cb->fmt, lo), "max",
                                        val(a, cb, cb->fmt, hi), NULL)
                               : tr(cb->lang, "chart.no_data");
    double min = c->min, max = c->max;
    if (max <= min) min = lo, max = hi;
    svg_open(b, id, SPARK_W, SPARK_H, "sparkline", cb->title, desc, false);
    double *xs = ARENA_ARRAY(a, double, n > 0 ? n : 1), *ys = ARENA_ARRAY(a, double, n > 0 ? n : 1);
    int lasti = -1;
    for (int i = 0; i < n; i++) {
        xs[i] = n == 1 ? SPARK_W / 2.0 : 2 + 96.0 * i / (n - 1);
        ys[i] = max > min ? scale(c->values[i], min, max, 22, 2) : SPARK_H / 2.0;
        if (isfinite(c->values[i])) lasti = i;
    }
    buf_puts(b, "<path class=\"line\" d=\"");
    gap_path(b, n, xs, ys, c->values);
    buf_puts(b, "\"/>");
    if (lasti >= 0) svgf(b, "<circle class=\"dot\" cx=\"%f\" cy=\"%f\" r=\"2\"/>", xs[lasti], ys[lasti]);
    buf_puts(b, "</svg>");
}

/* ---- bubble matrix ----------------------------------------------------- */

enum { BUB_W = 520, BUB_H = 500, BUB_X0 = 64, BUB_X1 = 504, BUB_Y0 = 16, BUB_Y1 = 456 };

static double bubble_r(const Bubble *it, double smax)
{
    if (!(it->size > 0) || !(smax > 0)) return 4;
    return 4 + 24 * sqrt(it->size / smax);
}

/* Quadrant index of a placed item: 0 top-left … 3 bottom-right. */
static int quadrant_of(const BubbleChart *c, const Bubble *it)
{
    bool right = it->x >= c->x_threshold, top = it->y >= c->y_threshold;
    return (top ? 0 : 2) + (right ? 1 : 0);
}

static void bubble_grid(Buf *b, Arena *a, const BubbleChart *c, double xmin, double xmax,
                        double ymin, double ymax)
{
    const ChartBase *cb = &c->base;
    grid(b, a, cb, ymin, ymax, BUB_Y1, BUB_Y0,
         (TickCtx){.a0 = BUB_X0, .a1 = BUB_X1, .vertical = false});
    grid(b, a, cb, xmin, xmax, BUB_X0, BUB_X1,
         (TickCtx){.a0 = BUB_Y0, .a1 = BUB_Y1, .vertical = true});
    svgf(b, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", BUB_X0, BUB_Y0,
         BUB_X1 - BUB_X0, BUB_Y1 - BUB_Y0);
    svgf(b, "<text class=\"axis-title\" x=\"%f\" y=\"%d\" text-anchor=\"middle\">%h</text>",
         (BUB_X0 + BUB_X1) / 2.0, BUB_H - 6, c->x_label);
    svgf(b, "<text class=\"axis-title\" x=\"14\" y=\"%f\" text-anchor=\"middle\" "
            "transform=\"rotate(-90 14 %f)\">%h</text>",
         (BUB_Y0 + BUB_Y1) / 2.0, (BUB_Y0 + BUB_Y1) / 2.0, c->y_label);
}

void chart_bubble(Buf *b, Arena *a, const BubbleChart *c)
{
    const ChartBase *cb = &c->base;
    const char *id = chart_id(b, a, cb);
    if (c->n < 1) {
        empty_chart(b, "bubble", cb, id);
        return;
    }
    double xmin = c->x_min, xmax = c->x_max, ymin = c->y_min, ymax = c->y_max;
    double xl = NAN, xh = NAN, yl = NAN, yh = NAN, smax = 0;
    for (int i = 0; i < c->n; i++) {
        extend(&xl, &xh, c->items[i].x);
        extend(&yl, &yh, c->items[i].y);
        if (c->items[i].size > smax) smax = c->items[i].size;
    }
    auto_range(&xmin, &xmax, xl, xh);
    auto_range(&ymin, &ymax, yl, yh);
    const char *desc = cb->desc ? cb->desc
                                : tr_str(a, cb->lang, "chart.bubble.desc", "n", ival(a, c->n), "x",
                                         c->x_label, "y", c->y_label, "size",
                                         c->size_label ? c->size_label : "", NULL);
    figure_open(b, "bubble", cb, id);
    svg_open(b, id, BUB_W, BUB_H, "chart-svg", cb->title, desc,
             any_link(c->n ? &c->items[0].href : NULL, c->n, sizeof c->items[0]));
    double tx = c->has_thresholds ? scale(c->x_threshold, xmin, xmax, BUB_X0, BUB_X1) : 0;
    double ty = c->has_thresholds ? scale(c->y_threshold, ymin, ymax, BUB_Y1, BUB_Y0) : 0;
    if (c->has_thresholds) {
        /* quadrant backgrounds, then labels in their outer corners */
        const double qx[4] = {BUB_X0, tx, BUB_X0, tx}, qy[4] = {BUB_Y0, BUB_Y0, ty, ty};
        const double qw[4] = {tx - BUB_X0, BUB_X1 - tx, tx - BUB_X0, BUB_X1 - tx};
        const double qh[4] = {ty - BUB_Y0, ty - BUB_Y0, BUB_Y1 - ty, BUB_Y1 - ty};
        for (int q = 0; q < 4; q++)
            svgf(b, "<rect class=\"quadrant %h\" x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\"/>",
                 c->quadrant_cls[q] ? c->quadrant_cls[q] : "", qx[q], qy[q], qw[q], qh[q]);
    }
    bubble_grid(b, a, c, xmin, xmax, ymin, ymax);
    if (c->has_thresholds) {
        svgf(b, "<line class=\"threshold\" x1=\"%f\" y1=\"%d\" x2=\"%f\" y2=\"%d\"/>", tx, BUB_Y0,
             tx, BUB_Y1);
        svgf(b, "<line class=\"threshold\" x1=\"%d\" y1=\"%f\" x2=\"%d\" y2=\"%f\"/>", BUB_X0, ty,
             BUB_X1, ty);
        const double lx[4] = {BUB_X0 + 6, BUB_X1 - 6, BUB_X0 + 6, BUB_X1 - 6};
        const double ly[4] = {BUB_Y0 + 16, BUB_Y0 + 16, BUB_Y1 - 8, BUB_Y1 - 8};
        for (int q = 0; q < 4; q++)
            if (c->quadrant_label[q])
                svgf(b, "<text class=\"quadrant-label\" x=\"%f\" y=\"%f\" text-anchor=\"%r\">%h</text>",
                     lx[q], ly[q], q % 2 ? "end" : "start", c->quadrant_label[q]);
    }
    /* bubbles, largest first so small ones stay visible on top */
    int *order = ARENA_ARRAY(a, int, c->n), nplaced = 0;
    for (int i = 0; i < c->n; i++)
        if (isfinite(c->items[i].x) && isfinite(c->items[i].y)) order[nplaced++] = i;
    for (int i = 1; i < nplaced; i++) /* insertion sort: stable, n is small */
        for (int k = i; k > 0 && bubble_r(&c->items[order[k]], smax) >
                                     bubble_r(&c->items[order[k - 1]], smax);
             k--) {
            int t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    buf_puts(b, "<g class=\"bubbles\">");
    for (int k = 0; k < nplaced; k++) {
        const Bubble *it = &c->items[order[k]];
        double x = scale(it->x, xmin, xmax, BUB_X0, BUB_X1);
        double y = scale(it->y, ymin, ymax, BUB_Y1, BUB_Y0), r = bubble_r(it, smax);
        svgf(b, "<g class=\"bubble %h\">", it->cls ? it->cls : "series-1");
        if (it->href) svgf(b, "<a href=\"%h\">", it->href);
        svgf(b, "<title>%h: %h %h, %h %h", it->label, c->x_label, val(a, cb, cb->fmt, it->x),
             c->y_label, val(a, cb, cb->fmt, it->y));
        if (c->size_label)
            svgf(b, ", %h %h", c->size_label, val(a, cb, c->size_fmt, it->size));
        svgf(b, "</title><circle cx=\"%f\" cy=\"%f\" r=\"%f\"/>", x, y, r);
        svgf(b, "<text class=\"bubble-label\" x=\"%f\" y=\"%f\">%h</text>", x + r + 3, y + 4,
             clip(a, it->label, 18));
        if (it->href) buf_puts(b, "</a>");
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</g></svg>");

    bool quad = c->has_thresholds && c->quadrant_label[0];
    table_open(b, cb);
    svgf(b, "<thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>",
         tr(cb->lang, "chart.item"), c->x_label, c->y_label);
    if (c->size_label) svgf(b, "<th scope=\"col\">%h</th>", c->size_label);
    if (quad) svgf(b, "<th scope=\"col\">%h</th>", tr(cb->lang, "chart.bubble.quadrant"));
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < c->n; i++) {
        const Bubble *it = &c->items[i];
        buf_puts(b, "<tr><th scope=\"row\">");
        if (it->href) svgf(b, "<a href=\"%h\">%h</a>", it->href, it->label);
        else svgf(b, "%h", it->label);
        svgf(b, "</th><td class=\"num\">%h</td><td class=\"num\">%h</td>",
             val(a, cb, cb->fmt, it->x), val(a, cb, cb->fmt, it->y));
        if (c->size_label) svgf(b, "<td class=\"num\">%h</td>", val(a, cb, c->size_fmt, it->size));
        if (quad) {
            bool placed = isfinite(it->x) && isfinite(it->y);
            const char *ql = placed ? c->quadrant_label[quadrant_of(c, it)] : NULL;
            svgf(b, "<td>%h</td>", ql ? ql : "—");
        }
        buf_puts(b, "</tr>");
    }
    buf_puts(b, "</tbody>");
    table_close(b);
    buf_puts(b, "</figure>");
}

/* ---- heatmap ----------------------------------------------------------- */

enum { HEAT_LABEL_W = 180, HEAT_TOP = 44, HEAT_CW = 88, HEAT_CH = 28 };

/* The bucket 1.. of v (see chart.h), 0 for no value. */
static int heat_bucket(const HeatmapChart *c, double min, double max, double v)
{
    if (!isfinite(v)) return 0;
    if (c->bounds && c->nbounds > 0) {
        int k = 1;
        for (int i = 0; i < c->nbounds; i++) k += c->bounds[i] <= v;
        return k;
    }
    int k = 1 + (int)floor((v - min) / (max - min) * 5);
    return k < 1 ? 1 : k > 5 ? 5 : k;
}

void chart_heatmap(Buf *b, Arena *a, const HeatmapChart *c)
{
    const ChartBase *cb = &c->base;
    const char *id = chart_id(b, a, cb);
    if (c->nrows < 1 || c->ncols < 1) {
        empty_chart(b, "heatmap", cb, id);
        return;
    }
    int nr = c->nrows, nc = c->ncols;
    double min = c->min, max = c->max, lo = NAN, hi = NAN;
    for (int i = 0; i < nr * nc; i++) extend(&lo, &hi, c->values[i]);
    if (max <= min) {
        min = isfinite(lo) ? lo : 0;
        max = isfinite(hi) && hi > min ? hi : min + 1;
    }
    const char *desc = cb->desc ? cb->desc
                                : tr_str(a, cb->lang, "chart.heatmap.desc", "rows", ival(a, nr),
                                         "cols", ival(a, nc), NULL);
    figure_open(b, "heatmap", cb, id);
    svg_open(b, id, HEAT_LABEL_W + nc * HEAT_CW + 4, HEAT_TOP + nr * HEAT_CH + 4, "chart-svg",
             cb->title, desc,
             any_link(c->hrefs, nr * nc, sizeof c->hrefs[0]) || any_link(c->row_hrefs, nr, sizeof c->row_hrefs[0]));
    buf_puts(b, "<g class=\"col-labels\">");
    for (int j = 0; j < nc; j++)
        text_lines(b, a, HEAT_LABEL_W + j * HEAT_CW + HEAT_CW / 2.0, HEAT_TOP - 10, "middle",
                   "col-label", c->cols[j], 12);
    buf_puts(b, "</g>");
    for (int i = 0; i < nr; i++) {
        double y = HEAT_TOP + i * HEAT_CH;
        buf_puts(b, "<g class=\"heat-row\">");
        if (c->row_hrefs && c->row_hrefs[i]) svgf(b, "<a href=\"%h\">", c->row_hrefs[i]);
        text_lines(b, a, HEAT_LABEL_W - 8, y + 18, "end", "row-label", clip(a, c->rows[i], 26), 26);
        if (c->row_hrefs && c->row_hrefs[i]) buf_puts(b, "</a>");
        for (int j = 0; j < nc; j++) {
            double v = c->values[i * nc + j], x = HEAT_LABEL_W + j * HEAT_CW;
            int k = heat_bucket(c, min, max, v);
            const char *href = c->hrefs ? c->hrefs[i * nc + j] : NULL;
            if (k) svgf(b, "<g class=\"cell heat-%d\">", k);
            else buf_puts(b, "<g class=\"cell heat-none\">");
            if (href) svgf(b, "<a href=\"%h\">", href);
            svgf(b, "<title>%h – %h: %h</title>", c->rows[i], c->cols[j], val(a, cb, cb->fmt, v));
            svgf(b, "<rect x=\"%f\" y=\"%f\" width=\"%d\" height=\"%d\"/>", x + 1, y + 1, HEAT_CW - 2,
                 HEAT_CH - 2);
            svgf(b, "<text x=\"%f\" y=\"%f\" text-anchor=\"middle\">%h</text>", x + HEAT_CW / 2.0,
                 y + 18, val(a, cb, cb->fmt, v));
            if (href) buf_puts(b, "</a>");
            buf_puts(b, "</g>");
        }
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</svg>");

    table_open(b, cb);
    buf_puts(b, "<thead><tr><td></td>");
    for (int j = 0; j < nc; j++) svgf(b, "<th scope=\"col\">%h</th>", c->cols[j]);
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < nr; i++) {
        buf_puts(b, "<tr><th scope=\"row\">");
        if (c->row_hrefs && c->row_hrefs[i])
            svgf(b, "<a href=\"%h\">%h</a>", c->row_hrefs[i], c->rows[i]);
        else svgf(b, "%h", c->rows[i]);
        buf_puts(b, "</th>");
        for (int j = 0; j < nc; j++) {
            const char *href = c->hrefs ? c->hrefs[i * nc + j] : NULL;
            const char *v = val(a, cb, cb->fmt, c->values[i * nc + j]);
            if (href) svgf(b, "<td class=\"num\"><a href=\"%h\">%h</a></td>", href, v);
            else svgf(b, "<td class=\"num\">%h</td>", v);
        }
        buf_puts(b, "</tr>");
    }
    buf_puts(b, "</tbody>");
    table_close(b);
    buf_puts(b, "</figure>");
}

/* ---- node-link diagram ------------------------------------------------- */

enum { GRAPH_X0 = 10, GRAPH_PITCH_X = 260, GRAPH_BW = 200, GRAPH_BH = 36, GRAPH_TOP = 36,
       GRAPH_PITCH_Y = 48 };

void chart_graph(Buf *b, Arena *a, const GraphChart *c)
{
    const ChartBase *cb = &c->base;
    const char *id = chart_id(b, a, cb);
    if (c->nnodes < 1 || c->ncols < 1) {
        empty_chart(b, "graph", cb, id);
        return;
    }
    int nn = c->nnodes, ncols = c->ncols;
    /* place nodes: column, row within the column; count links */
    int *row = ARENA_ARRAY(a, int, nn), *deg = ARENA_ARRAY(a, int, nn);
    int *fill = ARENA_ARRAY(a, int, ncols), maxrows = 0;
    for (int i = 0; i < nn; i++) {
        int col = c->nodes[i].column;
        if (col < 0 || col >= ncols) continue;
        row[i] = fill[col]++;
        if (fill[col] > maxrows) maxrows = fill[col];
    }
#define NODE_OK(k) ((k) >= 0 && (k) < nn && c->nodes[k].column >= 0 && c->nodes[k].column < ncols)
    int nedges = 0, unlinked = 0;
    for (int e = 0; e < c->nedges; e++) {
        int f = c->edges[e].from, t = c->edges[e].to;
        if (!NODE_OK(f) || !NODE_OK(t) || f == t) continue;
        deg[f]++, deg[t]++, nedges++;
    }
    int placed = 0;
    for (int i = 0; i < nn; i++)
        if (NODE_OK(i)) placed++, unlinked += deg[i] == 0;
    const char *desc = cb->desc ? cb->desc
                                : tr_str(a, cb->lang, "chart.nodes.desc", "nodes", ival(a, placed),
                                         "cols", ival(a, ncols), "edges", ival(a, nedges),
                                         "unlinked", ival(a, unlinked), NULL);
    figure_open(b, "graph", cb, id);
    svg_open(b, id, 2 * GRAPH_X0 + (ncols - 1) * GRAPH_PITCH_X + GRAPH_BW,
             GRAPH_TOP + maxrows * GRAPH_PITCH_Y + 4, "chart-svg", cb->title, desc,
             any_link(c->nnodes ? &c->nodes[0].href : NULL, c->nnodes, sizeof c->nodes[0]));
    for (int k = 0; k < ncols; k++)
        svgf(b, "<text class=\"col-title\" x=\"%f\" y=\"22\" text-anchor=\"middle\">%h</text>",
             GRAPH_X0 + k * GRAPH_PITCH_X + GRAPH_BW / 2.0,
             clip(a, c->columns ? c->columns[k] : "", 28));
    buf_puts(b, "<g class=\"edges\">");
    for (int e = 0; e < c->nedges; e++) {
        int f = c->edges[e].from, t = c->edges[e].to;
        if (!NODE_OK(f) || !NODE_OK(t) || f == t) continue;
        if (c->nodes[f].column > c->nodes[t].column) {
            int s = f;
            f = t;
            t = s;
        }
        double xf = GRAPH_X0 + c->nodes[f].column * GRAPH_PITCH_X + GRAPH_BW;
        double yf = GRAPH_TOP + row[f] * GRAPH_PITCH_Y + GRAPH_BH / 2.0;
        double yt = GRAPH_TOP + row[t] * GRAPH_PITCH_Y + GRAPH_BH / 2.0;
        if (c->nodes[f].column == c->nodes[t].column) { /* same column: a loop on the right */
            svgf(b, "<path class=\"edge\" d=\"M%f %fC%f %f %f %f %f %f\"/>", xf, yf, xf + 40, yf,
                 xf + 40, yt, xf, yt);
        } else {
            double xt = GRAPH_X0 + c->nodes[t].column * GRAPH_PITCH_X, mx = (xf + xt) / 2;
            svgf(b, "<path class=\"edge\" d=\"M%f %fC%f %f %f %f %f %f\"/>", xf, yf, mx, yf, mx, yt,
                 xt, yt);
        }
    }
    buf_puts(b, "</g><g class=\"nodes\">");
    for (int i = 0; i < nn; i++) {
        if (!NODE_OK(i)) continue;
        const GraphNode *nd = &c->nodes[i];
        double x = GRAPH_X0 + nd->column * GRAPH_PITCH_X, y = GRAPH_TOP + row[i] * GRAPH_PITCH_Y;
        svgf(b, "<g class=\"node%r%h%r\">", nd->cls ? " " : "", nd->cls ? nd->cls : "",
             deg[i] ? "" : " unlinked");
        if (nd->href) svgf(b, "<a href=\"%h\">", nd->href);
        svgf(b, "<title>%h</title><rect x=\"%f\" y=\"%f\" width=\"%d\" height=\"%d\" rx=\"4\"/>",
             nd->label, x, y, GRAPH_BW, GRAPH_BH);
        svgf(b, "<text x=\"%f\" y=\"%f\">%h</text>", x + 10, y + 23, clip(a, nd->label, 28));
        if (nd->href) buf_puts(b, "</a>");
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</g></svg>");

    table_open(b, cb);
    svgf(b, "<thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
            "</tr></thead><tbody>",
         tr(cb->lang, "chart.nodes.column"), tr(cb->lang, "chart.item"),
         tr(cb->lang, "chart.nodes.linked_to"));
    for (int i = 0; i < nn; i++) {
        if (!NODE_OK(i)) continue;
        const GraphNode *nd = &c->nodes[i];
        svgf(b, "<tr%r><td>%h</td><th scope=\"row\">", deg[i] ? "" : " class=\"unlinked\"",
             c->columns ? c->columns[nd->column] : "");
        if (nd->href) svgf(b, "<a href=\"%h\">%h</a>", nd->href, nd->label);
        else svgf(b, "%h", nd->label);
        buf_puts(b, "</th><td>");
        if (!deg[i]) svgf(b, "<strong>%h</strong>", tr(cb->lang, "chart.nodes.unlinked"));
        int shown = 0;
        for (int e = 0; e < c->nedges; e++) {
            int f = c->edges[e].from, t = c->edges[e].to;
            if (!NODE_OK(f) || !NODE_OK(t) || f == t || (f != i && t != i)) continue;
            svgf(b, "%r%h", shown++ ? "; " : "", c->nodes[f == i ? t : f].label);
        }
        buf_puts(b, "</td></tr>");
    }
#undef NODE_OK
    buf_puts(b, "</tbody>");
    table_close(b);
    buf_puts(b, "</figure>");
}
