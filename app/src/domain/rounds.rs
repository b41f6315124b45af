//! Démining rounds: what a round, a contribution and a triage are made of,
//! and the checks their input goes through. Plain types and rules; the
//! services in `backend::rounds` store them.

use super::ideas::paragraph;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// An enum stored as a short English word, with its French label. On the
/// server it is also a typed column (sea-orm's `ActiveEnum`): an entity's
/// field holds the enum itself, and a word the code does not know fails
/// the read instead of turning silently into a default.
macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => ($text:literal, $label:ident)),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
        pub enum $name {
            $(
                #[cfg_attr(feature = "ssr", sea_orm(string_value = $text))]
                $variant
            ),*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value stored in the database and sent by forms.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),*
                }
            }

            pub fn parse(raw: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == raw)
            }

            pub fn label(self) -> Key {
                match self {
                    $($name::$variant => Key::$label),*
                }
            }

            /// The name serde gives the value in JSON (the variant's), read
            /// back where the browser parses JSON without serde (the
            /// workshop's live events).
            pub fn from_serde_name(raw: &str) -> Option<$name> {
                match raw {
                    $(stringify!($variant) => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use stored_enum;

stored_enum! {
    /// How a round runs: online until a deadline, or live in a workshop.
    RoundMode {
        Async => ("async", RoundModeAsync),
        Live => ("live", RoundModeLive),
    }
}

stored_enum! {
    /// Where a round stands. Whether it is revealed is computed from the
    /// deadline when read (see [`is_revealed`]).
    RoundStatus {
        Open => ("open", RoundOpen),
        Closed => ("closed", RoundClosed),
        Cancelled => ("cancelled", RoundCancelled),
    }
}

stored_enum! {
    /// What a contribution is.
    ContributionKind {
        Mine => ("mine", KindMine),
        Workaround => ("workaround", KindWorkaround),
        Question => ("question", KindQuestion),
        Resource => ("resource", KindResource),
        HelpOffer => ("help_offer", KindHelpOffer),
        AllClear => ("all_clear", KindAllClear),
    }
}

stored_enum! {
    /// How serious a mine is.
    Severity {
        Blocking => ("blocking", SeverityBlocking),
        Serious => ("serious", SeveritySerious),
        Watch => ("watch", SeverityWatch),
    }
}

stored_enum! {
    /// The author's answer to a mine.
    TriageKind {
        Defused => ("defused", TriageDefused),
        Accepted => ("accepted", TriageAccepted),
        ToInvestigate => ("investigate", TriageToInvestigate),
        Dismissed => ("dismissed", TriageDismissed),
    }
}

stored_enum! {
    /// Where the authors took the idea, whatever its stage.
    Outcome {
        Launched => ("launched", OutcomeLaunched),
        Parked => ("parked", OutcomeParked),
        Dropped => ("dropped", OutcomeDropped),
    }
}

impl ContributionKind {
    /// Kinds that name a domain (a mine, or nothing to report for one).
    pub fn needs_domain(self) -> bool {
        matches!(self, ContributionKind::Mine | ContributionKind::AllClear)
    }

    /// Kinds an author of the idea may post on it: answers, not objections.
    pub fn open_to_authors(self) -> bool {
        matches!(
            self,
            ContributionKind::Workaround | ContributionKind::Resource | ContributionKind::Question
        )
    }
}

impl Outcome {
    /// Its name in the idea list's address (`/idees?issue=abandonnee`).
    pub fn slug(self) -> &'static str {
        match self {
            Outcome::Launched => "lancee",
            Outcome::Parked => "en-sommeil",
            Outcome::Dropped => "abandonnee",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Outcome> {
        Self::ALL.iter().copied().find(|o| o.slug() == slug)
    }
}

impl TriageKind {
    /// Whether a blocking mine so triaged stops blocking.
    pub fn settles_blocking(self) -> bool {
        matches!(self, TriageKind::Defused | TriageKind::Accepted)
    }
}

/// A contribution's, a reply's or a synthesis' text: 1 to 2 000 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionText(String);

impl ContributionText {
    pub const MAX_CHARS: usize = 2000;

    pub fn parse(raw: &str) -> Result<ContributionText, Key> {
        let text = paragraph(raw, Self::MAX_CHARS)?;
        if text.is_empty() {
            return Err(Key::ErrRequired);
        }
        Ok(ContributionText(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The question a round asks: 1 to 300 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FocusQuestion(String);

impl FocusQuestion {
    pub const MAX_CHARS: usize = 300;

    pub fn parse(raw: &str) -> Result<FocusQuestion, Key> {
        let text = paragraph(raw, Self::MAX_CHARS)?;
        if text.is_empty() {
            return Err(Key::ErrRequired);
        }
        Ok(FocusQuestion(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A resource's link: an http(s) address of at most 500 characters, or
/// nothing.
pub fn parse_link(raw: &str) -> Result<Option<String>, Key> {
    let link = raw.trim();
    if link.is_empty() {
        return Ok(None);
    }
    let scheme_ok = link.starts_with("https://") || link.starts_with("http://");
    let chars_ok = !link.chars().any(|c| c.is_whitespace() || c.is_control());
    if !scheme_ok || !chars_ok || link.len() > 500 || !link.contains('.') {
        return Err(Key::ErrInvalidLink);
    }
    Ok(Some(link.to_owned()))
}

/// A short free text (who investigates): 1 to 120 characters.
pub fn parse_owner(raw: &str) -> Result<String, Key> {
    super::accounts::parse_text(raw, 120)
}

/// A due date typed as `AAAA-MM-JJ` (what `<input type="date">` sends).
#[cfg(feature = "ssr")]
pub fn parse_due(raw: &str) -> Result<chrono::NaiveDate, Key> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Key::ErrRequired);
    }
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| Key::ErrInvalidDate)
}

/// Whether a round's contributions are shown to everyone: once revealed (by
/// hand, by its workshop's reveal phase, or by the deadline job, which all
/// set `revealed_at`), once an open round's deadline has passed (before the
/// job gets to it), or once closed (closing needs the reveal). Cancelling a
/// round or ending its workshop reveals nothing by itself: a round cancelled
/// in silence stays silent. The one rule every view, export, event and
/// server function goes through.
#[cfg(feature = "ssr")]
pub fn is_revealed(
    status: RoundStatus,
    revealed_at: Option<chrono::DateTime<chrono::Utc>>,
    deadline: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    revealed_at.is_some()
        || status == RoundStatus::Closed
        || (status == RoundStatus::Open && deadline.is_some_and(|d| d <= now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_words_round_trip_and_are_distinct() {
        for kind in ContributionKind::ALL {
            assert_eq!(ContributionKind::parse(kind.as_str()), Some(*kind));
        }
        for triage in TriageKind::ALL {
            assert_eq!(TriageKind::parse(triage.as_str()), Some(*triage));
        }
        assert_eq!(Severity::parse("critical"), None);
        assert_eq!(Outcome::parse("dropped"), Some(Outcome::Dropped));
    }

    #[test]
    fn texts_are_capped_and_required() {
        assert_eq!(ContributionText::parse("  "), Err(Key::ErrRequired));
        assert_eq!(
            ContributionText::parse(&"a".repeat(2001)),
            Err(Key::ErrTooLong)
        );
        assert!(ContributionText::parse(&"é".repeat(2000)).is_ok());
        assert_eq!(
            ContributionText::parse("a\u{202E}b"),
            Err(Key::ErrInvisibleCharacters)
        );
        assert_eq!(FocusQuestion::parse(&"q".repeat(301)), Err(Key::ErrTooLong));
    }

    #[test]
    fn links_must_be_web_addresses() {
        assert_eq!(parse_link(""), Ok(None));
        assert_eq!(
            parse_link(" https://www.legifrance.gouv.fr/x "),
            Ok(Some("https://www.legifrance.gouv.fr/x".into()))
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://x.fr",
            "https://a b.fr",
            "https://localhost",
        ] {
            assert_eq!(parse_link(bad), Err(Key::ErrInvalidLink), "{bad}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn due_dates_are_calendar_days() {
        assert!(parse_due("2026-12-15").is_ok());
        assert_eq!(parse_due("15/12/2026"), Err(Key::ErrInvalidDate));
        assert_eq!(parse_due(""), Err(Key::ErrRequired));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_round_is_revealed_by_hand_by_its_deadline_or_by_its_closing() {
        use chrono::{Duration, TimeZone, Utc};
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap();
        let later = Some(now + Duration::hours(1));
        let earlier = Some(now - Duration::hours(1));
        assert!(!is_revealed(RoundStatus::Open, None, later, now));
        assert!(is_revealed(RoundStatus::Open, Some(now), later, now));
        assert!(is_revealed(RoundStatus::Open, None, Some(now), now));
        assert!(is_revealed(RoundStatus::Closed, None, None, now));
        assert!(!is_revealed(RoundStatus::Open, None, None, now));
        // Cancelling reveals nothing, even once the deadline has gone by:
        // the cancellation records the reveal when there was one.
        assert!(!is_revealed(RoundStatus::Cancelled, None, later, now));
        assert!(!is_revealed(RoundStatus::Cancelled, None, earlier, now));
        assert!(is_revealed(RoundStatus::Cancelled, earlier, earlier, now));
    }
}
