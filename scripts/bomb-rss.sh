#!/usr/bin/env bash
# Peak memory and time of `aigc verify` on every bomb (pixel, zip, entity expansion, deep nesting, decompression
# bombs in PDF and PNG) with the default limits. Prints a Markdown table; docs/robustness.md records its output.
# Needs a JDK and GNU time (/usr/bin/time, Debian package `time`). Usage: scripts/bomb-rss.sh [WORKDIR]
# (AIGC_JAR=path measures that jar instead of building ./aigc's)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work/bombs"
[ -x /usr/bin/time ] || { echo "bomb-rss: needs GNU time (apt-get install time)" >&2; exit 2; }

jar="${AIGC_JAR:-$root/verifier-cli/target/aigc.jar}"   # AIGC_JAR: measure another build of the CLI
[ -n "${AIGC_JAR:-}" ] || "$root/aigc" --version >/dev/null   # builds the CLI jar when needed
# each bomb's name and the code (or UNREADABLE, the state) its report must carry, one a line
java "$root/verifier-cli/src/test/java/dev/aigcmark/cli/robustness/Bombs.java" "$work/bombs" >"$work/expected.txt"

echo "| file | size | exit | wall s | CPU s | peak RSS MB | status codes | expected |"
echo "|---|---:|---:|---:|---:|---:|---|---|"
worst=0
wrong=0
for f in "$work"/bombs/*; do
  name="$(basename "$f")"
  want="$(awk -v n="$name" '$1 == n { print $2 }' "$work/expected.txt")"
  set +e
  /usr/bin/time -v -o "$work/time.txt" java -jar "$jar" verify --json "$f" >"$work/out.json" 2>"$work/err.txt"
  code=$?
  set -e
  rss_kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")"
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" \
    | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')"
  cpu="$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.1f", t }' "$work/time.txt")"
  # no asset.* code (a bomb read to the end, NONE) is a row too, not the end of the script (set -e, pipefail)
  codes="$(grep -o '"code" *: *"asset\.[A-Za-z.]*"' "$work/out.json" | sed 's/.*"\(asset[^"]*\)"/\1/' | sort -u | paste -sd, - || true)"
  size="$(stat -c %s "$f")"
  if [ "$code" -eq 4 ] && grep -q "\"$want\"" "$work/out.json"; then got="$want: yes"; else got="$want: **no**"; wrong=1; fi
  printf '| %s | %s | %s | %.1f | %s | %d | %s | %s |\n' "$name" "$size" "$code" "$wall" "$cpu" $((rss_kb / 1024)) \
    "${codes:--}" "$got"
  [ "$rss_kb" -gt "$worst" ] && worst="$rss_kb"
  if [ "$code" -ne 3 ] && [ "$code" -ne 4 ]; then
    echo "bomb-rss: $name exited $code (expected 3 or 4):" >&2
    head -5 "$work/err.txt" >&2
  fi
done
echo
echo "worst peak RSS: $((worst / 1024)) MB ($(java -version 2>&1 | head -1), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
[ "$wrong" -eq 0 ] || { echo "bomb-rss: a bomb did not end as expected (exit 4 with its code): see the last column" >&2; exit 1; }
