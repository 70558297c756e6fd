/* Export of any kind of record as CSV or JSON, and of everything as one JSON
 * dump that `import all` loads into an empty database.
 *
 * A kind's export has the columns id, then the record's fields (never
 * secret ones such as password hashes), then version and timestamps; rows in
 * id order. CSV is RFC 4180 with a header, ',' and '.' decimals, UTF-8; JSON
 * is an array of objects. Numbers are written in their shortest exact form.
 *
 * The dump ("kam-dump" format 1) holds every table of the schema except
 * sign-in sessions and sign-in throttles, which are not data:
 *   {"format": "kam-dump", "version": 1, "schema": N,
 *    "tables": [{"name": "account", "columns": [...], "rows": [[...], ...]}, ...]}
 * one row per line, tables in the order their foreign keys need. Importing
 * it into a database that holds nothing but what `kam init` seeds gives the
 * same data, ids included (the seeded rows are replaced by the dump's), in
 * one transaction. Exports stream, so their memory does not grow with the
 * data; a dump is read whole, up to EXPORT_MAX_DUMP_BYTES (`kam db copy`
 * moves bigger databases). */
#ifndef KAM_EXPORT_H
#define KAM_EXPORT_H

#include "ctx.h"
#include "entity.h"

#include <stdio.h>

#define EXPORT_MAX_DUMP_BYTES ((size_t)1 << 30)

typedef enum ExportFormat { EXPORT_CSV, EXPORT_JSON } ExportFormat;

typedef struct ExportProgress {
    void (*step)(void *ud, int64_t rows_done);
    void *ud;
} ExportProgress;

/* Rows the export of def would write (for a progress bar). */
ErrCode export_count(Ctx *c, const EntityDef *def, int64_t *rows);
ErrCode export_kind(Ctx *c, const EntityDef *def, ExportFormat fmt, FILE *out, const ExportProgress *p);
/* Rows of the whole dump. */
ErrCode export_all_count(Ctx *c, int64_t *rows);
ErrCode export_all(Ctx *c, FILE *out, const ExportProgress *p);

typedef struct ImportAllResult {
    int tables;
    int64_t rows;
} ImportAllResult;
ErrCode import_all(Ctx *c, const char *path, const ExportProgress *p, ImportAllResult *out);

#endif
