//! `/api/reviews`: analysts' decisions on facts. `GET` lists them (anyone who may read);
//! `POST` records one — confirm, reject or correct an event, a relation, an actor link or
//! a place — as made by the analyst whose token the request bears ([`crate::tokens`]),
//! then merges again so that every view shows it.
//!
//! A write is refused unless the server has tokens (403), the request bears one (401) and
//! its body is declared `application/json` (415: a cross-site HTML form cannot send that,
//! and no cookie is ever used, so another site cannot write through an analyst's browser).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use rasid_store::{Correction, Decision, FactRef, StoreError, StoredDecision, Verdict};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::api::params;
use crate::error::ApiError;
use crate::schema::ErrorBody;
use crate::{blocking_heavy, SharedState};

/// The largest request body a write accepts, in bytes.
pub const MAX_BODY: usize = 64 * 1024;

/// A decision as the page (or a script) sends it: the analyst and the time are the
/// server's.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// The fact: an event or relation by its id (`reports[].event`, `review.events[].fact`
    /// of an article), an actor or place by its article.
    pub fact: FactRef,
    pub verdict: Verdict,
    /// With `correct` only: the fields that replace the extracted ones (an event: its
    /// type, doers, targets, place; a relation: its type; an actor link: the actor).
    #[serde(default)]
    pub correction: Option<Correction>,
    /// Why, in the analyst's words (at most 2,000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewListParams {
    /// Every decision ever recorded, oldest first (the audit log); default false: only
    /// those in force, the latest on each fact.
    pub all: Option<bool>,
}

/// Analysts' decisions, oldest first: those in force, or every one (`all=true`). Each says
/// whether its fact is still extracted in this store (`applies`).
#[utoipa::path(get, path = "/api/reviews", tag = "reviews", params(ReviewListParams),
    responses((status = 200, body = Vec<StoredDecision>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(st): State<SharedState>,
    q: Result<Query<ReviewListParams>, QueryRejection>,
) -> Result<Json<Vec<StoredDecision>>, ApiError> {
    let all = params(q)?.all.unwrap_or(false);
    blocking_heavy(&st, move |s, _| Ok(s.decisions(all)?))
        .await
        .map(Json)
}

/// Record an analyst's decision on a fact and merge again: a rejected fact leaves the
/// merged events, the graph and the exports; a corrected one shows as corrected. Needs
/// `Authorization: Bearer TOKEN` with a token the server was started with
/// (`--write-token-file`, `--write-token`).
#[utoipa::path(post, path = "/api/reviews", tag = "reviews",
    request_body(content = ReviewRequest, content_type = "application/json"),
    security(("analyst_token" = [])),
    responses(
        (status = 201, description = "The decision, recorded and applied", body = StoredDecision),
        (status = 400, description = "The body is not a decision, or not one this fact can take (e.g. a correction with `reject`)", body = ErrorBody),
        (status = 401, description = "No `Authorization: Bearer TOKEN` header, or not an analyst's token", body = ErrorBody),
        (status = 403, description = "Writes are off (the server was started without --write-token-file or --write-token), or the request's Host is not served", body = ErrorBody),
        (status = 404, description = "No such fact in the store", body = ErrorBody),
        (status = 413, description = "The body is larger than 64 KB", body = ErrorBody),
        (status = 415, description = "The body is not declared as `application/json`", body = ErrorBody),
        (status = 500, description = "The store failed", body = ErrorBody)))]
pub async fn record(
    State(st): State<SharedState>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<StoredDecision>), ApiError> {
    let analyst = crate::tokens::authorise(st.write_tokens(), &headers)?.to_string();
    let req: ReviewRequest = json_body(body, "a review")?;
    let fact = serde_json::to_string(&req.fact)
        .map_err(|e| ApiError::Internal(format!("writing the fact as JSON: {e}")))?;
    let _one_write_at_a_time = st.write_lock.lock().await;
    let who = analyst.clone();
    let stored = blocking_heavy(&st, move |s, _| {
        let subject = s.subject_of(&req.fact).map_err(review_error)?;
        let decision = Decision {
            subject,
            verdict: req.verdict,
            correction: req.correction,
            analyst: who,
            note: req
                .note
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            at: rasid_store::review::now(),
        };
        let id = s.record_decision(&decision).map_err(review_error)?;
        s.merge().map_err(|e| {
            ApiError::Internal(format!(
                "decision {id} is stored, but the merge that applies it failed: {e} \
                 (the next `rasid ingest` or `rasid merge` applies it)"
            ))
        })?;
        let subject_id = decision.subject.id();
        let stored = s.decision(&id)?;
        Ok(stored.unwrap_or(StoredDecision {
            id,
            subject_id,
            decision,
            applies: true,
            current: true,
        }))
    })
    .await?;
    tracing::info!(
        target: "rasid::audit",
        analyst = %analyst,
        verdict = stored.decision.verdict.as_str(),
        fact = %fact,
        subject = %stored.subject_id,
        decision = %stored.id,
        "review recorded"
    );
    Ok((StatusCode::CREATED, Json(stored)))
}

/// A write's body, `what` (e.g. "a review") in its errors: 415 unless declared JSON, 413
/// when too large, 400 when not a JSON object of that shape (serde would also read a
/// struct from an array).
pub(crate) fn json_body<T: DeserializeOwned>(
    body: Result<Json<Value>, JsonRejection>,
    what: &str,
) -> Result<T, ApiError> {
    let Json(value) = body.map_err(|e| match e.status() {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType(format!(
            "{what} is sent as JSON: give the header `Content-Type: application/json`"
        )),
        StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::PayloadTooLarge(format!("the body is larger than {} KB", MAX_BODY / 1024))
        }
        _ => ApiError::BadRequest(format!("the body is not {what}: {}", e.body_text())),
    })?;
    if !value.is_object() {
        return Err(ApiError::BadRequest(format!(
            "the body is not {what}: a JSON object is expected"
        )));
    }
    serde_json::from_value(value)
        .map_err(|e| ApiError::BadRequest(format!("the body is not {what}: {e}")))
}

/// A store error of a decision: no such fact → 404, a decision the fact cannot take → 400.
fn review_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NoFact(_) => ApiError::NotFound(e.to_string()),
        StoreError::BadReview(msg) => ApiError::BadRequest(format!("bad review: {msg}")),
        e => ApiError::Store(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_body_names_its_fact_by_kind() {
        let r: ReviewRequest = serde_json::from_str(
            r#"{"fact": {"kind": "event", "id": "ev1"}, "verdict": "correct",
                "correction": {"event_type": "ARREST"}, "note": "  "}"#,
        )
        .expect("a correction");
        assert_eq!(r.fact, FactRef::Event { id: "ev1".into() });
        assert_eq!(r.verdict, Verdict::Correct);
        assert_eq!(
            r.correction.and_then(|c| c.event_type).as_deref(),
            Some("ARREST")
        );
        let place: ReviewRequest = serde_json::from_str(
            r#"{"fact": {"kind": "place", "article": "a1", "name": "مأرب"}, "verdict": "reject"}"#,
        )
        .expect("a place");
        assert_eq!(
            place.fact,
            FactRef::Place {
                article: "a1".into(),
                name: "مأرب".into()
            }
        );
        for bad in [
            r#"{"fact": {"kind": "event", "id": "ev1"}, "verdict": "maybe"}"#,
            r#"{"fact": {"kind": "rumour", "id": "ev1"}, "verdict": "reject"}"#,
            r#"{"fact": {"kind": "event", "id": "ev1"}, "verdict": "reject", "analyst": "x"}"#,
        ] {
            assert!(serde_json::from_str::<ReviewRequest>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn store_errors_of_a_decision_are_client_errors() {
        let missing = review_error(StoreError::NoFact("event x".into()));
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let bad = review_error(StoreError::BadReview(
            "a correction needs `correction`".into(),
        ));
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        assert!(bad.to_string().contains("needs `correction`"), "{bad}");
    }
}
