/* The assessment report as an A4 PDF: cairo's PDF surface, text set by pango
 * (DejaVu Sans, wrapped), charts drawn from the chart module's SVG through
 * librsvg (vector, coloured by kam.css's rules, see report_svgcss.c).
 *
 * Two passes over the same layout code: the first measures only (on a PDF
 * surface that discards its output, so fonts measure exactly as in the
 * second) and records the page of every section and the page count; the
 * second draws, so the contents on page 1 and the "page N of M" footers
 * carry the right numbers. The contents entries and the PDF outline link to
 * named destinations at the section headings. Tables break across pages
 * and repeat their header row.
 *
 * CreationDate is the report's date (the request's day, KAM_TODAY in
 * tests) at midnight UTC rather than the clock: the same data on the same
 * day gives the same file, and the date agrees with the one on the title
 * page. */
#include "report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W    595.276 /* A4 in points */
#define PAGE_H    841.890
#define MARGIN_X  56.0
#define MARGIN_T  56.0
#define MARGIN_B  64.0 /* the footer sits in it */
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define BOTTOM    (PAGE_H - MARGIN_B)
#define CELL_PX   4.0
#define CELL_PY   2.5

typedef struct Pdf {
    const RpDoc *d;
    Arena *a;
    cairo_surface_t *surf;
    cairo_t *cr;
    PangoContext *pc;
    bool draw;
    int page, npages;
    double y;
    int *sec_page; /* per block: the page of a section heading */
    PangoFontDescription *f_body, *f_bold, *f_small, *f_table, *f_table_b, *f_h1, *f_h2, *f_h3;
    const char *svg_css;
    bool failed;
    char why[256];
} Pdf;

/* ---- text ------------------------------------------------------------------ */

static PangoLayout *layout(Pdf *p, const char *text, PangoFontDescription *font, double width,
                           PangoAlignment align)
{
    PangoLayout *l = pango_layout_new(p->pc);
    pango_layout_set_font_description(l, font);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static double layout_h(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

static double layout_w(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)w / PANGO_SCALE;
}

static void show(Pdf *p, PangoLayout *l, double x, double y, double r, double g, double b)
{
    if (!p->draw) return;
    cairo_set_source_rgb(p->cr, r, g, b);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
}

/* ---- pages ------------------------------------------------------------------- */

static void footer(Pdf *p)
{
    if (!p->draw) return;
    char n[16], m[16];
    snprintf(n, sizeof n, "%d", p->page);
    snprintf(m, sizeof m, "%d", p->npages);
    const char *txt = tr_str(p->a, p->d->lang, "report.page", "n", n, "total", m, NULL);
    PangoLayout *l = layout(p, txt, p->f_small, CONTENT_W, PANGO_ALIGN_RIGHT);
    show(p, l, MARGIN_X, PAGE_H - MARGIN_B + 24, 0.35, 0.39, 0.45);
    g_object_unref(l);
    l = layout(p, arena_printf(p->a, "%s — %s", p->d->title, p->d->subtitle), p->f_small,
               CONTENT_W * 0.7, PANGO_ALIGN_LEFT);
    show(p, l, MARGIN_X, PAGE_H - MARGIN_B + 24, 0.35, 0.39, 0.45);
    g_object_unref(l);
    cairo_set_source_rgb(p->cr, 0.76, 0.79, 0.82);
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, MARGIN_X, PAGE_H - MARGIN_B + 18);
    cairo_line_to(p->cr, PAGE_W - MARGIN_X, PAGE_H - MARGIN_B + 18);
    cairo_stroke(p->cr);
}

static void new_page(Pdf *p)
{
    footer(p);
    if (p->draw) cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN_T;
}

/* Start a new page unless h more points fit on this one. */
static void need(Pdf *p, double h)
{
    if (p->y + h > BOTTOM && p->y > MARGIN_T) new_page(p);
}

/* A block of wrapped text at the cursor (moved to the next page whole). */
static void text_block(Pdf *p, const char *text, PangoFontDescription *font, double gap_after,
                       double grey)
{
    PangoLayout *l = layout(p, text, font, CONTENT_W, PANGO_ALIGN_LEFT);
    double h = layout_h(l);
    need(p, h);
    show(p, l, MARGIN_X, p->y, grey, grey * 1.05, grey * 1.15);
    p->y += h + gap_after;
    g_object_unref(l);
}

/* ---- tables ------------------------------------------------------------------- */

/* Column widths as a browser's automatic table layout does: each column
 * between its longest word (min) and its longest cell (max); when the
 * maxima do not fit, every column gets its min plus a share of the rest in
 * proportion to (max - min). Extra room goes to the text columns. */
static void col_widths(Pdf *p, const RpBlock *b, double *w)
{
    int nc = b->ncols;
    double mx[16] = {0}, mn[16] = {0}, smax = 0, smin = 0;
    int rows = b->nrows < 300 ? b->nrows : 300;
    for (int c = 0; c < nc; c++) {
        for (int r = 0; r < rows; r++) {
            PangoFontDescription *f = r ? p->f_table : p->f_table_b;
            PangoLayout *l = layout(p, b->cells[r * nc + c], f, -1, PANGO_ALIGN_LEFT);
            double x = layout_w(l) + 2 * CELL_PX + 1;
            if (x > mx[c]) mx[c] = x;
            if (x > mn[c]) { /* the longest word can only be as wide as the cell */
                pango_layout_set_width(l, PANGO_SCALE);
                pango_layout_set_wrap(l, PANGO_WRAP_WORD);
                PangoRectangle ink, logical;
                pango_layout_get_extents(l, &ink, &logical);
                double wx = (double)logical.width / PANGO_SCALE + 2 * CELL_PX + 1;
                if (wx > mn[c]) mn[c] = wx;
            }
            g_object_unref(l);
        }
        if (mn[c] > CONTENT_W / 2) mn[c] = CONTENT_W / 2;
        if (mn[c] > mx[c]) mn[c] = mx[c];
        smax += mx[c];
        smin += mn[c];
    }
    if (smax <= CONTENT_W) {
        int ntext = 0;
        for (int c = 0; c < nc; c++) ntext += !(b->num_cols >> c & 1);
        for (int c = 0; c < nc; c++)
            w[c] = mx[c] + (ntext ? (!(b->num_cols >> c & 1) ? (CONTENT_W - smax) / ntext : 0)
                                  : (CONTENT_W - smax) / nc);
        return;
    }
    if (smin >= CONTENT_W) {
        for (int c = 0; c < nc; c++) w[c] = mn[c] / smin * CONTENT_W;
        return;
    }
    for (int c = 0; c < nc; c++)
        w[c] = mn[c] + (mx[c] - mn[c]) / (smax - smin) * (CONTENT_W - smin);
}

static void table_row(Pdf *p, const RpBlock *b, int r, const double *w);

/* One row: its cells laid out once; when it does not fit on the page, a new
 * page with the header row again; then drawn, and the cursor moved. */
static void table_row(Pdf *p, const RpBlock *b, int r, const double *w)
{
    int nc = b->ncols;
    PangoLayout *ls[16];
    double h = 0;
    for (int c = 0; c < nc; c++) {
        ls[c] = layout(p, b->cells[r * nc + c], r ? p->f_table : p->f_table_b, w[c] - 2 * CELL_PX,
                       b->num_cols >> c & 1 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        double lh = layout_h(ls[c]);
        if (lh > h) h = lh;
    }
    h += 2 * CELL_PY;
    if (r && p->y + h > BOTTOM) {
        new_page(p);
        table_row(p, b, 0, w); /* the header again */
    }
    if (p->draw) {
        cairo_t *cr = p->cr;
        bool flag = r && b->flagged && b->flagged[r];
        if (!r || flag) {
            if (!r)
                cairo_set_source_rgb(cr, 0.969, 0.973, 0.980);
            else
                cairo_set_source_rgb(cr, 1.0, 0.945, 0.8);
            cairo_rectangle(cr, MARGIN_X, p->y, CONTENT_W, h);
            cairo_fill(cr);
        }
        double x = MARGIN_X;
        for (int c = 0; c < nc; c++) {
            show(p, ls[c], x + CELL_PX, p->y + CELL_PY, 0.106, 0.141, 0.188);
            x += w[c];
        }
        cairo_set_source_rgb(cr, r ? 0.867 : 0.765, r ? 0.882 : 0.788, r ? 0.906 : 0.824);
        cairo_set_line_width(cr, r ? 0.5 : 1.0);
        cairo_move_to(cr, MARGIN_X, p->y + h);
        cairo_line_to(cr, MARGIN_X + CONTENT_W, p->y + h);
        cairo_stroke(cr);
    }
    for (int c = 0; c < nc; c++) g_object_unref(ls[c]);
    p->y += h;
}

static void table(Pdf *p, const RpBlock *b)
{
    double w[16];
    if (b->ncols > 16) return;
    col_widths(p, b, w);
    need(p, 60); /* the header and a row or two, not alone at the bottom */
    for (int r = 0; r < b->nrows; r++) table_row(p, b, r, w);
    p->y += 10;
}

/* ---- facts, lists --------------------------------------------------------------- */

static void facts(Pdf *p, const RpBlock *b)
{
    double lw = 0;
    for (int i = 0; i < b->nrows; i++) {
        PangoLayout *l = layout(p, b->cells[2 * i], p->f_bold, -1, PANGO_ALIGN_LEFT);
        if (layout_w(l) > lw) lw = layout_w(l);
        g_object_unref(l);
    }
    lw = fmin(lw + 12, CONTENT_W * 0.35);
    for (int i = 0; i < b->nrows; i++) {
        PangoLayout *k = layout(p, b->cells[2 * i], p->f_bold, lw - 8, PANGO_ALIGN_LEFT);
        PangoLayout *v =
            layout(p, b->cells[2 * i + 1], p->f_body, CONTENT_W - lw, PANGO_ALIGN_LEFT);
        double h = fmax(layout_h(k), layout_h(v));
        need(p, h);
        show(p, k, MARGIN_X, p->y, 0.24, 0.27, 0.33);
        show(p, v, MARGIN_X + lw, p->y, 0.106, 0.141, 0.188);
        p->y += h + 4;
        g_object_unref(k);
        g_object_unref(v);
    }
    p->y += 8;
}

static void list(Pdf *p, const RpBlock *b)
{
    for (int i = 0; i < b->nrows; i++) {
        PangoLayout *n =
            layout(p, arena_printf(p->a, "%d.", i + 1), p->f_bold, 22, PANGO_ALIGN_RIGHT);
        PangoLayout *t = layout(p, b->cells[3 * i], p->f_bold, CONTENT_W - 28, PANGO_ALIGN_LEFT);
        PangoLayout *y =
            layout(p, b->cells[3 * i + 1], p->f_body, CONTENT_W - 28, PANGO_ALIGN_LEFT);
        PangoLayout *w =
            layout(p, b->cells[3 * i + 2], p->f_small, CONTENT_W - 28, PANGO_ALIGN_LEFT);
        double ht = layout_h(t), hy = layout_h(y), hw = layout_h(w);
        need(p, ht + hy + hw + 2);
        show(p, n, MARGIN_X, p->y, 0.106, 0.141, 0.188);
        show(p, t, MARGIN_X + 28, p->y, 0.106, 0.141, 0.188);
        show(p, y, MARGIN_X + 28, p->y + ht + 1, 0.35, 0.39, 0.45);
        show(p, w, MARGIN_X + 28, p->y + ht + hy + 2, 0.114, 0.310, 0.569);
        p->y += ht + hy + hw + 9;
        g_object_unref(n);
        g_object_unref(t);
        g_object_unref(y);
        g_object_unref(w);
    }
    p->y += 4;
}

/* ---- charts ---------------------------------------------------------------------- */

/* The SVG with kam's chart rules as a <style> element, for librsvg. */
static const char *styled_svg(Pdf *p, const char *svg)
{
    const char *gt = strchr(svg, '>');
    if (!gt) return svg;
    return arena_printf(p->a, "%.*s<style>%s</style>%s", (int)(gt + 1 - svg), svg, p->svg_css,
                        gt + 1);
}

static void series_rgb(const char *cls, double *r, double *g, double *b)
{
    static const double c[6][3] = {{0.114, 0.310, 0.569}, {0.820, 0.439, 0.110},
                                   {0.184, 0.561, 0.357}, {0.549, 0.247, 0.569},
                                   {0.761, 0.231, 0.231}, {0.357, 0.420, 0.498}};
    int k = 0;
    if (cls && sscanf(cls, "series-%d", &k) == 1 && k >= 1 && k <= 6)
        k--;
    else
        k = 0;
    *r = c[k][0], *g = c[k][1], *b = c[k][2];
}

/* The size a chart is drawn at: its viewBox, scaled down to fit the page. */
static bool chart_size(const RpBlock *b, double *w, double *h)
{
    double vw = 0, vh = 0;
    const char *vb = b->svg ? strstr(b->svg, "viewBox=\"") : NULL;
    if (!vb || sscanf(vb + 9, "%*f %*f %lf %lf", &vw, &vh) != 2 || vw <= 0 || vh <= 0) return false;
    double legend_h = b->nlegend ? 16 : 0;
    double s = fmin(1.0, fmin(CONTENT_W / vw, (BOTTOM - MARGIN_T - 24 - legend_h) / vh));
    *w = vw * s;
    *h = vh * s;
    return true;
}

static void chart(Pdf *p, const RpBlock *b)
{
    double w, h;
    if (!chart_size(b, &w, &h)) return;
    double legend_h = b->nlegend ? 16 : 0;
    need(p, h + legend_h + 8);
    if (p->draw) {
        const char *svg = styled_svg(p, b->svg);
        GError *gerr = NULL;
        RsvgHandle *hd = rsvg_handle_new_from_data((const guint8 *)svg, strlen(svg), &gerr);
        if (hd) {
            RsvgRectangle vp = {MARGIN_X + (CONTENT_W - w) / 2, p->y, w, h};
            cairo_save(p->cr);
            if (!rsvg_handle_render_document(hd, p->cr, &vp, &gerr) && !p->failed) {
                p->failed = true;
                snprintf(p->why, sizeof p->why, "a chart could not be drawn: %s",
                         gerr ? gerr->message : "librsvg failed");
            }
            cairo_restore(p->cr);
            g_object_unref(hd);
        } else if (!p->failed) {
            p->failed = true;
            snprintf(p->why, sizeof p->why, "a chart could not be read: %s",
                     gerr ? gerr->message : "librsvg failed");
        }
        if (gerr) g_error_free(gerr);
    }
    p->y += h + 4;
    if (b->nlegend) {
        double x = MARGIN_X + 10;
        for (int i = 0; i < b->nlegend; i++) {
            PangoLayout *l = layout(p, b->legend[i], p->f_small, -1, PANGO_ALIGN_LEFT);
            if (p->draw) {
                double r, g, bl;
                series_rgb(b->legend_cls[i], &r, &g, &bl);
                cairo_set_source_rgb(p->cr, r, g, bl);
                cairo_set_line_width(p->cr, 2.5);
                if (i == 1) cairo_set_dash(p->cr, (double[]){5, 3}, 2, 0);
                if (i == 2) cairo_set_dash(p->cr, (double[]){1.5, 2}, 2, 0);
                cairo_move_to(p->cr, x, p->y + 6);
                cairo_line_to(p->cr, x + 18, p->y + 6);
                cairo_stroke(p->cr);
                cairo_set_dash(p->cr, NULL, 0, 0);
            }
            show(p, l, x + 22, p->y, 0.24, 0.27, 0.33);
            x += 22 + layout_w(l) + 16;
            g_object_unref(l);
        }
        p->y += legend_h;
    }
    p->y += 8;
}

/* ---- the document ------------------------------------------------------------------- */

/* Room for what follows a heading at block i: its notes and paragraphs,
 * and the first chart (whole) or table (a few rows). */
static double keep_with(Pdf *p, int i)
{
    double h = 0;
    for (int k = i + 1; k < p->d->n; k++) {
        const RpBlock *b = &p->d->blocks[k];
        if (b->kind == RP_NOTE || b->kind == RP_PARA) {
            PangoLayout *l = layout(p, b->text, b->kind == RP_NOTE ? p->f_small : p->f_body,
                                    CONTENT_W, PANGO_ALIGN_LEFT);
            h += layout_h(l) + 8;
            g_object_unref(l);
            continue;
        }
        double w, ch;
        if (b->kind == RP_CHART && chart_size(b, &w, &ch))
            h += ch + (b->nlegend ? 16 : 0);
        else
            h += 60;
        break;
    }
    return fmin(h, BOTTOM - MARGIN_T - 60);
}

static void heading(Pdf *p, int i, int num, const RpBlock *b)
{
    const char *t = arena_printf(p->a, "%d. %s", num, b->text);
    PangoLayout *l = layout(p, t, p->f_h2, CONTENT_W, PANGO_ALIGN_LEFT);
    double h = layout_h(l);
    need(p, h + 12 + keep_with(p, i)); /* the heading stays with what follows */
    p->sec_page[i] = p->page;
    p->y += 6;
    if (p->draw) {
        cairo_tag_begin(p->cr, CAIRO_TAG_DEST, arena_printf(p->a, "name='%s'", b->anchor));
        show(p, l, MARGIN_X, p->y, 0.106, 0.141, 0.188);
        cairo_tag_end(p->cr, CAIRO_TAG_DEST);
        cairo_pdf_surface_add_outline(p->surf, CAIRO_PDF_OUTLINE_ROOT, t,
                                      arena_printf(p->a, "dest='%s'", b->anchor), 0);
        cairo_set_source_rgb(p->cr, 0.114, 0.310, 0.569);
        cairo_set_line_width(p->cr, 1.5);
        cairo_move_to(p->cr, MARGIN_X, p->y + h + 3);
        cairo_line_to(p->cr, MARGIN_X + CONTENT_W, p->y + h + 3);
        cairo_stroke(p->cr);
    }
    p->y += h + 12;
    g_object_unref(l);
}

/* Page 1: title, the round's facts and the contents with page numbers. */
static int title_page(Pdf *p)
{
    const RpDoc *d = p->d;
    p->y = MARGIN_T + 40;
    text_block(p, d->title, p->f_h1, 6, 0.106);
    text_block(p, d->subtitle, p->f_h3, 24, 0.24);
    int b0 = 0;
    if (d->n && d->blocks[0].kind == RP_FACTS) {
        facts(p, &d->blocks[0]);
        b0 = 1;
    }
    p->y += 16;
    text_block(p, tr(d->lang, "report.contents"), p->f_h2, 10, 0.106);
    int num = 0;
    for (int i = b0; i < d->n; i++) {
        if (d->blocks[i].kind != RP_SECTION) continue;
        const RpBlock *b = &d->blocks[i];
        PangoLayout *t = layout(p, arena_printf(p->a, "%d. %s", ++num, b->text), p->f_body,
                                CONTENT_W - 40, PANGO_ALIGN_LEFT);
        PangoLayout *n =
            layout(p, arena_printf(p->a, "%d", p->sec_page[i]), p->f_body, 40, PANGO_ALIGN_RIGHT);
        double h = layout_h(t);
        need(p, h);
        if (p->draw) {
            cairo_tag_begin(p->cr, CAIRO_TAG_LINK, arena_printf(p->a, "dest='%s'", b->anchor));
            show(p, t, MARGIN_X, p->y, 0.114, 0.310, 0.569);
            show(p, n, MARGIN_X + CONTENT_W - 40, p->y, 0.106, 0.141, 0.188);
            cairo_tag_end(p->cr, CAIRO_TAG_LINK);
        }
        p->y += h + 5;
        g_object_unref(t);
        g_object_unref(n);
    }
    return b0;
}

static void run(Pdf *p)
{
    const RpDoc *d = p->d;
    p->page = 1;
    int b0 = title_page(p);
    new_page(p);
    int num = 0;
    for (int i = b0; i < d->n; i++) {
        const RpBlock *b = &d->blocks[i];
        switch (b->kind) {
        case RP_SECTION:
            heading(p, i, ++num, b);
            break;
        case RP_SUB:
            need(p, 24 + keep_with(p, i));
            text_block(p, b->text, p->f_h3, 6, 0.106);
            break;
        case RP_PARA:
            text_block(p, b->text, p->f_body, 8, 0.106);
            break;
        case RP_NOTE:
            text_block(p, b->text, p->f_small, 8, 0.35);
            break;
        case RP_FACTS:
            facts(p, b);
            break;
        case RP_TABLE:
            table(p, b);
            break;
        case RP_LIST:
            list(p, b);
            break;
        case RP_CHART:
            chart(p, b);
            break;
        }
    }
    footer(p);
    if (p->draw) cairo_show_page(p->cr);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    if (closure) buf_put(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* Set up the surface, context and fonts for one pass (out NULL: measure). */
static void pass_open(Pdf *p, Buf *out)
{
    p->surf = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
    p->cr = cairo_create(p->surf);
    p->pc = pango_cairo_create_context(p->cr);
    pango_cairo_context_set_resolution(p->pc, 72); /* font sizes in points */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(p->pc, fo);
    cairo_font_options_destroy(fo);
    p->draw = out != NULL;
}

static void pass_close(Pdf *p)
{
    g_object_unref(p->pc);
    cairo_destroy(p->cr);
    cairo_surface_finish(p->surf);
    cairo_surface_destroy(p->surf);
}

ErrCode report_pdf(const RpDoc *d, Buf *out, Err *err)
{
    Pdf p = {.d = d, .a = d->arena};
    p.sec_page = ARENA_ARRAY(d->arena, int, d->n + 1);
    p.svg_css = report_svg_css(d->arena);
    p.f_body = pango_font_description_from_string("DejaVu Sans 9.5");
    p.f_bold = pango_font_description_from_string("DejaVu Sans Bold 9.5");
    p.f_small = pango_font_description_from_string("DejaVu Sans 8");
    p.f_table = pango_font_description_from_string("DejaVu Sans 8");
    p.f_table_b = pango_font_description_from_string("DejaVu Sans Bold 8");
    p.f_h1 = pango_font_description_from_string("DejaVu Sans Bold 22");
    p.f_h2 = pango_font_description_from_string("DejaVu Sans Bold 14");
    p.f_h3 = pango_font_description_from_string("DejaVu Sans Bold 11");

    pass_open(&p, NULL); /* measure: pages of the sections, page count */
    run(&p);
    pass_close(&p);
    p.npages = p.page;

    pass_open(&p, out);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_TITLE,
                                   arena_printf(d->arena, "%s — %s", d->title, d->subtitle));
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR, "kam " KAM_VERSION);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                   arena_printf(d->arena, "%sT00:00:00Z", d->date));
    run(&p);
    cairo_status_t st = cairo_status(p.cr);
    pass_close(&p);

    PangoFontDescription *fonts[] = {p.f_body,    p.f_bold, p.f_small, p.f_table,
                                     p.f_table_b, p.f_h1,   p.f_h2,    p.f_h3};
    for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++) pango_font_description_free(fonts[i]);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_set(err, KAM_EINTERNAL, "the PDF could not be written: %s",
                       cairo_status_to_string(st));
    if (p.failed) return err_set(err, KAM_EINTERNAL, "%s", p.why);
    if (p.page != p.npages)
        return err_set(err, KAM_EINTERNAL,
                       "the PDF layout changed between passes (%d pages, then %d)", p.npages,
                       p.page);
    return KAM_OK;
}
