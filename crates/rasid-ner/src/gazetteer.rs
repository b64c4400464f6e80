//! Optional gazetteer: normalised phrases, each with one or more classes
//! (`LOC`, `place:city`, `actor:organization`, …). Its matches over a
//! sentence become features; the tagger works without one.
//!
//! [`Gazetteer::from_kb`] builds one from Rasid's knowledge base: place
//! names and aliases (`kb/places.tsv`, class `place:<kind>`), actor names,
//! aliases and generic names (`kb/actors.toml`, class `actor:<kind>`), news
//! outlets (`kb/outlets.toml`, `outlet`), well-known persons
//! (`kb/people.toml`, `person-known`) and person trigger words
//! (`kb/persons.toml` titles and roles, `person-trigger`). It leaves out
//! `kb/person_names.txt`: that list was mined from ANERcorp's training
//! split, so as a feature it would leak the training labels.

use crate::analysis::TokenInfo;
use rasid_text::normalize;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Phrases (normalised, tokens joined by single spaces) and their classes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gazetteer {
    /// Phrase → its classes, sorted and distinct.
    phrases: HashMap<String, Vec<String>>,
    /// Longest phrase, in tokens.
    max_tokens: usize,
    /// Every phrase's leading words («الأمم» of «الأمم المتحدة»), the phrases
    /// included: matching stops extending a candidate that is no prefix.
    prefixes: HashSet<String>,
}

/// Phrases longer than this many tokens are dropped (they never help and
/// make matching slower).
const MAX_PHRASE_TOKENS: usize = 8;

impl Gazetteer {
    /// Builds a gazetteer from `phrase → class`; phrases are normalised with
    /// `rasid_text::normalize` and their whitespace collapsed. Empty phrases
    /// are dropped; phrases that normalise alike keep all their classes.
    pub fn new(entries: &HashMap<String, String>) -> Self {
        Self::from_pairs(entries.iter().map(|(p, c)| (p.as_str(), c.as_str())))
    }

    /// Builds a gazetteer from `(phrase, class)` pairs; a phrase may come
    /// with several classes. Normalised as in [`Gazetteer::new`].
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut g = Gazetteer::default();
        for (phrase, class) in pairs {
            g.insert(phrase, class);
        }
        g
    }

    fn insert(&mut self, phrase: &str, class: &str) {
        let norm = normalize(phrase);
        let words: Vec<&str> = norm.split_whitespace().collect();
        let class = class.trim();
        if words.is_empty() || words.len() > MAX_PHRASE_TOKENS || class.is_empty() {
            return;
        }
        self.add_normalised(words.join(" "), class);
    }

    fn add_normalised(&mut self, phrase: String, class: &str) {
        self.max_tokens = self.max_tokens.max(phrase.split(' ').count());
        for (at, _) in phrase.match_indices(' ') {
            self.prefixes.insert(phrase[..at].to_string());
        }
        self.prefixes.insert(phrase.clone());
        let classes = self.phrases.entry(phrase).or_default();
        if let Err(at) = classes.binary_search_by(|c| c.as_str().cmp(class)) {
            classes.insert(at, class.to_string());
        }
    }

    /// Rasid's knowledge base as a gazetteer (see the module docs for what
    /// it holds and what it leaves out).
    pub fn from_kb(kb: &rasid_kb::Kb) -> Self {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (name, places) in kb.places.names() {
            let kinds: BTreeSet<&str> = places
                .iter()
                .filter_map(|&i| kb.places.get(i))
                .map(|p| p.kind.as_str())
                .collect();
            for kind in kinds {
                pairs.push((name.to_string(), format!("place:{kind}")));
            }
        }
        for i in 0..kb.actors.len() {
            let Some(actor) = kb.actors.get(i) else {
                continue;
            };
            let class = format!("actor:{}", actor.kind);
            for name in std::iter::once(&actor.name_ar)
                .chain(&actor.aliases)
                .chain(&actor.generic)
            {
                pairs.push((name.clone(), class.clone()));
            }
        }
        for i in 0..kb.outlets.len() {
            let Some(outlet) = kb.outlets.get(i) else {
                continue;
            };
            for name in std::iter::once(&outlet.name_ar).chain(&outlet.aliases) {
                pairs.push((name.clone(), "outlet".to_string()));
            }
        }
        // well-known persons (kb/people.toml, written from general knowledge, not from
        // ANERcorp)
        for i in 0..kb.people.len() {
            let Some(person) = kb.people.get(i) else {
                continue;
            };
            for name in std::iter::once(&person.name_ar).chain(&person.aliases) {
                pairs.push((name.clone(), "person-known".to_string()));
            }
        }
        let mut triggers: Vec<&String> = kb.persons.trigger_words.iter().collect();
        triggers.sort();
        for word in triggers {
            pairs.push((word.clone(), "person-trigger".to_string()));
        }
        Self::from_pairs(pairs.iter().map(|(p, c)| (p.as_str(), c.as_str())))
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The `(phrase, class)` entries in sorted order (for saving).
    pub(crate) fn entries(&self) -> Vec<(&str, &str)> {
        let mut v: Vec<(&str, &str)> = self
            .phrases
            .iter()
            .flat_map(|(p, cs)| cs.iter().map(move |c| (p.as_str(), c.as_str())))
            .collect();
        v.sort();
        v
    }

    /// Rebuilds a gazetteer from saved (already normalised) entries.
    pub(crate) fn from_entries(entries: Vec<(String, String)>) -> Self {
        let mut g = Gazetteer::default();
        for (p, c) in entries {
            if !p.is_empty() && !c.is_empty() {
                g.add_normalised(p, &c);
            }
        }
        g
    }

    /// BIO-style matches over a sentence: for each token, the sorted labels
    /// `B-<class>` / `I-<class>` of every class with a phrase covering it.
    /// For each start and class the longest phrase wins; phrases of
    /// different classes may overlap. The first token of a phrase may match
    /// with its proclitics stripped (`والعراق` matches `العراق` or `عراق`).
    pub fn matches(&self, tokens: &[TokenInfo]) -> Vec<Vec<String>> {
        let mut out: Vec<BTreeSet<String>> = vec![BTreeSet::new(); tokens.len()];
        for i in 0..tokens.len() {
            for (len, class) in self.longest_at(tokens, i) {
                for (k, slot) in out.iter_mut().skip(i).take(len).enumerate() {
                    let prefix = if k == 0 { "B" } else { "I" };
                    slot.insert(format!("{prefix}-{class}"));
                }
            }
        }
        out.into_iter().map(|s| s.into_iter().collect()).collect()
    }

    /// For each class with a phrase starting at token `i`, the longest such
    /// phrase's length. Each head form of the first token («والعراق»: the
    /// word, «العراق», «عراق») is extended word by word while it is the start
    /// of some phrase.
    fn longest_at(&self, tokens: &[TokenInfo], i: usize) -> Vec<(usize, &str)> {
        let mut found: Vec<(usize, &str)> = Vec::new();
        let Some(first) = tokens.get(i) else {
            return found;
        };
        let mut heads = vec![first.norm.clone()];
        if first.stem != first.norm {
            if first.clitics.ends_with("al") {
                heads.push(format!("ال{}", first.stem));
            }
            heads.push(first.stem.clone());
        }
        let max = self.max_tokens.min(tokens.len() - i);
        for mut key in heads {
            for len in 1..=max {
                if len > 1 {
                    key.push(' ');
                    key.push_str(&tokens[i + len - 1].norm);
                }
                if !self.prefixes.contains(&key) {
                    break;
                }
                for c in self.phrases.get(&key).into_iter().flatten() {
                    match found.iter_mut().find(|(_, f)| *f == c.as_str()) {
                        Some(slot) => slot.0 = slot.0.max(len),
                        None => found.push((len, c.as_str())),
                    }
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::analyze;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matches_longest_phrase_per_class_with_clitics() {
        let entries: HashMap<String, String> =
            [("العراق", "LOC"), ("الأمم المتحدة", "ORG"), ("الأمم", "MISC")]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
        let g = Gazetteer::new(&entries);
        assert_eq!(g.len(), 3);
        let toks: Vec<TokenInfo> = "وقالت الأمم المتحدة إن والعراق"
            .split(' ')
            .map(analyze)
            .collect();
        let m = g.matches(&toks);
        assert_eq!(
            m,
            vec![
                labels(&[]),
                labels(&["B-MISC", "B-ORG"]),
                labels(&["I-ORG"]),
                labels(&[]),
                labels(&["B-LOC"]),
            ]
        );
        let back = Gazetteer::from_entries(
            g.entries()
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        );
        assert_eq!(back, g);
    }

    #[test]
    fn a_phrase_may_have_several_classes() {
        let g = Gazetteer::from_pairs([("عمان", "place:city"), ("عُمان", "place:country")]);
        assert_eq!(g.len(), 1);
        let toks: Vec<TokenInfo> = "في عمان".split(' ').map(analyze).collect();
        assert_eq!(
            g.matches(&toks)[1],
            labels(&["B-place:city", "B-place:country"])
        );
        assert_eq!(Gazetteer::default().matches(&toks), vec![labels(&[]); 2]);
    }

    #[test]
    fn kb_gazetteer_knows_places_and_organisations() {
        let kb = rasid_kb::Kb::builtin().expect("built-in kb");
        let g = Gazetteer::from_kb(&kb);
        assert!(g.len() > 5000, "{}", g.len());
        let toks: Vec<TokenInfo> = "زار الرئيس بغداد".split(' ').map(analyze).collect();
        let m = g.matches(&toks);
        assert!(m[1].iter().any(|l| l == "B-person-trigger"), "{m:?}");
        assert!(m[2].iter().any(|l| l.starts_with("B-place:")), "{m:?}");
    }
}
