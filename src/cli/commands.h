/* Entry points of the commands listed in main.c's command table. */
#ifndef KAM_COMMANDS_H
#define KAM_COMMANDS_H

#include "cli.h"
#include "../svc/entity.h"

int cmd_init(Cli *cli, int argc, char **argv);
int cmd_db(Cli *cli, int argc, char **argv);
int cmd_backup(Cli *cli, int argc, char **argv);
int cmd_restore(Cli *cli, int argc, char **argv);
int cmd_user(Cli *cli, int argc, char **argv);
/* `kam ENTITY add|list|show|edit|rm …` for any entity of the model. */
int cmd_entity(Cli *cli, const EntityDef *def, int argc, char **argv);

#endif
