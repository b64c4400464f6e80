//! Stable ids: a 128-bit xxh3 of the parts that identify a thing, in hex. The same input
//! gives the same id on every machine, in every ingest order and with any number of workers.

use xxhash_rust::xxh3::xxh3_128;

/// Id of a thing of `kind` identified by `parts` (joined with a separator no part holds).
pub fn stable_id(kind: &str, parts: &[&str]) -> String {
    let mut buf = String::with_capacity(64);
    buf.push_str(kind);
    for p in parts {
        buf.push('\u{1f}');
        buf.push_str(p);
    }
    format!("{:032x}", xxh3_128(buf.as_bytes()))
}

/// Hash of a document's text.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxh3_128(text.as_bytes()))
}

/// A document is keyed by where it came from and what it says.
pub fn document_id(source: &str, content_hash: &str) -> String {
    stable_id("document", &[source, content_hash])
}

/// The `idx`-th event of an article.
pub fn event_id(article: &str, idx: usize) -> String {
    stable_id("event", &[article, &idx.to_string()])
}

/// The `idx`-th relation of an article.
pub fn relation_id(article: &str, idx: usize) -> String {
    stable_id("relation", &[article, &idx.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_separate_parts() {
        assert_eq!(stable_id("a", &["x", "y"]), stable_id("a", &["x", "y"]));
        assert_ne!(stable_id("a", &["xy", ""]), stable_id("a", &["x", "y"]));
        assert_eq!(stable_id("a", &["x"]).len(), 32);
    }
}
