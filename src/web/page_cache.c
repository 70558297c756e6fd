/* The rendered-page cache (page_cache.h): a hash table of entries chained
 * per bucket, and a doubly linked list from the most to the least recently
 * used. Each entry is one malloc'd block: the struct, then the key, body,
 * nonce positions and header strings. */
#include "page_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Buckets: about one per 4 KiB of the limit, within these bounds. */
#define PC_MIN_BUCKETS      64
#define PC_MAX_BUCKETS      65536
#define PC_BYTES_PER_BUCKET 4096
/* Nonce occurrences remembered per entry (a page has one or two). */
#define PC_MAX_NONCES    16
#define PC_MAX_NONCE_LEN 128

typedef struct Entry Entry;
struct Entry {
    Entry *older, *newer; /* the LRU list */
    Entry *chain;         /* the next entry of the same bucket */
    uint64_t hash, version;
    size_t bytes; /* the whole block, for the limit */
    char *key;
    size_t keylen;
    int status;
    char *content_type;
    int nheaders;
    char *hname[PAGE_CACHE_MAX_HEADERS], *hvalue[PAGE_CACHE_MAX_HEADERS];
    char *body;
    size_t len;
    char nonce[PC_MAX_NONCE_LEN + 1]; /* the nonce of the response stored */
    size_t nonce_len;
    int nbody_nonces;
    size_t body_nonce[PC_MAX_NONCES]; /* where it appears in the body */
};

struct PageCache {
    pthread_mutex_t lock;
    Entry **bucket;
    size_t nbuckets; /* a power of two */
    Entry *newest, *oldest;
    size_t bytes, max_bytes;
    int entries;
    uint64_t hits, misses, stores, evictions;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

PageCache *page_cache_create(size_t max_bytes)
{
    PageCache *pc = calloc(1, sizeof *pc);
    if (!pc) abort();
    size_t n = PC_MIN_BUCKETS;
    while (n < PC_MAX_BUCKETS && n * PC_BYTES_PER_BUCKET < max_bytes) n *= 2;
    pc->bucket = calloc(n, sizeof *pc->bucket);
    if (!pc->bucket) abort();
    pc->nbuckets = n;
    pc->max_bytes = max_bytes;
    pthread_mutex_init(&pc->lock, NULL);
    return pc;
}

void page_cache_destroy(PageCache *pc)
{
    if (!pc) return;
    for (Entry *e = pc->newest, *next; e; e = next) {
        next = e->older;
        free(e);
    }
    free(pc->bucket);
    pthread_mutex_destroy(&pc->lock);
    free(pc);
}

/* Take e out of the LRU list. Lock held. */
static void entry_unlink(PageCache *pc, Entry *e)
{
    if (e->older)
        e->older->newer = e->newer;
    else
        pc->oldest = e->newer;
    if (e->newer)
        e->newer->older = e->older;
    else
        pc->newest = e->older;
}

/* Take e out of the LRU list and its bucket, and free it. Lock held. */
static void entry_drop(PageCache *pc, Entry *e)
{
    Entry **pp = &pc->bucket[e->hash & (pc->nbuckets - 1)];
    while (*pp != e) pp = &(*pp)->chain;
    *pp = e->chain;
    entry_unlink(pc, e);
    pc->bytes -= e->bytes;
    pc->entries--;
    free(e);
}

/* Put e at the most recently used end. Lock held; e not in the list. */
static void entry_link_newest(PageCache *pc, Entry *e)
{
    e->newer = NULL;
    e->older = pc->newest;
    if (pc->newest)
        pc->newest->newer = e;
    else
        pc->oldest = e;
    pc->newest = e;
}

/* The entry of key, or NULL. Lock held. */
static Entry *entry_find(PageCache *pc, const char *key, size_t keylen, uint64_t h)
{
    for (Entry *e = pc->bucket[h & (pc->nbuckets - 1)]; e; e = e->chain)
        if (e->hash == h && e->keylen == keylen && memcmp(e->key, key, keylen) == 0) return e;
    return NULL;
}

static size_t str_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* Copy s to *at, advance *at; NULL stays NULL. */
static char *place_str(char **at, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *d = memcpy(*at, s, n);
    *at += n;
    return d;
}

/* A new entry holding a copy of everything; NULL when it cannot be kept. */
static Entry *entry_build(const char *key, size_t keylen, uint64_t version, const PageData *page,
                          const char *nonce)
{
    size_t nonce_len = nonce ? strlen(nonce) : 0;
    if (nonce_len > PC_MAX_NONCE_LEN || page->nheaders > PAGE_CACHE_MAX_HEADERS) return NULL;
    size_t size = sizeof(Entry) + keylen + page->len + 1 + str_size(page->content_type);
    for (int i = 0; i < page->nheaders; i++)
        size += str_size(page->headers[i].name) + str_size(page->headers[i].value);
    Entry *e = calloc(1, size);
    if (!e) return NULL;
    char *at = (char *)(e + 1);
    e->bytes = size;
    e->version = version;
    e->hash = hash_bytes(key, keylen);
    e->key = memcpy(at, key, keylen);
    e->keylen = keylen;
    at += keylen;
    e->body = memcpy(at, page->body, page->len);
    e->len = page->len;
    at += page->len;
    *at++ = 0;
    e->status = page->status;
    e->content_type = place_str(&at, page->content_type);
    e->nheaders = page->nheaders;
    for (int i = 0; i < page->nheaders; i++) {
        e->hname[i] = place_str(&at, page->headers[i].name);
        e->hvalue[i] = place_str(&at, page->headers[i].value);
    }
    if (nonce_len) {
        memcpy(e->nonce, nonce, nonce_len + 1);
        e->nonce_len = nonce_len;
        for (const char *p = e->body;
             (p = memmem(p, e->len - (size_t)(p - e->body), nonce, nonce_len)); p += nonce_len) {
            if (e->nbody_nonces == PC_MAX_NONCES) {
                free(e);
                return NULL;
            }
            e->body_nonce[e->nbody_nonces++] = (size_t)(p - e->body);
        }
    }
    return e;
}

bool page_cache_put(PageCache *pc, const char *key, size_t keylen, uint64_t version,
                    const PageData *page, const char *nonce)
{
    if (!pc || !version) return false;
    Entry *e = entry_build(key, keylen, version, page, nonce);
    if (!e) return false;
    if (e->bytes > pc->max_bytes / 4) {
        free(e);
        return false;
    }
    pthread_mutex_lock(&pc->lock);
    Entry *old = entry_find(pc, key, keylen, e->hash);
    if (old) entry_drop(pc, old);
    while (pc->oldest && pc->bytes + e->bytes > pc->max_bytes) {
        entry_drop(pc, pc->oldest);
        pc->evictions++;
    }
    Entry **head = &pc->bucket[e->hash & (pc->nbuckets - 1)];
    e->chain = *head;
    *head = e;
    entry_link_newest(pc, e);
    pc->bytes += e->bytes;
    pc->entries++;
    pc->stores++;
    pthread_mutex_unlock(&pc->lock);
    return true;
}

/* s with every occurrence of from replaced by to (same length), in a. */
static const char *swap_token(Arena *a, const char *s, const char *from, const char *to, size_t n)
{
    if (!s || !n || !strstr(s, from)) return s ? arena_strdup(a, s) : NULL;
    char *d = arena_strdup(a, s);
    for (char *p = d; (p = strstr(p, from)); p += n) memcpy(p, to, n);
    return d;
}

bool page_cache_get(PageCache *pc, const char *key, size_t keylen, uint64_t version,
                    const char *nonce, Arena *a, PageData *out, char **body_out)
{
    *body_out = NULL;
    if (!pc || !version) return false;
    size_t nonce_len = nonce ? strlen(nonce) : 0;
    uint64_t h = hash_bytes(key, keylen);
    pthread_mutex_lock(&pc->lock);
    Entry *e = entry_find(pc, key, keylen, h);
    if (e && e->version != version) { /* the data changed since: never useful again */
        entry_drop(pc, e);
        e = NULL;
    }
    if (!e || e->nonce_len != nonce_len) {
        pc->misses++;
        pthread_mutex_unlock(&pc->lock);
        return false;
    }
    entry_unlink(pc, e);
    entry_link_newest(pc, e);
    char *body = malloc(e->len + 1);
    if (!body) abort();
    memcpy(body, e->body, e->len + 1);
    for (int i = 0; i < e->nbody_nonces; i++) memcpy(body + e->body_nonce[i], nonce, nonce_len);
    memset(out, 0, sizeof *out);
    out->status = e->status;
    out->content_type = e->content_type ? arena_strdup(a, e->content_type) : NULL;
    out->nheaders = e->nheaders;
    for (int i = 0; i < e->nheaders; i++) {
        out->headers[i].name = arena_strdup(a, e->hname[i]);
        out->headers[i].value = swap_token(a, e->hvalue[i], e->nonce, nonce, nonce_len);
    }
    out->body = body;
    out->len = e->len;
    pc->hits++;
    pthread_mutex_unlock(&pc->lock);
    *body_out = body;
    return true;
}

void page_cache_stats(PageCache *pc, PageCacheStats *out)
{
    memset(out, 0, sizeof *out);
    if (!pc) return;
    pthread_mutex_lock(&pc->lock);
    out->hits = pc->hits;
    out->misses = pc->misses;
    out->stores = pc->stores;
    out->evictions = pc->evictions;
    out->bytes = pc->bytes;
    out->max_bytes = pc->max_bytes;
    out->entries = pc->entries;
    pthread_mutex_unlock(&pc->lock);
}
