//! The OpenAPI 3 document at `/api/openapi.json`, generated from the handlers'
//! `#[utoipa::path]` attributes and the types of [`crate::schema`] (most of them the
//! store's own read shapes).

use axum::Json;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, Schema};
use utoipa::{Modify, OpenApi};

use crate::alerts::{AlertView, ReadAnswer, ReadRequest};
use crate::api;
use crate::reviews::ReviewRequest;
use crate::schema::*;
use crate::watchlists::{WatchlistRequest, WatchlistView};
use rasid_store::{
    Alert, ArticleReview, Correction, Decision, DecisionInForce, FactKind, FactRef, FactReview,
    StoredDecision, Subject, Verdict, WatchFilter,
};

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
        crate::reviews::list,
        crate::reviews::record,
        crate::watchlists::list,
        crate::watchlists::save,
        crate::watchlists::remove,
        crate::alerts::list,
        crate::atom::feed,
        crate::alerts::mark_read,
        document
    ),
    modifiers(&AnalystToken, &EveryRoute),
    components(schemas(
        ErrorBody, Stats, Counts, ActorSummary, ActorName, SearchHit, SearchResponse,
        ArticleSummary, Annotation, Duplicate, ArticleView, Alias, ActorArticle, EdgeEvidence,
        Direction, ActorRelation, ActorView, GraphNode, Edge, Graph, Evidence, Report,
        FirstReport, MergedEvent, EventsResponse, PlacePoint, Places, ReviewRequest, FactRef,
        FactKind, Verdict, Correction, Subject, Decision, StoredDecision, ArticleReview,
        FactReview, DecisionInForce, WatchFilter, Alert, WatchlistView, WatchlistRequest,
        AlertView, ReadRequest, ReadAnswer
    )),
    tags(
        (name = "search", description = "Full-text search over normalised Arabic"),
        (name = "articles", description = "Articles with highlighted facts"),
        (name = "actors", description = "Actors, their relations and the graph"),
        (name = "events", description = "Merged events, exports (CSV, ACLED, STIX, GraphML, GEXF, GeoJSON) and places"),
        (name = "reviews", description = "Analysts' decisions on facts: confirm, reject, correct (writing needs a token)"),
        (name = "alerts", description = "Watchlists and the new facts they follow, as JSON and as an Atom feed (saving a watchlist and marking alerts read need a token)"),
        (name = "store", description = "Store statistics")
    )
)]
pub struct ApiDoc;

/// The security scheme of writes: `Authorization: Bearer TOKEN`, an analyst's token
/// given to the server with `--write-token-file` or `--write-token`.
struct AnalystToken;

impl Modify for AnalystToken {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "An analyst's token, given to the server with --write-token-file (lines \
                 `ANALYST TOKEN`) or --write-token; decisions are recorded under its analyst",
            ))
            .build();
        doc.components
            .get_or_insert_with(Default::default)
            .add_security_scheme("analyst_token", SecurityScheme::Http(scheme));
    }
}

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
            for op in [item.get.as_mut(), item.post.as_mut(), item.delete.as_mut()]
                .into_iter()
                .flatten()
            {
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
    /// [`checked_schema`], and every operation documents the 403 of the Host check.
    #[test]
    fn the_document_states_the_checks() {
        let doc = serde_json::to_value(ApiDoc::openapi()).expect("json");
        let mut limits = 0;
        let operations =
            doc["paths"]
                .as_object()
                .expect("paths")
                .iter()
                .flat_map(|(path, item)| {
                    let ops = item.as_object().expect("path item");
                    ops.values().map(move |op| (path, op))
                });
        for (path, op) in operations {
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
        assert_eq!(limits, 8);
        let q = &doc["paths"]["/api/search"]["get"]["parameters"][0];
        assert_eq!(q["name"], "q");
        assert_eq!(q["required"], true);
        assert_eq!(q["schema"]["minLength"], 1);
        assert_eq!(q["schema"]["maxLength"], 500);
    }

    /// The writes of watchlists and alerts document every answer they give and need the
    /// analyst's token; reading them does not.
    #[test]
    fn the_watchlist_and_alert_writes_document_their_token_and_answers() {
        let doc = serde_json::to_value(ApiDoc::openapi()).expect("json");
        let statuses = |path: &str, method: &str| -> Vec<String> {
            let op = &doc["paths"][path][method];
            assert_eq!(
                op["security"],
                serde_json::json!([{"analyst_token": []}]),
                "{method} {path}"
            );
            op["responses"]
                .as_object()
                .expect("responses")
                .keys()
                .cloned()
                .collect()
        };
        assert_eq!(
            statuses("/api/watchlists", "post"),
            ["200", "201", "400", "401", "403", "404", "413", "415", "500"]
        );
        // the body's schema says what the handler refuses
        let body = &doc["components"]["schemas"]["WatchlistRequest"];
        assert_eq!(body["additionalProperties"], false, "{body}");
        assert_eq!(body["properties"]["name"]["maxLength"], 100);
        let filter = &body["properties"]["filter"]["allOf"];
        let lists = &filter[0]["properties"];
        assert_eq!(
            lists["event_types"]["items"]["enum"]
                .as_array()
                .map(Vec::len),
            Some(10)
        );
        assert_eq!(lists["countries"]["maxItems"], 300);
        assert_eq!(lists["min_confidence"]["maximum"], 1.0);
        assert_eq!(
            filter[1]["anyOf"].as_array().map(Vec::len),
            Some(2),
            "{filter}"
        );
        assert_eq!(
            statuses("/api/watchlists/{name}", "delete"),
            ["204", "400", "401", "403", "404", "500"]
        );
        assert_eq!(
            statuses("/api/alerts/read", "post"),
            ["200", "400", "401", "403", "413", "415", "500"]
        );
        for path in ["/api/watchlists", "/api/alerts", "/api/alerts.atom"] {
            let get = &doc["paths"][path]["get"];
            assert!(get["security"].is_null(), "reading {path} needs no token");
            assert!(get["responses"]["500"].is_object(), "{path}");
        }
        let feed = &doc["paths"]["/api/alerts.atom"]["get"]["responses"]["200"]["content"];
        assert!(feed["application/atom+xml"].is_object(), "{feed}");
    }

    /// The write documents every answer it gives, needs the analyst's token, and every
    /// schema it names is in the document.
    #[test]
    fn the_review_write_documents_its_token_and_every_answer() {
        let doc = serde_json::to_value(ApiDoc::openapi()).expect("json");
        let post = &doc["paths"]["/api/reviews"]["post"];
        let statuses: Vec<&String> = post["responses"]
            .as_object()
            .expect("responses")
            .keys()
            .collect();
        assert_eq!(
            statuses,
            ["201", "400", "401", "403", "404", "413", "415", "500"]
        );
        assert!(post["responses"]["403"]["description"]
            .as_str()
            .is_some_and(|d| d.contains("--write-token-file")));
        assert_eq!(post["security"], serde_json::json!([{"analyst_token": []}]));
        let scheme = &doc["components"]["securitySchemes"]["analyst_token"];
        assert_eq!(scheme["type"], "http");
        assert_eq!(scheme["scheme"], "bearer");
        assert!(post["requestBody"]["content"]["application/json"].is_object());
        let get = &doc["paths"]["/api/reviews"]["get"];
        assert!(get["security"].is_null(), "reading needs no token");
        // every $ref names a schema of the document
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        let text = doc.to_string();
        for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = part.split('"').next().unwrap_or_default();
            assert!(schemas.contains_key(name), "no schema {name}");
        }
    }
}
