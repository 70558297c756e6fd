/* STUB: being written. */
#include "commands.h"

int cmd_contact(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "contact is not built yet");
    return cli_fail(cli);
}

int cmd_team(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "team is not built yet");
    return cli_fail(cli);
}

