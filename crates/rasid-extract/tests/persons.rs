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
