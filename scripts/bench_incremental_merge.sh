#!/usr/bin/env bash
# Time `rasid ingest` of a few new documents into a big store (ingest and merge), each
# run on a fresh copy of the store, and check that the incremental merge left the store
# as a full one would.
#
#   scripts/bench_incremental_merge.sh STORE.db NEW.jsonl [RUNS]
#
# STORE.db: a merged SQLite store (e.g. the whole SaudiNewsNet corpus:
#   rasid ingest --db corpus.db ../shared/corpus/saudinewsnet/articles.jsonl.gz);
# NEW.jsonl: the documents to add (e.g. ten corpus records under new ids).
# Prints per run the whole command's wall seconds and peak memory, and the seconds the
# ingest reports (`total_seconds`: reading, extraction, storing and merge, without the
# process start and the loading of the kb and the model); then min/median/max of each,
# and whether the exports after the incremental and after `rasid merge --full` are equal
# (CHECK=0 skips that comparison).
set -euo pipefail
store=${1:?a merged SQLite store}
new=${2:?a JSON Lines file of new documents}
runs=${3:-5}
rasid=${RASID:-target/release/rasid}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# one merge first, so that a store of an older schema is migrated outside the timing
"$rasid" merge --db "$store" > /dev/null

walls=() ; mems=() ; totals=()
for i in $(seq 1 "$runs"); do
  cp "$store" "$scratch/run.db"
  sync  # the copy's writeback is not the ingest's
  /usr/bin/time -f '%e %M' -o "$scratch/time" \
    "$rasid" ingest --db "$scratch/run.db" "$new" > "$scratch/summary.json"
  read -r wall mem < "$scratch/time"
  total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total_seconds"])' "$scratch/summary.json")
  full=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["merge"]["full"])' "$scratch/summary.json")
  echo "run $i: wall ${wall} s, peak ${mem} KB, ingest+merge ${total} s (full merge: ${full})"
  walls+=("$wall"); mems+=("$mem"); totals+=("$total")
done
stats() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "min %s median %s max %s\n", a[1], a[int((NR+1)/2)], a[NR]}'; }
echo "wall seconds:          $(stats "${walls[@]}")"
echo "peak KB:               $(stats "${mems[@]}")"
echo "ingest+merge seconds:  $(stats "${totals[@]}")"

[ "${CHECK:-1}" = 0 ] && exit 0
"$rasid" export --db "$scratch/run.db" -o "$scratch/incremental.jsonl"
"$rasid" merge --full --db "$scratch/run.db" > /dev/null
"$rasid" export --db "$scratch/run.db" -o "$scratch/full.jsonl"
if cmp -s "$scratch/incremental.jsonl" "$scratch/full.jsonl"; then
  echo "exports after the incremental and the full merge: identical ($(wc -c < "$scratch/full.jsonl") bytes)"
else
  echo "exports after the incremental and the full merge DIFFER" >&2
  exit 1
fi
