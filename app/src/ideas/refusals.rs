//! Ideas' failures in the web's terms: the field each refusal points at and
//! its message; the rest as the status a browser expects. The cause of an
//! internal failure is logged (by `StoreError`'s mapping), once.

use super::fields;
use crate::backend::ideas::error::IdeaError;
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;

impl From<IdeaError> for AppError {
    fn from(err: IdeaError) -> AppError {
        use IdeaError as E;
        match err {
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::SignInNeeded => AppError::Unauthorized,
            E::Stale => AppError::Conflict,
            E::NotAColleague => FormErrors::refuse(fields::COAUTHOR, Key::ErrNotAColleague),
            E::AlreadyCoauthor => FormErrors::refuse(fields::COAUTHOR, Key::ErrAlreadyCoauthor),
            E::Store(err) => err.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(err: IdeaError) -> (String, Key) {
        let err = AppError::from(err);
        let errors = err.form_errors().expect("a form refusal");
        let field = &errors.fields[0];
        (field.field.clone(), field.message)
    }

    #[test]
    fn an_invitation_refused_points_at_the_colleague_chosen() {
        assert_eq!(
            said(IdeaError::NotAColleague),
            ("user_id".into(), Key::ErrNotAColleague)
        );
        assert_eq!(
            said(IdeaError::AlreadyCoauthor),
            ("user_id".into(), Key::ErrAlreadyCoauthor)
        );
    }

    #[test]
    fn what_a_person_cannot_act_on_is_a_status_not_a_message() {
        assert_eq!(AppError::from(IdeaError::NotFound), AppError::NotFound);
        assert_eq!(AppError::from(IdeaError::Forbidden), AppError::Forbidden);
        assert_eq!(AppError::from(IdeaError::Stale), AppError::Conflict);
    }
}
