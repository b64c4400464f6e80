//! Actors of an article: every dictionary name found in its text, resolved to an actor.
//!
//! * An alias names one actor.
//! * A shared name («القاعدة», «الجيش») is resolved, in order, by a country qualifier right
//!   after it («تنظيم القاعدة باليمن»), by the article's dominant country (counted from the
//!   gazetteer places and the country-specific actors named), and else to the most general
//!   candidate (the parent).
//! * A group anaphor («التنظيم») refers to the last armed group named before it.
//! * A state is an actor only when named at least `min_state_mentions` times outside
//!   locative use («في اليمن», «باليمن» are places).

use std::collections::HashMap;

use rasid_kb::{ActorDictionary, Kb, NameTarget};

use crate::places::WordBefore;
use crate::DocMatches;
use rasid_model::{Actor, ActorKind, Mention};
use rasid_text::Span;

/// **A head noun standing for a name** («الناطق باسم الجهاز» after «جهاز مكافحة الإرهاب»,
/// «المتحدث باسم الوزارة» after «وزارة الداخلية»): the last actor named before the anaphor
/// `at` (a definite head noun of `head_anaphora`) whose mention opens with the same noun.
fn last_with_head(found: &[Found], ntext: &[char], at: Span) -> Option<usize> {
    let anaphor: String = ntext[at.start..at.end].iter().collect();
    let head = anaphor.strip_prefix("ال").unwrap_or(&anaphor);
    found
        .iter()
        .filter(|f| f.norm.end <= at.start)
        .filter(|f| {
            let text: String = ntext[f.norm.start..f.norm.end].iter().collect();
            let first = text.split_whitespace().next().unwrap_or("");
            first == head || first.strip_prefix("ال") == Some(head)
        })
        .max_by_key(|f| f.norm.end)
        .map(|f| f.actor)
}

/// «المجلس الأعلى للأمن الوطني», «الهيئة العامة للطيران المدني»: a head noun followed by a
/// definite adjective in «ي» or «ة» heads a longer name of its own, not an anaphor.
fn heads_a_longer_name(ntext: &[char], at: Span) -> bool {
    words_after(ntext, at.end, 1).first().is_some_and(|(w, _)| {
        w.starts_with("ال") && (w.ends_with('ي') || w.ends_with('ه')) && w.chars().count() > 4
    })
}

/// One recognised name in the article.
#[derive(Debug, Clone)]
struct Found {
    /// Span in the normalised document text.
    norm: Span,
    /// Span in the original document.
    orig: Span,
    actor: usize,
    rule: &'static str,
    locative: bool,
    /// Right after a party marker («المدعومة من إيران»): a state that acts.
    party: bool,
}

fn is_letter(c: char) -> bool {
    rasid_text::script::is_letter(c)
}

/// The normalised word before the word at `start` (skipping spaces and punctuation: «تنظيم
/// "القاعدة"»).
fn word_before(ntext: &[char], start: usize) -> String {
    let mut ws = start;
    while ws > 0 && is_letter(ntext[ws - 1]) {
        ws -= 1;
    }
    let mut e = ws;
    while e > 0 && !is_letter(ntext[e - 1]) && ntext[e - 1] != '\n' {
        e -= 1;
    }
    let mut b = e;
    while b > 0 && is_letter(ntext[b - 1]) {
        b -= 1;
    }
    ntext[b..e].iter().collect()
}

/// **A name joined by «و» to a place is a place too**: «اعتداءات في الكاميرون وتشاد» —
/// Chad is where, not who. Where the word at `start` is the name with a bare «و» before it,
/// the end of the word before (a comma ends the list: «في سوريا، والولايات المتحدة» names
/// an actor).
fn joined_by_and(ntext: &[char], start: usize) -> Option<usize> {
    let before = WordBefore::of(ntext, start);
    (before.glued == "و").then_some(before.word_end)
}

/// **A state named right after a place is that place's country** («إقليم كردستان العراق»,
/// «قرية زركلي شمال أربيل العراق»): where, not who. A place name of the gazetteer ends at
/// the word before `span`, only spaces between.
fn after_a_place_name(ntext: &[char], span: Span, place_names: &[crate::DocMatch]) -> bool {
    let before = WordBefore::of(ntext, span.start);
    let e = before.word_end;
    // the matches are in text order: those ending at `e` start just before it
    let from = place_names.partition_point(|p| p.norm.start < e);
    before.glued.is_empty()
        && e < span.start
        && place_names[..from]
            .iter()
            .rev()
            .take(PLACE_MATCHES_ENDING_HERE)
            .any(|p| p.norm.end == e)
}

/// **A group's name after a place's type word names the place** («منطقة القاعدة», a town
/// of Ibb; `group_named_place_heads`): no mention of the group. Not a state or its forces:
/// «بمنطقة الحرس الوطني بالمنيهلة» is a unit of the Tunisian National Guard; states are left
/// to the locative rules.
fn names_a_place_after_its_type(
    ntext: &[char],
    span: Span,
    target: &NameTarget,
    dict: &ActorDictionary,
    rules: &rasid_kb::RecognitionRules,
) -> bool {
    let state_side = |i: &usize| dict.get(*i).is_some_and(|a| a.kind.is_state_side());
    let state = match target {
        NameTarget::Actor(i) => state_side(i),
        NameTarget::Shared(c) => c.iter().any(state_side),
    };
    let before = word_before(ntext, span.start);
    !state && rules.group_named_place_heads.contains(name_core(&before))
}

/// **A state's name inside a longer place name is part of that place** («ريف دمشق», «شمال
/// سيناء»): the gazetteer's match holds the actor's span and more.
fn inside_a_place_name(span: Span, place_names: &[crate::DocMatch]) -> bool {
    let from = place_names.partition_point(|p| p.norm.end <= span.start);
    place_names[from..]
        .iter()
        .take_while(|p| p.norm.start <= span.start)
        .any(|p| p.norm.contains(span) && p.norm != span)
}

/// How many place matches starting before a point are looked at for one ending there
/// (overlapping names: «كردستان», «إقليم كردستان», «كردستان العراق»).
const PLACE_MATCHES_ENDING_HERE: usize = 8;

/// **The definite form of a facility, once one is named, is the facility.** Why: «القاعدة»
/// is the group and «the base»; after «قاعدة العند» or «بقاعدة الأسد», «دخلوا القاعدة» and
/// «مدرج القاعدة» mean the base, and linking them to the group adds a false actor, event
/// and relation. A word of the homonym's `group_words` right before it («تنظيم القاعدة»,
/// «عناصر القاعدة») keeps the group. The article elided after «ل» counts too («البوابة
/// الغربية للقاعدة»).
/// `facilities[k]`: where the document first names the facility of `homonyms[k]`.
fn names_a_facility(
    ntext: &[char],
    m: &crate::DocMatch,
    homonyms: &[rasid_kb::FacilityHomonym],
    facilities: &[Option<usize>],
) -> bool {
    let span = m.norm;
    // the name as written on its own: «للقاعدة» is matched as «لقاعدة», its alef elided
    let text: String = m
        .elided
        .chars()
        .chain(ntext[span.start..span.end].iter().copied())
        .collect();
    let Some(k) = homonyms.iter().position(|h| h.name == text) else {
        return false;
    };
    let before = word_before(ntext, span.start);
    !homonyms[k].group_words.contains(&before)
        && facilities
            .get(k)
            .copied()
            .flatten()
            .is_some_and(|at| at < span.start)
}

/// **A name that is a common word too is the word where Arabic uses it as one.** Why:
/// «حماس» is Hamas and zeal; «بحماس كبير», «الحماس», «حماس الجماهير» are zeal, and reading
/// them as the group adds Hamas to sports and travel stories. For a name of
/// `common_word_names`: the article («الحماس», «للحماس»), a glued «ب» («بحماس»), or a
/// definite word right after it that does not end in «ة» (the name in construct, «حماس
/// الشعوب»; an adjective agreeing with the group, «حماس الفلسطينية», keeps it) and is none
/// of `common_word_name_followers` («حماس التي», «حماس إلى»).
fn common_word_use(ntext: &[char], span: Span, rules: &rasid_kb::RecognitionRules) -> bool {
    let name: String = ntext[span.start..span.end].iter().collect();
    if !rules.common_word_names.contains(&name) {
        return false;
    }
    let mut ws = span.start;
    while ws > 0 && is_letter(ntext[ws - 1]) {
        ws -= 1;
    }
    let prefix: String = ntext[ws..span.start].iter().collect();
    if prefix.ends_with("ال") || prefix.ends_with("لل") || prefix.ends_with('ب') {
        return true;
    }
    // the next word right after a space (a quote or a bracket closes the name: «(حماس)
    // الشكر» is no construct)
    ntext.get(span.end) == Some(&' ')
        && words_after(ntext, span.end, 1)
            .first()
            .is_some_and(|(w, at)| {
                at.start == span.end + 1
                    && w.starts_with("ال")
                    && !w.ends_with('ه')
                    && !rules.common_word_name_followers.contains(w)
            })
}

/// Where a word `facility` (with at most a proclitic, never the article) followed by
/// another word first occurs in `ntext`: «قاعدة العند», «بقاعدة الأسد».
fn first_facility(ntext: &[char], facility: &str) -> Option<usize> {
    let f: Vec<char> = facility.chars().collect();
    let mut i = 0;
    while i + f.len() < ntext.len() {
        let at_word_end = ntext[i..i + f.len()] == f[..]
            && ntext.get(i + f.len()) == Some(&' ')
            && ntext.get(i + f.len() + 1).is_some_and(|c| is_letter(*c));
        if at_word_end {
            let mut ws = i;
            while ws > 0 && is_letter(ntext[ws - 1]) {
                ws -= 1;
            }
            let prefix: String = ntext[ws..i].iter().collect();
            if matches!(prefix.as_str(), "" | "و" | "ب" | "ل" | "ف" | "وب" | "ول") {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// **A state force named without its country takes the country that frames its
/// sentence.** Why: «وفي الكويت، أعلنت وزارة الداخلية …» in an article about Yemen is
/// Kuwait's ministry, and a dateline («الرياض - واس:») places its sentence. The frame is
/// the sentence's opening up to its first comma, colon or dash, at most `FRAME_CHARS`
/// long and before the name; it must name exactly one country (gazetteer places of one
/// country, or a state). A country named elsewhere in the sentence is more often where
/// the force acts («قصف الجيش مواقع في سوريا») and does not count.
fn framing_country(
    ntext: &[char],
    name: Span,
    raw: &[(Span, Span, &NameTarget)],
    place_names: &[crate::DocMatch],
    kb: &Kb,
) -> Option<String> {
    let start = ntext[..name.start]
        .iter()
        .rposition(|c| matches!(c, '.' | '!' | '؟' | '?' | '\n'))
        .map_or(0, |i| i + 1);
    let window = &ntext[start..name.start.min(start + FRAME_CHARS)];
    let end = start
        + window
            .iter()
            .position(|c| matches!(c, '،' | ',' | ':' | '-'))?;
    let from = place_names.partition_point(|m| m.norm.start < start);
    let framed: Vec<crate::DocMatch> = place_names[from..]
        .iter()
        .take_while(|m| m.norm.end <= end)
        .copied()
        .collect();
    let mut votes = crate::country_votes(ntext, &framed, kb);
    for (span, _, t) in raw {
        if span.start >= start && span.end <= end {
            if let Some(c) = match t {
                NameTarget::Actor(i) => country_of_state(&kb.actors, *i),
                NameTarget::Shared(_) => None,
            } {
                votes.add(c);
            }
        }
    }
    let mut countries = votes.countries();
    match (countries.next(), countries.next()) {
        (Some(only), None) => Some(only.to_string()),
        _ => None,
    }
}

/// **Unnamed forces belong to where their clause happens.** «وفي سياق متصل اعتقلت الشرطة
/// ثلاثة أشخاص في الرياض» in an article about Morocco: the Saudi police. The country of
/// every place the clause names where something happens («في X», «بX», «مدينة X»; not «إلى
/// X», where people go), when there is one country only. A name the article's country
/// `dominant` also has is a place there; of a name found abroad only, the countries,
/// provinces and towns of some size count: villages' names are too often words. None when
/// that is the article's country: the article decides then.
fn placed_country(
    ntext: &[char],
    name: Span,
    place_names: &[crate::DocMatch],
    dominant: Option<&str>,
    kb: &Kb,
) -> Option<String> {
    let ends = |c: &char| matches!(c, '.' | '!' | '؟' | '?' | '\n' | '،' | '؛' | ',' | ';');
    let clause_start = ntext[..name.start]
        .iter()
        .rposition(ends)
        .map_or(0, |i| i + 1);
    let start = clause_start.max(nth_word_back(ntext, name.start, PLACE_WINDOW_WORDS));
    let end = words_after(ntext, name.end, PLACE_WINDOW_WORDS)
        .last()
        .map_or(name.end, |(_, w)| w.end);
    let from = place_names.partition_point(|m| m.norm.start < start);
    let mut countries = place_names[from..]
        .iter()
        .take_while(|m| m.norm.end <= end)
        .filter(|m| crate::places::where_something_happens(ntext, m.norm, kb))
        .map(|m| {
            // «قرية دوما الفلسطينية»: the adjective after the name says where it is
            country_by_adjective(ntext, m.norm.end, kb)
                .or_else(|| country_of_place_name(m, dominant, kb))
        });
    let first = countries.next()??;
    // the article's own country is decided with the article (branches named apart)
    (Some(first) != dominant && countries.all(|c| c == Some(first))).then(|| first.to_string())
}

/// Words between an unnamed force and the place that tells its country, at most: further
/// off, the place is as often where its enemy is hit («هجمات حزب العمال الكردستاني ضد الجيش
/// وشن سلاح الجو التركي ضربات … في شمال العراق») or where someone else fights.
const PLACE_WINDOW_WORDS: usize = 5;

/// Where the `n`th word before `at` starts (the text's start if there are fewer).
fn nth_word_back(ntext: &[char], at: usize, n: usize) -> usize {
    let mut start = at.min(ntext.len());
    for _ in 0..n {
        let mut end = start;
        while end > 0 && !is_letter(ntext[end - 1]) {
            end -= 1;
        }
        if end == 0 {
            return 0;
        }
        start = rasid_text::chars::letter_run(ntext, end).0;
    }
    start
}

/// How many words before a state's name a party marker may start («المدعومة من»).
const PARTY_MARKER_WORDS: usize = 3;

/// **A state that backs or sides with someone acts** («الحشد الشعبي المدعومة من إيران»,
/// «الجماعات الموالية لإيران»): is the name at `span` right after one of kb
/// `state_party_markers`?
fn after_party_marker(ntext: &[char], span: Span, rules: &rasid_kb::RecognitionRules) -> bool {
    let from = nth_word_back(ntext, span.start, PARTY_MARKER_WORDS);
    let before: String = ntext[from..span.start.min(ntext.len())].iter().collect();
    let before = before.trim_end_matches(|c: char| !is_letter(c));
    let end = before.chars().count();
    rules
        .state_party_markers
        .find(before)
        .iter()
        .any(|m| m.end == end)
}

/// The country a place name of the gazetteer stands for: `dominant` if it has a place of
/// that name, else the one country of the name's sizeable places, if one.
fn country_of_place_name<'k>(
    m: &crate::DocMatch,
    dominant: Option<&'k str>,
    kb: &'k Kb,
) -> Option<&'k str> {
    let places = || {
        kb.places
            .candidates(m.payload)
            .iter()
            .filter_map(|&i| kb.places.get(i))
    };
    if let Some(d) = dominant.filter(|d| places().any(|p| p.country == *d)) {
        return Some(d);
    }
    let mut sizeable = places()
        .filter(|p| crate::places::is_sizeable(p))
        .map(|p| p.country.as_str());
    let first = sizeable.next()?;
    sizeable.all(|c| c == first).then_some(first)
}

/// How far into a sentence its frame («وفي الكويت،», «الرياض - واس:») may reach, in chars.
const FRAME_CHARS: usize = 40;

/// The normalised words after `end`, up to `n` of them, within the sentence.
pub(crate) fn words_after(ntext: &[char], end: usize, n: usize) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut i = end;
    while out.len() < n && i < ntext.len() {
        let c = ntext[i];
        if matches!(c, '.' | '،' | '؛' | '\n' | '؟' | '!' | ',') {
            break;
        }
        if is_letter(c) {
            let s = i;
            while i < ntext.len() && is_letter(ntext[i]) {
                i += 1;
            }
            out.push((ntext[s..i].iter().collect(), Span { start: s, end: i }));
        } else {
            i += 1;
        }
    }
    out
}

/// The rule of a state named by the adjective of an act: the act's doer.
pub(crate) const DEMONYM_OF_ACT: &str = "actor:demonym+act";
/// The rule of a state named by the adjective of an office: its holder serves the state.
pub(crate) const DEMONYM_OF_OFFICE: &str = "actor:demonym+office";
/// The rule of a state named by the adjective of a force or a craft.
const DEMONYM_OF_FORCE: &str = "actor:demonym+force";
/// The rule of a state named by the adjective of its men («ضابط تركي»): its side, acted on.
pub(crate) const DEMONYM_OF_PERSONNEL: &str = "actor:demonym+personnel";

/// Mentions of states by their adjective in the article's `blocks` (see
/// [`crate::demonyms`]). A dictionary name overlapping the phrase wins («القوات التركية»
/// is Turkey's forces in the dictionary), except the state's own name as that adjective
/// («الغارات السعودية»), which is taken out of `raw`.
fn demonym_mentions(
    matches: &DocMatches,
    blocks: &[Span],
    raw: &mut Vec<(Span, Span, &NameTarget)>,
) -> Vec<Found> {
    let acts = DocMatches::within(&matches.demonym_acts, blocks);
    let forces = DocMatches::within(&matches.demonym_forces, blocks);
    let offices = DocMatches::within(&matches.demonym_offices, blocks);
    let personnel = DocMatches::within(&matches.demonym_personnel, blocks);
    let mut out = Vec::new();
    for (m, rule) in acts
        .iter()
        .map(|m| (m, DEMONYM_OF_ACT))
        .chain(forces.iter().map(|m| (m, DEMONYM_OF_FORCE)))
        .chain(offices.iter().map(|m| (m, DEMONYM_OF_OFFICE)))
        .chain(personnel.iter().map(|m| (m, DEMONYM_OF_PERSONNEL)))
    {
        let same_state = |t: &NameTarget| *t == NameTarget::Actor(m.payload);
        raw.retain(|(n, _, t)| !(same_state(t) && m.norm.start <= n.start && n.end <= m.norm.end));
        if raw.iter().any(|(n, _, _)| n.overlaps(m.norm)) {
            continue;
        }
        out.push(Found {
            norm: m.norm,
            orig: m.orig,
            actor: m.payload,
            rule,
            locative: false,
            party: false,
        });
    }
    out
}

/// The state actor a country name stands for, if `index` is a state.
fn country_of_state(dict: &ActorDictionary, index: usize) -> Option<&str> {
    dict.get(index)
        .filter(|a| a.kind == ActorKind::State)
        .and_then(|a| a.countries.first())
        .map(String::as_str)
}

/// The country of the state whose adjective is the word right after `end`, with or without
/// the article («السورية», «تركي»).
fn country_by_adjective<'k>(ntext: &[char], end: usize, kb: &'k Kb) -> Option<&'k str> {
    let after = words_after(ntext, end, 1);
    let (word, _) = after.first()?;
    let n = word.chars().count();
    let state = kb
        .actors
        .demonyms
        .find(word)
        .into_iter()
        .find(|m| m.end == n && (m.start == 0 || word.starts_with("ال") && m.start == 2))?
        .payload;
    country_of_state(&kb.actors, state)
}

/// The state force of `country` among `candidates`: a force, not the state itself nor a
/// city that stands for it.
fn state_force_of(dict: &ActorDictionary, candidates: &[usize], country: &str) -> Option<usize> {
    pick_for_country(dict, candidates, country)
        .filter(|&i| dict.get(i).is_some_and(|a| a.kind == ActorKind::StateForce))
}

/// Pick among `candidates` the one operating in `country`, preferring the most specific.
fn pick_for_country(dict: &ActorDictionary, candidates: &[usize], country: &str) -> Option<usize> {
    candidates
        .iter()
        .copied()
        .filter(|&i| {
            dict.get(i)
                .is_some_and(|a| a.countries.iter().any(|c| c == country))
        })
        .max_by_key(|&i| (depth(dict, i), std::cmp::Reverse(i)))
}

fn depth(dict: &ActorDictionary, i: usize) -> usize {
    let mut d = 0;
    let mut cur = dict.get(i).and_then(|a| a.parent.clone());
    while let Some(p) = cur {
        d += 1;
        if d > 16 {
            break;
        }
        cur = dict.actor(&p).and_then(|a| a.parent.clone());
    }
    d
}

/// The most general candidate: one that the others descend from, else the shallowest.
/// **A branch named apart: the shared name is its parent.** An article that names the
/// branch its country would pick (`by_country`) by a name of its own («ولاية سيناء», «أنصار
/// بيت المقدس») and also writes the name the branch shares with its parent («تبنى تنظيم داعش
/// هجوما … في القاهرة», «بعد مبايعته تنظيم داعش») tells the two apart: the shared name is the
/// parent. None when that branch is not named apart (`named_apart`, from
/// [`branches_named_apart`]) — another country's branch named apart («ولاية خراسان» in a
/// Yemeni article) says nothing of this one.
fn parent_of_branch_named_apart(
    dict: &ActorDictionary,
    candidates: &[usize],
    by_country: usize,
    named_apart: &[usize],
) -> Option<usize> {
    let general = most_general(dict, candidates)?;
    (by_country != general
        && named_apart.contains(&by_country)
        && dict.descends_from(by_country, general))
    .then_some(general)
}

/// The branches an article names by their own names only. A branch any of whose names in
/// the article repeats a word of the names it shares with its parent («القاعدة في جزيرة
/// العرب», «داعش ليبيا», «تنظيم الدولة الإسلامية في ليبيا») is written as the long form of
/// the shared name, which then stands for the branch too: not apart. Words are compared
/// without clitics, the article and `heads` («تنظيم», «ولاية»).
fn branches_named_apart(
    ntext: &[char],
    raw: &[(Span, Span, &NameTarget)],
    dict: &ActorDictionary,
    heads: &std::collections::HashSet<String>,
) -> Vec<usize> {
    let words = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .filter(|w| !heads.contains(*w))
            .map(|w| name_core(w).to_string())
            .filter(|w| !heads.contains(w) && !heads.contains(&format!("ال{w}")))
            .collect()
    };
    let mut apart: Vec<usize> = Vec::new();
    let mut long_form: Vec<usize> = Vec::new();
    for (span, _, t) in raw {
        let NameTarget::Actor(i) = t else { continue };
        let Some(actor) = dict
            .get(*i)
            .filter(|a| a.parent.is_some() && !a.generic.is_empty())
        else {
            continue;
        };
        let shared: Vec<String> = actor
            .generic
            .iter()
            .flat_map(|g| words(&rasid_text::normalize(g)))
            .collect();
        let said: String = ntext
            .get(span.start..span.end)
            .map_or(String::new(), |c| c.iter().collect());
        if words(&said).iter().any(|w| shared.contains(w)) {
            long_form.push(*i);
        } else {
            apart.push(*i);
        }
    }
    apart.retain(|i| !long_form.contains(i));
    apart
}

/// A name's word without its proclitics and article («للقاعدة», «والقاعدة» → «قاعدة»).
fn name_core(word: &str) -> &str {
    ["وال", "بال", "فال", "كال", "لل", "ال", "ول", "ب", "ل", "و"]
        .iter()
        .find_map(|p| {
            word.strip_prefix(p)
                .filter(|rest| rest.chars().count() >= 3)
        })
        .unwrap_or(word)
}

fn most_general(dict: &ActorDictionary, candidates: &[usize]) -> Option<usize> {
    candidates
        .iter()
        .copied()
        .find(|&c| candidates.iter().all(|&o| dict.descends_from(o, c)))
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .min_by_key(|&i| (depth(dict, i), i))
        })
}

/// Recognise the actors of one article (its kept lines `blocks`).
pub fn recognize_actors(
    doc: &[char],
    blocks: &[Span],
    matches: &DocMatches,
    (place_votes, home): (&crate::CountryVotes, Option<&str>),
    kb: &Kb,
) -> Vec<Actor> {
    let dict = &kb.actors;
    let rules = &kb.recognition;
    let ntext: &[char] = &matches.ntext;
    let exclusions = DocMatches::within(&matches.exclusions, blocks);
    // where the document first names each homonym's facility («قاعدة العند»)
    let facilities: Vec<Option<usize>> = rules
        .facility_homonyms
        .iter()
        .map(|h| first_facility(ntext, &h.facility))
        .collect();

    // 1. names in the article, in text order (not inside an exclusion phrase, not a
    // facility's definite form)
    let mut raw: Vec<(Span, Span, &NameTarget)> = Vec::new();
    for m in DocMatches::within(&matches.actor_names, blocks) {
        if exclusions.iter().any(|x| x.norm.overlaps(m.norm))
            || names_a_facility(ntext, &m, &rules.facility_homonyms, &facilities)
            || common_word_use(ntext, m.norm, rules)
        {
            continue;
        }
        if let Some(t) = dict.target(m.payload) {
            // «السورية» (the adjective) is not ال + «سورية» (the state)
            let is_state = matches!(t, NameTarget::Actor(i) if dict.get(*i).is_some_and(|a| a.kind == ActorKind::State));
            if is_state && crate::places::through_stripped_article(ntext, m.norm) {
                continue;
            }
            // «سوري الجنسية», «يمني الأصل»: a nationality, not the state
            if is_state
                && words_after(ntext, m.norm.end, 1)
                    .first()
                    .is_some_and(|(w, _)| rules.nationality_words.contains(w))
            {
                continue;
            }
            if is_state && crate::demonyms::feminine_adjective_after_noun(ntext, m.norm, kb) {
                continue;
            }
            raw.push((m.norm, m.orig, t));
        }
    }

    // a state's adjective after an act or a force («الغارات التركية», «الطيران الحربي
    // التركي»), unless a dictionary name holds the phrase («القوات التركية») — or is that
    // very adjective («الغارات السعودية»)
    let demonyms = demonym_mentions(matches, blocks, &mut raw);

    // 2. the article's countries: named countries and country-specific actors
    let mut country_votes = place_votes.clone();
    for (_, _, t) in &raw {
        if let NameTarget::Actor(i) = t {
            if let Some(a) = dict.get(*i) {
                if let [only] = a.countries.as_slice() {
                    country_votes.add(only);
                }
            }
        }
    }
    let dominant = country_votes.leader(home);

    // the branches the article names only by names of their own (see
    // `parent_of_branch_named_apart`)
    let named_apart = branches_named_apart(ntext, &raw, dict, &rules.group_name_heads);

    // 3. resolve each name
    let mut found: Vec<Found> = Vec::new();
    for (nspan, orig, target) in &raw {
        if names_a_place_after_its_type(ntext, *nspan, target, dict, rules) {
            continue;
        }
        let party = after_party_marker(ntext, *nspan, rules);
        let locative = !party
            && (crate::places::in_locative_phrase(ntext, *nspan, rules)
                || after_a_place_name(ntext, *nspan, &matches.place_names)
                || inside_a_place_name(*nspan, &matches.place_names)
                || joined_by_and(ntext, nspan.start)
                    .is_some_and(|e| found.last().is_some_and(|f| f.locative && f.norm.end == e)));
        let (actor, rule) = match target {
            NameTarget::Actor(i) => (*i, "actor:alias"),
            NameTarget::Shared(candidates) => {
                let qualified = words_after(ntext, nspan.end, rules.qualifier_window_words)
                    .into_iter()
                    .find_map(|(_, wspan)| {
                        raw.iter()
                            .find(|(s, _, _)| s.overlaps(wspan))
                            .and_then(|(_, _, t)| match t {
                                NameTarget::Actor(i) => country_of_state(dict, *i),
                                NameTarget::Shared(_) => None,
                            })
                            .and_then(|c| pick_for_country(dict, candidates, c))
                    });
                // «قوات الامن السورية», «الاجهزة الامنية الاسرائيلية»: a force named with its
                // state's adjective (a city is not: «عمان الأردنية» is Amman, not Jordan)
                let qualified = qualified.or_else(|| {
                    country_by_adjective(ntext, nspan.end, kb)
                        .and_then(|c| state_force_of(dict, candidates, c))
                });
                let in_sentence = || {
                    framing_country(ntext, *nspan, &raw, &matches.place_names, kb)
                        .and_then(|c| state_force_of(dict, candidates, &c))
                };
                let placed_in_sentence = || {
                    placed_country(ntext, *nspan, &matches.place_names, dominant.as_deref(), kb)
                        .and_then(|c| state_force_of(dict, candidates, &c))
                };
                if let Some(i) = qualified {
                    (i, "actor:shared_name+qualifier")
                } else if let Some(i) = in_sentence() {
                    (i, "actor:shared_name+sentence_frame")
                } else if let Some(i) = placed_in_sentence() {
                    (i, "actor:shared_name+sentence_place")
                } else if let Some(i) = dominant
                    .as_deref()
                    .and_then(|c| pick_for_country(dict, candidates, c))
                {
                    match parent_of_branch_named_apart(dict, candidates, i, &named_apart) {
                        Some(p) => (p, "actor:shared_name+branch_named_apart"),
                        None => (i, "actor:shared_name+article_country"),
                    }
                } else if let Some(i) = most_general(dict, candidates).filter(|&i| {
                    // «قوات الأمن» in a Syrian article is not the Saudi forces, «المقاومة»
                    // in a Palestinian one not Yemen's Popular Resistance: a name of another
                    // country's force, or the name only one foreign group bears, stays
                    // unresolved («طالبان» of the Afghan and Pakistani Taliban stays the
                    // parent's anywhere)
                    dominant.as_deref().is_none_or(|c| {
                        dict.get(i).is_none_or(|a| {
                            let home = a.countries.iter().any(|x| x == c);
                            // «حزب العمال», the PKK's in a Turkish or Iraqi article, is
                            // Labour in a British one: a group alone to bear a generic
                            // name has it only where it is at home
                            let lone_group = candidates.len() == 1
                                && !matches!(a.kind, ActorKind::State | ActorKind::StateForce);
                            let bound = a.kind == ActorKind::StateForce || lone_group;
                            !bound || home || (!lone_group && a.countries.len() != 1)
                        })
                    })
                }) {
                    (i, "actor:shared_name+most_general")
                } else {
                    continue;
                }
            }
        };
        found.push(Found {
            norm: *nspan,
            orig: *orig,
            actor,
            rule,
            locative,
            party,
        });
    }

    found.extend(demonyms);

    // 4. group anaphora → the last armed group named before, of the anaphor's head if one
    for m in DocMatches::within(&matches.anaphora, blocks) {
        let (nspan, orig) = (m.norm, m.orig);
        if found.iter().any(|f| f.norm.overlaps(nspan)) {
            continue;
        }
        let groups_before: Vec<&Found> = found
            .iter()
            .filter(|f| f.norm.end <= nspan.start)
            .filter(|f| {
                dict.get(f.actor)
                    .is_some_and(|a| a.kind == ActorKind::ArmedGroup)
            })
            .collect();
        let last =
            |fs: &mut dyn Iterator<Item = &&Found>| fs.max_by_key(|f| f.norm.end).map(|f| f.actor);
        // the anaphor as written on its own: «للتنظيم» is matched as «لتنظيم», its alef elided
        let written: String = m
            .elided
            .chars()
            .chain(ntext[nspan.start..nspan.end].iter().copied())
            .collect();
        // «التنظيم» is the last group called a «تنظيم»: «أسر عناصر تابعة للمليشيات الحوثية،
        // كان التنظيم قد تمكن من أسرهم» is al-Qaeda, named before the Houthis, who are a
        // «جماعة», a «حركة» or a militia, never a «تنظيم»
        let head = rasid_kb::name_head(&written);
        let last_group = last(
            &mut groups_before
                .iter()
                .filter(|f| dict.named_with_head(f.actor, &head)),
        )
        .or_else(|| last(&mut groups_before.iter()));
        if let Some(actor) = last_group {
            found.push(Found {
                norm: nspan,
                orig,
                actor,
                rule: "actor:anaphora",
                locative: false,
                party: false,
            });
        }
    }
    // 4b. head-noun anaphora → the last actor named with that head
    for m in DocMatches::within(&matches.head_anaphora, blocks) {
        if found.iter().any(|f| f.norm.overlaps(m.norm)) || heads_a_longer_name(ntext, m.norm) {
            continue;
        }
        if let Some(actor) = last_with_head(&found, ntext, m.norm) {
            found.push(Found {
                norm: m.norm,
                orig: m.orig,
                actor,
                rule: "actor:head_anaphora",
                locative: false,
                party: false,
            });
        }
    }
    found.sort_by_key(|f| f.orig.start);

    // 5. group by actor; states need enough non-locative mentions
    let mut order: Vec<usize> = Vec::new();
    let mut mentions: HashMap<usize, Vec<&Found>> = HashMap::new();
    for f in &found {
        if !mentions.contains_key(&f.actor) {
            order.push(f.actor);
        }
        mentions.entry(f.actor).or_default().push(f);
    }
    let mut out = Vec::new();
    for i in order {
        let Some(a) = dict.get(i) else { continue };
        let ms = &mentions[&i];
        // a state whose act or force is named by its adjective acts: once is enough (an
        // office's adjective, «وزير الخارجية الإيطالي», counts as any other mention; its men,
        // «بينهم جندي أفغاني», do not make it a party of an article that names it no more)
        let by_adjective = ms
            .iter()
            .any(|f| f.rule == DEMONYM_OF_ACT || f.rule == DEMONYM_OF_FORCE || f.party);
        let counted = ms
            .iter()
            .filter(|f| !f.locative && f.rule != DEMONYM_OF_PERSONNEL)
            .count();
        if a.kind == ActorKind::State && !by_adjective && counted < rules.min_state_mentions {
            continue;
        }
        out.push(Actor {
            id: a.id.clone(),
            kind: a.kind,
            name_ar: a.name_ar.clone(),
            name_en: Some(a.name_en.clone()),
            affiliation: None,
            role: None,
            mentions: ms
                .iter()
                .map(|f| Mention {
                    text: doc[f.orig.start..f.orig.end.min(doc.len())]
                        .iter()
                        .collect(),
                    start: f.orig.start,
                    end: f.orig.end,
                    // a state named as a place («في اليمن») is not acting there
                    rule: if a.kind == ActorKind::State && f.locative {
                        format!("{}+locative", f.rule)
                    } else {
                        f.rule.to_string()
                    },
                })
                .collect(),
        });
    }
    out
}
