"""Draw the recognition-precision sample and print it for manual reading.

Nothing is written to disk: the corpus is CC BY-NC-SA, so article text is only printed.
Usage (after `./target/release/rasid extract ../shared/corpus/saudinewsnet/articles.jsonl.gz > /tmp/corpus_rec.jsonl`):
  python3 sample.py ids                 # the 25 sampled document ids, in corpus order
  python3 sample.py show N [N2]         # text of sample N..N2-1 with every recognised item
  python3 sample.py check               # verify every mention's text equals its span in the document
  python3 sample.py aff [N]             # supplement: N (default 20) persons WITH an affiliation, drawn from
                                        # relevant main articles outside the 25 documents, shown in context
"""
import gzip
import json
import random
import sys

CORPUS = "/work/shared/corpus/saudinewsnet/articles.jsonl.gz"
REC = "/tmp/corpus_rec.jsonl"
SEED = 20261126
N = 25


def doc_text(a):
    return (a.get("title") or "").strip() + "\n\n" + (a.get("content") or "").strip()


def main_article(d):
    for a in d["articles"]:
        if a.get("main"):
            return a
    return None


def draw():
    recs = []
    with open(REC, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            m = main_article(d)
            if m is not None and m["relevant"]:
                recs.append(d)
    rng = random.Random(SEED)
    idx = sorted(rng.sample(range(len(recs)), N))
    return [recs[i] for i in idx], len(recs)


def texts(ids):
    out = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            if a["id"] in ids:
                out[a["id"]] = doc_text(a)
    return out


def fmt_mentions(ms):
    return "; ".join(f'{m["text"]}@{m["start"]}[{m["rule"]}]' for m in ms)


def draw_affiliated(exclude, n=20):
    """Supplement for affiliation precision: persons with a non-null affiliation in relevant main
    articles of documents not in the main sample, one per document, seed SEED + 1."""
    pool = []
    with open(REC, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["source"] in exclude:
                continue
            m = main_article(d)
            if m is None or not m["relevant"]:
                continue
            pers = [a for a in m["actors"] if a["kind"] == "person" and a.get("affiliation")]
            if pers:
                pool.append((d, pers))
    rng = random.Random(SEED + 1)
    picks = sorted(rng.sample(range(len(pool)), n))
    out = []
    for i in picks:
        d, pers = pool[i]
        out.append((d, rng.choice(pers)))
    return out, len(pool)


def main():
    sample, npool = draw()
    cmd = sys.argv[1] if len(sys.argv) > 1 else "ids"
    if cmd == "ids":
        print(f"# relevant-main pool={npool}")
        for n, d in enumerate(sample):
            print(n, d["source"], sep="\t")
        return
    if cmd == "aff":
        n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
        sup, npool2 = draw_affiliated({d["source"] for d in sample}, n)
        tx = texts({d["source"] for d, _ in sup})
        print(f"# documents with an affiliated person: {npool2}")
        for k, (d, p) in enumerate(sup):
            t = tx[d["source"]]
            m = main_article(d)
            print(f"===== [{k}] {d['source']} {p['id']} aff={p['affiliation']}")
            print("TITLE:", t[:t.find(chr(10))])
            for x in p["mentions"]:
                a, b = x["start"], x["end"]
                print(f"  [{x['rule']}] ...{t[max(0, a - 150):a]}【{t[a:b]}】{t[b:b + 60]}...")
            others = [a["id"] for a in m["actors"] if a["kind"] != "person"]
            print("  actors in article:", ", ".join(others))
        return
    tx = texts({d["source"] for d in sample})
    if cmd == "check":
        bad = 0
        for d in sample:
            t = tx[d["source"]]
            for a in d["articles"]:
                for it in a["actors"] + a["places"]:
                    for m in it["mentions"]:
                        if t[m["start"]:m["end"]] != m["text"]:
                            bad += 1
        print("span mismatches:", bad)
        return
    if cmd == "show":
        lo = int(sys.argv[2])
        hi = int(sys.argv[3]) if len(sys.argv) > 3 else lo + 1
        for n in range(lo, min(hi, len(sample))):
            d = sample[n]
            t = tx[d["source"]]
            m = main_article(d)
            s = m["span"]
            print(f"===== [{n}] {d['source']} chars={d['chars']} articles={len(d['articles'])} main span={s}")
            print(t)
            print("----- ACTORS")
            for a in m["actors"]:
                print(f'  {a["id"]} ({a["kind"]}) {a["name_ar"]} aff={a.get("affiliation")} :: {fmt_mentions(a["mentions"])}')
            print("----- PLACES")
            for p in m["places"]:
                print(f'  {p["name_ar"]} [{p["country"]}] {p.get("name_en")} admin1={p.get("admin1")} :: {fmt_mentions(p["mentions"])}')
            print()


if __name__ == "__main__":
    main()
