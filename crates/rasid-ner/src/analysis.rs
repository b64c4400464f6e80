//! What the tagger knows about one token on its own: its normalised form,
//! its clitic-stripped stem, its proclitics and its shape, from `rasid-text`.

use rasid_text::{normalize, Clitic, TokenKind, Tokenizer};

/// The coarse make-up of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Arabic letters.
    Arabic,
    /// Latin (non-Arabic) letters, maybe with trailing digits.
    Latin,
    /// Digits.
    Number,
    /// One punctuation mark.
    Punct,
    /// Other symbols.
    Symbol,
    /// Several of the above glued together (`U.S.`, `-حزب`).
    Mixed,
}

impl Shape {
    /// A short code used in feature names.
    pub fn code(self) -> &'static str {
        match self {
            Shape::Arabic => "A",
            Shape::Latin => "L",
            Shape::Number => "D",
            Shape::Punct => "P",
            Shape::Symbol => "S",
            Shape::Mixed => "M",
        }
    }
}

/// One token, analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    /// Normalised token (`rasid_text::normalize`).
    pub norm: String,
    /// Normalised stem after the proclitics (the whole token when none).
    pub stem: String,
    /// The proclitics as a short code (`w+b+al`), empty when none.
    pub clitics: String,
    /// The token's make-up.
    pub shape: Shape,
    /// Length of the normalised token in chars.
    pub len: usize,
}

fn clitic_code(c: Clitic) -> &'static str {
    match c {
        Clitic::Wa => "w",
        Clitic::Fa => "f",
        Clitic::Bi => "b",
        Clitic::Li => "l",
        Clitic::Ka => "k",
        Clitic::Al => "al",
        Clitic::Sa => "s",
    }
}

/// Analyses one whitespace-free token as it appears in a CoNLL file or a
/// pre-tokenised sentence, with the knowledge base's tokenizer (its protected words are
/// never cut into).
pub fn analyze(token: &str, tokenizer: &Tokenizer) -> TokenInfo {
    let norm = normalize(token);
    let len = norm.chars().count();
    let pieces = tokenizer.tokenize(token);
    match pieces.as_slice() {
        [one] => {
            let shape = match one.kind {
                TokenKind::Word => Shape::Arabic,
                TokenKind::Latin => Shape::Latin,
                TokenKind::Number => Shape::Number,
                TokenKind::Punct => Shape::Punct,
                TokenKind::Symbol => Shape::Symbol,
            };
            let clitics = one
                .proclitics
                .iter()
                .map(|&c| clitic_code(c))
                .collect::<Vec<_>>()
                .join("+");
            let stem = if one.stem_norm.is_empty() {
                norm.clone()
            } else {
                one.stem_norm.clone()
            };
            TokenInfo {
                norm,
                stem,
                clitics,
                shape,
                len,
            }
        }
        _ => TokenInfo {
            stem: norm.clone(),
            norm,
            clitics: String::new(),
            shape: Shape::Mixed,
            len,
        },
    }
}

/// For this crate's tests: analysis with the built-in kb's tokenizer, loaded once.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::OnceLock;

    use rasid_text::Tokenizer;

    use super::TokenInfo;

    /// The built-in knowledge base's tokenizer.
    pub(crate) fn tokenizer() -> &'static Tokenizer {
        static TOKENIZER: OnceLock<Tokenizer> = OnceLock::new();
        TOKENIZER.get_or_init(|| rasid_kb::Kb::builtin().expect("built-in kb").tokenizer)
    }

    /// [`super::analyze`] with the built-in kb's tokenizer.
    pub(crate) fn analyze(token: &str) -> TokenInfo {
        super::analyze(token, tokenizer())
    }
}

#[cfg(test)]
mod tests {
    use super::testing::analyze;
    use super::*;

    #[test]
    fn splits_clitics_and_normalises() {
        let t = analyze("والعراق");
        assert_eq!(t.norm, "والعراق");
        assert_eq!(t.stem, "عراق");
        assert_eq!(t.clitics, "w+al");
        assert_eq!(t.shape, Shape::Arabic);
        let t = analyze("لبنان");
        assert_eq!((t.stem.as_str(), t.clitics.as_str()), ("لبنان", ""));
        let t = analyze("الإمارات");
        assert_eq!(t.norm, "الامارات");
    }

    #[test]
    fn the_tokenizer_decides_what_is_a_clitic() {
        // without the kb's protected words «لبنان» reads as ل + بنان
        let t = super::analyze("لبنان", &Tokenizer::default());
        assert_eq!((t.stem.as_str(), t.clitics.as_str()), ("بنان", "l"));
    }

    #[test]
    fn shapes() {
        assert_eq!(analyze("٢٠٠٣").shape, Shape::Number);
        assert_eq!(analyze("٢٠٠٣").norm, "2003");
        assert_eq!(analyze("NATO").shape, Shape::Latin);
        assert_eq!(analyze("،").shape, Shape::Punct);
        assert_eq!(analyze("U.S.").shape, Shape::Mixed);
        assert_eq!(analyze("").shape, Shape::Mixed);
    }
}
