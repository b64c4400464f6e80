//! Feature templates. Each feature is a string (template name and values)
//! hashed to a `u64` with XXH3, so a model stores 8 bytes per feature and
//! tagging needs no string interning.
//!
//! Templates, on the normalised token `w` and its clitic-stripped stem `s`
//! ([`crate::analysis`]): a bias; `w0`, `s0`; sentence start; `w±d`, `s±d`
//! for `d` up to `window`; the word and stem bigrams with each neighbour;
//! prefixes and suffixes of `w0` and, when it differs, of `s0` (1 up to
//! `affix_len` chars); suffixes (1–3 chars) of the neighbours' stems; the
//! proclitics of the token and its neighbours; the shape (Arabic, Latin,
//! digits, punctuation, …) with a length bucket, of the token and its
//! neighbours, and the token's shape with its proclitics. Optional inputs
//! ([`Extras`]) add more: with word clusters, per clustering the class of
//! the token, of its neighbours up to `window` and the class bigrams with
//! each neighbour; with a gazetteer, its BIO labels (one per matching
//! class, or `-` for none) at the token and those at the two neighbours on
//! each side; in a two-pass model, the token's document features (already
//! named strings, [`crate::document`]).

use crate::analysis::TokenInfo;
use xxhash_rust::xxh3::xxh3_64;

/// Which templates to use and how wide. `Default` is the tuned setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureConfig {
    /// Neighbouring words and stems up to this distance (default 2).
    pub window: usize,
    /// Prefixes and suffixes of 1 up to this many chars (default 4).
    pub affix_len: usize,
    /// Word and stem bigrams `w-1 w0`, `w0 w+1` (default on).
    pub bigrams: bool,
    /// Suffixes (1–3 chars) of the neighbours' stems (default on).
    pub neighbour_affixes: bool,
    /// Two-pass tagging with document features: how other occurrences of
    /// the token's stem up to this many sentences away were tagged by a
    /// first pass ([`crate::document`]); 0 = one pass, no such features.
    pub doc_window: usize,
    /// In a two-pass model with topic words: how many sports and business
    /// words the sentences up to this many away hold, as document features
    /// ([`crate::cues::topic_counts`]); 0 = none.
    pub topic_window: usize,
    /// In a two-pass model: the first pass's marginal class probabilities
    /// of the token and its neighbours as document features.
    pub marginals: bool,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            window: 2,
            affix_len: 4,
            bigrams: true,
            neighbour_affixes: true,
            doc_window: 10,
            topic_window: 3,
            marginals: true,
        }
    }
}

/// Separator between the parts of a feature string.
const SEP: char = '\u{1f}';
const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Collects hashed features for one token.
struct Sink<'a> {
    buf: String,
    out: &'a mut Vec<u64>,
}

impl Sink<'_> {
    fn add(&mut self, name: &str, parts: &[&str]) {
        self.buf.clear();
        self.buf.push_str(name);
        for p in parts {
            self.buf.push(SEP);
            self.buf.push_str(p);
        }
        self.out.push(xxh3_64(self.buf.as_bytes()));
    }
}

/// The first `k` chars of `s`, when `s` has more than `k` chars.
fn prefix(s: &str, k: usize) -> Option<&str> {
    let (end, _) = s.char_indices().nth(k)?;
    Some(&s[..end])
}

/// The last `k` chars of `s`, when `s` has more than `k` chars.
fn suffix(s: &str, k: usize) -> Option<&str> {
    if k == 0 {
        return None;
    }
    let (start, _) = s.char_indices().rev().nth(k - 1)?;
    (start > 0).then(|| &s[start..])
}

/// `n` written in decimal, without an allocation for the small numbers of feature names.
fn small_number(n: usize) -> std::borrow::Cow<'static, str> {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    match DIGITS.get(n) {
        Some(d) => std::borrow::Cow::Borrowed(d),
        None => std::borrow::Cow::Owned(n.to_string()),
    }
}

fn len_bucket(len: usize) -> &'static str {
    match len {
        0..=1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4",
        6..=8 => "6",
        _ => "9",
    }
}

/// What optional resources say about each token of a sentence.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The gazetteer's BIO labels per token (`B-<class>`, `I-<class>`),
    /// when there is a gazetteer.
    pub gazetteer: Option<Vec<Vec<String>>>,
    /// The word classes per token (one per clustering), when there are
    /// clusters; `None` for a word without a class.
    pub clusters: Option<Vec<Option<Vec<u16>>>>,
    /// Document features per token (already named, see
    /// [`crate::document::context_features`]), in a two-pass model.
    pub document: Option<Vec<Vec<String>>>,
}

/// The hashes of one token's document features, as [`extract`] adds them last: a two-pass
/// tagger adds them to the hashes it computed once without them.
pub fn document_hashes(doc: &[String]) -> Vec<u64> {
    let mut out = Vec::with_capacity(doc.len());
    let mut sink = Sink {
        buf: String::with_capacity(32),
        out: &mut out,
    };
    for f in doc {
        sink.add("d", &[f]);
    }
    out
}

/// The settings of the features that do not depend on the document: two passes whose
/// settings agree on these compute the same hashes for a sentence before its document
/// features.
pub fn same_sentence_features(a: &FeatureConfig, b: &FeatureConfig) -> bool {
    let sentence_only = |c: &FeatureConfig| FeatureConfig {
        doc_window: 0,
        topic_window: 0,
        marginals: false,
        ..c.clone()
    };
    sentence_only(a) == sentence_only(b)
}

/// Hashed features of every token of a sentence.
pub fn extract(tokens: &[TokenInfo], extras: &Extras, config: &FeatureConfig) -> Vec<Vec<u64>> {
    let gazetteer = extras.gazetteer.as_deref();
    let n = tokens.len();
    let word = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            tokens.get(i as usize).map_or(EOS, |t| t.norm.as_str())
        }
    };
    let stem = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            tokens.get(i as usize).map_or(EOS, |t| t.stem.as_str())
        }
    };
    // per-token strings computed once per sentence, not once per feature that reads them
    let shapes: Vec<String> = tokens
        .iter()
        .map(|t| format!("{}{}", t.shape.code(), len_bucket(t.len)))
        .collect();
    let shape = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            shapes.get(i as usize).map_or(EOS, String::as_str)
        }
    };
    let classes: Option<Vec<Vec<String>>> = extras.clusters.as_ref().map(|cl| {
        let levels = cl.iter().flatten().map(Vec::len).max().unwrap_or(0);
        (0..levels)
            .map(|level| {
                cl.iter()
                    .map(|c| match c {
                        None => "?".to_string(),
                        Some(c) => c.get(level).map_or("?".to_string(), u16::to_string),
                    })
                    .collect()
            })
            .collect()
    });
    let clitics = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            tokens.get(i as usize).map_or(EOS, |t| t.clitics.as_str())
        }
    };
    let gaz = |i: isize| -> &[String] {
        match gazetteer {
            Some(g) if i >= 0 => g.get(i as usize).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    };

    let mut all = Vec::with_capacity(n);
    for (idx, tok) in tokens.iter().enumerate() {
        let i = idx as isize;
        let mut feats = Vec::with_capacity(64);
        let mut sink = Sink {
            buf: String::with_capacity(64),
            out: &mut feats,
        };
        sink.add("b", &[]);
        sink.add("w0", &[&tok.norm]);
        sink.add("s0", &[&tok.stem]);
        if idx == 0 {
            sink.add("first", &[]);
        }
        for d in 1..=config.window as isize {
            let dn = small_number(d as usize);
            sink.add("w-", &[&dn, word(i - d)]);
            sink.add("w+", &[&dn, word(i + d)]);
            sink.add("s-", &[&dn, stem(i - d)]);
            sink.add("s+", &[&dn, stem(i + d)]);
        }
        if config.bigrams {
            sink.add("w-1w0", &[word(i - 1), &tok.norm]);
            sink.add("w0w+1", &[&tok.norm, word(i + 1)]);
            sink.add("s-1s0", &[stem(i - 1), &tok.stem]);
            sink.add("s0s+1", &[&tok.stem, stem(i + 1)]);
        }
        for k in 1..=config.affix_len {
            let kn = small_number(k);
            if let Some(p) = prefix(&tok.norm, k) {
                sink.add("wp", &[&kn, p]);
            }
            if let Some(p) = suffix(&tok.norm, k) {
                sink.add("ws", &[&kn, p]);
            }
            if tok.stem != tok.norm {
                if let Some(p) = prefix(&tok.stem, k) {
                    sink.add("sp", &[&kn, p]);
                }
                if let Some(p) = suffix(&tok.stem, k) {
                    sink.add("ss", &[&kn, p]);
                }
            }
        }
        if config.neighbour_affixes {
            for k in 1..=3usize.min(config.affix_len) {
                let kn = small_number(k);
                if let Some(p) = suffix(stem(i - 1), k) {
                    sink.add("ss-1", &[&kn, p]);
                }
                if let Some(p) = suffix(stem(i + 1), k) {
                    sink.add("ss+1", &[&kn, p]);
                }
            }
        }
        sink.add("c0", &[&tok.clitics]);
        sink.add("c-1", &[clitics(i - 1)]);
        sink.add("c+1", &[clitics(i + 1)]);
        let sh0 = shape(i);
        sink.add("sh0", &[sh0]);
        sink.add("sh-1", &[shape(i - 1)]);
        sink.add("sh+1", &[shape(i + 1)]);
        sink.add("sh0c0", &[sh0, &tok.clitics]);
        if let Some(by_level) = &classes {
            for (level, row) in by_level.iter().enumerate() {
                let class = |i: isize| -> &str {
                    if i < 0 {
                        BOS
                    } else {
                        row.get(i as usize).map_or(EOS, String::as_str)
                    }
                };
                let ln = small_number(level);
                let k0 = class(i);
                sink.add("k0", &[&ln, k0]);
                for d in 1..=config.window as isize {
                    let dn = small_number(d as usize);
                    sink.add("k-", &[&ln, &dn, class(i - d)]);
                    sink.add("k+", &[&ln, &dn, class(i + d)]);
                }
                sink.add("k-1k0", &[&ln, class(i - 1), k0]);
                sink.add("k0k+1", &[&ln, k0, class(i + 1)]);
            }
        }
        if gazetteer.is_some() {
            let g0 = gaz(i);
            if g0.is_empty() {
                sink.add("g0", &["-"]);
            }
            for g in g0 {
                sink.add("g0", &[g]);
            }
            for d in [-2isize, -1, 1, 2] {
                let dn = d.to_string();
                for g in gaz(i + d) {
                    sink.add("g", &[&dn, g]);
                }
            }
        }
        if let Some(doc) = extras.document.as_ref().and_then(|d| d.get(idx)) {
            feats.extend(document_hashes(doc));
        }
        all.push(feats);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::analyze;

    #[test]
    fn affixes_are_char_based() {
        assert_eq!(prefix("العراق", 2), Some("ال"));
        assert_eq!(suffix("العراق", 3), Some("راق"));
        assert_eq!(suffix("عن", 2), None);
        assert_eq!(prefix("عن", 2), None);
        assert_eq!(suffix("عن", 0), None);
    }

    #[test]
    fn same_context_same_features() {
        let toks: Vec<TokenInfo> = "زار الرئيس بغداد أمس".split(' ').map(analyze).collect();
        let cfg = FeatureConfig::default();
        let a = extract(&toks, &Extras::default(), &cfg);
        let b = extract(&toks, &Extras::default(), &cfg);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
        // Token 2 shares `w0` with the same word elsewhere.
        let other: Vec<TokenInfo> = "في بغداد".split(' ').map(analyze).collect();
        let c = extract(&other, &Extras::default(), &cfg);
        assert_eq!(a[2][1], c[1][1]);
        assert_ne!(a[2], c[1]);
    }
}
