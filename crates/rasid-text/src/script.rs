//! Character classes shared by normalisation, sentence splitting and
//! tokenisation: Arabic letters and marks, digits of the three digit sets used
//! in Arabic news, invisible formatting characters, punctuation and quotes.
//!
//! Everything is a cheap `match` on code-point ranges, so the classes agree exactly
//! between modules; only [`is_letter`] keeps a table (the standard library's answer for
//! the first 2,048 code points, computed once).

use std::sync::LazyLock;

/// Arabic tatweel (kashida), a purely typographic elongation mark.
pub const TATWEEL: char = '\u{0640}';

/// Arabic harakat, Quranic annotation signs and superscript alef: the marks the
/// normaliser drops (U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED).
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}')
}

/// Non-Arabic combining marks and grapheme extenders (combining diacritics,
/// variation selectors, emoji skin-tone modifiers, keycap, tags). They belong
/// to whatever token precedes them.
#[inline]
pub fn is_extender(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Zero-width and bidirectional formatting characters that carry no text:
/// ZWSP/ZWNJ/ZWJ/LRM/RLM (U+200B–U+200F), the Arabic letter mark U+061C, the
/// BOM / zero-width no-break space U+FEFF, bidi embeddings and isolates
/// (U+202A–U+202E, U+2066–U+2069), word joiner and invisible operators
/// (U+2060–U+2064) and the soft hyphen U+00AD.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{00AD}')
}

/// True for code points of the Arabic script blocks, including presentation
/// forms A and B.
#[inline]
pub fn is_arabic_block(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFE}'
        | '\u{1EE00}'..='\u{1EEFF}')
}

/// A letter of any script (`char::is_alphabetic`), with fast paths for ASCII and the
/// basic Arabic block, which make up nearly all of an Arabic news page, and a table for
/// the rest of the first 2,048 code points (Arabic marks and punctuation, «», Latin-1):
/// the standard library searches its tables for every non-ASCII character.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        return true;
    }
    match LETTERS_BELOW_0800.get(c as usize) {
        Some(&letter) => letter,
        None => c.is_alphabetic(),
    }
}

/// `char::is_alphabetic` of U+0000–U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic and its
/// supplement), computed once.
static LETTERS_BELOW_0800: LazyLock<[bool; 0x800]> = LazyLock::new(|| {
    let mut table = [false; 0x800];
    for (cp, slot) in (0u32..).zip(table.iter_mut()) {
        *slot = char::from_u32(cp).is_some_and(char::is_alphabetic);
    }
    table
});

/// An Arabic-script letter (including presentation-form letters and
/// ligatures), excluding marks, tatweel, digits and punctuation.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    // Fast path for the letters of the basic Arabic block (the Unicode
    // alphabetic lookup is comparatively slow for non-ASCII chars).
    if matches!(c,
        '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}')
    {
        return true;
    }
    is_arabic_block(c)
        && c != TATWEEL
        && !is_arabic_mark(c)
        && is_letter(c)
        && decimal_digit(c).is_none()
}

/// Value of a decimal digit in ASCII (0-9), Arabic-Indic (٠-٩, U+0660–U+0669)
/// or Extended Arabic-Indic / Persian (۰-۹, U+06F0–U+06F9).
#[inline]
pub fn decimal_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// True for a digit of one of the three digit sets of [`decimal_digit`].
#[inline]
pub fn is_digit(c: char) -> bool {
    decimal_digit(c).is_some()
}

/// A non-Arabic letter (Latin, Greek, Cyrillic, …). The tokeniser calls these
/// "Latin" tokens: in Arabic news they are overwhelmingly Latin script.
#[inline]
pub fn is_foreign_letter(c: char) -> bool {
    is_letter(c) && !is_arabic_block(c) && !is_extender(c)
}

/// Lower-case Latin letter (ASCII or Latin-1/Extended), used by the sentence
/// splitter: a lower-case continuation means the sentence goes on.
#[inline]
pub fn is_lowercase_latin(c: char) -> bool {
    c.is_lowercase() && matches!(c, 'a'..='z' | '\u{00DF}'..='\u{024F}')
}

/// Line and paragraph breaks: a sentence never crosses one.
#[inline]
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

/// Punctuation: ASCII punctuation and symbols, Latin-1 punctuation (« » ¿ ¡ …),
/// General Punctuation (“ ” – — … ‹ ›), Arabic punctuation (، ؛ ؟ ٪ ٭ ۔),
/// ornate parentheses, CJK and full-width punctuation. Other non-alphanumeric
/// characters (emoji, currency signs outside ASCII, arrows) are symbols.
#[inline]
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00A1}'..='\u{00BF}'
            | '\u{00D7}'
            | '\u{00F7}'
            | '\u{2010}'..='\u{205E}'
            | '\u{0609}'..='\u{060D}'
            | '\u{061B}'
            | '\u{061D}'..='\u{061F}'
            | '\u{066A}'..='\u{066D}'
            | '\u{06D4}'
            | '\u{FD3E}'..='\u{FD3F}'
            | '\u{2E00}'..='\u{2E7F}'
            | '\u{3000}'..='\u{303F}'
            | '\u{FE10}'..='\u{FE19}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FE50}'..='\u{FE6B}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}')
            && !is_invisible(c)
            && !c.is_whitespace()
}

/// Closing quotes and brackets that stay with the sentence they close.
#[inline]
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '»'
            | '›'
            | '”'
            | '’'
            | '\u{FD3E}'
            | '\u{FD3F}'
            | '」'
            | '』'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_versus_marks() {
        for c in "بسمالله".chars() {
            assert!(is_arabic_letter(c), "{c}");
        }
        // fatha, shadda, sukun, superscript alef, tatweel
        for c in ['\u{064E}', '\u{0651}', '\u{0652}', '\u{0670}'] {
            assert!(is_arabic_mark(c));
            assert!(!is_arabic_letter(c));
        }
        assert!(!is_arabic_letter(TATWEEL));
        assert!(is_arabic_letter('ﻻ')); // presentation-form lam-alef
        assert!(is_arabic_letter('ی')); // Persian yeh
        assert!(!is_arabic_letter('،'));
        assert!(!is_arabic_letter('٣'));
    }

    #[test]
    fn digits_of_all_three_sets() {
        assert_eq!(decimal_digit('7'), Some(7));
        assert_eq!(decimal_digit('٧'), Some(7));
        assert_eq!(decimal_digit('۷'), Some(7));
        assert_eq!(decimal_digit('a'), None);
        assert!(!is_digit('²'));
    }

    #[test]
    fn punctuation_classes() {
        for c in ['،', '؛', '؟', '«', '»', '“', '”', '.', '…', '٪'] {
            assert!(is_punct(c), "{c}");
        }
        assert!(!is_punct('🚀'));
        assert!(!is_punct('\u{200F}'));
        assert!(!is_punct('ب'));
        assert!(is_closing_punct('»'));
        assert!(!is_closing_punct('«'));
    }

    #[test]
    fn invisible_and_foreign() {
        assert!(is_invisible('\u{200C}'));
        assert!(is_invisible('\u{FEFF}'));
        assert!(is_foreign_letter('Q'));
        assert!(is_foreign_letter('é'));
        assert!(!is_foreign_letter('ق'));
        assert!(is_lowercase_latin('t'));
        assert!(!is_lowercase_latin('T'));
        assert!(!is_lowercase_latin('ت'));
    }
}

#[cfg(test)]
mod letter_tests {
    use super::is_letter;

    #[test]
    fn is_letter_agrees_with_the_standard_library() {
        for cp in 0..0x3000u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_letter(c), c.is_alphabetic(), "U+{cp:04X}");
            }
        }
    }
}
