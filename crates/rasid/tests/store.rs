//! End-to-end tests of the store: `rasid ingest` into SQLite (and PostgreSQL when
//! `RASID_TEST_PG` names a server), idempotence, an ingest killed mid-way and re-run,
//! independence from input order and worker count, the cross-document merge, and search
//! over spelling variants. Every input is written here (our own sentences) or taken from
//! `examples/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{parse_lines, rasid, repo_root, run_ok, scratch};
use serde_json::{json, Value};

fn ingest(db: &str, paths: &[&Path], extra: &[&str]) -> Value {
    let mut args: Vec<String> = vec!["ingest".into(), "--db".into(), db.into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_ok(&args);
    serde_json::from_slice(&out).expect("ingest prints one JSON summary")
}

fn export(db: &str) -> String {
    String::from_utf8(run_ok(&["export", "--format", "jsonl", "--db", db])).expect("UTF-8")
}

fn search(db: &str, q: &str) -> Vec<Value> {
    parse_lines(&run_ok(&["search", q, "--db", db, "--limit", "50"]))
}

fn write_jsonl(path: &Path, records: &[Value]) {
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(path, text).expect("write input");
}

fn record(id: &str, date: &str, title: &str, content: &str) -> Value {
    json!({"id": id, "source": "rasid-test", "date_extracted": format!("{date} 09:00:00"),
           "title": title, "content": content})
}

/// Three reports: two of the same attack (different outlets, one day apart), one months
/// later at the same place.
fn merge_inputs(dir: &Path) -> PathBuf {
    let path = dir.join("merge.jsonl");
    write_jsonl(
        &path,
        &[
            record("m-1", "2024-05-02", "هجوم حوثي على موقع عسكري في مأرب",
                "شنت مليشيا الحوثي، اليوم الخميس، هجوماً مسلحاً على موقع للجيش اليمني في مديرية صرواح بمحافظة مأرب، ما أدى إلى مقتل أربعة جنود وإصابة ستة آخرين.\n\nوقال مصدر عسكري إن قوات الجيش تصدت للهجوم وأجبرت المسلحين الحوثيين على التراجع بعد اشتباكات استمرت ساعتين."),
            record("m-2", "2024-05-03", "مقتل أربعة جنود في هجوم للحوثيين غرب مأرب",
                "قتل أربعة جنود من الجيش اليمني وأصيب ستة آخرون في هجوم شنه مسلحون حوثيون أمس الخميس على موقع عسكري في مديرية صرواح بمحافظة مأرب، بحسب مصدر عسكري.\n\nوأضاف المصدر أن مليشيا الحوثي استخدمت الطائرات المسيرة في الهجوم قبل أن تتراجع تحت ضربات الجيش."),
            record("m-3", "2024-09-20", "الحوثيون يهاجمون مواقع الجيش في مأرب مجدداً",
                "شنت مليشيا الحوثي، فجر اليوم الجمعة، هجوماً جديداً على مواقع الجيش اليمني في مديرية صرواح بمحافظة مأرب، وقال مصدر عسكري إن الهجوم أسفر عن مقتل جنديين.\n\nوأوضح المصدر أن الجيش صد الهجوم وكبد المهاجمين خسائر كبيرة."),
        ],
    );
    path
}

/// Articles that write the same names differently.
fn search_inputs(dir: &Path) -> PathBuf {
    let path = dir.join("search.jsonl");
    write_jsonl(
        &path,
        &[
            record("s-1", "2024-01-10", "بيان لقيادة الجماعة في صنعاء",
                "أعلن الحوثيون في بيان صدر اليوم أنهم سيواصلون عملياتهم العسكرية في البحر الأحمر، وقال متحدث باسمهم إن الهجمات ستستمر حتى إشعار آخر."),
            record("s-2", "2024-02-11", "اعتقال خلية في الأنبار",
                "اعتقلت قوات الأمن العراقية خمسة من الدواعش في عملية أمنية بمحافظة الأنبار، وضبطت بحوزتهم أحزمة ناسفة وأسلحة خفيفة، بحسب مصدر أمني."),
            record("s-3", "2024-03-12", "اشتباكات في مأرب",
                "اندلعت اشتباكات عنيفة بين قوات الجيش والحُوثِيّين في جبهة صِرواح غرب مأرِب، وأفاد مصدر محلي بسقوط قتلى من الطرفين."),
            record("s-4", "2024-04-13", "تقرير عن الجماعات المسلحة",
                "قال تقرير حديث إن تنظيم القاعده في جزيرة العرب ما زال ينشط في محافظة ابين، وإن عناصره نفذوا هجمات إرهابية ضد نقاط أمنية خلال الأشهر الماضية."),
            record("s-5", "2024-05-14", "هجوم على حاجز في الرقة",
                "تبنى تنظيم داعش هجوما على حاجز لقوات سوريا الديمقراطية في ريف الرقة الشمالي، وقالت مصادر محلية إن ثلاثة عناصر قتلوا في الهجوم."),
        ],
    );
    path
}

fn hit_sources(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["source"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn reingesting_the_same_pages_changes_nothing() {
    let dir = scratch("idempotent");
    let db = dir.join("rasid.db").display().to_string();
    let examples = repo_root().join("examples");
    let first = ingest(&db, &[&examples], &[]);
    assert!(first["stored"].as_u64().unwrap_or(0) >= 5, "{first}");
    let before = export(&db);
    let second = ingest(&db, &[&examples], &[]);
    assert_eq!(second["stored"], 0, "{second}");
    assert_eq!(second["already_stored"], first["documents"]);
    assert_eq!(export(&db), before, "a second ingest changed the export");
    // every line is JSON with a type, documents first
    let lines = parse_lines(before.as_bytes());
    assert_eq!(lines[0]["type"], "document");
    for t in ["document", "article", "actor", "merged_event", "edge"] {
        assert!(lines.iter().any(|l| l["type"] == t), "no {t} in the export");
    }
}

#[test]
fn ids_and_order_do_not_depend_on_input_order_or_workers() {
    let dir = scratch("order");
    let examples = repo_root().join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&examples)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x != "md"))
        .collect();
    files.sort();
    let forward: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let backward: Vec<&Path> = files.iter().rev().map(PathBuf::as_path).collect();
    let a = dir.join("a.db").display().to_string();
    let b = dir.join("b.db").display().to_string();
    ingest(&a, &forward, &[]);
    ingest(&b, &backward, &["--threads", "1", "--batch", "1"]);
    assert_eq!(export(&a), export(&b));
}

#[test]
fn an_ingest_killed_mid_way_is_completed_by_a_rerun() {
    let dir = scratch("killed");
    // many small documents of our own, so that the kill lands mid-way
    let places = [
        "مأرب",
        "صعدة",
        "تعز",
        "الحديدة",
        "البيضاء",
        "شبوة",
        "أبين",
        "لحج",
    ];
    let records: Vec<Value> = (0..320)
        .map(|i| {
            let place = places[i % places.len()];
            record(
                &format!("k-{i:04}"),
                &format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                &format!("اشتباكات في {place} (تقرير رقم {i})"),
                &format!(
                    "قال مصدر عسكري إن اشتباكات اندلعت بين قوات الجيش ومسلحين حوثيين في محافظة {place}، وأسفرت عن مقتل {} من المسلحين وإصابة {} جنود. وأضاف المصدر في التقرير رقم {i} أن الجيش استعاد السيطرة على مواقع عدة.",
                    2 + i % 7,
                    1 + i % 5
                ),
            )
        })
        .collect();
    let input = dir.join("many.jsonl");
    write_jsonl(&input, &records);
    let whole = dir.join("whole.db").display().to_string();
    let killed = dir.join("killed.db").display().to_string();
    ingest(&whole, &[&input], &[]);

    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["ingest", "--db", &killed, "--batch", "4", "--threads", "1"])
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn rasid ingest");
    let started = Instant::now();
    let mut stored_at_kill = 0;
    while started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(20));
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        if Path::new(&killed).exists() {
            let n = count_documents(&killed);
            if n >= 8 {
                stored_at_kill = n;
                break;
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    if stored_at_kill == 0 || stored_at_kill >= records.len() {
        eprintln!("note: the ingest finished before it could be killed mid-way");
    } else {
        eprintln!(
            "killed after {stored_at_kill} of {} documents",
            records.len()
        );
        // the store is consistent: every stored document has its articles
        let orphans = query_int(
            &killed,
            "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS
               (SELECT 1 FROM articles a WHERE a.document_id = d.id)",
        );
        assert_eq!(orphans, 0);
    }
    let rerun = ingest(&killed, &[&input], &[]);
    let already = rerun["already_stored"].as_u64().unwrap_or(0) as usize;
    let stored = rerun["stored"].as_u64().unwrap_or(0) as usize;
    assert_eq!(already + stored, records.len(), "{rerun}");
    assert!(already >= stored_at_kill, "{rerun}");
    assert_eq!(export(&killed), export(&whole));
}

fn count_documents(db: &str) -> usize {
    usize::try_from(query_int(db, "SELECT COUNT(*) FROM documents")).unwrap_or(0)
}

fn query_int(db: &str, sql: &str) -> i64 {
    let config = rasid_store::MergeConfig::builtin().expect("merge config");
    let mut store = rasid_store::Store::open(db, config).expect("open store");
    let rows = store.backend().query(sql, &[]).expect("query");
    rows[0][0].int("count").expect("an integer")
}

fn merged_event_with_reports<'a>(events: &'a [Value], sources: &[&str]) -> Option<&'a Value> {
    events.iter().find(|e| {
        let got: std::collections::BTreeSet<&str> = e["reports"]
            .as_array()
            .map(|r| r.iter().filter_map(|x| x["source"].as_str()).collect())
            .unwrap_or_default();
        sources.iter().all(|s| got.contains(s))
    })
}

/// `alone`: the store holds only the merge inputs (so the edge's dates are theirs).
fn check_merge(db: &str, alone: bool) {
    let events = parse_lines(&run_ok(&[
        "query", "events", "--type", "attack", "--db", db,
    ]));
    assert!(!events.is_empty());
    let same = merged_event_with_reports(&events, &["m-1", "m-2"])
        .unwrap_or_else(|| panic!("the two reports of one attack are not merged: {events:#?}"));
    assert_eq!(same["n_articles"], 2, "{same:#}");
    assert_eq!(same["n_sources"], 2, "{same:#}");
    assert!(
        merged_event_with_reports(&events, &["m-1", "m-3"]).is_none(),
        "an attack months later merged with the first"
    );
    // every report keeps its provenance
    for r in same["reports"].as_array().expect("reports") {
        let ev = &r["evidence"][0];
        assert!(ev["end"].as_i64() > ev["start"].as_i64(), "{r:#}");
        assert!(ev["rule"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(r["article"].is_string() && r["document"].is_string());
    }
    // the Houthi–army hostility: first and last sighting from publication dates
    let edges = parse_lines(&run_ok(&["query", "relations", "houthis", "--db", db]));
    let hostile = edges
        .iter()
        .find(|e| e["relation_type"] == "HOSTILE")
        .unwrap_or_else(|| panic!("no HOSTILE edge for houthis: {edges:#?}"));
    if alone {
        assert_eq!(hostile["first_seen"], "2024-05-02");
        assert_eq!(hostile["last_seen"], "2024-09-20");
    }
    assert!(hostile["weight"].as_i64() >= Some(2));
    assert!(hostile["evidence"].as_array().is_some_and(|v| v.len() >= 2));
    // the timeline lists merged events in date order
    let timeline = parse_lines(&run_ok(&["query", "timeline", "الحوثيين", "--db", db]));
    let dates: Vec<&str> = timeline
        .iter()
        .filter_map(|e| e["date_start"].as_str())
        .collect();
    assert!(
        dates.len() >= 2 && dates.windows(2).all(|w| w[0] <= w[1]),
        "{dates:?}"
    );
    // filters
    let later = parse_lines(&run_ok(&[
        "query",
        "events",
        "--actor",
        "houthis",
        "--country",
        "ye",
        "--from",
        "2024-09-01",
        "--db",
        db,
    ]));
    assert!(!later.is_empty());
    assert!(later
        .iter()
        .all(|e| e["date_end"].as_str() >= Some("2024-09-01")));
}

#[test]
fn reports_of_one_attack_merge_across_articles() {
    let dir = scratch("merge");
    let input = merge_inputs(&dir);
    let db = dir.join("rasid.db").display().to_string();
    ingest(&db, &[&input], &[]);
    check_merge(&db, true);
}

fn check_search(db: &str) {
    // «الحوثي» finds an article that only says «الحوثيون»
    assert!(hit_sources(&search(db, "الحوثي")).contains(&"s-1".to_string()));
    // and diacritics in the text («الحُوثِيّين») do not hide it
    assert!(hit_sources(&search(db, "الحوثيين")).contains(&"s-3".to_string()));
    // alef with hamza and kasra in the text, none in the query
    assert!(hit_sources(&search(db, "مارب")).contains(&"s-3".to_string()));
    // «داعش» finds «الدواعش» (another name of the same actor), not the Houthi articles
    let daesh = hit_sources(&search(db, "داعش"));
    assert!(daesh.contains(&"s-2".to_string()), "{daesh:?}");
    assert!(!daesh.contains(&"s-1".to_string()), "{daesh:?}");
    // the articles with the word typed come first, then those with another name only
    let at = |s: &str| daesh.iter().position(|h| h == s);
    assert!(at("s-5").is_some() && at("s-5") < at("s-2"), "{daesh:?}");
    // a word that carries no topic («في») is left out, the others are all asked for
    let raqqa = hit_sources(&search(db, "داعش في الرقة"));
    assert!(
        raqqa.contains(&"s-5".to_string()) && !raqqa.contains(&"s-2".to_string()),
        "{raqqa:?}"
    );
    // ta marbuta written as ha («القاعده») and no hamza («ابين»)
    assert!(hit_sources(&search(db, "القاعدة")).contains(&"s-4".to_string()));
    assert!(hit_sources(&search(db, "أبين")).contains(&"s-4".to_string()));
    // clitics: «بالأنبار» style queries find «الأنبار»
    let hits = search(db, "وبالأنبار");
    assert!(hit_sources(&hits).contains(&"s-2".to_string()));
    let h = &hits[0];
    for k in ["article", "source", "title", "score", "snippet"] {
        assert!(!h[k].is_null(), "search hit without {k}: {h}");
    }
    assert!(h["snippet"].as_str().is_some_and(|s| s.contains('[')));
    assert!(search(db, "كلمةلاتوجد").is_empty());
}

#[test]
fn search_finds_spelling_variants() {
    let dir = scratch("search");
    let input = search_inputs(&dir);
    let db = dir.join("rasid.db").display().to_string();
    ingest(&db, &[&input], &[]);
    check_search(&db);
    // the ranking reads the full-text index, not the articles one by one
    let plan =
        String::from_utf8(run_ok(&["search", "الحوثي", "--explain", "--db", &db])).expect("UTF-8");
    assert!(plan.contains("VIRTUAL TABLE INDEX"), "{plan}");
}

#[test]
fn a_bad_input_is_named_and_the_store_keeps_the_rest() {
    let dir = scratch("bad");
    let bad = dir.join("broken.jsonl");
    std::fs::write(&bad, "{\"id\": \"x\", \"content\": \n").expect("write");
    let good = search_inputs(&dir);
    let db = dir.join("rasid.db").display().to_string();
    let out = rasid(&[
        "ingest",
        "--db",
        &db,
        &bad.display().to_string(),
        &good.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.jsonl"), "{err}");
    assert_eq!(count_documents(&db), 5);
    // a database URL of an unknown kind is an error, not a file named like it
    let out = rasid(&["export", "--db", "mysql://localhost/x"]);
    assert_eq!(out.status.code(), Some(2));
}

/// PostgreSQL: `RASID_TEST_PG=postgres://USER:PASS@HOST/DB` names a server where USER may
/// create databases. Two ingests at once into one fresh database must give the export of
/// a single ingest into SQLite.
#[test]
fn postgres_two_concurrent_ingests_equal_one() {
    let Some(db) = common::fresh_pg_database("rasid_test") else {
        eprintln!("SKIP: RASID_TEST_PG is not set; the PostgreSQL path is not tested");
        return;
    };
    let url = db.url.clone();

    let dir = scratch("pg");
    let examples = repo_root().join("examples");
    let merge = merge_inputs(&dir);
    let searchable = search_inputs(&dir);
    let inputs = [examples.as_path(), merge.as_path(), searchable.as_path()];
    let spawn = |paths: &[&Path], batch: &str| {
        Command::new(env!("CARGO_BIN_EXE_rasid"))
            .args(["ingest", "--db", &url, "--batch", batch])
            .args(paths)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn rasid ingest")
    };
    let reversed: Vec<&Path> = inputs.iter().rev().copied().collect();
    let one = spawn(&inputs, "2");
    let two = spawn(&reversed, "3");
    for child in [one, two] {
        let out = child.wait_with_output().expect("ingest ends");
        assert!(
            out.status.success(),
            "concurrent ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let sqlite = dir.join("single.db").display().to_string();
    ingest(&sqlite, &inputs, &[]);
    let pg_export = export(&url);
    assert_eq!(
        pg_export,
        export(&sqlite),
        "PostgreSQL after two ingests ≠ SQLite after one"
    );
    // idempotent on PostgreSQL too
    let again = ingest(&url, &inputs, &[]);
    assert_eq!(again["stored"], 0);
    assert_eq!(export(&url), pg_export);
    check_merge(&url, false);
    check_search(&url);
}

#[test]
fn reports_that_spell_the_place_differently_merge_by_gazetteer_entry() {
    let dir = scratch("spelling");
    let path = dir.join("spelling.jsonl");
    write_jsonl(
        &path,
        &[
            record("s-1", "2024-06-15", "تفجير انتحاري في سوق بنجامينا",
                "فجر انتحاري من جماعة بوكو حرام نفسه اليوم السبت في السوق المركزي في نجامينا، ما أسفر عن مقتل ١٢ شخصا.\n\nوقالت الشرطة إن جماعة بوكو حرام تقف وراء الهجوم على السوق في نجامينا."),
            record("s-2", "2024-06-16", "بوكو حرام وراء تفجير انجامينا",
                "أعلنت السلطات التشادية أن انتحاريا من جماعة بوكو حرام فجر نفسه أمس السبت في السوق المركزي في انجامينا، ما أسفر عن مقتل ١٢ شخصا.\n\nوشددت السلطات الإجراءات الأمنية في انجامينا بعد الهجوم."),
        ],
    );
    let db = dir.join("rasid.db").display().to_string();
    ingest(&db, &[&path], &[]);
    let events = parse_lines(&run_ok(&[
        "query", "events", "--type", "attack", "--db", &db,
    ]));
    let same = merged_event_with_reports(&events, &["s-1", "s-2"])
        .unwrap_or_else(|| panic!("«نجامينا» and «انجامينا» did not merge: {events:#?}"));
    assert_eq!(same["n_articles"], 2, "{same:#}");
    // each article keeps its own spelling of the place
    let places: Vec<String> = export(&db)
        .lines()
        .filter(|l| l.contains("N'Djamena"))
        .flat_map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or(Value::Null);
            v["record"]["places"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p["name_ar"].as_str().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        places.iter().any(|p| p == "نجامينا") && places.iter().any(|p| p == "انجامينا"),
        "{places:?}"
    );
}
