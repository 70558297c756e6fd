/* GET /api/v1/accounts/:id/workspace: the overview of the account as JSON,
 * from the same domain call as the page (svc/workspace.h): health with each
 * input, quadrant, stage, sponsor, alignment, coverage, KPIs, cadences,
 * actions, open escalations and changes since the reader's last visit. */
#include "../core/text.h"
#include "../svc/workspace.h"
#include "app.h"
#include "page.h"
#include "pages.h"

void api_account_workspace(Req *r, Resp *w)
{
    json_t *j;
    if (ws_overview_json(&r->ctx, route_id(r, 0), &j)) {
        page_err(r, w);
        return;
    }
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    w->status = 200;
    w->content_type = "application/json";
    resp_header(w, "Cache-Control", "no-store");
    buf_puts(&w->body, s ? s : "null");
    buf_putc(&w->body, '\n');
    free(s);
}
