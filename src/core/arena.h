/* Arena: a region allocator. Everything allocated from an arena is freed at
 * once by arena_free(); handlers and commands allocate and never free
 * (the h2o / lwan pattern). Allocation failure aborts: kam treats running out
 * of memory as fatal rather than threading ENOMEM through every call. */
#ifndef KAM_ARENA_H
#define KAM_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
    ArenaChunk *head;   /* current chunk, newest first */
    size_t chunk_size;  /* default size of a new chunk */
    size_t total;       /* bytes obtained from malloc, for limits and metrics */
} Arena;

/* Initialise an empty arena; chunk_size 0 picks a default (16 KiB). */
void arena_init(Arena *a, size_t chunk_size);
/* Release every chunk; the arena can be reused afterwards. */
void arena_free(Arena *a);
/* Zeroed memory, aligned for any type. */
void *arena_alloc(Arena *a, size_t n);
/* Grow a block previously returned by arena_alloc; cheap when it is the last. */
void *arena_realloc(Arena *a, void *p, size_t old_n, size_t new_n);
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
/* printf into the arena (plain C conversions only; no escaping). */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

#endif
