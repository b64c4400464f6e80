//! Document features for two-pass tagging (after Krishnan & Manning 2006,
//! "An effective two-stage model for exploiting non-local dependencies in
//! named entity recognition").
//!
//! A name is usually spelt the same way each time a news story mentions it,
//! and one of its mentions is often easier to recognise than the others
//! (after a title, in a full name). A first-pass tagger tags every sentence;
//! the second pass then sees, for each token, how the first pass tagged the
//! other occurrences of the same stem in the sentences around it (the
//! corpora have no document boundaries, so "document" means the sentences
//! up to `window` before and after), and the first-pass tags of the token
//! and its neighbours (stacking).
//!
//! When training, the first-pass tags of the training sentences come from
//! cross-fold models (each fold tagged by a model that never saw it), so
//! the second pass learns how far to trust first-pass tags on unseen text.

use crate::analysis::{Shape, TokenInfo};
use std::collections::HashMap;

/// Entity class of a BIO tag (`O` for `O` or anything malformed).
fn class_of(tag: &str) -> &str {
    tag.split_once('-').map_or("O", |(_, c)| c)
}

/// Whether a token's stem is worth looking up elsewhere: letters, at least
/// two of them.
fn eligible(t: &TokenInfo) -> bool {
    matches!(t.shape, Shape::Arabic | Shape::Latin) && t.stem.chars().count() >= 2
}

/// Document features of every token of `sentences` (in document order),
/// given the first pass's tags (`first[j][i]` for token `i` of sentence
/// `j`; missing tags read as `O`).
///
/// Per token: `p0=`, `p-1=`, `p+1=` the first-pass tags of the token and
/// its neighbours; and over the other occurrences of its stem in sentences
/// at most `window` away: `none` when there are none, else `maj=` the most
/// frequent class (ties: the class that sorts first), `any=` each entity
/// class seen, `all=` the class when all occurrences agree, and `majtag=`
/// the most frequent full tag.
pub fn context_features(
    sentences: &[Vec<TokenInfo>],
    first: &[Vec<String>],
    window: usize,
) -> Vec<Vec<Vec<String>>> {
    let tag = |j: usize, i: usize| -> &str {
        first
            .get(j)
            .and_then(|s| s.get(i))
            .map_or("O", String::as_str)
    };
    // Stem → occurrences (sentence, token), in document order.
    let mut by_stem: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (j, sent) in sentences.iter().enumerate() {
        for (i, t) in sent.iter().enumerate() {
            if eligible(t) {
                by_stem.entry(t.stem.as_str()).or_default().push((j, i));
            }
        }
    }
    let mut out = Vec::with_capacity(sentences.len());
    for (j, sent) in sentences.iter().enumerate() {
        let mut feats_of_sentence = Vec::with_capacity(sent.len());
        for (i, t) in sent.iter().enumerate() {
            let mut feats = vec![format!("p0={}", tag(j, i))];
            feats.push(format!(
                "p-1={}",
                if i == 0 { "<s>" } else { tag(j, i - 1) }
            ));
            feats.push(format!(
                "p+1={}",
                if i + 1 >= sent.len() {
                    "</s>"
                } else {
                    tag(j, i + 1)
                }
            ));
            if eligible(t) {
                let occ = by_stem.get(t.stem.as_str()).map_or(&[][..], Vec::as_slice);
                let lo = occ.partition_point(|&(jj, _)| jj + window < j);
                let mut classes: Vec<(&str, usize)> = Vec::new();
                let mut tags: Vec<(&str, usize)> = Vec::new();
                let mut n = 0;
                for &(jj, ii) in occ[lo..].iter().take_while(|&&(jj, _)| jj <= j + window) {
                    if (jj, ii) == (j, i) {
                        continue;
                    }
                    n += 1;
                    let full = tag(jj, ii);
                    bump(&mut classes, class_of(full));
                    bump(&mut tags, full);
                }
                if n == 0 {
                    feats.push("none".to_string());
                } else {
                    let (maj, count) = majority(&classes);
                    feats.push(format!("maj={maj}"));
                    if count == n {
                        feats.push(format!("all={maj}"));
                    }
                    for (c, _) in classes.iter().filter(|(c, _)| *c != "O") {
                        feats.push(format!("any={c}"));
                    }
                    feats.push(format!("majtag={}", majority(&tags).0));
                }
            }
            feats_of_sentence.push(feats);
        }
        out.push(feats_of_sentence);
    }
    out
}

fn bump<'a>(counts: &mut Vec<(&'a str, usize)>, key: &'a str) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, c)) => *c += 1,
        None => counts.push((key, 1)),
    }
}

/// The most frequent key (ties: the one that sorts first) and its count.
fn majority<'a>(counts: &[(&'a str, usize)]) -> (&'a str, usize) {
    counts
        .iter()
        .copied()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .unwrap_or(("O", 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::analyze;

    fn sent(s: &str) -> Vec<TokenInfo> {
        s.split(' ').map(analyze).collect()
    }

    fn tags(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn other_mentions_of_a_stem_become_features() {
        let sentences = vec![
            sent("قال الرئيس جورج بوش"),
            sent("وأضاف بوش أن"),
            sent("التقى ببوش"),
        ];
        let first = vec![tags("O O B-PERS I-PERS"), tags("O O O"), tags("O O")];
        let f = context_features(&sentences, &first, 5);
        assert_eq!(f.len(), 3);
        // «بوش» in sentence 1 sees the PERS mention and the O one.
        let bush = &f[1][1];
        assert!(bush.contains(&"p0=O".to_string()), "{bush:?}");
        assert!(bush.contains(&"any=PERS".to_string()), "{bush:?}");
        assert!(!bush.iter().any(|x| x.starts_with("all=")), "{bush:?}");
        // «ببوش» matches by stem.
        assert!(
            f[2][1].contains(&"majtag=I-PERS".to_string())
                || f[2][1].contains(&"maj=O".to_string())
        );
        assert!(f[2][1].contains(&"any=PERS".to_string()), "{:?}", f[2][1]);
        // Out of the window: nothing.
        let g = context_features(&sentences, &first, 0);
        assert!(g[1][1].contains(&"none".to_string()), "{:?}", g[1][1]);
    }

    #[test]
    fn missing_tags_read_as_outside() {
        let sentences = vec![sent("بغداد بغداد")];
        let f = context_features(&sentences, &[], 3);
        assert_eq!(
            f[0][0],
            ["p0=O", "p-1=<s>", "p+1=O", "maj=O", "all=O", "majtag=O"]
        );
        assert!(context_features(&[], &[], 3).is_empty());
    }
}
