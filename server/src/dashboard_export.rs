//! `/tableau-de-bord.csv` and `/tableau-de-bord.json`: the dashboard's
//! data as downloads, with the page's filters in the query. Plain GET
//! routes with the page's checks: signed in; leads and administrators get
//! the organisation, others their own ideas.

use app::accounts::Viewer;
use app::backend::ctx::Ctx;
use app::backend::dashboard::{csv::to_csv, read_all};
use app::backend::state::AppState;
use app::domain::dashboard::DashboardFilters;
use app::web::http::locale_of;
use axum::{
    extract::{Query, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;

pub async fn csv(
    state: State<AppState>,
    query: Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    export(state, query, request, Format::Csv).await
}

pub async fn json(
    state: State<AppState>,
    query: Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    export(state, query, request, Format::Json).await
}

enum Format {
    Csv,
    Json,
}

async fn export(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
    format: Format,
) -> Response {
    let (parts, _) = request.into_parts();
    let Some(me) = parts.extensions.get::<Viewer>().and_then(|v| v.0.clone()) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let filters = DashboardFilters::from_query(|name| query.get(name).cloned());
    let ctx = Ctx::new(&state.db, state.clock.as_ref()).member_acting(&me);
    let data = match read_all(&ctx, &filters).await {
        Ok(data) => data,
        Err(error) => return app::error::AppError::from(error).status().into_response(),
    };
    let (kind, name, body) = match format {
        Format::Csv => (
            "text/csv; charset=utf-8",
            "tableau-de-bord.csv",
            to_csv(&data, locale_of(&parts)),
        ),
        Format::Json => match serde_json::to_string_pretty(&data) {
            Ok(text) => ("application/json", "tableau-de-bord.json", text),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
    };
    (
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}
