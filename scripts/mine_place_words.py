#!/usr/bin/env python3
"""List the one-word gazetteer names that running text mostly uses as ordinary words.

usage: scripts/mine_place_words.py [CORPUS] > kb/place_common_words.txt

For every one-word name or alias of kb/places.tsv (normalised like rasid-text, countries and
provinces left out), count its occurrences as a whole word in the corpus (default: the
SaudiNewsNet articles in ../shared) and how many of them stand in a locative phrase: a glued
«ب», or after a locative word or a place type word of kb/recognition.toml («في البركة»,
«قرية البركة»). A name seen at least MIN_SEEN times and in a locative phrase less than
MAX_LOCATIVE of the time is listed: Rasid then keeps it as a place only where a mention of
it stands in a locative phrase. The list holds gazetteer names only, no text of the corpus.
"""
import collections, csv, os, re, sys, tomllib

from kb_words import DEFAULT_CORPUS, ROOT as root, article_texts, norm

MIN_SEEN = 20
MAX_LOCATIVE = 0.25

corpus = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CORPUS
WORD = re.compile(r"[\u0621-\u064a]+|[^\s\u0621-\u064a]")


rules = tomllib.load(open(os.path.join(root, "kb", "recognition.toml"), "rb"))
context = {norm(w) for w in rules["locative_words"] + rules["place_type_words"] + rules["place_name_heads"]}

names = {}
with open(os.path.join(root, "kb", "places.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        if row["kind"] in ("country", "admin1"):
            continue
        for n in [row["name_ar"]] + [a for a in row["aliases_ar"].split("|") if a]:
            n = norm(n.strip())
            if n and " " not in n:
                names[n] = row["name_ar"]

seen = collections.Counter()
located = collections.Counter()
for text in article_texts(corpus):
    toks = WORD.findall(text)
    for i, t in enumerate(toks):
        w, glued = t, ""
        for p in ("وب", "فب", "ب", "و", "ف"):
            if w not in names and w.startswith(p) and w[len(p):] in names:
                glued, w = p, w[len(p):]
                break
        if w not in names:
            continue
        seen[w] += 1
        prev = toks[i - 1] if i > 0 else ""
        bare = prev[1:] if prev[:1] in ("و", "ف") else prev
        if "ب" in glued or prev in context or bare in context:
            located[w] += 1

print("# One-word gazetteer names that running text mostly uses as ordinary words: Rasid keeps")
print("# one as a place only where a mention stands in a locative phrase («في X», «بX», «قرية X»).")
print(f"# Made by scripts/mine_place_words.py (seen >= {MIN_SEEN} times in SaudiNewsNet, in a locative")
print(f"# phrase < {MAX_LOCATIVE:.0%} of them); edit by hand as needed. One normalised name a line.")
for w in sorted(seen):
    if seen[w] >= MIN_SEEN and located[w] / seen[w] < MAX_LOCATIVE:
        print(w)
