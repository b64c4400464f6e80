#!/usr/bin/env bash
# Score the extractor on the hand-annotated SaudiNewsNet articles of tests/gold/dev/
# (GOLD=tests/gold/train for the tuning half).
#
# usage (from the repo root): scripts/dev_eval.sh [--verbose]
#   GOLD=dir              gold folder (default tests/gold/dev)
#   RASID=path/to/rasid   extractor binary (default target/release/rasid)
#   CORPUS=path.jsonl.gz  SaudiNewsNet corpus (default ../shared/corpus/saudinewsnet/articles.jsonl.gz)
#   KEEP=dir              keep the extraction output (out.jsonl) in dir instead of a temp dir
#
# Steps: (0) check every gold file with scripts/gold_check.py;
# (1) `rasid eval --only-gold`: extract the gold records of the corpus and grade them with
# ../shared/eval/score.py (extra args such as --verbose passed on).
set -euo pipefail
cd "$(dirname "$0")/.."

GOLD=${GOLD:-tests/gold/dev}
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
python3 scripts/gold_check.py "$GOLD"

echo "== $RASID eval (extract the gold records of $CORPUS, grade with $SCORE)" >&2
"$RASID" eval --gold "$GOLD" --scorer "$SCORE" --only-gold --keep "$WORK/out.jsonl" "$CORPUS" "$@"
