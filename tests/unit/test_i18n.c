/* i18n: catalogue parsing and its errors, language negotiation, numbers and
 * dates in each language's way. */
#include "testutil.h"

#include "web/i18n.h"

#include <math.h>
#include <string.h>

/* A one-file-per-entry in-memory catalogue table. */
#define FILE_OF(name, text) {(name), (const unsigned char *)(text), sizeof(text) - 1}

static const char *fmt_num(Buf *b, Lang l, double v, int d)
{
    buf_reset(b);
    fmt_number(b, l, v, d);
    return buf_cstr(b);
}

static void embedded_catalogues_parse_and_agree(void **state)
{
    (void)state;
    Err err;
    err_clear(&err);
    assert_int_equal(i18n_init(&err), KAM_OK);
    const char *missing[16];
    int n = i18n_missing(missing, 16);
    for (int i = 0; i < n && i < 16; i++) print_message("missing %s\n", missing[i]);
    assert_int_equal(n, 0);
    /* core vocabulary is there in both languages */
    assert_string_equal(tr(LANG_EN, "dimension.account_management"), "Account management");
    assert_string_equal(tr(LANG_IT, "dimension.account_management"), "Gestione dell'account");
    assert_string_equal(tr(LANG_IT, "quadrant.development"), "Da sviluppare");
    assert_string_equal(tr(LANG_IT, "stage.5"), "Integrata");
    assert_string_equal(tr(LANG_EN, "enum.buying_role.economic_buyer"), "Economic buyer");
    assert_true(tr_has(LANG_IT, "error.404.text"));
    /* a missing key comes back as itself, never NULL */
    assert_string_equal(tr(LANG_EN, "no.such.key"), "no.such.key");
    assert_false(tr_has(LANG_EN, "no.such.key"));
    assert_string_equal(tr(LANG_EN, NULL), "");
}

static void a_key_in_one_language_only_is_reported(void **state)
{
    (void)state;
    static const EmbeddedFile files[] = {
        FILE_OF("en-a.txt", "# comment\n\nx.one = One\nx.two = Two\nx.only_en = Only\n"),
        FILE_OF("it-a.txt", "x.one = Uno\r\n  x.two   =   Due  \n"),
        FILE_OF("it-b.txt", "x.only_it = Solo\n"),
        {0, 0, 0},
    };
    Err err;
    err_clear(&err);
    assert_int_equal(i18n_load(files, &err), KAM_OK);
    assert_string_equal(tr(LANG_IT, "x.two"), "Due");
    assert_string_equal(tr(LANG_IT, "x.one"), "Uno");
    const char *missing[4];
    assert_int_equal(i18n_missing(missing, 4), 2);
    assert_string_equal(missing[0], "en: x.only_it");
    assert_string_equal(missing[1], "it: x.only_en");
    /* only max entries are filled, the count is still the whole */
    assert_int_equal(i18n_missing(missing, 1), 2);
    err_clear(&err);
    assert_int_equal(i18n_load(kam_i18n, &err), KAM_OK);
}

/* Load a single bad file; the error must name file:line and the fault. */
static void expect_load_error(const char *name, const char *text, const char *needle)
{
    EmbeddedFile files[2] = {{name, (const unsigned char *)text, strlen(text)}, {0, 0, 0}};
    Err err;
    err_clear(&err);
    assert_int_not_equal(i18n_load(files, &err), KAM_OK);
    if (!strstr(err.msg, needle)) print_message("got: %s\n", err.msg);
    assert_non_null(strstr(err.msg, needle));
}

static void catalogue_errors_name_file_and_line(void **state)
{
    (void)state;
    expect_load_error("en-x.txt", "a = 1\n\n# c\nb = 2\na = 3\n",
                      "en-x.txt:5: duplicate key \"a\" (first in en-x.txt:1)");
    expect_load_error("en-x.txt", "a = 1\nno equals sign\n", "en-x.txt:2: expected");
    expect_load_error("it-x.txt", "a = 1\nb = caff\xC3\n", "it-x.txt:2: not valid UTF-8");
    expect_load_error("it-x.txt", "bad key = 1\n", "it-x.txt:1: key \"bad key\"");
    expect_load_error("it-x.txt", "a =   \n", "it-x.txt:1: key \"a\" has no text");
    expect_load_error("fr-x.txt", "a = 1\n", "fr-x.txt: not a catalogue name");
    /* the previous catalogues survive a failed load */
    Err err;
    err_clear(&err);
    assert_int_equal(i18n_load(kam_i18n, &err), KAM_OK);
    expect_load_error("en-x.txt", "a\n", "en-x.txt:1");
    assert_string_equal(tr(LANG_EN, "nav.accounts"), "Accounts");
}

static void placeholders_are_filled_and_escaped(void **state)
{
    (void)state;
    static const EmbeddedFile files[] = {
        FILE_OF("en-a.txt", "t = {name} & {n} of {total} {unknown} {}\n"),
        FILE_OF("it-a.txt", "t = {n} su {total} per {name}\n"),
        {0, 0, 0},
    };
    Err err;
    err_clear(&err);
    assert_int_equal(i18n_load(files, &err), KAM_OK);
    Arena a;
    arena_init(&a, 0);
    Buf b;
    buf_init(&b, &a);
    tr_fmt(&b, LANG_EN, "t", "n", "3", "name", "<b>A&B</b>", "total", "9", NULL);
    assert_string_equal(buf_cstr(&b), "&lt;b&gt;A&amp;B&lt;/b&gt; &amp; 3 of 9 {unknown} {}");
    assert_string_equal(tr_str(&a, LANG_IT, "t", "n", "3", "total", "9", "name", "<x>", NULL),
                        "3 su 9 per <x>");
    /* a missing key is written as the key */
    buf_reset(&b);
    tr_fmt(&b, LANG_EN, "nope", "n", "1", NULL);
    assert_string_equal(buf_cstr(&b), "nope");
    arena_free(&a);
    assert_int_equal(i18n_load(kam_i18n, &err), KAM_OK);
}

static void languages_from_codes_and_accept_language(void **state)
{
    (void)state;
    assert_int_equal(lang_parse("it", LANG_EN), LANG_IT);
    assert_int_equal(lang_parse("it-IT", LANG_EN), LANG_IT);
    assert_int_equal(lang_parse("IT_ch", LANG_EN), LANG_IT);
    assert_int_equal(lang_parse("en", LANG_IT), LANG_EN);
    assert_int_equal(lang_parse("ita", LANG_EN), LANG_EN);
    assert_int_equal(lang_parse("fr", LANG_IT), LANG_IT);
    assert_int_equal(lang_parse(NULL, LANG_IT), LANG_IT);
    assert_int_equal(lang_parse("", LANG_IT), LANG_IT);
    assert_string_equal(lang_code(LANG_IT), "it");
    assert_string_equal(lang_code(LANG_EN), "en");

    assert_int_equal(lang_from_accept("it-IT,it;q=0.9,en;q=0.8", LANG_EN), LANG_IT);
    assert_int_equal(lang_from_accept("fr, en;q=0.5", LANG_IT), LANG_EN);
    assert_int_equal(lang_from_accept("en;q=0.4, it;q=0.6", LANG_EN), LANG_IT);
    assert_int_equal(lang_from_accept("de-DE, en-GB;q=0.7, it;q=0.7", LANG_IT), LANG_EN);
    assert_int_equal(lang_from_accept("it;q=0, en;q=0.1", LANG_IT), LANG_EN);
    assert_int_equal(lang_from_accept("it;q=0", LANG_EN), LANG_EN);
    assert_int_equal(lang_from_accept("*", LANG_IT), LANG_IT);
    assert_int_equal(lang_from_accept("it;q=2, en;q=0.3", LANG_IT), LANG_EN); /* bad q ignored */
    assert_int_equal(lang_from_accept(";;;,,=q", LANG_IT), LANG_IT);
    assert_int_equal(lang_from_accept("\xff\xfe garbage", LANG_EN), LANG_EN);
    assert_int_equal(lang_from_accept("", LANG_IT), LANG_IT);
    assert_int_equal(lang_from_accept(NULL, LANG_IT), LANG_IT);
}

static void numbers_in_each_language(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Buf b;
    buf_init(&b, &a);
    assert_string_equal(fmt_num(&b, LANG_IT, 1234.5, 1), "1.234,5");
    assert_string_equal(fmt_num(&b, LANG_EN, 1234.5, 1), "1,234.5");
    assert_string_equal(fmt_num(&b, LANG_EN, 1234567.891, 2), "1,234,567.89");
    assert_string_equal(fmt_num(&b, LANG_IT, 1234567.891, 0), "1.234.568");
    assert_string_equal(fmt_num(&b, LANG_EN, 999.996, 2), "1,000.00");
    assert_string_equal(fmt_num(&b, LANG_EN, 123, 0), "123");
    assert_string_equal(fmt_num(&b, LANG_IT, -98765.4, 1), "-98.765,4");
    assert_string_equal(fmt_num(&b, LANG_EN, -0.004, 2), "0.00"); /* no "-0.00" */
    assert_string_equal(fmt_num(&b, LANG_EN, NAN, 2), "—");

    buf_reset(&b);
    fmt_money(&b, LANG_IT, 1234567.891, "EUR");
    assert_string_equal(buf_cstr(&b), "1.234.567,89\u00a0€");
    buf_reset(&b);
    fmt_money(&b, LANG_EN, 1234567.891, "EUR");
    assert_string_equal(buf_cstr(&b), "€1,234,567.89");
    buf_reset(&b);
    fmt_money(&b, LANG_EN, -1500, "chf");
    assert_string_equal(buf_cstr(&b), "-CHF 1,500.00");
    buf_reset(&b);
    fmt_money(&b, LANG_IT, -1500, "<CHF>");
    assert_string_equal(buf_cstr(&b), "-1.500,00\u00a0CHF");

    buf_reset(&b);
    fmt_percent(&b, LANG_EN, 0.25, 0);
    assert_string_equal(buf_cstr(&b), "25%");
    buf_reset(&b);
    fmt_percent(&b, LANG_IT, 0.1234, 1);
    assert_string_equal(buf_cstr(&b), "12,3%");
    arena_free(&a);
}

static void dates_in_each_language(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a, 0);
    Buf b;
    buf_init(&b, &a);
    fmt_date(&b, LANG_IT, "2026-11-28");
    assert_string_equal(buf_cstr(&b), "28/11/2026");
    buf_reset(&b);
    fmt_date(&b, LANG_EN, "2026-11-28");
    assert_string_equal(buf_cstr(&b), "28 Nov 2026");
    buf_reset(&b);
    fmt_date(&b, LANG_IT, "2026-03-05");
    assert_string_equal(buf_cstr(&b), "05/03/2026");
    buf_reset(&b);
    fmt_date(&b, LANG_EN, "2026-03-05");
    assert_string_equal(buf_cstr(&b), "5 Mar 2026");
    buf_reset(&b);
    fmt_date(&b, LANG_IT, "2026-08");
    assert_string_equal(buf_cstr(&b), "ago 2026");
    buf_reset(&b);
    fmt_date(&b, LANG_EN, "2026-02-30"); /* not a date: shown, but only safe characters */
    assert_string_equal(buf_cstr(&b), "2026-02-30");
    buf_reset(&b);
    fmt_date(&b, LANG_EN, "<script>x");
    assert_string_equal(buf_cstr(&b), "scriptx");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(embedded_catalogues_parse_and_agree),
        cmocka_unit_test(a_key_in_one_language_only_is_reported),
        cmocka_unit_test(catalogue_errors_name_file_and_line),
        cmocka_unit_test(placeholders_are_filled_and_escaped),
        cmocka_unit_test(languages_from_codes_and_accept_language),
        cmocka_unit_test(numbers_in_each_language),
        cmocka_unit_test(dates_in_each_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
