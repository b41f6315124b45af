//! E-mail. A service never sends anything itself: it queues a message in
//! the transaction of what caused it ([`outbox::queue`]), so a write rolled
//! back sends nothing and a write acknowledged loses nothing. A background
//! task on every instance ([`sender`]) claims what is due in the database
//! and sends it through SMTP or, with none configured, into a folder of
//! `.eml` files ([`transport`]).
//!
//! What each message says is written in [`letter`] (plain text and HTML,
//! no remote image, no tracking) by the parts that know its cause:
//! [`notices`] for what the in-app notifications tell, the accounts'
//! services for their links (a reset, an invitation, a request approved).

pub mod compose;
pub mod digest;
pub mod letter;
pub mod notices;
pub mod outbox;
pub mod preferences;
pub mod sender;
pub mod transport;
pub mod unsubscribe;

pub use lettre::message::Mailbox;

/// What a message is, stored with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    /// A link to choose a new password, asked for on the log-in page.
    PasswordReset,
    /// An invitation link, sent by an administrator.
    Invitation,
    /// A request to join, approved: the way in.
    JoinApproved,
    /// What an in-app notification tells.
    Notice(crate::domain::round_views::NotificationKind),
    /// What a person chose to read together, daily or weekly.
    Digest,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::PasswordReset => "password_reset",
            MailKind::Invitation => "invitation",
            MailKind::JoinApproved => "join_approved",
            MailKind::Notice(kind) => kind.as_str(),
            MailKind::Digest => "digest",
        }
    }
}
