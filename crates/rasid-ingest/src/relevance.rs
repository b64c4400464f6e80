//! Relevance: is an article about armed groups / political violence?
//!
//! Cues come from `kb/relevance.toml`. A cue term found n times adds weight × (1 + ln n);
//! the article is relevant when it has at least `min_strong` distinct strong cues (an armed
//! group, terrorism) and its score reaches max(min_score, min_density × words / 100), so a
//! long article that names a group once in passing is not relevant.

use std::collections::BTreeMap;

use rasid_kb::RelevanceLexicon;
use rasid_model::{Evidence, RelevanceInfo};
use rasid_text::Span;

/// A cue found in the document: its span in the original text and the cue index.
#[derive(Debug, Clone, Copy)]
pub struct CueHit {
    pub span: Span,
    pub cue: usize,
}

/// How many cue spans to report as evidence per article.
const MAX_EVIDENCE: usize = 12;

/// Judge one article from the cue hits inside it and its length in words.
pub fn judge(
    hits: &[CueHit],
    words: usize,
    doc: &[char],
    lex: &RelevanceLexicon,
) -> (bool, RelevanceInfo) {
    let mut per_cue: BTreeMap<usize, usize> = BTreeMap::new();
    for h in hits {
        *per_cue.entry(h.cue).or_insert(0) += 1;
    }
    let mut score = 0.0f32;
    let mut strong = 0usize;
    for (&cue, &n) in &per_cue {
        let Some(c) = lex.cues.get(cue) else { continue };
        score += c.weight * (1.0 + (n as f32).ln());
        if c.strong {
            strong += 1;
        }
    }
    let threshold = lex.min_score.max(lex.min_density * words as f32 / 100.0);
    let relevant = strong >= lex.min_strong && score >= threshold;
    let cues = hits
        .iter()
        .take(MAX_EVIDENCE)
        .map(|h| Evidence {
            text: doc[h.span.start.min(doc.len())..h.span.end.min(doc.len())]
                .iter()
                .collect(),
            start: h.span.start,
            end: h.span.end,
            rule: format!(
                "relevance:{}",
                lex.cues.get(h.cue).map_or("?", |c| c.term.as_str())
            ),
        })
        .collect();
    (
        relevant,
        RelevanceInfo {
            score: (score * 100.0).round() / 100.0,
            strong,
            cues,
        },
    )
}
