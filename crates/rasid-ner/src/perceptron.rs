//! Averaged structured perceptron (Collins 2002) over first-order label
//! chains, with the averaging trick of Daumé (2006): alongside the weights
//! `w` keep `u`, the sum of `c · Δw` where `c` counts the examples seen;
//! the average is then `w − u / c`, so updates stay sparse.

use crate::decode::viterbi;
use crate::labels::LabelSet;
use crate::rng::SplitMix64;

/// One training sentence: feature rows per token and gold label indices.
pub struct Example {
    /// Feature rows (indices into the weight matrix) of each token.
    pub features: Vec<Vec<u32>>,
    /// Gold label of each token (valid BIO).
    pub gold: Vec<usize>,
}

/// Weights being trained.
pub struct Perceptron {
    labels: LabelSet,
    w: Vec<f64>,
    u: Vec<f64>,
    tw: Vec<f64>,
    tu: Vec<f64>,
    c: f64,
    order_rng: SplitMix64,
}

/// Final weights (averaged, for the perceptron): `emission` is `features × labels`, `transition` is
/// `(labels + 1) × labels` with the sentence start last.
#[derive(Debug, Clone)]
pub struct Averaged {
    /// Emission weights, row per feature.
    pub emission: Vec<f32>,
    /// Transition weights.
    pub transition: Vec<f32>,
}

impl Perceptron {
    /// Zero weights for `n_features` feature rows.
    pub fn new(labels: LabelSet, n_features: usize, seed: u64) -> Self {
        let l = labels.len();
        Perceptron {
            w: vec![0.0; n_features * l],
            u: vec![0.0; n_features * l],
            tw: vec![0.0; (l + 1) * l],
            tu: vec![0.0; (l + 1) * l],
            c: 1.0,
            order_rng: SplitMix64::new(seed),
            labels,
        }
    }

    fn emission(&self, features: &[Vec<u32>]) -> Vec<f64> {
        let l = self.labels.len();
        let mut out = vec![0.0; features.len() * l];
        for (row, feats) in out.chunks_mut(l).zip(features) {
            for &f in feats {
                let base = f as usize * l;
                if let Some(ws) = self.w.get(base..base + l) {
                    for (o, w) in row.iter_mut().zip(ws) {
                        *o += w;
                    }
                }
            }
        }
        out
    }

    fn bump(w: &mut [f64], u: &mut [f64], at: usize, delta: f64, c: f64) {
        if let (Some(x), Some(y)) = (w.get_mut(at), u.get_mut(at)) {
            *x += delta;
            *y += c * delta;
        }
    }

    /// One pass over `examples` in a seeded random order; returns the number
    /// of tokens mis-tagged during the pass.
    pub fn epoch(&mut self, examples: &[Example]) -> usize {
        let mut order: Vec<usize> = (0..examples.len()).collect();
        self.order_rng.shuffle(&mut order);
        let l = self.labels.len();
        let mut errors = 0;
        for &i in &order {
            let Some(ex) = examples.get(i) else { continue };
            let emission = self.emission(&ex.features);
            let pred = viterbi(&emission, &self.tw, &self.labels);
            if pred != ex.gold {
                let c = self.c;
                for (t, feats) in ex.features.iter().enumerate() {
                    let (g, p) = (ex.gold[t], pred[t]);
                    if g != p {
                        errors += 1;
                        for &f in feats {
                            let base = f as usize * l;
                            Self::bump(&mut self.w, &mut self.u, base + g, 1.0, c);
                            Self::bump(&mut self.w, &mut self.u, base + p, -1.0, c);
                        }
                    }
                    let gp = if t == 0 { l } else { ex.gold[t - 1] };
                    let pp = if t == 0 { l } else { pred[t - 1] };
                    if (gp, g) != (pp, p) {
                        Self::bump(&mut self.tw, &mut self.tu, gp * l + g, 1.0, c);
                        Self::bump(&mut self.tw, &mut self.tu, pp * l + p, -1.0, c);
                    }
                }
            }
            self.c += 1.0;
        }
        errors
    }

    /// The averaged weights so far.
    pub fn averaged(&self) -> Averaged {
        let avg = |w: &[f64], u: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(u)
                .map(|(w, u)| (w - u / self.c) as f32)
                .collect()
        };
        Averaged {
            emission: avg(&self.w, &self.u),
            transition: avg(&self.tw, &self.tu),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_toy_problem() {
        // Feature 0 = "بغداد" → B-LOC; feature 1 = "في" → O.
        let labels = LabelSet::from_classes(["LOC"]);
        let ex = Example {
            features: vec![vec![1], vec![0]],
            gold: vec![0, 1],
        };
        let mut p = Perceptron::new(labels.clone(), 2, 1);
        for _ in 0..3 {
            p.epoch(std::slice::from_ref(&ex));
        }
        assert_eq!(p.epoch(std::slice::from_ref(&ex)), 0);
        let avg = p.averaged();
        let l = labels.len();
        let emission: Vec<f32> = [1usize, 0]
            .iter()
            .flat_map(|&f| avg.emission[f * l..f * l + l].to_vec())
            .collect();
        assert_eq!(viterbi(&emission, &avg.transition, &labels), vec![0, 1]);
    }
}
