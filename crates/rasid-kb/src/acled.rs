//! `kb/acled.toml`: how an event becomes a row of an ACLED-style CSV — ACLED's disorder,
//! event and sub-event types for each event type and subtype, and ACLED's inter code for
//! each actor kind.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::events::EVENT_TYPES;
use crate::files::KbFile;
use rasid_model::ActorKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    unidentified_actor: String,
    disorder: BTreeMap<String, String>,
    inter: BTreeMap<String, u8>,
    rule: Vec<AcledRule>,
}

/// Which doers a rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DoerCondition {
    /// Every named doer is a state or a state force (and one is named).
    State,
    /// Some named doer is neither a state nor a state force.
    NonState,
}

/// Which targets a rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetCondition {
    /// Targets are named and every one is a state, a state force or an armed group.
    Armed,
}

/// One line of the table: the event type (and conditions) it applies to and ACLED's
/// categories it gives.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcledRule {
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default)]
    pub subtype: Option<String>,
    #[serde(default)]
    pub doer: Option<DoerCondition>,
    #[serde(default)]
    pub target: Option<TargetCondition>,
    /// ACLED's event type («Battles» …).
    #[serde(rename = "event_type")]
    pub acled_event_type: String,
    /// ACLED's sub-event type («Armed clash» …).
    pub sub_event_type: String,
}

/// What an event is, as the table's conditions read it.
#[derive(Debug, Clone, Copy)]
pub struct AcledEventShape<'a> {
    pub event_type: &'a str,
    pub subtype: Option<&'a str>,
    /// Kinds of the named doers (none known: not in the slice).
    pub doers: &'a [ActorKind],
    /// Kinds of the named targets.
    pub targets: &'a [ActorKind],
}

/// ACLED's categories for one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcledCategories<'a> {
    pub disorder_type: &'a str,
    pub event_type: &'a str,
    pub sub_event_type: &'a str,
}

/// The compiled table.
#[derive(Debug)]
pub struct AcledTable {
    rules: Vec<AcledRule>,
    disorder: BTreeMap<String, String>,
    inter: BTreeMap<ActorKind, u8>,
    unidentified_inter: u8,
    unidentified_actor: String,
}

const UNIDENTIFIED: &str = "unidentified";

impl AcledTable {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut inter = BTreeMap::new();
        let mut unidentified_inter = None;
        for (kind, code) in &raw.inter {
            if *code > 8 {
                return Err(KbError::invalid(
                    name,
                    format!("inter code {code} of {kind:?} is not one of ACLED's 0–8"),
                ));
            }
            match ActorKind::from_name(kind) {
                Some(k) => {
                    inter.insert(k, *code);
                }
                None if kind == UNIDENTIFIED => unidentified_inter = Some(*code),
                None => {
                    return Err(KbError::invalid(
                        name,
                        format!("[inter] names {kind:?}, which is no actor kind"),
                    ))
                }
            }
        }
        if let Some(k) = ActorKind::ALL.iter().find(|k| !inter.contains_key(k)) {
            return Err(KbError::invalid(
                name,
                format!("[inter] gives no code to the actor kind {k}"),
            ));
        }
        let unidentified_inter = unidentified_inter
            .ok_or_else(|| KbError::invalid(name, "[inter] gives no code to `unidentified`"))?;
        for (i, r) in raw.rule.iter().enumerate() {
            let at = format!("rule #{} ({})", i + 1, r.event_type);
            if !EVENT_TYPES.contains(&r.event_type.as_str()) {
                return Err(KbError::invalid(name, format!("{at}: unknown event type")));
            }
            if !raw.disorder.contains_key(&r.acled_event_type) {
                return Err(KbError::invalid(
                    name,
                    format!(
                        "{at}: ACLED event type {:?} has no disorder type in [disorder]",
                        r.acled_event_type
                    ),
                ));
            }
            if r.sub_event_type.trim().is_empty() {
                return Err(KbError::invalid(
                    name,
                    format!("{at}: empty sub_event_type"),
                ));
            }
        }
        for t in EVENT_TYPES {
            let unconditional = raw.rule.iter().any(|r| {
                r.event_type == *t && r.subtype.is_none() && r.doer.is_none() && r.target.is_none()
            });
            if !unconditional {
                return Err(KbError::invalid(
                    name,
                    format!("event type {t} has no rule without conditions, so some of its events would get no row"),
                ));
            }
        }
        if !raw.unidentified_actor.contains("{country}") {
            return Err(KbError::invalid(
                name,
                "unidentified_actor must hold `{country}`",
            ));
        }
        Ok(Self {
            rules: raw.rule,
            disorder: raw.disorder,
            inter,
            unidentified_inter,
            unidentified_actor: raw.unidentified_actor,
        })
    }

    /// ACLED's categories for an event: those of the first rule that fits it. Every event
    /// type has a rule without conditions (checked at load), so only a type outside the
    /// contract gets none.
    pub fn categorize(&self, e: &AcledEventShape<'_>) -> Option<AcledCategories<'_>> {
        let rule = self.rules.iter().find(|r| rule_fits(r, e))?;
        Some(AcledCategories {
            disorder_type: self
                .disorder
                .get(&rule.acled_event_type)
                .map_or("", String::as_str),
            event_type: &rule.acled_event_type,
            sub_event_type: &rule.sub_event_type,
        })
    }

    /// ACLED's inter code of an actor kind.
    pub fn inter(&self, kind: ActorKind) -> u8 {
        self.inter.get(&kind).copied().unwrap_or(0)
    }

    /// The inter code of an unidentified armed group.
    pub fn unidentified_inter(&self) -> u8 {
        self.unidentified_inter
    }

    /// The actor1 of political violence whose doer the text does not name, for a country
    /// (its English name, or empty).
    pub fn unidentified_actor(&self, country: &str) -> String {
        let s = self.unidentified_actor.replace("{country}", country);
        if country.is_empty() {
            s.replace(" ()", "")
        } else {
            s
        }
    }
}

/// Does `r` apply to `e`?
fn rule_fits(r: &AcledRule, e: &AcledEventShape<'_>) -> bool {
    r.event_type == e.event_type
        && r.subtype.as_deref().is_none_or(|s| e.subtype == Some(s))
        && r.doer.is_none_or(|d| doers_fit(d, e.doers))
        && r.target.is_none_or(|t| targets_fit(t, e.targets))
}

fn doers_fit(d: DoerCondition, doers: &[ActorKind]) -> bool {
    match d {
        DoerCondition::State => !doers.is_empty() && doers.iter().all(|k| k.is_state_side()),
        DoerCondition::NonState => doers.iter().any(|k| !k.is_state_side()),
    }
}

fn targets_fit(t: TargetCondition, targets: &[ActorKind]) -> bool {
    match t {
        TargetCondition::Armed => {
            !targets.is_empty()
                && targets
                    .iter()
                    .all(|k| k.is_state_side() || *k == ActorKind::ArmedGroup)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> AcledTable {
        AcledTable::parse(&KbFile::inline(
            "acled.toml",
            include_str!("../../../kb/acled.toml"),
        ))
        .expect("kb/acled.toml is valid")
    }

    fn shape<'a>(
        t: &'a str,
        sub: Option<&'a str>,
        doers: &'a [ActorKind],
        targets: &'a [ActorKind],
    ) -> AcledEventShape<'a> {
        AcledEventShape {
            event_type: t,
            subtype: sub,
            doers,
            targets,
        }
    }

    #[test]
    fn subtypes_pick_acled_sub_event_types() {
        let t = table();
        let c = t
            .categorize(&shape(
                "ATTACK",
                Some("air_strike"),
                &[ActorKind::State],
                &[],
            ))
            .expect("a row");
        assert_eq!(c.event_type, "Explosions/Remote violence");
        assert_eq!(c.sub_event_type, "Air/drone strike");
        assert_eq!(c.disorder_type, "Political violence");
    }

    #[test]
    fn an_attack_on_armed_targets_is_a_battle_and_on_others_violence_against_civilians() {
        let t = table();
        let battle = t
            .categorize(&shape(
                "ATTACK",
                None,
                &[ActorKind::ArmedGroup],
                &[ActorKind::StateForce],
            ))
            .expect("a row");
        assert_eq!(battle.event_type, "Battles");
        let vac = t
            .categorize(&shape(
                "ATTACK",
                None,
                &[ActorKind::ArmedGroup],
                &[ActorKind::Person],
            ))
            .expect("a row");
        assert_eq!(vac.event_type, "Violence against civilians");
        assert_eq!(vac.sub_event_type, "Attack");
    }

    #[test]
    fn takeover_by_the_state_is_regaining_territory() {
        let t = table();
        let gov = t
            .categorize(&shape("TAKEOVER", None, &[ActorKind::StateForce], &[]))
            .expect("a row");
        assert_eq!(gov.sub_event_type, "Government regains territory");
        let rebels = t
            .categorize(&shape("TAKEOVER", None, &[ActorKind::ArmedGroup], &[]))
            .expect("a row");
        assert_eq!(rebels.sub_event_type, "Non-state actor overtakes territory");
        let nobody = t
            .categorize(&shape("TAKEOVER", None, &[], &[]))
            .expect("a row");
        assert_eq!(nobody.sub_event_type, "Non-state actor overtakes territory");
    }

    #[test]
    fn every_event_type_gets_a_row_and_inter_codes_cover_every_kind() {
        let t = table();
        for ty in EVENT_TYPES {
            assert!(t.categorize(&shape(ty, None, &[], &[])).is_some(), "{ty}");
        }
        assert_eq!(t.inter(ActorKind::StateForce), 1);
        assert_eq!(t.inter(ActorKind::ArmedGroup), 2);
        assert_eq!(t.unidentified_inter(), 3);
        assert_eq!(
            t.unidentified_actor("Yemen"),
            "Unidentified Armed Group (Yemen)"
        );
        assert_eq!(t.unidentified_actor(""), "Unidentified Armed Group");
    }

    #[test]
    fn a_type_without_a_fallback_rule_is_refused() {
        let text = include_str!("../../../kb/acled.toml").replace(
            "[[rule]]\ntype = \"SUPPORT\"",
            "[[rule]]\ntype = \"SUPPORT\"\nsubtype = \"arms\"",
        );
        let err = AcledTable::parse(&KbFile::inline("acled.toml", &text))
            .expect_err("SUPPORT has no unconditional rule");
        assert!(err.to_string().contains("SUPPORT"), "{err}");
    }

    #[test]
    fn an_unknown_kind_in_inter_is_refused() {
        let text = include_str!("../../../kb/acled.toml").replace("media = 7", "militia = 3");
        let err = AcledTable::parse(&KbFile::inline("acled.toml", &text)).expect_err("bad kind");
        assert!(err.to_string().contains("militia"), "{err}");
    }
}
