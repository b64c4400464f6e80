//! Knowledge for the named-entity tagger (`rasid-ner`): `kb/ner_cues.txt`, its cue words
//! by class (organisation and place head nouns, person titles, sports and business words,
//! function words).

use crate::error::KbError;
use crate::files::KbFile;

/// Classes a line of `ner_cues.txt` may carry.
pub const NER_CUE_CLASSES: &[&str] = &["ORG", "ORGH", "LOC", "PERS", "SPORT", "ECON", "FUNC"];

/// One cue word and its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerCue {
    pub class: String,
    /// The word as written in the file (one word, not normalised).
    pub word: String,
}

/// `kb/ner_cues.txt`: cue words of the tagger, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NerCues {
    pub cues: Vec<NerCue>,
}

impl NerCues {
    /// `CLASS word` per line; `#` starts a comment line, blank lines are skipped.
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        Self::parse_text(&file.name, &file.text)
    }

    fn parse_text(name: &str, text: &str) -> Result<Self, KbError> {
        let mut cues = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (class, word) = line
                .split_once(char::is_whitespace)
                .map(|(c, w)| (c.trim(), w.trim()))
                .filter(|(c, w)| !c.is_empty() && !w.is_empty() && !w.contains(char::is_whitespace))
                .ok_or_else(|| {
                    KbError::invalid(
                        name,
                        format!("line {}: expected `CLASS word`, got {line:?}", i + 1),
                    )
                })?;
            if !NER_CUE_CLASSES.contains(&class) {
                return Err(KbError::invalid(
                    name,
                    format!(
                        "line {}: unknown class {class:?} (expected one of {})",
                        i + 1,
                        NER_CUE_CLASSES.join(" ")
                    ),
                ));
            }
            cues.push(NerCue {
                class: class.to_string(),
                word: word.to_string(),
            });
        }
        Ok(Self { cues })
    }

    pub fn len(&self) -> usize {
        self.cues.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cues.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_parse_and_reject_bad_lines() {
        let c = NerCues::parse_text("t", "# c\n\nORG نادي\nSPORT مباراة\n").expect("valid");
        assert_eq!(c.len(), 2);
        assert_eq!(c.cues[0].class, "ORG");
        assert_eq!(c.cues[1].word, "مباراة");
        let e = NerCues::parse_text("t", "ORG نادي\nXYZ شركة\n").expect_err("class");
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(NerCues::parse_text("t", "ORG نادي الهلال\n").is_err());
        assert!(NerCues::parse_text("t", "ORG\n").is_err());
    }
}
