//! End-to-end tests of `rasid export` in every format, over a store of the example pages
//! (and, for the validators, a sample of the SaudiNewsNet corpus): the same store gives
//! the same bytes and the same ids; each format holds what the store holds, in its
//! ecosystem's shape; filters and `-o FILE` work; each file passes its ecosystem's own
//! parser (`scripts/validate_exports/validate.py`) when `RASID_TEST_EXPORT_VALIDATORS`
//! names the Python that has them (CI sets it; otherwise that test says SKIP).

mod common;

use std::collections::{BTreeSet, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use common::{parse_lines, rasid, repo_root, run_ok, scratch, shared};
use serde_json::Value;

const FORMATS: [&str; 6] = ["jsonl", "acled-csv", "stix", "graphml", "gexf", "geojson"];

/// A store of the example pages, ingested with `extra` options.
fn examples_store(name: &str, extra: &[&str]) -> (PathBuf, String) {
    let dir = scratch(name);
    let db = dir.join("store.db").display().to_string();
    let examples = repo_root().join("examples").display().to_string();
    let mut args = vec!["ingest", "--db", &db];
    args.extend(extra);
    args.push(&examples);
    run_ok(&args);
    (dir, db)
}

fn export(db: &str, format: &str, filters: &[&str]) -> Vec<u8> {
    let mut args = vec!["export", "--db", db, "--format", format];
    args.extend(filters);
    run_ok(&args)
}

fn export_text(db: &str, format: &str, filters: &[&str]) -> String {
    String::from_utf8(export(db, format, filters)).expect("exports are UTF-8")
}

/// The merged events and edges of the contract export.
fn merged(db: &str) -> (Vec<Value>, Vec<Value>) {
    let lines = parse_lines(&export(db, "jsonl", &[]));
    let of = |t: &str| -> Vec<Value> { lines.iter().filter(|l| l["type"] == t).cloned().collect() };
    (of("merged_event"), of("edge"))
}

fn acled_rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r.records().map(|x| x.expect("a CSV row")).collect();
    (header, rows)
}

#[test]
fn every_format_gives_the_same_bytes_twice_and_after_a_reingest_in_another_order() {
    let (_a, db) = examples_store("exp-same", &[]);
    let (_b, other) = examples_store("exp-other", &["--threads", "1", "--batch", "1"]);
    for f in FORMATS {
        let first = export(&db, f, &[]);
        assert!(first.len() > 200, "{f}: {} bytes", first.len());
        assert_eq!(first, export(&db, f, &[]), "{f}: two exports differ");
        assert_eq!(first, export(&other, f, &[]), "{f}: another ingest differs");
    }
}

#[test]
fn acled_rows_use_acleds_columns_categories_and_codes() {
    let (_d, db) = examples_store("exp-acled", &[]);
    let (header, rows) = acled_rows(&export_text(&db, "acled-csv", &[]));
    assert_eq!(header.len(), 31);
    assert_eq!(
        (header[0].as_str(), header[30].as_str()),
        ("event_id_cnty", "timestamp")
    );
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (events, _) = merged(&db);
    let dated_with_country = events
        .iter()
        .filter(|e| !e["date_start"].is_null() && !e["country"].is_null())
        .count();
    assert_eq!(
        rows.len(),
        dated_with_country,
        "one row per dated event with a country"
    );
    let acled_types = [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Strategic developments",
    ];
    for r in &rows {
        let id = &r[col("event_id_cnty")];
        let iso3 = &id[..3];
        let merged_id = &id[3..];
        let e = events
            .iter()
            .find(|e| e["id"] == merged_id)
            .expect("the row's id is a merged event's id after the ISO3 code");
        assert!(acled_types.contains(&&r[col("event_type")]), "{r:?}");
        assert_eq!(&r[col("year")], &r[col("event_date")][..4]);
        let fatalities: i64 = r[col("fatalities")].parse().expect("an integer");
        assert_eq!(fatalities, e["killed"].as_i64().unwrap_or(0));
        if e["country"] == "YE" {
            assert_eq!((iso3, &r[col("iso")]), ("YEM", "887"));
            assert_eq!(&r[col("country")], "Yemen");
            assert_eq!(&r[col("region")], "Middle East");
        }
        // an unnamed doer of violence is ACLED's unidentified armed group
        if e["actors"].as_array().is_some_and(Vec::is_empty)
            && r[col("disorder_type")] == *"Political violence"
        {
            assert!(
                r[col("actor1")].starts_with("Unidentified Armed Group ("),
                "{r:?}"
            );
            assert_eq!(&r[col("inter1")], "3");
        }
    }
    // «التحالف يقصف مواقع حوثية»: the coalition shells the Houthis, though the merged
    // event names the Houthis most often; subtype → ACLED's sub-event type; state forces
    // (1) against rebels (2)
    let shelling = rows
        .iter()
        .find(|r| &r[col("sub_event_type")] == "Shelling/artillery/missile attack")
        .expect("the examples' shelling");
    assert_eq!(&shelling[col("actor1")], "Saudi-led coalition in Yemen");
    assert_eq!(&shelling[col("actor2")], "Houthis");
    assert_eq!(
        (
            &shelling[col("inter1")],
            &shelling[col("inter2")],
            &shelling[col("interaction")]
        ),
        ("1", "2", "12")
    );
    assert_eq!(&shelling[col("disorder_type")], "Political violence");
    // «قوات الجيش الوطني والمقاومة الشعبية خاضت اشتباكات عنيفة مع مسلحي جماعة الحوثي»: the
    // resistance fought beside the army (its associate), the Houthis are the other side
    let battle = rows
        .iter()
        .find(|r| &r[col("event_type")] == "Battles" && &r[col("actor2")] == "Houthis")
        .expect("the examples' battle with the Houthis");
    assert_eq!(
        (&battle[col("actor1")], &battle[col("assoc_actor_1")]),
        ("Yemeni National Army", "Yemeni Popular Resistance")
    );
    assert_eq!(&battle[col("assoc_actor_2")], "");
    // an arrest is a strategic development
    assert!(rows.iter().any(|r| &r[col("sub_event_type")] == "Arrests"
        && &r[col("event_type")] == "Strategic developments"));
    // coordinates come from the gazetteer
    assert!(rows
        .iter()
        .all(|r| r[col("latitude")].parse::<f64>().is_ok()));
}

#[test]
fn the_stix_bundle_resolves_every_reference_and_keeps_its_ids_across_filters() {
    let (_d, db) = examples_store("exp-stix", &[]);
    let bundle: Value = serde_json::from_str(&export_text(&db, "stix", &[])).expect("JSON");
    assert_eq!(bundle["type"], "bundle");
    let objects = bundle["objects"].as_array().expect("objects");
    let ids: HashSet<&str> = objects.iter().filter_map(|o| o["id"].as_str()).collect();
    assert_eq!(ids.len(), objects.len(), "ids are unique");
    let mut refs = 0;
    for o in objects {
        assert_eq!(o["spec_version"], "2.1");
        for (k, v) in o.as_object().expect("an object") {
            let targets: Vec<&str> = if k.ends_with("_ref") {
                v.as_str().into_iter().collect()
            } else if k.ends_with("_refs") {
                v.as_array()
                    .expect("a list")
                    .iter()
                    .filter_map(Value::as_str)
                    .collect()
            } else {
                continue;
            };
            for t in targets {
                assert!(ids.contains(t), "{k} → {t} is not in the bundle");
                refs += 1;
            }
        }
    }
    assert!(refs > 50, "{refs} references");
    let houthis = objects
        .iter()
        .find(|o| o["type"] == "threat-actor" && o["name"] == "Houthis")
        .expect("the Houthis are a threat actor");
    let aliases: Vec<&str> = houthis["aliases"]
        .as_array()
        .expect("aliases")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(aliases.contains(&"الحوثيين") && aliases.contains(&"أنصار الله"));
    let (events, edges) = merged(&db);
    let sightings_and_notes = objects
        .iter()
        .filter(|o| o["type"] == "sighting" || o["type"] == "note")
        .count();
    assert_eq!(
        sightings_and_notes,
        events.len(),
        "one object per merged event"
    );
    // an edge's relationship keeps Rasid's relation type in its labels; an event's
    // relationships to its other parties have none
    let relationships = objects
        .iter()
        .filter(|o| o["type"] == "relationship" && o["labels"].is_array())
        .count();
    assert_eq!(relationships, edges.len(), "one relationship per edge");
    let coalition = objects
        .iter()
        .find(|o| o["name"] == "Saudi-led coalition in Yemen")
        .expect("the coalition");
    assert!(
        objects.iter().any(|o| o["relationship_type"] == "targets"
            && o["source_ref"] == coalition["id"]
            && o["target_ref"] == houthis["id"]),
        "the coalition targets the Houthis"
    );
    let report = objects
        .iter()
        .find(|o| o["type"] == "report")
        .expect("articles are reports");
    assert!(!report["object_refs"].as_array().expect("refs").is_empty());
    // a filtered export gives the Houthis the same id
    let attacks: Value =
        serde_json::from_str(&export_text(&db, "stix", &["--type", "ATTACK"])).expect("JSON");
    let same = attacks["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .any(|o| o["id"] == houthis["id"]);
    assert!(same, "the Houthis keep their id in a filtered export");
    assert!(attacks["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["type"] == "sighting" || o["type"] == "note")
        .all(|o| o["labels"][0] == "attack"));
}

#[test]
fn graph_files_hold_every_edge_with_dates_and_the_actor_filter_keeps_its_edges() {
    let (_d, db) = examples_store("exp-graph", &[]);
    let (_, edges) = merged(&db);
    let graphml = export_text(&db, "graphml", &[]);
    let gexf = export_text(&db, "gexf", &[]);
    assert_eq!(graphml.matches("<edge ").count(), edges.len());
    assert_eq!(gexf.matches("<edge ").count(), edges.len());
    assert!(gexf.contains(r#"mode="dynamic""#) && gexf.contains(r#"timeformat="date""#));
    for e in &edges {
        let id = e["id"].as_str().expect("edge id");
        assert!(graphml.contains(&format!(r#"<edge id="{id}""#)), "{id}");
        if let Some(first) = e["first_seen"].as_str() {
            assert!(
                gexf.contains(&format!(r#"<edge id="{id}""#))
                    && gexf.contains(&format!(r#"start="{first}""#)),
                "{id} lives from {first}"
            );
        }
    }
    assert!(graphml.contains("<data key=\"node_name_ar\">جماعة الحوثي</data>"));
    let houthi_edges = edges
        .iter()
        .filter(|e| e["a"] == "houthis" || e["b"] == "houthis")
        .count();
    assert!(houthi_edges > 0 && houthi_edges < edges.len());
    let only = export_text(&db, "graphml", &["--actor", "houthis"]);
    assert_eq!(only.matches("<edge ").count(), houthi_edges);
}

#[test]
fn geojson_has_a_point_for_each_located_event() {
    let (_d, db) = examples_store("exp-geo", &[]);
    let fc: Value = serde_json::from_str(&export_text(&db, "geojson", &[])).expect("JSON");
    assert_eq!(fc["type"], "FeatureCollection");
    assert!(fc.get("crs").is_none(), "RFC 7946 has no crs member");
    let features = fc["features"].as_array().expect("features");
    assert!(!features.is_empty());
    let (events, _) = merged(&db);
    let ids: BTreeSet<&str> = events.iter().filter_map(|e| e["id"].as_str()).collect();
    for f in features {
        assert!(ids.contains(f["id"].as_str().expect("id")));
        let c = f["geometry"]["coordinates"].as_array().expect("a point");
        let (lon, lat) = (c[0].as_f64().expect("lon"), c[1].as_f64().expect("lat"));
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        let p = &f["properties"];
        assert!((1..=3).contains(&p["geo_precision"].as_i64().expect("precision")));
        assert!(p["evidence"].as_str().is_some_and(|t| !t.is_empty()));
    }
    // Yemeni places lie in Yemen
    let marib = features
        .iter()
        .find(|f| f["properties"]["admin1"] == "Ma'rib")
        .expect("an event in Marib");
    let lon = marib["geometry"]["coordinates"][0].as_f64().expect("lon");
    assert!((42.0..=54.0).contains(&lon), "{lon}");
}

#[test]
fn output_file_replaces_only_a_complete_export_and_bad_filters_are_refused() {
    let (dir, db) = examples_store("exp-out", &[]);
    let file = dir.join("events.acled.csv");
    let path = file.display().to_string();
    run_ok(&["export", "--db", &db, "--format", "acled-csv", "-o", &path]);
    let written = std::fs::read(&file).expect("the file");
    assert_eq!(written, export(&db, "acled-csv", &[]));
    let missing = dir.join("no/such/dir/x.csv").display().to_string();
    let out = rasid(&["export", "--db", &db, "--format", "stix", "-o", &missing]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir"));
    for bad in [
        ["--from", "2015-13-01"],
        ["--to", "2015-02-31"],
        ["--format", "xlsx"],
    ] {
        let out = rasid(&["export", "--db", &db, bad[0], bad[1]]);
        assert!(!out.status.success(), "{bad:?} was accepted");
    }
}

/// The Python that has the validators' packages, when the environment names it.
fn validator_python() -> Option<PathBuf> {
    match std::env::var_os("RASID_TEST_EXPORT_VALIDATORS") {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            eprintln!(
                "SKIP: set RASID_TEST_EXPORT_VALIDATORS to a Python with \
                 scripts/validate_exports/requirements.txt installed (.ci/run does)"
            );
            None
        }
    }
}

fn validate(python: &Path, dir: &Path) {
    let script = repo_root().join("scripts/validate_exports/validate.py");
    let out = std::process::Command::new(python)
        .arg(&script)
        .arg(dir)
        .output()
        .expect("the validator runs");
    assert!(
        out.status.success(),
        "validators failed on {}:\n{}\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn export_all(db: &str, dir: &Path) {
    for (format, file) in [
        ("acled-csv", "events.acled.csv"),
        ("stix", "rasid.stix.json"),
        ("graphml", "graph.graphml"),
        ("gexf", "graph.gexf"),
        ("geojson", "events.geojson"),
    ] {
        let path = dir.join(file).display().to_string();
        run_ok(&["export", "--db", db, "--format", format, "-o", &path]);
    }
}

#[test]
fn exports_pass_their_ecosystems_parsers() {
    let Some(python) = validator_python() else {
        return;
    };
    let (dir, db) = examples_store("exp-valid", &[]);
    export_all(&db, &dir);
    validate(&python, &dir);
    // a slice of real news: 600 SaudiNewsNet articles
    let Some(shared) = shared() else {
        return;
    };
    let corpus = shared.join("corpus/saudinewsnet/articles.jsonl.gz");
    let sample = scratch("exp-valid-corpus");
    let input = sample.join("sample.jsonl");
    let gz = std::fs::File::open(&corpus).expect("the corpus");
    let lines: Vec<String> = BufReader::new(flate2::read::GzDecoder::new(gz))
        .lines()
        .take(600)
        .map(|l| l.expect("a corpus line"))
        .collect();
    std::fs::write(&input, lines.join("\n")).expect("the sample");
    let db = sample.join("store.db").display().to_string();
    run_ok(&["ingest", "--db", &db, &input.display().to_string()]);
    export_all(&db, &sample);
    validate(&python, &sample);
}
