//! Shared pieces of the fuzz targets: the built-in knowledge base, loaded once per
//! process, and the checks every reported span must pass.

use std::sync::OnceLock;

use rasid_kb::Kb;
use rasid_text::Span;

/// The knowledge base embedded in the binary, as the `rasid` command line uses it.
pub fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::builtin().expect("the built-in knowledge base loads"))
}

/// Fuzz input bytes as text: the valid UTF-8 prefix is enough for text targets (the
/// decoder has its own target).
pub fn text(data: &[u8]) -> &str {
    match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or_default(),
    }
}

/// A char span that must lie inside a text of `len` chars.
pub fn check_span(what: &str, start: usize, end: usize, len: usize) {
    assert!(
        start <= end && end <= len,
        "{what}: span {start}..{end} outside a text of {len} chars"
    );
}

/// [`check_span`] for a [`Span`].
pub fn check(what: &str, s: Span, len: usize) {
    check_span(what, s.start, s.end, len);
}
