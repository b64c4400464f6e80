//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong when reading data or models.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A CoNLL line could not be read as `token [... ] TAG`.
    #[error("CoNLL input, line {line}: {message}")]
    Conll {
        /// 1-based line number in the input.
        line: usize,
        /// What was wrong with it.
        message: String,
    },
    /// A tag is not `O`, `B-X` or `I-X`.
    #[error("bad tag {tag:?}: expected O, B-<CLASS> or I-<CLASS>")]
    BadTag {
        /// The offending tag.
        tag: String,
    },
    /// A model file is not in the expected format (wrong magic, version,
    /// or inconsistent contents), or needs a tagging option this version
    /// no longer has.
    #[error("bad model file: {0} (re-train it with this version of rasid-ner)")]
    BadModel(String),
    /// A line of an unlabelled corpus could not be read.
    #[error("{path}, line {line}: {message}")]
    Corpus {
        /// The corpus file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A word-cluster file could not be parsed.
    #[error("word clusters, line {line}: {message}")]
    Clusters {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// The knowledge base (gazetteer, topic words) could not be loaded.
    #[error("knowledge base: {0}")]
    Kb(#[from] rasid_kb::KbError),
    /// Reading or writing failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    File {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl NerError {
    /// Wraps an I/O error with the path it concerns.
    pub(crate) fn file(path: &std::path::Path, source: std::io::Error) -> Self {
        NerError::File {
            path: path.to_path_buf(),
            source,
        }
    }
}
