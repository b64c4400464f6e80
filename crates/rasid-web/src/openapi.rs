//! The OpenAPI 3 document at `/api/openapi.json`, generated from the handlers'
//! `#[utoipa::path]` attributes and the types of [`crate::schema`] (most of them the
//! store's own read shapes).

use axum::Json;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, Schema};
use utoipa::{Modify, OpenApi};

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
    modifiers(&EveryRoute),
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

/// What every route shares: the answers it can give besides its own (403 when the
/// request's Host is not served, [`crate::hosts`]; 500 when the store fails, not for the
/// document itself), and the exact schemas of the parameters whose checks a type cannot
/// say (patterns, enums; set here because utoipa's `schema_with` drops a parameter's
/// description and required flag).
struct EveryRoute;

/// The schema of a parameter the handlers check beyond its type, if it is one.
fn checked_schema(path: &str, name: &str) -> Option<RefOr<Schema>> {
    use rasid_store::read::params;
    Some(match (path, name) {
        (_, "type") => params::event_type_schema(),
        (_, "country") => params::country_schema(),
        (_, "from" | "to") => params::date_schema(),
        ("/api/graph", "types") => api::relation_types_schema(),
        ("/api/graph", "min_weight") => api::weight_schema(),
        ("/api/search", "q") => api::query_schema(),
        ("/api/export/{format}", "format") => crate::export::format_schema(),
        _ => return None,
    })
}

impl Modify for EveryRoute {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
        };
        for (path, item) in doc.paths.paths.iter_mut() {
            let Some(op) = item.get.as_mut() else {
                continue;
            };
            for p in op.parameters.iter_mut().flatten() {
                if let Some(schema) = checked_schema(path, &p.name) {
                    p.schema = Some(schema);
                }
            }
            let responses = &mut op.responses.responses;
            responses.entry("403".into()).or_insert_with(|| {
                error(
                    "Host not allowed: the request's Host header names neither the bound \
                     address, nor loopback, nor an --allowed-host",
                )
                .into()
            });
            if path != "/api/openapi.json" {
                responses
                    .entry("500".into())
                    .or_insert_with(|| error("The store failed").into());
            }
        }
    }
}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "store",
    responses((status = 200, description = "OpenAPI 3 document", content_type = "application/json")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document states the checks of `fn limit` and the patterns set by
    /// [`checked_schema`], and every route documents the 403 of the Host check.
    #[test]
    fn the_document_states_the_checks() {
        let doc = serde_json::to_value(ApiDoc::openapi()).expect("json");
        let mut limits = 0;
        for (path, item) in doc["paths"].as_object().expect("paths") {
            let op = &item["get"];
            assert!(op["responses"]["403"].is_object(), "{path}: no 403");
            for p in op["parameters"].as_array().into_iter().flatten() {
                let s = &p["schema"];
                match p["name"].as_str() {
                    Some("limit") => {
                        limits += 1;
                        assert_eq!(s["minimum"], 1, "{path}");
                        assert_eq!(s["maximum"], api::MAX_LIMIT, "{path}");
                    }
                    Some("from" | "to" | "country") => {
                        assert!(s["pattern"].is_string(), "{path}")
                    }
                    Some("type") => assert_eq!(s["enum"].as_array().map(Vec::len), Some(11)),
                    Some("format") => {
                        assert_eq!(p["required"], true);
                        assert_eq!(s["enum"].as_array().map(Vec::len), Some(6));
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(limits, 6);
        let q = &doc["paths"]["/api/search"]["get"]["parameters"][0];
        assert_eq!(q["name"], "q");
        assert_eq!(q["required"], true);
        assert_eq!(q["schema"]["minLength"], 1);
        assert_eq!(q["schema"]["maxLength"], 500);
    }
}
