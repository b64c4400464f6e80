//! Protected words: words that begin with letters looking like proclitics but are never
//! cut into (`فلسطين`, `ولاية`, `الذي`). The mechanism only; the list itself is data
//! (Rasid's is `kb/clitics.toml`), given to [`ProtectedWords::new`].
//!
//! An entry is one word in ordinary spelling, normalised on load. A trailing `*` makes it
//! a prefix (`فلسطين*` also protects `فلسطينيين`); otherwise the remainder of the word
//! after a clitic must equal it. Each check an entry must pass is a small named unit
//! below, with why it exists.

use std::collections::HashSet;

use crate::normalize::normalize;

/// Why an entry cannot be a protected word. Each variant carries the entry as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtectedWordError {
    #[error("{0:?} is empty")]
    Empty(String),
    #[error("{0:?} is not one word")]
    NotOneWord(String),
    #[error("{0:?}: `*` may only end an entry (it makes the entry a prefix)")]
    MisplacedStar(String),
    #[error(
        "{0:?} does not begin with a letter that can be read as a proclitic (و ف ب ل ك or ال), so it protects nothing"
    )]
    CannotApply(String),
    #[error("{0:?} is listed twice")]
    Duplicate(String),
}

/// Whether an entry protects a whole word or every word starting with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Exact,
    Prefix,
}

/// One entry, parsed and normalised.
struct Entry {
    form: String,
    kind: EntryKind,
}

/// The entry must have letters besides the prefix mark.
///
/// Why: an empty prefix would protect every word, an empty word none; both are typos.
fn not_empty(written: &str, form: &str) -> Result<(), ProtectedWordError> {
    if form.is_empty() {
        Err(ProtectedWordError::Empty(written.to_string()))
    } else {
        Ok(())
    }
}

/// The entry is a single word.
///
/// Why: protection is checked on one token at a time; an entry with a space never matches.
fn one_word(written: &str, form: &str) -> Result<(), ProtectedWordError> {
    if form.chars().any(char::is_whitespace) {
        Err(ProtectedWordError::NotOneWord(written.to_string()))
    } else {
        Ok(())
    }
}

/// `*` only at the end.
///
/// Why: the prefix syntax has no wildcard inside a word; a `*` elsewhere is a typo that
/// would silently never match.
fn star_only_at_end(written: &str, form: &str) -> Result<(), ProtectedWordError> {
    if form.contains('*') {
        Err(ProtectedWordError::MisplacedStar(written.to_string()))
    } else {
        Ok(())
    }
}

/// The entry starts where a clitic reading would cut: `و`, `ف`, `ب`, `ل`, `ك` or `ال`.
///
/// Why: a word is only ever checked from a clitic's position on, so an entry starting with
/// another letter (`مأرب`) can never protect anything and is a mistake in the list.
fn starts_like_a_clitic(written: &str, form: &str) -> Result<(), ProtectedWordError> {
    if form.starts_with(['و', 'ف', 'ب', 'ل', 'ك']) || form.starts_with("ال") {
        Ok(())
    } else {
        Err(ProtectedWordError::CannotApply(written.to_string()))
    }
}

/// Parses and checks one written entry.
fn parse_entry(written: &str) -> Result<Entry, ProtectedWordError> {
    let trimmed = written.trim();
    let (body, kind) = match trimmed.strip_suffix('*') {
        Some(prefix) => (prefix, EntryKind::Prefix),
        None => (trimmed, EntryKind::Exact),
    };
    star_only_at_end(written, body)?;
    let form = normalize(body);
    not_empty(written, &form)?;
    one_word(written, &form)?;
    starts_like_a_clitic(written, &form)?;
    Ok(Entry { form, kind })
}

/// A list of protected words, normalised and indexed. `Default` protects nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProtectedWords {
    exact: HashSet<String>,
    prefixes: HashSet<String>,
    /// Longest prefix entry, in chars.
    max_prefix_chars: usize,
}

impl ProtectedWords {
    /// Builds the list from entries as written (see the module documentation). An entry
    /// that is empty, not one word, has a `*` inside, cannot apply or comes twice (after
    /// normalisation) is an error naming it.
    pub fn new<I, S>(entries: I) -> Result<Self, ProtectedWordError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut words = Self::default();
        for written in entries {
            let written = written.as_ref();
            let entry = parse_entry(written)?;
            let set = match entry.kind {
                EntryKind::Exact => &mut words.exact,
                EntryKind::Prefix => {
                    words.max_prefix_chars = words.max_prefix_chars.max(entry.form.chars().count());
                    &mut words.prefixes
                }
            };
            if !set.insert(entry.form) {
                return Err(ProtectedWordError::Duplicate(written.to_string()));
            }
        }
        Ok(words)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.exact.len() + self.prefixes.len()
    }

    /// True when nothing is protected.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the normalised remainder `rest` of a word is, or starts with, a
    /// protected word.
    pub fn protects(&self, rest: &str) -> bool {
        if self.exact.contains(rest) {
            return true;
        }
        rest.char_indices()
            .take(self.max_prefix_chars)
            .map(|(b, c)| b + c.len_utf8())
            .any(|end| rest.get(..end).is_some_and(|p| self.prefixes.contains(p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(entries: &[&str]) -> ProtectedWords {
        ProtectedWords::new(entries).expect("valid list")
    }

    #[test]
    fn exact_and_prefix_entries() {
        let p = list(&["الذي", "فلسطين*", "ولاية"]);
        assert_eq!(p.len(), 3);
        assert!(p.protects("الذي"));
        assert!(!p.protects("الذين"));
        assert!(p.protects("فلسطين"));
        assert!(p.protects("فلسطينيين"));
        // entries are normalised like the text they are checked against
        assert!(p.protects("ولايه"));
        assert!(!p.protects("لايه"));
        assert!(ProtectedWords::default().is_empty());
    }

    #[test]
    fn entries_are_written_with_hamza_and_diacritics() {
        let p = list(&["الآن", "بدأت", "فَجْر*"]);
        assert!(p.protects("الان"));
        assert!(p.protects("بدات"));
        assert!(p.protects("فجرت"));
    }

    #[test]
    fn bad_entries_name_the_entry() {
        use ProtectedWordError::*;
        let err = |e: &[&str]| ProtectedWords::new(e).expect_err("invalid");
        assert_eq!(err(&["*"]), Empty("*".into()));
        assert_eq!(err(&["\u{064E}"]), Empty("\u{064E}".into()));
        assert_eq!(err(&["وزارة الدفاع"]), NotOneWord("وزارة الدفاع".into()));
        assert_eq!(err(&["ول*اية"]), MisplacedStar("ول*اية".into()));
        assert_eq!(err(&["مأرب"]), CannotApply("مأرب".into()));
        assert_eq!(err(&["ولاية", "ولايه"]), Duplicate("ولايه".into()));
        // the same word as a whole word and as a prefix is two entries
        assert_eq!(list(&["وزير", "وزير*"]).len(), 2);
        assert!(err(&["مأرب"]).to_string().contains("مأرب"));
    }
}
