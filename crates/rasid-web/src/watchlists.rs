//! `/api/watchlists`: the saved filters whose new facts become alerts
//! ([`rasid_store::watch`]). `GET` lists them with their unread counts (anyone who may
//! read); `POST` saves one and `DELETE /api/watchlists/{name}` removes one with its alerts,
//! both as writes: an analyst's token ([`crate::tokens`]), a JSON body, an audit line.
//!
//! A watchlist's webhook URL is never shown (it may hold a secret, as a chat service's
//! incoming-webhook URL does): the API says only whether it has one.

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use rasid_kb::{Kb, EVENT_TYPES, RELATION_TYPES};
use rasid_store::read::params::{NOT_WS, WS};
use rasid_store::{Store, StoreError, WatchFilter, Watchlist};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{
    AllOfBuilder, AnyOfBuilder, Array, ArrayBuilder, Object, ObjectBuilder, SchemaType, Type,
};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;

use crate::api::path_id;
use crate::error::ApiError;
use crate::reviews::json_body;
use crate::schema::ErrorBody;
use crate::{blocking, blocking_heavy, SharedState};

/// A watchlist as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WatchlistView {
    /// Stable id (from its name).
    pub id: String,
    pub name: String,
    pub filter: WatchFilter,
    /// Whether new alerts are sent to a webhook (its URL is not shown).
    pub has_webhook: bool,
    pub created_at: String,
    /// Alerts not read yet.
    pub unread: i64,
}

impl From<Watchlist> for WatchlistView {
    fn from(w: Watchlist) -> Self {
        Self {
            id: w.id,
            name: w.name,
            filter: w.filter,
            has_webhook: w.webhook.is_some(),
            created_at: w.created_at,
            unread: w.unread,
        }
    }
}

/// A watchlist to save, as the page (or a script) sends it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WatchlistRequest {
    /// 1 to 100 characters, not all whitespace (trimmed); a name saved before gets the
    /// new filter.
    #[schema(schema_with = name_schema)]
    pub name: String,
    /// What it follows: each list matches any of its items, an empty list does not filter.
    /// Actors by id or name (resolved as `/api/events` resolves `actor`, else by the actor
    /// dictionary, so that a group can be followed before any article names it; 404 when
    /// neither knows it); countries as two-letter codes in any case; event and relation
    /// types in upper case; at most 300 actors, places and countries each (an actor or a
    /// place of at most 100 characters); events, relations or both.
    #[schema(schema_with = filter_schema)]
    #[serde(deserialize_with = "filter_object")]
    pub filter: WatchFilter,
    /// An `http://` or `https://` URL (ASCII, at most 2,000 characters) that `rasid
    /// ingest` sends each new alert to (POST JSON).
    #[serde(default)]
    #[schema(schema_with = webhook_schema)]
    pub webhook: Option<String>,
}

/// A filter from a JSON object only (serde would also read a struct from an array).
fn filter_object<'de, D: serde::Deserializer<'de>>(d: D) -> Result<WatchFilter, D::Error> {
    let object = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
    serde_json::from_value(serde_json::Value::Object(object)).map_err(serde::de::Error::custom)
}

/// The most actors, places or countries a watchlist's filter names, each (the store's
/// limit).
pub use rasid_store::watch::MAX_ITEMS;
/// The longest actor or place a filter names, in characters.
const MAX_ITEM_CHARS: usize = 100;
/// The longest watchlist name, in characters.
const MAX_NAME: usize = 100;
/// The longest webhook URL.
const MAX_WEBHOOK: usize = 2000;

/// `name`: 1–100 characters, one at least not whitespace.
fn name_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(MAX_NAME))
        .pattern(Some(NOT_WS))
        .build()
}

/// `webhook`: an http(s) URL of visible ASCII characters, or null.
fn webhook_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .max_length(Some(MAX_WEBHOOK))
        .pattern(Some("^https?://[!-~]*$"))
        .build()
}

/// A list of at most `max` items of `item`.
fn list_of(item: impl Into<Schema>, max: usize) -> Array {
    ArrayBuilder::new()
        .items(RefOr::T(item.into()))
        .max_items(Some(max))
        .build()
}

/// `filter`: [`WatchFilter`] with what the handler checks — known types, two-letter
/// countries, named actors, a confidence in 0–1, bounded lists, events or relations.
fn filter_schema() -> Schema {
    let string = || ObjectBuilder::new().schema_type(Type::String);
    let followed = |name: &str| {
        ObjectBuilder::new()
            .property(
                name,
                ObjectBuilder::new()
                    .schema_type(Type::Boolean)
                    .enum_values(Some([true])),
            )
            .build()
    };
    let lists = ObjectBuilder::new()
        .schema_type(Type::Object)
        .property(
            "actors",
            list_of(
                string()
                    .min_length(Some(1))
                    .max_length(Some(MAX_ITEM_CHARS))
                    .pattern(Some(NOT_WS)),
                MAX_ITEMS,
            ),
        )
        .property(
            "places",
            list_of(string().max_length(Some(MAX_ITEM_CHARS)), MAX_ITEMS),
        )
        .property(
            "countries",
            list_of(
                string().pattern(Some(format!("^{WS}*[A-Za-z]{{2}}{WS}*$"))),
                MAX_ITEMS,
            ),
        )
        .property(
            "event_types",
            list_of(string().enum_values(Some(EVENT_TYPES.iter().copied())), 100),
        )
        .property(
            "relation_types",
            list_of(
                string().enum_values(Some(RELATION_TYPES.iter().copied())),
                100,
            ),
        )
        .property(
            "min_confidence",
            ObjectBuilder::new()
                .schema_type(SchemaType::from_iter([Type::Number, Type::Null]))
                .minimum(Some(0.0))
                .maximum(Some(1.0)),
        )
        .property("events", ObjectBuilder::new().schema_type(Type::Boolean))
        .property("relations", ObjectBuilder::new().schema_type(Type::Boolean))
        .build();
    // events and relations default to true: not both false
    let not_neither = AnyOfBuilder::new()
        .item(followed("events"))
        .item(followed("relations"))
        .build();
    AllOfBuilder::new()
        .item(lists)
        .item(Schema::AnyOf(not_neither))
        .description(Some("What the watchlist follows (see WatchFilter)"))
        .build()
        .into()
}

/// Every watchlist, by name, with its unread count.
#[utoipa::path(get, path = "/api/watchlists", tag = "alerts",
    responses((status = 200, body = Vec<WatchlistView>)))]
pub async fn list(State(st): State<SharedState>) -> Result<Json<Vec<WatchlistView>>, ApiError> {
    blocking(&st, |s, _| {
        Ok(s.watchlists()?
            .into_iter()
            .map(WatchlistView::from)
            .collect())
    })
    .await
    .map(Json)
}

/// Save a watchlist: what matches it now is its baseline, not news; the facts later
/// ingests bring that match it become alerts. Needs `Authorization: Bearer TOKEN`.
#[utoipa::path(post, path = "/api/watchlists", tag = "alerts",
    request_body(content = WatchlistRequest, content_type = "application/json"),
    security(("analyst_token" = [])),
    responses(
        (status = 200, description = "A watchlist of that name was saved before: it has the new filter", body = WatchlistView),
        (status = 201, description = "The new watchlist", body = WatchlistView),
        (status = 400, description = "The body is not a watchlist, or not one that can be saved: an unknown event or relation type, a country that is not two letters, a confidence outside 0–1, a name of more than 100 characters, a webhook that is not an http(s) URL, a name that names several actors", body = ErrorBody),
        (status = 401, description = "No `Authorization: Bearer TOKEN` header, or not an analyst's token", body = ErrorBody),
        (status = 403, description = "Writes are off (the server was started without --write-token-file or --write-token), or the request's Host is not served", body = ErrorBody),
        (status = 404, description = "An actor of the filter is neither in the store nor in the actor dictionary", body = ErrorBody),
        (status = 413, description = "The body is larger than 64 KB", body = ErrorBody),
        (status = 415, description = "The body is not declared as `application/json`", body = ErrorBody),
        (status = 500, description = "The store failed", body = ErrorBody)))]
pub async fn save(
    State(st): State<SharedState>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<(StatusCode, Json<WatchlistView>), ApiError> {
    let analyst = crate::tokens::authorise(st.write_tokens(), &headers)?.to_string();
    let req: WatchlistRequest = json_body(body, "a watchlist")?;
    check_request(&req)?;
    let _one_write_at_a_time = st.write_lock.lock().await;
    let (existed, saved) = blocking_heavy(&st, move |s, kb| {
        let filter = checked_filter(s, kb, req.filter)?;
        let name = req.name.trim().to_string();
        let existed = s.watchlists()?.iter().any(|w| w.name == name);
        let webhook = req.webhook.as_deref().map(str::trim);
        let saved = s
            .save_watchlist(&name, &filter, webhook)
            .map_err(watchlist_error)?;
        Ok((existed, saved))
    })
    .await?;
    tracing::info!(
        target: "rasid::audit",
        analyst = %analyst,
        watchlist = %saved.name,
        filter = %serde_json::to_string(&saved.filter).unwrap_or_default(),
        webhook = saved.webhook.is_some(),
        "watchlist saved"
    );
    let status = if existed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(saved.into())))
}

/// Delete a watchlist and its alerts. Needs `Authorization: Bearer TOKEN`.
#[utoipa::path(delete, path = "/api/watchlists/{name}", tag = "alerts",
    params(("name" = String, Path, description = "the watchlist's name")),
    security(("analyst_token" = [])),
    responses(
        (status = 204, description = "Deleted, with its alerts"),
        (status = 400, description = "The name cannot be read from the path", body = ErrorBody),
        (status = 401, description = "No `Authorization: Bearer TOKEN` header, or not an analyst's token", body = ErrorBody),
        (status = 403, description = "Writes are off (the server was started without --write-token-file or --write-token), or the request's Host is not served", body = ErrorBody),
        (status = 404, description = "No watchlist has that name", body = ErrorBody),
        (status = 500, description = "The store failed", body = ErrorBody)))]
pub async fn remove(
    State(st): State<SharedState>,
    headers: HeaderMap,
    name: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let analyst = crate::tokens::authorise(st.write_tokens(), &headers)?.to_string();
    let name = path_id(name)?;
    let _one_write_at_a_time = st.write_lock.lock().await;
    let shown = name.clone();
    let removed = blocking(&st, move |s, _| Ok(s.remove_watchlist(&name)?)).await?;
    if !removed {
        return Err(ApiError::NotFound(format!(
            "no watchlist named {shown:?} (GET /api/watchlists lists them)"
        )));
    }
    tracing::info!(target: "rasid::audit", analyst = %analyst, watchlist = %shown, "watchlist removed");
    Ok(StatusCode::NO_CONTENT)
}

/// What the document says of a request and the store does not check: the name's length
/// before trimming, the webhook's characters, the lists' lengths, the countries' form.
fn check_request(req: &WatchlistRequest) -> Result<(), ApiError> {
    let bad = |m: String| Err(ApiError::BadRequest(format!("bad watchlist: {m}")));
    if req.name.chars().count() > MAX_NAME {
        return bad(format!("a watchlist's name has 1 to {MAX_NAME} characters"));
    }
    if let Some(url) = &req.webhook {
        if !url.bytes().all(|b| b.is_ascii_graphic()) {
            return bad(format!(
                "a webhook is an http:// or https:// URL of visible ASCII characters \
                 (percent-encode the others), got {url:?}"
            ));
        }
    }
    let f = &req.filter;
    for (name, n) in [
        ("actors", f.actors.len()),
        ("places", f.places.len()),
        ("countries", f.countries.len()),
    ] {
        if n > MAX_ITEMS {
            return bad(format!("{n} {name}: at most {MAX_ITEMS}"));
        }
    }
    if let Some(long) = f
        .actors
        .iter()
        .chain(&f.places)
        .find(|x| x.chars().count() > MAX_ITEM_CHARS)
    {
        return bad(format!(
            "{long:?} is longer than {MAX_ITEM_CHARS} characters: no actor or place is"
        ));
    }
    if f.event_types.len() > 100 || f.relation_types.len() > 100 {
        return bad("at most 100 event types and 100 relation types".into());
    }
    if let Some(c) = f.countries.iter().find(|c| {
        let c = c.trim();
        c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic())
    }) {
        return bad(format!(
            "country {c:?} is not a two-letter ISO code (YE, SY …)"
        ));
    }
    Ok(())
}

/// The filter as the request gives it → with actors as ids, countries in upper case,
/// blank places left out (the store checks the rest).
fn checked_filter(s: &mut Store, kb: &Kb, f: WatchFilter) -> Result<WatchFilter, ApiError> {
    let mut actors = Vec::with_capacity(f.actors.len());
    for a in &f.actors {
        let id = watched_actor(s, kb, a)?;
        if !actors.contains(&id) {
            actors.push(id);
        }
    }
    Ok(WatchFilter {
        actors,
        places: f
            .places
            .into_iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        countries: f
            .countries
            .into_iter()
            .map(|c| c.trim().to_uppercase())
            .collect(),
        ..f
    })
}

/// The actor id `text` names: a stored actor (by id or name), else one of the actor
/// dictionary (a group may be followed before any article names it); 404 when it names
/// none, 400 when several.
fn watched_actor(s: &mut Store, kb: &Kb, text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    let mut ids = s.resolve_actor(text, &kb.actors)?;
    if ids.is_empty() {
        ids = kb
            .actors
            .named_by(text)
            .into_iter()
            .map(|a| a.id.clone())
            .collect();
        ids.dedup();
    }
    match ids.len() {
        1 => Ok(ids.remove(0)),
        0 => Err(ApiError::NotFound(format!(
            "no actor {text:?} in the store or in the actor dictionary (kb/actors.toml)"
        ))),
        _ => Err(ApiError::BadRequest(format!(
            "bad watchlist: {text:?} names several actors ({}): give one of their ids",
            ids.join(", ")
        ))),
    }
}

/// A store error of saving: a watchlist it refuses → 400.
fn watchlist_error(e: StoreError) -> ApiError {
    match e {
        StoreError::BadWatchlist(msg) => ApiError::BadRequest(format!("bad watchlist: {msg}")),
        e => ApiError::Store(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watchlist_body_takes_a_filter_and_refuses_unknown_fields() {
        let r: WatchlistRequest = serde_json::from_str(
            r#"{"name": "yemen", "filter": {"countries": ["ye"], "event_types": ["attack"]}}"#,
        )
        .expect("a watchlist");
        assert_eq!(r.name, "yemen");
        assert_eq!(r.filter.countries, ["ye"]);
        assert!(r.filter.events && r.filter.relations, "both by default");
        assert!(r.webhook.is_none());
        for bad in [
            r#"{"name": "yemen"}"#,
            r#"{"name": "yemen", "filter": []}"#,
            r#"{"name": "yemen", "filter": {"countries": "YE"}}"#,
            r#"{"name": "yemen", "filter": {}, "analyst": "x"}"#,
            r#"{"filter": {}}"#,
        ] {
            assert!(
                serde_json::from_str::<WatchlistRequest>(bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_webhook_url_is_not_shown() {
        let w = Watchlist {
            id: "w1".into(),
            name: "yemen".into(),
            filter: WatchFilter::default(),
            webhook: Some("https://hooks.example.org/T000/secret".into()),
            created_at: "2026-12-05T04:42:47Z".into(),
            unread: 3,
        };
        let shown = serde_json::to_string(&WatchlistView::from(w)).expect("json");
        assert!(shown.contains(r#""has_webhook":true"#), "{shown}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn what_the_document_rules_out_is_refused() {
        let request = |json: serde_json::Value| -> WatchlistRequest {
            serde_json::from_value(json).expect("a watchlist")
        };
        let ok = request(
            serde_json::json!({"name": " yemen ", "webhook": "https://h.example.org/x",
            "filter": {"countries": [" ye", "SY"], "event_types": ["ATTACK"]}}),
        );
        assert!(check_request(&ok).is_ok());
        for bad in [
            serde_json::json!({"name": "x".repeat(101), "filter": {}}),
            serde_json::json!({"name": "x", "filter": {}, "webhook": "https://h.example.org/صنعاء"}),
            serde_json::json!({"name": "x", "filter": {"countries": ["YEM"]}}),
            serde_json::json!({"name": "x", "filter": {"countries": [""]}}),
            serde_json::json!({"name": "x", "filter": {"places": vec!["مأرب"; MAX_ITEMS + 1]}}),
        ] {
            let e = check_request(&request(bad.clone())).expect_err("refused");
            assert_eq!(e.status(), StatusCode::BAD_REQUEST, "{bad}");
        }
    }

    #[test]
    fn a_refused_watchlist_is_a_client_error() {
        let e = watchlist_error(StoreError::BadWatchlist(
            "unknown event type \"RIOT\"".into(),
        ));
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        assert!(e.to_string().contains("RIOT"), "{e}");
    }
}
