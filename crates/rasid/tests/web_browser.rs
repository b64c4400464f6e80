//! The analyst's path in headless Chromium, driven over WebDriver (chromedriver): ingest
//! `examples/`, serve, open the page, search «الحوثي», open an article and see its
//! highlights and a tooltip, click the Houthi highlight, see the allies with their evidence
//! and the relation graph; then the events page (table, map, timeline) and the graph page.
//! A second test downloads what the events, actor and graph views show (the export links
//! carry the view's filters, and what they fetch parses).
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
use web_common::{agent, repo_root, serve_examples};

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

#[test]
fn analyst_finds_the_houthis_allies_with_evidence_in_three_clicks() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
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
