//! While the database cannot be reached, pages answer with a French 503
//! page (in the person's language) instead of an error; as soon as the
//! database answers again, pages come back. Files and `/healthz` are not
//! concerned; server functions report `AppError::Unavailable` themselves.

use crate::site::stylesheet_href;
use app::backend::state::AppState;
use app::i18n::{t, Key};
use app::web::http::locale_of;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sea_orm::DbBackend;

/// How long a browser should wait before retrying, in seconds.
const RETRY_AFTER_SECS: &str = "10";

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // An embedded SQLite file is always reachable (its ping is a trip to
    // a thread of this process, on every page): only a database server
    // can be down.
    let remote = state.db.get_database_backend() != DbBackend::Sqlite;
    if !remote || !is_page_request(&request) {
        return next.run(request).await;
    }
    match state.db.ping().await {
        Ok(()) => next.run(request).await,
        Err(err) => {
            tracing::warn!(error = %err, "database unreachable: answering 503");
            let (parts, _) = request.into_parts();
            page(&state, &parts)
        }
    }
}

fn is_page_request(request: &Request) -> bool {
    let path = request.uri().path();
    matches!(*request.method(), Method::GET | Method::HEAD)
        && !path.starts_with("/pkg/")
        && !path.starts_with("/api/")
        && path != "/healthz"
}

fn page(state: &AppState, parts: &axum::http::request::Parts) -> Response {
    let mut response = message_page(
        state,
        parts,
        StatusCode::SERVICE_UNAVAILABLE,
        Key::UnavailableTitle,
        Key::UnavailableText,
    );
    response.headers_mut().insert(
        header::RETRY_AFTER,
        header::HeaderValue::from_static(RETRY_AFTER_SECS),
    );
    response
}

/// A page of its own, outside the app (which may not be able to render):
/// a title and a text in the person's language, with the site's style.
pub fn message_page(
    state: &AppState,
    parts: &axum::http::request::Parts,
    status: StatusCode,
    title: Key,
    text: Key,
) -> Response {
    let locale = locale_of(parts);
    let title = t(locale, title);
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — {app}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><header class=\"site-header\"><div class=\"wrap\"><p class=\"brand\">{app}</p></div></header>\
         <main id=\"contenu\" class=\"wrap\"><h1>{title}</h1><p>{text}</p></main></body></html>",
        lang = locale.code(),
        app = t(locale, Key::AppName),
        css = stylesheet_href(&state.leptos_options),
        text = t(locale, text),
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from(html),
    )
        .into_response()
}
