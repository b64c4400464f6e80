//! Events of an article: a trigger from `kb/events.toml` in a sentence that names
//! at least one actor becomes an event of the trigger's type. Its arguments come from the
//! same sentence: actors and their roles (markers such as «على», «ضد», «من قبل», else the
//! trigger's default grammar), the most specific place, the sentence's date (else the
//! article's), casualties (ACLED's conservative counting) and modality («تبنى», «مصادر»,
//! «من المرجح», «يخطط», «نفى»). A negated trigger («لم يهاجم») gives no event. Sentences
//! reporting the same event (same type, shared actor, compatible place and date) merge
//! into one event that keeps every sentence as evidence.

mod air_force;
mod arguments;
mod article_place;
pub(crate) mod between;
mod merge;
mod occurrence;
mod other_side;
mod role_model;
mod sentence;

use sentence::PlaceRef;
pub use sentence::{ArticleFacts, EntityRef, SentenceView};

use rasid_kb::{EventLexicon, Kb, PhraseMatch, TriggerDef, TriggerRoles, MODALITIES};
use rasid_model::{ActorKind, Event, Evidence, RoleReading};

use arguments::{casualties, pick_place, roles_of, Grammar};
use occurrence::{aim_described, asks, ground_not_taken, occurrence};

/// One candidate event read from one sentence.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub event: Event,
    /// Actor ids by role, for relations.
    pub initiators: Vec<String>,
    pub targets: Vec<String>,
    pub mediators: Vec<String>,
    /// Actors of the clause with no role in the event (only mentioned; parties of a meeting).
    pub others: Vec<String>,
    /// A clash: the initiator against all others.
    pub mutual: bool,
    /// A meeting or an agreement: `others` are parties too.
    pub symmetric: bool,
    /// Place country, for merging a country-level place into a finer one.
    pub place_country: Option<String>,
    pub place_is_country: bool,
    /// The place is a province or district, not a town.
    pub place_is_region: bool,
    /// The roles each sentence gave the event, kept through merging: a relation is read
    /// from its own sentence's report, not from the union.
    pub reports: Vec<Report>,
    /// The trigger points back to an act told before, and how.
    pub refers_back: Option<Retelling>,
    /// How its trigger's roles were read (taken out as soon as the candidate is made).
    pub reading: Option<RoleReading>,
    /// An item of a list of acts: (its sentence's start in the document, its clause's
    /// start). Two items of one list are two acts, never merged.
    pub list_item: Option<(usize, usize)>,
    /// Those acted on whom only another sentence of the article names (the side that lost
    /// the ground): in the event's `targets`, not among its `actors`, which are the parties
    /// its own sentences name; no relation is read from them.
    pub named_elsewhere: Vec<String>,
}

/// How a trigger points back to an act the article told before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Retelling {
    /// «هذا الهجوم»: the sentence speaks about the act; its actors are no parties.
    Demonstrative,
    /// «إن الهجوم استهدف أيضا …», «أن الانفجار نفذه تنظيم داعش»: the act again. The armed
    /// groups its sentence makes doers fill a doer the act lacks; a state or a force named
    /// beside a retold act speaks of it, condemns it or counts its dead («وأعلنت حكومة مالي
    /// حصيلة ضحايا الهجوم»).
    Definite { group_doers: Vec<String> },
}

/// The roles one trigger of a sentence (starting at `start` in the document) gave an event.
/// Two acts of one sentence merged into one event keep a report each: «يواصل طيران التحالف
/// غاراته على مواقع الحوثيين، تزامنا مع المواجهات بين الحوثيين والمقاومة» does not make the
/// coalition the resistance's enemy.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub start: usize,
    /// The trigger's rule («event:trigger «غاراته»»): where in the sentence the act is told.
    pub rule: String,
    pub initiators: Vec<String>,
    pub targets: Vec<String>,
    pub mediators: Vec<String>,
    pub others: Vec<String>,
    pub mutual: bool,
}

impl Candidate {
    /// The event's actors as the contract orders them: the doer first, those acted on, a
    /// meeting's other parties, its mediators; and apart, in `targets`, those acted on. No
    /// actors when the text names no doer: those acted on are then only in `targets`,
    /// never in the doer's place.
    fn set_actors(&mut self) {
        let acted_on: Vec<String> = self
            .targets
            .iter()
            .filter(|id| !self.initiators.contains(id))
            .cloned()
            .collect();
        self.event.targets = party_order([&acted_on, &self.named_elsewhere, &[], &[]], &[]);
        if self.initiators.is_empty() {
            self.event.actors = Vec::new();
            return;
        }
        let others: &[String] = if self.symmetric { &self.others } else { &[] };
        self.event.actors = party_order(
            [&self.initiators, &self.targets, others, &self.mediators],
            &[],
        );
    }

    /// Add `named_in`, the sentence that names a side this act's own sentences do not, to
    /// its evidence, marked with `rule` (one of [`INFERRED_EVIDENCE`]).
    fn add_inferred_evidence(&mut self, named_in: &Evidence, rule: &str) {
        if !self
            .event
            .mentions
            .iter()
            .any(|m| m.start == named_in.start)
        {
            self.event.mentions.push(Evidence {
                rule: rule.to_string(),
                ..named_in.clone()
            });
        }
    }

    /// **Ground told taken twice in one clause** («سيطرت المقاومة على معسكر لبوزة بعد طرد
    /// الحوثيين منه»): the second telling is the same act; those it says lost the ground,
    /// when not the first telling's doers, lost it in this one too.
    fn take_losers(&mut self, again: &Candidate) {
        let losers: Vec<String> = again
            .targets
            .iter()
            .filter(|id| !self.initiators.contains(id) && !self.targets.contains(id))
            .cloned()
            .collect();
        if losers.is_empty() {
            return;
        }
        self.targets.extend(losers.iter().cloned());
        if let Some(report) = self.reports.last_mut() {
            report.targets.extend(losers);
        }
        self.set_actors();
    }

    /// Doers and those acted on (and a meeting's parties): who the event is about.
    fn parties(&self) -> impl Iterator<Item = &String> {
        let others: &[String] = if self.symmetric { &self.others } else { &[] };
        self.initiators.iter().chain(&self.targets).chain(others)
    }
}

/// The evidence rules of a side read from another sentence of the article (a takeover's
/// loser, the article's one air force): those sentences are no report of the act, so
/// relations and the confidence's signals leave them out.
const INFERRED_EVIDENCE: [&str; 3] = [other_side::RULE, air_force::RULE, article_place::RULE];

/// The rule of the evidence that gave an act the article's place, not its own sentences'.
pub(crate) const ARTICLE_PLACE_RULE: &str = article_place::RULE;

/// Is `m` a sentence that reports the act (not one a side was read from)?
pub(crate) fn reports_the_act(m: &Evidence) -> bool {
    !INFERRED_EVIDENCE.contains(&m.rule.as_str())
}

/// The cues of one sentence that every trigger of it reads, found once.
struct SentenceCues {
    modality: Vec<PhraseMatch>,
    bystanders: Vec<PhraseMatch>,
    replies: Vec<PhraseMatch>,
    adversaries: Vec<PhraseMatch>,
    owners: Vec<PhraseMatch>,
    topics: Vec<PhraseMatch>,
    attributions: Vec<PhraseMatch>,
    speech: Vec<PhraseMatch>,
    state_agent_words: Vec<PhraseMatch>,
    authorities: Vec<PhraseMatch>,
    irrealis: Vec<PhraseMatch>,
    irrealis_in_clause: Vec<PhraseMatch>,
    background: Vec<PhraseMatch>,
    trend: Vec<PhraseMatch>,
    /// «لم يستطع», «محاولات»: ground after one was not taken.
    failed_ground: Vec<PhraseMatch>,
    unreal_after: Vec<PhraseMatch>,
    future_after: Vec<PhraseMatch>,
    campaign_after: Vec<PhraseMatch>,
    /// «لم تعلن أي جهة مسؤوليتها»: the sentence's claim cues claim nothing.
    unclaimed: Vec<PhraseMatch>,
    excluded: Vec<PhraseMatch>,
    /// «تعرضت»: what follows was suffered.
    suffered: Vec<PhraseMatch>,
    /// «الحدود مع»: what follows is a place.
    place_markers: Vec<PhraseMatch>,
    /// «في», «ريف»: a state right after one is a place.
    state_place_markers: Vec<PhraseMatch>,
    /// «قرب», «غرب»: a place right after one may say where another lies.
    reference_points: Vec<PhraseMatch>,
    venues: Vec<PhraseMatch>,
    /// «حلفاء»: what follows qualifies another party.
    non_party_heads: Vec<PhraseMatch>,
    /// «المصدر المقرب من»: what follows does not speak for itself.
    close_sources: Vec<PhraseMatch>,
    /// «بمساعدة»: what follows backs the act.
    backing: Vec<PhraseMatch>,
    /// «هذا», «تلك»: a trigger right after one is an act told before.
    demonstratives: Vec<PhraseMatch>,
    retellings: Vec<PhraseMatch>,
}

impl SentenceCues {
    fn find(s: &SentenceView, lex: &EventLexicon) -> Self {
        let t = s.ntext.as_str();
        Self {
            modality: lex.modality.find(t),
            bystanders: lex.bystander_markers.find(t),
            replies: lex.reply_markers.find(t),
            adversaries: lex.adversary_markers.find(t),
            owners: lex.owner_markers.find(t),
            topics: lex.topic_markers.find(t),
            attributions: lex.attribution_markers.find(t),
            speech: lex.speech_verbs.find(t),
            state_agent_words: lex.state_agent_words.find(t),
            authorities: lex.authority_words.find(t),
            irrealis: lex.irrealis.find(t),
            irrealis_in_clause: lex.irrealis_in_clause.find(t),
            background: lex.background.find(t),
            trend: lex.trend.find(t),
            failed_ground: lex.failed_ground.find(t),
            unreal_after: lex.unreal_after.find(t),
            future_after: lex.future_after.find(t),
            campaign_after: lex.campaign_after.find(t),
            unclaimed: lex.unclaimed.find(t),
            excluded: lex.exclusions.find(t),
            suffered: lex.patient_markers.find(t),
            place_markers: lex.place_markers.find(t),
            state_place_markers: lex.state_place_markers.find(t),
            reference_points: lex.reference_point_markers.find(t),
            venues: lex.venue_markers.find(t),
            non_party_heads: lex.non_party_heads.find(t),
            close_sources: lex.close_source_markers.find(t),
            backing: lex.backing_markers.find(t),
            demonstratives: lex.demonstratives.find(t),
            retellings: lex.retelling_nouns.find(t),
        }
    }
}

/// «إن/أن» after a speech verb, normalised: a report follows. With a pronoun («إنه») the
/// speaker reports its own act.
const THAT: &str = "ان";

/// «بأن» after a speech verb («صرح المتحدث بأن …», «أفادت المصادر بأن …»), normalised: a
/// report follows, as after «أن».
const BY_THAT: &str = "بان";

/// What every sentence of the article shares.
struct ArticleContext<'a> {
    kb: &'a Kb,
    /// The state force the article names most: the doer of «ضربات أمنية» and of an arrest
    /// by unnamed authorities.
    state_force: Option<&'a str>,
}

/// Recognise the events of one article; also returns the role-labelled candidates (after
/// merging) that relations are read from. How each trigger's roles were read goes to
/// `readings`.
pub(crate) fn recognize_events(
    sentences: &[SentenceView],
    published: Option<&str>,
    kb: &Kb,
    readings: &mut Vec<RoleReading>,
) -> Vec<Candidate> {
    let ctx = ArticleContext {
        kb,
        state_force: main_state_force(sentences),
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    for s in sentences {
        let before = std::mem::replace(
            &mut previous,
            s.entities.iter().map(|e| e.id.clone()).collect(),
        );
        if asks(s, &kb.events) {
            continue;
        }
        let cues = SentenceCues::find(s, &kb.events);
        // the type, clause start, trigger end and mutuality of each act read in the sentence
        let mut seen_types: Vec<(&str, usize, usize, bool)> = Vec::new();
        let own_clashes = clashes_of_their_own(s, kb);
        let mut list_doers: Vec<(&str, Vec<String>)> = Vec::new();
        for t in s.triggers.iter().copied() {
            let Some(def) = kb.events.def(t.payload) else {
                continue;
            };
            let clause = s.clause(t.start);
            // a second act of a type in another clause of the sentence («هجوم لداعش …، ورد
            // الطيران التركي بمهاجمة …»): only its own clause's actors are its parties
            let second = seen_types.iter().any(|(k, _, _, _)| *k == def.kind);
            let item = s.item_bounds.contains(&clause.0);
            let listed = list_doers
                .iter()
                .rev()
                .find(|(k, _)| item && *k == def.kind)
                .map_or(&[][..], |(_, d)| d.as_slice());
            let mutual = def.roles == TriggerRoles::Mutual;
            let own_clash = mutual && own_clashes.contains(&t.start);
            let told_again = seen_types.iter().any(|&(k, c, end, was_mutual)| {
                k == def.kind
                    && c == clause.0
                    && !answered_between(&cues, end, t.start)
                    // a clash of its own after a one-sided act is another act
                    && (was_mutual || !own_clash)
            });
            let scope = Scope {
                cues: &cues,
                own_clause_only: second,
                listed,
                told_again,
                ends_at: (!mutual)
                    .then(|| clash_after_in_clause(&own_clashes, t.end, clause.1))
                    .flatten(),
            };
            if told_again {
                if kb.events.ground_taken.contains(&def.kind) {
                    let told_here = |c: &&mut Candidate| {
                        c.event.kind == def.kind
                            && c.reports.last().is_some_and(|r| r.start == s.span.start)
                    };
                    if let (Some(again), Some(first)) = (
                        read_trigger(s, &t, def, scope, &before, &ctx),
                        out.iter_mut().rev().find(told_here),
                    ) {
                        first.take_losers(&again);
                    }
                }
                continue;
            }
            if let Some(mut c) = read_trigger(s, &t, def, scope, &before, &ctx) {
                seen_types.push((def.kind.as_str(), clause.0, t.end, mutual));
                if item || s.item_bounds.contains(&clause.1) {
                    c.list_item = Some((s.span.start, clause.0));
                    list_doers.push((def.kind.as_str(), doers_before(s, &t, &c.initiators)));
                }
                readings.extend(c.reading.take());
                out.push(c);
            }
        }
        if seen_types.is_empty() {
            if let Some((group, claimant, evidence)) = claim_without_act(s, &cues, kb) {
                if let Some(act) = out
                    .iter_mut()
                    .rev()
                    .find(|c| c.initiators.is_empty() && !c.event.background)
                {
                    merge::take_claim(act, group, claimant, evidence);
                }
            }
        }
    }
    let mut merged = merge::merge(out, &kb.events);
    other_side::losers_from_the_other_acts(&mut merged, kb);
    air_force::doer_of_unnamed_aircraft(&mut merged, kb);
    article_place::place_from_the_article(&mut merged, sentences, kb);
    for c in &mut merged {
        fold_states_into_forces(c, kb, true);
        c.set_actors();
        // an event whose sentences give no date happened, as far as the text says, when the
        // article was published
        if c.event.date.is_none() {
            c.event.date = published.map(str::to_string);
        }
    }
    merged
}

/// **A clash beside a one-sided act.** «تعرضت داريا لقصف من قبل قوات النظام، ترافق مع
/// استمرار الاشتباكات بين قوات النظام والمسلحين الموالين لها من جهة، والفصائل المعارضة من
/// جهة أخرى»: the shelling and the clash are two acts. The starts of the sentence's clash
/// triggers that name both their sides ([`arguments::clash_names_both_sides`]): such a clash
/// after a one-sided act of its type in its clause is not that act told again, and the
/// one-sided act's parties are those named before it ([`clash_after_in_clause`]).
fn clashes_of_their_own(s: &SentenceView, kb: &Kb) -> Vec<usize> {
    s.triggers
        .iter()
        .filter(|t| {
            kb.events
                .def(t.payload)
                .is_some_and(|d| d.roles == TriggerRoles::Mutual)
                && arguments::clash_names_both_sides(s, t.end, &kb.events)
        })
        .map(|t| t.start)
        .collect()
}

/// The start of the first clash of its own ([`clashes_of_their_own`]) after `from` and
/// before the clause's end `clause_end`: where a one-sided act's parties end.
fn clash_after_in_clause(own_clashes: &[usize], from: usize, clause_end: usize) -> Option<usize> {
    own_clashes
        .iter()
        .copied()
        .find(|&start| start >= from && start < clause_end)
}

/// **The act answered is another act.** «قصفت المدفعية التركية مواقع للتنظيم ردا على هجوم
/// التنظيم على مركز حدودي»: a reply cue between two triggers of one type in a clause makes the
/// second the act the first answers, not the first told again.
fn answered_between(cues: &SentenceCues, from: usize, to: usize) -> bool {
    cues.replies.iter().any(|m| m.start >= from && m.end <= to)
}

/// **«هذا الهجوم»: an act told before.** A demonstrative right before the trigger
/// («وأعرب الرئيس عن استيائه من هذا الهجوم», «قتل خمسة في تلك الغارات») points back to an
/// act of the article; the merge folds the sentence into it. The trigger is a definite noun:
/// before a verb the demonstrative closes another phrase («إلى ذلك استهدفت غارات …»).
fn after_demonstrative(s: &SentenceView, t: &PhraseMatch, cues: &SentenceCues) -> bool {
    cues.demonstratives.iter().any(|m| {
        if m.end > t.start {
            return false;
        }
        // the trigger's article is written in the gap, or is the trigger's own first letters
        match s.normalized_span(m.end, t.start).trim_start() {
            ARTICLE => true,
            "" => s.normalized_span(t.start, t.end).starts_with(ARTICLE),
            _ => false,
        }
    })
}

/// **«الهجوم» with no place: the act told last.** A trigger whose word is one of the kb's
/// `retelling_nouns` (a definite singular noun of one act, proclitics aside: «وإن الهجوم»,
/// «للهجوم») and whose clause names no place for it. Not one a relative clause describes
/// («وأصيب في الهجوم الذي استهدف مدرعة أربعة مجندين»): that names an act by what it did, and
/// may be another one.
fn definite_retelling(
    s: &SentenceView,
    t: &PhraseMatch,
    (cues, placed): (&SentenceCues, bool),
    lex: &EventLexicon,
) -> bool {
    if placed {
        return false;
    }
    let (start, end) = s.letters_around(t.start);
    let retold = cues
        .retellings
        .iter()
        .any(|m| m.start >= start && m.end == end && m.start <= t.start);
    retold
        && !s
            .words_after(end, RELATIVE_REACH_WORDS)
            .iter()
            .any(|(_, _, w)| lex.relative_pronouns.contains(w))
}

/// How far after a definite act noun a relative pronoun describes it («الهجوم الانتحاري
/// الذي …»).
const RELATIVE_REACH_WORDS: usize = 2;

/// Does the trigger point back to an act told before, and how? `initiators` are the doers
/// its sentence gives it.
fn refers_back(
    s: &SentenceView,
    t: &PhraseMatch,
    (cues, placed): (&SentenceCues, bool),
    initiators: &[String],
    lex: &EventLexicon,
) -> Option<Retelling> {
    if after_demonstrative(s, t, cues) {
        return Some(Retelling::Demonstrative);
    }
    if !definite_retelling(s, t, (cues, placed), lex) {
        return None;
    }
    let group_doers = initiators
        .iter()
        .filter(|id| {
            s.entities
                .iter()
                .any(|e| e.id == **id && e.kind == ActorKind::ArmedGroup)
        })
        .cloned()
        .collect();
    Some(Retelling::Definite { group_doers })
}

/// **A claim that names a group but no act of a known type** («وتبنى تنظيم داعش
/// الجريمة», «وأعلنت حركة الشباب مسؤوليتها عن العملية»): the claimant of the latest act
/// the article left without a doer (the caller folds it in). Not when the claim is denied or
/// negated («لم تتبن أي جهة»). Returns the group, the claimant (its media arm's parent when
/// the sentence names the arm) and the sentence as evidence.
fn claim_without_act(
    s: &SentenceView,
    cues: &SentenceCues,
    kb: &Kb,
) -> Option<(String, Option<String>, Evidence)> {
    let claim = cues
        .modality
        .iter()
        .find(|m| MODALITIES.get(m.payload) == Some(&"claimed"))?;
    let denied = cues
        .modality
        .iter()
        .any(|m| MODALITIES.get(m.payload) == Some(&"denied"));
    if denied || !cues.unclaimed.is_empty() || s.negated(claim.start, &kb.events) {
        return None;
    }
    let group = s
        .entities
        .iter()
        .find(|e| e.kind == ActorKind::ArmedGroup)?
        .id
        .clone();
    let claimant = s.claimant(std::slice::from_ref(&group), kb);
    let evidence = s.evidence("event:claim of an earlier act");
    Some((group, claimant, evidence))
}

/// The definite article, normalised.
pub(crate) const ARTICLE: &str = "ال";

/// The ending of an indefinite plural act («هجمات»).
pub(crate) const PLURAL_ACT: &str = "ات";

/// The actors of the trigger's clause that can be its parties: not a media outlet, nor who
/// comments on it («أدانت السودان الهجوم»), reports it («بحسب الجيش», «قال المرصد … إن»),
/// nor the opponent of those who work together («ودعم حربه ضد داعش»).
fn party_candidates(
    s: &SentenceView,
    t: &PhraseMatch,
    cues: &SentenceCues,
    (cooperative, symmetric, own_clause_only): (bool, bool, bool),
) -> Vec<EntityRef> {
    let speakers = speakers_of_reports(s, t, cues);
    let reaction = reaction_before(s, t, cues);
    // «تندد باعتقال القاعدة لخمسة ضباط»: the act condemned right after the cue (a clitic
    // aside); the actor after the act is the act's, not a condemner
    let bystanders: Vec<PhraseMatch> = cues
        .bystanders
        .iter()
        .filter(|m| {
            let act_follows = t.start >= m.end
                && s.words_between_list(m.end, t.start)
                    .iter()
                    .all(|w| w.chars().count() <= 2);
            !act_follows
        })
        .cloned()
        .collect();
    let clause = if own_clause_only {
        s.entities_in_clause(t.start)
    } else {
        s.clause_entities(t.start)
    };
    let condemners = condemners(s, t, &clause, cues);
    let answer = reply_span(s, t, cues);
    let answered = answered_from(s, t, cues);
    clause
        .into_iter()
        .filter(|e| !reaction || e.start >= t.end)
        .filter(|e| answer.is_none_or(|(from, to)| e.start < from || e.start >= to))
        .filter(|e| answered.is_none_or(|from| e.start < from))
        .filter(|e| !condemners.contains(&e.id))
        .filter(|e| !dateline(s, e) && !s.follows(e.start, &cues.place_markers))
        .filter(|e| !state_as_place(s, e, cues))
        .filter(|e| !s.follows(e.start, &cues.non_party_heads))
        .filter(|e| e.kind != ActorKind::Media && !s.follows(e.start, &bystanders))
        .filter(|e| !(cooperative && s.follows(e.start, &cues.adversaries)))
        .filter(|e| !(symmetric && topic_of(s, t, e, cues)))
        .filter(|e| {
            let reporter = s.follows(e.start, &cues.attributions)
                || (e.kind == ActorKind::Organization && s.follows(e.start, &cues.speech))
                || speakers.contains(&e.start);
            !reporter
        })
        .collect()
}

/// **Who condemns the act is no party to it, wherever the sentence names it again.** The
/// condemners of a condemnation cue before the trigger in its clause are the actors before
/// the cue and those a few words after it, before the act («دانت الأمانة العامة لمجلس
/// التعاون … حادث التفجير»); a later mention of one of them («… وأعرب الأمين العام لمجلس
/// التعاون عن …», «أعربت الحكومة التونسية عن إدانتها للعمل الإرهابي … موقف تونس الثابت»)
/// is the same condemner. Returns their ids. Not the one whose deeds are condemned, named
/// further on («أدان السفير الممارسات التي ترتكبها مليشيات الحوثيين»).
fn condemners(
    s: &SentenceView,
    t: &PhraseMatch,
    clause: &[EntityRef],
    cues: &SentenceCues,
) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for m in bystander_cues_before(s, t, cues) {
        for e in clause.iter().filter(|e| e.start < t.start) {
            let subject_after =
                e.start >= m.end && s.words_between(m.end, e.start) <= CONDEMNER_REACH_WORDS;
            if e.end <= m.start || subject_after {
                out.insert(e.id.clone());
            }
        }
    }
    out
}

/// Is cue `m` a short verb whose word carries the article? «العزي» (a surname) is not
/// «عزى» (offered condolences): a verb never takes the article. A noun may («التعازي
/// والمواساة» condoles): only cues of [`SHORT_VERB_CUE_LETTERS`] letters or fewer are so read.
fn with_the_article(s: &SentenceView, m: &PhraseMatch) -> bool {
    if m.end - m.start > SHORT_VERB_CUE_LETTERS {
        return false;
    }
    let (start, _) = s.letters_around(m.start);
    let before = s.normalized_span(start, m.start);
    let before = before.trim_start_matches(['و', 'ف']);
    before.ends_with(ARTICLE) || before.ends_with("لل")
}

/// Cues this short («عزى», «دان») may be a name's letters behind the article («العزي»).
const SHORT_VERB_CUE_LETTERS: usize = 4;

/// How far after a condemnation cue its subject may stand («دانت الأمانة العامة لمجلس
/// التعاون», «أدان السفير محمد الهيصمي مندوب اليمن»).
const CONDEMNER_REACH_WORDS: usize = 4;

/// **What a meeting is about is not who meets**: an actor after a topic marker that follows
/// the trigger («أن اللقاء ناقش التطورات … وما حققته المقاومة الشعبية») — unless «مع» or
/// «بين» stands between the marker and the actor and names parties again.
fn topic_of(s: &SentenceView, t: &PhraseMatch, e: &EntityRef, cues: &SentenceCues) -> bool {
    let Some(topic) = cues
        .topics
        .iter()
        .filter(|m| m.start >= t.end && m.end <= e.start)
        .map(|m| m.end)
        .max()
    else {
        return false;
    };
    !s.words_between_list(topic, e.start)
        .iter()
        .any(|w| PARTY_WORDS.contains(&w.trim_start_matches('و')))
}

/// «مع», «بين»: the parties of a meeting follow.
const PARTY_WORDS: [&str; 2] = ["مع", "بين"];

/// «في سوريا», «ريف دمشق»: a state named right after a word of `state_place_markers` is
/// where the act happened, not one of its parties.
fn state_as_place(s: &SentenceView, e: &EntityRef, cues: &SentenceCues) -> bool {
    e.kind == ActorKind::State && s.right_after(e.start, &cues.state_place_markers)
}

/// **A place named right before a verb is the verb's subject, and names no actor.** «وقال
/// المسؤول إن إيران تدعم الحوثيين», «اتهمت الحكومة تركيا بأنها تدعم تنظيم داعش»: a state
/// named once in an article is one of its places, not an actor, so word order would make
/// the actor after the verb — the one supported or hit — its doer. The trigger is one word
/// read as a verb (`reads_as_verb`); the place ends right before it, or before one «أنها»
/// pronoun that stands for it; and the place opens the clause of the verb: right after
/// «أن»/«إن» (`SUBJECT_OPENERS`), or with «أنها» after it. A place elsewhere belongs to
/// another clause («التحالف الذي تقوده السعودية استعادت …», «المقاومة … في مديرية الطفة
/// اشتبكت …»: the subject came first).
fn place_subject(s: &SentenceView, t: &PhraseMatch) -> bool {
    if !reads_as_verb(&s.normalized_span(t.start, t.end)) {
        return false;
    }
    s.places
        .iter()
        .filter(|p| p.end > 0 && p.end <= t.start)
        .any(|p| {
            let opened = s
                .words_before(p.start, 1)
                .first()
                .is_some_and(|w| SUBJECT_OPENERS.contains(&w.as_str()));
            let clause_opened = match s.words_between_list(p.end, t.start).as_slice() {
                [] => opened,
                [w] => w.ends_with("انها"),
                _ => false,
            };
            clause_opened && !s.comma_between(p.end, t.start) && s.glued_before(p.start).is_empty()
        })
}

/// «أن», «إن» and their glued forms (normalised): a clause opens after them, its subject
/// first.
const SUBJECT_OPENERS: [&str; 5] = ["ان", "بان", "لان", "وان", "فان"];

/// One word that reads as a verb: the imperfect («تدعم», «يهاجم») or the feminine perfect
/// («قصفت», not the plural «هجمات»); not a verbal noun of the form «تفعيل» («تفجير»), one
/// in «ة» or one in the accusative («تفجيرا»).
fn reads_as_verb(trigger: &str) -> bool {
    let letters: Vec<char> = trigger.chars().collect();
    if trigger.contains(' ') || letters.len() < 3 {
        return false;
    }
    let masdar =
        letters.len() >= 5 && letters[3] == 'ي' || trigger.ends_with('ه') || trigger.ends_with('ا');
    let imperfect = trigger.starts_with('ت') || trigger.starts_with('ي');
    let perfect = trigger.ends_with('ت') && !trigger.ends_with("ات");
    !masdar && (imperfect || perfect)
}

/// «أعربت وزارة الخارجية المصرية عن إدانة مصر للهجوم …»: a condemnation or condolence
/// before the trigger in its clause makes the clause a reaction: its actors before the
/// trigger react, they are not parties (those after it may be: «الهجوم الذي تبناه داعش»).
fn reaction_before(s: &SentenceView, t: &PhraseMatch, cues: &SentenceCues) -> bool {
    bystander_cues_before(s, t, cues).next().is_some()
}

/// **Who comments on an act or answers it did not do it.** «أعلن رئيس الوزراء التركي، في
/// تعليق على تعرض مبنى الحزب لاعتداء …», «قصفت المدفعية التركية مواقع للتنظيم ردا على هجوم
/// التنظيم»: the last reply cue of the trigger's clause before it. Its actors and places
/// before the cue are the answer's, not the act's (those between, «مبنى الحزب», may be the
/// act's). A reply phrase that a comma closes before the trigger is fronted: «فردا على
/// جرائم داعش في المدن العراقية، كان تفجير مسجد ديالى» — what it names is the act
/// answered, not this one's. Returns the span `[from, to)` whose actors and places the act
/// does not take.
fn reply_span(s: &SentenceView, t: &PhraseMatch, cues: &SentenceCues) -> Option<(usize, usize)> {
    let (clause_start, _) = s.clause(t.start);
    let cue = cues
        .replies
        .iter()
        .filter(|m| m.start >= clause_start && m.end <= t.start)
        .max_by_key(|m| m.start)?;
    match last_comma(s, cue.end, t.start) {
        Some(comma) => Some((cue.start, comma)),
        None => Some((clause_start, cue.start)),
    }
}

/// **What a reply cue after the act names is the act it answers.** «الهجوم الانتحاري الذي
/// استهدف ثكنة للدرك التركي جاء ردا على مقتل مدنيين في غارات للمقاتلات التركية»: the Turkish
/// jets struck before, they did not bomb their own barracks. The first reply cue of the
/// trigger's clause after it with an act after it in the clause; the actors from there on
/// are not the act's parties. A cue with no act after it gives the act's reason, whose
/// actors may be the act's («حاولوا اغتياله، انتقاما منه بسبب دوره في صفوف المقاومة»).
fn answered_from(s: &SentenceView, t: &PhraseMatch, cues: &SentenceCues) -> Option<usize> {
    let (_, clause_end) = s.clause(t.start);
    cues.replies
        .iter()
        .filter(|m| m.start >= t.end && m.end <= clause_end)
        .filter(|m| {
            s.triggers
                .iter()
                .any(|x| x.start >= m.end && x.end <= clause_end)
        })
        .map(|m| m.start)
        .min()
}

/// The last comma in `[from, to)`.
fn last_comma(s: &SentenceView, from: usize, to: usize) -> Option<usize> {
    s.ntext
        .chars()
        .enumerate()
        .skip(from)
        .take(to.saturating_sub(from))
        .filter(|(_, c)| matches!(c, ',' | '،'))
        .map(|(i, _)| i)
        .last()
}

/// The condemnation and condolence cues of the trigger's clause before it, a short verb
/// cue behind the article («العزي», a name) aside.
fn bystander_cues_before<'c>(
    s: &'c SentenceView,
    t: &'c PhraseMatch,
    cues: &'c SentenceCues,
) -> impl Iterator<Item = &'c PhraseMatch> {
    let (clause_start, _) = s.clause(t.start);
    cues.bystanders
        .iter()
        .filter(move |m| m.start >= clause_start && m.end <= t.start)
        .filter(move |m| !with_the_article(s, m))
}

/// «كينيا: مقتل 5 أشخاص …»: a name opening the sentence and followed by a colon says where
/// the news is from, not who acted.
fn dateline(s: &SentenceView, e: &EntityRef) -> bool {
    s.words_between(0, e.start) == 0
        && s.ntext.chars().skip(e.end).find(|c| !c.is_whitespace()) == Some(':')
}

/// «وقالت الشرطة والصليب الأحمر إن الآلية انفجرت …»: who says that something happened is
/// not a party to it: the actors between a speech verb and a bare «إن/أن» (or a colon)
/// before the trigger. A speaker that reports its own act («قال الجيش إنه قتل …») stays a party. A
/// speaker after the act, in a clause of its own, says something else and is no party
/// either («قتل رجل أمن في هجوم مسلح استهدف دورية، وقالت وزارة الداخلية إن الأجهزة
/// الأمنية تلاحق المهاجمين»: the ministry is not the attacker).
fn speakers_of_reports(s: &SentenceView, t: &PhraseMatch, cues: &SentenceCues) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for verb in &cues.speech {
        let later = verb.start >= t.end && s.clause(verb.start) != s.clause(t.start);
        if !later && verb.end > t.start {
            continue;
        }
        let that = s
            .words_after(verb.end, SPEAKER_REACH_WORDS)
            .into_iter()
            .take_while(|(start, _, _)| later || *start < t.start)
            .find(|(_, _, w)| w == THAT || w == BY_THAT)
            .map(|(start, _, _)| start);
        let Some(that_start) = that.or_else(|| colon_after_speaker(s, verb.end, t, later)) else {
            continue;
        };
        out.extend(
            s.entities
                .iter()
                .filter(|e| e.start >= verb.end && e.end <= that_start)
                .map(|e| e.start),
        );
    }
    out
}

/// **A side reports its own arrests and gains** («وقالت حركة المقاومة الشعبية إن قائدا من
/// قادة الحوثيين وقع في الأسر», «قال المتحدث باسم الجيش إنه تم تحرير المديرية»): an act of
/// kb `reported_by_doer`, or a clash of `clash_reported_by_side` whose other side suffered
/// it, whose sentence names no doer was done by the one side that reports it — a state, a state force or an armed group — when every other side the sentence
/// names was acted on.
fn reporter_as_doer(
    s: &SentenceView,
    t: &PhraseMatch,
    def: &TriggerDef,
    cues: &SentenceCues,
    (lex, actors): (&EventLexicon, &rasid_kb::ActorDictionary),
    roles: &mut Roles,
) {
    // ground lost is told by either side («قال زعيم الحوثيين إن سقوط مدينة عدن …», «قال أحد
    // العسكريين في جيش الفتح إن الثوار انسحبوا»); one who fell captive, by the captor when
    // the sentence names the captive's side («إن قائدا من قادة الحوثيين وقع في الأسر»)
    let suffered = def.roles == TriggerRoles::Patient;
    // a clash whose other side suffered it, told by one side («قالت المقاومة إن المعارك
    // أسفرت عن مقتل 56 من مسلحي الحوثي»)
    let clash_told_by_a_side = !roles.targets.is_empty()
        && def
            .subtype
            .as_ref()
            .is_some_and(|st| lex.clash_reported_by_side.contains(st));
    if !roles.initiators.is_empty()
        || !(lex.reported_by_doer.contains(&def.kind) || clash_told_by_a_side)
        || suffered && (roles.targets.is_empty() || lex.ground_taken.contains(&def.kind))
    {
        return;
    }
    let speakers = speakers_of_reports(s, t, cues);
    let mut sides = s
        .entities
        .iter()
        .filter(|e| speakers.contains(&e.start) && !s.follows(e.start, &cues.close_sources))
        .filter(|e| e.kind.is_state_side() || e.kind == ActorKind::ArmedGroup)
        .map(|e| e.id.as_str())
        .collect::<Vec<_>>();
    sides.dedup();
    let [one] = sides.as_slice() else {
        return;
    };
    // any other side the sentence names must be what the act was done to: «أن الميليشيات
    // الحوثية تحتجز صحفيين» names its holder
    // … or backed the act («بمساعدة عناصر الجيش الموالي للشرعية»)
    let others_acted_on = s
        .entities
        .iter()
        .filter(|e| e.id != *one && (e.kind.is_state_side() || e.kind == ActorKind::ArmedGroup))
        .all(|e| roles.targets.contains(&e.id) || s.follows(e.start, &cues.backing));
    // … and not on the reporter's side («ذكرت الشرطة العراقية … بعد انسحاب القوات العراقية»)
    let own_side_hit = roles
        .targets
        .iter()
        .any(|x| x == one || actors.one_state(x, one));
    if others_acted_on && !own_side_hit && !roles.others.iter().any(|x| x == one) {
        roles.initiators.push((*one).to_string());
    }
}

/// **«وقال X، العنصر في ميليشيا …، لوكالة الصحافة الفرنسية: «وقع هجوم …»»**: a colon
/// after a speech verb, within [`SPEAKER_COLON_REACH_WORDS`] words and before the trigger
/// (or anywhere for a speaker after the act), ends the speakers' names as «إن» does: the
/// speaker and the groups that describe him report the act, they are not its parties.
fn colon_after_speaker(
    s: &SentenceView,
    verb_end: usize,
    t: &PhraseMatch,
    later: bool,
) -> Option<usize> {
    let colon = s
        .ntext
        .chars()
        .skip(verb_end)
        .position(|c| c == ':')
        .map(|i| verb_end + i)?;
    (s.words_between(verb_end, colon) <= SPEAKER_COLON_REACH_WORDS && (later || colon < t.start))
        .then_some(colon)
}

/// How far after a speech verb its colon may stand: a speaker's name with his role and the
/// outlet he spoke to.
const SPEAKER_COLON_REACH_WORDS: usize = 25;

/// How far after a speech verb its «إن/أن» may stand (the speakers' names between).
const SPEAKER_REACH_WORDS: usize = 12;

/// The state force that does an act the text gives to no named force: «ضربات أمنية» right
/// after an attack's trigger, or unnamed authorities («السلطات», «الأجهزة الأمنية») before
/// an arrest in a clause that names no state-side actor.
fn implicit_agent<'a>(
    s: &SentenceView,
    t: &PhraseMatch,
    entities: &[EntityRef],
    def: &TriggerDef,
    cues: &SentenceCues,
    ctx: &ArticleContext<'a>,
) -> Option<&'a str> {
    let force = ctx.state_force?;
    let cooperative = ctx.kb.events.cooperative.contains(&def.kind);
    let security_words = !cooperative
        && cues
            .state_agent_words
            .iter()
            .any(|m| m.start >= t.end && s.words_between(t.end, m.start) == 0);
    let (clause_start, _) = s.clause(t.start);
    let unnamed_authority = def.roles == TriggerRoles::Object
        && !entities.iter().any(|e| e.kind.is_state_side())
        && cues
            .authorities
            .iter()
            .any(|m| m.end <= t.start && m.start >= clause_start && !s.inside_name(m.start, m.end));
    (security_words || unnamed_authority).then_some(force)
}

/// **A state's own arrest happens in its country.** An act of `placed_by_authority`
/// («أعلنت الكويت ضبط خلية») whose sentence names no place, done by a state or a state force
/// of one country, is placed at that country: the coarsest place, as a coder would.
fn authority_country(
    def: &TriggerDef,
    roles: &Roles,
    ctx: &ArticleContext<'_>,
) -> Option<PlaceRef> {
    let kb = ctx.kb;
    if !kb.events.placed_by_authority.contains(&def.kind) {
        return None;
    }
    let doer = roles
        .initiators
        .first()
        .and_then(|id| kb.actors.actor(id))
        .filter(|a| a.kind.is_state_side() && a.countries.len() == 1)?;
    let country = kb.places.country(&doer.countries[0])?;
    Some(PlaceRef {
        start: 0,
        end: 0,
        name: country.name_ar.clone(),
        country: Some(country.country.clone()),
        is_country: true,
        is_region: false,
        is_province: false,
    })
}

/// «ولم تعلن أي جهة مسؤوليتها عن الهجوم الانتحاري الذي أتى قبل محادثات … حركة طالبان»: an
/// act after an `unclaimed` cue of its clause has no known doer, whoever else the clause
/// names.
fn unclaimed_act(s: &SentenceView, t: &PhraseMatch, cues: &SentenceCues) -> bool {
    let clause = s.clause(t.start);
    cues.unclaimed
        .iter()
        .any(|m| m.end <= t.start && s.clause(m.start) == clause)
}

/// What a trigger is read against besides its sentence: the sentence's cues, whether only
/// its own clause's actors can be its parties, for an item of a list of acts the doers
/// named before the list, and whether it tells again an act its clause told (which has its
/// place already).
struct Scope<'a> {
    cues: &'a SentenceCues,
    own_clause_only: bool,
    listed: &'a [String],
    told_again: bool,
    /// Where the act's parties end: a clash of its own told after it in its clause
    /// ([`clash_after_in_clause`]).
    ends_at: Option<usize>,
}

/// The doers of a list's item that stand before its trigger («نفذ التنظيم عمليات شملت
/// استهداف …»): they did the later items too. A doer named after the trigger is the item's
/// own.
fn doers_before(s: &SentenceView, t: &PhraseMatch, initiators: &[String]) -> Vec<String> {
    initiators
        .iter()
        .filter(|id| s.entities.iter().any(|e| e.id == **id && e.end <= t.start))
        .cloned()
        .collect()
}

/// **The roles of a later item of a list of acts** («نفذ التنظيم عمليات شملت استهداف …،
/// واستهداف نقطة للحوثيين …»). An item names those it hit after its trigger: an actor there
/// is acted on, unless it stands right after the trigger (a verb's own subject: «، وهاجمت
/// جبهة النصرة …»). An item that names no doer of its own has the doers named before the
/// list (`listed`).
fn item_roles(
    s: &SentenceView,
    t: &PhraseMatch,
    entities: &[EntityRef],
    listed: &[String],
    roles: &mut Roles,
) {
    let own_subject = |id: &String| {
        entities
            .iter()
            .any(|e| e.id == *id && e.start >= t.end && s.words_between(t.end, e.start) == 0)
    };
    let (kept, hit): (Vec<String>, Vec<String>) = std::mem::take(&mut roles.initiators)
        .into_iter()
        .partition(|id| own_subject(id) || listed.contains(id));
    roles.initiators = kept;
    for id in hit {
        if !roles.targets.contains(&id) {
            roles.targets.push(id);
        }
    }
    if roles.initiators.is_empty() {
        roles.initiators = listed.to_vec();
    }
    let doers = roles.initiators.clone();
    roles.targets.retain(|id| !doers.contains(id));
}

/// **«بعد مبايعته تنظيم داعش»: the pronoun is the doer.** A verbal noun of
/// `pronoun_doer_masdars` with an actor right after it: that actor is acted on, and the
/// doer is the actor the pronoun stands for — the last one named before the noun in the
/// sentence (its clause may be cut off by «بعد»), if any; the one acted on may follow «لـ»
/// and a word of members or ground ([`object_after_lam_head`]). Nothing changes when no
/// actor follows.
fn pronoun_doer(s: &SentenceView, t: &PhraseMatch, lex: &EventLexicon, roles: &mut Roles) {
    let (start, end) = s.letters_around(t.start);
    let word = s.normalized_span(start, end);
    let bare = word.strip_prefix(['و', 'ف']).unwrap_or(&word);
    if !lex.pronoun_doer_masdars.contains(bare) {
        return;
    }
    let Some(object) = s
        .entities
        .iter()
        .find(|e| e.start >= end && s.words_between(end, e.start) == 0)
        .or_else(|| object_after_lam_head(s, end, lex))
    else {
        return;
    };
    let doer = s
        .entities
        .iter()
        .rev()
        .find(|e| e.end <= start && e.id != object.id);
    roles.initiators.retain(|id| *id != object.id);
    if !roles.targets.contains(&object.id) {
        roles.targets.push(object.id.clone());
    }
    if let Some(doer) = doer {
        roles.targets.retain(|id| *id != doer.id);
        if roles.initiators.is_empty() {
            roles.initiators.push(doer.id.clone());
        }
    }
}

/// «استهدافها لعناصر التنظيم», «قصفه لمواقع الحوثيين»: the one a verbal noun with its
/// doer's pronoun acts on may follow «لـ» glued to a word of members or ground
/// (`member_words`, `ground_words`, `people_words`) right after the noun.
fn object_after_lam_head<'s>(
    s: &'s SentenceView,
    noun_end: usize,
    lex: &EventLexicon,
) -> Option<&'s EntityRef> {
    let (_, head_end, head) = s.words_after(noun_end, 1).into_iter().next()?;
    let noun = head.strip_prefix('ل')?;
    let bare = noun.strip_prefix(ARTICLE).unwrap_or(noun);
    let of_members = [noun, bare].iter().any(|w| {
        lex.member_words.contains(*w)
            || lex.ground_words.contains(*w)
            || lex.people_words.contains(*w)
    });
    if !of_members || s.words_between(noun_end, head_end) != 1 {
        return None;
    }
    s.entities
        .iter()
        .find(|e| e.start >= head_end && s.words_between(head_end, e.start) == 0)
}

/// Where the dead and wounded of the act at `t` are counted: the whole sentence, except
/// that an item of a list of acts does not count the other items' («شملت استهداف …، وتفجير
/// سيارة في …، ما أدى إلى مقتل 20»: the last item's).
fn toll_span(s: &SentenceView, t: &PhraseMatch) -> (usize, usize) {
    let (start, end) = s.clause(t.start);
    let from = if s.item_bounds.contains(&start) {
        start
    } else {
        0
    };
    let to = if s.item_bounds.contains(&end) {
        end
    } else {
        s.ntext.chars().count()
    };
    (from, to)
}

/// The event a trigger reports, if it reports one.
fn read_trigger(
    s: &SentenceView,
    t: &PhraseMatch,
    def: &TriggerDef,
    scope: Scope<'_>,
    before: &[String],
    ctx: &ArticleContext<'_>,
) -> Option<Candidate> {
    let Scope {
        cues,
        own_clause_only,
        listed,
        told_again,
        ends_at,
    } = scope;
    let lex = &ctx.kb.events;
    if !occurrence(s, t, cues, lex)
        || ground_not_taken(s, t, &def.kind, cues, lex)
        || aim_described(s, t, lex)
    {
        return None;
    }
    let cooperative = lex.cooperative.contains(&def.kind);
    let symmetric = lex.two_sided.contains(&def.kind);
    let mut entities = party_candidates(s, t, cues, (cooperative, symmetric, own_clause_only));
    if let Some(end) = ends_at {
        entities.retain(|e| e.start < end);
    }
    let agent = implicit_agent(s, t, &entities, def, cues, ctx);
    let grammar = Grammar {
        kind: &def.kind,
        default: def.roles,
        symmetric,
        insurgent: def
            .subtype
            .as_ref()
            .is_some_and(|st| lex.insurgent_subtypes.contains(st)),
        passive: arguments::passive_act(s, (t.start, t.end), lex),
        place_subject: !symmetric && place_subject(s, t),
        actors: &ctx.kb.actors,
        adversaries: &cues.adversaries,
        owners: &cues.owners,
        speech: &cues.speech,
        force_heads: &ctx.kb.recognition.demonym_force_heads,
    };
    let mut roles = roles_of(s, &entities, (t.start, t.end), grammar, agent, lex);
    if s.item_bounds.contains(&s.clause(t.start).0) {
        item_roles(s, t, &entities, listed, &mut roles);
    }
    pronoun_doer(s, t, lex, &mut roles);
    reporter_as_doer(s, t, def, cues, (lex, &ctx.kb.actors), &mut roles);
    if unclaimed_act(s, t, cues) {
        roles.initiators.clear();
    }
    // «مفاوضات بين الطرفين بوساطة …»: the parties are those of the sentence before
    let parties = roles.initiators.len() + roles.targets.len() + roles.others.len();
    if parties < 2 && !lex.party_anaphora.find(&s.ntext).is_empty() {
        parties_from_before(before, &mut roles);
    }
    let modality = modality_of(t, cues);
    if modality == "planned" {
        return None;
    }
    let answer = reply_span(s, t, cues);
    let place = pick_place(s, t.start, (answer, &cues.reference_points, &cues.venues))
        .or_else(|| authority_country(def, &roles, ctx));
    let (killed, injured) = if lex.no_toll.contains(&def.kind) {
        (None, None)
    } else {
        casualties(s, toll_span(s, t), lex)
    };
    if joins_no_fighting_side(s, t, &entities, lex) {
        return None;
    }
    // «تعرض مركز حدودي في منطقة جازان لقذائف»: a place that suffered an act tells one
    // happened, as a toll does; so do unnamed jets or gunmen that struck a place («كما شنت
    // المقاتلات غارات على معسكر في محافظة حجة»: the article's one air force, if any, is
    // their doer — `air_force`)
    let told_as_act = || {
        killed.or(injured).is_some()
            || arguments::suffered_from(s, t.start).is_some()
            || arguments::unnamed_subject_before(s, t.start, lex)
    };
    if !has_parties(def, &roles, place.is_some(), told_as_act) {
        return None;
    }
    if place.is_none()
        && lex.needs_place.contains(&def.kind)
        && !told_again
        && !ground_object(s, t, lex)
    {
        return None;
    }
    // the learned layer revises the roles of an event the rules found; it makes none
    let rule_roles = roles.clone();
    let reads = role_model::role_reads(
        s,
        (t.start, t.end),
        (&def.kind, symmetric),
        &entities,
        &roles,
    );
    role_model::revise(&mut roles, &reads, &ctx.kb.roles);
    let (date, date_end) = s.date().unwrap_or((None, None));
    let claimed_by = (modality == "claimed")
        .then(|| s.claimant(&roles.initiators, ctx.kb))
        .flatten();
    let (clause_start, clause_end) = s.clause(t.start);
    let background = cues
        .background
        .iter()
        .any(|m| m.start >= clause_start && m.end <= clause_end);
    let trigger_text = s.normalized_span(t.start, t.end);
    let reading = role_model::reading(role_model::ReadingParts {
        s,
        kind: &def.kind,
        trigger: trigger_text.clone(),
        symmetric,
        rule: &rule_roles,
        kept: &roles,
        reads,
    });
    let evidence = s.evidence(format!("event:trigger «{trigger_text}»"));
    let retelling = refers_back(s, t, (cues, place.is_some()), &roles.initiators, lex);
    let mut c = Candidate {
        event: Event {
            kind: def.kind.clone(),
            subtype: def.subtype.clone(),
            actors: Vec::new(),
            targets: Vec::new(),
            place: place.as_ref().map(|p| p.name.clone()),
            date,
            date_end,
            killed,
            injured,
            modality: modality.to_string(),
            claimed_by,
            background,
            confidence: None,
            evidence: evidence.clone(),
            mentions: vec![evidence],
        },
        initiators: roles.initiators,
        targets: roles.targets,
        mediators: roles.mediators,
        others: roles.others,
        mutual: def.roles == TriggerRoles::Mutual,
        symmetric,
        place_country: place.as_ref().and_then(|p| p.country.clone()),
        place_is_country: place.as_ref().is_some_and(|p| p.is_country),
        place_is_region: place.as_ref().is_some_and(|p| p.is_region),
        reports: Vec::new(),
        refers_back: retelling,
        reading: Some(reading),
        list_item: None,
        named_elsewhere: Vec::new(),
    };
    fold_states_into_forces(&mut c, ctx.kb, false);
    c.reports.push(Report {
        start: s.span.start,
        rule: c.event.evidence.rule.clone(),
        initiators: c.initiators.clone(),
        targets: c.targets.clone(),
        mediators: c.mediators.clone(),
        others: c.others.clone(),
        mutual: c.mutual,
    });
    c.set_actors();
    Some(c)
}

/// **«وانضمت الكاميرون إلى نيجيريا في حملة», «انضم الوزير إلى المشاورات»: joining is a
/// defection only to a fighting side.** A trigger of `join_words` whose first actor after
/// it in its clause, within [`JOINED_REACH_WORDS`] words, is no armed group or state force
/// (a state, an organisation, a person, or no actor: talks, a campaign, «خلايا إرهابية»
/// unnamed) tells no defection.
fn joins_no_fighting_side(
    s: &SentenceView,
    t: &PhraseMatch,
    entities: &[EntityRef],
    lex: &EventLexicon,
) -> bool {
    let (start, end) = s.letters_around(t.start);
    let word = s.normalized_span(start, end);
    let bare = word.strip_prefix(['و', 'ف']).unwrap_or(&word);
    let bare = bare.strip_prefix('ب').unwrap_or(bare);
    if !lex.join_words.contains(bare) && !lex.join_words.contains(word.as_str()) {
        return false;
    }
    let (_, clause_end) = s.clause(t.start);
    let joined = entities
        .iter()
        .filter(|e| e.start >= t.end && e.end <= clause_end)
        .filter(|e| s.words_between(t.end, e.start) <= JOINED_REACH_WORDS)
        .min_by_key(|e| e.start);
    !joined.is_some_and(|e| matches!(e.kind, ActorKind::ArmedGroup | ActorKind::StateForce))
}

/// How far after a trigger of joining what is joined may be named («انضم ألماني من أصل
/// تونسي يدعى إبراهيم (26 عاما) إلى تنظيم داعش»: nine words between).
const JOINED_REACH_WORDS: usize = 10;

/// «مفاوضات بين الطرفين»: up to two parties named in the sentence before.
fn parties_from_before(before: &[String], roles: &mut Roles) {
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

/// Does the trigger have the parties its type needs? A meeting or an agreement two sides;
/// any other event a doer or someone acted on — or, for an attack no one is named in, a
/// place and a toll, a suffering verb or an unnamed subject (`told_as_act`: an unclaimed
/// bombing is still news, so are a border post shelled and a camp struck by «the jets»),
/// read only when no party is named.
fn has_parties(
    def: &TriggerDef,
    roles: &Roles,
    placed: bool,
    told_as_act: impl FnOnce() -> bool,
) -> bool {
    let sides = roles.initiators.len() + roles.targets.len() + roles.others.len();
    if def.kind == "MEET" || def.kind == "AGREE" {
        return sides >= 2;
    }
    if roles.initiators.is_empty() && roles.targets.is_empty() {
        return def.kind == "ATTACK" && placed && told_as_act();
    }
    true
}

/// How many words after a trigger the «على» before its object may stand («سيطرت قوات الجيش
/// الوطني على معسكر …»).
const GROUND_REACH_WORDS: usize = 6;

/// **Ground a gazetteer does not name.** Is the act's object — the first word after the
/// trigger, or the first after an «على» within [`GROUND_REACH_WORDS`] — one of
/// `ground_words` (with or without the article), and no actor's name («السيطرة على
/// معسكر لبوزة», «استعادة السيطرة على جامعة الأنبار»; not «طرد القاعدة»)?
fn ground_object(s: &SentenceView, t: &PhraseMatch, lex: &EventLexicon) -> bool {
    let words = s.words_after(t.end, GROUND_REACH_WORDS + 1);
    let after_on = words.windows(2).filter(|w| w[0].2 == ON).map(|w| &w[1]);
    let ground = |(start, end, w): &(usize, usize, String)| {
        let bare = w.strip_prefix(ARTICLE).unwrap_or(w);
        (lex.ground_words.contains(w) || lex.ground_words.contains(bare))
            && !s.entities.iter().any(|e| e.start < *end && *start < e.end)
    };
    words.first().into_iter().chain(after_on).any(ground)
}

/// «على», the preposition of the ground an act takes («سيطرت على …»).
const ON: &str = "علي";

/// Planning, denial, belief and likelihood bear on what follows them («كانت تخطط لتنفيذ
/// هجمات»); a claim may come before or after its act, and is none in a sentence saying no
/// one claimed it.
fn modality_of(t: &PhraseMatch, cues: &SentenceCues) -> &'static str {
    let claimed = |m: &PhraseMatch| MODALITIES.get(m.payload) == Some(&"claimed");
    cues.modality
        .iter()
        .filter(|m| cues.unclaimed.is_empty() || !claimed(m))
        .filter(|m| m.end <= t.start || claimed(m))
        .map(|m| m.payload)
        .min()
        .and_then(|k| MODALITIES.get(k).copied())
        .unwrap_or("reported")
}

/// **A state beside its own force is that force.** On one side, the force is the party an
/// analyst codes and the state leaves: «السلطات السعودية» with «قوات الأمن السعودية»
/// arresting, «الطيران الأمريكي يقتل قياديا» (the US forces, not the US and its forces),
/// «مقتل جنديين تركيين بهجوم …» (Turkey's security forces hit once). Run on each sentence's
/// reading and, `merged`, again on the merged event, whose reports may have brought a state
/// beside its force; there a state acted on by its own force is no target either («12 سوريا
/// قتلوا في قصف لطيران النظام السوري»: Syria, named by its dead, is no target of the
/// regime's air force), and talks and agreements are left alone (a government and a force of
/// its state may sit apart). A state doing what its own force suffered is left alone: which
/// of the two the text means is not known here (`ActorDictionary::one_state`).
fn fold_states_into_forces(c: &mut Candidate, kb: &Kb, merged: bool) {
    if merged && c.symmetric {
        return;
    }
    let d = &kb.actors;
    let kind = |id: &str| d.actor(id).map(|a| a.kind);
    let is_state = |id: &str| kind(id) == Some(ActorKind::State);
    let own_force_in = |list: &[String], state: &str| {
        list.iter()
            .any(|id| kind(id) == Some(ActorKind::StateForce) && d.one_state(state, id))
    };
    let initiators = c.initiators.clone();
    let targets = c.targets.clone();
    c.initiators
        .retain(|id| !(is_state(id) && own_force_in(&initiators, id)));
    c.targets.retain(|id| {
        !(is_state(id) && (own_force_in(&targets, id) || merged && own_force_in(&initiators, id)))
    });
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
#[derive(Debug, Default, Clone)]
pub(crate) struct Roles {
    pub initiators: Vec<String>,
    pub targets: Vec<String>,
    pub mediators: Vec<String>,
    pub others: Vec<String>,
}
