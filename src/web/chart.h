/* Charts as inline SVG, written into a Buf.
 *
 * Every chart is a <figure class="chart chart-KIND"> holding
 *   - an <svg role="img"> labelled by its <title> and <desc> (the desc is
 *     generated from the data when the caller gives none), sized by viewBox
 *     so it scales down on a phone, coloured only through CSS classes
 *     (series-1..6, quadrant-*, heat-1..5, target, grid …: see assets/kam.css)
 *     so print and themes work, and with no script;
 *   - a legend in HTML when there are several series;
 *   - the data as a <table> inside <details class="chart-data">, so the chart
 *     reads without the picture.
 * Every label and link is escaped by construction; classes given by the
 * caller are escaped too (several may be given, separated by spaces).
 * An empty chart writes the figure with a "no data yet" note instead.
 *
 * Inputs are plain structs, zero-initialisable: a max <= min asks for a
 * range worked out from the data (nice round bounds), a missing value is NAN.
 * The arena is scratch for the call (labels, ordering). */
#ifndef KAM_CHART_H
#define KAM_CHART_H

#include "../core/arena.h"
#include "../core/buf.h"
#include "i18n.h"

#include <stdbool.h>

/* How values are written in labels, tooltips and the table. */
typedef enum ChartFmtKind {
    CHART_NUMBER = 0, /* fmt_number with decimals */
    CHART_PERCENT,    /* values are ratios: 0.25 → 25% */
    CHART_MONEY,      /* fmt_money with currency */
} ChartFmtKind;

typedef struct ChartFormat {
    ChartFmtKind kind;
    int decimals;         /* CHART_NUMBER and CHART_PERCENT */
    const char *currency; /* CHART_MONEY, e.g. "EUR" */
} ChartFormat;

/* What every chart has. */
typedef struct ChartBase {
    const char *id;    /* unique on the page; element ids derive from it.
                          NULL: "chart-N" with N the Buf's length (unique per page) */
    const char *title; /* required: <title> and the table caption */
    const char *desc;  /* NULL: a description generated from the data */
    Lang lang;         /* texts, numbers */
    ChartFormat fmt;   /* values */
    const char *cls;   /* extra classes on the <figure>, or NULL */
} ChartBase;

/* One series of values (radar: one per axis; line: one per x position).
 * cls NULL: "series-K" with K its 1-based position (cycling 1..6). */
typedef struct ChartSeries {
    const char *name;
    const double *values; /* NAN: no value */
    const char *cls;
} ChartSeries;

/* ---- radar: N axes (clockwise from the top), several series --------------
 * Geometry: viewBox 520×420, centre (260,210), radius 150; a value v sits at
 * 150·(v−min)/(max−min) from the centre. A series with a missing value is
 * drawn as an open line broken at the gap instead of a filled polygon. */
typedef struct RadarChart {
    ChartBase base;
    int naxes; /* at least 3 */
    const char *const *axes;
    int nseries;
    const ChartSeries *series;
    double min, max; /* e.g. 1..5 or 0..100 */
    int rings;       /* grid rings; 0: one per unit when max−min ≤ 10, else 4 */
} RadarChart;
void chart_radar(Buf *b, Arena *a, const RadarChart *c);

/* ---- bars, horizontal (default) or vertical, optional target marker ------ */
typedef struct BarItem {
    const char *label;
    double value;
    bool has_target;
    double target;
    const char *href; /* NULL: no link */
    const char *cls;  /* NULL: series-1; e.g. "status-at-risk" */
} BarItem;

/* Horizontal geometry: viewBox 600 × (34 + 28·n); bars from x=170 to x=530,
 * bar i at y = 15 + 28·i, 18 high. Vertical: viewBox 600×280, plot x 56..588,
 * y 12..240, slot (532/n) wide, bar 60% of the slot. */
typedef struct BarChart {
    ChartBase base;
    bool vertical;
    int n;
    const BarItem *items;
    double min, max;
} BarChart;
void chart_bars(Buf *b, Arena *a, const BarChart *c);

/* ---- line over a time axis, gaps for missing data, target line -----------
 * Geometry: viewBox 600×280, plot x 56..584, y 12..236; point i of n at
 * x = 56 + 528·i/(n−1). A missing value breaks the line; a point with no
 * neighbour shows as its dot only. */
typedef struct LineChart {
    ChartBase base;
    int n;                      /* points per series */
    const char *const *xlabels; /* n labels, already in the reader's language */
    int nseries;
    const ChartSeries *series;
    bool has_target; /* a constant target: one horizontal line */
    double target;
    const double *targets; /* or a target per point (NAN gaps); NULL: none */
    double min, max;
} LineChart;
void chart_line(Buf *b, Arena *a, const LineChart *c);

/* ---- bubble matrix: x, y, size, colour class, link; quadrants ------------
 * Geometry: viewBox 520×500, plot x 64..504 (left to right), y 456..16
 * (bottom to top); radius 4 + 24·sqrt(size / largest size). A value at or
 * above its threshold counts as high (as in svc/portfolio.h). Quadrant
 * arrays run top-left, top-right, bottom-left, bottom-right. */
typedef struct Bubble {
    const char *label;
    double x, y; /* NAN: not placed (listed in the table only) */
    double size;
    const char *cls;  /* NULL: series-1 */
    const char *href; /* NULL: no link */
} Bubble;

typedef struct BubbleChart {
    ChartBase base; /* fmt: x and y values */
    int n;
    const Bubble *items;
    const char *x_label, *y_label, *size_label;
    ChartFormat size_fmt;
    double x_min, x_max, y_min, y_max;
    bool has_thresholds;
    double x_threshold, y_threshold;
    const char *quadrant_label[4]; /* NULL entries: no label */
    const char *quadrant_cls[4];   /* e.g. "quadrant-strategic" */
} BubbleChart;
void chart_bubble(Buf *b, Arena *a, const BubbleChart *c);

/* ---- heatmap: rows × columns, value → class bucket, cell links -----------
 * Every cell shows its value as text too (colour never alone). Buckets:
 * with bounds (nbounds ascending), class heat-(1 + number of bounds ≤ v);
 * otherwise five equal steps of min..max: heat-1 … heat-5. No value:
 * heat-none. Geometry: row labels 180 wide, cells 88×28 from (180,44). */
typedef struct HeatmapChart {
    ChartBase base;
    int nrows, ncols;
    const char *const *rows;
    const char *const *cols;
    const double *values;          /* nrows·ncols, row after row; NAN empty */
    const char *const *hrefs;      /* same shape, NULL entries; or NULL */
    const char *const *row_hrefs;  /* nrows, or NULL */
    int nbounds;
    const double *bounds;
    double min, max;
} HeatmapChart;
void chart_heatmap(Buf *b, Arena *a, const HeatmapChart *c);

/* ---- sparkline: a word-sized trend, gaps for missing data ----------------
 * Only the <svg class="sparkline"> (no figure, no table): its <title> and
 * <desc> say first, last, lowest and highest value. viewBox 100×24, point i
 * at x = 2 + 96·i/(n−1), y = 22 − 20·(v−min)/(max−min). */
typedef struct SparkChart {
    ChartBase base;
    int n;
    const double *values;
    double min, max;
} SparkChart;
void chart_sparkline(Buf *b, Arena *a, const SparkChart *c);

/* ---- node-link diagram: nodes in columns, edges between them -------------
 * e.g. customer goals | our objectives | initiatives. Nodes without any edge
 * get the class "unlinked". Geometry: column k at x = 10 + 260·k, boxes
 * 200×36, the j-th node of a column at y = 36 + 48·j; an edge runs from the
 * right side of the node in the lower column to the left side of the other. */
typedef struct GraphNode {
    const char *label;
    int column;
    const char *href; /* NULL: no link */
    const char *cls;  /* NULL: none */
} GraphNode;

typedef struct GraphEdge {
    int from, to; /* node indexes; out of range edges are ignored */
} GraphEdge;

typedef struct GraphChart {
    ChartBase base;
    int ncols;
    const char *const *columns; /* column titles */
    int nnodes;
    const GraphNode *nodes;
    int nedges;
    const GraphEdge *edges;
} GraphChart;
void chart_graph(Buf *b, Arena *a, const GraphChart *c);

/* A value written the way fmt says, for the pages' own tables. */
void chart_value(Buf *b, Lang l, ChartFormat fmt, double v);

#endif
