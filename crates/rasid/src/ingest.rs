//! `ingest`: the documents of the [driver](crate::driver) that the store does not hold yet,
//! stored by a writer thread one transaction per chunk, then the merged views recomputed.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::time::Instant;

use anyhow::Context;
use rasid_ingest::{Document, IngestError, Limits, ProcessedDocument};
use rasid_kb::Kb;
use rasid_store::{key_of, Store, StoredDocument};

use crate::driver::{self, Consumer, Flow};
use crate::store::open;

/// What `ingest` did.
#[derive(Debug, Default)]
pub struct IngestSummary {
    /// Documents read.
    pub seen: usize,
    /// Documents newly stored.
    pub stored: usize,
    /// Documents read that were stored already (by an earlier ingest, or earlier in this one).
    pub skipped: usize,
    /// Documents stored already whose facts were extracted again (`reextract`).
    pub reextracted: usize,
    /// Bytes of the documents' text.
    pub bytes: u64,
    /// Inputs that could not be read.
    pub errors: Vec<IngestError>,
}

/// How to ingest.
pub struct IngestOptions<'m> {
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Documents per transaction.
    pub batch: usize,
    /// A trained NER model that adds the persons the rules miss.
    pub ner: Option<&'m rasid_ner::Model>,
    /// The largest record and text read.
    pub limits: Limits,
    /// Extract the documents already stored again and put the new facts in place of the
    /// stored ones (after a kb or model change); else skip them.
    pub reextract: bool,
}

/// Run the pipeline over `paths` and store every new document (not merging).
///
/// Three stages overlap: the main thread reads documents and asks `reader` which are
/// stored already; the worker pool processes a chunk of new ones; a writer thread stores
/// the previous chunk in one transaction through `writer`.
pub fn ingest(
    kb: &Kb,
    reader: &mut Store,
    writer: &mut Store,
    paths: &[PathBuf],
    options: IngestOptions,
) -> anyhow::Result<IngestSummary> {
    let settings = driver::Settings {
        threads: options.threads,
        chunk: options.batch,
        ner: options.ner,
        limit: None,
        only_sources: None,
        progress: true,
        limits: options.limits,
    };
    let (totals, stored) = std::thread::scope(|scope| {
        let (to_writer, chunks) = sync_channel::<Vec<StoredDocument>>(1);
        let write = scope.spawn(move || -> anyhow::Result<rasid_store::Written> {
            let mut total = rasid_store::Written::default();
            for docs in chunks {
                // on failure the channel closes and the feed stops the run
                let w = writer.write_documents(&docs, options.reextract)?;
                total.stored += w.stored;
                total.replaced += w.replaced;
            }
            Ok(total)
        });
        let mut feed = NewDocuments {
            reader,
            to_writer,
            reextract: options.reextract,
        };
        let totals = driver::run(kb, paths, settings, &mut feed);
        drop(feed);
        let stored = write
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the writer thread panicked")));
        (totals, stored)
    });
    match (totals, stored) {
        (Ok(totals), Ok(written)) => Ok(IngestSummary {
            seen: totals.documents,
            stored: written.stored,
            skipped: totals
                .documents
                .saturating_sub(written.stored + written.replaced),
            reextracted: written.replaced,
            bytes: totals.bytes,
            errors: totals.errors,
        }),
        // a failure to read the store first, else the writer's
        (Err(e), _) | (Ok(_), Err(e)) => Err(e.context(
            "storing documents (the documents stored so far are kept; run the same ingest again to complete it)",
        )),
    }
}

/// The consumer of `ingest`: keeps the documents of a chunk that the store does not hold
/// yet (nor an earlier document of the same chunk), and sends their records to the writer.
struct NewDocuments<'s> {
    /// The store connection that answers which documents are stored.
    reader: &'s mut Store,
    /// The writer thread's queue: one chunk of new documents per transaction.
    to_writer: SyncSender<Vec<StoredDocument>>,
    /// Keep the stored documents too, to extract them again.
    reextract: bool,
}

impl Consumer for NewDocuments<'_> {
    type Record = StoredDocument;

    fn select(&mut self, chunk: &[Document]) -> anyhow::Result<Vec<bool>> {
        let keys: Vec<String> = chunk.iter().map(|d| key_of(d).0).collect();
        let stored = if self.reextract {
            HashSet::new()
        } else {
            self.reader.stored_documents(&keys)?
        };
        let mut in_chunk = HashSet::new();
        Ok(keys
            .into_iter()
            .map(|k| !stored.contains(&k) && in_chunk.insert(k))
            .collect())
    }

    fn record(kb: &Kb, doc: &Document, processed: ProcessedDocument) -> StoredDocument {
        StoredDocument::new(doc, processed, &kb.tokenizer)
    }

    fn take(&mut self, records: Vec<StoredDocument>) -> anyhow::Result<Flow> {
        if records.is_empty() {
            return Ok(Flow::Continue);
        }
        // a closed queue means the writer failed: its error is reported by `ingest`
        Ok(match self.to_writer.send(records) {
            Ok(()) => Flow::Continue,
            Err(_) => Flow::Stop,
        })
    }
}

/// `rasid ingest`: store, merge if anything changed, print a summary object.
pub fn ingest_command(
    kb: &Kb,
    db: Option<&str>,
    paths: &[PathBuf],
    options: IngestOptions,
) -> anyhow::Result<bool> {
    let (report, ok) = ingest_and_merge(kb, db, paths, options)?;
    println!("{report}");
    Ok(ok)
}

/// Store, merge if anything changed, send new alerts to their webhooks: the summary object
/// and whether every input could be read (the failures are printed).
pub fn ingest_and_merge(
    kb: &Kb,
    db: Option<&str>,
    paths: &[PathBuf],
    options: IngestOptions,
) -> anyhow::Result<(serde_json::Value, bool)> {
    let mut store = open(db, kb)?;
    let mut writer = open(db, kb)?;
    let start = Instant::now();
    let summary = ingest(kb, &mut store, &mut writer, paths, options)?;
    drop(writer);
    let ingest_secs = start.elapsed().as_secs_f64().max(1e-9);
    let merge = if store.merge_needed()? {
        Some(store.merge().context("merging")?)
    } else {
        None
    };
    // new alerts go to their webhooks; one that failed waits for the next ingest
    let webhooks = match merge {
        Some(_) => {
            Some(crate::watchlist::deliver(&mut store)?).filter(|d| d.delivered + d.pending > 0)
        }
        None => None,
    };
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    driver::print_input_errors(&summary.errors);
    let report = serde_json::json!({
        "documents": summary.seen,
        "stored": summary.stored,
        "already_stored": summary.skipped,
        "reextracted": summary.reextracted,
        "failed_inputs": summary.errors.len(),
        "input_mb": (summary.bytes as f64 / 1e6 * 1000.0).round() / 1000.0,
        "ingest_seconds": (ingest_secs * 1000.0).round() / 1000.0,
        "documents_per_second": (summary.seen as f64 / ingest_secs * 10.0).round() / 10.0,
        "mb_per_second": (summary.bytes as f64 / 1e6 / ingest_secs * 1000.0).round() / 1000.0,
        "total_seconds": (secs * 1000.0).round() / 1000.0,
        "merge": merge,
        "webhooks": webhooks,
        "store": store.counts()?,
    });
    Ok((report, summary.errors.is_empty()))
}
