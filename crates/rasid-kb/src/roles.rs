//! `kb/roles.toml`: the learned role layer. Two logistic models over the features of each
//! actor of a trigger's sentence — is it the event's doer, is it a party at all — and the
//! thresholds at which they overrule the rules' roles. Fitted on the tuning gold by
//! `scripts/train_roles.py`; the layer acts only with `enabled = true`.

use serde::Deserialize;

use crate::confidence::{model, ConfidenceModel, Known, RawModel};
use crate::error::{check_version, KbError};
use crate::files::KbFile;

/// The feature templates an actor's features are made of (`template=value`), computed by
/// `rasid_extract`'s role layer.
pub const ROLE_FEATURE_TEMPLATES: &[&str] = &[
    "rule",
    "side",
    "dist",
    "clause",
    "kind",
    "type",
    "rule_type",
    "rule_side",
    "kind_side",
    "type_side",
    "kind_rule",
    "prev",
    "glued",
    "order",
    "actors",
    "flag",
    "trigger",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    enabled: bool,
    decide: Decide,
    doer: RawModel,
    party: RawModel,
}

/// When the models overrule the rules.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decide {
    /// A party of the rules whose party probability is below this is dropped.
    pub drop_below: f64,
    /// An actor whose doer probability is above this…
    pub doer_above: f64,
    /// …and above the rules' doer's by this margin becomes the doer.
    pub margin: f64,
}

/// The learned role layer.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleModels {
    /// Does the layer act? Off, the rules' roles stand (the features are still read).
    pub enabled: bool,
    pub decide: Decide,
    pub doer: ConfidenceModel,
    pub party: ConfidenceModel,
}

impl RoleModels {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let d = raw.decide;
        for (key, v) in [
            ("drop_below", d.drop_below),
            ("doer_above", d.doer_above),
            ("margin", d.margin),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(KbError::invalid(
                    name,
                    format!("[decide] {key} = {v} is not between 0 and 1"),
                ));
            }
        }
        let known = Known::Templates(ROLE_FEATURE_TEMPLATES);
        Ok(Self {
            enabled: raw.enabled,
            decide: d,
            doer: model(name, "doer", raw.doer, &known)?,
            party: model(name, "party", raw.party, &known)?,
        })
    }

    /// Is the layer on (may it change any role)?
    pub fn active(&self) -> bool {
        self.enabled && (self.decide.drop_below > 0.0 || self.decide.doer_above < 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RoleModels, KbError> {
        RoleModels::parse(&KbFile {
            name: "roles.toml".into(),
            text: text.into(),
            builtin: false,
        })
    }

    const HEAD: &str =
        "version = 1\nenabled = true\n[decide]\ndrop_below = 0.2\ndoer_above = 0.7\nmargin = 0.3\n";

    #[test]
    fn the_repository_file_loads() {
        parse(include_str!("../../../kb/roles.toml")).expect("kb/roles.toml");
    }

    #[test]
    fn features_are_template_value_pairs() {
        let ok = parse(&format!(
            "{HEAD}[doer]\nbias = -1.0\n[doer.weights]\n\"rule=doer1\" = 2.0\n[party]\nbias = 0.0\n"
        ))
        .expect("valid");
        assert!((ok.doer.score(["rule=doer1"]) - 0.731_058).abs() < 1e-5);
        let err = parse(&format!(
            "{HEAD}[doer]\nbias = 0.0\n[doer.weights]\n\"colour=red\" = 1.0\n[party]\nbias = 0.0\n"
        ))
        .expect_err("unknown template");
        assert!(err.to_string().contains("colour=red"), "{err}");
    }

    #[test]
    fn thresholds_are_probabilities() {
        let err = parse(
            "version = 1\nenabled = true\n[decide]\ndrop_below = 1.5\ndoer_above = 0.7\nmargin = 0.3\n[doer]\nbias = 0.0\n[party]\nbias = 0.0\n",
        )
        .expect_err("out of range");
        assert!(err.to_string().contains("drop_below"), "{err}");
    }
}
