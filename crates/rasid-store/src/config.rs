//! The merge's tunable numbers: `kb/merge.toml`, loaded and validated by `rasid-kb` like
//! every kb file (built in; a `--kb DIR` may hold its own copy, and an error names the
//! file). `MergeConfig::builtin()` and `MergeConfig::from_dir(kb_dir)` read that file
//! alone; a loaded `Kb` has it as `kb.merge`.

pub use rasid_kb::{EventMerge, MergeConfig};
