/* The assessment report as downloads (src/report/report.h):
 * GET /assessment/:id/report.html[?account=ID][&lang=it|en] and .../report.pdf.
 * Who may download what is decided by as_results(), as for the results page:
 * a whole round for those who see the programme, one account for those who
 * may read it, nothing for customer guests. The language is ?lang, else the
 * user's current one. */
#include "../core/text.h"
#include "../report/report.h"
#include "app.h"
#include "page.h"
#include "pages.h"

/* Build the report the request asks for; false when an error page was sent. */
static bool build(Req *r, Resp *w, RpDoc *doc)
{
    int64_t id = route_id(r, 0), account = 0;
    const char *acc = req_query(r, "account"), *lang = req_query(r, "lang");
    if (acc && *acc && (!parse_int64(acc, &account) || account < 0)) {
        page_error(r, w, 400, arena_printf(r->arena, "account: \"%s\" is not an account id", acc));
        return false;
    }
    if (lang && *lang && !str_eq(lang, "it") && !str_eq(lang, "en")) {
        page_error(r, w, 400, arena_printf(r->arena, "lang: it or en, not \"%s\"", lang));
        return false;
    }
    Lang l = lang && *lang ? lang_parse(lang, r->lang) : r->lang;
    if (!id) {
        page_error(r, w, 404, NULL);
        return false;
    }
    if (report_build(&r->ctx, l, id, account, doc)) {
        page_err(r, w);
        return false;
    }
    return true;
}

static void attachment(Req *r, Resp *w, const char *name)
{
    resp_header(w, "Content-Disposition",
                arena_printf(r->arena, "attachment; filename=\"%s\"", name));
    resp_header(w, "Cache-Control", "private, no-store");
    resp_header(w, "X-Content-Type-Options", "nosniff");
}

void page_assessment_report_html(Req *r, Resp *w)
{
    RpDoc doc;
    if (!build(r, w, &doc)) return;
    w->content_type = "text/html; charset=utf-8";
    attachment(r, w, report_filename(&doc, "html"));
    report_html(&doc, &w->body);
}

void page_assessment_report_pdf(Req *r, Resp *w)
{
    RpDoc doc;
    if (!build(r, w, &doc)) return;
    Buf pdf;
    buf_init(&pdf, r->arena);
    if (report_pdf(&doc, &pdf, &r->err)) {
        page_err(r, w);
        return;
    }
    w->content_type = "application/pdf";
    attachment(r, w, report_filename(&doc, "pdf"));
    buf_put(&w->body, pdf.data, pdf.len);
}
