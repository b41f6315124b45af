use crate::domain::accounts::Member;
use crate::error::AppError;
use leptos::prelude::*;

/// The people of the caller's organisation. Administrators only.
#[server(endpoint = "list_members")]
pub async fn list_members() -> Result<Vec<Member>, AppError> {
    use crate::backend::accounts::members;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    members::list(&ctx(&state)).await.map_err(fail)
}

/// Creates a one-time sign-up link for a role, shown once to the
/// administrator. Administrators only.
#[server(endpoint = "create_invitation")]
pub async fn create_invitation(role: String) -> Result<(), AppError> {
    use crate::backend::accounts::invitations;
    use crate::domain::accounts::Role;
    use crate::error::FormErrors;
    use crate::i18n::Key;
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    let Some(role) = Role::parse(&role) else {
        let mut errors = FormErrors::default();
        errors.add(crate::accounts::fields::ROLE, Key::ErrInvalid);
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let token = invitations::create(&ctx(&state), role)
        .await
        .map_err(fail)?;
    // The link is shown once, on the page the administrator comes back to.
    leptos_axum::redirect(&format!("{}?lien={token}", super::MEMBERS_PATH));
    Ok(())
}

/// Gives another person of the organisation a new role. Administrators only.
#[server(endpoint = "change_role")]
pub async fn change_role(user_id: i64, role: String) -> Result<(), AppError> {
    use crate::backend::accounts::members::Change;
    use crate::domain::accounts::Role;
    let role = Role::parse(&role).ok_or(AppError::NotFound);
    apply(user_id, role.map(Change::Role)).await
}

/// Deactivates (ending their sessions) or reactivates another person of the
/// organisation. Administrators only.
#[server(endpoint = "set_member_active")]
pub async fn set_member_active(
    user_id: i64,
    active: bool,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::accounts::members::Change;
    // Deactivating ends the person's sessions at once: confirmed first.
    let change = if active {
        Ok(Change::Reactivate)
    } else {
        crate::ui::forms::confirmed(confirm.as_deref()).map(|()| Change::Deactivate)
    };
    apply(user_id, change).await
}

/// Lets in someone who asked to join from an address of the organisation.
/// Administrators only.
#[server(endpoint = "approve_member")]
pub async fn approve_member(user_id: i64) -> Result<(), AppError> {
    use crate::backend::accounts::members::Change;
    apply(user_id, Ok(Change::Approve)).await
}

/// Creates a one-time link for an active person of the organisation to
/// choose a new password, shown once to the administrator, who hands it
/// over. Administrators only.
#[server(endpoint = "create_reset_link")]
pub async fn create_reset_link(user_id: i64) -> Result<(), AppError> {
    use crate::backend::accounts::resets;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    let token = resets::create(&ctx(&state), user_id).await.map_err(fail)?;
    leptos_axum::redirect(&format!("{}?reinit={token}", super::MEMBERS_PATH));
    Ok(())
}

#[cfg(feature = "ssr")]
async fn apply(
    user_id: i64,
    change: Result<crate::backend::accounts::members::Change, AppError>,
) -> Result<(), AppError> {
    use crate::backend::accounts::members;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let change = change.map_err(fail)?;
    let state = state();
    members::apply(&ctx(&state), user_id, change)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(super::MEMBERS_PATH);
    Ok(())
}
