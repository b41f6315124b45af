//! `POST /desabonnement?u=…&k=…&s=…`: unsubscribing without signing in,
//! from the page a message's link opens (its one button) or straight from
//! a mail client (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`,
//! RFC 8058, which posts with no cookie and no origin). The signature is
//! the authority; the page (`GET`, the app's) only shows what it stops.

use app::backend::mail::unsubscribe::{apply, is_signed, secret, Stop, PATH};
use app::backend::state::AppState;
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Link {
    u: i64,
    k: String,
    s: String,
}

pub async fn one_click(
    State(state): State<AppState>,
    Query(link): Query<Link>,
    body: String,
) -> Response {
    let refused = || {
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Ce lien de désabonnement n’est pas valable. / This unsubscribe link is not valid.",
        )
            .into_response()
    };
    let Some(stop) = Stop::parse(&link.k) else {
        return refused();
    };
    let key = match secret(&state.db).await {
        Ok(key) => key,
        Err(error) => {
            tracing::warn!(?error, "unsubscribe: secret not read");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    if !is_signed(&key, link.u, stop, &link.s) {
        return refused();
    }
    if let Err(error) = apply(&state.db, link.u, stop).await {
        tracing::warn!(?error, "unsubscribe: not recorded");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    // A mail client's one click (RFC 8058) is answered, never redirected;
    // the page's button leads to what was done.
    if body.trim() == "List-Unsubscribe=One-Click" {
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Désabonnement enregistré. / Unsubscribed.",
        )
            .into_response();
    }
    Redirect::to(&format!(
        "{PATH}?{}={}",
        app::settings::UNSUBSCRIBED,
        stop.as_str()
    ))
    .into_response()
}
