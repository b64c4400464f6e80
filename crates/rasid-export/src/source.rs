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

/// A merged event as the exports write it, its actors split into the side that acted and
/// the other parties.
#[derive(Debug, Clone)]
pub struct ExportEvent {
    pub event: MergedEvent,
    /// The actor that did it: the merged event's first actor (the one its reports name
    /// first most often); none when no report names a doer.
    pub initiator: Option<NamedActor>,
    /// Every other party its reports name (those acted on, a meeting's other parties, a
    /// co-doer), most often named first, then the targets of reports naming no doer.
    pub others: Vec<NamedActor>,
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

/// The initiator of `e` (its first actor: the merge puts the doer its reports name first
/// most often there) and the other parties: its other actors, then the targets of reports
/// naming no doer.
pub fn sides(e: &MergedEvent) -> (Option<&str>, Vec<&str>) {
    let initiator = e.actors.first().map(String::as_str);
    let mut others: Vec<&str> = Vec::new();
    for id in e.actors.iter().skip(1).chain(&e.targets) {
        if Some(id.as_str()) != initiator && !others.contains(&id.as_str()) {
            others.push(id);
        }
    }
    (initiator, others)
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
            let (initiator, others) = sides(&event);
            let initiator = initiator.map(|i| NamedActor::new(i, &names));
            let others = others.iter().map(|i| NamedActor::new(i, &names)).collect();
            let place = place_id(&event).and_then(|id| places.get(id).cloned());
            let subtype = event.reports.iter().find_map(|r| r.subtype.clone());
            each(ExportEvent {
                initiator,
                others,
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

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_store::{MergedEvent, Report};

    fn report(event: &str, actors: &[&str]) -> Report {
        Report {
            actors: actors.iter().map(|a| a.to_string()).collect(),
            article: format!("a-{event}"),
            background: false,
            confidence: None,
            date: None,
            document: "d".into(),
            event: event.into(),
            event_type: "ATTACK".into(),
            evidence: Vec::new(),
            injured: None,
            killed: None,
            modality: "reported".into(),
            outlet: None,
            place: None,
            place_id: None,
            published: None,
            review: None,
            source: "s".into(),
            subtype: None,
            targets: Vec::new(),
        }
    }

    fn merged(actors: &[&str], targets: &[&str], reports: Vec<Report>) -> MergedEvent {
        MergedEvent {
            actors: actors.iter().map(|a| a.to_string()).collect(),
            background: false,
            confidence: None,
            country: None,
            date_end: None,
            date_start: None,
            event_type: "ATTACK".into(),
            id: "e".into(),
            injured: None,
            killed: None,
            n_articles: 1,
            n_reports: reports.len() as i64,
            n_sources: 1,
            place: None,
            reports,
            review: None,
            targets: targets.iter().map(|a| a.to_string()).collect(),
            record_type: Default::default(),
        }
    }

    #[test]
    fn the_first_actor_acts_and_the_others_are_the_other_side() {
        let e = merged(
            &["saudi_led_coalition", "houthis"],
            &[],
            vec![report("1", &["saudi_led_coalition", "houthis"])],
        );
        assert_eq!(sides(&e), (Some("saudi_led_coalition"), vec!["houthis"]));
    }

    #[test]
    fn without_a_named_doer_every_party_is_on_the_other_side() {
        let e = merged(&[], &["saudi_forces"], vec![report("1", &[])]);
        assert_eq!(sides(&e), (None, vec!["saudi_forces"]));
    }
}
