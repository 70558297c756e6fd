/* The OpenAPI 3.1 document of /api/v1, generated from the route table and
 * the entity definitions, so it cannot drift from what the server does. */
#include "../core/text.h"
#include "app.h"
#include "page.h"
#include "pages.h"

#include <string.h>

static const char *schema_type(FieldType t)
{
    switch (t) {
    case FT_INT:
    case FT_REF:
    case FT_TIMESTAMP: return "integer";
    case FT_REAL: return "number";
    case FT_BOOL: return "boolean";
    default: return "string";
    }
}

static json_t *entity_schema(const EntityDef *d)
{
    json_t *props = json_object(), *required = json_array();
    json_object_set_new(props, "id", json_pack("{s:s, s:b}", "type", "integer", "readOnly", 1));
    if (d->opts & EO_VERSIONED)
        json_object_set_new(props, "version",
                            json_pack("{s:s, s:s}", "type", "integer", "description",
                                      "optimistic concurrency: send back the version you read (or If-Match)"));
    for (const FieldDef *f = d->fields; f->name; f++) {
        if (f->flags & FF_SECRET) continue;
        json_t *p = json_pack("{s:[s,s]}", "type", schema_type(f->type), "null");
        if (f->flags & FF_READONLY) json_object_set_new(p, "readOnly", json_true());
        if (f->type == FT_DATE) json_object_set_new(p, "format", json_string("date"));
        if (f->type == FT_MONTH) json_object_set_new(p, "pattern", json_string("^[0-9]{4}-(0[1-9]|1[0-2])$"));
        if (f->type == FT_REF) json_object_set_new(p, "description", json_sprintf("id of a %s", f->ref));
        if (f->choices) {
            json_t *e = json_array();
            for (int i = 0; f->choices[i]; i++) json_array_append_new(e, json_string(f->choices[i]));
            json_array_append_new(e, json_null());
            json_object_set_new(p, "enum", e);
        }
        if ((f->type == FT_INT || f->type == FT_REAL) && f->min < f->max) {
            json_object_set_new(p, "minimum", json_real(f->min));
            json_object_set_new(p, "maximum", json_real(f->max));
        }
        if (f->flags & FF_REQUIRED) json_array_append_new(required, json_string(f->name));
        json_object_set_new(props, f->name, p);
    }
    return json_pack("{s:s, s:o, s:o}", "type", "object", "properties", props, "required", required);
}

static json_t *op(const char *summary, const char *tag, json_t *params, json_t *body_ref, int ok_status,
                  json_t *ok_schema)
{
    json_t *resp = json_object();
    char code[8];
    snprintf(code, sizeof code, "%d", ok_status);
    json_t *okr = json_pack("{s:s}", "description", "success");
    if (ok_schema) json_object_set_new(okr, "content", json_pack("{s:{s:o}}", "application/json", "schema", ok_schema));
    json_object_set_new(resp, code, okr);
    json_object_set_new(resp, "default", json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", "an error", "content",
                                                   "application/json", "schema", "$ref",
                                                   "#/components/schemas/Error"));
    json_t *o = json_pack("{s:s, s:[s], s:o}", "summary", summary, "tags", tag, "responses", resp);
    if (params) json_object_set_new(o, "parameters", params);
    if (body_ref)
        json_object_set_new(o, "requestBody",
                            json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json", "schema", body_ref));
    return o;
}

static json_t *ref(const char *name) { return json_pack("{s:o}", "$ref", json_sprintf("#/components/schemas/%s", name)); }

/* "/api/v1/:kind/:id" with kind = plural -> "/api/v1/accounts/{id}". */
static char *openapi_path(Arena *a, const char *pattern, const char *plural)
{
    Buf b;
    buf_init(&b, a);
    for (const char *p = pattern; *p;) {
        if (*p == ':') {
            const char *e = strchr(p, '/');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n == 5 && strncmp(p, ":kind", 5) == 0) buf_puts(&b, plural);
            else buf_printf(&b, "{%.*s}", (int)(n - 1), p + 1);
            p += n;
        } else {
            buf_putc(&b, *p++);
        }
    }
    return (char *)buf_cstr(&b);
}

static const char *method_key(Method m)
{
    switch (m) {
    case M_GET: return "get";
    case M_POST: return "post";
    case M_PUT: return "put";
    case M_PATCH: return "patch";
    case M_DELETE: return "delete";
    default: return "head";
    }
}

/* The operation for one route and entity (def NULL for fixed routes). */
static json_t *route_op(const Route *rt, const EntityDef *d)
{
    json_t *id = json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", "id", "in", "path", "required", 1, "schema", "type", "integer");
    bool item = strstr(rt->pattern, ":id") != NULL;
    if (!d) {
        /* the routes that are not about one kind of record */
        static const struct {
            const char *pattern, *summary, *tag;
        } kFixed[] = {
            {"/api/v1/me", "who is signed in", "session"},
            {"/api/v1/openapi.json", "this document", "meta"},
            {"/api/v1/accounts/:id/workspace", "an account's workspace: health and its inputs, quadrant, alignment, "
                                               "coverage, and each section's figures", "workspace"},
            {"/api/v1/dashboard", "the top-management dashboard (filters: kam, industry, country, quadrant, stage; "
                                  "fig=FIGURE for the accounts behind one figure; accounts=1 for the account list)",
             "programme"},
            {"/api/v1/assessment/rounds/:id/results", "a round's assessment results: scores per level and "
                                                      "dimension, gaps, importance-performance, evidence, "
                                                      "recommendations (account=ID for one account)",
             "assessment"},
            {NULL, NULL, NULL},
        };
        const char *summary = "kinds of record and their fields", *tag = "meta";
        for (int i = 0; kFixed[i].pattern; i++)
            if (str_eq(rt->pattern, kFixed[i].pattern)) summary = kFixed[i].summary, tag = kFixed[i].tag;
        return op(summary, tag, item ? json_pack("[o]", id) : (json_decref(id), NULL), NULL, 200, NULL);
    }
    const char *tag = d->plural;
    if (rt->method == M_GET && !item) {
        json_t *params = json_pack("[{s:s,s:s,s:{s:s}},{s:s,s:s,s:{s:s}},{s:s,s:s,s:{s:s,s:i,s:i}},{s:s,s:s,s:{s:s}},{s:s,s:s,s:{s:s}}]",
                                   "name", "q", "in", "query", "schema", "type", "string",
                                   "name", "sort", "in", "query", "schema", "type", "string",
                                   "name", "limit", "in", "query", "schema", "type", "integer", "minimum", 1, "maximum", LIST_MAX_LIMIT,
                                   "name", "offset", "in", "query", "schema", "type", "integer",
                                   "name", "account_id", "in", "query", "schema", "type", "integer");
        json_decref(id);
        return op("list (filters: any filterable field as FIELD=value)", tag, params, NULL, 200,
                  json_pack("{s:s, s:{s:{s:s, s:o}, s:{s:s}}}", "type", "object", "properties", "items", "type", "array",
                            "items", ref(d->name), "total", "type", "integer"));
    }
    if (rt->method == M_POST) {
        json_decref(id);
        return op("create", tag, NULL, ref(d->name), 201, ref(d->name));
    }
    json_t *params = json_pack("[o]", id);
    if (rt->method == M_GET) return op("read one (ETag carries the version)", tag, params, NULL, 200, ref(d->name));
    json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", "If-Match", "in", "header", "required", 0,
                                            "schema", "type", "string"));
    if (rt->method == M_PATCH) return op("change the fields given (412 on a stale If-Match, 409 on a stale version)", tag, params, ref(d->name), 200, ref(d->name));
    return op("delete", tag, params, NULL, 204, NULL);
}

void api_openapi(Req *r, Resp *w)
{
    json_t *paths = json_object(), *schemas = json_object();
    for (const Route *rt = kRoutes; rt->pattern; rt++) {
        if (!str_starts(rt->pattern, "/api/v1")) continue;
        bool per_kind = strstr(rt->pattern, ":kind") != NULL;
        for (int i = 0; per_kind ? kEntities[i] != NULL : i == 0; i++) {
            const EntityDef *d = per_kind ? kEntities[i] : NULL;
            const char *path = openapi_path(r->arena, rt->pattern, d ? d->plural : "");
            json_t *item = json_object_get(paths, path);
            if (!item) {
                item = json_object();
                json_object_set_new(paths, path, item);
            }
            json_object_set_new(item, method_key(rt->method), route_op(rt, d));
            if (!per_kind) break;
        }
    }
    for (int i = 0; kEntities[i]; i++) json_object_set_new(schemas, kEntities[i]->name, entity_schema(kEntities[i]));
    json_object_set_new(schemas, "Error",
                        json_pack("{s:s, s:{s:{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}}}", "type", "object",
                                  "properties", "error", "type", "object", "properties", "status", "type", "integer",
                                  "code", "type", "string", "message", "type", "string", "field", "type", "string"));
    json_t *doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:o, s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}}}, s:[{s:[]}, {s:[]}]}",
                            "openapi", "3.1.0", "info", "title", "kam API", "version", KAM_VERSION, "description",
                            "Key account management: every kind of record of the model. Authenticate with "
                            "`Authorization: Bearer kam_…` (kam token create) or the session cookie plus X-CSRF-Token.",
                            "paths", paths, "components", "schemas", schemas, "securitySchemes", "bearer", "type",
                            "http", "scheme", "bearer", "cookie", "type", "apiKey", "in", "cookie", "name",
                            "kam_session", "security", "bearer", "cookie");
    char *s = json_dumps(doc, JSON_INDENT(1) | JSON_ENSURE_ASCII);
    json_decref(doc);
    w->content_type = "application/json";
    buf_puts(&w->body, s);
    free(s);
}
