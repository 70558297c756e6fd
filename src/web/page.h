/* The one page layout (header with the level navigation, language switch
 * and user menu; breadcrumbs; the message left by the previous action;
 * content; footer), error pages, and form helpers that keep what the user
 * typed and put each error next to its field. Everything is written with
 * html_printf, so text can only reach the page escaped. */
#ifndef KAM_PAGE_H
#define KAM_PAGE_H

#include "../svc/entity.h"
#include "http.h"

typedef struct Crumb {
    const char *label; /* already translated */
    const char *href;  /* NULL for the current page */
} Crumb;

/* Which top-level section the page belongs to (highlighted in the nav). */
typedef enum NavSection { NAV_NONE, NAV_PROGRAMME, NAV_ACCOUNTS, NAV_ASSESSMENT, NAV_ADMIN } NavSection;

/* Start an HTML page in w: status 200, headers (CSP with this response's
 * nonce, no-store), <head>, header, breadcrumbs (ncrumbs may be 0), flash. */
Buf *page_begin(Req *r, Resp *w, NavSection nav, const char *title, const Crumb *crumbs, int ncrumbs);
void page_end(Req *r, Resp *w);

/* An error as a page (or JSON under /api/): status, a title from the
 * catalogue, and message (NULL: the standard text for the status). */
void page_error(Req *r, Resp *w, int status, const char *message);
/* The error in r->err as a page or JSON, with its HTTP status. */
void page_err(Req *r, Resp *w);

/* The hidden CSRF input every POST form carries. */
void form_csrf(Req *r, Buf *b);

/* Field label: catalogue "field.NAME", else the name made readable. */
const char *field_label(Req *r, const char *name);
/* Display text of an enum value: catalogue "enum.FIELD.VALUE", else VALUE. */
const char *enum_label(Req *r, const char *field, const char *value);

/* One labelled input for field f of def, showing value, with error (may be
 * NULL) beside it; read-only fields are shown as text. */
void form_field(Req *r, Buf *b, const EntityDef *def, const FieldDef *f, const char *value, const char *error);

/* A value as plain text for the reader: enum labels, yes/no, numbers,
 * dates and timestamps in the reader's format. */
const char *field_text(Req *r, const FieldDef *f, const char *value);
/* A value for display in a table or detail list (enum labels, yes/no,
 * dates in the reader's format, references as links). */
void field_display(Req *r, Buf *b, const FieldDef *f, const char *value);

/* Serve an embedded asset by name with a strong ETag and a one-year cache. */
void asset_serve(Req *r, Resp *w, const char *name);
/* URL of an asset with its content hash, so it can be cached forever. */
const char *asset_url(Req *r, const char *name);

#endif
