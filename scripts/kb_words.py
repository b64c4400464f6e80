"""Shared by the kb mining scripts: Rasid's normalisation of Arabic words (as rasid-text
folds them: diacritics and tatweel removed, alef, ta marbuta, alef maqsura, Persian letters
and hamza seats folded) and the corpus the scripts read by default."""
import gzip, json, os, re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "saudinewsnet", "articles.jsonl.gz")
DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ؤ": "و", "ئ": "ي"})


def norm(t):
    return DIAC.sub("", t).translate(FOLD)


def article_texts(corpus):
    """The title and content of each record of a JSON-lines corpus (gzipped or not), normalised."""
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            yield norm((rec.get("title") or "") + "\n" + (rec.get("content") or ""))
