//! The cross-document merge: the merged views (duplicates, actors, merged events, edges)
//! computed from the per-document tables, in one transaction, under a lock, so the
//! result depends only on what is stored — not on ingest order, the number of workers or
//! how many processes wrote.
//!
//! * [`duplicates`]: which article is a copy of which;
//! * [`actors`]: one row per actor id and the names it is known by;
//! * [`events`]: reports of one incident merged into one event;
//! * [`edges`]: relations merged into the actor graph's edges.
//!
//! **Incremental by default.** Each stored article waits in `merge_pending` until a merge
//! takes it; the merge then updates only what the new articles touch — their duplicates
//! and the later articles that share text with them, the actors they name, the event
//! blocks (type and place) their reports fall in, the edges of their relations and of
//! articles whose copies changed — so adding k documents costs time in proportion to k
//! and to what they touch, not to the store. The result is the full merge's (the tests
//! compare both). An analyst's decision puts its document's articles back in
//! `merge_pending`: their facts are merged again as if new, and the events they were in
//! before are regrouped. A full merge recomputes everything: `rasid merge --full`, and
//! what is due after documents were extracted again (`merge_full`).
//! Several processes each merge what is pending when they hold the lock, so any number of
//! ingests into one store leave it as one would.

mod actors;
mod articles;
mod duplicates;
mod edges;
mod events;

use std::collections::HashSet;

use crate::backend::{exec_in, query_in, Backend, Value};
use crate::config::MergeConfig;
use crate::error::Result;
use crate::review::overlay::Overlay;

pub(crate) use actors::write_actor_names;
use articles::Articles;
pub(crate) use events::interval;

/// What the merge produced.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct MergeSummary {
    /// Whether everything was recomputed (else only what the new articles touch).
    pub full: bool,
    /// Articles this merge took in.
    pub new_articles: usize,
    pub articles: usize,
    pub duplicates: usize,
    pub actors: usize,
    pub events: usize,
    pub merged_events: usize,
    pub relations: usize,
    pub edges: usize,
    /// Reports and relations this merge looked at that an analyst rejected, left out of
    /// the merged views.
    pub rejected: usize,
    /// New facts that watchlists follow, recorded as alerts.
    pub alerts: usize,
}

/// Which per-document rows a step reads.
pub(crate) enum Select<'a> {
    All,
    /// The facts of these articles.
    Articles(&'a [String]),
    /// These facts (events or relations) by id.
    Facts(&'a [String]),
}

impl Select<'_> {
    /// The rows of `all`, or of `by_article` or `by_fact` (`{ids}` standing for the ids).
    fn rows(
        &self,
        db: &mut dyn Backend,
        all: &str,
        by_article: &str,
        by_fact: &str,
    ) -> Result<Vec<Vec<Value>>> {
        match self {
            Select::All => db.query(all, &[]),
            Select::Articles(ids) => query_in(db, by_article, ids),
            Select::Facts(ids) => query_in(db, by_fact, ids),
        }
    }
}

fn flag(db: &mut dyn Backend, key: &str) -> Result<bool> {
    Ok(crate::meta(db, key)?.is_some_and(|v| v == "1"))
}

/// The articles stored since they were last merged.
fn pending(db: &mut dyn Backend) -> Result<Vec<String>> {
    db.query(
        "SELECT article_id FROM merge_pending ORDER BY article_id",
        &[],
    )?
    .iter()
    .map(|r| r[0].text("article_id"))
    .collect()
}

/// Bring the merged views up to date: incrementally, unless `full` is asked for, only a
/// full merge will do (`merge_full`), or the new articles are more than
/// `incremental.max_percent` of the store (`kb/merge.toml`): per article taken, an
/// incremental merge costs about three times what a full one costs per article stored
/// (measured on the corpus store of 31,000 articles, whole commands: 2,000 new ones in
/// 0.39 s, 4,000 in 0.56 s, 8,000 in 0.91 s, a full merge 0.99 s).
pub(crate) fn run(db: &mut dyn Backend, config: &MergeConfig, full: bool) -> Result<MergeSummary> {
    db.lock_merge()?;
    let new = pending(db)?;
    let stored = db
        .query("SELECT COUNT(*) FROM articles", &[])?
        .first()
        .map(|r| r[0].int("articles"))
        .transpose()?
        .map_or(0, |n| usize::try_from(n).unwrap_or(0));
    let many = new.len() * 100 > stored * config.incremental.max_percent as usize;
    // (`decisions_dirty`: a store's decisions recorded before they waited in `merge_pending`)
    let due = flag(db, "merge_full")? || flag(db, "decisions_dirty")?;
    let mut summary = if full || many || due {
        run_full(db, config)?
    } else {
        run_incremental(db, config, &new)?
    };
    // only what this merge saw: a concurrent writer's later articles stay pending
    exec_in(
        db,
        "DELETE FROM merge_pending WHERE article_id IN ({ids})",
        &new,
    )?;
    crate::mark_merged(db)?;
    summary.new_articles = new.len();
    count(db, &mut summary)?;
    Ok(summary)
}

fn run_full(db: &mut dyn Backend, config: &MergeConfig) -> Result<MergeSummary> {
    for table in [
        "actors",
        "duplicates",
        "merged_events",
        "merged_event_members",
        "edges",
        "edge_members",
    ] {
        db.exec(&format!("DELETE FROM {table}"), &[])?;
    }
    duplicates::find_all(db)?;
    actors::rebuild_all(db)?;
    let mut summary = MergeSummary {
        full: true,
        ..MergeSummary::default()
    };
    rebuild_facts(db, config, &mut summary)?;
    Ok(summary)
}

/// Every merged event and edge (the analysts' decisions in force applied), and the
/// alerts they raise.
fn rebuild_facts(
    db: &mut dyn Backend,
    config: &MergeConfig,
    summary: &mut MergeSummary,
) -> Result<()> {
    let overlay = Overlay::load(db)?;
    let mut articles = Articles::all(db)?;
    summary.rejected += events::rebuild_all(db, config, &mut articles, &overlay)?;
    summary.rejected += edges::rebuild_all(db, &mut articles, &overlay)?;
    summary.alerts = crate::watch::record_alerts(db, None)?;
    Ok(())
}

fn run_incremental(
    db: &mut dyn Backend,
    config: &MergeConfig,
    new: &[String],
) -> Result<MergeSummary> {
    let mut summary = MergeSummary::default();
    let clock = std::time::Instant::now();
    let step = |name: &str| {
        tracing::debug!(
            "merge: {name} done at {:.3} s",
            clock.elapsed().as_secs_f64()
        )
    };
    let moved = duplicates::update(db, new)?;
    step("duplicates");
    actors::update(db, new)?;
    step("actors");
    if new.is_empty() {
        return Ok(summary);
    }
    let overlay = Overlay::load(db)?;
    let mut articles = Articles::none();
    let (mut facts, rejected) = events::update(db, config, &mut articles, &overlay, new)?;
    summary.rejected += rejected;
    step("events");
    let (edges, rejected) = edges::update(db, &mut articles, &overlay, new, &moved)?;
    summary.rejected += rejected;
    step("edges");
    facts.extend(edges);
    summary.alerts = crate::watch::record_alerts(db, Some(&facts))?;
    step("alerts");
    Ok(summary)
}

/// The store's totals after a merge.
/// The members of the regrouped `stale` groups (merged events or edges) that this merge has
/// not loaded yet: `sql` selects one member id per row for the groups of `{ids}`.
fn members_not_loaded(
    db: &mut dyn Backend,
    sql: &str,
    stale: &[String],
    loaded: &HashSet<&str>,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for r in query_in(db, sql, stale)? {
        let id = r[0].text("member id")?;
        if !loaded.contains(id.as_str()) {
            out.push(id);
        }
    }
    Ok(out)
}

fn count(db: &mut dyn Backend, summary: &mut MergeSummary) -> Result<()> {
    let mut n = |table: &str| -> Result<usize> {
        let rows = db.query(&format!("SELECT COUNT(*) FROM {table}"), &[])?;
        let n = rows.first().map(|r| r[0].int(table)).transpose()?;
        Ok(n.map_or(0, |n| usize::try_from(n).unwrap_or(0)))
    };
    summary.articles = n("articles")?;
    summary.duplicates = n("duplicates")?;
    summary.actors = n("actors")?;
    summary.events = n("events")?;
    summary.merged_events = n("merged_events")?;
    summary.relations = n("relations")?;
    summary.edges = n("edges")?;
    Ok(())
}
