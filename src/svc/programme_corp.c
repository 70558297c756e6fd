/* Solutions, people and organisation views of the programme: see programme_corp.h. */
#include "programme_corp.h"

#include "../core/text.h"
#include "acl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static ErrCode check_read(Ctx *c)
{
    if (!acl_sees_programme(&c->actor))
        return err_set(c->err, KAM_EFORBIDDEN, "your role (%s) may not see the programme level",
                       role_name(c->actor.role));
    return KAM_OK;
}

static const char *txt(Ctx *c, DbStmt *st, int col)
{
    const char *s = db_text(st, col);
    return arena_strdup(c->arena, s ? s : "");
}

/* Grow *arr (of elem bytes, *cap slots) when n reached the capacity. */
static void *grow(Ctx *c, void *arr, int n, int *cap, size_t elem)
{
    if (n < *cap) return arr;
    void *p = arena_realloc(c->arena, arr, elem * (size_t)*cap, elem * (size_t)*cap * 2);
    *cap *= 2;
    return p;
}

ErrCode prog_offerings(Ctx *c, ProgOffering **out, int *n)
{
    *n = 0;
    if (check_read(c)) return c->err->code;
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT o.id, o.code, o.name, o.category, o.customisation, o.roadmap, o.account_specific,"
        " o.active, o.origin_account_id, a.name FROM offering o"
        " LEFT JOIN account a ON a.id = o.origin_account_id ORDER BY o.customisation, o.name, o.id",
        DB_NOARGS);
    if (!st) return c->err->code;
    int cap = 32;
    *out = ARENA_ARRAY(c->arena, ProgOffering, cap);
    while (db_next(st)) {
        *out = grow(c, *out, *n, &cap, sizeof **out);
        ProgOffering *o = &(*out)[(*n)++];
        memset(o, 0, sizeof *o);
        o->id = db_int(st, 0);
        o->code = txt(c, st, 1);
        o->name = txt(c, st, 2);
        o->category = txt(c, st, 3);
        o->customisation = txt(c, st, 4);
        o->roadmap = txt(c, st, 5);
        o->account_specific = db_int(st, 6) == 1;
        o->active = db_int(st, 7) == 1;
        o->origin_account_id = db_int(st, 8);
        o->origin_account = db_isnull(st, 9) ? NULL : txt(c, st, 9);
        o->accounts = "";
    }
    if (db_done(st)) return c->err->code;
    /* the accounts using each offering, restricted to those the actor sees */
    DbArg args[8];
    int na = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql, "SELECT s.offering_id, a.id, a.name, SUM(s.revenue_now) FROM solution_cell s"
                   " JOIN account a ON a.id = s.account_id WHERE s.state = 'current'");
    acl_account_filter(&c->actor, "a.id", &sql, args, &na);
    buf_puts(&sql, " GROUP BY s.offering_id, a.id, a.name ORDER BY s.offering_id, a.name");
    st = db_query(c->db, c->err, buf_cstr(&sql), args, na);
    if (!st) return c->err->code;
    while (db_next(st)) {
        int64_t oid = db_int(st, 0);
        for (int i = 0; i < *n; i++) {
            ProgOffering *o = &(*out)[i];
            if (o->id != oid) continue;
            if (o->naccounts < 8)
                o->accounts = *o->accounts
                                  ? arena_printf(c->arena, "%s; %s", o->accounts, db_text(st, 2))
                                  : arena_strdup(c->arena, db_text(st, 2));
            o->naccounts++;
            o->revenue_now += db_real(st, 3);
            break;
        }
    }
    return db_done(st);
}

static int kam_index(const ProgPeople *p, int64_t person)
{
    for (int i = 0; i < p->nkams; i++)
        if (p->kams[i].person_id == person) return i;
    return -1;
}

ErrCode prog_people(Ctx *c, ProgPeople *p)
{
    memset(p, 0, sizeof *p);
    if (check_read(c)) return c->err->code;
    int64_t limit = 8;
    if (db_one_int(c->db, c->err, "SELECT max_accounts_per_kam FROM programme WHERE id = 1",
                   DB_NOARGS, &limit) &&
        c->err->code != KAM_ENOTFOUND)
        return c->err->code;
    err_clear(c->err);
    p->limit = (int)limit;
    /* KAMs: people with a KAM user or managing a key account (a KAM reader sees only themself) */
    DbArg args[8];
    int na = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(
        &sql,
        "SELECT p.id, p.full_name, m.full_name,"
        " (SELECT COUNT(*) FROM account a WHERE a.kam_id = p.id AND a.status = 'key'),"
        " (SELECT COALESCE(SUM(t.time_share), 0) FROM team_member t WHERE t.person_id = p.id"
        "   AND (t.until_on IS NULL OR t.until_on = '' OR t.until_on >= ?)),"
        " (SELECT COUNT(*) FROM development_action d WHERE d.person_id = p.id"
        "   AND d.status IN ('planned', 'in_progress'))"
        " FROM person p LEFT JOIN person m ON m.id = p.manager_id"
        " WHERE p.id IN (SELECT person_id FROM app_user WHERE role = 'kam' AND person_id IS NOT "
        "NULL)"
        " OR p.id IN (SELECT kam_id FROM account WHERE status = 'key' AND kam_id IS NOT NULL)");
    args[na++] = DT(c->today);
    if (c->actor.role == ROLE_KAM) {
        buf_puts(&sql, " AND p.id = ?");
        args[na++] = DI(c->actor.person_id ? c->actor.person_id : -1);
    }
    buf_puts(&sql, " ORDER BY p.full_name, p.id");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, na);
    if (!st) return c->err->code;
    int cap = 16;
    p->kams = ARENA_ARRAY(c->arena, ProgKam, cap);
    while (db_next(st)) {
        p->kams = grow(c, p->kams, p->nkams, &cap, sizeof *p->kams);
        ProgKam *k = &p->kams[p->nkams++];
        memset(k, 0, sizeof *k);
        k->person_id = db_int(st, 0);
        k->name = txt(c, st, 1);
        k->manager = db_isnull(st, 2) ? NULL : txt(c, st, 2);
        k->accounts = (int)db_int(st, 3);
        k->over = k->accounts > p->limit;
        if (k->over) p->nover++;
        k->team_load = db_real(st, 4) / 100.0;
        k->open_actions = (int)db_int(st, 5);
        k->mean_level = NAN;
    }
    if (db_done(st)) return c->err->code;

    bool it = str_eq(c->lang, "it");
    st =
        db_query(c->db, c->err,
                 "SELECT k.id, a.name_en, a.name_it, k.code, k.name_en, k.name_it FROM competency k"
                 " JOIN competency_area a ON a.id = k.area_id ORDER BY a.sort, a.id, k.sort, k.id",
                 DB_NOARGS);
    if (!st) return c->err->code;
    cap = 16;
    p->comp = ARENA_ARRAY(c->arena, ProgCompetency, cap);
    while (db_next(st)) {
        p->comp = grow(c, p->comp, p->ncomp, &cap, sizeof *p->comp);
        p->comp[p->ncomp++] = (ProgCompetency){db_int(st, 0), txt(c, st, it ? 2 : 1), txt(c, st, 3),
                                               txt(c, st, it ? 5 : 4)};
    }
    if (db_done(st)) return c->err->code;

    size_t cells = (size_t)p->nkams * (size_t)p->ncomp;
    p->level = ARENA_ARRAY(c->arena, int, cells + 1);
    memset(p->level, 0, sizeof *p->level * (cells + 1));
    char *from_other = ARENA_ARRAY(c->arena, char, cells + 1);
    memset(from_other, 0, cells + 1);
    /* oldest first, so the latest rating of each kind wins; a self-rating
     * never replaces a manager or 360 one */
    st = db_query(c->db, c->err,
                  "SELECT person_id, competency_id, source, level FROM competency_rating ORDER BY "
                  "rated_on, id",
                  DB_NOARGS);
    if (!st) return c->err->code;
    while (db_next(st)) {
        int ki = kam_index(p, db_int(st, 0));
        if (ki < 0) continue;
        int ci = -1;
        for (int j = 0; j < p->ncomp; j++)
            if (p->comp[j].id == db_int(st, 1)) ci = j;
        if (ci < 0) continue;
        size_t cell = (size_t)ki * (size_t)p->ncomp + (size_t)ci;
        bool self = str_eq(db_text(st, 2), "self");
        if (self && from_other[cell]) continue;
        p->level[cell] = (int)db_int(st, 3);
        if (!self) from_other[cell] = 1;
    }
    if (db_done(st)) return c->err->code;
    for (int i = 0; i < p->nkams; i++) {
        double sum = 0;
        int n = 0;
        for (int j = 0; j < p->ncomp; j++) {
            int l = p->level[(size_t)i * (size_t)p->ncomp + (size_t)j];
            if (l) {
                sum += l;
                n++;
            }
        }
        p->kams[i].ratings = n;
        if (n) p->kams[i].mean_level = sum / n;
    }
    return KAM_OK;
}

ErrCode prog_organisation(Ctx *c, ProgOrganisation *o)
{
    memset(o, 0, sizeof *o);
    if (check_read(c)) return c->err->code;
    int64_t days = 365;
    if (db_one_int(c->db, c->err, "SELECT plan_max_age_days FROM programme WHERE id = 1", DB_NOARGS,
                   &days) &&
        c->err->code != KAM_ENOTFOUND)
        return c->err->code;
    err_clear(c->err);
    date_from_days(date_days(c->today) - days, o->plan_cutoff);
    DbArg args[8];
    int na = 0;
    Buf sql;
    buf_init(&sql, c->arena);
    buf_puts(&sql, "SELECT a.id, a.name, k.full_name, s.full_name, a.sponsor_id, a.plan_reviewed_on"
                   " FROM account a LEFT JOIN person k ON k.id = a.kam_id LEFT JOIN person s ON "
                   "s.id = a.sponsor_id"
                   " WHERE a.status = 'key'");
    acl_account_filter(&c->actor, "a.id", &sql, args, &na);
    buf_puts(&sql, " ORDER BY a.name, a.id");
    DbStmt *st = db_query(c->db, c->err, buf_cstr(&sql), args, na);
    if (!st) return c->err->code;
    int cap = 32;
    o->acct = ARENA_ARRAY(c->arena, ProgCompliance, cap);
    while (db_next(st)) {
        o->acct = grow(c, o->acct, o->nacc, &cap, sizeof *o->acct);
        ProgCompliance *x = &o->acct[o->nacc++];
        memset(x, 0, sizeof *x);
        x->id = db_int(st, 0);
        x->name = txt(c, st, 1);
        x->kam = db_isnull(st, 2) ? NULL : txt(c, st, 2);
        x->sponsor = db_isnull(st, 3) ? NULL : txt(c, st, 3);
        x->has_sponsor = !db_isnull(st, 4);
        const char *plan = db_text(st, 5);
        x->plan_current = plan && strcmp(plan, o->plan_cutoff) >= 0;
    }
    if (db_done(st)) return c->err->code;
    /* cadences and the latest interaction held for each */
    buf_init(&sql, c->arena);
    na = 0;
    buf_puts(&sql, "SELECT cd.account_id, cd.every_months,"
                   " (SELECT MAX(i.occurred_on) FROM interaction i WHERE i.cadence_id = cd.id AND "
                   "i.occurred_on <= ?)"
                   " FROM cadence cd JOIN account a ON a.id = cd.account_id WHERE cd.active = 1 "
                   "AND a.status = 'key'");
    args[na++] = DT(c->today);
    acl_account_filter(&c->actor, "a.id", &sql, args, &na);
    st = db_query(c->db, c->err, buf_cstr(&sql), args, na);
    if (!st) return c->err->code;
    while (db_next(st)) {
        int64_t id = db_int(st, 0);
        ProgCompliance *x = NULL;
        for (int i = 0; i < o->nacc && !x; i++)
            if (o->acct[i].id == id) x = &o->acct[i];
        if (!x) continue;
        x->cadences++;
        const char *last = db_text(st, 2);
        if (!last) continue;
        char ym[8], due[11];
        month_add(arena_strndup(c->arena, c->today, 7), -(int)db_int(st, 1), ym);
        snprintf(due, sizeof due, "%s%s", ym, c->today + 7); /* today, every_months earlier */
        if (strcmp(last, due) >= 0) x->held++;
    }
    if (db_done(st)) return c->err->code;
    for (int i = 0; i < o->nacc; i++) {
        ProgCompliance *x = &o->acct[i];
        x->compliant = x->has_sponsor && x->plan_current && x->held == x->cadences;
        o->with_sponsor += x->has_sponsor;
        o->plan_current += x->plan_current;
        o->cadences_held += x->held == x->cadences;
        o->compliant += x->compliant;
    }
    return KAM_OK;
}
