//! What can go wrong in the store.

/// A store failure: which store, what it was doing, and the database's own message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite store {path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("PostgreSQL store: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("unsupported database URL {0:?}: use a file path, sqlite://PATH or postgres://…")]
    BadUrl(String),
    #[error("no store at {0}: `rasid ingest --db {0} PAGES…` makes one (is the path mistyped?)")]
    NoStore(String),
    #[error("the store's schema is version {found}, newer than this rasid knows ({known}); upgrade rasid")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("unexpected value in column {column}: {detail}")]
    Decode { column: String, detail: String },
    #[error("review: {0}")]
    BadReview(String),
    #[error("watchlist: {0}")]
    BadWatchlist(String),
    #[error("no such fact in the store: {0}")]
    NoFact(String),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;
