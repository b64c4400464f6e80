//! The shapes the API answers with. What the store reads comes as the store's own typed
//! values ([`rasid_store::read`], re-exported here); this module adds only the API's own
//! envelopes and its error body. Every shape derives `ToSchema`, so `/api/openapi.json` is
//! generated from these definitions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use rasid_store::read::{
    ActorArticle, ActorName, ActorRelation, ActorSummary, ActorView, Alias, Annotation,
    ArticleSummary, ArticleView, Counts, Direction, Duplicate, Edge, EdgeEvidence, Evidence,
    FirstReport, Graph, GraphNode, MergedEvent, MergedEventType, PlacePoint, Report, SearchHit,
    Stats,
};

/// Every error: a message saying what was wrong with the request, and the HTTP status.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
    pub status: u16,
}

/// Search results: actors whose names match, and articles (best first).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchResponse {
    pub query: String,
    /// Actors the query names, then those whose id, names or mentions contain it.
    pub actors: Vec<ActorSummary>,
    pub hits: Vec<SearchHit>,
}

/// Merged events and the names of the actors they involve.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventsResponse {
    pub count: usize,
    /// Merged events (date order), each with its reports and their evidence.
    pub events: Vec<MergedEvent>,
    /// Names of every actor id in `events`.
    pub names: BTreeMap<String, ActorName>,
}

/// Places with coordinates, for the map.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Places {
    pub places: Vec<PlacePoint>,
}
