/* TEMPORARY while src/web/i18n.c is being written: lets the rest build. */
#include "../cli/commands.h"
int cmd_serve(Cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    err_set(&cli->err, KAM_EUSAGE, "serve is not built yet");
    return cli_fail(cli);
}
