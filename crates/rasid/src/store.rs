//! Opening the store (the read commands that use it are in `read.rs`, `ingest` in
//! `ingest.rs`).

use std::path::Path;

use anyhow::Context;
use rasid_store::{MergeConfig, Store};

/// Open the store at `db` (default `./rasid.db`), with the merge settings of `kb_dir`.
pub fn open(db: Option<&str>, kb_dir: Option<&Path>) -> anyhow::Result<Store> {
    let url = db.unwrap_or(rasid_store::DEFAULT_DB);
    let config = MergeConfig::from_dir(kb_dir)?;
    Store::open(url, config).with_context(|| format!("opening the store {url}"))
}

/// Open the store for reading merged views: if an ingest stopped before its merge, merge
/// now so that what is read matches what is stored.
pub fn open_merged(db: Option<&str>, kb_dir: Option<&Path>) -> anyhow::Result<Store> {
    let mut store = open(db, kb_dir)?;
    if store.merge_needed()? {
        eprintln!("rasid: the store was not merged since its last ingest; merging now");
        store.merge().context("merging")?;
    }
    Ok(store)
}
