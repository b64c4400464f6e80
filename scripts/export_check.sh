#!/usr/bin/env bash
# Export the store of the whole SaudiNewsNet corpus in every format, check each file with
# its ecosystem's own parser (scripts/validate_exports/validate.py) and check that a second
# export gives the same bytes. Prints the time, peak memory and size of each export.
#
# usage (from the repo root): scripts/export_check.sh PYTHON
#   PYTHON                 a python3 with scripts/validate_exports/requirements.txt installed
#   RASID=path/to/rasid    binary (default target/release/rasid)
#   CORPUS=path.jsonl.gz   corpus (default ../shared/corpus/saudinewsnet/articles.jsonl.gz)
#   KEEP=dir               keep the store and the exports in dir
#   STIX_SAMPLE=n          run stix2validator over n objects of the bundle, the same share
#                          of each type (ids and references still checked over all; default
#                          every object, which takes about two minutes on the whole corpus)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${1:?usage: scripts/export_check.sh PYTHON}
RASID=${RASID:-target/release/rasid}
CORPUS=${CORPUS:-../shared/corpus/saudinewsnet/articles.jsonl.gz}
if [[ -n "${KEEP:-}" ]]; then
    WORK=$KEEP
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi
DB=$WORK/corpus.db

echo "== ingesting $CORPUS into $DB"
rm -f "$DB"
"$RASID" ingest --db "$DB" "$CORPUS" >"$WORK/ingest.json"
cat "$WORK/ingest.json"
echo

declare -A FILES=([acled-csv]=events.acled.csv [stix]=rasid.stix.json [graphml]=graph.graphml
    [gexf]=graph.gexf [geojson]=events.geojson [jsonl]=rasid.jsonl)
printf '%-10s %10s %10s %12s\n' format seconds peak_MB bytes
for format in jsonl acled-csv stix graphml gexf geojson; do
    out=$WORK/${FILES[$format]}
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$RASID" export --db "$DB" --format "$format" -o "$out" 2>"$WORK/summary"
    read -r secs kb <"$WORK/time"
    printf '%-10s %10s %10d %12d\n' "$format" "$secs" $((kb / 1024)) "$(stat -c %s "$out")"
    "$RASID" export --db "$DB" --format "$format" 2>/dev/null | cmp -s - "$out" ||
        { echo "export_check: a second $format export differs" >&2; exit 1; }
done
echo "== validating with each ecosystem's parser"
"$PYTHON" scripts/validate_exports/validate.py ${STIX_SAMPLE:+--stix-sample "$STIX_SAMPLE"} "$WORK"
