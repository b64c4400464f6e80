//! The document loop of every command that processes inputs (`extract`, `bench`, `eval`,
//! `ingest`): read documents in input order, group them in chunks, process a chunk in
//! parallel (segmentation, relevance and dates by [`Pipeline`], facts by [`Extractor`],
//! with the NER model if given) and hand each processed chunk, in input order, to a
//! [`Consumer`]. Input errors are collected here and the progress bar is drawn here; what
//! happens to the processed documents is the consumer's business: writing them out
//! ([`crate::extract`]) or storing the new ones ([`crate::ingest`]).

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid_extract::Extractor;
use rasid_ingest::{expand, read_all, Document, IngestError, Limits, Pipeline, ProcessedDocument};
use rasid_kb::Kb;
use rayon::prelude::*;

/// How a run reads and processes its inputs.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    /// Worker threads processing a chunk (`None`: one per core).
    pub threads: Option<usize>,
    /// Documents read before they are processed and handed on together (at least 1).
    pub chunk: usize,
    /// A trained NER model that adds the persons the rules miss.
    pub ner: Option<&'a rasid_ner::Model>,
    /// Only the first this many documents (counted after `only_sources`).
    pub limit: Option<usize>,
    /// Only the documents whose `source` is in this set.
    pub only_sources: Option<&'a HashSet<String>>,
    /// Draw a progress bar (documents handed on, and their rate) on stderr when it is a
    /// terminal.
    pub progress: bool,
    /// The largest record and text read; larger ones are input errors.
    pub limits: Limits,
}

/// What a run read.
#[derive(Debug, Default)]
pub struct Totals {
    /// Documents read and handed to the consumer (those the consumer chose not to process
    /// included).
    pub documents: usize,
    /// Bytes of those documents' text.
    pub bytes: u64,
    /// Inputs, or records of an input, that could not be read, in the order met.
    pub errors: Vec<IngestError>,
}

/// Print every input error on stderr, one line each.
pub fn print_input_errors(errors: &[IngestError]) {
    for e in errors {
        eprintln!("rasid: error: {e}");
    }
}

/// Whether the run goes on after a consumer took a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read, process and hand on the next chunk.
    Continue,
    /// Hand on nothing more (the rest of the inputs is read and dropped): the consumer can
    /// take no more documents (a closed pipe, a stopped writer) and keeps what it will
    /// report.
    Stop,
}

/// What receives the processed documents of a run, chunk by chunk in input order.
pub trait Consumer {
    /// What one processed document becomes for this consumer; built on a worker thread.
    type Record: Send;

    /// Which documents of `chunk` to process: one flag per document, in order. All of them
    /// unless the consumer says otherwise.
    fn select(&mut self, chunk: &[Document]) -> anyhow::Result<Vec<bool>> {
        Ok(vec![true; chunk.len()])
    }

    /// Turn a processed document into this consumer's record (runs in parallel, with the
    /// run's knowledge base).
    fn record(kb: &Kb, doc: &Document, processed: ProcessedDocument) -> Self::Record;

    /// Take the records of one chunk's selected documents, in input order.
    fn take(&mut self, records: Vec<Self::Record>) -> anyhow::Result<Flow>;
}

/// Run `paths` through the pipeline and into `consumer`. An error from the consumer stops
/// the run and is returned; input errors do not stop it and are returned in the totals.
pub fn run<C: Consumer>(
    kb: &Kb,
    paths: &[PathBuf],
    settings: Settings,
    consumer: &mut C,
) -> anyhow::Result<Totals> {
    let workers = Workers::new(kb, settings.threads, settings.ner)?;
    let chunk_len = settings.chunk.max(1);
    let mut state = RunState {
        bar: progress_bar(settings.progress),
        chunk: Vec::with_capacity(chunk_len),
        totals: Totals::default(),
        end: None,
    };
    let (inputs, errors) = expand(paths);
    state.totals.errors = errors;
    let mut accepted = 0usize;
    read_all(&inputs, settings.limits, |item| {
        if state.end.is_some() || settings.limit.is_some_and(|l| accepted >= l) {
            return;
        }
        match item {
            Ok(doc)
                if settings
                    .only_sources
                    .is_some_and(|s| !s.contains(&doc.source)) => {}
            Ok(doc) => {
                accepted += 1;
                state.chunk.push(doc);
                if state.chunk.len() >= chunk_len {
                    state.hand_on(&workers, consumer);
                }
            }
            Err(e) => state.totals.errors.push(e),
        }
    });
    state.hand_on(&workers, consumer);
    state.bar.finish_and_clear();
    state.end.unwrap_or(Ok(()))?;
    Ok(state.totals)
}

/// What processes a chunk: the worker pool and what is compiled once per run.
struct Workers<'kb> {
    /// The run's knowledge base, handed to [`Consumer::record`].
    kb: &'kb Kb,
    /// The threads a chunk is processed on.
    pool: rayon::ThreadPool,
    /// Segmentation, publication dates, outlets, relevance and fingerprints.
    pipeline: Pipeline<'kb>,
    /// Actors, persons, places, events, relations, dates and numbers.
    extractor: Extractor<'kb>,
}

impl<'kb> Workers<'kb> {
    fn new(
        kb: &'kb Kb,
        threads: Option<usize>,
        ner: Option<&'kb rasid_ner::Model>,
    ) -> anyhow::Result<Self> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .context("starting worker threads")?;
        let extractor = match ner {
            Some(model) => Extractor::new(kb).with_ner(model),
            None => Extractor::new(kb),
        };
        Ok(Self {
            kb,
            pool,
            pipeline: Pipeline::new(kb),
            extractor,
        })
    }

    /// The consumer's records of the documents of `chunk` it selects, processed in
    /// parallel, in input order.
    fn process<C: Consumer>(
        &self,
        chunk: &[Document],
        consumer: &mut C,
    ) -> anyhow::Result<Vec<C::Record>> {
        let selected = consumer.select(chunk)?;
        anyhow::ensure!(
            selected.len() == chunk.len(),
            "the consumer chose among {} documents of a chunk of {}",
            selected.len(),
            chunk.len()
        );
        let chosen: Vec<&Document> = chunk
            .iter()
            .zip(selected)
            .filter_map(|(d, keep)| keep.then_some(d))
            .collect();
        Ok(self.pool.install(|| {
            chosen
                .par_iter()
                .map(|d| {
                    let mut p = self.pipeline.process(d);
                    self.extractor.annotate(&d.text, &mut p);
                    C::record(self.kb, d, p)
                })
                .collect()
        }))
    }
}

/// A run between two chunks.
struct RunState {
    /// Documents handed on so far.
    bar: ProgressBar,
    /// Documents read and not yet handed on, in input order.
    chunk: Vec<Document>,
    /// What was read so far.
    totals: Totals,
    /// Set once the consumer stopped the run (`Ok`) or failed (`Err`): later documents are
    /// read and dropped.
    end: Option<anyhow::Result<()>>,
}

impl RunState {
    /// Process the documents read so far and hand them to `consumer`.
    fn hand_on<C: Consumer>(&mut self, workers: &Workers, consumer: &mut C) {
        if self.chunk.is_empty() || self.end.is_some() {
            return;
        }
        let taken = workers
            .process(&self.chunk, consumer)
            .and_then(|records| consumer.take(records));
        self.totals.documents += self.chunk.len();
        self.totals.bytes += self.chunk.iter().map(|d| d.text.len() as u64).sum::<u64>();
        self.bar.inc(self.chunk.len() as u64);
        self.chunk.clear();
        match taken {
            Ok(Flow::Continue) => {}
            Ok(Flow::Stop) => self.end = Some(Ok(())),
            Err(e) => self.end = Some(Err(e)),
        }
    }
}

/// A spinner with the documents handed on and their rate, drawn on stderr when `show` and
/// stderr is a terminal; hidden otherwise.
fn progress_bar(show: bool) -> ProgressBar {
    if !show || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
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
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records each chunk's sources; selects every other document when asked, and stops
    /// after a number of chunks when asked.
    #[derive(Default)]
    struct Sources {
        every_other: bool,
        stop_after: Option<usize>,
        chunks: Vec<Vec<String>>,
    }

    impl Consumer for Sources {
        type Record = String;

        fn select(&mut self, chunk: &[Document]) -> anyhow::Result<Vec<bool>> {
            Ok((0..chunk.len())
                .map(|i| !self.every_other || i % 2 == 0)
                .collect())
        }

        fn record(_kb: &Kb, doc: &Document, processed: ProcessedDocument) -> String {
            assert_eq!(processed.record.source, doc.source);
            doc.source.clone()
        }

        fn take(&mut self, records: Vec<String>) -> anyhow::Result<Flow> {
            self.chunks.push(records);
            Ok(match self.stop_after {
                Some(n) if self.chunks.len() >= n => Flow::Stop,
                _ => Flow::Continue,
            })
        }
    }

    /// A JSON Lines file of `n` short Arabic reports with ids d0, d1 …, and a broken line
    /// after the third.
    fn reports(name: &str, n: usize) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rasid-driver-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("reports.jsonl");
        let mut lines = Vec::new();
        for i in 0..n {
            lines.push(format!(
                r#"{{"id":"d{i}","content":"قتل {i} أشخاص في هجوم على قرية قرب صنعاء أمس."}}"#
            ));
            if i == 2 {
                lines.push("not json".to_string());
            }
        }
        std::fs::write(&path, lines.join("\n")).expect("write reports");
        path
    }

    fn settings(chunk: usize) -> Settings<'static> {
        Settings {
            threads: Some(2),
            chunk,
            ner: None,
            limit: None,
            only_sources: None,
            progress: false,
            limits: Limits::default(),
        }
    }

    fn ids(range: std::ops::Range<usize>, step: usize) -> Vec<String> {
        range.step_by(step).map(|i| format!("d{i}")).collect()
    }

    #[test]
    fn chunks_arrive_in_input_order_with_only_the_selected_documents() {
        let kb = Kb::builtin().expect("kb");
        let inputs = [reports("order", 7)];
        let mut all = Sources::default();
        let totals = run(&kb, &inputs, settings(3), &mut all).expect("run");
        assert_eq!(all.chunks, [ids(0..3, 1), ids(3..6, 1), ids(6..7, 1)]);
        assert_eq!(totals.documents, 7);
        assert_eq!(totals.errors.len(), 1, "the broken line is an input error");

        let mut halves = Sources {
            every_other: true,
            ..Sources::default()
        };
        let totals = run(&kb, &inputs, settings(4), &mut halves).expect("run");
        assert_eq!(halves.chunks, [ids(0..4, 2), ids(4..7, 2)]);
        assert_eq!(
            totals.documents, 7,
            "unselected documents are still counted"
        );
        let _ = std::fs::remove_dir_all(inputs[0].parent().expect("temp dir"));
    }

    #[test]
    fn a_stop_or_a_limit_hands_on_nothing_more() {
        let kb = Kb::builtin().expect("kb");
        let inputs = [reports("stop", 7)];
        let mut stopping = Sources {
            stop_after: Some(1),
            ..Sources::default()
        };
        let totals = run(&kb, &inputs, settings(2), &mut stopping).expect("run");
        assert_eq!(stopping.chunks, [ids(0..2, 1)]);
        assert_eq!(totals.documents, 2);

        let mut limited = Sources::default();
        let only: HashSet<String> = ids(1..7, 1).into_iter().collect();
        let settings = Settings {
            limit: Some(4),
            only_sources: Some(&only),
            ..settings(3)
        };
        run(&kb, &inputs, settings, &mut limited).expect("run");
        assert_eq!(limited.chunks, [ids(1..4, 1), ids(4..5, 1)]);
        let _ = std::fs::remove_dir_all(inputs[0].parent().expect("temp dir"));
    }
}
