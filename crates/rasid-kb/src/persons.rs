//! `kb/persons.toml` and `kb/person_names.txt`: triggers and name parts for persons.

use std::collections::HashSet;

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::phrase::{PhraseMatcher, PhraseMode};
use crate::suffixes::SuffixList;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    titles: Vec<String>,
    leads: Vec<String>,
    members: Vec<String>,
    affiliation_words: Vec<String>,
    kunya_heads: Vec<String>,
    glued_kunya_heads: Vec<String>,
    #[serde(default)]
    kunya_heads_of_given_names: Vec<String>,
    #[serde(default)]
    patronymic_joiners: Vec<String>,
    alias_introducers: Vec<String>,
    #[serde(default)]
    leads_previous: Vec<String>,
    #[serde(default)]
    leads_antecedent: Vec<String>,
    #[serde(default)]
    pronoun_links: Vec<String>,
    #[serde(default)]
    leads_after_name: Vec<String>,
    #[serde(default)]
    name_openers: Vec<String>,
    #[serde(default)]
    person_nouns: Vec<String>,
    stop_words: Vec<String>,
    given_names: Vec<String>,
    joiners: Vec<String>,
    compound_joiners: Vec<String>,
    second_word_joiners: Vec<String>,
    spokesman_words: Vec<String>,
    not_persons: Vec<String>,
    #[serde(default)]
    not_name_words: Vec<String>,
    #[serde(default)]
    facility_heads: Vec<String>,
    #[serde(default)]
    facility_honorifics: Vec<String>,
    #[serde(default)]
    place_heads: Vec<String>,
}

/// What a trigger phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonTrigger {
    Title,
    Leads,
    Member,
    AliasIntroducer,
    /// «… التي يقودها NAME»: the name after leads the group named before.
    LeadsPrevious,
    /// «أحد أبرز مؤسسيه NAME»: the role's pronoun refers to the group named last in the
    /// sentence, which the name leads.
    LeadsAntecedent,
    /// «الصحافي الأمريكي جيمس فولي»: a noun of occupation; the name must open with a
    /// known given name.
    Noun,
}

/// Compiled person patterns.
#[derive(Debug)]
pub struct PersonPatterns {
    /// Payload: 0 title, 1 leads, 2 member, 3 alias introducer, 4 leads the group before,
    /// 5 leads the group the role's pronoun refers to, 6 a noun of occupation.
    pub triggers: PhraseMatcher,
    /// «وهو», «وكان»: a sentence opening with one of these goes on about the person named
    /// right before («… قادري. وهو قيادي في تنظيم X»).
    pub pronoun_links: HashSet<String>,
    /// «تعيين الملا أختر منصور زعيما جديدا لها»: a name followed by one of these leads the
    /// group named before it in the sentence.
    pub leads_after_name: HashSet<String>,
    /// «وقال», «بحسب», «لكن»: words after which a name may stand before its role
    /// («وقال صباح النعماني، المتحدث باسم …»).
    pub name_openers: HashSet<String>,
    pub affiliation_words: HashSet<String>,
    pub kunya_heads: HashSet<String>,
    /// «أبو», «أبي», «أبا»: kunya heads that may be glued to a given name («أبوعبيدة»).
    pub glued_kunya_heads: Vec<String>,
    /// «أم»: kunya heads that are also common words («أم» is «or»): a kunya only before a
    /// known given name («أم محمد», not «طفل أم جاهل»).
    pub kunya_heads_of_given_names: Vec<String>,
    /// «بن», «ابن»: the name after one is a father's, not the person's own («سلمان بن عبد
    /// العزيز» is no later mention of «عبد العزيز»).
    pub patronymic_joiners: Vec<String>,
    pub stop_words: HashSet<String>,
    pub given_names: HashSet<String>,
    pub joiners: HashSet<String>,
    /// «عبد»: joiners that take the next word whatever it is («عبد الأمير»), matched at
    /// the end of a word («وعبد»).
    pub compound_joiners: Vec<String>,
    /// «عبد», «بن»: as a name's second word, they let an unknown first word open a name
    /// after a role («القيادي مجبر عبد الرحيم»).
    pub second_word_joiners: HashSet<String>,
    /// «اسم» (of «باسم»): a role ending in one of these speaks for an organisation
    /// («المتحدث باسم الشرطة التشادية بول مانغا»).
    pub spokesman_words: HashSet<String>,
    pub not_persons: PhraseMatcher,
    /// «طائرة», «بريد», «برس»: words never inside a person's name (a name the statistical
    /// tagger finds with one of them is dropped).
    pub not_name_words: HashSet<String>,
    /// «مسجد», «مستشفى», «شارع»: a name right after one (honorifics and name parts between)
    /// names the facility, not a person in the news.
    pub facility_heads: HashSet<String>,
    /// «الإمام», «الملك»: honorifics inside a facility's name («مسجد الإمام علي»).
    pub facility_honorifics: HashSet<String>,
    /// «ناحية», «قرية»: a name right after one (honorifics only between) names the place.
    pub place_heads: HashSet<String>,
    /// Trigger words themselves (a name stops before another trigger).
    pub trigger_words: HashSet<String>,
    /// The plural endings of `suffixes.toml` («العسكريين», «القوات»): a definite word
    /// ending in one is no surname.
    pub plural_endings: SuffixList,
}

fn set(list: &[String]) -> HashSet<String> {
    list.iter()
        .map(|w| rasid_text::normalize(w).trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The normalised words of `list`, in order; a word normalising to nothing is an error
/// naming the file and the key.
fn words(file: &str, key: &str, list: &[String]) -> Result<Vec<String>, KbError> {
    list.iter()
        .map(|w| {
            let n = rasid_text::normalize(w).trim().to_string();
            if n.is_empty() {
                Err(KbError::invalid(file, format!("{key}: empty word {w:?}")))
            } else {
                Ok(n)
            }
        })
        .collect()
}

/// The normalised words of `list` (key `key`), each of which must also be in `whole`
/// (key `whole_key`): a list that singles out some words of another.
fn words_within(
    file: &str,
    key: &str,
    list: &[String],
    whole_key: &str,
    whole: &HashSet<String>,
) -> Result<Vec<String>, KbError> {
    let words = words(file, key, list)?;
    match words.iter().find(|w| !whole.contains(*w)) {
        Some(w) => Err(KbError::invalid(
            file,
            format!("{key}: {w:?} is not one of `{whole_key}`; add it there too"),
        )),
        None => Ok(words),
    }
}

impl PersonTrigger {
    pub fn from_payload(p: usize) -> Option<Self> {
        [
            Self::Title,
            Self::Leads,
            Self::Member,
            Self::AliasIntroducer,
            Self::LeadsPrevious,
            Self::LeadsAntecedent,
            Self::Noun,
        ]
        .get(p)
        .copied()
    }
}

impl PersonPatterns {
    /// `plural_endings` come from `suffixes.toml`.
    pub(crate) fn parse(
        file: &KbFile,
        names: &KbFile,
        plural_endings: &SuffixList,
    ) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let groups = [
            &raw.titles,
            &raw.leads,
            &raw.members,
            &raw.alias_introducers,
        ];
        if groups.iter().any(|g| g.is_empty()) {
            return Err(KbError::invalid(
                name,
                "titles, leads, members and alias_introducers must not be empty",
            ));
        }
        let triggers = PhraseMatcher::new(
            groups
                .iter()
                .copied()
                .chain([
                    &raw.leads_previous,
                    &raw.leads_antecedent,
                    &raw.person_nouns,
                ])
                .enumerate()
                .flat_map(|(p, g)| g.iter().map(move |w| (w.as_str(), PhraseMode::Word, p))),
        );
        let mut given = set(&raw.given_names);
        given.extend(names.word_lines()?);
        let trigger_words = groups
            .iter()
            .flat_map(|g| g.iter())
            .map(|w| rasid_text::normalize(w).trim().to_string())
            .collect();
        let kunya_heads = set(&raw.kunya_heads);
        let joiners = set(&raw.joiners);
        let [glued_kunya_heads, kunya_heads_of_given_names, patronymic_joiners, compound_joiners, second_word_joiners] =
            [
                (
                    "glued_kunya_heads",
                    &raw.glued_kunya_heads,
                    "kunya_heads",
                    &kunya_heads,
                ),
                (
                    "kunya_heads_of_given_names",
                    &raw.kunya_heads_of_given_names,
                    "kunya_heads",
                    &kunya_heads,
                ),
                (
                    "patronymic_joiners",
                    &raw.patronymic_joiners,
                    "joiners",
                    &joiners,
                ),
                (
                    "compound_joiners",
                    &raw.compound_joiners,
                    "joiners",
                    &joiners,
                ),
                (
                    "second_word_joiners",
                    &raw.second_word_joiners,
                    "joiners",
                    &joiners,
                ),
            ]
            .map(|(key, list, whole_key, whole)| words_within(name, key, list, whole_key, whole));
        let spokesman_words = words(name, "spokesman_words", &raw.spokesman_words)?;
        let not_name_words = words(name, "not_name_words", &raw.not_name_words)?;
        let facility_heads = words(name, "facility_heads", &raw.facility_heads)?;
        let facility_honorifics = words(name, "facility_honorifics", &raw.facility_honorifics)?;
        let place_heads = words(name, "place_heads", &raw.place_heads)?;
        Ok(Self {
            not_name_words: not_name_words.into_iter().collect(),
            facility_heads: facility_heads.into_iter().collect(),
            facility_honorifics: facility_honorifics.into_iter().collect(),
            place_heads: place_heads.into_iter().collect(),
            triggers,
            affiliation_words: set(&raw.affiliation_words),
            kunya_heads,
            glued_kunya_heads: glued_kunya_heads?,
            kunya_heads_of_given_names: kunya_heads_of_given_names?,
            patronymic_joiners: patronymic_joiners?,
            compound_joiners: compound_joiners?,
            second_word_joiners: second_word_joiners?.into_iter().collect(),
            spokesman_words: spokesman_words.into_iter().collect(),
            pronoun_links: set(&raw.pronoun_links),
            leads_after_name: set(&raw.leads_after_name),
            name_openers: set(&raw.name_openers),
            stop_words: set(&raw.stop_words),
            given_names: given,
            joiners,
            not_persons: PhraseMatcher::new(
                raw.not_persons
                    .iter()
                    .map(|w| (w.as_str(), PhraseMode::Word, 0)),
            ),
            trigger_words,
            plural_endings: plural_endings.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<PersonPatterns, KbError> {
        let file = KbFile {
            name: "persons.toml".into(),
            text: text.into(),
            builtin: false,
        };
        let names = KbFile {
            name: "person_names.txt".into(),
            text: "محمد\nعبيدة\n".into(),
            builtin: false,
        };
        PersonPatterns::parse(
            &file,
            &names,
            &crate::Kb::builtin().expect("kb").suffixes.plural,
        )
    }

    const BUILTIN: &str = include_str!("../../../kb/persons.toml");

    #[test]
    fn name_part_lists_are_read_normalised() {
        let pp = parse(BUILTIN).expect("the built-in file is valid");
        assert!(pp.glued_kunya_heads.iter().any(|h| h == "ابو"));
        assert!(!pp.glued_kunya_heads.iter().any(|h| h == "ام"));
        assert_eq!(pp.compound_joiners, ["عبد"]);
        assert!(pp.second_word_joiners.contains("بن"));
        assert!(pp.spokesman_words.contains("اسم"));
    }

    /// The error of the built-in file with `from` replaced by `to`; it must name the file
    /// and every word of `names`.
    fn error_naming(from: &str, to: &str, names: &[&str]) {
        assert!(BUILTIN.contains(from), "{from}");
        let err = parse(&BUILTIN.replace(from, to))
            .expect_err("an invalid file")
            .to_string();
        assert!(err.contains("persons.toml"), "{err}");
        for n in names {
            assert!(err.contains(n), "{n} in {err}");
        }
    }

    #[test]
    fn name_part_lists_are_checked_against_the_lists_they_refine() {
        // (replaced, replacement, what the error names)
        #[rustfmt::skip]
        let cases: [(&str, &str, &[&str]); 4] = [
            ("glued_kunya_heads = [\"أبو\",", "glued_kunya_heads = [\"بو\", \"أبو\",", &["glued_kunya_heads", "\"بو\"", "kunya_heads"]),
            ("compound_joiners = [\"عبد\"]", "compound_joiners = [\"عبدة\"]", &["compound_joiners", "`joiners`"]),
            ("second_word_joiners = [\"عبد\", \"بن\"]", "second_word_joiners = [\"عبد\", \"بنت\"]", &["second_word_joiners", "\"بنت\""]),
            ("spokesman_words = [\"اسم\"]", "", &["spokesman_words"]),
        ];
        for (from, to, names) in cases {
            error_naming(from, to, names);
        }
    }
}
