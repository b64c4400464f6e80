//! Versioned migrations. Each migration is applied once, in order, inside a transaction,
//! and recorded in `schema_migrations`; both backends share the DDL, with `{BLOB}` and the
//! search index written per dialect.
//!
//! Two kinds of tables:
//! * **per document** (written by ingest, one transaction per chunk of documents, every
//!   id derived from the document's source and content hash): `documents`, `articles`,
//!   `article_actors`, `actor_mentions`, `article_places`, `place_mentions`, `events`,
//!   `event_actors`, `event_targets`, `event_evidence`, `relations`, `relation_evidence`,
//!   the search index;
//! * **merged** (brought up to date from the per-document tables by [`crate::merge`],
//!   under a lock, in one transaction): `actors`, `actor_names`, `duplicates`,
//!   `merged_events`, `merged_event_members`, `edges`, `edge_members`; `merge_pending`
//!   lists the articles stored since, `article_bands` their LSH band keys.

use crate::backend::{Backend, Dialect, Value};
use crate::error::{Result, StoreError};

/// A schema change.
struct Migration {
    version: i64,
    name: &'static str,
    common: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
    /// Fills what the DDL adds from the rows already stored (Rust, not SQL: names are
    /// normalised by `rasid-text`).
    fill: Option<fn(&mut dyn Backend) -> Result<()>>,
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

/// How sure the extractor is of each fact, events recalled from before the news, and the
/// actors an event was done to.
///
/// Targets get their own table, `event_targets`, rather than a `role` column on
/// `event_actors`: `event_actors` keeps the contract's `actors` (the doer first, then
/// those acted on; none when no doer is named), so a forgotten filter can never put a
/// victim in the doer's place; `event_targets` says who was acted on (the doers are the
/// actors not there). Stores written before the extractor listed targets beside a named
/// doer hold targets only for events that name none; re-extracting fills them.
/// `background` is 0/1 like the other flags; confidences are nullable (none computed)
/// `DOUBLE PRECISION` like the other reals. The merged views carry the merge's result:
/// an event's targets, background and confidence, an edge's confidence.
const V3_COMMON: &str = r#"
ALTER TABLE events ADD COLUMN background BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION;
CREATE TABLE event_targets (
    event_id TEXT NOT NULL REFERENCES events(id),
    pos BIGINT NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (event_id, pos)
);
CREATE INDEX event_targets_actor ON event_targets(actor_id);
ALTER TABLE relations ADD COLUMN confidence DOUBLE PRECISION;
ALTER TABLE merged_events ADD COLUMN targets TEXT NOT NULL DEFAULT '[]';
ALTER TABLE merged_events ADD COLUMN background BIGINT NOT NULL DEFAULT 0;
ALTER TABLE merged_events ADD COLUMN confidence DOUBLE PRECISION;
ALTER TABLE edges ADD COLUMN confidence DOUBLE PRECISION;
"#;

/// Every name each stored actor is known by, normalised (`rasid_text::normalize`, lower
/// case): its id, its Arabic and English names, and the text of each of its mentions.
/// A search for a name reads this small table instead of normalising every mention of
/// the store on each request. `canonical` is 1 for the names an article gave the actor
/// as its name (`article_actors.name_ar`), which name it unambiguously.
const V4_COMMON: &str = r#"
CREATE TABLE actor_names (
    actor_id TEXT NOT NULL,
    name TEXT NOT NULL,
    canonical BIGINT NOT NULL,
    PRIMARY KEY (actor_id, name)
);
CREATE INDEX actor_names_name ON actor_names(name);
"#;

/// Analysts' decisions (append-only: every decision kept with who and when, the latest on
/// a subject in force; see [`crate::review`]) and what the merge marks with them: a merged
/// event, a report, an edge or a statement confirmed or corrected.
const V5_COMMON: &str = r#"
CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    document TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    label TEXT NOT NULL,
    verdict TEXT NOT NULL,
    correction TEXT,
    analyst TEXT NOT NULL,
    note TEXT,
    decided_at TEXT NOT NULL
);
CREATE INDEX reviews_subject ON reviews(subject_id, decided_at);
ALTER TABLE merged_events ADD COLUMN review TEXT;
ALTER TABLE merged_event_members ADD COLUMN review TEXT;
ALTER TABLE edges ADD COLUMN review TEXT;
ALTER TABLE edge_members ADD COLUMN review TEXT;
"#;

/// Watchlists (saved filters) and the alerts each merge records for them (`crate::watch`):
/// `baseline` alerts are what matched when the watchlist was saved, never shown.
const V6_COMMON: &str = r#"
CREATE TABLE watchlists (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    filter TEXT NOT NULL,
    webhook TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    watchlist_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    title TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL,
    baseline BIGINT NOT NULL,
    read BIGINT NOT NULL,
    delivered BIGINT NOT NULL
);
CREATE INDEX alerts_watchlist ON alerts(watchlist_id, fact_id);
CREATE INDEX alerts_created ON alerts(created_at);
"#;

/// What the incremental merge reads (`crate::merge`): each article's LSH band keys (to
/// find its near copies without reading every fingerprint), the articles stored and not
/// yet merged, each merged event's block (type and place), and the indexes that find an
/// article's exact copies, a copy's copies, a relation's edge, how articles name an
/// actor (covering: an actor's names are counted from the index alone) and the documents
/// of a content hash (what analysts' decisions are keyed by).
const V7_COMMON: &str = r#"
CREATE TABLE article_bands (
    article_id TEXT NOT NULL,
    band_key BIGINT NOT NULL,
    PRIMARY KEY (article_id, band_key)
);
CREATE INDEX article_bands_key ON article_bands(band_key, article_id);
CREATE TABLE merge_pending (article_id TEXT PRIMARY KEY);
CREATE INDEX articles_exact ON articles(exact_hash);
CREATE INDEX documents_content ON documents(content_hash);
DROP INDEX article_actors_actor;
CREATE INDEX article_actors_naming ON article_actors(actor_id, kind, name_ar, name_en);
CREATE INDEX duplicates_original ON duplicates(original_id);
CREATE INDEX edge_members_relation ON edge_members(relation_id);
ALTER TABLE merged_events ADD COLUMN block TEXT;
CREATE INDEX merged_events_block ON merged_events(block);
DELETE FROM meta WHERE key = 'merge_dirty';
INSERT INTO meta (key, value) SELECT 'merge_full', '1' WHERE EXISTS (SELECT 1 FROM articles);
"#;

/// The band keys of every stored article with a MinHash signature (the merged events
/// have no block yet: the next merge is a full one, `merge_full`).
fn fill_band_keys(db: &mut dyn Backend) -> Result<()> {
    for r in db.query(
        "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL",
        &[],
    )? {
        let Some(blob) = r[1].blob("minhash")? else {
            continue;
        };
        let sig = crate::write::minhash_of(&blob);
        crate::write::insert_band_keys(db, &r[0].text("articles.id")?, &sig)?;
    }
    Ok(())
}

/// The lines an article keeps, apart from its record, for the search's snippets: reading
/// them out of each hit's record cost a search a tenth of its time.
const V8_COMMON: &str = r#"
ALTER TABLE articles ADD COLUMN blocks TEXT;
"#;
const V8_SQLITE: &str = r#"
UPDATE articles SET blocks = json_extract(record, '$.blocks');
"#;
const V8_POSTGRES: &str = r#"
UPDATE articles SET blocks = (record::json -> 'blocks')::text;
"#;

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "documents, facts with provenance, merged views, search index",
        common: V1_COMMON,
        sqlite: V1_SQLITE,
        postgres: V1_POSTGRES,
        fill: None,
    },
    Migration {
        version: 2,
        name: "gazetteer ids of places and event places",
        common: V2_COMMON,
        sqlite: "",
        postgres: "",
        fill: None,
    },
    Migration {
        version: 3,
        name: "event targets, background and confidence; relation and edge confidence",
        common: V3_COMMON,
        sqlite: "",
        postgres: "",
        fill: None,
    },
    Migration {
        version: 4,
        name: "the normalised names of each actor, for search",
        common: V4_COMMON,
        sqlite: "",
        postgres: "",
        fill: Some(crate::merge::write_actor_names),
    },
    Migration {
        version: 5,
        name: "analysts' decisions on facts; review marks on merged facts",
        common: V5_COMMON,
        sqlite: "",
        postgres: "",
        fill: None,
    },
    Migration {
        version: 6,
        name: "watchlists and their alerts",
        common: V6_COMMON,
        sqlite: "",
        postgres: "",
        fill: None,
    },
    Migration {
        version: 7,
        name: "what the incremental merge reads: band keys, pending articles, event blocks",
        common: V7_COMMON,
        sqlite: "",
        postgres: "",
        fill: Some(fill_band_keys),
    },
    Migration {
        version: 8,
        name: "each article's kept lines apart from its record",
        common: V8_COMMON,
        sqlite: V8_SQLITE,
        postgres: V8_POSTGRES,
        fill: None,
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
    migrate_to(db, latest())
}

/// Bring the store up to schema `version` (an older store, for the migration tests).
fn migrate_to(db: &mut dyn Backend, version: i64) -> Result<()> {
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
        for m in MIGRATIONS
            .iter()
            .filter(|m| m.version > current && m.version <= version)
        {
            db.batch(&for_dialect(m.common, dialect))?;
            let own = match dialect {
                Dialect::Sqlite => m.sqlite,
                Dialect::Postgres => m.postgres,
            };
            db.batch(own)?;
            if let Some(fill) = m.fill {
                fill(db)?;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sqlite::SqliteBackend;
    use crate::{EventFilter, MergeConfig, Store};

    /// A store at schema version 2 (before targets, background and confidence) holding
    /// one article with an attack by the houthis and a relation, written with that
    /// version's columns.
    fn version_2_store(mut db: Box<dyn Backend>) -> Box<dyn Backend> {
        migrate_to(db.as_mut(), 2).expect("schema 2");
        db.batch(
            "INSERT INTO documents (id, source, content_hash, chars, encoding, url, text)
                VALUES ('doc', 'old.txt', 'h', 20, 'UTF-8', NULL, 'هجوم حوثي على مأرب');
             INSERT INTO articles (id, document_id, idx, title, main, relevant, published,
                outlet, span_start, span_end, exact_hash, minhash, search_title, search_body,
                record)
                VALUES ('art', 'doc', 0, 'هجوم', 1, 1, '2024-05-02', NULL, 0, 18, NULL, NULL,
                '', '', '{\"blocks\":[[0,18]]}');
             INSERT INTO events (id, article_id, idx, event_type, subtype, place, place_id,
                country, date, date_end, killed, injured, modality, claimed_by, text,
                span_start, span_end, rule)
                VALUES ('ev', 'art', 0, 'ATTACK', NULL, 'مأرب', NULL, 'YE', '2024-05-02', NULL,
                2, NULL, 'reported', NULL, 'هجوم حوثي على مأرب', 0, 18, 'event:old');
             INSERT INTO event_actors (event_id, pos, actor_id) VALUES ('ev', 0, 'houthis');
             INSERT INTO article_actors (article_id, actor_id, kind, name_ar, name_en)
                VALUES ('art', 'houthis', 'armed_group', 'الحوثيون', 'Houthis');
             INSERT INTO actor_mentions (article_id, actor_id, seq, text, span_start,
                span_end, rule)
                VALUES ('art', 'houthis', 0, 'حوثي', 4, 8, 'actor:alias');
             INSERT INTO relations (id, article_id, idx, a, b, relation_type)
                VALUES ('rel', 'art', 0, 'houthis', 'yemen_army', 'HOSTILE');",
        )
        .expect("version 2 rows");
        db
    }

    /// Migrate `db`, a version 2 store, and read its facts back.
    fn check_migration(db: Box<dyn Backend>) {
        let mut db = version_2_store(db);
        let version = |db: &mut dyn Backend| {
            db.query("SELECT MAX(version) FROM schema_migrations", &[])
                .expect("version")[0][0]
                .clone()
        };
        assert_eq!(version(db.as_mut()), Value::Int(2));
        migrate(db.as_mut()).expect("migrate");
        assert_eq!(version(db.as_mut()), Value::Int(latest()));
        migrate(db.as_mut()).expect("a second run does nothing");
        // the kept lines are copied out of the record
        let blocks = db
            .query("SELECT blocks FROM articles", &[])
            .expect("blocks");
        assert_eq!(blocks[0][0].text("blocks").expect("text"), "[[0,18]]");
        let mut store = Store {
            db,
            config: MergeConfig::builtin().expect("merge.toml"),
            names: None,
        };
        // the migration that adds the actors' names fills it from the stored mentions
        let found = store.actors(Some("حوثي"), 10).expect("actors");
        assert_eq!(found.len(), 0, "no merged actors before the merge");
        let names = store
            .db
            .query("SELECT name FROM actor_names ORDER BY name", &[])
            .expect("names");
        let names: Vec<String> = names
            .iter()
            .map(|r| r[0].text("name").expect("name"))
            .collect();
        assert_eq!(names, ["houthis", "الحوثيون", "حوثي"]);
        store.merge().expect("merge");
        let found = store.actors(Some("حوث"), 10).expect("actors");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, "houthis");
        let events = store.events(&EventFilter::default()).expect("events");
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.actors, ["houthis"]);
        assert!(e.targets.is_empty() && !e.background && e.confidence.is_none());
        let r = &e.reports[0];
        assert_eq!(r.actors, ["houthis"]);
        assert!(r.targets.is_empty() && !r.background && r.confidence.is_none());
        // old facts have no confidence, so every threshold keeps them
        let kept = store
            .events(&EventFilter {
                min_confidence: Some(1.0),
                ..EventFilter::default()
            })
            .expect("events");
        assert_eq!(kept.len(), 1);
        let graph = store.graph(None, &[], 1, Some(1.0)).expect("graph");
        assert_eq!(graph.edges.len(), 1);
        assert_eq!(graph.edges[0].confidence, None);
    }

    #[test]
    fn a_version_2_store_migrates_in_place_and_reads_its_old_facts() {
        let db = SqliteBackend::open(std::path::Path::new(":memory:")).expect("open");
        check_migration(Box::new(db));
    }

    /// The same on PostgreSQL when `RASID_TEST_PG=postgres://USER:PASS@HOST/DB` names a
    /// server where USER may create databases (a fresh database is made and dropped).
    #[test]
    fn a_version_2_postgres_store_migrates_in_place() {
        let Some(db) = crate::scratch::scratch_database("rasid_migrate") else {
            eprintln!("SKIP: RASID_TEST_PG is not set; the PostgreSQL migration is not tested");
            return;
        };
        let db = db.expect("a scratch database");
        let pg = crate::postgres::PostgresBackend::connect(&db.url).expect("connect");
        check_migration(Box::new(pg));
    }
}
