//! The rules that find a name in a block, one function each, in the order
//! [`super::recognize_persons`] runs them. Each takes the block (and its cues) and gives
//! the names it finds as token ranges with the rule's name.

use std::cmp::Reverse;

use rasid_kb::PersonTrigger;
use rasid_text::{Clitic, TokenKind};

use super::block::Block;
use super::cues::{Cue, Cues};
use super::FoundName;

/// How far back from a name its facility's head may stand, in tokens («مسجد الإمام علي بن
/// أبي طالب»: four before «أبي طالب»).
const MAX_FACILITY_NAME_TOKENS: usize = 5;

/// Where the name after a title or noun starts: past up to two nationality adjectives or
/// qualifiers («الرئيس اليمني السابق …», «وزيرة الخارجية الكرواتية فيسنا بوسيتش»), unless
/// the word after them cannot be in a name.
fn past_nationality(block: &Block, after: usize) -> usize {
    let pp = block.pp;
    let nisba = |i: usize| {
        block.toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.proclitics.contains(&Clitic::Al)
                && ((t.norm.ends_with('ي') || t.norm.ends_with("يه"))
                    || pp.affiliation_words.contains(&t.norm))
                && !pp.given_names.contains(&t.norm)
        })
    };
    let mut start = after;
    while start < after + 2 && nisba(start) && block.is_word(start + 1) {
        start += 1;
    }
    if start > after && block.blocks_name(start) {
        start = after;
    }
    start
}

/// **Name after a title** (`titles`: ranks and honorifics), rule `person:title`.
///
/// Why: after «العميد», «الشيخ», «وزير الخارجية» the next words are a name even when no
/// list knows them, so an unknown first name counts.
///
/// Example: «قال العقيد ميلود الزوي إن …» → «ميلود الزوي».
pub(super) fn name_after_title(block: &Block, cue: &Cue) -> Option<FoundName> {
    let start = past_nationality(block, cue.after);
    let end = block.capture_after_title(start)?;
    Some(FoundName::new(start, end, "person:title"))
}

/// **A title's name never opens with another cue**: «ولي ولي العهد وزير الدفاع» chains
/// titles; the words after «ولي العهد» are the next title, not a name. Drops names found
/// after a title (`person:title`) that start where another cue starts.
pub(super) fn drop_titles_taken_for_names(cues: &Cues, names: &mut Vec<FoundName>) {
    names.retain(|n| n.rule != "person:title" || !cues.phrases.iter().any(|c| c.start == n.start));
}

/// **Name after a noun of occupation** (`person_nouns`), rule `person:noun`.
///
/// Why: «الصحافي», «الرهينة» are ordinary nouns too, so the name after them (past a
/// nationality) must open with a known given name or a kunya.
///
/// Example: «أفرج الخاطفون عن الصحافي الأمريكي جيمس رايت» → «جيمس رايت».
pub(super) fn name_after_noun(block: &Block, cue: &Cue) -> Option<FoundName> {
    let start = past_nationality(block, cue.after);
    let end = block.capture(start, false)?;
    Some(FoundName::new(start, end, "person:noun"))
}

/// **Name after a role and its affiliation** (`leads`, `members`), rules
/// `person:role_leads` and `person:role_member`.
///
/// Why: a role word is followed by the group and then the person («أمير تنظيم …»); the
/// group named between them is the person's, led or served.
///
/// Example: «أمير تنظيم قاعدة المغرب عبد المالك دروكدال» → «عبد المالك دروكدال», who
/// leads the group named between.
pub(super) fn name_after_role(block: &Block, cue: &Cue) -> Option<FoundName> {
    let (start, group) = block.skip_affiliation(cue.after);
    let (rule, role) = if cue.kind == PersonTrigger::Leads {
        ("person:role_leads", "leads")
    } else {
        ("person:role_member", "member")
    };
    name_with_group(block, cue, start, group, rule, role)
}

/// **Name after a verb of leading** (`leads_previous`), rule `person:role_leads`.
///
/// Why: «الذي يقوده», «التي يتزعمها» say that the person after them leads the group named
/// right before.
///
/// Example: «جبهة ثوار سوريا التي كان يتزعمها جمال معروف» → «جمال معروف» leads «جبهة ثوار
/// سوريا».
pub(super) fn name_after_leading_verb(block: &Block, cue: &Cue) -> Option<FoundName> {
    let group = block.group_before(cue.after - 1);
    name_with_group(block, cue, cue.after, group, "person:role_leads", "leads")
}

/// **Name after a role with a pronoun** (`leads_antecedent`), rule `person:role_leads`.
///
/// Why: in «مؤسسيه», «زعيمها» the pronoun refers to the group named last before it in the
/// sentence, which the person after the role leads.
///
/// Example: «وكان تنظيم جند الخلافة قد أعلن على لسان أحد أبرز مؤسسيه عثمان العاصمي …» →
/// «عثمان العاصمي» leads «جند الخلافة».
pub(super) fn name_after_role_pronoun(block: &Block, cue: &Cue) -> Option<FoundName> {
    let group = block.antecedent_group(cue.after - 1);
    name_with_group(block, cue, cue.after, group, "person:role_leads", "leads")
}

/// The name starting at `start` after a role, with the role's group. After a spokesman's
/// organisation («المتحدث باسم الشرطة التشادية بول مانغا») the name may be one no list knows,
/// as after a title.
fn name_with_group(
    block: &Block,
    cue: &Cue,
    start: usize,
    group: Option<String>,
    rule: &'static str,
    role: &'static str,
) -> Option<FoundName> {
    let spokesman = group.is_some()
        && block.toks[..cue.after]
            .iter()
            .rev()
            .take(2)
            .any(|t| block.pp.spokesman_words.contains(&t.stem_norm));
    let end = block.capture(start, true).or_else(|| {
        spokesman
            .then(|| block.capture_after_title(start))
            .flatten()
    })?;
    Some(FoundName {
        role: group.as_ref().map(|_| role),
        affiliation: group,
        ..FoundName::new(start, end, rule)
    })
}

/// **Kunya anywhere** (`kunya_heads`, `glued_kunya_heads`), rule `person:kunya`.
///
/// Why: «أبو» or «أم» followed by a name part is a person wherever it stands, unless a name
/// found by a cue already covers it; «أم» («or») only before a known given name.
///
/// Example: «وقاد المفاوضات أبومصعب الصنعاني» → «أبومصعب الصنعاني».
pub(super) fn kunyas(block: &Block, found: &mut Vec<FoundName>) {
    for i in 0..block.toks.len() {
        if (block.is_kunya_head(i) || block.is_glued_kunya(i))
            && !block.common_word_kunya_head(i)
            && !found.iter().any(|f| f.start <= i && i < f.end)
        {
            if let Some(end) = block.capture(i, false) {
                found.push(FoundName::new(i, end, "person:kunya"));
            }
        }
    }
}

/// **Name before its role** (`name_openers`, then `leads` or `members`), rule
/// `person:before_role`.
///
/// Why: news often opens with the speaker's name and gives the role after it; after a
/// speech verb, «بحسب» or «لكن», two to four name-like words right before a role are a
/// person.
///
/// Example: «وقال صباح النعماني، المتحدث باسم جهاز مكافحة الإرهاب، إن …» →
/// «صباح النعماني».
pub(super) fn names_before_roles(block: &Block, cues: &Cues, found: &mut Vec<FoundName>) {
    for cue in &cues.phrases {
        let leads = match cue.kind {
            PersonTrigger::Leads => true,
            PersonTrigger::Member => false,
            _ => continue,
        };
        // «الأمني» is a role word and an adjective («وفي الشأن الأمني»)
        if block
            .toks
            .get(cue.start)
            .is_some_and(|t| block.pp.affiliation_words.contains(&t.norm))
        {
            continue;
        }
        let Some((start, end)) = block.name_before_role(cue.start) else {
            continue;
        };
        if found.iter().any(|f| f.start < end && start < f.end) {
            continue;
        }
        let group = block.skip_affiliation(cue.after).1;
        found.push(FoundName {
            role: group
                .as_ref()
                .map(|_| if leads { "leads" } else { "member" }),
            affiliation: group,
            ..FoundName::new(start, end, "person:before_role")
        });
    }
}

/// **Overlapping names: the longest wins**; of two with the same extent, the one with a
/// group, else the one found first.
///
/// Why: a role and a title, or a pattern and a known name, may find the same person.
///
/// Example: in «زعيم تنظيم داعش الشيخ أبو بكر البغدادي» the role and the title both find
/// «أبو بكر البغدادي»; the name found after the role, with its group, is kept.
pub(super) fn keep_longest(found: &mut Vec<FoundName>) {
    found.sort_by_key(|f| (f.start, Reverse(f.end), f.affiliation.is_none()));
    found.dedup_by(|b, a| b.start < a.end); // drop overlaps, keep the first (longest)
}

/// **A name after a facility's head names the facility** (`facility_heads`,
/// `facility_honorifics`): going back from the name over name parts and honorifics, a
/// facility's head in construct («مسجد», «مستشفى», «شارع»; with a preposition, «بمسجد»;
/// never with the article) drops it.
///
/// Why: mosques, hospitals, schools and streets bear the names of the dead and of kings;
/// the bombing of a mosque is no act of, or on, the caliph it is named after.
///
/// Example: «استهداف المصلين بمسجد الإمام علي بن أبي طالب» and «بمسجد الحسين بن علي» give
/// no person; «قال مدير مستشفى الثورة أحمد محمد» still gives Ahmad Muhammad («الثورة» is
/// neither).
pub(super) fn drop_facility_names(block: &Block, found: &mut Vec<FoundName>) {
    found.retain(|f| !in_a_facilitys_name(block, f.start));
}

/// **A name right after a place's type word names the place** (`place_heads`): going back
/// from the name over honorifics only, a type word in construct («ناحية», «قرية», «بمنطقة»;
/// never with the article) drops it.
///
/// Why: towns and districts bear the names of people and families («خان بني سعد», «أبو
/// العراج», «السيدة زينب»), and the statistical tagger reads them as persons.
///
/// Example: «التفجير الذي استهدف ناحية خان بني سعد» and «في منطقة السيدة زينب» give no
/// person; «قال قائمقام قضاء الرمادي دلف الكبيسي» still gives Dalaf al-Kubaisi (the place's
/// own name stands between).
pub(super) fn drop_place_names(block: &Block, found: &mut Vec<FoundName>) {
    found.retain(|f| !after_a_place_head(block, f.start));
}

/// Does the name opening at token `start` follow a place's type word, honorifics only
/// between?
fn after_a_place_head(block: &Block, start: usize) -> bool {
    let pp = block.pp;
    let before = (0..start).rev().take(MAX_FACILITY_NAME_TOKENS);
    for i in before {
        let t = &block.toks[i];
        if t.kind != TokenKind::Word {
            return false;
        }
        if pp.place_heads.contains(&t.stem_norm) || pp.place_heads.contains(&t.norm) {
            return !t.proclitics.contains(&Clitic::Al);
        }
        if !pp.facility_honorifics.contains(&t.norm) {
            return false;
        }
    }
    false
}

/// Does the name opening at token `start` stand in a facility's name?
fn in_a_facilitys_name(block: &Block, start: usize) -> bool {
    let pp = block.pp;
    let mut i = start;
    while i > 0 && start - i < MAX_FACILITY_NAME_TOKENS {
        i -= 1;
        let t = &block.toks[i];
        if t.kind != TokenKind::Word {
            return false;
        }
        // the head of a name stands in construct, without the article: «تنظيم القاعدة أبو
        // عمر» or «باسم المركز رأفت الصباغ» is a group or an office and then a person
        let head = pp.facility_heads.contains(&t.stem_norm) || pp.facility_heads.contains(&t.norm);
        if head && !t.proclitics.contains(&Clitic::Al) {
            return true;
        }
        if !(pp.facility_honorifics.contains(&t.norm) || block.known_part(i)) {
            return false;
        }
    }
    false
}

/// **A name stops at a word no name holds** (`not_name_words`): the name found by a rule
/// is cut before the first such word, and dropped when fewer than two words are left or
/// the first word is one; a known person's name found by a pattern keeps its words before
/// it.
///
/// Why: a title or a role reads the words after it as a name up to a boundary, and a
/// noun without a proclitic is no boundary: the name runs on into the sentence.
///
/// Example: «رئيس البرلمان أسامة النجيفي الحكومة …» → «أسامة النجيفي»; «السيدة زينب قرب
/// دمشق» gives no person.
pub(super) fn cut_at_non_name_words(block: &Block, found: &mut Vec<FoundName>) {
    let never = |i: usize| {
        let t = &block.toks[i];
        block.pp.not_name_words.contains(&t.stem_norm) || block.pp.not_name_words.contains(&t.norm)
    };
    found.retain_mut(|f| {
        if f.exact.is_some() {
            return true;
        }
        let Some(cut) = (f.start..f.end).find(|&i| never(i)) else {
            return true;
        };
        if f.known.is_some() {
            // a known person's name a pattern found with a word after it («الرئيس محمود
            // عباس الجمعة»): the words before that one
            if cut > f.start {
                f.end = cut;
            }
            return true;
        }
        f.end = cut;
        f.end >= f.start + 2
    });
}

/// **Another name of the same person** (`alias_introducers`, or in quotes right after the
/// name), mention rule `person:alias`.
///
/// Why: the news gives a nom de guerre right after the name; it is the same person, and
/// later mentions may use it.
///
/// Example: «القيادي صالح عبد الكريم، المكنى “أبو دجانة”» → «أبو دجانة» for «صالح عبد
/// الكريم».
pub(super) fn alias_of(block: &Block, cues: &Cues, name: &FoundName) -> Option<(usize, usize)> {
    block.alias_after(name.end, &cues.introducer_ends)
}

#[cfg(test)]
mod tests {
    use rasid_kb::PersonTrigger::{Leads, LeadsAntecedent, LeadsPrevious, Member, Noun, Title};

    use super::*;
    use crate::persons::testing::Text;

    /// A name as the tests compare it: its words, the rule, the group.
    type Named = (String, &'static str, Option<String>);

    fn named(words: &str, rule: &'static str, group: Option<&str>) -> Named {
        (words.to_string(), rule, group.map(str::to_string))
    }

    fn found(text: &Text, names: &[FoundName]) -> Vec<Named> {
        let block = text.block();
        let words = |f: &FoundName| text.words(&block, f.start, f.end);
        names
            .iter()
            .map(|f| (words(f), f.rule, f.affiliation.clone()))
            .collect()
    }

    /// The names `rule` finds after the cues of `kinds` in `text`, where `groups` are
    /// named.
    fn after_cues(
        text: &str,
        groups: &[(&str, &str)],
        kinds: &[PersonTrigger],
        rule: fn(&Block, &Cue) -> Option<FoundName>,
    ) -> Vec<Named> {
        let t = Text::new(text, groups);
        let block = t.block();
        let cues = Cues::find(&block);
        let names: Vec<FoundName> = cues
            .phrases
            .iter()
            .filter(|c| kinds.contains(&c.kind))
            .filter_map(|c| rule(&block, c))
            .collect();
        found(&t, &names)
    }

    #[test]
    fn a_title_opens_a_name_no_list_knows() {
        let text = "قال العقيد ميلود الزوي إن القوات سيطرت على المدينة.";
        assert_eq!(
            after_cues(text, &[], &[Title], name_after_title),
            [named("ميلود الزوي", "person:title", None)]
        );
    }

    #[test]
    fn a_noun_of_occupation_passes_the_nationality_to_a_known_given_name() {
        let text = "أفرج الخاطفون عن الصحافي الأمريكي جيمس رايت بعد شهور.";
        assert_eq!(
            after_cues(text, &[], &[Noun], name_after_noun),
            [named("جيمس رايت", "person:noun", None)]
        );
    }

    #[test]
    fn a_noun_of_occupation_before_an_unknown_word_is_no_name() {
        let text = "وصل الطبيب المناوب إلى المستشفى متأخرا.";
        assert!(after_cues(text, &[], &[Noun], name_after_noun).is_empty());
    }

    #[test]
    fn a_role_gives_the_group_named_before_the_name() {
        let text = "تبنى الهجوم أمير تنظيم قاعدة المغرب عبد المالك دروكدال.";
        assert_eq!(
            after_cues(
                text,
                &[("قاعدة المغرب", "aqim")],
                &[Leads, Member],
                name_after_role
            ),
            [named(
                "عبد المالك دروكدال",
                "person:role_leads",
                Some("aqim")
            )]
        );
    }

    #[test]
    fn a_member_role_names_a_member() {
        let text = "قتل القيادي في تنظيم جند الخلافة عمر عبيد البكري في اشتباك.";
        let group = ("جند الخلافة", "jund_al_khilafa");
        assert_eq!(
            after_cues(text, &[group], &[Leads, Member], name_after_role),
            [named(
                "عمر عبيد البكري",
                "person:role_member",
                Some(group.1)
            )]
        );
    }

    #[test]
    fn a_verb_of_leading_gives_the_group_right_before() {
        let text = "انسحبت جبهة ثوار سوريا التي كان يتزعمها جمال معروف من المنطقة.";
        let group = ("جبهة ثوار سوريا", "syrian_revolutionaries_front");
        assert_eq!(
            after_cues(text, &[group], &[LeadsPrevious], name_after_leading_verb),
            [named("جمال معروف", "person:role_leads", Some(group.1))]
        );
    }

    #[test]
    fn a_role_pronoun_refers_to_the_group_named_last_in_the_sentence() {
        let text = "وكان تنظيم جند الخلافة قد أعلن على لسان أحد أبرز مؤسسيه عثمان العاصمي مبايعته.";
        let group = ("جند الخلافة", "jund_al_khilafa");
        assert_eq!(
            after_cues(text, &[group], &[LeadsAntecedent], name_after_role_pronoun),
            [named("عثمان العاصمي", "person:role_leads", Some(group.1))]
        );
    }

    #[test]
    fn a_spokesman_s_name_may_be_one_no_list_knows() {
        let text = "وقال المتحدث باسم الشرطة التشادية بول مانغا إن الهجوم فشل.";
        let group = ("الشرطة التشادية", "chad_police");
        assert_eq!(
            after_cues(text, &[group], &[Leads, Member], name_after_role),
            [named("بول مانغا", "person:role_member", Some(group.1))]
        );
    }

    #[test]
    fn a_kunya_is_a_name_anywhere_even_glued() {
        let t = Text::new(
            "وقاد المفاوضات أبومصعب الصنعاني وحضرها أبو عمر النهدي.",
            &[],
        );
        let mut names = Vec::new();
        kunyas(&t.block(), &mut names);
        assert_eq!(
            found(&t, &names),
            [
                named("أبومصعب الصنعاني", "person:kunya", None),
                named("أبو عمر النهدي", "person:kunya", None)
            ]
        );
    }

    #[test]
    fn a_name_may_stand_before_its_role_after_a_speech_verb() {
        let text = "وقال صباح النعماني، المتحدث باسم جهاز مكافحة الإرهاب، إن العملية انتهت.";
        let t = Text::new(text, &[("جهاز مكافحة الإرهاب", "iraq_cts")]);
        let block = t.block();
        let mut names = Vec::new();
        names_before_roles(&block, &Cues::find(&block), &mut names);
        assert_eq!(
            found(&t, &names),
            [named(
                "صباح النعماني",
                "person:before_role",
                Some("iraq_cts")
            )]
        );
    }

    #[test]
    fn of_two_names_with_one_extent_the_one_with_a_group_is_kept() {
        let text = "ظهر زعيم تنظيم داعش الشيخ أبو بكر البغدادي.";
        let t = Text::new(text, &[("داعش", "isis")]);
        let block = t.block();
        let by_cue = |c: &Cue| match c.kind {
            Title => name_after_title(&block, c),
            Leads | Member => name_after_role(&block, c),
            _ => None,
        };
        let mut names: Vec<FoundName> = Cues::find(&block)
            .phrases
            .iter()
            .filter_map(by_cue)
            .collect();
        assert_eq!(names.len(), 2, "{:?}", found(&t, &names));
        keep_longest(&mut names);
        assert_eq!(
            found(&t, &names),
            [named("أبو بكر البغدادي", "person:role_leads", Some("isis"))]
        );
    }

    #[test]
    fn an_introduced_alias_follows_the_name() {
        let text = "وحضر القيادي صالح عبد الكريم، المكنى “أبو دجانة”، الاجتماع.";
        let t = Text::new(text, &[]);
        let block = t.block();
        let cues = Cues::find(&block);
        let name = cues
            .phrases
            .iter()
            .find_map(|c| name_after_role(&block, c))
            .expect("a name after the role");
        assert_eq!(t.words(&block, name.start, name.end), "صالح عبد الكريم");
        let (s, e) = alias_of(&block, &cues, &name).expect("an alias");
        assert_eq!(t.words(&block, s, e), "أبو دجانة");
    }

    /// Does a name opening at the first token written `word` of `text` follow a place's
    /// type word?
    fn after_place_head(text: &str, word: &str) -> bool {
        let t = Text::new(text, &[]);
        let block = t.block();
        after_a_place_head(&block, crate::persons::testing::token(&block, word))
    }

    #[test]
    fn a_name_right_after_a_places_type_word_names_the_place() {
        assert!(after_place_head(
            "وقع التفجير في ناحية خان بني سعد أمس.",
            "خان"
        ));
        assert!(after_place_head(
            "وقع التفجير بمنطقة السيدة زينب أمس.",
            "زينب"
        ));
        // the official named after the place he serves
        assert!(!after_place_head(
            "وقال قائمقام قضاء الرمادي دلف الكبيسي إن القوات تقدمت.",
            "دلف"
        ));
        // the article makes a word, not a type word: «المنطقة»
        assert!(!after_place_head("وزار المنطقة سالم الحارثي أمس.", "سالم"));
        // a term of office is no place
        assert!(!after_place_head("خلال ولاية الرئيس باراك أوباما.", "باراك"));
    }
}
