//! Articles: search over normalised Arabic, lists, and one article with its text and the
//! spans to highlight (`rasid search`, `/api/search`, `/api/articles`).

use std::collections::HashMap;

use rasid_model::ArticleRecord;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::{char_slice, in_chunks, to_usize};
use crate::backend::Dialect;
use crate::error::Result;
use crate::search::{snippet, SearchQuery};
use crate::Store;

/// One article found by a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub article: String,
    pub document: String,
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// BM25 (SQLite) or ts_rank (PostgreSQL); higher is better.
    pub score: f64,
    /// Text around the first match.
    pub snippet: String,
}

/// An article in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub source: String,
    /// The page's own article, not appended material.
    pub main: bool,
    /// About armed groups / political violence.
    pub relevant: bool,
    /// Events the article reports.
    pub n_events: i64,
    /// Actors the article names.
    pub n_actors: i64,
}

/// A highlighted span of an article's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Annotation {
    /// actor | place | event
    pub kind: String,
    /// Char offsets (Unicode scalar values) into the article's `text`, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Actor id; for an event, its index in `events`; for a place, its index in `places`.
    pub id: String,
    /// Actor kind, event type, or place admin level.
    pub label: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    /// Events: reported | claimed | alleged | likely | planned | denied.
    pub modality: Option<String>,
    /// Places: ISO country code.
    pub country: Option<String>,
    /// The rule that produced the fact.
    pub rule: String,
}

/// The earlier copy of an article that the merge found to be a duplicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Duplicate {
    /// The earlier copy's article id.
    pub article: String,
    /// Estimated Jaccard similarity (1.0 for an exact copy).
    pub similarity: f64,
}

/// One article with its text, highlights and facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleView {
    pub id: String,
    pub document: String,
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub main: bool,
    pub relevant: bool,
    /// Char offset of `text` in the document; stored spans minus this give `annotations`.
    pub offset: usize,
    /// The document text of the article's span.
    pub text: String,
    /// Lines kept as the article's text (boilerplate removed), offsets into `text`.
    pub blocks: Vec<[usize; 2]>,
    /// Ordered by start, longest first.
    pub annotations: Vec<Annotation>,
    /// Actors as stored (contract shape, with document offsets).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub actors: Vec<Json>,
    /// Places as stored (contract shape, with document offsets).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub places: Vec<Json>,
    /// Events as stored (contract shape, with document offsets).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub events: Vec<Json>,
    /// Relations as stored (contract shape, with document offsets).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub relations: Vec<Json>,
    /// The earlier copy, if this is a duplicate.
    pub duplicate_of: Option<Duplicate>,
    /// Later copies of this article.
    pub copies: Vec<String>,
    /// How to point at each of its facts for a review, and the analysts' mark on it.
    pub review: crate::review::ArticleReview,
}

impl Store {
    /// Articles matching `query`, best first, each with a snippet around its first match.
    pub fn search(&mut self, query: &SearchQuery, limit: usize) -> Result<Vec<SearchHit>> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let (typed, other_names) = query.tiers();
        let mut ranked = self.ranked(&typed, limit)?;
        if let Some(names) = other_names.filter(|_| ranked.len() < limit) {
            for (id, score) in self.ranked(&names, limit + ranked.len())? {
                if ranked.len() == limit {
                    break;
                }
                if !ranked.iter().any(|(seen, _)| *seen == id) {
                    ranked.push((id, score));
                }
            }
        }
        let ids: Vec<String> = ranked.iter().map(|(id, _)| id.clone()).collect();
        let mut found: HashMap<String, Vec<crate::Value>> = HashMap::new();
        for (marks, params) in in_chunks(&ids) {
            for r in self.db.query(
                &format!(
                    "SELECT a.id, a.document_id, d.source, a.title, a.published, a.outlet, d.text,
                        a.blocks
                     FROM articles a JOIN documents d ON d.id = a.document_id
                     WHERE a.id IN ({marks})"
                ),
                &params,
            )? {
                found.insert(r[0].text("article id")?, r);
            }
        }
        let own = query.own_terms();
        let terms = query.all_terms();
        let mut hits = Vec::with_capacity(ranked.len());
        for (id, score) in ranked {
            let Some(a) = found.remove(&id) else { continue };
            let blocks: Vec<[usize; 2]> = match &a[7] {
                crate::Value::Null => Vec::new(),
                v => serde_json::from_str(v.as_str("blocks")?)?,
            };
            let body = crate::write::article_body(a[6].as_str("text")?, &blocks);
            hits.push(SearchHit {
                article: id,
                document: a[1].text("document_id")?,
                source: a[2].text("source")?,
                title: a[3].text("title")?,
                published: a[4].opt_text("published")?,
                outlet: a[5].opt_text("outlet")?,
                score: (score * 1e4).round() / 1e4,
                snippet: snippet(&body, &own, &terms, 160, &query.tokenizer),
            });
        }
        Ok(hits)
    }

    /// The best `limit` articles matching `query`, best first, with their scores.
    fn ranked(&mut self, query: &SearchQuery, limit: usize) -> Result<Vec<(String, f64)>> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let (sql, params) = self.ranking(query, limit);
        self.db
            .query(sql, &params)?
            .iter()
            .map(|r| Ok((r[0].text("article_id")?, r[1].real("score")?)))
            .collect()
    }

    /// The statement ranking the articles that match `query`, with its parameters.
    fn ranking(&self, query: &SearchQuery, limit: usize) -> (&'static str, Vec<crate::Value>) {
        match self.db.dialect() {
            Dialect::Sqlite => (
                "SELECT article_id, -bm25(article_search, 0.0, 3.0, 1.0) AS score
                 FROM article_search WHERE article_search MATCH ?
                 ORDER BY score DESC, article_id LIMIT ?",
                vec![query.fts5().into(), limit.into()],
            ),
            Dialect::Postgres => (
                "SELECT a.id, ts_rank(a.search_tsv, q)::float8 AS score
                 FROM articles a, to_tsquery('simple', ?) q
                 WHERE a.search_tsv @@ q ORDER BY score DESC, a.id LIMIT ?",
                vec![query.tsquery().into(), limit.into()],
            ),
        }
    }

    /// How the database runs the rankings of a search (`rasid search --explain`): SQLite's
    /// `EXPLAIN QUERY PLAN`, PostgreSQL's `EXPLAIN ANALYZE`, one line per step, for the
    /// words typed and then for the actor's other names.
    pub fn explain_search(&mut self, query: &SearchQuery, limit: usize) -> Result<Vec<String>> {
        let explain = match self.db.dialect() {
            Dialect::Sqlite => "EXPLAIN QUERY PLAN",
            Dialect::Postgres => "EXPLAIN ANALYZE",
        };
        let (typed, other_names) = query.tiers();
        let mut out = Vec::new();
        for (tier, q) in [("words typed", Some(typed)), ("other names", other_names)] {
            let Some(q) = q.filter(|q| !q.is_empty()) else {
                continue;
            };
            out.push(format!("-- {tier}"));
            let (sql, params) = self.ranking(&q, limit);
            for r in self.db.query(&format!("{explain} {sql}"), &params)? {
                // SQLite: (id, parent, notused, detail); PostgreSQL: one text column
                out.push(
                    r.last()
                        .map(|v| match v {
                            crate::Value::Text(t) => t.clone(),
                            other => format!("{other:?}"),
                        })
                        .unwrap_or_default(),
                );
            }
        }
        Ok(out)
    }

    /// Articles, relevant first then by publication date (newest first) and id.
    pub fn articles(
        &mut self,
        relevant_only: bool,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<ArticleSummary>> {
        let filter = if relevant_only {
            "WHERE a.relevant = 1"
        } else {
            ""
        };
        let rows = self.db.query(
            &format!(
                // the page is cut first, then its counts are made: not every article's
                "SELECT a.id, a.title, a.published, a.outlet, d.source, a.main, a.relevant,
                    (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id),
                    (SELECT COUNT(*) FROM article_actors x WHERE x.article_id = a.id)
                 FROM (SELECT a.id, a.document_id, a.title, a.published, a.outlet, a.main,
                        a.relevant FROM articles a {filter}
                       ORDER BY {order} LIMIT ? OFFSET ?) a
                 JOIN documents d ON d.id = a.document_id
                 ORDER BY {order}",
                order = "a.relevant DESC, CASE WHEN a.published IS NULL THEN 1 ELSE 0 END,
                    a.published DESC, a.id"
            ),
            &[limit.into(), offset.into()],
        )?;
        rows.iter()
            .map(|r| {
                Ok(ArticleSummary {
                    id: r[0].text("id")?,
                    title: r[1].text("title")?,
                    published: r[2].opt_text("published")?,
                    outlet: r[3].opt_text("outlet")?,
                    source: r[4].text("source")?,
                    main: r[5].int("main")? != 0,
                    relevant: r[6].int("relevant")? != 0,
                    n_events: r[7].int("events")?,
                    n_actors: r[8].int("actors")?,
                })
            })
            .collect()
    }

    /// One article: the document text of its span, its facts as stored, and the spans
    /// to highlight made relative to that text. `None` when no article has this id.
    pub fn article(&mut self, id: &str) -> Result<Option<ArticleView>> {
        let rows = self.db.query(
            "SELECT a.document_id, d.source, a.span_start, a.span_end, a.record, d.text, d.url,
                d.content_hash
             FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = ?",
            &[id.into()],
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let offset = to_usize(r[2].int("span_start")?);
        let end = to_usize(r[3].int("span_end")?);
        let record: ArticleRecord = serde_json::from_str(&r[4].text("record")?)?;
        let text = char_slice(&r[5].text("text")?, offset, end);
        let duplicate_of = self
            .db
            .query(
                "SELECT original_id, similarity FROM duplicates WHERE article_id = ?",
                &[id.into()],
            )?
            .first()
            .map(|d| {
                Ok::<_, crate::StoreError>(Duplicate {
                    article: d[0].text("original_id")?,
                    similarity: d[1].real("similarity")?,
                })
            })
            .transpose()?;
        let copies = self
            .db
            .query(
                "SELECT article_id FROM duplicates WHERE original_id = ? ORDER BY article_id",
                &[id.into()],
            )?
            .iter()
            .map(|c| c[0].text("article_id"))
            .collect::<Result<Vec<_>>>()?;
        let spans = Spans {
            offset,
            len: text.chars().count(),
        };
        let review = crate::review::store::article_review(
            self.db.as_mut(),
            id,
            &r[7].text("content_hash")?,
            (r[2].int("span_start")?, r[3].int("span_end")?),
            &record,
        )?;
        Ok(Some(ArticleView {
            id: id.to_string(),
            document: r[0].text("document_id")?,
            source: r[1].text("source")?,
            title: record.title.clone(),
            published: record.published.clone(),
            outlet: record.outlet.clone(),
            url: r[6].opt_text("url")?,
            main: record.main,
            relevant: record.relevant,
            offset,
            annotations: annotations(&record, spans),
            blocks: record
                .blocks
                .iter()
                .filter_map(|b| spans.relative(b[0], b[1]).map(|(s, e)| [s, e]))
                .collect(),
            text,
            actors: as_json(&record.actors)?,
            places: as_json(&record.places)?,
            events: as_json(&record.events)?,
            relations: as_json(&record.relations)?,
            duplicate_of,
            copies,
            review,
        }))
    }
}

/// Each of `items` as JSON.
fn as_json<T: Serialize>(items: &[T]) -> Result<Vec<Json>> {
    Ok(items
        .iter()
        .map(serde_json::to_value)
        .collect::<serde_json::Result<_>>()?)
}

/// Where an article's text sits in its document.
#[derive(Debug, Clone, Copy)]
struct Spans {
    /// Char offset of the text in the document.
    offset: usize,
    /// Chars of the text.
    len: usize,
}

impl Spans {
    /// A document span made relative to the text, if it is a non-empty span inside it.
    fn relative(self, start: usize, end: usize) -> Option<(usize, usize)> {
        let s = start.checked_sub(self.offset)?;
        let e = end.checked_sub(self.offset)?;
        (s < e && e <= self.len).then_some((s, e))
    }
}

/// The spans to highlight: every actor and place mention and every event sentence inside
/// the text, ordered by start, longest first.
fn annotations(record: &ArticleRecord, spans: Spans) -> Vec<Annotation> {
    let mut out = Vec::new();
    for a in &record.actors {
        for m in &a.mentions {
            if let Some((start, end)) = spans.relative(m.start, m.end) {
                out.push(Annotation {
                    kind: "actor".into(),
                    start,
                    end,
                    text: m.text.clone(),
                    id: a.id.clone(),
                    label: a.kind.to_string(),
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
            if let Some((start, end)) = spans.relative(m.start, m.end) {
                out.push(Annotation {
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
            if let Some((start, end)) = spans.relative(ev.start, ev.end) {
                out.push(Annotation {
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
    out.sort_by(|a, b| (a.start, b.end, &a.kind).cmp(&(b.start, a.end, &b.kind)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_outside_the_text_are_dropped() {
        let spans = Spans {
            offset: 100,
            len: 40,
        };
        assert_eq!(spans.relative(110, 120), Some((10, 20)));
        assert_eq!(spans.relative(90, 120), None);
        assert_eq!(spans.relative(130, 150), None);
        assert_eq!(spans.relative(120, 120), None);
    }
}
