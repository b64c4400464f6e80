//! Fetching over HTTP(S) as a polite client: a timeout on every request, a size cap on
//! every body, a pause between two requests to one host, robots.txt read once per site
//! and obeyed, and conditional requests (`If-None-Match`, `If-Modified-Since`) so that an
//! unchanged feed is answered 304 without its body.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::error::WatchError;
use crate::sources::Sources;

/// What a server said about a body, to ask next time whether it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// The answer to a request.
#[derive(Debug)]
pub enum Fetched {
    /// 304: the body did not change since `Validators` were given.
    NotModified,
    Body {
        bytes: Vec<u8>,
        validators: Validators,
    },
}

/// A polite HTTP client for one run of `rasid watch`.
pub struct Fetcher {
    agent: ureq::Agent,
    user_agent: String,
    politeness: Duration,
    max_bytes: u64,
    /// When each host was last asked.
    last: HashMap<String, Instant>,
    /// Each site's robots.txt rules (`None`: everything allowed).
    robots: HashMap<String, Option<texting_robots::Robot>>,
    /// Requests made (robots.txt included).
    pub requests: usize,
}

impl Fetcher {
    pub fn new(sources: &Sources) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(sources.timeout()))
            .http_status_as_error(false)
            .max_redirects(5)
            .build()
            .into();
        Self {
            agent,
            user_agent: sources.user_agent.clone(),
            politeness: sources.politeness(),
            max_bytes: sources.max_page_bytes(),
            last: HashMap::new(),
            robots: HashMap::new(),
            requests: 0,
        }
    }

    /// Whether robots.txt of `url`'s site lets us fetch it (read once per site: a missing
    /// file or a 4xx allows everything; a server error or no answer allows nothing, as
    /// RFC 9309 says).
    pub fn allowed(&mut self, url: &str) -> bool {
        let Ok(parsed) = url::Url::parse(url) else {
            return false;
        };
        let origin = parsed.origin().ascii_serialization();
        if !self.robots.contains_key(&origin) {
            let rules = self.robots_of(&origin);
            self.robots.insert(origin.clone(), rules);
        }
        match self.robots.get(&origin) {
            Some(Some(robot)) => robot.allowed(url),
            Some(None) => true,
            None => false,
        }
    }

    /// The rules of one site; `Some(rules that disallow all)` when it cannot be asked.
    fn robots_of(&mut self, origin: &str) -> Option<texting_robots::Robot> {
        let url = format!("{origin}/robots.txt");
        let disallow_all = || texting_robots::Robot::new("*", b"User-agent: *\nDisallow: /").ok();
        match self.request(&url, None) {
            Ok((200..=299, bytes, _)) => texting_robots::Robot::new(&self.user_agent, &bytes).ok(),
            Ok((400..=499, _, _)) => None,
            Ok(_) | Err(_) => disallow_all(),
        }
    }

    /// GET `url`, conditionally when `validators` are given.
    pub fn get(
        &mut self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<Fetched, WatchError> {
        let (status, bytes, got) = self.request(url, validators)?;
        match status {
            304 => Ok(Fetched::NotModified),
            200..=299 => Ok(Fetched::Body {
                bytes,
                validators: got,
            }),
            s => Err(WatchError::Fetch {
                url: url.to_string(),
                msg: format!("HTTP {s}"),
            }),
        }
    }

    /// One request after waiting our turn at its host: (status, body, validators).
    fn request(
        &mut self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<(u16, Vec<u8>, Validators), WatchError> {
        let fail = |msg: String| WatchError::Fetch {
            url: url.to_string(),
            msg,
        };
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .ok_or_else(|| fail("not an http(s) URL".into()))?;
        self.wait_turn(&host);
        let mut req = self.agent.get(url).header("user-agent", &self.user_agent);
        if let Some(v) = validators {
            if let Some(e) = &v.etag {
                req = req.header("if-none-match", e);
            }
            if let Some(m) = &v.last_modified {
                req = req.header("if-modified-since", m);
            }
        }
        self.requests += 1;
        let result = req.call();
        self.last.insert(host, Instant::now());
        let mut resp = result.map_err(|e| fail(e.to_string()))?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let got = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        if status == 304 || !(200..=299).contains(&status) {
            return Ok((status, Vec::new(), got));
        }
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| fail(format!("body: {e} (limit {} bytes)", self.max_bytes)))?;
        Ok((status, bytes, got))
    }

    /// Sleep until `politeness` has passed since the last request to `host`.
    fn wait_turn(&self, host: &str) {
        if let Some(at) = self.last.get(host) {
            let since = at.elapsed();
            if since < self.politeness {
                std::thread::sleep(self.politeness - since);
            }
        }
    }
}
