//! Word clusters induced from unlabelled text, used as features so that
//! names never seen in the labelled data still look like names.
//!
//! The clustering is the *predictive exchange* algorithm (Uszkoreit &
//! Brants 2008): each word gets one class so as to maximise the likelihood
//! of a class bigram model `p(w_i | w_{i-1}) = p(c(w_i) | w_{i-1}) ·
//! p(w_i | c(w_i))`. Up to a constant that likelihood is
//! `Σ_{v,c} f(N(v,c)) − Σ_c f(N(c))` with `f(x) = x ln x`, `N(v,c)` the
//! number of times word `v` is followed by a word of class `c`, and `N(c)`
//! the count of class `c`. Words are visited in order of frequency and each
//! is moved to the class that raises the likelihood most; a few passes
//! converge. Cost per pass: bigram types × classes.
//!
//! Words are the clitic-stripped normalised stems of `rasid-text` tokens, so
//! `والعراق`, `بالعراق` and `العراق` share a class. Several clusterings of
//! different sizes give coarse and fine classes.

use crate::analysis::analyze;
use crate::corpus::read_corpus;
use crate::progress::{Progress, Quiet};
use crate::{NerError, Sentence};
use rasid_text::Tokenizer;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// How to induce clusters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterConfig {
    /// Number of classes of each clustering (coarse to fine).
    pub sizes: Vec<usize>,
    /// Exchange passes per clustering.
    pub passes: usize,
    /// Words seen fewer times are left out (they share one "rare" slot).
    pub min_count: usize,
    /// At most this many words are clustered (most frequent first).
    pub max_words: usize,
    /// Also cluster by the following word (the text read right to left),
    /// giving a second set of classes for each size.
    pub both_directions: bool,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            sizes: vec![64, 256, 1024],
            passes: 8,
            min_count: 2,
            max_words: 200_000,
            both_directions: true,
        }
    }
}

/// Word → class in each clustering.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordClusters {
    /// Number of classes of each clustering.
    pub(crate) sizes: Vec<usize>,
    /// Word → one class per clustering (`classes[w].len() == sizes.len()`).
    pub(crate) classes: HashMap<String, Vec<u16>>,
}

impl WordClusters {
    /// Induces clusters from raw texts (articles, paragraphs…), tokenised with the kb's
    /// `tokenizer`.
    pub fn induce(
        texts: &[String],
        config: &ClusterConfig,
        tokenizer: &Tokenizer,
        progress: &dyn Progress,
    ) -> WordClusters {
        let docs: Vec<Vec<String>> = texts
            .par_iter()
            .map(|t| {
                tokenizer
                    .tokenize(t)
                    .into_iter()
                    .map(|tok| {
                        if tok.stem_norm.is_empty() {
                            tok.norm
                        } else {
                            tok.stem_norm
                        }
                    })
                    .collect()
            })
            .collect();
        Self::induce_from_words(&docs, config, progress)
    }

    /// Reads an unlabelled corpus (see [`read_corpus`]), adds the tokens of
    /// `train` (one document per sentence) and induces clusters.
    pub fn induce_from_path(
        corpus: &Path,
        train: &[Sentence],
        config: &ClusterConfig,
        tokenizer: &Tokenizer,
    ) -> Result<WordClusters, NerError> {
        let mut docs = read_corpus(corpus)?;
        docs.extend(train.iter().map(|s| s.tokens.join(" ")));
        Ok(Self::induce(&docs, config, tokenizer, &Quiet))
    }

    /// Writes [`WordClusters::to_tsv`] to a file.
    pub fn save_tsv(&self, path: &Path) -> Result<(), NerError> {
        std::fs::write(path, self.to_tsv()).map_err(|e| NerError::file(path, e))
    }

    /// Reads a file written by [`WordClusters::save_tsv`].
    pub fn load_tsv(path: &Path) -> Result<WordClusters, NerError> {
        let text = std::fs::read_to_string(path).map_err(|e| NerError::file(path, e))?;
        Self::from_tsv(&text)
    }

    /// Induces clusters from pre-tokenised documents whose words are already
    /// keys (see [`word_key`]).
    /// Each exchange pass of each clustering is a step of the stage "word clusters".
    pub fn induce_from_words(
        docs: &[Vec<String>],
        config: &ClusterConfig,
        progress: &dyn Progress,
    ) -> WordClusters {
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for w in docs.iter().flatten() {
            *counts.entry(w.as_str()).or_insert(0) += 1;
        }
        let mut vocab: Vec<(&str, u64)> = counts
            .into_iter()
            .filter(|&(_, c)| c >= config.min_count as u64)
            .collect();
        vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        vocab.truncate(config.max_words);
        let ids: HashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, &(w, _))| (w, i as u32))
            .collect();
        let rare = vocab.len() as u32;
        let n_words = vocab.len() + 1;
        let seqs: Vec<Vec<u32>> = docs
            .par_iter()
            .map(|d| {
                d.iter()
                    .map(|w| ids.get(w.as_str()).copied().unwrap_or(rare))
                    .collect()
            })
            .collect();
        let mut runs: Vec<(bool, usize)> = config
            .sizes
            .iter()
            .map(|&s| (false, s.clamp(1, u16::MAX as usize)))
            .collect();
        if config.both_directions {
            let backward: Vec<(bool, usize)> = runs.iter().map(|&(_, s)| (true, s)).collect();
            runs.extend(backward);
        }
        let forward = Bigrams::new(&seqs, n_words, false);
        let backward = config
            .both_directions
            .then(|| Bigrams::new(&seqs, n_words, true));
        progress.stage("word clusters", (runs.len() * config.passes) as u64);
        let per_size: Vec<Vec<u16>> = runs
            .par_iter()
            .map(|&(back, c)| match (back, &backward) {
                (true, Some(b)) => exchange(b, c, config.passes, progress),
                _ => exchange(&forward, c, config.passes, progress),
            })
            .collect();
        let sizes: Vec<usize> = runs.iter().map(|&(_, s)| s).collect();
        let classes = vocab
            .iter()
            .enumerate()
            .map(|(i, &(w, _))| {
                let cl = per_size
                    .iter()
                    .map(|p| p.get(i).copied().unwrap_or(0))
                    .collect();
                (w.to_string(), cl)
            })
            .collect();
        WordClusters { sizes, classes }
    }

    /// Number of clusterings.
    pub fn levels(&self) -> usize {
        self.sizes.len()
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.classes.len()
    }

    /// True when no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }

    /// Classes of a word key (one per clustering), if clustered.
    pub fn get(&self, key: &str) -> Option<&[u16]> {
        self.classes.get(key).map(Vec::as_slice)
    }

    /// Tab-separated text: a header `#sizes<TAB>64<TAB>256…`, then one line
    /// per word `word<TAB>class<TAB>class…`, words sorted.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from("#sizes");
        for s in &self.sizes {
            out.push('\t');
            out.push_str(&s.to_string());
        }
        out.push('\n');
        let mut words: Vec<(&String, &Vec<u16>)> = self.classes.iter().collect();
        words.sort();
        for (w, cl) in words {
            out.push_str(w);
            for c in cl {
                out.push('\t');
                out.push_str(&c.to_string());
            }
            out.push('\n');
        }
        out
    }

    /// Parses the format of [`WordClusters::to_tsv`].
    pub fn from_tsv(text: &str) -> Result<WordClusters, NerError> {
        let bad = |line: usize, message: &str| NerError::Clusters {
            line,
            message: message.to_string(),
        };
        let mut lines = text.lines().enumerate();
        let sizes: Vec<usize> = match lines.next() {
            Some((_, header)) if header.starts_with("#sizes") => header
                .split('\t')
                .skip(1)
                .map(|v| {
                    v.parse::<usize>()
                        .ok()
                        .filter(|&s| (1..=u16::MAX as usize).contains(&s))
                })
                .collect::<Option<Vec<usize>>>()
                .ok_or_else(|| bad(1, "bad class count in the #sizes header"))?,
            _ => return Err(bad(1, "missing #sizes header")),
        };
        let mut classes = HashMap::new();
        for (i, line) in lines {
            if line.is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or_default();
            let cl: Vec<u16> = cols
                .map(|v| v.parse::<u16>().ok())
                .collect::<Option<Vec<u16>>>()
                .filter(|cl| cl.len() == sizes.len())
                .filter(|cl| cl.iter().zip(&sizes).all(|(&c, &s)| (c as usize) < s))
                .ok_or_else(|| bad(i + 1, "expected one valid class per clustering"))?;
            classes.insert(word.to_string(), cl);
        }
        Ok(WordClusters { sizes, classes })
    }

    /// Rebuilds clusters from saved parts.
    pub(crate) fn from_parts(sizes: Vec<usize>, classes: HashMap<String, Vec<u16>>) -> Self {
        WordClusters { sizes, classes }
    }
}

/// The key a token is clustered under: its normalised clitic-stripped stem.
pub fn word_key(token: &str, tokenizer: &Tokenizer) -> String {
    analyze(token, tokenizer).stem
}

/// Bigram counts as predecessor lists per word.
struct Bigrams {
    /// `preds[offsets[w]..offsets[w + 1]]` are `(v, n)`: `v` precedes `w` `n` times.
    offsets: Vec<usize>,
    preds: Vec<(u32, u32)>,
    /// Count of each word as a successor.
    count: Vec<u64>,
}

impl Bigrams {
    /// Counts bigrams; with `reverse`, the following word plays the
    /// predecessor's part.
    fn new(seqs: &[Vec<u32>], n_words: usize, reverse: bool) -> Self {
        let mut pairs: Vec<u64> = seqs
            .par_iter()
            .flat_map_iter(|s| {
                s.windows(2).map(move |p| {
                    let (prev, next) = if reverse { (p[1], p[0]) } else { (p[0], p[1]) };
                    (u64::from(next) << 32) | u64::from(prev)
                })
            })
            .collect();
        pairs.par_sort_unstable();
        let mut offsets = vec![0usize; n_words + 1];
        let mut preds: Vec<(u32, u32)> = Vec::new();
        let mut count = vec![0u64; n_words];
        let mut i = 0;
        while i < pairs.len() {
            let key = pairs[i];
            let mut j = i;
            while j < pairs.len() && pairs[j] == key {
                j += 1;
            }
            let (w, v) = ((key >> 32) as usize, key as u32);
            let n = (j - i) as u32;
            if w < n_words {
                preds.push((v, n));
                offsets[w + 1] += 1;
                count[w] += u64::from(n);
            }
            i = j;
        }
        for w in 0..n_words {
            offsets[w + 1] += offsets[w];
        }
        Bigrams {
            offsets,
            preds,
            count,
        }
    }

    fn n_words(&self) -> usize {
        self.count.len()
    }

    fn preds(&self, w: usize) -> &[(u32, u32)] {
        let (a, b) = (self.offsets[w], self.offsets[w + 1]);
        self.preds.get(a..b).unwrap_or(&[])
    }
}

/// `x ln x`, with a table for small counts.
struct XLogX {
    table: Vec<f64>,
}

impl XLogX {
    fn new() -> Self {
        let table = (0..1u32 << 16)
            .map(|x| {
                let x = f64::from(x);
                if x > 0.0 {
                    x * x.ln()
                } else {
                    0.0
                }
            })
            .collect();
        XLogX { table }
    }

    #[inline]
    fn f(&self, x: u64) -> f64 {
        match self.table.get(x as usize) {
            Some(&v) => v,
            None => {
                let x = x as f64;
                x * x.ln()
            }
        }
    }
}

/// One flat clustering into `c` classes; returns each word's class.
fn exchange(bigrams: &Bigrams, c: usize, passes: usize, progress: &dyn Progress) -> Vec<u16> {
    let n = bigrams.n_words();
    let c = c.max(1);
    // Initial classes by frequency rank, round robin.
    let mut class: Vec<u16> = (0..n).map(|w| (w % c) as u16).collect();
    // N(v, c) as dense rows, N(c).
    let mut nvc = vec![0u32; n * c];
    let mut nc = vec![0u64; c];
    for (w, &cl) in class.iter().enumerate() {
        let cw = cl as usize;
        nc[cw] += bigrams.count[w];
        for &(v, k) in bigrams.preds(w) {
            nvc[v as usize * c + cw] += k;
        }
    }
    let f = XLogX::new();
    let mut gain = vec![0.0f64; c];
    for _ in 0..passes {
        let mut moved = 0usize;
        for (w, slot) in class.iter_mut().enumerate() {
            let cw = bigrams.count[w];
            let preds = bigrams.preds(w);
            if cw == 0 || preds.is_empty() {
                continue;
            }
            let from = *slot as usize;
            // Take w out of its class.
            nc[from] -= cw;
            for &(v, k) in preds {
                nvc[v as usize * c + from] -= k;
            }
            // Gain of putting it into each class. Terms for classes where
            // N(v, b) == 0 equal f(k) for every b, so only non-zero cells
            // need the difference f(x + k) - f(x) - f(k).
            for (b, g) in gain.iter_mut().enumerate() {
                *g = f.f(nc[b]) - f.f(nc[b] + cw);
            }
            for &(v, k) in preds {
                let row = &nvc[v as usize * c..(v as usize + 1) * c];
                let k = u64::from(k);
                let fk = f.f(k);
                for (g, &x) in gain.iter_mut().zip(row) {
                    if x != 0 {
                        let x = u64::from(x);
                        *g += f.f(x + k) - f.f(x) - fk;
                    }
                }
            }
            let mut best = from;
            for (b, &g) in gain.iter().enumerate() {
                if g > gain[best] + 1e-9 {
                    best = b;
                }
            }
            if best != from {
                moved += 1;
            }
            *slot = best as u16;
            nc[best] += cw;
            for &(v, k) in preds {
                nvc[v as usize * c + best] += k;
            }
        }
        progress.step();
        if moved == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_words_that_share_contexts() {
        // Cities follow "في", verbs follow "ثم": two clear classes.
        let mut docs = Vec::new();
        for i in 0..40 {
            let city = ["بغداد", "دمشق", "القاهره", "عمان"][i % 4];
            let verb = ["قال", "اعلن", "اكد", "اضاف"][(i / 4) % 4];
            docs.push(
                format!("ذهب الى {city} ثم {verb} انه في {city} امس")
                    .split(' ')
                    .map(String::from)
                    .collect::<Vec<_>>(),
            );
        }
        let config = ClusterConfig {
            sizes: vec![4],
            passes: 10,
            min_count: 1,
            max_words: 100,
            both_directions: false,
        };
        let cl = WordClusters::induce_from_words(&docs, &config, &Quiet);
        let class = |w: &str| cl.get(w).map(|c| c[0]);
        assert_eq!(class("بغداد"), class("دمشق"));
        assert_eq!(class("بغداد"), class("عمان"));
        assert_eq!(class("قال"), class("اكد"));
        assert_ne!(class("بغداد"), class("قال"));
        assert_eq!(cl.levels(), 1);
        // Deterministic.
        assert_eq!(cl, WordClusters::induce_from_words(&docs, &config, &Quiet));
    }

    #[test]
    fn tsv_round_trips() {
        let mut classes = HashMap::new();
        classes.insert("عراق".to_string(), vec![3, 17]);
        classes.insert("قال".to_string(), vec![0, 1]);
        let cl = WordClusters::from_parts(vec![4, 32], classes);
        let text = cl.to_tsv();
        assert!(text.starts_with("#sizes\t4\t32\n"));
        assert_eq!(WordClusters::from_tsv(&text).expect("valid"), cl);
        assert!(WordClusters::from_tsv("عراق\t1\n").is_err());
        assert!(WordClusters::from_tsv("#sizes\t4\nعراق\t9\n").is_err());
        assert!(WordClusters::from_tsv("#sizes\t4\nعراق\t1\t2\n").is_err());
    }

    #[test]
    fn keys_are_stems() {
        let t = crate::analysis::testing::tokenizer();
        assert_eq!(word_key("والعراق", t), word_key("العراق", t));
        assert_eq!(word_key("بالعراق", t), "عراق");
    }
}
