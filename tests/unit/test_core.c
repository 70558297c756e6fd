/* Core helpers: escaping by construction, UTF-8, number and date parsing. */
#include "testutil.h"

#include "core/buf.h"
#include "core/text.h"

#include <math.h>
#include <string.h>

static void html_escapes_every_special_character(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Buf b;
    buf_init(&b, &a);
    html_printf(&b, "<p title=\"%a\">%h</p>", "a\"b'<", "<script>&'\"");
    assert_string_equal(buf_cstr(&b), "<p title=\"a&quot;b&#39;&lt;\">&lt;script&gt;&amp;&#39;&quot;</p>");
    arena_free(&a);
}

static void json_and_url_escaping(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Buf b;
    buf_init(&b, &a);
    buf_printf(&b, "%J", "a\"b\\c\n\x01");
    assert_string_equal(buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u0001\"");
    buf_reset(&b);
    buf_printf(&b, "%U", "a b&c=d/è");
    assert_string_equal(buf_cstr(&b), "a%20b%26c%3Dd%2F%C3%A8");
    arena_free(&a);
}

static void utf8_validation_finds_the_bad_byte(void **state)
{
    (void)state;
    size_t at = 0;
    assert_true(utf8_valid("caffè", strlen("caffè"), &at));
    const char bad[] = "ab\xC3\x28z";
    assert_false(utf8_valid(bad, strlen(bad), &at));
    assert_int_equal(at, 2);
    const char overlong[] = "\xC0\xAF";
    assert_false(utf8_valid(overlong, 2, &at));
    const char surrogate[] = "\xED\xA0\x80";
    assert_false(utf8_valid(surrogate, 3, &at));
    assert_int_equal(utf8_len("caffè"), 5);
}

static void numbers_parse_strictly(void **state)
{
    (void)state;
    int64_t i;
    double d;
    assert_true(parse_int64(" 42 ", &i));
    assert_int_equal(i, 42);
    assert_false(parse_int64("42x", &i));
    assert_false(parse_int64("", &i));
    assert_false(parse_int64("99999999999999999999", &i));
    assert_true(parse_double("1234.5", false, &d));
    assert_near(d, 1234.5);
    assert_true(parse_double("1.234,5", true, &d));
    assert_near(d, 1234.5);
    assert_true(parse_double("0,25", true, &d));
    assert_near(d, 0.25);
    assert_false(parse_double("abc", false, &d));
    assert_false(parse_double("nan", false, &d));
    assert_false(parse_double("1e999", false, &d));
}

static void dates_are_checked_and_counted(void **state)
{
    (void)state;
    assert_true(date_valid("2024-02-29"));
    assert_false(date_valid("2023-02-29"));
    assert_false(date_valid("2023-13-01"));
    assert_false(date_valid("2023-1-01"));
    assert_true(month_valid("2026-11"));
    assert_false(month_valid("2026-00"));
    /* 1970-01-01 is day 0; 2000-03-01 is 11017 days later (30 years incl. 7 leap days + Jan + Feb 2000). */
    assert_int_equal(date_days("1970-01-01"), 0);
    assert_int_equal(date_days("2000-03-01"), 11017);
    char out[11];
    date_from_days(11017, out);
    assert_string_equal(out, "2000-03-01");
    char ym[8];
    month_add("2026-11", 3, ym);
    assert_string_equal(ym, "2027-02");
    month_add("2026-01", -1, ym);
    assert_string_equal(ym, "2025-12");
    month_add("2026-01", -13, ym);
    assert_string_equal(ym, "2024-12");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_escapes_every_special_character),
        cmocka_unit_test(json_and_url_escaping),
        cmocka_unit_test(utf8_validation_finds_the_bad_byte),
        cmocka_unit_test(numbers_parse_strictly),
        cmocka_unit_test(dates_are_checked_and_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
