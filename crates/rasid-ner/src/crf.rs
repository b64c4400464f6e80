//! Linear-chain CRF trained by L-BFGS on the L2-regularised negative
//! log-likelihood (the objective of CRFsuite's `lbfgs` trainer).
//!
//! Parameters are *sparse* as in CRFsuite: a feature gets a weight only for
//! the labels it was seen with in the gold data, which keeps the model small
//! and training fast. Transitions that break BIO are left out of the
//! partition function, matching the constrained Viterbi used for tagging.
//! Gradients are summed over a fixed number of sentence chunks in a fixed
//! order, so results do not depend on the number of threads.

use crate::labels::LabelSet;
use crate::progress::Progress;
use rayon::prelude::*;
use std::collections::VecDeque;

/// One training sentence: feature rows per token and gold label indices.
pub struct Example {
    /// Feature rows (indices into the weight matrix) of each token.
    pub features: Vec<Vec<u32>>,
    /// Gold label of each token (valid BIO).
    pub gold: Vec<usize>,
}

/// Trained weights: `emission` is `features × labels` (row-major),
/// `transition` is `(labels + 1) × labels` with the sentence start last.
#[derive(Debug, Clone)]
pub struct Weights {
    /// Emission weights, row per feature.
    pub emission: Vec<f32>,
    /// Transition weights.
    pub transition: Vec<f32>,
}

/// CRF training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct CrfConfig {
    /// L2 coefficient `c2` in `loss + c2 · |θ|²`.
    pub c2: f64,
    /// L-BFGS iterations.
    pub iterations: usize,
    /// Correction pairs kept by L-BFGS.
    pub memory: usize,
}

impl Default for CrfConfig {
    fn default() -> Self {
        CrfConfig {
            c2: 1.0,
            iterations: 100,
            memory: 6,
        }
    }
}

/// Where each (feature, label) weight lives in the parameter vector.
struct Layout {
    /// Params of feature `f` are `offsets[f]..offsets[f + 1]`.
    offsets: Vec<usize>,
    /// Label of each emission parameter.
    label_of: Vec<u8>,
    /// Number of labels.
    l: usize,
}

impl Layout {
    fn new(examples: &[Example], n_features: usize, l: usize) -> Self {
        let mut masks = vec![0u64; n_features];
        for ex in examples {
            for (feats, &y) in ex.features.iter().zip(&ex.gold) {
                for &f in feats {
                    if let Some(m) = masks.get_mut(f as usize) {
                        *m |= 1u64 << y.min(63);
                    }
                }
            }
        }
        let mut offsets = Vec::with_capacity(n_features + 1);
        let mut label_of = Vec::new();
        offsets.push(0);
        for m in masks {
            for y in 0..l.min(64) {
                if m & (1 << y) != 0 {
                    label_of.push(y as u8);
                }
            }
            offsets.push(label_of.len());
        }
        Layout {
            offsets,
            label_of,
            l,
        }
    }

    fn n_emission(&self) -> usize {
        self.label_of.len()
    }

    fn n_params(&self) -> usize {
        self.n_emission() + (self.l + 1) * self.l
    }

    fn params_of(&self, f: u32) -> std::ops::Range<usize> {
        let f = f as usize;
        match (self.offsets.get(f), self.offsets.get(f + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// Dense `features × labels` emission and the transition block.
    fn to_dense(&self, theta: &[f64]) -> Weights {
        let n_features = self.offsets.len().saturating_sub(1);
        let mut emission = vec![0.0f32; n_features * self.l];
        for f in 0..n_features {
            for k in self.params_of(f as u32) {
                let y = self.label_of[k] as usize;
                emission[f * self.l + y] = theta[k] as f32;
            }
        }
        let transition = theta[self.n_emission()..]
            .iter()
            .map(|&w| w as f32)
            .collect();
        Weights {
            emission,
            transition,
        }
    }
}

/// Transition scores `exp(θ)` as a dense `(L + 1) × L` matrix, 0 where BIO
/// forbids the transition (so forbidden paths carry no mass).
fn transition_exp(theta: &[f64], layout: &Layout, labels: &LabelSet) -> Vec<f64> {
    let l = layout.l;
    let te = layout.n_emission();
    let mut out = vec![0.0; (l + 1) * l];
    for p in 0..=l {
        let prev = (p < l).then_some(p);
        for y in 0..l {
            if labels.allowed(prev, y) {
                out[p * l + y] = theta[te + p * l + y].exp();
            }
        }
    }
    out
}

/// Adds one sentence's negative log-likelihood gradient to `grad`; returns
/// its negative log-likelihood. Forward–backward in probability space with
/// per-position scaling.
fn sentence_loss(
    ex: &Example,
    theta: &[f64],
    layout: &Layout,
    texp: &[f64],
    grad: &mut [f64],
) -> f64 {
    let l = layout.l;
    let n = ex.features.len();
    if n == 0 {
        return 0.0;
    }
    let te = layout.n_emission();
    // Emission scores, then exp(score − max) per position.
    let mut emit = vec![0.0f64; n * l];
    for (t, feats) in ex.features.iter().enumerate() {
        let row = &mut emit[t * l..(t + 1) * l];
        for &f in feats {
            for k in layout.params_of(f) {
                row[layout.label_of[k] as usize] += theta[k];
            }
        }
    }
    let mut gold_score = 0.0;
    for (t, &y) in ex.gold.iter().enumerate() {
        let p = if t == 0 { l } else { ex.gold[t - 1] };
        gold_score += emit[t * l + y] + theta[te + p * l + y];
    }
    let mut log_z = 0.0;
    for row in emit.chunks_mut(l) {
        let m = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        log_z += m;
        for v in row.iter_mut() {
            *v = (*v - m).exp();
        }
    }
    let e = emit;
    let mut alpha = vec![0.0f64; n * l];
    let mut scale = vec![0.0f64; n];
    for t in 0..n {
        for y in 0..l {
            let inflow = if t == 0 {
                texp[l * l + y]
            } else {
                let prev = &alpha[(t - 1) * l..t * l];
                (0..l).map(|p| prev[p] * texp[p * l + y]).sum()
            };
            alpha[t * l + y] = inflow * e[t * l + y];
        }
        let c: f64 = alpha[t * l..(t + 1) * l].iter().sum();
        let c = if c > 0.0 { c } else { f64::MIN_POSITIVE };
        scale[t] = c;
        for v in &mut alpha[t * l..(t + 1) * l] {
            *v /= c;
        }
        log_z += c.ln();
    }
    let mut beta = vec![0.0f64; n * l];
    for v in &mut beta[(n - 1) * l..] {
        *v = 1.0;
    }
    for t in (0..n - 1).rev() {
        for p in 0..l {
            let mut s = 0.0;
            for y in 0..l {
                s += texp[p * l + y] * e[(t + 1) * l + y] * beta[(t + 1) * l + y];
            }
            beta[t * l + p] = s / scale[t + 1];
        }
    }
    // Emission gradient: marginal − observed.
    for (t, feats) in ex.features.iter().enumerate() {
        let gold = ex.gold[t];
        for &f in feats {
            for k in layout.params_of(f) {
                let y = layout.label_of[k] as usize;
                let marg = alpha[t * l + y] * beta[t * l + y];
                grad[k] += marg - f64::from(u8::from(y == gold));
            }
        }
    }
    // Transition gradient.
    for y in 0..l {
        grad[te + l * l + y] += alpha[y] * beta[y];
    }
    for t in 1..n {
        for p in 0..l {
            let a = alpha[(t - 1) * l + p];
            if a == 0.0 {
                continue;
            }
            for y in 0..l {
                let w = texp[p * l + y];
                if w != 0.0 {
                    grad[te + p * l + y] += a * w * e[t * l + y] * beta[t * l + y] / scale[t];
                }
            }
        }
    }
    for (t, &y) in ex.gold.iter().enumerate() {
        let p = if t == 0 { l } else { ex.gold[t - 1] };
        grad[te + p * l + y] -= 1.0;
    }
    log_z - gold_score
}

/// Number of chunks the gradient is summed over (fixed for determinism).
const CHUNKS: usize = 8;

/// Regularised loss and gradient.
fn objective(
    theta: &[f64],
    examples: &[Example],
    layout: &Layout,
    labels: &LabelSet,
    c2: f64,
) -> (f64, Vec<f64>) {
    let size = examples.len().div_ceil(CHUNKS).max(1);
    let texp = transition_exp(theta, layout, labels);
    let parts: Vec<(f64, Vec<f64>)> = examples
        .par_chunks(size)
        .map(|chunk| {
            let mut g = vec![0.0; theta.len()];
            let loss: f64 = chunk
                .iter()
                .map(|ex| sentence_loss(ex, theta, layout, &texp, &mut g))
                .sum();
            (loss, g)
        })
        .collect();
    let mut loss = 0.0;
    let mut grad = vec![0.0; theta.len()];
    for (l, g) in parts {
        loss += l;
        for (a, b) in grad.iter_mut().zip(g) {
            *a += b;
        }
    }
    for (g, &w) in grad.iter_mut().zip(theta) {
        loss += c2 * w * w;
        *g += 2.0 * c2 * w;
    }
    (loss, grad)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Trains from zero weights for `config.iterations` L-BFGS iterations
/// (fewer when the line search fails or the loss improves by less than
/// 1e-7 relative) and returns the last iterate; calls
/// `on_checkpoint(iteration, weights)` every `every` iterations (and never
/// when `every == 0`) with the current iterate, and `progress.step()` after
/// each iteration.
pub fn train(
    examples: &[Example],
    n_features: usize,
    labels: &LabelSet,
    config: &CrfConfig,
    every: usize,
    progress: &dyn Progress,
    mut on_checkpoint: impl FnMut(usize, &Weights),
) -> Weights {
    let l = labels.len();
    let layout = Layout::new(examples, n_features, l);
    let mut x = vec![0.0f64; layout.n_params()];
    let (mut fx, mut g) = objective(&x, examples, &layout, labels, config.c2);
    let mut history: VecDeque<(Vec<f64>, Vec<f64>, f64)> = VecDeque::new();
    for iter in 1..=config.iterations {
        // Two-loop recursion: d = −H g.
        let mut q = g.clone();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let a = rho * dot(s, &q);
            for (qi, yi) in q.iter_mut().zip(y) {
                *qi -= a * yi;
            }
            alphas.push(a);
        }
        let gamma = match history.back() {
            Some((s, y, _)) => dot(s, y) / dot(y, y).max(1e-300),
            None => 1.0 / dot(&g, &g).sqrt().max(1e-300),
        };
        for qi in q.iter_mut() {
            *qi *= gamma;
        }
        for ((s, y, rho), a) in history.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &q);
            for (qi, si) in q.iter_mut().zip(s) {
                *qi += (a - b) * si;
            }
        }
        let mut d: Vec<f64> = q.iter().map(|v| -v).collect();
        let mut gd = dot(&g, &d);
        if gd >= 0.0 {
            history.clear();
            let scale = 1.0 / dot(&g, &g).sqrt().max(1e-300);
            d = g.iter().map(|v| -v * scale).collect();
            gd = dot(&g, &d);
        }
        // Backtracking line search (Armijo).
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..30 {
            let xn: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + step * b).collect();
            let (fn_, gn) = objective(&xn, examples, &layout, labels, config.c2);
            if fn_.is_finite() && fn_ <= fx + 1e-4 * step * gd {
                accepted = Some((xn, fn_, gn));
                break;
            }
            step *= 0.5;
        }
        let Some((xn, fn_, gn)) = accepted else {
            break;
        };
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-10 {
            history.push_back((s, y, 1.0 / sy));
            if history.len() > config.memory.max(1) {
                history.pop_front();
            }
        }
        let improvement = (fx - fn_) / fn_.abs().max(1.0);
        x = xn;
        fx = fn_;
        g = gn;
        progress.step();
        if every > 0 && iter % every == 0 {
            on_checkpoint(iter, &layout.to_dense(&x));
        }
        if improvement.abs() < 1e-7 {
            break;
        }
    }
    layout.to_dense(&x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::viterbi;

    #[test]
    fn fits_a_toy_problem() {
        let labels = LabelSet::from_classes(["LOC"]);
        // Feature 0 "في", feature 1 "بغداد", feature 2 "دمشق".
        let examples = vec![
            Example {
                features: vec![vec![0], vec![1]],
                gold: vec![0, 1],
            },
            Example {
                features: vec![vec![0], vec![2]],
                gold: vec![0, 1],
            },
        ];
        let config = CrfConfig {
            c2: 0.01,
            iterations: 50,
            memory: 5,
        };
        let mut seen = 0;
        let progress = crate::progress::testing::Recorder::default();
        progress.stage("crf", 50);
        let w = train(&examples, 3, &labels, &config, 10, &progress, |_, _| {
            seen += 1
        });
        assert!(seen >= 1);
        let steps = progress.0.lock().map(|v| v[0].2).unwrap_or(0);
        assert!(
            (10..=50).contains(&steps),
            "one step per L-BFGS iteration: {steps}"
        );
        let l = labels.len();
        let emit: Vec<f32> = [0usize, 2]
            .iter()
            .flat_map(|&f| w.emission[f * l..f * l + l].to_vec())
            .collect();
        assert_eq!(viterbi(&emit, &w.transition, &labels), vec![0, 1]);
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let labels = LabelSet::from_classes(["LOC", "PERS"]);
        let examples = vec![Example {
            features: vec![vec![0, 1], vec![1, 2], vec![2]],
            gold: vec![3, 4, 0],
        }];
        let layout = Layout::new(&examples, 3, labels.len());
        let n = layout.n_params();
        let theta: Vec<f64> = (0..n)
            .map(|i| ((i * 7919) % 13) as f64 / 13.0 - 0.5)
            .collect();
        let (_, grad) = objective(&theta, &examples, &layout, &labels, 0.1);
        for i in 0..n {
            let mut a = theta.clone();
            let mut b = theta.clone();
            a[i] += 1e-5;
            b[i] -= 1e-5;
            let (fa, _) = objective(&a, &examples, &layout, &labels, 0.1);
            let (fb, _) = objective(&b, &examples, &layout, &labels, 0.1);
            let numeric = (fa - fb) / 2e-5;
            assert!(
                (numeric - grad[i]).abs() < 1e-4,
                "param {i}: numeric {numeric} analytic {}",
                grad[i]
            );
        }
    }
}
