//! Merged events (the cross-document merge's view) with the reports they merge, and the
//! places with coordinates: `rasid query timeline|events`, export, `/api/events`,
//! `/api/events.csv`, an actor's timeline, `/api/places`.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::in_chunks;
use crate::backend::Value;
use crate::error::Result;
use crate::Store;

/// Which merged events to list; `None` fields do not filter. It is also what a user asks
/// for, as `rasid query events` options and `/api/events` parameters: the command line and
/// the API check it and resolve a name given as `actor` to its id before the store reads.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::IntoParams),
    into_params(parameter_in = Query)
)]
pub struct EventFilter {
    /// Event type: MEET, AGREE, RELEASE, ATTACK, ARREST, SEIZE, DEFECT, PLEDGE, SUPPORT,
    /// TAKEOVER (any case); empty: every type.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", param(rename = "type"))]
    pub event_type: Option<String>,
    /// Actor id or Arabic name: events one of whose reports names the actor (404 when it
    /// names no stored actor, 400 when it names several); empty: any actor.
    pub actor: Option<String>,
    /// Place, Arabic name as stored; empty: any place.
    pub place: Option<String>,
    /// ISO country code (YE, SY …, any case); empty: any country.
    pub country: Option<String>,
    /// Events ending on or after this date: YYYY, YYYY-MM or YYYY-MM-DD
    /// (`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`) naming a real day, month or year: year
    /// 0001–9999, month 01–12, a day the month has (2015-02-31, 2015-13 and 2015-02-29 are
    /// refused, 2016-02-29 is taken); the pattern says exactly that. Empty: no bound.
    pub from: Option<String>,
    /// Events starting on or before this date: YYYY, YYYY-MM or YYYY-MM-DD naming a real
    /// day, month or year, as `from` (2015-02-31 is refused). Empty: no bound.
    pub to: Option<String>,
    /// At most this many events, the earliest, 1–5000 (the API's default: 1000; an
    /// export's: every event).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 5000))]
    pub limit: Option<usize>,
    /// Only events at least this likely right, 0–1; an event with no confidence passes.
    #[cfg_attr(feature = "openapi", param(minimum = 0.0, maximum = 1.0))]
    pub min_confidence: Option<f64>,
}

/// The last day of a `to` filter (`2015-07` → `2015-07-31`, `2015` → `2015-12-31`), so
/// that a month or a year includes its days; the text itself when it is no date.
pub(crate) fn last_day(to: &str) -> String {
    crate::merge::interval(to).map_or_else(|| to.to_string(), |(_, end)| end.to_string())
}

/// Is `s` a real date written YYYY, YYYY-MM or YYYY-MM-DD (a filter's `from`/`to`)?
/// «2015-13-01», «2015-02-31» and year 0000 are not.
pub fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = matches!(parts.len(), 1..=3)
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    let num = |i: usize, default: u32| parts.get(i).map_or(Some(default), |p| p.parse().ok());
    digits
        && match (num(0, 1), num(1, 1), num(2, 1)) {
            (Some(y), Some(m), Some(d)) => {
                y >= 1 && chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_some()
            }
            _ => false,
        }
}

/// A sentence that states a fact: its text, its char span in the document (end
/// exclusive) and the rule that read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    /// Char offset in the document where the sentence ends (exclusive).
    pub end: i64,
    /// The rule that read the fact.
    pub rule: String,
    /// Char offset in the document where the sentence starts.
    pub start: i64,
    pub text: String,
}

/// An event as one article reports it (a member of a merged event), with where it was
/// read and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// Ids of its parties as the contract orders them: the doer first, then those acted
    /// on (see `targets`); empty when the article names no doer.
    pub actors: Vec<String>,
    /// The article's id.
    pub article: String,
    /// Recalled from before the article's news, not news itself.
    pub background: bool,
    /// How likely the event is right, 0–1, as the extractor scored it; none when it did
    /// not.
    pub confidence: Option<f64>,
    /// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) the article dates the event to.
    pub date: Option<String>,
    /// The id of the article's document.
    pub document: String,
    /// The per-article event's id.
    pub event: String,
    /// ATTACK, ARREST, SEIZE …
    pub event_type: String,
    /// The sentences stating the event, in document order.
    pub evidence: Vec<Evidence>,
    /// People injured, as the article counts them.
    pub injured: Option<i64>,
    /// People killed, as the article counts them.
    pub killed: Option<i64>,
    /// reported | claimed | alleged | likely | planned | denied.
    pub modality: String,
    /// The article's publishing agency or site, if stated.
    pub outlet: Option<String>,
    /// The place as the article writes it.
    pub place: Option<String>,
    /// The place's gazetteer id, when the gazetteer knows it.
    pub place_id: Option<String>,
    /// The article's publication date.
    pub published: Option<String>,
    /// `confirmed` or `corrected` by an analyst (absent: as extracted). Its fields here
    /// are the extractor's; the merged event carries the correction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
    /// The document's source (input file name or record id).
    pub source: String,
    /// air_strike, suicide_bomb … (ACLED-like), when the trigger tells it.
    pub subtype: Option<String>,
    /// Ids of the actors acted on (also in `actors` after the doer when the article names
    /// one; the doers are the actors not here).
    pub targets: Vec<String>,
}

/// A merged event's first report as a timeline shows it: where it was read, its
/// modality and its first evidence sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FirstReport {
    /// The article's id.
    pub article: String,
    /// The id of the article's document.
    pub document: String,
    /// The per-article event's id.
    pub event: String,
    /// The report's first evidence sentence.
    pub evidence: Vec<Evidence>,
    /// reported | claimed | alleged | likely | planned | denied.
    pub modality: String,
    /// The article's publishing agency or site, if stated.
    pub outlet: Option<String>,
    /// The article's publication date.
    pub published: Option<String>,
    /// The document's source (input file name or record id).
    pub source: String,
}

record_type!(
    /// `"merged_event"`.
    MergedEventType = "merged_event"
);

/// One event told by one or more articles (merged by type, place, shared actor and date
/// window), with its reports: every report, or on a timeline only the first one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergedEvent<R = Report> {
    /// Ids of the actors its reports name, initiator first (the actor its reports name
    /// first most often), then the most often named first;
    /// empty when no report names a doer.
    pub actors: Vec<String>,
    /// Every report recalls it from before the news (one report telling it as news makes
    /// it news).
    pub background: bool,
    /// How likely it is right, 0–1: the highest confidence of its reports; none when no
    /// report has one.
    pub confidence: Option<f64>,
    /// ISO country code.
    pub country: Option<String>,
    /// The last day its reports cover (`YYYY-MM-DD`).
    pub date_end: Option<String>,
    /// The first day its reports cover (`YYYY-MM-DD`).
    pub date_start: Option<String>,
    /// ATTACK, ARREST, SEIZE …
    pub event_type: String,
    /// Stable id (from its earliest report).
    pub id: String,
    /// People injured: the highest count among its reports.
    pub injured: Option<i64>,
    /// People killed: the highest count among its reports.
    pub killed: Option<i64>,
    /// Articles reporting it.
    pub n_articles: i64,
    /// Per-article events merged into it.
    pub n_reports: i64,
    /// Distinct sources reporting it.
    pub n_sources: i64,
    /// The place as its earliest report writes it.
    pub place: Option<String>,
    /// Its reports, ordered by event id.
    pub reports: Vec<R>,
    /// `confirmed` or `corrected` when an analyst confirmed or corrected one of its
    /// reports (a correction wins); absent: as extracted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
    /// Ids of the actors its reports say were acted on, the most often named first (also
    /// in `actors` when a report names a doer; the doers are the actors not here).
    pub targets: Vec<String>,
    #[serde(rename = "type")]
    pub record_type: MergedEventType,
}

impl MergedEvent<Report> {
    /// The same event with only its first report that has evidence, shortened to its first
    /// evidence sentence (none if no report has evidence).
    pub fn with_first_report(self) -> MergedEvent<FirstReport> {
        let first = self
            .reports
            .into_iter()
            .find(|r| !r.evidence.is_empty())
            .map(|r| FirstReport {
                article: r.article,
                document: r.document,
                event: r.event,
                evidence: r.evidence.into_iter().take(1).collect(),
                modality: r.modality,
                outlet: r.outlet,
                published: r.published,
                source: r.source,
            });
        MergedEvent {
            actors: self.actors,
            background: self.background,
            confidence: self.confidence,
            country: self.country,
            date_end: self.date_end,
            date_start: self.date_start,
            event_type: self.event_type,
            id: self.id,
            injured: self.injured,
            killed: self.killed,
            n_articles: self.n_articles,
            n_reports: self.n_reports,
            n_sources: self.n_sources,
            place: self.place,
            reports: first.into_iter().collect(),
            review: self.review,
            targets: self.targets,
            record_type: self.record_type,
        }
    }
}

/// Every actor id of `events`, doers and targets, sorted, once each (to label them with
/// [`Store::actor_names`]).
pub fn actor_ids<R>(events: &[MergedEvent<R>]) -> Vec<String> {
    let ids: BTreeSet<&String> = events
        .iter()
        .flat_map(|e| e.actors.iter().chain(&e.targets))
        .collect();
    ids.into_iter().cloned().collect()
}

/// A place with coordinates from the gazetteer, as the map draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacePoint {
    /// The first of its Arabic spellings in the articles.
    pub name_ar: String,
    pub name_en: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// Mean latitude over the articles that located it.
    pub lat: f64,
    /// Mean longitude over the articles that located it.
    pub lon: f64,
    /// Articles naming it.
    pub n_articles: i64,
    /// Admin level or kind from the gazetteer (city, governorate …).
    pub kind: Option<String>,
}

impl Store {
    /// Merged events passing `f`, ordered by start date then id (undated last), each with
    /// every report and its evidence. A few batched queries in all: the actor filter is one
    /// uncorrelated sub-select over `event_actors`; reports, their actors and evidence
    /// come 200 events at a time.
    pub fn events(&mut self, f: &EventFilter) -> Result<Vec<MergedEvent>> {
        self.events_page(f, None, f.limit)
    }

    /// One page of [`Store::events`]: at most `size` merged events passing `f` (`f.limit`
    /// when `size` is none), those after `after` in the same order, each with every
    /// report. Reading the whole store page by page ([`EventCursor::after`] of a page's last
    /// event) holds one page in memory at a time.
    pub fn events_page(
        &mut self,
        f: &EventFilter,
        after: Option<&EventCursor>,
        size: Option<usize>,
    ) -> Result<Vec<MergedEvent>> {
        let (sql, params) = merged_events_query(f, after, size);
        let mut events = self
            .db
            .query(&sql, &params)?
            .iter()
            .map(|r| merged_event(r))
            .collect::<Result<Vec<MergedEvent>>>()?;
        let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
        let mut reports = self.reports_of(&ids)?;
        for e in &mut events {
            e.reports = reports.remove(&e.id).unwrap_or_default();
        }
        Ok(events)
    }

    /// Read the merged events passing `f` (at most `f.limit`) in [`Store::events`]'s order,
    /// [`PAGE`] at a time, and hand each page to `each` with the store (to look up names
    /// or places for the page). Memory holds one page, whatever the store's size. Returns
    /// how many events it read.
    pub fn each_events_page<E: From<crate::StoreError>>(
        &mut self,
        f: &EventFilter,
        mut each: impl FnMut(&mut Store, Vec<MergedEvent>) -> std::result::Result<(), E>,
    ) -> std::result::Result<usize, E> {
        let mut remaining = f.limit.unwrap_or(usize::MAX);
        let mut after: Option<EventCursor> = None;
        let mut n = 0;
        while remaining > 0 {
            let want = PAGE.min(remaining);
            let page = self.events_page(f, after.as_ref(), Some(want))?;
            let full = page.len() == want;
            after = page.last().map(EventCursor::after);
            remaining = remaining.saturating_sub(page.len());
            n += page.len();
            each(self, page)?;
            if !full {
                break;
            }
        }
        Ok(n)
    }

    /// Merged events passing `f` as [`Store::events`] gives them, each with only its
    /// first report ([`MergedEvent::with_first_report`]): an actor's timeline.
    pub fn events_first_report(
        &mut self,
        f: &EventFilter,
    ) -> Result<Vec<MergedEvent<FirstReport>>> {
        Ok(self
            .events(f)?
            .into_iter()
            .map(MergedEvent::with_first_report)
            .collect())
    }

    /// The reports of the merged events `ids` (merged id → reports ordered by event id),
    /// with their actors and evidence.
    fn reports_of(&mut self, ids: &[String]) -> Result<HashMap<String, Vec<Report>>> {
        let mut reports: HashMap<String, Vec<Report>> = HashMap::new();
        for (marks, params) in in_chunks(ids) {
            let rows = self.db.query(
                &format!(
                    "SELECT mm.merged_id, e.id, e.article_id, a.document_id, d.source, a.published,
                        a.outlet, e.event_type, e.place, e.date, e.modality, e.killed, e.injured,
                        e.background, e.confidence, e.subtype, e.place_id, mm.review
                     FROM merged_event_members mm
                     JOIN events e ON e.id = mm.event_id
                     JOIN articles a ON a.id = e.article_id
                     JOIN documents d ON d.id = a.document_id
                     WHERE mm.merged_id IN ({marks}) ORDER BY mm.merged_id, e.id"
                ),
                &params,
            )?;
            let event_ids: Vec<String> = rows
                .iter()
                .map(|r| r[1].text("event id"))
                .collect::<Result<_>>()?;
            let mut actors: HashMap<String, Vec<String>> = HashMap::new();
            let mut targets: HashMap<String, Vec<String>> = HashMap::new();
            let mut evidence: HashMap<String, Vec<Evidence>> = HashMap::new();
            for (marks, params) in in_chunks(&event_ids) {
                for x in self.db.query(
                    &format!(
                        "SELECT event_id, actor_id FROM event_actors
                         WHERE event_id IN ({marks}) ORDER BY event_id, pos"
                    ),
                    &params,
                )? {
                    actors
                        .entry(x[0].text("event_id")?)
                        .or_default()
                        .push(x[1].text("actor_id")?);
                }
                for x in self.db.query(
                    &format!(
                        "SELECT event_id, actor_id FROM event_targets
                         WHERE event_id IN ({marks}) ORDER BY event_id, pos"
                    ),
                    &params,
                )? {
                    targets
                        .entry(x[0].text("event_id")?)
                        .or_default()
                        .push(x[1].text("actor_id")?);
                }
                for x in self.db.query(
                    &format!(
                        "SELECT event_id, text, span_start, span_end, rule FROM event_evidence
                         WHERE event_id IN ({marks}) ORDER BY event_id, seq"
                    ),
                    &params,
                )? {
                    evidence
                        .entry(x[0].text("event_id")?)
                        .or_default()
                        .push(Evidence::from_row(&x[1..])?);
                }
            }
            for r in rows {
                let event = r[1].text("event id")?;
                reports
                    .entry(r[0].text("merged_id")?)
                    .or_default()
                    .push(Report {
                        actors: actors.remove(&event).unwrap_or_default(),
                        article: r[2].text("article_id")?,
                        background: r[13].int("background")? != 0,
                        confidence: r[14].opt_real("confidence")?,
                        date: r[9].opt_text("date")?,
                        document: r[3].text("document_id")?,
                        event_type: r[7].text("event_type")?,
                        evidence: evidence.remove(&event).unwrap_or_default(),
                        injured: r[12].opt_int("injured")?,
                        killed: r[11].opt_int("killed")?,
                        modality: r[10].text("modality")?,
                        outlet: r[6].opt_text("outlet")?,
                        place: r[8].opt_text("place")?,
                        place_id: r[16].opt_text("place_id")?,
                        published: r[5].opt_text("published")?,
                        review: r[17].opt_text("review")?,
                        source: r[4].text("source")?,
                        subtype: r[15].opt_text("subtype")?,
                        targets: targets.remove(&event).unwrap_or_default(),
                        event,
                    });
            }
        }
        Ok(reports)
    }

    /// Every stored place with coordinates (one point per gazetteer entry, however the
    /// articles spell it): its country, mean lat/lon over the articles that located it,
    /// and in how many articles it appears.
    pub fn places(&mut self) -> Result<Vec<PlacePoint>> {
        let rows = self.db.query(
            "SELECT MIN(name_ar), MAX(name_en), country, AVG(lat), AVG(lon),
                COUNT(DISTINCT article_id), MAX(kind)
             FROM article_places WHERE lat IS NOT NULL AND lon IS NOT NULL
             GROUP BY COALESCE(place_id, name_ar), country ORDER BY MIN(name_ar), country",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(PlacePoint {
                    name_ar: r[0].text("name_ar")?,
                    name_en: r[1].opt_text("name_en")?,
                    country: r[2].opt_text("country")?,
                    lat: r[3].real("lat")?,
                    lon: r[4].real("lon")?,
                    n_articles: r[5].int("articles")?,
                    kind: r[6].opt_text("kind")?,
                })
            })
            .collect()
    }
}

/// A gazetteer place as the stored articles located it: what an export needs to put an
/// event on a map and in its country's admin units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceDetail {
    /// Gazetteer id.
    pub id: String,
    /// The first of its Arabic spellings in the articles.
    pub name_ar: String,
    pub name_en: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// First-level admin unit (governorate, province …), English.
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// city, locality, admin2, admin1, country.
    pub kind: Option<String>,
}

impl Store {
    /// The places of the gazetteer ids `ids` as the articles located them (one query per
    /// 200 ids); an id no article has is missing from the map.
    pub fn place_details(&mut self, ids: &[String]) -> Result<HashMap<String, PlaceDetail>> {
        let mut out = HashMap::new();
        for (marks, params) in in_chunks(ids) {
            for r in self.db.query(
                &format!(
                    "SELECT place_id, MIN(name_ar), MAX(name_en), MAX(country), MAX(admin1),
                        AVG(lat), AVG(lon), MAX(kind)
                     FROM article_places WHERE place_id IN ({marks}) GROUP BY place_id"
                ),
                &params,
            )? {
                let d = PlaceDetail {
                    id: r[0].text("place_id")?,
                    name_ar: r[1].text("name_ar")?,
                    name_en: r[2].opt_text("name_en")?,
                    country: r[3].opt_text("country")?,
                    admin1: r[4].opt_text("admin1")?,
                    lat: r[5].opt_real("lat")?,
                    lon: r[6].opt_real("lon")?,
                    kind: r[7].opt_text("kind")?,
                };
                out.insert(d.id.clone(), d);
            }
        }
        Ok(out)
    }
}

impl Evidence {
    /// Columns `text, span_start, span_end, rule`.
    pub(crate) fn from_row(r: &[Value]) -> Result<Self> {
        Ok(Self {
            text: r[0].text("text")?,
            start: r[1].int("span_start")?,
            end: r[2].int("span_end")?,
            rule: r[3].text("rule")?,
        })
    }
}

/// Where a page of merged events ends, in their order (undated last, then start date,
/// then id): the next page starts after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCursor {
    undated: bool,
    date_start: String,
    id: String,
}

impl EventCursor {
    /// The cursor just after `e`.
    pub fn after<R>(e: &MergedEvent<R>) -> Self {
        Self {
            undated: e.date_start.is_none(),
            date_start: e.date_start.clone().unwrap_or_default(),
            id: e.id.clone(),
        }
    }
}

/// Merged events or edges per page when a reader goes through the whole store.
pub const PAGE: usize = 500;

/// The order of merged events: undated last, then by start date, then by id.
const EVENT_ORDER: &str =
    "(CASE WHEN date_start IS NULL THEN 1 ELSE 0 END), COALESCE(date_start, ''), id";

/// The SQL and parameters selecting the merged events that pass `f` (after `after`, if
/// given), in [`EVENT_ORDER`], at most `limit` (else `f.limit`). The actor filter is one
/// uncorrelated sub-select over `event_actors`.
fn merged_events_query(
    f: &EventFilter,
    after: Option<&EventCursor>,
    limit: Option<usize>,
) -> (String, Vec<Value>) {
    let mut sql = String::from(
        "SELECT id, event_type, place, country, date_start, date_end, actors, killed, injured,
            n_sources, n_articles, n_events, targets, background, confidence, review
         FROM merged_events m WHERE 1 = 1",
    );
    let mut params: Vec<Value> = Vec::new();
    if let Some(t) = &f.event_type {
        sql.push_str(" AND event_type = ?");
        params.push(t.to_uppercase().into());
    }
    if let Some(c) = &f.country {
        sql.push_str(" AND country = ?");
        params.push(c.to_uppercase().into());
    }
    if let Some(p) = &f.place {
        sql.push_str(" AND place = ?");
        params.push(p.into());
    }
    if let Some(a) = &f.actor {
        sql.push_str(
            " AND id IN (SELECT mm.merged_id FROM event_actors ea
                JOIN merged_event_members mm ON mm.event_id = ea.event_id
                WHERE ea.actor_id = ?)",
        );
        params.push(a.into());
    }
    if let Some(from) = &f.from {
        sql.push_str(" AND date_end >= ?");
        params.push(from.into());
    }
    if let Some(to) = &f.to {
        sql.push_str(" AND date_start <= ?");
        params.push(last_day(to).into());
    }
    if let Some(c) = f.min_confidence {
        sql.push_str(" AND (confidence IS NULL OR confidence >= ?)");
        params.push(c.into());
    }
    if let Some(c) = after {
        sql.push_str(&format!(" AND ({EVENT_ORDER}) > (?, ?, ?)"));
        params.push(i64::from(c.undated).into());
        params.push(c.date_start.as_str().into());
        params.push(c.id.as_str().into());
    }
    sql.push_str(&format!(" ORDER BY {EVENT_ORDER}"));
    if let Some(l) = limit.or(f.limit) {
        sql.push_str(" LIMIT ?");
        params.push(l.into());
    }
    (sql, params)
}

/// One row of [`merged_events_query`], without its reports.
fn merged_event<R>(r: &[Value]) -> Result<MergedEvent<R>> {
    Ok(MergedEvent {
        actors: serde_json::from_str(&r[6].text("actors")?)?,
        background: r[13].int("background")? != 0,
        confidence: r[14].opt_real("confidence")?,
        country: r[3].opt_text("country")?,
        date_end: r[5].opt_text("date_end")?,
        date_start: r[4].opt_text("date_start")?,
        event_type: r[1].text("event_type")?,
        id: r[0].text("id")?,
        injured: r[8].opt_int("injured")?,
        killed: r[7].opt_int("killed")?,
        n_articles: r[10].int("n_articles")?,
        n_reports: r[11].int("n_events")?,
        n_sources: r[9].int("n_sources")?,
        place: r[2].opt_text("place")?,
        reports: Vec::new(),
        review: r[15].opt_text("review")?,
        targets: serde_json::from_str(&r[12].text("targets")?)?,
        record_type: MergedEventType::Tag,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(event: &str, evidence: &[&str]) -> Report {
        Report {
            actors: vec!["houthis".into()],
            article: format!("article-{event}"),
            background: false,
            confidence: Some(0.8),
            date: Some("2024-05-02".into()),
            document: "document".into(),
            event: event.into(),
            event_type: "ATTACK".into(),
            evidence: evidence
                .iter()
                .map(|t| Evidence {
                    end: t.chars().count() as i64,
                    rule: "attack.verb".into(),
                    start: 0,
                    text: (*t).into(),
                })
                .collect(),
            injured: Some(6),
            killed: Some(4),
            modality: "reported".into(),
            outlet: None,
            place: Some("مأرب".into()),
            place_id: Some("geonames:71137".into()),
            published: Some("2024-05-02".into()),
            review: None,
            source: "m-1".into(),
            subtype: Some("shelling".into()),
            targets: Vec::new(),
        }
    }

    fn event(reports: Vec<Report>) -> MergedEvent {
        MergedEvent {
            actors: vec!["houthis".into(), "yemen_army".into()],
            background: false,
            confidence: Some(0.8),
            country: Some("YE".into()),
            date_end: Some("2024-05-02".into()),
            date_start: Some("2024-05-02".into()),
            event_type: "ATTACK".into(),
            id: "e1".into(),
            injured: Some(6),
            killed: Some(4),
            n_articles: reports.len() as i64,
            n_reports: reports.len() as i64,
            n_sources: reports.len() as i64,
            place: Some("مأرب".into()),
            reports,
            review: None,
            targets: vec!["aqap".into()],
            record_type: MergedEventType::Tag,
        }
    }

    #[test]
    fn the_first_report_with_evidence_is_kept_with_one_sentence() {
        let e = event(vec![
            report("a", &[]),
            report(
                "b",
                &["شنت مليشيا الحوثي هجوماً على مأرب", "وقتل أربعة جنود"],
            ),
            report("c", &["هجوم حوثي على مأرب"]),
        ]);
        let first = e.with_first_report();
        assert_eq!(first.reports.len(), 1);
        assert_eq!(first.reports[0].event, "b");
        assert_eq!(first.reports[0].evidence.len(), 1);
        assert_eq!(
            first.reports[0].evidence[0].text,
            "شنت مليشيا الحوثي هجوماً على مأرب"
        );
        assert!(event(vec![report("a", &[])])
            .with_first_report()
            .reports
            .is_empty());
    }

    #[test]
    fn a_merged_event_keeps_its_keys_in_alphabetical_order() {
        let json = serde_json::to_string(&event(vec![report("a", &["هجوم حوثي على مأرب"])]))
            .expect("JSON");
        let sorted = crate::read::sorted_json(&event(vec![report("a", &["هجوم حوثي على مأرب"])]))
            .expect("JSON")
            .to_string();
        assert_eq!(json, sorted);
        assert!(json.ends_with(r#""type":"merged_event"}"#), "{json}");
    }

    #[test]
    fn a_page_starts_after_its_cursor_in_the_same_order() {
        let e = event(Vec::new());
        let (sql, params) = merged_events_query(
            &EventFilter::default(),
            Some(&EventCursor::after(&e)),
            Some(500),
        );
        assert!(
            sql.contains(&format!("({EVENT_ORDER}) > (?, ?, ?)")),
            "{sql}"
        );
        assert!(
            sql.contains(&format!("ORDER BY {EVENT_ORDER} LIMIT ?")),
            "{sql}"
        );
        assert_eq!(
            params,
            [
                Value::Int(0),
                Value::from("2024-05-02"),
                Value::from("e1"),
                Value::from(500usize)
            ]
        );
    }

    #[test]
    fn a_month_or_a_year_given_as_to_includes_its_days() {
        assert_eq!(last_day("2015-07"), "2015-07-31");
        assert_eq!(last_day("2016-02"), "2016-02-29");
        assert_eq!(last_day("2015"), "2015-12-31");
        assert_eq!(last_day("2015-07-04"), "2015-07-04");
        let (sql, params) = merged_events_query(
            &EventFilter {
                to: Some("2015-07".into()),
                ..EventFilter::default()
            },
            None,
            None,
        );
        assert!(sql.contains("date_start <= ?"), "{sql}");
        assert_eq!(params, [Value::from("2015-07-31")]);
    }

    #[test]
    fn partial_dates_must_be_real_dates() {
        for ok in ["2015", "2015-07", "2015-07-31", "2016-02-29"] {
            assert!(is_partial_date(ok), "{ok}");
        }
        for bad in [
            "2015-13-01",
            "2015-02-31",
            "0000",
            "15-07-01",
            "2015/07",
            "",
            "2015-7",
        ] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }

    #[test]
    fn actor_ids_are_sorted_and_unique() {
        let events = [event(Vec::new()), event(Vec::new())];
        assert_eq!(actor_ids(&events), ["aqap", "houthis", "yemen_army"]);
    }

    #[test]
    fn the_filter_becomes_parameters() {
        let (sql, params) = merged_events_query(
            &EventFilter {
                event_type: Some("attack".into()),
                country: Some("ye".into()),
                actor: Some("houthis".into()),
                limit: Some(3),
                min_confidence: Some(0.5),
                ..EventFilter::default()
            },
            None,
            None,
        );
        assert!(
            sql.contains("event_actors") && sql.ends_with("LIMIT ?"),
            "{sql}"
        );
        assert_eq!(
            params,
            [
                Value::from("ATTACK"),
                Value::from("YE"),
                Value::from("houthis"),
                Value::Real(0.5),
                Value::from(3usize)
            ]
        );
    }
}
