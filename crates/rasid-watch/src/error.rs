//! What can go wrong watching.

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("{0}")]
    Store(#[from] rasid_store::StoreError),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("sources file {path}: {msg}")]
    Sources { path: String, msg: String },
    #[error("{url}: {msg}")]
    Fetch { url: String, msg: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}
