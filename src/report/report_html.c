/* The assessment report as one self-contained HTML file: the stylesheet is
 * inline (the palette and chart rules of assets/kam.css, plus the report's
 * own print-friendly layout), charts are inline SVG, there is no script and
 * nothing is fetched from anywhere. Every text goes through %h / %a. */
#include "report.h"

#include "../core/embedded.h"

#include <string.h>

/* The part of kam.css from the heading comment starting with marker to the
 * next heading comment. */
static void css_part(Buf *out, const char *css, const char *marker)
{
    const char *s = strstr(css, marker);
    if (!s) return;
    const char *e = strstr(s + strlen(marker), "\n/* ---- ");
    buf_put(out, s, e ? (size_t)(e - s) : strlen(s));
    buf_putc(out, '\n');
}

static const char kReportCss[] =
    "body{margin:0;background:#fff;color:var(--ink);font-family:var(--font);font-size:0.9375rem;"
    "line-height:1.45}\n"
    "main.report{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}\n"
    "h1{font-size:1.7rem;margin:0 0 .3em}h2{font-size:1.25rem;margin:2em 0 .6em;"
    "border-bottom:2px solid var(--accent);padding-bottom:.2em}h3{font-size:1.05rem;margin:1.4em 0 "
    ".5em}\n"
    ".lead{font-size:1.1rem;color:var(--ink-2);margin:0 0 1rem}\n"
    ".note{color:var(--muted);font-size:.875rem}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}\n"
    "dl.facts dt{font-weight:600;color:var(--ink-2)}dl.facts dd{margin:0;white-space:pre-line}\n"
    "nav.toc ol{padding-left:1.4rem}nav.toc a{color:var(--accent)}\n"
    "table{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:.875rem}\n"
    "th,td{border-bottom:1px solid var(--line);padding:.3rem "
    ".5rem;text-align:left;vertical-align:top}\n"
    "thead th{background:var(--surface-2);border-bottom:2px solid var(--line-strong)}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr.flagged td,tr.flagged th{background:var(--warn-bg)}\n"
    "ol.recs li{margin-bottom:.6rem}ol.recs p{margin:0}ol.recs .why{color:var(--muted)}\n"
    "figure.chart{margin:0 0 1rem;max-width:40rem}\n"
    ".chart-svg{width:100%;height:auto}\n"
    "footer{margin-top:3rem;color:var(--muted);font-size:.8125rem}\n"
    "@media print{main.report{max-width:none;padding:0}h2{break-after:avoid}"
    "section{break-before:page}figure.chart,tr{break-inside:avoid}.chart-data{display:none}"
    ".chart-svg{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
    "thead{display:table-header-group}@page{size:A4;margin:16mm}}\n";

static void style(Buf *out)
{
    const EmbeddedFile *f = embedded_find(kam_assets, "kam.css");
    buf_puts(out, "<style>\n");
    if (f) {
        const char *css = (const char *)f->data;
        css_part(out, css, "/* ---- palette");
        css_part(out, css, "/* ---- charts");
    }
    buf_puts(out, kReportCss);
    buf_puts(out, "</style>\n");
}

static void facts(Buf *out, const RpBlock *b)
{
    buf_puts(out, "<dl class=\"facts\">");
    for (int i = 0; i < b->nrows; i++)
        html_printf(out, "<dt>%h</dt><dd>%h</dd>", b->cells[2 * i], b->cells[2 * i + 1]);
    buf_puts(out, "</dl>\n");
}

static void table(Buf *out, const RpBlock *b)
{
    buf_puts(out, "<table><thead><tr>");
    for (int c = 0; c < b->ncols; c++)
        html_printf(out, "<th scope=\"col\"%r>%h</th>",
                    b->num_cols >> c & 1 ? " class=\"num\"" : "", b->cells[c]);
    buf_puts(out, "</tr></thead><tbody>\n");
    for (int r = 1; r < b->nrows; r++) {
        html_printf(out, "<tr%r>", b->flagged && b->flagged[r] ? " class=\"flagged\"" : "");
        for (int c = 0; c < b->ncols; c++) {
            const char *v = b->cells[r * b->ncols + c];
            if (c == 0)
                html_printf(out, "<th scope=\"row\">%h</th>", v);
            else
                html_printf(out, "<td%r>%h</td>", b->num_cols >> c & 1 ? " class=\"num\"" : "", v);
        }
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out, "</tbody></table>\n");
}

static void list(Buf *out, const RpBlock *b)
{
    buf_puts(out, "<ol class=\"recs\">\n");
    for (int i = 0; i < b->nrows; i++)
        html_printf(out, "<li><p><strong>%h</strong></p><p class=\"why\">%h</p><p>%h</p></li>\n",
                    b->cells[3 * i], b->cells[3 * i + 1], b->cells[3 * i + 2]);
    buf_puts(out, "</ol>\n");
}

void report_html(const RpDoc *d, Buf *out)
{
    html_printf(out,
                "<!DOCTYPE html>\n<html lang=\"%a\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>%h — %h</title>\n",
                lang_code(d->lang), d->title, d->subtitle);
    style(out);
    html_printf(
        out,
        "</head>\n<body>\n<main class=\"report\">\n<header><h1>%h</h1><p class=\"lead\">%h</p>",
        d->title, d->subtitle);
    int b0 = 0;
    if (d->n && d->blocks[0].kind == RP_FACTS) {
        facts(out, &d->blocks[0]);
        b0 = 1;
    }
    buf_puts(out, "</header>\n");
    const char *contents = tr(d->lang, "report.contents");
    html_printf(out, "<nav class=\"toc\" aria-label=\"%a\"><h2>%h</h2><ol>", contents, contents);
    for (int i = b0; i < d->n; i++)
        if (d->blocks[i].kind == RP_SECTION)
            html_printf(out, "<li><a href=\"#%a\">%h</a></li>", d->blocks[i].anchor,
                        d->blocks[i].text);
    buf_puts(out, "</ol></nav>\n");
    bool open = false;
    int num = 0;
    for (int i = b0; i < d->n; i++) {
        const RpBlock *b = &d->blocks[i];
        switch (b->kind) {
        case RP_SECTION:
            if (open) buf_puts(out, "</section>\n");
            open = true;
            html_printf(out, "<section id=\"%a\"><h2>%d. %h</h2>\n", b->anchor, ++num, b->text);
            break;
        case RP_SUB:
            html_printf(out, "<h3>%h</h3>\n", b->text);
            break;
        case RP_PARA:
            html_printf(out, "<p>%h</p>\n", b->text);
            break;
        case RP_NOTE:
            html_printf(out, "<p class=\"note\">%h</p>\n", b->text);
            break;
        case RP_FACTS:
            facts(out, b);
            break;
        case RP_TABLE:
            table(out, b);
            break;
        case RP_LIST:
            list(out, b);
            break;
        case RP_CHART:
            /* the chart module's figure: escaped by construction there */
            html_printf(out, "%r\n", b->figure);
            break;
        }
    }
    if (open) buf_puts(out, "</section>\n");
    Buf gen, date;
    buf_init(&gen, d->arena);
    buf_init(&date, d->arena);
    fmt_date(&date, d->lang, d->date);
    tr_fmt(&gen, d->lang, "report.generated", "version", KAM_VERSION, "date", buf_cstr(&date),
           NULL);
    html_printf(out, "<footer><p>%r</p></footer>\n</main>\n</body>\n</html>\n", buf_cstr(&gen));
}
