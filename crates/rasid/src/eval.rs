//! `rasid eval`: extract the inputs and grade the output with the project's grader
//! (`score.py`, the output contract's own scorer), so every quality figure comes from one
//! implementation. Why not a Rust port of the grader: it is the contract's reference, and a
//! second copy would drift from it; `eval` only wires extraction, selection and the call.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};
use rasid_kb::Kb;

use crate::{driver, extract};

/// What to grade.
pub struct EvalArgs<'a> {
    pub paths: &'a [PathBuf],
    pub gold: &'a Path,
    pub scorer: &'a Path,
    /// Extract only the input records whose id is a gold file's `source`.
    pub only_gold: bool,
    pub verbose: bool,
    /// Keep the extraction output here (default: a temporary file, removed afterwards).
    pub keep: Option<&'a Path>,
    pub threads: Option<usize>,
    pub ner: Option<&'a rasid_ner::Model>,
}

/// The `source` of every gold file in `dir`.
fn gold_sources(dir: &Path) -> anyhow::Result<HashSet<String>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("reading the gold directory {}", dir.display()))?;
    let mut sources = HashSet::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("listing {}", dir.display()))?
            .path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not valid JSON", path.display()))?;
        let Some(source) = value.get("source").and_then(|s| s.as_str()) else {
            bail!("{} has no string field `source`", path.display());
        };
        sources.insert(source.to_string());
    }
    if sources.is_empty() {
        bail!("{} holds no gold files (*.json)", dir.display());
    }
    Ok(sources)
}

/// Extract, then run the grader; returns the grader's exit code.
pub fn run(kb: &Kb, args: &EvalArgs) -> anyhow::Result<i32> {
    if !args.scorer.is_file() {
        bail!(
            "the grader {} does not exist (set --scorer)",
            args.scorer.display()
        );
    }
    let wanted = gold_sources(args.gold)?;
    let temp = std::env::temp_dir().join(format!("rasid-eval-{}.jsonl", std::process::id()));
    let out_path = args.keep.map_or(temp.clone(), Path::to_path_buf);
    let file = std::fs::File::create(&out_path)
        .with_context(|| format!("creating {}", out_path.display()))?;
    let options = extract::Options {
        threads: args.threads,
        limit: None,
        format: extract::Format::Json,
        ner: args.ner,
        only_sources: args.only_gold.then_some(&wanted),
        limits: rasid_ingest::Limits::default(),
    };
    let summary = extract::extract(kb, args.paths, options, std::io::BufWriter::new(file))?;
    driver::print_input_errors(&summary.errors);
    if args.only_gold && summary.documents != wanted.len() {
        bail!(
            "{} of the {} gold sources were found in the inputs",
            summary.documents,
            wanted.len()
        );
    }
    eprintln!(
        "rasid eval: {} documents extracted to {}; grading with {}",
        summary.documents,
        out_path.display(),
        args.scorer.display()
    );
    let mut cmd = Command::new("python3");
    cmd.arg(args.scorer).arg(args.gold).arg(&out_path);
    if args.verbose {
        cmd.arg("--verbose");
    }
    let status = cmd
        .status()
        .context("running the grader needs python3 on the PATH")?;
    if args.keep.is_none() {
        let _ = std::fs::remove_file(&temp);
    }
    Ok(status.code().unwrap_or(1))
}
