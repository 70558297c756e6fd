/* The record endpoints of the workspace's forms:
 *   POST /accounts/:id/records/:kind              create (the account set here)
 *   POST /accounts/:id/records/:kind/:rid         update (version checked)
 *   POST /accounts/:id/records/:kind/:rid/delete  delete
 * Each goes through the entity layer (validation, access, audit) and returns
 * to the section named by the form's "s" field; an input error or a conflict
 * shows the section again with the form as typed (pages_account.h). */
#include "pages_account.h"

#include "../core/text.h"
#include "app.h"
#include "pages.h"

#include <string.h>

/* ---- the record endpoints ------------------------------------------------ */

/* The kind named in the URL, if the workspace edits it. */
static const EntityDef *ws_kind(Req *r, Resp *w)
{
    const EntityDef *def = entity_find(route_arg(r, 1));
    if (!def || !str_eq(def->plural, route_arg(r, 1)) || def->write == WN_NOBODY ||
        !(def->scope == SCOPE_ACCOUNT || def->scope == SCOPE_ACCOUNT_OPTIONAL ||
          def->scope == SCOPE_VIA_PARENT || def->scope == SCOPE_ACCOUNT_SELF)) {
        page_error(r, w, 404, NULL);
        return NULL;
    }
    return def;
}

static const char *form_section(Req *r)
{
    const char *s = req_form(r, "s");
    return ws_section_valid(s) ? s : "overview";
}

/* The record the submitted form describes: the fields present; an empty
 * non-text field clears it on an update and is left out on a create. */
static ErrCode ws_record_from_form(Req *r, const EntityDef *def, bool creating, Record **out)
{
    Record *rec = record_new(&r->ctx, def);
    *out = rec;
    for (const FieldDef *f = def->fields; f->name; f++) {
        if (f->flags & (FF_READONLY | FF_SECRET)) continue;
        if (creating && str_eq(f->name, "account_id")) continue;
        const char *v = req_form(r, f->name);
        if (!v) continue;
        bool text = f->type == FT_TEXT || f->type == FT_LONGTEXT;
        if (!text && !*str_trim(arena_strdup(r->arena, v))) {
            if (creating) continue;
            v = NULL;
        }
        if (record_set(&r->ctx, rec, f->name, v)) return r->err.code;
    }
    return KAM_OK;
}

/* Is record rec (of any kind) part of account id? Else a 404. */
static bool belongs(Req *r, const Record *rec, int64_t id)
{
    int64_t acct = 0;
    if (record_account(&r->ctx, rec, &acct)) return false;
    if (acct != id) {
        err_set(&r->err, KAM_ENOTFOUND, "%s not found", record_title(&r->ctx, rec));
        return false;
    }
    return true;
}

static void done_ok(Req *r, Resp *w, int64_t id, const char *flash, const char *anchor)
{
    resp_flash(r, w, flash);
    resp_redirect(r, w,
                  arena_printf(r->arena, "/accounts/%lld?s=%s%s%s", (long long)id, form_section(r),
                               anchor ? "#" : "", anchor ? anchor : ""));
}

void page_account_record_create(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0);
    const EntityDef *def = ws_kind(r, w);
    if (!def) return;
    if (!id || def->scope == SCOPE_ACCOUNT_SELF) {
        page_error(r, w, 404, NULL);
        return;
    }
    Record *in = NULL, *out;
    if (ws_record_from_form(r, def, true, &in) == KAM_OK) {
        if (field_index(def, "account_id") >= 0)
            record_set(&r->ctx, in, "account_id", arena_printf(r->arena, "%lld", (long long)id));
        /* A row under a parent of another account is refused; a parent that
         * does not exist is left to ent_create, which names the field. */
        int64_t acct = 0;
        if (def->scope == SCOPE_VIA_PARENT && record_get(in, def->parent_field)) {
            if (record_account(&r->ctx, in, &acct) == KAM_OK && acct && acct != id)
                err_field(&r->err, KAM_EINPUT, def->parent_field,
                          "%s: does not belong to this account", field_label(r, def->parent_field));
            else if (r->err.code != KAM_EINPUT)
                err_clear(&r->err);
        }
        if (!r->err.code) ent_create(&r->ctx, def, in, &out);
    }
    if (r->err.code == KAM_EINPUT || r->err.code == KAM_ECONFLICT) {
        ws_render(r, w, id, form_section(r), def, 0, NULL, 422);
        return;
    }
    if (r->err.code) {
        page_err(r, w);
        return;
    }
    done_ok(r, w, id, "flash.created", arena_printf(r->arena, "b-%s", def->name));
}

void page_account_record_update(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0), rid = route_id(r, 2);
    const EntityDef *def = ws_kind(r, w);
    if (!def) return;
    Record *before, *in = NULL, *out, *current = NULL;
    if (!id || !rid || ent_get(&r->ctx, def, rid, &before) || !belongs(r, before, id)) {
        page_err(r, w);
        return;
    }
    if (ws_record_from_form(r, def, false, &in) == KAM_OK)
        ent_update(&r->ctx, def, rid, req_int(r, "version", 0), in, &out, &current);
    if (r->err.code == KAM_EINPUT || r->err.code == KAM_ECONFLICT) {
        ws_render(r, w, id, form_section(r), def, rid,
                  r->err.code == KAM_ECONFLICT ? current : NULL,
                  r->err.code == KAM_ECONFLICT ? 409 : 422);
        return;
    }
    if (r->err.code) {
        page_err(r, w);
        return;
    }
    done_ok(r, w, id, "flash.saved", arena_printf(r->arena, "b-%s", def->name));
}

void page_account_record_delete(Req *r, Resp *w)
{
    int64_t id = route_id(r, 0), rid = route_id(r, 2);
    const EntityDef *def = ws_kind(r, w);
    if (!def) return;
    Record *before;
    if (!id || !rid || def->scope == SCOPE_ACCOUNT_SELF || ent_get(&r->ctx, def, rid, &before) ||
        !belongs(r, before, id) || ent_delete(&r->ctx, def, rid, req_int(r, "version", 0))) {
        if (r->err.code == KAM_ECONFLICT) {
            ws_render(r, w, id, form_section(r), NULL, 0, NULL, 409);
            return;
        }
        if (!r->err.code) err_set(&r->err, KAM_ENOTFOUND, "not found");
        page_err(r, w);
        return;
    }
    done_ok(r, w, id, "flash.deleted", arena_printf(r->arena, "b-%s", def->name));
}
