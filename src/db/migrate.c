#include "migrate.h"

#include "../core/embedded.h"

#include <stdlib.h>

/* Migrations are numbered by their position in kam_migrations (the build
 * embeds every file in src/db/sql sorted by name, so 0001_… is version 1). */
int migrate_latest(void)
{
    int n = 0;
    while (kam_migrations[n].name) n++;
    return n;
}

ErrCode migrate_up(Db *db, Err *err, int *applied)
{
    int have = 0, latest = migrate_latest();
    if (applied) *applied = 0;
    if (db_schema_version(db, err, &have)) return err->code;
    if (have > latest)
        return err_set(err, KAM_EINPUT,
                       "the database is at schema version %d, newer than this kam understands (%d): "
                       "use a newer kam",
                       have, latest);
    for (int v = have + 1; v <= latest; v++) {
        const EmbeddedFile *m = &kam_migrations[v - 1];
        char *ddl = db_translate_ddl(db, (const char *)m->data);
        ErrCode rc = db_begin(db, err);
        if (rc == KAM_OK) rc = db_exec_script(db, err, ddl);
        if (rc == KAM_OK) rc = db_set_schema_version(db, err, v);
        if (rc == KAM_OK) rc = db_commit(db, err);
        free(ddl);
        if (rc != KAM_OK) {
            db_rollback(db);
            err_prefix(err, "migration %s: ", m->name);
            return rc;
        }
        if (applied) (*applied)++;
    }
    return KAM_OK;
}

ErrCode migrate_check(Db *db, Err *err)
{
    int have = 0, latest = migrate_latest();
    if (db_schema_version(db, err, &have)) return err->code;
    if (have == 0)
        return err_set(err, KAM_EINPUT, "%s is empty: create the kam database with `kam init`", db_target(db));
    if (have > latest)
        return err_set(err, KAM_EINPUT,
                       "%s is at schema version %d, newer than this kam understands (%d): use a newer kam",
                       db_target(db), have, latest);
    if (have < latest)
        return err_set(err, KAM_EINPUT,
                       "%s is at schema version %d and this kam needs %d: run `kam db migrate` "
                       "(after `kam backup FILE`)",
                       db_target(db), have, latest);
    return KAM_OK;
}
