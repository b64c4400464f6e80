//! The articles as the merge sees them: when each was published, what counts as one
//! source, and where analysts' decisions find its facts. Read whole for a full merge, or
//! only for the articles an incremental merge touches.

use std::collections::HashMap;

use crate::backend::{query_in, Backend, Value};
use crate::error::Result;

pub(super) struct ArticleInfo {
    pub published: Option<String>,
    /// Outlet, else the document's source: what counts as one source.
    pub source_key: String,
    /// The content hash of its document and its char span there: what analysts'
    /// decisions on its facts are keyed by.
    pub document: String,
    pub span: (i64, i64),
}

const SELECT: &str = "SELECT a.id, a.published, a.outlet, d.source, d.content_hash,
        a.span_start, a.span_end
    FROM articles a JOIN documents d ON d.id = a.document_id";

/// The articles read so far (all of them after [`Articles::all`]).
pub(super) struct Articles {
    map: HashMap<String, ArticleInfo>,
    complete: bool,
}

impl Articles {
    /// Every stored article.
    pub fn all(db: &mut dyn Backend) -> Result<Self> {
        let mut out = Self::none();
        out.add(&db.query(SELECT, &[])?)?;
        out.complete = true;
        Ok(out)
    }

    /// None yet: [`Articles::load`] reads what is asked for.
    pub fn none() -> Self {
        Self {
            map: HashMap::new(),
            complete: false,
        }
    }

    /// Read the articles of `ids` not read yet.
    pub fn load<'a>(
        &mut self,
        db: &mut dyn Backend,
        ids: impl Iterator<Item = &'a str>,
    ) -> Result<()> {
        if self.complete {
            return Ok(());
        }
        let mut missing: Vec<String> = ids
            .filter(|id| !self.map.contains_key(*id))
            .map(str::to_string)
            .collect();
        missing.sort();
        missing.dedup();
        let rows = query_in(db, &format!("{SELECT} WHERE a.id IN ({{ids}})"), &missing)?;
        self.add(&rows)
    }

    pub fn get(&self, id: &str) -> Option<&ArticleInfo> {
        self.map.get(id)
    }

    fn add(&mut self, rows: &[Vec<Value>]) -> Result<()> {
        for r in rows {
            let outlet = r[2].opt_text("outlet")?;
            self.map.insert(
                r[0].text("articles.id")?,
                ArticleInfo {
                    published: r[1].opt_text("published")?,
                    source_key: outlet.map_or_else(|| r[3].text("source"), Ok)?,
                    document: r[4].text("content_hash")?,
                    span: (r[5].int("span_start")?, r[6].int("span_end")?),
                },
            );
        }
        Ok(())
    }
}
