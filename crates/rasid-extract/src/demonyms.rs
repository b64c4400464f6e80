//! States named by their adjective after a head noun. Arabic news names a state's strikes
//! and its craft by the nisba: «الغارات الجوية التركية» (Turkish air strikes: Turkey did
//! them), «غارة أميركية», «الطيران الحربي التركي» (Turkey's warplanes). Alone, the
//! adjective is no actor («مواطن تركي», «شركة تركية»): only after a head of
//! `demonym_act_heads`, `demonym_force_heads`, `demonym_office_heads` or
//! `demonym_personnel_heads`
//! (`kb/recognition.toml`), with at most [`MAX_ADJECTIVES`] words between: adjectives that
//! agree with it in definiteness, or the noun an office is in construct with («وزير
//! الخارجية الإيطالي»).

use rasid_kb::Kb;
use rasid_text::Span;

/// Adjectives that may stand between the head and the state's adjective («الغارات
/// الجوية التركية», «الطيران الحربي التركي»).
const MAX_ADJECTIVES: usize = 2;

/// What the head qualified by a state's adjective is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DemonymHead {
    /// An act: the state did it («الغارات التركية»).
    Act,
    /// A force or a craft: the state's («الطيران الحربي التركي»).
    Force,
    /// An office: its holder serves the state («وزير الخارجية الإيطالي»).
    Office,
    /// The state's men («ضابط تركي»): its side, acted on.
    Personnel,
}

/// A state's adjective after a head noun, in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DemonymPhrase {
    /// For a force, the head through the adjective («الطيران الحربي التركي»); for an act
    /// (the event's trigger) or an office (a person's role), the adjective alone.
    pub norm: Span,
    /// Index of the state in the actor dictionary.
    pub state: usize,
    pub head: DemonymHead,
}

fn is_letter(c: char) -> bool {
    rasid_text::script::is_letter(c)
}

/// **«عائلة سورية», «مركبة سورية»: an adjective, not the country.** A name at `span` that
/// is a state's adjective in the feminine (ending in ة, written ه once normalised: «سورية»
/// is also Syria's name) right after a word ending in ة agrees with that noun and
/// qualifies it («فرقة سورية مقاتلة», «ليرة سورية»): it names neither the state as a party
/// nor the country as a place. A force or a craft so qualified is still the state's,
/// through the adjective after its head («سقطت مقاتلة سورية»: `demonym_force_heads`).
pub(crate) fn feminine_adjective_after_noun(ntext: &[char], span: Span, kb: &Kb) -> bool {
    let said: String = ntext
        .get(span.start..span.end)
        .map_or(String::new(), |c| c.iter().collect());
    let whole = said.chars().count();
    if !said.ends_with('ه') {
        return false;
    }
    let adjective = kb
        .actors
        .demonyms
        .find(&said)
        .iter()
        .any(|m| m.start == 0 && m.end == whole);
    if !adjective {
        return false;
    }
    // the word before, across spaces
    let mut end = span.start.min(ntext.len());
    while end > 0 && ntext[end - 1].is_whitespace() {
        end -= 1;
    }
    let (start, _) = rasid_text::chars::letter_run(ntext, end);
    end - start > 2 && ntext[end - 1] == 'ه'
}

/// Every state adjective of `ntext` (the normalised document, as `text` and as chars)
/// that qualifies an act, a force or an office, in text order. An adjective joined by «و» to one
/// that does («الطائرات الأمريكية والبريطانية») shares its head.
pub(crate) fn demonym_phrases(text: &str, ntext: &[char], kb: &Kb) -> Vec<DemonymPhrase> {
    let mut out: Vec<DemonymPhrase> = Vec::new();
    for m in kb.actors.demonyms.find(text) {
        let word_start = word_start(ntext, m.start);
        let prefix: String = ntext[word_start..m.start].iter().collect();
        let (joined, article) = match prefix.as_str() {
            "" => (false, false),
            "ال" => (false, true),
            "و" => (true, false),
            "وال" => (true, true),
            // «للقوات التركية»: a preposition makes it no adjective of what stands before
            _ => continue,
        };
        // the adjective as written, with its article but without «و»
        let adjective = Span {
            start: word_start + usize::from(joined),
            end: m.end,
        };
        let phrase = if joined {
            joined_to_previous(&out, ntext, word_start, adjective, m.payload)
        } else {
            qualified_head(
                ntext,
                word_start,
                (article, false),
                adjective,
                m.payload,
                kb,
            )
        };
        out.extend(phrase);
    }
    out.extend(plural_phrases(text, ntext, kb));
    out.sort_by_key(|p| p.norm.start);
    out
}

/// Plural adjectives («جنود أتراك», «شرطيين تركيين»): they agree with human plurals, so they
/// qualify the state's men only (`demonym_personnel_heads`), never an act or a craft
/// («هجوم ينفذه متطرفون إسرائيليون» is no Israeli attack).
fn plural_phrases(text: &str, ntext: &[char], kb: &Kb) -> Vec<DemonymPhrase> {
    let mut out = Vec::new();
    for m in kb.actors.plural_demonyms.find(text) {
        let word_start = word_start(ntext, m.start);
        let prefix: String = ntext[word_start..m.start].iter().collect();
        let article = match prefix.as_str() {
            "" => false,
            "ال" => true,
            _ => continue,
        };
        let adjective = Span {
            start: word_start,
            end: m.end,
        };
        out.extend(qualified_head(
            ntext,
            word_start,
            (article, true),
            adjective,
            m.payload,
            kb,
        ));
    }
    out
}

/// Where the word holding `at` starts.
fn word_start(ntext: &[char], at: usize) -> usize {
    let mut ws = at.min(ntext.len());
    while ws > 0 && is_letter(ntext[ws - 1]) {
        ws -= 1;
    }
    ws
}

/// «… الأمريكية والبريطانية»: an adjective with «و» right after a qualifying one.
fn joined_to_previous(
    found: &[DemonymPhrase],
    ntext: &[char],
    word_start: usize,
    adjective: Span,
    state: usize,
) -> Option<DemonymPhrase> {
    let last = found.last()?;
    let gap = ntext.get(last.norm.end..word_start)?;
    (gap.iter().all(|c| *c == ' ') && !gap.is_empty()).then_some(DemonymPhrase {
        norm: adjective,
        state,
        head: last.head,
    })
}

/// The head noun the `adjective` of `state` qualifies, through at most
/// [`MAX_ADJECTIVES`] adjectives of the same definiteness.
fn qualified_head(
    ntext: &[char],
    word_start: usize,
    (article, plural): (bool, bool),
    adjective: Span,
    state: usize,
    kb: &Kb,
) -> Option<DemonymPhrase> {
    let rules = &kb.recognition;
    let stopwords = &kb.segmentation.stopwords;
    for (i, (word, span)) in words_before(ntext, word_start, MAX_ADJECTIVES + 1)
        .into_iter()
        .enumerate()
    {
        let agreeing = |heads: &std::collections::HashSet<String>| {
            head_form(&word, heads).filter(|(definite, _)| *definite == article)
        };
        let phrase = |head: DemonymHead, start: usize| DemonymPhrase {
            norm: Span {
                start,
                end: adjective.end,
            },
            state,
            head,
        };
        if let Some((_, clitics)) = agreeing(&rules.demonym_personnel_heads) {
            return Some(phrase(DemonymHead::Personnel, span.start + clitics));
        }
        // a plural qualifies the state's men only
        if !plural {
            if agreeing(&rules.demonym_act_heads).is_some() {
                return Some(phrase(DemonymHead::Act, adjective.start));
            }
            if let Some((_, clitics)) = agreeing(&rules.demonym_force_heads) {
                return Some(phrase(DemonymHead::Force, span.start + clitics));
            }
            // «سلاح الجو السوري»: an indefinite head in construct with the definite noun
            // the adjective agrees with
            let in_construct = head_form(&word, &rules.demonym_construct_force_heads)
                .filter(|(definite, _)| !definite && article && i == 1);
            if let Some((_, clitics)) = in_construct {
                return Some(phrase(DemonymHead::Force, span.start + clitics));
            }
            // «وزير الخارجية الإيطالي»: an office in construct takes the article of its noun
            if head_form(&word, &rules.demonym_office_heads).is_some() {
                return Some(phrase(DemonymHead::Office, adjective.start));
            }
        }
        let between = i < MAX_ADJECTIVES
            && word.starts_with("ال") == article
            && !stopwords.contains(&word)
            && word.chars().count() > 2;
        if !between {
            return None;
        }
    }
    None
}

/// Is `word` a head of `heads` with its proclitics: a conjunction, a preposition, the
/// article (elided after «ل»: «للغارات»)? Returns whether it is definite and how many
/// letters of conjunction and preposition come before the article or the noun.
fn head_form(word: &str, heads: &std::collections::HashSet<String>) -> Option<(bool, usize)> {
    for conj in ["", "و", "ف"] {
        let Some(rest) = word.strip_prefix(conj) else {
            continue;
        };
        for prep in ["", "ب", "ل", "ك"] {
            let Some(rest) = rest.strip_prefix(prep) else {
                continue;
            };
            let clitics = conj.chars().count() + prep.chars().count();
            if heads.contains(rest) {
                return Some((false, clitics));
            }
            let definite = rest
                .strip_prefix("ال")
                .or_else(|| (prep == "ل").then(|| rest.strip_prefix('ل')).flatten());
            if definite.is_some_and(|noun| heads.contains(noun)) {
                return Some((true, clitics));
            }
        }
    }
    None
}

/// Up to `n` words before `start`, nearest first, within the phrase: any mark other than a
/// space (a comma, a quote, a bracket) ends it.
fn words_before(ntext: &[char], start: usize, n: usize) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut i = start;
    while out.len() < n {
        let mut e = i;
        while e > 0 && ntext[e - 1] == ' ' {
            e -= 1;
        }
        if e == i || e == 0 || !is_letter(ntext[e - 1]) {
            break;
        }
        let b = word_start(ntext, e);
        out.push((ntext[b..e].iter().collect(), Span { start: b, end: e }));
        i = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (phrase, state, is an act) of each phrase of `text`.
    fn phrases(text: &str) -> Vec<(String, String, bool)> {
        let kb = Kb::builtin().expect("kb");
        let n = rasid_text::normalize(text);
        let chars: Vec<char> = n.chars().collect();
        demonym_phrases(&n, &chars, &kb)
            .into_iter()
            .map(|p| {
                let a = kb.actors.get(p.state).expect("state");
                (
                    chars[p.norm.start..p.norm.end].iter().collect(),
                    a.id.clone(),
                    p.head == DemonymHead::Act,
                )
            })
            .collect()
    }

    #[test]
    fn an_act_named_by_the_state_adjective_is_the_states() {
        let got = phrases("قتل 390 مسلحا خلال أسبوعين من الغارات الجوية التركية على قواعد الحزب");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "turkey");
        assert!(got[0].2);
        let got = phrases("وقتل قيادي في غارة جوية أميركية قرب الحدود");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "usa");
    }

    #[test]
    fn a_force_named_by_the_state_adjective_spans_its_head() {
        let got = phrases("ورد الطيران الحربي التركي بمهاجمة أهداف للتنظيم");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, rasid_text::normalize("الطيران الحربي التركي"));
        assert!(!got[0].2);
        let got = phrases("قصفت الطائرات الأمريكية والبريطانية مواقع التنظيم");
        let ids: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(ids, ["usa", "united_kingdom"]);
        // the craft acted on is the state's, but the act is not the state's doing
        let got = phrases("أسقط المسلحون طائرة حربية عراقية قرب المدينة");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "iraq");
        assert!(!got[0].2);
    }

    #[test]
    fn an_office_in_construct_takes_the_state_adjective() {
        let got = phrases("وقال وزير الخارجية الإيطالي إن بلاده تتابع القضية");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("الايطالي", "italy"));
        assert!(!got[0].2);
    }

    #[test]
    fn an_adjective_of_anything_else_is_no_actor() {
        for text in [
            "اعتقل مواطن تركي في المطار",
            "وقعت الحكومة عقدا مع شركة تركية",
            "أجرى اتصالا بنظيره التركي",
            "نفذ عمليات ضد مصالح أميركية",
            // definiteness disagrees: not one phrase
            "شن غارات الأمريكية",
        ] {
            assert!(phrases(text).is_empty(), "{text}: {:?}", phrases(text));
        }
    }
}
