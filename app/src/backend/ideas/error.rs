//! What can go wrong with an idea, in the ideas' own terms. The web side
//! (`crate::ideas::refusals`) says which field each refusal belongs to and
//! how it reads.

use crate::backend::ctx::NotSignedIn;
use crate::backend::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum IdeaError {
    /// No such idea for this caller: another organisation's, or a draft
    /// the caller does not write (its existence is not revealed).
    #[error("no such idea")]
    NotFound,
    /// A reader of a published idea who may not do this (edit, answer an
    /// invitation they do not have).
    #[error("not allowed")]
    Forbidden,
    /// An edit based on an older revision: never merged silently.
    #[error("edited meanwhile")]
    Stale,
    /// The person invited to co-author is not an active colleague.
    #[error("not a colleague")]
    NotAColleague,
    /// The person invited writes the idea already, or was invited before.
    #[error("already a co-author")]
    AlreadyCoauthor,
    /// Nobody signed in.
    #[error("not signed in")]
    SignInNeeded,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<NotSignedIn> for IdeaError {
    fn from(_: NotSignedIn) -> IdeaError {
        IdeaError::SignInNeeded
    }
}
