"""Writes data/train.csv and data/eval.csv from scikit-learn's bundled diabetes dataset.

Deterministic (70/30 split, seed 11). The target is disease progression after one year; a
`bmi_band` column (below/above the median body-mass index) is added for slicing.
Run: python make_data.py
"""
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

frame = load_diabetes(as_frame=True, scaled=False).frame
frame = frame.rename(columns={"target": "label"})
frame.insert(0, "id", range(len(frame)))
frame["bmi_band"] = (frame["bmi"] > frame["bmi"].median()).map({True: "high", False: "low"})
train, evaluation = train_test_split(frame, test_size=0.3, random_state=11)
train.to_csv("data/train.csv", index=False, float_format="%.6g")
evaluation.to_csv("data/eval.csv", index=False, float_format="%.6g")
print(f"train: {len(train)} rows, eval: {len(evaluation)} rows")
