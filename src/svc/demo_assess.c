/* One assessment round of the demo: executives rate the programme, KAMs,
 * sponsors and a team member rate twelve key accounts, four customers rate
 * their relationship. The round uses the builtin catalogue that `kam init`
 * loads (data/seed/assessment.json); only a database without any catalogue
 * (made before the catalogue was seeded) gets a small demo one ("demo-1":
 * two items per dimension and level). */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "evidence.h"

#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const kDims[] = {"strategy", "solutions", "people", "management", "evaluation"};
static const char *const kLevels[] = {"corporate", "operational", "customer"};

/* [dimension][level][item] = {en, it} */
static const char *const kItems[5][3][2][2] = {
    {{{"The role of key accounts in our strategy is written down, with targets for their share of revenue and margin.",
       "Il ruolo dei clienti chiave nella nostra strategia è scritto, con obiettivi di quota di fatturato e margine."},
      {"Key accounts are selected with agreed criteria and the choice is reviewed every year.",
       "I clienti chiave sono scelti con criteri condivisi e la scelta è rivista ogni anno."}},
     {{"We understand this customer's business, markets and strategic goals.",
       "Conosciamo il business, i mercati e gli obiettivi strategici di questo cliente."},
      {"Our objectives for this account span several levels and serve the customer's goals.",
       "I nostri obiettivi per questo cliente coprono più livelli e servono i suoi obiettivi."}},
     {{"Our supplier understands our business and our strategic goals.",
       "Il fornitore conosce il nostro business e i nostri obiettivi strategici."},
      {"We plan initiatives with our supplier that serve both companies.",
       "Pianifichiamo con il fornitore iniziative utili a entrambe le aziende."}}},
    {{{"Solutions made for a key account are considered for the standard range.",
       "Le soluzioni sviluppate per un cliente chiave sono valutate per la gamma standard."},
      {"We know how far we can adapt our offering for a key account, and at what cost.",
       "Sappiamo fin dove possiamo adattare l'offerta per un cliente chiave, e a quale costo."}},
     {{"We know where our offering is used at this customer, where it could be, and who competes with us.",
       "Sappiamo dove la nostra offerta è usata da questo cliente, dove potrebbe esserlo e chi sono i concorrenti."},
      {"Solutions for this customer are designed and delivered on time and to quality.",
       "Le soluzioni per questo cliente sono progettate e consegnate nei tempi e con qualità."}},
     {{"The supplier's solutions fit our needs.", "Le soluzioni del fornitore rispondono alle nostre esigenze."},
      {"Projects with the supplier are delivered as agreed.", "I progetti con il fornitore sono consegnati come concordato."}}},
    {{{"KAMs get the training and the resources to develop their competencies.",
       "I KAM ricevono formazione e risorse per sviluppare le proprie competenze."},
      {"Recruiting, rewards and career paths for KAMs are defined and applied.",
       "Selezione, incentivi e percorsi di carriera dei KAM sono definiti e applicati."}},
     {{"The account team has the competencies this customer needs.",
       "Il team del cliente ha le competenze di cui questo cliente ha bisogno."},
      {"The KAM brings the right people of our company to this customer at the right time.",
       "Il KAM coinvolge le persone giuste della nostra azienda al momento giusto."}},
     {{"We have the right contacts at the supplier, at every level.",
       "Abbiamo gli interlocutori giusti presso il fornitore, a ogni livello."},
      {"The supplier's key account manager coordinates their whole team for us.",
       "Il key account manager del fornitore coordina per noi tutto il suo team."}}},
    {{{"The KAM organisation, its processes and its governance are defined and known.",
       "L'organizzazione KAM, i suoi processi e la governance sono definiti e conosciuti."},
      {"The planning cycle and the reviews of key accounts run as scheduled.",
       "Il ciclo di pianificazione e le revisioni dei clienti chiave si svolgono come previsto."}},
     {{"Rules of collaboration with this customer (who talks to whom, meetings, escalation) are agreed.",
       "Le regole di collaborazione con questo cliente (chi parla con chi, riunioni, escalation) sono concordate."},
      {"Meetings, decisions and actions with this customer are recorded and followed up.",
       "Riunioni, decisioni e azioni con questo cliente sono registrate e seguite."}},
     {{"The rules of collaboration with the supplier are clear and kept.",
       "Le regole di collaborazione con il fornitore sono chiare e rispettate."},
      {"Problems are escalated and solved quickly.", "I problemi vengono portati al livello giusto e risolti in fretta."}}},
    {{{"Top management receives the key-account figures it needs, on time.",
       "Il vertice riceve in tempo i dati sui clienti chiave di cui ha bisogno."},
      {"The performance of the KAM programme is measured and reviewed.",
       "La prestazione del programma KAM è misurata e rivista."}},
     {{"The KPIs of this account are defined, measured and reviewed.",
       "I KPI di questo cliente sono definiti, misurati e rivisti."},
      {"Results are reviewed with the customer and lead to actions.",
       "I risultati sono rivisti con il cliente e portano ad azioni concrete."}},
     {{"We review shared KPIs with the supplier regularly.", "Rivediamo regolarmente con il fornitore i KPI condivisi."},
      {"The reviews with the supplier lead to improvements.", "Le revisioni con il fornitore portano a miglioramenti."}}},
};
static const char kAnchorsEn[] =
    "[\"Absent or ad hoc\",\"Started; depends on individuals\",\"Defined and mostly applied\","
    "\"Applied everywhere and measured\",\"Co-developed with the customer and continuously improved\"]";
static const char kAnchorsIt[] =
    "[\"Assente o estemporaneo\",\"Avviato; dipende dalle persone\",\"Definito e applicato in gran parte\","
    "\"Applicato ovunque e misurato\",\"Sviluppato con il cliente e migliorato di continuo\"]";

typedef struct Item {
    int64_t id;
    int dim;   /* index into kDims, -1 unknown */
    int level; /* index into kLevels */
    const char *rule; /* evidence rule, "" none */
} Item;

/* The builtin catalogue (the newest builtin version), else the newest one
 * with items, else a small demo catalogue made here. */
static ErrCode catalogue(Demo *d, int64_t *cat)
{
    int64_t n = 0;
    DEMO_TRY(db_one_int(d->db, d->err,
                        "SELECT count(*) FROM assessment_catalogue k WHERE k.source = 'builtin'"
                        " AND EXISTS (SELECT 1 FROM assessment_item i WHERE i.catalogue_id = k.id)",
                        DB_NOARGS, &n));
    if (n > 0)
        return db_one_int(d->db, d->err,
                          "SELECT max(k.id) FROM assessment_catalogue k WHERE k.source = 'builtin'"
                          " AND EXISTS (SELECT 1 FROM assessment_item i WHERE i.catalogue_id = k.id)",
                          DB_NOARGS, cat);
    DEMO_TRY(db_one_int(d->db, d->err, "SELECT count(*) FROM assessment_item", DB_NOARGS, &n));
    if (n > 0)
        return db_one_int(d->db, d->err,
                          "SELECT catalogue_id FROM assessment_item GROUP BY catalogue_id ORDER BY catalogue_id DESC LIMIT 1",
                          DB_NOARGS, cat);
    d->sum->catalogue_created = true;
    DEMO_TRY(DEMO_INS(d, cat,
                      "INSERT INTO assessment_catalogue (version, source, loaded_at) VALUES ('demo-1', 'custom', ?)"
                      " RETURNING id",
                      DI(d->now)));
    int sort = 0;
    for (int di = 0; di < 5; di++)
        for (int li = 0; li < 3; li++)
            for (int k = 0; k < 2; k++) {
                Arena *t = &d->tmp;
                DEMO_TRY(DEMO_INS(d, NULL,
                                  "INSERT INTO assessment_item (catalogue_id, code, dimension, level, text_en, text_it,"
                                  " anchors_en, anchors_it, weight, mirror, evidence_rule, sort)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, '', ?)",
                                  DI(*cat), DT(arena_printf(t, "demo.%s.%s.%d", kDims[di], kLevels[li], k + 1)),
                                  DT(kDims[di]), DT(kLevels[li]), DT(kItems[di][li][k][0]), DT(kItems[di][li][k][1]),
                                  DT(kAnchorsEn), DT(kAnchorsIt), DT(arena_printf(t, "%s.%d", kDims[di], k + 1)),
                                  DI(++sort)));
            }
    return KAM_OK;
}

static int index_of(const char *const *list, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (str_eq(list[i], s)) return i;
    return -1;
}

typedef struct RaterCtx {
    Item *items;
    int nitems;
    int64_t round;
    const char *opens;
    /* evidence already computed: (item, account) -> score 1-5 (0: no data) */
    struct {
        int item;
        int64_t account;
        double score;
    } *ev;
    int nev, capev;
} RaterCtx;

/* The evidence score (1-5) of an item's rule for a subject, 0 without data.
 * Raters of the demo lean on it, as people who know the account do. */
static ErrCode evidence_score(Demo *d, RaterCtx *rc, int item, int64_t account, double *score)
{
    for (int i = 0; i < rc->nev; i++)
        if (rc->ev[i].item == item && rc->ev[i].account == account) {
            *score = rc->ev[i].score;
            return KAM_OK;
        }
    EvResult r;
    DEMO_TRY(ev_compute(d->c, NULL, rc->items[item].rule, account, &r));
    if (rc->nev == rc->capev) {
        int cap = rc->capev ? rc->capev * 2 : 64;
        rc->ev = arena_realloc(d->c->arena, rc->ev, sizeof *rc->ev * (size_t)rc->capev, sizeof *rc->ev * (size_t)cap);
        rc->capev = cap;
    }
    *score = r.has ? 1.0 + 4.0 * r.share : 0;
    rc->ev[rc->nev].item = item;
    rc->ev[rc->nev].account = account;
    rc->ev[rc->nev].score = *score;
    rc->nev++;
    return KAM_OK;
}

/* A rater and their answers. bias: how generous this rater is. */
static ErrCode rater(Demo *d, RaterCtx *rc, int64_t user, const char *role, int64_t account, double bias)
{
    DemoRng *r = &d->rng;
    int level = str_eq(role, "executive") ? 0 : str_eq(role, "customer") ? 2 : 1;
    double p = rng_unit(r);
    bool complete = p < 0.75, started = p < 0.88;
    int64_t completed_at = complete ? d->now - rng_range(r, 1, 18) * 86400 : 0;
    const char *reminded = !complete ? demo_day(d, -rng_range(r, 1, 5)) : NULL;
    int64_t id;
    DEMO_TRY(DEMO_INS(d, &id,
                      "INSERT INTO rater (round_id, user_id, rater_role, account_id, invited_on, reminded_on, completed_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                      DI(rc->round), DI(user), DT(role), DIN(account), DT(rc->opens), DT(reminded),
                      complete ? DI(completed_at) : DNULL));
    if (!started) return KAM_OK;
    int answered = 0;
    for (int i = 0; i < rc->nitems; i++) {
        Item *it = &rc->items[i];
        if (it->level != level) continue;
        if (!complete && answered >= 3) break;
        answered++;
        /* the programme sees People weaker than the accounts do; customers
         * rate the rules of collaboration lower than our KAMs */
        double base = 3.2 + bias;
        if (it->dim == 2 && level == 0) base -= 1.2;
        if (it->dim == 3 && level == 2) base -= 1.0;
        if (it->dim == 4 && level == 1) base -= 0.4;
        /* half the impression, half what the data shows - except where the
         * story above is about impressions (People at the top, the
         * customer's view of the rules) */
        bool story = (it->dim == 2 && level == 0) || (it->dim == 3 && level == 2);
        if (*it->rule && !story) {
            double ev;
            DEMO_TRY(evidence_score(d, rc, i, account, &ev));
            if (ev > 0) base = 0.5 * base + 0.5 * (ev + bias);
        }
        bool na = rng_chance(r, 0.05);
        int score = (int)floor(base + rng_gauss(r) * 0.7 + 0.5);
        score = score < 1 ? 1 : score > 5 ? 5 : score;
        int importance = (int)rng_range(r, 3, 5);
        const char *comment = rng_chance(r, 0.08) ? (level == 2 ? "We would like more regular reviews."
                                                                : "Better since the new planning cycle.")
                                                  : "";
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO answer (rater_id, item_id, score, na, importance, comment, answered_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)",
                          DI(id), DI(it->id), na ? DNULL : DI(score), DI(na), DI(importance), DT(comment),
                          DI(complete ? completed_at : d->now - 86400 * 2)));
        d->sum->answers++;
    }
    return KAM_OK;
}

static ErrCode guest_for(Demo *d, int64_t account, int64_t *user)
{
    int64_t person = 0;
    ErrCode rc = db_one_int(d->db, d->err,
                            "SELECT ph.person_id FROM position_holder ph JOIN contact_position cp ON cp.id = ph.position_id"
                            " LEFT JOIN app_user u ON u.person_id = ph.person_id"
                            " WHERE cp.account_id = ? AND ph.to_on IS NULL AND u.id IS NULL"
                            " ORDER BY cp.influence DESC, cp.id LIMIT 1",
                            DB_ARGS(DI(account)), &person);
    if (rc) return rc;
    d->sum->users++;
    return DEMO_INS(d, user,
                    "INSERT INTO app_user (login, person_id, role, password_hash, lang, guest_account_id, active,"
                    " created_at, updated_at) VALUES (?, ?, 'guest', '', 'en', ?, 1, ?, ?) RETURNING id",
                    DT(arena_printf(&d->tmp, "guest-%lld", (long long)account)), DI(person), DI(account), DI(d->now),
                    DI(d->now));
}

ErrCode demo_assessment(Demo *d)
{
    int64_t cat = 0;
    DEMO_TRY(catalogue(d, &cat));
    RaterCtx rc = {0};
    int64_t n = 0;
    DEMO_TRY(db_one_int(d->db, d->err, "SELECT count(*) FROM assessment_item WHERE catalogue_id = ?", DB_ARGS(DI(cat)), &n));
    rc.items = arena_alloc(d->c->arena, sizeof(Item) * (size_t)(n + 1));
    DbStmt *st = db_query(d->db, d->err,
                          "SELECT id, dimension, level, evidence_rule FROM assessment_item WHERE catalogue_id = ? ORDER BY sort, id",
                          DB_ARGS(DI(cat)));
    if (!st) return d->err->code;
    while (db_next(st) && rc.nitems < n) {
        Item *it = &rc.items[rc.nitems++];
        it->id = db_int(st, 0);
        it->dim = index_of(kDims, 5, db_text(st, 1));
        it->level = index_of(kLevels, 3, db_text(st, 2));
        it->rule = arena_strdup(d->c->arena, db_text(st, 3) ? db_text(st, 3) : "");
    }
    DEMO_TRY(db_done(st));

    rc.opens = arena_strdup(d->c->arena, demo_day(d, -21));
    char name[64];
    snprintf(name, sizeof name, "KAM assessment %d", d->year);
    DEMO_TRY(DEMO_INS(d, &rc.round,
                      "INSERT INTO assessment_round (name, scope, catalogue_id, opens_on, deadline, status, created_by,"
                      " created_at, updated_at) VALUES (?, 'accounts', ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
                      DT(name), DI(cat), DT(rc.opens), DT(demo_day(d, 14)), DI(d->staff.lead_user), DI(d->now),
                      DI(d->now)));

    /* the programme: raters from top management */
    DemoStaff *s = &d->staff;
    DEMO_TRY(rater(d, &rc, s->ceo_user, "executive", 0, 0.3));
    DEMO_TRY(rater(d, &rc, s->exec_user[1], "executive", 0, 0.1));
    DEMO_TRY(rater(d, &rc, s->lead_user, "executive", 0, -0.2));

    /* twelve key accounts (Giulia's first) */
    int64_t acc[12], kam[12], spon[12];
    int na = 0;
    st = db_query(d->db, d->err,
                  "SELECT a.id, coalesce(ku.id, 0), coalesce(su.id, 0) FROM account a"
                  " LEFT JOIN app_user ku ON ku.person_id = a.kam_id LEFT JOIN app_user su ON su.person_id = a.sponsor_id"
                  " WHERE a.status = 'key' ORDER BY (a.kam_id = ?) DESC, a.id LIMIT 12",
                  DB_ARGS(DI(s->kam[0])));
    if (!st) return d->err->code;
    while (db_next(st) && na < 12) {
        acc[na] = db_int(st, 0);
        kam[na] = db_int(st, 1);
        spon[na] = db_int(st, 2);
        na++;
    }
    DEMO_TRY(db_done(st));
    int64_t thomas = 0;
    DEMO_TRY(db_one_int(d->db, d->err, "SELECT id FROM app_user WHERE login = 'thomas'", DB_NOARGS, &thomas));
    for (int i = 0; i < na; i++) {
        DEMO_TRY(DEMO_INS(d, NULL, "INSERT INTO round_account (round_id, account_id) VALUES (?, ?)", DI(rc.round),
                          DI(acc[i])));
        if (kam[i]) DEMO_TRY(rater(d, &rc, kam[i], "kam", acc[i], 0.6));
        if (spon[i]) DEMO_TRY(rater(d, &rc, spon[i], "sponsor", acc[i], 0.2));
        if (i < d->ngiulia) DEMO_TRY(rater(d, &rc, s->team_user, "team", acc[i], 0.3));
        if (i < 4) {
            int64_t guest = acc[i] == d->first_account_id ? thomas : 0;
            if (!guest) {
                ErrCode e = guest_for(d, acc[i], &guest);
                if (e == KAM_ENOTFOUND) {
                    err_clear(d->err);
                    continue;
                }
                if (e) return e;
            }
            DEMO_TRY(rater(d, &rc, guest, "customer", acc[i], -0.2));
        }
    }
    return KAM_OK;
}
