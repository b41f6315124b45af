use crate::domain::accounts::{Member, MemberList};
use crate::error::AppError;
use leptos::prelude::*;

/// The members page: the requests to join, and one page of the
/// organisation's accounts, filtered by part of a name or address.
/// Administrators only.
#[server(endpoint = "list_members")]
pub async fn list_members(q: Option<String>, page: Option<u32>) -> Result<MemberList, AppError> {
    use crate::backend::accounts::members;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    members::page(&ctx(&state), q.as_deref(), page)
        .await
        .map_err(fail)
}

/// One account of the organisation, for its page. Administrators only.
#[server(endpoint = "get_member")]
pub async fn get_member(id: i64) -> Result<Member, AppError> {
    use crate::backend::accounts::members;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    members::one(&ctx(&state), id).await.map_err(fail)
}

/// Creates a one-time sign-up link for a role, shown once to the
/// administrator and, when an address is given, e-mailed to it.
/// Administrators only.
#[server(endpoint = "create_invitation")]
pub async fn create_invitation(role: String, email: Option<String>) -> Result<(), AppError> {
    use crate::backend::accounts::invitations;
    use crate::domain::accounts::{Email, Role};
    use crate::error::FormErrors;
    use crate::i18n::{use_locale, Key};
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    let mut errors = FormErrors::default();
    let role = Role::parse(&role);
    if role.is_none() {
        errors.add(crate::accounts::fields::ROLE, Key::ErrInvalid);
    }
    let typed = email.unwrap_or_default();
    let to = match typed.trim() {
        "" => None,
        address => match Email::parse(address) {
            Ok(email) => Some(email),
            Err(key) => {
                errors.add(crate::accounts::fields::EMAIL, key);
                None
            }
        },
    };
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Err(fail(
            AppError::Invalid(errors).echoing(&[(crate::accounts::fields::EMAIL, &typed)]),
        ));
    };
    let state = state();
    let ctx = ctx(&state);
    let token = match &to {
        Some(to) => invitations::send(&ctx, role, to, use_locale()).await,
        None => invitations::create(&ctx, role).await,
    }
    .map_err(|err| {
        fail(AppError::from(err).echoing(&[(crate::accounts::fields::EMAIL, &typed)]))
    })?;
    // The link is shown once, on the page the administrator comes back to.
    let sent = match to {
        Some(_) => format!("&{}", super::INVITE_SENT),
        None => String::new(),
    };
    leptos_axum::redirect(&format!("{}?lien={token}{sent}", super::MEMBERS_PATH));
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
    leptos_axum::redirect(&format!("{}?reinit={token}", super::member_path(user_id)));
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
    let approving = matches!(change, members::Change::Approve);
    let applied = members::apply(&ctx(&state), user_id, change)
        .await
        .map_err(fail)?;
    // Requests are answered from the list, where the next ones wait;
    // other changes from the person's page, which shows the result.
    let back = match applied {
        members::Applied::Removed => super::MEMBERS_PATH.to_owned(),
        members::Applied::Changed if approving => super::MEMBERS_PATH.to_owned(),
        members::Applied::Changed => format!("{}?ok", super::member_path(user_id)),
    };
    leptos_axum::redirect(&back);
    Ok(())
}
