//! Plain data shared by every stage: the output contract (`../shared/eval/CONTRACT.md`)
//! and the provenance attached to each fact.
//!
//! Owns: serde types only. Must never contain logic beyond constructors and must not
//! depend on any other rasid crate.

mod contract;
mod provenance;
mod role_reading;

pub use contract::{
    doers, Actor, ActorKind, ArticleRecord, DateRecord, DocumentRecord, Event, Mention,
    NumberRecord, Place, Relation, RelevanceInfo,
};
pub use provenance::{Evidence, SpanRef};
pub use role_reading::{RoleRead, RoleReading};
