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
/// How far after a casualty cue its victims are named («مقتل ستة من عناصر مليشيا …»).
const VICTIM_REACH_WORDS: usize = 4;
/// How far after a trigger its subject may stand («هاجم مسلحون من داعش», «الهجمات الدامية
/// لبوكو حرام»: two words between).
const SUBJECT_AFTER_WORDS: usize = 2;
/// How far before an attack's trigger its repel word may stand («صدت قوات الجيش العراقي
/// هجوما»: the defender's name between).
const REPEL_REACH_WORDS: usize = 4;
/// How far after a verb its unmarked object may stand («استهدفت طائرات التحالف مواقع …»).
const OBJECT_REACH_WORDS: usize = 4;

/// The role a marker gives the actor at `e_start`: the nearest marker before it (no other
/// actor between). A target marker («على», «ضد», «عن») governs only after the trigger
/// starting at `t_start` («كشفت عن هجوم داعش» does not make داعش its target).
fn marker_role(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, e_start): (usize, usize),
    markers: &[(PhraseMatch, Role)],
    lex: &EventLexicon,
) -> Option<Role> {
    markers
        .iter()
        .filter(|(m, r)| *r != Role::Target || m.start >= t_start)
        .filter(|(m, r)| {
            let reach = if *r == Role::Mediator {
                MEDIATOR_REACH_WORDS
            } else {
                MARKER_REACH_WORDS
            };
            m.end <= e_start && content_words_between(s, m.end, e_start, lex) <= reach
        })
        .filter(|(m, _)| {
            !entities
                .iter()
                .any(|o| o.start >= m.end && o.end <= e_start)
        })
        .max_by_key(|(m, _)| m.end)
        .map(|(_, r)| match r {
            Role::Patient => Role::Target,
            r => *r,
        })
}

/// «صد الجيش هجوما لداعش», «تصدت قوات الجيش لهجوم»: the actors of the clause before the
/// trigger, when a repel word stands at most a few words before it, defended; they are acted on, and the attack is by whoever is named after the trigger.
fn defenders(
    s: &SentenceView,
    entities: &[EntityRef],
    t_start: usize,
    lex: &EventLexicon,
) -> Vec<usize> {
    let (clause_start, _) = s.clause(t_start);
    let repelled = lex.repel_words.find(&s.ntext).into_iter().any(|m| {
        m.start >= clause_start
            && m.end <= t_start
            && content_words_between(s, m.end, t_start, lex) <= REPEL_REACH_WORDS
    });
    if !repelled {
        return Vec::new();
    }
    entities
        .iter()
        .filter(|e| e.start >= clause_start && e.end <= t_start)
        .map(|e| e.start)
        .collect()
}

/// Words between `from` and `to` other than numbers and member words («عن 20 من عناصر X»:
/// none).
fn content_words_between(s: &SentenceView, from: usize, to: usize, lex: &EventLexicon) -> usize {
    if s.words_between(from, to) == 0 {
        return 0;
    }
    let numbers = s
        .numbers
        .iter()
        .filter(|n| n.0 >= from && n.1 <= to)
        .count();
    let members = s
        .words_between_list(from, to)
        .iter()
        .filter(|w| lex.member_words.contains(*w))
        .count();
    s.words_between(from, to).saturating_sub(numbers + members)
}

/// The actors of the sentence that suffered: right after a killed or injured cue, with only
/// a number or a `member_words` word between («مقتل ستة من عناصر الحشد», «إصابة 12 من رجال
/// الأمن»). They are acted on, never the doer.
pub(crate) fn victim_starts(
    s: &SentenceView,
    entities: &[EntityRef],
    lex: &EventLexicon,
) -> Vec<usize> {
    let cues: Vec<PhraseMatch> = lex
        .casualties
        .find(&s.ntext)
        .into_iter()
        .filter(|c| {
            matches!(
                CasualtyCue::from_payload(c.payload),
                Some(CasualtyCue::Killed | CasualtyCue::Injured | CasualtyCue::Combined)
            )
        })
        .collect();
    entities
        .iter()
        .filter(|e| {
            cues.iter().any(|c| {
                if c.end > e.start || s.words_between(c.end, e.start) > VICTIM_REACH_WORDS {
                    return false;
                }
                let numbered = s.numbers.iter().any(|n| n.0 >= c.end && n.1 <= e.start);
                let between = s.words_between_list(c.end, e.start);
                let linked = between.iter().any(|w| lex.member_words.contains(w));
                between.is_empty() || numbered || linked
            })
        })
        .map(|e| e.start)
        .collect()
}

/// «السلطات السعودية التي اعتقلت …», «مسلحو داعش قاموا باعتقال …»: the actor right before
/// a doer link (a relative pronoun, a light verb) that stands right before the trigger at
/// `t_start` is its doer.
fn linked_doer<'e>(
    s: &SentenceView,
    entities: &'e [EntityRef],
    t_start: usize,
    lex: &EventLexicon,
) -> Option<&'e EntityRef> {
    let link = lex
        .doer_links
        .find(&s.ntext)
        .into_iter()
        .filter(|m| m.end <= t_start && s.words_between(m.end, t_start) <= 1)
        .max_by_key(|m| m.end)?;
    entities
        .iter()
        .rev()
        .find(|e| e.end <= link.start && s.words_between(e.end, link.start) <= 2)
}

/// What the trigger's grammar says about the actors no marker decides.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grammar {
    pub default: TriggerRoles,
    /// A meeting or an agreement: every party is a party, none acted on.
    pub symmetric: bool,
    /// A suicide or roadside bombing: word order alone never makes a state side its doer.
    pub insurgent: bool,
}

/// The roles of the sentence's actors for the trigger at `[t_start, t_end)`.
pub(crate) fn roles_of(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, t_end): (usize, usize),
    grammar: Grammar,
    implicit_agent: Option<&str>,
    lex: &EventLexicon,
) -> Roles {
    let markers = &s.markers;
    let mut roles = Roles::default();
    let narrowed: Vec<EntityRef>;
    let sides = clash_sides(s, entities, t_end, grammar.default);
    let two_sides_named = sides.is_some();
    let entities = match sides {
        Some(sides) => {
            narrowed = sides;
            &narrowed
        }
        None => entities,
    };
    // «ضربات أمنية»: the state's forces, named or not in the sentence
    if let Some(agent) = implicit_agent {
        roles.initiators.push(agent.to_string());
    }
    let mut victims = victim_starts(s, entities, lex);
    victims.extend(defenders(s, entities, t_start, lex));
    let relative = linked_doer(s, entities, t_start, lex).map(|e| e.start);
    let mut unassigned: Vec<(usize, &str, ActorKind)> = Vec::new();
    let mut partners: Vec<&str> = Vec::new();
    let mut previous: Option<(&EntityRef, Option<Role>)> = None;
    for e in entities {
        // «على مواقع حزب الله والقوات النظامية»: an actor listed after a marked one shares
        // its mark
        let role = marker_role(s, entities, (t_start, e.start), markers, lex)
            .or_else(|| (relative == Some(e.start)).then_some(Role::Initiator))
            .or_else(|| victims.contains(&e.start).then_some(Role::Target))
            .or_else(|| {
                previous
                    .filter(|(p, _)| s.coordinated(p.end, e.start))
                    .and_then(|(_, r)| r)
            });
        previous = Some((e, role));
        match role {
            Some(Role::Target | Role::Patient) => push(&mut roles.targets, &e.id),
            Some(Role::Initiator) => push(&mut roles.initiators, &e.id),
            Some(Role::Mediator) => push(&mut roles.mediators, &e.id),
            Some(Role::Partner) => partners.push(&e.id),
            None => unassigned.push((e.start, e.id.as_str(), e.kind)),
        }
    }
    match grammar.default {
        TriggerRoles::Subject | TriggerRoles::Mutual => {
            subject_first(s, &unassigned, (t_start, t_end), grammar, &mut roles)
        }
        TriggerRoles::Object => {
            let with_ends: Vec<(usize, &str, ActorKind, usize)> = unassigned
                .iter()
                .map(|(start, id, kind)| {
                    let end = entities
                        .iter()
                        .find(|e| e.start == *start)
                        .map_or(*start, |e| e.end);
                    (*start, *id, *kind, end)
                })
                .collect();
            authority_first(s, &with_ends, (t_start, t_end), lex, &mut roles)
        }
        TriggerRoles::Patient => {
            for (_, id, _) in &unassigned {
                push(&mut roles.targets, id);
            }
        }
    }
    // «بمشاركة قوات الحشد الشعبي»: with the doer, after it
    for id in partners {
        push(&mut roles.initiators, id);
    }
    // «اشتباكات بين X وY»: Y is the other side, however far from the trigger
    if two_sides_named {
        let others = std::mem::take(&mut roles.others);
        for id in &others {
            push(&mut roles.targets, id);
        }
    }
    share_coordinated_roles(s, entities, &mut roles);
    if grammar.default == TriggerRoles::Mutual {
        inflicting_side_first(entities, &victims, &mut roles);
    }
    one_role_each(&mut roles);
    roles
}

/// «قتل ستة من الحشد في اشتباك مع مقاتلي داعش»: in a clash whose only stated losses are one
/// side's, the other side is the one that inflicted them.
fn inflicting_side_first(entities: &[EntityRef], victims: &[usize], roles: &mut Roles) {
    if !roles.initiators.is_empty() || victims.is_empty() {
        return;
    }
    let suffered = |id: &String| {
        entities
            .iter()
            .any(|e| &e.id == id && victims.contains(&e.start))
    };
    let (hurt, other): (Vec<String>, Vec<String>) =
        roles.targets.iter().cloned().partition(|id| suffered(id));
    if !hurt.is_empty() && !other.is_empty() {
        roles.initiators = other;
        roles.targets = hurt;
    }
}

fn push(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|x| x == id) {
        list.push(id.to_string());
    }
}

/// «معارك بين الجيش اللبناني ومسلحين قدموا من سوريا»: a clash «بين X وY» is between X and Y
/// only (an unnamed Y leaves X alone). `None` when the trigger has no «بين».
fn clash_sides(
    s: &SentenceView,
    entities: &[EntityRef],
    t_end: usize,
    default: TriggerRoles,
) -> Option<Vec<EntityRef>> {
    if default != TriggerRoles::Mutual {
        return None;
    }
    let b = s
        .words_after(t_end, 2)
        .into_iter()
        .find(|(_, _, w)| w == BETWEEN)
        .map(|(_, end, _)| end)?;
    let mut after = entities.iter().filter(|e| e.start >= b);
    let first = after
        .next()
        .filter(|e| s.words_between(b, e.start) <= MARKER_REACH_WORDS);
    let second = after.next();
    let sides = match (first, second) {
        (Some(x), Some(y)) if s.joined_by_and(x.end, y.start) => vec![x.clone(), y.clone()],
        (Some(x), _) => vec![x.clone()],
        _ => Vec::new(),
    };
    (!sides.is_empty()).then_some(sides)
}

/// Subject-first grammar: the doer is the first actor no marker decides, before the trigger
/// («داعش يهاجم») or right after it («هاجم مسلحو داعش», «هجوم داعش»), else the first one
/// of the clause (measured on the tuning gold: news names the doer first far more often than
/// it names only the victim); the next one after the trigger is the one acted on
/// («استهدف الطيران مواقع …»). A meeting's or an agreement's actors are all parties. Any
/// further actor of the clause is only mentioned: it stays out of the event.
fn subject_first(
    s: &SentenceView,
    unassigned: &[(usize, &str, ActorKind)],
    (t_start, t_end): (usize, usize),
    grammar: Grammar,
    roles: &mut Roles,
) {
    let symmetric = grammar.symmetric;
    let may_do = |kind: &ActorKind| !(grammar.insurgent && kind.is_state_side());
    // the earliest actor before the trigger or right after it, else the first one at all
    // that is not acted on elsewhere in the clause
    let subject = unassigned
        .iter()
        .filter(|(_, _, kind)| may_do(kind))
        .find(|(start, _, _)| {
            *start < t_start || s.words_between(t_end, *start) <= SUBJECT_AFTER_WORDS
        })
        .or_else(|| {
            unassigned
                .iter()
                .filter(|(_, _, kind)| may_do(kind))
                .find(|(_, id, _)| !roles.targets.iter().any(|t| t == id))
        });
    if roles.initiators.is_empty() {
        if let Some((_, id, _)) = subject {
            push(&mut roles.initiators, id);
        }
    }
    for (start, id, _) in unassigned {
        if roles.initiators.iter().any(|x| x == id) {
            continue;
        }
        if symmetric {
            push(&mut roles.others, id);
        } else if roles.targets.is_empty()
            && *start >= t_end
            && s.words_between(t_end, *start) <= OBJECT_REACH_WORDS
        {
            push(&mut roles.targets, id);
        } else {
            push(&mut roles.others, id);
        }
    }
}

/// Object-first grammar (an arrest): states and their forces do the arresting, and so does
/// any actor that is the subject right before the trigger («النصرة تعتقل», «حماس تعتقل
/// نشطاء») unless a passive stands between («عناصر من داعش تم اعتقالهم»); the others are
/// arrested, as is a state-side actor right after the trigger («اعتقال ضابط في الجيش»).
fn authority_first(
    s: &SentenceView,
    unassigned: &[(usize, &str, ActorKind, usize)],
    (t_start, t_end): (usize, usize),
    lex: &EventLexicon,
    roles: &mut Roles,
) {
    for (start, id, kind, end) in unassigned {
        let subject = *end <= t_start
            && s.words_between(*end, t_start) <= 1
            && !s
                .words_between_list(*end, t_start)
                .iter()
                .any(|w| lex.passive_words.contains(w));
        let authority = kind.is_state_side() || subject;
        if authority && !(*start >= t_end && s.words_between(t_end, *start) <= 1) {
            push(&mut roles.initiators, id);
        } else {
            push(&mut roles.targets, id);
        }
    }
}

/// Coordinated actors share a role: «شنت قوات النيجر وتشاد هجوما».
fn share_coordinated_roles(s: &SentenceView, entities: &[EntityRef], roles: &mut Roles) {
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
}

/// One role per actor: the doer wins, then the one acted on.
fn one_role_each(roles: &mut Roles) {
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
}

/// The event's place: in the trigger's clause first (a two-event sentence has a place for
/// each), the first town after the trigger, else the nearest before it; a province or
/// district only when no town is named, a country only when nothing finer is.
pub(crate) fn pick_place(s: &SentenceView, t_start: usize) -> Option<PlaceRef> {
    let (c_start, c_end) = s.clause(t_start);
    let in_clause: Vec<PlaceRef> = s
        .places
        .iter()
        .filter(|p| p.start >= c_start && p.start < c_end)
        .cloned()
        .collect();
    nearest_place(&in_clause, t_start).or_else(|| nearest_place(&s.places, t_start))
}

fn nearest_place(places: &[PlaceRef], t_start: usize) -> Option<PlaceRef> {
    // towns first, then regions, then countries; in each, after the trigger then before it
    let tier = |p: &PlaceRef| match (p.is_country, p.is_region) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 0,
    };
    (0..3).find_map(|t| {
        places
            .iter()
            .find(|p| p.start >= t_start && tier(p) == t)
            .or_else(|| {
                places
                    .iter()
                    .rev()
                    .find(|p| p.start < t_start && tier(p) == t)
            })
            .cloned()
    })
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
