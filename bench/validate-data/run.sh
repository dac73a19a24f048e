#!/usr/bin/env bash
# Benchmark of `mlops validate-data` against Great Expectations, Evidently and the floor (one DuckDB
# scan per file computing the per-column summaries), side by side, on the same files and the same
# check set: schema (column set and types), per-column constraints (null share, range or allowed
# values) on both files, and drift of every column but the id of the current file against the
# reference (PSI for mlops and Evidently; GX has no PSI, so KL divergence on reference deciles).
#
#   bench/validate-data/run.sh [ROWS] [csv|parquet]        (default: 10000000 csv)
#   TOOLS="mlops floor" bench/validate-data/run.sh ...     (only these tools; default: all four)
#
# Data (a reference file and a drifted copy, 20 columns) is generated once into
# .ci/cache/bench-data/; GX and Evidently are installed into their own virtualenvs under .ci/cache/.
# Prints wall time and peak memory (/usr/bin/time -v) of each tool and its ratio to mlops. The
# Python tools run under a virtual-memory cap (70% of RAM) so that they cannot take the machine down.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-10000000}"
FORMAT="${2:-csv}"
TOOLS="${TOOLS:-mlops floor great-expectations evidently}"
ROOT="$PWD"
CACHE="$ROOT/.ci/cache"
DATA="$CACHE/bench-data/$ROWS-$FORMAT"
JAR="$ROOT/shared-core/target/mlops.jar"
OUT="$DATA/results"

log() { echo "bench: $*" >&2; }

scripts/setup.sh
if [ ! -f "$JAR" ]; then
  log "building the CLI jar"
  ./mvnw -q -B -ntp -DskipTests package -pl shared-core -am
fi
wants() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
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
if [ ! -f "$DATA/checks.json" ]; then
  log "generating $ROWS rows x 20 columns ($FORMAT), reference and drifted current, into $DATA"
  "$CACHE/venv/bin/python" bench/validate-data/make_data.py "$DATA" "$ROWS" "$FORMAT"
fi
FLOOR_CLASSES="$CACHE/bench-floor"
mkdir -p "$FLOOR_CLASSES" "$OUT"
javac -d "$FLOOR_CLASSES" -cp "$JAR" bench/validate-data/Floor.java

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

if wants mlops; then
  run mlops nice -n 10 java -jar "$JAR" validate-data --config mlops.yaml
  cp "$DATA/.mlops/out/validate-data/result.json" "$OUT/mlops-result.json" 2>/dev/null || true
fi
wants floor && run floor nice -n 10 java -cp "$JAR:$FLOOR_CLASSES" Floor "$REF" "$CUR"
wants great-expectations && run great-expectations bash -c "ulimit -v $cap_kb; exec nice -n 10 '$CACHE/bench-gx-venv/bin/python' '$ROOT/bench/validate-data/gx_checks.py' $REF $CUR checks.json"
wants evidently && run evidently bash -c "ulimit -v $cap_kb; exec nice -n 10 '$CACHE/bench-evidently-venv/bin/python' '$ROOT/bench/validate-data/evidently_checks.py' $REF $CUR checks.json"

"$CACHE/venv/bin/python" - "$OUT" "$ROWS" "$FORMAT" "$DATA" "$TOOLS" <<'PY'
import json, os, re, sys
out, rows, fmt, data, tools = sys.argv[1:6]
tools = [t for t in ("mlops", "floor", "great-expectations", "evidently") if t in tools.split()]

def parse(name):
    t = open(os.path.join(out, name + ".time")).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    code = re.search(r"Exit status: (\d+)", t)
    status = int(code.group(1)) if code else -1
    sig = re.search(r"Command terminated by signal (\d+)", t)
    return secs, rss, status if not sig else "signal " + sig.group(1)

size = sum(os.path.getsize(os.path.join(data, f)) for f in ("reference." + fmt, "current." + fmt))
print("\nvalidate-data benchmark: %s rows x 20 columns per file, 2 files, %s, %.1f GB in all, %d CPUs"
      % (format(int(rows), ","), fmt, size / 1e9, os.cpu_count()))
print("%-20s %10s %12s %8s %8s %6s  %s" % ("tool", "wall (s)", "peak RSS MB", "x mlops", "x floor", "exit", "result"))
base = parse("mlops")[0] if "mlops" in tools else None
floor = parse("floor")[0] if "floor" in tools else None
ratio = lambda secs, b: "%8.2f" % (secs / b) if b else "%8s" % "-"
for name in tools:
    secs, rss, status = parse(name)
    lines = [l for l in open(os.path.join(out, name + ".out")).read().splitlines() if l.strip()]
    result = lines[-1] if lines else ""
    if name == "mlops":
        try:
            r = json.load(open(os.path.join(out, "mlops-result.json")))
            result = r["verdict"] + ": " + r["summary"]
        except (OSError, KeyError, ValueError):
            pass
    if status not in (0, 1) or not result:  # a crash (e.g. a Python MemoryError) can exit 1 too
        err = open(os.path.join(out, name + ".err")).read().strip().splitlines()
        result = "FAILED: " + (err[-1] if err else "no output")
    print("%-20s %10.1f %12.0f %s %s %6s  %s" % (name, secs, rss, ratio(secs, base), ratio(secs, floor), status, result[:110]))
print("(exit 1 = checks ran and found the drift the current file was built with; details in %s)" % out)
PY
