//! Raw segmentation of text into token spans and kinds, before any clitic
//! analysis.
//!
//! - Arabic words: Arabic letters with their diacritics and tatweel (a word
//!   with harakat or tatweel stays one token: `عُقدت`, `الـحوثي`); ZWNJ/ZWJ
//!   and soft hyphens between letters stay inside.
//! - Latin words: non-Arabic letters, optionally followed by ASCII digits
//!   (`F16`, `COVID19`).
//! - Numbers: digits of any of the three digit sets, with `.` `,` `٫` `٬`
//!   allowed *between* digits (`3.5`, `1,200`, `١٢.١٠.٢٠٢٣`). A number never
//!   contains letters: `2023م` is the number `2023` and the word `م`.
//! - Punctuation: one char per token.
//! - Symbols: anything else visible (emoji, currency signs), one per token,
//!   keeping emoji modifiers and ZWJ sequences together.
//!
//! Whitespace and invisible formatting characters separate tokens and belong
//! to none. Combining marks attach to the token before them; marks with no
//! token before them form a symbol token.

use crate::script::{
    is_arabic_letter, is_arabic_mark, is_digit, is_extender, is_foreign_letter, is_invisible,
    is_punct, TATWEEL,
};
use crate::tokens::TokenKind;
use crate::Span;

/// Character classes the scanner distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Invisible,
    ArabicLetter,
    /// Arabic diacritic or tatweel: part of an Arabic word.
    ArabicAttached,
    /// Non-Arabic combining mark or emoji modifier.
    Extender,
    Foreign,
    Digit,
    Punct,
    Symbol,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if is_invisible(c) {
        Class::Invisible
    } else if is_arabic_mark(c) || c == TATWEEL {
        Class::ArabicAttached
    } else if is_extender(c) {
        Class::Extender
    } else if is_digit(c) {
        Class::Digit
    } else if is_arabic_letter(c) {
        Class::ArabicLetter
    } else if is_foreign_letter(c) {
        Class::Foreign
    } else if is_punct(c) {
        Class::Punct
    } else {
        Class::Symbol
    }
}

/// Invisible chars that may sit inside a word (ZWNJ, ZWJ, soft hyphen).
fn is_word_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{00AD}')
}

/// Separators allowed between two digits of one number.
fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}')
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Class of the char at `i`, if any.
fn class_at(chars: &[char], i: usize) -> Option<Class> {
    chars.get(i).copied().map(class)
}

/// Skips combining marks / extenders from `i`.
fn skip_extenders(chars: &[char], mut i: usize) -> usize {
    while matches!(
        class_at(chars, i),
        Some(Class::Extender | Class::ArabicAttached)
    ) && chars.get(i) != Some(&TATWEEL)
    {
        i += 1;
    }
    i
}

/// End of the Arabic word starting at `i`, and whether it has a letter.
fn arabic_word_end(chars: &[char], mut i: usize) -> (usize, bool) {
    let mut has_letter = false;
    loop {
        match class_at(chars, i) {
            Some(Class::ArabicLetter) => {
                has_letter = true;
                i += 1;
            }
            Some(Class::ArabicAttached | Class::Extender) => i += 1,
            Some(Class::Invisible)
                if chars.get(i).copied().is_some_and(is_word_joiner)
                    && matches!(
                        class_at(chars, i + 1),
                        Some(Class::ArabicLetter | Class::ArabicAttached)
                    ) =>
            {
                i += 1
            }
            _ => return (i, has_letter),
        }
    }
}

/// End of the Latin word starting at `i`.
fn latin_word_end(chars: &[char], mut i: usize) -> usize {
    loop {
        match class_at(chars, i) {
            Some(Class::Foreign | Class::Extender) => i += 1,
            Some(Class::Digit) if chars.get(i).is_some_and(char::is_ascii_digit) => i += 1,
            Some(Class::Invisible)
                if chars.get(i).copied().is_some_and(is_word_joiner)
                    && class_at(chars, i + 1) == Some(Class::Foreign) =>
            {
                i += 1
            }
            _ => return i,
        }
    }
}

/// End of the number starting at `i`.
fn number_end(chars: &[char], mut i: usize) -> usize {
    loop {
        match chars.get(i).copied() {
            Some(c) if is_digit(c) => i += 1,
            Some(c)
                if is_number_separator(c) && chars.get(i + 1).copied().is_some_and(is_digit) =>
            {
                i += 2
            }
            _ => return i,
        }
    }
}

/// End of the symbol (emoji) starting at `i`.
fn symbol_end(chars: &[char], i: usize) -> usize {
    let first = chars.get(i).copied();
    let mut end = skip_extenders(chars, i + 1);
    if first.is_some_and(is_regional_indicator)
        && end == i + 1
        && chars.get(end).copied().is_some_and(is_regional_indicator)
    {
        end = skip_extenders(chars, end + 1);
    }
    // ZWJ sequences: 👨‍👩‍👧
    while chars.get(end) == Some(&'\u{200D}') && class_at(chars, end + 1) == Some(Class::Symbol) {
        end = skip_extenders(chars, end + 2);
    }
    end
}

/// Splits `chars` into token spans with their kinds, in order.
pub(crate) fn scan(chars: &[char]) -> Vec<(Span, TokenKind)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(cls) = class_at(chars, i) {
        let (end, kind) = match cls {
            Class::Space | Class::Invisible => {
                i += 1;
                continue;
            }
            Class::ArabicLetter | Class::ArabicAttached => {
                let (end, has_letter) = arabic_word_end(chars, i);
                let kind = if has_letter {
                    TokenKind::Word
                } else {
                    TokenKind::Symbol
                };
                (end, kind)
            }
            Class::Foreign => (latin_word_end(chars, i), TokenKind::Latin),
            Class::Digit => (number_end(chars, i), TokenKind::Number),
            Class::Punct => (skip_extenders(chars, i + 1), TokenKind::Punct),
            Class::Extender => (skip_extenders(chars, i + 1), TokenKind::Symbol),
            Class::Symbol => (symbol_end(chars, i), TokenKind::Symbol),
        };
        // Every branch consumes at least the char at `i`.
        let end = end.max(i + 1);
        out.push((Span::new(i, end), kind));
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<(String, TokenKind)> {
        let chars: Vec<char> = text.chars().collect();
        scan(&chars)
            .into_iter()
            .map(|(s, k)| (chars[s.start..s.end].iter().collect(), k))
            .collect()
    }

    use TokenKind::*;

    #[test]
    fn words_keep_diacritics_and_tatweel() {
        assert_eq!(
            pieces("عُقدت اجتماعاً الـحوثي"),
            vec![
                ("عُقدت".into(), Word),
                ("اجتماعاً".into(), Word),
                ("الـحوثي".into(), Word)
            ]
        );
    }

    #[test]
    fn numbers_split_from_letters() {
        assert_eq!(
            pieces("عام 2023م و٢٠٢٤ و3.5 و١٬٢٠٠"),
            vec![
                ("عام".into(), Word),
                ("2023".into(), Number),
                ("م".into(), Word),
                ("و".into(), Word),
                ("٢٠٢٤".into(), Number),
                ("و".into(), Word),
                ("3.5".into(), Number),
                ("و".into(), Word),
                ("١٬٢٠٠".into(), Number),
            ]
        );
        // a trailing separator is punctuation, not part of the number
        assert_eq!(
            pieces("قتل 12."),
            vec![
                ("قتل".into(), Word),
                ("12".into(), Number),
                (".".into(), Punct)
            ]
        );
    }

    #[test]
    fn latin_punct_and_symbols() {
        assert_eq!(
            pieces("«داعش» ISIS-K، F16؟ 👍🏽 🇾🇪"),
            vec![
                ("«".into(), Punct),
                ("داعش".into(), Word),
                ("»".into(), Punct),
                ("ISIS".into(), Latin),
                ("-".into(), Punct),
                ("K".into(), Latin),
                ("،".into(), Punct),
                ("F16".into(), Latin),
                ("؟".into(), Punct),
                ("👍🏽".into(), Symbol),
                ("🇾🇪".into(), Symbol),
            ]
        );
    }

    #[test]
    fn invisibles_separate_or_join() {
        // RLM between words is a separator; ZWNJ inside a Persian word joins
        assert_eq!(
            pieces("\u{200F}عدن\u{200F} می\u{200C}خواهد"),
            vec![("عدن".into(), Word), ("می\u{200C}خواهد".into(), Word)]
        );
    }

    #[test]
    fn lone_marks_do_not_panic() {
        assert_eq!(pieces("\u{064E}"), vec![("\u{064E}".into(), Symbol)]);
        assert_eq!(
            pieces("\u{0301}a"),
            vec![("\u{0301}".into(), Symbol), ("a".into(), Latin)]
        );
        assert_eq!(pieces("ـــ"), vec![("ـــ".into(), Symbol)]);
        assert!(pieces("").is_empty());
        assert!(pieces(" \u{200B} ").is_empty());
    }
}
