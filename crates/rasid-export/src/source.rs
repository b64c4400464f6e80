//! What every format reads from the store, page by page so memory does not grow with the
//! store: merged events with their actors' names and kinds and their place's
//! coordinates, and relation edges.

use std::collections::BTreeMap;

use rasid_model::ActorKind;
use rasid_store::{
    ActorName, EdgeFilter, EdgeWithEvidence, EventFilter, MergedEvent, PlaceDetail, Report, Store,
};

use crate::error::Result;

/// An actor id with its stored names and kind (the id itself when the store has no
/// actor of that id).
#[derive(Debug, Clone, PartialEq)]
pub struct NamedActor {
    pub id: String,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub kind: Option<ActorKind>,
}

impl NamedActor {
    fn new(id: &str, names: &BTreeMap<String, ActorName>) -> Self {
        match names.get(id) {
            Some(n) => Self {
                id: id.to_string(),
                name_ar: n.name_ar.clone(),
                name_en: n.name_en.clone(),
                kind: ActorKind::from_name(&n.kind),
            },
            None => Self {
                id: id.to_string(),
                name_ar: id.to_string(),
                name_en: None,
                kind: None,
            },
        }
    }

    /// The English name, else the Arabic one.
    pub fn label(&self) -> &str {
        self.name_en.as_deref().unwrap_or(&self.name_ar)
    }
}

/// A merged event as the exports write it.
#[derive(Debug, Clone)]
pub struct ExportEvent {
    pub event: MergedEvent,
    pub doers: Vec<NamedActor>,
    pub targets: Vec<NamedActor>,
    /// The gazetteer place of the event's place, when the gazetteer knows it.
    pub place: Option<PlaceDetail>,
    /// The first subtype its reports give.
    pub subtype: Option<String>,
}

impl ExportEvent {
    /// The first report with evidence, if any.
    pub fn first_evidence(&self) -> Option<(&Report, &str)> {
        self.event
            .reports
            .iter()
            .find_map(|r| r.evidence.first().map(|v| (r, v.text.as_str())))
    }

    /// Does some report date the event itself (not only by its publication)?
    pub fn dated_by_text(&self) -> bool {
        self.event.reports.iter().any(|r| r.date.is_some())
    }

    /// The latest publication date of its reports.
    pub fn last_published(&self) -> Option<&str> {
        self.event
            .reports
            .iter()
            .filter_map(|r| r.published.as_deref())
            .max()
    }
}

/// The gazetteer id of `e`'s place: that of the first report writing the place as the
/// merged event does, else of the first report with one.
fn place_id(e: &MergedEvent) -> Option<&str> {
    let same = e
        .reports
        .iter()
        .filter(|r| r.place.is_some() && r.place == e.place)
        .find_map(|r| r.place_id.as_deref());
    same.or_else(|| e.reports.iter().find_map(|r| r.place_id.as_deref()))
}

/// Call `each` on every merged event passing `f` (at most `f.limit`), in the store's
/// event order, read a page at a time with its actors' names and its places. Returns how
/// many it read.
pub fn for_each_event(
    store: &mut Store,
    f: &EventFilter,
    mut each: impl FnMut(ExportEvent) -> Result<()>,
) -> Result<usize> {
    store.each_events_page(f, |store, page| {
        let names = store.actor_names(&rasid_store::read::actor_ids(&page))?;
        let mut place_ids: Vec<String> = page
            .iter()
            .filter_map(|e| place_id(e).map(str::to_string))
            .collect();
        place_ids.sort();
        place_ids.dedup();
        let places = store.place_details(&place_ids)?;
        for event in page {
            let named = |ids: &[String]| -> Vec<NamedActor> {
                ids.iter().map(|i| NamedActor::new(i, &names)).collect()
            };
            let place = place_id(&event).and_then(|id| places.get(id).cloned());
            let subtype = event.reports.iter().find_map(|r| r.subtype.clone());
            each(ExportEvent {
                doers: named(&event.actors),
                targets: named(&event.targets),
                place,
                subtype,
                event,
            })?;
        }
        Ok(())
    })
}

/// Call `each` on every edge passing `f`, in id order, read a page at a time, with its
/// evidence when `evidence` is set. Returns how many it read.
pub fn for_each_edge(
    store: &mut Store,
    f: &EdgeFilter,
    evidence: bool,
    mut each: impl FnMut(EdgeWithEvidence) -> Result<()>,
) -> Result<usize> {
    store.each_edges_page(f, evidence, |_, page| {
        page.into_iter().try_for_each(&mut each)
    })
}

/// The names and kinds of `ids` (read 200 at a time), in the order given.
pub fn named_actors(store: &mut Store, ids: &[String]) -> Result<Vec<NamedActor>> {
    let names = store.actor_names(ids)?;
    Ok(ids.iter().map(|i| NamedActor::new(i, &names)).collect())
}
