//! `rasid ner-train` and `rasid ner`: wiring for the `rasid-ner` tagger.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use anyhow::Context;
use rasid_ner::{
    corpus_sentences, read_conll, read_conll_path, read_corpus, write_conll, ClusterConfig, Cues,
    Gazetteer, Model, Progress, Resources, TrainConfig, WordClusters,
};

/// Training progress on stderr: a bar with its ETA per stage on a terminal; otherwise one
/// line when a stage begins and one when it ends, with its time.
struct StageBars {
    terminal: bool,
    started: Instant,
    current: Mutex<Option<(ProgressBar, String, Instant)>>,
}

impl StageBars {
    fn new() -> Self {
        Self {
            terminal: std::io::stderr().is_terminal(),
            started: Instant::now(),
            current: Mutex::new(None),
        }
    }

    /// Close the stage under way, if any.
    fn end_stage(&self, current: &mut Option<(ProgressBar, String, Instant)>) {
        if let Some((bar, name, since)) = current.take() {
            bar.finish();
            if !self.terminal {
                eprintln!(
                    "rasid: {name}: done in {:.0} s ({:.0} s in all)",
                    since.elapsed().as_secs_f64(),
                    self.started.elapsed().as_secs_f64()
                );
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut current) = self.current.lock() {
            self.end_stage(&mut current);
        }
    }
}

impl Progress for StageBars {
    fn stage(&self, name: &str, steps: u64) {
        let Ok(mut current) = self.current.lock() else {
            return;
        };
        self.end_stage(&mut current);
        let bar = if self.terminal {
            let bar = ProgressBar::with_draw_target(Some(steps), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg:32} [{bar:30}] {pos}/{len} {elapsed_precise} ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message(name.to_string());
            bar.enable_steady_tick(Duration::from_millis(500));
            bar
        } else {
            eprintln!("rasid: {name}: {steps} steps");
            ProgressBar::hidden()
        };
        *current = Some((bar, name.to_string(), Instant::now()));
    }

    fn step(&self) {
        if let Ok(current) = self.current.lock() {
            if let Some((bar, _, _)) = current.as_ref() {
                bar.inc(1);
            }
        }
    }
}

/// Trains the default model ([`TrainConfig::default`]) on a CoNLL file with the knowledge
/// base's gazetteer and topic words and, given an unlabelled corpus, word clusters and the
/// corpus lexicon; writes it to `out`.
pub fn train(
    kb: &rasid_kb::Kb,
    train_path: &Path,
    unlabelled: Option<&Path>,
    out: &Path,
) -> anyhow::Result<()> {
    let sentences =
        read_conll_path(train_path).with_context(|| format!("reading {}", train_path.display()))?;
    let config = TrainConfig::default();
    let progress = StageBars::new();
    // The unlabelled corpus gives word clusters (all of it plus the training tokens) and the
    // sample of sentences behind the corpus lexicon of the second pass.
    let (clusters, corpus) = match unlabelled {
        Some(path) => {
            let docs = read_corpus(path).with_context(|| format!("reading {}", path.display()))?;
            let corpus = corpus_sentences(&docs, config.lexicon_sentences, &kb.tokenizer);
            let mut texts = docs;
            texts.extend(sentences.iter().map(|s| s.tokens.join(" ")));
            let clusters =
                WordClusters::induce(&texts, &ClusterConfig::default(), &kb.tokenizer, &progress);
            (Some(clusters), corpus)
        }
        None => (None, Vec::new()),
    };
    let resources = Resources {
        gazetteer: Some(Gazetteer::from_kb(kb)),
        clusters,
        lexicon: None,
        cues: Some(Cues::from_kb(kb)),
        tokenizer: kb.tokenizer.clone(),
    };
    let model = Model::train_with_corpus(
        &sentences,
        &config,
        resources,
        &corpus,
        &progress,
        |_, _| {},
    );
    progress.finish();
    model
        .save_to_path(out)
        .with_context(|| format!("writing {}", out.display()))?;
    eprintln!("rasid: model written to {}", out.display());
    Ok(())
}

/// The model built into the binary: by default the one with SaudiNewsNet word clusters
/// (`models/ner/`, CC BY-NC-SA 4.0); built without the `ner-saudinewsnet` feature, the
/// ANERcorp-only one (`models/ner-anercorp/`, CC BY-SA 4.0). See `models/README.md`.
#[cfg(feature = "ner-saudinewsnet")]
const BUNDLED: (&str, &[u8]) = (
    "models/ner/rasid-ner.model",
    include_bytes!("../../../models/ner/rasid-ner.model"),
);
#[cfg(not(feature = "ner-saudinewsnet"))]
const BUNDLED: (&str, &[u8]) = (
    "models/ner-anercorp/rasid-ner.model",
    include_bytes!("../../../models/ner-anercorp/rasid-ner.model"),
);

/// The model of `path` (named on failure), else the bundled one.
pub fn load(path: Option<&Path>, kb: &rasid_kb::Kb) -> anyhow::Result<Model> {
    Ok(read(path)?.with_tokenizer(&kb.tokenizer))
}

/// The model of `path`, else the bundled one, without the kb's tokenizer.
fn read(path: Option<&Path>) -> anyhow::Result<Model> {
    match path {
        Some(p) => Model::read_from_path(p)
            .with_context(|| format!("loading the NER model {}", p.display())),
        None => Model::read(BUNDLED.1)
            .with_context(|| format!("loading the bundled NER model ({})", BUNDLED.0)),
    }
}

/// A model being read on its own thread while the kb loads: the two take about as long,
/// and a run needs both before it starts.
pub struct Loading(std::thread::JoinHandle<anyhow::Result<Model>>);

impl Loading {
    /// Start reading the model of `path`, else the bundled one.
    pub fn start(path: Option<PathBuf>) -> Self {
        Self(std::thread::spawn(move || read(path.as_deref())))
    }

    /// The model, with the kb's tokenizer.
    pub fn finish(self, kb: &rasid_kb::Kb) -> anyhow::Result<Model> {
        let model = self
            .0
            .join()
            .map_err(|_| anyhow::anyhow!("reading the NER model failed"))??;
        Ok(model.with_tokenizer(&kb.tokenizer))
    }
}

/// Tag CoNLL tokens (first column, blank line between sentences) from `input` or stdin,
/// with the model of `model_path` or the bundled one.
pub fn tag(
    kb: &rasid_kb::Kb,
    model_path: Option<&Path>,
    input: Option<&PathBuf>,
) -> anyhow::Result<()> {
    let model = load(model_path, kb)?;
    let mut text = String::new();
    match input {
        Some(p) => {
            text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading stdin")?;
        }
    }
    let sentences = read_conll(&text).context("parsing CoNLL input")?;
    let tokens: Vec<Vec<String>> = sentences.into_iter().map(|s| s.tokens).collect();
    let tags = model.tag_many(&tokens);
    let out: Vec<Vec<(String, String)>> = tokens
        .into_iter()
        .zip(tags)
        .map(|(t, g)| t.into_iter().zip(g).collect())
        .collect();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    w.write_all(write_conll(&out).as_bytes())
        .context("writing output")?;
    w.flush().context("writing output")?;
    Ok(())
}
