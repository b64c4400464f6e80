//! Trains on ANERcorp and scores: the harness behind the figures in the
//! crate docs.
//!
//! ```text
//! # dev: train on the first 90% of train, score the last 10% every 10 L-BFGS iterations
//! cargo run --release -p rasid-ner --example eval -- --dev --gazetteer --cluster-add-train \
//!     --unlabelled ../shared/corpus/saudinewsnet/articles.jsonl.gz --lexicon-sentences 20000
//! # test: train on all of train, tag test, write /tmp/ner_pred.conll and /tmp/ner_model.bin.gz
//! cargo run --release -p rasid-ner --example eval -- --gazetteer --cluster-add-train \
//!     --unlabelled ../shared/corpus/saudinewsnet/articles.jsonl.gz --lexicon-sentences 20000
//! python3 ../shared/eval/ner_score.py ../shared/eval/ner/anercorp_test.conll /tmp/ner_pred.conll
//! ```
//!
//! With those flags the model is the one `rasid ner-train --unlabelled …`
//! trains. Without `--gazetteer`, `--unlabelled` or `--lexicon-sentences`
//! it goes without the gazetteer, the word clusters or the corpus lexicon.
//!
//! Options: `--train PATH`, `--test PATH`, `--out PATH`, `--model PATH`,
//! `--out-dir DIR` (dev output), `--kb DIR` (kb files in `DIR` replace the
//! built-in ones: gazetteer, topic words); `--clusters-cache PATH` (read the
//! clusters from it if it exists, else write them to it),
//! `--cluster-sizes 64,256,1024`, `--cluster-passes N`,
//! `--cluster-min-count N`; features: `--window N`, `--affix N`,
//! `--no-bigrams`, `--no-neighbour-affixes`, `--doc-window N` (0: one
//! pass), `--topic-window N`, `--no-topics`, `--no-marginals`; training:
//! `--c2 X`, `--iterations N`, `--folds N`, `--first-iterations N`;
//! tagging: `--penalty X` (the `O` penalty), `--penalties X,Y,…` (dev:
//! score each); `--prune X` (drop weights below X; 0 to train unpruned),
//! `--prunes X,Y,…` (dev: score the trained model pruned at each, with each
//! penalty); `--cv K` (K-fold cross-validation on train instead of dev),
//! `--save-dev-model PATH` / `--load-dev-model PATH` (skip dev training).

use rasid_ner::{
    corpus_sentences, eval, read_conll_path, write_conll, ClusterConfig, Cues, Gazetteer, Model,
    NerError, Resources, Sentence, TrainConfig, WordClusters,
};
use rasid_text::Tokenizer;
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Args {
    dev: bool,
    cv: usize,
    penalties: Vec<f32>,
    prunes: Vec<f32>,
    train: PathBuf,
    test: PathBuf,
    out: PathBuf,
    model: PathBuf,
    config: TrainConfig,
    unlabelled: Option<PathBuf>,
    clusters_cache: Option<PathBuf>,
    cluster: ClusterConfig,
    cluster_add_train: bool,
    gazetteer: bool,
    out_dir: PathBuf,
    save_dev_model: Option<PathBuf>,
    load_dev_model: Option<PathBuf>,
    kb: Option<PathBuf>,
}

/// `X,Y,…` → numbers.
fn parse_list<T: std::str::FromStr>(v: &str) -> Result<Vec<T>, String>
where
    T::Err: std::fmt::Display,
{
    v.split(',')
        .map(|x| x.parse::<T>().map_err(|e| format!("{x}: {e}")))
        .collect()
}

/// One number.
fn parse_one<T: std::str::FromStr>(v: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    v.parse::<T>().map_err(|e| format!("{v}: {e}"))
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        dev: false,
        cv: 0,
        penalties: Vec::new(),
        prunes: Vec::new(),
        train: "/work/shared/eval/ner/anercorp_train.conll".into(),
        test: "/work/shared/eval/ner/anercorp_test.conll".into(),
        out: "/tmp/ner_pred.conll".into(),
        model: "/tmp/ner_model.bin.gz".into(),
        config: TrainConfig {
            lexicon_sentences: 0,
            ..TrainConfig::default()
        },
        unlabelled: None,
        clusters_cache: None,
        cluster: ClusterConfig::default(),
        cluster_add_train: false,
        gazetteer: false,
        out_dir: "/tmp".into(),
        save_dev_model: None,
        load_dev_model: None,
        kb: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let c = &mut a.config;
        match flag.as_str() {
            "--dev" => a.dev = true,
            "--cv" => a.cv = parse_one(&value()?)?,
            "--penalties" => a.penalties = parse_list(&value()?)?,
            "--prune" => c.prune_below = parse_one(&value()?)?,
            "--prunes" => a.prunes = parse_list(&value()?)?,
            "--penalty" => c.outside_penalty = parse_one(&value()?)?,
            "--train" => a.train = value()?.into(),
            "--test" => a.test = value()?.into(),
            "--out" => a.out = value()?.into(),
            "--model" => a.model = value()?.into(),
            "--out-dir" => a.out_dir = value()?.into(),
            "--kb" => a.kb = Some(value()?.into()),
            "--save-dev-model" => a.save_dev_model = Some(value()?.into()),
            "--load-dev-model" => a.load_dev_model = Some(value()?.into()),
            "--unlabelled" => a.unlabelled = Some(value()?.into()),
            "--clusters-cache" => a.clusters_cache = Some(value()?.into()),
            "--cluster-add-train" => a.cluster_add_train = true,
            "--cluster-sizes" => a.cluster.sizes = parse_list(&value()?)?,
            "--cluster-passes" => a.cluster.passes = parse_one(&value()?)?,
            "--cluster-min-count" => a.cluster.min_count = parse_one(&value()?)?,
            "--gazetteer" => a.gazetteer = true,
            "--lexicon-sentences" => c.lexicon_sentences = parse_one(&value()?)?,
            "--window" => c.features.window = parse_one(&value()?)?,
            "--affix" => c.features.affix_len = parse_one(&value()?)?,
            "--no-bigrams" => c.features.bigrams = false,
            "--no-neighbour-affixes" => c.features.neighbour_affixes = false,
            "--doc-window" => c.features.doc_window = parse_one(&value()?)?,
            "--topic-window" => c.features.topic_window = parse_one(&value()?)?,
            "--no-topics" => c.features.topic_window = 0,
            "--no-marginals" => c.features.marginals = false,
            "--c2" => c.crf.c2 = parse_one(&value()?)?,
            "--iterations" => c.crf.iterations = parse_one(&value()?)?,
            "--folds" => c.first_pass_folds = parse_one(&value()?)?,
            "--first-iterations" => c.first_pass_iterations = parse_one(&value()?)?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if a.penalties.is_empty() {
        a.penalties.push(a.config.outside_penalty);
    }
    Ok(a)
}

fn gold_tags(sentences: &[Sentence]) -> Vec<Vec<String>> {
    sentences.iter().map(|s| s.tags.clone()).collect()
}

fn tokens_of(sentences: &[Sentence]) -> Vec<Vec<String>> {
    sentences.iter().map(|s| s.tokens.clone()).collect()
}

/// One line of scores: micro F1 over PERS+LOC+ORG with its precision and
/// recall, and the F1 of each class.
fn score_line(s: &eval::Scores) -> String {
    let m = s.main_micro();
    format!(
        "F1 {:.4} (P {:.3} R {:.3})  PERS {:.3} LOC {:.3} ORG {:.3} MISC {:.3}",
        m.f1(),
        m.precision(),
        m.recall(),
        s.class("PERS").f1(),
        s.class("LOC").f1(),
        s.class("ORG").f1(),
        s.class("MISC").f1()
    )
}

/// Writes `token TAG` lines, a blank line after each sentence.
fn write_tagged(
    path: &Path,
    sentences: &[Vec<String>],
    tags: &[Vec<String>],
) -> Result<(), NerError> {
    let pairs: Vec<Vec<(String, String)>> = sentences
        .iter()
        .zip(tags)
        .map(|(s, t)| s.iter().cloned().zip(t.iter().cloned()).collect())
        .collect();
    std::fs::write(path, write_conll(&pairs)).map_err(|e| NerError::File {
        path: path.to_path_buf(),
        source: e,
    })
}

/// Word clusters from `--clusters-cache` if it exists, else induced from
/// `--unlabelled` plus, with `--cluster-add-train`, the tokens of `seen`
/// (and written to the cache path when given).
fn clusters(
    args: &Args,
    seen: &[Sentence],
    tokenizer: &Tokenizer,
) -> Result<Option<WordClusters>, NerError> {
    if let Some(cache) = args.clusters_cache.as_deref().filter(|c| c.exists()) {
        let cl = WordClusters::load_tsv(cache)?;
        println!("clusters: {} words from {}", cl.len(), cache.display());
        return Ok(Some(cl));
    }
    let Some(path) = &args.unlabelled else {
        return Ok(None);
    };
    let start = Instant::now();
    let add = if args.cluster_add_train { seen } else { &[] };
    let cl = WordClusters::induce_from_path(path, add, &args.cluster, tokenizer)?;
    println!(
        "clusters: {} words, sizes {:?}, induced in {:.1}s",
        cl.len(),
        args.cluster.sizes,
        start.elapsed().as_secs_f64()
    );
    if let Some(cache) = &args.clusters_cache {
        cl.save_tsv(cache)?;
    }
    Ok(Some(cl))
}

/// K contiguous folds of the training file: at every checkpoint (10
/// L-BFGS iterations) and `O` penalty, the micro F1 over all held-out
/// sentences (pooled counts). Folds run in parallel.
fn cross_validate(train: &[Sentence], args: &Args, resources: &Resources, corpus: &[Vec<String>]) {
    use rayon::prelude::*;
    let k = args.cv;
    let n = train.len();
    let per_fold: Vec<Vec<(usize, f32, eval::Scores)>> = (0..k)
        .into_par_iter()
        .map(|f| {
            let (a, b) = (n * f / k, n * (f + 1) / k);
            let held = &train[a..b];
            let fit: Vec<Sentence> = train[..a].iter().chain(&train[b..]).cloned().collect();
            let toks = tokens_of(held);
            let gold = gold_tags(held);
            let mut out = Vec::new();
            Model::train_with_corpus(
                &fit,
                &args.config,
                resources.clone(),
                corpus,
                &rasid_ner::Quiet,
                |iter, m| {
                    let mut m = m.clone();
                    for &p in &args.penalties {
                        m.set_outside_penalty(p);
                        out.push((iter, p, eval::score(&gold, &m.tag_many(&toks))));
                    }
                },
            );
            out
        })
        .collect();
    let mut best = (0.0, 0, 0.0);
    let rows = per_fold.iter().map(Vec::len).min().unwrap_or(0);
    for row in 0..rows {
        let mut pooled = eval::Scores::default();
        let mut at = (0, 0.0);
        for fold in &per_fold {
            if let Some((iter, p, s)) = fold.get(row) {
                at = (*iter, *p);
                for (c, k) in &s.by_class {
                    let p = pooled.by_class.entry(c.clone()).or_default();
                    p.gold += k.gold;
                    p.pred += k.pred;
                    p.correct += k.correct;
                }
            }
        }
        let f1 = pooled.main_micro().f1();
        if f1 > best.0 {
            best = (f1, at.0, at.1);
        }
        println!(
            "cv iteration {:>3} penalty {:<4} {}",
            at.0,
            at.1,
            score_line(&pooled)
        );
    }
    println!(
        "best cv F1 {:.4} at iteration {} with penalty {}",
        best.0, best.1, best.2
    );
}

/// `--prunes`: for each threshold, a copy of `model` pruned at it
/// ([`Model::prune`]), its model file size and its dev scores at each
/// `--penalties` value.
fn score_pruned(
    model: &Model,
    args: &Args,
    gold: &[Vec<String>],
    tokens: &[Vec<String>],
) -> Result<(), NerError> {
    for &t in &args.prunes {
        let mut pruned = model.clone();
        pruned.prune(t);
        let mut bytes = Vec::new();
        pruned.save(&mut bytes)?;
        for &p in &args.penalties {
            pruned.set_outside_penalty(p);
            let s = eval::score(gold, &pruned.tag_many(tokens));
            println!(
                "prune {t:<5} ({:.1} MB) penalty {p:<5} dev {}",
                bytes.len() as f64 / 1e6,
                score_line(&s)
            );
        }
    }
    Ok(())
}

fn run() -> Result<(), NerError> {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let train = read_conll_path(&args.train)?;
    let n_tokens: usize = train.iter().map(|s| s.tokens.len()).sum();
    println!("train: {} sentences, {n_tokens} tokens", train.len());
    println!("config: {:?}", args.config);
    // Clusters may learn from the training tokens, never from held-out ones.
    let seen = if args.dev {
        &train[..train.len() - train.len() / 10]
    } else {
        &train[..]
    };
    let kb = match &args.kb {
        Some(dir) => rasid_kb::Kb::from_dir(dir)?,
        None => rasid_kb::Kb::builtin()?,
    };
    let gazetteer = args.gazetteer.then(|| {
        let g = Gazetteer::from_kb(&kb);
        println!("gazetteer: {} phrases from the knowledge base", g.len());
        g
    });
    let resources = Resources {
        gazetteer,
        clusters: clusters(&args, seen, &kb.tokenizer)?,
        lexicon: None,
        cues: (args.config.features.topic_window > 0).then(|| Cues::from_kb(&kb)),
        tokenizer: kb.tokenizer.clone(),
    };
    let lexicon_sentences = args.config.lexicon_sentences;
    let corpus = match &args.unlabelled {
        Some(path) if lexicon_sentences > 0 => {
            let c = corpus_sentences(
                &rasid_ner::read_corpus(path)?,
                lexicon_sentences,
                &kb.tokenizer,
            );
            println!("lexicon corpus: {} sentences", c.len());
            c
        }
        _ => Vec::new(),
    };

    if args.cv > 1 {
        cross_validate(&train, &args, &resources, &corpus);
        return Ok(());
    }
    if args.dev {
        let cut = train.len() - train.len() / 10;
        let (fit, dev) = train.split_at(cut);
        let dev_tokens = tokens_of(dev);
        let gold = gold_tags(dev);
        println!("dev: last {} sentences", dev.len());
        let start = Instant::now();
        let mut best = (0.0, 0);
        let on_checkpoint = |iter: usize, model: &Model| {
            let s = eval::score(&gold, &model.tag_many(&dev_tokens));
            let f = s.main_micro().f1();
            if f > best.0 {
                best = (f, iter);
            }
            println!(
                "iteration {iter:>3}  dev {}  ({:.1}s)",
                score_line(&s),
                start.elapsed().as_secs_f64()
            );
        };
        let mut model = match &args.load_dev_model {
            Some(path) => Model::load_from_path(path, &kb.tokenizer)?,
            None => {
                let m = Model::train_with_corpus(
                    fit,
                    &args.config,
                    resources,
                    &corpus,
                    &rasid_ner::Quiet,
                    on_checkpoint,
                );
                println!("best dev F1 {:.4} at iteration {}", best.0, best.1);
                m
            }
        };
        if let Some(path) = &args.save_dev_model {
            model.save_to_path(path)?;
        }
        for &p in &args.penalties {
            model.set_outside_penalty(p);
            let s = eval::score(&gold, &model.tag_many(&dev_tokens));
            println!("penalty {p:<5} dev {}", score_line(&s));
        }
        score_pruned(&model, &args, &gold, &dev_tokens)?;
        model.set_outside_penalty(args.config.outside_penalty);
        let pred = model.tag_many(&dev_tokens);
        print!(
            "final model on dev:\n{}",
            eval::score(&gold, &pred).report()
        );
        write_tagged(&args.out_dir.join("ner_dev_gold.conll"), &dev_tokens, &gold)?;
        write_tagged(&args.out_dir.join("ner_dev_pred.conll"), &dev_tokens, &pred)?;
        println!(
            "wrote ner_dev_gold.conll and ner_dev_pred.conll in {}",
            args.out_dir.display()
        );
        return Ok(());
    }

    let start = Instant::now();
    let model = Model::train_with_corpus(
        &train,
        &args.config,
        resources,
        &corpus,
        &rasid_ner::Quiet,
        |_, _| {},
    );
    println!("trained in {:.1}s", start.elapsed().as_secs_f64());
    model.save_to_path(&args.model)?;
    let size = std::fs::metadata(&args.model)
        .map_err(|e| NerError::File {
            path: args.model.clone(),
            source: e,
        })?
        .len();
    println!(
        "model: {} with {} feature rows, {:.2} MB",
        args.model.display(),
        model.n_features(),
        size as f64 / 1e6
    );
    let model = Model::load_from_path(&args.model, &kb.tokenizer)?;

    let test = read_conll_path(&args.test)?;
    let sentences = tokens_of(&test);
    let n_test: usize = sentences.iter().map(Vec::len).sum();
    let start = Instant::now();
    // Running text, as `rasid ner` reads it (a two-pass model needs the sentences around).
    let tags = model.tag_many(&sentences);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "tagged {n_test} tokens in {secs:.2}s as running text: {:.0} tokens/s",
        n_test as f64 / secs
    );
    write_tagged(&args.out, &sentences, &tags)?;
    println!("wrote {}", args.out.display());
    print!("{}", eval::score(&gold_tags(&test), &tags).report());
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
