#!/usr/bin/env bash
# Runs the benchmark suite: every cost beside a baseline measured in the same run, as a Markdown table
# (benchmarks/target/bench/results.md) and a plot of watermark cost per frame (cost-per-frame.png).
#   benchmarks/run.sh [--quick | --full] [--only REGEX] [--readme README.md]     (also: ./aigc bench ...)
# --quick (default): every case in one JVM, 1 MP images only: under a minute of CPU, 2.1 min wall at load 12 on 2 cores;
# --full: a forked JVM per case; --readme README.md writes the table into the README. Made inputs stay in benchmarks/target/bench-inputs.
# The JVM runs at nice 10 so a shared machine's other work is not starved; note its load beside the figures.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find . \( -name .git -o -name target -o -name node_modules \) -prune -o -type f \
      \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit)" ]; then
  echo "bench: building the benchmarks jar..." >&2
  mvn -B -q -DskipTests package -pl benchmarks -am >&2
fi
exec nice -n 10 java -cp "$jar" dev.aigcmark.bench.suite.Suite "$@"
