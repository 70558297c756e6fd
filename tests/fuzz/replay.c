/* Replays a fuzz target's committed corpus (tests/fuzz/corpus/NAME, set at
 * build time as FUZZ_CORPUS) through LLVMFuzzerTestOneInput, so the normal
 * test run — and the sanitizer build — check every input that is in it.
 * Prints TAP: one line per target. A property that fails aborts, which the
 * test runner counts as a failure. Arguments, when given, are files to
 * replay instead (to reproduce a crash). */
#include "fuzz.h"

#include <dirent.h>
#include <string.h>

#define REPLAY_MAX_INPUT (4 * 1024 * 1024)

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    uint8_t *buf = malloc(REPLAY_MAX_INPUT);
    size_t n = buf ? fread(buf, 1, REPLAY_MAX_INPUT, f) : 0;
    fclose(f);
    if (!buf) return -1;
    /* a copy of exactly n bytes, so ASan sees a read past the input */
    uint8_t *exact = malloc(n ? n : 1);
    memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

int main(int argc, char **argv)
{
    int count = 0, bad = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++) bad |= replay_file(argv[i]) != 0, count++;
    } else {
        DIR *d = opendir(FUZZ_CORPUS);
        if (!d) {
            printf("not ok 1 - %s: no corpus at %s\n", FUZZ_NAME, FUZZ_CORPUS);
            return 1;
        }
        struct dirent *e;
        char path[4096];
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            snprintf(path, sizeof path, "%s/%s", FUZZ_CORPUS, e->d_name);
            bad |= replay_file(path) != 0;
            count++;
        }
        closedir(d);
    }
    printf("%s 1 - %s: %d corpus inputs replayed, every property held\n",
           bad || !count ? "not ok" : "ok", FUZZ_NAME, count);
    printf("1..1\n");
    return bad || !count;
}
