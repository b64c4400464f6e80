//! Bytes to documents: encoding detection and decoding (UTF-8, BOMs, damaged UTF-8,
//! windows-1256 and the other legacy encodings), the HTML charset sniffer, and reading
//! one input of every kind from memory (text, HTML, JSON, JSON Lines, gzipped JSON Lines,
//! sniffed).
//!
//! The first byte picks the declared charset hint and the input kind; the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_ingest::decode::{decode, sniff_html_charset};
use rasid_ingest::{read_bytes, InputKind, Limits};

const HINTS: &[Option<&str>] = &[
    None,
    Some("windows-1256"),
    Some("utf-8"),
    Some("iso-8859-6"),
    Some("utf-16le"),
    Some("replacement"),
    Some(" x-user-defined "),
    Some("no-such-charset"),
];
const KINDS: &[InputKind] = &[
    InputKind::Sniff,
    InputKind::Text,
    InputKind::Html,
    InputKind::Json,
    InputKind::JsonLines,
    InputKind::JsonLinesGz,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let hint = HINTS[usize::from(pick) % HINTS.len()];
    let sniffed = sniff_html_charset(bytes);
    for hint in [hint, sniffed.as_deref()] {
        if let Ok(d) = decode(bytes, hint) {
            if let Some(at) = d.first_damage {
                assert!(
                    at <= bytes.len(),
                    "damage at {at} past {} bytes",
                    bytes.len()
                );
                assert!(d.replaced > 0, "damage without a replaced sequence");
            }
        }
    }
    let kind = KINDS[usize::from(pick >> 3) % KINDS.len()];
    read_bytes(bytes, kind, "fuzz", Limits::default(), |doc| {
        if let Ok(doc) = doc {
            assert!(doc.text.len() <= rasid_ingest::input::MAX_TEXT_BYTES);
        }
    });
});
