/* Private to the CSV import (import.c, import_kpi.c): the state of one
 * import and the helpers both use. */
#ifndef KAM_IMPORT_INT_H
#define KAM_IMPORT_INT_H

#include "import.h"

#include "../core/map.h"
#include "csv.h"
#include "entity.h"

#define IMPORT_MAX_TARGETS 64 /* fields one file can fill */

typedef struct Measure Measure; /* import_kpi.c */

/* What one import is working with. */
typedef struct Job {
    Ctx *c;
    const ImportOptions *o;
    ImportKind kind;
    CsvReader csv;
    int ntargets;
    const char *field[IMPORT_MAX_TARGETS];
    int col[IMPORT_MAX_TARGETS];
    StrMap seen;     /* external ids of this file → row */
    StrMap accounts; /* account text → id */
    Measure *m;      /* KPI measurements */
    ImportResult *res;
    Arena *keep; /* the import's own arena (c->arena is per row while rows run) */
} Job;

/* The index of field among the file's targets, or -1. */
int job_target(const Job *j, const char *field);
/* The trimmed value of field in the current row; NULL when empty or when
 * the file has no such column. */
const char *job_val(Job *j, const char *field);
/* An error about the current row: "file: row N, column "H": message", the
 * column being the one mapped to field (when there is one). */
ErrCode job_fail(Job *j, ErrCode code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same for an error the entity layer reported in j->c->err. */
ErrCode job_fail_from(Job *j);
/* Count a row added (or changed) and tell o->on_row about it. */
void job_note(Job *j, bool added, const char *what, const char *changes);
/* The account a row names: by external id, else by exact name (cached). */
ErrCode job_account(Job *j, const char *text, int64_t *id);
/* The first row before row `before` whose values in the columns of fields
 * equal values (trimmed); 0 when the file cannot be read again (standard
 * input) or none does. Reads the file again from its start. */
int64_t job_first_row(Job *j, const char *const *fields, const char *const *values, int n,
                      int64_t before);

/* KPI measurements, in bulk (import_kpi.c). */
ErrCode measure_begin(Job *j);
ErrCode measurement_row(Job *j);
/* The audit entries of the import (one per account), before the commit. */
ErrCode measure_finish(Job *j);
void measure_free(Job *j);

#endif
