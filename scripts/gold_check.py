#!/usr/bin/env python3
"""Check hand-annotated gold files before they are used.

usage (from the repo root): python3 scripts/gold_check.py [FILE_OR_DIR ...]
(default: tests/gold/train and tests/gold/dev)

Per file: valid JSON, the required fields, known event/relation/actor types, every
event actor and relation end a declared actor or person key, every event place a declared
place, a person's affiliation declared, a `theatre` from scripts/gold_pick.py, sources
unique across all files given. Then the self-test of ../shared/eval/ANNOTATION.md: a
prediction built from each file's required items must get every category right with
score.py (no miss, no false alarm; a category with nothing required is fine).
Exit 1 on any error.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

SCORE = "../shared/eval/score.py"
EVENT_TYPES = {"MEET", "AGREE", "RELEASE", "ATTACK", "ARREST", "SEIZE", "DEFECT", "PLEDGE",
               "SUPPORT", "TAKEOVER"}
REL_TYPES = {"ALLY", "HOSTILE", "MEDIATE", "DEFECT", "AFFILIATE", "LEADS", "MEMBER"}
KINDS = {"armed_group", "state", "state_force", "organization", "media", "person"}
MODALITIES = {"reported", "claimed", "alleged", "likely", "planned", "denied"}
THEATRES = {"yemen", "syria", "iraq", "libya", "egypt", "somalia", "sahel", "afpak", "turkey",
            "gulf", "lebanon", "maghreb"}


def files_of(args):
    out = []
    for a in args:
        out += sorted(glob.glob(os.path.join(a, "*.json"))) if os.path.isdir(a) else [a]
    return out


def check(path, g, err):
    for field in ("source", "articles", "actors", "places", "events", "relations"):
        if field not in g:
            err(f"missing field {field!r}")
    if "theatre" in g and g["theatre"] not in THEATRES:
        err(f"unknown theatre {g['theatre']!r}")
    for a in g.get("articles", []):
        if not isinstance(a.get("title_prefix"), str) or not isinstance(a.get("main"), bool) \
                or not isinstance(a.get("relevant"), bool):
            err(f"bad article entry {a}")
        elif len(a["title_prefix"].split()) > 8:
            err("title_prefix longer than eight words")
    keys = set()
    for sec in ("actors", "persons"):
        for a in g.get(sec, []):
            k = a.get("key")
            if not k or k in keys:
                err(f"{sec}: missing or duplicate key {k!r}")
            keys.add(k)
            if not a.get("aliases"):
                err(f"{sec}: {k} has no aliases")
            if a.get("kind") and a["kind"] not in KINDS:
                err(f"{sec}: {k} has unknown kind {a['kind']!r}")
    for a in g.get("persons", []):
        if a.get("affiliation") and a["affiliation"] not in keys:
            err(f"person {a['key']}: affiliation {a['affiliation']!r} not declared")
    places = {p.get("name") for p in g.get("places", [])}
    if None in places:
        err("a place has no name")
    for i, e in enumerate(g.get("events", [])):
        if e.get("type") not in EVENT_TYPES:
            err(f"event {i}: unknown type {e.get('type')!r}")
        if e.get("modality") and e["modality"] not in MODALITIES:
            err(f"event {i}: unknown modality {e['modality']!r}")
        for k in e.get("actors", []):
            if k not in keys:
                err(f"event {i}: actor {k!r} not declared")
        if e.get("place") and e["place"] not in places:
            err(f"event {i}: place {e['place']!r} not declared")
    for i, r in enumerate(g.get("relations", [])):
        if r.get("type") not in REL_TYPES:
            err(f"relation {i}: unknown type {r.get('type')!r}")
        for k in (r.get("a"), r.get("b")):
            if k not in keys:
                err(f"relation {i}: {k!r} not declared")


def perfect_prediction(g):
    """The output a perfect extractor would give: every required item of the file."""
    req = lambda items: [x for x in items if not x.get("optional")]
    actors = [{"id": a["key"], "kind": a.get("kind", "person"), "name_ar": a["aliases"][0],
               "mentions": []} for a in g.get("actors", []) + g.get("persons", [])]
    arts = []
    for i, a in enumerate(g["articles"]):
        art = {"title": a["title_prefix"], "main": a["main"], "relevant": a["relevant"]}
        if i == 0:
            art.update(actors=actors,
                       places=[{"name_ar": p["name"]} for p in req(g["places"])],
                       events=[{"type": e["type"], "actors": e.get("actors", []),
                                "place": e.get("place"), "date": e.get("date"),
                                "killed": e.get("killed"), "injured": e.get("injured")}
                               for e in req(g["events"])],
                       relations=[{"a": r["a"], "b": r["b"], "type": r["type"]}
                                  for r in req(g["relations"])])
        arts.append(art)
    return {"source": g["source"], "articles": arts}


def self_score(goods):
    tmp = tempfile.mkdtemp()
    try:
        with open(os.path.join(tmp, "pred.jsonl"), "w", encoding="utf-8") as out:
            for path, g in goods:
                shutil.copy(path, tmp)
                out.write(json.dumps(perfect_prediction(g), ensure_ascii=False) + "\n")
        r = subprocess.run([sys.executable, SCORE, tmp, os.path.join(tmp, "pred.jsonl")],
                           capture_output=True, text=True)
        # every category without a miss or a false alarm (a category with nothing required,
        # 0/0/0, is fine: score.py counts it as F1 0 in its mean)
        bad = []
        for line in r.stdout.splitlines():
            parts = line.split()
            if len(parts) == 5 and parts[4].count("/") == 2 and parts[4][0].isdigit():
                tp, fp, fn = (int(x) for x in parts[4].split("/"))
                if fp or fn:
                    bad.append(f"{parts[0]} {parts[4]}")
        return bad if r.returncode == 0 or bad else [f"score.py failed: {r.stderr.strip()}"]
    finally:
        shutil.rmtree(tmp)


def main(argv):
    files = files_of(argv or ["tests/gold/train", "tests/gold/dev"])
    errors, sources, goods = [], {}, []
    for path in files:
        name = os.path.relpath(path)
        err = lambda msg, name=name: errors.append(f"{name}: {msg}")
        try:
            g = json.load(open(path, encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            err(f"invalid JSON: {e}")
            continue
        before = len(errors)
        check(path, g, err)
        if g.get("source") in sources:
            err(f"source {g.get('source')!r} also in {sources[g['source']]}")
        sources[g.get("source")] = name
        if len(errors) == before:
            goods.append((path, g))
    if goods:
        bad = self_score(goods)
        if bad:
            errors.append("a prediction of the required items is not perfect ("
                          + ", ".join(bad) + "); check the files one by one to find which")
    for e in errors:
        print("gold error:", e, file=sys.stderr)
    print(f"{len(files)} gold files, {len(errors)} errors", file=sys.stderr)
    return 1 if errors or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
