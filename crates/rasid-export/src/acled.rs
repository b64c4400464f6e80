//! ACLED-style CSV: one row per merged event in ACLED's columns, order and meanings, so
//! code written for ACLED's files reads it unchanged. Categories and inter codes come
//! from `kb/acled.toml`, country codes, names and regions from `kb/countries.tsv`.
//! Events without a date or a country are left out (ACLED requires both).

use std::io::Write;

use chrono::NaiveDate;
use rasid_kb::{AcledEventShape, Kb};
use rasid_model::ActorKind;
use rasid_store::{EventFilter, Store};

use crate::cells::defuse;
use crate::error::Result;
use crate::source::{for_each_event, ExportEvent, NamedActor};
use crate::Summary;

/// ACLED's columns, in ACLED's order.
pub const COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// ACLED's event type of violence against civilians (its `civilian_targeting` flag).
const VIOLENCE_AGAINST_CIVILIANS: &str = "Violence against civilians";
/// ACLED's disorder type whose events always have an actor1.
const POLITICAL_VIOLENCE: &str = "Political violence";

/// Write the merged events passing `f` as ACLED-style CSV (UTF-8, no BOM, a header row).
pub fn write(store: &mut Store, kb: &Kb, f: &EventFilter, out: &mut dyn Write) -> Result<Summary> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(COLUMNS)?;
    let mut summary = Summary::default();
    for_each_event(store, f, |e| {
        match row(&e, kb) {
            Some(cells) => {
                csv.write_record(cells.iter().map(|c| defuse(c).into_owned()))?;
                summary.events += 1;
            }
            None => summary.events_left_out += 1,
        }
        Ok(())
    })?;
    csv.flush()?;
    summary.records = summary.events;
    Ok(summary)
}

/// ACLED's time precision: 1 the day is known, 2 within a week (or only the publication
/// date dates the event), 3 a longer span (a month).
pub fn time_precision(start: &str, end: Option<&str>, dated_by_text: bool) -> u8 {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let span = match (day(start), end.and_then(day)) {
        (Some(s), Some(e)) => (e - s).num_days(),
        _ => 0,
    };
    match span {
        _ if span > 7 => 3,
        _ if span > 0 || !dated_by_text => 2,
        _ => 1,
    }
}

/// ACLED's geo precision from the gazetteer kind of the place: 1 a town, 2 a district or
/// a named locality (the gazetteer's localities include areas such as a peninsula or a
/// valley), 3 a province or only the country.
pub fn geo_precision(kind: Option<&str>) -> u8 {
    match kind {
        Some("city") => 1,
        Some("admin2" | "locality") => 2,
        _ => 3,
    }
}

/// ACLED's interaction code: the two inter codes, the smaller first (`10` for a single
/// actor of code 1).
pub fn interaction(inter1: u8, inter2: u8) -> u16 {
    let (a, b) = (u16::from(inter1), u16::from(inter2));
    match (a, b) {
        (0, b) => b * 10,
        (a, 0) => a * 10,
        (a, b) => a.min(b) * 10 + a.max(b),
    }
}

/// The kinds of the named actors (those the store knows).
fn kinds(actors: &[NamedActor]) -> Vec<ActorKind> {
    actors.iter().filter_map(|a| a.kind).collect()
}

/// The first actor's label, the others joined by «; », the first's inter code (that of
/// an unidentified group when the store does not know its kind).
fn actor_cells(actors: &[NamedActor], kb: &Kb) -> (String, String, u8) {
    match actors.split_first() {
        Some((first, rest)) => (
            first.label().to_string(),
            rest.iter()
                .map(NamedActor::label)
                .collect::<Vec<_>>()
                .join("; "),
            first
                .kind
                .map_or(kb.acled.unidentified_inter(), |k| kb.acled.inter(k)),
        ),
        None => (String::new(), String::new(), 0),
    }
}

/// The cells of one row, or `None` when the event has no date or no country.
fn row(e: &ExportEvent, kb: &Kb) -> Option<Vec<String>> {
    let m = &e.event;
    let date = m.date_start.as_deref()?;
    let year = date.get(..4)?;
    let doers = e.doers();
    let doer_kinds = kinds(&doers);
    let target_kinds = kinds(&e.others);
    let cat = kb.acled.categorize(&AcledEventShape {
        event_type: &m.event_type,
        subtype: e.subtype.as_deref(),
        doers: &doer_kinds,
        targets: &target_kinds,
    })?;
    let iso2 = m
        .country
        .as_deref()
        .or(e.place.as_ref().and_then(|p| p.country.as_deref()));
    let country = kb.countries.get(iso2?)?;
    let country_name = country.name_en.as_str();
    let (mut actor1, assoc1, mut inter1) = actor_cells(&doers, kb);
    if actor1.is_empty() && cat.disorder_type == POLITICAL_VIOLENCE {
        actor1 = kb.acled.unidentified_actor(country_name);
        inter1 = kb.acled.unidentified_inter();
    }
    let (actor2, assoc2, inter2) = actor_cells(&e.others, kb);
    let (location, lat, lon, precision) = location_cells(e, kb, iso2, country_name);
    let place = e.place.as_ref();
    let admin2 = place
        .filter(|p| p.kind.as_deref() == Some("admin2"))
        .and_then(|p| p.name_en.clone())
        .unwrap_or_default();
    let (sources, notes) = source_cells(e);
    Some(vec![
        format!("{}{}", country.iso3, m.id),
        date.to_string(),
        year.to_string(),
        time_precision(date, m.date_end.as_deref(), e.dated_by_text()).to_string(),
        cat.disorder_type.to_string(),
        cat.event_type.to_string(),
        cat.sub_event_type.to_string(),
        actor1,
        assoc1,
        inter1.to_string(),
        actor2,
        assoc2,
        inter2.to_string(),
        interaction(inter1, inter2).to_string(),
        if cat.event_type == VIOLENCE_AGAINST_CIVILIANS {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        country.numeric.map_or(0, u16::from).to_string(),
        country.acled_region.clone(),
        country_name.to_string(),
        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
        admin2,
        String::new(),
        location,
        lat,
        lon,
        precision.to_string(),
        sources,
        String::new(),
        notes,
        m.killed.unwrap_or(0).max(0).to_string(),
        tags(e),
        timestamp(e.last_published().unwrap_or(date)).to_string(),
    ])
}

/// Location, latitude, longitude and geo precision: the gazetteer place's, else the
/// country's point at precision 3, else empty.
fn location_cells(
    e: &ExportEvent,
    kb: &Kb,
    iso2: Option<&str>,
    country_name: &str,
) -> (String, String, String, u8) {
    let coord = |x: f64| format!("{x:.5}");
    if let Some(p) = &e.place {
        if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
            let name = p.name_en.clone().unwrap_or_else(|| p.name_ar.clone());
            return (
                name,
                coord(lat),
                coord(lon),
                geo_precision(p.kind.as_deref()),
            );
        }
    }
    let point = iso2.and_then(|c| kb.places.country(c));
    match point.and_then(|p| Some((p.lat?, p.lon?))) {
        Some((lat, lon)) => (country_name.to_string(), coord(lat), coord(lon), 3),
        None => (
            e.event
                .place
                .clone()
                .unwrap_or_else(|| country_name.to_string()),
            String::new(),
            String::new(),
            3,
        ),
    }
}

/// The outlets (else the sources) of the reports, once each, joined by «; »; and the
/// notes: the first evidence sentence with its modality when that is not `reported`.
fn source_cells(e: &ExportEvent) -> (String, String) {
    let mut sources: Vec<&str> = Vec::new();
    for r in &e.event.reports {
        let s = r.outlet.as_deref().unwrap_or(&r.source);
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    let notes = match e.first_evidence() {
        Some((r, text)) if r.modality != "reported" => format!("[{}] {text}", r.modality),
        Some((_, text)) => text.to_string(),
        None => String::new(),
    };
    (sources.join("; "), notes)
}

/// Tags: Rasid's own reading of the event (modality, confidence, reports, an analyst's
/// review, the rule that read its first report), `key=value` joined by «; » as ACLED
/// writes its tags.
fn tags(e: &ExportEvent) -> String {
    let m = &e.event;
    let mut t = Vec::new();
    if let Some(r) = m.reports.first() {
        t.push(format!("modality={}", r.modality));
    }
    if let Some(c) = m.confidence {
        t.push(format!("confidence={c:.2}"));
    }
    t.push(format!("reports={}", m.n_reports));
    if m.background {
        t.push("background".into());
    }
    if let Some(r) = &m.review {
        t.push(format!("review={r}"));
    }
    if let Some((_, rule)) = e
        .event
        .reports
        .iter()
        .find_map(|r| r.evidence.first().map(|v| (r, v.rule.as_str())))
    {
        t.push(format!("rule={rule}"));
    }
    t.join("; ")
}

/// Unix time of midnight UTC of a `YYYY-MM-DD` date (0 if it is not one): ACLED's
/// `timestamp`, here the latest publication date of the event's reports, so the same
/// store gives the same file.
fn timestamp(date: &str) -> i64 {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |t| t.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_precision_follows_the_span_and_what_dated_it() {
        assert_eq!(time_precision("2015-07-03", Some("2015-07-03"), true), 1);
        assert_eq!(time_precision("2015-07-03", Some("2015-07-03"), false), 2);
        assert_eq!(time_precision("2015-07-01", Some("2015-07-05"), true), 2);
        assert_eq!(time_precision("2015-07-01", Some("2015-07-31"), true), 3);
    }

    #[test]
    fn geo_precision_follows_the_gazetteer_kind() {
        assert_eq!(geo_precision(Some("city")), 1);
        assert_eq!(geo_precision(Some("locality")), 2);
        assert_eq!(geo_precision(Some("admin2")), 2);
        assert_eq!(geo_precision(Some("admin1")), 3);
        assert_eq!(geo_precision(None), 3);
    }

    #[test]
    fn interaction_puts_the_smaller_code_first() {
        assert_eq!(interaction(2, 1), 12);
        assert_eq!(interaction(1, 0), 10);
        assert_eq!(interaction(0, 0), 0);
        assert_eq!(interaction(8, 8), 88);
    }

    #[test]
    fn timestamps_are_midnight_utc() {
        assert_eq!(timestamp("2015-07-03"), 1_435_881_600);
        assert_eq!(timestamp("2015-07"), 0);
    }
}
