use crate::domain::desk::Desk;
use crate::error::AppError;
use leptos::prelude::*;

/// « Mon bureau »: what waits for the caller. Signed-in people only.
#[server(endpoint = "get_desk")]
pub async fn get_desk() -> Result<Desk, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::desk::read(&ctx(&state)).await.map_err(fail)
}
