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
void page_account_update(Req *r, Resp *w);
void page_programme_update(Req *r, Resp *w);

/* pages_programme*.c: the programme level (corporate column) */
void page_programme(Req *r, Resp *w);       /* the top-management dashboard */
void page_programme_drill(Req *r, Resp *w); /* the accounts behind one figure */
void page_programme_escalation_post(Req *r, Resp *w); /* decide an escalation */
void api_dashboard(Req *r, Resp *w);        /* GET /api/v1/dashboard */
void page_programme_solutions(Req *r, Resp *w);    /* pages_programme_corp.c */
void page_programme_people(Req *r, Resp *w);
void page_programme_organisation(Req *r, Resp *w);
void page_portfolio(Req *r, Resp *w);
void page_portfolio_thresholds(Req *r, Resp *w);
void page_portfolio_criteria(Req *r, Resp *w);
void page_portfolio_criteria_post(Req *r, Resp *w);
void page_portfolio_account(Req *r, Resp *w);
void page_portfolio_score_post(Req *r, Resp *w);
void page_portfolio_decisions(Req *r, Resp *w);
void page_portfolio_bulk(Req *r, Resp *w);
void page_portfolio_bulk_post(Req *r, Resp *w);
void page_portfolio_decision_post(Req *r, Resp *w);

/* pages_account*.c: the key account workspace */
void page_account(Req *r, Resp *w);
void page_account_record_create(Req *r, Resp *w);
void page_account_record_update(Req *r, Resp *w);
void page_account_record_delete(Req *r, Resp *w);
void page_account_contact_create(Req *r, Resp *w);
void page_account_remark_create(Req *r, Resp *w);
void page_account_plan_freeze(Req *r, Resp *w);
void api_account_workspace(Req *r, Resp *w);

/* pages_assess.c: the KAM performance assessment */
void page_assessment(Req *r, Resp *w);
void page_assessment_create(Req *r, Resp *w);
void page_assessment_round(Req *r, Resp *w);
void page_assessment_status(Req *r, Resp *w);
void page_assessment_answer(Req *r, Resp *w);
void page_assessment_answer_post(Req *r, Resp *w);
void api_assessment_results(Req *r, Resp *w);
/* pages_report.c: the assessment report as downloads (HTML, PDF) */
void page_assessment_report_html(Req *r, Resp *w);
void page_assessment_report_pdf(Req *r, Resp *w);

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
