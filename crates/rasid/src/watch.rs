//! `rasid watch`: keep a store current from the feeds, sitemaps and folders of a sources
//! file — a cycle fetches what is new (`rasid-watch`), the ingest stores it, merges and
//! records alerts, then the next cycle waits its interval. One line of JSON per cycle.

use std::path::{Path, PathBuf};

use anyhow::Context;
use rasid_kb::Kb;
use rasid_watch::{run_cycle, Fetcher, Sources, WatchState};

use crate::ingest::{ingest_and_merge, IngestOptions};

/// How to watch.
pub struct WatchOptions<'a> {
    pub sources: &'a Path,
    /// Where fetched pages and the state are kept.
    pub spool: PathBuf,
    /// Stop after this many cycles (`None`: until stopped).
    pub cycles: Option<usize>,
    pub db: Option<&'a str>,
}

/// Run cycles until `cycles` are done (or forever); `make_options` gives the ingest's
/// options for each cycle.
pub fn watch<'m>(
    kb: &Kb,
    w: WatchOptions,
    make_options: impl Fn() -> IngestOptions<'m>,
) -> anyhow::Result<()> {
    let sources = Sources::load(w.sources)?;
    std::fs::create_dir_all(&w.spool)
        .with_context(|| format!("creating the spool folder {}", w.spool.display()))?;
    let state_path = w.spool.join("state.json");
    let mut state = WatchState::load(&state_path)?;
    let mut fetcher = Fetcher::new(&sources);
    let mut n = 0;
    loop {
        n += 1;
        let out = run_cycle(&sources, &w.spool, &mut state, &mut fetcher)
            .with_context(|| format!("cycle {n}"))?;
        state.save(&state_path)?;
        let mut paths: Vec<PathBuf> = state.pending.iter().cloned().collect();
        paths.extend(out.folders.iter().cloned());
        let stored = if paths.is_empty() {
            None
        } else {
            match ingest_and_merge(kb, w.db, &paths, make_options()) {
                Ok((report, _)) => {
                    state.pending.clear();
                    state.save(&state_path)?;
                    Some(serde_json::json!({
                        "stored": report["stored"],
                        "alerts": report["merge"]["alerts"],
                        "webhooks": report["webhooks"],
                    }))
                }
                // the pages stay pending for the next cycle
                Err(e) => {
                    eprintln!("rasid: watch cycle {n}: storing failed: {e:#}");
                    None
                }
            }
        };
        println!(
            "{}",
            serde_json::json!({"cycle": n, "fetch": out.report, "requests": fetcher.requests, "ingest": stored})
        );
        if w.cycles.is_some_and(|c| n >= c) {
            return Ok(());
        }
        std::thread::sleep(sources.interval());
    }
}
