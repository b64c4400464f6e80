//! The incremental merge gives the full merge's store: SaudiNewsNet articles (read from
//! `../shared/`), with exact and near copies of some of them under other sources, are
//! ingested batch after batch in an order unrelated to their dates — so that new
//! articles land before, between and after those stored, and copies arrive before their
//! originals — each ingest merging only what it added; the export must then equal the
//! one after `rasid merge --full` on the same store. On PostgreSQL (`RASID_TEST_PG`),
//! two ingests run at once.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{run_ok, scratch, shared};
use serde_json::Value;

/// Records sampled from the corpus, plus copies: every 12th again under another source
/// and id (an exact copy), every 17th with a sentence added (a near copy) and an earlier
/// date, so that the copy comes first in the merge's order. And how many copies.
fn sample(take: usize) -> Option<(Vec<Value>, usize)> {
    let corpus = shared()?.join("corpus/saudinewsnet/articles.jsonl.gz");
    let gz = std::fs::File::open(&corpus).expect("the corpus");
    let records: Vec<Value> = BufReader::new(flate2::read::GzDecoder::new(gz))
        .lines()
        .map(|l| l.expect("a corpus line"))
        .filter(|l| !l.trim().is_empty())
        .step_by(7)
        .take(take)
        .map(|l| serde_json::from_str(&l).expect("a corpus record"))
        .collect();
    let mut out = records.clone();
    for (i, r) in records.iter().enumerate() {
        if i % 12 == 0 {
            let mut copy = r.clone();
            copy["id"] = format!("copy-{i}").into();
            copy["source"] = "wire-copy".into();
            out.push(copy);
        }
        if i % 17 == 0 {
            let mut near = r.clone();
            near["id"] = format!("near-{i}").into();
            near["source"] = "wire-near".into();
            let content = near["content"].as_str().unwrap_or_default().to_string();
            near["content"] = format!("{content} وأكد المصدر أن التحقيقات ما زالت جارية.").into();
            near["date_extracted"] = "2015-01-02 08:00:00".into();
            out.push(near);
        }
    }
    let copies = out.len() - records.len();
    Some((out, copies))
}

/// `records` in batch files, in an order that has nothing to do with their dates: three
/// quarters in the first (the store the others are added to), the rest in `n` small ones,
/// each less than a sixteenth of the store (larger ones are merged by a full merge).
fn batches(records: &[Value], n: usize, dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<String> = vec![String::new(); n + 1];
    for (i, r) in records.iter().enumerate() {
        // a fixed scramble: neighbours in the corpus land in different batches
        let batch = if i % 4 == 0 {
            1 + (i / 4 * 7 + i / 12) % n
        } else {
            0
        };
        files[batch].push_str(&format!("{r}\n"));
    }
    files
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let path = dir.join(format!("batch-{i}.jsonl"));
            std::fs::write(&path, text).expect("a batch file");
            path
        })
        .collect()
}

fn ingest(db: &str, path: &Path) -> Value {
    let out = run_ok(&["ingest", "--db", db, &path.display().to_string()]);
    serde_json::from_slice(&out).expect("ingest prints one JSON summary")
}

fn export(db: &str) -> String {
    String::from_utf8(run_ok(&["export", "--format", "jsonl", "--db", db])).expect("UTF-8")
}

fn full_merge(db: &str) -> Value {
    serde_json::from_slice(&run_ok(&["merge", "--full", "--db", db])).expect("a summary")
}

/// The export after incremental merges equals the export after a full one, which found
/// at least the `copies` made.
fn check_equal_to_full(db: &str, copies: usize) {
    let incremental = export(db);
    let summary = full_merge(db);
    assert_eq!(summary["full"], true);
    let full = export(db);
    assert!(
        incremental == full,
        "incremental and full merges differ: {} vs {} bytes; first differing line: {:?}",
        incremental.len(),
        full.len(),
        incremental
            .lines()
            .zip(full.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| (
                a.chars().take(300).collect::<String>(),
                b.chars().take(300).collect::<String>()
            ))
    );
    let lines: Vec<Value> = full
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let count = |t: &str| lines.iter().filter(|l| l["type"] == t).count();
    assert!(
        count("merged_event") > 50,
        "events: {}",
        count("merged_event")
    );
    assert!(count("edge") > 20, "edges: {}", count("edge"));
    let found = lines
        .iter()
        .filter(|l| l["type"] == "article" && !l["duplicate_of"].is_null())
        .count();
    assert!(found >= copies, "copies found: {found} of {copies} made");
}

#[test]
fn batch_by_batch_incremental_merges_equal_one_full_merge() {
    let Some((records, copies)) = sample(700) else {
        eprintln!("SKIP: ../shared/corpus is not here");
        return;
    };
    let dir = scratch("incremental-merge");
    let db = dir.join("store.db").display().to_string();
    let files = batches(&records, 8, &dir);
    ingest(&db, &files[0]);
    for (i, f) in files.iter().enumerate().skip(1) {
        let summary = ingest(&db, f);
        assert_eq!(
            summary["merge"]["full"], false,
            "batch {i}: the merge of an ingest takes only the new articles"
        );
        assert!(summary["merge"]["new_articles"].as_u64() > Some(0));
    }
    check_equal_to_full(&db, copies);
}

#[test]
fn postgres_concurrent_incremental_merges_equal_one_full_merge() {
    let Some(db) = common::fresh_pg_database("rasid_incr") else {
        eprintln!("SKIP: RASID_TEST_PG is not set; the PostgreSQL path is not tested");
        return;
    };
    let Some((records, copies)) = sample(300) else {
        eprintln!("SKIP: ../shared/corpus is not here");
        return;
    };
    let dir = scratch("incremental-merge-pg");
    let files = batches(&records, 8, &dir);
    run_ok(&["ingest", "--db", &db.url, &files[0].display().to_string()]);
    // then two workers at once, each ingesting four batches one after the other
    let spawn = |files: Vec<PathBuf>| {
        let url = db.url.clone();
        std::thread::spawn(move || {
            for f in files {
                let out = Command::new(env!("CARGO_BIN_EXE_rasid"))
                    .args(["ingest", "--db", &url, "--batch", "5"])
                    .arg(&f)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .output()
                    .expect("rasid ingest");
                assert!(
                    out.status.success(),
                    "ingest of {} failed: {}",
                    f.display(),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let one = spawn(files.iter().skip(1).step_by(2).cloned().collect());
    let two = spawn(files.iter().skip(2).step_by(2).cloned().collect());
    for worker in [one, two] {
        worker.join().expect("a worker ends");
    }
    check_equal_to_full(&db.url, copies);
}
