#!/usr/bin/env bash
# Fuzzes one Jazzer harness for real (docs/fuzzing.md), at low priority:
#   scripts/fuzz.sh <module> <Class#method> [seconds, default 600]
#   e.g. scripts/fuzz.sh sdk-core 'CoreParsersFuzzTest#bmffBoxes' 600
# Crashes land in the harness's src/test/resources/.../<Class>Inputs/<method>/ folder (crash-<sha1>) and so
# become regression inputs; the generated corpus goes to <module>/.cifuzz-corpus/ (ignored by git).
# The log (libFuzzer's "#N ... exec/s" lines and "Done N runs in S second(s)") goes to target/fuzz-<method>.log.
set -euo pipefail
module=${1:?module}; target=${2:?Class#method}; seconds=${3:-600}
cd "$(dirname "$0")/.."
log="$module/target/fuzz-${target#*#}.log"
mkdir -p "$module/target"
# -Dfuzzing=true skips every other surefire execution, so the harness is fuzzed once. libFuzzer takes the last
# -max_total_time it is given: the one passed here wins over the annotation's maxDuration.
JAZZER_FUZZ=1 nice -n 19 mvn -B -o test -pl "$module" -am -Dfuzzing=true -Dtest="$target" \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" 2>&1 | tee "$log" \
    | grep -E "Done [0-9]+ runs|Tests run:|FuzzTestFinding|BUILD|== Java Exception" || true
grep -E "^#[0-9]+" "$log" | tail -1 || true
