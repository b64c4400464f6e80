//! The analyst's path in headless Chromium, driven over WebDriver (chromedriver): ingest
//! `examples/`, serve, open the page, search «الحوثي», open an article and see its
//! highlights and a tooltip, click the Houthi highlight, see the allies with their evidence
//! and the relation graph; then the events page (table, map, timeline) and the graph page.
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
        let profile = std::env::temp_dir().join(format!("rasid-chromium-{}", std::process::id()));
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

#[test]
fn analyst_finds_the_houthis_allies_with_evidence_in_three_clicks() {
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
