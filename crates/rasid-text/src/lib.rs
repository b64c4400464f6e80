//! Arabic text layer: normalisation for matching (with an offset map back to the
//! original characters), sentence splitting and tokenisation with clitics split.
//!
//! Owns: pure functions over `&str`. Must never do I/O or depend on another rasid crate.
//!
//! All offsets are **char** offsets (Unicode scalar values), end exclusive:
//! `slice_chars(text, span)` (or `text.chars().skip(start).take(end - start)`)
//! recovers the spanned text. No function here panics on any input.
//!
//! Modules:
//! - [`span`]: the [`Span`] type;
//! - [`chars`]: char counting, slicing and byte↔char conversion ([`CharIndex`]);
//! - [`script`]: character classes (Arabic letters, marks, digits, punctuation);
//! - [`normalize`]: the rule chain ([`CharRule`], [`Normalizer`]) and
//!   [`Normalized`] text with its map back to the original;
//! - [`sentences`]: sentence splitting;
//! - [`tokens`]: tokenisation with proclitic analysis ([`Token`], [`Clitic`]).

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
    default_normalizer, default_rules, normalize, skeleton_rules, CharRule, Normalized,
    Normalizer,
};
pub use sentences::sentences;
pub use span::Span;
pub use tokens::{tokenize, Clitic, Token, TokenKind};
