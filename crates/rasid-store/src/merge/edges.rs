//! Edges: relations grouped by type and actor pair (unordered for ALLY/HOSTILE), with
//! first and last sighting (publication dates), weight (distinct articles, copies counted
//! once) and every piece of evidence through `edge_members`. An edge's confidence is a
//! noisy-or over the articles that state it (copies counted once, as for the weight):
//! `1 − Π(1 − cᵢ)`, where `cᵢ` is the highest confidence of an article's relations on
//! that edge, over the articles with one; none if no article has one. Independent
//! statements each make the relation likelier.
//!
//! An edge's id derives from its type and pair, so an incremental merge rewrites only the
//! edges of the new relations and those whose articles' copies changed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::articles::Articles;
use super::duplicates::Roots;
use super::events::by_id;
use super::Select;
use crate::backend::{exec_in, query_in, Backend};
use crate::error::Result;
use crate::ids::stable_id;
use crate::review::overlay::{combined_mark, Overlay, RelationFacts};

/// A relation as an edge counts it: (relation id, article, confidence, review mark).
type Member = (String, String, Option<f64>, Option<&'static str>);

/// An edge's key: (type, a, b), the pair sorted for symmetric types.
type Key = (String, String, String);

fn edge_id((t, a, b): &Key) -> String {
    stable_id("edge", &[t, a, b])
}

/// The confidence of an edge stated by independent articles with confidences `cs`
/// (noisy-or: the relation is wrong only if every statement is): `1 − Π(1 − cᵢ)`, rounded
/// to six decimals; none when no statement has a confidence.
fn noisy_or(cs: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut wrong = None::<f64>;
    for c in cs {
        wrong = Some(wrong.unwrap_or(1.0) * (1.0 - c.clamp(0.0, 1.0)));
    }
    wrong.map(|w| ((1.0 - w) * 1e6).round() / 1e6)
}

/// The evidence spans of the relations `select` names, when decisions are in force (none
/// else: the merge of a store nobody reviewed reads nothing more).
fn evidence_spans(
    db: &mut dyn Backend,
    overlay: &Overlay,
    select: &Select,
) -> Result<HashMap<String, Vec<(i64, i64)>>> {
    let mut out: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
    if overlay.is_empty() {
        return Ok(out);
    }
    let base = "SELECT x.relation_id, x.span_start, x.span_end FROM relation_evidence x";
    let order = "ORDER BY x.relation_id, x.seq";
    let rows = select.rows(
        db,
        &format!("{base} {order}"),
        &format!(
            "{base} JOIN relations r ON r.id = x.relation_id WHERE r.article_id IN ({{ids}}) {order}"
        ),
        &format!("{base} WHERE x.relation_id IN ({{ids}}) {order}"),
    )?;
    for r in rows {
        out.entry(r[0].text("relation_id")?)
            .or_default()
            .push((r[1].int("span_start")?, r[2].int("span_end")?));
    }
    Ok(out)
}

/// The relations `select` names by edge, with analysts' decisions applied; and how many
/// analysts rejected (left out).
fn load(
    db: &mut dyn Backend,
    articles: &mut Articles,
    overlay: &Overlay,
    select: &Select,
    into: &mut BTreeMap<Key, Vec<Member>>,
) -> Result<usize> {
    let base = "SELECT id, article_id, a, b, relation_type, confidence FROM relations";
    let rows = by_id(db, select, base)?;
    let evidence = evidence_spans(db, overlay, select)?;
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r[1].text("article_id"))
        .collect::<Result<_>>()?;
    articles.load(db, ids.iter().map(String::as_str))?;
    let mut rejected = 0;
    for r in &rows {
        let id = r[0].text("relations.id")?;
        let article = r[1].text("article_id")?;
        let confidence = r[5].opt_real("confidence")?;
        let extracted = RelationFacts {
            relation_type: r[4].text("relation_type")?,
            a: r[2].text("a")?,
            b: r[3].text("b")?,
        };
        let reviewed = match articles.get(&article) {
            Some(info) => overlay.review_relation(
                &info.document,
                info.span,
                evidence.get(&id).map_or(&[][..], Vec::as_slice),
                extracted,
            ),
            None => Some((extracted, None)),
        };
        let Some((
            RelationFacts {
                relation_type: t,
                mut a,
                mut b,
            },
            review,
        )) = reviewed
        else {
            rejected += 1;
            continue;
        };
        if rasid_kb::relation_is_symmetric(&t) && b < a {
            std::mem::swap(&mut a, &mut b);
        }
        into.entry((t, a, b))
            .or_default()
            .push((id, article, confidence, review));
    }
    Ok(rejected)
}

/// Write the edges of `edges`; their ids.
fn write(
    db: &mut dyn Backend,
    edges: &BTreeMap<Key, Vec<Member>>,
    articles: &Articles,
    roots: &Roots,
) -> Result<Vec<String>> {
    let mut written = Vec::with_capacity(edges.len());
    for (key, members) in edges {
        let (t, a, b) = key;
        let id = edge_id(key);
        let mut arts = BTreeSet::new();
        let mut originals = BTreeSet::new();
        let mut sources = BTreeSet::new();
        let mut dates = BTreeSet::new();
        // per original article, the highest confidence of its statements of this edge
        let mut stated: BTreeMap<&str, f64> = BTreeMap::new();
        for (_, article, confidence, _) in members {
            arts.insert(article.as_str());
            let root = roots.get(article);
            originals.insert(root);
            if let Some(c) = *confidence {
                let best = stated.entry(root).or_insert(c);
                *best = best.max(c);
            }
            if let Some(info) = articles.get(article) {
                sources.insert(info.source_key.as_str());
                if let Some(p) = &info.published {
                    dates.insert(p.as_str());
                }
            }
        }
        let review = combined_mark(members.iter().map(|m| m.3));
        db.exec(
            "INSERT INTO edges (id, a, b, relation_type, first_seen, last_seen, weight, n_articles,
                n_sources, confidence, review)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                id.as_str().into(),
                a.into(),
                b.into(),
                t.into(),
                dates.first().copied().into(),
                dates.last().copied().into(),
                originals.len().into(),
                arts.len().into(),
                sources.len().into(),
                noisy_or(stated.into_values()).into(),
                review.into(),
            ],
        )?;
        for (rid, _, _, review) in members {
            db.exec(
                "INSERT INTO edge_members (edge_id, relation_id, review) VALUES (?, ?, ?)",
                &[id.as_str().into(), rid.into(), (*review).into()],
            )?;
        }
        written.push(id);
    }
    Ok(written)
}

/// Every relation into edges (the edge tables are empty); the rejected count.
pub(super) fn rebuild_all(
    db: &mut dyn Backend,
    articles: &mut Articles,
    overlay: &Overlay,
) -> Result<usize> {
    let mut edges = BTreeMap::new();
    let rejected = load(db, articles, overlay, &Select::All, &mut edges)?;
    let roots = Roots::all(db)?;
    write(db, &edges, articles, &roots)?;
    Ok(rejected)
}

/// The relations of the articles `new` merged, and the edges of the articles whose root
/// changed (`moved`) counted again. The ids of the edges written, and how many new
/// relations analysts rejected.
pub(super) fn update(
    db: &mut dyn Backend,
    articles: &mut Articles,
    overlay: &Overlay,
    new: &[String],
    moved: &[String],
) -> Result<(Vec<String>, usize)> {
    let mut edges: BTreeMap<Key, Vec<Member>> = BTreeMap::new();
    let rejected = load(db, articles, overlay, &Select::Articles(new), &mut edges)?;
    let mut stale: BTreeSet<String> = edges.keys().map(edge_id).collect();
    for r in query_in(
        db,
        "SELECT DISTINCT m.edge_id FROM edge_members m JOIN relations r ON r.id = m.relation_id
         WHERE r.article_id IN ({ids})",
        moved,
    )? {
        stale.insert(r[0].text("edge_id")?);
    }
    let stale: Vec<String> = stale.into_iter().collect();
    let fresh: HashSet<&str> = edges.values().flatten().map(|m| m.0.as_str()).collect();
    let merged = super::members_not_loaded(
        db,
        "SELECT relation_id FROM edge_members WHERE edge_id IN ({ids})",
        &stale,
        &fresh,
    )?;
    load(db, articles, overlay, &Select::Facts(&merged), &mut edges)?;
    exec_in(
        db,
        "DELETE FROM edge_members WHERE edge_id IN ({ids})",
        &stale,
    )?;
    exec_in(db, "DELETE FROM edges WHERE id IN ({ids})", &stale)?;
    let articles_of: Vec<String> = edges
        .values()
        .flatten()
        .map(|m| m.1.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let roots = Roots::of(db, &articles_of)?;
    let written = write(db, &edges, articles, &roots)?;
    Ok((written, rejected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_confidence_is_a_noisy_or_of_its_statements() {
        assert_eq!(noisy_or([]), None);
        assert_eq!(noisy_or([0.6]), Some(0.6));
        // 1 − (0.5 × 0.5) and 1 − (0.4 × 0.5 × 0.8)
        assert_eq!(noisy_or([0.5, 0.5]), Some(0.75));
        assert_eq!(noisy_or([0.6, 0.5, 0.2]), Some(0.84));
        assert_eq!(noisy_or([1.0, 0.1]), Some(1.0));
    }
}
