//! What a person chooses about their e-mail: for each kind of message, at
//! once, in a digest or never, and how often the digest comes.

use super::round_views::NotificationKind;
use super::rounds::stored_enum;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// When a kind of message is sent.
    Delivery {
        AtOnce => ("now", DeliveryAtOnce),
        Digest => ("digest", DeliveryDigest),
        Never => ("never", DeliveryNever),
    }
}

stored_enum! {
    /// How often the digest comes (nothing is sent when it would be empty).
    DigestEvery {
        Daily => ("daily", DigestDaily),
        Weekly => ("weekly", DigestWeekly),
    }
}

impl Delivery {
    /// Quiet by default: at once only what asks something of the person
    /// or answers them (a round calling them, a workshop they are asked to
    /// starting, their idea's mines to answer, the round they wrote in
    /// revealed, their mine answered, what became of the idea they
    /// de-mined); the rest waits for the digest.
    pub fn default_for(kind: NotificationKind) -> Delivery {
        match kind {
            NotificationKind::RoundInvitation
            | NotificationKind::DomainCalled
            | NotificationKind::WorkshopStarted
            | NotificationKind::MinesToAnswer
            | NotificationKind::RoundRevealed
            | NotificationKind::MineTriaged
            | NotificationKind::IdeaOutcome => Delivery::AtOnce,
            NotificationKind::RoundClosed => Delivery::Digest,
        }
    }
}

/// The kinds of message a person chooses about, in the order the settings
/// page lists them, with what each is.
pub fn kind_label(kind: NotificationKind) -> Key {
    match kind {
        NotificationKind::RoundInvitation => Key::MailKindInvited,
        NotificationKind::DomainCalled => Key::MailKindDomainCalled,
        NotificationKind::RoundRevealed => Key::MailKindRevealed,
        NotificationKind::MineTriaged => Key::MailKindTriaged,
        NotificationKind::RoundClosed => Key::MailKindClosed,
        NotificationKind::MinesToAnswer => Key::MailKindMinesToAnswer,
        NotificationKind::WorkshopStarted => Key::MailKindWorkshopStarted,
        NotificationKind::IdeaOutcome => Key::MailKindIdeaOutcome,
    }
}

/// A person's e-mail settings, as the settings page shows and sends them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettings {
    /// Every kind, with the person's choice (or its default).
    pub choices: Vec<(NotificationKind, Delivery)>,
    pub digest_every: DigestEvery,
    /// Where the messages go, shown for information.
    pub address: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_label_and_quiet_defaults() {
        for kind in NotificationKind::ALL {
            let _ = kind_label(kind);
        }
        assert_eq!(
            Delivery::default_for(NotificationKind::RoundClosed),
            Delivery::Digest
        );
        assert_eq!(Delivery::parse("now"), Some(Delivery::AtOnce));
        assert_eq!(DigestEvery::parse("weekly"), Some(DigestEvery::Weekly));
        assert_eq!(Delivery::parse("sometimes"), None);
    }
}
