"""The benchmark's check set in Great Expectations 1.x (pandas): on both files, the column set, each
column's type, null share, range or allowed values; then drift of every column of the current
file against the reference as KL divergence (GX's distributional expectation; it has no PSI),
with the partition (reference decile bins or categories with their weights) taken from the
reference in pandas. Prints a one-line summary; exit 1 when an expectation fails.

  python gx_checks.py REFERENCE CURRENT checks.json
"""
import json
import os
import sys

os.environ.setdefault("TQDM_DISABLE", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx
import great_expectations.expectations as gxe
import numpy as np
import pandas as pd

# pandas' dtype names for the logical types (pandas 3 reads text as "str").
TYPES = {"integer": "int64", "number": "float64", "string": "str"}


def read(path):
    return pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)


def suite_for(checks, columns):
    suite = gx.ExpectationSuite(name="checks")
    suite.add_expectation(gxe.ExpectTableColumnsToMatchSet(column_set=columns, exact_match=True))
    for name, r in checks["columns"].items():
        suite.add_expectation(gxe.ExpectColumnValuesToBeOfType(column=name, type_=TYPES[r["type"]]))
        suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column=name, mostly=1 - r["max_null_fraction"]))
        if "min" in r or "max" in r:
            suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(column=name, min_value=r.get("min"),
                                                                    max_value=r.get("max")))
        if "allowed" in r:
            suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column=name, value_set=r["allowed"]))
    return suite


def partition(ref, numeric):
    s = ref.dropna()
    if numeric:
        edges = np.unique(np.quantile(s, np.linspace(0, 1, 11)))
        counts, _ = np.histogram(s, bins=edges)
        return {"bins": edges.tolist(), "weights": (counts / counts.sum()).tolist()}
    vc = s.value_counts(normalize=True)
    return {"values": vc.index.tolist(), "weights": vc.values.tolist()}


def main():
    ref_path, cur_path, checks_path = sys.argv[1:4]
    checks = json.load(open(checks_path))
    ctx = gx.get_context(mode="ephemeral")
    batch_def = ctx.data_sources.add_pandas("pandas").add_dataframe_asset("frame") \
        .add_batch_definition_whole_dataframe("whole")
    ref = read(ref_path)
    cur = read(cur_path)
    suite = ctx.suites.add(suite_for(checks, list(checks["columns"])))
    failed = 0
    total = 0
    for df in (ref, cur):
        res = batch_def.get_batch(batch_parameters={"dataframe": df}).validate(suite)
        total += len(res.results)
        failed += sum(1 for r in res.results if not r.success)
    drift = gx.ExpectationSuite(name="drift")
    for name, r in checks["columns"].items():
        if name in checks["drift"]["exclude"]:
            continue
        numeric = r["type"] in ("number", "integer") and "allowed" not in r
        drift.add_expectation(gxe.ExpectColumnKLDivergenceToBeLessThan(
            column=name, partition_object=partition(ref[name], numeric), threshold=checks["drift"]["warn"],
            # Values outside the reference's bins or categories get a small weight (GX refuses an
            # internal holdout on categories: "cannot be used for discrete data").
            tail_weight_holdout=0.001, internal_weight_holdout=0))
    drift = ctx.suites.add(drift)
    res = batch_def.get_batch(batch_parameters={"dataframe": cur}).validate(drift)
    total += len(res.results)
    drifted = sum(1 for r in res.results if not r.success)
    failed += drifted
    print("great-expectations: %d expectations, %d failed (%d drifting columns)" % (total, failed, drifted))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
