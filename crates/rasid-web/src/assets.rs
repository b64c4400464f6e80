//! The analyst's page and its assets, embedded in the binary at compile time: no CDN,
//! nothing fetched at run time. Third-party libraries are vendored, with their licences,
//! in `assets/vendor/` (see `assets/vendor/README.md`).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::ApiError;
use crate::SharedState;

/// (path under `/assets/`, content type, bytes)
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "review.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/review.js"),
    ),
    (
        "alerts.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/alerts.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "vendor/cytoscape/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape/cytoscape.min.js"),
    ),
    (
        "vendor/leaflet/leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/leaflet.js"),
    ),
    (
        "vendor/leaflet/leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet/leaflet.css"),
    ),
    (
        "vendor/topojson-client/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/topojson-client/topojson-client.min.js"),
    ),
    (
        "vendor/world-atlas/countries-50m.json",
        "application/json",
        include_bytes!("../assets/vendor/world-atlas/countries-50m.json"),
    ),
];

const INDEX: &str = include_str!("../assets/index.html");

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route("/assets/{*path}", get(asset))
}

async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX,
    )
        .into_response()
}

async fn asset(Path(path): Path<String>) -> Result<Response, ApiError> {
    let (_, mime, bytes) = ASSETS
        .iter()
        .find(|(p, _, _)| *p == path)
        .ok_or_else(|| ApiError::NotFound(format!("no asset {path:?}")))?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, *mime),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        *bytes,
    )
        .into_response())
}
