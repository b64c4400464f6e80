//! The individual normalisation rules. Each rule is a small unit struct that
//! implements [`CharRule`] and folds one family of characters; the default
//! chain ([`default_rules`]) applies them in the order they are listed here.

use crate::script::{decimal_digit, is_arabic_mark, is_invisible, TATWEEL};
use unicode_normalization::UnicodeNormalization;

/// One step of the normalisation chain.
///
/// A rule looks at a single char. If it handles it, it appends the replacement
/// (zero, one or several chars) to `out` and returns `true`; the replacement is
/// then fed to the *following* rules of the chain. If it does not handle the
/// char it must leave `out` untouched and return `false`, and the char moves on
/// to the next rule unchanged.
pub trait CharRule: Send + Sync {
    /// Short, stable name of the rule (for debugging and documentation).
    fn name(&self) -> &'static str;

    /// Folds `c` into `out`; see the trait documentation.
    fn apply(&self, c: char, out: &mut Vec<char>) -> bool;
}

/// NFKC compatibility folding of Arabic presentation forms (U+FB50–U+FDFF,
/// U+FE70–U+FEFF): contextual glyph forms and ligatures that old PDFs and some
/// web pages store instead of the letters, e.g. `ﻻ` → `لا`, `ﺔ` → `ة`, `ﷲ` →
/// `الله`.
///
/// Why: the same word must match whatever glyph encoding the source used. The
/// isolated-harakah forms (`ﹰ` = space + fathatan) decompose with a spacing
/// carrier; that carrier space is dropped so a mark never splits a word.
pub struct PresentationForms;

impl CharRule for PresentationForms {
    fn name(&self) -> &'static str {
        "presentation-forms"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        if !matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') {
            return false;
        }
        let start = out.len();
        let mut folded = std::iter::once(c).nfkc().peekable();
        while let Some(d) = folded.next() {
            let carrier = d == ' ' && folded.peek().is_some_and(|&n| is_arabic_mark(n));
            if !carrier {
                out.push(d);
            }
        }
        if out.get(start..) == Some(&[c][..]) {
            // No compatibility decomposition (e.g. U+FEFF, ornate parentheses).
            out.truncate(start);
            return false;
        }
        true
    }
}

/// Drops Arabic diacritics: harakat, tanween, shadda, sukun, small high
/// letters and Quranic annotation marks (U+0610–U+061A, U+064B–U+065F,
/// U+0670, U+06D6–U+06ED, plus the Extended-A marks U+08D3–U+08FF).
///
/// Why: news text is mostly unvocalised, and vocalisation is inconsistent
/// (`اجتماعاً` vs `اجتماعا`); matching must ignore it.
pub struct DropArabicMarks;

impl CharRule for DropArabicMarks {
    fn name(&self) -> &'static str {
        "drop-arabic-marks"
    }

    fn apply(&self, c: char, _out: &mut Vec<char>) -> bool {
        is_arabic_mark(c)
    }
}

/// Drops tatweel / kashida (U+0640), a typographic stretch with no meaning
/// (`الـحوثي` = `الحوثي`).
pub struct DropTatweel;

impl CharRule for DropTatweel {
    fn name(&self) -> &'static str {
        "drop-tatweel"
    }

    fn apply(&self, c: char, _out: &mut Vec<char>) -> bool {
        c == TATWEEL
    }
}

/// Drops invisible formatting characters: zero-width space/non-joiner/joiner,
/// LRM/RLM (U+200B–U+200F), the Arabic letter mark U+061C, BOM U+FEFF, bidi
/// embeddings and isolates, word joiner and soft hyphen.
///
/// Why: scraped Arabic pages are full of bidi controls that are invisible to a
/// reader but would break exact matching.
pub struct DropInvisible;

impl CharRule for DropInvisible {
    fn name(&self) -> &'static str {
        "drop-invisible"
    }

    fn apply(&self, c: char, _out: &mut Vec<char>) -> bool {
        is_invisible(c)
    }
}

/// Folds every alef carrying a hamza or madda, and alef wasla, to bare alef:
/// `أ إ آ ٱ` (and the rare wavy-hamza alefs U+0672, U+0673) → `ا`.
///
/// Why: hamza on alef is written inconsistently in news (`الإخوان` /
/// `الاخوان`).
pub struct FoldAlef;

impl CharRule for FoldAlef {
    fn name(&self) -> &'static str {
        "fold-alef"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        let hit = matches!(
            c,
            '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}'
        );
        if hit {
            out.push('\u{0627}');
        }
        hit
    }
}

/// Folds ta marbuta `ة` to ha `ه`.
///
/// Why: word-final `ة` and `ه` are interchanged in informal and scraped text
/// (`القاعدة` / `القاعده`).
pub struct FoldTaMarbuta;

impl CharRule for FoldTaMarbuta {
    fn name(&self) -> &'static str {
        "fold-ta-marbuta"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        let hit = c == '\u{0629}';
        if hit {
            out.push('\u{0647}');
        }
        hit
    }
}

/// Folds alef maqsura `ى` to ya `ي`.
///
/// Why: Egyptian and many web sources write final `ي` as `ى` and vice versa
/// (`على` / `علي`).
pub struct FoldAlefMaqsura;

impl CharRule for FoldAlefMaqsura {
    fn name(&self) -> &'static str {
        "fold-alef-maqsura"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        let hit = c == '\u{0649}';
        if hit {
            out.push('\u{064A}');
        }
        hit
    }
}

/// Folds hamza on its seats to the bare seat: `ؤ` → `و`, `ئ` → `ي`.
///
/// Why: the seat of the hamza varies with spelling conventions and is often
/// dropped (`رئيس` / `ريس`, `مسؤول` / `مسئول` / `مسوول`).
pub struct FoldHamzaSeats;

impl CharRule for FoldHamzaSeats {
    fn name(&self) -> &'static str {
        "fold-hamza-seats"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        let folded = match c {
            '\u{0624}' => '\u{0648}',
            '\u{0626}' => '\u{064A}',
            _ => return false,
        };
        out.push(folded);
        true
    }
}

/// Folds Persian/Urdu/Kurdish letter variants that Arabic sites often use by
/// keyboard accident: `ی ې ێ` → `ي`, `ک` → `ك`, `گ` → `ك`, `ۀ ە` → `ه`.
/// Letters with no Arabic twin (`پ چ ژ ڤ`) are kept: they distinguish
/// foreign names (`ڤيينا`).
pub struct FoldPersianLetters;

impl CharRule for FoldPersianLetters {
    fn name(&self) -> &'static str {
        "fold-persian-letters"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        let folded = match c {
            '\u{06CC}' | '\u{06D0}' | '\u{06CE}' => '\u{064A}',
            '\u{06A9}' | '\u{06AF}' => '\u{0643}',
            '\u{06C0}' | '\u{06D5}' => '\u{0647}',
            _ => return false,
        };
        out.push(folded);
        true
    }
}

/// Folds Arabic-Indic (`٠-٩`) and Extended Arabic-Indic / Persian (`۰-۹`)
/// digits to ASCII `0-9`, and the Arabic decimal and thousands separators
/// `٫` `٬` to `.` and `,`. The Arabic comma, semicolon and question mark are
/// left alone.
///
/// Why: numbers (casualty counts, years) must compare equal whatever digit
/// set the outlet uses (`٢٠٢٣` = `2023`, `٣٫٥` = `3.5`).
pub struct FoldDigits;

impl CharRule for FoldDigits {
    fn name(&self) -> &'static str {
        "fold-digits"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        let folded = match c {
            '\u{066B}' => '.',
            '\u{066C}' => ',',
            '0'..='9' => return false,
            _ => match decimal_digit(c).and_then(|d| char::from_digit(d, 10)) {
                Some(d) => d,
                None => return false,
            },
        };
        out.push(folded);
        true
    }
}

/// Lower-cases upper-case letters (Latin, and any other cased script), using
/// the full Unicode mapping (which may yield more than one char).
///
/// Why: Latin names in Arabic news (`ISIS`, `Isis`) must match regardless of
/// case.
pub struct LowercaseLetters;

impl CharRule for LowercaseLetters {
    fn name(&self) -> &'static str {
        "lowercase"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        // Arabic script has no case: skip the Unicode lookup for it.
        if ('\u{0600}'..='\u{06FF}').contains(&c) || !c.is_uppercase() {
            return false;
        }
        out.extend(c.to_lowercase());
        true
    }
}

/// Maps every Unicode whitespace char (tab, newline, NBSP, thin space, …) to
/// a plain space. Runs of spaces are then merged into one by the
/// [`Normalizer`](super::Normalizer) itself (a space is only emitted if the
/// previous emitted char is not a space), since merging needs context a
/// per-char rule does not have.
pub struct UnifyWhitespace;

impl CharRule for UnifyWhitespace {
    fn name(&self) -> &'static str {
        "unify-whitespace"
    }

    fn apply(&self, c: char, out: &mut Vec<char>) -> bool {
        if c == ' ' || !c.is_whitespace() {
            return false;
        }
        out.push(' ');
        true
    }
}

/// The default chain, in order: presentation forms, marks, tatweel,
/// invisibles, alef, ta marbuta, alef maqsura, hamza seats, Persian letters,
/// digits, lower case, whitespace.
pub fn default_rules() -> Vec<Box<dyn CharRule>> {
    vec![
        Box::new(PresentationForms),
        Box::new(DropArabicMarks),
        Box::new(DropTatweel),
        Box::new(DropInvisible),
        Box::new(FoldAlef),
        Box::new(FoldTaMarbuta),
        Box::new(FoldAlefMaqsura),
        Box::new(FoldHamzaSeats),
        Box::new(FoldPersianLetters),
        Box::new(FoldDigits),
        Box::new(LowercaseLetters),
        Box::new(UnifyWhitespace),
    ]
}

/// The "letter skeleton" chain: only the rules that remove or decompose
/// characters (presentation forms, marks, tatweel, invisibles), no letter
/// folding. The tokeniser uses it to find clitics while still telling `ا`
/// from `أ` (`القى` must not look like `ال` + `قى`).
pub fn skeleton_rules() -> Vec<Box<dyn CharRule>> {
    vec![
        Box::new(PresentationForms),
        Box::new(DropArabicMarks),
        Box::new(DropTatweel),
        Box::new(DropInvisible),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rule: &dyn CharRule, c: char) -> Option<String> {
        let mut out = Vec::new();
        rule.apply(c, &mut out).then(|| out.into_iter().collect())
    }

    #[test]
    fn presentation_forms_decompose() {
        assert_eq!(run(&PresentationForms, 'ﻻ').as_deref(), Some("لا"));
        assert_eq!(run(&PresentationForms, 'ﺔ').as_deref(), Some("ة"));
        assert_eq!(run(&PresentationForms, 'ﷲ').as_deref(), Some("الله"));
        // isolated fathatan: the spacing carrier is dropped, the mark kept
        assert_eq!(
            run(&PresentationForms, '\u{FE70}').as_deref(),
            Some("\u{064B}")
        );
        // no decomposition: not handled
        assert_eq!(run(&PresentationForms, '\u{FEFF}'), None);
        assert_eq!(run(&PresentationForms, '\u{FD3E}'), None);
        assert_eq!(run(&PresentationForms, 'ب'), None);
    }

    #[test]
    fn drops_marks_tatweel_invisibles() {
        assert_eq!(run(&DropArabicMarks, '\u{064B}').as_deref(), Some(""));
        assert_eq!(run(&DropArabicMarks, '\u{0670}').as_deref(), Some(""));
        assert_eq!(run(&DropArabicMarks, 'ب'), None);
        assert_eq!(run(&DropTatweel, 'ـ').as_deref(), Some(""));
        assert_eq!(run(&DropInvisible, '\u{200F}').as_deref(), Some(""));
        assert_eq!(run(&DropInvisible, '\u{061C}').as_deref(), Some(""));
        assert_eq!(run(&DropInvisible, ' '), None);
    }

    #[test]
    fn letter_folds() {
        for c in ['أ', 'إ', 'آ', 'ٱ'] {
            assert_eq!(run(&FoldAlef, c).as_deref(), Some("ا"));
        }
        assert_eq!(run(&FoldTaMarbuta, 'ة').as_deref(), Some("ه"));
        assert_eq!(run(&FoldAlefMaqsura, 'ى').as_deref(), Some("ي"));
        assert_eq!(run(&FoldHamzaSeats, 'ؤ').as_deref(), Some("و"));
        assert_eq!(run(&FoldHamzaSeats, 'ئ').as_deref(), Some("ي"));
        assert_eq!(run(&FoldHamzaSeats, 'ء'), None);
        assert_eq!(run(&FoldPersianLetters, 'ی').as_deref(), Some("ي"));
        assert_eq!(run(&FoldPersianLetters, 'ک').as_deref(), Some("ك"));
        assert_eq!(run(&FoldPersianLetters, 'گ').as_deref(), Some("ك"));
        assert_eq!(run(&FoldPersianLetters, 'ە').as_deref(), Some("ه"));
        assert_eq!(run(&FoldPersianLetters, 'پ'), None);
        assert_eq!(run(&FoldPersianLetters, 'ڤ'), None);
    }

    #[test]
    fn digits_and_separators() {
        assert_eq!(run(&FoldDigits, '٣').as_deref(), Some("3"));
        assert_eq!(run(&FoldDigits, '۹').as_deref(), Some("9"));
        assert_eq!(run(&FoldDigits, '٫').as_deref(), Some("."));
        assert_eq!(run(&FoldDigits, '7'), None);
        assert_eq!(run(&FoldDigits, '،'), None);
        assert_eq!(run(&FoldDigits, '؟'), None);
    }

    #[test]
    fn case_and_whitespace() {
        assert_eq!(run(&LowercaseLetters, 'Q').as_deref(), Some("q"));
        assert_eq!(run(&LowercaseLetters, 'İ').as_deref(), Some("i\u{0307}"));
        assert_eq!(run(&LowercaseLetters, 'ق'), None);
        assert_eq!(run(&UnifyWhitespace, '\u{00A0}').as_deref(), Some(" "));
        assert_eq!(run(&UnifyWhitespace, '\n').as_deref(), Some(" "));
        assert_eq!(run(&UnifyWhitespace, ' '), None);
    }

    #[test]
    fn chains_have_stable_names_in_order() {
        let names: Vec<&str> = default_rules().iter().map(|r| r.name()).collect();
        assert_eq!(names.first(), Some(&"presentation-forms"));
        assert_eq!(names.last(), Some(&"unify-whitespace"));
        assert_eq!(names.len(), 12);
        assert_eq!(skeleton_rules().len(), 4);
    }
}
