/* Who may see and change what (FRAMEWORK.md section 4), decided here and
 * nowhere else. Front-ends never hide links as a substitute: a service asked
 * for an account the actor may not see answers KAM_ENOTFOUND (404), a change
 * they may not make answers KAM_EFORBIDDEN (403). */
#ifndef KAM_ACL_H
#define KAM_ACL_H

#include "ctx.h"
#include "../core/buf.h"

enum AccountRights {
    AR_GUEST = 1u << 0,   /* the customer guest's narrow view */
    AR_READ = 1u << 1,    /* the whole account, read-only */
    AR_OPERATE = 1u << 2, /* operational data */
    AR_TEAM = 1u << 3,    /* team composition, KAM and sponsor */
    AR_SPONSOR = 1u << 4, /* sponsor duties: escalation decisions, reviews */
};

/* Rights of the actor on one account (0: none, the account is invisible). */
ErrCode acl_account_rights(Ctx *c, int64_t account_id, unsigned *rights);
bool acl_sees_programme(const Actor *a);
bool acl_edits_programme(const Actor *a);
bool acl_is_admin(const Actor *a);
bool acl_is_staff(const Actor *a); /* any role but guest and viewer */

/* Append an SQL condition restricting `col` (an account id column) to the
 * accounts the actor may see, with its arguments; appends nothing for roles
 * that see every account. The condition starts with " AND ". */
void acl_account_filter(const Actor *a, const char *col, Buf *sql, DbArg *args, int *nargs);

#endif
