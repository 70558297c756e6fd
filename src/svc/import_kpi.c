/* KPI measurements in bulk (see import.h). A file may hold a million rows,
 * so rows are checked one by one as they are read, then sorted by KPI and
 * period MEASURE_RUN_ROWS at a time (the order of the unique index: each of
 * its pages is then visited about once per run, however the file is
 * ordered) and written MEASURE_BATCH_ROWS at a time with one cached
 * statement,
 *   INSERT … VALUES (…), (…), … ON CONFLICT (kpi_id, period) DO NOTHING,
 * and no allocation per row:
 *   - the KPI a row names (account text and code) comes from a cache that
 *     asks the database once per KPI, and checks the writer's rights then;
 *   - when a batch inserted fewer rows than it has, each of its rows is read
 *     back: one created by this batch is new; one that existed before the
 *     import is unchanged (counted) or changed (through ent_update:
 *     validation, version, audit entry with before and after); one created
 *     earlier in this import, or existing and already matched by it (a bit
 *     per existing id), repeats a row of the file and is refused, as is the
 *     same KPI and period twice within a run (neighbours once sorted);
 *   - each account's new and changed measurements get one audit entry
 *     ("import", with the file and the counts) at the end. */
#include "import_int.h"

#include "../core/text.h"
#include "audit.h"
#include "kpi.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEASURE_RUN_ROWS       65536 /* rows sorted and written together */
#define MEASURE_BATCH_ROWS     4000  /* rows per INSERT (x 8 values: within SQLite's 32766) */
#define MEASURE_BATCH_ROWS_PG  125   /* the same on PostgreSQL (db_pg.c takes 1000 values) */
#define SORT_DIGIT_BITS        11    /* radix sort of a run: 2048 buckets a pass */
#define QUICK_DIGITS_MAX       15    /* digits a number may have for the exact fast path */
#define MEASURE_ARGS_PER_ROW   8     /* values bound per row */
#define KPI_CACHE_MIN_SLOTS    256   /* grows by doubling at half full */
#define KPI_KEY_MAX_BYTES      1024  /* account text and code of one KPI */
#define MEASURE_NOTE_MAX_CHARS 20000 /* a long text's limit (entity.c's default) */
/* SQLite's page cache while measurements are written (the connection's
 * default is 8 MiB): with runs sorted in index order, this keeps the index
 * pages a run visits in memory instead of writing them out and reading them
 * back mid-transaction (a million rows: about a third less time). */
#define MEASURE_CACHE_KIB (16 * 1024)

/* One KPI a file names; at a stable address (the import's arena). */
typedef struct KpiSlot {
    char *key;      /* "account\x1fcode" */
    size_t code_at; /* where the code starts in key */
    uint64_t hash;
    int64_t kpi, account;
    KpiFrequency freq;
    int64_t added, changed;
} KpiSlot;

/* A checked row waiting for its batch. */
typedef struct Pending {
    int64_t row; /* in the file */
    KpiSlot *k;
    char period[8];
    char recorded_on[11]; /* "" when the file gives none: today */
    uint32_t month;       /* months since 1900-01, for sorting */
    double value, target;
    bool has_target;
    const char *note; /* in the batch arena; NULL: empty */
} Pending;

struct Measure {
    KpiSlot **slot; /* the cache: open addressing, NULL = empty */
    size_t cap, n;
    int64_t start_max;      /* the largest measurement id before the import */
    unsigned char *touched; /* bit per existing id this import has matched */
    int c_account, c_kpi, c_kpi_id, c_period, c_value, c_target, c_recorded,
        c_note; /* columns, -1: none */
    const EntityDef *def;
    KpiSlot *last;          /* the previous row's KPI (files often list one KPI's rows together) */
    Pending *pend, *sorted; /* MEASURE_RUN_ROWS each: as read, and in index order */
    uint64_t *keys, *keys2; /* sort keys of the run */
    int npend;
    Arena batch;          /* the pending rows' notes */
    int batch_rows;       /* rows per INSERT on this backend */
    int64_t cache_before; /* SQLite's cache_size before the import (0: not changed) */
    const char *full_sql; /* the INSERT of a full batch */
    DbArg args[MEASURE_BATCH_ROWS * MEASURE_ARGS_PER_ROW];
};

/* INSERT of n rows. */
static const char *insert_sql(Arena *a, int n)
{
    Buf b;
    buf_init(&b, a);
    buf_puts(&b, "INSERT INTO kpi_measurement (kpi_id, period, value, target, recorded_on, note, "
                 "created_at, updated_at) VALUES ");
    for (int i = 0; i < n; i++)
        buf_puts(&b, i ? ", (?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?)");
    buf_puts(&b, " ON CONFLICT (kpi_id, period) DO NOTHING");
    return buf_cstr(&b);
}

static int column_of(Job *j, const char *field)
{
    int t = job_target(j, field);
    return t < 0 ? -1 : j->col[t];
}

ErrCode measure_begin(Job *j)
{
    Ctx *c = j->c;
    Measure *m = calloc(1, sizeof *m);
    if (!m) return err_set(c->err, KAM_EINTERNAL, "out of memory");
    j->m = m;
    arena_init(&m->batch, 0);
    m->def = entity_find("kpi_measurement");
    m->c_account = column_of(j, "account");
    m->c_kpi = column_of(j, "kpi");
    m->c_kpi_id = column_of(j, "kpi_id");
    m->c_period = column_of(j, "period");
    m->c_value = column_of(j, "value");
    m->c_target = column_of(j, "target");
    m->c_recorded = column_of(j, "recorded_on");
    m->c_note = column_of(j, "note");
    m->batch_rows = db_kind(c->db) == DB_POSTGRES ? MEASURE_BATCH_ROWS_PG : MEASURE_BATCH_ROWS;
    m->full_sql = insert_sql(j->keep, m->batch_rows);
    if (db_one_int(c->db, c->err, "SELECT coalesce(max(id), 0) FROM kpi_measurement", DB_NOARGS,
                   &m->start_max))
        return c->err->code;
    if (db_kind(c->db) == DB_SQLITE) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", MEASURE_CACHE_KIB);
        if (db_one_int(c->db, c->err, "PRAGMA cache_size", DB_NOARGS, &m->cache_before) ||
            db_exec_script(c->db, c->err, pragma))
            return c->err->code;
    }
    m->touched = calloc((size_t)(m->start_max / 8 + 1), 1);
    m->cap = KPI_CACHE_MIN_SLOTS;
    m->slot = calloc(m->cap, sizeof *m->slot);
    m->pend = malloc(MEASURE_RUN_ROWS * sizeof *m->pend);
    m->sorted = malloc(MEASURE_RUN_ROWS * sizeof *m->sorted);
    m->keys = malloc(MEASURE_RUN_ROWS * sizeof *m->keys);
    m->keys2 = malloc(MEASURE_RUN_ROWS * sizeof *m->keys2);
    if (!m->touched || !m->slot || !m->pend || !m->sorted || !m->keys || !m->keys2)
        return err_set(c->err, KAM_EINTERNAL, "out of memory");
    return KAM_OK;
}

void measure_free(Job *j)
{
    Measure *m = j->m;
    if (!m) return;
    if (m->cache_before) { /* the connection may live on (a server): its own cache again */
        char pragma[64];
        Err ignored;
        err_clear(&ignored);
        snprintf(pragma, sizeof pragma, "PRAGMA cache_size = %lld", (long long)m->cache_before);
        db_exec_script(j->c->db, &ignored, pragma);
    }
    free(m->slot);
    free(m->pend);
    free(m->sorted);
    free(m->keys);
    free(m->keys2);
    free(m->touched);
    arena_free(&m->batch);
    free(m);
    j->m = NULL;
}

/* The trimmed value in column col of the row (trimmed in place, without
 * moving it); NULL when empty or absent. */
static const char *cell(Job *j, int col)
{
    if (col < 0) return NULL;
    char *v = j->csv.field[col];
    size_t n = j->csv.len[col];
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
        v[--n] = 0;
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n') v++;
    return *v ? v : NULL;
}

/* ------------------------------------------------------------------ KPI cache */

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* The cache cell of key: the KPI's, or the empty one where it goes. */
static KpiSlot **probe(Measure *m, const char *key, size_t n, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        KpiSlot *s = m->slot[i];
        if (!s || (s->hash == h && memcmp(s->key, key, n) == 0 && s->key[n] == 0))
            return &m->slot[i];
    }
}

static ErrCode grow(Job *j)
{
    Measure *m = j->m;
    KpiSlot **old = m->slot;
    size_t ocap = m->cap;
    m->cap *= 2;
    m->slot = calloc(m->cap, sizeof *m->slot);
    if (!m->slot) return err_set(j->c->err, KAM_EINTERNAL, "out of memory");
    for (size_t i = 0; i < ocap; i++)
        if (old[i]) *probe(m, old[i]->key, strlen(old[i]->key), old[i]->hash) = old[i];
    free(old);
    return KAM_OK;
}

/* The KPI a row names (code, of the account or of the programme; or kam's
 * id of it when code is NULL), from the cache or the database; checks once
 * that the actor may record it. */
static ErrCode find_kpi(Job *j, const char *acc, const char *code, const char *id_text,
                        KpiSlot **out)
{
    Ctx *c = j->c;
    Measure *m = j->m;
    char idkey[32];
    if (!code) { /* by id: the key "\x1e<id>" cannot be an account's */
        int64_t id = 0;
        if (!parse_int64(id_text, &id) || id <= 0)
            return job_fail(j, KAM_EINPUT, "kpi_id", "\"%s\" is not the id of a KPI", id_text);
        snprintf(idkey, sizeof idkey, "\x1e%lld", (long long)id);
        acc = idkey;
        code = "";
    }
    char key[KPI_KEY_MAX_BYTES];
    size_t na = acc ? strlen(acc) : 0, nc = strlen(code), n = na + 1 + nc;
    if (n >= sizeof key)
        return job_fail(j, KAM_EINPUT, "kpi", "the account and KPI code are too long");
    memcpy(key, acc ? acc : "", na);
    key[na] = '\x1f';
    memcpy(key + na + 1, code, nc + 1);
    if (m->last && memcmp(m->last->key, key, n + 1) == 0) {
        *out = m->last;
        return KAM_OK;
    }
    uint64_t h = fnv1a(key, n);
    KpiSlot **cell = probe(m, key, n, h);
    if (*cell) {
        *out = m->last = *cell;
        return KAM_OK;
    }
    int64_t account = 0, kpi = 0;
    KpiFrequency freq = KPI_MONTHLY;
    bool by_id = acc && acc[0] == '\x1e';
    if (acc && !by_id && job_account(j, acc, &account)) return c->err->code;
    DbStmt *st =
        by_id ? db_query(c->db, c->err, "SELECT id, frequency, account_id FROM kpi WHERE id = ?",
                         DB_ARGS(DI(atoll(acc + 1))))
        : account
            ? db_query(
                  c->db, c->err,
                  "SELECT id, frequency, account_id FROM kpi WHERE account_id = ? AND code = ?",
                  DB_ARGS(DI(account), DT(code)))
            : db_query(
                  c->db, c->err,
                  "SELECT id, frequency, account_id FROM kpi WHERE account_id IS NULL AND code = ?",
                  DB_ARGS(DT(code)));
    if (!st) return c->err->code;
    bool found = db_next(st);
    if (found) {
        kpi = db_int(st, 0);
        freq = kpi_frequency_parse(db_text(st, 1));
        account = db_isnull(st, 2) ? 0 : db_int(st, 2);
    }
    if (db_done(st)) return c->err->code;
    if (!found && by_id) return job_fail(j, KAM_EINPUT, "kpi_id", "there is no KPI %s", acc + 1);
    if (!found)
        return acc ? job_fail(j, KAM_EINPUT, "kpi",
                              "account \"%s\" has no KPI with the code \"%s\" (kam kpi list "
                              "--account ID)",
                              acc, code)
                   : job_fail(j, KAM_EINPUT, "kpi",
                              "the programme has no KPI with the code \"%s\" (kam kpi list)", code);
    if (!ent_may_write(c, m->def, account))
        return job_fail(j, KAM_EFORBIDDEN, "kpi", "you may not record measurements of KPI \"%s\"",
                        code);
    if ((m->n + 1) * 2 > m->cap) {
        if (grow(j)) return c->err->code;
        cell = probe(m, key, n, h);
    }
    KpiSlot *s = *cell = ARENA_NEW(j->keep, KpiSlot);
    s->key = arena_strdup(j->keep, key);
    s->code_at = na + 1;
    s->hash = h;
    s->kpi = kpi;
    s->account = account;
    s->freq = freq;
    m->n++;
    *out = m->last = s;
    return KAM_OK;
}

/* ------------------------------------------------------------------ writing */

/* The KPI's code as the file gave it, or its id. */
static const char *code_of(const KpiSlot *k)
{
    return k->key[0] == '\x1e' ? k->key + 1 : k->key + k->code_at;
}

/* "KPI “otd” 2026-03 = 96.5", for the dry run's lines. */
static const char *row_text(Ctx *c, const Pending *p)
{
    return arena_printf(c->arena, "KPI \xE2\x80\x9C%s\xE2\x80\x9D %s = %.15g", code_of(p->k),
                        p->period, p->value);
}

static void added(Job *j, Pending *p)
{
    p->k->added++;
    if (j->o->on_row)
        job_note(j, true, row_text(j->c, p), "");
    else
        j->res->added++; /* no text to build for a million rows */
}

/* Refuse row p: it repeats an earlier row of the file. */
static ErrCode repeated(Job *j, const Pending *p, int64_t first)
{
    if (!first) {
        const char *acc = p->k->key; /* account text, up to the separator */
        char account[KPI_KEY_MAX_BYTES];
        snprintf(account, sizeof account, "%.*s", (int)(p->k->code_at - 1), acc);
        first = job_first_row(j, (const char *const[]){"account", "kpi", "period"},
                              (const char *const[]){account, code_of(p->k), p->period}, 3, p->row);
    }
    if (first)
        return job_fail(j, KAM_EINPUT, "period", "KPI \"%s\" %s already appeared on row %lld",
                        code_of(p->k), p->period, (long long)first);
    return job_fail(j, KAM_EINPUT, "period", "KPI \"%s\" %s already appeared on an earlier row",
                    code_of(p->k), p->period);
}

/* Row p, whose KPI and period the batch found stored: new (created by the
 * batch itself, id > max_before), unchanged, changed, or a repetition. */
static ErrCode stored_row(Job *j, Pending *p, int64_t max_before)
{
    Ctx *c = j->c;
    Measure *m = j->m;
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT id, version, value, target, note, recorded_on FROM "
                          "kpi_measurement WHERE kpi_id = ? "
                          "AND period = ?",
                          DB_ARGS(DI(p->k->kpi), DT(p->period)));
    if (!st) return c->err->code;
    int64_t id = 0, version = 0;
    bool same = false;
    if (db_next(st)) {
        id = db_int(st, 0);
        version = db_int(st, 1);
        bool same_target =
            m->c_target < 0 ||
            (db_isnull(st, 3) ? !p->has_target : p->has_target && db_real(st, 3) == p->target);
        const char *old_note = db_text(st, 4);
        bool same_note = m->c_note < 0 || str_eq(old_note ? old_note : "", p->note ? p->note : "");
        bool same_recorded = !p->recorded_on[0] || str_eq(db_text(st, 5), p->recorded_on);
        same = db_real(st, 2) == p->value && same_target && same_note && same_recorded;
    }
    if (db_done(st)) return c->err->code;
    if (!id)
        return err_set(c->err, KAM_EINTERNAL, "KPI %lld %s: the measurement went away",
                       (long long)p->k->kpi, p->period);
    if (id > max_before) {
        added(j, p);
        return KAM_OK;
    }
    if (id > m->start_max || (m->touched[id / 8] & (1u << (id % 8)))) return repeated(j, p, 0);
    m->touched[id / 8] |= (unsigned char)(1u << (id % 8));
    if (same) {
        j->res->unchanged++;
        return KAM_OK;
    }
    Record *in = record_new(c, m->def), *out;
    record_set(c, in, "value", arena_printf(c->arena, "%.17g", p->value));
    if (m->c_target >= 0)
        record_set(c, in, "target",
                   p->has_target ? arena_printf(c->arena, "%.17g", p->target) : NULL);
    if (m->c_note >= 0) record_set(c, in, "note", p->note ? p->note : "");
    if (p->recorded_on[0]) record_set(c, in, "recorded_on", p->recorded_on);
    if (ent_update(c, m->def, id, version, in, &out, NULL)) return job_fail_from(j);
    if (out->version == version) {
        j->res->unchanged++;
        return KAM_OK;
    }
    p->k->changed++;
    job_note(j, false, row_text(c, p), "value");
    return KAM_OK;
}

/* Order of the unique index (kpi_id, period), then of the file. */
static int by_key(const void *a, const void *b)
{
    const Pending *x = a, *y = b;
    if (x->k->kpi != y->k->kpi) return x->k->kpi < y->k->kpi ? -1 : 1;
    if (x->month != y->month) return x->month < y->month ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Put the run in m->sorted in index order (KPI, period, then file order):
 * a radix sort of keys KPI id | month | position when the KPI ids fit
 * (they do, below 2^34), else qsort. */
static void sort_run(Measure *m, int n)
{
    int64_t max_kpi = 0;
    for (int i = 0; i < n; i++)
        if (m->pend[i].k->kpi > max_kpi) max_kpi = m->pend[i].k->kpi;
    if (max_kpi >= ((int64_t)1 << 34)) {
        memcpy(m->sorted, m->pend, (size_t)n * sizeof *m->pend);
        qsort(m->sorted, (size_t)n, sizeof *m->sorted, by_key);
        return;
    }
    uint64_t top = 0;
    for (int i = 0; i < n; i++) { /* 34 bits of KPI, 14 of month, 16 of position */
        m->keys[i] =
            (uint64_t)m->pend[i].k->kpi << 30 | (uint64_t)m->pend[i].month << 16 | (uint64_t)i;
        top |= m->keys[i];
    }
    uint64_t *src = m->keys, *dst = m->keys2;
    for (int shift = 16; shift < 64 && (top >> shift); shift += SORT_DIGIT_BITS) {
        size_t count[(1 << SORT_DIGIT_BITS) + 1] = {0};
        uint64_t mask = (1u << SORT_DIGIT_BITS) - 1;
        for (int i = 0; i < n; i++) count[((src[i] >> shift) & mask) + 1]++;
        for (size_t d = 1; d <= mask + 1; d++) count[d] += count[d - 1];
        for (int i = 0; i < n; i++) dst[count[(src[i] >> shift) & mask]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    for (int i = 0; i < n; i++) m->sorted[i] = m->pend[src[i] & 0xFFFF];
}

/* Insert pend[0..n): new rows are counted, the others classified. */
static ErrCode write_batch(Job *j, Pending *pend, int n)
{
    Ctx *c = j->c;
    Measure *m = j->m;
    int64_t max_before = 0;
    if (db_one_int(c->db, c->err, "SELECT coalesce(max(id), 0) FROM kpi_measurement", DB_NOARGS,
                   &max_before))
        return c->err->code;
    DbArg *a = m->args;
    for (int i = 0; i < n; i++, a += MEASURE_ARGS_PER_ROW) {
        const Pending *p = &pend[i];
        a[0] = DI(p->k->kpi);
        a[1] = DT(p->period);
        a[2] = DR(p->value);
        a[3] = p->has_target ? DR(p->target) : DNULL;
        a[4] = DT(p->recorded_on[0] ? p->recorded_on : c->today);
        a[5] = DT(p->note ? p->note : "");
        a[6] = DI(c->now);
        a[7] = DI(c->now);
    }
    const char *sql = n == m->batch_rows ? m->full_sql : insert_sql(c->arena, n);
    if (db_exec(c->db, c->err, sql, m->args, n * MEASURE_ARGS_PER_ROW)) {
        err_prefix(c->err, "%s: rows %lld to %lld: ", j->o->name, (long long)pend[0].row,
                   (long long)pend[n - 1].row);
        return c->err->code;
    }
    ErrCode rc = KAM_OK;
    bool all_new = db_changes(c->db) == n;
    for (int i = 0; i < n && !rc; i++) {
        j->csv.row = pend[i].row;
        if (all_new)
            added(j, &pend[i]);
        else
            rc = stored_row(j, &pend[i], max_before);
    }
    return rc;
}

/* Write the pending rows, sorted. Messages about one of them name its row. */
static ErrCode flush(Job *j)
{
    Measure *m = j->m;
    int n = m->npend;
    if (!n) return KAM_OK;
    int64_t row_now = j->csv.row;
    ErrCode rc = KAM_OK;
    sort_run(m, n);
    Pending *p = m->sorted;
    for (int b = 1; b < n && !rc; b++) /* the same KPI and period twice in the run */
        if (p[b - 1].k->kpi == p[b].k->kpi && p[b - 1].month == p[b].month) {
            j->csv.row = p[b].row;
            rc = repeated(j, &p[b], p[b - 1].row);
        }
    for (int i = 0; i < n && !rc; i += m->batch_rows)
        rc = write_batch(j, p + i, n - i < m->batch_rows ? n - i : m->batch_rows);
    j->csv.row = row_now;
    m->npend = 0;
    arena_free(&m->batch);
    return rc;
}

/* ------------------------------------------------------------------ rows */

/* A plain decimal ("-123.45", ',' as the mark in ';' files) without strtod:
 * its digits as an integer divided by a power of ten, both exact doubles,
 * so the quotient is the correctly rounded value strtod would give. False
 * for anything else (thousands separators, exponents, long numbers). */
static bool quick_number(const char *s, char mark, double *out)
{
    static const double kPow10[QUICK_DIGITS_MAX + 1] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    bool neg = *s == '-';
    if (neg || *s == '+') s++;
    uint64_t v = 0;
    int digits = 0, frac = -1;
    for (;; s++) {
        if (*s >= '0' && *s <= '9') {
            if (++digits > QUICK_DIGITS_MAX) return false;
            v = v * 10 + (uint64_t)(*s - '0');
            if (frac >= 0) frac++;
        } else if (*s == mark && frac < 0) {
            frac = 0;
        } else {
            break;
        }
    }
    if (*s || !digits) return false;
    double d = (double)v;
    if (frac > 0) d /= kPow10[frac];
    *out = neg ? -d : d;
    return true;
}

/* A number as the file writes it (decimal comma in ';' files). */
static ErrCode number(Job *j, const char *field, const char *text, double *out)
{
    if (quick_number(text, j->csv.delim == ';' ? ',' : '.', out)) return KAM_OK;
    if (csv_number(text, j->csv.delim, out)) return KAM_OK;
    return job_fail(
        j, KAM_EINPUT, field, "\"%s\" is not a number%s", text,
        j->c->decimal_comma ? " (this file is separated by ';', so it is written 1.234,5)" : "");
}

static bool bad_controls(const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == 0x7f || (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')) return true;
    }
    return false;
}

ErrCode measurement_row(Job *j)
{
    Ctx *c = j->c;
    Measure *m = j->m;
    const char *acc = cell(j, m->c_account), *code = cell(j, m->c_kpi),
               *kpi_id = cell(j, m->c_kpi_id), *period = cell(j, m->c_period),
               *text = cell(j, m->c_value), *ttext = cell(j, m->c_target),
               *recorded = cell(j, m->c_recorded), *note = cell(j, m->c_note);
    if (!code && !kpi_id)
        return job_fail(j, KAM_EINPUT, m->c_kpi >= 0 ? "kpi" : "kpi_id", "the KPI is empty");
    if (!period || !month_valid(period))
        return job_fail(j, KAM_EINPUT, "period", "\"%s\" is not a month (YYYY-MM, e.g. 2026-03)",
                        period ? period : "");
    KpiSlot *k = NULL;
    if (find_kpi(j, acc, code, kpi_id, &k)) return c->err->code;
    code = code_of(k);
    if (!kpi_period_expected(k->freq, period))
        return job_fail(j, KAM_EINPUT, "period",
                        "%s is not a period of KPI \"%s\", which is measured %s", period, code,
                        k->freq == KPI_QUARTERLY ? "quarterly (03, 06, 09, 12)" : "yearly (12)");
    if (!text) return job_fail(j, KAM_EINPUT, "value", "the value is empty");
    Pending *p = &m->pend[m->npend];
    p->target = 0;
    if (number(j, "value", text, &p->value) || (ttext && number(j, "target", ttext, &p->target)))
        return c->err->code;
    if (note && utf8_len(note) > MEASURE_NOTE_MAX_CHARS)
        return job_fail(j, KAM_EINPUT, "note", "longer than %d characters", MEASURE_NOTE_MAX_CHARS);
    if (note && bad_controls(note))
        return job_fail(j, KAM_EINPUT, "note", "control characters are not allowed");
    if (recorded && !date_valid(recorded))
        return job_fail(j, KAM_EINPUT, "recorded_on", "\"%s\" is not a date (YYYY-MM-DD)",
                        recorded);
    p->row = j->csv.row;
    p->k = k;
    memcpy(p->period, period, 8);
    if (recorded)
        memcpy(p->recorded_on, recorded, 11);
    else
        p->recorded_on[0] = 0;
    p->month = (uint32_t)(((period[0] - '0') * 1000 + (period[1] - '0') * 100 +
                           (period[2] - '0') * 10 + period[3] - '0' - 1900) *
                              12 +
                          (period[5] - '0') * 10 + period[6] - '0' - 1);
    p->has_target = ttext != NULL;
    p->note = note ? arena_strdup(&m->batch, note) : NULL;
    if (++m->npend == MEASURE_RUN_ROWS) return flush(j);
    return KAM_OK;
}

/* ------------------------------------------------------------------ the end */

typedef struct AccountCount {
    int64_t account, added, changed;
} AccountCount;

static int by_account(const void *a, const void *b)
{
    int64_t x = ((const AccountCount *)a)->account, y = ((const AccountCount *)b)->account;
    return x < y ? -1 : x > y;
}

ErrCode measure_finish(Job *j)
{
    Ctx *c = j->c;
    Measure *m = j->m;
    if (flush(j)) return c->err->code;
    AccountCount *a = ARENA_ARRAY(c->arena, AccountCount, m->n + 1);
    size_t n = 0;
    for (size_t i = 0; i < m->cap; i++) {
        const KpiSlot *s = m->slot[i];
        if (s && (s->added || s->changed))
            a[n++] = (AccountCount){s->account, s->added, s->changed};
    }
    qsort(a, n, sizeof *a, by_account);
    for (size_t i = 0; i < n;) {
        AccountCount sum = a[i];
        for (i++; i < n && a[i].account == sum.account; i++) {
            sum.added += a[i].added;
            sum.changed += a[i].changed;
        }
        json_t *what = json_pack("{s:s, s:I, s:I}", "file", j->o->name, "added",
                                 (json_int_t)sum.added, "changed", (json_int_t)sum.changed);
        char *after = what ? json_dumps(what, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        json_decref(what);
        ErrCode rc = after
                         ? audit_write(c, "import", "kpi_measurement", 0, sum.account, NULL, after)
                         : err_set(c->err, KAM_EINTERNAL, "out of memory");
        free(after);
        if (rc) return rc;
    }
    return KAM_OK;
}
