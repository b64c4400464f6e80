//! What `rasid watch` remembers between cycles and runs, in `state.json` of its spool
//! folder: each feed's validators and body hash (so an unchanged feed is neither fetched
//! again nor read again), and every page URL already taken.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::WatchError;
use crate::http::Validators;

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchState {
    /// Per feed or sitemap URL.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
    /// Page URLs fetched (or refused by robots.txt): never fetched again.
    #[serde(default)]
    pub seen: BTreeSet<String>,
    /// Pages kept in the spool and not yet stored (an ingest failed, or the run stopped
    /// before it): the next ingest takes them.
    #[serde(default)]
    pub pending: BTreeSet<std::path::PathBuf>,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    #[serde(default)]
    pub validators: Validators,
    /// xxh3 of the last body read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_hash: Option<String>,
}

impl WatchState {
    /// The state at `path`; empty when there is none yet.
    pub fn load(path: &Path) -> Result<Self, WatchError> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| WatchError::Sources {
                path: path.display().to_string(),
                msg: format!("not a state file of rasid watch: {e}"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(WatchError::Io {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    /// Write the state to `path` whole or not at all (a temporary file renamed).
    pub fn save(&self, path: &Path) -> Result<(), WatchError> {
        let io = |source| WatchError::Io {
            path: path.display().to_string(),
            source,
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        serde_json::to_writer(&mut tmp, self)?;
        tmp.flush().map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }
}
