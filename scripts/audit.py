#!/usr/bin/env python3
"""Blind audit of the extractor: the precision of its facts on random unseen articles.

usage (from the repo root):
    python3 scripts/audit.py draw N [--seed S] [--out DIR]   # draw N articles, write the facts to judge
    python3 scripts/audit.py score DIR/facts.tsv             # precision of the judged facts

`draw` takes random SaudiNewsNet records that are in no gold file, runs `rasid extract` on
them and keeps those whose main article Rasid calls relevant and gives at least one event or
relation. It writes DIR/sample.jsonl (the records), DIR/extract.jsonl (Rasid's output),
DIR/facts.tsv (one row per fact, judgement columns empty) and DIR/review.md (the facts with
their evidence, for reading while judging). A judge fills the judgement columns with 1 or 0
and `score` prints the precision of each kind of fact. See docs/audit.md for the rules.
Standard library only.
"""
import argparse
import csv
import glob
import gzip
import hashlib
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "saudinewsnet", "articles.jsonl.gz")
DEFAULT_RASID = os.path.join(REPO, "target", "release", "rasid")
GOLD_GLOBS = [
    os.path.join(REPO, "tests", "gold", "**", "*.json"),
    os.path.join(REPO, "..", "shared", "eval", "gold", "*.json"),
]
DEFAULT_SEED = 1
# Records handed to one `rasid extract` run. Fixed, so that a draw does not depend on N:
# with the same seed, the first N articles of a draw of N+k are the draw of N.
BATCH = 200
# Word 5-gram Jaccard above which two records are copies of one story.
COPY_JACCARD = 0.5
EVIDENCE_CHARS = 400
SYMMETRIC_RELATIONS = {"ALLY", "HOSTILE"}

EVENT_COLS = ["type_ok", "doer_ok", "target_ok", "place_ok", "occurred"]
OK_COLS = ["ok"]
JUDGE_COLS = EVENT_COLS + OK_COLS
COLUMNS = ["fact_id", "doc_id", "kind", "summary", "evidence", "confidence"] + JUDGE_COLS
KINDS = ["event", "relation", "actor", "person", "place"]
ID_LETTER = {"event": "E", "relation": "R", "actor": "A", "person": "P", "place": "L"}


# ---------------------------------------------------------------------------- helpers

def doc_text(rec):
    """The text Rasid sees for a SaudiNewsNet record (what every offset counts into)."""
    return (rec.get("title") or "").strip() + "\n\n" + (rec.get("content") or rec.get("text") or "").strip()


def one_line(s):
    return re.sub(r"[\t\r\n]+", " ", s or "").strip()


def clip(s, n=EVIDENCE_CHARS):
    s = one_line(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def shingles(text):
    words = re.findall(r"\w+", text)
    if len(words) < 5:
        return {" ".join(words)}
    return {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}


def jaccard(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def gold_sources():
    """Every `source` of a gold file, with its stem (`000_x.txt` → `000_x`) to be safe."""
    out = set()
    for pattern in GOLD_GLOBS:
        for path in glob.glob(pattern, recursive=True):
            try:
                with open(path, encoding="utf-8") as f:
                    data = json.load(f)
            except (OSError, json.JSONDecodeError) as e:
                sys.exit(f"audit: cannot read gold file {path}: {e}")
            for item in data if isinstance(data, list) else [data]:
                src = item.get("source") if isinstance(item, dict) else None
                if src:
                    out.add(src)
                    out.add(os.path.splitext(os.path.basename(src))[0])
    return out


def run_rasid(rasid, records, workdir, name):
    """Write records to workdir/name.jsonl, run `rasid extract` on it; {source: output}."""
    path = os.path.join(workdir, name + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for _, line in records:
            f.write(line.rstrip("\n") + "\n")
    try:
        proc = subprocess.run([rasid, "extract", path], capture_output=True, text=True, encoding="utf-8")
    except OSError as e:
        sys.exit(f"audit: cannot run {rasid}: {e} (set RASID to the binary)")
    if proc.returncode not in (0, 1):
        sys.exit(f"audit: `{rasid} extract` exited with {proc.returncode}:\n{proc.stderr.strip()}")
    if proc.returncode == 1:
        print(f"audit: some records failed in `rasid extract` (skipped):\n{proc.stderr.strip()}", file=sys.stderr)
    out = {}
    lines = []
    for line in proc.stdout.splitlines():
        if line.strip():
            doc = json.loads(line)
            out[doc.get("source")] = doc
            lines.append(line)
    return out, lines


def main_articles(doc):
    return [a for a in doc.get("articles", []) if a.get("main")]


def qualifies(doc):
    return any(a.get("relevant") and (a.get("events") or a.get("relations")) for a in main_articles(doc))


def sentence_around(text, start, end, limit=EVIDENCE_CHARS):
    """The sentence of `text` holding [start, end), with the span in [brackets]."""
    if not (0 <= start <= end <= len(text)):
        return ""
    stops = ".!?؟\n"
    s = start
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = end
    while e < len(text) and text[e] not in stops:
        e += 1
    if e < len(text) and text[e] != "\n":
        e += 1
    left, mid, right = text[s:start], text[start:end], text[end:e]
    room = max(limit - len(mid) - 2, 40)
    if len(left) + len(right) > room:
        half = room // 2
        if len(left) > half and len(right) > half:
            left, right = "…" + left[-half:], right[:half] + "…"
        elif len(left) > half:
            left = "…" + left[-(room - len(right)):]
        else:
            right = right[: room - len(left)] + "…"
    return one_line(left + "[" + mid + "]" + right)


def fmt_num(x):
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def confidence_of(fact):
    c = fact.get("confidence") if isinstance(fact, dict) else None
    if isinstance(c, bool) or not isinstance(c, (int, float)):
        return ""
    return repr(c) if isinstance(c, float) else str(c)


# ---------------------------------------------------------------------------- facts

def event_summary(ev):
    t = ev.get("type") or "?"
    if ev.get("subtype"):
        t += "/" + ev["subtype"]
    targets = ev.get("targets") or []
    # the doers are the actors not acted on (CONTRACT.md, `targets`); with no doer named,
    # `actors` is empty and those acted on are only in `targets`
    doers = [a for a in ev.get("actors") or [] if a not in targets]
    who = (" + ".join(doers) if doers else "(no actor)") + " → " + (
        ", ".join(targets) if targets else "(no target)")
    parts = [t, who, "@ " + (ev.get("place") or "(no place)")]
    date = ev.get("date") or "(no date)"
    if ev.get("date_end") and ev.get("date_end") != ev.get("date"):
        date += ".." + ev["date_end"]
    parts.append(date)
    for k in ("killed", "injured"):
        if ev.get(k) is not None:
            parts.append(f"{k}={fmt_num(ev[k])}")
    parts.append("modality=" + (ev.get("modality") or "?"))
    if ev.get("claimed_by"):
        parts.append("claimed_by=" + str(ev["claimed_by"]))
    return " ".join(parts)


def relation_summary(rel):
    t = rel.get("type") or "?"
    arrow = "—" if t in SYMMETRIC_RELATIONS else "→"
    return f"{t} {rel.get('a')} {arrow} {rel.get('b')}"


def mention_list(mentions):
    seen = {}
    for m in mentions or []:
        seen[m.get("text", "")] = seen.get(m.get("text", ""), 0) + 1
    return ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in seen.items())


def actor_summary(act):
    names = " / ".join(x for x in (act.get("name_ar"), act.get("name_en")) if x)
    s = f"{act.get('id')} ({act.get('kind')}) {names}"
    if act.get("affiliation"):
        s += f" affiliation={act['affiliation']}"
    return s + " | mentions: " + mention_list(act.get("mentions"))


def place_summary(pl):
    names = " / ".join(x for x in (pl.get("name_ar") or "?", pl.get("name_en")) if x)
    extra = [x for x in (pl.get("kind"), pl.get("country")) if x]
    if pl.get("admin1") and pl.get("admin1") != pl.get("name_en"):
        extra.append("in " + pl["admin1"])
    s = f"{names} ({', '.join(extra)})" if extra else names
    return s + " | mentions: " + mention_list(pl.get("mentions"))


def ltr_safe(s):
    """Mark the end of each Arabic run with a left-to-right mark, so that a Latin line holding
    Arabic names (a fact's summary) is not reordered when shown (review.md only)."""
    return re.sub(r"([\u0600-\u06FF](?:[\u0600-\u06FF\s]*[\u0600-\u06FF])?)", "\\1\u200e", s)


def first_mention_evidence(text, mentions):
    """The sentence of the first mention, the mention bracketed (a list: none or one)."""
    ms = sorted((m for m in mentions or [] if m.get("end", 0) > m.get("start", 0)), key=lambda m: m["start"])
    if not ms:
        return []
    sent = sentence_around(text, ms[0]["start"], ms[0]["end"])
    return [sent] if sent else []


def facts_of(doc_idx, doc_id, article, text, counters):
    """The facts of one article to judge: dicts with the TSV fields and the review's extras.
    `counters` numbers the facts of each kind across the articles of one document."""
    facts = []

    def add(kind, summary, evidence_list, confidence, extra=None):
        counters[kind] += 1
        fid = f"{doc_idx:02d}.{ID_LETTER[kind]}{counters[kind]}"
        facts.append({
            "fact_id": fid, "doc_id": doc_id, "kind": kind, "summary": summary,
            "evidence": clip(" ‖ ".join(one_line(e) for e in evidence_list if e)),
            "confidence": confidence, "review_evidence": [one_line(e) for e in evidence_list if e],
            "extra": extra or [],
        })

    for ev in article.get("events") or []:
        evd = ev.get("evidence") or {}
        extra = []
        m = re.search(r"«([^»]*)»", evd.get("rule") or "")
        if m:
            extra.append("cue: «" + m.group(1) + "»")
        add("event", event_summary(ev), [evd.get("text", "")], confidence_of(ev), extra)
    for rel in article.get("relations") or []:
        evs = rel.get("evidence") or []
        if isinstance(evs, dict):
            evs = [evs]
        add("relation", relation_summary(rel), [e.get("text", "") for e in evs], confidence_of(rel))
    for act in article.get("actors") or []:
        kind = "person" if act.get("kind") == "person" or str(act.get("id", "")).startswith("person:") else "actor"
        add(kind, actor_summary(act), first_mention_evidence(text, act.get("mentions")), confidence_of(act))
    for pl in article.get("places") or []:
        add("place", place_summary(pl), first_mention_evidence(text, pl.get("mentions")), confidence_of(pl))
    order = {k: i for i, k in enumerate(KINDS)}
    facts.sort(key=lambda f: (order[f["kind"]], int(f["fact_id"].split(".")[1][1:])))
    return facts


# ---------------------------------------------------------------------------- draw

def cmd_draw(args):
    if args.n < 1:
        sys.exit("audit: N must be at least 1")
    rasid = os.environ.get("RASID") or DEFAULT_RASID
    corpus = args.corpus or os.environ.get("CORPUS") or DEFAULT_CORPUS
    out = args.out or f"audit-seed{args.seed}"
    facts_path = os.path.join(out, "facts.tsv")
    if os.path.exists(facts_path) and not args.force:
        sys.exit(f"audit: {facts_path} exists (judgements would be lost); use --force or another --out")
    if not os.path.exists(rasid):
        sys.exit(f"audit: no binary at {rasid} (build it, or set RASID)")

    gold = gold_sources()
    records = []  # (record, original line), corpus order
    gold_texts = []
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("id") in gold:
                gold_texts.append(doc_text(rec))
                continue
            records.append((rec, line))
    if not records:
        sys.exit(f"audit: no records outside the gold in {corpus}")
    gold_hashes = {hashlib.sha1(t.encode()).hexdigest() for t in gold_texts}
    gold_shingles = [shingles(t) for t in gold_texts]
    records.sort(key=lambda r: str(r[0].get("id")))
    random.Random(args.seed).shuffle(records)

    kept, kept_shingles, kept_hashes = [], [], set()
    scanned = skipped_copies = 0
    with tempfile.TemporaryDirectory(prefix="rasid-audit-") as tmp:
        for b in range(0, len(records), BATCH):
            batch = records[b:b + BATCH]
            outputs, _ = run_rasid(rasid, batch, tmp, "batch")
            for rec, line in batch:
                scanned += 1
                doc = outputs.get(rec.get("id"))
                if doc is None or not qualifies(doc):
                    continue
                text = doc_text(rec)
                h = hashlib.sha1(text.encode()).hexdigest()
                sh = shingles(text)
                if (h in gold_hashes or h in kept_hashes
                        or any(jaccard(sh, g) > COPY_JACCARD for g in gold_shingles)
                        or any(jaccard(sh, k) > COPY_JACCARD for k in kept_shingles)):
                    skipped_copies += 1
                    continue
                kept.append((rec, line))
                kept_hashes.add(h)
                kept_shingles.append(sh)
                if len(kept) == args.n:
                    break
            if len(kept) == args.n:
                break
        # The final run over exactly the sample: extract.jsonl is what `rasid extract sample.jsonl` gives.
        outputs, lines = run_rasid(rasid, kept, tmp, "sample")
    changed = [rec.get("id") for rec, _ in kept if not qualifies(outputs.get(rec.get("id")) or {})]
    if changed:
        print(f"audit: warning: on the sample alone, Rasid no longer keeps {', '.join(changed)}", file=sys.stderr)

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "sample.jsonl"), "w", encoding="utf-8") as f:
        for _, line in kept:
            f.write(line.rstrip("\n") + "\n")
    with open(os.path.join(out, "extract.jsonl"), "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")

    all_facts, review_docs = [], []
    for i, (rec, _) in enumerate(kept, 1):
        doc = outputs.get(rec.get("id")) or {"articles": []}
        text = doc_text(rec)
        if doc.get("chars") not in (None, len(text)):
            alt = (rec.get("title") or "") + "\n\n" + (rec.get("content") or rec.get("text") or "")
            if doc.get("chars") == len(alt):
                text = alt
        arts = [a for a in main_articles(doc) if a.get("relevant")]
        facts, counters = [], {k: 0 for k in KINDS}
        for a in arts:
            facts.extend(facts_of(i, rec.get("id"), a, text, counters))
        all_facts.extend(facts)
        review_docs.append((i, rec, arts, facts))

    with open(facts_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for fact in all_facts:
            applicable = EVENT_COLS if fact["kind"] == "event" else OK_COLS
            w.writerow([fact[c] for c in COLUMNS[:6]] + ["" if c in applicable else "-" for c in JUDGE_COLS])

    write_review(os.path.join(out, "review.md"), args, corpus, scanned, skipped_copies, review_docs, all_facts)
    counts = {k: sum(1 for f in all_facts if f["kind"] == k) for k in KINDS}
    print(f"audit: {len(kept)} articles from {scanned} records scanned (seed {args.seed}); "
          + "facts to judge: " + ", ".join(f"{k}s {counts[k]}" for k in KINDS) + f"; in {facts_path}")
    if len(kept) < args.n:
        print(f"audit: only {len(kept)} of {args.n} qualifying articles in the corpus", file=sys.stderr)


def write_review(path, args, corpus, scanned, skipped, docs, facts):
    kind_title = {"event": "Events", "relation": "Relations", "actor": "Actors",
                  "person": "Persons", "place": "Places"}
    L = []
    L.append(f"# Audit sample (seed {args.seed}, {len(docs)} articles, {len(facts)} facts)")
    L.append("")
    L.append(f"Random records of `{os.path.basename(corpus)}` outside the gold, scanned in a fixed order "
             f"({scanned} scanned, {skipped} skipped as copies) and kept when Rasid calls the main "
             "article relevant with at least one event or relation. Judge each fact in `facts.tsv` "
             "(same ids) by the rules of `docs/audit.md`. Ids: E event, R relation, A actor, "
             "P person, L place. Evidence of actors, persons and places is the sentence of their "
             "first mention, the mention in [brackets].")
    L.append("")
    for i, rec, arts, dfacts in docs:
        title = one_line(rec.get("title")) or "(no title)"
        L.append("---")
        L.append("")
        L.append(f"## {i:02d}. {title}")
        L.append("")
        meta = [f"id `{rec.get('id')}`"]
        if rec.get("source"):
            meta.append(f"site {rec['source']}")
        if rec.get("date_extracted"):
            meta.append(f"extracted {rec['date_extracted']}")
        for a in arts:
            if a.get("published"):
                meta.append(f"published (Rasid) {a['published']}")
                break
        L.append(" · ".join(meta))
        if rec.get("url"):
            L.append("")
            L.append(f"<{rec['url']}>")
        L.append("")
        L.append("<details><summary>Full text</summary>")
        L.append("")
        L.append('<div dir="rtl">')
        L.append("")
        for para in re.split(r"\n\s*\n|\n", (rec.get("content") or rec.get("text") or "").strip()):
            if para.strip():
                L.append(md_escape(para.strip()))
                L.append("")
        L.append("</div>")
        L.append("</details>")
        L.append("")
        for kind in KINDS:
            kf = [f for f in dfacts if f["kind"] == kind]
            if not kf:
                continue
            L.append(f"### {kind_title[kind]}")
            L.append("")
            for f in kf:
                head = f"**{f['fact_id']}** `{ltr_safe(f['summary'])}`"
                if f["confidence"]:
                    head += f" (confidence {f['confidence']})"
                if f["extra"]:
                    head += " · " + " · ".join(f["extra"])
                L.append(head)
                L.append("")
                for e in f["review_evidence"] or ["(no evidence)"]:
                    L.append("> " + md_escape(e))
                    L.append("")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(L).rstrip() + "\n")


def md_escape(s):
    s = s.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([*_`#|\\])", r"\\\1", s)


# ---------------------------------------------------------------------------- score

def wilson(k, n, z=1.96):
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def figure(label, k, n, width=34):
    if n == 0:
        return f"  {label:<{width}} n/a      (0 judged)"
    lo, hi = wilson(k, n)
    return f"  {label:<{width}} {k / n:.3f}  ({k}/{n}; 95% CI {lo:.2f}–{hi:.2f})"


def read_judged(path):
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:  # a spreadsheet may add a BOM
            rows = list(csv.reader(f, delimiter="\t"))
    except OSError as e:
        sys.exit(f"audit: {e}")
    if not rows:
        sys.exit(f"audit: {path} is empty")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in ["fact_id", "kind", "confidence"] + JUDGE_COLS if c not in header]
    if missing:
        sys.exit(f"audit: {path}: header lacks {', '.join(missing)}")
    col = {h: i for i, h in enumerate(header)}
    facts, unjudged, errors = [], {k: 0 for k in KINDS}, []
    for lineno, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        get = lambda c: row[col[c]].strip() if col[c] < len(row) else ""
        kind = get("kind")
        if kind not in KINDS:
            errors.append(f"line {lineno}: unknown kind {kind!r}")
            continue
        cols = EVENT_COLS if kind == "event" else OK_COLS
        vals, blank = {}, False
        for c in cols:
            v = get(c)
            if v == "":
                blank = True
            elif v in ("1", "0"):
                vals[c] = int(v)
            else:
                errors.append(f"line {lineno} ({get('fact_id')}): {c} is {v!r}, not 1, 0 or blank")
        if blank:
            unjudged[kind] += 1
            continue
        conf = get("confidence")
        try:
            conf = float(conf) if conf not in ("", "-") else None
        except ValueError:
            errors.append(f"line {lineno} ({get('fact_id')}): confidence {conf!r} is not a number")
            conf = None
        facts.append({"id": get("fact_id"), "kind": kind, "conf": conf, **vals})
    if errors:
        sys.exit("audit: " + path + ":\n  " + "\n  ".join(errors))
    return facts, unjudged


def reliability(label, items):
    """items: [(confidence, correct)]. Bins are tenths of [0, 1], of [0, 100] when the
    confidences are percentages, else of the observed range."""
    lo, hi = min(c for c, _ in items), max(c for c, _ in items)
    if lo >= 0 and hi <= 1:
        lo, hi = 0.0, 1.0
    elif lo >= 0 and hi <= 100:
        lo, hi = 0.0, 100.0
    width = (hi - lo) / 10 or 1.0
    bins = [[] for _ in range(10)]
    for c, ok in items:
        bins[max(0, min(math.floor((c - lo) / width + 1e-9), 9))].append((c, ok))
    digits = 2 if hi <= 1 else 1
    rows = []
    for i, b in enumerate(bins):
        if b:
            a, z = lo + i * width, lo + (i + 1) * width
            rows.append((f"[{a:.{digits}f}, {z:.{digits}f}" + ("]" if i == 9 else ")"), b))
    rows.append(("all", items))
    w = max(len(name) for name, _ in rows)
    out = [f"  {label}", f"    {'bin':<{w}} {'n':>4} {'stated':>7} {'observed':>9}"]
    for name, b in rows:
        k = sum(ok for _, ok in b)
        mean = sum(c for c, _ in b) / len(b)
        out.append(f"    {name:<{w}} {len(b):>4} {mean:>7.3f} {k / len(b):>9.3f}  ({k}/{len(b)})")
    return out


def cmd_score(args):
    facts, unjudged = read_judged(args.tsv)
    by = {k: [f for f in facts if f["kind"] == k] for k in KINDS}
    total_unjudged = sum(unjudged.values())
    L = [f"audit score: {args.tsv}",
         f"judged facts: {len(facts)}; unjudged (a judgement cell blank, excluded): {total_unjudged}"
         + (" (" + ", ".join(f"{unjudged[k]} {k}" for k in KINDS if unjudged[k]) + ")" if total_unjudged else "")]
    ev = by["event"]
    full = lambda f: all(f[c] == 1 for c in EVENT_COLS)
    L.append("")
    L.append(f"events ({len(ev)} judged, {unjudged['event']} unjudged)")
    L.append(figure("type precision", sum(f["type_ok"] for f in ev), len(ev)))
    L.append(figure("fully right precision", sum(full(f) for f in ev), len(ev)))
    L.append(figure("doer precision", sum(f["doer_ok"] for f in ev), len(ev)))
    L.append(figure("target precision", sum(f["target_ok"] for f in ev), len(ev)))
    L.append(figure("place precision", sum(f["place_ok"] for f in ev), len(ev)))
    L.append(figure("occurrence precision", sum(f["occurred"] for f in ev), len(ev)))
    for kind in ["relation", "actor", "person", "place"]:
        fs = by[kind]
        L.append("")
        L.append(f"{kind}s ({len(fs)} judged, {unjudged[kind]} unjudged)")
        L.append(figure("precision", sum(f["ok"] for f in fs), len(fs)))
    rel_lines = []
    for kind in KINDS:
        items = [(f["conf"], int(full(f)) if kind == "event" else f["ok"]) for f in by[kind] if f["conf"] is not None]
        if items:
            what = "fully right" if kind == "event" else "ok"
            rel_lines += reliability(f"{kind}s: stated confidence vs observed precision of \"{what}\"", items)
    L.append("")
    if rel_lines:
        L.append("reliability (judged facts with a confidence; tenths of the confidence range)")
        L += rel_lines
    else:
        L.append("reliability: no judged fact has a confidence")
    print("\n".join(L))


# ---------------------------------------------------------------------------- CLI

def main(argv=None):
    p = argparse.ArgumentParser(
        prog="audit.py", description="Blind audit of Rasid's extraction on random unseen articles "
        "(see docs/audit.md).", formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", metavar="{draw,score}")
    sub.required = True
    d = sub.add_parser(
        "draw", help="draw N unseen articles Rasid calls relevant and write the facts to judge",
        description="Draw N random SaudiNewsNet records outside the gold (tests/gold/**/*.json and "
        "../shared/eval/gold/*.json, and copies of them) whose main article `rasid extract` calls "
        "relevant with at least one event or relation, and write DIR/sample.jsonl (the records), "
        "DIR/extract.jsonl (Rasid's output on them), DIR/facts.tsv (one row per fact, judgement "
        "columns empty) and DIR/review.md (each article's title and full text, each fact with its "
        "evidence). The same seed, corpus and binary give the same sample. The binary is "
        "target/release/rasid unless the RASID environment variable names another.")
    d.add_argument("n", metavar="N", type=int, help="number of articles")
    d.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    d.add_argument("--out", metavar="DIR", help="output directory (default ./audit-seedS)")
    d.add_argument("--corpus", metavar="FILE", help="SaudiNewsNet JSON Lines, .gz or not (default "
                   "$CORPUS or ../shared/corpus/saudinewsnet/articles.jsonl.gz next to the repo)")
    d.add_argument("--force", action="store_true", help="overwrite an existing DIR/facts.tsv")
    d.set_defaults(func=cmd_draw)
    s = sub.add_parser(
        "score", help="print the precision of the judged facts of a filled facts.tsv",
        description="Read a facts.tsv whose judgement columns are filled with 1 or 0 and print: for "
        "events the precision of the type, of fully right events (type_ok, doer_ok, target_ok, "
        "place_ok and occurred all 1), of the doer, target, place and occurrence; the precision of "
        "relations, actors, persons and places; and, for facts with a confidence, a reliability "
        "table by tenths of the confidence range (n, mean stated confidence, observed precision of "
        "\"fully right\" for events and \"ok\" for the others). Every figure comes with its counts and "
        "a 95% Wilson interval. A row with a blank judgement cell is counted as unjudged and left "
        "out; any other value than 1, 0 or blank is an error.")
    s.add_argument("tsv", metavar="FACTS_TSV", help="the filled facts.tsv")
    s.set_defaults(func=cmd_score)
    args = p.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
