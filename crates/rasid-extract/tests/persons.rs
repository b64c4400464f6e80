//! Persons by pattern on sentences of our own.

mod common;

use common::article_actors;

/// (name, affiliation, mention texts) of the persons found.
fn persons(text: &str) -> Vec<(String, Option<String>, Vec<String>)> {
    article_actors(text)
        .into_iter()
        .filter(|a| a.kind == "person")
        .map(|a| {
            (
                a.name_ar,
                a.affiliation,
                a.mentions.into_iter().map(|m| m.text).collect(),
            )
        })
        .collect()
}

#[test]
fn title_then_name_and_later_surname_mentions() {
    let p = persons("تصريح أمني\n\nقال العقيد سالم أحمد الحارثي إن قواته سيطرت على الموقع. وأضاف الحارثي أن العملية مستمرة.");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "سالم أحمد الحارثي");
    assert_eq!(p[0].2, ["سالم أحمد الحارثي", "الحارثي"]);
}

#[test]
fn role_affiliation_name_gives_the_affiliation() {
    let p = persons("خبر\n\nأعلن أمير قاعدة اليمن خالد سعيد العولقي مسؤولية التنظيم عن الهجوم.");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "خالد سعيد العولقي");
    assert_eq!(p[0].1.as_deref(), Some("aqap"));
}

#[test]
fn kunya_with_glued_head_and_quoted_alias() {
    let p = persons("خبر\n\nقاد المفاوضات أبومصعب الصنعاني، كما حضر القيادي صالح عبد الكريم، المكنى “أبو دجانة”، الاجتماع.");
    let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
    assert!(names.contains(&"أبومصعب الصنعاني"), "{p:?}");
    let salih = p
        .iter()
        .find(|x| x.0 == "صالح عبد الكريم")
        .expect("role + name");
    assert!(
        salih.2.iter().any(|m| m == "أبو دجانة"),
        "alias of the same person: {salih:?}"
    );
}

#[test]
fn places_named_with_abu_are_not_persons() {
    let p = persons("خبر\n\nوصل الوفد إلى أبو ظبي قادما من القاهرة.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn common_words_after_a_role_are_not_a_name() {
    let p = persons("خبر\n\nقال القيادي في الجماعة إن المفاوضات متعثرة.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn a_rank_introduces_names_no_list_knows() {
    let p = persons(
        "بيان\n\nقال العميد بسام عطية، المسؤول في الوزارة، إن العملية نجحت. وأفاد العقيد ميلود الزوي المتحدث باسم القوات بأن الهجوم فشل.",
    );
    let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
    assert!(names.contains(&"بسام عطية"), "{names:?}");
    assert!(names.contains(&"ميلود الزوي"), "{names:?}");
}

#[test]
fn a_two_word_role_after_the_name_gives_the_affiliation() {
    let found = article_actors(
        "بيان\n\nوأفاد العقيد توكور جوسو المتحدث باسم جماعة الحوثي بأن قوات التحالف قصفت مواقع في صعدة.",
    );
    let p = found.iter().find(|a| a.kind == "person").expect("a person");
    assert_eq!(p.name_ar, "توكور جوسو");
    assert_eq!(p.affiliation.as_deref(), Some("houthis"));
    assert_eq!(p.role.as_deref(), Some("member"));
}

#[test]
fn the_name_after_a_leads_verb_leads_the_group_before_it() {
    let found = article_actors(
        "خبر\n\nاندلعت معارك بين الجيش وتنظيم القاعدة في جزيرة العرب الذي يقوده خالد باطرفي في المكلا.",
    );
    let p = found.iter().find(|a| a.kind == "person").expect("a person");
    assert_eq!(p.name_ar, "خالد باطرفي");
    assert_eq!(p.affiliation.as_deref(), Some("aqap"));
    assert_eq!(p.role.as_deref(), Some("leads"));
}

#[test]
fn names_after_a_rank_before_a_detached_preposition_or_with_abd_and_a_title_word() {
    // «لـ«…»» after the name, «عبد الأمير» (الأمير is also a title), a definite given name
    // («الحسن»), and one given name after «الملا»
    let p = persons(
        "العراق\n\nوقال العميد عبد الأمير الساعدي في حديث لـ«الصحيفة» إن القوات تقدمت. وقال العميد الركن شاكر مولان لـ«الصحيفة» إن الهجوم مستمر. وأسر المسلحون العقيد ماهر الحسن مساء الأربعاء. وكانت الحركة التي يقودها الملا عمر منذ عقود قد رفضت.",
    );
    let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
    for want in ["عبد الأمير الساعدي", "شاكر مولان", "ماهر الحسن", "عمر"]
    {
        assert!(names.contains(&want), "{want} not in {names:?}");
    }
}

#[test]
fn a_leader_named_before_his_role_and_a_one_word_later_mention() {
    let a = common::article_actors(
        "اليمن\n\nأعلنت جماعة الحوثي تعيين اللواء محمد حسن قائدا جديدا لها بعد مقتل قائدها في غارة. وقال اللواء حسن، في بيان، إن المعارك مستمرة.",
    );
    let p: Vec<_> = a.iter().filter(|x| x.kind == "person").collect();
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].affiliation.as_deref(), Some("houthis"), "{p:#?}");
    assert_eq!(p[0].role.as_deref(), Some("leads"), "{p:#?}");
    assert!(p[0].mentions.len() >= 2, "{p:#?}");
}
