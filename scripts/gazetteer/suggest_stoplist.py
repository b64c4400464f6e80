#!/usr/bin/env python3
"""List place names of a built places.tsv that are also frequent Arabic words, to review
by hand for stoplist.txt.  Not part of the build (needs wordfreq, requirements-dev.txt).

    python3 scripts/gazetteer/suggest_stoplist.py kb/places.tsv 3.6 > /tmp/candidates.tsv

Columns: zipf frequency (max of the name and the name without its article), name,
P(rimary)/A(lias), id, name_en, kind, country, population, source.
"""
import csv
import sys

from wordfreq import zipf_frequency


def main() -> None:
    path, threshold = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3.6
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = []
    for r in rows:
        names = [r["name_ar"]] + [a for a in r["aliases_ar"].split("|") if a]
        for i, n in enumerate(names):
            z = zipf_frequency(n, "ar")
            if n.startswith("ال"):
                z = max(z, zipf_frequency(n[2:], "ar"))
            if z >= threshold:
                out.append((z, n, "P" if i == 0 else "A", r["id"], r["name_en"], r["kind"],
                            r["country"], r["population"], r["source"]))
    out.sort(key=lambda o: (-o[0], o[1], o[3]))
    for o in out:
        print("%.2f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s" % o)


if __name__ == "__main__":
    main()
