/* The kam model as data: one EntityDef per table that people read and edit
 * (see entity.h). Rules that span fields live in the hooks in model_rules.c. */
#include "entity.h"
#include "model_rules.h"

/* Field constructors, to keep the tables below readable. */
#define TXT(n, fl) {.name = (n), .type = FT_TEXT, .flags = (fl)}
#define TXTN(n, fl, len) {.name = (n), .type = FT_TEXT, .flags = (fl), .max_len = (len)}
#define LTXT(n, fl) {.name = (n), .type = FT_LONGTEXT, .flags = (fl)}
#define INT(n, fl, lo, hi) {.name = (n), .type = FT_INT, .flags = (fl), .min = (lo), .max = (hi)}
#define NUM(n, fl) {.name = (n), .type = FT_REAL, .flags = (fl)}
#define NUMR(n, fl, lo, hi) {.name = (n), .type = FT_REAL, .flags = (fl), .min = (lo), .max = (hi)}
#define BOOL(n, fl) {.name = (n), .type = FT_BOOL, .flags = (fl)}
#define DATE(n, fl) {.name = (n), .type = FT_DATE, .flags = (fl)}
#define MONTH(n, fl) {.name = (n), .type = FT_MONTH, .flags = (fl)}
#define ENUM(n, fl, ch) {.name = (n), .type = FT_ENUM, .flags = (fl), .choices = (ch)}
#define REF(n, fl, ent) {.name = (n), .type = FT_REF, .flags = (fl), .ref = (ent)}
#define STAMP(n, fl) {.name = (n), .type = FT_TIMESTAMP, .flags = (fl)}
#define END {0}

#define ACCOUNT_REF REF("account_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "account")
#define ACCOUNT_REF_GUEST REF("account_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER | FF_GUEST, "account")
#define VERSIONED (EO_VERSIONED | EO_CREATED)
#define AMOUNT 1e15 /* bound of money amounts */

/* ------------------------------------------------------------------ choices */

const char *const kLangs[] = {"en", "it", NULL};
const char *const kPersonKinds[] = {"internal", "external", NULL};
const char *const kAccountStatuses[] = {"candidate", "key", "former", "other", NULL};
const char *const kDecisions[] = {"nominate", "confirm", "demote", NULL};
const char *const kPartyKinds[] = {"group_company", "partner", "distributor", "other", NULL};
const char *const kObjectiveLevels[] = {"financial", "offering", "relationship", "operational", NULL};
const char *const kObjectiveStatuses[] = {"planned", "on_track", "at_risk", "off_track", "achieved", "dropped", NULL};
const char *const kInitiativeStatuses[] = {"proposed", "agreed", "in_progress", "done", "stopped", NULL};
const char *const kCustomisations[] = {"standard", "configured", "customised", "co_developed", NULL};
const char *const kRoadmap[] = {"none", "nominated", "accepted", "declined", NULL};
const char *const kUnitKinds[] = {"business_unit", "site", "country", "other", NULL};
const char *const kCellStates[] = {"current", "potential", "competitor", "not_relevant", NULL};
const char *const kProjectPhases[] = {"design", "build", "deliver", "operate", "closed", "cancelled", NULL};
const char *const kTeamRoles[] = {"kam", "sponsor", "sales", "solution", "service", "delivery", "finance", "legal", "other", NULL};
const char *const kRatingSources[] = {"self", "manager", "360", NULL};
const char *const kDevStatuses[] = {"planned", "in_progress", "done", "cancelled", NULL};
const char *const kPolicyKinds[] = {"recruiting", "rewards", "career", "training", "other", NULL};
const char *const kBuyingRoles[] = {"decision_maker", "economic_buyer", "technical_buyer", "user", "influencer",
                                    "gatekeeper", "champion", "none", NULL};
const char *const kCadenceKinds[] = {"qbr", "executive", "operational", "review", "other", NULL};
const char *const kAgreementKinds[] = {"frame_contract", "sla", "nda", "pricing", "other", NULL};
const char *const kInteractionKinds[] = {"meeting", "call", "email", "visit", "review", "workshop", "decision", "other", NULL};
const char *const kActionStatuses[] = {"open", "done", "cancelled", NULL};
const char *const kEscalationStatuses[] = {"open", "decided", "closed", NULL};
const char *const kDirections[] = {"higher", "lower", NULL};
const char *const kFrequencies[] = {"monthly", "quarterly", "yearly", NULL};
const char *const kReviewKinds[] = {"qbr", "annual", "kpi", "other", NULL};
const char *const kCriterionSets[] = {"attractiveness", "strength", NULL};
const char *const kRemarkSubjects[] = {"customer_goal", "initiative", "kpi", NULL};
const char *const kRoles[] = {"admin", "executive", "kam", "team", "guest", "viewer", NULL};

/* ------------------------------------------------------------------ our side */

static const FieldDef org_fields[] = {
    TXT("name", FF_REQUIRED),
    TXTN("currency", FF_REQUIRED, 3),
    ENUM("default_lang", FF_REQUIRED, kLangs),
    END,
};
const EntityDef kOrg = {
    .name = "org", .plural = "org", .table = "org", .fields = org_fields,
    .scope = SCOPE_PROGRAMME, .write = WN_ADMIN, .label = "name",
    .opts = VERSIONED | EO_NO_CREATE | EO_NO_DELETE,
};

static const FieldDef programme_fields[] = {
    LTXT("role_statement", 0),
    LTXT("selection_policy", 0),
    NUMR("target_revenue_share", 0, 0, 100),
    NUMR("target_margin_share", 0, 0, 100),
    INT("target_key_accounts", 0, 0, 1000000),
    LTXT("investment", 0),
    INT("max_accounts_per_kam", FF_REQUIRED, 1, 100),
    NUMR("threshold_attractiveness", FF_REQUIRED, 1, 10),
    NUMR("threshold_strength", FF_REQUIRED, 1, 10),
    INT("horizon_years", FF_REQUIRED, 1, 10),
    INT("plan_max_age_days", FF_REQUIRED, 1, 3650),
    LTXT("organisation_model", 0),
    LTXT("planning_cycle", 0),
    LTXT("review_cadence", 0),
    LTXT("escalation_path", 0),
    LTXT("governance", 0),
    LTXT("information_sources", 0),
    END,
};
const EntityDef kProgramme = {
    .name = "programme", .plural = "programme", .table = "programme", .fields = programme_fields,
    .scope = SCOPE_PROGRAMME, .write = WN_PROGRAMME,
    .opts = VERSIONED | EO_NO_CREATE | EO_NO_DELETE,
};

static const FieldDef company_year_fields[] = {
    INT("year", FF_REQUIRED | FF_SORT | FF_FILTER, 1900, 2999),
    NUMR("revenue", 0, 0, AMOUNT),
    NUMR("margin", 0, -AMOUNT, AMOUNT),
    END,
};
const EntityDef kCompanyYear = {
    .name = "company_year", .plural = "company_years", .table = "company_year", .fields = company_year_fields,
    .scope = SCOPE_PROGRAMME, .write = WN_PROGRAMME, .label = "year", .order = "t.year",
    .opts = VERSIONED,
};

static const FieldDef person_fields[] = {
    TXT("ext_id", FF_NULLABLE | FF_FILTER),
    ENUM("kind", FF_REQUIRED | FF_FILTER | FF_SORT, kPersonKinds),
    TXT("full_name", FF_REQUIRED | FF_SEARCH | FF_SORT),
    TXT("email", FF_SEARCH),
    TXT("phone", 0),
    TXT("job_title", FF_SEARCH),
    TXT("department", FF_FILTER | FF_SORT),
    TXT("location", 0),
    REF("manager_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    LTXT("notes", 0),
    BOOL("active", FF_FILTER),
    END,
};
const EntityDef kPerson = {
    .name = "person", .plural = "people", .table = "person", .fields = person_fields,
    .scope = SCOPE_DIRECTORY, .write = WN_DIRECTORY, .label = "full_name", .order = "t.full_name, t.id",
    .opts = VERSIONED, .validate = person_validate,
};

/* ------------------------------------------------------------------ accounts */

static const FieldDef account_fields[] = {
    TXT("ext_id", FF_NULLABLE | FF_FILTER | FF_SEARCH),
    TXT("name", FF_REQUIRED | FF_GUEST | FF_SEARCH | FF_SORT),
    TXT("legal_name", FF_GUEST | FF_SEARCH),
    TXT("industry", FF_FILTER | FF_SORT | FF_SEARCH),
    TXT("country", FF_FILTER | FF_SORT),
    TXT("city", FF_SEARCH | FF_SORT),
    TXT("website", 0),
    INT("employees", FF_SORT, 0, 10000000),
    NUMR("annual_revenue", FF_SORT, 0, AMOUNT),
    ENUM("status", FF_READONLY | FF_FILTER | FF_SORT, kAccountStatuses),
    REF("kam_id", FF_CORPORATE | FF_FILTER | FF_INTERNAL_PERSON, "person"),
    REF("sponsor_id", FF_CORPORATE | FF_FILTER | FF_INTERNAL_PERSON, "person"),
    INT("stage", FF_TEAMLOCK | FF_FILTER | FF_SORT, 1, 5),
    INT("target_stage", FF_TEAMLOCK, 1, 5),
    BOOL("disintegrating", FF_TEAMLOCK | FF_FILTER),
    LTXT("profile", 0),
    LTXT("markets", 0),
    LTXT("customer_strategy", 0),
    LTXT("account_strategy", 0),
    LTXT("collaboration_protocol", 0),
    NUMR("revenue", FF_SORT, 0, AMOUNT),
    NUMR("margin", FF_SORT, -AMOUNT, AMOUNT),
    NUMR("potential", FF_SORT, 0, AMOUNT),
    DATE("plan_reviewed_on", FF_SORT),
    END,
};
static const char *const account_columns[] = {"name", "industry", "country", "status", "stage", "kam_id", "revenue", NULL};
const EntityDef kAccount = {
    .name = "account", .plural = "accounts", .table = "account", .fields = account_fields, .columns = account_columns,
    .scope = SCOPE_ACCOUNT_SELF, .write = WN_OPERATE, .guest = GUEST_ROWS, .label = "name",
    .order = "t.name, t.id", .opts = VERSIONED, .validate = account_validate, .after_write = account_after_write,
};

static const FieldDef account_year_fields[] = {
    ACCOUNT_REF,
    INT("year", FF_REQUIRED | FF_SORT | FF_FILTER, 1900, 2999),
    NUMR("revenue", 0, 0, AMOUNT),
    NUMR("margin", 0, -AMOUNT, AMOUNT),
    NUMR("revenue_target", 0, 0, AMOUNT),
    END,
};
const EntityDef kAccountYear = {
    .name = "account_year", .plural = "account_years", .table = "account_year", .fields = account_year_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_TEAM, .label = "year", .order = "t.account_id, t.year", .opts = VERSIONED,
};

static const FieldDef key_decision_fields[] = {
    ACCOUNT_REF,
    ENUM("decision", FF_REQUIRED | FF_FILTER, kDecisions),
    LTXT("reason", FF_REQUIRED),
    DATE("decided_on", FF_REQUIRED | FF_SORT),
    REF("decided_by", FF_READONLY, "user"),
    END,
};
const EntityDef kKeyDecision = {
    .name = "key_decision", .plural = "key_decisions", .table = "key_decision", .fields = key_decision_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_PROGRAMME, .label = "decision", .order = "t.decided_on, t.id",
    .opts = EO_CREATED | EO_APPEND_ONLY, .validate = key_decision_validate, .after_write = key_decision_after_write,
};

static const FieldDef stage_change_fields[] = {
    ACCOUNT_REF,
    INT("stage", FF_READONLY, 1, 5),
    INT("target_stage", FF_READONLY, 1, 5),
    BOOL("disintegrating", FF_READONLY),
    DATE("changed_on", FF_READONLY | FF_SORT),
    LTXT("note", FF_READONLY),
    REF("changed_by", FF_READONLY, "user"),
    END,
};
const EntityDef kStageChange = {
    .name = "stage_change", .plural = "stage_changes", .table = "stage_change", .fields = stage_change_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_NOBODY, .order = "t.changed_on, t.id",
    .opts = EO_CREATED | EO_APPEND_ONLY | EO_NO_CREATE,
};

static const FieldDef party_fields[] = {
    ACCOUNT_REF,
    TXT("name", FF_REQUIRED | FF_SEARCH | FF_SORT),
    ENUM("kind", FF_FILTER, kPartyKinds),
    LTXT("description", 0),
    END,
};
const EntityDef kParty = {
    .name = "party", .plural = "parties", .table = "party", .fields = party_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "name", .order = "t.name, t.id", .opts = VERSIONED,
};

/* ------------------------------------------------------------------ strategy */

static const FieldDef customer_goal_fields[] = {
    ACCOUNT_REF_GUEST,
    REF("party_id", FF_FILTER, "party"),
    TXTN("title", FF_REQUIRED | FF_GUEST | FF_SEARCH | FF_SORT, 300),
    LTXT("description", FF_GUEST),
    TXT("horizon", FF_GUEST),
    INT("priority", FF_GUEST | FF_SORT | FF_FILTER, 1, 3),
    TXT("source", 0),
    END,
};
const EntityDef kCustomerGoal = {
    .name = "customer_goal", .plural = "customer_goals", .table = "customer_goal", .fields = customer_goal_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .guest = GUEST_ROWS, .label = "title",
    .order = "t.priority, t.id", .opts = VERSIONED,
};

static const FieldDef objective_fields[] = {
    ACCOUNT_REF,
    ENUM("level", FF_REQUIRED | FF_FILTER | FF_SORT, kObjectiveLevels),
    TXTN("title", FF_REQUIRED | FF_SEARCH | FF_SORT, 300),
    TXT("measure", 0),
    TXT("baseline", 0),
    TXT("target", 0),
    REF("owner_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    DATE("deadline", FF_SORT),
    ENUM("status", FF_FILTER | FF_SORT, kObjectiveStatuses),
    LTXT("notes", 0),
    END,
};
const EntityDef kObjective = {
    .name = "objective", .plural = "objectives", .table = "objective", .fields = objective_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "title", .order = "t.level, t.id", .opts = VERSIONED,
};

static const FieldDef initiative_fields[] = {
    ACCOUNT_REF_GUEST,
    TXTN("title", FF_REQUIRED | FF_GUEST | FF_SEARCH | FF_SORT, 300),
    LTXT("description", FF_GUEST),
    ENUM("status", FF_GUEST | FF_FILTER | FF_SORT, kInitiativeStatuses),
    REF("owner_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    TXT("customer_owner", FF_GUEST),
    DATE("start_on", FF_GUEST | FF_SORT),
    DATE("due_on", FF_GUEST | FF_SORT),
    BOOL("joint", FF_GUEST | FF_FILTER),
    LTXT("internal_notes", 0),
    END,
};
const EntityDef kInitiative = {
    .name = "initiative", .plural = "initiatives", .table = "initiative", .fields = initiative_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .guest = GUEST_FLAG, .guest_flag = "joint", .label = "title",
    .order = "t.id", .opts = VERSIONED, .validate = dates_in_order_validate,
};

static const FieldDef goal_objective_fields[] = {
    REF("goal_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "customer_goal"),
    REF("objective_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "objective"),
    END,
};
const EntityDef kGoalObjective = {
    .name = "goal_objective", .plural = "goal_objectives", .table = "goal_objective", .fields = goal_objective_fields,
    .scope = SCOPE_VIA_PARENT, .parent_field = "goal_id", .parent = "customer_goal", .write = WN_OPERATE,
    .opts = EO_CREATED,
};

static const FieldDef initiative_goal_fields[] = {
    REF("initiative_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER | FF_GUEST, "initiative"),
    REF("goal_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER | FF_GUEST, "customer_goal"),
    END,
};
const EntityDef kInitiativeGoal = {
    .name = "initiative_goal", .plural = "initiative_goals", .table = "initiative_goal",
    .fields = initiative_goal_fields, .scope = SCOPE_VIA_PARENT, .parent_field = "initiative_id",
    .parent = "initiative", .write = WN_OPERATE, .guest = GUEST_ROWS, .opts = EO_CREATED,
};

static const FieldDef initiative_objective_fields[] = {
    REF("initiative_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "initiative"),
    REF("objective_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "objective"),
    END,
};
const EntityDef kInitiativeObjective = {
    .name = "initiative_objective", .plural = "initiative_objectives", .table = "initiative_objective",
    .fields = initiative_objective_fields, .scope = SCOPE_VIA_PARENT, .parent_field = "initiative_id",
    .parent = "initiative", .write = WN_OPERATE, .opts = EO_CREATED,
};

/* ------------------------------------------------------------------ solutions */

static const FieldDef offering_fields[] = {
    TXTN("code", FF_REQUIRED | FF_SEARCH | FF_SORT | FF_FILTER, 40),
    TXT("name", FF_REQUIRED | FF_SEARCH | FF_SORT),
    TXT("category", FF_FILTER | FF_SORT | FF_SEARCH),
    LTXT("description", 0),
    ENUM("customisation", FF_FILTER | FF_SORT, kCustomisations),
    BOOL("account_specific", FF_FILTER),
    REF("origin_account_id", FF_FILTER, "account"),
    ENUM("roadmap", FF_FILTER | FF_SORT, kRoadmap),
    LTXT("roadmap_note", 0),
    BOOL("active", FF_FILTER),
    END,
};
const EntityDef kOffering = {
    .name = "offering", .plural = "offerings", .table = "offering", .fields = offering_fields,
    .scope = SCOPE_DIRECTORY, .write = WN_PROGRAMME, .label = "name", .order = "t.code, t.id", .opts = VERSIONED,
};

static const FieldDef customer_unit_fields[] = {
    ACCOUNT_REF,
    TXT("name", FF_REQUIRED | FF_SEARCH | FF_SORT),
    ENUM("kind", FF_FILTER, kUnitKinds),
    INT("sort", FF_SORT, -100000, 100000),
    END,
};
const EntityDef kCustomerUnit = {
    .name = "customer_unit", .plural = "customer_units", .table = "customer_unit", .fields = customer_unit_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "name", .order = "t.sort, t.name, t.id", .opts = VERSIONED,
};

static const FieldDef solution_cell_fields[] = {
    ACCOUNT_REF,
    REF("unit_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "customer_unit"),
    REF("offering_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "offering"),
    ENUM("state", FF_FILTER | FF_SORT, kCellStates),
    NUMR("revenue_now", FF_SORT, 0, AMOUNT),
    NUMR("revenue_potential", FF_SORT, 0, AMOUNT),
    TXT("competitor", FF_SEARCH),
    NUMR("competitor_share", 0, 0, 100),
    LTXT("notes", 0),
    END,
};
const EntityDef kSolutionCell = {
    .name = "solution_cell", .plural = "solution_cells", .table = "solution_cell", .fields = solution_cell_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .order = "t.unit_id, t.offering_id", .opts = VERSIONED,
};

static const FieldDef cell_contact_fields[] = {
    REF("cell_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "solution_cell"),
    REF("position_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "contact_position"),
    END,
};
const EntityDef kCellContact = {
    .name = "cell_contact", .plural = "cell_contacts", .table = "cell_contact", .fields = cell_contact_fields,
    .scope = SCOPE_VIA_PARENT, .parent_field = "cell_id", .parent = "solution_cell", .write = WN_OPERATE,
    .opts = EO_CREATED,
};

static const FieldDef solution_project_fields[] = {
    ACCOUNT_REF,
    REF("offering_id", FF_FILTER, "offering"),
    REF("unit_id", FF_FILTER, "customer_unit"),
    TXTN("title", FF_REQUIRED | FF_SEARCH | FF_SORT, 300),
    ENUM("phase", FF_FILTER | FF_SORT, kProjectPhases),
    REF("owner_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    DATE("start_on", FF_SORT),
    DATE("due_on", FF_SORT),
    DATE("delivered_on", FF_SORT),
    INT("quality", 0, 1, 5),
    LTXT("status_note", 0),
    END,
};
const EntityDef kSolutionProject = {
    .name = "solution_project", .plural = "solution_projects", .table = "solution_project",
    .fields = solution_project_fields, .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "title",
    .order = "t.id", .opts = VERSIONED, .validate = dates_in_order_validate,
};

/* ------------------------------------------------------------------ people and access */

static const FieldDef user_fields[] = {
    TXTN("login", FF_READONLY | FF_SEARCH | FF_SORT | FF_FILTER, 64),
    REF("person_id", FF_FILTER, "person"),
    ENUM("role", FF_REQUIRED | FF_FILTER | FF_SORT, kRoles),
    TXT("password_hash", FF_SECRET | FF_READONLY),
    ENUM("lang", 0, kLangs),
    REF("guest_account_id", FF_FILTER, "account"),
    BOOL("viewer_programme", 0),
    BOOL("active", FF_FILTER),
    STAMP("last_login_at", FF_READONLY | FF_SORT),
    END,
};
static const char *const user_columns[] = {"login", "role", "person_id", "guest_account_id", "active", "last_login_at", NULL};
const EntityDef kUser = {
    .name = "user", .plural = "users", .table = "app_user", .fields = user_fields, .columns = user_columns,
    .scope = SCOPE_ADMIN, .write = WN_ADMIN, .label = "login", .order = "t.login",
    .opts = VERSIONED | EO_NO_CREATE, .validate = user_validate,
};

static const FieldDef viewer_grant_fields[] = {
    REF("user_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "user"),
    REF("account_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "account"),
    END,
};
const EntityDef kViewerGrant = {
    .name = "viewer_grant", .plural = "viewer_grants", .table = "viewer_grant", .fields = viewer_grant_fields,
    .scope = SCOPE_ADMIN, .write = WN_ADMIN, .opts = EO_CREATED,
};

static const FieldDef team_member_fields[] = {
    ACCOUNT_REF,
    REF("person_id", FF_REQUIRED | FF_FILTER | FF_INTERNAL_PERSON, "person"),
    ENUM("role", FF_REQUIRED | FF_FILTER | FF_SORT, kTeamRoles),
    NUMR("time_share", FF_SORT, 0, 100),
    DATE("since_on", 0),
    DATE("until_on", 0),
    END,
};
const EntityDef kTeamMember = {
    .name = "team_member", .plural = "team_members", .table = "team_member", .fields = team_member_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_TEAM, .order = "t.role, t.id", .opts = VERSIONED,
    .validate = dates_in_order_validate,
};

static const FieldDef competency_area_fields[] = {
    TXTN("code", FF_REQUIRED | FF_SORT, 40),
    TXT("name_en", FF_REQUIRED | FF_SEARCH),
    TXT("name_it", FF_REQUIRED | FF_SEARCH),
    INT("sort", FF_SORT, -100000, 100000),
    END,
};
const EntityDef kCompetencyArea = {
    .name = "competency_area", .plural = "competency_areas", .table = "competency_area",
    .fields = competency_area_fields, .scope = SCOPE_DIRECTORY, .write = WN_PROGRAMME, .label = "name_en",
    .order = "t.sort, t.id", .opts = VERSIONED,
};

static const FieldDef competency_fields[] = {
    REF("area_id", FF_REQUIRED | FF_FILTER, "competency_area"),
    TXTN("code", FF_REQUIRED | FF_SORT, 40),
    TXT("name_en", FF_REQUIRED | FF_SEARCH),
    TXT("name_it", FF_REQUIRED | FF_SEARCH),
    LTXT("description_en", 0),
    LTXT("description_it", 0),
    INT("sort", FF_SORT, -100000, 100000),
    END,
};
const EntityDef kCompetency = {
    .name = "competency", .plural = "competencies", .table = "competency", .fields = competency_fields,
    .scope = SCOPE_DIRECTORY, .write = WN_PROGRAMME, .label = "name_en", .order = "t.area_id, t.sort, t.id",
    .opts = VERSIONED,
};

static const FieldDef competency_level_fields[] = {
    REF("competency_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "competency"),
    INT("level", FF_REQUIRED | FF_SORT, 1, 5),
    LTXT("descriptor_en", 0),
    LTXT("descriptor_it", 0),
    END,
};
const EntityDef kCompetencyLevel = {
    .name = "competency_level", .plural = "competency_levels", .table = "competency_level",
    .fields = competency_level_fields, .scope = SCOPE_DIRECTORY, .write = WN_PROGRAMME,
    .order = "t.competency_id, t.level", .opts = VERSIONED,
};

static const FieldDef competency_rating_fields[] = {
    REF("person_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER | FF_INTERNAL_PERSON, "person"),
    REF("competency_id", FF_REQUIRED | FF_FILTER, "competency"),
    ENUM("source", FF_REQUIRED | FF_FILTER, kRatingSources),
    INT("level", FF_REQUIRED | FF_SORT, 1, 5),
    LTXT("evidence", 0),
    DATE("rated_on", FF_REQUIRED | FF_SORT),
    REF("rater_id", FF_FILTER, "person"),
    END,
};
const EntityDef kCompetencyRating = {
    .name = "competency_rating", .plural = "competency_ratings", .table = "competency_rating",
    .fields = competency_rating_fields, .scope = SCOPE_PROGRAMME, .write = WN_PROGRAMME, .own_field = "person_id",
    .order = "t.person_id, t.competency_id, t.rated_on", .opts = VERSIONED,
};

static const FieldDef development_action_fields[] = {
    REF("person_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER | FF_INTERNAL_PERSON, "person"),
    REF("competency_id", FF_FILTER, "competency"),
    TXTN("title", FF_REQUIRED | FF_SEARCH, 300),
    DATE("due_on", FF_SORT),
    ENUM("status", FF_FILTER | FF_SORT, kDevStatuses),
    LTXT("notes", 0),
    END,
};
const EntityDef kDevelopmentAction = {
    .name = "development_action", .plural = "development_actions", .table = "development_action",
    .fields = development_action_fields, .scope = SCOPE_PROGRAMME, .write = WN_PROGRAMME, .own_field = "person_id",
    .label = "title", .order = "t.person_id, t.due_on, t.id", .opts = VERSIONED,
};

static const FieldDef hr_policy_fields[] = {
    ENUM("kind", FF_REQUIRED | FF_FILTER | FF_SORT, kPolicyKinds),
    TXTN("title", FF_REQUIRED | FF_SEARCH, 300),
    LTXT("body", 0),
    END,
};
const EntityDef kHrPolicy = {
    .name = "hr_policy", .plural = "hr_policies", .table = "hr_policy", .fields = hr_policy_fields,
    .scope = SCOPE_PROGRAMME, .write = WN_PROGRAMME, .label = "title", .order = "t.kind, t.id", .opts = VERSIONED,
};

static const FieldDef account_competency_fields[] = {
    ACCOUNT_REF,
    REF("competency_id", FF_REQUIRED | FF_FILTER, "competency"),
    INT("required_level", FF_REQUIRED, 1, 5),
    END,
};
const EntityDef kAccountCompetency = {
    .name = "account_competency", .plural = "account_competencies", .table = "account_competency",
    .fields = account_competency_fields, .scope = SCOPE_ACCOUNT, .write = WN_TEAM, .order = "t.competency_id, t.id",
    .opts = VERSIONED,
};

/* ------------------------------------------------------------------ relationship map */

static const FieldDef contact_position_fields[] = {
    ACCOUNT_REF,
    REF("party_id", FF_FILTER, "party"),
    TXT("unit", FF_SEARCH | FF_SORT | FF_FILTER),
    TXT("title", FF_REQUIRED | FF_SEARCH | FF_SORT),
    ENUM("buying_role", FF_FILTER | FF_SORT, kBuyingRoles),
    INT("influence", FF_SORT, 1, 5),
    INT("attitude", FF_SORT, -2, 2),
    INT("strength", FF_SORT, 1, 5),
    REF("counterpart_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    REF("reports_to_id", FF_FILTER, "contact_position"),
    LTXT("notes", 0),
    BOOL("active", FF_FILTER),
    END,
};
const EntityDef kContactPosition = {
    .name = "contact_position", .plural = "contact_positions", .table = "contact_position",
    .fields = contact_position_fields, .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "title",
    .order = "t.id", .opts = VERSIONED, .validate = contact_position_validate,
};

static const FieldDef position_holder_fields[] = {
    REF("position_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "contact_position"),
    REF("person_id", FF_REQUIRED | FF_FILTER, "person"),
    DATE("from_on", FF_REQUIRED | FF_SORT),
    DATE("to_on", FF_SORT),
    TXT("note", 0),
    END,
};
const EntityDef kPositionHolder = {
    .name = "position_holder", .plural = "position_holders", .table = "position_holder",
    .fields = position_holder_fields, .scope = SCOPE_VIA_PARENT, .parent_field = "position_id",
    .parent = "contact_position", .write = WN_OPERATE, .order = "t.position_id, t.from_on, t.id", .opts = VERSIONED,
    .validate = position_holder_validate, .after_write = position_holder_after_write,
};

/* ------------------------------------------------------------------ account management */

static const FieldDef contact_rule_fields[] = {
    ACCOUNT_REF,
    REF("our_person_id", FF_REQUIRED | FF_FILTER | FF_INTERNAL_PERSON, "person"),
    REF("position_id", FF_FILTER, "contact_position"),
    TXT("channel", 0),
    TXT("frequency", 0),
    TXT("purpose", 0),
    END,
};
const EntityDef kContactRule = {
    .name = "contact_rule", .plural = "contact_rules", .table = "contact_rule", .fields = contact_rule_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .order = "t.id", .opts = VERSIONED,
};

static const FieldDef cadence_fields[] = {
    ACCOUNT_REF,
    TXT("name", FF_REQUIRED | FF_SEARCH | FF_SORT),
    ENUM("kind", FF_FILTER, kCadenceKinds),
    INT("every_months", FF_REQUIRED, 1, 24),
    TXT("participants", 0),
    DATE("starts_on", FF_REQUIRED),
    BOOL("active", FF_FILTER),
    END,
};
const EntityDef kCadence = {
    .name = "cadence", .plural = "cadences", .table = "cadence", .fields = cadence_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "name", .order = "t.id", .opts = VERSIONED,
};

static const FieldDef agreement_fields[] = {
    ACCOUNT_REF,
    ENUM("kind", FF_FILTER, kAgreementKinds),
    TXTN("title", FF_REQUIRED | FF_SEARCH, 300),
    DATE("start_on", FF_SORT),
    DATE("end_on", FF_SORT),
    LTXT("terms", 0),
    END,
};
const EntityDef kAgreement = {
    .name = "agreement", .plural = "agreements", .table = "agreement", .fields = agreement_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "title", .order = "t.id", .opts = VERSIONED,
    .validate = dates_in_order_validate,
};

static const FieldDef escalation_step_fields[] = {
    ACCOUNT_REF,
    INT("step", FF_REQUIRED | FF_SORT, 1, 9),
    LTXT("trigger_text", 0),
    REF("our_person_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    REF("position_id", FF_FILTER, "contact_position"),
    INT("days_to_respond", 0, 0, 365),
    END,
};
const EntityDef kEscalationStep = {
    .name = "escalation_step", .plural = "escalation_steps", .table = "escalation_step",
    .fields = escalation_step_fields, .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .order = "t.account_id, t.step",
    .opts = VERSIONED,
};

static const FieldDef interaction_fields[] = {
    ACCOUNT_REF,
    ENUM("kind", FF_FILTER | FF_SORT, kInteractionKinds),
    DATE("occurred_on", FF_REQUIRED | FF_SORT),
    TXTN("title", FF_REQUIRED | FF_SEARCH, 300),
    LTXT("summary", FF_SEARCH),
    LTXT("decisions", 0),
    REF("cadence_id", FF_FILTER, "cadence"),
    END,
};
const EntityDef kInteraction = {
    .name = "interaction", .plural = "interactions", .table = "interaction", .fields = interaction_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "title", .order = "t.occurred_on DESC, t.id DESC",
    .opts = VERSIONED,
};

static const FieldDef interaction_attendee_fields[] = {
    REF("interaction_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "interaction"),
    REF("person_id", FF_REQUIRED | FF_FILTER, "person"),
    END,
};
const EntityDef kInteractionAttendee = {
    .name = "interaction_attendee", .plural = "interaction_attendees", .table = "interaction_attendee",
    .fields = interaction_attendee_fields, .scope = SCOPE_VIA_PARENT, .parent_field = "interaction_id",
    .parent = "interaction", .write = WN_OPERATE, .opts = EO_CREATED,
};

static const FieldDef action_item_fields[] = {
    ACCOUNT_REF,
    REF("interaction_id", FF_FILTER, "interaction"),
    TXTN("title", FF_REQUIRED | FF_SEARCH | FF_SORT, 300),
    REF("owner_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    DATE("due_on", FF_SORT),
    ENUM("status", FF_FILTER | FF_SORT, kActionStatuses),
    DATE("done_on", FF_SORT),
    LTXT("notes", 0),
    END,
};
const EntityDef kActionItem = {
    .name = "action_item", .plural = "action_items", .table = "action_item", .fields = action_item_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_OPERATE, .label = "title", .order = "t.due_on, t.id", .opts = VERSIONED,
    .validate = action_item_validate,
};

static const FieldDef escalation_fields[] = {
    ACCOUNT_REF,
    TXTN("title", FF_REQUIRED | FF_SEARCH | FF_SORT, 300),
    LTXT("description", 0),
    REF("raised_by_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    DATE("raised_on", FF_REQUIRED | FF_SORT),
    REF("executive_id", FF_FILTER | FF_INTERNAL_PERSON, "person"),
    DATE("due_on", FF_SORT),
    ENUM("status", FF_FILTER | FF_SORT, kEscalationStatuses),
    LTXT("decision", 0),
    DATE("decided_on", FF_SORT),
    END,
};
const EntityDef kEscalation = {
    .name = "escalation", .plural = "escalations", .table = "escalation", .fields = escalation_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_SPONSOR, .label = "title", .order = "t.status, t.due_on, t.id",
    .opts = VERSIONED, .validate = escalation_validate,
};

/* ------------------------------------------------------------------ evaluation */

static const FieldDef kpi_fields[] = {
    REF("account_id", FF_IMMUTABLE | FF_FILTER | FF_GUEST, "account"),
    TXTN("code", FF_REQUIRED | FF_SORT | FF_FILTER, 40),
    TXT("name", FF_REQUIRED | FF_GUEST | FF_SEARCH | FF_SORT),
    TXTN("unit", FF_GUEST, 20),
    ENUM("direction", FF_GUEST | FF_FILTER, kDirections),
    NUM("target", FF_GUEST),
    ENUM("frequency", FF_GUEST | FF_FILTER, kFrequencies),
    TXT("source", 0),
    BOOL("shared", FF_GUEST | FF_FILTER),
    BOOL("active", FF_FILTER),
    END,
};
const EntityDef kKpi = {
    .name = "kpi", .plural = "kpis", .table = "kpi", .fields = kpi_fields,
    .scope = SCOPE_ACCOUNT_OPTIONAL, .write = WN_OPERATE, .guest = GUEST_FLAG, .guest_flag = "shared",
    .label = "name", .order = "t.account_id, t.code", .opts = VERSIONED, .validate = kpi_validate,
};

static const FieldDef kpi_measurement_fields[] = {
    REF("kpi_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER | FF_GUEST, "kpi"),
    MONTH("period", FF_REQUIRED | FF_SORT | FF_GUEST | FF_FILTER),
    NUM("value", FF_REQUIRED | FF_GUEST),
    NUM("target", FF_GUEST),
    DATE("recorded_on", FF_SORT),
    LTXT("note", 0),
    END,
};
const EntityDef kKpiMeasurement = {
    .name = "kpi_measurement", .plural = "kpi_measurements", .table = "kpi_measurement",
    .fields = kpi_measurement_fields, .scope = SCOPE_VIA_PARENT, .parent_field = "kpi_id", .parent = "kpi",
    .write = WN_OPERATE, .guest = GUEST_ROWS, .order = "t.kpi_id, t.period", .opts = VERSIONED,
    .validate = kpi_measurement_validate,
};

static const FieldDef account_review_fields[] = {
    ACCOUNT_REF,
    DATE("held_on", FF_REQUIRED | FF_SORT),
    ENUM("kind", FF_FILTER, kReviewKinds),
    BOOL("with_customer", FF_FILTER),
    TXT("participants", 0),
    LTXT("summary", FF_SEARCH),
    LTXT("decisions", 0),
    END,
};
const EntityDef kAccountReview = {
    .name = "account_review", .plural = "account_reviews", .table = "account_review",
    .fields = account_review_fields, .scope = SCOPE_ACCOUNT, .write = WN_SPONSOR,
    .order = "t.held_on DESC, t.id DESC", .opts = VERSIONED,
};

/* ------------------------------------------------------------------ selection criteria */

static const FieldDef criterion_fields[] = {
    ENUM("criterion_set", FF_REQUIRED | FF_FILTER | FF_SORT, kCriterionSets),
    TXTN("code", FF_REQUIRED | FF_SORT, 40),
    TXT("name_en", FF_REQUIRED | FF_SEARCH),
    TXT("name_it", FF_REQUIRED | FF_SEARCH),
    LTXT("description_en", 0),
    LTXT("description_it", 0),
    /* weights change only as a whole set (portfolio service), so that a set
     * always sums to 100 */
    NUMR("weight", FF_READONLY, 0, 100),
    INT("sort", FF_SORT, -100000, 100000),
    BOOL("active", FF_FILTER | FF_READONLY),
    END,
};
const EntityDef kCriterion = {
    .name = "criterion", .plural = "criteria", .table = "criterion", .fields = criterion_fields,
    .scope = SCOPE_PROGRAMME, .write = WN_PROGRAMME, .label = "name_en", .order = "t.criterion_set, t.sort, t.id",
    .opts = VERSIONED | EO_NO_DELETE,
};

static const FieldDef criterion_level_fields[] = {
    REF("criterion_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "criterion"),
    INT("level", FF_REQUIRED | FF_SORT, 1, 10),
    LTXT("descriptor_en", 0),
    LTXT("descriptor_it", 0),
    END,
};
const EntityDef kCriterionLevel = {
    .name = "criterion_level", .plural = "criterion_levels", .table = "criterion_level",
    .fields = criterion_level_fields, .scope = SCOPE_PROGRAMME, .write = WN_PROGRAMME,
    .order = "t.criterion_id, t.level", .opts = VERSIONED,
};

static const FieldDef criterion_score_fields[] = {
    ACCOUNT_REF,
    REF("criterion_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "criterion"),
    REF("scorer_id", FF_IMMUTABLE | FF_FILTER, "user"),
    NUMR("score", FF_REQUIRED | FF_SORT, 1, 10),
    LTXT("note", 0),
    DATE("scored_on", FF_SORT),
    END,
};
const EntityDef kCriterionScore = {
    .name = "criterion_score", .plural = "criterion_scores", .table = "criterion_score",
    .fields = criterion_score_fields, .scope = SCOPE_ACCOUNT, .write = WN_PROGRAMME,
    .order = "t.account_id, t.criterion_id, t.scorer_id", .opts = VERSIONED, .validate = criterion_score_validate,
};

/* ------------------------------------------------------------------ plans, remarks, audit */

static const FieldDef plan_version_fields[] = {
    ACCOUNT_REF,
    TXTN("label", FF_READONLY | FF_SORT, 60),
    DATE("frozen_on", FF_READONLY | FF_SORT),
    REF("frozen_by", FF_READONLY, "user"),
    LTXT("note", FF_READONLY),
    {.name = "snapshot", .type = FT_LONGTEXT, .flags = FF_READONLY, .max_len = 50000000},
    END,
};
const EntityDef kPlanVersion = {
    .name = "plan_version", .plural = "plan_versions", .table = "plan_version", .fields = plan_version_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_NOBODY, .label = "label", .order = "t.frozen_on, t.id",
    .opts = EO_CREATED | EO_APPEND_ONLY | EO_NO_CREATE,
};

static const FieldDef remark_fields[] = {
    ACCOUNT_REF_GUEST,
    ENUM("subject_kind", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER | FF_GUEST, kRemarkSubjects),
    INT("subject_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER | FF_GUEST, 1, 9e15),
    REF("author_id", FF_READONLY | FF_GUEST, "user"),
    {.name = "body", .type = FT_LONGTEXT, .flags = FF_REQUIRED | FF_GUEST, .max_len = 4000},
    END,
};
const EntityDef kRemark = {
    .name = "remark", .plural = "remarks", .table = "remark", .fields = remark_fields,
    .scope = SCOPE_ACCOUNT, .write = WN_REMARK, .guest = GUEST_WHERE, .order = "t.created_at, t.id",
    /* a guest reads the comments on what they see: the customer's goals,
     * joint initiatives, shared KPIs - never our notes on internal items */
    .guest_where = "(@.subject_kind = 'customer_goal'"
                   " OR (@.subject_kind = 'initiative' AND EXISTS (SELECT 1 FROM initiative g"
                   " WHERE g.id = @.subject_id AND g.joint = 1))"
                   " OR (@.subject_kind = 'kpi' AND EXISTS (SELECT 1 FROM kpi k"
                   " WHERE k.id = @.subject_id AND k.shared = 1)))",
    .opts = EO_CREATED | EO_APPEND_ONLY, .validate = remark_validate,
};

static const FieldDef audit_fields[] = {
    STAMP("at", FF_READONLY | FF_SORT),
    INT("user_id", FF_READONLY | FF_FILTER, 0, 9e15),
    TXT("actor", FF_READONLY | FF_FILTER | FF_SEARCH),
    TXT("action", FF_READONLY | FF_FILTER),
    TXT("entity", FF_READONLY | FF_FILTER),
    INT("entity_id", FF_READONLY | FF_FILTER, 0, 9e15),
    INT("account_id", FF_READONLY | FF_FILTER, 0, 9e15),
    {.name = "before_json", .type = FT_LONGTEXT, .flags = FF_READONLY, .max_len = 50000000},
    {.name = "after_json", .type = FT_LONGTEXT, .flags = FF_READONLY, .max_len = 50000000},
    END,
};
static const char *const audit_columns[] = {"at", "actor", "action", "entity", "entity_id", "account_id", NULL};
const EntityDef kAudit = {
    .name = "audit", .plural = "audit", .table = "audit_log", .fields = audit_fields, .columns = audit_columns,
    .scope = SCOPE_ADMIN, .write = WN_NOBODY, .order = "t.id DESC",
    .opts = EO_NO_CREATE | EO_NO_DELETE | EO_APPEND_ONLY,
};

/* ------------------------------------------------------------------ the list */

const EntityDef *const kEntities[] = {
    &kOrg, &kProgramme, &kCompanyYear, &kPerson,
    &kAccount, &kAccountYear, &kKeyDecision, &kStageChange, &kParty,
    &kCustomerGoal, &kObjective, &kInitiative, &kGoalObjective, &kInitiativeGoal, &kInitiativeObjective,
    &kOffering, &kCustomerUnit, &kSolutionCell, &kCellContact, &kSolutionProject,
    &kUser, &kViewerGrant, &kTeamMember,
    &kCompetencyArea, &kCompetency, &kCompetencyLevel, &kCompetencyRating, &kDevelopmentAction, &kHrPolicy,
    &kAccountCompetency,
    &kContactPosition, &kPositionHolder,
    &kContactRule, &kCadence, &kAgreement, &kEscalationStep, &kInteraction, &kInteractionAttendee,
    &kActionItem, &kEscalation,
    &kKpi, &kKpiMeasurement, &kAccountReview,
    &kCriterion, &kCriterionLevel, &kCriterionScore,
    &kPlanVersion, &kRemark, &kAudit,
    NULL,
};
