#!/usr/bin/env python3
"""Mine candidate actor aliases from a news corpus, for a human to review.

usage:
  scripts/mine_aliases.py [--corpus PATH] [--kb kb/actors.toml] [--min-count N] [--top N]
                          [--kinds armed_group,state_force,...] [--actor ID ...] > report.txt
  scripts/mine_aliases.py --check [--kb kb/actors.toml]

Reads the actor dictionary (kb/actors.toml) and a JSON-lines corpus (one article a line with
"title" and "content"; gzip allowed), by default SaudiNewsNet in ../shared/corpus. Text is
normalised as rasid-text does (diacritics, tatweel, invisible marks removed; أإآٱ→ا, ة→ه,
ى→ي, ؤ→و, ئ→ي; Persian letters; digits; lower case), split into segments at punctuation and
into words; a word's proclitics (و ف ب ل ك, and «لل» for «ل»+«ال») are removed when the bare
word is at least as frequent in the corpus as the prefixed one («والحوثيين» → «الحوثيين»,
but «ولاية» stays). Two kinds of candidates are counted:

  1. extensions: every n-gram of 1–4 words that contains one of an actor's own names
     (name_ar, name_en, aliases) and adds 1–3 words around it («مليشيات الحوثي» around
     «الحوثي»). The extensions of shared (`generic`) names are reported apart.
  2. patterns: «مليشيا/ميليشيا/مليشيات/ميليشيات/تنظيم/جماعة/حركة/كتائب/ألوية/سرايا/لواء/
     جيش/قوات/فيلق/جبهة X», «المليشيات/الميليشيات/الجماعة/الحركة/التنظيم الـXية»,
     «ما يسمى/ما يعرف بـ/المسمى/المسماة/ما تسمى X» and «X الإرهابي/الإرهابية/الإرهابيين»
     with X of 1–3 words. A pattern candidate is credited to an actor when it holds a word
     that only that actor's (or its family's) names hold; the rest are listed as
     "unattributed", which is where new actors show up. Pattern candidates that contain a
     known name are left to the extensions.
  3. variants: corpus words one edit (insertion, deletion, substitution) away from a word
     that is mostly seen inside one actor's names («الحوثين» for «الحوثيين»), with the name
     rewritten with the variant and counted in the corpus.

Only the first word of an n-gram has its proclitics folded; the words after it are kept as
written, because the matcher strips proclitics only at the start of a name. Candidates that
already are a name of any actor, contain a name of another actor («الحوثيين وقوات صالح»),
start or end with a function word, or are seen fewer than --min-count times are dropped. Only normalised n-grams and their counts are
printed (never corpus sentences). The report is for review: nothing is written to the kb.

--check validates the dictionary instead (exit 1 on an error): unique snake_case ids, kinds,
parents that exist and no parent cycles, ISO 3166-1 alpha-2 countries, QID syntax, and that
no normalised name is an own name (name_ar / name_en / alias) of two actors, and that a name
is never one actor's own name and another's `generic` unless the first is an ancestor of the
second (a parent's name used for its branches).
"""
import argparse
import collections
import gzip
import json
import os
import re
import sys
import tomllib
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_KB = os.path.join(ROOT, "kb", "actors.toml")
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "saudinewsnet", "articles.jsonl.gz")

# ---------------------------------------------------------------- normalisation (as rasid-text)

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
                    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad]")
_FOLD = str.maketrans({
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
    "\u0672": "\u0627", "\u0673": "\u0627",
    "\u0629": "\u0647", "\u0649": "\u064a", "\u0624": "\u0648", "\u0626": "\u064a",
    "\u06cc": "\u064a", "\u06d0": "\u064a", "\u06ce": "\u064a", "\u06a9": "\u0643",
    "\u06af": "\u0643", "\u06c0": "\u0647", "\u06d5": "\u0647",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06f0 + d): str(d) for d in range(10)},
})
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_SPACES = re.compile(r"\s+")


def normalize(s):
    s = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    s = _MARKS.sub("", s).translate(_FOLD).lower()
    return _SPACES.sub(" ", s).strip()


_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3a-z0-9]+(?:-[a-z0-9]+)*")
# punctuation that ends an n-gram window
_BREAK = re.compile(r"[.\u060c\u061b\u061f!?:;,()\[\]{}\"«»“”'\n|/\\*#•–—]+")


def segments(text):
    """Normalised word lists, one per punctuation-delimited segment."""
    for part in _BREAK.split(normalize(text)):
        words = _WORD.findall(part)
        if words:
            yield words


# ---------------------------------------------------------------- dictionary

KINDS = {"armed_group", "state", "state_force", "organization", "media"}
ISO2 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())
ALLOWED_KEYS = {"id", "qid", "kind", "name_ar", "name_en", "aliases", "generic", "parent", "countries"}


def load(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def own_names(a):
    return [a["name_ar"], a["name_en"], *a.get("aliases", [])]


def ancestors(actors_by_id, aid):
    seen, cur = [], actors_by_id.get(aid, {}).get("parent")
    while cur and cur not in seen and cur in actors_by_id:
        seen.append(cur)
        cur = actors_by_id[cur].get("parent")
    return seen


def check(data):
    errors = []
    if data.get("version") != 1:
        errors.append("version must be 1")
    unknown_top = set(data) - {"version", "actor"}
    if unknown_top:
        errors.append(f"unknown top-level keys {sorted(unknown_top)}")
    actors = data.get("actor", [])
    by_id = {}
    for a in actors:
        aid = a.get("id", "")
        if set(a) - ALLOWED_KEYS:
            errors.append(f"{aid}: unknown keys {sorted(set(a) - ALLOWED_KEYS)}")
        for k in ("id", "kind", "name_ar", "name_en"):
            if not str(a.get(k, "")).strip():
                errors.append(f"{aid or a}: empty {k}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", aid):
            errors.append(f"{aid}: id is not lowercase snake_case")
        if aid in by_id:
            errors.append(f"{aid}: id used twice")
        by_id[aid] = a
        if a.get("kind") not in KINDS:
            errors.append(f"{aid}: kind {a.get('kind')!r} not in {sorted(KINDS)}")
        if "qid" in a and not re.fullmatch(r"Q[1-9][0-9]*", a["qid"]):
            errors.append(f"{aid}: bad qid {a['qid']!r}")
        for c in a.get("countries", []):
            if c not in ISO2:
                errors.append(f"{aid}: country {c!r} is not ISO 3166-1 alpha-2")
        if a.get("kind") == "state" and len(a.get("countries", [])) != 1:
            errors.append(f"{aid}: a state lists exactly its own country code")
        for field in ("aliases", "generic"):
            vals = [normalize(x) for x in a.get(field, [])]
            if any(not v for v in vals):
                errors.append(f"{aid}: empty {field} entry")
            dup = [v for v, n in collections.Counter(vals).items() if n > 1]
            if dup:
                errors.append(f"{aid}: {field} repeats {dup} after normalisation")
    for a in actors:
        p = a.get("parent")
        if p is not None and p not in by_id:
            errors.append(f"{a['id']}: parent {p!r} is not an actor")
        if a["id"] in ancestors(by_id, a["id"]) or p == a["id"]:
            errors.append(f"{a['id']}: parent cycle")
    owner = {}
    for a in actors:
        for n in own_names(a):
            k = normalize(n)
            if k in owner and owner[k] != a["id"]:
                errors.append(f"own name {n!r} of {a['id']} is already an own name of {owner[k]}")
            owner.setdefault(k, a["id"])
    for a in actors:
        for g in a.get("generic", []):
            k = normalize(g)
            if k in owner and owner[k] != a["id"] and owner[k] not in ancestors(by_id, a["id"]):
                errors.append(f"generic {g!r} of {a['id']} is an own name of {owner[k]}, "
                              "which is not its ancestor")
            if owner.get(k) == a["id"]:
                errors.append(f"{a['id']}: {g!r} is both an own name and generic")
    return errors


# ---------------------------------------------------------------- mining

STOP = set(normalize(w) for w in """
في من على إلى الى عن مع أن إن ان او أو ثم ما لا لم لن قد هذا هذه ذلك تلك التي الذي الذين اللذين
اللتين اللواتي بين بعد قبل حتى كما أيضا عند أي كل كان كانت يكون وقال قال قالت وأضاف أضاف أكد
وأكد وأوضح أوضح أشار خلال منذ حيث إذ لدى نحو ضد عبر دون غير سوى بعض جميع هو هي هم هن نحن أنا
وهو وهي وهم التي الى فيما بينما لكن لكن إلا الا مما عما أمام وراء تحت فوق حول أمس اليوم غدا
يوم العام عام الماضي الماضية الجاري الحالي الأول الثاني أول آخر أخرى الأخرى الآخر عدد عددا
وفق وفقا بحسب حسب إثر اثر جراء عقب لها له لهم لهن بها به بهم منها منه منهم فيها فيه فيهم عليها
عليه عليهم إليها إليه إليهم عنها عنه عنهم معه معها معهم ذات يتم تم تمت سيتم وذلك وهذا وهذه
وقد فقد لقد كذلك هناك هنا الآن جدا التابع التابعة تابع تابعة الذي تقوده بقيادة التي ضمن إطار
""".split())

HEADS = [normalize(w) for w in (
    "مليشيا ميليشيا مليشيات ميليشيات تنظيم جماعة حركة كتائب كتيبة ألوية لواء سرايا جيش قوات "
    "فيلق جبهة عصابات عصابة").split()]
ARTICLE_HEADS = [normalize(w) for w in
                 "المليشيات الميليشيات المليشيا الميليشيا الجماعة الحركة التنظيم العصابات".split()]
SO_CALLED = [tuple(normalize(w).split()) for w in
             ("ما يسمى", "ما تسمى", "ما يعرف ب", "ما يعرف", "ما تعرف", "المسمى", "المسماة",
              "ما يطلق عليه", "ما يطلق عليها")]
TERROR_ADJ = {normalize(w) for w in ("الإرهابي", "الإرهابية", "الإرهابيين", "الإرهابيون",
                                     "المتطرف", "المتطرفة", "الانقلابية", "الانقلابي")}
PREFIXES = ["ول", "وب", "وك", "فل", "فب", "فك", "و", "ف", "ب", "ل", "ك"]


def read_corpus(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            art = json.loads(line)
            yield f"{art.get('title') or ''}\n{art.get('content') or ''}"


def canonical_map(freq):
    """word -> word without proclitics, when the bare form is at least as frequent."""
    out = {}
    for w, n in freq.items():
        best = w
        # «لل…» is «ل» + «ال…» with the alef elided
        for p in ("ولل", "فلل", "لل"):
            if w.startswith(p) and len(w) - len(p) >= 2:
                cand = "ال" + w[len(p):]
                if freq.get(cand, 0) >= n:
                    best = cand
                break
        if best == w:
            for p in PREFIXES:
                if w.startswith(p):
                    rest = w[len(p):]
                    if len(rest) < 3 or (rest.startswith("ال") and len(rest) < 5):
                        continue
                    if freq.get(rest, 0) >= n:
                        best = rest
                        break
        if best != w:
            out[w] = best
    return out


def edge_ok(tok):
    return tok not in STOP and len(tok) > 1 and not tok.isdigit()


def deletes(w):
    return {w[:i] + w[i + 1:] for i in range(len(w))}


# one-letter differences that are spelling variants rather than other words: a long vowel,
# hamza or final ه dropped or added, or letters that transliterations swap (g: ج غ ك ق)
WEAK = set("اويهء")
SIMILAR = [set("اوي"), set("جغكق"), set("تط"), set("سص"), set("دض"), set("زذظ"), set("هة"), set("يء")]


def spelling_variant(w, v):
    if len(v) == len(w) + 1:
        w, v = v, w
    if len(w) == len(v) + 1:                       # v is w with one letter deleted
        for i in range(len(w)):
            if w[:i] + w[i + 1:] == v:
                return w[i] in WEAK
        return False
    if len(w) == len(v):
        diff = [(a, b) for a, b in zip(w, v) if a != b]
        return len(diff) == 1 and any(diff[0][0] in g and diff[0][1] in g for g in SIMILAR)
    return False


def mine(args):
    data = load(args.kb)
    actors = data["actor"]
    by_id = {a["id"]: a for a in actors}
    kinds = set(args.kinds.split(",")) if args.kinds else KINDS - {"state"}
    wanted = set(args.actor) if args.actor else None

    print(f"reading {args.corpus} ...", file=sys.stderr)
    docs = []
    freq = collections.Counter()
    for text in read_corpus(args.corpus):
        segs = list(segments(text))
        docs.append(segs)
        for s in segs:
            freq.update(s)
    canon = canonical_map(freq)
    print(f"{len(docs)} articles, {sum(freq.values())} words, {len(canon)} proclitic forms folded",
          file=sys.stderr)

    # names as normalised word tuples
    known = set()
    own_seed = collections.defaultdict(set)      # tuple -> actor ids owning it
    gen_seed = collections.defaultdict(set)      # tuple -> actor ids sharing it
    for a in actors:
        for n in own_names(a):
            t = tuple(normalize(n).split())
            own_seed[t].add(a["id"])
            known.add(t)
        for n in a.get("generic", []):
            t = tuple(normalize(n).split())
            gen_seed[t].add(a["id"])
            known.add(t)
    first = collections.defaultdict(list)
    for t in known:
        first[t[0]].append(t)
    for k in first:
        first[k].sort(key=len, reverse=True)

    def find_names(raw, s):
        """(start, end, name) of the longest name at each position, left to right."""
        out, i, n = [], 0, len(s)
        while i < n:
            hit = None
            for t in first.get(s[i], ()):
                if tuple(raw[i + 1:i + len(t)]) == t[1:]:
                    hit = t
                    break
            if hit is None:
                i += 1
                continue
            out.append((i, i + len(hit), hit))
            i += len(hit)
        return out

    def ngram(raw, s, a, b):
        return (s[a], *raw[a + 1:b])

    seed_count = collections.Counter()            # (key, tuple) -> n
    in_name = collections.Counter()               # word -> occurrences inside a matched name
    ext = collections.defaultdict(collections.Counter)   # key -> ngram -> n
    pat = collections.Counter()                   # (ngram, pattern) -> n
    for segs in docs:
        for raw in segs:
            s = [canon.get(w, w) for w in raw]
            n = len(s)
            hits = find_names(raw, s)
            # 1. names seen, and the n-grams around them
            for k_hit, (i, j, hit) in enumerate(hits):
                keys = sorted(own_seed[hit]) if hit in own_seed else ["generic:" + " ".join(hit)]
                for k in keys:
                    seed_count[(k, hit)] += 1
                for w in hit:
                    in_name[w] += 1
                for left in range(0, 4):
                    for right in range(0, 4):
                        if left + right == 0 or len(hit) + left + right > 4:
                            continue
                        a, b = i - left, j + right
                        if a < 0 or b > n:
                            continue
                        # an n-gram reaching into another name is a combination, not an alias
                        if any(x < b and a < y for (x, y, _) in hits[:k_hit] + hits[k_hit + 1:]):
                            continue
                        g = ngram(raw, s, a, b)
                        if not (edge_ok(g[0]) and edge_ok(g[-1])):
                            continue
                        for k in keys:
                            ext[k][g] += 1
            # 2. patterns
            for i, w in enumerate(s):
                if w in HEADS:
                    for L in (1, 2, 3):
                        if i + 1 + L <= n:
                            g = ngram(raw, s, i, i + 1 + L)
                            if all(len(t) > 1 for t in g) and edge_ok(g[1]) and edge_ok(g[-1]):
                                pat[(g, w + " X")] += 1
                if w in ARTICLE_HEADS and i + 1 < n:
                    adj = raw[i + 1]
                    if adj.startswith("ال") and adj.endswith("يه") and adj not in TERROR_ADJ:
                        pat[((w, adj), "الـhead الـXية")] += 1
                if raw[i] in TERROR_ADJ:
                    for L in (1, 2, 3):
                        if i - L >= 0:
                            g = ngram(raw, s, i - L, i)
                            if edge_ok(g[0]) and edge_ok(g[-1]):
                                pat[(g, "X " + raw[i])] += 1
            for sc in SO_CALLED:
                m = len(sc)
                for i in range(n - m):
                    if s[i] == sc[0] and tuple(raw[i + 1:i + m]) == sc[1:]:
                        for L in (1, 2, 3):
                            if i + m + L <= n:
                                g = ngram(raw, s, i + m, i + m + L)
                                if edge_ok(g[0]) and edge_ok(g[-1]):
                                    pat[(g, " ".join(sc) + " X")] += 1

    # words mostly seen inside one family's names: they credit pattern candidates and variants
    def family(aid):
        anc = ancestors(by_id, aid)
        return anc[-1] if anc else aid
    holders = collections.defaultdict(set)
    for t, ids in own_seed.items():
        for w in t:
            holders[w].update(ids)
    distinctive = {}
    for w, ids in holders.items():
        if len(w) < 3 or w in STOP or w in HEADS or w in ARTICLE_HEADS:
            continue
        if len({family(i) for i in ids}) != 1:
            continue
        if in_name[w] < args.min_count or in_name[w] < 0.3 * freq.get(w, 0):
            continue
        distinctive[w] = max(ids, key=lambda i: len(ancestors(by_id, i)))

    def contains_known(g):
        return any(tuple(g[a:b]) in known for a in range(len(g)) for b in range(a + 1, len(g) + 1))

    pat_by_actor = collections.defaultdict(collections.Counter)
    unattributed = collections.Counter()
    pat_source = {}
    for (g, src), c in pat.items():
        if g in known:
            continue
        pat_source.setdefault(g, src)
        if contains_known(g):          # a known name plus context: see the extensions
            continue
        owners = {distinctive[w] for w in g if w in distinctive}
        if len(owners) == 1:
            pat_by_actor[owners.pop()][g] += c
        elif not owners:
            unattributed[g] += c

    # 3. spelling variants of distinctive words, counted as whole rewritten names
    index = collections.defaultdict(set)
    for w, c in freq.items():
        if c >= args.min_count and len(w) >= 4 and not w.isdigit():
            index[w].add(w)
            for d in deletes(w):
                index[d].add(w)
    variant_names = collections.defaultdict(dict)     # actor -> rewritten tuple -> (word, variant)
    for w, aid in distinctive.items():
        if len(w) < 5:
            continue
        near = set(index.get(w, ()))
        for d in deletes(w):
            near |= index.get(d, set())
        for v in near:
            if v == w or v in holders or v in STOP:
                continue
            if not spelling_variant(w, v):
                continue
            for t in own_seed:
                if aid in own_seed[t] and w in t:
                    nt = tuple(v if x == w else x for x in t)
                    if nt not in known:
                        variant_names[aid][nt] = (w, v)
    vfirst = collections.defaultdict(list)
    for aid, names in variant_names.items():
        for nt in names:
            vfirst[nt[0]].append((nt, aid))
    vcount = collections.Counter()
    for segs in docs:
        for raw in segs:
            s = [canon.get(w, w) for w in raw]
            for i in range(len(s)):
                for nt, aid in vfirst.get(s[i], ()):
                    if tuple(raw[i + 1:i + len(nt)]) == nt[1:]:
                        vcount[(aid, nt)] += 1

    def show(g):
        return " ".join(g)

    total = collections.Counter()
    for (k, t), c in seed_count.items():
        total[k] += c
    order = [a for a in actors if a["kind"] in kinds and (wanted is None or a["id"] in wanted)]
    order.sort(key=lambda a: -total.get(a["id"], 0))
    print("# scripts/mine_aliases.py report: counts of normalised n-grams in the corpus.")
    print(f"# corpus: {os.path.basename(args.corpus)}; min count {args.min_count}; top {args.top}")
    print("# [ext] n-gram around a known name; [pat:…] pattern credited to the actor;")
    print("# [var w→v] a name with one word spelled differently.\n")
    for a in order:
        aid = a["id"]
        seeds = sorted(((c, show(t)) for (k, t), c in seed_count.items() if k == aid), reverse=True)
        cands = {}
        for g, c in ext[aid].items():
            if g not in known and c >= args.min_count:
                cands[g] = (c, "ext")
        for g, c in pat_by_actor[aid].items():
            if c >= args.min_count and g not in cands:
                cands[g] = (c, "pat:" + pat_source[g])
        for nt, (w, v) in variant_names[aid].items():
            c = vcount[(aid, nt)]
            if c >= args.min_count and nt not in cands:
                cands[nt] = (c, f"var {w}→{v}")
        if not seeds and not cands:
            continue
        print(f"== {aid} ({a['kind']}) {a['name_ar']} / {a['name_en']}")
        print("   names seen: " + (", ".join(f"{t}={c}" for c, t in seeds[:14]) if seeds else "none"))
        ranked = sorted(cands.items(), key=lambda kv: -kv[1][0])
        # variants and patterns are rarer than extensions: show them all, extensions up to --top
        shown = [kv for kv in ranked if kv[1][1] != "ext"][:args.top]
        shown += [kv for kv in ranked if kv[1][1] == "ext"][:args.top]
        for g, (c, src) in sorted(shown, key=lambda kv: -kv[1][0]):
            print(f"   {c:6d}  {show(g)}  [{src}]")
        print()
    if wanted is None:
        print("== shared (generic) names: extensions")
        for k in sorted(ext, key=lambda k: -total.get(k, 0)):
            if not k.startswith("generic:"):
                continue
            items = [(g, c) for g, c in ext[k].most_common() if g not in known and c >= args.min_count]
            if not items:
                continue
            print(f"-- {k[8:]} (seen {total.get(k, 0)})")
            for g, c in items[:args.top]:
                print(f"   {c:6d}  {show(g)}")
        print()
        print("== unattributed pattern matches (possible new actors)")
        for g, c in unattributed.most_common(args.unattributed):
            if c < args.min_count * 2:
                break
            print(f"   {c:6d}  {show(g)}  [pat:{pat_source[g]}]")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kb", default=DEFAULT_KB)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--unattributed", type=int, default=150)
    ap.add_argument("--kinds", help="comma-separated kinds to report (default: all but state)")
    ap.add_argument("--actor", action="append", help="report only this actor id (repeatable)")
    ap.add_argument("--check", action="store_true", help="validate the dictionary and exit")
    args = ap.parse_args()
    if args.check:
        data = load(args.kb)
        errors = check(data)
        for e in errors:
            print("error:", e)
        kinds = collections.Counter(a["kind"] for a in data["actor"])
        print(f"{len(data['actor'])} actors: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        sys.exit(1 if errors else 0)
    mine(args)


if __name__ == "__main__":
    main()
