//! The Host header allow-list: a page served on loopback must not answer a request whose
//! Host names another site, or a web page elsewhere could read the store through the
//! analyst's browser (DNS rebinding). Allowed: the bound address, `localhost`, the
//! loopback addresses, and the names given with `--allowed-host`.

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::SharedState;

/// The host names every server answers to, whatever address it is bound to.
const LOOPBACK: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// The host part of a Host header (`example.org:8080` → `example.org`, `[::1]:80` →
/// `[::1]`), lower case.
pub fn host_name(value: &str) -> String {
    let v = value.trim().to_ascii_lowercase();
    if v.starts_with('[') {
        return v.split_inclusive(']').next().unwrap_or(&v).to_string();
    }
    v.split(':').next().unwrap_or(&v).to_string()
}

/// The names a server bound to `addr` answers to besides `extra`.
pub fn allowed_hosts(addr: SocketAddr, extra: &[String]) -> Vec<String> {
    let bound = match addr {
        SocketAddr::V4(a) => a.ip().to_string(),
        SocketAddr::V6(a) => format!("[{}]", a.ip()),
    };
    let mut hosts: Vec<String> = LOOPBACK.iter().map(|h| h.to_string()).collect();
    hosts.push(bound);
    hosts.extend(extra.iter().map(|h| host_name(h)));
    hosts.sort();
    hosts.dedup();
    hosts
}

/// Refuse (403) a request whose Host header is not allowed; one without a Host header
/// (HTTP/1.0) passes.
pub async fn check_host(State(st): State<SharedState>, req: Request, next: Next) -> Response {
    if let Some(h) = req.headers().get(header::HOST) {
        let name = h.to_str().map(host_name).unwrap_or_default();
        if !st.allowed_hosts().contains(&name) {
            return ApiError::Forbidden(format!(
                "host {name:?} is not served here; start the server with --allowed-host {name} to serve it"
            ))
            .into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_lose_their_port() {
        assert_eq!(host_name("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_name("LocalHost"), "localhost");
        assert_eq!(host_name("[::1]:8080"), "[::1]");
        assert_eq!(host_name("rasid.example.org"), "rasid.example.org");
    }

    #[test]
    fn the_bound_address_loopback_and_extras_are_allowed() {
        let addr: SocketAddr = "192.168.1.5:8080".parse().expect("addr");
        let hosts = allowed_hosts(addr, &["Rasid.Example.org:443".into()]);
        for h in [
            "localhost",
            "127.0.0.1",
            "[::1]",
            "192.168.1.5",
            "rasid.example.org",
        ] {
            assert!(hosts.iter().any(|x| x == h), "{h} in {hosts:?}");
        }
        assert!(!hosts.iter().any(|x| x == "evil.example"));
    }
}
