#!/usr/bin/env bash
# Rebuild the two NER models of models/ (see models/README.md), then the binary that
# bundles the default one. Deterministic: same kb, same bytes.
#
# usage (from the repo root): scripts/build_ner_models.sh
#   CORPUS=path.jsonl.gz   SaudiNewsNet corpus (default ../shared/corpus/saudinewsnet/articles.jsonl.gz)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus/saudinewsnet/articles.jsonl.gz}
cargo build --release
target/release/rasid ner-train --unlabelled "$CORPUS" --out models/ner/rasid-ner.model
target/release/rasid ner-train --out models/ner-anercorp/rasid-ner.model
cargo build --release
ls -l models/ner/rasid-ner.model models/ner-anercorp/rasid-ner.model
