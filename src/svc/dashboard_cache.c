/* The dashboard answered from memory while the database is unchanged.
 *
 * On the 100,000-account demo most of the dashboard's time is reading
 * scattered rows; an executive's repeated views (and the API's polling) need
 * not pay it again when nothing changed. Changes are seen through the
 * database layer's data version (db_data_version, src/db/db.c), the same one
 * the page cache of `kam serve` uses: it is taken with the request's read
 * snapshot and changes on every commit of this process and, through SQLite's
 * PRAGMA data_version, of any other (a page, the API, the CLI, an import,
 * sqlite3). The dashboard is computed inside that snapshot, so what is kept
 * is exactly the data of its version. The key holds everything else the
 * result depends on: the actor (access), the filter, today and the
 * language. Nothing is cached without a version (no read snapshot, a write
 * in the request, PostgreSQL) or when KAM_DASH_NOCACHE is set. */
#include "dashboard.h"

#include "../core/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 16

typedef struct Entry {
    bool used;
    uint64_t data_version;
    char *key;
    Arena arena; /* owns key and the copy of the dashboard */
    Dashboard d;
} Entry;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static Entry g_cache[CACHE_SLOTS];
static int g_next; /* round-robin replacement */

static const char *dup(Arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

/* A deep copy of src into dst, every string and array in a. */
static void copy_dashboard(Arena *a, Dashboard *dst, const Dashboard *src)
{
    *dst = *src;
    dst->filter.industry = dup(a, src->filter.industry);
    dst->filter.country = dup(a, src->filter.country);
    dst->acct = ARENA_ARRAY(a, DashAccount, src->nacc + 1);
    for (int i = 0; i < src->nacc; i++) {
        DashAccount *x = &dst->acct[i];
        *x = src->acct[i];
        x->name = dup(a, x->name);
        x->status = dup(a, x->status);
        x->kam = dup(a, x->kam);
        x->industry = dup(a, x->industry);
        x->country = dup(a, x->country);
    }
    dst->escalations = ARENA_ARRAY(a, DashEscalation, src->nescalations + 1);
    for (int i = 0; i < src->nescalations; i++) {
        DashEscalation *x = &dst->escalations[i];
        *x = src->escalations[i];
        x->title = dup(a, x->title);
        x->account = dup(a, x->account);
        x->due_on = dup(a, x->due_on);
        x->executive = dup(a, x->executive);
    }
    dst->rounds = ARENA_ARRAY(a, DashRound, src->nrounds + 1);
    for (int i = 0; i < src->nrounds; i++) {
        dst->rounds[i] = src->rounds[i];
        dst->rounds[i].name = dup(a, src->rounds[i].name);
        dst->rounds[i].opens_on = dup(a, src->rounds[i].opens_on);
    }
}

/* Everything the result depends on besides the data, as one string. */
static char *cache_key(Ctx *c, const DashFilter *f)
{
    const char *ind = f->industry ? f->industry : "", *cty = f->country ? f->country : "";
    return arena_printf(c->arena, "%d|%lld|%lld|%lld|%d|%lld|%zu:%s|%zu:%s|%d|%d|%s|%s",
                        (int)c->actor.role, (long long)c->actor.user_id,
                        (long long)c->actor.person_id, (long long)c->actor.guest_account_id,
                        (int)c->actor.viewer_programme, (long long)f->kam_id, strlen(ind), ind,
                        strlen(cty), cty, f->stage, f->quadrant, c->today, c->lang ? c->lang : "");
}

ErrCode dash_compute_cached(Ctx *c, const DashFilter *f, Dashboard *d)
{
    uint64_t version = db_data_version(c->db);
    if (!version || getenv("KAM_DASH_NOCACHE")) return dash_compute(c, f, d);
    char *key = cache_key(c, f);

    pthread_mutex_lock(&g_lock);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        Entry *x = &g_cache[i];
        if (x->used && x->data_version == version && str_eq(x->key, key)) {
            copy_dashboard(c->arena, d, &x->d);
            pthread_mutex_unlock(&g_lock);
            return KAM_OK;
        }
    }
    pthread_mutex_unlock(&g_lock);

    if (dash_compute(c, f, d)) return c->err->code;
    if (db_data_version(c->db) != version) return KAM_OK; /* a commit came in between */

    pthread_mutex_lock(&g_lock);
    Entry *x = NULL;
    for (int i = 0; i < CACHE_SLOTS && !x; i++) /* the same question asked before: replace it */
        if (g_cache[i].used && str_eq(g_cache[i].key, key)) x = &g_cache[i];
    if (!x) {
        x = &g_cache[g_next];
        g_next = (g_next + 1) % CACHE_SLOTS;
    }
    if (x->used) arena_free(&x->arena);
    arena_init(&x->arena, 64 * 1024);
    x->used = true;
    x->data_version = version;
    x->key = arena_strdup(&x->arena, key);
    copy_dashboard(&x->arena, &x->d, d);
    pthread_mutex_unlock(&g_lock);
    return KAM_OK;
}
