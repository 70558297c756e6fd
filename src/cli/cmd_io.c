/* STUB: being written. */
#include "commands.h"

int cmd_import(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "import is not built yet");
    return cli_fail(cli);
}

int cmd_export(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "export is not built yet");
    return cli_fail(cli);
}

