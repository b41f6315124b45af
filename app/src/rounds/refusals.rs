//! Rounds' failures in the web's terms: the field each refusal points at
//! and its message; the rest as the status a browser expects. The cause of
//! an internal failure is logged (by `StoreError`'s mapping), once.

use super::fields;
use crate::backend::rounds::error::{Action, Problem, RoundError};
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;

/// Where a problem of what was typed shows, and how it reads.
fn said(problem: Problem) -> (&'static str, Key) {
    use Problem as P;
    match problem {
        P::DeadlineMissing => (fields::DEADLINE, Key::ErrRequired),
        P::DeadlinePast => (fields::DEADLINE, Key::ErrDeadlinePast),
        P::DeadlineTooFar => (fields::DEADLINE, Key::ErrDeadlineTooFar),
        P::DeadlineNotLater => (fields::DEADLINE, Key::ErrDeadlineNotLater),
        P::DomainsUnknown => (fields::DOMAINS, Key::ErrUnknownDomain),
        P::DomainUnknown => (fields::DOMAIN_ID, Key::ErrUnknownDomain),
        P::InviteesMissing => (fields::INVITEES, Key::ErrRequired),
        P::ColleagueUnknown => (fields::INVITEES, Key::ErrUnknownColleague),
        P::ColleagueAmbiguous => (fields::INVITEES, Key::ErrAmbiguousColleague),
        P::AuthorsAnswer => (fields::KIND, Key::ErrAuthorsAnswer),
        P::AnswersNotAMine => (fields::ANSWERS, Key::ErrNotAMineOfThisIdea),
    }
}

/// The form a refusal about `action` points at.
fn field_of(action: Action) -> &'static str {
    match action {
        Action::Triage => fields::TRIAGE,
        Action::Close => fields::SYNTHESIS,
        Action::Respond => fields::CONTRIBUTION,
    }
}

impl From<RoundError> for AppError {
    fn from(err: RoundError) -> AppError {
        use RoundError as E;
        let refuse = FormErrors::refuse;
        match err {
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::SignInNeeded => AppError::Unauthorized,
            E::Invalid(problems) => {
                let mut errors = FormErrors::default();
                for (field, message) in problems.into_iter().map(said) {
                    errors.add(field, message);
                }
                AppError::Invalid(errors)
            }
            E::IdeaNotPublished => refuse(fields::ROUND, Key::ErrIdeaNotPublished),
            E::AlreadyOpen => refuse(fields::ROUND, Key::ErrRoundAlreadyOpen),
            E::NotOpen(action) => {
                refuse(action.map_or(fields::ROUND, field_of), Key::ErrRoundNotOpen)
            }
            E::NotAccepting => refuse(fields::ROUND, Key::ErrRoundNotAccepting),
            E::DeadlineFixed => refuse(fields::DEADLINE, Key::ErrRoundNotAccepting),
            E::RevealInWorkshop => refuse(fields::FORM, Key::ErrRevealInWorkshop),
            E::NotRevealedYet(action) => refuse(field_of(action), Key::ErrNotRevealedYet),
            E::Hidden(action) => refuse(field_of(action), Key::ErrContributionHidden),
            E::NotAMine(action) => refuse(field_of(action), Key::ErrNotAMineOfThisIdea),
            E::Grouped => refuse(field_of(Action::Triage), Key::ErrMineGrouped),
            E::OwnContribution => refuse(fields::CONTRIBUTION, Key::ErrOwnContribution),
            E::AlreadyEndorsed => refuse(fields::CONTRIBUTION, Key::ErrAlreadyEndorsed),
            E::NotAWorkaroundHere => refuse(fields::WORKAROUND, Key::ErrNotAWorkaroundHere),
            E::MinesUntriaged => refuse(fields::SYNTHESIS, Key::ErrMinesUntriaged),
            E::LessonsRequired => refuse(fields::NOTE, Key::ErrLessonsRequired),
            E::Idea(err) => err.into(),
            E::Store(err) => err.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields_said(err: RoundError) -> Vec<(String, Key)> {
        let err = AppError::from(err);
        let errors = err.form_errors().expect("a form refusal");
        assert!(errors.input.is_empty(), "the mapping echoes nothing");
        errors
            .fields
            .iter()
            .map(|f| (f.field.clone(), f.message))
            .collect()
    }

    fn one(field: &str, key: Key) -> Vec<(String, Key)> {
        vec![(field.to_owned(), key)]
    }

    #[test]
    fn every_problem_of_a_form_is_reported_next_to_its_field() {
        let said = fields_said(RoundError::Invalid(vec![
            Problem::DeadlinePast,
            Problem::DomainsUnknown,
            Problem::ColleagueUnknown,
        ]));
        assert_eq!(
            said,
            vec![
                ("deadline".to_owned(), Key::ErrDeadlinePast),
                ("domains".to_owned(), Key::ErrUnknownDomain),
                ("invitees".to_owned(), Key::ErrUnknownColleague),
            ]
        );
    }

    #[test]
    fn a_refusal_points_at_the_form_the_person_used() {
        use Action::*;
        assert_eq!(
            fields_said(RoundError::NotRevealedYet(Triage)),
            one("triage", Key::ErrNotRevealedYet)
        );
        assert_eq!(
            fields_said(RoundError::NotRevealedYet(Close)),
            one("synthesis", Key::ErrNotRevealedYet)
        );
        assert_eq!(
            fields_said(RoundError::Hidden(Respond)),
            one("contribution", Key::ErrContributionHidden)
        );
        assert_eq!(
            fields_said(RoundError::NotOpen(None)),
            one("round", Key::ErrRoundNotOpen)
        );
        assert_eq!(
            fields_said(RoundError::DeadlineFixed),
            one("deadline", Key::ErrRoundNotAccepting)
        );
    }

    #[test]
    fn what_a_person_cannot_act_on_is_a_status_not_a_message() {
        assert_eq!(AppError::from(RoundError::NotFound), AppError::NotFound);
        assert_eq!(AppError::from(RoundError::Forbidden), AppError::Forbidden);
        assert_eq!(
            AppError::from(RoundError::SignInNeeded),
            AppError::Unauthorized
        );
        assert_eq!(
            AppError::from(RoundError::Idea(
                crate::backend::ideas::error::IdeaError::NotFound
            )),
            AppError::NotFound
        );
    }
}
