/* Rules that span several fields of one entity, and side effects of writes
 * (history rows, derived status). Hooked into the EntityDefs of model.c. */
#ifndef KAM_MODEL_RULES_H
#define KAM_MODEL_RULES_H

#include "entity.h"

ErrCode person_validate(Ctx *c, Record *r, const Record *before);
ErrCode account_validate(Ctx *c, Record *r, const Record *before);
ErrCode account_after_write(Ctx *c, const Record *after, const Record *before);
ErrCode key_decision_validate(Ctx *c, Record *r, const Record *before);
ErrCode key_decision_after_write(Ctx *c, const Record *after, const Record *before);
ErrCode dates_in_order_validate(Ctx *c, Record *r, const Record *before);
ErrCode user_validate(Ctx *c, Record *r, const Record *before);
ErrCode contact_position_validate(Ctx *c, Record *r, const Record *before);
ErrCode position_holder_validate(Ctx *c, Record *r, const Record *before);
ErrCode position_holder_after_write(Ctx *c, const Record *after, const Record *before);
ErrCode action_item_validate(Ctx *c, Record *r, const Record *before);
ErrCode escalation_validate(Ctx *c, Record *r, const Record *before);
ErrCode kpi_validate(Ctx *c, Record *r, const Record *before);
ErrCode kpi_measurement_validate(Ctx *c, Record *r, const Record *before);
ErrCode criterion_score_validate(Ctx *c, Record *r, const Record *before);
ErrCode remark_validate(Ctx *c, Record *r, const Record *before);

/* Set a field of a record being validated (value copied into the arena). */
void record_put(Ctx *c, Record *r, const char *field, const char *value);

#endif
