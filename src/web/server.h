/* The HTTP server: libmicrohttpd with an epoll thread pool, every limit
 * from Settings, one database connection per worker thread, an access log
 * line per request, /metrics counters, and a graceful stop on SIGTERM. */
#ifndef KAM_SERVER_H
#define KAM_SERVER_H

#include "http.h"

/* Handles one request (app.c): the router, sign-in and the pages. */
typedef void (*AppHandler)(Req *r, Resp *w);

/* Run until SIGTERM or SIGINT; returns 0 after a clean stop. Prints the
 * URL on stdout once listening. */
int server_run(const Settings *s, AppHandler app, Err *err);

/* Prometheus text of the counters (GET /metrics). */
void metrics_write(Buf *b);

#endif
