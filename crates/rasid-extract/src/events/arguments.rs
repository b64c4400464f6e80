//! An event's arguments from its sentence: actors by role, place, casualties.

use rasid_kb::{
    ActorDictionary, CasualtyCue, EventLexicon, PhraseMatch, PhraseMatcher, TriggerRoles,
};
use rasid_model::ActorKind;

use super::between;
use super::sentence::{people_counted, EntityRef, PlaceRef, Role, SentenceView};
use super::Roles;
use super::{ARTICLE, THAT};

/// How many words may stand between a marker and the actor it governs («على مواقع تنظيم
/// القاعدة»: «مواقع» between «على» and the name).
const MARKER_REACH_WORDS: usize = 2;
/// A mediator is often named further from its marker («بوساطة قطرية عبر هيئة الهلال الأحمر»).
const MEDIATOR_REACH_WORDS: usize = 4;
/// How many words may stand between a casualty cue and its number («مقتل ما يزيد عن 10»).
const CASUALTY_REACH_WORDS: usize = 3;
/// How far after a casualty cue its victims are named («مقتل ستة من عناصر مليشيا …»).
const VICTIM_REACH_WORDS: usize = 4;
/// … and how far when only a count of men stands between («مقتل أكثر من 35 عنصرا من مسلحي
/// التنظيم»).
const COUNTED_VICTIM_REACH_WORDS: usize = 8;
/// How far after a trigger its subject may stand («هاجم مسلحون من داعش», «الهجمات الدامية
/// لبوكو حرام»: two words between).
const SUBJECT_AFTER_WORDS: usize = 2;
/// How far before an attack's trigger its repel word may stand («صدت قوات الجيش العراقي
/// هجوما»: the defender's name between).
const REPEL_REACH_WORDS: usize = 4;
/// How far after a verb its unmarked object may stand («استهدفت طائرات التحالف مواقع …»).
const OBJECT_REACH_WORDS: usize = 4;
/// How far after a light verb its subject may stand, member words aside («قامت طائرات
/// التحالف بقصف …»: «طائرات» between).
const LIGHT_VERB_REACH_WORDS: usize = 2;

/// The role a marker gives the actor at `e_start`: the nearest marker before it (no other
/// actor between). A target marker («على», «ضد», «عن») governs only after the trigger
/// starting at `t_start` («كشفت عن هجوم داعش» does not make داعش its target), and an agent
/// marker only the trigger of its own stretch of words ([`agent_of_another_word`]).
fn marker_role(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, t_end, e_start): (usize, usize, usize),
    markers: &[(PhraseMatch, Role)],
    lex: &EventLexicon,
) -> Option<Role> {
    markers
        .iter()
        .filter(|(m, r)| *r != Role::Target || m.start >= t_start)
        .filter(|(m, r)| !agent_of_another_word(s, (m, *r), (t_start, t_end)))
        .filter(|(m, r)| !suffered_across_the_act(s, (m, *r), (t_start, t_end), e_start))
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
        .map(|(m, r)| match r {
            Role::Patient => Role::Target,
            Role::Partner if beside_the_object(s, m, t_end, lex) => Role::Beside,
            r => *r,
        })
}

/// **«استهدفا مقاتلين في فصائل مسلحة تقاتل إلى جانب القوات الأمنية»: beside the object, not
/// the doer.** A partner marker after the trigger right after one of kb `roles.beside_verbs`
/// («تقاتل», «يقاتلون») tells whom the act's object fights beside: that actor is no party
/// to the act (the fighters beside it were hit, not it).
fn beside_the_object(s: &SentenceView, m: &PhraseMatch, t_end: usize, lex: &EventLexicon) -> bool {
    m.start >= t_end
        && s.words_before(m.start, 1).first().is_some_and(|w| {
            lex.beside_verbs.contains(w)
                || w.strip_prefix('و')
                    .is_some_and(|bare| lex.beside_verbs.contains(bare))
        })
}

/// **«قصف مناطق في محيط المطار، المحاصر من قبل جبهة النصرة»: the besieger did not
/// shell.** An agent marker («من قبل», «على يد») after the trigger with a comma between
/// them names the doer of a word of its own stretch (here the participle «المحاصر»), not
/// the trigger's; so does one before the trigger in an aside that a definite participle
/// opens after a comma («متمردي حزب العمال الكردستاني، المصنف تنظيما إرهابيا من قبل تركيا
/// والولايات المتحدة، هاجموا عناصر من قوات الأمن»).
fn agent_of_another_word(
    s: &SentenceView,
    (m, role): (&PhraseMatch, Role),
    (t_start, t_end): (usize, usize),
) -> bool {
    role == Role::Initiator
        && (m.start >= t_end && s.comma_between(t_end, m.start)
            || m.end <= t_start
                && s.comma_between(m.end, t_start)
                && in_participle_aside(s, m.start))
}

/// **«تعرضت الزبداني لهجوم من قوات النظام وحزب الله»: who hit is not who suffered.** A
/// suffering verb («تعرضت») before the trigger governs the words between them; an actor
/// after the trigger is the act's own (its doer, after «من», «شنته»), not what suffered it.
/// The facility heads of `patient_markers` («مقر», «دورية») name what they belong to
/// wherever they stand.
fn suffered_across_the_act(
    s: &SentenceView,
    (m, role): (&PhraseMatch, Role),
    (t_start, t_end): (usize, usize),
    e_start: usize,
) -> bool {
    role == Role::Patient
        && m.end <= t_start
        && e_start >= t_end
        && s.normalized_span(m.start, m.end).contains(SUFFER_STEM)
}

/// **«تعرضت مفرزة للجيش لإطلاق نار»: the verb the act completes.** The last suffering verb
/// (a `patient_markers` cue among `suffered` holding [`SUFFER_STEM`]) before the trigger at `t_start` in its clause, at
/// most [`SUFFERED_REACH_WORDS`] words before it with no other act and no «إن/أن» between: what stands
/// between them is its subject, with its time and place («تعرضت مواقع جماعة الحوثي لقصف»,
/// «تعرضت بعد منتصف ليل الأحد- الاثنين مناطق في مدينة داريا بالغوطة الغربية، لقصف»). A
/// trigger carrying «ل» after one tells what happened, not what an act was for.
pub(crate) fn suffering_verb_before<'m>(
    s: &SentenceView,
    t_start: usize,
    suffered: impl Iterator<Item = &'m PhraseMatch>,
) -> Option<&'m PhraseMatch> {
    let (clause_start, _) = s.clause(t_start);
    suffered
        .filter(|m| {
            s.normalized_span(m.start, m.end).contains(SUFFER_STEM)
                && m.start >= clause_start
                && m.end <= t_start
                && s.words_between(m.end, t_start) <= SUFFERED_REACH_WORDS
                && !s.triggers.iter().any(|o| o.start >= m.end && o.end <= t_start)
                // «… التي تعرضت للهجوم … قولهم إن …»: what is reported is another clause
                && !s
                    .words_between_list(m.end, t_start)
                    .iter()
                    .any(|w| w == THAT)
        })
        .max_by_key(|m| m.end)
}

/// How far before «لقصف» its «تعرضت» may stand.
const SUFFERED_REACH_WORDS: usize = 14;

/// **The subject of the suffering verb suffered the act.** «تعرضت يوم الـ17 من يوليو مفرزة
/// للجيش الوطني الشعبي لإطلاق نار من طرف مجموعة إرهابية»: the actors between a suffering
/// verb ([`suffering_verb_before`]) and the trigger it governs with «ل» were acted on, however
/// far the verb stands. Returns their starts.
fn subject_of_suffering(s: &SentenceView, entities: &[EntityRef], t_start: usize) -> Vec<usize> {
    let Some(verb) = governing_suffering_verb(s, t_start) else {
        return Vec::new();
    };
    entities
        .iter()
        .filter(|e| e.start >= verb.end && e.end <= t_start)
        .map(|e| e.start)
        .collect()
}

/// **«أوضح المتحدث باسم وزارة الداخلية أنه تعرض مركز حدودي لقذائف»: who suffered is
/// told, not who struck.** A trigger carrying «ل» that a suffering verb governs
/// ([`suffering_verb_before`]) has its subject between the two and its doer after it
/// («من قبل …»): an actor before the verb (a speaker, the one that tells of it) is not its
/// doer by word order. Returns the verb's start.
pub(crate) fn suffered_from(s: &SentenceView, t_start: usize) -> Option<usize> {
    governing_suffering_verb(s, t_start).map(|m| m.start)
}

/// The suffering verb among the sentence's patient markers that governs the trigger at
/// `t_start` carrying «ل» ([`suffering_verb_before`]), if any.
fn governing_suffering_verb(s: &SentenceView, t_start: usize) -> Option<&PhraseMatch> {
    if !s.glued_before(t_start).ends_with('ل') {
        return None;
    }
    let suffering = s
        .markers
        .iter()
        .filter(|(_, r)| *r == Role::Patient)
        .map(|(m, _)| m);
    suffering_verb_before(s, t_start, suffering)
}

/// The stem the suffering verbs of `patient_markers` hold («تعرضت», «يتعرض», «تتعرض»).
const SUFFER_STEM: &str = "تعرض";

/// Shortest definite participle that opens an aside («المصنف», «المدعوم»).
const ASIDE_PARTICIPLE_LETTERS: usize = 5;

/// Do the words after the last comma before char `at` open with a definite participle
/// («، المصنف تنظيما إرهابيا من قبل …», «، المدعومة من …»)?
fn in_participle_aside(s: &SentenceView, at: usize) -> bool {
    let before: Vec<char> = s.ntext.chars().take(at).collect();
    let Some(comma) = before.iter().rposition(|c| matches!(c, ',' | '،')) else {
        return false;
    };
    let aside: String = before[comma + 1..].iter().collect();
    aside
        .split_whitespace()
        .next()
        .is_some_and(|w| w.starts_with("الم") && w.chars().count() >= ASIDE_PARTICIPLE_LETTERS)
}

/// «صد الجيش هجوما لداعش», «تصدت قوات الجيش لهجوم», «مبنى الحزب تعرض لاعتداء»: the actors
/// of the clause before the trigger, when a repel word or a verb of suffering stands at most
/// a few words before it, defended or suffered; they are acted on, and the act is by whoever
/// is named after the trigger.
fn defenders(
    s: &SentenceView,
    entities: &[EntityRef],
    t_start: usize,
    lex: &EventLexicon,
) -> Vec<usize> {
    let (clause_start, _) = s.clause(t_start);
    let mut cues = lex.repel_words.find(&s.ntext);
    cues.extend(lex.suffer_verbs.find(&s.ntext));
    let repelled = cues.into_iter().any(|m| {
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

/// **«فقدت ميليشيات الحوثي سيطرتها على منطقة المخدرة»: who lost control lost the ground.**
/// In an act of a `ground_taken` type, the actors between a verb of losing (kb
/// `roles.lost_control_verbs`: «فقد», «خسر») and the trigger, with nothing but actors' words
/// and at most one other word between («فقد الحوثيون السيطرة على», «خسرت قوات النظام
/// سيطرتها على»), and the actor right before the verb («إن الحوثيين فقدوا السيطرة على»),
/// lost the ground: they are acted on; the taker is the actor right after a
/// `taken_by_markers` word after the trigger («لصالح المقاومة»), else whoever the sentence's
/// other cues name, else unknown.
fn ground_lost_by(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, kind): (usize, &str),
    lex: &EventLexicon,
) -> (Vec<usize>, Option<usize>) {
    if !lex.ground_taken.iter().any(|k| k == kind) {
        return (Vec::new(), None);
    }
    let (clause_start, _) = s.clause(t_start);
    let between = |from: usize| -> Vec<&EntityRef> {
        entities
            .iter()
            .filter(|e| e.start >= from && e.end <= t_start)
            .collect()
    };
    let lost = lex.lost_control_verbs.find(&s.ntext).into_iter().find(|m| {
        m.start >= clause_start && m.end <= t_start && {
            let named = between(m.end);
            let named_words: usize = named
                .iter()
                .map(|e| s.words_between(e.start, e.end) + 1)
                .sum();
            s.words_between(m.end, t_start) <= named_words + LOST_CONTROL_OTHER_WORDS
        }
    });
    let Some(m) = lost else {
        return (Vec::new(), None);
    };
    // the subject before the verb too: «قال المصدر إن الحوثيين فقدوا السيطرة على …»
    let before = entities.iter().filter(|e| {
        e.start >= clause_start && e.end <= m.start && s.words_between(e.end, m.start) == 0
    });
    let losers = between(m.end)
        .into_iter()
        .chain(before)
        .map(|e| e.start)
        .collect();
    // «فقد الحوثيون السيطرة على المدينة لصالح المقاومة»: the one it went to took it
    let taker = lex
        .taken_by_markers
        .find(&s.ntext)
        .into_iter()
        .filter(|f| f.start >= t_start)
        .find_map(|f| {
            entities
                .iter()
                .find(|e| e.start >= f.end && s.words_between(f.end, e.start) == 0)
        })
        .map(|e| e.start);
    (losers, taker)
}

/// Words other than the losers' names between a verb of losing and its takeover noun.
const LOST_CONTROL_OTHER_WORDS: usize = 1;

/// How far after an attack's trigger its counted object may stand («اغتالت ثلاثة من أفراد
/// الدرك»: three words between).
const COUNTED_OBJECT_REACH_WORDS: usize = 4;

/// «مجموعة إرهابية اغتالت ثلاثة من أفراد الدرك», «استهدفت 5 من عناصر الجيش»: an actor
/// right after an attack's trigger — or after the subject named right after it: «وقتل الجيش
/// الأفغاني 15 مسلحا من طالبان» — with a number and only member words between («ثلاثة من
/// أفراد») is counted as what was hit — the target, never the doer.
fn counted_object(
    s: &SentenceView,
    entities: &[EntityRef],
    e: &EntityRef,
    t_end: usize,
    (grammar, lex): (Grammar<'_>, &EventLexicon),
) -> bool {
    let subject_end = entities
        .iter()
        .find(|x| x.start >= t_end && x.end <= e.start && s.words_between(t_end, x.start) == 0)
        .map(|x| x.end);
    let from = subject_end.unwrap_or(t_end);
    grammar.kind == "ATTACK"
        && grammar.default == TriggerRoles::Subject
        && e.start >= from
        && s.words_between(from, e.start) <= COUNTED_OBJECT_REACH_WORDS
        && s.numbers.iter().any(|n| n.0 >= from && n.1 <= e.start)
        && content_words_between(s, from, e.start, lex) == 0
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
/// الأمن»), and no act's trigger. They are acted on, never the doer.
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
        // «وقتل تنظيم داعش 4 مدنيين»: a cue that is the act's own verb has its subject after
        // it, not its dead
        .filter(|c| {
            !s.triggers
                .iter()
                .any(|t| t.start <= c.start && c.end <= t.end)
        })
        .collect();
    entities
        .iter()
        .filter(|e| {
            cues.iter().any(|c| {
                if c.end > e.start {
                    return false;
                }
                let reach = s.words_between(c.end, e.start);
                // «ومقتل أكثر من 35 عنصرا من مسلحي تنظيم داعش»: a longer count of men
                if reach > VICTIM_REACH_WORDS
                    && (reach > COUNTED_VICTIM_REACH_WORDS
                        || !only_counted_men_between(s, (c.end, e.start), lex))
                {
                    return false;
                }
                // «قتل عشرون شخصا حين قصفت الطائرات التركية …»: past another act's trigger
                // the actor is that act's
                if s.triggers
                    .iter()
                    .any(|t| t.start >= c.end && t.end <= e.start)
                {
                    return false;
                }
                let numbered = s.numbers.iter().any(|n| n.0 >= c.end && n.1 <= e.start);
                let between = s.words_between_list(c.end, e.start);
                let linked = between.iter().any(|w| lex.member_words.contains(w));
                between.is_empty() || numbered || linked
            })
        })
        .map(|e| e.start)
        .chain(listed_victims(s, entities, lex))
        .chain(victims_before_their_verb(s, entities, lex))
        .chain(victims_by_their_pronoun(s, entities, &cues, lex))
        .collect()
}

/// Are the words between chars `from` and `to` only a count of men: numbers, `member_words`
/// and `count_words` («أكثر من 35 عنصرا من مسلحي»)?
fn only_counted_men_between(
    s: &SentenceView,
    (from, to): (usize, usize),
    lex: &EventLexicon,
) -> bool {
    let counts = s
        .words_between_list(from, to)
        .iter()
        .filter(|w| lex.count_words.contains(*w))
        .count();
    content_words_between(s, from, to, lex) <= counts
}

/// **«اعترفت شرطة الاحتلال بإصابة أربعة من عناصرها», «اعترف الحزب بمقتل اثنين من
/// مقاتليه»: the dead are the men of the actor before.** A casualty cue followed within a few
/// words by «من» and a member word carrying a pronoun («عناصرها», «جنوده», «مقاتليهم»: one
/// of `member_words` with «ه», «ها», «هم») makes the nearest actor before the cue, a few words
/// away at most, the side that suffered — not the doer of the act it reports.
fn victims_by_their_pronoun(
    s: &SentenceView,
    entities: &[EntityRef],
    cues: &[PhraseMatch],
    lex: &EventLexicon,
) -> Vec<usize> {
    let their_men = |c: &PhraseMatch| {
        let words = s.words_after(c.end, OWN_MEN_REACH_WORDS);
        words.windows(2).any(|w| {
            w[0].2 == "من"
                && OWN_MEN_PRONOUNS.iter().any(|p| {
                    w[1].2
                        .strip_suffix(p)
                        .is_some_and(|stem| lex.member_words.contains(stem))
                })
        })
    };
    cues.iter()
        .filter(|c| their_men(c))
        .filter_map(|c| {
            entities
                .iter()
                .rev()
                .find(|e| e.end <= c.start)
                .filter(|e| s.words_between(e.end, c.start) <= OWNER_BEFORE_CUE_WORDS)
                .map(|e| e.start)
        })
        .collect()
}

/// How many words after a casualty cue its «من عناصرها» may stand («بإصابة أربعة من
/// عناصرها»).
const OWN_MEN_REACH_WORDS: usize = 5;

/// How far before the casualty cue the actor whose men they were may stand («اعترف حزب الله
/// اللبناني أمس بمقتل …»).
const OWNER_BEFORE_CUE_WORDS: usize = 4;

/// The pronouns that make a member word the men of someone named before («عناصرها»).
const OWN_MEN_PRONOUNS: [&str; 3] = ["هم", "ها", "ه"];

/// How many words may stand between a counted actor and its victim verb («قادة الحزب ونحو
/// 30 متمردة قتلوا»).
const VICTIM_VERB_REACH_WORDS: usize = 4;

/// **«أربعة من قادة الحزب قتلوا في الغارات التركية»: the dead named before their verb.** An
/// actor counted (a number or a `member_words` word a few words before it, «سبعة من مسلحي
/// الميليشيات») and followed within a few words, no act's trigger between, by one of
/// `victim_verbs` that takes no object (a number, a people noun or an actor right after it:
/// «مسلحين من بوكو حرام قتلوا ستة أطفال» is who killed) suffered.
fn victims_before_their_verb(
    s: &SentenceView,
    entities: &[EntityRef],
    lex: &EventLexicon,
) -> Vec<usize> {
    let counted = |e: &EntityRef| {
        let before = s.words_before(e.start, VICTIM_REACH_WORDS);
        let numbered = s
            .numbers
            .iter()
            .any(|n| n.1 <= e.start && s.words_between(n.1, e.start) < VICTIM_REACH_WORDS);
        numbered || before.iter().any(|w| lex.member_words.contains(w))
    };
    let verb_after = |e: &EntityRef| {
        s.words_after(e.end, VICTIM_VERB_REACH_WORDS)
            .into_iter()
            .find(|(_, _, w)| lex.victim_verbs.contains(w))
            .filter(|(start, _, _)| {
                !s.triggers
                    .iter()
                    .any(|t| t.start >= e.end && t.end <= *start)
                    && !s
                        .words_between_list(e.end, *start)
                        .iter()
                        .any(|w| w == THAT)
            })
    };
    entities
        .iter()
        .filter(|e| counted(e))
        .filter(|e| verb_after(e).is_some_and(|(_, end, _)| !object_after(s, entities, end, lex)))
        .map(|e| e.start)
        .collect()
}

/// Does an object follow a verb ending at `end`: an actor right after it, or people counted
/// ([`people_counted`])?
fn object_after(s: &SentenceView, entities: &[EntityRef], end: usize, lex: &EventLexicon) -> bool {
    let Some((start, _, _)) = s.words_after(end, 1).into_iter().next() else {
        return false;
    };
    entities.iter().any(|e| e.start == start) || people_counted(&s.ntext, end, &s.numbers, lex)
}

/// How far after a casualty cue the opener of the list of victims may stand: the count and
/// its noun («13 قتيلا هم», «قتل عشرة أشخاص بينهم»).
const VICTIM_LIST_REACH_WORDS: usize = 3;

/// **«بلغت 13 قتيلا هم أربعة جنود من القوات المسلحة المالية، وخمسة متعاقدين مع بعثة
/// الأمم المتحدة»: the list of the dead.** A `victim_list_openers` word a few words after any
/// casualty cue opens it; every actor named after the opener, to the end of its clause and
/// before any act's trigger, suffered — the doer is never among them.
fn listed_victims(s: &SentenceView, entities: &[EntityRef], lex: &EventLexicon) -> Vec<usize> {
    let cues = lex.casualties.find(&s.ntext);
    let openers = lex.victim_list_openers.find(&s.ntext);
    let Some(opener) = openers.iter().find(|o| {
        cues.iter()
            .any(|c| c.end <= o.start && s.words_between(c.end, o.start) <= VICTIM_LIST_REACH_WORDS)
    }) else {
        return Vec::new();
    };
    let (_, clause_end) = s.clause(opener.start);
    let next_trigger = s
        .triggers
        .iter()
        .filter(|t| t.start >= opener.end)
        .map(|t| t.start)
        .min()
        .unwrap_or(usize::MAX);
    entities
        .iter()
        .filter(|e| e.start >= opener.end && e.end <= clause_end && e.end <= next_trigger)
        .map(|e| e.start)
        .collect()
}

/// The trigger's word around `[t_start, t_end)`: its proclitics (the letters of the word
/// before `t_start`, «و»/«ف» dropped), whether letters follow `t_end` (a suffix or a
/// pronoun), and the word before it.
struct TriggerWord {
    proclitics: String,
    suffixed: bool,
    previous: Option<String>,
}

impl TriggerWord {
    /// Written without the article and without a suffix or pronoun: a noun that may stand
    /// in construct («قصف طائرات التحالف», «استهداف تنظيم داعش»).
    fn bare(&self) -> bool {
        !(self.suffixed || self.proclitics.ends_with(ARTICLE) || self.proclitics.ends_with("لل"))
    }

    /// Is the word before the trigger, with or without «و»/«ف» («وتم», «وفي»), in `set`?
    fn after_one_of(&self, set: &std::collections::HashSet<String>) -> bool {
        self.previous.as_deref().is_some_and(|w| {
            set.contains(w)
                || w.strip_prefix(['و', 'ف'])
                    .is_some_and(|rest| rest.chars().count() > 1 && set.contains(rest))
        })
    }
}

fn trigger_word(s: &SentenceView, (t_start, t_end): (usize, usize)) -> TriggerWord {
    let (word_start, _) = s.letters_around(t_start);
    let prefix = s.glued_before(t_start);
    let proclitics = prefix
        .strip_prefix(['و', 'ف'])
        .unwrap_or(&prefix)
        .to_string();
    TriggerWord {
        proclitics,
        suffixed: s.letter_at(t_end),
        previous: s.words_before(word_start, 1).into_iter().next(),
    }
}

/// **The one acted on in a verbal noun's construct.** «تواصل القوات التركية استهداف تنظيم
/// داعش», «عمليات ملاحقة عناصر القاعدة»: a verbal noun of an act done to a party
/// (`object_masdars`), without the article or a pronoun, followed directly by an actor
/// (member words aside) is in construct with the one it acts on — that actor is the target,
/// and the doer is the subject before the noun or comes after «من قبل». When the actor is
/// followed by an object of its own («اعتقال القاعدة لخمسة من الضباط», «استهداف التحالف
/// مواقع داعش») it is the doer instead. A form that is also a verb («خطف»,
/// `verb_like_masdars`) is a verbal noun only with «ب»/«ل» or after one of `masdar_heads`
/// («عملية خطف»). Returns the actor's start and its role.
fn verbal_noun_construct(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, t_end): (usize, usize),
    (actors, lex): (&ActorDictionary, &EventLexicon),
) -> Option<(usize, Role)> {
    let noun = s.normalized_span(t_start, t_end);
    if !lex.object_masdars.contains(&noun) {
        return None;
    }
    let word = trigger_word(s, (t_start, t_end));
    if !word.bare() {
        return None;
    }
    if lex.verb_like_masdars.contains(&noun) {
        let governed = word.proclitics.contains(['ب', 'ل']) || word.after_one_of(&lex.masdar_heads);
        if !governed {
            return None;
        }
    }
    let e = entities.iter().find(|e| e.start >= t_end)?;
    if content_words_between(s, t_end, e.start, lex) > 0 {
        return None;
    }
    let role = if own_object_follows(s, entities, e, (actors, lex)) {
        Role::Initiator
    } else {
        Role::Target
    };
    Some((e.start, role))
}

/// **«قصف طائرات التحالف لمخازن أسلحة داعش»: the agent in construct.** A one-sided act's
/// verbal noun (after «بـ», «لـ» or one of `masdar_heads`, or a plural) that is not one of
/// `object_masdars`, written without the article or a pronoun and followed directly by an actor (member words and crafts aside: «طائرات») that has an
/// object of its own
/// after it ([`own_object_follows`]) — a verbal noun in construct with its doer, or a verb
/// with its subject and object — has that actor for its doer, whoever stands before the
/// trigger: a speaker («كشف مصدر في وزارة البيشمركة عن قصف طائرات التحالف …») or the one
/// that tells of it («وأكد الجيش العراقي استمرار قصف طائرات التحالف لمخازن …»). Returns the
/// actor's start and [`Role::Initiator`].
fn agent_in_construct(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, t_end): (usize, usize),
    grammar: &Grammar<'_>,
    lex: &EventLexicon,
) -> Option<(usize, Role)> {
    if grammar.default != TriggerRoles::Subject || grammar.symmetric || grammar.passive {
        return None;
    }
    if lex
        .object_masdars
        .contains(&s.normalized_span(t_start, t_end))
    {
        return None;
    }
    let word = trigger_word(s, (t_start, t_end));
    if !word.bare() {
        return None;
    }
    // a verbal noun, not a verb with its subject before it («طائرات التحالف قتلت 30 من
    // عناصر داعش»): governed by «بـ», «لـ» or one of `masdar_heads`, or a plural noun
    let noun = word.proclitics.contains(['ب', 'ل'])
        || word.after_one_of(&lex.masdar_heads)
        || s.normalized_span(t_start, t_end)
            .ends_with(super::PLURAL_ACT);
    if !noun {
        return None;
    }
    let e = entities.iter().find(|e| e.start >= t_end)?;
    let crafts = s
        .words_between_list(t_end, e.start)
        .iter()
        .filter(|w| grammar.force_heads.contains(*w))
        .count();
    if content_words_between(s, t_end, e.start, lex) > crafts
        || !own_object_follows(s, entities, e, (grammar.actors, lex))
    {
        return None;
    }
    Some((e.start, Role::Initiator))
}

/// Is the actor `e` followed by an object of its own: a target marker or another actor right
/// after it («استهداف التحالف مواقع داعش»), or «لـ» with an actor, a number or member
/// words («اعتقال القاعدة لخمسة من الضباط», «استهداف داعش لقوات الجيش»)? An actor joined
/// to it by «و» is listed with it, not its object, and one of its own state in apposition
/// is itself («استهداف رجال الأمن قوات الطوارئ»). «للمدنيين» too ([`definite_object_noun`]).
fn own_object_follows(
    s: &SentenceView,
    entities: &[EntityRef],
    e: &EntityRef,
    (actors, lex): (&ActorDictionary, &EventLexicon),
) -> bool {
    let marker = s.markers.iter().any(|(m, r)| {
        *r == Role::Target && m.start >= e.end && s.words_between(e.end, m.start) == 0
    });
    let next_actor = entities.iter().any(|o| {
        o.start >= e.end
            && s.words_between(e.end, o.start) == 0
            && !s.coordinated(e.end, o.start)
            && !in_apposition(s, e, o, actors)
    });
    let lam_object = s
        .words_after(e.end, 1)
        .into_iter()
        .next()
        .filter(|(_, _, w)| w.starts_with('ل') && w.chars().count() > 2)
        .is_some_and(|(start, end, w)| {
            let inside = |x: usize| x > start && x < end;
            entities.iter().any(|o| inside(o.start))
                || s.numbers.iter().any(|n| n.0 >= start && n.0 < end)
                || lex
                    .member_words
                    .contains(&w.chars().skip(1).collect::<String>())
                || definite_object_noun(&w, lex)
        });
    // «استهداف قوات الأسد قرية المكرمية»: a place right after it, or after one word that
    // is not a preposition («في», «بمدينة»), is what it acted on
    let place_object = s.places.iter().any(|p| {
        p.start >= e.end
            && match s.words_between_list(e.end, p.start).as_slice() {
                [] => true,
                [w] => !w.starts_with(['ب', 'ل']) && !lex.masdar_heads.contains(w),
                _ => false,
            }
    });
    marker || next_actor || lam_object || place_object
}

/// «للمدنيين», «للمساجد»: «لـ» with the article before a noun of people (`people_words`) or
/// ground (`ground_words`) — the object of a verbal noun whose doer came before it
/// («استهداف قوات الأسد للمدنيين»). Not a verbal noun of purpose or cause («للاشتباه»).
fn definite_object_noun(word: &str, lex: &EventLexicon) -> bool {
    word.strip_prefix("لل")
        .is_some_and(|noun| lex.people_words.contains(noun) || lex.ground_words.contains(noun))
}

/// The payload of a verb of reply among the light verbs (`reply_verbs`).
const REPLY_VERB: usize = 1;

/// **The subject of a light verb does the act after it.** «قام تنظيم داعش بتفجير مسجد»,
/// «قامت طائرات التحالف بقصف مواقع الحوثيين», «أقدم مسلحو داعش على اختطاف …», «رد
/// الحوثيون بقصف عشوائي»: the first actor after a light verb (`light_verbs`, at most a
/// couple of words between, member words aside) standing right before the trigger, which
/// carries «بـ» or follows «على», is its doer. After a verb of reply (`reply_verbs`) only
/// «بـ» links: the act after «على» is the one replied to («ردت قوات الأمن على هجوم شنه
/// مقاتلون …»). Returns the actor's start.
fn light_verb_subject(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, t_end): (usize, usize),
    lex: &EventLexicon,
) -> Option<usize> {
    let (verb, e) = subject_after_verb(s, entities, t_start, &lex.light_verbs, lex)?;
    let gap = s.words_between_list(e.end, t_start);
    let with_bi = trigger_word(s, (t_start, t_end))
        .proclitics
        .starts_with('ب');
    let reply = verb.payload == REPLY_VERB;
    let linked = match gap.as_slice() {
        [] => with_bi,
        [w] => (w == "علي" && !reply) || with_bi,
        _ => false,
    };
    linked.then_some(e.start)
}

/// The last of `verbs` in the trigger's clause before it, and the first actor after that
/// verb and before the trigger, at most [`LIGHT_VERB_REACH_WORDS`] content words on: the
/// verb and its subject.
fn subject_after_verb<'e>(
    s: &SentenceView,
    entities: &'e [EntityRef],
    t_start: usize,
    verbs: &PhraseMatcher,
    lex: &EventLexicon,
) -> Option<(PhraseMatch, &'e EntityRef)> {
    let (clause_start, _) = s.clause(t_start);
    let verb = verbs
        .find(&s.ntext)
        .into_iter()
        .filter(|m| m.start >= clause_start && m.end <= t_start)
        .max_by_key(|m| m.end)?;
    let e = entities
        .iter()
        .find(|e| e.start >= verb.end && e.end <= t_start)?;
    (content_words_between(s, verb.end, e.start, lex) <= LIGHT_VERB_REACH_WORDS)
        .then_some((verb, e))
}

/// **«شن مسلحو الحوثي حملة اعتقالات»: who launches a campaign does its acts.** The first
/// actor after a verb of `launch_verbs` in the trigger's clause (at most a couple of content
/// words between), when only `campaign_words` and other triggers stand between it and the
/// trigger («سلسلة من الاختطافات والاعتقالات»), is the trigger's doer. Returns its start.
fn campaign_launcher(
    s: &SentenceView,
    entities: &[EntityRef],
    t_start: usize,
    lex: &EventLexicon,
) -> Option<usize> {
    let (_, e) = subject_after_verb(s, entities, t_start, &lex.launch_verbs, lex)?;
    let gap = s.words_after(e.end, s.words_between(e.end, t_start));
    let campaign = gap.iter().all(|(start, end, w)| {
        lex.campaign_words.contains(w.trim_start_matches('و'))
            || w == "و"
            || s.triggers.iter().any(|t| t.start < *end && *start < t.end)
    });
    (campaign && !gap.is_empty()).then_some(e.start)
}

/// **A passive has its object after it.** «تم استهداف الجيش», «جرى اغتيال قائد في جماعة
/// الحوثي»: the actor right after a trigger that follows a `passive_words` word is acted on,
/// not the doer; the doer is named before it («قال الجيش إنه تم …») or after a marker («من
/// قبل»).
pub(crate) fn passive_act(
    s: &SentenceView,
    (t_start, t_end): (usize, usize),
    lex: &EventLexicon,
) -> bool {
    trigger_word(s, (t_start, t_end)).after_one_of(&lex.passive_words)
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

/// **A relative clause about the one acted on.** «حزب العمال الكردستاني الذي استهدفته عشرات
/// الغارات», «القيادي الذي اغتالوه»: a trigger verb right after a relative pronoun that
/// carries an object pronoun (`object_pronouns`; the verb's own word, not a noun after it:
/// «التي أعلنت ولاءها»), or whose object is followed by a resumptive «له»
/// ([`object_possessed_by_antecedent`]), points back to the actor before the relative
/// pronoun as its object. Returns that actor's start.
fn object_of_relative(
    s: &SentenceView,
    entities: &[EntityRef],
    t_start: usize,
    lex: &EventLexicon,
) -> Option<usize> {
    let (word_start, word_end) = s.letters_around(t_start);
    let relative = s.words_before(word_start, 1).into_iter().next()?;
    if !lex.relative_pronouns.contains(&relative) {
        return None;
    }
    if !has_object_pronoun(&s.normalized_span(word_start, word_end), lex)
        && !object_possessed_by_antecedent(s, word_end, lex)
    {
        return None;
    }
    // the relative pronoun's first letter: back over the gap, then over its letters
    let gap_end = (0..word_start).rev().find(|&i| s.letter_at(i))?;
    let (pronoun_at, _) = s.letters_around(gap_end);
    entities
        .iter()
        .rev()
        .find(|e| e.end <= pronoun_at && s.words_between(e.end, pronoun_at) <= 2)
        .map(|e| e.start)
}

/// «تنظيم الدولة الإسلامية الذي قصفت مواقع له»: the verb's object, the word after it, is
/// followed by a resumptive «له», «لها», «لهم» (one of `resumptive_words` with «ل»): the
/// antecedent owns what was hit.
fn object_possessed_by_antecedent(s: &SentenceView, verb_end: usize, lex: &EventLexicon) -> bool {
    match s.words_after(verb_end, 2).as_slice() {
        [_, (_, _, r)] => r.starts_with('ل') && lex.resumptive_words.contains(r),
        _ => false,
    }
}

/// **A verb that carries its object has its subject after it.** «… بعقبة ثرة، التي تربط بين
/// المحافظتين واستهدفتها طائرات التحالف», «قصفتهم المدفعية التركية»: a trigger word that is
/// a past verb with its object pronoun ([`verb_with_object_pronoun`]) has its object in that
/// pronoun, as does a relative verb before a resumptive ([`resumptive_after_relative_verb`]):
/// the first actor at most [`VERB_SUBJECT_REACH_WORDS`] words after it is the doer, not the
/// one hit. A verbal noun with a possessive («استهدافها») has no such ending.
/// Returns the actor's start.
fn subject_of_a_verb_with_its_object(
    s: &SentenceView,
    entities: &[EntityRef],
    t_start: usize,
    lex: &EventLexicon,
) -> Option<usize> {
    let (word_start, word_end) = s.letters_around(t_start);
    let word = s.normalized_span(t_start.max(word_start), word_end);
    let subject_from = if verb_with_object_pronoun(&word, lex) {
        word_end
    } else {
        resumptive_after_relative_verb(s, (word_start, word_end), &word, lex)?
    };
    entities
        .iter()
        .find(|e| {
            e.start >= subject_from
                && s.words_between(subject_from, e.start) <= VERB_SUBJECT_REACH_WORDS
        })
        .map(|e| e.start)
}

/// **«مواقع استراتيجية التي استولت عليها المقاومة»: the object stands in a resumptive.** A
/// trigger verb right after a relative pronoun and right before a preposition with a pronoun
/// (`resumptive_words`) has its object in that pronoun and its subject after it. Not a verb
/// whose subject may be its victim («الهجوم الذي قتل فيه جنود», `victim_verbs`). Returns where
/// the words after the resumptive begin.
fn resumptive_after_relative_verb(
    s: &SentenceView,
    (word_start, word_end): (usize, usize),
    word: &str,
    lex: &EventLexicon,
) -> Option<usize> {
    let bare = word.strip_prefix(['و', 'ف']).unwrap_or(word);
    if lex.victim_verbs.contains(bare) {
        return None;
    }
    let after_relative = s
        .words_before(word_start, 1)
        .first()
        .is_some_and(|w| lex.relative_pronouns.contains(w));
    let (_, resumptive_end, resumptive) = s.words_after(word_end, 1).into_iter().next()?;
    (after_relative && lex.resumptive_words.contains(&resumptive)).then_some(resumptive_end)
}

/// Is `word` (the trigger's word from its first letter) a past verb with a feminine «ت» or
/// a plural «و» and an object pronoun after it («استهدفتها», «قصفتهم», «اغتالوه»)? Not a
/// verbal noun of the «مفاعلة» pattern whose «ة» turns to «ت» before a possessive
/// («ملاحقتهم»), and three letters of verb at least.
fn verb_with_object_pronoun(word: &str, lex: &EventLexicon) -> bool {
    if word.starts_with('م') {
        return false;
    }
    lex.object_pronouns.iter().any(|p| {
        ["ت", "و"].iter().any(|inflection| {
            let ending = format!("{inflection}{p}");
            word.ends_with(&ending) && word.chars().count() >= ending.chars().count() + 3
        })
    })
}

/// How far after a verb with its object pronoun its subject may stand («استهدفتها طائرات
/// التحالف»: one word).
const VERB_SUBJECT_REACH_WORDS: usize = 2;

/// Does a verb end in an object pronoun (`object_pronouns`), three letters of verb at least
/// before it («استهدفته», not «وجه»)?
fn has_object_pronoun(word: &str, lex: &EventLexicon) -> bool {
    let letters = word.chars().count();
    lex.object_pronouns
        .iter()
        .any(|p| word.ends_with(p.as_str()) && letters >= p.chars().count() + 3)
}

/// **A relative clause's verb has the antecedent for subject.** «العمل الإرهابي الذي استهدف
/// مجموعة من منسوبي قوات الطوارئ», «قتل عشرة في الهجوم الذي استهدف قوات الأمن»: a trigger
/// verb of the act's type right after a relative pronoun (or one that holds its subject,
/// [`subject_in_the_verb`]: «فاستهدفوا الأبرياء من رجال الأمن»), with no object pronoun of its own
/// and no `resumptive_words` right after it, at or after the trigger: the first actor at
/// most [`RELATIVE_OBJECT_REACH_WORDS`] words after the verb is the one acted on (the
/// antecedent, an actor or not, did it; numbers and member words aside). Returns those
/// actors' starts.
fn objects_of_relative_verbs(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, kind): (usize, &str),
    lex: &EventLexicon,
) -> Vec<usize> {
    let mut out = Vec::new();
    for v in &s.triggers {
        if v.start < t_start || lex.def(v.payload).is_none_or(|d| d.kind != kind) {
            continue;
        }
        let (word_start, word_end) = s.letters_around(v.start);
        let after_relative = s
            .words_before(word_start, 1)
            .first()
            .is_some_and(|w| lex.relative_pronouns.contains(w));
        // … or a verb that holds its subject («فاستهدفوا الأبرياء من رجال الأمن»)
        let holds_subject = !after_relative && subject_in_the_verb(s, v.start);
        if !(after_relative || holds_subject)
            || after_relative && object_of_relative(s, entities, v.start, lex).is_some()
        {
            continue;
        }
        let suffixed = has_object_pronoun(&s.normalized_span(word_start, word_end), lex);
        let resumed = s
            .words_after(word_end, 1)
            .first()
            .is_some_and(|(_, _, w)| lex.resumptive_words.contains(w));
        if suffixed || resumed {
            continue;
        }
        if let Some(e) = entities.iter().find(|e| {
            e.start >= word_end
                && content_words_between(s, word_end, e.start, lex) <= RELATIVE_OBJECT_REACH_WORDS
        }) {
            out.push(e.start);
        }
    }
    out
}

/// How many words other than numbers and member words may stand between a relative clause's
/// verb and the actor it acts on («استهدف مجموعة من منسوبي قوات الطوارئ»: one; «استهدفت
/// المصلين الآمنين من رجال قوات الطوارئ»: two).
const RELATIVE_OBJECT_REACH_WORDS: usize = 3;

/// **A state's adjective on the act names its doer.** «الغارات الجوية التركية على قواعد
/// الحزب», «غارة أميركية»: the state named by the adjective of the trigger's noun (at
/// most [`ADJECTIVE_REACH_WORDS`] words after it, adjectives between) did it, whatever
/// follows.
fn adjective_of_trigger(s: &SentenceView, e: &EntityRef, t_end: usize) -> bool {
    e.adjective_of_act
        && e.start >= t_end
        && s.words_between(t_end, e.start) <= ADJECTIVE_REACH_WORDS
}

/// **Who does a second noun of the same act joined by «و» did the act too.** «إثر ضربات
/// أمريكية وغارات التحالف»: the actor in construct with «وغارات» after the trigger is on
/// the doer's side, not the one struck.
fn joined_act_doer(
    s: &SentenceView,
    e: &EntityRef,
    t_end: usize,
    kind: &str,
    lex: &EventLexicon,
) -> bool {
    // the second noun stands a few words after the first act's phrase, right before `e`
    if e.start < t_end || s.words_between(t_end, e.start) > JOINED_ACT_REACH_WORDS {
        return false;
    }
    let chars: Vec<char> = s.ntext.chars().take(e.start).collect();
    let end = chars.len() - chars.iter().rev().take_while(|c| **c == ' ').count();
    if end == chars.len() || end <= t_end {
        return false;
    }
    let start = chars[..end]
        .iter()
        .rposition(|c| !rasid_text::script::is_letter(*c))
        .map_or(0, |i| i + 1);
    let word: String = chars[start..end].iter().collect();
    let Some(noun) = word.strip_prefix('و') else {
        return false;
    };
    let len = noun.chars().count();
    lex.triggers
        .find(noun)
        .iter()
        .any(|m| m.start == 0 && m.end == len && lex.def(m.payload).is_some_and(|d| d.kind == kind))
}

/// How many words may stand between an act's trigger and the actor of a second noun of the
/// act joined to it («ضربات أمريكية وغارات التحالف»: two).
const JOINED_ACT_REACH_WORDS: usize = 4;

/// Adjectives that may stand between an act's noun and the state's adjective («الغارات
/// الجوية التركية»).
const ADJECTIVE_REACH_WORDS: usize = 2;

/// **Ground taken from someone**: for a type that takes ground (`ground_taken`), the actor
/// named after a `taken_from` marker a few words after the trigger ending at `t_end`
/// («سيطرت قوات الجيش على المدينة من داعش», «تحرير جامعة الأنبار من عصابات داعش»): the one it
/// was taken from (see [`SentenceView::taken_from`]). Not for a trigger whose subject lost
/// the ground («خسر», «انسحب»).
fn ground_taken_from(
    s: &SentenceView,
    entities: &[EntityRef],
    t_end: usize,
    (kind, default): (&str, TriggerRoles),
    lex: &EventLexicon,
) -> Option<usize> {
    if default == TriggerRoles::Patient || !lex.ground_taken.iter().any(|k| k == kind) {
        return None;
    }
    s.taken_from(entities, t_end, lex).map(|t| t.loser.start)
}

/// What the trigger's grammar says about the actors no marker decides.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grammar<'k> {
    /// The event type («ATTACK»).
    pub kind: &'k str,
    pub default: TriggerRoles,
    /// A meeting or an agreement: every party is a party, none acted on.
    pub symmetric: bool,
    /// A suicide or roadside bombing: word order alone never makes a state side its doer.
    pub insurgent: bool,
    /// A passive («تم استهداف …»): word order makes no one its doer.
    pub passive: bool,
    /// A verb whose subject is a place named right before it («إيران تدعم الحوثيين»):
    /// word order makes no one its doer (see `events::place_subject`).
    pub place_subject: bool,
    /// The kb's actors: which two name one state's side.
    pub actors: &'k ActorDictionary,
    /// The sentence's adversary markers («ضد», «لمحاربة»): see [`opposed_elsewhere`].
    pub adversaries: &'k [PhraseMatch],
    /// The sentence's owner markers («تابعة لـ»): see [`owner_of_the_object`].
    pub owners: &'k [PhraseMatch],
    /// The sentence's speech verbs («قال»), found once with its cues.
    pub speech: &'k [PhraseMatch],
    /// Crafts and arms that head a force's name («طائرات», «مدفعية»: kb
    /// `recognition.demonym_force_heads`): see [`agent_in_construct`].
    pub force_heads: &'k std::collections::HashSet<String>,
}

/// The roles of the sentence's actors for the trigger at `[t_start, t_end)`.
pub(crate) fn roles_of(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, t_end): (usize, usize),
    grammar: Grammar<'_>,
    implicit_agent: Option<&str>,
    lex: &EventLexicon,
) -> Roles {
    let markers = &s.markers;
    let mut roles = Roles::default();
    let narrowed: Vec<EntityRef>;
    let sides = clash_sides(s, entities, t_end, grammar.default, lex);
    let two_sides_named = sides.is_some();
    let mut first_side: Vec<String> = Vec::new();
    let entities = match sides {
        Some(sides) => {
            first_side = sides.first_side;
            narrowed = sides.named;
            &narrowed
        }
        None => entities,
    };
    // «ضربات أمنية»: the state's forces, named or not in the sentence
    if let Some(agent) = implicit_agent {
        roles.initiators.push(agent.to_string());
    }
    let mut victims = victim_starts(s, entities, lex);
    victims.extend(subject_of_suffering(s, entities, t_start));
    victims.extend(defenders(s, entities, t_start, lex));
    let (losers, taker) = ground_lost_by(s, entities, (t_start, grammar.kind), lex);
    victims.extend(losers);
    let object_antecedent = object_of_relative(s, entities, t_start, lex);
    let subject_after = subject_of_a_verb_with_its_object(s, entities, t_start, lex);
    let relative_objects = objects_of_relative_verbs(s, entities, (t_start, grammar.kind), lex);
    let relative = linked_doer(s, entities, t_start, lex)
        .map(|e| e.start)
        .filter(|at| object_antecedent != Some(*at))
        .or_else(|| light_verb_subject(s, entities, (t_start, t_end), lex))
        .or_else(|| campaign_launcher(s, entities, t_start, lex));
    let construct = verbal_noun_construct(s, entities, (t_start, t_end), (grammar.actors, lex))
        .or_else(|| agent_in_construct(s, entities, (t_start, t_end), &grammar, lex));
    let loser = ground_taken_from(s, entities, t_end, (grammar.kind, grammar.default), lex);
    let cover = lex.air_cover_markers.find(&s.ntext);
    let mut unassigned: Vec<(usize, &str, ActorKind)> = Vec::new();
    let mut partners: Vec<&str> = Vec::new();
    let mut previous: Option<(&EntityRef, Option<Role>)> = None;
    for e in entities {
        // «على مواقع حزب الله والقوات النظامية»: an actor listed after a marked one shares
        // its mark
        let role = under_air_cover(s, (e, t_start), &cover, lex)
            .then_some(Role::Beside)
            .or_else(|| adjective_of_trigger(s, e, t_end).then_some(Role::Initiator))
            .or_else(|| joined_act_doer(s, e, t_end, grammar.kind, lex).then_some(Role::Partner))
            .or_else(|| (taker == Some(e.start)).then_some(Role::Initiator))
            .or_else(|| marker_role(s, entities, (t_start, t_end, e.start), markers, lex))
            .or_else(|| (loser == Some(e.start)).then_some(Role::Target))
            .or_else(|| received_after_lam(s, e, t_end, grammar.kind, lex).then_some(Role::Target))
            .or_else(|| (object_antecedent == Some(e.start)).then_some(Role::Target))
            .or_else(|| (subject_after == Some(e.start)).then_some(Role::Initiator))
            .or_else(|| relative_objects.contains(&e.start).then_some(Role::Target))
            .or_else(|| (relative == Some(e.start)).then_some(Role::Initiator))
            .or_else(|| construct.filter(|(at, _)| *at == e.start).map(|(_, r)| r))
            .or_else(|| victims.contains(&e.start).then_some(Role::Target))
            .or_else(|| {
                counted_object(s, entities, e, t_end, (grammar, lex)).then_some(Role::Target)
            })
            .or_else(|| {
                previous
                    .filter(|(p, r)| {
                        s.coordinated(p.end, e.start)
                            || in_apposition(s, p, e, grammar.actors)
                            || listed_after_a_target(s, (p, *r), e, lex)
                    })
                    .and_then(|(_, r)| r)
            });
        previous = Some((e, role));
        match role {
            Some(Role::Target | Role::Patient) => push(&mut roles.targets, &e.id),
            Some(Role::Initiator) => push(&mut roles.initiators, &e.id),
            Some(Role::Mediator) => push(&mut roles.mediators, &e.id),
            Some(Role::Partner) => partners.push(&e.id),
            Some(Role::Beside) => {}
            None => unassigned.push((e.start, e.id.as_str(), e.kind)),
        }
    }
    // only talks, agreements and releases are mediated: elsewhere the mediator is only
    // mentioned
    if !lex.mediated.iter().any(|t| t == grammar.kind) {
        roles.mediators.clear();
    }
    match grammar.default {
        TriggerRoles::Subject | TriggerRoles::Mutual => {
            let object_in_construct = matches!(construct, Some((_, Role::Target)));
            let opposed = opposed_elsewhere(
                s,
                entities,
                (t_start, grammar.symmetric),
                (grammar.adversaries, lex),
            );
            // what is given is not taken from its owner; a unit that defects is its owner's;
            // each side of a clash is a party, whoever owns it
            let owner_acted_on = !lex
                .cooperative
                .iter()
                .chain(&lex.owner_is_party)
                .any(|k| k == grammar.kind)
                && grammar.default != TriggerRoles::Mutual;
            let owners: Vec<usize> = entities
                .iter()
                .filter(|_| owner_acted_on)
                .filter(|e| owner_of_the_object(s, entities, (e.start, t_end), (&grammar, lex)))
                .map(|e| e.start)
                .collect();
            let slot = SubjectSlot {
                opposed: &opposed,
                owners: &owners,
                unnamed: doer_left_unnamed(s, entities, (t_start, t_end), lex),
                suffered_from: suffered_from(s, t_start),
                subject_before: subject_in_the_verb_before(s, t_start, lex),
            };
            subject_first(
                s,
                &unassigned,
                (t_start, t_end),
                (grammar, object_in_construct),
                slot,
                &mut roles,
            )
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
    if let Some((x, rest)) = first_side.split_first() {
        for y in rest {
            same_role_as(&mut roles, x, y);
        }
    }
    share_coordinated_roles(s, entities, lex, &mut roles);
    if grammar.default == TriggerRoles::Mutual {
        inflicting_side_first(entities, &victims, &mut roles);
    }
    one_role_each(&mut roles);
    if grammar.kind == DEFECT {
        left_group_first(s, entities, lex, &mut roles);
    }
    roles
}

/// The event type whose parties the contract orders by the group left.
const DEFECT: &str = "DEFECT";

/// **«انشق عشرات المقاتلين عن حركة طالبان وانضموا إلى تنظيم داعش»: from Taliban to IS.**
/// The contract orders a defection's parties as the members moved: the group left first
/// (the one right after a word of kb `roles.left_group_markers`: «عن», «صفوف»), the group
/// joined after it. Word order read the joined
/// group as the subject; here the group left takes the first place and every other party
/// is acted on. With no group left named this way the subject stays first («عادوا إلى تنظيم
/// القاعدة»: the returning group left another; «الانشقاقات أضعفت القاعدة»).
fn left_group_first(
    s: &SentenceView,
    entities: &[EntityRef],
    lex: &EventLexicon,
    roles: &mut Roles,
) {
    let left: Vec<String> = entities
        .iter()
        .filter(|e| {
            s.words_before(e.start, 1)
                .first()
                .is_some_and(|w| lex.left_group_markers.contains(w))
        })
        .map(|e| e.id.clone())
        .filter(|id| roles.initiators.contains(id) || roles.targets.contains(id))
        .collect();
    if left.is_empty() {
        return;
    }
    let joined: Vec<String> = roles
        .initiators
        .iter()
        .chain(&roles.targets)
        .filter(|id| !left.contains(id))
        .cloned()
        .collect();
    roles.initiators = left;
    roles.targets = joined;
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

/// Give `y` the role `x` has (initiator or target), and no other.
fn same_role_as(roles: &mut Roles, x: &str, y: &str) {
    let (mine, other) = if roles.initiators.iter().any(|i| i == x) {
        (&mut roles.initiators, &mut roles.targets)
    } else if roles.targets.iter().any(|t| t == x) {
        (&mut roles.targets, &mut roles.initiators)
    } else {
        return;
    };
    push(mine, y);
    other.retain(|i| i != y);
}

/// The actors a clash's «بين» names, and those of its first side when the sentence says
/// where that side ends («بين X وY من جهة، وZ من جهة أخرى», «بين X وY، وZ»).
struct ClashSides {
    named: Vec<EntityRef>,
    first_side: Vec<String>,
}

/// «معارك بين الجيش اللبناني ومسلحين قدموا من سوريا»: a clash «بين X وY» is between X and Y
/// only (an unnamed Y leaves X alone). Where the sentence closes the first side
/// ([`between::sides`]), its actors are one side and the first actor opening the second is
/// the other. `None` when the trigger has no «بين».
fn clash_sides(
    s: &SentenceView,
    entities: &[EntityRef],
    t_end: usize,
    default: TriggerRoles,
    lex: &EventLexicon,
) -> Option<ClashSides> {
    if default != TriggerRoles::Mutual {
        return None;
    }
    let m = s
        .between_marks
        .between
        .iter()
        .find(|m| m.start >= t_end && s.words_between(t_end, m.start) < BETWEEN_REACH_WORDS)
        // «اشتباكات بينها وبين الحوثيين»: a first side named by a pronoun is none of these
        .filter(|m| {
            !s.after_and(m.start)
                && !s.comma_between(t_end, m.start)
                && !entities
                    .iter()
                    .any(|e| e.start >= t_end && e.start < m.start)
        })?;
    let mut after = entities.iter().filter(|e| e.start >= m.end);
    let first = after
        .next()
        .filter(|e| s.words_between(m.end, e.start) <= MARKER_REACH_WORDS)?;
    if let Some([(_, one_end), (two_start, _)]) = between::sides(s, m, lex) {
        let one: Vec<&EntityRef> = entities
            .iter()
            .filter(|e| e.start >= first.start && e.end <= one_end)
            .collect();
        let other = entities.iter().find(|e| {
            e.start >= two_start && s.words_between(two_start, e.start) <= MARKER_REACH_WORDS
        });
        if !one.is_empty() {
            let first_side = if one.len() > 1 {
                one.iter().map(|e| e.id.clone()).collect()
            } else {
                Vec::new()
            };
            let named = one.into_iter().chain(other).cloned().collect();
            return Some(ClashSides { named, first_side });
        }
    }
    let named = match after.next() {
        Some(y)
            if s.joined_by_and(first.end, y.start)
                || between::opens_next_side(s, first.end, y.start) =>
        {
            vec![first.clone(), y.clone()]
        }
        _ => vec![first.clone()],
    };
    Some(ClashSides {
        named,
        first_side: Vec::new(),
    })
}

/// **«تقدمت المقاومة بغطاء جوي مكثف من قبل طيران التحالف»: cover from the air is no part
/// in the act.** The actor `e` a few words after one of kb `roles.air_cover_markers`
/// ([`AIR_COVER_REACH_WORDS`], no other actor between; an «من قبل» there is the cover's)
/// backs the act from the air: the takeover is the resistance's, the coalition its backer —
/// a relation, not a party (as ground partners after «بمشاركة» are). Not when the trigger
/// stands between them, nor when a relative clause about the air force holds the trigger:
/// the air force is then the doer of the strikes named.
fn under_air_cover(
    s: &SentenceView,
    (e, t_start): (&EntityRef, usize),
    cover: &[PhraseMatch],
    lex: &EventLexicon,
) -> bool {
    // «وسط غطاء جوي من طائرات التحالف التي قصفت القاعدة»: the air force is the subject of
    // the relative clause that holds the act
    let describes_the_act = t_start > e.end
        && s.words_after(e.end, COVER_RELATIVE_REACH_WORDS)
            .iter()
            .any(|(w_start, _, w)| *w_start < t_start && lex.relative_pronouns.contains(w));
    !describes_the_act
        && cover.iter().any(|m| {
            // «تمت بدعم من غارات مكثفة من طيران التحالف»: the strikes are the act, and the
            // air force their doer
            let covers_the_trigger = m.start <= t_start && t_start < e.start;
            !covers_the_trigger
                && m.end <= e.start
                && s.words_between(m.end, e.start) <= AIR_COVER_REACH_WORDS
                && !s.comma_between(m.end, e.start)
        })
}

/// How far after an air-cover marker its air force may stand («بغطاء جوي مكثف من قبل طيران
/// التحالف»: four words).
const AIR_COVER_REACH_WORDS: usize = 5;

/// How far after the air force a relative pronoun describing it may stand («طائرات التحالف
/// بقيادة المملكة الذي استهدف»: three words).
const COVER_RELATIVE_REACH_WORDS: usize = 4;

/// **A clash that names both its sides** («… ترافق مع استمرار الاشتباكات بين قوات النظام
/// والمسلحين الموالين لها من جهة، والفصائل المعارضة من جهة أخرى»): the clash trigger ending
/// at `t_end` has a «بين» after it naming two sides ([`clash_sides`]). Such a clash told
/// after a one-sided act of its clause is an act of its own, with its own parties.
pub(crate) fn clash_names_both_sides(s: &SentenceView, t_end: usize, lex: &EventLexicon) -> bool {
    clash_sides(s, &s.entities, t_end, TriggerRoles::Mutual, lex)
        .is_some_and(|sides| sides.named.len() >= 2)
}

/// How far after a clash's trigger its «بين» may stand (fewer words between), past an
/// adjective and a place and no actor or comma («توسعت رقعة المواجهات في إب بين المقاومة الشعبية ومسلحي الحوثي»).
const BETWEEN_REACH_WORDS: usize = 5;

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
    (grammar, object_in_construct): (Grammar<'_>, bool),
    slot: SubjectSlot<'_>,
    roles: &mut Roles,
) {
    let SubjectSlot {
        opposed,
        owners,
        unnamed,
        suffered_from,
        subject_before,
    } = slot;
    let symmetric = grammar.symmetric;
    // the owner of what was hit («الغارة دمرت سيارة تابعة لعناصر القاعدة») was acted on
    let may_do = |start: usize, kind: &ActorKind| {
        !(s.names_personnel(start)
            || grammar.insurgent && kind.is_state_side()
            || opposed.contains(&start)
            || owners.contains(&start)
            || suffered_from.is_some_and(|verb| start < verb))
    };
    let near =
        |start: usize| start < t_start || s.words_between(t_end, start) <= SUBJECT_AFTER_WORDS;
    // «وأن الثوار أكملوا سيطرتهم»: only the actors right before the verb
    let verb_subjects = subject_before.map(|verb| subjects_before_the_verb(s, &s.entities, verb));
    let before_the_verb = |start: usize| verb_subjects.as_ref().is_none_or(|v| v.contains(&start));
    let object_after =
        |start: usize| start >= t_end && s.words_between(t_end, start) <= OBJECT_REACH_WORDS;
    // the earliest actor before the trigger or right after it, else the first one at all
    // that is not acted on elsewhere in the clause. A passive («تم استهداف الجيش») and a
    // verbal noun in construct with the one it acts on («تواصل استهداف تنظيم داعش») have
    // the actor after them as their object, never their doer; a passive may still name its
    // doer further on («تم ضبط أسلحة خلال عمليات لقوات الأمن»), the verbal noun only before.
    let after_is_object = grammar.passive || object_in_construct;
    let subject = unassigned
        .iter()
        .filter(|_| !grammar.place_subject)
        .filter(|(start, _, kind)| may_do(*start, kind))
        .filter(|(start, _, _)| before_the_verb(*start))
        .find(|(start, _, _)| *start < t_start || !after_is_object && !unnamed && near(*start))
        .or_else(|| {
            if grammar.place_subject || unnamed || subject_unnamed(s, (t_start, t_end)) {
                return None;
            }
            unassigned
                .iter()
                .filter(|(start, _, kind)| may_do(*start, kind) && !object_in_construct)
                .filter(|(start, _, _)| before_the_verb(*start))
                .filter(|(start, _, _)| {
                    !grammar.passive
                        || !object_after(*start)
                            && (symmetric || !another_act_between(s, t_end, *start))
                })
                .filter(|(start, _, kind)| {
                    symmetric || !(*kind == ActorKind::State && among_listed_states(s, *start))
                })
                .find(|(_, id, _)| !roles.targets.iter().any(|t| t == id))
        });
    // where the subject's list ends: «هجوم من قوات النظام وحزب الله على الزبداني» — an actor
    // joined to the subject by «و» shares its place, it is not the object after it (the
    // sides of a clash, «اشتباكات بين الحوثيين والمقاومة», are two)
    let mut subject_end = None;
    if roles.initiators.is_empty() {
        if let Some((start, id, _)) = subject {
            push(&mut roles.initiators, id);
            if grammar.default == TriggerRoles::Subject && !symmetric {
                subject_end = entity_end(s, *start);
            }
        }
    }
    for (start, id, _) in unassigned {
        if roles.initiators.iter().any(|x| x == id) {
            continue;
        }
        if subject_end.is_some_and(|end| s.coordinated(end, *start)) {
            push(&mut roles.initiators, id);
            subject_end = entity_end(s, *start);
            continue;
        }
        if symmetric {
            push(&mut roles.others, id);
        } else if roles.targets.is_empty()
            && *start >= t_end
            && (s.words_between(t_end, *start) <= OBJECT_REACH_WORDS || owners.contains(start))
        {
            push(&mut roles.targets, id);
        } else {
            push(&mut roles.others, id);
        }
    }
}

/// **The one fought against is not the doer** («إن بلاده ستمدد حملتها الجوية ضد تنظيم
/// داعش … في شن الضربات» made IS the striker): the actors right after an adversary marker
/// before a one-sided trigger, and those listed with them («ضد منظمة بي كا كا، وتنظيم
/// داعش»), are the opponents of another word of the sentence, never the trigger's subject
/// by word order — unless a relative clause about one holds the trigger («المواجهة ضد
/// تنظيم داعش الذي كثف أخيرا تفجيراته»). A marker after the trigger makes the actor its
/// target ([`marker_role`]). Returns their starts.
fn opposed_elsewhere(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, symmetric): (usize, bool),
    (adversaries, lex): (&[PhraseMatch], &EventLexicon),
) -> Vec<usize> {
    let mut out = Vec::new();
    if symmetric {
        return out;
    }
    let mut previous: Option<&EntityRef> = None;
    for e in entities.iter().filter(|e| e.end <= t_start) {
        let listed =
            previous.is_some_and(|p| out.contains(&p.start) && s.coordinated(p.end, e.start));
        let relative_holds_act = s
            .words_between_list(e.end, t_start)
            .first()
            .is_some_and(|w| lex.relative_pronouns.contains(w));
        if (s.follows(e.start, adversaries) || listed) && !relative_holds_act {
            out.push(e.start);
        }
        previous = Some(e);
    }
    out
}

/// **The owner of what was hit was acted on** («استهدف طيران التحالف العربي تعزيزات
/// عسكرية تابعة لميليشيات الحوثي»): an actor right after an owner marker (or after its
/// men: `member_words`), at most
/// `OWNER_REACH_WORDS` after the trigger, with no comma, agent marker, speech verb or other
/// act between.
/// Not when the marker follows an actor: «نفذتها حركة الشباب التابعة لتنظيم القاعدة» names
/// the doer's parent; nor for a cooperative act («إمدادات … ورحلات تابعة للأمم المتحدة»:
/// what is given is not taken from its owner).
fn owner_of_the_object(
    s: &SentenceView,
    entities: &[EntityRef],
    (start, t_end): (usize, usize),
    (grammar, lex): (&Grammar<'_>, &EventLexicon),
) -> bool {
    // right after the marker, or after the owner's men («سيارة تابعة لعناصر القاعدة»)
    let owned_by = |m: &&PhraseMatch| {
        m.end <= start
            && s.words_between(m.end, start) <= OWNER_MEMBER_WORDS
            && s.words_between_list(m.end, start)
                .iter()
                .all(|w| lex.member_words.contains(w))
    };
    let Some(marker) = grammar.owners.iter().find(owned_by) else {
        return false;
    };
    if fired_from_what_it_owns(s, (t_end, marker.start), grammar) {
        return false;
    }
    let owned_by_actor = entities
        .iter()
        .any(|e| e.end <= marker.start && s.words_between(e.end, marker.start) == 0);
    // «باستهدافنا من قبل قناصة مدربة على رؤوس الجبال تابعين للحرس»: the doer's owner
    let agent_between = s
        .markers
        .iter()
        .any(|(m, r)| *r == Role::Initiator && m.start >= t_end && m.end <= marker.start);
    let within = marker.start >= t_end
        && s.words_between(t_end, start) <= OWNER_REACH_WORDS
        && !s.comma_between(t_end, start)
        && !owned_by_actor
        && !agent_between
        && !another_act_between(s, t_end, start);
    // «قصفت ناقلات نفط قالت القوات التابعة لحكومة الثني …»: a speech verb opens another clause
    within
        && !grammar
            .speech
            .iter()
            .any(|v| v.start >= t_end && v.end <= marker.start)
}

/// **What the act came from is its doer's** («وقصف مركز من السفن الحربية التابعة لقوات
/// التحالف», «غارات بطائرات تابعة للتحالف»): a craft or an arm (`force_heads`) after «من» or
/// carrying «ب», between the trigger and the owner marker, was the act's instrument; its owner
/// did it.
fn fired_from_what_it_owns(
    s: &SentenceView,
    (from, to): (usize, usize),
    grammar: &Grammar<'_>,
) -> bool {
    let words = s.words_between_list(from, to);
    let craft = |w: &str| {
        let bare = w.strip_prefix(ARTICLE).unwrap_or(w);
        grammar.force_heads.contains(bare)
    };
    words.iter().enumerate().any(|(i, w)| {
        (w == SOURCE && words.get(i + 1).is_some_and(|next| craft(next)))
            || w.strip_prefix('ب').is_some_and(craft)
    })
}

/// «من»: the source an act came from, or where it began.
const SOURCE: &str = "من";

/// How many member words («عناصر», «من») may stand between an owner marker and the owner.
const OWNER_MEMBER_WORDS: usize = 2;

/// How far after a one-sided trigger the owner of its object may stand («استهدفت تعزيزات
/// عسكرية وصهاريج تحمل مشتقات نفطية تابعة لمسلحي الحوثي»: seven words between).
const OWNER_REACH_WORDS: usize = 8;

/// **A passive's doer named further on is not another act's object** («وتمت السيطرة على
/// مدينة درنة وتم طرد عناصر تنظيم داعش»: ISIS is the one expelled, not the taker): a
/// trigger between the passive and the actor claims it. Not for a meeting's or an
/// agreement's parties («تم الاتفاق خلال المباحثات على … بين X وY»).
fn another_act_between(s: &SentenceView, t_end: usize, start: usize) -> bool {
    s.triggers
        .iter()
        .any(|t| t.start >= t_end && t.end <= start)
}

/// **Two forces of one state side by side are one party** («رجال الأمن قوات الطوارئ»: the
/// second names the first again): nothing between them, and both a state or its forces of
/// the same one country.
fn in_apposition(s: &SentenceView, a: &EntityRef, b: &EntityRef, actors: &ActorDictionary) -> bool {
    b.start >= a.end && s.words_between(a.end, b.start) == 0 && actors.one_state(&a.id, &b.id)
}

/// Where the sentence's actor mention starting at `start` ends.
fn entity_end(s: &SentenceView, start: usize) -> Option<usize> {
    s.entities.iter().find(|e| e.start == start).map(|e| e.end)
}

/// **States listed together are no doer found by position** («هجمات على الجزر في الدول
/// الأربع المطلة على البحيرة، نيجيريا وتشاد والنيجر»): a state joined by «و» to another
/// state is one of a list — where, or whom — not the subject a clause left unnamed. (The
/// parties of a meeting may be so listed: «دور القاهرة وواشنطن».)
fn among_listed_states(s: &SentenceView, start: usize) -> bool {
    let Some(i) = s.entities.iter().position(|e| e.start == start) else {
        return false;
    };
    let e = &s.entities[i];
    let state = |x: &&EntityRef| x.kind == ActorKind::State;
    let before = i
        .checked_sub(1)
        .and_then(|j| s.entities.get(j))
        .filter(state)
        .is_some_and(|p| s.joined_by_and(p.end, e.start));
    let after = s
        .entities
        .get(i + 1)
        .filter(state)
        .is_some_and(|n| s.joined_by_and(e.end, n.start));
    before || after
}

/// What the sentence says about a one-sided trigger's subject before word order decides.
struct SubjectSlot<'a> {
    /// Actors fought against by another word ([`opposed_elsewhere`]): never the subject.
    opposed: &'a [usize],
    /// Owners of what the act hit ([`owner_of_the_object`]): acted on.
    owners: &'a [usize],
    /// The doer's slot holds an unnamed doer ([`doer_left_unnamed`]): no actor after the
    /// trigger is its subject.
    unnamed: bool,
    /// Where the suffering verb that governs the trigger starts ([`suffered_from`]): no
    /// actor before it is the subject.
    suffered_from: Option<usize>,
    /// Where the verb right before the trigger that holds its subject starts
    /// ([`subject_in_the_verb_before`]): the subject is the actor right before it or none.
    subject_before: Option<usize>,
}

/// **An unnamed doer fills the slot** («فجر مجهولون عدة سيارات تعود لعناصر في حماس»,
/// «بينما يهاجم المسلحون الأكراد الشرطة والجيش», «هجوم شنه إرهابيون على سيارة مصفحة
/// تابعة للشرطة»): one of `unnamed_doers` right after the trigger, or right after an agent
/// marker right after it, with no actor or word of `doer_named_by` right after the word
/// («هاجم مسلحون من داعش», «مسلحون تابعون لجماعة الحوثي», «مسلحون حوثيون» name the doer).
/// Also one right before the trigger after a launch verb ([`unnamed_launcher`]).
fn doer_left_unnamed(
    s: &SentenceView,
    entities: &[EntityRef],
    (t_start, t_end): (usize, usize),
    lex: &EventLexicon,
) -> bool {
    if unnamed_launcher(s, t_start, lex)
        || unnamed_subject_before(s, t_start, lex)
        || subject_in_the_verb(s, t_start)
    {
        return true;
    }
    let agent_end = s
        .markers
        .iter()
        .find(|(m, r)| {
            *r == Role::Initiator && m.start >= t_end && s.words_between(t_end, m.start) == 0
        })
        .map(|(m, _)| m.end);
    let Some((_, w_end, word)) = s
        .words_after(agent_end.unwrap_or(t_end), 1)
        .into_iter()
        .next()
    else {
        return false;
    };
    if !lex.unnamed_doers.contains(&word) {
        return false;
    }
    let named_after = entities
        .iter()
        .any(|e| e.start >= w_end && s.words_between(w_end, e.start) == 0)
        || s.words_after(w_end, 1)
            .first()
            .is_some_and(|(_, _, w)| lex.doer_named_by.contains(w));
    !named_after
}

/// **«شن الإرهابيون هجوما على سكان قرية …», «نفذ مسلحون هجوما»: the subject of the launch
/// verb is the unnamed doer.** One of `unnamed_doers` is the only word between a
/// `launch_verbs` verb and the trigger word at `t_start`.
fn unnamed_launcher(s: &SentenceView, t_start: usize, lex: &EventLexicon) -> bool {
    let (word_start, _) = s.letters_around(t_start);
    let Some(subject) = s.words_before(word_start, 1).into_iter().next() else {
        return false;
    };
    lex.unnamed_doers.contains(&subject)
        && lex
            .launch_verbs
            .find(&s.ntext)
            .iter()
            .any(|m| m.end <= word_start && s.words_between(m.end, word_start) == 1)
}

/// **«قدمت الولايات المتحدة دعما عسكريا للجيش اللبناني»: who receives support.** In an
/// act of kb `received_after_lam`, an actor glued to «لـ» at most
/// [`RECEIVER_REACH_WORDS`] words after the trigger received it.
fn received_after_lam(
    s: &SentenceView,
    e: &EntityRef,
    t_end: usize,
    kind: &str,
    lex: &EventLexicon,
) -> bool {
    lex.received_after_lam.iter().any(|k| k == kind)
        && e.start >= t_end
        && s.words_between(t_end, e.start) <= RECEIVER_REACH_WORDS
        && matches!(s.glued_before(e.start).as_str(), "ل" | "ول")
}

/// How many words may stand between a support's trigger and the «لـ» of who received it
/// («دعما عسكريا أمريكيا للجيش»: one).
const RECEIVER_REACH_WORDS: usize = 2;

/// **«فاستهدفوا الأبرياء من رجال الأمن»: the verb holds its subject.** A trigger verb in the
/// masculine plural past («استهدفوا», «هاجموا», «فجروا»: its first word ends in «وا», three
/// letters at least before it) takes no named subject after it — Arabic puts a named subject
/// after a singular verb —, so no actor after it is its doer.
fn subject_in_the_verb(s: &SentenceView, t_start: usize) -> bool {
    let (word_start, word_end) = s.letters_around(t_start);
    let word = s.normalized_span(word_start, word_end);
    word.ends_with("وا") && word.chars().count() >= PLURAL_VERB_MIN_LETTERS
}

/// Letters of a masculine plural past verb, «وا» included («شنوا»: four).
const PLURAL_VERB_MIN_LETTERS: usize = 4;

/// **«قبل أن يستعيدوا السيطرة الكاملة على معسكر …», «وأن الثوار أكملوا سيطرتهم على …»: the
/// verb that governs a verbal noun holds its subject.** The trigger's word is a verbal noun
/// — definite, or with a possessive pronoun — with no proclitic (a passive «قتلوا في غارة
/// لطيران التحالف», «قتلوا بانفجار» has one), and the word right before it is a plural verb
/// ([`subject_in_the_verb`]): the doer is the actor (or list of actors) right before that
/// verb, or none — never an actor named further before or after the trigger. Returns the
/// verb's start.
fn subject_in_the_verb_before(
    s: &SentenceView,
    t_start: usize,
    lex: &EventLexicon,
) -> Option<usize> {
    let (word_start, word_end) = s.letters_around(t_start);
    let word = s.normalized_span(word_start, word_end);
    let glued = s.glued_before(t_start);
    let verbal_noun = if glued.is_empty() {
        word.starts_with(ARTICLE) || has_object_pronoun(&word, lex)
    } else {
        glued == ARTICLE
    };
    if !verbal_noun {
        return None;
    }
    let verb_start = s.word_start_before(word_start)?;
    subject_in_the_verb(s, verb_start).then_some(verb_start)
}

/// The starts of the actors that stand right before the verb at `verb` (at most one word,
/// «قد», between) and of those listed with them («المقاومة والجيش استكملوا»).
fn subjects_before_the_verb(s: &SentenceView, entities: &[EntityRef], verb: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(mut last) = entities
        .iter()
        .filter(|e| e.end <= verb && s.words_between(e.end, verb) <= 1)
        .max_by_key(|e| e.end)
    else {
        return out;
    };
    out.push(last.start);
    while let Some(prev) = entities
        .iter()
        .filter(|e| e.end <= last.start && s.coordinated(e.end, last.start))
        .max_by_key(|e| e.end)
    {
        out.push(prev.start);
        last = prev;
    }
    out
}

/// **«المقاتلات شنت غارات على تجمعات … تابعة لمسلحي الحوثي»: the subject before the verb
/// is unnamed.** One of `unnamed_doers` or `unnamed_aircraft` right before the trigger word,
/// or right before a `launch_verbs` verb right before it, is the act's subject: no actor after
/// the trigger is its doer.
pub(crate) fn unnamed_subject_before(s: &SentenceView, t_start: usize, lex: &EventLexicon) -> bool {
    let (word_start, _) = s.letters_around(t_start);
    let before = s.words_before(word_start, 2);
    let unnamed =
        |w: &String| lex.unnamed_doers.contains(w) || lex.unnamed_aircraft.iter().any(|a| a == w);
    match before.as_slice() {
        [w, ..] if unnamed(w) => true,
        [verb, w] => unnamed(w) && !lex.launch_verbs.find(verb).is_empty(),
        _ => false,
    }
}

/// **A verb whose subject is no actor has no doer further on.** «دكت المدفعية مباني …
/// استخدمتها العصابات الحوثية»: the trigger is a verb in the feminine perfect (one word
/// ending in «ت», not the plural «ات»), its subject the word right after it, and that word
/// names no actor — the actor later in the sentence is the object's, not the doer.
fn subject_unnamed(s: &SentenceView, (t_start, t_end): (usize, usize)) -> bool {
    let trigger = s.normalized_span(t_start, t_end);
    let verb = !trigger.contains(' ') && trigger.ends_with('ت') && !trigger.ends_with("ات");
    verb && s
        .words_after(t_end, 1)
        .first()
        .is_some_and(|(w_start, w_end, _)| {
            !s.entities
                .iter()
                .any(|e| e.start < *w_end && e.end > *w_start)
        })
}

/// Object-first grammar (an arrest): states and their forces do the arresting, and so does
/// any actor that is the subject right before the trigger («النصرة تعتقل», «حماس تعتقل
/// نشطاء») unless a passive stands between («عناصر من داعش تم اعتقالهم»); the others are
/// arrested, as is a state-side actor right after a verbal noun of the act (`object_masdars`:
/// «اعتقال ضابط في الجيش») — right after a verb it is the verb's subject («اعتقلت قوات الأمن
/// …»).
fn authority_first(
    s: &SentenceView,
    unassigned: &[(usize, &str, ActorKind, usize)],
    (t_start, t_end): (usize, usize),
    lex: &EventLexicon,
    roles: &mut Roles,
) {
    let masdar = lex
        .object_masdars
        .contains(&s.normalized_span(t_start, t_end));
    for (start, id, kind, end) in unassigned {
        let subject = *end <= t_start
            && s.words_between(*end, t_start) <= 1
            && !s
                .words_between_list(*end, t_start)
                .iter()
                .any(|w| lex.passive_words.contains(w))
            || !masdar && verb_subject(s, *start, (t_start, t_end));
        // «اعتقال ضابط تركي»: a state named by its men is the one they belong to, arrested
        let authority = (kind.is_state_side() || subject) && !s.names_personnel(*start);
        let in_construct = masdar && *start >= t_end && s.words_between(t_end, *start) <= 1;
        if authority && !in_construct {
            push(&mut roles.initiators, id);
        } else {
            push(&mut roles.targets, id);
        }
    }
}

/// **The subject right after an arresting verb** («اعتقل مسلحو تنظيم داعش المتظاهرين»,
/// «احتجز الحوثيون صحفيين»): the actor right after the verb, or after a plural in the
/// nominative construct («مسلحو», «مقاتلو»: ending in «و»), is its subject, whoever it is.
/// Not after another word: «اعتقل أمير داعش» and «اعتقل عنصران من القاعدة» are passives;
/// nor after a trigger of several words («تفكيك خلية داعش»: a noun and its object).
fn verb_subject(s: &SentenceView, start: usize, (t_start, t_end): (usize, usize)) -> bool {
    if start < t_end || s.normalized_span(t_start, t_end).contains(' ') {
        return false;
    }
    match s.words_between_list(t_end, start).as_slice() {
        [] => true,
        [w] => w.chars().count() > 2 && w.ends_with('و'),
        _ => false,
    }
}

/// **Those listed after one acted on are acted on too** («التي يتحصن فيها فلول المخلوع وميليشيا
/// الحوثيين»): `e` follows a target `p` with «و» and a head word of `list_heads` between
/// ([`SentenceView::listed`]), before the subject is looked for among the unassigned.
fn listed_after_a_target(
    s: &SentenceView,
    (p, role): (&EntityRef, Option<Role>),
    e: &EntityRef,
    lex: &EventLexicon,
) -> bool {
    matches!(role, Some(Role::Target)) && s.listed(&lex.list_heads, p.end, e.start)
}

/// Actors listed together share a role: «شنت قوات النيجر وتشاد هجوما», «سيطرت المقاومة
/// الشعبية وقوات الجيش على القاعدة» (a head word of `list_heads` after «و»).
fn share_coordinated_roles(
    s: &SentenceView,
    entities: &[EntityRef],
    lex: &EventLexicon,
    roles: &mut Roles,
) {
    for pair in entities.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if !s.listed(&lex.list_heads, a.end, b.start) || !roles.others.contains(&b.id) {
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
/// district only when no town is named, a country only when nothing finer is. A name that
/// stands for an acting state («شنت القاهرة غارات على … في ليبيا») is not where it acts,
/// nor one that says where another place lies (`reference_points`: «قرب», «غرب»), nor one
/// in `answer`, the stretch a reply cue gives another act («… في القنيطرة ردا على استهداف
/// قوات الأسد للمدنيين في درعا»), nor a venue's (`venues`: «في مؤتمر صحافي عقده في أنقرة»).
pub(crate) fn pick_place(
    s: &SentenceView,
    t_start: usize,
    (answer, reference_points, venues): (Option<(usize, usize)>, &[PhraseMatch], &[PhraseMatch]),
) -> Option<PlaceRef> {
    let (c_start, c_end) = s.clause(t_start);
    let places: Vec<PlaceRef> = s
        .places
        .iter()
        .filter(|p| {
            answer.is_none_or(|(from, to)| p.start < from || p.start >= to)
                && !names_an_acting_state(s, p)
                && !of_the_place_before(s, p)
                && !a_reference_point(s, p, t_start, reference_points)
                && !a_venue(s, p, venues)
        })
        .cloned()
        .collect();
    let in_clause: Vec<PlaceRef> = places
        .iter()
        .filter(|p| p.start >= c_start && p.start < c_end)
        .cloned()
        .collect();
    nearest_place(&in_clause, t_start).or_else(|| nearest_place(&places, t_start))
}

/// **A place after another with the genitive «ل» is where that place lies** («في الغوطة
/// الشرقية لدمشق»: the act is in the Ghouta, Damascus only says which): not the act's place.
fn of_the_place_before(s: &SentenceView, p: &PlaceRef) -> bool {
    let before = s.word_before(p.start);
    before.glued == "ل"
        && s.places
            .iter()
            .any(|q| q.end > q.start && q.end == before.word_end)
}

/// **A place named to say where another lies is not where the act was** («في قرية البوسودة
/// قرب ناحية العناز غرب الرمادي»: al-Busuda; «في بلدة حضر السورية المحاذية لهضبة
/// الجولان»: Hadar): a place right after a marker of kb `roles.reference_point_markers`
/// (or one word later: «قرب مدينة …»), when a town or district of the same clause, after
/// the trigger, ends at most [`REFERENCE_REACH_WORDS`] words before the marker («الواقعة على
/// بعد 70 كيلومترا جنوب شرقي …»). Before the trigger the two places may belong to another
/// act of the sentence («سيطرت على قرية مغربتين … جنوب بلدة صرين … غاراتها على البلدة»).
/// After a province the town is the finer place («في محافظة الأنبار قرب مدينة الرمادي»).
fn a_reference_point(
    s: &SentenceView,
    p: &PlaceRef,
    t_start: usize,
    markers: &[PhraseMatch],
) -> bool {
    let clause = s.clause(p.start);
    markers
        .iter()
        .filter(|m| m.end <= p.start && s.words_between(m.end, p.start) <= 1)
        .any(|m| {
            s.places.iter().any(|q| {
                !q.is_country
                    && !q.is_province
                    && q.start >= t_start
                    && q.end > q.start
                    && q.end <= m.start
                    && s.clause(q.start) == clause
                    && s.words_between(q.end, m.start) <= REFERENCE_REACH_WORDS
            })
        })
}

/// **Where something was said or is seated is not where the act was** («وقال في مؤتمر
/// صحافي عقده في أنقرة إن التفجير ناجم عن اعتداء انتحاري»: not Ankara): a place at most
/// [`VENUE_REACH_WORDS`] words after a venue marker — not after «من» («اختطفوا الوزير من
/// مقره في مدينة البيضاء»: the act began there).
fn a_venue(s: &SentenceView, p: &PlaceRef, venues: &[PhraseMatch]) -> bool {
    venues.iter().any(|m| {
        m.end <= p.start
            && s.words_between(m.end, p.start) <= VENUE_REACH_WORDS
            && s.word_before(m.start).word != SOURCE
    })
}

/// How far after a venue marker its place may stand («مؤتمر صحافي عقده أمس في أنقرة»).
const VENUE_REACH_WORDS: usize = 3;

/// How far before its reference point's marker the place it locates may end.
const REFERENCE_REACH_WORDS: usize = 6;

/// Is the place `p` the name of a state that the sentence makes an actor (a mention not
/// marked as where something is: «القاهرة» in «شنت القاهرة غارات», not in «في القاهرة»)?
fn names_an_acting_state(s: &SentenceView, p: &PlaceRef) -> bool {
    s.entities
        .iter()
        .any(|e| e.kind == ActorKind::State && e.start == p.start)
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

/// How many words may stand between a number and the combined cue after it that makes it a
/// figure of dead and wounded together («سبعة حوثيين بين قتيل وجريح», «العشرات من عناصر داعش
/// بين قتيل وجريح»).
const COMBINED_BACK_REACH_WORDS: usize = 4;

/// Killed and injured counts stated in the sentence between chars `from` and `to` (the
/// cues; their numbers may stand just outside). A combined figure («مقتل وإصابة ما يزيد
/// عن 10») counts neither.
pub(crate) fn casualties(
    s: &SentenceView,
    (from, to): (usize, usize),
    lex: &EventLexicon,
) -> (Option<u32>, Option<u32>) {
    let mut cues = lex.casualties.find(&s.ntext);
    cues.retain(|c| c.start >= from && c.end <= to);
    // «سقوط أكثر من 160 قذيفة»: a count of things is no toll
    let counts_things = |n: &(usize, usize, u64)| {
        s.words_after(n.1, 1)
            .first()
            .is_some_and(|(_, _, w)| lex.things_counted.contains(w))
    };
    let after = |end: usize| {
        s.numbers
            .iter()
            .find(|n| n.0 >= end && s.words_between(end, n.0) <= CASUALTY_REACH_WORDS)
            .filter(|n| !counts_things(n))
    };
    let before = |start: usize| {
        s.numbers
            .iter()
            .rev()
            .find(|n| n.1 <= start && s.words_between(n.1, start) == 0)
    };
    // … and a combined cue may follow what it counts («سقط سبعة حوثيين بين قتيل وجريح»)
    let counted_before = |start: usize| {
        s.numbers
            .iter()
            .rev()
            .find(|n| n.1 <= start && s.words_between(n.1, start) <= COMBINED_BACK_REACH_WORDS)
    };
    let combined: Vec<usize> = cues
        .iter()
        .filter(|c| CasualtyCue::from_payload(c.payload) == Some(CasualtyCue::Combined))
        .filter_map(|c| {
            after(c.end)
                .or_else(|| counted_before(c.start))
                .map(|n| n.0)
        })
        .collect();
    let (mut killed, mut injured): (Option<u32>, Option<u32>) = (None, None);
    for c in &cues {
        let cue = CasualtyCue::from_payload(c.payload);
        let n = match cue {
            Some(CasualtyCue::Killed | CasualtyCue::Injured) => after(c.end),
            Some(
                CasualtyCue::KilledAfter
                | CasualtyCue::InjuredAfter
                | CasualtyCue::KilledOne
                | CasualtyCue::InjuredOne,
            ) => before(c.start),
            _ => None,
        };
        let one = matches!(cue, Some(CasualtyCue::KilledOne | CasualtyCue::InjuredOne));
        let v = match n {
            Some(n) if !combined.contains(&n.0) => u32::try_from(n.2).unwrap_or(u32::MAX),
            Some(_) => continue,
            // «أوقع قتيلا»: a singular alone counts one
            None if one => 1,
            None => continue,
        };
        let slot = match cue {
            Some(CasualtyCue::Killed | CasualtyCue::KilledAfter | CasualtyCue::KilledOne) => {
                &mut killed
            }
            _ => &mut injured,
        };
        *slot = Some(slot.map_or(v, |k| k.max(v)));
    }
    (killed, injured)
}
