//! Splitting text: normalisation with its offset map, sentences, tokens with clitics, and
//! the segmentation of a page into lines and articles (with and without a container title).
//! Every span reported must lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_fuzz::{check, kb, text};
use rasid_ingest::segment::segment;
use rasid_text::{char_len, sentences, slice_chars, Normalized, Span};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let kb = kb();
    let len = char_len(text);

    let norm = Normalized::new(text);
    let nlen = char_len(norm.text());
    for s in [
        Span::new(0, nlen),
        Span::new(nlen / 2, nlen),
        Span::new(0, nlen / 3),
    ] {
        check("to_original", norm.to_original(s), len);
    }
    check("to_normalized", norm.to_normalized(Span::new(0, len)), nlen);

    for s in sentences(text) {
        check("sentence", s, len);
        let _ = slice_chars(text, s);
    }
    for t in kb.tokenizer.tokenize(text) {
        check("token", t.span, len);
        let _ = kb.tokenizer.candidates(&t);
    }

    let title = text.lines().next();
    for meta_title in [None, title] {
        let seg = segment(text, meta_title, kb);
        for l in &seg.lines {
            check("line", l.span, len);
        }
        for a in &seg.articles {
            for &i in &a.lines {
                assert!(
                    i < seg.lines.len(),
                    "article line {i} of {}",
                    seg.lines.len()
                );
            }
            check("article", seg.span(a), len);
            check("title", a.title_span, len);
        }
        for &(i, _) in &seg.dropped {
            assert!(
                i < seg.lines.len(),
                "dropped line {i} of {}",
                seg.lines.len()
            );
        }
    }
});
