"""Ranks every query's candidate documents and writes the scored (query, document) pairs.

Reads the scoring variant from the run's params (train.params.scoring, passed by mlops as
MLOPS_PARAMS_JSON): "bm25" (Okapi BM25, k1 = 1.2, b = 0.75, IDF over the whole collection) or
"tf" (the count of query words in the document: no saturation, no length normalisation, no IDF).
Writes predictions.csv to the run's output directory: one row per (query, document) with the
query's id and text, the document's judged relevance (judgments.tsv, TREC qrels) and its score.
The gate computes NDCG, MAP, MRR and recall per query from those rows; metrics.json only counts
what was ranked. Standard library only.
"""
import csv
import json
import math
import os
from collections import Counter


def load(here):
    with open(os.path.join(here, "docs.jsonl"), encoding="utf-8") as f:
        docs = {d["id"]: d for d in map(json.loads, f)}
    with open(os.path.join(here, "queries.jsonl"), encoding="utf-8") as f:
        queries = [json.loads(line) for line in f]
    judged = {}
    with open(os.path.join(here, "judgments.tsv"), encoding="utf-8") as f:
        for line in f:
            query_id, _, doc_id, relevance = line.split()
            judged.setdefault(query_id, {})[doc_id] = int(relevance)
    return docs, queries, judged


def bm25_scorer(docs, k1=1.2, b=0.75):
    terms = {i: Counter(d["text"].split()) for i, d in docs.items()}
    lengths = {i: sum(t.values()) for i, t in terms.items()}
    average = sum(lengths.values()) / len(lengths)
    df = Counter(w for t in terms.values() for w in t)
    n = len(docs)

    def score(query, doc_id):
        t, norm = terms[doc_id], k1 * (1 - b + b * lengths[doc_id] / average)
        total = 0.0
        for w in query.split():
            if t[w]:
                idf = math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                total += idf * t[w] * (k1 + 1) / (t[w] + norm)
        return total

    return score


def tf_scorer(docs):
    terms = {i: Counter(d["text"].split()) for i, d in docs.items()}
    return lambda query, doc_id: float(sum(terms[doc_id][w] for w in query.split()))


def main():
    scoring = json.loads(os.environ.get("MLOPS_PARAMS_JSON", "{}")).get("scoring", "bm25")
    out = os.environ.get("MLOPS_OUTPUT_DIR", "out")
    os.makedirs(out, exist_ok=True)
    docs, queries, judged = load(os.path.dirname(os.path.abspath(__file__)))
    score = {"bm25": bm25_scorer, "tf": tf_scorer}[scoring](docs)
    with open(os.path.join(out, "predictions.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "query", "query_text", "topic", "doc", "relevance", "score"])
        for q in queries:
            for doc_id, relevance in judged[q["id"]].items():
                w.writerow([f"{q['id']}/{doc_id}", q["id"], q["text"], q["topic"], doc_id, relevance,
                            round(score(q["text"], doc_id), 6)])
    with open(os.path.join(out, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump({"queries": len(queries), "pairs": sum(len(judged[q["id"]]) for q in queries)}, f)
    print(f"scoring {scoring!r}: {len(queries)} queries ranked")


if __name__ == "__main__":
    main()
