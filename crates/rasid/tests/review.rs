//! End-to-end tests of analysts' decisions (`rasid review`, `rasid eval --reviews`) on the
//! example pages of `examples/`: a rejected fact leaves the merged views and the exports
//! and stays out after a re-ingest and in another store that imports the decisions; a
//! corrected one stays corrected; a decision whose fact is gone is reported; bad decisions
//! are refused with the store unchanged. SQLite, and PostgreSQL when `RASID_TEST_PG` names
//! a server.

mod common;
mod web_common;

use std::path::Path;

use common::{parse_lines, rasid, repo_root, run_ok, scratch};
use serde_json::Value;

fn ingest(db: &str, paths: &[&Path]) -> Value {
    let mut args: Vec<String> = vec!["ingest".into(), "--db".into(), db.into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    serde_json::from_slice(&run_ok(&args)).expect("ingest prints one JSON summary")
}

fn examples() -> std::path::PathBuf {
    repo_root().join("examples")
}

fn events(db: &str) -> Vec<Value> {
    parse_lines(&run_ok(&["query", "events", "--db", db]))
}

fn relations(db: &str, actor: &str) -> Vec<Value> {
    parse_lines(&run_ok(&["query", "relations", actor, "--db", db]))
}

fn export(db: &str, format: &str) -> String {
    String::from_utf8(run_ok(&["export", "--format", format, "--db", db])).expect("UTF-8")
}

fn review(db: &str, args: &[&str]) -> Value {
    let mut all = vec!["review", "add", "--db", db, "--analyst", "lina"];
    all.extend_from_slice(args);
    serde_json::from_slice(&run_ok(&all)).expect("review add prints the stored decision")
}

fn decisions(db: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["review", "list", "--db", db];
    args.extend_from_slice(extra);
    parse_lines(&run_ok(&args))
}

/// Every report id of the merged events.
fn report_ids(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .flat_map(|e| e["reports"].as_array().cloned().unwrap_or_default())
        .map(|r| r["event"].as_str().expect("report id").to_string())
        .collect()
}

/// Single-report merged events of the examples: (report id, type).
fn lone_reports(events: &[Value]) -> Vec<(String, String)> {
    events
        .iter()
        .filter(|e| e["reports"].as_array().map(Vec::len) == Some(1))
        .map(|e| {
            (
                e["reports"][0]["event"].as_str().expect("id").to_string(),
                e["event_type"].as_str().expect("type").to_string(),
            )
        })
        .collect()
}

/// The merged event holding report `id`.
fn event_of<'a>(events: &'a [Value], id: &str) -> Option<&'a Value> {
    events.iter().find(|e| {
        e["reports"]
            .as_array()
            .is_some_and(|rs| rs.iter().any(|r| r["event"] == id))
    })
}

/// Reject one lone report and correct another's type and doer; check the merged views and
/// the exports; re-ingest; a second store importing the decisions exports the same bytes.
fn check_events_survive(db: &str, second: &str) {
    ingest(db, &[&examples()]);
    let before = events(db);
    let acled_before = export(db, "acled-csv").lines().count();
    let lone = lone_reports(&before);
    assert!(lone.len() >= 2, "the examples hold lone reports: {lone:?}");
    let (rejected, _) = &lone[0];
    let (corrected, old_type) = &lone[1];
    let new_type = if old_type == "ARREST" {
        "RELEASE"
    } else {
        "ARREST"
    };

    let d = review(
        db,
        &["--event", rejected, "--reject", "--note", "not an attack"],
    );
    assert_eq!(d["verdict"], "reject");
    assert_eq!(d["applies"], true);
    assert_eq!(d["subject"]["kind"], "event");
    let correction = format!(r#"{{"event_type":"{new_type}","actors":["houthis"]}}"#);
    review(db, &["--event", corrected, "--correct", &correction]);

    let after = events(db);
    assert!(
        !report_ids(&after).contains(rejected),
        "a rejected report leaves the merged events"
    );
    assert_eq!(after.len(), before.len() - 1);
    let e = event_of(&after, corrected).expect("the corrected report is still merged");
    assert_eq!(e["event_type"], new_type);
    assert_eq!(e["actors"][0], "houthis");
    assert_eq!(e["review"], "corrected");
    assert_eq!(e["reports"][0]["review"], "corrected");
    // the report keeps what the extractor read: the correction is the merged event's
    assert_eq!(e["reports"][0]["event_type"], old_type.as_str());
    assert_eq!(export(db, "acled-csv").lines().count(), acled_before - 1);
    let jsonl = export(db, "jsonl");
    // the merge after a decision takes only the decided articles: a whole one agrees
    run_ok(&["merge", "--full", "--db", db]);
    assert_eq!(export(db, "jsonl"), jsonl);
    assert!(!jsonl.contains(rejected.as_str()));
    assert!(jsonl.contains(r#""review":"corrected""#));

    // a re-ingest stores nothing new and the decisions still hold
    let again = ingest(db, &[&examples()]);
    assert_eq!(again["stored"], 0);
    assert_eq!(events(db), after);

    // another store, extracted on its own, takes the decisions and says the same
    let file = scratch("review-export").join("decisions.jsonl");
    let path = file.display().to_string();
    run_ok(&["review", "export", "--db", db, "-o", &path]);
    ingest(second, &[&examples()]);
    let imported: Value =
        serde_json::from_slice(&run_ok(&["review", "import", "--db", second, &path]))
            .expect("import summary");
    assert_eq!(imported["new"], 2);
    assert_eq!(imported["not_applying"], 0);
    let twice: Value =
        serde_json::from_slice(&run_ok(&["review", "import", "--db", second, &path]))
            .expect("import summary");
    assert_eq!(
        twice["new"], 0,
        "importing the same decisions again adds none"
    );
    assert_eq!(export(second, "jsonl"), jsonl);
    let listed = decisions(second, &["--all"]);
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|d| d["analyst"] == "lina"));
}

#[test]
fn rejected_and_corrected_events_stay_so_after_reingest_and_in_another_store() {
    let dir = scratch("review-events");
    check_events_survive(
        &dir.join("a.db").display().to_string(),
        &dir.join("b.db").display().to_string(),
    );
}

#[test]
fn postgres_keeps_decisions_as_sqlite_does() {
    let (Some(a), Some(b)) = (
        common::fresh_pg_database("rasid_review_a"),
        common::fresh_pg_database("rasid_review_b"),
    ) else {
        eprintln!("SKIP: RASID_TEST_PG is not set; decisions on PostgreSQL are not tested");
        return;
    };
    check_events_survive(&a.url, &b.url);
}

/// The first edge of `actor` of type `kind` stated by one article: (edge, its relation id,
/// its article).
fn single_edge(db: &str, actor: &str, kind: &str) -> (Value, String, String) {
    let edge = relations(db, actor)
        .into_iter()
        .find(|e| e["relation_type"] == kind && e["n_articles"] == 1)
        .unwrap_or_else(|| panic!("an {kind} edge of {actor} from one article"));
    let relation = edge["evidence"][0]["relation"]
        .as_str()
        .expect("id")
        .to_string();
    let article = edge["evidence"][0]["article"]
        .as_str()
        .expect("id")
        .to_string();
    (edge, relation, article)
}

fn has_edge(db: &str, actor: &str, kind: &str, a: &Value, b: &Value) -> Option<Value> {
    relations(db, actor)
        .into_iter()
        .find(|e| e["relation_type"] == kind && e["a"] == *a && e["b"] == *b)
}

#[test]
fn rejected_relations_and_actor_links_leave_the_graph() {
    let dir = scratch("review-graph");
    let db = dir.join("a.db").display().to_string();
    ingest(&db, &[&examples()]);

    // a relation rejected
    let (ally, relation, _) = single_edge(&db, "houthis", "ALLY");
    review(&db, &["--relation", &relation, "--reject"]);
    assert!(has_edge(&db, "houthis", "ALLY", &ally["a"], &ally["b"]).is_none());

    // a relation's type corrected
    let (other, relation, _) = single_edge(&db, "houthis", "ALLY");
    review(
        &db,
        &[
            "--relation",
            &relation,
            "--correct",
            r#"{"relation_type":"HOSTILE"}"#,
        ],
    );
    assert!(has_edge(&db, "houthis", "ALLY", &other["a"], &other["b"]).is_none());
    let flipped = has_edge(&db, "houthis", "HOSTILE", &other["a"], &other["b"])
        .expect("the corrected relation is an edge of its new type");
    assert_eq!(flipped["review"], "corrected");

    // an actor link rejected: the article no longer names that actor, so its edge and
    // its place in the article's events go
    let (hostile, _, article) = single_edge(&db, "houthis", "HOSTILE");
    let other_end = if hostile["a"] == "houthis" {
        hostile["b"].as_str().expect("id").to_string()
    } else {
        hostile["a"].as_str().expect("id").to_string()
    };
    let link = format!("{article}:{other_end}");
    review(&db, &["--actor", &link, "--reject"]);
    assert!(has_edge(&db, "houthis", "HOSTILE", &hostile["a"], &hostile["b"]).is_none());
    for e in events(&db) {
        for r in e["reports"].as_array().expect("reports") {
            if r["article"] == article.as_str() {
                assert!(
                    !e["actors"]
                        .as_array()
                        .expect("actors")
                        .contains(&other_end.clone().into()),
                    "{other_end} is gone from the events of article {article}: {e}"
                );
            }
        }
    }
    let jsonl = export(&db, "jsonl");
    run_ok(&["merge", "--full", "--db", &db]);
    assert_eq!(export(&db, "jsonl"), jsonl, "a whole merge agrees");
    let article_view = decisions(&db, &[]);
    assert_eq!(article_view.len(), 3);
    assert!(article_view.iter().all(|d| d["applies"] == true));
}

#[test]
fn decisions_whose_fact_is_gone_are_reported_and_counted() {
    let dir = scratch("review-orphans");
    let db = dir.join("a.db").display().to_string();
    ingest(&db, &[&examples()]);
    let evs = events(&db);
    // one decision on a report of each of two documents
    let mut by_document: Vec<(String, String)> = Vec::new();
    for e in &evs {
        let r = &e["reports"][0];
        let doc = r["source"].as_str().expect("source").to_string();
        if !by_document.iter().any(|(d, _)| *d == doc) {
            by_document.push((doc, r["event"].as_str().expect("id").to_string()));
        }
    }
    assert!(by_document.len() >= 2);
    review(&db, &["--event", &by_document[0].1, "--reject"]);
    review(&db, &["--event", &by_document[1].1, "--confirm"]);
    let table = String::from_utf8(run_ok(&["eval", "--reviews", "--db", &db])).expect("UTF-8");
    assert!(
        table.contains("| event | 0.500 | 1 | 1 | 0 | 0 | 0 |"),
        "one confirmed, one rejected: {table}"
    );

    // a store holding only the second document: the first decision has no fact there
    let file = dir.join("decisions.jsonl").display().to_string();
    run_ok(&["review", "export", "--db", &db, "-o", &file]);
    let only = examples().join(&by_document[1].0);
    let small = dir.join("small.db").display().to_string();
    ingest(&small, &[&only]);
    let out = rasid(&["review", "import", "--db", &small, &file]);
    assert!(out.status.success());
    let summary: Value = serde_json::from_slice(&out.stdout).expect("summary");
    assert_eq!(summary["not_applying"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--orphans"));
    let orphans = decisions(&small, &["--orphans"]);
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0]["verdict"], "reject");
    let table = String::from_utf8(run_ok(&["eval", "--reviews", "--db", &small])).expect("UTF-8");
    assert!(
        table.contains("| event | 1.000 | 1 | 0 | 0 | 1 | 0 |"),
        "the rejected fact is gone (fixed), the confirmed one holds: {table}"
    );
}

#[test]
fn bad_decisions_are_refused_and_store_nothing() {
    let dir = scratch("review-bad");
    let db = dir.join("a.db").display().to_string();
    ingest(&db, &[&examples()]);
    let evs = events(&db);
    let id = evs[0]["reports"][0]["event"]
        .as_str()
        .expect("id")
        .to_string();

    // refused: an unknown fact, a correction the fact cannot take
    for (args, says) in [
        (vec!["--event", "nope", "--reject"], "no such fact"),
        (
            vec!["--event", &id, "--correct", r#"{"relation_type":"ALLY"}"#],
            "relation_type",
        ),
    ] {
        let mut all = vec!["review", "add", "--db", &db, "--analyst", "lina"];
        all.extend_from_slice(&args);
        let out = rasid(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{args:?}"
        );
    }

    // one good and one bad line: neither is stored, the error names the line
    let good = review(&db, &["--event", &id, "--confirm"]);
    let mut line = good.clone();
    line.as_object_mut()
        .expect("object")
        .retain(|k, _| ["subject", "verdict", "analyst", "at"].contains(&k.as_str()));
    line["analyst"] = "omar".into();
    let mut bad = line.clone();
    bad["verdict"] = "maybe".into();
    let file = dir.join("decisions.jsonl");
    std::fs::write(&file, format!("{line}\n{bad}\n")).expect("write");
    let out = rasid(&["review", "import", "--db", &db, &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("decisions.jsonl:2"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(decisions(&db, &["--all"]).len(), 1);
}

#[test]
fn decisions_hold_when_the_store_is_extracted_again_with_another_kb() {
    let dir = scratch("review-reextract");
    let db = dir.join("a.db").display().to_string();
    ingest(&db, &[&examples()]);
    let (ally, relation, _) = single_edge(&db, "houthis", "ALLY");
    review(&db, &["--relation", &relation, "--reject"]);
    let (corrected, _) = lone_reports(&events(&db))[0].clone();
    review(
        &db,
        &[
            "--event",
            &corrected,
            "--correct",
            r#"{"actors":["yemen_army"]}"#,
        ],
    );
    let confidences =
        |db: &str| -> Vec<Value> { events(db).iter().map(|e| e["confidence"].clone()).collect() };
    let before = confidences(&db);

    let kb = web_common::doubtful_kb(&dir).display().to_string();
    let examples = examples().display().to_string();
    let summary: Value = serde_json::from_slice(&run_ok(&[
        "ingest",
        "--reextract",
        "--kb",
        &kb,
        "--db",
        &db,
        &examples,
    ]))
    .expect("summary");
    assert_eq!(summary["reextracted"], summary["documents"]);
    assert_eq!(summary["stored"], 0);
    assert_ne!(confidences(&db), before, "the facts were extracted again");

    assert!(
        has_edge(&db, "houthis", "ALLY", &ally["a"], &ally["b"]).is_none(),
        "the rejected relation stays out"
    );
    let e = event_of(&events(&db), &corrected)
        .cloned()
        .expect("the corrected report is still merged");
    assert_eq!(e["actors"][0], "yemen_army");
    assert_eq!(e["review"], "corrected");
    assert!(decisions(&db, &[]).iter().all(|d| d["applies"] == true));
    // the search index still finds the re-extracted articles, each once
    let hits = parse_lines(&run_ok(&["search", "الحوثي", "--db", &db, "--limit", "50"]));
    let mut ids: Vec<&str> = hits.iter().filter_map(|h| h["article"].as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert!(n > 0);
    assert_eq!(ids.len(), n, "no article found twice");
}
