//! `kb/relevance.toml`: weighted cues that an article is about armed groups or political
//! violence, and the decision thresholds.

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::phrase::{PhraseMatcher, PhraseMode};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    title_weight: f32,
    min_strong: usize,
    base_score: f32,
    per_100_words: f32,
    cue: Vec<RawCue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    terms: Vec<String>,
    weight: f32,
    strong: bool,
    #[serde(rename = "match")]
    mode: String,
}

/// One cue term with its weight.
#[derive(Debug, Clone)]
pub struct RelevanceCue {
    pub term: String,
    pub weight: f32,
    pub strong: bool,
}

/// Compiled relevance lexicon.
#[derive(Debug)]
pub struct RelevanceLexicon {
    pub cues: Vec<RelevanceCue>,
    pub matcher: PhraseMatcher,
    /// How many times a cue in the title counts.
    pub title_weight: f32,
    pub min_strong: usize,
    pub base_score: f32,
    pub per_100_words: f32,
}

impl RelevanceLexicon {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut cues = Vec::new();
        let mut phrases = Vec::new();
        for (i, c) in raw.cue.iter().enumerate() {
            let mode = match c.mode.as_str() {
                "word" => PhraseMode::Word,
                "prefix" => PhraseMode::Prefix,
                other => {
                    return Err(KbError::invalid(
                        name,
                        format!(
                            "cue #{}: match = {other:?}; use \"word\" or \"prefix\"",
                            i + 1
                        ),
                    ))
                }
            };
            if !(0.0..=10.0).contains(&c.weight) {
                return Err(KbError::invalid(
                    name,
                    format!("cue #{}: weight {} is outside 0..10", i + 1, c.weight),
                ));
            }
            for t in &c.terms {
                if rasid_text::normalize(t).trim().is_empty() {
                    return Err(KbError::invalid(
                        name,
                        format!("cue #{}: empty term", i + 1),
                    ));
                }
                phrases.push((t.clone(), mode, cues.len()));
                cues.push(RelevanceCue {
                    term: t.clone(),
                    weight: c.weight,
                    strong: c.strong,
                });
            }
        }
        if !(1.0..=10.0).contains(&raw.title_weight) {
            return Err(KbError::invalid(
                name,
                format!("title_weight {} is outside 1..10", raw.title_weight),
            ));
        }
        if cues.is_empty() {
            return Err(KbError::invalid(name, "no cues"));
        }
        let matcher = PhraseMatcher::new(phrases.iter().map(|(t, m, i)| (t.as_str(), *m, *i)));
        Ok(Self {
            cues,
            matcher,
            title_weight: raw.title_weight,
            min_strong: raw.min_strong,
            base_score: raw.base_score,
            per_100_words: raw.per_100_words,
        })
    }

    pub fn cue_count(&self) -> usize {
        self.cues.len()
    }
}
