//! Rasid's HTTP API and the analyst's web page, served by `rasid serve`.
//!
//! Owns: the routes (`/api/…` JSON, `/api/openapi.json`, `/api/events.csv`, the page at
//! `/` and its embedded assets under `/assets/`), the checks on request parameters (a bad
//! request is a 4xx JSON error, never a panic), the CSV rendering of events, and the
//! API's envelopes ([`schema`]). What it answers is what the store's read path returns
//! ([`rasid_store::read`], the same functions the command line prints), typed, so the
//! OpenAPI document is generated from the store's own shapes.
//!
//! May import: `rasid-store` (every read goes through [`rasid_store::Store`], with its
//! `openapi` feature), `rasid-kb` (the actor dictionary: search expansion, names in
//! parameters, event and relation types). Must never: write to the store, extract facts,
//! or fetch anything from the network at run time (the page's JavaScript libraries and
//! map are vendored in `assets/vendor/`).

pub mod api;
pub mod assets;
pub mod error;
pub mod export;
pub mod hosts;
pub mod openapi;
pub mod schema;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use rasid_kb::Kb;
use rasid_store::Store;

pub use error::{ApiError, WebError};

/// What every handler shares: a small pool of store connections (SQLite in WAL mode and
/// PostgreSQL both serve several readers at once) and the knowledge base.
pub struct AppState {
    stores: Vec<Mutex<Store>>,
    next: AtomicUsize,
    kb: Kb,
    /// Host names requests may name (`hosts`): set by [`serve`] from the bound address,
    /// loopback and [`AppState::allow_hosts`].
    allowed_hosts: Vec<String>,
    extra_hosts: Vec<String>,
}

impl AppState {
    /// `stores`: one or more connections to the same store.
    pub fn new(stores: Vec<Store>, kb: Kb) -> Result<Self, WebError> {
        if stores.is_empty() {
            return Err(WebError::NoStore);
        }
        Ok(Self {
            stores: stores.into_iter().map(Mutex::new).collect(),
            next: AtomicUsize::new(0),
            kb,
            allowed_hosts: Vec::new(),
            extra_hosts: Vec::new(),
        })
    }

    /// Serve requests naming these hosts too (`--allowed-host`), besides the bound address
    /// and loopback.
    pub fn allow_hosts(mut self, hosts: Vec<String>) -> Self {
        self.extra_hosts = hosts;
        self
    }

    /// The host names requests may name.
    pub fn allowed_hosts(&self) -> &[String] {
        &self.allowed_hosts
    }

    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// Run `f` with a free connection (else wait for one, round robin).
    pub(crate) fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        for m in &self.stores {
            if let Ok(mut s) = m.try_lock() {
                return f(&mut s);
            }
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.stores.len();
        let mut s = self.stores[i]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        f(&mut s)
    }
}

pub type SharedState = Arc<AppState>;

/// Run a blocking store read off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &SharedState,
    f: impl FnOnce(&mut Store, &Kb) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || state.with_store(|s| f(s, &state.kb)))
        .await
        .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

/// The whole application: API, OpenAPI document, page and assets.
pub fn router(state: SharedState) -> Router {
    api::routes()
        .merge(assets::routes())
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            hosts::check_host,
        ))
        .with_state(state)
}

/// How long a client may take to send a request's headers, the first or the next one on
/// a kept-alive connection; then the connection is closed. Silent and slow clients
/// (slowloris) cannot hold connections open.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more wait in the listen queue until one closes. Below the
/// usual limit of 1,024 open files, so that the store and the listener keep theirs.
pub const MAX_CONNECTIONS: usize = 512;

/// Serve on `addr` until Ctrl-C; `ready` is told the bound address (port 0 picks a free
/// port) before the first request is accepted. Each connection is HTTP/1.1 with a
/// [`HEADER_READ_TIMEOUT`], at most [`MAX_CONNECTIONS`] at once.
pub fn serve(
    mut state: AppState,
    addr: &str,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), WebError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(WebError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| WebError::Bind {
                addr: addr.to_string(),
                source,
            })?;
        let local = listener.local_addr().map_err(|source| WebError::Bind {
            addr: addr.to_string(),
            source,
        })?;
        state.allowed_hosts = hosts::allowed_hosts(local, &state.extra_hosts);
        ready(local);
        let app = router(Arc::new(state));
        let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        let stop = tokio::signal::ctrl_c();
        tokio::pin!(stop);
        loop {
            let slot = tokio::select! {
                s = Arc::clone(&slots).acquire_owned() => match s {
                    Ok(s) => s,
                    Err(_) => return Ok(()),
                },
                _ = &mut stop => return Ok(()),
            };
            let stream = tokio::select! {
                r = listener.accept() => match r {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // out of file descriptors or a reset before accept: wait, go on
                        tracing::warn!("accepting a connection: {e}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
                _ = &mut stop => return Ok(()),
            };
            let service = hyper_util::service::TowerToHyperService::new(app.clone());
            tokio::spawn(async move {
                let _slot = slot;
                let served = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEADER_READ_TIMEOUT)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
                if let Err(e) = served {
                    tracing::debug!("connection closed: {e}");
                }
            });
        }
    })
}
