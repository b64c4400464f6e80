"""Draw the two evaluation samples and print id, source, title and content for manual reading.

This script only draws samples; it does not assign labels (labels are hand-assigned).
Usage:
  python3 sample.py ids            # print the sampled ids (sample, id, source) only
  python3 sample.py show random START END   # print articles START..END-1 of the random sample
  python3 sample.py show keyword START END  # same for the keyword sample
"""
import gzip
import json
import random
import sys

CORPUS = "/work/shared/corpus/saudinewsnet/articles.jsonl.gz"
KEYWORDS = ["داعش", "القاعدة", "الحوثي", "حزب الله", "إرهاب", "ارهاب", "مسلح",
            "النصرة", "الشباب", "بوكو حرام", "طالبان", "تفجير", "انتحاري", "غارة",
            "اشتباك", "ميليشيا", "مليشيا", "التحالف"]


def load():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    return [json.loads(l) for l in lines]


def draw(arts):
    # Sample 1: 50 uniformly at random, in file order
    rng = random.Random(20261123)
    idx = sorted(rng.sample(range(len(arts)), 50))
    s1 = [arts[i] for i in idx]
    s1_ids = {a["id"] for a in s1}
    # Sample 2: keyword pool (title+content contains any keyword), excluding sample-1 ids
    pool = [a for a in arts
            if a["id"] not in s1_ids
            and any(k in (a.get("title") or "") + (a.get("content") or "") for k in KEYWORDS)]
    rng2 = random.Random(20261124)
    idx2 = sorted(rng2.sample(range(len(pool)), 50))
    s2 = [pool[i] for i in idx2]
    return s1, s2, len(pool)


def main():
    arts = load()
    s1, s2, npool = draw(arts)
    if len(sys.argv) < 2 or sys.argv[1] == "ids":
        print(f"# corpus={len(arts)} keyword_pool={npool}")
        for name, s in (("random", s1), ("keyword", s2)):
            for a in s:
                print(name, a["id"], a["source"], sep="\t")
        return
    if sys.argv[1] == "show":
        s = s1 if sys.argv[2] == "random" else s2
        start, end = int(sys.argv[3]), int(sys.argv[4])
        for n in range(start, min(end, len(s))):
            a = s[n]
            print(f"===== [{n}] {a['id']} {a['source']} {a['date_extracted']}")
            print("TITLE:", a["title"])
            print(a["content"])
            print()


if __name__ == "__main__":
    main()
