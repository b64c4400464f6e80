//! What can go wrong in an export: reading the store, or writing the output.

/// An export that could not be completed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("export: reading the store: {0}")]
    Store(#[from] rasid_store::StoreError),
    #[error("export: writing the output: {0}")]
    Write(#[from] std::io::Error),
    #[error("export: writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("export: writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "export: unknown format {0:?} (one of: jsonl, acled-csv, stix, graphml, gexf, geojson)"
    )]
    UnknownFormat(String),
}

pub type Result<T> = std::result::Result<T, ExportError>;
