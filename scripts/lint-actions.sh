#!/usr/bin/env bash
# Lints .github/workflows/* with actionlint; through `uses: ./` it also checks the inputs the
# workflows pass against action.yml. scripts/setup.sh installs actionlint (Go module proxy).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(command -v actionlint || true)"
if [ -z "$bin" ] && [ -x "$(go env GOPATH 2>/dev/null)/bin/actionlint" ]; then bin="$(go env GOPATH)/bin/actionlint"; fi
if [ -z "$bin" ]; then echo "lint-actions: actionlint is not installed (scripts/setup.sh installs it)" >&2; exit 1; fi
# shellcheck is not installed here; actionlint's own checks (syntax, expressions, inputs) still run.
"$bin" -shellcheck= -pyflakes= .github/workflows/*.yml
echo "lint-actions: action.yml and $(ls .github/workflows/*.yml | wc -l) workflows are clean"
