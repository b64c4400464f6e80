//! Shared by the web tests: ingest `examples/` into a fresh SQLite store, start
//! `rasid serve` on a free port, talk HTTP to it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A running `rasid serve` over its own store; killed on drop.
pub struct Server {
    child: Child,
    pub base: String,
    pub dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Ingest the example pages into a new SQLite store in a temp dir and serve it.
pub fn serve_examples(name: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("rasid-web-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("rasid.db");
    let db = db.to_str().expect("utf-8 temp path").to_string();
    serve_examples_in(dir, &db)
}

/// Ingest the example pages into the store at `db` (a path or a URL) and serve it;
/// `dir` is removed when the server is dropped.
pub fn serve_examples_in(dir: PathBuf, db: &str) -> Server {
    std::fs::create_dir_all(&dir).expect("temp dir");
    ingest(&repo_root().join("examples"), db);
    serve_db(dir, db)
}

/// `rasid ingest PATH --db DB`, which must succeed.
pub fn ingest(path: &Path, db: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["ingest", path.to_str().expect("utf-8 path"), "--db", db])
        .output()
        .expect("run rasid ingest");
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Serve the store at `db` as it is; `dir` is removed when the server is dropped.
pub fn serve_db(dir: PathBuf, db: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start rasid serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the listening line");
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    Server { child, base, dir }
}

/// An HTTP client that returns 4xx/5xx responses instead of failing on them.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// Percent-encode a query value (Arabic included).
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GET `path`: (status, content type, body).
pub fn get(server: &Server, path: &str) -> (u16, String, String) {
    let mut resp = agent()
        .get(&format!("{}{path}", server.base))
        .call()
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = resp.status().as_u16();
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = resp
        .body_mut()
        .with_config()
        .limit(50 << 20)
        .read_to_string()
        .unwrap_or_else(|e| panic!("GET {path} body: {e}"));
    (status, ctype, body)
}

/// GET `path` expecting 200 and JSON.
pub fn get_json(server: &Server, path: &str) -> serde_json::Value {
    let (status, ctype, body) = get(server, path);
    assert_eq!(status, 200, "GET {path}: {body}");
    assert!(ctype.starts_with("application/json"), "GET {path}: {ctype}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
}
