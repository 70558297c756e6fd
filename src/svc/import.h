/* CSV import of accounts, contacts and KPI measurements (import.c,
 * import_kpi.c); the JSON dump of `kam import all` is in export.h.
 *
 * One import is one transaction: any bad row and nothing is imported; the
 * error names the file, the row, the column and the value, e.g.
 *   accounts.csv: row 412, column "Annual Revenue": "12,5 M" is not a number
 * A dry run does the whole import, reports each row it would add or change,
 * and rolls back.
 *
 * Columns are matched by their header, ignoring case, spaces and
 * punctuation, against each field's known names (the headers of the usual
 * CRM exports: Salesforce, HubSpot, Italian spreadsheets; for accounts also
 * any editable account field by its own name); --map COLUMN=field decides
 * where the names do not. Columns nobody claims are ignored and listed. In
 * ';' files numbers are written the Italian way ("1.234,5").
 *
 * Matching, so that importing the same file twice changes nothing (and no
 * version moves) the second time:
 *   accounts  on the account's external id (ext_id), which every row needs;
 *             an empty cell leaves the stored value alone;
 *   contacts  on the person's external id; the account by its external id,
 *             else its exact name; a contact found at another account moves
 *             (the old position's holder ends today, history kept);
 *   kpis      KPI measurements: the KPI by account (external id or name;
 *             empty: a programme KPI) and code, the measurement by KPI and
 *             period (YYYY-MM).
 * Accounts and contacts are written through the entity layer and
 * svc/people.c (access rules, validation, versions, audit log). Measurements
 * come by the million and are written in bulk (import_kpi.c), with the same
 * checks; a changed measurement goes through the entity layer, and each
 * account gets one audit entry per import for its new and changed ones. */
#ifndef KAM_IMPORT_H
#define KAM_IMPORT_H

#include "ctx.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum ImportKind {
    IMPORT_ACCOUNTS = 1,
    IMPORT_CONTACTS,
    IMPORT_KPIS, /* KPI measurements */
} ImportKind;

/* One row that is added or changed (for a dry run's report). */
typedef struct ImportRowNote {
    int64_t row;         /* as a spreadsheet numbers it: the header is row 1 */
    bool added;          /* false: changed */
    const char *what;    /* the record, for people */
    const char *changes; /* the fields that change ("" when added) */
} ImportRowNote;

typedef struct ImportOptions {
    const char *name; /* the file's name, for messages */
    FILE *f;          /* opened (and closed) by the caller */
    const char *map;  /* --map COLUMN=field,…, or NULL */
    bool dry_run;
    void (*on_row)(void *ud, const ImportRowNote *n); /* may be NULL */
    void (*progress)(void *ud, int64_t bytes);        /* bytes read so far; may be NULL */
    void *ud;
} ImportOptions;

typedef struct ImportResult {
    int64_t rows, added, changed, unchanged;
    const char *ignored; /* header names no field took, quoted, comma-separated */
} ImportResult;

/* "accounts", "contacts", "kpis" (or "kpi_measurements"). */
bool import_kind_parse(const char *s, ImportKind *out);
ErrCode import_csv(Ctx *c, ImportKind kind, const ImportOptions *o, ImportResult *out);

#endif
