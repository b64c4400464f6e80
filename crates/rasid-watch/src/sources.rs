//! The sources file of `rasid watch` (TOML): what to follow and how politely.
//!
//! ```toml
//! interval_seconds = 900        # between cycles
//! politeness_seconds = 5        # between two requests to one host
//! timeout_seconds = 20          # per request, connection included
//! max_page_mb = 5               # a larger feed, sitemap or page is skipped
//! max_items_per_cycle = 200     # new pages fetched per cycle, at most
//!
//! [[source]]
//! kind = "feed"                 # RSS or Atom
//! url = "https://example.org/rss.xml"
//!
//! [[source]]
//! kind = "sitemap"              # a sitemap or a sitemap index
//! url = "https://example.org/sitemap.xml"
//!
//! [[source]]
//! kind = "folder"               # pages a scraper writes
//! path = "/data/scraped"
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::WatchError;

/// Everything `rasid watch` follows, with its limits.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    #[serde(default = "default_interval")]
    pub interval_seconds: u64,
    #[serde(default = "default_politeness")]
    pub politeness_seconds: f64,
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    #[serde(default = "default_max_page_mb")]
    pub max_page_mb: f64,
    #[serde(default = "default_max_items")]
    pub max_items_per_cycle: usize,
    /// The `User-Agent` of every request, also the name robots.txt rules are read for.
    #[serde(default = "default_user_agent")]
    pub user_agent: String,
    #[serde(rename = "source", default)]
    pub sources: Vec<Source>,
}

/// One thing to follow.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: SourceKind,
    /// Feeds and sitemaps: an http:// or https:// URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Folders: a directory (relative to the sources file).
    #[serde(default)]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// An RSS or Atom feed: each entry's link is a page.
    Feed,
    /// A sitemap (`<urlset>`: each `<loc>` a page) or a sitemap index (each `<loc>` a
    /// sitemap, read in the same cycle).
    Sitemap,
    /// A local folder of pages (`.html`, `.txt`, `.jsonl` …) that a scraper fills.
    Folder,
}

fn default_interval() -> u64 {
    900
}
fn default_politeness() -> f64 {
    5.0
}
fn default_timeout() -> u64 {
    20
}
fn default_max_page_mb() -> f64 {
    5.0
}
fn default_max_items() -> usize {
    200
}
fn default_user_agent() -> String {
    concat!("rasid/", env!("CARGO_PKG_VERSION")).to_string()
}

impl Sources {
    /// Read and check the sources file at `path` (folders relative to it).
    pub fn load(path: &Path) -> Result<Self, WatchError> {
        let bad = |msg: String| WatchError::Sources {
            path: path.display().to_string(),
            msg,
        };
        let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
        let mut s: Sources = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
        s.check().map_err(bad)?;
        let base = path.parent().unwrap_or(Path::new("."));
        for src in &mut s.sources {
            if let Some(p) = &src.path {
                if p.is_relative() {
                    src.path = Some(base.join(p));
                }
            }
        }
        Ok(s)
    }

    fn check(&self) -> Result<(), String> {
        if self.sources.is_empty() {
            return Err("no [[source]]: name at least one feed, sitemap or folder".into());
        }
        if !(1..=7 * 24 * 3600).contains(&self.interval_seconds) {
            return Err("interval_seconds is 1 to 604800".into());
        }
        if !(0.0..=3600.0).contains(&self.politeness_seconds) {
            return Err("politeness_seconds is 0 to 3600".into());
        }
        if !(1..=600).contains(&self.timeout_seconds) {
            return Err("timeout_seconds is 1 to 600".into());
        }
        if !(self.max_page_mb > 0.0 && self.max_page_mb <= 100.0) {
            return Err("max_page_mb is above 0 and at most 100".into());
        }
        if self.user_agent.trim().is_empty() || !self.user_agent.is_ascii() {
            return Err("user_agent is a non-empty ASCII string".into());
        }
        for (n, s) in self.sources.iter().enumerate() {
            let n = n + 1;
            match s.kind {
                SourceKind::Feed | SourceKind::Sitemap => match &s.url {
                    Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
                        url::Url::parse(u).map_err(|e| format!("source {n}: {u:?}: {e}"))?;
                    }
                    _ => {
                        return Err(format!(
                            "source {n}: a feed or sitemap needs an http(s) url"
                        ))
                    }
                },
                SourceKind::Folder => {
                    if s.path.is_none() {
                        return Err(format!("source {n}: a folder needs a path"));
                    }
                }
            }
        }
        Ok(())
    }

    pub fn interval(&self) -> Duration {
        Duration::from_secs(self.interval_seconds)
    }
    pub fn politeness(&self) -> Duration {
        Duration::from_secs_f64(self.politeness_seconds)
    }
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_seconds)
    }
    pub fn max_page_bytes(&self) -> u64 {
        (self.max_page_mb * 1024.0 * 1024.0) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Sources, String> {
        let s: Sources = toml::from_str(text).map_err(|e| e.to_string())?;
        s.check()?;
        Ok(s)
    }

    #[test]
    fn defaults_and_kinds() {
        let s = parse(
            r#"
            [[source]]
            kind = "feed"
            url = "https://example.org/rss.xml"
            [[source]]
            kind = "folder"
            path = "pages"
            "#,
        )
        .expect("valid");
        assert_eq!(s.interval_seconds, 900);
        assert_eq!(s.sources[1].kind, SourceKind::Folder);
    }

    #[test]
    fn bad_sources_are_named() {
        assert!(parse("").unwrap_err().contains("no [[source]]"));
        let e = parse("[[source]]\nkind = \"feed\"\nurl = \"ftp://x\"").unwrap_err();
        assert!(e.contains("source 1"), "{e}");
        assert!(parse("[[source]]\nkind = \"folder\"").is_err());
        assert!(parse("[[source]]\nkind = \"torrent\"\nurl = \"http://x\"").is_err());
        assert!(
            parse("interval_seconds = 0\n[[source]]\nkind = \"folder\"\npath = \"x\"").is_err()
        );
    }
}
