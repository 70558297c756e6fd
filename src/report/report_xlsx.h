/* The XLSX export of an assessment round (issue 6; FRAMEWORK.md section 3):
 * its scores and its answers as a workbook with one sheet per view -
 * Summary (index per level, weakest dimension, coverage), Dimensions
 * (level x dimension, corporate - operational gap, spread), Accounts
 * (accounts x dimensions, coloured from 1 red to 5 green), Gaps
 * (corporate - operational and rater vs rater, flagged at |delta| >= 1),
 * Importance-performance (priority, quadrant), Evidence (self-rating
 * beside kam's data, flags), Recommendations (rank, finding, why, link),
 * Trend (rounds x levels x dimensions) and Responses (one row per answer).
 *
 * Figures are numbers (not text) with a number format; every sheet has its
 * header row bold and frozen and its columns sized; the long ones carry an
 * autofilter. Sheet names, headers and words are in the language asked
 * for. Access is the results' own (svc/assess.h, as_results and
 * as_responses): a whole round for those who see the programme, one
 * account (with the programme) for those who may read it, never for
 * customer guests. Everything is read before the first byte is written,
 * so a refusal leaves no file behind. */
#ifndef KAM_REPORT_XLSX_H
#define KAM_REPORT_XLSX_H

#include "../core/buf.h"
#include "../svc/ctx.h"
#include "../web/i18n.h"

#include <stdint.h>

typedef struct XlsxOpts {
    Lang lang;
    int64_t round_id;
    int64_t account_id; /* 0: the whole round */
    /* "https://kam.example.com": recommendation links become hyperlinks to
     * it; NULL: the links are written as paths ("/accounts/3#people"). */
    const char *base_url;
} XlsxOpts;

/* Write the workbook to path: into a new temporary file in path's
 * directory, renamed over path once complete. On any error the temporary
 * file is removed and path is left as it was. */
ErrCode report_xlsx_file(Ctx *c, const XlsxOpts *o, const char *path);
/* The workbook appended to out (for a download). */
ErrCode report_xlsx_buf(Ctx *c, const XlsxOpts *o, Buf *out);
/* kam-assessment-R-programme-LANG.xlsx, kam-assessment-R-account-A-LANG.xlsx
 * (as report_filename names the HTML and PDF reports). */
const char *report_xlsx_filename(Arena *a, const XlsxOpts *o);

#endif
