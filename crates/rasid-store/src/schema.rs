//! Versioned migrations. Each migration is applied once, in order, inside a transaction,
//! and recorded in `schema_migrations`; both backends share the DDL, with `{BLOB}` and the
//! search index written per dialect.
//!
//! Two kinds of tables:
//! * **per document** (written by ingest, one transaction per chunk of documents, every
//!   id derived from the document's source and content hash): `documents`, `articles`,
//!   `article_actors`, `actor_mentions`, `article_places`, `place_mentions`, `events`,
//!   `event_actors`, `event_evidence`, `relations`, `relation_evidence`, the search index;
//! * **merged** (recomputed from the per-document tables by [`crate::merge`], under a
//!   lock, in one transaction): `actors`, `duplicates`, `merged_events`,
//!   `merged_event_members`, `edges`, `edge_members`.

use crate::backend::{Backend, Dialect, Value};
use crate::error::{Result, StoreError};

/// A schema change.
struct Migration {
    version: i64,
    name: &'static str,
    common: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const V1_COMMON: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    chars BIGINT NOT NULL,
    encoding TEXT NOT NULL,
    url TEXT,
    text TEXT NOT NULL,
    UNIQUE (source, content_hash)
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    idx BIGINT NOT NULL,
    title TEXT NOT NULL,
    main BIGINT NOT NULL,
    relevant BIGINT NOT NULL,
    published TEXT,
    outlet TEXT,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    exact_hash TEXT,
    minhash {BLOB},
    search_title TEXT NOT NULL,
    search_body TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX articles_document ON articles(document_id);
CREATE TABLE article_actors (
    article_id TEXT NOT NULL REFERENCES articles(id),
    actor_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT,
    affiliation TEXT,
    role TEXT,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX article_actors_actor ON article_actors(actor_id);
CREATE TABLE actor_mentions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    actor_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    text TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (article_id, actor_id, seq)
);
CREATE TABLE article_places (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx BIGINT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT,
    country TEXT,
    admin1 TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    kind TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE place_mentions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    place_idx BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    text TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (article_id, place_idx, seq)
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    subtype TEXT,
    place TEXT,
    country TEXT,
    date TEXT,
    date_end TEXT,
    killed BIGINT,
    injured BIGINT,
    modality TEXT NOT NULL,
    claimed_by TEXT,
    text TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id),
    pos BIGINT NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (event_id, pos)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id);
CREATE TABLE event_evidence (
    event_id TEXT NOT NULL REFERENCES events(id),
    seq BIGINT NOT NULL,
    text TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (event_id, seq)
);
CREATE TABLE relations (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx BIGINT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    relation_type TEXT NOT NULL
);
CREATE INDEX relations_article ON relations(article_id);
CREATE TABLE relation_evidence (
    relation_id TEXT NOT NULL REFERENCES relations(id),
    seq BIGINT NOT NULL,
    text TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (relation_id, seq)
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT,
    n_articles BIGINT NOT NULL
);
CREATE TABLE duplicates (
    article_id TEXT PRIMARY KEY,
    original_id TEXT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL
);
CREATE TABLE merged_events (
    id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    place TEXT,
    country TEXT,
    date_start TEXT,
    date_end TEXT,
    actors TEXT NOT NULL,
    killed BIGINT,
    injured BIGINT,
    n_sources BIGINT NOT NULL,
    n_articles BIGINT NOT NULL,
    n_events BIGINT NOT NULL
);
CREATE INDEX merged_events_type ON merged_events(event_type, date_start);
CREATE TABLE merged_event_members (
    merged_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (merged_id, event_id)
);
CREATE INDEX merged_event_members_event ON merged_event_members(event_id);
CREATE TABLE edges (
    id TEXT PRIMARY KEY,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    relation_type TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    weight BIGINT NOT NULL,
    n_articles BIGINT NOT NULL,
    n_sources BIGINT NOT NULL
);
CREATE INDEX edges_a ON edges(a);
CREATE INDEX edges_b ON edges(b);
CREATE TABLE edge_members (
    edge_id TEXT NOT NULL,
    relation_id TEXT NOT NULL,
    PRIMARY KEY (edge_id, relation_id)
);
"#;

/// SQLite: a contentless FTS5 index of the normalised, clitic-stripped terms (prefix
/// indexes for the prefix queries every search term becomes). It keeps only the article
/// id, so in SQLite `articles.search_title`/`search_body` stay empty: the terms live in
/// the index alone. Snippets are cut from the document text.
const V1_SQLITE: &str = r#"
CREATE VIRTUAL TABLE article_search USING fts5(
    article_id UNINDEXED, title, body,
    content = '', contentless_unindexed = 1,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'
);
"#;

/// PostgreSQL: the same normalised columns as a 'simple' tsvector (no stemming, no stop
/// words: the normalisation is ours), title weighted above body, GIN-indexed.
const V1_POSTGRES: &str = r#"
ALTER TABLE articles ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', search_title), 'A') || to_tsvector('simple', search_body)
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search_tsv);
"#;

/// Places keep the article's spelling as their name; the gazetteer entry is kept beside it
/// so that events in «نجامينا» and «انجامينا» still merge across documents.
const V2_COMMON: &str = r#"
ALTER TABLE article_places ADD COLUMN place_id TEXT;
ALTER TABLE events ADD COLUMN place_id TEXT;
"#;

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "documents, facts with provenance, merged views, search index",
        common: V1_COMMON,
        sqlite: V1_SQLITE,
        postgres: V1_POSTGRES,
    },
    Migration {
        version: 2,
        name: "gazetteer ids of places and event places",
        common: V2_COMMON,
        sqlite: "",
        postgres: "",
    },
];

/// The newest schema version this build knows.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

fn for_dialect(sql: &str, d: Dialect) -> String {
    match d {
        Dialect::Sqlite => sql.replace("{BLOB}", "BLOB"),
        Dialect::Postgres => sql.replace("{BLOB}", "BYTEA"),
    }
}

/// Bring the store up to the latest schema. Safe to run from several processes at once.
pub fn migrate(db: &mut dyn Backend) -> Result<()> {
    let dialect = db.dialect();
    db.begin()?;
    let run = (|| -> Result<()> {
        if dialect == Dialect::Postgres {
            // serialise concurrent first runs
            db.exec(
                "SELECT pg_advisory_xact_lock(?)",
                &[Value::Int(0x7261_7369_645f_7363)],
            )?;
        }
        db.batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL)",
        )?;
        let rows = db.query("SELECT MAX(version) FROM schema_migrations", &[])?;
        let current = rows
            .first()
            .and_then(|r| r.first())
            .map(|v| v.opt_int("version"))
            .transpose()?
            .flatten()
            .unwrap_or(0);
        if current > latest() {
            return Err(StoreError::SchemaTooNew {
                found: current,
                known: latest(),
            });
        }
        for m in MIGRATIONS.iter().filter(|m| m.version > current) {
            db.batch(&for_dialect(m.common, dialect))?;
            let own = match dialect {
                Dialect::Sqlite => m.sqlite,
                Dialect::Postgres => m.postgres,
            };
            db.batch(own)?;
            db.exec(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                &[Value::Int(m.version), Value::from(m.name)],
            )?;
        }
        Ok(())
    })();
    match run {
        Ok(()) => db.commit(),
        Err(e) => {
            let _ = db.rollback();
            Err(e)
        }
    }
}
