/* i18n: the language catalogues, and numbers and dates written the way each
 * language writes them.
 *
 * Catalogues are the files data/i18n/LANG-NAME.txt compiled into the binary
 * (table kam_i18n): en-core.txt holds the shared vocabulary, en-web.txt the
 * platform's pages, and so on; every file of one language forms one key space,
 * so a key may appear in only one file. Format, one entry a line, UTF-8:
 *
 *     # a comment
 *     nav.accounts = Accounts
 *     chart.radar.desc = {title}: {n} axes, from {min} to {max}.
 *
 * Keys are [A-Za-z0-9_.-]; the text runs to the end of the line (surrounding
 * blanks trimmed) and may hold placeholders {name} filled in by tr_fmt(). Key
 * conventions: area.thing (nav.accounts, common.save, error.404,
 * error.404.text), enum.FIELD.VALUE for model choices (enum.status.key),
 * field.NAME for field labels, stage.N for relationship stages.
 *
 * tr() reads the catalogues without locking: call i18n_init() once before
 * threads start. The number and date writers produce plain text made only of
 * digits, letters, separators and currency signs: no HTML-special character,
 * so their output reads the same whether or not it is escaped again. */
#ifndef KAM_I18N_H
#define KAM_I18N_H

#include "../core/buf.h"
#include "../core/embedded.h"
#include "../core/err.h"

#include <stdbool.h>

typedef enum Lang { LANG_EN = 0, LANG_IT = 1, LANG_COUNT } Lang;

/* Parse every embedded catalogue (files LANG-*.txt in kam_i18n) once;
 * thread-safe after it returns. Errors name file:line (duplicate key, bad
 * line, invalid UTF-8, a file name that is not LANG-NAME.txt). */
ErrCode i18n_init(Err *err);
/* Replace the catalogues with those in files (a NULL-terminated table like
 * kam_i18n), for tests and tools. Not thread-safe: no tr() may run meanwhile.
 * On error the previous catalogues stay. */
ErrCode i18n_load(const EmbeddedFile *files, Err *err);

/* The text for key in lang; never NULL. A missing key returns the key itself. */
const char *tr(Lang lang, const char *key);
/* True when lang's catalogue holds key. */
bool tr_has(Lang lang, const char *key);
/* The text of key with its {name} placeholders replaced, written into b with
 * HTML escaping (catalogue text and values alike), ready for element content
 * or an attribute value. After key come name, value string pairs ended by
 * NULL: tr_fmt(b, l, "chart.points", "n", "12", NULL). A placeholder without
 * a value is left as written; a NULL value writes nothing. */
void tr_fmt(Buf *b, Lang l, const char *key, ...) __attribute__((sentinel));
/* The same as plain unescaped text allocated in a, for passing on to %h. */
const char *tr_str(Arena *a, Lang l, const char *key, ...) __attribute__((sentinel));

/* Keys present in one language and missing in the other, for the test and
 * `kam serve`'s startup check: returns the count, fills up to max entries
 * "it: key" (key missing in Italian), sorted by language then key. */
int i18n_missing(const char **out, int max);

Lang lang_parse(const char *code, Lang dflt);                  /* "it", "it-IT", "en_GB" … */
const char *lang_code(Lang l);                                 /* "en" / "it" */
Lang lang_from_accept(const char *accept_language, Lang dflt); /* honours q-values */

/* Numbers the way each language writes them: it 1.234,5 / en 1,234.5, with
 * decimals digits after the mark (0..9), grouped thousands, "-" for negatives
 * and "—" for NaN or infinities. */
void fmt_number(Buf *b, Lang l, double v, int decimals);
/* Money with two decimals: en €1,234,567.89 / it 1.234.567,89 €. Known codes
 * (EUR, USD, GBP, JPY) get their sign, others their code (en CHF 1,234.00 /
 * it 1.234,00 CHF); Italian puts a no-break space (U+00A0) before the sign. */
void fmt_money(Buf *b, Lang l, double v, const char *currency);
/* A ratio as a percentage: 0.25 → 25% in both languages (the Italian press
 * and most style guides write the sign without a space). */
void fmt_percent(Buf *b, Lang l, double ratio, int decimals);
/* An ISO date YYYY-MM-DD: it 28/11/2026, en 28 Nov 2026. A month YYYY-MM:
 * it nov 2026, en Nov 2026. Anything else is written with only its letters,
 * digits, blanks and - / : . kept. */
void fmt_date(Buf *b, Lang l, const char *iso_date);

/* Catalogue keys of the assessment's five dimensions and three levels, in
 * the order of svc/assess_score.h (AsDim, AsLevel), shared by the pages and
 * the reports. */
extern const char *const kAssessDimKeys[5];
extern const char *const kAssessLevelKeys[3];

#endif
