//! A load generator for `rasid load-bench`: many clients over loopback against a running
//! `rasid serve`, bounded in time and in count, measuring what an analyst's team would
//! feel:
//! * **search**: `clients` clients searching at once, each query an actor's name;
//! * **light under heavy**: one client asking `/api/stats` alone, then again while
//!   `clients` clients pull the heaviest route (5,000 events at a time);
//! * **idle connections**: `idle` connections opened and left silent, then how long a new
//!   client waits for an answer.
//!
//! It only talks to loopback addresses: it is a test of one's own server, not a tool to
//! load someone else's.

use std::io;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

/// The heaviest read the API serves: the most events one request may ask for.
pub const HEAVY_ROUTE: &str = "/api/events?limit=5000";
/// How long one request may take before it counts as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Pause of the light client between two requests while the heavy ones run.
const LIGHT_PAUSE: Duration = Duration::from_millis(20);
/// New clients timed once the idle connections are open; the slowest is reported.
const NEW_CLIENTS: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0:?} is not an http://host:port/ address")]
    BadUrl(String),
    #[error("{0} is not a loopback address: the load test only runs against a local server")]
    NotLoopback(String),
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: io::Error,
    },
    #[error("no query to search for")]
    NoQueries,
}

/// What to run.
#[derive(Debug, Clone)]
pub struct LoadConfig {
    /// `http://127.0.0.1:PORT` (a loopback address).
    pub base: String,
    /// Clients at once in the search and heavy scenarios.
    pub clients: usize,
    /// How long each timed scenario runs.
    pub duration: Duration,
    /// Silent connections opened in the idle scenario.
    pub idle: usize,
    /// Search queries, used in turn.
    pub queries: Vec<String>,
}

/// Latencies of one kind of request.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Latencies {
    pub requests: usize,
    /// Transport failures, timeouts and answers other than 200.
    pub errors: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

/// Every scenario's figures.
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    pub clients: usize,
    pub seconds: f64,
    pub search: Latencies,
    pub stats_alone: Latencies,
    pub stats_under_heavy: Latencies,
    pub heavy: Latencies,
    /// Idle connections that were open while the new clients were served.
    pub idle_open: usize,
    /// The slowest of the new clients' requests (a new connection each), in ms.
    pub new_client_ms: f64,
    pub new_client_errors: usize,
}

/// Run every scenario against `cfg.base`.
pub fn run(cfg: &LoadConfig) -> Result<LoadReport, LoadError> {
    let addr = loopback_addr(&cfg.base)?;
    if cfg.queries.is_empty() {
        return Err(LoadError::NoQueries);
    }
    crate::raise_open_files();
    let base = cfg.base.trim_end_matches('/').to_string();
    let clients = cfg.clients.max(1);

    let queries = Arc::new(cfg.queries.clone());
    let search = timed(clients, cfg.duration, |client, n| {
        let q = &queries[(client * 7919 + n) % queries.len()];
        get(&base, "/api/search", &[("q", q.as_str()), ("limit", "20")])
    });

    let stats_alone = timed(1, cfg.duration, |_, _| {
        std::thread::sleep(LIGHT_PAUSE);
        get(&base, "/api/stats", &[])
    });

    // heavy clients in the background, one light client measured meanwhile
    let stop = Arc::new(AtomicBool::new(false));
    let heavy_base = base.clone();
    let heavy_stop = Arc::clone(&stop);
    let heavy = std::thread::spawn(move || {
        until(clients, &heavy_stop, |_, _| {
            get(&heavy_base, HEAVY_ROUTE, &[])
        })
    });
    std::thread::sleep(Duration::from_millis(200));
    let stats_under_heavy = timed(1, cfg.duration, |_, _| {
        std::thread::sleep(LIGHT_PAUSE);
        get(&base, "/api/stats", &[])
    });
    stop.store(true, Ordering::Relaxed);
    let heavy = heavy.join().unwrap_or_default();

    let (idle_open, new_client_ms, new_client_errors) = idle_then_new(addr, &base, cfg.idle)?;
    Ok(LoadReport {
        clients,
        seconds: cfg.duration.as_secs_f64(),
        search,
        stats_alone,
        stats_under_heavy,
        heavy,
        idle_open,
        new_client_ms,
        new_client_errors,
    })
}

/// The socket address of `base` if it is a loopback one.
fn loopback_addr(base: &str) -> Result<SocketAddr, LoadError> {
    let hostport = base
        .strip_prefix("http://")
        .map(|r| r.split('/').next().unwrap_or(r))
        .filter(|h| !h.is_empty())
        .ok_or_else(|| LoadError::BadUrl(base.to_string()))?;
    let addrs: Vec<SocketAddr> = hostport
        .to_socket_addrs()
        .map_err(|_| LoadError::BadUrl(base.to_string()))?
        .collect();
    match addrs.first() {
        Some(a) if addrs.iter().all(|a| a.ip().is_loopback()) => Ok(*a),
        _ => Err(LoadError::NotLoopback(hostport.to_string())),
    }
}

/// One GET on a connection of this thread's client; its latency, or `None` when it
/// failed or did not answer 200.
fn get(base: &str, path: &str, query: &[(&str, &str)]) -> Option<Duration> {
    thread_local! {
        static AGENT: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(REQUEST_TIMEOUT))
            .build()
            .into();
    }
    let t = Instant::now();
    let ok = AGENT.with(|agent| {
        let mut req = agent.get(format!("{base}{path}"));
        for (k, v) in query {
            req = req.query(*k, *v);
        }
        let mut resp = req.call().ok()?;
        io::copy(&mut resp.body_mut().as_reader(), &mut io::sink()).ok()?;
        (resp.status() == 200).then_some(())
    });
    ok.map(|()| t.elapsed())
}

/// `clients` threads each calling `request(client, n)` until `duration` has passed.
fn timed(
    clients: usize,
    duration: Duration,
    request: impl Fn(usize, usize) -> Option<Duration> + Sync,
) -> Latencies {
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(duration);
            stop.store(true, Ordering::Relaxed);
        });
        until(clients, &stop, &request)
    })
}

/// `clients` threads each calling `request(client, n)` until `stop` is set.
fn until(
    clients: usize,
    stop: &AtomicBool,
    request: impl Fn(usize, usize) -> Option<Duration> + Sync,
) -> Latencies {
    let start = Instant::now();
    let results: Vec<Vec<Option<Duration>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let request = &request;
                s.spawn(move || {
                    let mut out = Vec::new();
                    while !stop.load(Ordering::Relaxed) {
                        out.push(request(c, out.len()));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    latencies(results.into_iter().flatten(), start.elapsed())
}

/// Count and percentiles of `results` (`None`: an error) over `elapsed`.
fn latencies(results: impl Iterator<Item = Option<Duration>>, elapsed: Duration) -> Latencies {
    let mut errors = 0;
    let mut ms: Vec<f64> = Vec::new();
    for r in results {
        match r {
            Some(d) => ms.push(d.as_secs_f64() * 1000.0),
            None => errors += 1,
        }
    }
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        let i = ((ms.len().saturating_sub(1)) as f64 * p).round() as usize;
        ms.get(i).map_or(0.0, |v| (v * 10.0).round() / 10.0)
    };
    let requests = ms.len() + errors;
    Latencies {
        requests,
        errors,
        per_second: (ms.len() as f64 / elapsed.as_secs_f64().max(1e-9) * 10.0).round() / 10.0,
        p50_ms: pct(0.5),
        p95_ms: pct(0.95),
        max_ms: pct(1.0),
    }
}

/// Open `idle` silent connections to `addr`, then time [`NEW_CLIENTS`] new clients'
/// `/api/stats`: (connections open, the slowest answer in ms, failed new clients).
fn idle_then_new(
    addr: SocketAddr,
    base: &str,
    idle: usize,
) -> Result<(usize, f64, usize), LoadError> {
    let mut open = Vec::with_capacity(idle);
    for _ in 0..idle {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
            Ok(s) => open.push(s),
            Err(source) => {
                return Err(LoadError::Io {
                    what: format!("opening idle connection {} to {addr}", open.len() + 1),
                    source,
                })
            }
        }
    }
    // let the server accept them all before the new clients come
    std::thread::sleep(Duration::from_millis(300));
    let mut slowest = Duration::ZERO;
    let mut errors = 0;
    for _ in 0..NEW_CLIENTS {
        // a new thread: a new agent, so a new connection
        let base = base.to_string();
        let t = Instant::now();
        let ok = std::thread::spawn(move || get(&base, "/api/stats", &[]))
            .join()
            .ok()
            .flatten();
        slowest = slowest.max(t.elapsed());
        errors += usize::from(ok.is_none());
    }
    let still_open = open.len();
    drop(open);
    Ok((
        still_open,
        (slowest.as_secs_f64() * 10_000.0).round() / 10.0,
        errors,
    ))
}

/// The report as a Markdown table.
pub fn markdown(r: &LoadReport) -> String {
    let row = |name: &str, l: &Latencies| {
        format!(
            "| {name} | {} | {} | {:.1} | {:.1} ms | {:.1} ms | {:.1} ms |\n",
            l.requests, l.errors, l.per_second, l.p50_ms, l.p95_ms, l.max_ms
        )
    };
    let mut out = format!(
        "{} clients, {:.0} s per scenario, over loopback\n\n\
         | scenario | requests | errors | per second | p50 | p95 | max |\n\
         |---|---|---|---|---|---|---|\n",
        r.clients, r.seconds
    );
    out.push_str(&row("`/api/search`, all clients", &r.search));
    out.push_str(&row("`/api/stats`, one client alone", &r.stats_alone));
    out.push_str(&row(
        "`/api/stats`, one client, while the others pull the heavy route",
        &r.stats_under_heavy,
    ));
    out.push_str(&row(&format!("`{HEAVY_ROUTE}`, all clients"), &r.heavy));
    out.push_str(&format!(
        "\nWith {} silent connections open, the slowest of {NEW_CLIENTS} new clients was \
         answered in {:.1} ms ({} failed).\n",
        r.idle_open, r.new_client_ms, r.new_client_errors
    ));
    out
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr};

    use super::*;

    #[test]
    fn only_loopback_servers_are_loaded() {
        assert!(loopback_addr("http://127.0.0.1:8080").is_ok());
        assert!(loopback_addr("http://127.0.0.1:8080/").is_ok());
        assert!(matches!(
            loopback_addr("http://10.1.2.3:80"),
            Err(LoadError::NotLoopback(_))
        ));
        assert!(matches!(
            loopback_addr("https://127.0.0.1:80"),
            Err(LoadError::BadUrl(_))
        ));
        assert!(matches!(
            loopback_addr("http://"),
            Err(LoadError::BadUrl(_))
        ));
    }

    #[test]
    fn percentiles_count_errors_apart() {
        let ms = |n: u64| Some(Duration::from_millis(n));
        let l = latencies(
            [ms(10), ms(20), None, ms(30), ms(40)].into_iter(),
            Duration::from_secs(2),
        );
        assert_eq!((l.requests, l.errors), (5, 1));
        assert_eq!(l.per_second, 2.0);
        assert_eq!((l.p50_ms, l.max_ms), (30.0, 40.0));
    }

    #[test]
    fn localhost_names_a_loopback_address() {
        let a = loopback_addr("http://localhost:9").expect("localhost");
        assert!(a.ip().is_loopback());
        assert_ne!(a.ip(), IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    }
}
