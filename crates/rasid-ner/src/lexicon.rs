//! A corpus lexicon for the second pass of a two-pass model: how the first
//! pass tags each stem across a sample of unlabelled news.
//!
//! Most names in new text never occur in the training set, but many occur
//! in a large unlabelled corpus, where some of their mentions are easy (a
//! title before a person, «نادي» before a club). Tagging a sample of that
//! corpus with the first pass and counting, per stem, how often it was
//! tagged as each class gives the second pass a corpus-wide view of the
//! word. For training, each fold's lexicon comes from the cross-fold model
//! that never saw the fold, like the document features.

use crate::analysis::{analyze, Shape, TokenInfo};
use rasid_text::Tokenizer;
use std::collections::HashMap;

/// Classes counted per stem; anything else counts as `O`.
const CLASSES: [&str; 5] = ["O", "PERS", "LOC", "ORG", "MISC"];

/// Stems seen fewer times than this get only a `lex=rare` feature.
const MIN_COUNT: u32 = 3;

/// Counts per stem: one per class of [`CLASSES`], then the number of
/// `B-` tags.
pub(crate) const SLOTS: usize = CLASSES.len() + 1;

/// Per stem, how often the first pass tagged it as each of [`CLASSES`], and
/// how often it began an entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pub(crate) counts: HashMap<String, [u32; SLOTS]>,
}

fn counted(t: &TokenInfo) -> bool {
    matches!(t.shape, Shape::Arabic | Shape::Latin) && t.stem.chars().count() >= 2
}

impl Lexicon {
    /// Counts the tags of `tags[j][i]` per stem of `sentences[j][i]` (analysed with
    /// `tokenizer`).
    pub fn from_tagged(
        sentences: &[Vec<String>],
        tags: &[Vec<String>],
        tokenizer: &Tokenizer,
    ) -> Self {
        let mut counts: HashMap<String, [u32; SLOTS]> = HashMap::new();
        for (sent, sent_tags) in sentences.iter().zip(tags) {
            for (tok, tag) in sent.iter().zip(sent_tags) {
                let info = analyze(tok, tokenizer);
                if !counted(&info) {
                    continue;
                }
                let class = tag.split_once('-').map_or("O", |(_, c)| c);
                let k = CLASSES.iter().position(|&c| c == class).unwrap_or(0);
                let c = counts.entry(info.stem).or_insert([0; SLOTS]);
                c[k] += 1;
                if tag.starts_with("B-") {
                    c[CLASSES.len()] += 1;
                }
            }
        }
        Lexicon { counts }
    }

    /// Number of stems.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True when no stem was counted.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Features of a token: `lex=unseen`, `lex=rare`, or for each entity
    /// class tagged at least once `lex=<class>:<share>` with the share of
    /// its occurrences bucketed (`hi` ≥ 1/2, `mid` ≥ 1/5, `lo` otherwise),
    /// or `lex=O` when it was never tagged as an entity; when at least a
    /// fifth of its occurrences were in entities, `lexb=B` if it mostly
    /// began them, else `lexb=I`.
    pub fn features(&self, t: &TokenInfo) -> Vec<String> {
        if !counted(t) {
            return Vec::new();
        }
        let Some(c) = self.counts.get(&t.stem) else {
            return vec!["lex=unseen".to_string()];
        };
        let n: u32 = c[..CLASSES.len()].iter().sum();
        if n < MIN_COUNT {
            return vec!["lex=rare".to_string()];
        }
        let mut out = Vec::new();
        for (k, &class) in CLASSES.iter().enumerate().skip(1) {
            if c[k] == 0 {
                continue;
            }
            let share = f64::from(c[k]) / f64::from(n);
            let bucket = if share >= 0.5 {
                "hi"
            } else if share >= 0.2 {
                "mid"
            } else {
                "lo"
            };
            out.push(format!("lex={class}:{bucket}"));
        }
        let entity: u32 = c[1..CLASSES.len()].iter().sum();
        if out.is_empty() {
            out.push("lex=O".to_string());
        } else if f64::from(entity) >= 0.2 * f64::from(n) {
            let begins = f64::from(c[CLASSES.len()]) >= 0.5 * f64::from(entity);
            out.push(format!("lexb={}", if begins { "B" } else { "I" }));
        }
        out
    }
}

/// Up to `max_sentences` sentences of raw documents, each as its tokens
/// (`rasid_text` sentences, tokens of the kb's `tokenizer`), in order.
pub fn corpus_sentences(
    docs: &[String],
    max_sentences: usize,
    tokenizer: &Tokenizer,
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for doc in docs {
        for span in rasid_text::sentences(doc) {
            if out.len() >= max_sentences {
                return out;
            }
            let text = rasid_text::slice_chars(doc, span);
            let toks: Vec<String> = tokenizer
                .tokenize(text)
                .into_iter()
                .map(|t| t.text)
                .filter(|t| !t.trim().is_empty())
                .collect();
            if toks.len() >= 3 {
                out.push(toks);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{analyze, tokenizer};

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn counts_first_pass_classes_per_stem() {
        let sents = vec![
            toks("قال فينغر إن"),
            toks("وقال فينغر أمس"),
            toks("المدرب فينغر قال"),
        ];
        let tags = vec![toks("O B-PERS O"), toks("O B-PERS O"), toks("O O O")];
        let lex = Lexicon::from_tagged(&sents, &tags, tokenizer());
        assert_eq!(lex.features(&analyze("فينغر")), ["lex=PERS:hi", "lexb=B"]);
        assert_eq!(lex.features(&analyze("قال")), ["lex=O"]);
        assert_eq!(lex.features(&analyze("أمس")), ["lex=rare"]);
        assert_eq!(lex.features(&analyze("بغداد")), ["lex=unseen"]);
        assert!(lex.features(&analyze("،")).is_empty());
    }

    #[test]
    fn splits_documents_into_token_sentences() {
        let docs = vec!["زار الرئيس بغداد أمس. وقال إن الوضع جيد، جدا.".to_string()];
        let s = corpus_sentences(&docs, 10, tokenizer());
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0][0], "زار");
        assert!(s[1].contains(&"،".to_string()), "{s:?}");
        assert_eq!(corpus_sentences(&docs, 1, tokenizer()).len(), 1);
    }
}
