//! The articles behind the merged facts, as exports cite them (a STIX `report` per
//! article): each article that states an event or a relation, with the merged events and
//! edges it supports; and the store's latest publication date (the time stamp of an
//! export, so the same store exports the same bytes).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::in_chunks;
use crate::error::Result;
use crate::Store;

/// An article that states at least one event or relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSource {
    pub id: String,
    /// The id of the article's document.
    pub document: String,
    /// The document's source (input file name or record id).
    pub source: String,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Merged events one of whose reports it is, sorted.
    pub merged_events: Vec<String>,
    /// Edges one of whose relations it states, sorted.
    pub edges: Vec<String>,
}

impl Store {
    /// One page of the articles that state an event or a relation, in id order: at most
    /// `size`, those with an id after `after`, each with the merged events and edges it
    /// supports.
    pub fn article_sources_page(
        &mut self,
        after: Option<&str>,
        size: usize,
    ) -> Result<Vec<ArticleSource>> {
        let rows = self.db.query(
            &format!(
                "SELECT a.id, a.document_id, d.source, a.title, a.published, a.outlet, d.url
                 FROM articles a JOIN documents d ON d.id = a.document_id
                 WHERE a.id > ? AND (EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id)
                    OR EXISTS (SELECT 1 FROM relations r WHERE r.article_id = a.id))
                 ORDER BY a.id LIMIT {size}"
            ),
            &[after.unwrap_or("").into()],
        )?;
        let mut out = rows
            .iter()
            .map(|r| {
                Ok(ArticleSource {
                    id: r[0].text("id")?,
                    document: r[1].text("document_id")?,
                    source: r[2].text("source")?,
                    title: r[3].text("title")?,
                    published: r[4].opt_text("published")?,
                    outlet: r[5].opt_text("outlet")?,
                    url: r[6].opt_text("url")?,
                    merged_events: Vec::new(),
                    edges: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let ids: Vec<String> = out.iter().map(|a| a.id.clone()).collect();
        let mut events = self.grouped(
            "SELECT DISTINCT e.article_id, mm.merged_id FROM events e
             JOIN merged_event_members mm ON mm.event_id = e.id
             WHERE e.article_id IN ({marks})",
            &ids,
        )?;
        let mut edges = self.grouped(
            "SELECT DISTINCT r.article_id, em.edge_id FROM relations r
             JOIN edge_members em ON em.relation_id = r.id
             WHERE r.article_id IN ({marks})",
            &ids,
        )?;
        for a in &mut out {
            a.merged_events = events.remove(&a.id).unwrap_or_default();
            a.merged_events.sort();
            a.edges = edges.remove(&a.id).unwrap_or_default();
            a.edges.sort();
        }
        Ok(out)
    }

    /// Rows of `sql` (two text columns; `{marks}` stands for the placeholders of `ids`, read
    /// 200 at a time) grouped as first column → second columns.
    fn grouped(&mut self, sql: &str, ids: &[String]) -> Result<HashMap<String, Vec<String>>> {
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for (marks, params) in in_chunks(ids) {
            for r in self.db.query(&sql.replace("{marks}", &marks), &params)? {
                out.entry(r[0].text("key")?)
                    .or_default()
                    .push(r[1].text("value")?);
            }
        }
        Ok(out)
    }

    /// The latest publication date of a stored article (`YYYY-MM-DD`), if any.
    pub fn last_published(&mut self) -> Result<Option<String>> {
        let rows = self.db.query("SELECT MAX(published) FROM articles", &[])?;
        match rows.first() {
            Some(r) => r[0].opt_text("MAX(published)"),
            None => Ok(None),
        }
    }
}
