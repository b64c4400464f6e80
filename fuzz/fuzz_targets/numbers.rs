//! Numbers: digits with thousands groups and decimals, Arabic number words and their
//! compounds, vague quantities and qualifiers. Every number found must lie in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_extract::find_numbers;
use rasid_fuzz::{check_span, kb, text};
use rasid_text::char_len;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let len = char_len(text);
    for n in find_numbers(text, kb()) {
        check_span("number", n.start, n.end, len);
    }
});
