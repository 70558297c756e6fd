/* Charts: coordinates worked out by hand from the geometry documented in
 * web/chart.h, a text alternative on every chart, escaping of labels, gaps
 * for missing data, and the "no data yet" note. */
#include "testutil.h"

#include "web/chart.h"

#include <math.h>
#include <string.h>

typedef struct Fixture {
    Arena arena;
    Buf buf;
} Fixture;

static int setup(void **state)
{
    static Fixture f;
    Err err;
    err_clear(&err);
    if (i18n_init(&err)) return -1;
    arena_init(&f.arena, 1 << 16);
    buf_init(&f.buf, &f.arena);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    arena_free(&((Fixture *)*state)->arena);
    return 0;
}

#define assert_has(hay, needle)                                                                                 \
    do {                                                                                                        \
        if (!strstr((hay), (needle))) fail_msg("missing %s in %s", (needle), (hay));                           \
    } while (0)

static const char *const kAxes[] = {"Strategy", "Solutions", "People", "Management", "Evaluation"};

/* Radar: centre (260,210), radius 150, scale 1..5, axis k at 72°·k clockwise
 * from the top. Strategy 5 → (260, 60). Solutions 3 → r = 150·2/4 = 75 at
 * 72°: x = 260 + 75·sin 72° = 331.33, y = 210 − 75·cos 72° = 186.82.
 * Management 4 → r = 112.5 at 216°: x = 260 − 66.13 = 193.87,
 * y = 210 + 91.01 = 301.01. People is missing: the line breaks there. */
static void radar_points_and_gap(void **state)
{
    Fixture *f = *state;
    buf_reset(&f->buf);
    double v[] = {5, 3, NAN, 4, 1};
    ChartSeries s[] = {{"Corporate", v, NULL}};
    RadarChart r = {.base = {.id = "r", .title = "Radar <x>", .lang = LANG_EN},
                    .naxes = 5, .axes = kAxes, .nseries = 1, .series = s, .min = 1, .max = 5};
    chart_radar(&f->buf, &f->arena, &r);
    const char *out = buf_cstr(&f->buf);
    assert_has(out, "<figure class=\"chart chart-radar\" id=\"r\">");
    assert_has(out, "role=\"img\" aria-labelledby=\"r-t r-d\""); /* no links: a picture */
    assert_has(out, "<title id=\"r-t\">Radar &lt;x&gt;</title>"); /* escaped */
    assert_has(out, "cx=\"260\" cy=\"60\"");
    assert_has(out, "cx=\"331.3\" cy=\"186.8\"");
    assert_has(out, "cx=\"193.9\" cy=\"301\"");
    /* open line: Strategy→Solutions, a gap, Management→Evaluation→Strategy */
    assert_has(out, "d=\"M260 60L331.3 186.8M193.9 301L260 210");
    assert_null(strstr(out, "<polygon class")); /* not filled when a value is missing */
    /* the data as a table, the missing value as a dash */
    assert_has(out, "<th scope=\"row\">People</th><td class=\"num\">—</td>");
}

/* Bars, horizontal, 0..100: bars from x=170 to 530 (360 wide); 50 → width
 * 180; target 75 → x = 170 + 270 = 440; bar i at y = 15 + 28·i. */
static void bars_width_target_link_and_italian_numbers(void **state)
{
    Fixture *f = *state;
    buf_reset(&f->buf);
    BarItem items[] = {{"A&B", 50, true, 75, "/accounts/1", NULL}, {"C", 1234.5, false, 0, NULL, "status-at-risk"}};
    BarChart c = {.base = {.id = "b", .title = "Bars", .lang = LANG_IT, .fmt = {CHART_NUMBER, 1, NULL}},
                  .n = 2, .items = items, .min = 0, .max = 100};
    items[1].value = 100;
    chart_bars(&f->buf, &f->arena, &c);
    const char *out = buf_cstr(&f->buf);
    assert_has(out, "viewBox=\"0 0 600 90\""); /* 34 + 28·2 */
    assert_has(out, "<rect x=\"170\" y=\"15\" width=\"180\" height=\"18\"/>");
    assert_has(out, "<rect x=\"170\" y=\"43\" width=\"360\" height=\"18\"/>");
    assert_has(out, "<line class=\"target\" x1=\"440\"");
    assert_has(out, "<a href=\"/accounts/1\">");
    assert_has(out, "role=\"group\""); /* links inside: not a flat picture */
    assert_has(out, "A&amp;B");
    assert_has(out, "status-at-risk");
    assert_has(out, "50,0"); /* decimal comma in Italian */
    assert_has(out, "<summary>Dati del grafico</summary>");
}

/* Line: plot x 56..584, y 12..236 over 0..10; 3 points at x = 56, 320, 584;
 * value 5 → y = 236 − 224·0.5 = 124; the target 8 → y = 236 − 179.2 = 56.8. */
static void line_points_and_target(void **state)
{
    Fixture *f = *state;
    buf_reset(&f->buf);
    const char *x[] = {"Jan", "Feb", "Mar"};
    double v[] = {0, 5, 10};
    ChartSeries s[] = {{"Revenue", v, NULL}};
    LineChart c = {.base = {.id = "l", .title = "Trend", .lang = LANG_EN}, .n = 3, .xlabels = x, .nseries = 1,
                   .series = s, .has_target = true, .target = 8, .min = 0, .max = 10};
    chart_line(&f->buf, &f->arena, &c);
    const char *out = buf_cstr(&f->buf);
    assert_has(out, "M56 236L320 124L584 12");
    assert_has(out, "y1=\"56.8\"");
}

/* Heatmap with bounds {2, 4}: 1 → heat-1, 3 → heat-2, 5 → heat-3, none →
 * heat-none; every cell shows its value as text. */
static void heatmap_buckets(void **state)
{
    Fixture *f = *state;
    buf_reset(&f->buf);
    const char *rows[] = {"Acme", "Beta"};
    const char *cols[] = {"Strategy", "People"};
    double v[] = {1, 3, 5, NAN};
    double bounds[] = {2, 4};
    HeatmapChart c = {.base = {.id = "h", .title = "Heat", .lang = LANG_EN}, .nrows = 2, .ncols = 2, .rows = rows,
                      .cols = cols, .values = v, .nbounds = 2, .bounds = bounds, .min = 1, .max = 5};
    chart_heatmap(&f->buf, &f->arena, &c);
    const char *out = buf_cstr(&f->buf);
    assert_has(out, "heat-1");
    assert_has(out, "heat-2");
    assert_has(out, "heat-3");
    assert_has(out, "heat-none");
}

/* Graph: an objective no goal links to is marked unlinked, in the picture
 * and in the table. */
static void graph_marks_unlinked_nodes(void **state)
{
    Fixture *f = *state;
    buf_reset(&f->buf);
    const char *cols[] = {"Goals", "Objectives"};
    GraphNode n[] = {{"G1", 0, NULL, NULL}, {"O1", 1, "/o/1", NULL}, {"O2", 1, NULL, NULL}};
    GraphEdge e[] = {{0, 1}, {0, 9}}; /* the second is out of range: ignored */
    GraphChart c = {.base = {.id = "g", .title = "Map", .lang = LANG_EN}, .ncols = 2, .columns = cols,
                    .nnodes = 3, .nodes = n, .nedges = 2, .edges = e};
    chart_graph(&f->buf, &f->arena, &c);
    const char *out = buf_cstr(&f->buf);
    /* G1 at (10,36), O1 at (270,36): the edge from (210,54) to (270,54) */
    assert_has(out, "d=\"M210 54C240 54 240 54 270 54\"");
    assert_has(out, "<g class=\"node unlinked\"><title>O2</title><rect x=\"270\" y=\"84\"");
    assert_has(out, "<tr class=\"unlinked\">");
    assert_null(strstr(out, "<g class=\"node unlinked\"><title>O1"));
}

/* Bubble: x 0..10 on 64..504, y 0..10 on 456..16: (5, 5) → (284, 236). */
static void bubble_position_and_quadrants(void **state)
{
    Fixture *f = *state;
    buf_reset(&f->buf);
    Bubble items[] = {{"Acme", 5, 5, 100, "stage-3", "/accounts/7"}, {"Beta", NAN, 2, 50, NULL, NULL}};
    BubbleChart c = {.base = {.id = "m", .title = "Portfolio", .lang = LANG_EN}, .n = 2, .items = items,
                     .x_label = "Strength", .y_label = "Attractiveness", .size_label = "Revenue", .x_min = 0,
                     .x_max = 10, .y_min = 0, .y_max = 10, .has_thresholds = true, .x_threshold = 5,
                     .y_threshold = 5, .quadrant_cls = {"quadrant-a", "quadrant-b", "quadrant-c", "quadrant-d"}};
    chart_bubble(&f->buf, &f->arena, &c);
    const char *out = buf_cstr(&f->buf);
    assert_has(out, "cx=\"284\" cy=\"236\" r=\"28\""); /* the largest bubble: 4 + 24 */
    assert_has(out, "/accounts/7");
    assert_has(out, "quadrant-d");
    assert_has(out, "Beta"); /* not placed, but in the table */
}

static void empty_chart_says_so(void **state)
{
    Fixture *f = *state;
    buf_reset(&f->buf);
    BarChart c = {.base = {.id = "e", .title = "Empty", .lang = LANG_IT}};
    chart_bars(&f->buf, &f->arena, &c);
    assert_string_equal(buf_cstr(&f->buf), "<figure class=\"chart chart-bars\" id=\"e\"><figcaption>Empty</figcaption>"
                                           "<p class=\"chart-empty\">Ancora nessun dato da mostrare.</p></figure>");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(radar_points_and_gap),
        cmocka_unit_test(bars_width_target_link_and_italian_numbers),
        cmocka_unit_test(line_points_and_target),
        cmocka_unit_test(heatmap_buckets),
        cmocka_unit_test(graph_marks_unlinked_nodes),
        cmocka_unit_test(bubble_position_and_quadrants),
        cmocka_unit_test(empty_chart_says_so),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
