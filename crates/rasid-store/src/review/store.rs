//! Recording, listing, exporting and importing decisions.

use std::collections::{BTreeSet, HashMap};

use crate::backend::{Backend, Value};
use crate::error::{Result, StoreError};
use crate::Store;

use rasid_model::ArticleRecord;

use super::overlay::{overlap, Overlay};
use super::{
    event_label, normal_time, place_label, relation_label, ArticleReview, Decision,
    DecisionInForce, FactKind, FactRef, FactReview, StoredDecision, Subject, Verdict,
};
use crate::ids::{event_id, relation_id};

impl Store {
    /// The stable identity of a fact of this store.
    pub fn subject_of(&mut self, fact: &FactRef) -> Result<Subject> {
        let missing = |what: String| StoreError::NoFact(what);
        match fact {
            FactRef::Event { id } => {
                let rows = self.db.query(
                    "SELECT d.content_hash, e.span_start, e.span_end, e.event_type, x.actor_id
                     FROM events e JOIN articles a ON a.id = e.article_id
                     JOIN documents d ON d.id = a.document_id
                     LEFT JOIN event_actors x ON x.event_id = e.id AND x.pos = 0
                     WHERE e.id = ?",
                    &[id.into()],
                )?;
                let r = rows.first().ok_or_else(|| missing(format!("event {id}")))?;
                Ok(Subject {
                    kind: FactKind::Event,
                    document: r[0].text("content_hash")?,
                    start: r[1].int("span_start")?,
                    end: r[2].int("span_end")?,
                    label: event_label(
                        &r[3].text("event_type")?,
                        r[4].opt_text("actor_id")?.as_deref(),
                    ),
                })
            }
            FactRef::Relation { id } => {
                let rows = self.db.query(
                    "SELECT d.content_hash, ev.span_start, ev.span_end, r.relation_type, r.a, r.b
                     FROM relations r JOIN articles a ON a.id = r.article_id
                     JOIN documents d ON d.id = a.document_id
                     JOIN relation_evidence ev ON ev.relation_id = r.id
                     WHERE r.id = ? ORDER BY ev.seq LIMIT 1",
                    &[id.into()],
                )?;
                let r = rows
                    .first()
                    .ok_or_else(|| missing(format!("relation {id}")))?;
                Ok(Subject {
                    kind: FactKind::Relation,
                    document: r[0].text("content_hash")?,
                    start: r[1].int("span_start")?,
                    end: r[2].int("span_end")?,
                    label: relation_label(
                        &r[3].text("relation_type")?,
                        &r[4].text("a")?,
                        &r[5].text("b")?,
                    ),
                })
            }
            FactRef::Actor { article, actor } => {
                let (document, start, end) = self.article_span(
                    "SELECT d.content_hash, a.span_start, a.span_end
                     FROM article_actors x JOIN articles a ON a.id = x.article_id
                     JOIN documents d ON d.id = a.document_id
                     WHERE x.article_id = ? AND x.actor_id = ?",
                    &[article.into(), actor.into()],
                    || format!("actor {actor} in article {article}"),
                )?;
                Ok(Subject {
                    kind: FactKind::Actor,
                    document,
                    start,
                    end,
                    label: actor.clone(),
                })
            }
            FactRef::Place { article, name } => {
                let (document, start, end) = self.article_span(
                    "SELECT d.content_hash, a.span_start, a.span_end
                     FROM article_places x JOIN articles a ON a.id = x.article_id
                     JOIN documents d ON d.id = a.document_id
                     WHERE x.article_id = ? AND x.name_ar = ? LIMIT 1",
                    &[article.into(), name.into()],
                    || format!("place {name} in article {article}"),
                )?;
                Ok(Subject {
                    kind: FactKind::Place,
                    document,
                    start,
                    end,
                    label: place_label(name),
                })
            }
        }
    }

    fn article_span(
        &mut self,
        sql: &str,
        params: &[Value],
        what: impl FnOnce() -> String,
    ) -> Result<(String, i64, i64)> {
        let rows = self.db.query(sql, params)?;
        let r = rows.first().ok_or_else(|| StoreError::NoFact(what()))?;
        Ok((
            r[0].text("content_hash")?,
            r[1].int("span_start")?,
            r[2].int("span_end")?,
        ))
    }

    /// Store a decision (checked first); its id. The same decision stored twice is kept
    /// once. The next merge applies it.
    pub fn record_decision(&mut self, d: &Decision) -> Result<String> {
        self.record_decisions(std::slice::from_ref(d))
            .map(|(ids, _)| ids.into_iter().next().unwrap_or_default())
    }

    /// Store decisions in one transaction, every one checked first (one bad decision
    /// stores none): their ids and how many were new.
    pub fn record_decisions(&mut self, ds: &[Decision]) -> Result<(Vec<String>, usize)> {
        let mut ids = Vec::with_capacity(ds.len());
        let mut normal = Vec::with_capacity(ds.len());
        for (n, d) in ds.iter().enumerate() {
            d.check().map_err(|e| match e {
                StoreError::BadReview(msg) if ds.len() > 1 => {
                    StoreError::BadReview(format!("decision {}: {msg}", n + 1))
                }
                other => other,
            })?;
            // one form of time for every decision: their order is their strings' order
            let mut d = d.clone();
            d.at = normal_time(&d.at).unwrap_or(d.at);
            d.analyst = d.analyst.trim().to_string();
            ids.push(d.id()?);
            normal.push(d);
        }
        let added = self.retrying(|db| {
            let mut added = 0;
            for (d, id) in normal.iter().zip(&ids) {
                added += insert(db, id, d)?;
            }
            // the articles of each document decided on wait for the merge, which regroups
            // what their facts were and now are merged into
            let documents: BTreeSet<&str> =
                normal.iter().map(|d| d.subject.document.as_str()).collect();
            for document in documents {
                db.exec(
                    "INSERT INTO merge_pending (article_id)
                     SELECT a.id FROM articles a JOIN documents d ON d.id = a.document_id
                     WHERE d.content_hash = ? ON CONFLICT DO NOTHING",
                    &[document.into()],
                )?;
            }
            Ok(added)
        })?;
        Ok((ids, added))
    }

    /// Every stored decision, oldest first (`all`), or only those in force (the latest on
    /// each subject); each says whether its fact is still extracted in this store.
    pub fn decisions(&mut self, all: bool) -> Result<Vec<StoredDecision>> {
        self.decisions_where("", &[], all)
    }

    /// One stored decision by id, with whether it is in force and its fact still
    /// extracted; `None` when no decision has that id.
    pub fn decision(&mut self, id: &str) -> Result<Option<StoredDecision>> {
        Ok(self
            .decisions_where(
                "WHERE subject_id IN (SELECT subject_id FROM reviews WHERE id = ?)",
                &[id.into()],
                true,
            )?
            .into_iter()
            .find(|d| d.id == id))
    }

    fn decisions_where(
        &mut self,
        clause: &str,
        params: &[Value],
        all: bool,
    ) -> Result<Vec<StoredDecision>> {
        let rows = self.db.query(
            &format!(
                "SELECT id, subject_id, kind, document, span_start, span_end, label, verdict,
                    correction, analyst, note, decided_at
                 FROM reviews {clause} ORDER BY subject_id, decided_at, id"
            ),
            params,
        )?;
        let mut out: Vec<StoredDecision> = Vec::with_capacity(rows.len());
        for r in &rows {
            let kind = r[2].text("reviews.kind")?;
            let verdict = r[7].text("reviews.verdict")?;
            let (Some(kind), Some(verdict)) = (FactKind::parse(&kind), Verdict::parse(&verdict))
            else {
                return Err(StoreError::BadReview(format!(
                    "stored decision {} has an unknown kind or verdict ({kind}, {verdict})",
                    r[0].text("reviews.id")?
                )));
            };
            let correction = match r[8].opt_text("reviews.correction")? {
                Some(json) => Some(serde_json::from_str(&json)?),
                None => None,
            };
            let subject_id = r[1].text("reviews.subject_id")?;
            if let Some(prev) = out.last_mut() {
                if prev.subject_id == subject_id {
                    prev.current = false;
                }
            }
            out.push(StoredDecision {
                id: r[0].text("reviews.id")?,
                subject_id,
                decision: Decision {
                    subject: Subject {
                        kind,
                        document: r[3].text("reviews.document")?,
                        start: r[4].int("reviews.span_start")?,
                        end: r[5].int("reviews.span_end")?,
                        label: r[6].text("reviews.label")?,
                    },
                    verdict,
                    correction,
                    analyst: r[9].text("reviews.analyst")?,
                    note: r[10].opt_text("reviews.note")?,
                    at: r[11].text("reviews.decided_at")?,
                },
                applies: false,
                current: true,
            });
        }
        if !all {
            out.retain(|d| d.current);
        }
        let facts = facts_of_documents(
            self.db.as_mut(),
            out.iter().map(|d| d.decision.subject.document.as_str()),
        )?;
        for d in &mut out {
            let s = &d.decision.subject;
            d.applies = facts
                .get(&(s.kind, s.document.clone(), s.label.clone()))
                .is_some_and(|spans| spans.iter().any(|&sp| overlap((s.start, s.end), sp) > 0));
        }
        out.sort_by(|a, b| (&a.decision.at, &a.id).cmp(&(&b.decision.at, &b.id)));
        Ok(out)
    }
}

fn insert(db: &mut dyn Backend, id: &str, d: &Decision) -> Result<usize> {
    let correction = match &d.correction {
        Some(c) => Some(serde_json::to_string(c)?),
        None => None,
    };
    let s = &d.subject;
    let n = db.exec(
        "INSERT INTO reviews (id, subject_id, kind, document, span_start, span_end, label,
            verdict, correction, analyst, note, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        &[
            id.into(),
            s.id().into(),
            s.kind.as_str().into(),
            s.document.as_str().into(),
            Value::Int(s.start),
            Value::Int(s.end),
            s.label.as_str().into(),
            d.verdict.as_str().into(),
            correction.into(),
            d.analyst.trim().into(),
            d.note.clone().into(),
            d.at.as_str().into(),
        ],
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The review marks of one article's facts (`record`, stored at `span` of the document
/// with content hash `document`).
pub(crate) fn article_review(
    db: &mut dyn Backend,
    article: &str,
    document: &str,
    span: (i64, i64),
    record: &ArticleRecord,
) -> Result<ArticleReview> {
    let overlay = Overlay::load_for_document(db, document)?;
    let status = |d: Option<&super::overlay::InForce>| d.map(|d| d.verdict.status().to_string());
    let decision = |d: Option<&super::overlay::InForce>| {
        d.map(|d| DecisionInForce {
            verdict: d.verdict,
            correction: d.correction.clone(),
            analyst: d.analyst.clone(),
            at: d.at.clone(),
        })
    };
    let at = |e: &rasid_model::Evidence| (to_i64(e.start), to_i64(e.end));
    Ok(ArticleReview {
        events: record
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let label = event_label(&e.kind, e.actors.first().map(String::as_str));
                let d = overlay.find(FactKind::Event, document, &label, at(&e.evidence));
                FactReview {
                    fact: FactRef::Event {
                        id: event_id(article, i),
                    },
                    status: status(d),
                    decision: decision(d),
                }
            })
            .collect(),
        relations: record
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let spans: Vec<(i64, i64)> = r.evidence.iter().map(at).collect();
                let label = relation_label(&r.kind, &r.a, &r.b);
                let d = overlay.find_any(FactKind::Relation, document, &label, &spans);
                FactReview {
                    fact: FactRef::Relation {
                        id: relation_id(article, i),
                    },
                    status: status(d),
                    decision: decision(d),
                }
            })
            .collect(),
        actors: record
            .actors
            .iter()
            .map(|a| {
                let d = overlay.find(FactKind::Actor, document, &a.id, span);
                FactReview {
                    fact: FactRef::Actor {
                        article: article.to_string(),
                        actor: a.id.clone(),
                    },
                    status: status(d),
                    decision: decision(d),
                }
            })
            .collect(),
        places: record
            .places
            .iter()
            .map(|p| {
                let d = overlay.find(FactKind::Place, document, &place_label(&p.name_ar), span);
                FactReview {
                    fact: FactRef::Place {
                        article: article.to_string(),
                        name: p.name_ar.clone(),
                    },
                    status: status(d),
                    decision: decision(d),
                }
            })
            .collect(),
    })
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

type FactSpans = HashMap<(FactKind, String, String), Vec<(i64, i64)>>;

/// Every fact of the documents with these content hashes, as (kind, document, label) →
/// spans: what a decision is matched against.
fn facts_of_documents<'a>(
    db: &mut dyn Backend,
    documents: impl Iterator<Item = &'a str>,
) -> Result<FactSpans> {
    // per kind: the rows (content hash, span start, span end, the label's parts)
    const FACTS: [(FactKind, &str); 4] = [
        (
            FactKind::Event,
            "SELECT d.content_hash, e.span_start, e.span_end, e.event_type, x.actor_id
             FROM events e JOIN articles a ON a.id = e.article_id
             JOIN documents d ON d.id = a.document_id
             LEFT JOIN event_actors x ON x.event_id = e.id AND x.pos = 0",
        ),
        (
            FactKind::Relation,
            "SELECT d.content_hash, ev.span_start, ev.span_end, r.relation_type, r.a, r.b
             FROM relations r JOIN relation_evidence ev ON ev.relation_id = r.id
             JOIN articles a ON a.id = r.article_id JOIN documents d ON d.id = a.document_id",
        ),
        (
            FactKind::Actor,
            "SELECT d.content_hash, a.span_start, a.span_end, x.actor_id
             FROM article_actors x JOIN articles a ON a.id = x.article_id
             JOIN documents d ON d.id = a.document_id",
        ),
        (
            FactKind::Place,
            "SELECT d.content_hash, a.span_start, a.span_end, x.name_ar
             FROM article_places x JOIN articles a ON a.id = x.article_id
             JOIN documents d ON d.id = a.document_id",
        ),
    ];
    let hashes: BTreeSet<&str> = documents.collect();
    let hashes: Vec<&str> = hashes.into_iter().collect();
    let mut out: FactSpans = HashMap::new();
    for chunk in hashes.chunks(200) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let params: Vec<Value> = chunk.iter().map(|h| Value::from(*h)).collect();
        for (kind, select) in FACTS {
            let sql = format!("{select} WHERE d.content_hash IN ({marks})");
            for r in db.query(&sql, &params)? {
                let label = match kind {
                    FactKind::Event => {
                        event_label(&r[3].text("type")?, r[4].opt_text("doer")?.as_deref())
                    }
                    FactKind::Relation => {
                        relation_label(&r[3].text("type")?, &r[4].text("a")?, &r[5].text("b")?)
                    }
                    FactKind::Actor => r[3].text("actor")?,
                    FactKind::Place => place_label(&r[3].text("name")?),
                };
                out.entry((kind, r[0].text("hash")?, label))
                    .or_default()
                    .push((r[1].int("start")?, r[2].int("end")?));
            }
        }
    }
    Ok(out)
}
