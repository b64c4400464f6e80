//! The decisions in force, and the one rule that finds a fact's decision: same kind, same
//! document (content hash), same label, and a span that overlaps the decision's — the
//! largest overlap wins. A re-extraction that moves a sentence boundary or re-segments an
//! article still finds its decision; a different fact of the same sentence (another type,
//! another pair) does not.

use std::collections::HashMap;

use crate::backend::{Backend, Value};
use crate::error::Result;

use super::{Correction, FactKind, Verdict};

/// One decision in force: its span and what it says.
#[derive(Debug, Clone)]
pub(crate) struct InForce {
    pub start: i64,
    pub end: i64,
    pub verdict: Verdict,
    pub correction: Option<Correction>,
    /// Who decided, and when.
    pub analyst: String,
    pub at: String,
}

/// The latest decision on each subject, by (kind, document, label).
#[derive(Debug, Default)]
pub(crate) struct Overlay {
    in_force: HashMap<(FactKind, String, String), Vec<InForce>>,
}

/// Chars two spans share.
pub(crate) fn overlap(a: (i64, i64), b: (i64, i64)) -> i64 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0)
}

impl Overlay {
    /// The decisions in force in the store (the latest per subject; ties by id).
    pub(crate) fn load(db: &mut dyn Backend) -> Result<Self> {
        Self::load_where(db, "", &[])
    }

    /// The decisions in force on the facts of one document (by content hash).
    pub(crate) fn load_for_document(db: &mut dyn Backend, document: &str) -> Result<Self> {
        Self::load_where(db, "WHERE document = ?", &[document.into()])
    }

    fn load_where(db: &mut dyn Backend, clause: &str, params: &[Value]) -> Result<Self> {
        let rows = db.query(
            &format!(
                "SELECT subject_id, kind, document, span_start, span_end, label, verdict,
                    correction, analyst, decided_at
                 FROM reviews {clause} ORDER BY subject_id, decided_at, id"
            ),
            params,
        )?;
        let mut latest: HashMap<String, (FactKind, String, String, InForce)> = HashMap::new();
        for r in &rows {
            let kind = r[1].text("reviews.kind")?;
            let verdict = r[6].text("reviews.verdict")?;
            let (Some(kind), Some(verdict)) = (FactKind::parse(&kind), Verdict::parse(&verdict))
            else {
                // written by a newer rasid: not this build's to apply
                continue;
            };
            let correction = match r[7].opt_text("reviews.correction")? {
                Some(json) => Some(serde_json::from_str(&json)?),
                None => None,
            };
            latest.insert(
                r[0].text("reviews.subject_id")?,
                (
                    kind,
                    r[2].text("reviews.document")?,
                    r[5].text("reviews.label")?,
                    InForce {
                        start: r[3].int("reviews.span_start")?,
                        end: r[4].int("reviews.span_end")?,
                        verdict,
                        correction,
                        analyst: r[8].text("reviews.analyst")?,
                        at: r[9].text("reviews.decided_at")?,
                    },
                ),
            );
        }
        let mut in_force: HashMap<_, Vec<InForce>> = HashMap::new();
        for (_, (kind, document, label, d)) in latest {
            in_force.entry((kind, document, label)).or_default().push(d);
        }
        for list in in_force.values_mut() {
            list.sort_by_key(|d| (d.start, d.end));
        }
        Ok(Self { in_force })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.in_force.is_empty()
    }

    /// The decision in force on the fact of `kind` labelled `label` in `document` at
    /// `span`, if any.
    pub(crate) fn find(
        &self,
        kind: FactKind,
        document: &str,
        label: &str,
        span: (i64, i64),
    ) -> Option<&InForce> {
        self.in_force
            .get(&(kind, document.to_string(), label.to_string()))?
            .iter()
            .map(|d| (overlap((d.start, d.end), span), d))
            .filter(|(o, _)| *o > 0)
            .max_by_key(|(o, _)| *o)
            .map(|(_, d)| d)
    }

    /// The decision in force on a fact stated in several sentences (a relation's
    /// evidence): the first span that has one.
    pub(crate) fn find_any(
        &self,
        kind: FactKind,
        document: &str,
        label: &str,
        spans: &[(i64, i64)],
    ) -> Option<&InForce> {
        spans
            .iter()
            .find_map(|&s| self.find(kind, document, label, s))
    }

    /// What the decisions on the actors of an article make of `id`: the id to keep (itself
    /// or the corrected one) and whether a decision changed it; `None` when the link is
    /// rejected.
    pub(crate) fn actor(
        &self,
        document: &str,
        article: (i64, i64),
        id: &str,
    ) -> Option<(String, bool)> {
        match self.find(FactKind::Actor, document, id, article) {
            Some(d) if d.verdict == Verdict::Reject => None,
            Some(InForce {
                verdict: Verdict::Correct,
                correction:
                    Some(Correction {
                        actor: Some(to), ..
                    }),
                ..
            }) => Some((to.clone(), true)),
            _ => Some((id.to_string(), false)),
        }
    }

    /// Whether the place `name` of an article is rejected.
    pub(crate) fn place_rejected(&self, document: &str, article: (i64, i64), name: &str) -> bool {
        self.find(
            FactKind::Place,
            document,
            &super::place_label(name),
            article,
        )
        .is_some_and(|d| d.verdict == Verdict::Reject)
    }
}

/// The fields of one report of an event that decisions may change.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventFacts {
    pub event_type: String,
    /// Its doers, the initiator first.
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub place: Option<String>,
    pub place_id: Option<String>,
}

/// One relation as decisions see it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RelationFacts {
    pub relation_type: String,
    pub a: String,
    pub b: String,
}

impl Overlay {
    /// What the decisions in force make of a report of an event at `span` in the article
    /// at `article` of `document`: `None` when the report is rejected; else its fields
    /// (corrected; actors whose link is rejected dropped, corrected ones replaced; a
    /// rejected place removed) and its mark (`confirmed`, `corrected` or none).
    pub(crate) fn review_event(
        &self,
        document: &str,
        article: (i64, i64),
        span: (i64, i64),
        mut facts: EventFacts,
    ) -> Option<(EventFacts, Option<&'static str>)> {
        if self.is_empty() {
            return Some((facts, None));
        }
        let mut mark = None;
        let label = super::event_label(&facts.event_type, facts.actors.first().map(String::as_str));
        match self.find(FactKind::Event, document, &label, span) {
            Some(d) if d.verdict == Verdict::Reject => return None,
            Some(d) => {
                mark = Some(d.verdict.status());
                if let Some(c) = &d.correction {
                    apply_event_correction(&mut facts, c);
                }
            }
            None => {}
        }
        let before = (
            facts.actors.clone(),
            facts.targets.clone(),
            facts.place.clone(),
        );
        facts.actors = self.linked_actors(document, article, &facts.actors);
        facts.targets = self.linked_actors(document, article, &facts.targets);
        if facts
            .place
            .as_deref()
            .is_some_and(|p| self.place_rejected(document, article, p))
        {
            facts.place = None;
            facts.place_id = None;
        }
        if before
            != (
                facts.actors.clone(),
                facts.targets.clone(),
                facts.place.clone(),
            )
        {
            mark = Some(Verdict::Correct.status());
        }
        Some((facts, mark))
    }

    /// A relation under the decisions in force: `None` when it or the link of one of its
    /// actors is rejected; else it (corrected) and its mark.
    pub(crate) fn review_relation(
        &self,
        document: &str,
        article: (i64, i64),
        evidence: &[(i64, i64)],
        mut facts: RelationFacts,
    ) -> Option<(RelationFacts, Option<&'static str>)> {
        if self.is_empty() {
            return Some((facts, None));
        }
        let label = super::relation_label(&facts.relation_type, &facts.a, &facts.b);
        let mut mark = None;
        match self.find_any(FactKind::Relation, document, &label, evidence) {
            Some(d) if d.verdict == Verdict::Reject => return None,
            Some(d) => {
                mark = Some(d.verdict.status());
                if let Some(t) = d.correction.as_ref().and_then(|c| c.relation_type.clone()) {
                    facts.relation_type = t;
                }
            }
            None => {}
        }
        let (a, a_changed) = self.actor(document, article, &facts.a)?;
        let (b, b_changed) = self.actor(document, article, &facts.b)?;
        if a_changed || b_changed {
            mark = Some(Verdict::Correct.status());
        }
        if a == b {
            return None;
        }
        facts.a = a;
        facts.b = b;
        Some((facts, mark))
    }

    /// `ids` with rejected links dropped and corrected ones replaced (no id twice).
    fn linked_actors(&self, document: &str, article: (i64, i64), ids: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some((kept, _)) = self.actor(document, article, id) {
                if !out.contains(&kept) {
                    out.push(kept);
                }
            }
        }
        out
    }
}

fn apply_event_correction(facts: &mut EventFacts, c: &Correction) {
    if let Some(t) = &c.event_type {
        facts.event_type = t.clone();
    }
    if let Some(a) = &c.actors {
        facts.actors = a.clone();
        // a corrected doer is no longer among those acted on
        facts.targets.retain(|t| !a.contains(t));
    }
    if let Some(t) = &c.targets {
        facts.targets = t.clone();
    }
    if let Some(p) = &c.place {
        facts.place = Some(p.clone());
        facts.place_id = None;
    }
}

/// How a merged fact is marked from the marks of what it merges: corrected if any part
/// was corrected, else confirmed if any was confirmed.
pub(crate) fn combined_mark<'a>(
    marks: impl IntoIterator<Item = Option<&'a str>>,
) -> Option<&'a str> {
    let mut out = None;
    for m in marks.into_iter().flatten() {
        if m == Verdict::Correct.status() {
            return Some(m);
        }
        out = Some(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlay(list: Vec<(FactKind, &str, InForce)>) -> Overlay {
        let mut o = Overlay::default();
        for (k, label, d) in list {
            o.in_force
                .entry((k, "doc".into(), label.into()))
                .or_default()
                .push(d);
        }
        o
    }

    fn reject(start: i64, end: i64) -> InForce {
        InForce {
            start,
            end,
            verdict: Verdict::Reject,
            correction: None,
            analyst: "lina".into(),
            at: "2026-12-05T10:00:00.000Z".into(),
        }
    }

    #[test]
    fn a_decision_finds_its_fact_when_the_span_moves_but_not_another_fact() {
        let o = overlay(vec![(FactKind::Event, "ATTACK", reject(100, 180))]);
        assert!(o
            .find(FactKind::Event, "doc", "ATTACK", (100, 180))
            .is_some());
        // the sentence re-cut a few chars later
        assert!(o
            .find(FactKind::Event, "doc", "ATTACK", (104, 190))
            .is_some());
        // another sentence, another type, another document
        assert!(o
            .find(FactKind::Event, "doc", "ATTACK", (180, 260))
            .is_none());
        assert!(o
            .find(FactKind::Event, "doc", "ARREST", (100, 180))
            .is_none());
        assert!(o
            .find(FactKind::Event, "other", "ATTACK", (100, 180))
            .is_none());
    }

    #[test]
    fn the_largest_overlap_wins() {
        let confirm = InForce {
            verdict: Verdict::Confirm,
            ..reject(150, 300)
        };
        let o = overlay(vec![
            (FactKind::Event, "ATTACK", reject(100, 160)),
            (FactKind::Event, "ATTACK", confirm),
        ]);
        let d = o
            .find(FactKind::Event, "doc", "ATTACK", (150, 290))
            .unwrap();
        assert_eq!(d.verdict, Verdict::Confirm);
    }

    #[test]
    fn actor_links_are_kept_corrected_or_dropped() {
        let to = InForce {
            verdict: Verdict::Correct,
            correction: Some(Correction {
                actor: Some("yemen_army".into()),
                ..Correction::default()
            }),
            ..reject(0, 500)
        };
        let o = overlay(vec![
            (FactKind::Actor, "aqap", reject(0, 500)),
            (FactKind::Actor, "saudi_security", to),
        ]);
        assert_eq!(o.actor("doc", (0, 500), "aqap"), None);
        assert_eq!(
            o.actor("doc", (0, 500), "saudi_security"),
            Some(("yemen_army".into(), true))
        );
        assert_eq!(
            o.actor("doc", (0, 500), "houthis"),
            Some(("houthis".into(), false))
        );
        // another article of the same document
        assert_eq!(
            o.actor("doc", (600, 900), "aqap"),
            Some(("aqap".into(), false))
        );
    }

    #[test]
    fn a_correction_outweighs_a_confirmation() {
        assert_eq!(
            combined_mark([None, Some("confirmed"), Some("corrected")]),
            Some("corrected")
        );
        assert_eq!(combined_mark([None, Some("confirmed")]), Some("confirmed"));
        assert_eq!(combined_mark([None, None]), None);
    }
}
