//! Optional gazetteer: normalised phrases with a class (`LOC`, `ORG`, …).
//! Its matches over a sentence become features; the tagger works without one.

use crate::analysis::TokenInfo;
use rasid_text::normalize;
use std::collections::HashMap;

/// Phrases (normalised, tokens joined by single spaces) and their classes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gazetteer {
    phrases: HashMap<String, String>,
    /// Longest phrase, in tokens.
    max_tokens: usize,
}

impl Gazetteer {
    /// Builds a gazetteer from `phrase → class`; phrases are normalised with
    /// `rasid_text::normalize` and their whitespace collapsed. Empty phrases
    /// are dropped; when two phrases normalise alike, the class that sorts
    /// first wins.
    pub fn new(entries: &HashMap<String, String>) -> Self {
        let mut sorted: Vec<(&String, &String)> = entries.iter().collect();
        sorted.sort();
        let mut g = Gazetteer::default();
        for (phrase, class) in sorted {
            g.insert(phrase, class);
        }
        g
    }

    fn insert(&mut self, phrase: &str, class: &str) {
        let norm = normalize(phrase);
        let words: Vec<&str> = norm.split_whitespace().collect();
        if words.is_empty() || class.is_empty() {
            return;
        }
        self.max_tokens = self.max_tokens.max(words.len());
        self.phrases
            .entry(words.join(" "))
            .or_insert_with(|| class.to_string());
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The entries in sorted order (for saving).
    pub(crate) fn entries(&self) -> Vec<(&str, &str)> {
        let mut v: Vec<(&str, &str)> = self
            .phrases
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        v.sort();
        v
    }

    /// Rebuilds a gazetteer from saved (already normalised) entries.
    pub(crate) fn from_entries(entries: Vec<(String, String)>) -> Self {
        let mut g = Gazetteer::default();
        for (p, c) in entries {
            g.max_tokens = g.max_tokens.max(p.split(' ').count());
            g.phrases.insert(p, c);
        }
        g
    }

    /// BIO-style matches over a sentence: for each token, `Some("B-LOC")`,
    /// `Some("I-LOC")` or `None`. Greedy longest match from left to right;
    /// the first token may match with its proclitics stripped (`والعراق`
    /// matches `العراق` or `عراق`).
    pub fn matches(&self, tokens: &[TokenInfo]) -> Vec<Option<String>> {
        let mut out = vec![None; tokens.len()];
        if self.phrases.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < tokens.len() {
            match self.longest_at(tokens, i) {
                Some((len, class)) => {
                    for (k, slot) in out.iter_mut().skip(i).take(len).enumerate() {
                        let prefix = if k == 0 { "B" } else { "I" };
                        *slot = Some(format!("{prefix}-{class}"));
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    fn longest_at(&self, tokens: &[TokenInfo], i: usize) -> Option<(usize, &str)> {
        let first = tokens.get(i)?;
        let mut heads = vec![first.norm.clone()];
        if first.stem != first.norm {
            if first.clitics.ends_with("al") {
                heads.push(format!("ال{}", first.stem));
            }
            heads.push(first.stem.clone());
        }
        let max = self.max_tokens.min(tokens.len() - i);
        for len in (1..=max).rev() {
            let rest: Vec<&str> = tokens
                .iter()
                .skip(i + 1)
                .take(len - 1)
                .map(|t| t.norm.as_str())
                .collect();
            for head in &heads {
                let mut key = head.clone();
                for r in &rest {
                    key.push(' ');
                    key.push_str(r);
                }
                if let Some(class) = self.phrases.get(&key) {
                    return Some((len, class.as_str()));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn matches_longest_phrase_with_clitics() {
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
                None,
                Some("B-ORG".into()),
                Some("I-ORG".into()),
                None,
                Some("B-LOC".into())
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
}
