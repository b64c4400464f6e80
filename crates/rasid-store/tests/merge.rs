//! The merge on hand-made records (no extractor involved): which reports become one event,
//! the window from the configuration, edges with first/last sighting, and that neither the
//! order of ingest nor the batching changes ids or export; and the read path over them
//! (which stored actor a text names, timelines, relations, an actor's page).

use rasid_ingest::dedup::Fingerprint;
use rasid_model::DocumentRecord;
use rasid_store::{
    Correction, Decision, FactRef, MergeConfig, Store, StoredDocument, Verdict, WatchFilter,
};
use serde_json::{json, Value};

/// A one-article document reporting an ATTACK by `actors` at `place` on `date`, published
/// on `published`, with one HOSTILE relation between the first two actors.
fn report(
    source: &str,
    published: &str,
    date: &str,
    place: &str,
    actors: &[&str],
) -> StoredDocument {
    let text = format!("هجوم في {place}\n\nشن مسلحون هجوما في {place} يوم {date}.");
    let chars = text.chars().count();
    let ev = json!({"text": "شن مسلحون هجوما", "start": 12, "end": 27, "rule": "event:test"});
    let relations = if actors.len() >= 2 {
        json!([{"a": actors[0], "b": actors[1], "type": "HOSTILE", "evidence": [ev]}])
    } else {
        json!([])
    };
    let record: DocumentRecord = serde_json::from_value(json!({
        "source": source, "chars": chars,
        "articles": [{
            "title": format!("هجوم في {place}"), "main": true, "relevant": true,
            "duplicate_of": null, "published": published, "outlet": format!("outlet-{source}"),
            "actors": actors.iter().map(|a| json!({"id": a, "kind": "armed_group", "name_ar": a,
                "name_en": null, "affiliation": null,
                "mentions": [{"text": "مسلحون", "start": 15, "end": 21, "rule": "actor:test"}]})).collect::<Vec<_>>(),
            "places": [{"name_ar": place, "name_en": null, "country": "YE", "lat": null, "lon": null,
                "admin1": null, "mentions": [{"text": place, "start": 8, "end": 8 + place.chars().count(), "rule": "place:test"}]}],
            "events": [{"type": "ATTACK", "subtype": null, "actors": actors, "place": place,
                "date": date, "date_end": null, "killed": 2, "injured": null, "modality": "reported",
                "claimed_by": null, "evidence": ev}],
            "relations": relations,
            "span": [0, chars], "blocks": [[0, chars]],
            "title_evidence": {"text": "", "start": 0, "end": 0, "rule": "title:test"},
            "relevance": {"score": 5.0, "strong": 1, "cues": []}
        }]
    }))
    .expect("a valid record");
    StoredDocument::from_record(source, text, record)
}

fn reports() -> Vec<StoredDocument> {
    vec![
        report(
            "a",
            "2024-05-02",
            "2024-05-02",
            "صرواح",
            &["houthis", "yemen_army"],
        ),
        report("b", "2024-05-03", "2024-05-01", "صرواح", &["yemen_army"]),
        report("c", "2024-05-09", "2024-05-08", "صرواح", &["houthis"]),
        report(
            "d",
            "2024-05-02",
            "2024-05-02",
            "مأرب",
            &["houthis", "yemen_army"],
        ),
        report("e", "2024-05-03", "2024-05-03", "صرواح", &["aqap"]),
    ]
}

fn export(store: &mut Store) -> Vec<Value> {
    let mut out = Vec::new();
    store.export(&mut out).expect("export");
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

fn config(window_days: i64) -> MergeConfig {
    let mut c = MergeConfig::builtin().expect("built-in merge.toml");
    c.events.window_days = window_days;
    // every merge after the first incremental, however few articles the store holds
    c.incremental.max_percent = 100;
    c
}

fn sources_of(e: &Value) -> Vec<String> {
    let mut v: Vec<String> = e["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["source"].as_str().unwrap_or_default().to_string())
        .collect();
    v.sort();
    v
}

fn groups(lines: &[Value]) -> Vec<Vec<String>> {
    let mut g: Vec<Vec<String>> = lines
        .iter()
        .filter(|l| l["type"] == "merged_event")
        .map(sources_of)
        .collect();
    g.sort();
    g
}

#[test]
fn same_type_place_actor_and_window_make_one_event() {
    let mut store = Store::open(":memory:", config(3)).expect("open");
    store.put_documents(&reports()).expect("put");
    store.merge().expect("merge");
    let lines = export(&mut store);
    // a+b: same place, share yemen_army, one day apart; c: a week later; d: another place;
    // e: no actor in common
    assert_eq!(
        groups(&lines),
        [vec!["a", "b"], vec!["c"], vec!["d"], vec!["e"]]
    );
    let ab = lines
        .iter()
        .find(|l| l["type"] == "merged_event" && sources_of(l) == ["a", "b"])
        .expect("a+b");
    assert_eq!(ab["n_sources"], 2);
    assert_eq!(ab["n_articles"], 2);
    assert_eq!(ab["date_start"], "2024-05-01");
    assert_eq!(ab["date_end"], "2024-05-02");
    assert_eq!(ab["actors"], json!(["yemen_army", "houthis"]));
    let edge = lines
        .iter()
        .find(|l| l["type"] == "edge")
        .expect("the HOSTILE edge");
    assert_eq!(
        (edge["a"].as_str(), edge["b"].as_str()),
        (Some("houthis"), Some("yemen_army"))
    );
    assert_eq!(edge["first_seen"], "2024-05-02");
    assert_eq!(edge["last_seen"], "2024-05-02");
    assert_eq!(edge["weight"], 2);
    assert_eq!(edge["evidence"].as_array().map(Vec::len), Some(2));
}

#[test]
fn the_window_comes_from_the_configuration() {
    let mut store = Store::open(":memory:", config(10)).expect("open");
    store.put_documents(&reports()).expect("put");
    store.merge().expect("merge");
    assert_eq!(
        groups(&export(&mut store)),
        [vec!["a", "b", "c"], vec!["d"], vec!["e"]]
    );
}

#[test]
fn ingest_order_and_batches_do_not_change_the_export() {
    let mut one = Store::open(":memory:", config(3)).expect("open");
    one.put_documents(&reports()).expect("put");
    one.merge().expect("merge");
    let mut two = Store::open(":memory:", config(3)).expect("open");
    let mut rev = reports();
    rev.reverse();
    for d in rev.chunks(2) {
        two.put_documents(d).expect("put");
        two.merge().expect("merge");
    }
    // and a second put of everything stores nothing
    assert_eq!(two.put_documents(&reports()).expect("put"), 0);
    assert_eq!(export(&mut one), export(&mut two));
}

/// `report` with a made-up fingerprint: `exact` for its text, and a MinHash signature
/// equal to a base one except at `changed` positions.
fn fingerprinted(
    mut doc: StoredDocument,
    exact: u64,
    changed: std::ops::Range<u32>,
) -> StoredDocument {
    let sig: Vec<u32> = (0..128u32)
        .map(|i| if changed.contains(&i) { 1000 + i } else { i })
        .collect();
    doc.fingerprints = vec![Some(Fingerprint {
        exact,
        minhash: Some(sig),
    })];
    doc
}

fn edge_weight(store: &mut Store) -> Vec<(String, u64)> {
    export(store)
        .iter()
        .filter(|l| l["type"] == "edge")
        .map(|l| {
            (
                l["id"].as_str().unwrap_or_default().to_string(),
                l["weight"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn an_earlier_copy_that_arrives_late_recounts_the_edges_of_the_articles_it_now_leads() {
    // y and w state the same relation and are not copies of each other (half their
    // signature differs); x, published before both and stored after them, names only one
    // actor and is a near copy of each (three quarters the same, bands shared): y and w
    // become copies of x, so the edge they state is one article's word, not two
    let y = fingerprinted(
        report(
            "y",
            "2024-05-05",
            "2024-05-05",
            "صرواح",
            &["houthis", "yemen_army"],
        ),
        1,
        0..32,
    );
    let w = fingerprinted(
        report(
            "w",
            "2024-05-06",
            "2024-05-06",
            "مأرب",
            &["houthis", "yemen_army"],
        ),
        2,
        64..96,
    );
    let x = fingerprinted(
        report("x", "2024-05-01", "2024-05-01", "عدن", &["aqap"]),
        3,
        0..0,
    );
    let mut store = Store::open(":memory:", config(3)).expect("open");
    store.put_documents(&[y, w]).expect("put");
    store.merge().expect("merge");
    let before = edge_weight(&mut store);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].1, 2, "two independent statements");
    store.put_documents(&[x]).expect("put");
    let summary = store.merge().expect("merge");
    assert!(!summary.full && summary.new_articles == 1);
    assert_eq!(summary.duplicates, 2);
    let incremental = export(&mut store);
    assert_eq!(edge_weight(&mut store), [(before[0].0.clone(), 1)]);
    assert!(store.merge_full().expect("full merge").full);
    assert_eq!(export(&mut store), incremental);
}

#[test]
fn an_incremental_merge_alerts_on_what_it_wrote_and_only_once() {
    let mut store = Store::open(":memory:", config(3)).expect("open");
    let docs = reports();
    // a, d: the houthis with the army at two places; the rest later
    store
        .put_documents(&[docs[0].clone(), docs[3].clone()])
        .expect("put");
    store.merge().expect("merge");
    let follow = WatchFilter {
        actors: vec!["houthis".into()],
        events: true,
        relations: true,
        ..WatchFilter::default()
    };
    store
        .save_watchlist("houthis", &follow, None)
        .expect("watchlist");
    assert!(
        store.alerts(None, false, 100).expect("alerts").is_empty(),
        "the baseline is no news"
    );
    // b, dated a day before a, joins a's event, which now starts with b (a new id: news
    // to the watchlist); c is a new event by the houthis; e is aqap's; d's is untouched
    store.put_documents(&docs[1..3]).expect("put");
    store.put_documents(&docs[4..]).expect("put");
    let summary = store.merge().expect("merge");
    assert!(!summary.full);
    assert_eq!(summary.alerts, 2, "{summary:?}");
    let mut titles: Vec<String> = store
        .alerts(None, false, 100)
        .expect("alerts")
        .into_iter()
        .map(|a| a.title)
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "ATTACK houthis صرواح 2024-05-08",
            "ATTACK yemen_army,houthis صرواح 2024-05-01",
        ]
    );
    // a full merge rewrites everything and alerts on nothing new
    assert_eq!(store.merge_full().expect("full").alerts, 0);
}

/// The id of the report from `source` in the export `lines`.
fn report_from(lines: &[Value], source: &str) -> String {
    lines
        .iter()
        .filter(|l| l["type"] == "merged_event")
        .flat_map(|l| l["reports"].as_array().cloned().unwrap_or_default())
        .find(|r| r["source"] == source)
        .and_then(|r| r["event"].as_str().map(str::to_string))
        .expect("a report from that source")
}

fn decision(store: &mut Store, fact: FactRef, verdict: Verdict, correction: Option<Correction>) {
    let subject = store.subject_of(&fact).expect("a subject");
    store
        .record_decision(&Decision {
            subject,
            verdict,
            correction,
            analyst: "lina".into(),
            note: None,
            at: "2024-06-01T10:00:00Z".into(),
        })
        .expect("a decision");
}

#[test]
fn decisions_are_merged_incrementally_as_a_full_merge_would() {
    // merged as in `same_type_place_actor_and_window_make_one_event`: a+b, c, d, e
    let mut store = merged_store();
    let lines = export(&mut store);
    // b is rejected: a stands alone; d is moved from مأرب to صرواح, where it joins a
    let b = report_from(&lines, "b");
    decision(&mut store, FactRef::Event { id: b }, Verdict::Reject, None);
    let d = report_from(&lines, "d");
    let to_sirwah = Correction {
        place: Some("صرواح".into()),
        ..Correction::default()
    };
    decision(
        &mut store,
        FactRef::Event { id: d },
        Verdict::Correct,
        Some(to_sirwah),
    );
    let summary = store.merge().expect("merge");
    assert!(!summary.full, "{summary:?}");
    assert_eq!(summary.new_articles, 2, "the articles decided on");
    let incremental = export(&mut store);
    assert_eq!(groups(&incremental), [vec!["a", "d"], vec!["c"], vec!["e"]]);
    assert!(store.merge_full().expect("full").full);
    assert_eq!(export(&mut store), incremental);
}

#[test]
fn daily_reports_do_not_chain_into_one_long_event() {
    let mut store = Store::open(":memory:", config(3)).expect("open");
    let days = ["2024-06-01", "2024-06-03", "2024-06-05", "2024-06-07"];
    let docs: Vec<StoredDocument> = days
        .iter()
        .enumerate()
        .map(|(i, d)| report(&format!("day{i}"), d, d, "عدن", &["houthis"]))
        .collect();
    store.put_documents(&docs).expect("put");
    store.merge().expect("merge");
    assert_eq!(
        groups(&export(&mut store)),
        [vec!["day0", "day1"], vec!["day2", "day3"]]
    );
}

fn merged_store() -> Store {
    let mut store = Store::open(":memory:", config(3)).expect("open");
    store.put_documents(&reports()).expect("put");
    store.merge().expect("merge");
    store
}

#[test]
fn a_text_names_stored_actors_by_id_name_or_dictionary() {
    let mut store = merged_store();
    let kb = rasid_kb::Kb::builtin().expect("built-in kb");
    let mut named = |text: &str| store.resolve_actor(text, &kb.actors).expect("resolve");
    assert_eq!(named(" houthis "), ["houthis"]);
    // a name of the dictionary, in another spelling than the store saw
    assert_eq!(named("أنصار الله"), ["houthis"]);
    assert_eq!(named("الحوثيين"), ["houthis"]);
    // «القاعدة» names al-Qaeda, which this store never saw (only its Yemeni branch)
    assert!(named("القاعدة").is_empty());
    assert_eq!(named("تنظيم القاعدة في جزيرة العرب"), ["aqap"]);
    assert!(named("حزب غير معروف").is_empty());
}

#[test]
fn timeline_relations_and_actor_page_come_from_one_read() {
    let mut store = merged_store();
    let houthis = rasid_store::EventFilter {
        actor: Some("houthis".into()),
        ..Default::default()
    };
    let events = store.events(&houthis).expect("events");
    assert!(events.len() >= 2);
    assert!(events.iter().all(|e| e
        .reports
        .iter()
        .any(|r| r.actors.contains(&"houthis".into()))));
    let dates: Vec<&str> = events
        .iter()
        .filter_map(|e| e.date_start.as_deref())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let page = store.actor("houthis").expect("read").expect("stored");
    assert_eq!(page.timeline.len(), events.len());
    for (short, full) in page.timeline.iter().zip(&events) {
        assert_eq!(short.id, full.id);
        assert_eq!(short.reports.len(), 1);
        assert_eq!(short.reports[0].evidence[..], full.reports[0].evidence[..1]);
    }
    // the export prints the same merged events
    let exported: Vec<Value> = export(&mut store)
        .into_iter()
        .filter(|l| l["type"] == "merged_event" && l["actors"].to_string().contains("houthis"))
        .collect();
    let read: Vec<Value> = events
        .iter()
        .map(|e| serde_json::to_value(e).expect("JSON"))
        .collect();
    assert_eq!(exported, read);
    let relations = store.relations("houthis", None).expect("relations");
    assert_eq!(relations.len(), 1);
    assert_eq!(relations[0].edge.relation_type, "HOSTILE");
    assert_eq!(relations[0].evidence.len(), 2);
    assert_eq!(page.relations[0].other, "yemen_army");
    assert_eq!(page.relations[0].n_evidence, 2);
    assert!(page.names.contains_key("yemen_army"));
    assert!(store.actor("nobody").expect("read").is_none());
}

#[test]
fn a_reader_finds_the_actors_a_later_merge_brought_by_name() {
    let dir = std::env::temp_dir().join(format!("rasid-names-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("s.db");
    let url = path.to_str().expect("utf-8 path");
    let mut writer = Store::open(url, config(3)).expect("open");
    writer
        .put_documents(&[report("a", "2015-07-01", "2015-07-01", "مأرب", &["حوثيون"])])
        .expect("put");
    writer.merge().expect("merge");
    let mut reader = Store::open(url, config(3)).expect("open");
    let ids = |r: &mut Store, q: &str| -> Vec<String> {
        r.actors(Some(q), 10)
            .expect("actors")
            .into_iter()
            .map(|a| a.id)
            .collect()
    };
    assert_eq!(ids(&mut reader, "حوث"), ["حوثيون"]);
    assert!(ids(&mut reader, "قاعد").is_empty());
    // another process stores and merges: the reader's copy of the names is renewed
    writer
        .put_documents(&[report(
            "b",
            "2015-07-02",
            "2015-07-02",
            "عدن",
            &["قاعدة اليمن"],
        )])
        .expect("put");
    writer.merge().expect("merge");
    assert_eq!(ids(&mut reader, "قاعد"), ["قاعدة اليمن"]);
    // names are compared normalised: hamza, ta marbuta and diacritics fold
    assert_eq!(ids(&mut reader, "قاعِدَه"), ["قاعدة اليمن"]);
    let _ = std::fs::remove_dir_all(&dir);
}
