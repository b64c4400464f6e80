//! Property-style checks over many substrings of varied Arabic news text
//! (diacritics, tatweel, presentation forms, Persian letters, Arabic-Indic
//! digits, Latin, emoji, invisibles) and over pseudo-random junk:
//! token spans recover their text, normalised spans map back to original
//! spans with the same normalisation, sentence spans are trimmed and ordered,
//! and nothing panics.

use rasid_text::{
    char_len, normalize, sentences, slice_chars, CharIndex, Normalized, ProtectedWords, Span,
    TokenKind, Tokenizer,
};

/// Written for these tests (not taken from any corpus).
const NEWS: &str = "أعلنت جماعة «أنصار الله» الحوثية، يوم الأحد ١٢ نوفمبر ٢٠٢٣م، أنّ قواتها \
استهدفت مواقعَ للجيش اليمني بالبيضاء. وقال المتحدث باسمها لـ”العين الإخبارية”: «لن نتراجع»…\n\
وذكرت مصادرُ محليةٌ أن تنظيم القاعدة نفّذ هجوماً بطائرةٍ مسيّرة على نقطة تفتيش في شبوة، ما أسفر \
عن مقتل ٣ جنود وإصابة ۱۲ آخرين.\r\n\
ﻭﻗﺎﻝ ﻣﺼﺪﺭ ﺃﻣﻨﻲ ﺇﻥ ﺍﻟﻬﺠﻮﻡ ﻭﻗﻊ ﻓﺠﺮﺍً ﻭﻻ ﺗﺰﺍﻝ ﺍﻟﻼﺟﺌﻴﻦ ﻓﻲ ﺍﻟﻤﺨﻴﻢ. ونفت قيادة «ولایت خراسان» \
في بیانیه کوتاه می\u{200C}خواهد گروه مسؤوليتها عن الـهـجـوم، فيما أكدت U.S. Central Command \
(CENTCOM) أن الخسائر بلغت 3.5 مليون دولار و٣٫٥ مليون ريال \u{200E}#اليمن 🇾🇪 — وكالة الأنباء\u{00A0}\
الرسمية.\u{200F} وبحسب د. أحمد فإن ١٢.١٠.٢٠٢٣ كان يوماً دامياً للحوثيين وبالعاصمة فللتنظيم \
كالحوثي بـ\"ولاية خراسان\" 👨\u{200D}👩\u{200D}👧 ISIS-K؟!";

fn substrings(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out = vec![text.to_string()];
    for start in 0..n {
        for len in [1usize, 2, 5, 13, 31, 64] {
            let end = (start + len).min(n);
            out.push(chars[start..end].iter().collect());
        }
    }
    out
}

/// Word-boundary offsets of a normalised text: starts are 0 and every char
/// after a space, ends are the length and every space.
fn word_boundaries(norm: &str) -> (Vec<usize>, Vec<usize>) {
    let chars: Vec<char> = norm.chars().collect();
    let mut starts = vec![0];
    let mut ends = vec![chars.len()];
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            starts.push(i + 1);
            ends.push(i);
        }
    }
    (starts, ends)
}

fn has_presentation_form(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// A few protected words of the text above (this crate holds no list of its own).
fn tokenizer() -> Tokenizer {
    Tokenizer::new(ProtectedWords::new(["ولاي*", "وكالة*", "فجر*", "بلغت", "كان"]).expect("valid"))
}

fn check_tokens(input: &str) {
    let tokenizer = tokenizer();
    let tokens = tokenizer.tokenize(input);
    let len = char_len(input);
    let mut prev_end = 0;
    for t in &tokens {
        assert!(!t.span.is_empty(), "empty token in {input:?}");
        assert!(t.span.start >= prev_end, "overlap in {input:?}");
        assert!(t.span.end <= len);
        prev_end = t.span.end;
        assert_eq!(slice_chars(input, t.span), t.text, "span of {t:?}");
        assert_eq!(t.norm, normalize(&t.text));
        assert!(t.span.contains(t.stem), "stem outside span: {t:?}");
        if t.kind == TokenKind::Word && !t.stem.is_empty() {
            let stem_surface_norm = normalize(slice_chars(input, t.stem));
            if has_presentation_form(&t.text) {
                assert!(stem_surface_norm.ends_with(&t.stem_norm), "{t:?}");
            } else {
                assert_eq!(stem_surface_norm, t.stem_norm, "{t:?}");
            }
        }
        let candidates = tokenizer.candidates(t);
        if !t.norm.is_empty() {
            assert_eq!(candidates.first(), Some(&t.norm), "{t:?}");
        }
        for pair in candidates.windows(2) {
            assert!(pair[0].chars().count() >= pair[1].chars().count());
            assert_ne!(pair[0], pair[1]);
        }
    }
}

fn check_normalized(input: &str) {
    let n = Normalized::new(input);
    assert_eq!(n.text(), normalize(input));
    assert_eq!(n.char_len(), char_len(n.text()));
    assert_eq!(n.original_char_len(), char_len(input));
    let (starts, ends) = word_boundaries(n.text());
    for &s in &starts {
        for &e in ends.iter().filter(|&&e| e >= s) {
            let span = Span::new(s, e);
            let orig = n.to_original(span);
            assert!(orig.end <= char_len(input) && orig.start <= orig.end);
            let expected = slice_chars(n.text(), span);
            assert_eq!(
                normalize(slice_chars(input, orig)),
                expected,
                "span {span:?} -> {orig:?} in {input:?}"
            );
            if !span.is_empty() {
                assert_eq!(
                    n.to_normalized(orig),
                    span,
                    "inverse of {orig:?} in {input:?}"
                );
            }
        }
    }
}

fn check_sentences(input: &str) {
    let len = char_len(input);
    let mut prev_end = 0;
    for s in sentences(input) {
        assert!(!s.is_empty());
        assert!(s.start >= prev_end && s.end <= len);
        prev_end = s.end;
        let text = slice_chars(input, s);
        let first = text.chars().next();
        let last = text.chars().last();
        assert!(!first.is_some_and(char::is_whitespace), "{text:?}");
        assert!(!last.is_some_and(char::is_whitespace), "{text:?}");
        assert!(!text.contains('\n'), "{text:?}");
    }
}

#[test]
fn token_spans_recover_text_on_substrings() {
    for sub in substrings(NEWS) {
        check_tokens(&sub);
    }
}

#[test]
fn normalized_spans_map_back_on_substrings() {
    for sub in substrings(NEWS) {
        check_normalized(&sub);
    }
}

#[test]
fn sentence_spans_are_trimmed_on_substrings() {
    for sub in substrings(NEWS) {
        check_sentences(&sub);
    }
}

#[test]
fn char_index_agrees_with_slice_chars() {
    let idx = CharIndex::new(NEWS);
    let n = char_len(NEWS);
    for start in (0..n).step_by(7) {
        let span = Span::new(start, (start + 11).min(n));
        assert_eq!(idx.slice(NEWS, span), slice_chars(NEWS, span));
        let bytes = idx.byte_range(span);
        assert_eq!(idx.char_span(bytes), span);
    }
}

#[test]
fn sentences_of_the_sample() {
    let got: Vec<&str> = sentences(NEWS)
        .into_iter()
        .map(|s| slice_chars(NEWS, s))
        .collect();
    assert!(got[0].ends_with("بالبيضاء."));
    assert!(got[1].starts_with("وقال المتحدث") && got[1].ends_with("«لن نتراجع»…"));
    assert!(got[2].ends_with("۱۲ آخرين."));
    assert!(got.iter().any(|s| s.contains("U.S. Central Command")
        && s.contains("3.5 مليون")
        && s.ends_with("الرسمية.")));
    assert!(got
        .iter()
        .any(|s| s.starts_with("وبحسب د. أحمد") && s.contains("١٢.١٠.٢٠٢٣")));
    assert!(got.last().is_some_and(|s| s.ends_with("ISIS-K؟!")));
}

/// Tiny deterministic xorshift generator (no external crates).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_junk_never_panics_and_keeps_invariants() {
    let alphabet: Vec<char> = "اأإآٱلبوفكةىئؤیکگەپ ـًٌٍَُِّْٰٓٔ\u{0610}\u{06D6}\u{200B}\u{200C}\u{200D}\u{200E}\u{200F}\u{061C}\u{FEFF}\u{00A0}\n\r\t.!?؟…،؛«»“”\"'()0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳٫٬,aZİßÉ\u{0301}ﻻﺍﻟﷲﹰ\u{FC5E}\u{FDFA}🚀👍🏽\u{1F1FE}\u{1F1EA}\u{FE0F}%$-"
        .chars()
        .collect();
    let mut rng = XorShift(0x5eed_1234_abcd_0001);
    for _ in 0..3000 {
        let len = (rng.next() % 24) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        check_tokens(&s);
        check_sentences(&s);
        let n = Normalized::new(&s);
        let m = n.char_len();
        let mut last = Span::new(0, 0);
        for i in 0..m {
            let o = n.to_original(Span::new(i, i + 1));
            assert!(!o.is_empty() && o.end <= char_len(&s), "{s:?} {i}");
            assert!(o.start >= last.start, "non-monotonic map in {s:?}");
            last = o;
        }
        assert!(n.to_original(Span::new(0, m)).end <= char_len(&s));
        assert_eq!(n.to_original(Span::new(m + 5, m + 9)).len(), 0);
    }
}
