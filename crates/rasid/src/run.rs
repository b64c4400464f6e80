//! The extraction run shared by `extract` and `bench`: read documents in input order,
//! process them in parallel chunks, mark duplicates in order, write JSON Lines.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use rasid_ingest::{expand, read_all, Deduplicator, Document, IngestError, Pipeline};
use rasid_kb::Kb;
use rayon::prelude::*;

/// Documents processed together in parallel.
const CHUNK: usize = 256;

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub articles: usize,
    pub relevant: usize,
    pub duplicates: usize,
    pub input_bytes: u64,
    pub errors: Vec<IngestError>,
}

/// What to run and how to write it.
#[derive(Clone, Copy)]
pub struct Options<'m> {
    pub threads: Option<usize>,
    pub limit: Option<usize>,
    pub format: Format,
    /// A trained NER model that adds the persons the rules miss.
    pub ner: Option<&'m rasid_ner::Model>,
    /// Only the documents whose `source` is in this set (`rasid eval --only-gold`).
    pub only_sources: Option<&'m std::collections::HashSet<String>>,
}

/// How documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The contract's JSON Lines.
    Json,
    /// Every fact with its rule and evidence, for reading.
    Explain,
}

/// Extract `paths` into `out`.
pub fn extract(
    kb: &Kb,
    paths: &[PathBuf],
    options: Options,
    mut out: impl Write,
) -> anyhow::Result<Summary> {
    let Options {
        threads,
        limit,
        format,
        ner,
        only_sources,
    } = options;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let pipeline = Pipeline::new(kb);
    let extractor = match ner {
        Some(model) => rasid_extract::Extractor::new(kb).with_ner(model),
        None => rasid_extract::Extractor::new(kb),
    };
    let mut dedup = Deduplicator::new();
    let (inputs, mut errors) = expand(paths);
    let mut summary = Summary::default();
    let mut chunk: Vec<Document> = Vec::with_capacity(CHUNK);
    let mut write_error: Option<std::io::Error> = None;
    let mut seen = 0usize;

    let mut flush = |chunk: &mut Vec<Document>,
                     summary: &mut Summary,
                     write_error: &mut Option<std::io::Error>| {
        if chunk.is_empty() || write_error.is_some() {
            chunk.clear();
            return;
        }
        let processed: Vec<_> = pool.install(|| {
            chunk
                .par_iter()
                .map(|d| {
                    let mut p = pipeline.process(d);
                    extractor.annotate(&d.text, &mut p);
                    p
                })
                .collect()
        });
        for (mut p, d) in processed.into_iter().zip(chunk.iter()) {
            dedup.apply(&mut p);
            summary.documents += 1;
            summary.input_bytes += d.text.len() as u64;
            summary.articles += p.record.articles.len();
            summary.relevant += p.record.articles.iter().filter(|a| a.relevant).count();
            summary.duplicates += p
                .record
                .articles
                .iter()
                .filter(|a| a.duplicate_of.is_some())
                .count();
            let res = match format {
                Format::Json => serde_json::to_writer(&mut out, &p.record)
                    .map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n")),
                Format::Explain => out.write_all(rasid_extract::explain(&p.record).as_bytes()),
            };
            if let Err(e) = res {
                *write_error = Some(e);
                break;
            }
        }
        chunk.clear();
    };

    read_all(&inputs, |item| {
        if limit.is_some_and(|l| seen >= l) || write_error.is_some() {
            return;
        }
        match item {
            Ok(doc) if only_sources.is_some_and(|s| !s.contains(&doc.source)) => {}
            Ok(doc) => {
                seen += 1;
                chunk.push(doc);
                if chunk.len() >= CHUNK {
                    flush(&mut chunk, &mut summary, &mut write_error);
                }
            }
            Err(e) => errors.push(e),
        }
    });
    flush(&mut chunk, &mut summary, &mut write_error);
    if let Some(e) = write_error {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e).context("writing output");
        }
    }
    out.flush().or_else(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    summary.errors = errors;
    Ok(summary)
}
