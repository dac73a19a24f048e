"""Writes data/train.csv and data/eval.csv from scikit-learn's bundled breast-cancer dataset.

Deterministic (stratified 70/30 split, seed 7). Adds an `id` column and a `size_band` column
(terciles of mean radius) that the gate slices on. Run: python make_data.py
"""
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

frame = load_breast_cancer(as_frame=True).frame
frame.columns = [c.replace(" ", "_") for c in frame.columns]
frame = frame.rename(columns={"target": "label"})
frame.insert(0, "id", range(len(frame)))
frame["size_band"] = pd.qcut(frame["mean_radius"], 3, labels=["small", "medium", "large"]).astype(str)
train, evaluation = train_test_split(frame, test_size=0.3, random_state=7, stratify=frame["label"])
train.to_csv("data/train.csv", index=False, float_format="%.6g")
evaluation.to_csv("data/eval.csv", index=False, float_format="%.6g")
print(f"train: {len(train)} rows, eval: {len(evaluation)} rows")
