//! Arabic text layer: normalisation for matching (with an offset map back to the
//! original characters), sentence splitting and tokenisation with clitics split.
//!
//! Owns: pure functions over `&str`. Must never do I/O, hold a word list (the protected
//! words of the tokenizer are the caller's) or depend on another rasid crate.
//!
//! All offsets are **char** offsets (Unicode scalar values), end exclusive:
//! `slice_chars(text, span)` (or `text.chars().skip(start).take(end - start)`)
//! recovers the spanned text. No function here panics on any input.
//!
//! ```
//! use rasid_text::{
//!     sentences, slice_chars, Clitic, Normalized, ProtectedWords, Span, TokenKind, Tokenizer,
//! };
//!
//! let text = "قُتل ٣ عناصر من الحوثيين في هجوم لـ«القاعدة». وقال مصدر أمني إن الهجوم وقع فجراً.";
//!
//! let s: Vec<&str> = sentences(text).into_iter().map(|s| slice_chars(text, s)).collect();
//! assert_eq!(s, ["قُتل ٣ عناصر من الحوثيين في هجوم لـ«القاعدة».", "وقال مصدر أمني إن الهجوم وقع فجراً."]);
//!
//! // The caller's protected words (Rasid's list is `kb/clitics.toml`): «فجراً» is not ف + جرا.
//! let tokenizer = Tokenizer::new(ProtectedWords::new(["فجر*"]).expect("a valid list"));
//! let tokens = tokenizer.tokenize(text);
//! let three = tokens.iter().find(|t| t.kind == TokenKind::Number).expect("a number");
//! assert_eq!((three.text.as_str(), three.norm.as_str()), ("٣", "3"));
//! let wa_qal = tokens.iter().find(|t| t.text == "وقال").expect("وقال");
//! assert_eq!(wa_qal.proclitics, [Clitic::Wa]);
//! assert_eq!(tokenizer.candidates(wa_qal), ["وقال", "قال"]);
//! let fajran = tokens.iter().find(|t| t.text == "فجراً").expect("فجراً");
//! assert!(fajran.proclitics.is_empty());
//!
//! // Match on the normalised text, report the original surface form.
//! let n = Normalized::new(text);
//! let at = n.text().find("فجرا").map(|b| n.text()[..b].chars().count()).expect("found");
//! let orig = n.to_original(Span::new(at, at + 4));
//! assert_eq!(slice_chars(text, orig), "فجراً");
//! ```
//!
//! Modules:
//! - [`span`]: the [`Span`] type;
//! - [`chars`]: char counting, slicing and byte↔char conversion ([`CharIndex`]);
//! - [`script`]: character classes (Arabic letters, marks, digits, punctuation);
//! - [`normalize`](mod@normalize): the rule chain ([`CharRule`], [`Normalizer`]) and
//!   [`Normalized`] text with its map back to the original;
//! - [`sentences`](mod@sentences): sentence splitting;
//! - [`tokens`]: tokenisation with proclitic analysis ([`Tokenizer`], [`Token`],
//!   [`Clitic`]); the words never cut into ([`ProtectedWords`]) are the caller's list.

pub mod chars;
pub mod normalize;
pub mod script;
pub mod sentences;
pub mod span;
pub mod tokens;

pub use chars::{char_len, slice_chars, CharIndex};
pub use normalize::rules::{
    DropArabicMarks, DropInvisible, DropTatweel, FoldAlef, FoldAlefMaqsura, FoldDigits,
    FoldHamzaSeats, FoldPersianLetters, FoldTaMarbuta, LowercaseLetters, PresentationForms,
    UnifyWhitespace,
};
pub use normalize::{
    default_normalizer, default_rules, normalize, skeleton_rules, CharRule, Normalized, Normalizer,
};
pub use sentences::sentences;
pub use span::Span;
pub use tokens::{Clitic, ProtectedWordError, ProtectedWords, Token, TokenKind, Tokenizer};
