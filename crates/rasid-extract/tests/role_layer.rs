//! The learned role layer (`kb/roles.toml`): what each trigger's reading records, and how
//! the layer overrules the rules when it is on — on sentences of our own.

mod common;

use std::collections::BTreeMap;

use common::{builtin_kb, processed_with};
use rasid_kb::{ConfidenceModel, Decide, Kb, RoleModels};
use rasid_model::RoleReading;

const RAID: &str = "هجوم في الرمادي\n\n\
هاجم مسلحون من تنظيم داعش نقطة تفتيش للجيش العراقي في مدينة الرمادي أمس، مما أدى إلى مقتل خمسة جنود.\n\
وقال مصدر أمني إن الجيش العراقي شن غارات على مواقع التنظيم بعد الهجوم.\n";

fn readings(kb: &Kb, text: &str) -> Vec<RoleReading> {
    processed_with(kb, text).role_readings
}

fn features<'r>(r: &'r RoleReading, actor: &str) -> &'r [String] {
    &r.reads
        .iter()
        .find(|x| x.actor == actor)
        .unwrap_or_else(|| panic!("{actor} is read in {r:?}"))
        .features
}

/// A model giving each listed feature its weight.
fn model(bias: f64, weights: &[(&str, f64)]) -> ConfidenceModel {
    ConfidenceModel {
        bias,
        weights: weights
            .iter()
            .map(|(k, w)| (k.to_string(), *w))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// The repository's kb with the role layer replaced.
fn kb_with(roles: RoleModels) -> Kb {
    let mut kb = Kb::builtin().expect("the repository kb loads");
    kb.roles = roles;
    kb
}

#[test]
fn each_trigger_records_the_rules_roles_and_its_actors_features() {
    let rs = readings(builtin_kb(), RAID);
    let raid = rs
        .iter()
        .find(|r| r.trigger == "هاجم")
        .expect("the raid's trigger is read");
    assert_eq!(raid.event_type, "ATTACK");
    assert_eq!(raid.rule_doers, ["islamic_state"]);
    assert_eq!(raid.rule_parties, ["iraqi_army"]);
    assert!(
        raid.sentence.starts_with("هاجم مسلحون"),
        "{}",
        raid.sentence
    );
    let doer = features(raid, "islamic_state");
    for f in [
        "rule=doer1",
        "side=after",
        "kind=armed_group",
        "type=ATTACK",
        "clause=same",
    ] {
        assert!(doer.iter().any(|x| x == f), "{f} in {doer:?}");
    }
    let target = features(raid, "iraqi_army");
    assert!(target.iter().any(|x| x == "rule=target"), "{target:?}");
    // «للجيش»: the clitic glued to the name
    assert!(target.iter().any(|x| x == "glued=ل"), "{target:?}");
    // off (the repository's setting), the rules' roles stand
    for r in &rs {
        assert_eq!((&r.doers, &r.parties), (&r.rule_doers, &r.rule_parties));
    }
}

#[test]
fn the_layer_on_puts_the_actor_it_is_surest_of_in_the_doers_place() {
    // a doer model that trusts the rules' target more than their doer
    let kb = kb_with(RoleModels {
        enabled: true,
        decide: Decide {
            drop_below: 0.0,
            doer_above: 0.6,
            margin: 0.2,
        },
        doer: model(0.0, &[("rule=target", 3.0), ("rule=doer1", -3.0)]),
        party: model(3.0, &[]),
    });
    let rs = readings(&kb, RAID);
    let raid = rs.iter().find(|r| r.trigger == "هاجم").expect("read");
    assert_eq!(raid.rule_doers, ["islamic_state"]);
    assert_eq!(raid.doers, ["iraqi_army"]);
    // the rules' doer stays a party: the party model keeps it
    assert_eq!(raid.parties, ["islamic_state"]);
    let a = processed_with(&kb, RAID).record.articles.remove(0);
    let attack = a
        .events
        .iter()
        .find(|e| e.evidence.text.starts_with("هاجم"))
        .expect("the raid is an event");
    assert_eq!(attack.actors, ["iraqi_army", "islamic_state"]);
}

#[test]
fn the_layer_on_drops_a_party_it_thinks_is_none_and_respects_its_margin() {
    let kb = kb_with(RoleModels {
        enabled: true,
        decide: Decide {
            drop_below: 0.5,
            doer_above: 0.6,
            margin: 0.9,
        },
        // the doers would be doers anyway, not by the margin; the targets never; the state
        // force is no party
        doer: model(1.0, &[("rule=target", -3.0)]),
        party: model(2.0, &[("kind=state_force", -4.0)]),
    });
    let rs = readings(&kb, RAID);
    let raid = rs.iter().find(|r| r.trigger == "هاجم").expect("read");
    assert_eq!(raid.doers, ["islamic_state"]);
    assert!(raid.parties.is_empty(), "{:?}", raid.parties);
    // the rules' doer of the strikes is dropped too: it had no one to replace it
    let strikes = rs.iter().find(|r| r.trigger == "غارات").expect("read");
    assert_eq!(strikes.rule_doers, ["iraqi_army"]);
    assert!(strikes.doers.is_empty(), "{:?}", strikes.doers);
}
