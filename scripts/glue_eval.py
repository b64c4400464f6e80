#!/usr/bin/env python3
"""Measure glued-story splitting on SaudiNewsNet: random pairs of articles glued with no
marker (A's title and text, then B's title and text) must split into two articles, the
second titled with B's title; intact articles must stay one article.

usage: scripts/glue_eval.py [RASID_BIN] [N]   (reads ../shared/corpus/saudinewsnet)
Prints recall on glued pairs and the false-split rate on intact articles.
"""
import gzip, json, random, subprocess, sys, tempfile, os

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "..", "..", "shared", "corpus", "saudinewsnet", "articles.jsonl.gz")
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "target", "release", "rasid")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000

docs = [json.loads(l) for l in gzip.open(corpus, "rt", encoding="utf-8")]
docs = [d for d in docs if len(d["content"].strip()) >= 300 and d["title"].strip()]
rng = random.Random(7)
records, expect = [], {}
for i in range(n):
    a, b = rng.sample(docs, 2)
    text = f"{a['title'].strip()}\n\n{a['content'].strip()}\n\n{b['title'].strip()}\n\n{b['content'].strip()}"
    records.append({"id": f"glued-{i}", "text": text})
    expect[f"glued-{i}"] = b["title"].strip()
for i in range(n):
    a = rng.choice(docs)
    records.append({"id": f"intact-{i}", "text": f"{a['title'].strip()}\n\n{a['content'].strip()}"})
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
    path = f.name
out = subprocess.run([binary, "extract", path], capture_output=True, text=True, check=True).stdout
os.unlink(path)
split_ok = split_any = false_split = 0
for line in out.splitlines():
    d = json.loads(line)
    arts = d["articles"]
    if d["source"].startswith("glued"):
        if len(arts) >= 2:
            split_any += 1
        if len(arts) == 2 and arts[1]["title"].strip() == expect[d["source"]]:
            split_ok += 1
    elif len(arts) > 1:
        false_split += 1
print(f"glued pairs: {n}, split exactly at the second story: {split_ok} ({split_ok / n:.3f}), split somewhere: {split_any}")
print(f"intact articles: {n}, wrongly split: {false_split} ({false_split / n:.3f})")
