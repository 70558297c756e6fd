#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_DEFAULT_CHUNK (16 * 1024)
#define ARENA_ALIGN 16

struct ArenaChunk {
    ArenaChunk *next;
    size_t size; /* usable bytes in data[] */
    size_t used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("kam: out of memory\n", stderr);
        abort();
    }
    return p;
}

void arena_init(Arena *a, size_t chunk_size)
{
    a->head = NULL;
    a->chunk_size = chunk_size ? chunk_size : ARENA_DEFAULT_CHUNK;
    a->total = 0;
}

void arena_free(Arena *a)
{
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

static size_t align_up(size_t n) { return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1); }

void *arena_alloc(Arena *a, size_t n)
{
    if (n == 0) n = 1;
    n = align_up(n);
    ArenaChunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = a->chunk_size;
        if (n > size / 4) {
            /* Large blocks get a chunk of their own, placed behind the current
             * chunk so the current one keeps serving small allocations. */
            ArenaChunk *big = xmalloc(sizeof(ArenaChunk) + n);
            big->size = n;
            big->used = n;
            a->total += sizeof(ArenaChunk) + n;
            if (c) {
                big->next = c->next;
                c->next = big;
            } else {
                big->next = NULL;
                a->head = big;
            }
            memset(big->data, 0, n);
            return big->data;
        }
        c = xmalloc(sizeof(ArenaChunk) + size);
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
        a->total += sizeof(ArenaChunk) + size;
    }
    void *p = c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

void *arena_realloc(Arena *a, void *p, size_t old_n, size_t new_n)
{
    if (!p) return arena_alloc(a, new_n);
    if (new_n <= old_n) return p;
    ArenaChunk *c = a->head;
    size_t old_al = align_up(old_n ? old_n : 1);
    /* Extend in place when p is the most recent allocation of the head chunk. */
    if (c && (unsigned char *)p + old_al == c->data + c->used) {
        size_t extra = align_up(new_n) - old_al;
        if (c->size - c->used >= extra) {
            memset(c->data + c->used, 0, extra);
            c->used += extra;
            return p;
        }
    }
    void *q = arena_alloc(a, new_n);
    memcpy(q, p, old_n);
    return q;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    if (!s) return NULL;
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return arena_strdup(a, "");
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
