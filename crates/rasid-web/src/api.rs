//! The JSON API under `/api/`. Every handler checks its parameters, reads the store
//! through [`crate::blocking`] (the same read functions as the command line) and answers
//! with a type of [`crate::schema`]. The writes are `/api/reviews` ([`crate::reviews`]),
//! `/api/watchlists` ([`crate::watchlists`]) and `/api/alerts/read` ([`crate::alerts`]).

use std::sync::Arc;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use rasid_kb::{Kb, EVENT_TYPES, RELATION_TYPES};
use rasid_store::read::actor_ids;
use rasid_store::read::params::{NOT_WS, WS};
use rasid_store::{EventFilter, SearchQuery, Store};
use serde::Deserialize;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::schema::*;
use crate::{blocking, blocking_heavy, SharedState};

/// The largest `limit` of every route (the document says it too: `#[param(maximum)]`).
pub(crate) const MAX_LIMIT: usize = 5000;
/// The longest search query, in characters.
const MAX_QUERY: usize = 500;

/// `q` of a search: 1–500 characters, not all whitespace.
pub(crate) fn query_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(MAX_QUERY))
        .pattern(Some(NOT_WS))
        .build()
        .into()
}

/// `types` of the graph: relation types separated by commas; blank items are skipped.
pub(crate) fn relation_types_schema() -> RefOr<Schema> {
    let item = format!("{WS}*({})?{WS}*", RELATION_TYPES.join("|"));
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{item}(,{item})*$")))
        .build()
        .into()
}

/// `min_weight` of the graph: any 64-bit integer.
pub(crate) fn weight_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Int64,
        )))
        .minimum(Some(i64::MIN))
        .maximum(Some(i64::MAX))
        .build()
        .into()
}

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/api/stats", get(stats))
        .route("/api/search", get(search))
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/actors", get(actors))
        .route("/api/actors/{id}", get(actor))
        .route("/api/events", get(events))
        .route("/api/events.csv", get(events_csv))
        .route("/api/export/{format}", get(crate::export::export))
        .route("/api/graph", get(graph))
        .route("/api/places", get(places))
        .route(
            "/api/reviews",
            get(crate::reviews::list)
                .post(crate::reviews::record)
                .layer(DefaultBodyLimit::max(crate::reviews::MAX_BODY)),
        )
        .route(
            "/api/watchlists",
            get(crate::watchlists::list)
                .post(crate::watchlists::save)
                .layer(DefaultBodyLimit::max(crate::reviews::MAX_BODY)),
        )
        .route("/api/watchlists/{name}", delete(crate::watchlists::remove))
        .route("/api/alerts", get(crate::alerts::list))
        .route("/api/alerts.atom", get(crate::atom::feed))
        .route(
            "/api/alerts/read",
            post(crate::alerts::mark_read).layer(DefaultBodyLimit::max(crate::reviews::MAX_BODY)),
        )
        .route("/api/openapi.json", get(crate::openapi::document))
}

/// Unknown paths: a JSON 404 naming the path.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound(format!(
        "no such page or API route: {} (the API is listed at /api/openapi.json)",
        uri.path()
    ))
}

pub(crate) fn params<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::BadRequest(format!("bad query parameters: {}", e.body_text())))
}

pub(crate) fn path_id(p: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    p.map(|Path(id)| id)
        .map_err(|e| ApiError::BadRequest(format!("bad id in the path: {}", e.body_text())))
}

pub(crate) fn limit(l: Option<usize>, default: usize) -> Result<usize, ApiError> {
    match l {
        None => Ok(default),
        Some(0) => Err(ApiError::BadRequest("limit must be at least 1".into())),
        Some(n) if n > MAX_LIMIT => Err(ApiError::BadRequest(format!(
            "limit {n} is above the maximum {MAX_LIMIT}"
        ))),
        Some(n) => Ok(n),
    }
}

/// The one stored actor that `text` (an id or a name) names
/// ([`Store::resolve_actor`]): 404 when none, 400 when a shared name names several.
fn actor_param(s: &mut Store, kb: &Kb, text: &str) -> Result<String, ApiError> {
    let mut ids = s.resolve_actor(text, &kb.actors)?;
    match ids.len() {
        0 => Err(ApiError::NotFound(format!(
            "no actor {text:?} in the store"
        ))),
        1 => Ok(ids.remove(0)),
        _ => Err(ApiError::BadRequest(format!(
            "{text:?} names several actors ({}): give one of their ids",
            ids.join(", ")
        ))),
    }
}

/// Counts of the store's tables, events by type and edges by type.
#[utoipa::path(get, path = "/api/stats", tag = "store",
    responses((status = 200, body = Stats), (status = 500, body = ErrorBody)))]
pub async fn stats(State(st): State<SharedState>) -> Result<Json<Stats>, ApiError> {
    blocking(&st, |s, _| Ok(s.stats()?)).await.map(Json)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Arabic (or English) words, 1–500 characters, not all whitespace; spelling
    /// variants, clitics and diacritics do not hide a match, and an actor's name also
    /// finds its other names.
    pub q: String,
    /// At most this many articles, 1–5000 (default 20).
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<usize>,
}

/// Articles matching a query over normalised Arabic, and actors whose names match.
#[utoipa::path(get, path = "/api/search", tag = "search", params(SearchParams),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(st): State<SharedState>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let p = params(q)?;
    let n = limit(p.limit, 20)?;
    if p.q.chars().count() > MAX_QUERY {
        return Err(ApiError::BadRequest(format!(
            "q is longer than {MAX_QUERY} characters"
        )));
    }
    let text = p.q.trim().to_string();
    if text.is_empty() {
        return Err(ApiError::BadRequest(
            "q is empty: give a word to search".into(),
        ));
    }
    let state = Arc::clone(&st);
    blocking(&st, move |s, kb| {
        let version = s.search_version()?;
        let key = (text, n);
        if let Some(answer) = state.cached_search(&key, &version) {
            return Ok(answer);
        }
        let hits = s.search(&SearchQuery::new(&key.0, kb), n)?;
        // a dictionary name of an actor («أنصار الله») finds it even if the store never
        // saw that spelling
        let actors = s.search_actors(&key.0, &kb.actors, 10)?;
        let answer = Arc::new(SearchResponse {
            query: key.0.clone(),
            actors,
            hits,
        });
        state.keep_search(key, version, Arc::clone(&answer));
        Ok(answer)
    })
    .await
    .map(|answer| Json(Arc::unwrap_or_clone(answer)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleListParams {
    /// Only articles about armed groups / political violence.
    pub relevant: Option<bool>,
    /// At most this many articles, 1–5000 (default 100).
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<usize>,
    /// Skip this many articles first (default 0).
    #[param(minimum = 0, maximum = 18446744073709551615_u64)]
    pub offset: Option<usize>,
}

/// Articles, relevant first, newest first.
#[utoipa::path(get, path = "/api/articles", tag = "articles", params(ArticleListParams),
    responses((status = 200, body = Vec<ArticleSummary>), (status = 400, body = ErrorBody)))]
pub async fn articles(
    State(st): State<SharedState>,
    q: Result<Query<ArticleListParams>, QueryRejection>,
) -> Result<Json<Vec<ArticleSummary>>, ApiError> {
    let p = params(q)?;
    let n = limit(p.limit, 100)?;
    let offset = p.offset.unwrap_or(0);
    blocking_heavy(&st, move |s, _| {
        Ok(s.articles(p.relevant.unwrap_or(false), n, offset)?)
    })
    .await
    .map(Json)
}

/// One article: its text, highlighted spans (actors, places, events) and facts.
#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "article id")),
    responses((status = 200, body = ArticleView), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn article(
    State(st): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ArticleView>, ApiError> {
    let id = path_id(id)?;
    blocking(&st, move |s, _| {
        s.article(&id)?
            .ok_or_else(|| ApiError::NotFound(format!("no article with id {id:?}")))
    })
    .await
    .map(Json)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActorListParams {
    /// Keep actors whose id, names or any mention contains this (normalised Arabic).
    pub q: Option<String>,
    /// At most this many actors, 1–5000 (default 200).
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<usize>,
}

/// Actors, most frequent first.
#[utoipa::path(get, path = "/api/actors", tag = "actors", params(ActorListParams),
    responses((status = 200, body = Vec<ActorSummary>), (status = 400, body = ErrorBody)))]
pub async fn actors(
    State(st): State<SharedState>,
    q: Result<Query<ActorListParams>, QueryRejection>,
) -> Result<Json<Vec<ActorSummary>>, ApiError> {
    let p = params(q)?;
    let n = limit(p.limit, 200)?;
    blocking(&st, move |s, _| Ok(s.actors(p.q.as_deref(), n)?))
        .await
        .map(Json)
}

/// One actor: aliases, articles, timeline of merged events, and its relations (allies,
/// enemies …) each with its evidence sentences.
#[utoipa::path(get, path = "/api/actors/{id}", tag = "actors",
    params(("id" = String, Path, description = "actor id (e.g. houthis) or an Arabic name seen in the store or in the actor dictionary")),
    responses((status = 200, body = ActorView), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn actor(
    State(st): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ActorView>, ApiError> {
    let id = path_id(id)?;
    blocking_heavy(&st, move |s, kb| {
        let resolved = actor_param(s, kb, &id)?;
        s.actor(&resolved)?
            .ok_or_else(|| ApiError::NotFound(format!("no actor {id:?} in the store")))
    })
    .await
    .map(Json)
}

fn check_date(name: &str, d: &Option<String>) -> Result<Option<String>, ApiError> {
    let Some(d) = d.as_deref().map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    if rasid_store::read::is_partial_date(d) {
        Ok(Some(d.to_string()))
    } else {
        Err(ApiError::BadRequest(format!(
            "{name}={d:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        )))
    }
}

/// A `min_confidence` parameter: a number from 0 to 1.
fn check_confidence(c: Option<f64>) -> Result<Option<f64>, ApiError> {
    match c {
        Some(x) if !(0.0..=1.0).contains(&x) => Err(ApiError::BadRequest(format!(
            "min_confidence={x} is outside 0–1: give a number from 0 to 1"
        ))),
        c => Ok(c),
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The filter as the request gives it → checked, with the actor resolved to its id and
/// the default limit.
pub(crate) fn event_filter(
    s: &mut Store,
    kb: &Kb,
    p: EventFilter,
) -> Result<EventFilter, ApiError> {
    let event_type = match non_empty(p.event_type) {
        Some(t) => {
            let up = t.to_uppercase();
            if !EVENT_TYPES.contains(&up.as_str()) {
                return Err(ApiError::BadRequest(format!(
                    "unknown event type {t:?}: use one of {}",
                    EVENT_TYPES.join(", ")
                )));
            }
            Some(up)
        }
        None => None,
    };
    let country = match non_empty(p.country) {
        Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Some(c.to_uppercase())
        }
        Some(c) => {
            return Err(ApiError::BadRequest(format!(
                "country {c:?} is not a two-letter ISO code (YE, SY …)"
            )))
        }
        None => None,
    };
    let actor = match non_empty(p.actor) {
        Some(a) => Some(actor_param(s, kb, &a)?),
        None => None,
    };
    Ok(EventFilter {
        event_type,
        actor,
        place: non_empty(p.place),
        country,
        from: check_date("from", &p.from)?,
        to: check_date("to", &p.to)?,
        limit: Some(limit(p.limit, 1000)?),
        min_confidence: check_confidence(p.min_confidence)?,
    })
}

/// Merged events (each with all its reports and evidence), filtered, in date order.
#[utoipa::path(get, path = "/api/events", tag = "events", params(EventFilter),
    responses((status = 200, body = EventsResponse), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn events(
    State(st): State<SharedState>,
    q: Result<Query<EventFilter>, QueryRejection>,
) -> Result<Json<EventsResponse>, ApiError> {
    let p = params(q)?;
    blocking_heavy(&st, move |s, kb| {
        let f = event_filter(s, kb, p)?;
        let events = s.events(&f)?;
        let names = s.actor_names(&actor_ids(&events))?;
        Ok(EventsResponse {
            count: events.len(),
            events,
            names,
        })
    })
    .await
    .map(Json)
}

/// A CSV cell: quoted when needed, formula-leading characters neutralised.
fn csv_cell(s: &str) -> String {
    let s = rasid_export::cells::defuse(s).into_owned();
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// An optional text cell (empty when absent).
fn text_cell(s: Option<&str>) -> String {
    s.map(csv_cell).unwrap_or_default()
}

/// An optional number cell (empty when absent).
fn int_cell(n: Option<i64>) -> String {
    n.map(|n| csv_cell(&n.to_string())).unwrap_or_default()
}

/// The events of a filter as CSV (UTF-8 with a BOM, so spreadsheets read the Arabic):
/// one row per merged event with its actors' names, its first evidence sentence, its
/// confidence (empty when none), whether it is background, and its targets' names.
#[utoipa::path(get, path = "/api/events.csv", tag = "events", params(EventFilter),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn events_csv(
    State(st): State<SharedState>,
    q: Result<Query<EventFilter>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let body = blocking_heavy(&st, move |s, kb| {
        let f = event_filter(s, kb, p)?;
        let events = s.events(&f)?;
        let names = s.actor_names(&actor_ids(&events))?;
        let mut out = String::from("\u{feff}");
        out.push_str(
            "id,event_type,date_start,date_end,place,country,actors,actors_en,killed,injured,\
             n_sources,n_articles,n_reports,modality,evidence,source,article,confidence,\
             background,targets,targets_en\n",
        );
        for e in &events {
            let ar = |ids: &[String]| -> String {
                ids.iter()
                    .map(|i| names.get(i).map_or(i.as_str(), |n| n.name_ar.as_str()))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let en = |ids: &[String]| -> String {
                ids.iter()
                    .map(|i| {
                        names
                            .get(i)
                            .and_then(|n| n.name_en.as_deref())
                            .unwrap_or(i.as_str())
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let first = e.reports.first();
            let row = [
                csv_cell(&e.id),
                csv_cell(&e.event_type),
                text_cell(e.date_start.as_deref()),
                text_cell(e.date_end.as_deref()),
                text_cell(e.place.as_deref()),
                text_cell(e.country.as_deref()),
                csv_cell(&ar(&e.actors)),
                csv_cell(&en(&e.actors)),
                int_cell(e.killed),
                int_cell(e.injured),
                int_cell(Some(e.n_sources)),
                int_cell(Some(e.n_articles)),
                int_cell(Some(e.n_reports)),
                text_cell(first.map(|r| r.modality.as_str())),
                text_cell(
                    first
                        .and_then(|r| r.evidence.first())
                        .map(|v| v.text.as_str()),
                ),
                text_cell(first.map(|r| r.source.as_str())),
                text_cell(first.map(|r| r.article.as_str())),
                e.confidence
                    .map(|c| csv_cell(&c.to_string()))
                    .unwrap_or_default(),
                csv_cell(&e.background.to_string()),
                csv_cell(&ar(&e.targets)),
                csv_cell(&en(&e.targets)),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
        Ok(out)
    })
    .await?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rasid-events.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GraphParams {
    /// Only edges touching this actor (id or Arabic name; 404 when it names no stored
    /// actor, 400 when it names several); empty: every actor.
    pub actor: Option<String>,
    /// Comma-separated relation types: ALLY, HOSTILE, MEDIATE, DEFECT, AFFILIATE, LEADS,
    /// MEMBER (any case, whitespace around each ignored, empty items skipped); empty:
    /// every type.
    pub types: Option<String>,
    /// Only edges seen at least this many times (default 1; a value below 1 keeps every
    /// edge).
    pub min_weight: Option<i64>,
    /// Only edges at least this likely, 0–1; an edge with no confidence passes.
    #[param(minimum = 0.0, maximum = 1.0)]
    pub min_confidence: Option<f64>,
}

/// The relation graph: actors and the edges between them (evidence: the actor route).
#[utoipa::path(get, path = "/api/graph", tag = "actors", params(GraphParams),
    responses((status = 200, body = Graph), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn graph(
    State(st): State<SharedState>,
    q: Result<Query<GraphParams>, QueryRejection>,
) -> Result<Json<Graph>, ApiError> {
    let p = params(q)?;
    let mut types = Vec::new();
    for t in p.types.as_deref().unwrap_or("").split(',') {
        let t = t.trim().to_uppercase();
        if t.is_empty() {
            continue;
        }
        if !RELATION_TYPES.contains(&t.as_str()) {
            return Err(ApiError::BadRequest(format!(
                "unknown relation type {t:?}: use {}",
                RELATION_TYPES.join(", ")
            )));
        }
        types.push(t);
    }
    let min_weight = p.min_weight.unwrap_or(1);
    let min_confidence = check_confidence(p.min_confidence)?;
    blocking(&st, move |s, kb| {
        let actor = match non_empty(p.actor) {
            Some(a) => Some(actor_param(s, kb, &a)?),
            None => None,
        };
        Ok(s.graph(actor.as_deref(), &types, min_weight, min_confidence)?)
    })
    .await
    .map(Json)
}

/// Places with coordinates (from the gazetteer), for the map.
#[utoipa::path(get, path = "/api/places", tag = "events",
    responses((status = 200, body = Places)))]
pub async fn places(State(st): State<SharedState>) -> Result<Json<Places>, ApiError> {
    blocking_heavy(&st, |s, _| {
        Ok(Places {
            places: s.places()?,
        })
    })
    .await
    .map(Json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(check_date("from", &Some("2024".into())).is_ok());
        assert!(check_date("from", &Some("2024-03".into())).is_ok());
        assert!(check_date("from", &Some("2024-03-14".into())).is_ok());
        assert!(check_date("from", &Some("".into())).unwrap().is_none());
        for bad in ["24", "2024-3", "2024-03-14-01", "abcd", "2024-0a", "٢٠٢٤"] {
            assert!(check_date("from", &Some(bad.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("صنعاء"), "صنعاء");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_cell("=cmd()"), "'=cmd()");
        assert_eq!(csv_cell("-3"), "-3");
    }

    #[test]
    fn confidences_are_between_zero_and_one() {
        assert_eq!(check_confidence(None).unwrap(), None);
        assert_eq!(check_confidence(Some(0.0)).unwrap(), Some(0.0));
        assert_eq!(check_confidence(Some(1.0)).unwrap(), Some(1.0));
        assert!(check_confidence(Some(1.5)).is_err());
        assert!(check_confidence(Some(-0.1)).is_err());
        assert!(check_confidence(Some(f64::NAN)).is_err());
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(limit(None, 7).unwrap(), 7);
        assert!(limit(Some(0), 7).is_err());
        assert!(limit(Some(MAX_LIMIT + 1), 7).is_err());
    }
}
