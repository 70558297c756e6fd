/* The key account workspace pages (pages_account*.c): the shell at
 * /accounts/:id with one section per dimension (?s=overview|strategy|
 * solutions|people|management|evaluation|plan), and the helpers the
 * sections share: tables of records, forms that post to the workspace's
 * record endpoints and come back to the section, with what was typed and
 * the error beside its field when the save fails, and both versions side
 * by side on a conflict. Access is decided by the services (svc/acl.h):
 * these pages only hide what the services would refuse anyway. */
#ifndef KAM_PAGES_ACCOUNT_H
#define KAM_PAGES_ACCOUNT_H

#include "../svc/workspace.h"
#include "page.h"

typedef struct WsRefCache {
    const char *ref, *value, *label;
} WsRefCache;

typedef struct WsPage {
    Req *r;
    Resp *w;
    Buf *b;
    int64_t id;
    const char *section;
    WsOverview ov;
    bool can_operate, can_team, can_sponsor;
    /* A submitted form that failed, shown again: its kind, its record (0: a
     * new one) and, on a conflict, the row as stored now. */
    const EntityDef *fdef;
    int64_t frid;
    Record *fcurrent;
    WsRefCache *cache; /* labels of references already looked up */
    int ncache;
} WsPage;

/* A REF field's choices for a form (id, label). */
typedef struct WsOpt {
    int64_t id;
    const char *label;
} WsOpt;

/* URL of a section of the account. */
const char *ws_href(const WsPage *p, const char *section);
/* Label of the row a reference points to (cached per request). */
const char *ws_ref_label(WsPage *p, const char *ref, const char *value);
/* Records of kind of this account (ordered as the model says). */
RecordList ws_list(WsPage *p, const char *kind, int limit);
/* The same, only the rows whose field equals value (a filterable field). */
RecordList ws_list_where(WsPage *p, const char *kind, const char *field, const char *value,
                         int limit);
/* One value as a table cell's content. */
void ws_cell(WsPage *p, const FieldDef *f, const char *value);
/* A table of records with the given columns, an edit link per row (to
 * ?s=SECTION&edit=KIND-ID) and, when the user may add, an add form with
 * form_fields. empty_key: the catalogue text that teaches the empty state. */
void ws_block(WsPage *p, const char *kind, const char *title_key, const char *const *cols,
              const char *const *form_fields, const char *empty_key);
/* The same for the rows whose field equals value (a filterable field). */
void ws_block_where(WsPage *p, const char *kind, const char *field, const char *value,
                    const char *title_key, const char *const *cols, const char *const *form_fields,
                    const char *empty_key);
/* The form for one record (rec NULL: a new one) with the given fields. */
void ws_form(WsPage *p, const EntityDef *def, const Record *rec, const char *const *fields,
             const char *submit_key);
/* Is ?edit=KIND-ID asking for this record? */
bool ws_editing(WsPage *p, const EntityDef *def, int64_t id);
/* Translated text. */
const char *ws_tr(WsPage *p, const char *key);
/* A <h2> section heading with an id, and an intro paragraph from key.intro. */
void ws_heading(WsPage *p, const char *key);

/* The sections. */
void ws_overview_section(WsPage *p);
void ws_strategy_section(WsPage *p);
void ws_solutions_section(WsPage *p);
void ws_people_section(WsPage *p);
void ws_management_section(WsPage *p);
void ws_evaluation_section(WsPage *p);
void ws_plan_section(WsPage *p);
/* Render section of account id (a guest gets their own view); fdef / frid
 * (0: a new record) / fcur (the stored row on a conflict) describe a form
 * that failed, shown again with the input; status 0 is 200. */
void ws_render(Req *r, Resp *w, int64_t id, const char *section, const EntityDef *fdef,
               int64_t frid, Record *fcur, int status);
/* Show section of account id again with status 422 and the error in r->err
 * at the top (forms that are not one record: a new contact). */
void page_account_section_error(Req *r, Resp *w, int64_t id, const char *section);
/* The customer guest's view of their account (pages_account_guest.c). */
void ws_guest_page(Req *r, Resp *w, int64_t id, int status);

#endif
