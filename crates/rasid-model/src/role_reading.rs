//! How the roles of one trigger's actors were read: the rules' roles, each actor's
//! features for the learned role layer, and the roles kept. Written by
//! `rasid extract --role-readings` for `scripts/train_roles.py`; not part of the contract.

use serde::{Deserialize, Serialize};

/// One actor of a trigger's sentence and the features the role models see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleRead {
    pub actor: String,
    pub features: Vec<String>,
}

/// The roles of one trigger: by the rules, and after the learned layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleReading {
    /// The article's index in its document.
    pub article: usize,
    /// The sentence's char span in the document, and its text.
    pub sentence_start: usize,
    pub sentence_end: usize,
    pub sentence: String,
    pub event_type: String,
    pub trigger: String,
    /// The rules' doers and those acted on (or a meeting's other parties).
    pub rule_doers: Vec<String>,
    pub rule_parties: Vec<String>,
    /// The same after the learned layer.
    pub doers: Vec<String>,
    pub parties: Vec<String>,
    pub reads: Vec<RoleRead>,
}
