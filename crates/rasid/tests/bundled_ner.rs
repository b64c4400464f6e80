//! The bundled named-entity model as the default pipeline uses it: places after a type word
//! that the tagger does not read as places are dropped, with `--no-ner` they stay; the
//! tagger's names start after a joining «و».

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::rasid;

/// The first article of `text`, extracted with `flags`.
fn first_article(text: &str, flags: &[&str]) -> serde_json::Value {
    let dir = std::env::temp_dir().join(format!("rasid-test-bundled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // one file per call: the tests run in parallel
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let page = dir.join(format!("page{}.txt", CALLS.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&page, text).expect("write");
    let mut args = vec!["extract"];
    args.extend_from_slice(flags);
    args.push(page.to_str().expect("utf8"));
    let out = rasid(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut doc: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON document");
    doc["articles"][0].take()
}

/// The place names of the first article of `text`, extracted with `flags`.
fn places(text: &str, flags: &[&str]) -> Vec<String> {
    first_article(text, flags)["places"]
        .as_array()
        .expect("places")
        .iter()
        .map(|p| p["name_ar"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The person names of the first article of `text`, extracted with the bundled model.
fn persons(text: &str) -> Vec<String> {
    first_article(text, &[])["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .filter(|a| a["kind"] == "person")
        .map(|a| a["name_ar"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_tagger_drops_an_adjective_after_a_type_word_and_keeps_the_town() {
    let text = "غارات\n\nشنت طائرات التحالف غارات على مواقع الحوثيين في مدينة صعدة، وقال مصدر إن المسلحين انسحبوا إلى منطقة آمنة قبل القصف.";
    let with = places(text, &[]);
    assert!(with.iter().any(|p| p == "صعدة"), "{with:?}");
    assert!(
        !with.iter().any(|p| p == "آمنة"),
        "«منطقة آمنة» is a safe area: {with:?}"
    );
    let without = places(text, &["--no-ner"]);
    assert!(
        without.iter().any(|p| p == "آمنة"),
        "rules alone take it (the reason for the check): {without:?}"
    );
}

#[test]
fn a_village_or_a_town_names_its_place_where_the_tagger_is_silent() {
    let text = "تفجير\n\nفجر انتحاري نفسه في مسجد بقرية الزهيرية أثناء الصلاة، وقتل مسلحون حارسا في بلدة الموزرة.\n\
                وفر السكان إلى قرية مجاورة ثم إلى بلدة العليا وقرية الأصلي.";
    let got = places(text, &[]);
    for want in ["الزهيرية", "الموزرة"] {
        assert!(got.iter().any(|p| p == want), "{want} missing from {got:?}");
    }
    // adjectives after the type word are not names
    for junk in ["مجاورة", "العليا", "الأصلي"] {
        assert!(
            !got.iter().any(|p| p == junk),
            "{junk} is no place: {got:?}"
        );
    }
}

#[test]
fn a_name_the_tagger_finds_after_and_starts_after_the_and() {
    let names = persons(
        "غارة\n\nوقتل القياديان في تنظيم القاعدة أبو سبعان وأبو همام في الغارة على مواقع التنظيم، \
         وقال العميد عبده الحذيفي ومحمد الشدادي إن القوات تقدمت نحو المدينة.",
    );
    assert!(names.iter().any(|n| n == "أبو همام"), "{names:?}");
    assert!(names.iter().any(|n| n == "عبده الحذيفي"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with('و')), "{names:?}");
}
