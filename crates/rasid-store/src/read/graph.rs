//! Relation edges (the merge's actor-pair view) with the sentences that support them, and
//! the relation graph: `rasid query relations`, export, an actor's relations,
//! `/api/graph`.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::actors::ActorName;
use super::in_chunks;
use crate::backend::Value;
use crate::error::Result;
use crate::Store;

/// A relation between two actors, merged over every article that states it (an edge of
/// the relation graph; OpenAPI name `GraphEdge`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = GraphEdge))]
pub struct Edge {
    /// Stable id (relation type and actor pair).
    pub id: String,
    /// Actor id of one end; for a directed type the subject: the branch of AFFILIATE, the
    /// leader of LEADS, the member of MEMBER, the mediator of MEDIATE, and for DEFECT the
    /// group its members left (`b` is the one they joined).
    pub a: String,
    /// Actor id of the other end.
    pub b: String,
    /// ALLY, HOSTILE, DEFECT …
    pub relation_type: String,
    /// Publication date of the first article stating it.
    pub first_seen: Option<String>,
    /// Publication date of the last article stating it.
    pub last_seen: Option<String>,
    /// Distinct articles stating it (copies counted once).
    pub weight: i64,
    /// Articles stating it.
    pub n_articles: i64,
    /// Distinct sources stating it.
    pub n_sources: i64,
    /// How likely the relation holds, 0–1: a noisy-or over the articles stating it that
    /// have a confidence, `1 − Π(1 − cᵢ)`; none when none has one.
    pub confidence: Option<f64>,
    /// `confirmed` or `corrected` when an analyst confirmed or corrected one of the
    /// relations it merges (a correction wins); absent: as extracted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
}

/// A sentence supporting a relation edge, with where it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EdgeEvidence {
    pub text: String,
    /// Char offset in the document where the sentence starts.
    pub start: i64,
    /// Char offset in the document where the sentence ends (exclusive).
    pub end: i64,
    /// The rule that read the relation.
    pub rule: String,
    /// The per-article relation's id.
    pub relation: String,
    /// The article's id.
    pub article: String,
    /// The id of the article's document.
    pub document: String,
    /// The document's source (input file name or record id).
    pub source: String,
    /// The article's publication date.
    pub published: Option<String>,
    /// The article's publishing agency or site, if stated.
    #[serde(default)]
    pub outlet: Option<String>,
    /// `confirmed` or `corrected` when an analyst reviewed this article's relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
}

record_type!(
    /// `"edge"`.
    EdgeType = "edge"
);

/// An edge with every sentence that supports it (a line of export, `rasid query
/// relations`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EdgeWithEvidence {
    #[serde(rename = "type")]
    pub record_type: EdgeType,
    #[serde(flatten)]
    pub edge: Edge,
    /// Ordered by relation id, then sentence.
    pub evidence: Vec<EdgeEvidence>,
}

/// Which end of an edge an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The actor is the edge's `a`.
    Out,
    /// The actor is the edge's `b`.
    In,
}

/// One relation edge of an actor, seen from that actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorRelation {
    /// The edge's id.
    pub edge: String,
    pub relation_type: String,
    /// The other actor.
    pub other: String,
    pub other_name_ar: Option<String>,
    pub other_name_en: Option<String>,
    /// `out` when this actor is the edge's `a` (for DEFECT, AFFILIATE, LEADS, MEMBER the
    /// direction matters), `in` otherwise.
    pub direction: Direction,
    pub weight: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub n_articles: i64,
    pub n_sources: i64,
    /// The edge's confidence, 0–1 (see `GraphEdge`).
    pub confidence: Option<f64>,
    /// All evidence sentences of the edge; `evidence` holds the first 20.
    pub n_evidence: usize,
    pub evidence: Vec<EdgeEvidence>,
}

/// A node of the relation graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GraphNode {
    pub id: String,
    /// The actor's name; its id when the store has no actor of that id.
    pub name_ar: String,
    pub name_en: Option<String>,
    /// The actor's kind; `unknown` when the store has no actor of that id.
    pub kind: String,
}

/// The relation graph: edges (evidence: `/api/actors/{id}`) and the actors they join.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Graph {
    /// Ordered by id.
    pub nodes: Vec<GraphNode>,
    /// Ordered by id.
    pub edges: Vec<Edge>,
}

/// Which edges an export reads; `None` fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct EdgeFilter {
    /// Only edges touching this actor id.
    pub actor: Option<String>,
    /// Only edges at least this likely (an edge with no confidence passes).
    pub min_confidence: Option<f64>,
    /// YYYY, YYYY-MM or YYYY-MM-DD: only edges last seen on or after it.
    pub from: Option<String>,
    /// Only edges first seen on or before it.
    pub to: Option<String>,
}

impl Store {
    /// One page of the edges passing `f` in id order: at most `size`, those with an id
    /// after `after`; with their evidence when `evidence` is set. Reading page by page
    /// holds one page in memory at a time.
    pub fn edges_page(
        &mut self,
        f: &EdgeFilter,
        after: Option<&str>,
        size: usize,
        evidence: bool,
    ) -> Result<Vec<EdgeWithEvidence>> {
        let mut clause = String::from("WHERE 1 = 1");
        let mut params: Vec<Value> = Vec::new();
        confidence_clause(&mut clause, &mut params, f.min_confidence);
        if let Some(a) = &f.actor {
            clause.push_str(" AND (a = ? OR b = ?)");
            params.push(a.into());
            params.push(a.into());
        }
        if let Some(from) = &f.from {
            clause.push_str(" AND last_seen >= ?");
            params.push(from.into());
        }
        if let Some(to) = &f.to {
            clause.push_str(" AND first_seen <= ?");
            params.push(super::events::last_day(to).into());
        }
        if let Some(id) = after {
            clause.push_str(" AND id > ?");
            params.push(id.into());
        }
        let edges = self.edges(&clause, &params, Some(size))?;
        if evidence {
            self.with_evidence(edges)
        } else {
            Ok(edges
                .into_iter()
                .map(|edge| EdgeWithEvidence {
                    record_type: EdgeType::Tag,
                    edge,
                    evidence: Vec::new(),
                })
                .collect())
        }
    }

    /// Read the edges passing `f` in id order, [`super::events::PAGE`] at a time (with
    /// their evidence when `evidence` is set), and hand each page to `each` with the store.
    /// Memory holds one page. Returns how many edges it read.
    pub fn each_edges_page<E: From<crate::StoreError>>(
        &mut self,
        f: &EdgeFilter,
        evidence: bool,
        mut each: impl FnMut(&mut Store, Vec<EdgeWithEvidence>) -> std::result::Result<(), E>,
    ) -> std::result::Result<usize, E> {
        let size = super::events::PAGE;
        let mut after: Option<String> = None;
        let mut n = 0;
        loop {
            let page = self.edges_page(f, after.as_deref(), size, evidence)?;
            let full = page.len() == size;
            after = page.last().map(|e| e.edge.id.clone());
            n += page.len();
            each(self, page)?;
            if !full {
                return Ok(n);
            }
        }
    }

    /// An actor's relation edges, heaviest first (then by id), each with every sentence
    /// that supports it; with `min_confidence`, only edges at least that likely (an edge
    /// with no confidence passes).
    pub fn relations(
        &mut self,
        actor: &str,
        min_confidence: Option<f64>,
    ) -> Result<Vec<EdgeWithEvidence>> {
        let mut clause = String::from("WHERE (a = ? OR b = ?)");
        let mut params: Vec<Value> = vec![actor.into(), actor.into()];
        confidence_clause(&mut clause, &mut params, min_confidence);
        let edges = self.edges(&clause, &params, None)?;
        let mut edges = self.with_evidence(edges)?;
        edges.sort_by(|x, y| {
            y.edge
                .weight
                .cmp(&x.edge.weight)
                .then_with(|| x.edge.id.cmp(&y.edge.id))
        });
        Ok(edges)
    }

    /// The relation graph without evidence: edges (optionally only those touching
    /// `actor`, of the given types, of at least `min_weight`, at least `min_confidence`
    /// likely — an edge with no confidence passes) and the actors they join (and
    /// `actor`).
    pub fn graph(
        &mut self,
        actor: Option<&str>,
        types: &[String],
        min_weight: i64,
        min_confidence: Option<f64>,
    ) -> Result<Graph> {
        let mut clause = String::from("WHERE weight >= ?");
        let mut params: Vec<Value> = vec![min_weight.into()];
        confidence_clause(&mut clause, &mut params, min_confidence);
        if let Some(a) = actor {
            clause.push_str(" AND (a = ? OR b = ?)");
            params.push(a.into());
            params.push(a.into());
        }
        if !types.is_empty() {
            clause.push_str(&format!(
                " AND relation_type IN ({})",
                vec!["?"; types.len()].join(", ")
            ));
            params.extend(types.iter().map(Value::from));
        }
        let edges = self.edges(&clause, &params, None)?;
        let mut ids: Vec<String> = edges
            .iter()
            .flat_map(|e| [e.a.clone(), e.b.clone()])
            .chain(actor.map(str::to_string))
            .collect();
        ids.sort();
        ids.dedup();
        let mut names = self.actor_names(&ids)?;
        let nodes = ids
            .into_iter()
            .map(|id| match names.remove(&id) {
                Some(n) => GraphNode {
                    id,
                    name_ar: n.name_ar,
                    name_en: n.name_en,
                    kind: n.kind,
                },
                None => GraphNode {
                    name_ar: id.clone(),
                    id,
                    name_en: None,
                    kind: "unknown".into(),
                },
            })
            .collect();
        Ok(Graph { nodes, edges })
    }

    /// The edges selected by `clause` (a `WHERE …` over `edges`), ordered by id, the first
    /// `limit` if given.
    fn edges(&mut self, clause: &str, params: &[Value], limit: Option<usize>) -> Result<Vec<Edge>> {
        let order = match limit {
            Some(l) => format!(" ORDER BY id LIMIT {l}"),
            None => " ORDER BY id".to_string(),
        };
        let rows = self.db.query(
            &format!(
                "SELECT id, a, b, relation_type, first_seen, last_seen, weight, n_articles, n_sources,
                    confidence, review
                 FROM edges {clause}{order}"
            ),
            params,
        )?;
        rows.iter()
            .map(|r| {
                Ok(Edge {
                    id: r[0].text("id")?,
                    a: r[1].text("a")?,
                    b: r[2].text("b")?,
                    relation_type: r[3].text("relation_type")?,
                    first_seen: r[4].opt_text("first_seen")?,
                    last_seen: r[5].opt_text("last_seen")?,
                    weight: r[6].int("weight")?,
                    n_articles: r[7].int("n_articles")?,
                    n_sources: r[8].int("n_sources")?,
                    confidence: r[9].opt_real("confidence")?,
                    review: r[10].opt_text("review")?,
                })
            })
            .collect()
    }

    /// `edges` with their evidence, read 200 edges at a time.
    fn with_evidence(&mut self, edges: Vec<Edge>) -> Result<Vec<EdgeWithEvidence>> {
        let ids: Vec<String> = edges.iter().map(|e| e.id.clone()).collect();
        let mut evidence: HashMap<String, Vec<EdgeEvidence>> = HashMap::new();
        for (marks, params) in in_chunks(&ids) {
            for x in self.db.query(
                &format!(
                    "SELECT em.edge_id, rv.text, rv.span_start, rv.span_end, rv.rule, r.id,
                        r.article_id, a.document_id, d.source, a.published, a.outlet, em.review
                     FROM edge_members em
                     JOIN relations r ON r.id = em.relation_id
                     JOIN relation_evidence rv ON rv.relation_id = r.id
                     JOIN articles a ON a.id = r.article_id
                     JOIN documents d ON d.id = a.document_id
                     WHERE em.edge_id IN ({marks}) ORDER BY em.edge_id, r.id, rv.seq"
                ),
                &params,
            )? {
                evidence
                    .entry(x[0].text("edge_id")?)
                    .or_default()
                    .push(EdgeEvidence {
                        text: x[1].text("text")?,
                        start: x[2].int("span_start")?,
                        end: x[3].int("span_end")?,
                        rule: x[4].text("rule")?,
                        relation: x[5].text("relation id")?,
                        article: x[6].text("article_id")?,
                        document: x[7].text("document_id")?,
                        source: x[8].text("source")?,
                        published: x[9].opt_text("published")?,
                        outlet: x[10].opt_text("outlet")?,
                        review: x[11].opt_text("review")?,
                    });
            }
        }
        Ok(edges
            .into_iter()
            .map(|edge| EdgeWithEvidence {
                record_type: EdgeType::Tag,
                evidence: evidence.remove(&edge.id).unwrap_or_default(),
                edge,
            })
            .collect())
    }
}

/// Adds "at least `min` likely, or no confidence" to a `WHERE` clause over `edges`.
fn confidence_clause(clause: &mut String, params: &mut Vec<Value>, min: Option<f64>) {
    if let Some(c) = min {
        clause.push_str(" AND (confidence IS NULL OR confidence >= ?)");
        params.push(c.into());
    }
}

impl EdgeWithEvidence {
    /// This edge seen from `actor` (one of its ends), with the other end's names from
    /// `names` and at most `evidence` sentences (`n_evidence` counts them all).
    pub fn seen_from(
        self,
        actor: &str,
        names: &BTreeMap<String, ActorName>,
        evidence: usize,
    ) -> ActorRelation {
        let e = self.edge;
        let (other, direction) = if e.a == actor {
            (e.b, Direction::Out)
        } else {
            (e.a, Direction::In)
        };
        let other_name = names.get(&other);
        ActorRelation {
            edge: e.id,
            relation_type: e.relation_type,
            other_name_ar: other_name.map(|n| n.name_ar.clone()),
            other_name_en: other_name.and_then(|n| n.name_en.clone()),
            other,
            direction,
            weight: e.weight,
            first_seen: e.first_seen,
            last_seen: e.last_seen,
            n_articles: e.n_articles,
            n_sources: e.n_sources,
            confidence: e.confidence,
            n_evidence: self.evidence.len(),
            evidence: self.evidence.into_iter().take(evidence).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile(evidence: usize) -> EdgeWithEvidence {
        EdgeWithEvidence {
            record_type: EdgeType::Tag,
            edge: Edge {
                id: "edge-1".into(),
                a: "houthis".into(),
                b: "yemen_army".into(),
                relation_type: "HOSTILE".into(),
                first_seen: Some("2024-05-02".into()),
                last_seen: Some("2024-09-20".into()),
                weight: 2,
                n_articles: 2,
                n_sources: 2,
                confidence: Some(0.75),
                review: None,
            },
            evidence: (0..evidence)
                .map(|i| EdgeEvidence {
                    text: "اندلعت اشتباكات بين قوات الجيش والحوثيين في صرواح".into(),
                    start: 10 * i as i64,
                    end: 10 * i as i64 + 50,
                    rule: "relation.clash".into(),
                    relation: format!("relation-{i}"),
                    article: format!("article-{i}"),
                    document: "document".into(),
                    source: "m-1".into(),
                    published: Some("2024-05-02".into()),
                    outlet: Some("المرصد اليمني".into()),
                    review: None,
                })
                .collect(),
        }
    }

    #[test]
    fn an_edge_seen_from_either_end() {
        let names = BTreeMap::from([(
            "yemen_army".to_string(),
            ActorName {
                name_ar: "الجيش اليمني".into(),
                name_en: Some("Yemeni Army".into()),
                kind: "state_force".into(),
            },
        )]);
        let r = hostile(3).seen_from("houthis", &names, 2);
        assert_eq!(
            (r.other.as_str(), r.direction),
            ("yemen_army", Direction::Out)
        );
        assert_eq!(r.other_name_ar.as_deref(), Some("الجيش اليمني"));
        assert_eq!((r.n_evidence, r.evidence.len()), (3, 2));
        let r = hostile(1).seen_from("yemen_army", &names, 20);
        assert_eq!((r.other.as_str(), r.direction), ("houthis", Direction::In));
        assert_eq!(r.other_name_ar, None);
    }

    #[test]
    fn an_edge_with_evidence_is_one_flat_object() {
        let v = serde_json::to_value(hostile(1)).expect("JSON");
        assert_eq!(v["type"], "edge");
        assert_eq!(v["a"], "houthis");
        assert_eq!(v["evidence"][0]["relation"], "relation-0");
        let back: EdgeWithEvidence = serde_json::from_value(v).expect("read back");
        assert_eq!(back, hostile(1));
    }
}
