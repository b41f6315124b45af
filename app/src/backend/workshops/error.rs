//! What can go wrong in a workshop, in the room's terms. The web side
//! (`crate::workshops::refusals`) says which field each refusal belongs to
//! and how it reads.

use crate::backend::ctx::NotSignedIn;
use crate::backend::ideas::error::IdeaError;
use crate::backend::rounds::error::RoundError;
use crate::backend::store::StoreError;
use crate::backend::throttle::ThrottleError;

#[derive(Debug, thiserror::Error)]
pub enum WorkshopError {
    /// No such workshop for this caller: another organisation's, or
    /// another workshop's guest asking.
    #[error("no such workshop")]
    NotFound,
    /// A member of the organisation who may not do this: not in the room,
    /// or not someone who may facilitate.
    #[error("not allowed")]
    Forbidden,
    /// Nobody signed in, or a guest cookie that names nobody.
    #[error("not signed in")]
    SignInNeeded,
    /// The workshop has ended.
    #[error("workshop ended")]
    Ended,
    /// The facilitator removed this person from the room.
    #[error("removed from the room")]
    Removed,
    /// Another device holds the console.
    #[error("console held elsewhere")]
    ConsoleElsewhere,
    /// A workshop runs a live round that still takes contributions.
    #[error("round not live")]
    NeedsLiveRound,
    /// A post outside the writing (or its grace in the reveal), or on a
    /// round no longer open.
    #[error("writing is over")]
    WritingOver,
    #[error("not the vote")]
    NotVotingTime,
    #[error("no dots left")]
    NoDotsLeft,
    /// Dots are set before the vote.
    #[error("vote begun")]
    DotsTooLate,
    /// Cards are dealt before the reveal.
    #[error("reveal begun")]
    CardsTooLate,
    /// The round names no domain to deal as cards.
    #[error("no domains to deal")]
    NoDomainsForCards,
    /// The person who does not belong to the room named does not exist in
    /// it (a participant to remove, a mine to vote on).
    #[error("not in this workshop")]
    NotInWorkshop,
    /// The board shows no contribution before the reveal, and puts only a
    /// mine of the round in focus.
    #[error("not for the board")]
    NotForTheBoard,
    /// Grouping happens in its own step, chosen at the start.
    #[error("not the grouping step")]
    NotGroupingTime,
    /// Only a visible mine goes under another one, never under itself.
    #[error("not groupable")]
    NotGroupable,
    /// Only mines of one domain are grouped.
    #[error("not the same domain")]
    NotSameDomain,
    /// A workaround proposed while ways around are sought answers a
    /// visible mine of the round.
    #[error("not a way around a mine")]
    NotAWayAround,
    /// Joining: no code typed.
    #[error("no code")]
    CodeMissing,
    /// Joining: no running workshop of the caller's organisation has it.
    #[error("unknown code")]
    CodeUnknown,
    #[error("joining locked")]
    JoiningLocked,
    #[error("workshop full")]
    Full,
    /// A new guest gave no acceptable name.
    #[error("no acceptable name")]
    NameNeeded,
    /// Too many wrong codes from this address.
    #[error("rate limited, retry after {retry_after_secs}s")]
    TooManyTries { retry_after_secs: u64 },
    /// No free join code was found (20 random draws all taken).
    #[error("no free code")]
    NoFreeCode,
    /// The join address could not be drawn as a QR code.
    #[error("QR code: {0}")]
    QrCode(String),
    /// A refusal of the round the workshop runs (a contribution checked,
    /// a reveal, a hide), in the rounds' own terms.
    #[error(transparent)]
    Round(#[from] RoundError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<NotSignedIn> for WorkshopError {
    fn from(_: NotSignedIn) -> WorkshopError {
        WorkshopError::SignInNeeded
    }
}

impl From<ThrottleError> for WorkshopError {
    fn from(err: ThrottleError) -> WorkshopError {
        match err {
            ThrottleError::Limited { retry_after_secs } => {
                WorkshopError::TooManyTries { retry_after_secs }
            }
            ThrottleError::Store(err) => err.into(),
        }
    }
}

impl From<IdeaError> for WorkshopError {
    fn from(err: IdeaError) -> WorkshopError {
        WorkshopError::Round(RoundError::Idea(err))
    }
}
