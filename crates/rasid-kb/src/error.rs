//! Errors from loading `kb/`: each names the file and what is wrong in it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("kb: cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("kb: {file} is not valid TOML for its schema: {message}")]
    Parse { file: String, message: String },
    #[error("kb: {file}: {problem}")]
    Invalid { file: String, problem: String },
}

impl KbError {
    pub(crate) fn invalid(file: &str, problem: impl Into<String>) -> Self {
        Self::Invalid {
            file: file.to_string(),
            problem: problem.into(),
        }
    }

    pub(crate) fn parse(file: &str, err: toml::de::Error) -> Self {
        Self::Parse {
            file: file.to_string(),
            message: err.to_string(),
        }
    }
}

/// Check the `version` field every kb file carries.
pub(crate) fn check_version(file: &str, version: u32, supported: u32) -> Result<(), KbError> {
    if version == supported {
        Ok(())
    } else {
        Err(KbError::invalid(
            file,
            format!(
                "schema version {version} is not supported (this build reads version {supported})"
            ),
        ))
    }
}
