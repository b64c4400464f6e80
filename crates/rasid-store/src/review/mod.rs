//! Analysts' decisions on extracted facts: confirm, reject or correct an event, a relation,
//! an actor link or a place.
//!
//! A decision is about a fact's stable identity, a [`Subject`] — the document's content
//! hash, a char span in it, the fact's kind and a label (an event's type, a relation's
//! type and pair, an actor's id, a place's name) — never about a row id, so it finds its
//! fact again after a merge, a re-ingest, an extraction with another kb or model, or in
//! another store (`rasid review export|import`). The `reviews` table is append-only:
//! every decision is kept with who made it and when (the audit log of every write), and
//! the latest decision on a subject is the one in force ([`overlay`]).
//!
//! [`overlay`] applies the decisions in force inside every merge: a rejected fact never
//! reaches the merged events, the edges or the exports; a corrected one is merged as
//! corrected; both, and confirmations, are marked on what they touch. A decision whose
//! fact is no longer extracted is kept and reported (`applies: false`), not lost.

pub(crate) mod overlay;
pub(crate) mod store;

use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::ids::stable_id;

/// What kind of fact a decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    /// One article's report of an event (its sentence's span; label: its type and doer).
    Event,
    /// One article's relation (its first evidence sentence; label: `TYPE a b`).
    Relation,
    /// An actor named in an article (the article's span; label: the actor's id).
    Actor,
    /// A place named in an article (the article's span; label: its normalised name).
    Place,
}

impl FactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Event => "event",
            FactKind::Relation => "relation",
            FactKind::Actor => "actor",
            FactKind::Place => "place",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        [Self::Event, Self::Relation, Self::Actor, Self::Place]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// What the analyst decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The fact is right as extracted.
    Confirm,
    /// The fact is wrong: it never shows again.
    Reject,
    /// The fact is right once corrected as the decision's `correction` says.
    Correct,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirm => "confirm",
            Verdict::Reject => "reject",
            Verdict::Correct => "correct",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        [Self::Confirm, Self::Reject, Self::Correct]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    /// How a fact under this decision is marked: `confirmed`, `rejected`, `corrected`.
    pub fn status(self) -> &'static str {
        match self {
            Verdict::Confirm => "confirmed",
            Verdict::Reject => "rejected",
            Verdict::Correct => "corrected",
        }
    }
}

/// What identifies a fact wherever it is extracted again: the document (content hash), a
/// char span of its text, the kind and a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subject {
    pub kind: FactKind,
    /// The content hash of the document's text.
    pub document: String,
    /// Char span in the document: an event's sentence, a relation's first evidence
    /// sentence, the article of an actor link or a place.
    pub start: i64,
    pub end: i64,
    /// An event's type and doer (`ATTACK houthis`, or the type alone); a relation's `TYPE
    /// a b` (a ≤ b for ALLY/HOSTILE); an actor's id; a place's normalised name.
    pub label: String,
}

impl Subject {
    /// The subject's stable id: decisions on the same fact share it.
    pub fn id(&self) -> String {
        stable_id(
            "review_subject",
            &[
                self.kind.as_str(),
                &self.document,
                &self.start.to_string(),
                &self.end.to_string(),
                &self.label,
            ],
        )
    }
}

/// The label of a report of an event: its type and its doer (`ATTACK houthis`; the type
/// alone when it names none), so that two events of one type in one sentence, by different
/// doers, are two facts.
pub(crate) fn event_label(kind: &str, doer: Option<&str>) -> String {
    match doer {
        Some(d) => format!("{kind} {d}"),
        None => kind.to_string(),
    }
}

/// The label of a relation: its type and pair, the pair in id order when the relation
/// reads the same both ways.
pub(crate) fn relation_label(kind: &str, a: &str, b: &str) -> String {
    if rasid_kb::relation_is_symmetric(kind) && b < a {
        format!("{kind} {b} {a}")
    } else {
        format!("{kind} {a} {b}")
    }
}

/// The label of a place: its name, normalised as search normalises names.
pub(crate) fn place_label(name: &str) -> String {
    crate::search::name_key(name)
}

/// A correction: the fields that replace the extracted ones (the others stay).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Correction {
    /// Event: its type (one of the contract's ten).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// Event: its doers, the initiator first (actor ids; empty: no doer named).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<String>>,
    /// Event: the actors acted on (actor ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Vec<String>>,
    /// Event: its place, as a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Relation: its type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation_type: Option<String>,
    /// Actor link: the actor the article names (an actor id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

impl Correction {
    fn fields(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut add = |set: bool, name| {
            if set {
                out.push(name);
            }
        };
        add(self.event_type.is_some(), "event_type");
        add(self.actors.is_some(), "actors");
        add(self.targets.is_some(), "targets");
        add(self.place.is_some(), "place");
        add(self.relation_type.is_some(), "relation_type");
        add(self.actor.is_some(), "actor");
        out
    }
}

/// One analyst's decision on one fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub subject: Subject,
    pub verdict: Verdict,
    /// With `correct` only: what replaces the extracted fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
    /// Who decided.
    pub analyst: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// The time now as decisions record it (`at`): RFC 3339, UTC, milliseconds.
pub fn now() -> String {
    stamp(chrono::Utc::now())
}

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// `at` in the one form decisions are stored in (UTC, milliseconds), so that their order
/// is the order of their strings whatever offset or precision they were written with;
/// `None` when it is not RFC 3339.
pub(crate) fn normal_time(at: &str) -> Option<String> {
    chrono::DateTime::parse_from_rfc3339(at.trim())
        .ok()
        .map(|t| stamp(t.with_timezone(&chrono::Utc)))
}

/// Longest analyst name and note a decision may carry.
const MAX_ANALYST: usize = 100;
const MAX_NOTE: usize = 2000;
/// Longest label, id or name inside a decision.
const MAX_FIELD: usize = 400;

/// Which correction fields each kind of fact takes.
fn allowed_fields(kind: FactKind) -> &'static [&'static str] {
    match kind {
        FactKind::Event => &["event_type", "actors", "targets", "place"],
        FactKind::Relation => &["relation_type"],
        FactKind::Actor => &["actor"],
        FactKind::Place => &[],
    }
}

impl Decision {
    /// The decision's id: the same decision (subject, verdict, correction, analyst, time)
    /// has the same id in every store, so importing it twice stores it once.
    pub fn id(&self) -> Result<String> {
        let correction = match &self.correction {
            Some(c) => serde_json::to_string(c)?,
            None => String::new(),
        };
        Ok(stable_id(
            "review",
            &[
                &self.subject.id(),
                self.verdict.as_str(),
                &correction,
                &self.analyst,
                &self.at,
            ],
        ))
    }

    /// Whether the decision can be stored: a correction with `correct` only and with the
    /// fields its kind takes, known types, bounded text, an RFC 3339 time.
    pub fn check(&self) -> Result<()> {
        let bad = |msg: String| Err(StoreError::BadReview(msg));
        let s = &self.subject;
        if s.document.is_empty() || s.label.is_empty() || s.start < 0 || s.end < s.start {
            return bad(format!(
                "the subject needs a document, a label and a span start ≤ end (got {}..{})",
                s.start, s.end
            ));
        }
        if s.label.chars().count() > MAX_FIELD || s.document.len() > MAX_FIELD {
            return bad("the subject's label or document is too long".into());
        }
        let analyst = self.analyst.trim();
        if analyst.is_empty() || analyst.chars().count() > MAX_ANALYST {
            return bad(format!(
                "the analyst's name must have 1 to {MAX_ANALYST} characters"
            ));
        }
        if self
            .note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE)
        {
            return bad(format!("a note has at most {MAX_NOTE} characters"));
        }
        if chrono::DateTime::parse_from_rfc3339(&self.at).is_err() {
            return bad(format!("`at` is not an RFC 3339 time: {:?}", self.at));
        }
        match (self.verdict, &self.correction) {
            (Verdict::Correct, None) => bad("a correction needs `correction`".into()),
            (Verdict::Confirm | Verdict::Reject, Some(_)) => bad(format!(
                "`correction` goes with `correct`, not with `{}`",
                self.verdict.as_str()
            )),
            (Verdict::Correct, Some(c)) => check_correction(s.kind, c),
            _ => Ok(()),
        }
    }
}

fn check_correction(kind: FactKind, c: &Correction) -> Result<()> {
    let bad = |msg: String| Err(StoreError::BadReview(msg));
    let fields = c.fields();
    if fields.is_empty() {
        return bad("the correction changes nothing".into());
    }
    let allowed = allowed_fields(kind);
    if let Some(f) = fields.iter().find(|f| !allowed.contains(f)) {
        return bad(format!(
            "a correction of {} facts cannot set `{f}` (it takes: {})",
            kind.as_str(),
            if allowed.is_empty() {
                "nothing: confirm or reject a place".to_string()
            } else {
                allowed.join(", ")
            }
        ));
    }
    if let Some(t) = &c.event_type {
        if !rasid_kb::EVENT_TYPES.contains(&t.as_str()) {
            return bad(format!("unknown event type {t:?}"));
        }
    }
    if let Some(t) = &c.relation_type {
        if !rasid_kb::RELATION_TYPES.contains(&t.as_str()) {
            return bad(format!("unknown relation type {t:?}"));
        }
    }
    let ids = c
        .actors
        .iter()
        .chain(&c.targets)
        .flatten()
        .chain(&c.actor)
        .chain(&c.place);
    for id in ids {
        if id.trim().is_empty() || id.chars().count() > MAX_FIELD {
            return bad(format!(
                "empty or too long name or id in the correction: {id:?}"
            ));
        }
    }
    Ok(())
}

/// A fact of this store, as a client points at it: an event or relation by its id, an
/// actor or place by its article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FactRef {
    /// A report of an event (a `reports[].event` id).
    Event { id: String },
    /// An article's relation (an `evidence[].relation` id).
    Relation { id: String },
    /// An actor an article names.
    Actor { article: String, actor: String },
    /// A place an article names (its name as the article writes it).
    Place { article: String, name: String },
}

/// A stored decision: its id, and whether its fact is still extracted in this store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredDecision {
    pub id: String,
    /// The subject's stable id (decisions on one fact share it).
    pub subject_id: String,
    #[serde(flatten)]
    pub decision: Decision,
    /// The store still holds the fact it is about (false: no extraction finds it now).
    pub applies: bool,
    /// The latest decision on its subject, the one in force.
    pub current: bool,
}

/// A fact of an article as the page shows it: how to point at it, and its analysts' mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FactReview {
    pub fact: FactRef,
    /// `confirmed`, `rejected` or `corrected` by the decision in force; absent: as
    /// extracted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The decision in force: what it corrects, who made it and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionInForce>,
}

/// The decision in force on a fact, as an article view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionInForce {
    pub verdict: Verdict,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
    pub analyst: String,
    pub at: String,
}

/// The review marks of an article's facts, each list parallel to the article's own
/// (`events[i]` is about `events[i]` of the article).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleReview {
    pub events: Vec<FactReview>,
    pub relations: Vec<FactReview>,
    pub actors: Vec<FactReview>,
    pub places: Vec<FactReview>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(kind: FactKind, verdict: Verdict, correction: Option<Correction>) -> Decision {
        Decision {
            subject: Subject {
                kind,
                document: "abc".into(),
                start: 10,
                end: 40,
                label: "ATTACK".into(),
            },
            verdict,
            correction,
            analyst: "lina".into(),
            note: None,
            at: "2026-12-05T10:00:00Z".into(),
        }
    }

    #[test]
    fn a_correction_goes_with_correct_and_with_its_kinds_fields() {
        let doer = Correction {
            actors: Some(vec!["houthis".into()]),
            ..Correction::default()
        };
        assert!(
            decision(FactKind::Event, Verdict::Correct, Some(doer.clone()))
                .check()
                .is_ok()
        );
        assert!(
            decision(FactKind::Event, Verdict::Reject, Some(doer.clone()))
                .check()
                .is_err()
        );
        assert!(decision(FactKind::Relation, Verdict::Correct, Some(doer))
            .check()
            .is_err());
        assert!(decision(FactKind::Event, Verdict::Correct, None)
            .check()
            .is_err());
        let nothing = Correction::default();
        assert!(decision(FactKind::Event, Verdict::Correct, Some(nothing))
            .check()
            .is_err());
        let unknown = Correction {
            event_type: Some("PARADE".into()),
            ..Correction::default()
        };
        assert!(decision(FactKind::Event, Verdict::Correct, Some(unknown))
            .check()
            .is_err());
    }

    #[test]
    fn times_are_stored_in_utc_with_milliseconds() {
        assert_eq!(
            normal_time("2026-12-05T13:00:00+03:00").as_deref(),
            Some("2026-12-05T10:00:00.000Z")
        );
        assert_eq!(
            normal_time("2026-12-05T10:00:00.5Z").as_deref(),
            Some("2026-12-05T10:00:00.500Z")
        );
        assert!(normal_time("5 December").is_none());
    }

    #[test]
    fn a_decision_needs_an_analyst_and_a_time() {
        let mut d = decision(FactKind::Event, Verdict::Reject, None);
        assert!(d.check().is_ok());
        d.analyst = "  ".into();
        assert!(d.check().is_err());
        d.analyst = "lina".into();
        d.at = "yesterday".into();
        assert!(d.check().is_err());
    }

    #[test]
    fn the_same_decision_has_the_same_id_and_subjects_differ_by_span() {
        let d = decision(FactKind::Event, Verdict::Reject, None);
        assert_eq!(d.id().unwrap(), d.clone().id().unwrap());
        let mut other = d.clone();
        other.subject.start = 11;
        assert_ne!(d.subject.id(), other.subject.id());
        assert_eq!(
            relation_label("ALLY", "zz", "aa"),
            relation_label("ALLY", "aa", "zz")
        );
        assert_ne!(
            relation_label("LEADS", "zz", "aa"),
            relation_label("LEADS", "aa", "zz")
        );
    }
}
