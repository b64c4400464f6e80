#!/usr/bin/env python3
"""Validate the files written by `rasid export` with each ecosystem's own parser.

Usage:
    python3 scripts/validate_exports/validate.py DIR [--only acled,stix,graphml,gexf,geojson]
                                                     [--show-warnings N] [--stix-sample N]

Checks, in DIR:
    events.acled.csv   (acled, alias acled-csv)  pandas.read_csv with an ACLED user's dtypes
    rasid.stix.json    (stix)                    stix2validator, STIX 2.1, plus id/ref integrity
    graph.graphml      (graphml)                 networkx.read_graphml
    graph.gexf         (gexf)                    networkx.read_gexf plus the raw XML (dynamic mode)
    events.geojson     (geojson)                 geojson.loads + shapely, RFC 7946

Every file is checked (a missing one is an error unless --only leaves it out); one
summary line per good file goes to stdout, every problem to stderr as
"ERROR <file>: <problem>". Exit 0 when all pass, 1 on any error, 2 on bad usage.
The requirements are in requirements.txt beside this script.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter

MAX_ERRORS_PER_FILE = 25

FILES = {
    "acled": "events.acled.csv",
    "stix": "rasid.stix.json",
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "geojson": "events.geojson",
}
ALIASES = {"acled-csv": "acled", "csv": "acled", "json": "stix", "stix2": "stix"}


class Report:
    """Collects the problems found in one file."""

    def __init__(self, name: str):
        self.name = name
        self.errors: list[str] = []

    def error(self, msg: str) -> None:
        self.errors.append(msg)

    @property
    def ok(self) -> bool:
        return not self.errors


def _strict_json(text: str):
    """json.loads that rejects NaN/Infinity (not JSON per RFC 8259) and duplicate keys."""

    def bad_constant(name):
        raise ValueError(f"non-standard JSON constant {name} (NaN/Infinity are not JSON)")

    def no_dupes(pairs):
        seen = {}
        for k, v in pairs:
            if k in seen:
                raise ValueError(f"duplicate key {k!r} in one JSON object")
            seen[k] = v
        return seen

    return json.loads(text, parse_constant=bad_constant, object_pairs_hook=no_dupes)


def _read_utf8(path: str, rep: Report, allow_bom: bool = False) -> str | None:
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf") and not allow_bom:
        rep.error("starts with a UTF-8 byte-order mark (EF BB BF); write plain UTF-8 without a BOM")
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.error(f"not valid UTF-8 at byte {e.start}: {e.reason}")
        return None


# --------------------------------------------------------------------------- ACLED CSV

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
ACLED_INT_COLUMNS = [
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
    "fatalities", "timestamp",
]
ACLED_FLOAT_COLUMNS = ["latitude", "longitude"]  # empty allowed (NaN)
# Columns that must not be empty (every int column is required too: int64 has no NaN).
ACLED_REQUIRED_TEXT = [
    "event_id_cnty", "event_date", "disorder_type", "event_type", "sub_event_type",
    "country", "source",
]
# Political violence always has an actor1 (an unnamed doer is ACLED's "Unidentified Armed
# Group"); a strategic development whose doer the text does not name has none.
ACLED_REQUIRED_IN_VIOLENCE = ["actor1"]
# The dtypes an ACLED user's pandas script passes to read_csv.
ACLED_DTYPES = {c: "int64" for c in ACLED_INT_COLUMNS}
ACLED_DTYPES.update({c: "float64" for c in ACLED_FLOAT_COLUMNS})
ACLED_DTYPES.update(
    {c: str for c in ACLED_COLUMNS if c not in ACLED_DTYPES and c != "event_date"}
)

# ACLED codebook: event types and their sub-event types.
ACLED_SUB_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
ACLED_DISORDER_TYPES = {
    "Political violence", "Demonstrations", "Strategic developments",
    "Political violence; Demonstrations",
}
ACLED_CIVILIAN_TARGETING = {"", "Civilian targeting"}

_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_INT_RE = re.compile(r"^[+-]?\d+$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# OWASP "CSV injection": a cell starting with one of these is run as a formula by
# spreadsheets. = + - @ per the brief; TAB and CR are on OWASP's list too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def check_acled(path: str, rep: Report) -> str | None:
    text = _read_utf8(path, rep)
    if text is None:
        return None

    # Pass 1: the raw cells, with the csv module, for precise row/column messages.
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        rep.error("file is empty (no header)")
        return None
    header = rows[0]
    if header != ACLED_COLUMNS:
        missing = [c for c in ACLED_COLUMNS if c not in header]
        extra = [c for c in header if c not in ACLED_COLUMNS]
        detail = []
        if missing:
            detail.append(f"missing {missing}")
        if extra:
            detail.append(f"unexpected {extra}")
        if not missing and not extra:
            first = next(i for i, (a, b) in enumerate(zip(header, ACLED_COLUMNS)) if a != b)
            detail.append(f"wrong order: column {first + 1} is {header[first]!r}, "
                          f"expected {ACLED_COLUMNS[first]!r}")
        if len(header) != len(set(header)):
            detail.append(f"duplicated {[c for c, n in Counter(header).items() if n > 1]}")
        rep.error("header is not exactly the 31 ACLED columns in order: " + "; ".join(detail))
        return None

    col = {c: i for i, c in enumerate(ACLED_COLUMNS)}
    ids = Counter()
    n_nan_coords = 0
    for rno, row in enumerate(rows[1:], start=1):
        if row == []:
            rep.error(f"data row {rno}: blank line")
            continue
        eid = row[0] if row else ""
        where = f"data row {rno} (event_id_cnty={eid!r})"
        if len(row) != len(ACLED_COLUMNS):
            rep.error(f"{where}: has {len(row)} cells, expected {len(ACLED_COLUMNS)}")
            continue
        cell = {c: row[i] for c, i in col.items()}
        for c, v in cell.items():
            if v.startswith(_FORMULA_START) and not _NUMBER_RE.match(v):
                rep.error(f"{where}: column {c}: {v[:40]!r} starts with {v[0]!r} and is not a "
                          "number (spreadsheet formula injection; prefix it with an apostrophe)")
            if v != v.strip() and v.strip() and c in ACLED_INT_COLUMNS + ACLED_FLOAT_COLUMNS:
                rep.error(f"{where}: column {c}: {v!r} has surrounding whitespace")
        for c in ACLED_REQUIRED_TEXT:
            if not cell[c].strip():
                rep.error(f"{where}: column {c} is empty")
        if cell["disorder_type"].startswith("Political violence"):
            for c in ACLED_REQUIRED_IN_VIOLENCE:
                if not cell[c].strip():
                    rep.error(f"{where}: column {c} is empty in political violence")
        ints = {}
        for c in ACLED_INT_COLUMNS:
            if not _INT_RE.match(cell[c]):
                rep.error(f"{where}: column {c}: {cell[c]!r} is not an integer (int64 column)")
            else:
                ints[c] = int(cell[c])
        floats = {}
        for c in ACLED_FLOAT_COLUMNS:
            v = cell[c]
            if v == "":
                continue
            try:
                f = float(v)
            except ValueError:
                rep.error(f"{where}: column {c}: {v!r} is not a number")
                continue
            if not math.isfinite(f):
                rep.error(f"{where}: column {c}: {v!r} is not finite")
            floats[c] = f
        if (cell["latitude"] == "") != (cell["longitude"] == ""):
            rep.error(f"{where}: only one of latitude/longitude is empty")
        if cell["latitude"] == "" and cell["longitude"] == "":
            n_nan_coords += 1
        if "latitude" in floats and not -90 <= floats["latitude"] <= 90:
            rep.error(f"{where}: latitude {floats['latitude']} outside [-90, 90]")
        if "longitude" in floats and not -180 <= floats["longitude"] <= 180:
            rep.error(f"{where}: longitude {floats['longitude']} outside [-180, 180]")
        date = None
        if cell["event_date"] and not _DATE_RE.match(cell["event_date"]):
            rep.error(f"{where}: event_date {cell['event_date']!r} is not YYYY-MM-DD")
        elif cell["event_date"]:
            try:
                date = dt.date.fromisoformat(cell["event_date"])
            except ValueError as e:
                rep.error(f"{where}: event_date {cell['event_date']!r}: {e}")
        if date and "year" in ints and ints["year"] != date.year:
            rep.error(f"{where}: year {ints['year']} != year of event_date {cell['event_date']}")
        for c in ("time_precision", "geo_precision"):
            if c in ints and ints[c] not in (1, 2, 3):
                rep.error(f"{where}: {c} {ints[c]} not in {{1, 2, 3}}")
        for c in ("inter1", "inter2"):
            if c in ints and not 0 <= ints[c] <= 8:
                rep.error(f"{where}: {c} {ints[c]} not an ACLED inter code 0-8")
        if "inter1" in ints:
            if cell["actor1"].strip() and ints["inter1"] == 0:
                rep.error(f"{where}: actor1 {cell['actor1']!r} is set but inter1 is 0")
            if not cell["actor1"].strip() and ints["inter1"] != 0:
                rep.error(f"{where}: actor1 is empty but inter1 is {ints['inter1']} (must be 0)")
        if "inter2" in ints:
            if cell["actor2"].strip() and ints["inter2"] == 0:
                rep.error(f"{where}: actor2 {cell['actor2']!r} is set but inter2 is 0")
            if not cell["actor2"].strip() and ints["inter2"] != 0:
                rep.error(f"{where}: actor2 is empty but inter2 is {ints['inter2']} (must be 0)")
        if all(c in ints for c in ("inter1", "inter2", "interaction")):
            a, b = ints["inter1"], ints["inter2"]
            # one side unknown (0): the other alone, as ACLED's "sole action" codes (10, 20 ...)
            want = max(a, b) * 10 if min(a, b) == 0 else 10 * min(a, b) + max(a, b)
            if ints["interaction"] != want:
                rep.error(f"{where}: interaction {ints['interaction']} != {want} "
                          f"(ACLED: inter codes lower first, e.g. inter1={a}, inter2={b})")
        if "fatalities" in ints and ints["fatalities"] < 0:
            rep.error(f"{where}: fatalities {ints['fatalities']} is negative")
        if "timestamp" in ints and ints["timestamp"] < 0:
            rep.error(f"{where}: timestamp {ints['timestamp']} is negative")
        et = cell["event_type"]
        if et not in ACLED_SUB_EVENT_TYPES:
            rep.error(f"{where}: event_type {et!r} is not one of ACLED's six "
                      f"{sorted(ACLED_SUB_EVENT_TYPES)}")
        elif cell["sub_event_type"] not in ACLED_SUB_EVENT_TYPES[et]:
            rep.error(f"{where}: sub_event_type {cell['sub_event_type']!r} is not an ACLED "
                      f"sub-event type of {et!r} {sorted(ACLED_SUB_EVENT_TYPES[et])}")
        if cell["disorder_type"] not in ACLED_DISORDER_TYPES:
            rep.error(f"{where}: disorder_type {cell['disorder_type']!r} not in "
                      f"{sorted(ACLED_DISORDER_TYPES)}")
        elif et in ACLED_SUB_EVENT_TYPES and (et == "Strategic developments") != (cell["disorder_type"] == "Strategic developments"):
            rep.error(f"{where}: event_type {et!r} with disorder_type {cell['disorder_type']!r} "
                      "(Strategic developments go together)")
        if cell["civilian_targeting"] not in ACLED_CIVILIAN_TARGETING:
            rep.error(f"{where}: civilian_targeting {cell['civilian_targeting']!r} must be empty "
                      "or 'Civilian targeting'")
        ids[eid] += 1
    for eid, n in ids.items():
        if n > 1 and eid:
            rep.error(f"event_id_cnty {eid!r} occurs {n} times (must be unique)")

    # Pass 2: what an ACLED user's script does.
    import pandas as pd

    try:
        df = pd.read_csv(path, dtype=ACLED_DTYPES, parse_dates=["event_date"],
                         date_format="%Y-%m-%d", encoding="utf-8")
    except Exception as e:  # noqa: BLE001 - any parse failure is the finding
        rep.error(f"pandas.read_csv with ACLED dtypes failed: {type(e).__name__}: {e}")
        return None
    if list(df.columns) != ACLED_COLUMNS:
        rep.error(f"pandas sees columns {list(df.columns)}")
    if not pd.api.types.is_datetime64_any_dtype(df["event_date"]):
        rep.error(f"pandas did not parse event_date as dates (dtype {df['event_date'].dtype}); "
                  "some value is not YYYY-MM-DD")
    else:
        bad = df["year"] != df["event_date"].dt.year
        if bad.any():
            rep.error(f"pandas: year != event_date.year in {int(bad.sum())} rows")
    for c, t in ACLED_DTYPES.items():
        if t in ("int64", "float64") and str(df[c].dtype) != t:
            rep.error(f"pandas: column {c} has dtype {df[c].dtype}, expected {t}")
    if len(df) != len(rows) - 1:
        rep.error(f"pandas read {len(df)} rows but the csv module read {len(rows) - 1}")
    if not df["event_id_cnty"].is_unique:
        rep.error("pandas: event_id_cnty is not unique")
    if rep.ok:
        by_type = Counter(df["event_type"])
        types = ", ".join(f"{k}={v}" for k, v in sorted(by_type.items()))
        return (f"{len(df)} events, {df['country'].nunique()} countries, "
                f"{n_nan_coords} without coordinates, "
                f"dates {df['event_date'].min().date() if len(df) else '-'}.."
                f"{df['event_date'].max().date() if len(df) else '-'}; {types}")
    return None


# --------------------------------------------------------------------------- STIX 2.1


def _walk_refs(value, path=""):
    """Yield (property path, referenced id) for every *_ref / *_refs, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            p = f"{path}.{k}" if path else k
            if k.endswith("_ref") and isinstance(v, str):
                yield p, v
            elif k.endswith("_refs") and isinstance(v, list):
                for i, item in enumerate(v):
                    if isinstance(item, str):
                        yield f"{p}[{i}]", item
            else:
                yield from _walk_refs(v, p)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_refs(item, f"{path}[{i}]")


def _shorten(msg: str, limit: int = 500) -> str:
    """The validator dumps whole objects into some messages; keep the head and the reason."""
    msg = " ".join(msg.split())
    return msg if len(msg) <= limit else msg[:150] + " ... " + msg[-(limit - 155):]


def _json_object(path: str, rep: Report, type_: str, what: str) -> dict | None:
    """The file's top-level JSON object if its "type" is `type_`, else None (error reported)."""
    text = _read_utf8(path, rep)
    if text is None:
        return None
    try:
        raw = _strict_json(text)
    except ValueError as e:
        rep.error(f"not valid JSON: {e}")
        return None
    if not isinstance(raw, dict) or raw.get("type") != type_:
        rep.error(f"top level is not {what}")
        return None
    return raw


def _stix_sample(bundle: dict, objects: list, limit: int) -> tuple[str, int]:
    """A bundle of at most `limit` of the objects, the same share of each type (at least
    one of each), written to a temporary file; returns its path and its object count."""
    by_type: dict[str, list] = {}
    for obj in objects:
        by_type.setdefault(obj.get("type") if isinstance(obj, dict) else "", []).append(obj)
    share = limit / len(objects)
    picked = []
    for objs in by_type.values():
        n = max(1, int(len(objs) * share))
        step = len(objs) / n
        picked.extend(objs[int(i * step)] for i in range(n))
    fd, sample_path = tempfile.mkstemp(suffix=".stix.json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(dict(bundle, objects=picked), f, ensure_ascii=False)
    return sample_path, len(picked)


def check_stix(path: str, rep: Report, show_warnings: int = 5,
               sample: int | None = None) -> str | None:
    bundle = _json_object(path, rep, "bundle", "a STIX bundle object (type must be 'bundle')")
    if bundle is None:
        return None
    objects = bundle.get("objects")
    if not isinstance(objects, list) or not objects:
        rep.error("bundle has no 'objects' list (or it is empty)")
        return None

    from stix2validator import ValidationOptions, validate_file

    options = ValidationOptions(version="2.1", silent=True)
    validated = len(objects)
    if sample is not None and sample < len(objects):
        sample_path, validated = _stix_sample(bundle, objects, sample)
        try:
            results = validate_file(sample_path, options)
        finally:
            os.unlink(sample_path)
    else:
        results = validate_file(path, options)
    if results.fatal:
        rep.error(f"stix2validator: fatal: {results.fatal.error}")
    warnings: list[str] = []
    for res in results.object_results:
        for err in res.errors:
            # Errors inside a bundle already name the object they are about.
            prefix = "" if res.object_id == bundle.get("id") else f"{res.object_id}: "
            rep.error(f"stix2validator: {prefix}{_shorten(err.message)}")
        warnings.extend(res.warnings or [])

    ids = Counter()
    types = Counter()
    for i, obj in enumerate(objects):
        if not isinstance(obj, dict) or "id" not in obj or "type" not in obj:
            rep.error(f"objects[{i}] lacks an id or a type")
            continue
        ids[obj["id"]] += 1
        types[obj["type"]] += 1
        if not obj["id"].startswith(obj["type"] + "--"):
            rep.error(f"objects[{i}]: id {obj['id']!r} does not start with its type "
                      f"{obj['type']!r}--")
    if isinstance(bundle.get("id"), str):
        ids[bundle["id"]] += 1
    for oid, n in ids.items():
        if n > 1:
            rep.error(f"id {oid!r} occurs {n} times (ids must be unique in the bundle)")
    n_refs = 0
    for obj in objects:
        if not isinstance(obj, dict):
            continue
        for prop, ref in _walk_refs(obj):
            n_refs += 1
            if ref not in ids:
                rep.error(f"{obj.get('id')}: {prop} -> {ref} is not in the bundle (dangling ref)")
        exts = obj.get("extensions")
        if isinstance(exts, dict):
            for key in exts:
                if key.startswith("extension-definition--") and key not in ids:
                    rep.error(f"{obj.get('id')}: extensions uses {key}, which is not in the "
                              "bundle (include the extension-definition object)")

    if warnings:
        print(f"  {os.path.basename(path)}: stix2validator gave {len(warnings)} warning(s)"
              + (f"; first {min(show_warnings, len(warnings))}:" if show_warnings else ""))
        for w in warnings[:show_warnings]:
            print(f"    WARNING {w}")
    if rep.ok:
        per_type = ", ".join(f"{t}={n}" for t, n in sorted(types.items()))
        checked = ("" if validated == len(objects)
                   else f", stix2validator over a sample of {validated} spread over every type")
        return (f"{len(objects)} objects, {n_refs} refs all resolved, "
                f"{len(warnings)} validator warnings{checked}; {per_type}")
    return None


# --------------------------------------------------------------------------- graphs


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _check_graph_attrs(G, rep: Report) -> tuple[int, Counter, Counter]:
    n_en = 0
    kinds = Counter()
    rels = Counter()
    for n, d in G.nodes(data=True):
        for a in ("kind", "name_ar"):
            v = d.get(a)
            if v is None or (isinstance(v, str) and not v.strip()):
                rep.error(f"node {n!r}: attribute {a} missing or empty")
        if isinstance(d.get("name_en"), str) and d["name_en"].strip():
            n_en += 1
        kinds[d.get("kind")] += 1
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    for e in edges:
        u, v, d = e[0], e[1], e[-1]
        rt = d.get("relation_type")
        if rt is None or (isinstance(rt, str) and not rt.strip()):
            rep.error(f"edge {u!r} -> {v!r}: attribute relation_type missing or empty")
        if "weight" not in d:
            rep.error(f"edge {u!r} -> {v!r}: attribute weight missing")
        elif not _is_number(d["weight"]):
            rep.error(f"edge {u!r} -> {v!r}: weight {d['weight']!r} is not a finite number "
                      f"(read as {type(d['weight']).__name__}; declare it as double)")
        rels[rt] += 1
    return n_en, kinds, rels


def _graph_summary(G, n_en, kinds, rels) -> str:
    k = ", ".join(f"{a}={b}" for a, b in sorted(kinds.items(), key=lambda x: str(x[0])))
    r = ", ".join(f"{a}={b}" for a, b in sorted(rels.items(), key=lambda x: str(x[0])))
    kind = ("directed " if G.is_directed() else "undirected ") + (
        "multigraph" if G.is_multigraph() else "graph")
    return (f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges ({kind}), "
            f"{n_en} nodes with name_en; kinds: {k}; relations: {r}")


def check_graphml(path: str, rep: Report) -> str | None:
    import networkx as nx

    try:
        G = nx.read_graphml(path)
    except Exception as e:  # noqa: BLE001
        rep.error(f"networkx.read_graphml failed: {type(e).__name__}: {e}")
        return None
    n_en, kinds, rels = _check_graph_attrs(G, rep)
    return _graph_summary(G, n_en, kinds, rels) if rep.ok else None


GEXF_NAMESPACES = {"http://gexf.net/1.3": "1.3", "http://www.gexf.net/1.2draft": "1.2draft"}


def _parse_time(value: str, timeformat: str):
    if timeformat == "date":
        return dt.date.fromisoformat(value)
    if timeformat == "integer":
        return int(value)
    if timeformat == "double":
        return float(value)
    raise ValueError(f"timeformat {timeformat!r}")


def check_gexf(path: str, rep: Report) -> str | None:
    import networkx as nx

    # Raw XML first: namespace, dynamic mode, edge times.
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        rep.error(f"not well-formed XML: {e}")
        return None
    m = re.match(r"^\{(.*)\}gexf$", root.tag)
    if not m or m.group(1) not in GEXF_NAMESPACES:
        rep.error(f"root element is {root.tag!r}; expected <gexf> in namespace "
                  f"{' or '.join(GEXF_NAMESPACES)}")
        return None
    ns = m.group(1)
    q = lambda tag: f"{{{ns}}}{tag}"  # noqa: E731
    graph = root.find(q("graph"))
    if graph is None:
        rep.error("no <graph> element")
        return None
    if graph.get("mode") != "dynamic":
        rep.error(f'<graph> has mode={graph.get("mode")!r}, expected mode="dynamic"')
    timeformat = graph.get("timeformat")
    # networkx's reader maps timeformat "date" to strings and knows integer/double, but
    # raises KeyError on "dateTime" (or a missing timeformat) as soon as a start/end is read.
    if timeformat not in ("date", "integer", "double"):
        rep.error(f'<graph> timeformat={timeformat!r}: use timeformat="date" (YYYY-MM-DD '
                  "values); networkx.read_gexf cannot read dateTime or a missing timeformat")
        timeformat = None
    edge_titles = {}
    for attrs in graph.findall(q("attributes")):
        if attrs.get("class") == "edge":
            for a in attrs.findall(q("attribute")):
                edge_titles[a.get("id")] = a.get("title")
    n_timed = 0
    edges_el = graph.find(q("edges"))
    edge_els = edges_el.findall(q("edge")) if edges_el is not None else []
    for e in edge_els:
        label = f"edge id={e.get('id')!r} ({e.get('source')} -> {e.get('target')})"
        intervals = []
        if e.get("start") is not None or e.get("end") is not None:
            intervals.append((e.get("start"), e.get("end")))
        spells = e.find(q("spells"))
        if spells is not None:
            for s in spells.findall(q("spell")):
                intervals.append((s.get("start"), s.get("end")))
        if intervals:
            n_timed += 1
        for start, end in intervals:
            if timeformat is None:
                break
            try:
                s = _parse_time(start, timeformat) if start is not None else None
                t = _parse_time(end, timeformat) if end is not None else None
            except ValueError as ex:
                rep.error(f"{label}: start/end {start!r}/{end!r} not a {timeformat}: {ex}")
                continue
            if s is not None and t is not None and s > t:
                rep.error(f"{label}: start {start} is after end {end}")
        # Static first_seen/last_seen attvalues must be mirrored in start/end or spells.
        av = {}
        vals = e.find(q("attvalues"))
        if vals is not None:
            for a in vals.findall(q("attvalue")):
                av[edge_titles.get(a.get("for"), a.get("for"))] = a.get("value")
        if ("first_seen" in av or "last_seen" in av) and not intervals:
            rep.error(f"{label}: has first_seen/last_seen attributes but no start/end or spells")
        elif intervals and "first_seen" in av and e.get("start") is not None \
                and e.get("start") != av["first_seen"]:
            rep.error(f"{label}: start {e.get('start')} != first_seen {av['first_seen']}")
        elif intervals and "last_seen" in av and e.get("end") is not None \
                and e.get("end") != av["last_seen"]:
            rep.error(f"{label}: end {e.get('end')} != last_seen {av['last_seen']}")
    if edge_els and n_timed == 0:
        rep.error('mode="dynamic" but no edge carries start/end or spells')

    try:
        G = nx.read_gexf(path)
    except Exception as e:  # noqa: BLE001
        rep.error(f"networkx.read_gexf failed: {type(e).__name__}: {e}")
        return None
    n_en, kinds, rels = _check_graph_attrs(G, rep)
    if rep.ok:
        return (f"GEXF {GEXF_NAMESPACES[ns]}, dynamic, {n_timed}/{len(edge_els)} edges timed; "
                + _graph_summary(G, n_en, kinds, rels))
    return None


# --------------------------------------------------------------------------- GeoJSON


def check_geojson(path: str, rep: Report) -> str | None:
    raw = _json_object(path, rep, "FeatureCollection", "a GeoJSON FeatureCollection")
    if raw is None:
        return None
    if "crs" in raw:
        rep.error("has a 'crs' member; RFC 7946 removed it (coordinates are WGS 84 lon/lat)")
    if not isinstance(raw.get("features"), list):
        rep.error("'features' is not a list")
        return None

    import geojson
    import shapely.geometry

    try:
        fc = geojson.loads(json.dumps(raw))
    except Exception as e:  # noqa: BLE001
        rep.error(f"geojson.loads failed: {type(e).__name__}: {e}")
        return None
    if not fc.is_valid:
        rep.error(f"geojson: not valid: {fc.errors()}")

    ids = Counter()
    types = Counter()
    for i, feat in enumerate(raw["features"]):
        where = f"features[{i}]" + (f" (id={feat.get('id')!r})" if isinstance(feat, dict) else "")
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            rep.error(f"{where}: not a Feature")
            continue
        if "crs" in feat:
            rep.error(f"{where}: has a 'crs' member (removed by RFC 7946)")
        fid = feat.get("id")
        if fid is None or (isinstance(fid, str) and not fid) or isinstance(fid, bool) \
                or not isinstance(fid, (str, int, float)):
            rep.error(f"{where}: missing 'id' (RFC 7946: a string or number)")
        else:
            ids[fid] += 1
        props = feat.get("properties")
        if not isinstance(props, dict):
            rep.error(f"{where}: properties is not an object")
        else:
            for p in ("event_type", "geo_precision"):
                if props.get(p) in (None, ""):
                    rep.error(f"{where}: properties.{p} missing or empty")
            types[props.get("event_type")] += 1
        geom = feat.get("geometry")
        if not isinstance(geom, dict) or geom.get("type") != "Point":
            rep.error(f"{where}: geometry is "
                      f"{geom.get('type') if isinstance(geom, dict) else geom!r}, expected Point")
            continue
        coords = geom.get("coordinates")
        if not (isinstance(coords, list) and len(coords) in (2, 3)
                and all(_is_number(c) for c in coords)):
            rep.error(f"{where}: Point coordinates {coords!r} are not [lon, lat]")
            continue
        try:
            shp = shapely.geometry.shape(geom)
        except Exception as e:  # noqa: BLE001
            rep.error(f"{where}: shapely.geometry.shape failed: {e}")
            continue
        if shp.geom_type != "Point" or shp.is_empty or not shp.is_valid:
            rep.error(f"{where}: shapely sees {shp.geom_type}, empty={shp.is_empty}, "
                      f"valid={shp.is_valid}")
            continue
        lon, lat = shp.x, shp.y
        if not -180 <= lon <= 180:
            rep.error(f"{where}: longitude (first coordinate) {lon} outside [-180, 180]")
        if not -90 <= lat <= 90:
            rep.error(f"{where}: latitude (second coordinate) {lat} outside [-90, 90]"
                      " - are lon and lat swapped? RFC 7946 order is [lon, lat]")
    for fid, n in ids.items():
        if n > 1:
            rep.error(f"feature id {fid!r} occurs {n} times")
    if rep.ok:
        t = ", ".join(f"{k}={v}" for k, v in sorted(types.items(), key=lambda x: str(x[0])))
        return f"{len(raw['features'])} Point features, ids unique; {t}"
    return None


# --------------------------------------------------------------------------- main

CHECKS = {
    "acled": check_acled,
    "stix": check_stix,
    "graphml": check_graphml,
    "gexf": check_gexf,
    "geojson": check_geojson,
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Validate `rasid export` files with each format's real parser.")
    ap.add_argument("dir", help="directory holding the exported files")
    ap.add_argument("--only", default="",
                    help="comma-separated subset to check: " + ",".join(FILES)
                    + " (acled-csv is accepted for acled); default: all, each must exist")
    ap.add_argument("--show-warnings", type=int, default=5, metavar="N",
                    help="print the first N stix2validator warnings (default 5)")
    ap.add_argument("--stix-sample", type=int, default=None, metavar="N",
                    help="run stix2validator over at most N objects of the bundle, the same "
                    "share of each type (ids and references are still checked over all); "
                    "default: every object")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # keep stdout/stderr in order in CI logs

    if args.only:
        wanted = []
        for w in args.only.split(","):
            w = ALIASES.get(w.strip().lower(), w.strip().lower())
            if w not in FILES:
                ap.error(f"--only: unknown format {w!r}; choose from {','.join(FILES)}")
            if w not in wanted:
                wanted.append(w)
    else:
        wanted = list(FILES)
    if not os.path.isdir(args.dir):
        print(f"ERROR {args.dir}: not a directory", file=sys.stderr)
        return 1

    failed = 0
    for key in wanted:
        name = FILES[key]
        path = os.path.join(args.dir, name)
        rep = Report(name)
        summary = None
        if not os.path.isfile(path):
            rep.error(f"missing from {args.dir} (use --only to check a subset)")
        else:
            try:
                if key == "stix":
                    summary = check_stix(path, rep, args.show_warnings, args.stix_sample)
                else:
                    summary = CHECKS[key](path, rep)
            except Exception as e:  # noqa: BLE001 - a crash in a check is a failure too
                rep.error(f"validator crashed: {type(e).__name__}: {e}")
        if rep.ok:
            print(f"OK    {name}: {summary}")
        else:
            failed += 1
            for msg in rep.errors[:MAX_ERRORS_PER_FILE]:
                print(f"ERROR {name}: {msg}", file=sys.stderr)
            if len(rep.errors) > MAX_ERRORS_PER_FILE:
                print(f"ERROR {name}: ... and {len(rep.errors) - MAX_ERRORS_PER_FILE} more",
                      file=sys.stderr)
            print(f"FAIL  {name}: {len(rep.errors)} problem(s)")
    # Worded so it is not mistaken for a test runner's "N passed, N failed" closing line.
    if failed:
        print(f"validate_exports: {failed} of {len(wanted)} file(s) invalid")
    else:
        print(f"validate_exports: all {len(wanted)} file(s) valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
