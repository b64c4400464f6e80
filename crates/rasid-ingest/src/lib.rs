//! Ingest: from raw inputs (files, directories, JSON Lines, HTML, stdin) to clean,
//! segmented, deduplicated articles flagged for relevance.
//!
//! Owns: decoding, HTML extraction, input walking, segmentation into articles and
//! boilerplate removal, publication date and outlet of a page, relevance, duplicates.
//! May import `rasid-text`, `rasid-kb`, `rasid-model`. Must never write anywhere but to
//! the sink it is given, and never panic on input.

pub mod decode;
pub mod dedup;
pub mod document;
pub mod error;
pub mod html;
pub mod input;
pub mod lines;
pub mod outlet;
pub mod pipeline;
pub mod published;
pub mod relevance;
pub mod segment;
pub mod similarity;

pub use document::{Document, DocumentMeta};
pub use error::IngestError;
pub use input::{expand, read_all, read_bytes, Input, InputKind, Limits};
pub use pipeline::{Deduplicator, Pipeline, ProcessedDocument};
