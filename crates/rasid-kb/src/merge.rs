//! `kb/merge.toml`: the numbers of the store's merge across articles (`rasid-store`).

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::{KbFile, KbSource};

const FILE: &str = "merge.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    events: EventMerge,
    #[serde(default)]
    incremental: IncrementalMerge,
}

/// How the store merges facts across articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeConfig {
    pub events: EventMerge,
    pub incremental: IncrementalMerge,
}

/// `[incremental]`: when a merge updates only what new articles touch.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncrementalMerge {
    /// New articles up to this percentage of the stored ones are merged by updating what
    /// they touch; more, by recomputing everything (faster then; the same result).
    pub max_percent: u32,
}

impl Default for IncrementalMerge {
    fn default() -> Self {
        Self { max_percent: 20 }
    }
}

/// `[events]`: which reports are one event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMerge {
    /// Reports at most this many days apart may be one event.
    pub window_days: i64,
    /// A date spanning more days than this does not place an event in time.
    pub max_date_span_days: i64,
}

impl MergeConfig {
    /// The built-in `kb/merge.toml` alone.
    pub fn builtin() -> Result<Self, KbError> {
        Self::load(&KbSource::builtin())
    }

    pub(crate) fn load(src: &KbSource) -> Result<Self, KbError> {
        Self::parse(&src.read(FILE)?)
    }

    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let events = raw.events;
        at_least(name, "window_days", events.window_days, 0)?;
        at_least(name, "max_date_span_days", events.max_date_span_days, 1)?;
        if raw.incremental.max_percent > 100 {
            return Err(KbError::invalid(
                name,
                format!(
                    "[incremental] max_percent must be 0 to 100, not {}",
                    raw.incremental.max_percent
                ),
            ));
        }
        Ok(Self {
            events,
            incremental: raw.incremental,
        })
    }
}

/// `[events] key` must be at least `min`: a negative window or an empty date span would
/// merge nothing, or everything.
fn at_least(file: &str, key: &str, value: i64, min: i64) -> Result<(), KbError> {
    if value >= min {
        Ok(())
    } else {
        Err(KbError::invalid(
            file,
            format!("[events] {key} must be ≥ {min}, not {value}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "version = 1\n[events]\n";

    #[test]
    fn builtin_file_loads() {
        let c = MergeConfig::builtin().expect("built-in merge.toml");
        assert_eq!(c.events.window_days, 3);
        assert_eq!(c.events.max_date_span_days, 31);
        assert_eq!(c.incremental.max_percent, 20);
        assert_eq!(crate::Kb::builtin().expect("built in").merge, c);
    }

    #[test]
    fn bad_numbers_and_keys_name_the_file_and_the_entry() {
        let err = |body: &str| {
            let file = KbFile {
                name: "kb/merge.toml".into(),
                text: format!("{HEAD}{body}"),
                builtin: false,
            };
            MergeConfig::parse(&file).expect_err("invalid").to_string()
        };
        let e = err("window_days = -1\nmax_date_span_days = 31\n");
        assert!(
            e.contains("kb/merge.toml") && e.contains("window_days"),
            "{e}"
        );
        let e = err("window_days = 3\nmax_date_span_days = 0\n");
        assert!(e.contains("max_date_span_days"), "{e}");
        let e = err("window_days = 3\nmax_date_span_days = 31\nwindow = 2\n");
        assert!(e.contains("kb/merge.toml") && e.contains("window"), "{e}");
        let e = err("window_days = 3\n");
        assert!(e.contains("max_date_span_days"), "{e}");
    }

    #[test]
    fn a_users_dir_overrides_the_built_in_file() {
        let dir = std::env::temp_dir().join(format!("rasid-kb-merge-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let c = crate::Kb::from_dir(&dir)
            .map(|kb| kb.merge)
            .expect("falls back to the built-in file");
        assert_eq!(c.events.window_days, 3);
        let path = dir.join(FILE);
        std::fs::write(
            &path,
            format!("{HEAD}window_days = 7\nmax_date_span_days = 31\n"),
        )
        .expect("write");
        let c = crate::Kb::from_dir(&dir)
            .map(|kb| kb.merge)
            .expect("user's file");
        assert_eq!(c.events.window_days, 7);
        std::fs::write(
            &path,
            format!("{HEAD}window_days = -2\nmax_date_span_days = 31\n"),
        )
        .expect("write");
        let e = crate::Kb::from_dir(&dir)
            .map(|kb| kb.merge)
            .expect_err("invalid")
            .to_string();
        assert!(e.contains(&path.display().to_string()), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
