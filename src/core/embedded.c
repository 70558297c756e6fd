#include "embedded.h"

#include <string.h>

const EmbeddedFile *embedded_find(const EmbeddedFile *table, const char *name)
{
    for (; table && table->name; table++)
        if (strcmp(table->name, name) == 0) return table;
    return NULL;
}
