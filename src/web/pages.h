/* Every page and API handler, listed in routes.c. */
#ifndef KAM_PAGES_H
#define KAM_PAGES_H

#include "http.h"

/* pages_auth.c */
void page_login(Req *r, Resp *w);
void page_login_post(Req *r, Resp *w);
void page_logout_post(Req *r, Resp *w);
void page_password(Req *r, Resp *w);
void page_password_post(Req *r, Resp *w);
void page_lang_post(Req *r, Resp *w);
void page_home(Req *r, Resp *w);

/* pages_entity.c: list, view, edit, create and delete any kind of record */
void page_entity_list(Req *r, Resp *w);
void page_entity_new(Req *r, Resp *w);
void page_entity_create(Req *r, Resp *w);
void page_entity_show(Req *r, Resp *w);
void page_entity_update(Req *r, Resp *w);
void page_entity_delete(Req *r, Resp *w);
void page_accounts(Req *r, Resp *w);
void page_account(Req *r, Resp *w);
void page_programme(Req *r, Resp *w);
void page_account_update(Req *r, Resp *w);
void page_programme_update(Req *r, Resp *w);

/* pages_admin.c */
void page_admin(Req *r, Resp *w);
void page_admin_user_new(Req *r, Resp *w);
void page_admin_user_create(Req *r, Resp *w);
void page_admin_user_password(Req *r, Resp *w);

/* api.c: /api/v1 */
void api_index(Req *r, Resp *w);
void api_list(Req *r, Resp *w);
void api_create(Req *r, Resp *w);
void api_show(Req *r, Resp *w);
void api_update(Req *r, Resp *w);
void api_delete(Req *r, Resp *w);
void api_me(Req *r, Resp *w);
void api_openapi(Req *r, Resp *w); /* openapi.c */

/* pages_misc.c */
void page_asset(Req *r, Resp *w);
void page_healthz(Req *r, Resp *w);
void page_metrics(Req *r, Resp *w);

#endif
