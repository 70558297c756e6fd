/* Hash maps (see map.h): linear probing, load factor at most 1/2. */
#include "map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("kam: out of memory\n", stderr);
        abort();
    }
    return p;
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static uint64_t hash_int(int64_t k)
{
    uint64_t x = (uint64_t)k; /* splitmix64 finaliser */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

bool strmap_get(const StrMap *m, const char *key, int64_t *val)
{
    if (!m->cap) return false;
    for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) return false;
        if (strcmp(m->keys[i], key) == 0) {
            if (val) *val = m->vals[i];
            return true;
        }
    }
}

static void strmap_grow(StrMap *m)
{
    StrMap g = {.cap = m->cap ? m->cap * 2 : 64};
    g.keys = xcalloc(g.cap, sizeof *g.keys);
    g.vals = xcalloc(g.cap, sizeof *g.vals);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = hash_str(m->keys[i]) & (g.cap - 1);
        while (g.keys[j]) j = (j + 1) & (g.cap - 1);
        g.keys[j] = m->keys[i];
        g.vals[j] = m->vals[i];
        g.n++;
    }
    free(m->keys);
    free(m->vals);
    *m = g;
}

void strmap_put(StrMap *m, const char *key, int64_t val)
{
    if ((m->n + 1) * 2 > m->cap) strmap_grow(m);
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0) i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) {
        size_t n = strlen(key) + 1;
        m->keys[i] = xcalloc(n, 1);
        memcpy(m->keys[i], key, n);
        m->n++;
    }
    m->vals[i] = val;
}

void strmap_free(StrMap *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

bool intmap_get(const IntMap *m, int64_t key, int64_t *val)
{
    if (!m->cap) return false;
    for (size_t i = hash_int(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) return false;
        if (m->keys[i] == key) {
            if (val) *val = m->vals[i];
            return true;
        }
    }
}

static void intmap_grow(IntMap *m)
{
    IntMap g = {.cap = m->cap ? m->cap * 2 : 1024};
    g.keys = xcalloc(g.cap, sizeof *g.keys);
    g.vals = xcalloc(g.cap, sizeof *g.vals);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = hash_int(m->keys[i]) & (g.cap - 1);
        while (g.keys[j]) j = (j + 1) & (g.cap - 1);
        g.keys[j] = m->keys[i];
        g.vals[j] = m->vals[i];
        g.n++;
    }
    free(m->keys);
    free(m->vals);
    *m = g;
}

void intmap_put(IntMap *m, int64_t key, int64_t val)
{
    if ((m->n + 1) * 2 > m->cap) intmap_grow(m);
    size_t i = hash_int(key) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->n++;
    }
    m->vals[i] = val;
}

void intmap_free(IntMap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
