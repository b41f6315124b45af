//! What can go wrong in a démining round, in the rounds' own terms. The web
//! side (`crate::rounds::refusals`) says which field each refusal belongs
//! to and how it reads.

use crate::backend::ctx::NotSignedIn;
use crate::backend::ideas::error::IdeaError;
use crate::backend::store::StoreError;

/// What the person was doing when a round refused: the same refusal
/// points at the form they used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Triaging a mine.
    Triage,
    /// Closing the round with its synthesis.
    Close,
    /// Reacting to a revealed contribution: endorsing, replying, proposing
    /// a way around.
    Respond,
}

/// One thing wrong with what was typed; several are reported together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    DeadlineMissing,
    DeadlinePast,
    /// Beyond [`super::opening::MAX_DAYS`].
    DeadlineTooFar,
    /// An extension must move the deadline later.
    DeadlineNotLater,
    /// A domain asked for when opening the round that the organisation
    /// does not offer.
    DomainsUnknown,
    /// The one domain chosen (called, or a contribution's) is not offered.
    DomainUnknown,
    /// Asking people by name, with no name.
    InviteesMissing,
    /// A name that is no active colleague's.
    ColleagueUnknown,
    /// A name two active colleagues share: their address says which.
    ColleagueAmbiguous,
    /// An author answers their idea's mines; they do not raise any.
    AuthorsAnswer,
    /// The mine answered is not one of this idea's that the caller can read.
    AnswersNotAMine,
}

/// The problems found so far in a form; none means it may go on.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn add(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// `Ok` when nothing was found, the whole list otherwise.
    pub fn into_result(self) -> Result<(), RoundError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(RoundError::Invalid(self.0))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    /// No such round or contribution for this caller: another
    /// organisation's, one on a draft they do not write, or someone else's
    /// contribution before the reveal (its existence is not revealed).
    #[error("no such round or contribution")]
    NotFound,
    /// Someone who may read it but not do this (not an author, not a
    /// moderator, not the contribution's writer).
    #[error("not allowed")]
    Forbidden,
    #[error("not signed in")]
    SignInNeeded,
    /// What was typed does not hold, for these reasons.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<Problem>),
    /// A round opens on a published idea only.
    #[error("idea not published")]
    IdeaNotPublished,
    /// One round open per idea.
    #[error("a round is open already")]
    AlreadyOpen,
    /// The round has ended (closed or cancelled); `None` when the round's
    /// own settings were being changed.
    #[error("round not open")]
    NotOpen(Option<Action>),
    /// The round is revealed (or ended): no more contributions, edits or
    /// people asked.
    #[error("round not accepting contributions")]
    NotAccepting,
    /// The deadline of a revealed or live round cannot move.
    #[error("deadline fixed")]
    DeadlineFixed,
    /// A round run by a live workshop is revealed from its console.
    #[error("reveal belongs to the workshop")]
    RevealInWorkshop,
    #[error("not revealed yet")]
    NotRevealedYet(Action),
    /// The contribution was hidden by a moderator.
    #[error("contribution hidden")]
    Hidden(Action),
    /// The contribution named is not a mine of this idea.
    #[error("not a mine")]
    NotAMine(Action),
    /// A duplicate grouped under another mine is triaged with its group,
    /// at that mine.
    #[error("grouped under another mine")]
    Grouped,
    /// Nobody endorses their own contribution.
    #[error("own contribution")]
    OwnContribution,
    #[error("already endorsed")]
    AlreadyEndorsed,
    /// The way around chosen is not a visible workaround of this idea.
    #[error("not a workaround of this idea")]
    NotAWorkaroundHere,
    /// A round closes once every mine of it is triaged.
    #[error("mines left to triage")]
    MinesUntriaged,
    /// Dropping an idea asks for the lessons learned.
    #[error("lessons required")]
    LessonsRequired,
    /// A refusal of the idea the round belongs to.
    #[error(transparent)]
    Idea(#[from] IdeaError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<NotSignedIn> for RoundError {
    fn from(_: NotSignedIn) -> RoundError {
        RoundError::SignInNeeded
    }
}
