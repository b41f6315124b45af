//! Accounts' and organisations' failures in the web's terms: the field each
//! refusal points at and its message; the rest as the status a browser
//! expects. The cause of an internal failure is logged here, once.
//!
//! A refusal echoes nothing: the server function that knows what was typed
//! attaches it (`AppError::echoing`).

use super::fields;
use crate::backend::accounts::error::AccountError;
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;
use crate::organisation::fields as organisation;

impl From<AccountError> for AppError {
    fn from(err: AccountError) -> AppError {
        use AccountError as E;
        let refuse = FormErrors::refuse;
        match err {
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::SignInNeeded => AppError::Unauthorized,
            E::AlreadySetUp | E::NotPending => AppError::Conflict,
            E::OwnAccount => refuse(fields::USER_ID, Key::ErrOwnAccount),
            E::ResetInactive => refuse(fields::USER_ID, Key::ErrResetInactive),
            E::BadCredentials => refuse(fields::PASSWORD, Key::ErrBadCredentials),
            E::Deactivated => refuse(fields::EMAIL, Key::ErrAccountDeactivated),
            E::SlowedDown => refuse(fields::PASSWORD, Key::ErrLoginSlowedDown),
            E::WrongCurrentPassword => {
                refuse(fields::CURRENT_PASSWORD, Key::ErrWrongCurrentPassword)
            }
            E::TooManyTries { retry_after_secs } => AppError::RateLimited { retry_after_secs },
            E::EmailTaken => refuse(fields::EMAIL, Key::ErrEmailTaken),
            E::InviteeHasAccount => refuse(fields::EMAIL, Key::ErrInviteeHasAccount),
            E::EmailDomainClosed => refuse(fields::EMAIL, Key::ErrEmailDomainClosed),
            E::EmailDomainTaken => refuse(organisation::EMAIL_DOMAINS, Key::ErrEmailDomainTaken),
            E::DomainNameTaken => refuse(organisation::DOMAIN_NAME, Key::ErrDomainTaken),
            E::UnknownDomains => refuse(fields::DOMAINS, Key::ErrInvalid),
            E::AwayUntil(key) => refuse(fields::AWAY_UNTIL, key),
            E::Busy => AppError::Unavailable,
            E::Hashing(err) => {
                tracing::error!(error = %err, "unexpected error");
                AppError::Internal
            }
            E::Store(err) => err.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(err: AccountError) -> (String, Key) {
        let err = AppError::from(err);
        let errors = err.form_errors().expect("a form refusal");
        assert!(errors.input.is_empty(), "the mapping echoes nothing");
        let field = &errors.fields[0];
        (field.field.clone(), field.message)
    }

    #[test]
    fn a_log_in_refusal_is_on_the_password_unless_the_account_is_closed() {
        assert_eq!(
            said(AccountError::BadCredentials),
            ("password".into(), Key::ErrBadCredentials)
        );
        assert_eq!(
            said(AccountError::SlowedDown),
            ("password".into(), Key::ErrLoginSlowedDown)
        );
        assert_eq!(
            said(AccountError::Deactivated),
            ("email".into(), Key::ErrAccountDeactivated)
        );
    }

    #[test]
    fn a_wrong_current_password_is_said_next_to_it() {
        assert_eq!(
            said(AccountError::WrongCurrentPassword),
            ("current_password".into(), Key::ErrWrongCurrentPassword)
        );
    }

    #[test]
    fn each_refusal_points_at_the_field_its_form_shows() {
        assert_eq!(
            said(AccountError::EmailTaken),
            ("email".into(), Key::ErrEmailTaken)
        );
        assert_eq!(
            said(AccountError::EmailDomainClosed),
            ("email".into(), Key::ErrEmailDomainClosed)
        );
        assert_eq!(
            said(AccountError::OwnAccount),
            ("user_id".into(), Key::ErrOwnAccount)
        );
        assert_eq!(
            said(AccountError::ResetInactive),
            ("user_id".into(), Key::ErrResetInactive)
        );
        assert_eq!(
            said(AccountError::EmailDomainTaken),
            ("email_domains".into(), Key::ErrEmailDomainTaken)
        );
        assert_eq!(
            said(AccountError::DomainNameTaken),
            ("name".into(), Key::ErrDomainTaken)
        );
        assert_eq!(
            said(AccountError::UnknownDomains),
            ("domains".into(), Key::ErrInvalid)
        );
    }

    #[test]
    fn what_a_person_cannot_act_on_is_a_status_not_a_message() {
        assert_eq!(AppError::from(AccountError::NotFound), AppError::NotFound);
        assert_eq!(AppError::from(AccountError::Forbidden), AppError::Forbidden);
        assert_eq!(
            AppError::from(AccountError::SignInNeeded),
            AppError::Unauthorized
        );
        assert_eq!(
            AppError::from(AccountError::AlreadySetUp),
            AppError::Conflict
        );
        assert_eq!(AppError::from(AccountError::NotPending), AppError::Conflict);
        assert_eq!(AppError::from(AccountError::Busy), AppError::Unavailable);
        assert_eq!(
            AppError::from(AccountError::Hashing("salt".into())),
            AppError::Internal
        );
        assert_eq!(
            AppError::from(AccountError::TooManyTries {
                retry_after_secs: 30
            }),
            AppError::RateLimited {
                retry_after_secs: 30
            }
        );
    }
}
