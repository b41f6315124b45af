//! Request bodies are small here (the longest field is 4,000 characters):
//! a body over [`MAX_BODY_BYTES`] is refused with 413 and a page that says
//! so in the person's language, before any handler reads it, whether its
//! length was announced or not. Nothing is saved.

use crate::unavailable::message_page;
use app::backend::state::AppState;
use app::i18n::Key;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::Response,
};

/// 1 MiB: a form of every field at its longest, in any script, fits many
/// times over.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What is read of a body too large before answering.
const DRAINED_BYTES: usize = 8 * 1024 * 1024;

pub async fn refuse_large_bodies(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        // Read (and drop) a few megabytes first: a browser still sending
        // when the connection closes shows a reset, not the page.
        let (parts, body) = request.into_parts();
        let _ = axum::body::to_bytes(body, DRAINED_BYTES).await;
        return too_large(&state, Request::from_parts(parts, Body::empty()));
    }
    if announced == Some(0) || request.method().is_safe() {
        return next.run(request).await;
    }
    // Read here, within the limit: a body that never said its length is
    // held to it as well.
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(&state, Request::from_parts(parts, Body::empty())),
    }
}

fn too_large(state: &AppState, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let mut response = message_page(
        state,
        &parts,
        StatusCode::PAYLOAD_TOO_LARGE,
        Key::TooLargeTitle,
        Key::TooLargeText,
    );
    // The rest of the body is not read: the connection is not reused.
    response.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    response
}
