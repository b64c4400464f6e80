//! The OpenAPI 3 document at `/api/openapi.json`, generated from the handlers'
//! `#[utoipa::path]` attributes and the types of [`crate::schema`] (most of them the
//! store's own read shapes).

use axum::Json;
use utoipa::OpenApi;

use crate::api;
use crate::schema::*;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rasid API",
        description = "Facts about armed groups read from Arabic news: articles with their \
            highlighted actors, places and events, actors with their timelines and relations \
            (each with evidence sentences), merged events, the relation graph and search. \
            Every fact keeps its provenance: document, article, char span, rule."
    ),
    paths(
        api::stats,
        api::search,
        api::articles,
        api::article,
        api::actors,
        api::actor,
        api::events,
        api::events_csv,
        crate::export::export,
        api::graph,
        api::places,
        document
    ),
    components(schemas(
        ErrorBody, Stats, Counts, ActorSummary, ActorName, SearchHit, SearchResponse,
        ArticleSummary, Annotation, Duplicate, ArticleView, Alias, ActorArticle, EdgeEvidence,
        Direction, ActorRelation, ActorView, GraphNode, Edge, Graph, Evidence, Report,
        FirstReport, MergedEvent, EventsResponse, PlacePoint, Places
    )),
    tags(
        (name = "search", description = "Full-text search over normalised Arabic"),
        (name = "articles", description = "Articles with highlighted facts"),
        (name = "actors", description = "Actors, their relations and the graph"),
        (name = "events", description = "Merged events, exports (CSV, ACLED, STIX, GraphML, GEXF, GeoJSON) and places"),
        (name = "store", description = "Store statistics")
    )
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "store",
    responses((status = 200, description = "OpenAPI 3 document", content_type = "application/json")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
