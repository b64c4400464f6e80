//! Relations of an article: the actor graph's edges, each with every sentence
//! that supports it. Three sources:
//! * events: an attack, arrest or takeover makes its initiator HOSTILE to its targets,
//!   support makes them ALLY, a pledge AFFILIATE, a defection DEFECT, and a mediator of a
//!   meeting or an agreement MEDIATEs with each party;
//! * statements: a relation cue of `kb/events.toml` («تحالف», «انشق عن», «الذراع الإعلامي»)
//!   between two actors of a sentence;
//! * persons: a person's role word and affiliation («أمير تنظيم …», «القيادي في …») give
//!   LEADS or MEMBER.

use std::collections::HashMap;

use rasid_kb::Kb;
use rasid_model::{Actor, ActorKind, Evidence, Relation};

use crate::events::{Candidate, EntityRef, SentenceView};

/// «بين X وY»: the two actors after it are a pair.
const BETWEEN: &str = "بين";
/// How far (in words) a relation cue reaches for its two actors.
const CUE_REACH_WORDS: usize = 8;

struct Graph<'k> {
    kb: &'k Kb,
    /// Actor kinds of the article.
    kinds: HashMap<String, ActorKind>,
    edges: Vec<Relation>,
    index: HashMap<(String, String, String), usize>,
}

fn symmetric(kind: &str) -> bool {
    matches!(kind, "ALLY" | "HOSTILE")
}

impl<'k> Graph<'k> {
    /// Is one of the two a branch, unit or parent of the other? Kin are not allies or
    /// enemies of each other.
    fn kin(&self, a: &str, b: &str) -> bool {
        let d = &self.kb.actors;
        match (d.index_of(a), d.index_of(b)) {
            (Some(i), Some(j)) => d.descends_from(i, j) || d.descends_from(j, i),
            _ => false,
        }
    }

    /// Are both a state or its forces, of the same country (the Iraqi army and Iraq's
    /// security forces)? They are one side.
    fn one_state(&self, a: &str, b: &str) -> bool {
        let d = &self.kb.actors;
        let state = |id: &str| {
            d.index_of(id)
                .and_then(|i| d.get(i))
                .filter(|x| x.kind.is_state_side())
                .map(|x| x.countries.clone())
        };
        match (state(a), state(b)) {
            (Some(x), Some(y)) => x.len() == 1 && x == y,
            _ => false,
        }
    }

    fn add(&mut self, kind: &str, a: &str, b: &str, evidence: Evidence) {
        if a == b || (kind != "AFFILIATE" && self.kin(a, b)) {
            return;
        }
        if kind == "HOSTILE" && self.one_state(a, b) {
            return;
        }
        // a group is a branch of a group, not of a country («فرع القاعدة في اليمن»)
        if kind == "AFFILIATE" && self.kinds.get(b) == Some(&ActorKind::State) {
            return;
        }
        let (x, y) = if symmetric(kind) && b < a {
            (b, a)
        } else {
            (a, b)
        };
        let key = (kind.to_string(), x.to_string(), y.to_string());
        let slot = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                self.edges.push(Relation {
                    a: a.to_string(),
                    b: b.to_string(),
                    kind: kind.to_string(),
                    confidence: None,
                    evidence: Vec::new(),
                });
                self.index.insert(key, self.edges.len() - 1);
                self.edges.len() - 1
            }
        };
        let ev = &mut self.edges[slot].evidence;
        if !ev
            .iter()
            .any(|e| e.start == evidence.start && e.rule == evidence.rule)
        {
            ev.push(evidence);
        }
    }
}

fn sentence_evidence(s: &SentenceView, rule: String) -> Evidence {
    Evidence {
        text: s.text.clone(),
        start: s.span.start,
        end: s.span.end,
        rule,
    }
}

/// The two actors a cue at `[start, end)` relates: the nearest before and after it, or the
/// two nearest on one side.
fn pair_around(
    s: &SentenceView,
    entities: &[EntityRef],
    start: usize,
    end: usize,
) -> Option<(String, String)> {
    let near = |from: usize, to: usize| s.words_between(from, to) <= CUE_REACH_WORDS;
    let before_refs: Vec<&EntityRef> = entities
        .iter()
        .rev()
        .filter(|e| e.end <= start && near(e.end, start))
        .collect();
    let before: Vec<&str> = before_refs.iter().map(|e| e.id.as_str()).collect();
    let after: Vec<&str> = entities
        .iter()
        .filter(|e| e.start >= end && near(end, e.start))
        .map(|e| e.id.as_str())
        .collect();
    let distinct = |list: &[&str]| -> Option<(String, String)> {
        let first = *list.first()?;
        let second = list.iter().find(|x| **x != first)?;
        Some((first.to_string(), second.to_string()))
    };
    // two actors after the cue are its pair unless they are a list on one side («هجمات على
    // مواقع حزب الله والقوات النظامية»); «بين X وY» is the pair
    let pair_after = || {
        let refs: Vec<&EntityRef> = entities.iter().filter(|e| e.start >= end).collect();
        let listed = refs.windows(2).next().is_some_and(|w| {
            s.coordinated(w[0].end, w[1].start)
                && !s
                    .words_between_list(end, w[0].start)
                    .iter()
                    .any(|x| x == BETWEEN)
        });
        if listed {
            None
        } else {
            distinct(&after)
        }
    };
    // a verb-first cue with both actors after it: «انشقت جماعة X عن Y» (but «X الموالي لـY»
    // has its first actor right before the cue)
    let adjacent_before = entities
        .iter()
        .any(|e| e.end <= start && s.words_between(e.end, start) <= 1);
    let verb_first = !adjacent_before
        && entities
            .iter()
            .find(|e| e.start >= end)
            .is_some_and(|e| s.words_between(end, e.start) <= 1);
    if verb_first {
        if let Some(p) = pair_after() {
            return Some(p);
        }
    }
    // both before the cue only when joined: «الحوثيون والقاعدة حلفاء», not «تكتيكات إيران في
    // استخدام تنظيم القاعدة ورقة ضد الخصوم»
    let joined_before = || {
        let joined = before_refs
            .windows(2)
            .next()
            .is_some_and(|w| w[0].id != w[1].id && s.coordinated(w[1].end, w[0].start));
        if joined {
            distinct(&before).map(|(x, y)| (y, x))
        } else {
            None
        }
    };
    match (before.first(), after.first()) {
        (Some(b), Some(a)) if a != b => Some((b.to_string(), a.to_string())),
        // the same actor on both sides: look further on the side with another one
        (Some(_), Some(_)) => pair_after().or_else(joined_before),
        (None, Some(_)) => pair_after(),
        (Some(_), None) => joined_before(),
        (None, None) => None,
    }
}

/// Relations of one article from its merged events, its sentences and its persons.
pub(crate) fn recognize_relations(
    events: &[Candidate],
    sentences: &[SentenceView],
    actors: &[Actor],
    kb: &Kb,
) -> Vec<Relation> {
    let kinds: HashMap<String, ActorKind> = actors.iter().map(|a| (a.id.clone(), a.kind)).collect();
    let persons = actors.iter().filter(|a| a.kind == ActorKind::Person);
    let mut g = Graph {
        kb,
        kinds: kinds.clone(),
        edges: Vec::new(),
        index: HashMap::new(),
    };
    for c in events {
        let e = &c.event;
        let rule = format!("relation:from_event:{}", e.kind);
        let parties: Vec<&String> = c.targets.iter().chain(&c.initiators).collect();
        let kind = match e.kind.as_str() {
            "ATTACK" | "ARREST" | "TAKEOVER" => Some("HOSTILE"),
            "SUPPORT" => Some("ALLY"),
            "PLEDGE" => Some("AFFILIATE"),
            "DEFECT" => Some("DEFECT"),
            _ => None,
        };
        for ev in &e.mentions {
            let ev = Evidence {
                rule: rule.clone(),
                ..ev.clone()
            };
            if let Some(kind) = kind {
                // in a clash, an attack or a takeover the other armed actors of the clause are
                // on the other side, in support on the receiving side; organisations and
                // persons are neither
                let fights = kind == "HOSTILE" && (c.mutual || e.kind != "ARREST");
                // support goes to the other actors of its clause («دعما عسكريا لتنظيم القاعدة»)
                let partners = kind == "ALLY";
                let others: Vec<&String> = if fights || partners {
                    c.others
                        .iter()
                        .filter(|id| {
                            kinds
                                .get(id.as_str())
                                .is_some_and(|k| k.is_state_side() || *k == ActorKind::ArmedGroup)
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                for i in &c.initiators {
                    for t in c.targets.iter().chain(others.iter().copied()) {
                        // a defection runs from the group left («عن طالبان») to the one joined
                        if kind == "DEFECT" {
                            g.add(kind, t, i, ev.clone());
                        } else {
                            g.add(kind, i, t, ev.clone());
                        }
                    }
                }
            }
            for m in &c.mediators {
                for p in &parties {
                    g.add("MEDIATE", m, p, ev.clone());
                }
            }
        }
    }
    for s in sentences {
        if s.entities.len() < 2 {
            continue;
        }
        // a branch named with its parent («ولاية سيناء … تنظيم داعش»): the kb knows the link,
        // the sentence shows it
        for x in &s.entities {
            if !matches!(x.kind, ActorKind::ArmedGroup | ActorKind::Media) {
                continue;
            }
            for y in &s.entities {
                let d = &kb.actors;
                let parent = match (d.index_of(&x.id), d.index_of(&y.id)) {
                    (Some(i), Some(j)) => i != j && d.descends_from(i, j),
                    _ => false,
                };
                if parent {
                    g.add(
                        "AFFILIATE",
                        &x.id,
                        &y.id,
                        sentence_evidence(s, "relation:kb_parent_in_sentence".into()),
                    );
                }
            }
        }
        for cue in kb.events.relation_cues.find(&s.ntext) {
            let Some(block) = kb.events.relation_blocks.get(cue.payload) else {
                continue;
            };
            if s.inside_name(cue.start, cue.end) {
                continue;
            }
            let kind = block.kind;
            let entities = s.clause_entities(cue.start);
            let pair = if block.both_sides {
                // «أعماق الذراع الإعلامي لداعش»: the branch right before, the parent right after
                let before = entities
                    .iter()
                    .rev()
                    .find(|e| e.end <= cue.start && s.words_between(e.end, cue.start) <= 1);
                let after = entities
                    .iter()
                    .find(|e| e.start >= cue.end && s.words_between(cue.end, e.start) <= 2);
                match (before, after) {
                    (Some(b), Some(a)) if a.id != b.id => Some((b.id.clone(), a.id.clone())),
                    _ => None,
                }
            } else {
                pair_around(s, &entities, cue.start, cue.end)
            };
            if let Some((a, b)) = pair {
                let word: String = s
                    .ntext
                    .chars()
                    .skip(cue.start)
                    .take(cue.end - cue.start)
                    .collect();
                g.add(
                    kind,
                    &a,
                    &b,
                    sentence_evidence(s, format!("relation:cue «{word}»")),
                );
            }
        }
    }
    for p in persons {
        let (Some(group), Some(role)) = (&p.affiliation, &p.role) else {
            continue;
        };
        let kind = if role == "leads" { "LEADS" } else { "MEMBER" };
        // a person of `kb/people.toml` whose group the article names anywhere: the edge
        // rests on the list's affiliation, shown with the sentence naming the person
        let known = !p.id.starts_with("person:");
        if known
            && sentences
                .iter()
                .any(|s| s.entities.iter().any(|e| &e.id == group))
        {
            if let Some(s) = p.mentions.iter().find_map(|m| {
                sentences
                    .iter()
                    .find(|s| s.span.start <= m.start && m.end <= s.span.end)
            }) {
                g.add(
                    kind,
                    &p.id,
                    group,
                    sentence_evidence(s, format!("relation:person_{role}+kb/people.toml")),
                );
                continue;
            }
        }
        for m in &p.mentions {
            if let Some(s) = sentences
                .iter()
                .find(|s| s.span.start <= m.start && m.end <= s.span.end)
            {
                if s.entities.iter().any(|e| &e.id == group) || m.rule.starts_with("person:role") {
                    g.add(
                        kind,
                        &p.id,
                        group,
                        sentence_evidence(s, format!("relation:person_{role}")),
                    );
                }
            }
        }
    }
    g.edges
}
