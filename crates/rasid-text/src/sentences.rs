//! Sentence splitting of Arabic news text.
//!
//! A sentence ends at `.` `!` `?` `؟` `…` `۔` (and runs of them such as `؟!`
//! or `...`), and a line break always ends one. The terminal punctuation and
//! any closing quotes/brackets glued after it stay in the sentence. A full stop
//! glued to the next Arabic word (`الإلكتروني.لكن`) still splits.
//!
//! A full stop does **not** end a sentence when it is
//! - between digits: decimals and dotted dates/times (`3.5`, `12.10.2023`);
//! - glued between Latin letters or digits (`U.S`, `alain.com`, `v2.1`);
//! - after a single Latin letter (`U.S.`, `J. Smith`) or a Latin title
//!   (`Dr.`, `Gen.`);
//! - after a single Arabic letter used as an abbreviation (`د.` for doctor,
//!   `م.` for engineer), unless that letter follows a number, where it is an
//!   era marker (`2023م.`, `1445 هـ.`) that can end a sentence;
//! - after a list number at the start of a sentence (`1. `).
//!
//! Any terminator followed by a lower-case Latin letter (e.g. an ellipsis
//! inside a quoted English phrase) does not end the sentence either.

use crate::script::{
    is_arabic_letter, is_closing_punct, is_digit, is_foreign_letter, is_invisible, is_line_break,
    is_lowercase_latin, TATWEEL,
};
use crate::Span;

/// Latin titles that are followed by a name, compared in lower case.
const LATIN_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "jr", "sr", "st",
    "vs",
];

/// Sentence-terminating punctuation.
fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Chars trimmed off both ends of a sentence.
fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Splits `text` into sentences, returned as trimmed, non-empty char spans in
/// text order.
pub fn sentences(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if is_line_break(c) {
            push_trimmed(&chars, start, i, &mut out);
            start = i + 1;
            i += 1;
        } else if is_stop(c) {
            match after_stop(&chars, start, i) {
                AfterStop::Ends(end) => {
                    push_trimmed(&chars, start, end, &mut out);
                    start = end;
                    i = end;
                }
                AfterStop::Continues(next) => i = next,
            }
        } else {
            i += 1;
        }
    }
    push_trimmed(&chars, start, chars.len(), &mut out);
    out
}

/// What a stop at some position does.
enum AfterStop {
    /// The sentence ends just before this char index.
    Ends(usize),
    /// No boundary; resume scanning at this index.
    Continues(usize),
}

/// Decides whether the stop at `i` ends the sentence that began at
/// `sentence_start`.
fn after_stop(chars: &[char], sentence_start: usize, i: usize) -> AfterStop {
    let n = chars.len();
    let mut j = i;
    while chars.get(j).copied().is_some_and(is_stop) {
        j += 1;
    }
    let single_dot = j == i + 1 && chars.get(i) == Some(&'.');
    if single_dot && !dot_ends_sentence(chars, sentence_start, i) {
        return AfterStop::Continues(i + 1);
    }
    while chars
        .get(j)
        .copied()
        .is_some_and(|c| is_closing_punct(c) || is_stop(c))
    {
        j += 1;
    }
    let mut k = j;
    while chars
        .get(k)
        .copied()
        .is_some_and(|c| (c.is_whitespace() && !is_line_break(c)) || is_invisible(c))
    {
        k += 1;
    }
    if chars.get(k).copied().is_some_and(is_lowercase_latin) {
        return AfterStop::Continues(j.min(n));
    }
    AfterStop::Ends(j.min(n))
}

/// True when the single full stop at `i` ends a sentence.
fn dot_ends_sentence(chars: &[char], sentence_start: usize, i: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    let next = chars.get(i + 1).copied();
    if prev.is_some_and(is_digit) && next.is_some_and(is_digit) {
        return false; // 3.5, 12.10.2023
    }
    let latin_or_digit = |c: char| c.is_ascii_digit() || is_foreign_letter(c);
    if prev.is_some_and(latin_or_digit) && next.is_some_and(latin_or_digit) {
        return false; // U.S, alain.com
    }
    if is_abbreviation(chars, i) {
        return false;
    }
    !is_list_number(chars, sentence_start, i)
}

/// True when the word right before the dot at `i` is an abbreviation.
fn is_abbreviation(chars: &[char], i: usize) -> bool {
    let word_start = chars
        .get(..i)
        .unwrap_or(&[])
        .iter()
        .rposition(|&c| !(c.is_alphabetic() || c == TATWEEL || crate::script::is_arabic_mark(c)))
        .map_or(0, |p| p + 1);
    let word = chars.get(word_start..i).unwrap_or(&[]);
    let letters: Vec<char> = word
        .iter()
        .copied()
        .filter(|&c| is_foreign_letter(c) || is_arabic_letter(c))
        .collect();
    match letters.as_slice() {
        [] => false,
        [only] if is_foreign_letter(*only) => true,
        [_] => {
            // A lone Arabic letter: an abbreviation (د. م.) unless it is an
            // era marker after a number (2023م. / 1445 هـ.).
            if word.contains(&TATWEEL) {
                return false;
            }
            let before = chars
                .get(..word_start)
                .unwrap_or(&[])
                .iter()
                .rev()
                .find(|c| !c.is_whitespace());
            !before.copied().is_some_and(is_digit)
        }
        many => {
            many.iter().all(|&c| is_foreign_letter(c)) && {
                let lower: String = many.iter().flat_map(|c| c.to_lowercase()).collect();
                LATIN_TITLES.contains(&lower.as_str())
            }
        }
    }
}

/// True when everything from the sentence start to `i` is a short number
/// (a list item marker such as `1.` or `١٢.`).
fn is_list_number(chars: &[char], sentence_start: usize, i: usize) -> bool {
    let before = chars.get(sentence_start..i).unwrap_or(&[]);
    let content: Vec<char> = before
        .iter()
        .copied()
        .skip_while(|&c| is_trimmable(c))
        .collect();
    !content.is_empty() && content.len() <= 3 && content.iter().all(|&c| is_digit(c))
}

/// Pushes `[start, end)` trimmed of whitespace and invisibles, if non-empty.
fn push_trimmed(chars: &[char], start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = chars.get(start..end).unwrap_or(&[]);
    let Some(first) = slice.iter().position(|&c| !is_trimmable(c)) else {
        return;
    };
    let last = slice
        .iter()
        .rposition(|&c| !is_trimmable(c))
        .unwrap_or(first);
    out.push(Span::new(start + first, start + last + 1));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice_chars;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|s| slice_chars(text, s))
            .collect()
    }

    #[test]
    fn splits_on_arabic_and_latin_terminators() {
        let text =
            "قال المتحدث إن الهجوم وقع فجرا. وأضاف أن ثلاثة قتلوا! هل انتهى الأمر؟ لا أحد يعرف…";
        assert_eq!(
            split(text),
            vec![
                "قال المتحدث إن الهجوم وقع فجرا.",
                "وأضاف أن ثلاثة قتلوا!",
                "هل انتهى الأمر؟",
                "لا أحد يعرف…",
            ]
        );
    }

    #[test]
    fn full_stop_glued_to_next_word_splits() {
        let text = "نشر التنظيم البيان على موقعه الإلكتروني.لكن الحكومة نفت ذلك.";
        assert_eq!(
            split(text),
            vec![
                "نشر التنظيم البيان على موقعه الإلكتروني.",
                "لكن الحكومة نفت ذلك.",
            ]
        );
    }

    #[test]
    fn decimals_and_dotted_dates_do_not_split() {
        let text =
            "بلغت الخسائر 3.5 مليون دولار و٣٫٥ مليون ريال في 12.10.2023 قرب عدن. وانتهى الاجتماع.";
        assert_eq!(
            split(text),
            vec![
                "بلغت الخسائر 3.5 مليون دولار و٣٫٥ مليون ريال في 12.10.2023 قرب عدن.",
                "وانتهى الاجتماع.",
            ]
        );
        assert_eq!(split("سقط ٣.٥ ألف نازح.").len(), 1);
    }

    #[test]
    fn latin_abbreviations_and_domains_do_not_split() {
        let text = "فرضت U.S. عقوبات جديدة وفق موقع alain.com اليوم. ورحب Dr. Smith بالقرار.";
        assert_eq!(
            split(text),
            vec![
                "فرضت U.S. عقوبات جديدة وفق موقع alain.com اليوم.",
                "ورحب Dr. Smith بالقرار.",
            ]
        );
    }

    #[test]
    fn arabic_single_letter_abbreviation_versus_era_marker() {
        assert_eq!(split("وصرح د. محمد العلي بأن الوضع هادئ.").len(), 1);
        assert_eq!(
            split("وقع الهجوم عام 2023م. وفي العام التالي تكرر."),
            vec!["وقع الهجوم عام 2023م.", "وفي العام التالي تكرر."]
        );
        assert_eq!(
            split("تأسس التنظيم سنة 1420 هـ. ثم توسع."),
            vec!["تأسس التنظيم سنة 1420 هـ.", "ثم توسع."]
        );
    }

    #[test]
    fn ellipsis_before_lowercase_latin_continues() {
        let text = "قال القائد \"we will fight... until the end\" ثم غادر القاعة. وساد الصمت.";
        assert_eq!(
            split(text),
            vec![
                "قال القائد \"we will fight... until the end\" ثم غادر القاعة.",
                "وساد الصمت.",
            ]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_the_sentence() {
        let text =
            "قال الناطق: «انسحبنا من المدينة.» ثم صمت. وأكد المصدر (وهو ضابط.) الخبر؟\" انتهى";
        assert_eq!(
            split(text),
            vec![
                "قال الناطق: «انسحبنا من المدينة.»",
                "ثم صمت.",
                "وأكد المصدر (وهو ضابط.)",
                "الخبر؟\"",
                "انتهى",
            ]
        );
    }

    #[test]
    fn line_breaks_always_end_sentences() {
        let text = "  مقتل قيادي في غارة\r\nأعلن الجيش مقتل قيادي بارز\n\n\u{200F}وأضاف البيان أن العملية مستمرة  ";
        assert_eq!(
            split(text),
            vec![
                "مقتل قيادي في غارة",
                "أعلن الجيش مقتل قيادي بارز",
                "وأضاف البيان أن العملية مستمرة",
            ]
        );
    }

    #[test]
    fn runs_of_terminators_and_list_numbers() {
        assert_eq!(
            split("هل هذا صحيح؟! نعم..."),
            vec!["هل هذا صحيح؟!", "نعم..."]
        );
        assert_eq!(
            split("1. انسحاب القوات من المدينة.\n2. تبادل الأسرى."),
            vec!["1. انسحاب القوات من المدينة.", "2. تبادل الأسرى."]
        );
    }

    #[test]
    fn degenerate_inputs() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\t\u{200F} ").is_empty());
        assert_eq!(split("..."), vec!["..."]);
        assert_eq!(split("."), vec!["."]);
        assert_eq!(split("\u{064E}"), vec!["\u{064E}"]);
        assert_eq!(split("🚀!🚀"), vec!["🚀!", "🚀"]);
        for span in sentences("a. b. c? د؟ ٣.") {
            assert!(!span.is_empty());
        }
    }
}
