//! `kb/suffixes.toml`: inflectional endings, one named list per step that strips or checks
//! them: `plural` (the sound plural endings, which persons check as they are), and the
//! plural endings plus the extra ones `topic` similarity and `search` queries strip.
//!
//! Endings are written as Arabic is written and normalised on load, like the words they
//! are matched against (ة and ه are then one letter, ى is ي). How a list is read is a few
//! small named rules below, each with why it exists.

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    min_stem_letters: usize,
    plural: Vec<String>,
    strip: RawStrip,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrip {
    topic: Vec<String>,
    search: Vec<String>,
}

/// One list of normalised endings, longest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuffixList {
    endings: Vec<String>,
    /// Letters a word must keep after losing an ending.
    min_stem_letters: usize,
}

/// The lists of `suffixes.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suffixes {
    /// Sound plural endings («ون», «ين», «ات»): a definite word ending in one is no surname.
    pub plural: SuffixList,
    /// Plural endings and nisba/ta marbuta endings that topic similarity folds, so that
    /// «الحوثيين», «الحوثيون», «الحوثية» meet.
    pub topic: SuffixList,
    /// Plural endings and the dual that a search query term loses before its prefix query.
    pub search: SuffixList,
}

impl SuffixList {
    /// True when `word` (normalised) ends in one of the endings, whatever is left.
    pub fn ends(&self, word: &str) -> bool {
        self.endings.iter().any(|e| word.ends_with(e.as_str()))
    }

    /// `word` (normalised) without its longest ending that leaves at least
    /// `min_stem_letters` letters; `word` itself when none does.
    pub fn strip<'a>(&self, word: &'a str) -> &'a str {
        self.endings
            .iter()
            .find_map(|e| {
                word.strip_suffix(e.as_str())
                    .filter(|rest| keeps_a_stem(rest, self.min_stem_letters))
            })
            .unwrap_or(word)
    }

    /// The endings, longest first.
    pub fn endings(&self) -> &[String] {
        &self.endings
    }
}

/// An ending comes off only if the word keeps at least `min` letters.
///
/// Why: short words end in these letters by chance («دين», «بات», «كون»); stripping them
/// would make unrelated words meet.
fn keeps_a_stem(rest: &str, min: usize) -> bool {
    rest.chars().count() >= min
}

/// Endings are tried longest first (stable for equal lengths).
///
/// Why: «الحوثيين» must lose «يين», not just «ين», to meet «الحوثية» without its «يه»;
/// the file may list them in any order.
fn longest_first(endings: &mut [String]) {
    endings.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
}

/// An ending is Arabic letters only, non-empty once normalised.
///
/// Why: endings are compared with the end of a normalised word; a space, a digit or an
/// empty entry can only be a typo and would strip nothing or everything.
fn is_letters(form: &str) -> bool {
    !form.is_empty() && form.chars().all(rasid_text::script::is_arabic_letter)
}

/// Normalises and checks the endings of list `name` (the plural endings first, for the
/// combined lists).
fn build(
    file: &str,
    name: &str,
    lists: &[&[String]],
    min_stem_letters: usize,
) -> Result<SuffixList, KbError> {
    let mut endings: Vec<String> = Vec::new();
    for written in lists.iter().copied().flatten() {
        let form = rasid_text::normalize(written).trim().to_string();
        if !is_letters(&form) {
            return Err(KbError::invalid(
                file,
                format!("{name}: {written:?} is not an ending of Arabic letters"),
            ));
        }
        if endings.contains(&form) {
            return Err(KbError::invalid(
                file,
                format!("{name}: {written:?} is listed twice (the plural endings are included)"),
            ));
        }
        endings.push(form);
    }
    longest_first(&mut endings);
    Ok(SuffixList {
        endings,
        min_stem_letters,
    })
}

impl Suffixes {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        parse_text(&file.name, &file.text)
    }
}

fn parse_text(name: &str, text: &str) -> Result<Suffixes, KbError> {
    let raw: Raw = toml::from_str(text).map_err(|e| KbError::parse(name, e))?;
    check_version(name, raw.version, 1)?;
    let min = raw.min_stem_letters;
    if min == 0 {
        return Err(KbError::invalid(
            name,
            "min_stem_letters must be at least 1",
        ));
    }
    Ok(Suffixes {
        plural: build(name, "plural", &[&raw.plural], min)?,
        topic: build(name, "[strip] topic", &[&raw.plural, &raw.strip.topic], min)?,
        search: build(
            name,
            "[strip] search",
            &[&raw.plural, &raw.strip.search],
            min,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "version = 1\nmin_stem_letters = 3\nplural = [\"ون\", \"ين\", \"ات\"]\n\
        [strip]\ntopic = [\"ي\", \"ة\", \"يين\", \"يون\", \"ية\"]\nsearch = [\"ان\"]\n";

    fn suffixes() -> Suffixes {
        parse_text("t", FILE).expect("valid")
    }

    #[test]
    fn lists_are_normalised_and_tried_longest_first() {
        let s = suffixes();
        assert_eq!(s.topic.endings()[..2], ["يين", "يون"]);
        assert!(s.topic.endings().contains(&"يه".to_string()));
        assert_eq!(s.topic.strip("حوثيين"), "حوث");
        assert_eq!(s.topic.strip("حوثيون"), "حوث");
        assert_eq!(s.topic.strip("حوثيه"), "حوث");
        assert_eq!(s.topic.strip("حوثي"), "حوث");
        // too short to lose «يين»: «ين» then
        assert_eq!(s.topic.strip("سنيين"), "سني");
        assert_eq!(s.search.strip("حوثيون"), "حوثي");
        assert_eq!(s.search.strip("طرفان"), "طرف");
        assert_eq!(s.search.strip("دين"), "دين");
        assert_eq!(s.search.strip("حوثيه"), "حوثيه");
    }

    #[test]
    fn plural_endings_are_checked_as_they_are() {
        let s = suffixes();
        assert!(s.plural.ends("المسلحون"));
        assert!(s.plural.ends("القوات"));
        assert!(!s.plural.ends("الحوثي"));
        assert!(!s.plural.ends("الطرفان"));
        assert!(s.search.ends("الطرفان"));
    }

    #[test]
    fn bad_lists_name_the_file_the_list_and_the_entry() {
        let err = |text: &str| {
            parse_text("kb/suffixes.toml", text)
                .expect_err("invalid")
                .to_string()
        };
        let e = err(&FILE.replace("search = [\"ان\"]", "search = [\"ون\"]"));
        assert!(
            e.contains("kb/suffixes.toml") && e.contains("search") && e.contains("ون"),
            "{e}"
        );
        let e = err(&FILE.replace("search = [\"ان\"]", "search = [\"ا ن\"]"));
        assert!(e.contains("ا ن"), "{e}");
        let e = err(&FILE.replace("search = [\"ان\"]", "search = [\"\"]"));
        assert!(e.contains("search"), "{e}");
        let e = err(&FILE.replace("min_stem_letters = 3", "min_stem_letters = 0"));
        assert!(e.contains("min_stem_letters"), "{e}");
        let e = err(&FILE.replace("[strip]", "[strip]\nnames = []"));
        assert!(e.contains("kb/suffixes.toml"), "{e}");
    }
}
