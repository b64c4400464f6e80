//! Rasid's HTTP API and the analyst's web page, served by `rasid serve`.
//!
//! Owns: the routes (`/api/…` JSON, `/api/openapi.json`, `/api/events.csv`, the page at
//! `/` and its embedded assets under `/assets/`), the checks on request parameters (a bad
//! request is a 4xx JSON error, never a panic), the CSV rendering of events, and the
//! API's envelopes ([`schema`]). What it answers is what the store's read path returns
//! ([`rasid_store::read`], the same functions the command line prints), typed, so the
//! OpenAPI document is generated from the store's own shapes.
//!
//! Watchlists and their alerts are read as JSON ([`watchlists`], [`alerts`]) and as an
//! Atom feed ([`atom`]).
//!
//! The writes are an analyst's decision on a fact (`POST /api/reviews`, [`reviews`]),
//! saving or removing a watchlist and marking alerts read: off unless the server is given
//! analysts' tokens ([`tokens`]), then only with a token and a JSON body; every decision
//! is kept in the store's append-only `reviews` table (who, what, when), and every write
//! is logged under the `rasid::audit` target.
//!
//! May import: `rasid-store` (every read goes through [`rasid_store::Store`], with its
//! `openapi` feature), `rasid-kb` (the actor dictionary: search expansion, names in
//! parameters, event and relation types). Must never: write to the store anything but
//! analysts' decisions (and the merge that applies them), watchlists and read marks,
//! extract facts, or fetch anything from the network at run time (the page's JavaScript libraries and map are vendored in
//! `assets/vendor/`).

pub mod alerts;
pub mod api;
pub mod assets;
pub mod atom;
pub mod error;
pub mod export;
pub mod hosts;
pub mod load;
pub mod openapi;
pub mod reviews;
pub mod schema;
pub mod tokens;
pub mod watchlists;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use rasid_kb::Kb;
use rasid_store::Store;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub use error::{ApiError, WebError};
pub use tokens::{read_token_file, TokenError, WriteToken};

/// What every handler shares: a small pool of store connections (SQLite in WAL mode and
/// PostgreSQL both serve several readers at once) and the knowledge base.
pub struct AppState {
    stores: Vec<Mutex<Store>>,
    /// One permit per connection, handed out first come first served: a request waits
    /// its turn in line for a connection ([`store_slot`]) instead of racing for a lock,
    /// where a late one may barge ahead and an early one wait for seconds.
    free: Arc<Semaphore>,
    /// Heavy requests ([`blocking_heavy`]) served at once: fewer than the connections and
    /// the cores, so that light ones always find a free connection and a free core.
    heavy: Arc<Semaphore>,
    kb: Kb,
    /// Host names requests may name (`hosts`): set by [`serve`] from the bound address,
    /// loopback and [`AppState::allow_hosts`].
    allowed_hosts: Vec<String>,
    extra_hosts: Vec<String>,
    /// The latest searches' answers ([`AppState::with_search_cache`]), when kept.
    search_cache: Option<Mutex<SearchCache>>,
    /// Analysts who may record decisions ([`AppState::with_write_tokens`]); none: the
    /// server is read-only.
    write_tokens: Vec<WriteToken>,
    /// Held while a decision is recorded and merged: writes wait for each other rather
    /// than retry against each other's merge.
    write_lock: tokio::sync::Mutex<()>,
}

/// Answers to the latest searches, by query and limit, each with the store's
/// [`rasid_store::Store::search_version`] it was computed at.
pub(crate) type SearchCache = lru::LruCache<(String, usize), (String, Arc<schema::SearchResponse>)>;

/// How many searches' answers a server keeps by default.
pub const DEFAULT_SEARCH_CACHE: usize = 1024;

impl AppState {
    /// `stores`: one or more connections to the same store.
    pub fn new(stores: Vec<Store>, kb: Kb) -> Result<Self, WebError> {
        if stores.is_empty() {
            return Err(WebError::NoStore);
        }
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Ok(Self {
            heavy: Arc::new(Semaphore::new(heavy_slots(stores.len(), cores))),
            free: Arc::new(Semaphore::new(stores.len())),
            stores: stores.into_iter().map(Mutex::new).collect(),
            kb,
            allowed_hosts: Vec::new(),
            extra_hosts: Vec::new(),
            search_cache: None,
            write_tokens: Vec::new(),
            write_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// Accept analysts' decisions (`POST /api/reviews`) from requests bearing one of these
    /// tokens, recorded as made by its analyst. Without tokens (the default) every write
    /// is refused with 403.
    pub fn with_write_tokens(mut self, tokens: Vec<WriteToken>) -> Self {
        self.write_tokens = tokens;
        self
    }

    /// The analysts' tokens; empty when the server is read-only.
    pub fn write_tokens(&self) -> &[WriteToken] {
        &self.write_tokens
    }

    /// Keep the answers to the latest `entries` searches (0: none). An answer is given
    /// again only while the store's search version is the one it was computed at: a new
    /// document or a merge, by this process or any other writing to the store, makes it
    /// stale.
    pub fn with_search_cache(mut self, entries: usize) -> Self {
        self.search_cache =
            std::num::NonZeroUsize::new(entries).map(|n| Mutex::new(lru::LruCache::new(n)));
        self
    }

    /// The kept answer to a search at `version`, if any.
    pub(crate) fn cached_search(
        &self,
        key: &(String, usize),
        version: &str,
    ) -> Option<Arc<schema::SearchResponse>> {
        let mut cache = self
            .search_cache
            .as_ref()?
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        cache
            .get(key)
            .filter(|(v, _)| v == version)
            .map(|(_, answer)| Arc::clone(answer))
    }

    /// Keep an answer to a search computed at `version`.
    pub(crate) fn keep_search(
        &self,
        key: (String, usize),
        version: String,
        answer: Arc<schema::SearchResponse>,
    ) {
        if let Some(cache) = &self.search_cache {
            cache
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .put(key, (version, answer));
        }
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

    /// Run `f` with a free connection. Callers hold a [`store_slot`], so one is free: the
    /// turns are the one place requests wait (a caller without one waits on the first).
    pub(crate) fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        for m in &self.stores {
            if let Ok(mut s) = m.try_lock() {
                return f(&mut s);
            }
        }
        let mut s = self.stores[0]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        f(&mut s)
    }
}

pub type SharedState = Arc<AppState>;

/// How many heavy requests run at once with `connections` store connections on `cores`
/// cores: one connection and one core are always left to light requests (none to spare
/// with one of either: then one heavy request at a time).
fn heavy_slots(connections: usize, cores: usize) -> usize {
    connections.min(cores).saturating_sub(1).max(1)
}

/// Run a light store read (a few milliseconds: counts, one article, the graph, a search)
/// off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &SharedState,
    f: impl FnOnce(&mut Store, &Kb) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    run_blocking(state, None, f).await
}

/// Run a heavy store read (thousands of events, an actor's page, every place) off the
/// async workers, once a heavy slot is free: many of them wait for each other instead of
/// taking every connection and core from the light ones.
pub(crate) async fn blocking_heavy<T: Send + 'static>(
    state: &SharedState,
    f: impl FnOnce(&mut Store, &Kb) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let slot = heavy_slot(state).await?;
    run_blocking(state, Some(slot), f).await
}

/// A heavy slot, held until dropped (by a streamed export: when its last byte is sent).
pub(crate) async fn heavy_slot(state: &SharedState) -> Result<OwnedSemaphorePermit, ApiError> {
    Arc::clone(&state.heavy)
        .acquire_owned()
        .await
        .map_err(|e| ApiError::Internal(format!("heavy request slots closed: {e}")))
}

/// A turn at a store connection, held until dropped: requests are given connections in
/// the order they asked.
pub(crate) async fn store_slot(state: &SharedState) -> Result<OwnedSemaphorePermit, ApiError> {
    Arc::clone(&state.free)
        .acquire_owned()
        .await
        .map_err(|e| ApiError::Internal(format!("store connection slots closed: {e}")))
}

async fn run_blocking<T: Send + 'static>(
    state: &SharedState,
    slot: Option<OwnedSemaphorePermit>,
    f: impl FnOnce(&mut Store, &Kb) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let turn = store_slot(state).await?;
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || {
        let _slots = (slot, turn);
        state.with_store(|s| f(s, &state.kb))
    })
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
/// Connections served at once, at most; fewer when the process may not open that many
/// files ([`connection_limit`]). Idle and slow ones are closed after
/// [`HEADER_READ_TIMEOUT`], so thousands of silent clients cannot keep a new one waiting.
pub const MAX_CONNECTIONS: usize = 4096;
/// Open files kept for the store, the listener, logs and the page's assets.
const RESERVED_FILES: u64 = 128;

/// Connections to serve at once when the process may open `open_files` files.
fn connection_limit(open_files: u64) -> usize {
    let free = open_files.saturating_sub(RESERVED_FILES).max(16);
    usize::try_from(free).map_or(MAX_CONNECTIONS, |n| n.min(MAX_CONNECTIONS))
}

/// Raise the soft limit of open files to the hard one (the usual soft limit, 1,024, is
/// below [`MAX_CONNECTIONS`]); the limit now in force.
pub(crate) fn raise_open_files() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!("cannot raise the limit of open files: {e}");
            rlimit::Resource::NOFILE
                .get()
                .map_or(1024, |(soft, _)| soft)
        }
    }
}

/// Keep glibc's allocator to two memory arenas. By default it opens up to eight per core,
/// one for each of the many threads that build large responses, and keeps what each
/// used: after 20 clients pulled 5,000 events at a time the server held 616 MB, with two
/// arenas 286 MB, at the same speed.
fn few_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before the runtime
    // starts any thread, and a refusal (return value 0) leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Serve on `addr` until Ctrl-C; `ready` is told the bound address (port 0 picks a free
/// port) before the first request is accepted. Each connection is HTTP/1.1 with a
/// [`HEADER_READ_TIMEOUT`], at most [`connection_limit`] at once.
pub fn serve(
    mut state: AppState,
    addr: &str,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), WebError> {
    few_malloc_arenas();
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
        let max_connections = connection_limit(raise_open_files());
        tracing::info!("serving at most {max_connections} connections at once");
        let slots = Arc::new(Semaphore::new(max_connections));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A state with `n` connections to a new SQLite store in `dir`.
    fn connections(dir: &std::path::Path, n: usize) -> SharedState {
        let url = dir.join("rasid.db").to_string_lossy().into_owned();
        let stores = (0..n)
            .map(|_| {
                let config = rasid_store::MergeConfig::builtin().expect("merge config");
                Store::open(&url, config).expect("store")
            })
            .collect();
        Arc::new(AppState::new(stores, Kb::builtin().expect("kb")).expect("state"))
    }

    /// A request that holds its connection for `ms` and then notes `what` in `log`.
    fn request(
        state: &SharedState,
        ms: u64,
        what: &'static str,
        log: &Arc<Mutex<Vec<&'static str>>>,
    ) -> tokio::task::JoinHandle<Result<(), ApiError>> {
        let (st, log) = (Arc::clone(state), Arc::clone(log));
        tokio::spawn(async move {
            blocking(&st, move |_, _| {
                std::thread::sleep(Duration::from_millis(ms));
                log.lock().expect("log").push(what);
                Ok(())
            })
            .await
        })
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_slow_request_does_not_hold_up_those_waiting_behind_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = connections(dir.path(), 2);
        let log = Arc::new(Mutex::new(Vec::new()));
        // one slow request takes a connection; eight quick ones arrive at once and share
        // the other in turn, none waiting for the slow one's connection
        let slow = request(&state, 600, "slow", &log);
        tokio::time::sleep(Duration::from_millis(30)).await;
        let quick: Vec<_> = (0..8).map(|_| request(&state, 20, "quick", &log)).collect();
        for q in quick {
            q.await.expect("join").expect("quick request");
        }
        slow.await.expect("join").expect("slow request");
        let log = log.lock().expect("log").clone();
        assert_eq!(log.last(), Some(&"slow"), "{log:?}");
        // every turn is given back
        assert_eq!(state.free.available_permits(), 2);
    }

    #[test]
    fn connections_stay_below_the_open_files_limit() {
        assert_eq!(connection_limit(1024), 896);
        assert_eq!(connection_limit(1_048_576), MAX_CONNECTIONS);
        assert_eq!(connection_limit(20), 16);
    }

    #[test]
    fn heavy_requests_leave_a_connection_and_a_core_to_light_ones() {
        assert_eq!(heavy_slots(4, 2), 1);
        assert_eq!(heavy_slots(4, 16), 3);
        assert_eq!(heavy_slots(8, 4), 3);
        // nothing to spare: one heavy request at a time, never none
        assert_eq!(heavy_slots(1, 8), 1);
        assert_eq!(heavy_slots(4, 1), 1);
    }
}
