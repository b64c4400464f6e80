//! GeoJSON (RFC 7946): a FeatureCollection of the merged events whose place the gazetteer
//! locates, one Point each (longitude first, WGS 84, no `crs` member), with the event's
//! facts as properties and the precision of its point stated (`geo_precision`, ACLED's
//! scale: 1 a town, 2 a district, 3 a province or country). QGIS and kepler.gl open it
//! as it is.

use std::io::Write;

use rasid_store::{EventFilter, Store};
use serde_json::{json, Value};

use crate::acled::geo_precision;
use crate::error::Result;
use crate::source::{for_each_event, ExportEvent, NamedActor};
use crate::Summary;

/// Write the merged events passing `f` that have coordinates as a FeatureCollection, one
/// feature a line.
pub fn write(store: &mut Store, f: &EventFilter, out: &mut dyn Write) -> Result<Summary> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut summary = Summary::default();
    for_each_event(store, f, |e| {
        match feature(&e) {
            Some(feature) => {
                out.write_all(if summary.events == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *out, &feature)?;
                summary.events += 1;
            }
            None => summary.events_left_out += 1,
        }
        Ok(())
    })?;
    out.write_all(b"\n]}\n")?;
    out.flush()?;
    summary.records = summary.events;
    Ok(summary)
}

/// Coordinates to 5 decimals (about a metre), as RFC 7946 advises against more.
fn round(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

fn names(actors: &[NamedActor]) -> Value {
    actors
        .iter()
        .map(|a| json!({"id": a.id, "name_ar": a.name_ar, "name_en": a.name_en}))
        .collect()
}

/// The event as a Feature, or `None` when its place has no coordinates.
fn feature(e: &ExportEvent) -> Option<Value> {
    let p = e.place.as_ref()?;
    let (lat, lon) = (p.lat?, p.lon?);
    let m = &e.event;
    let first = e.first_evidence();
    Some(json!({
        "type": "Feature",
        "id": m.id,
        "geometry": {"type": "Point", "coordinates": [round(lon), round(lat)]},
        "properties": {
            "event_type": m.event_type,
            "subtype": e.subtype,
            "date_start": m.date_start,
            "date_end": m.date_end,
            "place": m.place,
            "place_en": p.name_en,
            "place_id": p.id,
            "place_kind": p.kind,
            "admin1": p.admin1,
            "country": m.country.as_ref().or(p.country.as_ref()),
            "geo_precision": geo_precision(p.kind.as_deref()),
            "initiator": e.initiator.as_ref().map(|a| names(std::slice::from_ref(a))[0].clone()),
            "co_doers": names(&e.co_doers),
            "others": names(&e.others),
            "killed": m.killed,
            "injured": m.injured,
            "confidence": m.confidence,
            "review": m.review,
            "background": m.background,
            "n_reports": m.n_reports,
            "n_articles": m.n_articles,
            "n_sources": m.n_sources,
            "modality": first.map(|(r, _)| r.modality.as_str()),
            "evidence": first.map(|(_, t)| t),
            "article": first.map(|(r, _)| r.article.as_str()),
            "document": first.map(|(r, _)| r.document.as_str()),
            "source": first.map(|(r, _)| r.source.as_str()),
            "rule": first.and_then(|(r, _)| r.evidence.first().map(|v| v.rule.as_str())),
        }
    }))
}
