/* The JSON API, /api/v1: the same generic operations as the pages, over
 * every kind of record, for scripts and integrations.
 *   GET    /api/v1                 the kinds of record and their fields
 *   GET    /api/v1/me              who is signed in
 *   GET    /api/v1/PLURAL          list: q, sort, limit, offset, account_id, FIELD=value
 *   POST   /api/v1/PLURAL          create from a JSON object
 *   GET    /api/v1/PLURAL/ID       one record
 *   PATCH  /api/v1/PLURAL/ID       change the fields given; "version" required
 *   DELETE /api/v1/PLURAL/ID?version=N
 * Sign in with the session cookie (and X-CSRF-Token on changes) or
 * `Authorization: Bearer kam_…` (kam token create). Errors are
 * {"error": {"status", "code", "message", "field"}}. */
#include "../core/text.h"
#include "app.h"
#include "page.h"
#include "pages.h"

#include <string.h>

static void send_json(Resp *w, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    w->status = status;
    w->content_type = "application/json";
    resp_header(w, "Cache-Control", "no-store");
    buf_puts(&w->body, s ? s : "null");
    buf_putc(&w->body, '\n');
    free(s);
}

/* ETag of a record: its version, so If-Match carries the version read. */
static void set_etag(Req *r, Resp *w, const Record *rec)
{
    if (rec->def->opts & EO_VERSIONED) resp_header(w, "ETag", arena_printf(r->arena, "\"v%lld\"", (long long)rec->version));
}

/* The version in an If-Match header ("vN"), 0 when absent; -1 when malformed. */
static int64_t if_match_version(Req *r)
{
    const char *h = r->header(r, "If-Match");
    int64_t v;
    if (!h) return 0;
    if (h[0] == 'W' && h[1] == '/') h += 2;
    size_t n = strlen(h);
    if (n < 4 || h[0] != '"' || h[1] != 'v' || h[n - 1] != '"') return -1;
    char *num = arena_strndup(r->arena, h + 2, n - 3);
    return parse_int64(num, &v) && v > 0 ? v : -1;
}

static const EntityDef *api_entity(Req *r, Resp *w)
{
    const EntityDef *def = entity_find(route_arg(r, 0));
    if (!def || !str_eq(def->plural, route_arg(r, 0))) {
        err_set(&r->err, KAM_ENOTFOUND, "no such kind of record: %s (see GET /api/v1)", route_arg(r, 0));
        page_err(r, w);
        return NULL;
    }
    return def;
}

/* The request body as a JSON object; duplicate keys are refused. */
static json_t *body_object(Req *r, Resp *w)
{
    json_error_t je;
    if (!r->content_type || !str_starts(r->content_type, "application/json")) {
        err_set(&r->err, KAM_EINPUT, "send the record as JSON with Content-Type: application/json");
        page_err(r, w);
        return NULL;
    }
    json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!j || !json_is_object(j)) {
        if (j) json_decref(j);
        err_set(&r->err, KAM_EINPUT, "the body is not a JSON object%s%s (line %d, column %d)", j ? "" : ": ",
                j ? "" : je.text, je.line, je.column);
        page_err(r, w);
        return NULL;
    }
    return j;
}

void api_index(Req *r, Resp *w)
{
    json_t *kinds = json_array();
    for (int i = 0; kEntities[i]; i++) {
        const EntityDef *d = kEntities[i];
        json_t *fields = json_array();
        for (const FieldDef *f = d->fields; f->name; f++) {
            if (f->flags & FF_SECRET) continue;
            json_t *fj = json_pack("{s:s, s:s, s:b, s:b}", "name", f->name, "type", field_type_name(f->type), "required",
                                   (f->flags & FF_REQUIRED) != 0, "readonly", (f->flags & FF_READONLY) != 0);
            if (f->choices) {
                json_t *ch = json_array();
                for (int k = 0; f->choices[k]; k++) json_array_append_new(ch, json_string(f->choices[k]));
                json_object_set_new(fj, "choices", ch);
            }
            if (f->ref) json_object_set_new(fj, "ref", json_string(f->ref));
            json_array_append_new(fields, fj);
        }
        json_array_append_new(kinds, json_pack("{s:s, s:s, s:s, s:o}", "name", d->name, "path",
                                               arena_printf(r->arena, "/api/v1/%s", d->plural), "plural", d->plural,
                                               "fields", fields));
    }
    send_json(w, 200, json_pack("{s:s, s:o}", "version", KAM_VERSION, "kinds", kinds));
}

void api_me(Req *r, Resp *w)
{
    const Actor *a = &r->ctx.actor;
    json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)a->user_id, "login", a->login ? a->login : "",
                          "role", role_name(a->role), "lang", lang_code(r->lang));
    if (a->role == ROLE_GUEST) json_object_set_new(j, "account_id", json_integer(a->guest_account_id));
    if (!r->via_token) json_object_set_new(j, "csrf", json_string(r->session.csrf));
    send_json(w, 200, j);
}

void api_list(Req *r, Resp *w)
{
    const EntityDef *def = api_entity(r, w);
    if (!def) return;
    ListQuery q = {0};
    q.q = req_query(r, "q");
    q.sort = req_query(r, "sort");
    q.limit = (int)req_int(r, "limit", LIST_DEFAULT_LIMIT);
    if (q.limit < 1 || q.limit > LIST_MAX_LIMIT) {
        err_set(&r->err, KAM_EINPUT, "limit must be between 1 and %d", LIST_MAX_LIMIT);
        page_err(r, w);
        return;
    }
    q.offset = req_int(r, "offset", 0);
    q.account_id = req_int(r, "account_id", 0);
    for (int i = 0; i < r->nquery; i++) {
        const char *n = r->query[i].name;
        if (str_eq(n, "q") || str_eq(n, "sort") || str_eq(n, "limit") || str_eq(n, "offset") ||
            str_eq(n, "account_id"))
            continue;
        if (q.nfilter >= LIST_MAX_FILTERS) break;
        q.filter[q.nfilter].field = n;
        q.filter[q.nfilter].value = r->query[i].value;
        q.nfilter++;
    }
    RecordList list;
    if (ent_list(&r->ctx, def, &q, &list)) {
        page_err(r, w);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < list.n; i++) json_array_append_new(items, record_to_json(&r->ctx, &list.items[i]));
    send_json(w, 200, json_pack("{s:o, s:I, s:I, s:i}", "items", items, "total", (json_int_t)list.total, "offset",
                                (json_int_t)q.offset, "limit", q.limit));
}

void api_show(Req *r, Resp *w)
{
    const EntityDef *def = api_entity(r, w);
    if (!def) return;
    Record *rec;
    if (ent_get(&r->ctx, def, route_id(r, 1), &rec)) {
        page_err(r, w);
        return;
    }
    set_etag(r, w, rec);
    send_json(w, 200, record_to_json(&r->ctx, rec));
}

void api_create(Req *r, Resp *w)
{
    const EntityDef *def = api_entity(r, w);
    if (!def) return;
    json_t *j = body_object(r, w);
    if (!j) return;
    Record *in, *out;
    ErrCode rc = record_from_json(&r->ctx, def, j, &in);
    if (!rc) rc = ent_create(&r->ctx, def, in, &out);
    json_decref(j);
    if (rc) {
        page_err(r, w);
        return;
    }
    resp_header(w, "Location", arena_printf(r->arena, "/api/v1/%s/%lld", def->plural, (long long)out->id));
    send_json(w, 201, record_to_json(&r->ctx, out));
}

void api_update(Req *r, Resp *w)
{
    const EntityDef *def = api_entity(r, w);
    if (!def) return;
    json_t *j = body_object(r, w);
    if (!j) return;
    json_t *v = json_object_get(j, "version");
    int64_t version = json_is_integer(v) ? json_integer_value(v) : 0;
    int64_t im = if_match_version(r);
    if (im < 0) {
        json_decref(j);
        err_set(&r->err, KAM_EINPUT, "If-Match must be the ETag you read, like \"v3\"");
        page_err(r, w);
        return;
    }
    if (im) version = im;
    if ((def->opts & EO_VERSIONED) && !version) {
        json_decref(j);
        err_set(&r->err, KAM_EINPUT,
                "give the \"version\" you read (or If-Match with its ETag), so a change made meanwhile is not overwritten");
        snprintf(r->err.field, sizeof r->err.field, "version");
        page_err(r, w);
        return;
    }
    Record *in, *out, *current = NULL;
    ErrCode rc = record_from_json(&r->ctx, def, j, &in);
    if (!rc) rc = ent_update(&r->ctx, def, route_id(r, 1), version, in, &out, &current);
    json_decref(j);
    if (rc) {
        if (rc == KAM_ECONFLICT && im && current && current->version != version) {
            page_error(r, w, 412, r->err.msg); /* If-Match did not match: RFC 9110 says 412 */
            return;
        }
        page_err(r, w);
        return;
    }
    set_etag(r, w, out);
    send_json(w, 200, record_to_json(&r->ctx, out));
}

void api_delete(Req *r, Resp *w)
{
    const EntityDef *def = api_entity(r, w);
    if (!def) return;
    int64_t im = if_match_version(r);
    if (ent_delete(&r->ctx, def, route_id(r, 1), im > 0 ? im : req_int(r, "version", 0))) {
        if (r->err.code == KAM_ECONFLICT && im > 0) {
            page_error(r, w, 412, r->err.msg);
            return;
        }
        page_err(r, w);
        return;
    }
    w->status = 204;
}
