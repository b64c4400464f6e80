//! The doer of a strike by unnamed aircraft, read from the article's other strikes.

use rasid_kb::Kb;
use rasid_model::Evidence;

use super::Candidate;

/// **Unnamed aircraft are the article's one air force.** An attack with no doer whose
/// trigger has for subject, right before or right after it, one of kb
/// `roles.unnamed_aircraft` («وفي مأرب قصفت المقاتلات مواقع للحوثيين», «الطائرات شنت …»)
/// was done by the one doer of the article's other air strikes (subtype `air_strike`), when
/// there is exactly one. The sentence of the first such strike joins the act's evidence,
/// marked with this rule; no relation is read from it.
///
/// Why: a war story names the coalition's jets once and then tells their strikes as «the
/// jets» — an analyst counting the coalition's strikes needs them all.
///
/// Example: «شنت طائرات التحالف العربي غارات على مواقع الحوثيين في صنعاء … وفي مأرب قصفت
/// المقاتلات مواقع للحوثيين»: the coalition. With the coalition's and the regime's strikes in
/// one article, the jets stay unnamed.
pub(crate) fn doer_of_unnamed_aircraft(events: &mut [Candidate], kb: &Kb) {
    let aircraft = &kb.events;
    let Some((air_force, named_in)) = the_one_air_force(events) else {
        return;
    };
    for c in events.iter_mut() {
        if c.event.kind != "ATTACK"
            || !c.initiators.is_empty()
            || c.targets.contains(&air_force)
            || !by_unnamed_aircraft(&c.event.evidence, aircraft)
        {
            continue;
        }
        c.initiators.push(air_force.clone());
        c.add_inferred_evidence(&named_in, RULE);
        c.set_actors();
    }
}

/// The rule's name in the evidence it adds (one of `INFERRED_EVIDENCE`).
pub(crate) const RULE: &str = "event:the article's one air force";

/// The one doer of the article's air strikes, with the evidence of its first one.
fn the_one_air_force(events: &[Candidate]) -> Option<(String, Evidence)> {
    let mut found: Option<(&String, &Evidence)> = None;
    for c in events {
        if c.event.subtype.as_deref() != Some(AIR_STRIKE) {
            continue;
        }
        for doer in &c.initiators {
            match found {
                None => found = Some((doer, &c.event.evidence)),
                Some((d, _)) if d == doer => {}
                Some(_) => return None,
            }
        }
    }
    found.map(|(d, e)| (d.clone(), e.clone()))
}

/// The attack subtype of strikes from the air.
const AIR_STRIKE: &str = "air_strike";

/// Does an aircraft word stand right before or right after the trigger word of `evidence`
/// (the word its rule names: «event:trigger «قصفت»»), or right before a launch verb right
/// before it («المقاتلات شنت غارات»)?
fn by_unnamed_aircraft(evidence: &Evidence, lex: &rasid_kb::EventLexicon) -> bool {
    let aircraft = &lex.unnamed_aircraft;
    let Some(trigger) = evidence
        .rule
        .split_once('«')
        .and_then(|(_, rest)| rest.strip_suffix('»'))
    else {
        return false;
    };
    let text = rasid_text::normalize(&evidence.text);
    let words: Vec<&str> = text
        .split(|c: char| !rasid_text::script::is_letter(c))
        .filter(|w| !w.is_empty())
        .collect();
    let first = trigger.split_whitespace().next().unwrap_or(trigger);
    let is_aircraft = |j: Option<usize>| {
        j.and_then(|j| words.get(j))
            .is_some_and(|n| aircraft.iter().any(|a| a == n))
    };
    let launched = |i: usize| {
        i.checked_sub(1)
            .and_then(|j| words.get(j))
            .is_some_and(|v| !lex.launch_verbs.find(v).is_empty())
            && is_aircraft(i.checked_sub(2))
    };
    words.iter().enumerate().any(|(i, w)| {
        w.ends_with(first)
            && (is_aircraft(i.checked_sub(1)) || is_aircraft(Some(i + 1)) || launched(i))
    })
}
