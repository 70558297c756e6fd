/* The context every service function receives: the store, the request's
 * arena, where errors go, and who is acting. Front-ends (CLI, HTML, JSON)
 * build one per command or request; the services enforce access with it. */
#ifndef KAM_CTX_H
#define KAM_CTX_H

#include "../core/arena.h"
#include "../core/err.h"
#include "../db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* Roles of FRAMEWORK.md section 4. ROLE_SYSTEM is the local command line,
 * which holds the database file and so may do anything. */
typedef enum Role {
    ROLE_NONE = 0,
    ROLE_ADMIN,
    ROLE_EXECUTIVE,
    ROLE_KAM,
    ROLE_TEAM,
    ROLE_GUEST,
    ROLE_VIEWER,
    ROLE_SYSTEM,
} Role;

typedef struct Actor {
    Role role;
    int64_t user_id;          /* 0 for the command line */
    int64_t person_id;        /* the user's person record, 0 if none */
    int64_t guest_account_id; /* ROLE_GUEST: the one account they see */
    bool viewer_programme;    /* ROLE_VIEWER: may read the programme level */
    const char *login;        /* for the audit log */
} Actor;

typedef struct Ctx {
    Db *db;
    Arena *arena;
    Err *err;
    Actor actor;
    const char *lang;    /* "en" or "it": language of texts the service returns */
    bool decimal_comma;  /* numbers typed by the user use ',' as decimal mark */
    char today[11];      /* YYYY-MM-DD, fixed for the whole request */
    int64_t now;         /* seconds since the epoch, fixed for the whole request */
    /* The last answer of acl_account_rights(), kept while the actor is the
     * same and nothing was written (db_write_count()): a page asks about one
     * account many times, and on PostgreSQL each question is a round trip. */
    struct AclMemo {
        bool valid;
        int64_t account_id, user_id, person_id, guest_account_id;
        Role role;
        uint64_t writes;
        unsigned rights;
    } acl_memo;
} Ctx;

/* Fill today/now from the clock (honours KAM_TODAY / KAM_NOW for tests). */
void ctx_init(Ctx *c, Db *db, Arena *arena, Err *err, Actor actor);
Actor actor_system(void);

const char *role_name(Role r);         /* "admin", "executive", ... */
Role role_parse(const char *s);        /* ROLE_NONE when unknown */
extern const char *const kRoleNames[]; /* NULL-terminated, user-assignable roles */

#endif
