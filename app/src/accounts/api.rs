use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The setup form, as posted.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SetupForm {
    pub token: String,
    pub organisation: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// Creates the organisation and its first administrator, with the token
/// printed in the server's log; then signs the administrator in.
/// Open to anyone holding the token, and only while setup is pending.
#[server(endpoint = "complete_setup")]
pub async fn complete_setup(#[server(flatten)] form: SetupForm) -> Result<(), AppError> {
    use super::fields;
    use crate::backend::accounts::{sessions, setup};
    use crate::domain::accounts::{DisplayName, Email, NewPassword, OrganisationName};
    use crate::error::FormErrors;
    use crate::i18n::Key;
    use crate::web::http::{ctx, fail, set_session_cookie, state};

    let state = state();
    let mut errors = FormErrors::with_input([
        (fields::ORGANISATION, form.organisation.as_str()),
        (fields::DISPLAY_NAME, form.display_name.as_str()),
        (fields::EMAIL, form.email.as_str()),
    ]);
    if !state.setup_token.matches(form.token.trim()) {
        errors.add(fields::TOKEN, Key::ErrSetupToken);
    }
    let organisation = OrganisationName::parse(&form.organisation)
        .map_err(|k| errors.add(fields::ORGANISATION, k));
    let display_name =
        DisplayName::parse(&form.display_name).map_err(|k| errors.add(fields::DISPLAY_NAME, k));
    let email = Email::parse(&form.email).map_err(|k| errors.add(fields::EMAIL, k));
    let password = NewPassword::parse(&form.password).map_err(|k| errors.add(fields::PASSWORD, k));
    let (Ok(organisation), Ok(display_name), Ok(email), Ok(password), true) = (
        organisation,
        display_name,
        email,
        password,
        errors.is_empty(),
    ) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let shown = [
        (fields::DISPLAY_NAME, display_name.as_str().to_owned()),
        (fields::EMAIL, email.as_str().to_owned()),
    ];
    let input = setup::FirstAdmin {
        organisation,
        display_name,
        email,
        password,
    };
    let admin = setup::create_first_admin(&ctx(&state), input)
        .await
        .map_err(|e| fail(echoing(e, &shown)))?;
    state.setup_token.consume();
    let token = sessions::open(&ctx(&state), admin).await.map_err(fail)?;
    set_session_cookie(&token);
    leptos_axum::redirect("/");
    Ok(())
}

/// Signs a person in with their address and password, then leads to the
/// page of this site named by `suite` (home otherwise). A refusal never
/// says whether the address exists.
#[server(endpoint = "log_in")]
pub async fn log_in(
    email: String,
    password: String,
    suite: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::accounts::{login, sessions};
    use crate::web::http::{client_ip, ctx, fail, set_session_cookie, state};

    let state = state();
    let person = login::log_in(&ctx(&state), &email, &password, &client_ip())
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&[(super::fields::EMAIL, email.as_str())])))?;
    // Their e-mails in the language they read the site in.
    crate::backend::accounts::profile::remember_language(
        &state.db,
        person,
        crate::i18n::use_locale(),
    )
    .await
    .map_err(fail)?;
    // A new session id at every log-in: an id planted before cannot ride along.
    let token = sessions::open(&ctx(&state), person).await.map_err(fail)?;
    set_session_cookie(&token);
    let back_to = suite
        .as_deref()
        .and_then(crate::domain::accounts::return_path);
    leptos_axum::redirect(back_to.unwrap_or("/"));
    Ok(())
}

/// Ends the caller's session. Open to anyone: without a session it does nothing.
#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::backend::accounts::sessions;
    use crate::web::http::{clear_session_cookie, ctx, fail, session_token, state};

    let state = state();
    if let Some(token) = session_token() {
        sessions::revoke(&ctx(&state), &token).await.map_err(fail)?;
    }
    clear_session_cookie();
    leptos_axum::redirect("/");
    Ok(())
}

/// The sign-up form, as posted from an invitation link.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SignUpForm {
    pub token: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// Whether an invitation link can still be used. Open to anyone: the token
/// is the secret.
#[server(endpoint = "invitation_is_open")]
pub async fn invitation_is_open(token: String) -> Result<bool, AppError> {
    use crate::backend::accounts::invitations;
    use crate::web::http::{ctx, fail, state};
    let state = state();
    invitations::is_open(&ctx(&state), &token)
        .await
        .map_err(fail)
}

/// Creates the account an invitation allows, then signs the person in.
#[server(endpoint = "sign_up")]
pub async fn sign_up(#[server(flatten)] form: SignUpForm) -> Result<(), AppError> {
    use crate::backend::accounts::{invitations, sessions};
    use crate::web::http::{ctx, fail, set_session_cookie, state};

    let input = new_account(&form.display_name, &form.email, &form.password).map_err(fail)?;
    let shown = shown(&input);
    let state = state();
    let person = invitations::accept(&ctx(&state), &form.token, input)
        .await
        .map_err(|e| fail(echoing(e, &shown)))?;
    crate::backend::accounts::profile::remember_language(
        &state.db,
        person,
        crate::i18n::use_locale(),
    )
    .await
    .map_err(fail)?;
    let token = sessions::open(&ctx(&state), person).await.map_err(fail)?;
    set_session_cookie(&token);
    leptos_axum::redirect("/");
    Ok(())
}

/// The name, address and password of a new account, parsed; a refusal
/// echoes the name and the address (never the password).
#[cfg(feature = "ssr")]
pub(super) fn new_account(
    display_name: &str,
    email: &str,
    password: &str,
) -> Result<crate::backend::accounts::invitations::SignUp, AppError> {
    use super::fields;
    use crate::domain::accounts::{DisplayName, Email, NewPassword};
    use crate::error::FormErrors;
    let mut errors =
        FormErrors::with_input([(fields::DISPLAY_NAME, display_name), (fields::EMAIL, email)]);
    let display_name =
        DisplayName::parse(display_name).map_err(|k| errors.add(fields::DISPLAY_NAME, k));
    let email = Email::parse(email).map_err(|k| errors.add(fields::EMAIL, k));
    let password = NewPassword::parse(password).map_err(|k| errors.add(fields::PASSWORD, k));
    match (display_name, email, password) {
        (Ok(display_name), Ok(email), Ok(password)) => {
            Ok(crate::backend::accounts::invitations::SignUp {
                display_name,
                email,
                password,
            })
        }
        _ => Err(AppError::Invalid(errors)),
    }
}

/// What a refused new account echoes: the name and the address, as parsed
/// (never the password).
#[cfg(feature = "ssr")]
pub(super) fn shown(
    input: &crate::backend::accounts::invitations::SignUp,
) -> [(&'static str, String); 2] {
    [
        (
            super::fields::DISPLAY_NAME,
            input.display_name.as_str().to_owned(),
        ),
        (super::fields::EMAIL, input.email.as_str().to_owned()),
    ]
}

/// An account's refusal, echoing what was typed.
#[cfg(feature = "ssr")]
pub(super) fn echoing(
    err: crate::backend::accounts::error::AccountError,
    shown: &[(&'static str, String)],
) -> AppError {
    let input: Vec<(&str, &str)> = shown.iter().map(|(k, v)| (*k, v.as_str())).collect();
    AppError::from(err).echoing(&input)
}
