//! End-to-end on the five seed pages in `../shared/corpus/seeds` against the hand-made
//! gold in `../shared/eval/gold`: segmentation, flags, provenance spans.

mod common;

use common::{block_texts, chars_of, check_spans, extract, shared};
use serde_json::Value;

/// The grader's normalisation (shared/eval/score.py `norm`), for title prefixes.
fn norm(s: &str) -> String {
    let folded: String = s
        .chars()
        .filter(|c| !matches!(*c, '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' | 'ۀ' => 'ه',
            'ى' | 'ی' | 'ئ' => 'ي',
            'ک' => 'ك',
            'ؤ' => 'و',
            c if "\"'“”«»„`’‘()[]{}<>.,،؛:;!?؟-_/\\|".contains(c) => ' ',
            c => c,
        })
        .collect();
    folded
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

struct Seeds {
    docs: Vec<(String, Vec<char>, Value)>,
    gold: Vec<Value>,
}

fn load() -> Option<Seeds> {
    let shared = shared()?;
    let seeds = shared.join("corpus/seeds");
    let out = extract(&[&seeds]);
    let mut docs = Vec::new();
    for rec in out {
        let source = rec["source"].as_str().expect("source").to_string();
        let text = std::fs::read_to_string(seeds.join(&source)).expect("seed readable");
        docs.push((source, chars_of(&text), rec));
    }
    let mut gold = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(shared.join("eval/gold"))
        .expect("gold dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        gold.push(
            serde_json::from_str(&std::fs::read_to_string(p).expect("gold")).expect("gold json"),
        );
    }
    Some(Seeds { docs, gold })
}

#[test]
fn every_gold_article_is_found_with_its_flags() {
    let Some(s) = load() else { return };
    assert_eq!(s.docs.len(), 5, "one output line per seed page");
    let mut checked = 0;
    for g in &s.gold {
        let source = g["source"].as_str().expect("gold source");
        let (_, _, rec) = s
            .docs
            .iter()
            .find(|d| d.0 == source)
            .expect("output for every gold document");
        for ga in g["articles"].as_array().expect("gold articles") {
            let prefix = norm(ga["title_prefix"].as_str().expect("prefix"));
            let found = rec["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .find(|a| norm(a["title"].as_str().unwrap_or("")).starts_with(&prefix))
                .unwrap_or_else(|| panic!("{source}: no article titled {prefix:?}"));
            assert_eq!(
                found["main"], ga["main"],
                "{source}: main flag of {prefix:?}"
            );
            assert_eq!(
                found["relevant"], ga["relevant"],
                "{source}: relevant flag of {prefix:?}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 6);
}

#[test]
fn every_reported_span_points_into_the_document() {
    let Some(s) = load() else { return };
    let mut spans = 0;
    for (source, doc, rec) in &s.docs {
        assert_eq!(rec["chars"].as_u64(), Some(doc.len() as u64), "{source}");
        spans += check_spans(rec, doc, source);
    }
    assert!(spans > 50, "only {spans} spans checked");
}

#[test]
fn teaser_lists_paywall_and_navigation_are_not_article_text() {
    let Some(s) = load() else { return };
    for (source, doc, rec) in &s.docs {
        for a in rec["articles"].as_array().expect("articles") {
            let blocks = block_texts(a, doc);
            // bullets may open the page's own article (summary points), never end it
            // (a teaser list) nor stand in appended material
            if let Some(last) = blocks.last() {
                assert!(
                    !last.starts_with('•'),
                    "{source}: article ends with a teaser bullet: {last}"
                );
            }
            for block in &blocks {
                if a["main"] == false {
                    assert!(
                        !block.starts_with('•'),
                        "{source}: a bullet teaser kept in an appended article: {block}"
                    );
                }
                for boiler in [
                    "مقالات مشابهة",
                    "مقالات ذات صلة",
                    "زر الذهاب",
                    "يتوجب عليك",
                    "كلمات دلالية",
                    "إقرأ أيضاً",
                    "38serv",
                ] {
                    assert!(
                        !block.contains(boiler),
                        "{source}: boilerplate {boiler:?} kept: {block}"
                    );
                }
            }
        }
    }
}

#[test]
fn repeated_captions_are_kept_once() {
    let Some(s) = load() else { return };
    for (source, doc, rec) in &s.docs {
        for a in rec["articles"].as_array().expect("articles") {
            let blocks = block_texts(a, doc);
            let mut seen = std::collections::HashSet::new();
            for b in blocks.iter().filter(|b| b.split_whitespace().count() < 40) {
                assert!(seen.insert(b.clone()), "{source}: line kept twice: {b}");
            }
        }
    }
}

#[test]
fn outlet_and_publication_date_from_the_text() {
    let Some(s) = load() else { return };
    let mut outlets = 0;
    let mut dates = 0;
    for g in &s.gold {
        let source = g["source"].as_str().expect("source");
        let (_, _, rec) = s.docs.iter().find(|d| d.0 == source).expect("output");
        let main = rec["articles"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["main"] == true))
            .expect("main article");
        if let Some(want) = g["outlet"].as_str() {
            if main["outlet"].as_str().map(norm) == Some(norm(want)) {
                outlets += 1;
            }
        }
        if !g["published"].is_null() {
            assert_eq!(
                main["published"], g["published"],
                "{source}: publication date"
            );
            dates += 1;
        } else {
            assert!(
                main["published"].is_null(),
                "{source}: no publication date is stated, got {}",
                main["published"]
            );
        }
    }
    // outlets stated in the text: a source line, «لـ"…"», «لوكالة …», «لأخبار الآن»
    assert!(outlets >= 3, "only {outlets} outlets found");
    assert_eq!(dates, 1);
}
