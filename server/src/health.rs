//! `/healthz`: 200 when the database answers, 503 otherwise.

use app::backend::state::AppState;
use axum::{extract::State, http::StatusCode, response::IntoResponse};

pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, [("cache-control", "no-store")], "ok"),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [("cache-control", "no-store")],
                "database unreachable",
            )
        }
    }
}
