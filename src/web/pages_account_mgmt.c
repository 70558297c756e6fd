/* Workspace section "management" (account management): the rules of
 * collaboration (protocol, contact matrix, meeting cadences with their
 * compliance, escalation path, agreements), the interaction log with its
 * actions (overdue ones highlighted), and escalations to top management. */
#include "../core/text.h"
#include "pages_account.h"

static void compliance(WsPage *p)
{
    Req *r = p->r;
    const WsOverview *o = &p->ov;
    html_printf(p->b, "<section id=\"compliance\"><h3>%h</h3>", ws_tr(p, "ws.compliance"));
    if (!o->ncadences) {
        html_printf(p->b, "<div class=\"empty-state\"><p>%h</p></div></section>",
                    ws_tr(p, "ws.next_meetings.empty"));
        return;
    }
    html_printf(
        p->b,
        "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"list\"><thead><tr><th scope=\"col\">%h</th>"
        "<th scope=\"col\" class=\"num\">%h</th><th scope=\"col\" class=\"num\">%h</th><th "
        "scope=\"col\" class=\"num\">%h</th>"
        "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        field_label(r, "name"), field_label(r, "every_months"), ws_tr(p, "ws.planned"),
        ws_tr(p, "ws.held"), ws_tr(p, "ws.last_held"), ws_tr(p, "ws.next_due"));
    for (int i = 0; i < o->ncadences; i++) {
        const WsCadence *c = &o->cadences[i];
        const char *cls = c->planned && c->held < c->planned ? " status-at-risk" : "";
        html_printf(
            p->b,
            "<tr><th scope=\"row\">%h</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
            "<td class=\"num\"><span class=\"%a\">%d</span></td><td>",
            c->name, c->every_months, c->planned, cls, c->held > c->planned ? c->planned : c->held);
        if (c->last_held)
            fmt_date(p->b, r->lang, c->last_held);
        else
            buf_puts(p->b, "—");
        buf_puts(p->b, "</td><td>");
        fmt_date(p->b, r->lang, c->next_due);
        buf_puts(p->b, "</td></tr>");
    }
    buf_puts(p->b, "</tbody></table></div>");
    if (o->health_in.cadence_planned)
        html_printf(p->b, "<p>%h</p>",
                    tr_str(r->arena, r->lang, "ws.hi.cadence.detail", "held",
                           arena_printf(r->arena, "%d", o->health_in.cadence_held), "planned",
                           arena_printf(r->arena, "%d", o->health_in.cadence_planned), NULL));
    buf_puts(p->b, "</section>");
}

static void protocol(WsPage *p)
{
    static const char *const fields[] = {"collaboration_protocol", NULL};
    const char *v = record_get(p->ov.account, "collaboration_protocol");
    html_printf(p->b, "<section id=\"protocol\"><h3>%h</h3><p class=\"longtext\">%h</p>",
                field_label(p->r, "collaboration_protocol"),
                v && *v ? v : ws_tr(p, "ws.protocol.empty"));
    if (p->can_operate) {
        html_printf(p->b, "<details class=\"ws-add\"><summary>%h</summary>", ws_tr(p, "ws.edit"));
        ws_form(p, p->ov.account->def, p->ov.account, fields, NULL);
        buf_puts(p->b, "</details>");
    }
    buf_puts(p->b, "</section>");
}

void ws_management_section(WsPage *p)
{
    ws_heading(p, "ws.s.management");
    protocol(p);
    static const char *const rule_cols[] = {"our_person_id", "position_id", "channel",
                                            "frequency",     "purpose",     NULL};
    ws_block(p, "contact_rule", "ws.contact_matrix", rule_cols, rule_cols,
             "ws.contact_matrix.empty");
    static const char *const cad_cols[] = {
        "name", "kind", "every_months", "participants", "starts_on", "active", NULL};
    ws_block(p, "cadence", "ws.cadences", cad_cols, cad_cols, "ws.next_meetings.empty");
    compliance(p);
    static const char *const int_cols[] = {"occurred_on", "kind", "title", "cadence_id", NULL};
    static const char *const int_form[] = {"occurred_on", "kind",       "title", "summary",
                                           "decisions",   "cadence_id", NULL};
    ws_block(p, "interaction", "ws.interactions", int_cols, int_form, "ws.interactions.empty");
    static const char *const act_cols[] = {"title",  "owner_id",       "due_on",
                                           "status", "interaction_id", NULL};
    static const char *const act_form[] = {"title",   "owner_id",       "due_on", "status",
                                           "done_on", "interaction_id", "notes",  NULL};
    ws_block(p, "action_item", "ws.actions", act_cols, act_form, "ws.actions.empty");
    static const char *const esc_cols[] = {
        "title", "raised_on", "executive_id", "due_on", "status", "decided_on", NULL};
    static const char *const esc_form[] = {
        "title",  "description", "raised_by_id", "raised_on",  "executive_id",
        "due_on", "status",      "decision",     "decided_on", NULL};
    ws_block(p, "escalation", "ws.escalations", esc_cols, esc_form, "ws.open_escalations.none");
    static const char *const step_cols[] = {"step",        "trigger_text",    "our_person_id",
                                            "position_id", "days_to_respond", NULL};
    ws_block(p, "escalation_step", "ws.escalation_path", step_cols, step_cols,
             "ws.escalation_path.empty");
    static const char *const agr_cols[] = {"title", "kind", "start_on", "end_on", NULL};
    static const char *const agr_form[] = {"title", "kind", "start_on", "end_on", "terms", NULL};
    ws_block(p, "agreement", "ws.agreements", agr_cols, agr_form, "ws.agreements.empty");
}
