//! Model files of format version 4 (`tests/data/v4*.model.gz`, written by the
//! version-4 writer from six hand-tagged sentences): they load when they use
//! no removed tagging option, tag as they did when written (`*.tagged.conll`),
//! and are refused, naming the file and the option, when they do.

use rasid_ner::{read_conll_path, Model, NerError};
use rasid_text::Tokenizer;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The built-in knowledge base's tokenizer, the one the fixtures were written with.
fn tokenizer() -> &'static Tokenizer {
    static KB: OnceLock<rasid_kb::Kb> = OnceLock::new();
    &KB.get_or_init(|| rasid_kb::Kb::builtin().expect("built-in kb"))
        .tokenizer
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Tags the tokens of `tagged` as running text and compares with its tags.
fn tags_as_written(model: &Model, tagged: &str) {
    let sentences = read_conll_path(&data(tagged)).expect("tagged fixture");
    let tokens: Vec<Vec<String>> = sentences.iter().map(|s| s.tokens.clone()).collect();
    let want: Vec<Vec<String>> = sentences.into_iter().map(|s| s.tags).collect();
    assert_eq!(model.tag_many(&tokens), want, "{tagged}");
}

#[test]
fn a_two_pass_model_of_format_4_loads_and_tags_as_written() {
    let model = Model::load_from_path(&data("v4.model.gz"), tokenizer()).expect("loads");
    tags_as_written(&model, "v4.tagged.conll");
    // Saved again (format 5) it tags the same.
    let mut bytes = Vec::new();
    model.save(&mut bytes).expect("save");
    let again = Model::load(bytes.as_slice(), tokenizer()).expect("load");
    tags_as_written(&again, "v4.tagged.conll");
}

#[test]
fn an_unused_cue_lexicon_is_skipped() {
    let model =
        Model::load_from_path(&data("v4_cue_lexicon.model.gz"), tokenizer()).expect("loads");
    tags_as_written(&model, "v4_cue_lexicon.tagged.conll");
}

#[test]
fn models_that_need_a_removed_option_are_refused() {
    for (file, option) in [
        ("v4_inside_penalty.model.gz", "I- penalty of 0.5"),
        ("v4_class_bonus.model.gz", "class bonuses (ORG)"),
        ("v4_cue_features.model.gz", "cue-word sentence features"),
    ] {
        let err = Model::load_from_path(&data(file), tokenizer()).expect_err(file);
        assert!(matches!(err, NerError::BadModel(_)), "{file}: {err:?}");
        let message = err.to_string();
        assert!(message.contains(file), "{message}");
        assert!(message.contains(option), "{message}");
        assert!(message.contains("re-train"), "{message}");
    }
}
