-- kam schema, version 1: the whole model of FRAMEWORK.md sections 2 to 4.
--
-- Written in the SQLite dialect (STRICT tables); db_translate_ddl() turns it
-- into PostgreSQL (INTEGER -> BIGINT, REAL -> DOUBLE PRECISION, identity keys).
-- Conventions:
--   * every table has `id INTEGER PRIMARY KEY`;
--   * every row a person edits has `version` (optimistic concurrency: an
--     update names the version it read and fails if it changed) and
--     created_at / updated_at (seconds since the epoch, set by the service);
--   * dates are 'YYYY-MM-DD' text, months 'YYYY-MM'; booleans 0/1 integers;
--   * amounts are in the organisation's currency (org.currency);
--   * CHECK constraints are named so a refused value names its rule.

-- ---------------------------------------------------------------- our side

CREATE TABLE org (
    id INTEGER PRIMARY KEY CONSTRAINT org_singleton CHECK (id = 1),
    name TEXT NOT NULL,
    currency TEXT NOT NULL DEFAULT 'EUR',
    default_lang TEXT NOT NULL DEFAULT 'en' CONSTRAINT org_lang CHECK (default_lang IN ('en', 'it')),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The KAM programme charter and its rules (one row): corporate strategy,
-- organisation and process definitions.
CREATE TABLE programme (
    id INTEGER PRIMARY KEY CONSTRAINT programme_singleton CHECK (id = 1),
    role_statement TEXT NOT NULL DEFAULT '',
    selection_policy TEXT NOT NULL DEFAULT '',
    target_revenue_share REAL CONSTRAINT programme_revenue_share CHECK (target_revenue_share BETWEEN 0 AND 100),
    target_margin_share REAL CONSTRAINT programme_margin_share CHECK (target_margin_share BETWEEN 0 AND 100),
    target_key_accounts INTEGER CONSTRAINT programme_key_accounts CHECK (target_key_accounts >= 0),
    investment TEXT NOT NULL DEFAULT '',
    max_accounts_per_kam INTEGER NOT NULL DEFAULT 8 CONSTRAINT programme_max_accounts CHECK (max_accounts_per_kam BETWEEN 1 AND 100),
    threshold_attractiveness REAL NOT NULL DEFAULT 5.5 CONSTRAINT programme_threshold_attr CHECK (threshold_attractiveness BETWEEN 1 AND 10),
    threshold_strength REAL NOT NULL DEFAULT 5.5 CONSTRAINT programme_threshold_strength CHECK (threshold_strength BETWEEN 1 AND 10),
    horizon_years INTEGER NOT NULL DEFAULT 3 CONSTRAINT programme_horizon CHECK (horizon_years BETWEEN 1 AND 10),
    plan_max_age_days INTEGER NOT NULL DEFAULT 365 CONSTRAINT programme_plan_age CHECK (plan_max_age_days BETWEEN 1 AND 3650),
    organisation_model TEXT NOT NULL DEFAULT '',
    planning_cycle TEXT NOT NULL DEFAULT '',
    review_cadence TEXT NOT NULL DEFAULT '',
    escalation_path TEXT NOT NULL DEFAULT '',
    governance TEXT NOT NULL DEFAULT '',
    information_sources TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The whole company's revenue and margin per year: the denominator of the
-- key-account share.
CREATE TABLE company_year (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE CONSTRAINT company_year_range CHECK (year BETWEEN 1900 AND 2999),
    revenue REAL NOT NULL DEFAULT 0,
    margin REAL NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;

-- People: our staff (internal) and the customer's people (external). A
-- customer contact's place in the customer organisation is a position
-- (contact_position) held over time (position_holder), not a property of
-- the person, so people change role or company without the map losing its past.
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    ext_id TEXT UNIQUE,
    kind TEXT NOT NULL DEFAULT 'internal' CONSTRAINT person_kind CHECK (kind IN ('internal', 'external')),
    full_name TEXT NOT NULL CONSTRAINT person_name CHECK (length(full_name) BETWEEN 1 AND 200),
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    manager_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CONSTRAINT person_active CHECK (active IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX person_manager ON person(manager_id);
CREATE INDEX person_name ON person(full_name);

-- ---------------------------------------------------------------- accounts

CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    ext_id TEXT UNIQUE,
    name TEXT NOT NULL CONSTRAINT account_name CHECK (length(name) BETWEEN 1 AND 200),
    legal_name TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    employees INTEGER CONSTRAINT account_employees CHECK (employees >= 0),
    annual_revenue REAL CONSTRAINT account_annual_revenue CHECK (annual_revenue >= 0),
    status TEXT NOT NULL DEFAULT 'candidate' CONSTRAINT account_status CHECK (status IN ('candidate', 'key', 'former', 'other')),
    kam_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    sponsor_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    stage INTEGER NOT NULL DEFAULT 1 CONSTRAINT account_stage CHECK (stage BETWEEN 1 AND 5),
    target_stage INTEGER CONSTRAINT account_target_stage CHECK (target_stage BETWEEN 1 AND 5),
    disintegrating INTEGER NOT NULL DEFAULT 0 CONSTRAINT account_disintegrating CHECK (disintegrating IN (0, 1)),
    profile TEXT NOT NULL DEFAULT '',
    markets TEXT NOT NULL DEFAULT '',
    customer_strategy TEXT NOT NULL DEFAULT '',
    account_strategy TEXT NOT NULL DEFAULT '',
    collaboration_protocol TEXT NOT NULL DEFAULT '',
    revenue REAL NOT NULL DEFAULT 0 CONSTRAINT account_revenue CHECK (revenue >= 0),
    margin REAL NOT NULL DEFAULT 0,
    potential REAL NOT NULL DEFAULT 0 CONSTRAINT account_potential CHECK (potential >= 0),
    plan_reviewed_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX account_lname ON account(lower(name));
CREATE INDEX account_kam ON account(kam_id);
CREATE INDEX account_sponsor ON account(sponsor_id);
CREATE INDEX account_status_idx ON account(status);

-- Our revenue and margin with an account per year (growth, retention).
CREATE TABLE account_year (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    year INTEGER NOT NULL CONSTRAINT account_year_range CHECK (year BETWEEN 1900 AND 2999),
    revenue REAL NOT NULL DEFAULT 0,
    margin REAL NOT NULL DEFAULT 0,
    revenue_target REAL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, year)
) STRICT;
CREATE INDEX account_year_year ON account_year(year);

-- Key-account status is a decision with a reason and a date (append-only).
CREATE TABLE key_decision (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    decision TEXT NOT NULL CONSTRAINT key_decision_kind CHECK (decision IN ('nominate', 'confirm', 'demote')),
    reason TEXT NOT NULL CONSTRAINT key_decision_reason CHECK (length(reason) >= 1),
    decided_on TEXT NOT NULL,
    decided_by INTEGER,
    created_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX key_decision_account ON key_decision(account_id, decided_on);

-- Relationship stage history (append-only): 1 exploratory, 2 basic,
-- 3 cooperative, 4 interdependent, 5 integrated; disintegrating is a flag.
CREATE TABLE stage_change (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    stage INTEGER NOT NULL CONSTRAINT stage_change_stage CHECK (stage BETWEEN 1 AND 5),
    target_stage INTEGER CONSTRAINT stage_change_target CHECK (target_stage BETWEEN 1 AND 5),
    disintegrating INTEGER NOT NULL DEFAULT 0,
    changed_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    changed_by INTEGER,
    created_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX stage_change_account ON stage_change(account_id, changed_on);

-- Further parties of an account: group companies, partners, distributors.
CREATE TABLE party (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    name TEXT NOT NULL CONSTRAINT party_name CHECK (length(name) BETWEEN 1 AND 200),
    kind TEXT NOT NULL DEFAULT 'group_company' CONSTRAINT party_kind CHECK (kind IN ('group_company', 'partner', 'distributor', 'other')),
    description TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX party_account ON party(account_id);

-- ---------------------------------------------------------------- strategy (operational)

CREATE TABLE customer_goal (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    party_id INTEGER REFERENCES party(id) ON DELETE SET NULL,
    title TEXT NOT NULL CONSTRAINT customer_goal_title CHECK (length(title) BETWEEN 1 AND 300),
    description TEXT NOT NULL DEFAULT '',
    horizon TEXT NOT NULL DEFAULT '',
    priority INTEGER NOT NULL DEFAULT 2 CONSTRAINT customer_goal_priority CHECK (priority BETWEEN 1 AND 3),
    source TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX customer_goal_account ON customer_goal(account_id);

-- Our objectives for an account on several levels.
CREATE TABLE objective (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    level TEXT NOT NULL CONSTRAINT objective_level CHECK (level IN ('financial', 'offering', 'relationship', 'operational')),
    title TEXT NOT NULL CONSTRAINT objective_title CHECK (length(title) BETWEEN 1 AND 300),
    measure TEXT NOT NULL DEFAULT '',
    baseline TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '',
    owner_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    deadline TEXT,
    status TEXT NOT NULL DEFAULT 'planned' CONSTRAINT objective_status CHECK (status IN ('planned', 'on_track', 'at_risk', 'off_track', 'achieved', 'dropped')),
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX objective_account ON objective(account_id);

CREATE TABLE initiative (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    title TEXT NOT NULL CONSTRAINT initiative_title CHECK (length(title) BETWEEN 1 AND 300),
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'proposed' CONSTRAINT initiative_status CHECK (status IN ('proposed', 'agreed', 'in_progress', 'done', 'stopped')),
    owner_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    customer_owner TEXT NOT NULL DEFAULT '',
    start_on TEXT,
    due_on TEXT,
    joint INTEGER NOT NULL DEFAULT 1 CONSTRAINT initiative_joint CHECK (joint IN (0, 1)),
    internal_notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX initiative_account ON initiative(account_id);

-- Alignment links (P1): objective <-> customer goal <-> initiative.
CREATE TABLE goal_objective (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES customer_goal(id) ON DELETE CASCADE,
    objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (goal_id, objective_id)
) STRICT;
CREATE INDEX goal_objective_objective ON goal_objective(objective_id);

CREATE TABLE initiative_goal (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES customer_goal(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (initiative_id, goal_id)
) STRICT;
CREATE INDEX initiative_goal_goal ON initiative_goal(goal_id);

CREATE TABLE initiative_objective (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    objective_id INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (initiative_id, objective_id)
) STRICT;
CREATE INDEX initiative_objective_objective ON initiative_objective(objective_id);

-- ---------------------------------------------------------------- solutions

CREATE TABLE offering (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CONSTRAINT offering_code CHECK (length(code) BETWEEN 1 AND 40),
    name TEXT NOT NULL CONSTRAINT offering_name CHECK (length(name) BETWEEN 1 AND 200),
    category TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    customisation TEXT NOT NULL DEFAULT 'standard' CONSTRAINT offering_customisation CHECK (customisation IN ('standard', 'configured', 'customised', 'co_developed')),
    account_specific INTEGER NOT NULL DEFAULT 0 CONSTRAINT offering_specific CHECK (account_specific IN (0, 1)),
    origin_account_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
    roadmap TEXT NOT NULL DEFAULT 'none' CONSTRAINT offering_roadmap CHECK (roadmap IN ('none', 'nominated', 'accepted', 'declined')),
    roadmap_note TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CONSTRAINT offering_active CHECK (active IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Customer units (business units, sites, countries): the rows of the solution map.
CREATE TABLE customer_unit (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    name TEXT NOT NULL CONSTRAINT customer_unit_name CHECK (length(name) BETWEEN 1 AND 200),
    kind TEXT NOT NULL DEFAULT 'business_unit' CONSTRAINT customer_unit_kind CHECK (kind IN ('business_unit', 'site', 'country', 'other')),
    sort INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, name)
) STRICT;

-- One cell of the solution map: a customer unit x an offering.
CREATE TABLE solution_cell (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES customer_unit(id) ON DELETE CASCADE,
    offering_id INTEGER NOT NULL REFERENCES offering(id) ON DELETE CASCADE,
    state TEXT NOT NULL DEFAULT 'potential' CONSTRAINT solution_cell_state CHECK (state IN ('current', 'potential', 'competitor', 'not_relevant')),
    revenue_now REAL NOT NULL DEFAULT 0 CONSTRAINT solution_cell_revenue CHECK (revenue_now >= 0),
    revenue_potential REAL NOT NULL DEFAULT 0 CONSTRAINT solution_cell_potential CHECK (revenue_potential >= 0),
    competitor TEXT NOT NULL DEFAULT '',
    competitor_share REAL CONSTRAINT solution_cell_share CHECK (competitor_share BETWEEN 0 AND 100),
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (unit_id, offering_id)
) STRICT;
CREATE INDEX solution_cell_account ON solution_cell(account_id);
CREATE INDEX solution_cell_offering ON solution_cell(offering_id);

CREATE TABLE solution_project (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    offering_id INTEGER REFERENCES offering(id) ON DELETE SET NULL,
    unit_id INTEGER REFERENCES customer_unit(id) ON DELETE SET NULL,
    title TEXT NOT NULL CONSTRAINT solution_project_title CHECK (length(title) BETWEEN 1 AND 300),
    phase TEXT NOT NULL DEFAULT 'design' CONSTRAINT solution_project_phase CHECK (phase IN ('design', 'build', 'deliver', 'operate', 'closed', 'cancelled')),
    owner_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    start_on TEXT,
    due_on TEXT,
    delivered_on TEXT,
    quality INTEGER CONSTRAINT solution_project_quality CHECK (quality BETWEEN 1 AND 5),
    status_note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX solution_project_account ON solution_project(account_id);

-- ---------------------------------------------------------------- people and access

CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE CONSTRAINT app_user_login CHECK (length(login) BETWEEN 1 AND 64),
    person_id INTEGER UNIQUE REFERENCES person(id) ON DELETE SET NULL,
    role TEXT NOT NULL CONSTRAINT app_user_role CHECK (role IN ('admin', 'executive', 'kam', 'team', 'guest', 'viewer')),
    password_hash TEXT NOT NULL DEFAULT '',
    lang TEXT CONSTRAINT app_user_lang CHECK (lang IN ('en', 'it')),
    guest_account_id INTEGER REFERENCES account(id) ON DELETE CASCADE,
    viewer_programme INTEGER NOT NULL DEFAULT 0 CONSTRAINT app_user_viewer_programme CHECK (viewer_programme IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CONSTRAINT app_user_active CHECK (active IN (0, 1)),
    last_login_at INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT app_user_guest_account CHECK ((role = 'guest') = (guest_account_id IS NOT NULL))
) STRICT;

-- Accounts an administrator lets a viewer see.
CREATE TABLE viewer_grant (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (user_id, account_id)
) STRICT;
CREATE INDEX viewer_grant_account ON viewer_grant(account_id);

CREATE TABLE team_member (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'sales' CONSTRAINT team_member_role CHECK (role IN ('kam', 'sponsor', 'sales', 'solution', 'service', 'delivery', 'finance', 'legal', 'other')),
    time_share REAL NOT NULL DEFAULT 0 CONSTRAINT team_member_share CHECK (time_share BETWEEN 0 AND 100),
    since_on TEXT,
    until_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, person_id, role)
) STRICT;
CREATE INDEX team_member_person ON team_member(person_id);

-- KAM competency model: areas, competencies, level descriptors.
CREATE TABLE competency_area (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_it TEXT NOT NULL,
    sort INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE competency (
    id INTEGER PRIMARY KEY,
    area_id INTEGER NOT NULL REFERENCES competency_area(id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_it TEXT NOT NULL,
    description_en TEXT NOT NULL DEFAULT '',
    description_it TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX competency_area_idx ON competency(area_id);

CREATE TABLE competency_level (
    id INTEGER PRIMARY KEY,
    competency_id INTEGER NOT NULL REFERENCES competency(id) ON DELETE CASCADE,
    level INTEGER NOT NULL CONSTRAINT competency_level_range CHECK (level BETWEEN 1 AND 5),
    descriptor_en TEXT NOT NULL DEFAULT '',
    descriptor_it TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (competency_id, level)
) STRICT;

-- A rating of one person's competency (self, manager or 360-degree).
CREATE TABLE competency_rating (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    competency_id INTEGER NOT NULL REFERENCES competency(id) ON DELETE CASCADE,
    source TEXT NOT NULL CONSTRAINT competency_rating_source CHECK (source IN ('self', 'manager', '360')),
    level INTEGER NOT NULL CONSTRAINT competency_rating_level CHECK (level BETWEEN 1 AND 5),
    evidence TEXT NOT NULL DEFAULT '',
    rated_on TEXT NOT NULL,
    rater_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX competency_rating_person ON competency_rating(person_id, competency_id);

CREATE TABLE development_action (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    competency_id INTEGER REFERENCES competency(id) ON DELETE SET NULL,
    title TEXT NOT NULL CONSTRAINT development_action_title CHECK (length(title) BETWEEN 1 AND 300),
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'planned' CONSTRAINT development_action_status CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX development_action_person ON development_action(person_id);

-- HR policies for KAMs: recruiting profile, rewards, career path.
CREATE TABLE hr_policy (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CONSTRAINT hr_policy_kind CHECK (kind IN ('recruiting', 'rewards', 'career', 'training', 'other')),
    title TEXT NOT NULL CONSTRAINT hr_policy_title CHECK (length(title) BETWEEN 1 AND 300),
    body TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Competencies an account needs, at which level.
CREATE TABLE account_competency (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    competency_id INTEGER NOT NULL REFERENCES competency(id) ON DELETE CASCADE,
    required_level INTEGER NOT NULL CONSTRAINT account_competency_level CHECK (required_level BETWEEN 1 AND 5),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, competency_id)
) STRICT;

-- ---------------------------------------------------------------- relationship map

-- A position in the customer's organisation (or a party's), with its place
-- in the buying centre and how the relationship stands.
-- attitude: -2 opponent, -1 sceptic, 0 neutral, 1 supporter, 2 champion.
CREATE TABLE contact_position (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    party_id INTEGER REFERENCES party(id) ON DELETE SET NULL,
    unit TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL CONSTRAINT contact_position_title CHECK (length(title) BETWEEN 1 AND 200),
    buying_role TEXT NOT NULL DEFAULT 'none' CONSTRAINT contact_position_role CHECK (buying_role IN ('decision_maker', 'economic_buyer', 'technical_buyer', 'user', 'influencer', 'gatekeeper', 'champion', 'none')),
    influence INTEGER NOT NULL DEFAULT 3 CONSTRAINT contact_position_influence CHECK (influence BETWEEN 1 AND 5),
    attitude INTEGER NOT NULL DEFAULT 0 CONSTRAINT contact_position_attitude CHECK (attitude BETWEEN -2 AND 2),
    strength INTEGER NOT NULL DEFAULT 1 CONSTRAINT contact_position_strength CHECK (strength BETWEEN 1 AND 5),
    counterpart_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    reports_to_id INTEGER REFERENCES contact_position(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CONSTRAINT contact_position_active CHECK (active IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contact_position_account ON contact_position(account_id);
CREATE INDEX contact_position_counterpart ON contact_position(counterpart_id);

-- Who held a position, when. to_on NULL: holds it now.
CREATE TABLE position_holder (
    id INTEGER PRIMARY KEY,
    position_id INTEGER NOT NULL REFERENCES contact_position(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    from_on TEXT NOT NULL,
    to_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT position_holder_dates CHECK (to_on IS NULL OR to_on >= from_on)
) STRICT;
CREATE INDEX position_holder_position ON position_holder(position_id);
CREATE INDEX position_holder_person ON position_holder(person_id);

-- Solution-map cells and the customer contacts behind them.
CREATE TABLE cell_contact (
    id INTEGER PRIMARY KEY,
    cell_id INTEGER NOT NULL REFERENCES solution_cell(id) ON DELETE CASCADE,
    position_id INTEGER NOT NULL REFERENCES contact_position(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (cell_id, position_id)
) STRICT;
CREATE INDEX cell_contact_position ON cell_contact(position_id);

-- ---------------------------------------------------------------- account management

-- Contact matrix: who on our side talks to whom on theirs.
CREATE TABLE contact_rule (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    our_person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    position_id INTEGER REFERENCES contact_position(id) ON DELETE CASCADE,
    channel TEXT NOT NULL DEFAULT '',
    frequency TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contact_rule_account ON contact_rule(account_id);

-- Planned meeting rhythms (quarterly business review, annual executive meeting ...).
CREATE TABLE cadence (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    name TEXT NOT NULL CONSTRAINT cadence_name CHECK (length(name) BETWEEN 1 AND 200),
    kind TEXT NOT NULL DEFAULT 'review' CONSTRAINT cadence_kind CHECK (kind IN ('qbr', 'executive', 'operational', 'review', 'other')),
    every_months INTEGER NOT NULL DEFAULT 3 CONSTRAINT cadence_every CHECK (every_months BETWEEN 1 AND 24),
    participants TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CONSTRAINT cadence_active CHECK (active IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX cadence_account ON cadence(account_id);

CREATE TABLE agreement (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'frame_contract' CONSTRAINT agreement_kind CHECK (kind IN ('frame_contract', 'sla', 'nda', 'pricing', 'other')),
    title TEXT NOT NULL CONSTRAINT agreement_title CHECK (length(title) BETWEEN 1 AND 300),
    start_on TEXT,
    end_on TEXT,
    terms TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX agreement_account ON agreement(account_id);

-- The escalation path agreed with the customer, step by step.
CREATE TABLE escalation_step (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    step INTEGER NOT NULL CONSTRAINT escalation_step_range CHECK (step BETWEEN 1 AND 9),
    trigger_text TEXT NOT NULL DEFAULT '',
    our_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    position_id INTEGER REFERENCES contact_position(id) ON DELETE SET NULL,
    days_to_respond INTEGER CONSTRAINT escalation_step_days CHECK (days_to_respond BETWEEN 0 AND 365),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, step)
) STRICT;

CREATE TABLE interaction (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'meeting' CONSTRAINT interaction_kind CHECK (kind IN ('meeting', 'call', 'email', 'visit', 'review', 'workshop', 'decision', 'other')),
    occurred_on TEXT NOT NULL,
    title TEXT NOT NULL CONSTRAINT interaction_title CHECK (length(title) BETWEEN 1 AND 300),
    summary TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT '',
    cadence_id INTEGER REFERENCES cadence(id) ON DELETE SET NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX interaction_account ON interaction(account_id, occurred_on);
CREATE INDEX interaction_cadence ON interaction(cadence_id);

CREATE TABLE interaction_attendee (
    id INTEGER PRIMARY KEY,
    interaction_id INTEGER NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (interaction_id, person_id)
) STRICT;

CREATE TABLE action_item (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,
    title TEXT NOT NULL CONSTRAINT action_item_title CHECK (length(title) BETWEEN 1 AND 300),
    owner_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'open' CONSTRAINT action_item_status CHECK (status IN ('open', 'done', 'cancelled')),
    done_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX action_item_account ON action_item(account_id, status, due_on);
CREATE INDEX action_item_owner ON action_item(owner_id);

-- Escalations to top management (P2), with the decision and its due date.
CREATE TABLE escalation (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    title TEXT NOT NULL CONSTRAINT escalation_title CHECK (length(title) BETWEEN 1 AND 300),
    description TEXT NOT NULL DEFAULT '',
    raised_by_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    raised_on TEXT NOT NULL,
    executive_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'open' CONSTRAINT escalation_status CHECK (status IN ('open', 'decided', 'closed')),
    decision TEXT NOT NULL DEFAULT '',
    decided_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX escalation_account ON escalation(account_id);
CREATE INDEX escalation_open ON escalation(status, executive_id);

-- ---------------------------------------------------------------- evaluation

-- A KPI of one account (account_id) or of the programme (account_id NULL).
CREATE TABLE kpi (
    id INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES account(id) ON DELETE CASCADE,
    code TEXT NOT NULL CONSTRAINT kpi_code CHECK (length(code) BETWEEN 1 AND 40),
    name TEXT NOT NULL CONSTRAINT kpi_name CHECK (length(name) BETWEEN 1 AND 200),
    unit TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL DEFAULT 'higher' CONSTRAINT kpi_direction CHECK (direction IN ('higher', 'lower')),
    target REAL,
    frequency TEXT NOT NULL DEFAULT 'monthly' CONSTRAINT kpi_frequency CHECK (frequency IN ('monthly', 'quarterly', 'yearly')),
    source TEXT NOT NULL DEFAULT '',
    shared INTEGER NOT NULL DEFAULT 0 CONSTRAINT kpi_shared CHECK (shared IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CONSTRAINT kpi_active CHECK (active IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, code)
) STRICT;

-- One value of a KPI for a period (a month 'YYYY-MM'; quarterly and yearly
-- KPIs use the period's last month). target NULL: the KPI's target applies.
CREATE TABLE kpi_measurement (
    id INTEGER PRIMARY KEY,
    kpi_id INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
    period TEXT NOT NULL CONSTRAINT kpi_measurement_period CHECK (length(period) = 7),
    value REAL NOT NULL,
    target REAL,
    recorded_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kpi_id, period)
) STRICT;

-- Reviews of results held with the customer, and what was decided.
CREATE TABLE account_review (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'qbr' CONSTRAINT account_review_kind CHECK (kind IN ('qbr', 'annual', 'kpi', 'other')),
    with_customer INTEGER NOT NULL DEFAULT 1 CONSTRAINT account_review_with_customer CHECK (with_customer IN (0, 1)),
    participants TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX account_review_account ON account_review(account_id, held_on);

-- ---------------------------------------------------------------- selection and portfolio (corporate strategy)

CREATE TABLE criterion (
    id INTEGER PRIMARY KEY,
    criterion_set TEXT NOT NULL CONSTRAINT criterion_set_kind CHECK (criterion_set IN ('attractiveness', 'strength')),
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_it TEXT NOT NULL,
    description_en TEXT NOT NULL DEFAULT '',
    description_it TEXT NOT NULL DEFAULT '',
    weight REAL NOT NULL DEFAULT 0 CONSTRAINT criterion_weight CHECK (weight BETWEEN 0 AND 100),
    sort INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CONSTRAINT criterion_active CHECK (active IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE criterion_level (
    id INTEGER PRIMARY KEY,
    criterion_id INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    level INTEGER NOT NULL CONSTRAINT criterion_level_range CHECK (level BETWEEN 1 AND 10),
    descriptor_en TEXT NOT NULL DEFAULT '',
    descriptor_it TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (criterion_id, level)
) STRICT;

-- One scorer's score of one account on one criterion (1-10).
CREATE TABLE criterion_score (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    scorer_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    score REAL NOT NULL CONSTRAINT criterion_score_range CHECK (score BETWEEN 1 AND 10),
    note TEXT NOT NULL DEFAULT '',
    scored_on TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, criterion_id, scorer_id)
) STRICT;
CREATE INDEX criterion_score_criterion ON criterion_score(criterion_id);

-- ---------------------------------------------------------------- plans, comments, visits

-- A frozen account plan: the whole plan as JSON at the moment of freezing.
CREATE TABLE plan_version (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    label TEXT NOT NULL CONSTRAINT plan_version_label CHECK (length(label) BETWEEN 1 AND 60),
    frozen_on TEXT NOT NULL,
    frozen_by INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    snapshot TEXT NOT NULL,
    created_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, label)
) STRICT;

-- Comments on joint items (by the customer guest or our team).
CREATE TABLE remark (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL CONSTRAINT remark_subject CHECK (subject_kind IN ('customer_goal', 'initiative', 'kpi')),
    subject_id INTEGER NOT NULL,
    author_id INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
    body TEXT NOT NULL CONSTRAINT remark_body CHECK (length(body) BETWEEN 1 AND 4000),
    created_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX remark_subject ON remark(account_id, subject_kind, subject_id);

-- When a user last opened an account ("what changed since your last visit").
CREATE TABLE account_visit (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    visited_at INTEGER NOT NULL,
    UNIQUE (user_id, account_id)
) STRICT;

-- ---------------------------------------------------------------- assessment (P4)

CREATE TABLE assessment_catalogue (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL DEFAULT 'builtin' CONSTRAINT assessment_catalogue_source CHECK (source IN ('builtin', 'custom')),
    based_on INTEGER REFERENCES assessment_catalogue(id) ON DELETE SET NULL,
    loaded_at INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One questionnaire item. level: corporate (answered for the programme),
-- operational (for one account), customer (asked of the customer).
-- anchors_en / anchors_it: JSON arrays of the five level descriptions.
-- mirror: items sharing a mirror key ask the same aspect at other levels.
CREATE TABLE assessment_item (
    id INTEGER PRIMARY KEY,
    catalogue_id INTEGER NOT NULL REFERENCES assessment_catalogue(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    dimension TEXT NOT NULL CONSTRAINT assessment_item_dimension CHECK (dimension IN ('strategy', 'solutions', 'people', 'management', 'evaluation')),
    level TEXT NOT NULL CONSTRAINT assessment_item_level CHECK (level IN ('corporate', 'operational', 'customer')),
    text_en TEXT NOT NULL,
    text_it TEXT NOT NULL,
    anchors_en TEXT NOT NULL,
    anchors_it TEXT NOT NULL,
    weight REAL NOT NULL DEFAULT 1 CONSTRAINT assessment_item_weight CHECK (weight > 0 AND weight <= 10),
    mirror TEXT NOT NULL DEFAULT '',
    evidence_rule TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0,
    UNIQUE (catalogue_id, code)
) STRICT;

CREATE TABLE assessment_round (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CONSTRAINT assessment_round_name CHECK (length(name) BETWEEN 1 AND 200),
    scope TEXT NOT NULL DEFAULT 'programme' CONSTRAINT assessment_round_scope CHECK (scope IN ('programme', 'accounts')),
    catalogue_id INTEGER NOT NULL REFERENCES assessment_catalogue(id),
    opens_on TEXT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CONSTRAINT assessment_round_status CHECK (status IN ('draft', 'open', 'closed')),
    created_by INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE round_account (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES assessment_round(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    UNIQUE (round_id, account_id)
) STRICT;

-- An invited rater. account_id NULL: rates the programme (corporate items).
CREATE TABLE rater (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES assessment_round(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    rater_role TEXT NOT NULL CONSTRAINT rater_role_kind CHECK (rater_role IN ('executive', 'kam', 'team', 'sponsor', 'customer')),
    account_id INTEGER REFERENCES account(id) ON DELETE CASCADE,
    invited_on TEXT NOT NULL,
    reminded_on TEXT,
    completed_at INTEGER,
    UNIQUE (round_id, user_id, account_id)
) STRICT;
CREATE INDEX rater_user ON rater(user_id);

CREATE TABLE answer (
    id INTEGER PRIMARY KEY,
    rater_id INTEGER NOT NULL REFERENCES rater(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES assessment_item(id) ON DELETE CASCADE,
    score INTEGER CONSTRAINT answer_score CHECK (score BETWEEN 1 AND 5),
    na INTEGER NOT NULL DEFAULT 0 CONSTRAINT answer_na CHECK (na IN (0, 1)),
    importance INTEGER CONSTRAINT answer_importance CHECK (importance BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    answered_at INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (rater_id, item_id),
    CONSTRAINT answer_score_or_na CHECK ((score IS NULL) = (na = 1))
) STRICT;
CREATE INDEX answer_item ON answer(item_id);

-- ---------------------------------------------------------------- sign-in, tokens, audit

-- Sessions live in the database so several `kam serve` processes share them.
-- Only the SHA-256 of the token is stored.
CREATE TABLE user_session (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ip TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX user_session_user ON user_session(user_id);
CREATE INDEX user_session_expires ON user_session(expires_at);

-- Failed sign-ins per login and per address, for rate limiting.
CREATE TABLE login_throttle (
    id INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL UNIQUE,
    failures INTEGER NOT NULL DEFAULT 0,
    window_start INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
) STRICT;
CREATE INDEX api_token_user ON api_token(user_id);

-- Every change: who, when, what, before and after (JSON).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    account_id INTEGER,
    before_json TEXT,
    after_json TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_account ON audit_log(account_id, at);
