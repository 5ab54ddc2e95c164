#!/usr/bin/env bash
# Lints the OpenAPI document (server/openapi.json) with Redocly's CLI and
# the rules of tests/openapi/redocly.yaml; any problem fails (issue 17).
# @redocly/cli comes from npm, pinned exactly, installed here into the build
# directory when it is missing (Debian has no package), as the browser tests
# install axe-core. It runs offline once installed: telemetry and the update
# check are off.
#
# Usage: lint.sh SOURCE_DIR WORK_DIR
set -euo pipefail
src=$1
work=$2
redocly_version=1.25.15

mkdir -p "$work"
redocly="$work/npm/node_modules/.bin/redocly"
if [ ! -x "$redocly" ] || [ "$("$redocly" --version 2>/dev/null)" != "$redocly_version" ]; then
  npm install --no-save --no-audit --no-fund --silent --prefix "$work/npm" "@redocly/cli@$redocly_version"
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
"$redocly" lint --config "$src/tests/openapi/redocly.yaml" "$src/server/openapi.json"
