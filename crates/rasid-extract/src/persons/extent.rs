//! Where a name ends: from a token that may open one, after a title, before a role, or
//! as an alias after another name.

use rasid_text::{Clitic, TokenKind};

use super::block::{is_quote, Block};

/// Longest name, in tokens (joiners such as «عبد», «بن» included).
const MAX_NAME_TOKENS: usize = 5;

impl Block<'_> {
    /// A name starting at `s`: the end of its token range, if it is one. After a role
    /// (`after_role`) it may also open with an unknown word before «عبد» or «بن».
    pub fn capture(&self, s: usize, after_role: bool) -> Option<usize> {
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
            let after_joiner = self.is_compound_joiner(e - 1)
                && self.is_word(e)
                && (!self.blocks_name(e) || self.after_abd(e));
            if !(after_joiner || self.fathers_name(e) || self.name_part(e)) {
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

    /// **«سالم بن مطلق الإزيمع»: after «بن» comes the father's name**, known to no list as
    /// often as not: any word that blocks no name and is no verb continues the name; a known
    /// given name does even when it also reads as a demonym («فيصل بن تركي»: no Turk).
    fn fathers_name(&self, e: usize) -> bool {
        e > 0
            && self
                .pp
                .patronymic_joiners
                .iter()
                .any(|j| j == self.norm(e - 1))
            && self.is_word(e)
            && (self.given_name_after_joiner(e)
                || (!self.blocks_name(e) && !self.looks_like_a_verb(e)))
    }

    /// After a rank or honorific the next words are a name even when no list knows them;
    /// a two-word name closed by punctuation may end in «ة» («العميد بسام عطية،»).
    pub fn capture_after_title(&self, s: usize) -> Option<usize> {
        if let Some(e) = self.capture(s, true) {
            return Some(e);
        }
        let plain = |i: usize| {
            self.is_word(i)
                && !self.blocks_name(i)
                && !self.toks[i].proclitics.contains(&Clitic::Al)
        };
        // «الرئيس العام لهيئة الأمر»: a word with the preposition «ل» or «ب» (not a given
        // name such as «بسام») opens what the title heads, not a name
        if !plain(s) || self.preposition_word(s) {
            return None;
        }
        // «الرئيس النيجيري يقيل قادة بالجيش», «الملك يستقبل الأمراء»: a verb of the
        // title's holder opens its clause. Only the «ي» form: foreign first names open with
        // «ت» as often as verbs do («العقيد توكور جوسو», «تريزا ماي»), and a name part (the
        // nisba-like «يمني») is no verb.
        if self.looks_like_a_verb(s) && self.norm(s).starts_with('ي') && !self.known_part(s) {
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

    /// «وقال صباح النعماني، المتحدث باسم …», «لكن إياد البزم المتحدث …»: two to four
    /// name-like words (and a comma) right before the role starting at token `r`, after a
    /// `name_openers` word. Returns the token range.
    pub fn name_before_role(&self, r: usize) -> Option<(usize, usize)> {
        let mut e = r;
        if e > 0 && matches!(self.toks[e - 1].text.as_str(), "،" | ",") {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && e - s < 4 {
            let i = s - 1;
            let t = &self.toks[i];
            let opened = i > 0
                && self.pp.name_openers.contains(&self.toks[i - 1].stem_norm)
                && self.given_name_opening_a_name(i);
            if t.kind != TokenKind::Word
                || (self.blocks_name(i) && !opened)
                || self.looks_like_a_verb(i)
                || (self.pp.stop_words.contains(&t.stem_norm) && !opened)
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
                let after_abd = i > s && self.is_compound_joiner(i - 1);
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

    /// An alias right after a name ending at `e`: «، المكنى “أبو حفص”» or «“أبو منذر العنابي”».
    /// `introducer_ends` are the tokens right after each alias introducer of the block.
    pub fn alias_after(&self, e: usize, introducer_ends: &[usize]) -> Option<(usize, usize)> {
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

#[cfg(test)]
mod tests {
    use crate::persons::testing::{token as at, Text};

    #[test]
    fn a_name_never_ends_on_a_joiner() {
        let t = Text::new("وصل صالح بن إلى المدينة.", &[]);
        let b = t.block();
        let s = at(&b, "صالح");
        let e = b.capture(s, false).expect("a name");
        assert_eq!(t.words(&b, s, e), "صالح");
    }

    #[test]
    fn a_two_word_name_after_a_title_may_end_in_ta_marbuta() {
        let t = Text::new("وقال العميد بسام عطية، قائد اللواء، إن …", &[]);
        let b = t.block();
        let s = at(&b, "بسام");
        let e = b.capture_after_title(s).expect("a name");
        assert_eq!(t.words(&b, s, e), "بسام عطية");
    }

    #[test]
    fn a_name_before_a_role_must_follow_a_name_opener() {
        let t = Text::new("لكن إياد البزم المتحدث باسم الوزارة نفى ذلك.", &[]);
        let b = t.block();
        let (s, e) = b
            .name_before_role(at(&b, "المتحدث"))
            .expect("a name before the role");
        assert_eq!(t.words(&b, s, e), "إياد البزم");
        let t = Text::new("منفذ الهجوم المتحدث باسم الوزارة.", &[]);
        let b = t.block();
        assert_eq!(b.name_before_role(at(&b, "المتحدث")), None);
    }

    #[test]
    fn a_quoted_alias_must_look_like_a_name() {
        let t = Text::new("قتل أبو منذر العنابي “أبو حفص” في الغارة.", &[]);
        let b = t.block();
        let (s, e) = b.alias_after(at(&b, "العنابي") + 1, &[]).expect("an alias");
        assert_eq!(t.words(&b, s, e), "أبو حفص");
        let t = Text::new("قتل أبو منذر العنابي “الجزار” في الغارة.", &[]);
        let b = t.block();
        assert_eq!(b.alias_after(at(&b, "العنابي") + 1, &[]), None);
    }
}
