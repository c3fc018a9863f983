#!/usr/bin/env bash
# Regenerates the API reports api/<module>.api from the compiled SDK modules (dev.aigcmark.testing.ApiReport).
# Run it after a deliberate change to a public or protected type or member of an exported package, or to a
# module-info, and commit the reports with the change: each module's ApiReportTest fails in `mvn verify` while the
# committed report differs from the code. Extra arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
mvn -B -q verify -pl sdk-core,sdk-image,sdk-video,sdk-video-ffmpeg,sdk-text -Dtest=ApiReportTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Daigc.api.update=true -Dlicense.skip=true "$@"
git --no-pager diff --stat -- api || true
