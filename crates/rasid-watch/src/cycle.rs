//! One cycle of `rasid watch`: read every feed and sitemap (conditionally), fetch the pages
//! they list that were not taken before (robots.txt obeyed, at most
//! `max_items_per_cycle`), and keep each in the spool folder as an `.html` file for the
//! ingest that follows. Folders are handed to the ingest as they are (it skips what is
//! stored).

use std::path::{Path, PathBuf};

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_128;

use crate::error::WatchError;
use crate::http::{Fetched, Fetcher};
use crate::items::{feed_links, sitemap_links};
use crate::sources::{Source, SourceKind, Sources};
use crate::state::{FeedState, WatchState};

/// Sub-sitemaps of a sitemap index read in one cycle, at most.
const MAX_SUB_SITEMAPS: usize = 50;

/// What one cycle did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct CycleReport {
    /// Feeds and sitemaps asked.
    pub feeds: usize,
    /// Of those, answered 304 Not Modified.
    pub not_modified: usize,
    /// Of those, answered with the same body as last time (not read again).
    pub unchanged: usize,
    /// Feeds and sitemaps that failed, with why.
    pub feed_errors: Vec<String>,
    /// Pages listed that were not taken before.
    pub new_items: usize,
    /// Pages fetched and kept for the ingest.
    pub pages_saved: usize,
    /// Pages that failed (tried again next cycle).
    pub page_errors: usize,
    /// Pages robots.txt forbids (never asked for).
    pub robots_blocked: usize,
    /// New pages left for the next cycle (beyond `max_items_per_cycle`).
    pub deferred: usize,
}

/// A cycle's report and what to ingest.
#[derive(Debug, Default)]
pub struct CycleOutput {
    pub report: CycleReport,
    /// Page files written to the spool this cycle.
    pub pages: Vec<PathBuf>,
    /// Folders to ingest.
    pub folders: Vec<PathBuf>,
}

/// Run one cycle; `spool` holds the fetched pages (`pages/`).
pub fn run_cycle(
    sources: &Sources,
    spool: &Path,
    state: &mut WatchState,
    fetcher: &mut Fetcher,
) -> Result<CycleOutput, WatchError> {
    let mut out = CycleOutput::default();
    let mut queue: Vec<String> = Vec::new();
    for source in &sources.sources {
        match (source.kind, &source.url, &source.path) {
            (SourceKind::Folder, _, Some(path)) => out.folders.push(path.clone()),
            (_, Some(url), _) => {
                for link in links_of(source, url, state, fetcher, &mut out.report) {
                    if !state.seen.contains(&link) && !queue.contains(&link) {
                        queue.push(link);
                    }
                }
            }
            _ => {}
        }
    }
    out.report.new_items = queue.len();
    let pages_dir = spool.join("pages");
    std::fs::create_dir_all(&pages_dir).map_err(|source| WatchError::Io {
        path: pages_dir.display().to_string(),
        source,
    })?;
    for (n, url) in queue.into_iter().enumerate() {
        if n >= sources.max_items_per_cycle {
            out.report.deferred += 1;
            continue;
        }
        if !fetcher.allowed(&url) {
            out.report.robots_blocked += 1;
            state.seen.insert(url);
            continue;
        }
        match fetcher.get(&url, None) {
            Ok(Fetched::Body { bytes, .. }) => {
                let page = keep_page(&pages_dir, &url, &bytes)?;
                state.pending.insert(page.clone());
                out.pages.push(page);
                out.report.pages_saved += 1;
                state.seen.insert(url);
            }
            Ok(Fetched::NotModified) => {
                state.seen.insert(url);
            }
            Err(e) => {
                tracing::warn!("{e}");
                out.report.page_errors += 1;
            }
        }
    }
    Ok(out)
}

/// The pages `source` lists now, reading its body only when it changed.
fn links_of(
    source: &Source,
    url: &str,
    state: &mut WatchState,
    fetcher: &mut Fetcher,
    report: &mut CycleReport,
) -> Vec<String> {
    let Some(body) = changed_body(url, state, fetcher, report) else {
        return Vec::new();
    };
    let listed = match source.kind {
        SourceKind::Feed => feed_links(&body),
        SourceKind::Sitemap => sitemap_links(&body).map(|s| {
            if !s.index {
                return s.locs;
            }
            let mut pages = Vec::new();
            for sub in s.locs.iter().take(MAX_SUB_SITEMAPS) {
                if let Some(b) = changed_body(sub, state, fetcher, report) {
                    match sitemap_links(&b) {
                        Ok(inner) if !inner.index => pages.extend(inner.locs),
                        Ok(_) => report
                            .feed_errors
                            .push(format!("{sub}: an index inside an index")),
                        Err(e) => report.feed_errors.push(format!("{sub}: {e}")),
                    }
                }
            }
            pages
        }),
        SourceKind::Folder => Ok(Vec::new()),
    };
    match listed {
        Ok(links) => links,
        Err(e) => {
            report.feed_errors.push(format!("{url}: {e}"));
            Vec::new()
        }
    }
}

/// The body of a feed or sitemap if it changed since it was last read: asked with the
/// validators it was last served with; a 304 or the same body again gives `None`.
fn changed_body(
    url: &str,
    state: &mut WatchState,
    fetcher: &mut Fetcher,
    report: &mut CycleReport,
) -> Option<Vec<u8>> {
    report.feeds += 1;
    if !fetcher.allowed(url) {
        report
            .feed_errors
            .push(format!("{url}: robots.txt forbids it"));
        return None;
    }
    let known = state.feeds.get(url).cloned().unwrap_or_default();
    match fetcher.get(url, Some(&known.validators)) {
        Ok(Fetched::NotModified) => {
            report.not_modified += 1;
            None
        }
        Ok(Fetched::Body { bytes, validators }) => {
            let hash = format!("{:032x}", xxh3_128(&bytes));
            let same = known.body_hash.as_deref() == Some(hash.as_str());
            state.feeds.insert(
                url.to_string(),
                FeedState {
                    validators,
                    body_hash: Some(hash),
                },
            );
            if same {
                report.unchanged += 1;
                None
            } else {
                Some(bytes)
            }
        }
        Err(e) => {
            report.feed_errors.push(e.to_string());
            None
        }
    }
}

/// Keep a fetched page as `pages/<hash of its URL>.html`, its URL stated in a canonical
/// link when the page states none (the ingest reads it as the document's URL).
fn keep_page(dir: &Path, url: &str, bytes: &[u8]) -> Result<PathBuf, WatchError> {
    let path = dir.join(format!("{:032x}.html", xxh3_128(url.as_bytes())));
    let io = |source| WatchError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut content = Vec::with_capacity(bytes.len() + 128);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]).to_ascii_lowercase();
    if !head.contains("rel=\"canonical\"") && !head.contains("og:url") {
        let esc = url
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        content.extend_from_slice(format!("<link rel=\"canonical\" href=\"{esc}\">\n").as_bytes());
    }
    content.extend_from_slice(bytes);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, &content).map_err(io)?;
    tmp.persist(&path).map_err(|e| io(e.error))?;
    Ok(path)
}
