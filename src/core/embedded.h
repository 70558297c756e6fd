/* Files compiled into the binary by tools/embed.py (migrations, assets,
 * catalogues). */
#ifndef KAM_EMBEDDED_H
#define KAM_EMBEDDED_H

#include <stddef.h>

typedef struct EmbeddedFile {
    const char *name;
    const unsigned char *data; /* NUL-terminated */
    size_t size;               /* without the NUL */
} EmbeddedFile;

/* The entry named name in a NULL-terminated table, or NULL. */
const EmbeddedFile *embedded_find(const EmbeddedFile *table, const char *name);

extern const EmbeddedFile kam_migrations[]; /* src/db/sql */
extern const EmbeddedFile kam_seed[];       /* data/seed: default criteria, competency model */
extern const EmbeddedFile kam_i18n[];       /* data/i18n: en.txt, it.txt */
extern const EmbeddedFile kam_assets[];     /* assets: CSS, JS, icons */

#endif
