//! The store in the formats analysts' tools read: the contract's JSON Lines, an
//! ACLED-style CSV (spreadsheets, R and pandas code written for ACLED), a STIX 2.1 bundle
//! (OpenCTI and other threat-intelligence platforms), GraphML and GEXF of the actor graph
//! (Gephi, networkx) and GeoJSON of the events (QGIS, kepler.gl).
//!
//! Owns: each format's layout, the mapping of Rasid's facts onto it (with the tables of
//! `kb/acled.toml` and `kb/countries.tsv`), stable ids. May import `rasid-store` (which
//! reads the store page by page, so an export's memory does not grow with the store) and
//! `rasid-kb`. Every export of the same store with the same filter gives the same bytes:
//! order is by id or date, and time stamps come from the data, never from the clock.

pub mod acled;
pub mod cells;
mod error;
pub mod geojson;
pub mod gexf;
pub mod graph;
pub mod graphml;
pub mod source;
pub mod stix;
mod xml;

use std::io::Write;

use rasid_kb::Kb;
use rasid_store::{EdgeFilter, EventFilter, Store};

pub use error::{ExportError, Result};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The contract's JSON Lines: documents, articles, actors, merged events, edges.
    Jsonl,
    /// One row per merged event in ACLED's columns.
    AcledCsv,
    /// A STIX 2.1 bundle.
    Stix,
    /// The actor graph as GraphML.
    Graphml,
    /// The actor graph as GEXF 1.3 with dynamic edges.
    Gexf,
    /// Merged events with coordinates as an RFC 7946 FeatureCollection.
    Geojson,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 6] = [
        Self::Jsonl,
        Self::AcledCsv,
        Self::Stix,
        Self::Graphml,
        Self::Gexf,
        Self::Geojson,
    ];

    /// The name users give (`acled-csv` …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Jsonl => "jsonl",
            Self::AcledCsv => "acled-csv",
            Self::Stix => "stix",
            Self::Graphml => "graphml",
            Self::Gexf => "gexf",
            Self::Geojson => "geojson",
        }
    }

    /// The format a name stands for; an error naming the formats otherwise.
    pub fn from_name(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| ExportError::UnknownFormat(name.to_string()))
    }

    /// The file name a download gets.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Jsonl => "rasid.jsonl",
            Self::AcledCsv => "events.acled.csv",
            Self::Stix => "rasid.stix.json",
            Self::Graphml => "graph.graphml",
            Self::Gexf => "graph.gexf",
            Self::Geojson => "events.geojson",
        }
    }

    /// The HTTP content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Jsonl => "application/x-ndjson; charset=utf-8",
            Self::AcledCsv => "text/csv; charset=utf-8",
            Self::Stix => "application/stix+json;version=2.1",
            Self::Graphml => "application/graphml+xml; charset=utf-8",
            Self::Gexf => "application/gexf+xml; charset=utf-8",
            Self::Geojson => "application/geo+json",
        }
    }
}

/// Which facts an export holds: merged events pass `events` (type, actor, place,
/// country, dates, confidence, limit), edges pass `edges` (actor, dates, confidence).
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    pub events: EventFilter,
    pub edges: EdgeFilter,
}

impl ExportFilter {
    /// The filter of `events`, with the edges filtered by the same actor, dates and
    /// confidence (event type, place, country and limit are about events only).
    pub fn from_events(events: EventFilter) -> Self {
        let edges = EdgeFilter {
            actor: events.actor.clone(),
            min_confidence: events.min_confidence,
            from: events.from.clone(),
            to: events.to.clone(),
        };
        Self { events, edges }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Merged events written.
    pub events: usize,
    /// Merged events passing the filter that the format cannot hold (no date for ACLED,
    /// no coordinates for GeoJSON).
    pub events_left_out: usize,
    /// Edges written.
    pub edges: usize,
    /// Top-level records written (STIX objects, graph nodes, JSON lines).
    pub records: usize,
}

/// Write the store's facts passing `filter` to `out` in `format`.
pub fn export(
    store: &mut Store,
    kb: &Kb,
    format: Format,
    filter: &ExportFilter,
    out: &mut dyn Write,
) -> Result<Summary> {
    match format {
        Format::Jsonl => {
            store.export_filtered(out, &filter.events, &filter.edges)?;
            Ok(Summary::default())
        }
        Format::AcledCsv => acled::write(store, kb, &filter.events, out),
        Format::Stix => stix::write(store, kb, filter, out),
        Format::Graphml => graphml::write(store, &filter.edges, out),
        Format::Gexf => gexf::write(store, &filter.edges, out),
        Format::Geojson => geojson::write(store, &filter.events, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip_and_unknown_names_list_the_formats() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()).expect("known"), f);
        }
        let e = Format::from_name("xlsx").expect_err("unknown");
        assert!(e.to_string().contains("acled-csv"), "{e}");
    }

    #[test]
    fn edges_follow_the_events_actor_dates_and_confidence() {
        let f = ExportFilter::from_events(EventFilter {
            actor: Some("houthis".into()),
            event_type: Some("ATTACK".into()),
            from: Some("2015-07".into()),
            min_confidence: Some(0.5),
            ..EventFilter::default()
        });
        assert_eq!(f.edges.actor.as_deref(), Some("houthis"));
        assert_eq!(f.edges.from.as_deref(), Some("2015-07"));
        assert_eq!(f.edges.min_confidence, Some(0.5));
    }
}
