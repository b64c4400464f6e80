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

/// Per-position label marginals (`T × L`, row-major) of the CRF with these
/// scores, over the label sequences BIO allows (forward–backward with
/// per-position scaling). Each row sums to 1.
pub fn marginals<W>(emission: &[W], transition: &[W], labels: &LabelSet) -> Vec<f64>
where
    W: Copy + Into<f64>,
{
    let l = labels.len();
    if l == 0 || emission.is_empty() {
        return Vec::new();
    }
    let n = emission.len() / l;
    let trans = |p: Option<usize>, y: usize| -> f64 {
        if !labels.allowed(p, y) {
            return 0.0;
        }
        let row = p.unwrap_or(l);
        transition.get(row * l + y).map_or(1.0, |&w| w.into().exp())
    };
    let mut e = vec![0.0f64; n * l];
    for (t, row) in e.chunks_mut(l).enumerate() {
        let src = emission.get(t * l..(t + 1) * l).unwrap_or(&[]);
        let m = src
            .iter()
            .map(|&w| w.into())
            .fold(f64::NEG_INFINITY, f64::max);
        for (v, &w) in row.iter_mut().zip(src) {
            *v = (w.into() - m).exp();
        }
    }
    let mut alpha = vec![0.0f64; n * l];
    let mut scale = vec![1.0f64; n];
    for t in 0..n {
        for y in 0..l {
            let inflow: f64 = if t == 0 {
                trans(None, y)
            } else {
                (0..l)
                    .map(|p| alpha[(t - 1) * l + p] * trans(Some(p), y))
                    .sum()
            };
            alpha[t * l + y] = inflow * e[t * l + y];
        }
        let c: f64 = alpha[t * l..(t + 1) * l].iter().sum();
        let c = if c > 0.0 { c } else { f64::MIN_POSITIVE };
        scale[t] = c;
        for v in &mut alpha[t * l..(t + 1) * l] {
            *v /= c;
        }
    }
    let mut beta = vec![0.0f64; n * l];
    for v in &mut beta[(n - 1) * l..] {
        *v = 1.0;
    }
    for t in (0..n - 1).rev() {
        for p in 0..l {
            let s: f64 = (0..l)
                .map(|y| trans(Some(p), y) * e[(t + 1) * l + y] * beta[(t + 1) * l + y])
                .sum();
            beta[t * l + p] = s / scale[t + 1];
        }
    }
    let mut out: Vec<f64> = alpha.iter().zip(&beta).map(|(a, b)| a * b).collect();
    for row in out.chunks_mut(l) {
        let z: f64 = row.iter().sum();
        if z > 0.0 {
            for v in row.iter_mut() {
                *v /= z;
            }
        }
    }
    out
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
    fn marginals_match_brute_force() {
        // Labels: O B-LOC I-LOC; 3 tokens; enumerate all valid paths.
        let labels = LabelSet::from_classes(["LOC"]);
        let emission: Vec<f32> = vec![0.5, 1.0, -0.3, 0.2, 0.1, 0.9, -1.0, 0.4, 0.7];
        let transition: Vec<f32> = (0..12).map(|i| (i as f32 * 0.37).sin()).collect();
        let m = marginals(&emission, &transition, &labels);
        let mut want = vec![0.0f64; 9];
        let mut z = 0.0;
        for a in 0..3 {
            for b in 0..3 {
                for c in 0..3 {
                    let path = [a, b, c];
                    let mut ok = labels.allowed(None, a);
                    let mut s = f64::from(transition[9 + a]) + f64::from(emission[a]);
                    for t in 1..3 {
                        ok &= labels.allowed(Some(path[t - 1]), path[t]);
                        s += f64::from(transition[path[t - 1] * 3 + path[t]])
                            + f64::from(emission[t * 3 + path[t]]);
                    }
                    if !ok {
                        continue;
                    }
                    let p = s.exp();
                    z += p;
                    for t in 0..3 {
                        want[t * 3 + path[t]] += p;
                    }
                }
            }
        }
        for (got, w) in m.iter().zip(&want) {
            assert!((got - w / z).abs() < 1e-9, "{m:?} vs {want:?}");
        }
        assert_eq!(m[2], 0.0, "I-LOC cannot start a sentence");
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
