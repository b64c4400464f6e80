//! End-to-end tests of watchlists and alerts (`rasid watchlist`, `rasid alerts`) on the
//! example pages: what matches when a watchlist is saved is not news, what a later ingest
//! brings is; a webhook on a local test server receives each new alert, retried after a
//! failure; a webhook that is down leaves the alerts pending and the ingest succeeds.

mod common;
mod web_common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use common::{parse_lines, repo_root, run_ok, scratch};
use serde_json::Value;
use web_common::example_batches;

fn ingest(db: &str, path: &Path) -> Value {
    serde_json::from_slice(&run_ok(&[
        "ingest",
        "--db",
        db,
        &path.display().to_string(),
    ]))
    .expect("summary")
}

fn alerts(db: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["alerts", "--db", db];
    args.extend_from_slice(extra);
    parse_lines(&run_ok(&args))
}

#[test]
fn a_later_ingest_brings_alerts_and_the_baseline_is_not_news() {
    let dir = scratch("watch-alerts");
    let (first, later) = example_batches(&dir);
    let db = dir.join("w.db").display().to_string();
    ingest(&db, &later);
    // saved after the Yemeni pages: they are its baseline
    run_ok(&["watchlist", "add", "yemen", "--country", "YE", "--db", &db]);
    ingest(&db, &first);
    assert!(
        alerts(&db, &[]).is_empty(),
        "nothing new in Yemen: {:?}",
        alerts(&db, &[])
    );

    let db = dir.join("w2.db").display().to_string();
    ingest(&db, &first);
    let saved: Value = serde_json::from_slice(&run_ok(&[
        "watchlist",
        "add",
        "houthis",
        "--actor",
        "الحوثيون",
        "--relation-type",
        "ALLY",
        "--no-events",
        "--db",
        &db,
    ]))
    .expect("watchlist");
    assert_eq!(
        saved["filter"]["actors"][0], "houthis",
        "the name resolves by the kb"
    );
    run_ok(&[
        "watchlist",
        "add",
        "yemen",
        "--country",
        "ye",
        "--type",
        "ATTACK",
        "--db",
        &db,
    ]);
    let summary = ingest(&db, &later);
    let new = summary["merge"]["alerts"].as_u64().expect("alerts");
    let found = alerts(&db, &["--unread"]);
    assert_eq!(found.len() as u64, new);
    let houthis: Vec<&Value> = found
        .iter()
        .filter(|a| a["watchlist"] == "houthis")
        .collect();
    assert!(!houthis.is_empty());
    assert!(houthis.iter().all(|a| a["kind"] == "edge"
        && a["title"]
            .as_str()
            .is_some_and(|t| t.contains("ALLY") && t.contains("houthis"))));
    let yemen: Vec<&Value> = found.iter().filter(|a| a["watchlist"] == "yemen").collect();
    assert!(!yemen.is_empty());
    assert!(yemen
        .iter()
        .all(|a| a["kind"] == "event"
            && a["title"].as_str().is_some_and(|t| t.starts_with("ATTACK"))));

    // the unread counts, then read
    let lists = parse_lines(&run_ok(&["watchlist", "list", "--db", &db]));
    let unread: u64 = lists.iter().map(|w| w["unread"].as_u64().expect("n")).sum();
    assert_eq!(unread, new);
    alerts(&db, &["--watchlist", "yemen", "--mark-read"]);
    assert_eq!(alerts(&db, &["--unread"]).len(), houthis.len());
    // ingesting the same pages again is not news
    ingest(&db, &later);
    assert_eq!(alerts(&db, &[]).len() as u64, new);
    run_ok(&["watchlist", "remove", "houthis", "--db", &db]);
    assert!(alerts(&db, &[]).iter().all(|a| a["watchlist"] == "yemen"));
}

/// A local HTTP server answering each request with the next status of `statuses` (then
/// 200), keeping the bodies it received.
fn webhook_server(statuses: Vec<u16>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/hook", listener.local_addr().expect("addr"));
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&bodies);
    std::thread::spawn(move || {
        let mut statuses = statuses.into_iter();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let status = statuses.next().unwrap_or(200);
            if status == 200 {
                seen.lock()
                    .expect("lock")
                    .push(String::from_utf8_lossy(&body).into_owned());
            }
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
        }
    });
    (url, bodies)
}

#[test]
fn new_alerts_reach_the_webhook_retried_after_a_failure() {
    let dir = scratch("watch-webhook");
    let (first, later) = example_batches(&dir);
    let db = dir.join("w.db").display().to_string();
    ingest(&db, &first);
    let (url, bodies) = webhook_server(vec![503]);
    run_ok(&[
        "watchlist",
        "add",
        "houthis",
        "--actor",
        "houthis",
        "--webhook",
        &url,
        "--db",
        &db,
    ]);
    let summary = ingest(&db, &later);
    let new = summary["merge"]["alerts"].as_u64().expect("alerts") as usize;
    assert!(new > 0);
    assert_eq!(summary["webhooks"]["delivered"], new);
    assert_eq!(summary["webhooks"]["pending"], 0);
    let bodies = bodies.lock().expect("lock").clone();
    assert_eq!(
        bodies.len(),
        new,
        "one POST per alert, the failed one retried"
    );
    let first_body: Value = serde_json::from_str(&bodies[0]).expect("JSON body");
    assert_eq!(first_body["watchlist"], "houthis");
    assert!(first_body["alert"]["fact"].is_string());
}

#[test]
fn a_webhook_that_is_down_leaves_alerts_pending_and_the_ingest_succeeds() {
    let dir = scratch("watch-down");
    let (first, later) = example_batches(&dir);
    let db = dir.join("w.db").display().to_string();
    ingest(&db, &first);
    // a port nobody listens on
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let url = format!("http://127.0.0.1:{port}/hook");
    run_ok(&["watchlist", "add", "all", "--webhook", &url, "--db", &db]);
    let summary = ingest(&db, &later);
    let new = summary["merge"]["alerts"].as_u64().expect("alerts");
    assert!(new > 0);
    assert_eq!(summary["webhooks"]["delivered"], 0);
    assert_eq!(summary["webhooks"]["pending"], new);
    assert_eq!(summary["webhooks"]["failures"][0][0], url.as_str());
    // the alerts themselves are there
    assert_eq!(alerts(&db, &["--unread"]).len() as u64, new);
}

#[test]
fn bad_watchlists_are_refused() {
    let dir = scratch("watch-bad");
    let db = dir.join("w.db").display().to_string();
    run_ok(&[
        "ingest",
        "--db",
        &db,
        &repo_root().join("examples").display().to_string(),
    ]);
    for args in [
        vec!["--type", "PARADE"],
        vec!["--relation-type", "FRIEND"],
        vec!["--actor", "no such group at all"],
        vec!["--webhook", "ftp://example.org/x"],
    ] {
        let mut all = vec!["watchlist", "add", "w", "--db", &db];
        all.extend_from_slice(&args);
        let out = common::rasid(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?} is refused");
    }
    assert!(parse_lines(&run_ok(&["watchlist", "list", "--db", &db])).is_empty());
}
