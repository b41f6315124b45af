use crate::domain::directory::{Directory, NameSuggestion, PersonPage};
use crate::error::AppError;
use leptos::prelude::*;

/// One page of the organisation's directory, filtered. Signed-in members.
#[server(endpoint = "get_directory")]
pub async fn get_directory(
    q: Option<String>,
    domain: Option<i64>,
    service: Option<String>,
    available_only: Option<bool>,
    page: Option<u32>,
) -> Result<Directory, AppError> {
    use crate::backend::directory;
    use crate::domain::directory::DirectoryQuery;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let query = DirectoryQuery {
        q,
        domain,
        service,
        available_only: available_only.unwrap_or(false),
        page,
    };
    let state = state();
    directory::list(&ctx(&state), &query).await.map_err(fail)
}

/// A colleague's page: an active person of the caller's organisation.
/// Signed-in members.
#[server(endpoint = "get_person")]
pub async fn get_person(id: i64) -> Result<PersonPage, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::directory::person(&ctx(&state), id)
        .await
        .map_err(fail)
}

/// The colleagues the caller may name (everyone active but them), as a
/// name field suggests them. Signed-in members.
#[server(endpoint = "name_suggestions")]
pub async fn name_suggestions() -> Result<Vec<NameSuggestion>, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::directory::suggestions(&ctx(&state))
        .await
        .map_err(fail)
}
