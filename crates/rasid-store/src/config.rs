//! The merge's tunable numbers: `kb/merge.toml`, loaded and validated by `rasid-kb` like
//! every kb file (built in; a `--kb DIR` may hold its own copy, and an error names the
//! file). A loaded `Kb` has it as `kb.merge`; `MergeConfig::builtin()` reads the
//! built-in file alone.

pub use rasid_kb::{EventMerge, MergeConfig};
