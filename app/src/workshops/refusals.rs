//! A workshop's failures in the web's terms: the field each refusal points
//! at and its message; the rest as the status a browser expects. The cause
//! of an internal failure is logged here, once.

use super::fields;
use crate::backend::workshops::error::WorkshopError;
use crate::domain::round_forms::ContributionForm;
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;

impl From<WorkshopError> for AppError {
    fn from(err: WorkshopError) -> AppError {
        use WorkshopError as E;
        let refuse = FormErrors::refuse;
        match err {
            E::NotFound | E::NotInWorkshop => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::SignInNeeded => AppError::Unauthorized,
            E::Ended => refuse(fields::WORKSHOP, Key::ErrWorkshopEnded),
            E::Removed => refuse(fields::WORKSHOP, Key::ErrParticipantRemoved),
            E::ConsoleElsewhere => refuse(fields::CONSOLE, Key::ErrConsoleElsewhere),
            E::NeedsLiveRound => refuse(fields::ROUND, Key::ErrWorkshopNeedsLiveRound),
            E::WritingOver => refuse(ContributionForm::BODY, Key::ErrPostNotSent),
            E::NotVotingTime => refuse(fields::DOTS, Key::ErrNotVotingTime),
            E::NoDotsLeft => refuse(fields::DOTS, Key::ErrNoDotsLeft),
            E::DotsTooLate => refuse(fields::DOTS, Key::ErrDotsTooLate),
            E::CardsTooLate => refuse(fields::CARDS, Key::ErrCardsTooLate),
            E::NoDomainsForCards => refuse(fields::CARDS, Key::ErrCardsNoDomains),
            E::NotForTheBoard => refuse(fields::BOARD, Key::ErrNotForTheBoard),
            E::NotGroupingTime => refuse(fields::GROUPING, Key::ErrNotGroupingTime),
            E::NotGroupable => refuse(fields::GROUPING, Key::ErrNotGroupable),
            E::NotSameDomain => refuse(fields::GROUPING, Key::ErrNotSameDomain),
            E::NotAWayAround => refuse(ContributionForm::BODY, Key::ErrNotAWayAround),
            E::CodeMissing => refuse(fields::CODE, Key::ErrRequired),
            E::CodeUnknown => refuse(fields::CODE, Key::ErrWorkshopCodeUnknown),
            E::JoiningLocked => refuse(fields::CODE, Key::ErrJoiningLocked),
            E::Full => refuse(fields::CODE, Key::ErrWorkshopFull),
            E::NameNeeded => refuse(fields::NAME, Key::ErrRequired),
            E::TooManyTries { retry_after_secs } => AppError::RateLimited { retry_after_secs },
            E::NoFreeCode | E::QrCode(_) => {
                tracing::error!(error = %err, "workshop failure");
                AppError::Internal
            }
            E::Round(err) => err.into(),
            E::Store(err) => err.into(),
        }
    }
}

/// The same failure as the join page shows it: being out of the room is
/// said at the code, and a refused name with the reason its check gave.
pub fn on_join_page(err: WorkshopError, name_refused: Option<Key>) -> AppError {
    match err {
        WorkshopError::NameNeeded => {
            FormErrors::refuse(fields::NAME, name_refused.unwrap_or(Key::ErrRequired))
        }
        WorkshopError::Removed => FormErrors::refuse(fields::CODE, Key::ErrParticipantRemoved),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(err: AppError) -> (String, Key) {
        let errors = err.form_errors().expect("a form refusal");
        let field = &errors.fields[0];
        (field.field.clone(), field.message)
    }

    #[test]
    fn each_refusal_points_at_the_field_its_form_shows() {
        let post = AppError::from(WorkshopError::WritingOver);
        assert_eq!(said(post), ("body".into(), Key::ErrPostNotSent));
        let dots = AppError::from(WorkshopError::NoDotsLeft);
        assert_eq!(said(dots), ("dots".into(), Key::ErrNoDotsLeft));
        let removed = AppError::from(WorkshopError::Removed);
        assert_eq!(
            said(removed),
            ("workshop".into(), Key::ErrParticipantRemoved)
        );
    }

    #[test]
    fn the_join_page_says_it_at_the_code_or_the_name() {
        let removed = on_join_page(WorkshopError::Removed, None);
        assert_eq!(said(removed), ("code".into(), Key::ErrParticipantRemoved));
        let long = on_join_page(WorkshopError::NameNeeded, Some(Key::ErrTooLong));
        assert_eq!(said(long), ("name".into(), Key::ErrTooLong));
        let unknown = on_join_page(WorkshopError::CodeUnknown, None);
        assert_eq!(said(unknown), ("code".into(), Key::ErrWorkshopCodeUnknown));
    }

    #[test]
    fn what_a_person_cannot_act_on_is_a_status_not_a_message() {
        assert_eq!(AppError::from(WorkshopError::NotFound), AppError::NotFound);
        assert_eq!(
            AppError::from(WorkshopError::SignInNeeded),
            AppError::Unauthorized
        );
        assert_eq!(
            AppError::from(WorkshopError::NoFreeCode),
            AppError::Internal
        );
        assert_eq!(
            AppError::from(WorkshopError::TooManyTries {
                retry_after_secs: 30
            }),
            AppError::RateLimited {
                retry_after_secs: 30
            }
        );
    }
}
