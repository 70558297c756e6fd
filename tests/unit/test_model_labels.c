/* Every label the model needs on a page is in both catalogues: each record
 * kind (singular and plural), each field, each choice of an enum field. A
 * missing one would show a made-up English label on an Italian page. */
#include "testutil.h"

#include "svc/entity.h"
#include "web/i18n.h"

#include <stdio.h>

static int missing_in(Lang lang, const char *key)
{
    if (tr_has(lang, key)) return 0;
    print_message("missing %s: %s\n", lang_code(lang), key);
    return 1;
}

static int missing_key(const char *key) { return missing_in(LANG_EN, key) + missing_in(LANG_IT, key); }

static void every_model_label_is_in_both_catalogues(void **state)
{
    (void)state;
    Err err;
    err_clear(&err);
    assert_int_equal(i18n_init(&err), KAM_OK);
    int missing = 0;
    char key[256];
    for (const EntityDef *const *d = kEntities; *d; d++) {
        snprintf(key, sizeof key, "entity.%s", (*d)->name);
        missing += missing_key(key);
        snprintf(key, sizeof key, "entity.%s.plural", (*d)->plural);
        missing += missing_key(key);
        for (const FieldDef *f = (*d)->fields; f->name; f++) {
            if (f->flags & FF_SECRET) continue;
            snprintf(key, sizeof key, "field.%s", f->name);
            missing += missing_key(key);
            if (f->type != FT_ENUM || !f->choices) continue;
            for (const char *const *c = f->choices; *c; c++) {
                snprintf(key, sizeof key, "enum.%s.%s", f->name, *c);
                missing += missing_key(key);
            }
        }
    }
    assert_int_equal(missing, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_model_label_is_in_both_catalogues),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
