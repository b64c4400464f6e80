//! `kb/numbers.toml`: number words, vague quantities and qualifiers.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::phrase::{PhraseMatcher, PhraseMode};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    units: BTreeMap<String, Vec<String>>,
    tens: BTreeMap<String, Vec<String>>,
    hundreds: BTreeMap<String, Vec<String>>,
    vague: BTreeMap<String, Vec<String>>,
    qualifiers: BTreeMap<String, Vec<String>>,
}

/// What a number word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberWord {
    /// 1–12: units and the compound teens.
    Unit(u64),
    Ten(u64),
    Hundred(u64),
    /// A vague plural: «عشرات» → 10.
    Vague(u64),
}

/// Compiled number lexicon.
#[derive(Debug)]
pub struct NumberWords {
    /// Payload: index into `words`.
    pub matcher: PhraseMatcher,
    pub words: Vec<NumberWord>,
    /// Payload: index into `qualifier_names`.
    pub qualifiers: PhraseMatcher,
    pub qualifier_names: Vec<String>,
}

fn section(
    file: &str,
    name: &str,
    raw: &BTreeMap<String, Vec<String>>,
    make: fn(u64) -> NumberWord,
    out: &mut Vec<(String, NumberWord)>,
) -> Result<(), KbError> {
    for (k, list) in raw {
        let v: u64 = k
            .parse()
            .map_err(|_| KbError::invalid(file, format!("[{name}] key {k:?} is not a number")))?;
        for w in list {
            if rasid_text::normalize(w).trim().is_empty() {
                return Err(KbError::invalid(file, format!("[{name}] {k}: empty word")));
            }
            out.push((w.clone(), make(v)));
        }
    }
    Ok(())
}

impl NumberWords {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut all = Vec::new();
        section(name, "units", &raw.units, NumberWord::Unit, &mut all)?;
        section(name, "tens", &raw.tens, NumberWord::Ten, &mut all)?;
        section(
            name,
            "hundreds",
            &raw.hundreds,
            NumberWord::Hundred,
            &mut all,
        )?;
        section(name, "vague", &raw.vague, NumberWord::Vague, &mut all)?;
        let mut seen: HashMap<String, NumberWord> = HashMap::new();
        for (w, v) in &all {
            if let Some(prev) = seen.insert(rasid_text::normalize(w), *v) {
                if prev != *v {
                    return Err(KbError::invalid(name, format!("{w:?} has two values")));
                }
            }
        }
        let matcher = PhraseMatcher::new(
            all.iter()
                .enumerate()
                .map(|(i, (w, _))| (w.as_str(), PhraseMode::Word, i)),
        );
        let words = all.into_iter().map(|(_, v)| v).collect();
        let mut qualifier_names = Vec::new();
        let mut qphrases = Vec::new();
        for (q, list) in &raw.qualifiers {
            for p in list {
                qphrases.push((p.clone(), qualifier_names.len()));
            }
            qualifier_names.push(q.clone());
        }
        let qualifiers = PhraseMatcher::new(
            qphrases
                .iter()
                .map(|(p, i)| (p.as_str(), PhraseMode::Word, *i)),
        );
        Ok(Self {
            matcher,
            words,
            qualifiers,
            qualifier_names,
        })
    }
}
