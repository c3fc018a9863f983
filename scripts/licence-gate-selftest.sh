#!/usr/bin/env bash
# Shows that the licence gate (license-maven-plugin, configured in the root pom.xml) fails the build on a
# dependency that declares no licence, and on one whose licence is not on the allow-list. It builds a
# throw-away two-module project in a temporary folder: `dep` (groupId org.example, licence as given) and `app`
# (inheriting our parent POM, so our gate configuration, and depending on `dep`; both POM-only, so no plugin
# beyond the gate's runs). Nothing is installed.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

attempt() {   # $1: case name, $2: the <licenses> element of dep (may be empty), $3: text the failure must show
  local dir="$work/$1"
  mkdir -p "$dir/dep" "$dir/app"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId><artifactId>gate-$1</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>dep</module><module>app</module></modules></project>
POM
  cat > "$dir/dep/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId><artifactId>dep-$1</artifactId><version>1</version><packaging>pom</packaging>$2
</project>
POM
  cat > "$dir/app/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <parent><groupId>dev.aigcmark</groupId><artifactId>aigc-mark-parent</artifactId><version>$version</version>
    <relativePath>$(realpath --relative-to="$dir/app" "$root/pom.xml")</relativePath></parent>
  <artifactId>app-$1</artifactId>
  <dependencies><dependency><groupId>org.example</groupId><artifactId>dep-$1</artifactId><version>1</version><type>pom</type></dependency></dependencies>
</project>
POM
  if (cd "$dir" && mvn -B -DskipTests "${@:4}" verify) > "$dir/log" 2>&1; then
    tail -n 20 "$dir/log"; echo "FAIL: the gate let a dependency with $1 through"; exit 1
  fi
  if ! grep -q "$3" "$dir/log"; then
    tail -n 30 "$dir/log"; echo "FAIL: the build failed for $1, but not at the licence gate"; exit 1
  fi
  echo "== licence gate refuses a dependency with $1: $(grep -m1 -o "$3.*" "$dir/log" | cut -c1-120)"
}

attempt no-licence "" "no license" "$@"
attempt unlisted-licence "<licenses><license><name>Proprietary, all rights reserved</name></license></licenses>" \
  "forbidden license" "$@"
