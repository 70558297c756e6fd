/* Helpers shared by the programme pages (pages_programme*.c). */
#ifndef KAM_PAGES_PROGRAMME_H
#define KAM_PAGES_PROGRAMME_H

#include <jansson.h>

#include "http.h"

/* The buttons to the programme's sections, current one marked. */
void prog_section_links(Req *r, Buf *b, const char *current);
/* /programme/drill?fig=FIGURE with the dashboard filters in force. */
const char *prog_drill_href(Req *r, const char *figure);
/* A 200 JSON response (consumes j). */
void prog_send_json(Resp *w, json_t *j);

#endif
