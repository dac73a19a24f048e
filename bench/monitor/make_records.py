"""Benchmark data for `mlops monitor`: one day of production records made from validate-data's
benchmark files (bench/validate-data/make_data.py), so that monitor and validate-data read the same
rows. The current file (drifted) becomes the day's records: its 20 columns plus a timestamp spread
over 24 hours, the model version, a score and a prediction; the champion's eval predictions (for
prediction drift) are scored the same way on reference rows. Written in batches, memory stays small.

  python make_records.py DATA_DIR OUT_DIR DAY_START
"""
import math
import os
import sys
from datetime import datetime

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

EVAL_ROWS = 50_000


def score(batch):
    # A fixed logistic model over three columns; what it scores does not matter, only that a score
    # and a class come with every record, as from a real model.
    n1 = np.nan_to_num(batch.column("n1").to_numpy(zero_copy_only=False))
    n4 = np.nan_to_num(batch.column("n4").to_numpy(zero_copy_only=False))
    i1 = batch.column("i1").to_numpy(zero_copy_only=False).astype(float)
    z = 0.8 * n1 - 0.02 * (n4 - 50) + 0.1 * (i1 - 7)
    s = 1 / (1 + np.exp(-z))
    return np.round(s, 6), (s >= 0.5).astype(np.int64)


def main(data, out, day_start):
    os.makedirs(out, exist_ok=True)
    start = datetime.fromisoformat(day_start.replace("Z", "+00:00"))
    start_us = int(start.timestamp() * 1_000_000)
    current = pq.ParquetFile(os.path.join(data, "current.parquet"))
    rows = current.metadata.num_rows
    step_us = 86_400_000_000 / rows
    writer = None
    done = 0
    for batch in current.iter_batches(batch_size=1_000_000):
        n = batch.num_rows
        ts = (start_us + (np.arange(done, done + n) * step_us)).astype("int64")
        s, p = score(batch)
        cols = {name: batch.column(name) for name in batch.schema.names if name != "label"}
        cols["timestamp"] = pa.array(ts, type=pa.timestamp("us", tz="UTC"))
        cols["model_version"] = pa.array(["1"] * n)
        cols["score"] = pa.array(s)
        cols["prediction"] = pa.array(p)
        table = pa.table(cols)
        if writer is None:
            writer = pq.ParquetWriter(os.path.join(out, "records.parquet"), table.schema)
        writer.write_table(table)
        done += n
    writer.close()

    reference = pq.ParquetFile(os.path.join(data, "reference.parquet"))
    first = next(reference.iter_batches(batch_size=EVAL_ROWS))
    s, p = score(first)
    labels = first.column("label").to_numpy(zero_copy_only=False)
    with open(os.path.join(out, "predictions.csv"), "w") as f:
        f.write("id,label,prediction,score\n")
        for i in range(first.num_rows):
            f.write("e%d,%d,%d,%.6f\n" % (i, labels[i], p[i], s[i]))
    with open(os.path.join(out, "metrics.json"), "w") as f:
        f.write('{"loss": 0.4}\n')
    print("wrote %d records for %s and %d eval predictions into %s" % (done, day_start, first.num_rows, out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
