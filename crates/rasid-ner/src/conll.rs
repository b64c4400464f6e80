//! Reading and writing CoNLL-style files: one token per line (token in the
//! first column, tag in the last when there are two or more columns), a blank
//! line between sentences.

use crate::NerError;
use std::path::Path;

/// One sentence: its tokens and, when labelled, one BIO tag per token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The tokens, as written.
    pub tokens: Vec<String>,
    /// One tag per token (`O`, `B-LOC`, …), or empty when unlabelled.
    pub tags: Vec<String>,
}

impl Sentence {
    /// An unlabelled sentence.
    pub fn unlabelled(tokens: Vec<String>) -> Self {
        Sentence {
            tokens,
            tags: Vec::new(),
        }
    }

    /// True when the sentence carries one tag per token.
    pub fn is_labelled(&self) -> bool {
        !self.tokens.is_empty() && self.tags.len() == self.tokens.len()
    }
}

/// Parses CoNLL text. Columns are separated by spaces or tabs; the first
/// column is the token and, when a line has two or more columns, the last is
/// its tag. Within a sentence either every line has a tag or none has.
/// Blank lines separate sentences (several blank lines count as one).
pub fn read_conll(text: &str) -> Result<Vec<Sentence>, NerError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut first_line = 0;
    for (i, line) in text.lines().enumerate() {
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        };
        if cur.tokens.is_empty() {
            first_line = i + 1;
        }
        let tag = cols.last();
        let labelled_so_far = cur.tags.len() == cur.tokens.len() && !cur.tokens.is_empty();
        match tag {
            Some(tag) if cur.tokens.is_empty() || labelled_so_far => {
                cur.tags.push(tag.to_string());
            }
            None if cur.tags.is_empty() => {}
            _ => {
                return Err(NerError::Conll {
                    line: i + 1,
                    message: format!(
                        "some lines of the sentence starting on line {first_line} have a tag \
                         and some do not"
                    ),
                });
            }
        }
        cur.tokens.push(token.to_string());
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads and parses a CoNLL file.
pub fn read_conll_path(path: &Path) -> Result<Vec<Sentence>, NerError> {
    let text = std::fs::read_to_string(path).map_err(|e| NerError::file(path, e))?;
    read_conll(&text)
}

/// Writes sentences of `(token, tag)` pairs as `token TAG` lines with a blank
/// line after each sentence: the format `ner_score.py` reads.
pub fn write_conll(sentences: &[Vec<(String, String)>]) -> String {
    let mut out = String::new();
    for sentence in sentences {
        for (token, tag) in sentence {
            out.push_str(token);
            out.push(' ');
            out.push_str(tag);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_labelled_and_unlabelled_sentences() {
        let text = "أعلن O\nاتحاد B-ORG\nالصناعة\tx\tI-ORG\n\n\nفي\nألمانيا\n";
        let s = read_conll(text).expect("valid");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["أعلن", "اتحاد", "الصناعة"]);
        assert_eq!(s[0].tags, ["O", "B-ORG", "I-ORG"]);
        assert!(s[0].is_labelled());
        assert_eq!(s[1].tokens, ["في", "ألمانيا"]);
        assert!(s[1].tags.is_empty());
        assert!(!s[1].is_labelled());
    }

    #[test]
    fn rejects_mixed_tagging_within_a_sentence() {
        let err = read_conll("أعلن O\nاتحاد\n").expect_err("mixed");
        assert!(matches!(err, NerError::Conll { line: 2, .. }), "{err}");
        let err = read_conll("أعلن\nاتحاد B-ORG\n").expect_err("mixed");
        assert!(matches!(err, NerError::Conll { line: 2, .. }), "{err}");
    }

    #[test]
    fn empty_input_has_no_sentences() {
        assert!(read_conll("").expect("ok").is_empty());
        assert!(read_conll("\n \n\t\n").expect("ok").is_empty());
    }

    #[test]
    fn write_then_read_round_trips() {
        let sents = vec![
            vec![
                ("زار".to_string(), "O".to_string()),
                ("بغداد".to_string(), "B-LOC".to_string()),
            ],
            vec![("وقال".to_string(), "O".to_string())],
        ];
        let text = write_conll(&sents);
        assert_eq!(text, "زار O\nبغداد B-LOC\n\nوقال O\n\n");
        let back = read_conll(&text).expect("valid");
        assert_eq!(back[0].tags, ["O", "B-LOC"]);
        assert_eq!(back[1].tokens, ["وقال"]);
    }
}
