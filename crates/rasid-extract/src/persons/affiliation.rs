//! The group a person leads or belongs to, from the role words around the name: the actor
//! named between a role and the name («أمير تنظيم قاعدة المغرب عبد المالك دروكدال»), or in
//! a role phrase right after the name («…، القيادي في تنظيم X»).

use rasid_kb::PersonTrigger;
use rasid_text::{Clitic, TokenKind};

use super::block::{is_quote, Block};
use super::cues::{Cue, Cues};
use super::FoundName;

/// How many tokens of affiliation may stand between a role and a name.
const MAX_AFFILIATION_TOKENS: usize = 8;

impl Block<'_> {
    /// Is token `i` part of an affiliation between a role and a name: an affiliation word
    /// («تنظيم», «في», «البارز») or a word with the preposition «ب», «ل» or «ك»?
    fn affiliation_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        self.pp.affiliation_words.contains(&t.norm)
            || self.pp.affiliation_words.contains(&t.stem_norm)
            || t.proclitics
                .iter()
                .any(|c| matches!(c, Clitic::Bi | Clitic::Li | Clitic::Ka))
    }

    /// After a role ending at token `r`, skip the affiliation; returns (name start, actor id).
    pub fn skip_affiliation(&self, r: usize) -> (usize, Option<String>) {
        let mut i = r;
        let mut affiliation = None;
        let limit = (r + MAX_AFFILIATION_TOKENS).min(self.toks.len());
        while i < limit {
            if self.starts_name_after_role(i) {
                break;
            }
            if let Some(a) = self.actor_at(i) {
                affiliation.get_or_insert_with(|| a.id.clone());
                i += 1;
                continue;
            }
            let t = &self.toks[i];
            let skippable = t.kind == TokenKind::Word && self.affiliation_word(i);
            if !skippable {
                // one unknown word («مؤسسيه») may stand right before the name
                if i + 1 < self.toks.len()
                    && t.kind == TokenKind::Word
                    && self.starts_name_after_role(i + 1)
                {
                    i += 1;
                }
                break;
            }
            i += 1;
        }
        (i, affiliation)
    }
}

/// A role and its affiliation right before a name found otherwise (a kunya, a known
/// person): «زعيم تنظيم داعش أبو بكر البغدادي», or after a title: «أمير الجماعة الشيخ …».
/// Returns the group and "leads" or "member".
pub(super) fn role_before(
    block: &Block,
    name_start: usize,
    cues: &[Cue],
) -> Option<(String, &'static str)> {
    let mut s = name_start;
    if let Some(title) = cues
        .iter()
        .find(|c| c.kind == PersonTrigger::Title && c.after == s)
    {
        s = title.start;
    }
    if s > 0 && matches!(block.toks[s - 1].text.as_str(), "،" | ",") {
        s -= 1;
    }
    let role = cues
        .iter()
        .filter(|c| {
            !matches!(
                c.kind,
                PersonTrigger::Title | PersonTrigger::AliasIntroducer | PersonTrigger::Noun
            ) && c.after <= s
                && s - c.after <= MAX_AFFILIATION_TOKENS + 2
        })
        .max_by_key(|c| c.after)?;
    match role.kind {
        PersonTrigger::LeadsPrevious if role.after == s => {
            return block.group_before(role.start).map(|g| (g, "leads"));
        }
        PersonTrigger::LeadsAntecedent if role.after == s => {
            return block.antecedent_group(role.start).map(|g| (g, "leads"));
        }
        PersonTrigger::Leads | PersonTrigger::Member => {}
        _ => return None,
    }
    let mut affiliation = None;
    let mut unknown = 0;
    for i in role.after..s {
        let t = &block.toks[i];
        if let Some(a) = block.actor_at(i) {
            affiliation.get_or_insert_with(|| a.id.clone());
            continue;
        }
        if t.kind != TokenKind::Word {
            if is_quote(&t.text) {
                continue;
            }
            return None;
        }
        if block.affiliation_word(i) {
            continue;
        }
        if block.pp.stop_words.contains(&t.stem_norm)
            || block.pp.name_openers.contains(&t.stem_norm)
        {
            return None;
        }
        unknown += 1;
    }
    if unknown > MAX_UNKNOWN_ROLE_WORDS {
        return unit_of_a_force(block, s);
    }
    let leads = if role.kind == PersonTrigger::Leads {
        "leads"
    } else {
        "member"
    };
    affiliation.map(|a| (a, leads))
}

/// How many words no list knows may stand between a role and the name («المسؤول الإعلامي
/// في …»).
const MAX_UNKNOWN_ROLE_WORDS: usize = 3;

/// **A long role ending in its force**: «آمر لواء المغاوير في فرقة المشاة الثامنة في الجيش
/// العراقي العميد الركن عادل مولان», «المسؤول الإعلامي لغرفة عمليات عمر المختار التابعة
/// للجيش الليبي عبدالكريم صبرا». A role phrase too long to read word by word still makes the
/// person a member (of a unit, so not its leader) of the actor that closes it, right before
/// the title or the name at `s`.
fn unit_of_a_force(block: &Block, s: usize) -> Option<(String, &'static str)> {
    let last = s.checked_sub(1)?;
    block.actor_at(last).map(|a| (a.id.clone(), "member"))
}

/// A role phrase right after a name (and its alias): «…، القيادي في تنظيم X», or opening
/// the next sentence: «… قادري، المكنى “أبو حفص”. وهو قيادي في …»; or a role in the
/// accusative: «تعيين الملا أختر منصور زعيما جديدا لها» leads the group named before the
/// name. `start`..`end` is the name with its alias. Returns the group and "leads" or
/// "member".
pub(super) fn role_after(
    block: &Block,
    start: usize,
    end: usize,
) -> Option<(String, &'static str)> {
    let pp = block.pp;
    let toks = &block.toks;
    let mut i = end;
    while i < toks.len() && i < end + 3 && toks[i].kind != TokenKind::Word {
        i += 1;
    }
    if toks.get(i).is_some_and(|t| {
        pp.pronoun_links.contains(&t.norm) || pp.pronoun_links.contains(&t.stem_norm)
    }) {
        i += 1;
    }
    // a one-word role («القيادي») or a two-word one («المتحدث باسم»)
    let one = toks.get(i).map(|t| t.norm.clone());
    let two = match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) if b.kind == TokenKind::Word => Some(format!("{} {}", a.norm, b.norm)),
        _ => None,
    };
    let role = two
        .filter(|w| pp.trigger_words.contains(w))
        .map(|w| (w, i + 2))
        .or_else(|| {
            one.filter(|w| pp.trigger_words.contains(w))
                .map(|w| (w, i + 1))
        });
    match role {
        Some((word, after)) => {
            let group = block.skip_affiliation(after).1?;
            let leads = pp
                .triggers
                .find(&word)
                .iter()
                .any(|m| PersonTrigger::from_payload(m.payload) == Some(PersonTrigger::Leads));
            Some((group, if leads { "leads" } else { "member" }))
        }
        // «… منصور زعيما جديدا لها»: leads the group named before the name
        None if toks
            .get(i)
            .is_some_and(|t| pp.leads_after_name.contains(&t.norm)) =>
        {
            block.antecedent_group(start).map(|g| (g, "leads"))
        }
        None => None,
    }
}

/// **Group from a role before the name**, for a name found without one (a kunya, a known
/// person, a name after a title): see [`role_before`].
pub(super) fn from_role_before(block: &Block, cues: &Cues, name: &mut FoundName) {
    if name.affiliation.is_some() {
        return;
    }
    if let Some((group, role)) = role_before(block, name.start, &cues.phrases) {
        name.affiliation = Some(group);
        name.role = Some(role);
    }
}

/// **Group from a role phrase after the name** (and its alias), for a name still without
/// one: see [`role_after`].
pub(super) fn from_role_after(block: &Block, name: &mut FoundName) {
    if name.affiliation.is_some() {
        return;
    }
    let end = name.alias.map_or(name.end, |(_, e)| e);
    if let Some((group, role)) = role_after(block, name.start, end) {
        name.affiliation = Some(group);
        name.role = Some(role);
    }
}

/// How many words an office may have before its state adjective («مساعد وزير الخارجية
/// الأميركي»).
const MAX_OFFICE_WORDS: usize = 3;

/// **A state's office right before the name**: «وزير الخارجية الإيطالي، باولو جينتيلوني»,
/// «الرئيس الأفغاني أشرف عبد الغني». The name serves the state that the office's adjective
/// names (an `actor:demonym+office` mention ending right before the name, a comma aside); it
/// leads the state when a leading role («الرئيس», «رئيس الوزراء») is in the office and no
/// member's role («نائب الرئيس») is.
pub(super) fn from_office_adjective(block: &Block, name: &mut FoundName) {
    if name.affiliation.is_some() {
        return;
    }
    let mut adjective = name.start;
    if adjective > 0 && matches!(block.toks[adjective - 1].text.as_str(), "،" | ",") {
        adjective -= 1;
    }
    let Some(state) = adjective
        .checked_sub(1)
        .and_then(|i| block.actor_at(i))
        .filter(|a| a.office)
    else {
        return;
    };
    // the office's words, a role word with or without the article («رئيس», «الرئيس»: the
    // article's form is also a title, which says nothing of leading)
    let office = adjective.saturating_sub(1 + MAX_OFFICE_WORDS)..adjective - 1;
    let role_of = |kind: PersonTrigger| {
        block.toks[office.clone()].iter().any(|t| {
            let bare = t.stem_norm.strip_prefix("ال").unwrap_or(&t.stem_norm);
            let len = bare.chars().count();
            block.pp.triggers.find(bare).iter().any(|m| {
                m.start == 0 && m.end == len && PersonTrigger::from_payload(m.payload) == Some(kind)
            })
        })
    };
    let leads = role_of(PersonTrigger::Leads) && !role_of(PersonTrigger::Member);
    name.affiliation = Some(state.id.clone());
    name.role = Some(if leads { "leads" } else { "member" });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persons::testing::{token, Text};

    const JUND: (&str, &str) = ("جند الخلافة", "jund_al_khilafa");

    /// The group of a role after the name from `first` to `last` in `text`.
    fn group_after(
        text: &str,
        group: (&str, &str),
        first: &str,
        last: &str,
    ) -> Option<(String, &'static str)> {
        let t = Text::new(text, &[group]);
        let b = t.block();
        role_after(&b, token(&b, first), token(&b, last) + 1)
    }

    #[test]
    fn the_affiliation_between_a_role_and_a_name_is_skipped() {
        let t = Text::new(
            "قتل القيادي البارز في تنظيم جند الخلافة عمر البكري.",
            &[JUND],
        );
        let b = t.block();
        let (start, group) = b.skip_affiliation(token(&b, "القيادي") + 1);
        assert_eq!(start, token(&b, "عمر"));
        assert_eq!(group.as_deref(), Some("jund_al_khilafa"));
    }

    #[test]
    fn a_role_before_a_kunya_gives_its_group() {
        let text = "وظهر زعيم تنظيم داعش أبو بكر البغدادي.";
        let t = Text::new(text, &[("داعش", "isis")]);
        let b = t.block();
        let cues = Cues::find(&b);
        let group = role_before(&b, token(&b, "أبو"), &cues.phrases);
        assert_eq!(group, Some(("isis".to_string(), "leads")));
    }

    #[test]
    fn a_role_phrase_after_the_name_gives_its_group() {
        let text = "وقال أبو حفص الجزائري، القيادي في تنظيم جند الخلافة، إن التنظيم باق.";
        let group = group_after(text, JUND, "أبو", "الجزائري");
        assert_eq!(group, Some(("jund_al_khilafa".to_string(), "member")));
    }

    #[test]
    fn a_pronoun_link_carries_the_role_into_the_next_sentence() {
        let text = "واعتقل الأمن أبو حفص الجزائري. وهو قيادي في تنظيم جند الخلافة.";
        let group = group_after(text, JUND, "أبو", "الجزائري");
        assert_eq!(group, Some(("jund_al_khilafa".to_string(), "member")));
    }

    #[test]
    fn a_role_in_the_accusative_leads_the_group_named_before_the_name() {
        let text = "أعلنت حركة طالبان تعيين الملا أختر منصور زعيما جديدا لها.";
        let group = group_after(text, ("حركة طالبان", "taliban"), "أختر", "منصور");
        assert_eq!(group, Some(("taliban".to_string(), "leads")));
    }
}
