use crate::domain::accounts::Member;
use crate::error::AppError;
use leptos::prelude::*;

/// The people of the caller's organisation. Administrators only.
#[server(endpoint = "list_members")]
pub async fn list_members() -> Result<Vec<Member>, AppError> {
    use crate::backend::accounts::members;
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    members::list(&state().db, &me).await.map_err(fail)
}

/// Creates a one-time sign-up link for a role, shown once to the
/// administrator. Administrators only.
#[server(endpoint = "create_invitation")]
pub async fn create_invitation(role: String) -> Result<(), AppError> {
    use crate::backend::accounts::invitations;
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::accounts::Role;
    use crate::error::FormErrors;
    use crate::i18n::Key;

    let me = require_signed_in().map_err(fail)?;
    let Some(role) = Role::parse(&role) else {
        let mut errors = FormErrors::default();
        errors.add("role", Key::ErrInvalid);
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let token = invitations::create(&state.db, state.clock.as_ref(), &me, role)
        .await
        .map_err(fail)?;
    // The link is shown once, on the page the administrator comes back to.
    leptos_axum::redirect(&format!("{}?lien={token}", super::MEMBERS_PATH));
    Ok(())
}
