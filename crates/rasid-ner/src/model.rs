//! The tagger: training from labelled sentences and tagging new ones.

use crate::analysis::{analyze, TokenInfo};
use crate::clusters::WordClusters;
use crate::conll::{read_conll_path, Sentence};
use crate::crf::{self, CrfConfig};
use crate::cues::{topic_counts, CueLexicon, Cues, TOPIC_CLASSES};
use crate::decode::{marginals, viterbi, FeatureIndex, IdHasher};
use crate::document::context_features;
use crate::features::{extract, Extras, FeatureConfig};
use crate::gazetteer::Gazetteer;
use crate::labels::{repair_bio, LabelSet};
use crate::lexicon::Lexicon;
use crate::perceptron::{Averaged, Example, Perceptron};
use crate::NerError;
use rasid_text::Tokenizer;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::Path;

/// The learning algorithm.
#[derive(Debug, Clone, PartialEq)]
pub enum Learner {
    /// Averaged structured perceptron, `TrainConfig::epochs` passes.
    Perceptron,
    /// CRF trained by L-BFGS.
    Crf(CrfConfig),
}

/// Training settings. `Default` is the setting chosen on the dev split (the
/// last 10% of the ANERcorp training file).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// The learning algorithm.
    pub learner: Learner,
    /// Passes over the training data (perceptron).
    pub epochs: usize,
    /// Seed of the sentence order in each pass.
    pub seed: u64,
    /// Feature templates.
    pub features: FeatureConfig,
    /// Features seen fewer times than this in training are dropped.
    pub min_feature_count: usize,
    /// Averaged weights with a magnitude below this are stored as zero
    /// (shrinks the saved model).
    pub prune_below: f32,
    /// With document features (`features.doc_window > 0`): the training
    /// sentences get their first-pass tags from this many cross-fold
    /// models.
    pub first_pass_folds: usize,
    /// L-BFGS iterations of the first-pass CRFs (the cross-fold ones and
    /// the final one), when the learner is a CRF.
    pub first_pass_iterations: usize,
    /// The trained model's `O` penalty ([`Model::set_outside_penalty`]).
    pub outside_penalty: f32,
    /// The trained model's `I-` penalty ([`Model::set_inside_penalty`]).
    pub inside_penalty: f32,
    /// The trained model's per-class bonuses ([`Model::set_class_bonus`]).
    pub class_bonus: Vec<(String, f32)>,
    /// Sentences of unlabelled text a caller should sample for the corpus
    /// lexicon ([`crate::lexicon::corpus_sentences`],
    /// [`Model::train_with_corpus`]).
    pub lexicon_sentences: usize,
    /// Self-training (two-pass models): the corpus sentences after the
    /// first `lexicon_sentences` (up to this many) are tagged by the trained
    /// model; those it tags confidently ([`select_confident`]) are added to
    /// the training data of a second-pass model trained again. 0 = off. A
    /// caller samples `lexicon_sentences + self_train_sentences` sentences.
    pub self_train_sentences: usize,
    /// Self-training: a sentence is kept when every token's tag has a
    /// marginal probability of at least this.
    pub self_train_threshold: f64,
    /// Self-training: at most this many sentences are added (the first ones
    /// of the corpus sample that qualify).
    pub self_train_max: usize,
}

/// Self-training selection: of `tagged` sentences, each with its tags and
/// the marginal probability of each tag, the indices of those with at least
/// one entity (a `B-` tag) whose every tag has a probability of at least
/// `threshold`, at most `max` of them, in order.
pub fn select_confident(
    tagged: &[(Vec<String>, Vec<f64>)],
    threshold: f64,
    max: usize,
) -> Vec<usize> {
    tagged
        .iter()
        .enumerate()
        .filter(|(_, (tags, probs))| {
            !tags.is_empty()
                && tags.len() == probs.len()
                && tags.iter().any(|t| t.starts_with("B-"))
                && probs.iter().all(|&p| p >= threshold)
        })
        .map(|(i, _)| i)
        .take(max)
        .collect()
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            learner: Learner::Crf(CrfConfig::default()),
            epochs: 8,
            seed: 0x0052_4153_4944,
            features: FeatureConfig::default(),
            min_feature_count: 1,
            prune_below: 0.0,
            first_pass_folds: 5,
            first_pass_iterations: 50,
            outside_penalty: 0.75,
            inside_penalty: 0.0,
            class_bonus: Vec::new(),
            lexicon_sentences: 20_000,
            self_train_sentences: 0,
            self_train_threshold: 0.9,
            self_train_max: 2_000,
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
    /// Subtracted from the `I-` scores of every token when tagging, on top
    /// of the `O` penalty: > 0 makes entities end sooner.
    pub(crate) inside_penalty: f32,
    /// Added to the `B-` and `I-` scores of each listed class when tagging
    /// (sorted by class, distinct), on top of the `O` penalty.
    pub(crate) class_bonus: Vec<(String, f32)>,
    /// In a two-pass model, the first pass whose tags feed the document
    /// features (`features.doc_window > 0`); it has no first pass itself.
    pub(crate) first_pass: Option<Box<Model>>,
}

/// Document features of one sentence: a list of named features per token.
type DocFeatures = Vec<Vec<String>>;

/// CRF training reports progress every this many L-BFGS iterations.
const CRF_CHECKPOINT: usize = 10;

/// Analysed tokens and gazetteer matches of a sentence → hashed features.
fn sentence_hashes(
    tokens: &[String],
    resources: &Resources,
    config: &FeatureConfig,
    document: Option<&DocFeatures>,
) -> Vec<Vec<u64>> {
    let infos: Vec<TokenInfo> = tokens
        .iter()
        .map(|t| analyze(t, &resources.tokenizer))
        .collect();
    let extras = Extras {
        document: document.cloned(),
        cues: resources
            .cues
            .as_ref()
            .filter(|_| config.cue_features)
            .map(|c| c.sentence_features(&infos, resources.cue_lexicon.as_ref())),
        gazetteer: resources.gazetteer.as_ref().map(|g| g.matches(&infos)),
        clusters: resources.clusters.as_ref().map(|c| {
            infos
                .iter()
                .map(|t| c.get(&t.stem).map(<[u16]>::to_vec))
                .collect()
        }),
    };
    extract(&infos, &extras, config)
}

/// Appends the lexicon features of each token, and those of its
/// neighbours (prefixed `-1:`, `+1:`), to its document features.
fn add_lexicon(document: &mut [Vec<String>], infos: &[TokenInfo], lexicon: &Lexicon) {
    let lex: Vec<Vec<String>> = infos.iter().map(|t| lexicon.features(t)).collect();
    for (i, d) in document.iter_mut().enumerate() {
        if let Some(own) = lex.get(i) {
            d.extend(own.iter().cloned());
        }
        if let Some(prev) = i.checked_sub(1).and_then(|j| lex.get(j)) {
            d.extend(prev.iter().map(|f| format!("-1:{f}")));
        }
        if let Some(next) = lex.get(i + 1) {
            d.extend(next.iter().map(|f| format!("+1:{f}")));
        }
    }
}

/// Appends topic features ([`crate::cues::topic_counts`]) to the document
/// features of each token: per topic class with at least one cue word in
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

/// Appends the first pass's marginal features of each token, and those of
/// its neighbours (prefixed `-1:`, `+1:`), to its document features.
fn add_marginals(document: &mut [DocFeatures], marginals: &[DocFeatures]) {
    for (doc, marg) in document.iter_mut().zip(marginals) {
        for (i, d) in doc.iter_mut().enumerate() {
            if let Some(own) = marg.get(i) {
                d.extend(own.iter().cloned());
            }
            if let Some(prev) = i.checked_sub(1).and_then(|j| marg.get(j)) {
                d.extend(prev.iter().map(|f| format!("-1:{f}")));
            }
            if let Some(next) = marg.get(i + 1) {
                d.extend(next.iter().map(|f| format!("+1:{f}")));
            }
        }
    }
}

/// Optional knowledge beyond the labelled sentences; kept in the model and
/// used again when tagging.
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
    /// Cue words (head nouns, titles, topic words); their features are
    /// used when present ([`crate::cues`]).
    pub cues: Option<Cues>,
    /// How often corpus stems follow head nouns and titles (needs `cues`).
    pub cue_lexicon: Option<CueLexicon>,
    /// The tokenizer every token is analysed with ([`crate::analysis::analyze`]): the
    /// knowledge base's (`Kb::tokenizer`), given again when loading the model.
    /// `Default` protects no word from clitic splitting.
    pub tokenizer: Tokenizer,
}

impl Model {
    /// Trains on the labelled sentences of `train` (unlabelled ones are
    /// skipped; tags are repaired to valid BIO first), with no resources (and a
    /// tokenizer that protects no word). Deterministic for a given `config.seed`.
    pub fn train(train: &[Sentence], config: &TrainConfig) -> Model {
        Self::train_with_progress(train, config, Resources::default(), |_, _| {})
    }

    /// Like [`Model::train`], with a gazetteer whose matches become features.
    /// The gazetteer is kept in the model and used when tagging.
    pub fn train_with_gazetteer(
        train: &[Sentence],
        config: &TrainConfig,
        gazetteer: &HashMap<String, String>,
    ) -> Model {
        let resources = Resources {
            gazetteer: Some(Gazetteer::new(gazetteer)),
            ..Resources::default()
        };
        Self::train_with_progress(train, config, resources, |_, _| {})
    }

    /// Trains, calling `on_epoch(epoch, model)` after each pass (1-based)
    /// with the averaged model so far, or for the CRF every
    /// 10 L-BFGS iterations: for choosing the number of epochs or iterations
    /// on a dev set.
    ///
    /// With `config.features.doc_window > 0` this trains a two-pass model:
    /// `config.first_pass_folds` cross-fold first passes tag the training
    /// sentences (taken in file order as running text), a first pass is
    /// trained on all of them, then the second pass on the document features
    /// of the cross-fold tags ([`crate::document`]). Progress is reported
    /// for the second pass only.
    pub fn train_with_progress(
        train: &[Sentence],
        config: &TrainConfig,
        resources: Resources,
        on_epoch: impl FnMut(usize, &Model),
    ) -> Model {
        Self::train_with_corpus(train, config, resources, &[], on_epoch)
    }

    /// Like [`Model::train_with_progress`]; a two-pass model also gets a
    /// corpus lexicon ([`crate::lexicon`]) from tagging `corpus` (tokenised
    /// sentences of unlabelled text, e.g. from
    /// [`crate::lexicon::corpus_sentences`]) with each first pass. An empty
    /// `corpus` means no lexicon.
    pub fn train_with_corpus(
        train: &[Sentence],
        config: &TrainConfig,
        mut resources: Resources,
        corpus: &[Vec<String>],
        on_epoch: impl FnMut(usize, &Model),
    ) -> Model {
        resources.lexicon = None;
        let window = config.features.doc_window;
        // The first `lexicon_sentences` feed the lexicon, the rest self-training.
        let (corpus, extra) = if config.self_train_sentences > 0 && window > 0 {
            let cut = config.lexicon_sentences.min(corpus.len());
            let (c, e) = corpus.split_at(cut);
            (c, &e[..config.self_train_sentences.min(e.len())])
        } else {
            (corpus, &corpus[corpus.len()..])
        };
        if window == 0 {
            let mut model = Self::train_pass(train, config, resources, None, on_epoch);
            model.set_outside_penalty(config.outside_penalty);
            model.set_inside_penalty(config.inside_penalty);
            model.set_class_bonuses(&config.class_bonus);
            return model;
        }
        let first_config = TrainConfig {
            features: FeatureConfig {
                doc_window: 0,
                ..config.features.clone()
            },
            learner: match &config.learner {
                Learner::Crf(c) => Learner::Crf(CrfConfig {
                    iterations: config.first_pass_iterations,
                    // Averaging is for the second pass (the one tagging).
                    average_last: 0,
                    ..c.clone()
                }),
                other => other.clone(),
            },
            ..config.clone()
        };
        let n = train.len();
        let k = config.first_pass_folds.clamp(2, n.max(2));
        let mut first_tags: Vec<Vec<String>> = Vec::with_capacity(n);
        let mut first_marginals: Vec<DocFeatures> = Vec::with_capacity(n);
        let mut fold_lexicons = Vec::with_capacity(k);
        for f in 0..k {
            let (a, b) = (n * f / k, n * (f + 1) / k);
            let fit: Vec<Sentence> = train[..a].iter().chain(&train[b..]).cloned().collect();
            let model = Self::train_pass(&fit, &first_config, resources.clone(), None, |_, _| {});
            let held: Vec<Vec<String>> = train[a..b].iter().map(|s| s.tokens.clone()).collect();
            let (tags, marg) = model.tag_many_with_marginals(&held);
            first_tags.extend(tags);
            first_marginals.extend(marg);
            if !corpus.is_empty() {
                let lexicon =
                    Lexicon::from_tagged(corpus, &model.tag_many(corpus), &resources.tokenizer);
                fold_lexicons.push((a..b, lexicon));
            }
        }
        let first = Self::train_pass(train, &first_config, resources.clone(), None, |_, _| {});
        if !corpus.is_empty() {
            let tags = first.tag_many(corpus);
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
        if extra.is_empty() {
            let mut model =
                Self::train_pass(train, config, resources, Some((first, &document)), on_epoch);
            model.set_outside_penalty(config.outside_penalty);
            model.set_inside_penalty(config.inside_penalty);
            model.set_class_bonuses(&config.class_bonus);
            return model;
        }
        let mut model = Self::train_pass(
            train,
            config,
            resources.clone(),
            Some((first.clone(), &document)),
            |_, _| {},
        );
        model.set_outside_penalty(config.outside_penalty);
        model.set_inside_penalty(config.inside_penalty);
        model.set_class_bonuses(&config.class_bonus);
        // Self-training: the model tags the extra sentences as running text;
        // the confident ones join the training data of the second pass.
        let extra_docs = model.document_features(extra);
        let tagged: Vec<(Vec<String>, Vec<f64>)> = extra
            .par_iter()
            .zip(&extra_docs)
            .map(|(s, d)| model.tag_pass_with_confidence(s, Some(d)))
            .collect();
        let chosen = select_confident(&tagged, config.self_train_threshold, config.self_train_max);
        let mut all_train: Vec<Sentence> = train.to_vec();
        for &i in &chosen {
            if let (Some(tokens), Some((tags, _))) = (extra.get(i), tagged.get(i)) {
                all_train.push(Sentence {
                    tokens: tokens.clone(),
                    tags: tags.clone(),
                });
                document.push(extra_docs.get(i).cloned().unwrap_or_default());
            }
        }
        let mut model = Self::train_pass(
            &all_train,
            config,
            resources,
            Some((first, &document)),
            on_epoch,
        );
        model.set_outside_penalty(config.outside_penalty);
        model.set_inside_penalty(config.inside_penalty);
        model.set_class_bonuses(&config.class_bonus);
        model
    }

    /// Trains one pass; `two_pass` holds the first pass and the document
    /// features of every sentence of `train` for a second pass.
    fn train_pass(
        train: &[Sentence],
        config: &TrainConfig,
        resources: Resources,
        two_pass: Option<(Model, &[DocFeatures])>,
        mut on_epoch: impl FnMut(usize, &Model),
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
        let mut counts: HashMap<u64, usize, BuildHasherDefault<IdHasher>> = HashMap::default();
        for h in hashes.iter().flatten().flatten() {
            *counts.entry(*h).or_insert(0) += 1;
        }
        let mut index = FeatureIndex::default();
        let mut keys: Vec<u64> = Vec::new();
        let examples: Vec<Example> = hashes
            .iter()
            .zip(&labelled)
            .map(|(sent, (_, tags, _))| {
                let features = sent
                    .iter()
                    .map(|tok| {
                        tok.iter()
                            .filter(|h| {
                                counts.get(h).copied().unwrap_or(0) >= config.min_feature_count
                            })
                            .map(|&h| {
                                *index.entry(h).or_insert_with(|| {
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
        drop(counts);

        let build_from = |avg: Averaged| {
            let mut m = Model::from_averaged(
                labels.clone(),
                config.features.clone(),
                &keys,
                avg,
                config.prune_below,
                resources.clone(),
            );
            m.first_pass = first_pass.clone();
            m
        };
        if let Learner::Crf(crf_config) = &config.learner {
            let avg = crf::train(
                &examples,
                keys.len(),
                &labels,
                crf_config,
                CRF_CHECKPOINT,
                |iter, avg| on_epoch(iter, &build_from(avg.clone())),
            );
            return build_from(avg);
        }
        let mut perceptron = Perceptron::new(labels.clone(), keys.len(), config.seed);
        let build = |p: &Perceptron| build_from(p.averaged());
        let mut model = None;
        for epoch in 1..=config.epochs {
            perceptron.epoch(&examples);
            let m = build(&perceptron);
            on_epoch(epoch, &m);
            model = Some(m);
        }
        model.unwrap_or_else(|| build(&perceptron))
    }

    /// Keeps the rows with a weight of magnitude ≥ `prune_below` (and > 0).
    fn from_averaged(
        labels: LabelSet,
        features: FeatureConfig,
        keys: &[u64],
        avg: Averaged,
        prune_below: f32,
        resources: Resources,
    ) -> Model {
        let l = labels.len();
        let mut index = FeatureIndex::default();
        let mut emission = Vec::new();
        for (row, &key) in avg.emission.chunks(l.max(1)).zip(keys) {
            let kept: Vec<f32> = row
                .iter()
                .map(|&w| if w.abs() < prune_below { 0.0 } else { w })
                .collect();
            if kept.iter().any(|&w| w != 0.0) {
                index.insert(key, (emission.len() / l) as u32);
                emission.extend(kept);
            }
        }
        Model {
            labels,
            features,
            index,
            emission,
            transition: avg.transition,
            resources,
            outside_penalty: 0.0,
            inside_penalty: 0.0,
            class_bonus: Vec::new(),
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

    /// Per token, the emission score of each label, with the `O` penalty and
    /// class bonuses applied.
    fn emission_scores(&self, tokens: &[String], document: Option<&DocFeatures>) -> Vec<f32> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let hashes = sentence_hashes(tokens, &self.resources, &self.features, document);
        let l = self.labels.len();
        let mut emission = vec![0.0f32; tokens.len() * l];
        for (row, feats) in emission.chunks_mut(l.max(1)).zip(&hashes) {
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
        let shift = self.label_shift();
        if shift.iter().any(|&s| s != 0.0) {
            for row in emission.chunks_mut(l.max(1)) {
                for (o, s) in row.iter_mut().zip(&shift) {
                    *o += s;
                }
            }
        }
        emission
    }

    /// Tags one sentence (one pass, no document features) and names, per
    /// token, how likely each entity class is (`pm=<class>:<bucket>`, from
    /// the CRF marginals: buckets `1` ≥ 0.1, `3` ≥ 0.3, `5` ≥ 0.5, `8` ≥ 0.8).
    fn tag_with_marginals(&self, tokens: &[String]) -> (Vec<String>, DocFeatures) {
        let emission = self.emission_scores(tokens, None);
        let tags = viterbi(&emission, &self.transition, &self.labels)
            .into_iter()
            .map(|y| self.labels.name(y).to_string())
            .collect();
        let l = self.labels.len().max(1);
        let marg = marginals(&emission, &self.transition, &self.labels);
        let mut feats = Vec::with_capacity(tokens.len());
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

    /// The second pass's document features of running text (empty
    /// features for a one-pass model).
    fn document_features(&self, sentences: &[Vec<String>]) -> Vec<DocFeatures> {
        let Some(first) = &self.first_pass else {
            return sentences
                .iter()
                .map(|s| vec![Vec::new(); s.len()])
                .collect();
        };
        let (first_tags, first_marginals) = first.tag_many_with_marginals(sentences);
        let infos: Vec<Vec<TokenInfo>> = sentences
            .par_iter()
            .map(|s| {
                s.iter()
                    .map(|t| analyze(t, &self.resources.tokenizer))
                    .collect()
            })
            .collect();
        let mut document = context_features(&infos, &first_tags, self.features.doc_window);
        if let Some(lexicon) = &self.resources.lexicon {
            for (d, i) in document.iter_mut().zip(&infos) {
                add_lexicon(d, i, lexicon);
            }
        }
        if let (Some(cues), w) = (&self.resources.cues, self.features.topic_window) {
            if w > 0 {
                add_topics(&mut document, &infos, cues, &first_tags, w);
            }
        }
        if self.features.marginals {
            add_marginals(&mut document, &first_marginals);
        }
        document
    }

    /// Tags one sentence with this pass (and its document features) and
    /// gives the marginal probability of each chosen tag.
    fn tag_pass_with_confidence(
        &self,
        tokens: &[String],
        document: Option<&DocFeatures>,
    ) -> (Vec<String>, Vec<f64>) {
        let emission = self.emission_scores(tokens, document);
        let path = viterbi(&emission, &self.transition, &self.labels);
        let l = self.labels.len().max(1);
        let marg = marginals(&emission, &self.transition, &self.labels);
        let probs = path
            .iter()
            .zip(marg.chunks(l))
            .map(|(&y, row)| row.get(y).copied().unwrap_or(0.0))
            .collect();
        let tags = path
            .into_iter()
            .map(|y| self.labels.name(y).to_string())
            .collect();
        (tags, probs)
    }

    /// Tags many sentences in parallel. A two-pass model reads them as
    /// running text, in order: a sentence's document features come from the
    /// sentences up to `doc_window` before and after it.
    pub fn tag_many(&self, sentences: &[Vec<String>]) -> Vec<Vec<String>> {
        if self.first_pass.is_none() {
            return sentences
                .par_iter()
                .map(|s| self.tag_pass(s, None))
                .collect();
        }
        let document = self.document_features(sentences);
        sentences
            .par_iter()
            .zip(&document)
            .map(|(s, d)| self.tag_pass(s, Some(d)))
            .collect()
    }

    /// Sets the penalty subtracted from the `O` score of every token when
    /// tagging (0 = none; larger values tag more entities). In a two-pass
    /// model it applies to the second pass only: the first pass tags as it
    /// did for training.
    pub fn set_outside_penalty(&mut self, penalty: f32) {
        self.outside_penalty = if penalty.is_finite() { penalty } else { 0.0 };
    }

    /// Sets the penalty subtracted from every `I-` score when tagging (0 =
    /// none; larger values end entities sooner). Second pass only, like the
    /// `O` penalty.
    pub fn set_inside_penalty(&mut self, penalty: f32) {
        self.inside_penalty = if penalty.is_finite() { penalty } else { 0.0 };
    }

    /// Sets the bonus added to the `B-` and `I-` scores of `class` when
    /// tagging (0 = none; larger values tag more entities of the class).
    /// Like the `O` penalty it applies to the second pass only.
    pub fn set_class_bonus(&mut self, class: &str, bonus: f32) {
        let bonus = if bonus.is_finite() { bonus } else { 0.0 };
        match self
            .class_bonus
            .binary_search_by(|(c, _)| c.as_str().cmp(class))
        {
            Ok(at) if bonus == 0.0 => {
                self.class_bonus.remove(at);
            }
            Ok(at) => self.class_bonus[at].1 = bonus,
            Err(_) if bonus == 0.0 => {}
            Err(at) => self.class_bonus.insert(at, (class.to_string(), bonus)),
        }
    }

    /// Sets several class bonuses ([`Model::set_class_bonus`]), clearing
    /// the others.
    pub fn set_class_bonuses(&mut self, bonuses: &[(String, f32)]) {
        self.class_bonus.clear();
        for (c, b) in bonuses {
            self.set_class_bonus(c, *b);
        }
    }

    /// The class bonuses, sorted by class.
    pub fn class_bonuses(&self) -> &[(String, f32)] {
        &self.class_bonus
    }

    /// What tagging adds to each label's score: minus the `O` penalty for
    /// `O`, the class bonus for `B-`/`I-` labels.
    fn label_shift(&self) -> Vec<f32> {
        self.labels
            .labels()
            .iter()
            .map(|label| {
                if label == "O" {
                    return -self.outside_penalty;
                }
                let (prefix, class) = label.split_once('-').unwrap_or(("", ""));
                let inside = if prefix == "I" {
                    -self.inside_penalty
                } else {
                    0.0
                };
                inside
                    + self
                        .class_bonus
                        .iter()
                        .find(|(c, _)| c == class)
                        .map_or(0.0, |(_, b)| *b)
            })
            .collect()
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

/// Reads a CoNLL file and trains on it (no gazetteer, no clusters).
pub fn train_from_path(path: &Path, config: &TrainConfig) -> Result<Model, NerError> {
    train_from_path_with(path, config, Resources::default())
}

/// Reads a CoNLL file and trains on it with the given resources.
pub fn train_from_path_with(
    path: &Path,
    config: &TrainConfig,
    resources: Resources,
) -> Result<Model, NerError> {
    let sentences = read_conll_path(path)?;
    Ok(Model::train_with_progress(
        &sentences,
        config,
        resources,
        |_, _| {},
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::is_valid_bio;
    use crate::rng::SplitMix64;

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

    /// One pass, no `O` penalty: the tests of the basic tagger.
    fn quick() -> TrainConfig {
        TrainConfig {
            learner: Learner::Perceptron,
            epochs: 10,
            features: FeatureConfig {
                doc_window: 0,
                ..FeatureConfig::default()
            },
            outside_penalty: 0.0,
            inside_penalty: 0.0,
            ..TrainConfig::default()
        }
    }

    #[test]
    fn learns_a_tiny_training_set() {
        let train = tiny();
        for config in [
            quick(),
            TrainConfig {
                learner: Learner::Crf(CrfConfig {
                    c2: 0.01,
                    iterations: 100,
                    memory: 6,
                    average_last: 0,
                }),
                ..quick()
            },
        ] {
            let model = Model::train(&train, &config);
            for s in &train {
                assert_eq!(model.tag(&s.tokens), s.tags, "{:?}", config.learner);
            }
            assert_eq!(
                model.labels(),
                toks("O B-LOC I-LOC B-ORG I-ORG B-PERS I-PERS")
            );
        }
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
        let mut rng = SplitMix64::new(3);
        for _ in 0..300 {
            let n = rng.below(12);
            let sent: Vec<String> = (0..n)
                .map(|_| vocab[rng.below(vocab.len())].clone())
                .collect();
            let tags = model.tag(&sent);
            assert_eq!(tags.len(), sent.len());
            assert!(is_valid_bio(&tags), "{sent:?} → {tags:?}");
        }
        assert!(model.tag(&[]).is_empty());
    }

    #[test]
    fn save_load_round_trip_gives_identical_tags() {
        let train = tiny();
        let gaz: HashMap<String, String> = [("دمشق", "LOC"), ("الأمم المتحدة", "ORG")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let mut model = Model::train_with_gazetteer(&train, &quick(), &gaz);
        model.set_outside_penalty(0.5);
        model.set_inside_penalty(0.25);
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
        let back = Model::load(bytes.as_slice(), &Tokenizer::default()).expect("load");
        for s in train
            .iter()
            .map(|s| s.tokens.clone())
            .chain([toks("زار الرئيس دمشق")])
        {
            assert_eq!(model.tag(&s), back.tag(&s));
        }
        let mut again = Vec::new();
        back.save(&mut again).expect("save");
        assert_eq!(bytes, again);
    }

    #[test]
    fn two_pass_model_tags_running_text_and_round_trips() {
        let train = tiny();
        // Document features only (marginals and topics: the next test).
        let config = TrainConfig {
            features: FeatureConfig {
                doc_window: 3,
                marginals: false,
                topic_window: 0,
                ..FeatureConfig::default()
            },
            first_pass_folds: 2,
            ..quick()
        };
        let gaz: HashMap<String, String> = [("دمشق", "LOC")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let resources = Resources {
            gazetteer: Some(Gazetteer::new(&gaz)),
            ..Resources::default()
        };
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
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
        let back = Model::load(bytes.as_slice(), &Tokenizer::default()).expect("load");
        assert_eq!(back.tag_many(&text), tags);
        let mut again = Vec::new();
        back.save(&mut again).expect("save");
        assert_eq!(bytes, again);
        let twice = Model::train_with_progress(&train, &config, Resources::default(), |_, _| {});
        let mut a = Vec::new();
        twice.save(&mut a).expect("save");
        let mut b = Vec::new();
        Model::train_with_progress(&train, &config, Resources::default(), |_, _| {})
            .save(&mut b)
            .expect("save");
        assert_eq!(a, b);
    }

    #[test]
    fn cue_topic_marginal_features_and_class_bonus_round_trip() {
        let train = tiny();
        let config = TrainConfig {
            features: FeatureConfig {
                doc_window: 3,
                topic_window: 2,
                marginals: true,
                cue_features: true,
                ..FeatureConfig::default()
            },
            first_pass_folds: 2,
            class_bonus: vec![("ORG".to_string(), 0.5)],
            ..quick()
        };
        let kb = rasid_kb::Kb::builtin().expect("built-in kb");
        let cues = Cues::from_kb(&kb);
        let docs = vec!["أعلن حزب الله ووكالة رويترز. وقال حزب الله.".to_string()];
        let resources = Resources {
            cue_lexicon: Some(CueLexicon::from_docs(&docs, &cues, &kb.tokenizer)),
            cues: Some(cues),
            tokenizer: kb.tokenizer.clone(),
            ..Resources::default()
        };
        let model = Model::train_with_progress(&train, &config, resources, |_, _| {});
        assert_eq!(model.class_bonuses(), [("ORG".to_string(), 0.5)]);
        let text: Vec<Vec<String>> = train.iter().map(|s| s.tokens.clone()).collect();
        let tags = model.tag_many(&text);
        for (s, t) in train.iter().zip(&tags) {
            assert_eq!(&s.tags, t);
        }
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
        let back = Model::load(bytes.as_slice(), &kb.tokenizer).expect("load");
        assert_eq!(back.features, model.features);
        assert_eq!(back.class_bonuses(), model.class_bonuses());
        assert_eq!(back.tag_many(&text), tags);
        let mut again = Vec::new();
        back.save(&mut again).expect("save");
        assert_eq!(bytes, again);
    }

    #[test]
    fn self_training_keeps_confident_sentences_with_entities() {
        let tagged = vec![
            // «قال محمد مرسي أمس»: a confident person.
            (toks("O B-PERS I-PERS O"), vec![0.99, 0.95, 0.97, 0.99]),
            // «انتهى الاجتماع أمس»: confident, but no entity.
            (toks("O O O"), vec![0.99, 0.99, 0.98]),
            // «وصل الوفد إلى عدن»: the place is a guess.
            (toks("O O O B-LOC"), vec![0.99, 0.98, 0.99, 0.6]),
            // «زار بان كي مون بغداد»: confident.
            (
                toks("O B-PERS I-PERS I-PERS B-LOC"),
                vec![0.97, 0.92, 0.93, 0.91, 0.96],
            ),
            // Mismatched lengths are skipped.
            (toks("O B-LOC"), vec![0.99]),
        ];
        assert_eq!(select_confident(&tagged, 0.9, 10), [0, 3]);
        assert_eq!(select_confident(&tagged, 0.9, 1), [0]);
        assert_eq!(select_confident(&tagged, 0.5, 10), [0, 2, 3]);
        assert!(select_confident(&tagged, 0.995, 10).is_empty());
    }

    /// No resources but the built-in kb's tokenizer.
    fn kb_tokenizer_only() -> Resources {
        Resources {
            tokenizer: crate::analysis::testing::tokenizer().clone(),
            ..Resources::default()
        }
    }

    #[test]
    fn self_training_adds_corpus_sentences_deterministically() {
        let train = tiny();
        let config = TrainConfig {
            features: FeatureConfig {
                doc_window: 3,
                ..FeatureConfig::default()
            },
            first_pass_folds: 2,
            lexicon_sentences: 2,
            self_train_sentences: 3,
            self_train_threshold: 0.0,
            ..quick()
        };
        let corpus = vec![
            toks("زار محمد مرسي بغداد"),
            toks("وقال بان كي مون إن"),
            toks("وصل محمد مرسي إلى بيروت"),
            toks("وقال وزير الخارجية إن الأمم المتحدة قلقة"),
            toks("سقطت قذائف على دمشق"),
        ];
        let save = |m: &Model| {
            let mut b = Vec::new();
            m.save(&mut b).expect("save");
            b
        };
        let train_once =
            || Model::train_with_corpus(&train, &config, kb_tokenizer_only(), &corpus, |_, _| {});
        let model = train_once();
        assert_eq!(save(&model), save(&train_once()));
        let plain = Model::train_with_corpus(
            &train,
            &TrainConfig {
                self_train_sentences: 0,
                ..config.clone()
            },
            kb_tokenizer_only(),
            &corpus,
            |_, _| {},
        );
        // The added sentences change the second pass.
        assert_ne!(save(&model), save(&plain));
        let text: Vec<Vec<String>> = train.iter().map(|s| s.tokens.clone()).collect();
        for (s, t) in train.iter().zip(model.tag_many(&text)) {
            assert_eq!(s.tags, t);
        }
    }

    #[test]
    fn inside_penalty_ends_entities_sooner() {
        let mut model = Model::train(&tiny(), &quick());
        let s = toks("وقال بان كي مون إن الأمم المتحدة قلقة");
        assert_eq!(
            model.tag(&s),
            toks("O B-PERS I-PERS I-PERS O B-ORG I-ORG O")
        );
        model.set_inside_penalty(100.0);
        let tags = model.tag(&s);
        assert!(tags.iter().all(|t| !t.starts_with("I-")), "{tags:?}");
        assert_eq!(tags.get(1).map(String::as_str), Some("B-PERS"));
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
        assert_eq!(
            Model::load(bytes.as_slice(), &Tokenizer::default())
                .expect("load")
                .tag(&s),
            tags
        );
    }

    #[test]
    fn class_bonus_tags_more_of_the_class() {
        let mut model = Model::train(&tiny(), &quick());
        let s = toks("قال متحدث باسم شركة غامضة أمس");
        model.set_class_bonus("ORG", 100.0);
        assert!(
            model.tag(&s).iter().all(|t| t.ends_with("ORG")),
            "{:?}",
            model.tag(&s)
        );
        model.set_class_bonus("ORG", 0.0);
        assert!(model.class_bonuses().is_empty());
    }

    #[test]
    fn load_rejects_damaged_files() {
        let model = Model::train(&tiny(), &quick());
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
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
    fn training_is_deterministic_for_a_seed() {
        let train = tiny();
        let save = |m: &Model| {
            let mut b = Vec::new();
            m.save(&mut b).expect("save");
            b
        };
        let a = save(&Model::train(&train, &quick()));
        let b = save(&Model::train(&train, &quick()));
        assert_eq!(a, b);
        let config = TrainConfig {
            learner: Learner::Crf(CrfConfig {
                iterations: 20,
                ..CrfConfig::default()
            }),
            ..quick()
        };
        assert_eq!(
            save(&Model::train(&train, &config)),
            save(&Model::train(&train, &config))
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
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
        let back = Model::load(bytes.as_slice(), &Tokenizer::default()).expect("load");
        let s = toks("وسقطت قذائف على عمان");
        assert_eq!(model.tag(&s), back.tag(&s));
        assert_eq!(back.tag(&s).last().map(String::as_str), Some("B-LOC"));
    }

    #[test]
    fn train_from_path_reports_missing_files() {
        let err = train_from_path(Path::new("/nonexistent/ner.conll"), &quick())
            .expect_err("missing file");
        assert!(err.to_string().contains("/nonexistent/ner.conll"), "{err}");
    }
}
