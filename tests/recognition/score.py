"""Precision per type from judgements.tsv (hand labels), with breakdowns by recogniser rule.

Usage: python3 score.py   (needs /tmp/corpus_rec.jsonl for the rule breakdowns)
"""
import collections
import csv
import math

import sample


def wilson(k, n, z=1.96):
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return ((c - h) / d, (c + h) / d)


def line(name, k, n):
    lo, hi = wilson(k, n)
    p = k / n if n else float("nan")
    print(f"| {name} | {k}/{n} | {p:.3f} | {lo:.2f}–{hi:.2f} |")


def main():
    rows = list(csv.DictReader(open("judgements.tsv", encoding="utf-8"), delimiter="\t"))
    print("| type | correct/judged | precision | 95% Wilson |")
    print("|---|---|---|---|")
    for t in ("actor", "person", "place"):
        rs = [r for r in rows if r["type"] == t]
        line(t + "s", sum(r["verdict"] == "1" for r in rs), len(rs))
    aff = [r for r in rows if r["type"] == "person" and r["affiliation"] in ("1", "0")]
    line("person affiliations (assigned)", sum(r["affiliation"] == "1" for r in aff), len(aff))
    for t in ("actor", "place"):
        rs = [r for r in rows if r["type"] == t]
        k = sum(r["verdict"] == "1" or r["reason"].startswith("Borderline") for r in rs)
        line(t + "s, borderline counted correct", k, len(rs))
    sup = list(csv.DictReader(open("affiliations_supplement.tsv", encoding="utf-8"), delimiter="\t"))
    line("supplement: person names (affiliated persons)", sum(r["name_verdict"] == "1" for r in sup), len(sup))
    line("supplement: person affiliations", sum(r["affiliation_verdict"] == "1" for r in sup), len(sup))
    k = sum(r["affiliation_verdict"] == "1" or r["reason"].startswith("Borderline") for r in sup)
    line("supplement: affiliations, borderline counted correct", k, len(sup))
    print(f"\npersons with no affiliation assigned: "
          f"{sum(r['type'] == 'person' and r['affiliation'] == 'none' for r in rows)}")
    misses = collections.Counter(r["item"].split(":", 1)[0] for r in rows if r["type"] == "miss")
    print("misses:", dict(misses), "total", sum(misses.values()))
    print("borderline verdicts:", sum(r["reason"].startswith("Borderline") for r in rows))

    # rule breakdowns
    verdict = {(r["doc_id"], r["item"]): r["verdict"] for r in rows if r["type"] != "miss"}
    s, _ = sample.draw()
    by_rule = collections.defaultdict(lambda: [0, 0])
    for d in s:
        m = sample.main_article(d)
        for a in m["actors"]:
            if a["kind"] == "person":
                continue
            rules = sorted({x["rule"].split("+")[-1] if "shared_name" in x["rule"] else x["rule"].split(":")[1]
                            for x in a["mentions"] if "anaphora" not in x["rule"]})
            key = "actor:" + ("alias" if rules == ["alias"] else "shared_name(" + ",".join(r for r in rules if r != "alias") + ")")
            v = verdict[(d["source"], a["id"])]
            by_rule[key][0] += v == "1"
            by_rule[key][1] += 1
        for p in m["places"]:
            rules = {x["rule"] for x in p["mentions"]}
            key = "place:" + ("type_word only" if rules == {"place:type_word"} else
                              "gazetteer (country or multi-word)" if rules == {"place:gazetteer"} else "type_word+gazetteer")
            if key == "place:gazetteer (country or multi-word)" and len(p["name_ar"].split()) == 1 and p["country"] and p.get("admin1") is not None:
                key = "place:gazetteer (one-word, sub-national)"
            v = verdict[(d["source"], f"{p['name_ar']} [{p['country']}]")]
            by_rule[key][0] += v == "1"
            by_rule[key][1] += 1
    print("\n| rule | correct/judged | precision |")
    print("|---|---|---|")
    for k in sorted(by_rule):
        c, n = by_rule[k]
        print(f"| {k} | {c}/{n} | {c / n:.2f} |")


if __name__ == "__main__":
    main()
