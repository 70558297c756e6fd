/* A fuzz target: libFuzzer calls LLVMFuzzerTestOneInput with generated
 * inputs (`make fuzz`); in the normal test run replay.c calls it with every
 * file of the target's committed corpus (tests/fuzz/corpus/NAME), so inputs
 * that once found a bug keep being checked on every build, sanitizers
 * included. A target checks properties, not just "no crash": FUZZ_CHECK
 * aborts with a message when one fails. */
#ifndef KAM_FUZZ_H
#define KAM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, what)                                                                     \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, what);             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
