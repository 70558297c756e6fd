/* Numbered schema migrations, embedded from src/db/sql/NNNN_*.sql. */
#ifndef KAM_MIGRATE_H
#define KAM_MIGRATE_H

#include "db.h"

/* The schema version this binary writes and understands. */
int migrate_latest(void);
/* Apply every migration newer than the database's version, each in its own
 * transaction. *applied (when given) receives how many ran. */
ErrCode migrate_up(Db *db, Err *err, int *applied);
/* KAM_OK when the database is exactly at migrate_latest(); otherwise an error
 * that says what to do (run `kam db migrate`, or upgrade kam). */
ErrCode migrate_check(Db *db, Err *err);

#endif
