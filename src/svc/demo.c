/* `kam demo`: the order of the work, the portfolio's shape (how many key
 * accounts, candidates, former and other customers, who manages which), and
 * the helpers the generators share. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "../core/text.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

const DemoLogin kDemoLogins[] = {
    {"admin", "kam-demo-admin", "admin", "Marta Bellandi, KAM programme lead (administrator)"},
    {"andrea", "kam-demo-exec", "executive", "Andrea Guidotti, CEO and executive sponsor"},
    {"giulia", "kam-demo-kam", "kam", "Giulia Marchetti, key account manager (six key accounts)"},
    {"paolo", "kam-demo-team", "team", "Paolo Fabbri, sales engineer on Giulia's account teams"},
    {"thomas", "kam-demo-guest", "guest", "Thomas Weber, procurement director at the customer (guest)"},
    {"viewer", "kam-demo-viewer", "viewer", "Board observer (viewer, programme level and three accounts)"},
    {NULL, NULL, NULL, NULL},
};

ErrCode demo_check_empty(Ctx *c)
{
    int64_t n = 0;
    if (db_one_int(c->db, c->err, "SELECT count(*) FROM account", DB_NOARGS, &n)) return c->err->code;
    if (n > 0)
        return err_set(c->err, KAM_EINPUT,
                       "%s already holds %lld account%s; demo fills only an empty database "
                       "(run `kam --db NEW.db init` first)",
                       db_target(c->db), (long long)n, n == 1 ? "" : "s");
    return KAM_OK;
}

const char *demo_day(Demo *d, int64_t days)
{
    char *out = arena_alloc(&d->tmp, 11);
    date_from_days(d->today_days + days, out);
    return out;
}

const char *demo_month(Demo *d, int months)
{
    char *out = arena_alloc(&d->tmp, 8);
    month_add(d->month, months, out);
    return out;
}

ErrCode demo_ins(Demo *d, int64_t *id, const char *sql, const DbArg *args, int nargs)
{
    if (id) return db_insert(d->db, d->err, sql, args, nargs, id);
    return db_exec(d->db, d->err, sql, args, nargs);
}

/* How many of each status for n accounts: about 30/20/10% of a small
 * portfolio, and a realistic few percent of a large one. */
static void portfolio_shape(int64_t n, int64_t *nk, int64_t *nc, int64_t *nf)
{
    if (n <= 100) {
        *nk = (n * 3 + 5) / 10;
        *nc = (n * 2 + 5) / 10;
        *nf = (n + 5) / 10;
    } else {
        *nk = 30 + (n - 100) / 50;
        *nc = 20 + (n - 100) / 25;
        *nf = 10 + (n - 100) / 100;
    }
    if (*nk < 1) *nk = 1;
    if (*nk > n) *nk = n;
    if (*nk + *nc > n) *nc = n - *nk;
    if (*nk + *nc + *nf > n) *nf = n - *nk - *nc;
}

/* Statuses shuffled over the accounts (the first account is always a key
 * account: the one of the scenario), and the KAM of each managed account:
 * Giulia (KAM 0) runs six key accounts, the others three to five key
 * accounts and up to two candidates, so nobody exceeds the programme's
 * maximum of eight. */
static int plan_portfolio(Demo *d)
{
    int64_t n = d->opt->accounts, nk, nc, nf;
    portfolio_shape(n, &nk, &nc, &nf);
    d->status = malloc((size_t)n);
    d->kam_of = malloc(sizeof(int32_t) * (size_t)n);
    if (!d->status || !d->kam_of) abort();
    for (int64_t i = 0; i < n; i++) d->status[i] = i < nk ? 'k' : i < nk + nc ? 'c' : i < nk + nc + nf ? 'f' : 'o';
    for (int64_t i = n - 1; i > 1; i--) { /* index 0 stays a key account */
        int64_t j = rng_range(&d->rng, 1, i);
        char t = d->status[i];
        d->status[i] = d->status[j];
        d->status[j] = t;
    }
    int kam = 0, load = 0, cap = 6, nkam = 1;
    for (int64_t i = 0; i < n; i++) {
        d->kam_of[i] = -1;
        if (d->status[i] != 'k') continue;
        if (load == cap) {
            kam++;
            nkam++;
            load = 0;
            cap = (int)rng_range(&d->rng, 3, 5);
        }
        d->kam_of[i] = kam;
        load++;
    }
    int64_t cand = 0;
    for (int64_t i = 0; i < n && nkam > 1; i++) {
        if (d->status[i] != 'c') continue;
        if (cand < 2 * (int64_t)(nkam - 1)) d->kam_of[i] = (int32_t)(1 + cand % (nkam - 1));
        cand++;
    }
    return nkam;
}

static ErrCode load_criteria(Demo *d)
{
    int64_t n = 0;
    if (db_one_int(d->db, d->err, "SELECT count(*) FROM criterion WHERE active = 1", DB_NOARGS, &n)) return d->err->code;
    d->crit = arena_alloc(d->c->arena, sizeof(int64_t) * (size_t)(n + 1));
    d->crit_set = arena_alloc(d->c->arena, (size_t)(n + 1));
    DbStmt *st = db_query(d->db, d->err,
                          "SELECT id, criterion_set FROM criterion WHERE active = 1 ORDER BY criterion_set, sort, id",
                          DB_NOARGS);
    if (!st) return d->err->code;
    while (db_next(st) && d->ncrit < n) {
        d->crit[d->ncrit] = db_int(st, 0);
        d->crit_set[d->ncrit] = str_eq(db_text(st, 1), "strength") ? 's' : 'a';
        d->ncrit++;
    }
    if (db_done(st)) return d->err->code;
    d->sum->criteria_missing = d->ncrit == 0;
    return KAM_OK;
}

static ErrCode one_account(Demo *d, int64_t idx)
{
    DemoAccount a;
    memset(&a, 0, sizeof a);
    a.idx = idx;
    a.st = d->status[idx];
    rng_seed(&a.rng, d->opt->seed * 0x9E3779B97F4A7C15ull + (uint64_t)idx + 1);
    DEMO_TRY(demo_account(d, &a));
    DEMO_TRY(demo_contacts(d, &a));
    DEMO_TRY(demo_plan(d, &a));
    DEMO_TRY(demo_collaboration(d, &a));
    DEMO_TRY(demo_kpis(d, &a));
    DEMO_TRY(demo_scores(d, &a));
    return KAM_OK;
}

static ErrCode run_all(Demo *d)
{
    int nkam = plan_portfolio(d);
    d->staff.nkam = nkam;
    DEMO_TRY(demo_corporate(d));
    DEMO_TRY(demo_people(d));
    DEMO_TRY(load_criteria(d));
    int64_t n = d->opt->accounts;
    for (int64_t i = 0; i < n; i++) {
        DEMO_TRY(one_account(d, i));
        arena_free(&d->tmp);
        if (d->opt->progress && ((i & 255) == 255 || i + 1 == n)) d->opt->progress(d->opt->progress_ud, i + 1, n);
    }
    DEMO_TRY(demo_company_years(d));
    DEMO_TRY(demo_competency_ratings(d));
    DEMO_TRY(demo_users(d));
    DEMO_TRY(demo_assessment(d));
    arena_free(&d->tmp);
    return KAM_OK;
}

ErrCode demo_run(Ctx *c, const DemoOptions *opt, DemoSummary *sum)
{
    if (opt->accounts < 1 || opt->accounts > DEMO_MAX_ACCOUNTS)
        return err_field(c->err, KAM_EINPUT, "accounts", "accounts: from 1 to %d", DEMO_MAX_ACCOUNTS);
    if (demo_check_empty(c)) return c->err->code;
    memset(sum, 0, sizeof *sum);
    Demo d;
    memset(&d, 0, sizeof d);
    d.c = c;
    d.db = c->db;
    d.err = c->err;
    d.opt = opt;
    d.sum = sum;
    d.now = c->now;
    memcpy(d.today, c->today, sizeof d.today);
    d.today_days = date_days(d.today);
    memcpy(d.month, d.today, 7);
    d.month[7] = 0;
    d.year = atoi(d.today);
    rng_seed(&d.rng, opt->seed);
    arena_init(&d.tmp, 64 * 1024);
    d.name_cap = 1024;
    while (d.name_cap < (size_t)opt->accounts * 2) d.name_cap *= 2;
    d.name_hash = calloc(d.name_cap, sizeof(uint64_t));
    if (!d.name_hash) abort();
    sum->accounts = opt->accounts;

    ErrCode rc = db_begin(c->db, c->err);
    if (!rc) rc = run_all(&d);
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    arena_free(&d.tmp);
    free(d.status);
    free(d.kam_of);
    free(d.name_hash);
    return rc;
}
