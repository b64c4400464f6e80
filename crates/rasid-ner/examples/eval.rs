//! Trains on ANERcorp and scores, the harness behind the numbers in the
//! crate docs.
//!
//! ```text
//! # choose epochs/features: train on the first 90% of train, score the last 10% per epoch
//! cargo run --release -p rasid-ner --example eval -- --dev [--epochs N]
//! # final: train on all of train, tag test, write /tmp/ner_pred.conll and /tmp/ner_model.bin.gz
//! cargo run --release -p rasid-ner --example eval
//! python3 /work/shared/eval/ner_score.py /work/shared/eval/ner/anercorp_test.conll /tmp/ner_pred.conll
//! ```
//!
//! Options: `--train PATH`, `--test PATH`, `--out PATH`, `--model PATH`,
//! `--epochs N`, `--seed N`, `--window N`, `--affix N`, `--min-count N`,
//! `--prune X`, `--no-bigrams`, `--no-neighbour-affixes`; `--no-marginals`,
//! `--no-topics` (the defaults' first-pass marginals and topic counts),
//! `--topic-window N`, `--cues` (cue-word sentence features),
//! `--cue-lexicon` (with `--cues`: the corpus cue lexicon), `--bonus
//! CLASS=X` (tagging bonus), `--grid 'ORG=0,0.5;PERS=0,0.5'` (score bonus
//! combinations × `--penalties` on dev), `--save-dev-model PATH` /
//! `--load-dev-model PATH` (skip dev training), `--kb DIR` (kb files in
//! `DIR` replace the built-in ones: gazetteer, cue words, the tokenizer's protected words).

use rasid_ner::{
    corpus_sentences, eval, read_conll_path, write_conll, ClusterConfig, CrfConfig, CueLexicon,
    Cues, Gazetteer, Learner, Model, NerError, Resources, Sentence, TrainConfig, WordClusters,
};
use rasid_text::Tokenizer;
use std::path::PathBuf;
use std::time::Instant;

struct Args {
    dev: bool,
    cv: usize,
    penalties: Vec<f32>,
    penalty: f32,
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
    lexicon_sentences: usize,
    cues: bool,
    cue_lexicon: bool,
    save_dev_model: Option<PathBuf>,
    load_dev_model: Option<PathBuf>,
    grid: Vec<(String, Vec<f32>)>,
    kb: Option<PathBuf>,
    inside_penalties: Vec<f32>,
}

/// `CLASS=X` → (class, bonus).
fn parse_bonus(v: &str) -> Result<(String, f32), String> {
    let (c, x) = v
        .split_once('=')
        .ok_or_else(|| format!("{v}: expected CLASS=BONUS"))?;
    Ok((c.to_string(), x.parse().map_err(|e| format!("{v}: {e}"))?))
}

/// `PERS=0,0.5;ORG=0,1` → per class, the bonuses to try.
fn parse_grid(v: &str) -> Result<Vec<(String, Vec<f32>)>, String> {
    v.split(';')
        .map(|part| {
            let (c, xs) = part
                .split_once('=')
                .ok_or_else(|| format!("{part}: expected CLASS=X,Y"))?;
            let xs = xs
                .split(',')
                .map(|x| x.parse::<f32>().map_err(|e| format!("{x}: {e}")))
                .collect::<Result<_, _>>()?;
            Ok((c.to_string(), xs))
        })
        .collect()
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        dev: false,
        cv: 0,
        penalties: vec![TrainConfig::default().outside_penalty],
        penalty: TrainConfig::default().outside_penalty,
        train: "/work/shared/eval/ner/anercorp_train.conll".into(),
        test: "/work/shared/eval/ner/anercorp_test.conll".into(),
        out: "/tmp/ner_pred.conll".into(),
        model: "/tmp/ner_model.bin.gz".into(),
        config: TrainConfig::default(),
        unlabelled: None,
        clusters_cache: None,
        cluster: ClusterConfig::default(),
        cluster_add_train: false,
        gazetteer: false,
        out_dir: "/tmp".into(),
        lexicon_sentences: 0,
        cues: false,
        cue_lexicon: false,
        save_dev_model: None,
        load_dev_model: None,
        grid: Vec::new(),
        kb: None,
        inside_penalties: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let num = |v: String| v.parse::<usize>().map_err(|e| format!("{v}: {e}"));
        match flag.as_str() {
            "--dev" => a.dev = true,
            "--cv" => a.cv = num(value()?)?,
            "--penalties" => {
                a.penalties = value()?
                    .split(',')
                    .map(|v| v.parse::<f32>().map_err(|e| format!("{v}: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            "--penalty" => {
                let v = value()?;
                a.penalty = v.parse().map_err(|e| format!("{v}: {e}"))?;
                a.config.outside_penalty = a.penalty;
            }
            "--bonus" => {
                let (c, x) = parse_bonus(&value()?)?;
                a.config.class_bonus.retain(|(k, _)| *k != c);
                a.config.class_bonus.push((c, x));
            }
            "--cues" => {
                a.cues = true;
                a.config.features.cue_features = true;
            }
            "--topic-cues" => a.cues = true,
            "--no-topics" => a.config.features.topic_window = 0,
            "--no-marginals" => a.config.features.marginals = false,
            "--marginals" => a.config.features.marginals = true,
            "--cue-lexicon" => a.cue_lexicon = true,
            "--topic-window" => a.config.features.topic_window = num(value()?)?,
            "--grid" => a.grid = parse_grid(&value()?)?,
            "--kb" => a.kb = Some(value()?.into()),
            "--inside-penalty" => {
                let v = value()?;
                a.config.inside_penalty = v.parse().map_err(|e| format!("{v}: {e}"))?;
            }
            "--inside-penalties" => {
                a.inside_penalties = value()?
                    .split(',')
                    .map(|v| v.parse::<f32>().map_err(|e| format!("{v}: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            "--save-dev-model" => a.save_dev_model = Some(value()?.into()),
            "--load-dev-model" => a.load_dev_model = Some(value()?.into()),
            "--train" => a.train = value()?.into(),
            "--test" => a.test = value()?.into(),
            "--out" => a.out = value()?.into(),
            "--model" => a.model = value()?.into(),
            "--epochs" => a.config.epochs = num(value()?)?,
            "--seed" => a.config.seed = num(value()?)? as u64,
            "--window" => a.config.features.window = num(value()?)?,
            "--affix" => a.config.features.affix_len = num(value()?)?,
            "--min-count" => a.config.min_feature_count = num(value()?)?,
            "--prune" => {
                let v = value()?;
                a.config.prune_below = v.parse().map_err(|e| format!("{v}: {e}"))?;
            }
            "--unlabelled" => a.unlabelled = Some(value()?.into()),
            "--clusters-cache" => a.clusters_cache = Some(value()?.into()),
            "--cluster-add-train" => a.cluster_add_train = true,
            "--gazetteer" => a.gazetteer = true,
            "--lexicon-sentences" => {
                a.lexicon_sentences = num(value()?)?;
                a.config.lexicon_sentences = a.lexicon_sentences;
            }
            "--self-train" => a.config.self_train_sentences = num(value()?)?,
            "--self-threshold" => {
                let v = value()?;
                a.config.self_train_threshold = v.parse().map_err(|e| format!("{v}: {e}"))?;
            }
            "--self-max" => a.config.self_train_max = num(value()?)?,
            "--out-dir" => a.out_dir = value()?.into(),
            "--both-directions" => a.cluster.both_directions = true,
            "--cluster-passes" => a.cluster.passes = num(value()?)?,
            "--cluster-min-count" => a.cluster.min_count = num(value()?)?,
            "--cluster-sizes" => {
                a.cluster.sizes = value()?
                    .split(',')
                    .map(|v| v.parse::<usize>().map_err(|e| format!("{v}: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            "--crf" => a.config.learner = Learner::Crf(CrfConfig::default()),
            "--perceptron" => a.config.learner = Learner::Perceptron,
            "--c2" => {
                let v = value()?;
                let c2 = v.parse().map_err(|e| format!("{v}: {e}"))?;
                if let Learner::Crf(c) = &mut a.config.learner {
                    c.c2 = c2;
                }
            }
            "--iterations" => {
                let n = num(value()?)?;
                if let Learner::Crf(c) = &mut a.config.learner {
                    c.iterations = n;
                }
                a.config.epochs = n / 10;
            }
            "--doc-window" => a.config.features.doc_window = num(value()?)?,
            "--folds" => a.config.first_pass_folds = num(value()?)?,
            "--first-iterations" => a.config.first_pass_iterations = num(value()?)?,
            "--average-last" => {
                let n = num(value()?)?;
                if let Learner::Crf(c) = &mut a.config.learner {
                    c.average_last = n;
                }
            }
            "--no-bigrams" => a.config.features.bigrams = false,
            "--no-neighbour-affixes" => a.config.features.neighbour_affixes = false,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(a)
}

fn gold_tags(sentences: &[Sentence]) -> Vec<Vec<String>> {
    sentences.iter().map(|s| s.tags.clone()).collect()
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
        "clusters: {} words, sizes {:?}, both directions {}, induced in {:.1}s",
        cl.len(),
        args.cluster.sizes,
        args.cluster.both_directions,
        start.elapsed().as_secs_f64()
    );
    if let Some(cache) = &args.clusters_cache {
        cl.save_tsv(cache)?;
    }
    Ok(Some(cl))
}

/// K contiguous folds of the training file: per epoch, the micro F1 over
/// all held-out sentences (pooled counts). Folds run in parallel.
fn cross_validate(train: &[Sentence], args: &Args, resources: &Resources) {
    use rayon::prelude::*;
    let k = args.cv;
    let n = train.len();
    let per_fold: Vec<Vec<eval::Scores>> = (0..k)
        .into_par_iter()
        .map(|f| {
            let (a, b) = (n * f / k, n * (f + 1) / k);
            let held = &train[a..b];
            let fit: Vec<Sentence> = train[..a].iter().chain(&train[b..]).cloned().collect();
            let toks: Vec<Vec<String>> = held.iter().map(|s| s.tokens.clone()).collect();
            let gold = gold_tags(held);
            let mut out = Vec::new();
            Model::train_with_progress(&fit, &args.config, resources.clone(), |_, m| {
                let mut m = m.clone();
                for &p in &args.penalties {
                    m.set_outside_penalty(p);
                    let pred: Vec<Vec<String>> = toks.iter().map(|t| m.tag(t)).collect();
                    out.push(eval::score(&gold, &pred));
                }
            });
            out
        })
        .collect();
    let mut best = (0.0, 0, 0.0);
    for (e, &penalty) in (0..args.config.epochs)
        .flat_map(|e| args.penalties.iter().map(move |p| (e, p)))
        .enumerate()
        .map(|(i, (_, p))| (i, p))
    {
        let mut pooled = eval::Scores::default();
        for fold in &per_fold {
            if let Some(s) = fold.get(e) {
                for (c, k) in &s.by_class {
                    let p = pooled.by_class.entry(c.clone()).or_default();
                    p.gold += k.gold;
                    p.pred += k.pred;
                    p.correct += k.correct;
                }
            }
        }
        let m = pooled.main_micro();
        let epoch = e / args.penalties.len() + 1;
        if m.f1() > best.0 {
            best = (m.f1(), epoch, penalty);
        }
        println!(
            "cv epoch {:>2} penalty {penalty:<4} F1 {:.4} (P {:.3} R {:.3})  PERS {:.3} LOC {:.3} ORG {:.3} MISC {:.3}",
            epoch,
            m.f1(),
            m.precision(),
            m.recall(),
            pooled.class("PERS").f1(),
            pooled.class("LOC").f1(),
            pooled.class("ORG").f1(),
            pooled.class("MISC").f1()
        );
    }
    println!(
        "best cv F1 {:.4} at epoch {} with penalty {}",
        best.0, best.1, best.2
    );
}

/// Dev F1 for every combination of `--penalties` and the `--grid` class
/// bonuses (tagging only).
fn grid_search(model: &mut Model, args: &Args, gold: &[Vec<String>], dev: &[Vec<String>]) {
    let mut combos: Vec<Vec<(String, f32)>> = vec![Vec::new()];
    for (class, xs) in &args.grid {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                xs.iter().map(move |&x| {
                    let mut c = c.clone();
                    c.push((class.clone(), x));
                    c
                })
            })
            .collect();
    }
    let mut best = (0.0, String::new());
    for &p in &args.penalties {
        for combo in &combos {
            model.set_outside_penalty(p);
            model.set_class_bonuses(combo);
            let s = eval::score(gold, &model.tag_many(dev));
            let m = s.main_micro();
            let name = format!("penalty {p} {combo:?}");
            println!(
                "{name}: F1 {:.4} (P {:.3} R {:.3})  PERS {:.3} LOC {:.3} ORG {:.3}",
                m.f1(),
                m.precision(),
                m.recall(),
                s.class("PERS").f1(),
                s.class("LOC").f1(),
                s.class("ORG").f1()
            );
            if m.f1() > best.0 {
                best = (m.f1(), name);
            }
        }
    }
    println!("best grid: {} F1 {:.4}", best.1, best.0);
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
    let gazetteer = if args.gazetteer {
        let g = Gazetteer::from_kb(&kb);
        println!("gazetteer: {} phrases from the knowledge base", g.len());
        Some(g)
    } else {
        None
    };
    let docs = match &args.unlabelled {
        Some(path) if args.lexicon_sentences > 0 || args.cue_lexicon => {
            rasid_ner::read_corpus(path)?
        }
        _ => Vec::new(),
    };
    let cues = if args.cues || args.config.features.topic_window > 0 {
        Some(Cues::from_kb(&kb))
    } else {
        None
    };
    let cue_lexicon = match &cues {
        Some(c) if args.cue_lexicon => {
            let start = Instant::now();
            let lex = CueLexicon::from_docs(&docs, c, &kb.tokenizer);
            println!(
                "cue lexicon: {} stems in {:.1}s",
                lex.len(),
                start.elapsed().as_secs_f64()
            );
            Some(lex)
        }
        _ => None,
    };
    let resources = Resources {
        gazetteer,
        clusters: clusters(&args, seen, &kb.tokenizer)?,
        lexicon: None,
        cues,
        cue_lexicon,
        tokenizer: kb.tokenizer.clone(),
    };
    let corpus = if args.lexicon_sentences > 0 {
        let c = corpus_sentences(
            &docs,
            args.lexicon_sentences + args.config.self_train_sentences,
            &kb.tokenizer,
        );
        println!("lexicon corpus: {} sentences", c.len());
        c
    } else {
        Vec::new()
    };
    drop(docs);

    if args.cv > 1 {
        cross_validate(&train, &args, &resources);
        return Ok(());
    }
    if args.dev {
        let cut = train.len() - train.len() / 10;
        let (fit, dev) = train.split_at(cut);
        let dev_tokens: Vec<Vec<String>> = dev.iter().map(|s| s.tokens.clone()).collect();
        let gold = gold_tags(dev);
        println!("dev: last {} sentences", dev.len());
        let start = Instant::now();
        let mut best = (0.0, 0);
        let on_epoch = |epoch: usize, model: &Model| {
            let mut model = model.clone();
            model.set_outside_penalty(args.penalty);
            model.set_inside_penalty(args.config.inside_penalty);
            let s = eval::score(&gold, &model.tag_many(&dev_tokens));
            let f = s.main_micro().f1();
            if f > best.0 {
                best = (f, epoch);
            }
            println!(
                "epoch {epoch:>2}  dev F1 {f:.4}  PERS {:.3} LOC {:.3} ORG {:.3} MISC {:.3}  ({:.1}s)",
                s.class("PERS").f1(),
                s.class("LOC").f1(),
                s.class("ORG").f1(),
                s.class("MISC").f1(),
                start.elapsed().as_secs_f64()
            );
        };
        let mut model = match &args.load_dev_model {
            Some(path) => Model::load_from_path(path, &kb.tokenizer)?,
            None => {
                let m = Model::train_with_corpus(fit, &args.config, resources, &corpus, on_epoch);
                println!("best dev F1 {:.4} at epoch {}", best.0, best.1);
                m
            }
        };
        if let Some(path) = &args.save_dev_model {
            model.save_to_path(path)?;
        }
        if !args.grid.is_empty() {
            grid_search(&mut model, &args, &gold, &dev_tokens);
        }
        for &p in &args.penalties {
            model.set_outside_penalty(p);
            let m = eval::score(&gold, &model.tag_many(&dev_tokens)).main_micro();
            println!(
                "penalty {p:<5} dev F1 {:.4} (P {:.3} R {:.3})",
                m.f1(),
                m.precision(),
                m.recall()
            );
        }
        for &p in &args.penalties {
            for &q in &args.inside_penalties {
                model.set_outside_penalty(p);
                model.set_inside_penalty(q);
                let s = eval::score(&gold, &model.tag_many(&dev_tokens));
                let m = s.main_micro();
                println!(
                    "penalty {p:<5} inside {q:<5} dev F1 {:.4} (P {:.3} R {:.3})  PERS {:.3} LOC {:.3} ORG {:.3}",
                    m.f1(),
                    m.precision(),
                    m.recall(),
                    s.class("PERS").f1(),
                    s.class("LOC").f1(),
                    s.class("ORG").f1()
                );
            }
        }
        model.set_inside_penalty(args.config.inside_penalty);
        model.set_outside_penalty(args.penalty);
        model.set_class_bonuses(&args.config.class_bonus);
        let pred = model.tag_many(&dev_tokens);
        print!(
            "final model on dev:\n{}",
            eval::score(&gold, &pred).report()
        );
        let gold_pairs: Vec<Vec<(String, String)>> = dev
            .iter()
            .map(|s| {
                s.tokens
                    .iter()
                    .cloned()
                    .zip(s.tags.iter().cloned())
                    .collect()
            })
            .collect();
        let pred_pairs: Vec<Vec<(String, String)>> = dev_tokens
            .iter()
            .zip(&pred)
            .map(|(s, t)| s.iter().cloned().zip(t.iter().cloned()).collect())
            .collect();
        for (name, pairs) in [
            ("ner_dev_gold.conll", gold_pairs),
            ("ner_dev_pred.conll", pred_pairs),
        ] {
            let path = args.out_dir.join(name);
            std::fs::write(&path, write_conll(&pairs)).map_err(|e| NerError::File {
                path: path.clone(),
                source: e,
            })?;
        }
        println!(
            "wrote ner_dev_gold.conll and ner_dev_pred.conll in {}",
            args.out_dir.display()
        );
        return Ok(());
    }

    let start = Instant::now();
    let mut model = Model::train_with_corpus(&train, &args.config, resources, &corpus, |_, _| {});
    model.set_outside_penalty(args.penalty);
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
    let sentences: Vec<Vec<String>> = test.iter().map(|s| s.tokens.clone()).collect();
    let n_test: usize = sentences.iter().map(Vec::len).sum();
    let start = Instant::now();
    // Running text, as `rasid ner` reads it (a two-pass model needs the sentences around).
    let tags: Vec<Vec<String>> = model.tag_many(&sentences);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "tagged {n_test} tokens in {secs:.2}s as running text: {:.0} tokens/s",
        n_test as f64 / secs
    );
    let pairs: Vec<Vec<(String, String)>> = sentences
        .iter()
        .zip(&tags)
        .map(|(s, t)| s.iter().cloned().zip(t.iter().cloned()).collect())
        .collect();
    std::fs::write(&args.out, write_conll(&pairs)).map_err(|e| NerError::File {
        path: args.out.clone(),
        source: e,
    })?;
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
