/* Alignment, relationship coverage and competency gaps; rules in metrics.h. */
#include "metrics.h"

#include "acl.h"
#include "../core/text.h"

#include <stdlib.h>
#include <string.h>

const char *const kMlBuyingRoles[ML_NROLES + 1] = {
    "decision_maker", "economic_buyer", "technical_buyer", "user",
    "influencer",     "gatekeeper",     "champion",        NULL,
};

bool ml_fraction_value(MlFraction f, double *out)
{
    *out = f.den ? (double)f.num / f.den : 0;
    return f.den != 0;
}

const char *ml_cover_state_name(MlCoverState s)
{
    switch (s) {
    case ML_COVERED:
        return "covered";
    case ML_NO_COUNTERPART:
        return "no counterpart";
    case ML_VACANT:
        return "vacant";
    case ML_NO_POSITION:
        break;
    }
    return "no position";
}

/* ------------------------------------------------------------------ pure */

static bool has_id(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id) return true;
    return false;
}

/* Does initiative ini (a live one) serve some goal of the account? */
static bool initiative_serves_goal(int64_t ini, const int64_t *goals, int ngoal,
                                   const int64_t *initiatives, int nini, const MlLink *ig, int nig)
{
    if (!has_id(initiatives, nini, ini)) return false;
    for (int i = 0; i < nig; i++)
        if (ig[i].a == ini && has_id(goals, ngoal, ig[i].b)) return true;
    return false;
}

void ml_alignment(const int64_t *objectives, int nobj, const int64_t *goals, int ngoal,
                  const int64_t *initiatives, int nini, const MlLink *goal_objective, int ngo,
                  const MlLink *initiative_goal, int nig, const MlLink *initiative_objective,
                  int nio, MlAlignment *out)
{
    memset(out, 0, sizeof *out);
    out->objectives_linked.den = nobj;
    for (int o = 0; o < nobj; o++) {
        bool linked = false;
        for (int i = 0; i < ngo && !linked; i++)
            linked =
                goal_objective[i].b == objectives[o] && has_id(goals, ngoal, goal_objective[i].a);
        for (int i = 0; i < nio && !linked; i++)
            linked = initiative_objective[i].b == objectives[o] &&
                     initiative_serves_goal(initiative_objective[i].a, goals, ngoal, initiatives,
                                            nini, initiative_goal, nig);
        out->objectives_linked.num += linked;
    }
    out->goals_served.den = ngoal;
    for (int g = 0; g < ngoal; g++) {
        bool served = false;
        for (int i = 0; i < ngo && !served; i++)
            served =
                goal_objective[i].a == goals[g] && has_id(objectives, nobj, goal_objective[i].b);
        for (int i = 0; i < nig && !served; i++)
            served =
                initiative_goal[i].b == goals[g] && has_id(initiatives, nini, initiative_goal[i].a);
        out->goals_served.num += served;
    }
}

static MlCoverState position_state(const MlPosition *p)
{
    if (!p->holder_id) return ML_VACANT;
    return p->counterpart_id ? ML_COVERED : ML_NO_COUNTERPART;
}

void ml_coverage(const MlPosition *pos, int n, MlRoleCover out[ML_NROLES], MlFraction *coverage)
{
    coverage->num = 0;
    coverage->den = ML_NROLES;
    for (int r = 0; r < ML_NROLES; r++) {
        out[r] = (MlRoleCover){kMlBuyingRoles[r], ML_NO_POSITION, NULL};
        for (int i = 0; i < n; i++) {
            if (!str_eq(pos[i].buying_role, kMlBuyingRoles[r])) continue;
            MlCoverState s = position_state(&pos[i]);
            if (!out[r].pos || s > out[r].state) {
                out[r].state = s;
                out[r].pos = &pos[i];
            }
        }
        coverage->num += out[r].state == ML_COVERED;
    }
}

/* Whether rating a should replace b as a person's level: other sources beat
 * self-ratings; then the later date, then the later entry. */
static bool rating_better(const MlRating *a, const MlRating *b)
{
    bool aself = str_eq(a->source, "self"), bself = str_eq(b->source, "self");
    if (aself != bself) return !aself;
    int d = strcmp(a->rated_on ? a->rated_on : "", b->rated_on ? b->rated_on : "");
    if (d) return d > 0;
    return a->id > b->id;
}

static int cmp_gap(const void *x, const void *y)
{
    const MlGap *a = x, *b = y;
    if (a->gap != b->gap) return b->gap - a->gap;
    return strcmp(a->req->code ? a->req->code : "", b->req->code ? b->req->code : "");
}

void ml_gaps(const MlRequirement *req, int nreq, const MlMember *members, int nmem,
             const MlRating *ratings, int nrat, MlGap *out)
{
    for (int q = 0; q < nreq; q++) {
        MlGap *g = &out[q];
        memset(g, 0, sizeof *g);
        g->req = &req[q];
        for (int m = 0; m < nmem; m++) {
            const MlRating *use = NULL;
            for (int i = 0; i < nrat; i++) {
                if (ratings[i].person_id != members[m].person_id ||
                    ratings[i].competency_id != req[q].competency_id)
                    continue;
                if (!use || rating_better(&ratings[i], use)) use = &ratings[i];
            }
            if (use && (!g->rated || use->level > g->team_level)) {
                g->rated = true;
                g->team_level = use->level;
                g->best = members[m].name;
            }
        }
        g->gap = req[q].required - g->team_level;
    }
    qsort(out, (size_t)nreq, sizeof *out, cmp_gap);
}

/* ------------------------------------------------------------------ store */

/* The ids the query returns in its first column. */
static ErrCode load_ids(Ctx *c, const char *sql, int64_t account_id, int64_t **ids, int *n)
{
    DbStmt *st = db_query(c->db, c->err, sql, DB_ARGS(DI(account_id)));
    if (!st) return c->err->code;
    int cap = 16;
    *ids = ARENA_ARRAY(c->arena, int64_t, cap);
    *n = 0;
    while (db_next(st)) {
        if (*n == cap) {
            *ids = arena_realloc(c->arena, *ids, sizeof(int64_t) * (size_t)cap,
                                 sizeof(int64_t) * (size_t)cap * 2);
            cap *= 2;
        }
        (*ids)[(*n)++] = db_int(st, 0);
    }
    return db_done(st);
}

/* The (a, b) pairs the query returns in its first two columns. */
static ErrCode load_links(Ctx *c, const char *sql, int64_t account_id, MlLink **links, int *n)
{
    DbStmt *st = db_query(c->db, c->err, sql, DB_ARGS(DI(account_id)));
    if (!st) return c->err->code;
    int cap = 16;
    *links = ARENA_ARRAY(c->arena, MlLink, cap);
    *n = 0;
    while (db_next(st)) {
        if (*n == cap) {
            *links = arena_realloc(c->arena, *links, sizeof(MlLink) * (size_t)cap,
                                   sizeof(MlLink) * (size_t)cap * 2);
            cap *= 2;
        }
        (*links)[(*n)++] = (MlLink){db_int(st, 0), db_int(st, 1)};
    }
    return db_done(st);
}

static ErrCode load_alignment(Ctx *c, int64_t acct, MlAlignment *out)
{
    int64_t *obj, *goals, *ini;
    MlLink *go, *ig, *io;
    int nobj, ngoal, nini, ngo, nig, nio;
    if (load_ids(c, "SELECT id FROM objective WHERE account_id = ? AND status <> 'dropped'", acct,
                 &obj, &nobj) ||
        load_ids(c, "SELECT id FROM customer_goal WHERE account_id = ?", acct, &goals, &ngoal) ||
        load_ids(c, "SELECT id FROM initiative WHERE account_id = ? AND status <> 'stopped'", acct,
                 &ini, &nini) ||
        load_links(c,
                   "SELECT l.goal_id, l.objective_id FROM goal_objective l"
                   " JOIN customer_goal g ON g.id = l.goal_id WHERE g.account_id = ?",
                   acct, &go, &ngo) ||
        load_links(c,
                   "SELECT l.initiative_id, l.goal_id FROM initiative_goal l"
                   " JOIN initiative i ON i.id = l.initiative_id WHERE i.account_id = ?",
                   acct, &ig, &nig) ||
        load_links(c,
                   "SELECT l.initiative_id, l.objective_id FROM initiative_objective l"
                   " JOIN initiative i ON i.id = l.initiative_id WHERE i.account_id = ?",
                   acct, &io, &nio))
        return c->err->code;
    ml_alignment(obj, nobj, goals, ngoal, ini, nini, go, ngo, ig, nig, io, nio, out);
    return KAM_OK;
}

static ErrCode load_positions(Ctx *c, int64_t acct, MlAnalysis *out)
{
    DbStmt *st = db_query(
        c->db, c->err,
        "SELECT p.id, p.title, p.buying_role, h.person_id, hp.full_name, p.counterpart_id,"
        " cp.full_name FROM contact_position p"
        " LEFT JOIN position_holder h ON h.position_id = p.id AND h.to_on IS NULL AND h.from_on <= "
        "?"
        " LEFT JOIN person hp ON hp.id = h.person_id"
        " LEFT JOIN person cp ON cp.id = p.counterpart_id"
        " WHERE p.account_id = ? AND p.active = 1 ORDER BY p.id, h.from_on DESC, h.id DESC",
        DB_ARGS(DT(c->today), DI(acct)));
    if (!st) return c->err->code;
    int cap = 16;
    out->positions = ARENA_ARRAY(c->arena, MlPosition, cap);
    out->npositions = 0;
    while (db_next(st)) {
        int64_t id = db_int(st, 0);
        /* several open holders of one position: the latest is the holder */
        if (out->npositions && out->positions[out->npositions - 1].id == id) continue;
        if (out->npositions == cap) {
            out->positions =
                arena_realloc(c->arena, out->positions, sizeof(MlPosition) * (size_t)cap,
                              sizeof(MlPosition) * (size_t)cap * 2);
            cap *= 2;
        }
        MlPosition *p = &out->positions[out->npositions++];
        p->id = id;
        p->title = arena_strdup(c->arena, db_text(st, 1));
        p->buying_role = arena_strdup(c->arena, db_text(st, 2));
        p->holder_id = db_int(st, 3);
        p->holder = db_text(st, 4) ? arena_strdup(c->arena, db_text(st, 4)) : NULL;
        p->counterpart_id = db_int(st, 5);
        p->counterpart = db_text(st, 6) ? arena_strdup(c->arena, db_text(st, 6)) : NULL;
    }
    if (db_done(st)) return c->err->code;
    ml_coverage(out->positions, out->npositions, out->roles, &out->coverage);
    return KAM_OK;
}

static ErrCode load_gaps(Ctx *c, int64_t acct, MlAnalysis *out)
{
    bool it = str_eq(c->lang, "it");
    DbStmt *st = db_query(c->db, c->err,
                          "SELECT r.competency_id, k.code, k.name_en, k.name_it, r.required_level"
                          " FROM account_competency r JOIN competency k ON k.id = r.competency_id"
                          " WHERE r.account_id = ? ORDER BY k.sort, k.id",
                          DB_ARGS(DI(acct)));
    if (!st) return c->err->code;
    int cap = 16, nreq = 0;
    out->reqs = ARENA_ARRAY(c->arena, MlRequirement, cap);
    while (db_next(st)) {
        if (nreq == cap) {
            out->reqs = arena_realloc(c->arena, out->reqs, sizeof(MlRequirement) * (size_t)cap,
                                      sizeof(MlRequirement) * (size_t)cap * 2);
            cap *= 2;
        }
        out->reqs[nreq++] =
            (MlRequirement){db_int(st, 0), arena_strdup(c->arena, db_text(st, 1)),
                            arena_strdup(c->arena, db_text(st, it ? 3 : 2)), (int)db_int(st, 4)};
    }
    if (db_done(st)) return c->err->code;

    st = db_query(c->db, c->err,
                  "SELECT DISTINCT m.person_id, p.full_name FROM team_member m JOIN person p ON "
                  "p.id = m.person_id"
                  " WHERE m.account_id = ? AND (m.until_on IS NULL OR m.until_on >= ?)"
                  " AND (m.since_on IS NULL OR m.since_on <= ?) ORDER BY m.person_id",
                  DB_ARGS(DI(acct), DT(c->today), DT(c->today)));
    if (!st) return c->err->code;
    cap = 16;
    int nmem = 0;
    MlMember *mem = ARENA_ARRAY(c->arena, MlMember, cap);
    while (db_next(st)) {
        if (nmem == cap) {
            mem = arena_realloc(c->arena, mem, sizeof(MlMember) * (size_t)cap,
                                sizeof(MlMember) * (size_t)cap * 2);
            cap *= 2;
        }
        mem[nmem++] = (MlMember){db_int(st, 0), arena_strdup(c->arena, db_text(st, 1))};
    }
    if (db_done(st)) return c->err->code;

    st = db_query(c->db, c->err,
                  "SELECT r.id, r.person_id, r.competency_id, r.source, r.rated_on, r.level FROM "
                  "competency_rating r"
                  " WHERE r.person_id IN (SELECT person_id FROM team_member WHERE account_id = ?)"
                  " AND r.competency_id IN (SELECT competency_id FROM account_competency WHERE "
                  "account_id = ?)",
                  DB_ARGS(DI(acct), DI(acct)));
    if (!st) return c->err->code;
    cap = 32;
    int nrat = 0;
    MlRating *rat = ARENA_ARRAY(c->arena, MlRating, cap);
    while (db_next(st)) {
        if (nrat == cap) {
            rat = arena_realloc(c->arena, rat, sizeof(MlRating) * (size_t)cap,
                                sizeof(MlRating) * (size_t)cap * 2);
            cap *= 2;
        }
        rat[nrat++] = (MlRating){db_int(st, 0),
                                 db_int(st, 1),
                                 db_int(st, 2),
                                 arena_strdup(c->arena, db_text(st, 3)),
                                 arena_strdup(c->arena, db_text(st, 4)),
                                 (int)db_int(st, 5)};
    }
    if (db_done(st)) return c->err->code;
    out->gaps = ARENA_ARRAY(c->arena, MlGap, nreq + 1);
    out->ngaps = nreq;
    ml_gaps(out->reqs, nreq, mem, nmem, rat, nrat, out->gaps);
    return KAM_OK;
}

ErrCode ml_analyse(Ctx *c, int64_t account_id, MlAnalysis *out)
{
    memset(out, 0, sizeof *out);
    unsigned rights = 0;
    if (acl_account_rights(c, account_id, &rights)) return c->err->code;
    if (!(rights & AR_READ))
        return err_set(c->err, KAM_ENOTFOUND, "account %lld not found", (long long)account_id);
    out->account_id = account_id;
    DbStmt *st =
        db_query(c->db, c->err, "SELECT name FROM account WHERE id = ?", DB_ARGS(DI(account_id)));
    if (!st) return c->err->code;
    if (db_next(st)) out->account_name = arena_strdup(c->arena, db_text(st, 0));
    if (db_done(st)) return c->err->code;
    if (load_alignment(c, account_id, &out->alignment)) return c->err->code;
    if (load_positions(c, account_id, out)) return c->err->code;
    return load_gaps(c, account_id, out);
}
