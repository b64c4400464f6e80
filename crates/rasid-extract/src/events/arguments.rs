//! An event's arguments from its sentence: actors by role, place, casualties.

use rasid_kb::{CasualtyCue, EventLexicon, PhraseMatch, TriggerRoles};
use rasid_model::ActorKind;

use super::sentence::{EntityRef, PlaceRef, Role, SentenceView};
use super::Roles;

/// How many words may stand between a marker and the actor it governs («على مواقع تنظيم
/// القاعدة»: «مواقع» between «على» and the name).
const MARKER_REACH_WORDS: usize = 2;
/// A mediator is often named further from its marker («بوساطة قطرية عبر هيئة الهلال الأحمر»).
const MEDIATOR_REACH_WORDS: usize = 4;
/// «بين» after a clash's trigger introduces its two sides.
const BETWEEN: &str = "بين";
/// How many words may stand between a casualty cue and its number («مقتل ما يزيد عن 10»).
const CASUALTY_REACH_WORDS: usize = 3;

fn marker_role(
    s: &SentenceView,
    entities: &[EntityRef],
    e_start: usize,
    markers: &[(PhraseMatch, Role)],
) -> Option<Role> {
    markers
        .iter()
        .filter(|(m, r)| {
            let reach = if *r == Role::Mediator {
                MEDIATOR_REACH_WORDS
            } else {
                MARKER_REACH_WORDS
            };
            m.end <= e_start && s.words_between(m.end, e_start) <= reach
        })
        .filter(|(m, _)| {
            !entities
                .iter()
                .any(|o| o.start >= m.end && o.end <= e_start)
        })
        .max_by_key(|(m, _)| m.end)
        .map(|(_, r)| *r)
}

/// The roles of the sentence's actors for the trigger at `[t_start, t_end)`.
pub(crate) fn roles_of(
    s: &SentenceView,
    entities: &[EntityRef],
    t_end: usize,
    default: TriggerRoles,
    implicit_agent: Option<&str>,
) -> Roles {
    let markers = &s.markers;
    let mut roles = Roles::default();
    // «معارك بين الجيش اللبناني ومسلحين قدموا من سوريا»: a clash «بين X وY» is between X and
    // Y only (an unnamed Y leaves X alone)
    let between = (default == TriggerRoles::Mutual)
        .then(|| {
            s.words_after(t_end, 2)
                .into_iter()
                .find(|(_, _, w)| w == BETWEEN)
                .map(|(_, end, _)| end)
        })
        .flatten();
    let narrowed: Vec<EntityRef>;
    let entities = match between {
        Some(b) => {
            let mut after = entities.iter().filter(|e| e.start >= b);
            let first = after
                .next()
                .filter(|e| s.words_between(b, e.start) <= MARKER_REACH_WORDS);
            let second = after.next();
            narrowed = match (first, second) {
                (Some(x), Some(y)) if s.joined_by_and(x.end, y.start) => vec![x.clone(), y.clone()],
                (Some(x), _) => vec![x.clone()],
                _ => Vec::new(),
            };
            if narrowed.is_empty() {
                entities
            } else {
                &narrowed
            }
        }
        None => entities,
    };
    // «ضربات أمنية»: the state's forces, named or not in the sentence
    if let Some(agent) = implicit_agent {
        roles.initiators.push(agent.to_string());
    }
    let mut unassigned: Vec<(usize, &str, ActorKind)> = Vec::new();
    let mut partners: Vec<&str> = Vec::new();
    let push = |list: &mut Vec<String>, id: &str| {
        if !list.iter().any(|x| x == id) {
            list.push(id.to_string());
        }
    };
    let mut previous: Option<(&EntityRef, Option<Role>)> = None;
    for e in entities {
        // «على مواقع حزب الله والقوات النظامية»: an actor listed after a marked one shares
        // its mark
        let role = marker_role(s, entities, e.start, markers).or_else(|| {
            previous
                .filter(|(p, _)| s.coordinated(p.end, e.start))
                .and_then(|(_, r)| r)
        });
        previous = Some((e, role));
        match role {
            Some(Role::Target) => push(&mut roles.targets, &e.id),
            Some(Role::Initiator) => push(&mut roles.initiators, &e.id),
            Some(Role::Mediator) => push(&mut roles.mediators, &e.id),
            Some(Role::Partner) => partners.push(&e.id),
            None => unassigned.push((e.start, e.id.as_str(), e.kind)),
        }
    }
    match default {
        TriggerRoles::Subject | TriggerRoles::Mutual => {
            // the doer is the first actor of the sentence not marked otherwise (the subject
            // before the trigger, or right after a verb-first trigger)
            for (_, id, _) in &unassigned {
                if roles.initiators.is_empty() {
                    push(&mut roles.initiators, id);
                } else {
                    push(&mut roles.others, id);
                }
            }
        }
        TriggerRoles::Object => {
            // states and their forces do the arresting; groups are arrested
            for (start, id, kind) in &unassigned {
                let authority = kind.is_state_side();
                if authority && !(*start >= t_end && s.words_between(t_end, *start) <= 1) {
                    push(&mut roles.initiators, id);
                } else {
                    push(&mut roles.targets, id);
                }
            }
        }
    }
    // «بمشاركة قوات الحشد الشعبي»: with the doer, after it
    for id in partners {
        push(&mut roles.initiators, id);
    }
    // coordinated actors share a role: «شنت قوات النيجر وتشاد هجوما»
    for pair in entities.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if !s.coordinated(a.end, b.start) || !roles.others.contains(&b.id) {
            continue;
        }
        let side = if roles.initiators.contains(&a.id) {
            Some(&mut roles.initiators)
        } else if roles.targets.contains(&a.id) {
            Some(&mut roles.targets)
        } else {
            None
        };
        if let Some(list) = side {
            push(list, &b.id);
            roles.others.retain(|x| x != &b.id);
        }
    }
    // one role per actor: the doer wins
    let initiators = roles.initiators.clone();
    roles.targets.retain(|x| !initiators.contains(x));
    roles
        .others
        .retain(|x| !initiators.contains(x) && !roles.targets.contains(x));
    let parties: Vec<String> = initiators
        .iter()
        .chain(&roles.targets)
        .chain(&roles.others)
        .cloned()
        .collect();
    roles.mediators.retain(|x| !parties.contains(x));
    roles
}

/// The event's place: the first specific place after the trigger, else the nearest before
/// it; a country only when the sentence names nothing finer.
pub(crate) fn pick_place(s: &SentenceView, t_start: usize) -> Option<PlaceRef> {
    let after = |fine: bool| {
        s.places
            .iter()
            .find(|p| p.start >= t_start && p.is_country != fine)
    };
    let before = |fine: bool| {
        s.places
            .iter()
            .rev()
            .find(|p| p.start < t_start && p.is_country != fine)
    };
    after(true)
        .or_else(|| before(true))
        .or_else(|| after(false))
        .or_else(|| before(false))
        .cloned()
}

/// Killed and injured counts stated in the sentence. A combined figure («مقتل وإصابة ما
/// يزيد عن 10») counts neither.
pub(crate) fn casualties(s: &SentenceView, lex: &EventLexicon) -> (Option<u32>, Option<u32>) {
    let cues = lex.casualties.find(&s.ntext);
    let after = |end: usize| {
        s.numbers
            .iter()
            .find(|n| n.0 >= end && s.words_between(end, n.0) <= CASUALTY_REACH_WORDS)
    };
    let before = |start: usize| {
        s.numbers
            .iter()
            .rev()
            .find(|n| n.1 <= start && s.words_between(n.1, start) == 0)
    };
    let combined: Vec<usize> = cues
        .iter()
        .filter(|c| CasualtyCue::from_payload(c.payload) == Some(CasualtyCue::Combined))
        .filter_map(|c| after(c.end).or_else(|| before(c.start)).map(|n| n.0))
        .collect();
    let (mut killed, mut injured): (Option<u32>, Option<u32>) = (None, None);
    for c in &cues {
        let n = match CasualtyCue::from_payload(c.payload) {
            Some(CasualtyCue::Killed | CasualtyCue::Injured) => after(c.end),
            Some(CasualtyCue::KilledAfter | CasualtyCue::InjuredAfter) => before(c.start),
            _ => None,
        };
        let Some(n) = n.filter(|n| !combined.contains(&n.0)) else {
            continue;
        };
        let v = u32::try_from(n.2).unwrap_or(u32::MAX);
        let slot = match CasualtyCue::from_payload(c.payload) {
            Some(CasualtyCue::Killed | CasualtyCue::KilledAfter) => &mut killed,
            _ => &mut injured,
        };
        *slot = Some(slot.map_or(v, |k| k.max(v)));
    }
    (killed, injured)
}
