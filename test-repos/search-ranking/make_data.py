"""Writes the sample's fixed evaluation set: docs.jsonl, queries.jsonl and judgments.tsv.

Forty queries over six topics, each of two words of its topic; twelve candidate documents per
query (what a first-stage retriever would hand the ranker), judged 2 (about both words), 1 (about
one of them) or 0. Among the non-relevant candidates: documents of other topics, a same-topic
document that shares no query word, and for some queries a long keyword-stuffed index page that
repeats one query word many times. Deterministic (seed 5); run once, the output is committed.
Standard library only.
"""
import json
import random

TOPICS = {
    "astronomy": ["planet", "orbit", "telescope", "galaxy", "comet", "nebula", "eclipse", "asteroid", "quasar", "meteor"],
    "cooking": ["recipe", "oven", "flour", "sauce", "simmer", "garlic", "roast", "dough", "spice", "broth"],
    "finance": ["bond", "equity", "dividend", "interest", "ledger", "audit", "pension", "yield", "budget", "invoice"],
    "gardening": ["soil", "compost", "seedling", "prune", "mulch", "perennial", "trellis", "harvest", "weed", "bulb"],
    "networking": ["router", "packet", "latency", "firewall", "subnet", "switch", "protocol", "bandwidth", "socket", "vlan"],
    "medicine": ["vaccine", "dosage", "symptom", "therapy", "clinic", "antibody", "fever", "diagnosis", "surgery", "nurse"],
}
COMMON = ["guide", "notes", "overview", "basic", "review", "how", "about", "page", "general", "summary", "with", "and"]

rng = random.Random(5)
names = sorted(TOPICS)
docs, queries, judgments = [], [], []


def text(words):
    rng.shuffle(words)
    return " ".join(words)


def add_doc(query_id, words, relevance, topic):
    doc_id = f"d{len(docs) + 1:04d}"
    docs.append({"id": doc_id, "topic": topic, "text": text(words)})
    judgments.append((query_id, doc_id, relevance))


for q in range(40):
    topic = names[q % len(names)]
    vocab = TOPICS[topic]
    a, b = rng.sample(vocab, 2)
    rest = [w for w in vocab if w not in (a, b)]
    query_id = f"q{q + 1:02d}"
    queries.append({"id": query_id, "topic": topic, "text": f"{a} {b}"})
    for _ in range(2):  # about both words
        add_doc(query_id, [a, b] + rng.sample(rest, rng.randint(5, 8)) + rng.sample(COMMON, rng.randint(6, 10)), 2, topic)
    for _ in range(3):  # about one of them
        add_doc(query_id, [rng.choice((a, b))] + rng.sample(rest, rng.randint(5, 8))
                + rng.sample(COMMON, rng.randint(6, 10)), 1, topic)
    add_doc(query_id, rng.sample(rest, 6) + rng.sample(COMMON, 8), 0, topic)  # same topic, no query word
    stuffed = q % 5 in (1, 3)
    for i in range(6):
        other = names[(q + 1 + i) % len(names)]
        if other == topic:
            other = names[(q + 2 + i) % len(names)]
        if stuffed and i < 1:
            # An index page: one query word many times among a hundred words of other topics.
            words = [rng.choice((a, b))] * rng.randint(5, 8)
            for t in names:
                if t != topic:
                    words += rng.sample(TOPICS[t], 6)
            words += [rng.choice(COMMON) for _ in range(50)]
            add_doc(query_id, words, 0, "index")
        else:
            add_doc(query_id, rng.sample(TOPICS[other], 7) + rng.sample(COMMON, 8), 0, other)

with open("docs.jsonl", "w", encoding="utf-8") as f:
    for d in docs:
        f.write(json.dumps(d) + "\n")
with open("queries.jsonl", "w", encoding="utf-8") as f:
    for q in queries:
        f.write(json.dumps(q) + "\n")
with open("judgments.tsv", "w", encoding="utf-8") as f:
    for query_id, doc_id, relevance in judgments:
        f.write(f"{query_id}\t0\t{doc_id}\t{relevance}\n")  # TREC qrels: query, iteration, document, relevance
print(f"{len(queries)} queries, {len(docs)} documents")
