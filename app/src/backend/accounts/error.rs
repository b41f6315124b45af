//! What can go wrong with accounts and the organisation they belong to, in
//! their own terms. The web side (`crate::accounts::refusals`) says which
//! field each refusal belongs to and how it reads.

use crate::backend::ctx::NotSignedIn;
use crate::backend::store::StoreError;
use crate::backend::throttle::ThrottleError;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Nothing of the caller's organisation by that name: an unknown, used
    /// or expired link, another organisation's person or domain.
    #[error("not found")]
    NotFound,
    /// Someone who is not an administrator.
    #[error("not allowed")]
    Forbidden,
    /// The signed-in person is no longer there.
    #[error("not signed in")]
    SignInNeeded,
    /// Setup is done already: an active administrator exists.
    #[error("already set up")]
    AlreadySetUp,
    /// Approving someone who is not waiting for it.
    #[error("not pending")]
    NotPending,
    /// An administrator changing their own account.
    #[error("own account")]
    OwnAccount,
    /// A reset link for a person who is not active.
    #[error("account not active")]
    ResetInactive,
    /// Log-in: unknown address or wrong password (never says which).
    #[error("bad credentials")]
    BadCredentials,
    /// Log-in: the right password of a deactivated account.
    #[error("account deactivated")]
    Deactivated,
    /// Log-in: too many failures for this address, wait.
    #[error("slowed down")]
    SlowedDown,
    /// Changing one's password: the current one given is not it.
    #[error("wrong current password")]
    WrongCurrentPassword,
    /// Too many attempts from this caller.
    #[error("rate limited, retry after {retry_after_secs}s")]
    TooManyTries { retry_after_secs: u64 },
    /// An account holds the address already.
    #[error("address taken")]
    EmailTaken,
    /// Inviting by e-mail someone who has an account already.
    #[error("invitee has an account")]
    InviteeHasAccount,
    /// No organisation accepts requests from the address's domain.
    #[error("e-mail domain closed")]
    EmailDomainClosed,
    /// Another organisation accepts this e-mail domain.
    #[error("e-mail domain taken")]
    EmailDomainTaken,
    /// The organisation has an expertise domain of that name.
    #[error("domain name taken")]
    DomainNameTaken,
    /// A profile naming a domain its organisation does not offer.
    #[error("unknown expertise domain")]
    UnknownDomains,
    /// An absence's last day missing, past, or too far ahead (the message
    /// says which).
    #[error("absence's last day refused")]
    AwayUntil(crate::i18n::Key),
    /// No place to hash a password in time: the server is too busy.
    #[error("too busy to hash")]
    Busy,
    /// Hashing failed (the hasher, or its task).
    #[error("{0}")]
    Hashing(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ThrottleError> for AccountError {
    fn from(err: ThrottleError) -> AccountError {
        match err {
            ThrottleError::Limited { retry_after_secs } => {
                AccountError::TooManyTries { retry_after_secs }
            }
            ThrottleError::Store(err) => err.into(),
        }
    }
}

impl From<NotSignedIn> for AccountError {
    fn from(_: NotSignedIn) -> AccountError {
        AccountError::SignInNeeded
    }
}
