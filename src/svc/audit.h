/* The audit log: who changed what, when, with the row before and after. */
#ifndef KAM_AUDIT_H
#define KAM_AUDIT_H

#include "ctx.h"

/* Record one change. before_json / after_json: the row as JSON, or NULL. */
ErrCode audit_write(Ctx *c, const char *action, const char *entity, int64_t entity_id,
                    int64_t account_id, const char *before_json, const char *after_json);

#endif
