//! Events of an article: a trigger from `kb/events.toml` in a sentence that names
//! at least one actor becomes an event of the trigger's type. Its arguments come from the
//! same sentence: actors and their roles (markers such as «على», «ضد», «من قبل», else the
//! trigger's default grammar), the most specific place, the sentence's date (else the
//! article's), casualties (ACLED's conservative counting) and modality («تبنى», «مصادر»,
//! «من المرجح», «يخطط», «نفى»). A negated trigger («لم يهاجم») gives no event. Sentences
//! reporting the same event (same type, shared actor, compatible place and date) merge
//! into one event that keeps every sentence as evidence.

mod arguments;
mod merge;
mod sentence;

pub use sentence::{ArticleFacts, EntityRef, SentenceView};

use rasid_kb::{Kb, TriggerRoles, MODALITIES};
use rasid_model::{ActorKind, Event, Evidence};

use arguments::{casualties, pick_place, roles_of};

/// One candidate event read from one sentence.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub event: Event,
    /// Actor ids by role, for relations.
    pub initiators: Vec<String>,
    pub targets: Vec<String>,
    pub mediators: Vec<String>,
    /// Actors of the clause with no marked role.
    pub others: Vec<String>,
    /// A clash: the initiator against all others.
    pub mutual: bool,
    /// Place country, for merging a country-level place into a finer one.
    pub place_country: Option<String>,
    pub place_is_country: bool,
}

/// Recognise the events of one article; also returns the role-labelled candidates (after
/// merging) that relations are read from.
pub(crate) fn recognize_events(
    sentences: &[SentenceView],
    published: Option<&str>,
    kb: &Kb,
) -> Vec<Candidate> {
    let lex = &kb.events;
    let mut out: Vec<Candidate> = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    let state_force = main_state_force(sentences);
    for s in sentences {
        let before = std::mem::replace(
            &mut previous,
            s.entities.iter().map(|e| e.id.clone()).collect(),
        );
        if s.entities.is_empty() {
            continue;
        }
        let modality_cues = lex.modality.find(&s.ntext);
        let bystanders = lex.bystander_markers.find(&s.ntext);
        let adversaries = lex.adversary_markers.find(&s.ntext);
        let attributions = lex.attribution_markers.find(&s.ntext);
        let speech = lex.speech_verbs.find(&s.ntext);
        let state_agent_words = lex.state_agent_words.find(&s.ntext);
        let mut seen_types: Vec<&str> = Vec::new();
        let excluded = lex.exclusions.find(&s.ntext);
        for t in lex.triggers.find(&s.ntext) {
            if excluded
                .iter()
                .any(|x| x.start <= t.start && t.end <= x.end)
                || s.inside_name(t.start, t.end)
            {
                continue;
            }
            let Some(def) = lex.def(t.payload) else {
                continue;
            };
            if seen_types.contains(&def.kind.as_str()) || s.negated(t.start, lex) {
                continue;
            }
            // a group's media outlet reports and claims; it is not a party; nor is the
            // opponent of those who support each other («ودعم حربه ضد داعش»), nor who
            // reports the event («بحسب الجيش», «قال المرصد … إن»)
            let cooperative = lex.cooperative.contains(&def.kind);
            let entities: Vec<EntityRef> = s
                .clause_entities(t.start)
                .into_iter()
                .filter(|e| e.kind != ActorKind::Media && !s.follows(e.start, &bystanders))
                .filter(|e| !(cooperative && s.follows(e.start, &adversaries)))
                .filter(|e| {
                    let reporter = s.follows(e.start, &attributions)
                        || (e.kind == ActorKind::Organization && s.follows(e.start, &speech));
                    !reporter
                })
                .collect();
            // «ضربات أمنية»: the doer is the state's forces
            let implicit_agent = state_force.filter(|_| {
                !cooperative
                    && state_agent_words
                        .iter()
                        .any(|m| m.start >= t.end && s.words_between(t.end, m.start) == 0)
            });
            let mut roles = roles_of(s, &entities, t.end, def.roles, implicit_agent);
            // «مفاوضات بين الطرفين بوساطة …»: the parties are those of the sentence before
            let parties = roles.initiators.len() + roles.targets.len() + roles.others.len();
            if parties < 2 && !lex.party_anaphora.find(&s.ntext).is_empty() {
                for id in before.iter().filter(|id| !roles.mediators.contains(id)) {
                    let known = roles.initiators.contains(id) || roles.others.contains(id);
                    if !known && roles.initiators.len() + roles.others.len() < 2 {
                        if roles.initiators.is_empty() {
                            roles.initiators.push(id.clone());
                        } else {
                            roles.others.push(id.clone());
                        }
                    }
                }
            }
            let actors = party_order(
                [
                    &roles.initiators,
                    &roles.targets,
                    &roles.others,
                    &roles.mediators,
                ],
                &[],
            );
            // an arrest names who was arrested; an attack or a meeting needs its doer
            if actors.is_empty()
                || (def.roles == TriggerRoles::Subject
                    && roles.initiators.is_empty()
                    && roles.targets.is_empty()
                    && roles.others.is_empty())
            {
                continue;
            }
            let sides = roles.initiators.len() + roles.targets.len() + roles.others.len();
            if sides < 2 && lex.two_sided.contains(&def.kind) {
                continue;
            }
            seen_types.push(def.kind.as_str());
            // planning, denial, belief and likelihood bear on what follows them («كانت تخطط
            // لتنفيذ هجمات»); a claim may come before or after its act
            let modality = modality_cues
                .iter()
                .filter(|m| m.end <= t.start || MODALITIES.get(m.payload) == Some(&"claimed"))
                .map(|m| m.payload)
                .min()
                .and_then(|k| MODALITIES.get(k).copied())
                .unwrap_or("reported");
            let place = pick_place(s, t.start);
            if place.is_none() && lex.needs_place.contains(&def.kind) {
                continue;
            }
            let (date, date_end) = s.date().unwrap_or((None, None));
            let (killed, injured) = casualties(s, lex);
            let claimed_by = (modality == "claimed")
                .then(|| s.claimant(&roles.initiators, kb))
                .flatten();
            let trigger_text: String = s
                .ntext
                .chars()
                .skip(t.start)
                .take(t.end - t.start)
                .collect();
            let evidence = Evidence {
                text: s.text.clone(),
                start: s.span.start,
                end: s.span.end,
                rule: format!("event:trigger «{trigger_text}»"),
            };
            out.push(Candidate {
                event: Event {
                    kind: def.kind.clone(),
                    subtype: def.subtype.clone(),
                    actors,
                    place: place.as_ref().map(|p| p.name.clone()),
                    date,
                    date_end,
                    killed,
                    injured,
                    modality: modality.to_string(),
                    claimed_by,
                    evidence: evidence.clone(),
                    mentions: vec![evidence],
                },
                initiators: roles.initiators,
                targets: roles.targets,
                mediators: roles.mediators,
                others: roles.others,
                mutual: def.roles == TriggerRoles::Mutual,
                place_country: place.as_ref().and_then(|p| p.country.clone()),
                place_is_country: place.as_ref().is_some_and(|p| p.is_country),
            });
        }
    }
    let mut merged = merge::merge(out);
    // an event whose sentences give no date happened, as far as the text says, when the
    // article was published
    for c in &mut merged {
        if c.event.date.is_none() {
            c.event.date = published.map(str::to_string);
        }
    }
    merged
}

/// The state force the article names most (first named on a tie): the doer of an attack
/// by «the security forces» that names none.
fn main_state_force(sentences: &[SentenceView]) -> Option<&str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for e in sentences
        .iter()
        .flat_map(|s| &s.entities)
        .filter(|e| e.kind == ActorKind::StateForce)
    {
        match counts.iter_mut().find(|(id, _)| *id == e.id) {
            Some(c) => c.1 += 1,
            None => counts.push((e.id.as_str(), 1)),
        }
    }
    counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
        .map(|(_, (id, _))| *id)
}

/// Actor ids in event order: the doer first, then those acted on, the rest, mediators,
/// then any `extra` not yet listed; each once.
pub(crate) fn party_order(lists: [&[String]; 4], extra: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in lists.into_iter().flatten().chain(extra) {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// Roles of the actors of one trigger.
#[derive(Debug, Default)]
pub(crate) struct Roles {
    pub initiators: Vec<String>,
    pub targets: Vec<String>,
    pub mediators: Vec<String>,
    pub others: Vec<String>,
}
