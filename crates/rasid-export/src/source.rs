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
/// the other side.
#[derive(Debug, Clone)]
pub struct ExportEvent {
    pub event: MergedEvent,
    /// The actor that did it: the merged event's first actor (the one its reports name
    /// first most often); none when no report names a doer.
    pub initiator: Option<NamedActor>,
    /// Those who did it with the initiator (an attack's allies fighting beside it).
    pub co_doers: Vec<NamedActor>,
    /// The other side: those acted on (hit, arrested, expelled), most often named first;
    /// for an act done with others (a meeting, an agreement, support, a release) every
    /// party after the initiator.
    pub others: Vec<NamedActor>,
    /// The gazetteer place of the event's place, when the gazetteer knows it.
    pub place: Option<PlaceDetail>,
    /// The first subtype its reports give.
    pub subtype: Option<String>,
}

impl ExportEvent {
    /// The side that acted: the initiator, then its co-doers.
    pub fn doers(&self) -> Vec<NamedActor> {
        self.initiator
            .iter()
            .chain(&self.co_doers)
            .cloned()
            .collect()
    }

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

/// The sides of `e`: its initiator (its first doer: the merge puts the doer its reports
/// name first most often), its co-doers, and the other side ([`ExportEvent::others`]).
pub fn sides(e: &MergedEvent) -> Sides<'_> {
    let mut doers = rasid_model::doers(&e.actors, &e.targets).map(String::as_str);
    let initiator = doers.next();
    let rest: Vec<&str> = doers.collect();
    let (co_doers, mut others) = if done_to(&e.event_type) {
        (rest, Vec::new())
    } else {
        (Vec::new(), rest)
    };
    for id in &e.targets {
        if !others.contains(&id.as_str()) {
            others.push(id);
        }
    }
    Sides {
        initiator,
        co_doers,
        others,
    }
}

/// An event's actors by side (see [`sides`]).
#[derive(Debug, PartialEq)]
pub struct Sides<'a> {
    pub initiator: Option<&'a str>,
    pub co_doers: Vec<&'a str>,
    pub others: Vec<&'a str>,
}

/// Is an event of this type done to its other parties (an attack, an arrest, a seizure,
/// a takeover), so that they are its targets? The others (a meeting, an agreement,
/// support, a release, a defection, a pledge) are done with them.
pub fn done_to(event_type: &str) -> bool {
    matches!(event_type, "ATTACK" | "ARREST" | "SEIZE" | "TAKEOVER")
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
            let sides = sides(&event);
            let named = |ids: &[&str]| ids.iter().map(|i| NamedActor::new(i, &names)).collect();
            let initiator = sides.initiator.map(|i| NamedActor::new(i, &names));
            let (co_doers, others) = (named(&sides.co_doers), named(&sides.others));
            let place = place_id(&event).and_then(|id| places.get(id).cloned());
            let subtype = event.reports.iter().find_map(|r| r.subtype.clone());
            each(ExportEvent {
                initiator,
                co_doers,
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

    /// The sides of an attack with these actors and targets, owned.
    fn sides_of(actors: &[&str], targets: &[&str]) -> (Option<String>, Vec<String>, Vec<String>) {
        let e = merged(actors, targets, vec![report("1", actors)]);
        let s = sides(&e);
        let own = |v: Vec<&str>| v.into_iter().map(str::to_string).collect();
        (
            s.initiator.map(str::to_string),
            own(s.co_doers),
            own(s.others),
        )
    }

    #[test]
    fn an_attacks_allies_stand_with_the_doer_and_its_targets_on_the_other_side() {
        let s = sides_of(
            &["yemen_popular_resistance", "yemen_army", "houthis"],
            &["houthis"],
        );
        assert_eq!(s.0.as_deref(), Some("yemen_popular_resistance"));
        assert_eq!(s.1, ["yemen_army"]);
        assert_eq!(s.2, ["houthis"]);
    }

    #[test]
    fn a_meetings_other_parties_are_the_other_side() {
        let mut e = merged(&["usa", "iraq"], &[], vec![report("1", &["usa", "iraq"])]);
        e.event_type = "MEET".into();
        let s = sides(&e);
        assert_eq!(
            (s.initiator, s.co_doers.len(), s.others),
            (Some("usa"), 0, vec!["iraq"])
        );
    }

    #[test]
    fn without_a_named_doer_every_party_is_on_the_other_side() {
        let s = sides_of(&[], &["saudi_forces"]);
        assert_eq!(s.0, None);
        assert!(s.1.is_empty());
        assert_eq!(s.2, ["saudi_forces"]);
    }
}
