//! The loser of an act whose sentence names none, read from the article's other acts.

use rasid_kb::Kb;
use rasid_model::{ActorKind, Evidence};

use super::Candidate;

/// **The one side the doer fought lost the ground.** An act of a type of `kinds` (kb
/// `other_side_named_elsewhere`) with a doer and no one it was done to, when the article's
/// other takeovers and attacks (not air strikes: `other_side_not_from`) of the day (not
/// background) set its doers against exactly one side — the ones they fought or
/// took ground from, or the ones that fought them, one actor or allies one act names
/// together («الحوثيين وقوات صالح»);
/// armed groups and state forces only, and none that fights beside them in another act —
/// was done to that side. The side joins the act's `targets`, not its `actors` (the parties
/// its own sentences name), and the sentence that names it joins the act's evidence, marked
/// with this rule; no relation is read from it.
///
/// Why: a war story names its sides once and then tells their gains without them: the
/// analyst needs to know whose ground was taken.
///
/// Example: «شنت المقاومة الشعبية هجوما على مواقع الحوثيين … واستعادت المقاومة السيطرة على
/// معسكر النصر»: the camp was taken from the Houthis. With the Houthis and Saleh's forces
/// both fought, or no side fought, the act keeps no target.
pub(crate) fn losers_from_the_other_acts(events: &mut [Candidate], kb: &Kb) {
    let kinds = &kb.events.other_side_named_elsewhere;
    for i in 0..events.len() {
        let c = &events[i];
        if !kinds.contains(&c.event.kind)
            || c.initiators.is_empty()
            || !c.targets.is_empty()
            || !c.named_elsewhere.is_empty()
            || c.symmetric
        {
            continue;
        }
        let Some((losers, named_in)) = the_one_adversary(events, i, kb) else {
            continue;
        };
        let c = &mut events[i];
        c.named_elsewhere = losers;
        c.add_inferred_evidence(&named_in, RULE);
        c.set_actors();
    }
}

/// The rule's name in the evidence it adds (one of `INFERRED_EVIDENCE`).
pub(crate) const RULE: &str = "event:the other side of the article";

/// The one side (one actor, or allies named together as one side of an act) that the
/// article's other acts of the day set the doers of act `i` against, with the evidence of
/// the first act that does; none when they name no side or more than one.
fn the_one_adversary(events: &[Candidate], i: usize, kb: &Kb) -> Option<(Vec<String>, Evidence)> {
    let doers = &events[i].initiators;
    if !doers.iter().all(|id| fights(id, kb)) {
        return None;
    }
    let lex = &kb.events;
    let fought = |o: &Candidate| {
        let ground = lex.other_side_named_elsewhere.contains(&o.event.kind)
            || o.event.kind == "ATTACK"
                && o.event
                    .subtype
                    .as_ref()
                    .is_none_or(|st| !lex.other_side_not_from.contains(st));
        ground && !o.symmetric && !o.event.background
    };
    let beside = |id: &String| {
        events
            .iter()
            .any(|o| o.initiators.contains(id) && o.initiators.iter().any(|d| doers.contains(d)))
    };
    let mut sides: Vec<(&String, &Evidence)> = Vec::new();
    for (j, o) in events.iter().enumerate() {
        if j == i || !fought(o) {
            continue;
        }
        let theirs = if o.initiators.iter().any(|d| doers.contains(d)) {
            &o.targets
        } else if o.targets.iter().any(|d| doers.contains(d)) {
            &o.initiators
        } else {
            continue;
        };
        for id in theirs.iter().filter(|id| !doers.contains(id)) {
            if !sides.iter().any(|(s, _)| *s == id) {
                sides.push((id, &o.event.evidence));
            }
        }
    }
    let (_, evidence) = sides.first()?;
    let ids: Vec<String> = sides.iter().map(|(id, _)| (*id).clone()).collect();
    let one_side = ids.len() == 1
        || events
            .iter()
            .any(|o| side_of(&o.targets, &ids) || side_of(&o.initiators, &ids));
    (one_side && ids.iter().all(|id| fights(id, kb) && !beside(id)))
        .then(|| (ids, (*evidence).clone()))
}

/// Do the actors `ids` all stand in the one role list `role` of an act (one side: «الحوثيين
/// وقوات صالح»)?
fn side_of(role: &[String], ids: &[String]) -> bool {
    ids.iter().all(|id| role.contains(id))
}

/// Is `id` an armed group or a state's force (a side that holds ground)?
fn fights(id: &str, kb: &Kb) -> bool {
    kb.actors
        .actor(id)
        .is_some_and(|a| matches!(a.kind, ActorKind::ArmedGroup | ActorKind::StateForce))
}
