#!/usr/bin/env bash
# Check the served API against its own OpenAPI document with schemathesis: every value
# the document allows must be answered (2xx, or a documented 404 for an unknown actor),
# every value it rules out refused with a 4xx, every answer as documented (status, content
# type, JSON schema). Builds nothing: ingests examples/ into a temporary store, serves it
# on a free port, runs every check with a bounded number of cases, stops the server.
# Exits non-zero on any failure.
#
# The server accepts reviews (a token file with a random token), and schemathesis is given
# no token: every write must be refused with 401, as the document says (its checks expect
# 401 for a request without `Authorization`; a read-only server answers 403 to every
# write, with or without one, which tests/web_api.rs checks).
#
# usage (from anywhere): scripts/schemathesis.sh RASID PYTHON
#   RASID        a rasid binary (e.g. target/release/rasid)
#   PYTHON       a python3 with scripts/schemathesis-requirements.txt installed
#   EXAMPLES=n   cases per operation (default 50)
#   SEED=n       hypothesis seed (default 1, so that runs repeat; SEED= for a random one)
set -euo pipefail
cd "$(dirname "$0")/.."

RASID=$(realpath "${1:?usage: scripts/schemathesis.sh RASID PYTHON}")
PYTHON=${2:?usage: scripts/schemathesis.sh RASID PYTHON}
EXAMPLES=${EXAMPLES:-50}
SEED=${SEED-1}

WORK=$(mktemp -d)
SERVER=
stop() {
    if [[ -n "$SERVER" ]]; then
        kill "$SERVER" 2>/dev/null || true
        wait "$SERVER" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop EXIT

echo "== ingesting examples/ into $WORK/rasid.db"
"$RASID" ingest examples/ --db "$WORK/rasid.db" >"$WORK/ingest.json"

(umask 077 && echo "schemathesis $(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$WORK/tokens")

mkfifo "$WORK/out"
"$RASID" serve --db "$WORK/rasid.db" --addr 127.0.0.1:0 --write-token-file "$WORK/tokens" \
    >"$WORK/out" 2>"$WORK/serve.log" &
SERVER=$!
exec 3<"$WORK/out"
if ! read -r -t 30 line <&3 || [[ "$line" != "listening on "* ]]; then
    echo "schemathesis.sh: the server did not start: ${line:-}" >&2
    cat "$WORK/serve.log" >&2
    exit 1
fi
cat <&3 >/dev/null & # keep draining the server's stdout
BASE=${line#listening on }
echo "== schemathesis against $BASE/api/openapi.json ($EXAMPLES cases per operation)"

# One worker: with two, Hypothesis parses source in both threads at once, and CPython's AST
# constructor is not thread-safe ("SystemError: AST constructor recursion depth mismatch",
# reported as a flaky Runtime Error of schemathesis itself, not of the API).
args=(run "$BASE/api/openapi.json" --checks all --max-examples "$EXAMPLES"
    --workers 1 --request-timeout 30)
[[ -n "$SEED" ]] && args+=(--seed "$SEED")
status=0
(cd "$WORK" && "$PYTHON" -m schemathesis.cli "${args[@]}") || status=$?
if [[ $status -ne 0 ]]; then
    echo "schemathesis.sh: schemathesis failed (exit $status)" >&2
    tail -20 "$WORK/serve.log" >&2
fi
exit "$status"
