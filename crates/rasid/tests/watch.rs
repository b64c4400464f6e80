//! End-to-end test of `rasid watch` against a feed served by a local test server (no
//! outside network): a new item is stored within one cycle, robots.txt is obeyed, an
//! unchanged feed is answered 304 and never sent again, and a new page about a followed
//! group becomes an alert.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use common::{parse_lines, repo_root, run_ok, scratch};
use serde_json::Value;

/// Our own page about a Houthi attack (written for this test).
const HOUTHI_PAGE: &str = "<html><head><title>هجوم حوثي بطائرات مسيرة على مأرب</title></head>\
<body><h1>هجوم حوثي بطائرات مسيرة على مأرب</h1><p>شنت جماعة الحوثي، أمس الأربعاء، هجوماً \
بطائرات مسيرة على مواقع الجيش اليمني في مديرية صرواح غرب مأرب، ما أدى إلى مقتل ثلاثة جنود \
وإصابة خمسة آخرين، بحسب مصدر عسكري.</p><p>وقال المصدر إن قوات الجيش أسقطت طائرتين \
مسيرتين قبل وصولهما إلى أهدافهما.</p></body></html>";

/// The test site: its feed's items, and how often each path was served with a body.
#[derive(Default)]
struct Site {
    items: Vec<String>,
    version: u32,
    served: HashMap<String, usize>,
}

fn rss(base: &str, items: &[String]) -> String {
    let items: String = items
        .iter()
        .map(|p| format!("<item><title>خبر</title><link>{base}{p}</link></item>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title><link>{base}/</link>{items}</channel></rss>"#
    )
}

/// Serve the site on a free port: robots.txt forbids /private/; the feed has an ETag and
/// answers 304 to it.
fn serve(site: Arc<Mutex<Site>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let own = base.clone();
    let arrest = std::fs::read(repo_root().join("examples/cell_arrest.html")).expect("example");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut if_none_match = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("if-none-match:") {
                    if_none_match = Some(v.trim().to_string());
                }
            }
            let mut site = site.lock().expect("lock");
            let etag = format!("\"v{}\"", site.version);
            let (status, ctype, body): (u16, &str, Vec<u8>) = match path.as_str() {
                "/robots.txt" => (200, "text/plain", b"User-agent: *\nDisallow: /private/\n".to_vec()),
                "/feed.xml" if if_none_match.as_deref() == Some(etag.as_str()) => {
                    (304, "application/rss+xml", Vec::new())
                }
                "/feed.xml" => (200, "application/rss+xml", rss(&own, &site.items).into_bytes()),
                "/sitemap.xml" if if_none_match.as_deref() == Some(etag.as_str()) => {
                    (304, "application/xml", Vec::new())
                }
                // the same page list whatever the version: sent again, never read again
                "/sitemap.xml" => (
                    200,
                    "application/xml",
                    format!(r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{own}/news/1.html</loc></url></urlset>"#).into_bytes(),
                ),
                "/news/1.html" => (200, "text/html; charset=utf-8", arrest.clone()),
                "/news/3.html" => (200, "text/html; charset=utf-8", HOUTHI_PAGE.as_bytes().to_vec()),
                "/private/2.html" => (200, "text/html", b"<p>secret</p>".to_vec()),
                _ => (404, "text/plain", b"not found".to_vec()),
            };
            if status == 200 {
                *site.served.entry(path.clone()).or_default() += 1;
            }
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-type: {ctype}\r\netag: {etag}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    base
}

fn watch_once(sources: &Path, db: &str) -> Value {
    let out = run_ok(&[
        "watch",
        "--sources",
        &sources.display().to_string(),
        "--once",
        "--db",
        db,
    ]);
    let lines = parse_lines(&out);
    assert_eq!(lines.len(), 1, "one line per cycle");
    lines[0].clone()
}

#[test]
fn watch_takes_new_items_once_obeys_robots_and_never_refetches_an_unchanged_feed() {
    let dir = scratch("watch-feed");
    let site = Arc::new(Mutex::new(Site {
        items: vec!["/news/1.html".into(), "/private/2.html".into()],
        version: 1,
        ..Site::default()
    }));
    let base = serve(Arc::clone(&site));
    let sources = dir.join("sources.toml");
    std::fs::write(
        &sources,
        format!(
            "interval_seconds = 1\npoliteness_seconds = 0\n\n[[source]]\nkind = \"feed\"\nurl = \"{base}/feed.xml\"\n\n[[source]]\nkind = \"sitemap\"\nurl = \"{base}/sitemap.xml\"\n"
        ),
    )
    .expect("sources");
    let db = dir.join("w.db").display().to_string();
    // a store with one page, and a watchlist on the Houthis
    run_ok(&[
        "ingest",
        "--db",
        &db,
        &repo_root()
            .join("examples/truce_windows1256.txt")
            .display()
            .to_string(),
    ]);
    run_ok(&[
        "watchlist",
        "add",
        "houthis",
        "--actor",
        "houthis",
        "--db",
        &db,
    ]);

    let first = watch_once(&sources, &db);
    assert_eq!(first["fetch"]["feeds"], 2);
    // the sitemap lists a page the feed lists too: taken once
    assert_eq!(first["fetch"]["new_items"], 2);
    assert_eq!(first["fetch"]["pages_saved"], 1);
    assert_eq!(first["fetch"]["robots_blocked"], 1);
    assert_eq!(first["ingest"]["stored"], 1);
    assert!(dir.join("rasid-watch/state.json").is_file());

    // nothing new: the feed is answered 304, twice, and no page is asked for
    let out = run_ok(&[
        "watch",
        "--sources",
        &sources.display().to_string(),
        "--cycles",
        "2",
        "--db",
        &db,
    ]);
    let cycles = parse_lines(&out);
    assert_eq!(cycles.len(), 2);
    for c in &cycles {
        assert_eq!(c["fetch"]["not_modified"], 2, "{c}");
        assert_eq!(c["fetch"]["pages_saved"], 0);
        assert!(c["ingest"].is_null());
    }
    {
        let site = site.lock().expect("lock");
        assert_eq!(
            site.served.get("/feed.xml"),
            Some(&1),
            "the unchanged feed is sent once"
        );
        assert_eq!(site.served.get("/news/1.html"), Some(&1));
        assert_eq!(
            site.served.get("/private/2.html"),
            None,
            "robots.txt is obeyed"
        );
    }

    // a new item about the Houthis: stored in the next cycle, and an alert
    {
        let mut site = site.lock().expect("lock");
        site.items.insert(0, "/news/3.html".into());
        site.version = 2;
    }
    let third = watch_once(&sources, &db);
    assert_eq!(third["fetch"]["new_items"], 1);
    assert_eq!(
        third["fetch"]["unchanged"], 1,
        "the sitemap's body is the same: not read"
    );
    assert_eq!(third["fetch"]["pages_saved"], 1);
    assert_eq!(third["ingest"]["stored"], 1);
    assert!(
        third["ingest"]["alerts"].as_u64().is_some_and(|n| n >= 1),
        "{third}"
    );
    let alerts = parse_lines(&run_ok(&["alerts", "--db", &db]));
    assert!(alerts.iter().any(|a| a["watchlist"] == "houthis"
        && a["title"].as_str().is_some_and(|t| t.contains("houthis"))));
    // each stored page keeps the URL it came from
    let export = String::from_utf8(run_ok(&["export", "--db", &db])).expect("UTF-8");
    for page in ["/news/1.html", "/news/3.html"] {
        assert!(
            export.contains(&format!(r#""url":"{base}{page}""#)),
            "{page} is stored with its URL"
        );
    }
}

#[test]
fn a_bad_sources_file_is_named() {
    let dir = scratch("watch-bad");
    let sources = dir.join("sources.toml");
    std::fs::write(
        &sources,
        "[[source]]\nkind = \"feed\"\nurl = \"ftp://example.org/x\"\n",
    )
    .expect("write");
    let out = common::rasid(&[
        "watch",
        "--sources",
        &sources.display().to_string(),
        "--once",
        "--db",
        &dir.join("w.db").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sources.toml") && err.contains("source 1"),
        "{err}"
    );
}
