"""Benchmark data for `mlops validate-data`: a reference file and a drifted current file, each with
ROWS rows and 20 columns (1 id, 10 float, 2 integer, 6 categorical with 3 to 200 values, 1 label;
some columns have nulls), written in chunks so memory stays small. Also writes the check set every
tool runs: checks.json (types, null bounds, ranges, allowed values; drift on every column but id),
and the same checks as mlops.yaml + schema.yaml for `mlops validate-data`.

  python make_data.py OUT_DIR ROWS [csv|parquet]
"""
import json
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

CATS = {"c1": 3, "c2": 5, "c3": 10, "c4": 50, "c5": 200, "c6": 12}
FLOATS = ["n%d" % i for i in range(1, 11)]
NULLS = {"n3": 0.05, "n7": 0.05, "c6": 0.02}
CHUNK = 1_000_000


def chunk(rng, start, n, drift):
    cols = {"id": np.arange(start, start + n, dtype=np.int64)}
    shift = 0.3 if drift else 0.0
    gens = [
        lambda: rng.normal(shift, 1, n),
        lambda: rng.normal(10, 2 * (1.25 if drift else 1), n),
        lambda: rng.lognormal(0, 0.5, n),
        lambda: rng.uniform(0, 100, n),
        lambda: rng.exponential(2 + shift, n),
        lambda: rng.normal(0, 1, n),
        lambda: rng.gamma(2, 2, n),
        lambda: rng.normal(50, 10, n),
        lambda: rng.beta(2, 5, n),
        lambda: rng.normal(-5 + (1.0 if drift else 0), 3, n),
    ]
    for name, g in zip(FLOATS, gens):
        v = np.round(g(), 4)
        cols[name] = pa.array(v, mask=(rng.random(n) < NULLS[name]) if name in NULLS else None)
    cols["i1"] = rng.poisson(7, n).astype(np.int64)
    cols["i2"] = rng.integers(0, 101, n, dtype=np.int64)
    for name, k in CATS.items():
        values = np.array(["%s_%03d" % (name, j) for j in range(k)])
        p = np.linspace(2, 1, k)
        if drift and name in ("c1", "c3"):
            p = p[::-1]
        idx = rng.choice(k, n, p=p / p.sum())
        cols[name] = pa.array(values[idx], mask=(rng.random(n) < NULLS[name]) if name in NULLS else None)
    cols["label"] = (rng.random(n) < (0.3 if drift else 0.25)).astype(np.int64)
    return pa.table(cols)


def write(path, rows, seed, drift, fmt):
    rng = np.random.default_rng(seed)
    writer = None
    for start in range(0, rows, CHUNK):
        t = chunk(rng, start, min(CHUNK, rows - start), drift)
        if writer is None:
            writer = pacsv.CSVWriter(path, t.schema) if fmt == "csv" else pq.ParquetWriter(path, t.schema)
        writer.write_table(t)
    writer.close()


def checks():
    c = {"columns": {}, "drift": {"method": "psi", "warn": 0.1, "fail": 0.2, "exclude": ["id"]}}
    c["columns"]["id"] = {"type": "integer", "max_null_fraction": 0, "min": 0}
    bounds = {"n1": (-10, 10), "n2": (-5, 25), "n3": (0, 50), "n4": (0, 100), "n5": (0, 100), "n6": (-10, 10),
              "n7": (0, 100), "n8": (-50, 150), "n9": (0, 1), "n10": (-30, 20)}
    for name in FLOATS:
        lo, hi = bounds[name]
        c["columns"][name] = {"type": "number", "max_null_fraction": 0.06 if name in NULLS else 0, "min": lo, "max": hi}
    c["columns"]["i1"] = {"type": "integer", "max_null_fraction": 0, "min": 0, "max": 100}
    c["columns"]["i2"] = {"type": "integer", "max_null_fraction": 0, "min": 0, "max": 100}
    for name, k in CATS.items():
        c["columns"][name] = {"type": "string", "max_null_fraction": 0.03 if name in NULLS else 0,
                              "allowed": ["%s_%03d" % (name, j) for j in range(k)]}
    c["columns"]["label"] = {"type": "integer", "max_null_fraction": 0, "allowed": [0, 1]}
    return c


def main():
    out, rows = sys.argv[1], int(sys.argv[2])
    fmt = sys.argv[3] if len(sys.argv) > 3 else "csv"
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "reference." + fmt), rows, 1, False, fmt)
    write(os.path.join(out, "current." + fmt), rows, 2, True, fmt)
    c = checks()
    with open(os.path.join(out, "checks.json"), "w") as f:
        json.dump(c, f, indent=1)
    with open(os.path.join(out, "schema.yaml"), "w") as f:
        f.write("version: 1\nextra_columns: fail\nmissing_columns: fail\ncolumns:\n")
        for name, r in c["columns"].items():
            rules = ["type: " + r["type"], "max_null_fraction: %s" % r["max_null_fraction"]]
            if "min" in r:
                rules.append("min: %s" % r["min"])
            if "max" in r:
                rules.append("max: %s" % r["max"])
            if "allowed" in r:
                rules.append("allowed: [%s]" % ", ".join(str(v) for v in r["allowed"]))
            f.write("  %s: {%s}\n" % (name, ", ".join(rules)))
    with open(os.path.join(out, "mlops.yaml"), "w") as f:
        f.write("model: bench\ndata:\n  train: reference.%s\n  eval: current.%s\n  schema: schema.yaml\n"
                "  drift: {method: psi, warn: 0.1, fail: 0.2, exclude: [id]}\n" % (fmt, fmt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
