use crate::domain::organisation::Profile;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's profile and the domains their organisation offers.
/// Signed-in people only.
#[server(endpoint = "get_profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    use crate::backend::accounts::profile;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    profile::get(&ctx(&state)).await.map_err(fail)
}

/// Saves the caller's own profile. Signed-in people only; the domains must
/// be their organisation's. Checkboxes send `domains[]` once per ticked
/// domain, and nothing at all when none is ticked. (Plain arguments, not a
/// flattened struct: flattening loses the numbers' types in form decoding.)
#[server(endpoint = "update_profile")]
pub async fn update_profile(
    display_name: String,
    service: String,
    #[server(default)] domains: Vec<i64>,
    availability: Option<String>,
    away_until: Option<String>,
) -> Result<(), AppError> {
    use crate::accounts::fields;
    use crate::backend::accounts::profile::{self, ProfileUpdate};
    use crate::domain::accounts::DisplayName;
    use crate::domain::directory::Availability;
    use crate::domain::organisation::ServiceName;
    use crate::error::FormErrors;
    use crate::i18n::Key;
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    let (availability, away_until) = (
        availability.unwrap_or_default(),
        away_until.unwrap_or_default(),
    );
    let typed = [
        (fields::DISPLAY_NAME, display_name.as_str()),
        (fields::SERVICE, service.as_str()),
        (fields::AVAILABILITY, availability.as_str()),
        (fields::AWAY_UNTIL, away_until.as_str()),
    ];
    let mut errors = FormErrors::with_input(typed);
    let display_name =
        DisplayName::parse(&display_name).map_err(|k| errors.add(fields::DISPLAY_NAME, k));
    let service = ServiceName::parse(&service).map_err(|k| errors.add(fields::SERVICE, k));
    // No choice sent (a form from before availability) keeps it as is.
    let available = match availability.as_str() {
        "" => Ok(None),
        word => Availability::parse(word)
            .map(Some)
            .ok_or_else(|| errors.add(fields::AVAILABILITY, Key::ErrInvalid)),
    };
    // A date input sends 2026-12-24; typed by hand (no date picker), the
    // French way is taken too.
    let last_day = match away_until.trim() {
        "" => Ok(None),
        day => chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .or_else(|_| chrono::NaiveDate::parse_from_str(day, "%d/%m/%Y"))
            .map(Some)
            .map_err(|_| errors.add(fields::AWAY_UNTIL, Key::ErrInvalidDate)),
    };
    let (Ok(display_name), Ok(service), Ok(availability), Ok(away_until)) =
        (display_name, service, available, last_day)
    else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let input = ProfileUpdate {
        display_name,
        service,
        domain_ids: domains,
        availability,
        away_until,
    };
    let state = state();
    profile::update(&ctx(&state), input)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&typed)))?;
    leptos_axum::redirect(&format!("{}?ok", super::PROFILE_PATH));
    Ok(())
}

/// Changes the caller's own password: the current one must be right (wrong
/// guesses are slowed down like wrong log-ins); every session of theirs
/// ends and this device gets a new one. Signed-in people only. Nothing
/// typed is echoed.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::accounts::fields;
    use crate::backend::accounts::error::AccountError;
    use crate::backend::accounts::password_change::change_own;
    use crate::domain::accounts::NewPassword;
    use crate::error::FormErrors;
    use crate::i18n::Key;
    use crate::web::http::{client_ip, ctx, fail, require_signed_in, set_session_cookie, state};

    require_signed_in().map_err(fail)?;
    let mut errors = FormErrors::default();
    if current_password.is_empty() {
        errors.add(fields::CURRENT_PASSWORD, Key::ErrRequired);
    }
    let new = NewPassword::parse(&new_password).map_err(|k| errors.add(fields::NEW_PASSWORD, k));
    let (Ok(new), true) = (new, errors.is_empty()) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let token = change_own(&ctx(&state), &current_password, &new, &client_ip())
        .await
        .map_err(|err| match err {
            // The log-in's slow-down, said next to the field typed here.
            AccountError::SlowedDown => fail(FormErrors::refuse(
                fields::CURRENT_PASSWORD,
                Key::ErrLoginSlowedDown,
            )),
            other => fail(other),
        })?;
    set_session_cookie(&token);
    // Back to the section, where the confirmation is.
    leptos_axum::redirect(&format!(
        "{}?{}#{}",
        super::PROFILE_PATH,
        super::PASSWORD_CHANGED,
        super::PASSWORD_SECTION
    ));
    Ok(())
}
