//! `rasid bench`: throughput of the extraction run on a corpus, with output discarded
//! (counted), reporting MB/s of input text, documents/s and peak resident memory.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use rasid_kb::Kb;

use crate::extract::{extract, Format, Options};

/// Counts bytes written and throws them away.
#[derive(Default)]
struct CountingSink(u64);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Peak resident set size in KiB (Linux `VmHWM`), if the platform tells.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

pub fn run(
    kb: &Kb,
    paths: &[PathBuf],
    threads: Option<usize>,
    limit: Option<usize>,
    ner: Option<&rasid_ner::Model>,
) -> anyhow::Result<()> {
    let mut sink = CountingSink::default();
    let start = Instant::now();
    let summary = extract(
        kb,
        paths,
        Options {
            threads,
            limit,
            format: Format::Json,
            ner,
            only_sources: None,
            limits: rasid_ingest::Limits::default(),
        },
        &mut sink,
    )?;
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let mb = summary.input_bytes as f64 / 1e6;
    let report = serde_json::json!({
        "documents": summary.documents,
        "articles": summary.articles,
        "relevant_articles": summary.relevant,
        "duplicate_articles": summary.duplicates,
        "input_errors": summary.errors.len(),
        "input_text_mb": (mb * 100.0).round() / 100.0,
        "output_mb": ((sink.0 as f64 / 1e6) * 100.0).round() / 100.0,
        "seconds": (secs * 100.0).round() / 100.0,
        "mb_per_s": ((mb / secs) * 100.0).round() / 100.0,
        "documents_per_s": (summary.documents as f64 / secs).round(),
        "threads": threads.unwrap_or_else(rayon::current_num_threads),
        "peak_rss_mb": peak_rss_kib().map(|k| (k as f64 / 1024.0).round()),
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
