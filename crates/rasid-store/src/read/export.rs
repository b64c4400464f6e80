//! The whole store as JSON Lines (`rasid export`): documents, each followed by its
//! articles with every fact and its evidence; actors; merged events with every report;
//! edges with every piece of evidence. Each part is ordered by id, so the same store gives
//! the same bytes, whatever the ingest order or the database.

use std::collections::HashMap;
use std::io::Write;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::actors::ActorSummary;
use super::articles::Duplicate;
use super::events::EventFilter;
use super::graph::EdgeFilter;
use super::{in_chunks, sorted_json};
use crate::error::{Result, StoreError};
use crate::Store;

record_type!(
    /// `"document"`.
    DocumentType = "document"
);
record_type!(
    /// `"article"`.
    ArticleType = "article"
);
record_type!(
    /// `"actor"`.
    ActorType = "actor"
);

/// A line of export: one stored document (its text is in its articles' spans).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentLine {
    #[serde(rename = "type")]
    pub record_type: DocumentType,
    pub id: String,
    /// Input file name or record id.
    pub source: String,
    /// Hash of the document's text (with `source`, what identifies it).
    pub content_hash: String,
    /// Chars of the text that every span points into.
    pub chars: i64,
    /// The encoding the input was decoded from.
    pub encoding: String,
    pub url: Option<String>,
}

/// A line of export: one article with its record as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleLine {
    #[serde(rename = "type")]
    pub record_type: ArticleType,
    pub id: String,
    /// The document's id.
    pub document: String,
    /// The article's index in its document.
    pub idx: i64,
    /// The earlier copy, if the merge found this article to be a duplicate.
    pub duplicate_of: Option<Duplicate>,
    /// The article's facts with their evidence (`rasid extract`'s article shape).
    pub record: Json,
}

/// A line of export: one actor of the merged view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorLine {
    #[serde(rename = "type")]
    pub record_type: ActorType,
    #[serde(flatten)]
    pub actor: ActorSummary,
}

/// Write `v` to `out` as one line of JSON, keys sorted ([`sorted_json`]).
fn write_line(out: &mut dyn Write, v: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, &sorted_json(v)?)?;
    out.write_all(b"\n")
        .map_err(|e| StoreError::Json(serde_json::Error::io(e)))
}

impl Store {
    /// Dump the store as JSON Lines: documents (each followed by its articles with every
    /// fact and its evidence), actors, merged events (with every report), edges (with every
    /// piece of evidence); each part ordered by id. Read page by page, so memory does not
    /// grow with the store.
    pub fn export(&mut self, out: &mut dyn Write) -> Result<()> {
        self.export_filtered(out, &EventFilter::default(), &EdgeFilter::default())
    }

    /// [`Store::export`], keeping only the merged events passing `events` and the edges
    /// passing `edges`. Documents, articles (every fact with its own confidence) and
    /// actors are written whole.
    pub fn export_filtered(
        &mut self,
        out: &mut dyn Write,
        events: &EventFilter,
        edges: &EdgeFilter,
    ) -> Result<()> {
        self.export_documents(out)?;
        for r in self.db.query(
            "SELECT id, kind, name_ar, name_en, n_articles FROM actors ORDER BY id",
            &[],
        )? {
            let actor = super::actors::actor_summary(&r)?;
            write_line(
                out,
                &ActorLine {
                    record_type: ActorType::Tag,
                    actor,
                },
            )?;
        }
        self.each_events_page(events, |_, page| {
            page.iter().try_for_each(|e| write_line(out, e))
        })?;
        self.each_edges_page(edges, true, |_, page| {
            page.iter().try_for_each(|e| write_line(out, e))
        })?;
        out.flush()
            .map_err(|e| StoreError::Json(serde_json::Error::io(e)))
    }

    /// Documents in id order, 200 at a time, each followed by its articles.
    fn export_documents(&mut self, out: &mut dyn Write) -> Result<()> {
        let mut after = String::new();
        loop {
            let documents = self
                .db
                .query(
                    &format!(
                        "SELECT id, source, content_hash, chars, encoding, url FROM documents
                         WHERE id > ? ORDER BY id LIMIT {}",
                        super::CHUNK
                    ),
                    &[after.as_str().into()],
                )?
                .iter()
                .map(|d| {
                    Ok(DocumentLine {
                        record_type: DocumentType::Tag,
                        id: d[0].text("id")?,
                        source: d[1].text("source")?,
                        content_hash: d[2].text("content_hash")?,
                        chars: d[3].int("chars")?,
                        encoding: d[4].text("encoding")?,
                        url: d[5].opt_text("url")?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let Some(last) = documents.last() else {
                return Ok(());
            };
            after = last.id.clone();
            let ids: Vec<String> = documents.iter().map(|d| d.id.clone()).collect();
            let mut articles = self.articles_of(&ids)?;
            for d in &documents {
                write_line(out, d)?;
                for a in articles.remove(&d.id).unwrap_or_default() {
                    write_line(out, &a)?;
                }
            }
        }
    }

    /// The articles of the documents `ids` (at most 200), by document, in index order,
    /// each with the earlier copy it duplicates.
    fn articles_of(&mut self, ids: &[String]) -> Result<HashMap<String, Vec<ArticleLine>>> {
        let mut articles: HashMap<String, Vec<ArticleLine>> = HashMap::new();
        for (marks, params) in in_chunks(ids) {
            for a in self.db.query(
                &format!(
                    "SELECT a.id, a.document_id, a.idx, a.record, d.original_id, d.similarity
                     FROM articles a LEFT JOIN duplicates d ON d.article_id = a.id
                     WHERE a.document_id IN ({marks}) ORDER BY a.document_id, a.idx"
                ),
                &params,
            )? {
                let document = a[1].text("document_id")?;
                let duplicate_of = match a[4].opt_text("original_id")? {
                    Some(article) => Some(Duplicate {
                        article,
                        similarity: a[5].real("similarity")?,
                    }),
                    None => None,
                };
                articles
                    .entry(document.clone())
                    .or_default()
                    .push(ArticleLine {
                        record_type: ArticleType::Tag,
                        id: a[0].text("id")?,
                        document,
                        idx: a[2].int("idx")?,
                        duplicate_of,
                        record: serde_json::from_str(&a[3].text("record")?)?,
                    });
            }
        }
        Ok(articles)
    }
}
