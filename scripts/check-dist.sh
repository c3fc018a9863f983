#!/usr/bin/env bash
# Smoke test of the binary distribution: unpacks aigc-<version>-linux-x86_64.tar.gz into a temporary folder
# and runs it with a PATH that holds neither java nor mvn (only the few shell tools bin/aigc uses), as on a
# machine with no JDK and no Maven: --version, then the demo (marks and verifies every sample format).
# Also checks that the SBOM inside names every jar in lib/.
# Usage: scripts/check-dist.sh [tarball]   (default: distribution/target/aigc-*-linux-x86_64.tar.gz)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
tarball="${1:-$(ls distribution/target/aigc-*-linux-x86_64.tar.gz)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
home="$(echo "$work"/aigc-*)"

# A PATH with only what bin/aigc needs: proves no java or mvn from the machine is used.
mkdir -p "$work/path"
for tool in sh dirname readlink; do ln -s "$(command -v "$tool")" "$work/path/$tool"; done
run() { env -i PATH="$work/path" HOME="$work" AIGC_HOME="$work/aigc-home" TMPDIR="$work" "$home/bin/aigc" "$@"; }

echo "== $tarball ($(du -h "$tarball" | cut -f1)): aigc --version"
run --version | tee "$work/version.txt"
grep -q "^aigc [0-9]" "$work/version.txt"
grep -q "^commit [0-9a-f]\{12\}, built [0-9-]*T" "$work/version.txt" || { echo "FAIL: no commit/build date"; exit 1; }
echo "== aigc demo on the bundled runtime"
run demo > "$work/demo.txt"
tail -n 3 "$work/demo.txt"

echo "== SBOM names every jar in lib/"
sbom="$(echo "$home"/sbom/*.cdx.json)"
missing=0
for jar in "$home"/lib/*.jar; do
  name="$(basename "$jar" .jar)"
  # lib/<artifactId>-<version>[-<classifier>].jar against the SBOM's components (name, version, purl classifier)
  if ! python3 - "$sbom" "$name" <<'PY'
import json, sys
sbom, jar = sys.argv[1], sys.argv[2]
from urllib.parse import parse_qs, urlparse
names = set()
for c in json.load(open(sbom))["components"]:
    classifier = parse_qs(urlparse(c.get("purl", "")).query).get("classifier", [None])[0]
    names.add(c["name"] + "-" + c["version"] + ("-" + classifier if classifier else ""))
sys.exit(0 if jar in names else 1)
PY
  then echo "FAIL: $name.jar is not in the SBOM"; missing=1; fi
done
[ "$missing" -eq 0 ]
echo "== distribution OK: $(ls "$home"/lib | wc -l) jars, all in the SBOM"
