/* STUB: being written. */
#include "commands.h"

int cmd_kpi(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "kpi is not built yet");
    return cli_fail(cli);
}

