use crate::domain::organisation::OrganisationSettings;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's organisation settings. Administrators only.
#[server(endpoint = "get_organisation_settings")]
pub async fn get_organisation_settings() -> Result<OrganisationSettings, AppError> {
    use crate::backend::organisations;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    organisations::settings(&ctx(&state)).await.map_err(fail)
}

/// Renames the organisation and sets the e-mail domains whose addresses may
/// ask to join. Administrators only.
#[server(endpoint = "update_organisation")]
pub async fn update_organisation(
    name: String,
    email_domains: String,
    domains_needed: String,
) -> Result<(), AppError> {
    use super::fields;
    use crate::backend::organisations;
    use crate::domain::accounts::OrganisationName;
    use crate::domain::organisation::EmailDomains;
    use crate::error::FormErrors;
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    let mut errors = FormErrors::with_input([
        (fields::NAME, name.as_str()),
        (fields::EMAIL_DOMAINS, email_domains.as_str()),
        (fields::DOMAINS_NEEDED, domains_needed.as_str()),
    ]);
    let name = OrganisationName::parse(&name).map_err(|k| errors.add(fields::NAME, k));
    let domains =
        EmailDomains::parse(&email_domains).map_err(|k| errors.add(fields::EMAIL_DOMAINS, k));
    let needed = domains_needed
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=20).contains(n));
    if needed.is_none() {
        errors.add(
            fields::DOMAINS_NEEDED,
            crate::i18n::Key::ErrDomainsNeededRange,
        );
    }
    let (Ok(name), Ok(domains), Some(needed)) = (name, domains, needed) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    // A domain taken meanwhile comes back with the name and the domains as
    // parsed.
    let shown = [name.as_str().to_owned(), domains.to_stored()];
    let state = state();
    organisations::update(&ctx(&state), name, domains, needed)
        .await
        .map_err(|e| {
            let input = [
                (fields::NAME, shown[0].as_str()),
                (fields::EMAIL_DOMAINS, shown[1].as_str()),
            ];
            fail(AppError::from(e).echoing(&input))
        })?;
    back_to_settings();
    Ok(())
}

/// Adds an expertise domain to the organisation's list. Administrators only.
#[server(endpoint = "add_domain")]
pub async fn add_domain(name: String) -> Result<(), AppError> {
    use super::fields;
    use crate::backend::expertise;
    use crate::domain::organisation::DomainName;
    use crate::error::FormErrors;
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    let name = DomainName::parse(&name).map_err(|k| {
        let mut errors = FormErrors::with_input([(fields::DOMAIN_NAME, name.as_str())]);
        errors.add(fields::DOMAIN_NAME, k);
        fail(AppError::Invalid(errors))
    })?;
    let shown = name.as_str().to_owned();
    let state = state();
    expertise::add(&ctx(&state), name)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&[(fields::DOMAIN_NAME, shown.as_str())])))?;
    back_to_settings();
    Ok(())
}

/// Renames one of the organisation's domains. Administrators only.
#[server(endpoint = "rename_domain")]
pub async fn rename_domain(domain_id: i64, name: String) -> Result<(), AppError> {
    use super::fields;
    use crate::backend::expertise;
    use crate::domain::organisation::DomainName;
    use crate::error::FormErrors;
    use crate::i18n::Key;
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    // The refusal names the domain, so the page shows it by the right field.
    let which = domain_id.to_string();
    let refused = |key: Key| {
        let mut errors = FormErrors::with_input([
            (fields::DOMAIN_ID, which.as_str()),
            (fields::DOMAIN_NAME, name.as_str()),
        ]);
        errors.add(fields::DOMAIN_NAME, key);
        fail(AppError::Invalid(errors))
    };
    let parsed = DomainName::parse(&name).map_err(refused)?;
    let state = state();
    expertise::rename(&ctx(&state), domain_id, parsed)
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Invalid(errors) => refused(
                errors
                    .message_for(fields::DOMAIN_NAME)
                    .unwrap_or(Key::ErrInvalid),
            ),
            other => fail(other),
        })?;
    back_to_settings();
    Ok(())
}

/// Takes a domain off the organisation's list. Administrators only.
#[server(endpoint = "retire_domain")]
pub async fn retire_domain(domain_id: i64, confirm: Option<String>) -> Result<(), AppError> {
    use crate::backend::expertise;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    let state = state();
    expertise::retire(&ctx(&state), domain_id)
        .await
        .map_err(fail)?;
    back_to_settings();
    Ok(())
}

#[cfg(feature = "ssr")]
fn back_to_settings() {
    leptos_axum::redirect(&format!("{}?ok", super::ORGANISATION_PATH));
}
