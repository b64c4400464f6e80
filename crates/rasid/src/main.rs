//! `rasid`: the command line. Parses arguments and wires the library crates; holds no
//! extraction logic of its own.

mod bench;
mod run;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "rasid",
    version,
    about = "Facts about armed groups from Arabic news pages"
)]
struct Cli {
    /// Knowledge-base directory whose files replace the built-in kb/ files of the same name.
    #[arg(long, global = true, value_name = "DIR")]
    kb: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split pages into articles and write one JSON object per input document (JSON Lines).
    ///
    /// PATH is a file, a directory (walked recursively for .txt, .html, .htm, .json,
    /// .jsonl, .jsonl.gz) or `-` for stdin. Exit code 1 if some inputs failed.
    Extract {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
    },
    /// Measure extraction throughput (MB/s, documents/s, peak memory) on PATH...
    Bench {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        /// Only the first N documents.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("RASID_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match real_main() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rasid: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let kb = match &cli.kb {
        Some(dir) => rasid_kb::Kb::from_dir(dir),
        None => rasid_kb::Kb::builtin(),
    }
    .context("loading the knowledge base")?;
    match cli.command {
        Command::Extract { paths, threads } => {
            let stdout = std::io::stdout();
            let out = std::io::BufWriter::new(stdout.lock());
            let summary = run::extract(&kb, &paths, threads, out)?;
            for e in &summary.errors {
                eprintln!("rasid: error: {e}");
            }
            if !summary.errors.is_empty() {
                eprintln!(
                    "rasid: {} document(s) written, {} input(s) failed",
                    summary.documents,
                    summary.errors.len()
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            paths,
            threads,
            limit,
        } => {
            bench::run(&kb, &paths, threads, limit)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
