/* The corporate level of the demo: our organisation, the programme charter,
 * the offering catalogue, the competency model and HR policies when init did
 * not bring them, the company's yearly figures and the selection scores. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define OUR_NAME "Vellano Automazione S.p.A."

static ErrCode org_and_programme(Demo *d)
{
    Ctx *c = d->c;
    int64_t n = 0;
    DEMO_TRY(db_one_int(d->db, d->err, "SELECT count(*) FROM org WHERE name = 'Our company'", DB_NOARGS, &n));
    if (n) /* init without --name: the demo names the company */
        DEMO_TRY(DEMO_INS(d, NULL, "UPDATE org SET name = ?, updated_at = ? WHERE id = 1", DT(OUR_NAME), DI(d->now)));
    DbStmt *st = db_query(d->db, d->err, "SELECT name FROM org WHERE id = 1", DB_NOARGS);
    if (!st) return d->err->code;
    const char *name = db_next(st) ? arena_strdup(c->arena, db_text(st, 0)) : OUR_NAME;
    if (db_done(st)) return d->err->code;
    /* e-mail domain of our staff: the first word of our name */
    char *slug = demo_slug(c->arena, name, ' ');
    char *sp = strchr(slug, ' ');
    if (sp) *sp = 0;
    snprintf(d->our_domain, sizeof d->our_domain, "%.50s.example", *slug ? slug : "our-company");

    int64_t nk = 0;
    for (int64_t i = 0; i < d->opt->accounts; i++) nk += d->status[i] == 'k';
    int64_t target_keys = (nk + nk / 10 + 4) / 5 * 5;
    return DEMO_INS(
        d, NULL,
        "UPDATE programme SET role_statement = ?, selection_policy = ?, target_revenue_share = ?,"
        " target_margin_share = ?, target_key_accounts = ?, investment = ?, max_accounts_per_kam = ?,"
        " threshold_attractiveness = ?, threshold_strength = ?, horizon_years = ?, plan_max_age_days = ?,"
        " organisation_model = ?, planning_cycle = ?, review_cadence = ?, escalation_path = ?, governance = ?,"
        " information_sources = ?, updated_at = ? WHERE id = 1",
        DT("Key accounts are the few customers who bring about half of our revenue and shape our product "
           "roadmap in motion control and packaging automation. We grow with them through joint account "
           "plans, co-developed solutions and an executive sponsor for every key account."),
        DT("A customer becomes a key account by a decision of the KAM steering committee, based on the "
           "portfolio: attractiveness and our relative strength are scored by at least two people, and "
           "accounts above both thresholds are proposed. Status is reviewed every November."),
        DR(50), DR(55), DI(target_keys),
        DT("One KAM for four to eight key accounts; an executive sponsor per account; 3% of key-account "
           "revenue reserved for joint development projects and pilot installations."),
        DI(8), DR(5.5), DR(5.5), DI(3), DI(365),
        DT("KAMs report to the programme lead, who reports to the sales director. Executive sponsors come "
           "from the management board. A small programme office runs the planning cycle, the portfolio "
           "review and the yearly KAM assessment."),
        DT("Account plans are drafted in October, reviewed with the sponsor in November and frozen in "
           "December; a mid-year review in June checks objectives and KPIs."),
        DT("Quarterly business review with every key account; an annual executive meeting; the KAM checks "
           "the account KPIs every month."),
        DT("KAM (3 working days) -> sales director (5 days) -> executive sponsor (5 days) -> CEO."),
        DT("The KAM steering committee (CEO, sales director, COO, CFO, programme lead) meets monthly, decides "
           "nominations and demotions and approves account-specific investments above 50,000 EUR."),
        DT("ERP: revenue, margin and deliveries, monthly. CRM: contacts and interactions, daily. Quality "
           "system: complaints, weekly. Customer survey twice a year. Account plans kept by the KAMs."),
        DI(d->now));
}

typedef struct OfferingDef {
    const char *code, *name, *category, *customisation, *description;
} OfferingDef;
static const OfferingDef kOfferings[] = {
    {"SM-SERVO", "Servo motors SM series", "Motion", "standard", "Brushless servo motors from 0.2 to 15 kW."},
    {"SD-DRIVE", "Servo drives and inverters", "Motion", "configured", "Drives with safe torque off, set up per axis."},
    {"LA-AXIS", "Linear actuators and axes", "Motion", "configured", "Belt and ball-screw axes, length to order."},
    {"PG-GEAR", "Precision planetary gearboxes", "Motion", "standard", "Low-backlash gearboxes for servo motors."},
    {"MC-PLC", "Machine controllers", "Control", "configured", "PLC and motion controllers with our function library."},
    {"HM-PANEL", "Operator panels", "Control", "standard", "Touch panels from 7 to 21 inches."},
    {"SF-SAFE", "Safety components", "Safety", "standard", "Light curtains, safety relays and door switches."},
    {"VS-VISION", "Vision and sensors", "Sensing", "configured", "Smart cameras and sensors for inspection."},
    {"PN-VALVE", "Pneumatic valves and cylinders", "Fluid power", "standard", "Valve islands and ISO cylinders."},
    {"VG-GRIP", "Vacuum grippers for packaging", "Packaging", "customised", "Grippers designed for the customer's formats."},
    {"CV-CONV", "Modular conveyor systems", "Packaging", "customised", "Conveyors built to the layout of the line."},
    {"RB-CELL", "Pick-and-place robot cells", "Robotics", "customised", "Delta and SCARA cells, turnkey."},
    {"IO-CLOUD", "Remote monitoring platform", "Digital services", "configured", "Machine data, alarms and OEE online."},
    {"PM-SERVICE", "Predictive maintenance service", "Services", "configured", "Condition monitoring with a yearly report."},
    {"TR-TRAIN", "Training and commissioning", "Services", "standard", "On-site commissioning and operator training."},
    {"SP-SPARES", "Spare parts agreement", "Services", "standard", "Stocked spares with guaranteed delivery times."},
};

static ErrCode offerings(Demo *d)
{
    d->noff = ARRAY_LEN(kOfferings);
    d->off = arena_alloc(d->c->arena, sizeof(DemoOffering) * (size_t)d->noff);
    for (int i = 0; i < d->noff; i++) {
        const OfferingDef *o = &kOfferings[i];
        d->off[i].name = o->name;
        d->off[i].category = o->category;
        /* A catalogue may exist already (an import): reuse a code, never duplicate it. */
        int64_t id = 0;
        ErrCode rc = db_one_int(d->db, d->err, "SELECT id FROM offering WHERE code = ?", DB_ARGS(DT(o->code)), &id);
        if (rc == KAM_OK) {
            d->off[i].id = id;
            continue;
        }
        if (rc != KAM_ENOTFOUND) return rc;
        DEMO_TRY(DEMO_INS(d, &d->off[i].id,
                          "INSERT INTO offering (code, name, category, description, customisation, account_specific,"
                          " roadmap, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 'none', ?, ?) RETURNING id",
                          DT(o->code), DT(o->name), DT(o->category), DT(o->description), DT(o->customisation),
                          DI(d->now), DI(d->now)));
    }
    return KAM_OK;
}

typedef struct CompDef {
    const char *area, *code, *en, *it, *den, *dit;
} CompDef;
static const CompDef kComps[] = {
    {"customer", "demo_customer_insight", "Customer and market understanding", "Comprensione del cliente e del mercato",
     "Knows the customer's business, markets and strategy.", "Conosce il business, i mercati e la strategia del cliente."},
    {"customer", "demo_value_selling", "Value selling", "Vendita del valore",
     "Shows the customer the value of our offering in their numbers.", "Mostra al cliente il valore dell'offerta nei suoi numeri."},
    {"business", "demo_business_acumen", "Business acumen", "Competenza economica",
     "Reads financial figures and builds the business case.", "Legge i dati economici e costruisce il business case."},
    {"business", "demo_negotiation", "Negotiation", "Negoziazione",
     "Prepares and leads negotiations to agreements that last.", "Prepara e conduce trattative verso accordi duraturi."},
    {"relationship", "demo_relationships", "Relationship building at all levels", "Relazioni a tutti i livelli",
     "Builds trust from the shop floor to the board.", "Costruisce fiducia dal reparto al consiglio di amministrazione."},
    {"relationship", "demo_virtual_team", "Leading a virtual team", "Guida di un team virtuale",
     "Unites colleagues who do not report to them around the account.", "Unisce attorno al cliente colleghi che non dipendono da lui."},
};
static const char *const kLevelEn[] = {"Not yet shown", "Shows it with guidance", "Shows it on their own",
                                       "Shows it in difficult situations", "A model and coach for others"};
static const char *const kLevelIt[] = {"Non ancora dimostrata", "La dimostra con supporto", "La dimostra in autonomia",
                                       "La dimostra anche in situazioni difficili", "Modello e coach per gli altri"};

static ErrCode competency_model(Demo *d)
{
    int64_t n = 0;
    DEMO_TRY(db_one_int(d->db, d->err, "SELECT count(*) FROM competency", DB_NOARGS, &n));
    if (n == 0) {
        d->sum->competencies_created = true;
        static const char *const areas[][3] = {{"customer", "Customer", "Cliente"},
                                               {"business", "Business", "Business"},
                                               {"relationship", "Relationships and leadership", "Relazioni e leadership"}};
        int64_t area_id[3] = {0};
        for (int i = 0; i < 3; i++) {
            char *code = arena_printf(d->c->arena, "demo_%s", areas[i][0]);
            DEMO_TRY(DEMO_INS(d, &area_id[i],
                              "INSERT INTO competency_area (code, name_en, name_it, sort, created_at, updated_at)"
                              " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                              DT(code), DT(areas[i][1]), DT(areas[i][2]), DI(i + 1), DI(d->now), DI(d->now)));
        }
        for (int i = 0; i < ARRAY_LEN(kComps); i++) {
            const CompDef *k = &kComps[i];
            int ai = str_eq(k->area, "customer") ? 0 : str_eq(k->area, "business") ? 1 : 2;
            int64_t id;
            DEMO_TRY(DEMO_INS(d, &id,
                              "INSERT INTO competency (area_id, code, name_en, name_it, description_en, description_it,"
                              " sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              DI(area_id[ai]), DT(k->code), DT(k->en), DT(k->it), DT(k->den), DT(k->dit), DI(i + 1),
                              DI(d->now), DI(d->now)));
            for (int l = 0; l < 5; l++)
                DEMO_TRY(DEMO_INS(d, NULL,
                                  "INSERT INTO competency_level (competency_id, level, descriptor_en, descriptor_it,"
                                  " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                                  DI(id), DI(l + 1), DT(kLevelEn[l]), DT(kLevelIt[l]), DI(d->now), DI(d->now)));
        }
    }
    DEMO_TRY(db_one_int(d->db, d->err, "SELECT count(*) FROM competency", DB_NOARGS, &n));
    d->competency = arena_alloc(d->c->arena, sizeof(int64_t) * (size_t)(n + 1));
    DbStmt *st = db_query(d->db, d->err, "SELECT id FROM competency ORDER BY sort, id", DB_NOARGS);
    if (!st) return d->err->code;
    while (db_next(st) && d->ncompetency < n) d->competency[d->ncompetency++] = db_int(st, 0);
    return db_done(st);
}

static ErrCode hr_policies(Demo *d)
{
    int64_t n = 0;
    DEMO_TRY(db_one_int(d->db, d->err, "SELECT count(*) FROM hr_policy", DB_NOARGS, &n));
    if (n) return KAM_OK;
    static const char *const p[][3] = {
        {"recruiting", "KAM recruiting profile",
         "Five years or more in technical sales of automation; has led a cross-functional team; English "
         "fluent, German or French a plus. Internal candidates go through a development centre."},
        {"rewards", "Variable pay tied to account results",
         "Up to 25% of a KAM's pay is variable: 40% account revenue against plan, 30% margin after "
         "cost-to-serve, 30% plan objectives reached and customer satisfaction."},
        {"career", "KAM career path",
         "Key account manager -> senior KAM (global accounts) -> programme lead or sales director. A move "
         "is discussed in the yearly review, based on the competency ratings."},
        {"training", "KAM academy",
         "Every KAM attends four modules in the first two years: customer strategy, value selling, "
         "negotiation, leading virtual teams; plus a yearly refresher."},
    };
    for (int i = 0; i < 4; i++)
        DEMO_TRY(DEMO_INS(d, NULL, "INSERT INTO hr_policy (kind, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                          DT(p[i][0]), DT(p[i][1]), DT(p[i][2]), DI(d->now), DI(d->now)));
    return KAM_OK;
}

ErrCode demo_corporate(Demo *d)
{
    /* The months of the KPI series and when each was recorded: the 5th of the
     * next month, or today for the current month. */
    for (int i = 0; i < 36; i++) {
        month_add(d->month, i - 35, d->months[i]);
        if (i == 35) {
            memcpy(d->recorded[i], d->today, 11);
        } else {
            char next[8];
            month_add(d->months[i], 1, next);
            snprintf(d->recorded[i], 11, "%.7s-05", next);
            if (strcmp(d->recorded[i], d->today) > 0) memcpy(d->recorded[i], d->today, 11);
        }
    }
    DEMO_TRY(org_and_programme(d));
    DEMO_TRY(offerings(d));
    DEMO_TRY(competency_model(d));
    return hr_policies(d);
}

ErrCode demo_company_years(Demo *d)
{
    /* Customers below the demo's threshold bring another 12% or so. */
    for (int i = 0; i < 3; i++) {
        double rev = floor(d->year_rev[i] / 0.88 / 1000.0) * 1000.0;
        double margin = floor(d->year_margin[i] / 0.88 / 1000.0) * 1000.0;
        DEMO_TRY(DEMO_INS(d, NULL,
                          "INSERT INTO company_year (year, revenue, margin, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                          DI(d->year - 3 + i), DR(rev), DR(margin), DI(d->now), DI(d->now)));
    }
    return KAM_OK;
}

static double clamp_score(double x)
{
    x = floor(x + 0.5);
    return x < 1 ? 1 : x > 10 ? 10 : x;
}

ErrCode demo_scores(Demo *d, DemoAccount *a)
{
    if (d->ncrit == 0) return KAM_OK;
    int64_t scorer[3];
    int ns = 0;
    if (a->kam_user) scorer[ns++] = a->kam_user;
    if (a->sponsor_user) scorer[ns++] = a->sponsor_user;
    if (a->st == 'k' || a->st == 'c' || ns == 0) scorer[ns++] = d->staff.lead_user;
    if (a->st == 'o' && ns > 1) ns = 1;
    DemoRng *r = &a->rng;
    const char *on = demo_day(d, -rng_range(r, 5, 80));
    for (int s = 0; s < ns; s++) {
        double bias = rng_gauss(r) * 0.4; /* each scorer's own leniency */
        for (int k = 0; k < d->ncrit; k++) {
            double base = d->crit_set[k] == 's' ? a->strength : a->attract;
            double score = clamp_score(base + bias + rng_gauss(r) * 0.9);
            const char *note = "";
            if (k == 0 && s == 0 && a->st == 'k') note = "Based on last year's purchase volume and the plan.";
            DEMO_TRY(DEMO_INS(d, NULL,
                              "INSERT INTO criterion_score (account_id, criterion_id, scorer_id, score, note, scored_on,"
                              " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              DI(a->id), DI(d->crit[k]), DI(scorer[s]), DR(score), DT(note), DT(on), DI(d->now),
                              DI(d->now)));
            d->sum->criterion_scores++;
        }
    }
    return KAM_OK;
}
