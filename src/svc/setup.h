/* Creating a new kam database: schema, organisation, programme defaults. */
#ifndef KAM_SETUP_H
#define KAM_SETUP_H

#include "ctx.h"

typedef struct SetupOptions {
    const char *name;     /* our organisation */
    const char *currency; /* ISO 4217, default EUR */
    const char *lang;     /* default language of the organisation: en or it */
} SetupOptions;

/* On an empty database: run the migrations and insert the organisation, the
 * programme charter with its defaults, the default selection criteria and the
 * default KAM competency model (the JSON files in data/seed, embedded). One transaction
 * per step; refuses a database that already holds a kam organisation. */
ErrCode setup_init(Ctx *c, const SetupOptions *opt);

#endif
