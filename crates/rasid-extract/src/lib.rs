//! Recognition over segmented articles: actors (armed groups, states, forces,
//! organisations, media) resolved to stable ids from `kb/actors.toml`, with context
//! disambiguation of shared names and anaphora.
//!
//! Owns: turning an article's text into facts with provenance. May import `rasid-text`,
//! `rasid-kb`, `rasid-model`, `rasid-ingest` (for the segmented page). Must never do I/O
//! or touch a store.

mod actors;
mod persons;

pub use actors::recognize_actors;
pub use persons::{recognize_persons, ActorSpan};

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
        let mut actors = recognize_actors(&chars, &processed.norm, &blocks, kb);
        let spans: Vec<ActorSpan> = actors
            .iter()
            .flat_map(|a| {
                a.mentions.iter().map(|m| ActorSpan {
                    span: rasid_text::Span {
                        start: m.start,
                        end: m.end,
                    },
                    id: a.id.clone(),
                })
            })
            .collect();
        actors.extend(recognize_persons(&chars, &blocks, &spans, kb));
        processed.record.articles[n].actors = actors;
    }
}
