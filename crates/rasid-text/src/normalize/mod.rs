//! Normalisation for matching, as a chain of small named rules
//! ([`CharRule`]s, see [`rules`]), with an offset map back to the original
//! text ([`Normalized`]).
//!
//! The default chain folds presentation forms, drops diacritics, tatweel and
//! invisible characters, unifies alef / ta marbuta / alef maqsura / hamza
//! seats / Persian letter variants, folds Arabic-Indic digits to ASCII,
//! lower-cases, and collapses whitespace runs to one space. It runs in one
//! linear pass; each original char is fed through the rules in order, and the
//! chars a rule produces continue through the rules after it.

mod offset_map;
pub mod rules;

use crate::Span;
use offset_map::OffsetMap;
pub use rules::{default_rules, skeleton_rules, CharRule};
use std::cell::RefCell;
use std::sync::OnceLock;

/// Chars below this code point have their chain output precomputed (ASCII, Latin,
/// Arabic, Syriac, Thaana, NKo: nearly every char of an Arabic news page).
const TABLE_LIMIT: u32 = 0x0800;

/// The chain's output for one char, precomputed.
#[derive(Debug, Clone)]
enum Folded {
    Same,
    Dropped,
    One(char),
    Many(Box<[char]>),
}

/// An ordered chain of [`CharRule`]s plus whitespace-run collapsing.
///
/// Rules are pure functions of one char, so the chain's output for every char
/// below `TABLE_LIMIT` is computed once when the normaliser is built; other chars
/// go through the rules.
pub struct Normalizer {
    rules: Vec<Box<dyn CharRule>>,
    collapse_spaces: bool,
    table: Vec<Folded>,
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer")
            .field("rules", &self.rule_names())
            .field("collapse_spaces", &self.collapse_spaces)
            .finish()
    }
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new(default_rules())
    }
}

impl Normalizer {
    /// A normaliser applying `rules` in order, collapsing runs of spaces.
    pub fn new(rules: Vec<Box<dyn CharRule>>) -> Self {
        let mut scratch: Vec<Vec<char>> = vec![Vec::new(); rules.len()];
        let table = (0..TABLE_LIMIT)
            .map(|cp| {
                let Some(c) = char::from_u32(cp) else {
                    return Folded::Same;
                };
                let mut out = Vec::new();
                feed(&rules, &mut scratch, c, &mut |d| out.push(d));
                match out.as_slice() {
                    [] => Folded::Dropped,
                    [d] if *d == c => Folded::Same,
                    [d] => Folded::One(*d),
                    _ => Folded::Many(out.into_boxed_slice()),
                }
            })
            .collect();
        Self {
            rules,
            collapse_spaces: true,
            table,
        }
    }

    /// Turns collapsing of consecutive output spaces on or off.
    pub fn with_space_collapsing(mut self, on: bool) -> Self {
        self.collapse_spaces = on;
        self
    }

    /// Names of the rules, in the order they are applied.
    pub fn rule_names(&self) -> Vec<&'static str> {
        self.rules.iter().map(|r| r.name()).collect()
    }

    /// Normalised text only (no offset map).
    pub fn normalize(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        self.run(s, |c, _| out.push(c));
        out
    }

    /// Normalised text with a map back to the original chars.
    pub fn normalize_mapped(&self, s: &str) -> Normalized {
        let mut text = String::with_capacity(s.len());
        let mut map = OffsetMap::for_max_offset(s.len(), s.len() / 2 + 1);
        let original_len = self.run(s, |c, src| {
            text.push(c);
            map.push(src);
        });
        map.push(original_len);
        map.shrink_to_fit();
        let char_len = map.len().saturating_sub(1);
        Normalized {
            text,
            map,
            char_len,
            original_len,
        }
    }

    /// Drives the chain over `s`, calling `emit(char, original_char_offset)`
    /// for every output char, in order. Returns the number of original chars.
    fn run(&self, s: &str, mut emit: impl FnMut(char, usize)) -> usize {
        thread_local! {
            /// Reusable per-rule buffers, so short inputs (single tokens)
            /// do not allocate them again on every call.
            static SCRATCH: RefCell<Vec<Vec<char>>> = const { RefCell::new(Vec::new()) };
        }
        let pooled = SCRATCH.try_with(|cell| {
            cell.try_borrow_mut()
                .ok()
                .map(|mut scratch| self.run_with(s, &mut scratch, &mut emit))
        });
        match pooled {
            Ok(Some(count)) => count,
            // Re-entrant use (a rule that normalises) or thread teardown:
            // fresh buffers.
            _ => self.run_with(s, &mut Vec::new(), &mut emit),
        }
    }

    fn run_with(
        &self,
        s: &str,
        scratch: &mut Vec<Vec<char>>,
        emit: &mut impl FnMut(char, usize),
    ) -> usize {
        if scratch.len() < self.rules.len() {
            scratch.resize_with(self.rules.len(), Vec::new);
        }
        let mut last_was_space = false;
        let collapse = self.collapse_spaces;
        let mut count = 0;
        for (src, c) in s.chars().enumerate() {
            count = src + 1;
            let mut put = |out: char| {
                if out == ' ' {
                    if collapse && last_was_space {
                        return;
                    }
                    last_was_space = true;
                } else {
                    last_was_space = false;
                }
                emit(out, src);
            };
            match self.table.get(c as usize) {
                Some(Folded::Same) => put(c),
                Some(Folded::Dropped) => {}
                Some(Folded::One(d)) => put(*d),
                Some(Folded::Many(ds)) => ds.iter().for_each(|&d| put(d)),
                None => feed(&self.rules, scratch, c, &mut put),
            }
        }
        count
    }
}

/// Feeds `c` to the first rule of `rules` that handles it, then feeds that
/// rule's output to the remaining rules; a char no rule handles is emitted.
/// `scratch` holds one reusable buffer per rule, so folding allocates nothing
/// after warm-up. Recursion depth is bounded by the number of rules.
fn feed(
    rules: &[Box<dyn CharRule>],
    scratch: &mut [Vec<char>],
    c: char,
    emit: &mut dyn FnMut(char),
) {
    let mut rules = rules;
    let mut scratch = scratch;
    while let (Some((rule, later_rules)), Some((buf, later_scratch))) =
        (rules.split_first(), scratch.split_first_mut())
    {
        buf.clear();
        if rule.apply(c, buf) {
            for &d in buf.iter() {
                feed(later_rules, later_scratch, d, emit);
            }
            return;
        }
        rules = later_rules;
        scratch = later_scratch;
    }
    emit(c);
}

/// The shared default normaliser.
pub fn default_normalizer() -> &'static Normalizer {
    static DEFAULT: OnceLock<Normalizer> = OnceLock::new();
    DEFAULT.get_or_init(Normalizer::default)
}

/// The shared letter-skeleton normaliser (see [`skeleton_rules`]).
pub(crate) fn skeleton_normalizer() -> &'static Normalizer {
    static SKELETON: OnceLock<Normalizer> = OnceLock::new();
    SKELETON.get_or_init(|| Normalizer::new(skeleton_rules()).with_space_collapsing(false))
}

/// Normalises `s` with the default chain (no offset map is built).
pub fn normalize(s: &str) -> String {
    default_normalizer().normalize(s)
}

/// A normalised text together with the map back to the original text.
///
/// Each normalised char remembers the original char that produced it. A char
/// the chain dropped (a diacritic, tatweel, a second space) belongs to the
/// normalised char before it, so mapping a span back covers the dropped marks
/// that follow its last letter: the original slice is the full surface form.
/// Dropped chars before the first output char belong to nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    /// One entry per normalised char, plus a sentinel = `original_len`.
    map: OffsetMap,
    char_len: usize,
    original_len: usize,
}

impl Normalized {
    /// Normalises `original` with the default chain.
    pub fn new(original: &str) -> Self {
        default_normalizer().normalize_mapped(original)
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The normalised text, consuming `self`.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Length of the normalised text in chars.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Length of the original text in chars.
    pub fn original_char_len(&self) -> usize {
        self.original_len
    }

    fn offset(&self, i: usize) -> usize {
        self.map.get(i).unwrap_or(self.original_len)
    }

    /// Maps a char span of the normalised text to the char span of the
    /// original text it came from.
    ///
    /// `start` maps to the original char that produced the first normalised
    /// char; `end` to just before the original char that produced the next
    /// normalised char (or to the end of the original), so diacritics, tatweel
    /// and invisibles inside or right after the span are included and the
    /// result is the exact surface form. The span is clamped; an empty span maps
    /// to an empty span at the corresponding original position.
    pub fn to_original(&self, span: Span) -> Span {
        let start = span.start.min(self.char_len);
        let end = span.end.min(self.char_len).max(start);
        let orig_start = self.offset(start);
        if start == end {
            return Span::new(orig_start, orig_start);
        }
        let last = self.offset(end - 1);
        // The first later normalised char produced by a *different* original
        // char; chars of one expansion (ﻻ -> لا) share an offset. The sentinel
        // (original length) guarantees termination.
        let mut j = end;
        let mut orig_end = self.original_len;
        while j <= self.char_len {
            let o = self.offset(j);
            if o > last {
                orig_end = o;
                break;
            }
            j += 1;
        }
        Span::new(orig_start, orig_end.max(orig_start))
    }

    /// Maps a char span of the original text to the normalised chars produced
    /// by original chars inside it (the inverse of [`Self::to_original`] for
    /// spans on char-group boundaries).
    pub fn to_normalized(&self, span: Span) -> Span {
        let start = self.map.first_at_or_after(span.start).min(self.char_len);
        let end = self
            .map
            .first_at_or_after(span.end)
            .min(self.char_len)
            .max(start);
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{char_len, slice_chars};

    #[test]
    fn default_chain_folds_arabic_variants() {
        assert_eq!(normalize("الإخوان"), "الاخوان");
        assert_eq!(normalize("القاعدة"), "القاعده");
        assert_eq!(normalize("على"), "علي");
        assert_eq!(normalize("مسؤول رئيس"), "مسوول رييس");
        assert_eq!(normalize("عُقِدَتْ"), "عقدت");
        assert_eq!(normalize("اجتماعاً"), "اجتماعا");
        assert_eq!(normalize("الـحـوثي"), "الحوثي");
        assert_eq!(normalize("ﻻ"), "لا");
        assert_eq!(normalize("ﺍﻟﻘﺎﻋﺪﺓ"), "القاعده");
        assert_eq!(normalize("کابل ایران"), "كابل ايران");
        assert_eq!(normalize("عام ٢٠٢٣ و۱۴۰۲"), "عام 2023 و1402");
        assert_eq!(normalize("٣٫٥ مليون"), "3.5 مليون");
        assert_eq!(normalize("ISIS في Aden"), "isis في aden");
        assert_eq!(normalize("قال ،  هل؟"), "قال ، هل؟");
    }

    #[test]
    fn whitespace_runs_collapse_and_invisibles_vanish() {
        assert_eq!(normalize("عدن \u{00A0}\t\n لحج"), "عدن لحج");
        assert_eq!(normalize("\u{200F}عدن\u{200E}"), "عدن");
        assert_eq!(normalize("عدن \u{200F} لحج"), "عدن لحج");
        let keep = Normalizer::default().with_space_collapsing(false);
        assert_eq!(keep.normalize("عدن  لحج"), "عدن  لحج");
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("\u{064E}\u{0651}"), "");
        assert_eq!(normalize("🚀 ok"), "🚀 ok");
        let n = Normalized::new("\u{064E}");
        assert_eq!(n.text(), "");
        assert_eq!(n.to_original(Span::new(0, 5)), Span::new(1, 1));
        let e = Normalized::new("");
        assert_eq!(e.to_original(Span::new(0, 0)), Span::new(0, 0));
        assert_eq!(e.to_normalized(Span::new(0, 3)), Span::new(0, 0));
    }

    #[test]
    fn to_original_includes_inner_and_trailing_marks() {
        let original = "عُقِدَتْ اجتماعاتٌ في عدنَ";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "عقدت اجتماعات في عدن");
        // "عقدت"
        let s = n.to_original(Span::new(0, 4));
        assert_eq!(slice_chars(original, s), "عُقِدَتْ");
        // "اجتماعات في"
        let s = n.to_original(Span::new(5, 16));
        assert_eq!(slice_chars(original, s), "اجتماعاتٌ في");
        // "عدن" at the very end keeps its trailing fatha
        let s = n.to_original(Span::new(17, 20));
        assert_eq!(slice_chars(original, s), "عدنَ");
    }

    #[test]
    fn to_original_handles_expansions_and_tatweel() {
        let original = "ﻻ تراجع عن الـحوثي";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "لا تراجع عن الحوثي");
        assert_eq!(slice_chars(original, n.to_original(Span::new(0, 2))), "ﻻ");
        // a span ending inside the expansion still covers the whole ligature
        assert_eq!(slice_chars(original, n.to_original(Span::new(0, 1))), "ﻻ");
        let hawthi = n.to_original(Span::new(12, 18));
        assert_eq!(slice_chars(original, hawthi), "الـحوثي");
        // only the stem: starts after the tatweel
        let stem = n.to_original(Span::new(14, 18));
        assert_eq!(slice_chars(original, stem), "حوثي");
    }

    #[test]
    fn collapsed_whitespace_maps_to_the_whole_run() {
        let original = "عدن \n\t لحج";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "عدن لحج");
        assert_eq!(n.to_original(Span::new(3, 4)), Span::new(3, 7));
        assert_eq!(n.to_original(Span::new(4, 7)), Span::new(7, 10));
    }

    #[test]
    fn to_normalized_inverts_to_original_on_words() {
        let original = "قُتِلَ ثلاثةُ عناصرَ من «القاعدة»";
        let n = Normalized::new(original);
        for word_start in [0usize, 7, 14, 24] {
            let word_end = original
                .chars()
                .enumerate()
                .skip(word_start)
                .find(|(_, c)| c.is_whitespace())
                .map_or(char_len(original), |(i, _)| i);
            let orig = Span::new(word_start, word_end);
            let norm = n.to_normalized(orig);
            assert_eq!(n.to_original(norm), orig, "{orig:?}");
        }
    }

    #[test]
    fn leading_dropped_marks_belong_to_nothing() {
        let original = "\u{0651}عدن";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "عدن");
        assert_eq!(n.to_original(Span::new(0, 3)), Span::new(1, 4));
    }

    #[test]
    fn custom_chain_runs_only_its_rules() {
        let only_digits = Normalizer::new(vec![Box::new(rules::FoldDigits)]);
        assert_eq!(only_digits.normalize("أحمد ٣"), "أحمد 3");
        assert_eq!(only_digits.rule_names(), vec!["fold-digits"]);
        assert!(format!("{only_digits:?}").contains("fold-digits"));
    }
}
