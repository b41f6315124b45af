//! Server functions of démining rounds: the reads here, the writes by
//! capability in the modules below. Forms come as text (`round_forms`) and
//! are checked in the domain (`round_inputs`); every refusal echoes what was
//! typed.

mod answering;
mod contributing;
mod opening;

pub use answering::*;
pub use contributing::*;
pub use opening::*;

use crate::domain::round_views::{ContributionPage, Notifications, Recognition, RoundsPanel};
use crate::error::AppError;
use leptos::prelude::*;

/// The rounds of an idea, its maturity and coverage map, as the caller may
/// see them (others' contributions only after the reveal). Signed-in people
/// of its organisation.
#[server(endpoint = "get_rounds")]
pub async fn get_rounds(
    idea_id: i64,
    round: Option<i32>,
    page: Option<u32>,
) -> Result<RoundsPanel, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let focus = round.map(|r| (r, page.unwrap_or(1)));
    crate::backend::rounds::reading::panel(&ctx(&state()), idea_id, focus)
        .await
        .map_err(fail)
}

/// A contribution's page, if the caller may read it (someone else's before
/// the reveal: not found). Signed-in people of the organisation.
#[server(endpoint = "get_contribution")]
pub async fn get_contribution(contribution_id: i64) -> Result<ContributionPage, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::backend::rounds::contribution_page::contribution_page(&ctx(&state()), contribution_id)
        .await
        .map_err(fail)
}

/// The caller's notifications. Signed-in people, their own.
#[server(endpoint = "get_notifications")]
pub async fn get_notifications() -> Result<Notifications, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::backend::notifications::list(&ctx(&state()))
        .await
        .map_err(fail)
}

/// Marks all the caller's notifications read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::backend::notifications::mark_all_read(&ctx(&state()))
        .await
        .map_err(fail)?;
    leptos_axum::redirect(super::NOTIFICATIONS_PATH);
    Ok(())
}

/// What the caller's démining added up to (their profile).
#[server(endpoint = "get_recognition")]
pub async fn get_recognition() -> Result<Recognition, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::backend::rounds::contribution_page::recognition(&ctx(&state()))
        .await
        .map_err(fail)
}

/// The fiche de déminage of an idea. Whoever may see the idea.
#[server(endpoint = "get_fiche")]
pub async fn get_fiche(idea_id: i64) -> Result<crate::domain::round_views::Fiche, AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::backend::rounds::fiche::build(&ctx(&state()), idea_id)
        .await
        .map_err(fail)
}
