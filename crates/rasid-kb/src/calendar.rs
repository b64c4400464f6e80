//! `kb/calendar.toml`: Gregorian and Hijri month names and weekday names.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    gregorian: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    hijri: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    weekdays: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    relative: Relative,
}

/// Relative date expressions (`[relative]` of calendar.toml), as written in the file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    #[serde(default)]
    pub days: Vec<RelativeDay>,
    #[serde(default)]
    pub past: Vec<String>,
    #[serde(default)]
    pub current: Vec<String>,
    #[serde(default)]
    pub future: Vec<String>,
    #[serde(default)]
    pub week: Vec<String>,
    #[serde(default)]
    pub month: Vec<String>,
    #[serde(default)]
    pub year: Vec<String>,
    #[serde(default)]
    pub month_parts: Vec<String>,
    #[serde(default)]
    pub hijri_marks: Vec<String>,
}

/// «أمس» = -1 day.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeDay {
    pub phrase: String,
    pub offset: i64,
}

/// Month and weekday names, normalised, with their numbers.
#[derive(Debug, Default)]
pub struct Calendar {
    gregorian: HashMap<String, u32>,
    hijri: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    longest_name_words: usize,
    /// Relative expressions.
    pub relative: Relative,
}

fn table(
    file: &str,
    section: &str,
    raw: &BTreeMap<String, Vec<String>>,
    max: u32,
) -> Result<HashMap<String, u32>, KbError> {
    let mut out = HashMap::new();
    for (num, names) in raw {
        let n: u32 = num.parse().map_err(|_| {
            KbError::invalid(file, format!("[{section}] key {num:?} is not a number"))
        })?;
        if !(1..=max).contains(&n) {
            return Err(KbError::invalid(
                file,
                format!("[{section}] number {n} is outside 1..{max}"),
            ));
        }
        for name in names {
            let norm = rasid_text::normalize(name).trim().to_string();
            if norm.is_empty() {
                return Err(KbError::invalid(
                    file,
                    format!("[{section}] {n}: empty name"),
                ));
            }
            if let Some(prev) = out.insert(norm, n) {
                if prev != n {
                    return Err(KbError::invalid(
                        file,
                        format!("[{section}] {name:?} is listed under both {prev} and {n}"),
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// A regex alternation of normalised names (`a|b|c`), each escaped, a space matching any
/// run of white space; with no names, a pattern that matches nothing. Names longest first
/// (as [`Calendar`]'s lists are) make the longest match win.
pub fn regex_alternation<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let v: Vec<String> = names
        .into_iter()
        .map(|n| regex::escape(n).replace("\\ ", " ").replace(' ', r"\s+"))
        .collect();
    if v.is_empty() {
        r"[^\s\S]".to_string()
    } else {
        v.join("|")
    }
}

fn sorted_names(map: &HashMap<String, u32>) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = map.iter().map(|(k, n)| (k.clone(), *n)).collect();
    v.sort_by(|a, b| {
        b.0.chars()
            .count()
            .cmp(&a.0.chars().count())
            .then(a.0.cmp(&b.0))
    });
    v
}

impl Calendar {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let gregorian = table(name, "gregorian", &raw.gregorian, 12)?;
        if (1..=12).any(|m| !gregorian.values().any(|&v| v == m)) {
            return Err(KbError::invalid(
                name,
                "[gregorian] must name all twelve months",
            ));
        }
        let hijri = table(name, "hijri", &raw.hijri, 12)?;
        let weekdays = table(name, "weekdays", &raw.weekdays, 7)?;
        let longest_name_words = gregorian
            .keys()
            .chain(hijri.keys())
            .map(|k| k.split_whitespace().count())
            .max()
            .unwrap_or(1);
        if raw.relative.days.iter().any(|d| d.offset.abs() > 7) {
            return Err(KbError::invalid(
                name,
                "[relative] day offsets must be within a week",
            ));
        }
        Ok(Self {
            gregorian,
            hijri,
            weekdays,
            longest_name_words,
            relative: raw.relative,
        })
    }

    /// Month number of a Gregorian month name (any spelling in the kb), normalised or not.
    pub fn gregorian_month(&self, name: &str) -> Option<u32> {
        self.gregorian
            .get(rasid_text::normalize(name).trim())
            .copied()
    }

    pub fn hijri_month(&self, name: &str) -> Option<u32> {
        self.hijri.get(rasid_text::normalize(name).trim()).copied()
    }

    /// ISO weekday number (1 = Monday) of a weekday name.
    pub fn weekday(&self, name: &str) -> Option<u32> {
        self.weekdays
            .get(rasid_text::normalize(name).trim())
            .copied()
    }

    /// All normalised Gregorian month names with their numbers, longest first.
    pub fn gregorian_names(&self) -> Vec<(String, u32)> {
        sorted_names(&self.gregorian)
    }

    /// All normalised Hijri month names with their numbers, longest first.
    pub fn hijri_names(&self) -> Vec<(String, u32)> {
        sorted_names(&self.hijri)
    }

    /// All normalised weekday names with their ISO numbers, longest first.
    pub fn weekday_names(&self) -> Vec<(String, u32)> {
        sorted_names(&self.weekdays)
    }

    /// The largest number of words in a month name («تشرين الثاني» has two).
    pub fn longest_month_words(&self) -> usize {
        self.longest_name_words
    }
}
