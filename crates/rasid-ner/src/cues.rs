//! Topic words: the vocabulary of sports and business reporting, the
//! `SPORT` and `ECON` lines of `kb/ner_cues.txt` (loaded and validated by
//! `rasid-kb`; `--kb DIR` overrides it). The file's other classes (head
//! nouns, titles, function words) are not used.
//!
//! A two-pass model counts them in the sentences around each sentence
//! ([`topic_counts`]): clubs and companies are often named after places
//! and people, and the topic of the passage tells them apart.

use crate::analysis::{analyze, Shape, TokenInfo};
use rasid_text::Tokenizer;
use std::collections::HashMap;

/// Topic classes, counted around each sentence.
pub const TOPIC_CLASSES: [&str; 2] = ["SPORT", "ECON"];

/// Topic words by class, keyed by their normalised, clitic-stripped stems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cues {
    /// Stem → its topic classes, sorted and distinct.
    words: HashMap<String, Vec<String>>,
}

impl Cues {
    /// The knowledge base's topic words (`kb/ner_cues.txt`, validated by
    /// `rasid-kb`).
    pub fn from_kb(kb: &rasid_kb::Kb) -> Cues {
        Self::from_kb_cues(&kb.ner_cues, &kb.tokenizer)
    }

    /// The topic words of a loaded `ner_cues.txt`, keyed by their stem
    /// ([`analyze`] with the kb's `tokenizer`); lines of other classes are skipped.
    pub fn from_kb_cues(list: &rasid_kb::NerCues, tokenizer: &Tokenizer) -> Cues {
        let mut cues = Cues::default();
        for cue in &list.cues {
            cues.insert(&analyze(&cue.word, tokenizer).stem, &cue.class);
        }
        cues
    }

    /// Adds `stem` under `class` when `class` is a topic class and `stem`
    /// is not empty.
    fn insert(&mut self, stem: &str, class: &str) {
        if stem.is_empty() || !TOPIC_CLASSES.contains(&class) {
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

    /// Rebuilds the topic words from saved `(stem, class)` entries; entries
    /// of other classes are skipped.
    pub(crate) fn from_entries(entries: &[(String, String)]) -> Cues {
        let mut cues = Cues::default();
        for (w, c) in entries {
            cues.insert(w, c);
        }
        cues
    }

    /// Number of topic stems.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no topic words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether a token (by its stem) is a topic word of `class`; never for
    /// numbers, punctuation or symbols.
    fn has(&self, t: &TokenInfo, class: &str) -> bool {
        matches!(t.shape, Shape::Arabic | Shape::Latin)
            && self
                .words
                .get(&t.stem)
                .is_some_and(|cs| cs.iter().any(|c| c == class))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::analyze;

    fn builtin() -> Cues {
        Cues::from_kb(&rasid_kb::Kb::builtin().expect("built-in kb"))
    }

    fn infos(s: &str) -> Vec<TokenInfo> {
        s.split(' ').map(analyze).collect()
    }

    #[test]
    fn kb_list_keeps_topic_words_and_strips_clitics() {
        let cues = builtin();
        assert!(cues.len() > 50, "{}", cues.len());
        // «النادي» is listed as ORG and SPORT: only SPORT is kept.
        assert!(cues.has(&analyze("للنادي"), "SPORT"));
        assert!(!cues.has(&analyze("للنادي"), "ORG"));
        // «حزب» is a head noun only.
        assert!(!cues.words.contains_key(&analyze("وحزب").stem));
        assert!(!cues.has(&analyze("،"), "SPORT"));
    }

    #[test]
    fn saved_entries_round_trip_and_skip_other_classes() {
        let cues = builtin();
        let entries: Vec<(String, String)> = cues
            .entries()
            .into_iter()
            .map(|(w, c)| (w.to_string(), c.to_string()))
            .chain([("حزب".to_string(), "ORGH".to_string())])
            .collect();
        assert_eq!(Cues::from_entries(&entries), cues);
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
