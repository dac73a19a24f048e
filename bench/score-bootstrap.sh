#!/usr/bin/env bash
# The gate's paired bootstrap: 100,000 examples x 1,000 resamples by default, per kind of metric
# (catalogue, score column mean / rate / p95, ranking NDCG@10 resampling whole queries). Target:
# under 1 s each on a 2-core machine. Prints the median of RUNS timed runs and the command.
#   bench/score-bootstrap.sh [N] [RESAMPLES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f shared-core/target/mlops.jar ] || ./mvnw -q -B -ntp -pl shared-core -am -DskipTests package
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp shared-core/target/mlops.jar bench/score-bootstrap/ScoreBootstrapBench.java "${1:-100000}" "${2:-1000}" "${3:-5}"
