/* STUB: being written. */
#include "commands.h"

int cmd_portfolio(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "portfolio is not built yet");
    return cli_fail(cli);
}

int cmd_analyse(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "analyse is not built yet");
    return cli_fail(cli);
}

