"""Trains a ridge regression on the diabetes data and writes what mlops reads.

Hyperparameters (MLOPS_PARAMS_JSON): alpha (default 1.0). Writes model.joblib to
MLOPS_OUTPUT_DIR, metrics.json (rmse, mae, r2) to MLOPS_METRICS_FILE and predictions.csv
(id, label, prediction, bmi_band) to MLOPS_PREDICTIONS_FILE.
"""
import json
import os

import joblib
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

params = json.loads(os.environ.get("MLOPS_PARAMS_JSON", "{}"))
train = pd.read_csv(os.environ["MLOPS_DATA_TRAIN"])
evaluation = pd.read_csv(os.environ["MLOPS_DATA_EVAL"])
features = [c for c in train.columns if c not in ("id", "label", "bmi_band")]

model = make_pipeline(StandardScaler(), Ridge(alpha=float(params.get("alpha", 1.0))))
model.fit(train[features], train["label"])
prediction = model.predict(evaluation[features])
y = evaluation["label"]
metrics = {
    "rmse": mean_squared_error(y, prediction) ** 0.5,
    "mae": mean_absolute_error(y, prediction),
    "r2": r2_score(y, prediction),
}

out = os.environ["MLOPS_OUTPUT_DIR"]
os.makedirs(out, exist_ok=True)
joblib.dump({"model": model, "features": features}, os.path.join(out, "model.joblib"))
with open(os.environ["MLOPS_METRICS_FILE"], "w") as f:
    json.dump(metrics, f, indent=2)
pd.DataFrame({"id": evaluation["id"], "label": y, "prediction": prediction, "bmi_band": evaluation["bmi_band"]}) \
    .to_csv(os.environ["MLOPS_PREDICTIONS_FILE"], index=False)
print("eval:", ", ".join(f"{k} {v:.4f}" for k, v in metrics.items()))
