#!/usr/bin/env bash
# Package and canary benchmark on the JVM sample (test-repos/jvm-classifier, local target, bake
# 2 x 1 s): median wall time of `mlops package` (Jib, OCI layout), of a whole `mlops deploy-canary`
# of a second version next to the first (start two model servers, 50% -> 100% with smoke traffic,
# promote), and of `mlops rollback` undoing it; then what the router adds per request.
#   bench/deploy.sh [RUNS]      (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
[ -f shared-core/target/mlops.jar ] || ./mvnw -q -B -ntp -DskipTests package
jar=$PWD/shared-core/target/mlops.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r test-repos/jvm-classifier/. "$work/"
(cd "$work" && git init -q -b main && git add -A && git -c user.name=b -c user.email=b@b commit -qm bench)
mlops() { java -jar "$jar" "$@" -q --config "$work/mlops.yaml"; }

median() {  # median wall seconds of "$@" over $runs runs; $before runs first, untimed
  local times=()
  for _ in $(seq "$runs"); do
    [ -n "${before:-}" ] && eval "$before" >/dev/null 2>&1
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m/1000}'
}

mlops run >/dev/null 2>&1                                   # v1: trained, packaged, first deployment
mlops train --set train.params.epochs=250 >/dev/null 2>&1   # v2
mlops evaluate-gate --set train.params.epochs=250 >/dev/null 2>&1
v2=$(grep -o '"modelVersion" : "[0-9]*"' "$work/.mlops/out/evaluate-gate/result.json" | grep -o '[0-9]*')

echo "package and canary, median of $runs runs ($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '%-62s %8s\n' "command" "seconds"
printf '%-62s %8s\n' "mlops package (Jib, OCI layout, 3 model files)" "$(median mlops package --model-version "$v2")"
before="mlops rollback"
printf '%-62s %8s\n' "mlops deploy-canary v$v2 (2 steps x 1 s bake, 2 JVM servers)" \
  "$(median mlops deploy-canary --model-version "$v2")"
before="mlops deploy-canary --model-version $v2"
printf '%-62s %8s\n' "mlops rollback (undo that promotion)" "$(median mlops rollback)"
echo
java -cp "$jar" bench/deploy/RouterOverhead.java 2000
echo "command: bench/deploy.sh $runs"
