//! Progress of a long training run, reported stage by stage. The library only counts;
//! the binary draws (a progress bar with an ETA per stage).

/// Receives the stages of a training run and the steps done in each. Steps may be
/// reported from several threads at once.
pub trait Progress: Sync {
    /// A new stage of `steps` steps begins (the one before, if any, is over).
    fn stage(&self, name: &str, steps: u64);
    /// One step of the current stage is done.
    fn step(&self);
}

/// Reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _name: &str, _steps: u64) {}
    fn step(&self) {}
}

#[cfg(test)]
pub(crate) mod testing {
    use super::Progress;
    use std::sync::Mutex;

    /// Records every stage with the steps reported in it.
    #[derive(Default)]
    pub struct Recorder(pub Mutex<Vec<(String, u64, u64)>>);

    impl Progress for Recorder {
        fn stage(&self, name: &str, steps: u64) {
            if let Ok(mut v) = self.0.lock() {
                v.push((name.to_string(), steps, 0));
            }
        }
        fn step(&self) {
            if let Ok(mut v) = self.0.lock() {
                if let Some(last) = v.last_mut() {
                    last.2 += 1;
                }
            }
        }
    }
}
