/* Contacts as positions held over time, and account teams; see people.h. */
#include "people.h"

#include "../core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *id_text(Ctx *c, int64_t id)
{
    return arena_printf(c->arena, "%lld", (long long)id);
}

static const char *const kAttitudes[] = {"opponent",  "sceptic",  "neutral",
                                         "supporter", "champion", NULL};

const char *attitude_value(const char *s)
{
    int64_t n;
    if (!s) return NULL;
    if (parse_int64(s, &n)) return n >= -2 && n <= 2 ? s : NULL;
    for (int i = 0; kAttitudes[i]; i++)
        if (str_ieq(s, kAttitudes[i])) return (const char *[]){"-2", "-1", "0", "1", "2"}[i];
    if (str_ieq(s, "skeptic")) return "-1";
    return NULL;
}

const char *attitude_name(int v)
{
    return v >= -2 && v <= 2 ? kAttitudes[v + 2] : "?";
}

ErrCode person_resolve(Ctx *c, const char *login_or_id, const char *field, int64_t *person_id)
{
    int64_t n = 0;
    if (parse_int64(login_or_id, &n) && n > 0) {
        *person_id = n; /* the entity layer checks it exists and is staff */
        return KAM_OK;
    }
    DbStmt *st = db_query(c->db, c->err, "SELECT person_id FROM app_user WHERE login = ?",
                          DB_ARGS(DT(login_or_id)));
    if (!st) return c->err->code;
    bool found = db_next(st);
    *person_id = found ? db_int(st, 0) : 0;
    if (db_done(st)) return c->err->code;
    if (!found)
        return err_field(c->err, KAM_EINPUT, field,
                         "%s: there is no user \"%s\" (give a login or a person id)", field,
                         login_or_id);
    if (!*person_id)
        return err_field(c->err, KAM_EINPUT, field,
                         "%s: user \"%s\" has no person record (kam user edit ... --person_id)",
                         field, login_or_id);
    return KAM_OK;
}

/* ------------------------------------------------------------------ contacts */

ErrCode contact_add(Ctx *c, const ContactNew *n, int64_t *person_id, int64_t *position_id)
{
    const EntityDef *pdef = entity_find("person"), *posdef = entity_find("contact_position"),
                    *hdef = entity_find("position_holder");
    if (str_empty(n->name))
        return err_field(c->err, KAM_EINPUT, "name", "name: give the contact's full name");
    const char *attitude = NULL;
    if (n->attitude && !(attitude = attitude_value(n->attitude)))
        return err_field(
            c->err, KAM_EINPUT, "attitude",
            "attitude: \"%s\" is not -2..2 or opponent, sceptic, neutral, supporter, champion",
            n->attitude);
    int64_t counterpart = 0;
    if (n->counterpart && person_resolve(c, n->counterpart, "counterpart", &counterpart))
        return c->err->code;

    Record *pos = record_new(c, posdef);
    record_set(c, pos, "account_id", id_text(c, n->account_id));
    record_set(c, pos, "title", n->title ? n->title : "Contact");
    if (n->unit) record_set(c, pos, "unit", n->unit);
    if (n->buying_role) record_set(c, pos, "buying_role", n->buying_role);
    if (n->influence) record_set(c, pos, "influence", n->influence);
    if (attitude) record_set(c, pos, "attitude", attitude);
    if (counterpart) record_set(c, pos, "counterpart_id", id_text(c, counterpart));
    Record *person = record_new(c, pdef);
    record_set(c, person, "kind", "external");
    record_set(c, person, "full_name", n->name);
    if (n->email) record_set(c, person, "email", n->email);
    if (n->ext_id) record_set(c, person, "ext_id", n->ext_id);
    if (n->phone) record_set(c, person, "phone", n->phone);
    if (n->title) record_set(c, person, "job_title", n->title);

    if (db_begin(c->db, c->err)) return c->err->code;
    Record *pos_out, *person_out, *holder_out;
    ErrCode rc = ent_create(c, posdef, pos, &pos_out);
    if (!rc) rc = ent_create(c, pdef, person, &person_out);
    if (!rc) {
        Record *h = record_new(c, hdef);
        record_set(c, h, "position_id", id_text(c, pos_out->id));
        record_set(c, h, "person_id", id_text(c, person_out->id));
        record_set(c, h, "from_on", c->today);
        rc = ent_create(c, hdef, h, &holder_out);
    }
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    *person_id = person_out->id;
    *position_id = pos_out->id;
    return KAM_OK;
}

ErrCode contact_move(Ctx *c, int64_t person_id, int64_t to_position, int *ended)
{
    const EntityDef *pdef = entity_find("person"), *posdef = entity_find("contact_position"),
                    *hdef = entity_find("position_holder");
    *ended = 0;
    Record *person, *target = NULL;
    if (ent_get(c, pdef, person_id, &person)) return c->err->code;
    if (to_position && ent_get(c, posdef, to_position, &target)) return c->err->code;

    DbStmt *st = db_query(c->db, c->err,
                          "SELECT id, position_id FROM position_holder WHERE person_id = ? AND "
                          "to_on IS NULL ORDER BY id",
                          DB_ARGS(DI(person_id)));
    if (!st) return c->err->code;
    int cap = 8;
    int64_t *open = ARENA_ARRAY(c->arena, int64_t, cap);
    int nopen = 0;
    bool already = false;
    while (db_next(st)) {
        if (db_int(st, 1) == to_position)
            already = true;
        else {
            if (nopen == cap) {
                open = arena_realloc(c->arena, open, sizeof *open * (size_t)cap,
                                     sizeof *open * (size_t)cap * 2);
                cap *= 2;
            }
            open[nopen++] = db_int(st, 0);
        }
    }
    if (db_done(st)) return c->err->code;
    if (already)
        return err_field(c->err, KAM_EINPUT, "to", "%s already holds contact_position %lld",
                         record_title(c, person), (long long)to_position);
    if (!to_position && nopen == 0)
        return err_field(c->err, KAM_EINPUT, "vacate",
                         "%s holds no position now; nothing to vacate", record_title(c, person));

    if (db_begin(c->db, c->err)) return c->err->code;
    ErrCode rc = KAM_OK;
    for (int i = 0; i < nopen && !rc; i++) {
        Record *cur, *out;
        rc = ent_get(c, hdef, open[i], &cur);
        if (rc) break;
        Record *in = record_new(c, hdef);
        record_set(c, in, "to_on", c->today);
        rc = ent_update(c, hdef, open[i], cur->version, in, &out, NULL);
        if (!rc) (*ended)++;
    }
    if (!rc && to_position) {
        Record *h = record_new(c, hdef), *out;
        record_set(c, h, "position_id", id_text(c, to_position));
        record_set(c, h, "person_id", id_text(c, person_id));
        record_set(c, h, "from_on", c->today);
        rc = ent_create(c, hdef, h, &out);
    }
    if (!rc) rc = db_commit(c->db, c->err);
    if (rc) db_rollback(c->db);
    return rc;
}

/* Holder and counterpart of one visible position. */
static ErrCode fill_row(Ctx *c, const Record *pos, ContactRow *row)
{
    memset(row, 0, sizeof *row);
    row->position = pos;
    DbStmt *st =
        db_query(c->db, c->err,
                 "SELECT h.person_id, p.full_name, p.email, h.from_on FROM position_holder h"
                 " JOIN person p ON p.id = h.person_id WHERE h.position_id = ? AND h.to_on IS NULL"
                 " ORDER BY h.from_on DESC, h.id DESC LIMIT 1",
                 DB_ARGS(DI(pos->id)));
    if (!st) return c->err->code;
    if (db_next(st)) {
        row->holder_id = db_int(st, 0);
        row->holder = arena_strdup(c->arena, db_text(st, 1));
        row->holder_email = arena_strdup(c->arena, db_text(st, 2) ? db_text(st, 2) : "");
        row->holder_since = arena_strdup(c->arena, db_text(st, 3));
    }
    if (db_done(st)) return c->err->code;
    int64_t cp = record_int(pos, "counterpart_id");
    if (!cp) return KAM_OK;
    st = db_query(c->db, c->err, "SELECT full_name FROM person WHERE id = ?", DB_ARGS(DI(cp)));
    if (!st) return c->err->code;
    if (db_next(st)) row->counterpart = arena_strdup(c->arena, db_text(st, 0));
    return db_done(st);
}

ErrCode contact_list(Ctx *c, int64_t account_id, ContactRow **rows, int *n)
{
    ListQuery q = {.account_id = account_id, .limit = -1};
    RecordList list;
    if (ent_list(c, entity_find("contact_position"), &q, &list)) return c->err->code;
    *rows = ARENA_ARRAY(c->arena, ContactRow, list.n + 1);
    *n = list.n;
    for (int i = 0; i < list.n; i++)
        if (fill_row(c, &list.items[i], &(*rows)[i])) return c->err->code;
    return KAM_OK;
}

ErrCode contact_show(Ctx *c, int64_t position_id, ContactRow *row, HolderRow **history, int *n)
{
    Record *pos;
    if (ent_get(c, entity_find("contact_position"), position_id, &pos)) return c->err->code;
    if (fill_row(c, pos, row)) return c->err->code;
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT h.id, h.person_id, p.full_name, h.from_on, h.to_on, h.note FROM position_holder h"
        " JOIN person p ON p.id = h.person_id WHERE h.position_id = ? ORDER BY h.from_on, h.id",
        DB_ARGS(DI(position_id)));
    if (!st) return c->err->code;
    int cap = 8;
    *history = ARENA_ARRAY(c->arena, HolderRow, cap);
    *n = 0;
    while (db_next(st)) {
        if (*n == cap) {
            *history = arena_realloc(c->arena, *history, sizeof(HolderRow) * (size_t)cap,
                                     sizeof(HolderRow) * (size_t)cap * 2);
            cap *= 2;
        }
        HolderRow *h = &(*history)[(*n)++];
        h->id = db_int(st, 0);
        h->person_id = db_int(st, 1);
        h->name = arena_strdup(c->arena, db_text(st, 2));
        h->from_on = arena_strdup(c->arena, db_text(st, 3));
        h->to_on = db_text(st, 4) ? arena_strdup(c->arena, db_text(st, 4)) : NULL;
        h->note = arena_strdup(c->arena, db_text(st, 5) ? db_text(st, 5) : "");
    }
    return db_done(st);
}

/* ------------------------------------------------------------------ team */

ErrCode team_add(Ctx *c, int64_t account_id, const char *login, const char *role, const char *share,
                 int64_t *member_id)
{
    const EntityDef *def = entity_find("team_member");
    if (str_empty(login))
        return err_field(c->err, KAM_EINPUT, "user", "user: give the member's login");
    if (str_empty(role))
        return err_field(c->err, KAM_EINPUT, "role", "role: give the member's role in the team");
    int64_t person = 0;
    DbStmt *st = db_query(c->db, c->err, "SELECT person_id FROM app_user WHERE login = ?",
                          DB_ARGS(DT(login)));
    if (!st) return c->err->code;
    bool found = db_next(st);
    if (found) person = db_int(st, 0);
    if (db_done(st)) return c->err->code;
    if (!found)
        return err_field(c->err, KAM_EINPUT, "user", "user: there is no user \"%s\"", login);
    if (!person)
        return err_field(c->err, KAM_EINPUT, "user",
                         "user: \"%s\" has no person record to put on the team", login);
    Record *in = record_new(c, def);
    record_set(c, in, "account_id", id_text(c, account_id));
    record_set(c, in, "person_id", id_text(c, person));
    record_set(c, in, "role", role);
    record_set(c, in, "since_on", c->today);
    if (share) {
        double f;
        if (!parse_double(share, false, &f) && !(c->decimal_comma && parse_double(share, true, &f)))
            return err_field(c->err, KAM_EINPUT, "share",
                             "share: \"%s\" is not a number (a fraction of time, e.g. 0.5)", share);
        if (f < 0 || f > 1)
            return err_field(
                c->err, KAM_EINPUT, "share",
                "share: %g is outside 0 to 1 (a fraction of the person's time, e.g. 0.5)", f);
        record_set(c, in, "time_share", arena_printf(c->arena, "%.15g", f * 100.0));
    }
    Record *out;
    ErrCode rc = ent_create(c, def, in, &out);
    if (rc == KAM_ECONFLICT)
        return err_field(c->err, KAM_ECONFLICT, "role",
                         "%s is already on the team of account %lld as %s", login,
                         (long long)account_id, role);
    if (rc) return rc;
    *member_id = out->id;
    return KAM_OK;
}

ErrCode team_list(Ctx *c, int64_t account_id, TeamRow **rows, int *n)
{
    ListQuery q = {.account_id = account_id, .limit = -1};
    RecordList list;
    if (ent_list(c, entity_find("team_member"), &q, &list)) return c->err->code;
    *rows = ARENA_ARRAY(c->arena, TeamRow, list.n + 1);
    *n = list.n;
    for (int i = 0; i < list.n; i++) {
        TeamRow *r = &(*rows)[i];
        r->member = &list.items[i];
        DbStmt *st = db_query(
            c->db, c->err,
            "SELECT p.full_name, u.login FROM person p LEFT JOIN app_user u ON u.person_id = p.id"
            " WHERE p.id = ?",
            DB_ARGS(DI(record_int(r->member, "person_id"))));
        if (!st) return c->err->code;
        if (db_next(st)) {
            r->name = arena_strdup(c->arena, db_text(st, 0));
            r->login = db_text(st, 1) ? arena_strdup(c->arena, db_text(st, 1)) : NULL;
        }
        if (db_done(st)) return c->err->code;
    }
    return KAM_OK;
}

ErrCode team_remove(Ctx *c, int64_t member_id)
{
    const EntityDef *def = entity_find("team_member");
    Record *cur;
    if (ent_get(c, def, member_id, &cur)) return c->err->code;
    return ent_delete(c, def, member_id, cur->version);
}
