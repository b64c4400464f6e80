//! `kb/confidence.toml`: how sure each event and relation is. A logistic model over a few
//! signals the output itself shows (is a doer named, how many sentences report it, where
//! a relation comes from…), fitted on the tuning gold by `scripts/calibrate.py` so that a
//! stated 0.8 is right about eight times in ten.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;

/// The signals of an event, each 0 or 1 (see `rasid_extract::confidence`).
pub const EVENT_SIGNALS: &[&str] = &[
    "doer_named",
    "target_named",
    "doer_and_target",
    "several_doers",
    "several_sentences",
    "place_named",
    "casualties",
    "hedged",
    "claimed",
    "background",
    "type_MEET",
    "type_AGREE",
    "type_RELEASE",
    "type_ATTACK",
    "type_ARREST",
    "type_SEIZE",
    "type_DEFECT",
    "type_PLEDGE",
    "type_SUPPORT",
    "type_TAKEOVER",
];

/// The signals of a relation, each 0 or 1. Only those that tell right edges from wrong ones
/// on articles nobody tuned on: the rule family (an event, a cue, a person's role) and the
/// type did not (each right about as often as all edges on `dev/`, and weighing them made
/// the out-of-fold confidence worse than none).
pub const RELATION_SIGNALS: &[&str] = &["from_kb_parent", "several_sentences"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    event: RawModel,
    relation: RawModel,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawModel {
    bias: f64,
    #[serde(default)]
    weights: BTreeMap<String, f64>,
}

/// One logistic model: `1 / (1 + e^-(bias + Σ weight·signal))`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfidenceModel {
    pub bias: f64,
    pub weights: BTreeMap<String, f64>,
}

impl ConfidenceModel {
    /// The confidence of a fact whose signals that are on are `on`.
    pub fn score<'a>(&self, on: impl IntoIterator<Item = &'a str>) -> f32 {
        let z = self.bias
            + on.into_iter()
                .filter_map(|s| self.weights.get(s))
                .sum::<f64>();
        (1.0 / (1.0 + (-z).exp())) as f32
    }
}

/// The two models.
#[derive(Debug, Clone, PartialEq)]
pub struct Confidence {
    pub event: ConfidenceModel,
    pub relation: ConfidenceModel,
}

impl Confidence {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        Ok(Self {
            event: model(name, "event", raw.event, &Known::List(EVENT_SIGNALS))?,
            relation: model(
                name,
                "relation",
                raw.relation,
                &Known::List(RELATION_SIGNALS),
            )?,
        })
    }
}

/// The signal names a model may weigh.
pub(crate) enum Known<'a> {
    /// These names.
    List(&'a [&'a str]),
    /// Any `template=value` whose template is one of these.
    Templates(&'a [&'a str]),
}

impl Known<'_> {
    fn admits(&self, name: &str) -> bool {
        match self {
            Known::List(names) => names.contains(&name),
            Known::Templates(templates) => name
                .split_once('=')
                .is_some_and(|(t, v)| !v.is_empty() && templates.contains(&t)),
        }
    }

    fn describe(&self) -> String {
        match self {
            Known::List(names) => names.join(", "),
            Known::Templates(templates) => format!(
                "TEMPLATE=value with TEMPLATE one of {}",
                templates.join(", ")
            ),
        }
    }
}

/// A model whose weights name only known signals and are finite.
pub(crate) fn model(
    file: &str,
    section: &str,
    raw: RawModel,
    known: &Known<'_>,
) -> Result<ConfidenceModel, KbError> {
    if !raw.bias.is_finite() {
        return Err(KbError::invalid(
            file,
            format!("[{section}] bias is not a number"),
        ));
    }
    for (k, w) in &raw.weights {
        if !known.admits(k) {
            return Err(KbError::invalid(
                file,
                format!(
                    "[{section}.weights] {k:?} is not a signal; known: {}",
                    known.describe()
                ),
            ));
        }
        if !w.is_finite() {
            return Err(KbError::invalid(
                file,
                format!("[{section}.weights] {k} is not a number"),
            ));
        }
    }
    Ok(ConfidenceModel {
        bias: raw.bias,
        weights: raw.weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Confidence, KbError> {
        Confidence::parse(&KbFile {
            name: "confidence.toml".into(),
            text: text.into(),
            builtin: false,
        })
    }

    #[test]
    fn the_repository_file_loads_and_orders_evidence() {
        let c = parse(include_str!("../../../kb/confidence.toml")).expect("kb/confidence.toml");
        let bare = c.event.score(["type_ATTACK"]);
        let told = c
            .event
            .score(["type_ATTACK", "doer_named", "several_sentences"]);
        assert!((0.0..=1.0).contains(&bare) && (0.0..=1.0).contains(&told));
    }

    #[test]
    fn a_logistic_score() {
        let c = parse(
            "version = 1\n[event]\nbias = 0.0\n[event.weights]\ndoer_named = 2.0\n[relation]\nbias = -1.0\n",
        )
        .expect("valid");
        assert!((c.event.score([]) - 0.5).abs() < 1e-6);
        assert!((c.event.score(["doer_named"]) - 0.880_797).abs() < 1e-5);
        assert!((c.relation.score(["several_sentences"]) - 0.268_941).abs() < 1e-5);
    }

    #[test]
    fn an_unknown_signal_is_refused_with_its_name() {
        let err = parse(
            "version = 1\n[event]\nbias = 0.0\n[event.weights]\ndoer_nmed = 1.0\n[relation]\nbias = 0.0\n",
        )
        .expect_err("typo");
        assert!(err.to_string().contains("doer_nmed"), "{err}");
    }
}
