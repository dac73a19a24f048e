#!/usr/bin/env bash
# Benchmark: wall time of `mlops` steps on the JVM sample with the MLflow backend against a real,
# local MLflow server (from scripts/setup.sh's venv), next to the local registry. Prints each
# command and its time. Usage: scripts/bench-mlflow.sh [repetitions, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
mlflow=${MLOPS_MLFLOW:-$PWD/.ci/cache/mlflow-venv/bin/mlflow}
[ -x "$mlflow" ] || { echo "no MLflow at $mlflow: run scripts/setup.sh" >&2; exit 2; }
./mvnw -q -B -ntp -o -DskipTests package -pl shared-core
jar=$PWD/shared-core/target/mlops.jar
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false "$mlflow" server --host 127.0.0.1 --port "$port" --workers 1 \
  --backend-store-uri "sqlite:///$work/mlflow.db" --artifacts-destination "$work/artifacts" >"$work/server.log" 2>&1 &
server=$!
cleanup() { pkill -TERM -P "$server" 2>/dev/null || true; kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

timed() { # label, command...
  local label=$1; shift
  local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; exit 1; }; t1=$(date +%s%N)
  printf '%-44s %7.2f s   %s\n' "$label" "$(( (t1 - t0) / 1000000 ))e-3" "$*"
}
for backend in local mlflow; do
  for i in $(seq 1 "$reps"); do
    repo=$work/repo-$backend-$i
    cp -r test-repos/jvm-classifier "$repo"; rm -rf "$repo/.mlops"
    (cd "$repo" && git init -q -b main && git add -A && git -c user.name=b -c user.email=b@b commit -qm b)
    set_args=(--set "model=bench-$backend-$i")
    [ "$backend" = mlflow ] && set_args+=(--set "tracking.uri=http://127.0.0.1:$port")
    timed "$backend: run (train + gate, first)" java -jar "$jar" run --config "$repo/mlops.yaml" "${set_args[@]}"
    timed "$backend: run (cache hit + gate + re-score)" java -jar "$jar" run --config "$repo/mlops.yaml" "${set_args[@]}"
    timed "$backend: evaluate-gate (re-score cached)" java -jar "$jar" evaluate-gate --config "$repo/mlops.yaml" "${set_args[@]}"
  done
done
