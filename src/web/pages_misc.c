/* Assets, health and metrics. */
#include "../core/text.h"
#include "app.h"
#include "page.h"
#include "pages.h"
#include "server.h"

void page_asset(Req *r, Resp *w) { asset_serve(r, w, route_arg(r, 0)); }

/* Healthy when the database answers a trivial query. */
void page_healthz(Req *r, Resp *w)
{
    int64_t one = 0;
    w->content_type = "application/json";
    resp_header(w, "Cache-Control", "no-store");
    if (!r->ctx.db || db_one_int(r->ctx.db, &r->err, "SELECT 1", DB_NOARGS, &one) || one != 1) {
        w->status = 503;
        buf_printf(&w->body, "{\"status\":\"unavailable\",\"message\":%J}\n",
                   r->err.msg[0] ? r->err.msg : "no database connection");
        return;
    }
    buf_puts(&w->body, "{\"status\":\"ok\"}\n");
}

/* For the monitoring system on this machine (or behind the trusted proxy),
 * and for administrators; nobody else learns the traffic figures. */
void page_metrics(Req *r, Resp *w)
{
    bool local = str_eq(r->ip, "127.0.0.1");
    if (!local && !(r->signed_in && r->ctx.actor.role == ROLE_ADMIN)) {
        page_error(r, w, 404, NULL);
        return;
    }
    w->content_type = "text/plain; version=0.0.4; charset=utf-8";
    resp_header(w, "Cache-Control", "no-store");
    metrics_write(&w->body);
}
