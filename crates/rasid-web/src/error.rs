//! What can go wrong: starting the server ([`WebError`]) and answering a request
//! ([`ApiError`], always a JSON body `{"error": …, "status": …}`).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The server could not start or stopped on an error.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("no store connection to serve from")]
    NoStore,
    #[error("starting the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("cannot listen on {addr} (is another server on that port? try --addr 127.0.0.1:0)")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("serving: {0}")]
    Serve(#[source] std::io::Error),
}

/// A request that could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Forbidden(String),
    /// A write without an analyst's token (answered with `WWW-Authenticate: Bearer`).
    #[error("{0}")]
    Unauthorized(String),
    /// A write whose body is not declared as JSON.
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("store: {0}")]
    Store(#[from] rasid_store::StoreError),
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Store(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!("{self}");
        }
        let body = serde_json::json!({"error": self.to_string(), "status": status.as_u16()});
        if status == StatusCode::UNAUTHORIZED {
            let challenge = [(header::WWW_AUTHENTICATE, "Bearer realm=\"rasid\"")];
            return (status, challenge, Json(body)).into_response();
        }
        (status, Json(body)).into_response()
    }
}
