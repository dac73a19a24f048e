#!/usr/bin/env bash
# Benchmark of `mlops monitor` on one day of production records against `mlops validate-data` on
# the same rows: the issue asks that a day of 10M records x 20 features be checked in about the
# time validate-data takes on the same data (monitor uses the same scan design: one DuckDB pass per
# file for the summaries, the drift measures computed from them).
#
#   bench/monitor/run.sh [ROWS] [RUNS]        (default: 10000000 rows, 3 runs of each)
#
# The data are validate-data's benchmark files (bench/validate-data/make_data.py, Parquet): the
# reference file is the champion's training data; the drifted current file becomes a day of records
# (plus timestamp, model version, score and prediction; bench/monitor/make_records.py). A champion
# is registered first (train in ingest mode and a passing gate on main, local registry). Then each
# run times `validate-data` (reference vs current, data.schema's rules, drift of every column) and
# `monitor` for that day (drift of every feature against the reference, the same rules on live
# data, prediction drift, volume, freshness), alternately, and prints wall time and peak memory.
# Both exit 1: the current file drifts (c1 fails), which is what they should find.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-10000000}"
RUNS="${2:-3}"
ROOT="$PWD"
CACHE="$ROOT/.ci/cache"
DATA="$CACHE/bench-data/$ROWS-parquet"
WORK="$CACHE/bench-data/monitor-$ROWS"
JAR="${MLOPS_JAR:-$ROOT/shared-core/target/mlops.jar}"   # MLOPS_JAR: another build of the CLI
DAY="2026-01-05T00:00:00Z"
END="2026-01-06T00:00:00Z"

log() { echo "bench: $*" >&2; }

scripts/setup.sh
if [ ! -f "$JAR" ]; then
  log "building the CLI jar"
  ./mvnw -q -B -ntp -DskipTests package -pl contract,shared-core
fi
if [ ! -f "$DATA/current.parquet" ]; then
  log "generating $ROWS rows x 20 columns (validate-data's benchmark data) into $DATA"
  "$CACHE/venv/bin/python" bench/validate-data/make_data.py "$DATA" "$ROWS" parquet
fi
if [ ! -f "$WORK/records.parquet" ]; then
  log "writing a day of records into $WORK"
  "$CACHE/venv/bin/python" bench/monitor/make_records.py "$DATA" "$WORK" "$DAY"
fi
cat > "$WORK/mlops.yaml" <<YAML
model: bench
data:
  train: $DATA/reference.parquet
  eval: $DATA/current.parquet
  label: label
  schema: $DATA/schema.yaml
  drift: {method: psi, warn: 0.1, fail: 0.2, exclude: [id]}
train:
  metrics: metrics.json
  predictions: predictions.csv
gate:
  metrics:
    accuracy: {min: 0.0}
monitor:
  data: records.parquet
  window: 24h
  volume: {min_rows: 1}
  freshness: {max_age: 1h}
YAML

# A Jenkins-like environment on the main branch, so that the passing gate promotes the champion.
export JENKINS_URL=http://bench.invalid/ BRANCH_NAME=main GIT_COMMIT=0123456789abcdef0123456789abcdef01234567
cd "$WORK"
rm -rf .mlops
log "registering the champion (train in ingest mode, gate on main)"
java -jar "$JAR" train --config mlops.yaml -q > /dev/null
java -jar "$JAR" evaluate-gate --config mlops.yaml -q > /dev/null

timed() {  # name: runs the rest, appends "seconds peak_kb exit" to $WORK/<name>.times
  local name="$1"; shift
  local code=0
  /usr/bin/time -f "%e %M" -o "$WORK/$name.last" "$@" > /dev/null 2> "$WORK/$name.err" || code=$?
  # GNU time puts "Command exited with non-zero status N" before the figures when the exit is not 0.
  echo "$(tail -n 1 "$WORK/$name.last") $code" >> "$WORK/$name.times"
  log "$name: $(tail -n 1 "$WORK/$name.last") (s, peak KB), exit $code"
}
rm -f "$WORK"/*.times
for _ in $(seq 1 "$RUNS"); do
  timed validate-data java -jar "$JAR" validate-data --config mlops.yaml -q
  timed monitor java -jar "$JAR" monitor --config mlops.yaml --at "$END" -q
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo
echo "mlops monitor vs validate-data, $ROWS rows x 20 columns, $RUNS runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %10s %10s %10s %12s  %s\n' step median_s min_s max_s peak_MB exits
for name in validate-data monitor; do
  f="$WORK/$name.times"
  printf '%-14s %10s %10s %10s %12s  %s\n' "$name" \
    "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f1 "$f" | sort -n | head -1)" \
    "$(cut -d' ' -f1 "$f" | sort -n | tail -1)" "$(( $(cut -d' ' -f2 "$f" | sort -n | tail -1) / 1024 ))" \
    "$(cut -d' ' -f3 "$f" | tr '\n' ' ')"
done
echo "command: bench/monitor/run.sh $ROWS $RUNS"
