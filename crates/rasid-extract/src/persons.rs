//! Persons by pattern: a name after a title («العميد عمر عبيد البكري»), after a role and its
//! affiliation («أمير تنظيم قاعدة المغرب عبد المالك دروكدال»), or a kunya anywhere
//! («أبو عمر النهدي», «أبوعبيدة يوسف العنابي»); another name of the same person after
//! «المكنى» or in quotes right after the name; later mentions by surname («البكري»).
//! The affiliation is the actor named between the role and the name, or in a role phrase
//! right after it.

use std::collections::HashMap;

use rasid_kb::{Kb, PeopleDictionary, PersonPatterns, PersonTrigger, PhraseMatcher, PhraseMode};
use rasid_model::{Actor, Mention};
use rasid_text::{Clitic, Normalized, Span, Token, TokenKind};

/// An actor mention already recognised in the article: its span and id.
#[derive(Debug, Clone)]
pub struct ActorSpan {
    pub span: Span,
    pub id: String,
}

/// Longest name, in tokens (joiners such as «عبد», «بن» included).
const MAX_NAME_TOKENS: usize = 5;
/// How many tokens of affiliation may stand between a role and a name.
const MAX_AFFILIATION_TOKENS: usize = 8;
/// How far back a role's pronoun («مؤسسيه») may refer, in tokens.
const MAX_ANTECEDENT_TOKENS: usize = 30;

struct Ctx<'a> {
    pp: &'a PersonPatterns,
    toks: Vec<Token>,
    actors: &'a [ActorSpan],
}

#[derive(Debug, Clone)]
struct Found {
    /// token range [start, end)
    start: usize,
    end: usize,
    rule: &'static str,
    affiliation: Option<String>,
    /// "leads" or "member": the role word that gave the affiliation.
    role: Option<&'static str>,
    /// A second name of the same person (token range).
    alias: Option<(usize, usize)>,
    /// The person of `kb/people.toml` this name is (index).
    known: Option<usize>,
    /// The name's exact chars when they are not whole tokens (a known name matched
    /// without its proclitics: «للملا عمر» → «الملا عمر»).
    exact: Option<Span>,
}

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "«" | "»" | "'" | "‘" | "’")
}

impl Ctx<'_> {
    fn norm(&self, i: usize) -> &str {
        &self.toks[i].norm
    }

    fn actor_at(&self, i: usize) -> Option<&ActorSpan> {
        let s = self.toks[i].span;
        self.actors.iter().find(|a| a.span.overlaps(s))
    }

    /// The group named right before token `t` («جيش الإسلام الذي يقوده»), skipping a
    /// relative pronoun and «كان».
    fn group_before(&self, t: usize) -> Option<String> {
        let mut i = t;
        let mut skipped = 0;
        while i > 0 && skipped <= 3 {
            i -= 1;
            if let Some(a) = self.actor_at(i) {
                return Some(a.id.clone());
            }
            if self.toks[i].kind == TokenKind::Word {
                skipped += 1;
            }
        }
        None
    }

    /// The group named last before token `t` in its sentence («وكان تنظيم جند الخلافة قد
    /// طلب … على لسان أحد أبرز مؤسسيه»).
    fn antecedent_group(&self, t: usize) -> Option<String> {
        let from = t.saturating_sub(MAX_ANTECEDENT_TOKENS);
        for i in (from..t).rev() {
            if let Some(a) = self.actor_at(i) {
                return Some(a.id.clone());
            }
            if matches!(self.norm(i), "." | "؟" | "!" | "?") {
                break;
            }
        }
        None
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn is_kunya_head(&self, i: usize) -> bool {
        self.pp.kunya_heads.contains(self.norm(i))
    }

    /// «أبوعبيدة»: a kunya head glued to the name.
    fn is_glued_kunya(&self, i: usize) -> bool {
        let n = self.norm(i);
        ["ابو", "ابي", "ابا"].iter().any(|h| {
            n.starts_with(h)
                && n.chars().count() >= 5
                && self.pp.given_names.contains(&n[h.len()..])
        })
    }

    fn blocks_name(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // «وليد», «فيصل», «بسام»: a known given name is not proclitic + stem
        if t.kind == TokenKind::Word
            && self.pp.given_names.contains(&t.norm)
            && !self.pp.stop_words.contains(&t.norm)
        {
            return self.pp.trigger_words.contains(&t.norm) || self.actor_at(i).is_some();
        }
        t.kind != TokenKind::Word
            || self.pp.stop_words.contains(&t.norm)
            || self.pp.trigger_words.contains(&t.norm)
            || self.actor_at(i).is_some()
            || t.proclitics.iter().any(|c| matches!(c, Clitic::Wa | Clitic::Fa))
            // «باليمن», «للتنظيم»: a preposition with the article is never inside a name
            || (t.proclitics.contains(&Clitic::Al)
                && t.proclitics.iter().any(|c| matches!(c, Clitic::Bi | Clitic::Li | Clitic::Ka)))
    }

    /// «الملا حسن يحظى بتأييد»: an unknown word opening with the imperfect prefix ي or ت is a
    /// verb more often than a surname.
    fn looks_like_a_verb(&self, i: usize) -> bool {
        let n = self.norm(i);
        !self.pp.given_names.contains(n)
            && !self.pp.joiners.contains(n)
            && n.chars().count() >= 4
            && (n.starts_with('ي') || n.starts_with('ت'))
    }

    /// A known name part: a given name, a joiner, or a nisba («البكري», «قادري»).
    fn known_part(&self, i: usize) -> bool {
        let n = self.norm(i);
        self.pp.given_names.contains(n)
            || self.pp.joiners.contains(n)
            || (n.ends_with('ي') && n.chars().count() >= 4)
    }

    /// Does a name have to end before token `i`?
    fn boundary(&self, i: usize) -> bool {
        i >= self.toks.len() || self.blocks_name(i) || self.preposition_word(i)
    }

    /// «بنظيرها», «لوكالة»: a word carrying the preposition «ب» or «ل» (and not a known
    /// given name such as «بسام») follows a name, it does not continue one.
    fn preposition_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokenKind::Word
            && t.proclitics
                .iter()
                .any(|c| matches!(c, Clitic::Bi | Clitic::Li))
            && !self.pp.given_names.contains(&t.norm)
    }

    /// Can token `i` be a later part of a name? A known part, or an unknown word that ends
    /// the name at a boundary («عبد المالك دروكدال،») or stands before a known part («عمر
    /// عبيد البكري»); never a word ending in ة or in the accusative alif («قائلا»).
    fn name_part(&self, i: usize) -> bool {
        if self.blocks_name(i) {
            return false;
        }
        let t = &self.toks[i];
        if t.proclitics.contains(&Clitic::Al) {
            // «البكري», «العنابي»: a nisba; or a definite surname closing the name at a
            // boundary («وليد المعلم،»)
            let nisba = t.norm.ends_with('ي') && t.norm.chars().count() >= 5;
            // «العسكريين», «المسلحون», «القوات»: a definite plural is no surname
            let plural =
                self.pp.plural_endings.ends(&t.norm) && !self.pp.given_names.contains(&t.norm);
            let closing = self.boundary(i + 1)
                && !plural
                && !self.pp.affiliation_words.contains(&t.norm)
                && t.norm.chars().count() >= 5;
            // «نديم الحسن»: a definite given name
            return nisba || closing || self.pp.given_names.contains(&t.norm);
        }
        if self.looks_like_a_verb(i) {
            return false;
        }
        if self.known_part(i) {
            return true;
        }
        !t.norm.ends_with('ه')
            && !t.norm.ends_with('ا')
            && t.norm.chars().count() >= 3
            && (self.boundary(i + 1) || (self.is_word(i + 1) && self.known_part(i + 1)))
    }

    fn starts_name(&self, i: usize) -> bool {
        if !self.is_word(i) || self.blocks_name(i) {
            return false;
        }
        let t = &self.toks[i];
        self.is_kunya_head(i)
            || self.is_glued_kunya(i)
            || self.pp.given_names.contains(&t.norm)
            || (self.pp.joiners.contains(&t.norm)
                && i + 1 < self.toks.len()
                && (self.name_part(i + 1) || self.after_abd(i + 1)))
    }

    /// «عبد الأمير», «عبد الملك»: after «عبد» a definite word is a name part even when it is
    /// also a title.
    fn after_abd(&self, i: usize) -> bool {
        i > 0
            && self.norm(i - 1).ends_with("عبد")
            && self.is_word(i)
            && self.actor_at(i).is_none()
            && self.toks[i].norm.starts_with("ال")
            && !self.pp.stop_words.contains(&self.toks[i].norm)
    }

    /// After a role, a name may also open with an unknown word followed by «عبد» or «بن»
    /// («مجبر عبد الرحيم»).
    fn starts_name_after_role(&self, i: usize) -> bool {
        if self.starts_name(i) {
            return true;
        }
        let t = match self.toks.get(i) {
            Some(t) if t.kind == TokenKind::Word && !self.blocks_name(i) => t,
            _ => return false,
        };
        !t.proclitics.contains(&Clitic::Al)
            && !t.norm.ends_with('ه')
            && self.is_word(i + 1)
            && !self.blocks_name(i + 1)
            && matches!(self.norm(i + 1), "عبد" | "بن")
    }

    /// After a rank or honorific the next words are a name even when no list knows them;
    /// a two-word name closed by punctuation may end in «ة» («العميد بسام عطية،»).
    fn capture_after_title(&self, s: usize) -> Option<usize> {
        if let Some(e) = self.capture(s, true) {
            return Some(e);
        }
        let plain = |i: usize| {
            self.is_word(i)
                && !self.blocks_name(i)
                && !self.toks[i].proclitics.contains(&Clitic::Al)
        };
        if !plain(s) {
            return None;
        }
        // «الملا عمر منذ عقود»: one given name closed by a boundary
        if self.pp.given_names.contains(self.norm(s)) && self.boundary(s + 1) {
            return Some(s + 1);
        }
        if plain(s + 1) && !self.looks_like_a_verb(s + 1) && self.boundary(s + 2) {
            return Some(s + 2);
        }
        // «العقيد ميلود الزوي», «الكولونيل توكور جوسو»: an unknown first name and a surname
        let mut e = s + 1;
        while e < self.toks.len() && e - s < MAX_NAME_TOKENS && self.name_part(e) {
            e += 1;
        }
        (e >= s + 2).then_some(e)
    }

    /// A name starting at `s`: the end of its token range, if it is one.
    fn capture(&self, s: usize, after_role: bool) -> Option<usize> {
        let starts = if after_role {
            self.starts_name_after_role(s)
        } else {
            self.starts_name(s)
        };
        if !starts {
            return None;
        }
        let mut e = s + 1;
        while e < self.toks.len() && e - s < MAX_NAME_TOKENS {
            // «عبد» takes the next word whatever it is («عبد الرحيم», «عبد المالك»)
            let after_joiner = self.norm(e - 1).ends_with("عبد")
                && self.is_word(e)
                && (!self.blocks_name(e) || self.after_abd(e));
            if !(after_joiner || self.name_part(e)) {
                break;
            }
            e += 1;
        }
        // a lone joiner or kunya head is no name; a single given name is too weak
        let len = e - s;
        let glued = self.is_glued_kunya(s);
        if len >= 2 || (glued && len >= 1) {
            // do not end on a joiner («عبد», «بن»)
            while e > s + 1 && self.pp.joiners.contains(self.norm(e - 1)) {
                e -= 1;
            }
            Some(e)
        } else {
            None
        }
    }

    /// «وقال صباح النعماني، المتحدث باسم …», «لكن إياد البزم المتحدث …»: two to four
    /// name-like words (and a comma) right before the role starting at token `r`, after a
    /// `name_openers` word. Returns the token range.
    fn name_before_role(&self, r: usize) -> Option<(usize, usize)> {
        let mut e = r;
        if e > 0 && matches!(self.toks[e - 1].text.as_str(), "،" | ",") {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && e - s < 4 {
            let i = s - 1;
            let t = &self.toks[i];
            if t.kind != TokenKind::Word
                || self.blocks_name(i)
                || self.looks_like_a_verb(i)
                || self.pp.stop_words.contains(&t.stem_norm)
                || self.pp.name_openers.contains(&t.stem_norm)
                || self.preposition_word(i)
            {
                break;
            }
            s = i;
        }
        if e - s < 2 {
            return None;
        }
        let opens = s.checked_sub(1).map(|i| &self.toks[i]).is_some_and(|t| {
            t.kind == TokenKind::Word
                && (self.pp.name_openers.contains(&t.stem_norm)
                    || self.pp.name_openers.contains(&t.norm))
        });
        // «منفذ الهجوم», «صاحب الامتياز»: a definite last word is a surname only after a
        // known given name, or when it is a nisba («النعماني»)
        let last = &self.toks[e - 1];
        let definite_end_ok = !last.proclitics.contains(&Clitic::Al)
            || last.norm.ends_with('ي')
            || self.pp.given_names.contains(&self.toks[s].norm);
        let opens = opens && definite_end_ok;
        // a name opens with an indefinite word (or «عبد X»); only its last word, or the
        // word after «عبد», may carry the article; no word but a known name ends in «ة»
        let ok = opens
            && (s..e).all(|i| {
                let t = &self.toks[i];
                let definite = t.proclitics.contains(&Clitic::Al);
                let after_abd = i > s && self.norm(i - 1).ends_with("عبد");
                // «وفي»: a word opening with «و» opens no name unless it is a given name
                let conjunction =
                    i == s && t.norm.starts_with('و') && !self.pp.given_names.contains(&t.norm);
                (!definite || i + 1 == e || after_abd)
                    && (i > s || !definite)
                    && !conjunction
                    && (!t.norm.ends_with('ه') || self.pp.given_names.contains(&t.norm))
                    && t.norm.chars().count() >= 3
            });
        ok.then_some((s, e))
    }

    /// A role before a name found otherwise (after a title, or by the people list), with
    /// its affiliation between: «زعيم التنظيم في العراق وسوريا، أبو بكر البغدادي», «نائب قائد
    /// العمليات الخاصة التابعة لجهاز مكافحة الإرهاب العميد عبد الأمير الخزرجي», «طالبان التي
    /// يقودها الملا عمر». Returns (affiliation, "leads" | "member").
    fn role_before(
        &self,
        name_start: usize,
        triggers: &[(PersonTrigger, usize, usize)],
    ) -> Option<(String, &'static str)> {
        let mut s = name_start;
        if let Some(&(_, title_start, _)) = triggers
            .iter()
            .find(|(k, _, after)| *k == PersonTrigger::Title && *after == s)
        {
            s = title_start;
        }
        if s > 0 && matches!(self.toks[s - 1].text.as_str(), "،" | ",") {
            s -= 1;
        }
        let &(kind, role_start, after) = triggers
            .iter()
            .filter(|(k, _, after)| {
                !matches!(
                    k,
                    PersonTrigger::Title | PersonTrigger::AliasIntroducer | PersonTrigger::Noun
                ) && *after <= s
                    && s - *after <= MAX_AFFILIATION_TOKENS + 2
            })
            .max_by_key(|(_, _, after)| *after)?;
        match kind {
            PersonTrigger::LeadsPrevious if after == s => {
                return self.group_before(role_start).map(|g| (g, "leads"));
            }
            PersonTrigger::LeadsAntecedent if after == s => {
                return self.antecedent_group(role_start).map(|g| (g, "leads"));
            }
            PersonTrigger::Leads | PersonTrigger::Member => {}
            _ => return None,
        }
        let mut affiliation = None;
        let mut unknown = 0;
        for i in after..s {
            let t = &self.toks[i];
            if let Some(a) = self.actor_at(i) {
                affiliation.get_or_insert_with(|| a.id.clone());
                continue;
            }
            if t.kind != TokenKind::Word {
                if is_quote(&t.text) {
                    continue;
                }
                return None;
            }
            let known = self.pp.affiliation_words.contains(&t.norm)
                || self.pp.affiliation_words.contains(&t.stem_norm)
                || t.proclitics
                    .iter()
                    .any(|c| matches!(c, Clitic::Bi | Clitic::Li | Clitic::Ka));
            if known {
                continue;
            }
            if self.pp.stop_words.contains(&t.stem_norm)
                || self.pp.name_openers.contains(&t.stem_norm)
            {
                return None;
            }
            unknown += 1;
            if unknown > 3 {
                return None;
            }
        }
        let role = if kind == PersonTrigger::Leads {
            "leads"
        } else {
            "member"
        };
        affiliation.map(|a| (a, role))
    }

    /// After a role ending at token `r`, skip the affiliation; returns (name start, actor id).
    fn skip_affiliation(&self, r: usize) -> (usize, Option<String>) {
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
            let skippable = t.kind == TokenKind::Word
                && (self.pp.affiliation_words.contains(&t.norm)
                    || self.pp.affiliation_words.contains(&t.stem_norm)
                    || t.proclitics
                        .iter()
                        .any(|c| matches!(c, Clitic::Bi | Clitic::Li | Clitic::Ka)));
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

    /// An alias right after a name ending at `e`: «، المكنى “أبو حفص”» or «“أبو منذر العنابي”».
    fn alias_after(&self, e: usize, introducer_ends: &[usize]) -> Option<(usize, usize)> {
        let mut i = e;
        if self
            .toks
            .get(i)
            .is_some_and(|t| t.text == "،" || t.text == ",")
        {
            i += 1;
        }
        let introduced = introducer_ends
            .iter()
            .find(|&&x| x > i && x <= i + 3)
            .copied();
        let had_intro = introduced.is_some();
        if let Some(x) = introduced {
            i = x;
        }
        let quoted = self.toks.get(i).is_some_and(|t| is_quote(&t.text));
        if quoted {
            i += 1;
        }
        if !(had_intro || quoted) {
            return None;
        }
        let s = i;
        let mut j = i;
        while j < self.toks.len() && j - s < MAX_NAME_TOKENS && self.toks[j].kind == TokenKind::Word
        {
            if !quoted && self.blocks_name(j) {
                break;
            }
            j += 1;
        }
        if quoted && !self.toks.get(j).is_some_and(|t| is_quote(&t.text)) {
            return None;
        }
        // a quoted alias must look like a name (a kunya or a given name), an introduced one too
        (j > s
            && (self.is_kunya_head(s)
                || self.is_glued_kunya(s)
                || self.pp.given_names.contains(self.norm(s))))
        .then_some((s, j))
    }
}

/// Names of `kb/people.toml` in one block. A known name found alone is a person; one that
/// overlaps a name found by pattern makes that name the known person («الملا» + «عمر» is
/// «الملا عمر»), taking the known name's extent unless the pattern's name contains it —
/// except a one-word known name («البغدادي») inside a longer pattern name («محمود
/// البغدادي»), which is someone else. Names inside an actor's name are no persons.
fn add_known_people(
    cx: &Ctx<'_>,
    people: &PeopleDictionary,
    norm: &Normalized,
    block_start: usize,
    found: &mut Vec<Found>,
) {
    for m in people.names.find(norm.text()) {
        // «الكاميرون» is no «كاميرون»: a person's name never takes the article
        let before: Vec<char> = norm.text()[..norm
            .text()
            .char_indices()
            .nth(m.start)
            .map_or(0, |(b, _)| b)]
            .chars()
            .rev()
            .take(3)
            .collect();
        let alias_definite = norm.text().chars().skip(m.start).take(2).eq("ال".chars());
        let articled = before.len() >= 2
            && before[0] == 'ل'
            && before[1] == 'ا'
            && before.get(2).is_none_or(|c| {
                !rasid_text::script::is_letter(*c) || matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
            });
        if articled && !alias_definite {
            continue;
        }
        let o = norm
            .to_original(Span {
                start: m.start,
                end: m.end,
            })
            .shift(block_start);
        let start = cx
            .toks
            .iter()
            .position(|t| t.span.start <= o.start && o.start < t.span.end);
        let end = cx
            .toks
            .iter()
            .position(|t| t.span.start < o.end && o.end <= t.span.end);
        let (Some(start), Some(end)) = (start, end.map(|e| e + 1)) else {
            continue;
        };
        if (start..end).any(|i| cx.actor_at(i).is_some()) {
            continue;
        }
        let one_word = (start..end).filter(|&i| cx.is_word(i)).count() == 1;
        let mut claimed = false;
        let mut inside_other = false;
        for f in found.iter_mut() {
            if f.end <= start || end <= f.start {
                continue;
            }
            let contains = f.start <= start && end <= f.end;
            if contains && f.end - f.start > end - start && one_word {
                inside_other = true;
                continue;
            }
            f.known = Some(m.payload);
            if !contains {
                f.start = start;
                f.end = end;
                f.exact = Some(o);
            }
            claimed = true;
        }
        if !claimed && !inside_other {
            found.push(Found {
                start,
                end,
                rule: "person:kb",
                affiliation: None,
                role: None,
                alias: None,
                known: Some(m.payload),
                exact: Some(o),
            });
        }
    }
}

/// Is `actor` one of the known person's groups, or a parent or branch of one?
fn related_to_known(person: &rasid_kb::Person, actor: &str, kb: &Kb) -> bool {
    let parent = |id: &str| {
        kb.actors
            .index_of(id)
            .and_then(|i| kb.actors.get(i))
            .and_then(|a| a.parent.clone())
    };
    let groups: Vec<&String> = person.leads.iter().chain(&person.member_of).collect();
    groups.is_empty()
        || groups.iter().any(|g| {
            g.as_str() == actor
                || parent(g).as_deref() == Some(actor)
                || parent(actor).as_deref() == Some(g.as_str())
        })
}

/// Stable id of a person from the normalised tokens of their name.
pub(crate) fn person_id(norm_name: &str) -> String {
    let mut words: Vec<&str> = norm_name.split_whitespace().collect();
    words.sort_unstable();
    format!("person:{}", words.join("_"))
}

/// A person being collected.
struct PersonAcc {
    id: String,
    mentions: Vec<Mention>,
    affiliation: Option<String>,
    /// The name as first written, or the dictionary's `name_ar`.
    name: String,
    /// "leads" or "member".
    role: Option<&'static str>,
    /// The affiliation came from `kb/people.toml`, not from the text.
    affiliation_from_kb: bool,
    /// A person of `kb/people.toml`.
    known: bool,
}

/// Recognise the persons of one article. `actors` are the article's actor mentions.
pub fn recognize_persons(
    doc: &[char],
    blocks: &[Span],
    actors: &[ActorSpan],
    published: Option<&str>,
    kb: &Kb,
) -> Vec<Actor> {
    let pp = &kb.persons;
    let mut persons: Vec<PersonAcc> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for block in blocks {
        let text: String = doc[block.start..block.end.min(doc.len())].iter().collect();
        let mut toks = kb.tokenizer.tokenize(&text);
        for t in &mut toks {
            t.span = t.span.shift(block.start);
            t.stem = t.stem.shift(block.start);
        }
        let cx = Ctx { pp, toks, actors };
        let norm = Normalized::new(&text);
        let tok_ending_at = |orig_end: usize| {
            cx.toks
                .iter()
                .position(|t| t.span.end == block.start + orig_end)
        };
        let not_person: Vec<Span> = pp
            .not_persons
            .find(norm.text())
            .iter()
            .map(|m| {
                norm.to_original(Span {
                    start: m.start,
                    end: m.end,
                })
                .shift(block.start)
            })
            .collect();
        let mut introducer_ends = Vec::new();
        // (kind, first token of the trigger, token after it)
        let mut triggers: Vec<(PersonTrigger, usize, usize)> = Vec::new();
        for m in pp.triggers.find(norm.text()) {
            let o = norm.to_original(Span {
                start: m.start,
                end: m.end,
            });
            let (Some(kind), Some(end_tok)) =
                (PersonTrigger::from_payload(m.payload), tok_ending_at(o.end))
            else {
                continue;
            };
            if kind == PersonTrigger::AliasIntroducer {
                introducer_ends.push(end_tok + 1);
            } else {
                let start_tok = cx
                    .toks
                    .iter()
                    .position(|t| t.span.end > block.start + o.start)
                    .unwrap_or(end_tok);
                triggers.push((kind, start_tok, end_tok + 1));
            }
        }
        let mut found: Vec<Found> = Vec::new();
        for &(kind, _, after) in &triggers {
            let (start, affiliation, rule, role) = match kind {
                // «الرئيس اليمني عبد ربه منصور هادي»: a nationality adjective may follow the title
                PersonTrigger::Title | PersonTrigger::Noun => {
                    // «وزيرة الخارجية الكرواتية فيسنا بوسيتش», «الرئيس اليمني السابق …»
                    let nisba = |i: usize| {
                        cx.toks.get(i).is_some_and(|t| {
                            t.kind == TokenKind::Word
                                && t.proclitics.contains(&Clitic::Al)
                                && ((t.norm.ends_with('ي') || t.norm.ends_with("يه"))
                                    || pp.affiliation_words.contains(&t.norm))
                                && !pp.given_names.contains(&t.norm)
                        })
                    };
                    let mut start = after;
                    while start < after + 2 && nisba(start) && cx.is_word(start + 1) {
                        start += 1;
                    }
                    if start > after && cx.blocks_name(start) {
                        start = after;
                    }
                    let rule = if kind == PersonTrigger::Noun {
                        "person:noun"
                    } else {
                        "person:title"
                    };
                    (start, None, rule, None)
                }
                PersonTrigger::LeadsPrevious => (
                    after,
                    cx.group_before(after - 1),
                    "person:role_leads",
                    Some("leads"),
                ),
                PersonTrigger::LeadsAntecedent => (
                    after,
                    cx.antecedent_group(after - 1),
                    "person:role_leads",
                    Some("leads"),
                ),
                PersonTrigger::Leads => {
                    let (s, a) = cx.skip_affiliation(after);
                    (s, a, "person:role_leads", Some("leads"))
                }
                _ => {
                    let (s, a) = cx.skip_affiliation(after);
                    (s, a, "person:role_member", Some("member"))
                }
            };
            // «المتحدث باسم الشرطة التشادية بول مانغا»: after a spokesman's organisation the
            // name may be one no list knows, as after a title
            let spokesman = affiliation.is_some()
                && cx.toks[..after]
                    .iter()
                    .rev()
                    .take(2)
                    .any(|t| t.stem_norm == "اسم");
            if let Some(end) = if kind == PersonTrigger::Title {
                cx.capture_after_title(start)
            } else if kind == PersonTrigger::Noun {
                cx.capture(start, false)
            } else {
                cx.capture(start, true)
                    .or_else(|| spokesman.then(|| cx.capture_after_title(start)).flatten())
            } {
                found.push(Found {
                    start,
                    end,
                    rule,
                    role: role.filter(|_| affiliation.is_some()),
                    affiliation,
                    alias: None,
                    known: None,
                    exact: None,
                });
            }
        }
        // kunyas anywhere
        for i in 0..cx.toks.len() {
            if (cx.is_kunya_head(i) || cx.is_glued_kunya(i))
                && !found.iter().any(|f| f.start <= i && i < f.end)
            {
                if let Some(end) = cx.capture(i, false) {
                    found.push(Found {
                        start: i,
                        end,
                        rule: "person:kunya",
                        affiliation: None,
                        role: None,
                        alias: None,
                        known: None,
                        exact: None,
                    });
                }
            }
        }
        // «وقال صباح النعماني، المتحدث باسم …»: a name before its role
        for &(kind, role_start, after) in &triggers {
            let leads = match kind {
                PersonTrigger::Leads => true,
                PersonTrigger::Member => false,
                _ => continue,
            };
            // «الأمني» is a role word and an adjective («وفي الشأن الأمني»)
            if cx
                .toks
                .get(role_start)
                .is_some_and(|t| pp.affiliation_words.contains(&t.norm))
            {
                continue;
            }
            let Some((start, end)) = cx.name_before_role(role_start) else {
                continue;
            };
            if found.iter().any(|f| f.start < end && start < f.end) {
                continue;
            }
            let affiliation = cx.skip_affiliation(after).1;
            found.push(Found {
                start,
                end,
                rule: "person:before_role",
                role: affiliation
                    .as_ref()
                    .map(|_| if leads { "leads" } else { "member" }),
                affiliation,
                alias: None,
                known: None,
                exact: None,
            });
        }
        add_known_people(&cx, &kb.people, &norm, block.start, &mut found);
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end), f.affiliation.is_none()));
        found.dedup_by(|b, a| b.start < a.end); // drop overlaps, keep the first (longest)
        for f in &mut found {
            f.alias = cx.alias_after(f.end, &introducer_ends);
            if f.affiliation.is_none() {
                if let Some((a, role)) = cx.role_before(f.start, &triggers) {
                    f.affiliation = Some(a);
                    f.role = Some(role);
                }
            }
            if f.affiliation.is_none() {
                // a role phrase right after the name (and its alias): «…، القيادي في تنظيم X»,
                // or opening the next sentence: «… قادري، المكنى “أبو حفص”. وهو قيادي في …»
                let end = f.alias.map_or(f.end, |(_, e)| e);
                let mut i = end;
                while i < cx.toks.len() && i < end + 3 && cx.toks[i].kind != TokenKind::Word {
                    i += 1;
                }
                if cx.toks.get(i).is_some_and(|t| {
                    pp.pronoun_links.contains(&t.norm) || pp.pronoun_links.contains(&t.stem_norm)
                }) {
                    i += 1;
                }
                // a one-word role («القيادي») or a two-word one («المتحدث باسم»)
                let one = cx.toks.get(i).map(|t| t.norm.clone());
                let two = match (cx.toks.get(i), cx.toks.get(i + 1)) {
                    (Some(a), Some(b)) if b.kind == TokenKind::Word => {
                        Some(format!("{} {}", a.norm, b.norm))
                    }
                    _ => None,
                };
                let role = two
                    .filter(|w| pp.trigger_words.contains(w))
                    .map(|w| (w, i + 2))
                    .or_else(|| {
                        one.filter(|w| pp.trigger_words.contains(w))
                            .map(|w| (w, i + 1))
                    });
                // «… منصور زعيما جديدا لها»: leads the group named before the name
                if role.is_none()
                    && cx
                        .toks
                        .get(i)
                        .is_some_and(|t| pp.leads_after_name.contains(&t.norm))
                {
                    f.affiliation = cx.antecedent_group(f.start);
                    f.role = f.affiliation.as_ref().map(|_| "leads");
                }
                if let Some((word, after)) = role {
                    f.affiliation = cx.skip_affiliation(after).1;
                    let leads = pp.triggers.find(&word).iter().any(|m| {
                        PersonTrigger::from_payload(m.payload) == Some(PersonTrigger::Leads)
                    });
                    f.role = f
                        .affiliation
                        .as_ref()
                        .map(|_| if leads { "leads" } else { "member" });
                }
            }
        }
        for f in found {
            let span = f.exact.unwrap_or(Span {
                start: cx.toks[f.start].span.start,
                end: cx.toks[f.end - 1].span.end,
            });
            if not_person.iter().any(|n| n.overlaps(span)) {
                continue;
            }
            let text: String = doc[span.start..span.end].iter().collect();
            let known = f.known.and_then(|k| kb.people.get(k));
            let (id, name) = match known {
                Some(k) => (k.id.clone(), k.name_ar.clone()),
                None => (person_id(&rasid_text::normalize(&text)), text.clone()),
            };
            let slot = *index.entry(id.clone()).or_insert_with(|| {
                persons.push(PersonAcc {
                    id: id.clone(),
                    mentions: Vec::new(),
                    affiliation: None,
                    name: name.clone(),
                    role: None,
                    affiliation_from_kb: false,
                    known: known.is_some(),
                });
                persons.len() - 1
            });
            let p = &mut persons[slot];
            if p.affiliation.is_none() && f.affiliation.is_none() {
                // the text gives no role: the dictionary's affiliation at publication
                if let Some(a) = known.and_then(|k| k.affiliation_on(published)) {
                    p.affiliation = Some(a.actor.to_string());
                    p.role = Some(a.role);
                    p.affiliation_from_kb = true;
                }
            }
            p.mentions.push(Mention {
                text,
                start: span.start,
                end: span.end,
                rule: f.rule.to_string(),
            });
            // the text's role wins over the dictionary's (the first one the text gives
            // stays), unless it names a group the list does not relate the person to: for a
            // known person that is more often a misread anaphor («زعيم التنظيم …») than news
            let consistent = match (known, &f.affiliation) {
                (Some(k), Some(a)) => related_to_known(k, a, kb),
                _ => true,
            };
            if f.affiliation.is_some()
                && consistent
                && (p.affiliation.is_none() || p.affiliation_from_kb)
            {
                p.affiliation = f.affiliation.clone();
                p.role = f.role;
                p.affiliation_from_kb = false;
            }
            if let Some((s, e)) = f.alias {
                let aspan = Span {
                    start: cx.toks[s].span.start,
                    end: cx.toks[e - 1].span.end,
                };
                p.mentions.push(Mention {
                    text: doc[aspan.start..aspan.end].iter().collect(),
                    start: aspan.start,
                    end: aspan.end,
                    rule: "person:alias".to_string(),
                });
                index
                    .entry(person_id(&rasid_text::normalize(
                        &p.mentions.last().map_or(String::new(), |m| m.text.clone()),
                    )))
                    .or_insert(slot);
            }
        }
    }
    merge_one_word_names(&mut persons);
    add_surname_mentions(doc, blocks, &mut persons, pp);
    persons
        .into_iter()
        .map(|mut p| {
            p.mentions.sort_by_key(|m| m.start);
            p.mentions.dedup_by_key(|m| m.start);
            let name_en = kb
                .people
                .by_id(&p.id)
                .map_or_else(|| kb.transliteration.name(&p.name), |k| k.name_en.clone());
            Actor {
                id: p.id,
                kind: "person".into(),
                name_en: Some(name_en),
                name_ar: p.name,
                affiliation: p.affiliation,
                role: p.role.map(str::to_string),
                mentions: p.mentions,
            }
        })
        .collect()
}

/// «الملا أختر منصور … الملا منصور»: a one-word name that is a word of exactly one longer
/// name of the article is that person.
fn merge_one_word_names(persons: &mut Vec<PersonAcc>) {
    let words = |p: &PersonAcc| -> Vec<String> {
        rasid_text::normalize(&p.name)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let mut i = 0;
    while i < persons.len() {
        let w = words(&persons[i]);
        let target = if w.len() == 1 {
            let owners: Vec<usize> = (0..persons.len())
                .filter(|&j| {
                    j != i && {
                        let ws = words(&persons[j]);
                        ws.len() > 1 && ws.contains(&w[0])
                    }
                })
                .collect();
            (owners.len() == 1).then(|| owners[0])
        } else {
            None
        };
        match target {
            Some(j) => {
                let short = persons.remove(i);
                let j = if j > i { j - 1 } else { j };
                let long = &mut persons[j];
                long.mentions.extend(short.mentions);
                if long.affiliation.is_none()
                    || (long.affiliation_from_kb
                        && short.affiliation.is_some()
                        && !short.affiliation_from_kb)
                {
                    long.affiliation = short.affiliation;
                    long.role = short.role;
                    long.affiliation_from_kb = short.affiliation_from_kb;
                }
            }
            None => i += 1,
        }
    }
}

/// Later mentions by surname alone («وأوضح البكري»), or with the name parts reordered.
fn add_surname_mentions(
    doc: &[char],
    blocks: &[Span],
    persons: &mut [PersonAcc],
    pp: &PersonPatterns,
) {
    let surnames: Vec<(String, usize)> = persons
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            // a known person's short names are the dictionary's own aliases («أوباما»),
            // matched already: the last word of a full name may be anybody's («سلمان» of
            // «محمد بن سلمان», «الله» of «حسن نصر الله»)
            if p.known {
                return None;
            }
            let first = p
                .mentions
                .iter()
                .find(|m| m.rule != "person:kunya" && m.rule != "person:alias")?;
            let norm = rasid_text::normalize(&first.text);
            let words: Vec<&str> = norm.split_whitespace().collect();
            let last = words.last()?.to_string();
            let kunya = words
                .first()
                .is_some_and(|w| pp.kunya_heads.contains(*w) || w.starts_with("ابو"));
            let ok = words.len() >= 2
                && !kunya
                && last.chars().count() >= 4
                && !pp.stop_words.contains(&last);
            ok.then_some((last, i))
        })
        .collect();
    if surnames.is_empty() {
        return;
    }
    let matcher = PhraseMatcher::new(
        surnames
            .iter()
            .map(|(s, i)| (s.as_str(), PhraseMode::Word, *i)),
    );
    for block in blocks {
        let text: String = doc[block.start..block.end.min(doc.len())].iter().collect();
        let norm = Normalized::new(&text);
        for m in matcher.find(norm.text()) {
            let o = norm
                .to_original(Span {
                    start: m.start,
                    end: m.end,
                })
                .shift(block.start);
            let p = &mut persons[m.payload];
            if p.mentions
                .iter()
                .any(|x| x.start <= o.start && o.end <= x.end)
            {
                continue;
            }
            p.mentions.push(Mention {
                text: doc[o.start..o.end].iter().collect(),
                start: o.start,
                end: o.end,
                rule: "person:surname".into(),
            });
        }
    }
}
