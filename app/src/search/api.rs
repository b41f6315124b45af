//! The search's server function.

use crate::domain::search::SearchResults;
use crate::error::AppError;
use leptos::prelude::*;

/// A page of what `q` finds among what the caller may read, of one kind
/// (`type`: `idees`, `contributions`, `mines`) if asked. Signed-in members.
#[server(endpoint = "search")]
pub async fn search(
    q: Option<String>,
    kind: Option<String>,
    page: Option<u32>,
) -> Result<SearchResults, AppError> {
    use crate::backend::search::{querying, SearchError};
    use crate::domain::search::SearchKind;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    let kind = kind.as_deref().and_then(SearchKind::from_slug);
    querying::search(&ctx(&state), q.as_deref().unwrap_or_default(), kind, page)
        .await
        .map_err(|e| {
            fail(match e {
                SearchError::SignInNeeded => AppError::Unauthorized,
                SearchError::Store(err) => err.into(),
            })
        })
}
