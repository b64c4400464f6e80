//! The JSON API under `/api/`. Every handler checks its parameters, reads the store
//! through [`crate::blocking`] and answers with a type of [`crate::schema`].

use std::collections::{BTreeMap, HashSet};

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rasid_kb::{Kb, NameTarget, EVENT_TYPES, RELATION_TYPES};
use rasid_model::ArticleRecord;
use rasid_store::{EventFilter, SearchQuery, Store};
use serde::Deserialize;
use serde_json::Value as Json_;
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::schema::*;
use crate::{blocking, SharedState};

const MAX_LIMIT: usize = 5000;
/// Merged events on an actor's page (latest dates are cut first: the list is date order).
const TIMELINE_LIMIT: usize = 300;
/// Evidence sentences per relation on an actor's page (`n_evidence` says how many exist).
const EVIDENCE_LIMIT: usize = 20;

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
        .route("/api/graph", get(graph))
        .route("/api/places", get(places))
        .route("/api/openapi.json", get(crate::openapi::document))
}

/// Unknown paths: a JSON 404 naming the path.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound(format!(
        "no such page or API route: {} (the API is listed at /api/openapi.json)",
        uri.path()
    ))
}

fn params<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::BadRequest(format!("bad query parameters: {}", e.body_text())))
}

fn path_id(p: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    p.map(|Path(id)| id)
        .map_err(|e| ApiError::BadRequest(format!("bad id in the path: {}", e.body_text())))
}

fn limit(l: Option<usize>, default: usize) -> Result<usize, ApiError> {
    match l {
        None => Ok(default),
        Some(0) => Err(ApiError::BadRequest("limit must be at least 1".into())),
        Some(n) if n > MAX_LIMIT => Err(ApiError::BadRequest(format!(
            "limit {n} is above the maximum {MAX_LIMIT}"
        ))),
        Some(n) => Ok(n),
    }
}

fn from_json<T: serde::de::DeserializeOwned>(v: Json_) -> Result<T, ApiError> {
    Ok(serde_json::from_value(v)?)
}

/// Counts of the store's tables, events by type and edges by type.
#[utoipa::path(get, path = "/api/stats", tag = "store",
    responses((status = 200, body = Stats), (status = 500, body = ErrorBody)))]
pub async fn stats(State(st): State<SharedState>) -> Result<Json<Stats>, ApiError> {
    blocking(&st, |s, _| {
        let counts = from_json(s.counts()?)?;
        let by_type = s.type_counts()?;
        Ok(Stats {
            counts,
            events_by_type: from_json(by_type["events"].clone())?,
            relations_by_type: from_json(by_type["relations"].clone())?,
        })
    })
    .await
    .map(Json)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Arabic (or English) words; spelling variants, clitics and diacritics do not hide
    /// a match, and an actor's name also finds its other names.
    pub q: String,
    /// At most this many articles (default 20).
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
    let text = p.q.trim().to_string();
    if text.is_empty() {
        return Err(ApiError::BadRequest(
            "q is empty: give a word to search".into(),
        ));
    }
    if text.chars().count() > 500 {
        return Err(ApiError::BadRequest(
            "q is longer than 500 characters".into(),
        ));
    }
    blocking(&st, move |s, kb| {
        let query = SearchQuery::new(&text, kb);
        let hits = s
            .search(&query, n)?
            .into_iter()
            .map(|h| SearchHit {
                article: h.article,
                document: h.document,
                source: h.source,
                title: h.title,
                published: h.published,
                outlet: h.outlet,
                score: h.score,
                snippet: h.snippet,
            })
            .collect();
        let mut actors: Vec<ActorSummary> =
            from_json(Json_::Array(s.actor_list(Some(&text), 10)?))?;
        // a dictionary name of an actor («أنصار الله») finds it even if the store never
        // saw that spelling
        let mut ids = kb_actor_ids(&text, kb);
        ids.extend(s.resolve_actor(&text)?);
        for id in ids.into_iter().rev() {
            if actors.iter().any(|a| a.id == id) {
                continue;
            }
            let found: Vec<ActorSummary> = from_json(Json_::Array(s.actor_list(Some(&id), 50)?))?;
            actors.splice(0..0, found.into_iter().filter(|a| a.id == id));
        }
        Ok(SearchResponse {
            query: text,
            actors,
            hits,
        })
    })
    .await
    .map(Json)
}

/// Ids of the dictionary actors one of whose names is exactly `text` (normalised).
fn kb_actor_ids(text: &str, kb: &Kb) -> Vec<String> {
    let norm = rasid_text::Normalized::new(text.trim());
    let len = norm.char_len();
    let mut ids = Vec::new();
    for m in kb.actors.names.find(norm.text()) {
        if m.start != 0 || m.end != len {
            continue;
        }
        let indices: Vec<usize> = match kb.actors.target(m.payload) {
            Some(NameTarget::Actor(i)) => vec![*i],
            Some(NameTarget::Shared(v)) => v.clone(),
            None => Vec::new(),
        };
        for i in indices {
            if let Some(a) = kb.actors.get(i) {
                if !ids.contains(&a.id) {
                    ids.push(a.id.clone());
                }
            }
        }
    }
    ids
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleListParams {
    /// Only articles about armed groups / political violence.
    pub relevant: Option<bool>,
    /// Default 100.
    pub limit: Option<usize>,
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
    blocking(&st, move |s, _| {
        from_json(Json_::Array(s.article_list(
            p.relevant.unwrap_or(false),
            n,
            offset,
        )?))
    })
    .await
    .map(Json)
}

/// One article: its text, highlighted spans (actors, places, events) and facts.
#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "article id")),
    responses((status = 200, body = ArticleView), (status = 404, body = ErrorBody)))]
pub async fn article(
    State(st): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ArticleView>, ApiError> {
    let id = path_id(id)?;
    blocking(&st, move |s, _| {
        let v = s
            .article_view(&id)?
            .ok_or_else(|| ApiError::NotFound(format!("no article with id {id:?}")))?;
        article_view(v)
    })
    .await
    .map(Json)
}

/// Stored article → what the page draws: spans made relative to the article's text.
fn article_view(v: Json_) -> Result<ArticleView, ApiError> {
    let record: ArticleRecord = serde_json::from_value(v["record"].clone())?;
    let offset = v["offset"].as_u64().unwrap_or(0) as usize;
    let text = v["text"].as_str().unwrap_or_default().to_string();
    let len = text.chars().count();
    let rel = |start: usize, end: usize| -> Option<(usize, usize)> {
        let s = start.checked_sub(offset)?;
        let e = end.checked_sub(offset)?;
        (s < e && e <= len).then_some((s, e))
    };
    let mut annotations = Vec::new();
    for a in &record.actors {
        for m in &a.mentions {
            if let Some((start, end)) = rel(m.start, m.end) {
                annotations.push(Annotation {
                    kind: "actor".into(),
                    start,
                    end,
                    text: m.text.clone(),
                    id: a.id.clone(),
                    label: a.kind.clone(),
                    name_ar: Some(a.name_ar.clone()),
                    name_en: a.name_en.clone(),
                    modality: None,
                    country: None,
                    rule: m.rule.clone(),
                });
            }
        }
    }
    for (i, p) in record.places.iter().enumerate() {
        for m in &p.mentions {
            if let Some((start, end)) = rel(m.start, m.end) {
                annotations.push(Annotation {
                    kind: "place".into(),
                    start,
                    end,
                    text: m.text.clone(),
                    id: i.to_string(),
                    label: p.kind.clone().unwrap_or_else(|| "place".into()),
                    name_ar: Some(p.name_ar.clone()),
                    name_en: p.name_en.clone(),
                    modality: None,
                    country: p.country.clone(),
                    rule: m.rule.clone(),
                });
            }
        }
    }
    for (i, e) in record.events.iter().enumerate() {
        let sentences = if e.mentions.is_empty() {
            std::slice::from_ref(&e.evidence)
        } else {
            &e.mentions[..]
        };
        for ev in sentences {
            if let Some((start, end)) = rel(ev.start, ev.end) {
                annotations.push(Annotation {
                    kind: "event".into(),
                    start,
                    end,
                    text: ev.text.clone(),
                    id: i.to_string(),
                    label: e.kind.clone(),
                    name_ar: None,
                    name_en: None,
                    modality: Some(e.modality.clone()),
                    country: None,
                    rule: ev.rule.clone(),
                });
            }
        }
    }
    annotations.sort_by(|a, b| (a.start, b.end, &a.kind).cmp(&(b.start, a.end, &b.kind)));
    let blocks = record
        .blocks
        .iter()
        .filter_map(|b| rel(b[0], b[1]).map(|(s, e)| [s, e]))
        .collect();
    let str_field = |k: &str| v[k].as_str().map(str::to_string);
    let to_json = |x: Result<Json_, serde_json::Error>| x.map_err(ApiError::from);
    Ok(ArticleView {
        id: str_field("id").unwrap_or_default(),
        document: str_field("document").unwrap_or_default(),
        source: str_field("source").unwrap_or_default(),
        title: record.title.clone(),
        published: record.published.clone(),
        outlet: record.outlet.clone(),
        url: str_field("url"),
        main: record.main,
        relevant: record.relevant,
        offset,
        text,
        blocks,
        annotations,
        actors: record
            .actors
            .iter()
            .map(|a| to_json(serde_json::to_value(a)))
            .collect::<Result<_, _>>()?,
        places: record
            .places
            .iter()
            .map(|a| to_json(serde_json::to_value(a)))
            .collect::<Result<_, _>>()?,
        events: record
            .events
            .iter()
            .map(|a| to_json(serde_json::to_value(a)))
            .collect::<Result<_, _>>()?,
        relations: record
            .relations
            .iter()
            .map(|a| to_json(serde_json::to_value(a)))
            .collect::<Result<_, _>>()?,
        duplicate_of: v["duplicate_of"].clone(),
        copies: from_json(v["copies"].clone())?,
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActorListParams {
    /// Keep actors whose id, names or any mention contains this (normalised Arabic).
    pub q: Option<String>,
    /// Default 200.
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
    blocking(&st, move |s, _| {
        from_json(Json_::Array(s.actor_list(p.q.as_deref(), n)?))
    })
    .await
    .map(Json)
}

fn names_of(s: &mut Store, ids: HashSet<String>) -> Result<BTreeMap<String, ActorName>, ApiError> {
    let ids: Vec<String> = ids.into_iter().collect();
    s.actor_names(&ids)?
        .into_iter()
        .map(|(k, v)| Ok((k, from_json(v)?)))
        .collect()
}

fn event_actor_ids(events: &[Json_]) -> HashSet<String> {
    events
        .iter()
        .flat_map(|e| e["actors"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a.as_str().map(str::to_string))
        .collect()
}

/// One actor: aliases, articles, timeline of merged events, and its relations (allies,
/// enemies …) each with its evidence sentences.
#[utoipa::path(get, path = "/api/actors/{id}", tag = "actors",
    params(("id" = String, Path, description = "actor id (e.g. houthis) or an Arabic name seen in the store")),
    responses((status = 200, body = ActorView), (status = 404, body = ErrorBody)))]
pub async fn actor(
    State(st): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ActorView>, ApiError> {
    let id = path_id(id)?;
    blocking(&st, move |s, _| {
        let Some(resolved) = s.resolve_actor(&id)? else {
            return Err(ApiError::NotFound(format!("no actor {id:?} in the store")));
        };
        let v = s
            .actor_view(&resolved)?
            .ok_or_else(|| ApiError::NotFound(format!("no actor {id:?} in the store")))?;
        let timeline = s.actor_timeline(&resolved, TIMELINE_LIMIT)?;
        let edges = s.actor_relations(&resolved)?;
        let others: HashSet<String> = edges
            .iter()
            .flat_map(|e| [e["a"].as_str(), e["b"].as_str()])
            .flatten()
            .map(str::to_string)
            .collect();
        let mut ids = event_actor_ids(&timeline);
        ids.extend(others);
        let names = names_of(s, ids)?;
        let mut relations = Vec::with_capacity(edges.len());
        for e in edges {
            let a = e["a"].as_str().unwrap_or_default().to_string();
            let b = e["b"].as_str().unwrap_or_default().to_string();
            let (other, direction) = if a == resolved { (b, "out") } else { (a, "in") };
            let name = names.get(&other);
            relations.push(ActorRelation {
                edge: e["id"].as_str().unwrap_or_default().to_string(),
                relation_type: e["relation_type"].as_str().unwrap_or_default().to_string(),
                other_name_ar: name.map(|n| n.name_ar.clone()),
                other_name_en: name.and_then(|n| n.name_en.clone()),
                other,
                direction: direction.into(),
                weight: e["weight"].as_i64().unwrap_or(0),
                first_seen: e["first_seen"].as_str().map(str::to_string),
                last_seen: e["last_seen"].as_str().map(str::to_string),
                n_articles: e["n_articles"].as_i64().unwrap_or(0),
                n_sources: e["n_sources"].as_i64().unwrap_or(0),
                n_evidence: e["evidence"].as_array().map_or(0, Vec::len),
                evidence: from_json(Json_::Array(
                    e["evidence"]
                        .as_array()
                        .map(|v| v.iter().take(EVIDENCE_LIMIT).cloned().collect())
                        .unwrap_or_default(),
                ))?,
            });
        }
        Ok(ActorView {
            id: resolved,
            kind: from_json(v["kind"].clone())?,
            name_ar: from_json(v["name_ar"].clone())?,
            name_en: from_json(v["name_en"].clone())?,
            n_articles: from_json(v["n_articles"].clone())?,
            affiliation: from_json(v["affiliation"].clone())?,
            role: from_json(v["role"].clone())?,
            aliases: from_json(v["aliases"].clone())?,
            articles: from_json(v["articles"].clone())?,
            timeline,
            relations,
            names,
        })
    })
    .await
    .map(Json)
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Event type: MEET, AGREE, RELEASE, ATTACK, ARREST, SEIZE, DEFECT, PLEDGE, SUPPORT,
    /// TAKEOVER.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub event_type: Option<String>,
    /// Actor id or Arabic name.
    pub actor: Option<String>,
    /// Place, Arabic name as stored.
    pub place: Option<String>,
    /// ISO country code (YE, SY …).
    pub country: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD; events ending on or after it.
    pub from: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD; events starting on or before it.
    pub to: Option<String>,
    /// Default 1000.
    pub limit: Option<usize>,
}

fn check_date(name: &str, d: &Option<String>) -> Result<Option<String>, ApiError> {
    let Some(d) = d.as_deref().map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let parts: Vec<&str> = d.split('-').collect();
    let ok = matches!(parts.len(), 1..=3)
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(Some(d.to_string()))
    } else {
        Err(ApiError::BadRequest(format!(
            "{name}={d:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        )))
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Checked parameters → a store filter (the actor resolved to its id).
fn event_filter(s: &mut Store, p: EventParams) -> Result<EventFilter, ApiError> {
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
        Some(a) => Some(
            s.resolve_actor(&a)?
                .ok_or_else(|| ApiError::NotFound(format!("no actor {a:?} in the store")))?,
        ),
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
    })
}

/// Merged events (each with all its reports and evidence), filtered, in date order.
#[utoipa::path(get, path = "/api/events", tag = "events", params(EventParams),
    responses((status = 200, body = EventsResponse), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn events(
    State(st): State<SharedState>,
    q: Result<Query<EventParams>, QueryRejection>,
) -> Result<Json<EventsResponse>, ApiError> {
    let p = params(q)?;
    blocking(&st, move |s, _| {
        let f = event_filter(s, p)?;
        let events = s.events_with_reports(&f)?;
        let names = names_of(s, event_actor_ids(&events))?;
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
    let s = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn cell(v: &Json_) -> String {
    match v {
        Json_::Null => String::new(),
        Json_::String(s) => csv_cell(s),
        other => csv_cell(&other.to_string()),
    }
}

/// The events of a filter as CSV (UTF-8 with a BOM, so spreadsheets read the Arabic):
/// one row per merged event with its actors' names and its first evidence sentence.
#[utoipa::path(get, path = "/api/events.csv", tag = "events", params(EventParams),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 400, body = ErrorBody)))]
pub async fn events_csv(
    State(st): State<SharedState>,
    q: Result<Query<EventParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let body = blocking(&st, move |s, _| {
        let f = event_filter(s, p)?;
        let events = s.events_with_reports(&f)?;
        let names = names_of(s, event_actor_ids(&events))?;
        let mut out = String::from("\u{feff}");
        out.push_str(
            "id,event_type,date_start,date_end,place,country,actors,actors_en,killed,injured,\
             n_sources,n_articles,n_reports,modality,evidence,source,article\n",
        );
        for e in &events {
            let ids: Vec<&str> = e["actors"]
                .as_array()
                .map(|a| a.iter().filter_map(Json_::as_str).collect())
                .unwrap_or_default();
            let ar: Vec<String> = ids
                .iter()
                .map(|i| names.get(*i).map_or(i.to_string(), |n| n.name_ar.clone()))
                .collect();
            let en: Vec<String> = ids
                .iter()
                .map(|i| {
                    names
                        .get(*i)
                        .and_then(|n| n.name_en.clone())
                        .unwrap_or_else(|| i.to_string())
                })
                .collect();
            let first = &e["reports"][0];
            let row = [
                cell(&e["id"]),
                cell(&e["event_type"]),
                cell(&e["date_start"]),
                cell(&e["date_end"]),
                cell(&e["place"]),
                cell(&e["country"]),
                csv_cell(&ar.join("; ")),
                csv_cell(&en.join("; ")),
                cell(&e["killed"]),
                cell(&e["injured"]),
                cell(&e["n_sources"]),
                cell(&e["n_articles"]),
                cell(&e["n_reports"]),
                cell(&first["modality"]),
                cell(&first["evidence"][0]["text"]),
                cell(&first["source"]),
                cell(&first["article"]),
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
    /// Only edges touching this actor (id or Arabic name).
    pub actor: Option<String>,
    /// Comma-separated relation types (ALLY,HOSTILE …); default all.
    pub types: Option<String>,
    /// Only edges seen at least this many times (default 1).
    pub min_weight: Option<i64>,
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
    blocking(&st, move |s, _| {
        let actor = match non_empty(p.actor) {
            Some(a) => Some(
                s.resolve_actor(&a)?
                    .ok_or_else(|| ApiError::NotFound(format!("no actor {a:?} in the store")))?,
            ),
            None => None,
        };
        from_json(s.graph(actor.as_deref(), &types, min_weight)?)
    })
    .await
    .map(Json)
}

/// Places with coordinates (from the gazetteer), for the map.
#[utoipa::path(get, path = "/api/places", tag = "events",
    responses((status = 200, body = Places)))]
pub async fn places(State(st): State<SharedState>) -> Result<Json<Places>, ApiError> {
    blocking(&st, |s, _| {
        Ok(Places {
            places: from_json(Json_::Array(s.place_points()?))?,
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
    fn limits_are_bounded() {
        assert_eq!(limit(None, 7).unwrap(), 7);
        assert!(limit(Some(0), 7).is_err());
        assert!(limit(Some(MAX_LIMIT + 1), 7).is_err());
    }
}
