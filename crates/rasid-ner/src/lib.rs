//! Named-entity tagger for Arabic news: BIO tags over the classes of its
//! training data (ANERcorp: PERS, LOC, ORG, MISC).
//!
//! Owns: CoNLL reading/writing, token features, training, tagging, model
//! files, word clusters from unlabelled text. Imports `rasid-text`
//! (normalisation, clitic analysis, sentences) and `rasid-kb` (the
//! gazetteer's phrases, the topic words). Does I/O only where a function
//! says so (`*_path`, `*_tsv`, `save`, `load`, [`read_corpus`]). Never
//! panics on input: bad files give a [`NerError`].
//!
//! ```no_run
//! use rasid_ner::{read_conll_path, Model, TrainConfig};
//! # fn main() -> Result<(), rasid_ner::NerError> {
//! let train = read_conll_path("train.conll".as_ref())?;
//! let model = Model::train(&train, &TrainConfig::default());
//! let tokens: Vec<String> = "زار بان كي مون بغداد".split(' ').map(String::from).collect();
//! let tags = model.tag(&tokens); // ["O", "B-PERS", "I-PERS", "I-PERS", "B-LOC"] once trained
//! model.save_to_path("ner.model.gz".as_ref())?;
//! # Ok(()) }
//! ```
//!
//! # The model
//!
//! Two linear-chain CRFs, one after the other, over hashed sparse features
//! ([`TrainConfig::default`], with the resources `rasid ner-train` gives
//! it):
//! - [`analysis`]: each token is normalised (`rasid_text::normalize`) and
//!   its proclitics (و ف ب ل ك ال) split off by the knowledge base's
//!   tokenizer (`Kb::tokenizer`, whose protected words come from
//!   `kb/clitics.toml`; it is part of [`Resources`] and given again to
//!   [`Model::load`], since model files do not carry it).
//! - [`features`] of both passes: word and stem identity, ±2 neighbouring
//!   words and stems, bigrams, 1–4 char prefixes and suffixes, clitics,
//!   shape; the token's and its neighbours' classes in six word clusterings
//!   ([`clusters`]: the predictive exchange algorithm at 64, 256 and 1024
//!   classes, by left and by right context, over SaudiNewsNet plus the
//!   training tokens); and matches of the kb gazetteer ([`gazetteer`]:
//!   places, actors, outlets, well-known persons, person titles and roles;
//!   not `kb/person_names.txt`, which was mined from ANERcorp train).
//! - The first pass sees only those. The second pass also sees document
//!   features ([`document`]): the first pass's tags of the token and its
//!   neighbours; how the first pass tagged the other occurrences of the
//!   token's stem in the sentences up to 10 away (the corpora have no
//!   document boundaries); the first pass's marginal probability of each
//!   class for the token and its neighbours (forward–backward, bucketed at
//!   0.1/0.3/0.5/0.8); the corpus lexicon ([`lexicon`]: how the first pass
//!   tags the stems of the token and its neighbours across the first 20,000
//!   sentences of three tokens or more of SaudiNewsNet); and how many
//!   sports and business words ([`cues`], `kb/ner_cues.txt`) the sentences
//!   up to 3 away hold, alone and with the token's first-pass class.
//!
//! # Training
//!
//! [`Model::train_with_corpus`]: CRFsuite's objective (L2-regularised
//! log-likelihood, c2 = 1, sparse (feature, label) parameters: a feature
//! gets weights only for the labels it was seen with) minimised by L-BFGS.
//! Five cross-fold first passes (50 iterations each) tag the training
//! sentences, and tag the corpus sample for the lexicon of their fold, so
//! that the second pass learns how far to trust first-pass output on
//! unseen text; a sixth first pass, trained on all of it, is the one
//! stored, with its corpus lexicon; then the second pass is trained (100
//! iterations). The trained model drops every emission weight below 0.03
//! in magnitude, in both passes ([`TrainConfig::prune_below`]; about
//! 24 MB → 3.7 MB). Training is deterministic: gradients are summed over a
//! fixed number of chunks in a fixed order, whatever the number of
//! threads, and the same inputs give a byte-identical model file.
//!
//! # Tagging
//!
//! [`Model::tag_many`] reads its sentences as running text, in order: the
//! first pass tags them all, then the second pass tags each with its
//! document features. Decoding is Viterbi under BIO constraints, so output
//! is always valid BIO (no `I-X` except after `B-X` or `I-X`). A constant
//! 0.75 is taken off the second pass's `O` score of every token
//! ([`Model::set_outside_penalty`]; chosen on dev, as every setting):
//! recall is the weak side.
//!
//! # Model files
//!
//! [`Model::save`] writes a gzip-compressed binary file (format version 5,
//! laid out in the `persist` module): both passes' weights, the clusters,
//! gazetteer, corpus lexicon and topic words, so tagging needs nothing but
//! the file. Files of versions 2 to 4 load too; one that uses a tagging
//! option version 5 no longer has (an `I-` penalty, class bonuses,
//! cue-word sentence features) is refused with an error naming the file and
//! the option. The clusters are learned from SaudiNewsNet (CC BY-NC-SA), so
//! model files stay out of the repository.
//!
//! # What it must not do
//!
//! Learn from what it is scored on: every setting was chosen on dev (the
//! last 10% of ANERcorp train, with a model trained on the first 90%), the
//! test split is only tagged to report; word clusters for a dev run see
//! only the training part; `kb/person_names.txt` never becomes a feature.
//! Callers must not tag running text sentence by sentence: [`Model::tag`]
//! makes its sentence a document of its own, so the second pass loses the
//! other mentions; [`Model::tag_many`] takes the whole text.
//!
//! # Scores (ANERcorp, `ner_score.py`, micro F1 over PERS+LOC+ORG)
//!
//! | split | PERS | LOC | ORG | MISC | PERS+LOC+ORG |
//! |---|---|---|---|---|---|
//! | dev (last 10% of train; trained on the first 90%), pruned at 0.02 | 0.780 | 0.908 | 0.703 | 0.562 | 0.7998 (P 0.822, R 0.779) |
//! | dev, the same model pruned at 0.05 | 0.775 | 0.903 | 0.665 | 0.533 | 0.7862 (P 0.810, R 0.764) |
//! | dev, the same model unpruned | 0.783 | 0.908 | 0.704 | 0.562 | 0.8014 (P 0.824, R 0.780) |
//! | dev, the same model pruned at 0.03 (default) | | | | | **0.805** |
//! | test (trained on all of train), pruned at 0.03 (default) | 0.763 | 0.888 | 0.604 | 0.569 | **0.775** (P 0.822, R 0.732) |
//! | test, pruned at 0.02 | 0.767 | 0.886 | 0.597 | 0.558 | 0.7757 (P 0.824, R 0.733) |
//! | test, pruned at 0.05 | | | | | 0.779 |
//!
//! The prune threshold was chosen on dev: one unpruned dev model scored
//! at 0.005/0.01/0.02/0.03/0.05 gives 0.798/0.800/0.800/0.805/0.786
//! (penalty 0.75): flat up to 0.03, a drop at 0.05. 0.03, the best dev
//! figure, is the default (its smaller index also tags a little faster).
//! On test the thresholds of the flat part and 0.05 differ by no more than
//! dev noise (0.775–0.779).
//!
//! Tried on dev and dropped (mean dev F1 of the
//! unpruned checkpoints at iterations 50–100; the default's is 0.8012):
//! last-token, inside-quotes/parentheses, inner char trigram,
//! gazetteer × previous word, gazetteer × coarse class, previous/next word
//! × word class and class-trigram templates, all together 0.8018; ten
//! cross-fold first passes instead of five 0.7980 (and slower); a corpus
//! lexicon of 10,000 sentences 0.7906, of 40,000 0.7917; the second pass
//! as the weight average of four CRFs each trained without a quarter of
//! the sentences 0.7971.
//!
//! The gazetteer and topic features read `kb/`: a kb edit moves these
//! (retrain after kb changes). Dev F1 moves by up to 0.005 from one
//! L-BFGS checkpoint to the next (0.7995 to 0.8033 over iterations
//! 50–100), and by as much from one prune threshold to a close one.
//! Without `--unlabelled` (no clusters, no corpus lexicon) test F1 was
//! 0.704 (an earlier model).
//!
//! Test, with the `rasid` binary:
//! ```text
//! rasid ner-train --train ../shared/eval/ner/anercorp_train.conll \
//!     --unlabelled ../shared/corpus/saudinewsnet/articles.jsonl.gz --out models/ner.model
//! rasid ner --model models/ner.model ../shared/eval/ner/anercorp_test.conll > pred.conll
//! python3 ../shared/eval/ner_score.py ../shared/eval/ner/anercorp_test.conll pred.conll
//! ```
//! Dev, with `examples/eval.rs` (which also prints dev F1 every 10 L-BFGS
//! iterations and takes `--penalties`, `--doc-window`, `--no-topics`,
//! `--no-marginals`, `--cv K` and more):
//! ```text
//! cargo run --release -p rasid-ner --example eval -- --dev --gazetteer --cluster-add-train \
//!     --unlabelled ../shared/corpus/saudinewsnet/articles.jsonl.gz --lexicon-sentences 20000 \
//!     --out-dir /tmp
//! python3 ../shared/eval/ner_score.py /tmp/ner_dev_gold.conll /tmp/ner_dev_pred.conll
//! ```
//!
//! Costs on the 2-core machine (release), `rasid ner-train`: 3.2 min wall
//! when idle, 8 min with other jobs running (word clusters, six first-pass
//! CRFs, six taggings of the corpus sample, the second-pass CRF); peak
//! memory 2.9 GB; model file 3.7 MB (pruned at 0.03; the unpruned dev
//! model is 24 MB). `rasid ner` tags the 25k-token test file
//! in 0.8 s, loading the model included.
//!
//! Why not the `crfs` crate: version 0.4 trains, but its L-BFGS trainer does
//! dense work over the whole feature vector for each sentence, which with
//! ~10⁶ features × 4,000 sentences is far outside a few minutes; it trains
//! only to a file path, its `Model` borrows its buffer, and its Viterbi has
//! no BIO constraints.
//!
//! For the `rasid` binary: `ner-train` is [`read_corpus`], then
//! [`WordClusters::induce`] and [`corpus_sentences`], then
//! [`Model::train_with_corpus`], then [`Model::save_to_path`]; `ner` and
//! `extract --ner-model` are [`Model::load_from_path`], then
//! [`Model::tag_many`].

pub mod analysis;
pub mod clusters;
pub mod conll;
pub mod corpus;
mod crf;
pub mod cues;
pub mod decode;
pub mod document;
mod error;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod labels;
pub mod lexicon;
mod model;
mod persist;
pub mod progress;

pub use clusters::{ClusterConfig, WordClusters};
pub use conll::{read_conll, read_conll_path, write_conll, Sentence};
pub use corpus::read_corpus;
pub use crf::CrfConfig;
pub use cues::Cues;
pub use error::NerError;
pub use features::FeatureConfig;
pub use gazetteer::Gazetteer;
pub use labels::{is_valid_bio, repair_bio};
pub use lexicon::{corpus_sentences, Lexicon};
pub use model::{Model, Resources, TrainConfig};
pub use progress::{Progress, Quiet};
