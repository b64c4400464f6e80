//! Watchlists and alerts: saved filters over the merged events and the relation edges, and
//! the facts each merge brings that match them.
//!
//! A watchlist names actors, places, countries, event types, relation types and a lowest
//! confidence; an empty list does not filter. When it is saved, what already matches is
//! its baseline (kept, never shown as news). After every merge ([`record_alerts`], in the
//! merge's transaction) each merged event and edge that matches a watchlist and was not
//! seen by it before becomes an alert, unread. Merged events and edges have stable ids (an
//! event's from its earliest report), so a fact that gains a report is not news again; an
//! event first reported earlier than any stored report gets a new id and is.
//!
//! Alerts are read by `rasid alerts`, the page and the Atom feed; a watchlist's webhook is
//! called by the command that ingested (the store never opens a connection): it takes
//! [`Store::undelivered`] and marks what it delivered ([`Store::mark_delivered`]).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::backend::{query_in, Backend, Value};
use crate::error::{Result, StoreError};
use crate::ids::stable_id;
use crate::Store;

/// The most actors, places or countries a watchlist names, each.
pub const MAX_ITEMS: usize = 300;

/// What a watchlist follows. Each list matches any of its items; an empty list matches
/// everything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WatchFilter {
    /// Actor ids: an event naming one as doer or target, an edge touching one.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Place names (as stored) of events.
    #[serde(default)]
    pub places: Vec<String>,
    /// ISO country codes of events.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Event types (ATTACK …); with none, every event type.
    #[serde(default)]
    pub event_types: Vec<String>,
    /// Relation types (ALLY …); with none, every relation type.
    #[serde(default)]
    pub relation_types: Vec<String>,
    /// Only facts at least this likely (facts with no confidence pass).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<f64>,
    /// Follow merged events (default true).
    #[serde(default = "yes")]
    pub events: bool,
    /// Follow relation edges (default true).
    #[serde(default = "yes")]
    pub relations: bool,
}

fn yes() -> bool {
    true
}

impl Default for WatchFilter {
    /// Everything: every event and every edge.
    fn default() -> Self {
        Self {
            actors: Vec::new(),
            places: Vec::new(),
            countries: Vec::new(),
            event_types: Vec::new(),
            relation_types: Vec::new(),
            min_confidence: None,
            events: true,
            relations: true,
        }
    }
}

/// A saved watchlist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Watchlist {
    /// Stable id (from its name).
    pub id: String,
    pub name: String,
    pub filter: WatchFilter,
    /// Called with each new alert (POST JSON) by the command that ingested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<String>,
    pub created_at: String,
    /// Alerts not read yet.
    pub unread: i64,
}

/// One fact a merge brought that a watchlist follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alert {
    pub id: String,
    pub watchlist: String,
    /// `event` (a merged event) or `edge` (a relation edge).
    pub kind: String,
    /// The merged event's or edge's id.
    pub fact: String,
    /// One line saying what it is: type, actors, place, date.
    pub title: String,
    /// The event's or relation's type.
    pub fact_type: String,
    /// An event's doers then its targets; an edge's two ends (`a`, `b`).
    pub actors: Vec<String>,
    /// An event's place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// An event's first day; an edge's last sighting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub created_at: String,
    pub read: bool,
}

/// What an alert keeps of its fact (`alerts.detail`, JSON).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Detail {
    fact_type: String,
    actors: Vec<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// A fact as watchlists see it.
struct Fact {
    kind: &'static str,
    id: String,
    /// Event type or relation type.
    fact_type: String,
    actors: Vec<String>,
    place: Option<String>,
    country: Option<String>,
    confidence: Option<f64>,
    date: Option<String>,
    title: String,
}

impl WatchFilter {
    /// Whether `f` is one of the facts this filter follows.
    fn matches(&self, f: &Fact) -> bool {
        let any = |list: &[String], v: Option<&str>| {
            list.is_empty() || v.is_some_and(|v| list.iter().any(|x| x == v))
        };
        let kinds = match f.kind {
            "event" => self.events && any(&self.event_types, Some(&f.fact_type)),
            _ => {
                self.relations
                    && any(&self.relation_types, Some(&f.fact_type))
                    && self.places.is_empty()
                    && self.countries.is_empty()
            }
        };
        kinds
            && (self.actors.is_empty() || f.actors.iter().any(|a| self.actors.contains(a)))
            && any(&self.places, f.place.as_deref())
            && any(&self.countries, f.country.as_deref())
            && match (self.min_confidence, f.confidence) {
                (Some(min), Some(c)) => c >= min,
                _ => true,
            }
    }

    /// Whether the filter can be saved: known types, a confidence in 0–1, bounded lists.
    pub fn check(&self) -> Result<()> {
        let bad = |m: String| Err(StoreError::BadWatchlist(m));
        if let Some(t) = self
            .event_types
            .iter()
            .find(|t| !rasid_kb::EVENT_TYPES.contains(&t.as_str()))
        {
            return bad(format!("unknown event type {t:?}"));
        }
        if let Some(t) = self
            .relation_types
            .iter()
            .find(|t| !rasid_kb::RELATION_TYPES.contains(&t.as_str()))
        {
            return bad(format!("unknown relation type {t:?}"));
        }
        if self
            .min_confidence
            .is_some_and(|c| !(0.0..=1.0).contains(&c))
        {
            return bad("min_confidence is a number from 0 to 1".into());
        }
        for (name, list) in [
            ("actors", &self.actors),
            ("places", &self.places),
            ("countries", &self.countries),
        ] {
            if list.len() > MAX_ITEMS {
                return bad(format!("{} {name}: at most {MAX_ITEMS}", list.len()));
            }
        }
        if !self.events && !self.relations {
            return bad("a watchlist follows events, relations or both".into());
        }
        Ok(())
    }
}

/// The rows of `select` whose id is one of `only`; every row when `only` is none.
fn rows_of(db: &mut dyn Backend, select: &str, only: Option<&[String]>) -> Result<Vec<Vec<Value>>> {
    match only {
        None => db.query(select, &[]),
        Some(ids) => query_in(db, &format!("{select} WHERE id IN ({{ids}})"), ids),
    }
}

/// Every merged event and edge (`only`: those of these ids), as watchlists see them.
fn facts(db: &mut dyn Backend, only: Option<&[String]>) -> Result<Vec<Fact>> {
    let mut out = Vec::new();
    for r in rows_of(
        db,
        "SELECT id, event_type, place, country, actors, targets, confidence, date_start
         FROM merged_events",
        only,
    )? {
        let mut actors: Vec<String> = serde_json::from_str(&r[4].text("actors")?)?;
        let targets: Vec<String> = serde_json::from_str(&r[5].text("targets")?)?;
        let event_type = r[1].text("event_type")?;
        let place = r[2].opt_text("place")?;
        let date = r[7].opt_text("date_start")?;
        let title = format!(
            "{event_type} {} {} {}",
            actors.join(","),
            place.as_deref().unwrap_or("-"),
            date.as_deref().unwrap_or_default()
        );
        actors.extend(targets);
        out.push(Fact {
            kind: "event",
            id: r[0].text("id")?,
            fact_type: event_type,
            actors,
            place,
            country: r[3].opt_text("country")?,
            confidence: r[6].opt_real("confidence")?,
            date,
            title: title.trim().to_string(),
        });
    }
    for r in rows_of(
        db,
        "SELECT id, a, b, relation_type, confidence, last_seen FROM edges",
        only,
    )? {
        let (a, b, t) = (
            r[1].text("a")?,
            r[2].text("b")?,
            r[3].text("relation_type")?,
        );
        out.push(Fact {
            kind: "edge",
            id: r[0].text("id")?,
            title: format!(
                "{a} {t} {b} {}",
                r[5].opt_text("last_seen")?.unwrap_or_default()
            )
            .trim()
            .to_string(),
            fact_type: t,
            actors: vec![a, b],
            place: None,
            country: None,
            confidence: r[4].opt_real("confidence")?,
            date: r[5].opt_text("last_seen")?,
        });
    }
    Ok(out)
}

fn watchlists_of(db: &mut dyn Backend) -> Result<Vec<(String, WatchFilter)>> {
    db.query("SELECT id, filter FROM watchlists ORDER BY id", &[])?
        .iter()
        .map(|r| {
            Ok((
                r[0].text("watchlists.id")?,
                serde_json::from_str(&r[1].text("watchlists.filter")?)?,
            ))
        })
        .collect()
}

/// Record as alerts (`baseline`: as already seen) the facts (all, or those of `ids`)
/// matching each watchlist (one watchlist, or all) that it has not seen; how many new
/// alerts.
fn record(
    db: &mut dyn Backend,
    only: Option<&str>,
    baseline: bool,
    now: &str,
    ids: Option<&[String]>,
) -> Result<usize> {
    let lists: Vec<(String, WatchFilter)> = watchlists_of(db)?
        .into_iter()
        .filter(|(id, _)| only.is_none_or(|o| o == id))
        .collect();
    if lists.is_empty() {
        return Ok(0);
    }
    let facts = facts(db, ids)?;
    let mut added = 0;
    for (list, filter) in &lists {
        let seen: HashSet<String> = db
            .query(
                "SELECT fact_id FROM alerts WHERE watchlist_id = ?",
                &[list.into()],
            )?
            .iter()
            .map(|r| r[0].text("fact_id"))
            .collect::<Result<_>>()?;
        for f in facts
            .iter()
            .filter(|f| !seen.contains(&f.id) && filter.matches(f))
        {
            added += db.exec(
                "INSERT INTO alerts (id, watchlist_id, kind, fact_id, title, detail, created_at,
                    baseline, read, delivered)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                &[
                    stable_id("alert", &[list, f.kind, &f.id]).into(),
                    list.into(),
                    f.kind.into(),
                    f.id.as_str().into(),
                    f.title.as_str().into(),
                    serde_json::to_string(&Detail {
                        fact_type: f.fact_type.clone(),
                        actors: f.actors.clone(),
                        place: f.place.clone(),
                        date: f.date.clone(),
                    })?
                    .into(),
                    now.into(),
                    baseline.into(),
                    baseline.into(),
                    baseline.into(),
                ],
            )? as usize;
        }
    }
    Ok(if baseline { 0 } else { added })
}

/// After a merge, inside its transaction: the new facts each watchlist follows, as
/// alerts. `written`: the merged events and edges the merge wrote (none: all of them); a
/// fact it did not write is as it was, and was matched before.
pub(crate) fn record_alerts(db: &mut dyn Backend, written: Option<&[String]>) -> Result<usize> {
    record(db, None, false, &crate::review::now(), written)
}

impl Store {
    /// Save a watchlist (a new name, or a new filter for a name saved before); what matches
    /// it now is its baseline, not news.
    pub fn save_watchlist(
        &mut self,
        name: &str,
        filter: &WatchFilter,
        webhook: Option<&str>,
    ) -> Result<Watchlist> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(StoreError::BadWatchlist(
                "a watchlist's name has 1 to 100 characters".into(),
            ));
        }
        filter.check()?;
        if let Some(url) = webhook {
            if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() > 2000 {
                return Err(StoreError::BadWatchlist(format!(
                    "a webhook is an http:// or https:// URL, got {url:?}"
                )));
            }
        }
        let id = stable_id("watchlist", &[name]);
        let now = crate::review::now();
        let json = serde_json::to_string(filter)?;
        self.retrying(|db| {
            db.exec(
                "INSERT INTO watchlists (id, name, filter, webhook, created_at)
                 VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (id) DO UPDATE SET filter = excluded.filter,
                    webhook = excluded.webhook",
                &[
                    id.as_str().into(),
                    name.into(),
                    json.as_str().into(),
                    webhook.into(),
                    now.as_str().into(),
                ],
            )?;
            record(db, Some(&id), true, &now, None)
        })?;
        self.watchlists()?
            .into_iter()
            .find(|w| w.id == id)
            .ok_or_else(|| StoreError::NoFact(format!("watchlist {name}")))
    }

    /// Every watchlist with its unread count.
    pub fn watchlists(&mut self) -> Result<Vec<Watchlist>> {
        let rows = self.db.query(
            "SELECT w.id, w.name, w.filter, w.webhook, w.created_at,
                (SELECT COUNT(*) FROM alerts a
                 WHERE a.watchlist_id = w.id AND a.read = 0 AND a.baseline = 0)
             FROM watchlists w ORDER BY w.name",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(Watchlist {
                    id: r[0].text("id")?,
                    name: r[1].text("name")?,
                    filter: serde_json::from_str(&r[2].text("filter")?)?,
                    webhook: r[3].opt_text("webhook")?,
                    created_at: r[4].text("created_at")?,
                    unread: r[5].int("unread")?,
                })
            })
            .collect()
    }

    /// Delete a watchlist and its alerts; false when no watchlist has that name.
    pub fn remove_watchlist(&mut self, name: &str) -> Result<bool> {
        let id = stable_id("watchlist", &[name.trim()]);
        self.retrying(|db| {
            db.exec(
                "DELETE FROM alerts WHERE watchlist_id = ?",
                &[id.as_str().into()],
            )?;
            Ok(db.exec("DELETE FROM watchlists WHERE id = ?", &[id.as_str().into()])? > 0)
        })
    }

    /// Alerts, newest first (then by id), of one watchlist (by name) or all; only unread
    /// ones with `unread`; at most `limit`.
    pub fn alerts(
        &mut self,
        watchlist: Option<&str>,
        unread: bool,
        limit: usize,
    ) -> Result<Vec<Alert>> {
        let mut sql = String::from(
            "SELECT a.id, w.name, a.kind, a.fact_id, a.title, a.created_at, a.read, a.detail
             FROM alerts a JOIN watchlists w ON w.id = a.watchlist_id WHERE a.baseline = 0",
        );
        let mut params: Vec<Value> = Vec::new();
        if let Some(name) = watchlist {
            sql.push_str(" AND w.name = ?");
            params.push(name.trim().into());
        }
        if unread {
            sql.push_str(" AND a.read = 0");
        }
        sql.push_str(" ORDER BY a.created_at DESC, a.id LIMIT ?");
        params.push(limit.into());
        self.db
            .query(&sql, &params)?
            .iter()
            .map(|r| alert(r))
            .collect()
    }

    /// Mark alerts read (`ids`; all of them when empty); how many changed.
    pub fn mark_read(&mut self, ids: &[String]) -> Result<usize> {
        self.retrying(|db| {
            if ids.is_empty() {
                return Ok(db.exec("UPDATE alerts SET read = 1 WHERE read = 0", &[])? as usize);
            }
            let mut n = 0;
            for id in ids {
                n += db.exec(
                    "UPDATE alerts SET read = 1 WHERE id = ? AND read = 0",
                    &[id.into()],
                )? as usize;
            }
            Ok(n)
        })
    }

    /// Alerts not yet delivered to their watchlist's webhook: (webhook URL, alert).
    pub fn undelivered(&mut self) -> Result<Vec<(String, Alert)>> {
        self.db
            .query(
                "SELECT a.id, w.name, a.kind, a.fact_id, a.title, a.created_at, a.read, a.detail,
                    w.webhook
                 FROM alerts a JOIN watchlists w ON w.id = a.watchlist_id
                 WHERE a.baseline = 0 AND a.delivered = 0 AND w.webhook IS NOT NULL
                 ORDER BY a.created_at, a.id",
                &[],
            )?
            .iter()
            .map(|r| Ok((r[8].text("webhook")?, alert(r)?)))
            .collect()
    }

    /// Mark alerts delivered to their webhook.
    pub fn mark_delivered(&mut self, ids: &[String]) -> Result<()> {
        self.retrying(|db| {
            for id in ids {
                db.exec("UPDATE alerts SET delivered = 1 WHERE id = ?", &[id.into()])?;
            }
            Ok(())
        })
    }
}

fn alert(r: &[Value]) -> Result<Alert> {
    let detail: Detail = serde_json::from_str(&r[7].text("alerts.detail")?)?;
    Ok(Alert {
        id: r[0].text("alerts.id")?,
        watchlist: r[1].text("watchlists.name")?,
        kind: r[2].text("alerts.kind")?,
        fact: r[3].text("alerts.fact_id")?,
        title: r[4].text("alerts.title")?,
        fact_type: detail.fact_type,
        actors: detail.actors,
        place: detail.place,
        date: detail.date,
        created_at: r[5].text("alerts.created_at")?,
        read: r[6].int("alerts.read")? != 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attack(actors: &[&str], country: &str, confidence: Option<f64>) -> Fact {
        Fact {
            kind: "event",
            id: "e".into(),
            fact_type: "ATTACK".into(),
            actors: actors.iter().map(|s| s.to_string()).collect(),
            place: Some("مأرب".into()),
            country: Some(country.into()),
            confidence,
            date: None,
            title: String::new(),
        }
    }

    #[test]
    fn a_filter_matches_any_of_each_list_and_all_lists() {
        let f = WatchFilter {
            actors: vec!["houthis".into(), "aqap".into()],
            countries: vec!["YE".into()],
            event_types: vec!["ATTACK".into()],
            min_confidence: Some(0.5),
            ..WatchFilter::default()
        };
        assert!(f.matches(&attack(&["houthis"], "YE", Some(0.6))));
        assert!(f.matches(&attack(&["aqap"], "YE", None)));
        assert!(!f.matches(&attack(&["houthis"], "SY", Some(0.6))));
        assert!(!f.matches(&attack(&["isis"], "YE", Some(0.6))));
        assert!(!f.matches(&attack(&["houthis"], "YE", Some(0.4))));
        let edge = Fact {
            kind: "edge",
            fact_type: "ALLY".into(),
            place: None,
            country: None,
            ..attack(&["houthis", "irgc"], "YE", None)
        };
        // a filter with countries follows events only: an edge has no country
        assert!(!f.matches(&edge));
        let everything: WatchFilter = serde_json::from_str("{}").expect("defaults");
        assert_eq!(everything, WatchFilter::default());
        assert!(everything.matches(&edge) && everything.matches(&attack(&[], "YE", None)));
    }

    #[test]
    fn unknown_types_and_confidences_are_refused() {
        let f = WatchFilter {
            event_types: vec!["RIOT".into()],
            ..WatchFilter::default()
        };
        assert!(f.check().is_err());
        let f = WatchFilter {
            min_confidence: Some(1.5),
            ..WatchFilter::default()
        };
        assert!(f.check().is_err());
        let many = WatchFilter {
            places: vec!["مأرب".into(); MAX_ITEMS + 1],
            ..WatchFilter::default()
        };
        assert!(many.check().is_err());
        let enough = WatchFilter {
            places: vec!["مأرب".into(); MAX_ITEMS],
            actors: vec!["houthis".into(); MAX_ITEMS],
            ..WatchFilter::default()
        };
        assert!(enough.check().is_ok());
    }
}
