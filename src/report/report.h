/* Assessment reports (issue 6; FRAMEWORK.md section 3 "Output"): a round's
 * results for the whole programme, or for one account beside the
 * programme's corporate level and with the account plan, as one
 * self-contained HTML file or an A4 PDF.
 *
 * Both formats render the same document: report_build() turns the results
 * (svc/assess.h), the trend across rounds and, for an account, the account
 * plan into a list of blocks - section headings, paragraphs, tables, charts
 * (the SVG the chart module writes for the web pages) and ranked lists - so
 * the HTML and the PDF always hold the same content in the same order.
 * report_html() writes that list as HTML (inline CSS, no script, nothing
 * fetched), report_pdf() lays it out on A4 pages with cairo and pango, the
 * charts drawn from the same SVG through librsvg.
 *
 * Access is the results' own (svc/assess.h): a whole round for those who see
 * the programme, one account for those who may read it, never for customer
 * guests. Errors name the round or account at fault. */
#ifndef KAM_REPORT_H
#define KAM_REPORT_H

#include "../core/buf.h"
#include "../svc/ctx.h"
#include "../web/i18n.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum RpKind {
    RP_SECTION, /* a numbered section heading: in the table of contents */
    RP_SUB,     /* a heading inside a section */
    RP_PARA,    /* a paragraph */
    RP_NOTE,    /* a small explanatory paragraph */
    RP_FACTS,   /* label/value pairs: cells[2i], cells[2i+1] */
    RP_TABLE,   /* ncols x nrows cells row after row, the first row the header */
    RP_CHART,   /* a chart: figure (HTML) and the svg inside it */
    RP_LIST,    /* a ranked list: cells[3i] title, [3i+1] why, [3i+2] where */
} RpKind;

typedef struct RpBlock {
    RpKind kind;
    const char *text;   /* headings, paragraphs */
    const char *anchor; /* RP_SECTION: the id the contents link to */
    int ncols, nrows;   /* RP_TABLE; RP_FACTS and RP_LIST: nrows pairs / items */
    const char **cells;
    unsigned num_cols;  /* RP_TABLE: bit c set: column c holds figures */
    bool *flagged;      /* RP_TABLE: nrows entries, or NULL; row 0 the header */
    int rowcap;         /* RP_TABLE: rows allocated */
    const char *figure; /* RP_CHART: the chart module's <figure> */
    const char *svg;    /* RP_CHART: the <svg> element inside it */
    int nlegend;        /* RP_CHART: series named under the chart */
    const char **legend, **legend_cls;
} RpBlock;

typedef struct RpDoc {
    Arena *arena;
    Lang lang;
    const char *title;    /* "KAM assessment report" */
    const char *subtitle; /* "Programme" or the account's name */
    const char *date;     /* YYYY-MM-DD the report was made */
    int64_t round_id, account_id;
    RpBlock *blocks; /* blocks[0] is the title page's facts */
    int n, cap;
} RpDoc;

/* The newest round that is open or closed (KAM_ENOTFOUND naming what to do
 * when there is none). */
ErrCode report_default_round(Ctx *c, int64_t *round_id);
/* Build the report of round_id (account_id 0: the programme) in lang. */
ErrCode report_build(Ctx *c, Lang lang, int64_t round_id, int64_t account_id, RpDoc *out);
/* The file name a download or -o default uses: kam-assessment-R[-account-A]-LANG.EXT */
const char *report_filename(const RpDoc *d, const char *ext);

/* The document as one self-contained HTML file. */
void report_html(const RpDoc *d, Buf *out);
/* The document as an A4 PDF appended to out. */
ErrCode report_pdf(const RpDoc *d, Buf *out, Err *err);

/* ---- for the builders (report_blocks.c; report_int.h has the rest) ---- */
RpBlock *rp_add(RpDoc *d, RpKind kind, const char *text);
/* A table of ncols columns; rows are added with rp_row(). */
RpBlock *rp_table(RpDoc *d, int ncols, const char *const *head, unsigned num_cols);
void rp_row(RpDoc *d, RpBlock *t, bool flagged, const char *const *cells);
/* The account plan section of an account report. */
ErrCode report_plan(Ctx *c, RpDoc *d, int64_t account_id);
/* Plain text helpers in d->lang. */
const char *rp_num(RpDoc *d, double v, int decimals);
const char *rp_pct(RpDoc *d, double ratio);
const char *rp_date(RpDoc *d, const char *iso);
/* kam.css's chart rules with var() resolved, for librsvg (report_svgcss.c). */
const char *report_svg_css(Arena *a);

#endif
