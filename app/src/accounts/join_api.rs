//! Asking for an account (open to the organisation's e-mail domains) and
//! choosing a new password from a reset link.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The request form, as posted.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct JoinForm {
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// Records a request to join as a pending account, to be approved by an
/// administrator. Open to anyone: the address must belong to one of an
/// organisation's e-mail domains, and nothing opens before the approval.
#[server(endpoint = "request_account")]
pub async fn request_account(#[server(flatten)] form: JoinForm) -> Result<(), AppError> {
    use crate::backend::accounts::requests;
    use crate::web::http::{client_ip, ctx, fail, state};

    let input =
        super::api::new_account(&form.display_name, &form.email, &form.password).map_err(fail)?;
    let shown = super::api::shown(&input);
    let state = state();
    let made = requests::submit(&ctx(&state), &client_ip(), input)
        .await
        .map_err(|e| fail(super::api::echoing(e, &shown)))?;
    if let Some(person) = made {
        // The approval's e-mail in the language they asked in.
        crate::backend::accounts::profile::remember_language(
            &state.db,
            person,
            crate::i18n::use_locale(),
        )
        .await
        .map_err(|e| fail(AppError::from(e)))?;
    }
    leptos_axum::redirect(&format!("{}?envoyee", super::SIGN_UP_PATH));
    Ok(())
}

/// Whether a reset link can still be used. Open to anyone: the token is
/// the secret.
#[server(endpoint = "reset_link_is_open")]
pub async fn reset_link_is_open(token: String) -> Result<bool, AppError> {
    use crate::backend::accounts::resets;
    use crate::web::http::{ctx, fail, state};
    let state = state();
    resets::is_open(&ctx(&state), &token).await.map_err(fail)
}

/// Sets a new password from a reset link, ends the person's other sessions
/// and signs them in. Open to anyone: the token is the secret.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::backend::accounts::{resets, sessions};
    use crate::domain::accounts::NewPassword;
    use crate::error::FormErrors;
    use crate::web::http::{ctx, fail, set_session_cookie, state};

    let password = NewPassword::parse(&password)
        .map_err(|k| fail(FormErrors::refuse(super::fields::PASSWORD, k)))?;
    let state = state();
    let ctx = ctx(&state);
    let person = resets::complete(&ctx, &token, &password)
        .await
        .map_err(fail)?;
    let session = sessions::open(&ctx, person).await.map_err(fail)?;
    set_session_cookie(&session);
    leptos_axum::redirect("/");
    Ok(())
}

/// « Mot de passe oublié ? »: e-mails a reset link to the active account
/// with this address, then shows the same page whether or not there is
/// one. Open to anyone; a caller asking too often is told to wait.
#[server(endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use crate::backend::accounts::resets;
    use crate::domain::accounts::Email;
    use crate::error::FormErrors;
    use crate::web::http::{client_ip, ctx, fail, state};

    let parsed = Email::parse(&email).map_err(|k| {
        let mut errors = FormErrors::with_input([(super::fields::EMAIL, email.as_str())]);
        errors.add(super::fields::EMAIL, k);
        fail(AppError::Invalid(errors))
    })?;
    let state = state();
    let locale = crate::i18n::use_locale();
    resets::request_by_email(&ctx(&state), &client_ip(), &parsed, locale)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&[(super::fields::EMAIL, email.as_str())])))?;
    leptos_axum::redirect(&format!("{}?{}", super::FORGOT_PATH, super::FORGOT_SENT));
    Ok(())
}
