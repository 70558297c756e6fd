/* Settings of `kam serve`: one typed table (settings.c) gives each setting
 * its name, environment variable, bounds, default and help. Values come, in
 * increasing priority, from the defaults, an INI file (--config FILE or
 * KAM_CONFIG), KAM_… environment variables and command-line flags. */
#ifndef KAM_SETTINGS_H
#define KAM_SETTINGS_H

#include "../core/err.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Settings {
    char listen[128];          /* address:port */
    char db[1024];             /* database target */
    int64_t threads;           /* worker threads; 0 = number of cores */
    int64_t conn_timeout_s;    /* idle connection timeout */
    int64_t max_connections;   /* total open connections */
    int64_t max_conn_per_ip;   /* open connections from one address */
    int64_t max_header_bytes;  /* request line + headers */
    int64_t max_body_bytes;    /* request body */
    int64_t max_requests_per_conn;
    int64_t session_idle_s;
    int64_t session_absolute_s;
    int64_t shutdown_grace_s;  /* SIGTERM: wait this long for requests in flight */
    int64_t db_pool;           /* PostgreSQL connections per process */
    int64_t page_cache_mb;     /* rendered-page cache limit, MiB; 0 = off */
    bool access_log;
    char trusted_proxy[64];    /* address whose X-Forwarded-For/-Proto is believed */
} Settings;

/* Fill s from defaults, file, environment and argv (argv[0] is "serve").
 * Unknown flags, unknown INI keys and out-of-range values are KAM_EUSAGE /
 * KAM_EINPUT errors naming the setting, its source and the allowed range. */
ErrCode settings_load(Settings *s, int argc, char **argv, Err *err);
/* Print the table (flag, variable, default, range, help) for --help. */
void settings_help(FILE *out);

#endif
