//! One block of an article as the person rules see it: its tokens, the actors named in it,
//! and what each token can be in a name (a given name, a joiner, a word that ends a name).

use rasid_kb::PersonPatterns;
use rasid_text::{Clitic, Normalized, Span, Token, TokenKind, Tokenizer};

use super::ActorSpan;

/// The tanween marks (fathatan, dammatan, kasratan).
pub(super) const TANWEEN: [char; 3] = ['\u{064B}', '\u{064C}', '\u{064D}'];

/// How far back a role's pronoun («مؤسسيه») may refer, in tokens.
const MAX_ANTECEDENT_TOKENS: usize = 30;

/// The tokens of one block (spans in document chars), its normalised text, and the
/// article's actor mentions.
pub(super) struct Block<'a> {
    pub pp: &'a PersonPatterns,
    pub toks: Vec<Token>,
    pub actors: &'a [ActorSpan],
    /// Where the block starts in the document (chars).
    pub start: usize,
    /// The block's text, normalised, with the way back to its chars.
    pub normalized: Normalized,
}

/// Quote marks around an alias («“أبو حفص”») or inside an affiliation.
pub(super) fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "«" | "»" | "'" | "‘" | "’")
}

/// A definite nisba («العامري», «الأحمدي»): the article, «ي» last, five letters or more
/// (normalised).
pub(super) fn definite_nisba(w: &str) -> bool {
    w.starts_with("ال") && w.ends_with('ي') && w.chars().count() >= 5
}

/// The shortest given name glued to a kunya head («أبوبكر», «أباحفص»; «أبابا» of Addis
/// Ababa holds the mined syllable «با»).
const GLUED_KUNYA_NAME_MIN_LETTERS: usize = 3;

/// The shortest given name after a common-word kunya head («أم محمد»).
const KUNYA_NAME_MIN_LETTERS: usize = 3;

/// Endings that make the word after «ف» a verb or a word with a pronoun («فقلت», «فعنده»),
/// not a surname.
const FA_REST_ENDINGS: &[&str] = &["ت", "ها", "هم", "هما", "نا", "وا", "كم", "ات"];

impl<'a> Block<'a> {
    /// The block `span` of `doc`, tokenised.
    pub fn new(
        doc: &[char],
        span: Span,
        actors: &'a [ActorSpan],
        pp: &'a PersonPatterns,
        tokenizer: &Tokenizer,
    ) -> Self {
        let text: String = doc[span.start..span.end.min(doc.len())].iter().collect();
        let mut toks = tokenizer.tokenize(&text);
        for t in &mut toks {
            t.span = t.span.shift(span.start);
            t.stem = t.stem.shift(span.start);
        }
        Self {
            pp,
            toks,
            actors,
            start: span.start,
            normalized: Normalized::new(&text),
        }
    }

    /// A span of the block's normalised text, in document chars.
    pub fn to_document(&self, norm: Span) -> Span {
        self.normalized.to_original(norm).shift(self.start)
    }

    /// The normalised text of token `i` (proclitics included).
    pub fn norm(&self, i: usize) -> &str {
        &self.toks[i].norm
    }

    /// The actor named at token `i`, if any.
    pub fn actor_at(&self, i: usize) -> Option<&ActorSpan> {
        let s = self.toks[i].span;
        self.actors.iter().find(|a| a.span.overlaps(s))
    }

    /// The group named right before token `t` («جيش الإسلام الذي يقوده»), skipping a
    /// relative pronoun and «كان».
    pub fn group_before(&self, t: usize) -> Option<String> {
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
    pub fn antecedent_group(&self, t: usize) -> Option<String> {
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

    /// Is there a token `i`, and is it an Arabic word?
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// «أبو», «أم»: token `i` is a kunya head standing alone.
    pub fn is_kunya_head(&self, i: usize) -> bool {
        self.pp.kunya_heads.contains(self.norm(i))
    }

    /// «أبوعبيدة»: a kunya head glued to a known given name.
    /// Is token `i` a kunya head that is also a common word («أم», «or»:
    /// `kunya_heads_of_given_names`) with no known given name of three letters or more after
    /// it (the name list's two-letter syllables of foreign names are no given names: «ام تي
    /// في» is MTV)?
    pub fn common_word_kunya_head(&self, i: usize) -> bool {
        self.pp
            .kunya_heads_of_given_names
            .iter()
            .any(|h| h == self.norm(i))
            && !self.toks.get(i + 1).is_some_and(|t| {
                t.norm.chars().count() >= KUNYA_NAME_MIN_LETTERS
                    && self.pp.given_names.contains(&t.norm)
            })
    }

    pub fn is_glued_kunya(&self, i: usize) -> bool {
        let n = self.norm(i);
        self.pp.glued_kunya_heads.iter().any(|h| {
            n.strip_prefix(h.as_str()).is_some_and(|rest| {
                rest.chars().count() >= GLUED_KUNYA_NAME_MIN_LETTERS
                    && self.pp.given_names.contains(rest)
            })
        })
    }

    /// Does token `i` end with a compound joiner («عبد», «وعبد»)?
    pub fn is_compound_joiner(&self, i: usize) -> bool {
        let n = self.norm(i);
        self.pp
            .compound_joiners
            .iter()
            .any(|j| n.ends_with(j.as_str()))
    }

    /// Can token `i` never be inside a name? Punctuation, a stop word, a trigger, an
    /// actor's name, a word opening with «و» or «ف», a preposition with the article.
    pub fn blocks_name(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // «وليد», «فيصل», «بسام»: a known given name is not proclitic + stem; nor is «علي»
        // («على» normalised) between two name words
        if t.kind == TokenKind::Word
            && self.pp.given_names.contains(&t.norm)
            && (!self.pp.stop_words.contains(&t.norm) || self.function_word_inside_a_name(i))
        {
            return self.pp.trigger_words.contains(&t.norm) || self.actor_at(i).is_some();
        }
        t.kind != TokenKind::Word
            // «تهديدًا خطيرًا»: a word written with tanween is an indefinite noun or
            // adjective, never part of a name
            || t.text.contains(TANWEEN)
            || self.pp.stop_words.contains(&t.norm)
            || self.pp.trigger_words.contains(&t.norm)
            || self.actor_at(i).is_some()
            || (t.proclitics.iter().any(|c| matches!(c, Clitic::Wa | Clitic::Fa))
                && !self.surname_opening_with_fa(i))
            // «باليمن», «للتنظيم»: a preposition with the article is never inside a name
            || (t.proclitics.contains(&Clitic::Al)
                && t.proclitics.iter().any(|c| matches!(c, Clitic::Bi | Clitic::Li | Clitic::Ka)))
    }

    /// **A surname may open with «ف»** («مايكل فالون», «مايكل فلين», «جون فينر»): a word read
    /// as «ف» + stem (or «ف» + more proclitics: «فالون», «فلين») right after a plain known
    /// given name with no proclitic is the
    /// surname, unless its stem is a stop word or a trigger («وصل محمد فقال», «فقتل»).
    pub fn surname_opening_with_fa(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let after_given_name = i
            .checked_sub(1)
            .and_then(|j| self.toks.get(j))
            .is_some_and(|p| {
                p.kind == TokenKind::Word
                    && p.proclitics.is_empty()
                    && self.plain_given_name(&p.norm)
            });
        // what follows «ف»: no function word, trigger or given name («فلما», «فجمال»: «and
        // Jamal»), no verb or pronoun ending («فقلت», «فقدمت», «فعندها») nor plural
        // («فعاليات»), no Form IV verb («فأرسل»)
        let rest: String = t.norm.chars().skip(1).collect();
        let verb_like = FA_REST_ENDINGS.iter().any(|e| rest.ends_with(e))
            || (t.proclitics == [Clitic::Fa] && rest.starts_with('ا'));
        t.proclitics.first() == Some(&Clitic::Fa)
            && after_given_name
            && !verb_like
            && !self.pp.given_names.contains(&rest)
            && ![&rest, &t.stem_norm]
                .iter()
                .any(|w| self.pp.stop_words.contains(*w) || self.pp.trigger_words.contains(*w))
    }

    /// **A given name that is also a function word, between two name words, is a name**:
    /// «العميد سعيد علي العامري», «هادي بن علي اليامي», «محمد علي المقدشي» («علي» is also
    /// «على» normalised). Before it a known given name or a joiner («بن»); after it a known
    /// given name or a definite nisba («العامري») — «اعتمد سعيد على الجيش» stays cut.
    fn function_word_inside_a_name(&self, i: usize) -> bool {
        let word = |j: usize| {
            self.toks
                .get(j)
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.norm.as_str())
        };
        let before = i
            .checked_sub(1)
            .and_then(word)
            .is_some_and(|w| self.pp.given_names.contains(w) || self.pp.joiners.contains(w));
        let after = word(i + 1).is_some_and(|w| self.plain_given_name(w) || definite_nisba(w));
        before && after
    }

    /// A known given name that is no function word («محمد»; not «علي», also «على»).
    fn plain_given_name(&self, w: &str) -> bool {
        self.pp.given_names.contains(w) && !self.pp.stop_words.contains(w)
    }

    /// Token `i` is a plain known given name with no proclitic: after a patronymic joiner
    /// it is the father's name even when a demonym reads the same («بن تركي»).
    pub fn given_name_after_joiner(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.proclitics.is_empty()
                && self.plain_given_name(&t.norm)
                && !self.pp.trigger_words.contains(&t.norm)
        })
    }

    /// **A given name that is also a function word opens a name where one is due** (after
    /// a role or a title, or a verb of saying): «المتحدث باسم المقاومة علي الأحمدي», «وقال
    /// علي عبد الله» — «علي» is also «على» normalised. Only before a known given name, a
    /// joiner or a definite nisba («الأحمدي»), with no proclitic of its own. Before a nisba
    /// only as written with «ي», and a nisba written with it: «على» with «ى» is the
    /// preposition as often as not before a definite word («على المدى الطويل», «على
    /// الزبداني»).
    pub fn given_name_opening_a_name(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i).filter(|t| t.kind == TokenKind::Word) else {
            return false;
        };
        let word = |j: usize| {
            self.toks
                .get(j)
                .filter(|t| t.kind == TokenKind::Word && self.actor_at(j).is_none())
        };
        let written_with_ya = |x: &Token| x.text.ends_with('ي');
        let next_is_a_name = word(i + 1).is_some_and(|n| {
            let w = n.norm.as_str();
            let nisba = definite_nisba(w) && written_with_ya(t) && written_with_ya(n);
            self.plain_given_name(w) || self.pp.joiners.contains(w) || nisba
        });
        t.proclitics.is_empty()
            && self.pp.given_names.contains(&t.norm)
            && self.pp.stop_words.contains(&t.norm)
            && !self.pp.trigger_words.contains(&t.norm)
            && self.actor_at(i).is_none()
            && next_is_a_name
    }

    /// «الملا حسن يحظى بتأييد»: an unknown word opening with the imperfect prefix ي or ت is a
    /// verb more often than a surname.
    pub fn looks_like_a_verb(&self, i: usize) -> bool {
        let n = self.norm(i);
        !self.pp.given_names.contains(n)
            && !self.pp.joiners.contains(n)
            && n.chars().count() >= 4
            && (n.starts_with('ي') || n.starts_with('ت'))
    }

    /// A known name part: a given name, a joiner, or a nisba («البكري», «قادري»).
    pub fn known_part(&self, i: usize) -> bool {
        let n = self.norm(i);
        self.pp.given_names.contains(n)
            || self.pp.joiners.contains(n)
            || (n.ends_with('ي') && n.chars().count() >= 4)
    }

    /// Does a name have to end before token `i`?
    pub fn boundary(&self, i: usize) -> bool {
        i >= self.toks.len() || self.blocks_name(i) || self.preposition_word(i)
    }

    /// «بنظيرها», «لوكالة»: a word carrying the preposition «ب» or «ل» (and not a known
    /// given name such as «بسام», nor a joiner: «بن» is no «ب» + «ن») follows a name, it
    /// does not continue one.
    pub fn preposition_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokenKind::Word
            && t.proclitics
                .iter()
                .any(|c| matches!(c, Clitic::Bi | Clitic::Li))
            && !self.pp.given_names.contains(&t.norm)
            && !self.pp.joiners.contains(&t.norm)
    }

    /// Can token `i` be a later part of a name? A known part, or an unknown word that ends
    /// the name at a boundary («عبد المالك دروكدال،») or stands before a known part («عمر
    /// عبيد البكري»); never a word ending in ة or in the accusative alif («قائلا»).
    pub fn name_part(&self, i: usize) -> bool {
        if self.blocks_name(i) || self.and_a_given_name(i) {
            return false;
        }
        // «مايكل فالون» is no «ف» + «الون»: the article read there is part of the surname
        if self.surname_opening_with_fa(i) {
            return true;
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

    /// «عبده الحذيفي ومحمد الشدادي»: «و» and a known given name or kunya head open a second
    /// name. The given names mined from ANERcorp hold such words whole («ومحمد», «وابو»),
    /// so the word may pass for a given name itself; only a later word of a name is tested
    /// («وسام» may open one).
    pub fn and_a_given_name(&self, i: usize) -> bool {
        self.toks[i].norm.strip_prefix('و').is_some_and(|rest| {
            rest.chars().count() >= 3
                && (self.pp.given_names.contains(rest) || self.pp.kunya_heads.contains(rest))
        })
    }

    /// Where a name opening at token `i` starts: after the «و» that joins it to what comes
    /// before, right after another name («أبو سبعان وأبو همام», «عبده الحذيفي ومحمد
    /// الشدادي» → «أبو همام», «محمد الشدادي»); a given name opening with «و» («وليد», «وائل»)
    /// is whole.
    pub fn start_of_name(&self, i: usize) -> usize {
        let t = &self.toks[i];
        let proclitic =
            t.proclitics.first() == Some(&Clitic::Wa) && !self.pp.given_names.contains(&t.norm);
        // «وائل» is a name and «ائل» one of the mined words: a short rest cuts only a word
        // that is no name itself, or a kunya head or joiner («وأبو», «وعبد»)
        let rest = t.norm.strip_prefix('و').unwrap_or("");
        let sure = rest.chars().count() >= 4
            || self.pp.kunya_heads.contains(rest)
            || self.pp.joiners.contains(rest)
            || !self.pp.given_names.contains(&t.norm);
        let joined = (self.and_a_given_name(i) && sure) || proclitic;
        // only after another name: «وزير الخارجية وائل الحلقي» is whole
        let after_a_name = i > 0 && self.is_word(i - 1) && self.name_part(i - 1);
        if joined && after_a_name && t.text.starts_with('و') && t.text.chars().count() > 1 {
            t.span.start + 1
        } else {
            t.span.start
        }
    }

    /// Can a name open at token `i`? A kunya head, a glued kunya, a known given name, or a
    /// joiner followed by a name part («بن لادن»).
    pub fn starts_name(&self, i: usize) -> bool {
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
    pub fn after_abd(&self, i: usize) -> bool {
        i > 0
            && self.is_compound_joiner(i - 1)
            && self.is_word(i)
            && self.actor_at(i).is_none()
            && self.toks[i].norm.starts_with("ال")
            && !self.pp.stop_words.contains(&self.toks[i].norm)
    }

    /// After a role, a name may also open with an unknown word followed by «عبد» or «بن»
    /// («مجبر عبد الرحيم»).
    pub fn starts_name_after_role(&self, i: usize) -> bool {
        if self.starts_name(i) || self.given_name_opening_a_name(i) {
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
            && self.pp.second_word_joiners.contains(self.norm(i + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::Block;
    use crate::persons::testing::{token, Text};

    /// A sentence, a token the test holds of, one it does not, the test.
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        fn(&Block, usize) -> bool,
    );

    #[test]
    fn each_token_test_holds_of_its_example_and_not_of_its_neighbour() {
        #[rustfmt::skip]
        let cases: [Case; 7] = [
            // a kunya head glued to a given name is a kunya
            ("وصل أبوعبيدة وأمجد إلى المدينة.", "أبوعبيدة", "وأمجد", |b, i| b.is_glued_kunya(i)),
            // an unknown word with the imperfect prefix looks like a verb
            ("الملا حسن يحظى بتأييد واسع.", "يحظى", "حسن", |b, i| b.looks_like_a_verb(i)),
            // after «عبد» a definite title is a name part
            ("استقبل الوزير عبد الأمير الشمري وفدا.", "الأمير", "الوزير", |b, i| b.after_abd(i)),
            // after a role, an unknown word before «عبد» opens a name; elsewhere it does not
            ("قتل القيادي مجبر عبد الرحيم في الغارة.", "مجبر", "القيادي", |b, i| b.starts_name_after_role(i)),
            ("قتل القيادي مجبر عبد الرحيم في الغارة.", "عبد", "مجبر", |b, i| b.starts_name(i)),
            // a definite plural is no surname, a definite nisba is
            ("اعتقلت الشرطة أحمد العسكريين وعلي الحسيني أمس.", "الحسيني", "العسكريين", |b, i| b.name_part(i)),
            // «و» and a given name open a second name; a given name opening with «و» does not
            ("قال العميد وليد الحذيفي ومحمد الشدادي ذلك.", "ومحمد", "وليد", |b, i| b.and_a_given_name(i)),
        ];
        for (text, yes, no, test) in cases {
            let t = Text::new(text, &[]);
            let b = t.block();
            assert!(test(&b, token(&b, yes)), "{text}: {yes}");
            assert!(!test(&b, token(&b, no)), "{text}: {no}");
        }
    }
}
