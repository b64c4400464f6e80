//! How sure each event and relation is: the signals its output shows, scored by the
//! logistic models of `kb/confidence.toml`. `scripts/calibrate.py` computes the same signals
//! from the JSON output to fit and check those models; keep the two in step.

use rasid_kb::Kb;
use rasid_model::{Event, Relation};

/// The signals of an event that are on (names from `rasid_kb::EVENT_SIGNALS`).
pub fn event_signals(e: &Event) -> Vec<String> {
    let mut on: Vec<String> = Vec::new();
    let mut flag = |name: &str, set: bool| {
        if set {
            on.push(name.to_string());
        }
    };
    let doers = e.doers().count();
    // a loser only another sentence names (`targets`, not `actors`) is read, not named; the
    // sentence naming it, or the article's one air force, is no report of the act
    let target_named = e.targets.iter().any(|t| doers == 0 || e.actors.contains(t));
    let reports = e
        .mentions
        .iter()
        .filter(|m| crate::events::reports_the_act(m))
        .count();
    flag("doer_named", doers > 0);
    flag("target_named", target_named);
    // an act with both sides named lists more parties, each one a chance to be wrong
    flag("doer_and_target", doers > 0 && target_named);
    flag("several_doers", doers > 1);
    flag("several_sentences", reports > 1);
    // a place read from the article's lead is not one the act's sentences name
    let place_from_the_article = e
        .mentions
        .iter()
        .any(|m| m.rule == crate::events::ARTICLE_PLACE_RULE);
    flag("place_named", e.place.is_some() && !place_from_the_article);
    flag("casualties", e.killed.is_some() || e.injured.is_some());
    flag(
        "hedged",
        matches!(e.modality.as_str(), "alleged" | "likely"),
    );
    flag("claimed", e.modality == "claimed");
    flag("background", e.background);
    on.push(format!("type_{}", e.kind));
    on
}

/// The signals of a relation that are on (names from `rasid_kb::RELATION_SIGNALS`).
pub fn relation_signals(r: &Relation) -> Vec<String> {
    let mut sentences: Vec<usize> = r.evidence.iter().map(|e| e.start).collect();
    sentences.sort_unstable();
    sentences.dedup();
    [
        (
            "from_kb_parent",
            r.evidence
                .iter()
                .any(|e| e.rule.starts_with("relation:kb_parent")),
        ),
        ("several_sentences", sentences.len() > 1),
    ]
    .into_iter()
    .filter(|(_, set)| *set)
    .map(|(name, _)| name.to_string())
    .collect()
}

/// Give every event and relation its confidence.
pub fn assign(events: &mut [Event], relations: &mut [Relation], kb: &Kb) {
    for e in events {
        let on = event_signals(e);
        e.confidence = Some(kb.confidence.event.score(on.iter().map(String::as_str)));
    }
    for r in relations {
        let on = relation_signals(r);
        r.confidence = Some(kb.confidence.relation.score(on.iter().map(String::as_str)));
    }
}
