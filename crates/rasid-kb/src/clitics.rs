//! `kb/clitics.toml`: how the tokenizer splits proclitics, i.e. the words it never cuts
//! into. `rasid-text` holds the mechanism ([`Tokenizer`], the `*` prefix syntax); the
//! words are here.

use rasid_text::{ProtectedWords, Tokenizer};
use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    protected: Vec<String>,
}

/// The tokenizer every caller uses, built from the file's protected words.
pub(crate) fn parse(file: &KbFile) -> Result<Tokenizer, KbError> {
    parse_text(&file.name, &file.text)
}

fn parse_text(name: &str, text: &str) -> Result<Tokenizer, KbError> {
    let raw: Raw = toml::from_str(text).map_err(|e| KbError::parse(name, e))?;
    check_version(name, raw.version, 1)?;
    let protected = ProtectedWords::new(&raw.protected)
        .map_err(|e| KbError::invalid(name, format!("protected: {e}")))?;
    Ok(Tokenizer::new(protected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected_words_reach_the_tokenizer() {
        let t = parse_text("t", "version = 1\nprotected = [\"ولاي*\", \"بلغت\"]\n").expect("valid");
        assert_eq!(t.protected().len(), 2);
        let toks = t.tokenize("بلغت حصيلة القتلى في ولاية كسلا عشرة");
        assert!(toks
            .iter()
            .all(|x| x.proclitics.is_empty() || x.text == "القتلى"));
    }

    #[test]
    fn bad_entries_name_the_file_and_the_entry() {
        let err = |text: &str| parse_text("kb/clitics.toml", text).expect_err("invalid");
        let e = err("version = 1\nprotected = [\"ولاية\", \"مأرب\"]\n").to_string();
        assert!(e.contains("kb/clitics.toml") && e.contains("مأرب"), "{e}");
        let e = err("version = 1\nprotected = [\"بيان*\", \"بيان*\"]\n").to_string();
        assert!(e.contains("twice"), "{e}");
        let e = err("version = 2\nprotected = []\n").to_string();
        assert!(e.contains("version 2"), "{e}");
        let e = err("version = 1\nprotected = []\nwords = []\n").to_string();
        assert!(e.contains("kb/clitics.toml"), "{e}");
    }
}
