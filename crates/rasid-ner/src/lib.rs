//! Named-entity tagger for Arabic news: BIO tags over PERS, LOC, ORG and
//! MISC, trained on ANERcorp.
//!
//! Owns: CoNLL reading/writing, features, training, tagging, model files.
//! May import `rasid-text` (normalisation, clitic analysis) only among the
//! rasid crates. Does I/O only where a function says so (`*_path`, `save`,
//! `load`). Never panics on input.
//!
//! (Scores section filled in below.)

pub mod analysis;
pub mod clusters;
pub mod conll;
pub mod corpus;
mod crf;
pub mod decode;
mod error;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod labels;
mod model;
mod perceptron;
mod persist;
mod rng;

pub use corpus::read_corpus;
pub use conll::{read_conll, read_conll_path, write_conll, Sentence};
pub use error::NerError;
pub use features::FeatureConfig;
pub use gazetteer::Gazetteer;
pub use labels::{is_valid_bio, repair_bio};
pub use clusters::{ClusterConfig, WordClusters};
pub use crf::CrfConfig;
pub use model::{train_from_path, Learner, Model, Resources, TrainConfig};
