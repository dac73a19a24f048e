"""Reference values for the Kolmogorov-Smirnov p-values of `mlops validate-data`, computed by scipy.

Writes ks_pvalues.json next to this script:
  two_sample  scipy.stats.ks_2samp(a, b) with its default method='auto' (what Evidently calls) on
              samples drawn here: both regimes -- exact when both samples have <= 10,000 values,
              kstwo.sf(D, round(n*m/(n+m))) above -- with p-values from about 1 down to the far tail
              (1e-10 and much smaller) and near 0.15. Each case records n, m, the statistic, the
              p-value and h = max|i*m - j*n| / gcd(n, m) over the merged sample (i, j: the counts of
              a and b at or below each value), the integer the engine computes the statistic from.
  kstwo       scipy.stats.kstwo.sf(x, n) on a grid that reaches every branch scipy's _kolmogn takes
              (Ruben-Gambino, Durbin/Marsaglia-Tsang-Wang, Pomeranz, Pelz-Good, 2*smirnov, 0).
  smirnov     scipy.special.smirnov(n, x), the one-sided distribution the tail of kstwo uses.
Run with the project's venv:
  .ci/cache/venv/bin/python shared-core/src/test/resources/io/mlopsci/core/data/drift/make_ks_fixtures.py
"""
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy import special, stats

HERE = os.path.dirname(os.path.abspath(__file__))

# (n, m, target p-values): the shift of the second sample is searched so the p-value lands near each.
TWO_SAMPLE = [
    # exact regime
    (3, 4, [1.0, 0.1]),
    (1, 10, [1.0]),
    (50, 70, [0.9, 0.15, 0.01, 1e-10]),
    (137, 211, [0.5, 0.15, 1e-6, 1e-12, 1e-30]),
    (800, 600, [0.6, 0.15, 0.05, 1e-3, 1e-10, 1e-40]),
    (1000, 1000, [0.8, 0.15, 1e-4, 1e-10, 1e-50]),
    (5000, 3000, [0.15, 0.01, 1e-10, 1e-100]),
    (10000, 9999, [0.5, 0.15, 1e-10]),
    (10000, 10000, [0.15, 1e-10]),
    # kstwo regime
    (10001, 10001, [0.15, 1e-10]),
    (10001, 20, [0.7, 0.15, 0.01, 1e-10]),
    (15000, 300, [0.15, 0.02, 1e-10, 1e-30]),
    (12000, 11000, [0.9, 0.4, 0.15, 0.05, 0.01, 1e-3, 1e-10, 1e-20, 1e-60, 1e-150]),
    (20000, 20000, [0.15, 1e-10, 1e-100]),
    (100000, 50000, [0.5, 0.15, 0.03, 1e-10, 1e-200]),
]

KSTWO_N = [1, 2, 3, 5, 10, 30, 100, 140, 141, 400, 5000, 100000, 100001]
KSTWO_NX2 = [0.0001, 0.01, 0.1, 0.3, 0.6, 0.754, 0.76, 1.0, 1.3, 2.0, 2.19, 2.21, 3.0, 3.99, 4.01, 8, 20, 50,
             100, 200, 369, 371]
SMIRNOV_N = [1, 2, 5, 9, 10, 11, 50, 140, 1000, 10000, 1000001]
SMIRNOV_X = [0.0005, 0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99]


def scaled_max_difference(a, b):
    """max |i*m - j*n| over the merged sample, in exact integers."""
    a = np.sort(a)
    b = np.sort(b)
    both = np.concatenate([a, b])
    i = np.searchsorted(a, both, side="right").astype(np.int64)
    j = np.searchsorted(b, both, side="right").astype(np.int64)
    return int(np.max(np.abs(i * len(b) - j * len(a))))


def case(n, m, shift, seed):
    rng = np.random.default_rng(seed)
    a = np.round(rng.normal(0, 1, n), 6)
    b = np.round(rng.normal(shift, 1, m), 6)
    res = stats.ks_2samp(a, b)
    g = math.gcd(n, m)
    return {"n": n, "m": m, "h": scaled_max_difference(a, b) // g, "statistic": float(res.statistic),
            "pvalue": float(res.pvalue), "method": "exact" if max(n, m) <= 10000 else "kstwo"}


def distance(c, target):
    return abs(math.log(c["pvalue"]) - math.log(target)) if c["pvalue"] > 0 else math.inf


def bisect(n, m, target, seed):
    """The shift of b bisected (in log p) between 0 and 12 for one draw of the samples."""
    lo, hi = 0.0, 12.0
    best = case(n, m, 0.0, seed)
    if best["pvalue"] <= target:
        return best
    for _ in range(40):
        mid = (lo + hi) / 2
        c = case(n, m, mid, seed)
        if distance(c, target) < distance(best, target):
            best = c
        if c["pvalue"] > target:
            lo = mid
        else:
            hi = mid
        if distance(best, target) < 0.05:
            break
    return best


def near(n, m, target, seed):
    """A case whose p-value is near the target: the first of a few draws that gets within 15%."""
    best = None
    for k in range(20):
        c = bisect(n, m, target, seed * 100 + k)
        if best is None or distance(c, target) < distance(best, target):
            best = c
        if distance(best, target) < 0.15:
            break
    return best


def main():
    two_sample = []
    for k, (n, m, targets) in enumerate(TWO_SAMPLE):
        for t in targets:
            c = near(n, m, t, seed=1000 + k)
            c["target"] = t
            two_sample.append(c)
    kstwo = []
    for n in KSTWO_N:
        xs = {0.25 / n, 0.75 / n, 1.0 / n, 1 - 0.5 / n, 0.5, 0.6, 0.999}
        xs |= {math.sqrt(v / n) for v in KSTWO_NX2}
        for x in sorted(xs):
            if 0 < x < 1:
                kstwo.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})
    smirnov = []
    for n in SMIRNOV_N:
        for x in sorted(set(SMIRNOV_X) | {0.5 / n, 1.0 / n, 1 - 0.5 / n, 0.3 / math.sqrt(n)}):
            if 0 < x < 1:
                smirnov.append({"n": n, "x": x, "sf": float(special.smirnov(n, x))})
    out = {"generator": "make_ks_fixtures.py", "numpy": np.__version__, "scipy": scipy.__version__,
           "two_sample": two_sample, "kstwo": kstwo, "smirnov": smirnov}
    with open(os.path.join(HERE, "ks_pvalues.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
