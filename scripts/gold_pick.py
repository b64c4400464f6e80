#!/usr/bin/env python3
"""Draw candidate SaudiNewsNet articles for hand annotation, stratified by theatre.

usage (from the repo root):
    python3 scripts/gold_pick.py THEATRE [N]      # N candidates (default 40), one per line
    python3 scripts/gold_pick.py --list           # the theatres and their keywords

A candidate is a record whose document (title + blank line + content, the text the
extractor sees) has 600-6,000 characters, names at least three distinct keywords of the
theatre, at least two event cues, and is not yet in tests/gold/ (any folder) or in the
seed gold. Candidates are drawn at random (fixed seed, so the list is reproducible), not
ranked, so the set is not biased towards the articles an extractor finds easiest. The
annotator reads them in order and skips those that are not relevant or repeat an incident
already annotated.
"""
import glob
import gzip
import json
import os
import random
import sys

CORPUS = os.environ.get("CORPUS", "../shared/corpus/saudinewsnet/articles.jsonl.gz")
SEED = 20151

THEATRES = {
    "yemen": ["الحوثي", "صنعاء", "عدن", "تعز", "مأرب", "المقاومة الشعبية", "المخلوع", "لحج",
              "حضرموت", "المكلا", "أنصار الله", "الضالع", "شبوة"],
    "syria": ["النصرة", "جيش الفتح", "أحرار الشام", "الزبداني", "حلب", "إدلب", "درعا", "الأسد",
              "النظام السوري", "الحسكة", "الجيش الحر", "حمص", "الغوطة"],
    "iraq": ["الحشد الشعبي", "الرمادي", "الأنبار", "الفلوجة", "بيجي", "الموصل", "تكريت",
             "ديالى", "البيشمركة", "العبادي", "صلاح الدين", "بغداد"],
    "libya": ["ليبيا", "الليبي", "بنغازي", "درنة", "سرت", "حفتر", "فجر ليبيا", "مصراتة",
              "طبرق", "أنصار الشريعة"],
    "egypt": ["سيناء", "العريش", "ولاية سيناء", "بيت المقدس", "الشيخ زويد", "رفح", "الإخوان",
              "المصري", "القاهرة"],
    "somalia": ["الصومال", "الشباب", "مقديشو", "أميصوم", "الصومالي", "كينيا", "الكيني"],
    "sahel": ["بوكو حرام", "نيجيريا", "مالي", "النيجر", "تشاد", "الكاميرون", "المرابطون",
              "أزواد", "النيجيري", "باماكو"],
    "afpak": ["طالبان", "أفغانستان", "كابول", "باكستان", "الملا عمر", "وزيرستان", "هلمند",
              "قندوز", "الأفغاني", "الباكستاني", "منصور"],
    "turkey": ["العمال الكردستاني", "الكردستاني", "أنقرة", "تركيا", "سروج", "أوجلان", "التركي",
               "الأتراك", "ديار بكر"],
    "gulf": ["وزارة الداخلية", "خلية", "القطيف", "القديح", "الدمام", "الكويت", "البحرين",
             "الصوابر", "أبها", "الطوارئ", "المتحدث الأمني", "الجهات الأمنية"],
    "lebanon": ["حزب الله", "عرسال", "القلمون", "لبنان", "الجيش اللبناني", "عين الحلوة",
                "نصر الله", "اللبناني"],
    "maghreb": ["تونس", "الجزائر", "المغرب", "سوسة", "الشعانبي", "عقبة بن نافع",
                "جند الخلافة", "القصرين", "التونسي", "الجزائري"],
}

CUES = ["هجوم", "اشتباك", "كمين", "تفجير", "انتحاري", "غارة", "اغتيال", "القبض", "اعتقال",
        "ضبط", "سيطر", "طرد", "انسحاب", "بايع", "مبايعة", "انشق", "الإفراج", "إطلاق سراح",
        "اتفاق", "هدنة", "مفاوضات", "دعم", "تمويل", "مقتل", "قتلى", "استهدف"]


def annotated_ids():
    ids = set()
    for path in glob.glob("tests/gold/**/*.json", recursive=True):
        try:
            ids.add(json.load(open(path, encoding="utf-8")).get("source"))
        except (OSError, json.JSONDecodeError):
            continue
    return ids


def candidates(theatre):
    keys = THEATRES[theatre]
    taken = annotated_ids()
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in taken:
                continue
            doc = r["title"].strip() + "\n\n" + r["content"].strip()
            if not 600 <= len(doc) <= 6000:
                continue
            if sum(1 for k in keys if k in doc) < 3:
                continue
            if sum(1 for c in CUES if c in doc) < 2:
                continue
            out.append((r["id"], r["title"].strip()[:90]))
    out.sort()
    random.Random(f"{SEED}-{theatre}").shuffle(out)
    return out


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return
    if sys.argv[1] == "--list":
        for t, keys in THEATRES.items():
            print(t, "\t", "، ".join(keys))
        return
    theatre = sys.argv[1]
    if theatre not in THEATRES:
        sys.exit(f"unknown theatre {theatre!r}; one of: {', '.join(THEATRES)}")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    for rid, title in candidates(theatre)[:n]:
        print(rid, title, sep="\t")


if __name__ == "__main__":
    main()
