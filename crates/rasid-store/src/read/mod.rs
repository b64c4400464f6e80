//! Reading the store: every question that `rasid` (search, query, export) and the HTTP API
//! (`rasid-web`) ask, answered once, as typed values.
//!
//! One module per question: [`events`] (merged events with their reports, places),
//! [`actors`] (actor lists, one actor's page, which stored actor a user's text names),
//! [`graph`] (relation edges with their evidence, the graph), [`articles`] (search, article
//! lists, one article with its highlights), [`sources`] (the articles behind the merged
//! facts), [`stats`] (table sizes) and [`export`] (the
//! whole store as JSON Lines). Lists are read in a few batched queries (ids 200 at a time),
//! never one query per report, edge or hit.
//!
//! Every shape derives `Serialize`/`Deserialize`, and `utoipa::ToSchema` with the `openapi`
//! feature, so the API's OpenAPI document is generated from these definitions. A struct's
//! fields are in the order of its JSON keys; shapes the API has always answered with keys in
//! alphabetical order (a merged event, a report, an evidence sentence, the counts) declare
//! their fields alphabetically. The command line prints every object with its keys sorted
//! ([`sorted_json`]). Records passed through as stored (an article's facts) stay
//! `serde_json::Value`.

/// The `"type"` key of a record that names its kind (a line of export), as a one-value
/// enum so the JSON and the OpenAPI schema say exactly which string it holds. (`$tag` is a
/// `tt`: a `literal` fragment would reach the derives wrapped, and utoipa would miss the
/// rename.)
macro_rules! record_type {
    ($(#[$doc:meta])* $name:ident = $tag:tt) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            #[default]
            #[serde(rename = $tag)]
            Tag,
        }
    };
}

pub mod actors;
pub mod articles;
pub mod events;
pub mod export;
pub mod graph;
#[cfg(feature = "openapi")]
pub mod params;
pub mod sources;
pub mod stats;

pub(crate) use actors::NameIndex;
pub use actors::{ActorArticle, ActorName, ActorSummary, ActorView, Alias};
pub use articles::{Annotation, ArticleSummary, ArticleView, Duplicate, SearchHit};
pub use events::{
    actor_ids, is_partial_date, EventCursor, EventFilter, Evidence, FirstReport, MergedEvent,
    MergedEventType, PlaceDetail, PlacePoint, Report,
};
pub use graph::{
    ActorRelation, Direction, Edge, EdgeEvidence, EdgeFilter, EdgeType, EdgeWithEvidence, Graph,
    GraphNode,
};
pub use sources::ArticleSource;
pub use stats::{Counts, Stats};

use serde::Serialize;
use serde_json::Value as Json;

use crate::backend::{in_chunks, CHUNK};

/// `text[start..end]` in chars (Unicode scalar values), clamped to the text.
fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// A stored count or offset as `usize` (0 if negative).
fn to_usize(i: i64) -> usize {
    usize::try_from(i).unwrap_or(0)
}

/// `v` as JSON with every object's keys in alphabetical order: how `rasid` prints what it
/// reads (search hits, query results, export lines), whatever the order of the fields.
pub fn sorted_json(v: &impl Serialize) -> serde_json::Result<Json> {
    let mut json = serde_json::to_value(v)?;
    json.sort_all_objects();
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_slice_counts_chars_and_clamps() {
        assert_eq!(char_slice("مرحبا بكم", 0, 5), "مرحبا");
        assert_eq!(char_slice("مرحبا بكم", 6, 100), "بكم");
        assert_eq!(char_slice("abc", 5, 2), "");
    }

    #[test]
    fn chunks_hold_at_most_two_hundred_ids() {
        let ids: Vec<String> = (0..450).map(|i| format!("حدث-{i}")).collect();
        let sizes: Vec<usize> = in_chunks(&ids).map(|(_, p)| p.len()).collect();
        assert_eq!(sizes, [200, 200, 50]);
        let (marks, _) = in_chunks(&ids[..3]).next().expect("one chunk");
        assert_eq!(marks, "?, ?, ?");
    }

    #[test]
    fn printed_keys_are_sorted() {
        #[derive(Serialize)]
        struct Shape {
            text: &'static str,
            start: u8,
            end: u8,
        }
        let v = sorted_json(&Shape {
            text: "قصف الحوثيون مأرب",
            start: 0,
            end: 17,
        })
        .expect("JSON");
        assert_eq!(
            v.to_string(),
            r#"{"end":17,"start":0,"text":"قصف الحوثيون مأرب"}"#
        );
    }
}
