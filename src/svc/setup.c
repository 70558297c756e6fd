#include "setup.h"

#include "seed.h"
#include "../core/text.h"

#include <string.h>
#include "../db/migrate.h"

ErrCode setup_init(Ctx *c, const SetupOptions *opt)
{
    int version = 0;
    if (db_schema_version(c->db, c->err, &version)) return c->err->code;
    if (version > 0) {
        int64_t n = 0;
        if (db_one_int(c->db, c->err, "SELECT count(*) FROM org", DB_NOARGS, &n) == KAM_OK && n > 0)
            return err_set(c->err, KAM_EINPUT, "%s already holds a kam database; nothing was changed", db_target(c->db));
    }
    const char *name = opt->name && *opt->name ? opt->name : "Our company";
    const char *currency = opt->currency && *opt->currency ? opt->currency : "EUR";
    const char *lang = opt->lang && *opt->lang ? opt->lang : "en";
    if (strlen(currency) != 3) return err_field(c->err, KAM_EINPUT, "currency", "currency: use a three-letter code such as EUR");
    if (!str_eq(lang, "en") && !str_eq(lang, "it")) return err_field(c->err, KAM_EINPUT, "lang", "lang: en or it");
    if (!utf8_valid(name, strlen(name), NULL) || utf8_len(name) > 200)
        return err_field(c->err, KAM_EINPUT, "name", "name: up to 200 characters of valid UTF-8");
    if (migrate_up(c->db, c->err, NULL)) return c->err->code;
    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = db_exec(c->db, c->err,
                         "INSERT INTO org (id, name, currency, default_lang, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)",
                         DB_ARGS(DT(name), DT(currency), DT(lang), DI(c->now), DI(c->now)));
    if (!rc)
        rc = db_exec(c->db, c->err, "INSERT INTO programme (id, created_at, updated_at) VALUES (1, ?, ?)",
                     DB_ARGS(DI(c->now), DI(c->now)));
    if (!rc) rc = seed_defaults(c);
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}
