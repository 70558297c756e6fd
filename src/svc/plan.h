/* Account plan versions (FRAMEWORK.md section 2; issue "Account plan"): the
 * plan of an account is what the workspace holds about it; freezing it
 * stores a snapshot (JSON) under a label, e.g. at the yearly planning, and
 * two versions (or a version and the live plan) are compared section by
 * section: items added, removed, and changed with the fields that changed.
 *
 * Snapshot: {"format": 1, "sections": {NAME: [record, ...], ...}} where the
 * "account" section holds the account's plan fields as one record and the
 * others the account's rows of each kind (entity JSON, without version and
 * timestamps, so only real changes differ). */
#ifndef KAM_PLAN_H
#define KAM_PLAN_H

#include "entity.h"

#include <jansson.h>

#define PLAN_NSECTIONS 12
extern const char *const kPlanSections[PLAN_NSECTIONS + 1]; /* "account", "customer_goals", ... */

typedef enum PlanChange { PLAN_ADDED, PLAN_REMOVED, PLAN_CHANGED } PlanChange;

typedef struct PlanDiffItem {
    PlanChange change;
    int64_t id;
    const char *title;   /* the item's title, name or label, else "#id" */
    const char **fields; /* PLAN_CHANGED: the fields that differ */
    int nfields;
} PlanDiffItem;

typedef struct PlanDiffSection {
    const char *name;
    PlanDiffItem *items;
    int n;
} PlanDiffSection;

/* The live plan of an account as a snapshot (the actor must read it). */
ErrCode plan_snapshot(Ctx *c, int64_t account_id, json_t **out);
/* Freeze the live plan under label (1-60 characters, unique per account);
 * needs operational rights. */
ErrCode plan_freeze(Ctx *c, int64_t account_id, const char *label, const char *note, int64_t *id);
/* The snapshot of a frozen version of the account (KAM_ENOTFOUND otherwise). */
ErrCode plan_load(Ctx *c, int64_t account_id, int64_t version_id, json_t **out);
/* Compare two snapshots: one PlanDiffSection per section in kPlanSections
 * order (n 0 when nothing changed). Pure. */
void plan_diff(Arena *a, json_t *from, json_t *to, PlanDiffSection out[PLAN_NSECTIONS]);

#endif
