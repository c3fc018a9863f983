#!/usr/bin/env bash
# Runs the randomised test classes (hostile inputs, mutants, properties) again and again, each run in fresh JVMs,
# and says whether every run did the same (docs/robustness.md#determinism): a test that can pass or fail by chance
# is a defect.
#   scripts/determinism.sh RUNS [SEED...]      (default seed 20261205; REPEATS=R: R repetitions in each JVM)
#   e.g. scripts/determinism.sh 20; scripts/determinism.sh 3 1 2 3; MODULES="sdk-core sdk-text" scripts/determinism.sh 5
#   FIRST=6 numbers the runs from 6 (adds to earlier ones); NO_BUILD=1 skips the compile step (done by an earlier run).
# Compiles once (mvn test-compile, and each module's test classpath), then per seed and run starts one JVM per
# module (the modules' JVMs side by side) with the JUnit launcher (scripts/DeterminismRun.java; no Maven per run),
# at nice 19, with the system properties and heap surefire gives (verifier-cli's robustness suite: 256 MB); each JVM
# runs its classes REPEATS times (default 1). Results in target/determinism/SEED/: MODULE-RUN.REP.txt (sorted
# "OUTCOME test-id" lines) and MODULE-RUN.log (its output: the seed, jqwik's seeds, the samples' SHA-256).
# The summary gives, per seed and module, the runs (JVMs x repetitions), the failures, and how many distinct
# outcome lists and distinct sets of printed digests they gave (1 and 1: every run the same).
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
      (db=$(mktemp -d); cd "$m" && nice -n 19 java "${heap[$m]:--Xmx2g}" -Daigc.test.seed="$seed" \
          -Daigc.shared.dir="$root/../shared" -Djava.awt.headless=true \
          -Dorg.bytedeco.javacpp.cachedir="$root/target/javacpp-cache" -Djqwik.database="$db/jqwik-database" \
          -Djqwik.failures.runfirst=false -Djqwik.failures.after.default=RANDOM_SEED \
          -cp "$cp:$launcher" "$root/scripts/DeterminismRun.java" "$root/$out/$seed/$m-$run" "${REPEATS:-1}" \
          ${classes[$m]} >"$root/$out/$seed/$m-$run.log" 2>&1; rm -rf "$db"
       echo "seed $seed run $run $m: $(grep -a '^determinism run:' "$root/$out/$seed/$m-$run.log")") &
    done
    wait
  done
done
echo "summary (seed module: runs = JVMs x repetitions, failing, distinct outcome lists, distinct digest sets):"
python3 - "$out" "${modules[@]}" -- "${seeds[@]}" <<'PY'
import glob, hashlib, os, re, sys
out, rest = sys.argv[1], sys.argv[2:]
modules, seeds = rest[:rest.index('--')], rest[rest.index('--') + 1:]
for seed in seeds:
    for m in modules:
        lists = [open(f).read() for f in sorted(glob.glob(f"{out}/{seed}/{m}-*.*.txt"))]
        failing = sum(1 for t in lists if any(not l.startswith(("SUCCESSFUL", "SKIPPED")) for l in t.splitlines()))
        digests = set()
        for log in glob.glob(f"{out}/{seed}/{m}-*.log"):
            chunks = re.split(r"^determinism repetition \d+$", open(log, errors="replace").read(), flags=re.M)
            for chunk in chunks[1:] or chunks:
                lines = sorted(l for l in chunk.splitlines() if re.search(r"sha256|seed", l, re.I)
                               and "aigc test seed:" not in l)
                digests.add(hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12])
        print(f"{seed} {m}: {len(lists)} runs, {failing} failing, "
              f"{len({hashlib.sha256(t.encode()).hexdigest() for t in lists})} outcome lists, "
              f"{len(digests)} digest sets {sorted(digests)}")
PY
