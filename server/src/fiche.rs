//! `/idees/<id>/fiche.md`: the fiche de déminage as a Markdown download. A
//! plain GET route (server functions answer POST only), with the same
//! checks as the page: signed in, and the idea visible to the caller.

use app::accounts::Viewer;
use app::backend::ctx::Ctx;
use app::backend::rounds::fiche::build;
use app::backend::state::AppState;
use app::rounds::fiche_markdown::to_markdown;
use app::web::http::locale_of;
use axum::{
    extract::{Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

pub async fn markdown(
    State(state): State<AppState>,
    Path(idea_id): Path<i64>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let Some(me) = parts.extensions.get::<Viewer>().and_then(|v| v.0.clone()) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let ctx = Ctx::new(&state.db, state.clock.as_ref()).member_acting(&me);
    match build(&ctx, idea_id).await {
        Ok(fiche) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/markdown; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"fiche-deminage-{idea_id}.md\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            to_markdown(&fiche, locale_of(&parts)),
        )
            .into_response(),
        Err(error) => app::error::AppError::from(error).status().into_response(),
    }
}
