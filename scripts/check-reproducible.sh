#!/usr/bin/env bash
# Reproducible builds: builds this commit twice, from two clean clones in different folders, with the
# distribution and release profiles (every module's jar, sources and javadoc jars, the tarball with its jlink
# runtime and SBOM), and compares the SHA-256 of every artifact. Exit 1 and the differing files when any
# differs. Extra Maven options are passed on (e.g. -o, -Ddist.jdk=...). AIGC_DIST_OUT: see below.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The BOM repeats the parent's timestamp (it has no parent): a release must move both.
parent_ts="$(grep -o '<project.build.outputTimestamp>[^<]*' "$root/pom.xml" | head -1)"
bom_ts="$(grep -o '<project.build.outputTimestamp>[^<]*' "$root/aigc-bom/pom.xml" | head -1)"
[ "$parent_ts" = "$bom_ts" ] || { echo "FAIL: aigc-bom's outputTimestamp differs from the parent's"; exit 1; }

for n in 1 2; do
  git clone -q "$root" "$work/build-$n"
  echo "== build $n of $(git -C "$work/build-$n" rev-parse --short HEAD) in $work/build-$n"
  (cd "$work/build-$n" && mvn -B -q -Pdist,release -DskipTests "$@" package) >"$work/build-$n.log" 2>&1 \
    || { tail -n 40 "$work/build-$n.log"; echo "FAIL: build $n"; exit 1; }
  (cd "$work/build-$n" && find . -path ./.git -prune -o -path '*/target/*' -type f \
     \( -name '*.jar' -o -name '*.tar.gz' -o -name '*.cdx.json' -o -name '*-cyclonedx.json' -o -name 'aigc-sbom.json' \) -print \
     | grep -v '/target/surefire' | sort | xargs sha256sum) > "$work/sums-$n.txt"
done
count="$(wc -l < "$work/sums-1.txt")"
# AIGC_DIST_OUT=folder keeps the first build's tarball (CI smoke-tests it rather than building a third time).
if [ -n "${AIGC_DIST_OUT:-}" ]; then
  mkdir -p "$AIGC_DIST_OUT"
  cp "$work"/build-1/distribution/target/aigc-*-linux-x86_64.tar.gz "$AIGC_DIST_OUT/"
fi
if diff "$work/sums-1.txt" "$work/sums-2.txt" > "$work/diff.txt"; then
  echo "== reproducible: $count artifacts byte-identical across two clean builds"
else
  cat "$work/diff.txt"
  echo "FAIL: the two builds differ (above)"
  exit 1
fi
