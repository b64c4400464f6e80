//! `rasid watchlist` and `rasid alerts`: saved filters over the store's merged events and
//! edges, and the new facts each ingest brought that match them; and the delivery of new
//! alerts to the watchlists' webhooks after an ingest.

use std::io::Write;

use anyhow::Context;
use rasid_kb::Kb;
use rasid_store::{Store, WatchFilter};

use crate::read::actor_id;

/// What `watchlist add` was given.
pub struct NewWatchlist {
    pub name: String,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub countries: Vec<String>,
    pub event_types: Vec<String>,
    pub relation_types: Vec<String>,
    pub min_confidence: Option<f64>,
    pub no_events: bool,
    pub no_relations: bool,
    pub webhook: Option<String>,
}

/// `watchlist add`: save it (actor names resolved to ids), print it.
pub fn add(kb: &Kb, store: &mut Store, w: NewWatchlist) -> anyhow::Result<()> {
    let mut actors = Vec::with_capacity(w.actors.len());
    for a in &w.actors {
        actors.push(watched_actor(kb, store, a)?);
    }
    let upper = |v: Vec<String>| v.into_iter().map(|s| s.trim().to_uppercase()).collect();
    let filter = WatchFilter {
        actors,
        places: w.places,
        countries: upper(w.countries),
        event_types: upper(w.event_types),
        relation_types: upper(w.relation_types),
        min_confidence: w.min_confidence,
        events: !w.no_events,
        relations: !w.no_relations,
    };
    let saved = store.save_watchlist(&w.name, &filter, w.webhook.as_deref())?;
    print_line(&saved)
}

/// The actor a watchlist follows: one the store knows by that id or name, else one the kb
/// does (a group may be followed before any article names it).
fn watched_actor(kb: &Kb, store: &mut Store, name: &str) -> anyhow::Result<String> {
    if !store.resolve_actor(name, &kb.actors)?.is_empty() {
        return actor_id(kb, store, name);
    }
    let mut known: Vec<String> = kb
        .actors
        .named_by(name.trim())
        .into_iter()
        .map(|a| a.id.clone())
        .collect();
    known.dedup();
    match known.len() {
        1 => Ok(known.remove(0)),
        0 => anyhow::bail!("no actor {name:?} in the store or in kb/actors.toml"),
        _ => anyhow::bail!(
            "{name:?} names several actors ({}): give one of their ids",
            known.join(", ")
        ),
    }
}

fn print_line(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `watchlist list`: every watchlist with its unread count.
pub fn list(store: &mut Store) -> anyhow::Result<()> {
    for w in store.watchlists()? {
        print_line(&w)?;
    }
    Ok(())
}

/// `watchlist remove NAME`.
pub fn remove(store: &mut Store, name: &str) -> anyhow::Result<()> {
    if !store.remove_watchlist(name)? {
        anyhow::bail!("no watchlist named {name:?} (`rasid watchlist list` shows them)");
    }
    Ok(())
}

/// `alerts`: newest first; `mark_read` marks those printed read.
pub fn alerts(
    store: &mut Store,
    watchlist: Option<&str>,
    unread: bool,
    limit: usize,
    mark_read: bool,
) -> anyhow::Result<()> {
    let found = store.alerts(watchlist, unread, limit)?;
    for a in &found {
        print_line(a)?;
    }
    if mark_read {
        let ids: Vec<String> = found
            .iter()
            .filter(|a| !a.read)
            .map(|a| a.id.clone())
            .collect();
        if !ids.is_empty() {
            store.mark_read(&ids)?;
        }
    }
    Ok(())
}

/// After an ingest: send new alerts to their webhooks; what was done, for the summary.
pub fn deliver(store: &mut Store) -> anyhow::Result<rasid_watch::webhook::Delivered> {
    rasid_watch::webhook::deliver(store, &rasid_watch::webhook::Delivery::default())
        .context("delivering alerts to webhooks")
}
