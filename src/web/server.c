#include "server.h"

#include "../core/text.h"
#include "../db/db_pool.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- the database connection pool -------------------------------------- */

/* A request takes a connection from the pool for its whole life and gives
 * it back at the end (src/db/db_pool.c). SQLite: one connection per worker
 * thread, as many as there are threads. PostgreSQL: at most db-pool; a
 * connection the server closed (restart) reconnects by itself. */
static DbPool *g_pool;
static const Settings *g_settings;
/* Rendered GET pages (page_cache.h, used by app.c): SQLite only, since only
 * there does the database tell cheaply that another process committed
 * (db_data_version); on PostgreSQL every page is rendered afresh. */
static PageCache *g_page_cache;

/* ---- metrics ----------------------------------------------------------- */

#define METRIC_ROWS 256
static const double kBuckets[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define NBUCKETS (sizeof kBuckets / sizeof kBuckets[0])

static struct {
    pthread_mutex_t lock;
    struct {
        const char *route;
        const char *method;
        int status;
        uint64_t count;
    } rows[METRIC_ROWS];
    int nrows;
    uint64_t bucket[NBUCKETS + 1];
    double sum_s;
    uint64_t total;
    uint64_t db_ns;
    uint64_t db_queries;
} g_metrics = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void metrics_count(const char *method, const char *route, int status, double seconds, uint64_t db_ns,
                          uint64_t db_q)
{
    pthread_mutex_lock(&g_metrics.lock);
    int i;
    for (i = 0; i < g_metrics.nrows; i++)
        if (g_metrics.rows[i].status == status && g_metrics.rows[i].route == route && g_metrics.rows[i].method == method)
            break;
    if (i == g_metrics.nrows && i < METRIC_ROWS) {
        g_metrics.rows[i].route = route; /* route patterns are static strings */
        g_metrics.rows[i].method = method;
        g_metrics.rows[i].status = status;
        g_metrics.nrows++;
    }
    if (i < METRIC_ROWS) g_metrics.rows[i].count++;
    size_t b = 0;
    while (b < NBUCKETS && seconds > kBuckets[b]) b++;
    g_metrics.bucket[b]++;
    g_metrics.sum_s += seconds;
    g_metrics.total++;
    g_metrics.db_ns += db_ns;
    g_metrics.db_queries += db_q;
    pthread_mutex_unlock(&g_metrics.lock);
}

void metrics_write(Buf *b)
{
    pthread_mutex_lock(&g_metrics.lock);
    buf_puts(b, "# HELP kam_http_requests_total Requests by route, method and status.\n"
                "# TYPE kam_http_requests_total counter\n");
    for (int i = 0; i < g_metrics.nrows; i++)
        buf_printf(b, "kam_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} %llu\n",
                   g_metrics.rows[i].method, g_metrics.rows[i].route, g_metrics.rows[i].status,
                   (unsigned long long)g_metrics.rows[i].count);
    buf_puts(b, "# HELP kam_http_request_duration_seconds Time to answer a request.\n"
                "# TYPE kam_http_request_duration_seconds histogram\n");
    uint64_t cum = 0;
    for (size_t i = 0; i < NBUCKETS; i++) {
        cum += g_metrics.bucket[i];
        buf_printf(b, "kam_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[i],
                   (unsigned long long)cum);
    }
    cum += g_metrics.bucket[NBUCKETS];
    buf_printf(b, "kam_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
    buf_printf(b, "kam_http_request_duration_seconds_sum %.6f\n", g_metrics.sum_s);
    buf_printf(b, "kam_http_request_duration_seconds_count %llu\n", (unsigned long long)g_metrics.total);
    int open = 0, idle = 0, size = 0;
    if (g_pool) db_pool_stats(g_pool, &open, &idle, &size);
    buf_printf(b,
               "# HELP kam_db_pool_connections Database connections of this process by state.\n"
               "# TYPE kam_db_pool_connections gauge\n"
               "kam_db_pool_connections{state=\"open\"} %d\nkam_db_pool_connections{state=\"idle\"} %d\n"
               "kam_db_pool_connections{state=\"max\"} %d\n",
               open, idle, size);
    PageCacheStats pcs;
    page_cache_stats(g_page_cache, &pcs);
    buf_printf(b,
               "# HELP kam_page_cache_requests_total Page cache lookups by result.\n"
               "# TYPE kam_page_cache_requests_total counter\n"
               "kam_page_cache_requests_total{result=\"hit\"} %llu\n"
               "kam_page_cache_requests_total{result=\"miss\"} %llu\n"
               "# HELP kam_page_cache_stores_total Pages stored in the page cache.\n"
               "# TYPE kam_page_cache_stores_total counter\nkam_page_cache_stores_total %llu\n"
               "# HELP kam_page_cache_evictions_total Pages dropped to stay within page-cache-mb.\n"
               "# TYPE kam_page_cache_evictions_total counter\nkam_page_cache_evictions_total %llu\n"
               "# HELP kam_page_cache_bytes Memory held by the page cache.\n"
               "# TYPE kam_page_cache_bytes gauge\nkam_page_cache_bytes %zu\n"
               "# HELP kam_page_cache_bytes_max The page cache's limit (page-cache-mb; 0: off).\n"
               "# TYPE kam_page_cache_bytes_max gauge\nkam_page_cache_bytes_max %zu\n"
               "# HELP kam_page_cache_entries Pages in the page cache.\n"
               "# TYPE kam_page_cache_entries gauge\nkam_page_cache_entries %d\n",
               (unsigned long long)pcs.hits, (unsigned long long)pcs.misses,
               (unsigned long long)pcs.stores, (unsigned long long)pcs.evictions, pcs.bytes,
               pcs.max_bytes, pcs.entries);
    buf_printf(b,
               "# HELP kam_db_seconds_total Time spent in the database.\n# TYPE kam_db_seconds_total counter\n"
               "kam_db_seconds_total %.6f\n"
               "# HELP kam_db_statements_total Statements run.\n# TYPE kam_db_statements_total counter\n"
               "kam_db_statements_total %llu\n",
               (double)g_metrics.db_ns / 1e9, (unsigned long long)g_metrics.db_queries);
    pthread_mutex_unlock(&g_metrics.lock);
}

/* ---- per-connection and per-request state ------------------------------ */

typedef struct ConnState {
    int requests; /* answered on this connection */
} ConnState;

typedef struct ReqState {
    Arena arena;
    Buf body;
    bool rejected;   /* an early error response was queued */
    bool too_large;  /* body over the limit: answer 413 at the end */
    struct timespec start;
} ReqState;

static atomic_int g_in_flight;
static AppHandler g_app;

static double elapsed_s(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static const char *conn_header(Req *r, const char *name)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_HEADER_KIND, name);
}

static const char *conn_cookie(Req *r, const char *name)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_COOKIE_KIND, name);
}

static enum MHD_Result count_content_length(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    (void)value;
    if (str_ieq(key, "Content-Length")) (*(int *)cls)++;
    return MHD_YES;
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    Req *r = cls;
    if (r->nquery >= REQ_MAX_PARAMS) return MHD_NO;
    if (!utf8_valid(key, strlen(key), NULL) || (value && !utf8_valid(value, strlen(value), NULL))) return MHD_YES;
    r->query[r->nquery].name = arena_strdup(r->arena, key);
    r->query[r->nquery].value = arena_strdup(r->arena, value ? value : "");
    r->nquery++;
    return MHD_YES;
}

static Method method_of(const char *m)
{
    if (str_eq(m, "GET")) return M_GET;
    if (str_eq(m, "HEAD")) return M_HEAD;
    if (str_eq(m, "POST")) return M_POST;
    if (str_eq(m, "PUT")) return M_PUT;
    if (str_eq(m, "PATCH")) return M_PATCH;
    if (str_eq(m, "DELETE")) return M_DELETE;
    return M_OTHER;
}

static const char *kStatusText[] = {[400] = "Bad Request", [413] = "Payload Too Large"};

/* A plain-text error sent before the application sees the request. */
static enum MHD_Result send_plain(struct MHD_Connection *conn, int status, const char *text)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), (void *)(uintptr_t)text, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
    MHD_add_response_header(resp, "Connection", "close");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    (void)kStatusText;
    return rc;
}

/* The address of the peer, or of the client behind a trusted proxy. */
static const char *client_ip(struct MHD_Connection *conn, Arena *a, bool *tls)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char ip[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, ip, sizeof ip);
    *tls = false;
    if (g_settings->trusted_proxy[0] && str_eq(ip, g_settings->trusted_proxy)) {
        const char *fwd = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
        const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
        *tls = str_eq(proto, "https");
        if (fwd && *fwd) {
            /* the last address is the one the proxy saw */
            const char *last = strrchr(fwd, ',');
            char *v = arena_strdup(a, last ? last + 1 : fwd);
            return str_trim(v);
        }
    }
    return arena_strdup(a, ip);
}

static void access_log(const Req *r, int status, double seconds)
{
    if (!g_settings->access_log) return;
    char ts[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    Arena a;
    arena_init(&a, 1024);
    Buf b;
    buf_init(&b, &a);
    buf_printf(&b, "{\"time\":\"%s\",\"method\":%J,\"route\":%J,\"path\":%J,\"status\":%d,\"ms\":%.3f,\"user\":%lld,\"ip\":%J}\n",
               ts, r->method_name, r->route ? r->route : "-",
               r->path && utf8_valid(r->path, strlen(r->path), NULL) ? r->path : "(not UTF-8)", status, seconds * 1000.0,
               (long long)(r->signed_in ? r->session.user_id : 0), r->ip ? r->ip : "");
    fwrite(b.data, 1, b.len, stderr);
    arena_free(&a);
}

/* The final call for a request: build the Req, run the app, send the Resp. */
static enum MHD_Result answer(struct MHD_Connection *conn, ReqState *st, const char *url, const char *method)
{
    Req r = {0};
    Resp w = {0};
    r.arena = &st->arena;
    r.conn = conn;
    r.header = conn_header;
    r.cookie = conn_cookie;
    r.method_name = method;
    r.method = method_of(method);
    r.settings = g_settings;
    r.page_cache = g_page_cache;
    r.ip = client_ip(conn, &st->arena, &r.tls);
    r.path = url;
    r.body = st->body.data ? st->body.data : "";
    r.body_len = st->body.len;
    r.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, &r);
    buf_init(&w.body, &st->arena);
    w.status = 200;

    uint64_t ns0 = 0, q0 = 0, ns1 = 0, q1 = 0;
    Db *db = db_pool_acquire(g_pool, &r.err);
    if (db) db_stats(db, &ns0, &q0);
    r.ctx.db = db;
    if (st->too_large) {
        w.status = 413;
        buf_printf(&w.body, "The request body is larger than the limit of %lld bytes (setting max-body-bytes).\n",
                   (long long)g_settings->max_body_bytes);
        w.content_type = "text/plain; charset=utf-8";
    } else if (!utf8_valid(url, strlen(url), NULL)) {
        w.status = 400;
        buf_puts(&w.body, "The request path is not valid UTF-8.\n");
        w.content_type = "text/plain; charset=utf-8";
    } else {
        g_app(&r, &w);
    }
    if (db) {
        if (db_in_transaction(db)) db_rollback(db); /* a handler that forgot: never leave work half done */
        db_stats(db, &ns1, &q1);
        db_pool_release(g_pool, db);
    }

    struct MHD_Response *resp;
    if (w.static_body)
        resp = MHD_create_response_from_buffer(w.static_len, (void *)(uintptr_t)w.static_body, MHD_RESPMEM_PERSISTENT);
    else if (w.owned_body)
        resp = MHD_create_response_from_buffer(w.owned_len, w.owned_body, MHD_RESPMEM_MUST_FREE);
    else resp = MHD_create_response_from_buffer(w.body.len, w.body.data, MHD_RESPMEM_MUST_COPY);
    if (!resp) {
        if (w.owned_body && !w.static_body) free(w.owned_body);
        return MHD_NO;
    }
    if (w.content_type) MHD_add_response_header(resp, "Content-Type", w.content_type);
    for (int i = 0; i < w.nheaders; i++) MHD_add_response_header(resp, w.headers[i].name, w.headers[i].value);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");

    ConnState *cs = *(ConnState **)MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    if (cs && ++cs->requests >= g_settings->max_requests_per_conn) MHD_add_response_header(resp, "Connection", "close");
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)w.status, resp);
    MHD_destroy_response(resp);

    double secs = elapsed_s(&st->start);
    /* metrics keep pointers: only static strings (route patterns, method names) */
    static const char *const kMethodNames[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OTHER"};
    metrics_count(kMethodNames[r.method], r.route ? r.route : "(none)", w.status, secs, ns1 - ns0, q1 - q0);
    access_log(&r, w.status, secs);
    return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)cls;
    (void)version;
    ReqState *st = *con_cls;
    if (!st) {
        st = calloc(1, sizeof *st);
        if (!st) return MHD_NO;
        arena_init(&st->arena, 16384);
        buf_init(&st->body, &st->arena);
        clock_gettime(CLOCK_MONOTONIC, &st->start);
        *con_cls = st;
        atomic_fetch_add(&g_in_flight, 1);
        int ncl = 0;
        MHD_get_connection_values(conn, MHD_HEADER_KIND, count_content_length, &ncl);
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        int64_t len = 0;
        if (ncl > 1) {
            st->rejected = true;
            return send_plain(conn, 400, "The request has more than one Content-Length header.\n");
        }
        if (cl && (!parse_int64(cl, &len) || len < 0)) {
            st->rejected = true;
            return send_plain(conn, 400, "The Content-Length header is not a number.\n");
        }
        if (len > g_settings->max_body_bytes) {
            st->rejected = true;
            static char msg[160];
            snprintf(msg, sizeof msg, "The request body is larger than the limit of %lld bytes (setting max-body-bytes).\n",
                     (long long)g_settings->max_body_bytes);
            return send_plain(conn, 413, msg);
        }
        return MHD_YES;
    }
    if (st->rejected) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!st->too_large) {
            if ((int64_t)(st->body.len + *upload_data_size) > g_settings->max_body_bytes) st->too_large = true;
            else buf_put(&st->body, upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    buf_cstr(&st->body);
    return answer(conn, st, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    ReqState *st = *con_cls;
    if (!st) return;
    arena_free(&st->arena);
    free(st);
    *con_cls = NULL;
    atomic_fetch_sub(&g_in_flight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    (void)conn;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) *socket_context = calloc(1, sizeof(ConnState));
    else {
        free(*socket_context);
        *socket_context = NULL;
    }
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("kam serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

static ErrCode parse_listen(const char *s, struct sockaddr_in *out, Err *err)
{
    char host[128];
    const char *colon = strrchr(s, ':');
    int64_t port;
    if (!colon || (size_t)(colon - s) >= sizeof host || !parse_int64(colon + 1, &port) || port < 0 || port > 65535)
        return err_set(err, KAM_EUSAGE, "listen: \"%s\" is not ADDRESS:PORT (e.g. 127.0.0.1:8080)", s);
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = 0;
    memset(out, 0, sizeof *out);
    out->sin_family = AF_INET;
    out->sin_port = htons((uint16_t)port);
    if (!host[0] || str_eq(host, "*")) out->sin_addr.s_addr = htonl(INADDR_ANY);
    else if (str_eq(host, "localhost")) out->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    else if (inet_pton(AF_INET, host, &out->sin_addr) != 1)
        return err_set(err, KAM_EUSAGE, "listen: \"%s\" is not an IPv4 address", host);
    return KAM_OK;
}

int server_run(const Settings *s, AppHandler app, Err *err)
{
    g_settings = s;
    g_app = app;
    struct sockaddr_in addr;
    if (parse_listen(s->listen, &addr, err)) return 2;
    unsigned threads = (unsigned)s->threads;
    if (!threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (unsigned)n : 2;
    }
    /* Signals go to the main thread's sigwait(), never to a worker. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    int pool = db_kind_of(s->db) == DB_POSTGRES ? (int)s->db_pool : (int)threads;
    if (db_pool_create(s->db, DB_OPEN_EXISTING, pool, &g_pool, err)) return 2;
    if (s->page_cache_mb > 0 && db_kind_of(s->db) == DB_SQLITE)
        g_page_cache = page_cache_create((size_t)s->page_cache_mb << 20);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->conn_timeout_s,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)s->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)s->max_conn_per_ip,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)s->max_header_bytes + 8192,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 512u,
        MHD_OPTION_END);
    if (!d) {
        err_set(err, KAM_EUSAGE, "cannot listen on %s (in use, or not an address of this machine?)", s->listen);
        db_pool_destroy(g_pool);
        g_pool = NULL;
        page_cache_destroy(g_page_cache);
        g_page_cache = NULL;
        return 1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
    char *shown = db_target_shown(s->db);
    char cache[32] = "off";
    if (g_page_cache) snprintf(cache, sizeof cache, "%lld MiB", (long long)s->page_cache_mb);
    printf("kam: listening on http://%s:%u/ (%u threads, database %s, page cache %s)\n", host,
           di ? di->port : 0, threads, shown, cache);
    free(shown);
    fflush(stdout);

    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "kam serve: %s received, finishing requests in flight\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    MHD_socket lfd = MHD_quiesce_daemon(d); /* stop accepting new connections */
    if (lfd != MHD_INVALID_SOCKET) close(lfd);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (atomic_load(&g_in_flight) > 0 && elapsed_s(&t0) < (double)s->shutdown_grace_s) usleep(20000);
    MHD_stop_daemon(d);
    db_pool_destroy(g_pool);
    g_pool = NULL;
    page_cache_destroy(g_page_cache);
    g_page_cache = NULL;
    fprintf(stderr, "kam serve: stopped\n");
    return 0;
}
