//! Ingest errors: each names the input (file, and line for JSON Lines) and the problem.

use std::path::PathBuf;

use crate::decode::DecodeError;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{origin}: {source}")]
    Decode { origin: String, source: DecodeError },
    #[error("{origin}: not valid JSON: {message}")]
    Json { origin: String, message: String },
    #[error("{origin}: {problem}")]
    Record { origin: String, problem: String },
    #[error("{path}: no such file or directory")]
    Missing { path: PathBuf },
}

impl IngestError {
    /// The input the error is about, as shown to the user.
    pub fn origin(&self) -> String {
        match self {
            Self::Io { path, .. } | Self::Missing { path } => path.display().to_string(),
            Self::Decode { origin, .. }
            | Self::Json { origin, .. }
            | Self::Record { origin, .. } => origin.clone(),
        }
    }
}
