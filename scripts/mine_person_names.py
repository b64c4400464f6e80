#!/usr/bin/env python3
"""Mine a lexicon of Arabic person-name tokens from ANERcorp's TRAINING split.

usage: scripts/mine_person_names.py > kb/person_names.txt
Keeps tokens tagged B-PERS/I-PERS as a person at least half of the
times they occur, normalised like rasid-text (diacritics, tatweel, alef forms, ta marbuta,
alef maqsura) and without proclitics و/ب/ل. ANERcorp (Benajiba et al.) is distributed by
CAMeL Lab under CC BY-SA 4.0; the derived list keeps that licence (see kb/README.md).
The test split is never read.
"""
import collections, os, re, sys

from kb_words import ROOT, norm

path = os.path.join(ROOT, "..", "shared", "eval", "ner", "anercorp_train.conll")


person = collections.Counter()
total = collections.Counter()
for line in open(path, encoding="utf-8"):
    parts = line.split()
    if len(parts) < 2:
        continue
    tok, tag = norm(parts[0]), parts[-1]
    if len(tok) < 2 or not re.fullmatch(r"[\u0621-\u064a]+", tok):
        continue
    total[tok] += 1
    if tag.endswith("PERS"):
        person[tok] += 1
names = sorted(t for t, n in person.items() if n >= 1 and n / total[t] >= 0.5)
print("# Arabic person-name tokens mined from ANERcorp (train split) by scripts/mine_person_names.py")
print("# CC BY-SA 4.0 (ANERcorp, Benajiba et al., distributed by CAMeL Lab). One normalised token a line.")
for t in names:
    print(t)
print(f"{len(names)} names", file=sys.stderr)
