/* Users and passwords. Passwords are hashed with argon2id (libsodium) and
 * only the hash is stored. */
#ifndef KAM_USER_H
#define KAM_USER_H

#include "entity.h"

#define PASSWORD_MIN_LEN 10
#define PASSWORD_MAX_LEN 200

typedef struct UserNew {
    const char *login;
    const char *role;
    const char *password;       /* may be NULL: the user cannot sign in until one is set */
    int64_t person_id;          /* 0: create an internal person named after the login */
    const char *full_name;      /* for that person; default: the login */
    int64_t guest_account_id;   /* role guest */
    const char *lang;           /* NULL: follow the browser */
} UserNew;

ErrCode user_create(Ctx *c, const UserNew *u, int64_t *id);
ErrCode user_find(Ctx *c, const char *login, Record **out);
ErrCode user_set_password(Ctx *c, int64_t user_id, const char *password);
ErrCode user_delete(Ctx *c, int64_t user_id);
/* Check a password against the stored hash: KAM_OK or KAM_EUNAUTH. Takes
 * about the same time whether or not the login exists. */
ErrCode user_check_password(Ctx *c, const char *login, const char *password, int64_t *user_id);
/* Check a password's strength rules; KAM_EINPUT naming the rule. */
ErrCode password_acceptable(Ctx *c, const char *password);
/* The actor for a signed-in user. */
ErrCode user_actor(Ctx *c, int64_t user_id, Actor *out);
/* The language the user chose in the switch (en or it). */
ErrCode user_set_lang(Ctx *c, int64_t user_id, const char *lang);

#endif
