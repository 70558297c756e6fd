/* The application behind the server: the route table (routes.c) and the
 * steps every request goes through (app.c): language, session or API token,
 * the access rule of the route, the CSRF check of every state-changing
 * request, then the handler. A handler receives a Req whose ctx carries the
 * signed-in actor, so the services enforce access; it only renders.
 *
 * Adding a page: write `void page_x(Req *r, Resp *w)` and add one line to
 * kRoutes with its method, pattern and access rule. */
#ifndef KAM_APP_H
#define KAM_APP_H

#include "http.h"

typedef enum Access {
    ACC_PUBLIC,    /* anyone (sign-in page, assets, health) */
    ACC_SIGNED_IN, /* any signed-in user, customer guests included */
    ACC_STAFF,     /* our own people: every role but guest */
    ACC_ADMIN,     /* administrators */
} Access;

typedef void (*RouteFn)(Req *r, Resp *w);

typedef struct Route {
    Method method;
    const char *pattern; /* "/accounts/:id": ":x" matches one segment */
    Access access;
    RouteFn fn;
} Route;

extern const Route kRoutes[]; /* routes.c; ended by a NULL pattern */

void app_handle(Req *r, Resp *w);

/* The value of the n-th ":x" segment of the matched route as an id (0 if not a number). */
int64_t route_id(const Req *r, int n);
/* The n-th ":x" segment as text. */
const char *route_arg(const Req *r, int n);

/* Is the request for the JSON API (/api/...)? Errors are JSON there. */
bool req_is_api(const Req *r);

#endif
