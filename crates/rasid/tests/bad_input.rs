//! Bad input: a clear error naming the file and the problem, the other inputs still
//! processed, an exit code that says some failed, and never a panic.

mod common;

use std::path::PathBuf;

use common::{parse_lines, rasid};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rasid-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

const GOOD: &str = "اشتباكات بين الجيش ومسلحين في ريف حلب\n\nقتل أربعة مسلحين في اشتباكات مع قوات الجيش في ريف حلب الشمالي، بحسب مصادر محلية.";

#[test]
fn a_binary_file_fails_alone_and_is_named() {
    let d = temp_dir("binary");
    std::fs::write(d.join("a_good.txt"), GOOD).expect("write");
    std::fs::write(
        d.join("b_broken.txt"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0],
    )
    .expect("write");
    std::fs::write(d.join("c_good.txt"), GOOD).expect("write");
    let out = rasid(&["extract", d.to_str().expect("utf8 path")]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code 1 when an input failed"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b_broken.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    let docs = parse_lines(&out.stdout);
    let sources: Vec<_> = docs
        .iter()
        .map(|d| d["source"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(sources, ["a_good.txt", "c_good.txt"]);
    // the second good file is an exact copy of the first
    assert_eq!(docs[1]["articles"][0]["duplicate_of"], "a_good.txt");
}

#[test]
fn a_broken_json_line_names_file_and_line_and_the_rest_go_through() {
    let d = temp_dir("jsonl");
    let good = serde_json::json!({"id": "n1", "title": "عنوان", "text": GOOD}).to_string();
    std::fs::write(
        d.join("feed.jsonl"),
        format!("{good}\n{{\"id\": \"n2\", \"title\": \n{good}\n"),
    )
    .expect("write");
    let out = rasid(&["extract", d.join("feed.jsonl").to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("feed.jsonl:2") && stderr.contains("not valid JSON"),
        "{stderr}"
    );
    assert_eq!(parse_lines(&out.stdout).len(), 2);
}

#[test]
fn a_missing_path_is_an_error_not_a_panic() {
    let out = rasid(&["extract", "/nonexistent/rasid/page.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/nonexistent/rasid/page.txt") && stderr.contains("no such file"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn odd_pages_never_panic() {
    let d = temp_dir("odd");
    let huge = "إرهاب ".repeat(20000);
    let pages: &[(&str, &[u8])] = &[
        ("empty.txt", b""),
        ("blank.txt", b"\n\n   \n\t\n"),
        (
            "only_boiler.txt",
            "زر الذهاب إلى الأعلى\nمقالات ذات صلة\n• عنوان".as_bytes(),
        ),
        (
            "marks.txt",
            "\u{064e}\u{0651}\u{0640}\n\u{200f}\u{feff}".as_bytes(),
        ),
        ("latin.txt", b"Hello world. Nothing Arabic here at all."),
        (
            "crlf.txt",
            "عنوان\r\n\r\nنص الخبر عن هجوم انتحاري.\r\n".as_bytes(),
        ),
        ("broken.html", b"<html><body><p>\xd9\x85\xd8"),
        ("weird.json", b"[1, \"x\", null]"),
        ("huge_line.txt", huge.as_bytes()),
    ];
    for (name, bytes) in pages {
        std::fs::write(d.join(name), bytes).expect("write");
    }
    let out = rasid(&["extract", d.to_str().expect("utf8")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // weird.json holds records that are not objects: three named errors
    assert!(
        stderr.contains("weird.json[0]") && stderr.contains("must be a JSON object"),
        "{stderr}"
    );
    let docs = parse_lines(&out.stdout);
    assert_eq!(
        docs.len(),
        pages.len() - 1,
        "every page but weird.json yields an output line"
    );
    let empty = docs
        .iter()
        .find(|d| d["source"] == "empty.txt")
        .expect("empty page has a line");
    assert_eq!(empty["articles"].as_array().map(Vec::len), Some(0));
}

#[test]
fn stdin_is_read_with_dash() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(GOOD.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let docs = parse_lines(&out.stdout);
    assert_eq!(docs[0]["source"], "stdin");
    assert_eq!(
        docs[0]["articles"][0]["title"],
        "اشتباكات بين الجيش ومسلحين في ريف حلب"
    );
    assert_eq!(docs[0]["articles"][0]["relevant"], true);
}

#[test]
fn a_bad_kb_dir_is_a_clear_error() {
    let d = temp_dir("kb");
    std::fs::write(d.join("relevance.toml"), "version = 1\ntitle_weight = 2.0\nmin_strong = 1\nbase_score = 3\nper_100_words = 1\n[[cue]]\nterms = [\"داعش\"]\nweight = 99\nstrong = true\nmatch = \"word\"\n").expect("write");
    let out = rasid(&["--kb", d.to_str().expect("utf8"), "extract", "-"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("relevance.toml") && stderr.contains("weight 99"),
        "{stderr}"
    );
}

#[test]
fn items_with_a_title_and_no_body_are_never_duplicates() {
    let d = temp_dir("title_only");
    std::fs::write(d.join("a.txt"), "كاريكاتير\n").expect("write");
    std::fs::write(d.join("b.txt"), "كاريكاتير\n").expect("write");
    let out = rasid(&["extract", d.to_str().expect("utf8")]);
    assert!(out.status.success());
    let docs = parse_lines(&out.stdout);
    assert_eq!(docs.len(), 2);
    assert!(
        docs[1]["articles"][0]["duplicate_of"].is_null(),
        "{}",
        docs[1]
    );
}

/// Inputs the fuzzer found crashing or hanging earlier versions (see ARCHITECTURE.md).
#[test]
fn pathological_pages_from_fuzzing_are_handled() {
    let d = temp_dir("pathological");
    let deep = format!(
        "<html><body>{}نص{}</body></html>",
        "<span>".repeat(45_000),
        "</span>".repeat(3)
    );
    std::fs::write(d.join("deep.html"), deep).expect("write");
    std::fs::write(d.join("wide.html"), "<div>".repeat(60_000)).expect("write");
    std::fs::write(d.join("unspaced.txt"), "الحوثي".repeat(20_000)).expect("write");
    let many: String = (0..2_000)
        .map(|i| format!("عنوان رقم {i}\n\nنص قصير عن اشتباكات مسلحة في المدينة.\n\n"))
        .collect();
    std::fs::write(d.join("many.txt"), many).expect("write");
    let out = rasid(&["extract", d.to_str().expect("utf8")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("wide.html") && stderr.contains("tags"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("overflow"),
        "{stderr}"
    );
    let sources: Vec<String> = parse_lines(&out.stdout)
        .iter()
        .map(|d| d["source"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(sources, ["deep.html", "many.txt", "unspaced.txt"]);
}

#[test]
fn a_device_is_refused_with_the_right_reason() {
    let out = rasid(&["extract", "/dev/null"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/dev/null") && stderr.contains("not a regular file"),
        "{stderr}"
    );
}

/// The standard output of a `rasid` run that must succeed.
fn stdout_of(args: &[&str]) -> String {
    let out = rasid(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The tags of `token TAG` lines.
fn tags_of(tagged: &str) -> Vec<&str> {
    tagged
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect()
}

#[test]
fn ner_train_then_tag_end_to_end() {
    let d = temp_dir("ner");
    let train = "قال O\nمحمد B-PERS\nعلي I-PERS\nفي O\nبغداد B-LOC\n. O\n\nزار O\nأحمد B-PERS\nحسن I-PERS\nمدينة O\nالموصل B-LOC\n. O\n\nأعلنت O\nوزارة B-ORG\nالدفاع I-ORG\nأن O\nخالد B-PERS\nوصل O\nإلى O\nعدن B-LOC\n. O\n";
    std::fs::write(d.join("train.conll"), train.repeat(5)).expect("write");
    std::fs::write(d.join("input.conll"), "قال\nمحمد\nعلي\nفي\nعدن\n.\n").expect("write");
    let model = d.join("m.model");
    let out = rasid(&[
        "ner-train",
        "--train",
        d.join("train.conll").to_str().expect("utf8"),
        "--out",
        model.to_str().expect("utf8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tagged = stdout_of(&[
        "ner",
        "--model",
        model.to_str().expect("utf8"),
        d.join("input.conll").to_str().expect("utf8"),
    ]);
    let tags = tags_of(&tagged);
    assert_eq!(
        tags,
        ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"],
        "{tagged}"
    );
    // a missing model is a clear error
    let out = rasid(&[
        "ner",
        "--model",
        d.join("none.model").to_str().expect("utf8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("none.model"));
    // with no flag, the bundled model tags (news text it was not trained on)
    std::fs::write(
        d.join("news.conll"),
        "وقال\nالرئيس\nالأمريكي\nباراك\nأوباما\nفي\nواشنطن\nإن\nالحرب\nطويلة\n.\n",
    )
    .expect("write");
    let tagged = stdout_of(&["ner", d.join("news.conll").to_str().expect("utf8")]);
    let tags = tags_of(&tagged);
    assert_eq!(tags[3..5], ["B-PERS", "I-PERS"], "{tagged}");
    assert_eq!(tags[6], "B-LOC", "{tagged}");

    // inside `extract`, the model adds a person no rule finds (no title, role or kunya)
    let page = d.join("page.txt");
    std::fs::write(
        &page,
        "هجوم\n\nقال محمد علي إن تنظيم داعش نفذ هجوما إرهابيا على موقع للجيش في الموصل أسفر عن مقتل جنود.\n",
    )
    .expect("write");
    let persons_by = |args: &[&str]| -> Vec<(String, String)> {
        let out = rasid(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("one JSON document");
        doc["articles"][0]["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .filter(|a| a["kind"] == "person")
            .flat_map(|a| a["mentions"].as_array().cloned().unwrap_or_default())
            .map(|m| {
                (
                    m["text"].as_str().unwrap_or("").to_string(),
                    m["rule"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let page_arg = page.to_str().expect("utf8");
    assert!(persons_by(&["extract", "--no-ner", page_arg]).is_empty());
    // the bundled model is on by default: a full name no rule finds
    let news = d.join("news.txt");
    std::fs::write(
        &news,
        "هجوم\n\nوقال سالم الدوسري إن تنظيم داعش نفذ هجوما إرهابيا على موقع للجيش في الموصل.\n",
    )
    .expect("write");
    let news_arg = news.to_str().expect("utf8");
    assert_eq!(
        persons_by(&["extract", news_arg]),
        [("سالم الدوسري".to_string(), "person:ner".to_string())]
    );
    assert!(persons_by(&["extract", "--no-ner", news_arg]).is_empty());
    let with_model = persons_by(&[
        "extract",
        "--ner-model",
        model.to_str().expect("utf8"),
        page_arg,
    ]);
    assert_eq!(
        with_model,
        [("محمد علي".to_string(), "person:ner".to_string())]
    );
    let out = rasid(&[
        "extract",
        "--ner-model",
        d.join("none.model").to_str().expect("utf8"),
        page_arg,
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("none.model"));
}

#[test]
fn a_mistyped_store_path_is_an_error_and_creates_nothing() {
    let dir = common::scratch("no-store");
    let db = dir.join("rasdi.db");
    let path = db.display().to_string();
    for args in [
        vec!["export", "--db", &path, "--format", "stix"],
        vec!["search", "الحوثي", "--db", &path],
        vec!["query", "--db", &path, "timeline", "houthis"],
        vec!["serve", "--db", &path, "--addr", "127.0.0.1:0"],
    ] {
        let out = rasid(&args);
        assert!(
            !out.status.success(),
            "{args:?} succeeded on a missing store"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&path) && stderr.contains("no store"),
            "{stderr}"
        );
        assert!(!db.exists(), "{args:?} created {path}");
    }
}

#[test]
fn one_bad_byte_does_not_turn_a_utf8_page_into_mojibake() {
    let dir = common::scratch("bad-byte");
    let page = dir.join("page.txt");
    let mut bytes = GOOD.as_bytes().to_vec();
    let at = GOOD.find(' ').expect("a space");
    bytes.insert(at, 0xFF);
    std::fs::write(&page, &bytes).expect("write");
    let out = rasid(&["extract", &page.display().to_string()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("damaged UTF-8"), "{stderr}");
    let docs = parse_lines(&out.stdout);
    let title = docs[0]["articles"][0]["title"].as_str().expect("a title");
    assert_eq!(title, "اشتباكات\u{FFFD} بين الجيش ومسلحين في ريف حلب");
    let places: Vec<&str> = docs[0]["articles"][0]["places"]
        .as_array()
        .expect("places")
        .iter()
        .filter_map(|p| p["name_ar"].as_str())
        .collect();
    assert!(places.iter().any(|p| p.contains("حلب")), "{places:?}");
}

#[test]
fn the_size_limits_are_set_on_the_command_line() {
    let dir = temp_dir("limits");
    let feed = dir.join("feed.jsonl");
    let long = format!("{GOOD}\n{}", "وقتل مسلحون في ريف حلب. ".repeat(30_000));
    let good = serde_json::json!({"id": "short", "text": GOOD}).to_string();
    let big = serde_json::json!({"id": "long", "text": long}).to_string();
    std::fs::write(&feed, format!("{big}\n{good}\n")).expect("write");
    let path = feed.display().to_string();
    let sources = |out: &std::process::Output| -> Vec<String> {
        parse_lines(&out.stdout)
            .iter()
            .map(|d| d["source"].as_str().unwrap_or("").to_string())
            .collect()
    };
    // by default (2 MB of text) both are read
    let out = rasid(&["extract", &path]);
    assert!(out.status.success());
    assert_eq!(sources(&out), ["long", "short"]);
    // with half a MB of text the long one is skipped, named by file and line
    let out = rasid(&["extract", "--max-text-mb", "0.5", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("feed.jsonl:1: text too long (") && stderr.contains("limit 0.5 MB"),
        "{stderr}"
    );
    assert_eq!(sources(&out), ["short"]);
    // and ingest keeps the same limits: the short one is stored, the run says one failed
    let db = dir.join("s.db").display().to_string();
    let out = rasid(&["ingest", "--max-record-mb", "0.5", &path, "--db", &db]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("feed.jsonl:1: too large (") && stderr.contains("limit 0.5 MB"),
        "{stderr}"
    );
    let out = rasid(&["search", "--db", &db, "حلب"]);
    let stored: Vec<String> = parse_lines(&out.stdout)
        .iter()
        .map(|h| h["source"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(stored, ["short"]);
    // a limit of nothing is refused before anything is read
    let out = rasid(&["extract", "--max-text-mb", "0", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("above 0"));
}
