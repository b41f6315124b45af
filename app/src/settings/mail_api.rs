//! A person's e-mail settings, and unsubscribing from a message's link.

// `save_mail_settings` takes one argument per radio group of the form, as a
// browser without JavaScript posts it (named fields, not a structure); the
// server function macro writes the client's copy of it too.
#![allow(clippy::too_many_arguments)]

use crate::domain::mail::MailSettings;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's e-mail settings. Signed-in people only.
#[server(endpoint = "get_mail_settings")]
pub async fn get_mail_settings() -> Result<MailSettings, AppError> {
    use crate::backend::mail::preferences;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    preferences::settings(&ctx(&state)).await.map_err(fail)
}

/// Saves the caller's e-mail settings: one choice per kind of message
/// (`now`, `digest` or `never`, a field named after the kind) and the
/// digest's rhythm. A kind left out keeps its choice. Signed-in people
/// only; a value the form never offers is refused next to its field.
#[server(endpoint = "save_mail_settings")]
pub async fn save_mail_settings(
    digest_every: String,
    round_invitation: Option<String>,
    domain_called: Option<String>,
    round_revealed: Option<String>,
    mine_triaged: Option<String>,
    round_closed: Option<String>,
    mines_to_answer: Option<String>,
    workshop_started: Option<String>,
    idea_outcome: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::mail::preferences;
    use crate::domain::mail::{Delivery, DigestEvery};
    use crate::domain::round_views::NotificationKind;
    use crate::error::FormErrors;
    use crate::i18n::Key;
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    let given = [
        (NotificationKind::RoundInvitation, round_invitation),
        (NotificationKind::DomainCalled, domain_called),
        (NotificationKind::RoundRevealed, round_revealed),
        (NotificationKind::MineTriaged, mine_triaged),
        (NotificationKind::RoundClosed, round_closed),
        (NotificationKind::MinesToAnswer, mines_to_answer),
        (NotificationKind::WorkshopStarted, workshop_started),
        (NotificationKind::IdeaOutcome, idea_outcome),
    ];
    let mut errors = FormErrors::default();
    let mut choices = Vec::new();
    for (kind, raw) in given {
        let Some(raw) = raw else { continue };
        match Delivery::parse(&raw) {
            Some(delivery) => choices.push((kind, delivery)),
            None => errors.add(kind.as_str(), Key::ErrUnknownChoice),
        }
    }
    let every = DigestEvery::parse(&digest_every);
    if every.is_none() {
        errors.add(super::DIGEST_EVERY, Key::ErrUnknownChoice);
    }
    let Some(every) = every.filter(|_| errors.is_empty()) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    preferences::save(&ctx(&state), &choices, every)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("{}?ok", super::MAIL_SETTINGS_PATH));
    Ok(())
}

/// What an unsubscribe link stops, if its signature is good: the words
/// naming it. Open to anyone: the signature is the secret.
#[server(endpoint = "unsubscribe_link_is_good")]
pub async fn unsubscribe_link_is_good(
    u: i64,
    k: String,
    s: String,
) -> Result<Option<String>, AppError> {
    use crate::backend::mail::unsubscribe::{is_signed, secret, Stop};
    use crate::i18n::{t, use_locale};
    use crate::web::http::{fail, state};
    let state = state();
    let Some(stop) = Stop::parse(&k) else {
        return Ok(None);
    };
    let secret = secret(&state.db).await.map_err(|e| {
        fail(AppError::from(
            crate::backend::accounts::error::AccountError::from(e),
        ))
    })?;
    if !is_signed(&secret, u, stop, &s) {
        return Ok(None);
    }
    let locale = use_locale();
    Ok(Some(match stop {
        Stop::Kind(kind) => t(locale, crate::domain::mail::kind_label(kind)).to_owned(),
        Stop::Digest => t(locale, crate::i18n::Key::MailKindDigest).to_owned(),
    }))
}
