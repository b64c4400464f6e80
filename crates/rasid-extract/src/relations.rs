//! Relations of an article: the actor graph's edges, each with every sentence
//! that supports it. Three sources:
//! * events: an attack, arrest or takeover makes its initiator HOSTILE to its targets,
//!   support makes them ALLY, a pledge AFFILIATE, a defection DEFECT, and a mediator of a
//!   meeting or an agreement MEDIATEs with each party;
//! * statements: a relation cue of `kb/events.toml` («تحالف», «انشق عن», «الذراع الإعلامي»)
//!   between two actors of a sentence;
//! * persons: a person's role word and affiliation («أمير تنظيم …», «القيادي في …») give
//!   LEADS or MEMBER.
//!
//! Signs come from what each sentence says, in this order (`recognize_relations`): the
//! sentence's actors are grouped into lists (`Lists::of`: «X وY», «X وحليفه Y», the sides of
//! «بين … من جهة»), with its backers, speakers and dead; its stated relations are read
//! (`stated_relations`: HOSTILE cues only in an opposed structure, `opposed_pairs`; ALLY cues
//! not across a hostile one, `ally_pair_holds`); each report of an event gives its edges from
//! its own sentence's roles (`report_roles`, `event_edges`: never HOSTILE inside a list or with
//! a backer, a speaker or a stated ally; `co_belligerents` ALLY beside the doer); the persons'
//! edges follow; last, a headline the body repeats stops being evidence
//! (`keep_body_evidence`).

use std::collections::HashMap;

use rasid_kb::{Kb, PhraseMatch, RelationCue};
use rasid_model::{Actor, ActorKind, Evidence, Relation};
use rasid_text::Span;

use crate::events::between;
use crate::events::{Candidate, EntityRef, Report, SentenceView};

/// How far (in words) a relation cue reaches for its two actors.
const CUE_REACH_WORDS: usize = 8;
/// How far (in words) after an ALLY cue its second actor may stand («دعم X», «الموالية لـX»).
const ALLY_AFTER_REACH_WORDS: usize = 3;
/// How far (in words) an opposed cue's marker («على», «بين») may stand after it («غارات جوية
/// على», «مواجهات مسلحة … بين»), and its actor after the marker.
const MARKER_REACH_WORDS: usize = 3;
/// Two actors are one list when at most this many words of an ALLY joiner («وحليفهم
/// الرئيس المخلوع») stand between them.
const JOINER_GAP_WORDS: usize = 3;
/// How far (in words) after a support marker its actor may stand («بإسناد جوي كثيف من
/// طيران التحالف»).
const SUPPORT_REACH_WORDS: usize = 4;
/// How far (in words) apart the two actors of support may stand in its sentence.
const SUPPORT_PAIR_REACH_WORDS: usize = 10;
/// How far (in words) after a casualty cue its victims may stand («مقتل 3042 من داعش»).
const VICTIM_REACH_WORDS: usize = 3;
/// How far (in words) after an adverbial support marker its backer may stand («بإسناد جوي من
/// طيران التحالف»).
const BACKER_REACH_WORDS: usize = 4;
/// How many words of ground («معسكر لبوزة») may stand between an opposed cue's marker and a
/// relative clause of holding.
const GROUND_REACH_WORDS: usize = 4;
/// How many words may open a clause before its subject («وبذلك تكون المقاومة الشعبية»).
const SUBJECT_OPENING_WORDS: usize = 2;

struct Graph<'k> {
    kb: &'k Kb,
    /// Actor kinds of the article.
    kinds: HashMap<String, ActorKind>,
    edges: Vec<Relation>,
    index: HashMap<(String, String, String), usize>,
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

    /// Are both a state or its forces, of the same country? They are one side.
    fn one_state(&self, a: &str, b: &str) -> bool {
        self.kb.actors.one_state(a, b)
    }

    fn add(&mut self, kind: &str, a: &str, b: &str, evidence: Evidence) {
        if a == b || (kind != "AFFILIATE" && self.kin(a, b)) {
            return;
        }
        if kind == "HOSTILE" && self.one_state(a, b) {
            return;
        }
        // a state and its own forces are one side, not allies («دعم الجيش» in a Lebanese
        // minister's words, «وزارة الدفاع والحلفاء»)
        if kind == "ALLY" && self.kb.actors.own_forces(a, b) {
            return;
        }
        // a group is a branch of a group, not of a country («فرع القاعدة في اليمن»)
        if kind == "AFFILIATE" && self.kinds.get(b) == Some(&ActorKind::State) {
            return;
        }
        let (x, y) = if rasid_kb::relation_is_symmetric(kind) && b < a {
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

/// The two actors a cue at `[start, end)` relates: the nearest before and after it, or the
/// two nearest on one side.
fn pair_around<'e>(
    s: &SentenceView,
    entities: &'e [EntityRef],
    between: &[PhraseMatch],
    start: usize,
    end: usize,
) -> Option<(&'e EntityRef, &'e EntityRef)> {
    let near = |from: usize, to: usize| s.words_between(from, to) <= CUE_REACH_WORDS;
    let before: Vec<&EntityRef> = entities
        .iter()
        .rev()
        .filter(|e| e.end <= start && near(e.end, start))
        .collect();
    let after: Vec<&EntityRef> = entities
        .iter()
        .filter(|e| e.start >= end && near(end, e.start))
        .collect();
    let distinct = |list: &[&'e EntityRef]| -> Option<(&'e EntityRef, &'e EntityRef)> {
        let first = *list.first()?;
        let second = *list.iter().find(|x| x.id != first.id)?;
        Some((first, second))
    };
    // two actors after the cue are its pair unless they are a list on one side («هجمات على
    // مواقع حزب الله والقوات النظامية»); «بين X وY» is the pair
    let pair_after = || {
        let refs: Vec<&EntityRef> = entities.iter().filter(|e| e.start >= end).collect();
        let listed = refs.windows(2).next().is_some_and(|w| {
            s.coordinated(w[0].end, w[1].start)
                && !between
                    .iter()
                    .any(|m| m.start >= end && m.end <= w[0].start)
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
        let joined = before
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
        (Some(b), Some(a)) if a.id != b.id => Some((*b, *a)),
        // the same actor on both sides: look further on the side with another one
        (Some(_), Some(_)) => pair_after().or_else(joined_before),
        (None, Some(_)) => pair_after(),
        (Some(_), None) => joined_before(),
        (None, None) => None,
    }
}

/// The actors of one sentence grouped into lists: «X وY», «X، Y» and «X وحليفه Y» (an ALLY
/// cue with `both_sides`) link two actors, and a chain of links is one list, one side of
/// whatever the sentence tells. A list right after «بين» that no «من جهة» closes is the two
/// sides of a clash («اشتباكات بين X وY»), not one side.
struct Lists {
    /// For each entity of the sentence: its list, or `None` in a «بين X وY» pair.
    list: Vec<Option<usize>>,
    /// For each entity: its side of a «بين X من جهة، وY من جهة أخرى» (the marker's start and
    /// the side's number).
    side: Vec<Option<(usize, usize)>>,
    /// For each entity: its list follows a bystander marker («أدانت مصر والأردن»).
    bystander: Vec<bool>,
    /// For each entity: it follows a support marker («بإسناد جوي من طيران التحالف»).
    supporter: Vec<bool>,
    /// For each entity: it follows a speaker marker («مصادر في المقاومة الشعبية»).
    speaker: Vec<bool>,
    /// For each entity: it follows a casualty cue («مقتل 30 من داعش والنصرة»).
    victim: Vec<bool>,
    /// For each entity: its list is a side the sentence closes («بين X وY من جهة», «… ضد Z»).
    closed: Vec<bool>,
}

/// The ALLY cues of a sentence that join the names on both their sides («X وحليفه Y»).
fn ally_joiners(kb: &Kb, s: &SentenceView) -> Vec<PhraseMatch> {
    let lex = &kb.events;
    lex.relation_cues
        .find(&s.ntext)
        .into_iter()
        .filter(|c| {
            lex.relation_blocks
                .get(c.payload)
                .is_some_and(|b| b.kind == "ALLY" && b.both_sides)
        })
        .collect()
}

impl Lists {
    fn of(s: &SentenceView, kb: &Kb) -> Self {
        let lex = &kb.events;
        let joiners = ally_joiners(kb, s);
        let marks = &s.between_marks;
        let bystanders = lex.bystander_markers.find(&s.ntext);
        // «بين X … وY من جهة، وZ من جهة أخرى», «بين X وY وبين Z», «بين X وY، وZ»: the two
        // sides
        let mut side = vec![None; s.entities.len()];
        for b in &marks.between {
            let Some(ranges) = between::sides(s, b, lex) else {
                continue;
            };
            for (n, (from, to)) in ranges.into_iter().enumerate() {
                for (i, e) in s.entities.iter().enumerate() {
                    if e.start >= from && e.end <= to && side[i].is_none() {
                        side[i] = Some((b.start, n));
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..s.entities.len()).collect();
        order.sort_by_key(|&i| s.entities[i].start);
        let mut chains: Vec<Vec<usize>> = Vec::new();
        for i in order {
            let e = &s.entities[i];
            if let Some(chain) = chains.last_mut() {
                let last = chain[chain.len() - 1];
                let p = &s.entities[last];
                // two sides of one «بين» are never one list
                let across = matches!((side[last], side[i]), (Some((m, a)), Some((n, b))) if m == n && a != b);
                if !across
                    && (s.listed(&lex.list_heads, p.end, e.start)
                        || joined_as_allies(s, &joiners, p.end, e.start))
                {
                    chain.push(i);
                    continue;
                }
            }
            chains.push(vec![i]);
        }
        let mut list = vec![None; s.entities.len()];
        let mut bystander = vec![false; s.entities.len()];
        let mut closed = vec![false; s.entities.len()];
        for (k, chain) in chains.iter().enumerate() {
            let first = &s.entities[chain[0]];
            let last = &s.entities[chain[chain.len() - 1]];
            // «بين X وY», «بين أفراد من X وY»
            let after_between = marks.between.iter().any(|m| {
                m.end <= first.start
                    && s.words_between(m.end, first.start) <= CUE_REACH_WORDS
                    && !s
                        .entities
                        .iter()
                        .any(|o| o.start >= m.end && o.end <= first.start)
            });
            // «بين X وY من جهة», «بين رجال المقاومة والجيش الوطني ضد الحوثيين»: one side
            let side_closed = side[chain[0]].is_some()
                || marks
                    .side_ends
                    .iter()
                    .any(|m| m.start >= last.end && s.words_between(last.end, m.start) <= 1)
                || s.words_after(last.end, 1)
                    .first()
                    .is_some_and(|(_, _, w)| w == AGAINST);
            let two_sides = after_between && !side_closed && chain.len() == 2;
            let by = s.follows(first.start, &bystanders);
            for &i in chain {
                list[i] = (!two_sides).then_some(k);
                bystander[i] = by;
                closed[i] = side_closed;
            }
        }
        let support = lex.support_markers.find(&s.ntext);
        let supporter: Vec<bool> = s
            .entities
            .iter()
            .map(|e| {
                support.iter().any(|m| {
                    m.end <= e.start
                        && s.words_between(m.end, e.start) <= SUPPORT_REACH_WORDS
                        && !s
                            .entities
                            .iter()
                            .any(|o| o.start >= m.end && o.end <= e.start)
                })
            })
            .collect();
        // a backer's whole list backs: «لصالح حزب الله والحوثيين»
        let backing_lists: Vec<usize> = list
            .iter()
            .zip(&supporter)
            .filter(|(_, sp)| **sp)
            .filter_map(|(l, _)| *l)
            .collect();
        let supporter = supporter
            .iter()
            .zip(&list)
            .map(|(sp, l)| *sp || l.is_some_and(|l| backing_lists.contains(&l)))
            .collect();
        let speakers = lex.speaker_markers.find(&s.ntext);
        let speaker = s
            .entities
            .iter()
            .map(|e| s.follows(e.start, &speakers))
            .collect();
        let casualties = lex.casualties.find(&s.ntext);
        let victim = s
            .entities
            .iter()
            .map(|e| {
                casualties.iter().any(|m| {
                    m.end <= e.start
                        && s.words_between(m.end, e.start) <= VICTIM_REACH_WORDS
                        && !s
                            .entities
                            .iter()
                            .any(|o| o.start >= m.end && o.end <= e.start)
                }) || counted_dead(s, e, &casualties)
            })
            .collect::<Vec<bool>>();
        // a victim's whole list: «مقتل 30 من داعش والنصرة»
        let victim_lists: Vec<usize> = list
            .iter()
            .zip(&victim)
            .filter(|(_, v)| **v)
            .filter_map(|(l, _)| *l)
            .collect();
        let victim = victim
            .iter()
            .zip(&list)
            .map(|(v, l)| *v || l.is_some_and(|l| victim_lists.contains(&l)))
            .collect();
        Self {
            list,
            side,
            bystander,
            supporter,
            speaker,
            victim,
            closed,
        }
    }

    /// Are `a` and `b` named in one list the sentence closes as a side of a clash («بين رجال
    /// المقاومة والجيش الوطني ضد ميليشيات الحوثي», «بين X وY من جهة، وZ من جهة أخرى»)?
    fn one_closed_side(&self, s: &SentenceView, a: &str, b: &str) -> bool {
        let closed_lists = |id: &str| -> Vec<usize> {
            s.entities
                .iter()
                .zip(self.list.iter().zip(&self.closed))
                .filter(|(e, (_, c))| e.id == id && **c)
                .filter_map(|(_, (l, _))| *l)
                .collect()
        };
        let of_b = closed_lists(b);
        closed_lists(a).iter().any(|l| of_b.contains(l))
    }

    /// Is every mention of `id` in the sentence one of the dead or wounded («مقتل 30 من …»)?
    fn only_victim(&self, s: &SentenceView, id: &str) -> bool {
        let mut mentions = s
            .entities
            .iter()
            .zip(&self.victim)
            .filter(|(e, _)| e.id == id);
        mentions.clone().next().is_some() && mentions.all(|(_, v)| *v)
    }

    /// Is this mention a speaker's («قال مصدر في المقاومة»)?
    fn speaks(&self, s: &SentenceView, e: &EntityRef) -> bool {
        s.entities
            .iter()
            .zip(&self.speaker)
            .any(|(x, sp)| *sp && x.start == e.start && x.id == e.id)
    }

    /// Is every mention of `id` in the sentence a speaker's («قال مصدر في المقاومة»)?
    fn only_speaks(&self, s: &SentenceView, id: &str) -> bool {
        let mut mentions = s
            .entities
            .iter()
            .zip(&self.speaker)
            .filter(|(e, _)| e.id == id);
        mentions.clone().next().is_some() && mentions.all(|(_, sp)| *sp)
    }

    /// Does the sentence name `id` as backing a side («بإسناد جوي من طيران التحالف»)?
    fn backs_a_side(&self, s: &SentenceView, id: &str) -> bool {
        s.entities
            .iter()
            .zip(&self.supporter)
            .any(|(e, sp)| *sp && e.id == id)
    }

    /// Are `a` and `b` named in one list of the sentence?
    fn same_side(&self, s: &SentenceView, a: &str, b: &str) -> bool {
        let lists = |id: &str| -> Vec<usize> {
            s.entities
                .iter()
                .zip(&self.list)
                .filter(|(e, _)| e.id == id)
                .filter_map(|(_, l)| *l)
                .collect()
        };
        let sides = |id: &str| -> Vec<(usize, usize)> {
            s.entities
                .iter()
                .zip(&self.side)
                .filter(|(e, _)| e.id == id)
                .filter_map(|(_, x)| *x)
                .collect()
        };
        let (of_b, sides_of_b) = (lists(b), sides(b));
        lists(a).iter().any(|l| of_b.contains(l)) || sides(a).iter().any(|x| sides_of_b.contains(x))
    }

    /// Is this mention in a list after a bystander marker («أدانت مصر والأردن الهجوم»)?
    fn is_bystander(&self, s: &SentenceView, e: &EntityRef) -> bool {
        s.entities
            .iter()
            .zip(&self.bystander)
            .any(|(x, by)| *by && x.start == e.start && x.id == e.id)
    }
}

/// Does an ALLY joiner open the gap `[from, to)` between two actors («الحوثيين وحليفهم
/// الرئيس المخلوع …»)? Only «و» or a comma may stand before it.
fn joined_as_allies(s: &SentenceView, joiners: &[PhraseMatch], from: usize, to: usize) -> bool {
    to > from
        && s.words_between(from, to) <= JOINER_GAP_WORDS
        && joiners.iter().any(|j| {
            if j.start < from || j.end > to {
                return false;
            }
            let lead: String = s
                .ntext
                .chars()
                .skip(from)
                .take(j.start - from)
                .filter(|c| !c.is_whitespace())
                .collect();
            matches!(lead.as_str(), "" | "و" | "،" | "،و" | "," | ",و")
        })
}

fn fighting_kind(kind: ActorKind) -> bool {
    kind.is_state_side() || kind == ActorKind::ArmedGroup
}

/// The roles the sentence of one report of a fight (attack, arrest, takeover) or of support
/// gives on its own. A merged event's roles are the union of its sentences' (an actor may be the doer in
/// one and a target in another), and the sign of an edge must come from one sentence. Actors
/// of the event that none of its sentences names (the implicit doer of «ضربات أمنية», a party
/// from the sentence before) keep their merged role; when the sentence alone yields no event
/// of the type, the merged roles of the actors it names are kept.
fn report_roles(
    c: &Candidate,
    report: Option<&Report>,
    s: &SentenceView,
    sentences: &[SentenceView],
) -> Candidate {
    let fight = matches!(
        c.event.kind.as_str(),
        "ATTACK" | "ARREST" | "TAKEOVER" | "SUPPORT"
    );
    if (c.event.mentions.len() <= 1 && c.reports.len() <= 1) || !fight {
        return c.clone();
    }
    let named_in = |s: &SentenceView, id: &String| s.entities.iter().any(|e| &e.id == id);
    let unnamed = |id: &String| {
        !c.event.mentions.iter().any(|m| {
            sentences
                .iter()
                .any(|s| s.span.start == m.start && named_in(s, id))
        })
    };
    let own = report.map(|r| Candidate {
        initiators: r.initiators.clone(),
        targets: r.targets.clone(),
        mediators: r.mediators.clone(),
        others: r.others.clone(),
        mutual: r.mutual,
        ..c.clone()
    });
    let mut own = match own {
        Some(own) => own,
        None => {
            let mut own = c.clone();
            for list in [
                &mut own.initiators,
                &mut own.targets,
                &mut own.others,
                &mut own.mediators,
            ] {
                list.retain(|id| named_in(s, id));
            }
            own
        }
    };
    for (mine, merged) in [
        (&mut own.initiators, &c.initiators),
        (&mut own.targets, &c.targets),
        (&mut own.others, &c.others),
    ] {
        for id in merged {
            if unnamed(id) && !mine.contains(id) {
                mine.push(id.clone());
            }
        }
    }
    own
}

/// Edges of one report of an event: an attack, arrest or takeover makes the doer HOSTILE
/// to its targets (in a clash also to the other armed actors of the clause), support ALLY,
/// a pledge AFFILIATE, a defection DEFECT, a mediator MEDIATE with each party. Actors the
/// sentence lists together («قوات النظام وحزب الله») are never enemies: those on the doer's
/// side are its co-belligerents, ALLY.
fn event_edges(
    g: &mut Graph,
    c: &Candidate,
    s: Option<(&SentenceView, &Lists)>,
    stated: &[Stated],
    ev: &Evidence,
    trigger: Option<&Evidence>,
) {
    let e = &c.event;
    let said = |kind: &str, a: &str, b: &str| {
        stated
            .iter()
            .any(|x| x.kind == kind && ((x.a == a && x.b == b) || (x.a == b && x.b == a)))
    };
    let kind = match e.kind.as_str() {
        "ATTACK" | "ARREST" | "TAKEOVER" | "SEIZE" => Some("HOSTILE"),
        "SUPPORT" => Some("ALLY"),
        "PLEDGE" => Some("AFFILIATE"),
        "DEFECT" => Some("DEFECT"),
        _ => None,
    };
    let same_side = |a: &str, b: &str| s.is_some_and(|(s, lists)| lists.same_side(s, a, b));
    let backer = |a: &str| s.is_some_and(|(s, lists)| lists.backs_a_side(s, a));
    let speaks = |a: &str| s.is_some_and(|(s, lists)| lists.only_speaks(s, a));
    // support binds the actors it names close together; one named far away in the sentence
    // is most often on another side («… حصلت عليها المقاومة من دول التحالف … لتحرير لحج من
    // ميليشيات الحوثيين»)
    let near = |a: &str, b: &str| {
        s.is_none_or(|(s, _)| {
            let of = |id: &str| {
                s.entities
                    .iter()
                    .filter(|e| e.id == id)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            let (xs, ys) = (of(a), of(b));
            (xs.is_empty() || ys.is_empty())
                || xs.iter().any(|x| {
                    ys.iter().any(|y| {
                        let (from, to) = if x.end <= y.start {
                            (x.end, y.start)
                        } else {
                            (y.end, x.start)
                        };
                        s.words_between(from, to) <= SUPPORT_PAIR_REACH_WORDS
                    })
                })
        })
    };
    // what the sentence states as an alliance («بالتنسيق مع», «بدعم من») is no enmity
    let allied = |a: &str, b: &str| same_side(a, b) || backer(a) || backer(b) || said("ALLY", a, b);
    if let Some(kind) = kind {
        // in a clash, an attack or a takeover the other armed actors of the clause are on
        // the other side, in support on the receiving side; organisations and persons are
        // neither
        let fights =
            kind == "HOSTILE" && (c.mutual || !matches!(e.kind.as_str(), "ARREST" | "SEIZE"));
        let partners = kind == "ALLY";
        // the unmarked actors of an attack or a clash stand for its other side only when it
        // names none («استهدفت طائرات التحالف مواقع الحوثيين»): «اشتباكات مع الحوثيين …
        // هدنة أعلنها التحالف» does not make the coalition a side
        let unmarked_side = c.targets.is_empty();
        // and, in an attack, only those named after its trigger (its object): «رأت أن
        // جبهة النصرة تحاول … استهداف المشاركين» names no target
        let trigger = s.zip(trigger).and_then(|((s, _), t)| trigger_start(s, t));
        let after_trigger = |id: &str| {
            c.mutual
                || partners
                || s.zip(trigger)
                    .is_none_or(|((s, _), t)| s.entities.iter().any(|e| e.id == id && e.start >= t))
        };
        let others: Vec<&String> = if (fights || partners) && unmarked_side {
            c.others
                .iter()
                .filter(|id| g.kinds.get(id.as_str()).is_some_and(|k| fighting_kind(*k)))
                .filter(|id| after_trigger(id))
                .collect()
        } else {
            Vec::new()
        };
        for i in &c.initiators {
            for t in c.targets.iter().chain(others.iter().copied()) {
                if speaks(i) || speaks(t) {
                    continue;
                }
                if kind == "HOSTILE" && allied(i, t)
                    || kind == "ALLY" && (said("HOSTILE", i, t) || !near(i, t))
                {
                    continue;
                }
                // a defection runs from the group left («عن طالبان»), the event's first
                // party, to the one joined
                g.add(kind, i, t, ev.clone());
            }
        }
        if fights {
            // the dead of both sides are listed together («مقتل 30 من داعش والنصرة»), and
            // so are the sides of a clash («تكبدت قوات الجيش والحشد وداعش خسائر في معارك»)
            let victim = |a: &str| s.is_some_and(|(s, lists)| lists.only_victim(s, a));
            let one_side = |a: &str, b: &str| {
                same_side(a, b) && !said("HOSTILE", a, b) && !victim(a) && !victim(b)
            };
            if c.mutual {
                let closed = |a: &str, b: &str| {
                    one_side(a, b) && s.is_some_and(|(s, lists)| lists.one_closed_side(s, a, b))
                };
                co_sides(g, c, &closed, ev);
                // named before the trigger, as its subject: not the sides of «بين X وY وZ»
                // nor the sides that count their losses («تكبدت X وY وZ خسائر في معارك»)
                let losses =
                    s.map_or_else(Vec::new, |(s, _)| g.kb.events.loss_verbs.find(&s.ntext));
                let launcher = |id: &str| {
                    s.zip(trigger).is_some_and(|((s, _), t)| {
                        s.entities.iter().any(|e| {
                            e.id == id && e.end <= t && !losses.iter().any(|m| m.end <= e.start)
                        })
                    })
                };
                let launchers = |a: &str, b: &str| one_side(a, b) && launcher(a) && launcher(b);
                co_launchers(g, c, &launchers, ev);
            } else {
                co_belligerents(g, c, &one_side, ev);
                co_targets(g, c, &one_side, ev);
            }
        }
    }
    let parties: Vec<&String> = c.targets.iter().chain(&c.initiators).collect();
    for m in &c.mediators {
        for p in &parties {
            g.add("MEDIATE", m, p, ev.clone());
        }
    }
}

/// «شنت قوات النظام وحزب الله هجوما على …»: armed actors listed with the doer of an
/// attack, a clash or a takeover fight on its side, ALLY (a state and its own forces are
/// one side, not allies).
fn co_belligerents(
    g: &mut Graph,
    c: &Candidate,
    same_side: &dyn Fn(&str, &str) -> bool,
    ev: &Evidence,
) {
    let side: Vec<&String> = c.initiators.iter().chain(&c.others).collect();
    let fighting = |k: ActorKind| fighting_kind(k);
    let rule = format!("relation:co_belligerents:{}", c.event.kind);
    allies_within(g, (&c.initiators, &side), &fighting, same_side, (&rule, ev));
}

/// «شنت القوات النظامية ومقاتلو حزب الله معركة للسيطرة على …»: the armed actors listed
/// together before its trigger as the doers of a clash that names no other side launched it
/// together, ALLY (`same_side` says they are listed together before the trigger). After the
/// trigger («اشتباكات بين X وY وZ») the actors listed are its sides.
fn co_launchers(
    g: &mut Graph,
    c: &Candidate,
    same_side: &dyn Fn(&str, &str) -> bool,
    ev: &Evidence,
) {
    if !c.targets.is_empty() || c.initiators.len() < 2 {
        return;
    }
    let side: Vec<&String> = c.initiators.iter().collect();
    let rule = format!("relation:co_launchers:{}", c.event.kind);
    allies_within(
        g,
        (&c.initiators, &side),
        &fighting_kind,
        same_side,
        (&rule, ev),
    );
}

/// «المعارك محتدمة بين رجال المقاومة والجيش الوطني ضد ميليشيات الحوثي»: in a clash, armed
/// actors the sentence lists as one side fight together, ALLY (the two sides of «بين X وY»
/// are no list).
fn co_sides(g: &mut Graph, c: &Candidate, same_side: &dyn Fn(&str, &str) -> bool, ev: &Evidence) {
    let parties: Vec<String> = c
        .initiators
        .iter()
        .chain(&c.targets)
        .chain(&c.others)
        .cloned()
        .collect();
    let side: Vec<&String> = parties.iter().collect();
    let rule = format!("relation:co_sides:{}", c.event.kind);
    allies_within(g, (&parties, &side), &fighting_kind, same_side, (&rule, ev));
}

/// «تمكنت المقاومة من دحر الحوثيين وقوات صالح»: armed actors listed together as the target
/// of an attack or a takeover are one side, ALLY (not in an arrest: those held together are
/// not a side; nor states; a state and its own forces are one side, not allies).
fn co_targets(g: &mut Graph, c: &Candidate, same_side: &dyn Fn(&str, &str) -> bool, ev: &Evidence) {
    if c.event.kind == "ARREST" {
        return;
    }
    // states hit together are places more often than a side («هجمات على الدول المطلة على
    // البحيرة، نيجيريا وتشاد والنيجر»)
    let fighting = |k: ActorKind| fighting_kind(k) && k != ActorKind::State;
    let side: Vec<&String> = c.targets.iter().collect();
    let rule = format!("relation:co_targets:{}", c.event.kind);
    allies_within(g, (&c.targets, &side), &fighting, same_side, (&rule, ev));
}

/// ALLY between each of `firsts` and each later actor of `side` (`firsts` open `side`) when
/// both are of a `fighting` kind and the sentence lists them together (`same_side`); a state
/// and its own forces are none (`Graph::add`).
fn allies_within(
    g: &mut Graph,
    (firsts, side): (&[String], &[&String]),
    fighting: &dyn Fn(ActorKind) -> bool,
    same_side: &dyn Fn(&str, &str) -> bool,
    (rule, ev): (&str, &Evidence),
) {
    let armed = |id: &str| g.kinds.get(id).is_some_and(|k| fighting(*k));
    let mut pairs = Vec::new();
    for (n, a) in firsts.iter().enumerate() {
        for b in side.iter().skip(n + 1) {
            if a != *b && armed(a) && armed(b) && same_side(a, b) {
                pairs.push((a.clone(), (*b).clone()));
            }
        }
    }
    for (a, b) in pairs {
        g.add(
            "ALLY",
            &a,
            &b,
            Evidence {
                rule: rule.to_string(),
                ..ev.clone()
            },
        );
    }
}

/// Edges of the article's events, each report read in its own sentence.
fn relations_from_events(
    g: &mut Graph,
    events: &[Candidate],
    sentences: &[SentenceView],
    lists: &[Lists],
    stated: &[Vec<Stated>],
) {
    for c in events {
        let rule = format!("relation:from_event:{}", c.event.kind);
        // the sentence that names a loser or a doer the event's own sentences do not is no
        // report
        let reported = c
            .event
            .mentions
            .iter()
            .filter(|m| crate::events::reports_the_act(m));
        for m in reported {
            let ev = Evidence {
                rule: rule.clone(),
                ..m.clone()
            };
            let at = sentences
                .iter()
                .position(|s| s.span.start == m.start && s.span.end == m.end);
            match at {
                Some(k) => {
                    // each act the sentence tells, read on its own
                    let mut reports: Vec<Option<&Report>> = c
                        .reports
                        .iter()
                        .filter(|r| r.start == m.start)
                        .map(Some)
                        .collect();
                    if reports.is_empty() {
                        reports.push(None);
                    }
                    for report in reports {
                        let own = report_roles(c, report, &sentences[k], sentences);
                        let trigger = Evidence {
                            rule: report.map_or_else(|| m.rule.clone(), |r| r.rule.clone()),
                            ..m.clone()
                        };
                        let at = Some((&sentences[k], &lists[k]));
                        event_edges(g, &own, at, &stated[k], &ev, Some(&trigger));
                    }
                }
                None => event_edges(g, c, None, &[], &ev, None),
            }
        }
    }
}

/// Where the trigger of an event's report stands in its sentence: the first occurrence of
/// the trigger text its evidence names («event:trigger «هجوم»»).
fn trigger_start(s: &SentenceView, trigger: &Evidence) -> Option<usize> {
    let (_, rest) = trigger.rule.split_once('«')?;
    let word = rest.strip_suffix('»')?;
    let at = s.ntext.find(word)?;
    Some(s.ntext[..at].chars().count())
}

/// A branch named with its parent («ولاية سيناء … تنظيم داعش»): the kb knows the link, the
/// sentence shows it.
fn parents_named_together(g: &mut Graph, s: &SentenceView) {
    let kb = g.kb;
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
                    s.evidence("relation:kb_parent_in_sentence"),
                );
            }
        }
    }
}

/// How far a count of the dead may stand from its killing verb, the killer's name between
/// («قتلت طائرات التحالف الدولي 3042 من …»).
const COUNT_AFTER_CUE_WORDS: usize = 6;

/// **«قتلت طائرات التحالف الدولي 3042 من تنظيم داعش وجبهة النصرة»: the counted dead.** A
/// mention right after a number (no other actor between, at most [`VICTIM_REACH_WORDS`]
/// words), the number a few words after a casualty cue or a trigger («قتلت»), is of the
/// dead — hit together, not one side.
fn counted_dead(s: &SentenceView, e: &EntityRef, casualties: &[PhraseMatch]) -> bool {
    let no_actor_between = |from: usize, to: usize| {
        !s.entities
            .iter()
            .any(|o| o.start >= from && o.end <= to && o.start != e.start)
    };
    s.numbers.iter().any(|n| {
        n.1 <= e.start
            && s.words_between(n.1, e.start) <= VICTIM_REACH_WORDS
            && no_actor_between(n.1, e.start)
            && casualties
                .iter()
                .chain(&s.triggers)
                .any(|m| m.end <= n.0 && s.words_between(m.end, n.0) <= COUNT_AFTER_CUE_WORDS)
    })
}

/// «ضد» right after a list: the list is one side, the other follows.
const AGAINST: &str = "ضد";

/// «من» between a name and an adjective cue: the cue qualifies some of others.
const PARTITIVE: &str = "من";

/// «أعماق الذراع الإعلامي لداعش», «الحوثيين وحليفهم صالح»: the actor right before the cue
/// and the one right after it.
fn pair_on_both_sides<'e>(
    s: &SentenceView,
    entities: &'e [EntityRef],
    cue: &PhraseMatch,
) -> Option<(&'e EntityRef, &'e EntityRef)> {
    let before = entities
        .iter()
        .rev()
        .find(|e| e.end <= cue.start && s.words_between(e.end, cue.start) <= 1)?;
    // «اللاجئين لمصر من المعادين للنظام»: after a partitive «من» the cue qualifies others
    if s.words_between_list(before.end, cue.start) == [PARTITIVE] {
        return None;
    }
    let after = entities
        .iter()
        .find(|e| e.start >= cue.end && s.words_between(cue.end, e.start) <= 2)?;
    // «والموالين لصالح والمقاومة الشعبية»: the actor after «و» is the next of a list, not
    // the cue's complement
    let gap: String = s
        .ntext
        .chars()
        .skip(cue.end)
        .take(after.start - cue.end)
        .filter(|c| !c.is_whitespace())
        .collect();
    let next_item = s.words_between(cue.end, after.start) > 0
        && (gap.ends_with('و') || gap.ends_with('،') || gap.ends_with(','));
    (after.id != before.id && !next_item).then_some((before, after))
}

/// An ALLY cue relates the actors around it only when nothing hostile stands between them
/// («المقاومة الموالية للشرعية … ضد الحوثيين») and the actor after it is close («دعم X»,
/// «الموالية لـX»).
fn ally_pair_holds(
    s: &SentenceView,
    cue: &PhraseMatch,
    pair: (&EntityRef, &EntityRef),
    hostile: &[PhraseMatch],
) -> bool {
    let (a, b) = pair;
    let (from, to) = (a.end.min(b.end), a.start.max(b.start));
    let crossed = hostile
        .iter()
        .any(|h| h.start >= from && h.end <= to && (h.end <= cue.start || h.start >= cue.end));
    let after = [a, b]
        .into_iter()
        .filter(|e| e.start >= cue.end)
        .map(|e| s.words_between(cue.end, e.start))
        .min();
    !crossed && after.is_none_or(|w| w <= ALLY_AFTER_REACH_WORDS)
}

/// The two sides an `opposed` cue states, each a list of the sentence:
/// * «مواجهات بين X وY», «بين X وY من جهة، وZ من جهة أخرى» (and the allies of one side);
/// * «X شن غارات على Y», «هجوم X على Y», «معارك ضد Y»;
/// * «X يقاتل Y», «الحرب على Y»: the object right after the cue.
///
/// Returns (type, a, b) edges; two actors of one list are never enemies.
fn opposed_pairs<'e>(
    s: &SentenceView,
    entities: &'e [EntityRef],
    cue: &PhraseMatch,
    cue_def: &RelationCue,
    kb: &Kb,
    lists: &Lists,
) -> Vec<(&'static str, String, String)> {
    let lex = &kb.events;
    let mut out = Vec::new();
    let hostile = |x: &EntityRef, y: &EntityRef, out: &mut Vec<(&'static str, String, String)>| {
        if x.id != y.id
            && !lists.same_side(s, &x.id, &y.id)
            && !lists.backs_a_side(s, &x.id)
            && !lists.backs_a_side(s, &y.id)
        {
            out.push(("HOSTILE", x.id.clone(), y.id.clone()));
        }
    };
    let no_actor_between =
        |from: usize, to: usize| !entities.iter().any(|e| e.start >= from && e.end <= to);
    // «بين X وY»
    let between = s.between_marks.between.iter().copied().find(|m| {
        m.start >= cue.end
            && s.words_between(cue.end, m.start) <= CUE_REACH_WORDS
            && no_actor_between(cue.end, m.start)
    });
    if let Some(m) = between {
        let after: Vec<&EntityRef> = entities
            .iter()
            .filter(|e| e.start >= m.end && s.words_between(m.end, e.start) <= CUE_REACH_WORDS)
            .collect();
        let Some(first) = after
            .first()
            .filter(|e| s.words_between(m.end, e.start) <= 2)
        else {
            return out;
        };
        if let Some([(from, to), (from2, to2)]) =
            between::sides(s, &m, lex).filter(|[(_, to), _]| first.end <= *to)
        {
            let within = |a: usize, b: usize| -> Vec<&EntityRef> {
                entities
                    .iter()
                    .filter(|e| e.start >= a && e.end <= b)
                    .collect()
            };
            let (one, other) = (within(from, to), within(from2, to2));
            for x in &one {
                for y in &other {
                    hostile(x, y, &mut out);
                }
            }
            for side in [&one, &other] {
                for (n, x) in side.iter().enumerate() {
                    for y in side.iter().skip(n + 1) {
                        if x.id != y.id && lists.same_side(s, &x.id, &y.id) {
                            out.push(("ALLY", x.id.clone(), y.id.clone()));
                        }
                    }
                }
            }
        } else if let Some(second) = after.get(1).filter(|y| {
            s.joined_by_and(first.end, y.start)
                // «بين X وY وZ»: where one side ends is not said
                && !after.get(2).is_some_and(|z| s.joined_by_and(y.end, z.start))
                // «بينها وبين X وY»: one side is a pronoun
                && !s.after_and(m.start)
        }) {
            hostile(first, second, &mut out);
        }
        return out;
    }
    // the doer: right after the cue («هجوم داعش على»), else the nearest actor before it
    let genitive = entities
        .iter()
        .find(|e| e.start >= cue.end && s.words_between(cue.end, e.start) <= 1);
    // the doer is no one's object: «عمل عسكري ضد قوات النظام … المواجهة مع إيران»
    let opposition = lex.opposition_markers.find(&s.ntext);
    // … nor a backer («تواصل القوات العراقية بدعم من التحالف الدولي هجماتها على داعش»)
    let before = entities
        .iter()
        .rev()
        .filter(|e| !lists.backs_a_side(s, &e.id))
        .find(|e| e.end <= cue.start && s.words_between(e.end, cue.start) <= CUE_REACH_WORDS)
        .filter(|e| !s.follows(e.start, &opposition));
    // «على», «ضد»: the opponent follows it
    let marker = opposition.iter().copied().find(|m| {
        m.start >= cue.end
            && (s.words_between(cue.end, m.start) <= MARKER_REACH_WORDS
                && no_actor_between(cue.end, m.start)
                || genitive
                    .is_some_and(|g| m.start >= g.end && s.words_between(g.end, m.start) <= 1))
    });
    let (doer, opponent) = match marker {
        Some(m) => {
            let opponent = entities
                .iter()
                .find(|e| e.start >= m.end && s.words_between(m.end, e.start) <= MARKER_REACH_WORDS)
                .or_else(|| holder_of_the_ground(s, entities, m.end, kb));
            let doer = genitive.filter(|g| g.end <= m.start).or(before);
            (doer, opponent)
        }
        // «X يقاتل Y»; but «غارات التحالف» names the doer after the cue, and no opponent
        None if cue_def.doer_after => (None, None),
        // «تقاتل قوات البيشمركة تنظيم داعش»: a verb first, its subject, then its object
        // right after it («للتصدي لداعش ووصف حزب العمال …» is no such pair)
        None if before.is_none() => {
            let object = genitive.and_then(|g| {
                entities
                    .iter()
                    .find(|e| e.start >= g.end && s.words_between(g.end, e.start) == 0)
            });
            (genitive, object)
        }
        None => (before, genitive),
    };
    if let (Some(x), Some(y)) = (doer, opponent) {
        // the whole lists of both: «غارات على مواقع الحوثيين وقوات صالح»
        let list_of = |e: &'e EntityRef| -> Vec<&'e EntityRef> {
            let mut l: Vec<&'e EntityRef> = entities
                .iter()
                .filter(|o| o.id != e.id && lists.same_side(s, &o.id, &e.id))
                .collect();
            l.push(e);
            l
        };
        let doers = list_of(x);
        for a in &doers {
            for b in list_of(y) {
                hostile(a, b, &mut out);
            }
        }
        // «يفرض مقاتلو المقاومة الشعبية وقوات من الجيش حصارا على …»: the forces and armed
        // groups listed as its doer act together (a state and its own forces are one side;
        // states that face one enemy, «تواجه أفغانستان واليمن جماعات متطرفة», are no allies)
        let armed = |e: &EntityRef| matches!(e.kind, ActorKind::ArmedGroup | ActorKind::StateForce);
        for (n, a) in doers.iter().enumerate() {
            for b in doers.iter().skip(n + 1) {
                if a.id != b.id && armed(a) && armed(b) {
                    out.push(("ALLY", a.id.clone(), b.id.clone()));
                }
            }
        }
    }
    out
}

/// **Who holds the ground an opposed act is aimed at** («حصارا محكما على معسكر لبوزة الذي
/// تتحصن فيه ميليشيات الحوثي»): after the marker at `from`, a few words of ground naming no
/// actor, one of kb `held_by` and the actor right after it.
fn holder_of_the_ground<'e>(
    s: &SentenceView,
    entities: &'e [EntityRef],
    from: usize,
    kb: &Kb,
) -> Option<&'e EntityRef> {
    let held = kb
        .events
        .held_by_markers
        .find(&s.ntext)
        .into_iter()
        .find(|h| h.start >= from && s.words_between(from, h.start) <= GROUND_REACH_WORDS)?;
    if entities
        .iter()
        .any(|e| e.start >= from && e.end <= held.start)
    {
        return None;
    }
    entities
        .iter()
        .find(|e| e.start >= held.end && s.words_between(held.end, e.start) <= 1)
}

/// **An adverbial support cue relates the subject, not the nearest actor**: «حررت المقاومة
/// المدينة من قبضة الحوثيين، بدعم من قوات التحالف» — the actor right before «بدعم» is the
/// enemy the subject fought, not the one backed. An ALLY cue of the nearest pair inside a
/// `backing` marker is left to `backed_subject`.
fn yields_to_backed_subject(
    cue: &PhraseMatch,
    block: &RelationCue,
    backing: &[PhraseMatch],
) -> bool {
    block.kind == "ALLY"
        && !block.both_sides
        && !block.opposed
        && backing
            .iter()
            .any(|b| b.start <= cue.start && cue.end <= b.end)
}

/// **Ground taken from an enemy** («استطاعت القوات العراقية تحرير الجامعة من عصابات داعش»,
/// «حررت المقاومة المدينة من قبضة الحوثيين»): whoever liberates or takes back a place is
/// hostile to the one it is taken from, named after a `taken_from` marker right after the
/// place. The doer stands right after a verb («حررت المقاومة …») or before the cue («القوات
/// … تحرير»). Not a loser: a backer («بدعم من التحالف»: the marker is the support marker's)
/// nor the doer's own men («استعادت عناصر من الحشد»: «من» after a member word).
fn taken_from_pairs(
    s: &SentenceView,
    entities: &[EntityRef],
    cue: &PhraseMatch,
    kb: &Kb,
    lists: &Lists,
) -> Vec<(&'static str, String, String)> {
    let Some(taken) = s.taken_from(entities, cue.end, &kb.events) else {
        return Vec::new();
    };
    let loser = taken.loser;
    let opposition = kb.events.opposition_markers.find(&s.ntext);
    let doer = taken.genitive.or_else(|| {
        entities
            .iter()
            .rev()
            .find(|e| e.end <= cue.start && s.words_between(e.end, cue.start) <= CUE_REACH_WORDS)
            .filter(|e| !s.follows(e.start, &opposition))
    });
    match doer {
        Some(d)
            if d.id != loser.id
                && !lists.same_side(s, &d.id, &loser.id)
                && !lists.backs_a_side(s, &d.id)
                && !lists.backs_a_side(s, &loser.id) =>
        {
            vec![("HOSTILE", d.id.clone(), loser.id.clone())]
        }
        _ => Vec::new(),
    }
}

/// One relation a sentence states.
struct Stated {
    kind: &'static str,
    a: String,
    b: String,
    evidence: Evidence,
}

/// Relations a sentence states with a cue of `kb/events.toml`.
fn stated_relations(kb: &Kb, s: &SentenceView, lists: &Lists) -> Vec<Stated> {
    let mut out = Vec::new();
    let lex = &kb.events;
    let cues = lex.relation_cues.find(&s.ntext);
    let between = &s.between_marks.between;
    let adversaries = lex.adversary_markers.find(&s.ntext);
    // what an ALLY cue must not reach across: hostile cues, «ضد», and attacks («بعد ضرب
    // حلفاء واشنطن»: the allies are the attack's target, not the attacker's)
    let attacks = s
        .triggers
        .iter()
        .copied()
        .filter(|t| lex.def(t.payload).is_some_and(|d| d.kind == "ATTACK"));
    let hostile: Vec<PhraseMatch> = cues
        .iter()
        .filter(|c| {
            lex.relation_blocks
                .get(c.payload)
                .is_some_and(|b| b.kind == "HOSTILE")
        })
        .cloned()
        .chain(adversaries.iter().cloned())
        .chain(attacks)
        .collect();
    let backing = lex.backing_markers.find(&s.ntext);
    for cue in &cues {
        let Some(block) = lex.relation_blocks.get(cue.payload) else {
            continue;
        };
        // «لا تنسيق بين …», «لم يدعم …»: a denied relation is none
        if s.inside_name(cue.start, cue.end)
            || yields_to_backed_subject(cue, block, &backing)
            || s.negated(cue.start, lex)
        {
            continue;
        }
        // who condemns or welcomes is no party («أدانت مصر والأردن …»), nor who speaks;
        // the opponent after «ضد» is no ally
        let entities: Vec<EntityRef> = s
            .clause_entities(cue.start)
            .into_iter()
            .filter(|e| !lists.is_bystander(s, e) && !lists.speaks(s, e))
            .filter(|e| block.kind != "ALLY" || !s.follows(e.start, &adversaries))
            .collect();
        let edges: Vec<(&'static str, String, String)> = if block.opposed {
            opposed_pairs(s, &entities, cue, block, kb, lists)
        } else if block.taken_from {
            taken_from_pairs(s, &entities, cue, kb, lists)
        } else {
            let pair = if block.both_sides {
                pair_on_both_sides(s, &entities, cue)
            } else {
                pair_around(s, &entities, between, cue.start, cue.end)
                    .filter(|p| block.kind != "ALLY" || ally_pair_holds(s, cue, *p, &hostile))
            };
            pair.map(|(a, b)| (block.kind, a.id.clone(), b.id.clone()))
                .into_iter()
                .filter(|(kind, a, b)| *kind != "HOSTILE" || !lists.same_side(s, a, b))
                .collect()
        };
        if edges.is_empty() {
            continue;
        }
        let word = s.normalized_span(cue.start, cue.end);
        for (kind, a, b) in edges {
            out.push(Stated {
                kind,
                a,
                b,
                evidence: s.evidence(format!("relation:cue «{word}»")),
            });
        }
    }
    out
}

/// **The backed subject** («تواصل القوات العراقية بدعم من التحالف الدولي عملياتها», «حررت
/// المقاومة الشعبية المدينة من قبضة الحوثيين، بدعم من قوات التحالف»): an armed actor right
/// after an adverbial support marker (`backing`) backs the clause's subject, the armed actor
/// opening the clause that nothing marks as an object, a victim or a backer (the actor right
/// before «بدعم» is often the enemy: «… من قبضة الحوثيين بدعم من …»). ALLY. Adjectives of
/// the name before them («المقاومة المدعومة من التحالف») are the ALLY joiners' and are left
/// to them.
fn backed_subject(g: &mut Graph, s: &SentenceView, lists: &Lists, stated: &[Stated]) {
    let lex = &g.kb.events;
    let markers = lex.backing_markers.find(&s.ntext);
    if markers.is_empty() {
        return;
    }
    let joiners = ally_joiners(g.kb, s);
    let objects: Vec<PhraseMatch> = lex
        .opposition_markers
        .find(&s.ntext)
        .into_iter()
        .chain(lex.adversary_markers.find(&s.ntext))
        .chain(lex.target_markers.find(&s.ntext))
        .chain(lex.patient_markers.find(&s.ntext))
        .chain(lex.taken_from_markers.find(&s.ntext))
        .collect();
    let fighting = |id: &str| g.kinds.get(id).is_some_and(|k| fighting_kind(*k));
    let speech = lex.speech_verbs.find(&s.ntext);
    let light = lex.light_verbs.find(&s.ntext);
    let mut pairs = Vec::new();
    for m in markers {
        // «قامت بدعم الوحدات الكردية»: the object of a light verb, the verb's subject the
        // supporter (a support cue reads it)
        let after_light_verb = light
            .iter()
            .any(|v| v.end <= m.start && s.words_between(v.end, m.start) == 0);
        if after_light_verb || joiners.iter().any(|j| j.start < m.end && m.start < j.end) {
            continue;
        }
        let Some(backer) = s.entities.iter().find(|e| {
            e.start >= m.end
                && s.words_between(m.end, e.start) <= BACKER_REACH_WORDS
                && !s
                    .entities
                    .iter()
                    .any(|o| o.start >= m.end && o.end <= e.start)
        }) else {
            continue;
        };
        // the subject opens the marker's clause («وكانت القوات العراقية، بمساعدة …»), and no
        // relative clause stands between it and the marker («الحوثيون الذين يواجهون عملية
        // … تجري بدعم من …» backs the operation against them)
        let (clause_start, _) = s.clause(m.start);
        // … or the report the clause tells («وذكرت مصادر محلية أن المقاومة الشعبية مدعومة
        // بغطاء جوي …»)
        let clause_start = s
            .report_opening(clause_start, m.start, &speech)
            .unwrap_or(clause_start);
        let subject = s
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.start >= clause_start)
            .min_by_key(|(_, e)| e.start)
            .filter(|(i, e)| {
                e.end <= m.start
                    && s.words_between(clause_start, e.start) <= SUBJECT_OPENING_WORDS
                    && !s
                        .words_between_list(e.end, m.start)
                        .iter()
                        .any(|w| lex.relative_pronouns.contains(w))
                    && fighting(&e.id)
                    && !lists.supporter[*i]
                    && !lists.victim[*i]
                    && !s.follows(e.start, &objects)
                    && !lists.speaks(s, e)
                    && !lists.is_bystander(s, e)
            })
            .map(|(_, e)| e);
        if let Some(x) = subject {
            let hostile = stated.iter().any(|h| {
                h.kind == "HOSTILE"
                    && ((h.a == x.id && h.b == backer.id) || (h.a == backer.id && h.b == x.id))
            });
            if x.id != backer.id && fighting(&backer.id) && !hostile {
                pairs.push((x.id.clone(), backer.id.clone()));
            }
        }
    }
    for (a, b) in pairs {
        let enemies = enemies_in_sentence(g, s, stated, &a);
        g.add("ALLY", &a, &b, s.evidence("relation:backed_subject"));
        for enemy in enemies {
            if enemy != b && !lists.same_side(s, &enemy, &b) {
                g.add(
                    "HOSTILE",
                    &b,
                    &enemy,
                    s.evidence("relation:backer_shares_enemy"),
                );
            }
        }
    }
}

/// The actors this sentence makes HOSTILE to `id`: through its events' edges (already in
/// the graph, with this sentence as evidence) or a stated cue.
fn enemies_in_sentence(g: &Graph, s: &SentenceView, stated: &[Stated], id: &str) -> Vec<String> {
    let other = |a: &str, b: &str| {
        if a == id {
            Some(b.to_string())
        } else if b == id {
            Some(a.to_string())
        } else {
            None
        }
    };
    let from_events = g.edges.iter().filter(|r| {
        r.kind == "HOSTILE"
            && r.evidence
                .iter()
                .any(|e| e.start == s.span.start && e.end == s.span.end)
    });
    let mut out: Vec<String> = from_events
        .filter_map(|r| other(&r.a, &r.b))
        .chain(
            stated
                .iter()
                .filter(|x| x.kind == "HOSTILE")
                .filter_map(|x| other(&x.a, &x.b)),
        )
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A person's role word and affiliation («أمير تنظيم …», «القيادي في …»): LEADS or MEMBER.
fn relations_of_persons(g: &mut Graph, actors: &[Actor], sentences: &[SentenceView]) {
    for p in actors.iter().filter(|a| a.kind == ActorKind::Person) {
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
                    s.evidence(format!("relation:person_{role}+kb/people.toml")),
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
                        s.evidence(format!("relation:person_{role}")),
                    );
                }
            }
        }
    }
}

/// Every mention of a person with the sentence that holds it.
fn person_mentions<'a>(
    actors: &'a [Actor],
    sentences: &'a [SentenceView],
) -> impl Iterator<Item = (&'a Actor, &'a rasid_model::Mention, &'a SentenceView)> {
    actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .flat_map(|p| p.mentions.iter().map(move |m| (p, m)))
        .filter_map(move |(p, m)| {
            sentences
                .iter()
                .find(|s| s.span.start <= m.start && m.end <= s.span.end)
                .map(|s| (p, m, s))
        })
}

/// **A role phrase between a person and an actor** («أبو علي الشيشاني أحد قياديي جبهة النصرة»,
/// «ميلود الزوي، المتحدث الرسمي للقوات الخاصة»): when only a comma and one of
/// `member_roles_after_name` stand between a person's mention and the next actor of its
/// sentence, the person is a MEMBER of that actor. Covers the role phrases the person rules
/// do not read after a name; for a person of `kb/people.toml`, only a group the dictionary
/// relates them to.
fn members_by_role_after_name(g: &mut Graph, actors: &[Actor], sentences: &[SentenceView]) {
    let roles = &g.kb.events.member_roles_after_name;
    let groups: Vec<(&Actor, &rasid_model::Mention)> = actors
        .iter()
        .filter(|a| a.kind != ActorKind::Person)
        .flat_map(|a| a.mentions.iter().map(move |m| (a, m)))
        .collect();
    let mut pairs = Vec::new();
    for (p, m, s) in person_mentions(actors, sentences) {
        let Some((group, at)) = groups
            .iter()
            .filter(|(_, x)| x.start >= m.end && x.end <= s.span.end)
            .min_by_key(|(_, x)| x.start)
        else {
            continue;
        };
        let gap: String = s
            .text
            .chars()
            .skip(m.end - s.span.start)
            .take(at.start - m.end)
            .collect();
        let words: Vec<String> = rasid_text::normalize(&gap)
            .split(|c: char| !rasid_text::script::is_letter(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        // a known person's role naming a group the dictionary does not relate them to is
        // a misread name («المتحدث باسم طالبان» read as another Taliban)
        let known = g.kb.people.by_id(&p.id);
        let consistent = known.is_none_or(|k| crate::persons::related_to_known(k, &group.id, g.kb));
        if consistent && !words.is_empty() && roles.contains(&words) {
            pairs.push((p.id.clone(), group.id.clone(), s));
        }
    }
    for (person, group, s) in pairs {
        g.add(
            "MEMBER",
            &person,
            &group,
            s.evidence("relation:role_after_name"),
        );
    }
}

/// **Counted among a group's men** («قتل 11 مسلحا من تنظيم داعش بينهم القيادي أبو حارث
/// القادري», «مقتل 12 عنصرا من قوات النظام بينهم العميد …»): a person at most
/// [`LISTED_TITLE_WORDS`] words after one of kb `listed_among` («بينهم»), whose men an armed
/// group or a state force counts right before it — named after «من», at most
/// [`LISTED_GROUP_WORDS`] words before the marker — is a MEMBER of it, or LEADS it after a
/// leading role («بينهم قائد الفرقة العقيد نديم الحسن»). Not a state («20
/// متطرفا من تونس بينهم …» is a nationality) nor a group the dictionary does not relate a
/// known person to.
fn members_listed_among(g: &mut Graph, actors: &[Actor], sentences: &[SentenceView]) {
    let listed = &g.kb.events.listed_among;
    let mut pairs = Vec::new();
    for (p, m, s) in person_mentions(actors, sentences) {
        let at = m.start - s.span.start;
        let before: Vec<(usize, usize, String)> = s
            .words_after(0, usize::MAX)
            .into_iter()
            .filter(|(_, end, _)| *end <= at)
            .collect();
        let Some((marker_start, marker_end, _)) = before
            .iter()
            .rev()
            .take(LISTED_TITLE_WORDS + 1)
            .find(|(_, _, w)| listed.contains(w.strip_prefix('و').unwrap_or(w)))
        else {
            continue;
        };
        // «بينهم قائد الفرقة العقيد نديم الحسن»: a leading role between leads
        let leads =
            g.kb.persons
                .triggers
                .find(&s.normalized_span(*marker_end, at))
                .iter()
                .any(|t| {
                    rasid_kb::PersonTrigger::from_payload(t.payload)
                        == Some(rasid_kb::PersonTrigger::Leads)
                });
        let group = s.entities.iter().rev().find(|e| {
            e.end <= *marker_start
                && s.words_between(e.end, *marker_start) <= LISTED_GROUP_WORDS
                && matches!(e.kind, ActorKind::ArmedGroup | ActorKind::StateForce)
                && s.words_before(e.start, 2).iter().any(|w| w == "من")
        });
        let Some(group) = group else { continue };
        let known = g.kb.people.by_id(&p.id);
        if known.is_none_or(|k| crate::persons::related_to_known(k, &group.id, g.kb)) {
            let kind = if leads { "LEADS" } else { "MEMBER" };
            pairs.push((kind, p.id.clone(), group.id.clone(), s));
        }
    }
    for (kind, person, group, s) in pairs {
        g.add(kind, &person, &group, s.evidence("relation:listed_among"));
    }
}

/// How many words (a rank, «القيادي», «المدعو») may stand between «بينهم» and the person.
const LISTED_TITLE_WORDS: usize = 3;

/// How many words may stand between the group counted and «بينهم» («من تنظيم داعش الإرهابي،
/// بينهم»).
const LISTED_GROUP_WORDS: usize = 2;

/// A headline is no evidence of what the body says: an edge the body supports keeps only
/// the body's sentences, and an ALLY or HOSTILE edge seen only in the headline goes when the
/// body relates the same two actors with a sign of its own (headlines are terse and easily
/// misread: «مقتل 25 حوثيا جراء غارات التحالف …»).
fn keep_body_evidence(edges: &mut Vec<Relation>, headline: Option<Span>) {
    let Some(h) = headline else {
        return;
    };
    let in_headline = |e: &Evidence| e.start >= h.start && e.end <= h.end;
    let pair = |r: &Relation| {
        if r.a <= r.b {
            (r.a.clone(), r.b.clone())
        } else {
            (r.b.clone(), r.a.clone())
        }
    };
    let signed_in_body: Vec<(String, String)> = edges
        .iter()
        .filter(|r| {
            rasid_kb::relation_is_symmetric(&r.kind) && r.evidence.iter().any(|e| !in_headline(e))
        })
        .map(pair)
        .collect();
    for r in edges.iter_mut() {
        let body = r.evidence.iter().any(|e| !in_headline(e));
        if body {
            r.evidence.retain(|e| !in_headline(e));
        } else if rasid_kb::relation_is_symmetric(&r.kind) && signed_in_body.contains(&pair(r)) {
            r.evidence.clear();
        }
    }
    edges.retain(|r| !r.evidence.is_empty());
}

/// Relations of one article from its merged events, its sentences and its persons.
/// `headline` is the span of the article's title line, when it has one.
pub(crate) fn recognize_relations(
    events: &[Candidate],
    sentences: &[SentenceView],
    actors: &[Actor],
    kb: &Kb,
    headline: Option<Span>,
) -> Vec<Relation> {
    let mut g = Graph {
        kb,
        kinds: actors.iter().map(|a| (a.id.clone(), a.kind)).collect(),
        edges: Vec::new(),
        index: HashMap::new(),
    };
    let lists: Vec<Lists> = sentences.iter().map(|s| Lists::of(s, kb)).collect();
    let stated: Vec<Vec<Stated>> = sentences
        .iter()
        .zip(&lists)
        .map(|(s, l)| {
            if s.entities.len() < 2 {
                Vec::new()
            } else {
                stated_relations(kb, s, l)
            }
        })
        .collect();
    relations_from_events(&mut g, events, sentences, &lists, &stated);
    for ((s, said), l) in sentences.iter().zip(stated).zip(&lists) {
        if s.entities.len() < 2 {
            continue;
        }
        parents_named_together(&mut g, s);
        backed_subject(&mut g, s, l, &said);
        for x in said {
            g.add(x.kind, &x.a, &x.b, x.evidence);
        }
    }
    relations_of_persons(&mut g, actors, sentences);
    members_by_role_after_name(&mut g, actors, sentences);
    members_listed_among(&mut g, actors, sentences);
    keep_body_evidence(&mut g.edges, headline);
    g.edges
}
