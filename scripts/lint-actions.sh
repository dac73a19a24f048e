#!/usr/bin/env bash
# Lints .github/workflows/* and github-action/examples/* with actionlint (through `uses: ./` it also
# checks the inputs the workflows pass against action.yml) and the shell scripts with ShellCheck.
# scripts/setup.sh installs actionlint (Go module proxy) and ShellCheck (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(command -v actionlint || true)"
if [ -z "$bin" ] && [ -x "$(go env GOPATH 2>/dev/null)/bin/actionlint" ]; then bin="$(go env GOPATH)/bin/actionlint"; fi
if [ -z "$bin" ]; then echo "lint-actions: actionlint is not installed (scripts/setup.sh installs it)" >&2; exit 1; fi
# actionlint runs ShellCheck (Debian's, installed by scripts/setup.sh) on every `run:` block; the
# project's own shell scripts get the same check. No Python steps, so no pyflakes.
"$bin" -pyflakes= .github/workflows/*.yml
# The workflows the READMEs show users (github-action/examples/, run under act by ActWorkflowsIT).
"$bin" -pyflakes= github-action/examples/*.yml
shellcheck bin/mlops scripts/*.sh bench/*.sh bench/validate-data/run.sh github-action/bench/*.sh \
  jenkins-plugin/offline/*.sh .ci/run
echo "lint-actions: action.yml, $(find .github/workflows github-action/examples -name '*.yml' | wc -l) workflows and the shell scripts are clean"
