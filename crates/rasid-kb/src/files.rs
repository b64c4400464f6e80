//! Where kb files come from: the copy embedded at build time, optionally overlaid by a
//! user directory (`--kb DIR`).

use std::path::{Path, PathBuf};

use crate::error::KbError;

const BUILTIN: &[(&str, &str)] = &[
    (
        "segmentation.toml",
        include_str!("../../../kb/segmentation.toml"),
    ),
    ("relevance.toml", include_str!("../../../kb/relevance.toml")),
    ("outlets.toml", include_str!("../../../kb/outlets.toml")),
    ("calendar.toml", include_str!("../../../kb/calendar.toml")),
    ("actors.toml", include_str!("../../../kb/actors.toml")),
    (
        "recognition.toml",
        include_str!("../../../kb/recognition.toml"),
    ),
    ("persons.toml", include_str!("../../../kb/persons.toml")),
    ("people.toml", include_str!("../../../kb/people.toml")),
    ("numbers.toml", include_str!("../../../kb/numbers.toml")),
    ("places.tsv", include_str!("../../../kb/places.tsv")),
    ("events.toml", include_str!("../../../kb/events.toml")),
    (
        "transliteration.toml",
        include_str!("../../../kb/transliteration.toml"),
    ),
    (
        "person_names.txt",
        include_str!("../../../kb/person_names.txt"),
    ),
    ("ner_cues.txt", include_str!("../../../kb/ner_cues.txt")),
    ("clitics.toml", include_str!("../../../kb/clitics.toml")),
    ("merge.toml", include_str!("../../../kb/merge.toml")),
    (
        "confidence.toml",
        include_str!("../../../kb/confidence.toml"),
    ),
    ("roles.toml", include_str!("../../../kb/roles.toml")),
    ("suffixes.toml", include_str!("../../../kb/suffixes.toml")),
    ("acled.toml", include_str!("../../../kb/acled.toml")),
    ("countries.tsv", include_str!("../../../kb/countries.tsv")),
    (
        "place_common_words.txt",
        include_str!("../../../kb/place_common_words.txt"),
    ),
];

/// A source of kb files.
#[derive(Debug, Clone)]
pub struct KbSource {
    overlay: Option<PathBuf>,
}

/// A kb file's text and the name to report in errors.
pub(crate) struct KbFile {
    pub name: String,
    pub text: String,
    /// The repository's embedded copy, not a file of the user's overlay directory.
    pub builtin: bool,
}

impl KbFile {
    /// A file given as text (tests), named `name`.
    #[cfg(test)]
    pub(crate) fn inline(name: &str, text: &str) -> Self {
        Self {
            name: name.to_string(),
            text: text.to_string(),
            builtin: false,
        }
    }

    /// The words of a file of one word a line (blank lines and `#` comments skipped),
    /// normalised; a line of more than one word is an error naming it.
    pub(crate) fn word_lines(&self) -> Result<std::collections::HashSet<String>, KbError> {
        let mut out = std::collections::HashSet::new();
        for (n, line) in self.text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.contains(char::is_whitespace) {
                return Err(KbError::invalid(
                    &self.name,
                    format!("line {}: one word a line, got {line:?}", n + 1),
                ));
            }
            out.insert(rasid_text::normalize(line));
        }
        Ok(out)
    }
}

impl KbSource {
    pub fn builtin() -> Self {
        Self { overlay: None }
    }

    /// Files in `dir` replace the built-in ones of the same name.
    pub fn overlay(dir: &Path) -> Result<Self, KbError> {
        if !dir.is_dir() {
            return Err(KbError::Io {
                path: dir.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
            });
        }
        Ok(Self {
            overlay: Some(dir.to_path_buf()),
        })
    }

    pub(crate) fn read(&self, name: &str) -> Result<KbFile, KbError> {
        if let Some(dir) = &self.overlay {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|source| KbError::Io {
                    path: path.clone(),
                    source,
                })?;
                return Ok(KbFile {
                    name: path.display().to_string(),
                    text,
                    builtin: false,
                });
            }
        }
        BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, t)| KbFile {
                name: format!("kb/{n} (built in)"),
                text: (*t).to_string(),
                builtin: true,
            })
            .ok_or_else(|| KbError::invalid(name, "no such kb file is known"))
    }
}
