//! The tagger: training from labelled sentences and tagging new ones.

use crate::analysis::{analyze, TokenInfo};
use crate::clusters::WordClusters;
use crate::conll::Sentence;
use crate::crf::{self, CrfConfig, Example, Weights};
use crate::cues::{topic_counts, Cues, TOPIC_CLASSES};
use crate::decode::{marginals, viterbi, FeatureIndex};
use crate::document::context_features;
use crate::features::{document_hashes, extract, same_sentence_features, Extras, FeatureConfig};
use crate::gazetteer::Gazetteer;
use crate::labels::{repair_bio, LabelSet};
use crate::lexicon::Lexicon;
use crate::progress::{Progress, Quiet};
use rasid_text::Tokenizer;
use rayon::prelude::*;

/// Training settings. `Default` is the setting chosen on the dev split (the
/// last 10% of the ANERcorp training file).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// CRF settings of the pass that tags (the second pass of a two-pass
    /// model).
    pub crf: CrfConfig,
    /// Feature templates.
    pub features: FeatureConfig,
    /// With document features (`features.doc_window > 0`): the training
    /// sentences get their first-pass tags from this many cross-fold
    /// models.
    pub first_pass_folds: usize,
    /// L-BFGS iterations of the first-pass CRFs (the cross-fold ones and
    /// the final one).
    pub first_pass_iterations: usize,
    /// The trained model's `O` penalty ([`Model::set_outside_penalty`]).
    pub outside_penalty: f32,
    /// Sentences of unlabelled text a caller should sample for the corpus
    /// lexicon ([`crate::lexicon::corpus_sentences`],
    /// [`Model::train_with_corpus`]).
    pub lexicon_sentences: usize,
    /// Emission weights smaller than this in magnitude are dropped from the
    /// trained model ([`Model::prune`]; 0 keeps all). Default 0.03, the best
    /// dev F1 of the thresholds tried (0.805; 0.8014 unpruned, 0.786 at 0.05).
    pub prune_below: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            crf: CrfConfig::default(),
            features: FeatureConfig::default(),
            first_pass_folds: 5,
            first_pass_iterations: 50,
            outside_penalty: 0.75,
            lexicon_sentences: 20_000,
            prune_below: 0.03,
        }
    }
}

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) labels: LabelSet,
    pub(crate) features: FeatureConfig,
    /// Feature hash → row of `emission`.
    pub(crate) index: FeatureIndex,
    /// `rows × labels` weights.
    pub(crate) emission: Vec<f32>,
    /// `(labels + 1) × labels` weights, the sentence start last.
    pub(crate) transition: Vec<f32>,
    pub(crate) resources: Resources,
    /// Subtracted from the `O` score of every token when tagging: > 0
    /// trades precision for recall.
    pub(crate) outside_penalty: f32,
    /// In a two-pass model, the first pass whose tags feed the document
    /// features (`features.doc_window > 0`); it has no first pass itself.
    pub(crate) first_pass: Option<Box<Model>>,
}

/// Document features of one sentence: a list of named features per token.
type DocFeatures = Vec<Vec<String>>;

/// CRF training reports progress every this many L-BFGS iterations.
const CRF_CHECKPOINT: usize = 10;

/// A sentence read once for both passes of a tagger: its analysed tokens and the hashes
/// of the features that do not depend on the document.
struct Prepared {
    infos: Vec<TokenInfo>,
    hashes: Vec<Vec<u64>>,
}

/// Analyses a sentence and hashes its features without document features (the
/// gazetteer's matches and word classes included).
fn prepare(tokens: &[String], resources: &Resources, config: &FeatureConfig) -> Prepared {
    let infos: Vec<TokenInfo> = tokens
        .iter()
        .map(|t| analyze(t, &resources.tokenizer))
        .collect();
    let extras = Extras {
        document: None,
        gazetteer: resources.gazetteer.as_ref().map(|g| g.matches(&infos)),
        clusters: resources.clusters.as_ref().map(|c| {
            infos
                .iter()
                .map(|t| c.get(&t.stem).map(<[u16]>::to_vec))
                .collect()
        }),
    };
    let hashes = extract(&infos, &extras, config);
    Prepared { infos, hashes }
}

/// Adds each token's document features to its hashes.
fn add_document_hashes(hashes: &mut [Vec<u64>], document: &DocFeatures) {
    for (h, d) in hashes.iter_mut().zip(document) {
        h.extend(document_hashes(d));
    }
}

/// Analysed tokens and gazetteer matches of a sentence → hashed features.
fn sentence_hashes(
    tokens: &[String],
    resources: &Resources,
    config: &FeatureConfig,
    document: Option<&DocFeatures>,
) -> Vec<Vec<u64>> {
    let mut hashes = prepare(tokens, resources, config).hashes;
    if let Some(d) = document {
        add_document_hashes(&mut hashes, d);
    }
    hashes
}

/// Appends to each token's document features its own `per_token`
/// features, then those of its left and right neighbours (prefixed `-1:`
/// and `+1:`).
fn add_with_neighbours(document: &mut [Vec<String>], per_token: &[Vec<String>]) {
    for (i, d) in document.iter_mut().enumerate() {
        if let Some(own) = per_token.get(i) {
            d.extend(own.iter().cloned());
        }
        if let Some(prev) = i.checked_sub(1).and_then(|j| per_token.get(j)) {
            d.extend(prev.iter().map(|f| format!("-1:{f}")));
        }
        if let Some(next) = per_token.get(i + 1) {
            d.extend(next.iter().map(|f| format!("+1:{f}")));
        }
    }
}

/// Appends the lexicon features ([`Lexicon::features`]) of each token and
/// its neighbours to its document features.
fn add_lexicon(document: &mut [Vec<String>], infos: &[TokenInfo], lexicon: &Lexicon) {
    let lex: Vec<Vec<String>> = infos.iter().map(|t| lexicon.features(t)).collect();
    add_with_neighbours(document, &lex);
}

/// Appends topic features ([`crate::cues::topic_counts`]) to the document
/// features of each token: per topic class with at least one topic word in
/// the sentences up to `window` away, `tp=C:<count bucket>`, alone and with
/// the token's first-pass class.
fn add_topics(
    document: &mut [DocFeatures],
    infos: &[Vec<TokenInfo>],
    cues: &Cues,
    first: &[Vec<String>],
    window: usize,
) {
    let counts = topic_counts(cues, infos);
    for (j, doc) in document.iter_mut().enumerate() {
        let lo = j.saturating_sub(window);
        let hi = (j + window + 1).min(counts.len());
        let mut sum = [0u32; 2];
        for c in counts.get(lo..hi).unwrap_or(&[]) {
            sum[0] += c[0];
            sum[1] += c[1];
        }
        let tags = first.get(j);
        for (k, class) in TOPIC_CLASSES.iter().enumerate() {
            let bucket = match sum[k] {
                0 => continue,
                1..=2 => "1",
                3..=5 => "3",
                _ => "6",
            };
            for (i, d) in doc.iter_mut().enumerate() {
                let p0 = tags
                    .and_then(|t| t.get(i))
                    .and_then(|t| t.split_once('-'))
                    .map_or("O", |(_, c)| c);
                d.push(format!("tp={class}:{bucket}"));
                d.push(format!("tp={class}:{bucket}|{p0}"));
            }
        }
    }
}

/// Appends the first pass's marginal features of each token and its
/// neighbours to its document features.
fn add_marginals(document: &mut [DocFeatures], marginals: &[DocFeatures]) {
    for (doc, marg) in document.iter_mut().zip(marginals) {
        add_with_neighbours(doc, marg);
    }
}

/// Knowledge beyond the labelled sentences; kept in the model and used
/// again when tagging.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Phrases with a class; their matches become features.
    pub gazetteer: Option<Gazetteer>,
    /// Word classes induced from unlabelled text.
    pub clusters: Option<WordClusters>,
    /// In a two-pass model trained with a corpus sample: how the first pass
    /// tags each stem across the sample ([`crate::lexicon`]). Set by
    /// training.
    pub lexicon: Option<Lexicon>,
    /// Topic words, counted around each sentence by a two-pass model with
    /// `features.topic_window > 0` ([`crate::cues`]).
    pub cues: Option<Cues>,
    /// The tokenizer every token is analysed with ([`crate::analysis::analyze`]): the
    /// knowledge base's (`Kb::tokenizer`), given again when loading the model.
    /// `Default` protects no word from clitic splitting.
    pub tokenizer: Tokenizer,
}

impl Model {
    /// Trains on the labelled sentences of `train` without resources
    /// (unlabelled sentences are skipped; tags are repaired to valid BIO
    /// first). Deterministic.
    pub fn train(train: &[Sentence], config: &TrainConfig) -> Model {
        Self::train_with_progress(train, config, Resources::default(), |_, _| {})
    }

    /// Trains with `resources` (kept in the model), calling
    /// `on_checkpoint(iteration, model)` every 10 L-BFGS iterations of the
    /// pass that tags with the model so far, `O` penalty included: for
    /// choosing the number of iterations on a dev set.
    ///
    /// With `config.features.doc_window > 0` this trains a two-pass model:
    /// `config.first_pass_folds` cross-fold first passes tag the training
    /// sentences (taken in file order as running text), a first pass is
    /// trained on all of them, then the second pass on the document features
    /// of the cross-fold tags ([`crate::document`]).
    pub fn train_with_progress(
        train: &[Sentence],
        config: &TrainConfig,
        resources: Resources,
        on_checkpoint: impl FnMut(usize, &Model),
    ) -> Model {
        Self::train_with_corpus(train, config, resources, &[], &Quiet, on_checkpoint)
    }

    /// Like [`Model::train_with_progress`]; a two-pass model also gets a
    /// corpus lexicon ([`crate::lexicon`]) from tagging `corpus` (tokenised
    /// sentences of unlabelled text, e.g. from
    /// [`crate::lexicon::corpus_sentences`]) with each first pass. An empty
    /// `corpus` means no lexicon. Each stage (a CRF, a tagging of the corpus)
    /// is reported to `progress`; the trained model is pruned by
    /// `config.prune_below` (the checkpoints are not). This is how
    /// `rasid ner-train` trains.
    pub fn train_with_corpus(
        train: &[Sentence],
        config: &TrainConfig,
        resources: Resources,
        corpus: &[Vec<String>],
        progress: &dyn Progress,
        on_checkpoint: impl FnMut(usize, &Model),
    ) -> Model {
        let mut model =
            Self::train_passes(train, config, resources, corpus, progress, on_checkpoint);
        if config.prune_below > 0.0 {
            model.prune(config.prune_below);
        }
        model
    }

    /// The passes of [`Model::train_with_corpus`], unpruned.
    fn train_passes(
        train: &[Sentence],
        config: &TrainConfig,
        mut resources: Resources,
        corpus: &[Vec<String>],
        progress: &dyn Progress,
        on_checkpoint: impl FnMut(usize, &Model),
    ) -> Model {
        resources.lexicon = None;
        let window = config.features.doc_window;
        let penalty = config.outside_penalty;
        if window == 0 {
            progress.stage("CRF", config.crf.iterations as u64);
            return Self::train_pass(
                train,
                config,
                resources,
                None,
                penalty,
                progress,
                on_checkpoint,
            );
        }
        let first_config = TrainConfig {
            features: FeatureConfig {
                doc_window: 0,
                ..config.features.clone()
            },
            crf: CrfConfig {
                iterations: config.first_pass_iterations,
                ..config.crf.clone()
            },
            ..config.clone()
        };
        let n = train.len();
        let k = config.first_pass_folds.clamp(2, n.max(2));
        let mut first_tags: Vec<Vec<String>> = Vec::with_capacity(n);
        let mut first_marginals: Vec<DocFeatures> = Vec::with_capacity(n);
        let mut fold_lexicons = Vec::with_capacity(k);
        // one first pass, reported as the stage `name`
        let train_first = |sentences: &[Sentence], name: &str| {
            progress.stage(name, config.first_pass_iterations as u64);
            Self::train_pass(
                sentences,
                &first_config,
                resources.clone(),
                None,
                0.0,
                progress,
                |_, _| {},
            )
        };
        for f in 0..k {
            let (a, b) = (n * f / k, n * (f + 1) / k);
            let fit: Vec<Sentence> = train[..a].iter().chain(&train[b..]).cloned().collect();
            let model = train_first(&fit, &format!("first pass, fold {} of {k}", f + 1));
            let held: Vec<Vec<String>> = train[a..b].iter().map(|s| s.tokens.clone()).collect();
            let (tags, marg) = model.tag_many_with_marginals(&held);
            first_tags.extend(tags);
            first_marginals.extend(marg);
            if !corpus.is_empty() {
                let name = format!("corpus lexicon, fold {} of {k}", f + 1);
                let tags = model.tag_sentences_reporting(corpus, &name, progress);
                let lexicon = Lexicon::from_tagged(corpus, &tags, &resources.tokenizer);
                fold_lexicons.push((a..b, lexicon));
            }
        }
        let first = train_first(train, "first pass, all sentences");
        if !corpus.is_empty() {
            let tags = first.tag_sentences_reporting(corpus, "corpus lexicon", progress);
            resources.lexicon = Some(Lexicon::from_tagged(corpus, &tags, &resources.tokenizer));
        }
        let infos: Vec<Vec<TokenInfo>> = train
            .iter()
            .map(|s| {
                s.tokens
                    .iter()
                    .map(|t| analyze(t, &resources.tokenizer))
                    .collect()
            })
            .collect();
        let mut document = context_features(&infos, &first_tags, window);
        for (range, lexicon) in &fold_lexicons {
            for j in range.clone() {
                if let (Some(d), Some(i)) = (document.get_mut(j), infos.get(j)) {
                    add_lexicon(d, i, lexicon);
                }
            }
        }
        if let (Some(cues), w) = (&resources.cues, config.features.topic_window) {
            if w > 0 {
                add_topics(&mut document, &infos, cues, &first_tags, w);
            }
        }
        if config.features.marginals {
            add_marginals(&mut document, &first_marginals);
        }
        progress.stage("second pass", config.crf.iterations as u64);
        Self::train_pass(
            train,
            config,
            resources,
            Some((first, &document)),
            penalty,
            progress,
            on_checkpoint,
        )
    }

    /// Tags the sentences of `corpus` one by one (no document features: for
    /// a one-pass model) in about twenty steps, each reported to `progress`
    /// as a stage called `name`.
    fn tag_sentences_reporting(
        &self,
        corpus: &[Vec<String>],
        name: &str,
        progress: &dyn Progress,
    ) -> Vec<Vec<String>> {
        const STEPS: usize = 20;
        let chunk = corpus.len().div_ceil(STEPS).max(1);
        progress.stage(name, corpus.len().div_ceil(chunk) as u64);
        let mut out = Vec::with_capacity(corpus.len());
        for part in corpus.chunks(chunk) {
            out.par_extend(part.par_iter().map(|s| self.tag_pass(s, None)));
            progress.step();
        }
        out
    }

    /// Trains one pass with the `O` penalty `outside_penalty` (a first pass
    /// has none); `two_pass` holds the first pass and the document features
    /// of every sentence of `train` for a second pass.
    fn train_pass(
        train: &[Sentence],
        config: &TrainConfig,
        resources: Resources,
        two_pass: Option<(Model, &[DocFeatures])>,
        outside_penalty: f32,
        progress: &dyn Progress,
        mut on_checkpoint: impl FnMut(usize, &Model),
    ) -> Model {
        let (first_pass, document) = match two_pass {
            Some((first, doc)) => (Some(Box::new(first)), Some(doc)),
            None => (None, None),
        };
        let labelled: Vec<(&Sentence, Vec<String>, Option<&DocFeatures>)> = train
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_labelled())
            .map(|(j, s)| (s, repair_bio(&s.tags), document.and_then(|d| d.get(j))))
            .collect();
        let labels = LabelSet::from_classes(LabelSet::classes_of(
            labelled.iter().flat_map(|(_, t, _)| t),
        ));
        let hashes: Vec<Vec<Vec<u64>>> = labelled
            .par_iter()
            .map(|(s, _, doc)| sentence_hashes(&s.tokens, &resources, &config.features, *doc))
            .collect();

        // Feature rows in order of first occurrence (deterministic).
        let mut rows = FeatureIndex::default();
        let mut keys: Vec<u64> = Vec::new();
        let examples: Vec<Example> = hashes
            .iter()
            .zip(&labelled)
            .map(|(sent, (_, tags, _))| {
                let features = sent
                    .iter()
                    .map(|tok| {
                        tok.iter()
                            .map(|&h| {
                                *rows.entry(h).or_insert_with(|| {
                                    keys.push(h);
                                    (keys.len() - 1) as u32
                                })
                            })
                            .collect()
                    })
                    .collect();
                let gold = tags.iter().map(|t| labels.index(t)).collect();
                Example { features, gold }
            })
            .collect();
        drop(rows);

        let build = |weights: &Weights| {
            let mut m = Model::from_weights(
                labels.clone(),
                config.features.clone(),
                &keys,
                weights,
                resources.clone(),
            );
            m.set_outside_penalty(outside_penalty);
            m.first_pass = first_pass.clone();
            m
        };
        let weights = crf::train(
            &examples,
            keys.len(),
            &labels,
            &config.crf,
            CRF_CHECKPOINT,
            progress,
            |iter, w| on_checkpoint(iter, &build(w)),
        );
        build(&weights)
    }

    /// A model of the feature rows `keys` (row `i` of `weights.emission`
    /// belongs to `keys[i]`) that keeps only the rows with a non-zero
    /// weight.
    fn from_weights(
        labels: LabelSet,
        features: FeatureConfig,
        keys: &[u64],
        weights: &Weights,
        resources: Resources,
    ) -> Model {
        let l = labels.len();
        let mut index = FeatureIndex::default();
        let mut emission = Vec::new();
        for (row, &key) in weights.emission.chunks(l.max(1)).zip(keys) {
            if row.iter().any(|&w| w != 0.0) {
                index.insert(key, (emission.len() / l) as u32);
                emission.extend_from_slice(row);
            }
        }
        Model {
            labels,
            features,
            index,
            emission,
            transition: weights.transition.clone(),
            resources,
            outside_penalty: 0.0,
            first_pass: None,
        }
    }

    /// BIO tags for a sentence of tokens (one tag per token, always valid
    /// BIO: no `I-X` except after `B-X` or `I-X`).
    /// A two-pass model sees the sentence as a document of its own; use
    /// [`Model::tag_many`] on running text.
    pub fn tag(&self, tokens: &[String]) -> Vec<String> {
        if self.first_pass.is_some() {
            return self.tag_many(&[tokens.to_vec()]).pop().unwrap_or_default();
        }
        self.tag_pass(tokens, None)
    }

    /// Tags one sentence with this pass's weights and, for a second pass,
    /// the sentence's document features.
    fn tag_pass(&self, tokens: &[String], document: Option<&DocFeatures>) -> Vec<String> {
        let emission = self.emission_scores(tokens, document);
        viterbi(&emission, &self.transition, &self.labels)
            .into_iter()
            .map(|y| self.labels.name(y).to_string())
            .collect()
    }

    /// Per token, the emission score of each label, with the `O` penalty
    /// applied.
    fn emission_scores(&self, tokens: &[String], document: Option<&DocFeatures>) -> Vec<f32> {
        if tokens.is_empty() {
            return Vec::new();
        }
        self.emission_of(&sentence_hashes(
            tokens,
            &self.resources,
            &self.features,
            document,
        ))
    }

    /// Per token, the emission score of each label from the token's feature hashes, with
    /// the `O` penalty applied.
    fn emission_of(&self, hashes: &[Vec<u64>]) -> Vec<f32> {
        let l = self.labels.len();
        let mut emission = vec![0.0f32; hashes.len() * l];
        for (row, feats) in emission.chunks_mut(l.max(1)).zip(hashes) {
            for h in feats {
                let Some(&r) = self.index.get(h) else {
                    continue;
                };
                let base = r as usize * l;
                if let Some(ws) = self.emission.get(base..base + l) {
                    for (o, w) in row.iter_mut().zip(ws) {
                        *o += w;
                    }
                }
            }
        }
        let outside = self.labels.labels().iter().position(|y| y == "O");
        if let (Some(o), true) = (outside, self.outside_penalty != 0.0) {
            for row in emission.chunks_mut(l.max(1)) {
                if let Some(score) = row.get_mut(o) {
                    *score += -self.outside_penalty;
                }
            }
        }
        emission
    }

    /// Tags one sentence (one pass, no document features) and names, per
    /// token, how likely each entity class is (`pm=<class>:<bucket>`, from
    /// the CRF marginals: buckets `1` ≥ 0.1, `3` ≥ 0.3, `5` ≥ 0.5, `8` ≥ 0.8).
    fn tag_with_marginals(&self, tokens: &[String]) -> (Vec<String>, DocFeatures) {
        self.tags_and_marginals(&self.emission_scores(tokens, None))
    }

    /// The best tags of a sentence's `emission` scores and its marginal features (see
    /// [`Model::tag_with_marginals`]).
    fn tags_and_marginals(&self, emission: &[f32]) -> (Vec<String>, DocFeatures) {
        let tags = viterbi(emission, &self.transition, &self.labels)
            .into_iter()
            .map(|y| self.labels.name(y).to_string())
            .collect();
        let l = self.labels.len().max(1);
        let marg = marginals(emission, &self.transition, &self.labels);
        let mut feats = Vec::with_capacity(emission.len() / l);
        for row in marg.chunks(l) {
            let mut by_class: Vec<(&str, f64)> = Vec::new();
            for (y, &p) in row.iter().enumerate() {
                let Some((_, class)) = self.labels.name(y).split_once('-') else {
                    continue;
                };
                match by_class.iter_mut().find(|(c, _)| *c == class) {
                    Some((_, q)) => *q += p,
                    None => by_class.push((class, p)),
                }
            }
            let f: Vec<String> = by_class
                .into_iter()
                .filter_map(|(class, p)| {
                    let bucket = if p >= 0.8 {
                        "8"
                    } else if p >= 0.5 {
                        "5"
                    } else if p >= 0.3 {
                        "3"
                    } else if p >= 0.1 {
                        "1"
                    } else {
                        return None;
                    };
                    Some(format!("pm={class}:{bucket}"))
                })
                .collect();
            feats.push(f);
        }
        (tags, feats)
    }

    /// [`Model::tag_with_marginals`] over many sentences, in parallel.
    fn tag_many_with_marginals(
        &self,
        sentences: &[Vec<String>],
    ) -> (Vec<Vec<String>>, Vec<DocFeatures>) {
        sentences
            .par_iter()
            .map(|s| self.tag_with_marginals(s))
            .unzip()
    }

    /// The second pass's document features of running text from the analysed tokens of
    /// its sentences and the first pass's tags and marginal features.
    fn document_of(
        &self,
        owned: &[Vec<TokenInfo>],
        first_tags: &[Vec<String>],
        first_marginals: &[DocFeatures],
    ) -> Vec<DocFeatures> {
        let mut document = context_features(owned, first_tags, self.features.doc_window);
        if let Some(lexicon) = &self.resources.lexicon {
            for (d, i) in document.iter_mut().zip(owned) {
                add_lexicon(d, i, lexicon);
            }
        }
        if let (Some(cues), w) = (&self.resources.cues, self.features.topic_window) {
            if w > 0 {
                add_topics(&mut document, owned, cues, first_tags, w);
            }
        }
        if self.features.marginals {
            add_marginals(&mut document, first_marginals);
        }
        document
    }

    /// Tags many sentences in parallel. A two-pass model reads them as
    /// running text, in order: a sentence's document features come from the
    /// sentences up to `doc_window` before and after it. Each sentence is analysed and
    /// hashed once for both passes (they share the tokenizer, gazetteer and clusters; the
    /// first pass's own hashes are computed apart only if its feature settings differ).
    pub fn tag_many(&self, sentences: &[Vec<String>]) -> Vec<Vec<String>> {
        let Some(first) = &self.first_pass else {
            return sentences
                .par_iter()
                .map(|s| self.tag_pass(s, None))
                .collect();
        };
        let mut prepared: Vec<Prepared> = sentences
            .par_iter()
            .map(|s| prepare(s, &self.resources, &self.features))
            .collect();
        let shared = same_sentence_features(&first.features, &self.features);
        let (first_tags, first_marginals): (Vec<Vec<String>>, Vec<DocFeatures>) = prepared
            .par_iter()
            .zip(sentences)
            .map(|(p, s)| {
                if shared {
                    first.tags_and_marginals(&first.emission_of(&p.hashes))
                } else {
                    first.tag_with_marginals(s)
                }
            })
            .unzip();
        let infos: Vec<Vec<TokenInfo>> = prepared
            .iter_mut()
            .map(|p| std::mem::take(&mut p.infos))
            .collect();
        let document = self.document_of(&infos, &first_tags, &first_marginals);
        prepared
            .par_iter_mut()
            .zip(&document)
            .map(|(p, d)| {
                add_document_hashes(&mut p.hashes, d);
                let emission = self.emission_of(&p.hashes);
                viterbi(&emission, &self.transition, &self.labels)
                    .into_iter()
                    .map(|y| self.labels.name(y).to_string())
                    .collect()
            })
            .collect()
    }

    /// Sets the penalty subtracted from the `O` score of every token when
    /// tagging (0 = none; larger values tag more entities). In a two-pass
    /// model it applies to the second pass only: the first pass tags as it
    /// did for training.
    pub fn set_outside_penalty(&mut self, penalty: f32) {
        self.outside_penalty = if penalty.is_finite() { penalty } else { 0.0 };
    }

    /// Drops every emission weight smaller than `min_abs` in magnitude (in
    /// both passes), and the feature rows left with none: a smaller model
    /// file and index at a small cost in accuracy (measured in
    /// `docs/results.md`). Returns the weights kept and dropped.
    pub fn prune(&mut self, min_abs: f32) -> (usize, usize) {
        let (mut kept, mut dropped) = match self.first_pass.as_mut() {
            Some(first) => first.prune(min_abs),
            None => (0, 0),
        };
        let l = self.labels.len().max(1);
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        rows.sort_unstable();
        let mut index = FeatureIndex::default();
        let mut emission = Vec::new();
        for (key, row) in rows {
            let base = row as usize * l;
            let Some(weights) = self.emission.get(base..base + l) else {
                continue;
            };
            let pruned: Vec<f32> = weights
                .iter()
                .map(|&w| if w.abs() < min_abs { 0.0 } else { w })
                .collect();
            let nonzero = pruned.iter().filter(|&&w| w != 0.0).count();
            kept += nonzero;
            dropped += weights.iter().filter(|&&w| w != 0.0).count() - nonzero;
            if nonzero > 0 {
                index.insert(key, (emission.len() / l) as u32);
                emission.extend(pruned);
            }
        }
        self.index = index;
        self.emission = emission;
        (kept, dropped)
    }

    /// The model's labels (`O` first).
    pub fn labels(&self) -> &[String] {
        self.labels.labels()
    }

    /// Number of stored feature rows.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::is_valid_bio;
    use crate::NerError;
    use std::collections::HashMap;

    /// Small hand-made news sentences, tagged by hand.
    const TINY: &str = "\
زار O\nالرئيس O\nمحمد B-PERS\nمرسي I-PERS\nالقاهرة B-LOC\nأمس O\n\n\
وقال O\nبان B-PERS\nكي I-PERS\nمون I-PERS\nإن O\nالأمم B-ORG\nالمتحدة I-ORG\nقلقة O\n\n\
وصل O\nوزير O\nالخارجية O\nإلى O\nبغداد B-LOC\n. O\n\n\
أعلن O\nحزب B-ORG\nالله I-ORG\nمسؤوليته O\nعن O\nالهجوم O\nفي O\nبيروت B-LOC\n\n\
والتقى O\nمحمد B-PERS\nمرسي I-PERS\nوفدا O\nمن O\nالأمم B-ORG\nالمتحدة I-ORG\nفي O\nالقاهرة B-LOC\n\n\
وسقطت O\nقذائف O\nعلى O\nبغداد B-LOC\nودمشق B-LOC\n، O\nبحسب O\nوكالة B-ORG\nرويترز I-ORG\n\n";

    fn tiny() -> Vec<Sentence> {
        crate::read_conll(TINY).expect("valid CoNLL")
    }

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// One pass, no `O` penalty, a CRF that fits the tiny set: the tests of
    /// the basic tagger.
    fn quick() -> TrainConfig {
        TrainConfig {
            crf: CrfConfig {
                c2: 0.01,
                iterations: 100,
                memory: 6,
            },
            features: FeatureConfig {
                doc_window: 0,
                ..FeatureConfig::default()
            },
            outside_penalty: 0.0,
            prune_below: 0.0,
            ..TrainConfig::default()
        }
    }

    fn gazetteer(entries: &[(&str, &str)]) -> Resources {
        let gaz: HashMap<String, String> = entries
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Resources {
            gazetteer: Some(Gazetteer::new(&gaz)),
            ..Resources::default()
        }
    }

    fn save(m: &Model) -> Vec<u8> {
        let mut b = Vec::new();
        m.save(&mut b).expect("save");
        b
    }

    #[test]
    fn learns_a_tiny_training_set() {
        let train = tiny();
        let model = Model::train(&train, &quick());
        for s in &train {
            assert_eq!(model.tag(&s.tokens), s.tags);
        }
        assert_eq!(
            model.labels(),
            toks("O B-LOC I-LOC B-ORG I-ORG B-PERS I-PERS")
        );
    }

    #[test]
    fn generalises_from_context_a_little() {
        let model = Model::train(&tiny(), &quick());
        let tags = model.tag(&toks("وصل وزير الخارجية إلى القاهرة"));
        assert_eq!(tags.last().map(String::as_str), Some("B-LOC"));
    }

    #[test]
    fn output_is_always_valid_bio() {
        let train = tiny();
        let model = Model::train(&train, &quick());
        let vocab: Vec<String> = train
            .iter()
            .flat_map(|s| s.tokens.clone())
            .chain(toks("x NATO ٢٠٠٦ « » ، - U.S. ـ"))
            .chain([String::new(), " ".to_string()])
            .collect();
        // A linear congruential generator: the same sentences every run.
        let mut state = 3u64;
        let mut below = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        for _ in 0..300 {
            let n = below(12);
            let sent: Vec<String> = (0..n).map(|_| vocab[below(vocab.len())].clone()).collect();
            let tags = model.tag(&sent);
            assert_eq!(tags.len(), sent.len());
            assert!(is_valid_bio(&tags), "{sent:?} → {tags:?}");
        }
        assert!(model.tag(&[]).is_empty());
    }

    #[test]
    fn save_load_round_trip_gives_identical_tags() {
        let train = tiny();
        let resources = gazetteer(&[("دمشق", "LOC"), ("الأمم المتحدة", "ORG")]);
        let mut model = Model::train_with_progress(&train, &quick(), resources, |_, _| {});
        model.set_outside_penalty(0.5);
        let bytes = save(&model);
        let back = Model::load(bytes.as_slice(), &Tokenizer::default()).expect("load");
        for s in train
            .iter()
            .map(|s| s.tokens.clone())
            .chain([toks("زار الرئيس دمشق")])
        {
            assert_eq!(model.tag(&s), back.tag(&s));
        }
        assert_eq!(save(&back), bytes);
    }

    /// A two-pass model with document features only (no marginals, no topics) and two
    /// first-pass folds.
    fn document_only() -> TrainConfig {
        TrainConfig {
            features: FeatureConfig {
                doc_window: 3,
                marginals: false,
                topic_window: 0,
                ..FeatureConfig::default()
            },
            first_pass_folds: 2,
            ..quick()
        }
    }

    #[test]
    fn pruning_drops_small_weights_and_rows_and_keeps_the_tags() {
        let train = tiny();
        let mut model = Model::train(&train, &quick());
        let rows = model.n_features();
        let text: Vec<Vec<String>> = train.iter().map(|s| s.tokens.clone()).collect();
        let before = model.tag_many(&text);
        let largest = model.emission.iter().fold(0f32, |m, w| m.max(w.abs()));
        let (kept, dropped) = model.prune(largest / 4.0);
        assert!(kept > 0 && dropped > 0, "kept {kept}, dropped {dropped}");
        assert!(model.n_features() < rows, "rows with no weight left go");
        assert!(model
            .emission
            .iter()
            .all(|w| *w == 0.0 || w.abs() >= largest / 4.0));
        assert_eq!(
            model.emission.len(),
            model.n_features() * model.labels.len()
        );
        let (_, none) = model.prune(0.0);
        assert_eq!(none, 0, "pruning by 0 drops nothing");
        // the strong weights still carry the training sentences
        let after = model.tag_many(&text);
        let same = before.iter().zip(&after).filter(|(a, b)| a == b).count();
        assert!(same * 2 >= before.len(), "{before:?} vs {after:?}");
    }

    #[test]
    fn training_reports_each_stage_and_its_steps() {
        let train = tiny();
        let config = TrainConfig {
            first_pass_iterations: 5,
            ..document_only()
        };
        let corpus = vec![toks("زار محمد مرسي بغداد"), toks("وقال بان كي مون")];
        let progress = crate::progress::testing::Recorder::default();
        Model::train_with_corpus(
            &train,
            &config,
            Resources::default(),
            &corpus,
            &progress,
            |_, _| {},
        );
        let stages = progress.0.into_inner().unwrap_or_default();
        let names: Vec<&str> = stages.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "first pass, fold 1 of 2",
                "corpus lexicon, fold 1 of 2",
                "first pass, fold 2 of 2",
                "corpus lexicon, fold 2 of 2",
                "first pass, all sentences",
                "corpus lexicon",
                "second pass"
            ]
        );
        for (name, steps, done) in &stages {
            assert!(*done >= 1 && done <= steps, "{name}: {done} of {steps}");
        }
    }

    #[test]
    fn two_pass_model_tags_running_text_and_round_trips() {
        let train = tiny();
        // Document features only (marginals and topics: the next test).
        let config = document_only();
        let resources = gazetteer(&[("دمشق", "LOC")]);
        let mut model = Model::train_with_progress(&train, &config, resources, |_, _| {});
        assert!(model.first_pass.is_some());
        model.set_outside_penalty(0.25);
        let text: Vec<Vec<String>> = train.iter().map(|s| s.tokens.clone()).collect();
        let tags = model.tag_many(&text);
        for (s, t) in train.iter().zip(&tags) {
            assert_eq!(&s.tags, t);
        }
        assert_eq!(model.tag(&toks("زار بغداد")).len(), 2);
        assert!(model.tag(&[]).is_empty());
        let bytes = save(&model);
        let back = Model::load(bytes.as_slice(), &Tokenizer::default()).expect("load");
        assert_eq!(back.tag_many(&text), tags);
        assert_eq!(save(&back), bytes);
        let twice = || Model::train_with_progress(&train, &config, Resources::default(), |_, _| {});
        assert_eq!(save(&twice()), save(&twice()));
    }

    #[test]
    fn topic_and_marginal_features_and_corpus_lexicon_round_trip() {
        let train = tiny();
        let config = TrainConfig {
            features: FeatureConfig {
                doc_window: 3,
                topic_window: 2,
                marginals: true,
                ..FeatureConfig::default()
            },
            first_pass_folds: 2,
            ..quick()
        };
        let resources = Resources {
            cues: Some(Cues::from_kb(
                &rasid_kb::Kb::builtin().expect("built-in kb"),
            )),
            ..Resources::default()
        };
        let corpus = vec![
            toks("زار محمد مرسي بغداد"),
            toks("وقال بان كي مون إن الأمم المتحدة قلقة"),
        ];
        let model =
            Model::train_with_corpus(&train, &config, resources, &corpus, &Quiet, |_, _| {});
        assert!(model.resources.lexicon.is_some());
        let text: Vec<Vec<String>> = train.iter().map(|s| s.tokens.clone()).collect();
        let tags = model.tag_many(&text);
        for (s, t) in train.iter().zip(&tags) {
            assert_eq!(&s.tags, t);
        }
        let bytes = save(&model);
        let back = Model::load(bytes.as_slice(), &Tokenizer::default()).expect("load");
        assert_eq!(back.features, model.features);
        assert_eq!(back.resources.cues, model.resources.cues);
        assert_eq!(back.tag_many(&text), tags);
        assert_eq!(save(&back), bytes);
    }

    #[test]
    fn outside_penalty_tags_more_entities() {
        let mut model = Model::train(&tiny(), &quick());
        let s = toks("وقال بان كي مون إن الأمم المتحدة قلقة");
        assert_eq!(
            model.tag(&s),
            toks("O B-PERS I-PERS I-PERS O B-ORG I-ORG O")
        );
        model.set_outside_penalty(1000.0);
        let tags = model.tag(&s);
        assert!(tags.iter().all(|t| t != "O"), "{tags:?}");
        assert!(is_valid_bio(&tags), "{tags:?}");
        model.set_outside_penalty(f32::NAN);
        assert_eq!(model.outside_penalty, 0.0);
    }

    #[test]
    fn load_rejects_damaged_files() {
        let bytes = save(&Model::train(&tiny(), &quick()));
        assert!(Model::load(&b"not a model"[..], &Tokenizer::default()).is_err());
        assert!(Model::load(&bytes[..bytes.len() / 2], &Tokenizer::default()).is_err());
        let mut plain = Vec::new();
        flate2::write::GzEncoder::new(&mut plain, flate2::Compression::fast())
            .finish()
            .expect("empty gzip");
        assert!(matches!(
            Model::load(plain.as_slice(), &Tokenizer::default()),
            Err(NerError::BadModel(_))
        ));
    }

    #[test]
    fn training_is_deterministic() {
        let train = tiny();
        assert_eq!(
            save(&Model::train(&train, &quick())),
            save(&Model::train(&train, &quick()))
        );
    }

    #[test]
    fn unlabelled_or_empty_training_data_tags_everything_o() {
        let model = Model::train(&[Sentence::unlabelled(toks("زار بغداد"))], &quick());
        assert_eq!(model.tag(&toks("زار بغداد")), ["O", "O"]);
        assert_eq!(model.labels(), ["O"]);
    }

    #[test]
    fn clusters_are_used_and_saved() {
        let mut classes = HashMap::new();
        for (w, c) in [
            ("قاهره", 1u16),
            ("بغداد", 1),
            ("دمشق", 1),
            ("بيروت", 1),
            ("عمان", 1),
        ] {
            classes.insert(w.to_string(), vec![c]);
        }
        let resources = Resources {
            clusters: Some(WordClusters::from_parts(vec![4], classes)),
            ..Resources::default()
        };
        let model = Model::train_with_progress(&tiny(), &quick(), resources, |_, _| {});
        let back = Model::load(save(&model).as_slice(), &Tokenizer::default()).expect("load");
        let s = toks("وسقطت قذائف على عمان");
        assert_eq!(model.tag(&s), back.tag(&s));
        assert_eq!(back.tag(&s).last().map(String::as_str), Some("B-LOC"));
    }
}
