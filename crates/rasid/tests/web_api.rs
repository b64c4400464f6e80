//! The HTTP API over real HTTP: `rasid ingest examples/` into a temp SQLite store, then
//! `rasid serve --addr 127.0.0.1:0`, then requests with ureq; the same answers from a
//! PostgreSQL store when `RASID_TEST_PG` names a server.

mod common;
mod web_common;

use serde_json::{json, Value};
use web_common::{
    enc, get, get_json, post, post_review, serve_db, serve_examples, serve_examples_writable,
    ANALYST, TOKEN,
};

#[test]
fn search_finds_the_houthis_as_actor_and_in_articles() {
    let s = serve_examples("search");
    let r = get_json(&s, &format!("/api/search?q={}", enc("الحوثي")));
    assert_eq!(r["query"], "الحوثي");
    let actors: Vec<&str> = r["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(actors.contains(&"houthis"), "{actors:?}");
    let hits = r["hits"].as_array().unwrap();
    assert!(hits.len() >= 3, "{hits:?}");
    // a plural form and a clitic form find the same articles
    let plural = get_json(&s, &format!("/api/search?q={}", enc("للحوثيين")));
    assert!(!plural["hits"].as_array().unwrap().is_empty());
    // the same actor by its other name
    let other = get_json(&s, &format!("/api/search?q={}", enc("أنصار الله")));
    assert!(other["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == "houthis"));
}

#[test]
fn article_has_annotations_inside_its_text() {
    let s = serve_examples("article");
    let r = get_json(&s, &format!("/api/search?q={}", enc("الحرس الثوري")));
    let id = r["hits"][0]["article"].as_str().expect("a hit").to_string();
    let a = get_json(&s, &format!("/api/articles/{id}"));
    let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    let anns = a["annotations"].as_array().unwrap();
    assert!(!anns.is_empty());
    let mut kinds = std::collections::BTreeSet::new();
    for x in anns {
        let (start, end) = (
            x["start"].as_u64().unwrap() as usize,
            x["end"].as_u64().unwrap() as usize,
        );
        let span: String = text[start..end].iter().collect();
        assert_eq!(span, x["text"].as_str().unwrap(), "{x}");
        kinds.insert(x["kind"].as_str().unwrap().to_string());
        if x["kind"] == "event" {
            assert!(x["modality"].is_string());
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["actor", "event", "place"]
    );
    let houthis = anns
        .iter()
        .find(|x| x["id"] == "houthis")
        .expect("a Houthi highlight");
    assert_eq!(houthis["name_en"], "Houthis");
    assert_eq!(houthis["label"], "armed_group");
    assert!(!a["relations"].as_array().unwrap().is_empty());
    assert!(!a["blocks"].as_array().unwrap().is_empty());
}

#[test]
fn houthi_allies_come_with_evidence() {
    let s = serve_examples("actor");
    let a = get_json(&s, "/api/actors/houthis");
    assert_eq!(a["name_en"], "Houthis");
    assert!(a["aliases"].as_array().unwrap().len() >= 2);
    assert!(!a["timeline"].as_array().unwrap().is_empty());
    assert!(!a["articles"].as_array().unwrap().is_empty());
    let allies: Vec<&Value> = a["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["relation_type"] == "ALLY")
        .collect();
    let ids: Vec<&str> = allies
        .iter()
        .map(|r| r["other"].as_str().unwrap())
        .collect();
    for want in ["irgc", "hezbollah", "aqap"] {
        assert!(ids.contains(&want), "{want} not among {ids:?}");
    }
    for r in &allies {
        let ev = r["evidence"].as_array().unwrap();
        assert!(!ev.is_empty());
        assert!(ev[0]["text"].as_str().unwrap().chars().count() > 20);
        assert!(ev[0]["article"].is_string());
    }
    // an Arabic name seen in the store resolves to the same actor
    let by_name = get_json(&s, &format!("/api/actors/{}", enc("جماعة الحوثي")));
    assert_eq!(by_name["id"], "houthis");
    // the graph around the Houthis holds those edges
    let g = get_json(&s, "/api/graph?actor=houthis&types=ALLY");
    assert!(g["edges"].as_array().unwrap().len() >= 3);
    assert!(g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "irgc" && n["name_en"].is_string()));
}

#[test]
fn events_filter_and_csv() {
    let s = serve_examples("events");
    let all = get_json(&s, "/api/events");
    let n = all["count"].as_u64().unwrap();
    assert!(n >= 5);
    let attacks = get_json(&s, "/api/events?type=attack");
    assert!(attacks["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["event_type"] == "ATTACK"));
    let ye = get_json(
        &s,
        "/api/events?country=ye&actor=houthis&from=2024-01-01&to=2024-12-31",
    );
    assert!(ye["count"].as_u64().unwrap() >= 1);
    for e in ye["events"].as_array().unwrap() {
        assert_eq!(e["country"], "YE");
        assert!(e["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "houthis"));
        assert!(e["reports"][0]["evidence"][0]["text"].is_string());
    }
    assert!(ye["names"]["houthis"]["name_ar"].is_string());
    let (status, ctype, csv) = get(&s, "/api/events.csv?type=ATTACK");
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/csv"));
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("id,event_type,date_start"));
    assert_eq!(
        lines.count() as u64,
        attacks["count"].as_u64().unwrap(),
        "one row per event"
    );
    let places = get_json(&s, "/api/places");
    assert!(places["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["country"] == "YE" && p["lat"].is_number()));
}

#[test]
fn exports_download_the_same_bytes_as_the_command_line() {
    let s = serve_examples("exports");
    let db = s.dir.join("rasid.db").display().to_string();
    for (format, ctype, file) in [
        ("stix", "application/stix+json", "rasid.stix.json"),
        ("acled-csv", "text/csv", "events.acled.csv"),
        ("gexf", "application/gexf+xml", "graph.gexf"),
        ("geojson", "application/geo+json", "events.geojson"),
    ] {
        let (status, got, body) = get(&s, &format!("/api/export/{format}"));
        assert_eq!(status, 200, "{format}: {body}");
        assert!(got.starts_with(ctype), "{format}: {got}");
        let cli = common::run_ok(&["export", "--db", &db, "--format", format]);
        assert_eq!(
            body.as_bytes(),
            cli.as_slice(),
            "{format}: API and CLI differ"
        );
        let disposition = web_common::agent()
            .get(&format!("{}/api/export/{format}", s.base))
            .call()
            .expect("GET")
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        assert_eq!(
            disposition.as_deref(),
            Some(format!("attachment; filename=\"{file}\"").as_str())
        );
    }
    let (_, _, houthi) = get(
        &s,
        &format!("/api/export/acled-csv?actor={}", enc("الحوثيين")),
    );
    let cli = common::run_ok(&[
        "export",
        "--db",
        &db,
        "--format",
        "acled-csv",
        "--actor",
        "houthis",
    ]);
    assert_eq!(
        houthi.as_bytes(),
        cli.as_slice(),
        "the actor filter by name and by id"
    );
    assert!(houthi.lines().count() > 1 && houthi.lines().count() < 10);
}

#[test]
fn stats_articles_openapi_and_page() {
    let s = serve_examples("misc");
    let st = get_json(&s, "/api/stats");
    assert!(st["counts"]["articles"].as_i64().unwrap() >= 6);
    assert!(st["relations_by_type"]["ALLY"].as_i64().unwrap() >= 3);
    let arts = get_json(&s, "/api/articles?limit=3");
    assert_eq!(arts.as_array().unwrap().len(), 3);
    let doc = get_json(&s, "/api/openapi.json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/search",
        "/api/articles/{id}",
        "/api/actors/{id}",
        "/api/events",
        "/api/events.csv",
        "/api/export/{format}",
        "/api/graph",
        "/api/stats",
        "/api/reviews",
    ] {
        assert!(doc["paths"][p]["get"].is_object(), "{p} missing");
    }
    assert!(doc["paths"]["/api/reviews"]["post"]["responses"]["401"].is_object());
    assert!(doc["components"]["schemas"]["ArticleView"].is_object());
    let (status, ctype, html) = get(&s, "/");
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/html"));
    assert!(html.contains("dir=\"rtl\""));
    for asset in [
        "/assets/app.js",
        "/assets/review.js",
        "/assets/vendor/cytoscape/cytoscape.min.js",
        "/assets/vendor/leaflet/leaflet.js",
        "/assets/vendor/world-atlas/countries-50m.json",
    ] {
        let (status, _, body) = get(&s, asset);
        assert_eq!(status, 200, "{asset}");
        assert!(body.len() > 1000, "{asset}");
    }
}

#[test]
fn bad_requests_are_json_errors() {
    let s = serve_examples("errors");
    for (path, want) in [
        ("/api/articles/nope", 404),
        ("/api/articles/%FF%FE", 400),
        ("/api/actors/nobody-at-all", 404),
        ("/api/search", 400),
        ("/api/search?q=%20", 400),
        ("/api/search?q=x&limit=abc", 400),
        ("/api/search?q=x&limit=0", 400),
        ("/api/search?q=x&limit=999999", 400),
        ("/api/events?type=PICNIC", 400),
        ("/api/events?from=yesterday", 400),
        ("/api/events?to=2024-1-1", 400),
        ("/api/events?country=Yemen", 400),
        ("/api/events?actor=nobody-at-all", 404),
        ("/api/events.csv?type=nope", 400),
        ("/api/graph?types=FRIENDS", 400),
        ("/api/graph?min_weight=heavy", 400),
        ("/api/events?min_confidence=1.5", 400),
        ("/api/events?min_confidence=sure", 400),
        ("/api/events.csv?min_confidence=-0.2", 400),
        ("/api/graph?min_confidence=2", 400),
        ("/api/articles?offset=-1", 400),
        ("/api/export/xlsx", 404),
        ("/api/export/stix?from=2015-13-01", 400),
        ("/api/events?from=2015-02-31", 400),
        ("/api/export/acled-csv?actor=nobody-at-all", 404),
        ("/api/no-such-route", 404),
        ("/assets/nothing.js", 404),
    ] {
        let (status, ctype, body) = get(&s, path);
        assert_eq!(status, want, "{path}: {body}");
        assert!(ctype.starts_with("application/json"), "{path}: {ctype}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(!v["error"].as_str().unwrap().is_empty(), "{path}");
        assert_eq!(v["status"], want);
    }
    // a very long query is refused, not run
    let long = "ب".repeat(600);
    let (status, _, _) = get(&s, &format!("/api/search?q={}", enc(&long)));
    assert_eq!(status, 400);
    // the server is still up
    get_json(&s, "/api/stats");
}

/// The same answers from a PostgreSQL store (`RASID_TEST_PG`, as for the store tests):
/// the web reads are written once for both databases.
#[test]
fn postgres_store_gives_the_same_answers() {
    let Some(db) = common::fresh_pg_database("rasid_web") else {
        println!("SKIP: RASID_TEST_PG is not set; the web API over PostgreSQL is not tested");
        return;
    };
    let url = db.url.clone();
    {
        let dir = std::env::temp_dir().join(format!("rasid-web-pg-{}", std::process::id()));
        let pg = web_common::serve_examples_in(dir, &url);
        let lite = serve_examples("pg-lite");
        let both = |path: &str| (get_json(&pg, path), get_json(&lite, path));

        let (p, l) = both("/api/stats");
        assert_eq!(p, l);
        let (p, l) = both("/api/graph");
        assert_eq!(p, l);
        let (p, l) = both("/api/actors/houthis");
        let edges = |v: &Value| {
            let mut e: Vec<(String, String, u64)> = v["relations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["relation_type"].as_str().unwrap().to_string(),
                        r["other"].as_str().unwrap().to_string(),
                        r["n_evidence"].as_u64().unwrap(),
                    )
                })
                .collect();
            e.sort();
            e
        };
        assert_eq!(edges(&p), edges(&l));
        assert_eq!(p["aliases"], l["aliases"]);
        assert_eq!(p["timeline"], l["timeline"]);
        assert_eq!(p["articles"], l["articles"]);
        let (p, l) = both(&format!("/api/search?q={}", enc("الحوثي")));
        let ids = |v: &Value| {
            let mut ids: Vec<String> = v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["article"].as_str().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&p), ids(&l));
        assert_eq!(p["actors"], l["actors"]);
        // the actors whose names contain a piece of text
        let (pa, la) = both(&format!("/api/actors?q={}", enc("حوث")));
        assert_eq!(pa, la);
        assert!(la.as_array().is_some_and(|a| !a.is_empty()), "{la}");
        let article = ids(&l)[0].clone();
        let (p, l) = both(&format!("/api/articles/{article}"));
        assert_eq!(p, l);
        let (p, l) = both("/api/articles?limit=100");
        assert_eq!(p, l);
        let (p, l) = both("/api/events?country=YE");
        assert_eq!(p, l);
        assert_eq!(
            get(&pg, "/api/events.csv").2,
            get(&lite, "/api/events.csv").2
        );
        for format in ["stix", "acled-csv", "graphml", "gexf", "geojson"] {
            let path = format!("/api/export/{format}");
            assert_eq!(get(&pg, &path).2, get(&lite, &path).2, "{format}");
        }
        let (p, l) = both("/api/places");
        let names = |v: &Value| {
            v["places"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| (x["name_ar"].to_string(), x["country"].to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&p), names(&l));
    }
}

/// The command line and the API answer from one read path: `rasid query events` prints
/// the API's `events`, `rasid query timeline` the events of the actor page's timeline, and
/// `rasid query relations` the edges of its relations.
#[test]
fn cli_and_api_give_the_same_answers() {
    let s = serve_examples("one-path");
    let db = s.dir.join("rasid.db");
    let db = db.to_str().expect("utf-8 temp path");
    let cli = |args: &[&str]| -> Vec<Value> {
        let mut args = args.to_vec();
        args.extend(["--db", db]);
        let out = common::rasid(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        common::parse_lines(&out.stdout)
    };
    for (args, query) in [
        (vec!["query", "events"], "/api/events"),
        (
            vec![
                "query",
                "events",
                "--type",
                "attack",
                "--country",
                "ye",
                "--from",
                "2024-03",
            ],
            "/api/events?type=attack&country=ye&from=2024-03",
        ),
        (
            vec!["query", "events", "--actor", "الحوثيين", "--limit", "3"],
            "/api/events?actor=houthis&limit=3",
        ),
    ] {
        let api = get_json(&s, query);
        let printed = cli(&args);
        assert!(!printed.is_empty(), "{args:?}");
        assert_eq!(Value::Array(printed), api["events"], "{args:?}");
    }
    let page = get_json(&s, "/api/actors/houthis");
    let timeline = cli(&["query", "timeline", "houthis"]);
    let ids = |v: &[Value]| -> Vec<String> {
        v.iter()
            .map(|e| e["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(ids(&timeline), ids(page["timeline"].as_array().unwrap()));
    for (full, short) in timeline.iter().zip(page["timeline"].as_array().unwrap()) {
        assert_eq!(
            short["reports"][0]["evidence"][0],
            full["reports"][0]["evidence"][0]
        );
        assert_eq!(short["reports"].as_array().map(Vec::len), Some(1));
    }
    let relations = cli(&["query", "relations", "جماعة الحوثي"]);
    let edges: Vec<&Value> = relations.iter().map(|e| &e["id"]).collect();
    let on_page: Vec<&Value> = page["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["edge"])
        .collect();
    assert_eq!(edges, on_page);
}

/// A one-article document: an attack in `place` by `actors` (or, with none, on
/// `targets`), with its background flag and confidence, and a relation `(a, b, type)` with
/// its confidence.
fn scored_document(
    source: &str,
    place: &str,
    actors: &[&str],
    targets: &[&str],
    background: bool,
    confidence: f32,
    relation: (&str, &str, &str, f32),
) -> rasid_store::StoredDocument {
    let text = format!("هجوم في {place}\n\nاستهدف هجوم مواقع في {place} يوم 2 مايو.");
    let chars = text.chars().count();
    let ev = json!({"text": "استهدف هجوم", "start": 12, "end": 23, "rule": "event:test"});
    let named: Vec<&str> = actors.iter().chain(targets).copied().collect();
    let record: rasid_model::DocumentRecord = serde_json::from_value(json!({
        "source": source, "chars": chars,
        "articles": [{
            "title": format!("هجوم في {place}"), "main": true, "relevant": true,
            "duplicate_of": null, "published": "2024-05-02", "outlet": null,
            "actors": named.iter().map(|a| json!({"id": a, "kind": "armed_group", "name_ar": a,
                "name_en": null, "affiliation": null, "mentions": []})).collect::<Vec<_>>(),
            "places": [{"name_ar": place, "name_en": null, "country": "YE", "lat": null,
                "lon": null, "admin1": null, "mentions": []}],
            "events": [{"type": "ATTACK", "subtype": null, "actors": actors, "targets": targets,
                "background": background, "confidence": confidence, "place": place,
                "date": "2024-05-02", "date_end": null, "killed": null, "injured": null,
                "modality": "reported", "claimed_by": null, "evidence": ev}],
            "relations": [{"a": relation.0, "b": relation.1, "type": relation.2,
                "confidence": relation.3, "evidence": [ev]}],
            "span": [0, chars], "blocks": [[0, chars]],
            "title_evidence": {"text": "", "start": 0, "end": 0, "rule": "title:test"},
            "relevance": {"score": 5.0, "strong": 1, "cues": []}
        }]
    }))
    .expect("a valid record");
    rasid_store::StoredDocument::from_record(source, text, record)
}

#[test]
fn min_confidence_filters_events_graph_and_csv() {
    let dir = std::env::temp_dir().join(format!("rasid-web-conf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("rasid.db").display().to_string();
    {
        let mut store = rasid_store::Store::open(
            &db,
            rasid_store::MergeConfig::builtin().expect("merge.toml"),
        )
        .expect("open");
        store
            .put_documents(&[
                scored_document(
                    "sure",
                    "صرواح",
                    &[],
                    &["yemen_army"],
                    false,
                    0.9,
                    ("houthis", "yemen_army", "HOSTILE", 0.8),
                ),
                scored_document(
                    "doubtful",
                    "مأرب",
                    &["aqap"],
                    &[],
                    true,
                    0.3,
                    ("aqap", "tribes", "ALLY", 0.2),
                ),
            ])
            .expect("put");
        store.merge().expect("merge");
    }
    let s = serve_db(dir, &db);

    let all = get_json(&s, "/api/events");
    assert_eq!(all["count"], 2);
    let kept = get_json(&s, "/api/events?min_confidence=0.5");
    assert_eq!(kept["count"], 1);
    let e = &kept["events"][0];
    assert_eq!(e["confidence"], 0.9);
    assert_eq!(e["actors"], json!([]));
    assert_eq!(e["targets"], json!(["yemen_army"]));
    assert_eq!(e["background"], false);
    assert_eq!(e["reports"][0]["targets"], json!(["yemen_army"]));
    assert!(kept["names"]["yemen_army"].is_object(), "targets are named");
    let doubtful = &all["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["confidence"] == 0.3)
        .expect("the doubtful event");
    assert_eq!(doubtful["background"], true);

    let graph = get_json(&s, "/api/graph");
    assert_eq!(graph["edges"].as_array().unwrap().len(), 2);
    let graph = get_json(&s, "/api/graph?min_confidence=0.5");
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1);
    assert_eq!(edges[0]["confidence"], 0.8);

    let (status, _, csv) = get(&s, "/api/events.csv?min_confidence=0.5");
    assert_eq!(status, 200);
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 1);
    let col = |name: &str| {
        let i = header.iter().position(|h| *h == name).expect(name);
        rows[0][i]
    };
    assert_eq!(col("confidence"), "0.9");
    assert_eq!(col("background"), "false");
    assert_eq!(col("targets"), "yemen_army");
    assert_eq!(col("actors"), "");

    // the OpenAPI document gives the parameter and its range
    let doc = get_json(&s, "/api/openapi.json");
    for route in ["/api/events", "/api/events.csv", "/api/graph"] {
        let p = doc["paths"][route]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "min_confidence")
            .unwrap_or_else(|| panic!("{route}: no min_confidence"))
            .clone();
        assert_eq!(p["in"], "query", "{route}");
        assert_eq!(p["schema"]["minimum"], 0.0, "{route}: {p}");
        assert_eq!(p["schema"]["maximum"], 1.0, "{route}: {p}");
    }

    // the command line filters the same way
    let lines = |args: &[&str]| -> Vec<Value> {
        let mut all = args.to_vec();
        all.extend(["--db", &db]);
        let out = common::rasid(&all);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        common::parse_lines(&out.stdout)
    };
    let events = lines(&["query", "events", "--min-confidence", "0.5"]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["targets"], json!(["yemen_army"]));
    assert_eq!(lines(&["query", "events"]).len(), 2);
    let timeline = lines(&["query", "timeline", "aqap", "--min-confidence", "0.5"]);
    assert!(timeline.is_empty(), "{timeline:?}");
    let rels = lines(&["query", "relations", "aqap", "--min-confidence", "0.5"]);
    assert!(rels.is_empty(), "{rels:?}");
    assert_eq!(lines(&["query", "relations", "aqap"]).len(), 1);
    let export = lines(&["export", "--min-confidence", "0.5"]);
    let count = |t: &str| export.iter().filter(|l| l["type"] == t).count();
    assert_eq!(
        (count("merged_event"), count("edge"), count("article")),
        (1, 1, 2)
    );
    let out = common::rasid(&["export", "--min-confidence", "1.5", "--db", &db]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a confidence above 1 is refused"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("from 0 to 1"));
}

#[test]
fn silent_connections_are_closed_and_cannot_lock_analysts_out() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let s = serve_examples("silent");
    let addr = s.base.trim_start_matches("http://").to_string();
    // 2,000 silent connections (as many as this process may open), some sending half a
    // request: the server raises its own limit of open files and serves them all
    let own_limit = rlimit::increase_nofile_limit(u64::MAX).expect("open files limit");
    let n = usize::try_from(own_limit.saturating_sub(200))
        .unwrap_or(2000)
        .min(2000);
    let mut silent: Vec<TcpStream> = (0..n)
        .map(|_| TcpStream::connect(&addr).expect("connect"))
        .collect();
    for c in silent.iter_mut().take(20) {
        c.write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")
            .expect("half a request");
    }
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    let (status, _, body) = get(&s, "/api/stats");
    assert_eq!(status, 200, "{body}");
    assert!(
        t.elapsed() < Duration::from_secs(1),
        "a new client waited {:?} behind {n} silent connections",
        t.elapsed()
    );
    std::thread::sleep(rasid_web::HEADER_READ_TIMEOUT + Duration::from_secs(2));
    let mut closed = 0;
    for c in &mut silent {
        c.set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        let mut buf = [0u8; 512];
        // closed: end of stream (or an error response, then the end)
        if matches!(c.read(&mut buf), Ok(0)) || matches!(c.read(&mut buf), Ok(0)) {
            closed += 1;
        }
    }
    assert_eq!(closed, silent.len(), "silent connections still open");
}

#[test]
fn load_bench_runs_every_scenario_without_errors() {
    let s = serve_examples("load");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args([
            "load-bench",
            "--url",
            &s.base,
            "--clients",
            "4",
            "--seconds",
            "1",
        ])
        .args(["--idle", "300", "--json"])
        .output()
        .expect("run rasid load-bench");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    for scenario in ["search", "stats_alone", "stats_under_heavy", "heavy"] {
        assert!(
            r[scenario]["requests"].as_u64().unwrap() > 0,
            "{scenario}: {r}"
        );
        assert_eq!(r[scenario]["errors"], 0, "{scenario}: {r}");
    }
    assert_eq!(r["idle_open"], 300);
    assert_eq!(r["new_client_errors"], 0);
    // a server elsewhere is refused
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args([
            "load-bench",
            "--url",
            "http://192.0.2.1:80",
            "--seconds",
            "1",
        ])
        .output()
        .expect("run rasid load-bench");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a loopback address"));
}

/// A raw HTTP/1.1 GET with the given Host header: the status code.
fn status_with_host(base: &str, path: &str, host: &str) -> u16 {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut c = std::net::TcpStream::connect(addr).expect("connect");
    write!(
        c,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut answer = String::new();
    c.read_to_string(&mut answer).expect("answer");
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line")
}

#[test]
fn requests_naming_another_host_are_refused() {
    let s = serve_examples("hosts");
    let port = s.base.rsplit(':').next().expect("a port");
    assert_eq!(status_with_host(&s.base, "/api/stats", "evil.example"), 403);
    assert_eq!(
        status_with_host(&s.base, "/api/stats", &format!("evil.example:{port}")),
        403
    );
    assert_eq!(status_with_host(&s.base, "/", "attacker.test"), 403);
    for ok in ["localhost", "127.0.0.1", "[::1]"] {
        let host = format!("{ok}:{port}");
        assert_eq!(
            status_with_host(&s.base, "/api/stats", &host),
            200,
            "{host}"
        );
    }
}

#[test]
fn a_kept_search_answer_is_not_given_once_another_process_stores_a_match() {
    let s = serve_examples("search-cache");
    let url = format!("/api/search?q={}", enc("المحفد"));
    let before = get_json(&s, &url);
    assert!(before["hits"].as_array().unwrap().is_empty(), "{before}");
    // asked again: the same (kept) answer
    assert_eq!(get_json(&s, &url), before);
    // another process stores a page that names the town
    let page = s.dir.join("new_page.txt");
    std::fs::write(
        &page,
        "عدن\n\nقال مسؤول محلي إن مسلحين من تنظيم القاعدة هاجموا نقطة تفتيش في بلدة المحفد بمحافظة أبين، ما أسفر عن مقتل جنديين وإصابة ثالث.\n",
    )
    .expect("write page");
    web_common::ingest(&page, s.dir.join("rasid.db").to_str().unwrap());
    let after = get_json(&s, &url);
    assert_eq!(after["hits"].as_array().unwrap().len(), 1, "{after}");
}

/// A merged event with a single report of `event_type` (any type when `None`): (its
/// report's event id, its article).
fn single_report_event(s: &web_common::Server, event_type: Option<&str>) -> (String, String) {
    let events = get_json(s, "/api/events");
    let e = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["n_reports"] == 1 && event_type.is_none_or(|t| e["event_type"] == t))
        .unwrap_or_else(|| panic!("no {event_type:?} event with one report: {events}"));
    let report = &e["reports"][0];
    (
        report["event"].as_str().unwrap().to_string(),
        report["article"].as_str().unwrap().to_string(),
    )
}

/// Every report's event id of `/api/events` with these parameters.
fn reported_events(s: &web_common::Server, query: &str) -> Vec<String> {
    let events = get_json(s, &format!("/api/events{query}"));
    events["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["reports"].as_array().unwrap())
        .map(|r| r["event"].as_str().unwrap().to_string())
        .collect()
}

/// The review mark of event `id` in its article's view.
fn article_mark(s: &web_common::Server, article: &str, id: &str) -> Value {
    let a = get_json(s, &format!("/api/articles/{article}"));
    let marks = a["review"]["events"].as_array().unwrap();
    assert_eq!(marks.len(), a["events"].as_array().unwrap().len());
    marks
        .iter()
        .find(|m| m["fact"] == json!({"kind": "event", "id": id}))
        .unwrap_or_else(|| panic!("no mark for event {id}: {marks:?}"))["status"]
        .clone()
}

#[test]
fn a_read_only_server_refuses_reviews() {
    let s = serve_examples("review-read-only");
    let (event, _) = single_report_event(&s, None);
    let review = json!({"fact": {"kind": "event", "id": event}, "verdict": "reject"});
    let (status, body) = post_review(&s, Some(TOKEN), &review);
    assert_eq!(status, 403, "{body}");
    let msg = body["error"].as_str().unwrap();
    assert!(
        msg.contains("read-only") && msg.contains("--write-token-file"),
        "{msg}"
    );
    assert_eq!(get_json(&s, "/api/reviews?all=true"), json!([]));
    assert!(reported_events(&s, "").contains(&event));
}

#[test]
fn a_review_needs_a_token_a_json_body_and_a_fact_that_can_take_it() {
    let s = serve_examples_writable("review-refusals");
    let (event, _) = single_report_event(&s, None);
    let reject = json!({"fact": {"kind": "event", "id": event}, "verdict": "reject"});
    for token in [None, Some("not-a-token-of-this-server"), Some("")] {
        let (status, body) = post_review(&s, token, &reject);
        assert_eq!(status, 401, "{token:?}: {body}");
        assert_eq!(body["status"], 401);
    }
    // what an HTML form can send, with the right token: refused before it is read
    let form = format!("fact={event}&verdict=reject");
    for ctype in ["application/x-www-form-urlencoded", "text/plain"] {
        let (status, body) = post(&s, "/api/reviews", Some(TOKEN), ctype, &form);
        assert_eq!(status, 415, "{ctype}: {body}");
    }
    let unknown = json!({"fact": {"kind": "event", "id": "no-such-event"}, "verdict": "reject"});
    let (status, body) = post_review(&s, Some(TOKEN), &unknown);
    assert_eq!(status, 404, "{body}");
    assert!(body["error"].as_str().unwrap().contains("no-such-event"));
    let corrected_reject = json!({"fact": {"kind": "event", "id": event}, "verdict": "reject",
        "correction": {"event_type": "ARREST"}});
    let (status, body) = post_review(&s, Some(TOKEN), &corrected_reject);
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("correction"),
        "{body}"
    );
    let (status, body) = post_review(
        &s,
        Some(TOKEN),
        &json!({"fact": {"kind": "event", "id": event}}),
    );
    assert_eq!(status, 400, "no verdict: {body}");
    // nothing was recorded, nothing changed
    assert_eq!(get_json(&s, "/api/reviews?all=true"), json!([]));
    assert!(reported_events(&s, "").contains(&event));
}

#[test]
fn a_rejected_event_leaves_the_events_and_is_marked_in_its_article() {
    let s = serve_examples_writable("review-reject");
    let (event, article) = single_report_event(&s, None);
    assert_eq!(article_mark(&s, &article, &event), Value::Null);
    let review = json!({"fact": {"kind": "event", "id": event}, "verdict": "reject",
        "note": "the sentence recalls an old attack"});
    let (status, recorded) = post_review(&s, Some(TOKEN), &review);
    assert_eq!(status, 201, "{recorded}");
    assert_eq!(recorded["analyst"], ANALYST);
    assert_eq!(recorded["verdict"], "reject");
    assert_eq!(recorded["subject"]["kind"], "event");
    assert_eq!(recorded["applies"], true);
    assert_eq!(recorded["current"], true);
    // the merged views no longer hold that report
    assert!(!reported_events(&s, "").contains(&event));
    assert_eq!(article_mark(&s, &article, &event), "rejected");
    // the decision is listed, by the analyst of the token
    let listed = get_json(&s, "/api/reviews");
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let d = &listed[0];
    assert_eq!(d["id"], recorded["id"]);
    assert_eq!(d["analyst"], ANALYST);
    assert_eq!(d["verdict"], "reject");
    assert_eq!(d["note"], "the sentence recalls an old attack");
    assert_eq!(d["applies"], true);
    assert!(d["at"].as_str().unwrap().ends_with('Z'), "{d}");
}

#[test]
fn a_corrected_event_type_moves_the_event_under_the_new_type() {
    let s = serve_examples_writable("review-correct");
    let (event, article) = single_report_event(&s, Some("ATTACK"));
    assert!(!reported_events(&s, "?type=ARREST").contains(&event));
    let review = json!({"fact": {"kind": "event", "id": event}, "verdict": "correct",
        "correction": {"event_type": "ARREST"}});
    let (status, recorded) = post_review(&s, Some(TOKEN), &review);
    assert_eq!(status, 201, "{recorded}");
    assert_eq!(recorded["correction"], json!({"event_type": "ARREST"}));
    assert!(!reported_events(&s, "?type=ATTACK").contains(&event));
    let arrests = get_json(&s, "/api/events?type=ARREST");
    let merged = arrests["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["reports"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["event"] == event)
        })
        .unwrap_or_else(|| panic!("{event} not among the arrests: {arrests}"));
    assert_eq!(merged["event_type"], "ARREST");
    assert_eq!(merged["review"], "corrected");
    assert_eq!(article_mark(&s, &article, &event), "corrected");
    // a later decision on the same fact replaces it: the list in force holds the latest
    let confirm = json!({"fact": {"kind": "event", "id": event}, "verdict": "confirm"});
    let (status, body) = post_review(&s, Some(TOKEN), &confirm);
    assert_eq!(status, 201, "{body}");
    let in_force = get_json(&s, "/api/reviews");
    assert_eq!(in_force.as_array().unwrap().len(), 1, "{in_force}");
    assert_eq!(in_force[0]["verdict"], "confirm");
    let all = get_json(&s, "/api/reviews?all=true");
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
    assert_eq!(all[0]["current"], false);
}

#[test]
fn a_malformed_token_file_stops_the_server_naming_its_line() {
    let dir = std::env::temp_dir().join(format!("rasid-web-tokens-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("tokens");
    for (text, want) in [
        (format!("# desk\n{ANALYST} {TOKEN}\nomar\n"), "line 3"),
        ("lina short-token\n".to_string(), "fewer than 16"),
    ] {
        std::fs::write(&file, text).expect("token file");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rasid"))
            .args(["serve", "--addr", "127.0.0.1:0", "--write-token-file"])
            .arg(&file)
            .args(["--db", dir.join("none.db").to_str().unwrap()])
            .output()
            .expect("run rasid serve");
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(file.to_str().unwrap()) || want != "line 3",
            "{err}"
        );
        assert!(err.contains(want), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Atom namespace.
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The text of the Atom child `name` of `node`.
fn atom_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

/// The `href` of the Atom link of `node` with this `rel`.
fn atom_link<'a>(node: roxmltree::Node<'a, 'a>, rel: &str) -> &'a str {
    node.children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some(rel))
        .and_then(|c| c.attribute("href"))
        .unwrap_or_else(|| panic!("no link rel={rel} in <{}>", node.tag_name().name()))
}

/// The feed at `path`, which must be well-formed Atom served as `application/atom+xml`:
/// its entries' (id, title, updated, alternate link).
fn feed_entries(s: &web_common::Server, path: &str) -> Vec<[String; 4]> {
    let (status, ctype, body) = get(s, path);
    assert_eq!(status, 200, "GET {path}: {body}");
    assert!(ctype.starts_with("application/atom+xml"), "{ctype}");
    let doc = roxmltree::Document::parse(&body)
        .unwrap_or_else(|e| panic!("GET {path} is not well-formed XML: {e}\n{body}"));
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "{body}");
    assert!(atom_text(feed, "id").starts_with("urn:rasid:"));
    assert!(!atom_text(feed, "title").is_empty());
    assert!(atom_text(feed, "updated").ends_with('Z'));
    assert_eq!(atom_link(feed, "self"), format!("{}{path}", s.base));
    assert_eq!(
        atom_text(
            feed.children()
                .find(|c| c.has_tag_name((ATOM, "author")))
                .expect("author"),
            "name"
        ),
        "Rasid"
    );
    feed.children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            assert!(!atom_text(e, "summary").is_empty());
            [
                atom_text(e, "id").to_string(),
                atom_text(e, "title").to_string(),
                atom_text(e, "updated").to_string(),
                atom_link(e, "alternate").to_string(),
            ]
        })
        .collect()
}

/// The sum of the watchlists' unread counts.
fn unread(s: &web_common::Server) -> u64 {
    get_json(s, "/api/watchlists")
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["unread"].as_u64().unwrap())
        .sum()
}

fn save_watchlist(s: &web_common::Server, token: Option<&str>, body: &Value) -> (u16, Value) {
    post(
        s,
        "/api/watchlists",
        token,
        "application/json",
        &body.to_string(),
    )
}

fn mark_read(s: &web_common::Server, body: &Value) -> u64 {
    let (status, answer) = post(
        s,
        "/api/alerts/read",
        Some(TOKEN),
        "application/json",
        &body.to_string(),
    );
    assert_eq!(status, 200, "{answer}");
    answer["marked"].as_u64().unwrap()
}

#[test]
fn watchlists_saved_over_the_api_bring_alerts_in_json_and_in_the_feed() {
    let pages = std::env::temp_dir().join(format!("rasid-web-alert-pages-{}", std::process::id()));
    let (first, later) = web_common::example_batches(&pages);
    let s = web_common::serve_writable("alerts", &first);
    assert_eq!(get_json(&s, "/api/watchlists"), json!([]));

    let (status, yemen) = save_watchlist(
        &s,
        Some(TOKEN),
        &json!({"name": "yemen", "filter": {"countries": ["ye"], "event_types": ["ATTACK"]}}),
    );
    assert_eq!(status, 201, "{yemen}");
    assert_eq!(yemen["filter"]["countries"], json!(["YE"]));
    assert_eq!(yemen["filter"]["event_types"], json!(["ATTACK"]));
    assert_eq!(
        (yemen["unread"].as_u64(), yemen["has_webhook"].as_bool()),
        (Some(0), Some(false))
    );
    let (status, houthis) = save_watchlist(
        &s,
        Some(TOKEN),
        &json!({"name": "houthis", "webhook": "https://hooks.example.org/T0/secret",
            "filter": {"actors": ["الحوثيون"], "relation_types": ["ALLY"], "events": false}}),
    );
    assert_eq!(status, 201, "{houthis}");
    assert_eq!(
        houthis["filter"]["actors"],
        json!(["houthis"]),
        "the name resolves by the kb"
    );
    assert_eq!(houthis["has_webhook"], true);
    assert!(!houthis.to_string().contains("secret"), "{houthis}");
    // the same name again replaces its filter
    let (status, again) = save_watchlist(
        &s,
        Some(TOKEN),
        &json!({"name": "yemen", "filter": {"countries": ["YE"], "event_types": ["ATTACK"]}}),
    );
    assert_eq!(status, 200, "{again}");
    let names: Vec<Value> = get_json(&s, "/api/watchlists")
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].clone())
        .collect();
    assert_eq!(names, [json!("houthis"), json!("yemen")]);
    // what the store held when they were saved is not news
    assert_eq!(get_json(&s, "/api/alerts"), json!([]));
    assert!(feed_entries(&s, "/api/alerts.atom").is_empty());

    // another process ingests the Yemeni pages
    web_common::ingest(&later, s.dir.join("rasid.db").to_str().unwrap());
    let alerts = get_json(&s, "/api/alerts");
    let alerts = alerts.as_array().unwrap();
    let of = |name: &str| alerts.iter().filter(|a| a["watchlist"] == name).count();
    assert!(of("yemen") > 0 && of("houthis") > 0, "{alerts:?}");
    assert_eq!(unread(&s), alerts.len() as u64);
    let times: Vec<&str> = alerts
        .iter()
        .map(|a| a["created_at"].as_str().unwrap())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    for a in alerts {
        assert_eq!(a["read"], false);
        let page = a["page"].as_str().unwrap();
        if a["watchlist"] == "yemen" {
            assert_eq!(a["kind"], "event");
            assert!(a["title"].as_str().unwrap().starts_with("ATTACK"), "{a}");
            // the page's view of the event holds it
            let query = page
                .strip_prefix("#/events")
                .unwrap_or_else(|| panic!("{page}"));
            let events = get_json(&s, &format!("/api/events{query}"));
            assert!(
                events["events"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["id"] == a["fact"]),
                "{page} does not show {a}"
            );
        } else {
            assert_eq!(a["kind"], "edge");
            assert_eq!(page, "#/actor/houthis", "the actor it follows: {a}");
            let graph = get_json(&s, "/api/graph?actor=houthis&min_confidence=0");
            assert!(
                graph["edges"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["id"] == a["fact"]),
                "{page} does not show {a}"
            );
        }
    }
    let yemen_only = get_json(&s, "/api/alerts?watchlist=yemen");
    assert_eq!(yemen_only.as_array().unwrap().len(), of("yemen"));
    assert_eq!(
        get_json(&s, "/api/alerts?limit=1")
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let (status, _, body) = get(&s, "/api/alerts?watchlist=nobody");
    assert_eq!(status, 404, "{body}");
    let (status, _, _) = get(&s, "/api/alerts.atom?watchlist=nobody");
    assert_eq!(status, 404);

    // the feed: one entry per alert, in the same order, linking to the page
    let entries = feed_entries(&s, "/api/alerts.atom");
    assert_eq!(entries.len(), alerts.len());
    for ([id, title, updated, link], a) in entries.iter().zip(alerts) {
        assert_eq!(
            id,
            &format!("urn:rasid:alert:{}", a["id"].as_str().unwrap())
        );
        // the entry's title names the fact's type and its actors by their Arabic names
        assert!(title.contains(a["fact_type"].as_str().unwrap()), "{title}");
        for id in a["actors"].as_array().unwrap() {
            let id = id.as_str().unwrap();
            let shown = a["names"][id]["name_ar"].as_str().unwrap_or(id);
            assert!(title.contains(shown), "{title} names {id} as {shown}");
        }
        assert!(
            a["names"].as_object().is_some_and(|n| !n.is_empty()),
            "stored actors have names: {a}"
        );
        assert_eq!(updated, a["created_at"].as_str().unwrap());
        assert_eq!(link, &format!("{}/{}", s.base, a["page"].as_str().unwrap()));
    }
    assert_eq!(
        feed_entries(&s, "/api/alerts.atom?watchlist=yemen").len(),
        of("yemen")
    );

    // read marks lower the unread counts
    let first_id = alerts[0]["id"].clone();
    assert_eq!(mark_read(&s, &json!({"ids": [first_id]})), 1);
    assert_eq!(
        mark_read(
            &s,
            &json!({"ids": [first_id, "00000000000000000000000000000000"]})
        ),
        0
    );
    assert_eq!(unread(&s), alerts.len() as u64 - 1);
    let still = get_json(&s, "/api/alerts?unread=true");
    assert_eq!(still.as_array().unwrap().len(), alerts.len() - 1);
    assert!(still
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["id"] != first_id));
    assert_eq!(mark_read(&s, &json!({})), alerts.len() as u64 - 1);
    assert_eq!(unread(&s), 0);
    assert_eq!(get_json(&s, "/api/alerts?unread=true"), json!([]));
    assert_eq!(
        get_json(&s, "/api/alerts").as_array().unwrap().len(),
        alerts.len(),
        "read, not gone"
    );

    // a removed watchlist takes its alerts with it
    assert_eq!(
        web_common::delete(&s, "/api/watchlists/houthis", Some(TOKEN)).0,
        204
    );
    assert_eq!(
        web_common::delete(&s, "/api/watchlists/houthis", Some(TOKEN)).0,
        404
    );
    let left = get_json(&s, "/api/alerts");
    assert!(
        left.as_array()
            .unwrap()
            .iter()
            .all(|a| a["watchlist"] == "yemen"),
        "{left}"
    );
    let _ = std::fs::remove_dir_all(&pages);
}

#[test]
fn watchlist_and_read_writes_need_a_token_and_a_watchlist_that_can_be_saved() {
    let yemen = json!({"name": "yemen", "filter": {"countries": ["YE"]}});
    let read_only = serve_examples("watch-read-only");
    for (status, body) in [
        save_watchlist(&read_only, Some(TOKEN), &yemen),
        post(
            &read_only,
            "/api/alerts/read",
            Some(TOKEN),
            "application/json",
            "{}",
        ),
    ] {
        assert_eq!(status, 403, "{body}");
        assert!(
            body["error"].as_str().unwrap().contains("read-only"),
            "{body}"
        );
    }
    assert_eq!(
        web_common::delete(&read_only, "/api/watchlists/yemen", Some(TOKEN)).0,
        403
    );
    drop(read_only);

    let s = serve_examples_writable("watch-refusals");
    for token in [None, Some("not-a-token-of-this-server")] {
        assert_eq!(save_watchlist(&s, token, &yemen).0, 401, "{token:?}");
        let (status, _) = post(&s, "/api/alerts/read", token, "application/json", "{}");
        assert_eq!(status, 401, "{token:?}");
        assert_eq!(
            web_common::delete(&s, "/api/watchlists/yemen", token).0,
            401,
            "{token:?}"
        );
    }
    let (status, body) = post(
        &s,
        "/api/watchlists",
        Some(TOKEN),
        "application/x-www-form-urlencoded",
        "name=yemen",
    );
    assert_eq!(status, 415, "{body}");
    for (bad, says) in [
        (
            json!({"name": "riots", "filter": {"event_types": ["RIOT"]}}),
            "RIOT",
        ),
        (
            json!({"name": "x", "filter": {"min_confidence": 1.5}}),
            "min_confidence",
        ),
        (
            json!({"name": "x", "filter": {"countries": ["YEM"]}}),
            "YEM",
        ),
        (
            json!({"name": "x", "filter": {"events": false, "relations": false}}),
            "events, relations or both",
        ),
        (json!({"name": " ", "filter": {}}), "name"),
        (
            json!({"name": "x", "filter": {}, "webhook": "ftp://example.org"}),
            "webhook",
        ),
        (json!({"name": "x"}), "filter"),
    ] {
        let (status, body) = save_watchlist(&s, Some(TOKEN), &bad);
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(
            body["error"].as_str().unwrap().contains(says),
            "{bad}: {body}"
        );
    }
    for bad in [r#"{"ids": ["no-such-alert"]}"#, r#"{"ids": "all"}"#] {
        let (status, body) = post(&s, "/api/alerts/read", Some(TOKEN), "application/json", bad);
        assert_eq!(status, 400, "{bad}: {body}");
    }
    let unknown = json!({"name": "x", "filter": {"actors": ["no such group at all"]}});
    let (status, body) = save_watchlist(&s, Some(TOKEN), &unknown);
    assert_eq!(status, 404, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("no such group"),
        "{body}"
    );
    // nothing was saved
    assert_eq!(get_json(&s, "/api/watchlists"), json!([]));
    assert_eq!(
        web_common::delete(&s, "/api/watchlists/yemen", Some(TOKEN)).0,
        404
    );
}
