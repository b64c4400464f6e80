#!/usr/bin/env python3
"""Check the signs of the actor graph built over a corpus against well-known alignments.

For every unordered actor pair, counts the articles (duplicates skipped) whose relations
assert ALLY and those asserting HOSTILE; then, for each pair of a list of belligerents
whose alignment is known (tests/graph_pairs.tsv: a, b, ALLY|HOSTILE, reason), prints both
weights and whether the majority is right, and the share of the list's ALLY+HOSTILE
weight on the right sign. The list is for measuring only: the extractor never reads it.

usage (from the repo root):
  scripts/graph_check.py [--jsonl OUT.jsonl] [--rasid target/release/rasid]
                         [--corpus ../shared/corpus/saudinewsnet/articles.jsonl.gz]
                         [--pairs tests/graph_pairs.tsv] [--min-share 0.9] [--top N]
Without --jsonl (or when the file does not exist) runs `rasid extract` over the corpus
(and writes its output to --jsonl when given). Exit 1 when the share is below
--min-share or a pair has a wrong majority (with --strict).
"""

import argparse
import collections
import json
import os
import subprocess
import sys

SIGNS = ("ALLY", "HOSTILE")


def read_pairs(path):
    pairs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4 or cols[2] not in SIGNS:
                sys.exit(f"{path}:{n}: expected a<TAB>b<TAB>ALLY|HOSTILE<TAB>reason")
            pairs.append((cols[0], cols[1], cols[2], cols[3]))
    return pairs


def records(args):
    if args.jsonl and os.path.exists(args.jsonl):
        with open(args.jsonl, encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)
        return
    cmd = [args.rasid, "extract", args.corpus]
    print("== " + " ".join(cmd), file=sys.stderr)
    out = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, encoding="utf-8") as p:
        for line in p.stdout:
            if out:
                out.write(line)
            yield json.loads(line)
    if out:
        out.close()
    if p.returncode not in (0, 1):
        sys.exit(f"rasid extract failed with exit code {p.returncode}")


def weights(args):
    """(a, b) sorted -> Counter of sign -> articles asserting it."""
    w = collections.defaultdict(collections.Counter)
    for doc in records(args):
        for art in doc.get("articles", []):
            if art.get("duplicate_of"):
                continue
            seen = set()
            for r in art.get("relations", []):
                if r.get("type") not in SIGNS:
                    continue
                key = tuple(sorted((r["a"], r["b"])))
                seen.add((key, r["type"]))
            for key, sign in seen:
                w[key][sign] += 1
    return w


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jsonl", help="rasid extract output to read (or to write when missing)")
    ap.add_argument("--rasid", default="target/release/rasid")
    ap.add_argument("--corpus", default="../shared/corpus/saudinewsnet/articles.jsonl.gz")
    ap.add_argument("--pairs", default="tests/graph_pairs.tsv")
    ap.add_argument("--min-share", type=float, default=0.0,
                    help="exit 1 when the share of weight on the right sign is below this")
    ap.add_argument("--strict", action="store_true", help="exit 1 on any wrong majority")
    ap.add_argument("--top", type=int, default=0,
                    help="also print the N heaviest pairs of the whole graph")
    args = ap.parse_args()

    pairs = read_pairs(args.pairs)
    w = weights(args)

    right_total = wrong_total = 0
    wrong_pairs = []
    print(f"{'a':<26} {'b':<26} {'expect':<8} {'ALLY':>5} {'HOST':>5}  majority")
    for a, b, sign, _reason in pairs:
        c = w.get(tuple(sorted((a, b))), collections.Counter())
        right = c[sign]
        wrong = c["HOSTILE" if sign == "ALLY" else "ALLY"]
        right_total += right
        wrong_total += wrong
        if right + wrong == 0:
            verdict = "-"
        elif right > wrong:
            verdict = "right"
        elif right == wrong:
            verdict = "TIE"
            wrong_pairs.append((a, b))
        else:
            verdict = "WRONG"
            wrong_pairs.append((a, b))
        print(f"{a:<26} {b:<26} {sign:<8} {c['ALLY']:>5} {c['HOSTILE']:>5}  {verdict}")

    total = right_total + wrong_total
    share = right_total / total if total else 0.0
    seen = sum(1 for a, b, _, _ in pairs if sum(w.get(tuple(sorted((a, b))), {}).values()))
    print()
    print(f"pairs: {len(pairs)} listed, {seen} with ALLY/HOSTILE weight, "
          f"{len(wrong_pairs)} with a wrong majority or a tie")
    print(f"weight on the right sign: {right_total}/{total} = {share:.3f}")

    if args.top:
        print()
        print(f"heaviest {args.top} pairs of the graph:")
        heavy = sorted(w.items(), key=lambda kv: -sum(kv[1].values()))[: args.top]
        for (a, b), c in heavy:
            print(f"{a:<26} {b:<26} ALLY {c['ALLY']:>5}  HOSTILE {c['HOSTILE']:>5}")

    if share < args.min_share or (args.strict and wrong_pairs):
        sys.exit(1)


if __name__ == "__main__":
    main()
