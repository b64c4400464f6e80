//! `kb/events.toml`: event triggers, argument markers, modality cues, casualty cues and
//! relation cues.

use std::collections::HashSet;

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::phrase::{PhraseMatcher, PhraseMode};

/// The contract's event types.
pub const EVENT_TYPES: &[&str] = &[
    "MEET", "AGREE", "RELEASE", "ATTACK", "ARREST", "SEIZE", "DEFECT", "PLEDGE", "SUPPORT",
    "TAKEOVER",
];
/// The contract's relation types that a sentence can state outright.
pub const RELATION_TYPES: &[&str] = &[
    "ALLY",
    "HOSTILE",
    "MEDIATE",
    "DEFECT",
    "AFFILIATE",
    "LEADS",
    "MEMBER",
];

/// Does a relation of this type read the same both ways (`ALLY`, `HOSTILE`)? The others
/// go from the actor that acts to the one acted on or joined.
pub fn relation_is_symmetric(kind: &str) -> bool {
    matches!(kind, "ALLY" | "HOSTILE")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    #[serde(default)]
    event: Vec<RawTrigger>,
    roles: RawRoles,
    modality: RawModality,
    casualties: RawCasualties,
    #[serde(default)]
    relation: Vec<RawRelation>,
    #[serde(default)]
    relation_markers: RawRelationMarkers,
    #[serde(default)]
    exclusions: RawExclusions,
    #[serde(default)]
    two_sided: Vec<String>,
    #[serde(default)]
    needs_place: Vec<String>,
    #[serde(default)]
    ground_words: Vec<String>,
    #[serde(default)]
    no_toll: Vec<String>,
    #[serde(default)]
    placed_by_authority: Vec<String>,
    #[serde(default)]
    placed_from_the_article: Vec<String>,
    #[serde(default)]
    reported_by_doer: Vec<String>,
    #[serde(default)]
    clash_reported_by_side: Vec<String>,
    #[serde(default)]
    received_after_lam: Vec<String>,
    #[serde(default)]
    ground_taken: Vec<String>,
    #[serde(default)]
    other_side_named_elsewhere: Vec<String>,
    #[serde(default)]
    other_side_not_from: Vec<String>,
    #[serde(default)]
    cooperative: Vec<String>,
    #[serde(default)]
    owner_is_party: Vec<String>,
    #[serde(default)]
    mediated: Vec<String>,
    #[serde(default)]
    insurgent_subtypes: Vec<String>,
    #[serde(default)]
    blast_subtypes: Vec<String>,
    #[serde(default)]
    remote_subtypes: Vec<String>,
    #[serde(default)]
    occurrence: RawOccurrence,
    #[serde(default)]
    gapped: Vec<RawGapped>,
    #[serde(default)]
    subject_named: Vec<RawSubjectNamed>,
}

/// Verbs that are an act only with their subject named (`[[subject_named]]`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubjectNamed {
    verbs: Vec<String>,
    #[serde(rename = "as")]
    as_phrase: String,
}

/// **A verb read as passive as often as active** («قتل 20 شخصا»: twenty were killed): one of
/// `verbs` (normalised, without «و»/«ف») is a trigger only with an actor named as its
/// subject, right after it or right before it, and people counted after them («وقتل تنظيم
/// داعش 4 مدنيين», «قوات الشرطة قتلت 23 إرهابيا»); it reads as the trigger phrase `as` of
/// the kb (`payload`, its block).
#[derive(Debug, Clone)]
pub struct SubjectNamedTrigger {
    pub verbs: HashSet<String>,
    pub payload: usize,
}

/// A verb whose object completes a trigger with the subject between (`[[gapped]]`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGapped {
    verbs: Vec<String>,
    completion: String,
    reach: usize,
    #[serde(rename = "as")]
    as_phrase: String,
}

/// **A trigger told with its subject inside** («وأطلق مسلحو داعش النار على …», «فتح مسلحون
/// النار على …»): one of `verbs` (normalised, without «و»/«ف») is the trigger when
/// `completion` follows it within `reach` words; it reads as the trigger phrase `as` of the
/// kb (`payload`, its block).
#[derive(Debug, Clone)]
pub struct GappedTrigger {
    pub verbs: HashSet<String>,
    pub completion: String,
    pub reach: usize,
    pub payload: usize,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOccurrence {
    #[serde(default)]
    irrealis: Vec<String>,
    #[serde(default)]
    irrealis_window: usize,
    #[serde(default)]
    irrealis_in_clause: Vec<String>,
    #[serde(default)]
    question_marks: Vec<String>,
    #[serde(default)]
    background: Vec<String>,
    #[serde(default)]
    trend: Vec<String>,
    #[serde(default)]
    failed_ground: Vec<String>,
    #[serde(default)]
    descriptive_verbs: Vec<String>,
    #[serde(default)]
    descriptive_verbs_told_after: Vec<String>,
    #[serde(default)]
    unreal_after: Vec<String>,
    #[serde(default)]
    future_after: Vec<String>,
    #[serde(default)]
    campaign_after: Vec<String>,
    #[serde(default)]
    plural_act_endings: Vec<String>,
    #[serde(default)]
    campaign_recent: Vec<String>,
    #[serde(default)]
    habitual_launchers: Vec<String>,
    #[serde(default)]
    habitual_launchers_after: Vec<String>,
    #[serde(default)]
    device_words: Vec<String>,
    #[serde(default)]
    device_seizers: Vec<String>,
    #[serde(default)]
    device_holders: Vec<String>,
    #[serde(default)]
    device_seized_as: Option<String>,
    #[serde(default)]
    purpose_heads: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExclusions {
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    #[serde(rename = "type")]
    kind: String,
    subtype: Option<String>,
    roles: String,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    stems: Vec<String>,
    #[serde(default)]
    people_object: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    target_markers: Vec<String>,
    agent_markers: Vec<String>,
    mediator_markers: Vec<String>,
    #[serde(default)]
    clause_openers: Vec<String>,
    #[serde(default)]
    contrast_openers: Vec<String>,
    #[serde(default)]
    party_anaphora: Vec<String>,
    #[serde(default)]
    demonstratives: Vec<String>,
    #[serde(default)]
    retelling_nouns: Vec<String>,
    #[serde(default)]
    bystander_markers: Vec<String>,
    #[serde(default)]
    reply_markers: Vec<String>,
    #[serde(default)]
    air_cover_markers: Vec<String>,
    #[serde(default)]
    adversary_markers: Vec<String>,
    #[serde(default)]
    owner_markers: Vec<String>,
    #[serde(default)]
    close_source_markers: Vec<String>,
    #[serde(default)]
    topic_markers: Vec<String>,
    #[serde(default)]
    partner_markers: Vec<String>,
    #[serde(default)]
    attribution_markers: Vec<String>,
    #[serde(default)]
    speech_verbs: Vec<String>,
    #[serde(default)]
    state_agent_words: Vec<String>,
    #[serde(default)]
    patient_markers: Vec<String>,
    #[serde(default)]
    doer_links: Vec<String>,
    #[serde(default)]
    object_pronouns: Vec<String>,
    #[serde(default)]
    unnamed_doers: Vec<String>,
    #[serde(default)]
    doer_named_by: Vec<String>,
    #[serde(default)]
    resumptive_words: Vec<String>,
    #[serde(default)]
    member_words: Vec<String>,
    #[serde(default)]
    people_words: Vec<String>,
    #[serde(default)]
    victim_verbs: Vec<String>,
    #[serde(default)]
    count_words: Vec<String>,
    #[serde(default)]
    item_heads: Vec<String>,
    #[serde(default)]
    pronoun_doer_masdars: Vec<String>,
    #[serde(default)]
    join_words: Vec<String>,
    #[serde(default)]
    authority_words: Vec<String>,
    #[serde(default)]
    passive_words: Vec<String>,
    #[serde(default)]
    place_markers: Vec<String>,
    #[serde(default)]
    state_place_markers: Vec<String>,
    #[serde(default)]
    reference_point_markers: Vec<String>,
    #[serde(default)]
    venue_markers: Vec<String>,
    #[serde(default)]
    repel_words: Vec<String>,
    #[serde(default)]
    suffer_verbs: Vec<String>,
    #[serde(default)]
    loss_verbs: Vec<String>,
    #[serde(default)]
    lost_control_verbs: Vec<String>,
    #[serde(default)]
    taken_by_markers: Vec<String>,
    #[serde(default)]
    unnamed_aircraft: Vec<String>,
    #[serde(default)]
    beside_verbs: Vec<String>,
    #[serde(default)]
    left_group_markers: Vec<String>,
    #[serde(default)]
    antecedent_markers: Vec<String>,
    #[serde(default)]
    non_party_heads: Vec<String>,
    #[serde(default)]
    object_masdars: Vec<String>,
    #[serde(default)]
    verb_like_masdars: Vec<String>,
    #[serde(default)]
    masdar_heads: Vec<String>,
    #[serde(default)]
    light_verbs: Vec<String>,
    #[serde(default)]
    reply_verbs: Vec<String>,
    #[serde(default)]
    launch_verbs: Vec<String>,
    #[serde(default)]
    campaign_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModality {
    denied: Vec<String>,
    planned: Vec<String>,
    claimed: Vec<String>,
    likely: Vec<String>,
    alleged: Vec<String>,
    negation: Vec<String>,
    negation_window: usize,
    #[serde(default)]
    unclaimed: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCasualties {
    killed: Vec<String>,
    killed_after: Vec<String>,
    injured: Vec<String>,
    injured_after: Vec<String>,
    combined: Vec<String>,
    #[serde(default)]
    killed_one: Vec<String>,
    #[serde(default)]
    injured_one: Vec<String>,
    #[serde(default)]
    victim_list_openers: Vec<String>,
    #[serde(default)]
    things_counted: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    both_sides: bool,
    /// "nearest" (the default), "opposed" or "taken_from".
    #[serde(default)]
    pair: Option<String>,
    /// An actor right after the cue is its doer («غارات التحالف»), never its opponent.
    #[serde(default)]
    doer_after: bool,
    words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelationMarkers {
    #[serde(default)]
    opposition: Vec<String>,
    #[serde(default)]
    between: Vec<String>,
    #[serde(default)]
    side_end: Vec<String>,
    #[serde(default)]
    support: Vec<String>,
    #[serde(default)]
    speaker: Vec<String>,
    #[serde(default)]
    list_heads: Vec<String>,
    #[serde(default)]
    taken_from: Vec<String>,
    #[serde(default)]
    held_by: Vec<String>,
    #[serde(default)]
    taken_from_partitive: Vec<String>,
    #[serde(default)]
    backing: Vec<String>,
    #[serde(default)]
    relative_pronouns: Vec<String>,
    #[serde(default)]
    member_roles_after_name: Vec<String>,
    #[serde(default)]
    listed_among: Vec<String>,
}

/// One `[[relation]]` block.
#[derive(Debug, Clone)]
pub struct RelationCue {
    /// One of [`RELATION_TYPES`].
    pub kind: &'static str,
    /// The first actor must stand right before the cue.
    pub both_sides: bool,
    /// The two actors must stand on two sides of the cue's structure («X هجوم على Y»,
    /// «اشتباكات بين X وY», «X يقاتل Y»), never in one list.
    pub opposed: bool,
    /// An actor right after the cue is its doer («غارات التحالف»), not its object.
    pub doer_after: bool,
    /// A cue of ground taken back («تحرير», «استعادة»): the one it was taken from follows
    /// a `taken_from` marker («تحرير المدينة من داعش») and is the doer's enemy.
    pub taken_from: bool,
}

/// Whose action a trigger's grammar describes when no marker decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerRoles {
    /// The actor doing it is named with the trigger («هاجم مسلحو داعش»).
    Subject,
    /// The actor named with the trigger undergoes it («اعتقال عناصر من القاعدة»).
    Object,
    /// A clash: the first actor against every other one of the clause.
    Mutual,
    /// The subject undergoes it («انسحب التنظيم من», «خسر التنظيم بلدة»): every actor no
    /// marker decides is acted on.
    Patient,
}

/// One `[[event]]` block.
#[derive(Debug, Clone)]
pub struct TriggerDef {
    pub kind: String,
    pub subtype: Option<String>,
    pub roles: TriggerRoles,
    /// The block whose type and grammar the act takes when its object, numbers aside, is
    /// one of `people_words` (`people_object`: «ضبط 45 شخصا» is an arrest, «حرر 178
    /// محتجزا» a release).
    pub people_type: Option<usize>,
}

/// Modality classes in the order they are decided.
pub const MODALITIES: &[&str] = &["denied", "planned", "claimed", "likely", "alleged"];

/// What a casualty cue says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CasualtyCue {
    /// A number after it counts the dead.
    Killed,
    /// A number before it counts the dead.
    KilledAfter,
    Injured,
    InjuredAfter,
    /// Dead and injured together: no count of either.
    Combined,
    /// A singular that counts the dead before it, or one dead alone («أوقع قتيلا»).
    KilledOne,
    /// A singular that counts the injured before it, or one injured alone.
    InjuredOne,
}

const CASUALTY_CUES: [CasualtyCue; 7] = [
    CasualtyCue::Killed,
    CasualtyCue::KilledAfter,
    CasualtyCue::Injured,
    CasualtyCue::InjuredAfter,
    CasualtyCue::Combined,
    CasualtyCue::KilledOne,
    CasualtyCue::InjuredOne,
];

impl CasualtyCue {
    pub fn from_payload(p: usize) -> Option<Self> {
        CASUALTY_CUES.get(p).copied()
    }
}

/// Compiled event and relation cues.
#[derive(Debug)]
pub struct EventLexicon {
    /// Payload: index into `defs`.
    pub triggers: PhraseMatcher,
    pub defs: Vec<TriggerDef>,
    /// An actor right after one of these, after the trigger, is acted on («على», «ضد»).
    pub target_markers: PhraseMatcher,
    /// An actor right after one of these is acted on wherever the trigger stands («تعرضت
    /// مواقع X لهجوم»).
    pub patient_markers: PhraseMatcher,
    pub agent_markers: PhraseMatcher,
    pub mediator_markers: PhraseMatcher,
    /// An actor right after one of these is on the initiator's side («بمشاركة»).
    pub partner_markers: PhraseMatcher,
    /// Payload 1: a contrastive opener («فيما», «بينما»: `contrast_openers`), whose clause
    /// tells another act than the one before it; 0 for the others.
    pub clause_openers: PhraseMatcher,
    pub party_anaphora: PhraseMatcher,
    /// «هذا», «تلك»: right before a trigger («هذا الهجوم»), the act is one told before.
    pub demonstratives: PhraseMatcher,
    /// «الهجوم», «التفجير»: a definite noun of one act that, with no place of its own,
    /// names the act of its type the article told last («وإن الهجوم», «للهجوم» too).
    pub retelling_nouns: PhraseMatcher,
    /// Payload: index into [`MODALITIES`].
    pub modality: PhraseMatcher,
    pub negation: HashSet<String>,
    pub negation_window: usize,
    /// «لم تعلن أي جهة مسؤوليتها»: a sentence holding one of these claims nothing.
    pub unclaimed: PhraseMatcher,
    /// Payload: a [`CasualtyCue`] via `from_payload`.
    pub casualties: PhraseMatcher,
    /// «هم», «بينهم»: right after a casualty cue (and its count), they open the list of the
    /// dead or wounded.
    pub victim_list_openers: PhraseMatcher,
    /// «قذيفة», «برميل»: a number right before one of these counts things, not the dead or
    /// wounded («سقوط أكثر من 160 قذيفة»).
    pub things_counted: HashSet<String>,
    /// Payload: index into `relation_blocks`.
    pub relation_cues: PhraseMatcher,
    pub relation_blocks: Vec<RelationCue>,
    /// The opponent of an `opposed` relation cue follows one of these («على», «ضد»).
    pub opposition_markers: PhraseMatcher,
    /// «بين X وY»: the two sides follow one of these.
    pub between_markers: PhraseMatcher,
    /// «تحرير المدينة من داعش»: the one ground is taken from follows one of these (or one of
    /// `held_by_markers`).
    pub taken_from_markers: PhraseMatcher,
    /// «معسكر لبوزة الذي تتحصن فيه ميليشيات الحوثي»: who holds the ground follows one of these.
    pub held_by_markers: PhraseMatcher,
    /// «مناطق شاسعة من العراق»: a `taken_from` marker right after one of these (one word
    /// each) is partitive, not the one ground was taken from.
    pub taken_from_partitive: HashSet<String>,
    /// Support markers that open an adverbial phrase about the clause's subject («بدعم من»,
    /// «بإسناد», «مدعومة بغارات من»): the actor after one backs the subject.
    pub backing_markers: PhraseMatcher,
    /// Normalised relative pronouns («الذي», «التي»): a relative clause between a subject and
    /// a backing marker makes the backing the relative clause's.
    pub relative_pronouns: HashSet<String>,
    /// Role phrases that stand between a person's name and their group («… الشيشاني أحد
    /// قياديي جبهة النصرة»), each as its normalised words.
    pub member_roles_after_name: Vec<Vec<String>>,
    /// «بينهم», «منهم»: a person a few words after one, counted among the men of a group
    /// named after «من» right before it, is a MEMBER of the group (normalised, one word each).
    pub listed_among: HashSet<String>,
    /// «بين X وY من جهة، وZ من جهة أخرى»: one of these ends a side.
    pub side_markers: PhraseMatcher,
    /// An actor a few words after one of these backs a side («بإسناد جوي من طيران …»).
    pub support_markers: PhraseMatcher,
    /// An actor right after one of these speaks about the sentence's fight («مصادر في …»).
    pub speaker_markers: PhraseMatcher,
    /// Normalised head words that, glued to «و», open the next name of a list («وقوات»).
    pub list_heads: HashSet<String>,
    /// Phrases inside which a trigger is not one.
    pub exclusions: PhraseMatcher,
    /// Event types that need two sides.
    pub two_sided: Vec<String>,
    /// Triggers told with their subject inside («أطلق مسلحون النار على»).
    pub gapped: Vec<GappedTrigger>,
    /// `[[subject_named]]` blocks.
    pub subject_named: Vec<SubjectNamedTrigger>,
    /// Event types that need a place in their sentence.
    pub needs_place: Vec<String>,
    /// Normalised nouns of ground («معسكر», «مطار», «جامعة»): as the object of a
    /// `needs_place` act they are its place when the gazetteer names none.
    pub ground_words: HashSet<String>,
    /// Event types that count no dead or injured: a toll in their sentence is another act's
    /// («قتل 33 في هجومين …، وأكد مسؤول في الشرطة اعتقال ثلاثة»).
    pub no_toll: Vec<String>,
    /// Event types that a state or its forces do at home: with no place in the sentence,
    /// their country is the place («أعلنت الكويت ضبط خلية»).
    /// Types whose act, when its sentences name no place, happened where the article first
    /// places its story (`events::article_place`).
    pub placed_from_the_article: Vec<String>,
    pub placed_by_authority: Vec<String>,
    /// Event types whose doer, when the sentence names none, is the side that reports them
    /// («قالت المقاومة إن قائدا حوثيا وقع في الأسر»).
    pub reported_by_doer: Vec<String>,
    /// Subtypes of a clash fought by the one armed side that reports it, when the sentence
    /// names no doer and every other side it names suffered it («قالت المقاومة الشعبية إن
    /// المعارك أسفرت عن مقتل 56 من مسلحي الحوثي»).
    pub clash_reported_by_side: Vec<String>,
    /// Event types whose actor glued to «لـ» right after the trigger receives the act
    /// («قدمت الولايات المتحدة دعما عسكريا للجيش اللبناني»: the army is supported).
    pub received_after_lam: Vec<String>,
    /// Event types that take ground: the actor after a `taken_from` marker («السيطرة على
    /// المدينة من داعش») is the one it was taken from.
    pub ground_taken: Vec<String>,
    /// Event types whose loser, when their sentence names none, is the one side the
    /// article's other acts set their doer against («استعادت المقاومة معسكر النصر»).
    pub other_side_named_elsewhere: Vec<String>,
    /// The attack subtypes that set no two sides against each other for that rule (air
    /// strikes: the air force holds no ground).
    pub other_side_not_from: Vec<String>,
    /// An actor right after one of these comments on an event («أدانت»).
    pub bystander_markers: PhraseMatcher,
    /// «في تعليقه على», «ردا على»: the actors before one in its clause comment on or answer
    /// the act told after it; they are not its parties.
    pub reply_markers: PhraseMatcher,
    /// «بغطاء جوي», «بإسناد جوي»: the air force after one covers the act from the air and
    /// is no party to it.
    pub air_cover_markers: PhraseMatcher,
    /// Types whose parties work together (support, agreement): an actor right after an
    /// `adversary_markers` phrase («ضد») is their opponent, not a party.
    pub cooperative: Vec<String>,
    /// Types whose unit named as another's («اللواء 55 التابع للحرس الجمهوري») acts as a
    /// part of its owner: the owner is a party, never the one acted on.
    pub owner_is_party: Vec<String>,
    /// Types a third party may mediate (talks, agreements, releases): elsewhere an actor
    /// after a `mediator_markers` phrase is only mentioned.
    pub mediated: Vec<String>,
    /// Subtypes whose doer is never a state side unless a marker or word order names it
    /// (suicide and roadside bombings).
    pub insurgent_subtypes: Vec<String>,
    /// Subtypes that may name one blast («انتحاري» and «التفجير» of one bombing): reports of
    /// them are of one kind when the merge asks.
    pub blast_subtypes: Vec<String>,
    /// Subtypes of acts from afar (air strikes, shelling): never one act with a clash.
    pub remote_subtypes: Vec<String>,
    /// «حلفاء X»: X qualifies another party and is not one.
    pub non_party_heads: PhraseMatcher,
    pub adversary_markers: PhraseMatcher,
    /// «تعزيزات عسكرية تابعة لميليشيات الحوثي»: an actor right after one of these owns the
    /// thing before it; after a one-sided trigger with its doer named, it was acted on.
    pub owner_markers: PhraseMatcher,
    /// «المصدر المقرب من تنظيم داعش»: a side after one of these is not the one who speaks,
    /// and does not report its own acts.
    pub close_source_markers: PhraseMatcher,
    /// What a meeting or an agreement is about follows one of these after its trigger
    /// («اللقاء ناقش التطورات … وما حققته المقاومة»): the actors named there are its topic,
    /// not its parties — up to a «مع» or «بين» that names parties again.
    pub topic_markers: PhraseMatcher,
    /// Words right after an attack's trigger that make the article's state forces its doer
    /// («ضربات أمنية»).
    pub state_agent_words: PhraseMatcher,
    /// An actor right after one of these reports the event and is not a party («بحسب»).
    pub attribution_markers: PhraseMatcher,
    /// An organisation right after one of these reports the event («قال المرصد …»).
    pub speech_verbs: PhraseMatcher,
    /// «التي», «قاموا ب»: a trigger right after one has the actor before it as its doer.
    pub doer_links: PhraseMatcher,
    /// Object pronouns glued to a verb after a relative pronoun («الذي استهدفته»): the actor
    /// before the pronoun is acted on. Normalised, longest first.
    pub object_pronouns: Vec<String>,
    /// «فجر مجهولون …», «شنه إرهابيون»: words that fill the doer's slot with no actor.
    pub unnamed_doers: HashSet<String>,
    /// «مسلحون من …», «مسلحون تابعون لـ…»: a word after an unnamed doer that names it.
    pub doer_named_by: HashSet<String>,
    /// A preposition with a pronoun right after a relative clause's verb («التي شاركت
    /// فيها قوات …»): the verb's subject follows it. Normalised whole words.
    pub resumptive_words: HashSet<String>,
    /// Words that name a group's members («من», «عناصر»): between a casualty cue and an actor
    /// they make the actor the one who suffered («مقتل ستة من عناصر …»); they do not count
    /// in a role marker's reach.
    pub member_words: HashSet<String>,
    /// Nouns for people («أشخاص», «مطلوبين», «المتسللين»), normalised: a seizure of them is an
    /// arrest («ضبط 45 شخصا»).
    pub people_words: HashSet<String>,
    /// Verbs the dead or wounded are the subject of («قتلوا», «لقوا»): counted actors right
    /// before one suffered the act («أربعة من قادة الحزب قتلوا في الغارات التركية»).
    pub victim_verbs: HashSet<String>,
    /// Words that open a count of people («أكثر من», «عشرات»): beside numbers, people and
    /// member words, the object of a verb of killing.
    pub count_words: HashSet<String>,
    /// Nouns that head an item of a list of acts («وحادث إطلاق النار على …»): between the
    /// list's comma and the item's trigger they leave the item an item.
    pub item_heads: HashSet<String>,
    /// Verbal nouns whose pronoun is their doer («مبايعته», «استهدافها»): the actor right
    /// after one is acted on, the doer the actor named last before it.
    pub pronoun_doer_masdars: HashSet<String>,
    /// «انضم», «الالتحاق»: triggers of joining, a defection only when what is joined is a
    /// fighting side (normalised).
    pub join_words: HashSet<String>,
    /// «صد الجيش هجوما»: right before an attack, the actor before one defended.
    pub repel_words: PhraseMatcher,
    /// «مبنى الحزب تعرض لاعتداء»: right before an act, the actors before one suffered it.
    pub suffer_verbs: PhraseMatcher,
    /// «تكبدت»: the actors listed after one counted losses, each side its own: the list
    /// is no side.
    pub loss_verbs: PhraseMatcher,
    /// «فقدت», «خسر»: before a takeover's trigger, its subject lost the ground.
    pub lost_control_verbs: PhraseMatcher,
    /// «لصالح»: after the trigger of ground lost, the actor right after one took it.
    pub taken_by_markers: PhraseMatcher,
    /// «المقاتلات», «الطائرات»: aircraft named by no side, right before or after an
    /// attack's trigger, are the article's one air force (normalised).
    pub unnamed_aircraft: Vec<String>,
    /// Verbs whose own partner a `partner_markers` phrase right after them names, after an
    /// act's trigger: «استهدفا مقاتلين في فصائل تقاتل إلى جانب القوات الأمنية» — the forces
    /// stand beside the act's object, not its doer.
    pub beside_verbs: HashSet<String>,
    /// Words right before an actor that make it the group a defection's members left
    /// («انشقوا عن حركة طالبان», «تركوا صفوف الجيش»).
    pub left_group_markers: HashSet<String>,
    /// «بعد»: with an act's trigger a word or two after it, it opens the clause of an
    /// earlier act («اعتقلت … بعد ساعات على تفجيرات …»).
    pub antecedent_markers: PhraseMatcher,
    /// «الحدود مع»: the actor after one names a place, not a party.
    pub place_markers: PhraseMatcher,
    /// «في», «ريف»: a state right after one names a place, not a party.
    pub state_place_markers: PhraseMatcher,
    /// «قرب», «غرب», «المحاذية ل»: a place right after one, with another place just before,
    /// says where that other place lies.
    pub reference_point_markers: PhraseMatcher,
    /// «مؤتمر صحافي», «بمقره»: a place a few words after one is where something was said or
    /// is seated, not where the act was.
    pub venue_markers: PhraseMatcher,
    /// «تم», «جرى»: the act after them is passive; the actor before is not its doer.
    pub passive_words: HashSet<String>,
    /// Verbal nouns whose construct (idafa) names the one acted on («استهداف تنظيم داعش»,
    /// «ملاحقة عناصر القاعدة»), whole words as written without a suffix.
    pub object_masdars: HashSet<String>,
    /// Of `object_masdars`, the forms that are also past-tense verbs («خطف»): a verbal
    /// noun only with the proclitic «ب»/«ل» or after one of `masdar_heads`.
    pub verb_like_masdars: HashSet<String>,
    /// Words after which a trigger that may also be read as a verb is a verbal noun
    /// («عمليات», «حملة», «في»).
    pub masdar_heads: HashSet<String>,
    /// «قام», «قامت»: a light verb whose subject does the verbal noun after «بـ» («قام تنظيم
    /// داعش بتفجير …»); payload 1: a verb of reply («رد الحوثيون بقصف …»), only before «بـ».
    pub light_verbs: PhraseMatcher,
    /// «شنت», «نفذوا»: a verb that launches a campaign of acts; its subject named right
    /// after it does the acts its object lists («شن مسلحو الحوثي حملة اعتقالات»).
    pub launch_verbs: PhraseMatcher,
    /// «حملة», «سلسلة», «من», «واسعة»: the words of a campaign's noun phrase before its acts
    /// (normalised words).
    pub campaign_words: HashSet<String>,
    /// Unnamed authorities («السلطات», «الأجهزة الأمنية») that stand for the state force
    /// of the article when it names no doer.
    pub authority_words: PhraseMatcher,
    /// A trigger after one of these (within `irrealis_window` words, in its clause) reports
    /// no occurrence: wishes, threats, demands, conditions («تريد», «هدد», «طالب», «إذا»).
    pub irrealis: PhraseMatcher,
    pub irrealis_window: usize,
    /// Demands, calls, threats and refusals: anywhere before the trigger in its clause.
    pub irrealis_in_clause: PhraseMatcher,
    /// A sentence ending in one of these asks; it reports nothing.
    pub question_marks: Vec<String>,
    /// An event whose clause holds one of these is background («منذ عام», «في العام الماضي»).
    pub background: PhraseMatcher,
    /// A trigger right after one of these (within `irrealis_window` words, in its clause)
    /// tells how often acts happen, not one act («تزايدت الهجمات الإرهابية»).
    pub trend: PhraseMatcher,
    /// Ground not taken: a trigger of a `ground_taken` type right after one of these (within
    /// `irrealis_window` words, in its clause) tells an attempt or a failure, not a takeover
    /// («لم يستطع حزب الله السيطرة على», «في إطار محاولات الجيش إحكام سيطرته»).
    pub failed_ground: PhraseMatcher,
    /// Present-tense trigger verbs that, right after a word that names no actor, no act and
    /// no relative pronoun, describe what something aims at, not an act («عمل إرهابي جبان
    /// يستهدف أمنها», «حزمة من المشروعات تستهدف»). Normalised words.
    pub descriptive_verbs: HashSet<String>,
    /// Auxiliaries after which such a verb still tells an act («اللغم الذي كان يستهدف …»).
    pub descriptive_verbs_told_after: HashSet<String>,
    /// A trigger right before one of these (within `irrealis_window` words, in its clause)
    /// is habitual or still to come («هجمات شبه يومية», «معركة تحرير المدينة ستبدأ»).
    pub unreal_after: PhraseMatcher,
    /// «معركة تحرير المدينة … ستبدأ»: anywhere after the trigger in its clause, not glued to
    /// «و», the act is still to come.
    pub future_after: PhraseMatcher,
    /// «كثفت الحركة هجماتها منذ …»: a plural act (its word ending in one of
    /// `plural_act_endings`) right before one of these tells of a campaign, not one act.
    pub campaign_after: PhraseMatcher,
    /// Endings of the word of a plural act («هجمات», «غاراتها»), longest first.
    pub plural_act_endings: Vec<String>,
    /// «منذ أمس», «منذ صباح اليوم»: the word after a `campaign_after` marker that makes the
    /// time recent — the day's acts, no campaign.
    pub campaign_recent: HashSet<String>,
    /// «حركة طالبان التي تشن هجمات ضد القوات الأفغانية»: a present-tense launch verb between
    /// a relative pronoun and an indefinite plural act tells of a habit, not of one act.
    pub habitual_launchers: HashSet<String>,
    /// «تواجه هجمات يشنها التنظيم»: the same verb right after the act, with its pronoun.
    pub habitual_launchers_after: HashSet<String>,
    /// Triggers that name a device rather than a blast («عبوة ناسفة», «سيارة مفخخة»).
    pub device_words: PhraseMatcher,
    /// A device word right after one of these (within `irrealis_window` words, no
    /// punctuation between) was found or made safe, not set off: payload 1 for the
    /// seizers («تفكيك», «ضبط»: a seizure of the block `device_type`), 0 for the holders
    /// («تقود», «بحوزته»: no event).
    pub device_handlers: PhraseMatcher,
    /// The block a device found or made safe becomes (the one whose subtype is
    /// `device_seized_as`).
    pub device_type: Option<usize>,
    /// Masdars whose glued «ل» says what the trigger right after them is for
    /// («لانتزاع السيطرة على»): normalised, without the «ل».
    pub purpose_heads: HashSet<String>,
}

fn words(list: &[String], payload: usize) -> impl Iterator<Item = (&str, PhraseMode, usize)> {
    list.iter()
        .map(move |w| (w.as_str(), PhraseMode::Word, payload))
}

/// Normalised words, for whole-word lookups.
/// A `[[gapped]]` block read against the kb's triggers: `None` when its `as` phrase is no
/// whole trigger phrase, or a part is empty.
fn gapped_trigger(g: &RawGapped, triggers: &PhraseMatcher) -> Option<GappedTrigger> {
    let payload = trigger_phrase_block(&g.as_phrase, triggers)?;
    let completion = rasid_text::normalize(&g.completion).trim().to_string();
    let verbs = word_set(&g.verbs);
    (!completion.is_empty() && !verbs.is_empty() && g.reach > 0).then_some(GappedTrigger {
        verbs,
        completion,
        reach: g.reach,
        payload,
    })
}

/// The block of a whole trigger phrase of the kb (`as` of `[[gapped]]` and
/// `[[subject_named]]`).
fn trigger_phrase_block(as_phrase: &str, triggers: &PhraseMatcher) -> Option<usize> {
    let phrase = rasid_text::normalize(as_phrase);
    let phrase = phrase.trim();
    let whole = phrase.chars().count();
    triggers
        .find(phrase)
        .into_iter()
        .find(|m| m.start == 0 && m.end == whole)
        .map(|m| m.payload)
}

/// A `[[subject_named]]` block read against the kb's triggers: `None` when its `as` phrase
/// is no whole trigger phrase, or it has no verbs.
fn subject_named_trigger(
    b: &RawSubjectNamed,
    triggers: &PhraseMatcher,
) -> Option<SubjectNamedTrigger> {
    let payload = trigger_phrase_block(&b.as_phrase, triggers)?;
    let verbs = word_set(&b.verbs);
    (!verbs.is_empty()).then_some(SubjectNamedTrigger { verbs, payload })
}

fn word_set(list: &[String]) -> HashSet<String> {
    list.iter()
        .map(|w| rasid_text::normalize(w).trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Normalised word endings, the longest first: «هما» is tried before «ها».
fn endings_longest_first(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = word_set(list).into_iter().collect();
    out.sort_by(|a, b| {
        b.chars()
            .count()
            .cmp(&a.chars().count())
            .then_with(|| a.cmp(b))
    });
    out
}

fn no_empty(file: &str, what: &str, list: &[String]) -> Result<(), KbError> {
    match list
        .iter()
        .find(|w| rasid_text::normalize(w).trim().is_empty())
    {
        Some(w) => Err(KbError::invalid(
            file,
            format!("{what}: the cue {w:?} is empty after normalisation"),
        )),
        None => Ok(()),
    }
}

/// Lists looked up word by word hold single words.
/// Every word of the list `part` is also in the list `whole` (compared normalised).
fn within(
    file: &str,
    (part_label, part): (&str, &[String]),
    (whole_label, whole): (&str, &[String]),
) -> Result<(), KbError> {
    let whole_set = word_set(whole);
    match part
        .iter()
        .find(|w| !whole_set.contains(rasid_text::normalize(w).trim()))
    {
        Some(w) => Err(KbError::invalid(
            file,
            format!("{part_label}: {w:?} is not in {whole_label}"),
        )),
        None => Ok(()),
    }
}

fn one_word_each(file: &str, what: &str, list: &[String]) -> Result<(), KbError> {
    match list
        .iter()
        .find(|w| rasid_text::normalize(w).split_whitespace().count() != 1)
    {
        Some(w) => Err(KbError::invalid(
            file,
            format!("{what}: {w:?} is not one word (this list is looked up word by word)"),
        )),
        None => Ok(()),
    }
}

impl EventLexicon {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut defs = Vec::new();
        let mut patterns: Vec<(&str, PhraseMode, usize)> = Vec::new();
        for (i, t) in raw.event.iter().enumerate() {
            if !EVENT_TYPES.contains(&t.kind.as_str()) {
                return Err(KbError::invalid(
                    name,
                    format!(
                        "event block {}: type {:?} is not one of {}",
                        i + 1,
                        t.kind,
                        EVENT_TYPES.join(", ")
                    ),
                ));
            }
            let roles = match t.roles.as_str() {
                "subject" => TriggerRoles::Subject,
                "object" => TriggerRoles::Object,
                "mutual" => TriggerRoles::Mutual,
                "patient" => TriggerRoles::Patient,
                other => {
                    return Err(KbError::invalid(
                        name,
                        format!(
                        "event block {} ({}): roles {other:?} must be \"subject\", \"object\", \"mutual\" or \"patient\"",
                        i + 1,
                        t.kind
                    ),
                    ))
                }
            };
            if t.words.is_empty() && t.stems.is_empty() {
                return Err(KbError::invalid(
                    name,
                    format!("event block {} ({}) has no words or stems", i + 1, t.kind),
                ));
            }
            no_empty(name, &t.kind, &t.words)?;
            no_empty(name, &t.kind, &t.stems)?;
            defs.push(TriggerDef {
                kind: t.kind.clone(),
                subtype: t.subtype.clone(),
                roles,
                people_type: None,
            });
            patterns.extend(words(&t.words, i));
            patterns.extend(t.stems.iter().map(|w| (w.as_str(), PhraseMode::Prefix, i)));
        }
        for (i, t) in raw.event.iter().enumerate() {
            let Some(kind) = &t.people_object else {
                continue;
            };
            let Some(block) = defs.iter().position(|d| &d.kind == kind) else {
                return Err(KbError::invalid(
                    name,
                    format!(
                        "event block {} ({}): people_object {kind:?} is not the type of an event block",
                        i + 1,
                        t.kind
                    ),
                ));
            };
            defs[i].people_type = Some(block);
        }
        let device_type = match &raw.occurrence.device_seized_as {
            None => None,
            Some(sub) => Some(
                defs.iter()
                    .position(|d| d.subtype.as_ref() == Some(sub))
                    .ok_or_else(|| {
                        KbError::invalid(
                            name,
                            format!(
                                "occurrence.device_seized_as {sub:?} is not the subtype of an event block"
                            ),
                        )
                    })?,
            ),
        };
        if let Some(t) = raw
            .two_sided
            .iter()
            .chain(&raw.needs_place)
            .chain(&raw.no_toll)
            .chain(&raw.placed_by_authority)
            .chain(&raw.placed_from_the_article)
            .chain(&raw.reported_by_doer)
            .chain(&raw.received_after_lam)
            .chain(&raw.ground_taken)
            .chain(&raw.other_side_named_elsewhere)
            .chain(&raw.cooperative)
            .chain(&raw.owner_is_party)
            .chain(&raw.mediated)
            .find(|t| !EVENT_TYPES.contains(&t.as_str()))
        {
            return Err(KbError::invalid(
                name,
                format!(
                    "two_sided/needs_place/no_toll/placed_by_authority/placed_from_the_article/reported_by_doer/received_after_lam/ground_taken/cooperative/owner_is_party/mediated: {t:?} is not an event type"
                ),
            ));
        }
        if let Some(st) = raw
            .insurgent_subtypes
            .iter()
            .chain(&raw.blast_subtypes)
            .chain(&raw.remote_subtypes)
            .chain(&raw.clash_reported_by_side)
            .find(|st| !raw.event.iter().any(|t| t.subtype.as_ref() == Some(*st)))
        {
            return Err(KbError::invalid(
                name,
                format!(
                    "insurgent_subtypes/blast_subtypes/remote_subtypes/clash_reported_by_side: {st:?} is the subtype of no event block"
                ),
            ));
        }
        let m = &raw.modality;
        let classes = [&m.denied, &m.planned, &m.claimed, &m.likely, &m.alleged];
        for (label, list) in MODALITIES.iter().zip(classes) {
            no_empty(name, label, list)?;
        }
        for (label, list) in [
            ("occurrence.irrealis", &raw.occurrence.irrealis),
            ("occurrence.trend", &raw.occurrence.trend),
            ("occurrence.failed_ground", &raw.occurrence.failed_ground),
            ("occurrence.unreal_after", &raw.occurrence.unreal_after),
            ("occurrence.future_after", &raw.occurrence.future_after),
            ("occurrence.campaign_after", &raw.occurrence.campaign_after),
            (
                "occurrence.plural_act_endings",
                &raw.occurrence.plural_act_endings,
            ),
            (
                "occurrence.campaign_recent",
                &raw.occurrence.campaign_recent,
            ),
            (
                "occurrence.habitual_launchers",
                &raw.occurrence.habitual_launchers,
            ),
            (
                "occurrence.habitual_launchers_after",
                &raw.occurrence.habitual_launchers_after,
            ),
            ("occurrence.device_words", &raw.occurrence.device_words),
            ("occurrence.device_seizers", &raw.occurrence.device_seizers),
            ("occurrence.device_holders", &raw.occurrence.device_holders),
            (
                "occurrence.irrealis_in_clause",
                &raw.occurrence.irrealis_in_clause,
            ),
            ("occurrence.background", &raw.occurrence.background),
            ("roles.doer_links", &raw.roles.doer_links),
            ("roles.object_pronouns", &raw.roles.object_pronouns),
            ("roles.unnamed_doers", &raw.roles.unnamed_doers),
            ("roles.doer_named_by", &raw.roles.doer_named_by),
            ("roles.resumptive_words", &raw.roles.resumptive_words),
            ("roles.member_words", &raw.roles.member_words),
            ("roles.people_words", &raw.roles.people_words),
            ("roles.victim_verbs", &raw.roles.victim_verbs),
            ("roles.authority_words", &raw.roles.authority_words),
            ("roles.passive_words", &raw.roles.passive_words),
            ("roles.place_markers", &raw.roles.place_markers),
            ("roles.state_place_markers", &raw.roles.state_place_markers),
            (
                "roles.reference_point_markers",
                &raw.roles.reference_point_markers,
            ),
            ("roles.venue_markers", &raw.roles.venue_markers),
            ("roles.repel_words", &raw.roles.repel_words),
            ("roles.suffer_verbs", &raw.roles.suffer_verbs),
            ("roles.loss_verbs", &raw.roles.loss_verbs),
            ("roles.lost_control_verbs", &raw.roles.lost_control_verbs),
            ("roles.taken_by_markers", &raw.roles.taken_by_markers),
            ("roles.antecedent_markers", &raw.roles.antecedent_markers),
            ("roles.non_party_heads", &raw.roles.non_party_heads),
            ("roles.object_masdars", &raw.roles.object_masdars),
            ("roles.verb_like_masdars", &raw.roles.verb_like_masdars),
            ("roles.masdar_heads", &raw.roles.masdar_heads),
            ("roles.light_verbs", &raw.roles.light_verbs),
            ("roles.launch_verbs", &raw.roles.launch_verbs),
            ("roles.campaign_words", &raw.roles.campaign_words),
            ("roles.reply_verbs", &raw.roles.reply_verbs),
            ("roles.demonstratives", &raw.roles.demonstratives),
            ("roles.retelling_nouns", &raw.roles.retelling_nouns),
        ] {
            no_empty(name, label, list)?;
        }
        for (label, list) in [
            ("roles.object_masdars", &raw.roles.object_masdars),
            ("roles.verb_like_masdars", &raw.roles.verb_like_masdars),
            ("roles.masdar_heads", &raw.roles.masdar_heads),
            ("roles.people_words", &raw.roles.people_words),
            ("roles.victim_verbs", &raw.roles.victim_verbs),
            ("roles.count_words", &raw.roles.count_words),
            ("roles.item_heads", &raw.roles.item_heads),
            (
                "roles.pronoun_doer_masdars",
                &raw.roles.pronoun_doer_masdars,
            ),
            ("roles.join_words", &raw.roles.join_words),
            ("roles.beside_verbs", &raw.roles.beside_verbs),
            ("roles.left_group_markers", &raw.roles.left_group_markers),
        ] {
            one_word_each(name, label, list)?;
        }
        within(
            name,
            ("roles.verb_like_masdars", &raw.roles.verb_like_masdars),
            ("roles.object_masdars", &raw.roles.object_masdars),
        )?;
        let c = &raw.casualties;
        let cues = [
            &c.killed,
            &c.killed_after,
            &c.injured,
            &c.injured_after,
            &c.combined,
            &c.killed_one,
            &c.injured_one,
        ];
        within(
            name,
            ("relation_markers.backing", &raw.relation_markers.backing),
            ("relation_markers.support", &raw.relation_markers.support),
        )?;
        within(
            name,
            ("roles.contrast_openers", &raw.roles.contrast_openers),
            ("roles.clause_openers", &raw.roles.clause_openers),
        )?;
        if let Some(w) = raw
            .relation_markers
            .relative_pronouns
            .iter()
            .find(|w| rasid_text::normalize(w).split_whitespace().count() != 1)
        {
            return Err(KbError::invalid(
                name,
                format!("relation_markers.relative_pronouns: {w:?} is not one word"),
            ));
        }
        no_empty(
            name,
            "relation_markers.member_roles_after_name",
            &raw.relation_markers.member_roles_after_name,
        )?;
        one_word_each(
            name,
            "relation_markers.listed_among",
            &raw.relation_markers.listed_among,
        )?;
        let mut relation_patterns = Vec::new();
        let mut relation_blocks = Vec::new();
        for (i, r) in raw.relation.iter().enumerate() {
            let Some(k) = RELATION_TYPES.iter().position(|t| *t == r.kind) else {
                return Err(KbError::invalid(
                    name,
                    format!(
                        "relation block {}: type {:?} is not one of {}",
                        i + 1,
                        r.kind,
                        RELATION_TYPES.join(", ")
                    ),
                ));
            };
            no_empty(name, &r.kind, &r.words)?;
            let (opposed, taken_from) = match r.pair.as_deref() {
                None | Some("nearest") => (false, false),
                Some("opposed") => (true, false),
                Some("taken_from") => (false, true),
                Some(other) => {
                    return Err(KbError::invalid(
                        name,
                        format!(
                            "relation block {}: pair {other:?} is not \"nearest\", \"opposed\" or \"taken_from\"",
                            i + 1
                        ),
                    ))
                }
            };
            if taken_from && (r.kind != "HOSTILE" || raw.relation_markers.taken_from.is_empty()) {
                return Err(KbError::invalid(
                    name,
                    format!(
                        "relation block {}: pair \"taken_from\" needs type HOSTILE and relation_markers.taken_from",
                        i + 1
                    ),
                ));
            }
            relation_patterns.extend(words(&r.words, relation_blocks.len()));
            relation_blocks.push(RelationCue {
                kind: RELATION_TYPES[k],
                both_sides: r.both_sides,
                opposed,
                doer_after: r.doer_after,
                taken_from,
            });
        }
        let triggers = PhraseMatcher::new(patterns);
        let gapped = raw
            .gapped
            .iter()
            .enumerate()
            .map(|(i, g)| gapped_trigger(g, &triggers).ok_or_else(|| {
                KbError::invalid(
                    name,
                    format!(
                        "gapped block {}: \"as\" {:?} is no trigger phrase of the kb, or completion/verbs/reach is empty",
                        i + 1,
                        g.as_phrase
                    ),
                )
            }))
            .collect::<Result<Vec<_>, _>>()?;
        let subject_named = raw
            .subject_named
            .iter()
            .enumerate()
            .map(|(i, b)| {
                subject_named_trigger(b, &triggers).ok_or_else(|| {
                    KbError::invalid(
                        name,
                        format!(
                            "subject_named block {}: \"as\" {:?} is no trigger phrase of the kb, or verbs is empty",
                            i + 1,
                            b.as_phrase
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            triggers,
            gapped,
            subject_named,
            defs,
            target_markers: PhraseMatcher::new(words(&raw.roles.target_markers, 0)),
            patient_markers: PhraseMatcher::new(words(&raw.roles.patient_markers, 0)),
            agent_markers: PhraseMatcher::new(words(&raw.roles.agent_markers, 0)),
            mediator_markers: PhraseMatcher::new(words(&raw.roles.mediator_markers, 0)),
            partner_markers: PhraseMatcher::new(words(&raw.roles.partner_markers, 0)),
            clause_openers: PhraseMatcher::new(
                words(&raw.roles.clause_openers, 0)
                    .filter(|(w, _, _)| !raw.roles.contrast_openers.iter().any(|c| c == w))
                    .chain(words(&raw.roles.contrast_openers, 1)),
            ),
            party_anaphora: PhraseMatcher::new(words(&raw.roles.party_anaphora, 0)),
            demonstratives: PhraseMatcher::new(words(&raw.roles.demonstratives, 0)),
            retelling_nouns: PhraseMatcher::new(words(&raw.roles.retelling_nouns, 0)),
            modality: PhraseMatcher::new(
                classes
                    .iter()
                    .enumerate()
                    .flat_map(|(k, list)| words(list, k)),
            ),
            negation: word_set(&m.negation),
            negation_window: m.negation_window,
            unclaimed: PhraseMatcher::new(words(&m.unclaimed, 0)),
            casualties: PhraseMatcher::new(
                cues.iter().enumerate().flat_map(|(k, list)| words(list, k)),
            ),
            victim_list_openers: PhraseMatcher::new(words(&c.victim_list_openers, 0)),
            things_counted: word_set(&c.things_counted),
            relation_cues: PhraseMatcher::new(relation_patterns),
            relation_blocks,
            opposition_markers: PhraseMatcher::new(words(&raw.relation_markers.opposition, 0)),
            between_markers: PhraseMatcher::new(words(&raw.relation_markers.between, 0)),
            taken_from_markers: PhraseMatcher::new(
                words(&raw.relation_markers.taken_from, 0)
                    .chain(words(&raw.relation_markers.held_by, 0)),
            ),
            held_by_markers: PhraseMatcher::new(words(&raw.relation_markers.held_by, 0)),
            taken_from_partitive: word_set(&raw.relation_markers.taken_from_partitive),
            backing_markers: PhraseMatcher::new(words(&raw.relation_markers.backing, 0)),
            relative_pronouns: word_set(&raw.relation_markers.relative_pronouns),
            listed_among: word_set(&raw.relation_markers.listed_among),
            member_roles_after_name: raw
                .relation_markers
                .member_roles_after_name
                .iter()
                .map(|w| {
                    rasid_text::normalize(w)
                        .split_whitespace()
                        .map(str::to_string)
                        .collect()
                })
                .collect(),
            side_markers: PhraseMatcher::new(words(&raw.relation_markers.side_end, 0)),
            support_markers: PhraseMatcher::new(words(&raw.relation_markers.support, 0)),
            speaker_markers: PhraseMatcher::new(words(&raw.relation_markers.speaker, 0)),
            list_heads: word_set(&raw.relation_markers.list_heads),
            exclusions: PhraseMatcher::new(words(&raw.exclusions.phrases, 0)),
            two_sided: raw.two_sided,
            needs_place: raw.needs_place,
            ground_words: word_set(&raw.ground_words),
            no_toll: raw.no_toll,
            placed_by_authority: raw.placed_by_authority,
            placed_from_the_article: raw.placed_from_the_article,
            reported_by_doer: raw.reported_by_doer,
            clash_reported_by_side: raw.clash_reported_by_side,
            received_after_lam: raw.received_after_lam,
            ground_taken: raw.ground_taken,
            other_side_named_elsewhere: raw.other_side_named_elsewhere,
            other_side_not_from: raw.other_side_not_from,
            bystander_markers: PhraseMatcher::new(words(&raw.roles.bystander_markers, 0)),
            reply_markers: PhraseMatcher::new(words(&raw.roles.reply_markers, 0)),
            air_cover_markers: PhraseMatcher::new(words(&raw.roles.air_cover_markers, 0)),
            cooperative: raw.cooperative,
            owner_is_party: raw.owner_is_party,
            mediated: raw.mediated,
            insurgent_subtypes: raw.insurgent_subtypes,
            blast_subtypes: raw.blast_subtypes,
            remote_subtypes: raw.remote_subtypes,
            non_party_heads: PhraseMatcher::new(words(&raw.roles.non_party_heads, 0)),
            adversary_markers: PhraseMatcher::new(words(&raw.roles.adversary_markers, 0)),
            owner_markers: PhraseMatcher::new(words(&raw.roles.owner_markers, 0)),
            close_source_markers: PhraseMatcher::new(words(&raw.roles.close_source_markers, 0)),
            topic_markers: PhraseMatcher::new(words(&raw.roles.topic_markers, 0)),
            state_agent_words: PhraseMatcher::new(words(&raw.roles.state_agent_words, 0)),
            attribution_markers: PhraseMatcher::new(words(&raw.roles.attribution_markers, 0)),
            speech_verbs: PhraseMatcher::new(words(&raw.roles.speech_verbs, 0)),
            doer_links: PhraseMatcher::new(words(&raw.roles.doer_links, 0)),
            object_pronouns: endings_longest_first(&raw.roles.object_pronouns),
            unnamed_doers: word_set(&raw.roles.unnamed_doers),
            doer_named_by: word_set(&raw.roles.doer_named_by),
            resumptive_words: word_set(&raw.roles.resumptive_words),
            member_words: word_set(&raw.roles.member_words),
            people_words: word_set(&raw.roles.people_words),
            victim_verbs: word_set(&raw.roles.victim_verbs),
            count_words: word_set(&raw.roles.count_words),
            item_heads: word_set(&raw.roles.item_heads),
            pronoun_doer_masdars: word_set(&raw.roles.pronoun_doer_masdars),
            join_words: word_set(&raw.roles.join_words),
            authority_words: PhraseMatcher::new(words(&raw.roles.authority_words, 0)),
            place_markers: PhraseMatcher::new(words(&raw.roles.place_markers, 0)),
            state_place_markers: PhraseMatcher::new(words(&raw.roles.state_place_markers, 0)),
            reference_point_markers: PhraseMatcher::new(words(
                &raw.roles.reference_point_markers,
                0,
            )),
            venue_markers: PhraseMatcher::new(words(&raw.roles.venue_markers, 0)),
            repel_words: PhraseMatcher::new(words(&raw.roles.repel_words, 0)),
            suffer_verbs: PhraseMatcher::new(words(&raw.roles.suffer_verbs, 0)),
            loss_verbs: PhraseMatcher::new(words(&raw.roles.loss_verbs, 0)),
            lost_control_verbs: PhraseMatcher::new(words(&raw.roles.lost_control_verbs, 0)),
            taken_by_markers: PhraseMatcher::new(words(&raw.roles.taken_by_markers, 0)),
            unnamed_aircraft: raw
                .roles
                .unnamed_aircraft
                .iter()
                .map(|w| rasid_text::normalize(w).trim().to_string())
                .collect(),
            beside_verbs: word_set(&raw.roles.beside_verbs),
            left_group_markers: word_set(&raw.roles.left_group_markers),
            antecedent_markers: PhraseMatcher::new(words(&raw.roles.antecedent_markers, 0)),
            passive_words: word_set(&raw.roles.passive_words),
            object_masdars: word_set(&raw.roles.object_masdars),
            verb_like_masdars: word_set(&raw.roles.verb_like_masdars),
            masdar_heads: word_set(&raw.roles.masdar_heads),
            light_verbs: PhraseMatcher::new(
                words(&raw.roles.light_verbs, 0).chain(words(&raw.roles.reply_verbs, 1)),
            ),
            launch_verbs: PhraseMatcher::new(words(&raw.roles.launch_verbs, 0)),
            campaign_words: word_set(&raw.roles.campaign_words),
            irrealis: PhraseMatcher::new(words(&raw.occurrence.irrealis, 0)),
            irrealis_window: raw.occurrence.irrealis_window,
            irrealis_in_clause: PhraseMatcher::new(words(&raw.occurrence.irrealis_in_clause, 0)),
            question_marks: raw.occurrence.question_marks,
            background: PhraseMatcher::new(words(&raw.occurrence.background, 0)),
            trend: PhraseMatcher::new(words(&raw.occurrence.trend, 0)),
            failed_ground: PhraseMatcher::new(words(&raw.occurrence.failed_ground, 0)),
            descriptive_verbs: word_set(&raw.occurrence.descriptive_verbs),
            descriptive_verbs_told_after: word_set(&raw.occurrence.descriptive_verbs_told_after),
            unreal_after: PhraseMatcher::new(words(&raw.occurrence.unreal_after, 0)),
            future_after: PhraseMatcher::new(words(&raw.occurrence.future_after, 0)),
            campaign_after: PhraseMatcher::new(words(&raw.occurrence.campaign_after, 0)),
            plural_act_endings: endings_longest_first(&raw.occurrence.plural_act_endings),
            campaign_recent: word_set(&raw.occurrence.campaign_recent),
            habitual_launchers: word_set(&raw.occurrence.habitual_launchers),
            habitual_launchers_after: word_set(&raw.occurrence.habitual_launchers_after),
            device_words: PhraseMatcher::new(words(&raw.occurrence.device_words, 0)),
            device_handlers: PhraseMatcher::new(
                words(&raw.occurrence.device_holders, 0)
                    .chain(words(&raw.occurrence.device_seizers, 1)),
            ),
            device_type,
            purpose_heads: word_set(&raw.occurrence.purpose_heads),
        })
    }

    /// The event type of trigger payload `p`.
    pub fn def(&self, p: usize) -> Option<&TriggerDef> {
        self.defs.get(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<EventLexicon, KbError> {
        EventLexicon::parse(&KbFile {
            name: "events.toml".into(),
            text: text.into(),
            builtin: false,
        })
    }

    const TAIL: &str = r#"
[roles]
target_markers = ["على"]
agent_markers = ["من قبل"]
mediator_markers = ["بوساطة"]
[modality]
denied = ["نفى"]
planned = ["يخطط"]
claimed = ["تبنى"]
likely = ["ربما"]
alleged = ["مصادر"]
negation = ["لم"]
negation_window = 2
[casualties]
killed = ["مقتل"]
killed_after = ["قتلى"]
injured = ["إصابة"]
injured_after = ["جرحى"]
combined = ["مقتل وإصابة"]
"#;

    #[test]
    fn the_repository_lexicon_loads() {
        let lex = parse(include_str!("../../../kb/events.toml")).expect("kb/events.toml");
        let ms = lex
            .triggers
            .find(&rasid_text::normalize("وهاجمت عناصر التنظيم مواقع الجيش"));
        let kinds: Vec<&str> = ms
            .iter()
            .filter_map(|m| lex.def(m.payload))
            .map(|d| d.kind.as_str())
            .collect();
        assert_eq!(kinds, ["ATTACK"]);
    }

    #[test]
    fn an_unknown_type_is_named() {
        let text = format!(
            "version = 1\n[[event]]\ntype = \"RIOT\"\nroles = \"subject\"\nwords = [\"شغب\"]\n{TAIL}"
        );
        let err = parse(&text)
            .expect_err("RIOT is not a contract type")
            .to_string();
        assert!(err.contains("events.toml") && err.contains("RIOT"), "{err}");
    }

    #[test]
    fn a_subject_named_verb_reads_as_a_trigger_phrase_of_the_kb() {
        let block = |as_phrase: &str| {
            format!(
                "version = 1\n[[event]]\ntype = \"ATTACK\"\nroles = \"subject\"\nwords = [\"هجوم\"]\n\
                 [[subject_named]]\nverbs = [\"قتل\"]\nas = \"{as_phrase}\"\n{TAIL}"
            )
        };
        let lex = parse(&block("هجوم")).expect("a known phrase");
        let kind = lex
            .def(lex.subject_named[0].payload)
            .map(|d| d.kind.as_str());
        assert_eq!(kind, Some("ATTACK"));
        let err = parse(&block("مذبحة"))
            .expect_err("no trigger phrase «مذبحة»")
            .to_string();
        assert!(
            err.contains("events.toml") && err.contains("subject_named block 1"),
            "{err}"
        );
    }

    #[test]
    fn a_gapped_trigger_reads_as_a_trigger_phrase_of_the_kb() {
        let block = |as_phrase: &str| {
            format!(
                "version = 1\n[[event]]\ntype = \"ATTACK\"\nroles = \"subject\"\nwords = [\"أطلق النار\"]\n\
                 [[gapped]]\nverbs = [\"أطلق\"]\ncompletion = \"النار\"\nreach = 3\nas = \"{as_phrase}\"\n{TAIL}"
            )
        };
        let lex = parse(&block("أطلق النار")).expect("a known phrase");
        assert_eq!(lex.gapped.len(), 1);
        let kind = lex.def(lex.gapped[0].payload).map(|d| d.kind.as_str());
        assert_eq!(kind, Some("ATTACK"));
        let err = parse(&block("فتح النار"))
            .expect_err("no trigger phrase «فتح النار»")
            .to_string();
        assert!(
            err.contains("events.toml") && err.contains("gapped block 1"),
            "{err}"
        );
    }

    #[test]
    fn a_people_object_type_without_a_block_is_named() {
        let text = format!(
            "version = 1\n[[event]]\ntype = \"SEIZE\"\nroles = \"subject\"\nwords = [\"ضبط\"]\npeople_object = \"ARREST\"\n{TAIL}"
        );
        let err = parse(&text)
            .expect_err("no ARREST block to take the type of")
            .to_string();
        assert!(
            err.contains("events.toml") && err.contains("people_object") && err.contains("ARREST"),
            "{err}"
        );
        let with_block = text.replace(
            "[roles]",
            "[[event]]\ntype = \"ARREST\"\nroles = \"subject\"\nwords = [\"اعتقل\"]\n[roles]",
        );
        let lex = parse(&with_block).expect("an ARREST block");
        let seize = lex.def(0).expect("the SEIZE block");
        assert_eq!(
            seize
                .people_type
                .and_then(|i| lex.def(i))
                .map(|d| d.kind.as_str()),
            Some("ARREST")
        );
    }

    #[test]
    fn a_device_block_is_found_by_its_subtype_or_named() {
        let text = format!(
            "version = 1\n[[event]]\ntype = \"SEIZE\"\nroles = \"subject\"\nwords = [\"ضبط\"]\n[occurrence]\ndevice_seized_as = \"disrupted_explosives\"\n{TAIL}"
        );
        let err = parse(&text)
            .expect_err("no block of subtype disrupted_explosives")
            .to_string();
        assert!(
            err.contains("device_seized_as") && err.contains("disrupted_explosives"),
            "{err}"
        );
        let with_block = text.replace(
            "[occurrence]",
            "[[event]]\ntype = \"SEIZE\"\nsubtype = \"disrupted_explosives\"\nroles = \"object\"\nwords = [\"تفكيك عبوة\"]\n[occurrence]",
        );
        let lex = parse(&with_block).expect("a device block");
        assert_eq!(lex.device_type, Some(1));
    }

    #[test]
    fn a_bad_role_is_named() {
        let text = format!(
            "version = 1\n[[event]]\ntype = \"ATTACK\"\nroles = \"agent\"\nwords = [\"هجوم\"]\n{TAIL}"
        );
        let err = parse(&text)
            .expect_err("roles must be subject/object")
            .to_string();
        assert!(err.contains("agent"), "{err}");
    }

    #[test]
    fn a_verbal_noun_of_two_words_is_named() {
        let text = format!("version = 1\n{TAIL}").replace(
            "[modality]",
            "object_masdars = [\"استهداف مواقع\"]\n[modality]",
        );
        let err = parse(&text)
            .expect_err("object_masdars are single words")
            .to_string();
        assert!(
            err.contains("object_masdars") && err.contains("استهداف مواقع"),
            "{err}"
        );
    }

    #[test]
    fn a_relation_pair_other_than_nearest_or_opposed_is_named() {
        let text = format!(
            "version = 1\n{TAIL}[[relation]]\ntype = \"HOSTILE\"\npair = \"around\"\nwords = [\"قتال\"]\n"
        );
        let err = parse(&text)
            .expect_err("pair must be nearest or opposed")
            .to_string();
        assert!(err.contains("around"), "{err}");
        let text = format!(
            "version = 1\n{TAIL}[[relation]]\ntype = \"HOSTILE\"\npair = \"opposed\"\ndoer_after = true\nwords = [\"غارات\"]\n"
        );
        let lex = parse(&text).expect("valid");
        assert!(lex.relation_blocks[0].opposed && lex.relation_blocks[0].doer_after);
    }

    #[test]
    fn a_contrast_opener_must_be_a_clause_opener() {
        let roles = "clause_openers = [\"فيما\"]\ncontrast_openers = [\"بينما\"]\n";
        let text =
            format!("version = 1\n{TAIL}").replacen("[roles]\n", &format!("[roles]\n{roles}"), 1);
        let err = parse(&text)
            .expect_err("contrast openers are clause openers")
            .to_string();
        assert!(err.contains("بينما"), "{err}");
    }

    #[test]
    fn a_backing_marker_must_be_a_support_marker() {
        let markers = "[relation_markers]\nsupport = [\"بدعم\"]\nbacking = [\"بإسناد\"]\n";
        let err = parse(&format!("version = 1\n{TAIL}{markers}"))
            .expect_err("backing markers are support markers")
            .to_string();
        assert!(err.contains("بإسناد"), "{err}");
        let markers = "[relation_markers]\nsupport = [\"بدعم\"]\nbacking = [\"بدعم\"]\n";
        parse(&format!("version = 1\n{TAIL}{markers}")).expect("valid");
    }

    #[test]
    fn a_taken_from_pair_needs_its_markers_and_hostile() {
        let block =
            "[[relation]]\ntype = \"HOSTILE\"\npair = \"taken_from\"\nwords = [\"تحرير\"]\n";
        let err = parse(&format!("version = 1\n{TAIL}{block}"))
            .expect_err("taken_from needs relation_markers.taken_from")
            .to_string();
        assert!(err.contains("taken_from"), "{err}");
        let markers = "[relation_markers]\ntaken_from = [\"من\"]\n";
        let lex = parse(&format!("version = 1\n{TAIL}{markers}{block}")).expect("valid");
        assert!(lex.relation_blocks[0].taken_from && !lex.relation_blocks[0].opposed);
        let ally = block.replace("HOSTILE", "ALLY");
        let err = parse(&format!("version = 1\n{TAIL}{markers}{ally}"))
            .expect_err("taken_from is HOSTILE only")
            .to_string();
        assert!(err.contains("HOSTILE"), "{err}");
    }

    #[test]
    fn stems_take_suffixes_and_words_do_not() {
        let text = format!(
            "version = 1\n[[event]]\ntype = \"ATTACK\"\nroles = \"subject\"\nstems = [\"هاجم\"]\nwords = [\"قصف\"]\n{TAIL}"
        );
        let lex = parse(&text).expect("valid");
        assert_eq!(
            lex.triggers.find(&rasid_text::normalize("هاجموها")).len(),
            1
        );
        assert!(lex
            .triggers
            .find(&rasid_text::normalize("قصفها"))
            .is_empty());
    }
}
