"""The benchmark's check set in Great Expectations 1.x on Spark (GX's Spark execution engine), on
the same Spark Connect server the mlops Spark row uses: on both files the column set, each column's
type, null share, range or allowed values; then drift of every column of the current file against
the reference as KL divergence (GX's distributional expectation; it has no PSI), with the partition
(reference decile bins or categories with their weights) computed from the reference by Spark.
The same expectations as gx_checks.py (pandas); only the engine differs. Prints a one-line summary;
exit 1 when an expectation fails.

  python gx_spark_checks.py sc://HOST:PORT REFERENCE CURRENT checks.json
"""
import json
import os
import sys

os.environ.setdefault("TQDM_DISABLE", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx
import great_expectations.expectations as gxe
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# Spark's type names for the logical types (CSV with inferSchema reads small integers as int).
TYPES = {"integer": ["IntegerType", "LongType"], "number": ["DoubleType"], "string": ["StringType"]}


def read(spark, path):
    path = os.path.abspath(path)
    if path.endswith(".parquet"):
        return spark.read.parquet(path)
    return spark.read.option("header", "true").option("inferSchema", "true").csv(path)


def suite_for(checks, columns):
    suite = gx.ExpectationSuite(name="checks")
    suite.add_expectation(gxe.ExpectTableColumnsToMatchSet(column_set=columns, exact_match=True))
    for name, r in checks["columns"].items():
        suite.add_expectation(gxe.ExpectColumnValuesToBeInTypeList(column=name, type_list=TYPES[r["type"]]))
        suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column=name, mostly=1 - r["max_null_fraction"]))
        if "min" in r or "max" in r:
            suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(column=name, min_value=r.get("min"),
                                                                    max_value=r.get("max")))
        if "allowed" in r:
            suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column=name, value_set=r["allowed"]))
    return suite


def partition(ref, name, numeric):
    """Reference decile bins with their weights (numeric), or the categories with theirs."""
    col = F.col("`%s`" % name)
    s = ref.where(col.isNotNull())
    if numeric:
        probs = [i / 10 for i in range(11)]
        q = s.select(F.percentile(col, F.array(*[F.lit(p) for p in probs])).alias("q")).first()["q"]
        edges = sorted(set(q))
        cases = [F.sum(F.when((col >= lo) & ((col < hi) if i < len(edges) - 2 else (col <= hi)), 1).otherwise(0))
                 for i, (lo, hi) in enumerate(zip(edges, edges[1:]))]
        counts = list(s.select(*cases).first())
        total = sum(counts)
        return {"bins": edges, "weights": [c / total for c in counts]}
    rows = s.groupBy(col).count().collect()
    total = sum(r["count"] for r in rows)
    return {"values": [r[0] for r in rows], "weights": [r["count"] / total for r in rows]}


def main():
    remote, ref_path, cur_path, checks_path = sys.argv[1:5]
    checks = json.load(open(checks_path))
    spark = SparkSession.builder.remote(remote).getOrCreate()
    ctx = gx.get_context(mode="ephemeral")
    batch_def = ctx.data_sources.add_spark("spark").add_dataframe_asset("frame") \
        .add_batch_definition_whole_dataframe("whole")
    ref = read(spark, ref_path)
    cur = read(spark, cur_path)
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
            column=name, partition_object=partition(ref, name, numeric), threshold=checks["drift"]["warn"],
            # Values outside the reference's bins or categories get a small weight (GX refuses an
            # internal holdout on categories: "cannot be used for discrete data").
            tail_weight_holdout=0.001, internal_weight_holdout=0))
    drift = ctx.suites.add(drift)
    res = batch_def.get_batch(batch_parameters={"dataframe": cur}).validate(drift)
    total += len(res.results)
    drifted = sum(1 for r in res.results if not r.success)
    failed += drifted
    raised = [r for r in res.results if r.exception_info and r.exception_info.get("raised_exception")]
    for r in raised[:3]:
        print("raised: %s: %s" % (r.expectation_config.kwargs.get("column"),
                                  str(r.exception_info.get("exception_message"))[:300]), file=sys.stderr)
    errors = len(raised)
    print("great-expectations-spark: %d expectations, %d failed (%d drifting columns%s)"
          % (total, failed, drifted, ", %d raised" % errors if errors else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
