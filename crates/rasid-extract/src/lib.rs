//! Recognition over segmented articles: actors (armed groups, states, forces,
//! organisations, media) resolved to stable ids from `kb/actors.toml`, with context
//! disambiguation of shared names and anaphora.
//!
//! Owns: turning an article's text into facts with provenance. May import `rasid-text`,
//! `rasid-kb`, `rasid-model`, `rasid-ingest` (for the segmented page). Must never do I/O
//! or touch a store.

mod actors;

pub use actors::recognize_actors;

use rasid_ingest::ProcessedDocument;
use rasid_kb::Kb;

/// Fill the recognised facts of every article of a processed document.
pub fn annotate(doc_text: &str, processed: &mut ProcessedDocument, kb: &Kb) {
    let chars: Vec<char> = doc_text.chars().collect();
    for n in 0..processed.record.articles.len() {
        let blocks: Vec<rasid_text::Span> = processed.record.articles[n]
            .blocks
            .iter()
            .map(|b| rasid_text::Span {
                start: b[0],
                end: b[1],
            })
            .collect();
        let actors = recognize_actors(&chars, &processed.norm, &blocks, kb);
        processed.record.articles[n].actors = actors;
    }
}
