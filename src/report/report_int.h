/* What the report builders share (report_blocks.c, report_build.c,
 * report_findings.c): labels in the report's language, figures written the
 * way the language writes them, and the sections built from the results. */
#ifndef KAM_REPORT_INT_H
#define KAM_REPORT_INT_H

#include "report.h"

#include "../svc/assess.h"

#define HEAT_ROWS 25 /* accounts per heatmap: one A4 page */
#define EV_DETAIL 20 /* flagged evidence checks listed one by one in a programme report */


const char *rp_tr(RpDoc *d, const char *key);
const char *rp_dim(RpDoc *d, int dim);                                /* a dimension's name */
const char *rp_val2(RpDoc *d, AsValue v);                             /* 3.41, or a dash */
const char *rp_delta2(RpDoc *d, double v);                            /* +0.25 */
const char *rp_role(RpDoc *d, int role);                              /* a rater role's name */
const char *rp_subject(RpDoc *d, const AsReport *r, int64_t account); /* account name */
const char *rp_item(RpDoc *d, const AsReport *r, int item);           /* code and text */
/* A numbered section heading (in the contents) with its anchor. */
RpBlock *rp_section(RpDoc *d, const char *anchor, const char *key);
/* A chart block from the chart module's figure in fig. */
RpBlock *rp_chart(RpDoc *d, Buf *fig, int nlegend, const char **names, const char **cls);

/* The sections after the corporate-operational gaps (report_findings.c). */
void rp_rater_gaps(RpDoc *d, const AsReport *r);
void rp_ip(RpDoc *d, const AsReport *r);
void rp_evidence(RpDoc *d, const AsReport *r);
ErrCode rp_trend(Ctx *c, RpDoc *d);
void rp_recommendations(Ctx *c, RpDoc *d, const AsReport *r);

#endif
