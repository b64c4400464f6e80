//! The cross-document merge: recomputed from the per-document tables in one transaction,
//! under a lock, so the result depends only on what is stored — not on ingest order, the
//! number of workers or how many processes wrote.
//!
//! * **duplicates**: articles fed to the MinHash/LSH index of `rasid-ingest` in a
//!   content-derived order (publication date, then id); a later copy points at the first.
//! * **actors**: one row per actor id, named by the most frequent name seen.
//! * **merged events**: reports of the same type at the same place (normalised name), in
//!   date-then-id order, each join the first event that began at most `window_days`
//!   earlier and shares a party with it — an actor that did it or was acted on, so a
//!   report that names no doer («قتل أربعة جنود من الجيش») joins one that names the army
//!   with its attacker — or when neither names any party; a report without a place or a
//!   date stays alone. An event never spans more than the window. Its id derives
//!   from its earliest report, so it stays when later reports join. Its actors are the
//!   union of its reports' (the doer first: the actor its reports name first most often;
//!   then the most often named first), its targets the
//!   union of its reports' targets (the most often named first); it is background only
//!   if every report recalls it from before the news (one report telling it as news makes
//!   it news); its confidence is the highest of its reports' (none if none has one): the
//!   event is at least as likely right as its best-read report, and weaker reports of the
//!   same incident do not make the incident less likely.
//! * **edges**: relations grouped by type and actor pair (unordered for ALLY/HOSTILE),
//!   with first and last sighting (publication dates), weight (distinct articles, copies
//!   counted once) and every piece of evidence through `edge_members`. An edge's
//!   confidence is a noisy-or over the articles that state it (copies counted once, as
//!   for the weight): `1 − Π(1 − cᵢ)`, where `cᵢ` is the highest confidence of an
//!   article's relations on that edge, over the articles with one; none if no article
//!   has one. Independent statements each make the relation likelier.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rasid_ingest::dedup::{ArticleRef, DedupIndex, Fingerprint};

use crate::backend::{Backend, Value};
use crate::config::MergeConfig;
use crate::error::Result;
use crate::ids::stable_id;
use crate::review::overlay::{combined_mark, EventFacts, Overlay, RelationFacts};
use crate::search::name_key;

/// What the merge produced.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct MergeSummary {
    pub articles: usize,
    pub duplicates: usize,
    pub actors: usize,
    pub events: usize,
    pub merged_events: usize,
    pub relations: usize,
    pub edges: usize,
    /// Reports and relations an analyst rejected, left out of the merged views.
    pub rejected: usize,
    /// New facts that watchlists follow, recorded as alerts.
    pub alerts: usize,
}

struct ArticleInfo {
    published: Option<String>,
    /// Outlet, else the document's source: what counts as one source.
    source_key: String,
    /// The content hash of its document and its char span there: what analysts'
    /// decisions on its facts are keyed by.
    document: String,
    span: (i64, i64),
}

/// Fingerprints of the articles that have one: (publication date, article id, fingerprint).
type Fingerprints = Vec<(Option<String>, String, Fingerprint)>;

/// Every article as the merge sees it, and (`with_fingerprints`) their fingerprints.
fn read_articles(
    db: &mut dyn Backend,
    with_fingerprints: bool,
) -> Result<(HashMap<String, ArticleInfo>, Fingerprints)> {
    let minhash = if with_fingerprints {
        "a.exact_hash, a.minhash"
    } else {
        "NULL, NULL"
    };
    let rows = db.query(
        &format!(
            "SELECT a.id, a.published, a.outlet, d.source, {minhash}, d.content_hash,
                a.span_start, a.span_end
             FROM articles a JOIN documents d ON d.id = a.document_id"
        ),
        &[],
    )?;
    let mut articles: HashMap<String, ArticleInfo> = HashMap::with_capacity(rows.len());
    let mut fps: Fingerprints = Vec::new();
    for r in &rows {
        let id = r[0].text("articles.id")?;
        let published = r[1].opt_text("published")?;
        let outlet = r[2].opt_text("outlet")?;
        let source = r[3].text("source")?;
        if let Some(exact) = r[4].opt_text("exact_hash")? {
            let minhash = r[5].blob("minhash")?.map(|b| {
                b.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect()
            });
            let exact = u64::from_str_radix(&exact, 16).unwrap_or(0);
            fps.push((
                published.clone(),
                id.clone(),
                Fingerprint { exact, minhash },
            ));
        }
        articles.insert(
            id,
            ArticleInfo {
                published,
                source_key: outlet.unwrap_or(source),
                document: r[6].text("content_hash")?,
                span: (r[7].int("span_start")?, r[8].int("span_end")?),
            },
        );
    }
    Ok((articles, fps))
}

/// After analysts' decisions changed, and no document was stored since the last merge:
/// recompute only what decisions change — merged events, edges and alerts — with the
/// duplicates and actors of the last merge (the same result as [`run`], without reading
/// every fingerprint and rewriting every actor's names). When documents were stored
/// since, the whole merge ([`run`]).
pub(crate) fn run_decisions(db: &mut dyn Backend, config: &MergeConfig) -> Result<MergeSummary> {
    db.lock_merge()?;
    let documents_waiting = db
        .query("SELECT value FROM meta WHERE key = 'merge_dirty'", &[])?
        .first()
        .is_some_and(|r| r[0] == Value::from("1"));
    if documents_waiting {
        return run(db, config);
    }
    let mut summary = MergeSummary::default();
    for table in [
        "merged_events",
        "merged_event_members",
        "edges",
        "edge_members",
    ] {
        db.exec(&format!("DELETE FROM {table}"), &[])?;
    }
    let (articles, _) = read_articles(db, false)?;
    summary.articles = articles.len();
    let mut earlier: HashMap<String, String> = HashMap::new();
    for r in db.query("SELECT article_id, original_id FROM duplicates", &[])? {
        earlier.insert(r[0].text("article_id")?, r[1].text("original_id")?);
    }
    summary.duplicates = earlier.len();
    // a copy of a copy points at the first, as the whole merge found it
    let canonical = |id: &str| -> String {
        let mut at = id;
        for _ in 0..earlier.len() {
            match earlier.get(at) {
                Some(e) => at = e,
                None => break,
            }
        }
        at.to_string()
    };
    summary.actors = db
        .query("SELECT COUNT(*) FROM actors", &[])?
        .first()
        .map(|r| r[0].int("actors"))
        .transpose()?
        .map_or(0, |n| usize::try_from(n).unwrap_or(0));
    merge_facts(db, config, &articles, &canonical, &mut summary)?;
    Ok(summary)
}

pub(crate) fn run(db: &mut dyn Backend, config: &MergeConfig) -> Result<MergeSummary> {
    db.lock_merge()?;
    let mut summary = MergeSummary::default();
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

    // articles and duplicates
    let (articles, mut fps) = read_articles(db, true)?;
    summary.articles = articles.len();
    fps.sort_by(|a, b| (a.0.is_none(), &a.0, &a.1).cmp(&(b.0.is_none(), &b.0, &b.1)));
    let mut index = DedupIndex::new();
    let mut original: HashMap<String, String> = HashMap::new();
    for (_, id, fp) in &fps {
        let at = ArticleRef {
            source: id.clone(),
            article: 0,
        };
        if let Some((earlier, sim)) = index.check_and_insert(fp, at) {
            db.exec(
                "INSERT INTO duplicates (article_id, original_id, similarity) VALUES (?, ?, ?)",
                &[
                    id.as_str().into(),
                    earlier.source.as_str().into(),
                    Value::Real((f64::from(sim) * 1000.0).round() / 1000.0),
                ],
            )?;
            // a copy of a copy points at the first
            let root = original
                .get(&earlier.source)
                .cloned()
                .unwrap_or(earlier.source);
            original.insert(id.clone(), root);
            summary.duplicates += 1;
        }
    }
    let canonical = |id: &str| -> String { original.get(id).cloned().unwrap_or(id.to_string()) };

    // actors
    let rows = db.query(
        "SELECT actor_id, kind, name_ar, name_en, COUNT(*) FROM article_actors
         GROUP BY actor_id, kind, name_ar, name_en",
        &[],
    )?;
    let mut best: BTreeMap<String, (i64, String, String, Option<String>, i64)> = BTreeMap::new();
    for r in &rows {
        let id = r[0].text("actor_id")?;
        let kind = r[1].text("kind")?;
        let name_ar = r[2].text("name_ar")?;
        let name_en = r[3].opt_text("name_en")?;
        let n = r[4].int("count")?;
        let e = best
            .entry(id)
            .or_insert((0, kind.clone(), name_ar.clone(), name_en.clone(), 0));
        e.4 += n;
        if n > e.0 || (n == e.0 && (&kind, &name_ar, &name_en) < (&e.1, &e.2, &e.3)) {
            e.0 = n;
            e.1 = kind;
            e.2 = name_ar;
            e.3 = name_en;
        }
    }
    for (id, (_, kind, name_ar, name_en, n)) in &best {
        db.exec(
            "INSERT INTO actors (id, kind, name_ar, name_en, n_articles) VALUES (?, ?, ?, ?, ?)",
            &[
                id.into(),
                kind.into(),
                name_ar.into(),
                name_en.clone().into(),
                Value::Int(*n),
            ],
        )?;
    }
    summary.actors = best.len();
    write_actor_names(db)?;

    merge_facts(db, config, &articles, &canonical, &mut summary)?;
    Ok(summary)
}

/// What both merges do last: the analysts' decisions in force applied to the reports and
/// relations, merged events and edges written, new alerts recorded, the store marked merged.
fn merge_facts(
    db: &mut dyn Backend,
    config: &MergeConfig,
    articles: &HashMap<String, ArticleInfo>,
    canonical: &dyn Fn(&str) -> String,
    summary: &mut MergeSummary,
) -> Result<()> {
    let overlay = Overlay::load(db)?;
    merge_events(db, config, articles, &overlay, summary)?;
    merge_edges(db, articles, canonical, &overlay, summary)?;
    summary.alerts = crate::watch::record_alerts(db)?;
    crate::mark_merged(db)
}

/// A report of an event, as the merge sees it.
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

/// A date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as an inclusive day interval.
/// The normalised names each stored actor is known by (`actor_names`): its id, its
/// names, the text of its mentions. Rewritten whole by each merge, and by the migration
/// that adds the table.
pub(crate) fn write_actor_names(db: &mut dyn Backend) -> Result<()> {
    let mut names: BTreeMap<(String, String), bool> = BTreeMap::new();
    let mut add = |actor: &str, name: &str, canonical: bool| {
        let name = name_key(name);
        if !name.is_empty() {
            *names.entry((actor.to_string(), name)).or_default() |= canonical;
        }
    };
    for r in db.query(
        "SELECT DISTINCT actor_id, name_ar, name_en FROM article_actors",
        &[],
    )? {
        let actor = r[0].text("actor_id")?;
        add(&actor, &actor, false);
        add(&actor, &r[1].text("name_ar")?, true);
        if let Some(en) = r[2].opt_text("name_en")? {
            add(&actor, &en, false);
        }
    }
    for r in db.query("SELECT DISTINCT actor_id, text FROM actor_mentions", &[])? {
        add(&r[0].text("actor_id")?, &r[1].text("text")?, false);
    }
    db.exec("DELETE FROM actor_names", &[])?;
    let rows: Vec<_> = names.into_iter().collect();
    // the version readers compare to know their copy of the names is current
    let mut all = String::new();
    for ((actor, name), canonical) in &rows {
        all.push_str(&format!("{actor}\u{1f}{name}\u{1f}{canonical}\u{1e}"));
    }
    db.exec(
        "INSERT INTO meta (key, value) VALUES ('actor_names_version', ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[stable_id("actor_names", &[&all]).into()],
    )?;
    // a few hundred rows a statement: tens of thousands of names in a fraction of a second
    for chunk in rows.chunks(200) {
        let marks = vec!["(?, ?, ?)"; chunk.len()].join(", ");
        let params: Vec<Value> = chunk
            .iter()
            .flat_map(|((actor, name), canonical)| {
                [
                    Value::from(actor.as_str()),
                    Value::from(name.as_str()),
                    Value::Int(i64::from(*canonical)),
                ]
            })
            .collect();
        db.exec(
            &format!("INSERT INTO actor_names (actor_id, name, canonical) VALUES {marks}"),
            &params,
        )?;
    }
    Ok(())
}

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

fn merge_events(
    db: &mut dyn Backend,
    config: &MergeConfig,
    articles: &HashMap<String, ArticleInfo>,
    overlay: &Overlay,
    summary: &mut MergeSummary,
) -> Result<()> {
    let mut actors_of: HashMap<String, Vec<String>> = HashMap::new();
    for r in db.query(
        "SELECT event_id, actor_id FROM event_actors ORDER BY event_id, pos",
        &[],
    )? {
        actors_of
            .entry(r[0].text("event_id")?)
            .or_default()
            .push(r[1].text("actor_id")?);
    }
    let mut targets_of: HashMap<String, Vec<String>> = HashMap::new();
    for r in db.query(
        "SELECT event_id, actor_id FROM event_targets ORDER BY event_id, pos",
        &[],
    )? {
        targets_of
            .entry(r[0].text("event_id")?)
            .or_default()
            .push(r[1].text("actor_id")?);
    }
    let rows = db.query(
        "SELECT id, article_id, event_type, place, country, date, date_end, killed, injured,
                place_id, background, confidence, span_start, span_end
         FROM events ORDER BY id",
        &[],
    )?;
    let mut reports = Vec::with_capacity(rows.len());
    for r in &rows {
        let id = r[0].text("events.id")?;
        let article = r[1].text("article_id")?;
        let date = r[5].opt_text("date")?;
        let date_end = r[6].opt_text("date_end")?;
        let published = articles.get(&article).and_then(|a| a.published.clone());
        let own = date.as_deref().and_then(interval).and_then(|(s, e)| {
            let e = date_end
                .as_deref()
                .and_then(interval)
                .map_or(e, |(_, e2)| e2.max(e));
            ((e - s).num_days() < config.events.max_date_span_days).then_some((s, e))
        });
        let days = own
            .or_else(|| published.as_deref().and_then(interval))
            .map(|(s, e)| (s.num_days_from_ce(), e.num_days_from_ce()));
        let extracted = EventFacts {
            event_type: r[2].text("event_type")?,
            actors: actors_of.remove(&id).unwrap_or_default(),
            targets: targets_of.remove(&id).unwrap_or_default(),
            place: r[3].opt_text("place")?,
            place_id: r[9].opt_text("place_id")?,
        };
        let reviewed = match articles.get(&article) {
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
            summary.rejected += 1;
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
    summary.events = reports.len();

    // inside blocks of (type, place), in date-then-id order, each report joins the first
    // open event that began at most `window_days` before it and shares a party (doer or
    // target) with it;
    // an event never spans more than the window, so daily fighting in one city does not
    // chain into one month-long event
    let mut blocks: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    let mut alone: Vec<usize> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        // a report with no place or no date cannot be said to be the same as another
        let (Some(place), Some(_)) = (r.place.as_deref(), r.days) else {
            alone.push(i);
            continue;
        };
        // the same gazetteer entry, however each article spells it; else the same name
        let place_key = r
            .place_id
            .clone()
            .unwrap_or_else(|| format!("name:{}", rasid_text::normalize(place)));
        blocks
            .entry((r.event_type.clone(), place_key))
            .or_default()
            .push(i);
    }
    let window = i32::try_from(config.events.window_days).unwrap_or(i32::MAX);
    let mut groups: Vec<Vec<usize>> = alone.into_iter().map(|i| vec![i]).collect();
    for members in blocks.values_mut() {
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
                    groups.push(reps.clone());
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
        groups.extend(open.into_iter().map(|(_, _, reps)| reps));
    }
    for members in &groups {
        let mut members = members.clone();
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
                review)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        summary.merged_events += 1;
    }
    Ok(())
}

/// Ids by how many reports name them, most first, then by id.
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

fn most_named_first(count: BTreeMap<&str, usize>) -> Vec<&str> {
    let mut ids: Vec<(&str, usize)> = count.into_iter().collect();
    ids.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ids.into_iter().map(|a| a.0).collect()
}

/// The confidence of an edge stated by independent articles with confidences `cs`
/// (noisy-or: the relation is wrong only if every statement is): `1 − Π(1 − cᵢ)`, rounded
/// to six decimals; none when no statement has a confidence.
pub(crate) fn noisy_or(cs: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut wrong = None::<f64>;
    for c in cs {
        wrong = Some(wrong.unwrap_or(1.0) * (1.0 - c.clamp(0.0, 1.0)));
    }
    wrong.map(|w| ((1.0 - w) * 1e6).round() / 1e6)
}

fn merge_edges(
    db: &mut dyn Backend,
    articles: &HashMap<String, ArticleInfo>,
    canonical: &dyn Fn(&str) -> String,
    overlay: &Overlay,
    summary: &mut MergeSummary,
) -> Result<()> {
    let rows = db.query(
        "SELECT id, article_id, a, b, relation_type, confidence FROM relations ORDER BY id",
        &[],
    )?;
    summary.relations = rows.len();
    let evidence = relation_evidence_spans(db, overlay)?;
    type Member = (String, String, Option<f64>, Option<&'static str>);
    let mut edges: BTreeMap<(String, String, String), Vec<Member>> = BTreeMap::new();
    for r in &rows {
        let id = r[0].text("relations.id")?;
        let article = r[1].text("article_id")?;
        let confidence = r[5].opt_real("confidence")?;
        let extracted = RelationFacts {
            relation_type: r[4].text("relation_type")?,
            a: r[2].text("a")?,
            b: r[3].text("b")?,
        };
        let reviewed = match articles.get(&article) {
            Some(info) => overlay.review_relation(
                &info.document,
                info.span,
                evidence.get(&id).map_or(&[][..], Vec::as_slice),
                extracted,
            ),
            None => Some((extracted, None)),
        };
        let Some((
            RelationFacts {
                relation_type: t,
                mut a,
                mut b,
            },
            review,
        )) = reviewed
        else {
            summary.rejected += 1;
            continue;
        };
        if rasid_kb::relation_is_symmetric(&t) && b < a {
            std::mem::swap(&mut a, &mut b);
        }
        edges
            .entry((t, a, b))
            .or_default()
            .push((id, article, confidence, review));
    }
    for ((t, a, b), members) in &edges {
        let id = stable_id("edge", &[t, a, b]);
        let mut arts = BTreeSet::new();
        let mut originals = BTreeSet::new();
        let mut sources = BTreeSet::new();
        let mut dates = BTreeSet::new();
        // per original article, the highest confidence of its statements of this edge
        let mut stated: BTreeMap<String, f64> = BTreeMap::new();
        for (_, article, confidence, _) in members {
            arts.insert(article.as_str());
            originals.insert(canonical(article));
            if let Some(c) = *confidence {
                let best = stated.entry(canonical(article)).or_insert(c);
                *best = best.max(c);
            }
            if let Some(info) = articles.get(article) {
                sources.insert(info.source_key.as_str());
                if let Some(p) = &info.published {
                    dates.insert(p.as_str());
                }
            }
        }
        let review = combined_mark(members.iter().map(|m| m.3));
        db.exec(
            "INSERT INTO edges (id, a, b, relation_type, first_seen, last_seen, weight, n_articles,
                n_sources, confidence, review)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                id.as_str().into(),
                a.into(),
                b.into(),
                t.into(),
                dates.first().copied().into(),
                dates.last().copied().into(),
                originals.len().into(),
                arts.len().into(),
                sources.len().into(),
                noisy_or(stated.into_values()).into(),
                review.into(),
            ],
        )?;
        for (rid, _, _, review) in members {
            db.exec(
                "INSERT INTO edge_members (edge_id, relation_id, review) VALUES (?, ?, ?)",
                &[id.as_str().into(), rid.into(), (*review).into()],
            )?;
        }
        summary.edges += 1;
    }
    Ok(())
}

/// The evidence spans of every relation, when decisions are in force (none else: the
/// merge of a store nobody reviewed reads nothing more).
fn relation_evidence_spans(
    db: &mut dyn Backend,
    overlay: &Overlay,
) -> Result<HashMap<String, Vec<(i64, i64)>>> {
    let mut out: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
    if overlay.is_empty() {
        return Ok(out);
    }
    for r in db.query(
        "SELECT relation_id, span_start, span_end FROM relation_evidence ORDER BY relation_id, seq",
        &[],
    )? {
        out.entry(r[0].text("relation_id")?)
            .or_default()
            .push((r[1].int("span_start")?, r[2].int("span_end")?));
    }
    Ok(out)
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

    #[test]
    fn edge_confidence_is_a_noisy_or_of_its_statements() {
        assert_eq!(noisy_or([]), None);
        assert_eq!(noisy_or([0.6]), Some(0.6));
        // 1 − (0.5 × 0.5) and 1 − (0.4 × 0.5 × 0.8)
        assert_eq!(noisy_or([0.5, 0.5]), Some(0.75));
        assert_eq!(noisy_or([0.6, 0.5, 0.2]), Some(0.84));
        assert_eq!(noisy_or([1.0, 0.1]), Some(1.0));
    }
}
