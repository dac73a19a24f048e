#!/usr/bin/env bash
# Benchmark of `mlops validate-data` against Great Expectations, Evidently and the floor (one DuckDB
# scan per file computing the per-column summaries), side by side, on the same files and the same
# check set: schema (column set and types), per-column constraints (null share, range or allowed
# values) on both files, and drift of every column but the id of the current file against the
# reference (PSI for mlops and Evidently; GX has no PSI, so KL divergence on reference deciles).
# The Spark rows run the same checks on a local Spark Connect server (Spark in local mode from the
# pyspark package scripts/setup.sh installs, 2 cores): mlops with data.engine: spark, Great
# Expectations' Spark execution engine through the same Spark Connect, and the Spark floor (one
# Spark SQL SELECT per file computing the floor's per-column summaries). Each Spark row gets a
# fresh server; its peak memory is the server's (the work happens there) plus the client's.
#
#   bench/validate-data/run.sh [ROWS] [csv|parquet]        (default: 10000000 csv)
#   BENCH_TOOLS="mlops-spark spark-floor" bench/validate-data/run.sh 1000000   (only these rows)
#   BENCH_RULES_ONLY=1 BENCH_TOOLS="mlops mlops-spark spark-floor" bench/validate-data/run.sh 1000000 parquet
#     (the mlops rows without drift: schema and column rules alone, against the floors; by default
#     both mlops rows, DuckDB and Spark, include drift as the GX and Evidently rows do, so compare
#     those rows only without this option)
#
# Data (a reference file and a drifted copy, 20 columns) is generated once into
# .ci/cache/bench-data/; GX and Evidently are installed into their own virtualenvs under .ci/cache/.
# Prints wall time and peak memory (/usr/bin/time -v) of each tool and its ratio to mlops. The
# Python tools run under a virtual-memory cap (70% of RAM) so that they cannot take the machine down.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-10000000}"
FORMAT="${2:-csv}"
ROOT="$PWD"
CACHE="$ROOT/.ci/cache"
DATA="$CACHE/bench-data/$ROWS-$FORMAT"
JAR="$ROOT/shared-core/target/mlops.jar"
SPARK_JAR="$ROOT/spark-engine/target/mlops-spark.jar"
OUT="$DATA/results"
TOOLS="${BENCH_TOOLS:-mlops floor great-expectations evidently mlops-spark spark-floor great-expectations-spark}"
wants() { [[ " $TOOLS " == *" $1 "* ]]; }

log() { echo "bench: $*" >&2; }

scripts/setup.sh
if [ ! -f "$JAR" ] || [ ! -f "$SPARK_JAR" ]; then
  log "building the CLI jar and the Spark add-on"
  ./mvnw -q -B -ntp -DskipTests package -pl shared-core,spark-engine -am
fi
if wants great-expectations && ! "$CACHE/bench-gx-venv/bin/python" -c "import great_expectations" 2>/dev/null; then
  log "installing Great Expectations into $CACHE/bench-gx-venv"
  python3 -m venv "$CACHE/bench-gx-venv"
  "$CACHE/bench-gx-venv/bin/pip" install -q --disable-pip-version-check great-expectations==1.24.1 pyarrow==26.0.1
fi
if wants evidently && ! "$CACHE/bench-evidently-venv/bin/python" -c "import evidently" 2>/dev/null; then
  log "installing Evidently into $CACHE/bench-evidently-venv"
  python3 -m venv "$CACHE/bench-evidently-venv"
  # Evidently 0.7 does not import with pandas 3.
  "$CACHE/bench-evidently-venv/bin/pip" install -q --disable-pip-version-check evidently==0.7.23 "pandas<3" pyarrow==26.0.1
fi
if wants great-expectations-spark \
    && ! "$CACHE/bench-gx-spark-venv/bin/python" -c "import great_expectations, pyspark.sql.connect.session, grpc" 2>/dev/null; then
  log "installing Great Expectations with the Spark Connect client into $CACHE/bench-gx-spark-venv"
  python3 -m venv "$CACHE/bench-gx-spark-venv"
  "$CACHE/bench-gx-spark-venv/bin/pip" install -q --disable-pip-version-check great-expectations==1.24.1 \
    "pyspark[connect]==4.1.0" pyarrow==26.0.1
fi
if [ ! -f "$DATA/checks.json" ]; then
  log "generating $ROWS rows x 20 columns ($FORMAT), reference and drifted current, into $DATA"
  "$CACHE/venv/bin/python" bench/validate-data/make_data.py "$DATA" "$ROWS" "$FORMAT"
fi
FLOOR_CLASSES="$CACHE/bench-floor"
mkdir -p "$FLOOR_CLASSES" "$OUT"
javac -d "$FLOOR_CLASSES" -cp "$JAR" bench/validate-data/Floor.java
javac -d "$FLOOR_CLASSES" -cp "$JAR:$SPARK_JAR" bench/validate-data/SparkFloor.java
# The mlops Spark row's configuration: the same checks, data.engine: spark (the remote is filled in
# when each row's server starts).
MLOPS_YAML=mlops.yaml
if [ "${BENCH_RULES_ONLY:-0}" = 1 ]; then
  grep -v '^  drift:' "$DATA/mlops.yaml" > "$DATA/mlops-rules.yaml"
  MLOPS_YAML=mlops-rules.yaml
fi
awk '{print} /^data:/ {print "  engine: spark"; print "  spark: {remote: \"${env.BENCH_SPARK_REMOTE}\"}"}' \
  "$DATA/$MLOPS_YAML" > "$DATA/mlops-spark.yaml"
SPARK_HOME="$(echo "$CACHE"/spark-venv/lib/python3*/site-packages/pyspark)"
export SPARK_HOME

mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
cap_kb=$((mem_kb * 70 / 100))
REF="reference.$FORMAT"
CUR="current.$FORMAT"

run() {  # name, command...: runs in the data directory under /usr/bin/time -v
  local name="$1"; shift
  log "running $name: $*"
  rm -rf "$DATA/.mlops"
  ( cd "$DATA" && /usr/bin/time -v -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" ) || true
  tail -n 3 "$OUT/$name.out" >&2 || true
}

# A Spark Connect server in local mode on loopback (as the tests' SparkConnectServer starts it),
# fresh for each Spark row; stopped by its PID.
spark_pid=""
spark_start() {
  local dir="$DATA/.spark"
  rm -rf "$dir" && mkdir -p "$dir/warehouse" "$dir/local" "$dir/tmp"
  SPARK_PORT=$("$CACHE/venv/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}" \
  SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR="$dir" nice -n 10 "$SPARK_HOME/bin/spark-submit" \
    --class org.apache.spark.sql.connect.service.SparkConnectServer --name mlops-bench --master 'local[2]' \
    --driver-memory "${BENCH_SPARK_MEMORY:-6g}" \
    --conf spark.connect.grpc.binding.address=127.0.0.1 --conf spark.connect.grpc.binding.port="$SPARK_PORT" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
    --conf spark.sql.warehouse.dir="$dir/warehouse" --conf spark.local.dir="$dir/local" \
    --conf spark.driver.extraJavaOptions=-Djava.io.tmpdir="$dir/tmp" spark-internal > "$dir/server.log" 2>&1 &
  spark_pid=$!
  local wait_s="${BENCH_SPARK_START_S:-180}"  # a loaded machine needs more than a minute
  for _ in $(seq $((wait_s * 5))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$SPARK_PORT") 2>/dev/null; then return 0; fi
    kill -0 "$spark_pid" 2>/dev/null || { log "Spark Connect exited; see $dir/server.log"; return 1; }
    sleep 0.2
  done
  log "Spark Connect did not listen on $SPARK_PORT in $wait_s s (BENCH_SPARK_START_S)"; return 1
}
spark_stop() {  # records the server's peak RSS for the row, then stops it
  local name="$1"
  if [ -n "$spark_pid" ]; then
    awk '/VmHWM/ {print $2}' "/proc/$spark_pid/status" > "$OUT/$name.server-rss" 2>/dev/null || true
    kill "$spark_pid" 2>/dev/null || true
    wait "$spark_pid" 2>/dev/null || true
    spark_pid=""
  fi
}
trap 'spark_stop none' EXIT
run_spark() {  # name, command...: like run, with a fresh Spark Connect server
  local name="$1"; shift
  rm -f "$OUT/$name.server-rss"
  spark_start || { spark_stop "$name"; return 0; }  # a server that started too slowly is stopped too
  export BENCH_SPARK_REMOTE="sc://127.0.0.1:$SPARK_PORT"
  run "$name" "$@"
  spark_stop "$name"
}

if wants mlops; then
  run mlops nice -n 10 java -jar "$JAR" validate-data --config "$MLOPS_YAML"
  cp "$DATA/.mlops/out/validate-data/result.json" "$OUT/mlops-result.json" 2>/dev/null || true
fi
wants floor && run floor nice -n 10 java -cp "$JAR:$FLOOR_CLASSES" Floor "$REF" "$CUR"
wants great-expectations && run great-expectations bash -c "ulimit -v $cap_kb; exec nice -n 10 '$CACHE/bench-gx-venv/bin/python' '$ROOT/bench/validate-data/gx_checks.py' $REF $CUR checks.json"
wants evidently && run evidently bash -c "ulimit -v $cap_kb; exec nice -n 10 '$CACHE/bench-evidently-venv/bin/python' '$ROOT/bench/validate-data/evidently_checks.py' $REF $CUR checks.json"
if wants mlops-spark; then
  # The same checks as the mlops row, drift included (BENCH_RULES_ONLY=1: the rules alone).
  run_spark mlops-spark env MLOPS_ADDONS="$SPARK_JAR" nice -n 10 java -jar "$JAR" validate-data --config mlops-spark.yaml
  cp "$DATA/.mlops/out/validate-data/result.json" "$OUT/mlops-spark-result.json" 2>/dev/null || true
fi
# shellcheck disable=SC2016 # expanded by the inner shell, with the remote of the row's server
wants spark-floor && run_spark spark-floor bash -c 'exec nice -n 10 java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$0" SparkFloor "$BENCH_SPARK_REMOTE" "$1" "$2"' \
  "$JAR:$SPARK_JAR:$FLOOR_CLASSES" "$REF" "$CUR"
wants great-expectations-spark && run_spark great-expectations-spark bash -c "exec nice -n 10 '$CACHE/bench-gx-spark-venv/bin/python' '$ROOT/bench/validate-data/gx_spark_checks.py' \"\$BENCH_SPARK_REMOTE\" $REF $CUR checks.json"

"$CACHE/venv/bin/python" - "$OUT" "$ROWS" "$FORMAT" "$DATA" "$TOOLS" <<'PY'
import json, os, re, sys
out, rows, fmt, data, tools = sys.argv[1:6]

def parse(name):
    t = open(os.path.join(out, name + ".time")).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    server = os.path.join(out, name + ".server-rss")
    if os.path.exists(server) and open(server).read().strip():
        rss += int(open(server).read().strip()) / 1024  # the Spark server's peak, where the work ran
    code = re.search(r"Exit status: (\d+)", t)
    status = int(code.group(1)) if code else -1
    sig = re.search(r"Command terminated by signal (\d+)", t)
    return secs, rss, status if not sig else "signal " + sig.group(1)

size = sum(os.path.getsize(os.path.join(data, f)) for f in ("reference." + fmt, "current." + fmt))
print("\nvalidate-data benchmark: %s rows x 20 columns per file, 2 files, %s, %.1f GB in all, %d CPUs"
      % (format(int(rows), ","), fmt, size / 1e9, os.cpu_count()))
ran = [n for n in tools.split() if os.path.exists(os.path.join(out, n + ".time"))]
anchor = "mlops" if "mlops" in ran else ran[0]
print("%-24s %10s %12s %10s %8s %8s  %s" % ("tool", "wall (s)", "peak RSS MB", "x " + anchor, "x floor", "exit", "result"))
base = parse(anchor)[0]
floor = parse("floor")[0] if "floor" in ran else None
for name in ran:
    secs, rss, status = parse(name)
    lines = [l for l in open(os.path.join(out, name + ".out")).read().splitlines() if l.strip()]
    result = lines[-1] if lines else ""
    if name in ("mlops", "mlops-spark"):
        try:
            r = json.load(open(os.path.join(out, name + "-result.json")))
            result = r["verdict"] + ": " + r["summary"]
        except (OSError, KeyError, ValueError):
            pass
    if status not in (0, 1) or not result:  # a crash (e.g. a Python MemoryError) can exit 1 too
        err = open(os.path.join(out, name + ".err")).read().strip().splitlines()
        result = "FAILED: " + (err[-1] if err else "no output")
    vs_floor = "%8.2f" % (secs / floor) if floor else "%8s" % "-"
    print("%-24s %10.1f %12.0f %10.2f %s %8s  %s" % (name, secs, rss, secs / base, vs_floor, status, result[:110]))
print("(exit 1 = checks ran and found the drift the current file was built with; details in %s)" % out)
PY
