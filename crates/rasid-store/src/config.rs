//! The merge's tunable numbers, read from `merge.toml` (built in; a `--kb DIR` may hold
//! its own copy).

use std::path::Path;

use serde::Deserialize;

use crate::error::{Result, StoreError};

const BUILTIN: &str = include_str!("../merge.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConfig {
    pub events: EventMerge,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMerge {
    pub window_days: i64,
    pub max_date_span_days: i64,
}

impl MergeConfig {
    pub fn builtin() -> Result<Self> {
        Self::parse(BUILTIN, "built-in merge.toml")
    }

    /// `dir/merge.toml` if it exists, else the built-in file.
    pub fn from_dir(dir: Option<&Path>) -> Result<Self> {
        let Some(path) = dir.map(|d| d.join("merge.toml")).filter(|p| p.exists()) else {
            return Self::builtin();
        };
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| StoreError::Config {
            origin: origin.clone(),
            detail: e.to_string(),
        })?;
        Self::parse(&text, &origin)
    }

    fn parse(text: &str, origin: &str) -> Result<Self> {
        let c: Self = toml::from_str(text).map_err(|e| StoreError::Config {
            origin: origin.to_string(),
            detail: e.to_string(),
        })?;
        if c.events.window_days < 0 || c.events.max_date_span_days < 1 {
            return Err(StoreError::Config {
                origin: origin.to_string(),
                detail: "window_days must be ≥ 0 and max_date_span_days ≥ 1".into(),
            });
        }
        Ok(c)
    }
}
