"""Reference values for the drift measures of `mlops validate-data`, computed with numpy and scipy.

Writes <name>/reference.csv, <name>/current.csv and <name>/expected.json for two data sets:
  small  (reference 800 rows, current 600): Kolmogorov-Smirnov p-values are exact; `auto` takes
         Evidently's small-sample branch (ks / chi-square);
  large  (reference 12,000 rows, current 11,000): KS p-values come from scipy's kstwo; `auto` takes the
         large-sample branch (Wasserstein / Jensen-Shannon).
Every expected value is computed here from the definition, independently of the engine:
  psi            bins: inner edges = numpy.unique(numpy.quantile(reference, [k/10 for k in 1..9]))
                 (numpy's default linear interpolation); a value v is in bin searchsorted(edges, v, 'right');
                 text columns: one bin per value. PSI = sum((q - p) * ln(q / p)), a bin's share of 0
                 replaced by 0.0001.
  jensenshannon  scipy.spatial.distance.jensenshannon(ref_counts, cur_counts) (natural log), same bins.
  chisquare      scipy.stats.chi2_contingency([ref_counts, cur_counts], correction=False) p-value,
                 same bins, bins empty in both samples dropped.
  ks             scipy.stats.ks_2samp with its default method='auto' (what Evidently calls): the exact
                 p-value when both samples have <= 10,000 values, else kstwo.sf(D, round(n*m/(n+m))).
                 make_ks_fixtures.py checks both regimes further, into the far tail.
  wasserstein    scipy.stats.wasserstein_distance(reference, current) / numpy.std(reference) (ddof 0).
  auto           Evidently's choice (reference <= 1000 values: ks for numeric columns with > 5 distinct
                 values in both samples, else chi-square; above: wasserstein for numeric columns with
                 > 5 distinct values, else jensenshannon), on the values as categories when few.
Nulls are left out of every measure. Run with the project's venv:
  .ci/cache/venv/bin/python shared-core/src/test/resources/io/mlopsci/core/data/drift/make_fixtures.py
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

HERE = os.path.dirname(os.path.abspath(__file__))
BINS = 10
NUMERIC = ["x_normal", "x_shift", "x_int", "x_few", "x_nulls"]
TEXT = ["cat"]


def make(rng, n, drift):
    d = pd.DataFrame()
    d["id"] = np.arange(n)
    d["x_normal"] = np.round(rng.normal(0, 1, n), 6)
    d["x_shift"] = rng.normal(0.25 * drift, 1 + 0.2 * drift, n)
    d["x_int"] = rng.poisson(6 + 2 * drift, n)
    d["x_few"] = rng.choice([1, 2, 3], n, p=[0.5, 0.3, 0.2] if not drift else [0.4, 0.3, 0.3])
    x = rng.exponential(2.0 + drift, n)
    x[rng.random(n) < 0.1] = np.nan
    d["x_nulls"] = x
    cats = ["a", "b", "c", "d", "e"] + (["f"] if drift else [])
    p = [0.4, 0.25, 0.15, 0.12, 0.08] if not drift else [0.3, 0.25, 0.15, 0.12, 0.08, 0.10]
    d["cat"] = rng.choice(cats, n, p=p)
    return d


def write(d, path):
    # repr() of a float is its shortest round-trip form, so the engine reads the same doubles.
    out = d.copy()
    for c in out.columns:
        if out[c].dtype.kind == "f":
            out[c] = [("" if np.isnan(v) else repr(float(v))) for v in out[c]]
    out.to_csv(path, index=False)


def bins_for(ref, cur, numeric):
    if numeric:
        edges = np.unique(np.quantile(ref, np.arange(1, BINS) / BINS))
        r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
        c = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1)
        return r.astype(np.int64), c.astype(np.int64), [float(e) for e in edges]
    return by_value(ref, cur) + (None,)


def by_value(ref, cur):
    values = sorted(set(ref) | set(cur), key=str)
    r = np.array([int(np.sum(ref == v)) for v in values], dtype=np.int64)
    c = np.array([int(np.sum(cur == v)) for v in values], dtype=np.int64)
    return r, c


def psi(r, c):
    p = r / r.sum()
    q = c / c.sum()
    p = np.where(p == 0, 0.0001, p)
    q = np.where(q == 0, 0.0001, q)
    return float(np.sum((q - p) * np.log(q / p)))


def chisq(r, c):
    table = np.array([r, c])
    table = table[:, table.sum(axis=0) > 0]
    stat, p, dof, _ = stats.chi2_contingency(table, correction=False)
    return float(p), float(stat), int(dof)


def ks(ref, cur):
    # The default method='auto', as Evidently calls it: exact up to 10,000 values per sample,
    # else kstwo.sf(D, round(n*m/(n+m))).
    res = stats.ks_2samp(ref, cur)
    return float(res.pvalue), float(res.statistic), "exact" if max(len(ref), len(cur)) <= 10000 else "kstwo"


def auto(ref, cur, numeric):
    n_values = pd.concat([pd.Series(ref), pd.Series(cur)]).nunique()
    if len(ref) <= 1000:
        if numeric and n_values > 5:
            return "ks", False
        return "chisquare", True
    if numeric and n_values > 5:
        return "wasserstein", False
    return "jensenshannon", True


def measures(ref, cur, numeric):
    out = {}
    r, c, edges = bins_for(ref, cur, numeric)
    out["psi"] = {"value": psi(r, c), "edges": edges, "reference": r.tolist(), "current": c.tolist()}
    out["jensenshannon"] = {"value": float(jensenshannon(r, c))}
    p, stat, dof = chisq(r, c)
    out["chisquare"] = {"value": p, "statistic": stat, "dof": dof}
    if numeric:
        p, d, how = ks(ref, cur)
        out["ks"] = {"value": p, "statistic": d, "pValueMethod": how}
        w = float(stats.wasserstein_distance(ref, cur))
        out["wasserstein"] = {"value": w / float(np.std(ref)), "wasserstein": w, "referenceStd": float(np.std(ref))}
    method, few = auto(ref, cur, numeric)
    if few:
        rv, cv = by_value(ref, cur)
        value = psi(rv, cv) if method == "psi" else (
            float(jensenshannon(rv, cv)) if method == "jensenshannon" else chisq(rv, cv)[0])
    else:
        value = out[method]["value"]
    out["auto"] = {"method": method, "value": value}
    return out


def main():
    for name, n_ref, n_cur, seed in [("small", 800, 600, 7), ("large", 12000, 11000, 11)]:
        rng = np.random.default_rng(seed)
        folder = os.path.join(HERE, name)
        os.makedirs(folder, exist_ok=True)
        write(make(rng, n_ref, 0), os.path.join(folder, "reference.csv"))
        write(make(rng, n_cur, 1), os.path.join(folder, "current.csv"))
        ref = pd.read_csv(os.path.join(folder, "reference.csv"))
        cur = pd.read_csv(os.path.join(folder, "current.csv"))
        expected = {"generator": "make_fixtures.py", "numpy": np.__version__, "scipy": __import__("scipy").__version__,
                    "rows": {"reference": len(ref), "current": len(cur)}, "columns": {}}
        for col in NUMERIC + TEXT:
            a = ref[col].dropna().to_numpy()
            b = cur[col].dropna().to_numpy()
            expected["columns"][col] = measures(a, b, col in NUMERIC)
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump(expected, f, indent=1, sort_keys=True)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
