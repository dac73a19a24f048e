#!/usr/bin/env bash
# The test command: installs everything the tests need (scripts/setup.sh), then runs the whole
# build with every test, real services included. Tests that need a service fail here instead of
# being skipped (MLOPS_REQUIRE_ALL=1). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

export MLOPS_REQUIRE_ALL=1
export MLOPS_PYTHON="$PWD/.ci/cache/venv/bin/python"

stop_services() {
  # The test fixtures start shared daemons once per machine; stop them with the build.
  local pidfile=/tmp/mlops-test-docker/dockerd.pid
  if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
}
trap stop_services EXIT

# The action's metadata and this repository's workflows (github-action/).
scripts/lint-actions.sh

./mvnw -B -ntp verify "$@"
