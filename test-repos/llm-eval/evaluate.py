"""Runs the stand-in model on the question set and scores every answer, as an LLM evaluation does.

Reads the prompt variant from the run's params (train.params.prompt, passed by mlops as
MLOPS_PARAMS_JSON) and writes, to the run's output directory:
  predictions.jsonl  one line per question: the question, the reference, the model's answer,
                     scores.exact (exact match after normalisation), scores.f1 (token F1) and
                     scores.similarity (1 - normalised edit distance), latency_ms, topic
  metrics.json       the same scores averaged (what the training reports)
Normalisation is SQuAD's: lower case, punctuation and the articles a/an/the removed, whitespace
collapsed. Standard library only.
"""
import json
import os
import re
import string
from collections import Counter

import model


def normalize(text):
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def token_f1(prediction, reference):
    pred, ref = normalize(prediction).split(), normalize(reference).split()
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def similarity(prediction, reference):
    a, b = normalize(prediction), normalize(reference)
    if not a and not b:
        return 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return 1 - previous[-1] / max(len(a), len(b))


def main():
    prompt = json.loads(os.environ.get("MLOPS_PARAMS_JSON", "{}")).get("prompt", "concise")
    out = os.environ.get("MLOPS_OUTPUT_DIR", "out")
    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    with open(os.path.join(here, "questions.jsonl"), encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            text = model.answer(q["question"], prompt)
            rows.append({
                "id": q["id"],
                "topic": q["topic"],
                "question": q["question"],
                "reference": q["reference"],
                "answer": text,
                "scores": {
                    "exact": normalize(text) == normalize(q["reference"]),
                    "f1": round(token_f1(text, q["reference"]), 6),
                    "similarity": round(similarity(text, q["reference"]), 6),
                },
                "latency_ms": model.latency_ms(q["question"], prompt, text),
            })
    with open(os.path.join(out, "predictions.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n = len(rows)
    metrics = {
        "exact_match": sum(r["scores"]["exact"] for r in rows) / n,
        "token_f1": sum(r["scores"]["f1"] for r in rows) / n,
        "similarity": sum(r["scores"]["similarity"] for r in rows) / n,
    }
    with open(os.path.join(out, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump(metrics, f, indent=2)
    print(f"prompt {prompt!r}: {n} questions, exact match {metrics['exact_match']:.3f},"
          f" token F1 {metrics['token_f1']:.3f}")


if __name__ == "__main__":
    main()
