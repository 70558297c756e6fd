/* The blocks of a report (report.h) and the labels and figures every
 * section writes, in the report's language. */
#include "report_int.h"

#include "../web/chart.h"

#include <string.h>

RpBlock *rp_add(RpDoc *d, RpKind kind, const char *text)
{
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 32;
        d->blocks = arena_realloc(d->arena, d->blocks, sizeof(RpBlock) * (size_t)d->cap,
                                  sizeof(RpBlock) * (size_t)cap);
        d->cap = cap;
    }
    RpBlock *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->text = text;
    return b;
}

RpBlock *rp_table(RpDoc *d, int ncols, const char *const *head, unsigned num_cols)
{
    RpBlock *t = rp_add(d, RP_TABLE, NULL);
    t->ncols = ncols;
    t->num_cols = num_cols;
    rp_row(d, t, false, head);
    return t;
}

/* Rows grow by doubling; the block pointer stays valid while no other block
 * is added (tables are filled before the next rp_add). */
void rp_row(RpDoc *d, RpBlock *t, bool flagged, const char *const *cells)
{
    if (t->nrows == t->rowcap) {
        int ncap = t->rowcap ? t->rowcap * 2 : 8;
        t->cells =
            arena_realloc(d->arena, t->cells, sizeof(char *) * (size_t)(t->ncols * t->rowcap),
                          sizeof(char *) * (size_t)(t->ncols * ncap));
        t->flagged = arena_realloc(d->arena, t->flagged, sizeof(bool) * (size_t)t->rowcap,
                                   sizeof(bool) * (size_t)ncap);
        t->rowcap = ncap;
    }
    for (int c = 0; c < t->ncols; c++) t->cells[t->nrows * t->ncols + c] = cells[c] ? cells[c] : "";
    t->flagged[t->nrows] = flagged;
    t->nrows++;
}

const char *rp_num(RpDoc *d, double v, int decimals)
{
    Buf b;
    buf_init(&b, d->arena);
    fmt_number(&b, d->lang, v, decimals);
    return buf_cstr(&b);
}

const char *rp_pct(RpDoc *d, double ratio)
{
    Buf b;
    buf_init(&b, d->arena);
    fmt_percent(&b, d->lang, ratio, 0);
    return buf_cstr(&b);
}

const char *rp_date(RpDoc *d, const char *iso)
{
    Buf b;
    buf_init(&b, d->arena);
    fmt_date(&b, d->lang, iso);
    return buf_cstr(&b);
}

const char *rp_tr(RpDoc *d, const char *key)
{
    return tr(d->lang, key);
}
const char *rp_dim(RpDoc *d, int dim)
{
    return rp_tr(d, kAssessDimKeys[dim]);
}
const char *rp_val2(RpDoc *d, AsValue v)
{
    return v.has ? rp_num(d, v.v, 2) : "—";
}
const char *rp_delta2(RpDoc *d, double v)
{
    return arena_printf(d->arena, "%s%s", v > 0 ? "+" : "", rp_num(d, v, 2));
}

RpBlock *rp_section(RpDoc *d, const char *anchor, const char *key)
{
    RpBlock *b = rp_add(d, RP_SECTION, rp_tr(d, key));
    b->anchor = anchor;
    return b;
}

/* A chart: the chart module's figure, and the svg element inside it. */
RpBlock *rp_chart(RpDoc *d, Buf *fig, int nlegend, const char **names, const char **cls)
{
    RpBlock *b = rp_add(d, RP_CHART, NULL);
    b->figure = buf_cstr(fig);
    const char *s = strstr(b->figure, "<svg"), *e = s ? strstr(s, "</svg>") : NULL;
    b->svg = s && e ? arena_strndup(d->arena, s, (size_t)(e + 6 - s)) : NULL;
    b->nlegend = nlegend;
    b->legend = names;
    b->legend_cls = cls;
    return b;
}

const char *rp_role(RpDoc *d, int role)
{
    return rp_tr(d, arena_printf(d->arena, "assess.role.%s", as_role_name(role)));
}

const char *rp_subject(RpDoc *d, const AsReport *r, int64_t account)
{
    if (!account) return rp_tr(d, "report.programme_subject");
    for (int k = 0; k < r->res.nsubjects; k++)
        if (r->res.subject[k].account_id == account) return r->subject_name[k];
    return arena_printf(d->arena, "%lld", (long long)account);
}

const char *rp_item(RpDoc *d, const AsReport *r, int item)
{
    const AsCatItem *it = &r->cat.items[item];
    return arena_printf(d->arena, "%s %s", it->code,
                        d->lang == LANG_IT ? it->text_it : it->text_en);
}
