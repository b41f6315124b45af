//! Server functions of the mine library. Reading: signed-in members;
//! curating: leads and administrators of the organisation.

use crate::domain::library::{FilingForm, MineLibrary, MineSuggestion};
use crate::error::AppError;
use leptos::prelude::*;

/// The library, of one domain if asked; for leads, a page of the mines
/// waiting to be filed. Signed-in members.
#[server(endpoint = "get_mine_library")]
pub async fn get_mine_library(
    domain: Option<i64>,
    page: Option<u32>,
) -> Result<MineLibrary, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::library::reading::library(&ctx(&state), domain, page)
        .await
        .map_err(fail)
}

/// Known mines met before, beside a form on idea `idea_id` (which the
/// caller must be able to see). Signed-in members.
#[server(endpoint = "get_mine_suggestions")]
pub async fn get_mine_suggestions(idea_id: i64) -> Result<Vec<MineSuggestion>, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::library::reading::suggestions(&ctx(&state), idea_id)
        .await
        .map_err(fail)
}

/// Files the mines ticked under a known mine (`known_mine_id`), or under
/// a new one named `name` when none is chosen. Leads and administrators.
#[server(endpoint = "file_mines")]
pub async fn file_mines(#[server(flatten)] form: FilingForm) -> Result<(), AppError> {
    use crate::backend::library::curating::{file, Filing};
    use crate::domain::library::KnownMineName;
    use crate::error::FormErrors;
    use crate::i18n::Key;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let input = [
        ("known_mine_id", form.known_mine_id.as_str()),
        (FilingForm::NAME, form.name.as_str()),
    ];
    let mut errors = FormErrors::with_input(input);
    let mines = form.mine_ids();
    if mines.is_empty() {
        errors.add(FilingForm::MINES, Key::ErrTickAMine);
    }
    let filing = match form.under() {
        Some(id) => Some(Filing::Under(id)),
        None => KnownMineName::parse(&form.name)
            .map_err(|key| errors.add(FilingForm::NAME, key))
            .ok()
            .map(Filing::New),
    };
    errors.clone().into_result().map_err(fail)?;
    let Some(filing) = filing else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let known = file(&ctx(&state), &mines, filing)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    back_to(known);
    Ok(())
}

/// Takes a mine out of a known mine. Leads and administrators.
#[server(endpoint = "unfile_mine")]
pub async fn unfile_mine(known_mine_id: i64, mine_id: i64) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::library::curating::unfile(&ctx(&state), known_mine_id, mine_id)
        .await
        .map_err(fail)?;
    back_to(known_mine_id);
    Ok(())
}

/// Renames a known mine. Leads and administrators.
#[server(endpoint = "rename_known_mine")]
pub async fn rename_known_mine(known_mine_id: i64, name: String) -> Result<(), AppError> {
    use crate::domain::library::KnownMineName;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let known = known_mine_id.to_string();
    // Its own field key: the filing form's new name is `name`.
    let input = [("known_mine_id", known.as_str()), ("rename", name.as_str())];
    let parsed = KnownMineName::parse(&name).map_err(|key| {
        let mut errors = crate::error::FormErrors::with_input(input);
        errors.add("rename", key);
        fail(AppError::Invalid(errors))
    })?;
    let state = state();
    crate::backend::library::curating::rename(&ctx(&state), known_mine_id, parsed)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    back_to(known_mine_id);
    Ok(())
}

/// Forgets a known mine (its mines wait to be filed again), once
/// confirmed. Leads and administrators.
#[server(endpoint = "forget_known_mine")]
pub async fn forget_known_mine(
    known_mine_id: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    let state = state();
    crate::backend::library::curating::forget(&ctx(&state), known_mine_id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(super::LIBRARY_PATH);
    Ok(())
}

/// Marks (`proven` = "1") or unmarks a workaround that defused one of the
/// known mine's mines. Leads and administrators.
#[server(endpoint = "mark_workaround")]
pub async fn mark_workaround(
    known_mine_id: i64,
    workaround_id: i64,
    proven: String,
) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::library::curating::set_proven(
        &ctx(&state),
        known_mine_id,
        workaround_id,
        proven == "1",
    )
    .await
    .map_err(fail)?;
    back_to(known_mine_id);
    Ok(())
}

/// Back to a known mine on `/mines`, after a form acted on it.
#[cfg(feature = "ssr")]
fn back_to(known_mine_id: i64) {
    leptos_axum::redirect(&format!(
        "{}#{}",
        super::LIBRARY_PATH,
        super::known_mine_anchor(known_mine_id)
    ));
}
