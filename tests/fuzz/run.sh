#!/bin/sh
# Run every libFuzzer target of a fuzz build (make fuzz) for SECONDS each,
# starting from the committed corpus (tests/fuzz/corpus/NAME). New inputs go
# to BUILD/fuzz-corpus/NAME, never into the repository: copy the interesting
# ones (and every crash) into tests/fuzz/corpus/NAME by hand, so the normal
# test run replays them from then on. A crash or failed property stops with
# the input saved as BUILD/fuzz-crash-NAME-*; exit status 1.
# usage: tests/fuzz/run.sh BUILD [SECONDS]
set -eu
build=$1
seconds=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
status=0
for f in "$build"/tests/fuzz/fuzz_*; do
    [ -f "$f" ] && [ -x "$f" ] || continue
    name=$(basename "$f" | sed 's/^fuzz_//')
    corpus="$build/fuzz-corpus/$name"
    mkdir -p "$corpus"
    cp "$root/tests/fuzz/corpus/$name"/* "$corpus"/ 2>/dev/null || true
    echo "== fuzz_$name for ${seconds}s"
    if "$f" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 \
        -artifact_prefix="$build/fuzz-crash-$name-" "$corpus" >"$build/fuzz-$name.log" 2>&1; then
        grep -E "stat::number_of_executed_units|cov:" "$build/fuzz-$name.log" | tail -n 2
    else
        status=1
        grep -E "property failed|ERROR|SUMMARY|Test unit written" "$build/fuzz-$name.log" | head -n 8
    fi
done
exit $status
