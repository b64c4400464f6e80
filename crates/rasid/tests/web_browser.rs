//! The analyst's path in headless Chromium, driven over WebDriver (chromedriver): ingest
//! `examples/`, serve, open the page, search «الحوثي», open an article and see its
//! highlights and a tooltip, click the Houthi highlight, see the allies with their evidence
//! and the relation graph; then the events page (table, map, timeline) and the graph page.
//! A second test downloads what the events, actor and graph views show (the export links
//! carry the view's filters, and what they fetch parses); a third reviews an article's
//! facts with an analyst's token; a fourth follows the alerts a later ingest brought,
//! marks them read and saves a watchlist; a fifth rejects an ALLY edge and corrects a doer
//! on the page, extracts the store again with a changed kb, and finds the edge still
//! rejected and the corrected doer in the JSONL and ACLED exports.
//!
//! Needs Debian's `chromium` and `chromium-driver` (or `RASID_CHROMIUM` /
//! `RASID_CHROMEDRIVER`). Without them it prints SKIP and passes, unless
//! `RASID_TEST_BROWSER=1` (set by `.ci/run`), which makes their absence a failure.
//! Screenshots go to `RASID_SCREENSHOTS_DIR` (e.g. `docs/screenshots`), else to a temp dir.

mod web_common;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};
use web_common::{
    agent, get_json, repo_root, serve_examples, serve_examples_writable, ANALYST, TOKEN,
};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_binary(var: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(var) {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

struct Driver {
    child: Child,
    base: String,
    session: String,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = agent()
            .delete(&format!("{}/session/{}", self.base, self.session))
            .call();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn post(url: &str, body: &Value) -> Value {
    let mut r = agent()
        .post(url)
        .header("content-type", "application/json")
        .send(body.to_string())
        .unwrap_or_else(|e| panic!("POST {url}: {e}"));
    let text = r.body_mut().read_to_string().expect("webdriver body");
    let v: Value = serde_json::from_str(&text).expect("webdriver JSON");
    assert!(
        r.status().is_success(),
        "POST {url} {body}: {} {text}",
        r.status()
    );
    v["value"].clone()
}

impl Driver {
    fn start(chromium: &PathBuf, chromedriver: &PathBuf) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(mut r) = agent().get(&format!("{base}/status")).call() {
                let s = r.body_mut().read_to_string().unwrap_or_default();
                if s.contains("\"ready\":true") {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(200));
        }
        // one profile per browser: the tests of this file run side by side
        let profile =
            std::env::temp_dir().join(format!("rasid-chromium-{}-{port}", std::process::id()));
        let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--hide-scrollbars", "--force-device-scale-factor=1",
                format!("--user-data-dir={}", profile.display())]
        }}}});
        let mut driver = Driver {
            child,
            base,
            session: String::new(),
            profile,
        };
        let v = post(&format!("{}/session", driver.base), &caps);
        driver.session = v["sessionId"].as_str().expect("session id").to_string();
        driver
    }

    fn url(&self, tail: &str) -> String {
        format!("{}/session/{}{tail}", self.base, self.session)
    }

    fn goto(&self, url: &str) {
        post(&self.url("/url"), &json!({ "url": url }));
    }

    fn js(&self, script: &str) -> Value {
        post(
            &self.url("/execute/sync"),
            &json!({"script": script, "args": []}),
        )
    }

    /// Run `script`, which hands its result to `done`, the callback WebDriver passes last.
    fn js_async(&self, script: &str) -> Value {
        let script = format!("const done = arguments[arguments.length - 1];\n{script}");
        post(
            &self.url("/execute/async"),
            &json!({"script": script, "args": []}),
        )
    }

    /// Fetch the `href` of the element `css` from the page, as a click would download it:
    /// {status, type (content type), disposition, body}.
    fn fetch_href(&self, css: &str) -> Value {
        let v = self.js_async(&format!(
            "const a = document.querySelector({css:?});
            if (!a) {{ done({{error: 'no ' + {css:?}}}); return; }}
            fetch(a.getAttribute('href')).then(async (r) => done({{status: r.status,
                type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),
                body: await r.text()}})).catch((e) => done({{error: String(e)}}));"
        ));
        assert!(v["error"].is_null(), "fetch {css}: {v}");
        v
    }

    /// Wait until `expr` (a JS expression) is truthy.
    fn wait(&self, what: &str, expr: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let v = self.js(&format!("return !!({expr});"));
            if v == json!(true) {
                return;
            }
            if Instant::now() > deadline {
                let page =
                    self.js("return document.getElementById('view').innerText.slice(0, 500)");
                panic!("timed out waiting for {what} ({expr}); page: {page}");
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn find(&self, css: &str) -> String {
        let v = post(
            &self.url("/element"),
            &json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT].as_str().expect("element id").to_string()
    }

    fn click(&self, css: &str) {
        let el = self.find(css);
        post(&self.url(&format!("/element/{el}/click")), &json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css);
        post(
            &self.url(&format!("/element/{el}/value")),
            &json!({ "text": text }),
        );
    }

    fn screenshot(&self, dir: &std::path::Path, name: &str) {
        let mut r = agent()
            .get(&self.url("/screenshot"))
            .call()
            .expect("screenshot");
        let text = r.body_mut().read_to_string().expect("screenshot body");
        let v: Value = serde_json::from_str(&text).expect("screenshot JSON");
        let png = base64::engine::general_purpose::STANDARD
            .decode(v["value"].as_str().expect("base64"))
            .expect("base64 PNG");
        assert!(png.starts_with(b"\x89PNG"));
        std::fs::write(dir.join(name), png).expect("write screenshot");
    }
}

/// (chromium, chromedriver), or None when they are missing and the test is to be skipped.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let chromium = find_binary(
        "RASID_CHROMIUM",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    );
    let chromedriver = find_binary(
        "RASID_CHROMEDRIVER",
        &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    );
    let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
        assert!(
            std::env::var_os("RASID_TEST_BROWSER").is_none(),
            "RASID_TEST_BROWSER is set but chromium/chromedriver were not found"
        );
        println!("SKIP: chromium and chromedriver not installed (apt-get install chromium chromium-driver)");
        return None;
    };
    Some((chromium, chromedriver))
}

/// Where screenshots go: `RASID_SCREENSHOTS_DIR` (relative to the repository), else a
/// temp dir; made if missing.
fn screenshot_dir() -> PathBuf {
    let shots = match std::env::var_os("RASID_SCREENSHOTS_DIR") {
        Some(d) => {
            let d = PathBuf::from(d);
            if d.is_absolute() {
                d
            } else {
                repo_root().join(d)
            }
        }
        None => std::env::temp_dir().join(format!("rasid-screens-{}", std::process::id())),
    };
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    shots
}

#[test]
fn analyst_finds_the_houthis_allies_with_evidence_in_three_clicks() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let shots = screenshot_dir();
    let server = serve_examples("browser");
    let d = Driver::start(&chromium, &chromedriver);
    d.goto(&format!("{}/", server.base));
    d.wait(
        "home page",
        "document.querySelectorAll('#articles li').length >= 5",
    );

    // click 1: search «الحوثي»
    d.type_into("#q", "الحوثي");
    d.click("#search-button");
    d.wait(
        "search results",
        "document.querySelector('#actor-results a[href=\"#/actor/houthis\"]') && document.querySelectorAll('#hits li.hit').length >= 3",
    );
    d.screenshot(&shots, "1-search.png");

    // click 2: open the report on Houthi allies
    d.js("const a = [...document.querySelectorAll('#hits li.hit a')].find(a => a.textContent.includes('تعاون وثيق')); a.id = 'pick'; return a.href;");
    d.click("#pick");
    d.wait(
        "article highlights",
        "document.querySelectorAll('#article-text mark.ann').length >= 8 && document.querySelectorAll('#article-text span.ev').length >= 3",
    );
    let kinds = d.js("return [...new Set([...document.querySelectorAll('#article-text mark.ann')].map(m => m.dataset.kind))].sort()");
    assert_eq!(kinds, json!(["actor", "place"]));
    let dir = d.js("return getComputedStyle(document.getElementById('article-text')).direction");
    assert_eq!(dir, json!("rtl"));
    // hover the first Houthi highlight: the tooltip names type, id, English name
    d.js("const m = document.querySelector('#article-text mark.ann[data-id=\"houthis\"]'); m.id = 'houthi-mark'; m.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); return true;");
    d.wait("tooltip", "!document.getElementById('tip').hidden");
    let tip = d.js("return document.getElementById('tip').innerText");
    let tip = tip.as_str().unwrap_or_default();
    assert!(tip.contains("houthis") && tip.contains("Houthis"), "{tip}");
    d.screenshot(&shots, "2-article.png");

    // click 3: the Houthi highlight opens the actor page: allies with evidence, the graph
    d.click("#houthi-mark");
    d.wait(
        "actor page",
        "document.querySelectorAll('#rel-ALLY .rel').length >= 3 && document.querySelector('#graph canvas') && +document.getElementById('graph').dataset.nodes >= 4",
    );
    let allies = d.js(
        "return [...document.querySelectorAll('#rel-ALLY .rel')].map(r => r.dataset.other).sort()",
    );
    for want in ["aqap", "hezbollah", "irgc"] {
        assert!(
            allies.as_array().unwrap().contains(&json!(want)),
            "{want} not in {allies}"
        );
    }
    let evidence = d.js("return document.querySelectorAll('#rel-ALLY blockquote.evidence').length");
    assert!(evidence.as_u64().unwrap_or(0) >= 3, "{evidence}");
    d.js("window.scrollTo(0, 0); return true;");
    d.screenshot(&shots, "3-actor.png");

    // the events page: table, map points, timeline, CSV link
    d.goto(&format!("{}/#/events?country=YE", server.base));
    d.wait(
        "events page",
        "document.querySelectorAll('#events-table tbody tr').length >= 1 && +document.getElementById('map').dataset.points >= 1 && document.querySelector('#chart svg')",
    );
    let csv = d.js("return document.getElementById('csv').getAttribute('href')");
    assert_eq!(csv, json!("/api/events.csv?country=YE&min_confidence=0.5"));
    // the page states the threshold it hides events below, with a control to move it
    let stated = d.js("return document.getElementById('threshold').textContent");
    assert!(
        stated.as_str().unwrap_or_default().contains("0.50"),
        "{stated}"
    );
    assert_eq!(
        d.js("return document.querySelector('#event-filters input[name=min_confidence]').value"),
        json!("0.5")
    );
    d.screenshot(&shots, "4-events.png");
    // lowering the threshold to 0 shows the events it hid
    let rows = "document.querySelectorAll('#events-table tbody tr').length";
    let shown = d.js(&format!("return {rows}")).as_u64().unwrap_or(0);
    d.js("const r = document.querySelector('#event-filters input[name=min_confidence]'); r.value = '0'; r.dispatchEvent(new Event('change')); return true;");
    d.wait(
        "events at threshold 0",
        &format!("document.getElementById('threshold') && document.getElementById('threshold').dataset.minConfidence === '0' && {rows} >= {shown} && {rows} >= 3"),
    );

    // the whole relation graph
    d.goto(&format!("{}/#/graph", server.base));
    d.wait(
        "graph page",
        "document.querySelector('#graph-full canvas') && +document.getElementById('graph-full').dataset.edges >= 1",
    );
    assert!(d
        .js("return !!document.querySelector('#graph-filters input[name=min_confidence]') && document.getElementById('threshold').dataset.minConfidence")
        .as_str()
        .is_some_and(|v| v == "0.5"));
    d.screenshot(&shots, "5-graph.png");
    // lowering the threshold to 0 draws every ALLY and HOSTILE edge
    d.js("const r = document.querySelector('#graph-filters input[name=min_confidence]'); r.value = '0'; r.dispatchEvent(new Event('change')); return true;");
    d.wait(
        "graph at threshold 0",
        "document.getElementById('threshold').dataset.minConfidence === '0' && +document.getElementById('graph-full').dataset.edges >= 5",
    );
    println!("screenshots in {}", shots.display());
}

/// The export links of a view: (data-export, href, has `download`) in page order.
fn export_links(d: &Driver, css: &str) -> Vec<(String, String, bool)> {
    let v = d.js(&format!(
        "return [...document.querySelectorAll({css:?} + ' a[data-export]')].map(a => [a.dataset.export, a.getAttribute('href'), a.hasAttribute('download')])"
    ));
    serde_json::from_value(v).expect("export links")
}

fn expected_links(formats: &[&str], query: &str) -> Vec<(String, String, bool)> {
    formats
        .iter()
        .map(|f| (f.to_string(), format!("/api/export/{f}?{query}"), true))
        .collect()
}

/// A downloaded STIX bundle: its events (sightings, and notes for events with no named
/// doer) by type.
fn stix_events(body: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("STIX: {e}: {body}"));
    assert_eq!(v["type"], json!("bundle"), "{body}");
    assert!(v["id"]
        .as_str()
        .is_some_and(|id| id.starts_with("bundle--")));
    v["objects"]
        .as_array()
        .expect("STIX objects")
        .iter()
        .filter(|o| o["type"] == json!("sighting") || o["type"] == json!("note"))
        .cloned()
        .collect()
}

/// ACLED CSV rows as maps column → value, after checking the header names ACLED's columns.
fn acled_rows(body: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut lines = body.lines();
    let header = lines.next().expect("ACLED header");
    assert!(
        header.starts_with("event_id_cnty,event_date,year,") && header.contains(",actor1,"),
        "{header}"
    );
    csv::Reader::from_reader(body.as_bytes())
        .deserialize()
        .map(|r| r.expect("ACLED row"))
        .collect()
}

#[test]
fn analyst_downloads_the_events_actor_and_graph_they_are_looking_at() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let server = serve_examples("browser-exports");
    let d = Driver::start(&chromium, &chromedriver);

    // the events view, filtered to Yemen from April 2024: every link carries the filters
    d.goto(&format!("{}/#/events?country=YE&from=2024-04", server.base));
    let rows = "document.querySelectorAll('#events-table tbody tr').length";
    d.wait(
        "events page",
        &format!("document.getElementById('view').dataset.ready === '1' && document.getElementById('event-exports') && {rows} >= 1"),
    );
    let query = "country=YE&from=2024-04&min_confidence=0.5";
    assert_eq!(
        export_links(&d, "#event-exports"),
        expected_links(&["acled-csv", "stix", "geojson", "jsonl"], query)
    );
    // the CSV link is still there, among the downloads, with its filters
    assert_eq!(
        d.js("const a = document.querySelector('#event-exports #csv'); return a && a.getAttribute('href')"),
        json!(format!("/api/events.csv?{query}"))
    );
    let shown = d.js(&format!("return {rows}")).as_u64().expect("rows");
    let shown = usize::try_from(shown).expect("rows");

    // the STIX link, fetched by the page: a bundle of the events the table shows
    let stix = d.fetch_href("#event-exports a[data-export=stix]");
    assert_eq!(stix["status"], json!(200), "{stix}");
    assert!(
        stix["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("application/stix+json")),
        "{stix}"
    );
    assert!(
        stix["disposition"]
            .as_str()
            .is_some_and(|c| c.starts_with("attachment") && c.contains("rasid.stix.json")),
        "{stix}"
    );
    let events = stix_events(stix["body"].as_str().expect("STIX body"));
    assert_eq!(events.len(), shown, "STIX events vs table rows");
    for e in &events {
        if let Some(first) = e["first_seen"].as_str() {
            assert!(first >= "2024-04", "{e}");
        }
    }
    // without the filters the store has more events: the link's filters did the work
    let (status, _, all) = web_common::get(&server, "/api/export/stix?min_confidence=0.5");
    assert_eq!(status, 200);
    assert!(stix_events(&all).len() > events.len());

    // the ACLED link, downloaded by the test's client: the same events, all in Yemen
    let href = d.js("return document.querySelector('#event-exports a[data-export=\"acled-csv\"]').getAttribute('href')");
    let (status, ctype, body) = web_common::get(&server, href.as_str().expect("href"));
    assert_eq!(status, 200, "{body}");
    assert!(ctype.starts_with("text/csv"), "{ctype}");
    let acled = acled_rows(&body);
    assert!(!acled.is_empty() && acled.len() <= shown, "{body}");
    for r in &acled {
        assert_eq!(r["country"], "Yemen", "{r:?}");
        assert!(r["event_date"].as_str() >= "2024-04", "{r:?}");
    }

    // the GeoJSON link: a FeatureCollection of Yemeni events
    let href = d.js("return document.querySelector('#event-exports a[data-export=\"geojson\"]').getAttribute('href')");
    let (status, ctype, body) = web_common::get(&server, href.as_str().expect("href"));
    assert_eq!(status, 200, "{body}");
    assert!(ctype.starts_with("application/geo+json"), "{ctype}");
    let geo: Value = serde_json::from_str(&body).expect("GeoJSON");
    assert_eq!(geo["type"], json!("FeatureCollection"));
    let features = geo["features"].as_array().expect("features");
    assert!(!features.is_empty() && features.len() <= shown);
    for f in features {
        assert_eq!(f["properties"]["country"], json!("YE"), "{f}");
    }

    // changing the filters changes the links
    d.js("const f = document.getElementById('event-filters'); f.country.value = ''; f.requestSubmit(); return true;");
    d.wait(
        "events without the country filter",
        "document.querySelector('#event-exports a[data-export=stix]') && !document.querySelector('#event-exports a[data-export=stix]').getAttribute('href').includes('country')",
    );
    assert_eq!(
        export_links(&d, "#event-exports"),
        expected_links(
            &["acled-csv", "stix", "geojson", "jsonl"],
            "from=2024-04&min_confidence=0.5"
        )
    );

    // the actor view: that actor's events and relations
    d.goto(&format!("{}/#/actor/houthis", server.base));
    d.wait(
        "actor page",
        "document.getElementById('actor-exports') && +document.getElementById('graph').dataset.edges >= 1",
    );
    assert_eq!(
        export_links(&d, "#actor-exports"),
        expected_links(&["acled-csv", "stix", "graphml", "gexf"], "actor=houthis")
    );
    // GraphML, fetched and parsed by the page: the edges the actor's graph draws, each
    // touching the actor
    let graphml = d.fetch_href("#actor-exports a[data-export=graphml]");
    assert_eq!(graphml["status"], json!(200), "{graphml}");
    assert!(
        graphml["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("application/graphml+xml")),
        "{graphml}"
    );
    let parsed = d.js_async(
        "const a = document.querySelector('#actor-exports a[data-export=graphml]');
        fetch(a.getAttribute('href')).then((r) => r.text()).then((t) => {
            const x = new DOMParser().parseFromString(t, 'application/xml');
            const edges = [...x.getElementsByTagName('edge')];
            done({error: x.getElementsByTagName('parsererror').length,
                root: x.documentElement.nodeName,
                nodes: [...x.getElementsByTagName('node')].map((n) => n.getAttribute('id')),
                edges: edges.length,
                touching: edges.filter((e) => e.getAttribute('source') === 'houthis' || e.getAttribute('target') === 'houthis').length});
        });",
    );
    assert_eq!(parsed["error"], json!(0), "{parsed}");
    assert_eq!(parsed["root"], json!("graphml"), "{parsed}");
    assert!(
        parsed["nodes"]
            .as_array()
            .is_some_and(|n| n.contains(&json!("houthis"))),
        "{parsed}"
    );
    let drawn = d.js("return +document.getElementById('graph').dataset.edges");
    assert_eq!(parsed["edges"], drawn, "{parsed}");
    assert_eq!(parsed["touching"], drawn, "{parsed}");
    // ACLED: the actor's events, each naming the Houthis
    let timeline = d
        .js("return document.querySelectorAll('#timeline .item').length")
        .as_u64()
        .expect("timeline");
    let href = d.js("return document.querySelector('#actor-exports a[data-export=\"acled-csv\"]').getAttribute('href')");
    let (status, _, body) = web_common::get(&server, href.as_str().expect("href"));
    assert_eq!(status, 200, "{body}");
    let acled = acled_rows(&body);
    assert!(
        !acled.is_empty() && acled.len() as u64 <= timeline,
        "{body}"
    );
    for r in &acled {
        let named = ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"]
            .iter()
            .any(|c| r[*c].contains("Houthis"));
        assert!(named, "{r:?}");
    }

    // the graph view: GraphML and GEXF at the view's confidence; the tooltip says the
    // export holds every relation type (the view's type and weight filters do not apply)
    d.goto(&format!("{}/#/graph", server.base));
    d.wait(
        "graph page",
        "document.getElementById('graph-exports') && document.querySelector('#graph-full canvas')",
    );
    assert_eq!(
        export_links(&d, "#graph-exports"),
        expected_links(&["graphml", "gexf"], "min_confidence=0.5")
    );
    let title = d.js("return document.querySelector('#graph-exports a[data-export=gexf]').title");
    assert!(
        title
            .as_str()
            .is_some_and(|t| t.contains("every relation type") && t.contains("0.50")),
        "{title}"
    );
    d.js("const r = document.querySelector('#graph-filters input[name=min_confidence]'); r.value = '0'; r.dispatchEvent(new Event('change')); return true;");
    d.wait(
        "graph links at threshold 0",
        "document.querySelector('#graph-exports a[data-export=graphml]').getAttribute('href') === '/api/export/graphml?min_confidence=0'",
    );
    let gexf = d.fetch_href("#graph-exports a[data-export=gexf]");
    assert_eq!(gexf["status"], json!(200), "{gexf}");
    assert!(
        gexf["body"]
            .as_str()
            .is_some_and(|b| b.contains("<gexf") && b.contains("<edge ")),
        "{gexf}"
    );
}

#[test]
fn analyst_confirms_rejects_and_corrects_facts_in_the_article_view() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let shots = screenshot_dir();
    let server = serve_examples_writable("browser-review");
    let hits = get_json(
        &server,
        &format!("/api/search?q={}", web_common::enc("تعاون وثيق")),
    );
    let article = hits["hits"][0]["article"]
        .as_str()
        .expect("the allies report");
    let d = Driver::start(&chromium, &chromedriver);
    let facts = "document.querySelectorAll('#facts li[data-fact]').length";
    let controls = "document.querySelectorAll('#facts .review-actions').length";

    // without a token: no controls, and a place to give one
    d.goto(&format!("{}/#/article/{article}", server.base));
    d.wait(
        "article",
        &format!("document.getElementById('view').dataset.ready === '1' && {facts} >= 8"),
    );
    assert_eq!(d.js(&format!("return {controls}")), json!(0));
    assert_eq!(
        d.js("return document.querySelectorAll('#facts .chip.review').length"),
        json!(0)
    );

    // the token, given once, shows every fact's controls; it is kept for this tab only
    d.click("#token-box summary");
    d.type_into("#token", TOKEN);
    d.click("#token-save");
    d.wait(
        "review controls",
        &format!("document.getElementById('reviewing') && document.getElementById('view').dataset.ready === '1' && {controls} >= 8"),
    );
    assert_eq!(
        d.js(&format!("return {controls} === {facts}")),
        json!(true),
        "every actor, place, event and relation has its buttons"
    );
    assert_eq!(
        d.js("return [sessionStorage.getItem('rasid.analystToken'), localStorage.length, document.cookie]"),
        json!([TOKEN, 0, ""])
    );
    let n_events = d.js("return document.querySelectorAll('#fact-events li[data-fact]').length");
    assert_eq!(
        d.js("return document.querySelectorAll('#fact-events details.correct select[name=event_type] option').length"),
        json!(10 * n_events.as_u64().expect("events"))
    );

    // reject the first event: marked, struck through in the list and in the text
    d.click("#fact-events li[data-i='0'] button[data-verdict=reject]");
    let rejected = "#fact-events li[data-i='0'][data-review=rejected]";
    d.wait(
        "rejected event",
        &format!("document.querySelector(\"{rejected} .chip.review.rejected\")"),
    );
    let strike = d.js(&format!(
        "return getComputedStyle(document.querySelector(\"{rejected} > .fact\")).textDecorationLine"
    ));
    assert_eq!(strike, json!("line-through"));
    assert!(d
        .js("return document.querySelectorAll('#article-text span.ev.rejected').length")
        .as_u64()
        .is_some_and(|n| n >= 1));

    // confirm the first actor
    d.click("#fact-actors li[data-i='0'] button[data-verdict=confirm]");
    d.wait(
        "confirmed actor",
        "document.querySelector(\"#fact-actors li[data-i='0'] .chip.review.confirmed\")",
    );

    // correct the second event's type
    let old_type = d.js("return document.querySelector(\"#fact-events li[data-i='1'] select[name=event_type]\").value");
    let new_type = if old_type == json!("ARREST") {
        "MEET"
    } else {
        "ARREST"
    };
    d.click("#fact-events li[data-i='1'] details.correct summary");
    d.js(&format!(
        "document.querySelector(\"#fact-events li[data-i='1'] select[name=event_type]\").value = '{new_type}'; return true;"
    ));
    d.click("#fact-events li[data-i='1'] form.correction button[type=submit]");
    d.wait(
        "corrected event",
        "document.querySelector(\"#fact-events li[data-i='1'] .chip.review.corrected\")",
    );
    // the mark says what the decision in force decided, by whom and when
    let said = d.js("return document.querySelector(\"#fact-events li[data-i='1'] .chip.review.corrected\").textContent");
    let said = said.as_str().expect("chip text");
    assert!(
        said.contains("مصحح")
            && said.contains(&format!("corrected to {new_type} by {ANALYST}, 20")),
        "{said}"
    );
    d.js("window.scrollTo(0, 0); return true;");
    d.screenshot(&shots, "6-review-article.png");
    d.js("document.querySelector(\"#fact-events li[data-i='1'] details.correct\").open = true; document.getElementById('fact-events').scrollIntoView(); return true;");
    d.screenshot(&shots, "7-review-facts.png");

    // the events view marks the corrected event
    d.goto(&format!(
        "{}/#/events?type={new_type}&min_confidence=0",
        server.base
    ));
    d.wait(
        "corrected event among the events",
        "document.getElementById('view').dataset.ready === '1' && document.querySelector('#events-table .chip.review.corrected')",
    );

    // signing out removes the controls, not the marks
    d.goto(&format!("{}/#/article/{article}", server.base));
    d.wait("article again", &format!("{controls} >= 8"));
    d.click("#sign-out");
    d.wait(
        "signed out",
        &format!("document.getElementById('token-box') && document.getElementById('view').dataset.ready === '1' && {controls} === 0"),
    );
    assert_eq!(
        d.js("return [sessionStorage.getItem('rasid.analystToken'), document.querySelectorAll('#facts .chip.review').length]"),
        json!([null, 3])
    );
}

#[test]
fn analyst_follows_new_alerts_marks_them_read_and_saves_a_watchlist() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let shots = screenshot_dir();
    let pages = std::env::temp_dir().join(format!(
        "rasid-web-browser-alert-pages-{}",
        std::process::id()
    ));
    let (first, later) = web_common::example_batches(&pages);
    let server = web_common::serve_writable("browser-alerts", &first);
    for body in [
        json!({"name": "yemen", "filter": {"countries": ["YE"], "event_types": ["ATTACK"]}}),
        json!({"name": "houthis", "filter": {"actors": ["houthis"]}}),
    ] {
        let (status, answer) = web_common::post(
            &server,
            "/api/watchlists",
            Some(TOKEN),
            "application/json",
            &body.to_string(),
        );
        assert_eq!(status, 201, "{answer}");
    }
    web_common::ingest(&later, server.dir.join("rasid.db").to_str().expect("utf-8"));
    let alerts = get_json(&server, "/api/alerts");
    let n = alerts.as_array().expect("alerts").len();
    assert!(n > 0);
    let d = Driver::start(&chromium, &chromedriver);

    // without a token: the alerts, newest first and unread, the badge, the feed; no form
    d.goto(&format!("{}/#/alerts", server.base));
    let items = "document.querySelectorAll('#alerts li.alert').length";
    d.wait(
        "alerts",
        &format!("document.getElementById('view').dataset.ready === '1' && {items} > 0"),
    );
    assert_eq!(d.js(&format!("return {items}")), json!(n));
    assert_eq!(
        d.js("return document.querySelectorAll('#alerts li.alert.unread').length"),
        json!(n)
    );
    let ids = d.js(
        "return [...document.querySelectorAll('#alerts li.alert')].map((li) => li.dataset.alert)",
    );
    let want: Vec<&Value> = alerts
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| &a["id"])
        .collect();
    assert_eq!(ids, json!(want), "the API's order: newest first");
    d.wait(
        "the unread badge",
        &format!("!document.getElementById('alert-badge').hidden && document.getElementById('alert-badge').textContent === '{n}'"),
    );
    let feed = d.fetch_href("#atom-feed");
    assert_eq!(feed["status"], 200);
    assert!(feed["type"]
        .as_str()
        .is_some_and(|t| t.starts_with("application/atom+xml")));
    assert_eq!(
        feed["body"]
            .as_str()
            .expect("feed")
            .matches("<entry>")
            .count(),
        n
    );
    assert_eq!(
        d.js("return [!!document.getElementById('watchlist-form'), !!document.getElementById('mark-all-read'), !!document.getElementById('watchlist-needs-token')]"),
        json!([false, false, true])
    );

    // an event's alert opens the events view holding it
    d.click("#alerts li.alert[data-kind=event] a.fact-link");
    d.wait(
        "the alert's event",
        "location.hash.startsWith('#/events') && document.getElementById('view').dataset.ready === '1' && document.querySelectorAll('#events-table tbody tr').length > 0",
    );

    // with a token: the form and the read controls
    d.goto(&format!("{}/#/alerts", server.base));
    d.wait("alerts again", &format!("{items} > 0"));
    d.click("#token-box summary");
    d.type_into("#token", TOKEN);
    d.click("#token-save");
    d.wait(
        "the analyst's controls",
        "document.getElementById('watchlist-form') && document.getElementById('mark-all-read')",
    );
    d.js("window.scrollTo(0, 0); return true;");
    d.screenshot(&shots, "8-alerts.png");
    d.click("#mark-all-read");
    d.wait(
        "every alert read",
        &format!("document.getElementById('view').dataset.ready === '1' && {items} === {n} && !document.querySelector('#alerts li.alert.unread') && document.getElementById('alert-badge').hidden"),
    );
    let unread: i64 = get_json(&server, "/api/watchlists")
        .as_array()
        .expect("watchlists")
        .iter()
        .map(|w| w["unread"].as_i64().expect("unread"))
        .sum();
    assert_eq!(unread, 0);

    // save a watchlist with the form, then delete it
    d.type_into("#watchlist-form input[name=name]", "aqap-attacks");
    d.type_into("#watchlist-form input[name=actors]", "aqap");
    d.click("#watchlist-form input[name=event_types][value=ATTACK]");
    d.click("#watchlist-save");
    let saved = "#watchlists li[data-watchlist='aqap-attacks']";
    d.wait(
        "the saved watchlist",
        &format!("document.querySelector(\"{saved}\")"),
    );
    let lists = get_json(&server, "/api/watchlists");
    let aqap = lists
        .as_array()
        .expect("watchlists")
        .iter()
        .find(|w| w["name"] == "aqap-attacks")
        .unwrap_or_else(|| panic!("{lists}"));
    assert_eq!(aqap["filter"]["actors"], json!(["aqap"]));
    assert_eq!(aqap["filter"]["event_types"], json!(["ATTACK"]));
    d.js("window.confirm = () => true; return true;");
    d.click(&format!("{saved} button.remove-watchlist"));
    d.wait(
        "the watchlist removed",
        &format!("document.getElementById('view').dataset.ready === '1' && !document.querySelector(\"{saved}\")"),
    );
    assert_eq!(
        get_json(&server, "/api/watchlists")
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&pages);
}

#[test]
fn a_rejected_ally_edge_stays_rejected_after_reextraction_and_a_corrected_doer_reaches_the_exports()
{
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let server = serve_examples_writable("browser-reextract");
    let hits = get_json(
        &server,
        &format!("/api/search?q={}", web_common::enc("تعاون وثيق")),
    );
    let article = hits["hits"][0]["article"]
        .as_str()
        .expect("the allies report")
        .to_string();
    let view = get_json(&server, &format!("/api/articles/{article}"));
    let relations = view["relations"].as_array().expect("relations");
    let ally = relations
        .iter()
        .position(|r| r["type"] == "ALLY")
        .expect("an ALLY relation in the allies report");
    let (a, b) = (relations[ally]["a"].clone(), relations[ally]["b"].clone());
    let has_ally = |server: &web_common::Server| {
        get_json(server, "/api/graph?types=ALLY&min_confidence=0")["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .any(|e| (e["a"] == a && e["b"] == b) || (e["a"] == b && e["b"] == a))
    };
    assert!(has_ally(&server));

    let d = Driver::start(&chromium, &chromedriver);
    d.goto(&format!("{}/#/article/{article}", server.base));
    d.wait(
        "article",
        "document.getElementById('view').dataset.ready === '1'",
    );
    d.click("#token-box summary");
    d.type_into("#token", TOKEN);
    d.click("#token-save");
    d.wait(
        "review controls",
        "document.getElementById('view').dataset.ready === '1' && document.querySelectorAll('#facts .review-actions').length >= 8",
    );

    // reject the ALLY relation on the page
    d.click(&format!(
        "#fact-relations li[data-i='{ally}'] button[data-verdict=reject]"
    ));
    d.wait(
        "rejected relation",
        &format!(
            "document.querySelector(\"#fact-relations li[data-i='{ally}'] .chip.review.rejected\")"
        ),
    );
    assert!(!has_ally(&server), "the rejected edge left the graph");

    // correct the first event's doer to another actor of the article
    let doer = d.js(
        "const s = document.querySelector(\"#fact-events li[data-i='0'] select[name=actor]\"); \
         return Array.from(s.options).map(o => o.value).filter(v => v)",
    );
    let events = view["events"].as_array().expect("events");
    let old_doer = events[0]["actors"][0].clone();
    let new_doer = doer
        .as_array()
        .expect("the doer options")
        .iter()
        .find(|v| **v != old_doer)
        .expect("another actor")
        .as_str()
        .expect("id")
        .to_string();
    d.click("#fact-events li[data-i='0'] details.correct summary");
    d.js(&format!(
        "document.querySelector(\"#fact-events li[data-i='0'] select[name=actor]\").value = '{new_doer}'; return true;"
    ));
    d.click("#fact-events li[data-i='0'] form.correction button[type=submit]");
    d.wait(
        "corrected event",
        "document.querySelector(\"#fact-events li[data-i='0'] .chip.review.corrected\")",
    );

    // the store is extracted again with a changed kb while the page is served
    let kb = web_common::doubtful_kb(&server.dir);
    let db = server.dir.join("rasid.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["ingest", "--reextract", "--kb"])
        .arg(&kb)
        .arg("--db")
        .arg(&db)
        .arg(repo_root().join("examples"))
        .output()
        .expect("rasid runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).expect("summary");
    assert!(
        summary["reextracted"].as_u64().is_some_and(|n| n >= 8),
        "{summary}"
    );

    // the edge stays rejected, on the page and in the API
    assert!(
        !has_ally(&server),
        "the rejected edge stays out after re-extraction"
    );
    d.goto(&format!("{}/#/article/{article}", server.base));
    d.wait(
        "the relation still marked rejected",
        &format!("document.getElementById('view').dataset.ready === '1' && document.querySelector(\"#fact-relations li[data-i='{ally}'] .chip.review.rejected\")"),
    );

    // the corrected doer is the one the exports carry
    let (status, _, jsonl) = web_common::get(&server, "/api/export/jsonl");
    assert_eq!(status, 200);
    let corrected: Vec<Value> = jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["type"] == "merged_event" && v["review"] == "corrected")
        .collect();
    assert_eq!(corrected.len(), 1, "one corrected event");
    assert_eq!(corrected[0]["actors"][0], new_doer.as_str());
    let (status, _, csv) = web_common::get(&server, "/api/export/acled-csv");
    assert_eq!(status, 200);
    let rows = acled_rows(&csv);
    let row = rows
        .iter()
        .find(|r| {
            r.get("tags")
                .is_some_and(|t| t.contains("review=corrected"))
        })
        .expect("the corrected event's ACLED row");
    let names = get_json(&server, &format!("/api/actors/{new_doer}"));
    let name_ar = names["actor"]["name_ar"]
        .as_str()
        .or_else(|| names["name_ar"].as_str())
        .unwrap_or_default()
        .to_string();
    let actor1 = row.get("actor1").cloned().unwrap_or_default();
    assert!(
        actor1.contains(&new_doer) || (!name_ar.is_empty() && actor1.contains(&name_ar)) || {
            let en = names["actor"]["name_en"]
                .as_str()
                .or_else(|| names["name_en"].as_str());
            en.is_some_and(|en| actor1.contains(en))
        },
        "ACLED's actor1 is the corrected doer {new_doer}: {row:?}"
    );
}
