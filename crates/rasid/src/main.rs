//! `rasid`: the command line. Parses arguments and wires the library crates; holds no
//! extraction logic of its own.

mod bench;
mod driver;
mod eval;
mod extract;
mod ingest;
mod ner;
mod read;
mod review;
mod store;
mod watch;
mod watchlist;

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
        /// Instead of JSON, print every fact with the rule or model that produced it and its
        /// evidence.
        #[arg(long)]
        explain: bool,
        /// Instead of JSON, write how the roles of each event trigger were read: the rules'
        /// roles, each actor's features and the roles kept (the training data of
        /// `scripts/train_roles.py`).
        #[arg(long, conflicts_with = "explain")]
        role_readings: bool,
        #[command(flatten)]
        ner: NerArg,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Extract PATH... and grade the output against hand-made gold with the contract's grader
    /// (`score.py`, run by python3). Seeds: `rasid eval ../shared/corpus/seeds`; our
    /// development set: `rasid eval --gold tests/gold/dev --only-gold
    /// ../shared/corpus/saudinewsnet/articles.jsonl.gz`. Exits with the grader's code.
    ///
    /// With `--reviews`: no extraction; the store's facts against the analysts' decisions
    /// (`rasid review`): per kind of fact, the precision of what is extracted now, and the
    /// decided facts a kb or model change made disappear (fixed if they were wrong, broken
    /// if they were right).
    Eval {
        #[arg(required_unless_present = "reviews", value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Grade the store (`--db`) against its analysts' decisions instead of gold files.
        #[arg(long, conflicts_with_all = ["only_gold", "keep", "verbose"])]
        reviews: bool,
        #[command(flatten)]
        db: DbArg,
        /// Directory of gold files (one JSON per document, with its `source`).
        #[arg(long, value_name = "DIR", default_value = "../shared/eval/gold")]
        gold: PathBuf,
        /// The grader.
        #[arg(long, value_name = "FILE", default_value = "../shared/eval/score.py")]
        scorer: PathBuf,
        /// Extract only the input records whose id is a gold file's `source` (a corpus).
        #[arg(long)]
        only_gold: bool,
        /// Print every missed and extra item.
        #[arg(long)]
        verbose: bool,
        /// Keep the extraction output in FILE.
        #[arg(long, value_name = "FILE")]
        keep: Option<PathBuf>,
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        #[command(flatten)]
        ner: NerArg,
    },
    /// Train the named-entity tagger on a CoNLL file (default: ANERcorp train in ../shared),
    /// with the knowledge base's places, actors and outlets as gazetteer features.
    NerTrain {
        #[arg(
            long,
            value_name = "CONLL",
            default_value = "../shared/eval/ner/anercorp_train.conll"
        )]
        train: PathBuf,
        /// Unlabelled corpus (JSONL, .jsonl.gz or text) for word clusters and the corpus
        /// lexicon.
        #[arg(long, value_name = "PATH")]
        unlabelled: Option<PathBuf>,
        #[arg(long, value_name = "FILE", default_value = "models/ner.model")]
        out: PathBuf,
    },
    /// Tag CoNLL tokens (first column; blank line between sentences) with BIO tags
    /// PERS/LOC/ORG/MISC; writes `token TAG` lines.
    Ner {
        #[arg(value_name = "FILE")]
        input: Option<PathBuf>,
        /// A model trained by `rasid ner-train` instead of the bundled one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
    /// Run the pipeline of `extract` over PATH... and store everything (default store:
    /// ./rasid.db). Documents already stored (same source and content) are skipped, so a
    /// re-run completes an interrupted ingest; the merged views are recomputed at the end.
    Ingest {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        /// Documents per transaction.
        #[arg(long, value_name = "N", default_value_t = 256)]
        batch: usize,
        /// Extract the documents already stored again (after a change to the kb or the
        /// model) and put the new facts in place of the stored ones; analysts' decisions
        /// apply to the new facts.
        #[arg(long)]
        reextract: bool,
        #[command(flatten)]
        ner: NerArg,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Bring the views merged across documents (duplicates, merged events, edges, actors,
    /// alerts) up to date: after an ingest that stopped before its merge. Only what the
    /// documents stored since the last merge touch is recomputed; `--full` recomputes
    /// everything, to check that the incremental merges match a whole one. Prints the
    /// merge's summary.
    Merge {
        /// Recompute everything from the stored documents.
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// Full-text search over normalised Arabic; JSON Lines of article, source, title, score
    /// and snippet.
    Search {
        query: String,
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Print how the database runs the search (its query plan) instead of the hits.
        #[arg(long)]
        explain: bool,
    },
    /// The analyst's questions to the store, as JSON Lines.
    Query {
        #[command(subcommand)]
        what: QueryCommand,
        #[command(flatten)]
        db: DbArg,
    },
    /// Write the store in a format analysts' tools read, in a stable order (the same store
    /// gives the same bytes; ids do not change on re-ingest). jsonl: the contract's JSON
    /// Lines (documents, articles, actors, merged events, edges; the filters apply to
    /// events and edges); acled-csv: ACLED's columns, one row per merged event; stix: a
    /// STIX 2.1 bundle; graphml, gexf: the actor graph (Gephi); geojson: events with
    /// coordinates (QGIS).
    Export {
        #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "acled-csv", "stix", "graphml", "gexf", "geojson"])]
        format: String,
        /// Write to FILE (replaced only once the export is complete) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        filter: EventFilterArgs,
        #[command(flatten)]
        db: DbArg,
    },
    /// Measure search latency (p50/p95) over N queries made from the kb's actor names.
    SearchBench {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "N", default_value_t = 100)]
        queries: usize,
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
    },
    /// Load a running `rasid serve` over loopback: CLIENTS clients searching, one light
    /// client while the others pull 5,000 events at a time, then IDLE silent connections
    /// and a new client. Prints a Markdown table (`--json` for JSON).
    LoadBench {
        /// The server, e.g. http://127.0.0.1:8080 (loopback addresses only).
        #[arg(long, value_name = "URL")]
        url: String,
        #[arg(long, value_name = "N", default_value_t = 20)]
        clients: usize,
        /// Seconds per timed scenario.
        #[arg(long, value_name = "S", default_value_t = 10)]
        seconds: u64,
        #[arg(long, value_name = "N", default_value_t = 2000)]
        idle: usize,
        #[arg(long)]
        json: bool,
    },
    /// Serve the analyst's web page and the JSON API (OpenAPI at /api/openapi.json) over
    /// the store. Prints `listening on http://ADDR` once ready; Ctrl-C stops it.
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
        addr: String,
        /// Store connections serving requests at once.
        #[arg(long, value_name = "N", default_value_t = 4)]
        connections: usize,
        /// Also answer requests naming this host (a name the server is reached by, e.g.
        /// behind a proxy); the bound address, localhost and loopback always are. Others
        /// get 403 (DNS rebinding). Repeatable.
        #[arg(long, value_name = "HOST")]
        allowed_host: Vec<String>,
        /// Keep the answers to this many latest searches (0: none); a new document or
        /// merge in the store, from any process, makes them stale.
        #[arg(long, value_name = "N", default_value_t = rasid_web::DEFAULT_SEARCH_CACHE)]
        search_cache: usize,
        /// Accept analysts' reviews (POST /api/reviews) from the tokens of FILE: one
        /// `ANALYST TOKEN` a line (tokens of 16 characters or more; `#` comments and blank
        /// lines skipped). Without it or --write-token the server is read-only.
        #[arg(long, value_name = "FILE")]
        write_token_file: Option<PathBuf>,
        /// Accept analysts' reviews bearing this token (16 characters or more), recorded as
        /// made by analyst "analyst".
        #[arg(
            long,
            value_name = "TOKEN",
            env = "RASID_WRITE_TOKEN",
            hide_env_values = true
        )]
        write_token: Option<String>,
    },
    /// Analysts' decisions on the store's facts: confirm, reject or correct an event, a
    /// relation, an actor link or a place. Decisions are kept by the fact's identity (its
    /// document's content, span and kind), applied by every merge, and survive re-ingest
    /// and re-extraction; `export`/`import` move them between stores.
    Review {
        #[command(subcommand)]
        what: ReviewCommand,
        #[command(flatten)]
        db: DbArg,
    },
    /// Keep the store current from the RSS/Atom feeds, sitemaps and local folders of a
    /// sources file (TOML, see docs/watch.md): each cycle fetches the pages that are new
    /// (conditional requests, robots.txt, a pause per host, timeouts, size caps), ingests
    /// them, merges and records alerts; then waits `interval_seconds`. One JSON line per
    /// cycle.
    Watch {
        /// The sources file.
        #[arg(long, value_name = "FILE")]
        sources: PathBuf,
        /// Where fetched pages and what was seen are kept (default: `rasid-watch/` beside
        /// the sources file).
        #[arg(long, value_name = "DIR")]
        spool: Option<PathBuf>,
        /// One cycle, then stop.
        #[arg(long, conflicts_with = "cycles")]
        once: bool,
        /// Stop after N cycles (default: run until stopped).
        #[arg(long, value_name = "N")]
        cycles: Option<usize>,
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        #[command(flatten)]
        ner: NerArg,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Saved filters over the merged events and relation edges: each ingest records the
    /// new facts that match one as alerts (`rasid alerts`, the page, `/api/alerts.atom`)
    /// and sends them to its webhook.
    Watchlist {
        #[command(subcommand)]
        what: WatchlistCommand,
        #[command(flatten)]
        db: DbArg,
    },
    /// The alerts of the watchlists, newest first, as JSON Lines.
    Alerts {
        /// Only this watchlist's.
        #[arg(long, value_name = "NAME")]
        watchlist: Option<String>,
        /// Only the unread ones.
        #[arg(long)]
        unread: bool,
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: usize,
        /// Mark the alerts printed read.
        #[arg(long)]
        mark_read: bool,
        #[command(flatten)]
        db: DbArg,
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
        #[command(flatten)]
        ner: NerArg,
    },
}

/// Size limits of what is read: a larger page, record or text is skipped with an error
/// naming it, and the run goes on.
#[derive(Debug, clap::Args)]
struct LimitArgs {
    /// The largest page file or JSON Lines record read, in MB (after decompression).
    #[arg(long, value_name = "MB", default_value_t = 32.0, value_parser = positive_mb)]
    max_record_mb: f64,
    /// The longest document text extracted, in MB (after HTML is stripped).
    #[arg(long, value_name = "MB", default_value_t = 2.0, value_parser = positive_mb)]
    max_text_mb: f64,
}

impl From<&LimitArgs> for rasid_ingest::Limits {
    fn from(a: &LimitArgs) -> Self {
        let bytes = |mb: f64| (mb * f64::from(1 << 20)) as usize;
        Self {
            record_bytes: bytes(a.max_record_mb),
            text_bytes: bytes(a.max_text_mb),
        }
    }
}

/// A size in MB: above 0 and at most 4,096.
fn positive_mb(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(mb) if mb > 0.0 && mb <= 4096.0 => Ok(mb),
        Ok(_) => Err(format!("{s} MB: give a size above 0 and at most 4096 MB")),
        Err(_) => Err(format!("{s:?} is not a number of MB")),
    }
}

/// The store to use.
#[derive(Debug, clap::Args)]
struct DbArg {
    /// A SQLite file (default ./rasid.db, or sqlite://PATH) or postgres://USER@HOST/DB.
    #[arg(long, value_name = "URL", env = "RASID_DB", global = true)]
    db: Option<String>,
}

#[derive(Debug, Subcommand)]
enum WatchlistCommand {
    /// Save a watchlist (a name saved before gets the new filter). What matches it now is
    /// not news: only facts later ingests bring become alerts. Each list matches any of its
    /// items; a list not given does not filter.
    Add {
        name: String,
        /// An actor (id or name): events naming it as doer or target, edges touching it.
        /// Repeatable.
        #[arg(long, value_name = "ACTOR")]
        actor: Vec<String>,
        /// A place of events, Arabic name as stored. Repeatable.
        #[arg(long, value_name = "PLACE")]
        place: Vec<String>,
        /// An ISO country code of events (YE, SY …). Repeatable.
        #[arg(long, value_name = "CC")]
        country: Vec<String>,
        /// An event type (ATTACK …). Repeatable.
        #[arg(long = "type", value_name = "TYPE")]
        event_type: Vec<String>,
        /// A relation type (ALLY, HOSTILE …). Repeatable.
        #[arg(long, value_name = "TYPE")]
        relation_type: Vec<String>,
        /// Only facts at least this likely (0–1); facts with no confidence pass.
        #[arg(long, value_name = "X", value_parser = confidence)]
        min_confidence: Option<f64>,
        /// Follow relation edges only.
        #[arg(long, conflicts_with = "no_relations")]
        no_events: bool,
        /// Follow merged events only.
        #[arg(long)]
        no_relations: bool,
        /// POST each new alert (JSON) to this URL after each ingest.
        #[arg(long, value_name = "URL")]
        webhook: Option<String>,
    },
    /// Every watchlist with its unread count, as JSON Lines.
    List,
    /// Delete a watchlist and its alerts.
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
enum ReviewCommand {
    /// Record one decision about one fact, then merge. Prints the stored decision.
    Add {
        /// A report of an event (a `reports[].event` id of `rasid query events`).
        #[arg(long, value_name = "ID")]
        event: Option<String>,
        /// An article's relation (an `evidence[].relation` id of `rasid query relations`).
        #[arg(long, value_name = "ID")]
        relation: Option<String>,
        /// An actor an article names.
        #[arg(long, value_name = "ARTICLE:ACTOR")]
        actor: Option<String>,
        /// A place an article names (its name as the article writes it).
        #[arg(long, value_name = "ARTICLE:NAME")]
        place: Option<String>,
        /// The fact is right.
        #[arg(long)]
        confirm: bool,
        /// The fact is wrong: it never shows again.
        #[arg(long)]
        reject: bool,
        /// The fact is right once corrected: a JSON object with any of event_type, actors,
        /// targets, place (events), relation_type (relations), actor (actor links).
        #[arg(long, value_name = "JSON")]
        correct: Option<String>,
        /// Who decides.
        #[arg(long, value_name = "NAME", env = "RASID_ANALYST")]
        analyst: String,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// The decisions in force as JSON Lines, each with `applies` (its fact is still
    /// extracted in this store).
    List {
        /// Every decision ever made, superseded ones included (the audit log).
        #[arg(long)]
        all: bool,
        /// Only decisions whose fact this store no longer extracts.
        #[arg(long)]
        orphans: bool,
    },
    /// Every decision as JSON Lines (what `import` reads).
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Decisions written by `export`, into this store (a decision already there is kept
    /// once); then merge.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum QueryCommand {
    /// An actor's merged events in date order (actor id or Arabic name).
    Timeline {
        actor: String,
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Only events at least this likely right (0–1); events with no confidence pass.
        #[arg(long, value_name = "X", value_parser = confidence)]
        min_confidence: Option<f64>,
    },
    /// An actor's relation edges with first/last sighting, weight, confidence and evidence.
    Relations {
        actor: String,
        /// Only edges at least this likely (0–1); edges with no confidence pass.
        #[arg(long, value_name = "X", value_parser = confidence)]
        min_confidence: Option<f64>,
    },
    /// Merged events filtered by type, actor, place, country and date range.
    Events {
        #[command(flatten)]
        filter: EventFilterArgs,
    },
}

/// Which merged events (and, for exports, edges) to read: the API's filters.
#[derive(Debug, clap::Args)]
struct EventFilterArgs {
    /// Event type (MEET, AGREE, RELEASE, ATTACK, ARREST, SEIZE, DEFECT, PLEDGE, SUPPORT,
    /// TAKEOVER).
    #[arg(long = "type", value_name = "TYPE")]
    event_type: Option<String>,
    /// Actor id or name: events one of whose reports names it among its actors (its doer,
    /// or acted on beside a named doer; for exports, also the edges touching it).
    #[arg(long)]
    actor: Option<String>,
    /// Place, Arabic name as stored.
    #[arg(long)]
    place: Option<String>,
    /// ISO country code (YE, SY …).
    #[arg(long)]
    country: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD: events ending (edges last seen) on or after it.
    #[arg(long, value_parser = date)]
    from: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD: events starting (edges first seen) on or before it.
    #[arg(long, value_parser = date)]
    to: Option<String>,
    /// At most N events.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Only events (and edges) at least this likely right (0–1); those with no confidence
    /// pass.
    #[arg(long, value_name = "X", value_parser = confidence)]
    min_confidence: Option<f64>,
}

impl From<EventFilterArgs> for rasid_store::EventFilter {
    fn from(a: EventFilterArgs) -> Self {
        Self {
            event_type: a.event_type,
            actor: a.actor,
            place: a.place,
            country: a.country,
            from: a.from,
            to: a.to,
            limit: a.limit,
            min_confidence: a.min_confidence,
        }
    }
}

/// A `--from`/`--to` value: a real date as YYYY, YYYY-MM or YYYY-MM-DD.
fn date(s: &str) -> Result<String, String> {
    let s = s.trim();
    if rasid_store::read::is_partial_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    }
}

/// A `--min-confidence` value: a number from 0 to 1.
fn confidence(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "{s:?} is not a confidence: give a number from 0 to 1"
        )),
    }
}

/// The statistical tagger's options of the commands that extract.
#[derive(Debug, clap::Args)]
struct NerArg {
    /// A model trained by `rasid ner-train` instead of the bundled one (`models/`): its
    /// PERS spans add the persons the rules miss.
    #[arg(long, value_name = "FILE")]
    ner_model: Option<PathBuf>,
    /// Rules only: no statistical tagger.
    #[arg(long, conflicts_with = "ner_model")]
    no_ner: bool,
}

impl Command {
    /// The NER options of a command that extracts.
    fn ner(&self) -> Option<&NerArg> {
        match self {
            Command::Extract { ner, .. }
            | Command::Ingest { ner, .. }
            | Command::Eval { ner, .. }
            | Command::Watch { ner, .. }
            | Command::Bench { ner, .. } => Some(ner),
            _ => None,
        }
    }
}

/// The NER model the options ask for (its reading started with [`start_ner`]): none with
/// `--no-ner`, the file of `--ner-model` (named on failure), else the bundled one.
fn load_ner(
    loading: Option<ner::Loading>,
    kb: &rasid_kb::Kb,
) -> anyhow::Result<Option<rasid_ner::Model>> {
    loading.map(|l| l.finish(kb)).transpose()
}

/// Start reading the NER model a command asks for, while the kb loads.
fn start_ner(command: &Command) -> Option<ner::Loading> {
    let arg = command.ner().filter(|a| !a.no_ner)?;
    Some(ner::Loading::start(arg.ner_model.clone()))
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
    let ner_model = start_ner(&cli.command);
    let kb = match &cli.kb {
        Some(dir) => rasid_kb::Kb::from_dir(dir),
        None => rasid_kb::Kb::builtin(),
    }
    .context("loading the knowledge base")?;
    match cli.command {
        Command::Extract {
            paths,
            threads,
            explain,
            role_readings,
            ner: _,
            limits,
        } => {
            let model = load_ner(ner_model, &kb)?;
            let stdout = std::io::stdout();
            let out = std::io::BufWriter::new(stdout.lock());
            let format = if explain {
                extract::Format::Explain
            } else if role_readings {
                extract::Format::RoleReadings
            } else {
                extract::Format::Json
            };
            let options = extract::Options {
                threads,
                limit: None,
                format,
                ner: model.as_ref(),
                only_sources: None,
                limits: (&limits).into(),
            };
            let summary = extract::extract(&kb, &paths, options, out)?;
            driver::print_input_errors(&summary.errors);
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
        Command::NerTrain {
            train,
            unlabelled,
            out,
        } => {
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            ner::train(&kb, &train, unlabelled.as_deref(), &out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ner { input, model } => {
            ner::tag(&kb, model.as_deref(), input.as_ref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ingest {
            paths,
            db,
            threads,
            batch,
            reextract,
            ner: _,
            limits,
        } => {
            let model = load_ner(ner_model, &kb)?;
            let options = ingest::IngestOptions {
                threads,
                batch: batch.max(1),
                ner: model.as_ref(),
                limits: (&limits).into(),
                reextract,
            };
            let ok = ingest::ingest_command(&kb, db.db.as_deref(), &paths, options)?;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Search {
            query,
            db,
            limit,
            explain,
        } => {
            let mut st = store::open_existing(db.db.as_deref(), &kb)?;
            if explain {
                read::explain_search(&kb, &mut st, &query, limit)?;
            } else {
                read::search(&kb, &mut st, &query, limit)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Query { what, db } => {
            let mut st = store::open_merged(db.db.as_deref(), &kb)?;
            let q = match what {
                QueryCommand::Timeline {
                    actor,
                    limit,
                    min_confidence,
                } => read::QueryKind::Timeline {
                    actor,
                    limit,
                    min_confidence,
                },
                QueryCommand::Relations {
                    actor,
                    min_confidence,
                } => read::QueryKind::Relations {
                    actor,
                    min_confidence,
                },
                QueryCommand::Events { filter } => read::QueryKind::Events(filter.into()),
            };
            read::query(&kb, &mut st, q)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            output,
            filter,
            db,
        } => {
            let mut st = store::open_merged(db.db.as_deref(), &kb)?;
            let format = rasid_export::Format::from_name(&format)?;
            read::export(&kb, &mut st, format, filter.into(), output.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::SearchBench { db, queries, limit } => {
            let mut st = store::open_existing(db.db.as_deref(), &kb)?;
            read::search_bench(&kb, &mut st, queries, limit)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::LoadBench {
            url,
            clients,
            seconds,
            idle,
            json,
        } => {
            read::load_bench(&kb, url, clients, seconds, idle, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            db,
            addr,
            connections,
            allowed_host,
            search_cache,
            write_token_file,
            write_token,
        } => {
            let mut tokens = match &write_token_file {
                Some(file) => rasid_web::read_token_file(file)?,
                None => Vec::new(),
            };
            if let Some(token) = write_token {
                tokens.push(rasid_web::WriteToken::new(
                    "analyst",
                    token.trim(),
                    "--write-token (or RASID_WRITE_TOKEN)",
                )?);
            }
            let mut stores = Vec::new();
            for _ in 0..connections.max(1) {
                stores.push(store::open_existing(db.db.as_deref(), &kb)?);
            }
            let state = rasid_web::AppState::new(stores, kb)?
                .allow_hosts(allowed_host)
                .with_search_cache(search_cache)
                .with_write_tokens(tokens);
            let writers = state.write_tokens().len();
            rasid_web::serve(state, &addr, |local| {
                println!("listening on http://{local}");
                if writers > 0 {
                    eprintln!("rasid: writes accepted from {writers} analyst token(s): reviews, watchlists, read marks");
                }
                eprintln!("rasid: open http://{local}/ in a browser (Ctrl-C stops)");
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            reviews: true, db, ..
        } => {
            let mut st = store::open_merged(db.db.as_deref(), &kb)?;
            review::eval(&mut st)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            paths,
            gold,
            scorer,
            only_gold,
            verbose,
            keep,
            threads,
            ner: _,
            ..
        } => {
            let model = load_ner(ner_model, &kb)?;
            let code = eval::run(
                &kb,
                &eval::EvalArgs {
                    paths: &paths,
                    gold: &gold,
                    scorer: &scorer,
                    only_gold,
                    verbose,
                    keep: keep.as_deref(),
                    threads,
                    ner: model.as_ref(),
                },
            )?;
            Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
        }
        Command::Watch {
            sources,
            spool,
            once,
            cycles,
            db,
            threads,
            ner: _,
            limits,
        } => {
            let model = load_ner(ner_model, &kb)?;
            let spool = spool.unwrap_or_else(|| {
                sources
                    .parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join("rasid-watch")
            });
            watch::watch(
                &kb,
                watch::WatchOptions {
                    sources: &sources,
                    spool,
                    cycles: if once { Some(1) } else { cycles },
                    db: db.db.as_deref(),
                },
                || ingest::IngestOptions {
                    threads,
                    batch: 256,
                    ner: model.as_ref(),
                    limits: (&limits).into(),
                    reextract: false,
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Watchlist { what, db } => {
            let mut st = store::open_merged(db.db.as_deref(), &kb)?;
            match what {
                WatchlistCommand::Add {
                    name,
                    actor,
                    place,
                    country,
                    event_type,
                    relation_type,
                    min_confidence,
                    no_events,
                    no_relations,
                    webhook,
                } => watchlist::add(
                    &kb,
                    &mut st,
                    watchlist::NewWatchlist {
                        name,
                        actors: actor,
                        places: place,
                        countries: country,
                        event_types: event_type,
                        relation_types: relation_type,
                        min_confidence,
                        no_events,
                        no_relations,
                        webhook,
                    },
                )?,
                WatchlistCommand::List => watchlist::list(&mut st)?,
                WatchlistCommand::Remove { name } => watchlist::remove(&mut st, &name)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Alerts {
            watchlist: name,
            unread,
            limit,
            mark_read,
            db,
        } => {
            let mut st = store::open_merged(db.db.as_deref(), &kb)?;
            watchlist::alerts(&mut st, name.as_deref(), unread, limit, mark_read)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Merge { full, db } => {
            let mut st = store::open_existing(db.db.as_deref(), &kb)?;
            let summary = if full { st.merge_full() } else { st.merge() }.context("merging")?;
            println!("{}", serde_json::to_string(&summary)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Review { what, db } => {
            run_review(&kb, db.db.as_deref(), what)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            paths,
            threads,
            limit,
            ner: _,
        } => {
            let model = load_ner(ner_model, &kb)?;
            bench::run(&kb, &paths, threads, limit, model.as_ref())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `rasid review …`.
fn run_review(kb: &rasid_kb::Kb, db: Option<&str>, what: ReviewCommand) -> anyhow::Result<()> {
    let mut st = store::open_merged(db, kb)?;
    match what {
        ReviewCommand::Add {
            event,
            relation,
            actor,
            place,
            confirm,
            reject,
            correct,
            analyst,
            note,
        } => {
            let fact = review::FactArgs {
                event: event.as_deref(),
                relation: relation.as_deref(),
                actor: actor.as_deref(),
                place: place.as_deref(),
            }
            .fact()?;
            let verdict = review::verdict(confirm, reject, correct.as_deref())?;
            review::add(&mut st, &fact, verdict, &analyst, note)
        }
        ReviewCommand::List { all, orphans } => review::list(&mut st, all, orphans),
        ReviewCommand::Export { output } => {
            let n = read::write_output(output.as_deref(), |out| review::export(&mut st, out))?;
            eprintln!("rasid: {n} decision(s) exported");
            Ok(())
        }
        ReviewCommand::Import { files } => {
            let paths: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
            let done = review::import(&mut st, &paths)?;
            println!("{}", serde_json::to_string(&done)?);
            if done.not_applying > 0 {
                eprintln!(
                    "rasid: {} decision(s) in force name a fact this store does not extract (`rasid review list --orphans`)",
                    done.not_applying
                );
            }
            Ok(())
        }
    }
}
