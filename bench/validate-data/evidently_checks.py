"""The benchmark's check set in Evidently 0.7 (pandas): on both files, the column count, each
column's missing-value share, minimum and maximum or values outside the allowed list; then the
DataDriftPreset with PSI (Evidently's own binning) on every column but the id. Prints a one-line
summary; exit 1 when a test fails.

  python evidently_checks.py REFERENCE CURRENT checks.json
"""
import json
import sys

import pandas as pd
from evidently import DataDefinition, Dataset, Report
from evidently.metrics import ColumnCount, MaxValue, MinValue, MissingValueCount, OutListValueCount
from evidently.presets import DataDriftPreset
from evidently.tests import eq, gte, lte


def read(path):
    return pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)


def quality(checks):
    metrics = [ColumnCount(tests=[eq(len(checks["columns"]))])]
    for name, r in checks["columns"].items():
        metrics.append(MissingValueCount(column=name, share_tests=[lte(r["max_null_fraction"])]))
        if "min" in r:
            metrics.append(MinValue(column=name, tests=[gte(r["min"])]))
        if "max" in r:
            metrics.append(MaxValue(column=name, tests=[lte(r["max"])]))
        if "allowed" in r:
            metrics.append(OutListValueCount(column=name, values=r["allowed"], tests=[eq(0)]))
    return metrics


def failed_tests(snapshot):
    d = snapshot.dict()
    tests = d.get("tests", [])
    return len(tests), sum(1 for t in tests if str(t.get("status", "")).upper().endswith("FAIL"))


def main():
    ref_path, cur_path, checks_path = sys.argv[1:4]
    checks = json.load(open(checks_path))
    cols = checks["columns"]
    definition = DataDefinition(
        numerical_columns=[c for c, r in cols.items() if r["type"] in ("number", "integer") and "allowed" not in r],
        categorical_columns=[c for c, r in cols.items() if r["type"] == "string" or "allowed" in r])
    ref = Dataset.from_pandas(read(ref_path), data_definition=definition)
    cur = Dataset.from_pandas(read(cur_path), data_definition=definition)
    total = failed = 0
    for data in (ref, cur):
        n, f = failed_tests(Report(quality(checks), include_tests=True).run(data, None))
        total += n
        failed += f
    drift_cols = [c for c in cols if c not in checks["drift"]["exclude"]]
    n, f = failed_tests(Report([DataDriftPreset(columns=drift_cols, method="psi", threshold=checks["drift"]["warn"])],
                               include_tests=True).run(cur, ref))
    total += n
    failed += f
    print("evidently: %d tests, %d failed (%d in drift)" % (total, failed, f))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
