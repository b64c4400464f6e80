//! End-to-end on the repository's own example pages (`examples/`): every input format,
//! encodings, segmentation, duplicates and relevance.

mod common;

use common::{block_texts, chars_of, check_spans, extract, rasid, repo_root};
use serde_json::Value;

fn run() -> Vec<Value> {
    extract(&[&repo_root().join("examples")])
}

fn by_source<'a>(out: &'a [Value], source: &str) -> &'a Value {
    out.iter()
        .find(|d| d["source"] == source)
        .unwrap_or_else(|| panic!("no output for {source}"))
}

fn articles(doc: &Value) -> &Vec<Value> {
    doc["articles"].as_array().expect("articles")
}

#[test]
fn read_also_block_holds_an_appended_unrelated_article() {
    let out = run();
    let doc = by_source(&out, "attack_with_read_also.txt");
    let arts = articles(doc);
    assert_eq!(arts.len(), 2, "{arts:#?}");
    assert_eq!(arts[0]["main"], true);
    assert_eq!(arts[0]["relevant"], true);
    assert_eq!(
        arts[0]["title"],
        "مسلحون حوثيون يهاجمون نقطة أمنية في مأرب ومقتل ثلاثة جنود"
    );
    assert_eq!(arts[0]["published"], "2024-03-14");
    assert_eq!(arts[0]["outlet"], "المرصد اليمني");
    assert_eq!(arts[1]["main"], false);
    assert_eq!(
        arts[1]["relevant"], false,
        "a book fair is not political violence"
    );
    assert!(arts[1]["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("افتتاح معرض الكتاب")));
}

#[test]
fn html_page_title_date_outlet_from_markup() {
    let out = run();
    let doc = by_source(&out, "cell_arrest.html");
    let arts = articles(doc);
    assert_eq!(arts.len(), 1, "{arts:#?}");
    let a = &arts[0];
    assert_eq!(
        a["title"],
        "القبض على خلية تابعة لتنظيم داعش خططت لاستهداف مقرات أمنية"
    );
    assert_eq!(a["published"], "2024-05-02");
    assert_eq!(a["outlet"], "صحيفة النموذج");
    assert_eq!(a["relevant"], true);
    assert_eq!(
        a["published_evidence"]["rule"],
        "html:article:published_time"
    );
}

#[test]
fn windows_1256_page_is_decoded() {
    let out = run();
    let doc = by_source(&out, "truce_windows1256.txt");
    let a = &articles(doc)[0];
    assert_eq!(
        a["title"],
        "هدنة جديدة بين الفصائل المسلحة في طرابلس برعاية أممية"
    );
    assert_eq!(a["relevant"], true);
}

#[test]
fn wire_copy_is_a_duplicate_and_sport_is_not_relevant() {
    let out = run();
    let first = &articles(by_source(&out, "ex-001"))[0];
    let copy = &articles(by_source(&out, "ex-002"))[0];
    let sport = &articles(by_source(&out, "ex-003"))[0];
    assert!(first["duplicate_of"].is_null());
    assert_eq!(copy["duplicate_of"], "ex-001");
    assert!(copy["duplicate_similarity"]
        .as_f64()
        .is_some_and(|j| j >= 0.7));
    assert_eq!(first["relevant"], true);
    assert_eq!(sport["relevant"], false);
    assert!(sport["duplicate_of"].is_null());
    assert_eq!(first["published"], "2024-06-10");
}

#[test]
fn glued_story_is_split_and_paywall_dropped() {
    let out = run();
    let doc = by_source(&out, "paywall_glued.txt");
    let arts = articles(doc);
    assert_eq!(arts.len(), 2, "{arts:#?}");
    assert_eq!(arts[0]["main"], true);
    assert_eq!(arts[0]["relevant"], true);
    assert_eq!(arts[1]["main"], false);
    assert_eq!(arts[1]["relevant"], false);
    assert!(arts[1]["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("تراجع أسعار الذهب")));
    let text =
        std::fs::read_to_string(repo_root().join("examples/paywall_glued.txt")).expect("read");
    let chars = chars_of(&text);
    for a in arts {
        for b in block_texts(a, &chars) {
            assert!(
                !b.contains("للمشتركين") && !b.contains("زر الذهاب") && b != "+ -",
                "{b}"
            );
        }
    }
}

#[test]
fn spans_of_text_inputs_point_into_the_files() {
    let out = run();
    for name in ["attack_with_read_also.txt", "paywall_glued.txt"] {
        let text = std::fs::read_to_string(repo_root().join("examples").join(name)).expect("read");
        let n = check_spans(by_source(&out, name), &chars_of(&text), name);
        assert!(n > 5);
    }
}

#[test]
fn output_is_the_same_with_one_or_two_threads() {
    let dir = repo_root().join("examples");
    let dir = dir.to_str().expect("utf8 path");
    let one = common::rasid(&["extract", "--threads", "1", dir]);
    let two = common::rasid(&["extract", "--threads", "2", dir]);
    assert!(one.status.success() && two.status.success());
    assert!(!one.stdout.is_empty());
    assert_eq!(
        one.stdout, two.stdout,
        "parallelism must not change output or duplicate order"
    );
}

#[test]
fn the_cell_arrest_page_yields_an_arrest_by_the_local_forces_with_its_evidence() {
    let out = run();
    let doc = by_source(&out, "cell_arrest.html");
    let main = &articles(doc)[0];
    let events = main["events"].as_array().expect("events");
    let arrest = events
        .iter()
        .find(|e| e["type"] == "ARREST")
        .unwrap_or_else(|| panic!("no ARREST in {events:#?}"));
    let actors: Vec<&str> = arrest["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    // the page is about Deir ez-Zor: the forces are Syria's, the arrested cell is ISIS
    assert_eq!(
        actors.first(),
        Some(&"syrian_security_services"),
        "{arrest:#}"
    );
    assert!(actors.contains(&"islamic_state"), "{arrest:#}");
    // the plan to attack is the cell's, not the arrest's
    assert_eq!(arrest["modality"], "reported");
    assert!(arrest["evidence"]["rule"]
        .as_str()
        .is_some_and(|r| r.starts_with("event:trigger")));
    let relations = main["relations"].as_array().expect("relations");
    assert!(
        relations
            .iter()
            .any(|r| r["type"] == "HOSTILE"
                && r["evidence"].as_array().is_some_and(|e| !e.is_empty())),
        "{relations:#?}"
    );
}

#[test]
fn explain_prints_each_fact_with_its_rule_and_evidence() {
    let page = repo_root().join("examples").join("cell_arrest.html");
    let page = page.to_string_lossy();
    let out = rasid(&["extract", "--explain", &page]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("event    ARREST")),
        "{text}"
    );
    assert!(text.contains("by event:trigger «"), "{text}");
    assert!(text.contains("by relation:from_event:ARREST"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("actor    islamic_state")),
        "{text}"
    );
}

#[test]
fn role_readings_give_each_triggers_rule_roles_and_actor_features() {
    let page = repo_root().join("examples").join("cell_arrest.html");
    let page = page.to_string_lossy();
    let out = rasid(&["extract", "--role-readings", &page]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let doc: Value = serde_json::from_str(text.lines().next().expect("one line")).expect("JSON");
    assert!(doc["source"]
        .as_str()
        .is_some_and(|s| s.ends_with("cell_arrest.html")));
    let readings = doc["readings"].as_array().expect("readings");
    let arrest = readings
        .iter()
        .find(|r| {
            r["event_type"] == "ARREST" && !r["rule_doers"].as_array().expect("list").is_empty()
        })
        .expect("an arrest with its doer");
    assert_eq!(arrest["rule_parties"][0], "islamic_state");
    let reads = arrest["reads"].as_array().expect("reads");
    let target = reads
        .iter()
        .find(|r| r["actor"] == "islamic_state")
        .expect("the target is read");
    assert!(target["features"]
        .as_array()
        .expect("features")
        .iter()
        .any(|f| f == "rule=target"));
    // the layer is off in the repository: the rules' roles stand
    for r in readings {
        assert_eq!(r["doers"], r["rule_doers"]);
        assert_eq!(r["parties"], r["rule_parties"]);
    }
}
