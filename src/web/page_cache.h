/* A cache of rendered responses, in the manner of cgit's page cache: the
 * bytes of a GET answer kept in memory under a key that holds everything
 * they depend on (app.c builds it: path and query, the user and session,
 * the language, today) and the database's data version (db_data_version),
 * so any committed write anywhere makes every older entry unreachable.
 *
 * The per-response CSP nonce is not part of what is stored: every place the
 * nonce of the rendering response appeared (body and header values) is
 * remembered and filled with the fresh nonce of each response served from
 * the cache.
 *
 * Bounded: at most max_bytes of entries (keys, bodies, headers), the least
 * recently used dropped first; an entry larger than a quarter of the limit
 * is not kept. Thread-safe: one mutex, held only to find, copy or link an
 * entry. A pure data structure: no database, no HTTP (tests/unit). */
#ifndef KAM_PAGE_CACHE_H
#define KAM_PAGE_CACHE_H

#include "../core/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_CACHE_MAX_HEADERS 16 /* response headers one entry keeps */

typedef struct PageCache PageCache;

/* A response as the cache takes and gives it. */
typedef struct PageData {
    int status;
    const char *content_type;
    int nheaders;
    struct {
        const char *name;
        const char *value;
    } headers[PAGE_CACHE_MAX_HEADERS];
    const char *body;
    size_t len;
} PageData;

typedef struct PageCacheStats {
    uint64_t hits, misses, stores, evictions;
    size_t bytes, max_bytes;
    int entries;
} PageCacheStats;

/* A cache holding at most max_bytes (> 0). */
PageCache *page_cache_create(size_t max_bytes);
void page_cache_destroy(PageCache *pc);

/* Keep a copy of page under key (keylen bytes, any content) at version,
 * replacing an entry of the same key. nonce (NUL-terminated, may be NULL):
 * the token to replace on later hits. False when the page is not kept
 * (too large, too many headers, version 0). */
bool page_cache_put(PageCache *pc, const char *key, size_t keylen, uint64_t version,
                    const PageData *page, const char *nonce);

/* The page stored under key at version, with the stored nonce replaced by
 * nonce (same length, else the entry is not used). Header strings and the
 * content type are copied into a; the body into *body_out, malloc'd (the
 * caller frees it), which out->body also points to. An entry of another
 * version is dropped. */
bool page_cache_get(PageCache *pc, const char *key, size_t keylen, uint64_t version,
                    const char *nonce, Arena *a, PageData *out, char **body_out);

void page_cache_stats(PageCache *pc, PageCacheStats *out);

#endif
