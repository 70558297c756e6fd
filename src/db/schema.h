/* The tables of kam's schema, read from the embedded migrations, and the
 * columns of one table as a backend reports them. Used by the commands that
 * move whole databases (`kam db copy`, `kam export all`, `kam import all`):
 * table and column names come from here, never from user input, so they can
 * be written into SQL text. */
#ifndef KAM_DB_SCHEMA_H
#define KAM_DB_SCHEMA_H

#include "../core/arena.h"
#include "db.h"

#define SCHEMA_MAX_TABLES 256
#define SCHEMA_MAX_COLS 128
#define SCHEMA_NAME_MAX 64

typedef enum ColType { COL_INT, COL_REAL, COL_TEXT } ColType;

typedef struct TableList {
    int n;
    char name[SCHEMA_MAX_TABLES][SCHEMA_NAME_MAX];
} TableList;

typedef struct Columns {
    int n;
    char name[SCHEMA_MAX_COLS][SCHEMA_NAME_MAX];
    ColType type[SCHEMA_MAX_COLS];
} Columns;

/* The tables of the current schema in the order the migrations create them
 * (a table comes after those it refers to). */
ErrCode schema_tables(Err *err, TableList *out);
/* Index of name in t, or -1. */
int table_find(const TableList *t, const char *name, size_t n);
/* The columns of table in db, with the kind of value each holds. */
ErrCode table_columns(Db *db, Err *err, const char *table, Columns *out);

/* On PostgreSQL, make the identity of each table continue after rows were
 * inserted with explicit ids (which do not move the sequence). SQLite needs
 * nothing: it continues after the largest id. */
ErrCode schema_fix_sequences(Db *db, Err *err, Arena *a, const TableList *tables);

#endif
