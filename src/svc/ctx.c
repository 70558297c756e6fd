#include "ctx.h"

#include "../core/text.h"

#include <string.h>

const char *const kRoleNames[] = {"admin", "executive", "kam", "team", "guest", "viewer", NULL};

void ctx_init(Ctx *c, Db *db, Arena *arena, Err *err, Actor actor)
{
    memset(c, 0, sizeof *c);
    c->db = db;
    c->arena = arena;
    c->err = err;
    c->actor = actor;
    c->lang = "en";
    c->now = now_seconds();
    date_today(c->today);
}

Actor actor_system(void)
{
    Actor a = {0};
    a.role = ROLE_SYSTEM;
    a.login = "cli";
    return a;
}

const char *role_name(Role r)
{
    switch (r) {
    case ROLE_ADMIN: return "admin";
    case ROLE_EXECUTIVE: return "executive";
    case ROLE_KAM: return "kam";
    case ROLE_TEAM: return "team";
    case ROLE_GUEST: return "guest";
    case ROLE_VIEWER: return "viewer";
    case ROLE_SYSTEM: return "system";
    case ROLE_NONE: break;
    }
    return "none";
}

Role role_parse(const char *s)
{
    for (int i = 0; kRoleNames[i]; i++)
        if (str_eq(s, kRoleNames[i])) return (Role)(i + 1);
    return ROLE_NONE;
}
