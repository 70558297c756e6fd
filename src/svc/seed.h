/* Default content of a new database: selection criteria with their level
 * descriptors, the KAM competency model, the assessment catalogue. */
#ifndef KAM_SEED_H
#define KAM_SEED_H

#include "ctx.h"

/* Insert the defaults (inside the caller's transaction). */
ErrCode seed_defaults(Ctx *c);

#endif
