#!/usr/bin/env bash
# Installs what the tests use on a fresh Debian 12 machine with a JDK 17: Debian packages for the
# real services (Docker engine, OCI registry, Prometheus, a static busybox for test images) and a
# Python virtualenv with scikit-learn for the sample projects. Idempotent; quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

packages=(docker.io docker-registry prometheus busybox-static file git shellcheck)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv=.ci/cache/venv
if ! "$venv/bin/python" -c "import sklearn, scipy, numpy, pandas, pyarrow, pytrec_eval" >/dev/null 2>&1; then
  echo "setup: creating the Python virtualenv $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/requirements-test.txt
fi
# MLflow tracking server for the MLflow backend's tests (a real server, started by the test fixture
# io.mlopsci.core.testing.MlflowServer). Its own virtualenv: MLflow pins many packages. The [auth]
# extra adds MLflow's basic-auth app, which the tests use too. Keep the version in step with
# MlflowServer.VERSION and docs/mlflow.md.
mlflow_version=3.17.2
mlflow_venv=.ci/cache/mlflow-venv
if ! "$mlflow_venv/bin/python" -c "import importlib.metadata as m, flask_wtf
assert m.version('mlflow') == '$mlflow_version'" >/dev/null 2>&1; then
  echo "setup: installing MLflow $mlflow_version into $mlflow_venv (a few minutes the first time)" >&2
  python3 -m venv "$mlflow_venv"
  "$mlflow_venv/bin/pip" install -q --disable-pip-version-check "mlflow[auth]==$mlflow_version"
fi

# package/deploy tests (issue 7): the authenticated-registry fixture makes a self-signed certificate
# with openssl and bcrypt htpasswd entries with Debian's python3 (crypt); docker.io, docker-registry,
# prometheus and busybox-static are installed above.
deploy_packages=(openssl python3)
deploy_missing=()
for p in "${deploy_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || deploy_missing+=("$p")
done
if [ ${#deploy_missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${deploy_missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${deploy_missing[@]}" >/dev/null
fi

# Apache Spark for the Spark engine's tests (spark-engine/, issue 14): pyspark from PyPI ships
# Spark's jars and bin/spark-submit; the test fixture io.mlopsci.core.testing.SparkConnectServer
# starts a Spark Connect server in local mode from it (SPARK_HOME = the package directory). Its own
# virtualenv: pyspark is a 455 MB source distribution. Keep the version in step with spark.version
# in the root pom.xml.
spark_version=4.1.0
spark_venv=.ci/cache/spark-venv
if ! "$spark_venv/bin/python" -c "import importlib.metadata as m, pyspark, os
assert m.version('pyspark') == '$spark_version'
assert os.path.isfile(os.path.join(os.path.dirname(pyspark.__file__), 'jars', 'spark-connect_2.13-$spark_version.jar'))" >/dev/null 2>&1; then
  echo "setup: installing pyspark $spark_version into $spark_venv (about 30 s the first time)" >&2
  python3 -m venv "$spark_venv"
  "$spark_venv/bin/pip" install -q --disable-pip-version-check "pyspark==$spark_version"
fi
echo "setup: done" >&2

# --- GitHub Action (github-action/): actionlint for action.yml and .github/workflows/, from the Go
# module proxy, pinned. Used by scripts/lint-actions.sh (run by scripts/test.sh).
actionlint_version=v1.7.7
if command -v go >/dev/null 2>&1 && ! "$(go env GOPATH)/bin/actionlint" -version 2>/dev/null | grep -q "${actionlint_version#v}"; then
  echo "setup: installing actionlint $actionlint_version" >&2
  go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version"
fi

# --- nektos/act (an independent GitHub Actions runner) for github-action's ActWorkflowsIT, from the
# Go module proxy, pinned (Act.VERSION in the test must match). The test makes act's job image from
# Debian's packages with `apt-get download`, which needs apt's package lists.
act_version=v0.2.89
if command -v go >/dev/null 2>&1 && [ "$("$(go env GOPATH)/bin/act" --version 2>/dev/null)" != "act version ${act_version#v}" ]; then
  echo "setup: installing act $act_version" >&2
  go install "github.com/nektos/act@$act_version"
fi
if ! apt-get download --print-uris -qq bash 2>/dev/null | grep -q "bash_"; then
  echo "setup: fetching apt's package lists (act's job image is made from Debian's packages)" >&2
  $sudo apt-get update -qq
fi
