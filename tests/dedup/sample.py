"""Draw the near-duplicate precision sample and print both texts of each pair for manual reading.

This script only draws the sample and prints texts; it assigns no labels
(labels in pairs50.tsv were made by reading both articles by hand).

Sampling:
  * Candidates are the articles in /tmp/corpus.jsonl (detector output) whose
    `duplicate_of` is not null, in file order (record order, then article order).
  * exact stratum: duplicate_similarity == 1.0; near stratum: duplicate_similarity < 1.0.
  * One rng = random.Random(20261125); first rng.sample(exact, 20), then
    rng.sample(near, 30) from the same rng. Pairs are printed in draw order.
  * A pair is (article's source id, its duplicate_of id).

Usage:
  python3 sample.py ids                 # stratum, id, duplicate_of, similarity for the 50 pairs
  python3 sample.py show START END      # print pairs START..END-1 (0-based over the 50) in full
"""
import gzip
import json
import random
import sys

DETECTOR = "/tmp/corpus.jsonl"
CORPUS = "/work/shared/corpus/saudinewsnet/articles.jsonl.gz"
SEED = 20261125
N_EXACT, N_NEAR = 20, 30


def candidates():
    exact, near = [], []
    with open(DETECTOR, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            for i, a in enumerate(rec["articles"]):
                if a.get("duplicate_of") is None:
                    continue
                sim = a.get("duplicate_similarity")
                row = {"id": rec["source"], "article": i, "title": a.get("title"),
                       "duplicate_of": a["duplicate_of"],
                       "duplicate_of_article": a.get("duplicate_of_article"),
                       "similarity": sim, "n_articles": len(rec["articles"])}
                if sim == 1.0:
                    exact.append(row)
                elif sim is not None and sim < 1.0:
                    near.append(row)
    return exact, near


def draw():
    exact, near = candidates()
    rng = random.Random(SEED)
    s_exact = rng.sample(exact, N_EXACT)
    s_near = rng.sample(near, N_NEAR)
    return ([("exact", r) for r in s_exact] + [("near", r) for r in s_near],
            len(exact), len(near))


def load_articles():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return {a["id"]: a for a in (json.loads(l) for l in f if l.strip())}


def show(a, label):
    print(f"--- {label}: {a['id']} source={a['source']} extracted={a['date_extracted']}")
    print("TITLE:", a.get("title"))
    print(a.get("content"))


def main():
    sample, n_exact, n_near = draw()
    if len(sys.argv) < 2 or sys.argv[1] == "ids":
        print(f"# candidates: exact={n_exact} near={n_near}")
        for n, (stratum, r) in enumerate(sample):
            print(n, stratum, r["id"], r["duplicate_of"], r["similarity"],
                  r["article"], r["duplicate_of_article"], r["n_articles"], sep="\t")
        return
    if sys.argv[1] == "show":
        arts = load_articles()
        start, end = int(sys.argv[2]), int(sys.argv[3])
        for n in range(start, min(end, len(sample))):
            stratum, r = sample[n]
            print(f"========== [{n}] {stratum} sim={r['similarity']} "
                  f"{r['id']}#{r['article']} -> {r['duplicate_of']}#{r['duplicate_of_article']}")
            if r["n_articles"] > 1:
                print("(source record holds", r["n_articles"], "articles; this one titled:", r["title"], ")")
            show(arts[r["id"]], "A")
            show(arts[r["duplicate_of"]], "B")
            print()


if __name__ == "__main__":
    main()
