//! Delivering alerts to the webhooks of their watchlists: one POST of JSON per alert
//! (`{"watchlist": …, "alert": {…}}`), retried with a doubling pause, each request bounded
//! by a timeout. An alert is marked delivered once its webhook answers 2xx; one that could
//! not be delivered stays for the next run. After an alert fails every attempt, the rest
//! of its webhook's alerts wait for the next run too (a server that is down is not asked
//! again and again).

use std::collections::HashSet;
use std::time::Duration;

use rasid_store::{Alert, Store};
use serde::Serialize;

use crate::error::WatchError;

/// How to deliver.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Tries per alert (at least one).
    pub attempts: u32,
    /// Pause after the first failed try; doubled after each next one.
    pub backoff: Duration,
    /// Longest a request may take, connection included.
    pub timeout: Duration,
    /// Alerts sent in one run, at most.
    pub max_alerts: usize,
}

impl Default for Delivery {
    fn default() -> Self {
        Self {
            attempts: 3,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(10),
            max_alerts: 1000,
        }
    }
}

/// What a delivery run did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Delivered {
    pub delivered: usize,
    /// Alerts left for the next run.
    pub pending: usize,
    /// Each webhook that failed, with its last error.
    pub failures: Vec<(String, String)>,
}

/// The body POSTed for one alert.
#[derive(Serialize)]
struct Payload<'a> {
    watchlist: &'a str,
    alert: &'a Alert,
}

/// Send every undelivered alert of `store` to its watchlist's webhook.
pub fn deliver(store: &mut Store, how: &Delivery) -> Result<Delivered, WatchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(how.timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let all = store.undelivered()?;
    let mut out = Delivered {
        pending: all.len(),
        ..Delivered::default()
    };
    let mut down: HashSet<String> = HashSet::new();
    let mut sent: Vec<String> = Vec::new();
    for (url, alert) in all.iter().take(how.max_alerts) {
        if down.contains(url) {
            continue;
        }
        let body = serde_json::to_string(&Payload {
            watchlist: &alert.watchlist,
            alert,
        })?;
        match post(&agent, url, &body, how) {
            Ok(()) => sent.push(alert.id.clone()),
            Err(e) => {
                tracing::warn!("webhook {url}: alert {} not delivered: {e}", alert.id);
                out.failures.push((url.clone(), e));
                down.insert(url.clone());
            }
        }
    }
    store.mark_delivered(&sent)?;
    out.delivered = sent.len();
    out.pending -= sent.len();
    Ok(out)
}

/// POST `body` to `url` until it answers 2xx or the attempts are spent; the last error.
fn post(agent: &ureq::Agent, url: &str, body: &str, how: &Delivery) -> Result<(), String> {
    let mut pause = how.backoff;
    let mut last = String::new();
    for attempt in 0..how.attempts.max(1) {
        if attempt > 0 {
            std::thread::sleep(pause);
            pause = pause.saturating_mul(2);
        }
        match agent
            .post(url)
            .header("content-type", "application/json")
            .header("user-agent", concat!("rasid/", env!("CARGO_PKG_VERSION")))
            .send(body)
        {
            Ok(resp) if resp.status().is_success() => return Ok(()),
            Ok(resp) => last = format!("HTTP {}", resp.status().as_u16()),
            Err(e) => last = e.to_string(),
        }
    }
    Err(last)
}
