//! **The learned role layer.** After the rules have given a trigger's actors their roles,
//! two logistic models of `kb/roles.toml` read each actor of the sentence — where it stands
//! from the trigger, its kind, the rules' role, the word before it — and may overrule the
//! rules: drop a party they think is none, or put another actor in the doer's place. The
//! models are fitted on `tests/gold/train/` by `scripts/train_roles.py` from the readings
//! `rasid extract --role-readings` writes (the features are computed here only).

use rasid_kb::RoleModels;
use rasid_model::{RoleRead, RoleReading};

use super::sentence::{EntityRef, SentenceView};
use super::Roles;

/// The rules' role of an actor, as a feature value.
fn rule_role(roles: &Roles, id: &str, candidate: bool, symmetric: bool) -> &'static str {
    if !candidate {
        return "filtered";
    }
    if roles.initiators.first().is_some_and(|d| d == id) {
        "doer1"
    } else if roles.initiators.iter().any(|d| d == id) {
        "doer"
    } else if roles.targets.iter().any(|d| d == id) {
        "target"
    } else if roles.others.iter().any(|d| d == id) {
        if symmetric {
            "party"
        } else {
            "other"
        }
    } else if roles.mediators.iter().any(|d| d == id) {
        "mediator"
    } else {
        "none"
    }
}

/// A word distance as a feature value.
fn distance_bucket(words: usize) -> &'static str {
    match words {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        _ => "9+",
    }
}

/// The mention of each actor of the sentence nearest the trigger, in sentence order.
fn nearest_mentions(s: &SentenceView, t_start: usize) -> Vec<&EntityRef> {
    let mut out: Vec<&EntityRef> = Vec::new();
    for e in &s.entities {
        match out.iter_mut().find(|o| o.id == e.id) {
            Some(o) => {
                if e.start.abs_diff(t_start) < o.start.abs_diff(t_start) {
                    *o = e;
                }
            }
            None => out.push(e),
        }
    }
    out
}

/// The features of every actor of the sentence for the trigger at `[t_start, t_end)`.
pub(crate) fn role_reads(
    s: &SentenceView,
    (t_start, t_end): (usize, usize),
    (kind, symmetric): (&str, bool),
    candidates: &[EntityRef],
    roles: &Roles,
) -> Vec<RoleRead> {
    let mentions = nearest_mentions(s, t_start);
    let trigger_clause = s.clause(t_start);
    let actors = match mentions.len() {
        n @ 1..=3 => n.to_string(),
        _ => "4+".to_string(),
    };
    let trigger = s.normalized_span(t_start, t_end);
    mentions
        .iter()
        .enumerate()
        .map(|(order, e)| {
            let candidate = candidates.iter().any(|c| c.id == e.id);
            let rule = rule_role(roles, &e.id, candidate, symmetric);
            let (side, words) = if e.start < t_start {
                ("before", s.words_between(e.end, t_start))
            } else {
                ("after", s.words_between(t_end, e.start))
            };
            let actor_kind = e.kind.as_str();
            let mut f = vec![
                format!("rule={rule}"),
                format!("side={side}"),
                format!("dist={}", distance_bucket(words)),
                format!(
                    "clause={}",
                    if s.clause(e.start) == trigger_clause {
                        "same"
                    } else {
                        "other"
                    }
                ),
                format!("kind={actor_kind}"),
                format!("type={kind}"),
                format!("rule_type={rule}|{kind}"),
                format!("rule_side={rule}|{side}"),
                format!("kind_side={actor_kind}|{side}"),
                format!("type_side={kind}|{side}"),
                format!("kind_rule={actor_kind}|{rule}"),
                format!("order={}", if order == 0 { "first" } else { "later" }),
                format!("actors={actors}"),
                format!("trigger={trigger}"),
            ];
            if let Some(w) = s.words_before(e.start, 1).into_iter().next() {
                f.push(format!("prev={w}"));
            }
            if let Some(c) = e
                .start
                .checked_sub(1)
                .and_then(|i| s.ntext.chars().nth(i))
                .filter(|c| rasid_text::script::is_letter(*c))
            {
                f.push(format!("glued={c}"));
            }
            if e.personnel {
                f.push("flag=personnel".to_string());
            }
            if e.adjective_of_act {
                f.push("flag=adjective_of_act".to_string());
            }
            RoleRead {
                actor: e.id.clone(),
                features: f,
            }
        })
        .collect()
}

/// One actor's doer and party probabilities.
fn probabilities<'r>(reads: &'r [RoleRead], models: &RoleModels) -> Vec<(&'r str, f64, f64)> {
    reads
        .iter()
        .map(|r| {
            let on = || r.features.iter().map(String::as_str);
            (
                r.actor.as_str(),
                f64::from(models.doer.score(on())),
                f64::from(models.party.score(on())),
            )
        })
        .collect()
}

/// Drop the rules' parties the party model thinks are none.
fn drop_non_parties(roles: &mut Roles, probs: &[(&str, f64, f64)], models: &RoleModels) {
    let keep = |id: &String| {
        probs
            .iter()
            .find(|(a, _, _)| *a == id)
            .is_none_or(|(_, _, p)| *p >= models.decide.drop_below)
    };
    roles.initiators.retain(keep);
    roles.targets.retain(keep);
    roles.others.retain(keep);
}

/// Put the actor the doer model is surest of (among those the party model keeps) in the
/// doer's place when it beats the rules' doer by the margin; the rules' doer stays a party
/// acted on when the party model keeps it.
fn replace_doer(roles: &mut Roles, probs: &[(&str, f64, f64)], models: &RoleModels) {
    let d = &models.decide;
    // an actor the party model drops is no one's doer
    let Some(&(best, p_best, _)) = probs
        .iter()
        .filter(|(_, _, party)| *party >= d.drop_below)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, p, _)| *p > d.doer_above)
    else {
        return;
    };
    let current = roles.initiators.first().cloned();
    if current.as_deref() == Some(best) {
        return;
    }
    let p_of = |id: &str| probs.iter().find(|(a, _, _)| *a == id);
    if let Some(cur) = current.as_deref().and_then(p_of) {
        if p_best - cur.1 <= d.margin {
            return;
        }
    }
    roles.targets.retain(|x| x != best);
    roles.others.retain(|x| x != best);
    roles.mediators.retain(|x| x != best);
    roles.initiators.retain(|x| x != best);
    roles.initiators.insert(0, best.to_string());
    if let Some(cur) = current {
        roles.initiators.retain(|x| *x != cur);
        if p_of(&cur).is_some_and(|(_, _, p)| *p >= d.drop_below) {
            roles.targets.insert(0, cur);
        }
    }
}

/// Apply the layer to a trigger's roles.
pub(crate) fn revise(roles: &mut Roles, reads: &[RoleRead], models: &RoleModels) {
    if !models.active() || reads.is_empty() {
        return;
    }
    let probs = probabilities(reads, models);
    drop_non_parties(roles, &probs, models);
    replace_doer(roles, &probs, models);
}

/// The doers and the other parties of roles, as a reading records them.
fn sides(roles: &Roles, symmetric: bool) -> (Vec<String>, Vec<String>) {
    let mut parties = roles.targets.clone();
    if symmetric {
        parties.extend(roles.others.iter().cloned());
    }
    (roles.initiators.clone(), parties)
}

/// What a trigger's reading records: where, which trigger, the rules' roles and the kept
/// ones, and the features.
pub(crate) struct ReadingParts<'a> {
    pub s: &'a SentenceView,
    pub kind: &'a str,
    pub trigger: String,
    pub symmetric: bool,
    pub rule: &'a Roles,
    pub kept: &'a Roles,
    pub reads: Vec<RoleRead>,
}

/// The reading of one trigger.
pub(crate) fn reading(p: ReadingParts<'_>) -> RoleReading {
    let (rule_doers, rule_parties) = sides(p.rule, p.symmetric);
    let (doers, parties) = sides(p.kept, p.symmetric);
    RoleReading {
        article: 0,
        sentence_start: p.s.span.start,
        sentence_end: p.s.span.end,
        sentence: p.s.text.clone(),
        event_type: p.kind.to_string(),
        trigger: p.trigger,
        rule_doers,
        rule_parties,
        doers,
        parties,
        reads: p.reads,
    }
}
