//! Cue words: head nouns of organisations and places, person titles, and
//! the vocabulary of sports and business reporting (`kb/ner_cues.txt`,
//! loaded and validated by `rasid-kb`; `--kb DIR` overrides it).
//!
//! They give three kinds of features:
//! - in the sentence ([`Cues::sentence_features`]): whether the token is a
//!   head noun or title, whether one is 1 or 2 tokens to its left, and
//!   whether it is inside a run of words that started at a head noun
//!   («نادي [ريال مدريد]»);
//! - from an unlabelled corpus ([`CueLexicon`]): how often each stem follows
//!   a head noun or title anywhere in the corpus, so a club that the labelled
//!   data never saw, but the corpus often calls «نادي X», looks like one;
//! - around the sentence ([`topic_counts`]): how many sports and business
//!   words the nearby sentences hold (clubs and companies are named after
//!   places and people, and the topic tells them apart).

use crate::analysis::{analyze, Shape, TokenInfo};
use rasid_text::Tokenizer;
use std::collections::HashMap;

/// Classes of head nouns and titles: the word after one is (part of) a name.
pub const HEAD_CLASSES: [&str; 4] = ["ORG", "ORGH", "LOC", "PERS"];
/// Topic classes, counted around each sentence.
pub const TOPIC_CLASSES: [&str; 2] = ["SPORT", "ECON"];
/// Function words: a run of name words stops at one.
const FUNC: &str = "FUNC";
/// A run of name words after a head noun is followed this far.
const MAX_RUN: usize = 4;

/// Cue words by class, keyed by their normalised, clitic-stripped stems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cues {
    /// Stem → its classes, sorted and distinct.
    words: HashMap<String, Vec<String>>,
}

impl Cues {
    /// The knowledge base's cue words (`kb/ner_cues.txt`, validated by
    /// `rasid-kb`).
    pub fn from_kb(kb: &rasid_kb::Kb) -> Cues {
        Self::from_kb_cues(&kb.ner_cues, &kb.tokenizer)
    }

    /// Cue words from a loaded `ner_cues.txt`; words are keyed by their stem
    /// ([`analyze`] with the kb's `tokenizer`).
    pub fn from_kb_cues(list: &rasid_kb::NerCues, tokenizer: &Tokenizer) -> Cues {
        let mut cues = Cues::default();
        for cue in &list.cues {
            cues.insert(&analyze(&cue.word, tokenizer).stem, &cue.class);
        }
        cues
    }

    fn insert(&mut self, stem: &str, class: &str) {
        if stem.is_empty() {
            return;
        }
        let classes = self.words.entry(stem.to_string()).or_default();
        if let Err(at) = classes.binary_search_by(|c| c.as_str().cmp(class)) {
            classes.insert(at, class.to_string());
        }
    }

    /// `(stem, class)` pairs, sorted (for saving).
    pub(crate) fn entries(&self) -> Vec<(&str, &str)> {
        let mut v: Vec<(&str, &str)> = self
            .words
            .iter()
            .flat_map(|(w, cs)| cs.iter().map(move |c| (w.as_str(), c.as_str())))
            .collect();
        v.sort_unstable();
        v
    }

    /// Rebuilds cues from saved entries.
    pub(crate) fn from_entries(entries: &[(String, String)]) -> Cues {
        let mut cues = Cues::default();
        for (w, c) in entries {
            if !c.is_empty() {
                cues.insert(w, c);
            }
        }
        cues
    }

    /// Number of cue stems.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no cue words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The classes of a token (by its stem); empty for non-words.
    pub fn classes(&self, t: &TokenInfo) -> &[String] {
        if !matches!(t.shape, Shape::Arabic | Shape::Latin) {
            return &[];
        }
        self.words.get(&t.stem).map_or(&[], Vec::as_slice)
    }

    fn has(&self, t: &TokenInfo, class: &str) -> bool {
        self.classes(t).iter().any(|c| c == class)
    }

    /// The head classes ([`HEAD_CLASSES`]) of a token.
    fn heads<'a>(&'a self, t: &TokenInfo) -> impl Iterator<Item = &'a str> + 'a {
        let classes = self.classes(t);
        classes
            .iter()
            .map(String::as_str)
            .filter(|c| HEAD_CLASSES.contains(c))
    }

    /// Whether a token may continue a name: letters, not a function word.
    fn name_like(&self, t: &TokenInfo) -> bool {
        matches!(t.shape, Shape::Arabic | Shape::Latin) && !self.has(t, FUNC)
    }

    /// Cue features of every token of a sentence: `h0=C` when the token is
    /// a head noun or title of class `C`; `h-1=C`, `h-2=C` when one is 1 or
    /// 2 tokens to the left (2 only across a name-like word); `run=C` when
    /// the token is 1 to 4 name-like words after a head noun of class `C`
    /// with only name-like words between; and, with a corpus lexicon, its
    /// features for the token and its neighbours ([`CueLexicon::features`],
    /// the neighbours' prefixed `-1:` and `+1:`).
    pub fn sentence_features(
        &self,
        tokens: &[TokenInfo],
        lexicon: Option<&CueLexicon>,
    ) -> Vec<Vec<String>> {
        let lex: Vec<Vec<String>> = match lexicon {
            Some(l) => tokens.iter().map(|t| l.features(t)).collect(),
            None => Vec::new(),
        };
        let mut out = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            let mut f: Vec<String> = self.heads(t).map(|c| format!("h0={c}")).collect();
            if let Some(prev) = i.checked_sub(1).and_then(|j| tokens.get(j)) {
                f.extend(self.heads(prev).map(|c| format!("h-1={c}")));
                if self.name_like(prev) {
                    if let Some(prev2) = i.checked_sub(2).and_then(|j| tokens.get(j)) {
                        f.extend(self.heads(prev2).map(|c| format!("h-2={c}")));
                    }
                }
            }
            if self.name_like(t) {
                for j in (i.saturating_sub(MAX_RUN)..i).rev() {
                    let Some(h) = tokens.get(j) else { break };
                    let heads: Vec<&str> = self.heads(h).collect();
                    if !heads.is_empty() {
                        f.extend(heads.iter().map(|c| format!("run={c}")));
                        break;
                    }
                    if !self.name_like(h) {
                        break;
                    }
                }
            }
            if let Some(own) = lex.get(i) {
                f.extend(own.iter().cloned());
            }
            if let Some(p) = i.checked_sub(1).and_then(|j| lex.get(j)) {
                f.extend(p.iter().map(|x| format!("-1:{x}")));
            }
            if let Some(n) = lex.get(i + 1) {
                f.extend(n.iter().map(|x| format!("+1:{x}")));
            }
            out.push(f);
        }
        out
    }
}

/// Per sentence, how many words of each [`TOPIC_CLASSES`] class it holds.
pub fn topic_counts(cues: &Cues, sentences: &[Vec<TokenInfo>]) -> Vec<[u32; 2]> {
    sentences
        .iter()
        .map(|s| {
            let mut c = [0u32; 2];
            for t in s {
                for (k, class) in TOPIC_CLASSES.iter().enumerate() {
                    if cues.has(t, class) {
                        c[k] += 1;
                    }
                }
            }
            c
        })
        .collect()
}

/// Stems seen fewer times than this in the corpus get no lexicon features.
const MIN_TOTAL: u32 = 3;
/// A stem needs this many occurrences after a head of a class for that
/// class to count.
const MIN_AFTER: u32 = 2;
/// Slots of [`CueLexicon`] counts: all occurrences, then one per head class.
pub(crate) const CUE_SLOTS: usize = HEAD_CLASSES.len() + 1;

/// How often each stem of an unlabelled corpus follows a head noun or title
/// of each class ([`HEAD_CLASSES`]). Only stems that follow one at least
/// twice are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueLexicon {
    /// Stem → [all occurrences, after an `ORG` head, `ORGH`, `LOC`, `PERS`].
    pub(crate) counts: HashMap<String, [u32; CUE_SLOTS]>,
}

impl CueLexicon {
    /// Counts over raw documents (tokenised with the kb's `tokenizer`).
    pub fn from_docs(docs: &[String], cues: &Cues, tokenizer: &Tokenizer) -> CueLexicon {
        use rayon::prelude::*;
        let partial: Vec<HashMap<String, [u32; CUE_SLOTS]>> = docs
            .par_chunks(256)
            .map(|chunk| {
                let mut counts: HashMap<String, [u32; CUE_SLOTS]> = HashMap::new();
                for doc in chunk {
                    let infos: Vec<TokenInfo> = tokenizer
                        .tokenize(doc)
                        .into_iter()
                        .map(|t| info_of(&t))
                        .collect();
                    count_tokens(&infos, cues, &mut counts);
                }
                counts
            })
            .collect();
        let mut counts: HashMap<String, [u32; CUE_SLOTS]> = HashMap::new();
        for part in partial {
            for (stem, c) in part {
                let slot = counts.entry(stem).or_insert([0; CUE_SLOTS]);
                for (s, v) in slot.iter_mut().zip(c) {
                    *s += v;
                }
            }
        }
        counts.retain(|_, c| c[0] >= MIN_TOTAL && c[1..].iter().any(|&v| v >= MIN_AFTER));
        CueLexicon { counts }
    }

    /// Number of stems.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True when no stem was kept.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Features of a token: for each head class `C` it followed at least
    /// twice, `cx=C:<share>` with the share of its occurrences that follow
    /// such a head (`hi` ≥ 1/4, `mid` ≥ 1/12, `lo` otherwise).
    pub fn features(&self, t: &TokenInfo) -> Vec<String> {
        let Some(c) = self.counts.get(&t.stem) else {
            return Vec::new();
        };
        let total = f64::from(c[0].max(1));
        HEAD_CLASSES
            .iter()
            .zip(&c[1..])
            .filter(|(_, &n)| n >= MIN_AFTER)
            .map(|(class, &n)| {
                let share = f64::from(n) / total;
                let bucket = if share >= 0.25 {
                    "hi"
                } else if share >= 1.0 / 12.0 {
                    "mid"
                } else {
                    "lo"
                };
                format!("cx={class}:{bucket}")
            })
            .collect()
    }
}

/// A `rasid_text` token as the tagger analyses it.
fn info_of(t: &rasid_text::Token) -> TokenInfo {
    use rasid_text::TokenKind;
    let shape = match t.kind {
        TokenKind::Word => Shape::Arabic,
        TokenKind::Latin => Shape::Latin,
        TokenKind::Number => Shape::Number,
        TokenKind::Punct => Shape::Punct,
        TokenKind::Symbol => Shape::Symbol,
    };
    TokenInfo {
        stem: if t.stem_norm.is_empty() {
            t.norm.clone()
        } else {
            t.stem_norm.clone()
        },
        len: t.norm.chars().count(),
        norm: t.norm.clone(),
        clitics: String::new(),
        shape,
    }
}

fn count_tokens(infos: &[TokenInfo], cues: &Cues, counts: &mut HashMap<String, [u32; CUE_SLOTS]>) {
    for (i, t) in infos.iter().enumerate() {
        if !matches!(t.shape, Shape::Arabic | Shape::Latin) || t.stem.chars().count() < 2 {
            continue;
        }
        let slot = counts.entry(t.stem.clone()).or_insert([0; CUE_SLOTS]);
        slot[0] += 1;
        if let Some(prev) = i.checked_sub(1).and_then(|j| infos.get(j)) {
            for class in cues.heads(prev) {
                if let Some(k) = HEAD_CLASSES.iter().position(|&c| c == class) {
                    slot[k + 1] += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{analyze, tokenizer};

    fn builtin() -> Cues {
        Cues::from_kb(&rasid_kb::Kb::builtin().expect("built-in kb"))
    }

    fn infos(s: &str) -> Vec<TokenInfo> {
        s.split(' ').map(analyze).collect()
    }

    #[test]
    fn kb_list_loads_and_strips_clitics() {
        let cues = builtin();
        assert!(cues.len() > 200, "{}", cues.len());
        assert_eq!(cues.classes(&analyze("للنادي")), ["ORG", "SPORT"]);
        assert!(cues.has(&analyze("وحزب"), "ORGH"));
        assert!(cues.has(&analyze("بمدينة"), "LOC"));
        assert!(cues.classes(&analyze("،")).is_empty());
    }

    #[test]
    fn head_noun_features_fire_on_a_club() {
        let cues = builtin();
        let f = cues.sentence_features(&infos("فاز نادي ريال مدريد على برشلونة"), None);
        assert!(f[1].contains(&"h0=ORG".to_string()), "{f:?}");
        assert!(f[2].contains(&"h-1=ORG".to_string()), "{f:?}");
        assert!(f[2].contains(&"run=ORG".to_string()), "{f:?}");
        assert!(f[3].contains(&"h-2=ORG".to_string()), "{f:?}");
        assert!(f[3].contains(&"run=ORG".to_string()), "{f:?}");
        // «على» ends the run.
        assert!(!f[4].iter().any(|x| x.starts_with("run=")), "{f:?}");
        assert!(!f[5].iter().any(|x| x.starts_with("run=")), "{f:?}");
        assert!(!f[0].iter().any(|x| x.starts_with('h')), "{f:?}");
    }

    #[test]
    fn corpus_lexicon_counts_words_after_heads() {
        let cues = builtin();
        let docs = vec![
            "لعب نادي الهلال أمس. وفاز الهلال على فريق النصر.".to_string(),
            "خسر نادي الهلال، وتعادل فريق النصر مع نادي الهلال.".to_string(),
            "زار المدرب فينغر مدينة جدة ثم غادر جدة إلى مدينة جدة.".to_string(),
        ];
        let lex = CueLexicon::from_docs(&docs, &cues, tokenizer());
        assert_eq!(lex.features(&analyze("والهلال")), ["cx=ORG:hi"]);
        assert_eq!(lex.features(&analyze("جدة")), ["cx=LOC:hi"]);
        // Seen after a head only once: not kept.
        assert!(lex.features(&analyze("فينغر")).is_empty());
        let cues_f = cues.sentence_features(&infos("التقى الهلال والنصر"), Some(&lex));
        assert!(cues_f[1].contains(&"cx=ORG:hi".to_string()), "{cues_f:?}");
        assert!(
            cues_f[2].contains(&"-1:cx=ORG:hi".to_string()),
            "{cues_f:?}"
        );
        assert!(
            cues_f[0].contains(&"+1:cx=ORG:hi".to_string()),
            "{cues_f:?}"
        );
    }

    #[test]
    fn topics_are_counted_per_sentence() {
        let cues = builtin();
        let s = vec![
            infos("انتهت المباراة بالتعادل في الدوري"),
            infos("زار الرئيس بغداد"),
        ];
        // «المباراة», «بالتعادل», «الدوري».
        assert_eq!(topic_counts(&cues, &s), vec![[3, 0], [0, 0]]);
    }
}
