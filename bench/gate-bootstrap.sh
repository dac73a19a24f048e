#!/usr/bin/env bash
# The gate's paired bootstrap: wall time of `mlops evaluate-gate` deciding roc_auc and accuracy
# change rules by 1,000 paired resamples over ROWS paired rows (default 100,000), candidate against
# a champion already in the local registry. Generates the pair (bench/gate-bootstrap/Generate.java),
# registers the champion, ingests the candidate, then times the gate with farm-bench (median of RUNS
# runs) and prints the intervals, so a change of speed can be checked for a change of result.
# Target on a 2-core machine: under 1 s.
#   bench/gate-bootstrap.sh [ROWS] [RUNS]      (defaults 100000 and 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
runs="${2:-5}"
[ -f shared-core/target/mlops.jar ] || ./mvnw -q -B -ntp -DskipTests -pl shared-core -am package
jar=$PWD/shared-core/target/mlops.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java bench/gate-bootstrap/Generate.java "$work/pair" "$rows"
cp bench/gate-bootstrap/mlops.yaml "$work/"
mlops() { java -jar "$jar" "$@" --config "$work/mlops.yaml"; }

# The champion: ingested, gated (no baseline yet) and promoted on the main branch (the work
# directory is a git checkout of main, so no CI variables are needed).
git -C "$work" init -q -b main
cp "$work/pair/champion/"* "$work/"
mlops train -q
mlops evaluate-gate -q >/dev/null
# The candidate: ingested; the timed gate compares it with the champion and promotes nothing.
cp "$work/pair/candidate/"* "$work/"
mlops train -q

echo "gate bootstrap: $rows paired rows, roc_auc and accuracy change rules, 1,000 resamples ($(nproc) cores, $(java -version 2>&1 | head -1))"
gate=(evaluate-gate -q --config "$work/mlops.yaml" --set gate.promote.enabled=false)
time_it() {
  echo "== $*"
  if command -v farm-bench >/dev/null; then
    farm-bench -n "$runs" --timeout 600 -- "$@"
  else
    for _ in $(seq "$runs"); do /usr/bin/time -f "%e s wall, %U s user, %S s sys" "$@" >/dev/null; done
  fi
}
# bin/mlops: C1 only, AppCDS archive (as the Action's image runs the engine); then plain java -jar.
bin/mlops "${gate[@]}" >/dev/null
time_it bin/mlops "${gate[@]}"
time_it java -jar "$jar" "${gate[@]}"
bin/mlops "${gate[@]}" --json | java -cp "$jar" bench/gate-bootstrap/Intervals.java
echo "command: bench/gate-bootstrap.sh $rows $runs"
