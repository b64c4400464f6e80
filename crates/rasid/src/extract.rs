//! The extraction run shared by `extract`, `bench` and `eval`: the documents of the
//! [driver](crate::driver), duplicates marked in input order, written as JSON Lines or as
//! the explained facts.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use rasid_ingest::{Deduplicator, Document, IngestError, Limits, ProcessedDocument};
use rasid_kb::Kb;

use crate::driver::{self, Consumer, Flow};

/// Documents processed together in parallel.
const CHUNK: usize = 256;

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Documents handed to the writer.
    pub documents: usize,
    /// Articles in those documents.
    pub articles: usize,
    /// Articles judged relevant.
    pub relevant: usize,
    /// Articles marked as copies of an earlier one.
    pub duplicates: usize,
    /// Bytes of the documents' text.
    pub input_bytes: u64,
    /// Inputs that could not be read.
    pub errors: Vec<IngestError>,
}

/// What to run and how to write it.
#[derive(Clone, Copy)]
pub struct Options<'m> {
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Only the first this many documents.
    pub limit: Option<usize>,
    /// How documents are written.
    pub format: Format,
    /// A trained NER model that adds the persons the rules miss.
    pub ner: Option<&'m rasid_ner::Model>,
    /// Only the documents whose `source` is in this set (`rasid eval --only-gold`).
    pub only_sources: Option<&'m HashSet<String>>,
    /// The largest record and text read.
    pub limits: Limits,
}

/// How documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The contract's JSON Lines.
    Json,
    /// Every fact with its rule and evidence, for reading.
    Explain,
    /// How the roles of each event trigger were read (`scripts/train_roles.py`): one JSON
    /// object per document, `{"source", "readings"}`.
    RoleReadings,
}

/// Extract `paths` into `out`.
pub fn extract(
    kb: &Kb,
    paths: &[PathBuf],
    options: Options,
    out: impl Write,
) -> anyhow::Result<Summary> {
    let settings = driver::Settings {
        threads: options.threads,
        chunk: CHUNK,
        ner: options.ner,
        limit: options.limit,
        only_sources: options.only_sources,
        progress: false,
        limits: options.limits,
    };
    let mut writer = RecordWriter {
        out,
        format: options.format,
        dedup: Deduplicator::new(),
        summary: Summary::default(),
    };
    let totals = driver::run(kb, paths, settings, &mut writer)?;
    ignore_broken_pipe(writer.out.flush())?;
    Ok(Summary {
        input_bytes: totals.bytes,
        errors: totals.errors,
        ..writer.summary
    })
}

/// The consumer of `extract`: marks duplicates in input order, counts, and writes each
/// document as soon as its chunk is done.
struct RecordWriter<W> {
    /// Where documents are written.
    out: W,
    /// How they are written.
    format: Format,
    /// The articles seen so far, to mark later copies.
    dedup: Deduplicator,
    /// The counts so far (`input_bytes` and `errors` are filled from the driver's totals).
    summary: Summary,
}

impl<W: Write> RecordWriter<W> {
    /// Write one document in the chosen format.
    fn write(&mut self, p: &ProcessedDocument) -> std::io::Result<()> {
        match self.format {
            Format::Json => serde_json::to_writer(&mut self.out, &p.record)
                .map_err(std::io::Error::from)
                .and_then(|()| self.out.write_all(b"\n")),
            Format::Explain => self
                .out
                .write_all(rasid_extract::explain(&p.record).as_bytes()),
            Format::RoleReadings => {
                let line = serde_json::json!({
                    "source": p.record.source,
                    "readings": p.role_readings,
                });
                serde_json::to_writer(&mut self.out, &line)
                    .map_err(std::io::Error::from)
                    .and_then(|()| self.out.write_all(b"\n"))
            }
        }
    }
}

impl<W: Write> Consumer for RecordWriter<W> {
    type Record = ProcessedDocument;

    fn record(_kb: &Kb, _doc: &Document, processed: ProcessedDocument) -> ProcessedDocument {
        processed
    }

    fn take(&mut self, records: Vec<ProcessedDocument>) -> anyhow::Result<Flow> {
        for mut p in records {
            self.dedup.apply(&mut p);
            let articles = &p.record.articles;
            let s = &mut self.summary;
            s.documents += 1;
            s.articles += articles.len();
            s.relevant += articles.iter().filter(|a| a.relevant).count();
            s.duplicates += articles.iter().filter(|a| a.duplicate_of.is_some()).count();
            if let Err(e) = self.write(&p) {
                // a reader that went away (`rasid extract … | head`) ends the run quietly
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(Flow::Stop);
                }
                return Err(e).context("writing output");
            }
        }
        Ok(Flow::Continue)
    }
}

/// A write result with a closed pipe counted as success.
fn ignore_broken_pipe(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
