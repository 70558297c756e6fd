/* STUB: being written. */
#include "commands.h"

int cmd_demo(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "demo is not built yet");
    return cli_fail(cli);
}

