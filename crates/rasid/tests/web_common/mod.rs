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
    serve_db_with(dir, db, &[])
}

/// The analyst and token of the token file [`serve_examples_writable`] serves with.
pub const ANALYST: &str = "lina";
pub const TOKEN: &str = "lina-7d1f0c9e4b2a68f3";

/// Ingest the example pages into a new store and serve it with a token file naming
/// [`ANALYST`] with [`TOKEN`], so that reviews are accepted.
pub fn serve_examples_writable(name: &str) -> Server {
    serve_writable(name, &repo_root().join("examples"))
}

/// Ingest `pages` into a new store and serve it with a token file naming [`ANALYST`] with
/// [`TOKEN`]; the store is at `Server::dir/rasid.db`.
pub fn serve_writable(name: &str, pages: &Path) -> Server {
    let dir = std::env::temp_dir().join(format!("rasid-web-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let tokens = dir.join("tokens");
    std::fs::write(
        &tokens,
        format!("# analysts of the test desk\n\n{ANALYST} {TOKEN}\nomar omar-55e0a1c2d3b4f697\n"),
    )
    .expect("token file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o600))
            .expect("chmod 600 the token file");
    }
    let db = dir.join("rasid.db");
    let db = db.to_str().expect("utf-8 temp path").to_string();
    ingest(pages, &db);
    let tokens = tokens.to_str().expect("utf-8 temp path").to_string();
    serve_db_with(dir, &db, &["--write-token-file", &tokens])
}

/// Two folders of example pages under `dir`: the Syrian and Libyan ones, then the Yemeni
/// ones (a later ingest of which brings new Yemeni attacks and Houthi alliances).
pub fn example_batches(dir: &Path) -> (PathBuf, PathBuf) {
    let (first, later) = (dir.join("first"), dir.join("later"));
    for (folder, files) in [
        (&first, ["cell_arrest.html", "truce_windows1256.txt"]),
        (
            &later,
            ["houthi_allies_report.txt", "attack_with_read_also.txt"],
        ),
    ] {
        std::fs::create_dir_all(folder).expect("dir");
        for f in files {
            std::fs::copy(repo_root().join("examples").join(f), folder.join(f)).expect("copy");
        }
    }
    (first, later)
}

/// Serve the store at `db` with more `rasid serve` arguments (never a token from the
/// environment); `dir` is removed when the server is dropped.
pub fn serve_db_with(dir: PathBuf, db: &str, args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("RASID_WRITE_TOKEN")
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

/// POST `body` to `path` with this content type and, if given, `Authorization: Bearer
/// TOKEN`: (status, body as JSON).
pub fn post(
    server: &Server,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &str,
) -> (u16, serde_json::Value) {
    let mut req = agent()
        .post(&format!("{}{path}", server.base))
        .header("content-type", content_type);
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    let mut resp = req
        .send(body)
        .unwrap_or_else(|e| panic!("POST {path}: {e}"));
    let status = resp.status().as_u16();
    let text = resp
        .body_mut()
        .read_to_string()
        .unwrap_or_else(|e| panic!("POST {path} body: {e}"));
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("POST {path}: {e}: {text}"));
    (status, json)
}

/// DELETE `path` with, if given, `Authorization: Bearer TOKEN`: (status, body).
pub fn delete(server: &Server, path: &str, token: Option<&str>) -> (u16, String) {
    let mut req = agent().delete(&format!("{}{path}", server.base));
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    let mut resp = req.call().unwrap_or_else(|e| panic!("DELETE {path}: {e}"));
    let status = resp.status().as_u16();
    let text = resp
        .body_mut()
        .read_to_string()
        .unwrap_or_else(|e| panic!("DELETE {path} body: {e}"));
    (status, text)
}

/// POST a review as JSON with this token: (status, answer).
pub fn post_review(
    server: &Server,
    token: Option<&str>,
    review: &serde_json::Value,
) -> (u16, serde_json::Value) {
    post(
        server,
        "/api/reviews",
        token,
        "application/json",
        &review.to_string(),
    )
}

/// A copy of the repository's kb whose confidence models are less sure of everything (each
/// bias lowered by one), in `dir/doubtful-kb`: extracting with it changes every confidence
/// and no fact.
pub fn doubtful_kb(dir: &Path) -> PathBuf {
    let kb = dir.join("doubtful-kb");
    std::fs::create_dir_all(&kb).expect("kb dir");
    let text = std::fs::read_to_string(repo_root().join("kb/confidence.toml")).expect("kb");
    let lowered: String = text
        .lines()
        .map(|line| match line.strip_prefix("bias = ") {
            Some(v) => format!(
                "bias = {:.4}\n",
                v.trim().parse::<f64>().expect("bias") - 1.0
            ),
            None => format!("{line}\n"),
        })
        .collect();
    std::fs::write(kb.join("confidence.toml"), lowered).expect("write kb");
    kb
}
