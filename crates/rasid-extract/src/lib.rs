//! Recognition over segmented articles: actors (armed groups, states, forces,
//! organisations, media) resolved to stable ids from `kb/actors.toml`, with context
//! disambiguation of shared names and anaphora.
//!
//! Owns: turning an article's text into facts with provenance. May import `rasid-text`,
//! `rasid-kb`, `rasid-model`, `rasid-ingest` (for the segmented page). Must never do I/O
//! or touch a store.

mod actors;
mod dates;
mod numbers;
mod persons;
mod places;

pub use actors::recognize_actors;
pub use dates::DateFinder;
pub use numbers::find_numbers;
pub use persons::{recognize_persons, ActorSpan};
pub use places::{country_votes, recognize_places};

use rasid_ingest::ProcessedDocument;
use rasid_kb::Kb;
use rasid_text::Span;

/// Everything compiled once per run for recognition.
#[derive(Debug)]
pub struct Extractor<'kb> {
    kb: &'kb Kb,
    dates: DateFinder,
}

impl<'kb> Extractor<'kb> {
    pub fn new(kb: &'kb Kb) -> Self {
        Self {
            kb,
            dates: DateFinder::new(&kb.calendar),
        }
    }

    /// Fill the recognised facts of every article of a processed document.
    pub fn annotate(&self, doc_text: &str, processed: &mut ProcessedDocument) {
        let kb = self.kb;
        let chars: Vec<char> = doc_text.chars().collect();
        for n in 0..processed.record.articles.len() {
            let blocks: Vec<Span> = processed.record.articles[n]
                .blocks
                .iter()
                .map(|b| Span {
                    start: b[0],
                    end: b[1],
                })
                .collect();
            let place_votes = country_votes(&processed.norm, &blocks, kb);
            let mut actors = recognize_actors(&chars, &processed.norm, &blocks, &place_votes, kb);
            let spans: Vec<ActorSpan> = actors
                .iter()
                .flat_map(|a| {
                    a.mentions.iter().map(|m| ActorSpan {
                        span: Span {
                            start: m.start,
                            end: m.end,
                        },
                        id: a.id.clone(),
                    })
                })
                .collect();
            actors.extend(recognize_persons(&chars, &blocks, &spans, kb));
            let taken: Vec<Span> = actors
                .iter()
                .filter(|a| a.kind != "state")
                .flat_map(|a| {
                    a.mentions.iter().map(|m| Span {
                        start: m.start,
                        end: m.end,
                    })
                })
                .collect();
            let country = place_votes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(c, _)| c.as_str());
            let places = recognize_places(&chars, &processed.norm, &blocks, &taken, country, kb);
            let article = &mut processed.record.articles[n];
            let published = article
                .published
                .as_deref()
                .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
            let mut dates = Vec::new();
            let mut numbers = Vec::new();
            for b in &blocks {
                let text: String = chars[b.start..b.end.min(chars.len())].iter().collect();
                let mut ds = self.dates.find(&text, published);
                let mut ns = find_numbers(&text, kb);
                // a number inside a date is part of the date
                ns.retain(|n| !ds.iter().any(|d| d.start <= n.start && n.end <= d.end));
                for d in &mut ds {
                    d.start += b.start;
                    d.end += b.start;
                }
                for x in &mut ns {
                    x.start += b.start;
                    x.end += b.start;
                }
                dates.extend(ds);
                numbers.extend(ns);
            }
            article.actors = actors;
            article.places = places;
            article.dates = dates;
            article.numbers = numbers;
        }
    }
}
