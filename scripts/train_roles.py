#!/usr/bin/env python3
"""Fit the learned role layer (kb/roles.toml) on the tuning gold.

usage (from the repo root):
    python3 scripts/train_roles.py fit [GOLD_DIR]     # default tests/gold/train; rewrites kb/roles.toml
                                                      # (layer off unless --enable)
    python3 scripts/train_roles.py check [GOLD_DIR]   # default tests/gold/dev; rules alone vs with the layer
  options: --rasid BIN   extractor binary (default target/release/rasid, or $RASID)

`fit`: the gold documents are extracted twice, as JSON (to map actor ids to gold keys with
the grader's own name matching) and with `rasid extract --role-readings` (the rules' roles
and each actor's features for every trigger, computed by
`crates/rasid-extract/src/events/role_model.rs`). Each reading is aligned with the gold
event of its type that shares most actors with its sentence (readings sharing none are left
out: nothing says what their roles should be). Each actor of an aligned reading is labelled
doer (the gold event's first actor; any of its actors for a meeting or an agreement) and
party (any of its actors). Two L2-regularised logistic models are fitted (plain gradient
descent, as scripts/calibrate.py), then the thresholds at which they overrule the rules are
chosen by running the grader on the tuning gold for each setting (a kb overlay holding only
roles.toml): the setting with the best event_roles F1 wins, ties going to the one that
changes least. The file is written with `enabled = false` unless `--enable` is given.
`check` grades GOLD_DIR with the layer off and on (whatever `enabled` says).
"""
import glob
import gzip
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import calibrate  # noqa: E402  (the grader's id mapping and the logistic fit)
import score  # noqa: E402  (imported by calibrate from ../shared/eval)

CORPUS = os.environ.get("CORPUS", "../shared/corpus/saudinewsnet/articles.jsonl.gz")
KB_FILE = "kb/roles.toml"
MIN_COUNT = 2
GRID = [
    {"drop_below": d, "doer_above": a, "margin": m}
    for d in (0.0, 0.1, 0.2, 0.3)
    for a in (0.5, 0.6, 0.7, 0.8, 1.0)
    for m in (0.0, 0.2, 0.4)
]


def golds_of(gold_dir):
    out = {}
    for path in sorted(glob.glob(os.path.join(gold_dir, "*.json"))):
        g = json.load(open(path, encoding="utf-8"))
        out[g["source"]] = g
    return out


def gold_records(golds, work):
    """The corpus records of the gold documents, in one JSON Lines file."""
    path = os.path.join(work, "gold_records.jsonl")
    found = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for line in f:
            rec = json.loads(line)
            if rec.get("id") in golds:
                out.write(line)
                found += 1
    if found != len(golds):
        sys.exit(f"train_roles: {found} of {len(golds)} gold sources found in {CORPUS}")
    return path


def run(rasid, args, out_path):
    with open(out_path, "w", encoding="utf-8") as out:
        subprocess.run([rasid, *args], check=True, stdout=out)


def labelled_reads(golds, pred_path, readings_path):
    """(features, is_doer, is_party) for every actor of every aligned reading."""
    keys_of = {}
    for line in open(pred_path, encoding="utf-8"):
        r = json.loads(line)
        g = golds.get(r.get("source"))
        if g is not None:
            arts = [a for a in r.get("articles") or [] if a.get("relevant") is not False]
            keys_of[r["source"]] = calibrate.id_to_key(g, arts)
    rows, aligned, total = [], 0, 0
    for line in open(readings_path, encoding="utf-8"):
        doc = json.loads(line)
        g = golds.get(doc["source"])
        if g is None:
            continue
        keys = keys_of.get(doc["source"], {})
        for reading in doc["readings"]:
            total += 1
            actors = {keys.get(r["actor"], "?" + r["actor"]) for r in reading["reads"]}
            best, shared = None, 0
            for ge in g["events"]:
                if ge["type"] != reading["event_type"]:
                    continue
                n = len(actors & set(ge.get("actors") or []))
                if n > shared:
                    best, shared = ge, n
            if best is None:
                continue
            aligned += 1
            want = best.get("actors") or []
            symmetric = best["type"] in score.SYMMETRIC_EVENTS
            for r in reading["reads"]:
                k = keys.get(r["actor"], "?" + r["actor"])
                doer = (k in want) if symmetric else (bool(want) and k == want[0])
                rows.append((set(r["features"]), doer, k in want))
    return rows, aligned, total


def write_kb(path, decide, models, enabled):
    lines = [
        "# The learned role layer: two logistic models over the features of each actor of a",
        "# trigger's sentence (is it the doer, is it a party), p = 1 / (1 + e^-(bias + the",
        "# weights of its features)), and when they overrule the rules' roles. Written by",
        "# `python3 scripts/train_roles.py fit tests/gold/train` (do not tune by hand: re-run it",
        "# after a change to the rules, then scripts/calibrate.py fit). Features: TEMPLATE=value,",
        "# templates in crates/rasid-kb/src/roles.rs, computed in",
        "# crates/rasid-extract/src/events/role_model.rs. With enabled = false the rules'",
        "# roles stand: switch it on (`fit --enable`) only when `check` shows it beats the",
        "# rules on tests/gold/dev and a read of its changes over the corpus bears it out",
        "# (docs/results.md).",
        "version = 1",
        f"enabled = {'true' if enabled else 'false'}",
        "",
        "[decide]",
    ]
    lines += [f"{k} = {v}" for k, v in decide.items()]
    for name, (bias, w) in models.items():
        lines += ["", f"[{name}]", f"bias = {bias:.4f}", "", f"[{name}.weights]"]
        for k in sorted(w):
            if abs(w[k]) >= 0.01:
                lines.append(f"{json.dumps(k, ensure_ascii=False)} = {w[k]:.4f}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def grade(rasid, gold_dir, records, overlay=None):
    """The grader's figures for the gold documents (extraction with an optional kb overlay)."""
    with tempfile.TemporaryDirectory() as work:
        pred = os.path.join(work, "out.jsonl")
        run(rasid, (["--kb", overlay] if overlay else []) + ["extract", records], pred)
        out = subprocess.run(["python3", "../shared/eval/score.py", gold_dir, pred],
                             check=True, capture_output=True, text=True).stdout
    figures = {}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("score:"):
            figures["score"] = float(parts[1])
        elif len(parts) == 5 and parts[0] in ("events", "event_roles", "relations", "events_fine"):
            figures[parts[0]] = float(parts[3])
    return figures


def fit(gold_dir, rasid, enable):
    golds = golds_of(gold_dir)
    with tempfile.TemporaryDirectory() as work:
        records = gold_records(golds, work)
        pred = os.path.join(work, "out.jsonl")
        readings = os.path.join(work, "readings.jsonl")
        run(rasid, ["extract", records], pred)
        run(rasid, ["extract", "--role-readings", records], readings)
        rows, aligned, total = labelled_reads(golds, pred, readings)
        print(f"{aligned} of {total} trigger readings aligned with a gold event; "
              f"{len(rows)} actors ({sum(d for _, d, _ in rows)} doers, "
              f"{sum(p for _, _, p in rows)} parties)")
        counts = {}
        for on, _, _ in rows:
            for k in on:
                counts[k] = counts.get(k, 0) + 1
        names = sorted(k for k, n in counts.items() if n >= MIN_COUNT)
        models = {
            "doer": calibrate.fit_logistic([(on, d) for on, d, _ in rows], names, steps=1500),
            "party": calibrate.fit_logistic([(on, p) for on, _, p in rows], names, steps=1500),
        }
        overlay = os.path.join(work, "kb")
        os.makedirs(overlay)
        results = []
        for decide in GRID:
            write_kb(os.path.join(overlay, "roles.toml"), decide, models, True)
            fig = grade(rasid, gold_dir, records, overlay)
            change = decide["drop_below"] + (1.0 - decide["doer_above"]) - decide["margin"]
            results.append((fig.get("event_roles", 0.0), fig.get("score", 0.0), -change, decide))
            print(f"  {decide}: event_roles {fig.get('event_roles')}, score {fig.get('score')}")
        results.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
        best = results[0][3]
        write_kb(os.path.join(overlay, "roles.toml"), best, models, False)
        off = grade(rasid, gold_dir, records, overlay)
        print(f"rules alone: {off}")
        print(f"chosen: {best}: event_roles {results[0][0]}, score {results[0][1]}")
        write_kb(KB_FILE, best, models, enable)
    print(f"wrote {KB_FILE}; rebuild rasid (the built-in kb is compiled in), re-fit "
          f"kb/confidence.toml (scripts/calibrate.py fit) and run "
          f"`python3 scripts/train_roles.py check` on tests/gold/dev")


def check(gold_dir, rasid):
    golds = golds_of(gold_dir)
    with tempfile.TemporaryDirectory() as work:
        records = gold_records(golds, work)
        overlay = os.path.join(work, "kb")
        os.makedirs(overlay)
        text = open(KB_FILE, encoding="utf-8").read()
        for name, on in (("rules alone", "false"), ("with the layer", "true")):
            lines = [f"enabled = {on}" if line.startswith("enabled =") else line
                     for line in text.splitlines()]
            with open(os.path.join(overlay, "roles.toml"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            print(f"{name + ':':<16} {grade(rasid, gold_dir, records, overlay)}")


def main(argv):
    if not argv or argv[0] not in ("fit", "check"):
        print(__doc__)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    cmd, rest = argv[0], argv[1:]
    rasid = os.environ.get("RASID", "target/release/rasid")
    pos = []
    enable = False
    while rest:
        a = rest.pop(0)
        if a == "--rasid":
            rasid = rest.pop(0)
        elif a == "--enable":
            enable = True
        else:
            pos.append(a)
    gold_dir = pos[0] if pos else ("tests/gold/train" if cmd == "fit" else "tests/gold/dev")
    if cmd == "fit":
        fit(gold_dir, rasid, enable)
    else:
        check(gold_dir, rasid)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
