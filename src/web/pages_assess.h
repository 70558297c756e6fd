/* Parts of the assessment pages shared between files: the findings
 * sections of a round's results page (pages_assess_findings.c). */
#ifndef KAM_PAGES_ASSESS_H
#define KAM_PAGES_ASSESS_H

#include "../svc/assess.h"
#include "app.h"

/* "done / of (percent)": answers given of those expected. */
void assess_progress(Req *r, Buf *b, int done, int of);

/* Gaps between groups of raters on the same aspects, largest first: every
 * whole-dimension gap and each flagged aspect gap (#rater-gaps). */
void assess_rater_gaps(Req *r, Buf *b, const AsReport *rep);
/* Agreement among raters per level and dimension (#spread); nothing when no
 * item was scored by two raters of one subject. */
void assess_spread(Req *r, Buf *b, const AsReport *rep);
/* Self-ratings that disagree with, or lack, evidence (#evidence). */
void assess_evidence(Req *r, Buf *b, const AsReport *rep);

/* /assessment/:id/raters: who is invited and how far they got; inviting
 * and reminding for those who run the programme (pages_assess_raters.c). */
void page_assessment_raters(Req *r, Resp *w);
void page_assessment_raters_post(Req *r, Resp *w);

/* pages_assess.c: the round's scores and answers as an XLSX download
 * (/assessment/:id/results.xlsx), and the trend across rounds
 * (/assessment/trend). */
void page_assessment_xlsx(Req *r, Resp *w);
void page_assessment_trend(Req *r, Resp *w);

#endif
