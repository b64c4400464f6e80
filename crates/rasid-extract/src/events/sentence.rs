//! An article seen sentence by sentence, with its recognised facts placed in each
//! sentence's normalised text (where the cue matchers run).

use crate::actors::{DEMONYM_OF_ACT, DEMONYM_OF_PERSONNEL};
use std::collections::HashSet;

use rasid_kb::{EventLexicon, Kb, PhraseMatch, TriggerRoles};
use rasid_model::{Actor, ActorKind, DateRecord, Evidence, NumberRecord, Place};
use rasid_text::{Normalized, Span};

use super::between::BetweenMarks;

/// What the events and relations of one article are read from.
pub struct ArticleFacts<'a> {
    pub doc: &'a [char],
    pub ntext: &'a [char],
    pub norm: &'a Normalized,
    pub blocks: &'a [Span],
    pub actors: &'a [Actor],
    pub places: &'a [Place],
    pub dates: &'a [DateRecord],
    pub numbers: &'a [NumberRecord],
    /// The article's publication date, ISO.
    pub published: Option<String>,
}

/// An actor mention in a sentence (offsets in the sentence's normalised text).
#[derive(Debug, Clone)]
pub struct EntityRef {
    pub start: usize,
    pub end: usize,
    pub id: String,
    pub kind: ActorKind,
    /// A state named by the adjective of an act («الغارات التركية»): that act's doer.
    pub adjective_of_act: bool,
    /// A state named by the adjective of its men («ضابط تركي»): acted on, never a doer by
    /// word order alone.
    pub personnel: bool,
}

/// A place mention in a sentence.
#[derive(Debug, Clone)]
pub struct PlaceRef {
    pub start: usize,
    /// Where the mention ends (the sentence's chars; 0 for a place no mention names).
    pub end: usize,
    pub name: String,
    pub country: Option<String>,
    pub is_country: bool,
    /// A region (province, district) rather than a town: an event is placed at its town
    /// when the clause names one.
    pub is_region: bool,
    /// A province (the gazetteer's admin1), the coarsest region.
    pub is_province: bool,
}

/// A role an actor plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Initiator,
    Target,
    Mediator,
    /// On the initiator's side, not its first doer.
    Partner,
    /// Acted on, wherever the trigger stands («تعرضت مواقع X لهجوم»).
    Patient,
    /// Named beside the act's object, no party to it («استهدفا مقاتلين يقاتلون إلى جانب
    /// القوات الأمنية»).
    Beside,
}

/// How far (in words) after a cue of ground taken (or its doer) the marker «من» may stand
/// («تحرير جامعة الأنبار من»).
const TAKEN_FROM_REACH_WORDS: usize = 5;
/// How far (in words) after «من» the one ground was taken from may stand («من عصابات داعش»).
const LOSER_REACH_WORDS: usize = 2;

/// Who ground was taken from, and the actor right after the cue when it stands before the
/// marker (a verb's subject, a verbal noun's doer): see [`SentenceView::taken_from`].
pub struct TakenFrom<'e> {
    pub genitive: Option<&'e EntityRef>,
    pub loser: &'e EntityRef,
}

/// Quotes and brackets a list's gap may hold («الفرقة الرابعة و"حزب الله"»).
const LIST_QUOTES: &[char] = &['«', '»', '"', '“', '”', '\'', '(', ')', '[', ']'];

/// Is a gap between two names (spaces left out) «و» or a comma, or both?
fn only_a_joiner(gap: &str) -> bool {
    matches!(gap, "و" | "،" | "،و" | "," | ",و")
}

/// Clause openers that are pronouns standing for an actor named before them (with the space
/// after them), and whether they are feminine.
const PRONOUN_OPENERS: [(&str, bool); 2] = [("وهو ", false), ("وهي ", true)];

/// One sentence with its facts.
pub struct SentenceView {
    /// Span in the input document and its text (the evidence).
    pub span: Span,
    pub text: String,
    /// The sentence's normalised text; all offsets below count its chars.
    pub ntext: String,
    /// The chars of `ntext`, for looking around an offset.
    chars: Vec<char>,
    pub entities: Vec<EntityRef>,
    pub places: Vec<PlaceRef>,
    /// (start, date, date_end)
    pub dates: Vec<(usize, String, Option<String>)>,
    /// (start, end, value)
    pub numbers: Vec<(usize, usize, u64)>,
    /// Role markers of the sentence («على», «من قبل», «بوساطة»), found once.
    pub markers: Vec<(PhraseMatch, Role)>,
    /// Where clauses start (clause openers, «؛», «:»), found once.
    pub clause_bounds: Vec<usize>,
    /// The clause starts a contrastive opener makes («فيما», «بينما»): such a clause tells
    /// another act, with its own actors.
    pub contrast_bounds: Vec<usize>,
    /// The clause starts an earlier act opens («بعد ساعات على تفجيرات …»): see
    /// [`antecedent_clauses`].
    pub antecedent_bounds: Vec<usize>,
    /// The clause starts the items of a list of acts make («…، وإطلاق النار على دورية …»):
    /// see [`list_items`].
    pub item_bounds: Vec<usize>,
    /// The event triggers of the sentence (`kb/events.toml`), found once.
    pub triggers: Vec<PhraseMatch>,
    /// Its «بين» markers and side ends («من جهة»), read by events and relations alike.
    pub between_marks: BetweenMarks,
    /// Word starts before each char of `ntext` (`word_starts[i]` counts those at `< i`;
    /// one more entry than chars), and whether each char belongs to a word: word counts in
    /// O(1).
    word_starts: Vec<u32>,
    in_word: Vec<bool>,
}

/// Word chars for counting words: letters and ASCII digits.
fn word_char(c: char) -> bool {
    rasid_text::script::is_letter(c) || c.is_ascii_digit()
}

/// `(word_starts, in_word)` of a normalised sentence (see [`SentenceView`]).
fn word_index(ntext: &str) -> (Vec<u32>, Vec<bool>) {
    let in_word: Vec<bool> = ntext.chars().map(word_char).collect();
    let mut starts = Vec::with_capacity(in_word.len() + 1);
    let mut n = 0u32;
    starts.push(0);
    for i in 0..in_word.len() {
        if in_word[i] && (i == 0 || !in_word[i - 1]) {
            n += 1;
        }
        starts.push(n);
    }
    (starts, in_word)
}

/// A sentence's role markers and clause starts, found once.
struct Cues {
    markers: Vec<(PhraseMatch, Role)>,
    /// Every clause start.
    bounds: Vec<usize>,
    /// Those of the bounds a contrastive opener makes («فيما», «بينما»).
    contrast: Vec<usize>,
    /// Those of the bounds an earlier act opens («بعد ساعات على تفجيرات»).
    antecedent: Vec<usize>,
}

/// The first `n` words from char `at` of `ntext`: (start, end, word).
fn words_from(ntext: &str, at: usize, n: usize) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, c) in ntext.chars().enumerate().skip(at) {
        if rasid_text::script::is_letter(c) {
            cur.get_or_insert_with(|| (i, String::new())).1.push(c);
        } else if let Some((start, w)) = cur.take() {
            out.push((start, i, w));
            if out.len() == n {
                return out;
            }
        }
    }
    if let Some((start, w)) = cur {
        out.push((start, ntext.chars().count(), w));
    }
    out.truncate(n);
    out
}

/// The word `w` as one of `verbs`, written alone or after «و»/«ف» («فتح» is no «ف» + «تح»:
/// the word as written is tried first).
fn verb_of<'w>(w: &'w str, verbs: &std::collections::HashSet<String>) -> Option<&'w str> {
    if verbs.contains(w) {
        Some(w)
    } else {
        w.strip_prefix(['و', 'ف']).filter(|x| verbs.contains(*x))
    }
}

/// Does a trigger already cover char `at`?
fn triggered_at(triggers: &[PhraseMatch], at: usize) -> bool {
    triggers.iter().any(|t| t.start <= at && at < t.end)
}

/// A trigger on the verb ending at `end` (its proclitic left out), of block `payload`.
fn verb_trigger(end: usize, verb: &str, payload: usize) -> PhraseMatch {
    PhraseMatch {
        start: end - verb.chars().count(),
        end,
        payload,
        elided: "",
    }
}

/// **Triggers told with their subject inside** (kb `[[gapped]]`: «وأطلق مسلحو داعش النار
/// على المواطنين»): a verb of a block, without «و»/«ف», is the trigger when the block's
/// completion follows it within its reach and no trigger already starts there. Kept in
/// text order.
fn with_gapped(
    mut triggers: Vec<PhraseMatch>,
    ntext: &str,
    lex: &EventLexicon,
) -> Vec<PhraseMatch> {
    if lex.gapped.is_empty() {
        return triggers;
    }
    let words = words_from(ntext, 0, usize::MAX);
    for (i, (start, end, w)) in words.iter().enumerate() {
        for g in &lex.gapped {
            let completed = || {
                words[i + 1..]
                    .iter()
                    .take(g.reach + 1)
                    .skip(1)
                    .any(|(_, _, x)| *x == g.completion)
            };
            let Some(verb) = verb_of(w, &g.verbs) else {
                continue;
            };
            if !triggered_at(&triggers, *start) && completed() {
                triggers.push(verb_trigger(*end, verb, g.payload));
            }
        }
    }
    triggers.sort_by_key(|t| t.start);
    triggers
}

/// A number of the sentence: its char span and value.
type NumberSpan = (usize, usize, u64);

/// **A killing told with its doer named** (kb `[[subject_named]]`: «وقتل تنظيم داعش 4
/// مدنيين», «قوات الشرطة الاتحادية قتلت 23 إرهابيا»): a verb of a block, without «و»/«ف», is
/// the trigger when an actor starts at the next word or ends right before the verb, and
/// people are counted right after them ([`people_counted`]). Unvocalised, the verb alone is as often passive («قتل 20 شخصا»: twenty
/// were killed), which the named subject rules out. Kept in text order.
fn with_named_subjects(
    mut triggers: Vec<PhraseMatch>,
    ntext: &str,
    (actors, numbers): (&[(usize, usize)], &[NumberSpan]),
    lex: &EventLexicon,
) -> Vec<PhraseMatch> {
    if lex.subject_named.is_empty() || actors.is_empty() {
        return triggers;
    }
    let words = words_from(ntext, 0, usize::MAX);
    for (i, (start, end, w)) in words.iter().enumerate() {
        for b in &lex.subject_named {
            let Some(verb) = verb_of(w, &b.verbs) else {
                continue;
            };
            if triggered_at(&triggers, *start) {
                continue;
            }
            // the subject right after the verb, its count after it; or right before it, the
            // count after the verb
            // «وقتل مسلحو طالبان …»: a member word may head the subject
            // (not the partitive «من»: «وقتل من الجيش عشرات الآلاف» is passive)
            let head = words.get(i + 1).filter(|(.., x)| {
                x != PARTITIVE && (lex.member_words.contains(x) || lex.list_heads.contains(x))
            });
            let after = words
                .iter()
                .skip(i + 1)
                .take(1 + usize::from(head.is_some()))
                .find_map(|(next, ..)| actors.iter().find(|a| a.0 == *next))
                .map(|a| a.1);
            let before = i
                .checked_sub(1)
                .and_then(|j| words.get(j))
                .filter(|(_, prev_end, _)| actors.iter().any(|a| a.1 == *prev_end))
                .map(|_| *end);
            let counted = |from: usize| people_counted(ntext, from, numbers, lex);
            if after.or(before).is_some_and(counted) {
                triggers.push(verb_trigger(*end, verb, b.payload));
            }
        }
    }
    triggers.sort_by_key(|t| t.start);
    triggers
}

/// Are people counted right after char `at` — the object of a verb of killing: the next word
/// in a number, one of `count_words` («أكثر من», «عشرات») or `member_words`, or a people word
/// ([`people_object`])?
pub(crate) fn people_counted(
    ntext: &str,
    at: usize,
    numbers: &[NumberSpan],
    lex: &EventLexicon,
) -> bool {
    let Some((start, _, w)) = words_from(ntext, at, 1).into_iter().next() else {
        return false;
    };
    numbers.iter().any(|n| n.0 <= start && start < n.1)
        || lex.count_words.contains(&w)
        || lex.member_words.contains(&w)
        || people_object(ntext, at, numbers, lex)
}

/// **What its object makes of an act.** A trigger whose object — the first word after it,
/// numbers aside — is one of `people_words` (with or without the article) takes its block's
/// `people_object` type and grammar: a seizure of people is an arrest («ضبط 45 شخصًا»,
/// «ضبط العناصر المشتبه بها»), a liberation of people a release («حرر 178 محتجزًا»).
fn with_their_objects(
    triggers: Vec<PhraseMatch>,
    ntext: &str,
    numbers: &[(usize, usize, u64)],
    lex: &EventLexicon,
) -> Vec<PhraseMatch> {
    triggers
        .into_iter()
        .map(|mut t| {
            let people_type = lex.def(t.payload).and_then(|d| d.people_type);
            if let Some(block) = people_type {
                if people_object(ntext, t.end, numbers, lex) {
                    t.payload = block;
                }
            }
            t
        })
        .collect()
}

/// **A device found or made safe is a seizure, not a blast.** A trigger that names a
/// device (`device_words`: «عبوة ناسفة», «سيارة مفخخة») at most `irrealis_window` words
/// after a handler (`device_handlers`), with no punctuation between, was not set off: after
/// a seizer («تفكيك», «اكتشاف وتدمير 47 عبوة ناسفة») it becomes a trigger of the
/// `device_type` block at the seizer's word, read like «ضبط» (unless a trigger stands there
/// already: «ضبطت سيارة مفخخة»); after a holder («كانت تقود سيارة مفخخة») it goes.
fn with_devices_handled(
    triggers: Vec<PhraseMatch>,
    ntext: &str,
    lex: &EventLexicon,
) -> Vec<PhraseMatch> {
    let devices = lex.device_words.find(ntext);
    if devices.is_empty() {
        return triggers;
    }
    let handlers = lex.device_handlers.find(ntext);
    let chars: Vec<char> = ntext.chars().collect();
    let handler_of = |t: &PhraseMatch| {
        let device = devices.iter().any(|d| d.start < t.end && t.start < d.end);
        let reaches = |h: &&PhraseMatch| {
            let gap = chars.get(h.end..t.start).unwrap_or_default();
            h.end <= t.start
                && !gap.iter().any(|c| DEVICE_GAP_STOPS.contains(c))
                && words_from(ntext, h.end, usize::MAX)
                    .iter()
                    .take_while(|(start, ..)| *start < t.start)
                    .count()
                    <= lex.irrealis_window
        };
        device
            .then(|| handlers.iter().filter(reaches).max_by_key(|h| h.end))
            .flatten()
    };
    let mut out: Vec<PhraseMatch> = Vec::with_capacity(triggers.len());
    for t in &triggers {
        let Some(h) = handler_of(t) else {
            out.push(*t);
            continue;
        };
        let (true, Some(block)) = (h.payload == DEVICE_SEIZER, lex.device_type) else {
            continue;
        };
        let taken = |o: &PhraseMatch| o.start < h.end && h.start < o.end;
        if !triggers.iter().any(taken) && !out.iter().any(taken) {
            out.push(PhraseMatch {
                payload: block,
                ..*h
            });
        }
    }
    out.sort_by_key(|t| t.start);
    out
}

/// Payload of a seizer among `device_handlers` (a holder is 0).
const DEVICE_SEIZER: usize = 1;

/// Punctuation that ends a handler's reach over a device word.
const DEVICE_GAP_STOPS: &[char] = &['.', '،', ',', '؛', ';', ':'];

/// Is the first word after char `at`, numbers and a partitive «من» aside («ضبط 21 من
/// قيادات الإخوان»), one of `people_words`?
fn people_object(
    ntext: &str,
    at: usize,
    numbers: &[(usize, usize, u64)],
    lex: &EventLexicon,
) -> bool {
    let in_number = |start: usize, end: usize| numbers.iter().any(|n| n.0 <= start && end <= n.1);
    let Some((_, _, object)) = words_from(ntext, at, PEOPLE_OBJECT_REACH_WORDS)
        .into_iter()
        .find(|(start, end, w)| !in_number(*start, *end) && w != PARTITIVE)
    else {
        return false;
    };
    let bare = object.strip_prefix(super::ARTICLE).unwrap_or(&object);
    lex.people_words.contains(&object) || lex.people_words.contains(bare)
}

/// «ضبط 21 من قيادات»: the partitive between a number and the people it counts.
const PARTITIVE: &str = "من";

/// How many words may stand between a speech verb and the «أن» of its report (the speaker
/// and the outlet: «وذكرت مصادر محلية في محافظة أبين بجنوب اليمن أن»).
const REPORT_SPEAKER_WORDS: usize = 10;

/// How many words after a trigger its object may be found, numbers counted.
const PEOPLE_OBJECT_REACH_WORDS: usize = 4;

/// The role markers of a sentence, its clause bounds, and which of them a contrastive opener
/// or an earlier act makes.
fn sentence_cues(ntext: &str, triggers: &[PhraseMatch], lex: &EventLexicon) -> Cues {
    let mut markers: Vec<(PhraseMatch, Role)> = Vec::new();
    for (matcher, role) in [
        (&lex.target_markers, Role::Target),
        (&lex.patient_markers, Role::Patient),
        (&lex.agent_markers, Role::Initiator),
        (&lex.mediator_markers, Role::Mediator),
        (&lex.partner_markers, Role::Partner),
    ] {
        markers.extend(matcher.find(ntext).into_iter().map(|m| (m, role)));
    }
    let openers = lex.clause_openers.find(ntext);
    let contrast: Vec<usize> = openers
        .iter()
        .filter(|m| m.payload == 1)
        .map(|m| m.start)
        .collect();
    let mut bounds: Vec<usize> = openers.iter().map(|m| m.start).collect();
    bounds.extend(
        ntext
            .chars()
            .enumerate()
            .filter(|(_, c)| matches!(c, '؛' | ';' | ':'))
            .map(|(i, _)| i),
    );
    let antecedent = antecedent_clauses(ntext, triggers, lex);
    bounds.extend(antecedent.iter().copied());
    Cues {
        markers,
        bounds,
        contrast,
        antecedent,
    }
}

/// How many words may stand between «بعد» and the act it introduces («بعد ساعات على
/// تفجيرات»).
const ANTECEDENT_REACH_WORDS: usize = 2;

/// **An earlier act after «بعد» is a clause of its own.** «اعتقلت أجهزة الأمن ناشطين بعد
/// ساعات على تفجيرات استهدفت عناصر من الحركة»: the arrest's parties are named before «بعد»,
/// the bombing's after it; read together, the bombing's target would join the arrest. A
/// clause opens at an antecedent marker whose next act's trigger starts at most
/// [`ANTECEDENT_REACH_WORDS`] words later. Not before talks or a mediation («أفرج عنهم
/// بعد تدخل الوساطة القطرية»: how the act came about, its broker is the act's too), nor
/// before a clash or a gain of ground, whose sides include the clause's subject («سيطرت
/// المقاومة على المدينة بعد معارك مع الحوثيين», «تقدمت القوات بعد تحريرها البلدة من
/// داعش»), nor before any other word.
fn antecedent_clauses(ntext: &str, triggers: &[PhraseMatch], lex: &EventLexicon) -> Vec<usize> {
    let markers = lex.antecedent_markers.find(ntext);
    if markers.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = ntext.chars().collect();
    markers
        .iter()
        .filter(|m| {
            triggers.iter().any(|t| {
                let shared = lex.def(t.payload).is_some_and(|d| {
                    lex.two_sided.contains(&d.kind)
                        || lex.needs_place.contains(&d.kind)
                        || d.roles == TriggerRoles::Mutual
                });
                !shared
                    && t.start >= m.end
                    && chars.get(m.end..t.start).is_some_and(|between| {
                        let words: String = between.iter().collect();
                        words.split_whitespace().count() <= ANTECEDENT_REACH_WORDS
                    })
            })
        })
        .map(|m| m.start)
        .collect()
}

/// **A list of acts: each item is a clause of its own.** «نفذ التنظيم عمليات شملت استهداف
/// المصلين في قرية أ، وإطلاق النار على دورية شرق مدينة ب، وحادث استهداف مسجد في بلدة ج»:
/// read as one clause, the items are one act with every place and every side hit. A trigger
/// opens an item when an earlier trigger of its type stands in the same clause, the text
/// between them holds a comma, and between the last comma and the trigger stand «و» and at
/// most one of `item_heads` («وحادث»); both items name a place after their trigger.
/// Returns the commas that start items.
fn list_items(
    ntext: &str,
    triggers: &[PhraseMatch],
    places: &[PlaceRef],
    bounds: &[usize],
    lex: &EventLexicon,
) -> Vec<usize> {
    let kind = |t: &PhraseMatch| {
        lex.def(t.payload)
            .map(|d| d.kind.as_str())
            .filter(|k| !lex.two_sided.iter().any(|x| x == k))
    };
    let chars: Vec<char> = ntext.chars().collect();
    let text = |from: usize, to: usize| {
        chars
            .get(from..to)
            .map_or(String::new(), |c| c.iter().collect())
    };
    // a town or a region: a country is as often a side named by its name
    let placed = |from: usize, to: usize| {
        places
            .iter()
            .any(|p| p.start >= from && p.start < to && !p.is_country)
    };
    let mut items: Vec<usize> = Vec::new();
    for (j, t) in triggers.iter().enumerate() {
        if kind(t).is_none() {
            continue;
        }
        let Some(prev) = triggers[..j]
            .iter()
            .rev()
            .find(|p| p.end <= t.start && kind(p) == kind(t))
        else {
            continue;
        };
        let Some(comma) = (prev.end..t.start)
            .rev()
            .find(|&i| matches!(chars.get(i), Some('،' | ',')))
        else {
            continue;
        };
        let split_already = bounds
            .iter()
            .chain(&items)
            .any(|&b| b > prev.start && b <= t.start);
        if split_already || !item_opening(&chars[comma + 1..t.start], chars.get(t.start), lex) {
            continue;
        }
        let comma_between = |from: usize, to: usize| {
            chars
                .get(from..to)
                .is_some_and(|gap| gap.iter().any(|c| matches!(c, '،' | ',')))
        };
        let next = triggers[j + 1..]
            .iter()
            .find(|n| kind(n) == kind(t) && comma_between(t.end, n.start))
            .map_or(chars.len(), |n| n.start);
        let item_end = bounds
            .iter()
            .copied()
            .filter(|&b| b > t.start)
            .min()
            .unwrap_or(chars.len())
            .min(next);
        // «غارات على مواقع …، واستهدفت الغارات …»: the same strikes told on
        let earlier = text(prev.start, prev.end);
        let bare = earlier.strip_prefix(super::ARTICLE).unwrap_or(&earlier);
        let retold = text(t.start, item_end).contains(&format!("ال{bare}"));
        if !retold && placed(prev.start, comma) && placed(t.start, item_end) {
            items.push(comma);
        }
    }
    items
}

/// Does the text between a list's comma and an item's trigger join an item: «و», glued to
/// the trigger or to one of `item_heads` («وإطلاق», «وحادث»)? A comma alone goes on telling
/// the same act («17 غارة قرب المدينة، استهدفت مواقع …»).
fn item_opening(gap: &[char], trigger_first: Option<&char>, lex: &EventLexicon) -> bool {
    let text: String = gap.iter().collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let head = |w: &str| lex.item_heads.contains(w);
    match words.as_slice() {
        [] => trigger_first == Some(&'و'),
        ["و"] => true,
        [w] => w.strip_prefix('و').is_some_and(head),
        ["و", w] => head(w),
        _ => false,
    }
}

/// The article's facts with their spans mapped into the normalised text once.
struct Mapped {
    /// (span, id, kind, (named by an act's adjective, by its men's))
    entities: Vec<(Span, String, ActorKind, (bool, bool))>,
    /// (span, the place with no position yet)
    places: Vec<(Span, PlaceRef)>,
    dates: Vec<(Span, String, Option<String>)>,
    numbers: Vec<(Span, u64)>,
}

impl<'a> ArticleFacts<'a> {
    fn to_norm(&self, start: usize, end: usize) -> Span {
        self.norm.to_normalized(Span { start, end })
    }

    fn mapped(&self) -> Mapped {
        let mut entities = Vec::new();
        for a in self.actors.iter().filter(|a| a.kind != ActorKind::Person) {
            for m in a.mentions.iter().filter(|m| !m.rule.ends_with("+locative")) {
                let by = (m.rule == DEMONYM_OF_ACT, m.rule == DEMONYM_OF_PERSONNEL);
                entities.push((self.to_norm(m.start, m.end), a.id.clone(), a.kind, by));
            }
        }
        entities.sort_by_key(|e| e.0.start);
        let mut places = Vec::new();
        for p in self.places {
            for m in &p.mentions {
                places.push((
                    self.to_norm(m.start, m.end),
                    PlaceRef {
                        start: 0,
                        end: 0,
                        name: p.name_ar.clone(),
                        country: p.country.clone(),
                        is_country: p.kind.as_deref() == Some("country"),
                        is_region: matches!(p.kind.as_deref(), Some("admin1" | "admin2")),
                        is_province: p.kind.as_deref() == Some("admin1"),
                    },
                ));
            }
        }
        places.sort_by_key(|p| p.0.start);
        Mapped {
            entities,
            places,
            dates: self
                .dates
                .iter()
                .map(|d| {
                    (
                        self.to_norm(d.start, d.end),
                        d.date.clone(),
                        d.date_end.clone(),
                    )
                })
                .collect(),
            numbers: self
                .numbers
                .iter()
                .map(|x| (self.to_norm(x.start, x.end), x.value))
                .collect(),
        }
    }

    /// The article's sentences in order, each with the facts inside it.
    pub fn sentences(&self, lex: &EventLexicon) -> Vec<SentenceView> {
        let mapped = self.mapped();
        let mut out = Vec::new();
        for b in self.blocks {
            let end = b.end.min(self.doc.len());
            if b.start >= end {
                continue;
            }
            let text: String = self.doc[b.start..end].iter().collect();
            for s in rasid_text::sentences(&text) {
                out.push(self.view(s.shift(b.start), &mapped, lex));
            }
        }
        out
    }

    fn view(&self, span: Span, mapped: &Mapped, lex: &EventLexicon) -> SentenceView {
        let n = self.norm.to_normalized(span);
        let n_end = n.end.min(self.ntext.len());
        let n_start = n.start.min(n_end);
        let inside = |x: &Span| x.start >= n_start && x.end <= n_end && x.start < x.end;
        let ntext: String = self.ntext[n_start..n_end].iter().collect();
        let numbers: Vec<(usize, usize, u64)> = mapped
            .numbers
            .iter()
            .filter(|d| inside(&d.0))
            .map(|(x, v)| (x.start - n_start, x.end - n_start, *v))
            .collect();
        let triggers = with_gapped(lex.triggers.find(&ntext), &ntext, lex);
        let actor_spans: Vec<(usize, usize)> = mapped
            .entities
            .iter()
            .filter(|e| inside(&e.0))
            .map(|(x, ..)| (x.start - n_start, x.end - n_start))
            .collect();
        let triggers = with_named_subjects(triggers, &ntext, (&actor_spans, &numbers), lex);
        let triggers = with_their_objects(triggers, &ntext, &numbers, lex);
        let triggers = with_devices_handled(triggers, &ntext, lex);
        let mut cues = sentence_cues(&ntext, &triggers, lex);
        let places: Vec<PlaceRef> = mapped
            .places
            .iter()
            .filter(|p| inside(&p.0))
            .map(|(x, p)| PlaceRef {
                start: x.start - n_start,
                end: x.end - n_start,
                ..p.clone()
            })
            .collect();
        let items = list_items(&ntext, &triggers, &places, &cues.bounds, lex);
        cues.bounds.extend(items.iter().copied());
        let (word_starts, in_word) = word_index(&ntext);
        let between_marks = BetweenMarks::of(&ntext, lex);
        SentenceView {
            between_marks,
            chars: ntext.chars().collect(),
            span,
            markers: cues.markers,
            clause_bounds: cues.bounds,
            contrast_bounds: cues.contrast,
            antecedent_bounds: cues.antecedent,
            item_bounds: items,
            triggers,
            word_starts,
            in_word,
            text: self.doc[span.start..span.end.min(self.doc.len())]
                .iter()
                .collect(),
            ntext,
            entities: mapped
                .entities
                .iter()
                .filter(|e| inside(&e.0))
                .map(|(x, id, kind, (of_act, personnel))| EntityRef {
                    start: x.start - n_start,
                    end: x.end - n_start,
                    id: id.clone(),
                    kind: *kind,
                    adjective_of_act: *of_act,
                    personnel: *personnel,
                })
                .collect(),
            places,
            dates: mapped
                .dates
                .iter()
                .filter(|d| inside(&d.0))
                .map(|(x, d, e)| (x.start - n_start, d.clone(), e.clone()))
                .collect(),
            numbers,
        }
    }
}

impl SentenceView {
    /// What stands before char `at`: the word before and the letters glued to the word at
    /// `at` (see [`crate::places::WordBefore`]).
    /// The whole sentence as the evidence of a fact `rule` read from it.
    pub(crate) fn evidence(&self, rule: impl Into<String>) -> Evidence {
        Evidence {
            text: self.text.clone(),
            start: self.span.start,
            end: self.span.end,
            rule: rule.into(),
        }
    }

    pub(crate) fn word_before(&self, at: usize) -> crate::places::WordBefore {
        crate::places::WordBefore::of(&self.chars, at)
    }

    /// The normalised text of chars `start..end` (a trigger as matched).
    pub fn normalized_span(&self, start: usize, end: usize) -> String {
        self.ntext
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect()
    }

    /// The letters of the word holding char `at` (a trigger's start): (first, end), char
    /// offsets ([`rasid_text::chars::letter_run`]).
    pub fn letters_around(&self, at: usize) -> (usize, usize) {
        rasid_text::chars::letter_run(&self.chars, at)
    }

    /// What is glued before char `at` in its word: «ول» of «ولطرد» before «طرد».
    pub fn glued_before(&self, at: usize) -> String {
        let (start, _) = self.letters_around(at);
        self.chars[start..at.min(self.chars.len())].iter().collect()
    }

    /// **Where a report opens**: the end of the last «أن/إن» (or «بأن») before char `at`, at
    /// or after `from`, that a speech verb of `speech` stands before, at most
    /// [`REPORT_SPEAKER_WORDS`] words before it («وذكرت مصادر محلية أن المقاومة …»): what
    /// follows is the reported clause, its subject first. Not «بعد أن» (a time).
    pub fn report_opening(&self, from: usize, at: usize, speech: &[PhraseMatch]) -> Option<usize> {
        let words = self.words_after(from, usize::MAX);
        words
            .iter()
            .take_while(|(start, _, _)| *start < at)
            .filter(|(start, _, w)| {
                (w == super::THAT || w == super::BY_THAT)
                    && speech.iter().any(|v| {
                        v.end <= *start && self.words_between(v.end, *start) <= REPORT_SPEAKER_WORDS
                    })
            })
            .map(|(_, end, _)| *end)
            .last()
    }

    /// Is char `at` a letter (a trigger followed by a suffix)?
    pub fn letter_at(&self, at: usize) -> bool {
        self.chars
            .get(at)
            .is_some_and(|c| rasid_text::script::is_letter(*c))
    }

    /// Where the word before char `at` starts (what is not a letter between them skipped).
    pub fn word_start_before(&self, at: usize) -> Option<usize> {
        let end = self.chars[..at.min(self.chars.len())]
            .iter()
            .rposition(|c| rasid_text::script::is_letter(*c))?;
        Some(self.letters_around(end).0)
    }

    /// The normalised words ending before char `at`, nearest first.
    pub fn words_before(&self, at: usize, n: usize) -> Vec<String> {
        let chars: Vec<char> = self.ntext.chars().take(at).collect();
        let text: String = chars.into_iter().collect();
        text.split(|c: char| !rasid_text::script::is_letter(c))
            .filter(|w| !w.is_empty())
            .rev()
            .take(n)
            .map(str::to_string)
            .collect()
    }

    /// The first `n` normalised words starting at or after char `at`, with their char spans.
    pub fn words_after(&self, at: usize, n: usize) -> Vec<(usize, usize, String)> {
        words_from(&self.ntext, at, n)
    }

    /// Does a negation stand right before the trigger at `start` («لم يتم الإفراج»)?
    pub fn negated(&self, start: usize, lex: &EventLexicon) -> bool {
        self.words_before(start, lex.negation_window)
            .iter()
            .any(|w| lex.negation.contains(w))
    }

    /// The sentence's first date.
    pub fn date(&self) -> Option<(Option<String>, Option<String>)> {
        self.dates
            .first()
            .map(|(_, d, e)| (Some(d.clone()), e.clone()))
    }

    /// Who claims an event: the group whose media outlet the sentence names (its parent in
    /// `kb/actors.toml`), else the initiator.
    pub fn claimant(&self, initiators: &[String], kb: &Kb) -> Option<String> {
        let media_parent = self.entities.iter().find_map(|e| {
            if e.kind != ActorKind::Media {
                return None;
            }
            let i = kb.actors.index_of(&e.id)?;
            kb.actors.get(i)?.parent.clone()
        });
        media_parent.or_else(|| initiators.first().cloned())
    }

    /// The clause around char `at`: from the last clause start before it to the next one.
    pub fn clause(&self, at: usize) -> (usize, usize) {
        let b = &self.clause_bounds;
        let start = b.iter().copied().filter(|x| *x <= at).max().unwrap_or(0);
        let end = b
            .iter()
            .copied()
            .filter(|x| *x > at)
            .min()
            .unwrap_or_else(|| self.ntext.chars().count());
        (start, end)
    }

    /// The actors of the clause around `at`, or of the whole sentence when the clause names
    /// none — up to a later clause a contrastive opener starts, and never for the clause of
    /// an earlier act.
    pub fn clause_entities(&self, at: usize) -> Vec<EntityRef> {
        let inside = self.entities_in_clause(at);
        let (start, end) = self.clause(at);
        // «أعرب الرئيس عن استيائه من الهجوم الذي وقع بعد أشهر من اغتيال نائب»: the earlier
        // act's clause names its own actors or none
        if !inside.is_empty() || self.antecedent_bounds.contains(&start) {
            return inside;
        }
        // «وحصلت عملية الاغتيال، فيما أشاد الرئيس الأميركي …»: not the actors of a later
        // contrastive clause
        let contrast_from = self
            .contrast_bounds
            .iter()
            .copied()
            .filter(|b| *b >= end)
            .min()
            .unwrap_or(usize::MAX);
        self.entities
            .iter()
            .filter(|e| e.start < contrast_from)
            .cloned()
            .collect()
    }

    /// The actors of the clause around char `at` only (with the topic a pronoun opening it
    /// stands for), none when it names none: see [`Self::clause_entities`].
    pub fn entities_in_clause(&self, at: usize) -> Vec<EntityRef> {
        let (s, e) = self.clause(at);
        let mut inside: Vec<EntityRef> = Vec::new();
        // «وظهرت هذه الحركة … وهي متحالفة مع X»: a clause opening with a pronoun is about the
        // actor named last before it
        let opening: String = self.ntext.chars().skip(s).take(4).collect();
        if let Some(feminine) = PRONOUN_OPENERS
            .iter()
            .find(|(p, _)| s > 0 && opening == *p)
            .map(|(_, f)| *f)
        {
            // the sentence's topic: its first actor that agrees with the pronoun in gender
            let before: Vec<&EntityRef> = self.entities.iter().filter(|x| x.end <= s).collect();
            let topic = before
                .iter()
                .find(|x| self.feminine(x) == feminine)
                .or_else(|| before.first());
            if let Some(topic) = topic {
                inside.push(EntityRef {
                    start: s,
                    end: s + 3,
                    ..(*topic).clone()
                });
            }
        }
        inside.extend(
            self.entities
                .iter()
                .filter(|x| x.start >= s && x.end <= e)
                .cloned(),
        );
        inside
    }

    /// Does one of `markers` end right before char `at` (at most one word between)?
    pub fn follows(&self, at: usize, markers: &[rasid_kb::PhraseMatch]) -> bool {
        markers
            .iter()
            .any(|m| m.end <= at && self.words_between(m.end, at) <= 1)
    }

    /// Does a marker end right before char `at`, no word between?
    pub fn right_after(&self, at: usize, markers: &[rasid_kb::PhraseMatch]) -> bool {
        markers
            .iter()
            .any(|m| m.end <= at && self.words_between(m.end, at) == 0)
    }

    /// The text of `[from, to)` without spaces and without the characters `skip` says to
    /// leave out.
    fn gap(&self, from: usize, to: usize, skip: &[char]) -> String {
        self.ntext
            .chars()
            .skip(from)
            .take(to.saturating_sub(from))
            .filter(|c| !c.is_whitespace() && !skip.contains(c))
            .collect()
    }

    /// Does a comma (or a semicolon) stand between `from` and `to`?
    pub fn comma_between(&self, from: usize, to: usize) -> bool {
        self.gap(from, to, &[]).contains([',', '،', ';', '؛'])
    }

    /// Are two actors joined by «و» or a comma only («النيجر وتشاد», «X، Y»)?
    pub fn coordinated(&self, from: usize, to: usize) -> bool {
        to >= from && only_a_joiner(&self.gap(from, to, &[]))
    }

    /// Are two actors listed together, the gap `[from, to)` between them «و» or a comma, with at
    /// most one word before it (an adjective the name left out: «الجيش النظامي وحزب الله») or a
    /// head word of `list_heads` glued after it («المقاومة الشعبية وقوات الجيش», also after such
    /// an adjective)? Quotes do not count («الفرقة الرابعة و"حزب الله"»).
    pub fn listed(&self, heads: &HashSet<String>, from: usize, to: usize) -> bool {
        if to <= from {
            return false;
        }
        let gap = self.gap(from, to, LIST_QUOTES);
        if only_a_joiner(&gap) {
            return true;
        }
        let comma_end = gap.ends_with('،') || gap.ends_with(',');
        let words = self.words_between_list(from, to);
        match words.as_slice() {
            // «X النظامي وY», «X النظامي، وY»
            [_, and] if and == "و" => {
                !gap.contains(['،', ',']) || gap.ends_with("،و") || gap.ends_with(",و")
            }
            // «X النظامي، Y»
            [_] if comma_end => !gap.starts_with('و'),
            // «X وقوات Y», «X، وعناصر Y»
            [w] => {
                let glued = gap.starts_with('و') || gap.starts_with("،و") || gap.starts_with(",و");
                glued && w.strip_prefix('و').is_some_and(|h| heads.contains(h))
            }
            // «مقاتلو المقاومة الشعبية وقوات من الجيش»: a head glued to «و», then «من» (some
            // of the second's men)
            [w, of] if of == PARTITIVE => {
                !gap.contains(['،', ',']) && w.strip_prefix('و').is_some_and(|h| heads.contains(h))
            }
            // «مقاتلي المقاومة الشعبية وعناصر الجيش»: an adjective the name left out, then a
            // head glued to «و»
            [_, w] => {
                !gap.contains(['،', ',']) && w.strip_prefix('و').is_some_and(|h| heads.contains(h))
            }
            _ => false,
        }
    }

    /// Is the gap from `from` to `to` «و» and at most one more word («وعناصر», «وبين»)?
    pub fn joined_by_and(&self, from: usize, to: usize) -> bool {
        if to < from {
            return false;
        }
        let gap: String = self.ntext.chars().skip(from).take(to - from).collect();
        // «بين «جيش الفتح» وقوات النظام»: a closing quote before «و»
        gap.trim_start_matches(|c: char| c.is_whitespace() || LIST_QUOTES.contains(&c))
            .starts_with('و')
            && self.words_between(from, to) <= 1
            || self.coordinated(from, to)
    }

    /// Is an actor's name grammatically feminine? Its head ends in ta marbuta («حركة», «جبهة»,
    /// «جماعة») or it is a country.
    fn feminine(&self, e: &EntityRef) -> bool {
        let head: String = self
            .ntext
            .chars()
            .skip(e.start)
            .take(e.end - e.start)
            .take_while(|c| !c.is_whitespace())
            .collect();
        e.kind == ActorKind::State || head.ends_with('ه')
    }

    /// **Ground taken from someone** after a cue ending at `cue_end` («تحرير جامعة الأنبار من عصابات
    /// داعش», «سيطرت قوات الجيش على المدينة من داعش», «حررت المقاومة المدينة من قبضة
    /// الحوثيين»): the one named right after a `taken_from` marker a few words after the cue
    /// (or after the actor standing right after it, its genitive or a verb's subject). Not a
    /// backer («بدعم من التحالف»: the marker is the support marker's), the doer's own men
    /// («استعادت عناصر من الحشد»: «من» after a member word or a number) nor the whole a part
    /// is of («مناطق شاسعة من العراق»: after a `taken_from_partitive` word), and not «من» that
    /// opens an agent marker or a side's end («من قبل», «من جانب»).
    pub fn taken_from<'e>(
        &self,
        entities: &'e [EntityRef],
        cue_end: usize,
        lex: &EventLexicon,
    ) -> Option<TakenFrom<'e>> {
        let no_actor_between =
            |from: usize, to: usize| !entities.iter().any(|e| e.start >= from && e.end <= to);
        let genitive = entities
            .iter()
            .find(|e| e.start >= cue_end && self.words_between(cue_end, e.start) <= 1);
        let from = genitive.map_or(cue_end, |g| g.end);
        let support = lex.support_markers.find(&self.ntext);
        // the sentence's agent markers were found once (`markers`); a side's end is rarer
        let sides = lex.side_markers.find(&self.ntext);
        let opens_other_marker = |at: usize| {
            self.markers
                .iter()
                .any(|(m, r)| *r == Role::Initiator && m.start == at)
                || sides.iter().any(|m| m.start == at)
        };
        let partitive = |at: usize| {
            self.words_before(at, 1).first().is_some_and(|w| {
                lex.member_words.contains(w)
                    || lex.taken_from_partitive.contains(w)
                    || w.chars().all(|c| c.is_numeric())
            })
        };
        let marker = lex
            .taken_from_markers
            .find(&self.ntext)
            .into_iter()
            .find(|m| {
                m.start >= from
                    && self.words_between(from, m.start) <= TAKEN_FROM_REACH_WORDS
                    && no_actor_between(from, m.start)
                    && !partitive(m.start)
                    && !opens_other_marker(m.start)
                    && !support
                        .iter()
                        .any(|p| p.end <= m.start && self.words_between(p.end, m.start) <= 2)
            })?;
        let loser = entities.iter().find(|e| {
            e.start >= marker.end && self.words_between(marker.end, e.start) <= LOSER_REACH_WORDS
        })?;
        Some(TakenFrom {
            genitive: genitive.filter(|g| g.end <= marker.start),
            loser,
        })
    }

    /// Does the actor mention at `start` name a state by its men («ضابط تركي»)?
    pub fn names_personnel(&self, start: usize) -> bool {
        self.entities
            .iter()
            .any(|e| e.start == start && e.personnel)
    }

    /// Is `[start, end)` inside an actor's name («التحالف» in «التحالف العربي», «فرع» in «فرع
    /// القاعدة في اليمن»)? A cue there is part of a name, not a statement.
    pub fn inside_name(&self, start: usize, end: usize) -> bool {
        self.entities
            .iter()
            .any(|e| e.start <= start && end <= e.end)
    }

    /// Is the word at char `start` glued to «و» («بينها وبين X», «وستبدأ»)?
    pub fn after_and(&self, start: usize) -> bool {
        start > 0 && self.ntext.chars().nth(start - 1) == Some('و')
    }

    /// The normalised words strictly between chars `from` and `to`.
    pub fn words_between_list(&self, from: usize, to: usize) -> Vec<String> {
        if to <= from {
            return Vec::new();
        }
        let gap: String = self.ntext.chars().skip(from).take(to - from).collect();
        gap.split(|c: char| !rasid_text::script::is_letter(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Number of words strictly between chars `from` and `to`. A word `to` cuts into (the
    /// name after its glued preposition: «على قاعدة تابعة ل|لناتو») is not between.
    pub fn words_between(&self, from: usize, to: usize) -> usize {
        let to = to.min(self.in_word.len());
        if to <= from {
            return 0;
        }
        // the words starting inside (from, to), and the one `from` cuts into
        let inside = self.word_starts[to] - self.word_starts[from + 1];
        let cut_at_end = to < self.in_word.len() && self.in_word[to] && self.in_word[to - 1];
        (inside as usize + usize::from(self.in_word[from])).saturating_sub(usize::from(cut_at_end))
    }
}
