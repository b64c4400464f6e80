//! Provenance: where in the input document a fact comes from and which rule produced it.

use serde::{Deserialize, Serialize};

/// A char span `[start, end)` of the input document with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRef {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A fact's evidence: the span it was read from and the rule (or model) that read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub rule: String,
}
