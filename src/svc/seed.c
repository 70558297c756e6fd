#include "seed.h"

ErrCode seed_defaults(Ctx *c)
{
    (void)c;
    return KAM_OK;
}
