//! `kb/segmentation.toml`: cues that split a page into articles and drop boilerplate.

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::phrase::{PhraseMatcher, PhraseMode};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    appended_markers: Vec<String>,
    tag_prefixes: Vec<String>,
    source_prefixes: Vec<String>,
    paywall: Vec<String>,
    navigation: Vec<String>,
    navigation_max_words: usize,
    caption_prefixes: Vec<String>,
    trailers: Vec<String>,
    continuation_openers: Vec<String>,
    bullets: Vec<String>,
    headline_max_words: usize,
    headline_max_chars: usize,
    glue_max_similarity: f32,
    glue_min_chars: usize,
    resume_min_similarity: f32,
    stopwords: Vec<String>,
}

/// Compiled segmentation cues.
#[derive(Debug)]
pub struct SegmentationCues {
    /// Matches a "read also" / teaser-list marker.
    pub appended_markers: PhraseMatcher,
    pub tag_prefixes: PhraseMatcher,
    pub source_prefixes: PhraseMatcher,
    pub paywall: PhraseMatcher,
    pub navigation: PhraseMatcher,
    pub navigation_max_words: usize,
    pub caption_prefixes: PhraseMatcher,
    /// Site furniture after the body («رابط الخبر …»).
    pub trailers: PhraseMatcher,
    /// Normalised first words that continue a text rather than open a story.
    pub continuation_openers: std::collections::HashSet<String>,
    pub bullets: Vec<char>,
    pub headline_max_words: usize,
    pub headline_max_chars: usize,
    pub glue_max_similarity: f32,
    pub glue_min_chars: usize,
    pub resume_min_similarity: f32,
    /// Normalised stop words.
    pub stopwords: std::collections::HashSet<String>,
}

fn matcher(file: &str, field: &str, list: &[String]) -> Result<PhraseMatcher, KbError> {
    if list.is_empty() {
        return Err(KbError::invalid(file, format!("`{field}` is empty")));
    }
    if let Some(bad) = list
        .iter()
        .find(|p| rasid_text::normalize(p).trim().is_empty())
    {
        return Err(KbError::invalid(
            file,
            format!("`{field}` has an empty phrase {bad:?}"),
        ));
    }
    Ok(PhraseMatcher::new(
        list.iter().map(|p| (p.as_str(), PhraseMode::Word, 0)),
    ))
}

impl SegmentationCues {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut bullets = Vec::new();
        for b in &raw.bullets {
            let mut cs = b.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => bullets.push(c),
                _ => {
                    return Err(KbError::invalid(
                        name,
                        format!("`bullets` entry {b:?} must be exactly one character"),
                    ))
                }
            }
        }
        for (field, v) in [
            ("glue_max_similarity", raw.glue_max_similarity),
            ("resume_min_similarity", raw.resume_min_similarity),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(KbError::invalid(
                    name,
                    format!("`{field}` = {v} is outside 0..1"),
                ));
            }
        }
        if raw.headline_max_words == 0 || raw.headline_max_chars == 0 {
            return Err(KbError::invalid(name, "headline limits must be positive"));
        }
        Ok(Self {
            appended_markers: matcher(name, "appended_markers", &raw.appended_markers)?,
            tag_prefixes: matcher(name, "tag_prefixes", &raw.tag_prefixes)?,
            source_prefixes: matcher(name, "source_prefixes", &raw.source_prefixes)?,
            paywall: matcher(name, "paywall", &raw.paywall)?,
            navigation: matcher(name, "navigation", &raw.navigation)?,
            navigation_max_words: raw.navigation_max_words,
            caption_prefixes: matcher(name, "caption_prefixes", &raw.caption_prefixes)?,
            trailers: matcher(name, "trailers", &raw.trailers)?,
            continuation_openers: raw
                .continuation_openers
                .iter()
                .map(|w| rasid_text::normalize(w).trim().to_string())
                .filter(|w| !w.is_empty())
                .collect(),
            bullets,
            headline_max_words: raw.headline_max_words,
            headline_max_chars: raw.headline_max_chars,
            glue_max_similarity: raw.glue_max_similarity,
            glue_min_chars: raw.glue_min_chars,
            resume_min_similarity: raw.resume_min_similarity,
            stopwords: raw
                .stopwords
                .iter()
                .map(|w| rasid_text::normalize(w).trim().to_string())
                .filter(|w| !w.is_empty())
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> KbFile {
        KbFile {
            name: "segmentation.toml".into(),
            text: text.into(),
            builtin: false,
        }
    }

    #[test]
    fn unknown_key_is_an_error_naming_the_file() {
        let builtin = include_str!("../../../kb/segmentation.toml");
        let err = SegmentationCues::parse(&file(&format!("{builtin}\nsurprise = 1\n")))
            .expect_err("unknown key");
        let msg = err.to_string();
        assert!(
            msg.contains("segmentation.toml") && msg.contains("surprise"),
            "{msg}"
        );
    }

    #[test]
    fn multi_char_bullet_is_rejected() {
        let builtin = include_str!("../../../kb/segmentation.toml");
        let bad = builtin.replace("\"•\",", "\"••\",");
        let err = SegmentationCues::parse(&file(&bad)).expect_err("bad bullet");
        assert!(err.to_string().contains("exactly one character"));
    }
}
