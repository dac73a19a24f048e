"""Trains a scikit-learn classifier and writes what mlops reads.

Inputs (set by mlops from mlops.yaml): MLOPS_DATA_TRAIN, MLOPS_DATA_EVAL, MLOPS_OUTPUT_DIR,
MLOPS_METRICS_FILE, MLOPS_PREDICTIONS_FILE and the hyperparameters as MLOPS_PARAMS_JSON:
  C            inverse regularisation strength of the logistic regression (default 1.0)
  max_iter     solver iterations (default 1000)
  features     use only the first N feature columns (default: all)
Outputs: model.joblib in the output directory, metrics.json, predictions.csv
(id, label, prediction, score, size_band).
"""
import json
import os

import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss, precision_score, recall_score, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

params = json.loads(os.environ.get("MLOPS_PARAMS_JSON", "{}"))
train = pd.read_csv(os.environ["MLOPS_DATA_TRAIN"])
evaluation = pd.read_csv(os.environ["MLOPS_DATA_EVAL"])
features = [c for c in train.columns if c not in ("id", "label", "size_band")]
if "features" in params:
    features = features[: int(params["features"])]

model = make_pipeline(
    StandardScaler(),
    LogisticRegression(C=float(params.get("C", 1.0)), max_iter=int(params.get("max_iter", 1000))),
)
model.fit(train[features], train["label"])

score = model.predict_proba(evaluation[features])[:, 1]
prediction = (score >= 0.5).astype(int)
y = evaluation["label"]
metrics = {
    "accuracy": accuracy_score(y, prediction),
    "precision": precision_score(y, prediction),
    "recall": recall_score(y, prediction),
    "f1": f1_score(y, prediction),
    "roc_auc": roc_auc_score(y, score),
    "log_loss": log_loss(y, score),
}

out = os.environ["MLOPS_OUTPUT_DIR"]
os.makedirs(out, exist_ok=True)
joblib.dump({"model": model, "features": features}, os.path.join(out, "model.joblib"))
with open(os.environ["MLOPS_METRICS_FILE"], "w") as f:
    json.dump(metrics, f, indent=2)
pd.DataFrame({
    "id": evaluation["id"],
    "label": y,
    "prediction": prediction,
    "score": score,
    "size_band": evaluation["size_band"],
}).to_csv(os.environ["MLOPS_PREDICTIONS_FILE"], index=False)
print("eval:", ", ".join(f"{k} {v:.4f}" for k, v in metrics.items()))
