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
    /// piece of evidence); each part ordered by id. Articles are read 200 documents at a
    /// time.
    pub fn export(&mut self, out: &mut dyn Write) -> Result<()> {
        self.export_filtered(out, None)
    }

    /// [`Store::export`], keeping only the merged events and edges at least
    /// `min_confidence` likely (those with no confidence pass). Articles are written as
    /// stored, every fact with its own confidence.
    pub fn export_filtered(
        &mut self,
        out: &mut dyn Write,
        min_confidence: Option<f64>,
    ) -> Result<()> {
        let duplicates: HashMap<String, Duplicate> = self
            .db
            .query(
                "SELECT article_id, original_id, similarity FROM duplicates",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok((
                    r[0].text("article_id")?,
                    Duplicate {
                        article: r[1].text("original_id")?,
                        similarity: r[2].real("similarity")?,
                    },
                ))
            })
            .collect::<Result<_>>()?;
        let documents = self
            .db
            .query(
                "SELECT id, source, content_hash, chars, encoding, url FROM documents ORDER BY id",
                &[],
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
        let ids: Vec<String> = documents.iter().map(|d| d.id.clone()).collect();
        for (chunk, (marks, params)) in documents.chunks(super::CHUNK).zip(in_chunks(&ids)) {
            let mut articles: HashMap<String, Vec<ArticleLine>> = HashMap::new();
            for a in self.db.query(
                &format!(
                    "SELECT id, document_id, idx, record FROM articles
                     WHERE document_id IN ({marks}) ORDER BY document_id, idx"
                ),
                &params,
            )? {
                let id = a[0].text("id")?;
                let document = a[1].text("document_id")?;
                articles
                    .entry(document.clone())
                    .or_default()
                    .push(ArticleLine {
                        record_type: ArticleType::Tag,
                        duplicate_of: duplicates.get(&id).cloned(),
                        id,
                        document,
                        idx: a[2].int("idx")?,
                        record: serde_json::from_str(&a[3].text("record")?)?,
                    });
            }
            for d in chunk {
                write_line(out, d)?;
                for a in articles.remove(&d.id).unwrap_or_default() {
                    write_line(out, &a)?;
                }
            }
        }
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
        let events = EventFilter {
            min_confidence,
            ..EventFilter::default()
        };
        for e in self.events(&events)? {
            write_line(out, &e)?;
        }
        for e in self.all_edges(min_confidence)? {
            write_line(out, &e)?;
        }
        out.flush()
            .map_err(|e| StoreError::Json(serde_json::Error::io(e)))
    }
}
