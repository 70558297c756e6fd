/* Small open-addressing hash maps for bulk work (imports): text → integer
 * and integer → integer. They own their memory (malloc), grow by doubling,
 * and abort on out-of-memory like the arena does. */
#ifndef KAM_MAP_H
#define KAM_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct StrMap {
    size_t cap, n;
    char **keys;
    int64_t *vals;
} StrMap;

bool strmap_get(const StrMap *m, const char *key, int64_t *val);
void strmap_put(StrMap *m, const char *key, int64_t val); /* adds or replaces */
void strmap_free(StrMap *m);

/* Keys must not be 0 (0 marks an empty slot). */
typedef struct IntMap {
    size_t cap, n;
    int64_t *keys;
    int64_t *vals;
} IntMap;

bool intmap_get(const IntMap *m, int64_t key, int64_t *val);
void intmap_put(IntMap *m, int64_t key, int64_t val);
void intmap_free(IntMap *m);

#endif
