#!/usr/bin/env bash
# Regenerates NOTICE from the distribution's dependency tree (distribution/src/license/notice.ftl) and copies
# it to the repository root. Run it after adding, removing or upgrading a dependency the CLI ships; CI fails
# while the committed NOTICE differs from what the tree gives.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
mvn -B -q -DskipTests -Dmaven.antrun.skip=true verify -pl distribution -am
cp distribution/target/NOTICE NOTICE
git --no-pager diff --stat -- NOTICE || true
