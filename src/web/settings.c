#include "settings.h"

#include "../core/text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef enum SetType { ST_INT, ST_STR, ST_BOOL } SetType;

typedef struct SettingDef {
    const char *name; /* flag --name, INI key name, variable KAM_NAME (upper, '-' → '_') */
    SetType type;
    size_t offset;
    size_t size; /* ST_STR: buffer size */
    const char *dflt;
    int64_t min, max;
    const char *help;
} SettingDef;

#define S_INT(n, field, d, lo, hi, h) {n, ST_INT, offsetof(Settings, field), 0, d, lo, hi, h}
#define S_STR(n, field, d, h) {n, ST_STR, offsetof(Settings, field), sizeof(((Settings *)0)->field), d, 0, 0, h}
#define S_BOOL(n, field, d, h) {n, ST_BOOL, offsetof(Settings, field), 0, d, 0, 1, h}

static const SettingDef kSettings[] = {
    S_STR("listen", listen, "127.0.0.1:8080", "address and port to listen on (IPv4)"),
    S_STR("db", db, "", "database: a SQLite file or postgres://USER@HOST/DB (default: kam --db, else ./kam.db)"),
    S_INT("threads", threads, "0", 0, 256, "worker threads (0 = one per core)"),
    S_INT("conn-timeout", conn_timeout_s, "30", 1, 3600, "seconds an idle connection is kept open"),
    S_INT("max-connections", max_connections, "512", 1, 100000, "open connections in all"),
    S_INT("max-conn-per-ip", max_conn_per_ip, "64", 1, 100000, "open connections from one address"),
    S_INT("max-header-bytes", max_header_bytes, "32768", 4096, 1048576, "request line and headers, bytes"),
    S_INT("max-body-bytes", max_body_bytes, "10485760", 1024, 1073741824, "request body, bytes (larger: 413)"),
    S_INT("max-requests-per-conn", max_requests_per_conn, "1000", 1, 1000000, "requests on one keep-alive connection"),
    S_INT("session-idle", session_idle_s, "28800", 60, 2592000, "seconds without a request before a session ends"),
    S_INT("session-absolute", session_absolute_s, "604800", 300, 31536000, "seconds after sign-in a session ends"),
    S_INT("shutdown-grace", shutdown_grace_s, "10", 0, 600, "seconds to finish requests in flight on SIGTERM"),
    S_INT("db-pool", db_pool, "8", 1, 1000, "PostgreSQL connections per process (a request waits up to 10 s for one)"),
    S_INT("page-cache-mb", page_cache_mb, "16", 0, 4096,
          "memory for rendered GET pages kept until the data changes, MiB (0 = no cache; SQLite only)"),
    S_BOOL("access-log", access_log, "1", "one JSON line per request on stderr (0 or 1)"),
    S_STR("trusted-proxy", trusted_proxy, "", "address of the reverse proxy whose X-Forwarded-* headers are believed"),
};
#define NSETTINGS (sizeof kSettings / sizeof kSettings[0])

static void env_name(const SettingDef *d, char *out, size_t n)
{
    size_t j = 0;
    j += (size_t)snprintf(out, n, "KAM_");
    for (const char *p = d->name; *p && j + 1 < n; p++)
        out[j++] = *p == '-' ? '_' : (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    out[j] = 0;
}

static const SettingDef *setting_find(const char *name, size_t len)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strlen(kSettings[i].name) == len && strncmp(kSettings[i].name, name, len) == 0) return &kSettings[i];
    return NULL;
}

/* Store value into the setting, checking type and bounds; source names
 * where the value came from, for the message. */
static ErrCode setting_apply(Settings *s, const SettingDef *d, const char *value, const char *source, Err *err)
{
    char *field = (char *)s + d->offset;
    int64_t v;
    switch (d->type) {
    case ST_STR:
        if (strlen(value) >= d->size)
            return err_set(err, KAM_EINPUT, "%s: %s is too long (at most %zu characters)", source, d->name, d->size - 1);
        memcpy(field, value, strlen(value) + 1);
        return KAM_OK;
    case ST_BOOL:
        if (str_eq(value, "1") || str_ieq(value, "true") || str_ieq(value, "yes") || str_ieq(value, "on")) v = 1;
        else if (str_eq(value, "0") || str_ieq(value, "false") || str_ieq(value, "no") || str_ieq(value, "off")) v = 0;
        else return err_set(err, KAM_EINPUT, "%s: %s must be 0 or 1, not \"%s\"", source, d->name, value);
        *(bool *)field = v == 1;
        return KAM_OK;
    case ST_INT:
        if (!parse_int64(value, &v))
            return err_set(err, KAM_EINPUT, "%s: %s must be a whole number, not \"%s\"", source, d->name, value);
        if (v < d->min || v > d->max)
            return err_set(err, KAM_EINPUT, "%s: %s must be between %lld and %lld, not %lld", source, d->name,
                           (long long)d->min, (long long)d->max, (long long)v);
        *(int64_t *)field = v;
        return KAM_OK;
    }
    return KAM_OK;
}

/* A minimal INI reader: "key = value" lines, '#' or ';' comments, an optional
 * [serve] section; keys are the setting names. */
static ErrCode load_ini(Settings *s, const char *path, Err *err)
{
    FILE *f = fopen(path, "r");
    if (!f) return err_set(err, KAM_EINPUT, "cannot read the settings file %s", path);
    char line[2048], source[1200];
    int lineno = 0;
    ErrCode rc = KAM_OK;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        snprintf(source, sizeof source, "%s:%d", path, lineno);
        char *t = str_trim(line);
        if (!*t || *t == '#' || *t == ';' || *t == '[') continue;
        char *eq = strchr(t, '=');
        if (!eq) {
            rc = err_set(err, KAM_EINPUT, "%s: expected \"name = value\"", source);
            break;
        }
        *eq = 0;
        char *key = str_trim(t), *val = str_trim(eq + 1);
        const SettingDef *d = setting_find(key, strlen(key));
        if (!d) rc = err_set(err, KAM_EINPUT, "%s: unknown setting \"%s\" (see kam serve --help)", source, key);
        else rc = setting_apply(s, d, val, source, err);
    }
    fclose(f);
    return rc;
}

ErrCode settings_load(Settings *s, int argc, char **argv, Err *err)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < NSETTINGS; i++)
        if (setting_apply(s, &kSettings[i], kSettings[i].dflt, "default", err)) return err->code;

    const char *config = getenv("KAM_CONFIG");
    for (int i = 1; i < argc; i++)
        if (str_eq(argv[i], "--config") && i + 1 < argc) config = argv[i + 1];
        else if (str_starts(argv[i], "--config=")) config = argv[i] + 9;
    if (config && *config && load_ini(s, config, err)) return err->code;

    for (size_t i = 0; i < NSETTINGS; i++) {
        char name[64];
        env_name(&kSettings[i], name, sizeof name);
        const char *v = getenv(name);
        if (v && setting_apply(s, &kSettings[i], v, name, err)) return err->code;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!str_starts(a, "--")) return err_set(err, KAM_EUSAGE, "unexpected argument \"%s\"", a);
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const char *value = eq ? eq + 1 : NULL;
        if (len == 6 && strncmp(name, "config", 6) == 0) {
            if (!value) i++;
            continue;
        }
        const SettingDef *d = setting_find(name, len);
        if (!d) return err_set(err, KAM_EUSAGE, "unknown option \"%s\" (see kam serve --help)", a);
        if (!value) {
            if (i + 1 >= argc) return err_set(err, KAM_EUSAGE, "option --%s needs a value", d->name);
            value = argv[++i];
        }
        char source[80];
        snprintf(source, sizeof source, "--%s", d->name);
        if (setting_apply(s, d, value, source, err)) return err->code;
    }
    return KAM_OK;
}

void settings_help(FILE *out)
{
    fprintf(out, "Settings (flag, environment variable, or \"name = value\" in the --config FILE;\n"
                 "flags win over variables, variables over the file):\n\n");
    for (size_t i = 0; i < NSETTINGS; i++) {
        const SettingDef *d = &kSettings[i];
        char env[64];
        env_name(d, env, sizeof env);
        fprintf(out, "  --%-22s %-27s %s\n", d->name, env, d->help);
        if (d->type == ST_INT)
            fprintf(out, "  %-51s default %s, %lld..%lld\n", "", d->dflt, (long long)d->min, (long long)d->max);
        else fprintf(out, "  %-51s default \"%s\"\n", "", d->dflt);
    }
    fprintf(out, "  --%-22s %-27s %s\n", "config FILE", "KAM_CONFIG", "read settings from an INI file");
}
