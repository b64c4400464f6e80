#!/usr/bin/env python3
"""List the words that read as proclitics + a gazetteer name but are words of their own.

usage: scripts/mine_glued_words.py [CORPUS]

«لجنة» reads as «ل» + «جنة» (a town in Mali), «بلاتر» as «ب» + «لاتر», «فاطمة» as «ف» +
«اطمة». For every word of the corpus (default: the SaudiNewsNet articles in ../shared) that
splits into proclitics (و|ف)? (ب|ل|ك)? + a one-word name of kb/places.tsv, the split is
suspect when the whole word is seen at least MIN_SEEN times and more than RATIO times as often
as the name standing alone: a real place glued to «ب» («بعدن») is rarer than the place itself.
Splits that kb/clitics.toml already forbids are left out. The output is a review list
(count, word, name, count of the name alone), not a file to paste: add the words that are
words, in ordinary spelling, to `protected` in kb/clitics.toml (a «و»/«ف» + place such as
«والكوت» is a real split and stays out).
"""
import collections, csv, os, re, sys, tomllib

from kb_words import DEFAULT_CORPUS, ROOT as root, article_texts, norm

MIN_SEEN = 15
RATIO = 2

corpus = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CORPUS
WORD = re.compile(r"[\u0621-\u064a]+")

names = set()
with open(os.path.join(root, "kb", "places.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        for n in [row["name_ar"]] + [a for a in row["aliases_ar"].split("|") if a]:
            n = norm(n.strip())
            if n and " " not in n:
                names.add(n)

protected = tomllib.load(open(os.path.join(root, "kb", "clitics.toml"), "rb"))["protected"]
exact = {norm(p) for p in protected if not p.endswith("*")}
prefixes = {norm(p[:-1]) for p in protected if p.endswith("*")}


def protects(rest):
    return rest in exact or any(rest.startswith(p) for p in prefixes)


def bounds(word):
    """Where a proclitic reading of `word` may start its rest: the word start, after «و»/«ف»,
    after «ب»/«ل», after «ك» before the article (as the phrase matcher reads it)."""
    b, i = [0], 0
    if word[:1] in ("و", "ف"):
        i = 1
        b.append(i)
    if word[i : i + 1] in ("ب", "ل") or (word[i : i + 1] == "ك" and word[i + 1 : i + 3] == "ال"):
        b.append(i + 1)
    return b


alone = collections.Counter()
glued = collections.Counter()
for text in article_texts(corpus):
    for w in WORD.findall(text):
        if w in names:
            alone[w] += 1
            continue
        for b in bounds(w)[1:]:
            if w[b:] in names:
                glued[(w, w[b:])] += 1
                break

rows = []
for (w, n), c in glued.items():
    stem = len(w) - len(n)
    if any(protects(w[b:]) for b in bounds(w) if b < stem):
        continue
    if c >= MIN_SEEN and c > RATIO * alone[n]:
        rows.append((c, w, n, alone[n]))
for c, w, n, a in sorted(rows, reverse=True):
    print(f"{c}\t{w}\t{n}\t{a}")
