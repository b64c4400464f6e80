//! Char-offset helpers: counting chars, slicing by char [`Span`]s and converting
//! between byte and char offsets.
//!
//! Rust strings are indexed by byte, while every offset this crate reports is a
//! char (Unicode scalar value) offset. Nothing here panics: out-of-range
//! offsets are clamped to the end of the text.

use crate::Span;
use std::ops::Range;

/// Number of chars (Unicode scalar values) in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Byte offset of char `c` in `s`, or `s.len()` when `c` is past the end.
fn byte_of_char(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

/// The byte offsets in `s` of the char offsets `at`, which must not decrease (offsets
/// past the last char give `s.len()`), from one pass over `s` that stops at the last of
/// them: for a few offsets into a long text, cheaper than a [`CharIndex`].
pub fn byte_offsets(s: &str, at: &[usize]) -> Vec<usize> {
    debug_assert!(
        at.windows(2).all(|w| w[0] <= w[1]),
        "offsets must not decrease"
    );
    let mut out = vec![s.len(); at.len()];
    let mut k = 0;
    for (n, (i, _)) in s.char_indices().enumerate() {
        while k < at.len() && at[k] <= n {
            out[k] = i;
            k += 1;
        }
        if k == at.len() {
            break;
        }
    }
    out
}

/// The run of letters ([`crate::script::is_letter`]) holding char offset `at` of `chars`:
/// its first char (the letters right before `at` belong to it) and the end of the letters
/// from `at` on. For a match inside a word of normalised text, the whole word with its
/// proclitics: around the «س» of «بسحب», all of «بسحب».
pub fn letter_run(chars: &[char], at: usize) -> (usize, usize) {
    let at = at.min(chars.len());
    let is_letter = |i: usize| crate::script::is_letter(chars[i]);
    let start = (0..at).rev().find(|&i| !is_letter(i)).map_or(0, |i| i + 1);
    let end = (at..chars.len())
        .find(|&i| !is_letter(i))
        .unwrap_or(chars.len());
    (start, end)
}

/// The part of `s` covered by the char span `span`.
///
/// Never panics: the span is clamped to the text, and an empty or inverted
/// span gives `""`.
pub fn slice_chars(s: &str, span: Span) -> &str {
    if span.is_empty() {
        return "";
    }
    let start = byte_of_char(s, span.start);
    let rest = s.get(start..).unwrap_or("");
    let end = start + byte_of_char(rest, span.len());
    s.get(start..end).unwrap_or("")
}

/// Byte <-> char offset conversion for one text, built once in O(n).
///
/// `char_to_byte` is O(1) and `byte_to_char` is O(log n); for pure-ASCII text
/// both are the identity and no table is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharIndex {
    /// Byte offset of every char, plus a final entry equal to the byte length.
    /// Empty when the text is pure ASCII (offsets coincide).
    starts: Vec<usize>,
    byte_len: usize,
    char_len: usize,
}

impl CharIndex {
    /// Indexes `s`.
    pub fn new(s: &str) -> Self {
        if s.is_ascii() {
            return Self {
                starts: Vec::new(),
                byte_len: s.len(),
                char_len: s.len(),
            };
        }
        let mut starts: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        let char_len = starts.len();
        starts.push(s.len());
        Self {
            starts,
            byte_len: s.len(),
            char_len,
        }
    }

    /// Number of chars in the indexed text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Number of bytes in the indexed text.
    pub fn byte_len(&self) -> usize {
        self.byte_len
    }

    /// Char offset of the char containing byte `b` (a byte inside a multi-byte
    /// char maps to that char); `b >= byte_len` maps to `char_len`.
    pub fn byte_to_char(&self, b: usize) -> usize {
        if b >= self.byte_len {
            return self.char_len;
        }
        if self.starts.is_empty() {
            return b;
        }
        // `starts[0] == 0 <= b`, so the partition point is at least 1.
        self.starts.partition_point(|&x| x <= b).saturating_sub(1)
    }

    /// Byte offset where char `c` starts; `c >= char_len` maps to `byte_len`.
    pub fn char_to_byte(&self, c: usize) -> usize {
        if c >= self.char_len {
            return self.byte_len;
        }
        if self.starts.is_empty() {
            return c;
        }
        self.starts.get(c).copied().unwrap_or(self.byte_len)
    }

    /// Byte range of a char span (clamped).
    pub fn byte_range(&self, span: Span) -> Range<usize> {
        let start = self.char_to_byte(span.start);
        let end = self.char_to_byte(span.end).max(start);
        start..end
    }

    /// Char span of a byte range (a partially covered char counts as covered).
    pub fn char_span(&self, bytes: Range<usize>) -> Span {
        let start = self.byte_to_char(bytes.start);
        let end = if bytes.end == 0 {
            0
        } else {
            // One past the char holding the last byte of the range.
            self.byte_to_char(bytes.end - 1).saturating_add(1)
        };
        Span::new(start, end.max(start).min(self.char_len))
    }

    /// Slices `s` (which must be the indexed text) by a char span in O(1).
    /// Returns `""` instead of panicking if `s` is another text.
    pub fn slice<'a>(&self, s: &'a str, span: Span) -> &'a str {
        s.get(self.byte_range(span)).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "قُتل 3 عناصر في عدن";

    #[test]
    fn byte_offsets_agree_with_the_char_index() {
        let index = CharIndex::new(SENTENCE);
        let at = [0, 2, 2, 5, 19, 40];
        let bytes = byte_offsets(SENTENCE, &at);
        for (c, b) in at.iter().zip(&bytes) {
            assert_eq!(*b, index.char_to_byte(*c), "char {c}");
        }
        assert_eq!(bytes[5], SENTENCE.len());
    }

    #[test]
    fn a_letter_run_is_the_word_with_its_proclitics() {
        let chars: Vec<char> = "قصف بسحب، ثم".chars().collect();
        // around the «س» of «بسحب»
        assert_eq!(letter_run(&chars, 5), (4, 8));
        // at the comma right after it: the word before, ending there
        assert_eq!(letter_run(&chars, 8), (4, 8));
        // past the end
        assert_eq!(letter_run(&chars, 40), (10, 12));
        assert_eq!(letter_run(&[], 3), (0, 0));
    }

    #[test]
    fn char_len_counts_scalars_not_bytes() {
        assert_eq!(char_len(""), 0);
        assert_eq!(char_len("عدن"), 3);
        assert_eq!("عدن".len(), 6);
        assert_eq!(char_len(SENTENCE), 19);
    }

    #[test]
    fn slice_chars_recovers_arabic_words() {
        assert_eq!(slice_chars(SENTENCE, Span::new(0, 4)), "قُتل");
        assert_eq!(slice_chars(SENTENCE, Span::new(5, 6)), "3");
        assert_eq!(slice_chars(SENTENCE, Span::new(16, 19)), "عدن");
    }

    #[test]
    fn slice_chars_clamps_instead_of_panicking() {
        assert_eq!(slice_chars(SENTENCE, Span::new(16, 400)), "عدن");
        assert_eq!(slice_chars(SENTENCE, Span::new(400, 500)), "");
        assert_eq!(slice_chars(SENTENCE, Span::new(5, 2)), "");
        assert_eq!(slice_chars("", Span::new(0, 3)), "");
    }

    #[test]
    fn char_index_round_trips_every_offset() {
        let text = "هجوم 🚀 على Aden ٢٠٢٣";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_len(), char_len(text));
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_to_byte(c), b);
            assert_eq!(idx.byte_to_char(b), c);
        }
        assert_eq!(idx.char_to_byte(idx.char_len()), text.len());
        assert_eq!(idx.byte_to_char(text.len()), idx.char_len());
    }

    #[test]
    fn char_index_maps_inner_bytes_to_their_char() {
        let text = "في عدن";
        let idx = CharIndex::new(text);
        // byte 1 is the second byte of "ف"
        assert_eq!(idx.byte_to_char(1), 0);
        assert_eq!(idx.byte_to_char(3), 1);
        assert_eq!(idx.char_span(1..2), Span::new(0, 1));
        // a range touching the first byte of "ي" covers it too
        assert_eq!(idx.char_span(1..3), Span::new(0, 2));
        assert_eq!(idx.char_span(0..4), Span::new(0, 2));
        assert_eq!(idx.slice(text, Span::new(3, 6)), "عدن");
        assert_eq!(idx.byte_to_char(usize::MAX), 6);
        assert_eq!(idx.char_to_byte(usize::MAX), text.len());
    }

    #[test]
    fn char_index_ascii_fast_path() {
        let idx = CharIndex::new("Aden port");
        assert_eq!(idx.byte_to_char(5), 5);
        assert_eq!(idx.char_to_byte(4), 4);
        assert_eq!(idx.slice("Aden port", Span::new(5, 9)), "port");
        let empty = CharIndex::new("");
        assert_eq!(empty.char_len(), 0);
        assert_eq!(empty.byte_to_char(0), 0);
        assert_eq!(empty.char_span(0..0), Span::new(0, 0));
    }

    #[test]
    fn slice_with_foreign_text_does_not_panic() {
        let idx = CharIndex::new("ab");
        assert_eq!(idx.slice("عدن", Span::new(0, 1)), "");
    }
}
