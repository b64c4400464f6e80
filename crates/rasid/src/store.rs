//! `ingest`, `search`, `query`, `export` and `search-bench`: the pipeline of `extract`
//! feeding `rasid-store`, and the store's read side printed as JSON Lines.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid_ingest::{expand, read_all, Document, IngestError, Pipeline};
use rasid_kb::Kb;
use rasid_store::{key_of, EventFilter, MergeConfig, SearchQuery, Store, StoredDocument};
use rayon::prelude::*;

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

/// What `ingest` did.
#[derive(Debug, Default)]
pub struct IngestSummary {
    pub seen: usize,
    pub stored: usize,
    pub skipped: usize,
    pub bytes: u64,
    pub errors: Vec<IngestError>,
}

pub struct IngestOptions<'m> {
    pub threads: Option<usize>,
    pub batch: usize,
    pub ner: Option<&'m rasid_ner::Model>,
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let pipeline = Pipeline::new(kb);
    let extractor = match options.ner {
        Some(model) => rasid_extract::Extractor::new(kb).with_ner(model),
        None => rasid_extract::Extractor::new(kb),
    };
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {human_pos} documents, {rate}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} documents/s", state.per_sec());
                },
            ),
    );
    bar.enable_steady_tick(Duration::from_millis(200));

    let (inputs, errors) = expand(paths);
    let mut summary = IngestSummary {
        errors,
        ..IngestSummary::default()
    };
    let failed = std::sync::atomic::AtomicBool::new(false);
    let (stored, failure) = std::thread::scope(|scope| {
        // (documents read, new documents processed)
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<StoredDocument>)>(1);
        let bar_w = bar.clone();
        let failed_w = &failed;
        let write = scope.spawn(move || -> anyhow::Result<usize> {
            let mut stored = 0;
            for (read, docs) in rx {
                match writer.put_documents(&docs) {
                    Ok(n) => stored += n,
                    Err(e) => {
                        failed_w.store(true, std::sync::atomic::Ordering::Relaxed);
                        return Err(e.into());
                    }
                }
                bar_w.inc(read as u64);
            }
            Ok(stored)
        });

        let mut chunk: Vec<Document> = Vec::with_capacity(options.batch);
        let mut failure: Option<anyhow::Error> = None;
        let mut flush =
            |chunk: &mut Vec<Document>, summary: &mut IngestSummary| -> anyhow::Result<()> {
                if chunk.is_empty() {
                    return Ok(());
                }
                let keys: Vec<String> = chunk.iter().map(|d| key_of(d).0).collect();
                let already = reader.stored_documents(&keys)?;
                let mut fresh: Vec<&Document> = Vec::with_capacity(chunk.len());
                let mut in_chunk = std::collections::HashSet::new();
                for (d, k) in chunk.iter().zip(&keys) {
                    if !already.contains(k) && in_chunk.insert(k.clone()) {
                        fresh.push(d);
                    }
                }
                let docs: Vec<StoredDocument> = pool.install(|| {
                    fresh
                        .par_iter()
                        .map(|d| {
                            let mut p = pipeline.process(d);
                            extractor.annotate(&d.text, &mut p);
                            StoredDocument::new(d, p, &kb.tokenizer)
                        })
                        .collect()
                });
                summary.seen += chunk.len();
                summary.bytes += chunk.iter().map(|d| d.text.len() as u64).sum::<u64>();
                chunk.clear();
                // a closed channel means the writer failed: its error is reported below
                let _ = tx.send((keys.len(), docs));
                Ok(())
            };
        read_all(&inputs, |item| {
            if failure.is_some() || failed.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            match item {
                Ok(doc) => {
                    chunk.push(doc);
                    if chunk.len() >= options.batch {
                        if let Err(e) = flush(&mut chunk, &mut summary) {
                            failure = Some(e);
                        }
                    }
                }
                Err(e) => summary.errors.push(e),
            }
        });
        if failure.is_none() && !failed.load(std::sync::atomic::Ordering::Relaxed) {
            if let Err(e) = flush(&mut chunk, &mut summary) {
                failure = Some(e);
            }
        }
        drop(tx);
        let stored = match write.join() {
            Ok(r) => r,
            Err(_) => Err(anyhow::anyhow!("the writer thread panicked")),
        };
        (stored, failure)
    });
    bar.finish_and_clear();
    let failure = failure.or_else(|| stored.as_ref().err().map(|e| anyhow::anyhow!("{e:#}")));
    if let Some(e) = failure {
        return Err(e.context(
            "storing documents (the documents stored so far are kept; run the same ingest again to complete it)",
        ));
    }
    summary.stored = stored.unwrap_or(0);
    summary.skipped = summary.seen - summary.stored;
    Ok(summary)
}

/// `rasid ingest`: store, merge if anything changed, print a summary object.
pub fn ingest_command(
    kb: &Kb,
    kb_dir: Option<&Path>,
    db: Option<&str>,
    paths: &[PathBuf],
    options: IngestOptions,
) -> anyhow::Result<bool> {
    let mut store = open(db, kb_dir)?;
    let mut writer = open(db, kb_dir)?;
    let start = Instant::now();
    let summary = ingest(kb, &mut store, &mut writer, paths, options)?;
    drop(writer);
    let ingest_secs = start.elapsed().as_secs_f64().max(1e-9);
    let merge = if store.merge_needed()? {
        Some(store.merge().context("merging")?)
    } else {
        None
    };
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    for e in &summary.errors {
        eprintln!("rasid: error: {e}");
    }
    let report = serde_json::json!({
        "documents": summary.seen,
        "stored": summary.stored,
        "already_stored": summary.skipped,
        "failed_inputs": summary.errors.len(),
        "input_mb": (summary.bytes as f64 / 1e6 * 1000.0).round() / 1000.0,
        "ingest_seconds": (ingest_secs * 1000.0).round() / 1000.0,
        "documents_per_second": (summary.seen as f64 / ingest_secs * 10.0).round() / 10.0,
        "mb_per_second": (summary.bytes as f64 / 1e6 / ingest_secs * 1000.0).round() / 1000.0,
        "total_seconds": (secs * 1000.0).round() / 1000.0,
        "merge": merge,
        "store": store.counts()?,
    });
    println!("{report}");
    Ok(summary.errors.is_empty())
}

fn print_lines(values: impl IntoIterator<Item = serde_json::Value>) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for v in values {
        serde_json::to_writer(&mut out, &v)?;
        if let Err(e) = out.write_all(b"\n") {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(e.into());
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// `rasid search`.
pub fn search(kb: &Kb, store: &mut Store, query: &str, limit: usize) -> anyhow::Result<()> {
    let q = SearchQuery::new(query, kb);
    let hits = store.search(&q, limit)?;
    print_lines(hits.into_iter().map(|h| serde_json::json!(h)))
}

/// An actor given by id or name, resolved through the store and the kb dictionary.
pub fn actor_id(kb: &Kb, store: &mut Store, name: &str) -> anyhow::Result<String> {
    if let Some(id) = store.resolve_actor(name)? {
        return Ok(id);
    }
    if kb.actors.index_of(name).is_some() {
        return Ok(name.to_string());
    }
    let norm = rasid_text::Normalized::new(name.trim());
    for m in kb.actors.names.find(norm.text()) {
        if m.start == 0 && m.end == norm.char_len() {
            if let Some(rasid_kb::NameTarget::Actor(i)) = kb.actors.target(m.payload) {
                if let Some(a) = kb.actors.get(*i) {
                    return Ok(a.id.clone());
                }
            }
        }
    }
    anyhow::bail!("no actor {name:?} in the store or the knowledge base")
}

/// `rasid query timeline|relations|events`.
pub fn query(kb: &Kb, store: &mut Store, q: QueryKind) -> anyhow::Result<()> {
    match q {
        QueryKind::Timeline { actor, limit } => {
            let id = actor_id(kb, store, &actor)?;
            print_lines(store.timeline(&id, limit)?)
        }
        QueryKind::Relations { actor } => {
            let id = actor_id(kb, store, &actor)?;
            print_lines(store.actor_relations(&id)?)
        }
        QueryKind::Events(mut f) => {
            if let Some(a) = f.actor.take() {
                f.actor = Some(actor_id(kb, store, &a)?);
            }
            print_lines(store.merged_events(&f, true)?)
        }
    }
}

pub enum QueryKind {
    Timeline { actor: String, limit: Option<usize> },
    Relations { actor: String },
    Events(EventFilter),
}

/// `rasid export --format jsonl`.
pub fn export(store: &mut Store) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    store.export(&mut out)?;
    Ok(())
}

/// `rasid search-bench`: latency of `n` searches built from the knowledge base's actor
/// names (every k-th Arabic name, so the set is fixed by the kb, not by the code).
pub fn search_bench(kb: &Kb, store: &mut Store, n: usize, limit: usize) -> anyhow::Result<()> {
    let names: Vec<String> = (0..kb.actors.len())
        .filter_map(|i| kb.actors.get(i))
        .map(|a| a.name_ar.clone())
        .collect();
    anyhow::ensure!(!names.is_empty(), "the knowledge base has no actor names");
    anyhow::ensure!(n > 0, "--queries must be at least 1");
    let step = (names.len() / n.max(1)).max(1);
    let queries: Vec<&String> = names.iter().step_by(step).cycle().take(n).collect();
    let mut times = Vec::with_capacity(n);
    let mut with_hits = 0;
    for q in &queries {
        let t = Instant::now();
        let sq = SearchQuery::new(q, kb);
        let hits = store.search(&sq, limit)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        with_hits += usize::from(!hits.is_empty());
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    let report = serde_json::json!({
        "queries": times.len(),
        "with_hits": with_hits,
        "limit": limit,
        "p50_ms": (pct(0.5) * 100.0).round() / 100.0,
        "p95_ms": (pct(0.95) * 100.0).round() / 100.0,
        "max_ms": (pct(1.0) * 100.0).round() / 100.0,
    });
    println!("{report}");
    Ok(())
}
