//! Rasid over the network: the webhooks of watchlists ([`webhook`]) and the feeds,
//! sitemaps and folders `rasid watch` follows ([`sources`], [`cycle`]).
//!
//! Owns: every outgoing HTTP request of Rasid's own (the store never opens a connection;
//! the web server only answers) — polite ([`http`]: timeouts, size caps, a pause per
//! host, robots.txt, conditional requests) — and what `rasid watch` remembers between
//! cycles ([`state`]). May import: `rasid-store` (the alerts to deliver). Must never:
//! extract or store facts (the ingest of the `rasid` binary does, from the pages kept
//! here), or fetch without a timeout and a size cap.

pub mod cycle;
pub mod error;
pub mod http;
pub mod items;
pub mod sources;
pub mod state;
pub mod webhook;

pub use cycle::{run_cycle, CycleOutput, CycleReport};
pub use error::WatchError;
pub use http::Fetcher;
pub use sources::Sources;
pub use state::WatchState;
