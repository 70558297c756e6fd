/* One HTTP request and its response, as the pages and the API see them.
 * server.c fills a Req from libmicrohttpd and sends the Resp; everything in
 * both lives in the request's arena and is freed when the response is sent. */
#ifndef KAM_HTTP_H
#define KAM_HTTP_H

#include "../core/buf.h"
#include "../svc/ctx.h"
#include "../svc/session.h"
#include "i18n.h"
#include "page_cache.h"
#include "settings.h"

#define REQ_MAX_PARAMS 128   /* query + form fields per request */
#define REQ_MAX_HEADERS 24   /* response headers we add */
#define PATH_MAX_SEGMENTS 8

typedef struct Param {
    const char *name;
    const char *value;
} Param;

typedef enum Method { M_GET, M_HEAD, M_POST, M_PUT, M_PATCH, M_DELETE, M_OTHER } Method;

typedef struct Req {
    Arena *arena;
    Method method;
    const char *method_name;
    const char *path;         /* decoded path, without the query */
    const char *route;        /* the matched route pattern, for logs and metrics */
    const char *seg[PATH_MAX_SEGMENTS];
    int nseg;
    Param query[REQ_MAX_PARAMS];
    int nquery;
    Param form[REQ_MAX_PARAMS]; /* application/x-www-form-urlencoded body */
    int nform;
    const char *body;           /* raw body (JSON API), NUL-terminated */
    size_t body_len;
    const char *content_type;
    const char *ip;
    bool tls;                   /* served over HTTPS (directly or by a trusted proxy) */
    const char *(*header)(struct Req *r, const char *name); /* request header or NULL */
    void *conn;                 /* the MHD connection, for header() */
    const char *(*cookie)(struct Req *r, const char *name);

    /* Filled by the router. */
    Lang lang;
    bool signed_in;
    Session session;
    const char *session_token;
    bool via_token;             /* API bearer token: no cookies, no CSRF */
    Ctx ctx;
    Err err;
    const Settings *settings;
    PageCache *page_cache;      /* NULL: no page cache (setting 0, PostgreSQL) */
    char nonce[TOKEN_HEX_LEN + 1]; /* CSP nonce for this response's inline script */
    const char *flash;          /* message key carried from the previous request */
    const char *pre_token;      /* pre-session CSRF token issued by this response */
} Req;

typedef struct Resp {
    int status;
    const char *content_type;
    Buf body;
    int nheaders;
    struct {
        const char *name;
        const char *value;
    } headers[REQ_MAX_HEADERS];
    const unsigned char *static_body; /* embedded asset: sent without copying */
    size_t static_len;
    char *owned_body; /* malloc'd body (from the page cache), freed once sent */
    size_t owned_len;
} Resp;

const char *req_param(const Req *r, const char *name);  /* form first, then query */
const char *req_query(const Req *r, const char *name);
const char *req_form(const Req *r, const char *name);
int64_t req_int(const Req *r, const char *name, int64_t dflt);

void resp_header(Resp *w, const char *name, const char *value);
/* 303 See Other to a local path (never to another host). */
void resp_redirect(Req *r, Resp *w, const char *path);
/* Set a cookie with the house attributes: Path=/, HttpOnly, SameSite=Lax,
 * Secure over TLS; max_age < 0 deletes it, 0 makes a session cookie. */
void resp_cookie(Req *r, Resp *w, const char *name, const char *value, int64_t max_age);
/* Carry a message (a catalogue key) to the next page. */
void resp_flash(Req *r, Resp *w, const char *key);

/* Parse "a=1&b=x%20y" into params (decoded, arena copies). Returns false
 * when there are too many fields or a value is not valid UTF-8. */
bool parse_urlencoded(Arena *a, const char *s, size_t len, Param *out, int max, int *n);
/* Decode %XX and '+' (form encoding); NULL when malformed. */
char *url_decode(Arena *a, const char *s, size_t len, bool plus_is_space);

/* HTTP status for an error code. */
int http_status_for(ErrCode code);

#endif
