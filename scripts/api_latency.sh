#!/usr/bin/env bash
# API latency over loopback: p50 and p95 of N requests per route against a running
# `rasid serve` (or one this script starts on a free port with --db DB).
#
# usage: scripts/api_latency.sh DB [N]     (from the repo root; RASID=path/to/rasid)
# Prints a Markdown table: request, p50, p95, response size.
set -euo pipefail
DB=${1:?usage: scripts/api_latency.sh DB [N]}
N=${2:-15}
RASID=${RASID:-target/release/rasid}
LOG=$(mktemp)
"$RASID" serve --db "$DB" --addr 127.0.0.1:0 > "$LOG" 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do grep -q listening "$LOG" && break; sleep 0.1; done
BASE=$(sed -n 's/^listening on //p' "$LOG")
[ -n "$BASE" ] || { echo "the server did not start" >&2; exit 1; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="/?=&"))' "$1"; }
echo "| request | p50 | p95 | size |"
echo "|---|---|---|---|"
for route in "/api/stats" "/api/search?q=الحوثي" "/api/actors/houthis" "/api/actors/islamic_state" \
    "/api/events?actor=houthis" "/api/events?type=ATTACK&country=YE" \
    "/api/events?from=2015-07-01&to=2015-07-31" "/api/events.csv?actor=islamic_state" \
    "/api/graph?min_weight=2" "/api/graph?actor=houthis" "/api/places" "/api/articles?limit=50"; do
    url="$BASE$(enc "$route")"
    times=()
    size=0
    for _ in $(seq 1 "$N"); do
        read -r t s < <(curl -s -o /dev/null -w '%{time_total} %{size_download}\n' "$url")
        times+=("$t")
        size=$s
    done
    printf '%s\n' "${times[@]}" | sort -g | python3 -c '
import sys
route, size = sys.argv[1], int(sys.argv[2])
t = [float(x) for x in sys.stdin]
pct = lambda p: t[round((len(t) - 1) * p)] * 1000
kb = size / 1000
sz = f"{kb / 1000:.1f} MB" if kb >= 1000 else (f"{kb:.0f} kB" if kb >= 10 else f"{kb:.1f} kB")
print(f"| `{route}` | {pct(0.5):.0f} ms | {pct(0.95):.0f} ms | {sz} |")' "$route" "$size"
done
