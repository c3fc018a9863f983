#!/usr/bin/env bash
# Runs the randomised test classes (hostile inputs, mutants, properties) again and again, each run in fresh JVMs,
# and says whether every run did the same (docs/robustness.md#determinism): a test that can pass or fail by chance
# is a defect.
#   scripts/determinism.sh RUNS [SEED...]      (default seed 20261205)
#   e.g. scripts/determinism.sh 20; scripts/determinism.sh 3 1 2 3; MODULES="sdk-core sdk-text" scripts/determinism.sh 5
#   FIRST=6 numbers the runs from 6 (adds to earlier ones); NO_BUILD=1 skips the compile step (done by an earlier run).
# Compiles once (mvn test-compile, and each module's test classpath), then per seed and run starts one JVM per
# module with the JUnit launcher (scripts/DeterminismRun.java; no Maven per run), at nice 19, with the system
# properties and heap surefire gives (verifier-cli's robustness suite: 256 MB). Results in target/determinism/SEED/:
# MODULE-RUN.txt (sorted "OUTCOME test-id" lines) and MODULE-RUN.log (its output: the seed, the samples' SHA-256).
# The summary gives, per seed and module, the runs, the failures, and how many distinct outcome lists and distinct
# sets of printed digests the runs gave (1 and 1: every run the same).
set -euo pipefail
runs=${1:?runs}; shift
seeds=("${@:-20261205}")
cd "$(dirname "$0")/.."
root=$(pwd)
modules=(${MODULES:-sdk-core sdk-image sdk-text sdk-video verifier-cli})
declare -A classes=(
  [sdk-core]="dev.aigcmark.core.internal.c2pa.HostileStoreTest dev.aigcmark.core.internal.xmp.XmpHostileTest
    dev.aigcmark.core.label.LabelJsonTest dev.aigcmark.core.label.LabelRulesTest dev.aigcmark.core.label.ProviderCodeTest
    dev.aigcmark.core.internal.securitydata.SecurityDataMalformedTest dev.aigcmark.core.internal.securitydata.SecurityDataTest
    dev.aigcmark.core.internal.watermark.PayloadCodeTest dev.aigcmark.core.internal.xmp.XmpUpdatePropertiesTest"
  [sdk-image]="dev.aigcmark.image.internal.format.ContainerFuzzTest dev.aigcmark.image.internal.format.HostileInputTest
    dev.aigcmark.image.producers.ProducerImagesFuzzTest dev.aigcmark.image.internal.watermark.PreparedWatermarkTest"
  [sdk-text]="dev.aigcmark.text.internal.HostileInputPropertyTest dev.aigcmark.text.internal.mark.TextMarksPropertyTest"
  [sdk-video]="dev.aigcmark.video.internal.audio.format.AudioFormatRobustnessTest dev.aigcmark.video.internal.demux.HostileVectorsTest
    dev.aigcmark.video.internal.demux.MatroskaDemuxerHostileTest dev.aigcmark.video.internal.demux.Mp4DemuxerHostileTest
    dev.aigcmark.video.internal.format.Mp4HostileInputTest dev.aigcmark.video.producers.ProducerVideosFuzzTest"
  [verifier-cli]="dev.aigcmark.cli.robustness.CrossFormatHostileInputTest"
)
declare -A heap=([verifier-cli]=-Xmx256m)

pl=$(IFS=,; echo "${modules[*]}")
if [ -z "${NO_BUILD:-}" ]; then
  nice -n 19 mvn -B -o -q test-compile dependency:build-classpath -pl "$pl" -am -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/determinism-classpath.txt
fi
first=${FIRST:-1}
out=target/determinism
for seed in "${seeds[@]}"; do
  mkdir -p "$out/$seed"
  for run in $(seq "$first" $((first + runs - 1))); do
    for m in "${modules[@]}"; do
      cp=$root/$m/target/test-classes:$root/$m/target/classes:$(cat "$m/target/determinism-classpath.txt")
      engine=$(tr : '\n' <<<"$cp" | grep -m1 'junit-platform-engine-')
      version=$(basename "$(dirname "$engine")")
      launcher=${engine%/junit-platform-engine/*}/junit-platform-launcher/$version/junit-platform-launcher-$version.jar
      [ -f "$launcher" ] || { echo "missing $launcher (any mvn test fetches it)" >&2; exit 2; }
      db=$(mktemp -d)
      (cd "$m" && nice -n 19 java "${heap[$m]:--Xmx2g}" -Daigc.test.seed="$seed" -Daigc.shared.dir="$root/../shared" \
          -Djava.awt.headless=true -Dorg.bytedeco.javacpp.cachedir="$root/target/javacpp-cache" \
          -Djqwik.database="$db/jqwik-database" -Djqwik.failures.runfirst=false -Djqwik.failures.after.default=RANDOM_SEED \
          -cp "$cp:$launcher" "$root/scripts/DeterminismRun.java" \
          "$root/$out/$seed/$m-$run.txt" ${classes[$m]}) >"$out/$seed/$m-$run.log" 2>&1 || true
      rm -rf "$db"
      echo "seed $seed run $run $m: $(tail -1 "$out/$seed/$m-$run.log")"
    done
  done
done
echo "summary (seed module: runs, runs with a failure, distinct outcome lists, distinct digest sets):"
for seed in "${seeds[@]}"; do
  for m in "${modules[@]}"; do
    n=$(ls "$out/$seed/$m"-*.txt 2>/dev/null | wc -l)
    failing=$(grep -L "^determinism run: .* 0 not successful" "$out/$seed/$m"-*.log | wc -l)
    lists=$(for f in "$out/$seed/$m"-*.txt; do sha256sum <"$f"; done | sort -u | wc -l)
    digests=$(for f in "$out/$seed/$m"-*.log; do grep -iE "sha256|seed" "$f" | sort | sha256sum; done | sort -u | wc -l)
    echo "$seed $m: $n runs, $failing failing, $lists outcome lists, $digests digest sets"
  done
done
