//! Scoring and Viterbi decoding under BIO constraints: a label sequence
//! never has `I-X` after anything but `B-X` or `I-X`.

use crate::labels::LabelSet;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hasher for keys that are already hashes: passes a `u64` through.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Feature hash → row in the weight matrix.
pub type FeatureIndex = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// Best label sequence for `emission` (`T × L`, row-major) and `transition`
/// (`(L + 1) × L`, the last row for the sentence start), skipping the
/// transitions the label set forbids. Always returns valid BIO: `O` is
/// allowed everywhere, so some path always exists.
pub fn viterbi<W>(emission: &[W], transition: &[W], labels: &LabelSet) -> Vec<usize>
where
    W: Copy + Into<f64>,
{
    let l = labels.len();
    if l == 0 || emission.is_empty() {
        return Vec::new();
    }
    let t_len = emission.len() / l;
    let mut score = vec![f64::NEG_INFINITY; t_len * l];
    let mut back = vec![0usize; t_len * l];
    let emit = |t: usize, y: usize| -> f64 { emission.get(t * l + y).map_or(0.0, |&w| w.into()) };
    let trans =
        |p: usize, y: usize| -> f64 { transition.get(p * l + y).map_or(0.0, |&w| w.into()) };
    for (y, s) in score.iter_mut().enumerate().take(l) {
        if labels.allowed(None, y) {
            *s = trans(l, y) + emit(0, y);
        }
    }
    for t in 1..t_len {
        for y in 0..l {
            let mut best = f64::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..l {
                let prev = score[(t - 1) * l + p];
                if prev == f64::NEG_INFINITY || !labels.allowed(Some(p), y) {
                    continue;
                }
                let s = prev + trans(p, y);
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            if best > f64::NEG_INFINITY {
                score[t * l + y] = best + emit(t, y);
                back[t * l + y] = arg;
            }
        }
    }
    let last = (t_len - 1) * l;
    let mut y = (0..l)
        .filter(|&y| score[last + y] > f64::NEG_INFINITY)
        .max_by(|&a, &b| score[last + a].total_cmp(&score[last + b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut path = vec![0; t_len];
    for t in (0..t_len).rev() {
        path[t] = y;
        if t > 0 {
            y = back[t * l + y];
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_puts_inside_after_outside() {
        // Labels: O B-LOC I-LOC. Emissions strongly favour I-LOC everywhere.
        let labels = LabelSet::from_classes(["LOC"]);
        let emission: Vec<f32> = [0.0, 0.0, 5.0].repeat(3);
        let transition = vec![0.0f32; 4 * 3];
        let path = viterbi(&emission, &transition, &labels);
        assert_eq!(path, vec![1, 2, 2]);
    }

    #[test]
    fn follows_emissions_when_free() {
        let labels = LabelSet::from_classes(["LOC"]);
        let emission: Vec<f32> = vec![1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 1.0, 0.0, 0.0];
        let transition = vec![0.0f32; 12];
        assert_eq!(viterbi(&emission, &transition, &labels), vec![0, 1, 0]);
        assert!(viterbi::<f32>(&[], &transition, &labels).is_empty());
    }
}
