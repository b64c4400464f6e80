//! Opening the store (the read commands that use it are in `read.rs`, `ingest` in
//! `ingest.rs`).

use anyhow::Context;
use rasid_kb::Kb;
use rasid_store::Store;

/// Open the store at `db` (default `./rasid.db`), with the merge settings of the loaded
/// knowledge base (`kb/merge.toml`, or its copy in `--kb DIR`).
pub fn open(db: Option<&str>, kb: &Kb) -> anyhow::Result<Store> {
    let url = db.unwrap_or(rasid_store::DEFAULT_DB);
    Store::open(url, kb.merge.clone()).with_context(|| format!("opening the store {url}"))
}

/// Open a store that exists, for reading: a SQLite path that names no file is an error,
/// not a new empty store.
pub fn open_existing(db: Option<&str>, kb: &Kb) -> anyhow::Result<Store> {
    let url = db.unwrap_or(rasid_store::DEFAULT_DB);
    Store::open_existing(url, kb.merge.clone()).with_context(|| format!("opening the store {url}"))
}

/// Open an existing store for reading merged views: if an ingest stopped before its merge,
/// merge now so that what is read matches what is stored.
pub fn open_merged(db: Option<&str>, kb: &Kb) -> anyhow::Result<Store> {
    let mut store = open_existing(db, kb)?;
    if store.merge_needed()? {
        eprintln!("rasid: the store was not merged since its last ingest; merging now");
        store.merge().context("merging")?;
    }
    Ok(store)
}
