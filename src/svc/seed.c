/* Default content of a new database, read from the JSON files of data/seed
 * that the build compiles into the binary (kam_seed, core/embedded.h):
 *   criteria.json      the two selection-criteria sets with weights and the
 *                      descriptors of the 1-10 scale;
 *   competencies.json  the KAM competency model (areas, competencies, five
 *                      level descriptors);
 *   assessment.json    the builtin assessment catalogue (loaded and checked
 *                      by assess.c, which also imports custom versions).
 * Every text comes in English and Italian; a file that lacks one, or a set
 * whose weights do not sum to 100, is a build defect and fails `kam init`. */
#include "seed.h"

#include "assess.h"

#include "../core/embedded.h"
#include "../core/text.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

/* The parsed file, or KAM_EINTERNAL naming it. *root must be json_decref'd. */
static ErrCode seed_parse(Ctx *c, const char *name, json_t **root)
{
    const EmbeddedFile *f = embedded_find(kam_seed, name);
    if (!f)
        return err_set(c->err, KAM_EINTERNAL, "the seed file %s is not built into this kam", name);
    json_error_t je;
    *root = json_loadb((const char *)f->data, f->size, 0, &je);
    if (!*root)
        return err_set(c->err, KAM_EINTERNAL, "seed file %s, line %d: %s", name, je.line, je.text);
    return KAM_OK;
}

/* obj[key][lang] as a non-empty string, or NULL. */
static const char *lang_text(json_t *obj, const char *key, const char *lang)
{
    json_t *t = key ? json_object_get(obj, key) : obj;
    const char *s = json_string_value(json_object_get(t, lang));
    return s && *s ? s : NULL;
}

/* Both languages of obj[key] (key NULL: obj itself holds "en" and "it"). */
static ErrCode both_langs(Ctx *c, const char *file, const char *what, json_t *obj, const char *key,
                          const char **en, const char **it)
{
    *en = lang_text(obj, key, "en");
    *it = lang_text(obj, key, "it");
    if (!*en || !*it)
        return err_set(c->err, KAM_EINTERNAL, "seed file %s: %s lacks its %s text in %s", file,
                       what, key ? key : "level", !*en ? "English" : "Italian");
    return KAM_OK;
}

static ErrCode seed_criteria(Ctx *c)
{
    static const char *const file = "criteria.json";
    json_t *root;
    if (seed_parse(c, file, &root)) return c->err->code;
    json_t *list = json_object_get(root, "criteria");
    ErrCode rc =
        json_is_array(list) && json_array_size(list) > 0
            ? KAM_OK
            : err_set(c->err, KAM_EINTERNAL, "seed file %s has no \"criteria\" list", file);
    double sum[2] = {0, 0};
    size_t i;
    json_t *cr;
    json_array_foreach(list, i, cr)
    {
        if (rc) break;
        const char *set = json_string_value(json_object_get(cr, "set"));
        const char *code = json_string_value(json_object_get(cr, "code"));
        json_t *w = json_object_get(cr, "weight");
        int si = str_eq(set, "attractiveness") ? 0 : str_eq(set, "strength") ? 1 : -1;
        if (si < 0 || !code || !json_is_number(w)) {
            rc = err_set(c->err, KAM_EINTERNAL,
                         "seed file %s: criterion %zu needs set, code and weight", file, i + 1);
            break;
        }
        sum[si] += json_number_value(w);
        const char *name_en, *name_it, *desc_en, *desc_it;
        if ((rc = both_langs(c, file, code, cr, "name", &name_en, &name_it))) break;
        if ((rc = both_langs(c, file, code, cr, "description", &desc_en, &desc_it))) break;
        int64_t id = 0;
        rc = db_insert(
            c->db, c->err,
            "INSERT INTO criterion (criterion_set, code, name_en, name_it, description_en,"
            " description_it, weight, sort, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            DB_ARGS(DT(set), DT(code), DT(name_en), DT(name_it), DT(desc_en), DT(desc_it),
                    DR(json_number_value(w)), DI((int64_t)(i + 1) * 10), DI(c->now), DI(c->now)),
            &id);
        size_t k;
        json_t *lv;
        json_array_foreach(json_object_get(cr, "levels"), k, lv)
        {
            if (rc) break;
            json_int_t level = json_integer_value(json_object_get(lv, "level"));
            const char *en, *it;
            if ((rc = both_langs(c, file, code, lv, NULL, &en, &it))) break;
            if (level < 1 || level > 10) {
                rc = err_set(c->err, KAM_EINTERNAL, "seed file %s: %s has a level outside 1-10",
                             file, code);
                break;
            }
            rc = db_exec(
                c->db, c->err,
                "INSERT INTO criterion_level (criterion_id, level, descriptor_en, descriptor_it,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                DB_ARGS(DI(id), DI(level), DT(en), DT(it), DI(c->now), DI(c->now)));
        }
    }
    for (int s = 0; !rc && s < 2; s++)
        if (fabs(sum[s] - 100.0) > 1e-9)
            rc = err_set(c->err, KAM_EINTERNAL, "seed file %s: the %s weights sum to %g, not 100",
                         file, s ? "strength" : "attractiveness", sum[s]);
    json_decref(root);
    return rc;
}

static ErrCode seed_competencies(Ctx *c)
{
    static const char *const file = "competencies.json";
    json_t *root;
    if (seed_parse(c, file, &root)) return c->err->code;
    json_t *areas = json_object_get(root, "areas");
    ErrCode rc = json_is_array(areas) && json_array_size(areas) > 0
                     ? KAM_OK
                     : err_set(c->err, KAM_EINTERNAL, "seed file %s has no \"areas\" list", file);
    size_t i;
    json_t *ar;
    int sort = 0;
    json_array_foreach(areas, i, ar)
    {
        if (rc) break;
        const char *code = json_string_value(json_object_get(ar, "code"));
        const char *en, *it;
        if (!code) {
            rc = err_set(c->err, KAM_EINTERNAL, "seed file %s: area %zu has no code", file, i + 1);
            break;
        }
        if ((rc = both_langs(c, file, code, ar, "name", &en, &it))) break;
        int64_t area_id = 0;
        rc = db_insert(
            c->db, c->err,
            "INSERT INTO competency_area (code, name_en, name_it, sort, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            DB_ARGS(DT(code), DT(en), DT(it), DI((int64_t)(i + 1) * 10), DI(c->now), DI(c->now)),
            &area_id);
        size_t k;
        json_t *cp;
        json_array_foreach(json_object_get(ar, "competencies"), k, cp)
        {
            if (rc) break;
            const char *ccode = json_string_value(json_object_get(cp, "code"));
            const char *den, *dit;
            if (!ccode) {
                rc = err_set(c->err, KAM_EINTERNAL, "seed file %s: a competency of %s has no code",
                             file, code);
                break;
            }
            if ((rc = both_langs(c, file, ccode, cp, "name", &en, &it))) break;
            if ((rc = both_langs(c, file, ccode, cp, "description", &den, &dit))) break;
            json_t *levels = json_object_get(cp, "levels");
            if (json_array_size(levels) != 5) {
                rc = err_set(c->err, KAM_EINTERNAL, "seed file %s: %s needs exactly 5 levels", file,
                             ccode);
                break;
            }
            int64_t comp_id = 0;
            sort += 10;
            rc =
                db_insert(c->db, c->err,
                          "INSERT INTO competency (area_id, code, name_en, name_it, description_en,"
                          " description_it, sort, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          DB_ARGS(DI(area_id), DT(ccode), DT(en), DT(it), DT(den), DT(dit),
                                  DI(sort), DI(c->now), DI(c->now)),
                          &comp_id);
            size_t l;
            json_t *lv;
            json_array_foreach(levels, l, lv)
            {
                if (rc) break;
                if ((rc = both_langs(c, file, ccode, lv, NULL, &en, &it))) break;
                rc = db_exec(c->db, c->err,
                             "INSERT INTO competency_level (competency_id, level, descriptor_en,"
                             " descriptor_it, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                             DB_ARGS(DI(comp_id), DI((int64_t)l + 1), DT(en), DT(it), DI(c->now),
                                     DI(c->now)));
            }
        }
    }
    json_decref(root);
    return rc;
}

ErrCode seed_defaults(Ctx *c)
{
    if (seed_criteria(c)) return c->err->code;
    if (seed_competencies(c)) return c->err->code;
    return as_catalogue_seed(c);
}
