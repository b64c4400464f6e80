//! Merged events: reports of the same type at the same place (a *block*: the gazetteer
//! entry, else the normalised name), in date-then-id order, each join the first event
//! that began at most `window_days` earlier and shares a party with it — an actor that
//! did it or was acted on, so a report that names no doer («قتل أربعة جنود من الجيش»)
//! joins one that names the army with its attacker — or when neither names any party; a
//! report without a place or a date stays alone. An event never spans more than the
//! window. Its id derives from its earliest report, so it stays when later reports join.
//! Its actors are the union of its reports' (the doer first: the actor its reports name
//! first most often; then the most often named first), its targets the union of its
//! reports' targets (the most often named first); it is background only if every report
//! recalls it from before the news (one report telling it as news makes it news); its
//! confidence is the highest of its reports' (none if none has one): the event is at
//! least as likely right as its best-read report, and weaker reports of the same
//! incident do not make the incident less likely.
//!
//! Grouping is per block, so an incremental merge regroups only the blocks of the new
//! reports (each merged event keeps its block), and in each only the events that began at
//! most a window before its first new report: every report that could join an earlier
//! event began before that report, so those events are as they were; and no report of a
//! later event joins one of them (it would have joined the first that shares a party), so
//! the later events group alike without them. The result is the full merge's.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{Datelike, NaiveDate};

use super::articles::Articles;
use super::Select;
use crate::backend::{exec_in, query_in, Backend, Value};
use crate::config::MergeConfig;
use crate::error::Result;
use crate::ids::stable_id;
use crate::review::overlay::{combined_mark, EventFacts, Overlay};

/// A report of an event, as the merge sees it (after analysts' decisions).
struct Report {
    id: String,
    article: String,
    event_type: String,
    place: Option<String>,
    /// The gazetteer entry of the place, when it is one.
    place_id: Option<String>,
    country: Option<String>,
    /// Inclusive day interval (days since CE), if the report can be placed in time.
    days: Option<(i32, i32)>,
    /// The actor the report names first: its doer.
    initiator: Option<String>,
    actors: Vec<String>,
    targets: Vec<String>,
    killed: Option<i64>,
    injured: Option<i64>,
    background: bool,
    confidence: Option<f64>,
    /// How analysts' decisions mark it: `confirmed`, `corrected` or none.
    review: Option<&'static str>,
}

impl Report {
    /// The block it is grouped in: type and place (the same gazetteer entry, however
    /// each article spells it; else the same name); none for a report without a place or
    /// a date, which cannot be said to be the same as another.
    fn block(&self) -> Option<String> {
        let place = self.place.as_deref()?;
        self.days?;
        let place_key = self
            .place_id
            .clone()
            .unwrap_or_else(|| format!("name:{}", rasid_text::normalize(place)));
        Some(format!("{}\u{1f}{place_key}", self.event_type))
    }
}

/// A date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as an inclusive day interval.
pub(crate) fn interval(date: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => Some((
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
        )),
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        3 => {
            let d = NaiveDate::from_ymd_opt(y, parts[1].parse().ok()?, parts[2].parse().ok()?)?;
            Some((d, d))
        }
        _ => None,
    }
}

fn day_string(days: i32) -> String {
    NaiveDate::from_num_days_from_ce_opt(days)
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        .unwrap_or_default()
}

/// The rows of `base` (a select from a table of facts with `id` and `article_id`) that
/// `select` names, by id.
pub(super) fn by_id(db: &mut dyn Backend, select: &Select, base: &str) -> Result<Vec<Vec<Value>>> {
    select.rows(
        db,
        &format!("{base} ORDER BY id"),
        &format!("{base} WHERE article_id IN ({{ids}}) ORDER BY id"),
        &format!("{base} WHERE id IN ({{ids}}) ORDER BY id"),
    )
}

/// Per event, its actor ids in order, from `table` (`event_actors` or `event_targets`).
fn parties(
    db: &mut dyn Backend,
    table: &str,
    select: &Select,
) -> Result<BTreeMap<String, Vec<String>>> {
    let base = format!("SELECT x.event_id, x.actor_id FROM {table} x");
    let order = "ORDER BY x.event_id, x.pos";
    let rows = select.rows(
        db,
        &format!("{base} {order}"),
        &format!(
            "{base} JOIN events e ON e.id = x.event_id WHERE e.article_id IN ({{ids}}) {order}"
        ),
        &format!("{base} WHERE x.event_id IN ({{ids}}) {order}"),
    )?;
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in rows {
        out.entry(r[0].text("event_id")?)
            .or_default()
            .push(r[1].text("actor_id")?);
    }
    Ok(out)
}

/// The reports `select` names, with analysts' decisions applied; and how many of them
/// analysts rejected (left out).
fn load(
    db: &mut dyn Backend,
    config: &MergeConfig,
    articles: &mut Articles,
    overlay: &Overlay,
    select: &Select,
) -> Result<(Vec<Report>, usize)> {
    let mut actors_of = parties(db, "event_actors", select)?;
    let mut targets_of = parties(db, "event_targets", select)?;
    let base = "SELECT id, article_id, event_type, place, country, date, date_end, killed,
            injured, place_id, background, confidence, span_start, span_end
         FROM events";
    let rows = by_id(db, select, base)?;
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r[1].text("article_id"))
        .collect::<Result<_>>()?;
    articles.load(db, ids.iter().map(String::as_str))?;
    let mut reports = Vec::with_capacity(rows.len());
    let mut rejected = 0;
    for r in &rows {
        let id = r[0].text("events.id")?;
        let article = r[1].text("article_id")?;
        let date = r[5].opt_text("date")?;
        let date_end = r[6].opt_text("date_end")?;
        let info = articles.get(&article);
        let published = info.and_then(|a| a.published.as_deref());
        let own = date.as_deref().and_then(interval).and_then(|(s, e)| {
            let e = date_end
                .as_deref()
                .and_then(interval)
                .map_or(e, |(_, e2)| e2.max(e));
            ((e - s).num_days() < config.events.max_date_span_days).then_some((s, e))
        });
        let days = own
            .or_else(|| published.and_then(interval))
            .map(|(s, e)| (s.num_days_from_ce(), e.num_days_from_ce()));
        let extracted = EventFacts {
            event_type: r[2].text("event_type")?,
            actors: actors_of.remove(&id).unwrap_or_default(),
            targets: targets_of.remove(&id).unwrap_or_default(),
            place: r[3].opt_text("place")?,
            place_id: r[9].opt_text("place_id")?,
        };
        let reviewed = match info {
            Some(info) => overlay.review_event(
                &info.document,
                info.span,
                (r[12].int("span_start")?, r[13].int("span_end")?),
                extracted,
            ),
            None => Some((extracted, None)),
        };
        // rejected by an analyst: never merged, never shown, never exported
        let Some((facts, review)) = reviewed else {
            rejected += 1;
            continue;
        };
        let EventFacts {
            event_type,
            mut actors,
            mut targets,
            place,
            place_id,
        } = facts;
        let initiator = actors.first().cloned();
        actors.sort();
        actors.dedup();
        targets.sort();
        targets.dedup();
        reports.push(Report {
            id,
            article,
            event_type,
            place,
            place_id,
            country: r[4].opt_text("country")?,
            days,
            initiator,
            actors,
            targets,
            killed: r[7].opt_int("killed")?,
            injured: r[8].opt_int("injured")?,
            background: r[10].int("background")? != 0,
            confidence: r[11].opt_real("confidence")?,
            review,
        });
    }
    Ok((reports, rejected))
}

/// How many days after an event's first report a report may still join it.
fn window(config: &MergeConfig) -> i32 {
    i32::try_from(config.events.window_days).unwrap_or(i32::MAX)
}

/// The reports grouped into events: (block, members); inside a block, in date-then-id
/// order, each report joins the first open event that began at most `window_days` before
/// it and shares a party (doer or target) with it. An event never spans more than the
/// window, so daily fighting in one city does not chain into one month-long event.
fn group(reports: &[Report], config: &MergeConfig) -> Vec<(Option<String>, Vec<usize>)> {
    let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        match r.block() {
            Some(block) => blocks.entry(block).or_default().push(i),
            None => groups.push((None, vec![i])),
        }
    }
    let window = window(config);
    for (block, members) in blocks.iter_mut() {
        members.sort_by(|&a, &b| {
            (reports[a].days, &reports[a].id).cmp(&(reports[b].days, &reports[b].id))
        });
        // open events of this block: (first day, parties, reports)
        let mut open: Vec<(i32, BTreeSet<&str>, Vec<usize>)> = Vec::new();
        for &i in members.iter() {
            let Some((start, _)) = reports[i].days else {
                continue;
            };
            let parties: BTreeSet<&str> = reports[i]
                .actors
                .iter()
                .chain(&reports[i].targets)
                .map(String::as_str)
                .collect();
            open.retain(|(first, _, reps)| {
                let keep = start - first <= window;
                if !keep {
                    groups.push((Some(block.clone()), reps.clone()));
                }
                keep
            });
            let joined = open.iter_mut().find(|(_, seen, _)| {
                if seen.is_empty() && parties.is_empty() {
                    true
                } else {
                    !seen.is_disjoint(&parties)
                }
            });
            match joined {
                Some((_, seen, reps)) => {
                    seen.extend(parties);
                    reps.push(i);
                }
                None => open.push((start, parties, vec![i])),
            }
        }
        groups.extend(
            open.into_iter()
                .map(|(_, _, reps)| (Some(block.clone()), reps)),
        );
    }
    groups
}

/// Write one merged event of `members` (of `reports`) in `block`; its id.
fn write(
    db: &mut dyn Backend,
    reports: &[Report],
    articles: &Articles,
    block: Option<&str>,
    members: &[usize],
) -> Result<String> {
    let mut members = members.to_vec();
    members.sort_by(|&a, &b| {
        (reports[a].days.is_none(), reports[a].days, &reports[a].id).cmp(&(
            reports[b].days.is_none(),
            reports[b].days,
            &reports[b].id,
        ))
    });
    let first = &reports[members[0]];
    let id = stable_id("merged_event", &[&first.id]);
    let mut actor_count: BTreeMap<&str, usize> = BTreeMap::new();
    let mut initiators: Vec<(&str, usize)> = Vec::new();
    let mut target_count: BTreeMap<&str, usize> = BTreeMap::new();
    let mut background = true;
    let mut confidence = None::<f64>;
    let mut arts: BTreeSet<&str> = BTreeSet::new();
    let mut sources: BTreeSet<&str> = BTreeSet::new();
    let (mut start, mut end) = (None::<i32>, None::<i32>);
    let (mut killed, mut injured) = (None::<i64>, None::<i64>);
    let mut country = None;
    for &m in &members {
        let r = &reports[m];
        for a in &r.actors {
            *actor_count.entry(a).or_default() += 1;
        }
        if let Some(i) = r.initiator.as_deref() {
            match initiators.iter_mut().find(|(id, _)| *id == i) {
                Some((_, n)) => *n += 1,
                None => initiators.push((i, 1)),
            }
        }
        for t in &r.targets {
            *target_count.entry(t).or_default() += 1;
        }
        background &= r.background;
        confidence = match (confidence, r.confidence) {
            (Some(c), Some(x)) => Some(c.max(x)),
            (c, x) => c.or(x),
        };
        arts.insert(&r.article);
        if let Some(info) = articles.get(&r.article) {
            sources.insert(&info.source_key);
        }
        if let Some((s, e)) = r.days {
            start = Some(start.map_or(s, |x| x.min(s)));
            end = Some(end.map_or(e, |x| x.max(e)));
        }
        killed = killed.max(r.killed);
        injured = injured.max(r.injured);
        if country.is_none() {
            country = r.country.clone();
        }
    }
    let actors = doer_first(most_named_first(actor_count), &initiators);
    let targets = most_named_first(target_count);
    let review = combined_mark(members.iter().map(|&m| reports[m].review));
    db.exec(
        "INSERT INTO merged_events (id, event_type, place, country, date_start, date_end, actors,
            killed, injured, n_sources, n_articles, n_events, targets, background, confidence,
            review, block)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            id.as_str().into(),
            first.event_type.as_str().into(),
            first.place.clone().into(),
            country.into(),
            start.map(day_string).into(),
            end.map(day_string).into(),
            serde_json::to_string(&actors)?.into(),
            killed.into(),
            injured.into(),
            sources.len().into(),
            arts.len().into(),
            members.len().into(),
            serde_json::to_string(&targets)?.into(),
            background.into(),
            confidence.into(),
            review.into(),
            block.into(),
        ],
    )?;
    for &m in &members {
        db.exec(
            "INSERT INTO merged_event_members (merged_id, event_id, review) VALUES (?, ?, ?)",
            &[
                id.as_str().into(),
                reports[m].id.as_str().into(),
                reports[m].review.into(),
            ],
        )?;
    }
    Ok(id)
}

/// Group and write `reports`; the ids of the merged events written.
fn write_all(
    db: &mut dyn Backend,
    config: &MergeConfig,
    reports: &[Report],
    articles: &Articles,
) -> Result<Vec<String>> {
    group(reports, config)
        .iter()
        .map(|(block, members)| write(db, reports, articles, block.as_deref(), members))
        .collect()
}

/// Every report into merged events (the merged tables are empty); the rejected count.
pub(super) fn rebuild_all(
    db: &mut dyn Backend,
    config: &MergeConfig,
    articles: &mut Articles,
    overlay: &Overlay,
) -> Result<usize> {
    let (reports, rejected) = load(db, config, articles, overlay, &Select::All)?;
    write_all(db, config, &reports, articles)?;
    Ok(rejected)
}

/// The reports of the articles `new` merged: every block they fall in grouped again with
/// the reports already merged there. The ids of the merged events written, and how many
/// new reports analysts rejected.
pub(super) fn update(
    db: &mut dyn Backend,
    config: &MergeConfig,
    articles: &mut Articles,
    overlay: &Overlay,
    new: &[String],
) -> Result<(Vec<String>, usize)> {
    let (mut reports, rejected) = load(db, config, articles, overlay, &Select::Articles(new))?;
    // per block, the first day that changes: that of its first new report, or the first
    // day of an event that held one of these articles' reports before (an article merged
    // again after an analyst's decision: its report may have left that event)
    let mut since: BTreeMap<String, i32> = BTreeMap::new();
    let mut earliest = |block: String, day: i32| {
        let first = since.entry(block).or_insert(day);
        *first = (*first).min(day);
    };
    for r in &reports {
        if let (Some(block), Some((start, _))) = (r.block(), r.days) {
            earliest(block, start);
        }
    }
    let mut stale: BTreeSet<String> = BTreeSet::new();
    for r in query_in(
        db,
        "SELECT DISTINCT me.id, me.block, me.date_start FROM merged_event_members m
         JOIN merged_events me ON me.id = m.merged_id JOIN events e ON e.id = m.event_id
         WHERE e.article_id IN ({ids})",
        new,
    )? {
        stale.insert(r[0].text("merged_events.id")?);
        let start = r[2].opt_text("date_start")?.as_deref().and_then(interval);
        if let (Some(block), Some((day, _))) = (r[1].opt_text("block")?, start) {
            earliest(block, day.num_days_from_ce());
        }
    }
    // the events of those blocks that began at most a window before that day (the earlier
    // ones cannot change)
    for (block, first) in &since {
        let from = day_string(first.saturating_sub(window(config)));
        for r in db.query(
            "SELECT id FROM merged_events WHERE block = ? AND date_start >= ?",
            &[block.into(), from.into()],
        )? {
            stale.insert(r[0].text("merged_events.id")?);
        }
    }
    let stale: Vec<String> = stale.into_iter().collect();
    let fresh: HashSet<&str> = reports.iter().map(|r| r.id.as_str()).collect();
    let merged = super::members_not_loaded(
        db,
        "SELECT event_id FROM merged_event_members WHERE merged_id IN ({ids})",
        &stale,
        &fresh,
    )?;
    let (before, _) = load(db, config, articles, overlay, &Select::Facts(&merged))?;
    reports.extend(before);
    exec_in(
        db,
        "DELETE FROM merged_event_members WHERE merged_id IN ({ids})",
        &stale,
    )?;
    exec_in(db, "DELETE FROM merged_events WHERE id IN ({ids})", &stale)?;
    let written = write_all(db, config, &reports, articles)?;
    Ok((written, rejected))
}

/// `actors` with the doer first: the actor its reports name first most often (each report
/// names its doer first), the earliest report breaking a tie (`initiators` is in report
/// order). Without it, a victim that every report names would stand in the doer's place.
fn doer_first<'a>(mut actors: Vec<&'a str>, initiators: &[(&'a str, usize)]) -> Vec<&'a str> {
    let most = initiators.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if let Some((doer, _)) = initiators.iter().find(|(_, n)| *n == most) {
        actors.retain(|a| a != doer);
        actors.insert(0, doer);
    }
    actors
}

/// Ids by how many reports name them, most first, then by id.
fn most_named_first(count: BTreeMap<&str, usize>) -> Vec<&str> {
    let mut ids: Vec<(&str, usize)> = count.into_iter().collect();
    ids.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ids.into_iter().map(|a| a.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_day_intervals() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(interval("2024-03-14"), d("2024-03-14").zip(d("2024-03-14")));
        assert_eq!(interval("2024-02"), d("2024-02-01").zip(d("2024-02-29")));
        assert_eq!(interval("2023"), d("2023-01-01").zip(d("2023-12-31")));
        assert_eq!(interval("2024-13-01"), None);
        assert_eq!(interval("junk"), None);
    }

    #[test]
    fn the_doer_most_reports_name_first_leads_the_actors() {
        // «التحالف يقصف مواقع حوثية» twice, «الحوثيون ...» once: the Houthis are named by
        // every report, the coalition is the doer
        let actors = most_named_first(BTreeMap::from([("houthis", 3), ("coalition", 2)]));
        assert_eq!(actors, ["houthis", "coalition"]);
        let initiators = [("coalition", 2), ("houthis", 1)];
        assert_eq!(doer_first(actors, &initiators), ["coalition", "houthis"]);
        // a tie goes to the earliest report
        let tie = [("houthis", 1), ("coalition", 1)];
        assert_eq!(
            doer_first(vec!["coalition", "houthis"], &tie),
            ["houthis", "coalition"]
        );
        assert_eq!(doer_first(vec!["a", "b"], &[]), ["a", "b"]);
    }
}
