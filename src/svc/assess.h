/* The KAM performance assessment (FRAMEWORK.md section 3) in the store:
 * catalogues of items, rounds, raters, answers, the import of answer files
 * and the results (scored by assess_score.h, with evidence from
 * evidence.h).
 *
 * Catalogues. `kam init` loads the builtin catalogue (data/seed/
 * assessment.json). An organisation exports it, changes items, and imports
 * the file as a new custom catalogue version; catalogues are never changed
 * in place, and every round keeps the catalogue it was created with. New
 * rounds take the newest catalogue unless told otherwise.
 *
 * Rounds. Scope "programme": the programme level and every key account at
 * creation; scope "accounts": the programme level and the chosen accounts.
 * draft -> open -> closed (a closed round may be opened again). Raters are
 * invited while the round is not closed; answers are taken while it is open.
 *
 * Raters by role: executive (the programme, or an account), kam (an account,
 * or the programme), team (an account), sponsor (an account), customer (the
 * customer guest of that account). Customer raters answer the customer items
 * of their account, the others the corporate items for the programme and the
 * operational items for an account.
 *
 * Access (svc/acl.h): rounds, invitations and catalogue imports are for
 * those who edit the programme (administrator, executive); a rater answers
 * only their own questionnaire (an administrator may enter answers on a
 * rater's behalf); results of a whole round are for those who edit or may
 * read the programme (not KAMs: they see the results of their accounts);
 * a customer guest sees only the customer items of their own account and no
 * results. */
#ifndef KAM_ASSESS_H
#define KAM_ASSESS_H

#include "assess_score.h"
#include "ctx.h"
#include "evidence.h"

#include <jansson.h>

#define AS_MAX_FILE_ROWS 200000
#define AS_MAX_COMMENT   2000
#define AS_MAX_ERRORS    8 /* errors listed when a file is refused */

/* ---------------------------------------------------------------- catalogues */

typedef struct AsCatItem {
    int64_t id;
    const char *code;
    int dim, level;
    const char *text_en, *text_it;
    const char *anchors_en[5], *anchors_it[5];
    double weight;
    const char *mirror;
    const char *evidence; /* rule name, "" none */
    int sort;
} AsCatItem;

typedef struct AsCatalogue {
    int64_t id;
    const char *version, *source; /* source: builtin, custom */
    const char *based_on;         /* version it was derived from, or NULL */
    int64_t loaded_at;
    int nrounds;      /* rounds that use it */
    AsCatItem *items; /* by sort */
    int nitems;
} AsCatalogue;

/* Load the builtin catalogue from the embedded file (inside `kam init`). */
ErrCode as_catalogue_seed(Ctx *c);
/* Validate a catalogue file (the export format) and store it as a new custom
 * version. version_override: use this version instead of the file's. A bad
 * file is KAM_EINPUT naming the item and field, and nothing is stored. */
ErrCode as_catalogue_import(Ctx *c, const char *data, size_t len, const char *file,
                            const char *version_override, int64_t *id);
/* Every catalogue, newest first (without items). */
ErrCode as_catalogue_list(Ctx *c, AsCatalogue **out, int *n);
/* One catalogue with its items: version NULL is the newest. Customer guests
 * get the customer items only. */
ErrCode as_catalogue_get(Ctx *c, const char *version, AsCatalogue *out);
ErrCode as_catalogue_load(Ctx *c, int64_t id, AsCatalogue *out);
/* The export format (what as_catalogue_import reads). */
json_t *as_catalogue_json(const AsCatalogue *cat);

/* ---------------------------------------------------------------- rounds */

typedef struct AsRound {
    int64_t id;
    const char *name, *scope, *status, *opens_on, *deadline;
    int64_t catalogue_id;
    const char *catalogue_version;
    int64_t version;
    int64_t *accounts; /* round_account, by id */
    int naccounts;
    int nraters, ncomplete;
    int expected, answered; /* answers over all raters */
} AsRound;

typedef struct AsRoundNew {
    const char *name;
    const char *opens_on; /* NULL: today */
    const char *deadline;
    const char *catalogue;   /* version; NULL: the newest */
    const int64_t *accounts; /* none: scope programme (every key account) */
    int naccounts;
} AsRoundNew;

ErrCode as_round_create(Ctx *c, const AsRoundNew *n, int64_t *id);
ErrCode as_round_get(Ctx *c, int64_t id, AsRound *out);
/* Rounds the actor may see, newest first (guests: those they are invited to). */
ErrCode as_round_list(Ctx *c, AsRound **out, int *n);
/* "open" (from draft or closed) or "closed" (from open). */
ErrCode as_round_set_status(Ctx *c, int64_t id, const char *status);

/* ---------------------------------------------------------------- raters */

typedef struct AsRaterRow {
    int64_t id, round_id, user_id, account_id;
    const char *login, *role, *account_name, *invited_on, *reminded_on;
    int64_t completed_at;
    int level;    /* AsLevel of the items answered */
    int expected; /* items of that level */
    int answered; /* answers (scores and N/A) */
    int na;
} AsRaterRow;

/* Invite a user to rate (account 0: the programme). */
ErrCode as_invite(Ctx *c, int64_t round_id, const char *login, const char *role, int64_t account_id,
                  int64_t *rater_id);
/* Invite the usual raters: every executive for the programme, and for each
 * account of the round its KAM and its executive sponsor (when they have a
 * sign-in). Those already invited are left alone. */
ErrCode as_invite_defaults(Ctx *c, int64_t round_id, int *added);
/* Raters of a round with progress. user_id != 0: only that user's. Those who
 * do not edit the programme see only their own invitations. */
ErrCode as_raters(Ctx *c, int64_t round_id, int64_t user_id, AsRaterRow **out, int *n);
/* Mark every rater who has not finished as reminded today. */
ErrCode as_remind(Ctx *c, int64_t round_id, int *n);

/* ---------------------------------------------------------------- answers */

typedef struct AsQuestion {
    const AsCatItem *item;
    bool answered, na;
    int score;      /* 1-5 when answered and not N/A */
    int importance; /* 0: not given */
    const char *comment;
} AsQuestion;

/* The questionnaire of one rater with the answers given so far. The actor
 * must be the rater (or an administrator). */
ErrCode as_questionnaire(Ctx *c, int64_t rater_id, AsRaterRow *rater, AsCatalogue *cat,
                         AsQuestion **q, int *n);
/* Save one answer: score "1".."5", or "n" / "na" for not applicable;
 * importance NULL or "" for none, else "1".."5". */
ErrCode as_answer_save(Ctx *c, int64_t rater_id, const char *item_code, const char *score,
                       const char *importance, const char *comment);
/* Record the rater as complete when every item has an answer. */
ErrCode as_rater_finish(Ctx *c, int64_t rater_id, bool *complete);

/* Import answers from CSV (header: rater, account, item, score, importance,
 * comment; ',' or ';') or JSON (an array of objects with those keys, or
 * {"answers": [...]}). Every row is checked first; any fault refuses the
 * whole file with the rows and reasons (KAM_EINPUT), and nothing is stored.
 * Rows are counted as a spreadsheet does: the CSV header is row 1, the first
 * JSON answer is row 1. */
ErrCode as_import(Ctx *c, int64_t round_id, const char *data, size_t len, const char *file,
                  int *nanswers, int *nraters);

/* ---------------------------------------------------------------- results */

typedef struct AsReport {
    AsRound round;
    AsCatalogue cat; /* items in the order of the score input */
    int64_t account; /* 0: the whole round */
    AsRaterRow *raters;
    int nraters;
    AsResult res;
    EvResult *ev;              /* parallel to res.ev */
    const char **subject_name; /* parallel to res.subject ("programme" for 0) */
} AsReport;

/* Score a round (account != 0: the programme and that account only). */
ErrCode as_results(Ctx *c, int64_t round_id, int64_t account_id, AsReport *out);
/* A finding and why it ranks where it does, in c->lang. */
const char *as_rec_text(Ctx *c, const AsReport *r, const AsRec *x);
const char *as_rec_why(Ctx *c, const AsReport *r, const AsRec *x);
/* Everything in the report as JSON (the CLI's --json and the API). */
json_t *as_report_json(Ctx *c, const AsReport *r);

/* One answer as given, for the export (report_xlsx.c). */
typedef struct AsResponse {
    const AsRaterRow *rater; /* into the report's raters */
    const AsCatItem *item;   /* into the report's catalogue */
    bool na;                 /* not applicable / don't know */
    int score;               /* 1-5 unless na */
    int importance;          /* 0: not given */
    const char *comment;
    int64_t answered_at; /* unix time */
} AsResponse;

/* Every answer behind a report from as_results (the report's raters only: for
 * an account, the programme's and that account's), by rater in the report's
 * order, then by item. Individual answers are shown under the results' own
 * rule, checked again for c's actor. */
ErrCode as_responses(Ctx *c, const AsReport *rep, AsResponse **out, int *n);

typedef struct AsTrendRow {
    int64_t round_id;
    const char *name, *opens_on, *status;
    AsLevelScore level[AS_NLEVEL];
} AsTrendRow;

/* Every round that is open or closed, oldest first, with its level and
 * dimension scores (account != 0: that account's operational and customer
 * scores, and the programme's corporate ones). */
ErrCode as_trend_load(Ctx *c, int64_t account_id, AsTrendRow **rows, int *n);

#endif
