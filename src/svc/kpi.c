/* KPI attainment, ranges and trends; the rules are stated in kpi.h. */
#include "kpi.h"

#include "entity.h"
#include "../core/buf.h"
#include "../core/text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *kpi_trend_name(KpiTrend t)
{
    switch (t) {
    case KPI_TREND_IMPROVING:
        return "improving";
    case KPI_TREND_WORSENING:
        return "worsening";
    case KPI_TREND_FLAT:
        return "flat";
    case KPI_TREND_NONE:
        break;
    }
    return "none";
}

KpiFrequency kpi_frequency_parse(const char *s)
{
    if (str_eq(s, "quarterly")) return KPI_QUARTERLY;
    if (str_eq(s, "yearly")) return KPI_YEARLY;
    return KPI_MONTHLY;
}

/* ------------------------------------------------------------------ pure */

static double clamp_attainment(double x)
{
    if (!(x > 0)) return 0; /* also NaN */
    return x > KPI_ATTAIN_CAP ? KPI_ATTAIN_CAP : x;
}

double kpi_attainment(KpiDirection dir, double target, double actual)
{
    bool higher = dir == KPI_HIGHER;
    if (target > 0) {
        if (higher) return clamp_attainment(actual / target);
        if (actual <= 0) return KPI_ATTAIN_CAP;
        return clamp_attainment(target / actual);
    }
    if (target == 0) {
        if (actual == 0) return 1.0;
        bool better = higher ? actual > 0 : actual < 0;
        return better ? KPI_ATTAIN_CAP : 0.0;
    }
    double dist = higher ? actual - target : target - actual;
    return clamp_attainment(1.0 + dist / fabs(target));
}

int kpi_month_index(const char *ym)
{
    return atoi(ym) * 12 + atoi(ym + 5) - 1;
}

bool kpi_period_expected(KpiFrequency f, const char *ym)
{
    int m = atoi(ym + 5);
    switch (f) {
    case KPI_QUARTERLY:
        return m % 3 == 0;
    case KPI_YEARLY:
        return m == 12;
    case KPI_MONTHLY:
        break;
    }
    return true;
}

void kpi_attain_points(KpiDirection dir, KpiPoint *pts, int n)
{
    for (int i = 0; i < n; i++) {
        pts[i].has_attainment = pts[i].has_target;
        pts[i].attainment =
            pts[i].has_target ? kpi_attainment(dir, pts[i].target, pts[i].value) : 0;
    }
}

KpiTrendResult kpi_trend(KpiDirection dir, const KpiPoint *pts, int n, int last_n, double scale)
{
    KpiTrendResult r = {KPI_TREND_NONE, 0, 0};
    int first = n > last_n ? n - last_n : 0;
    r.n = n - first;
    if (r.n < 2) return r;
    double mx = 0, my = 0, mabs = 0;
    for (int i = first; i < n; i++) {
        mx += kpi_month_index(pts[i].period);
        my += pts[i].value;
        mabs += fabs(pts[i].value);
    }
    mx /= r.n;
    my /= r.n;
    mabs /= r.n;
    double sxy = 0, sxx = 0;
    for (int i = first; i < n; i++) {
        double dx = kpi_month_index(pts[i].period) - mx;
        sxy += dx * (pts[i].value - my);
        sxx += dx * dx;
    }
    if (sxx == 0) return r; /* the same period twice cannot happen; be safe */
    r.slope = sxy / sxx;
    double span = kpi_month_index(pts[n - 1].period) - kpi_month_index(pts[first].period);
    double change = r.slope * span;
    if (!(scale > 0)) scale = mabs;
    bool flat = scale > 0 ? fabs(change) < KPI_FLAT_SHARE * scale : change == 0;
    if (flat)
        r.trend = KPI_TREND_FLAT;
    else
        r.trend = (r.slope > 0) == (dir == KPI_HIGHER) ? KPI_TREND_IMPROVING : KPI_TREND_WORSENING;
    return r;
}

void kpi_range(Arena *a, KpiFrequency f, const KpiPoint *pts, int n, const char *from,
               const char *to, KpiRange *out)
{
    memset(out, 0, sizeof *out);
    int lo = kpi_month_index(from), hi = kpi_month_index(to);
    int months = hi >= lo ? hi - lo + 1 : 0;
    typedef char Month[8];
    out->missing = ARENA_ARRAY(a, Month, months + 1);
    double sum = 0;
    int nsum = 0;
    int k = 0;
    for (int m = lo; m <= hi; m++) {
        char ym[16]; /* years stay within 1900-2999: 7 characters */
        snprintf(ym, sizeof ym, "%04d-%02d", m / 12, m % 12 + 1);
        while (k < n && kpi_month_index(pts[k].period) < m) k++;
        bool have = k < n && kpi_month_index(pts[k].period) == m;
        if (have) {
            out->has_latest = true;
            out->latest = pts[k];
            if (pts[k].has_attainment) {
                sum += pts[k].attainment;
                nsum++;
            }
        }
        if (!kpi_period_expected(f, ym)) continue;
        out->expected++;
        if (have)
            out->measured++;
        else
            memcpy(out->missing[out->nmissing++], ym, 8);
    }
    out->has_mean = nsum > 0;
    out->mean_attainment = nsum ? sum / nsum : 0;
}

/* ------------------------------------------------------------------ store */

static const EntityDef *kpi_def(void)
{
    return entity_find("kpi");
}
static const EntityDef *measurement_def(void)
{
    return entity_find("kpi_measurement");
}

/* A code from a name: lower-case letters and digits, others become '_'. */
static char *code_from_name(Ctx *c, const char *name)
{
    Buf b;
    buf_init(&b, c->arena);
    bool sep = false;
    for (const unsigned char *p = (const unsigned char *)name; *p && b.len < 32; p++) {
        if (isalnum(*p) && *p < 0x80) {
            if (sep && b.len) buf_putc(&b, '_');
            buf_putc(&b, (char)tolower(*p));
            sep = false;
        } else {
            sep = true;
        }
    }
    if (!b.len) buf_puts(&b, "kpi");
    return (char *)buf_cstr(&b);
}

ErrCode kpi_define(Ctx *c, const KpiNew *k, int64_t *id)
{
    const EntityDef *def = kpi_def();
    if (!k->direction)
        return err_field(c->err, KAM_EINPUT, "direction", "direction: say higher or lower");
    if (!k->target) return err_field(c->err, KAM_EINPUT, "target", "target: give the target value");
    Record *in = record_new(c, def);
    record_set(c, in, "account_id", arena_printf(c->arena, "%lld", (long long)k->account_id));
    if (k->name) record_set(c, in, "name", k->name);
    if (k->unit) record_set(c, in, "unit", k->unit);
    record_set(c, in, "direction", k->direction);
    record_set(c, in, "target", k->target);
    if (k->frequency) record_set(c, in, "frequency", k->frequency);
    record_set(c, in, "shared", k->shared ? "1" : "0");
    const char *code = k->code;
    if (!code && k->name) {
        /* a free code: name, name_2, name_3 ... */
        char *base = code_from_name(c, k->name);
        code = base;
        for (int n = 2;; n++) {
            int64_t used = 0;
            if (db_one_int(c->db, c->err,
                           "SELECT count(*) FROM kpi WHERE account_id = ? AND code = ?",
                           DB_ARGS(DI(k->account_id), DT(code)), &used))
                return c->err->code;
            if (!used) break;
            code = arena_printf(c->arena, "%s_%d", base, n);
        }
    }
    if (code) record_set(c, in, "code", code);
    Record *out;
    ErrCode rc = ent_create(c, def, in, &out);
    if (rc == KAM_ECONFLICT && k->code)
        return err_field(c->err, KAM_ECONFLICT, "code",
                         "code: account %lld already has a KPI \"%s\"", (long long)k->account_id,
                         k->code);
    if (rc) return rc;
    *id = out->id;
    return KAM_OK;
}

ErrCode kpi_record(Ctx *c, int64_t kpi_id, const char *period, const char *value,
                   const char *target, const char *note, bool *updated)
{
    const EntityDef *def = measurement_def();
    *updated = false;
    Record *kpi;
    if (ent_get(c, kpi_def(), kpi_id, &kpi)) return c->err->code;
    if (!period || !month_valid(period))
        return err_field(c->err, KAM_EINPUT, "period",
                         "period: \"%s\" is not a month (YYYY-MM, e.g. 2026-03)",
                         period ? period : "");
    int64_t existing = 0;
    ErrCode rc =
        db_one_int(c->db, c->err, "SELECT id FROM kpi_measurement WHERE kpi_id = ? AND period = ?",
                   DB_ARGS(DI(kpi_id), DT(period)), &existing);
    if (rc && rc != KAM_ENOTFOUND) return rc;
    err_clear(c->err);
    Record *in = record_new(c, def);
    if (!value) return err_field(c->err, KAM_EINPUT, "value", "value: give the measured value");
    record_set(c, in, "value", value);
    if (target) record_set(c, in, "target", target);
    if (note) record_set(c, in, "note", note);
    Record *out;
    if (existing) {
        Record *cur;
        if (ent_get(c, def, existing, &cur)) return c->err->code;
        record_set(c, in, "recorded_on", c->today);
        *updated = true;
        return ent_update(c, def, existing, cur->version, in, &out, NULL);
    }
    record_set(c, in, "kpi_id", arena_printf(c->arena, "%lld", (long long)kpi_id));
    record_set(c, in, "period", period);
    return ent_create(c, def, in, &out);
}

static void def_from_record(const Record *r, KpiDef *d)
{
    memset(d, 0, sizeof *d);
    d->id = r->id;
    d->account_id = record_int(r, "account_id");
    d->code = record_get(r, "code");
    d->name = record_get(r, "name");
    d->unit = record_get(r, "unit") ? record_get(r, "unit") : "";
    d->frequency = record_get(r, "frequency") ? record_get(r, "frequency") : "monthly";
    d->dir = str_eq(record_get(r, "direction"), "lower") ? KPI_LOWER : KPI_HIGHER;
    const char *t = record_get(r, "target");
    d->has_target = t != NULL;
    d->target = t ? atof(t) : 0;
    d->shared = str_eq(record_get(r, "shared"), "1");
    d->active = !str_eq(record_get(r, "active"), "0");
}

/* History, attainment, trend and gaps of one KPI whose row is visible. */
static ErrCode load_status(Ctx *c, const Record *r, KpiStatus *out)
{
    memset(out, 0, sizeof *out);
    def_from_record(r, &out->def);
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT period, value, target FROM kpi_measurement WHERE kpi_id = ? ORDER BY period",
        DB_ARGS(DI(r->id)));
    if (!st) return c->err->code;
    int cap = 16;
    out->pts = ARENA_ARRAY(c->arena, KpiPoint, cap);
    while (db_next(st)) {
        if (out->npts == cap) {
            out->pts = arena_realloc(c->arena, out->pts, sizeof(KpiPoint) * (size_t)cap,
                                     sizeof(KpiPoint) * (size_t)cap * 2);
            cap *= 2;
        }
        KpiPoint *p = &out->pts[out->npts++];
        memset(p, 0, sizeof *p);
        snprintf(p->period, sizeof p->period, "%s", db_text(st, 0));
        p->value = db_real(st, 1);
        if (!db_isnull(st, 2)) {
            p->has_target = true;
            p->target = db_real(st, 2);
        } else if (out->def.has_target) {
            p->has_target = true;
            p->target = out->def.target;
        }
    }
    if (db_done(st)) return c->err->code;
    kpi_attain_points(out->def.dir, out->pts, out->npts);
    out->trend = kpi_trend(out->def.dir, out->pts, out->npts, KPI_TREND_POINTS,
                           out->def.has_target ? fabs(out->def.target) : 0);
    if (out->npts)
        kpi_range(c->arena, kpi_frequency_parse(out->def.frequency), out->pts, out->npts,
                  out->pts[0].period, out->pts[out->npts - 1].period, &out->range);
    return KAM_OK;
}

ErrCode kpi_status(Ctx *c, int64_t kpi_id, KpiStatus *out)
{
    Record *r;
    if (ent_get(c, kpi_def(), kpi_id, &r)) return c->err->code;
    return load_status(c, r, out);
}

ErrCode kpi_list_account(Ctx *c, int64_t account_id, KpiStatus **out, int *n)
{
    ListQuery q = {.account_id = account_id, .limit = -1};
    RecordList list;
    if (ent_list(c, kpi_def(), &q, &list)) return c->err->code;
    *out = ARENA_ARRAY(c->arena, KpiStatus, list.n + 1);
    *n = list.n;
    for (int i = 0; i < list.n; i++)
        if (load_status(c, &list.items[i], &(*out)[i])) return c->err->code;
    return KAM_OK;
}
