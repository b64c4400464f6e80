//! `kb/transliteration.toml`: English renderings of Arabic person names.
//!
//! Arabic writes no short vowels, so a word missing from the `words` table is rendered as
//! its consonant skeleton with long vowels and an «a» in an opening cluster («مجبر» → «Majbr»,
//! «البكري» → «al-Bakri»); the table holds
//! the spellings English-language news uses for common name parts.

use std::collections::HashMap;

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    letters: HashMap<String, String>,
    #[serde(default)]
    words: HashMap<String, String>,
}

/// Renders Arabic names in Latin letters.
#[derive(Debug)]
pub struct Transliterator {
    letters: HashMap<char, String>,
    words: HashMap<String, String>,
}

/// Kunya heads that may be glued to the name («أبوعبيدة»), normalised.
const GLUED_HEADS: [&str; 3] = ["ابو", "ابي", "ام"];
/// The article, normalised.
const ARTICLE: &str = "ال";

impl Transliterator {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut letters = HashMap::new();
        for (k, v) in raw.letters {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    letters.insert(c, v);
                }
                _ => {
                    return Err(KbError::invalid(
                        name,
                        format!("letters: {k:?} is not one letter"),
                    ))
                }
            }
        }
        let words = raw
            .words
            .into_iter()
            .map(|(k, v)| (rasid_text::normalize(&k).trim().to_string(), v))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        Ok(Self { letters, words })
    }

    /// The name in Latin letters, word by word.
    pub fn name(&self, arabic: &str) -> String {
        // «عبد الله» is one name, Abdullah
        let norm = rasid_text::normalize(arabic).replace("عبد الله", "عبدالله");
        let mut out: Vec<String> = Vec::new();
        for w in norm.split(|c: char| c.is_whitespace() || c == '-') {
            if w.is_empty() {
                continue;
            }
            if let Some(parts) = self.glued(w) {
                out.extend(parts);
            } else {
                out.push(self.word(w));
            }
        }
        // a name opening with «بن» is «Bin …»
        if let Some(first) = out.first_mut() {
            *first = capitalised(first);
        }
        out.join(" ")
    }

    /// «ابوعبيده» → «Abu Ubaida» when the rest is a known word.
    fn glued(&self, w: &str) -> Option<Vec<String>> {
        if self.words.contains_key(w) {
            return None;
        }
        GLUED_HEADS.iter().find_map(|h| {
            let rest = w.strip_prefix(h)?;
            let known = self.words.get(rest)?;
            Some(vec![self.word(h), known.clone()])
        })
    }

    fn word(&self, w: &str) -> String {
        if let Some(known) = self.words.get(w) {
            return known.clone();
        }
        if let Some(rest) = w.strip_prefix(ARTICLE).filter(|r| r.chars().count() >= 2) {
            let core = match self.words.get(rest) {
                Some(known) => known.trim_start_matches("al-").to_string(),
                None => self.skeleton(rest),
            };
            return format!("al-{core}");
        }
        self.skeleton(w)
    }

    /// Letter by letter: و and ي are vowels after a consonant, ة at the end is «a», ع at the
    /// start is «a»; two consonants opening the word take an «a» between them («نهدي» →
    /// «Nahdi»), the commonest vowel there; the first letter is capitalised.
    fn skeleton(&self, w: &str) -> String {
        let chars: Vec<char> = w.chars().collect();
        let mut pieces: Vec<(&str, bool)> = Vec::new(); // (latin, is a vowel)
        for (i, c) in chars.iter().enumerate() {
            let after_consonant = i > 0 && !matches!(chars[i - 1], 'ا' | 'و' | 'ي');
            let piece = match c {
                'و' if after_consonant => ("u", true),
                'ي' if after_consonant => ("i", true),
                'ه' if i + 1 == chars.len() && i > 0 => ("a", true),
                'ع' if i == 0 => ("a", true),
                'ا' => ("a", true),
                _ => match self.letters.get(c) {
                    Some(l) => (l.as_str(), false),
                    None => continue,
                },
            };
            pieces.push(piece);
        }
        let mut s = String::new();
        for (i, (p, _)) in pieces.iter().enumerate() {
            s.push_str(p);
            let opens_cluster = i == 0 && pieces.len() > 2 && !pieces[0].1 && !pieces[1].1;
            if opens_cluster {
                s.push('a');
            }
        }
        capitalised(&s)
    }
}

/// `s` with its first letter upper-case.
fn capitalised(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(first) => first.to_uppercase().chain(it).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Transliterator {
        let file = KbFile {
            name: "transliteration.toml".into(),
            text: include_str!("../../../kb/transliteration.toml").into(),
            builtin: true,
        };
        match Transliterator::parse(&file) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn known_name_parts_take_their_news_spelling() {
        let t = builtin();
        assert_eq!(t.name("عبد المالك دروكدال"), "Abd al-Malik Droukdel");
        assert_eq!(t.name("أبو بكر البغدادي"), "Abu Bakr al-Baghdadi");
        assert_eq!(
            t.name("أبوعبيدة يوسف العنابي"),
            "Abu Ubaida Youssef al-Annabi"
        );
        assert_eq!(t.name("مصطفى"), "Mustafa");
    }

    #[test]
    fn unknown_words_become_consonant_skeletons() {
        let t = builtin();
        assert_eq!(t.name("مجبر"), "Majbr");
        assert_eq!(t.name("قادري"), "Qadri");
        assert_eq!(t.name("عمر عبيد البكري"), "Omar Abid al-Bakri");
        assert_eq!(t.name("فاطمة"), "Fatma");
        assert_eq!(t.name("بن هلال قادري"), "Bin Halal Qadri");
        assert_eq!(t.name("أبو عبد الله الجزائري"), "Abu Abdullah al-Jazairi");
    }

    #[test]
    fn a_letter_key_must_be_one_letter() {
        let file = KbFile {
            name: "transliteration.toml".into(),
            text: "version = 1\n[letters]\n\"بب\" = \"bb\"\n".into(),
            builtin: false,
        };
        assert!(Transliterator::parse(&file).is_err());
    }
}
