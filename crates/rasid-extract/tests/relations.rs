//! Signs of relations: what each sentence says, on sentences of our own with the
//! repository's kb.

mod common;

use common::{builtin_kb, first_article_with};
use rasid_model::ArticleRecord;

fn article(text: &str) -> ArticleRecord {
    let a = first_article_with(builtin_kb(), text);
    let chars: Vec<char> = text.chars().collect();
    for r in &a.relations {
        for m in &r.evidence {
            let got: String = chars[m.start..m.end].iter().collect();
            assert_eq!(
                got, m.text,
                "relation evidence span points into the document"
            );
        }
    }
    a
}

fn has(a: &ArticleRecord, kind: &str, x: &str, y: &str) -> bool {
    a.relations
        .iter()
        .any(|r| r.kind == kind && ((r.a == x && r.b == y) || (r.a == y && r.b == x)))
}

#[test]
fn an_ally_joined_with_wahalifuhum_is_an_ally_not_an_enemy() {
    let a = article(
        "معارك تعز\n\nهاجم الحوثيون وحليفهم قوات المخلوع مواقع المقاومة الشعبية في مدينة تعز فجر الاثنين.",
    );
    assert!(
        has(&a, "ALLY", "houthis", "saleh_loyalists"),
        "{:#?}",
        a.relations
    );
    assert!(
        !has(&a, "HOSTILE", "houthis", "saleh_loyalists"),
        "{:#?}",
        a.relations
    );
    assert!(
        has(&a, "HOSTILE", "houthis", "yemen_popular_resistance"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn actors_listed_as_the_doers_of_an_attack_are_co_belligerents() {
    let a = article(
        "الزبداني\n\nشنت قوات النظام السوري وحزب الله هجوما واسعا على مدينة الزبداني يوم السبت.",
    );
    assert!(
        has(&a, "ALLY", "syrian_army", "hezbollah"),
        "{:#?}",
        a.relations
    );
    assert!(
        !has(&a, "HOSTILE", "syrian_army", "hezbollah"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_hostile_cue_never_pairs_two_actors_of_one_list() {
    let a =
        article("تعز\n\nوخاض الحوثيون وقوات صالح اشتباكات عنيفة في أحياء مدينة تعز طوال ليل الأحد.");
    assert!(
        !has(&a, "HOSTILE", "houthis", "saleh_loyalists"),
        "{:#?}",
        a.relations
    );
    // strikes on a list: each is the striker's enemy, not the other's
    let a = article(
        "غارات\n\nشنت طائرات التحالف العربي غارات مكثفة على مواقع الحوثيين وقوات صالح في محافظة صعدة.",
    );
    assert!(
        has(&a, "HOSTILE", "saudi_led_coalition", "houthis"),
        "{:#?}",
        a.relations
    );
    assert!(
        has(&a, "HOSTILE", "saudi_led_coalition", "saleh_loyalists"),
        "{:#?}",
        a.relations
    );
    assert!(
        !has(&a, "HOSTILE", "houthis", "saleh_loyalists"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_clash_between_two_sides_each_named_with_min_jiha_pairs_the_sides() {
    let a = article(
        "مأرب\n\nاندلعت مواجهات عنيفة بين الحوثيين وقوات صالح من جهة والمقاومة الشعبية من جهة أخرى في مأرب.",
    );
    assert!(
        has(&a, "HOSTILE", "houthis", "yemen_popular_resistance"),
        "{:#?}",
        a.relations
    );
    assert!(
        has(&a, "HOSTILE", "saleh_loyalists", "yemen_popular_resistance"),
        "{:#?}",
        a.relations
    );
    assert!(
        !has(&a, "HOSTILE", "houthis", "saleh_loyalists"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn an_ally_cue_does_not_reach_across_a_hostile_one() {
    let a = article(
        "عدن\n\nخاضت المقاومة الشعبية الموالية للشرعية معارك عنيفة ضد الحوثيين في مدينة عدن.",
    );
    assert!(
        !has(&a, "ALLY", "yemen_popular_resistance", "houthis"),
        "{:#?}",
        a.relations
    );
    assert!(
        has(&a, "HOSTILE", "yemen_popular_resistance", "houthis"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_backer_named_after_al_madeuma_min_is_not_the_target_of_the_fight() {
    let a = article(
        "زنجبار\n\nشنت المقاومة الشعبية المدعومة من طيران التحالف العربي هجوما على مواقع الحوثيين في زنجبار.",
    );
    assert!(
        !has(
            &a,
            "HOSTILE",
            "yemen_popular_resistance",
            "saudi_led_coalition"
        ),
        "{:#?}",
        a.relations
    );
}

#[test]
fn who_speaks_about_an_attack_is_no_party_to_it() {
    let a = article(
        "لحج\n\nوقالت مصادر في المقاومة الشعبية إن طيران التحالف العربي شن غارات على مواقع الحوثيين في لحج.",
    );
    assert!(
        !has(
            &a,
            "HOSTILE",
            "yemen_popular_resistance",
            "saudi_led_coalition"
        ),
        "{:#?}",
        a.relations
    );
    assert!(
        has(&a, "HOSTILE", "saudi_led_coalition", "houthis"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn groups_named_in_one_condemnation_are_not_allies() {
    let a = article(
        "إدانة\n\nأدانت حركة حماس وحركة فتح بشدة التفجير الإرهابي وأكدتا التعاون في مواجهة الإرهاب.",
    );
    assert!(!has(&a, "ALLY", "hamas", "fatah"), "{:#?}", a.relations);
}

#[test]
fn a_headline_is_no_evidence_when_the_body_says_it_too() {
    let title = "اشتباكات بين الحوثيين والمقاومة الشعبية في تعز";
    let a = article(&format!(
        "{title}\n\nاندلعت اشتباكات عنيفة بين الحوثيين والمقاومة الشعبية في مدينة تعز يوم الأحد."
    ));
    let r = a
        .relations
        .iter()
        .find(|r| {
            r.kind == "HOSTILE"
                && [r.a.as_str(), r.b.as_str()] == ["houthis", "yemen_popular_resistance"]
                || [r.b.as_str(), r.a.as_str()] == ["houthis", "yemen_popular_resistance"]
        })
        .unwrap_or_else(|| panic!("{:#?}", a.relations));
    let title_end = title.chars().count();
    assert!(
        r.evidence.iter().all(|e| e.start > title_end),
        "{:#?}",
        r.evidence
    );
    assert!(!r.evidence.is_empty());
    // a headline the body does not repeat is evidence
    let a = article(
        "اشتباكات بين الحوثيين والمقاومة الشعبية في تعز\n\nوأفاد سكان بسماع دوي انفجارات في أحياء المدينة.",
    );
    assert!(
        has(&a, "HOSTILE", "houthis", "yemen_popular_resistance"),
        "{:#?}",
        a.relations
    );
}
