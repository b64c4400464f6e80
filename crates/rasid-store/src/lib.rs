//! Rasid's store: everything `rasid ingest` extracts, kept with its provenance (document,
//! article, char span, rule) in SQLite (one file, WAL, the default) or PostgreSQL (for a
//! team: several ingests at once), with the same schema and behaviour.
//!
//! Owns: the schema and its migrations ([`schema`]), writing processed documents
//! idempotently ([`write`]), the cross-document merge ([`merge`]), Arabic search
//! ([`search`]), and the one read path ([`read`]): every question of the command line and
//! the HTTP API (timelines, relations, events, search, articles, actors, the graph,
//! export), answered once as typed values that derive `utoipa::ToSchema` with the
//! `openapi` feature. Both databases sit behind one narrow [`Backend`] trait so every
//! statement above it is written once.
//!
//! May import: `rasid-model`, `rasid-text`, `rasid-kb` (actor names and the tokenizer for
//! search, the merge's numbers), `rasid-ingest` (documents and their fingerprints). Must
//! never: extract facts itself, print, or read inputs other than the database and the kb
//! (`kb/merge.toml`, through `rasid-kb`).
//!
//! Ids are stable hashes of what identifies a thing (a document: source + content hash;
//! an article: document + index; a merged event: its earliest report), so the same input
//! gives the same ids and export on every run, in any order, with any number of workers.

pub mod backend;
pub mod config;
pub mod error;
pub mod ids;
pub mod merge;
pub mod postgres;
pub mod read;
pub mod review;
pub mod schema;
pub mod scratch;
pub mod search;
pub mod sqlite;
pub mod watch;
pub mod write;

use std::collections::HashSet;
use std::path::Path;

pub use backend::{Backend, Dialect, Value};
pub use config::MergeConfig;
pub use error::{Result, StoreError};
pub use merge::MergeSummary;
pub use read::{
    sorted_json, ActorArticle, ActorName, ActorRelation, ActorSummary, ActorView, Alias,
    Annotation, ArticleSource, ArticleSummary, ArticleView, Counts, Direction, Duplicate, Edge,
    EdgeEvidence, EdgeFilter, EdgeWithEvidence, EventCursor, EventFilter, Evidence, FirstReport,
    Graph, GraphNode, MergedEvent, PlaceDetail, PlacePoint, Report, SearchHit, Stats,
};
pub use review::{
    ArticleReview, Correction, Decision, DecisionInForce, FactKind, FactRef, FactReview,
    StoredDecision, Subject, Verdict,
};
pub use search::SearchQuery;
pub use watch::{Alert, WatchFilter, Watchlist};
pub use write::{key_of, ArticleText, StoredDocument};

/// Default SQLite file when no `--db` is given.
pub const DEFAULT_DB: &str = "rasid.db";

/// How many times a batch is retried after a deadlock or a busy database.
const RETRIES: usize = 8;

/// The value of `key` in `meta`, if set.
pub(crate) fn meta(db: &mut dyn Backend, key: &str) -> Result<Option<String>> {
    db.query("SELECT value FROM meta WHERE key = ?", &[key.into()])?
        .first()
        .map(|r| r[0].text(key))
        .transpose()
}

/// Record that only a full merge will bring the merged views up to date (`merge_full`):
/// documents were extracted again. (Everything else waits in `merge_pending`: articles
/// stored, and the articles of documents analysts decided on.)
pub(crate) fn mark_full_merge_due(db: &mut dyn Backend) -> Result<()> {
    db.exec(
        "INSERT INTO meta (key, value) VALUES ('merge_full', '1')
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[],
    )?;
    Ok(())
}

/// Record that the merged views are up to date.
pub(crate) fn mark_merged(db: &mut dyn Backend) -> Result<()> {
    db.exec(
        "UPDATE meta SET value = '0' WHERE key IN ('merge_full', 'decisions_dirty')",
        &[],
    )?;
    Ok(())
}

/// What one batch of documents changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Documents newly stored.
    pub stored: usize,
    /// Documents already stored whose facts were replaced.
    pub replaced: usize,
}

/// An open store.
pub struct Store {
    db: Box<dyn Backend>,
    config: MergeConfig,
    /// The `actor_names` table in memory, read again when the merge wrote a new version
    /// of it (`read::actors`).
    names: Option<read::NameIndex>,
}

impl Store {
    /// Open (creating and migrating if needed) the store at `url`: `postgres://…` or
    /// `postgresql://…` for PostgreSQL; `sqlite://PATH` or a plain path for SQLite.
    pub fn open(url: &str, config: MergeConfig) -> Result<Self> {
        let mut db: Box<dyn Backend> =
            if url.starts_with("postgres://") || url.starts_with("postgresql://") {
                Box::new(postgres::PostgresBackend::connect(url)?)
            } else {
                let path = url.strip_prefix("sqlite://").unwrap_or(url);
                if path.is_empty() || path.contains("://") {
                    return Err(StoreError::BadUrl(url.to_string()));
                }
                Box::new(sqlite::SqliteBackend::open(Path::new(path))?)
            };
        schema::migrate(db.as_mut())?;
        Ok(Self {
            db,
            config,
            names: None,
        })
    }

    /// [`Store::open`] a store that already exists: a SQLite path that names no file is an
    /// error rather than a new empty store (what the read commands want: a mistyped path
    /// must not answer with nothing). A PostgreSQL URL is opened as it is.
    pub fn open_existing(url: &str, config: MergeConfig) -> Result<Self> {
        let is_pg = url.starts_with("postgres://") || url.starts_with("postgresql://");
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        if !is_pg && !path.is_empty() && !path.contains("://") && !Path::new(path).exists() {
            return Err(StoreError::NoStore(path.to_string()));
        }
        Self::open(url, config)
    }

    pub fn dialect(&self) -> Dialect {
        self.db.dialect()
    }

    /// The raw connection (tests, measurements).
    pub fn backend(&mut self) -> &mut dyn Backend {
        self.db.as_mut()
    }

    /// Which of `ids` are already stored.
    pub fn stored_documents(&mut self, ids: &[String]) -> Result<HashSet<String>> {
        let mut found = HashSet::new();
        for chunk in ids.chunks(200) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let params: Vec<Value> = chunk.iter().map(Value::from).collect();
            for r in self.db.query(
                &format!("SELECT id FROM documents WHERE id IN ({marks})"),
                &params,
            )? {
                found.insert(r[0].text("documents.id")?);
            }
        }
        Ok(found)
    }

    /// Store a batch of documents in one transaction (all or nothing); the number newly
    /// stored. Documents already present are skipped. Retried on deadlock or busy.
    pub fn put_documents(&mut self, docs: &[StoredDocument]) -> Result<usize> {
        self.write_documents(docs, false).map(|w| w.stored)
    }

    /// Store a batch of documents in one transaction, as [`Store::put_documents`]; with
    /// `replace`, a document already stored gets the facts of `docs` in place of its own:
    /// what an extraction with another kb or model found in the same text. Analysts'
    /// decisions find their facts again (they are keyed by content and span, not by row).
    pub fn write_documents(&mut self, docs: &[StoredDocument], replace: bool) -> Result<Written> {
        let mut order: Vec<&StoredDocument> = docs.iter().collect();
        // one lock order for every process: no deadlock between two ingests
        order.sort_by(|a, b| a.id.cmp(&b.id));
        self.retrying(|db| {
            let mut stored: Vec<&str> = Vec::new();
            let mut replaced = 0;
            for d in &order {
                if write::insert_document(db, d)? {
                    stored.push(&d.id);
                } else if replace && write::replace_document(db, d)? {
                    stored.push(&d.id);
                    replaced += 1;
                }
            }
            if replaced > 0 {
                mark_full_merge_due(db)?;
            }
            if !stored.is_empty() {
                // what readers compare to know that what they computed from the stored
                // texts (a search) is still current: a new value with every new document
                // (chained to the previous one, so that no value ever comes back)
                let previous = meta(db, "documents_version")?.unwrap_or_default();
                let parts: Vec<&str> = std::iter::once(previous.as_str())
                    .chain(stored.iter().copied())
                    .collect();
                db.exec(
                    "INSERT INTO meta (key, value) VALUES ('documents_version', ?)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    &[ids::stable_id("documents_version", &parts).into()],
                )?;
            }
            Ok(Written {
                stored: stored.len() - replaced,
                replaced,
            })
        })
    }

    /// A value that changes whenever a search could answer differently: documents were
    /// stored, or a merge rewrote the actors' names. Equal values, same answers.
    pub fn search_version(&mut self) -> Result<String> {
        let rows = self.db.query(
            "SELECT key, value FROM meta
             WHERE key IN ('documents_version', 'actor_names_version') ORDER BY key",
            &[],
        )?;
        let mut out = String::new();
        for r in rows {
            out.push_str(&r[0].text("key")?);
            out.push('=');
            out.push_str(&r[1].text("value")?);
            out.push(';');
        }
        Ok(out)
    }

    /// Whether documents or analysts' decisions were stored since the last merge.
    pub fn merge_needed(&mut self) -> Result<bool> {
        let rows = self.db.query(
            "SELECT value FROM meta WHERE key IN ('merge_full', 'decisions_dirty')
             UNION ALL SELECT '1' WHERE EXISTS (SELECT 1 FROM merge_pending)",
            &[],
        )?;
        Ok(rows.iter().any(|r| r[0] == Value::from("1")))
    }

    /// Bring the merged views up to date with what was stored since the last merge: only
    /// what the new documents touch is recomputed (see [`merge`]); the result equals
    /// [`Store::merge_full`]'s.
    pub fn merge(&mut self) -> Result<MergeSummary> {
        let config = self.config.clone();
        self.retrying(|db| merge::run(db, &config, false))
    }

    /// Recompute the merged views from everything stored.
    pub fn merge_full(&mut self) -> Result<MergeSummary> {
        let config = self.config.clone();
        self.retrying(|db| merge::run(db, &config, true))
    }

    fn retrying<T>(&mut self, mut f: impl FnMut(&mut dyn Backend) -> Result<T>) -> Result<T> {
        let mut attempt = 0;
        loop {
            self.db.begin()?;
            let res = f(self.db.as_mut()).and_then(|v| self.db.commit().map(|()| v));
            match res {
                Ok(v) => return Ok(v),
                Err(e) => {
                    let _ = self.db.rollback();
                    attempt += 1;
                    if attempt >= RETRIES || !self.db.is_retryable(&e) {
                        return Err(e);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50 << attempt.min(6)));
                }
            }
        }
    }
}
