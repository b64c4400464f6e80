//! `rasid ner-train` and `rasid ner`: wiring for the `rasid-ner` tagger.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use rasid_ner::{
    corpus_sentences, read_conll, read_conll_path, read_corpus, write_conll, ClusterConfig, Cues,
    Gazetteer, Model, Resources, TrainConfig, WordClusters,
};

/// Trains the default model ([`TrainConfig::default`]) on a CoNLL file with the knowledge
/// base's gazetteer and topic words and, given an unlabelled corpus, word clusters and the
/// corpus lexicon; writes it to `out`.
pub fn train(
    kb: &rasid_kb::Kb,
    train_path: &Path,
    unlabelled: Option<&Path>,
    out: &Path,
) -> anyhow::Result<()> {
    let sentences =
        read_conll_path(train_path).with_context(|| format!("reading {}", train_path.display()))?;
    let config = TrainConfig::default();
    // The unlabelled corpus gives word clusters (all of it plus the training tokens) and the
    // sample of sentences behind the corpus lexicon of the second pass.
    let (clusters, corpus) = match unlabelled {
        Some(path) => {
            let docs = read_corpus(path).with_context(|| format!("reading {}", path.display()))?;
            let corpus = corpus_sentences(&docs, config.lexicon_sentences, &kb.tokenizer);
            let mut texts = docs;
            texts.extend(sentences.iter().map(|s| s.tokens.join(" ")));
            let clusters = WordClusters::induce(&texts, &ClusterConfig::default(), &kb.tokenizer);
            (Some(clusters), corpus)
        }
        None => (None, Vec::new()),
    };
    let resources = Resources {
        gazetteer: Some(Gazetteer::from_kb(kb)),
        clusters,
        lexicon: None,
        cues: Some(Cues::from_kb(kb)),
        tokenizer: kb.tokenizer.clone(),
    };
    let model = Model::train_with_corpus(&sentences, &config, resources, &corpus, |_, _| {});
    model
        .save_to_path(out)
        .with_context(|| format!("writing {}", out.display()))?;
    eprintln!("rasid: model written to {}", out.display());
    Ok(())
}

/// Tag CoNLL tokens (first column, blank line between sentences) from `input` or stdin.
pub fn tag(kb: &rasid_kb::Kb, model_path: &Path, input: Option<&PathBuf>) -> anyhow::Result<()> {
    // The library's errors name the file.
    let model = Model::load_from_path(model_path, &kb.tokenizer)
        .context("loading the NER model (train one with `rasid ner-train`)")?;
    let mut text = String::new();
    match input {
        Some(p) => {
            text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading stdin")?;
        }
    }
    let sentences = read_conll(&text).context("parsing CoNLL input")?;
    let tokens: Vec<Vec<String>> = sentences.into_iter().map(|s| s.tokens).collect();
    let tags = model.tag_many(&tokens);
    let out: Vec<Vec<(String, String)>> = tokens
        .into_iter()
        .zip(tags)
        .map(|(t, g)| t.into_iter().zip(g).collect())
        .collect();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    w.write_all(write_conll(&out).as_bytes())
        .context("writing output")?;
    w.flush().context("writing output")?;
    Ok(())
}
