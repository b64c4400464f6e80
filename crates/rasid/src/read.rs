//! `search`, `query`, `export` and `search-bench`: the store's read path
//! (`rasid_store::read`, the same functions the HTTP API calls) printed as JSON Lines, every
//! object with its keys in alphabetical order.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use rasid_export::{ExportFilter, Format};
use rasid_kb::Kb;
use rasid_store::{sorted_json, EventFilter, SearchQuery, Store};
use serde::Serialize;

/// Print `values` as JSON Lines on stdout, keys sorted; a closed pipe (`| head`) ends the
/// output quietly.
fn print_lines<T: Serialize>(values: impl IntoIterator<Item = T>) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for v in values {
        serde_json::to_writer(&mut out, &sorted_json(&v)?)?;
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
    print_lines(store.search(&q, limit)?)
}

/// `rasid search --explain`: the database's plan for the search, one line per step.
pub fn explain_search(kb: &Kb, store: &mut Store, query: &str, limit: usize) -> anyhow::Result<()> {
    let q = SearchQuery::new(query, kb);
    for line in store.explain_search(&q, limit)? {
        println!("{line}");
    }
    Ok(())
}

/// The one stored actor that `name` (an id or a name) names, as
/// [`Store::resolve_actor`] decides; an error when none does or a shared name names
/// several.
pub fn actor_id(kb: &Kb, store: &mut Store, name: &str) -> anyhow::Result<String> {
    let mut ids = store.resolve_actor(name, &kb.actors)?;
    match ids.len() {
        0 => anyhow::bail!("no actor {name:?} in the store"),
        1 => Ok(ids.remove(0)),
        _ => anyhow::bail!(
            "{name:?} names several actors ({}): give one of their ids",
            ids.join(", ")
        ),
    }
}

/// `rasid query timeline|relations|events`.
pub fn query(kb: &Kb, store: &mut Store, q: QueryKind) -> anyhow::Result<()> {
    match q {
        QueryKind::Timeline {
            actor,
            limit,
            min_confidence,
        } => {
            let filter = EventFilter {
                actor: Some(actor_id(kb, store, &actor)?),
                limit,
                min_confidence,
                ..EventFilter::default()
            };
            print_lines(store.events(&filter)?)
        }
        QueryKind::Relations {
            actor,
            min_confidence,
        } => {
            let id = actor_id(kb, store, &actor)?;
            print_lines(store.relations(&id, min_confidence)?)
        }
        QueryKind::Events(mut f) => {
            if let Some(a) = f.actor.take() {
                f.actor = Some(actor_id(kb, store, &a)?);
            }
            print_lines(store.events(&f)?)
        }
    }
}

/// A question of `rasid query`.
pub enum QueryKind {
    /// An actor's merged events in date order, each with every report.
    Timeline {
        actor: String,
        limit: Option<usize>,
        min_confidence: Option<f64>,
    },
    /// An actor's relation edges, heaviest first, with their evidence.
    Relations {
        actor: String,
        min_confidence: Option<f64>,
    },
    /// Merged events passing a filter.
    Events(EventFilter),
}

/// Write with `write` to stdout, or to a temporary file beside `output` that replaces it
/// once everything is written (a failed write leaves the file as it was).
pub fn write_output<T>(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    match output {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let value = write(&mut out)?;
            out.flush()?;
            Ok(value)
        }
        Some(path) => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write in {}", dir.display()))?;
            let mut out = std::io::BufWriter::new(tmp);
            let value = write(&mut out)?;
            let tmp = out
                .into_inner()
                .map_err(|e| e.into_error())
                .with_context(|| format!("writing {}", path.display()))?;
            // a temporary file is private (0600); the output is an ordinary file
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                tmp.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o644))?;
            }
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(value)
        }
    }
}

/// `rasid export --format F [filters] [-o FILE]`: to stdout or FILE ([`write_output`]).
/// A summary goes to stderr.
pub fn export(
    kb: &Kb,
    store: &mut Store,
    format: Format,
    mut filter: EventFilter,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    if let Some(a) = filter.actor.take() {
        filter.actor = Some(actor_id(kb, store, &a)?);
    }
    let filter = ExportFilter::from_events(filter);
    let summary = write_output(output, |out| {
        Ok(rasid_export::export(store, kb, format, &filter, out)?)
    })?;
    match format {
        Format::Jsonl => {}
        Format::Graphml | Format::Gexf => eprintln!(
            "{}: {} edges, {} nodes and edges",
            format.name(),
            summary.edges,
            summary.records
        ),
        Format::Stix => eprintln!(
            "stix: {} events, {} edges, {} objects",
            summary.events, summary.edges, summary.records
        ),
        Format::AcledCsv | Format::Geojson => eprintln!(
            "{}: {} events ({} left out: no {})",
            format.name(),
            summary.events,
            summary.events_left_out,
            if format == Format::Geojson {
                "coordinates"
            } else {
                "date or country"
            }
        ),
    }
    Ok(())
}

/// `rasid search-bench`: latency of `n` searches built from the knowledge base's actor
/// names (every k-th Arabic name, so the set is fixed by the kb, not by the code).
/// `n` search queries: the Arabic names of the kb's actors, spread over the dictionary.
fn actor_name_queries(kb: &Kb, n: usize) -> anyhow::Result<Vec<String>> {
    let names: Vec<String> = (0..kb.actors.len())
        .filter_map(|i| kb.actors.get(i))
        .map(|a| a.name_ar.clone())
        .collect();
    anyhow::ensure!(!names.is_empty(), "the knowledge base has no actor names");
    let step = (names.len() / n.max(1)).max(1);
    Ok(names.into_iter().step_by(step).cycle().take(n).collect())
}

/// `rasid load-bench`: the server at `url` under load ([`rasid_web::load`]).
pub fn load_bench(
    kb: &Kb,
    url: String,
    clients: usize,
    seconds: u64,
    idle: usize,
    json: bool,
) -> anyhow::Result<()> {
    let cfg = rasid_web::load::LoadConfig {
        base: url,
        clients,
        duration: std::time::Duration::from_secs(seconds.max(1)),
        idle,
        queries: actor_name_queries(kb, 100)?,
    };
    let report = rasid_web::load::run(&cfg)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", rasid_web::load::markdown(&report));
    }
    Ok(())
}

pub fn search_bench(kb: &Kb, store: &mut Store, n: usize, limit: usize) -> anyhow::Result<()> {
    anyhow::ensure!(n > 0, "--queries must be at least 1");
    let queries = actor_name_queries(kb, n)?;
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
