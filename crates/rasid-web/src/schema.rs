//! The shapes the API answers with. Each derives `ToSchema`, so `/api/openapi.json` is
//! generated from these definitions; records passed through from the store as they are
//! stored (an article's facts, a merged event with its reports) are typed `Object`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use utoipa::ToSchema;

/// Every error: a message saying what was wrong with the request, and the HTTP status.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
    pub status: u16,
}

/// Sizes of the store.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Stats {
    /// Rows per table: documents, articles, events, relations, actors, duplicates,
    /// merged_events, edges.
    pub counts: BTreeMap<String, i64>,
    /// Merged events per type (ATTACK, ARREST …).
    pub events_by_type: BTreeMap<String, i64>,
    /// Relation edges per type (ALLY, HOSTILE …).
    pub relations_by_type: BTreeMap<String, i64>,
}

/// An actor of the merged view.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActorSummary {
    pub id: String,
    /// armed_group | state | state_force | organization | media | person
    pub kind: String,
    pub name_ar: String,
    pub name_en: Option<String>,
    /// Articles naming it.
    pub n_articles: i64,
}

/// An actor's names, for labelling ids.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActorName {
    pub name_ar: String,
    pub name_en: Option<String>,
    pub kind: String,
}

/// One article found by a search.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    pub article: String,
    pub document: String,
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// BM25 (SQLite) or ts_rank (PostgreSQL); higher is better.
    pub score: f64,
    /// Text around the first match.
    pub snippet: String,
}

/// Search results: actors whose names match, and articles (best first).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchResponse {
    pub query: String,
    pub actors: Vec<ActorSummary>,
    pub hits: Vec<SearchHit>,
}

/// An article in a list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub source: String,
    pub main: bool,
    pub relevant: bool,
    pub n_events: i64,
    pub n_actors: i64,
}

/// A highlighted span of an article's text.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Annotation {
    /// actor | place | event
    pub kind: String,
    /// Char offsets (Unicode scalar values) into the article's `text`, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Actor id; for an event, its index in `events`; for a place, its index in `places`.
    pub id: String,
    /// Actor kind, event type, or place admin level.
    pub label: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    /// Events: reported | claimed | alleged | likely | planned | denied.
    pub modality: Option<String>,
    /// Places: ISO country code.
    pub country: Option<String>,
    /// The rule that produced the fact.
    pub rule: String,
}

/// One article with its text, highlights and facts.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleView {
    pub id: String,
    pub document: String,
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub main: bool,
    pub relevant: bool,
    /// Char offset of `text` in the document; stored spans minus this give `annotations`.
    pub offset: usize,
    /// The document text of the article's span.
    pub text: String,
    /// Lines kept as the article's text (boilerplate removed), offsets into `text`.
    pub blocks: Vec<[usize; 2]>,
    pub annotations: Vec<Annotation>,
    /// Actors as stored (contract shape, with document offsets).
    #[schema(value_type = Vec<Object>)]
    pub actors: Vec<Json>,
    #[schema(value_type = Vec<Object>)]
    pub places: Vec<Json>,
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<Json>,
    #[schema(value_type = Vec<Object>)]
    pub relations: Vec<Json>,
    /// `{article, similarity}` of the earlier copy, if this is a duplicate.
    #[schema(value_type = Option<Object>)]
    pub duplicate_of: Json,
    /// Later copies of this article.
    pub copies: Vec<String>,
}

/// A way an actor is written, and how often.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Alias {
    pub text: String,
    pub mentions: i64,
}

/// An article naming an actor.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActorArticle {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub source: String,
    pub mentions: i64,
}

/// A sentence supporting a relation edge, with where it was read.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EdgeEvidence {
    pub text: String,
    pub start: i64,
    pub end: i64,
    pub rule: String,
    pub relation: String,
    pub article: String,
    pub document: String,
    pub source: String,
    pub published: Option<String>,
}

/// One relation edge of an actor, seen from that actor.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActorRelation {
    pub edge: String,
    pub relation_type: String,
    /// The other actor.
    pub other: String,
    pub other_name_ar: Option<String>,
    pub other_name_en: Option<String>,
    /// `out` when this actor is the edge's `a` (for DEFECT, AFFILIATE, LEADS, MEMBER the
    /// direction matters), `in` otherwise.
    pub direction: String,
    pub weight: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub n_articles: i64,
    pub n_sources: i64,
    /// All evidence sentences of the edge; `evidence` holds the first 20.
    pub n_evidence: usize,
    pub evidence: Vec<EdgeEvidence>,
}

/// One actor: names, articles, timeline and relations with evidence.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActorView {
    pub id: String,
    pub kind: String,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub n_articles: i64,
    /// Persons: the group they belong to, and `leads` or `member`.
    pub affiliation: Option<String>,
    pub role: Option<String>,
    pub aliases: Vec<Alias>,
    pub articles: Vec<ActorArticle>,
    /// Merged events the actor takes part in, in date order (at most 300), each with its
    /// first report and that report's first evidence sentence (all reports:
    /// `/api/events?actor=`).
    #[schema(value_type = Vec<Object>)]
    pub timeline: Vec<Json>,
    /// Heaviest first.
    pub relations: Vec<ActorRelation>,
    /// Names of every actor id in `timeline`.
    pub names: BTreeMap<String, ActorName>,
}

/// A node of the relation graph.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GraphNode {
    pub id: String,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub kind: String,
}

/// An edge of the relation graph (evidence: `/api/actors/{id}`).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GraphEdge {
    pub id: String,
    pub a: String,
    pub b: String,
    pub relation_type: String,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub weight: i64,
    pub n_articles: i64,
    pub n_sources: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// Merged events and the names of the actors they involve.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventsResponse {
    pub count: usize,
    /// Merged events (date order), each with its reports and their evidence.
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<Json>,
    pub names: BTreeMap<String, ActorName>,
}

/// A place with coordinates from the gazetteer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PlacePoint {
    pub name_ar: String,
    pub name_en: Option<String>,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub n_articles: i64,
    pub kind: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Places {
    pub places: Vec<PlacePoint>,
}
