//! `/api/alerts`: the facts each ingest brought that a watchlist follows, newest first,
//! each with the page's view of its fact; `POST /api/alerts/read` marks them read (a
//! write: an analyst's token, [`crate::tokens`]). The same alerts as an Atom feed:
//! [`crate::atom`].

use std::collections::{BTreeMap, HashMap};

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::Json;
use rasid_kb::EVENT_TYPES;
use rasid_store::read::is_partial_date;
use rasid_store::{ActorName, Alert, Store};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Array, ArrayBuilder, ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, ToSchema};

use crate::api::{limit, params};
use crate::error::ApiError;
use crate::reviews::json_body;
use crate::schema::ErrorBody;
use crate::{blocking, SharedState};

/// How many alerts a list or a feed holds unless `limit` says otherwise.
pub const DEFAULT_ALERTS: usize = 100;

/// An alert with the page's view of its fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AlertView {
    #[serde(flatten)]
    pub alert: Alert,
    /// Where the page shows the fact, a route of `/`: `#/events?…` for an event (the
    /// events of its type, doer, place and day), `#/actor/ID` for a relation edge (the
    /// relations of its actor that the watchlist follows, else of its first, with
    /// evidence).
    pub page: String,
    /// The names of its actors (those stored), by id.
    pub names: BTreeMap<String, ActorName>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertParams {
    /// Only this watchlist's alerts, by name (404 when no watchlist has it); empty: every
    /// watchlist's.
    pub watchlist: Option<String>,
    /// Only alerts not read yet (default false).
    pub unread: Option<bool>,
    /// At most this many alerts, the newest, 1–5000 (default 100).
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<usize>,
}

/// The alerts of one watchlist (by name) or all, newest first, each with the page's view
/// of its fact; 404 when no watchlist has that name.
pub(crate) fn alert_views(
    s: &mut Store,
    watchlist: Option<&str>,
    unread: bool,
    n: usize,
) -> Result<Vec<AlertView>, ApiError> {
    let lists = s.watchlists()?;
    if let Some(name) = watchlist {
        if !lists.iter().any(|w| w.name == name) {
            return Err(ApiError::NotFound(format!(
                "no watchlist named {name:?} (GET /api/watchlists lists them)"
            )));
        }
    }
    let followed: HashMap<&str, &[String]> = lists
        .iter()
        .map(|w| (w.name.as_str(), w.filter.actors.as_slice()))
        .collect();
    let alerts = s.alerts(watchlist, unread, n)?;
    let mut ids: Vec<String> = alerts.iter().flat_map(|a| a.actors.clone()).collect();
    ids.sort_unstable();
    ids.dedup();
    let all_names = s.actor_names(&ids)?;
    Ok(alerts
        .into_iter()
        .map(|alert| {
            let actors = followed.get(alert.watchlist.as_str()).copied();
            let page = fact_page(&alert, actors.unwrap_or_default());
            let names = alert
                .actors
                .iter()
                .filter_map(|id| all_names.get(id).map(|n| (id.clone(), n.clone())))
                .collect();
            AlertView { alert, page, names }
        })
        .collect())
}

impl AlertView {
    /// What the alert is about in words, actors by their Arabic names (the id when the
    /// store has none): `ATTACK الحوثيون، الجيش اليمني · مأرب · 2024-03-14`, or for a
    /// relation `الحوثيون ALLY الحرس الثوري · 2024-06-03`.
    pub fn headline(&self) -> String {
        let a = &self.alert;
        let name = |id: &String| self.names.get(id).map_or(id.clone(), |n| n.name_ar.clone());
        let mut out = match (a.kind.as_str(), a.actors.as_slice()) {
            ("edge", [x, y]) => format!("{} {} {}", name(x), a.fact_type, name(y)),
            _ => {
                let actors: Vec<String> = a.actors.iter().map(name).collect();
                format!("{} {}", a.fact_type, actors.join("، "))
                    .trim()
                    .to_string()
            }
        };
        for part in [&a.place, &a.date].into_iter().flatten() {
            out.push_str(" · ");
            out.push_str(part);
        }
        out
    }
}

/// A `watchlist` parameter: trimmed, none when blank.
pub(crate) fn watchlist_param(w: Option<String>) -> Option<String> {
    w.map(|w| w.trim().to_string()).filter(|w| !w.is_empty())
}

/// Alerts, newest first: the facts ingests brought that a watchlist follows (what matched
/// when it was saved is not among them).
#[utoipa::path(get, path = "/api/alerts", tag = "alerts", params(AlertParams),
    responses((status = 200, body = Vec<AlertView>), (status = 400, body = ErrorBody),
        (status = 404, description = "No watchlist has that name", body = ErrorBody)))]
pub async fn list(
    State(st): State<SharedState>,
    q: Result<Query<AlertParams>, QueryRejection>,
) -> Result<Json<Vec<AlertView>>, ApiError> {
    let p = params(q)?;
    let n = limit(p.limit, DEFAULT_ALERTS)?;
    let watchlist = watchlist_param(p.watchlist);
    let unread = p.unread.unwrap_or(false);
    blocking(&st, move |s, _| {
        alert_views(s, watchlist.as_deref(), unread, n)
    })
    .await
    .map(Json)
}

/// The most alerts one request marks read by id.
pub const MAX_READ_IDS: usize = 1000;

/// Which alerts to mark read.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadRequest {
    /// Alert ids (`id` of `/api/alerts`: 32 hexadecimal digits), at most 1,000; absent or
    /// empty: every alert.
    #[serde(default)]
    #[schema(schema_with = ids_schema)]
    pub ids: Vec<String>,
}

/// `ids`: at most [`MAX_READ_IDS`] alert ids, each 32 lower-case hexadecimal digits.
fn ids_schema() -> Array {
    let id = ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some("^[0-9a-f]{32}$"));
    ArrayBuilder::new()
        .items(RefOr::T(Schema::Object(id.build())))
        .max_items(Some(MAX_READ_IDS))
        .build()
}

/// Whether `id` has the form of an alert id.
fn is_alert_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// How many alerts were marked read.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReadAnswer {
    /// Alerts that were unread and now are read (ids already read or unknown do not
    /// count).
    pub marked: usize,
}

/// Mark alerts read: those named, or every one. Needs `Authorization: Bearer TOKEN`.
#[utoipa::path(post, path = "/api/alerts/read", tag = "alerts",
    request_body(content = ReadRequest, content_type = "application/json"),
    security(("analyst_token" = [])),
    responses(
        (status = 200, description = "How many alerts were marked read", body = ReadAnswer),
        (status = 400, description = "The body is not `{\"ids\": [...]}` of at most 1,000 alert ids", body = ErrorBody),
        (status = 401, description = "No `Authorization: Bearer TOKEN` header, or not an analyst's token", body = ErrorBody),
        (status = 403, description = "Writes are off (the server was started without --write-token-file or --write-token), or the request's Host is not served", body = ErrorBody),
        (status = 413, description = "The body is larger than 64 KB", body = ErrorBody),
        (status = 415, description = "The body is not declared as `application/json`", body = ErrorBody),
        (status = 500, description = "The store failed", body = ErrorBody)))]
pub async fn mark_read(
    State(st): State<SharedState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Json<ReadAnswer>, ApiError> {
    let analyst = crate::tokens::authorise(st.write_tokens(), &headers)?.to_string();
    let req: ReadRequest = json_body(body, "a list of alerts to mark read")?;
    if req.ids.len() > MAX_READ_IDS {
        return Err(ApiError::BadRequest(format!(
            "{} alert ids: at most {MAX_READ_IDS} at once (`{{}}` marks every alert read)",
            req.ids.len()
        )));
    }
    if let Some(bad) = req.ids.iter().find(|id| !is_alert_id(id)) {
        return Err(ApiError::BadRequest(format!(
            "{bad:?} is not an alert id (32 hexadecimal digits, `id` of /api/alerts)"
        )));
    }
    let _one_write_at_a_time = st.write_lock.lock().await;
    let asked = req.ids.len();
    let marked = blocking(&st, move |s, _| Ok(s.mark_read(&req.ids)?)).await?;
    tracing::info!(
        target: "rasid::audit",
        analyst = %analyst,
        asked = asked,
        marked = marked,
        "alerts marked read"
    );
    Ok(Json(ReadAnswer { marked }))
}

/// The page's view of an alert's fact ([`AlertView::page`]), `followed` the actors its
/// watchlist follows. An event opens the events view on its type, a party (one followed,
/// else the first), its place and its day, at any confidence; an edge opens the page of
/// its end that is followed, else of its first. What the alert does not say is left out
/// of the filter, so that the view still holds the fact.
pub fn fact_page(alert: &Alert, followed: &[String]) -> String {
    let actor = alert
        .actors
        .iter()
        .find(|a| followed.contains(a))
        .or(alert.actors.first())
        .map(|a| percent(a));
    if alert.kind != "event" {
        return match actor {
            Some(a) => format!("#/actor/{a}"),
            None => "#/graph".into(),
        };
    }
    let mut query = Vec::new();
    if EVENT_TYPES.contains(&alert.fact_type.as_str()) {
        query.push(format!("type={}", alert.fact_type));
    }
    if let Some(a) = actor {
        query.push(format!("actor={a}"));
    }
    if let Some(place) = alert
        .place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        query.push(format!("place={}", percent(place)));
    }
    if let Some(d) = alert.date.as_deref().filter(|d| is_partial_date(d)) {
        query.push(format!("from={d}&to={d}"));
    }
    query.push("min_confidence=0".into());
    format!("#/events?{}", query.join("&"))
}

/// `s` percent-encoded for a query value or a path segment (UTF-8 bytes outside the
/// unreserved set), as the page's `encodeURIComponent` does.
pub(crate) fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(kind: &str, fact_type: &str, actors: &[&str], place: &str, date: &str) -> Alert {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Alert {
            id: "a1".into(),
            watchlist: "yemen".into(),
            kind: kind.into(),
            fact: "f1".into(),
            title: String::new(),
            fact_type: fact_type.into(),
            actors: actors.iter().map(|a| a.to_string()).collect(),
            place: some(place),
            date: some(date),
            created_at: "2026-12-05T04:42:47Z".into(),
            read: false,
        }
    }

    #[test]
    fn an_event_opens_the_events_of_its_type_party_place_and_day() {
        let attack = alert(
            "event",
            "ATTACK",
            &["houthis", "yemen_army"],
            "مأرب",
            "2024-03-14",
        );
        assert_eq!(
            fact_page(&attack, &[]),
            "#/events?type=ATTACK&actor=houthis&place=%D9%85%D8%A3%D8%B1%D8%A8\
             &from=2024-03-14&to=2024-03-14&min_confidence=0"
        );
        // the party the watchlist follows
        assert!(fact_page(&attack, &["yemen_army".into()]).contains("&actor=yemen_army&"));
        // a place of two words, no party, no day
        let page = fact_page(&alert("event", "ARREST", &[], "صنعاء القديمة", ""), &[]);
        assert_eq!(
            page,
            format!(
                "#/events?type=ARREST&place={}&min_confidence=0",
                percent("صنعاء القديمة")
            )
        );
        // no place
        let page = fact_page(&alert("event", "SEIZE", &["aqap"], "", "2024-05"), &[]);
        assert_eq!(
            page,
            "#/events?type=SEIZE&actor=aqap&from=2024-05&to=2024-05&min_confidence=0"
        );
    }

    #[test]
    fn an_edge_opens_the_page_of_its_followed_or_first_actor() {
        let ally = alert("edge", "ALLY", &["aqap", "houthis"], "", "2024-06-03");
        assert_eq!(fact_page(&ally, &[]), "#/actor/aqap");
        assert_eq!(fact_page(&ally, &["houthis".into()]), "#/actor/houthis");
        let leads = alert("edge", "LEADS", &["person:ابو_قتاده", "aqap"], "", "");
        assert_eq!(
            fact_page(&leads, &[]),
            format!("#/actor/{}", percent("person:ابو_قتاده"))
        );
        assert_eq!(
            fact_page(&alert("edge", "ALLY", &[], "", ""), &[]),
            "#/graph"
        );
    }

    #[test]
    fn a_headline_names_the_actors_in_arabic() {
        let name = |ar: &str| ActorName {
            name_ar: ar.into(),
            name_en: None,
            kind: "armed_group".into(),
        };
        let view = AlertView {
            alert: alert(
                "event",
                "ATTACK",
                &["houthis", "unknown_id"],
                "مأرب",
                "2024-03-14",
            ),
            page: String::new(),
            names: [("houthis".to_string(), name("جماعة الحوثي"))].into(),
        };
        assert_eq!(
            view.headline(),
            "ATTACK جماعة الحوثي، unknown_id · مأرب · 2024-03-14"
        );
        let edge = AlertView {
            alert: alert("edge", "ALLY", &["houthis", "irgc"], "", "2024-06-03"),
            page: String::new(),
            names: [
                ("houthis".to_string(), name("جماعة الحوثي")),
                ("irgc".to_string(), name("الحرس الثوري الإيراني")),
            ]
            .into(),
        };
        assert_eq!(
            edge.headline(),
            "جماعة الحوثي ALLY الحرس الثوري الإيراني · 2024-06-03"
        );
    }

    #[test]
    fn a_read_body_names_ids_or_none() {
        let r: ReadRequest = serde_json::from_str(r#"{"ids": ["a1", "a2"]}"#).expect("ids");
        assert_eq!(r.ids, ["a1", "a2"]);
        assert!(is_alert_id("860d7dc2d48f33c0796792ce65af54cd"));
        assert!(!is_alert_id("a1") && !is_alert_id("860D7DC2D48F33C0796792CE65AF54CD"));
        let all: ReadRequest = serde_json::from_str("{}").expect("every alert");
        assert!(all.ids.is_empty());
        assert!(serde_json::from_str::<ReadRequest>(r#"{"id": "a1"}"#).is_err());
        // serde reads a struct from an array too; a body is an object
        let array = json_body::<ReadRequest>(Ok(Json(serde_json::json!([]))), "alerts");
        assert!(matches!(array, Err(ApiError::BadRequest(_))), "{array:?}");
        let object = json_body::<ReadRequest>(Ok(Json(serde_json::json!({}))), "alerts");
        assert!(object.is_ok_and(|r| r.ids.is_empty()));
        assert!(serde_json::from_str::<ReadRequest>(r#"{"ids": "a1"}"#).is_err());
    }
}
