#!/usr/bin/env bash
# `aigc verify --jsonl` over N files (default 1,000,000) in a JVM capped at a small heap (default 48 MB): the file
# list streams from standard input and each report is written as soon as it is ready, so memory does not grow
# with N. The list names one signed Markdown file N times (a million distinct small files would need gigabytes
# of inodes); each entry is still opened, parsed and verified on its own.
#   benchmarks/jsonl-memory.sh [N] [HEAP]      e.g. benchmarks/jsonl-memory.sh 200000 32m
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
n="${1:-1000000}"
heap="${2:-48m}"
[ -f verifier-cli/target/aigc.jar ] || mvn -B -q -DskipTests package
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '# Tides\n\nThe moon pulls the oceans toward it.\n' > "$work/note.md"
java -jar verifier-cli/target/aigc.jar mark --home "$work/home" "$work/note.md" -o "$work/marked.md" >/dev/null
start=$(date +%s)
yes "$work/marked.md" | head -n "$n" \
  | /usr/bin/time -f "%M KB max resident" java -Xmx"$heap" -XX:+ExitOnOutOfMemoryError \
      -jar verifier-cli/target/aigc.jar verify --jsonl --home "$work/home" - \
  | tail -n 1 | cut -c1-200
end=$(date +%s)
echo "$n files in $((end - start)) s with -Xmx$heap"
