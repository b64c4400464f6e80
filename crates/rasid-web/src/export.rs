//! `/api/export/{format}`: the exports of `rasid export` as downloads, with the events
//! filters of `/api/events`. The export runs on a blocking thread and streams its bytes to
//! the client through a bounded channel, so a whole-store export holds a few chunks in
//! memory, not the file; a client that goes away stops it.

use std::io::{self, Write};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use rasid_export::{ExportFilter, Format};
use rasid_store::EventFilter;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::IntoParams;

use crate::api::{event_filter, params, path_id};
use crate::error::ApiError;
use crate::schema::ErrorBody;
use crate::{blocking, heavy_slot, store_slot, SharedState};

/// The path of an export: its format.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // read as a `Path<String>`, so that an unknown format is a 404
pub struct ExportPath {
    /// The export's format (an unknown one is a 404).
    format: String,
}

/// `format`: the names of [`Format::ALL`].
pub(crate) fn format_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Format::ALL.map(Format::name)))
        .build()
        .into()
}

/// Bytes per chunk sent to the client.
const CHUNK: usize = 64 * 1024;
/// Chunks in flight between the export thread and the client.
const IN_FLIGHT: usize = 8;

/// A `Write` that sends what is written to a channel in chunks of [`CHUNK`] bytes; a
/// closed channel (the client left) is a broken pipe.
struct ChannelWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// The store's facts passing the filters in an analyst tool's format: `jsonl` (the
/// contract's JSON Lines), `acled-csv` (ACLED's columns), `stix` (a STIX 2.1 bundle),
/// `graphml` and `gexf` (the actor graph; edges filtered by actor, dates and confidence),
/// `geojson` (events with coordinates). Without `limit`, every event passing the filters.
#[utoipa::path(get, path = "/api/export/{format}", tag = "events",
    params(ExportPath, EventFilter),
    responses(
        (status = 200, description = "The export, as a download", content(
            (String = "application/x-ndjson"),
            (String = "text/csv"),
            (serde_json::Value = "application/stix+json"),
            (String = "application/graphml+xml"),
            (String = "application/gexf+xml"),
            (serde_json::Value = "application/geo+json"))),
        (status = 400, body = ErrorBody),
        (status = 404, description = "No such format, or `actor` names no stored actor", body = ErrorBody)))]
pub async fn export(
    State(st): State<SharedState>,
    format: Result<Path<String>, PathRejection>,
    q: Result<Query<EventFilter>, QueryRejection>,
) -> Result<Response, ApiError> {
    let name = path_id(format)?;
    let format = Format::from_name(&name).map_err(|e| ApiError::NotFound(e.to_string()))?;
    let p = params(q)?;
    let limit = p.limit;
    let filter = blocking(&st, move |s, kb| {
        let mut f = event_filter(s, kb, p)?;
        f.limit = limit;
        Ok(ExportFilter::from_events(f))
    })
    .await?;
    let slot = heavy_slot(&st).await?;
    let turn = store_slot(&st).await?;
    let (tx, rx) = mpsc::channel(IN_FLIGHT);
    let state = Arc::clone(&st);
    tokio::task::spawn_blocking(move || {
        let _slots = (slot, turn);
        let mut out = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let done =
            state.with_store(|s| rasid_export::export(s, state.kb(), format, &filter, &mut out));
        let done = done.map_err(io::Error::other).and_then(|_| out.flush());
        if let Err(e) = done {
            tracing::warn!("export {} stopped: {e}", format.name());
            let _ = tx.blocking_send(Err(e));
        }
    });
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", format.file_name()),
            ),
        ],
        Body::from_stream(ReceiverStream::new(rx)),
    )
        .into_response())
}
