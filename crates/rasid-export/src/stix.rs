//! A STIX 2.1 bundle (OpenCTI, MISP and other threat-intelligence platforms).
//!
//! * Armed groups are `threat-actor`s: a named organisation acting with hostile intent, which
//!   is what a threat actor is; an `intrusion-set` is a cluster of activity whose operator is
//!   unknown, which our named groups are not. Their Arabic names and the kb's aliases are
//!   `aliases`, so an importer merges a group with the same group from another source.
//! * States, state forces, organisations and media are `identity` (class `organization`,
//!   with a sector); persons are `identity` (class `individual`).
//! * Places are `location`s with coordinates, country and first-level admin area.
//! * A merged event whose doer is named is a `sighting` of the doer (where: its location;
//!   when: its first and last day; count: its reports). A sighting says "this actor was seen
//!   acting there and then", which is what an event report is; `observed-data` would need
//!   cyber observables, and a `note` is an analyst's comment. An event whose doer the text
//!   does not name cannot be a sighting (its `sighting_of_ref` is required), so it is a
//!   `note` about its targets, place and articles. Who was targeted is a `targets`
//!   relationship from each doer to each target.
//! * Relation edges are `relationship`s, from first to last seen, with their evidence.
//! * Each article that states an exported fact is a `report` referring to those facts, its
//!   URL an external reference.
//!
//! Ids are UUIDv5 from Rasid's stable ids, so two exports give the same ids and a re-import
//! updates instead of duplicating. `created`/`modified` are the store's latest publication
//! date, so the same store exports the same bytes and a newer store supersedes.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;

use rasid_kb::Kb;
use rasid_model::ActorKind;
use rasid_store::{ActorSummary, Edge, EdgeWithEvidence, Store};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::error::Result;
use crate::source::{done_to, for_each_edge, for_each_event, ExportEvent, NamedActor};
use crate::{ExportFilter, Summary};

/// Reports and evidence sentences cited per object, at most.
const CITED: usize = 10;

/// The namespace of every id this export mints.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://rasid.invalid/stix/2.1")
}

/// `{type}--{uuid5(namespace, key)}`.
pub fn stix_id(object_type: &str, key: &str) -> String {
    format!(
        "{object_type}--{}",
        Uuid::new_v5(&namespace(), key.as_bytes())
    )
}

/// The STIX type of an actor of `kind`.
pub fn actor_type(kind: Option<ActorKind>) -> &'static str {
    match kind {
        Some(ActorKind::ArmedGroup) => "threat-actor",
        _ => "identity",
    }
}

/// The STIX id of an actor.
pub fn actor_id(id: &str, kind: Option<ActorKind>) -> String {
    stix_id(actor_type(kind), &format!("actor:{id}"))
}

/// A `YYYY-MM-DD` date as a STIX timestamp at `time` (`00:00:00.000`), UTC.
fn timestamp(date: &str, time: &str) -> String {
    format!("{}T{time}Z", date.get(..10).unwrap_or(date))
}

/// Write `v` as the next object of the bundle.
struct Bundle<'o> {
    out: &'o mut dyn Write,
    n: usize,
    created: String,
    creator: String,
}

impl Bundle<'_> {
    /// Add `spec_version`, `created`, `modified`, `created_by_ref` to `v` and write it.
    fn object(&mut self, mut v: Value) -> Result<()> {
        if let Some(o) = v.as_object_mut() {
            o.insert("spec_version".into(), json!("2.1"));
            o.insert("created".into(), json!(self.created));
            o.insert("modified".into(), json!(self.created));
            if o.get("id").and_then(Value::as_str) != Some(self.creator.as_str()) {
                o.insert("created_by_ref".into(), json!(self.creator));
            }
        }
        self.out
            .write_all(if self.n == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *self.out, &v)?;
        self.n += 1;
        Ok(())
    }
}

/// Write the facts passing `filter` as a STIX 2.1 bundle, one object a line.
pub fn write(
    store: &mut Store,
    kb: &Kb,
    filter: &ExportFilter,
    out: &mut dyn Write,
) -> Result<Summary> {
    let created = timestamp(
        store.last_published()?.as_deref().unwrap_or("1970-01-01"),
        "00:00:00.000",
    );
    let key = format!("{:?}", (&filter.events, &filter.edges));
    writeln!(
        out,
        r#"{{"type":"bundle","id":"{}","objects":["#,
        stix_id("bundle", &key)
    )?;
    let creator = stix_id("identity", "rasid");
    let mut b = Bundle {
        out,
        n: 0,
        created,
        creator: creator.clone(),
    };
    b.object(json!({
        "type": "identity",
        "id": creator,
        "name": "Rasid",
        "identity_class": "system",
        "description": "Machine reading of Arabic news: every object's facts were extracted by rules and models, with the evidence sentences cited.",
    }))?;
    let mut actors = HashMap::new();
    for a in store.actors(None, usize::MAX)? {
        let kind = ActorKind::from_name(&a.kind);
        let id = actor_id(&a.id, kind);
        b.object(actor_object(&a, &id, kind, kb))?;
        actors.insert(a.id, id);
    }
    let mut summary = Summary::default();
    let mut locations = HashSet::new();
    let mut events = HashMap::new();
    for_each_event(store, &filter.events, |e| {
        let id = event_objects(&mut b, &e, &actors, &mut locations, kb)?;
        events.insert(e.event.id, id);
        summary.events += 1;
        Ok(())
    })?;
    let mut edges = BTreeSet::new();
    summary.edges = for_each_edge(store, &filter.edges, true, |e| {
        if edge_object(&mut b, &e, &actors)? {
            edges.insert(e.edge.id.clone());
        }
        Ok(())
    })?;
    write_reports(store, &mut b, &events, &edges)?;
    b.out.write_all(b"\n]}\n")?;
    b.out.flush()?;
    summary.records = b.n;
    Ok(summary)
}

/// An actor as a `threat-actor` (armed groups) or an `identity`.
fn actor_object(a: &ActorSummary, id: &str, kind: Option<ActorKind>, kb: &Kb) -> Value {
    let name = a.name_en.clone().unwrap_or_else(|| a.name_ar.clone());
    let known = kb.actors.actor(&a.id);
    let mut aliases: Vec<String> = Vec::new();
    for n in std::iter::once(&a.name_ar).chain(known.iter().flat_map(|k| &k.aliases)) {
        if *n != name && !aliases.contains(n) {
            aliases.push(n.clone());
        }
    }
    let mut o = Map::new();
    o.insert("type".into(), json!(actor_type(kind)));
    o.insert("id".into(), json!(id));
    o.insert("name".into(), json!(name));
    o.insert(
        "description".into(),
        json!(format!(
            "{} ({})",
            a.name_ar,
            kind.map_or("unknown", |k| k.as_str())
        )),
    );
    if let Some(qid) = known.and_then(|k| k.qid.as_deref()) {
        o.insert(
            "external_references".into(),
            json!([{"source_name": "wikidata", "external_id": qid}]),
        );
    }
    match kind {
        Some(ActorKind::ArmedGroup) => {
            if !aliases.is_empty() {
                o.insert("aliases".into(), json!(aliases));
            }
        }
        _ => {
            let class = if kind == Some(ActorKind::Person) {
                "individual"
            } else {
                "organization"
            };
            o.insert("identity_class".into(), json!(class));
            if let Some(sector) = kind.and_then(sector) {
                o.insert("sectors".into(), json!([sector]));
            }
            if !aliases.is_empty() {
                o.insert(
                    "description".into(),
                    json!(format!(
                        "{} ({}); also written {}",
                        a.name_ar,
                        kind.map_or("unknown", |k| k.as_str()),
                        aliases.join("، ")
                    )),
                );
            }
        }
    }
    Value::Object(o)
}

/// The STIX industry sector of an identity's kind.
fn sector(kind: ActorKind) -> Option<&'static str> {
    match kind {
        ActorKind::State => Some("government-national"),
        ActorKind::StateForce => Some("defense"),
        ActorKind::Media => Some("communications"),
        _ => None,
    }
}

/// The location of `e` (its gazetteer place, else its country), written the first time
/// it is used; its id.
fn location(
    b: &mut Bundle<'_>,
    e: &ExportEvent,
    written: &mut HashSet<String>,
    kb: &Kb,
) -> Result<Option<String>> {
    if let Some(p) = e
        .place
        .as_ref()
        .filter(|p| p.lat.is_some() || p.country.is_some())
    {
        let id = stix_id("location", &format!("place:{}", p.id));
        if written.insert(id.clone()) {
            let mut o = Map::new();
            o.insert("type".into(), json!("location"));
            o.insert("id".into(), json!(id));
            o.insert(
                "name".into(),
                json!(p.name_en.as_ref().unwrap_or(&p.name_ar)),
            );
            o.insert("description".into(), json!(p.name_ar));
            if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                o.insert("latitude".into(), json!((lat * 1e5).round() / 1e5));
                o.insert("longitude".into(), json!((lon * 1e5).round() / 1e5));
            }
            if let Some(c) = &p.country {
                o.insert("country".into(), json!(c));
            }
            if let Some(a) = &p.admin1 {
                o.insert("administrative_area".into(), json!(a));
            }
            b.object(Value::Object(o))?;
        }
        return Ok(Some(id));
    }
    // a country: one location per country, whether the text named it as the place or
    // only the event's country is known, with the gazetteer's point
    let place_country = e.place.as_ref().and_then(|p| p.country.as_deref());
    let Some(code) = e.event.country.as_deref().or(place_country) else {
        return Ok(None);
    };
    let id = stix_id("location", &format!("country:{code}"));
    if written.insert(id.clone()) {
        let name = kb.countries.get(code).map_or(code, |c| c.name_en.as_str());
        let mut o = Map::new();
        o.insert("type".into(), json!("location"));
        o.insert("id".into(), json!(id));
        o.insert("name".into(), json!(name));
        o.insert("country".into(), json!(code));
        if let Some(g) = kb.places.country(code) {
            if let (Some(lat), Some(lon)) = (g.lat, g.lon) {
                o.insert("latitude".into(), json!((lat * 1e5).round() / 1e5));
                o.insert("longitude".into(), json!((lon * 1e5).round() / 1e5));
            }
        }
        b.object(Value::Object(o))?;
    }
    Ok(Some(id))
}

/// A one-paragraph account of the event: type, doers, targets, place, toll, evidence.
fn account(e: &ExportEvent) -> String {
    let m = &e.event;
    let names = |a: &[NamedActor]| {
        a.iter()
            .map(|x| format!("{} ({})", x.label(), x.name_ar))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut s = m.event_type.clone();
    if let Some(sub) = &e.subtype {
        s.push_str(&format!(" ({sub})"));
    }
    if let Some(i) = &e.initiator {
        s.push_str(&format!(" by {}", names(std::slice::from_ref(i))));
        if !e.co_doers.is_empty() {
            s.push_str(&format!(" with {}", names(&e.co_doers)));
        }
    }
    if !e.others.is_empty() {
        let with = if done_to(&m.event_type) {
            "against"
        } else {
            "with"
        };
        s.push_str(&format!(" {with} {}", names(&e.others)));
    }
    if let Some(p) = &m.place {
        s.push_str(&format!(" in {p}"));
    }
    if let Some(d) = &m.date_start {
        s.push_str(&format!(" on {d}"));
    }
    s.push('.');
    if let Some(k) = m.killed {
        s.push_str(&format!(" Killed: {k}."));
    }
    if let Some(i) = m.injured {
        s.push_str(&format!(" Injured: {i}."));
    }
    if let Some((r, text)) = e.first_evidence() {
        s.push_str(&format!(" {} «{text}»", r.modality));
    }
    s
}

/// External references to the reports of an event: the article, its outlet and its
/// evidence sentence.
fn report_references(e: &ExportEvent) -> Value {
    e.event
        .reports
        .iter()
        .take(CITED)
        .map(|r| {
            let mut o = Map::new();
            o.insert(
                "source_name".into(),
                json!(r.outlet.as_deref().unwrap_or(&r.source)),
            );
            o.insert("external_id".into(), json!(r.article));
            if let Some(v) = r.evidence.first() {
                o.insert(
                    "description".into(),
                    json!(format!("{} [{}–{}, {}]", v.text, v.start, v.end, v.rule)),
                );
            }
            Value::Object(o)
        })
        .collect()
}

/// STIX confidence (0–100) of a 0–1 confidence.
fn confidence(c: Option<f64>) -> Option<i64> {
    c.map(|c| (c.clamp(0.0, 1.0) * 100.0).round() as i64)
}

/// An event as a `sighting` of its initiator (or a `note` when no doer is named), with a
/// relationship from the initiator to each other party (`targets` for an attack, arrest,
/// seizure or takeover, `related-to` otherwise); the sighting's or note's id.
fn event_objects(
    b: &mut Bundle<'_>,
    e: &ExportEvent,
    actors: &HashMap<String, String>,
    locations: &mut HashSet<String>,
    kb: &Kb,
) -> Result<String> {
    let m = &e.event;
    let place = location(b, e, locations, kb)?;
    let doer = e.initiator.as_ref().and_then(|d| actors.get(&d.id));
    let others: Vec<&String> = e.others.iter().filter_map(|t| actors.get(&t.id)).collect();
    let mut labels = vec![m.event_type.to_lowercase()];
    labels.extend(e.subtype.clone());
    if let Some(r) = m.reports.first() {
        labels.push(r.modality.clone());
    }
    let mut o = Map::new();
    o.insert("labels".into(), json!(labels));
    o.insert("external_references".into(), report_references(e));
    if let Some(c) = confidence(m.confidence) {
        o.insert("confidence".into(), json!(c));
    }
    if let Some(r) = &m.review {
        o.insert("x_rasid_review".into(), json!(r));
    }
    let (start, end) = (
        m.date_start
            .as_deref()
            .map(|d| timestamp(d, "00:00:00.000")),
        m.date_end
            .as_deref()
            .or(m.date_start.as_deref())
            .map(|d| timestamp(d, "23:59:59.999")),
    );
    let id;
    if let Some(doer) = doer {
        id = stix_id("sighting", &format!("event:{}", m.id));
        o.insert("type".into(), json!("sighting"));
        o.insert("id".into(), json!(id));
        o.insert("sighting_of_ref".into(), json!(doer));
        o.insert("description".into(), json!(account(e)));
        o.insert("count".into(), json!(m.n_reports.clamp(0, 999_999_999)));
        if let Some(p) = &place {
            o.insert("where_sighted_refs".into(), json!([p]));
        }
        if let (Some(s), Some(t)) = (&start, &end) {
            o.insert("first_seen".into(), json!(s));
            o.insert("last_seen".into(), json!(t));
        }
    } else {
        let mut refs: Vec<String> = others.iter().map(|t| (*t).clone()).collect();
        refs.extend(place.clone());
        let articles: BTreeSet<&str> = m.reports.iter().map(|r| r.article.as_str()).collect();
        refs.extend(articles.iter().map(|a| report_id(a)));
        id = stix_id("note", &format!("event:{}", m.id));
        o.insert("type".into(), json!("note"));
        o.insert("id".into(), json!(id));
        o.insert(
            "abstract".into(),
            json!(format!(
                "{} by an unnamed actor{}",
                m.event_type,
                m.place
                    .as_ref()
                    .map(|p| format!(" in {p}"))
                    .unwrap_or_default()
            )),
        );
        o.insert("content".into(), json!(account(e)));
        o.insert("object_refs".into(), json!(refs));
    }
    b.object(Value::Object(o))?;
    let kind = if done_to(&m.event_type) {
        "targets"
    } else {
        "related-to"
    };
    if let Some(doer) = doer {
        for target in &others {
            let mut r = Map::new();
            r.insert("type".into(), json!("relationship"));
            r.insert(
                "id".into(),
                json!(stix_id(
                    "relationship",
                    &format!("{kind}:{}:{doer}:{target}", m.id)
                )),
            );
            r.insert("relationship_type".into(), json!(kind));
            r.insert("source_ref".into(), json!(doer));
            r.insert("target_ref".into(), json!(target));
            r.insert("description".into(), json!(account(e)));
            if let (Some(s), Some(t)) = (&start, &end) {
                r.insert("start_time".into(), json!(s));
                r.insert("stop_time".into(), json!(t));
            }
            b.object(Value::Object(r))?;
        }
    }
    Ok(id)
}

/// The STIX relationship type of a relation type (lowercase, hyphenated; the original
/// type is kept in `labels`).
pub fn relationship_type(kind: &str) -> String {
    match kind {
        "ALLY" => "allied-with".into(),
        "HOSTILE" => "hostile-to".into(),
        "MEDIATE" => "mediates-for".into(),
        // from the group its members left to the one they joined
        "DEFECT" => "lost-members-to".into(),
        "AFFILIATE" => "affiliated-with".into(),
        "LEADS" => "leads".into(),
        "MEMBER" => "member-of".into(),
        other => other.to_lowercase().replace('_', "-"),
    }
}

/// An edge as a `relationship` (false when one of its actors is not in the store).
fn edge_object(
    b: &mut Bundle<'_>,
    e: &EdgeWithEvidence,
    actors: &HashMap<String, String>,
) -> Result<bool> {
    let edge: &Edge = &e.edge;
    let (Some(a), Some(z)) = (actors.get(&edge.a), actors.get(&edge.b)) else {
        return Ok(false);
    };
    let mut o = Map::new();
    o.insert("type".into(), json!("relationship"));
    o.insert(
        "id".into(),
        json!(stix_id("relationship", &format!("edge:{}", edge.id))),
    );
    o.insert(
        "relationship_type".into(),
        json!(relationship_type(&edge.relation_type)),
    );
    o.insert("labels".into(), json!([edge.relation_type]));
    o.insert("source_ref".into(), json!(a));
    o.insert("target_ref".into(), json!(z));
    if let Some(c) = confidence(edge.confidence) {
        o.insert("confidence".into(), json!(c));
    }
    if let Some(r) = &edge.review {
        o.insert("x_rasid_review".into(), json!(r));
    }
    if let (Some(s), Some(t)) = (
        &edge.first_seen,
        &edge.last_seen.as_ref().or(edge.first_seen.as_ref()),
    ) {
        o.insert("start_time".into(), json!(timestamp(s, "00:00:00.000")));
        o.insert("stop_time".into(), json!(timestamp(t, "23:59:59.999")));
    }
    let sentences: Vec<String> = e
        .evidence
        .iter()
        .take(CITED)
        .map(|v| format!("«{}»", v.text))
        .collect();
    o.insert(
        "description".into(),
        json!(format!(
            "{} in {} articles ({} sources). {}",
            edge.relation_type,
            edge.n_articles,
            edge.n_sources,
            sentences.join(" ")
        )),
    );
    let refs: Vec<Value> = e
        .evidence
        .iter()
        .take(CITED)
        .map(|v| {
            json!({
                "source_name": v.outlet.as_deref().unwrap_or(&v.source),
                "external_id": v.article,
                "description": format!("{} [{}–{}, {}]", v.text, v.start, v.end, v.rule),
            })
        })
        .collect();
    if !refs.is_empty() {
        o.insert("external_references".into(), json!(refs));
    }
    b.object(Value::Object(o))?;
    Ok(true)
}

/// A URL as a URI (STIX's `url` is one): non-ASCII letters of an Arabic path
/// percent-encoded; `None` when it is no URL.
fn uri(url: &str) -> Option<String> {
    url::Url::parse(url.trim()).ok().map(String::from)
}

/// The STIX id of an article's report.
fn report_id(article: &str) -> String {
    stix_id("report", &format!("article:{article}"))
}

/// A `report` for each article that states an exported event or edge, referring to them.
fn write_reports(
    store: &mut Store,
    b: &mut Bundle<'_>,
    events: &HashMap<String, String>,
    edges: &BTreeSet<String>,
) -> Result<()> {
    let size = rasid_store::read::events::PAGE;
    let mut after: Option<String> = None;
    loop {
        let page = store.article_sources_page(after.as_deref(), size)?;
        let full = page.len() == size;
        after = page.last().map(|a| a.id.clone());
        for a in page {
            let mut refs: Vec<String> = Vec::new();
            refs.extend(
                a.merged_events
                    .iter()
                    .filter_map(|m| events.get(m).cloned()),
            );
            refs.extend(
                a.edges
                    .iter()
                    .filter(|e| edges.contains(*e))
                    .map(|e| stix_id("relationship", &format!("edge:{e}"))),
            );
            if refs.is_empty() {
                continue;
            }
            let mut reference = Map::new();
            reference.insert(
                "source_name".into(),
                json!(a.outlet.as_deref().unwrap_or(&a.source)),
            );
            reference.insert("external_id".into(), json!(a.id));
            if let Some(u) = a.url.as_deref().and_then(uri) {
                reference.insert("url".into(), json!(u));
            }
            let title = if a.title.trim().is_empty() {
                &a.source
            } else {
                &a.title
            };
            b.object(json!({
                "type": "report",
                "id": report_id(&a.id),
                "name": title,
                "published": timestamp(a.published.as_deref().unwrap_or("1970-01-01"), "00:00:00.000"),
                "report_types": ["threat-report"],
                "lang": "ar",
                "object_refs": refs,
                "external_references": [Value::Object(reference)],
            }))?;
        }
        if !full {
            return Ok(());
        }
    }
}
