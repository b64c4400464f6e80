//! Word tokens with Arabic proclitics split off.
//!
//! [`Tokenizer::tokenize`] segments text and, for each Arabic word, finds its
//! proclitics (see [`clitics`]), leaving the caller's [protected words](ProtectedWords)
//! whole. Every token knows its exact surface span, so
//! `slice_chars(text, token.span) == token.text`.
//!
//! Segmentation (in `scanner.rs`):
//! - an Arabic word keeps its diacritics and tatweel (`عُقدت`, `الـحوثي` are
//!   one token each); ZWNJ/ZWJ and soft hyphens between letters stay inside;
//! - a Latin word is a run of non-Arabic letters, possibly followed by ASCII
//!   digits (`F16`);
//! - a number is a run of digits of any of the three digit sets, with `.`
//!   `,` `٫` `٬` allowed *between* digits (`3.5`, `١٢.١٠.٢٠٢٣`);
//! - each punctuation char is its own token; emoji and other symbols are
//!   symbol tokens (modifiers and ZWJ sequences kept together);
//! - whitespace and invisible formatting chars separate tokens and belong to
//!   none; combining marks belong to the token before them.
//!
//! Design choice for `2023م` (year + `م` "AD"): the number and the letter are
//! two tokens, a [`TokenKind::Number`] `2023` and a [`TokenKind::Word`] `م`.
//! A number token never contains letters, so its `norm` is always a plain
//! digit string, and date extractors see the era marker as the next token.

pub mod clitics;
pub mod protected;
mod scanner;

use std::sync::Arc;

use crate::normalize::normalize;
use crate::script::{is_arabic_mark, TATWEEL};
use crate::Span;
pub use clitics::Clitic;
pub use protected::{ProtectedWordError, ProtectedWords};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Arabic-script letters (with any diacritics and tatweel).
    Word,
    /// Non-Arabic letters (Latin in practice), possibly followed by ASCII
    /// digits (`F16`).
    Latin,
    /// Digits of any digit set, with `.` `,` `٫` `٬` between digits.
    Number,
    /// One punctuation char (`« » “ ” ، ؛ ؟ . -` …).
    Punct,
    /// Anything else visible: emoji, currency and other symbols, stray
    /// combining marks or tatweel with no letter.
    Symbol,
}

/// One token of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Surface span in the input (char offsets).
    pub span: Span,
    /// Surface text: exactly `slice_chars(input, span)`.
    pub text: String,
    /// Normalised surface (default [`crate::Normalizer`] chain).
    pub norm: String,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Proclitics of the best-guess split, in order (`وبال` → `[Wa, Bi, Al]`).
    /// Empty for non-word tokens.
    pub proclitics: Vec<Clitic>,
    /// Span of the remainder after the proclitics, inside `span`. Empty (at
    /// `span.end`) for a clitic-only token such as `لـ`.
    pub stem: Span,
    /// Normalised stem. For `لل` (ل + ال, alef elided) it is the word without
    /// `ال`; [`Token::with_article`] gives it with `ال`.
    pub stem_norm: String,
}

impl Token {
    /// True when the best-guess split includes the article `ال`.
    pub fn has_article(&self) -> bool {
        self.proclitics.contains(&Clitic::Al)
    }

    /// `ال` + normalised stem when the token carries the article (also when
    /// its alef is elided: `للحوثيين` → `الحوثيين`), else `None`.
    pub fn with_article(&self) -> Option<String> {
        (self.has_article() && !self.stem_norm.is_empty()).then(|| format!("ال{}", self.stem_norm))
    }

    /// True for a token made only of proclitics and glued to what follows
    /// (`لـ` in `لـ”العين”`, `بـ` in `بـ"ولاية`): its stem is empty and the
    /// word it governs is the next word token.
    pub fn is_clitic_only(&self) -> bool {
        !self.proclitics.is_empty() && self.stem.is_empty()
    }
}

/// Opening quotes and brackets after which a bare clitic letter is glued to
/// the quoted word.
fn is_opening_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '«' | '“' | '‘' | '„' | '‹' | '(' | '[' | '{' | '\u{FD3F}'
    )
}

/// True when an Arabic word at `span` is glued to what follows: it ends in
/// tatweel (ignoring diacritics), or an opening quote follows with no space.
fn glued_to_next(chars: &[char], span: Span) -> bool {
    let word = chars.get(span.start..span.end).unwrap_or(&[]);
    let ends_in_tatweel = word
        .iter()
        .rev()
        .find(|&&c| !is_arabic_mark(c))
        .is_some_and(|&c| c == TATWEEL);
    ends_in_tatweel || chars.get(span.end).copied().is_some_and(is_opening_punct)
}

/// Splits text into tokens with a given list of protected words. Cheap to clone (the
/// list is shared). `Default` protects no word: every word that reads as clitics + a long
/// enough stem is split.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokenizer {
    protected: Arc<ProtectedWords>,
}

impl Tokenizer {
    /// A tokenizer that never cuts into the words of `protected`.
    pub fn new(protected: ProtectedWords) -> Self {
        Self {
            protected: Arc::new(protected),
        }
    }

    /// The protected words it leaves whole.
    pub fn protected(&self) -> &ProtectedWords {
        &self.protected
    }

    /// The protected words, shared (for matchers that read proclitics as it does).
    pub fn shared_protected(&self) -> Arc<ProtectedWords> {
        Arc::clone(&self.protected)
    }

    /// Tokenises `text` into words, Latin words, numbers, punctuation and
    /// symbols, with Arabic proclitics analysed. Whitespace and invisible
    /// formatting characters are not tokens.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        tokenize_with(text, &self.protected)
    }

    /// Normalised forms of `token` to try against a lexicon, longest first,
    /// without duplicates: the full form, then the form after stripping the
    /// conjunction, the preposition (with `ال` restored after `لل`), and the
    /// article, for every plausible reading of the word (not only the
    /// best-guess split). Non-word and clitic-only tokens give just their
    /// normalised text (nothing if it is empty).
    pub fn candidates(&self, token: &Token) -> Vec<String> {
        if token.kind == TokenKind::Word && !token.is_clitic_only() {
            return clitics::candidates(&token.text, &self.protected);
        }
        if token.norm.is_empty() {
            Vec::new()
        } else {
            vec![token.norm.clone()]
        }
    }
}

fn tokenize_with(text: &str, protected: &ProtectedWords) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    scanner::scan(&chars)
        .into_iter()
        .map(|(span, kind)| {
            let surface: String = chars
                .get(span.start..span.end)
                .unwrap_or(&[])
                .iter()
                .collect();
            let norm = normalize(&surface);
            if kind == TokenKind::Word {
                let analysis =
                    clitics::analyze(&surface, &norm, glued_to_next(&chars, span), protected);
                Token {
                    span,
                    text: surface,
                    norm,
                    kind,
                    proclitics: analysis.proclitics,
                    stem: analysis.stem.shift(span.start),
                    stem_norm: analysis.stem_norm,
                }
            } else {
                Token {
                    span,
                    text: surface,
                    stem_norm: norm.clone(),
                    norm,
                    kind,
                    proclitics: Vec::new(),
                    stem: span,
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice_chars;
    use Clitic::*;

    /// The protected words these sentences need (not the kb's list: this crate knows none).
    fn tokenizer() -> Tokenizer {
        Tokenizer::new(ProtectedWords::new(["ولاي*", "وكالة*"]).expect("valid list"))
    }

    fn tokenize(text: &str) -> Vec<Token> {
        tokenizer().tokenize(text)
    }

    #[test]
    fn the_tokenizer_keeps_its_protected_words_whole() {
        let text = "ونقلت وكالة الأنباء أن ولاية الخرطوم وولاية الجزيرة";
        let split = Tokenizer::default().tokenize(text);
        assert_eq!(find(&split, "وكالة").proclitics, vec![Wa]);
        assert_eq!(find(&split, "ولاية").proclitics, vec![Wa, Li]);
        let kept = tokenize(text);
        assert!(find(&kept, "وكالة").proclitics.is_empty());
        assert!(find(&kept, "ولاية").proclitics.is_empty());
        // a protected word still loses a clitic glued before it
        let t = find(&kept, "وولاية");
        assert_eq!(
            (t.proclitics.clone(), t.stem_norm.as_str()),
            (vec![Wa], "ولايه")
        );
        assert_eq!(tokenizer().protected().len(), 2);
        assert_ne!(tokenizer(), Tokenizer::default());
    }

    fn find<'a>(tokens: &'a [Token], text: &str) -> &'a Token {
        tokens
            .iter()
            .find(|t| t.text == text)
            .unwrap_or_else(|| panic!("no token {text:?} in {tokens:#?}"))
    }

    #[test]
    fn splits_proclitics_in_a_sentence() {
        let text = "وأعلن مسلحون موالون للحوثيين والقاعدة سيطرتهم على مواقع بالبيضاء وبالعاصمة.";
        let tokens = tokenize(text);
        let t = find(&tokens, "للحوثيين");
        assert_eq!(t.kind, TokenKind::Word);
        assert_eq!(t.proclitics, vec![Li, Al]);
        assert_eq!(t.stem_norm, "حوثيين");
        assert_eq!(slice_chars(text, t.stem), "حوثيين");
        assert_eq!(t.with_article().as_deref(), Some("الحوثيين"));
        let c = tokenizer().candidates(t);
        for form in ["للحوثيين", "الحوثيين", "حوثيين"] {
            assert!(c.contains(&form.to_string()), "{form} not in {c:?}");
        }
        assert_eq!(c.first().map(String::as_str), Some("للحوثيين"));

        let t = find(&tokens, "والقاعدة");
        assert_eq!(
            (t.proclitics.clone(), t.stem_norm.as_str()),
            (vec![Wa, Al], "قاعده")
        );
        let t = find(&tokens, "بالبيضاء");
        assert_eq!(
            (t.proclitics.clone(), t.stem_norm.as_str()),
            (vec![Bi, Al], "بيضاء")
        );
        let t = find(&tokens, "وبالعاصمة");
        assert_eq!(t.proclitics, vec![Wa, Bi, Al]);
        assert_eq!(t.norm, "وبالعاصمه");
        let t = find(&tokens, "وأعلن");
        assert_eq!(
            (t.proclitics.clone(), t.stem_norm.as_str()),
            (vec![Wa], "اعلن")
        );
        let t = find(&tokens, "سيطرتهم");
        assert!(t.proclitics.is_empty());
        assert_eq!(t.stem, t.span);
        assert_eq!(find(&tokens, ".").kind, TokenKind::Punct);
    }

    #[test]
    fn more_clitic_examples() {
        let text = "فللتنظيم حضور كالحوثي، وبحسب المصادر فإن وكالة الأنباء نقلت ذلك";
        let tokens = tokenize(text);
        let t = find(&tokens, "فللتنظيم");
        assert_eq!(t.proclitics, vec![Fa, Li, Al]);
        assert_eq!(t.stem_norm, "تنظيم");
        assert_eq!(t.with_article().as_deref(), Some("التنظيم"));
        let t = find(&tokens, "كالحوثي");
        assert_eq!(
            (t.proclitics.clone(), t.stem_norm.as_str()),
            (vec![Ka, Al], "حوثي")
        );
        let t = find(&tokens, "وبحسب");
        assert_eq!(
            (t.proclitics.clone(), t.stem_norm.as_str()),
            (vec![Wa, Bi], "حسب")
        );
        assert_eq!(t.with_article(), None);
        let t = find(&tokens, "وكالة");
        assert!(t.proclitics.is_empty());
        assert_eq!(tokenizer().candidates(t), vec!["وكاله"]);
        assert_eq!(find(&tokens, "،").kind, TokenKind::Punct);
    }

    #[test]
    fn clitic_only_token_before_quotes() {
        let text = "وقال مصدر لـ”العين الإخبارية” إن الهجوم تبناه تنظيم بـ\"ولاية خراسان\"";
        let tokens = tokenize(text);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "وقال",
                "مصدر",
                "لـ",
                "”",
                "العين",
                "الإخبارية",
                "”",
                "إن",
                "الهجوم",
                "تبناه",
                "تنظيم",
                "بـ",
                "\"",
                "ولاية",
                "خراسان",
                "\""
            ]
        );
        let li = find(&tokens, "لـ");
        assert!(li.is_clitic_only());
        assert_eq!(li.proclitics, vec![Li]);
        assert_eq!(li.stem, Span::new(li.span.end, li.span.end));
        assert_eq!(li.norm, "ل");
        assert_eq!(tokenizer().candidates(li), vec!["ل"]);
        let bi = find(&tokens, "بـ");
        assert!(bi.is_clitic_only());
        assert_eq!(bi.proclitics, vec![Bi]);
        let wilaya = find(&tokens, "ولاية");
        assert!(wilaya.proclitics.is_empty());
        assert_eq!(wilaya.norm, "ولايه");
        let ain = find(&tokens, "العين");
        assert_eq!(ain.proclitics, vec![Al]);
        assert_eq!(ain.stem_norm, "عين");
    }

    #[test]
    fn numbers_and_era_marker() {
        let text = "في عام ٢٠٢٣ قتل ١٢ شخصا، وفي 2023م قتل ٣٫٥ ألف";
        let tokens = tokenize(text);
        let t = find(&tokens, "٢٠٢٣");
        assert_eq!((t.kind, t.norm.as_str()), (TokenKind::Number, "2023"));
        assert_eq!(tokenizer().candidates(t), vec!["2023"]);
        let t = find(&tokens, "2023");
        assert_eq!((t.kind, t.norm.as_str()), (TokenKind::Number, "2023"));
        let next = tokens.iter().find(|x| x.span.start == t.span.end);
        assert_eq!(
            next.map(|x| (x.text.as_str(), x.kind)),
            Some(("م", TokenKind::Word))
        );
        let t = find(&tokens, "٣٫٥");
        assert_eq!((t.kind, t.norm.as_str()), (TokenKind::Number, "3.5"));
    }

    #[test]
    fn latin_and_diacritics() {
        let text = "عُقدت اجتماعاتٌ مع ممثلي ISIS وAl-Qaeda في الـحوثي";
        let tokens = tokenize(text);
        let t = find(&tokens, "عُقدت");
        assert_eq!((t.kind, t.norm.as_str()), (TokenKind::Word, "عقدت"));
        let t = find(&tokens, "ISIS");
        assert_eq!((t.kind, t.norm.as_str()), (TokenKind::Latin, "isis"));
        assert_eq!(find(&tokens, "و").kind, TokenKind::Word);
        assert_eq!(find(&tokens, "Al").kind, TokenKind::Latin);
        let t = find(&tokens, "الـحوثي");
        assert_eq!(t.proclitics, vec![Al]);
        assert_eq!(t.stem_norm, "حوثي");
        assert_eq!(slice_chars(text, t.stem), "حوثي");
    }

    #[test]
    fn punctuation_tokens() {
        let text = "«القاعدة» “داعش” ، ؛ ؟";
        let kinds: Vec<(String, TokenKind)> = tokenize(text)
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect();
        let punct: Vec<&str> = kinds
            .iter()
            .filter(|(_, k)| *k == TokenKind::Punct)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(punct, vec!["«", "»", "“", "”", "،", "؛", "؟"]);
    }

    #[test]
    fn spans_recover_text_for_awkward_input() {
        let text = "\u{064E} 🚀عدن\u{200F}ﻻ Ünïcode ـ ٠";
        for t in tokenize(text) {
            assert_eq!(slice_chars(text, t.span), t.text);
            assert!(t.span.contains(t.stem));
        }
        assert!(tokenize("").is_empty());
    }
}
