/* Language catalogues and locale-aware number and date writers (see i18n.h). */
#include "i18n.h"

#include "../core/text.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- catalogue store --------------------------------------------------- */

typedef struct Entry {
    const char *key; /* NULL: empty slot */
    const char *text;
    const char *file;
    int line;
} Entry;

/* One language: an open-addressing hash table (linear probing, power-of-two
 * capacity, at most half full). */
typedef struct Catalogue {
    Entry *slots;
    size_t cap;
    size_t n;
} Catalogue;

typedef struct Store {
    Arena arena; /* owns every key, text, slot array and missing entry */
    Catalogue cat[LANG_COUNT];
    const char **missing;
    int nmissing;
} Store;

static Store g_store; /* zero: empty catalogues, tr() returns keys */
static bool g_have_store;
static bool g_embedded_loaded;
static pthread_mutex_t g_init_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *const kLangCodes[LANG_COUNT] = {"en", "it"};

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static Entry *cat_slot(const Catalogue *c, const char *key)
{
    if (!c->cap) return NULL;
    size_t mask = c->cap - 1;
    for (size_t i = (size_t)hash_key(key) & mask;; i = (i + 1) & mask) {
        Entry *e = &c->slots[i];
        if (!e->key || strcmp(e->key, key) == 0) return e;
    }
}

static const Entry *cat_get(const Catalogue *c, const char *key)
{
    const Entry *e = cat_slot(c, key);
    return e && e->key ? e : NULL;
}

/* Insert (key must be absent); grows the table to stay at most half full. */
static void cat_put(Arena *a, Catalogue *c, Entry add)
{
    if ((c->n + 1) * 2 > c->cap) {
        Catalogue bigger = {.cap = c->cap ? c->cap * 2 : 256, .n = 0};
        bigger.slots = ARENA_ARRAY(a, Entry, bigger.cap);
        for (size_t i = 0; i < c->cap; i++)
            if (c->slots[i].key) {
                *cat_slot(&bigger, c->slots[i].key) = c->slots[i];
                bigger.n++;
            }
        *c = bigger;
    }
    *cat_slot(c, add.key) = add;
    c->n++;
}

/* ---- parsing ----------------------------------------------------------- */

/* The language of a catalogue file name "LANG-NAME.txt" or "LANG.txt". */
static bool file_lang(const char *name, Lang *out)
{
    size_t n = strlen(name);
    if (n < 6 || strcmp(name + n - 4, ".txt") != 0) return false;
    for (int l = 0; l < LANG_COUNT; l++) {
        size_t cl = strlen(kLangCodes[l]);
        if (strncmp(name, kLangCodes[l], cl) == 0 && (name[cl] == '-' || name[cl] == '.')) {
            if (name[cl] == '-' && n - 4 <= cl + 1) return false; /* "en-.txt" */
            *out = (Lang)l;
            return true;
        }
    }
    return false;
}

static bool key_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-';
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Parse one file into the store's catalogue of its language. */
static ErrCode parse_file(Store *s, const EmbeddedFile *f, Err *err)
{
    Lang lang;
    if (!file_lang(f->name, &lang))
        return err_set(err, KAM_EINTERNAL,
                       "%s: not a catalogue name (LANG-NAME.txt, LANG one of en, it)", f->name);
    const char *data = (const char *)f->data;
    size_t bad;
    if (!utf8_valid(data, f->size, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++) line += data[i] == '\n';
        return err_set(err, KAM_EINTERNAL, "%s:%d: not valid UTF-8 (byte %zu)", f->name, line,
                       bad + 1);
    }
    const char *p = data, *end = data + f->size;
    for (int line = 1; p < end; line++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        const char *a = p, *z = eol;
        p = eol + 1;
        if (z > a && z[-1] == '\r') z--;
        while (a < z && is_blank(*a)) a++;
        while (z > a && is_blank(z[-1])) z--;
        if (a == z || *a == '#') continue;
        if (memchr(a, '\0', (size_t)(z - a)))
            return err_set(err, KAM_EINTERNAL, "%s:%d: NUL byte in line", f->name, line);
        const char *eq = memchr(a, '=', (size_t)(z - a));
        if (!eq)
            return err_set(err, KAM_EINTERNAL, "%s:%d: expected \"key = text\"", f->name, line);
        const char *ke = eq;
        while (ke > a && is_blank(ke[-1])) ke--;
        if (ke == a) return err_set(err, KAM_EINTERNAL, "%s:%d: empty key", f->name, line);
        for (const char *k = a; k < ke; k++)
            if (!key_char(*k))
                return err_set(err, KAM_EINTERNAL,
                               "%s:%d: key \"%.*s\" may only hold letters, digits and _ . -",
                               f->name, line, (int)(ke - a), a);
        const char *t = eq + 1;
        while (t < z && is_blank(*t)) t++;
        char *key = arena_strndup(&s->arena, a, (size_t)(ke - a));
        if (t == z)
            return err_set(err, KAM_EINTERNAL, "%s:%d: key \"%s\" has no text", f->name, line, key);
        Catalogue *c = &s->cat[lang];
        const Entry *dup = cat_get(c, key);
        if (dup)
            return err_set(err, KAM_EINTERNAL, "%s:%d: duplicate key \"%s\" (first in %s:%d)",
                           f->name, line, key, dup->file, dup->line);
        cat_put(&s->arena, c,
                (Entry){.key = key,
                        .text = arena_strndup(&s->arena, t, (size_t)(z - t)),
                        .file = f->name,
                        .line = line});
    }
    return KAM_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every "it: key" / "en: key" for keys one language lacks, sorted. */
static void compute_missing(Store *s)
{
    size_t total = 0;
    for (int l = 0; l < LANG_COUNT; l++) total += s->cat[l].n;
    s->missing = ARENA_ARRAY(&s->arena, const char *, total + 1);
    s->nmissing = 0;
    for (int have = 0; have < LANG_COUNT; have++)
        for (int lack = 0; lack < LANG_COUNT; lack++) {
            if (have == lack) continue;
            const Catalogue *c = &s->cat[have];
            for (size_t i = 0; i < c->cap; i++)
                if (c->slots[i].key && !cat_get(&s->cat[lack], c->slots[i].key))
                    s->missing[s->nmissing++] =
                        arena_printf(&s->arena, "%s: %s", kLangCodes[lack], c->slots[i].key);
        }
    qsort(s->missing, (size_t)s->nmissing, sizeof *s->missing, cmp_str);
}

ErrCode i18n_load(const EmbeddedFile *files, Err *err)
{
    Store s;
    memset(&s, 0, sizeof s);
    arena_init(&s.arena, 64 * 1024);
    for (const EmbeddedFile *f = files; f && f->name; f++)
        if (parse_file(&s, f, err)) {
            arena_free(&s.arena);
            return err->code;
        }
    compute_missing(&s);
    if (g_have_store) arena_free(&g_store.arena);
    g_store = s;
    g_have_store = true;
    return KAM_OK;
}

ErrCode i18n_init(Err *err)
{
    pthread_mutex_lock(&g_init_lock);
    ErrCode rc = KAM_OK;
    if (!g_embedded_loaded) {
        rc = i18n_load(kam_i18n, err);
        g_embedded_loaded = rc == KAM_OK;
    }
    pthread_mutex_unlock(&g_init_lock);
    return rc;
}

int i18n_missing(const char **out, int max)
{
    for (int i = 0; i < g_store.nmissing && i < max; i++) out[i] = g_store.missing[i];
    return g_store.nmissing;
}

/* ---- lookup ------------------------------------------------------------ */

static const Entry *lookup(Lang lang, const char *key)
{
    if (!key || (unsigned)lang >= LANG_COUNT) return NULL;
    return cat_get(&g_store.cat[lang], key);
}

const char *tr(Lang lang, const char *key)
{
    const Entry *e = lookup(lang, key);
    return e ? e->text : key ? key : "";
}

bool tr_has(Lang lang, const char *key)
{
    return lookup(lang, key) != NULL;
}

/* n bytes of s, HTML-escaped when escape is set. */
static void put_span(Buf *b, const char *s, size_t n, bool escape)
{
    if (!escape) {
        buf_put(b, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char one[2] = {s[i], 0};
        if (strchr("&<>\"'", s[i]))
            buf_html(b, one);
        else
            buf_putc(b, s[i]);
    }
}

/* Write text with {name} placeholders filled from the NULL-ended name/value
 * pairs in ap; escape selects HTML escaping of everything written. */
static void expand(Buf *b, const char *text, bool escape, va_list ap)
{
    enum { MAXARGS = 16 };
    const char *names[MAXARGS], *values[MAXARGS];
    int n = 0;
    for (;;) {
        const char *name = va_arg(ap, const char *);
        if (!name) break;
        const char *value = va_arg(ap, const char *);
        if (n < MAXARGS) names[n] = name, values[n++] = value;
    }
    const char *run = text;
    for (const char *p = text; *p; p++) {
        if (*p != '{') continue;
        const char *q = p + 1;
        while (isalnum((unsigned char)*q) || *q == '_') q++;
        if (*q != '}' || q == p + 1) continue;
        int k = 0;
        while (k < n && !(strlen(names[k]) == (size_t)(q - p - 1) &&
                          strncmp(names[k], p + 1, (size_t)(q - p - 1)) == 0))
            k++;
        if (k == n) continue; /* unknown placeholder: written as is */
        put_span(b, run, (size_t)(p - run), escape);
        if (escape)
            buf_html(b, values[k]);
        else
            buf_puts(b, values[k]);
        run = q + 1;
        p = q;
    }
    if (escape)
        buf_html(b, run);
    else
        buf_puts(b, run);
}

void tr_fmt(Buf *b, Lang l, const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    expand(b, tr(l, key), true, ap);
    va_end(ap);
}

const char *tr_str(Arena *a, Lang l, const char *key, ...)
{
    Buf b;
    buf_init(&b, a);
    va_list ap;
    va_start(ap, key);
    expand(&b, tr(l, key), false, ap);
    va_end(ap);
    return buf_cstr(&b);
}

/* ---- languages --------------------------------------------------------- */

/* The language of a tag's primary subtag (up to '-', '_', ';', ',' or a
 * blank), or -1. */
static int tag_lang(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && isalpha((unsigned char)s[k])) k++;
    if (k < n && s[k] != '-' && s[k] != '_') return -1;
    for (int l = 0; l < LANG_COUNT; l++)
        if (k == strlen(kLangCodes[l]) && strncasecmp(s, kLangCodes[l], k) == 0) return l;
    return -1;
}

Lang lang_parse(const char *code, Lang dflt)
{
    if (!code) return dflt;
    while (is_blank(*code)) code++;
    size_t n = strlen(code);
    while (n && is_blank(code[n - 1])) n--;
    int l = tag_lang(code, n);
    return l < 0 ? dflt : (Lang)l;
}

const char *lang_code(Lang l)
{
    return (unsigned)l < LANG_COUNT ? kLangCodes[l] : "en";
}

/* A q-value per RFC 9110: "0", "0.xxx", "1", "1.000"; returns thousandths or
 * -1 when malformed. */
static int parse_q(const char *s, size_t n)
{
    if (n == 0 || (s[0] != '0' && s[0] != '1')) return -1;
    int v = (s[0] - '0') * 1000;
    if (n == 1) return v;
    if (s[1] != '.' || n > 5) return -1;
    int scale = 100;
    for (size_t i = 2; i < n; i++, scale /= 10) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v += (s[i] - '0') * scale;
    }
    return v > 1000 ? -1 : v;
}

Lang lang_from_accept(const char *accept, Lang dflt)
{
    if (!accept) return dflt;
    int best = -1, best_q = 0; /* q = 0 means "not acceptable" */
    const char *p = accept;
    while (*p) {
        const char *end = strchr(p, ',');
        if (!end) end = p + strlen(p);
        const char *a = p, *z = end;
        p = *end ? end + 1 : end;
        while (a < z && is_blank(*a)) a++;
        const char *semi = NULL;
        for (const char *k = a; k < z && !semi; k++)
            if (*k == ';') semi = k;
        const char *tz = semi ? semi : z;
        while (tz > a && is_blank(tz[-1])) tz--;
        if (tz == a) continue;
        int q = 1000;
        if (semi) {
            const char *qa = semi + 1;
            while (qa < z && is_blank(*qa)) qa++;
            if (z - qa < 2 || (qa[0] != 'q' && qa[0] != 'Q') || qa[1] != '=') continue;
            qa += 2;
            const char *qz = z;
            while (qz > qa && is_blank(qz[-1])) qz--;
            q = parse_q(qa, (size_t)(qz - qa));
            if (q < 0) continue;
        }
        int l = (tz - a == 1 && *a == '*') ? (int)dflt : tag_lang(a, (size_t)(tz - a));
        if (l >= 0 && q > best_q) best = l, best_q = q;
    }
    return best < 0 ? dflt : (Lang)best;
}

/* ---- numbers and dates ------------------------------------------------- */

/* |v| rounded to decimals, with the language's thousands separator and
 * decimal mark; *negative tells whether a sign is due (not for -0.00). */
static void put_abs_number(Buf *b, Lang l, double v, int decimals, bool *negative)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 9) decimals = 9;
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    bool nonzero = strspn(digits, "0.") != strlen(digits);
    *negative = v < 0 && nonzero;
    const char *dot = strchr(digits, '.');
    size_t nint = dot ? (size_t)(dot - digits) : strlen(digits);
    const char group = l == LANG_IT ? '.' : ',', mark = l == LANG_IT ? ',' : '.';
    for (size_t i = 0; i < nint; i++) {
        if (i > 0 && (nint - i) % 3 == 0) buf_putc(b, group);
        buf_putc(b, digits[i]);
    }
    if (dot) {
        buf_putc(b, mark);
        buf_puts(b, dot + 1);
    }
}

void fmt_number(Buf *b, Lang l, double v, int decimals)
{
    if (!isfinite(v)) {
        buf_puts(b, "—");
        return;
    }
    Buf tmp;
    Arena a;
    arena_init(&a, 512);
    buf_init(&tmp, &a);
    bool neg;
    put_abs_number(&tmp, l, v, decimals, &neg);
    if (neg) buf_putc(b, '-');
    buf_puts(b, buf_cstr(&tmp));
    arena_free(&a);
}

/* Sign of a currency code, or NULL to write the code itself. */
static const char *currency_sign(const char *code)
{
    static const char *const kSigns[][2] = {{"EUR", "€"}, {"USD", "$"}, {"GBP", "£"}, {"JPY", "¥"}};
    for (size_t i = 0; i < sizeof kSigns / sizeof kSigns[0]; i++)
        if (str_ieq(code, kSigns[i][0])) return kSigns[i][1];
    return NULL;
}

void fmt_money(Buf *b, Lang l, double v, const char *currency)
{
    if (!isfinite(v)) {
        buf_puts(b, "—");
        return;
    }
    char code[8] = "";
    for (size_t i = 0, k = 0; currency && currency[i] && k < 3; i++)
        if (isalpha((unsigned char)currency[i]))
            code[k++] = (char)toupper((unsigned char)currency[i]);
    const char *sign = currency_sign(code);
    Buf num;
    Arena a;
    arena_init(&a, 512);
    buf_init(&num, &a);
    bool neg;
    put_abs_number(&num, l, v, 2, &neg);
    if (neg) buf_putc(b, '-');
    if (l == LANG_IT) {
        buf_puts(b, buf_cstr(&num));
        if (code[0]) {
            buf_puts(b, "\u00a0");
            buf_puts(b, sign ? sign : code);
        }
    } else {
        if (sign)
            buf_puts(b, sign);
        else if (code[0])
            buf_printf(b, "%s ", code);
        buf_puts(b, buf_cstr(&num));
    }
    arena_free(&a);
}

void fmt_percent(Buf *b, Lang l, double ratio, int decimals)
{
    if (!isfinite(ratio)) {
        buf_puts(b, "—");
        return;
    }
    fmt_number(b, l, ratio * 100.0, decimals);
    buf_putc(b, '%');
}

void fmt_date(Buf *b, Lang l, const char *iso)
{
    static const char *const kMonEn[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char *const kMonIt[12] = {"gen", "feb", "mar", "apr", "mag", "giu",
                                           "lug", "ago", "set", "ott", "nov", "dic"};
    if (!iso) return;
    if (date_valid(iso)) {
        int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
        if (l == LANG_IT)
            buf_printf(b, "%02d/%02d/%04d", d, m, y);
        else
            buf_printf(b, "%d %s %04d", d, kMonEn[m - 1], y);
    } else if (month_valid(iso)) {
        int y = atoi(iso), m = atoi(iso + 5);
        buf_printf(b, "%s %04d", (l == LANG_IT ? kMonIt : kMonEn)[m - 1], y);
    } else {
        for (const char *p = iso; *p; p++)
            if (isalnum((unsigned char)*p) || strchr(" -/:.", *p)) buf_putc(b, *p);
    }
}

const char *const kAssessDimKeys[5] = {"dimension.strategy", "dimension.solutions",
                                       "dimension.people", "dimension.account_management",
                                       "dimension.evaluation"};
const char *const kAssessLevelKeys[3] = {"level.corporate", "level.operational",
                                         "assess.level.customer"};
