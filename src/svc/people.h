/* People around an account (FRAMEWORK.md section 2, people - operational):
 * the customer's contacts as positions held over time, and our account team.
 * Every change goes through the entity layer (svc/entity.h), so access
 * control, validation and the audit log apply; multi-row changes run in one
 * transaction. */
#ifndef KAM_PEOPLE_H
#define KAM_PEOPLE_H

#include "entity.h"

typedef struct ContactNew {
    int64_t account_id;
    const char *name;        /* the person's full name (required) */
    const char *title;       /* the position's title; default "Contact" */
    const char *unit;        /* customer unit / department of the position */
    const char *buying_role; /* decision_maker ... champion, none */
    const char *influence;   /* 1-5 */
    const char *attitude;    /* -2..2 or opponent, sceptic, neutral, supporter, champion */
    const char *counterpart; /* our person: a login or a person id */
    const char *email, *phone;
    const char *ext_id; /* the person's id in another system (CRM), or NULL */
} ContactNew;

/* Person + position + current holder, in one transaction. */
ErrCode contact_add(Ctx *c, const ContactNew *n, int64_t *person_id, int64_t *position_id);

/* A person changes role: their current positions end today and, when
 * to_position is not 0, they hold that position from today (its previous
 * holder's time ends). to_position 0 vacates. History is kept. *ended
 * receives the number of positions left. */
ErrCode contact_move(Ctx *c, int64_t person_id, int64_t to_position, int *ended);

typedef struct ContactRow {
    const Record *position;
    int64_t holder_id; /* 0: vacant */
    const char *holder, *holder_email;
    const char *holder_since;
    const char *counterpart; /* our person's name, NULL if none */
} ContactRow;

ErrCode contact_list(Ctx *c, int64_t account_id, ContactRow **rows, int *n);

typedef struct HolderRow {
    int64_t id, person_id;
    const char *name, *from_on, *to_on, *note;
} HolderRow;

ErrCode contact_show(Ctx *c, int64_t position_id, ContactRow *row, HolderRow **history, int *n);

/* Attitude words to -2..2 text ("supporter" -> "1"); NULL when unknown. */
const char *attitude_value(const char *s);
const char *attitude_name(int v);

/* Our person named by a login or a person id (field names the input). */
ErrCode person_resolve(Ctx *c, const char *login_or_id, const char *field, int64_t *person_id);

/* Add a user's person to an account team. share: fraction of time 0-1. */
ErrCode team_add(Ctx *c, int64_t account_id, const char *login, const char *role, const char *share,
                 int64_t *member_id);

typedef struct TeamRow {
    const Record *member;
    const char *name, *login;
} TeamRow;

ErrCode team_list(Ctx *c, int64_t account_id, TeamRow **rows, int *n);
ErrCode team_remove(Ctx *c, int64_t member_id);

#endif
