/* A JSON body as the API receives it (jansson, duplicate keys refused) into
 * the entity layer: record_from_json, then ent_create on a real database
 * (a temporary SQLite file, set up like `kam init`, with one account). The
 * first byte picks the entity, the rest is the body. Properties:
 *   - every refusal is an input, conflict, permission or not-found error
 *     with a message — never an internal error, never a crash;
 *   - what was stored reads back with ent_get, every value valid UTF-8. */
#include "../../src/core/text.h"
#include "../../src/svc/entity.h"
#include "../../src/svc/setup.h"
#include "fuzz.h"

#include <jansson.h>
#include <string.h>
#include <unistd.h>

static Db *g_db; /* one database for the whole run: set up once */
static char g_path[256];

static void remove_db(void)
{
    char side[300];
    db_close(g_db);
    unlink(g_path);
    snprintf(side, sizeof side, "%s-wal", g_path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", g_path);
    unlink(side);
}

static void open_db(void)
{
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(g_path, sizeof g_path, "%s/kam-fuzz-XXXXXX", dir);
    int fd = mkstemp(g_path);
    FUZZ_CHECK(fd >= 0, "a temporary file can be made");
    close(fd);
    unlink(g_path);
    Err err = {0};
    FUZZ_CHECK(db_open(g_path, DB_OPEN_CREATE, &g_db, &err) == KAM_OK, "the database opens");
    Arena a;
    arena_init(&a, 0);
    Ctx c;
    ctx_init(&c, g_db, &a, &err, actor_system());
    SetupOptions opt = {.name = "Fuzz Org", .currency = "EUR", .lang = "en"};
    FUZZ_CHECK(setup_init(&c, &opt) == KAM_OK, "the organisation is set up");
    const EntityDef *acc = entity_find("account");
    Record *in, *out;
    json_t *j = json_pack("{s:s}", "name", "Acme SpA");
    FUZZ_CHECK(record_from_json(&c, acc, j, &in) == KAM_OK &&
                   ent_create(&c, acc, in, &out) == KAM_OK,
               "an account to refer to");
    json_decref(j);
    arena_free(&a);
    atexit(remove_db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_db) open_db();
    if (size < 1) return 0;
    int nent = 0;
    while (kEntities[nent]) nent++;
    const EntityDef *def = kEntities[data[0] % nent];
    json_error_t je;
    json_t *body = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &je);
    if (!body) return 0;
    Arena a;
    arena_init(&a, 0);
    Err err = {0};
    Ctx c;
    ctx_init(&c, g_db, &a, &err, actor_system());
    Record *in, *out;
    ErrCode rc = record_from_json(&c, def, body, &in);
    if (rc == KAM_OK) rc = ent_create(&c, def, in, &out);
    if (rc != KAM_OK) {
        FUZZ_CHECK(rc == KAM_EINPUT || rc == KAM_ECONFLICT || rc == KAM_EFORBIDDEN ||
                       rc == KAM_ENOTFOUND || rc == KAM_ELIMIT,
                   "a refused body is the caller's error, not an internal one");
        FUZZ_CHECK(err.msg[0] != 0, "a refusal says why");
    } else {
        Record *back;
        FUZZ_CHECK(ent_get(&c, def, out->id, &back) == KAM_OK, "what was created reads back");
        for (int i = 0; i < back->nfields; i++)
            if (back->val[i])
                FUZZ_CHECK(utf8_valid(back->val[i], strlen(back->val[i]), NULL),
                           "stored text is UTF-8");
    }
    if (rc != KAM_OK && getenv("FUZZ_VERBOSE")) fprintf(stderr, "%s: %s\n", def->name, err.msg);
    json_decref(body);
    arena_free(&a);
    return 0;
}
