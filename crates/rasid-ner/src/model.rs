//! The tagger: training from labelled sentences and tagging new ones.

use crate::analysis::{analyze, TokenInfo};
use crate::clusters::WordClusters;
use crate::conll::{read_conll_path, Sentence};
use crate::crf::{self, CrfConfig};
use crate::decode::{viterbi, FeatureIndex, IdHasher};
use crate::features::{extract, Extras, FeatureConfig};
use crate::gazetteer::Gazetteer;
use crate::labels::{repair_bio, LabelSet};
use crate::perceptron::{Averaged, Example, Perceptron};
use crate::NerError;
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
}

/// CRF training reports progress every this many L-BFGS iterations.
const CRF_CHECKPOINT: usize = 10;

/// Analysed tokens and gazetteer matches of a sentence → hashed features.
fn sentence_hashes(
    tokens: &[String],
    resources: &Resources,
    config: &FeatureConfig,
) -> Vec<Vec<u64>> {
    let infos: Vec<TokenInfo> = tokens.iter().map(|t| analyze(t)).collect();
    let extras = Extras {
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

/// Optional knowledge beyond the labelled sentences; kept in the model and
/// used again when tagging.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Phrases with a class; their matches become features.
    pub gazetteer: Option<Gazetteer>,
    /// Word classes induced from unlabelled text.
    pub clusters: Option<WordClusters>,
}

impl Model {
    /// Trains on the labelled sentences of `train` (unlabelled ones are
    /// skipped; tags are repaired to valid BIO first). Deterministic for a
    /// given `config.seed`.
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
            clusters: None,
        };
        Self::train_with_progress(train, config, resources, |_, _| {})
    }

    /// Trains, calling `on_epoch(epoch, model)` after each pass (1-based)
    /// with the averaged model so far, or for the CRF every
    /// 10 L-BFGS iterations: for choosing the number of epochs or iterations
    /// on a dev set.
    pub fn train_with_progress(
        train: &[Sentence],
        config: &TrainConfig,
        resources: Resources,
        mut on_epoch: impl FnMut(usize, &Model),
    ) -> Model {
        let labelled: Vec<(&Sentence, Vec<String>)> = train
            .iter()
            .filter(|s| s.is_labelled())
            .map(|s| (s, repair_bio(&s.tags)))
            .collect();
        let labels =
            LabelSet::from_classes(LabelSet::classes_of(labelled.iter().flat_map(|(_, t)| t)));
        let hashes: Vec<Vec<Vec<u64>>> = labelled
            .par_iter()
            .map(|(s, _)| sentence_hashes(&s.tokens, &resources, &config.features))
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
            .map(|(sent, (_, tags))| {
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
            Model::from_averaged(
                labels.clone(),
                config.features.clone(),
                &keys,
                avg,
                config.prune_below,
                resources.clone(),
            )
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
        }
    }

    /// BIO tags for a sentence of tokens (one tag per token, always valid
    /// BIO: no `I-X` except after `B-X` or `I-X`).
    pub fn tag(&self, tokens: &[String]) -> Vec<String> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let hashes = sentence_hashes(tokens, &self.resources, &self.features);
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
        if self.outside_penalty != 0.0 {
            for row in emission.chunks_mut(l.max(1)) {
                if let Some(o) = row.first_mut() {
                    *o -= self.outside_penalty;
                }
            }
        }
        viterbi(&emission, &self.transition, &self.labels)
            .into_iter()
            .map(|y| self.labels.name(y).to_string())
            .collect()
    }

    /// Tags many sentences in parallel.
    pub fn tag_many(&self, sentences: &[Vec<String>]) -> Vec<Vec<String>> {
        sentences.par_iter().map(|s| self.tag(s)).collect()
    }

    /// Sets the penalty subtracted from the `O` score of every token when
    /// tagging (0 = none; larger values tag more entities).
    pub fn set_outside_penalty(&mut self, penalty: f32) {
        self.outside_penalty = if penalty.is_finite() { penalty } else { 0.0 };
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

    fn quick() -> TrainConfig {
        TrainConfig {
            learner: Learner::Perceptron,
            epochs: 10,
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
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
        let back = Model::load(bytes.as_slice()).expect("load");
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
    fn load_rejects_damaged_files() {
        let model = Model::train(&tiny(), &quick());
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
        assert!(Model::load(&b"not a model"[..]).is_err());
        assert!(Model::load(&bytes[..bytes.len() / 2]).is_err());
        let mut plain = Vec::new();
        flate2::write::GzEncoder::new(&mut plain, flate2::Compression::fast())
            .finish()
            .expect("empty gzip");
        assert!(matches!(
            Model::load(plain.as_slice()),
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
            gazetteer: None,
            clusters: Some(WordClusters::from_parts(vec![4], classes)),
        };
        let model = Model::train_with_progress(&tiny(), &quick(), resources, |_, _| {});
        let mut bytes = Vec::new();
        model.save(&mut bytes).expect("save");
        let back = Model::load(bytes.as_slice()).expect("load");
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
