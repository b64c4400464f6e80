#!/usr/bin/env python3
"""Precision and recall of `relevant` against the hand labels in tests/relevance/.

usage: scripts/relevance_eval.py OUT.jsonl [--grid]
OUT.jsonl is `rasid extract ../shared/corpus/saudinewsnet/articles.jsonl.gz`. A document
counts as predicted relevant when its main article is. With --grid, re-decides from the
reported score for a grid of thresholds (for tuning on the keyword sample only).
"""
import csv, gzip, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    out[d["source"]] = d
corpus = os.path.join(here, "..", "..", "shared", "corpus", "saudinewsnet", "articles.jsonl.gz")
words = {}
if "--grid" in sys.argv:
    for line in gzip.open(corpus, "rt", encoding="utf-8"):
        d = json.loads(line)
        words[d["id"]] = len((d["title"] + " " + d["content"]).split())


def main_article(i):
    arts = [a for a in out[i]["articles"] if a["main"]]
    return arts[0] if arts else None


for name in ["sample_random50.tsv", "sample_keyword50.tsv"]:
    rows = list(csv.DictReader(open(os.path.join(here, "..", "tests", "relevance", name), encoding="utf-8"), delimiter="\t"))

    def prf(decide):
        tp = fp = fn = 0
        for r in rows:
            a = main_article(r["id"])
            p = bool(a) and decide(a, r["id"])
            g = r["label"] == "1"
            tp += p and g
            fp += p and not g
            fn += (not p) and g
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        return f"P={P:.3f} R={R:.3f} F1={F:.3f} (tp {tp}, fp {fp}, fn {fn}, n {len(rows)})"

    print(name, prf(lambda a, i: a["relevant"]))
    if "--grid" in sys.argv:
        for ms in [4, 6, 8, 10, 12]:
            for md in [1.0, 2.0, 3.0]:
                d = lambda a, i: a["relevance"]["strong"] >= 1 and a["relevance"]["score"] >= max(ms, md * words[i] / 100)
                print(f"   min_score={ms} min_density={md}: {prf(d)}")
