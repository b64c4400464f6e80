//! Helpers for the end-to-end tests: run the real `rasid` binary and read its output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository, if present (tests that need it skip otherwise).
pub fn shared() -> Option<PathBuf> {
    let p = repo_root().join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("SKIP: ../shared is not beside the repository; this test needs its corpora");
        None
    }
}

/// A fresh directory under the system temp dir for one test.
pub fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "rasid-test-{}-{}-{}",
        name,
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub fn run_ok(args: &[&str]) -> Vec<u8> {
    let out = rasid(args);
    assert!(
        out.status.success(),
        "rasid {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

pub fn rasid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .output()
        .expect("the rasid binary runs")
}

/// Run `rasid extract PATHS...`, expecting success, and parse the JSON Lines.
pub fn extract(paths: &[&Path]) -> Vec<Value> {
    let mut args = vec!["extract".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = rasid(&args);
    assert!(
        out.status.success(),
        "rasid extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse_lines(&out.stdout)
}

pub fn parse_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

pub fn chars_of(text: &str) -> Vec<char> {
    text.chars().collect()
}

/// Check that every span with `text`, `start`, `end` inside `value` satisfies
/// `text == doc[start..end]`; returns how many spans were checked.
pub fn check_spans(value: &Value, doc: &[char], path: &str) -> usize {
    let mut n = 0;
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(t)), Some(s), Some(e)) =
                (map.get("text"), map.get("start"), map.get("end"))
            {
                let (s, e) = (
                    s.as_u64().unwrap_or(0) as usize,
                    e.as_u64().unwrap_or(0) as usize,
                );
                let rule = map.get("rule").and_then(Value::as_str).unwrap_or("");
                assert!(
                    s <= e && e <= doc.len(),
                    "{path}: span {s}..{e} outside the document"
                );
                let got: String = doc[s..e].iter().collect();
                assert_eq!(&got, t, "{path}: span {s}..{e} ({rule})");
                n += 1;
            }
            for (k, v) in map {
                n += check_spans(v, doc, &format!("{path}.{k}"));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                n += check_spans(v, doc, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
    n
}

/// Article blocks (kept lines) as text.
pub fn block_texts(article: &Value, doc: &[char]) -> Vec<String> {
    article["blocks"]
        .as_array()
        .map(|bs| {
            bs.iter()
                .map(|b| {
                    let s = b[0].as_u64().unwrap_or(0) as usize;
                    let e = b[1].as_u64().unwrap_or(0) as usize;
                    doc[s..e].iter().collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A fresh, empty PostgreSQL database on the server `RASID_TEST_PG` names (see
/// `rasid_store::scratch`), dropped when it goes out of scope. `None` (the caller says SKIP)
/// when the variable is unset.
pub fn fresh_pg_database(prefix: &str) -> Option<rasid_store::scratch::ScratchDatabase> {
    rasid_store::scratch::scratch_database(prefix).map(|db| db.expect("a scratch database"))
}
