#!/usr/bin/env bash
# Score the extractor on the hand-annotated SaudiNewsNet development set in tests/gold/.
#
# usage (from the repo root): scripts/dev_eval.sh [--verbose]
#   RASID=path/to/rasid   extractor binary (default target/release/rasid)
#   CORPUS=path.jsonl.gz  SaudiNewsNet corpus (default ../shared/corpus/saudinewsnet/articles.jsonl.gz)
#   KEEP=dir              keep the extraction output (out.jsonl) in dir instead of a temp dir
#
# Steps: (0) check every gold file (valid JSON, required fields, every event/relation
# key is a declared actor/person, every event place is a declared place, sources unique);
# (1) `rasid eval --only-gold`: extract the gold records of the corpus and grade them with
# ../shared/eval/score.py (extra args such as --verbose passed on).
set -euo pipefail
cd "$(dirname "$0")/.."

GOLD=tests/gold
CORPUS=${CORPUS:-../shared/corpus/saudinewsnet/articles.jsonl.gz}
RASID=${RASID:-target/release/rasid}
SCORE=../shared/eval/score.py

if [[ -n "${KEEP:-}" ]]; then
    WORK=$KEEP
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi

echo "== checking gold files in $GOLD" >&2
python3 - "$GOLD" <<'PY'
import glob, json, os, sys

gold_dir = sys.argv[1]
EVENT_TYPES = {"MEET", "AGREE", "RELEASE", "ATTACK", "ARREST", "SEIZE", "DEFECT", "PLEDGE", "SUPPORT", "TAKEOVER"}
REL_TYPES = {"ALLY", "HOSTILE", "MEDIATE", "DEFECT", "AFFILIATE", "LEADS", "MEMBER"}
KINDS = {"armed_group", "state", "state_force", "organization", "media", "person"}
errors, sources = [], {}
files = sorted(glob.glob(os.path.join(gold_dir, "*.json")))
for path in files:
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    try:
        g = json.load(open(path, encoding="utf-8"))
    except json.JSONDecodeError as e:
        err(f"invalid JSON: {e}")
        continue
    for field in ("source", "articles", "actors", "places", "events", "relations"):
        if field not in g:
            err(f"missing field {field!r}")
    if g.get("source") in sources:
        err(f"source {g.get('source')!r} also in {sources[g['source']]}")
    sources[g.get("source")] = name
    for a in g.get("articles", []):
        if not isinstance(a.get("title_prefix"), str) or not isinstance(a.get("main"), bool) or not isinstance(a.get("relevant"), bool):
            err(f"bad article entry {a}")
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
    for sec in ("persons",):
        for a in g.get(sec, []):
            if a.get("affiliation") and a["affiliation"] not in keys:
                err(f"person {a['key']}: affiliation {a['affiliation']!r} not declared")
    places = {p.get("name") for p in g.get("places", [])}
    if None in places:
        err("a place has no name")
    for i, e in enumerate(g.get("events", [])):
        if e.get("type") not in EVENT_TYPES:
            err(f"event {i}: unknown type {e.get('type')!r}")
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
for e in errors:
    print("gold error:", e, file=sys.stderr)
print(f"{len(files)} gold files, {len(errors)} errors", file=sys.stderr)
sys.exit(1 if errors or not files else 0)
PY

echo "== $RASID eval (extract the gold records of $CORPUS, grade with $SCORE)" >&2
"$RASID" eval --gold "$GOLD" --scorer "$SCORE" --only-gold --keep "$WORK/out.jsonl" "$CORPUS" "$@"
