/* The dashboard answered from memory while the database is unchanged.
 *
 * On the 100,000-account demo most of the dashboard's time is reading
 * scattered rows; an executive's repeated views (and the API's polling) need
 * not pay it again when nothing changed. Changes are watched through a
 * connection of the cache's own, on which SQLite's data_version changes
 * whenever any other connection commits: any write anywhere - a page, the
 * API, the CLI, an import, sqlite3 - makes the next request compute afresh
 * (the version is read before computing, so a write during the computation
 * is not hidden either). The key
 * holds everything the result depends on: the actor (access), the filter,
 * today and the language. PostgreSQL is not cached (no cheap equivalent of
 * data_version), nor is anything when KAM_DASH_NOCACHE is set. */
#include "dashboard.h"

#include "../core/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 16

typedef struct Entry {
    bool used;
    int64_t data_version;
    char *key;
    Arena arena; /* owns key and the copy of the dashboard */
    Dashboard d;
} Entry;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static Entry g_cache[CACHE_SLOTS];
static int g_next;  /* round-robin replacement */
static Db *g_watch; /* the cache's own connection, for data_version */
static char *g_watch_target;

/* The watcher's data_version for target (opened on first use); false when
 * it cannot be had. Call with the lock held. */
static bool watch_version(const char *target, int64_t *version)
{
    Err e = {0};
    if (g_watch && strcmp(g_watch_target, target) != 0) {
        db_close(g_watch);
        free(g_watch_target);
        g_watch = NULL;
        for (int i = 0; i < CACHE_SLOTS; i++)
            if (g_cache[i].used) {
                arena_free(&g_cache[i].arena);
                g_cache[i].used = false;
            }
    }
    if (!g_watch) {
        if (db_open(target, DB_OPEN_READONLY, &g_watch, &e)) return false;
        g_watch_target = strdup(target);
    }
    return db_one_int(g_watch, &e, "PRAGMA data_version", DB_NOARGS, version) == KAM_OK;
}

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
    if (db_kind(c->db) != DB_SQLITE || getenv("KAM_DASH_NOCACHE")) return dash_compute(c, f, d);
    int64_t version = 0;
    pthread_mutex_lock(&g_lock);
    bool watched = watch_version(db_target(c->db), &version);
    pthread_mutex_unlock(&g_lock);
    if (!watched) return dash_compute(c, f, d);
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
