/* Entry points of the commands listed in main.c's command table. */
#ifndef KAM_COMMANDS_H
#define KAM_COMMANDS_H

#include "cli.h"
#include "../svc/entity.h"

int cmd_init(Cli *cli, int argc, char **argv);
int cmd_db(Cli *cli, int argc, char **argv);
int cmd_db_copy(Cli *cli, int argc, char **argv); /* kam db copy --from --to */
int cmd_backup(Cli *cli, int argc, char **argv);
int cmd_restore(Cli *cli, int argc, char **argv);
int cmd_user(Cli *cli, int argc, char **argv);
/* Each in its own file: cmd_demo.c, cmd_io.c (import, export), cmd_kpi.c,
 * cmd_people.c (contact, team), cmd_portfolio.c (portfolio, analyse),
 * web/cmd_serve.c. */
int cmd_demo(Cli *cli, int argc, char **argv);
int cmd_import(Cli *cli, int argc, char **argv);
int cmd_export(Cli *cli, int argc, char **argv);
int cmd_kpi(Cli *cli, int argc, char **argv);
int cmd_contact(Cli *cli, int argc, char **argv);
int cmd_team(Cli *cli, int argc, char **argv);
int cmd_portfolio(Cli *cli, int argc, char **argv);
int cmd_dashboard(Cli *cli, int argc, char **argv); /* cmd_dashboard.c */
int cmd_workspace(Cli *cli, int argc, char **argv); /* cmd_workspace.c */
int cmd_plan(Cli *cli, int argc, char **argv);      /* cmd_workspace.c */
int cmd_analyse(Cli *cli, int argc, char **argv);
int cmd_assess(Cli *cli, int argc, char **argv); /* cmd_assess.c: kam assess ... */
int cmd_report(Cli *cli, int argc, char **argv); /* cmd_report.c: kam report programme|account */
int cmd_serve(Cli *cli, int argc, char **argv);
int cmd_token(Cli *cli, int argc, char **argv); /* cmd_token.c */
int cmd_audit(Cli *cli, int argc, char **argv); /* cmd_token.c */
/* `kam ENTITY add|list|show|edit|rm …` for any entity of the model. */
int cmd_entity(Cli *cli, const EntityDef *def, int argc, char **argv);

#endif
