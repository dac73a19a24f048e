#!/usr/bin/env bash
# Start-up benchmark of the mlops CLI: wall time of `mlops --version` and of `mlops evaluate-gate`
# on a small, already-trained result (bench/startup/sample: 200 predictions, 3 metrics, 2 slices),
# each with and without the AppCDS archive that bin/mlops keeps. Targets on a 2-core machine:
# --version under 0.3 s, evaluate-gate under 0.5 s. Prints the median of N runs and the command.
#   bench/startup.sh [RUNS]      (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
[ -f shared-core/target/mlops.jar ] || ./mvnw -q -B -ntp -DskipTests package
jar=shared-core/target/mlops.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r bench/startup/sample/. "$work/"
java -jar "$jar" train -q --config "$work/mlops.yaml"

median() {  # prints the median wall time in seconds of running "$@" $runs times
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1000}'
}

# Build the archive once (bin/mlops does the same on its first run after a build).
rm -f "${jar%.jar}.jsa"
bin/mlops evaluate-gate -q --config "$work/mlops.yaml" >/dev/null

echo "mlops start-up, median of $runs runs ($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '%-58s %8s\n' "command" "seconds"
printf '%-58s %8s\n' "java -jar mlops.jar --version" "$(median java -jar "$jar" --version)"
printf '%-58s %8s\n' "bin/mlops --version (AppCDS)" "$(median bin/mlops --version)"
printf '%-58s %8s\n' "java -jar mlops.jar evaluate-gate (small result)" "$(median java -jar "$jar" evaluate-gate -q --config "$work/mlops.yaml")"
printf '%-58s %8s\n' "bin/mlops evaluate-gate (small result, AppCDS)" "$(median bin/mlops evaluate-gate -q --config "$work/mlops.yaml")"
echo "command: bench/startup.sh $runs"
