//! What can go wrong: starting the server ([`WebError`]) and answering a request
//! ([`ApiError`], always a JSON body `{"error": …, "status": …}`).

use axum::http::StatusCode;
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
        (status, Json(body)).into_response()
    }
}
