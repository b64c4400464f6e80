//! Names the statistical tagger found (`person:ner`), admitted into the article's persons
//! where no rule found a name, and only when their words can make a person's name.
//!
//! The tagger reads shapes and contexts; it also tags «طائرات اف» or «بريد إلكتروني» after a
//! verb of speech. A tagged span is kept only when every word of it can be part of a name:
//! no punctuation, no stop word or cue word, no actor's name, no word that is never in a
//! name (`not_name_words`), no plural noun that is not a known given name.

use rasid_text::{Clitic, Span, TokenKind};

use super::block::{Block, TANWEEN};
use super::FoundName;

/// The token range `[start, end)` of `block` that `span` (document chars) covers, if it
/// lies inside the block.
fn token_range(block: &Block, span: Span) -> Option<(usize, usize)> {
    let start = block.toks.iter().position(|t| t.span.end > span.start)?;
    let end = block.toks.iter().rposition(|t| t.span.start < span.end)? + 1;
    (start < end).then_some((start, end))
}

/// Can token `i` be a word of a name the tagger found? The first word may carry a
/// proclitic («وأحمد»: the span starts after it). After the first word, a known given
/// name that is also a function word stays («محمد علي»: «علي» is also «على»).
fn can_be_name_word(block: &Block, i: usize, first: bool) -> bool {
    let t = &block.toks[i];
    let pp = block.pp;
    if t.kind != TokenKind::Word || block.actor_at(i).is_some() {
        return false;
    }
    let given = pp.given_names.contains(&t.norm) || pp.given_names.contains(&t.stem_norm);
    let stem = t.stem_norm.as_str();
    let cue = (pp.stop_words.contains(stem) || pp.stop_words.contains(&t.norm))
        && (first || !given)
        || pp.trigger_words.contains(stem)
        || pp.trigger_words.contains(&t.norm);
    let never = pp.not_name_words.contains(stem) || pp.not_name_words.contains(&t.norm);
    // «طائرات», «المسلحين»: a plural noun, unless a known given name ends like one
    let plural = pp.plural_endings.ends(stem) && !given;
    // «إرهابيا», «عسكريا»: an accusative nisba is an adverb or an adjective
    let accusative = stem.ends_with("يا") && stem.chars().count() >= 5 && !given;
    // «أباً مكلوماً», «إعجاباً»: a word written with tanween is an indefinite noun or an
    // adjective, never a name
    let tanween = t.text.contains(TANWEEN);
    // «اختيار منصور زعيما»: a role in the accusative after a name (kb `leads_after_name`)
    let role_after = pp.leads_after_name.contains(&t.norm) || pp.leads_after_name.contains(stem);
    !(cue || never || plural || accusative || tanween || role_after)
}

/// «قياديان أفغانيان», «قابلتان قانونيتان»: a dual noun with its dual adjective, not a name.
/// Every word ends in the dual «ان» and the first is no known given name («عثمان»).
fn dual_phrase(block: &Block, start: usize, end: usize) -> bool {
    end - start >= 2
        && !block.pp.given_names.contains(&block.toks[start].stem_norm)
        && (start..end).all(|i| block.toks[i].stem_norm.ends_with("ان"))
}

/// How many letters of conjunction or preposition are glued before the first word of a
/// tagged name («وعبد العزيز», «بعبدالحكيم»): none when the whole word is a known given name
/// («وليد», «بسام»), and only when what is left opens a name — a known given name, a kunya
/// head or a compound joiner («عبد»): the split of a foreign name is a guess («فرحان» is no «ف» +
/// «رحان»).
fn glued_before_name(block: &Block, start: usize) -> usize {
    let t = &block.toks[start];
    let pp = block.pp;
    if pp.given_names.contains(&t.norm) {
        return 0;
    }
    let glued = t
        .proclitics
        .iter()
        .take_while(|c| {
            matches!(
                c,
                Clitic::Wa | Clitic::Fa | Clitic::Bi | Clitic::Li | Clitic::Ka
            )
        })
        .count();
    let rest: String = t.norm.chars().skip(glued).collect();
    let opens_a_name = pp.given_names.contains(&rest)
        || pp.kunya_heads.contains(&rest)
        || pp
            .compound_joiners
            .iter()
            .any(|j| rest.starts_with(j.as_str()));
    if opens_a_name {
        glued
    } else {
        0
    }
}

/// «بمعهد بروكنجز»: a facility's head after a glued preposition opens no name.
fn facility_after_preposition(block: &Block, start: usize) -> bool {
    let t = &block.toks[start];
    t.proclitics
        .first()
        .is_some_and(|c| matches!(c, Clitic::Bi | Clitic::Li))
        && block.pp.facility_heads.contains(&t.stem_norm)
}

/// The tagger's names in `block` (`tagged`: document spans, any order) that no rule found
/// and whose words can make a name, as names found by rule `person:ner`. A one-word span
/// is left out: alone, a given name or a surname is as often a place, a word or a
/// mention of a person named in full elsewhere (which the surname rules find).
pub(super) fn tagged_names(block: &Block, tagged: &[Span], found: &[FoundName]) -> Vec<FoundName> {
    let mut out: Vec<FoundName> = Vec::new();
    for &span in tagged {
        let Some((start, end)) = token_range(block, span) else {
            continue;
        };
        let inside = block.toks[start].span.start >= span.start.saturating_sub(3)
            && block.toks[end - 1].span.end <= span.end;
        let overlaps = |f: &FoundName| f.start < end && start < f.end;
        if !inside
            || end - start < 2
            || dual_phrase(block, start, end)
            || found.iter().any(overlaps)
            || out.iter().any(overlaps)
            || !(start..end).all(|i| can_be_name_word(block, i, i == start))
        {
            continue;
        }
        if facility_after_preposition(block, start) {
            continue;
        }
        let glued = glued_before_name(block, start);
        let first = &block.toks[start];
        let mut name = FoundName::new(start, end, "person:ner");
        // the tagger's span may take in a joining «و» («وأبو همام») or a glued preposition
        name.exact = Some(Span {
            start: span
                .start
                .max(block.start_of_name(start))
                .max(first.span.start + glued),
            end: span.end,
        });
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::Text;
    use super::*;

    /// The tagger's spans given by their text (first occurrence), run through the gate.
    fn admitted(sentence: &str, spans: &[&str]) -> Vec<String> {
        admitted_with(sentence, spans, &[])
    }

    /// Like [`admitted`], with actors named in the sentence.
    fn admitted_with(sentence: &str, spans: &[&str], groups: &[(&str, &str)]) -> Vec<String> {
        let t = Text::new(sentence, groups);
        let block = t.block();
        let chars: Vec<char> = sentence.chars().collect();
        let tagged: Vec<Span> = spans
            .iter()
            .filter_map(|s| {
                let at = sentence.find(s)?;
                let start = sentence[..at].chars().count();
                Some(Span {
                    start,
                    end: start + s.chars().count(),
                })
            })
            .collect();
        tagged_names(&block, &tagged, &[])
            .iter()
            .map(|f| {
                let s = f.exact.unwrap_or(Span { start: 0, end: 0 });
                chars[s.start..s.end].iter().collect()
            })
            .collect()
    }

    #[test]
    fn a_name_the_rules_miss_is_admitted() {
        assert_eq!(
            admitted("وقال سالوبيك بيترسن إن الوضع صعب.", &["سالوبيك بيترسن"]),
            ["سالوبيك بيترسن"]
        );
    }

    #[test]
    fn a_glued_preposition_is_cut_only_before_a_known_name_and_no_facility_is_a_person() {
        let s = "وقال الباحث بمعهد بروكنجز إن اللقاء جمع فرحان الجاسم بعبدالحكيم بلحاج.";
        assert_eq!(
            admitted(s, &["بمعهد بروكنجز", "فرحان الجاسم", "بعبدالحكيم بلحاج"]),
            ["فرحان الجاسم", "عبدالحكيم بلحاج"]
        );
    }

    #[test]
    fn a_joining_wa_before_a_known_name_is_cut_and_tanween_words_are_no_name() {
        let s =
            "وضم الوفد اللواء علي الأحمدي، ومحمد الشدادي نائب رئيس المجلس، وخلفت أطفالاً وأباً مكلوماً.";
        assert_eq!(
            admitted(s, &["ومحمد الشدادي", "وأباً مكلوماً"]),
            ["محمد الشدادي"]
        );
    }

    #[test]
    fn a_role_in_the_accusative_after_a_name_is_no_name_word() {
        let s = "وأعلنت الحركة اختيار منصور زعيما جديدا لها.";
        assert!(admitted(s, &["منصور زعيما"]).is_empty());
    }

    #[test]
    fn things_and_plural_nouns_are_not_persons() {
        let s = "وشنت طائرات اف 16 غارات، وأرسل بريد إلكتروني إلى طائرتان حربيتان، ونفذ هجوما إرهابيا على الموقع.";
        let spans = [
            "طائرات اف",
            "بريد إلكتروني",
            "طائرتان حربيتان",
            "إرهابيا على",
        ];
        assert!(admitted(s, &spans).is_empty(), "{:?}", admitted(s, &spans));
    }

    #[test]
    fn a_dual_noun_phrase_and_a_lone_word_are_not_persons() {
        let s = "وقتل قياديان أفغانيان، وقال سمير إن الوضع هادئ.";
        assert!(
            admitted(s, &["قياديان أفغانيان", "سمير"]).is_empty(),
            "{:?}",
            admitted(s, &["قياديان أفغانيان", "سمير"])
        );
    }

    #[test]
    fn an_actor_name_is_not_a_person() {
        let s = "وقال تنظيم داعش في بيان.";
        assert!(admitted_with(s, &["داعش"], &[("تنظيم داعش", "islamic_state")]).is_empty());
    }
}
