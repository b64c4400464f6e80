#!/usr/bin/env python3
"""Mine a lexicon of Arabic person-name tokens from ANERcorp's TRAINING split.

usage: scripts/mine_person_names.py > kb/person_names.txt
Keeps tokens tagged B-PERS/I-PERS as a person at least half of the
times they occur, normalised like rasid-text (diacritics, tatweel, alef forms, ta marbuta,
alef maqsura); a token that is «و» and another mined name is left out. ANERcorp (Benajiba et al.) is distributed by
CAMeL Lab under CC BY-SA 4.0; the derived list keeps that licence (see kb/README.md).
The test split is never read.
"""
import collections, os, re, sys

from kb_words import ROOT, norm

path = os.path.join(ROOT, "..", "shared", "eval", "ner", "anercorp_train.conll")


# Names that open with «و» though their rest is also a name: «وائل», «وقاص».
WA_NAMES = {"وايل", "وقاص"}

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
names = {t for t, n in person.items() if n >= 1 and n / total[t] >= 0.5}
# ANERcorp's tokens keep the conjunction: «ومحمد» is «و» + a name the list holds, not a name
# (the names that do open with «و» and whose rest is a name too are kept)
names = sorted(t for t in names
               if not (t.startswith("و") and len(t) >= 4 and t[1:] in names and t not in WA_NAMES))
print("# Arabic person-name tokens mined from ANERcorp (train split) by scripts/mine_person_names.py")
print("# CC BY-SA 4.0 (ANERcorp, Benajiba et al., distributed by CAMeL Lab). One normalised token a line.")
for t in names:
    print(t)
print(f"{len(names)} names", file=sys.stderr)
